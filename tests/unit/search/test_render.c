/* Unit tests: text and JSON output of hand-made results and article views
 * (render.h), the JSON parsed back with jansson. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search/render.h"

/* Two passages of article "a/1", then one of "b/2". Static storage: the
 * renderer only reads. */
static passim_span t_spans0[] = {{0, 6}};          /* "Market" */
static passim_span p_spans0[] = {{4, 10}, {20, 24}}; /* "shares", "rose" */
static passim_span p_spans1[] = {{0, 9}};          /* "Investors" */
static char title0[] = "Market news";
static char text0[] = "The shares of banks rose.";
static char text1[] = "Investors cheered.";
static char title2[] = "Caf\xe9 prices";  /* a Latin-1 byte: not UTF-8 */
static char id2[] = "b/caf\xe9.txt";
static char text2[] = "Coffee\x01 went up \xff.";
static passim_span t_spans2[] = {{5, 11}};          /* "prices" */
static passim_span p_spans2[] = {{13, 15}, {17, 18}}; /* "up", "." */

static passim_results sample(passim_result *v)
{
    memset(v, 0, 3 * sizeof *v);
    v[0].id = "a/1";
    v[0].title = title0;
    v[0].title_spans = t_spans0;
    v[0].ntitle_spans = 1;
    memcpy(v[0].date, "2024-03-15", 11);
    v[0].byline = "Jane Doe";
    v[0].url = "https://example.org/a1";
    v[0].passage = 0;
    v[0].nsent = 1;
    v[0].article_rank = 1;
    v[0].score = 2.5;
    v[0].article_score = 7.25;
    v[0].snippet = (passim_snippet){text0, strlen(text0), p_spans0, 2};

    v[1] = v[0];
    v[1].passage = 1;
    v[1].score = 1.5;
    v[1].snippet = (passim_snippet){text1, strlen(text1), p_spans1, 1};

    v[2].id = id2;
    v[2].title = title2;
    v[2].date[0] = '\0';
    v[2].byline = "";
    v[2].url = "";
    v[2].passage = 4;
    v[2].nsent = 2;
    v[2].article_rank = 2;
    v[2].score = 0.5;
    v[2].article_score = 3;
    v[2].title_spans = t_spans2;
    v[2].ntitle_spans = 1;
    v[2].snippet = (passim_snippet){text2, strlen(text2), p_spans2, 2};

    passim_results r = {v, 3, 12, 40, NULL};
    return r;
}

typedef passim_status (*render_fn)(FILE *f, void *ctx);

static char *capture(render_fn fn, void *ctx)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(fn(f, ctx), PASSIM_OK);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(strlen(buf), len);
    return buf;
}

typedef struct call {
    const passim_results *r;
    const passim_search_opts *o;
    const char *query;
    int ansi;
    const passim_view *v;
} call;

static passim_status do_text(FILE *f, void *ctx)
{
    call *c = ctx;
    return passim_render_text(f, c->r, c->o, c->ansi);
}

static passim_status do_json(FILE *f, void *ctx)
{
    call *c = ctx;
    return passim_render_json(f, c->query, c->o, c->r);
}

static passim_status do_view_text(FILE *f, void *ctx)
{
    call *c = ctx;
    return passim_render_view_text(f, c->v, c->ansi);
}

static passim_status do_view_json(FILE *f, void *ctx)
{
    call *c = ctx;
    return passim_render_view_json(f, c->v, c->query);
}

static json_t *parse(const char *s)
{
    json_error_t err;
    size_t len = strlen(s);
    assert_true(len > 0 && s[len - 1] == '\n');
    assert_null(strchr(s, '\n') + 1 == s + len ? NULL : "more than one line");
    json_t *j = json_loads(s, JSON_REJECT_DUPLICATES, &err);
    if (!j)
        fail_msg("JSON does not parse: %s in %s", err.text, s);
    return j;
}

/* Keys appear in the raw output in the documented order. */
static void expect_key_order(const char *raw, const char *const *keys, size_t n)
{
    const char *at = raw;
    for (size_t i = 0; i < n; i++) {
        char k[64];
        snprintf(k, sizeof k, "\"%s\":", keys[i]);
        const char *p = strstr(at, k);
        if (!p)
            fail_msg("key %s missing or out of order in %s", keys[i], raw);
        at = p + strlen(k);
    }
}

static void expect_spans(json_t *arr, const passim_span *spans, size_t n)
{
    assert_true(json_is_array(arr));
    assert_int_equal(json_array_size(arr), n);
    for (size_t i = 0; i < n; i++) {
        json_t *pair = json_array_get(arr, i);
        assert_int_equal(json_array_size(pair), 2);
        assert_int_equal(json_integer_value(json_array_get(pair, 0)), spans[i].start);
        assert_int_equal(json_integer_value(json_array_get(pair, 1)), spans[i].end);
    }
}

