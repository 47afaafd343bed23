/* build_parallel.h — a full build of a new generation in several worker
 * processes, resumable.
 *
 * The files are divided among `jobs` parts by a hash of their path (the
 * same file goes to the same part from one run to the next). Each part is
 * built by a worker into its own database "gen-M.part-J" beside the index
 * (part.h: incremental and resumable), so a build killed part way keeps
 * its committed batches and the next full build of generation M resumes
 * from them (store.h: passim_store_resume_generation); parts left from a
 * run with more jobs are removed. When every part is complete, an id held
 * by several parts is kept for the first file in corpus order (dedupe.h),
 * the parts are merged by compaction into gen-M (which is therefore
 * compacted) and removed. While the workers run, progress is reported for
 * the whole run (passim_update_progress over the workers' latest stats).
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

/* The part (0 to jobs-1) file f goes to; jobs > 0. */
unsigned passim_build_part_of(const passim_corpus_file *f, unsigned jobs);

/* Build a new generation of o->index_dir from `files` in `jobs` (2 to
 * PASSIM_MAX_JOBS) worker processes, with the writer lock `lock` held;
 * *gen receives its number (not yet live: the caller switches to it).
 * *stats holds the run's totals so far (files_total, bytes_total, what
 * the listing skipped) and receives the counts of the parts added to
 * them; what the parts removed (files that moved to another part or left
 * the corpus between runs) is not counted: a full build removes nothing.
 *
 * Return value:
 *   PASSIM_OK        gen-M is complete (or o->interrupted was set: the
 *                    workers stopped after committing their batch, nothing
 *                    is merged, and the next full build resumes)
 *   PASSIM_EINVAL    jobs out of range
 *   PASSIM_ENOMEM    out of memory
 *   PASSIM_EIO       a worker failed, or a part or gen-M could not be
 *                    written (detail in passim_error_msg()); the parts stay
 *                    for the next full build
 *   PASSIM_ECORRUPT, PASSIM_ELOCKED, PASSIM_ENOTFOUND, PASSIM_EINTERNAL
 *                    a part could not be opened or merged
 * Nothing is kept after the call but the databases on disk. */
passim_status passim_build_parallel(unsigned *gen, passim_update_stats *stats,
                                    const passim_update_opts *o,
                                    const passim_corpus_files *files, unsigned jobs,
                                    passim_writer_lock *lock);

#ifdef __cplusplus
}
#endif
#endif
