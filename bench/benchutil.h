/* benchutil.h — small helpers shared by the benchmark programs.
 *
 * Nothing here depends on libpassim, Xapian or SQLite, so every bench
 * program (passim's and the peers') lists and reads a corpus the same way
 * and reports latencies the same way.
 */
#ifndef PASSIM_BENCHUTIL_H
#define PASSIM_BENCHUTIL_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The article files of a corpus directory: every regular file whose name
 * ends in ".txt", found by walking the tree (symbolic links not followed),
 * sorted by path in byte order. paths[i] is the full path, ids[i] points
 * into it at the path relative to the root (the article id). */
typedef struct bench_files {
    char **paths; /* n entries, each malloc'd; owned */
    const char **ids; /* borrowed from paths */
    size_t n, cap;
} bench_files;

/* List the corpus under `root` into *out (zeroed by this call). Returns 0,
 * or -1 with a message on stderr (root missing, out of memory). Free with
 * bench_files_free. */
int bench_files_list(bench_files *out, const char *root);

/* Free what *f owns and zero it. Accepts NULL. */
void bench_files_free(bench_files *f);

/* Read the whole file at `path`: *data is malloc'd with a NUL after *len
 * bytes, freed by the caller. Returns 0, or -1 with a message on stderr. */
int bench_read_file(char **data, size_t *len, const char *path);

/* Seconds from CLOCK_MONOTONIC. */
double bench_now(void);

/* Seconds of CPU used by this process (user + system). */
double bench_cpu(void);

/* The q-quantile (0 <= q <= 1) of v[0..n) by linear interpolation between
 * order statistics (the "R-7" rule, as numpy and spreadsheets use). Sorts v
 * in place. n == 0 gives 0. */
double bench_quantile(double *v, size_t n, double q);

/* The lines of a queries file: one query per line, empty lines and lines
 * starting with '#' skipped, trailing "\r\n" removed. */
typedef struct bench_queries {
    char **v; /* n NUL-terminated queries, each malloc'd; owned */
    size_t n, cap;
} bench_queries;

/* Read `path` into *out (zeroed by this call). Returns 0, or -1 with a
 * message on stderr. Free with bench_queries_free. */
int bench_queries_read(bench_queries *out, const char *path);

/* Free what *q owns and zero it. Accepts NULL. */
void bench_queries_free(bench_queries *q);

/* Print one latency summary line, tab-separated, to `f`:
 *   LABEL  n  p50_ms  p95_ms  p99_ms  mean_ms  max_ms  results
 * from the per-query times t[0..n) in seconds (sorted in place).
 * `results` is a checksum-like total of hits, so that runs over the same
 * index can be compared for doing the same work. */
void bench_print_latency(FILE *f, const char *label, double *t, size_t n,
                         unsigned long long results);

/* The header line matching bench_print_latency. */
void bench_print_latency_header(FILE *f);

#ifdef __cplusplus
}
#endif
#endif
