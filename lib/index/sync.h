/* sync.h — bringing one open writable database up to date with a list of
 * corpus files: the per-file records (manifest.h), the articles of files
 * read again, transactions in bounded batches, and the sweep of articles
 * no record accounts for. No locks and no generations: the caller holds
 * the database (update.h runs a whole update around this; part.h builds a
 * part with it).
 *
 * The rules (which file is read, what is counted where) are those of
 * update.h; this is the one place that applies them.
 */
#ifndef PASSIM_SYNC_H
#define PASSIM_SYNC_H

#include <stddef.h>

#include "text/reader.h"
#include "index/document.h"
#include "util/idset.h"
#include "util/status.h"
#include "index/update.h"
#include "xapian_c.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bring `db` up to date with `files`, the whole corpus as far as this
 * database is concerned (a record of a file not in `files` is dropped and
 * its articles removed, unless o->keep_missing). Adds the counts to
 * *stats (files_done and bytes_done too); o->progress is called after each
 * file. o->index_dir, roots, rebuild, wait and jobs are not used.
 *
 * When o->interrupted is set, the batch in flight is committed after the
 * current article and the sweep is not run: what is done is kept, and the
 * next sync completes the work.
 *
 * Return value:
 *   PASSIM_OK        done (or interrupted; single files and lines that
 *                    could not be read are reported and counted in
 *                    `failed`, not returned)
 *   PASSIM_ENOMEM    out of memory
 *   PASSIM_EIO, PASSIM_ECORRUPT, PASSIM_EINVAL, PASSIM_EINTERNAL
 *                    the database could not be read or written (detail in
 *                    passim_error_msg()); the batch in flight is not
 *                    committed (closing `db` cancels it)
 * `db` stays the caller's; nothing is kept after the call. */
passim_status passim_sync_database(passim_update_stats *stats, xc_wdb *db,
                                   const passim_update_opts *o,
                                   const passim_corpus_files *files);

/* The article id of id term term[0..len) ("Q" + id) into id; 0 when the
 * term is not one (too short, or an id longer than PASSIM_MAX_ID_BYTES). */
int passim_sync_id_of_term(char id[PASSIM_MAX_ID_BYTES + 1], const char *term, size_t len);

/* Add the article id of id term term[0..len) to `ids` (passim_idset_add;
 * nothing for a term that is not one).
 * Return value:
 *   PASSIM_OK      added, already there, or not an id term
 *   PASSIM_ENOMEM  the set could not grow */
passim_status passim_sync_add_term_id(passim_idset *ids, const char *term, size_t len);

#ifdef __cplusplus
}
#endif
#endif
