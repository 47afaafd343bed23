/* Unit tests: one database brought up to date with a list of files
 * (sync.h) — what is added, replaced, removed, unchanged and failed, and
 * an interrupted sync keeping what it did. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "index/sync.h"
#include "fixture.h"

typedef struct ctx {
    fixture *f;
    char db[PATH_MAX + 16];
} ctx;

static int setup(void **state)
{
    ctx *c = calloc(1, sizeof *c);
    if (!c || !(c->f = fixture_new()))
        return -1;
    fixture_path(c->db, sizeof c->db, c->f, "db");
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    ctx *c = *state;
    fixture_free(c->f);
    free(c);
    return 0;
}

/* Sync the fixture's database with its corpus as listed now. */
static passim_status sync_now(ctx *c, passim_update_stats *s)
{
    passim_corpus_files files;
    xc_wdb *db = NULL;
    passim_status st;
    memset(s, 0, sizeof *s);
    assert_int_equal(fixture_list(c->f, &files), PASSIM_OK);
    if ((st = xc_wdb_open(&db, c->db, XC_CREATE_OR_OPEN)) == PASSIM_OK)
        st = passim_sync_database(s, db, &c->f->o, &files);
    xc_wdb_close(db);
    passim_corpus_files_free(&files);
    return st;
}

static void counts_added_unchanged_replaced_removed(void **state)
{
    ctx *c = *state;
    passim_update_stats s;
    fixture_write(c->f, "a.txt", "Alpha article about harbours.\n");
    fixture_write(c->f, "b.txt", "Beta article about bridges.\n");
    fixture_write(c->f, "c.txt", "Gamma article about canals.\n");
    assert_int_equal(sync_now(c, &s), PASSIM_OK);
    assert_int_equal(s.added, 3);
    assert_int_equal(s.files_done, 3);
    assert_int_equal(s.failed, 0);
    assert_int_equal(db_docs(c->db), 3);

    assert_int_equal(sync_now(c, &s), PASSIM_OK);
    assert_int_equal(s.added, 0);
    assert_int_equal(s.unchanged, 3);
    assert_int_equal(s.replaced, 0);

    fixture_write(c->f, "a.txt", "Alpha article about harbours, rewritten at length.\n");
    fixture_remove(c->f, "c.txt");
    assert_int_equal(sync_now(c, &s), PASSIM_OK);
    assert_int_equal(s.replaced, 1);
    assert_int_equal(s.unchanged, 1);
    assert_int_equal(s.removed, 1);
    assert_int_equal(s.added, 0);
    assert_int_equal(db_docs(c->db), 2);
}

static void keep_missing_keeps_articles_of_files_gone(void **state)
{
    ctx *c = *state;
    passim_update_stats s;
    fixture_write(c->f, "a.txt", "Alpha.\n");
    fixture_write(c->f, "b.txt", "Beta.\n");
    assert_int_equal(sync_now(c, &s), PASSIM_OK);
    fixture_remove(c->f, "b.txt");
    c->f->o.keep_missing = 1;
    assert_int_equal(sync_now(c, &s), PASSIM_OK);
    assert_int_equal(s.removed, 0);
    assert_int_equal(db_docs(c->db), 2);
    c->f->o.keep_missing = 0;
    assert_int_equal(sync_now(c, &s), PASSIM_OK);
    assert_int_equal(s.removed, 1);
    assert_int_equal(db_docs(c->db), 1);
}

/* Bad lines, a duplicate id and an article without text are each counted
 * once, reported, and counted again by a run that does not read the file. */
static void skipped_lines_count_in_failed_every_run(void **state)
{
    ctx *c = *state;
    passim_update_stats s;
    fixture_write(c->f, "n.jsonl",
                  "{\"id\": \"n1\", \"text\": \"First article.\"}\n"
                  "this is not json\n"
                  "{\"id\": \"n1\", \"text\": \"A duplicate id.\"}\n"
                  "{\"id\": \"n2\", \"text\": \"\"}\n"
                  "{\"id\": \"n3\", \"text\": \"Third article.\"}\n");
    assert_int_equal(sync_now(c, &s), PASSIM_OK);
    assert_int_equal(s.added, 2);
    assert_int_equal(s.failed, 3);
    assert_int_equal(c->f->reports_bad, 3);
    assert_int_equal(db_has(c->db, "n1"), 1);
    assert_int_equal(db_has(c->db, "n3"), 1);
    assert_int_equal(db_has(c->db, "n2"), 0);

    c->f->reports_bad = 0;
    assert_int_equal(sync_now(c, &s), PASSIM_OK);
    assert_int_equal(s.unchanged, 2);
    assert_int_equal(s.failed, 3);
    assert_int_equal(c->f->reports_bad, 1); /* one line naming the file */
}

/* A file that cannot be read fails once, and again (not read) until it
 * changes; with retry_failed it is read again. */
