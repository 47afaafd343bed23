/* Unit tests: weighting-scheme parsing, the boosts of the article query
 * and the weighting set on an enquire (rank.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search/rank.h"
#include "search/rank_private.h"

static void test_parse_name_only(void **state)
{
    (void)state;
    passim_rank_opts r = PASSIM_RANK_OPTS_DEFAULT;
    r.nparams = 3;
    assert_int_equal(passim_rank_parse_scheme(&r, "bm25"), PASSIM_OK);
    assert_string_equal(r.weighting, "bm25");
    assert_int_equal(r.nparams, 0);
    /* The boosts are not the scheme's: left alone. */
    assert_true(r.title_boost == 0.25);
    assert_int_equal(r.proximity_window, 8);
    assert_int_equal(passim_rank_parse_scheme(&r, "bm25+"), PASSIM_OK);
    assert_string_equal(r.weighting, "bm25+");
}

static void test_parse_parameters(void **state)
{
    (void)state;
    passim_rank_opts r = PASSIM_RANK_OPTS_DEFAULT;
    assert_int_equal(passim_rank_parse_scheme(&r, "bm25:1.2,0,1,0.5,0.5"), PASSIM_OK);
    assert_string_equal(r.weighting, "bm25");
    assert_int_equal(r.nparams, 5);
    const double want[] = {1.2, 0, 1, 0.5, 0.5};
    for (size_t i = 0; i < 5; i++)
        assert_true(r.params[i] == want[i]);
    assert_int_equal(passim_rank_parse_scheme(&r, "ineb2:3.5"), PASSIM_OK);
    assert_string_equal(r.weighting, "ineb2");
    assert_int_equal(r.nparams, 1);
    assert_true(r.params[0] == 3.5);
    /* Exactly PASSIM_RANK_MAX_PARAMS. */
    assert_int_equal(passim_rank_parse_scheme(&r, "bm25+:1,2,3,4,5,-6e-1"), PASSIM_OK);
    assert_int_equal(r.nparams, PASSIM_RANK_MAX_PARAMS);
    assert_true(r.params[5] == -0.6);
    /* "NAME:" with nothing after: no parameters. */
    assert_int_equal(passim_rank_parse_scheme(&r, "pl2:"), PASSIM_OK);
    assert_string_equal(r.weighting, "pl2");
    assert_int_equal(r.nparams, 0);
}

static void expect_parse_error(const char *spec)
{
    passim_rank_opts r = PASSIM_RANK_OPTS_DEFAULT;
    passim_error_clear();
    if (passim_rank_parse_scheme(&r, spec) != PASSIM_EINVAL)
        fail_msg("scheme \"%s\": want PASSIM_EINVAL", spec);
    assert_string_not_equal(passim_error_msg(), "");
}

