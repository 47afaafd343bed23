/* Unit tests: a parallel full build (build_parallel.h) — files divided by
 * a stable hash, a build in two workers merged into one generation, a
 * part left by an earlier run resumed, an id kept for the first file in
 * corpus order across parts, an interrupted build keeping its parts, and
 * the job range. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <signal.h>

#include "index/build_parallel.h"
#include "index/manifest.h"
#include "index/part.h"
#include "fixture.h"

/* The stop flag, set by SIGTERM as the indexer's handler does (a worker
 * told to stop commits its batch). */
static volatile sig_atomic_t stop_flag;

static void on_term(int sig)
{
    (void)sig;
    stop_flag = 1;
}

typedef struct ctx {
    fixture *f;
    passim_writer_lock *lock;
    struct sigaction old;
} ctx;

static int setup(void **state)
{
    ctx *c = calloc(1, sizeof *c);
    struct sigaction sa;
    if (!c || !(c->f = fixture_new()))
        return -1;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_term;
    sigaction(SIGTERM, &sa, &c->old);
    stop_flag = 0;
    c->f->o.interrupted = &stop_flag;
    for (int i = 0; i < 8; i++) {
        char name[32], text[64];
        snprintf(name, sizeof name, "f%d.txt", i);
        snprintf(text, sizeof text, "Article number %d about rivers.\n", i);
        fixture_write(c->f, name, text);
    }
    if (passim_store_lock(&c->lock, NULL, c->f->index, 0) != PASSIM_OK)
        return -1;
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    ctx *c = *state;
    passim_store_unlock(c->lock);
    sigaction(SIGTERM, &c->old, NULL);
    fixture_free(c->f);
    free(c);
    return 0;
}

static passim_status build(ctx *c, passim_update_stats *s, unsigned *gen, unsigned jobs)
{
    passim_corpus_files files;
    passim_status st;
    memset(s, 0, sizeof *s);
    assert_int_equal(fixture_list(c->f, &files), PASSIM_OK);
    s->files_total = files.n;
    st = passim_build_parallel(gen, s, &c->f->o, &files, jobs, c->lock);
    passim_corpus_files_free(&files);
    return st;
}

static void gen_path(char *out, size_t size, const ctx *c, const char *what)
{
    snprintf(out, size, "%s/%s", c->f->index, what);
}

static void parts_by_a_stable_hash(void **state)
{
    passim_corpus_file a = {"/corpus/a.txt", "a"}, b = {"/corpus/a.txt", "other id"};
    unsigned hit[3] = {0};
    (void)state;
    for (unsigned jobs = 1; jobs <= PASSIM_MAX_JOBS; jobs++) {
        assert_true(passim_build_part_of(&a, jobs) < jobs);
        assert_int_equal(passim_build_part_of(&a, jobs), passim_build_part_of(&b, jobs));
    }
    assert_int_equal(passim_build_part_of(&a, 3),
                     (unsigned)(passim_manifest_hash("/corpus/a.txt") % 3));
    for (int i = 0; i < 60; i++) {
        char path[32];
        passim_corpus_file f = {path, path};
        snprintf(path, sizeof path, "/c/%d.txt", i);
        hit[passim_build_part_of(&f, 3)]++;
    }
    assert_true(hit[0] && hit[1] && hit[2]);
}

static void jobs_out_of_range_is_invalid(void **state)
{
    ctx *c = *state;
    passim_update_stats s;
    unsigned gen = 0;
    assert_int_equal(build(c, &s, &gen, 1), PASSIM_EINVAL);
    assert_int_equal(build(c, &s, &gen, PASSIM_MAX_JOBS + 1), PASSIM_EINVAL);
}

static void builds_and_merges_a_generation(void **state)
{
    ctx *c = *state;
    passim_update_stats s;
    unsigned gen = 0;
    char path[PATH_MAX + 32];
    assert_int_equal(build(c, &s, &gen, 2), PASSIM_OK);
    assert_int_equal(gen, 1);
    assert_int_equal(s.added, 8);
    assert_int_equal(s.files_done, 8);
    assert_int_equal(s.files_total, 8);
    assert_int_equal(s.failed, 0);
    gen_path(path, sizeof path, c, "gen-1");
    assert_int_equal(db_docs(path), 8);
    gen_path(path, sizeof path, c, "gen-1.part-0");
    assert_int_equal(access(path, F_OK), -1);
    gen_path(path, sizeof path, c, "gen-1.part-1");
    assert_int_equal(access(path, F_OK), -1);
    /* Not live until the caller switches. */
    assert_int_equal(passim_store_live_generation(c->f->index), 0);
}

/* A part left complete by an earlier run is not built again. */
static void resumes_a_part_left_by_an_earlier_run(void **state)
{
    ctx *c = *state;
    passim_corpus_files files, zero = {0};
    passim_update_stats s = {0};
    unsigned gen = 0;
    char path[PATH_MAX + 32];
    assert_int_equal(fixture_list(c->f, &files), PASSIM_OK);
    assert_non_null(zero.v = calloc(files.n, sizeof *zero.v));
    for (size_t i = 0; i < files.n; i++)
        if (passim_build_part_of(&files.v[i], 2) == 0)
            zero.v[zero.n++] = files.v[i];
    assert_true(zero.n > 0 && zero.n < files.n);
    gen_path(path, sizeof path, c, "gen-1.part-0");
    assert_int_equal(passim_part_build(&s, path, &c->f->o, &zero), PASSIM_OK);
    assert_int_equal(build(c, &s, &gen, 2), PASSIM_OK);
    assert_int_equal(gen, 1);
    assert_int_equal(s.unchanged, zero.n);
    assert_int_equal(s.added, files.n - zero.n);
    gen_path(path, sizeof path, c, "gen-1");
    assert_int_equal(db_docs(path), (long)files.n);
    free(zero.v);
    passim_corpus_files_free(&files);
}

