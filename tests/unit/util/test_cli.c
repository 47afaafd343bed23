/* Unit tests: exit codes, option values and usage messages (cli.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/cli.h"

static void test_exit_code_every_status(void **state)
{
    (void)state;
    static const struct {
        passim_status st;
        int code;
    } want[] = {
        {PASSIM_OK, PASSIM_EXIT_OK},
        {PASSIM_ENOMEM, PASSIM_EXIT_ERROR},
        {PASSIM_EIO, PASSIM_EXIT_ERROR},
        {PASSIM_ENOTFOUND, PASSIM_EXIT_NOTFOUND},
        {PASSIM_ELOCKED, PASSIM_EXIT_LOCKED},
        {PASSIM_ECORRUPT, PASSIM_EXIT_CORRUPT},
        {PASSIM_EQUERY, PASSIM_EXIT_USAGE},
        {PASSIM_ERETRY, PASSIM_EXIT_ERROR},
        {PASSIM_EINVAL, PASSIM_EXIT_USAGE},
        {PASSIM_ENETWORK, PASSIM_EXIT_ERROR},
        {PASSIM_ETOOBIG, PASSIM_EXIT_ERROR},
        {PASSIM_EINTERNAL, PASSIM_EXIT_ERROR},
    };
    size_t n = sizeof want / sizeof want[0];
    assert_int_equal(n, PASSIM_EINTERNAL + 1); /* every code listed */
    for (size_t i = 0; i < n; i++)
        assert_int_equal(passim_exit_code(want[i].st), want[i].code);
    /* The documented numbers. */
    assert_int_equal(PASSIM_EXIT_OK, 0);
    assert_int_equal(PASSIM_EXIT_ERROR, 1);
    assert_int_equal(PASSIM_EXIT_USAGE, 2);
    assert_int_equal(PASSIM_EXIT_NOTFOUND, 3);
    assert_int_equal(PASSIM_EXIT_LOCKED, 4);
    assert_int_equal(PASSIM_EXIT_CORRUPT, 5);
    assert_int_equal(PASSIM_EXIT_PARTIAL, 6);
    /* An unknown value is an error, never success. */
    assert_int_equal(passim_exit_code((passim_status)999), PASSIM_EXIT_ERROR);
}

static void expect_uint(const char *s, uint32_t max, uint32_t want)
{
    uint32_t v = 12345;
    assert_int_equal(passim_parse_uint(&v, s, max), 0);
    assert_int_equal(v, want);
}

static void expect_bad(const char *s, uint32_t max)
{
    uint32_t v = 12345;
    assert_int_equal(passim_parse_uint(&v, s, max), -1);
    assert_int_equal(v, 12345); /* untouched */
}

static void test_parse_uint_ranges(void **state)
{
    (void)state;
    expect_uint("0", 0, 0);
    expect_uint("0", 10, 0);
    expect_uint("10", 10, 10);
    expect_uint("007", 10, 7);
    expect_uint("4294967295", UINT32_MAX, UINT32_MAX);
    expect_bad("11", 10);
    expect_bad("1", 0);
    expect_bad("4294967296", UINT32_MAX);
    expect_bad("18446744073709551615", UINT32_MAX);
    expect_bad("18446744073709551616", UINT32_MAX); /* past unsigned long long */
    expect_bad("99999999999999999999999", UINT32_MAX);
}

static void test_parse_uint_syntax(void **state)
{
    (void)state;
    expect_bad(NULL, 10);
    expect_bad("", 10);
    expect_bad("-1", 10);
    expect_bad("-0", 10);
    expect_bad("+1", 10);
    expect_bad(" 1", 10);
    expect_bad("1 ", 10);
    expect_bad("1x", 10);
    expect_bad("0x10", 100);
    expect_bad("1.5", 10);
    expect_bad("1e2", 1000);
    expect_bad("\t3", 10);
    expect_bad("3\n", 10);
}

