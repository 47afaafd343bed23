/* benchutil.c — helpers shared by the benchmark programs (see benchutil.h). */
#include "benchutil.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#define MAX_DEPTH 32

static int push_path(bench_files *f, char *path)
{
    if (f->n == f->cap) {
        size_t cap = f->cap ? 2 * f->cap : 1024;
        char **v = realloc(f->paths, cap * sizeof *v);
        if (!v)
            return -1;
        f->paths = v;
        f->cap = cap;
    }
    f->paths[f->n++] = path;
    return 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

/* Walk `dir`, appending its .txt files to *f. */
static int walk(const char *dir, int depth, bench_files *f)
{
    DIR *d;
    struct dirent *e;
    int rc = 0;

    if (depth > MAX_DEPTH)
        return 0;
    if (!(d = opendir(dir))) {
        fprintf(stderr, "bench: cannot open %s: %s\n", dir, strerror(errno));
        return -1;
    }
    while (rc == 0 && (e = readdir(d))) {
        struct stat sb;
        char *path;
        size_t len;
        if (e->d_name[0] == '.')
            continue;
        len = strlen(dir) + strlen(e->d_name) + 2;
        if (!(path = malloc(len))) {
            rc = -1;
            break;
        }
        snprintf(path, len, "%s/%s", dir, e->d_name);
        if (lstat(path, &sb) != 0) {
            free(path);
            continue;
        }
        if (S_ISDIR(sb.st_mode)) {
            rc = walk(path, depth + 1, f);
            free(path);
        } else if (S_ISREG(sb.st_mode) && ends_with(e->d_name, ".txt")) {
            if ((rc = push_path(f, path)) != 0)
                free(path);
        } else {
            free(path);
        }
    }
    closedir(d);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int bench_files_list(bench_files *out, const char *root)
{
    size_t rootlen = strlen(root);
    memset(out, 0, sizeof *out);
    while (rootlen > 1 && root[rootlen - 1] == '/')
        rootlen--;
    if (walk(root, 0, out) != 0)
        goto fail;
    if (out->n == 0) {
        fprintf(stderr, "bench: no .txt files under %s\n", root);
        goto fail;
    }
    qsort(out->paths, out->n, sizeof *out->paths, cmp_str);
    if (!(out->ids = malloc(out->n * sizeof *out->ids)))
        goto fail;
    for (size_t i = 0; i < out->n; i++) {
        const char *id = out->paths[i] + rootlen;
        while (*id == '/')
            id++;
        out->ids[i] = id;
    }
    return 0;
fail:
    bench_files_free(out);
    return -1;
}

void bench_files_free(bench_files *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++)
        free(f->paths[i]);
    free(f->paths);
    free((void *)f->ids);
    memset(f, 0, sizeof *f);
}

int bench_read_file(char **data, size_t *len, const char *path)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0, cap = 0;
    *data = NULL;
    *len = 0;
    if (!fp) {
        fprintf(stderr, "bench: cannot open %s: %s\n", path, strerror(errno));
        return -1;
    }
    for (;;) {
        if (cap - n < 4096) {
            size_t ncap = cap ? 2 * cap : 16384;
            char *nb = realloc(buf, ncap + 1);
            if (!nb) {
                free(buf);
                fclose(fp);
                fprintf(stderr, "bench: out of memory reading %s\n", path);
                return -1;
            }
            buf = nb;
            cap = ncap;
        }
        size_t got = fread(buf + n, 1, cap - n, fp);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(fp)) {
        fprintf(stderr, "bench: error reading %s\n", path);
        free(buf);
        fclose(fp);
        return -1;
    }
    fclose(fp);
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return 0;
}

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

double bench_cpu(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
           ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

double bench_quantile(double *v, size_t n, double q)
{
    if (n == 0)
        return 0;
    qsort(v, n, sizeof *v, cmp_double);
    double h = (double)(n - 1) * q;
    size_t lo = (size_t)h;
    if (lo + 1 >= n)
        return v[n - 1];
    return v[lo] + (h - (double)lo) * (v[lo + 1] - v[lo]);
}

int bench_queries_read(bench_queries *out, const char *path)
{
    FILE *fp = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    memset(out, 0, sizeof *out);
    if (!fp) {
        fprintf(stderr, "bench: cannot open %s: %s\n", path, strerror(errno));
        return -1;
    }
    while ((got = getline(&line, &cap, fp)) >= 0) {
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
            line[--got] = '\0';
        if (got == 0 || line[0] == '#')
            continue;
        if (out->n == out->cap) {
            size_t ncap = out->cap ? 2 * out->cap : 256;
            char **v = realloc(out->v, ncap * sizeof *v);
            if (!v)
                goto nomem;
            out->v = v;
            out->cap = ncap;
        }
        if (!(out->v[out->n] = strdup(line)))
            goto nomem;
        out->n++;
    }
    free(line);
    fclose(fp);
    if (out->n == 0) {
        fprintf(stderr, "bench: no queries in %s\n", path);
        return -1;
    }
    return 0;
nomem:
    fprintf(stderr, "bench: out of memory reading %s\n", path);
    free(line);
    fclose(fp);
    bench_queries_free(out);
    return -1;
}

void bench_queries_free(bench_queries *q)
{
    if (!q)
        return;
    for (size_t i = 0; i < q->n; i++)
        free(q->v[i]);
    free(q->v);
    memset(q, 0, sizeof *q);
}

void bench_print_latency_header(FILE *f)
{
    fputs("label\tn\tp50_ms\tp95_ms\tp99_ms\tmean_ms\tmax_ms\tresults\n", f);
}

void bench_print_latency(FILE *f, const char *label, double *t, size_t n,
                         unsigned long long results)
{
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += t[i];
    double p50 = bench_quantile(t, n, 0.50);
    double p95 = bench_quantile(t, n, 0.95);
    double p99 = bench_quantile(t, n, 0.99);
    double max = n ? t[n - 1] : 0;
    fprintf(f, "%s\t%zu\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%llu\n", label, n,
            p50 * 1e3, p95 * 1e3, p99 * 1e3, n ? sum / n * 1e3 : 0.0,
            max * 1e3, results);
}
