/* fixture.h — what the index unit tests share: a temporary corpus and
 * index directory, update options over the default analyzer, a report
 * counter, and looks at a database on disk. Included by one test file
 * each (static inline functions). */
#ifndef PASSIM_TEST_INDEX_FIXTURE_H
#define PASSIM_TEST_INDEX_FIXTURE_H

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "index/store.h"
#include "index/update.h"
#include "text/analyzer.h"
#include "text/reader.h"
#include "xapian_c.h"

typedef struct fixture {
    char dir[PATH_MAX];        /* temporary directory */
    char corpus[PATH_MAX + 16];  /* dir/corpus */
    char index[PATH_MAX + 16];   /* dir/index */
    const char *roots[1];
    passim_analyzer *an;
    passim_update_opts o;
    volatile sig_atomic_t stop;
    unsigned reports_bad;      /* reports with a status other than OK */
    char last_where[PATH_MAX + 32];
} fixture;

static inline void fixture_report(void *ctx, const char *where, passim_status st, const char *why)
{
    fixture *f = ctx;
    (void)why;
    if (st != PASSIM_OK) {
        f->reports_bad++;
        snprintf(f->last_where, sizeof f->last_where, "%s", where);
    }
}

/* A fresh fixture: an empty corpus directory, no index yet. */
static inline fixture *fixture_new(void)
{
    fixture *f = calloc(1, sizeof *f);
    const char *tmp = getenv("TMPDIR");
    if (!f)
        return NULL;
    snprintf(f->dir, sizeof f->dir, "%s/passim-unit-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(f->dir) || passim_analyzer_new(&f->an, NULL) != PASSIM_OK) {
        free(f);
        return NULL;
    }
    snprintf(f->corpus, sizeof f->corpus, "%s/corpus", f->dir);
    snprintf(f->index, sizeof f->index, "%s/index", f->dir);
    mkdir(f->corpus, 0755);
    f->roots[0] = f->corpus;
    f->o.index_dir = f->index;
    f->o.roots = f->roots;
    f->o.nroots = 1;
    f->o.batch = 2;
    f->o.jobs = 1;
    f->o.an = f->an;
    f->o.report = fixture_report;
    f->o.report_ctx = f;
    f->o.interrupted = &f->stop;
    return f;
}

static inline void fixture_free(fixture *f)
{
    if (!f)
        return;
    passim_store_remove_tree(f->dir);
    passim_analyzer_free(f->an);
    free(f);
}

/* Write corpus file `name` with `text` (a path below dir/corpus). */
static inline void fixture_write(fixture *f, const char *name, const char *text)
{
    char path[PATH_MAX + 64];
    FILE *fp;
    snprintf(path, sizeof path, "%s/%s", f->corpus, name);
    if ((fp = fopen(path, "w"))) {
        fputs(text, fp);
        fclose(fp);
    }
}

static inline void fixture_remove(fixture *f, const char *name)
{
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/%s", f->corpus, name);
    unlink(path);
}

/* The path of `name` below the fixture's directory into out. */
static inline void fixture_path(char *out, size_t size, const fixture *f, const char *name)
{
    snprintf(out, size, "%s/%s", f->dir, name);
}

/* The corpus listed as a run lists it. */
static inline passim_status fixture_list(fixture *f, passim_corpus_files *files)
{
    memset(files, 0, sizeof *files);
    return passim_corpus_list_roots(files, f->o.roots, f->o.nroots, NULL, NULL);
}

/* passim_progress_fn (ctx: the fixture): ask the run to stop once a file
 * is done. */
static inline void fixture_stop_after_first_file(void *ctx, const passim_update_stats *s)
{
    fixture *f = ctx;
    if (s->files_done >= 1)
        f->stop = 1;
}

/* Documents in the database at `path` (-1 when it does not open). */
static inline long db_docs(const char *path)
{
    xc_db *db = NULL;
    uint32_t n = 0;
    long out = -1;
    if (xc_db_open(&db, path) == PASSIM_OK && xc_db_doccount(&n, db) == PASSIM_OK)
        out = (long)n;
    xc_db_close(db);
    return out;
}

/* Whether the database at `path` holds article `id`. */
static inline int db_has(const char *path, const char *id)
{
    xc_db *db = NULL;
    char term[256];
    uint32_t n = 0;
    snprintf(term, sizeof term, "Q%s", id);
    if (xc_db_open(&db, path) != PASSIM_OK)
        return -1;
    if (xc_db_termfreq(&n, db, term, strlen(term)) != PASSIM_OK)
        n = 0;
    xc_db_close(db);
    return n > 0;
}

#endif
