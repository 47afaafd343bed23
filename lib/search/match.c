/* match.c — locating query clauses in a text (contracts in match.h). */
#include "search/match.h"

#include <stdlib.h>
#include <string.h>

#include "text/sentence.h"

/* Phrases are at most PASSIM_MAX_PHRASE_WORDS (64) words: one bit of a
 * uint64_t per phrase word (shift-and matching). */
#define RING 64

typedef struct match_state {
    const passim_query *q;
    passim_hits *hits;
    uint64_t *phrase_state;  /* per clause: bit j set = words 0..j matched */
    uint32_t ring_start[RING]; /* byte start of recent tokens, by pos % RING */
    passim_status st;
} match_state;

static int push_hit(match_state *ms, passim_hit h)
{
    passim_hits *hs = ms->hits;
    if (hs->n == hs->cap) {
        size_t cap = hs->cap ? hs->cap * 2 : 64;
        passim_hit *v = realloc(hs->v, cap * sizeof *v);
        if (!v) {
            ms->st = passim_error_nomem("query hits");
            return 1;
        }
        hs->v = v;
        hs->cap = cap;
    }
    hs->v[hs->n++] = h;
    return 0;
}

static int eq(const char *a, const char *b, size_t blen)
{
    return strncmp(a, b, blen) == 0 && a[blen] == '\0';
}

/* Does the token's folded form or its stem start with `prefix`? (Xapian
 * expands a prefix over stems; the text shows folded forms.) */
static int starts_with(const passim_token *tok, const char *prefix)
{
    size_t n = strlen(prefix);
    return (tok->folded_len >= n && memcmp(tok->folded, prefix, n) == 0) ||
           (tok->stem_len >= n && memcmp(tok->stem, prefix, n) == 0);
}

/* Analyzer callback: test one token against every clause. */
static int on_token(void *ctx, const passim_token *tok)
{
    match_state *ms = ctx;
    const passim_query *q = ms->q;

    ms->ring_start[tok->pos % RING] = (uint32_t)tok->start;
    for (size_t c = 0; c < q->nclauses; c++) {
        const passim_clause *cl = &q->clauses[c];
        if (cl->kind == PASSIM_CLAUSE_PREFIX) {
            const passim_qword *w = &q->words[cl->first];
            size_t n = strlen(w->folded);
            if (((tok->stem_len >= n && memcmp(tok->stem, w->folded, n) == 0) ||
                 eq(w->stem, tok->stem, tok->stem_len)) &&
                push_hit(ms, (passim_hit){tok->pos, 1, (uint32_t)tok->start,
                                          (uint32_t)tok->end, (uint32_t)c}))
                return 1;
            continue;
        }
        if (cl->kind == PASSIM_CLAUSE_WORD) {
            if (eq(q->words[cl->first].stem, tok->stem, tok->stem_len) &&
                push_hit(ms, (passim_hit){tok->pos, 1, (uint32_t)tok->start,
                                          (uint32_t)tok->end, (uint32_t)c}))
                return 1;
            continue;
        }
        uint64_t mask = 0;
        for (size_t j = 0; j < cl->n; j++) {
            const passim_qword *w = &q->words[cl->first + j];
            if (w->prefix ? starts_with(tok, w->folded)
                          : eq(w->folded, tok->folded, tok->folded_len))
                mask |= (uint64_t)1 << j;
        }
        uint64_t s = ((ms->phrase_state[c] << 1) | 1) & mask;
        ms->phrase_state[c] = s;
        if (s & ((uint64_t)1 << (cl->n - 1))) {
            uint32_t first = tok->pos - (uint32_t)(cl->n - 1);
            if (push_hit(ms, (passim_hit){first, (uint32_t)cl->n,
                                          ms->ring_start[first % RING],
                                          (uint32_t)tok->end, (uint32_t)c}))
                return 1;
        }
    }
    return 0;
}

static int cmp_hits(const void *a, const void *b)
{
    const passim_hit *x = a, *y = b;
    if (x->pos != y->pos)
        return x->pos < y->pos ? -1 : 1;
    return x->clause < y->clause ? -1 : x->clause > y->clause;
}

passim_status passim_match_text(passim_hits *hits, passim_analyzer *a,
                                const passim_query *q, const char *text,
                                size_t len)
{
    passim_error_clear();
    match_state ms = {q, hits, NULL, {0}, PASSIM_OK};
    if (q->nclauses == 0)
        return PASSIM_OK;
    ms.phrase_state = calloc(q->nclauses, sizeof *ms.phrase_state);
    char *keys = malloc(4 * q->nwords + 2);
    if (!ms.phrase_state || !keys) {
        free(ms.phrase_state);
        free(keys);
        return passim_error_nomem("matching a query in a text");
    }
    /* Only tokens that may match need stemming: those starting like a
     * query word's stem or folded form. */
    size_t nkeys = 0;
    int usable = 1;
    for (size_t i = 0; i < q->nwords && usable; i++) {
        const char *forms[2] = {q->words[i].stem, q->words[i].folded};
        for (int f = 0; f < 2; f++) {
            if (strlen(forms[f]) < 2) {
                usable = 0;
                break;
            }
            keys[2 * nkeys] = forms[f][0];
            keys[2 * nkeys + 1] = forms[f][1];
            nkeys++;
        }
    }
    int filtered = usable && passim_analyzer_stem_keys(a, keys, nkeys);
    passim_analyze(NULL, a, text, len, PASSIM_FIRST_POS, on_token, &ms);
    if (filtered)
        passim_analyzer_stem_keys(a, NULL, 0);
    free(keys);
    free(ms.phrase_state);
    if (ms.st == PASSIM_OK && hits->n > 1)
        qsort(hits->v, hits->n, sizeof *hits->v, cmp_hits);
    return ms.st;
}

void passim_hits_free(passim_hits *hits)
{
    if (!hits)
        return;
    free(hits->v);
    memset(hits, 0, sizeof *hits);
}
