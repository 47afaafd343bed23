/* suggest.c — "did you mean" (contracts in suggest.h). */
#include "search/suggest.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "index/docdata.h"
#include "util/idset.h"
#include "search/query_private.h"

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
/* Shortest stem matched against a beginning of a typed word. */
#define MIN_PREFIX_BYTES 4

/* Candidates kept from one scan of the index terms. */
#define NCAND 6

typedef struct scan_hit {
    char term[PASSIM_MAX_TERM_BYTES + 1];
    size_t len;
    unsigned d;
    uint32_t tf;
} scan_hit;

typedef struct candidate {
    const struct passim_idset *stop;
    const char *want;
    size_t wlen;
    int tolerant;     /* a term may also match a beginning of `want` */
    scan_hit v[NCAND]; /* best first */
    size_t n;
    size_t scanned;
} candidate;

/* Is x a better candidate than y: closer, then longer, then in more
 * articles? */
static int better(const scan_hit *x, const scan_hit *y)
{
    if (x->d != y->d)
        return x->d < y->d;
    if (x->len != y->len)
        return x->len > y->len;
    return x->tf > y->tf;
}

/* Distance of term[0..len) from the wanted word, or, when tolerant, from
 * a beginning of it about the term's length (a stem is a beginning of its
 * words: "minist" for "minster"), a tenth of an edit dearer. */
static unsigned distance_to(const candidate *c, const char *term, size_t len)
{
    unsigned d = passim_edit_distance(c->want, c->wlen, term, len, MAX_COST);
    if (!c->tolerant || len < MIN_PREFIX_BYTES || len * 2 < c->wlen)
        return d;
    for (size_t l = len > 1 ? len - 1 : 1; l <= len + 2 && l < c->wlen; l++) {
        unsigned e = passim_edit_distance(c->want, l, term, len, MAX_COST) + 1;
        if (e < d)
            d = e;
    }
    return d;
}

/* Term callback: keep the NCAND closest terms. */
static int consider(void *ctx, const char *term, size_t len, uint32_t tf)
{
    candidate *c = ctx;
    if (++c->scanned > PASSIM_SUGGEST_MAX_SCAN)
        return 1;
    if (len > PASSIM_MAX_TERM_BYTES || (len == c->wlen && !memcmp(term, c->want, len)))
        return 0;
    unsigned d = distance_to(c, term, len);
    if (d > MAX_COST)
        return 0;
    scan_hit h;
    memcpy(h.term, term, len);
    h.term[len] = '\0';
    h.len = len;
    h.d = d;
    h.tf = tf;
    if ((c->n == NCAND && !better(&h, &c->v[NCAND - 1])) ||
        (c->stop && passim_idset_has(c->stop, h.term)))
        return 0;
    size_t i = c->n < NCAND ? c->n++ : NCAND - 1;
    while (i > 0 && better(&h, &c->v[i - 1])) {
        c->v[i] = c->v[i - 1];
        i--;
    }
    c->v[i] = h;
    return 0;
}

typedef struct word_finder {
    const char *stem;
    const char *typed;
    char word[PASSIM_MAX_TERM_BYTES + 1];
    unsigned best;
} word_finder;

/* Analyzer callback: keep the token with the wanted stem closest to what
 * was typed. */
static int find_word(void *ctx, const passim_token *tok)
{
    word_finder *wf = ctx;
    if (strlen(wf->stem) != tok->stem_len || memcmp(wf->stem, tok->stem, tok->stem_len))
        return 0;
    unsigned d = passim_edit_distance(wf->typed, strlen(wf->typed), tok->folded,
                                      tok->folded_len, 4 * EDIT);
    if (d < wf->best) {
        memcpy(wf->word, tok->folded, tok->folded_len);
        wf->word[tok->folded_len] = '\0';
        wf->best = d;
    }
    return d == 0;
}

/* Articles read to find the written form of a stem. */
#define FORM_ARTICLES 4

