/* codec.c — output buffer and varints (contracts in codec.h). */
#include "util/codec.h"

#include <stdlib.h>
#include <string.h>

void passim_out_bytes(passim_outbuf *o, const void *src, size_t n)
{
    if (o->failed)
        return;
    if (n > o->cap - o->len) {
        size_t cap = o->cap ? o->cap : 256;
        while (cap - o->len < n) {
            if (cap > SIZE_MAX / 2) {
                o->failed = 1;
                return;
            }
            cap *= 2;
        }
        char *p = realloc(o->p, cap);
        if (!p) {
            o->failed = 1;
            return;
        }
        o->p = p;
        o->cap = cap;
    }
    if (n)
        memcpy(o->p + o->len, src, n);
    o->len += n;
}

void passim_out_varint(passim_outbuf *o, uint64_t v)
{
    unsigned char tmp[10];
    size_t n = 0;
    do {
        unsigned char b = v & 0x7f;
        v >>= 7;
        tmp[n++] = b | (v ? 0x80 : 0);
    } while (v);
    passim_out_bytes(o, tmp, n);
}

int passim_in_varint(uint64_t *v, passim_inbuf *in)
{
    uint64_t r = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
        if (in->p >= in->end)
            return -1;
        unsigned char b = *in->p++;
        if (shift == 63 && (b & 0x7e))
            return -1; /* bits past bit 63 */
        r |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *v = r;
            return 0;
        }
    }
    return -1;
}

int passim_hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void passim_hex_escape(char out[4], unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    out[0] = '\\';
    out[1] = 'x';
    out[2] = hex[c >> 4];
    out[3] = hex[c & 15];
}