static const char *str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_string(v))
        fail_msg("\"%s\" is not a string", key);
    return json_string_value(v);
}

static void test_json_results(void **state)
{
    (void)state;
    passim_result v[3];
    passim_results r = sample(v);
    passim_search_opts o = PASSIM_SEARCH_OPTS_DEFAULT;
    o.offset = 20;
    o.limit = 3;
    call c = {&r, &o, "market shares", 0, NULL};
    char *raw = capture(do_json, &c);
    json_t *j = parse(raw);

    static const char *const top[] = {"results", "query", "offset", "limit",
                                      "articles_matched", "passages_found", "suggestion"};
    expect_key_order(raw, top, 7);
    static const char *const res[] = {"id", "title", "title_highlights", "date", "byline",
                                      "url", "passage", "sentences", "score",
                                      "article_rank", "article_score", "text", "highlights"};
    expect_key_order(raw, res, 13);
    assert_int_equal(json_object_size(j), 7);
    assert_string_equal(str(j, "query"), "market shares");
    assert_int_equal(json_integer_value(json_object_get(j, "offset")), 20);
    assert_int_equal(json_integer_value(json_object_get(j, "limit")), 3);
    assert_int_equal(json_integer_value(json_object_get(j, "articles_matched")), 12);
    assert_int_equal(json_integer_value(json_object_get(j, "passages_found")), 40);
    assert_true(json_is_null(json_object_get(j, "suggestion")));

    json_t *arr = json_object_get(j, "results");
    assert_int_equal(json_array_size(arr), 3);
    json_t *a = json_array_get(arr, 0);
    assert_int_equal(json_object_size(a), 13);
    assert_string_equal(str(a, "id"), "a/1");
    assert_string_equal(str(a, "title"), "Market news");
    expect_spans(json_object_get(a, "title_highlights"), t_spans0, 1);
    assert_string_equal(str(a, "date"), "2024-03-15");
    assert_string_equal(str(a, "byline"), "Jane Doe");
    assert_string_equal(str(a, "url"), "https://example.org/a1");
    assert_int_equal(json_integer_value(json_object_get(a, "passage")), 0);
    assert_int_equal(json_integer_value(json_object_get(a, "sentences")), 1);
    assert_true(json_number_value(json_object_get(a, "score")) == 2.5);
    assert_int_equal(json_integer_value(json_object_get(a, "article_rank")), 1);
    assert_true(json_number_value(json_object_get(a, "article_score")) == 7.25);
    assert_string_equal(str(a, "text"), text0);
    expect_spans(json_object_get(a, "highlights"), p_spans0, 2);
    /* The highlights are byte ranges of "text". */
    assert_memory_equal(str(a, "text") + 4, "shares", 6);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(arr, 1), "passage")), 1);

    /* No date, byline or url: null; no highlights: []. Bytes that are not
     * UTF-8 are \xHH; a control character in the text is kept as \u0001
     * (JSON escapes it). */
    json_t *b = json_array_get(arr, 2);
    assert_true(json_is_null(json_object_get(b, "date")));
    assert_true(json_is_null(json_object_get(b, "byline")));
    assert_true(json_is_null(json_object_get(b, "url")));
    assert_string_equal(str(b, "id"), "b/caf\\xe9.txt");
    assert_string_equal(str(b, "title"), "Caf\\xe9 prices");
    assert_string_equal(str(b, "text"), "Coffee\x01 went up \\xff.");
    /* Highlights are byte ranges of the strings as written: past an
     * escaped byte they move by the escape's three extra bytes. */
    static const passim_span want_title[] = {{8, 14}};
    static const passim_span want_text[] = {{13, 15}, {20, 21}};
    expect_spans(json_object_get(b, "title_highlights"), want_title, 1);
    assert_memory_equal(str(b, "title") + 8, "prices", 6);
    expect_spans(json_object_get(b, "highlights"), want_text, 2);
    assert_memory_equal(str(b, "text") + 20, ".", 1);
    json_decref(j);
    free(raw);

    /* A suggestion, and no query. */
    char sugg[] = "market shares";
    r.suggestion = sugg;
    c.query = NULL;
    raw = capture(do_json, &c);
    j = parse(raw);
    assert_string_equal(str(j, "suggestion"), "market shares");
    assert_true(json_is_null(json_object_get(j, "query")));
    json_decref(j);
    free(raw);
}

static void test_json_empty(void **state)
{
    (void)state;
    passim_results r = {NULL, 0, 0, 0, NULL};
    passim_search_opts o = PASSIM_SEARCH_OPTS_DEFAULT;
    call c = {&r, &o, "zzz", 0, NULL};
    char *raw = capture(do_json, &c);
    json_t *j = parse(raw);
    assert_int_equal(json_array_size(json_object_get(j, "results")), 0);
    assert_int_equal(json_integer_value(json_object_get(j, "limit")), 10);
    json_decref(j);
    free(raw);
}

