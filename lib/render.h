/* render.h — writing search results for people and programs.
 *
 * Text: a "Did you mean: ..." line when there is a suggestion, then one
 * block per passage — rank and title on one line, id and date on the
 * next, the passage below them, with highlights (in the title and the
 * passage) marked: bold (ANSI) when `ansi` is set, else "[[" and "]]". Control characters from the corpus never reach the
 * output (each is shown as U+FFFD), so stored text cannot drive a terminal.
 *
 * JSON: one object, keys in this order:
 *   {"results": [ {"id", "title", "date" (string "YYYY-MM-DD" or null),
 *                  "byline" (string or null), "url" (string or null),
 *                  "passage" (ordinal of its first sentence), "sentences",
 *                  "score", "article_rank", "article_score",
 *                  "text", "highlights": [[start, end], ...],
 *                  "title_highlights": [[start, end], ...]} ...],
 *    "query", "offset", "limit", "articles_matched", "passages_found",
 *    "suggestion" (a corrected query, or null)}
 * Highlight offsets are bytes into "text" (title_highlights: into "title"),
 * UTF-8, end exclusive.
 */
#ifndef PASSIM_RENDER_H
#define PASSIM_RENDER_H

#include <stdio.h>

#include "search.h"
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Write results as text to `f`. */
passim_status passim_render_text(FILE *f, const passim_results *r, int ansi);

/* Write results as one JSON object (and a newline) to `f`. */
passim_status passim_render_json(FILE *f, const char *query,
                                 const passim_search_opts *o,
                                 const passim_results *r);

#ifdef __cplusplus
}
#endif
#endif
