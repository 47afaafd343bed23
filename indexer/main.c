/* passim-index — index a corpus of news articles.
 *
 * Reads every article file under the CORPUS arguments (default ./corpus),
 * builds one Xapian document per article and replaces it in the index by
 * its id term, in explicit transactions of bounded size. A file that cannot
 * be read is reported with its path and reason and skipped; the rest is
 * indexed, and the exit code says that some were skipped.
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "analyzer.h"
#include "article.h"
#include "cli.h"
#include "document.h"
#include "idset.h"
#include "stopwords.h"
#include "reader.h"
#include "store.h"
#include "xapian_c.h"

#define DEFAULT_BATCH_ARTICLES 500
#define MAX_BATCH_ARTICLES 100000
/* A batch is also committed once it holds this many bytes of text. */
#define BATCH_BYTES (64u * 1024u * 1024u)

static const char USAGE[] =
    "Usage: passim-index [OPTIONS] [CORPUS...]\n"
    "Index the article files (.txt, .txt.gz: one article each; .jsonl,\n"
    ".jsonl.gz: one JSON article per line) under each CORPUS directory or file\n"
    "(default: ./corpus). Articles already in the index are replaced by id.\n"
    "\n"
    "Options:\n"
    "  --index DIR      index directory (default: $PASSIM_INDEX, else ./index)\n"
    "  --batch N        articles per transaction (default 500)\n"
    "  --language L     stemming language (default english; 'none' disables)\n"
    "  --stopwords FILE words that keep their positions but get no weight,\n"
    "                   instead of the built-in English list ('none': no list)\n"
    "  -q, --quiet      print nothing but errors\n"
    "  -v, --verbose    name every file indexed\n"
    "  -h, --help       show this help\n"
    "\n"
    "Exit codes: 0 all indexed; 1 error; 2 usage error; 3 corpus not found;\n"
    "4 index locked by another writer; 5 index corrupt; 6 some files were\n"
    "skipped (reported on stderr), the rest indexed.\n";

typedef struct run {
    const char *index_dir;
    const char *language;
    uint32_t batch;
    int quiet, verbose, progress;
    xc_wdb *db;
    passim_analyzer *an;
    passim_idset *seen; /* article ids indexed in this run */
    const char *stopwords; /* --stopwords, or NULL for the built-in list */
    passim_idset *stop;
    int in_txn;
    uint32_t in_batch;
    size_t batch_bytes;
    /* totals */
    uint64_t articles, sentences, bytes, skipped;
} run;

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void report_skip(void *ctx, const char *path, passim_status st,
                        const char *reason)
{
    run *r = ctx;
    (void)st;
    r->skipped++;
    fprintf(stderr, "%spassim-index: %s: %s (skipped)\n",
            r->progress ? "\r\033[K" : "", path, reason);
}

/* Commit the batch in flight, if any. */
static passim_status flush_batch(run *r)
{
    if (!r->in_txn)
        return PASSIM_OK;
    r->in_txn = 0;
    r->in_batch = 0;
    r->batch_bytes = 0;
    return xc_wdb_commit_transaction(r->db);
}

/* Index one article. Problems that concern only this article are
 * reported (at `where`) and counted; the returned status is fatal for the
 * run. */