/* Analyze article `did`'s text into wf. */
static passim_status read_forms(xc_db *db, passim_analyzer *a, xc_docid did,
                                word_finder *wf)
{
    char *data = NULL;
    size_t len = 0;
    passim_docdata doc;
    passim_status st = xc_db_get_data(&data, &len, db, did);
    if (st != PASSIM_OK)
        return st;
    if (passim_docdata_decode(&doc, data, len) != PASSIM_OK)
        return PASSIM_OK; /* a damaged article offers no word */
    char keys[2] = {wf->stem[0], wf->stem[1]};
    int filtered = strlen(wf->stem) >= 2 && passim_analyzer_stem_keys(a, keys, 1);
    passim_analyze(NULL, a, doc.text, doc.text_len, 1, find_word, wf);
    if (filtered)
        passim_analyzer_stem_keys(a, NULL, 0);
    passim_docdata_release(&doc); /* data with it */
    return PASSIM_OK;
}

/* The word of the index with stem `stem` closest to `typed`, as written in
 * the first FORM_ARTICLES articles holding it, into word[] (the stem itself
 * when none is found); *d gets its distance from `typed`. */
static passim_status word_for_stem(xc_db *db, passim_analyzer *a, const char *stem,
                                   const char *typed, char *word, unsigned *d)
{
    passim_status st;
    xc_query *tq = NULL;
    xc_enquire *e = NULL;
    xc_mset *m = NULL;
    word_finder wf = {stem, typed, "", 4 * EDIT + 1};

    if ((st = xc_query_term(&tq, stem, strlen(stem), 1, 0)) != PASSIM_OK ||
        (st = xc_enquire_new(&e, db)) != PASSIM_OK ||
        (st = xc_enquire_set_query(e, tq)) != PASSIM_OK ||
        (st = xc_enquire_set_weighting(e, "bool", NULL, 0)) != PASSIM_OK ||
        (st = xc_enquire_mset(&m, e, 0, FORM_ARTICLES)) != PASSIM_OK)
        goto out;
    for (uint32_t i = 0; i < xc_mset_size(m) && wf.best > 0 && st == PASSIM_OK; i++) {
        xc_docid did;
        if ((st = xc_mset_docid(&did, m, i)) == PASSIM_OK)
            st = read_forms(db, a, did, &wf);
    }
    if (st != PASSIM_OK)
        goto out;
    strcpy(word, wf.word[0] ? wf.word : stem);
    *d = wf.word[0] ? wf.best
                    : passim_edit_distance(typed, strlen(typed), stem, strlen(stem), 4 * EDIT);
out:
    xc_mset_free(m);
    xc_enquire_free(e);
    xc_query_free(tq);
    return st;
}

/* The best correction so far: a word and its distance from the typed one. */
typedef struct choice {
    char word[PASSIM_MAX_TERM_BYTES + 1];
    unsigned d;
    double cost;
} choice;

/* Tenths of an edit a candidate gains per factor of ten in the articles
 * holding it: "intrest" is "interest" (one insertion, in thousands of
 * articles) rather than the typo "interst" (one swap, in two). */
#define FREQ_WEIGHT 5.0

/* Consider index stem `stem` (indexing tf articles) for the typed word:
 * its closest word form must be within MAX_COST of what was typed; the
 * lowest cost (distance less FREQ_WEIGHT per factor of ten in tf) wins. */
static passim_status offer(xc_db *db, passim_analyzer *a, const char *stem, uint32_t tf,
                           uint32_t min_tf, const char *typed, choice *best)
{
    char word[PASSIM_MAX_TERM_BYTES + 1];
    unsigned d = 0;
    if (tf < min_tf)
        return PASSIM_OK;
    passim_status st = word_for_stem(db, a, stem, typed, word, &d);
    double cost = d - FREQ_WEIGHT * log10(tf + 1.0);
    if (st == PASSIM_OK && d <= MAX_COST && (best->d > MAX_COST || cost < best->cost)) {
        strcpy(best->word, word);
        best->d = d;
        best->cost = cost;
    }
    return st;
}

