/* Unit tests: CGI responses, their headers and gzip'd bodies (http.h). */
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
#include "web/http.h"

/* Inflate a gzip member; the result is malloc'd, *out_len its length. */
static char *gunzip(size_t *out_len, const char *in, size_t len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(inflateInit2(&z, 15 + 16), Z_OK);
    size_t cap = 4096, n = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    z.next_in = (Bytef *)(uintptr_t)in;
    z.avail_in = (uInt)len;
    int rc;
    do {
        if (cap - n < 4096) {
            cap *= 2;
            out = realloc(out, cap);
            assert_non_null(out);
        }
        z.next_out = (Bytef *)out + n;
        z.avail_out = (uInt)(cap - n);
        rc = inflate(&z, Z_NO_FLUSH);
        assert_true(rc == Z_OK || rc == Z_STREAM_END);
        n = cap - z.avail_out;
    } while (rc != Z_STREAM_END);
    assert_int_equal(z.avail_in, 0); /* one member, nothing after it */
    inflateEnd(&z);
    *out_len = n;
    return out;
}

static void expect_gzip_round_trip(const char *in, size_t len)
{
    char *gz = NULL;
    size_t gz_len = 0;
    assert_int_equal(passim_http_gzip(&gz, &gz_len, in, len), PASSIM_OK);
    assert_non_null(gz);
    assert_true(gz_len >= 18); /* gzip header and trailer */
    assert_int_equal((unsigned char)gz[0], 0x1f);
    assert_int_equal((unsigned char)gz[1], 0x8b);
    size_t back_len = 0;
    char *back = gunzip(&back_len, gz, gz_len);
    assert_int_equal(back_len, len);
    if (len)
        assert_memory_equal(back, in, len);
    free(back);
    free(gz);
}

static void test_gzip_round_trip(void **state)
{
    (void)state;
    expect_gzip_round_trip("", 0);
    expect_gzip_round_trip("x", 1);
    const char *html = "<!doctype html><p>Bi\xc3\xaan H\xc3\xb2" "a</p>";
    expect_gzip_round_trip(html, strlen(html));

    /* Repetitive text shrinks; bytes that do not compress still fit. */
    size_t n = 1 << 20;
    char *big = malloc(n);
    assert_non_null(big);
    for (size_t i = 0; i < n; i++)
        big[i] = "the quick brown fox "[i % 20];
    char *gz = NULL;
    size_t gz_len = 0;
    assert_int_equal(passim_http_gzip(&gz, &gz_len, big, n), PASSIM_OK);
    assert_true(gz_len < n / 100);
    free(gz);
    expect_gzip_round_trip(big, n);
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        big[i] = (char)(x & 0xff);
    }
    expect_gzip_round_trip(big, n);
    free(big);
}

/* A length too large to compress is an error before any byte is read. */
static void test_gzip_too_large(void **state)
{
    (void)state;
    char *gz = (char *)1;
    size_t gz_len = 7;
    assert_int_not_equal(passim_http_gzip(&gz, &gz_len, "x", (size_t)UINT32_MAX), PASSIM_OK);
    assert_null(gz);
}

static void test_reason(void **state)
{
    (void)state;
    assert_string_equal(passim_http_reason(200), "OK");
    assert_string_equal(passim_http_reason(400), "Bad Request");
    assert_string_equal(passim_http_reason(404), "Not Found");
    assert_string_equal(passim_http_reason(405), "Method Not Allowed");
    assert_string_equal(passim_http_reason(413), "Payload Too Large");
    assert_string_equal(passim_http_reason(414), "URI Too Long");
    assert_string_equal(passim_http_reason(500), "Internal Server Error");
    assert_string_equal(passim_http_reason(503), "Service Unavailable");
    assert_string_equal(passim_http_reason(418), "Error");
    assert_string_equal(passim_http_reason(0), "Error");
    assert_string_equal(passim_http_reason(-1), "Error");
}

/* A response as written: its header block and its body. */
typedef struct written {
    char *all;
    size_t len;
    char *head;       /* up to and including the blank line */
    const char *body; /* into all */
    size_t body_len;
} written;

static passim_status write_response(const passim_http_response *r, written *w)
{
    memset(w, 0, sizeof *w);
    FILE *f = open_memstream(&w->all, &w->len);
    assert_non_null(f);
    passim_status st = passim_http_write(f, r);
    assert_int_equal(fclose(f), 0);
    const char *end = strstr(w->all, "\r\n\r\n");
    if (end) {
        size_t n = (size_t)(end - w->all) + 4;
        w->head = strndup(w->all, n);
        w->body = w->all + n;
        w->body_len = w->len - n;
    }
    return st;
}

static void written_free(written *w)
{
    free(w->all);
    free(w->head);
}