static void test_parse_errors(void **state)
{
    (void)state;
    expect_parse_error("");
    expect_parse_error(":1.2");
    expect_parse_error("bm25:1.2,,1");
    expect_parse_error("bm25:x");
    expect_parse_error("bm25:1.2;3");
    expect_parse_error("bm25:1.2 ,3");
    expect_parse_error("bm25+:1,2,3,4,5,6,7"); /* one too many */
    char longname[64];
    memset(longname, 'w', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    expect_parse_error(longname);
}

typedef struct fixture {
    passim_analyzer *a;
    char dir[64];
    xc_db *db;
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    xc_wdb *w = NULL;
    if (!fx || passim_analyzer_new(&fx->a, "english") != PASSIM_OK)
        return -1;
    strcpy(fx->dir, "/tmp/passim-rank-XXXXXX");
    if (!mkdtemp(fx->dir) || xc_wdb_open(&w, fx->dir, XC_CREATE_OR_OVERWRITE) != PASSIM_OK ||
        xc_wdb_commit(w) != PASSIM_OK)
        return -1;
    xc_wdb_close(w);
    if (xc_db_open(&fx->db, fx->dir) != PASSIM_OK)
        return -1;
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    char cmd[128];
    xc_db_close(fx->db);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
    if (system(cmd) != 0)
        return -1;
    passim_analyzer_free(fx->a);
    free(fx);
    return 0;
}

/* Xapian's description of the article query for `text` with r. */
static char *describe(fixture *fx, const char *text, const passim_rank_opts *r)
{
    passim_query *q = NULL;
    assert_int_equal(passim_query_parse(&q, fx->a, text, strlen(text)), PASSIM_OK);
    xc_query *x = (xc_query *)1;
    assert_int_equal(passim_rank_query(&x, q, r), PASSIM_OK);
    assert_non_null(x);
    char *d = NULL;
    assert_int_equal(xc_query_describe(&d, x), PASSIM_OK);
    /* With the database: the same query when no prefix needs expanding. */
    xc_query *y = NULL;
    assert_int_equal(passim_rank_query_db(&y, q, r, fx->db), PASSIM_OK);
    char *e = NULL;
    assert_int_equal(xc_query_describe(&e, y), PASSIM_OK);
    assert_string_equal(d, e);
    free(e);
    xc_query_free(y);
    xc_query_free(x);
    passim_query_free(q);
    return d;
}

static void expect_described(fixture *fx, const char *text, const passim_rank_opts *r,
                             const char *want)
{
    char *d = describe(fx, text, r);
    if (strcmp(d, want) != 0)
        fail_msg("%s: got %s, want %s", text, d, want);
    free(d);
}

static void test_boosts_off(void **state)
{
    fixture *fx = *state;
    passim_rank_opts r = PASSIM_RANK_OPTS_DEFAULT;
    r.title_boost = 0;
    r.proximity = 0;
    /* No boost: the parsed query alone. */
    expect_described(fx, "quick brown fox", &r, "Query((quick@1 OR brown@2 OR fox@3))");
    expect_described(fx, "fox -dog", &r, "Query((fox@1 AND_NOT dog@2))");
}

static void test_title_boost(void **state)
{
    fixture *fx = *state;
    passim_rank_opts r = PASSIM_RANK_OPTS_DEFAULT;
    r.proximity = 0;
    expect_described(fx, "fox", &r, "Query((fox@1 AND_MAYBE 0.25 * Sfox))");
    /* Positive words only, phrase words included; stems. */
    expect_described(fx, "fox -dog", &r, "Query(((fox@1 AND_NOT dog@2) AND_MAYBE 0.25 * Sfox))");
    expect_described(fx, "\"brown fox\" jumps", &r,
                     "Query((((brown@1 PHRASE 2 fox@2) OR jump@3) AND_MAYBE "
                     "0.25 * (Sbrown OR Sfox OR Sjump)))");
    r.title_boost = 2;
    expect_described(fx, "fox", &r, "Query((fox@1 AND_MAYBE 2 * Sfox))");
    /* Nothing to rank: no boost. */
    expect_described(fx, "NOT fox", &r, "Query((<alldocuments> AND_NOT fox@1))");
}

static void test_proximity_boost(void **state)
{
    fixture *fx = *state;
    passim_rank_opts r = PASSIM_RANK_OPTS_DEFAULT;
    r.title_boost = 0;
    r.proximity = 0.5;
    r.proximity_window = 8;
    /* Each pair of neighbouring free words. */
    expect_described(fx, "quick brown fox", &r,
                     "Query(((quick@1 OR brown@2 OR fox@3) AND_MAYBE 0.5 * "
                     "((quick NEAR 8 brown) OR (brown NEAR 8 fox))))");
    r.proximity_window = 3;
    expect_described(fx, "quick fox", &r,
                     "Query(((quick@1 OR fox@2) AND_MAYBE 0.5 * (quick NEAR 3 fox)))");
    /* One word, a repeated word, or a phrase next to a word: no pair. */
    expect_described(fx, "fox", &r, "Query(fox@1)");
    expect_described(fx, "fox fox", &r, "Query((fox@1 OR fox@2))");
    expect_described(fx, "\"brown fox\" jumps", &r,
                     "Query(((brown@1 PHRASE 2 fox@2) OR jump@3))");
    /* Both boosts: the title boost first. */
    r.title_boost = 0.25;
    r.proximity_window = 8;
    expect_described(fx, "quick fox", &r,
                     "Query((((quick@1 OR fox@2) AND_MAYBE 0.25 * (Squick OR Sfox)) "
                     "AND_MAYBE 0.5 * (quick NEAR 8 fox)))");
}

/* The weighting on an enquire: known schemes with their parameter counts
 * are taken; an unknown name or a wrong count is PASSIM_EINVAL. */
static void expect_enquire(fixture *fx, const char *spec, passim_status want)
{
    passim_rank_opts r = PASSIM_RANK_OPTS_DEFAULT;
    assert_int_equal(passim_rank_parse_scheme(&r, spec), PASSIM_OK);
    xc_enquire *e = NULL;
    assert_int_equal(xc_enquire_new(&e, fx->db), PASSIM_OK);
    passim_status st = passim_rank_enquire(e, &r);
    if (st != want)
        fail_msg("scheme \"%s\": got status %d, want %d", spec, st, want);
    if (st == PASSIM_OK) {
        /* The enquire runs with it. */
        xc_query *q = NULL;
        assert_int_equal(xc_query_term(&q, "fox", 3, 1, 0), PASSIM_OK);
        assert_int_equal(xc_enquire_set_query(e, q), PASSIM_OK);
        xc_mset *m = NULL;
        assert_int_equal(xc_enquire_mset(&m, e, 0, 10), PASSIM_OK);
        xc_mset_free(m);
        xc_query_free(q);
    }
    xc_enquire_free(e);
}

static void test_enquire_schemes(void **state)
{
    fixture *fx = *state;
    expect_enquire(fx, "ineb2", PASSIM_OK);
    expect_enquire(fx, "ineb2:1.5", PASSIM_OK);
    expect_enquire(fx, "bm25", PASSIM_OK);
    expect_enquire(fx, "bm25:1.2,0,1,0.5,0.5", PASSIM_OK);
    expect_enquire(fx, "bm25+:1.2,0,1,0.5,0.5,1", PASSIM_OK);
    expect_enquire(fx, "dlh", PASSIM_OK);
    expect_enquire(fx, "tfidf", PASSIM_OK);
    expect_enquire(fx, "bool", PASSIM_OK);
    expect_enquire(fx, "okapi", PASSIM_EINVAL);
    expect_enquire(fx, "BM25x", PASSIM_EINVAL);
    expect_enquire(fx, "bm25:1.2", PASSIM_EINVAL);
    expect_enquire(fx, "ineb2:1,2", PASSIM_EINVAL);
    expect_enquire(fx, "dlh:1", PASSIM_EINVAL);

    /* The default scheme is a known one. */
    passim_rank_opts r = PASSIM_RANK_OPTS_DEFAULT;
    xc_enquire *e = NULL;
    assert_int_equal(xc_enquire_new(&e, fx->db), PASSIM_OK);
    assert_int_equal(passim_rank_enquire(e, &r), PASSIM_OK);
    assert_int_equal(passim_rank_enquire_then_newest(e), PASSIM_OK);
    xc_enquire_free(e);
    assert_int_equal(xc_enquire_new(&e, fx->db), PASSIM_OK);
    assert_int_equal(passim_rank_enquire_newest(e), PASSIM_OK);
    xc_enquire_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_name_only),
        cmocka_unit_test(test_parse_parameters),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_boosts_off),
        cmocka_unit_test(test_title_boost),
        cmocka_unit_test(test_proximity_boost),
        cmocka_unit_test(test_enquire_schemes),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
