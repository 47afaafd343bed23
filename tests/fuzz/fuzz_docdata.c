/* fuzz_docdata.c — the decoder of stored document data, and round trips.
 *
 * Document data read back from an index or a remote shard is untrusted
 * (docdata.h). Each input is used twice:
 *   1. as encoded document data: passim_docdata_decode must either fail
 *      with PASSIM_ECORRUPT (leaving *out zeroed) or succeed with every
 *      string NUL-terminated inside the buffer, the date "" or shaped
 *      "YYYY-MM-DD" as the struct promises,
 *      every sentence range inside the text, sentences ascending and not
 *      overlapping, word positions inside the text's word count; encoding
 *      what was decoded and decoding that again gives the same data;
 *   2. as an article: built with passim_article_from_text, split into
 *      sentences, encoded, decoded: every field and sentence comes back.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/article.h"
#include "check.h"
#include "index/docdata.h"
#include "text/sentence.h"

/* Whether s (NUL-terminated) lies inside buf[0..len). */
static int inside(const char *s, const char *buf, size_t len)
{
    return s >= buf && s < buf + len && memchr(s, '\0', (size_t)(buf + len - s));
}

/* Whether s is "" or shaped "DDDD-DD-DD" (D an ASCII digit). */
static int iso_shaped(const char *s)
{
    if (s[0] == '\0')
        return 1;
    if (strlen(s) != 10)
        return 0;
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return 0;
    return 1;
}

/* Check a successfully decoded *d whose buffer held len bytes. */
static void check_decoded(const passim_docdata *d, size_t len)
{
    const char *b = d->buf;
    FUZZ_CHECK(inside(d->id, b, len) && inside(d->title, b, len) &&
               inside(d->date, b, len) && inside(d->byline, b, len) &&
               inside(d->url, b, len) && inside(d->text, b, len));
    FUZZ_CHECK(d->text + d->text_len < b + len && d->text[d->text_len] == '\0');
    /* The struct promises "" or "YYYY-MM-DD" (docdata.h). */
    FUZZ_CHECK(iso_shaped(d->date));

    const passim_sentences *s = &d->sents;
    FUZZ_CHECK(s->n == 0 || s->v != NULL);
    uint64_t prev_end = 0, prev_pos = PASSIM_FIRST_POS;
    for (size_t i = 0; i < s->n; i++) {
        const passim_sentence *se = &s->v[i];
        FUZZ_CHECK(se->start <= se->end && se->end <= d->text_len);
        FUZZ_CHECK(se->start >= prev_end);
        FUZZ_CHECK(se->first_pos >= prev_pos);
        FUZZ_CHECK((uint64_t)se->first_pos + se->nwords <=
                   (uint64_t)PASSIM_FIRST_POS + s->nwords);
        if (i + 1 < s->n)
            FUZZ_CHECK(se->first_pos + se->nwords == s->v[i + 1].first_pos);
        prev_end = se->end;
        prev_pos = se->first_pos;
    }
}

/* Whether two decoded documents hold the same data (strings compared up
 * to their first NUL, as the encoder reads them). */
static int same_data(const passim_docdata *x, const passim_docdata *y)
{
    if (strcmp(x->id, y->id) || strcmp(x->title, y->title) ||
        strcmp(x->date, y->date) || strcmp(x->byline, y->byline) ||
        strcmp(x->url, y->url) || x->text_len != y->text_len ||
        memcmp(x->text, y->text, x->text_len))
        return 0;
    return fuzz_same_sentences(&x->sents, &y->sents);
}

/* Encode decoded data *d again (as an article view borrowing its strings)
 * and decode the result into *out. */
static void reencode(passim_docdata *out, const passim_docdata *d)
{
    passim_article view = {0};
    char *enc = NULL;
    size_t enc_len = 0;

    view.id = (char *)d->id;
    view.title = (char *)d->title;
    memcpy(view.date, d->date, strlen(d->date) + 1);
    view.byline = (char *)d->byline;
    view.url = (char *)d->url;
    view.text = (char *)d->text;
    view.text_len = d->text_len;
    FUZZ_OK(passim_docdata_encode(&enc, &enc_len, &view, &d->sents));
    FUZZ_OK(passim_docdata_decode(out, enc, enc_len));
}

static void decode_untrusted(const uint8_t *data, size_t size)
{
    passim_docdata d, again;
    char *buf = malloc(size ? size : 1);
    FUZZ_CHECK(buf != NULL);
    memcpy(buf, data, size);

    passim_status st = passim_docdata_decode(&d, buf, size); /* owns buf now */
    if (st != PASSIM_OK) {
        FUZZ_CHECK(st == PASSIM_ECORRUPT);
        FUZZ_CHECK(d.buf == NULL && d.text == NULL && d.sents.v == NULL &&
                   d.sents.n == 0);
        return;
    }
    check_decoded(&d, size);
    reencode(&again, &d);
    FUZZ_CHECK(same_data(&d, &again));
    passim_docdata_release(&again);
    passim_docdata_release(&d);
    FUZZ_CHECK(d.buf == NULL && d.sents.v == NULL);
}

static void round_trip(const uint8_t *data, size_t size)
{
    passim_analyzer *a = fuzz_analyzer("english");
    passim_article *art = NULL;
    passim_sentences s = {0};
    passim_docdata d;
    char *enc = NULL;
    size_t enc_len = 0;

    FUZZ_OK(passim_article_from_text(&art, "corpus/fuzz.txt", (const char *)data, size));
    FUZZ_OK(passim_split_sentences(&s, a, art->text, art->text_len));
    FUZZ_OK(passim_docdata_encode(&enc, &enc_len, art, &s));
    FUZZ_OK(passim_docdata_decode(&d, enc, enc_len));
    check_decoded(&d, enc_len);
    FUZZ_CHECK(strcmp(d.id, art->id) == 0 && strcmp(d.title, art->title) == 0 &&
               strcmp(d.date, art->date) == 0 && strcmp(d.byline, art->byline) == 0 &&
               strcmp(d.url, art->url) == 0);
    FUZZ_CHECK(d.text_len == art->text_len &&
               memcmp(d.text, art->text, art->text_len) == 0);
    FUZZ_CHECK(fuzz_same_sentences(&d.sents, &s));
    passim_docdata_release(&d);
    passim_sentences_free(&s);
    passim_article_free(art);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    decode_untrusted(data, size);
    round_trip(data, size);
    return 0;
}
