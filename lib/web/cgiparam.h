/* cgiparam.h — decoding and validating the parameters of a web search.
 *
 * Pure: no I/O, no environment, no global state; every input is bytes
 * given by the caller, so the module can be fuzzed on its own.
 *
 * Parameters (every value percent-decoded, '+' meaning a space, and then
 * required to be valid UTF-8 without NUL or other control characters;
 * tab, CR and LF in `q` become spaces). An empty value means "not given".
 *
 *   q       the query text (query.h's language); at most
 *           PASSIM_CGI_MAX_Q_BYTES bytes, PASSIM_CGI_MAX_Q_WORDS words,
 *           PASSIM_CGI_MAX_DEPTH nested parentheses, PASSIM_CGI_MAX_WILDCARDS
 *           wildcards ('*'), each after at least PASSIM_CGI_MIN_WILDCARD_PREFIX
 *           letters. These limits are measured on the raw text, whatever
 *           the query parser later makes of it: a word is a maximal run of
 *           ASCII letters and digits and non-ASCII characters.
 *   page    1-based page of n passages; or
 *   offset  passages skipped first (not both); at most PASSIM_CGI_MAX_OFFSET
 *           passages may be skipped either way
 *   n       passages per page, 1 to PASSIM_CGI_MAX_N (default 10)
 *   per     most passages from one article, 1 to PASSIM_CGI_MAX_PER
 *           (default PASSIM_CGI_DEFAULT_PER)
 *   from, to  dates YYYY-MM-DD (a real calendar day); from <= to
 *   format  "html" (default) or "json"
 *   id      an article id: the article view instead of a search (q, if
 *           given, is then highlighted in it); at most PASSIM_CGI_MAX_ID_BYTES
 *           bytes; tab, CR and LF are kept as they are
 *
 * Unknown parameter names are ignored (they must still be well encoded);
 * a known parameter given twice is an error. Every field is looked at even
 * after a bad one, and the first error is reported. Error messages (read with
 * passim_error_msg) are short, meant for the user, and never quote the
 * input.
 */
#ifndef PASSIM_CGIPARAM_H
#define PASSIM_CGIPARAM_H

#include <stddef.h>
#include <stdint.h>

#include "util/status.h"
#include "util/utf8out.h" /* passim_utf8_seq, passim_utf8_valid */

#ifdef __cplusplus
extern "C" {
#endif

#define PASSIM_CGI_MAX_QUERY_STRING 8192 /* longer QUERY_STRING: HTTP 414 */
#define PASSIM_CGI_MAX_FIELDS 32         /* name=value pairs in a request */
#define PASSIM_CGI_MAX_Q_BYTES 2048
#define PASSIM_CGI_MAX_Q_WORDS 64
#define PASSIM_CGI_MAX_DEPTH 8
#define PASSIM_CGI_MAX_WILDCARDS 4
#define PASSIM_CGI_MIN_WILDCARD_PREFIX 3
#define PASSIM_CGI_MAX_N 100
#define PASSIM_CGI_DEFAULT_N 10
#define PASSIM_CGI_MAX_PER 10
#define PASSIM_CGI_DEFAULT_PER 3
#define PASSIM_CGI_MAX_OFFSET 500
#define PASSIM_CGI_MAX_ID_BYTES 1024 /* an id of 240 bytes, each escaped */

enum passim_cgi_format { PASSIM_CGI_HTML = 0, PASSIM_CGI_JSON };

typedef struct passim_cgi_params {
    char *q;          /* the query, NUL-terminated, valid UTF-8; owned;
                         NULL when not given (or blank) */
    size_t q_len;
    uint32_t offset;  /* passages skipped: from offset, or (page-1)*n */
    uint32_t page;    /* 1-based page (offset / n + 1 when offset given) */
    uint32_t n;       /* passages per page */
    uint32_t per;     /* most passages from one article */
    char from[11];    /* "YYYY-MM-DD" or "" */
    char to[11];      /* "YYYY-MM-DD" or "" */
    int format;       /* enum passim_cgi_format; set even when another
                         field is bad, so the error can be in that format */
    char *id;         /* article id, NUL-terminated, valid UTF-8; owned;
                         NULL when not given */
    size_t id_len;
    unsigned seen;    /* internal: bit per known parameter already given */
    uint32_t page_arg;   /* internal: page as given, 0 when absent */
    uint32_t offset_arg; /* internal: offset as given */
    int offset_given;    /* internal: whether offset was given */
} passim_cgi_params;

/* Set *p to the defaults (no query, page 1, n 10, html). Owns nothing. */
void passim_cgi_params_init(passim_cgi_params *p);

/* Free what *p owns and set it back to the defaults. Accepts NULL. */
void passim_cgi_params_release(passim_cgi_params *p);

/* Decode a QUERY_STRING qs[0..len) (need not be NUL-terminated; NULL only
 * with len 0) into *p, which must have been initialised. Fields are
 * separated by '&' (';' is not a separator); empty fields are skipped.
 * Returns PASSIM_OK; PASSIM_ETOOBIG when len exceeds
 * PASSIM_CGI_MAX_QUERY_STRING (nothing decoded); PASSIM_EINVAL for a
 * malformed or out-of-range request (bad %-escape, invalid UTF-8, control
 * character, bad number or date, unknown format, too many fields, a query
 * over a limit); PASSIM_ENOMEM. On error *p may be partly filled: release
 * it.
 * Return value:
 *   PASSIM_OK  *p holds the request.
 *   PASSIM_ETOOBIG  len over PASSIM_CGI_MAX_QUERY_STRING (nothing decoded).
 *   PASSIM_EINVAL  a malformed or out-of-range request (above).
 *   PASSIM_ENOMEM  out of memory. */
passim_status passim_cgi_parse_query_string(passim_cgi_params *p,
                                            const char *qs, size_t len);

/* Decode command-line arguments argv[0..argc), each "NAME=VALUE" taken
 * literally (no %-decoding; for running the CGI from a shell), into *p.
 * Same checks and results as passim_cgi_parse_query_string, except that
 * the total length is not limited beyond the query's own limits; an
 * argument without '=' is PASSIM_EINVAL.
 * Return value:
 *   PASSIM_OK  *p holds the request.
 *   PASSIM_EINVAL
 *       a malformed or out-of-range request, or an argument without '='.
 *   PASSIM_ENOMEM  out of memory. */
passim_status passim_cgi_parse_args(passim_cgi_params *p, int argc,
                                    char *const *argv);

/* Whether an Accept-Encoding header value (may be NULL) accepts gzip:
 * a "gzip" or "x-gzip" coding, or "*", with no q=0. Returns 1 or 0. */
int passim_cgi_accepts_gzip(const char *accept_encoding);

#ifdef __cplusplus
}
#endif
#endif
