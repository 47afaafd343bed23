/* update.c — a whole update run: listing the corpus, the writer lock,
 * choosing between an update in this process (sync.h) and a parallel full
 * build (build_parallel.h), writing a rebuild into a new generation and
 * switching to it, compaction, and the progress of a run done in parts
 * (contracts in update.h). */
#include "index/update.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "index/build_parallel.h"
#include "index/store.h"
#include "index/sync.h"
#include "xapian_c.h"

/* ---- the listing --------------------------------------------------------- */

typedef struct listing {
    const passim_update_opts *o;
    passim_update_stats *stats;
} listing;

/* passim_report_fn of the listing: a skipped path counts in `failed`. */
static void report_listing(void *ctx, const char *path, passim_status st,
                           const char *why)
{
    listing *l = ctx;
    if (st != PASSIM_OK)
        l->stats->failed++; /* else a warning: a name escaped into its id */
    if (l->o->report)
        l->o->report(l->o->report_ctx, path, st, why);
}

/* List the corpus into *files; the run's totals into *stats. */
static passim_status list_files(passim_corpus_files *files, passim_update_stats *stats,
                                const passim_update_opts *o)
{
    listing l = {o, stats};
    passim_status st = passim_corpus_list_roots(files, o->roots, o->nroots,
                                                report_listing, &l);
    for (size_t i = 0; i < files->n; i++) {
        struct stat sb;
        if (stat(files->v[i].path, &sb) == 0)
            stats->bytes_total += (uint64_t)sb.st_size;
    }
    stats->files_total = files->n;
    return st;
}

/* ---- the run ------------------------------------------------------------- */

void passim_update_progress(passim_update_stats *out, const passim_update_stats *whole,
                            const passim_update_stats *parts, size_t n)
{
    *out = *whole;
    for (size_t i = 0; i < n; i++) {
        const passim_update_stats *p = &parts[i];
        out->added += p->added;
        out->replaced += p->replaced;
        out->removed += p->removed;
        out->unchanged += p->unchanged;
        out->failed += p->failed;
        out->sentences += p->sentences;
        out->bytes_read += p->bytes_read;
        out->files_done += p->files_done;
        out->bytes_done += p->bytes_done;
    }
}

static unsigned jobs_for(const passim_update_opts *o, size_t nfiles)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned jobs = o->jobs ? o->jobs : (unsigned)(cores > 0 ? cores : 1);
    if (jobs > PASSIM_MAX_JOBS)
        jobs = PASSIM_MAX_JOBS;
    if (nfiles < 2 * (size_t)jobs)
        jobs = 1;
    return jobs;
}

/* A full build in `jobs` processes, switched to when complete. */
static passim_status build_in_parts(passim_update_stats *stats, const passim_update_opts *o,
                                    const passim_corpus_files *files, unsigned jobs,
                                    passim_writer_lock *lock)
{
    unsigned gen = 0;
    passim_status st = passim_build_parallel(&gen, stats, o, files, jobs, lock);
    if (st == PASSIM_OK && !passim_update_interrupted(o) &&
        (st = passim_store_switch(o->index_dir, gen)) == PASSIM_OK)
        passim_store_cleanup(o->index_dir);
    return st;
}

/* An update in this process: into the live generation, or for a rebuild
 * into a new one switched to when complete. */
static passim_status build_here(passim_update_stats *stats, const passim_update_opts *o,
                                const passim_corpus_files *files)
{
    passim_status st;
    xc_wdb *db = NULL;
    char gdir[PATH_MAX];
    unsigned gen = 0;
    if (o->rebuild) {
        if ((st = passim_store_new_generation(gdir, sizeof gdir, &gen, o->index_dir)) != PASSIM_OK ||
            (st = xc_wdb_open(&db, gdir, XC_CREATE_OR_OVERWRITE)) != PASSIM_OK)
            goto out;
    } else if ((st = passim_store_open_write(&db, o->index_dir)) != PASSIM_OK) {
        goto out;
    }
    if ((st = passim_sync_database(stats, db, o, files)) != PASSIM_OK)
        goto out;
    xc_wdb_close(db);
    db = NULL;
    if (o->rebuild && !passim_update_interrupted(o) &&
        (st = passim_store_switch(o->index_dir, gen)) != PASSIM_OK)
        goto out;
    passim_store_cleanup(o->index_dir);
out:
    xc_wdb_close(db); /* cancels a transaction still open */
    return st;
}

passim_status passim_update_run(passim_update_stats *stats, const passim_update_opts *o)
{
    passim_status st;
    passim_writer_lock *lock = NULL;
    passim_corpus_files files = {0};

    passim_error_clear();
    memset(stats, 0, sizeof *stats);
    if ((st = list_files(&files, stats, o)) != PASSIM_OK ||
        (st = passim_store_lock(&lock, NULL, o->index_dir, o->wait)) != PASSIM_OK)
        goto out;
    int fresh = o->rebuild || passim_store_live_generation(o->index_dir) == 0;
    unsigned jobs = jobs_for(o, files.n);
    if (fresh && jobs > 1)
        st = build_in_parts(stats, o, &files, jobs, lock);
    else
        st = build_here(stats, o, &files);
out:
    stats->generation = passim_store_live_generation(o->index_dir);
    passim_store_unlock(lock);
    passim_corpus_files_free(&files);
    return st;
}

passim_status passim_update_compact(const char *dir, int wait)
{
    passim_status st;
    passim_writer_lock *lock = NULL;
    xc_db *db = NULL;
    char live[PATH_MAX], gdir[PATH_MAX];
    unsigned gen = 0, cur;

    passim_error_clear();
    /* No index: say so before the lock, which would create dir. */
    if (passim_store_live_generation(dir) == 0)
        return passim_error_set(PASSIM_ENOTFOUND, "no index at %s", dir);
    if ((st = passim_store_lock(&lock, NULL, dir, wait)) != PASSIM_OK)
        return st;
    if ((cur = passim_store_live_generation(dir)) == 0) {
        st = passim_error_set(PASSIM_ENOTFOUND, "no index at %s", dir);
        goto out;
    }
    snprintf(live, sizeof live, "%s/gen-%u", dir, cur);
    if ((st = xc_db_open(&db, live)) != PASSIM_OK ||
        (st = passim_store_new_generation(gdir, sizeof gdir, &gen, dir)) != PASSIM_OK ||
        (st = xc_db_compact(db, gdir)) != PASSIM_OK)
        goto out;
    xc_db_close(db);
    db = NULL;
    /* Xapian's compactor does not report failed syncs: check ourselves
     * that the new generation reached the disk before it goes live. */
    if ((st = passim_store_sync_tree(gdir)) != PASSIM_OK ||
        (st = passim_store_switch(dir, gen)) != PASSIM_OK) {
        passim_store_remove_tree(gdir);
        goto out;
    }
    passim_store_cleanup(dir);
out:
    xc_db_close(db);
    passim_store_unlock(lock);
    return st;
}
