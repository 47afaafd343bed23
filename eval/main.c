/* passim-eval — retrieval metrics of a TREC run against relevance
 * judgments (the semantics are written out in lib/eval/evaluate.h). */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/cli.h"
#include "eval/evaluate.h"
#include "util/utf8out.h"

static const char USAGE[] =
    "Usage: passim-eval [OPTIONS] QRELS RUN\n"
    "Score a TREC run (RUN; '-' reads standard input) against relevance\n"
    "judgments (QRELS), with trec_eval's definitions.\n"
    "  QRELS lines: qid 0 docid rel          (rel > 0 is relevant; it is the gain)\n"
    "  RUN lines:   qid Q0 docid rank score tag\n"
    "\n"
    "Options:\n"
    "  --per-query     also show the values of each query\n"
    "  --run-queries   average over the queries present in the run only\n"
    "                  (trec_eval's default); without it every query of the\n"
    "                  qrels with a relevant document counts, and one missing\n"
    "                  from the run scores 0 (trec_eval -c)\n"
    "  --json          one JSON object on standard output\n"
    "  -h, --help      show this help\n"
    "\n"
    "Metrics: map (over all retrieved), P_10, ndcg_cut_10 (linear gain rel,\n"
    "discount log2(rank+1)), recall_1000. A query's documents are ranked by\n"
    "score, equal scores by docid descending (as trec_eval); the rank column\n"
    "is not used. A document listed twice for a query counts at its first\n"
    "line (a warning names the others).\n"
    "Limits: 4096 bytes a line, 20000000 lines and 1000000 queries a file.\n"
    "Exit codes: 0 success; 1 error (I/O, memory); 2 usage error or malformed\n"
    "input (the message names file:line); 3 file not found.\n";

/* Warnings printed one by one before they are only counted. */
#define MAX_WARNINGS 10

typedef struct cli {
    const char *qrels_path, *run_path;
    int per_query, json;
    passim_eval_opts opts;
} cli;

typedef struct warn_state {
    size_t count;
} warn_state;

/* Print the first warnings on stderr; count the rest. */
static void on_warning(void *ctx, const char *msg)
{
    warn_state *w = ctx;
    if (w->count++ < MAX_WARNINGS)
        fprintf(stderr, "passim-eval: warning: %s\n", msg);
}

/* The exit code of a failed status: malformed input is a usage error. */
static int exit_code(passim_status st)
{
    if (st == PASSIM_EINVAL || st == PASSIM_ETOOBIG)
        return PASSIM_EXIT_USAGE;
    return passim_exit_code(st);
}

static int fail(passim_status st)
{
    fprintf(stderr, "passim-eval: %s\n",
            passim_error_msg()[0] ? passim_error_msg() : passim_status_str(st));
    return exit_code(st);
}

