/* index_private.h — the database inside an index handle (index.h), for
 * the modules of lib/ that read it. Programs never include this header
 * (tests/integration/layout.sh checks): they hold a passim_index and call
 * search.h.
 */
#ifndef PASSIM_INDEX_PRIVATE_H
#define PASSIM_INDEX_PRIVATE_H

#include "index/index.h"
#include "util/status.h"
#include "xapian_c.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One attempt at a read of `db`. PASSIM_ERETRY (a commit overtook it)
 * means: run it again on a fresh view. `db` is borrowed for the call. */
typedef passim_status (*passim_index_attempt)(xc_db *db, void *ctx);

/* Run attempt(db, ctx) on the database of `ix`, retried as
 * passim_store_retry does (at most PASSIM_STORE_ATTEMPTS times in all):
 * before each further attempt reset(ctx) (may be NULL) drops what the
 * failed one left, and `ix` is reopened, following the stub to a new
 * generation (the old hold released) or else moving to the latest commit.
 * The stopword list is left as it is (the next passim_index_refresh reads
 * it again), so what a caller borrowed from it stays valid. On failure
 * reset(ctx) is called once more.
 * Return value:
 *   what the last attempt returned (PASSIM_OK included);
 *   PASSIM_ERETRY  every attempt was overtaken;
 *   what a failed reopen returned (PASSIM_ENOTFOUND, PASSIM_ECORRUPT, ...). */
passim_status passim_index_run(passim_index *ix, passim_index_attempt attempt,
                               void (*reset)(void *ctx), void *ctx);

#ifdef __cplusplus
}
#endif
#endif
