/* xapian_c.h — a thin, pure-C interface to the part of Xapian passim uses.
 *
 * Every handle is opaque. Every function that can fail returns a
 * passim_status (see lib/util/status.h) and clears the error detail when it
 * starts; no C++ exception ever crosses this boundary. On error the detail
 * text (Xapian's own message, or what was wrong with an argument) is
 * available from passim_error_msg(). The only functions without a status
 * are the ones that cannot fail, each marked "Cannot fail": the _free and
 * _close functions and the two MSet counts, xc_mset_size() and
 * xc_mset_matches_estimated(); they leave the error detail alone.
 *
 * Exceptions map to statuses as follows (most specific first):
 *   DatabaseLockError → PASSIM_ELOCKED, DatabaseNotFoundError and
 *   DocNotFoundError → PASSIM_ENOTFOUND,
 *   DatabaseModifiedError → PASSIM_ERETRY, DatabaseCorruptError → PASSIM_ECORRUPT,
 *   InvalidArgumentError and InvalidOperationError (e.g. committing a
 *   transaction that is not open) → PASSIM_EINVAL, WildcardError/QueryParserError →
 *   PASSIM_EQUERY, NetworkError → PASSIM_ENETWORK, other Xapian::Error →
 *   PASSIM_EIO, std::bad_alloc → PASSIM_ENOMEM, anything else → PASSIM_EINTERNAL.
 *
 * Ownership: constructors take the out-parameter first, set it to NULL on
 * failure, and the caller frees the handle with the matching _free/_close
 * (all of which accept NULL). Buffers returned through `char **` or
 * `uint32_t **` are malloc'd and freed by the caller with free().
 *
 * Thread safety: a handle is used by one thread at a time (as in Xapian).
 */
#ifndef XAPIAN_C_H
#define XAPIAN_C_H

#include <stddef.h>
#include <stdint.h>

#include "util/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef uint32_t xc_docid;   /* 0 means "no document" */

typedef struct xc_db xc_db;           /* read-only database (one or more shards) */
typedef struct xc_wdb xc_wdb;         /* writable database */
typedef struct xc_doc xc_doc;         /* a document being built */
typedef struct xc_query xc_query;     /* an immutable query tree node */
typedef struct xc_enquire xc_enquire; /* a query session against an xc_db */
typedef struct xc_mset xc_mset;       /* a page of ranked results */

/* Longest term Xapian accepts (bytes); longer terms give PASSIM_EINVAL. */
#define XC_MAX_TERM_BYTES 245

/* ---- read-only databases ---------------------------------------------- */

/* Open the database at `path` (a glass directory, or a stub file listing
 * databases, e.g. "glass gen-1" or "remote HOST:PORT" lines).
 * A folder holding no database gives PASSIM_ENOTFOUND.
 * Return value:
 *   PASSIM_OK  *out is the open database.
 *   PASSIM_EINVAL  out or path is NULL.
 *   PASSIM_ENOTFOUND  no database at path.
 *   PASSIM_ECORRUPT, PASSIM_EIO  the database is damaged or cannot be read.
 *   PASSIM_ENETWORK  a remote database named by a stub is unreachable.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL  out of memory; any other exception. */
passim_status xc_db_open(xc_db **out, const char *path);

/* Add another database (shard) to `db`; searches then span all of them.
 * Return value:
 *   PASSIM_OK  the shard is added.
 *   PASSIM_EINVAL  a NULL argument.
 *   PASSIM_ENOTFOUND  no database at path.
 *   PASSIM_ECORRUPT, PASSIM_EIO, PASSIM_ENETWORK
 *       it cannot be opened (damage, I/O, a remote shard).
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL  out of memory; any other exception. */
passim_status xc_db_add(xc_db *db, const char *path);

/* Bring `db` up to the latest committed revision. *changed (may be NULL) is
 * set to 1 if it moved on, 0 otherwise.
 * Return value:
 *   PASSIM_OK  db is at the latest revision.
 *   PASSIM_EINVAL  db is NULL.
 *   PASSIM_ERETRY, PASSIM_ECORRUPT, PASSIM_EIO, PASSIM_ENETWORK
 *       reading failed: a writer moved on (reopen, retry), damage, I/O, a
 *       remote shard.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL  out of memory; any other exception. */
