/* rank_private.h — the article query and the weighting of an enquire
 * (rank.c), for the search stage only: programs use rank.h, which never
 * names the wrapper. Ownership and statuses per function, as in rank.h.
 */
#ifndef PASSIM_RANK_PRIVATE_H
#define PASSIM_RANK_PRIVATE_H

#include "search/query_private.h"
#include "search/rank.h"
#include "util/status.h"
#include "xapian_c.h"

#ifdef __cplusplus
extern "C" {
#endif

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
