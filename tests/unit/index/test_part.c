/* Unit tests: the part builder (part.h) — a part built and resumed, one
 * with other settings or half created started afresh, an interrupted
 * build kept, a part another writer holds, and parts built in workers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sys/wait.h>
#include <time.h>

#include "index/part.h"
#include "fixture.h"

static int setup(void **state)
{
    fixture *f = fixture_new();
    if (!f)
        return -1;
    fixture_write(f, "a.txt", "Alpha article.\n");
    fixture_write(f, "b.txt", "Beta article.\n");
    fixture_write(f, "c.txt", "Gamma article.\n");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_free(*state);
    return 0;
}

/* Build the whole corpus into part `name` of the fixture. */
static passim_status build(fixture *f, const char *name, passim_update_stats *s)
{
    passim_corpus_files files;
    char path[PATH_MAX + 16];
    passim_status st;
    memset(s, 0, sizeof *s);
    fixture_path(path, sizeof path, f, name);
    assert_int_equal(fixture_list(f, &files), PASSIM_OK);
    st = passim_part_build(s, path, &f->o, &files);
    passim_corpus_files_free(&files);
    return st;
}

static void builds_then_resumes(void **state)
{
    fixture *f = *state;
    passim_update_stats s;
    char path[PATH_MAX + 16];
    fixture_path(path, sizeof path, f, "p0");
    assert_int_equal(build(f, "p0", &s), PASSIM_OK);
    assert_int_equal(s.added, 3);
    assert_int_equal(db_docs(path), 3);
    assert_int_equal(build(f, "p0", &s), PASSIM_OK);
    assert_int_equal(s.added, 0);
    assert_int_equal(s.unchanged, 3);
}

static void other_settings_start_afresh(void **state)
{
    fixture *f = *state;
    passim_update_stats s;
    assert_int_equal(build(f, "p0", &s), PASSIM_OK);
    f->o.language = "english";
    assert_int_equal(build(f, "p0", &s), PASSIM_OK);
    assert_int_equal(s.added, 3);
    assert_int_equal(s.unchanged, 0);
}

static void half_created_part_starts_afresh(void **state)
{
    fixture *f = *state;
    passim_update_stats s;
    char path[PATH_MAX + 16], junk[PATH_MAX + 32];
    FILE *fp;
    fixture_path(path, sizeof path, f, "p0");
    mkdir(path, 0755);
    snprintf(junk, sizeof junk, "%s/junk", path);
    assert_non_null(fp = fopen(junk, "w"));
    fputs("left over\n", fp);
    fclose(fp);
    assert_int_equal(build(f, "p0", &s), PASSIM_OK);
    assert_int_equal(s.added, 3);
    assert_int_equal(access(junk, F_OK), -1);
}

/* keep_missing does not apply inside a part. */
static void files_gone_from_a_part_are_removed(void **state)
{
    fixture *f = *state;
    passim_update_stats s;
    char path[PATH_MAX + 16];
    fixture_path(path, sizeof path, f, "p0");
    assert_int_equal(build(f, "p0", &s), PASSIM_OK);
    fixture_remove(f, "c.txt");
    f->o.keep_missing = 1;
    assert_int_equal(build(f, "p0", &s), PASSIM_OK);
    assert_int_equal(s.removed, 1);
    assert_int_equal(db_docs(path), 2);
}

static void interrupted_build_resumes(void **state)
{
    fixture *f = *state;
    passim_update_stats s;
    f->o.progress = fixture_stop_after_first_file;
    f->o.progress_ctx = f;
    assert_int_equal(build(f, "p0", &s), PASSIM_OK);
    assert_int_equal(s.added, 1);
    f->o.progress = NULL;
    f->stop = 0;
    assert_int_equal(build(f, "p0", &s), PASSIM_OK);
    assert_int_equal(s.unchanged, 1);
    assert_int_equal(s.added, 2);
}

static void part_held_by_another_writer_is_locked(void **state)
{
    fixture *f = *state;
    passim_update_stats s;
    char path[PATH_MAX + 16];
    xc_wdb *db = NULL;
    fixture_path(path, sizeof path, f, "p0");
    assert_int_equal(build(f, "p0", &s), PASSIM_OK);
    assert_int_equal(xc_wdb_open(&db, path, XC_CREATE_OR_OPEN), PASSIM_OK);
    assert_int_equal(build(f, "p0", &s), PASSIM_ELOCKED);
    xc_wdb_close(db);
}

/* A writer that lets go a moment later (a worker of a killed build on its
 * way out) is waited for. */
static void part_let_go_soon_is_waited_for(void **state)
{
    fixture *f = *state;
    passim_update_stats s;
    char path[PATH_MAX + 16], held;
    int pfd[2];
    pid_t pid;
    fixture_path(path, sizeof path, f, "p0");
    assert_int_equal(build(f, "p0", &s), PASSIM_OK);
    assert_int_equal(pipe(pfd), 0);
    if ((pid = fork()) == 0) {
        xc_wdb *db = NULL;
        struct timespec t = {0, 200 * 1000000L};
        close(pfd[0]);
        if (xc_wdb_open(&db, path, XC_CREATE_OR_OPEN) != PASSIM_OK)
            _exit(1);
        if (write(pfd[1], "h", 1) != 1)
            _exit(1);
        nanosleep(&t, NULL);
        _exit(0); /* the lock goes with the process */
    }
    close(pfd[1]);
    assert_int_equal(read(pfd[0], &held, 1), 1);
    close(pfd[0]);
    assert_int_equal(build(f, "p0", &s), PASSIM_OK);
    assert_int_equal(s.unchanged, 3);
    waitpid(pid, NULL, 0);
}

