/* build_parallel.h — a full build of an index in several processes.
 *
 * The files are divided among `jobs` parts by a hash of their path (the
 * same file goes to the same part from one run to the next). Each part is
 * built by a worker process into its own database "gen-M.part-J" beside
 * the index, as an incremental update (update.h: file records, batches
 * committed as they fill), so a build killed part way keeps its committed
 * batches: the next full build of generation M resumes from them (files
 * already in a part are unchanged and not read again; a part built with
 * other settings, or left from a run with more jobs, is started afresh;
 * files that moved to another part are removed from the old one).
 *
 * When every part is complete, an id held by several parts is kept for
 * the first file in corpus order (the order of `files`): the other copies
 * are deleted from their parts and their files' records note the lost id
 * (manifest.h), reported as "PATH:LINE: duplicate article id" and counted
 * in `failed`. The parts are then merged by compaction into gen-M and
 * removed. While the workers run, progress is reported for the whole run
 * (passim_update_progress over the workers' latest stats).
 */
#ifndef PASSIM_BUILD_PARALLEL_H
#define PASSIM_BUILD_PARALLEL_H

#include "text/reader.h"
#include "util/status.h"
#include "index/store.h"
#include "index/update.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Build a new generation of o->index_dir from `files` in `jobs` (2 to
 * PASSIM_MAX_JOBS) worker processes, with the writer lock `lock` held;
 * *gen receives its number (not yet live: the caller switches to it). The
 * counts are added to *stats, whose files_total and bytes_total are the
 * run's. When o->interrupted is set, the workers stop after committing
 * their batch, nothing is merged, and PASSIM_OK is returned: the next full
 * build resumes. */
passim_status passim_build_parallel(const passim_update_opts *o,
                                    const passim_corpus_files *files, unsigned jobs,
                                    passim_writer_lock *lock, passim_update_stats *stats,
                                    unsigned *gen);

#ifdef __cplusplus
}
#endif
#endif