/* The value of header `name` ("Name: value\r\n"), or NULL; the first
 * match only, and the header must appear once. */
static char *header(const written *w, const char *name)
{
    char key[128];
    snprintf(key, sizeof key, "\r\n%s: ", name);
    const char *p = strstr(w->head, key);
    if (!p)
        return NULL;
    assert_null(strstr(p + 1, key));
    p += strlen(key);
    return strndup(p, strcspn(p, "\r\n"));
}

static void expect_header(const written *w, const char *name, const char *want)
{
    char *v = header(w, name);
    if (!v)
        fail_msg("header %s missing in:\n%s", name, w->head);
    assert_string_equal(v, want);
    free(v);
}

/* Every line of the header block ends in CRLF, no bare LF or CR. */
static void expect_crlf_lines(const written *w)
{
    for (const char *p = w->head; *p; p++) {
        if (*p == '\n')
            assert_true(p > w->head && p[-1] == '\r');
        if (*p == '\r')
            assert_int_equal(p[1], '\n');
    }
}

static void expect_common_headers(const written *w, const passim_http_response *r)
{
    expect_crlf_lines(w);
    expect_header(w, "Content-Type", r->content_type);
    expect_header(w, "Vary", "Accept-Encoding");
    expect_header(w, "X-Content-Type-Options", "nosniff");
    expect_header(w, "Referrer-Policy", "no-referrer");
    expect_header(w, "Cache-Control", "no-cache");
    char *csp = header(w, "Content-Security-Policy");
    if (r->csp) {
        assert_non_null(csp);
        assert_string_equal(csp, r->csp);
    } else {
        assert_null(csp);
    }
    free(csp);
}

static void test_write_plain(void **state)
{
    (void)state;
    const char *body = "<!doctype html><title>passim</title>\n";
    passim_http_response r = {200, "text/html; charset=utf-8", "default-src 'none'",
                              body, strlen(body), 0};
    written w;
    assert_int_equal(write_response(&r, &w), PASSIM_OK);
    assert_non_null(w.head);
    assert_true(strncmp(w.all, "Status: 200 OK\r\n", 16) == 0);
    expect_common_headers(&w, &r);
    char len[32];
    snprintf(len, sizeof len, "%zu", strlen(body));
    expect_header(&w, "Content-Length", len);
    char *enc = header(&w, "Content-Encoding");
    assert_null(enc);
    char *allow = header(&w, "Allow");
    assert_null(allow);
    assert_int_equal(w.body_len, strlen(body));
    assert_memory_equal(w.body, body, w.body_len);
    written_free(&w);
}

static void test_write_gzip(void **state)
{
    (void)state;
    char body[4000];
    for (size_t i = 0; i < sizeof body; i++)
        body[i] = "abc\n"[i % 4];
    passim_http_response r = {200, "application/json", NULL, body, sizeof body,
                              PASSIM_HTTP_GZIP};
    written w;
    assert_int_equal(write_response(&r, &w), PASSIM_OK);
    expect_common_headers(&w, &r);
    expect_header(&w, "Content-Encoding", "gzip");
    /* Content-Length is the compressed length: the bytes sent. */
    char len[32];
    snprintf(len, sizeof len, "%zu", w.body_len);
    expect_header(&w, "Content-Length", len);
    assert_true(w.body_len < sizeof body);
    size_t n = 0;
    char *back = gunzip(&n, w.body, w.body_len);
    assert_int_equal(n, sizeof body);
    assert_memory_equal(back, body, n);
    free(back);
    written_free(&w);

    /* An empty body gzip'd is still a valid (empty) member. */
    passim_http_response e = {200, "text/plain", NULL, NULL, 0, PASSIM_HTTP_GZIP};
    assert_int_equal(write_response(&e, &w), PASSIM_OK);
    expect_header(&w, "Content-Encoding", "gzip");
    back = gunzip(&n, w.body, w.body_len);
    assert_int_equal(n, 0);
    free(back);
    written_free(&w);
}

/* HEAD: the headers a GET would get, no body. */
static void test_write_head(void **state)
{
    (void)state;
    const char *body = "0123456789";
    passim_http_response get = {404, "text/plain", NULL, body, 10, 0};
    passim_http_response head = get;
    head.flags = PASSIM_HTTP_HEAD;
    written wg, wh;
    assert_int_equal(write_response(&get, &wg), PASSIM_OK);
    assert_int_equal(write_response(&head, &wh), PASSIM_OK);
    assert_true(strncmp(wh.all, "Status: 404 Not Found\r\n", 23) == 0);
    expect_header(&wh, "Content-Length", "10");
    assert_int_equal(wh.body_len, 0);
    assert_string_equal(wh.head, wg.head);
    written_free(&wg);
    written_free(&wh);

    /* HEAD with gzip: the compressed length, still no body. */
    passim_http_response gz = {200, "text/plain", NULL, body, 10,
                               PASSIM_HTTP_GZIP};
    passim_http_response gzh = gz;
    gzh.flags |= PASSIM_HTTP_HEAD;
    assert_int_equal(write_response(&gz, &wg), PASSIM_OK);
    assert_int_equal(write_response(&gzh, &wh), PASSIM_OK);
    char len[32];
    snprintf(len, sizeof len, "%zu", wg.body_len);
    expect_header(&wh, "Content-Length", len);
    expect_header(&wh, "Content-Encoding", "gzip");
    assert_int_equal(wh.body_len, 0);
    written_free(&wg);
    written_free(&wh);
}

