/* fuzz_entity.c — passim_entities_find over any bytes, and over the
 * cleaned text of the article those bytes make.
 *
 * Invariants (entity.h): spans inside the text, non-empty, ascending and
 * not overlapping; kinds non-zero and only PASSIM_KIND_* bits; at least
 * one word each, and the tokens passim_analyze finds starting inside a
 * span are exactly the words pos .. pos+nwords-1; at most
 * PASSIM_MAX_ENTITIES; finding again from another first position gives
 * the same spans and kinds with positions shifted (no hidden state).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text/article.h"
#include "text/entity.h"

typedef struct toks {
    size_t n, cap;
    size_t *start;
    uint32_t *pos;
} toks;

static int collect(void *ctx, const passim_token *t)
{
    toks *k = ctx;
    if (k->n == k->cap) {
        k->cap = k->cap ? k->cap * 2 : 256;
        k->start = realloc(k->start, k->cap * sizeof *k->start);
        k->pos = realloc(k->pos, k->cap * sizeof *k->pos);
        FUZZ_CHECK(k->start && k->pos);
    }
    k->start[k->n] = t->start;
    k->pos[k->n] = t->pos;
    k->n++;
    return 0;
}

static void check(passim_analyzer *a, const char *text, size_t len, uint32_t first,
                  const passim_entities *e)
{
    toks k = {0};
    passim_analyze(NULL, a, text, len, first, collect, &k);
    FUZZ_CHECK(e->n <= PASSIM_MAX_ENTITIES);
    FUZZ_CHECK(e->n == 0 || e->v != NULL);
    size_t t = 0;
    for (size_t i = 0; i < e->n; i++) {
        const passim_entity *x = &e->v[i];
        FUZZ_CHECK(x->start < x->end && x->end <= len);
        FUZZ_CHECK(i == 0 || x->start >= e->v[i - 1].end);
        FUZZ_CHECK(x->kinds != 0 && (x->kinds & ~PASSIM_KIND_ALL) == 0);
        FUZZ_CHECK(x->nwords >= 1);
        while (t < k.n && k.start[t] < x->start)
            t++;
        uint32_t n = 0;
        for (; t < k.n && k.start[t] < x->end; t++, n++)
            FUZZ_CHECK(k.pos[t] == x->pos + n);
        FUZZ_CHECK(n == x->nwords);
    }
    free(k.start);
    free(k.pos);
}

static void find_and_check(passim_analyzer *a, const char *text, size_t len)
{
    passim_entities e = {0}, f = {0};
    FUZZ_OK(passim_entities_find(&e, a, text, len, 1));
    check(a, text, len, 1, &e);
    FUZZ_OK(passim_entities_find(&f, a, text, len, 5000));
    FUZZ_CHECK(f.n == e.n);
    for (size_t i = 0; i < e.n; i++) {
        FUZZ_CHECK(f.v[i].start == e.v[i].start && f.v[i].end == e.v[i].end);
        FUZZ_CHECK(f.v[i].kinds == e.v[i].kinds && f.v[i].nwords == e.v[i].nwords);
        FUZZ_CHECK(f.v[i].pos == e.v[i].pos + 4999);
    }
    passim_entities_free(&f);
    passim_entities_free(&e);
    FUZZ_CHECK(e.v == NULL && e.n == 0 && e.cap == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    passim_analyzer *a = fuzz_analyzer("english");
    passim_article *art = NULL;

    find_and_check(a, (const char *)data, size);
    FUZZ_OK(passim_article_from_text(&art, "fuzz", (const char *)data, size));
    find_and_check(a, art->text, art->text_len);
    passim_article_free(art);
    return 0;
}
