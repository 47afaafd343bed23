/* rank.c — the article query and its weighting (contracts in rank.h). */
#include "search/rank_private.h" /* rank.h and what takes the wrapper */

#include <stdlib.h>
#include <string.h>

#include "index/document.h"

passim_status passim_rank_parse_scheme(passim_rank_opts *r, const char *spec)
{
    passim_error_clear();
    static _Thread_local char name[32];
    const char *colon = strchr(spec, ':');
    size_t n = colon ? (size_t)(colon - spec) : strlen(spec);
    if (n == 0 || n >= sizeof name)
        return passim_error_set(PASSIM_EINVAL, "bad weighting scheme \"%s\"", spec);
    memcpy(name, spec, n);
    name[n] = '\0';
    r->weighting = name;
    r->nparams = 0;
    if (!colon)
        return PASSIM_OK;
    const char *p = colon + 1;
    while (*p) {
        char *end;
        if (r->nparams == PASSIM_RANK_MAX_PARAMS)
            return passim_error_set(PASSIM_EINVAL, "too many scheme parameters");
        double v = strtod(p, &end);
        if (end == p || (*end && *end != ','))
            return passim_error_set(PASSIM_EINVAL, "bad scheme parameter in \"%s\"", spec);
        r->params[r->nparams++] = v;
        p = *end ? end + 1 : end;
    }
    return PASSIM_OK;
}

/* The title term of word w into buf; returns its length. */
static size_t title_term(const passim_qword *w, char *buf)
{
    size_t n = strlen(w->stem);
    buf[0] = PASSIM_PREFIX_TITLE[0];
    memcpy(buf + 1, w->stem, n);
    return n + 1;
}

/* OR of the positive words as title terms, scaled. NULL when none. */
static passim_status title_boost(xc_query **out, const passim_query *q, double factor)
{
    passim_status st = PASSIM_OK;
    xc_query **subs = calloc(q->nwords ? q->nwords : 1, sizeof *subs), *or = NULL;
    size_t n = 0;
    char term[PASSIM_MAX_TERM_BYTES + 2];
    *out = NULL;
    if (!subs)
        return passim_error_nomem("title boost");
    for (size_t c = 0; c < q->nclauses && st == PASSIM_OK; c++) {
        const passim_clause *cl = &q->clauses[c];
        if (cl->kind == PASSIM_CLAUSE_PREFIX)
            continue;
        for (size_t i = 0; i < cl->n && st == PASSIM_OK; i++) {
            size_t len = title_term(&q->words[cl->first + i], term);
            if ((st = xc_query_term(&subs[n], term, len, 1, 0)) == PASSIM_OK)
                n++;
        }
    }
    if (st == PASSIM_OK && n > 0 &&
        (st = xc_query_combine(&or, XC_OP_OR, subs, n, 0)) == PASSIM_OK)
        st = xc_query_scale(out, or, factor);
    xc_query_free(or);
    for (size_t i = 0; i < n; i++)
        xc_query_free(subs[i]);
    free(subs);
    return st;
}