static passim_status index_article(run *r, const char *where, passim_article *art,
                                   uint64_t bytes)
{
    passim_status st;
    xc_doc *doc = NULL;
    passim_doc_stats ds = {0};
    char idterm[PASSIM_MAX_ID_BYTES + 2];
    int added = 0;

    if ((st = passim_idset_add(r->seen, art->id, &added)) != PASSIM_OK)
        goto out;
    if (!added) {
        report_skip(r, where, PASSIM_EINVAL, "duplicate article id in this run");
        goto out;
    }
    if (art->text_len == 0) {
        report_skip(r, where, PASSIM_EINVAL, "no text");
        goto out;
    }
    if (art->flags & PASSIM_ARTICLE_RECODED)
        fprintf(stderr, "%spassim-index: %s: not valid UTF-8; read as Windows-1252\n",
                r->progress ? "\r\033[K" : "", where);
    passim_build_opts bo = {r->stop};
    st = passim_document_build(&doc, r->an, art, &bo, &ds);
    if (st == PASSIM_ETOOBIG || st == PASSIM_EINVAL) {
        report_skip(r, where, st, passim_error_msg());
        st = PASSIM_OK;
        goto out;
    }
    if (st != PASSIM_OK)
        goto out;
    if (!r->in_txn) {
        if ((st = xc_wdb_begin(r->db, 1)) != PASSIM_OK)
            goto out;
        r->in_txn = 1;
    }
    if ((st = passim_id_term(art->id, idterm, sizeof idterm)) != PASSIM_OK ||
        (st = xc_wdb_replace(r->db, idterm, doc, NULL)) != PASSIM_OK)
        goto out;
    r->articles++;
    r->sentences += ds.sentences;
    r->in_batch++;
    r->batch_bytes += bytes;
    if (r->verbose)
        fprintf(stderr, "passim-index: %s -> %s (%u sentences)\n", where,
                art->id, ds.sentences);
    if (r->in_batch >= r->batch || r->batch_bytes >= BATCH_BYTES)
        st = flush_batch(r);
out:
    xc_doc_free(doc);
    return st;
}

/* Index every article of one corpus file. A read error of the file is
 * reported and ends the file (its articles read before it stand); the
 * returned status is fatal for the run (index or memory failure). */
static passim_status index_file(run *r, const passim_corpus_file *f)
{
    passim_status st, fatal = PASSIM_OK;
    passim_source *src = NULL;
    passim_article *art = NULL;
    uint64_t consumed = 0;
    char where[4096 + 32];

    st = passim_source_open(&src, f);
    while (st == PASSIM_OK && !stop_requested) {
        st = passim_source_next(src, &art, report_skip, r);
        if (st != PASSIM_OK || !art)
            break;
        uint64_t now = passim_source_bytes(src);
        if (passim_source_line(src))
            snprintf(where, sizeof where, "%s:%llu", f->path,
                     (unsigned long long)passim_source_line(src));
        else
            snprintf(where, sizeof where, "%s", f->path);
        fatal = index_article(r, where, art, now - consumed);
        consumed = now;
        passim_article_free(art);
        art = NULL;
        if (fatal != PASSIM_OK)
            break;
    }
    if (src)
        r->bytes += passim_source_bytes(src);
    passim_source_close(src);
    if (fatal != PASSIM_OK)
        return fatal;
    if (st == PASSIM_ENOMEM)
        return st;
    if (st != PASSIM_OK)
        report_skip(r, f->path, st, passim_error_msg());
    return PASSIM_OK;
}

static void show_progress(const run *r, size_t done, size_t total, double t0)
{
    double dt = now_seconds() - t0;
    fprintf(stderr, "\r\033[K%zu/%zu articles, %.1f MB, %.0f articles/s",
            done, total, r->bytes / 1e6, dt > 0 ? done / dt : 0.0);
}

static int parse_args(run *r, int argc, char **argv, int *first_corpus)
{
    static const struct option opts[] = {
        {"index", required_argument, NULL, 'i'},
        {"batch", required_argument, NULL, 'b'},
        {"language", required_argument, NULL, 'l'},
        {"stopwords", required_argument, NULL, 's'},
        {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "qvh", opts, NULL)) != -1) {
        switch (c) {
        case 'i': r->index_dir = optarg; break;
        case 'l': r->language = optarg; break;
        case 's': r->stopwords = optarg; break;
        case 'q': r->quiet = 1; break;
        case 'v': r->verbose = 1; break;
        case 'b':
            if (passim_parse_uint(optarg, MAX_BATCH_ARTICLES, &r->batch) < 0 ||
                r->batch == 0) {
                fprintf(stderr, "passim-index: --batch takes 1 to %d\n",
                        MAX_BATCH_ARTICLES);
                return PASSIM_EXIT_USAGE;
            }
            break;
        case 'h': fputs(USAGE, stdout); exit(PASSIM_EXIT_OK);
        default: fputs(USAGE, stderr); return PASSIM_EXIT_USAGE;
        }
    }
    *first_corpus = optind;
    return PASSIM_EXIT_OK;
}

