/* cgiparam.c — web search parameters (contracts in cgiparam.h). */
#include "web/cgiparam.h"
#include "util/codec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The known parameters; their index is their bit in passim_cgi_params.seen. */
enum { P_Q, P_PAGE, P_OFFSET, P_N, P_PER, P_FROM, P_TO, P_FORMAT, P_ID, P_COUNT };
static const char *const PARAM_NAMES[P_COUNT] = {
    "q", "page", "offset", "n", "per", "from", "to", "format", "id"};

void passim_cgi_params_init(passim_cgi_params *p)
{
    memset(p, 0, sizeof *p);
    p->page = 1;
    p->n = PASSIM_CGI_DEFAULT_N;
    p->per = PASSIM_CGI_DEFAULT_PER;
    p->format = PASSIM_CGI_HTML;
}

void passim_cgi_params_release(passim_cgi_params *p)
{
    if (!p)
        return;
    free(p->q);
    free(p->id);
    passim_cgi_params_init(p);
}

/* Percent-decode s[0..len) into dst (room for len bytes); '+' is a space.
 * Returns the decoded length, or (size_t)-1 on a malformed escape. */
static size_t url_decode(char *dst, const char *s, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '%') {
            int hi, lo;
            if (i + 2 >= len)
                return (size_t)-1;
            hi = passim_hex_value((unsigned char)s[i + 1]);
            lo = passim_hex_value((unsigned char)s[i + 2]);
            if (hi < 0 || lo < 0)
                return (size_t)-1;
            dst[o++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            dst[o++] = s[i] == '+' ? ' ' : s[i];
        }
    }
    return o;
}

/* Check that s[0..len) is valid UTF-8 holding no control character other
 * than tab, CR and LF (which `q` turns into spaces). */
static passim_status check_text(const char *s, size_t len)
{
    if (!passim_utf8_valid(s, len))
        return passim_error_set(PASSIM_EINVAL, "the request is not valid UTF-8");
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F)
            return passim_error_set(PASSIM_EINVAL,
                                    "the request holds a control character");
    }
    return PASSIM_OK;
}

/* Whether byte c is part of a word for the raw-text limits. */
static int word_byte(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Apply the query limits of cgiparam.h to q[0..len). */
static passim_status check_query_limits(const char *q, size_t len)
{
    size_t words = 0, wildcards = 0, run = 0;
    int depth = 0;
    if (len > PASSIM_CGI_MAX_Q_BYTES)
        return passim_error_set(PASSIM_EINVAL, "the query is longer than %d bytes",
                                PASSIM_CGI_MAX_Q_BYTES);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)q[i];
        if (word_byte(c)) {
            if (run == 0)
                words++;
            if (c < 0x80 || c >= 0xC0) /* count characters, not bytes */
                run++;
            continue;
        }
        if (c == '*') {
            if (++wildcards > PASSIM_CGI_MAX_WILDCARDS)
                return passim_error_set(PASSIM_EINVAL,
                                        "the query has more than %d wildcards",
                                        PASSIM_CGI_MAX_WILDCARDS);
            if (run < PASSIM_CGI_MIN_WILDCARD_PREFIX)
                return passim_error_set(PASSIM_EINVAL,
                                        "a wildcard needs at least %d letters before '*'",
                                        PASSIM_CGI_MIN_WILDCARD_PREFIX);
        } else if (c == '(') {
            if (++depth > PASSIM_CGI_MAX_DEPTH)
                return passim_error_set(PASSIM_EINVAL,
                                        "the query nests parentheses deeper than %d",
                                        PASSIM_CGI_MAX_DEPTH);
        } else if (c == ')' && depth > 0) {
            depth--;
        }
        run = 0;
    }
    if (words > PASSIM_CGI_MAX_Q_WORDS)
        return passim_error_set(PASSIM_EINVAL, "the query has more than %d words",
                                PASSIM_CGI_MAX_Q_WORDS);
    return PASSIM_OK;
}

