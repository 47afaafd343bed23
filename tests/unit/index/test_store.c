/* Unit tests: the index directory (store.h): where it is, opening it for
 * reading with a hold on its generation, the writer lock, generations,
 * switching and cleanup, and the one retry rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../fixture.h"
#include "index/store.h"
#include "index/index.h"

typedef struct fx {
    char dir[256];    /* scratch */
    char corpus[300]; /* dir/corpus: two articles */
    char index[300];  /* dir/index */
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    if (!f || fixture_mkdtemp(f->dir, sizeof f->dir) != 0)
        return -1;
    snprintf(f->corpus, sizeof f->corpus, "%s/corpus", f->dir);
    snprintf(f->index, sizeof f->index, "%s/index", f->dir);
    mkdir(f->corpus, 0755);
    if (fixture_write(f->corpus, "a.txt", "Harbour news\n\nThe harbour of Da Nang opened.\n") ||
        fixture_write(f->corpus, "b.txt", "Rice prices\n\nRice prices rose in May.\n"))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    fixture_rmtree(f->dir);
    free(f);
    return 0;
}

static void build(const fx *f)
{
    assert_int_equal(fixture_indexer("--index '%s' '%s'", f->index, f->corpus), 0);
}

static void test_path(void **state)
{
    (void)state;
    assert_string_equal(passim_index_path("here"), "here");
    setenv("PASSIM_INDEX", "/srv/idx", 1);
    assert_string_equal(passim_index_path(NULL), "/srv/idx");
    assert_string_equal(passim_index_path("here"), "here");
    setenv("PASSIM_INDEX", "", 1);
    assert_string_equal(passim_index_path(NULL), "index");
    unsetenv("PASSIM_INDEX");
    assert_string_equal(passim_index_path(NULL), "index");
}

static void test_open_missing(void **state)
{
    fx *f = *state;
    xc_db *db = (xc_db *)1;
    passim_store_hold h = {7, 7};
    assert_int_equal(passim_store_open_read(&db, &h, f->index), PASSIM_ENOTFOUND);
    assert_null(db);
    assert_int_equal(h.fd, -1);
    assert_int_equal(h.gen, 0);
}

static void test_open_readme_only(void **state)
{
    fx *f = *state;
    xc_db *db = NULL;
    passim_store_hold h;
    mkdir(f->index, 0755);
    assert_int_equal(fixture_write(f->index, "README.md", "# an index goes here\n"), 0);
    assert_int_equal(passim_store_open_read(&db, &h, f->index), PASSIM_ENOTFOUND);
    assert_null(db);
    assert_int_equal(h.fd, -1);
}

static void test_open_corrupt(void **state)
{
    fx *f = *state;
    xc_db *db = NULL;
    passim_store_hold h;
    char gen[400];
    build(f);
    snprintf(gen, sizeof gen, "%s/gen-1", f->index);
    /* Measured: a damaged iamglass gives DatabaseCorruptError. */
    assert_int_equal(fixture_write(gen, "iamglass", "this is not a glass revision file"), 0);
    assert_int_equal(passim_store_open_read(&db, &h, f->index), PASSIM_ECORRUPT);
    assert_null(db);
    assert_int_equal(h.fd, -1);
}

/* A held generation outlives a rebuild and writer runs; once released,
 * the next cleanup removes it. */
static void test_hold_keeps_generation(void **state)
{
    fx *f = *state;
    xc_db *db = NULL;
    passim_store_hold h;
    passim_writer_lock *lock = NULL;
    char gen1[400];
    uint32_t n = 0;
    build(f);
    snprintf(gen1, sizeof gen1, "%s/gen-1", f->index);
    assert_int_equal(passim_store_live_generation(f->index), 1);
    assert_int_equal(passim_store_open_read(&db, &h, f->index), PASSIM_OK);
    assert_non_null(db);
    assert_int_equal(h.gen, 1);
    assert_true(h.fd >= 0);
    assert_int_equal(fixture_indexer("--index '%s' --rebuild '%s'", f->index, f->corpus), 0);
    assert_int_equal(passim_store_live_generation(f->index), 2);
    assert_true(fixture_exists(gen1));
    assert_int_equal(passim_store_lock(&lock, NULL, f->index, 0), PASSIM_OK);
    assert_int_equal(passim_store_cleanup(f->index), 0);
    assert_true(fixture_exists(gen1));
    assert_int_equal(xc_db_doccount(&n, db), PASSIM_OK); /* still readable */
    assert_int_equal(n, 2);
    xc_db_close(db);
    passim_store_release(&h);
    assert_int_equal(h.fd, -1);
    assert_int_equal(h.gen, 0);
    passim_store_release(&h); /* twice: nothing held */
    passim_store_release(NULL);
    assert_int_equal(passim_store_cleanup(f->index), 1);
    assert_false(fixture_exists(gen1));
    passim_store_unlock(lock);
    /* A new reader opens the live generation. */
    assert_int_equal(passim_store_open_read(&db, &h, f->index), PASSIM_OK);
    assert_int_equal(h.gen, 2);
    xc_db_close(db);
    passim_store_release(&h);
}

