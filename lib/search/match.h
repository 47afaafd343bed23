/* match.h — where a query's clauses occur in an article's text.
 *
 * The article text is run through the same analyzer that indexed it, so the
 * positions found here are the positions in the index. A word clause
 * matches a token with the same stem; a phrase clause matches its words'
 * exact folded forms at consecutive positions (so "Bien Hoa" matches
 * "Biên Hòa" but not "Bien Hoas"; a phrase word written as a prefix,
 * "prime minist*", matches a token whose folded form or stem starts with
 * it); a prefix clause matches a token whose
 * stem starts with the prefix as typed (folded), or equals the prefix's own
 * stem, as the Xapian query does.
 */
#ifndef PASSIM_MATCH_H
#define PASSIM_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include "text/analyzer.h"
#include "search/query.h"
#include "util/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct passim_hit {
    uint32_t pos;        /* position of its first word */
    uint32_t nwords;     /* words it spans (1 for a word clause) */
    uint32_t start, end; /* byte range in the text */
    uint32_t clause;     /* index into the query's clauses */
} passim_hit;

typedef struct passim_hits {
    passim_hit *v; /* ascending by pos; owned */
    size_t n, cap;
} passim_hits;

/* Find every occurrence of q's clauses in text[0..len) (positions from
 * PASSIM_FIRST_POS), appending to *hits (zero it first; free with
 * passim_hits_free). Hits are sorted by position, then clause.
 * Return value:
 *   PASSIM_OK  the hits are appended.
 *   PASSIM_ENOMEM  out of memory. */
passim_status passim_match_text(passim_hits *hits, passim_analyzer *a,
                                const passim_query *q, const char *text,
                                size_t len);

/* Free the storage and zero it. Accepts NULL. */
void passim_hits_free(passim_hits *hits);

#ifdef __cplusplus
}
#endif
#endif
