/* schema.h — the version of an index's schema, its history, and the check
 * that keeps a passim from reading or updating an index it does not
 * understand.
 *
 * An index records the version it is written in under the metadata key
 * PASSIM_SCHEMA_KEY, in decimal (no sign, no leading zero), written at the
 * end of every complete run of the indexer, in the transaction that keeps
 * the stopword list (update.c), so every generation and every part of a
 * full build carries it. What a reader and the indexer do with each value
 * is written out for users in index/README.md ("Schema versions").
 *
 * Version history (a version changes when anything an older passim would
 * misread changes: the terms, prefixes or value slots of index/README.md,
 * the document data of docdata.h, the file records of manifest.h, the
 * metadata keys; a new version bumps PASSIM_SCHEMA_VERSION, adds a line
 * here, and raises PASSIM_SCHEMA_OLDEST_READ or _OLDEST_UPDATE when this
 * passim can no longer read, or no longer update in place, the older one;
 * a change to what a part of a full build holds must also change how
 * build_parallel.c decides to resume a part, its "passim:part" value):
 *
 *   1  The first index: document data format 1 ("PSM" 0x01: id, title,
 *      date, text, sentence table; no byline, no url). Never recorded in
 *      the index (it had no PASSIM_SCHEMA_KEY); an index without the key
 *      whose document data is format 1 is this version. Not read: rebuild.
 *   2  Document data format 2 (byline and url added); the byline's words
 *      as "A" terms (the byline: field); stopwords get no posting; the
 *      stopword list in "passim:stopwords"; file records format 2
 *      (skipped count and lost duplicate ids; format 1 is still read);
 *      "passim:part" in parts; the version in PASSIM_SCHEMA_KEY. The first
 *      version recorded. An index without the key whose document data is
 *      format 2 (or that holds no document) is read as this version: one
 *      written before bylines were indexed has no "A" terms, so byline:
 *      finds nothing in it until it is rebuilt; one written before
 *      stopwords lost their postings still holds them, which costs space,
 *      not results.
 */
#ifndef PASSIM_SCHEMA_H
#define PASSIM_SCHEMA_H

#include <stddef.h>

#include "util/status.h"
#include "xapian_c.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PASSIM_SCHEMA_KEY "passim:schema"
/* The version this passim writes. */
#define PASSIM_SCHEMA_VERSION 2
/* The oldest version this passim reads as it is. */
#define PASSIM_SCHEMA_OLDEST_READ 2
/* The oldest version the indexer updates in place (recording
 * PASSIM_SCHEMA_VERSION at the end of the run); older ones need a
 * --rebuild. */
#define PASSIM_SCHEMA_OLDEST_UPDATE 2
/* The largest value taken for a version (9 decimal digits). */
#define PASSIM_SCHEMA_MAX 999999999u

/* The version recorded in val[0..len): *version receives it (1 to
 * PASSIM_SCHEMA_MAX), or 0 when len is 0 (the key is absent).
 * Return value:
 *   PASSIM_OK        a version, or none (len 0)
 *   PASSIM_ECORRUPT  the value is not a decimal version (a sign, a leading
 *                    zero, 0, anything but digits, more than 9 digits) */
passim_status passim_schema_parse(unsigned *version, const char *val, size_t len);

/* Whether this passim may read (`write` 0) or update in place (`write`
 * 1) an index of schema `version` (1 to PASSIM_SCHEMA_MAX).
 * Return value:
 *   PASSIM_OK        allowed
 *   PASSIM_ECORRUPT  refused, with a message for the user ("index schema 3
 *                    is newer than this passim (2): upgrade passim", or
 *                    "... is older than this passim reads (2): rebuild it
 *                    with passim-index --rebuild") */
passim_status passim_schema_allows(unsigned version, int write);

/* The version of the open index `db`: the recorded one, or for an index
 * without PASSIM_SCHEMA_KEY the one its document data shows (see the
 * history above: 1 for document data format 1, else 2; 2 for an index
 * holding no document). One read: a reader that falls behind a writer
 * gets PASSIM_ERETRY, and the open this follows is retried as a whole
 * (store.h, passim_store_retry).
 * Return value:
 *   PASSIM_OK
 *   PASSIM_ECORRUPT  the recorded value is no version, or the index is
 *                    damaged
 *   PASSIM_ERETRY    a writer moved on during the read: reopen, ask again
 *   PASSIM_EIO, PASSIM_ENETWORK, PASSIM_ENOMEM, PASSIM_EINTERNAL
 *                    the index cannot be read (the wrapper's status) */
passim_status passim_schema_version(unsigned *version, xc_db *db);

/* The check of an index just opened for reading, written to follow the
 * open: with `st` (the open's status) PASSIM_OK, check that this passim
 * reads *db's schema; when it does not (or it cannot be read), close *db
 * and set it to NULL. With `st` not PASSIM_OK, do nothing (the open's
 * error detail is kept; it is cleared only when `st` is PASSIM_OK).
 * Return value:
 *   `st`             when it is not PASSIM_OK
 *   PASSIM_OK        this passim reads the schema
 *   PASSIM_ECORRUPT  refused (passim_schema_allows) or not a version
 *   PASSIM_ERETRY, PASSIM_EIO, PASSIM_ENETWORK, PASSIM_ENOMEM,
 *   PASSIM_EINTERNAL  as passim_schema_version */
passim_status passim_schema_check_read(xc_db **db, passim_status st);

/* The same for the writable database *db just opened from `path` (the
 * index directory or a generation), checking that the indexer may update
 * it in place: on refusal *db is closed (xc_wdb_close) and set to NULL.
 * Return value: as passim_schema_check_read, and
 *   PASSIM_ENOTFOUND, PASSIM_EINVAL  opening `path` to read its last
 *                    commit failed (xc_db_open) */
passim_status passim_schema_check_write(xc_wdb **db, const char *path, passim_status st);

/* Record PASSIM_SCHEMA_VERSION in `db` (in its current transaction, if
 * any).
 * Return value:
 *   PASSIM_OK
 *   PASSIM_EIO, PASSIM_ECORRUPT, PASSIM_ENOMEM, PASSIM_EINTERNAL
 *                    as xc_wdb_set_metadata reports */
passim_status passim_schema_record(xc_wdb *db);

#ifdef __cplusplus
}
#endif
#endif
