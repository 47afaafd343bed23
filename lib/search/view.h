/* view.h — one whole article as shown by the article view
 * (passim-search --show ID, passim.cgi ?id=ID).
 *
 * The article's stored text is cut into its paragraphs (the sentence
 * table's paragraph starts); a paragraph's text is the stored text from
 * its first sentence to its last, white space collapsed (snippet.h), as a
 * passage shows it. With a query,
 * the query's matches (match.h, the analyzer that indexed the text) are
 * highlight spans of the paragraph text. Each sentence keeps its ordinal
 * in the article (what a result's "passage" gives), so a page can put an
 * anchor on it.
 */
#ifndef PASSIM_VIEW_H
#define PASSIM_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "text/analyzer.h"
#include "index/docdata.h"
#include "search/query.h"
#include "search/snippet.h"
#include "util/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct passim_view_para {
    uint32_t first_sent;  /* ordinal (from 0) of its first sentence */
    uint32_t nsent;       /* sentences in it */
    passim_snippet text;  /* the paragraph's text and highlights; owned */
    passim_span *sent;    /* nsent byte ranges of text.text, one for each
                             sentence; owned */
} passim_view_para;

typedef struct passim_view {
    passim_docdata doc;     /* id, title, date, byline, url, text; owned */
    passim_view_para *para; /* npara paragraphs in order; owned */
    size_t npara;
} passim_view;

/* Build the view of `doc`, taking ownership of what it owns (it is
 * zeroed, whatever the outcome), with the matches of `q` highlighted (q
 * may be NULL: no highlights). Fills *out (release with
 * passim_view_release; zeroed on failure).
 * Return value:
 *   PASSIM_OK  *out is the view.
 *   PASSIM_ETOOBIG  a paragraph too long to highlight.
 *   PASSIM_ENOMEM  out of memory. */
passim_status passim_view_build(passim_view *out, passim_docdata *doc,
                                passim_analyzer *a, const passim_query *q);

/* Free what *v owns and zero it. Accepts NULL. */
void passim_view_release(passim_view *v);

#ifdef __cplusplus
}
#endif
#endif