passim_status xc_db_reopen(int *changed, xc_db *db);

/* Close and free. Accepts NULL. Cannot fail: an error while closing a
 * reader loses nothing and is ignored. */
void xc_db_close(xc_db *db);

/* Number of documents.
 * Return value:
 *   PASSIM_OK  *out is set.
 *   PASSIM_EINVAL  a NULL argument.
 *   PASSIM_ERETRY, PASSIM_ECORRUPT, PASSIM_EIO, PASSIM_ENETWORK
 *       reading failed: a writer moved on (reopen, retry), damage, I/O, a
 *       remote shard.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL  out of memory; any other exception. */
passim_status xc_db_doccount(uint32_t *out, xc_db *db);

/* Average document length (in term occurrences, as Xapian counts it).
 * Return value:
 *   PASSIM_OK  *out is set.
 *   PASSIM_EINVAL  a NULL argument.
 *   PASSIM_ERETRY, PASSIM_ECORRUPT, PASSIM_EIO, PASSIM_ENETWORK
 *       reading failed: a writer moved on (reopen, retry), damage, I/O, a
 *       remote shard.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL  out of memory; any other exception. */
passim_status xc_db_avlength(double *out, xc_db *db);

/* Number of documents indexed by `term` (0 if none).
 * Return value:
 *   PASSIM_OK  *out is set.
 *   PASSIM_EINVAL  a NULL argument.
 *   PASSIM_ERETRY, PASSIM_ECORRUPT, PASSIM_EIO, PASSIM_ENETWORK
 *       reading failed: a writer moved on (reopen, retry), damage, I/O, a
 *       remote shard.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL  out of memory; any other exception. */
passim_status xc_db_termfreq(uint32_t *out, xc_db *db, const char *term,
                             size_t len);

/* Docid of the first document indexed by `term` (a unique id term);
 * *out = 0 and PASSIM_OK if there is none.
 * Return value:
 *   PASSIM_OK  *out is the docid, or 0.
 *   PASSIM_EINVAL  a NULL argument or an empty term.
 *   PASSIM_ERETRY, PASSIM_ECORRUPT, PASSIM_EIO, PASSIM_ENETWORK
 *       reading failed: a writer moved on (reopen, retry), damage, I/O, a
 *       remote shard.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL  out of memory; any other exception. */
passim_status xc_db_find_term(xc_docid *out, xc_db *db, const char *term,
                              size_t len);

/* The positions of `term` in document `did`, ascending. *pos is malloc'd
 * (NULL when *n == 0); caller frees. A term without positions gives n = 0.
 * Return value:
 *   PASSIM_OK  *pos and *n are set.
 *   PASSIM_EINVAL  a NULL argument.
 *   PASSIM_ERETRY, PASSIM_ECORRUPT, PASSIM_EIO, PASSIM_ENETWORK
 *       reading failed: a writer moved on (reopen, retry), damage, I/O, a
 *       remote shard.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL
 *       out of memory for the positions; any other exception. */
passim_status xc_db_positions(uint32_t **pos, size_t *n, xc_db *db,
                              xc_docid did, const char *term, size_t len);

/* The document data of `did`. *data is malloc'd with a NUL after *len bytes;
 * caller frees. Missing docid gives PASSIM_ENOTFOUND.
 * Return value:
 *   PASSIM_OK  *data and *len are set.
 *   PASSIM_EINVAL  a NULL argument.
 *   PASSIM_ENOTFOUND  no document did.
 *   PASSIM_EINVAL  did is 0 (Xapian's InvalidArgumentError).
 *   PASSIM_ERETRY, PASSIM_ECORRUPT, PASSIM_EIO, PASSIM_ENETWORK
 *       reading failed: a writer moved on (reopen, retry), damage, I/O, a
 *       remote shard.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL  out of memory; any other exception. */
passim_status xc_db_get_data(char **data, size_t *len, xc_db *db, xc_docid did);

/* Called for each term; return non-zero to stop. `term` is borrowed for
 * the call only. */
typedef int (*xc_term_fn)(void *ctx, const char *term, size_t len,
                          uint32_t termfreq);

