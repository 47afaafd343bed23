/* http.h — writing a CGI response: status, headers, optionally gzip'd body.
 *
 * A response is written in one go: "Status:" line, the headers, a blank
 * line, then the body (left out for HEAD, with Content-Length still that of
 * the body a GET would get). Lines end in CRLF. Every response carries:
 *   Content-Type, Content-Length, Vary: Accept-Encoding,
 *   X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer,
 *   Cache-Control: no-cache, and the Content-Security-Policy given;
 * plus Content-Encoding: gzip when the body is compressed, and
 * Allow: GET, HEAD on a 405.
 * Header values come only from the program (never from the request) and
 * are checked anyway: a value holding a control character (CR, LF, ...)
 * is refused, so no request byte can split a header.
 */
#ifndef PASSIM_HTTP_H
#define PASSIM_HTTP_H

#include <stddef.h>
#include <stdio.h>

#include "util/status.h"

#ifdef __cplusplus
extern "C" {
#endif

enum passim_http_flags {
    PASSIM_HTTP_HEAD = 1, /* headers only (a HEAD request) */
    PASSIM_HTTP_GZIP = 2  /* gzip the body (the client accepts it) */
};

typedef struct passim_http_response {
    int status;               /* 200, 400, ... */
    const char *content_type; /* e.g. "text/html; charset=utf-8" */
    const char *csp;          /* Content-Security-Policy value; NULL: none */
    const char *body;         /* borrowed; may be NULL when body_len is 0 */
    size_t body_len;
    int flags;                /* passim_http_flags */
} passim_http_response;

/* The reason phrase of an HTTP status ("Not Found"); a static string,
 * "Error" for codes it does not know. */
const char *passim_http_reason(int status);

/* Compress in[0..len) as one gzip member (zlib, gzip wrapper). *out is
 * malloc'd and owned by the caller (free), *out_len its length; on error
 * *out is NULL.
 * Return value:
 *   PASSIM_OK  *out and *out_len are set.
 *   PASSIM_ETOOBIG  len too large for zlib.
 *   PASSIM_EINTERNAL  zlib failed.
 *   PASSIM_ENOMEM  out of memory. */
passim_status passim_http_gzip(char **out, size_t *out_len, const char *in,
                               size_t len);

/* Write the response r to f. PASSIM_EINVAL (nothing written) when a header
 * value holds a control character; PASSIM_ENOMEM when compression fails
 * for memory; PASSIM_EIO on a write error.
 * Return value:
 *   PASSIM_OK  written.
 *   PASSIM_EINVAL
 *       a header value holds a control character (nothing written).
 *   PASSIM_ENOMEM, PASSIM_ETOOBIG, PASSIM_EINTERNAL
 *       compressing the body failed (as passim_http_gzip()).
 *   PASSIM_EIO  a write error. */
passim_status passim_http_write(FILE *f, const passim_http_response *r);

#ifdef __cplusplus
}
#endif
#endif
