/* Unit tests: duplicate ids across parts (dedupe.h) — the first file in
 * corpus order keeps the id whichever part holds it, the later copy is
 * deleted, counted, reported with its line and noted in its record; parts
 * without duplicates are left alone; a missing or held part is an error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "index/dedupe.h"
#include "index/manifest.h"
#include "index/part.h"
#include "fixture.h"

typedef struct ctx {
    fixture *f;
    passim_corpus_files files;  /* the corpus: 1.jsonl, 2.jsonl */
    passim_corpus_files first, second;
    char p0[PATH_MAX + 16], p1[PATH_MAX + 16];
    const char *paths[2];
    passim_update_stats s;
} ctx;

/* Corpus order is 1.jsonl then 2.jsonl; part 0 holds the later file, so
 * the keeper is in the later part. */
static int setup(void **state)
{
    ctx *c = calloc(1, sizeof *c);
    if (!c || !(c->f = fixture_new()))
        return -1;
    fixture_write(c->f, "1.jsonl", "{\"id\": \"u1\", \"text\": \"Only in one.\"}\n"
                                   "{\"id\": \"d\", \"text\": \"The first copy.\"}\n");
    fixture_write(c->f, "2.jsonl", "{\"id\": \"u2\", \"text\": \"Only in two.\"}\n"
                                   "{\"id\": \"u3\", \"text\": \"Also in two.\"}\n"
                                   "{\"id\": \"d\", \"text\": \"The second copy.\"}\n");
    if (fixture_list(c->f, &c->files) != PASSIM_OK || c->files.n != 2 ||
        !strstr(c->files.v[0].path, "1.jsonl"))
        return -1;
    c->first.v = c->files.v;
    c->first.n = 1;
    c->second.v = c->files.v + 1;
    c->second.n = 1;
    fixture_path(c->p0, sizeof c->p0, c->f, "p0");
    fixture_path(c->p1, sizeof c->p1, c->f, "p1");
    c->paths[0] = c->p0;
    c->paths[1] = c->p1;
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    ctx *c = *state;
    passim_corpus_files_free(&c->files);
    fixture_free(c->f);
    free(c);
    return 0;
}

static void build_parts(ctx *c)
{
    assert_int_equal(passim_part_build(&c->s, c->p0, &c->f->o, &c->second), PASSIM_OK);
    assert_int_equal(passim_part_build(&c->s, c->p1, &c->f->o, &c->first), PASSIM_OK);
    assert_int_equal(c->s.added, 5);
}

/* The record of the file at `path` in database `db`. */
static void load_record(passim_file_record *rec, const char *db, const char *path)
{
    char canon[PATH_MAX], key[PASSIM_MANIFEST_KEY_BYTES + 1], *val = NULL;
    size_t len = 0;
    xc_db *d = NULL;
    assert_non_null(realpath(path, canon));
    passim_manifest_key(canon, key);
    assert_int_equal(xc_db_open(&d, db), PASSIM_OK);
    assert_int_equal(xc_db_get_metadata(&val, &len, d, key), PASSIM_OK);
    assert_int_equal(passim_record_decode(rec, val, len), PASSIM_OK);
    free(val);
    xc_db_close(d);
}

static void first_in_corpus_order_keeps_the_id(void **state)
{
    ctx *c = *state;
    passim_file_record rec;
    build_parts(c);
    assert_int_equal(passim_dedupe_parts(&c->s, c->paths, 2, &c->f->o, &c->files), PASSIM_OK);
    assert_int_equal(db_has(c->p1, "d"), 1); /* 1.jsonl's copy */
    assert_int_equal(db_has(c->p0, "d"), 0);
    assert_int_equal(db_docs(c->p0), 2);
    assert_int_equal(c->s.added, 4);
    assert_int_equal(c->s.failed, 1);
    assert_int_equal(c->f->reports_bad, 1);
    assert_non_null(strstr(c->f->last_where, "2.jsonl:3"));
    load_record(&rec, c->p0, c->files.v[1].path);
    assert_int_equal(rec.nids, 2);
    assert_int_equal(rec.nlost, 1);
    assert_string_equal(rec.lost[0], "d");
    assert_int_equal(rec.skipped, 1);
    passim_record_release(&rec);
}