static void part_that_cannot_be_created_fails(void **state)
{
    fixture *f = *state;
    passim_update_stats s;
    assert_int_equal(build(f, "no-such-dir/p0", &s), PASSIM_EIO);
}

typedef struct seen {
    unsigned calls;
    uint64_t files_total, max_done;
} seen;

static void note_progress(void *ctx, const passim_update_stats *s)
{
    seen *n = ctx;
    n->calls++;
    n->files_total = s->files_total;
    if (s->files_done > n->max_done)
        n->max_done = s->files_done;
}

/* Two parts at once: each file to one of them. */
static void parts_built_in_workers(void **state)
{
    fixture *f = *state;
    passim_corpus_files files, one = {0}, two = {0};
    passim_update_stats last[2] = {{0}}, whole = {0};
    char p0[PATH_MAX + 16], p1[PATH_MAX + 16];
    passim_part parts[2];
    seen n = {0};
    assert_int_equal(fixture_list(f, &files), PASSIM_OK);
    assert_int_equal(files.n, 3);
    one.v = files.v;
    one.n = 1;
    two.v = files.v + 1;
    two.n = 2;
    fixture_path(p0, sizeof p0, f, "p0");
    fixture_path(p1, sizeof p1, f, "p1");
    parts[0].path = p0;
    parts[0].files = &one;
    parts[1].path = p1;
    parts[1].files = &two;
    whole.files_total = 3;
    f->o.progress = note_progress;
    f->o.progress_ctx = &n;
    assert_int_equal(passim_parts_build(last, parts, 2, &f->o, &whole, NULL), PASSIM_OK);
    assert_int_equal(last[0].added, 1);
    assert_int_equal(last[1].added, 2);
    assert_int_equal(last[0].files_done + last[1].files_done, 3);
    assert_int_equal(db_docs(p0), 1);
    assert_int_equal(db_docs(p1), 2);
    assert_true(n.calls > 0);
    assert_int_equal(n.files_total, 3);
    assert_int_equal(n.max_done, 3);
    passim_corpus_files_free(&files);
}

/* More parts than a parallel build's jobs (as a sharded build may ask):
 * one worker each, no fixed cap. */
static void more_parts_than_build_jobs(void **state)
{
    fixture *f = *state;
    enum { N = PASSIM_MAX_JOBS + 2 };
    passim_corpus_files files, each[N];
    passim_update_stats last[N], whole = {0};
    char path[N][PATH_MAX + 16];
    passim_part parts[N];
    memset(last, 0, sizeof last);
    assert_int_equal(fixture_list(f, &files), PASSIM_OK);
    for (size_t j = 0; j < N; j++) {
        char name[16];
        snprintf(name, sizeof name, "p%zu", j);
        fixture_path(path[j], sizeof path[j], f, name);
        each[j].v = files.v + j % files.n;
        each[j].n = 1;
        each[j].cap = 0;
        parts[j].path = path[j];
        parts[j].files = &each[j];
    }
    assert_int_equal(passim_parts_build(last, parts, N, &f->o, &whole, NULL), PASSIM_OK);
    for (size_t j = 0; j < N; j++) {
        assert_int_equal(last[j].added, 1);
        assert_int_equal(db_docs(path[j]), 1);
    }
    passim_corpus_files_free(&files);
}

static void failing_worker_is_an_io_error(void **state)
{
    fixture *f = *state;
    passim_corpus_files files;
    passim_update_stats last[2] = {{0}}, whole = {0};
    char p0[PATH_MAX + 16], p1[PATH_MAX + 32];
    passim_part parts[2];
    assert_int_equal(fixture_list(f, &files), PASSIM_OK);
    fixture_path(p0, sizeof p0, f, "p0");
    fixture_path(p1, sizeof p1, f, "no-such-dir/p1");
    parts[0].path = p0;
    parts[0].files = &files;
    parts[1].path = p1;
    parts[1].files = &files;
    assert_int_equal(passim_parts_build(last, parts, 2, &f->o, &whole, NULL), PASSIM_EIO);
    assert_int_equal(db_docs(p0), 3); /* the other part is done */
    passim_corpus_files_free(&files);
}

static void no_parts_is_invalid(void **state)
{
    fixture *f = *state;
    passim_update_stats whole = {0};
    assert_int_equal(passim_parts_build(NULL, NULL, 0, &f->o, &whole, NULL), PASSIM_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(builds_then_resumes, setup, teardown),
        cmocka_unit_test_setup_teardown(other_settings_start_afresh, setup, teardown),
        cmocka_unit_test_setup_teardown(half_created_part_starts_afresh, setup, teardown),
        cmocka_unit_test_setup_teardown(files_gone_from_a_part_are_removed, setup, teardown),
        cmocka_unit_test_setup_teardown(interrupted_build_resumes, setup, teardown),
        cmocka_unit_test_setup_teardown(part_held_by_another_writer_is_locked, setup, teardown),
        cmocka_unit_test_setup_teardown(part_let_go_soon_is_waited_for, setup, teardown),
        cmocka_unit_test_setup_teardown(part_that_cannot_be_created_fails, setup, teardown),
        cmocka_unit_test_setup_teardown(parts_built_in_workers, setup, teardown),
        cmocka_unit_test_setup_teardown(more_parts_than_build_jobs, setup, teardown),
        cmocka_unit_test_setup_teardown(failing_worker_is_an_io_error, setup, teardown),
        cmocka_unit_test_setup_teardown(no_parts_is_invalid, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
