/* snippet.c — shown passage text and highlight spans (contracts in snippet.h).
 *
 * Two steps: the passage is copied with white space collapsed (and a space
 * between glued sentences), the hit endpoints mapped to the copy in the
 * same walk; then, when the copy is over PASSIM_SNIPPET_MAX_BYTES, it is
 * cut to fragments around the highlights (bound_text). */
#include "search/snippet.h"

#include <stdlib.h>
#include <string.h>

#define SNIPPET_MIN_CONTEXT 40 /* bytes kept either side of a highlight */
#define ELLIPSIS "\xE2\x80\xA6"

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

/* A hit endpoint to map: raw offset, and where its mapped value goes. */
typedef struct endpoint {
    uint32_t raw;
    uint32_t *dst;
    int is_end;
} endpoint;

static int cmp_endpoints(const void *a, const void *b)
{
    const endpoint *x = a, *y = b;
    if (x->raw != y->raw)
        return x->raw < y->raw ? -1 : 1;
    return x->is_end < y->is_end ? 1 : x->is_end > y->is_end ? -1 : 0;
}

/* Sort and merge out->spans in place. */
static void merge_spans(passim_snippet *out)
{
    if (out->nspans < 2)
        return;
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

/* Copy text[start..end) into out->text, white space collapsed, with a
 * space before each of the glue[0..ng) offsets (ascending sentence starts)
 * that follows no white space; the in-range hits become out->spans. */
static passim_status collapse(passim_snippet *out, const char *text, uint32_t start,
                              uint32_t end, const uint32_t *glue,
                              size_t ng, const passim_hits *hits)
{
    size_t n = end > start ? end - start : 0, o = 0, cap = 0, ne = 0, e = 0, g = 0;
    endpoint *eps = NULL;

    out->text = malloc(n + ng + 1);
    if (!out->text)
        return passim_error_nomem("snippet text");
    for (size_t i = 0; i < hits->n; i++)
        if (hits->v[i].start >= start && hits->v[i].end <= end && hits->v[i].start < end)
            cap++;
    if (cap) {
        out->spans = malloc(cap * sizeof *out->spans);
        eps = malloc(2 * cap * sizeof *eps);
        if (!out->spans || !eps) {
            free(eps);
            return passim_error_nomem("snippet highlights");
        }
        for (size_t i = 0; i < hits->n; i++) {
            const passim_hit *h = &hits->v[i];
            if (!(h->start >= start && h->end <= end && h->start < end))
                continue;
            passim_span *sp = &out->spans[out->nspans++];
            eps[ne++] = (endpoint){h->start, &sp->start, 0};
            eps[ne++] = (endpoint){h->end, &sp->end, 1};
        }
        qsort(eps, ne, sizeof *eps, cmp_endpoints);
    }
    for (size_t i = start; i <= end; i++) {
        /* Ends mapped before a glue space, starts after it. */
        while (e < ne && eps[e].raw == i && eps[e].is_end)
            *eps[e++].dst = (uint32_t)o;
        while (g < ng && glue[g] < i)
            g++;
        if (g < ng && glue[g] == i && o > 0 && out->text[o - 1] != ' ')
            out->text[o++] = ' ';
        while (e < ne && eps[e].raw == i)
            *eps[e++].dst = (uint32_t)o;
        if (i == end)
            break;
        unsigned char c = (unsigned char)text[i];
        if (is_space(c)) {
            if (o == 0 || out->text[o - 1] != ' ')
                out->text[o++] = ' ';
        } else {
            out->text[o++] = (char)c;
        }
    }
    out->text[o] = '\0';
    out->len = o;
    free(eps);
    /* A span's end is never before its start (an end mapped before a glue
     * space at the same offset as a start). */
    for (size_t i = 0; i < out->nspans; i++)
        if (out->spans[i].end < out->spans[i].start)
            out->spans[i].end = out->spans[i].start;
    merge_spans(out);
    return PASSIM_OK;
}

/* A kept fragment [a, b) of the collapsed text and its spans [s0, s1). */
typedef struct frag {
    size_t a, b, s0, s1;
} frag;

/* Move a fragment start forward to a word start, not past `limit` (its
 * first highlight); inside a long word, to a character boundary. */
static size_t snap_start(const char *t, size_t a, size_t limit)
{
    if (a == 0 || t[a - 1] == ' ')
        return a;
    for (size_t i = a; i < limit; i++)
        if (t[i] == ' ')
            return i + 1;
    while (a < limit && ((unsigned char)t[a] & 0xC0) == 0x80)
        a++;
    return a;
}

/* Move a fragment end back to a word end, not before `limit` (its last
 * highlight's end); inside a long word, to a character boundary. */
static size_t snap_end(const char *t, size_t len, size_t b, size_t limit)
{
    if (b >= len || t[b] == ' ')
        return b;
    for (size_t i = b; i > limit; i--)
        if (t[i - 1] == ' ')
            return i - 1;
    while (b > limit && ((unsigned char)t[b] & 0xC0) == 0x80)
        b--;
    return b;
}

/* Cut out->text to fragments around its spans (see snippet.h) when it is
 * over PASSIM_SNIPPET_MAX_BYTES. */
static passim_status bound_text(passim_snippet *out)
{
    const size_t room = PASSIM_SNIPPET_MAX_BYTES, len = out->len;
    const char *t = out->text;
    size_t k = 0, used = 0, nf = 0;
    frag *fr = NULL;
    char *nt = NULL;
    passim_span *ns = NULL;

    if (len <= room)
        return PASSIM_OK;
    /* How many highlights fit, each with its minimum context. */
    while (k < out->nspans) {
        size_t w = out->spans[k].end - out->spans[k].start + 2 * SNIPPET_MIN_CONTEXT;
        if (used + w > room)
            break;
        used += w;
        k++;
    }
    fr = malloc((k ? k : 1) * sizeof *fr);
    if (!fr)
        return passim_error_nomem("snippet fragments");
    if (k == 0) {
        fr[nf++] = (frag){0, room, 0, 0}; /* the opening */
    } else {
        size_t spans_len = used - 2 * SNIPPET_MIN_CONTEXT * k;
        size_t ctx = (room - spans_len) / (2 * k);
        for (size_t i = 0; i < k; i++) {
            const passim_span *s = &out->spans[i];
            size_t a = s->start > ctx ? s->start - ctx : 0;
            size_t b = s->end + ctx < len ? s->end + ctx : len;
            if (nf && a <= fr[nf - 1].b) {
                fr[nf - 1].b = b;
                fr[nf - 1].s1 = i + 1;
            } else {
                fr[nf++] = (frag){a, b, i, i + 1};
            }
        }
        /* Room left by merging and clipping goes to the gaps: each
         * fragment grows forward (the last up to the first highlight left
         * out), then backward; fragments that meet become one. */
        size_t total = 0;
        for (size_t i = 0; i < nf; i++)
            total += fr[i].b - fr[i].a;
        size_t left = total < room ? room - total : 0;
        size_t stop = k < out->nspans ? out->spans[k].start : len;
        for (size_t i = 0; i < nf && left; i++) {
            size_t lim = i + 1 < nf ? fr[i + 1].a : stop;
            size_t grow = lim > fr[i].b ? lim - fr[i].b : 0;
            grow = grow < left ? grow : left;
            fr[i].b += grow;
            left -= grow;
        }
        for (size_t i = nf; i-- > 0 && left;) {
            size_t lim = i > 0 ? fr[i - 1].b : 0;
            size_t grow = fr[i].a > lim ? fr[i].a - lim : 0;
            grow = grow < left ? grow : left;
            fr[i].a -= grow;
            left -= grow;
        }
        size_t w = 0;
        for (size_t i = 1; i < nf; i++) {
            if (fr[i].a <= fr[w].b) {
                fr[w].b = fr[i].b;
                fr[w].s1 = fr[i].s1;
            } else {
                fr[++w] = fr[i];
            }
        }
        nf = w + 1;
    }
    /* Word boundaries, and the new text with its ellipses. */
    size_t cap = 0;
    for (size_t i = 0; i < nf; i++) {
        frag *f = &fr[i];
        size_t first = f->s0 < f->s1 ? out->spans[f->s0].start : f->b;
        size_t last = f->s0 < f->s1 ? out->spans[f->s1 - 1].end : f->a;
        f->a = snap_start(t, f->a, first);
        f->b = snap_end(t, len, f->b, last);
        cap += f->b - f->a + 2 * (sizeof " " ELLIPSIS " ");
    }
    nt = malloc(cap + 1);
    ns = k ? malloc(k * sizeof *ns) : NULL;
    if (!nt || (k && !ns)) {
        free(fr);
        free(nt);
        free(ns);
        return passim_error_nomem("snippet fragments");
    }
    size_t o = 0, nsp = 0;
    for (size_t i = 0; i < nf; i++) {
        const frag *f = &fr[i];
        size_t a = f->a, b = f->b;
        while (a < b && t[a] == ' ' && (f->s0 == f->s1 || a < out->spans[f->s0].start))
            a++;
        while (b > a && t[b - 1] == ' ' && (f->s0 == f->s1 || b > out->spans[f->s1 - 1].end))
            b--;
        if (i > 0 || a > 0) {
            const char *sep = i > 0 ? " " ELLIPSIS " " : ELLIPSIS " ";
            memcpy(nt + o, sep, strlen(sep));
            o += strlen(sep);
        }
        for (size_t s = f->s0; s < f->s1; s++)
            ns[nsp++] = (passim_span){(uint32_t)(out->spans[s].start - a + o),
                                      (uint32_t)(out->spans[s].end - a + o)};
        memcpy(nt + o, t + a, b - a);
        o += b - a;
        if (i + 1 == nf && b < len) {
            memcpy(nt + o, " " ELLIPSIS, sizeof " " ELLIPSIS - 1);
            o += sizeof " " ELLIPSIS - 1;
        }
    }
    nt[o] = '\0';
    free(fr);
    free(out->text);
    free(out->spans);
    out->text = nt;
    out->len = o;
    out->spans = ns;
    out->nspans = nsp;
    return PASSIM_OK;
}

/* Collapse, then bound unless `whole`; see snippet.h. */
static passim_status make(passim_snippet *out, const char *text, uint32_t start,
                          uint32_t end, const uint32_t *glue, size_t ng,
                          const passim_hits *hits, int whole)
{
    passim_status st;
    memset(out, 0, sizeof *out);
    if ((st = collapse(out, text, start, end, glue, ng, hits)) != PASSIM_OK ||
        (!whole && (st = bound_text(out)) != PASSIM_OK))
        passim_snippet_release(out);
    return st;
}

passim_status passim_snippet_make(passim_snippet *out, const char *text, uint32_t start,
                                  uint32_t end, const passim_hits *hits)
{
    passim_error_clear();
    return make(out, text, start, end, NULL, 0, hits, 0);
}

passim_status passim_snippet_make_whole(passim_snippet *out, const char *text,
                                        uint32_t start, uint32_t end,
                                        const passim_hits *hits)
{
    passim_error_clear();
    return make(out, text, start, end, NULL, 0, hits, 1);
}

passim_status passim_snippet_make_passage(passim_snippet *out, const char *text,
                                          const passim_sentence *v, size_t n,
                                          const passim_hits *hits)
{
    passim_error_clear();
    passim_status st;
    uint32_t *glue = NULL;

    memset(out, 0, sizeof *out);
    if (n == 0)
        return passim_error_set(PASSIM_EINVAL, "snippet: no sentence");
    if (n > 1 && !(glue = malloc((n - 1) * sizeof *glue)))
        return passim_error_nomem("passage snippet");
    for (size_t i = 1; i < n; i++)
        glue[i - 1] = v[i].start;
    st = make(out, text, v[0].start, v[n - 1].end, glue, n - 1, hits, 0);
    free(glue);
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
