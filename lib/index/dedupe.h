/* dedupe.h — one copy of each article id across the parts of a build: the
 * first file in corpus order keeps an id that several parts hold.
 *
 * Within one database the sync keeps the first copy of an id by itself
 * (sync.h); parts built apart cannot see each other's ids, so once every
 * part is complete this finds the ids held by more than one part, keeps
 * each for the file that comes first in corpus order (the order of the
 * `files` list), deletes the other copies from their parts and notes the
 * lost id in their files' records (manifest.h: passim_record_lose_id), so
 * that a later update reads such a file again once the id is free.
 */
#ifndef PASSIM_DEDUPE_H
#define PASSIM_DEDUPE_H

#include <stddef.h>

#include "text/reader.h"
#include "util/status.h"
#include "index/update.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Resolve the ids held by several of the part databases paths[0..n) (no
 * writer may hold them) as described above. Each copy dropped is counted
 * in stats->failed (and taken off stats->added) and reported through
 * o->report (may be NULL) as "PATH:LINE" (the line of the first record
 * with that id in a JSON Lines file; the path alone for a text file) with
 * PASSIM_EINVAL and "duplicate article id (an earlier file in corpus order
 * has it)". A copy whose file is not in `files` counts as last in corpus
 * order. Each part changed is committed in one transaction.
 *
 * Return value:
 *   PASSIM_OK        done (also when no id is held twice: nothing written)
 *   PASSIM_ENOMEM    out of memory
 *   PASSIM_ENOTFOUND a part does not exist
 *   PASSIM_ELOCKED   a part is being written by another process
 *   PASSIM_EIO, PASSIM_ECORRUPT, PASSIM_EINTERNAL
 *                    a part could not be read or written (detail in
 *                    passim_error_msg()); no part is changed by halves
 * Nothing is kept after the call. */
passim_status passim_dedupe_parts(passim_update_stats *stats, const char *const *paths,
                                  size_t n, const passim_update_opts *o,
                                  const passim_corpus_files *files);

#ifdef __cplusplus
}
#endif
#endif
