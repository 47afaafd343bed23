/* utf8out.c — invalid UTF-8 written as \xHH (contracts in utf8out.h). */
#include "util/utf8out.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/codec.h"

size_t passim_utf8_seq(const char *s, size_t left)
{
    const unsigned char *u = (const unsigned char *)s;
    if (left == 0)
        return 0;
    if (u[0] < 0x80)
        return 1;
    size_t n;
    uint32_t cp, min;
    if (u[0] >= 0xC2 && u[0] <= 0xDF) {
        n = 2, cp = u[0] & 0x1F, min = 0x80;
    } else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
        n = 3, cp = u[0] & 0x0F, min = 0x800;
    } else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
        n = 4, cp = u[0] & 0x07, min = 0x10000;
    } else {
        return 0; /* continuation byte, overlong lead C0/C1, or F5..FF */
    }
    if (left < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((u[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (u[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

int passim_utf8_valid(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t k = passim_utf8_seq(s + i, len - i);
        if (k == 0)
            return 0;
        i += k;
    }
    return 1;
}

/* Length of s[0..len) once escaped. */
static size_t escaped_len(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        size_t k = passim_utf8_seq(s + i, len - i);
        n += k ? k : 4;
        i += k ? k : 1;
    }
    return n;
}

int passim_utf8_is_control(const char *s, size_t k)
{
    const unsigned char *u = (const unsigned char *)s;
    return (k == 1 && (u[0] < 0x20 || u[0] == 0x7f)) ||
           (k == 2 && u[0] == 0xC2 && u[1] <= 0x9F);
}

int passim_utf8_has_control(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t k = passim_utf8_seq(s + i, len - i);
        if (k && passim_utf8_is_control(s + i, k))
            return 1;
        i += k ? k : 1;
    }
    return 0;
}

char *passim_utf8out_dup(size_t *out_len, const char *s, size_t len)
{
    char *d = malloc(escaped_len(s, len) + 1);
    size_t o = 0;
    if (!d)
        return NULL;
    for (size_t i = 0; i < len;) {
        size_t k = passim_utf8_seq(s + i, len - i);
        if (k) {
            memcpy(d + o, s + i, k);
            o += k;
            i += k;
            continue;
        }
        passim_hex_escape(d + o, (unsigned char)s[i++]);
        o += 4;
    }
    d[o] = '\0';
    if (out_len)
        *out_len = o;
    return d;
}

void passim_utf8out_write(FILE *f, const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t k = passim_utf8_seq(s + i, len - i);
        if (k) {
            fwrite(s + i, 1, k, f);
            i += k;
            continue;
        }
        char esc[4];
        passim_hex_escape(esc, (unsigned char)s[i++]);
        fwrite(esc, 1, sizeof esc, f);
    }
}

/* Whether s[i..len) starts with "\x" and two hex digits. */
static int escape_at(const char *s, size_t i, size_t len)
{
    return i + 3 < len && s[i] == '\\' && s[i + 1] == 'x' &&
           passim_hex_value((unsigned char)s[i + 2]) >= 0 && passim_hex_value((unsigned char)s[i + 3]) >= 0;
}

int passim_utf8out_has_escape(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (escape_at(s, i, len))
            return 1;
    return 0;
}

size_t passim_utf8out_unescape(char *s, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (escape_at(s, i, len)) {
            s[o++] = (char)(passim_hex_value((unsigned char)s[i + 2]) * 16 +
                            passim_hex_value((unsigned char)s[i + 3]));
            i += 3;
        } else {
            s[o++] = s[i];
        }
    }
    s[o] = '\0';
    return o;
}