/* A stub that names no generation of ours is opened as Xapian opens it,
 * with no hold. */
static void test_open_foreign_stub(void **state)
{
    fx *f = *state;
    xc_db *db = NULL;
    passim_store_hold h;
    char stub[400];
    build(f);
    snprintf(stub, sizeof stub, "%s/XAPIANDB", f->index);
    assert_int_equal(fixture_write(f->index, "XAPIANDB", "auto ./gen-1/\n"), 0);
    assert_int_equal(passim_store_live_generation(f->index), 0);
    assert_int_equal(passim_store_open_read(&db, &h, f->index), PASSIM_OK);
    assert_int_equal(h.gen, 0);
    assert_int_equal(h.fd, -1);
    xc_db_close(db);
    passim_store_release(&h);
}

static void test_live_generation(void **state)
{
    fx *f = *state;
    mkdir(f->index, 0755);
    assert_int_equal(passim_store_live_generation(f->index), 0); /* no stub */
    fixture_write(f->index, "XAPIANDB", "glass gen-7\n");
    assert_int_equal(passim_store_live_generation(f->index), 7);
    fixture_write(f->index, "XAPIANDB", "auto gen-3");
    assert_int_equal(passim_store_live_generation(f->index), 3);
    fixture_write(f->index, "XAPIANDB", "remote localhost:1\n");
    assert_int_equal(passim_store_live_generation(f->index), 0);
    fixture_write(f->index, "XAPIANDB", "glass gen-7\nglass gen-8\n");
    assert_int_equal(passim_store_live_generation(f->index), 0);
}

static void test_writer_lock(void **state)
{
    fx *f = *state;
    passim_writer_lock *a = NULL, *b = (passim_writer_lock *)1;
    pid_t holder = -1;
    assert_int_equal(passim_store_lock(&a, &holder, f->index, 0), PASSIM_OK);
    assert_non_null(a);
    assert_int_equal(holder, 0);
    /* flock locks belong to the open file: a second take conflicts even
     * in this process, and names it as the holder. */
    assert_int_equal(passim_store_lock(&b, &holder, f->index, 0), PASSIM_ELOCKED);
    assert_null(b);
    assert_int_equal(holder, getpid());
    assert_non_null(strstr(passim_error_msg(), "being written by process"));
    passim_store_unlock(a);
    assert_int_equal(passim_store_lock(&b, &holder, f->index, 0), PASSIM_OK);
    passim_store_unlock(b);
    passim_store_unlock(NULL);
    passim_store_lock_forget(NULL);
}

static void test_writer_lock_no_dir(void **state)
{
    fx *f = *state;
    passim_writer_lock *a = NULL;
    char deep[400];
    snprintf(deep, sizeof deep, "%s/no/such/place", f->dir);
    assert_int_equal(passim_store_lock(&a, NULL, deep, 0), PASSIM_EIO);
    assert_null(a);
}

static void test_open_write_new(void **state)
{
    fx *f = *state;
    xc_wdb *w = NULL;
    char gen1[400];
    assert_int_equal(passim_store_open_write(&w, f->index), PASSIM_OK);
    assert_non_null(w);
    xc_wdb_close(w);
    snprintf(gen1, sizeof gen1, "%s/gen-1/iamglass", f->index);
    assert_true(fixture_exists(gen1));
    assert_int_equal(passim_store_live_generation(f->index), 1);
}

