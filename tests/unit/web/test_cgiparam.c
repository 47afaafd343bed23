/* Unit tests: decoding and validating web search parameters (cgiparam.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/cgiparam.h"

/* Parse a query string; returns the status, *p filled (caller releases). */
static passim_status parse(passim_cgi_params *p, const char *qs)
{
    passim_cgi_params_init(p);
    return passim_cgi_parse_query_string(p, qs, strlen(qs));
}

/* A request that must be accepted, and what it must decode to. */
typedef struct good_case {
    const char *qs;
    const char *q; /* NULL: no query */
    uint32_t offset, page, n, per;
    int format;
    const char *from, *to;
} good_case;

static const good_case GOOD[] = {
    {"", NULL, 0, 1, 10, 3, PASSIM_CGI_HTML, "", ""},
    {"q=Bien+Hoa", "Bien Hoa", 0, 1, 10, 3, PASSIM_CGI_HTML, "", ""},
    {"q=%22Bien%20Hoa%22", "\"Bien Hoa\"", 0, 1, 10, 3, PASSIM_CGI_HTML, "", ""},
    {"q=Bi%C3%AAn+H%c3%b2a", "Bi\xC3\xAAn H\xC3\xB2" "a", 0, 1, 10, 3, PASSIM_CGI_HTML, "", ""},
    {"q=a%2Bb", "a+b", 0, 1, 10, 3, PASSIM_CGI_HTML, "", ""},
    {"q=a&n=20&page=3", "a", 40, 3, 20, 3, PASSIM_CGI_HTML, "", ""},
    {"page=3&n=20&q=a", "a", 40, 3, 20, 3, PASSIM_CGI_HTML, "", ""},
    {"q=a&offset=15", "a", 15, 2, 10, 3, PASSIM_CGI_HTML, "", ""},
    {"q=a&offset=0&page=", "a", 0, 1, 10, 3, PASSIM_CGI_HTML, "", ""},
    {"q=%09a%0D%0Ab%0A", "a  b", 0, 1, 10, 3, PASSIM_CGI_HTML, "", ""},
    {"q=+++", NULL, 0, 1, 10, 3, PASSIM_CGI_HTML, "", ""},
    {"q=", NULL, 0, 1, 10, 3, PASSIM_CGI_HTML, "", ""},
    {"q=x&format=json&per=1", "x", 0, 1, 10, 1, PASSIM_CGI_JSON, "", ""},
    {"format=html&per=10&n=100&page=6", NULL, 500, 6, 100, 10, PASSIM_CGI_HTML, "", ""},
    {"from=2024-02-29&to=2024-03-01", NULL, 0, 1, 10, 3, PASSIM_CGI_HTML,
     "2024-02-29", "2024-03-01"},
    {"from=2000-02-29&to=2000-02-29", NULL, 0, 1, 10, 3, PASSIM_CGI_HTML,
     "2000-02-29", "2000-02-29"},
    {"from=&to=&n=&per=&offset=", NULL, 0, 1, 10, 3, PASSIM_CGI_HTML, "", ""},
    {"utm_source=x&q=y&sid", "y", 0, 1, 10, 3, PASSIM_CGI_HTML, "", ""},
    {"&&q=x&&&n=5&", "x", 0, 1, 5, 3, PASSIM_CGI_HTML, "", ""},
    {"q=abc*+def*", "abc* def*", 0, 1, 10, 3, PASSIM_CGI_HTML, "", ""},
    {"q=%C3%A9t%C3%A9*", "\xC3\xA9t\xC3\xA9*", 0, 1, 10, 3, PASSIM_CGI_HTML, "", ""},
    {"q=((((((((a))))))))", "((((((((a))))))))", 0, 1, 10, 3, PASSIM_CGI_HTML, "", ""},
    {"q=(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)", "(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)", 0, 1, 10, 3,
     PASSIM_CGI_HTML, "", ""},
    {"q=%3Cscript%3E", "<script>", 0, 1, 10, 3, PASSIM_CGI_HTML, "", ""},
    {"q=a;n=5", "a;n=5", 0, 1, 10, 3, PASSIM_CGI_HTML, "", ""},
    {"q=%F0%9F%98%80", "\xF0\x9F\x98\x80", 0, 1, 10, 3, PASSIM_CGI_HTML, "", ""},
};

