/* Unit tests: strings from the index written as valid UTF-8, each byte
 * that is not part of valid UTF-8 as \xHH (utf8out.h), and back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/cgiparam.h"
#include "util/utf8out.h"

static const struct {
    const char *in;
    size_t len;
    const char *out;
    size_t out_len;
} CASES[] = {
    {"business/199.txt", 16, "business/199.txt", 16},
    {"caf\xe9.txt", 8, "caf\\xe9.txt", 11},                 /* Latin-1 */
    {"Bi\xc3\xaan H\xc3\xb2" "a", 10, "Bi\xc3\xaan H\xc3\xb2" "a", 10}, /* UTF-8 kept */
    {"\xc0\xbc", 2, "\\xc0\\xbc", 8},                       /* overlong '<' */
    {"\xed\xa0\x80", 3, "\\xed\\xa0\\x80", 12},             /* surrogate */
    {"\xe2\x80", 2, "\\xe2\\x80", 8},                       /* truncated */
    {"\xf4\x90\x80\x80", 4, "\\xf4\\x90\\x80\\x80", 16},    /* over U+10FFFF */
    {"a\\xe9", 5, "a\\xe9", 5},                             /* a backslash is kept */
    {"tab\tnul\0", 8, "tab\tnul\0", 8},                     /* controls are not ours */
    {"", 0, "", 0},
};

static void test_dup_and_write(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        size_t n = 0, wlen = 0;
        char *d = passim_utf8out_dup(&n, CASES[i].in, CASES[i].len);
        size_t want = CASES[i].out_len;
        assert_non_null(d);
        assert_int_equal(n, want);
        assert_memory_equal(d, CASES[i].out, want);
        assert_true(passim_utf8_valid(d, n));
        char *w = NULL;
        FILE *f = open_memstream(&w, &wlen);
        passim_utf8out_write(f, CASES[i].in, CASES[i].len);
        fclose(f);
        assert_int_equal(wlen, n);
        assert_memory_equal(w, d, n);
        free(w);
        free(d);
    }
}

static void test_unescape(void **state)
{
    (void)state;
    char s[] = "caf\\xe9 \\xC3\\xA9 \\x4 \\q \\";
    assert_true(passim_utf8out_has_escape(s, strlen(s)));
    size_t n = passim_utf8out_unescape(s, strlen(s));
    assert_int_equal(n, strlen("caf\xe9 \xc3\xa9 \\x4 \\q \\"));
    assert_string_equal(s, "caf\xe9 \xc3\xa9 \\x4 \\q \\");
    assert_false(passim_utf8out_has_escape("plain\\x4", 8));
    /* dup then unescape gives back the bytes */
    char *d = passim_utf8out_dup(NULL, "caf\xe9.txt", 8);
    assert_int_equal(passim_utf8out_unescape(d, strlen(d)), 8);
    assert_memory_equal(d, "caf\xe9.txt", 8);
    free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dup_and_write),
        cmocka_unit_test(test_unescape),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
