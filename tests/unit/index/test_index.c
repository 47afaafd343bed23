/* Unit tests: the reader's handle on an index (index.h, index_private.h):
 * what opening gives for missing, empty, damaged and good indexes, the
 * stopword list read once, refresh following commits and new generations
 * (and letting go of the old one), and the retried reads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../fixture.h"
#include "index/index.h"
#include "index/index_private.h"
#include "index/store.h"

typedef struct fx {
    char dir[256];
    char corpus[300];
    char index[300];
    char stop[300]; /* a stopword file: "harbour" */
    passim_analyzer *a;
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    if (!f || fixture_mkdtemp(f->dir, sizeof f->dir) != 0 ||
        passim_analyzer_new(&f->a, NULL) != PASSIM_OK)
        return -1;
    snprintf(f->corpus, sizeof f->corpus, "%s/corpus", f->dir);
    snprintf(f->index, sizeof f->index, "%s/index", f->dir);
    snprintf(f->stop, sizeof f->stop, "%s/stop.txt", f->dir);
    mkdir(f->corpus, 0755);
    if (fixture_write(f->corpus, "a.txt", "Harbour news\n\nThe harbour of Da Nang opened.\n") ||
        fixture_write(f->corpus, "b.txt", "Rice prices\n\nRice prices rose in May.\n") ||
        fixture_write(f->dir, "stop.txt", "# one word\nharbour\n"))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    passim_analyzer_free(f->a);
    fixture_rmtree(f->dir);
    free(f);
    return 0;
}

static void build(const fx *f, const char *args)
{
    assert_int_equal(fixture_indexer("--index '%s' %s '%s'", f->index, args, f->corpus), 0);
}

static uint32_t doccount(passim_index *ix)
{
    uint32_t n = 0;
    assert_int_equal(passim_index_doccount(&n, ix), PASSIM_OK);
    return n;
}

static void test_open_bad_arguments(void **state)
{
    fx *f = *state;
    passim_index *ix = (passim_index *)1;
    uint32_t n;
    assert_int_equal(passim_index_open(NULL, f->index, f->a), PASSIM_EINVAL);
    assert_int_equal(passim_index_open(&ix, NULL, f->a), PASSIM_EINVAL);
    assert_null(ix);
    assert_int_equal(passim_index_open(&ix, f->index, NULL), PASSIM_EINVAL);
    assert_int_equal(passim_index_refresh(NULL), PASSIM_EINVAL);
    assert_int_equal(passim_index_doccount(&n, NULL), PASSIM_EINVAL);
    assert_null(passim_index_stopwords(NULL));
    assert_int_equal(passim_index_generation(NULL), 0);
    passim_index_close(NULL);
}

static void test_open_missing(void **state)
{
    fx *f = *state;
    passim_index *ix = (passim_index *)1;
    assert_int_equal(passim_index_open(&ix, f->index, f->a), PASSIM_ENOTFOUND);
    assert_null(ix);
}

static void test_open_readme_only(void **state)
{
    fx *f = *state;
    passim_index *ix = (passim_index *)1;
    mkdir(f->index, 0755);
    fixture_write(f->index, "README.md", "# the index\n");
    assert_int_equal(passim_index_open(&ix, f->index, f->a), PASSIM_ENOTFOUND);
    assert_null(ix);
}

static void test_open_corrupt(void **state)
{
    fx *f = *state;
    passim_index *ix = (passim_index *)1;
    char gen[400];
    build(f, "");
    snprintf(gen, sizeof gen, "%s/gen-1", f->index);
    fixture_write(gen, "iamglass", "damaged");
    assert_int_equal(passim_index_open(&ix, f->index, f->a), PASSIM_ECORRUPT);
    assert_null(ix);
}

/* The writer lock is the writer's: a reader opens while a writer holds
 * it (never PASSIM_ELOCKED). */
