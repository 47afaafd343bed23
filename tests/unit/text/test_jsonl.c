/* Unit tests: JSON Lines records as articles — ids with control
 * characters are rejected, ordinary ids (accents, spaces) accepted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "text/jsonl.h"

static passim_status parse(const char *line, passim_article **art)
{
    return passim_jsonl_article(art, line, strlen(line));
}

static void rejects_control_characters_in_ids(void **state)
{
    static const char *bad[] = {
        "{\"id\": \"a\\nb\", \"text\": \"x\"}",       /* newline */
        "{\"id\": \"a\\rb\", \"text\": \"x\"}",       /* carriage return */
        "{\"id\": \"a\\tb\", \"text\": \"x\"}",       /* tab */
        "{\"id\": \"\\u001b[31m\", \"text\": \"x\"}", /* ESC */
        "{\"id\": \"a\\u007f\", \"text\": \"x\"}",    /* DEL */
        "{\"id\": \"a\\u0085b\", \"text\": \"x\"}",   /* NEL (C1) */
        "{\"id\": \"\\u009f\", \"text\": \"x\"}",     /* last C1 */
    };
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        passim_article *art = (passim_article *)1;
        assert_int_equal(parse(bad[i], &art), PASSIM_EINVAL);
        assert_null(art);
        assert_non_null(strstr(passim_error_msg(), "control character"));
    }
}

static void accepts_ordinary_ids(void **state)
{
    static const char *good[] = {
        "{\"id\": \"with space.txt\", \"text\": \"x\"}",
        "{\"id\": \"Bi\\u00ean H\\u00f2a/1\", \"text\": \"x\"}",
        "{\"id\": \"\\u00a0nbsp\", \"text\": \"x\"}", /* U+00A0 is not a control */
        "{\"id\": 42, \"text\": \"x\"}",
    };
    (void)state;
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        passim_article *art = NULL;
        assert_int_equal(parse(good[i], &art), PASSIM_OK);
        assert_non_null(art);
        passim_article_free(art);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rejects_control_characters_in_ids),
        cmocka_unit_test(accepts_ordinary_ids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
