/* Unit tests: the query language — every operator's tree (as Xapian
 * describes the built query), the passage clauses, and syntax errors with
 * their offsets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/idset.h"
#include "search/query.h"
#include "search/query_private.h"
#include "text/stopwords.h"

static int setup(void **state)
{
    passim_analyzer *a;
    if (passim_analyzer_new(&a, "english") != PASSIM_OK)
        return -1;
    *state = a;
    return 0;
}

static int teardown(void **state)
{
    passim_analyzer_free(*state);
    return 0;
}

typedef struct row {
    const char *query;
    const char *described; /* Xapian's description of the built query */
    size_t nclauses;
} row;

static const row ROWS[] = {
    {"bien hoa", "Query((bien@1 OR hoa@2))", 2},
    {"\"Bien Hoa\" airport", "Query(((bien@1 PHRASE 2 hoa@2) OR airport@3))", 2},
    {"“Bien Hoa”", "Query((bien@1 PHRASE 2 hoa@2))", 1},
    {"\"Bien Hoa", "Query((bien@1 PHRASE 2 hoa@2))", 1},
    {"bien +hoa -airport", "Query(((hoa@2 AND_MAYBE bien@1) AND_NOT airport@3))", 2},
    {"+bien +hoa", "Query((bien@1 AND hoa@2))", 2},
    {"-airport", "Query((<alldocuments> AND_NOT airport@1))", 0},
    {"a AND b", "Query((a@1 AND b@2))", 2},
    {"a AND b OR c", "Query(((a@1 AND b@2) OR c@3))", 3},
    {"a OR b AND c", "Query((a@1 OR (b@2 AND c@3)))", 3},
    {"(a OR b) AND c", "Query(((a@1 OR b@2) AND c@3))", 3},
    {"a NOT b", "Query((a@1 AND_NOT b@2))", 1},
    {"NOT a", "Query((<alldocuments> AND_NOT a@1))", 0},
    {"a b AND c", "Query(((a@1 OR b@2) AND c@3))", 3},
    {"and or not", "Query((and@1 OR or@2 OR not@3))", 3},
    {"U.S.-Vietnam", "Query((us@1 PHRASE 2 vietnam@2))", 1},
    {"POW/MIA", "Query((pow@1 PHRASE 2 mia@2))", 1},
    {"carter NEAR ashton", "Query((carter@1 NEAR 11 ashton@2))", 2},
    {"carter NEAR/3 ashton", "Query((carter@1 NEAR 4 ashton@2))", 2},
    {"a NEAR/2 b NEAR/2 c", "Query((a@1 NEAR 4 b@2 NEAR 4 c@3))", 3},
    {"remed*", "Query((WILDCARD SYNONYM remed SYNONYM reme))", 1},
    {"visits*", "Query((WILDCARD SYNONYM visits SYNONYM visit))", 1},
    {"title:vietnam", "Query(Svietnam@1)", 1},
    {"title:\"joint vision\"", "Query((Sjoint@1 AND Svision@2))", 2},
    {"title:(a OR b)", "Query((Sa@1 OR Sb@2))", 2},
    {"date:2015", "Query(VALUE_RANGE 0 2015 2015\\xff)", 0},
    {"date:2015-06", "Query(VALUE_RANGE 0 2015-06 2015-06\\xff)", 0},
    {"date:2025-11-01..2025-11-30", "Query(VALUE_RANGE 0 2025-11-01 2025-11-30)", 0},
    {"date:..2015", "Query(VALUE_LE 0 2015\\xff)", 0},
    {"date:2015-06-05..", "Query(VALUE_GE 0 2015-06-05)", 0},
    {"hegseth date:2025", "Query((hegseth@1 FILTER VALUE_RANGE 0 2025 2025\\xff))", 1},
    {"date:2024-02-29", "Query(VALUE_RANGE 0 2024-02-29 2024-02-29)", 0},
    {"date:2000-02-29", "Query(VALUE_RANGE 0 2000-02-29 2000-02-29)", 0},
    {"date:9999-12-31T23:59:59Z", "Query(VALUE_RANGE 0 9999-12-31 9999-12-31)", 0},
    {"date:2015-06-05T08:00..2015-06-06T23:59:59.5+07:00",
     "Query(VALUE_RANGE 0 2015-06-05 2015-06-06)", 0},
    {"title:con*", "Query(WILDCARD SYNONYM Scon)", 1},
    {"title:\"defense ti*\"", "Query((Sdefens@1 AND WILDCARD SYNONYM Sti))", 2},
    /* Without a database a prefix in a phrase or NEAR is its stem. */
    {"\"prime minist*\"", "Query((prime@1 PHRASE 2 minist@2))", 1},
    {"gov* NEAR/3 minist*", "Query((gov@1 NEAR 4 minist@2))", 2},
    {"byline:parameswaran", "Query(Aparameswaran@1)", 1},
    {"byline:\"Prashanth Parameswaran\"", "Query((Aprashanth@1 AND Aparameswaran@2))", 2},
    {"vietnam byline:(smith OR jones)", "Query((vietnam@1 OR (Asmith@2 OR Ajone@3)))", 3},
    {"Biên Hòa", "Query((bien@1 OR hoa@2))", 2},
    {"visits visits", "Query((visit@1 OR visit@2))", 2},
    {"", "Query()", 0},
    {"!!! --", "Query()", 0},
};

