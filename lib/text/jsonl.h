/* jsonl.h — one JSON Lines record as an article.
 *
 * A record is a JSON object on one line with the fields
 *   id      string (or integer), required, non-empty, without control
 *           characters (C0, DEL, C1: a newline or tab would break TREC runs
 *           and messages): the article id
 *   text    string, required: the article text (cleaned like a file's)
 *   title   string, optional: replaces the title found in the text
 *   date    string, optional: "YYYY-MM-DD" or an ISO timestamp starting so
 *   byline  string, optional
 *   url     string, optional
 * Other fields are ignored. A field of the wrong type, a bad date, invalid
 * JSON or invalid UTF-8 makes the record bad (PASSIM_EINVAL with the reason
 * in passim_error_msg()); the caller reports and skips it.
 */
#ifndef PASSIM_JSONL_H
#define PASSIM_JSONL_H

#include <stddef.h>

#include "text/article.h"
#include "util/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Parse line[0..len) (without its newline). *out is owned by the caller
 * (passim_article_free) and NULL on failure.
 * Return value:
 *   PASSIM_OK  *out is the article.
 *   PASSIM_EINVAL
 *       not a JSON object, no or a bad "id" or "text", a field that is not a
 *       string, a bad date or metadata that is not UTF-8 (the detail says
 *       which).
 *   PASSIM_ETOOBIG  a url over PASSIM_URL_MAX_BYTES.
 *   PASSIM_ENOMEM  out of memory. */
passim_status passim_jsonl_article(passim_article **out, const char *line,
                                   size_t len);

#ifdef __cplusplus
}
#endif
#endif