/* Every term starting with prefix[0..len) (all terms when len is 0), in
 * byte order, with the number of documents it indexes (summed over
 * shards).
 * Return value:
 *   PASSIM_OK  every term was passed to fn, or fn stopped.
 *   PASSIM_EINVAL  a NULL argument.
 *   PASSIM_ERETRY, PASSIM_ECORRUPT, PASSIM_EIO, PASSIM_ENETWORK
 *       reading failed: a writer moved on (reopen, retry), damage, I/O, a
 *       remote shard.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL  out of memory; any other exception. */
passim_status xc_db_terms(xc_db *db, const char *prefix, size_t len,
                          xc_term_fn fn, void *ctx);

/* Write a compacted copy of `db` (one database, or several added with
 * xc_db_add, merged) to the new directory `outdir`. Docids are renumbered
 * from 1 in shard order.
 * Return value:
 *   PASSIM_OK  outdir holds the compacted copy.
 *   PASSIM_EINVAL  a NULL argument.
 *   PASSIM_EINVAL, PASSIM_EIO  outdir cannot be made or written.
 *   PASSIM_ERETRY, PASSIM_ECORRUPT, PASSIM_EIO, PASSIM_ENETWORK
 *       reading failed: a writer moved on (reopen, retry), damage, I/O, a
 *       remote shard.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL  out of memory; any other exception. */
passim_status xc_db_compact(xc_db *db, const char *outdir);

/* Metadata `key` ("" when unset; of the first database only when there
 * are several). Same ownership as xc_db_get_data.
 * Return value:
 *   PASSIM_OK  *data and *len are set ("" when unset).
 *   PASSIM_EINVAL  a NULL argument.
 *   PASSIM_ERETRY, PASSIM_ECORRUPT, PASSIM_EIO, PASSIM_ENETWORK
 *       reading failed: a writer moved on (reopen, retry), damage, I/O, a
 *       remote shard.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL  out of memory; any other exception. */
passim_status xc_db_get_metadata(char **data, size_t *len, xc_db *db, const char *key);

/* Value `slot` of `did` (empty if unset). Same ownership as xc_db_get_data.
 * Return value:
 *   PASSIM_OK  *data and *len are set.
 *   PASSIM_EINVAL  a NULL argument.
 *   PASSIM_ENOTFOUND  no document did.
 *   PASSIM_EINVAL  did is 0.
 *   PASSIM_ERETRY, PASSIM_ECORRUPT, PASSIM_EIO, PASSIM_ENETWORK
 *       reading failed: a writer moved on (reopen, retry), damage, I/O, a
 *       remote shard.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL  out of memory; any other exception. */
passim_status xc_db_get_value(char **data, size_t *len, xc_db *db,
                              xc_docid did, unsigned slot);

/* ---- writable databases ----------------------------------------------- */

enum xc_open_mode {
    XC_CREATE_OR_OPEN = 1,      /* open, creating it if missing */
    XC_CREATE_OR_OVERWRITE = 2, /* create fresh, replacing any existing one */
    XC_OPEN = 3                 /* open an existing database only */
};

/* Open `path` for writing (a glass directory or a stub file naming one).
 * Another writer holding it gives PASSIM_ELOCKED.
 * Return value:
 *   PASSIM_OK  *out is the open writer.
 *   PASSIM_EINVAL  out or path is NULL, or an unknown mode.
 *   PASSIM_ELOCKED  another writer holds it.
 *   PASSIM_ENOTFOUND  XC_OPEN and there is no database.
 *   PASSIM_ECORRUPT, PASSIM_EIO  it is damaged, or cannot be read or created.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL  out of memory; any other exception. */
passim_status xc_wdb_open(xc_wdb **out, const char *path, int mode);

/* Start a transaction. flushed=1 commits when it ends; flushed=0 leaves the
 * changes for the next xc_wdb_commit().
 * Return value:
 *   PASSIM_OK  a transaction is open.
 *   PASSIM_EINVAL  db is NULL, or a transaction is already open.
 *   PASSIM_ECORRUPT, PASSIM_EIO  writing failed (damage, I/O).
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL  out of memory; any other exception. */
passim_status xc_wdb_begin(xc_wdb *db, int flushed);

/* End the current transaction, keeping its changes.
 * Return value:
 *   PASSIM_OK  the changes are kept (and committed, if flushed).
 *   PASSIM_EINVAL  db is NULL, or no transaction is open.
 *   PASSIM_ECORRUPT, PASSIM_EIO  writing failed (damage, I/O).
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL  out of memory; any other exception. */
passim_status xc_wdb_commit_transaction(xc_wdb *db);