static void test_trees(void **state)
{
    for (size_t i = 0; i < sizeof ROWS / sizeof *ROWS; i++) {
        passim_query *q = NULL;
        xc_query *x = NULL;
        char *d = NULL;
        const row *r = &ROWS[i];
        passim_status st = passim_query_parse(&q, *state, r->query, strlen(r->query));
        if (st != PASSIM_OK)
            fail_msg("%s: %s", r->query, passim_error_msg());
        assert_int_equal(passim_query_build(&x, q), PASSIM_OK);
        assert_int_equal(xc_query_describe(&d, x), PASSIM_OK);
        if (strcmp(d, r->described) != 0)
            fail_msg("%s: got %s, want %s", r->query, d, r->described);
        if (q->nclauses != r->nclauses)
            fail_msg("%s: %zu clauses, want %zu", r->query, q->nclauses, r->nclauses);
        free(d);
        xc_query_free(x);
        passim_query_free(q);
    }
}

typedef struct bad {
    const char *query;
    size_t offset;      /* where the error points */
    const char *says;   /* part of the message */
} bad;

static const bad BAD[] = {
    {"(bien OR hoa", 12, "expected ')'"},
    {"bien)", 4, "unmatched ')'"},
    {"OR x", 0, "OR needs a word before it"},
    {"x OR", 2, "OR needs a word after it"},
    {"x AND", 2, "AND needs a word after it"},
    {"NOT", 3, "query ends"},
    {"a*", 0, "prefix"},
    {"title:x*", 6, "prefix"},
    {"x NEAR \"a b\"", 2, "NEAR joins single words"},
    {"date:yesterday", 5, "date:"},
    {"date:2015-13", 5, "date:"},
    {"date:2016..2015", 5, "ends before it starts"},
    {"title:title:x", 6, "title: inside title:"},
    {"byline:title:x", 7, "a field inside a field"},
    {"date:2025-02-30", 5, "no such day (February 2025 has 28 days)"},
    {"date:2023-02-29", 5, "no such day"},
    {"date:1900-02-29", 5, "no such day"},
    {"date:2024-04-31", 5, "April 2024 has 30 days"},
    {"date:2024-00", 5, "no such month"},
    {"date:2015..2023-02-29", 11, "no such day"},
    {"date:2015-06-05T25:00", 5, "bad time"},
    {"date:2015-06-05T08:00Q", 5, "bad time"},
    {"date:2015-06-05X08:00", 5, "date:"},
    {"((((((((((((((((((((((((((((((((((x))))))))))))))))))))))))))))))))))", 32, "nested"},
};

static void test_errors_point_at_the_problem(void **state)
{
    for (size_t i = 0; i < sizeof BAD / sizeof *BAD; i++) {
        passim_query *q = (passim_query *)1;
        const bad *b = &BAD[i];
        passim_status st = passim_query_parse(&q, *state, b->query, strlen(b->query));
        if (st != PASSIM_EQUERY)
            fail_msg("%s: status %d, want EQUERY", b->query, st);
        assert_null(q);
        if (passim_query_error_offset() != b->offset)
            fail_msg("%s: offset %zu, want %zu", b->query, passim_query_error_offset(),
                     b->offset);
        if (!strstr(passim_error_msg(), b->says))
            fail_msg("%s: message \"%s\" lacks \"%s\"", b->query, passim_error_msg(), b->says);
    }
}

static void test_limits(void **state)
{
    passim_query *q = NULL;
    char *big = malloc(PASSIM_MAX_BATCH_QUERY_BYTES + 2);
    size_t n = 0;
    /* 65 words: over the interactive limit, fine for batch. */
    for (int i = 0; i < 65; i++)
        n += (size_t)sprintf(big + n, "w%d ", i);
    assert_int_equal(passim_query_parse(&q, *state, big, n), PASSIM_EQUERY);
    assert_int_equal(passim_query_parse_flags(&q, *state, big, n, PASSIM_PARSE_BATCH),
                     PASSIM_OK);
    assert_int_equal(q->nclauses, 65);
    passim_query_free(q);
    /* Over the batch byte limit. */
    memset(big, 'a', PASSIM_MAX_BATCH_QUERY_BYTES + 1);
    assert_int_equal(passim_query_parse_flags(&q, *state, big,
                                              PASSIM_MAX_BATCH_QUERY_BYTES + 1,
                                              PASSIM_PARSE_BATCH),
                     PASSIM_EQUERY);
    free(big);
}