/* The part of corpus file `name` in a build of two jobs. */
static unsigned part_of_name(const ctx *c, const char *name)
{
    char full[PATH_MAX + 64];
    passim_corpus_file f = {full, (char *)name};
    snprintf(full, sizeof full, "%s/%s", c->f->corpus, name);
    return passim_build_part_of(&f, 2);
}

/* Two files of the same id in different parts: the merged generation has
 * one copy, the first file's in corpus order. */
static void merge_keeps_the_first_copy_in_corpus_order(void **state)
{
    ctx *c = *state;
    passim_update_stats s;
    passim_corpus_files files;
    unsigned listed_part[2] = {9, 9};
    passim_file_record rec;
    unsigned gen = 0;
    char path[PATH_MAX + 32], canon[PATH_MAX], key[PASSIM_MANIFEST_KEY_BYTES + 1];
    char name[2][32], where[48], *val = NULL;
    size_t len = 0, first = 0, second = 0;
    xc_db *db = NULL;
    /* Two names, in corpus (name) order, that go to different parts. */
    snprintf(name[0], sizeof name[0], "j00.jsonl");
    for (int i = 1; i < 100; i++) {
        snprintf(name[1], sizeof name[1], "j%02d.jsonl", i);
        if (part_of_name(c, name[1]) != part_of_name(c, name[0]))
            break;
    }
    assert_int_not_equal(part_of_name(c, name[1]), part_of_name(c, name[0]));
    fixture_write(c->f, name[0], "{\"id\": \"dup\", \"text\": \"The first copy.\"}\n");
    fixture_write(c->f, name[1], "{\"id\": \"x\", \"text\": \"Another.\"}\n"
                                 "{\"id\": \"dup\", \"text\": \"The second copy.\"}\n");
    /* As listed, they go to different parts (so the sync of one part does
     * not see both). */
    assert_int_equal(fixture_list(c->f, &files), PASSIM_OK);
    for (size_t i = 0; i < files.n; i++)
        for (int n = 0; n < 2; n++)
            if (strstr(files.v[i].path, name[n]))
                listed_part[n] = passim_build_part_of(&files.v[i], 2);
    passim_corpus_files_free(&files);
    assert_int_not_equal(listed_part[0], listed_part[1]);
    assert_int_equal(build(c, &s, &gen, 2), PASSIM_OK);
    assert_int_equal(s.added, 8 + 2);
    assert_int_equal(s.failed, 1);
    assert_int_equal(c->f->reports_bad, 1);
    snprintf(where, sizeof where, "%s:2", name[1]);
    assert_non_null(strstr(c->f->last_where, where));
    gen_path(path, sizeof path, c, "gen-1");
    assert_int_equal(db_docs(path), 8 + 2);
    assert_int_equal(xc_db_open(&db, path), PASSIM_OK);
    for (int n = 0; n < 2; n++) {
        char full[PATH_MAX + 64];
        snprintf(full, sizeof full, "%s/%s", c->f->corpus, name[n]);
        assert_non_null(realpath(full, canon));
        passim_manifest_key(canon, key);
        assert_int_equal(xc_db_get_metadata(&val, &len, db, key), PASSIM_OK);
        assert_int_equal(passim_record_decode(&rec, val, len), PASSIM_OK);
        free(val);
        for (size_t i = 0; i < rec.nids; i++)
            if (strcmp(rec.ids[i], "dup") == 0)
                *(n == 0 ? &first : &second) += 1;
        if (n == 1) {
            assert_int_equal(rec.nlost, 1);
            assert_string_equal(rec.lost[0], "dup");
        }
        passim_record_release(&rec);
    }
    xc_db_close(db);
    assert_int_equal(first, 1);
    assert_int_equal(second, 0);
}

static void interrupted_build_keeps_its_parts(void **state)
{
    ctx *c = *state;
    passim_update_stats s;
    unsigned gen = 0;
    char path[PATH_MAX + 32];
    stop_flag = 1;
    assert_int_equal(build(c, &s, &gen, 2), PASSIM_OK);
    assert_int_equal(s.added, 0);
    gen_path(path, sizeof path, c, "gen-1");
    assert_int_equal(access(path, F_OK), -1);
    gen_path(path, sizeof path, c, "gen-1.part-0");
    assert_int_equal(access(path, F_OK), 0);
    stop_flag = 0;
    assert_int_equal(build(c, &s, &gen, 2), PASSIM_OK);
    assert_int_equal(gen, 1);
    assert_int_equal(s.added, 8);
    gen_path(path, sizeof path, c, "gen-1");
    assert_int_equal(db_docs(path), 8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parts_by_a_stable_hash),
        cmocka_unit_test_setup_teardown(jobs_out_of_range_is_invalid, setup, teardown),
        cmocka_unit_test_setup_teardown(builds_and_merges_a_generation, setup, teardown),
        cmocka_unit_test_setup_teardown(resumes_a_part_left_by_an_earlier_run, setup, teardown),
        cmocka_unit_test_setup_teardown(merge_keeps_the_first_copy_in_corpus_order, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(interrupted_build_keeps_its_parts, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
