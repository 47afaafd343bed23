/* fuzz_analyzer.c — passim_analyze and passim_analyzer_stem over any bytes.
 *
 * The input is analysed as text with the English analyzer and with the
 * analyzer that does not stem. Invariants checked (analyzer.h), aborting on
 * violation:
 *   - every token's range lies inside the input, is non-empty, and comes
 *     after the previous token's (ascending, non-overlapping);
 *   - positions run on from first_pos one per token, and *next_pos is the
 *     position after the last;
 *   - folded form and stem are NUL-terminated, non-empty, at most
 *     PASSIM_MAX_TERM_BYTES, valid UTF-8;
 *   - the stem is passim_analyzer_stem of the folded form;
 *   - analysing input[start..end) on its own gives exactly this one token,
 *     with the same folded form;
 *   - stemming changes nothing else: both analyzers find the same tokens
 *     with the same folded forms;
 *   - a callback's non-zero return stops the walk and is returned.
 * The input is also passed to passim_analyzer_stem as a folded word.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/analyzer.h"
#include "check.h"

#define FIRST_POS 7

typedef struct tok_rec {
    size_t start, end;
    char folded[PASSIM_MAX_TERM_BYTES + 1];
} tok_rec;

typedef struct walk {
    passim_analyzer *a;     /* the analyzer walking the text */
    passim_analyzer *inner; /* another one, for nested analysis */
    const char *text;
    size_t len;
    uint32_t expect_pos;
    size_t prev_end;
    tok_rec *toks; /* NULL: only check; else record (cap entries) */
    size_t n, cap;
    size_t stop_after; /* return non-zero at this token (0: never) */
} walk;

/* Analyzer callback: the token equals the one inner analysis finds. */
static int one_token(void *ctx, const passim_token *tok)
{
    passim_token *out = ctx;
    FUZZ_CHECK(out->folded == NULL); /* exactly one token */
    /* Copy: the token's strings die with the call. */
    char *f = malloc(tok->folded_len + 1);
    FUZZ_CHECK(f != NULL);
    memcpy(f, tok->folded, tok->folded_len + 1);
    *out = *tok;
    out->folded = f;
    out->stem = NULL;
    return 0;
}

static int check_token(void *ctx, const passim_token *tok)
{
    walk *w = ctx;

    FUZZ_CHECK(tok->pos == w->expect_pos);
    w->expect_pos++;
    FUZZ_CHECK(tok->start < tok->end && tok->end <= w->len);
    FUZZ_CHECK(tok->start >= w->prev_end);
    w->prev_end = tok->end;

    FUZZ_CHECK(tok->folded && tok->stem);
    FUZZ_CHECK(tok->folded_len > 0 && tok->folded_len <= PASSIM_MAX_TERM_BYTES);
    FUZZ_CHECK(tok->stem_len > 0 && tok->stem_len <= PASSIM_MAX_TERM_BYTES);
    FUZZ_CHECK(strlen(tok->folded) == tok->folded_len);
    FUZZ_CHECK(strlen(tok->stem) == tok->stem_len);
    FUZZ_CHECK(fuzz_utf8_valid(tok->folded, tok->folded_len));
    FUZZ_CHECK(fuzz_utf8_valid(tok->stem, tok->stem_len));

    /* The stem is what passim_analyzer_stem makes of the folded form. */
    size_t sl;
    const char *stem = passim_analyzer_stem(&sl, w->a, tok->folded, tok->folded_len);
    FUZZ_CHECK(sl == tok->stem_len && memcmp(stem, tok->stem, sl) == 0);

    /* The token's own bytes give exactly this token again (analysed by
     * another analyzer: the folded form does not depend on stemming, and
     * the contract does not promise that passim_analyze is reentrant). */
    passim_token inner = {0};
    uint32_t next = 0;
    FUZZ_CHECK(passim_analyze(&next, w->inner, w->text + tok->start,
                              tok->end - tok->start, 1, one_token, &inner) == 0);
    FUZZ_CHECK(next == 2 && inner.folded != NULL);
    FUZZ_CHECK(inner.start == 0 && inner.end == tok->end - tok->start);
    FUZZ_CHECK(inner.folded_len == tok->folded_len &&
               memcmp(inner.folded, tok->folded, tok->folded_len) == 0);
    free((char *)inner.folded);

    if (w->toks) {
        if (w->n == w->cap) {
            size_t cap = w->cap ? 2 * w->cap : 64;
            tok_rec *v = realloc(w->toks, cap * sizeof *v);
            FUZZ_CHECK(v != NULL);
            w->toks = v;
            w->cap = cap;
        }
        tok_rec *r = &w->toks[w->n];
        r->start = tok->start;
        r->end = tok->end;
        memcpy(r->folded, tok->folded, tok->folded_len + 1);
    }
    w->n++;
    if (w->stop_after && w->n == w->stop_after)
        return 42;
    return 0;
}

/* Callback comparing with the tokens recorded by the first walk. */
static int same_token(void *ctx, const passim_token *tok)
{
    walk *w = ctx;
    FUZZ_CHECK(w->n < w->cap);
    const tok_rec *r = &w->toks[w->n++];
    FUZZ_CHECK(r->start == tok->start && r->end == tok->end);
    FUZZ_CHECK(strcmp(r->folded, tok->folded) == 0);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    passim_analyzer *en = fuzz_analyzer("english");
    passim_analyzer *plain = fuzz_analyzer("none");
    uint32_t next = 0;

    /* English: full checks, recording the tokens. */
    walk w = {.a = en, .inner = plain, .text = text, .len = size,
              .expect_pos = FIRST_POS};
    w.toks = malloc(64 * sizeof *w.toks);
    FUZZ_CHECK(w.toks != NULL);
    w.cap = 64;
    FUZZ_CHECK(passim_analyze(&next, en, text, size, FIRST_POS, check_token, &w) == 0);
    FUZZ_CHECK(next == FIRST_POS + w.n);
    size_t ntoks = w.n;

    /* Counting only (no callback) agrees. */
    FUZZ_CHECK(passim_analyze(&next, en, text, size, FIRST_POS, NULL, NULL) == 0);
    FUZZ_CHECK(next == FIRST_POS + ntoks);

    /* No stemming: the same tokens and folded forms. */
    walk same = {.a = plain, .text = text, .len = size, .toks = w.toks,
                 .cap = ntoks};
    FUZZ_CHECK(passim_analyze(&next, plain, text, size, FIRST_POS, same_token,
                              &same) == 0);
    FUZZ_CHECK(same.n == ntoks && next == FIRST_POS + ntoks);
    free(w.toks);

    /* Stopping early: the callback's value comes back, positions stop. */
    if (ntoks > 0) {
        walk stop = {.a = en, .inner = plain, .text = text, .len = size,
                     .expect_pos = FIRST_POS, .stop_after = (ntoks + 1) / 2};
        FUZZ_CHECK(passim_analyze(&next, en, text, size, FIRST_POS, check_token,
                                  &stop) == 42);
        FUZZ_CHECK(stop.n == (ntoks + 1) / 2 && next == FIRST_POS + stop.n);
    }

    /* The input as an already folded word. */
    size_t sl = 0;
    const char *stem = passim_analyzer_stem(&sl, en, text, size);
    FUZZ_CHECK(stem != NULL && sl <= PASSIM_MAX_TERM_BYTES && stem[sl] == '\0');
    stem = passim_analyzer_stem(&sl, plain, text, size);
    FUZZ_CHECK(stem != NULL && sl <= PASSIM_MAX_TERM_BYTES && stem[sl] == '\0');
    return 0;
}