static void test_words_only_ignores_operators(void **state)
{
    passim_query *q = NULL;
    xc_query *x = NULL;
    char *d = NULL;
    const char *text = "what (NOT \"similarity laws\" AND -aircraft*";
    assert_int_equal(passim_query_parse_flags(&q, *state, text, strlen(text),
                                              PASSIM_PARSE_WORDS_ONLY | PASSIM_PARSE_BATCH),
                     PASSIM_OK);
    assert_int_equal(q->nclauses, 6);
    assert_int_equal(passim_query_build(&x, q), PASSIM_OK);
    assert_int_equal(xc_query_describe(&d, x), PASSIM_OK);
    assert_string_equal(d, "Query((what@1 OR not@2 OR similar@3 OR law@4 OR and@5 OR aircraft@6))");
    free(d);
    xc_query_free(x);
    passim_query_free(q);
}

static void test_clause_kinds(void **state)
{
    passim_query *q = NULL;
    const char *text = "\"bien hoa\" remed* carter -airport";
    assert_int_equal(passim_query_parse(&q, *state, text, strlen(text)), PASSIM_OK);
    assert_int_equal(q->nclauses, 3);
    assert_int_equal(q->clauses[0].kind, PASSIM_CLAUSE_PHRASE);
    assert_int_equal(q->clauses[1].kind, PASSIM_CLAUSE_PREFIX);
    assert_string_equal(q->words[q->clauses[1].first].folded, "remed");
    assert_int_equal(q->clauses[2].kind, PASSIM_CLAUSE_WORD);
    passim_query_free(q);
}

/* A query of nothing but stopwords keeps them as a phrase, matched in
 * Xapian by every article and checked in the text (passim_query_holds). */
static void test_stopwords_only(void **state)
{
    passim_idset *stop = NULL;
    passim_query *q = NULL;
    xc_query *x = NULL;
    char *d = NULL;
    const char *text = "to be or not to be";
    assert_int_equal(passim_stopwords_default(&stop, *state), PASSIM_OK);
    assert_int_equal(passim_query_parse_stop(&q, *state, text, strlen(text), 0, stop),
                     PASSIM_OK);
    assert_true(q->stop_only);
    assert_int_equal(q->nwords, 6);
    assert_int_equal(q->nclauses, 1);
    assert_int_equal(q->clauses[0].kind, PASSIM_CLAUSE_PHRASE);
    for (size_t i = 0; i < q->nwords; i++) {
        assert_true(q->words[i].stop);
        assert_false(q->words[i].plain); /* never corrected */
    }
    assert_int_equal(passim_query_build(&x, q), PASSIM_OK);
    assert_int_equal(xc_query_describe(&d, x), PASSIM_OK);
    assert_string_equal(d, "Query(<alldocuments>)");
    unsigned char found[1] = {0};
    assert_false(passim_query_holds(q, found));
    found[0] = 1;
    assert_true(passim_query_holds(q, found));
    free(d);
    xc_query_free(x);
    passim_query_free(q);
    /* With a real word the stopword is dropped as usual. */
    text = "the hegseth";
    assert_int_equal(passim_query_parse_stop(&q, *state, text, strlen(text), 0, stop),
                     PASSIM_OK);
    assert_false(q->stop_only);
    assert_int_equal(q->nwords, 1);
    passim_query_free(q);
    passim_idset_free(stop);
}

/* What "did you mean" may correct: plain words only. */
static void test_plain_words(void **state)
{
    passim_query *q = NULL;
    const char *text = "carter foo:bar sta* \"prime minist*\" title:ties";
    assert_int_equal(passim_query_parse(&q, *state, text, strlen(text)), PASSIM_OK);
    const int want[] = {1, 0, 0, 0, 1, 0, 1}; /* carter foo bar sta prime minist ties */
    assert_int_equal(q->nwords, 7);
    for (size_t i = 0; i < q->nwords; i++)
        if (q->words[i].plain != want[i])
            fail_msg("word %zu (%s): plain %d", i, q->words[i].folded, q->words[i].plain);
    passim_query_free(q);
}

/* A query that parses after one that did not leaves no stale detail (a
 * batch of queries reports each failure with its own text). */
static void test_success_clears_stale_detail(void **state)
{
    passim_query *q = NULL;
    const char *bad = "(bien OR hoa", *good = "bien hoa";
    assert_int_equal(passim_query_parse(&q, *state, bad, strlen(bad)), PASSIM_EQUERY);
    assert_true(passim_error_msg()[0] != '\0');
    assert_int_equal(passim_query_parse(&q, *state, good, strlen(good)), PASSIM_OK);
    assert_string_equal(passim_error_msg(), "");
    passim_query_free(q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trees),
        cmocka_unit_test(test_errors_point_at_the_problem),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_words_only_ignores_operators),
        cmocka_unit_test(test_clause_kinds),
        cmocka_unit_test(test_stopwords_only),
        cmocka_unit_test(test_plain_words),
        cmocka_unit_test(test_success_clears_stale_detail),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