/* End the current transaction, discarding its changes.
 * Return value:
 *   PASSIM_OK  the changes are discarded.
 *   PASSIM_EINVAL  db is NULL, or no transaction is open.
 *   PASSIM_ECORRUPT, PASSIM_EIO  writing failed (damage, I/O).
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL  out of memory; any other exception. */
passim_status xc_wdb_cancel_transaction(xc_wdb *db);

/* Commit pending changes made outside a transaction.
 * Return value:
 *   PASSIM_OK  the changes are on disk.
 *   PASSIM_EINVAL  db is NULL, or a transaction is open.
 *   PASSIM_ECORRUPT, PASSIM_EIO  writing failed (damage, I/O).
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL  out of memory; any other exception. */
passim_status xc_wdb_commit(xc_wdb *db);

/* Replace the document indexed by the unique term `idterm` with `doc` (add
 * it if there is none). *did (may be NULL) receives its docid. `doc` stays
 * owned by the caller; if it lacks `idterm`, `idterm` is added to it as a
 * boolean term. A term (or `idterm`) over XC_MAX_TERM_BYTES gives
 * PASSIM_EINVAL before anything is written, so other pending changes are
 * kept; on other failures Xapian may discard all uncommitted changes.
 * Return value:
 *   PASSIM_OK  the document is in (*did set).
 *   PASSIM_EINVAL
 *       a NULL argument, an empty idterm, or a term over XC_MAX_TERM_BYTES.
 *   PASSIM_ECORRUPT, PASSIM_EIO  writing failed (damage, I/O).
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL  out of memory; any other exception. */
passim_status xc_wdb_replace(xc_docid *did, xc_wdb *db, const char *idterm,
                             const xc_doc *doc);

/* Delete every document indexed by `idterm` (none is not an error).
 * Return value:
 *   PASSIM_OK  no document has idterm now.
 *   PASSIM_EINVAL  a NULL argument or an empty idterm.
 *   PASSIM_ECORRUPT, PASSIM_EIO  writing failed (damage, I/O).
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL  out of memory; any other exception. */
passim_status xc_wdb_delete(xc_wdb *db, const char *idterm);

/* Set metadata `key` (1..245 bytes) to `val`; an empty value deletes it.
 * Part of the current transaction, if any. Keep per-article data out of
 * metadata: a search over several shards reads only the first's.
 * Return value:
 *   PASSIM_OK  the value is set (or deleted).
 *   PASSIM_EINVAL  a NULL argument, an empty key, or a key over 245 bytes.
 *   PASSIM_ECORRUPT, PASSIM_EIO  writing failed (damage, I/O).
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL  out of memory; any other exception. */
passim_status xc_wdb_set_metadata(xc_wdb *db, const char *key, size_t klen,
                                  const char *val, size_t vlen);

/* Called for each metadata entry; return non-zero to stop. Borrowed. */
typedef int (*xc_metadata_fn)(void *ctx, const char *key, size_t klen,
                              const char *val, size_t vlen);

/* Every metadata entry whose key starts with prefix[0..len), in key order,
 * as the writer sees it (pending changes included).
 * Return value:
 *   PASSIM_OK  every entry was passed to fn, or fn stopped.
 *   PASSIM_EINVAL  a NULL argument.
 *   PASSIM_ECORRUPT, PASSIM_EIO  reading failed.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL  out of memory; any other exception. */
passim_status xc_wdb_metadata(xc_wdb *db, const char *prefix, size_t len,
                              xc_metadata_fn fn, void *ctx);

/* Every term starting with prefix[0..len), as the writer sees it.
 * Return value:
 *   PASSIM_OK  every term was passed to fn, or fn stopped.
 *   PASSIM_EINVAL  a NULL argument.
 *   PASSIM_ECORRUPT, PASSIM_EIO  reading failed.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL  out of memory; any other exception. */
passim_status xc_wdb_terms(xc_wdb *db, const char *prefix, size_t len,
                           xc_term_fn fn, void *ctx);

