/* search.c — the search pipeline (contracts in search.h). */
#include "search/search.h"

#include <stdlib.h>
#include <string.h>

#include "index/docdata.h"
#include "index/document.h"
#include "index/index_private.h"
#include "search/match.h"
#include "search/query.h"
#include "search/query_private.h"
#include "search/rank_private.h"
#include "search/suggest.h"
#include "util/utf8out.h"

/* One of the top N articles, with what the passage stage needs of it. */
typedef struct ranked_article {
    passim_docdata doc;
    passim_hits hits;
    passim_hits title_hits; /* the query's clauses in its title */
    uint32_t rank;
    double weight;
} ranked_article;

/* A passage candidate across articles. */
typedef struct candidate {
    ranked_article *art;
    passim_passage p;
} candidate;

static int cmp_candidates(const void *a, const void *b)
{
    const candidate *x = a, *y = b;
    if (x->p.score != y->p.score)
        return x->p.score > y->p.score ? -1 : 1;
    if (x->art->rank != y->art->rank)
        return x->art->rank < y->art->rank ? -1 : 1;
    int c = strcmp(x->art->doc.id, y->art->doc.id);
    if (c)
        return c;
    return x->p.first_sent < y->p.first_sent ? -1 : x->p.first_sent > y->p.first_sent;
}

static int cmp_weight_then_id(const void *a, const void *b)
{
    const ranked_article *x = *(ranked_article *const *)a, *y = *(ranked_article *const *)b;
    if (x->weight != y->weight)
        return x->weight > y->weight ? -1 : 1;
    return strcmp(x->doc.id, y->doc.id);
}

/* Renumber ranks: by Xapian's weight, equal weights by article id. */
static passim_status rank_by_weight_then_id(ranked_article *arts, uint32_t n)
{
    ranked_article **order = malloc((n ? n : 1) * sizeof *order);
    if (!order)
        return passim_error_nomem("the articles' rank order");
    for (uint32_t i = 0; i < n; i++)
        order[i] = &arts[i];
    qsort(order, n, sizeof *order, cmp_weight_then_id);
    for (uint32_t i = 0; i < n; i++)
        order[i]->rank = i + 1;
    free(order);
    return PASSIM_OK;
}

/* Articles in Xapian's rank order, each with its passages best first. */
static int cmp_by_article(const void *a, const void *b)
{
    const candidate *x = a, *y = b;
    if (x->art->rank != y->art->rank)
        return x->art->rank < y->art->rank ? -1 : 1;
    return cmp_candidates(a, b);
}

/* idf of each clause from the MSet's term statistics. */
static passim_status clause_idfs(const passim_query *q, const xc_mset *m,
                                 uint32_t doccount, double *idf)
{
    for (size_t c = 0; c < q->nclauses; c++) {
        const passim_clause *cl = &q->clauses[c];
        idf[c] = 0;
        if (cl->kind == PASSIM_CLAUSE_PREFIX) {
            /* No single term: weigh it as a term in a tenth of the index. */
            idf[c] = passim_idf(doccount, doccount / 10);
            continue;
        }
        for (size_t i = 0; i < cl->n; i++) {
            const char *stem = q->words[cl->first + i].stem;
            uint32_t tf = 0;
            if (q->words[cl->first + i].prefix) {
                idf[c] += passim_idf(doccount, doccount / 10);
                continue;
            }
            passim_status st = xc_mset_termfreq(&tf, m, stem, strlen(stem));
            if (st != PASSIM_OK)
                return st;
            idf[c] += passim_idf(doccount, tf);
        }
    }
    return PASSIM_OK;
}

/* The passage shown for an article none of whose passages holds a query
 * word (it matched in its title, or the query has no ranking words): its
 * opening passage, scored as if its title were part of it. */
static passim_status opening_passage(passim_passage *out, passim_analyzer *a,
                                     const passim_docdata *d, const passim_hits *title_hits,
                                     const double *idf, size_t nclauses,
                                     const passim_passage_params *pp)
{
    uint32_t next = PASSIM_FIRST_POS;
    *out = passim_passage_opening(&d->sents, pp);
    passim_analyze(&next, a, d->title, strlen(d->title), PASSIM_FIRST_POS, NULL, NULL);
    uint32_t len = (next - PASSIM_FIRST_POS) + passim_passage_words(&d->sents, out);
    return passim_passage_score_all(&out->score, title_hits, len, idf, nclauses, pp);
}


