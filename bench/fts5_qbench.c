/* fts5_qbench — query latency of an SQLite FTS5 table loaded by fts5_load.
 *
 * Usage: fts5_qbench [--warmup N] [--limit N] [--op or|and] [--mode M]
 *                    DB QUERIES
 *
 * Opens DB once (read-only) and times, with clock_gettime, every query of
 * QUERIES (one per line: free words and "quoted phrases", the file
 * passim_qbench reads) through one prepared statement per mode:
 *   full   SELECT id, title, snippet(docs, -1, '[', ']', '…', 32) FROM docs
 *          WHERE docs MATCH ?1 ORDER BY rank LIMIT ?2
 *   match  SELECT rowid FROM docs WHERE docs MATCH ?1 ORDER BY rank LIMIT ?2
 * stepping through every row and reading every column. rank is bm25(docs)
 * by default; ordering by it rather than by bm25(docs) lets FTS5 sort
 * before the snippets are made, so only the rows returned get one (written
 * with ORDER BY bm25(docs), SQLite makes a snippet for every matching row:
 * three times slower at p50 on BBC). --mode is full, match or both
 * (default both; each a separate pass over all queries).
 *
 * The FTS5 form of a query has passim's meaning: each free word and each
 * phrase becomes an FTS5 string ("word", "two words"; a '"' inside is
 * doubled) and they are joined with OR (with --op and, by FTS5's implicit
 * AND instead, for comparison). --limit defaults to 10; the first --warmup
 * queries (default 20) run once, untimed, before each pass.
 *
 * Output (stdout, tab-separated): a header and one line per mode as
 * benchutil.h's bench_print_latency. Exit status 0, or 1 on any error.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchutil.h"

static const char SQL_FULL[] =
    "SELECT id, title, snippet(docs, -1, '[', ']', '…', 32) FROM docs "
    "WHERE docs MATCH ?1 ORDER BY rank LIMIT ?2";
static const char SQL_MATCH[] =
    "SELECT rowid FROM docs WHERE docs MATCH ?1 ORDER BY rank LIMIT ?2";

/* What the reads of each row add up to, so they are not optimized away. */
static volatile size_t sink;

/* Joins the strings of an FTS5 query: " OR " or " " (implicit AND). */
static const char *joiner = " OR ";

/* Append one FTS5 string holding q[0..n) to out (size at least 2n + 8 more
 * than its current length), preceded by `joiner` unless it is the first. */
static void append_string(char *out, size_t *len, const char *q, size_t n)
{
    char *o = out + *len;
    if (*len)
        o += sprintf(o, "%s", joiner);
    *o++ = '"';
    for (size_t i = 0; i < n; i++) {
        if (q[i] == '"')
            *o++ = '"';
        *o++ = q[i];
    }
    *o++ = '"';
    *o = '\0';
    *len = (size_t)(o - out);
}

/* The FTS5 form of passim query `q` (see above); malloc'd, caller frees.
 * Empty when the query has no words. */
static char *to_fts5(const char *q)
{
    size_t n = strlen(q), len = 0;
    char *out = malloc(3 * n + 16 * (n + 1));
    if (!out)
        return NULL;
    out[0] = '\0';
    for (size_t i = 0; i < n;) {
        if (q[i] == ' ' || q[i] == '\t') {
            i++;
        } else if (q[i] == '"') {
            size_t j = ++i;
            while (j < n && q[j] != '"')
                j++;
            if (j > i)
                append_string(out, &len, q + i, j - i);
            i = j < n ? j + 1 : j;
        } else {
            size_t j = i;
            while (j < n && q[j] != ' ' && q[j] != '\t' && q[j] != '"')
                j++;
            append_string(out, &len, q + i, j - i);
            i = j;
        }
    }
    return out;
}

