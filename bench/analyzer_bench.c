/* analyzer_bench — throughput of passim's analyzer alone, on one core.
 *
 * Usage: analyzer_bench [--runs N] [--language L] CORPUS
 *
 * Reads every .txt file under CORPUS into memory first (benchutil.h's
 * listing), then N times (default 5) runs passim_analyze over each article
 * in turn, with a callback that only counts tokens and touches their stems,
 * on this one thread. Reading files, the article cleaning and the index are
 * not part of it: this is the analyzer's cost (tokenizing, folding,
 * stemming with its cache) and nothing else.
 *
 * Output (stdout, tab-separated): a header, then
 *   bytes  articles  tokens  runs  median_s  median_mb_s  best_mb_s
 * with MB = 10^6 bytes. Exit status 0, or 1 on error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/analyzer.h"
#include "benchutil.h"

typedef struct counter {
    unsigned long long tokens, stem_bytes;
} counter;

static int count_token(void *ctx, const passim_token *tok)
{
    counter *c = ctx;
    c->tokens++;
    c->stem_bytes += tok->stem_len + (unsigned char)tok->stem[0];
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    int runs = 5, i, rc = 1;
    const char *language = NULL;
    bench_files files = {0};
    char **texts = NULL;
    size_t *lens = NULL;
    double *secs = NULL;
    unsigned long long bytes = 0;
    counter c = {0, 0};
    passim_analyzer *an = NULL;

    for (i = 1; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
        if (strcmp(argv[i], "--runs") == 0)
            runs = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--language") == 0)
            language = argv[i + 1];
        else
            break;
    }
    if (argc - i != 1 || runs < 1 || runs > 1000) {
        fputs("usage: analyzer_bench [--runs N] [--language L] CORPUS\n", stderr);
        return 2;
    }
    if (bench_files_list(&files, argv[i]) != 0)
        return 1;
    texts = calloc(files.n, sizeof *texts);
    lens = calloc(files.n, sizeof *lens);
    secs = calloc((size_t)runs, sizeof *secs);
    if (!texts || !lens || !secs) {
        fprintf(stderr, "analyzer_bench: out of memory\n");
        goto out;
    }
    for (size_t k = 0; k < files.n; k++) {
        if (bench_read_file(&texts[k], &lens[k], files.paths[k]) != 0)
            goto out;
        bytes += lens[k];
    }
    if (passim_analyzer_new(&an, language) != PASSIM_OK) {
        fprintf(stderr, "analyzer_bench: cannot make an analyzer for '%s'\n",
                language ? language : "english");
        goto out;
    }
    for (int r = 0; r < runs; r++) {
        c.tokens = 0;
        double t0 = bench_now();
        for (size_t k = 0; k < files.n; k++)
            passim_analyze(NULL, an, texts[k], lens[k], 1, count_token, &c);
        secs[r] = bench_now() - t0;
    }
    qsort(secs, (size_t)runs, sizeof *secs, cmp_double);
    double median = runs % 2 ? secs[runs / 2]
                             : (secs[runs / 2 - 1] + secs[runs / 2]) / 2;
    printf("bytes\tarticles\ttokens\truns\tmedian_s\tmedian_mb_s\tbest_mb_s\n");
    printf("%llu\t%zu\t%llu\t%d\t%.4f\t%.2f\t%.2f\n", bytes, files.n, c.tokens,
           runs, median, bytes / 1e6 / median, bytes / 1e6 / secs[0]);
    rc = 0;
out:
    passim_analyzer_free(an);
    for (size_t k = 0; texts && k < files.n; k++)
        free(texts[k]);
    free(texts);
    free(lens);
    free(secs);
    bench_files_free(&files);
    return rc;
}
