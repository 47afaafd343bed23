/* gen_queries — a reproducible query set drawn from a corpus.
 *
 * Usage: gen_queries [--seed S] [--count N] CORPUS > QUERIES
 *
 * Writes N queries (default 1000), one per line, in the language every
 * bench program reads (passim's): free words and "quoted phrases". The same
 * corpus, seed (default 1) and count always give the same file: the corpus
 * is listed in byte order of paths and the random numbers come from our own
 * generator (splitmix64), not from the C library.
 *
 * A word here is a run of non-space characters with leading and trailing
 * punctuation removed, kept only if it is then 2 to 20 ASCII letters or
 * digits with at least one letter; it is lower-cased. So every system reads
 * a query word as one token, the same one. Document frequencies (df) of
 * these words over the corpus decide what "common" and "rare" mean; the 50
 * words of highest df are "stop words": a query is never made of stop
 * words only.
 *
 * Queries are of seven kinds, chosen at random with fixed weights:
 *   25  1-3 consecutive words of a random article's first line (its title)
 *   15  2-3 distinct words picked at random from one article's text
 *       (as they come, but at most one stop word)
 *   15  1-2 common words (df rank 50 to 1000: frequent, not stop words)
 *   10  1 rare word (df 1 to 3)
 *   10  a common word and a rare word
 *   20  a quoted phrase of 2-3 consecutive words of a random article's text
 *       (the words separated by single spaces, no punctuation inside)
 *    5  a quoted phrase of 2 words and a common word
 * Exit status 0, or 1 on error (messages on stderr).
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchutil.h"

#define MAX_WORD 20

/* ---- random numbers: splitmix64 ---------------------------------------- */

static uint64_t rng_state;

