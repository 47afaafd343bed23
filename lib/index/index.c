/* index.c — the reader's handle on an index (contracts in index.h and
 * index_private.h). */
#include "index/index.h"

#include <stdlib.h>
#include <string.h>

#include "index/index_private.h"
#include "index/store.h"
#include "text/stopwords.h"

struct passim_index {
    char *dir;              /* the index directory; owned */
    passim_analyzer *a;     /* borrowed: folds the stopword list */
    xc_db *db;              /* the open database; owned */
    passim_store_hold hold; /* the hold on its generation */
    passim_idset *stop;     /* the index's stopword list, or NULL; owned */
    int stop_stale;         /* the database moved on since stop was read */
    /* Shards (a later issue): the databases searched together as db, each
     * with its own hold, will be listed here; today db is one database. */
};

/* Move ix to what its stub names now: another generation (opened and held
 * before the old one is let go), or else the latest commit of the open
 * database. The stopword list is marked stale when anything moved. */
static passim_status reopen(passim_index *ix)
{
    xc_db *db = NULL;
    passim_store_hold hold;
    int changed = 0;
    passim_status st;
    if (passim_store_live_generation(ix->dir) == ix->hold.gen) {
        st = xc_db_reopen(&changed, ix->db);
    } else if ((st = passim_store_open_read(&db, &hold, ix->dir)) == PASSIM_OK) {
        xc_db_close(ix->db);
        passim_store_release(&ix->hold);
        ix->db = db;
        ix->hold = hold;
        changed = 1;
    }
    if (changed)
        ix->stop_stale = 1;
    return st;
}

typedef struct run_job {
    passim_index *ix;
    passim_index_attempt attempt;
    void (*reset)(void *ctx);
    void *ctx;
} run_job;

static passim_status run_attempt(void *ctx, int last)
{
    run_job *j = ctx;
    (void)last; /* an overtaken read is never in doubt */
    return j->attempt(j->ix->db, j->ctx);
}

static passim_status run_recover(void *ctx)
{
    run_job *j = ctx;
    if (j->reset)
        j->reset(j->ctx);
    return reopen(j->ix);
}

passim_status passim_index_run(passim_index *ix, passim_index_attempt attempt,
                               void (*reset)(void *ctx), void *ctx)
{
    run_job job = {ix, attempt, reset, ctx};
    passim_status st;
    if (!ix || !attempt)
        return passim_error_set(PASSIM_EINVAL, "passim_index_run: NULL argument");
    st = passim_store_retry(run_attempt, run_recover, &job);
    if (st != PASSIM_OK && reset)
        reset(ctx);
    return st;
}

typedef struct metadata_job {
    char *val;
    size_t len;
} metadata_job;

static passim_status metadata_attempt(xc_db *db, void *ctx)
{
    metadata_job *j = ctx;
    return xc_db_get_metadata(&j->val, &j->len, db, PASSIM_STOPWORDS_KEY);
}

static void metadata_reset(void *ctx)
{
    metadata_job *j = ctx;
    free(j->val);
    j->val = NULL;
    j->len = 0;
}

/* Read the stopword list of ix's database into *out (NULL: none). */
static passim_status read_stopwords(passim_idset **out, passim_index *ix)
{
    metadata_job job = {NULL, 0};
    passim_status st = passim_index_run(ix, metadata_attempt, metadata_reset, &job);
    *out = NULL;
    if (st == PASSIM_OK && job.len > 0)
        st = passim_stopwords_parse(out, ix->a, job.val, job.len);
    free(job.val);
    return st;
}

passim_status passim_index_open(passim_index **out, const char *dir, passim_analyzer *a)
{
    passim_index *ix = NULL;
    passim_status st;
    passim_error_clear();
    if (!out)
        return passim_error_set(PASSIM_EINVAL, "passim_index_open: out is NULL");
    *out = NULL;
    if (!dir || !a)
        return passim_error_set(PASSIM_EINVAL, "passim_index_open: NULL argument");
    if (!(ix = calloc(1, sizeof *ix)) || !(ix->dir = strdup(dir))) {
        st = passim_error_nomem("the index handle");
        goto out;
    }
    ix->a = a;
    ix->hold = PASSIM_STORE_HOLD_NONE;
    if ((st = passim_store_open_read(&ix->db, &ix->hold, dir)) != PASSIM_OK ||
        (st = read_stopwords(&ix->stop, ix)) != PASSIM_OK)
        goto out;
    ix->stop_stale = 0;
    *out = ix;
    ix = NULL;
out:
    passim_index_close(ix);
    return st;
}

passim_status passim_index_refresh(passim_index *ix)
{
    passim_idset *stop = NULL;
    passim_status st;
    passim_error_clear();
    if (!ix)
        return passim_error_set(PASSIM_EINVAL, "passim_index_refresh: ix is NULL");
    if ((st = reopen(ix)) != PASSIM_OK)
        return st;
    if (!ix->stop_stale)
        return PASSIM_OK;
    if ((st = read_stopwords(&stop, ix)) != PASSIM_OK)
        return st;
    passim_idset_free(ix->stop);
    ix->stop = stop;
    ix->stop_stale = 0;
    return PASSIM_OK;
}

void passim_index_close(passim_index *ix)
{
    if (!ix)
        return;
    xc_db_close(ix->db);
    passim_store_release(&ix->hold);
    passim_idset_free(ix->stop);
    free(ix->dir);
    free(ix);
}

const passim_idset *passim_index_stopwords(const passim_index *ix)
{
    return ix ? ix->stop : NULL;
}

unsigned passim_index_generation(const passim_index *ix)
{
    return ix ? ix->hold.gen : 0;
}

static passim_status doccount_attempt(xc_db *db, void *ctx)
{
    return xc_db_doccount(ctx, db);
}

passim_status passim_index_doccount(uint32_t *out, passim_index *ix)
{
    passim_error_clear();
    if (!out || !ix)
        return passim_error_set(PASSIM_EINVAL, "passim_index_doccount: NULL argument");
    *out = 0;
    return passim_index_run(ix, doccount_attempt, NULL, out);
}

const char *passim_index_path(const char *option)
{
    const char *env = getenv("PASSIM_INDEX");
    if (option)
        return option;
    if (env && *env)
        return env;
    return "index";
}
