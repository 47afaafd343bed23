/* passim.cgi — web search over a passim index: an HTML page and a JSON API.
 *
 * As a CGI program (REQUEST_METHOD set by the web server): GET and HEAD
 * only (405 otherwise; a request body is never read), parameters from
 * QUERY_STRING (cgiparam.h). From a shell (no REQUEST_METHOD): each
 * argument is one NAME=VALUE parameter taken literally, as Xapian Omega
 * does, e.g.  passim.cgi q='Bien Hoa' format=json
 * Either way it prints the CGI response: headers, a blank line, the body.
 *
 * Configuration comes from the environment the server sets, never from the
 * request:
 *   PASSIM_INDEX        the index directory (default PASSIM_CGI_DEFAULT_INDEX)
 *   PASSIM_LANGUAGE     stemming language of the index (default english)
 *   PASSIM_CGI_CPU_MS   CPU time a request may use, in milliseconds
 *                       (default 5000, at most 600000); past it the
 *                       answer is 503
 *   PASSIM_CGI_TIMING   "1": write the time each stage took to stderr
 *                       (bench/cgi.sh reads it)
 * A request also ends with 503 after PASSIM_CGI_WALL_SECONDS of real time.
 *
 * With id=ID the answer is the article view of that article (html.h,
 * render.h), q's words highlighted; 404 when no article has that id.
 *
 * Statuses: 200; 400 malformed or out-of-range request; 404 unknown
 * article id; 405 other method;
 * 414 QUERY_STRING over PASSIM_CGI_MAX_QUERY_STRING bytes; 500 internal
 * error; 503 index unavailable or busy, or the time limit reached. Error
 * messages are short and name no path; details go to stderr (the server's
 * error log), with control characters replaced.
 */
#include <errno.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "text/analyzer.h"
#include "web/cgiparam.h"
#include "web/html.h"
#include "web/http.h"
#include "search/render.h"
#include "search/search.h"
#include "index/docdata.h"
#include "index/index.h"
#include "search/query.h"
#include "search/view.h"

#ifndef PASSIM_CGI_DEFAULT_INDEX
#define PASSIM_CGI_DEFAULT_INDEX "/var/lib/passim/index"
#endif
#define PASSIM_CGI_DEFAULT_CPU_MS 5000
#define PASSIM_CGI_MAX_CPU_MS 600000
#define PASSIM_CGI_WALL_SECONDS 30

#define HTML_TYPE "text/html; charset=utf-8"
#define JSON_TYPE "application/json; charset=utf-8"

/* What the time-limit handler writes when nothing has been written yet.
 * No Content-Length: the server ends the body when the program exits. */
#define LIMIT_HEADERS(type)                                                 \
    "Status: 503 Service Unavailable\r\nContent-Type: " type "\r\n"        \
    "Vary: Accept-Encoding\r\nContent-Security-Policy: " PASSIM_HTML_CSP   \
    "\r\nX-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n" \
    "Cache-Control: no-cache\r\nRetry-After: 5\r\n\r\n"
static const char LIMIT_HTML[] =
    LIMIT_HEADERS(HTML_TYPE)
    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
    "<title>503 Service Unavailable</title></head><body><p><strong>503 "
    "Service Unavailable</strong>: the search took too long; try a narrower "
    "query.</p></body></html>\n";
static const char LIMIT_JSON[] =
    LIMIT_HEADERS(JSON_TYPE)
    "{\"error\":{\"status\":503,\"message\":\"the search took too long; try a "
    "narrower query\"}}\n";
static const char LIMIT_HEAD_HTML[] = LIMIT_HEADERS(HTML_TYPE);
static const char LIMIT_HEAD_JSON[] = LIMIT_HEADERS(JSON_TYPE);

/* State the signal handler reads. */
static volatile sig_atomic_t output_started, want_json, is_head;

/* SIGPROF / SIGXCPU / SIGALRM: the request ran out of time. Writes the 503
 * response when no output has started yet, then exits at once. */
