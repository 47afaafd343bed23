/* passim-index — bring an index up to date with a corpus of news articles.
 *
 * The work is lib/index/update.c's: this file reads the options, shows progress
 * and prints the summary.
 */
#include <getopt.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "text/analyzer.h"
#include "util/cli.h"
#include "util/idset.h"
#include "util/message.h"
#include "text/stopwords.h"
#include "index/index.h"
#include "index/update.h"

#define DEFAULT_BATCH_ARTICLES 500
#define MAX_BATCH_ARTICLES 100000

static const char USAGE[] =
    "Usage: passim-index [OPTIONS] [CORPUS...]\n"
    "Bring the index up to date with the article files under each CORPUS\n"
    "directory or file (default: ./corpus): .txt and .txt.gz hold one article,\n"
    ".jsonl and .jsonl.gz one JSON article per line. New and changed files are\n"
    "indexed, unchanged ones skipped unread, articles of vanished files removed.\n"
    "\n"
    "Options:\n"
    "  --index DIR      index directory (default: $PASSIM_INDEX, else ./index)\n"
    "  --rebuild        build a fresh index beside the live one, then switch\n"
    "  --compact        compact the index in place (no CORPUS: indexes nothing)\n"
    "  --keep-missing   keep the articles of files that are gone\n"
    "  --retry-failed   read files that failed before even if unchanged\n"
    "  --wait           wait for another indexer instead of failing\n"
    "  --batch N        articles per transaction (default 500)\n"
    "  --jobs N         processes for a full build (default: one per core, at\n"
    "                   most 4); the parts are merged by compaction, and a\n"
    "                   killed full build resumes from them\n"
    "  --language L     stemming language (default english; 'none' disables)\n"
    "  --stopwords FILE words that keep their positions but get no weight,\n"
    "                   instead of the built-in English list ('none': no list)\n"
    "  --json           print the summary as one JSON object\n"
    "  -q, --quiet      print nothing but errors\n"
    "  -v, --verbose    name every file that is read\n"
    "  -h, --help       show this help\n"
    "\n"
    "Exit codes: 0 done; 1 error; 2 usage error; 3 corpus or index not found;\n"
    "4 index locked by another writer (see --wait); 5 index corrupt; 6 some\n"
    "files or lines were skipped (reported on stderr), the rest indexed;\n"
    "130 interrupted (the work done so far is kept).\n";

typedef struct cli {
    passim_update_opts u;
    const char *language, *stopwords;
    int compact, json, quiet, progress;
    double t0, last_progress;
} cli;

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Skipped files and lines (st != OK) and warnings (st == OK). */
static void on_report(void *ctx, const char *where, passim_status st, const char *why)
{
    cli *c = ctx;
    if (st == PASSIM_OK && c->quiet)
        return;
    if (c->progress)
        fputs("\r\033[K", stderr);
    passim_message_print(stderr, "passim-index: %s: %s%s", where, why,
                         st != PASSIM_OK ? " (skipped)" : "");
}

/* A progress line on a terminal: the whole run's files and MB (done out
 * of listed), articles, rate, ETA. */
static void on_progress(void *ctx, const passim_update_stats *s)
{
    cli *c = ctx;
    double t = now_seconds(), dt = t - c->t0;
    if (!c->progress || t - c->last_progress < 0.2)
        return;
    c->last_progress = t;
    double rate = dt > 0 ? s->bytes_done / dt : 0;
    double left = s->bytes_total > s->bytes_done ? (double)(s->bytes_total - s->bytes_done) : 0;
    fprintf(stderr, "\r\033[K%llu/%llu files, %llu articles, %.1f/%.1f MB, %.1f MB/s",
            (unsigned long long)s->files_done, (unsigned long long)s->files_total,
            (unsigned long long)(s->added + s->replaced + s->unchanged),
            s->bytes_done / 1e6, s->bytes_total / 1e6, rate / 1e6);
    if (rate > 0 && s->files_done < s->files_total)
        fprintf(stderr, ", ETA %.0f s", left / rate);
}

