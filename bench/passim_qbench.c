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
 *   match  the article match alone: parse the query, build the article
 *          query and weighting exactly as the pipeline does (rank.h, with
 *          the default options) and fetch the top --match-count articles
 *          (default 10) through xapian-c's enquire/mset, as a peer's
 *          "match" is timed (no document data is read).
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
#include "index/store.h"
#include "xapian_c.h"

typedef struct qbench {
    xc_db *db;
    passim_analyzer *an;
    uint32_t match_count;
} qbench;

/* The whole search; *hits gets the number of passages returned. */
static passim_status run_full(qbench *b, const char *q, unsigned long long *hits)
{
    passim_results res;
    passim_search_opts o = PASSIM_SEARCH_OPTS_DEFAULT;
    passim_status st = passim_search_run(b->db, b->an, q, strlen(q), &o, &res);
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
    xc_query *xq = NULL;
    xc_enquire *enq = NULL;
    xc_mset *m = NULL;

    if ((st = passim_query_parse(&pq, b->an, q, strlen(q))) != PASSIM_OK)
        goto out;
    if (pq->nclauses == 0)
        goto out;
    if ((st = passim_rank_query(pq, &o.rank, &xq)) != PASSIM_OK ||
        (st = xc_enquire_new(&enq, b->db)) != PASSIM_OK ||
        (st = xc_enquire_set_query(enq, xq)) != PASSIM_OK ||
        (st = passim_rank_enquire(enq, &o.rank)) != PASSIM_OK ||
        (st = xc_enquire_mset(enq, 0, b->match_count, &m)) != PASSIM_OK)
        goto out;
    *hits += xc_mset_size(m);
out:
    xc_mset_free(m);
    xc_enquire_free(enq);
    xc_query_free(xq);
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
    if (bench_queries_read(argv[i + 1], &qs) != 0)
        goto out;
    if ((st = passim_store_open_read(&b.db, argv[i])) != PASSIM_OK) {
        fprintf(stderr, "passim_qbench: cannot open %s: %s: %s\n", argv[i],
                passim_status_str(st), passim_error_msg());
        goto out;
    }
    if ((st = passim_analyzer_new(&b.an, NULL)) != PASSIM_OK) {
        fprintf(stderr, "passim_qbench: analyzer: %s\n", passim_status_str(st));
        goto out;
    }
    bench_print_latency_header(stdout);
    if (strcmp(mode, "match") != 0 && pass(&b, "full", run_full, &qs, warmup) != 0)
        goto out;
    if (strcmp(mode, "full") != 0 && pass(&b, "match", run_match, &qs, warmup) != 0)
        goto out;
    rc = 0;
out:
    passim_analyzer_free(b.an);
    xc_db_close(b.db);
    bench_queries_free(&qs);
    return rc;
}