static void test_generations(void **state)
{
    fx *f = *state;
    char path[512], p[512];
    unsigned gen = 0;
    build(f); /* live: gen-1 */
    snprintf(p, sizeof p, "%s/gen-3", f->index);
    mkdir(p, 0755);
    assert_int_equal(passim_store_new_generation(path, sizeof path, &gen, f->index), PASSIM_OK);
    assert_int_equal(gen, 4);
    snprintf(p, sizeof p, "%s/gen-4", f->index);
    assert_string_equal(path, p);
    assert_int_equal(passim_store_new_generation(path, 8, &gen, f->index), PASSIM_EINVAL);
    /* An unfinished build in parts is resumed; its half-merged gen-M goes. */
    snprintf(p, sizeof p, "%s/gen-6.part-0", f->index);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/gen-6", f->index);
    mkdir(p, 0755);
    assert_int_equal(passim_store_resume_generation(path, sizeof path, &gen, f->index),
                     PASSIM_OK);
    assert_int_equal(gen, 6);
    assert_string_equal(path, p);
    assert_false(fixture_exists(p));
    /* Switching to a generation that does not open leaves the stub. */
    assert_int_equal(passim_store_switch(f->index, 9), PASSIM_ENOTFOUND);
    assert_int_equal(passim_store_live_generation(f->index), 1);
    /* Cleanup takes the parts and the dead generations, not the live one. */
    assert_int_equal(passim_store_cleanup(f->index), 2); /* gen-3, gen-6.part-0 */
    snprintf(p, sizeof p, "%s/gen-1", f->index);
    assert_true(fixture_exists(p));
    /* A rebuild's generation goes live by the switch. */
    assert_int_equal(fixture_indexer("--index '%s' --rebuild '%s'", f->index, f->corpus), 0);
    assert_int_equal(passim_store_live_generation(f->index), 2); /* the dead went */
    assert_false(fixture_exists(p)); /* gen-1: no reader held it */
    assert_int_not_equal(passim_store_switch(f->index, 1), PASSIM_OK);
    assert_int_equal(passim_store_live_generation(f->index), 2);
}

static void test_trees(void **state)
{
    fx *f = *state;
    char p[400];
    snprintf(p, sizeof p, "%s/none", f->dir);
    assert_int_equal(passim_store_remove_tree(p), 0);
    assert_int_equal(passim_store_sync_dir(p), PASSIM_EIO);
    assert_int_equal(passim_store_sync_tree(p), PASSIM_EIO);
    assert_int_equal(passim_store_sync_dir(f->corpus), PASSIM_OK);
    assert_int_equal(passim_store_sync_tree(f->corpus), PASSIM_OK);
    assert_int_equal(passim_store_remove_tree(f->corpus), 0);
    assert_false(fixture_exists(f->corpus));
}

/* ---- the retry rule ------------------------------------------------------- */

typedef struct counter {
    int attempts, recovers, lasts;
    int ok_at;                   /* attempt that succeeds (0: none) */
    passim_status recover_status;
} counter;

static passim_status count_attempt(void *ctx, int last)
{
    counter *c = ctx;
    c->attempts++;
    c->lasts += last != 0;
    if (last)
        assert_int_equal(c->attempts, PASSIM_STORE_ATTEMPTS);
    return c->attempts == c->ok_at ? PASSIM_OK : PASSIM_ERETRY;
}

static passim_status count_recover(void *ctx)
{
    counter *c = ctx;
    c->recovers++;
    return c->recover_status;
}

static void test_retry_bounded(void **state)
{
    (void)state;
    counter c = {0, 0, 0, 0, PASSIM_OK};
    assert_int_equal(passim_store_retry(count_attempt, count_recover, &c), PASSIM_ERETRY);
    assert_int_equal(c.attempts, PASSIM_STORE_ATTEMPTS);
    assert_int_equal(c.recovers, PASSIM_STORE_ATTEMPTS - 1);
    assert_int_equal(c.lasts, 1);
    assert_non_null(strstr(passim_error_msg(), "kept changing"));
    assert_int_equal(PASSIM_STORE_ATTEMPTS, 5); /* README: 5 attempts */
}

static void test_retry_succeeds(void **state)
{
    (void)state;
    counter c = {0, 0, 0, 3, PASSIM_OK};
    assert_int_equal(passim_store_retry(count_attempt, count_recover, &c), PASSIM_OK);
    assert_int_equal(c.attempts, 3);
    assert_int_equal(c.recovers, 2);
    assert_int_equal(c.lasts, 0);
    counter d = {0, 0, 0, 1, PASSIM_OK};
    assert_int_equal(passim_store_retry(count_attempt, NULL, &d), PASSIM_OK);
    assert_int_equal(d.attempts, 1);
}

