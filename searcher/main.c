/* passim-search — rank and show the passages that answer a query. */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "text/analyzer.h"
#include "util/idset.h"
#include "text/stopwords.h"
#include "util/cli.h"
#include "eval/evaluate.h"
#include "search/query.h"
#include "search/render.h"
#include "search/search.h"
#include "index/index.h"
#include "util/utf8out.h"
#include "search/view.h"
#include "index/docdata.h"

static const char USAGE[] =
    "Usage: passim-search [OPTIONS] QUERY...\n"
    "       passim-search [OPTIONS] --show ID [QUERY...]\n"
    "Show the passages of the indexed articles that best answer QUERY.\n"
    "QUERY: words, \"exact phrases\", +must, -exclude, AND OR NOT ( ),\n"
    "a NEAR b, a NEAR/5 b, prefix*, title:word, byline:name, date:2015,\n"
    "date:A..B.\n"
    "Several arguments are joined with spaces. See the README for details.\n"
    "\n"
    "Options:\n"
    "  --index DIR        index directory (default: $PASSIM_INDEX, else ./index)\n"
    "  --limit N          passages to show (default 10, at most 1000; with\n"
    "                     --by article, articles)\n"
    "  --offset N         passages (articles) to skip first (default 0, at\n"
    "                     most 10000)\n"
    "  --per-article K    most passages from one article (default 1)\n"
    "  --top N            articles whose passages are ranked (default 50; at\n"
    "                     least offset + limit)\n"
    "  --weighting S      article ranking scheme NAME[:P1,P2,...]: bm25,\n"
    "                     bm25+, ineb2 (default), ifb2, inl2, pl2, dlh, tfidf\n"
    "  --title-boost X    weight of title matches (default 0.25; 0: off)\n"
    "  --proximity X      weight of query words found near each other\n"
    "                     (default 0: off)\n"
    "  --passage-words N  passage length bound in words (default 60)\n"
    "  --passage-k1 X, --passage-b X  BM25 parameters of passage scoring\n"
    "                     (defaults 1.2 and 0.5)\n"
    "  --passage-coverage X  bonus for passages holding more of the query's\n"
    "                     words (default 0)\n"
    "  --article-weight X how much the article's rank adds to its passages'\n"
    "                     scores (default 0)\n"
    "  --by article|passage  list articles in rank order with their top K\n"
    "                     passages, or the best passages first (default)\n"
    "  --batch FILE       run one query per line (QID<TAB>TEXT) in one process and\n"
    "                     print a TREC run: QID Q0 ID RANK SCORE TAG (articles,\n"
    "                     up to --limit, default 1000); text is plain words\n"
    "  --trec TAG         the run tag of --batch (default passim)\n"
    "  --operators        in --batch, read the query language instead of words\n"
    "  --stopwords FILE   stopwords of the query instead of those the index was\n"
    "                     built with ('none': keep every word)\n"
    "  --language L       stemming language of the index (default english)\n"
    "  --show ID          show the whole article ID (title, date, byline, url,\n"
    "                     its paragraphs); QUERY, if given, is highlighted\n"
    "  --json             one JSON object on stdout (schema in the README)\n"
    "  --color WHEN       bold highlights: auto (default), always, never\n"
    "  -h, --help         show this help\n"
    "\n"
    "Highlights are bold on a terminal, [[like this]] otherwise.\n"
    "Exit codes: 0 success (also when nothing matches); 1 error; 2 usage or\n"
    "query error; 3 index (or --show's article) not found; 5 index corrupt.\n";

typedef struct cli {
    const char *index_dir, *language, *color;
    const char *show; /* --show ID: the article view */
    const char *batch, *trec_tag, *stopwords;
    passim_idset *stop;
    int json, operators, limit_given;
    passim_search_opts opts;
} cli;

#define PROG "passim-search"

/* A bad whole-number value: name the option and its range. */
static int bad_value(const char *opt, unsigned min, unsigned max)
{
    return passim_cli_usage(PROG, "%s takes a whole number from %u to %u", opt, min, max);
}

