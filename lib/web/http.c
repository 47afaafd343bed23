/* http.c — CGI responses (contracts in http.h). */
#include "web/http.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

const char *passim_http_reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    }
    return "Error";
}

passim_status passim_http_gzip(char **out, size_t *out_len, const char *in,
                               size_t len)
{
    passim_error_clear();
    passim_status st = PASSIM_OK;
    z_stream z;
    memset(&z, 0, sizeof z);
    *out = NULL;
    *out_len = 0;
    if (len > (size_t)UINT32_MAX / 2)
        return passim_error_set(PASSIM_ETOOBIG, "response too large to compress");
    /* 15 window bits + 16: a gzip header and trailer instead of zlib's. */
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return passim_error_set(PASSIM_ENOMEM, "cannot start compression");
    size_t cap = deflateBound(&z, (uLong)len);
    char *buf = malloc(cap);
    if (!buf) {
        st = passim_error_set(PASSIM_ENOMEM, "out of memory");
        goto out;
    }
    z.next_in = (Bytef *)(uintptr_t)in;
    z.avail_in = (uInt)len;
    z.next_out = (Bytef *)buf;
    z.avail_out = (uInt)cap;
    if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
        st = passim_error_set(PASSIM_EINTERNAL, "compression failed");
        goto out;
    }
    *out = buf;
    *out_len = cap - z.avail_out;
    buf = NULL;
out:
    free(buf);
    deflateEnd(&z);
    return st;
}

/* Whether a header value is safe to write: printable ASCII and spaces. */
static int header_value_ok(const char *v)
{
    for (const unsigned char *p = (const unsigned char *)v; *p; p++)
        if (*p < 0x20 || *p >= 0x7F)
            return 0;
    return 1;
}

passim_status passim_http_write(FILE *f, const passim_http_response *r)
{
    passim_error_clear();
    passim_status st = PASSIM_OK;
    char *gz = NULL;
    const char *body = r->body;
    size_t len = r->body_len;
    if (!r->content_type || !header_value_ok(r->content_type) ||
        (r->csp && !header_value_ok(r->csp)) || r->status < 100 || r->status > 599)
        return passim_error_set(PASSIM_EINVAL, "bad response header");
    if (r->flags & PASSIM_HTTP_GZIP) {
        if ((st = passim_http_gzip(&gz, &len, r->body ? r->body : "", len)) != PASSIM_OK)
            return st;
        body = gz;
    }
    fprintf(f, "Status: %d %s\r\n", r->status, passim_http_reason(r->status));
    fprintf(f, "Content-Type: %s\r\n", r->content_type);
    fprintf(f, "Content-Length: %zu\r\n", len);
    if (r->flags & PASSIM_HTTP_GZIP)
        fputs("Content-Encoding: gzip\r\n", f);
    fputs("Vary: Accept-Encoding\r\n", f);
    if (r->status == 405)
        fputs("Allow: GET, HEAD\r\n", f);
    if (r->csp)
        fprintf(f, "Content-Security-Policy: %s\r\n", r->csp);
    fputs("X-Content-Type-Options: nosniff\r\n"
          "Referrer-Policy: no-referrer\r\n"
          "Cache-Control: no-cache\r\n"
          "\r\n", f);
    if (!(r->flags & PASSIM_HTTP_HEAD) && len)
        fwrite(body, 1, len, f);
    if (fflush(f) != 0 || ferror(f))
        st = passim_error_set(PASSIM_EIO, "write error");
    free(gz);
    return st;
}
