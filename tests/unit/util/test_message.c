/* Unit tests: terminal-safe messages (message.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/message.h"

/* What passim_message_put writes for s[0..n), as a malloc'd string. */
static char *put(const char *s, size_t n)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    passim_message_put(f, s, n);
    assert_int_equal(fclose(f), 0);
    return buf;
}

/* expect_put for a string without NUL bytes. */
#define EXPECT(in, want) expect_put((in), strlen(in), (want))

static void expect_put(const char *in, size_t n, const char *want)
{
    char *got = put(in, n);
    assert_string_equal(got, want);
    free(got);
}

static void test_plain_text_unchanged(void **state)
{
    (void)state;
    EXPECT("corpus/a b.txt", "corpus/a b.txt");
    EXPECT("Bi\xc3\xaan H\xc3\xb2" "a \xe2\x80\x94 \xf0\x9f\x93\xb0",
               "Bi\xc3\xaan H\xc3\xb2" "a \xe2\x80\x94 \xf0\x9f\x93\xb0");
    EXPECT("back\\slash", "back\\slash");
}

static void test_controls_escaped(void **state)
{
    (void)state;
    EXPECT("a\nb", "a\\x0ab");
    EXPECT("\r\t\x1b[31m", "\\x0d\\x09\\x1b[31m");
    expect_put("nul\0x", 5, "nul\\x00x");
    EXPECT("del\x7f", "del\\x7f");
    /* C1 controls, valid UTF-8 (U+009B is CSI on some terminals). */
    EXPECT("\xc2\x9b" "2J \xc2\x85", "\\xc2\\x9b2J \\xc2\\x85");
    /* U+00A0 is the first character past C1: kept. */
    EXPECT("\xc2\xa0", "\xc2\xa0");
}

static void test_invalid_utf8_escaped(void **state)
{
    (void)state;
    EXPECT("bad\xff\xfe", "bad\\xff\\xfe");
    EXPECT("caf\xe9.txt", "caf\\xe9.txt");          /* Latin-1 */
    EXPECT("\xc0\xaf", "\\xc0\\xaf");                /* overlong '/' */
    EXPECT("\xed\xa0\x80", "\\xed\\xa0\\x80");        /* a surrogate */
    EXPECT("\xe2\x80", "\\xe2\\x80");                /* cut short */
    EXPECT("\xe2\x80" "a", "\\xe2\\x80a");           /* resync */
    EXPECT("\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80"); /* past U+10FFFF */
}

static void test_print_is_one_line(void **state)
{
    (void)state;
    char *buf = NULL, big[3000];
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    passim_message_print(f, "prog: %s: %s", "x\ny", "why");
    memset(big, 'a', sizeof big - 2);
    big[sizeof big - 2] = '\n';
    big[sizeof big - 1] = '\0';
    passim_message_print(f, "long: %s", big); /* past the stack buffer */
    assert_int_equal(fclose(f), 0);
    assert_memory_equal(buf, "prog: x\\x0ay: why\nlong: aaa", 27);
    assert_int_equal(len, 18 + 6 + (sizeof big - 2) + 4 + 1);
    assert_string_equal(buf + len - 5, "\\x0a\n");
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_text_unchanged),
        cmocka_unit_test(test_controls_escaped),
        cmocka_unit_test(test_invalid_utf8_escaped),
        cmocka_unit_test(test_print_is_one_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