/* A copy whose file is not listed counts as last in corpus order. */
static void unlisted_file_counts_as_last(void **state)
{
    ctx *c = *state;
    passim_corpus_files only_second = c->second;
    build_parts(c);
    assert_int_equal(passim_dedupe_parts(&c->s, c->paths, 2, &c->f->o, &only_second), PASSIM_OK);
    assert_int_equal(db_has(c->p0, "d"), 1); /* 2.jsonl is listed, 1.jsonl not */
    assert_int_equal(db_has(c->p1, "d"), 0);
    assert_int_equal(c->f->reports_bad, 0); /* no line to name in an unlisted file */
}

static void no_duplicates_changes_nothing(void **state)
{
    ctx *c = *state;
    passim_update_stats before;
    assert_int_equal(passim_part_build(&c->s, c->p0, &c->f->o, &c->second), PASSIM_OK);
    before = c->s;
    assert_int_equal(passim_dedupe_parts(&c->s, c->paths, 1, &c->f->o, &c->files), PASSIM_OK);
    assert_memory_equal(&before, &c->s, sizeof before);
    assert_int_equal(db_docs(c->p0), 3);
}

static void missing_part_is_an_error(void **state)
{
    ctx *c = *state;
    passim_status st;
    assert_int_equal(passim_part_build(&c->s, c->p0, &c->f->o, &c->second), PASSIM_OK);
    st = passim_dedupe_parts(&c->s, c->paths, 2, &c->f->o, &c->files);
    assert_int_equal(st, PASSIM_ENOTFOUND);
    assert_int_equal(db_docs(c->p0), 3);
}

static void held_part_is_locked(void **state)
{
    ctx *c = *state;
    xc_wdb *db = NULL;
    build_parts(c);
    assert_int_equal(xc_wdb_open(&db, c->p1, XC_OPEN), PASSIM_OK);
    assert_int_equal(passim_dedupe_parts(&c->s, c->paths, 2, &c->f->o, &c->files),
                     PASSIM_ELOCKED);
    xc_wdb_close(db);
    assert_int_equal(db_has(c->p0, "d"), 1); /* nothing changed by halves */
}

/* A damaged record holds no claim: it is skipped, and leaves no error
 * detail behind the PASSIM_OK (status.h). Here the record of 1.jsonl in
 * part 1 is damaged, so 2.jsonl's copy of "d" is the only one claimed. */
static void damaged_record_is_skipped_without_detail(void **state)
{
    ctx *c = *state;
    char canon[PATH_MAX], key[PASSIM_MANIFEST_KEY_BYTES + 1];
    xc_wdb *db = NULL;
    build_parts(c);
    assert_non_null(realpath(c->files.v[0].path, canon));
    passim_manifest_key(canon, key);
    assert_int_equal(xc_wdb_open(&db, c->p1, XC_OPEN), PASSIM_OK);
    assert_int_equal(xc_wdb_set_metadata(db, key, strlen(key), "\x07", 1), PASSIM_OK);
    assert_int_equal(xc_wdb_commit(db), PASSIM_OK);
    xc_wdb_close(db);
    passim_error_set(PASSIM_EIO, "an earlier call's error");
    assert_int_equal(passim_dedupe_parts(&c->s, c->paths, 2, &c->f->o, &c->files), PASSIM_OK);
    assert_string_equal(passim_error_msg(), "");
    assert_int_equal(db_has(c->p0, "d"), 1);
    assert_int_equal(c->f->reports_bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(first_in_corpus_order_keeps_the_id, setup, teardown),
        cmocka_unit_test_setup_teardown(unlisted_file_counts_as_last, setup, teardown),
        cmocka_unit_test_setup_teardown(no_duplicates_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(missing_part_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(held_part_is_locked, setup, teardown),
        cmocka_unit_test_setup_teardown(damaged_record_is_skipped_without_detail, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
