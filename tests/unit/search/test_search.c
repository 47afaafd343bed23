/* Unit tests: the search pipeline over an index handle (search.h):
 * passages, article rankings, the match alone and one article by its id,
 * with the statuses search.h lists; and a long-lived reader that follows
 * a rebuild to the new generation while the old one stays on disk until
 * it lets go. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../fixture.h"
#include "index/docdata.h"
#include "index/index.h"
#include "search/search.h"

typedef struct fx {
    char dir[256];
    char corpus[300];
    char index[300];
    passim_analyzer *a;
    passim_index *ix;
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    if (!f || fixture_mkdtemp(f->dir, sizeof f->dir) != 0 ||
        passim_analyzer_new(&f->a, NULL) != PASSIM_OK)
        return -1;
    snprintf(f->corpus, sizeof f->corpus, "%s/corpus", f->dir);
    snprintf(f->index, sizeof f->index, "%s/index", f->dir);
    mkdir(f->corpus, 0755);
    if (fixture_write(f->corpus, "a.txt",
                      "Harbour news\n\nThe harbour of Da Nang opened on Monday.\n\n"
                      "Ships came in from the sea.\n") ||
        fixture_write(f->corpus, "b.txt", "Rice prices\n\nRice prices rose in May.\n") ||
        fixture_indexer("--index '%s' '%s'", f->index, f->corpus) != 0 ||
        passim_index_open(&f->ix, f->index, f->a) != PASSIM_OK)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    passim_index_close(f->ix);
    passim_analyzer_free(f->a);
    fixture_rmtree(f->dir);
    free(f);
    return 0;
}

/* The ids of a search's results, space-separated, into buf. */
static passim_status search_ids(fx *f, const char *query, char *buf, size_t size)
{
    passim_results res;
    passim_search_opts o = PASSIM_SEARCH_OPTS_DEFAULT;
    passim_status st = passim_search_run(&res, f->ix, f->a, query, strlen(query), &o);
    buf[0] = '\0';
    for (size_t i = 0; st == PASSIM_OK && i < res.n; i++)
        snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", i ? " " : "", res.v[i].id);
    passim_results_release(&res);
    return st;
}

static void test_run(void **state)
{
    fx *f = *state;
    passim_results res;
    passim_search_opts o = PASSIM_SEARCH_OPTS_DEFAULT;
    assert_int_equal(passim_search_run(&res, f->ix, f->a, "harbour", 7, &o), PASSIM_OK);
    assert_int_equal(res.n, 1);
    assert_string_equal(res.v[0].id, "a.txt");
    assert_string_equal(res.v[0].title, "Harbour news");
    assert_int_equal(res.articles_matched, 1);
    assert_non_null(strstr(res.v[0].snippet.text, "harbour of Da Nang"));
    passim_results_release(&res);
    passim_results_release(NULL);
}

static void test_run_nothing(void **state)
{
    fx *f = *state;
    char ids[256];
    assert_int_equal(search_ids(f, "zeppelin", ids, sizeof ids), PASSIM_OK);
    assert_string_equal(ids, "");
    assert_int_equal(search_ids(f, "", ids, sizeof ids), PASSIM_OK);
    assert_string_equal(ids, "");
    /* The index's stopwords are dropped: "the" adds nothing. */
    assert_int_equal(search_ids(f, "the rice", ids, sizeof ids), PASSIM_OK);
    assert_string_equal(ids, "b.txt");
}

static void test_run_errors(void **state)
{
    fx *f = *state;
    passim_results res;
    passim_search_opts o = PASSIM_SEARCH_OPTS_DEFAULT;
    assert_int_equal(passim_search_run(&res, f->ix, f->a, "date:yesterday", 14, &o),
                     PASSIM_EQUERY);
    assert_int_equal(res.n, 0);
    o.limit = PASSIM_MAX_LIMIT + 1;
    assert_int_equal(passim_search_run(&res, f->ix, f->a, "rice", 4, &o), PASSIM_EINVAL);
    o = PASSIM_SEARCH_OPTS_DEFAULT;
    o.per_article = 0;
    assert_int_equal(passim_search_run(&res, f->ix, f->a, "rice", 4, &o), PASSIM_EINVAL);
    o = PASSIM_SEARCH_OPTS_DEFAULT;
    o.rank.weighting = "no-such-scheme";
    assert_int_equal(passim_search_run(&res, f->ix, f->a, "rice", 4, &o), PASSIM_EINVAL);
    assert_null(res.v);
}

static void test_articles_and_match(void **state)
{
    fx *f = *state;
    passim_query *q = NULL;
    passim_ranking rk;
    passim_rank_opts r = PASSIM_RANK_OPTS_DEFAULT;
    uint32_t n = 99;
    assert_int_equal(passim_query_parse(&q, f->a, "rice OR harbour", 15), PASSIM_OK);
    assert_int_equal(passim_search_articles(&rk, f->ix, q, &r, 10), PASSIM_OK);
    assert_int_equal(rk.n, 2);
    assert_true(rk.v[0].score >= rk.v[1].score);
    passim_ranking_release(&rk);
    assert_int_equal(passim_search_articles(&rk, f->ix, q, &r, 1), PASSIM_OK);
    assert_int_equal(rk.n, 1);
    passim_ranking_release(&rk);
    assert_int_equal(passim_search_match(&n, f->ix, q, &r, 10), PASSIM_OK);
    assert_int_equal(n, 2);
    r.weighting = "no-such-scheme";
    assert_int_equal(passim_search_articles(&rk, f->ix, q, &r, 10), PASSIM_EINVAL);
    assert_int_equal(rk.n, 0);
    assert_int_equal(passim_search_match(&n, f->ix, q, &r, 10), PASSIM_EINVAL);
    passim_query_free(q);
    passim_ranking_release(NULL);
}