static int parse_args(cli *c, int argc, char **argv)
{
    static const struct option opts[] = {
        {"index", required_argument, NULL, 'i'},
        {"rebuild", no_argument, NULL, 'R'},
        {"compact", no_argument, NULL, 'C'},
        {"keep-missing", no_argument, NULL, 'K'},
        {"retry-failed", no_argument, NULL, 'F'},
        {"wait", no_argument, NULL, 'W'},
        {"batch", required_argument, NULL, 'b'},
        {"jobs", required_argument, NULL, 'J'},
        {"language", required_argument, NULL, 'l'},
        {"stopwords", required_argument, NULL, 's'},
        {"json", no_argument, NULL, 'j'},
        {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int ch;
    opterr = 0; /* passim_cli_bad_option reports */
    while ((ch = getopt_long(argc, argv, ":qvh", opts, NULL)) != -1) {
        switch (ch) {
        case 'i': c->u.index_dir = optarg; break;
        case 'R': c->u.rebuild = 1; break;
        case 'C': c->compact = 1; break;
        case 'K': c->u.keep_missing = 1; break;
        case 'F': c->u.retry_failed = 1; break;
        case 'W': c->u.wait = 1; break;
        case 'l': c->language = optarg; break;
        case 's': c->stopwords = optarg; break;
        case 'j': c->json = 1; break;
        case 'q': c->quiet = 1; break;
        case 'v': c->u.verbose = 1; break;
        case 'J': {
            uint32_t j;
            if (passim_parse_uint(&j, optarg, 4) < 0 || j == 0)
                return passim_cli_usage("passim-index", "--jobs takes 1 to 4");
            c->u.jobs = j;
            break;
        }
        case 'b':
            if (passim_parse_uint(&c->u.batch, optarg, MAX_BATCH_ARTICLES) < 0 ||
                c->u.batch == 0)
                return passim_cli_usage("passim-index", "--batch takes 1 to %d",
                                        MAX_BATCH_ARTICLES);
            break;
        case 'h': fputs(USAGE, stdout); exit(PASSIM_EXIT_OK);
        default: return passim_cli_bad_option("passim-index", ch, argc, argv, opts);
        }
    }
    if (c->compact && (optind < argc || c->u.rebuild))
        return passim_cli_usage("passim-index", "--compact takes no corpus and no --rebuild");
    return PASSIM_EXIT_OK;
}

static void print_summary(const cli *c, const passim_update_stats *s, double secs)
{
    if (c->json) {
        json_t *o = json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:f,s:i}",
                              "added", (json_int_t)s->added,
                              "replaced", (json_int_t)s->replaced,
                              "removed", (json_int_t)s->removed,
                              "unchanged", (json_int_t)s->unchanged,
                              "failed", (json_int_t)s->failed,
                              "sentences", (json_int_t)s->sentences,
                              "bytes", (json_int_t)s->bytes_read,
                              "seconds", secs, "generation", (int)s->generation);
        if (o) {
            json_dumpf(o, stdout, JSON_PRESERVE_ORDER | JSON_COMPACT);
            fputc('\n', stdout);
            json_decref(o);
        }
        return;
    }
    if (c->quiet)
        return;
    printf("added %llu, replaced %llu, removed %llu, unchanged %llu, failed %llu; "
           "%llu sentences, %llu bytes read in %.2f s\n",
           (unsigned long long)s->added, (unsigned long long)s->replaced,
           (unsigned long long)s->removed, (unsigned long long)s->unchanged,
           (unsigned long long)s->failed, (unsigned long long)s->sentences,
           (unsigned long long)s->bytes_read, secs);
}

int main(int argc, char **argv)
{
    cli c = {0};
    passim_update_stats stats = {0};
    passim_analyzer *an = NULL;
    passim_idset *stop = NULL;
    passim_status st;
    static const char *default_root[] = {"corpus"};
    int code;

    c.u.batch = DEFAULT_BATCH_ARTICLES;
    if ((code = parse_args(&c, argc, argv)) != PASSIM_EXIT_OK)
        return code;
    c.u.index_dir = passim_index_path(c.u.index_dir);
    c.progress = !c.quiet && !c.json && isatty(STDERR_FILENO);
    c.t0 = now_seconds();
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);

    if (c.compact) {
        st = passim_update_compact(c.u.index_dir, c.u.wait);
        if (st != PASSIM_OK) {
            passim_message_print(stderr, "passim-index: compacting %s: %s",
                                 c.u.index_dir, passim_error_msg());
            return passim_exit_code(st);
        }
        if (!c.quiet)
            passim_message_print(stdout, "compacted %s in %.2f s", c.u.index_dir,
                                 now_seconds() - c.t0);
        return PASSIM_EXIT_OK;
    }
    if ((st = passim_analyzer_new(&an, c.language)) != PASSIM_OK) {
        return passim_cli_usage("passim-index", "unknown language '%s'", c.language);
    }
    st = c.stopwords ? passim_stopwords_load(&stop, an, c.stopwords)
                     : passim_stopwords_default(&stop, an);
    if (st != PASSIM_OK) {
        passim_message_print(stderr, "passim-index: stopwords: %s", passim_error_msg());
        code = passim_exit_code(st);
        goto out;
    }
    c.u.roots = optind < argc ? (const char *const *)argv + optind : default_root;
    c.u.nroots = optind < argc ? (size_t)(argc - optind) : 1;
    c.u.stop = stop;
    c.u.language = c.language;
    c.u.an = an;
    c.u.report = on_report;
    c.u.report_ctx = &c;
    c.u.progress = on_progress;
    c.u.progress_ctx = &c;
    c.u.interrupted = &interrupted;
    st = passim_update_run(&stats, &c.u);
    if (c.progress)
        fputs("\r\033[K", stderr);
    if (st != PASSIM_OK) {
        passim_message_print(stderr, "passim-index: %s: %s%s%s", c.u.index_dir,
                             passim_status_str(st), passim_error_msg()[0] ? ": " : "",
                             passim_error_msg());
        if (st != PASSIM_ELOCKED && st != PASSIM_ENOTFOUND)
            fprintf(stderr, "passim-index: the batch in flight was not committed; "
                            "the index holds the work before it\n");
        code = passim_exit_code(st);
        goto out;
    }
    print_summary(&c, &stats, now_seconds() - c.t0);
    code = interrupted ? 130 : stats.failed ? PASSIM_EXIT_PARTIAL : PASSIM_EXIT_OK;
out:
    passim_idset_free(stop);
    passim_analyzer_free(an);
    return code;
}