static uint64_t rng_next(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* Uniform in [0, n), n > 0. */
static size_t rng_below(size_t n)
{
    return (size_t)(rng_next() % n);
}

/* ---- the vocabulary: word -> df --------------------------------------- */

typedef struct vword {
    char *w;
    uint32_t df;
    uint32_t last_doc; /* last article counted, +1 */
    int stop;          /* among the 50 words of highest df */
} vword;

typedef struct vocab {
    vword *slots; /* open addressing; w == NULL is empty */
    size_t cap, n;
} vocab;

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static int vocab_grow(vocab *v)
{
    size_t cap = v->cap ? 2 * v->cap : 1 << 16;
    vword *s = calloc(cap, sizeof *s);
    if (!s)
        return -1;
    for (size_t i = 0; i < v->cap; i++) {
        if (!v->slots[i].w)
            continue;
        size_t j = hash(v->slots[i].w) & (cap - 1);
        while (s[j].w)
            j = (j + 1) & (cap - 1);
        s[j] = v->slots[i];
    }
    free(v->slots);
    v->slots = s;
    v->cap = cap;
    return 0;
}

/* Count word `w` as seen in article `doc`. */
static int vocab_add(vocab *v, const char *w, uint32_t doc)
{
    if (2 * (v->n + 1) > v->cap && vocab_grow(v) != 0)
        return -1;
    size_t j = hash(w) & (v->cap - 1);
    while (v->slots[j].w && strcmp(v->slots[j].w, w) != 0)
        j = (j + 1) & (v->cap - 1);
    vword *e = &v->slots[j];
    if (!e->w) {
        if (!(e->w = strdup(w)))
            return -1;
        v->n++;
    }
    if (e->last_doc != doc + 1) {
        e->df++;
        e->last_doc = doc + 1;
    }
    return 0;
}

/* The entry of `w`, or NULL. */
static const vword *vocab_find(const vocab *v, const char *w)
{
    if (!v->cap)
        return NULL;
    size_t j = hash(w) & (v->cap - 1);
    while (v->slots[j].w && strcmp(v->slots[j].w, w) != 0)
        j = (j + 1) & (v->cap - 1);
    return v->slots[j].w ? &v->slots[j] : NULL;
}

static void vocab_free(vocab *v)
{
    for (size_t i = 0; i < v->cap; i++)
        free(v->slots[i].w);
    free(v->slots);
}

/* ---- words of a text -------------------------------------------------- */

typedef struct word {
    char w[MAX_WORD + 1];
    int joined; /* 1 if the next word follows after exactly one space, with
                   no punctuation between them */
} word;

typedef struct words {
    word *v;
    size_t n, cap;
} words;

static int is_punct(unsigned char c)
{
    return c < 128 && ispunct(c);
}

/* The words of text[0..len) (see the header) into *out (reset first). */
static int split_words(words *out, const char *text, size_t len)
{
    out->n = 0;
    for (size_t i = 0; i < len;) {
        while (i < len && isspace((unsigned char)text[i]))
            i++;
        size_t s = i;
        while (i < len && !isspace((unsigned char)text[i]))
            i++;
        size_t e = i, a = s, b = e;
        while (a < b && is_punct((unsigned char)text[a]))
            a++;
        while (b > a && is_punct((unsigned char)text[b - 1]))
            b--;
        if (s == e)
            continue;
        int ok = b - a >= 2 && b - a <= MAX_WORD, letter = 0;
        for (size_t k = a; ok && k < b; k++) {
            unsigned char c = (unsigned char)text[k];
            if (!(c < 128 && isalnum(c)))
                ok = 0;
            letter |= c < 128 && isalpha(c);
        }
        if (!ok || !letter) {
            if (out->n)
                out->v[out->n - 1].joined = 0;
            continue;
        }
        if (out->n == out->cap) {
            size_t cap = out->cap ? 2 * out->cap : 1024;
            word *v = realloc(out->v, cap * sizeof *v);
            if (!v)
                return -1;
            out->v = v;
            out->cap = cap;
        }
        word *w = &out->v[out->n++];
        for (size_t k = a; k < b; k++)
            w->w[k - a] = (char)tolower((unsigned char)text[k]);
        w->w[b - a] = '\0';
        /* Joined to the next word: nothing stripped at its end, and exactly
         * one space before the next run of non-space characters, which must
         * itself start with no punctuation. */
        w->joined = b == e && e + 1 < len && text[e] == ' ' &&
                    !isspace((unsigned char)text[e + 1]) &&
                    !is_punct((unsigned char)text[e + 1]);
        if (a != s && out->n > 1)
            out->v[out->n - 2].joined = 0;
    }
    if (out->n)
        out->v[out->n - 1].joined = 0;
    return 0;
}

/* ---- generation ------------------------------------------------------- */

typedef struct corpus {
    bench_files files;
    vocab voc;
    char **common; /* df rank 50..1000 (borrowed from voc) */
    size_t ncommon;
    char **rare;   /* df 1..3 */
    size_t nrare;
} corpus;

static int cmp_df_desc(const void *a, const void *b)
{
    const vword *x = *(const vword *const *)a, *y = *(const vword *const *)b;
    if (x->df != y->df)
        return x->df > y->df ? -1 : 1;
    return strcmp(x->w, y->w);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Count df of every word and pick the common and rare lists. */
static int build_vocab(corpus *c, words *ws)
{
    for (size_t d = 0; d < c->files.n; d++) {
        char *text;
        size_t len;
        if (bench_read_file(&text, &len, c->files.paths[d]) != 0)
            return -1;
        int rc = split_words(ws, text, len);
        free(text);
        if (rc != 0)
            return -1;
        for (size_t i = 0; i < ws->n; i++)
            if (vocab_add(&c->voc, ws->v[i].w, (uint32_t)d) != 0)
                return -1;
    }
    vword **all = malloc((c->voc.n ? c->voc.n : 1) * sizeof *all);
    c->common = malloc(1000 * sizeof *c->common);
    c->rare = malloc((c->voc.n ? c->voc.n : 1) * sizeof *c->rare);
    if (!all || !c->common || !c->rare) {
        free(all);
        return -1;
    }
    size_t n = 0;
    for (size_t i = 0; i < c->voc.cap; i++)
        if (c->voc.slots[i].w)
            all[n++] = &c->voc.slots[i];
    qsort(all, n, sizeof *all, cmp_df_desc);
    size_t lo = n > 1000 ? 50 : 0, hi = n < 1000 ? n : 1000;
    for (size_t i = 0; i < lo; i++)
        all[i]->stop = 1;
    for (size_t i = lo; i < hi; i++)
        if (strlen(all[i]->w) >= 3)
            c->common[c->ncommon++] = all[i]->w;
    for (size_t i = 0; i < n; i++)
        if (all[i]->df <= 3 && strlen(all[i]->w) >= 3)
            c->rare[c->nrare++] = all[i]->w;
    /* The hash table's order depends on its history: sort for stability. */
    qsort(c->common, c->ncommon, sizeof *c->common, cmp_str);
    qsort(c->rare, c->nrare, sizeof *c->rare, cmp_str);
    free(all);
    if (c->ncommon == 0 || c->nrare == 0) {
        fprintf(stderr, "gen_queries: corpus too small for common and rare words\n");
        return -1;
    }
    return 0;
}

/* Load the words of a random article into *ws (its title line only when
 * `title_only`); returns -1 on error. */
static int random_article(const corpus *c, words *ws, int title_only)
{
    char *text;
    size_t len;
    if (bench_read_file(&text, &len, c->files.paths[rng_below(c->files.n)]) != 0)
        return -1;
    if (title_only) {
        char *nl = memchr(text, '\n', len);
        if (nl)
            len = (size_t)(nl - text);
    }
    int rc = split_words(ws, text, len);
    free(text);
    return rc;
}

static int is_stop(const corpus *c, const char *w)
{
    const vword *e = vocab_find(&c->voc, w);
    return e && e->stop;
}

/* A run of up to `want` (>= 1) consecutive joined words of ws, at least
 * `min` long and not made only of stop words (the 50 of highest df),
 * written to q (space-separated); 0 if none found. */
static int pick_run(const corpus *c, const words *ws, size_t min, size_t want,
                    char *q, size_t size)
{
    if (ws->n == 0)
        return 0;
    for (int attempt = 0; attempt < 20; attempt++) {
        size_t s = rng_below(ws->n), n = 1;
        while (n < want && s + n < ws->n && ws->v[s + n - 1].joined)
            n++;
        if (n < min)
            continue;
        size_t stops = 0;
        for (size_t k = 0; k < n; k++)
            stops += (size_t)is_stop(c, ws->v[s + k].w);
        if (stops == n)
            continue;
        size_t len = 0;
        for (size_t k = 0; k < n; k++)
            len += (size_t)snprintf(q + len, size - len, "%s%s", k ? " " : "",
                                    ws->v[s + k].w);
        return 1;
    }
    return 0;
}

static const char *common_word(const corpus *c)
{
    return c->common[rng_below(c->ncommon)];
}

static const char *rare_word(const corpus *c)
{
    return c->rare[rng_below(c->nrare)];
}

/* One query of a random kind into q; 0 when this draw found nothing (the
 * caller draws again). */
static int make_query(const corpus *c, words *ws, char *q, size_t size)
{
    size_t kind = rng_below(100);
    char run[4 * (MAX_WORD + 1)];
    if (kind < 25) { /* title words */
        if (random_article(c, ws, 1) != 0)
            return -1;
        if (!pick_run(c, ws, 1, 1 + rng_below(3), run, sizeof run))
            return 0;
        snprintf(q, size, "%s", run);
    } else if (kind < 40) { /* words of one article */
        if (random_article(c, ws, 0) != 0)
            return -1;
        if (ws->n < 3)
            return 0;
        size_t n = 2 + rng_below(2), len = 0, stops = 0;
        const char *picked[3];
        for (size_t k = 0; k < n; k++) {
            const char *w = ws->v[rng_below(ws->n)].w;
            for (size_t j = 0; j < k; j++)
                if (strcmp(picked[j], w) == 0)
                    return 0;
            if ((stops += (size_t)is_stop(c, w)) > 1)
                return 0;
            picked[k] = w;
            len += (size_t)snprintf(q + len, size - len, "%s%s", k ? " " : "", w);
        }
    } else if (kind < 55) { /* common words */
        const char *a = common_word(c);
        if (rng_below(2)) {
            const char *b = common_word(c);
            if (strcmp(a, b) == 0)
                return 0;
            snprintf(q, size, "%s %s", a, b);
        } else {
            snprintf(q, size, "%s", a);
        }
    } else if (kind < 65) { /* a rare word */
        snprintf(q, size, "%s", rare_word(c));
    } else if (kind < 75) { /* common and rare */
        const char *a = common_word(c), *b = rare_word(c);
        snprintf(q, size, "%s %s", a, b);
    } else if (kind < 95) { /* a phrase */
        if (random_article(c, ws, 0) != 0)
            return -1;
        if (!pick_run(c, ws, 2, 2 + rng_below(2), run, sizeof run))
            return 0;
        snprintf(q, size, "\"%s\"", run);
    } else { /* a phrase and a common word */
        if (random_article(c, ws, 0) != 0)
            return -1;
        if (!pick_run(c, ws, 2, 2, run, sizeof run))
            return 0;
        snprintf(q, size, "\"%s\" %s", run, common_word(c));
    }
    return 1;
}

int main(int argc, char **argv)
{
    corpus c;
    words ws = {0};
    unsigned long long seed = 1;
    long count = 1000;
    int i, rc = 1;
    char q[512];

    memset(&c, 0, sizeof c);
    for (i = 1; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
        if (strcmp(argv[i], "--seed") == 0)
            seed = strtoull(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--count") == 0)
            count = atol(argv[i + 1]);
        else
            break;
    }
    if (argc - i != 1 || count < 1 || count > 10000000) {
        fputs("usage: gen_queries [--seed S] [--count N] CORPUS > QUERIES\n", stderr);
        return 2;
    }
    rng_state = seed;
    if (bench_files_list(&c.files, argv[i]) != 0)
        return 1;
    if (build_vocab(&c, &ws) != 0)
        goto out;
    for (long made = 0, draws = 0; made < count; draws++) {
        if (draws > 100 * count + 1000) {
            fprintf(stderr, "gen_queries: cannot draw enough queries\n");
            goto out;
        }
        int got = make_query(&c, &ws, q, sizeof q);
        if (got < 0)
            goto out;
        if (got) {
            puts(q);
            made++;
        }
    }
    if (fflush(stdout) != 0) {
        fprintf(stderr, "gen_queries: write error\n");
        goto out;
    }
    rc = 0;
out:
    free(ws.v);
    free(c.common);
    free(c.rare);
    vocab_free(&c.voc);
    bench_files_free(&c.files);
    return rc;
}
