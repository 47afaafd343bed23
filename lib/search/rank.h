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
#include "xapian_c.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PASSIM_RANK_MAX_PARAMS 6

typedef struct passim_rank_opts {
    const char *weighting; /* Xapian scheme name, see xc_enquire_set_weighting */
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

/* The article query for `q` with r's boosts. *out is owned by the caller
 * (xc_query_free).
 * Return value:
 *   PASSIM_OK  *out is the query.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL
 *       out of memory; an unexpected wrapper failure. */
passim_status passim_rank_query(xc_query **out, const passim_query *q,
                                const passim_rank_opts *r);

/* As passim_rank_query, expanding prefixes inside phrases and NEAR from
 * `db` (passim_query_build_db).
 * Return value:
 *   PASSIM_OK  *out is the query.
 *   PASSIM_EQUERY  as passim_query_build_db().
 *   PASSIM_ERETRY, PASSIM_ECORRUPT, PASSIM_EIO, PASSIM_ENETWORK
 *       reading the index failed (xapian_c.h; ERETRY: reopen and retry).
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL
 *       out of memory; an unexpected wrapper failure. */
passim_status passim_rank_query_db(xc_query **out, const passim_query *q,
                                   const passim_rank_opts *r, xc_db *db);

/* Set r's weighting scheme on `e`, equal weights ranked by article id. An
 * unknown scheme or a wrong number of parameters gives PASSIM_EINVAL.
 * Return value:
 *   PASSIM_OK  the scheme is set.
 *   PASSIM_EINVAL
 *       an unknown scheme, a wrong parameter count or a parameter out of
 *       range.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL
 *       out of memory; an unexpected wrapper failure. */
passim_status passim_rank_enquire(xc_enquire *e, const passim_rank_opts *r);

/* For a query with no ranking words (only filters and exclusions, e.g.
 * "date:2015", "NOT x"): no weighting, articles newest first by their
 * date value, undated ones last, equal dates by article id.
 * Return value:
 *   PASSIM_OK  the order is set.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL
 *       out of memory; an unexpected wrapper failure. */
passim_status passim_rank_enquire_newest(xc_enquire *e);

/* After passim_rank_enquire: equal weights newest first (undated last),
 * then by article id (a query of stopwords, whose candidates mostly weigh
 * nothing).
 * Return value:
 *   PASSIM_OK  the order is set.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL
 *       out of memory; an unexpected wrapper failure. */
passim_status passim_rank_enquire_then_newest(xc_enquire *e);

#ifdef __cplusplus
}
#endif
#endif