static void test_retry_recover_fails(void **state)
{
    (void)state;
    counter c = {0, 0, 0, 0, PASSIM_EIO};
    assert_int_equal(passim_store_retry(count_attempt, count_recover, &c), PASSIM_EIO);
    assert_int_equal(c.attempts, 1);
    assert_int_equal(c.recovers, 1);
    /* A recover overtaken too counts as a failed attempt. */
    counter d = {0, 0, 0, 0, PASSIM_ERETRY};
    assert_int_equal(passim_store_retry(count_attempt, count_recover, &d), PASSIM_ERETRY);
    assert_int_equal(d.attempts, 1);
    assert_int_equal(d.recovers, PASSIM_STORE_ATTEMPTS - 1);
}

/* ---- the error detail (status.h) ----------------------------------------- */

/* An attempt overtaken once, with its detail, then one that succeeds. */
static passim_status overtaken_once(void *ctx, int last)
{
    int *n = ctx;
    (void)last;
    if ((*n)++ == 0)
        return passim_error_set(PASSIM_ERETRY, "overtaken by a commit");
    return PASSIM_OK;
}

static void test_retry_leaves_no_detail(void **state)
{
    int n = 0;
    (void)state;
    passim_error_set(PASSIM_EIO, "an earlier call's error");
    assert_int_equal(passim_store_retry(overtaken_once, NULL, &n), PASSIM_OK);
    assert_int_equal(n, 2);
    assert_string_equal(passim_error_msg(), "");
}

/* A failing call, then a succeeding one: its detail is gone. */
static void test_detail_cleared_by_each_call(void **state)
{
    fx *f = *state;
    xc_db *db = NULL;
    xc_wdb *wdb = NULL;
    passim_store_hold h;
    passim_writer_lock *lock = NULL;
    char path[512];
    unsigned gen = 0;
    assert_int_equal(passim_store_open_read(&db, &h, f->index), PASSIM_ENOTFOUND);
    assert_string_not_equal(passim_error_msg(), "");
    build(f);
    assert_int_equal(passim_store_open_read(&db, &h, f->index), PASSIM_OK);
    assert_string_equal(passim_error_msg(), "");
    xc_db_close(db);
    passim_store_release(&h);

    passim_error_set(PASSIM_EIO, "earlier");
    assert_int_equal(passim_store_lock(&lock, NULL, f->index, 0), PASSIM_OK);
    assert_string_equal(passim_error_msg(), "");
    passim_error_set(PASSIM_EIO, "earlier");
    assert_int_equal(passim_store_open_write(&wdb, f->index), PASSIM_OK);
    assert_string_equal(passim_error_msg(), "");
    xc_wdb_close(wdb);
    passim_error_set(PASSIM_EIO, "earlier");
    assert_int_equal(passim_store_new_generation(path, sizeof path, &gen, f->index), PASSIM_OK);
    assert_string_equal(passim_error_msg(), "");
    passim_error_set(PASSIM_EIO, "earlier");
    assert_int_equal(passim_store_resume_generation(path, sizeof path, &gen, f->index), PASSIM_OK);
    assert_string_equal(passim_error_msg(), "");
    assert_int_equal(passim_store_switch(f->index, 99), PASSIM_ENOTFOUND);
    assert_int_equal(passim_store_switch(f->index, passim_store_live_generation(f->index)),
                     PASSIM_OK);
    assert_string_equal(passim_error_msg(), "");
    assert_int_equal(passim_store_sync_dir(path), PASSIM_EIO); /* not made */
    assert_int_equal(passim_store_sync_dir(f->index), PASSIM_OK);
    assert_string_equal(passim_error_msg(), "");
    assert_int_equal(passim_store_sync_tree(path), PASSIM_EIO);
    assert_int_equal(passim_store_sync_tree(f->index), PASSIM_OK);
    assert_string_equal(passim_error_msg(), "");
    passim_store_unlock(lock);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_path),
        cmocka_unit_test_setup_teardown(test_open_missing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_readme_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_corrupt, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hold_keeps_generation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_foreign_stub, setup, teardown),
        cmocka_unit_test_setup_teardown(test_live_generation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_writer_lock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_writer_lock_no_dir, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_write_new, setup, teardown),
        cmocka_unit_test_setup_teardown(test_generations, setup, teardown),
        cmocka_unit_test_setup_teardown(test_trees, setup, teardown),
        cmocka_unit_test(test_retry_bounded),
        cmocka_unit_test(test_retry_succeeds),
        cmocka_unit_test(test_retry_recover_fails),
        cmocka_unit_test(test_retry_leaves_no_detail),
        cmocka_unit_test_setup_teardown(test_detail_cleared_by_each_call, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