static void on_time_limit(int sig)
{
    (void)sig;
    if (!output_started) {
        const char *s = is_head ? (want_json ? LIMIT_HEAD_JSON : LIMIT_HEAD_HTML)
                                : (want_json ? LIMIT_JSON : LIMIT_HTML);
        size_t n = strlen(s);
        while (n > 0) {
            ssize_t w = write(STDOUT_FILENO, s, n);
            if (w <= 0 && errno != EINTR)
                break;
            if (w > 0)
                s += w, n -= (size_t)w;
        }
    }
    _exit(0);
}

/* Bound the request's work: a CPU-time timer (SIGPROF) at the configured
 * limit, RLIMIT_CPU a second above it (SIGXCPU, then SIGKILL a second
 * later), and a real-time alarm. */
static void set_limits(void)
{
    long ms = PASSIM_CGI_DEFAULT_CPU_MS;
    const char *env = getenv("PASSIM_CGI_CPU_MS");
    if (env && *env) {
        char *end;
        long v = strtol(env, &end, 10);
        if (*end == '\0' && v > 0 && v <= PASSIM_CGI_MAX_CPU_MS)
            ms = v;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_time_limit;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGPROF, &sa, NULL);
    sigaction(SIGXCPU, &sa, NULL);
    sigaction(SIGALRM, &sa, NULL);

    struct itimerval it;
    memset(&it, 0, sizeof it);
    it.it_value.tv_sec = ms / 1000;
    it.it_value.tv_usec = (ms % 1000) * 1000;
    setitimer(ITIMER_PROF, &it, NULL);

    struct rlimit rl;
    if (getrlimit(RLIMIT_CPU, &rl) == 0) {
        rlim_t soft = (rlim_t)(ms / 1000 + 2), hard = soft + 1;
        if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < hard)
            hard = rl.rlim_max;
        if (soft > hard)
            soft = hard;
        rl.rlim_cur = soft;
        rl.rlim_max = hard;
        setrlimit(RLIMIT_CPU, &rl);
    }
    alarm(PASSIM_CGI_WALL_SECONDS);
}

/* Write `what` and the error detail to stderr, control characters shown
 * as '?', so a logged message cannot forge log lines. */
static void log_error(const char *what, passim_status st)
{
    fprintf(stderr, "passim.cgi: %s: %s", what, passim_status_str(st));
    const char *m = passim_error_msg();
    if (m[0]) {
        fputs(": ", stderr);
        for (; *m; m++)
            fputc((unsigned char)*m < 0x20 || *m == 0x7F ? '?' : *m, stderr);
    }
    fputc('\n', stderr);
}

typedef struct request {
    passim_cgi_params p;
    int head, gzip;
} request;

/* Copy JSON text s[0..len) with '<', '>' and '&' written as \u escapes
 * (they occur only inside strings), so that no JSON answer holds markup
 * even if something sniffs it as HTML. *out is malloc'd (caller frees). */
static passim_status json_harden(char **out, size_t *out_len, const char *s, size_t len)
{
    size_t extra = 0;
    for (size_t i = 0; i < len; i++)
        extra += (s[i] == '<' || s[i] == '>' || s[i] == '&') ? 5 : 0;
    char *d = malloc(len + extra + 1), *p = d;
    if (!d)
        return PASSIM_ENOMEM;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '<' || s[i] == '>' || s[i] == '&') {
            memcpy(p, s[i] == '<' ? "\\u003c" : s[i] == '>' ? "\\u003e" : "\\u0026", 6);
            p += 6;
        } else {
            *p++ = s[i];
        }
    }
    *p = '\0';
    *out = d;
    *out_len = (size_t)(p - d);
    return PASSIM_OK;
}