/* The first `max` docids indexed by `term`, ascending, into dids; *n
 * receives how many.
 * Return value:
 *   PASSIM_OK  dids[0..*n) are set.
 *   PASSIM_EINVAL  a NULL argument (dids may be NULL only when max is 0).
 *   PASSIM_ECORRUPT, PASSIM_EIO  reading failed.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL  out of memory; any other exception. */
passim_status xc_wdb_postings(xc_docid *dids, size_t *n, size_t max,
                              xc_wdb *db, const char *term, size_t len);

/* Delete document `did` (missing is an error: PASSIM_ENOTFOUND).
 * Return value:
 *   PASSIM_OK  the document is deleted.
 *   PASSIM_EINVAL  db is NULL or did is 0.
 *   PASSIM_ENOTFOUND  no document did.
 *   PASSIM_ECORRUPT, PASSIM_EIO  writing failed (damage, I/O).
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL  out of memory; any other exception. */
passim_status xc_wdb_delete_docid(xc_wdb *db, xc_docid did);

/* Number of documents as seen by the writer (pending changes included).
 * Return value:
 *   PASSIM_OK  *out is set.
 *   PASSIM_EINVAL  a NULL argument.
 *   PASSIM_ECORRUPT, PASSIM_EIO  reading failed.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL  out of memory; any other exception. */
passim_status xc_wdb_doccount(uint32_t *out, xc_wdb *db);

/* Close and free. A transaction still open is cancelled, never committed.
 * Changes outside a transaction that were not committed are discarded too.
 * Accepts NULL. Cannot fail: errors while cancelling or closing are
 * ignored (what was committed stays; nothing else is kept). */
void xc_wdb_close(xc_wdb *db);

/* ---- documents -------------------------------------------------------- */

/*
 * Return value:
 *   PASSIM_OK  *out is an empty document; free it with xc_doc_free().
 *   PASSIM_EINVAL  out is NULL.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL
 *       out of memory; any other exception. */
passim_status xc_doc_new(xc_doc **out);

/* Free. Accepts NULL. Cannot fail. */
void xc_doc_free(xc_doc *doc);

/* Add one occurrence of `term` at position `pos` (wdf += 1).
 * Return value:
 *   PASSIM_OK  the posting is added.
 *   PASSIM_EINVAL  a NULL argument or an empty term.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL
 *       out of memory; any other exception. */
passim_status xc_doc_add_posting(xc_doc *doc, const char *term, size_t len,
                                 uint32_t pos);

/* Add an occurrence of `term` at position `pos` raising its wdf by
 * `wdfinc` (0: the position is kept but the term adds nothing to the
 * document's length or weight, as for stopwords).
 * Return value:
 *   PASSIM_OK  the posting is added.
 *   PASSIM_EINVAL  a NULL argument or an empty term.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL
 *       out of memory; any other exception. */
passim_status xc_doc_add_posting_wdf(xc_doc *doc, const char *term, size_t len,
                                     uint32_t pos, uint32_t wdfinc);

/* Add `term` without a position, raising its wdf by `wdfinc` (0 makes a
 * boolean term that does not affect document length).
 * Return value:
 *   PASSIM_OK  the term is added.
 *   PASSIM_EINVAL  a NULL argument or an empty term.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL
 *       out of memory; any other exception. */
passim_status xc_doc_add_term(xc_doc *doc, const char *term, size_t len,
                              uint32_t wdfinc);

/* Set the document data (copied).
 * Return value:
 *   PASSIM_OK  the data is set.
 *   PASSIM_EINVAL  a NULL argument.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL
 *       out of memory; any other exception. */
passim_status xc_doc_set_data(xc_doc *doc, const char *data, size_t len);

/* Set value `slot` (copied).
 * Return value:
 *   PASSIM_OK  the value is set.
 *   PASSIM_EINVAL  a NULL argument.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL
 *       out of memory; any other exception. */
passim_status xc_doc_set_value(xc_doc *doc, unsigned slot, const char *data,
                               size_t len);

/* ---- queries ---------------------------------------------------------- */

enum xc_query_op {
    XC_OP_AND = 0,
    XC_OP_OR,
    XC_OP_AND_NOT,   /* first subquery, none of the others */
    XC_OP_AND_MAYBE, /* first subquery; the others only add weight */
    XC_OP_FILTER,    /* first subquery, filtered by the others (no weight) */
    XC_OP_PHRASE,    /* subqueries in order, within `window` (0 = exact) */
    XC_OP_NEAR,      /* subqueries in any order within `window` */
    XC_OP_ELITE_SET, /* OR of the best `window` subqueries */
    XC_OP_SYNONYM,   /* OR, weighted as one term */
    XC_OP_MAX        /* OR, weighted by the best subquery */
};

