/* fuzz_cgiparam.c — the web search parameter decoder (cgiparam.h) and the
 * escaping of what it lets through (html.h).
 *
 * Input: a QUERY_STRING, unless its first byte is 'A' (the rest is
 * command-line arguments, one per line: passim_cgi_parse_args) or 'E'
 * (the rest is an Accept-Encoding value).
 *
 * Checked: a parse fails only with PASSIM_EINVAL, or PASSIM_ETOOBIG for a
 * query string over the limit, with a short printable ASCII message (so no
 * input byte is ever quoted back); a parse that succeeds gives a query
 * that is valid UTF-8 without NUL or control characters, trimmed, within
 * the byte limit, and numbers, dates and format within their documented
 * ranges; parsing is deterministic; the query, URL-encoded back into a
 * query string, decodes to itself; HTML-escaped, it holds no markup
 * character; passim_utf8_valid agrees with utf8proc on the raw input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/cgiparam.h"
#include "check.h"
#include "web/html.h"

/* The message of the last error: short printable ASCII. */
static void check_message(void)
{
    const char *m = passim_error_msg();
    size_t n = strlen(m);
    FUZZ_CHECK(n > 0 && n < 200);
    for (size_t i = 0; i < n; i++)
        FUZZ_CHECK(m[i] >= 0x20 && m[i] < 0x7F);
}

/* Whether d is "" or a real calendar date YYYY-MM-DD. */
static int date_ok(const char *d)
{
    static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (!d[0])
        return 1;
    if (strlen(d) != 10 || d[4] != '-' || d[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
            return 0;
    int m = (d[5] - '0') * 10 + (d[6] - '0'), day = (d[8] - '0') * 10 + (d[9] - '0');
    return m >= 1 && m <= 12 && day >= 1 && day <= days[m - 1] && strncmp(d, "0000", 4) != 0;
}

/* Invariants of a successfully parsed request. */
static void check_params(const passim_cgi_params *p)
{
    if (p->q) {
        FUZZ_CHECK(p->q_len > 0 && p->q_len <= PASSIM_CGI_MAX_Q_BYTES);
        FUZZ_CHECK(strlen(p->q) == p->q_len);
        FUZZ_CHECK(passim_utf8_valid(p->q, p->q_len));
        FUZZ_CHECK(fuzz_utf8_valid(p->q, p->q_len));
        for (size_t i = 0; i < p->q_len; i++)
            FUZZ_CHECK((unsigned char)p->q[i] >= 0x20 && p->q[i] != 0x7F);
        FUZZ_CHECK(p->q[0] != ' ' && p->q[p->q_len - 1] != ' ');
    } else {
        FUZZ_CHECK(p->q_len == 0);
    }
    FUZZ_CHECK(p->n >= 1 && p->n <= PASSIM_CGI_MAX_N);
    FUZZ_CHECK(p->per >= 1 && p->per <= PASSIM_CGI_MAX_PER);
    FUZZ_CHECK(p->offset <= PASSIM_CGI_MAX_OFFSET);
    FUZZ_CHECK(p->page >= 1);
    FUZZ_CHECK(p->offset / p->n + 1 == p->page);
    FUZZ_CHECK(date_ok(p->from) && date_ok(p->to));
    FUZZ_CHECK(!p->from[0] || !p->to[0] || strcmp(p->from, p->to) <= 0);
    FUZZ_CHECK(p->format == PASSIM_CGI_HTML || p->format == PASSIM_CGI_JSON);
}

/* The query, escaped for HTML, holds no markup character and is valid
 * UTF-8; URL-encoded into a query string, it decodes to itself. */
static void check_round_trips(const passim_cgi_params *p)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    FUZZ_CHECK(f != NULL);
    passim_html_escape(f, p->q, p->q_len);
    FUZZ_CHECK(fclose(f) == 0);
    for (size_t i = 0; i < len; i++)
        FUZZ_CHECK(buf[i] != '<' && buf[i] != '>' && buf[i] != '"' && buf[i] != '\'');
    FUZZ_CHECK(fuzz_utf8_valid(buf, len));
    free(buf);

    buf = NULL;
    f = open_memstream(&buf, &len);
    FUZZ_CHECK(f != NULL);
    fputs("q=", f);
    passim_html_url_encode(f, p->q, p->q_len);
    FUZZ_CHECK(fclose(f) == 0);
    passim_cgi_params again;
    passim_cgi_params_init(&again);
    FUZZ_OK(passim_cgi_parse_query_string(&again, buf, len));
    FUZZ_CHECK(again.q && again.q_len == p->q_len && memcmp(again.q, p->q, p->q_len) == 0);
    passim_cgi_params_release(&again);
    free(buf);
}

/* Parse data[0..size) as a query string, twice; check the results. */
static void fuzz_query_string(const char *data, size_t size)
{
    passim_cgi_params p, p2;
    passim_cgi_params_init(&p);
    passim_cgi_params_init(&p2);
    passim_status st = passim_cgi_parse_query_string(&p, data, size);
    passim_status st2 = passim_cgi_parse_query_string(&p2, data, size);
    FUZZ_CHECK(st == st2);
    if (st != PASSIM_OK) {
        FUZZ_CHECK(st == PASSIM_EINVAL || st == PASSIM_ETOOBIG);
        FUZZ_CHECK((st == PASSIM_ETOOBIG) == (size > PASSIM_CGI_MAX_QUERY_STRING));
        check_message();
    } else {
        FUZZ_CHECK(size <= PASSIM_CGI_MAX_QUERY_STRING);
        check_params(&p);
        FUZZ_CHECK((p.q == NULL) == (p2.q == NULL));
        FUZZ_CHECK(!p.q || strcmp(p.q, p2.q) == 0);
        FUZZ_CHECK(p.offset == p2.offset && p.n == p2.n && p.per == p2.per);
        if (p.q)
            check_round_trips(&p);
    }
    passim_cgi_params_release(&p);
    passim_cgi_params_release(&p2);
}

/* Parse data[0..size) as arguments, one per line (cut at a NUL, as argv
 * strings are). */
static void fuzz_args(const char *data, size_t size)
{
    char *copy = malloc(size + 1);
    char **argv = calloc(size + 1, sizeof *argv);
    int argc = 0;
    FUZZ_CHECK(copy && argv);
    memcpy(copy, data, size);
    copy[size] = '\0';
    for (char *s = copy; s && (size_t)(s - copy) <= size;) {
        char *nl = memchr(s, '\n', size - (size_t)(s - copy));
        if (nl)
            *nl = '\0';
        argv[argc++] = s;
        s = nl ? nl + 1 : NULL;
    }
    passim_cgi_params p;
    passim_cgi_params_init(&p);
    passim_status st = passim_cgi_parse_args(&p, argc, argv);
    if (st != PASSIM_OK) {
        FUZZ_CHECK(st == PASSIM_EINVAL);
        check_message();
    } else {
        check_params(&p);
    }
    passim_cgi_params_release(&p);
    free(argv);
    free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    FUZZ_CHECK(passim_utf8_valid(s, size) == fuzz_utf8_valid(s, size));
    if (size > 0 && s[0] == 'A') {
        fuzz_args(s + 1, size - 1);
    } else if (size > 0 && s[0] == 'E') {
        char *ae = strndup(s + 1, size - 1);
        FUZZ_CHECK(ae != NULL);
        int r = passim_cgi_accepts_gzip(ae);
        FUZZ_CHECK(r == 0 || r == 1);
        free(ae);
    } else {
        fuzz_query_string(s, size);
    }
    return 0;
}
