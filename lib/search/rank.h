/* rank.h — how articles are ranked: the weighting scheme and the boosts
 * added to the user's query.
 *
 * The article query is the parsed query, plus (as OP_AND_MAYBE, so they
 * only reorder what the query matches):
 *   - a title boost: the query's positive words as title terms ("S"
 *     prefix), their weights scaled by `title_boost`;
 *   - a proximity boost: each pair of neighbouring free words of the query
 *     as a NEAR of `proximity_window` positions, scaled by `proximity`.
 * Each is off when its factor is 0. The defaults are chosen by measurement
 * (README, "Relevance").
 */
#ifndef PASSIM_RANK_H
#define PASSIM_RANK_H

#include <stddef.h>
#include <stdint.h>

#include "search/query.h"
#include "util/status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PASSIM_RANK_MAX_PARAMS 6

typedef struct passim_rank_opts {
    const char *weighting; /* Xapian scheme name (rank_private.h sets it) */
    double params[PASSIM_RANK_MAX_PARAMS]; /* its parameters ... */
    size_t nparams;        /* ... how many (0: Xapian's defaults) */
    double title_boost;    /* scale of title matches; 0 = off */
    double proximity;      /* scale of neighbouring-word NEAR matches; 0 = off */
    uint32_t proximity_window; /* NEAR window of the proximity boost */
} passim_rank_opts;

#define PASSIM_RANK_OPTS_DEFAULT \
    ((passim_rank_opts){"ineb2", {0}, 0, 0.25, 0.0, 8})

/* Parse "NAME" or "NAME:P1,P2,..." (e.g. "bm25:1.2,0,1,0.5,0.5") into the
 * scheme fields of *r. `spec` must outlive *r (the name is borrowed). An
 * unknown name is caught later by passim_rank_enquire.
 * Return value:
 *   PASSIM_OK  the scheme fields of *r are set.
 *   PASSIM_EINVAL  a malformed spec or too many parameters. */
passim_status passim_rank_parse_scheme(passim_rank_opts *r, const char *spec);

#ifdef __cplusplus
}
#endif
#endif