/* The candidates shown, cands[*first .. *first + *n): passages offset ..
 * offset + limit; with by_article (cands grouped by article, in rank
 * order), the passages of articles offset .. offset + limit. */
static void shown_range(size_t *first, size_t *n,
                        const candidate *cands, size_t ncand, const passim_search_opts *o)
{
    size_t a = 0, b = ncand;
    if (!o->by_article) {
        a = o->offset < ncand ? o->offset : ncand;
        b = a + (ncand - a < o->limit ? ncand - a : o->limit);
    } else {
        size_t art = 0; /* articles begun before index i */
        a = b = ncand;
        for (size_t i = 0; i < ncand; i++) {
            if (i == 0 || cands[i].art != cands[i - 1].art) {
                if (art == o->offset)
                    a = i;
                if (art == (size_t)o->offset + o->limit) {
                    b = i;
                    break;
                }
                art++;
            }
        }
    }
    *first = a;
    *n = b - a;
}

/* Fill out->v with the snippets of the candidates shown (shown_range). */
static passim_status make_results(passim_results *out, candidate *cands,
                                  size_t ncand,
                                  const passim_search_opts *o)
{
    size_t first, n;
    shown_range(&first, &n, cands, ncand, o);
    if (n == 0)
        return PASSIM_OK;
    out->v = calloc(n, sizeof *out->v);
    if (!out->v)
        return passim_error_nomem("the results");
    for (size_t i = 0; i < n; i++) {
        const candidate *c = &cands[first + i];
        const passim_docdata *d = &c->art->doc;
        passim_snippet title;
        passim_result *r = &out->v[out->n++];
        r->id = strdup(d->id);
        r->byline = strdup(d->byline);
        r->url = strdup(d->url);
        if (!r->id || !r->byline || !r->url)
            return passim_error_nomem("a result's id, byline or url");
        /* The title as shown, with the query's words in it marked. */
        passim_status st = passim_snippet_make(&title, d->title, 0,
                                               (uint32_t)strlen(d->title), &c->art->title_hits);
        if (st != PASSIM_OK)
            return st;
        r->title = title.text;
        r->title_spans = title.spans;
        r->ntitle_spans = title.nspans;
        memcpy(r->date, d->date, strlen(d->date) + 1);
        r->passage = c->p.first_sent;
        r->nsent = c->p.nsent;
        r->article_rank = c->art->rank;
        r->score = c->p.score;
        r->article_score = c->art->weight;
        if (c->p.nsent)
            st = passim_snippet_make_passage(&r->snippet, d->text,
                                             &d->sents.v[c->p.first_sent], c->p.nsent, &c->art->hits);
        else
            st = passim_snippet_make(&r->snippet, d->text, 0, 0, &c->art->hits);
        if (st != PASSIM_OK)
            return st;
    }
    return PASSIM_OK;
}

/* Restrict *xq to the articles dated from `from` to `to` (inclusive;
 * NULL or "": open). */
static passim_status date_filter(xc_query **xq, const char *from, const char *to)
{
    const char *lo = from && *from ? from : NULL;
    const char *hi = to && *to ? to : NULL;
    xc_query *pair[2] = {*xq, NULL}, *out = NULL;
    passim_status st;
    if (!lo && !hi)
        return PASSIM_OK;
    if ((st = xc_query_value_range(&pair[1], PASSIM_VALUE_DATE, lo, hi)) == PASSIM_OK &&
        (st = xc_query_combine(&out, XC_OP_FILTER, pair, 2, 0)) == PASSIM_OK) {
        xc_query_free(*xq);
        *xq = out;
    }
    xc_query_free(pair[1]);
    return st;
}

/* The article match of a query: its Xapian query, enquire and MSet. */
typedef struct article_match {
    xc_query *xq;
    xc_enquire *enq;
    xc_mset *mset;
} article_match;

static void article_match_release(article_match *m)
{
    xc_mset_free(m->mset);
    xc_enquire_free(m->enq);
    xc_query_free(m->xq);
    memset(m, 0, sizeof *m);
}