/* A single-term query with query frequency `wqf` (>= 1) and query position
 * `pos` (0 = none).
 * Return value:
 *   PASSIM_OK  *out is the query; free it with xc_query_free().
 *   PASSIM_EINVAL  out or term is NULL, or wqf is 0.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL
 *       out of memory; any other exception. */
passim_status xc_query_term(xc_query **out, const char *term, size_t len,
                            uint32_t wqf, uint32_t pos);

/* Combine `n` subqueries with `op`. The subqueries stay owned by the caller
 * (the new node keeps its own references). `window` is used by PHRASE, NEAR
 * and ELITE_SET only. n == 0 gives a query matching nothing.
 * Return value:
 *   PASSIM_OK  *out is the query.
 *   PASSIM_EINVAL
 *       out is NULL, an unknown op, or subs or a subquery is NULL.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL
 *       out of memory; any other exception. */
passim_status xc_query_combine(xc_query **out, int op, xc_query *const *subs,
                               size_t n, uint32_t window);

/* Terms starting with `prefix`, OR'd. Expansion beyond `max_expansion` terms
 * gives PASSIM_EQUERY when the query is run.
 * Return value:
 *   PASSIM_OK  *out is the query.
 *   PASSIM_EINVAL  a NULL argument.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL
 *       out of memory; any other exception. */
passim_status xc_query_wildcard(xc_query **out, const char *prefix,
                                size_t len, uint32_t max_expansion);

/* Documents whose value `slot` lies in [lo, hi] (string compare); NULL lo
 * or hi leaves that end open.
 * Return value:
 *   PASSIM_OK  *out is the query.
 *   PASSIM_EINVAL  out is NULL.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL
 *       out of memory; any other exception. */
passim_status xc_query_value_range(xc_query **out, unsigned slot,
                                   const char *lo, const char *hi);

/* `sub` with its weights multiplied by `factor` (>= 0).
 * Return value:
 *   PASSIM_OK  *out is the query.
 *   PASSIM_EINVAL  a NULL argument, or factor < 0.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL
 *       out of memory; any other exception. */
passim_status xc_query_scale(xc_query **out, const xc_query *sub, double factor);

/* A query matching every document (weight 0).
 * Return value:
 *   PASSIM_OK  *out is the query.
 *   PASSIM_EINVAL  out is NULL.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL
 *       out of memory; any other exception. */
passim_status xc_query_match_all(xc_query **out);

/* A readable description (Xapian's get_description()); malloc'd, caller
 * frees.
 * Return value:
 *   PASSIM_OK  *out is the description.
 *   PASSIM_EINVAL  a NULL argument.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL
 *       out of memory; any other exception. */
passim_status xc_query_describe(char **out, const xc_query *q);

/* Free. Accepts NULL. Cannot fail. */
void xc_query_free(xc_query *q);

/* ---- enquire and results ---------------------------------------------- */

/*
 * Return value:
 *   PASSIM_OK  *out is the enquire; free it with xc_enquire_free().
 *   PASSIM_EINVAL  a NULL argument.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL
 *       out of memory; any other exception. */
passim_status xc_enquire_new(xc_enquire **out, xc_db *db);

/* Free. Accepts NULL. Cannot fail. `db` must outlive the enquire. */
void xc_enquire_free(xc_enquire *e);

/* Set the query (copied by reference count; caller keeps `q`).
 * Return value:
 *   PASSIM_OK  the query is set.
 *   PASSIM_EINVAL  a NULL argument.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL
 *       out of memory; any other exception. */
passim_status xc_enquire_set_query(xc_enquire *e, const xc_query *q);

/* Choose the weighting scheme by name, with optional parameters in Xapian's
 * constructor order (n == 0 means Xapian's defaults):
 *   "bm25"   k1, k2, k3, b, min_normlen
 *   "bm25+"  k1, k2, k3, b, min_normlen, delta
 *   "ineb2"  c          "ifb2" c        "inl2" c        "pl2" c
 *   "dlh"    (none)     "tfidf" (none; Xapian's "ntn")
 *   "bool"   (none)
 * An unknown name or a wrong parameter count gives PASSIM_EINVAL.
 * Return value:
 *   PASSIM_OK  the scheme is set.
 *   PASSIM_EINVAL
 *       a NULL argument, an unknown name, a wrong parameter count, or a
 *       parameter out of range.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL
 *       out of memory; any other exception. */
