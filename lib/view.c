/* view.c — a whole article, paragraph by paragraph (contracts in view.h). */
#include "view.h"

#include <stdlib.h>
#include <string.h>

#include "match.h"

void passim_view_release(passim_view *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->npara; i++) {
        passim_snippet_release(&v->para[i].text);
        free(v->para[i].sent_start);
    }
    free(v->para);
    passim_docdata_release(&v->doc);
    memset(v, 0, sizeof *v);
}

/* Append sentence sn to paragraph p (a space first unless it is p's
 * first), shifting its spans. */
static passim_status append_sentence(passim_view_para *p, const passim_snippet *sn)
{
    size_t sep = p->nsent ? 1 : 0, len = p->text.len + sep + sn->len;
    if (len > UINT32_MAX)
        return passim_error_set(PASSIM_ETOOBIG, "paragraph too long");
    char *t = realloc(p->text.text, len + 1);
    if (!t)
        return passim_error_set(PASSIM_ENOMEM, "out of memory");
    p->text.text = t;
    if (sep)
        t[p->text.len] = ' ';
    uint32_t at = (uint32_t)(p->text.len + sep);
    memcpy(t + at, sn->text, sn->len);
    t[len] = '\0';
    p->text.len = len;
    if (sn->nspans) {
        passim_span *sp = realloc(p->text.spans,
                                  (p->text.nspans + sn->nspans) * sizeof *sp);
        if (!sp)
            return passim_error_set(PASSIM_ENOMEM, "out of memory");
        p->text.spans = sp;
        for (size_t k = 0; k < sn->nspans; k++)
            sp[p->text.nspans++] = (passim_span){sn->spans[k].start + at,
                                                 sn->spans[k].end + at};
    }
    uint32_t *ss = realloc(p->sent_start, (p->nsent + 1) * sizeof *ss);
    if (!ss)
        return passim_error_set(PASSIM_ENOMEM, "out of memory");
    p->sent_start = ss;
    ss[p->nsent++] = at;
    return PASSIM_OK;
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
        passim_snippet sn = {0};
        passim_status st;
        if (i == 0 || s->v[i].para_start)
            v->para[v->npara++].first_sent = (uint32_t)i;
        if ((st = passim_snippet_make(v->doc.text, s->v[i].start, s->v[i].end, hits,
                                      &sn)) != PASSIM_OK)
            return st;
        st = append_sentence(&v->para[v->npara - 1], &sn);
        passim_snippet_release(&sn);
        if (st != PASSIM_OK)
            return st;
    }
    return PASSIM_OK;
}

passim_status passim_view_build(passim_view *out, passim_docdata *doc,
                                passim_analyzer *a, const passim_query *q)
{
    passim_hits hits = {0};
    passim_status st = PASSIM_OK;
    memset(out, 0, sizeof *out);
    out->doc = *doc;
    memset(doc, 0, sizeof *doc);
    if (q && q->nclauses)
        st = passim_match_text(a, q, out->doc.text, out->doc.text_len, &hits);
    if (st == PASSIM_OK)
        st = cut_paragraphs(out, &hits);
    passim_hits_free(&hits);
    if (st != PASSIM_OK)
        passim_view_release(out);
    return st;
}
