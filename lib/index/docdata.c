/* docdata.c — encode and decode the document data (format in docdata.h). */
#include "index/docdata.h"

#include "util/codec.h"

#include <stdlib.h>
#include <string.h>

static const char MAGIC[4] = {'P', 'S', 'M', 2};

/* A str field: varint length, the bytes, a NUL. */
static void out_str(passim_outbuf *o, const char *s, size_t n)
{
    passim_out_varint(o, n);
    passim_out_bytes(o, s, n);
    passim_out_bytes(o, "", 1);
}

passim_status passim_docdata_encode(char **out,
                                    size_t *len, const passim_article *a,
                                    const passim_sentences *s)
{
    passim_error_clear();
    passim_outbuf o = {0};
    uint32_t prev_pos = PASSIM_FIRST_POS, prev_end = 0;

    *out = NULL;
    *len = 0;
    passim_out_bytes(&o, MAGIC, sizeof MAGIC);
    out_str(&o, a->id, strlen(a->id));
    out_str(&o, a->title, strlen(a->title));
    out_str(&o, a->date, strlen(a->date));
    out_str(&o, a->byline, strlen(a->byline));
    out_str(&o, a->url, strlen(a->url));
    out_str(&o, a->text, a->text_len);
    passim_out_varint(&o, s->nwords);
    passim_out_varint(&o, s->n);
    for (size_t i = 0; i < s->n; i++) {
        const passim_sentence *se = &s->v[i];
        if (se->first_pos < prev_pos || se->start < prev_end ||
            se->end < se->start || se->end > a->text_len) {
            free(o.p);
            return passim_error_set(PASSIM_EINTERNAL,
                                    "sentence table of %s is not ascending",
                                    a->id);
        }
        passim_out_varint(&o, se->first_pos - prev_pos);
        passim_out_varint(&o, ((uint64_t)(se->start - prev_end) << 1) |
                           (se->para_start ? 1 : 0));
        passim_out_varint(&o, se->end - se->start);
        prev_pos = se->first_pos;
        prev_end = se->end;
    }
    if (o.failed) {
        free(o.p);
        return passim_error_set(PASSIM_ENOMEM, "encoding document data");
    }
    *out = o.p;
    *len = o.len;
    return PASSIM_OK;
}

/* Read a str field: sets *s to its first byte (NUL-terminated in place). */
static int in_str(const char **s, size_t *n, passim_inbuf *in)
{
    uint64_t len;
    if (passim_in_varint(&len, in) < 0 || len >= (uint64_t)(in->end - in->p))
        return -1;
    if (in->p[len] != '\0')
        return -1;
    *s = (const char *)in->p;
    *n = (size_t)len;
    in->p += len + 1;
    return 0;
}

/* Is s[0..n) shaped "YYYY-MM-DD" (digits and dashes)? */
static int iso_shaped(const char *s, size_t n)
{
    if (n != 10)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return 0;
    return 1;
}

passim_status passim_docdata_decode(passim_docdata *out, char *buf, size_t len)
{
    passim_error_clear();
    passim_status st = PASSIM_ECORRUPT;
    passim_inbuf in = {(const unsigned char *)buf, (const unsigned char *)buf + len};
    size_t id_len, title_len, date_len, byline_len, url_len;
    uint64_t nwords, nsent, pos = PASSIM_FIRST_POS, end = 0;

    memset(out, 0, sizeof *out);
    out->buf = buf;
    if (len < sizeof MAGIC || memcmp(buf, MAGIC, sizeof MAGIC) != 0)
        goto out;
    in.p += sizeof MAGIC;
    if (in_str(&out->id, &id_len, &in) < 0 ||
        in_str(&out->title, &title_len, &in) < 0 ||
        in_str(&out->date, &date_len, &in) < 0 ||
        in_str(&out->byline, &byline_len, &in) < 0 ||
        in_str(&out->url, &url_len, &in) < 0 ||
        in_str(&out->text, &out->text_len, &in) < 0)
        goto out;
    if (date_len != 0 && !iso_shaped(out->date, date_len))
        goto out;
    if (passim_in_varint(&nwords, &in) < 0 || nwords > UINT32_MAX - PASSIM_FIRST_POS ||
        passim_in_varint(&nsent, &in) < 0)
        goto out;
    /* Each sentence takes at least three bytes: a corrupt count cannot make
     * us allocate more than the data could describe. */
    if (nsent > (uint64_t)(in.end - in.p) / 3)
        goto out;
    out->sents.nwords = (uint32_t)nwords;
    if (nsent) {
        out->sents.v = calloc((size_t)nsent, sizeof *out->sents.v);
        if (!out->sents.v) {
            st = passim_error_nomem("document data sentence table");
            goto out;
        }
    }
    for (uint64_t i = 0; i < nsent; i++) {
        uint64_t dpos, dstart, slen;
        passim_sentence *se = &out->sents.v[i];
        if (passim_in_varint(&dpos, &in) < 0 || passim_in_varint(&dstart, &in) < 0 ||
            passim_in_varint(&slen, &in) < 0)
            goto out;
        if (dpos > nwords || (dstart >> 1) > out->text_len ||
            slen > out->text_len)
            goto out;
        pos += dpos;
        end += dstart >> 1;
        if (pos > PASSIM_FIRST_POS + nwords || end + slen > out->text_len)
            goto out;
        se->first_pos = (uint32_t)pos;
        se->para_start = (uint8_t)(dstart & 1);
        se->start = (uint32_t)end;
        end += slen;
        se->end = (uint32_t)end;
        if (i > 0)
            out->sents.v[i - 1].nwords = se->first_pos - out->sents.v[i - 1].first_pos;
    }
    if (nsent)
        out->sents.v[nsent - 1].nwords =
            (uint32_t)(PASSIM_FIRST_POS + nwords - pos);
    out->sents.n = (size_t)nsent;
    if (in.p != in.end)
        goto out;
    st = PASSIM_OK;
out:
    if (st != PASSIM_OK) {
        passim_docdata_release(out);
        if (st == PASSIM_ECORRUPT)
            passim_error_set(st, "document data is damaged");
        else
            passim_error_set(st, "decoding document data");
    }
    return st;
}

void passim_docdata_release(passim_docdata *d)
{
    if (!d)
        return;
    free(d->buf);
    free(d->sents.v);
    memset(d, 0, sizeof *d);
}
