/* passim_qbench — query latency of a passim index, in one process.
 *
 * Usage: passim_qbench [--warmup N] [--match-count N] [--mode M] INDEX QUERIES
 *
 * Opens INDEX once (a passim index directory), then for every query of the
 * QUERIES file (one per line, passim's query language) times, with
 * clock_gettime, one of two things:
 *   full   the whole search through passim_search_run with default options:
 *          the article match, passage ranking over the top articles and
 *          snippets with highlights (what passim-search prints);
 *   match  the article match alone: parse the query and match the top
 *          --match-count articles (default 10) with the article query and
 *          weighting exactly as the pipeline builds them (rank.h, with the
 *          default options), through passim_search_match, as a peer's
 *          "match" is timed (nothing of the articles is read).
 * --mode is full, match or both (default both; each mode is a separate
 * pass over all queries). The first --warmup queries (default 20) are run
 * once, untimed, before each pass.
 *
 * Output (stdout, tab-separated): a header, then one line per mode as
 * benchutil.h's bench_print_latency. Exit status 0, or 1 on any error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/analyzer.h"
#include "benchutil.h"
#include "search/query.h"
#include "search/rank.h"
#include "search/search.h"
#include "index/index.h"

typedef struct qbench {
    passim_index *ix;
    passim_analyzer *an;
    uint32_t match_count;
} qbench;

/* The whole search; *hits gets the number of passages returned. */
static passim_status run_full(qbench *b, const char *q, unsigned long long *hits)
{
    passim_results res;
    passim_search_opts o = PASSIM_SEARCH_OPTS_DEFAULT;
    passim_status st = passim_search_run(&res, b->ix, b->an, q, strlen(q), &o);
    if (st == PASSIM_OK)
        *hits += res.n;
    passim_results_release(&res);
    return st;
}

/* The article match alone; *hits gets the number of articles returned. */
static passim_status run_match(qbench *b, const char *q, unsigned long long *hits)
{
    passim_status st;
    passim_search_opts o = PASSIM_SEARCH_OPTS_DEFAULT;
    passim_query *pq = NULL;
    uint32_t n = 0;

    if ((st = passim_query_parse(&pq, b->an, q, strlen(q))) == PASSIM_OK &&
        (st = passim_search_match(&n, b->ix, pq, &o.rank, b->match_count)) == PASSIM_OK)
        *hits += n;
    passim_query_free(pq);
    return st;
}

typedef passim_status (*run_fn)(qbench *, const char *, unsigned long long *);

/* One timed pass of `fn` over every query; prints its summary line. */
static int pass(qbench *b, const char *label, run_fn fn,
                const bench_queries *qs, size_t warmup)
{
    unsigned long long hits = 0, ignored = 0;
    double *t = malloc(qs->n * sizeof *t);
    if (!t) {
        fprintf(stderr, "passim_qbench: out of memory\n");
        return -1;
    }
    for (size_t i = 0; i < warmup && i < qs->n; i++)
        fn(b, qs->v[i], &ignored);
    for (size_t i = 0; i < qs->n; i++) {
        double t0 = bench_now();
        passim_status st = fn(b, qs->v[i], &hits);
        t[i] = bench_now() - t0;
        if (st != PASSIM_OK) {
            fprintf(stderr, "passim_qbench: query '%s': %s: %s\n", qs->v[i],
                    passim_status_str(st), passim_error_msg());
            free(t);
            return -1;
        }
    }
    bench_print_latency(stdout, label, t, qs->n, hits);
    free(t);
    return 0;
}

static int usage(void)
{
    fputs("usage: passim_qbench [--warmup N] [--match-count N] "
          "[--mode full|match|both] INDEX QUERIES\n", stderr);
    return 2;
}

int main(int argc, char **argv)
{
    qbench b = {NULL, NULL, 10};
    bench_queries qs = {0};
    size_t warmup = 20;
    const char *mode = "both";
    int i, rc = 1;
    passim_status st;

    for (i = 1; i < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
        if (i + 1 >= argc)
            return usage();
        if (strcmp(argv[i], "--warmup") == 0)
            warmup = strtoul(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--match-count") == 0)
            b.match_count = (uint32_t)strtoul(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--mode") == 0)
            mode = argv[i + 1];
        else
            return usage();
    }
    if (argc - i != 2 || b.match_count == 0 ||
        (strcmp(mode, "full") && strcmp(mode, "match") && strcmp(mode, "both")))
        return usage();
    if (bench_queries_read(&qs, argv[i + 1]) != 0)
        goto out;
    if ((st = passim_analyzer_new(&b.an, NULL)) != PASSIM_OK) {
        fprintf(stderr, "passim_qbench: analyzer: %s\n", passim_status_str(st));
        goto out;
    }
    if ((st = passim_index_open(&b.ix, argv[i], b.an)) != PASSIM_OK) {
        fprintf(stderr, "passim_qbench: cannot open %s: %s: %s\n", argv[i],
                passim_status_str(st), passim_error_msg());
        goto out;
    }
    bench_print_latency_header(stdout);
    if (strcmp(mode, "match") != 0 && pass(&b, "full", run_full, &qs, warmup) != 0)
        goto out;
    if (strcmp(mode, "full") != 0 && pass(&b, "match", run_match, &qs, warmup) != 0)
        goto out;
    rc = 0;
out:
    passim_index_close(b.ix);
    passim_analyzer_free(b.an);
    bench_queries_free(&qs);
    return rc;
}
