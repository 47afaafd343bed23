/* Unit tests: a whole update run (update.h) — a first build, an update,
 * a rebuild into a new generation, a missing corpus, a locked index, an
 * interrupted rebuild, compaction, and the progress of a run done in parts
 * (its totals, and every part's counts added). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "index/update.h"
#include "fixture.h"

static void sums_the_parts_under_the_run_totals(void **state)
{
    passim_update_stats whole = {0}, parts[2] = {{0}}, out;
    (void)state;
    whole.files_total = 2225;
    whole.bytes_total = 5000000;
    whole.failed = 1; /* skipped by the listing */
    parts[0].files_done = 424;
    parts[0].bytes_done = 1000000;
    parts[0].added = 420;
    parts[0].failed = 2;
    parts[0].files_total = 1113; /* a part's own view is ignored */
    parts[1].files_done = 430;
    parts[1].bytes_done = 1100000;
    parts[1].added = 425;
    parts[1].unchanged = 5;
    parts[1].sentences = 7;
    parts[1].bytes_read = 99;
    passim_update_progress(&out, &whole, parts, 2);
    assert_int_equal(out.files_total, 2225);
    assert_int_equal(out.bytes_total, 5000000);
    assert_int_equal(out.files_done, 854);
    assert_int_equal(out.bytes_done, 2100000);
    assert_int_equal(out.added, 845);
    assert_int_equal(out.unchanged, 5);
    assert_int_equal(out.failed, 3);
    assert_int_equal(out.sentences, 7);
    assert_int_equal(out.bytes_read, 99);
}

static void no_parts_is_the_whole(void **state)
{
    passim_update_stats whole = {0}, out;
    (void)state;
    whole.files_total = 10;
    whole.bytes_total = 123;
    passim_update_progress(&out, &whole, NULL, 0);
    assert_memory_equal(&out, &whole, sizeof out);
}

static int setup(void **state)
{
    return (*state = fixture_new()) ? 0 : -1;
}

static int teardown(void **state)
{
    fixture_free(*state);
    return 0;
}

static void live_path(char *out, size_t size, const fixture *f, unsigned gen)
{
    snprintf(out, size, "%s/gen-%u", f->index, gen);
}

static void builds_updates_and_rebuilds(void **state)
{
    fixture *f = *state;
    passim_update_stats s;
    char live[PATH_MAX + 32];
    fixture_write(f, "a.txt", "Alpha.\n");
    fixture_write(f, "b.txt", "Beta.\n");
    assert_int_equal(passim_update_run(&s, &f->o), PASSIM_OK);
    assert_int_equal(s.added, 2);
    assert_int_equal(s.files_total, 2);
    assert_int_equal(s.files_done, 2);
    assert_true(s.bytes_total > 0 && s.bytes_done == s.bytes_total);
    assert_int_equal(s.generation, 1);
    fixture_write(f, "c.txt", "Gamma.\n");
    fixture_remove(f, "a.txt");
    assert_int_equal(passim_update_run(&s, &f->o), PASSIM_OK);
    assert_int_equal(s.added, 1);
    assert_int_equal(s.unchanged, 1);
    assert_int_equal(s.removed, 1);
    assert_int_equal(s.generation, 1);
    f->o.rebuild = 1;
    assert_int_equal(passim_update_run(&s, &f->o), PASSIM_OK);
    assert_int_equal(s.added, 2);
    assert_int_equal(s.generation, 2);
    live_path(live, sizeof live, f, 2);
    assert_int_equal(db_docs(live), 2);
    live_path(live, sizeof live, f, 1);
    assert_int_equal(access(live, F_OK), -1); /* no reader held it */
}

static void missing_corpus_is_not_found(void **state)
{
    fixture *f = *state;
    passim_update_stats s;
    char gone[PATH_MAX + 16];
    const char *roots[1] = {gone};
    fixture_path(gone, sizeof gone, f, "no-such-corpus");
    f->o.roots = roots;
    assert_int_equal(passim_update_run(&s, &f->o), PASSIM_ENOTFOUND);
    assert_int_equal(s.generation, 0);
}