static void test_article(void **state)
{
    fx *f = *state;
    passim_docdata d;
    assert_int_equal(passim_search_article(&d, f->ix, "b.txt", 5), PASSIM_OK);
    assert_string_equal(d.id, "b.txt");
    assert_string_equal(d.title, "Rice prices");
    passim_docdata_release(&d);
    assert_int_equal(passim_search_article(&d, f->ix, "c.txt", 5), PASSIM_ENOTFOUND);
    assert_int_equal(passim_search_article(&d, f->ix, "", 0), PASSIM_ENOTFOUND);
    assert_int_equal(passim_search_article(&d, f->ix, "a\\x41.txt", 9), PASSIM_ENOTFOUND);
}

/* A failing call, then a succeeding one: no detail is left behind; nor
 * by an id found only once its escapes are undone (the first lookup's
 * "not found" was handled, not returned). */
static void test_detail_cleared(void **state)
{
    fx *f = *state;
    passim_results res;
    passim_search_opts o = PASSIM_SEARCH_OPTS_DEFAULT;
    passim_query *q = NULL;
    passim_ranking rk;
    passim_rank_opts r = PASSIM_RANK_OPTS_DEFAULT;
    passim_docdata d;
    uint32_t n = 0;
    assert_int_equal(passim_search_run(&res, f->ix, f->a, "date:yesterday", 14, &o),
                     PASSIM_EQUERY);
    assert_string_not_equal(passim_error_msg(), "");
    assert_int_equal(passim_search_run(&res, f->ix, f->a, "rice", 4, &o), PASSIM_OK);
    assert_string_equal(passim_error_msg(), "");
    passim_results_release(&res);

    assert_int_equal(passim_query_parse(&q, f->a, "rice", 4), PASSIM_OK);
    passim_error_set(PASSIM_EIO, "earlier");
    assert_int_equal(passim_search_articles(&rk, f->ix, q, &r, 10), PASSIM_OK);
    assert_string_equal(passim_error_msg(), "");
    passim_ranking_release(&rk);
    passim_error_set(PASSIM_EIO, "earlier");
    assert_int_equal(passim_search_match(&n, f->ix, q, &r, 10), PASSIM_OK);
    assert_string_equal(passim_error_msg(), "");
    passim_query_free(q);

    assert_int_equal(passim_search_article(&d, f->ix, "c.txt", 5), PASSIM_ENOTFOUND);
    assert_string_not_equal(passim_error_msg(), "");
    assert_int_equal(passim_search_article(&d, f->ix, "b\\x2etxt", 8), PASSIM_OK);
    assert_string_equal(d.id, "b.txt");
    assert_string_equal(passim_error_msg(), "");
    passim_docdata_release(&d);
}

/* A long-lived reader (a server, say): it searches, the index is rebuilt
 * into a new generation under it, it goes on seeing the generation it
 * holds (which the writers leave on disk) until refresh moves it to the
 * new one; the next writer run then removes the old generation. */
static void test_long_lived_reader(void **state)
{
    fx *f = *state;
    char ids[256], gen1[400];
    snprintf(gen1, sizeof gen1, "%s/gen-1", f->index);
    assert_int_equal(search_ids(f, "harbour", ids, sizeof ids), PASSIM_OK);
    assert_string_equal(ids, "a.txt");

    fixture_write(f->corpus, "a.txt", "Lighthouse news\n\nThe lighthouse of Hoi An was lit.\n");
    assert_int_equal(fixture_indexer("--index '%s' --rebuild '%s'", f->index, f->corpus), 0);
    assert_int_equal(fixture_indexer("--index '%s' '%s'", f->index, f->corpus), 0);
    assert_true(fixture_exists(gen1)); /* held: not removed */
    assert_int_equal(search_ids(f, "harbour", ids, sizeof ids), PASSIM_OK);
    assert_string_equal(ids, "a.txt"); /* still the generation it holds */
    assert_int_equal(search_ids(f, "lighthouse", ids, sizeof ids), PASSIM_OK);
    assert_string_equal(ids, "");

    assert_int_equal(passim_index_refresh(f->ix), PASSIM_OK);
    assert_int_equal(passim_index_generation(f->ix), 2);
    assert_int_equal(search_ids(f, "lighthouse", ids, sizeof ids), PASSIM_OK);
    assert_string_equal(ids, "a.txt");
    assert_int_equal(search_ids(f, "harbour", ids, sizeof ids), PASSIM_OK);
    assert_string_equal(ids, "");
    assert_true(fixture_exists(gen1)); /* no writer has run since */
    assert_int_equal(fixture_indexer("--index '%s' '%s'", f->index, f->corpus), 0);
    assert_false(fixture_exists(gen1)); /* let go: removed */
    assert_int_equal(search_ids(f, "lighthouse", ids, sizeof ids), PASSIM_OK);
    assert_string_equal(ids, "a.txt");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_run, setup, teardown),
        cmocka_unit_test_setup_teardown(test_run_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_run_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_articles_and_match, setup, teardown),
        cmocka_unit_test_setup_teardown(test_article, setup, teardown),
        cmocka_unit_test_setup_teardown(test_detail_cleared, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_lived_reader, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
