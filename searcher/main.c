/* passim-search — rank and show the passages that answer a query. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyzer.h"
#include "cli.h"
#include "query.h"
#include "render.h"
#include "search.h"
#include "store.h"
#include "xapian_c.h"

static const char USAGE[] =
    "Usage: passim-search [OPTIONS] QUERY...\n"
    "Show the passages of the indexed articles that best answer QUERY.\n"
    "QUERY: words, \"exact phrases\", +must, -exclude, AND OR NOT ( ),\n"
    "a NEAR b, a NEAR/5 b, prefix*, title:word, date:2015, date:A..B.\n"
    "Several arguments are joined with spaces. See the README for details.\n"
    "\n"
    "Options:\n"
    "  --index DIR        index directory (default: $PASSIM_INDEX, else ./index)\n"
    "  --limit N          passages to show (default 10, at most 1000)\n"
    "  --offset N         passages to skip first (default 0, at most 10000)\n"
    "  --per-article K    most passages from one article (default 1)\n"
    "  --top N            articles whose passages are ranked (default 50)\n"
    "  --weighting NAME   article ranking: bm25 (default), ineb2, dlh, ...\n"
    "  --language L       stemming language of the index (default english)\n"
    "  --json             one JSON object on stdout (schema in the README)\n"
    "  --color WHEN       bold highlights: auto (default), always, never\n"
    "  -h, --help         show this help\n"
    "\n"
    "Highlights are bold on a terminal, [[like this]] otherwise.\n"
    "Exit codes: 0 success (also when nothing matches); 1 error; 2 usage or\n"
    "query error; 3 index not found; 5 index corrupt.\n";

typedef struct cli {
    const char *index_dir, *language, *color;
    int json;
    passim_search_opts opts;
} cli;

static int bad_value(const char *opt, unsigned max)
{
    fprintf(stderr, "passim-search: %s takes a whole number from 0 to %u\n", opt, max);
    return PASSIM_EXIT_USAGE;
}

static int parse_args(cli *c, int argc, char **argv, int *first)
{
    static const struct option opts[] = {
        {"index", required_argument, NULL, 'i'},
        {"limit", required_argument, NULL, 'n'},
        {"offset", required_argument, NULL, 'o'},
        {"per-article", required_argument, NULL, 'k'},
        {"top", required_argument, NULL, 't'},
        {"weighting", required_argument, NULL, 'w'},
        {"language", required_argument, NULL, 'l'},
        {"json", no_argument, NULL, 'j'},
        {"color", required_argument, NULL, 'c'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int ch;
    passim_search_opts *o = &c->opts;
    while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (ch) {
        case 'i': c->index_dir = optarg; break;
        case 'l': c->language = optarg; break;
        case 'w': o->weighting = optarg; break;
        case 'j': c->json = 1; break;
        case 'c': c->color = optarg; break;
        case 'n':
            if (passim_parse_uint(optarg, PASSIM_MAX_LIMIT, &o->limit) < 0)
                return bad_value("--limit", PASSIM_MAX_LIMIT);
            break;
        case 'o':
            if (passim_parse_uint(optarg, PASSIM_MAX_OFFSET, &o->offset) < 0)
                return bad_value("--offset", PASSIM_MAX_OFFSET);
            break;
        case 'k':
            if (passim_parse_uint(optarg, PASSIM_MAX_PER_ARTICLE, &o->per_article) < 0 ||
                o->per_article == 0) {
                fprintf(stderr, "passim-search: --per-article takes 1 to %d\n",
                        PASSIM_MAX_PER_ARTICLE);
                return PASSIM_EXIT_USAGE;
            }
            break;
        case 't':
            if (passim_parse_uint(optarg, PASSIM_MAX_OFFSET, &o->top_n) < 0 ||
                o->top_n == 0) {
                fprintf(stderr, "passim-search: --top takes 1 to %d\n",
                        PASSIM_MAX_OFFSET);
                return PASSIM_EXIT_USAGE;
            }
            break;
        case 'h': fputs(USAGE, stdout); exit(PASSIM_EXIT_OK);
        default: fputs(USAGE, stderr); return PASSIM_EXIT_USAGE;
        }
    }
    if (c->color && strcmp(c->color, "auto") && strcmp(c->color, "always") &&
        strcmp(c->color, "never")) {
        fprintf(stderr, "passim-search: --color takes auto, always or never\n");
        return PASSIM_EXIT_USAGE;
    }
    if (optind == argc) {
        fputs(USAGE, stderr);
        return PASSIM_EXIT_USAGE;
    }
    *first = optind;
    return PASSIM_EXIT_OK;
}

/* The query: the remaining arguments joined with spaces; malloc'd. */
static char *join_args(int argc, char **argv, int first)
{
    size_t n = 1;
    for (int i = first; i < argc; i++)
        n += strlen(argv[i]) + 1;
    char *q = malloc(n), *p = q;
    if (!q)
        return NULL;
    for (int i = first; i < argc; i++) {
        size_t len = strlen(argv[i]);
        if (i > first)
            *p++ = ' ';
        memcpy(p, argv[i], len);
        p += len;
    }
    *p = '\0';
    return q;
}