static void test_good_requests(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof GOOD / sizeof GOOD[0]; i++) {
        const good_case *c = &GOOD[i];
        passim_cgi_params p;
        passim_status st = parse(&p, c->qs);
        if (st != PASSIM_OK)
            fail_msg("rejected '%s': %s", c->qs, passim_error_msg());
        if (c->q) {
            assert_non_null(p.q);
            assert_string_equal(p.q, c->q);
            assert_int_equal(p.q_len, strlen(c->q));
        } else if (p.q) {
            fail_msg("'%s' gave a query '%s'", c->qs, p.q);
        }
        assert_int_equal(p.offset, c->offset);
        assert_int_equal(p.page, c->page);
        assert_int_equal(p.n, c->n);
        assert_int_equal(p.per, c->per);
        assert_int_equal(p.format, c->format);
        assert_string_equal(p.from, c->from);
        assert_string_equal(p.to, c->to);
        passim_cgi_params_release(&p);
        assert_null(p.q);
    }
}

/* Requests that must be refused with PASSIM_EINVAL. */
static const char *const BAD[] = {
    "q=%ZZ", "q=%", "q=a%4", "q=%G1", "%ZZ=1", "q=%%41",
    "q=%00", "q=a%00b", "q=%C0%AF", "q=%C1%BF", "q=%E0%80%AF", "q=%F0%80%80%AF",
    "q=%ED%A0%80", "q=%F4%90%80%80", "q=%E2%82", "q=%FF", "q=%80", "q=%F8%88%80%80%80",
    "q=%1B%5B31m", "q=%7F", "q=%08", "%FF=1", "x%00=1",
    "n=0", "n=101", "n=-1", "n=1e3", "n=99999999999", "n=+5", "n=5x", "n=0x10",
    "per=0", "per=11", "page=0", "page=52", "page=-1", "page=7&n=100",
    "offset=501", "offset=99999999999999999999", "page=2&offset=10",
    "page=2&offset=0",
    "from=2023-02-29", "from=2024-13-01", "from=24-01-01", "from=2024-1-01",
    "from=2024-01-32", "from=2024-04-31", "to=0000-01-01", "from=2024-01-01T00",
    "from=2024-01-01&to=2023-12-31", "from=2024%2D01%2D0a",
    "format=xml", "format=JSON", "format=json%00", "format=+json",
    "q=a&q=b", "n=5&n=5", "format=json&format=html",
    "q=a*", "q=*", "q=ab*", "q=abcd*+efgh*+ijkl*+mnop*+qrst*",
    "q=(((((((((a)))))))))",
};

static void test_bad_requests(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
        passim_cgi_params p;
        passim_status st = parse(&p, BAD[i]);
        if (st != PASSIM_EINVAL)
            fail_msg("'%s' gave status %d, not EINVAL", BAD[i], (int)st);
        assert_true(passim_error_msg()[0] != '\0');
        passim_cgi_params_release(&p);
    }
}

