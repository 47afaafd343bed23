/* suggest.h — "did you mean": correcting query words the index lacks.
 *
 * A query word whose stem indexes no article is compared with the index's
 * terms that start with the same byte (stems, so the comparison is stem to
 * stem; stopwords are never suggested); the closest within 2 edits (insertions, deletions, substitutions
 * and swaps of neighbouring bytes, a swap counting a little less) wins, the term indexing the most
 * articles among equals. It is shown as a real word: the first word of the
 * first article holding it that has that stem ("goverment" → stem "gover"
 * → "govern" → "government"). The suggestion is the query text with each
 * corrected word replaced, everything else (operators, quotes) kept.
 */
#ifndef PASSIM_SUGGEST_H
#define PASSIM_SUGGEST_H

#include <stddef.h>

#include "analyzer.h"
#include "query.h"
#include "status.h"
#include "xapian_c.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Words shorter than this (bytes) are never corrected. */
#define PASSIM_SUGGEST_MIN_BYTES 3
/* Most terms compared for one word (bounds the work on huge indexes). */
#define PASSIM_SUGGEST_MAX_SCAN 200000

struct passim_idset;

/* *out is the corrected query for `q` (parsed from text[0..len)), or NULL
 * when no word needs or has a correction. Stopwords in `stop` (may be
 * NULL) are never suggested. *out is malloc'd, owned by the caller. */
passim_status passim_suggest(xc_db *db, passim_analyzer *a, const passim_query *q,
                             const struct passim_idset *stop, const char *text,
                             size_t len, char **out);

/* Edit distance between a[0..an) and b[0..bn) (optimal string alignment),
 * in tenths: 10 per insertion, deletion or substitution, 8 per swap of
 * neighbouring bytes; max + 1 when it is more than `max`. */
unsigned passim_edit_distance(const char *a, size_t an, const char *b, size_t bn,
                              unsigned max);

#ifdef __cplusplus
}
#endif
#endif
