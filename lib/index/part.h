/* part.h — the part builder: a list of corpus files built into a database
 * of its own, incrementally and resumably, in this process or in worker
 * processes (one worker a part). A parallel full build (build_parallel.h)
 * builds its parts with it; a sharded index can build each shard with it.
 *
 * A part database is an incremental index (sync.h: file records, batches
 * committed as they fill), so a build killed part way keeps its committed
 * batches and the next build of the same path resumes from them: files
 * already in it and unchanged are not read again, files no longer in its
 * list are removed from it. It records the settings it is built with
 * (the analyzer's language and the stopword list, under the metadata key
 * PASSIM_PART_KEY); a part found with other settings, or never finished
 * being created, is started afresh.
 */
#ifndef PASSIM_PART_H
#define PASSIM_PART_H

#include <stddef.h>

#include "text/reader.h"
#include "util/status.h"
#include "index/store.h"
#include "index/update.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Metadata key of a part: the settings it is built with. */
#define PASSIM_PART_KEY "passim:part"

/* One part to build: its database directory and its files (borrowed: the
 * caller keeps both alive for the call; `files` may share its entries
 * with another list). */
typedef struct passim_part {
    const char *path;
    const passim_corpus_files *files;
} passim_part;

/* Build `files` into the database at `path`, in this process: open it to
 * go on building it (or create it, or start it afresh as described above),
 * then bring it up to date with `files` (passim_sync_database), adding
 * the counts to *stats. o->keep_missing is ignored (a file missing from a
 * part is gone from it); o->index_dir, roots, rebuild, wait and jobs are
 * not used. When o->interrupted is set the batch in flight is committed
 * and PASSIM_OK returned: the next build of `path` resumes.
 *
 * Return value:
 *   PASSIM_OK        built (or interrupted)
 *   PASSIM_ENOMEM    out of memory
 *   PASSIM_ELOCKED   another process writes the database at `path` (a
 *                    writer that lets go within 2 s is waited for: a
 *                    worker of a build killed a moment ago)
 *   PASSIM_EIO, PASSIM_ECORRUPT, PASSIM_EINVAL, PASSIM_EINTERNAL
 *                    the database could not be opened, read or written
 *                    (detail in passim_error_msg()); what was committed
 *                    stays for the next build
 * Nothing is kept after the call: the database is closed. */
passim_status passim_part_build(passim_update_stats *stats, const char *path,
                                const passim_update_opts *o,
                                const passim_corpus_files *files);

/* Build parts[0..n) at once, each by passim_part_build in a worker process
 * of its own; last[0..n) receives each part's stats (zero it first). While
 * they run, o->progress (may be NULL) is called with *whole plus the
 * workers' latest stats (passim_update_progress). When o->interrupted is
 * set the workers are told to stop (SIGTERM: they commit their batch) and
 * PASSIM_OK is returned once they have. `lock` (may be NULL) is the
 * writer lock the caller holds: the workers let go of their inherited
 * copy, so it goes with the caller alone. The workers die with the caller
 * (SIGKILL when it dies) and report their own fatal errors on stderr.
 *
 * Return value:
 *   PASSIM_OK        every worker finished its part (or stopped when told)
 *   PASSIM_EINVAL    n is 0
 *   PASSIM_ENOMEM    out of memory
 *   PASSIM_EIO       a pipe or process could not be made, or a worker
 *                    failed (its error on stderr): the parts keep what was
 *                    committed
 * Everything the call makes (processes, pipes) is gone when it returns. */
passim_status passim_parts_build(passim_update_stats *last, const passim_part *parts,
                                 size_t n, const passim_update_opts *o,
                                 const passim_update_stats *whole,
                                 passim_writer_lock *lock);

#ifdef __cplusplus
}
#endif
#endif
