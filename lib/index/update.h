/* update.h — bringing an index up to date with its corpus.
 *
 * An update compares the corpus files with the records the index keeps of
 * them (manifest.h):
 *   - a file whose size and modification time are unchanged is not read;
 *   - a file whose bytes changed (crc32) is read again and its articles
 *     replaced; one that was only touched just has its record refreshed;
 *   - a new file is read and its articles added;
 *   - a file that failed before is skipped until it changes, or retried
 *     with `retry_failed`;
 *   - an unchanged file is read again all the same when its record no
 *     longer fits the corpus: an earlier file in corpus order now holds
 *     one of its ids, an id it lost as a duplicate is free now, or its
 *     text article's id changed (the corpus roots did, fileid.h);
 *   - articles no record accounts for any more (their file is gone, or
 *     they left a changed file) are removed, unless `keep_missing`, which
 *     keeps the records — and articles — of files that are gone.
 * The corpus arguments describe the whole corpus: files indexed earlier
 * from other places count as gone.
 *
 * Changes go in explicit transactions of at most `batch` articles (or
 * PASSIM_UPDATE_BATCH_BYTES of text); each file's record is written in the
 * transaction of its last article, so a crash loses at most the batch in
 * flight and the next run completes the work. A rebuild writes a fresh
 * generation beside the live one and switches to it only when it is
 * complete; a compaction does the same with a compacted copy. Every run
 * holds the writer lock (store.h) and removes generations no reader holds
 * any more.
 */
#ifndef PASSIM_UPDATE_H
#define PASSIM_UPDATE_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "text/analyzer.h"
#include "util/idset.h"
#include "text/reader.h"
#include "util/status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PASSIM_UPDATE_BATCH_BYTES (64u * 1024u * 1024u)

#define PASSIM_MAX_JOBS 4

/* What a run did. added, replaced, removed and unchanged count articles;
 * `failed` counts what was skipped, each once: files that could not be
 * read (listed, opened or decoded; a file that failed before and did not
 * change counts again), plus lines and articles skipped inside files that
 * were read (bad JSON Lines records, duplicate ids, articles without
 * text, articles too large); a file not read again because it did not
 * change counts the lines and articles skipped when it was read, so an
 * identical rerun counts what the first run counted. Everything counted
 * in `failed` is reported (report_fn, status != OK) with its path. */
typedef struct passim_update_stats {
    uint64_t added, replaced, removed, unchanged, failed;
    uint64_t sentences;     /* in the articles read */
    uint64_t files_total, files_done;  /* corpus files listed; processed */
    uint64_t bytes_total, bytes_done;  /* their sizes on disk */
    uint64_t bytes_read;    /* uncompressed bytes of articles read */
    unsigned generation;    /* live generation after the run */
} passim_update_stats;

typedef void (*passim_progress_fn)(void *ctx, const passim_update_stats *s);

typedef struct passim_update_opts {
    const char *index_dir;
    const char *const *roots; /* corpus directories or files */
    size_t nroots;
    uint32_t batch;           /* articles per transaction */
    int rebuild;              /* build a new generation and switch to it */
    int keep_missing;         /* keep articles of files that are gone */
    int retry_failed;         /* read failed files again even if unchanged */
    int wait;                 /* wait for another writer instead of failing */
    unsigned jobs;            /* processes for a full build (0: one per core,
                                 at most PASSIM_MAX_JOBS); see
                                 passim_update_run */
    const char *language;     /* the analyzer's language as given (NULL:
                                 the default): a resumed full build checks
                                 that its parts were built with it */
    const passim_idset *stop; /* stopwords (document.h), may be NULL */
    passim_analyzer *an;
    passim_report_fn report;  /* skipped files and lines (status != OK),
                                 warnings and, with `verbose`, each file
                                 read (status OK) */
    int verbose;
    void *report_ctx;
    passim_progress_fn progress; /* called now and then, may be NULL */
    void *progress_ctx;
    volatile sig_atomic_t *interrupted; /* set by a signal handler: stop after
                                           the current article, commit */
} passim_update_opts;

/* A full build (a rebuild, or the first build of an index) of at least
 * 2 × jobs files runs in `jobs` processes (build_parallel.h): each file
 * goes to one part by a hash of its path, each part is an incremental
 * database of its own beside the index (with its file records, committed
 * in batches), so that a full build killed part way is resumed by the next
 * one; duplicate ids across parts are resolved as in one process (the
 * first file in corpus order keeps the id), the parts are merged by
 * compaction into the new generation (which is therefore compacted), and
 * the generation is switched to. The worker processes die with the one
 * that started them. Any other update runs in this process (sync.h).
 *
 * Run an update (or rebuild) as described above, filling *stats (zeroed
 * first; `generation` is the live one afterwards). Problems with single
 * files or lines are reported and counted, not fatal.
 *
 * Return value:
 *   PASSIM_OK        done, or interrupted (what is done is kept)
 *   PASSIM_ENOTFOUND a corpus root does not exist
 *   PASSIM_ELOCKED   another writer holds the index (without o->wait)
 *   PASSIM_ENOMEM    out of memory
 *   PASSIM_EIO, PASSIM_ECORRUPT, PASSIM_EINVAL, PASSIM_EINTERNAL
 *                    the index could not be read or written (detail in
 *                    passim_error_msg()); the batch in flight is not
 *                    committed and the live generation is unchanged by a
 *                    rebuild
 * Nothing is kept after the call. */
passim_status passim_update_run(passim_update_stats *stats, const passim_update_opts *o);

/* Whether the run was asked to stop (o->interrupted set by a signal
 * handler). */
static inline int passim_update_interrupted(const passim_update_opts *o)
{
    return o->interrupted && *o->interrupted;
}

/* The progress of a run done in parts: *out is *whole (the run's totals:
 * files_total, bytes_total, what the listing skipped) plus the counts of
 * parts[0..n) (each part's latest stats). */
void passim_update_progress(passim_update_stats *out, const passim_update_stats *whole,
                            const passim_update_stats *parts, size_t n);

/* Compact the index of `dir` into a new generation and switch to it,
 * indexing nothing.
 *
 * Return value:
 *   PASSIM_OK        the compacted generation is live
 *   PASSIM_ENOTFOUND `dir` holds no index
 *   PASSIM_ELOCKED   another writer holds the index (unless `wait`)
 *   PASSIM_EINVAL    the index path is too long
 *   PASSIM_EIO, PASSIM_ECORRUPT, PASSIM_ENOMEM, PASSIM_EINTERNAL
 *                    the compaction failed (the live generation stays) */
passim_status passim_update_compact(const char *dir, int wait);

#ifdef __cplusplus
}
#endif
#endif