/* The article ranking schemes --weighting takes, with the number of
 * parameters each takes when any are given (none is always allowed). */
static const struct scheme {
    const char *name;
    size_t nparams;
} SCHEMES[] = {{"ineb2", 1}, {"bm25", 5}, {"bm25+", 6}, {"ifb2", 1},
               {"inl2", 1},  {"pl2", 1},  {"dlh", 0},   {"tfidf", 0}};
#define SCHEME_LIST "ineb2, bm25, bm25+, ifb2, inl2, pl2, dlh, tfidf"

/* Parse --weighting's value into r: a scheme of SCHEMES with no
 * parameters or with exactly its count, each a finite number >= 0.
 * Returns 0, or an exit code after reporting the problem. */
static int parse_weighting(passim_rank_opts *r, const char *spec)
{
    if (passim_rank_parse_scheme(r, spec) != PASSIM_OK)
        return passim_cli_usage(PROG, "--weighting takes NAME[:P1,P2,...] with NAME "
                                      "one of " SCHEME_LIST);
    for (size_t i = 0; i < sizeof SCHEMES / sizeof *SCHEMES; i++) {
        if (strcmp(SCHEMES[i].name, r->weighting) != 0)
            continue;
        if (r->nparams != 0 && r->nparams != SCHEMES[i].nparams) {
            if (SCHEMES[i].nparams == 0)
                return passim_cli_usage(PROG, "--weighting %s takes no parameters",
                                        SCHEMES[i].name);
            return passim_cli_usage(PROG, "--weighting %s takes %zu parameter%s, or none",
                                    SCHEMES[i].name, SCHEMES[i].nparams,
                                    SCHEMES[i].nparams == 1 ? "" : "s");
        }
        for (size_t k = 0; k < r->nparams; k++)
            if (!(r->params[k] >= 0 && r->params[k] <= 1e6))
                return passim_cli_usage(PROG, "--weighting parameters are numbers "
                                              "from 0 to 1000000");
        return 0;
    }
    return passim_cli_usage(PROG, "--weighting: unknown scheme; one of " SCHEME_LIST);
}

