/* view.c — a whole article, paragraph by paragraph (contracts in view.h). */
#include "search/view.h"

#include <stdlib.h>
#include <string.h>

#include "search/match.h"

void passim_view_release(passim_view *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->npara; i++) {
        passim_snippet_release(&v->para[i].text);
        free(v->para[i].sent);
    }
    free(v->para);
    passim_docdata_release(&v->doc);
    memset(v, 0, sizeof *v);
}

/* Append s[0..len) with spans sp[0..nsp) to paragraph text t. */
static passim_status append_text(passim_snippet *t, const char *s, size_t len,
                                 const passim_span *sp, size_t nsp)
{
    size_t total = t->len + len;
    if (total > UINT32_MAX)
        return passim_error_set(PASSIM_ETOOBIG, "paragraph too long");
    char *x = realloc(t->text, total + 1);
    if (!x)
        return passim_error_set(PASSIM_ENOMEM, "out of memory");
    t->text = x;
    if (len)
        memcpy(x + t->len, s, len);
    x[total] = '\0';
    if (nsp) {
        passim_span *v = realloc(t->spans, (t->nspans + nsp) * sizeof *v);
        if (!v)
            return passim_error_set(PASSIM_ENOMEM, "out of memory");
        t->spans = v;
        for (size_t k = 0; k < nsp; k++)
            v[t->nspans++] = (passim_span){sp[k].start + (uint32_t)t->len,
                                           sp[k].end + (uint32_t)t->len};
    }
    t->len = total;
    return PASSIM_OK;
}

/* Append sentence i of the article to paragraph p: the stored text
 * between it and the previous sentence (white space collapsed, one space
 * where there is none), when it is not p's first, then the sentence with
 * its highlights. */
static passim_status append_sentence(passim_view_para *p, const passim_docdata *d,
                                     size_t i, const passim_hits *hits)
{
    static const passim_hits none = {0};
    const passim_sentence *s = &d->sents.v[i];
    passim_snippet gap = {0}, sn = {0};
    passim_status st = PASSIM_OK;
    if (p->nsent && (st = passim_snippet_make_whole(&gap, d->text, d->sents.v[i - 1].end,
                                              s->start, &none)) != PASSIM_OK)
        goto out;
    passim_span *r = realloc(p->sent, (p->nsent + 1) * sizeof *r);
    if (!r) {
        st = passim_error_set(PASSIM_ENOMEM, "out of memory");
        goto out;
    }
    p->sent = r;
    /* A sentence glued to the previous one (`War.The`) gets one space, as
     * in a passage (passim_snippet_make_passage). */
    if (p->nsent && gap.len == 0)
        st = append_text(&p->text, " ", 1, NULL, 0);
    else
        st = append_text(&p->text, gap.text, gap.len, NULL, 0);
    if (st != PASSIM_OK ||
        (st = passim_snippet_make_whole(&sn, d->text, s->start, s->end, hits)) != PASSIM_OK)
        goto out;
    uint32_t at = (uint32_t)p->text.len;
    if ((st = append_text(&p->text, sn.text, sn.len, sn.spans, sn.nspans)) != PASSIM_OK)
        goto out;
    r[p->nsent++] = (passim_span){at, (uint32_t)p->text.len};
out:
    passim_snippet_release(&gap);
    passim_snippet_release(&sn);
    return st;
}

/* Cut v->doc into paragraphs with the highlights of `hits`. */
static passim_status cut_paragraphs(passim_view *v, const passim_hits *hits)
{
    const passim_sentences *s = &v->doc.sents;
    size_t npara = 0;
    for (size_t i = 0; i < s->n; i++)
        npara += i == 0 || s->v[i].para_start;
    if (npara == 0)
        return PASSIM_OK;
    if (!(v->para = calloc(npara, sizeof *v->para)))
        return passim_error_set(PASSIM_ENOMEM, "out of memory");
    for (size_t i = 0; i < s->n; i++) {
        passim_status st;
        if (i == 0 || s->v[i].para_start)
            v->para[v->npara++].first_sent = (uint32_t)i;
        if ((st = append_sentence(&v->para[v->npara - 1], &v->doc, i, hits)) != PASSIM_OK)
            return st;
    }
    return PASSIM_OK;
}

passim_status passim_view_build(passim_view *out, passim_docdata *doc,
                                passim_analyzer *a, const passim_query *q)
{
    passim_error_clear();
    passim_hits hits = {0};
    passim_status st = PASSIM_OK;
    memset(out, 0, sizeof *out);
    out->doc = *doc;
    memset(doc, 0, sizeof *doc);
    if (q && q->nclauses)
        st = passim_match_text(&hits, a, q, out->doc.text, out->doc.text_len);
    if (st == PASSIM_OK)
        st = cut_paragraphs(out, &hits);
    passim_hits_free(&hits);
    if (st != PASSIM_OK)
        passim_view_release(out);
    return st;
}
