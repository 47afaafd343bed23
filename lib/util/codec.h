/* codec.h — the byte encodings shared by stored formats (document data,
 * corpus file records): a growable output buffer and a bounded reader of
 * untrusted bytes, with unsigned LEB128 varints; hexadecimal digits for the
 * escaped forms (%XX, \xHH).
 */
#ifndef PASSIM_CODEC_H
#define PASSIM_CODEC_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* An output buffer; after an allocation failure `failed` is set and
 * further writes do nothing. p is malloc'd: the caller frees it (or takes
 * it). Zero-initialise before use. */
typedef struct passim_outbuf {
    char *p;
    size_t len, cap;
    int failed;
} passim_outbuf;

void passim_out_bytes(passim_outbuf *o, const void *src, size_t n);
void passim_out_varint(passim_outbuf *o, uint64_t v);

/* A bounded reader: p advances towards end, never past it. */
typedef struct passim_inbuf {
    const unsigned char *p, *end;
} passim_inbuf;

/* Read a varint; -1 when it is cut off or longer than 64 bits. */
int passim_in_varint(uint64_t *v, passim_inbuf *in);

/* Write byte c as the 4 bytes "\xHH" (lower-case hex) into out; no NUL.
 * Cannot fail. */
void passim_hex_escape(char out[4], unsigned char c);

/* Value of the hexadecimal digit c (either case), or -1. */
int passim_hex_value(unsigned char c);

#ifdef __cplusplus
}
#endif
#endif