static void unreadable_file_fails_until_it_changes(void **state)
{
    ctx *c = *state;
    passim_update_stats s;
    fixture_write(c->f, "ok.txt", "Fine article.\n");
    fixture_write(c->f, "bad.txt.gz", "this is not gzip data at all\n");
    assert_int_equal(sync_now(c, &s), PASSIM_OK);
    assert_int_equal(s.added, 1);
    assert_int_equal(s.failed, 1);
    assert_int_equal(sync_now(c, &s), PASSIM_OK);
    assert_int_equal(s.failed, 1);
    assert_int_equal(s.unchanged, 1);
    c->f->o.retry_failed = 1;
    c->f->reports_bad = 0;
    assert_int_equal(sync_now(c, &s), PASSIM_OK);
    assert_int_equal(s.failed, 1);
    assert_int_equal(c->f->reports_bad, 1);
}

static void interrupted_sync_keeps_what_is_done(void **state)
{
    ctx *c = *state;
    passim_update_stats s;
    fixture_write(c->f, "a.txt", "Alpha.\n");
    fixture_write(c->f, "b.txt", "Beta.\n");
    fixture_write(c->f, "c.txt", "Gamma.\n");
    c->f->o.progress = fixture_stop_after_first_file;
    c->f->o.progress_ctx = c->f;
    assert_int_equal(sync_now(c, &s), PASSIM_OK);
    assert_int_equal(s.files_done, 1);
    assert_int_equal(s.added, 1);
    assert_int_equal(db_docs(c->db), 1);

    c->f->o.progress = NULL;
    c->f->stop = 0;
    assert_int_equal(sync_now(c, &s), PASSIM_OK);
    assert_int_equal(s.unchanged, 1);
    assert_int_equal(s.added, 2);
    assert_int_equal(db_docs(c->db), 3);
}

/* What a sync reports and goes past (bad lines, a duplicate id, an
 * article without text, a file that cannot be read, a damaged file
 * record dropped) leaves no error detail behind its PASSIM_OK. */
static void skipped_and_dropped_leave_no_detail(void **state)
{
    ctx *c = *state;
    passim_update_stats s;
    xc_wdb *db = NULL;
    fixture_write(c->f, "n.jsonl",
                  "{\"id\": \"n1\", \"text\": \"First article.\"}\n"
                  "this is not json\n"
                  "{\"id\": \"n1\", \"text\": \"A duplicate id.\"}\n"
                  "{\"id\": \"n2\", \"text\": \"\"}\n");
    fixture_write(c->f, "bad.txt.gz", "this is not gzip data at all\n");
    passim_error_set(PASSIM_EIO, "an earlier call's error");
    assert_int_equal(sync_now(c, &s), PASSIM_OK);
    assert_int_equal(s.failed, 4);
    assert_string_equal(passim_error_msg(), "");

    /* A damaged record: dropped, its file (if any) counted as new. */
    assert_int_equal(xc_wdb_open(&db, c->db, XC_OPEN), PASSIM_OK);
    assert_int_equal(xc_wdb_set_metadata(db, "F0123456789abcdef", 17, "\x07", 1), PASSIM_OK);
    assert_int_equal(xc_wdb_commit(db), PASSIM_OK);
    xc_wdb_close(db);
    assert_int_equal(sync_now(c, &s), PASSIM_OK);
    assert_int_equal(s.unchanged, 1);
    assert_string_equal(passim_error_msg(), "");
}

static void id_terms(void **state)
{
    char id[PASSIM_MAX_ID_BYTES + 1], big[PASSIM_MAX_ID_BYTES + 3];
    passim_idset *ids = NULL;
    (void)state;
    assert_int_equal(passim_sync_id_of_term(id, "Qn1", 3), 1);
    assert_string_equal(id, "n1");
    assert_int_equal(passim_sync_id_of_term(id, "Q", 1), 0);
    memset(big, 'x', sizeof big);
    assert_int_equal(passim_sync_id_of_term(id, big, PASSIM_MAX_ID_BYTES + 1), 1);
    assert_int_equal(passim_sync_id_of_term(id, big, PASSIM_MAX_ID_BYTES + 2), 0);
    assert_int_equal(passim_idset_new(&ids), PASSIM_OK);
    assert_int_equal(passim_sync_add_term_id(ids, "Qa", 2), PASSIM_OK);
    assert_int_equal(passim_sync_add_term_id(ids, "Q", 1), PASSIM_OK);
    assert_int_equal(passim_idset_size(ids), 1);
    assert_true(passim_idset_has(ids, "a"));
    passim_idset_free(ids);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(counts_added_unchanged_replaced_removed, setup, teardown),
        cmocka_unit_test_setup_teardown(keep_missing_keeps_articles_of_files_gone, setup, teardown),
        cmocka_unit_test_setup_teardown(skipped_lines_count_in_failed_every_run, setup, teardown),
        cmocka_unit_test_setup_teardown(unreadable_file_fails_until_it_changes, setup, teardown),
        cmocka_unit_test_setup_teardown(interrupted_sync_keeps_what_is_done, setup, teardown),
        cmocka_unit_test_setup_teardown(skipped_and_dropped_leave_no_detail, setup, teardown),
        cmocka_unit_test(id_terms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
