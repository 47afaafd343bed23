/* Unit tests: passage scoring and selection, snippets and their spans. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "search/passage.h"
#include "search/snippet.h"

/* Four paragraphs' worth of sentences: words 1..40, ten words each; the
 * second sentence continues the first paragraph. */
static passim_sentence sents_v[] = {
    {1, 10, 0, 50, 1},
    {11, 10, 51, 100, 0},
    {21, 10, 101, 150, 1},
    {31, 10, 151, 200, 1},
};
static const passim_sentences sents = {sents_v, 4, 40};

static void test_idf(void **state)
{
    (void)state;
    assert_true(passim_idf(100, 1) > passim_idf(100, 50));
    assert_true(passim_idf(100, 100) > 0);
    assert_true(fabs(passim_idf(10, 0) - log(1 + 10.5 / 0.5)) < 1e-9);
    /* A termfreq above the doccount (stale statistics) stays finite. */
    assert_true(isfinite(passim_idf(3, 7)) && passim_idf(3, 7) > 0);
}

static void test_no_hits_no_passages(void **state)
{
    (void)state;
    passim_hits h = {0};
    double idf[1] = {1};
    passim_passage out[2];
    size_t n = 99;
    passim_passage_params p = PASSIM_PASSAGE_PARAMS_DEFAULT;
    assert_int_equal(passim_passages_best(out, &n, &sents, &h, idf, 1, &p, 2), PASSIM_OK);
    assert_int_equal(n, 0);
}

static void test_best_passage_has_most_weight(void **state)
{
    (void)state;
    /* clause 0 (rare) in sentence 3, clause 1 (common) in sentence 0 */
    passim_hit hv[] = {{3, 1, 10, 15, 1}, {33, 1, 160, 165, 0}};
    passim_hits h = {hv, 2, 2};
    double idf[2] = {5.0, 0.5};
    passim_passage out[3];
    size_t n;
    passim_passage_params p = {10, 1.2, 0.75, 0.0};
    assert_int_equal(passim_passages_best(out, &n, &sents, &h, idf, 2, &p, 3), PASSIM_OK);
    assert_int_equal(n, 2);
    assert_int_equal(out[0].first_sent, 3);
    assert_int_equal(out[1].first_sent, 0);
    assert_true(out[0].score > out[1].score);
}

static void test_passages_stay_in_paragraph_and_bound(void **state)
{
    (void)state;
    passim_hit hv[] = {{5, 1, 10, 15, 0}, {15, 1, 60, 65, 0}};
    passim_hits h = {hv, 2, 2};
    double idf[1] = {2.0};
    passim_passage out[4];
    size_t n;
    passim_passage_params p = {20, 1.2, 0.75, 0.0};
    assert_int_equal(passim_passages_best(out, &n, &sents, &h, idf, 1, &p, 4), PASSIM_OK);
    /* Sentences 0 and 1 share a paragraph and fit 20 words: one passage
     * holding both hits; it never reaches into sentence 2's paragraph. */
    assert_true(n >= 1);
    assert_int_equal(out[0].first_sent, 0);
    assert_int_equal(out[0].nsent, 2);
    /* With a 10-word bound each sentence stands alone. */
    p.max_words = 10;
    assert_int_equal(passim_passages_best(out, &n, &sents, &h, idf, 1, &p, 4), PASSIM_OK);
    assert_int_equal(n, 2);
    assert_int_equal(out[0].nsent, 1);
    assert_int_equal(out[1].nsent, 1);
}

static void test_passages_do_not_overlap(void **state)
{
    (void)state;
    passim_hit hv[] = {{5, 1, 10, 15, 0}, {15, 1, 60, 65, 0}};
    passim_hits h = {hv, 2, 2};
    double idf[1] = {2.0};
    passim_passage out[4];
    size_t n;
    passim_passage_params p = {20, 1.2, 0.75, 0.0};
    assert_int_equal(passim_passages_best(out, &n, &sents, &h, idf, 1, &p, 4), PASSIM_OK);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            assert_true(out[i].first_sent + out[i].nsent <= out[j].first_sent ||
                        out[j].first_sent + out[j].nsent <= out[i].first_sent);
}