int main(int argc, char **argv)
{
    run r = {0};
    passim_corpus_files files = {0};
    passim_status st = PASSIM_OK;
    int code, first;
    double t0 = now_seconds(), last_progress = 0;

    r.batch = DEFAULT_BATCH_ARTICLES;
    if ((code = parse_args(&r, argc, argv, &first)) != PASSIM_EXIT_OK)
        return code;
    r.index_dir = passim_store_path(r.index_dir);
    r.progress = !r.quiet && isatty(STDERR_FILENO);

    if ((st = passim_analyzer_new(&r.an, r.language)) != PASSIM_OK) {
        fprintf(stderr, "passim-index: unknown language '%s'\n", r.language);
        return PASSIM_EXIT_USAGE;
    }
    st = r.stopwords ? passim_stopwords_load(&r.stop, r.an, r.stopwords)
                     : passim_stopwords_default(&r.stop, r.an);
    if (st != PASSIM_OK) {
        fprintf(stderr, "passim-index: stopwords: %s\n", passim_error_msg());
        code = passim_exit_code(st);
        goto out;
    }
    if (first == argc) {
        st = passim_corpus_list("corpus", &files, report_skip, &r);
    } else {
        for (int i = first; i < argc && st == PASSIM_OK; i++)
            st = passim_corpus_list(argv[i], &files, report_skip, &r);
    }
    if (st != PASSIM_OK) {
        fprintf(stderr, "passim-index: %s\n", passim_error_msg());
        code = passim_exit_code(st);
        goto out;
    }
    if ((st = passim_idset_new(&r.seen)) != PASSIM_OK) {
        fprintf(stderr, "passim-index: out of memory\n");
        code = PASSIM_EXIT_ERROR;
        goto out;
    }
    if ((st = passim_store_open_write(&r.db, r.index_dir)) != PASSIM_OK) {
        fprintf(stderr, "passim-index: cannot open index %s for writing: %s%s%s\n",
                r.index_dir, passim_status_str(st),
                passim_error_msg()[0] ? ": " : "", passim_error_msg());
        code = passim_exit_code(st);
        goto out;
    }
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    for (size_t i = 0; i < files.n && !stop_requested; i++) {
        if ((st = index_file(&r, &files.v[i])) != PASSIM_OK)
            break;
        if (r.progress && now_seconds() - last_progress > 0.2) {
            show_progress(&r, i + 1, files.n, t0);
            last_progress = now_seconds();
        }
    }
    if (st == PASSIM_OK)
        st = flush_batch(&r);
    if (r.progress)
        fputs("\r\033[K", stderr);
    if (st != PASSIM_OK) {
        fprintf(stderr, "passim-index: indexing failed: %s%s%s; the batch in "
                        "flight was not committed\n",
                passim_status_str(st), passim_error_msg()[0] ? ": " : "",
                passim_error_msg());
        code = passim_exit_code(st);
        goto out;
    }
    if (!r.quiet)
        printf("indexed %llu articles, %llu sentences, %llu bytes in %.2f s"
               "%s%llu skipped\n",
               (unsigned long long)r.articles, (unsigned long long)r.sentences,
               (unsigned long long)r.bytes, now_seconds() - t0, "; ",
               (unsigned long long)r.skipped);
    code = stop_requested ? 130 : r.skipped ? PASSIM_EXIT_PARTIAL : PASSIM_EXIT_OK;
out:
    xc_wdb_close(r.db); /* cancels a transaction still open */
    passim_idset_free(r.seen);
    passim_idset_free(r.stop);
    passim_corpus_files_free(&files);
    passim_analyzer_free(r.an);
    return code;
}