static void test_write_405_allow(void **state)
{
    (void)state;
    passim_http_response r = {405, "text/plain; charset=utf-8", NULL, "no\n", 3, 0};
    written w;
    assert_int_equal(write_response(&r, &w), PASSIM_OK);
    assert_true(strncmp(w.all, "Status: 405 Method Not Allowed\r\n", 32) == 0);
    expect_header(&w, "Allow", "GET, HEAD");
    expect_common_headers(&w, &r);
    written_free(&w);
}

/* A header value with a control character, or a status out of range:
 * PASSIM_EINVAL and nothing written. */
static void expect_refused(passim_http_response r)
{
    written w;
    assert_int_equal(write_response(&r, &w), PASSIM_EINVAL);
    assert_int_equal(w.len, 0);
    written_free(&w);
}

static void test_write_refuses_bad_headers(void **state)
{
    (void)state;
    passim_http_response ok = {200, "text/html", "default-src 'self'", "x", 1, 0};
    passim_http_response r = ok;
    r.content_type = "text/html\r\nSet-Cookie: a=b";
    expect_refused(r);
    r = ok;
    r.content_type = "text/html\n";
    expect_refused(r);
    r = ok;
    r.content_type = NULL;
    expect_refused(r);
    r = ok;
    r.csp = "default-src 'self'\r\nX-Evil: 1";
    expect_refused(r);
    r = ok;
    r.csp = "a\tb";
    expect_refused(r);
    r = ok;
    r.csp = "caf\xc3\xa9";
    expect_refused(r);
    r = ok;
    r.content_type = "text/\x7f";
    expect_refused(r);
    r = ok;
    r.status = 99;
    expect_refused(r);
    r = ok;
    r.status = 600;
    expect_refused(r);
    r = ok;
    r.flags = PASSIM_HTTP_GZIP;
    r.csp = "\n";
    expect_refused(r);
}

static void test_write_error(void **state)
{
    (void)state;
    FILE *f = fopen("/dev/full", "w");
    assert_non_null(f);
    setvbuf(f, NULL, _IOFBF, 1 << 16);
    passim_http_response r = {200, "text/plain", NULL, "hello", 5, 0};
    assert_int_equal(passim_http_write(f, &r), PASSIM_EIO);
    fclose(f);
}

/* From a request's Accept-Encoding to the response: gzip only when the
 * client accepts it, and Vary always says the answer depends on it. */
static void test_accept_encoding_decides(void **state)
{
    (void)state;
    static const struct {
        const char *ae;
        int gzip;
    } cases[] = {
        {NULL, 0}, {"gzip, deflate, br", 1}, {"br", 0}, {"gzip;q=0", 0},
        {"*", 1}, {"identity", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        passim_http_response r = {200, "text/plain", NULL, "body text", 9, 0};
        if (passim_cgi_accepts_gzip(cases[i].ae))
            r.flags |= PASSIM_HTTP_GZIP;
        written w;
        assert_int_equal(write_response(&r, &w), PASSIM_OK);
        char *enc = header(&w, "Content-Encoding");
        assert_int_equal(enc != NULL, cases[i].gzip);
        free(enc);
        expect_header(&w, "Vary", "Accept-Encoding");
        size_t n = w.body_len;
        char *plain = cases[i].gzip ? gunzip(&n, w.body, w.body_len) : NULL;
        assert_int_equal(n, 9);
        assert_memory_equal(plain ? plain : w.body, "body text", 9);
        free(plain);
        written_free(&w);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gzip_round_trip),
        cmocka_unit_test(test_gzip_too_large),
        cmocka_unit_test(test_reason),
        cmocka_unit_test(test_write_plain),
        cmocka_unit_test(test_write_gzip),
        cmocka_unit_test(test_write_head),
        cmocka_unit_test(test_write_405_allow),
        cmocka_unit_test(test_write_refuses_bad_headers),
        cmocka_unit_test(test_write_error),
        cmocka_unit_test(test_accept_encoding_decides),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