/* The index stems closest to want (first byte the same), into *c. */
static passim_status nearest_stems(xc_db *db, const struct passim_idset *stop,
                                   const char *want, int tolerant, candidate *c)
{
    memset(c, 0, sizeof *c);
    c->stop = stop;
    c->want = want;
    c->wlen = strlen(want);
    c->tolerant = tolerant;
    return xc_db_terms(db, want, 1, consider, c);
}

/* *found: whether the phrase holding word wi of q matches an article (0
 * when the word is in no phrase). */
static passim_status phrase_found(int *found, xc_db *db, const passim_query *q, size_t wi)
{
    passim_status st = PASSIM_OK;
    *found = 0;
    for (size_t c = 0; c < q->nclauses && st == PASSIM_OK && !*found; c++) {
        const passim_clause *cl = &q->clauses[c];
        xc_query *x = NULL;
        xc_enquire *e = NULL;
        xc_mset *m = NULL;
        if (cl->kind != PASSIM_CLAUSE_PHRASE || wi < cl->first || wi >= cl->first + cl->n)
            continue;
        if ((st = passim_query_build_clause(&x, q, c, db)) == PASSIM_OK &&
            (st = xc_enquire_new(&e, db)) == PASSIM_OK &&
            (st = xc_enquire_set_query(e, x)) == PASSIM_OK &&
            (st = xc_enquire_set_weighting(e, "bool", NULL, 0)) == PASSIM_OK &&
            (st = xc_enquire_mset(&m, e, 0, 1)) == PASSIM_OK)
            *found = xc_mset_size(m) > 0;
        if (st == PASSIM_EQUERY) { /* a prefix too broad: leave the phrase alone */
            passim_error_clear(); /* not an error of the call */
            st = PASSIM_OK;
            *found = 1;
        }
        xc_mset_free(m);
        xc_enquire_free(e);
        xc_query_free(x);
    }
    return st;
}

/* The correction of word w, or NULL (*fix) when it needs or has none: a
 * word whose stem indexes no article, or at most PASSIM_SUGGEST_RARE while
 * its correction indexes PASSIM_SUGGEST_RATIO times as many ("goverment",
 * a typo found in one article, against "government"). Candidates: the index stems nearest the word's stem, and those nearest
 * the word as typed or a beginning of it ("gaing" → giang, "remediaton" →
 * remedi, "minster" → minist: the stemmer does not recognise a misspelt
 * suffix). Each stands for its word form closest to the typed word in the
 * first article holding it, kept when within MAX_COST of it; the closest
 * wins, the stem indexing more articles among equals. */
static passim_status correct(char **fix, xc_db *db,
                             passim_analyzer *a, const struct passim_idset *stop,
                             const passim_query *q, size_t wi)
{
    const passim_qword *w = &q->words[wi];
    passim_status st;
    uint32_t tf = 0;
    candidate *c = NULL;
    choice best = {"", MAX_COST + 1, 0};
    size_t n = strlen(w->folded);

    *fix = NULL;
    if (!w->plain || n < PASSIM_SUGGEST_MIN_BYTES || w->stem[0] == '\0')
        return PASSIM_OK;
    if ((st = xc_db_termfreq(&tf, db, w->stem, strlen(w->stem))) != PASSIM_OK ||
        tf > PASSIM_SUGGEST_RARE)
        return st;
    /* A word of a quoted phrase is corrected only when the phrase found
     * nothing. */
    int found = 0;
    if (tf && w->quoted && ((st = phrase_found(&found, db, q, wi)) != PASSIM_OK || found))
        return st;
    if (!(c = malloc(sizeof *c)))
        return passim_error_nomem("did you mean");
    for (int typed = 0; typed < 2 && st == PASSIM_OK; typed++) {
        if ((st = nearest_stems(db, stop, typed ? w->folded : w->stem, typed, c)) != PASSIM_OK)
            break;
        for (size_t i = 0; i < c->n && st == PASSIM_OK; i++)
            st = offer(db, a, c->v[i].term, c->v[i].tf, tf * PASSIM_SUGGEST_RATIO,
                       w->folded, &best);
    }
    free(c);
    if (st != PASSIM_OK || best.d > MAX_COST)
        return st;
    *fix = strdup(best.word);
    return *fix ? PASSIM_OK : passim_error_nomem("did you mean");
}

