/* Unit tests: the article view built from document data made by hand
 * (view.h): paragraphs, sentence ranges, highlights, ownership. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "search/view.h"

/* "One  two\nthree." [0,15) "Four five" [18,27) | "Six." [29,33)
 * "The end." [33,41), glued to the sentence before it. */
static char TEXT[] = "One  two\nthree.   Four five\n\nSix.The end.";

static passim_sentence SENTS[] = {
    {1, 3, 0, 15, 1},
    {4, 2, 18, 27, 0},
    {6, 1, 29, 33, 1},
    {7, 2, 33, 41, 0},
};

/* Document data as an index gives it: encoded, then decoded. */
static void make_doc(passim_docdata *d, const char *date, size_t nsent)
{
    passim_article a = {0};
    a.id = "dir/x.txt";
    a.title = "A title";
    memcpy(a.date, date, strlen(date) + 1);
    a.text = nsent ? TEXT : "";
    a.text_len = strlen(a.text);
    a.byline = "A. Writer";
    a.url = "";
    passim_sentences s = {nsent ? SENTS : NULL, nsent, nsent ? 8 : 0};
    char *buf = NULL;
    size_t len = 0;
    assert_int_equal(passim_docdata_encode(&buf, &len, &a, &s), PASSIM_OK);
    assert_int_equal(passim_docdata_decode(d, buf, len), PASSIM_OK);
}