/* Parse the command line into *c; returns an exit code (0 to go on). */
static int parse_args(cli *c, int argc, char **argv)
{
    static const struct option opts[] = {
        {"per-query", no_argument, NULL, 'q'},
        {"run-queries", no_argument, NULL, 'r'},
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int ch;
    opterr = 0; /* passim_cli_bad_option reports */
    while ((ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (ch) {
        case 'q': c->per_query = 1; break;
        case 'r': c->opts.run_queries_only = 1; break;
        case 'j': c->json = 1; break;
        case 'h': fputs(USAGE, stdout); exit(PASSIM_EXIT_OK);
        default: return passim_cli_bad_option("passim-eval", ch, argc, argv, opts);
        }
    }
    if (argc - optind != 2)
        return passim_cli_usage("passim-eval", "expected QRELS and RUN");
    c->qrels_path = argv[optind];
    c->run_path = argv[optind + 1];
    return PASSIM_EXIT_OK;
}

/* Write s with C0 controls and DEL shown as '?' (query ids hold none, but
 * file names may). */
static void put_clean(FILE *f, const char *s)
{
    for (; *s; s++)
        fputc((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s, f);
}

/* The per-query table, one row a query. */
static void print_per_query(FILE *f, const passim_eval_result *res)
{
    int w = 5;
    for (size_t i = 0; i < res->n; i++) {
        size_t len = strlen(res->q[i].qid);
        if (len > (size_t)w)
            w = len > 64 ? 64 : (int)len;
    }
    fprintf(f, "%-*s  %-6s  %-6s  %-11s  %-11s  %7s  %7s  %11s\n", w, "qid", "map",
            "P_10", "ndcg_cut_10", "recall_1000", "num_rel", "num_ret",
            "num_rel_ret");
    for (size_t i = 0; i < res->n; i++) {
        const passim_eval_query *q = &res->q[i];
        fprintf(f, "%-*s  %.4f  %.4f  %-11.4f  %-11.4f  %7u  %7u  %11u%s\n", w,
                q->qid, q->ap, q->p10, q->ndcg10, q->recall1000, q->num_rel,
                q->num_ret, q->num_rel_ret, q->in_run ? "" : "  (not in run)");
    }
    fputc('\n', f);
}

/* The summary table, one row a metric or count. */
static void print_text(FILE *f, const cli *c, const passim_eval_result *res,
                       size_t duplicates)
{
    if (c->per_query)
        print_per_query(f, res);
    fprintf(f, "%-12s %s\n", "metric", "all");
    fprintf(f, "%-12s %.4f\n", "map", res->map);
    fprintf(f, "%-12s %.4f\n", "P_10", res->p10);
    fprintf(f, "%-12s %.4f\n", "ndcg_cut_10", res->ndcg10);
    fprintf(f, "%-12s %.4f\n", "recall_1000", res->recall1000);
    fprintf(f, "%-12s %zu\n", "num_q", res->n);
    fprintf(f, "%-12s %zu\n", "missing", res->missing);
    fprintf(f, "%-12s %zu\n", "ignored", res->ignored);
    fprintf(f, "%-12s %zu\n", "duplicates", duplicates);
    fprintf(f, "%-12s %llu\n", "num_ret", (unsigned long long)res->num_ret);
    fprintf(f, "%-12s %llu\n", "num_rel", (unsigned long long)res->num_rel);
    fprintf(f, "%-12s %llu\n", "num_rel_ret", (unsigned long long)res->num_rel_ret);
    fputs("\nqueries: ", f);
    if (c->opts.run_queries_only)
        fputs("those of the qrels with a relevant document that the run has\n", f);
    else
        fputs("all of the qrels with a relevant document (missing from the run: "
              "scored 0)\n",
              f);
    fputs("run: ", f);
    put_clean(f, c->run_path);
    fputs("\nqrels: ", f);
    put_clean(f, c->qrels_path);
    fputc('\n', f);
}

/* A JSON string of s, bytes that are not UTF-8 (a file name may hold
 * some) written as \xHH (utf8out.h); NULL when out of memory. */
static json_t *string_or_null(const char *s)
{
    size_t len;
    char *clean = passim_utf8out_dup(&len, s, strlen(s));
    json_t *j = clean ? json_stringn(clean, len) : NULL;
    free(clean);
    return j;
}

/* Set key of o to the new value v; -1 if v is NULL or on failure. */
static int put(json_t *o, const char *key, json_t *v)
{
    return v && json_object_set_new(o, key, v) == 0 ? 0 : -1;
}

/* The metrics of one query or of the mean, into object o. */
static int put_metrics(json_t *o, double ap, double p10, double ndcg, double recall)
{
    if (put(o, "map", json_real(ap)) < 0 || put(o, "P_10", json_real(p10)) < 0 ||
        put(o, "ndcg_cut_10", json_real(ndcg)) < 0 ||
        put(o, "recall_1000", json_real(recall)) < 0)
        return -1;
    return 0;
}

/* The JSON object of the evaluation; NULL on allocation failure. */
static json_t *result_json(const cli *c, const passim_eval_result *res,
                           size_t duplicates)
{
    json_t *root = json_object(), *metrics = json_object(), *per = NULL;
    if (!root || !metrics || put(root, "qrels", string_or_null(c->qrels_path)) < 0 ||
        put(root, "run", string_or_null(c->run_path)) < 0 ||
        put(root, "queries", json_string(c->opts.run_queries_only ? "run" : "qrels")) < 0 ||
        put(root, "gain", json_string("linear")) < 0 ||
        put_metrics(metrics, res->map, res->p10, res->ndcg10, res->recall1000) < 0)
        goto fail;
    if (put(root, "metrics", metrics) < 0) {
        metrics = NULL;
        goto fail;
    }
    metrics = NULL;
    if (put(root, "num_q", json_integer((json_int_t)res->n)) < 0 ||
        put(root, "missing", json_integer((json_int_t)res->missing)) < 0 ||
        put(root, "ignored", json_integer((json_int_t)res->ignored)) < 0 ||
        put(root, "duplicates", json_integer((json_int_t)duplicates)) < 0 ||
        put(root, "num_ret", json_integer((json_int_t)res->num_ret)) < 0 ||
        put(root, "num_rel", json_integer((json_int_t)res->num_rel)) < 0 ||
        put(root, "num_rel_ret", json_integer((json_int_t)res->num_rel_ret)) < 0)
        goto fail;
    if (c->per_query) {
        if (!(per = json_array()))
            goto fail;
        for (size_t i = 0; i < res->n; i++) {
            const passim_eval_query *q = &res->q[i];
            json_t *o = json_object();
            if (!o || json_array_append_new(per, o) < 0 ||
                put(o, "qid", json_string(q->qid)) < 0 ||
                put(o, "in_run", json_boolean(q->in_run)) < 0 ||
                put_metrics(o, q->ap, q->p10, q->ndcg10, q->recall1000) < 0 ||
                put(o, "num_rel", json_integer(q->num_rel)) < 0 ||
                put(o, "num_ret", json_integer(q->num_ret)) < 0 ||
                put(o, "num_rel_ret", json_integer(q->num_rel_ret)) < 0)
                goto fail;
        }
        if (put(root, "per_query", per) < 0) {
            per = NULL;
            goto fail;
        }
    }
    return root;
fail:
    json_decref(metrics);
    json_decref(per);
    json_decref(root);
    return NULL;
}

int main(int argc, char **argv)
{
    cli c = {0};
    passim_qrels *qrels = NULL;
    passim_run *run = NULL;
    passim_eval_result res = {0};
    warn_state warned = {0};
    json_t *j = NULL;
    passim_status st;
    int code;

    c.opts = PASSIM_EVAL_OPTS_DEFAULT;
    if ((code = parse_args(&c, argc, argv)) != PASSIM_EXIT_OK)
        return code;
    if ((st = passim_qrels_load(&qrels, c.qrels_path)) != PASSIM_OK) {
        code = fail(st);
        goto out;
    }
    if (strcmp(c.run_path, "-") == 0)
        st = passim_run_read(&run, stdin, "<stdin>", on_warning, &warned);
    else
        st = passim_run_load(&run, c.run_path, on_warning, &warned);
    if (st != PASSIM_OK) {
        code = fail(st);
        goto out;
    }
    if (warned.count > MAX_WARNINGS)
        fprintf(stderr, "passim-eval: warning: %zu duplicate lines ignored in all\n",
                warned.count);
    if ((st = passim_eval_compute(&res, qrels, run, &c.opts)) != PASSIM_OK) {
        code = fail(st);
        goto out;
    }
    if (c.json) {
        if (!(j = result_json(&c, &res, passim_run_duplicates(run)))) {
            code = fail(passim_error_set(PASSIM_ENOMEM, "out of memory"));
            goto out;
        }
        if (json_dumpf(j, stdout, JSON_PRESERVE_ORDER | JSON_COMPACT) == 0)
            fputc('\n', stdout);
    } else {
        print_text(stdout, &c, &res, passim_run_duplicates(run));
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        code = fail(passim_error_set(PASSIM_EIO, "write error on standard output"));
        goto out;
    }
    code = PASSIM_EXIT_OK;
out:
    json_decref(j);
    passim_eval_result_release(&res);
    passim_run_free(run);
    passim_qrels_free(qrels);
    return code;
}