static void test_open_while_written(void **state)
{
    fx *f = *state;
    passim_index *ix = NULL;
    passim_writer_lock *lock = NULL;
    build(f, "");
    assert_int_equal(passim_store_lock(&lock, NULL, f->index, 0), PASSIM_OK);
    assert_int_equal(passim_index_open(&ix, f->index, f->a), PASSIM_OK);
    assert_int_equal(doccount(ix), 2);
    passim_index_close(ix);
    passim_store_unlock(lock);
}

static void test_stopwords(void **state)
{
    fx *f = *state;
    passim_index *ix = NULL;
    char args[400];
    build(f, ""); /* the built-in English list */
    assert_int_equal(passim_index_open(&ix, f->index, f->a), PASSIM_OK);
    assert_int_equal(passim_index_generation(ix), 1);
    assert_non_null(passim_index_stopwords(ix));
    assert_true(passim_idset_has(passim_index_stopwords(ix), "the"));
    assert_false(passim_idset_has(passim_index_stopwords(ix), "harbour"));
    /* A rebuild with another list: the refreshed handle reads it. */
    snprintf(args, sizeof args, "--rebuild --stopwords '%s'", f->stop);
    build(f, args);
    assert_true(passim_idset_has(passim_index_stopwords(ix), "the")); /* not yet */
    assert_int_equal(passim_index_refresh(ix), PASSIM_OK);
    assert_int_equal(passim_index_generation(ix), 2);
    assert_true(passim_idset_has(passim_index_stopwords(ix), "harbour"));
    assert_false(passim_idset_has(passim_index_stopwords(ix), "the"));
    build(f, "--rebuild --stopwords none");
    assert_int_equal(passim_index_refresh(ix), PASSIM_OK);
    assert_int_equal(passim_index_generation(ix), 3);
    assert_null(passim_index_stopwords(ix));
    passim_index_close(ix);
}

/* An update commits into the live generation: refresh sees it. */
static void test_refresh_follows_commits(void **state)
{
    fx *f = *state;
    passim_index *ix = NULL;
    build(f, "");
    assert_int_equal(passim_index_open(&ix, f->index, f->a), PASSIM_OK);
    assert_int_equal(passim_index_refresh(ix), PASSIM_OK); /* nothing new */
    assert_int_equal(doccount(ix), 2);
    fixture_write(f->corpus, "c.txt", "Ferries\n\nThe ferry runs again.\n");
    build(f, "");
    assert_int_equal(doccount(ix), 2); /* its view until refreshed */
    assert_int_equal(passim_index_refresh(ix), PASSIM_OK);
    assert_int_equal(doccount(ix), 3);
    assert_int_equal(passim_index_generation(ix), 1);
    passim_index_close(ix);
}

/* A rebuild switches generations: the handle keeps the old one (and the
 * writers leave it) until refresh moves it on; the next writer run then
 * removes the old generation. */
static void test_refresh_follows_generations(void **state)
{
    fx *f = *state;
    passim_index *ix = NULL;
    char gen1[400];
    snprintf(gen1, sizeof gen1, "%s/gen-1", f->index);
    build(f, "");
    assert_int_equal(passim_index_open(&ix, f->index, f->a), PASSIM_OK);
    assert_int_equal(fixture_sh("rm '%s/b.txt'", f->corpus), 0);
    build(f, "--rebuild");
    build(f, ""); /* another writer run */
    assert_true(fixture_exists(gen1));
    assert_int_equal(passim_index_generation(ix), 1);
    assert_int_equal(doccount(ix), 2);
    assert_int_equal(passim_index_refresh(ix), PASSIM_OK);
    assert_int_equal(passim_index_generation(ix), 2);
    assert_int_equal(doccount(ix), 1);
    build(f, "");
    assert_false(fixture_exists(gen1));
    passim_index_close(ix);
}

