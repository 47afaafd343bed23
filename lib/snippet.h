/* snippet.h — the text of a passage as shown, with its highlights.
 *
 * The passage's byte range of the stored text is copied with every run of
 * white space (line breaks of hard-wrapped text included) collapsed to one
 * space. Highlight spans are the query hits lying wholly inside the
 * passage, as byte offsets into that shown text, sorted and merged where
 * they overlap or touch.
 */
#ifndef PASSIM_SNIPPET_H
#define PASSIM_SNIPPET_H

#include <stddef.h>
#include <stdint.h>

#include "match.h"
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct passim_span {
    uint32_t start, end; /* byte range in the shown text */
} passim_span;

typedef struct passim_snippet {
    char *text;         /* NUL-terminated; owned */
    size_t len;
    passim_span *spans; /* owned; may be NULL when nspans == 0 */
    size_t nspans;
} passim_snippet;

/* Build the snippet of text[start..end) with the hits of `hits` inside it.
 * *out is filled (caller releases with passim_snippet_release). */
passim_status passim_snippet_make(const char *text, uint32_t start, uint32_t end,
                                  const passim_hits *hits, passim_snippet *out);

/* Free what *s owns and zero it. Accepts NULL. */
void passim_snippet_release(passim_snippet *s);

#ifdef __cplusplus
}
#endif
#endif