/* Match the first `count` articles of `q` in `db`: the article query with
 * r's boosts (rank.h), dated from `from` to `to` (date_filter), ordered by
 * r's weighting, or newest first when q has no ranking words, and for a
 * query of stopwords equal weights newest first. Fills *out (release with
 * article_match_release, also on failure). */
static passim_status match_articles(article_match *out, xc_db *db, const passim_query *q,
                                    const passim_rank_opts *r, const char *from,
                                    const char *to, uint32_t count)
{
    passim_status st;
    memset(out, 0, sizeof *out);
    if ((st = passim_rank_query_db(&out->xq, q, r, db)) != PASSIM_OK ||
        (st = date_filter(&out->xq, from, to)) != PASSIM_OK ||
        (st = xc_enquire_new(&out->enq, db)) != PASSIM_OK ||
        (st = xc_enquire_set_query(out->enq, out->xq)) != PASSIM_OK ||
        (st = q->nclauses ? passim_rank_enquire(out->enq, r)
                          : passim_rank_enquire_newest(out->enq)) != PASSIM_OK ||
        (st = q->stop_only ? passim_rank_enquire_then_newest(out->enq) : PASSIM_OK) !=
            PASSIM_OK)
        return st;
    if ((st = xc_enquire_mset(&out->mset, out->enq, 0, count)) == PASSIM_EQUERY)
        /* the only cause: a wildcard's bound */
        passim_query_error_unplaced("a prefix* is too broad: it matches too many "
                                    "words; make the prefix longer");
    return st;
}

/* The articles whose passages are ranked, in rank order. */
typedef struct match_list {
    xc_docid *did;  /* owned */
    double *weight; /* owned */
    uint32_t n;
    uint32_t estimated; /* how many articles match in all (an estimate) */
} match_list;

static void match_list_release(match_list *ml)
{
    free(ml->did);
    free(ml->weight);
    memset(ml, 0, sizeof *ml);
}

static passim_status match_list_alloc(match_list *ml, uint32_t n)
{
    ml->did = malloc((n ? n : 1) * sizeof *ml->did);
    ml->weight = malloc((n ? n : 1) * sizeof *ml->weight);
    return ml->did && ml->weight ? PASSIM_OK : passim_error_nomem("the list of matches");
}

/* Every article of the MSet. */
static passim_status all_matches(const xc_mset *m, match_list *ml)
{
    uint32_t n = xc_mset_size(m);
    passim_status st = match_list_alloc(ml, n);
    if (st != PASSIM_OK)
        return st;
    for (uint32_t i = 0; i < n; i++)
        if ((st = xc_mset_docid(&ml->did[i], m, i)) != PASSIM_OK ||
            (st = xc_mset_weight(&ml->weight[i], m, i)) != PASSIM_OK)
            return st;
    ml->n = n;
    ml->estimated = xc_mset_matches_estimated(m);
    return PASSIM_OK;
}

/* Does article `did` hold the query (its clauses looked for in its text
 * and title)? */
static passim_status article_holds(xc_db *db, passim_analyzer *a, const passim_query *q,
                                   xc_docid did, unsigned char *found, size_t *bytes,
                                   int *holds)
{
    passim_status st;
    passim_docdata doc;
    passim_hits hits = {0};
    char *data = NULL;
    size_t len = 0;
    *holds = 0;
    if ((st = xc_db_get_data(&data, &len, db, did)) != PASSIM_OK ||
        (st = passim_docdata_decode(&doc, data, len)) != PASSIM_OK)
        return st;
    *bytes += doc.text_len;
    if ((st = passim_match_text(&hits, a, q, doc.text, doc.text_len)) == PASSIM_OK)
        st = passim_match_text(&hits, a, q, doc.title, strlen(doc.title));
    if (st == PASSIM_OK) {
        memset(found, 0, q->nclauses);
        for (size_t i = 0; i < hits.n; i++)
            if (hits.v[i].clause < q->nclauses)
                found[hits.v[i].clause] = 1;
        *holds = passim_query_holds(q, found);
    }
    passim_hits_free(&hits);
    passim_docdata_release(&doc);
    return st;
}

/* A query of stopwords: the index holds no posting for them, so the MSet
 * holds candidates (those with the words in their titles first, then the
 * newest); keep the first `want` whose text or title holds the query,
 * reading at most PASSIM_STOP_SCAN_ARTICLES articles and
 * PASSIM_STOP_SCAN_BYTES of text. The count of matches is exact when every
 * candidate was read, else extrapolated from those read. */
