/* document.c — building an article's Xapian document (schema in document.h). */
#include "index/document.h"

#include <stdlib.h>
#include <string.h>

#include "index/docdata.h"
#include "util/idset.h"
#include "text/stopwords.h"
#include "text/sentence.h"

passim_status passim_id_term(const char *id, char *buf, size_t size)
{
    passim_error_clear();
    size_t n = strlen(id);
    if (n == 0 || n > PASSIM_MAX_ID_BYTES || size < n + 2)
        return passim_error_set(PASSIM_ETOOBIG,
                                "article id is empty or longer than %d bytes",
                                PASSIM_MAX_ID_BYTES);
    buf[0] = PASSIM_PREFIX_ID[0];
    memcpy(buf + 1, id, n + 1);
    return PASSIM_OK;
}

/* Does text[start..end) equal `title`, white space runs counting as one
 * space? */
static int same_as_title(const char *text, uint32_t start, uint32_t end,
                         const char *title)
{
    const char *t = title;
    for (uint32_t i = start; i < end; i++) {
        int space = text[i] == ' ' || text[i] == '\n' || text[i] == '\t';
        if (space) {
            while (i + 1 < end && (text[i + 1] == ' ' || text[i + 1] == '\n' ||
                                   text[i + 1] == '\t'))
                i++;
            if (*t++ != ' ')
                return 0;
        } else if (*t++ != text[i]) {
            return 0;
        }
    }
    return *t == '\0';
}

/* A headline is shown as the title of every result: leave it out of the
 * passages by dropping its sentence from the table (its words keep their
 * positions and terms). */
static void drop_headline(const passim_article *art, passim_sentences *s)
{
    /* The headline is a paragraph of its own among the first few (photo
     * credits may stand before it). */
    for (size_t i = 0; i + 1 < s->n && i < 4; i++) {
        if (s->v[i].para_start && s->v[i + 1].para_start &&
            same_as_title(art->text, s->v[i].start, s->v[i].end, art->title)) {
            memmove(s->v + i, s->v + i + 1, (s->n - i - 1) * sizeof *s->v);
            s->n--;
            return;
        }
    }
}

typedef struct build_state {
    xc_doc *doc;
    const char *text;
    const passim_idset *stop;
    char prefix;      /* of field terms: PASSIM_PREFIX_TITLE or _BYLINE */
    passim_status st;
} build_state;

/* Analyzer callback: a body word, as its stem with its position. */
static int add_body_word(void *ctx, const passim_token *tok)
{
    build_state *bs = ctx;
    /* A stopword gets no posting: its position stays empty. */
    if (bs->stop && passim_idset_has(bs->stop, tok->folded) &&
        !passim_stopword_emphatic(bs->text, tok->start, tok->end))
        return 0;
    bs->st = xc_doc_add_posting(bs->doc, tok->stem, tok->stem_len, tok->pos);
    return bs->st != PASSIM_OK;
}

/* Analyzer callback: a title or byline word, as its prefix + stem, no
 * position. */
static int add_field_word(void *ctx, const passim_token *tok)
{
    build_state *bs = ctx;
    char term[PASSIM_MAX_TERM_BYTES + 2];
    term[0] = bs->prefix;
    memcpy(term + 1, tok->stem, tok->stem_len);
    bs->st = xc_doc_add_term(bs->doc, term, tok->stem_len + 1, 1);
    return bs->st != PASSIM_OK;
}

passim_status passim_document_build(xc_doc **out, passim_analyzer *a,
                                    const passim_article *art,
                                    const passim_build_opts *o,
                                    passim_doc_stats *stats)
{
    passim_error_clear();
    passim_status st;
    build_state bs = {NULL, art->text, o ? o->stop : NULL, 0, PASSIM_OK};
    passim_sentences sents = {0};
    char idterm[PASSIM_MAX_ID_BYTES + 2];
    char *data = NULL;
    size_t len = 0;
    uint32_t next_pos = PASSIM_FIRST_POS;

    *out = NULL;
    if ((st = passim_id_term(art->id, idterm, sizeof idterm)) != PASSIM_OK ||
        (st = xc_doc_new(&bs.doc)) != PASSIM_OK)
        goto out;
    /* One analysis pass: postings and the sentence table together. */
    st = passim_split_sentences_tokens(&sents, a, art->text, art->text_len,
                                       add_body_word, &bs);
    if (bs.st != PASSIM_OK)
        st = bs.st;
    if (st != PASSIM_OK)
        goto out;
    next_pos = PASSIM_FIRST_POS + sents.nwords;
    /* Title and byline words: field terms (add_field_word keeps
     * stopwords). */
    bs.prefix = PASSIM_PREFIX_TITLE[0];
    passim_analyze(NULL, a, art->title, strlen(art->title),
                   PASSIM_FIRST_POS, add_field_word, &bs);
    if ((st = bs.st) != PASSIM_OK)
        goto out;
    bs.prefix = PASSIM_PREFIX_BYLINE[0];
    passim_analyze(NULL, a, art->byline, strlen(art->byline),
                   PASSIM_FIRST_POS, add_field_word, &bs);
    if ((st = bs.st) != PASSIM_OK ||
        (st = xc_doc_add_term(bs.doc, idterm, strlen(idterm), 0)) != PASSIM_OK)
        goto out;
    drop_headline(art, &sents);
    if ((st = passim_docdata_encode(&data, &len, art, &sents)) != PASSIM_OK ||
        (st = xc_doc_set_data(bs.doc, data, len)) != PASSIM_OK)
        goto out;
    if ((st = xc_doc_set_value(bs.doc, PASSIM_VALUE_ID, art->id,
                               strlen(art->id))) != PASSIM_OK)
        goto out;
    if (art->date[0] &&
        (st = xc_doc_set_value(bs.doc, PASSIM_VALUE_DATE, art->date,
                               strlen(art->date))) != PASSIM_OK)
        goto out;
    if (stats) {
        stats->sentences = (uint32_t)sents.n;
        stats->words = next_pos - PASSIM_FIRST_POS;
    }
    *out = bs.doc;
    bs.doc = NULL;
out:
    free(data);
    passim_sentences_free(&sents);
    xc_doc_free(bs.doc);
    return st;
}
