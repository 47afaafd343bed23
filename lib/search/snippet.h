/* snippet.h — the text of a passage as shown, with its highlights.
 *
 * The passage's byte range of the stored text is copied with every run of
 * white space (line breaks of hard-wrapped text included) collapsed to one
 * space; where two sentences of the passage are glued without white space
 * ("issues.During"), one space goes between them. Highlight spans are the
 * query hits lying wholly inside the passage, as byte offsets into that
 * shown text, sorted and merged where they overlap or touch.
 *
 * Bound: shown text over PASSIM_SNIPPET_MAX_BYTES (a 60-word passage is
 * about 400 bytes) is cut to fragments around the highlights holding at
 * most that many bytes of the passage in all, each cut at word boundaries
 * (or, inside a word longer than the room, at a character boundary), with
 * "…" where text was left out: " … " between fragments, "… " before the
 * first and " …" after the last when they do not reach the passage's
 * ends. The highlights are kept in order as long as they fit (each with at
 * least SNIPPET_MIN_CONTEXT bytes either side); the room left goes to the
 * context around them, evenly. Without highlights the passage's opening
 * is shown. Every output (text, JSON, HTML) shows this text, so none can
 * grow with the passage.
 */
#ifndef PASSIM_SNIPPET_H
#define PASSIM_SNIPPET_H

#include <stddef.h>
#include <stdint.h>

#include "search/match.h"
#include "text/sentence.h"
#include "util/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Most bytes of the passage a snippet shows (ellipses not counted). */
#define PASSIM_SNIPPET_MAX_BYTES 2000

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
 * *out is filled (caller releases with passim_snippet_release).
 * Return value:
 *   PASSIM_OK  *out is the snippet.
 *   PASSIM_ENOMEM  out of memory. */
passim_status passim_snippet_make(passim_snippet *out, const char *text, uint32_t start,
                                  uint32_t end, const passim_hits *hits);

/* As passim_snippet_make, but never cut to PASSIM_SNIPPET_MAX_BYTES: the
 * whole of text[start..end), white space collapsed (the article view shows
 * every sentence whole).
 * Return value:
 *   PASSIM_OK  *out is the text.
 *   PASSIM_ENOMEM  out of memory. */
passim_status passim_snippet_make_whole(passim_snippet *out, const char *text,
                                        uint32_t start, uint32_t end,
                                        const passim_hits *hits);

/* Build the snippet of the passage made of the n (>= 1) consecutive
 * sentences v[0..n) of text: the range v[0].start..v[n-1].end, with a space
 * where one sentence is glued to the next. *out as passim_snippet_make.
 * Return value:
 *   PASSIM_OK  *out is the snippet.
 *   PASSIM_EINVAL  n is 0.
 *   PASSIM_ENOMEM  out of memory. */
passim_status passim_snippet_make_passage(passim_snippet *out, const char *text,
                                          const passim_sentence *v, size_t n,
                                          const passim_hits *hits);

/* Free what *s owns and zero it. Accepts NULL. */
void passim_snippet_release(passim_snippet *s);

#ifdef __cplusplus
}
#endif
#endif