/* Parse a whole number in [lo, hi] for parameter `name`. */
static passim_status parse_number(uint32_t *out, const char *name, const char *v,
                                  size_t len, uint32_t lo, uint32_t hi)
{
    uint64_t x = 0;
    if (len == 0 || len > 10)
        goto bad;
    for (size_t i = 0; i < len; i++) {
        if (v[i] < '0' || v[i] > '9')
            goto bad;
        x = x * 10 + (uint64_t)(v[i] - '0');
    }
    if (x < lo || x > hi)
        goto bad;
    *out = (uint32_t)x;
    return PASSIM_OK;
bad:
    return passim_error_set(PASSIM_EINVAL,
                            "parameter %s must be a whole number from %u to %u",
                            name, (unsigned)lo, (unsigned)hi);
}

/* Parse a calendar date YYYY-MM-DD (years 0001 to 9999) into out[11]. */
static passim_status parse_date(char out[11], const char *name, const char *v,
                                size_t len)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = 0, m, d;
    if (len != 10 || v[4] != '-' || v[7] != '-')
        goto bad;
    for (size_t i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (v[i] < '0' || v[i] > '9'))
            goto bad;
    for (size_t i = 0; i < 4; i++)
        y = y * 10 + (v[i] - '0');
    m = (v[5] - '0') * 10 + (v[6] - '0');
    d = (v[8] - '0') * 10 + (v[9] - '0');
    if (y < 1 || m < 1 || m > 12 || d < 1)
        goto bad;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > days[m - 1] + (m == 2 && leap))
        goto bad;
    memcpy(out, v, 10);
    out[10] = '\0';
    return PASSIM_OK;
bad:
    return passim_error_set(PASSIM_EINVAL,
                            "parameter %s must be a date YYYY-MM-DD", name);
}

/* Store the query value v[0..len) (already decoded and checked). */
static passim_status set_query(passim_cgi_params *p, const char *v, size_t len)
{
    size_t a = 0, b = len;
    while (a < b && (v[a] == ' ' || v[a] == '\t' || v[a] == '\r' || v[a] == '\n'))
        a++;
    while (b > a && (v[b - 1] == ' ' || v[b - 1] == '\t' || v[b - 1] == '\r' ||
                     v[b - 1] == '\n'))
        b--;
    if (a == b)
        return PASSIM_OK; /* blank: no query */
    passim_status st = check_query_limits(v + a, b - a);
    if (st != PASSIM_OK)
        return st;
    char *q = malloc(b - a + 1);
    if (!q)
        return passim_error_set(PASSIM_ENOMEM, "out of memory");
    for (size_t i = a; i < b; i++)
        q[i - a] = (v[i] == '\t' || v[i] == '\r' || v[i] == '\n') ? ' ' : v[i];
    q[b - a] = '\0';
    p->q = q;
    p->q_len = b - a;
    return PASSIM_OK;
}

/* Store the article id v[0..len) (already decoded and checked). */
static passim_status set_id(passim_cgi_params *p, const char *v, size_t len)
{
    if (len > PASSIM_CGI_MAX_ID_BYTES)
        return passim_error_set(PASSIM_EINVAL, "parameter id is longer than %d bytes",
                                PASSIM_CGI_MAX_ID_BYTES);
    char *id = malloc(len + 1);
    if (!id)
        return passim_error_set(PASSIM_ENOMEM, "out of memory");
    memcpy(id, v, len);
    id[len] = '\0';
    p->id = id;
    p->id_len = len;
    return PASSIM_OK;
}

