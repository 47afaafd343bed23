/* html.h — the web search page, as one HTML5 document.
 *
 * The page works without JavaScript and holds none: a search form (GET,
 * keeping the query), the result count and time, each article with its
 * title (a link to the article view, ?id=ID&q=Q#pN at its best passage),
 * date and id and its best passage with the query words in <mark>,
 * the article's further passages folded in <details> (each with a link to
 * the view at itself), paging links, and a
 * "did you mean" link when a suggestion is given. Styles are one <style>
 * element whose SHA-256 is in PASSIM_HTML_CSP, so the policy allows that
 * style and nothing else (no script, no image, no frame, no other origin).
 *
 * Escaping: every byte that comes from the request or the corpus goes
 * through passim_html_escape (text and attribute values alike) or, in
 * links, through passim_html_url_encode. Control characters are shown as
 * U+FFFD; a byte that is not part of valid UTF-8 (an id from an old index)
 * as \xHH (utf8out.h), so the page is always valid UTF-8.
 */
#ifndef PASSIM_HTML_H
#define PASSIM_HTML_H

#include <stddef.h>
#include <stdio.h>

#include "web/cgiparam.h"
#include "search/search.h"
#include "util/status.h"
#include "search/view.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The Content-Security-Policy to send with the page. The style hash is
 * that of the <style> element's text (see html.c); the integration test
 * cgi_server.sh recomputes it from a served page. */
#define PASSIM_HTML_STYLE_HASH "sha256-lr9tSMCnP39HoMklmGvYP5zZEiUx9w6gHoNbRbWscDQ="
#define PASSIM_HTML_CSP                                                    \
    "default-src 'none'; style-src '" PASSIM_HTML_STYLE_HASH "'; "        \
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

typedef struct passim_html_view {
    const passim_cgi_params *params; /* the request (q, n, per, dates, paging);
                                        NULL: as if nothing was asked */
    const passim_results *results;   /* NULL: no search ran (the search page) */
    double seconds;                  /* time the search took */
    const char *suggestion;          /* "did you mean" query (UTF-8), or NULL */
} passim_html_view;

/* Write s[0..len) as HTML text or attribute value: & < > " ' escaped as
 * entities, C0/C1 controls (but tab and line feed) and DEL as U+FFFD, each
 * byte that is not part of valid UTF-8 as \xHH. s may be NULL only with
 * len 0. */
void passim_html_escape(FILE *f, const char *s, size_t len);

/* Write s[0..len) percent-encoded for a URL query component: letters,
 * digits and "-._~" as they are, space as '+', every other byte as %XX. */
void passim_html_url_encode(FILE *f, const char *s, size_t len);

/* Write the whole page for `v` to f. PASSIM_EIO on a write error.
 * Return value:
 *   PASSIM_OK  written.
 *   PASSIM_EIO  a write error.
 *   PASSIM_ENOMEM  out of memory. */
passim_status passim_html_page(FILE *f, const passim_html_view *v);

/* Write the article view of `v` (view.h): the search form (keeping p's
 * query; p may be NULL), a link back to the results when there is a
 * query, the title, byline, date, id and url (a link when it is http or
 * https), and every paragraph, each sentence in an element with id "pN"
 * (N: its ordinal, a result's "passage"), the query's matches in <mark>.
 * PASSIM_EIO on a write error.
 * Return value:
 *   PASSIM_OK  written.
 *   PASSIM_EIO  a write error. */
passim_status passim_html_article(FILE *f, const passim_view *v,
                                  const passim_cgi_params *p);

/* Write an error page: the search form (keeping p's query when p is not
 * NULL) and "<status> <reason>: <message>". message may be NULL.
 * Return value:
 *   PASSIM_OK  written.
 *   PASSIM_EIO  a write error. */
passim_status passim_html_error(FILE *f, int status, const char *message,
                                const passim_cgi_params *p);

/* The text of the page's <style> element (a static string), for checking
 * PASSIM_HTML_STYLE_HASH. */
const char *passim_html_style(void);

#ifdef __cplusplus
}
#endif
#endif
