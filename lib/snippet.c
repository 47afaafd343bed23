/* snippet.c — shown passage text and highlight spans (contracts in snippet.h). */
#include "snippet.h"

#include <stdlib.h>
#include <string.h>

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int cmp_spans(const void *a, const void *b)
{
    const passim_span *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end < y->end ? -1 : x->end > y->end;
}

passim_status passim_snippet_make(const char *text, uint32_t start, uint32_t end,
                                  const passim_hits *hits, passim_snippet *out)
{
    passim_status st = PASSIM_OK;
    size_t n = end > start ? end - start : 0, o = 0;
    uint32_t *map = NULL; /* map[i]: shown offset of text[start + i] */

    memset(out, 0, sizeof *out);
    out->text = malloc(n + 1);
    map = malloc((n + 1) * sizeof *map);
    if (!out->text || !map) {
        st = PASSIM_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)text[start + i];
        map[i] = (uint32_t)o;
        if (is_space(c)) {
            if (o == 0 || out->text[o - 1] != ' ')
                out->text[o++] = ' ';
        } else {
            out->text[o++] = (char)c;
        }
    }
    map[n] = (uint32_t)o;
    out->text[o] = '\0';
    out->len = o;

    size_t cap = 0;
    for (size_t i = 0; i < hits->n; i++)
        if (hits->v[i].start >= start && hits->v[i].end <= end)
            cap++;
    if (cap) {
        out->spans = malloc(cap * sizeof *out->spans);
        if (!out->spans) {
            st = PASSIM_ENOMEM;
            goto out;
        }
    }
    for (size_t i = 0; i < hits->n; i++) {
        const passim_hit *h = &hits->v[i];
        if (h->start >= start && h->end <= end)
            out->spans[out->nspans++] =
                (passim_span){map[h->start - start], map[h->end - start]};
    }
    if (out->nspans > 1) {
        qsort(out->spans, out->nspans, sizeof *out->spans, cmp_spans);
        size_t w = 0;
        for (size_t i = 1; i < out->nspans; i++) {
            if (out->spans[i].start <= out->spans[w].end) {
                if (out->spans[i].end > out->spans[w].end)
                    out->spans[w].end = out->spans[i].end;
            } else {
                out->spans[++w] = out->spans[i];
            }
        }
        out->nspans = w + 1;
    }
out:
    free(map);
    if (st != PASSIM_OK)
        passim_snippet_release(out);
    return st;
}

void passim_snippet_release(passim_snippet *s)
{
    if (!s)
        return;
    free(s->text);
    free(s->spans);
    memset(s, 0, sizeof *s);
}