/* A boost factor in [0, 100]. Returns 0, or -1 if malformed. */
static int parse_factor(double *out, const char *s)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !(v >= 0 && v <= 100))
        return -1;
    *out = v;
    return 0;
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
        {"title-boost", required_argument, NULL, 'T'},
        {"proximity", required_argument, NULL, 'P'},
        {"passage-words", required_argument, NULL, 'W'},
        {"article-weight", required_argument, NULL, 'A'},
        {"passage-k1", required_argument, NULL, 'k' + 256},
        {"passage-b", required_argument, NULL, 'b' + 256},
        {"passage-coverage", required_argument, NULL, 'c' + 256},
        {"by", required_argument, NULL, 'B'},
        {"batch", required_argument, NULL, 'b'},
        {"trec", required_argument, NULL, 'r'},
        {"operators", no_argument, NULL, 'O'},
        {"stopwords", required_argument, NULL, 'S'},
        {"language", required_argument, NULL, 'l'},
        {"json", no_argument, NULL, 'j'},
        {"color", required_argument, NULL, 'c'},
        {"show", required_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int ch;
    passim_search_opts *o = &c->opts;
    opterr = 0; /* passim_cli_bad_option reports */
    while ((ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (ch) {
        case 'i': c->index_dir = optarg; break;
        case 'l': c->language = optarg; break;
        case 'w': {
            int code = parse_weighting(&o->rank, optarg);
            if (code)
                return code;
            break;
        }
        case 'T':
        case 'P':
            if (parse_factor(ch == 'T' ? &o->rank.title_boost
                                               : &o->rank.proximity, optarg) < 0) {
                return passim_cli_usage(PROG, "--%s takes a number from 0 to 100",
                                        ch == 'T' ? "title-boost" : "proximity");
            }
            break;
        case 'k' + 256:
        case 'b' + 256: {
            double v;
            if (parse_factor(&v, optarg) < 0 || (ch == 'b' + 256 && v > 1)) {
                return passim_cli_usage(PROG, "--passage-%s takes a number from 0 to %s",
                                        ch == 'b' + 256 ? "b" : "k1",
                                        ch == 'b' + 256 ? "1" : "100");
            }
            *(ch == 'b' + 256 ? &o->passage.b : &o->passage.k1) = v;
            break;
        }
        case 'c' + 256:
            if (parse_factor(&o->passage.coverage, optarg) < 0)
                return passim_cli_usage(PROG, "--passage-coverage takes a number "
                                              "from 0 to 100");
            break;
        case 'A':
            if (parse_factor(&o->article_weight, optarg) < 0)
                return passim_cli_usage(PROG, "--article-weight takes a number "
                                              "from 0 to 100");
            break;
        case 'W':
            if (passim_parse_uint(&o->passage.max_words, optarg, 1000) < 0 ||
                o->passage.max_words == 0)
                return bad_value("--passage-words", 1, 1000);
            break;
        case 'B':
            if (strcmp(optarg, "article") && strcmp(optarg, "passage"))
                return passim_cli_usage(PROG, "--by takes article or passage");
            o->by_article = strcmp(optarg, "article") == 0;
            break;
        case 'b': c->batch = optarg; break;
        case 'r': c->trec_tag = optarg; break;
        case 'O': c->operators = 1; break;
        case 'S': c->stopwords = optarg; break;
        case 'j': c->json = 1; break;
        case 's': c->show = optarg; break;
        case 'c': c->color = optarg; break;
        case 'n':
            if (passim_parse_uint(&o->limit, optarg, PASSIM_MAX_LIMIT) < 0 ||
                o->limit == 0)
                return bad_value("--limit", 1, PASSIM_MAX_LIMIT);
            c->limit_given = 1;
            break;
        case 'o':
            if (passim_parse_uint(&o->offset, optarg, PASSIM_MAX_OFFSET) < 0)
                return bad_value("--offset", 0, PASSIM_MAX_OFFSET);
            break;
        case 'k':
            if (passim_parse_uint(&o->per_article, optarg, PASSIM_MAX_PER_ARTICLE) < 0 ||
                o->per_article == 0)
                return bad_value("--per-article", 1, PASSIM_MAX_PER_ARTICLE);
            break;
        case 't':
            if (passim_parse_uint(&o->top_n, optarg, PASSIM_MAX_OFFSET) < 0 ||
                o->top_n == 0)
                return bad_value("--top", 1, PASSIM_MAX_OFFSET);
            break;
        case 'h': fputs(USAGE, stdout); exit(PASSIM_EXIT_OK);
        default: return passim_cli_bad_option(PROG, ch, argc, argv, opts);
        }
    }
    if (c->color && strcmp(c->color, "auto") && strcmp(c->color, "always") &&
        strcmp(c->color, "never"))
        return passim_cli_usage(PROG, "--color takes auto, always or never");
    if (c->batch && optind != argc)
        return passim_cli_usage(PROG, "--batch takes its queries from the file");
    if (c->show && c->batch)
        return passim_cli_usage(PROG, "--show and --batch do not go together");
    if (!c->batch && !c->show && optind == argc)
        return passim_cli_usage(PROG, "no query given");
    if (c->trec_tag && (!*c->trec_tag || strpbrk(c->trec_tag, " \t\n")))
        return passim_cli_usage(PROG, "--trec takes a tag without spaces");
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

/* The stopwords queries are read with: --stopwords, else the index's. */
static const passim_idset *stopwords(const cli *c, const passim_index *ix)
{
    return c->stop ? c->stop : passim_index_stopwords(ix);
}

/* Split a TSV line "QID<TAB>TEXT" in place; NULL text if malformed. */
static char *split_query_line(char **qid, char *line)
{
    size_t n = strlen(line);
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
    char *tab = strchr(line, '\t');
    *qid = line;
    if (!tab || tab == line)
        return NULL;
    *tab = '\0';
    for (char *p = line; *p; p++)
        if (*p == ' ')
            return NULL;
    return tab + 1;
}

/* --batch: one ranked article list per query line, as a TREC run. A query
 * that fails is reported on stderr and skipped. Returns the exit code. */
static int run_batch(const cli *c, passim_index *ix, passim_analyzer *an)
{
    FILE *f = strcmp(c->batch, "-") ? fopen(c->batch, "r") : stdin;
    char *line = NULL;
    size_t cap = 0, lineno = 0, failed = 0;
    ssize_t got;
    const char *tag = c->trec_tag ? c->trec_tag : "passim";
    uint32_t limit = c->limit_given ? c->opts.limit : 1000;
    int flags = PASSIM_PARSE_BATCH | (c->operators ? 0 : PASSIM_PARSE_WORDS_ONLY);

    if (!f) {
        fprintf(stderr, "passim-search: %s: %s\n", c->batch, strerror(errno));
        return errno == ENOENT ? PASSIM_EXIT_NOTFOUND : PASSIM_EXIT_ERROR;
    }
    while ((got = getline(&line, &cap, f)) > 0) {
        char *qid, *text;
        passim_query *q = NULL;
        passim_ranking rk = {0};
        passim_status st;
        lineno++;
        if (line[0] == '\n' || line[0] == '#')
            continue;
        if (!(text = split_query_line(&qid, line))) {
            fprintf(stderr, "passim-search: %s:%zu: not QID<TAB>QUERY (skipped)\n",
                    c->batch, lineno);
            failed++;
            continue;
        }
        st = passim_query_parse_stop(&q, an, text, strlen(text), flags, stopwords(c, ix));
        if (st == PASSIM_OK)
            st = passim_search_articles(&rk, ix, q, &c->opts.rank, limit);
        if (st != PASSIM_OK) {
            fprintf(stderr, "passim-search: %s:%zu: query %s: %s (skipped)\n",
                    c->batch, lineno, qid, passim_error_msg());
            failed++;
        }
        for (size_t i = 0; i < rk.n; i++) {
            printf("%s Q0 ", qid);
            passim_trec_id_write(stdout, rk.v[i].id); /* one field, escaped */
            printf(" %zu %.6f %s\n", i + 1, rk.v[i].score, tag);
        }
        passim_ranking_release(&rk);
        passim_query_free(q);
    }
    free(line);
    if (f != stdin)
        fclose(f);
    if (fflush(stdout) != 0) {
        fprintf(stderr, "passim-search: write error\n");
        return PASSIM_EXIT_ERROR;
    }
    if (failed)
        fprintf(stderr, "passim-search: %zu of %zu queries failed\n", failed, lineno);
    return PASSIM_EXIT_OK;
}

/* Report a query error (exit 2) with the caret under its place. */
static int query_error(const char *query)
{
    fprintf(stderr, "passim-search: %s\n", passim_error_msg());
    if (passim_query_error_offset() != SIZE_MAX)
        passim_show_query_error(stderr, query, passim_query_error_offset());
    return PASSIM_EXIT_USAGE;
}

/* Write "no article has the id 'ID'" to stderr, the id escaped (utf8out.h)
 * and its control characters shown as '?'. */
static void no_such_article(const char *id)
{
    char *clean = passim_utf8out_dup(NULL, id, strlen(id));
    if (clean)
        for (char *p = clean; *p; p++)
            if ((unsigned char)*p < 0x20 || *p == 0x7f)
                *p = '?';
    fprintf(stderr, "passim-search: no article has the id '%s'\n", clean ? clean : "?");
    free(clean);
}

/* --show ID [QUERY]: the whole article, QUERY's words highlighted.
 * Returns the exit code (3 for an unknown id). */
static int run_show(const cli *c, passim_index *ix, passim_analyzer *an, const char *query)
{
    passim_docdata doc = {0};
    passim_query *q = NULL;
    passim_view v = {0};
    passim_status st;
    int code;
    if (query && (st = passim_query_parse_stop(&q, an, query, strlen(query), 0,
                                               stopwords(c, ix))) != PASSIM_OK) {
        code = st == PASSIM_EQUERY ? query_error(query) : fail(st, "query");
        goto out;
    }
    if ((st = passim_search_article(&doc, ix, c->show, strlen(c->show))) != PASSIM_OK) {
        if (st == PASSIM_ENOTFOUND)
            no_such_article(c->show);
        code = st == PASSIM_ENOTFOUND ? PASSIM_EXIT_NOTFOUND : fail(st, "article");
        goto out;
    }
    if ((st = passim_view_build(&v, &doc, an, q)) != PASSIM_OK) {
        code = fail(st, "article");
        goto out;
    }
    st = c->json ? passim_render_view_json(stdout, &v, query)
                 : passim_render_view_text(stdout, &v, use_ansi(c->color));
    if (fflush(stdout) != 0 && st == PASSIM_OK)
        st = passim_error_set(PASSIM_EIO, "write error");
    code = st == PASSIM_OK ? PASSIM_EXIT_OK : fail(st, "output");
out:
    passim_view_release(&v);
    passim_docdata_release(&doc);
    passim_query_free(q);
    return code;
}

int main(int argc, char **argv)
{
    cli c = {0};
    char *query = NULL;
    passim_analyzer *an = NULL;
    passim_index *ix = NULL;
    passim_results res = {0};
    passim_status st;
    int code, first = 0;

    c.opts = PASSIM_SEARCH_OPTS_DEFAULT;
    if ((code = parse_args(&c, argc, argv, &first)) != PASSIM_EXIT_OK)
        return code;
    c.index_dir = passim_index_path(c.index_dir);
    if (!c.batch && first < argc && !(query = join_args(argc, argv, first))) {
        code = fail(PASSIM_ENOMEM, "query");
        goto out;
    }
    if ((st = passim_analyzer_new(&an, c.language)) != PASSIM_OK) {
        code = passim_cli_usage("passim-search", "unknown language '%s'", c.language);
        goto out;
    }
    st = c.stopwords ? passim_stopwords_load(&c.stop, an, c.stopwords) : PASSIM_OK;
    /* "none" keeps every word: an empty list, not the index's. */
    if (st == PASSIM_OK && c.stopwords && !c.stop)
        st = passim_idset_new(&c.stop);
    if (st != PASSIM_OK) {
        code = fail(st, "stopwords");
        goto out;
    }
    if ((st = passim_index_open(&ix, c.index_dir, an)) != PASSIM_OK) {
        if (st == PASSIM_ENOTFOUND)
            fprintf(stderr, "passim-search: no index at %s (build one with "
                            "passim-index, or set --index / PASSIM_INDEX)\n",
                    c.index_dir);
        else
            fail(st, c.index_dir);
        code = passim_exit_code(st);
        goto out;
    }
    c.opts.stop = c.stop; /* NULL: the index's own (passim_index_stopwords) */
    if (c.batch) {
        code = run_batch(&c, ix, an);
        goto out;
    }
    if (c.show) {
        code = run_show(&c, ix, an, query);
        goto out;
    }
    if ((st = passim_search_run(&res, ix, an, query, strlen(query), &c.opts)) != PASSIM_OK) {
        if (st == PASSIM_EQUERY) {
            code = query_error(query);
        } else {
            code = fail(st, "search failed");
        }
        goto out;
    }
    if (c.json)
        st = passim_render_json(stdout, query, &c.opts, &res);
    else if (res.n == 0 && !res.suggestion)
        st = passim_render_no_results(stdout, query);
    else
        st = passim_render_text(stdout, &res, &c.opts, use_ansi(c.color));
    if (fflush(stdout) != 0 && st == PASSIM_OK)
        st = passim_error_set(PASSIM_EIO, "write error");
    code = st == PASSIM_OK ? PASSIM_EXIT_OK : fail(st, "output");
out:
    passim_results_release(&res);
    passim_idset_free(c.stop);
    passim_index_close(ix);
    passim_analyzer_free(an);
    free(query);
    return code;
}