passim_status xc_enquire_set_weighting(xc_enquire *e, const char *scheme,
                                       const double *params, size_t n);

/* Rank by weight, and equal weights by value `slot` in ascending byte
 * order (instead of by docid), so that ties do not depend on how the
 * database was built.
 * Return value:
 *   PASSIM_OK  the order is set.
 *   PASSIM_EINVAL  e is NULL.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL
 *       out of memory; any other exception. */
passim_status xc_enquire_set_tiebreak_value(xc_enquire *e, unsigned slot);

/* Order results by the values of slots[0..n) (each descending when
 * reverse[i] is set; an empty value sorts after every other in descending
 * order, before in ascending), instead of by weight; with
 * `relevance_first`, by weight and then by those values.
 * Return value:
 *   PASSIM_OK  the order is set.
 *   PASSIM_EINVAL  a NULL argument, or n is 0.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL
 *       out of memory; any other exception. */
passim_status xc_enquire_set_sort_values(xc_enquire *e, const unsigned *slots,
                                         const int *reverse, size_t n,
                                         int relevance_first);

/* Run the match: results ranked first to `offset + count`, of which the
 * page [offset, offset+count) is returned.
 * Return value:
 *   PASSIM_OK  *out is the page; free it with xc_mset_free().
 *   PASSIM_EINVAL  a NULL argument.
 *   PASSIM_EQUERY  a wildcard expands beyond its max_expansion.
 *   PASSIM_ERETRY, PASSIM_ECORRUPT, PASSIM_EIO, PASSIM_ENETWORK
 *       reading failed: a writer moved on (reopen, retry), damage, I/O, a
 *       remote shard.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL  out of memory; any other exception. */
passim_status xc_enquire_mset(xc_mset **out, xc_enquire *e, uint32_t offset,
                              uint32_t count);

/* Free. Accepts NULL. Cannot fail. */
void xc_mset_free(xc_mset *m);

/* Number of results in this page (0 for NULL). Cannot fail: it reads a
 * count the MSet holds. */
uint32_t xc_mset_size(const xc_mset *m);

/* Xapian's estimate of the total number of matches (0 for NULL). Cannot
 * fail: it reads a count the MSet holds. */
uint32_t xc_mset_matches_estimated(const xc_mset *m);

/* Docid (*out) and weight (*out) of result i of the page, 0 <= i < size.
 * *out is 0 / 0.0 on failure.
 * Return value:
 *   PASSIM_OK       *out is set.
 *   PASSIM_EINVAL   m or out is NULL, or i >= xc_mset_size(m).
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL  from the firewall (not expected). */
passim_status xc_mset_docid(xc_docid *out, const xc_mset *m, uint32_t i);
passim_status xc_mset_weight(double *out, const xc_mset *m, uint32_t i);

/* Global statistics of a query term, free from the MSet: number of
 * documents it indexes, and its maximum weight contribution. For a term not
 * in the query, termfreq asks the database and termweight gives
 * PASSIM_EINVAL.
 * Return value:
 *   PASSIM_OK  *out is set.
 *   PASSIM_EINVAL  a NULL argument.
 *   PASSIM_ERETRY, PASSIM_ECORRUPT, PASSIM_EIO, PASSIM_ENETWORK
 *       reading failed: a writer moved on (reopen, retry), damage, I/O, a
 *       remote shard.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL  out of memory; any other exception. */
passim_status xc_mset_termfreq(uint32_t *out, const xc_mset *m, const char *term,
                               size_t len);
/*
 * Return value:
 *   PASSIM_OK  *out is set.
 *   PASSIM_EINVAL  a NULL argument, or term was not in the query.
 *   PASSIM_ENOMEM, PASSIM_EINTERNAL  out of memory; any other exception. */
passim_status xc_mset_termweight(double *out, const xc_mset *m, const char *term,
                                 size_t len);

#ifdef __cplusplus
}
#endif
#endif