/* By article: each article once, its passages nested in order. */
static void test_json_by_article(void **state)
{
    (void)state;
    passim_result v[3];
    passim_results r = sample(v);
    passim_search_opts o = PASSIM_SEARCH_OPTS_DEFAULT;
    o.by_article = 1;
    o.limit = 2;
    call c = {&r, &o, "market", 0, NULL};
    char *raw = capture(do_json, &c);
    json_t *j = parse(raw);
    static const char *const top[] = {"articles", "query", "offset", "limit",
                                      "articles_matched", "passages_found", "suggestion"};
    expect_key_order(raw, top, 7);
    static const char *const art[] = {"id", "title", "title_highlights", "date", "byline",
                                      "url", "article_rank", "article_score", "passages",
                                      "passage", "sentences", "score", "text", "highlights"};
    expect_key_order(raw, art, 14);
    assert_null(json_object_get(j, "results"));
    json_t *arts = json_object_get(j, "articles");
    assert_int_equal(json_array_size(arts), 2);

    json_t *a = json_array_get(arts, 0);
    assert_string_equal(str(a, "id"), "a/1");
    expect_spans(json_object_get(a, "title_highlights"), t_spans0, 1);
    assert_int_equal(json_integer_value(json_object_get(a, "article_rank")), 1);
    assert_null(json_object_get(a, "text"));
    json_t *ps = json_object_get(a, "passages");
    assert_int_equal(json_array_size(ps), 2);
    json_t *p0 = json_array_get(ps, 0), *p1 = json_array_get(ps, 1);
    assert_int_equal(json_object_size(p0), 5);
    assert_int_equal(json_integer_value(json_object_get(p0, "passage")), 0);
    assert_string_equal(str(p0, "text"), text0);
    expect_spans(json_object_get(p0, "highlights"), p_spans0, 2);
    assert_int_equal(json_integer_value(json_object_get(p1, "passage")), 1);
    assert_true(json_number_value(json_object_get(p1, "score")) == 1.5);
    expect_spans(json_object_get(p1, "highlights"), p_spans1, 1);

    json_t *b = json_array_get(arts, 1);
    assert_string_equal(str(b, "id"), "b/caf\\xe9.txt");
    assert_true(json_is_null(json_object_get(b, "date")));
    assert_int_equal(json_array_size(json_object_get(b, "passages")), 1);
    json_decref(j);
    free(raw);
}

static void test_text_results(void **state)
{
    (void)state;
    passim_result v[3];
    passim_results r = sample(v);
    call c = {&r, NULL, NULL, 0, NULL};
    char *out = capture(do_text, &c);
    assert_string_equal(out,
        "1. [[Market]] news\n"
        "   a/1 · 2024-03-15 · Jane Doe · passage 0 · score 2.500\n"
        "   The [[shares]] of banks [[rose]].\n\n"
        "2. [[Market]] news\n"
        "   a/1 · 2024-03-15 · Jane Doe · passage 1 · score 1.500\n"
        "   [[Investors]] cheered.\n\n"
        "3. Caf\\xe9 [[prices]]\n"
        "   b/caf\\xe9.txt · passage 4 · score 0.500\n"
        "   Coffee\xef\xbf\xbd went [[up]] \\xff[[.]]\n\n");
    free(out);

    /* ANSI bold, and a suggestion first. */
    char sugg[] = "markets \x1b[2J";
    r.suggestion = sugg;
    r.n = 1;
    c.ansi = 1;
    out = capture(do_text, &c);
    assert_string_equal(out,
        "Did you mean: markets \xef\xbf\xbd[2J\n\n"
        "1. \033[1mMarket\033[0m news\n"
        "   a/1 · 2024-03-15 · Jane Doe · passage 0 · score 2.500\n"
        "   The \033[1mshares\033[0m of banks \033[1mrose\033[0m.\n\n");
    free(out);
}

static void test_text_by_article(void **state)
{
    (void)state;
    passim_result v[3];
    passim_results r = sample(v);
    passim_search_opts o = PASSIM_SEARCH_OPTS_DEFAULT;
    o.by_article = 1;
    o.offset = 5;
    call c = {&r, &o, NULL, 0, NULL};
    char *out = capture(do_text, &c);
    assert_string_equal(out,
        "6. [[Market]] news\n"
        "   a/1 · 2024-03-15 · Jane Doe · article score 7.250\n"
        "   passage 0 · score 2.500\n"
        "   The [[shares]] of banks [[rose]].\n\n"
        "   passage 1 · score 1.500\n"
        "   [[Investors]] cheered.\n\n"
        "7. Caf\\xe9 [[prices]]\n"
        "   b/caf\\xe9.txt · article score 3.000\n"
        "   passage 4 · score 0.500\n"
        "   Coffee\xef\xbf\xbd went [[up]] \\xff[[.]]\n\n");
    free(out);
}

