/* Unit tests: query parsing and locating clauses in text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "search/match.h"
#include "search/query.h"
#include "search/query_private.h"

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

static passim_query *parse(void **state, const char *text)
{
    passim_query *q = NULL;
    assert_int_equal(passim_query_parse(&q, *state, text, strlen(text)), PASSIM_OK);
    assert_non_null(q);
    return q;
}

static void test_free_words(void **state)
{
    passim_query *q = parse(state, "Joint Vision Statements");
    assert_int_equal(q->nclauses, 3);
    assert_int_equal(q->clauses[0].kind, PASSIM_CLAUSE_WORD);
    assert_string_equal(q->words[0].folded, "joint");
    assert_string_equal(q->words[2].folded, "statements");
    assert_string_equal(q->words[2].stem, "statement");
    passim_query_free(q);
}

static void test_quoted_phrase(void **state)
{
    passim_query *q = parse(state, "airport \"Biên Hòa\" cleanup");
    assert_int_equal(q->nclauses, 3);
    assert_int_equal(q->clauses[0].kind, PASSIM_CLAUSE_WORD);
    assert_int_equal(q->clauses[1].kind, PASSIM_CLAUSE_PHRASE);
    assert_int_equal(q->clauses[1].n, 2);
    assert_string_equal(q->words[q->clauses[1].first].folded, "bien");
    assert_string_equal(q->words[q->clauses[1].first + 1].folded, "hoa");
    assert_int_equal(q->clauses[2].kind, PASSIM_CLAUSE_WORD);
    passim_query_free(q);
}

static void test_curly_quotes_and_unterminated(void **state)
{
    passim_query *q = parse(state, "\xE2\x80\x9CJoint Vision\xE2\x80\x9D \"Bien Hoa");
    assert_int_equal(q->nclauses, 2);
    assert_int_equal(q->clauses[0].kind, PASSIM_CLAUSE_PHRASE);
    assert_int_equal(q->clauses[1].kind, PASSIM_CLAUSE_PHRASE);
    passim_query_free(q);
}

static void test_one_word_phrase_is_a_word(void **state)
{
    passim_query *q = parse(state, "\"Hanoi\"");
    assert_int_equal(q->nclauses, 1);
    assert_int_equal(q->clauses[0].kind, PASSIM_CLAUSE_WORD);
    passim_query_free(q);
}

static void test_no_words(void **state)
{
    passim_query *q = parse(state, " \"\" !!! -- ");
    assert_int_equal(q->nclauses, 0);
    xc_query *xq = NULL;
    assert_int_equal(passim_query_build(&xq, q), PASSIM_OK);
    assert_non_null(xq);
    xc_query_free(xq);
    passim_query_free(q);
}

static void test_limits(void **state)
{
    passim_query *q = (passim_query *)1;
    char big[PASSIM_MAX_QUERY_BYTES + 2];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(passim_query_parse(&q, *state, big, strlen(big)), PASSIM_EQUERY);
    assert_null(q);
    char many[PASSIM_MAX_QUERY_WORDS * 3 + 8] = "";
    for (int i = 0; i <= PASSIM_MAX_QUERY_WORDS; i++)
        strcat(many, "w ");
    assert_int_equal(passim_query_parse(&q, *state, many, strlen(many)), PASSIM_EQUERY);
    assert_null(q);
}

static void test_build_describes_phrase(void **state)
{
    passim_query *q = parse(state, "\"Bien Hoa\" airports");
    xc_query *xq = NULL;
    char *desc = NULL;
    assert_int_equal(passim_query_build(&xq, q), PASSIM_OK);
    assert_int_equal(xc_query_describe(&desc, xq), PASSIM_OK);
    assert_non_null(strstr(desc, "PHRASE"));
    assert_non_null(strstr(desc, "airport"));
    free(desc);
    xc_query_free(xq);
    passim_query_free(q);
}

static void test_match_words_by_stem(void **state)
{
    passim_query *q = parse(state, "visits");
    const char *text = "Mattis visited. The visit was the sixth visiting.";
    passim_hits h = {0};
    assert_int_equal(passim_match_text(&h, *state, q, text, strlen(text)), PASSIM_OK);
    assert_int_equal(h.n, 3);
    assert_int_equal(h.v[1].pos, 4);
    assert_memory_equal(text + h.v[1].start, "visit", 5);
    assert_int_equal(h.v[1].end - h.v[1].start, 5);
    passim_hits_free(&h);
    passim_query_free(q);
}

static void test_match_phrase_exact_and_accents(void **state)
{
    passim_query *q = parse(state, "\"Bien Hoa\"");
    const char *text = "Biên Hòa airport; bien hoas; Bien, Hoa. Hoa Bien. BIEN HOA";
    passim_hits h = {0};
    assert_int_equal(passim_match_text(&h, *state, q, text, strlen(text)), PASSIM_OK);
    /* "bien hoas" is not exact; "Bien, Hoa" is adjacent words: a match. */
    assert_int_equal(h.n, 3);
    assert_int_equal(h.v[0].nwords, 2);
    assert_int_equal(h.v[0].start, 0);
    assert_int_equal(h.v[0].end, strlen("Biên Hòa"));
    assert_memory_equal(text + h.v[2].start, "BIEN HOA", 8);
    passim_hits_free(&h);
    passim_query_free(q);
}