/* What fn(arg) writes on stderr, as a malloc'd string; *ret is its value. */
static char *capture_stderr(int (*fn)(void *), void *arg, int *ret)
{
    char path[] = "/tmp/passim-cli-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    unlink(path);
    fflush(stderr);
    int saved = dup(2);
    assert_true(saved >= 0);
    assert_int_equal(dup2(fd, 2), 2);
    *ret = fn(arg);
    fflush(stderr);
    assert_int_equal(dup2(saved, 2), 2);
    close(saved);
    off_t n = lseek(fd, 0, SEEK_END);
    assert_true(n >= 0);
    char *buf = calloc(1, (size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(pread(fd, buf, (size_t)n, 0), n);
    close(fd);
    return buf;
}

static int usage_plain(void *arg)
{
    (void)arg;
    return passim_cli_usage("passim-search", "--limit: '%s' is not a number", "ten");
}

static int usage_control(void *arg)
{
    (void)arg;
    return passim_cli_usage("passim-index", "bad value '%s'", "a\nb\x1b[2J");
}

static void test_cli_usage(void **state)
{
    (void)state;
    int ret = -1;
    char *out = capture_stderr(usage_plain, NULL, &ret);
    assert_int_equal(ret, PASSIM_EXIT_USAGE);
    assert_string_equal(out, "passim-search: --limit: 'ten' is not a number\n"
                             "Try 'passim-search --help'.\n");
    free(out);

    /* Control characters in the message are escaped, not written raw. */
    out = capture_stderr(usage_control, NULL, &ret);
    assert_int_equal(ret, PASSIM_EXIT_USAGE);
    assert_null(strchr(out, '\x1b'));
    assert_non_null(strstr(out, "passim-index: bad value 'a"));
    assert_non_null(strstr(out, "\nTry 'passim-index --help'.\n"));
    /* Exactly two lines. */
    size_t lines = 0;
    for (const char *p = out; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 2);
    free(out);
}

typedef struct badopt {
    int argc;
    char **argv;
    const char *want;
} badopt;

static const struct option long_opts[] = {
    {"limit", required_argument, NULL, 'n'},
    {"json", no_argument, NULL, 'j'},
    {NULL, 0, NULL, 0},
};

/* Run getopt_long over argv until it refuses an option, then report it. */
static int run_getopt(void *arg)
{
    badopt *b = arg;
    optind = 0; /* glibc: full reinitialisation */
    opterr = 0;
    int ch;
    while ((ch = getopt_long(b->argc, b->argv, ":n:j", long_opts, NULL)) != -1)
        if (ch == '?' || ch == ':')
            return passim_cli_bad_option("prog", ch, b->argc, b->argv, long_opts);
    return -1;
}

static void expect_bad_option(const char *a1, const char *a2, const char *want)
{
    char p0[] = "prog", b1[64], b2[64];
    char *argv[] = {p0, b1, a2 ? b2 : NULL, NULL};
    snprintf(b1, sizeof b1, "%s", a1);
    if (a2)
        snprintf(b2, sizeof b2, "%s", a2);
    badopt b = {a2 ? 3 : 2, argv, want};
    int ret = 0;
    char *out = capture_stderr(run_getopt, &b, &ret);
    assert_int_equal(ret, PASSIM_EXIT_USAGE);
    assert_string_equal(out, want);
    free(out);
}

static void test_cli_bad_option(void **state)
{
    (void)state;
    expect_bad_option("--frobnicate", NULL,
                      "prog: unknown option '--frobnicate'\nTry 'prog --help'.\n");
    expect_bad_option("--limit", NULL,
                      "prog: option '--limit' needs a value\nTry 'prog --help'.\n");
    expect_bad_option("--json=yes", NULL,
                      "prog: option '--json' takes no value\nTry 'prog --help'.\n");
    expect_bad_option("-x", NULL, "prog: unknown option '-x'\nTry 'prog --help'.\n");
    expect_bad_option("-n", NULL, "prog: option '-n' needs a value\nTry 'prog --help'.\n");
    /* A control character in an unknown option is written \xHH, as in every
     * message (message.h), never raw. */
    expect_bad_option("--a\x1b" "b", NULL,
                      "prog: unknown option '--a\\x1bb'\nTry 'prog --help'.\n");
}

/* What passim_show_query_error writes, as a malloc'd string. */
static char *show(const char *query, size_t offset)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    passim_show_query_error(f, query, offset);
    assert_int_equal(fclose(f), 0);
    return buf;
}

static void test_show_query_error(void **state)
{
    (void)state;
    char *s = show("a AND (b", 6);
    assert_string_equal(s, "  a AND (b\n        ^\n");
    free(s);
    s = show("x", 0);
    assert_string_equal(s, "  x\n  ^\n");
    free(s);
    /* The caret counts characters, not bytes: "é" is two bytes. */
    s = show("caf\xc3\xa9 )", 6);
    assert_string_equal(s, "  caf\xc3\xa9 )\n       ^\n");
    free(s);
    /* Control characters are shown as spaces. */
    s = show("a\tb\nc", 4);
    assert_string_equal(s, "  a b c\n      ^\n");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exit_code_every_status),
        cmocka_unit_test(test_parse_uint_ranges),
        cmocka_unit_test(test_parse_uint_syntax),
        cmocka_unit_test(test_cli_usage),
        cmocka_unit_test(test_cli_bad_option),
        cmocka_unit_test(test_show_query_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