static void another_writer_is_locked(void **state)
{
    fixture *f = *state;
    passim_update_stats s;
    passim_writer_lock *lock = NULL;
    fixture_write(f, "a.txt", "Alpha.\n");
    assert_int_equal(passim_store_lock(&lock, NULL, f->index, 0), PASSIM_OK);
    /* flock locks belong to the open file: a second lock in this process
     * is refused as another process's would be. */
    assert_int_equal(passim_update_run(&s, &f->o), PASSIM_ELOCKED);
    passim_store_unlock(lock);
    assert_int_equal(passim_update_run(&s, &f->o), PASSIM_OK);
    assert_int_equal(s.added, 1);
}

static void interrupted_rebuild_keeps_the_live_generation(void **state)
{
    fixture *f = *state;
    passim_update_stats s;
    fixture_write(f, "a.txt", "Alpha.\n");
    assert_int_equal(passim_update_run(&s, &f->o), PASSIM_OK);
    f->o.rebuild = 1;
    f->stop = 1;
    assert_int_equal(passim_update_run(&s, &f->o), PASSIM_OK);
    assert_int_equal(s.added, 0);
    assert_int_equal(s.generation, 1);
}

static void compaction_switches_to_a_compacted_copy(void **state)
{
    fixture *f = *state;
    passim_update_stats s;
    char live[PATH_MAX + 32];
    assert_int_equal(passim_update_compact(f->index, 0), PASSIM_ENOTFOUND);
    fixture_write(f, "a.txt", "Alpha.\n");
    fixture_write(f, "b.txt", "Beta.\n");
    assert_int_equal(passim_update_run(&s, &f->o), PASSIM_OK);
    assert_int_equal(passim_update_compact(f->index, 0), PASSIM_OK);
    assert_int_equal(passim_store_live_generation(f->index), 2);
    live_path(live, sizeof live, f, 2);
    assert_int_equal(db_docs(live), 2);
    assert_int_equal(passim_update_run(&s, &f->o), PASSIM_OK);
    assert_int_equal(s.unchanged, 2); /* the records came along */
}

static void compaction_of_a_locked_index(void **state)
{
    fixture *f = *state;
    passim_update_stats s;
    passim_writer_lock *lock = NULL;
    fixture_write(f, "a.txt", "Alpha.\n");
    assert_int_equal(passim_update_run(&s, &f->o), PASSIM_OK);
    assert_int_equal(passim_store_lock(&lock, NULL, f->index, 0), PASSIM_OK);
    assert_int_equal(passim_update_compact(f->index, 0), PASSIM_ELOCKED);
    passim_store_unlock(lock);
}

static void interrupted_helper(void **state)
{
    passim_update_opts o = {0};
    volatile sig_atomic_t flag = 0;
    (void)state;
    assert_false(passim_update_interrupted(&o));
    o.interrupted = &flag;
    assert_false(passim_update_interrupted(&o));
    flag = 1;
    assert_true(passim_update_interrupted(&o));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sums_the_parts_under_the_run_totals),
        cmocka_unit_test(no_parts_is_the_whole),
        cmocka_unit_test(interrupted_helper),
        cmocka_unit_test_setup_teardown(builds_updates_and_rebuilds, setup, teardown),
        cmocka_unit_test_setup_teardown(missing_corpus_is_not_found, setup, teardown),
        cmocka_unit_test_setup_teardown(another_writer_is_locked, setup, teardown),
        cmocka_unit_test_setup_teardown(interrupted_rebuild_keeps_the_live_generation, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(compaction_switches_to_a_compacted_copy, setup, teardown),
        cmocka_unit_test_setup_teardown(compaction_of_a_locked_index, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
