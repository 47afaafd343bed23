/* query_private.h — the Xapian queries of a parsed query (query.c), for
 * the search stage only: programs use query.h, which never names the
 * wrapper. Ownership and statuses per function, as in query.h.
 */
#ifndef PASSIM_QUERY_PRIVATE_H
#define PASSIM_QUERY_PRIVATE_H

#include <stddef.h>

#include "search/query.h"
#include "util/status.h"
#include "xapian_c.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Build the Xapian query matching articles for `q`, reading `db` to
 * expand prefixes inside phrases and NEAR into the index terms they cover
 * (Xapian 1.4 takes no wildcard there; more than PASSIM_MAX_WILDCARD terms
 * is PASSIM_EQUERY, "too broad"). *out is owned by the caller
 * (xc_query_free).
 * Return value:
 *   PASSIM_OK  *out is the Xapian query.
 *   PASSIM_EQUERY
 *       a prefix inside a phrase or NEAR expands to too many words.
 *   PASSIM_ERETRY, PASSIM_ECORRUPT, PASSIM_EIO, PASSIM_ENETWORK
 *       reading the index failed (xapian_c.h; ERETRY: reopen and retry).
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL
 *       out of memory; an unexpected wrapper failure. */
passim_status passim_query_build_db(xc_query **out, const passim_query *q, xc_db *db);

/* The Xapian query of clause c of q alone (c < q->nclauses), as
 * passim_query_build_db builds it. *out is owned by the caller.
 * Return value:
 *   PASSIM_OK  *out is the Xapian query.
 *   PASSIM_EQUERY  as passim_query_build_db().
 *   PASSIM_ERETRY, PASSIM_ECORRUPT, PASSIM_EIO, PASSIM_ENETWORK
 *       reading the index failed (xapian_c.h; ERETRY: reopen and retry).
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL
 *       out of memory; an unexpected wrapper failure. */
passim_status passim_query_build_clause(xc_query **out, const passim_query *q, size_t c,
                                        xc_db *db);

/* As passim_query_build_db without a database: a prefix inside a phrase
 * or NEAR stands for its own stem only.
 * Return value:
 *   PASSIM_OK  *out is the Xapian query.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL
 *       out of memory; an unexpected wrapper failure. */
passim_status passim_query_build(xc_query **out, const passim_query *q);

#ifdef __cplusplus
}
#endif
#endif