static int use_ansi(const char *color)
{
    const char *term = getenv("TERM");
    if (color && strcmp(color, "always") == 0)
        return 1;
    if (color && strcmp(color, "never") == 0)
        return 0;
    return isatty(STDOUT_FILENO) && !getenv("NO_COLOR") && term &&
           strcmp(term, "dumb") != 0;
}

static int fail(passim_status st, const char *what)
{
    fprintf(stderr, "passim-search: %s: %s%s%s\n", what, passim_status_str(st),
            passim_error_msg()[0] ? ": " : "", passim_error_msg());
    return passim_exit_code(st);
}

int main(int argc, char **argv)
{
    cli c = {0};
    char *query = NULL;
    passim_analyzer *an = NULL;
    xc_db *db = NULL;
    passim_results res = {0};
    passim_status st;
    int code, first;

    c.opts = PASSIM_SEARCH_OPTS_DEFAULT;
    if ((code = parse_args(&c, argc, argv, &first)) != PASSIM_EXIT_OK)
        return code;
    c.index_dir = passim_store_path(c.index_dir);
    if (!(query = join_args(argc, argv, first))) {
        code = fail(PASSIM_ENOMEM, "query");
        goto out;
    }
    if ((st = passim_analyzer_new(&an, c.language)) != PASSIM_OK) {
        fprintf(stderr, "passim-search: unknown language '%s'\n", c.language);
        code = PASSIM_EXIT_USAGE;
        goto out;
    }
    if ((st = passim_store_open_read(&db, c.index_dir)) != PASSIM_OK) {
        if (st == PASSIM_ENOTFOUND)
            fprintf(stderr, "passim-search: no index at %s (build one with "
                            "passim-index, or set --index / PASSIM_INDEX)\n",
                    c.index_dir);
        else
            fail(st, c.index_dir);
        code = passim_exit_code(st);
        goto out;
    }
    if ((st = passim_search_run(db, an, query, strlen(query), &c.opts, &res)) != PASSIM_OK) {
        if (st == PASSIM_EQUERY) {
            fprintf(stderr, "passim-search: %s\n", passim_error_msg());
            if (passim_query_error_offset() != SIZE_MAX)
                passim_show_query_error(stderr, query, passim_query_error_offset());
            code = PASSIM_EXIT_USAGE;
        } else {
            code = fail(st, "search failed");
        }
        goto out;
    }
    if (c.json)
        st = passim_render_json(stdout, query, &c.opts, &res);
    else if (res.n == 0)
        printf("No results for: %s\n", query);
    else
        st = passim_render_text(stdout, &res, use_ansi(c.color));
    if (fflush(stdout) != 0 && st == PASSIM_OK)
        st = passim_error_set(PASSIM_EIO, "write error");
    code = st == PASSIM_OK ? PASSIM_EXIT_OK : fail(st, "output");
out:
    passim_results_release(&res);
    xc_db_close(db);
    passim_analyzer_free(an);
    free(query);
    return code;
}