/* Send a response with the given body; marks output as started. */
static passim_status respond(const request *rq, int status, int json,
                             const char *body, size_t len)
{
    char *hard = NULL;
    passim_status st;
    if (json && len && (st = json_harden(&hard, &len, body, len)) != PASSIM_OK)
        return st;
    passim_http_response r = {status, json ? JSON_TYPE : HTML_TYPE,
                              PASSIM_HTML_CSP, hard ? hard : body, len,
                              (rq->head ? PASSIM_HTTP_HEAD : 0) |
                                  (rq->gzip ? PASSIM_HTTP_GZIP : 0)};
    output_started = 1;
    st = passim_http_write(stdout, &r);
    free(hard);
    return st;
}

/* Send an error page (HTML or JSON, as the request asked) with a short
 * message meant for the user. */
static passim_status fail(const request *rq, int status, const char *message)
{
    char *body = NULL;
    size_t len = 0;
    passim_status st = PASSIM_ENOMEM;
    int json = rq->p.format == PASSIM_CGI_JSON;
    FILE *m = open_memstream(&body, &len);
    if (!m)
        goto out;
    if (json) {
        json_t *o = json_pack("{s:{s:i,s:s}}", "error", "status", status,
                              "message", message ? message : "");
        if (!o || json_dumpf(o, m, JSON_COMPACT) < 0) {
            json_decref(o);
            fclose(m);
            goto out;
        }
        json_decref(o);
        fputc('\n', m);
    } else {
        passim_html_error(m, status, message, &rq->p);
    }
    if (fclose(m) != 0)
        goto out;
    st = respond(rq, status, json, body, len);
out:
    if (st == PASSIM_ENOMEM) /* last resort: the bare status */
        st = respond(rq, status == 200 ? 500 : status, 0, NULL, 0);
    free(body);
    return st;
}