/* Run one query; *rows gets the number of rows returned. */
static int run(sqlite3 *db, sqlite3_stmt *st, const char *fts, int limit,
               unsigned long long *rows)
{
    int rc, ncol = sqlite3_column_count(st);
    if (!fts[0])
        return 0;
    sqlite3_bind_text(st, 1, fts, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, limit);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int c = 0; c < ncol; c++)
            sink += (size_t)sqlite3_column_bytes(st, c);
        (*rows)++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        fprintf(stderr, "fts5_qbench: %s: %s\n", fts, sqlite3_errmsg(db));
        return -1;
    }
    return 0;
}

/* One timed pass of statement `sql` over the queries fts[0..n). */
static int pass(sqlite3 *db, const char *label, const char *sql, char **fts,
                size_t n, size_t warmup, int limit)
{
    sqlite3_stmt *st = NULL;
    unsigned long long rows = 0, ignored = 0;
    double *t = calloc(n, sizeof *t);
    int rc = -1;
    if (!t) {
        fprintf(stderr, "fts5_qbench: out of memory\n");
        return -1;
    }
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "fts5_qbench: %s: %s\n", sql, sqlite3_errmsg(db));
        goto out;
    }
    for (size_t k = 0; k < warmup && k < n; k++)
        if (run(db, st, fts[k], limit, &ignored) != 0)
            goto out;
    for (size_t k = 0; k < n; k++) {
        double t0 = bench_now();
        if (run(db, st, fts[k], limit, &rows) != 0)
            goto out;
        t[k] = bench_now() - t0;
    }
    bench_print_latency(stdout, label, t, n, rows);
    rc = 0;
out:
    sqlite3_finalize(st);
    free(t);
    return rc;
}

static int usage(void)
{
    fputs("usage: fts5_qbench [--warmup N] [--limit N] [--op or|and] "
          "[--mode full|match|both] DB QUERIES\n", stderr);
    return 2;
}

int main(int argc, char **argv)
{
    size_t warmup = 20;
    int limit = 10, i, rc = 1;
    const char *mode = "both";
    bench_queries qs = {0};
    char **fts = NULL;
    sqlite3 *db = NULL;

    for (i = 1; i < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
        if (i + 1 >= argc)
            return usage();
        if (strcmp(argv[i], "--warmup") == 0)
            warmup = strtoul(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--limit") == 0)
            limit = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--op") == 0 && strcmp(argv[i + 1], "and") == 0)
            joiner = " ";
        else if (strcmp(argv[i], "--op") == 0 && strcmp(argv[i + 1], "or") == 0)
            joiner = " OR ";
        else if (strcmp(argv[i], "--mode") == 0)
            mode = argv[i + 1];
        else
            return usage();
    }
    if (argc - i != 2 || limit <= 0 ||
        (strcmp(mode, "full") && strcmp(mode, "match") && strcmp(mode, "both")))
        return usage();
    if (bench_queries_read(&qs, argv[i + 1]) != 0)
        goto out;
    if (!(fts = calloc(qs.n, sizeof *fts)))
        goto nomem;
    for (size_t k = 0; k < qs.n; k++)
        if (!(fts[k] = to_fts5(qs.v[k])))
            goto nomem;
    if (sqlite3_open_v2(argv[i], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        fprintf(stderr, "fts5_qbench: %s: %s\n", argv[i],
                db ? sqlite3_errmsg(db) : "out of memory");
        goto out;
    }
    bench_print_latency_header(stdout);
    if (strcmp(mode, "match") != 0 &&
        pass(db, "full", SQL_FULL, fts, qs.n, warmup, limit) != 0)
        goto out;
    if (strcmp(mode, "full") != 0 &&
        pass(db, "match", SQL_MATCH, fts, qs.n, warmup, limit) != 0)
        goto out;
    rc = 0;
    goto out;
nomem:
    fprintf(stderr, "fts5_qbench: out of memory\n");
out:
    sqlite3_close(db);
    for (size_t k = 0; fts && k < qs.n; k++)
        free(fts[k]);
    free(fts);
    bench_queries_free(&qs);
    return rc;
}