/* A refresh that cannot open the new generation keeps what it had. */
static void test_refresh_failure_keeps_the_old(void **state)
{
    fx *f = *state;
    passim_index *ix = NULL;
    build(f, "");
    assert_int_equal(passim_index_open(&ix, f->index, f->a), PASSIM_OK);
    fixture_write(f->index, "XAPIANDB", "glass gen-9\n");
    assert_int_not_equal(passim_index_refresh(ix), PASSIM_OK);
    assert_int_equal(passim_index_generation(ix), 1);
    assert_int_equal(doccount(ix), 2);
    assert_non_null(passim_index_stopwords(ix));
    fixture_write(f->index, "XAPIANDB", "glass gen-1\n");
    assert_int_equal(passim_index_refresh(ix), PASSIM_OK);
    passim_index_close(ix);
}

/* Closing lets go of the hold: a writer can then remove the generation. */
static void test_close_releases(void **state)
{
    fx *f = *state;
    passim_index *ix = NULL;
    char gen1[400];
    snprintf(gen1, sizeof gen1, "%s/gen-1", f->index);
    build(f, "");
    assert_int_equal(passim_index_open(&ix, f->index, f->a), PASSIM_OK);
    build(f, "--rebuild");
    assert_true(fixture_exists(gen1));
    passim_index_close(ix);
    build(f, "");
    assert_false(fixture_exists(gen1));
}

/* ---- retried reads ---------------------------------------------------------- */

typedef struct reads {
    int attempts, resets;
    int ok_at;
    unsigned gens[PASSIM_STORE_ATTEMPTS + 1]; /* generation seen per attempt */
    passim_index *ix;
} reads;

static passim_status read_attempt(xc_db *db, void *ctx)
{
    reads *r = ctx;
    uint32_t n;
    assert_int_equal(xc_db_doccount(&n, db), PASSIM_OK);
    r->gens[r->attempts++] = passim_index_generation(r->ix);
    return r->attempts == r->ok_at ? PASSIM_OK : PASSIM_ERETRY;
}

static void read_reset(void *ctx)
{
    ((reads *)ctx)->resets++;
}

static void test_run_retries(void **state)
{
    fx *f = *state;
    passim_index *ix = NULL;
    build(f, "");
    assert_int_equal(passim_index_open(&ix, f->index, f->a), PASSIM_OK);
    reads r = {0, 0, 3, {0}, ix};
    assert_int_equal(passim_index_run(ix, read_attempt, read_reset, &r), PASSIM_OK);
    assert_int_equal(r.attempts, 3);
    assert_int_equal(r.resets, 2);
    reads never = {0, 0, 0, {0}, ix};
    assert_int_equal(passim_index_run(ix, read_attempt, read_reset, &never), PASSIM_ERETRY);
    assert_int_equal(never.attempts, PASSIM_STORE_ATTEMPTS);
    assert_int_equal(never.resets, PASSIM_STORE_ATTEMPTS); /* and once at the end */
    assert_int_equal(passim_index_run(ix, NULL, NULL, NULL), PASSIM_EINVAL);
    passim_index_close(ix);
}

/* A read retried after a switch runs on the new generation. */
static void test_run_follows_switch(void **state)
{
    fx *f = *state;
    passim_index *ix = NULL;
    build(f, "");
    assert_int_equal(passim_index_open(&ix, f->index, f->a), PASSIM_OK);
    build(f, "--rebuild");
    reads r = {0, 0, 2, {0}, ix};
    assert_int_equal(passim_index_run(ix, read_attempt, read_reset, &r), PASSIM_OK);
    assert_int_equal(r.gens[0], 1);
    assert_int_equal(r.gens[1], 2);
    passim_index_close(ix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_open_bad_arguments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_missing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_readme_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_corrupt, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_while_written, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stopwords, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refresh_follows_commits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refresh_follows_generations, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refresh_failure_keeps_the_old, setup, teardown),
        cmocka_unit_test_setup_teardown(test_close_releases, setup, teardown),
        cmocka_unit_test_setup_teardown(test_run_retries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_run_follows_switch, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