/* Record one decoded field name[0..nlen) = v[0..vlen). */
static passim_status set_field(passim_cgi_params *p, const char *name, size_t nlen,
                               const char *v, size_t vlen)
{
    passim_status st;
    int k;
    if ((st = check_text(name, nlen)) != PASSIM_OK ||
        (st = check_text(v, vlen)) != PASSIM_OK)
        return st;
    for (k = 0; k < P_COUNT; k++)
        if (strlen(PARAM_NAMES[k]) == nlen && memcmp(PARAM_NAMES[k], name, nlen) == 0)
            break;
    if (k == P_COUNT)
        return PASSIM_OK; /* unknown: ignored */
    if (p->seen & (1u << k))
        return passim_error_set(PASSIM_EINVAL, "parameter %s is given more than once",
                                PARAM_NAMES[k]);
    p->seen |= 1u << k;
    if (vlen == 0 && k != P_FORMAT)
        return PASSIM_OK; /* empty: the default */
    switch (k) {
    case P_Q:
        return set_query(p, v, vlen);
    case P_PAGE:
        return parse_number(&p->page_arg, "page", v, vlen, 1, PASSIM_CGI_MAX_OFFSET + 1);
    case P_OFFSET:
        p->offset_given = 1;
        return parse_number(&p->offset_arg, "offset", v, vlen, 0, PASSIM_CGI_MAX_OFFSET);
    case P_N:
        return parse_number(&p->n, "n", v, vlen, 1, PASSIM_CGI_MAX_N);
    case P_PER:
        return parse_number(&p->per, "per", v, vlen, 1, PASSIM_CGI_MAX_PER);
    case P_FROM:
        return parse_date(p->from, "from", v, vlen);
    case P_TO:
        return parse_date(p->to, "to", v, vlen);
    case P_ID:
        return set_id(p, v, vlen);
    default: /* P_FORMAT */
        if (vlen == 0 || (vlen == 4 && memcmp(v, "html", 4) == 0)) {
            p->format = PASSIM_CGI_HTML;
            return PASSIM_OK;
        }
        if (vlen == 4 && memcmp(v, "json", 4) == 0) {
            p->format = PASSIM_CGI_JSON;
            return PASSIM_OK;
        }
        return passim_error_set(PASSIM_EINVAL, "parameter format must be html or json");
    }
}

/* Checks that need every field: page or offset, the depth of paging,
 * the order of the dates. */
static passim_status finish(passim_cgi_params *p)
{
    if (p->page_arg && p->offset_given)
        return passim_error_set(PASSIM_EINVAL, "give page or offset, not both");
    if (p->page_arg) {
        uint64_t off = (uint64_t)(p->page_arg - 1) * p->n;
        if (off > PASSIM_CGI_MAX_OFFSET)
            return passim_error_set(PASSIM_EINVAL,
                                    "results beyond the first %d cannot be paged to",
                                    PASSIM_CGI_MAX_OFFSET);
        p->offset = (uint32_t)off;
        p->page = p->page_arg;
    } else {
        p->offset = p->offset_arg;
        p->page = p->offset / p->n + 1;
    }
    if (p->from[0] && p->to[0] && strcmp(p->from, p->to) > 0)
        return passim_error_set(PASSIM_EINVAL, "the date 'from' is after the date 'to'");
    return PASSIM_OK;
}

/* The first client error of a request. Parsing goes on after it, so that
 * every field (format included) is seen; the first error is reported. */
typedef struct first_error {
    passim_status st;
    char msg[256];
} first_error;

/* Record st (with the current error message) if it is the first error.
 * Returns 1 when parsing must stop at once (not a client error). */
static int note_error(first_error *fe, passim_status st)
{
    if (st == PASSIM_OK)
        return 0;
    if (fe->st == PASSIM_OK) {
        fe->st = st;
        snprintf(fe->msg, sizeof fe->msg, "%s", passim_error_msg());
    }
    return st != PASSIM_EINVAL;
}

/* The request's final status: the first error, else the cross-field
 * checks. */
static passim_status conclude(passim_cgi_params *p, const first_error *fe)
{
    if (fe->st != PASSIM_OK)
        return passim_error_set(fe->st, "%s", fe->msg);
    return finish(p);
}

