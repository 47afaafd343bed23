/* build_parallel.c — the plan of a parallel full build: which file goes to
 * which part, where the parts live, then the parts built (part.h), their
 * duplicate ids resolved (dedupe.h) and merged by compaction into the new
 * generation (contracts in build_parallel.h). */
#include "index/build_parallel.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index/dedupe.h"
#include "index/manifest.h"
#include "index/part.h"
#include "xapian_c.h"

/* The directory of part j of generation directory gdir. */
static void part_path(char *out, size_t size, const char *gdir, unsigned j)
{
    snprintf(out, size, "%.*s.part-%u", PATH_MAX - 1, gdir, j);
}

unsigned passim_build_part_of(const passim_corpus_file *f, unsigned jobs)
{
    return (unsigned)(passim_manifest_hash(f->path) % jobs);
}

/* The parts of a build: paths and file lists (entries borrowed from the
 * corpus list). */
typedef struct plan {
    unsigned n;
    char path[PASSIM_MAX_JOBS][PATH_MAX + 32];
    const char *paths[PASSIM_MAX_JOBS];
    passim_corpus_files files[PASSIM_MAX_JOBS];
    passim_part parts[PASSIM_MAX_JOBS];
} plan;

static void plan_free(plan *p)
{
    for (unsigned j = 0; j < p->n; j++)
        free(p->files[j].v); /* the entries belong to the corpus list */
}

/* Divide `files` among jobs parts of gdir. */
static passim_status plan_parts(plan *p, const char *gdir, const passim_corpus_files *files,
                                unsigned jobs)
{
    p->n = jobs;
    for (unsigned j = 0; j < jobs; j++) {
        part_path(p->path[j], sizeof p->path[j], gdir, j);
        p->paths[j] = p->path[j];
        if (!(p->files[j].v = malloc((files->n + 1) * sizeof *p->files[j].v)))
            return passim_error_nomem("the parts' files");
        p->parts[j].path = p->path[j];
        p->parts[j].files = &p->files[j];
    }
    for (size_t i = 0; i < files->n; i++) {
        passim_corpus_files *to = &p->files[passim_build_part_of(&files->v[i], jobs)];
        to->v[to->n++] = files->v[i];
    }
    return PASSIM_OK;
}

/* Merge the parts into gdir by compaction. */
static passim_status merge_parts(const char *gdir, const plan *p)
{
    passim_status st;
    xc_db *db = NULL;
    if ((st = xc_db_open(&db, p->paths[0])) == PASSIM_OK) {
        for (unsigned j = 1; j < p->n && st == PASSIM_OK; j++)
            st = xc_db_add(db, p->paths[j]);
        if (st == PASSIM_OK)
            st = xc_db_compact(db, gdir);
    }
    xc_db_close(db);
    if (st == PASSIM_OK)
        st = passim_store_sync_tree(gdir);
    return st;
}

/* Remove the part databases of gdir numbered from..PASSIM_MAX_JOBS-1. */
static void remove_parts(const char *gdir, unsigned from)
{
    char path[PATH_MAX + 32];
    for (unsigned j = from; j < PASSIM_MAX_JOBS; j++) {
        part_path(path, sizeof path, gdir, j);
        passim_store_remove_tree(path);
    }
}

passim_status passim_build_parallel(unsigned *gen, passim_update_stats *stats,
                                    const passim_update_opts *o,
                                    const passim_corpus_files *files, unsigned jobs,
                                    passim_writer_lock *lock)
{
    passim_status st;
    char gdir[PATH_MAX];
    passim_update_stats last[PASSIM_MAX_JOBS] = {{0}}, whole = *stats;
    plan p = {0};

    passim_error_clear();
    if (jobs < 2 || jobs > PASSIM_MAX_JOBS)
        return passim_error_set(PASSIM_EINVAL, "a parallel build takes 2 to %d jobs",
                                PASSIM_MAX_JOBS);
    if ((st = passim_store_resume_generation(gdir, sizeof gdir, gen, o->index_dir)) != PASSIM_OK)
        return st;
    remove_parts(gdir, jobs); /* left by a run with more jobs */
    if ((st = plan_parts(&p, gdir, files, jobs)) != PASSIM_OK)
        goto out;
    st = passim_parts_build(last, p.parts, p.n, o, &whole, lock);
    passim_update_progress(stats, &whole, last, jobs);
    /* A full build removes nothing from the index: what its parts removed
     * is not counted, as in a build in one process. */
    stats->removed = whole.removed;
    if (st != PASSIM_OK || passim_update_interrupted(o))
        goto out; /* the parts stay for the next full build */
    if ((st = passim_dedupe_parts(stats, p.paths, p.n, o, files)) != PASSIM_OK ||
        (st = merge_parts(gdir, &p)) != PASSIM_OK)
        goto out;
    remove_parts(gdir, 0);
out:
    plan_free(&p);
    return st;
}
