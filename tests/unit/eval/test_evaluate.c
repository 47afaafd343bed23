/* Unit tests: passim-eval's metrics (MAP, P@10, nDCG@10, R@1000) against
 * values worked out by hand, its ordering and duplicate rules, and its
 * answers to malformed input (file:line, never a crash). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval/evaluate.h"

/* Doubles equal to 1e-12: the expected values are exact expressions. */
#define assert_near(a, b)                                                      \
    do {                                                                       \
        double a_ = (a), b_ = (b);                                             \
        if (fabs(a_ - b_) > 1e-12)                                             \
            fail_msg("%s = %.15g, expected %.15g", #a, a_, b_);                \
    } while (0)

typedef struct warnings {
    int count;
    char last[512];
} warnings;

static void collect_warning(void *ctx, const char *msg)
{
    warnings *w = ctx;
    w->count++;
    snprintf(w->last, sizeof w->last, "%s", msg);
}

/* Parse qrels text; returns the status (and *out on success). */
static passim_status qrels_from(passim_qrels **out, const char *text)
{
    FILE *f = fmemopen((void *)text, strlen(text), "r");
    assert_non_null(f);
    passim_status st = passim_qrels_read(out, f, "q.txt");
    fclose(f);
    return st;
}

/* Parse run text of `len` bytes (it may hold NUL bytes). */
static passim_status run_from_n(passim_run **out, const char *text, size_t len,
                                warnings *w)
{
    FILE *f = fmemopen((void *)text, len, "r");
    assert_non_null(f);
    passim_status st = passim_run_read(out, f, "r.txt", w ? collect_warning : NULL, w);
    fclose(f);
    return st;
}

/* Parse run text (NUL-terminated). */
static passim_status run_from(passim_run **out, const char *text, warnings *w)
{
    return run_from_n(out, text, strlen(text), w);
}

/* Evaluate run text against qrels text; both must parse. */
static passim_status evaluate(passim_eval_result *res, const char *qrels_text,
                              const char *run_text, int run_queries_only)
{
    passim_qrels *q = NULL;
    passim_run *r = NULL;
    passim_eval_opts o = PASSIM_EVAL_OPTS_DEFAULT;
    o.run_queries_only = run_queries_only;
    assert_int_equal(qrels_from(&q, qrels_text), PASSIM_OK);
    assert_int_equal(run_from(&r, run_text, NULL), PASSIM_OK);
    passim_status st = passim_eval_compute(res, q, r, &o);
    passim_run_free(r);
    passim_qrels_free(q);
    return st;
}

/* Every relevant document first, in any order of the rank column:
 * AP = (1/1 + 2/2 + 3/3) / 3 = 1; P@10 = 3 relevant / 10 = 0.3;
 * nDCG@10 = 1 (the ranking is the ideal one); R@1000 = 3/3 = 1.
 * The judged non-relevant d9 is retrieved last and changes nothing. */
static void test_perfect_run(void **state)
{
    (void)state;
    passim_eval_result res = {0};
    assert_int_equal(evaluate(&res,
                              "1 0 d1 1\n1 0 d2 1\n1 0 d3 1\n1 0 d9 0\n",
                              "1 Q0 d3 9 1.0 t\n1 Q0 d1 3 3.0 t\n"
                              "1 Q0 d2 1 2.0 t\n1 Q0 d9 2 0.5 t\n", 0),
                     PASSIM_OK);
    assert_int_equal(res.n, 1);
    assert_string_equal(res.q[0].qid, "1");
    assert_int_equal(res.q[0].num_rel, 3);
    assert_int_equal(res.q[0].num_ret, 4);
    assert_int_equal(res.q[0].num_rel_ret, 3);
    assert_near(res.map, 1.0);
    assert_near(res.p10, 3.0 / 10);
    assert_near(res.ndcg10, 1.0);
    assert_near(res.recall1000, 1.0);
    passim_eval_result_release(&res);
}

/* Only unjudged (d7, d8) and judged non-relevant (d9, rel 0; d6, rel -1)
 * documents retrieved: every metric is 0, yet the query counts. */
static void test_no_relevant_retrieved(void **state)
{
    (void)state;
    passim_eval_result res = {0};
    assert_int_equal(evaluate(&res,
                              "1 0 d1 1\n1 0 d2 2\n1 0 d9 0\n1 0 d6 -1\n",
                              "1 Q0 d7 1 4 t\n1 Q0 d8 2 3 t\n1 Q0 d9 3 2 t\n"
                              "1 Q0 d6 4 1 t\n", 0),
                     PASSIM_OK);
    assert_int_equal(res.n, 1);
    assert_int_equal(res.q[0].num_ret, 4);
    assert_int_equal(res.q[0].num_rel_ret, 0);
    assert_near(res.map, 0.0);
    assert_near(res.p10, 0.0);
    assert_near(res.ndcg10, 0.0);
    assert_near(res.recall1000, 0.0);
    passim_eval_result_release(&res);
}

/* Query 2 is judged but absent from the run; query 1 is answered
 * perfectly (AP 1, P@10 1/10, nDCG 1, R 1); query 3 is in the run but not
 * judged; query 4 has judgments but none relevant.
 * Default (trec_eval -c): queries 1 and 2 count, 2 scoring 0:
 *   MAP = (1 + 0)/2 = 0.5, P@10 = (0.1 + 0)/2 = 0.05, nDCG = 0.5, R = 0.5.
 * run_queries_only (trec_eval's default): query 1 alone:
 *   MAP = 1, P@10 = 0.1, nDCG = 1, R = 1.
 * Either way query 3 is ignored (counted) and query 4 is not evaluated. */
static void test_query_missing_from_run(void **state)
{
    (void)state;
    const char *qrels = "1 0 a 1\n2 0 b 1\n2 0 c 1\n4 0 z 0\n";
    const char *run = "1 Q0 a 1 1 t\n3 Q0 x 1 1 t\n4 Q0 z 1 1 t\n";
    passim_eval_result res = {0};

    assert_int_equal(evaluate(&res, qrels, run, 0), PASSIM_OK);
    assert_int_equal(res.n, 2);
    assert_int_equal(res.missing, 1);
    assert_int_equal(res.ignored, 2);
    assert_string_equal(res.q[1].qid, "2");
    assert_int_equal(res.q[1].in_run, 0);
    assert_int_equal(res.q[1].num_rel, 2);
    assert_near(res.q[1].ap, 0.0);
    assert_near(res.map, (1.0 + 0.0) / 2);
    assert_near(res.p10, (1.0 / 10 + 0.0) / 2);
    assert_near(res.ndcg10, (1.0 + 0.0) / 2);
    assert_near(res.recall1000, (1.0 + 0.0) / 2);
    passim_eval_result_release(&res);

    assert_int_equal(evaluate(&res, qrels, run, 1), PASSIM_OK);
    assert_int_equal(res.n, 1);
    assert_int_equal(res.missing, 0);
    assert_int_equal(res.ignored, 2);
    assert_near(res.map, 1.0);
    assert_near(res.p10, 1.0 / 10);
    assert_near(res.ndcg10, 1.0);
    assert_near(res.recall1000, 1.0);
    passim_eval_result_release(&res);
}

/* Graded judgments a=3, b=2, c=1, d=0, ranked c, d, a, b.
 * DCG@10  = 1/log2(2) + 0/log2(3) + 3/log2(4) + 2/log2(5)   (linear gain)
 * IDCG@10 = 3/log2(2) + 2/log2(3) + 1/log2(4)               (a, b, c)
 * nDCG@10 = DCG / IDCG ≈ 0.70589.
 * AP: relevant at ranks 1, 3, 4 (any rel > 0): (1/1 + 2/3 + 3/4) / 3.
 * P@10 = 3/10; R@1000 = 3/3. */
static void test_graded_ndcg(void **state)
{
    (void)state;
    passim_eval_result res = {0};
    assert_int_equal(evaluate(&res,
                              "7 0 a 3\n7 0 b 2\n7 0 c 1\n7 0 d 0\n",
                              "7 Q0 c 1 0.9 t\n7 Q0 d 2 0.8 t\n"
                              "7 Q0 a 3 0.7 t\n7 Q0 b 4 0.6 t\n", 0),
                     PASSIM_OK);
    double dcg = 1 / log2(2) + 0 / log2(3) + 3 / log2(4) + 2 / log2(5);
    double idcg = 3 / log2(2) + 2 / log2(3) + 1 / log2(4);
    assert_near(res.ndcg10, dcg / idcg);
    assert_near(res.map, (1.0 / 1 + 2.0 / 3 + 3.0 / 4) / 3);
    assert_near(res.p10, 3.0 / 10);
    assert_near(res.recall1000, 1.0);
    passim_eval_result_release(&res);
}

/* The ideal DCG takes the 10 largest gains of all judged documents, even
 * unretrieved ones: "a-top" judged 5, h0..h9 judged 2, l0..l2 judged 1
 * (R = 14); the run finds only a-top, at rank 1.
 * DCG = 5/log2(2); IDCG = 5 + sum over ranks 2..10 of 2/log2(rank + 1)
 * (the gains 1 are past rank 10 and must not displace a 2).
 * AP = (1/1)/14; R@1000 = 1/14. */
static void test_ideal_dcg_cut_at_10(void **state)
{
    (void)state;
    char qrels[512] = "q 0 a-top 5\n";
    for (int i = 0; i < 10; i++) {
        char line[32];
        snprintf(line, sizeof line, "q 0 h%d 2\n", i);
        strcat(qrels, line);
    }
    strcat(qrels, "q 0 l0 1\nq 0 l1 1\nq 0 l2 1\n");
    passim_eval_result res = {0};
    assert_int_equal(evaluate(&res, qrels, "q Q0 a-top 1 1 t\n", 0), PASSIM_OK);
    double idcg = 5;
    for (int rank = 2; rank <= 10; rank++)
        idcg += 2 / log2(rank + 1.0);
    assert_int_equal(res.q[0].num_rel, 14);
    assert_near(res.ndcg10, 5 / idcg);
    assert_near(res.map, (1.0 / 1) / 14);
    assert_near(res.recall1000, 1.0 / 14);
    passim_eval_result_release(&res);
}

/* P@10 divides by 10 whatever was retrieved. Four retrieved, relevant at
 * ranks 1 and 3 of R = 5: P@10 = 2/10 (not 2/4); AP = (1/1 + 2/3) / 5.
 * Twelve retrieved, relevant at ranks 2 and 11 of R = 2: P@10 = 1/10,
 * AP = (1/2 + 2/11) / 2, R@1000 = 1, nDCG = (1/log2(3)) / (1 + 1/log2(3)). */
static void test_p10_short_and_long_runs(void **state)
{
    (void)state;
    passim_eval_result res = {0};
    assert_int_equal(evaluate(&res,
                              "s 0 r1 1\ns 0 r2 1\ns 0 r3 1\ns 0 r4 1\ns 0 r5 1\n",
                              "s Q0 r1 1 4 t\ns Q0 n1 2 3 t\ns Q0 r2 3 2 t\n"
                              "s Q0 n2 4 1 t\n", 0),
                     PASSIM_OK);
    assert_near(res.p10, 2.0 / 10);
    assert_near(res.map, (1.0 / 1 + 2.0 / 3) / 5);
    assert_near(res.recall1000, 2.0 / 5);
    passim_eval_result_release(&res);

    char run[1024] = "";
    for (int rank = 1; rank <= 12; rank++) {
        char line[64];
        const char *doc = rank == 2 ? "ra" : rank == 11 ? "rb" : NULL;
        char filler[16];
        snprintf(filler, sizeof filler, "n%02d", rank);
        snprintf(line, sizeof line, "l Q0 %s %d %d t\n", doc ? doc : filler, rank,
                 100 - rank);
        strcat(run, line);
    }
    assert_int_equal(evaluate(&res, "l 0 ra 1\nl 0 rb 1\n", run, 0), PASSIM_OK);
    assert_int_equal(res.q[0].num_ret, 12);
    assert_near(res.p10, 1.0 / 10);
    assert_near(res.map, (1.0 / 2 + 2.0 / 11) / 2);
    assert_near(res.recall1000, 1.0);
    assert_near(res.ndcg10, (1 / log2(3)) / (1 + 1 / log2(3)));
    passim_eval_result_release(&res);
}

/* Equal scores are ordered by docid descending (byte order), as trec_eval
 * does; the rank column and the file order play no part.
 * "b" > "a": b first, the relevant a second: AP = 1/2, nDCG = 1/log2(3).
 * "9" > "10" in byte order: 9 first, the relevant 10 second: AP = 1/2.
 * A higher score still wins over the docid: "a" at 2.0 comes first: AP 1. */
static void test_ties_by_docid_descending(void **state)
{
    (void)state;
    passim_eval_result res = {0};
    const char *orders[] = {"t Q0 a 1 1.0 x\nt Q0 b 2 1.0 x\n",
                            "t Q0 b 2 1.0 x\nt Q0 a 1 1.0 x\n",
                            "t Q0 a 2 1 x\nt Q0 b 1 1.00 x\n"};
    for (size_t i = 0; i < sizeof orders / sizeof *orders; i++) {
        assert_int_equal(evaluate(&res, "t 0 a 1\n", orders[i], 0), PASSIM_OK);
        assert_near(res.map, 1.0 / 2);
        assert_near(res.ndcg10, 1 / log2(3));
        passim_eval_result_release(&res);
    }
    assert_int_equal(evaluate(&res, "t 0 10 1\n", "t Q0 10 1 5 x\nt Q0 9 2 5 x\n", 0),
                     PASSIM_OK);
    assert_near(res.map, 1.0 / 2);
    passim_eval_result_release(&res);
    assert_int_equal(evaluate(&res, "t 0 a 1\n", "t Q0 b 1 1.0 x\nt Q0 a 2 2.0 x\n", 0),
                     PASSIM_OK);
    assert_near(res.map, 1.0);
    passim_eval_result_release(&res);
}

/* A document listed twice for a query counts at its first line only: d1 at
 * 0.5 (line 1) is kept, d1 at 3.0 (line 3) dropped with a warning, so d2
 * (0.9) ranks first and the relevant d1 second: AP = 1/2 (it would be 1 if
 * the later line counted). The same docid under another query is no
 * duplicate. */
static void test_duplicates_first_line_counts(void **state)
{
    (void)state;
    passim_qrels *q = NULL;
    passim_run *r = NULL;
    passim_eval_result res = {0};
    warnings w = {0};
    assert_int_equal(qrels_from(&q, "1 0 d1 1\n2 0 d1 1\n"), PASSIM_OK);
    assert_int_equal(run_from(&r,
                              "1 Q0 d1 1 0.5 t\n1 Q0 d2 2 0.9 t\n1 Q0 d1 3 3.0 t\n"
                              "2 Q0 d1 1 1 t\n", &w),
                     PASSIM_OK);
    assert_int_equal(w.count, 1);
    assert_non_null(strstr(w.last, "r.txt:3:"));
    assert_non_null(strstr(w.last, "first at line 1"));
    assert_int_equal(passim_run_duplicates(r), 1);
    assert_int_equal(passim_eval_compute(&res, q, r, NULL), PASSIM_OK);
    assert_int_equal(res.n, 2);
    assert_int_equal(res.q[0].num_ret, 2);
    assert_near(res.q[0].ap, 1.0 / 2);
    assert_near(res.q[1].ap, 1.0);
    assert_near(res.map, (1.0 / 2 + 1.0) / 2);
    passim_eval_result_release(&res);
    passim_run_free(r);
    passim_qrels_free(q);
}

/* R@1000 counts the first 1000 only; AP counts every retrieved document.
 * "top" at rank 1 and "deep" at rank 1001, R = 2: R@1000 = 1/2,
 * AP = (1/1 + 2/1001) / 2. */
static void test_recall_cut_at_1000(void **state)
{
    (void)state;
    size_t cap = 64 * 1100, len = 0;
    char *run = malloc(cap);
    assert_non_null(run);
    for (int rank = 1; rank <= 1001; rank++) {
        char doc[16];
        snprintf(doc, sizeof doc, "f%04d", rank);
        len += (size_t)snprintf(run + len, cap - len, "r Q0 %s %d %d t\n",
                                rank == 1 ? "top" : rank == 1001 ? "deep" : doc, rank,
                                5000 - rank);
    }
    passim_eval_result res = {0};
    assert_int_equal(evaluate(&res, "r 0 top 1\nr 0 deep 1\n", run, 0), PASSIM_OK);
    free(run);
    assert_int_equal(res.q[0].num_ret, 1001);
    assert_int_equal(res.q[0].num_rel_ret, 2);
    assert_near(res.recall1000, 1.0 / 2);
    assert_near(res.map, (1.0 / 1 + 2.0 / 1001) / 2);
    passim_eval_result_release(&res);
}

/* Queries come out numeric ids by value first, then others in byte order;
 * docids with slashes are plain strings; blank lines, '#' comment lines,
 * tabs and CRLF read. */
static void test_query_order_and_formats(void **state)
{
    (void)state;
    passim_eval_result res = {0};
    assert_int_equal(evaluate(&res,
                              "# judged by hand\n10 0 business/001.txt 1\n9 0 x 1\n\n"
                              "2\t0\tx\t1\r\nb 0 x 1\na 0 x 1\n010 0 x 1\n", "  #qid Q0 docid rank score tag\n"
                              "10 Q0 business/001.txt 1 1 t\r\n\n  \n", 0),
                     PASSIM_OK);
    const char *want[] = {"2", "9", "010", "10", "a", "b"};
    assert_int_equal(res.n, 6);
    for (size_t i = 0; i < 6; i++)
        assert_string_equal(res.q[i].qid, want[i]);
    assert_near(res.q[3].ap, 1.0);
    assert_int_equal(res.missing, 5);
    assert_near(res.map, 1.0 / 6);
    passim_eval_result_release(&res);
}

/* Malformed run lines: status, and a message naming r.txt and the line. */
static void expect_bad_run_n(const char *text, size_t len, passim_status want,
                             const char *where, const char *what)
{
    passim_run *r = (passim_run *)&r; /* must be reset to NULL */
    assert_int_equal(run_from_n(&r, text, len, NULL), want);
    assert_null(r);
    if (!strstr(passim_error_msg(), where) || !strstr(passim_error_msg(), what))
        fail_msg("message '%s' lacks '%s' or '%s'", passim_error_msg(), where, what);
}

/* As expect_bad_run_n() on NUL-terminated text. */
static void expect_bad_run(const char *text, passim_status want, const char *where,
                           const char *what)
{
    expect_bad_run_n(text, strlen(text), want, where, what);
}

static void test_malformed_run(void **state)
{
    (void)state;
    expect_bad_run("1 Q0 d1 1 2.0 t\n1 Q0 d2 2 2.0\n", PASSIM_EINVAL, "r.txt:2:",
                   "5 fields");
    expect_bad_run("1 Q0 d1 1 2.0 t extra\n", PASSIM_EINVAL, "r.txt:1:", "7 fields");
    expect_bad_run("\n\n1 Q0 d1 1 abc t\n", PASSIM_EINVAL, "r.txt:3:",
                   "score 'abc'");
    expect_bad_run("1 Q0 d1 1 nan t\n", PASSIM_EINVAL, "r.txt:1:", "score 'nan'");
    expect_bad_run("1 Q0 d1 1 1e999 t\n", PASSIM_EINVAL, "r.txt:1:", "score");
    expect_bad_run("1 Q0 d1 1 2.5x t\n", PASSIM_EINVAL, "r.txt:1:", "score");
    expect_bad_run("1 Q0 d1 one 2 t\n", PASSIM_EINVAL, "r.txt:1:", "rank 'one'");
    expect_bad_run_n("1 Q0 d\0 1 2 t\n", 14, PASSIM_EINVAL, "r.txt:1:", "control character");
    expect_bad_run("\xff\xfe Q0 d 1 2 t\n", PASSIM_EINVAL, "r.txt:1:", "UTF-8");
    expect_bad_run("q\n", PASSIM_EINVAL, "r.txt:1:", "1 field,");

    /* A line one byte over the limit; the limit itself is fine. */
    size_t n = PASSIM_EVAL_MAX_LINE + 1;
    char *line = malloc(n + 1);
    assert_non_null(line);
    memcpy(line, "1 Q0 d 1 2 ", 11);
    memset(line + 11, 't', n - 11);
    line[n] = '\n';
    expect_bad_run_n(line, n + 1, PASSIM_ETOOBIG, "r.txt:1:", "longer than");
    passim_run *r = NULL;
    assert_int_equal(run_from_n(&r, line + 1, n, NULL), PASSIM_EINVAL); /* " Q0 d..." 5 fields */
    passim_run_free(r);
    line[n - 1] = '\n';
    assert_int_equal(run_from_n(&r, line, n, NULL), PASSIM_OK);
    passim_run_free(r);
    free(line);
}

/* Malformed qrels: non-numeric or fractional relevance, missing field,
 * a document judged twice for a query. */
static void test_malformed_qrels(void **state)
{
    (void)state;
    passim_qrels *q = NULL;
    assert_int_equal(qrels_from(&q, "1 0 d1 1\n1 0 d2 yes\n"), PASSIM_EINVAL);
    assert_null(q);
    assert_non_null(strstr(passim_error_msg(), "q.txt:2:"));
    assert_non_null(strstr(passim_error_msg(), "relevance 'yes'"));
    assert_int_equal(qrels_from(&q, "1 0 d1 0.5\n"), PASSIM_EINVAL);
    assert_int_equal(qrels_from(&q, "1 0 d1 99999999999999999999\n"), PASSIM_EINVAL);
    assert_int_equal(qrels_from(&q, "1 0 d1\n"), PASSIM_EINVAL);
    assert_non_null(strstr(passim_error_msg(), "q.txt:1: 3 fields"));
    assert_int_equal(qrels_from(&q, "1 0 d1 1\n2 0 d1 1\n1 0 d1 0\n"), PASSIM_EINVAL);
    assert_non_null(strstr(passim_error_msg(), "q.txt:3:"));
    assert_non_null(strstr(passim_error_msg(), "first at line 1"));
    assert_null(q);
}

/* Nothing to average: qrels without a relevant document, or (run queries
 * only) a run sharing no judged query. Empty files read fine. */
static void test_nothing_to_evaluate(void **state)
{
    (void)state;
    passim_eval_result res = {0};
    assert_int_equal(evaluate(&res, "1 0 d 0\n", "1 Q0 d 1 1 t\n", 0), PASSIM_EINVAL);
    passim_eval_result_release(&res);
    assert_int_equal(evaluate(&res, "1 0 d 1\n", "2 Q0 d 1 1 t\n", 1), PASSIM_EINVAL);
    passim_eval_result_release(&res);
    /* An empty run is allowed: every judged query is missing and scores 0. */
    assert_int_equal(evaluate(&res, "1 0 d 1\n", "", 0), PASSIM_OK);
    assert_int_equal(res.missing, 1);
    assert_near(res.map, 0.0);
    passim_eval_result_release(&res);
}

/* Loading by path: a missing file is PASSIM_ENOTFOUND, a directory
 * PASSIM_EINVAL. */
static void test_load_errors(void **state)
{
    (void)state;
    passim_qrels *q = (passim_qrels *)&q;
    passim_run *r = (passim_run *)&r;
    assert_int_equal(passim_qrels_load(&q, PASSIM_SOURCE_DIR "/tests/data/eval/no-such-file"),
                     PASSIM_ENOTFOUND);
    assert_null(q);
    assert_int_equal(passim_run_load(&r, PASSIM_SOURCE_DIR "/tests/data/eval", NULL, NULL),
                     PASSIM_EINVAL);
    assert_null(r);
    assert_int_equal(passim_qrels_load(&q, PASSIM_SOURCE_DIR "/tests/data/eval/qrels.txt"),
                     PASSIM_OK);
    assert_non_null(q);
    passim_qrels_free(q);
}

/* The TREC id escape: a table of ids and their encoded forms, and the
 * round trip through decode. */
static void test_trec_id_escape(void **state)
{
    (void)state;
    static const struct {
        const char *id;
        size_t len;
        const char *enc;
    } cases[] = {
        {"business/199.txt", 16, "business/199.txt"},
        {"with space.txt", 14, "with%20space.txt"},
        {"a\nb\tc\r", 6, "a%0Ab%09c%0D"},
        {"100%", 4, "100%25"},
        {"caf\xe9.txt", 8, "caf%E9.txt"},           /* Latin-1, not UTF-8 */
        {"caf\xc3\xa9 \xe2\x80\x99", 9, "caf\xc3\xa9%20\xe2\x80\x99"}, /* UTF-8 kept */
        {"\xe2\x80", 2, "%E2%80"},                  /* truncated sequence */
        {"del\x7f", 4, "del%7F"},
        {"nul\0x", 5, "nul%00x"},
        {"back\\x41", 8, "back\\x41"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char enc[64], dec[64];
        size_t n = passim_trec_id_encode(enc, cases[i].id, cases[i].len);
        assert_string_equal(enc, cases[i].enc);
        assert_int_equal(n, strlen(cases[i].enc));
        memcpy(dec, enc, n + 1);
        assert_int_equal(passim_trec_id_decode(dec), cases[i].len);
        assert_memory_equal(dec, cases[i].id, cases[i].len);
    }
    char lit[] = "50%-off %zz %4";
    assert_int_equal(passim_trec_id_decode(lit), strlen("50%-off %zz %4"));
    assert_string_equal(lit, "50%-off %zz %4");
}

/* Run and qrels ids are compared in one canonical escaped form. */
static void test_escaped_ids_match(void **state)
{
    (void)state;
    const char *qrels_text = "1 0 with%20space.txt 1\n1 0 %61%2fb 1\n";
    const char *run_text = "1 Q0 a/b 1 2.0 t\n1 Q0 with%20space.txt 2 1.0 t\n";
    FILE *fq = fmemopen((void *)qrels_text, strlen(qrels_text), "r");
    FILE *fr = fmemopen((void *)run_text, strlen(run_text), "r");
    passim_qrels *q = NULL;
    passim_run *r = NULL;
    passim_eval_result res = {0};
    assert_int_equal(passim_qrels_read(&q, fq, "qrels"), PASSIM_OK);
    assert_int_equal(passim_run_read(&r, fr, "run", NULL, NULL), PASSIM_OK);
    assert_int_equal(passim_eval_compute(&res, q, r, NULL), PASSIM_OK);
    assert_near(res.map, 1.0);
    assert_int_equal(res.num_rel_ret, 2);
    passim_eval_result_release(&res);
    passim_run_free(r);
    passim_qrels_free(q);
    fclose(fq);
    fclose(fr);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_perfect_run),
        cmocka_unit_test(test_no_relevant_retrieved),
        cmocka_unit_test(test_query_missing_from_run),
        cmocka_unit_test(test_graded_ndcg),
        cmocka_unit_test(test_ideal_dcg_cut_at_10),
        cmocka_unit_test(test_p10_short_and_long_runs),
        cmocka_unit_test(test_ties_by_docid_descending),
        cmocka_unit_test(test_duplicates_first_line_counts),
        cmocka_unit_test(test_recall_cut_at_1000),
        cmocka_unit_test(test_query_order_and_formats),
        cmocka_unit_test(test_malformed_run),
        cmocka_unit_test(test_malformed_qrels),
        cmocka_unit_test(test_nothing_to_evaluate),
        cmocka_unit_test(test_load_errors),
        cmocka_unit_test(test_trec_id_escape),
        cmocka_unit_test(test_escaped_ids_match),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
