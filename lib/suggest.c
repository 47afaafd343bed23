/* suggest.c — "did you mean" (contracts in suggest.h). */
#include "suggest.h"

#include <stdlib.h>
#include <string.h>

#include "docdata.h"
#include "idset.h"

/* Costs in tenths of an edit: swapping neighbours, the most common typing
 * slip, costs a little less than the other edits, so "bein" is "bien"
 * before it is "begin". */
#define EDIT 10
#define SWAP 8

unsigned passim_edit_distance(const char *a, size_t an, const char *b, size_t bn,
                              unsigned max)
{
    /* Three rows of the dynamic programme, bounded by the term length cap. */
    unsigned rows[3][PASSIM_MAX_TERM_BYTES + 2];
    unsigned *prev2 = rows[0], *prev = rows[1], *cur = rows[2];

    if (an > PASSIM_MAX_TERM_BYTES || bn > PASSIM_MAX_TERM_BYTES)
        return max + 1;
    if ((an > bn ? an - bn : bn - an) * EDIT > max)
        return max + 1;
    for (size_t j = 0; j <= bn; j++)
        prev[j] = (unsigned)j * EDIT;
    for (size_t i = 1; i <= an; i++) {
        unsigned best = cur[0] = (unsigned)i * EDIT;
        for (size_t j = 1; j <= bn; j++) {
            unsigned cost = a[i - 1] != b[j - 1] ? EDIT : 0;
            unsigned v = prev[j - 1] + cost;
            if (prev[j] + EDIT < v)
                v = prev[j] + EDIT;
            if (cur[j - 1] + EDIT < v)
                v = cur[j - 1] + EDIT;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                a[i - 1] != a[i - 2] && prev2[j - 2] + SWAP < v)
                v = prev2[j - 2] + SWAP;
            cur[j] = v;
            if (v < best)
                best = v;
        }
        if (best > max)
            return max + 1;
        unsigned *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[bn] <= max ? prev[bn] : max + 1;
}

#define MAX_COST (2 * EDIT)

typedef struct candidate {
    const struct passim_idset *stop;
    const char *want;
    size_t wlen;
    char best[PASSIM_MAX_TERM_BYTES + 1];
    unsigned best_d;
    uint32_t best_tf;
    size_t scanned;
} candidate;

/* Term callback: keep the closest term (most articles among equals). */
static int consider(void *ctx, const char *term, size_t len, uint32_t tf)
{
    candidate *c = ctx;
    if (++c->scanned > PASSIM_SUGGEST_MAX_SCAN)
        return 1;
    if (len > PASSIM_MAX_TERM_BYTES || (len == c->wlen && !memcmp(term, c->want, len)))
        return 0;
    unsigned d = passim_edit_distance(c->want, c->wlen, term, len, MAX_COST);
    if (d <= MAX_COST && c->stop) {
        char t[PASSIM_MAX_TERM_BYTES + 1];
        memcpy(t, term, len);
        t[len] = '\0';
        if (passim_idset_has(c->stop, t))
            return 0;
    }
    if (d <= MAX_COST && (d < c->best_d || (d == c->best_d && tf > c->best_tf))) {
        memcpy(c->best, term, len);
        c->best[len] = '\0';
        c->best_d = d;
        c->best_tf = tf;
    }
    return 0;
}

typedef struct word_finder {
    const char *stem;
    char word[PASSIM_MAX_TERM_BYTES + 1];
} word_finder;

/* Analyzer callback: stop at the first token with the wanted stem. */
static int find_word(void *ctx, const passim_token *tok)
{
    word_finder *wf = ctx;
    if (strlen(wf->stem) != tok->stem_len || memcmp(wf->stem, tok->stem, tok->stem_len))
        return 0;
    memcpy(wf->word, tok->folded, tok->folded_len);
    wf->word[tok->folded_len] = '\0';
    return 1;
}

/* A word of the index with stem `stem`, as written in the first article
 * holding it; the stem itself when none is found. malloc'd. */
static passim_status word_for_stem(xc_db *db, passim_analyzer *a, const char *stem,
                                   char **out)
{
    passim_status st;
    xc_docid did = 0;
    char *data = NULL;
    size_t len = 0;
    passim_docdata d;
    word_finder wf = {stem, ""};

    *out = NULL;
    if ((st = xc_db_find_term(db, stem, strlen(stem), &did)) != PASSIM_OK)
        return st;
    if (did && xc_db_get_data(db, did, &data, &len) == PASSIM_OK &&
        passim_docdata_decode(data, len, &d) == PASSIM_OK) {
        passim_analyze(a, d.text, d.text_len, 1, find_word, &wf, NULL);
        passim_docdata_release(&d);
    }
    *out = strdup(wf.word[0] ? wf.word : stem);
    return *out ? PASSIM_OK : PASSIM_ENOMEM;
}

/* The correction of word w, or NULL (*fix) when it needs or has none. */
static passim_status correct(xc_db *db, passim_analyzer *a,
                             const struct passim_idset *stop, const passim_qword *w,
                             char **fix)
{
    passim_status st;
    uint32_t tf = 0;
    candidate c;

    *fix = NULL;
    if (strlen(w->folded) < PASSIM_SUGGEST_MIN_BYTES || w->stem[0] == '\0')
        return PASSIM_OK;
    if ((st = xc_db_termfreq(db, w->stem, strlen(w->stem), &tf)) != PASSIM_OK || tf)
        return st;
    memset(&c, 0, sizeof c);
    c.stop = stop;
    c.want = w->stem;
    c.wlen = strlen(w->stem);
    c.best_d = MAX_COST + 1;
    if ((st = xc_db_terms(db, w->stem, 1, consider, &c)) != PASSIM_OK)
        return st;
    if (c.best_d > MAX_COST)
        return PASSIM_OK;
    return word_for_stem(db, a, c.best, fix);
}

passim_status passim_suggest(xc_db *db, passim_analyzer *a, const passim_query *q,
                             const struct passim_idset *stop, const char *text,
                             size_t len, char **out)
{
    passim_status st = PASSIM_OK;
    char **fix = NULL;
    size_t nfix = 0, outlen = len, at = 0, o = 0;

    *out = NULL;
    if (q->nwords == 0)
        return PASSIM_OK;
    if (!(fix = calloc(q->nwords, sizeof *fix)))
        return PASSIM_ENOMEM;
    for (size_t i = 0; i < q->nwords; i++) {
        const passim_qword *w = &q->words[i];
        if (w->end > len || w->start >= w->end || (i && w->start < q->words[i - 1].end))
            continue; /* not a plain span of the text */
        if ((st = correct(db, a, stop, w, &fix[i])) != PASSIM_OK)
            goto out;
        if (fix[i]) {
            nfix++;
            outlen += strlen(fix[i]);
        }
    }
    if (nfix == 0)
        goto out;
    if (!(*out = malloc(outlen + 1))) {
        st = PASSIM_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < q->nwords; i++) {
        const passim_qword *w = &q->words[i];
        if (!fix[i])
            continue;
        memcpy(*out + o, text + at, w->start - at);
        o += w->start - at;
        memcpy(*out + o, fix[i], strlen(fix[i]));
        o += strlen(fix[i]);
        at = w->end;
    }
    memcpy(*out + o, text + at, len - at);
    o += len - at;
    (*out)[o] = '\0';
out:
    for (size_t i = 0; i < q->nwords; i++)
        free(fix[i]);
    free(fix);
    return st;
}