static passim_status verified_matches(xc_db *db, passim_analyzer *a, const passim_query *q,
                                      const xc_mset *m, uint32_t want, match_list *ml)
{
    uint32_t n = xc_mset_size(m), read = 0;
    size_t bytes = 0;
    unsigned char *found = malloc(q->nclauses ? q->nclauses : 1);
    passim_status st = found ? match_list_alloc(ml, want)
                             : passim_error_nomem("the clauses found in an article");
    for (uint32_t i = 0; st == PASSIM_OK && i < n && ml->n < want &&
                         bytes < PASSIM_STOP_SCAN_BYTES; i++) {
        int holds = 0;
        xc_docid did;
        read++;
        if ((st = xc_mset_docid(&did, m, i)) == PASSIM_OK &&
            (st = article_holds(db, a, q, did, found, &bytes, &holds)) == PASSIM_OK && holds) {
            ml->did[ml->n] = did;
            st = xc_mset_weight(&ml->weight[ml->n++], m, i);
        }
    }
    free(found);
    uint32_t all = xc_mset_matches_estimated(m);
    if (read == all || read == 0)
        ml->estimated = ml->n;
    else
        ml->estimated = (uint32_t)((double)ml->n * all / read + 0.5);
    return st;
}

/* One attempt at the whole search. PASSIM_ERETRY means: reopen and rerun. */
static passim_status search_once(passim_results *out, xc_db *db,
                                 passim_analyzer *a,
                                 const passim_query *q,
                                 const passim_search_opts *o)
{
    passim_status st;
    article_match am = {0};
    ranked_article *arts = NULL;
    candidate *cands = NULL;
    passim_passage *best = NULL;
    double *idf = NULL;
    uint32_t nart = 0, doccount = 0, top_n = o->top_n;
    size_t ncand = 0;
    int ranked = q->nclauses > 0; /* else: newest first */
    match_list ml = {0};

    if (o->offset + o->limit > top_n)
        top_n = o->offset + o->limit;
    if ((st = match_articles(&am, db, q, &o->rank, o->date_from, o->date_to,
                             q->stop_only ? PASSIM_STOP_SCAN_ARTICLES : top_n)) != PASSIM_OK ||
        (st = xc_db_doccount(&doccount, db)) != PASSIM_OK)
        goto out;
    if ((st = q->stop_only ? verified_matches(db, a, q, am.mset, top_n, &ml)
                           : all_matches(am.mset, &ml)) != PASSIM_OK)
        goto out;
    out->articles_matched = ml.estimated;
    nart = ml.n;
    if (nart == 0)
        goto out;
    idf = calloc(q->nclauses ? q->nclauses : 1, sizeof *idf);
    arts = calloc(nart, sizeof *arts);
    best = calloc(o->per_article, sizeof *best);
    cands = calloc((size_t)nart * o->per_article, sizeof *cands);
    if (!idf || !arts || !best || !cands) {
        st = passim_error_nomem("the ranked articles and their passages");
        goto out;
    }
    if ((st = clause_idfs(q, am.mset, doccount, idf)) != PASSIM_OK)
        goto out;
    for (uint32_t i = 0; i < nart; i++) {
        ranked_article *ra = &arts[i];
        char *data = NULL;
        size_t len = 0, nbest = 0;
        ra->rank = i + 1;
        ra->weight = ml.weight[i];
        if ((st = xc_db_get_data(&data, &len, db, ml.did[i])) != PASSIM_OK ||
            (st = passim_docdata_decode(&ra->doc, data, len)) != PASSIM_OK ||
            (st = passim_match_text(&ra->hits, a, q, ra->doc.text,
                                    ra->doc.text_len)) != PASSIM_OK ||
            (st = passim_passages_best(best, &nbest, &ra->doc.sents,
                                       &ra->hits, idf, q->nclauses,
                                       &o->passage, o->per_article)) != PASSIM_OK ||
            (st = passim_match_text(&ra->title_hits, a, q, ra->doc.title,
                                    strlen(ra->doc.title))) != PASSIM_OK)
            goto out;
        if (nbest == 0 &&
            (st = opening_passage(&best[nbest++], a, &ra->doc, &ra->title_hits, idf,
                                  q->nclauses, &o->passage)) != PASSIM_OK)
            goto out;
        double top = ml.weight[0];
        for (size_t k = 0; k < nbest; k++) {
            if (o->article_weight > 0 && top > 0)
                best[k].score += o->article_weight * ra->weight / top;
            cands[ncand++] = (candidate){ra, best[k]};
        }
    }
    /* Articles of equal weight are ranked by id, not by docid: results
     * then do not depend on how the index was built. (Unranked, Xapian's
     * order by date and id is kept.) */
    if (ranked && !q->stop_only && (st = rank_by_weight_then_id(arts, nart)) != PASSIM_OK)
        goto out;
    qsort(cands, ncand, sizeof *cands,
          o->by_article ? cmp_by_article : cmp_candidates);
    out->passages_found = (uint32_t)ncand;
    st = make_results(out, cands, ncand, o);
out:
    for (uint32_t i = 0; arts && i < nart; i++) {
        passim_docdata_release(&arts[i].doc);
        passim_hits_free(&arts[i].hits);
        passim_hits_free(&arts[i].title_hits);
    }
    free(arts);
    free(cands);
    free(best);
    free(idf);
    match_list_release(&ml);
    article_match_release(&am);
    return st;
}