static void test_match_repeated_phrase_words(void **state)
{
    passim_query *q = parse(state, "\"new new york\"");
    const char *text = "new new new york";
    passim_hits h = {0};
    assert_int_equal(passim_match_text(&h, *state, q, text, strlen(text)), PASSIM_OK);
    assert_int_equal(h.n, 1);
    assert_int_equal(h.v[0].pos, 2);
    passim_hits_free(&h);
    passim_query_free(q);
}

/* The stem filter is taken only by stemmers that keep a word's first two
 * bytes, and stems what starts with a key. */
static void test_stem_keys(void **state)
{
    passim_analyzer *fr = NULL;
    assert_int_equal(passim_analyzer_new(&fr, "french"), PASSIM_OK);
    assert_int_equal(passim_analyzer_stem_keys(fr, "vi", 1), 0);
    passim_analyzer_free(fr);
    assert_int_equal(passim_analyzer_stem_keys(*state, "vi", 1), 1);
    size_t n;
    const char *stem = passim_analyzer_stem(&n, *state, "visits", 6);
    assert_string_equal(stem, "visit");
    assert_int_equal(passim_analyzer_stem_keys(*state, NULL, 0), 1);
}

/* Matching gives the same hits as stemming every token would. */
static void test_match_with_many_words(void **state)
{
    passim_query *q = parse(state, "dying skies visits \"running water\"");
    const char *text = "The dying man saw the skies. Visits were running water "
                       "and dye; skiing is not a sky. Visiting, visited, dyes.";
    passim_hits h = {0};
    assert_int_equal(passim_match_text(&h, *state, q, text, strlen(text)), PASSIM_OK);
    size_t words = 0, phrases = 0;
    for (size_t i = 0; i < h.n; i++) {
        if (h.v[i].nwords == 2)
            phrases++;
        else
            words++;
    }
    assert_int_equal(phrases, 1);
    /* The word hits expected: the text's words whose stem, computed
     * without any filter, is one of the query's stems. */
    size_t expect = 0;
    passim_analyzer *plain = NULL;
    assert_int_equal(passim_analyzer_new(&plain, "english"), PASSIM_OK);
    const char *words_in[] = {"dying", "skies", "sky", "visits", "visiting", "visited", "dyes",
                              "dye", "skiing"};
    const char *qstems[] = {"die", "sky", "visit"};
    for (size_t i = 0; i < sizeof words_in / sizeof *words_in; i++) {
        size_t n;
        const char *st = passim_analyzer_stem(&n, plain, words_in[i], strlen(words_in[i]));
        for (size_t k = 0; k < 3; k++)
            if (strcmp(st, qstems[k]) == 0)
                expect++;
    }
    passim_analyzer_free(plain);
    assert_int_equal(words, expect);
    passim_hits_free(&h);
    passim_query_free(q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_free_words),
        cmocka_unit_test(test_quoted_phrase),
        cmocka_unit_test(test_curly_quotes_and_unterminated),
        cmocka_unit_test(test_one_word_phrase_is_a_word),
        cmocka_unit_test(test_no_words),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_build_describes_phrase),
        cmocka_unit_test(test_match_words_by_stem),
        cmocka_unit_test(test_match_phrase_exact_and_accents),
        cmocka_unit_test(test_match_repeated_phrase_words),
        cmocka_unit_test(test_stem_keys),
        cmocka_unit_test(test_match_with_many_words),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
