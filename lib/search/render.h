/* render.h — writing search results for people and programs.
 *
 * Text: a "Did you mean: ..." line when there is a suggestion, then one
 * block per passage — rank and title on one line, id and date on the
 * next, the passage below them, with highlights (in the title and the
 * passage) marked: bold (ANSI) when `ansi` is set,
 * else "[[" and "]]". Control characters from the corpus never reach the
 * output (each is shown as U+FFFD), so stored text cannot drive a terminal;
 * bytes that are not valid UTF-8 are shown as \xHH (utf8out.h).
 *
 * JSON: one object, keys in this order:
 *   {"results": [ {"id", "title", "title_highlights": [[start, end], ...],
 *                  "date" (string "YYYY-MM-DD" or null),
 *                  "byline" (string or null), "url" (string or null),
 *                  "passage" (ordinal of its first sentence), "sentences",
 *                  "score", "article_rank", "article_score",
 *                  "text", "highlights": [[start, end], ...]} ...],
 *    "query", "offset", "limit", "articles_matched", "passages_found",
 *    "suggestion" (a corrected query, or null)}
 * With opts->by_article, "articles" takes the place of "results", one
 * object per article in rank order ("offset" and "limit" count articles):
 *   {"articles": [ {"id", "title", "title_highlights", "date", "byline",
 *                   "url", "article_rank",
 *                   "article_score", "passages": [ {"passage", "sentences",
 *                   "score", "text", "highlights"} ...]} ...], "query", ...}
 * Highlight offsets are bytes into "text" (title_highlights: into "title")
 * as written, UTF-8, end exclusive: an escaped byte counts as the four of
 * its \xHH.
 */
#ifndef PASSIM_RENDER_H
#define PASSIM_RENDER_H

#include <stdio.h>

#include "search/search.h"
#include "util/status.h"
#include "search/view.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Write results as text to `f`. With o->by_article, grouped: each article
 * once (its number from o->offset + 1, title, id, date, byline, article
 * score), its passages under it. o may be NULL (passage mode).
 * Return value:
 *   PASSIM_OK  written.
 *   PASSIM_EIO  a write error. */
passim_status passim_render_text(FILE *f, const passim_results *r,
                                 const passim_search_opts *o, int ansi);

/* Write "No results for: QUERY" (cleaned as the text output is) to `f`.
 * Return value:
 *   PASSIM_OK  written.
 *   PASSIM_EIO  a write error. */
passim_status passim_render_no_results(FILE *f, const char *query);

/* Write results as one JSON object (and a newline) to `f`. Strings that
 * are not valid UTF-8 are written with \xHH escapes (utf8out.h); only an
 * allocation failure is PASSIM_ENOMEM, a write error is PASSIM_EIO.
 * Return value:
 *   PASSIM_OK  written.
 *   PASSIM_EIO  a write error.
 *   PASSIM_ENOMEM  out of memory. */
passim_status passim_render_json(FILE *f, const char *query,
                                 const passim_search_opts *o,
                                 const passim_results *r);

/* The article view (view.h) as text: the title (bold with ansi), a line
 * "ID · DATE · BYLINE", the url on its own line when there is one, then
 * each paragraph after a blank line, highlights marked as in results.
 * Return value:
 *   PASSIM_OK  written.
 *   PASSIM_EIO  a write error. */
passim_status passim_render_view_text(FILE *f, const passim_view *v, int ansi);

/* The article view as one JSON object (and a newline):
 *   {"id", "title", "date", "byline", "url" (each string or null as in
 *    results), "query" (the query highlighted, or null),
 *    "paragraphs": [ {"sentence" (ordinal of its first sentence),
 *                     "text", "highlights": [[start, end], ...]} ...]}
 * Return value:
 *   PASSIM_OK  written.
 *   PASSIM_EIO  a write error.
 *   PASSIM_ENOMEM  out of memory. */
passim_status passim_render_view_json(FILE *f, const passim_view *v, const char *query);

#ifdef __cplusplus
}
#endif
#endif
