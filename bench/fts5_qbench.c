/* fts5_qbench — query latency of an SQLite FTS5 table loaded by fts5_load.
 *
 * Usage: fts5_qbench [--warmup N] [--limit N] DB QUERIES
 *
 * Opens DB once (read-only), prepares one statement
 *   SELECT id, title, snippet(docs, -1, '[', ']', '…', 32) FROM docs
 *   WHERE docs MATCH ?1 ORDER BY bm25(docs) LIMIT ?2
 * and for every query of QUERIES (one per line: free words and "quoted
 * phrases", the file passim_qbench reads) binds its FTS5 form, steps
 * through every row (reading all three columns) and times it with
 * clock_gettime. The FTS5 form has passim's meaning: each free word and
 * each phrase becomes an FTS5 string ("word", "two words"; a '"' inside is
 * doubled) and they are joined with OR. --limit defaults to 10; the first
 * --warmup queries (default 20) run once, untimed, first.
 *
 * Output (stdout, tab-separated): a header and one "full" line as
 * benchutil.h's bench_print_latency. Exit status 0, or 1 on any error.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchutil.h"

/* What the reads of each row add up to, so they are not optimized away. */
static volatile size_t sink;

static const char SQL[] =
    "SELECT id, title, snippet(docs, -1, '[', ']', '…', 32) FROM docs "
    "WHERE docs MATCH ?1 ORDER BY bm25(docs) LIMIT ?2";

/* Append one FTS5 string holding q[0..n) to out (size at least 2n + 8 more
 * than its current length), preceded by " OR " unless it is the first. */
static void append_string(char *out, size_t *len, const char *q, size_t n)
{
    char *o = out + *len;
    if (*len)
        o += sprintf(o, " OR ");
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
    int rc;
    sqlite3_bind_text(st, 1, fts, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, limit);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int c = 0; c < 3; c++)
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

int main(int argc, char **argv)
{
    size_t warmup = 20;
    int limit = 10, i, rc = 1;
    bench_queries qs = {0};
    char **fts = NULL;
    double *t = NULL;
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    unsigned long long rows = 0, ignored = 0;

    for (i = 1; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
        if (strcmp(argv[i], "--warmup") == 0)
            warmup = strtoul(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--limit") == 0)
            limit = atoi(argv[i + 1]);
        else
            break;
    }
    if (argc - i != 2 || limit <= 0) {
        fputs("usage: fts5_qbench [--warmup N] [--limit N] DB QUERIES\n", stderr);
        return 2;
    }
    if (bench_queries_read(argv[i + 1], &qs) != 0)
        goto out;
    fts = calloc(qs.n, sizeof *fts);
    t = calloc(qs.n, sizeof *t);
    if (!fts || !t)
        goto nomem;
    for (size_t k = 0; k < qs.n; k++)
        if (!(fts[k] = to_fts5(qs.v[k])))
            goto nomem;
    if (sqlite3_open_v2(argv[i], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, SQL, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "fts5_qbench: %s: %s\n", argv[i],
                db ? sqlite3_errmsg(db) : "out of memory");
        goto out;
    }
    for (size_t k = 0; k < warmup && k < qs.n; k++)
        if (fts[k][0] && run(db, st, fts[k], limit, &ignored) != 0)
            goto out;
    for (size_t k = 0; k < qs.n; k++) {
        double t0 = bench_now();
        if (fts[k][0] && run(db, st, fts[k], limit, &rows) != 0)
            goto out;
        t[k] = bench_now() - t0;
    }
    bench_print_latency_header(stdout);
    bench_print_latency(stdout, "full", t, qs.n, rows);
    rc = 0;
    goto out;
nomem:
    fprintf(stderr, "fts5_qbench: out of memory\n");
out:
    sqlite3_finalize(st);
    sqlite3_close(db);
    for (size_t k = 0; fts && k < qs.n; k++)
        free(fts[k]);
    free(fts);
    free(t);
    bench_queries_free(&qs);
    return rc;
}