static void test_phrase_hit_must_fit(void **state)
{
    (void)state;
    /* A two-word phrase hit spanning sentences 0 and 1 (positions 10, 11)
     * counts only for passages holding both. */
    passim_hit hv[] = {{10, 2, 45, 55, 0}};
    passim_hits h = {hv, 1, 1};
    double idf[1] = {3.0};
    passim_passage out[2];
    size_t n;
    passim_passage_params p = {10, 1.2, 0.75, 0.0};
    assert_int_equal(passim_passages_best(out, &n, &sents, &h, idf, 1, &p, 2), PASSIM_OK);
    assert_int_equal(n, 0);
    p.max_words = 20;
    assert_int_equal(passim_passages_best(out, &n, &sents, &h, idf, 1, &p, 2), PASSIM_OK);
    assert_int_equal(n, 1);
    assert_int_equal(out[0].nsent, 2);
}

static void test_coverage_bonus(void **state)
{
    (void)state;
    /* Sentence 0 holds clause 0 twice; sentence 3 holds clauses 0 and 1
     * once each. Plain BM25 prefers sentence 0 with these weights; a
     * coverage bonus prefers the sentence holding both clauses. */
    passim_hit hv[] = {{2, 1, 5, 8, 0}, {4, 1, 15, 18, 0}, {32, 1, 155, 158, 0},
                       {34, 1, 165, 168, 1}};
    passim_hits h = {hv, 4, 4};
    double idf[2] = {3.0, 0.2};
    passim_passage out[1];
    size_t n;
    passim_passage_params p = {10, 1.2, 0.75, 0.0};
    assert_int_equal(passim_passages_best(out, &n, &sents, &h, idf, 2, &p, 1), PASSIM_OK);
    assert_int_equal(out[0].first_sent, 0);
    p.coverage = 1.0;
    assert_int_equal(passim_passages_best(out, &n, &sents, &h, idf, 2, &p, 1), PASSIM_OK);
    assert_int_equal(out[0].first_sent, 3);
}

static void test_snippet_collapses_space_and_maps_spans(void **state)
{
    (void)state;
    const char *text = "xx The  Bien\n  Hoa airport\tcleanup. yy";
    /* passage = "The  Bien\n  Hoa airport\tcleanup." */
    uint32_t start = 3, end = 35;
    passim_hit hv[] = {{2, 2, 8, 18, 0}, {4, 1, 19, 26, 1}, {9, 1, 36, 38, 1}};
    passim_hits h = {hv, 3, 3};
    passim_snippet s;
    assert_int_equal(passim_snippet_make(&s, text, start, end, &h), PASSIM_OK);
    assert_string_equal(s.text, "The Bien Hoa airport cleanup.");
    assert_int_equal(s.len, strlen(s.text));
    assert_int_equal(s.nspans, 2); /* the hit outside the passage is dropped */
    assert_memory_equal(s.text + s.spans[0].start, "Bien Hoa", 8);
    assert_int_equal(s.spans[0].end - s.spans[0].start, 8);
    assert_memory_equal(s.text + s.spans[1].start, "airport", 7);
    passim_snippet_release(&s);
    passim_snippet_release(NULL);
}

static void test_snippet_merges_overlapping_spans(void **state)
{
    (void)state;
    const char *text = "Bien Hoa Airport";
    passim_hit hv[] = {{1, 2, 0, 8, 0}, {2, 1, 5, 8, 1}, {3, 1, 9, 16, 2}};
    passim_hits h = {hv, 3, 3};
    passim_snippet s;
    assert_int_equal(passim_snippet_make(&s, text, 0, 16, &h), PASSIM_OK);
    assert_int_equal(s.nspans, 2);
    assert_int_equal(s.spans[0].start, 0);
    assert_int_equal(s.spans[0].end, 8);
    assert_int_equal(s.spans[1].start, 9);
    passim_snippet_release(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_idf),
        cmocka_unit_test(test_no_hits_no_passages),
        cmocka_unit_test(test_best_passage_has_most_weight),
        cmocka_unit_test(test_passages_stay_in_paragraph_and_bound),
        cmocka_unit_test(test_passages_do_not_overlap),
        cmocka_unit_test(test_phrase_hit_must_fit),
        cmocka_unit_test(test_coverage_bonus),
        cmocka_unit_test(test_snippet_collapses_space_and_maps_spans),
        cmocka_unit_test(test_snippet_merges_overlapping_spans),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
