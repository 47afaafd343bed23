/* Unit tests: the schema version an index records, and which versions
 * this passim reads and updates (schema.h). Each test that needs an index
 * builds a small one in a temporary directory of its own. */
#define _XOPEN_SOURCE 700 /* mkdtemp, nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index/schema.h"
#include "index/store.h"

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static int setup_dir(void **state)
{
    char *dir = malloc(512);
    snprintf(dir, 512, "%s/passim-schema.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir)) {
        free(dir);
        return -1;
    }
    *state = dir;
    return 0;
}

static int teardown_dir(void **state)
{
    nftw(*state, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(*state);
    return 0;
}

/* A database at DIR/db with one article whose data is `data` (none when
 * NULL) and, unless `schema` is NULL, PASSIM_SCHEMA_KEY set to it. */
static const char *make_db(void **state, const char *data, size_t len, const char *schema)
{
    static char path[600];
    xc_wdb *w = NULL;
    xc_doc *d = NULL;
    snprintf(path, sizeof path, "%s/db", (char *)*state);
    assert_int_equal(xc_wdb_open(&w, path, XC_CREATE_OR_OVERWRITE), PASSIM_OK);
    if (data) {
        assert_int_equal(xc_doc_new(&d), PASSIM_OK);
        assert_int_equal(xc_doc_set_data(d, data, len), PASSIM_OK);
        assert_int_equal(xc_wdb_replace(NULL, w, "Qa.txt", d), PASSIM_OK);
        xc_doc_free(d);
    }
    if (schema)
        assert_int_equal(xc_wdb_set_metadata(w, PASSIM_SCHEMA_KEY, strlen(PASSIM_SCHEMA_KEY),
                                             schema, strlen(schema)),
                         PASSIM_OK);
    assert_int_equal(xc_wdb_commit(w), PASSIM_OK);
    xc_wdb_close(w);
    return path;
}

static passim_status parse(const char *s, unsigned *v)
{
    return passim_schema_parse(v, s, strlen(s));
}

static void test_parse(void **state)
{
    (void)state;
    unsigned v = 99;
    assert_int_equal(parse("", &v), PASSIM_OK);
    assert_int_equal(v, 0); /* absent */
    assert_int_equal(parse("2", &v), PASSIM_OK);
    assert_int_equal(v, 2);
    assert_int_equal(parse("17", &v), PASSIM_OK);
    assert_int_equal(v, 17);
    assert_int_equal(parse("999999999", &v), PASSIM_OK);
    assert_int_equal(v, PASSIM_SCHEMA_MAX);
    static const char *garbage[] = {"0", "02", "-1", "+2", " 2", "2 ", "2\n", "abc",
                                    "2a", "1.5", "1000000000", "99999999999999999999"};
    for (size_t i = 0; i < sizeof garbage / sizeof *garbage; i++) {
        v = 99;
        assert_int_equal(parse(garbage[i], &v), PASSIM_ECORRUPT);
        assert_int_equal(v, 0);
        assert_non_null(strstr(passim_error_msg(), "--rebuild"));
    }
    /* A NUL inside is no digit. */
    assert_int_equal(passim_schema_parse(&v, "2\0", 2), PASSIM_ECORRUPT);
}

static void test_allows(void **state)
{
    (void)state;
    assert_int_equal(passim_schema_allows(PASSIM_SCHEMA_VERSION, 0), PASSIM_OK);
    assert_int_equal(passim_schema_allows(PASSIM_SCHEMA_VERSION, 1), PASSIM_OK);
    assert_int_equal(passim_schema_allows(PASSIM_SCHEMA_OLDEST_READ, 0), PASSIM_OK);
    assert_int_equal(passim_schema_allows(PASSIM_SCHEMA_OLDEST_UPDATE, 1), PASSIM_OK);

    char want[128];
    assert_int_equal(passim_schema_allows(PASSIM_SCHEMA_VERSION + 1, 0), PASSIM_ECORRUPT);
    snprintf(want, sizeof want, "index schema %u is newer than this passim (%u): upgrade passim",
             PASSIM_SCHEMA_VERSION + 1, PASSIM_SCHEMA_VERSION);
    assert_string_equal(passim_error_msg(), want);
    assert_int_equal(passim_schema_allows(PASSIM_SCHEMA_VERSION + 1, 1), PASSIM_ECORRUPT);
    assert_string_equal(passim_error_msg(), want);

    /* Version 1 (document data format 1) is read by no passim of today. */
    assert_int_equal(passim_schema_allows(1, 0), PASSIM_ECORRUPT);
    snprintf(want, sizeof want, "index schema 1 is older than this passim reads (%u): "
             "rebuild it with passim-index --rebuild", PASSIM_SCHEMA_OLDEST_READ);
    assert_string_equal(passim_error_msg(), want);
    assert_int_equal(passim_schema_allows(1, 1), PASSIM_ECORRUPT);
    assert_non_null(strstr(passim_error_msg(), "older than this passim updates"));
}

/* check_read on the database at path: its status; the handle is closed
 * on refusal and by the test otherwise. */
static passim_status check_read(const char *path)
{
    xc_db *db = NULL;
    passim_status st = passim_schema_check_read(&db, xc_db_open(&db, path));
    if (st != PASSIM_OK)
        assert_null(db);
    xc_db_close(db);
    return st;
}

static passim_status check_write(const char *path)
{
    xc_wdb *db = NULL;
    passim_status st =
        passim_schema_check_write(&db, path, xc_wdb_open(&db, path, XC_OPEN));
    if (st != PASSIM_OK)
        assert_null(db);
    xc_wdb_close(db);
    return st;
}

static const char V2_DATA[] = "PSM\x02 rest";
static const char V1_DATA[] = "PSM\x01 rest";

static void test_current(void **state)
{
    const char *p = make_db(state, V2_DATA, sizeof V2_DATA - 1, "2");
    xc_db *db = NULL;
    unsigned v = 0;
    assert_int_equal(xc_db_open(&db, p), PASSIM_OK);
    assert_int_equal(passim_schema_version(&v, db), PASSIM_OK);
    assert_int_equal(v, 2);
    xc_db_close(db);
    assert_int_equal(check_read(p), PASSIM_OK);
    assert_int_equal(check_write(p), PASSIM_OK);
}

static void test_newer(void **state)
{
    const char *p = make_db(state, V2_DATA, sizeof V2_DATA - 1, "3");
    assert_int_equal(check_read(p), PASSIM_ECORRUPT);
    assert_non_null(strstr(passim_error_msg(), "index schema 3 is newer than this passim (2)"));
    assert_int_equal(check_write(p), PASSIM_ECORRUPT);
    assert_non_null(strstr(passim_error_msg(), "upgrade passim"));
}

static void test_older(void **state)
{
    const char *p = make_db(state, V2_DATA, sizeof V2_DATA - 1, "1");
    assert_int_equal(check_read(p), PASSIM_ECORRUPT);
    assert_non_null(strstr(passim_error_msg(), "passim-index --rebuild"));
    assert_int_equal(check_write(p), PASSIM_ECORRUPT);
    assert_non_null(strstr(passim_error_msg(), "passim-index --rebuild"));
}

static void test_garbage(void **state)
{
    const char *p = make_db(state, V2_DATA, sizeof V2_DATA - 1, "two");
    assert_int_equal(check_read(p), PASSIM_ECORRUPT);
    assert_non_null(strstr(passim_error_msg(), "not a number"));
    assert_int_equal(check_write(p), PASSIM_ECORRUPT);
}

/* No key: judged by the document data. */
static void test_missing(void **state)
{
    xc_db *db = NULL;
    unsigned v = 0;
    const char *p = make_db(state, V2_DATA, sizeof V2_DATA - 1, NULL);
    assert_int_equal(xc_db_open(&db, p), PASSIM_OK);
    assert_int_equal(passim_schema_version(&v, db), PASSIM_OK);
    assert_int_equal(v, 2);
    xc_db_close(db);
    assert_int_equal(check_read(p), PASSIM_OK);
    assert_int_equal(check_write(p), PASSIM_OK);

    p = make_db(state, V1_DATA, sizeof V1_DATA - 1, NULL);
    assert_int_equal(xc_db_open(&db, p), PASSIM_OK);
    assert_int_equal(passim_schema_version(&v, db), PASSIM_OK);
    assert_int_equal(v, 1);
    xc_db_close(db);
    assert_int_equal(check_read(p), PASSIM_ECORRUPT);
    assert_non_null(strstr(passim_error_msg(), "index schema 1 is older"));
    assert_int_equal(check_write(p), PASSIM_ECORRUPT);

    /* An empty index (a first build's start) is this passim's. */
    p = make_db(state, NULL, 0, NULL);
    assert_int_equal(check_read(p), PASSIM_OK);
    assert_int_equal(check_write(p), PASSIM_OK);
}

/* The open's own failure passes through untouched. */
static void test_failed_open(void **state)
{
    char path[600];
    xc_db *db = NULL;
    snprintf(path, sizeof path, "%s/none", (char *)*state);
    assert_int_equal(passim_schema_check_read(&db, xc_db_open(&db, path)), PASSIM_ENOTFOUND);
    assert_null(db);
    assert_int_equal(passim_schema_check_read(&db, PASSIM_EIO), PASSIM_EIO);
}

/* A failing call, then a succeeding one: no detail left (status.h); a
 * failed open's detail passes through the check untouched. */
static void test_detail(void **state)
{
    char path[600];
    unsigned v = 0;
    xc_db *db = NULL;
    assert_int_equal(passim_schema_parse(&v, "x", 1), PASSIM_ECORRUPT);
    assert_string_not_equal(passim_error_msg(), "");
    assert_int_equal(passim_schema_parse(&v, "2", 1), PASSIM_OK);
    assert_string_equal(passim_error_msg(), "");
    assert_int_equal(passim_schema_allows(PASSIM_SCHEMA_VERSION + 1, 0), PASSIM_ECORRUPT);
    assert_int_equal(passim_schema_allows(PASSIM_SCHEMA_VERSION, 0), PASSIM_OK);
    assert_string_equal(passim_error_msg(), "");
    snprintf(path, sizeof path, "%s/none", (char *)*state);
    assert_int_equal(passim_schema_check_read(&db, xc_db_open(&db, path)), PASSIM_ENOTFOUND);
    assert_string_not_equal(passim_error_msg(), "");
}

/* passim_schema_record writes what passim_schema_version reads. */
static void test_record(void **state)
{
    const char *p = make_db(state, V1_DATA, sizeof V1_DATA - 1, "7");
    xc_wdb *w = NULL;
    xc_db *db = NULL;
    unsigned v = 0;
    assert_int_equal(xc_wdb_open(&w, p, XC_OPEN), PASSIM_OK);
    assert_int_equal(passim_schema_record(w), PASSIM_OK);
    assert_int_equal(xc_wdb_commit(w), PASSIM_OK);
    xc_wdb_close(w);
    assert_int_equal(xc_db_open(&db, p), PASSIM_OK);
    assert_int_equal(passim_schema_version(&v, db), PASSIM_OK);
    assert_int_equal(v, PASSIM_SCHEMA_VERSION); /* the key wins over the data */
    xc_db_close(db);
}

/* The index directory's readers and writer run the check (store.h). */
static void test_store_checks(void **state)
{
    char dir[600], gen[640];
    xc_wdb *w = NULL;
    xc_db *db = NULL;
    passim_store_hold hold = PASSIM_STORE_HOLD_NONE;
    snprintf(dir, sizeof dir, "%s/index", (char *)*state);
    assert_int_equal(passim_store_open_write(&w, dir), PASSIM_OK);
    assert_int_equal(xc_wdb_set_metadata(w, PASSIM_SCHEMA_KEY, strlen(PASSIM_SCHEMA_KEY),
                                         "3", 1),
                     PASSIM_OK);
    assert_int_equal(xc_wdb_commit(w), PASSIM_OK);
    xc_wdb_close(w);
    assert_int_equal(passim_store_open_read(&db, &hold, dir), PASSIM_ECORRUPT);
    assert_null(db);
    assert_non_null(strstr(passim_error_msg(), "newer than this passim"));
    assert_int_equal(passim_store_open_write(&w, dir), PASSIM_ECORRUPT);
    assert_null(w);
    snprintf(gen, sizeof gen, "%s/gen-1", dir);
    assert_int_equal(xc_wdb_open(&w, gen, XC_OPEN), PASSIM_OK);
    assert_int_equal(passim_schema_record(w), PASSIM_OK);
    assert_int_equal(xc_wdb_commit(w), PASSIM_OK);
    xc_wdb_close(w);
    assert_int_equal(passim_store_open_read(&db, &hold, dir), PASSIM_OK);
    xc_db_close(db);
    passim_store_release(&hold);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_allows),
        cmocka_unit_test_setup_teardown(test_current, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_newer, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_older, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_garbage, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_missing, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_failed_open, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_detail, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_record, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_store_checks, setup_dir, teardown_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
