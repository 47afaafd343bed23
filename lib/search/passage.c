/* passage.c — passage candidates and their scores (contracts in passage.h). */
#include "search/passage.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double passim_idf(uint32_t doccount, uint32_t termfreq)
{
    double n = termfreq, N = doccount;
    if (n > N)
        N = n;
    return log(1.0 + (N - n + 0.5) / (n + 0.5));
}

static double score_counts(const uint32_t *tf, double len, const double *idf,
                           size_t nclauses, const passim_passage_params *p);

/* Score of the passage covering word positions [p0, p1) and bytes
 * [b0, b1) of the text (a hit must lie in both: the positions of a
 * headline left out of the sentence table fall inside the range of the
 * sentence before it). `hits` is sorted by position; *from is the first
 * hit at or after p0 (advanced by the caller between candidates). `tf` is
 * scratch of nclauses entries. */
static double score_range(const passim_hits *hits, size_t from, uint32_t p0,
                          uint32_t p1, uint32_t b0, uint32_t b1, const double *idf,
                          size_t nclauses, const passim_passage_params *p, uint32_t *tf)
{
    memset(tf, 0, nclauses * sizeof *tf);
    for (size_t i = from; i < hits->n && hits->v[i].pos < p1; i++) {
        const passim_hit *h = &hits->v[i];
        if (h->pos >= p0 && h->pos + h->nwords <= p1 && h->start >= b0 && h->end <= b1 &&
            h->clause < nclauses)
            tf[h->clause]++;
    }
    return score_counts(tf, p1 - p0, idf, nclauses, p);
}

/* BM25 of clause counts tf[] in a passage of `len` words. */
static double score_counts(const uint32_t *tf, double len, const double *idf,
                           size_t nclauses, const passim_passage_params *p)
{
    double score = 0;
    double norm = p->k1 * (1.0 - p->b + p->b * len / (p->max_words ? p->max_words : 1));
    size_t matched = 0;
    for (size_t c = 0; c < nclauses; c++)
        if (tf[c]) {
            score += idf[c] * tf[c] * (p->k1 + 1.0) / (tf[c] + norm);
            matched++;
        }
    if (p->coverage > 0 && nclauses > 1 && matched > 1)
        score *= 1.0 + p->coverage * (double)(matched - 1) / (double)(nclauses - 1);
    return score;
}

static int cmp_passages(const void *a, const void *b)
{
    const passim_passage *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->first_sent < y->first_sent ? -1 : x->first_sent > y->first_sent;
}

passim_status passim_passages_best(passim_passage *out,
                                   size_t *nout, const passim_sentences *s,
                                   const passim_hits *hits,
                                   const double *idf, size_t nclauses,
                                   const passim_passage_params *p, uint32_t k)
{
    passim_error_clear();
    passim_status st = PASSIM_OK;
    passim_passage *cand = NULL;
    uint32_t *tf = NULL;
    unsigned char *taken = NULL;
    size_t ncand = 0, from = 0;

    *nout = 0;
    if (s->n == 0 || hits->n == 0 || k == 0 || nclauses == 0)
        return PASSIM_OK;
    cand = malloc(s->n * sizeof *cand);
    tf = malloc(nclauses * sizeof *tf);
    taken = calloc(s->n, 1);
    if (!cand || !tf || !taken) {
        st = passim_error_nomem("passage candidates");
        goto out;
    }
    for (size_t i = 0; i < s->n; i++) {
        uint32_t p0 = s->v[i].first_pos, words = s->v[i].nwords;
        size_t j = i + 1;
        while (j < s->n && !s->v[j].para_start &&
               words + s->v[j].nwords <= p->max_words)
            words += s->v[j++].nwords;
        while (from < hits->n && hits->v[from].pos < p0)
            from++;
        if (from == hits->n)
            break;
        double sc = score_range(hits, from, p0, p0 + words, s->v[i].start,
                                s->v[j - 1].end, idf, nclauses, p, tf);
        if (sc > 0)
            cand[ncand++] = (passim_passage){(uint32_t)i, (uint32_t)(j - i), sc};
    }
    qsort(cand, ncand, sizeof *cand, cmp_passages);
    for (size_t c = 0; c < ncand && *nout < k; c++) {
        int overlap = 0;
        for (uint32_t t = 0; t < cand[c].nsent && !overlap; t++)
            overlap = taken[cand[c].first_sent + t];
        if (overlap)
            continue;
        memset(taken + cand[c].first_sent, 1, cand[c].nsent);
        out[(*nout)++] = cand[c];
    }
out:
    free(cand);
    free(tf);
    free(taken);
    return st;
}

passim_passage passim_passage_opening(const passim_sentences *s,
                                      const passim_passage_params *p)
{
    passim_passage out = {0, 0, 0.0};
    uint32_t words = 0;
    if (s->n == 0)
        return out;
    words = s->v[0].nwords;
    out.nsent = 1;
    while (out.nsent < s->n && !s->v[out.nsent].para_start &&
           words + s->v[out.nsent].nwords <= p->max_words)
        words += s->v[out.nsent++].nwords;
    return out;
}

uint32_t passim_passage_words(const passim_sentences *s, const passim_passage *pp)
{
    uint32_t words = 0;
    for (uint32_t i = 0; i < pp->nsent && pp->first_sent + i < s->n; i++)
        words += s->v[pp->first_sent + i].nwords;
    return words;
}

passim_status passim_passage_score_all(double *score, const passim_hits *hits,
                                       uint32_t len, const double *idf,
                                       size_t nclauses, const passim_passage_params *p)
{
    passim_error_clear();
    uint32_t *tf = NULL;
    *score = 0;
    if (nclauses == 0 || hits->n == 0)
        return PASSIM_OK;
    if (!(tf = calloc(nclauses, sizeof *tf)))
        return passim_error_nomem("passage scores");
    for (size_t i = 0; i < hits->n; i++)
        if (hits->v[i].clause < nclauses)
            tf[hits->v[i].clause]++;
    *score = score_counts(tf, len ? len : 1, idf, nclauses, p);
    free(tf);
    return PASSIM_OK;
}