typedef struct search_job {
    passim_analyzer *a;
    const passim_query *q;
    const passim_search_opts *opts;
    const passim_idset *stop;
    const char *query;
    size_t len;
    passim_results *out;
} search_job;

/* One attempt at the search, "did you mean" included (it reads the index
 * too, so it is retried with the rest). */
static passim_status run_search(xc_db *db, void *ctx)
{
    search_job *j = ctx;
    passim_status st = search_once(j->out, db, j->a, j->q, j->opts);
    if (st == PASSIM_OK)
        st = passim_suggest(&j->out->suggestion, db, j->a, j->q, j->stop, j->query,
                            j->len);
    return st;
}

static void reset_search(void *ctx)
{
    passim_results_release(((search_job *)ctx)->out);
}

passim_status passim_search_run(passim_results *out, passim_index *ix,
                                passim_analyzer *a, const char *query, size_t len,
                                const passim_search_opts *opts)
{
    passim_status st;
    passim_query *q = NULL;
    const passim_idset *stop = opts->stop ? opts->stop : passim_index_stopwords(ix);

    passim_error_clear();
    memset(out, 0, sizeof *out);
    if (opts->limit > PASSIM_MAX_LIMIT || opts->offset > PASSIM_MAX_OFFSET ||
        opts->per_article < 1 || opts->per_article > PASSIM_MAX_PER_ARTICLE)
        return passim_error_set(PASSIM_EINVAL,
                                "limit, offset or passages per article out of range");
    if ((st = passim_query_parse_stop(&q, a, query, len, 0, stop)) != PASSIM_OK)
        return st;
    if (q->root && opts->limit > 0) {
        search_job job = {a, q, opts, stop, query, len, out};
        st = passim_index_run(ix, run_search, reset_search, &job);
    }
    passim_query_free(q);
    return st;
}

void passim_results_release(passim_results *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++) {
        free(r->v[i].id);
        free(r->v[i].title);
        free(r->v[i].title_spans);
        free(r->v[i].byline);
        free(r->v[i].url);
        passim_snippet_release(&r->v[i].snippet);
    }
    free(r->v);
    free(r->suggestion);
    memset(r, 0, sizeof *r);
}

typedef struct articles_job {
    const passim_query *q;
    const passim_rank_opts *r;
    uint32_t limit;
    passim_ranking *out; /* NULL: count the match only, into *n */
    uint32_t *n;
} articles_job;