static passim_status do_no_results(FILE *f, void *ctx)
{
    return passim_render_no_results(f, ctx);
}

static void test_no_results(void **state)
{
    (void)state;
    char *out = capture(do_no_results, "caf\xe9 \x1b[31m");
    assert_string_equal(out, "No results for: caf\\xe9 \xef\xbf\xbd[31m\n");
    free(out);
}

/* A write error is PASSIM_EIO. */
static void test_write_error(void **state)
{
    (void)state;
    passim_result v[3];
    passim_results r = sample(v);
    passim_search_opts o = PASSIM_SEARCH_OPTS_DEFAULT;
    FILE *f = fopen("/dev/full", "w");
    assert_non_null(f);
    setvbuf(f, NULL, _IONBF, 0);
    assert_int_equal(passim_render_text(f, &r, &o, 0), PASSIM_EIO);
    clearerr(f);
    assert_int_equal(passim_render_json(f, "q", &o, &r), PASSIM_EIO);
    fclose(f);
}

/* A view made by hand: two paragraphs, a highlight in the first. */
static void test_view(void **state)
{
    (void)state;
    static char p0[] = "One two three. Four five";
    static char p1[] = "Six.";
    static passim_span hl0[] = {{20, 24}};
    static passim_span s0[] = {{0, 14}, {15, 24}};
    static passim_span s1[] = {{0, 4}};
    passim_view_para para[2] = {
        {0, 2, {p0, strlen(p0), hl0, 1}, s0},
        {2, 1, {p1, strlen(p1), NULL, 0}, s1},
    };
    passim_view v = {{0}, para, 2};
    v.doc.id = "dir/x.txt";
    v.doc.title = "A title";
    v.doc.date = "2025-11-03";
    v.doc.byline = "";
    v.doc.url = "https://example.org/x";
    v.doc.text = "";

    call c = {NULL, NULL, "five", 0, &v};
    char *out = capture(do_view_text, &c);
    assert_string_equal(out,
        "A title\n"
        "dir/x.txt · 2025-11-03\n"
        "https://example.org/x\n"
        "\nOne two three. Four [[five]]\n"
        "\nSix.\n");
    free(out);

    char *raw = capture(do_view_json, &c);
    json_t *j = parse(raw);
    static const char *const keys[] = {"id", "title", "date", "byline", "url", "query",
                                       "paragraphs", "sentence", "text", "highlights"};
    expect_key_order(raw, keys, 10);
    assert_string_equal(str(j, "id"), "dir/x.txt");
    assert_string_equal(str(j, "date"), "2025-11-03");
    assert_true(json_is_null(json_object_get(j, "byline")));
    assert_string_equal(str(j, "url"), "https://example.org/x");
    assert_string_equal(str(j, "query"), "five");
    json_t *ps = json_object_get(j, "paragraphs");
    assert_int_equal(json_array_size(ps), 2);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(ps, 0), "sentence")), 0);
    assert_string_equal(str(json_array_get(ps, 0), "text"), p0);
    expect_spans(json_object_get(json_array_get(ps, 0), "highlights"), hl0, 1);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(ps, 1), "sentence")), 2);
    expect_spans(json_object_get(json_array_get(ps, 1), "highlights"), NULL, 0);
    json_decref(j);
    free(raw);

    /* No query: null; no date, no url; a Latin-1 id escaped. */
    v.doc.date = "";
    v.doc.url = "";
    v.doc.byline = "A. Writer";
    v.doc.id = "caf\xe9";
    c.query = NULL;
    c.ansi = 1;
    out = capture(do_view_text, &c);
    assert_string_equal(out,
        "\033[1mA title\033[0m\n"
        "caf\\xe9 · A. Writer\n"
        "\nOne two three. Four \033[1mfive\033[0m\n"
        "\nSix.\n");
    free(out);
    raw = capture(do_view_json, &c);
    j = parse(raw);
    assert_true(json_is_null(json_object_get(j, "query")));
    assert_true(json_is_null(json_object_get(j, "date")));
    assert_true(json_is_null(json_object_get(j, "url")));
    assert_string_equal(str(j, "byline"), "A. Writer");
    assert_string_equal(str(j, "id"), "caf\\xe9");
    json_decref(j);
    free(raw);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_results),
        cmocka_unit_test(test_json_empty),
        cmocka_unit_test(test_json_by_article),
        cmocka_unit_test(test_text_results),
        cmocka_unit_test(test_text_by_article),
        cmocka_unit_test(test_no_results),
        cmocka_unit_test(test_write_error),
        cmocka_unit_test(test_view),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
