/* Unit tests: the web page (html.h) and CGI responses (http.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "web/cgiparam.h"
#include "web/html.h"
#include "web/http.h"

/* An in-memory FILE and what was written to it. */
typedef struct sink {
    FILE *f;
    char *buf;
    size_t len;
} sink;

static void sink_open(sink *s)
{
    s->buf = NULL;
    s->len = 0;
    s->f = open_memstream(&s->buf, &s->len);
    assert_non_null(s->f);
}

/* Close the stream; s->buf holds the text (NUL-terminated). */
static void sink_close(sink *s)
{
    assert_int_equal(fclose(s->f), 0);
    s->f = NULL;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

static char *escaped(const char *s, size_t len)
{
    sink k;
    sink_open(&k);
    passim_html_escape(k.f, s, len);
    sink_close(&k);
    return k.buf;
}

static void test_escape(void **state)
{
    (void)state;
    struct { const char *in; size_t len; const char *want; } cases[] = {
        {"<script>alert('x')</script>", 27,
         "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"},
        {"a & b \"c\"", 9, "a &amp; b &quot;c&quot;"},
        {"&amp;", 5, "&amp;amp;"},
        {"tab\tline\n", 9, "tab\tline\n"},
        {"cr\rnul\0esc\x1b" "del\x7f", 15,
         "cr\xEF\xBF\xBDnul\xEF\xBF\xBD" "esc\xEF\xBF\xBD" "del\xEF\xBF\xBD"},
        {"Bi\xC3\xAAn H\xC3\xB2" "a", 10, "Bi\xC3\xAAn H\xC3\xB2" "a"},
        {"\xC2\x85", 2, "\xEF\xBF\xBD"},              /* C1 control NEL */
        {"\xC2\xA0", 2, "\xC2\xA0"},                  /* no-break space */
        /* Bytes that are not valid UTF-8: \xHH, faithful and valid UTF-8. */
        {"\xC0\xBC" "x", 3, "\\xc0\\xbcx"},           /* overlong '<' */
        {"\xFF\xFE", 2, "\\xff\\xfe"},
        {"\xE2\x80", 2, "\\xe2\\x80"},                 /* truncated */
        {"caf\xE9<", 5, "caf\\xe9&lt;"},                /* Latin-1 id */
        {"\xF0\x9F\x98\x80", 4, "\xF0\x9F\x98\x80"},
        {"", 0, ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out = escaped(cases[i].in, cases[i].len);
        assert_string_equal(out, cases[i].want);
        free(out);
    }
}

static void test_url_encode(void **state)
{
    (void)state;
    sink k;
    sink_open(&k);
    const char in[] = "Bien Hoa/\xC3\xA9&=\"<'#+%~._-";
    passim_html_url_encode(k.f, in, strlen(in));
    sink_close(&k);
    assert_string_equal(k.buf, "Bien+Hoa%2F%C3%A9%26%3D%22%3C%27%23%2B%25~._-");
    free(k.buf);
}

/* A result with the given id, title and passage text; spans as pairs. */
static passim_result make_result(const char *id, const char *title, const char *date,
                                 const char *text, const uint32_t *spans, size_t nspans)
{
    passim_result r;
    memset(&r, 0, sizeof r);
    r.id = (char *)id;
    r.title = (char *)title;
    snprintf(r.date, sizeof r.date, "%s", date);
    r.snippet.text = (char *)text;
    r.snippet.len = strlen(text);
    r.snippet.spans = calloc(nspans ? nspans : 1, sizeof *r.snippet.spans);
    assert_non_null(r.snippet.spans);
    for (size_t i = 0; i < nspans; i++)
        r.snippet.spans[i] = (passim_span){spans[2 * i], spans[2 * i + 1]};
    r.snippet.nspans = nspans;
    return r;
}

static void free_results(passim_results *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->v[i].snippet.spans);
}

static char *render(const passim_cgi_params *p, const passim_results *r,
                    const char *suggestion)
{
    sink k;
    passim_html_view v = {p, r, 0.0123, suggestion};
    sink_open(&k);
    assert_int_equal(passim_html_page(k.f, &v), PASSIM_OK);
    sink_close(&k);
    return k.buf;
}

static void params(passim_cgi_params *p, const char *qs)
{
    passim_cgi_params_init(p);
    assert_int_equal(passim_cgi_parse_query_string(p, qs, strlen(qs)), PASSIM_OK);
}

/* Hostile corpus text and query: nothing of it reaches the page raw. */
static void test_page_escapes_everything(void **state)
{
    (void)state;
    static const uint32_t sp[] = {4, 12};
    passim_result v[1];
    const char *text = "see <script>alert(1)</script> \"quoted\" 'single' & more";
    v[0] = make_result("id\"><img src=x onerror=alert(2)>", "<img src=x onerror=alert(3)>",
                       "2024-01-02", text, sp, 1);
    passim_results r = {.v = v, .n = 1, .articles_matched = 1, .passages_found = 1};
    passim_cgi_params p;
    params(&p, "q=%22%3E%3Cscript%3Ealert(4)%3C%2Fscript%3E");
    char *page = render(&p, &r, "</a><script>alert(5)</script>");
    assert_int_equal(count(page, "<script"), 0);
    assert_int_equal(count(page, "<img"), 0);
    assert_int_equal(count(page, "onerror=alert(2)>"), 0);
    assert_non_null(strstr(page, "id&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
    assert_int_equal(count(page, "'single'"), 0);
    assert_non_null(strstr(page, "&lt;img src=x onerror=alert(3)&gt;"));
    /* The highlight is the escaped "<script>" of the text. */
    assert_non_null(strstr(page, "<mark>&lt;script&gt;</mark>"));
    /* The query is kept in the search box, escaped for the attribute. */
    assert_non_null(strstr(page, "value=\"&quot;&gt;&lt;script&gt;alert(4)&lt;/script&gt;\""));
    /* The suggestion: escaped text, encoded link. */
    assert_non_null(strstr(page, "Did you mean <a href=\"?q=%3C%2Fa%3E%3Cscript%3E"));
    assert_non_null(strstr(page, "&lt;/a&gt;&lt;script&gt;alert(5)&lt;/script&gt;</a>?"));
    free(page);
    free_results(&r);
    passim_cgi_params_release(&p);
}

/* Every span becomes one <mark>, in the right place; bad spans are
 * ignored rather than read out of bounds. */
static void test_marks(void **state)
{
    (void)state;
    static const uint32_t sp[] = {0, 4, 9, 12, 11, 13, 20, 99, 17, 17};
    passim_result v[1];
    v[0] = make_result("a.txt", "T", "", "Bien Hoa Da Nang and", sp, 5);
    passim_results r = {.v = v, .n = 1, .articles_matched = 1, .passages_found = 1};
    passim_cgi_params p;
    params(&p, "q=x");
    char *page = render(&p, &r, NULL);
    assert_non_null(strstr(page, "<p class=\"passage\"><mark>Bien</mark> Hoa "
                                 "<mark>Da </mark>Nang and</p>"));
    assert_int_equal(count(page, "<mark>"), 2);
    assert_int_equal(count(page, "</mark>"), 2);
    assert_null(strstr(page, "Did you mean"));
    assert_null(strstr(page, "<time"));
    free(page);
    free_results(&r);
    passim_cgi_params_release(&p);
}

/* Later passages of an article fold under its first, wherever they rank. */
static void test_grouping(void **state)
{
    (void)state;
    static const uint32_t sp[] = {0, 3};
    passim_result v[4];
    v[0] = make_result("a.txt", "Article A", "2015-06-05", "one A", sp, 1);
    v[1] = make_result("b.txt", "Article B", "", "one B", sp, 1);
    v[2] = make_result("a.txt", "Article A", "2015-06-05", "two A", sp, 1);
    v[3] = make_result("a.txt", "Article A", "2015-06-05", "three A", sp, 1);
    passim_results r = {.v = v, .n = 4, .articles_matched = 2, .passages_found = 4};
    passim_cgi_params p;
    params(&p, "q=one");
    char *page = render(&p, &r, NULL);
    assert_int_equal(count(page, "<li class=\"hit\">"), 2);
    assert_int_equal(count(page, "<details>"), 1);
    assert_non_null(strstr(page, "<summary>2 more passages from this article</summary>"));
    const char *a = strstr(page, "Article A"), *b = strstr(page, "Article B"),
               *two = strstr(page, "<mark>two</mark> A");
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(two);
    assert_true(a < two && two < b);
    assert_non_null(strstr(page, "<time datetime=\"2015-06-05\">2015-06-05</time>"));
    assert_non_null(strstr(page, "passages 1\xE2\x80\x93" "4 of 4"));
    assert_null(strstr(page, "rel=\"next\""));
    assert_null(strstr(page, "rel=\"prev\""));
    free(page);
    free_results(&r);
    passim_cgi_params_release(&p);
}

static void test_paging_links(void **state)
{
    (void)state;
    static const uint32_t sp[] = {0, 1};
    passim_result v[2];
    v[0] = make_result("a", "A", "", "x", sp, 1);
    v[1] = make_result("b", "B", "", "x", sp, 1);
    passim_results r = {.v = v, .n = 2, .articles_matched = 9, .passages_found = 9};
    passim_cgi_params p;
    params(&p, "q=Bien+Hoa%26&n=2&page=2&per=1&from=2020-01-01");
    char *page = render(&p, &r, NULL);
    assert_non_null(strstr(page, "rel=\"prev\" href=\"?q=Bien+Hoa%26&amp;n=2&amp;per=1"
                                 "&amp;from=2020-01-01\""));
    assert_non_null(strstr(page, "rel=\"next\" href=\"?q=Bien+Hoa%26&amp;page=3&amp;n=2"
                                 "&amp;per=1&amp;from=2020-01-01\""));
    assert_non_null(strstr(page, "passages 3\xE2\x80\x93" "4 of 9"));
    /* Non-default settings ride along with a new search. */
    assert_non_null(strstr(page, "<input type=\"hidden\" name=\"n\" value=\"2\">"));
    assert_non_null(strstr(page, "<input type=\"hidden\" name=\"from\" value=\"2020-01-01\">"));
    free(page);
    passim_cgi_params_release(&p);

    /* The last page reachable: no next link past the paging limit. */
    params(&p, "q=x&n=100&page=6");
    r.passages_found = 10000;
    page = render(&p, &r, NULL);
    assert_non_null(strstr(page, "rel=\"prev\""));
    assert_null(strstr(page, "rel=\"next\""));
    free(page);
    passim_cgi_params_release(&p);
    free_results(&r);
}

static void test_links_only_to_the_web(void **state)
{
    (void)state;
    static const uint32_t sp[] = {0, 1};
    const char *urls[] = {"javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x",
                          "//evil.example/", "https://a.example/x\" onclick=\"y",
                          "https://a.example/\nx"};
    for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++) {
        passim_result v[1];
        v[0] = make_result("a", "A", "", "x", sp, 1);
        v[0].url = (char *)urls[i];
        passim_results r = {.v = v, .n = 1, .articles_matched = 1, .passages_found = 1};
        passim_cgi_params p;
        params(&p, "q=x");
        char *page = render(&p, &r, NULL);
        /* The title links to the article view; the url is no link. */
        assert_non_null(strstr(page, "<h2><a href=\"?id=a&amp;q=x#p0\">"));
        assert_null(strstr(page, "rel=\"noreferrer\""));
        free(page);
        passim_cgi_params_release(&p);
        free_results(&r);
    }
    passim_result v[1];
    v[0] = make_result("a", "A", "", "x", sp, 1);
    v[0].url = "https://news.example/a?b=1&c='2'";
    v[0].byline = "By <i>Someone</i>";
    passim_results r = {.v = v, .n = 1, .articles_matched = 1, .passages_found = 1};
    passim_cgi_params p;
    params(&p, "q=x");
    char *page = render(&p, &r, NULL);
    assert_non_null(strstr(page, "<a href=\"https://news.example/a?b=1&amp;c=&#39;2&#39;\" "
                                 "rel=\"noreferrer\">source</a>"));
    assert_non_null(strstr(page, "By &lt;i&gt;Someone&lt;/i&gt;"));
    free(page);
    passim_cgi_params_release(&p);
    free_results(&r);
}

static void test_search_page_and_no_results(void **state)
{
    (void)state;
    passim_cgi_params p;
    params(&p, "");
    char *page = render(&p, NULL, NULL);
    assert_non_null(strstr(page, "<!DOCTYPE html>"));
    assert_non_null(strstr(page, "<form method=\"get\""));
    assert_non_null(strstr(page, "name=\"q\""));
    assert_non_null(strstr(page, "value=\"\""));
    assert_null(strstr(page, "class=\"stats\""));
    assert_null(strstr(page, "<input type=\"hidden\""));
    assert_int_equal(count(page, "<style>"), 1);
    assert_non_null(strstr(page, passim_html_style()));
    assert_null(strstr(page, "<script"));
    free(page);
    passim_cgi_params_release(&p);

    passim_results none = {.v = NULL, .n = 0, .articles_matched = 0, .passages_found = 0};
    params(&p, "q=%3Cb%3Enothing");
    page = render(&p, &none, NULL);
    assert_non_null(strstr(page, "No results for \xE2\x80\x9C&lt;b&gt;nothing\xE2\x80\x9D"));
    assert_null(strstr(page, "<ol"));
    free(page);
    passim_cgi_params_release(&p);
}

static void test_error_page(void **state)
{
    (void)state;
    sink k;
    sink_open(&k);
    assert_int_equal(passim_html_error(k.f, 400, "parameter <n> is bad", NULL), PASSIM_OK);
    sink_close(&k);
    assert_non_null(strstr(k.buf, "<strong>400 Bad Request</strong>: parameter &lt;n&gt; is bad"));
    assert_non_null(strstr(k.buf, "<title>Bad Request"));
    free(k.buf);
}

/* Split a response into headers and body; returns the body. */
static const char *body_of(const char *resp)
{
    const char *b = strstr(resp, "\r\n\r\n");
    assert_non_null(b);
    return b + 4;
}

static void test_http_write(void **state)
{
    (void)state;
    const char body[] = "<p>hello</p>";
    sink k;
    sink_open(&k);
    passim_http_response r = {200, "text/html; charset=utf-8", PASSIM_HTML_CSP, body,
                              strlen(body), 0};
    assert_int_equal(passim_http_write(k.f, &r), PASSIM_OK);
    sink_close(&k);
    assert_true(strncmp(k.buf, "Status: 200 OK\r\n", 16) == 0);
    assert_non_null(strstr(k.buf, "\r\nContent-Length: 12\r\n"));
    assert_non_null(strstr(k.buf, "\r\nVary: Accept-Encoding\r\n"));
    assert_non_null(strstr(k.buf, "\r\nContent-Security-Policy: default-src 'none'; "));
    assert_null(strstr(k.buf, "Content-Encoding"));
    assert_null(strstr(k.buf, "Allow:"));
    assert_string_equal(body_of(k.buf), body);
    free(k.buf);

    /* HEAD: the same length, no body. 405 names the methods. */
    sink_open(&k);
    r.status = 405;
    r.flags = PASSIM_HTTP_HEAD;
    assert_int_equal(passim_http_write(k.f, &r), PASSIM_OK);
    sink_close(&k);
    assert_true(strncmp(k.buf, "Status: 405 Method Not Allowed\r\n", 32) == 0);
    assert_non_null(strstr(k.buf, "\r\nContent-Length: 12\r\n"));
    assert_non_null(strstr(k.buf, "\r\nAllow: GET, HEAD\r\n"));
    assert_string_equal(body_of(k.buf), "");
    free(k.buf);

    /* A header value with CR or LF is refused and nothing is written. */
    const char *bad[] = {"text/html\r\nSet-Cookie: a=b", "text/html\n", "text/\x7f"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        sink_open(&k);
        passim_http_response rb = {200, bad[i], NULL, body, strlen(body), 0};
        assert_int_equal(passim_http_write(k.f, &rb), PASSIM_EINVAL);
        sink_close(&k);
        assert_int_equal(k.len, 0);
        free(k.buf);
    }
}

static void test_http_gzip(void **state)
{
    (void)state;
    char body[5000];
    for (size_t i = 0; i < sizeof body; i++)
        body[i] = "passim search "[i % 14];
    sink k;
    sink_open(&k);
    passim_http_response r = {200, "application/json", NULL, body, sizeof body,
                              PASSIM_HTTP_GZIP};
    assert_int_equal(passim_http_write(k.f, &r), PASSIM_OK);
    sink_close(&k);
    assert_non_null(strstr(k.buf, "\r\nContent-Encoding: gzip\r\n"));
    const char *gz = body_of(k.buf);
    size_t gzlen = k.len - (size_t)(gz - k.buf);
    assert_true(gzlen < sizeof body);
    char want_len[64];
    snprintf(want_len, sizeof want_len, "\r\nContent-Length: %zu\r\n", gzlen);
    assert_non_null(strstr(k.buf, want_len));
    assert_int_equal((unsigned char)gz[0], 0x1f); /* gzip magic */
    assert_int_equal((unsigned char)gz[1], 0x8b);

    /* It inflates back to the body. */
    char out[6000];
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(inflateInit2(&z, 15 + 16), Z_OK);
    z.next_in = (Bytef *)(uintptr_t)gz;
    z.avail_in = (uInt)gzlen;
    z.next_out = (Bytef *)out;
    z.avail_out = sizeof out;
    assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
    assert_int_equal(z.total_out, sizeof body);
    assert_memory_equal(out, body, sizeof body);
    inflateEnd(&z);
    free(k.buf);

    /* An empty body compresses too. */
    char *g = NULL;
    size_t glen = 0;
    assert_int_equal(passim_http_gzip(&g, &glen, "", 0), PASSIM_OK);
    assert_true(glen >= 18); /* header and trailer */
    free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_url_encode),
        cmocka_unit_test(test_page_escapes_everything),
        cmocka_unit_test(test_marks),
        cmocka_unit_test(test_grouping),
        cmocka_unit_test(test_paging_links),
        cmocka_unit_test(test_links_only_to_the_web),
        cmocka_unit_test(test_search_page_and_no_results),
        cmocka_unit_test(test_error_page),
        cmocka_unit_test(test_http_write),
        cmocka_unit_test(test_http_gzip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