/* OR of NEAR(w_i, w_i+1) for neighbouring free-word clauses, scaled. */
static passim_status proximity_boost(xc_query **out, const passim_query *q,
                                     double factor, uint32_t window)
{
    passim_status st = PASSIM_OK;
    xc_query **pairs = calloc(q->nclauses ? q->nclauses : 1, sizeof *pairs), *or = NULL;
    size_t n = 0;
    *out = NULL;
    if (!pairs)
        return passim_error_nomem("proximity boost");
    for (size_t c = 0; c + 1 < q->nclauses && st == PASSIM_OK; c++) {
        const passim_clause *a = &q->clauses[c], *b = &q->clauses[c + 1];
        const passim_qword *wa = &q->words[a->first], *wb = &q->words[b->first];
        xc_query *two[2] = {NULL, NULL};
        if (a->kind != PASSIM_CLAUSE_WORD || b->kind != PASSIM_CLAUSE_WORD ||
            strcmp(wa->stem, wb->stem) == 0)
            continue;
        if ((st = xc_query_term(&two[0], wa->stem, strlen(wa->stem), 1, 0)) == PASSIM_OK &&
            (st = xc_query_term(&two[1], wb->stem, strlen(wb->stem), 1, 0)) == PASSIM_OK &&
            (st = xc_query_combine(&pairs[n], XC_OP_NEAR, two, 2, window)) == PASSIM_OK)
            n++;
        xc_query_free(two[0]);
        xc_query_free(two[1]);
    }
    if (st == PASSIM_OK && n > 0 &&
        (st = xc_query_combine(&or, XC_OP_OR, pairs, n, 0)) == PASSIM_OK)
        st = xc_query_scale(out, or, factor);
    xc_query_free(or);
    for (size_t i = 0; i < n; i++)
        xc_query_free(pairs[i]);
    free(pairs);
    return st;
}

/* base AND_MAYBE boost (boost may be NULL: base unchanged). Takes both. */
static passim_status maybe(xc_query **base, xc_query *boost)
{
    passim_status st = PASSIM_OK;
    if (boost) {
        xc_query *two[2] = {*base, boost}, *q = NULL;
        st = xc_query_combine(&q, XC_OP_AND_MAYBE, two, 2, 0);
        xc_query_free(*base);
        *base = q;
    }
    xc_query_free(boost);
    return st;
}

passim_status passim_rank_query(xc_query **out, const passim_query *q,
                                const passim_rank_opts *r)
{
    passim_error_clear();
    return passim_rank_query_db(out, q, r, NULL);
}

passim_status passim_rank_query_db(xc_query **out, const passim_query *q,
                                   const passim_rank_opts *r, xc_db *db)
{
    passim_error_clear();
    passim_status st;
    xc_query *base = NULL, *boost = NULL;
    *out = NULL;
    if ((st = passim_query_build_db(&base, q, db)) != PASSIM_OK)
        return st;
    if (q->nclauses && r->title_boost > 0 &&
        ((st = title_boost(&boost, q, r->title_boost)) != PASSIM_OK ||
         (st = maybe(&base, boost)) != PASSIM_OK))
        goto out;
    boost = NULL;
    if (q->nclauses > 1 && r->proximity > 0 &&
        ((st = proximity_boost(&boost, q, r->proximity, r->proximity_window)) != PASSIM_OK ||
         (st = maybe(&base, boost)) != PASSIM_OK))
        goto out;
    *out = base;
    base = NULL;
out:
    xc_query_free(base);
    return st;
}

passim_status passim_rank_enquire(xc_enquire *e, const passim_rank_opts *r)
{
    passim_error_clear();
    passim_status st = xc_enquire_set_weighting(e, r->weighting,
                                                r->nparams ? r->params : NULL, r->nparams);
    /* Equal weights by article id: the same results however the index was
     * built (docids differ between an incremental and a parallel build). */
    if (st == PASSIM_OK)
        st = xc_enquire_set_tiebreak_value(e, PASSIM_VALUE_ID);
    return st;
}

passim_status passim_rank_enquire_newest(xc_enquire *e)
{
    passim_error_clear();
    static const unsigned slots[2] = {PASSIM_VALUE_DATE, PASSIM_VALUE_ID};
    static const int reverse[2] = {1, 0};
    passim_status st = xc_enquire_set_weighting(e, "bool", NULL, 0);
    if (st == PASSIM_OK)
        st = xc_enquire_set_sort_values(e, slots, reverse, 2, 0);
    return st;
}

passim_status passim_rank_enquire_then_newest(xc_enquire *e)
{
    passim_error_clear();
    static const unsigned slots[2] = {PASSIM_VALUE_DATE, PASSIM_VALUE_ID};
    static const int reverse[2] = {1, 0};
    return xc_enquire_set_sort_values(e, slots, reverse, 2, 1);
}