/* How many articles the query text[0..len) finds with all its words
 * required, counted up to COUNT_CAP; -1 when it cannot be run (a syntax
 * error, a prefix too broad). */
#define COUNT_CAP 1000

static passim_status count_all_words(long *count, xc_db *db,
                                     passim_analyzer *a, const struct passim_idset *stop,
                                     const char *text, size_t len)
{
    passim_status st;
    passim_query *q = NULL;
    xc_query *xq = NULL;
    xc_enquire *e = NULL;
    xc_mset *m = NULL;

    *count = -1;
    if (passim_query_parse_stop(&q, a, text, len, PASSIM_PARSE_ALL_WORDS, stop) != PASSIM_OK) {
        passim_error_clear(); /* cannot be counted: not an error of the call */
        return PASSIM_OK;
    }
    if (!q->root) {
        *count = 0;
        passim_query_free(q);
        return PASSIM_OK;
    }
    if ((st = passim_query_build_db(&xq, q, db)) != PASSIM_OK ||
        (st = xc_enquire_new(&e, db)) != PASSIM_OK ||
        (st = xc_enquire_set_query(e, xq)) != PASSIM_OK ||
        (st = xc_enquire_set_weighting(e, "bool", NULL, 0)) != PASSIM_OK ||
        (st = xc_enquire_mset(&m, e, 0, COUNT_CAP)) != PASSIM_OK)
        goto out;
    *count = xc_mset_size(m) < COUNT_CAP ? (long)xc_mset_size(m)
                                         : (long)xc_mset_matches_estimated(m);
out:
    if (st == PASSIM_EQUERY) {
        passim_error_clear(); /* too broad: cannot be counted, not an error */
        st = PASSIM_OK;
    }
    xc_mset_free(m);
    xc_enquire_free(e);
    xc_query_free(xq);
    passim_query_free(q);
    return st;
}

passim_status passim_suggest(char **out, xc_db *db, passim_analyzer *a,
                             const passim_query *q, const struct passim_idset *stop,
                             const char *text, size_t len)
{
    passim_error_clear();
    passim_status st = PASSIM_OK;
    char **fix = NULL;
    size_t nfix = 0, outlen = len, at = 0, o = 0;

    *out = NULL;
    if (q->nwords == 0)
        return PASSIM_OK;
    if (!(fix = calloc(q->nwords, sizeof *fix)))
        return passim_error_nomem("did you mean");
    for (size_t i = 0, looked = 0; i < q->nwords && looked < PASSIM_SUGGEST_MAX_WORDS; i++) {
        const passim_qword *w = &q->words[i];
        if (w->end > len || w->start >= w->end || (i && w->start < q->words[i - 1].end))
            continue; /* not a plain span of the text */
        looked += w->plain;
        if ((st = correct(&fix[i], db, a, stop, q, i)) != PASSIM_OK)
            goto out;
        if (fix[i]) {
            nfix++;
            outlen += strlen(fix[i]);
        }
    }
    if (nfix == 0)
        goto out;
    if (!(*out = malloc(outlen + 1))) {
        st = passim_error_nomem("did you mean");
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
    /* Shown only when it finds clearly more than the query did. */
    long before = 0, after = 0;
    if ((st = count_all_words(&before, db, a, stop, text, len)) != PASSIM_OK ||
        (st = count_all_words(&after, db, a, stop, *out, o)) != PASSIM_OK)
        goto out;
    if (after < 1 || before < 0 || after < 2 * before) {
        free(*out);
        *out = NULL;
    }
out:
    if (st != PASSIM_OK) {
        free(*out);
        *out = NULL;
    }
    for (size_t i = 0; i < q->nwords; i++)
        free(fix[i]);
    free(fix);
    return st;
}