/* Seconds between two monotonic clock readings. */
static double elapsed(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/* from/to reach the search here: rq->p.from and rq->p.to hold validated
 * "YYYY-MM-DD" dates (or "" when not given), with from <= to; the search
 * filters on the article date as the query language's date:FROM..TO. */
static void apply_date_filter(passim_search_opts *o, const request *rq)
{
    o->date_from = rq->p.from;
    o->date_to = rq->p.to;
}

/* The "did you mean" query shown above the results, or NULL: the search's
 * own suggestion (search.h), which the page (html.h) renders as a link. */
static const char *suggestion_for(const passim_results *r)
{
    return r->suggestion;
}

/* Map a search failure to a status and a message for the user. */
static int search_failure(const char **msg, passim_status st)
{
    switch (st) {
    case PASSIM_EQUERY:
        *msg = passim_error_msg()[0] ? passim_error_msg() : "the query cannot be parsed";
        return 400;
    case PASSIM_EINVAL:
    case PASSIM_ETOOBIG:
        *msg = "the query cannot be run";
        return 400;
    case PASSIM_ENOTFOUND:
        *msg = "the search index is not available";
        return 503;
    case PASSIM_ERETRY:
    case PASSIM_ELOCKED:
    case PASSIM_ENETWORK:
        *msg = "the search index is busy; try again";
        return 503;
    default:
        *msg = "internal error";
        return 500;
    }
}

/* What a page is rendered by: write the body of ctx's answer to f. */
typedef passim_status (*render_fn)(FILE *f, void *ctx);

/* Render a body with fn into memory and send it with status 200; a render
 * failure is logged and answered 500 instead. */
static passim_status render_and_respond(request *rq, int json, render_fn fn, void *ctx)
{
    char *body = NULL;
    size_t len = 0;
    passim_status st;
    FILE *m = open_memstream(&body, &len);
    if (!m)
        return fail(rq, 500, "internal error");
    st = fn(m, ctx);
    if (fclose(m) != 0 && st == PASSIM_OK)
        st = passim_error_set(PASSIM_ENOMEM, "out of memory");
    if (st != PASSIM_OK) {
        log_error("render", st);
        st = fail(rq, 500, "internal error");
    } else {
        st = respond(rq, 200, json, body, len);
    }
    free(body);
    return st;
}

/* What the search page is rendered from. */
typedef struct search_page {
    request *rq;
    const passim_search_opts *o;
    const passim_results *res;
    double seconds;
} search_page;

static passim_status render_search(FILE *f, void *ctx)
{
    const search_page *sp = ctx;
    const request *rq = sp->rq;
    if (rq->p.format == PASSIM_CGI_JSON)
        return passim_render_json(f, rq->p.q ? rq->p.q : "", sp->o, sp->res);
    passim_html_view v = {&rq->p, rq->p.q ? sp->res : NULL, sp->seconds,
                          suggestion_for(sp->res)};
    return passim_html_page(f, &v);
}

/* Open the index of the server's environment and the analyzer; *t_open
 * (may be NULL) gets the time between the two. On failure an error
 * response has been sent; returns its status in *sent. */
static passim_status open_index(request *rq, passim_analyzer **an, passim_index **ix,
                                int *sent, struct timespec *t_open)
{
    const char *dir = getenv("PASSIM_INDEX");
    const char *lang = getenv("PASSIM_LANGUAGE");
    const char *msg = NULL;
    passim_status st;
    *sent = 0;
    if (!dir || !dir[0])
        dir = PASSIM_CGI_DEFAULT_INDEX;
    if ((st = passim_analyzer_new(an, lang && lang[0] ? lang : "english")) != PASSIM_OK) {
        log_error("analyzer (PASSIM_LANGUAGE)", st);
        *sent = 1;
        return fail(rq, 500, "internal error");
    }
    if (t_open)
        clock_gettime(CLOCK_MONOTONIC, t_open);
    if ((st = passim_index_open(ix, dir, *an)) != PASSIM_OK) {
        log_error("open", st);
        int status = search_failure(&msg, st);
        *sent = 1;
        return fail(rq, status, msg);
    }
    return PASSIM_OK;
}

/* Run the search of rq and send the page or the JSON. */
static passim_status search_and_respond(request *rq)
{
    passim_status st;
    passim_analyzer *an = NULL;
    passim_index *ix = NULL;
    passim_results res = {0};
    struct timespec t0, t1, t_open, t_search;
    const char *msg = NULL;
    const char *timing_env = getenv("PASSIM_CGI_TIMING");
    int timing = timing_env && strcmp(timing_env, "1") == 0;
    int status;
    int json = rq->p.format == PASSIM_CGI_JSON;
    passim_search_opts o = PASSIM_SEARCH_OPTS_DEFAULT;
    o.limit = rq->p.n;
    o.offset = rq->p.offset;
    o.per_article = rq->p.per;
    apply_date_filter(&o, rq);

    clock_gettime(CLOCK_MONOTONIC, &t0);
    t_open = t_search = t0;
    if (rq->p.q) {
        int sent = 0;
        st = open_index(rq, &an, &ix, &sent, &t_open);
        clock_gettime(CLOCK_MONOTONIC, &t_search);
        if (sent)
            goto out;
        if ((st = passim_search_run(&res, ix, an, rq->p.q, rq->p.q_len, &o)) != PASSIM_OK) {
            log_error("search", st);
            status = search_failure(&msg, st);
            st = fail(rq, status, msg);
            goto out;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);

    search_page sp = {rq, &o, &res, elapsed(&t0, &t1)};
    st = render_and_respond(rq, json, render_search, &sp);
    if (timing) {
        struct timespec t2;
        clock_gettime(CLOCK_MONOTONIC, &t2);
        fprintf(stderr, "passim.cgi: timing ms: analyzer %.3f open %.3f search %.3f "
                        "render+write %.3f\n",
                1e3 * elapsed(&t0, &t_open), 1e3 * elapsed(&t_open, &t_search),
                1e3 * elapsed(&t_search, &t1), 1e3 * elapsed(&t1, &t2));
    }
out:
    passim_results_release(&res);
    passim_index_close(ix);
    passim_analyzer_free(an);
    return st;
}

/* What the article view is rendered from. */
typedef struct view_page {
    request *rq;
    const passim_view *v;
} view_page;

static passim_status render_view(FILE *f, void *ctx)
{
    const view_page *vp = ctx;
    if (vp->rq->p.format == PASSIM_CGI_JSON)
        return passim_render_view_json(f, vp->v, vp->rq->p.q);
    return passim_html_article(f, vp->v, &vp->rq->p);
}

/* ?id=ID: send the article view (HTML or JSON) of rq, the query's words
 * highlighted when q is given; 404 for an unknown id. */
static passim_status view_and_respond(request *rq)
{
    passim_status st;
    passim_analyzer *an = NULL;
    passim_index *ix = NULL;
    passim_query *q = NULL;
    passim_docdata doc = {0};
    passim_view v = {0};
    const char *msg = NULL;
    int json = rq->p.format == PASSIM_CGI_JSON, sent;

    if ((st = open_index(rq, &an, &ix, &sent, NULL)) != PASSIM_OK || sent)
        goto out;
    /* The query as a search reads it: the index's stopwords are dropped. */
    if (rq->p.q && (st = passim_query_parse_stop(&q, an, rq->p.q, rq->p.q_len, 0,
                                                 passim_index_stopwords(ix))) != PASSIM_OK) {
        log_error("query", st);
        int status = search_failure(&msg, st);
        st = fail(rq, status, msg);
        goto out;
    }
    st = passim_search_article(&doc, ix, rq->p.id, rq->p.id_len);
    if (st == PASSIM_ENOTFOUND) {
        st = fail(rq, 404, "no article has that id");
        goto out;
    }
    if (st == PASSIM_OK)
        st = passim_view_build(&v, &doc, an, q);
    if (st != PASSIM_OK) {
        log_error("article", st);
        int status = search_failure(&msg, st);
        st = fail(rq, status, msg);
        goto out;
    }
    view_page vp = {rq, &v};
    st = render_and_respond(rq, json, render_view, &vp);
out:
    passim_view_release(&v);
    passim_docdata_release(&doc);
    passim_query_free(q);
    passim_index_close(ix);
    passim_analyzer_free(an);
    return st;
}

int main(int argc, char **argv)
{
    request rq;
    passim_status st;
    const char *method = getenv("REQUEST_METHOD");
    memset(&rq, 0, sizeof rq);
    passim_cgi_params_init(&rq.p);
    if (method && strcmp(method, "HEAD") == 0)
        rq.head = is_head = 1;
    set_limits();
    rq.gzip = passim_cgi_accepts_gzip(getenv("HTTP_ACCEPT_ENCODING"));

    if (method) {
        /* A CGI request. argv is ignored: servers may put words of the
         * query string there (the old ISINDEX convention). */
        const char *qs = getenv("QUERY_STRING");
        if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
            st = fail(&rq, 405, "only GET and HEAD are supported");
            goto out;
        }
        st = passim_cgi_parse_query_string(&rq.p, qs ? qs : "", qs ? strlen(qs) : 0);
    } else {
        st = passim_cgi_parse_args(&rq.p, argc - 1, argv + 1);
    }
    want_json = rq.p.format == PASSIM_CGI_JSON;
    if (st != PASSIM_OK) {
        int status = st == PASSIM_ETOOBIG ? 414 : st == PASSIM_EINVAL ? 400 : 500;
        st = fail(&rq, status, status == 500 ? "internal error" : passim_error_msg());
        goto out;
    }
    st = rq.p.id ? view_and_respond(&rq) : search_and_respond(&rq);
out:
    passim_cgi_params_release(&rq.p);
    if (fflush(stdout) != 0)
        st = PASSIM_EIO;
    return st == PASSIM_OK ? 0 : 1;
}