static int setup(void **state)
{
    passim_analyzer *a = NULL;
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

static void expect_span(const passim_span *s, uint32_t start, uint32_t end)
{
    assert_int_equal(s->start, start);
    assert_int_equal(s->end, end);
}

static void expect_paragraphs(const passim_view *v)
{
    assert_int_equal(v->npara, 2);
    const passim_view_para *p0 = &v->para[0], *p1 = &v->para[1];
    /* White space collapsed inside and between sentences. */
    assert_string_equal(p0->text.text, "One two three. Four five");
    assert_int_equal(p0->text.len, strlen("One two three. Four five"));
    assert_int_equal(p0->first_sent, 0);
    assert_int_equal(p0->nsent, 2);
    expect_span(&p0->sent[0], 0, 14);
    expect_span(&p0->sent[1], 15, 24);
    /* A glued sentence gets one space. */
    assert_string_equal(p1->text.text, "Six. The end.");
    assert_int_equal(p1->first_sent, 2);
    assert_int_equal(p1->nsent, 2);
    expect_span(&p1->sent[0], 0, 4);
    expect_span(&p1->sent[1], 5, 13);
}

static void test_no_query(void **state)
{
    passim_analyzer *a = *state;
    passim_docdata d;
    make_doc(&d, "2025-11-03", 4);
    passim_view v;
    assert_int_equal(passim_view_build(&v, &d, a, NULL), PASSIM_OK);
    /* The view took what the document data owned. */
    assert_null(d.buf);
    assert_null(d.sents.v);
    assert_string_equal(v.doc.id, "dir/x.txt");
    assert_string_equal(v.doc.title, "A title");
    assert_string_equal(v.doc.date, "2025-11-03");
    assert_string_equal(v.doc.byline, "A. Writer");
    assert_string_equal(v.doc.url, "");
    expect_paragraphs(&v);
    assert_int_equal(v.para[0].text.nspans, 0);
    assert_int_equal(v.para[1].text.nspans, 0);
    passim_view_release(&v);
    assert_int_equal(v.npara, 0);
    assert_null(v.para);
    passim_view_release(NULL);
}

/* A sentence longer than a shown passage's bound (2,000 bytes) is shown
 * whole in the view: the view is the article, not a snippet. */
static void test_long_sentence_whole(void **state)
{
    passim_analyzer *a = *state;
    enum { N = 6000 };
    char *text = malloc(N + 1);
    assert_non_null(text);
    for (size_t i = 0; i < N; i += 5)
        memcpy(text + i, "word ", 5);
    text[N - 1] = '.';
    text[N] = '\0';
    passim_article art = {0};
    art.id = "long.txt";
    art.title = "Long";
    art.text = text;
    art.text_len = N;
    art.byline = "";
    art.url = "";
    passim_sentence one = {1, N / 5, 0, N, 1};
    passim_sentences ss = {&one, 1, 1};
    char *buf = NULL;
    size_t len = 0;
    passim_docdata d;
    assert_int_equal(passim_docdata_encode(&buf, &len, &art, &ss), PASSIM_OK);
    assert_int_equal(passim_docdata_decode(&d, buf, len), PASSIM_OK);
    passim_view v;
    assert_int_equal(passim_view_build(&v, &d, a, NULL), PASSIM_OK);
    assert_int_equal(v.npara, 1);
    assert_int_equal(v.para[0].text.len, N);
    assert_memory_equal(v.para[0].text.text, text, N);
    passim_view_release(&v);
    free(text);
}

static void test_highlights(void **state)
{
    passim_analyzer *a = *state;
    passim_docdata d;
    make_doc(&d, "", 4);
    const char *text = "Five END";
    passim_query *q = NULL;
    assert_int_equal(passim_query_parse(&q, a, text, strlen(text)), PASSIM_OK);
    passim_view v;
    assert_int_equal(passim_view_build(&v, &d, a, q), PASSIM_OK);
    expect_paragraphs(&v);
    assert_string_equal(v.doc.date, "");
    /* Spans are byte ranges of the paragraph text. */
    assert_int_equal(v.para[0].text.nspans, 1);
    expect_span(&v.para[0].text.spans[0], 20, 24);
    assert_memory_equal(v.para[0].text.text + 20, "five", 4);
    assert_int_equal(v.para[1].text.nspans, 1);
    expect_span(&v.para[1].text.spans[0], 9, 12);
    assert_memory_equal(v.para[1].text.text + 9, "end", 3);
    passim_view_release(&v);
    passim_query_free(q);

    /* Several words: each highlighted where it stands, in order, in the
     * paragraph that holds it. */
    make_doc(&d, "", 4);
    text = "one three six";
    assert_int_equal(passim_query_parse(&q, a, text, strlen(text)), PASSIM_OK);
    assert_int_equal(passim_view_build(&v, &d, a, q), PASSIM_OK);
    assert_int_equal(v.para[0].text.nspans, 2);
    expect_span(&v.para[0].text.spans[0], 0, 3);
    expect_span(&v.para[0].text.spans[1], 8, 13);
    assert_int_equal(v.para[1].text.nspans, 1);
    expect_span(&v.para[1].text.spans[0], 0, 3);
    passim_view_release(&v);
    passim_query_free(q);

    /* A query with no clause (only an exclusion) highlights nothing. */
    make_doc(&d, "", 4);
    text = "NOT five";
    assert_int_equal(passim_query_parse(&q, a, text, strlen(text)), PASSIM_OK);
    assert_int_equal(passim_view_build(&v, &d, a, q), PASSIM_OK);
    assert_int_equal(v.para[0].text.nspans + v.para[1].text.nspans, 0);
    passim_view_release(&v);
    passim_query_free(q);
}

/* An article without sentences has no paragraph. */
static void test_empty_article(void **state)
{
    passim_analyzer *a = *state;
    passim_docdata d;
    make_doc(&d, "", 0);
    passim_view v;
    assert_int_equal(passim_view_build(&v, &d, a, NULL), PASSIM_OK);
    assert_int_equal(v.npara, 0);
    assert_string_equal(v.doc.id, "dir/x.txt");
    passim_view_release(&v);
}

/* Each sentence's own paragraph when every sentence starts one. */
static void test_one_sentence_paragraphs(void **state)
{
    passim_analyzer *a = *state;
    passim_sentence saved[4];
    memcpy(saved, SENTS, sizeof saved);
    for (size_t i = 0; i < 4; i++)
        SENTS[i].para_start = 1;
    passim_docdata d;
    make_doc(&d, "", 4);
    memcpy(SENTS, saved, sizeof saved);
    passim_view v;
    assert_int_equal(passim_view_build(&v, &d, a, NULL), PASSIM_OK);
    assert_int_equal(v.npara, 4);
    static const char *want[] = {"One two three.", "Four five", "Six.", "The end."};
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(v.para[i].text.text, want[i]);
        assert_int_equal(v.para[i].first_sent, i);
        assert_int_equal(v.para[i].nsent, 1);
        expect_span(&v.para[i].sent[0], 0, (uint32_t)strlen(want[i]));
    }
    passim_view_release(&v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_query),
        cmocka_unit_test(test_highlights),
        cmocka_unit_test(test_long_sentence_whole),
        cmocka_unit_test(test_empty_article),
        cmocka_unit_test(test_one_sentence_paragraphs),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