/* The message says which rule was broken. */
static void test_messages_name_the_rule(void **state)
{
    (void)state;
    struct { const char *qs, *needle; } cases[] = {
        {"n=101", "parameter n"},
        {"page=2&offset=3", "page or offset"},
        {"page=60", "cannot be paged"},
        {"from=2024-01-02&to=2024-01-01", "after"},
        {"q=%ZZ", "%-escape"},
        {"q=%C0%AF", "UTF-8"},
        {"format=xml", "format"},
        {"q=1+2+3", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        passim_cgi_params p;
        passim_status st = parse(&p, cases[i].qs);
        if (!cases[i].needle) {
            assert_int_equal(st, PASSIM_OK);
        } else {
            assert_int_equal(st, PASSIM_EINVAL);
            if (!strstr(passim_error_msg(), cases[i].needle))
                fail_msg("'%s': message '%s' lacks '%s'", cases[i].qs,
                         passim_error_msg(), cases[i].needle);
        }
        passim_cgi_params_release(&p);
    }
}

/* Messages never quote the input. */
static void test_messages_do_not_echo(void **state)
{
    (void)state;
    const char *qs[] = {"n=%3Cscript%3E", "from=%3Cb%3E", "format=%3Ci%3E",
                        "q=%3Cscript%3E%C0"};
    for (size_t i = 0; i < sizeof qs / sizeof qs[0]; i++) {
        passim_cgi_params p;
        assert_int_equal(parse(&p, qs[i]), PASSIM_EINVAL);
        assert_null(strchr(passim_error_msg(), '<'));
        passim_cgi_params_release(&p);
    }
}

/* Fill buf with "q=" and `words` words of `wlen` letters, space separated. */
static char *make_query(size_t words, size_t wlen, const char *sep)
{
    size_t cap = 3 + words * (wlen + strlen(sep)) + 1;
    char *s = malloc(cap), *p = s;
    assert_non_null(s);
    p += sprintf(p, "q=");
    for (size_t i = 0; i < words; i++) {
        if (i)
            p += sprintf(p, "%s", sep);
        for (size_t k = 0; k < wlen; k++)
            *p++ = (char)('a' + (i + k) % 26);
    }
    *p = '\0';
    return s;
}

static void test_query_limits(void **state)
{
    (void)state;
    passim_cgi_params p;
    char *s = make_query(PASSIM_CGI_MAX_Q_WORDS, 3, "+");
    assert_int_equal(parse(&p, s), PASSIM_OK);
    passim_cgi_params_release(&p);
    free(s);

    s = make_query(PASSIM_CGI_MAX_Q_WORDS + 1, 3, "+");
    assert_int_equal(parse(&p, s), PASSIM_EINVAL);
    assert_non_null(strstr(passim_error_msg(), "words"));
    passim_cgi_params_release(&p);
    free(s);

    /* Thousands of OR'd terms: over the word limit long before 8 KB. */
    s = make_query(2000, 1, "+OR+");
    assert_int_equal(parse(&p, s), PASSIM_ETOOBIG);
    passim_cgi_params_release(&p);
    s[1000] = '\0';
    assert_int_equal(parse(&p, s), PASSIM_EINVAL);
    passim_cgi_params_release(&p);
    free(s);

    /* Punctuation between words still separates them. */
    s = make_query(PASSIM_CGI_MAX_Q_WORDS + 1, 2, "%2C");
    assert_int_equal(parse(&p, s), PASSIM_EINVAL);
    passim_cgi_params_release(&p);
    free(s);

    /* Bytes: one word of the maximum length passes, one more byte fails. */
    s = make_query(1, PASSIM_CGI_MAX_Q_BYTES, "");
    assert_int_equal(parse(&p, s), PASSIM_OK);
    assert_int_equal(p.q_len, PASSIM_CGI_MAX_Q_BYTES);
    passim_cgi_params_release(&p);
    free(s);
    s = make_query(1, PASSIM_CGI_MAX_Q_BYTES + 1, "");
    assert_int_equal(parse(&p, s), PASSIM_EINVAL);
    assert_non_null(strstr(passim_error_msg(), "bytes"));
    passim_cgi_params_release(&p);
    free(s);

    /* Wildcards: the maximum passes, one more fails. */
    char buf[256];
    strcpy(buf, "q=");
    for (int i = 0; i < PASSIM_CGI_MAX_WILDCARDS; i++)
        strcat(buf, "abcd*+");
    assert_int_equal(parse(&p, buf), PASSIM_OK);
    passim_cgi_params_release(&p);
    strcat(buf, "wxyz*");
    assert_int_equal(parse(&p, buf), PASSIM_EINVAL);
    assert_non_null(strstr(passim_error_msg(), "wildcard"));
    passim_cgi_params_release(&p);

    /* Nesting: the maximum depth passes, one deeper fails, however it is
     * closed. */
    strcpy(buf, "q=");
    for (int i = 0; i < PASSIM_CGI_MAX_DEPTH; i++)
        strcat(buf, "(");
    strcat(buf, "x");
    assert_int_equal(parse(&p, buf), PASSIM_OK);
    passim_cgi_params_release(&p);
    strcat(buf, "%28");
    assert_int_equal(parse(&p, buf), PASSIM_EINVAL);
    assert_non_null(strstr(passim_error_msg(), "parenthes"));
    passim_cgi_params_release(&p);
}

static void test_query_string_length(void **state)
{
    (void)state;
    passim_cgi_params p;
    size_t n = PASSIM_CGI_MAX_QUERY_STRING;
    char *s = malloc(n + 2);
    assert_non_null(s);
    memset(s, 'x', n + 1);
    memcpy(s, "zz=", 3);
    s[n] = '\0';
    assert_int_equal(parse(&p, s), PASSIM_OK); /* an unknown field, at the limit */
    passim_cgi_params_release(&p);
    s[n] = 'x';
    s[n + 1] = '\0';
    assert_int_equal(parse(&p, s), PASSIM_ETOOBIG);
    passim_cgi_params_release(&p);
    free(s);
}

static void test_too_many_fields(void **state)
{
    (void)state;
    passim_cgi_params p;
    char buf[512] = "";
    for (int i = 0; i < PASSIM_CGI_MAX_FIELDS; i++)
        sprintf(buf + strlen(buf), "x%d=1&", i);
    assert_int_equal(parse(&p, buf), PASSIM_OK);
    passim_cgi_params_release(&p);
    strcat(buf, "y=2");
    assert_int_equal(parse(&p, buf), PASSIM_EINVAL);
    passim_cgi_params_release(&p);
}

/* The format is known even when another field, before or after it, is
 * bad; the first error is the one reported. */
static void test_format_known_on_error(void **state)
{
    (void)state;
    passim_cgi_params p;
    assert_int_equal(parse(&p, "format=json&n=0"), PASSIM_EINVAL);
    assert_int_equal(p.format, PASSIM_CGI_JSON);
    passim_cgi_params_release(&p);
    assert_int_equal(p.format, PASSIM_CGI_HTML);
    assert_int_equal(parse(&p, "q=a*&n=0&format=json&per=99"), PASSIM_EINVAL);
    assert_int_equal(p.format, PASSIM_CGI_JSON);
    assert_non_null(strstr(passim_error_msg(), "wildcard"));
    passim_cgi_params_release(&p);
    assert_int_equal(parse(&p, "q=%ZZ&format=json"), PASSIM_EINVAL);
    assert_int_equal(p.format, PASSIM_CGI_JSON);
    assert_non_null(strstr(passim_error_msg(), "escape"));
    passim_cgi_params_release(&p);

    char *args[] = {"q=a*", "format=json"};
    passim_cgi_params_init(&p);
    assert_int_equal(passim_cgi_parse_args(&p, 2, args), PASSIM_EINVAL);
    assert_int_equal(p.format, PASSIM_CGI_JSON);
    passim_cgi_params_release(&p);
}

static void test_args(void **state)
{
    (void)state;
    passim_cgi_params p;
    char *a1[] = {"q=Bien Hoa", "n=5", "format=json"};
    passim_cgi_params_init(&p);
    assert_int_equal(passim_cgi_parse_args(&p, 3, a1), PASSIM_OK);
    assert_string_equal(p.q, "Bien Hoa");
    assert_int_equal(p.n, 5);
    assert_int_equal(p.format, PASSIM_CGI_JSON);
    passim_cgi_params_release(&p);

    /* Taken literally: no %-decoding, '+' stays. */
    char *a2[] = {"q=a%20b+c"};
    passim_cgi_params_init(&p);
    assert_int_equal(passim_cgi_parse_args(&p, 1, a2), PASSIM_OK);
    assert_string_equal(p.q, "a%20b+c");
    passim_cgi_params_release(&p);

    /* The value may hold '='. */
    char *a3[] = {"q=x=y"};
    passim_cgi_params_init(&p);
    assert_int_equal(passim_cgi_parse_args(&p, 1, a3), PASSIM_OK);
    assert_string_equal(p.q, "x=y");
    passim_cgi_params_release(&p);

    char *bad[][2] = {{"Bien Hoa", NULL}, {"n=0", NULL}, {"q=\xC0\xAF", NULL},
                      {"q=a", "q=b"}, {"q=a\x01", NULL}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        passim_cgi_params_init(&p);
        int argc = bad[i][1] ? 2 : 1;
        assert_int_equal(passim_cgi_parse_args(&p, argc, bad[i]), PASSIM_EINVAL);
        passim_cgi_params_release(&p);
    }
    passim_cgi_params_init(&p);
    assert_int_equal(passim_cgi_parse_args(&p, 0, NULL), PASSIM_OK);
    assert_null(p.q);
    passim_cgi_params_release(&p);
}

static void test_accepts_gzip(void **state)
{
    (void)state;
    struct { const char *ae; int want; } cases[] = {
        {NULL, 0},
        {"", 0},
        {"gzip", 1},
        {"GZip", 1},
        {"x-gzip", 1},
        {"gzip, deflate, br", 1},
        {"deflate, br", 0},
        {"br;q=1.0, gzip;q=0.8", 1},
        {"gzip ; q=0.5", 1},
        {"gzip;q=0", 0},
        {"gzip;q=0.000", 0},
        {"gzip;Q=0", 0},
        {"*", 1},
        {"*;q=0", 0},
        {"gzip;q=0, *", 0},
        {"identity", 0},
        {"gzipx", 0},
        {"xgzip", 0},
        {",,, ,gzip", 1},
        {"gzip;level=9", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (passim_cgi_accepts_gzip(cases[i].ae) != cases[i].want)
            fail_msg("Accept-Encoding '%s': want %d", cases[i].ae ? cases[i].ae : "(null)",
                     cases[i].want);
}

static void test_utf8(void **state)
{
    (void)state;
    struct { const char *s; size_t len, want; } cases[] = {
        {"a", 1, 1},
        {"\xC3\xA9", 2, 2},
        {"\xE2\x80\x9C", 3, 3},
        {"\xF0\x9F\x98\x80", 4, 4},
        {"\xF4\x8F\xBF\xBF", 4, 4},  /* U+10FFFF */
        {"\xF4\x90\x80\x80", 4, 0},  /* past U+10FFFF */
        {"\xC0\x80", 2, 0},          /* overlong NUL */
        {"\xE0\x9F\xBF", 3, 0},      /* overlong */
        {"\xF0\x8F\xBF\xBF", 4, 0},  /* overlong */
        {"\xED\x9F\xBF", 3, 3},      /* U+D7FF */
        {"\xED\xA0\x80", 3, 0},      /* surrogate */
        {"\xC3", 1, 0},              /* truncated */
        {"\xC3\x28", 2, 0},          /* bad continuation */
        {"\x80", 1, 0},
        {"", 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(passim_utf8_seq(cases[i].s, cases[i].len), cases[i].want);
    assert_int_equal(passim_utf8_valid("Bi\xC3\xAAn H\xC3\xB2" "a", 10), 1);
    assert_int_equal(passim_utf8_valid("ab\xC3", 3), 0);
    assert_int_equal(passim_utf8_valid("", 0), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_requests),
        cmocka_unit_test(test_bad_requests),
        cmocka_unit_test(test_messages_name_the_rule),
        cmocka_unit_test(test_messages_do_not_echo),
        cmocka_unit_test(test_query_limits),
        cmocka_unit_test(test_query_string_length),
        cmocka_unit_test(test_too_many_fields),
        cmocka_unit_test(test_format_known_on_error),
        cmocka_unit_test(test_args),
        cmocka_unit_test(test_accepts_gzip),
        cmocka_unit_test(test_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
