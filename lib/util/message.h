/* message.h — messages for a terminal: file names and other bytes from
 * outside shown so that they cannot forge a line or send escapes.
 *
 * Escaped are the C0 controls (newline, carriage return, ESC, ... ), DEL,
 * the C1 controls U+0080..U+009F and every byte that is not part of valid
 * UTF-8: each such byte is written as `\xHH` (two lower-case hex digits).
 * Everything else, backslashes included, is written as it is, so a valid
 * UTF-8 name without controls is shown unchanged.
 */
#ifndef PASSIM_MESSAGE_H
#define PASSIM_MESSAGE_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Write s[0..n) to `f`, escaped as above. */
void passim_message_put(FILE *f, const char *s, size_t n);

/* Format like printf, write the result to `f` escaped as above, then one
 * newline: whatever the arguments hold, one message is one line. A message
 * that cannot be formatted (no memory) is written as its format string.
 * The line goes out in one write, so the messages of processes sharing a
 * stream (parallel workers on one stderr) never interleave. */
void passim_message_print(FILE *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#ifdef __cplusplus
}
#endif
#endif