/* One attempt at ranking articles alone. */
static passim_status run_articles(xc_db *db, void *ctx)
{
    articles_job *j = ctx;
    passim_status st;
    article_match am = {0};
    uint32_t n;

    if ((st = match_articles(&am, db, j->q, j->r, NULL, NULL, j->limit)) != PASSIM_OK)
        goto out;
    n = xc_mset_size(am.mset);
    if (!j->out) {
        *j->n = n;
        goto out;
    }
    if (n && !(j->out->v = calloc(n, sizeof *j->out->v))) {
        st = passim_error_nomem("the ranking");
        goto out;
    }
    for (uint32_t i = 0; i < n; i++) {
        char *id = NULL;
        size_t len = 0;
        xc_docid did;
        if ((st = xc_mset_docid(&did, am.mset, i)) != PASSIM_OK ||
            (st = xc_db_get_value(&id, &len, db, did, PASSIM_VALUE_ID)) != PASSIM_OK)
            goto out;
        if (len == 0 || memchr(id, '\0', len)) {
            free(id);
            st = passim_error_set(PASSIM_ECORRUPT, "an article has no id value");
            goto out;
        }
        j->out->v[j->out->n].id = id;
        if ((st = xc_mset_weight(&j->out->v[j->out->n++].score, am.mset, i)) != PASSIM_OK)
            goto out;
    }
out:
    article_match_release(&am);
    return st;
}

static void reset_articles(void *ctx)
{
    articles_job *j = ctx;
    if (j->out)
        passim_ranking_release(j->out);
    else
        *j->n = 0;
}

passim_status passim_search_articles(passim_ranking *out, passim_index *ix,
                                     const passim_query *q, const passim_rank_opts *r,
                                     uint32_t limit)
{
    articles_job job = {q, r, limit, out, NULL};
    passim_error_clear();
    memset(out, 0, sizeof *out);
    if (!q->root || limit == 0 || q->stop_only)
        return PASSIM_OK;
    return passim_index_run(ix, run_articles, reset_articles, &job);
}

passim_status passim_search_match(uint32_t *n, passim_index *ix, const passim_query *q,
                                  const passim_rank_opts *r, uint32_t limit)
{
    articles_job job = {q, r, limit, NULL, n};
    passim_error_clear();
    *n = 0;
    if (!q->root || limit == 0 || q->stop_only || q->nclauses == 0)
        return PASSIM_OK;
    return passim_index_run(ix, run_articles, reset_articles, &job);
}

void passim_ranking_release(passim_ranking *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        free(r->v[i].id);
    free(r->v);
    memset(r, 0, sizeof *r);
}

/* ---- one article by its id ------------------------------------------------ */

typedef struct article_job {
    const char *term; /* the id term */
    size_t len;
    passim_docdata *out;
} article_job;

/* One attempt at fetching the article of j->term. */
static passim_status run_article(xc_db *db, void *ctx)
{
    article_job *j = ctx;
    xc_docid did = 0;
    char *data = NULL;
    size_t len = 0;
    passim_status st = xc_db_find_term(&did, db, j->term, j->len);
    if (st != PASSIM_OK)
        return st;
    if (did == 0)
        return passim_error_set(PASSIM_ENOTFOUND, "no article has that id");
    if ((st = xc_db_get_data(&data, &len, db, did)) != PASSIM_OK)
        return st;
    return passim_docdata_decode(j->out, data, len); /* takes data */
}

static void reset_article(void *ctx)
{
    passim_docdata_release(((article_job *)ctx)->out);
}

/* Fetch the article whose id term is Q + id[0..len). */
static passim_status article_by_term(passim_docdata *out, passim_index *ix,
                                     const char *id, size_t len)
{
    char term[PASSIM_MAX_ID_BYTES + 2];
    if (len == 0 || len > PASSIM_MAX_ID_BYTES || memchr(id, '\0', len))
        return passim_error_set(PASSIM_ENOTFOUND, "no article has that id");
    term[0] = PASSIM_PREFIX_ID[0];
    memcpy(term + 1, id, len);
    article_job job = {term, len + 1, out};
    return passim_index_run(ix, run_article, reset_article, &job);
}

passim_status passim_search_article(passim_docdata *out, passim_index *ix,
                                    const char *id, size_t len)
{
    passim_error_clear();
    memset(out, 0, sizeof *out);
    passim_status st = article_by_term(out, ix, id, len);
    if (st != PASSIM_ENOTFOUND || !passim_utf8out_has_escape(id, len))
        return st;
    char *raw = malloc(len + 1);
    if (!raw)
        return passim_error_nomem("an article id unescaped");
    memcpy(raw, id, len);
    size_t n = passim_utf8out_unescape(raw, len);
    passim_error_clear(); /* not found as written: looked for unescaped */
    st = article_by_term(out, ix, raw, n);
    free(raw);
    return st;
}