passim_status passim_cgi_parse_query_string(passim_cgi_params *p,
                                            const char *qs, size_t len)
{
    passim_error_clear();
    passim_status st = PASSIM_OK;
    first_error fe = {PASSIM_OK, ""};
    char *buf = NULL;
    size_t fields = 0;
    if (len > PASSIM_CGI_MAX_QUERY_STRING)
        return passim_error_set(PASSIM_ETOOBIG, "the request is longer than %d bytes",
                                PASSIM_CGI_MAX_QUERY_STRING);
    if (!(buf = malloc(len + 1))) {
        st = passim_error_set(PASSIM_ENOMEM, "out of memory");
        goto out;
    }
    for (size_t at = 0; at < len;) {
        const char *f = qs + at, *amp = memchr(f, '&', len - at);
        size_t flen = amp ? (size_t)(amp - f) : len - at;
        at += flen + 1;
        if (flen == 0)
            continue;
        if (++fields > PASSIM_CGI_MAX_FIELDS) {
            st = passim_error_set(PASSIM_EINVAL, "the request has more than %d fields",
                                  PASSIM_CGI_MAX_FIELDS);
            goto out;
        }
        const char *eq = memchr(f, '=', flen);
        size_t rawn = eq ? (size_t)(eq - f) : flen;
        size_t nlen = url_decode(buf, f, rawn);
        char *val = buf + (nlen == (size_t)-1 ? 0 : nlen);
        size_t vlen = eq ? url_decode(val, eq + 1, flen - rawn - 1) : 0;
        if (nlen == (size_t)-1 || vlen == (size_t)-1)
            st = passim_error_set(PASSIM_EINVAL, "the request holds a malformed %%-escape");
        else
            st = set_field(p, buf, nlen, val, vlen);
        if (note_error(&fe, st))
            goto out;
    }
    st = conclude(p, &fe);
out:
    free(buf);
    return st;
}

passim_status passim_cgi_parse_args(passim_cgi_params *p, int argc,
                                    char *const *argv)
{
    passim_error_clear();
    passim_status st;
    first_error fe = {PASSIM_OK, ""};
    if (argc > PASSIM_CGI_MAX_FIELDS)
        return passim_error_set(PASSIM_EINVAL, "more than %d arguments",
                                PASSIM_CGI_MAX_FIELDS);
    for (int i = 0; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');
        if (!eq)
            st = passim_error_set(PASSIM_EINVAL, "arguments take the form NAME=VALUE");
        else
            st = set_field(p, argv[i], (size_t)(eq - argv[i]), eq + 1, strlen(eq + 1));
        if (note_error(&fe, st))
            return st;
    }
    return conclude(p, &fe);
}

/* Whether s[0..n) equals the lower-case ASCII word w, ignoring case. */
static int token_is(const char *s, size_t n, const char *w)
{
    if (strlen(w) != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != w[i])
            return 0;
    }
    return 1;
}

/* Whether a coding's parameters s[0..n) (after its name) hold q=0. */
static int q_is_zero(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != ';')
            continue;
        size_t j = i + 1;
        while (j < n && (s[j] == ' ' || s[j] == '\t'))
            j++;
        if (j + 1 < n && (s[j] == 'q' || s[j] == 'Q') && s[j + 1] == '=') {
            j += 2;
            int zero = 1;
            for (; j < n && s[j] != ';' && s[j] != ' ' && s[j] != '\t'; j++)
                if (s[j] != '0' && s[j] != '.')
                    zero = 0;
            return zero;
        }
    }
    return 0;
}

int passim_cgi_accepts_gzip(const char *ae)
{
    int star = 0, gzip = -1; /* -1: not named */
    if (!ae)
        return 0;
    for (const char *p = ae; *p;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        size_t a = 0, name_end;
        while (a < len && (p[a] == ' ' || p[a] == '\t'))
            a++;
        name_end = a;
        while (name_end < len && p[name_end] != ';' && p[name_end] != ' ' &&
               p[name_end] != '\t')
            name_end++;
        int ok = !q_is_zero(p + name_end, len - name_end);
        if (token_is(p + a, name_end - a, "gzip") ||
            token_is(p + a, name_end - a, "x-gzip"))
            gzip = gzip == 1 ? 1 : ok;
        else if (token_is(p + a, name_end - a, "*"))
            star = ok;
        p += len + (comma ? 1 : 0);
    }
    return gzip == -1 ? star : gzip;
}
