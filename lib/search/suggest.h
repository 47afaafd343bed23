/* suggest.h — "did you mean": correcting misspelt query words.
 *
 * Only plain words are corrected: words the user typed as words, free or in
 * a quoted phrase, under +, -, NOT or a field — never stopwords, operators,
 * prefixes ("sta*") or the parts of a name:value chunk that is no field
 * ("foo:bar"); a word of a quoted phrase only when the phrase found
 * nothing. A word is corrected when its stem indexes no article, or at
 * most PASSIM_SUGGEST_RARE while the correction indexes
 * PASSIM_SUGGEST_RATIO times as many. Candidates are the index stems
 * (same first byte) within 2 edits (insertions, deletions, substitutions,
 * and swaps of neighbouring bytes, a swap counting a little less) of the
 * word's stem, or of the word as typed or a beginning of it ("remediaton"
 * → stem remedi, whose word "remediation" is one edit away). Each stands
 * for its written form closest to the typed word in the first articles
 * holding it ("goverment" → "government"), which must be within 2 edits of
 * it; the closest wins, a factor of ten in the articles holding it counting
 * half an edit ("intrest" → "interest", not the typo "interst"). Every
 * misspelt word is corrected; the suggestion is the query text with each
 * replaced, everything else (operators, quotes) kept.
 *
 * It is shown only when it finds clearly more than the query: at least one
 * article, and at least twice as many as the query did, counting articles
 * that hold every word (juxtaposed words counted as all required,
 * PASSIM_PARSE_ALL_WORDS; at most 1000 counted exactly).
 */
#ifndef PASSIM_SUGGEST_H
#define PASSIM_SUGGEST_H

#include <stddef.h>

#include "text/analyzer.h"
#include "search/query.h"
#include "util/status.h"
#include "xapian_c.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Words shorter than this (bytes) are never corrected. */
#define PASSIM_SUGGEST_MIN_BYTES 3
/* A word found in at most PASSIM_SUGGEST_RARE articles is corrected when
 * its correction is in PASSIM_SUGGEST_RATIO times as many. */
#define PASSIM_SUGGEST_RARE 3
#define PASSIM_SUGGEST_RATIO 20
/* Most terms compared for one word (bounds the work on huge indexes), and
 * most plain words of a query looked at. */
#define PASSIM_SUGGEST_MAX_SCAN 200000
#define PASSIM_SUGGEST_MAX_WORDS 16

struct passim_idset;

/* *out is the corrected query for `q` (parsed from text[0..len)), or NULL
 * when no word needs or has a correction. Stopwords in `stop` (may be
 * NULL) are never suggested. *out is malloc'd, owned by the caller.
 * Return value:
 *   PASSIM_OK  *out is the corrected query, or NULL.
 *   PASSIM_ECORRUPT  an article's document data is damaged.
 *   PASSIM_ERETRY, PASSIM_ECORRUPT, PASSIM_EIO, PASSIM_ENETWORK
 *       reading the index failed (xapian_c.h; ERETRY: reopen and retry).
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL  out of memory; an unexpected wrapper
 *       failure. */
passim_status passim_suggest(char **out, xc_db *db, passim_analyzer *a,
                             const passim_query *q, const struct passim_idset *stop,
                             const char *text, size_t len);

/* Edit distance between a[0..an) and b[0..bn) (optimal string alignment),
 * in tenths: 10 per insertion, deletion or substitution, 8 per swap of
 * neighbouring bytes; max + 1 when it is more than `max`. */
unsigned passim_edit_distance(const char *a, size_t an, const char *b, size_t bn,
                              unsigned max);

#ifdef __cplusplus
}
#endif
#endif
