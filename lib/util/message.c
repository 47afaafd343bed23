/* message.c — escaped messages for a terminal (contracts in message.h). */
#include "util/message.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Write each byte of s[0..n) as \xHH. */
static void put_hex(FILE *f, const unsigned char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        fputs("\\x", f);
        fputc(hex[s[i] >> 4], f);
        fputc(hex[s[i] & 15], f);
    }
}

void passim_message_put(FILE *f, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t len = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &cp);
        if (len <= 0) { /* not valid UTF-8: this one byte, then resync */
            put_hex(f, u + i, 1);
            i++;
        } else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
            put_hex(f, u + i, (size_t)len);
            i += (size_t)len;
        } else {
            fwrite(u + i, 1, (size_t)len, f);
            i += (size_t)len;
        }
    }
}

void passim_message_print(FILE *f, const char *fmt, ...)
{
    va_list ap;
    char small[512], *big = NULL;
    const char *text = small;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof small) {
        if ((big = malloc((size_t)n + 1)) != NULL) {
            va_start(ap, fmt);
            n = vsnprintf(big, (size_t)n + 1, fmt, ap);
            va_end(ap);
        }
        text = big;
    }
    if (n < 0 || !text) { /* cannot format: the format string, still escaped */
        text = fmt;
        n = (int)strlen(fmt);
    }
    /* One write of the whole line: the messages of parallel workers
     * sharing a stderr (unbuffered) then never interleave. */
    char *line = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&line, &len);
    if (m) {
        passim_message_put(m, text, (size_t)n);
        fputc('\n', m);
    }
    if (m && fclose(m) == 0) {
        fwrite(line, 1, len, f);
        fflush(f);
    } else {
        passim_message_put(f, text, (size_t)n);
        fputc('\n', f);
    }
    free(line);
    free(big);
}
