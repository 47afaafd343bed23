/* message.c — escaped messages for a terminal (contracts in message.h). */
#include "util/message.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/codec.h"
#include "util/utf8out.h"

/* Write each byte of s[0..n) as \xHH. */
static void put_hex(FILE *f, const char *s, size_t n)
{
    char esc[4];
    for (size_t i = 0; i < n; i++) {
        passim_hex_escape(esc, (unsigned char)s[i]);
        fwrite(esc, 1, sizeof esc, f);
    }
}

void passim_message_put(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t k = passim_utf8_seq(s + i, n - i);
        if (k == 0) { /* not valid UTF-8: this one byte, then resync */
            put_hex(f, s + i, 1);
            i++;
        } else if (passim_utf8_is_control(s + i, k)) {
            put_hex(f, s + i, k);
            i += k;
        } else {
            fwrite(s + i, 1, k, f);
            i += k;
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
