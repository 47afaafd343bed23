/* Unit tests: an article as a Xapian document (document.h), written to a
 * fresh database and read back through the wrapper. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index/docdata.h"
#include "index/document.h"
#include "util/idset.h"

typedef struct fixture {
    passim_analyzer *a;
    passim_idset *stop;
    char dir[64];
    int ndb;
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    if (!fx || passim_analyzer_new(&fx->a, "english") != PASSIM_OK ||
        passim_idset_new(&fx->stop) != PASSIM_OK)
        return -1;
    const char *words[] = {"the", "of", "us"};
    for (size_t i = 0; i < 3; i++)
        if (passim_idset_add(NULL, fx->stop, words[i]) != PASSIM_OK)
            return -1;
    strcpy(fx->dir, "/tmp/passim-document-XXXXXX");
    if (!mkdtemp(fx->dir))
        return -1;
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
    if (system(cmd) != 0)
        return -1;
    passim_idset_free(fx->stop);
    passim_analyzer_free(fx->a);
    free(fx);
    return 0;
}

static char TEXT[] = "The US shares of banks rose sharply. Investors cheered the news.";

static passim_article sample(void)
{
    passim_article art = {0};
    art.id = "bbc/business/001";
    art.title = "Markets Rally";
    memcpy(art.date, "2024-03-15", 11);
    art.text = TEXT;
    art.text_len = strlen(TEXT);
    art.byline = "Jane Doe";
    art.url = "https://example.org/markets";
    return art;
}

/* Build `art`'s document, write it to a new database and open that for
 * reading; *did is the article's docid. */
static xc_db *index_one(fixture *fx, const passim_article *art,
                        const passim_build_opts *o, passim_doc_stats *stats,
                        xc_docid *did)
{
    xc_doc *doc = NULL;
    assert_int_equal(passim_document_build(&doc, fx->a, art, o, stats), PASSIM_OK);
    assert_non_null(doc);
    char path[128], idterm[PASSIM_MAX_ID_BYTES + 2];
    snprintf(path, sizeof path, "%s/db%d", fx->dir, fx->ndb++);
    xc_wdb *w = NULL;
    assert_int_equal(xc_wdb_open(&w, path, XC_CREATE_OR_OVERWRITE), PASSIM_OK);
    assert_int_equal(passim_id_term(art->id, idterm, sizeof idterm), PASSIM_OK);
    assert_int_equal(xc_wdb_replace(NULL, w, idterm, doc), PASSIM_OK);
    assert_int_equal(xc_wdb_commit(w), PASSIM_OK);
    xc_wdb_close(w);
    xc_doc_free(doc);

    xc_db *db = NULL;
    assert_int_equal(xc_db_open(&db, path), PASSIM_OK);
    assert_int_equal(xc_db_find_term(did, db, idterm, strlen(idterm)), PASSIM_OK);
    assert_true(*did != 0);
    return db;
}

/* The terms of the database, in byte order, one a line. */
typedef struct terms {
    char buf[4096];
    size_t len;
} terms;

static int collect(void *ctx, const char *term, size_t len, uint32_t termfreq)
{
    terms *t = ctx;
    assert_int_equal(termfreq, 1);
    assert_true(t->len + len + 2 < sizeof t->buf);
    memcpy(t->buf + t->len, term, len);
    t->len += len;
    t->buf[t->len++] = '\n';
    t->buf[t->len] = '\0';
    return 0;
}

static const char *stem(fixture *fx, const char *folded)
{
    return passim_analyzer_stem(NULL, fx->a, folded, strlen(folded));
}

/* The positions of `term` in did, as "p1,p2,..." ("" when none). */
static void positions(char *out, size_t size, xc_db *db, xc_docid did, const char *term)
{
    uint32_t *pos = NULL;
    size_t n = 0;
    assert_int_equal(xc_db_positions(&pos, &n, db, did, term, strlen(term)), PASSIM_OK);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++)
        snprintf(out + strlen(out), size - strlen(out), "%s%u", i ? "," : "", pos[i]);
    free(pos);
}

static void expect_positions(fixture *fx, xc_db *db, xc_docid did,
                             const char *folded, const char *want)
{
    char got[128];
    positions(got, sizeof got, db, did, stem(fx, folded));
    if (strcmp(got, want) != 0)
        fail_msg("positions of %s (%s): got \"%s\", want \"%s\"", folded,
                 stem(fx, folded), got, want);
}

static void test_terms(void **state)
{
    fixture *fx = *state;
    passim_article art = sample();
    passim_build_opts o = {fx->stop};
    passim_doc_stats stats = {0, 0};
    xc_docid did = 0;
    xc_db *db = index_one(fx, &art, &o, &stats, &did);

    /* Every term: body stems, S + title stems, A + byline stems, Q + id. */
    const char *body[] = {"us", "shares", "banks", "rose", "sharply",
                          "investors", "cheered", "news"};
    const char *title[] = {"markets", "rally"};
    const char *byline[] = {"jane", "doe"};
    char want[4096] = "";
    size_t nwant = 0;
    char *list[32];
    for (size_t i = 0; i < 8; i++)
        list[nwant++] = strdup(stem(fx, body[i]));
    for (size_t i = 0; i < 2; i++) {
        char t[80];
        snprintf(t, sizeof t, "S%s", stem(fx, title[i]));
        list[nwant++] = strdup(t);
        snprintf(t, sizeof t, "A%s", stem(fx, byline[i]));
        list[nwant++] = strdup(t);
    }
    list[nwant++] = strdup("Qbbc/business/001");
    /* Byte order, as xc_db_terms lists them. */
    for (size_t i = 0; i < nwant; i++)
        for (size_t k = i + 1; k < nwant; k++)
            if (strcmp(list[k], list[i]) < 0) {
                char *x = list[i];
                list[i] = list[k];
                list[k] = x;
            }
    for (size_t i = 0; i < nwant; i++) {
        strcat(want, list[i]);
        strcat(want, "\n");
        free(list[i]);
    }
    terms got = {{0}, 0};
    assert_int_equal(xc_db_terms(db, "", 0, collect, &got), PASSIM_OK);
    assert_string_equal(got.buf, want);
    /* The stems are the analyzer's, not the words as written. */
    assert_string_equal(stem(fx, "shares"), "share");

    /* Body words have their positions; stopwords have none, so their
     * positions stay empty; "US" is emphatic: not a stopword. */
    expect_positions(fx, db, did, "us", "2");
    expect_positions(fx, db, did, "shares", "3");
    expect_positions(fx, db, did, "banks", "5");
    expect_positions(fx, db, did, "sharply", "7");
    expect_positions(fx, db, did, "investors", "8");
    expect_positions(fx, db, did, "news", "11");
    uint32_t tf = 99;
    assert_int_equal(xc_db_termfreq(&tf, db, "the", 3), PASSIM_OK);
    assert_int_equal(tf, 0);
    assert_int_equal(xc_db_termfreq(&tf, db, "of", 2), PASSIM_OK);
    assert_int_equal(tf, 0);
    /* Field terms carry no positions. */
    char p[64];
    char t[80];
    snprintf(t, sizeof t, "S%s", stem(fx, "markets"));
    positions(p, sizeof p, db, did, t);
    assert_string_equal(p, "");
    snprintf(t, sizeof t, "A%s", stem(fx, "jane"));
    positions(p, sizeof p, db, did, t);
    assert_string_equal(p, "");

    assert_int_equal(stats.sentences, 2);
    assert_int_equal(stats.words, 11);
    xc_db_close(db);
}

/* Without a stopword list every word gets its posting. */
static void test_no_stopwords(void **state)
{
    fixture *fx = *state;
    passim_article art = sample();
    xc_docid did = 0;
    xc_db *db = index_one(fx, &art, NULL, NULL, &did);
    expect_positions(fx, db, did, "the", "1,10");
    expect_positions(fx, db, did, "of", "4");
    expect_positions(fx, db, did, "us", "2");
    xc_db_close(db);

    /* A stopword written plainly in a title is still a title term. */
    art.title = "The State of Us";
    passim_build_opts o = {fx->stop};
    db = index_one(fx, &art, &o, NULL, &did);
    uint32_t tf = 0;
    assert_int_equal(xc_db_termfreq(&tf, db, "Sthe", 4), PASSIM_OK);
    assert_int_equal(tf, 1);
    assert_int_equal(xc_db_termfreq(&tf, db, "Sus", 3), PASSIM_OK);
    assert_int_equal(tf, 1);
    /* ... while "the" in the text still has no posting. */
    assert_int_equal(xc_db_termfreq(&tf, db, "the", 3), PASSIM_OK);
    assert_int_equal(tf, 0);
    xc_db_close(db);
}

static void test_values_and_data(void **state)
{
    fixture *fx = *state;
    passim_article art = sample();
    passim_build_opts o = {fx->stop};
    xc_docid did = 0;
    xc_db *db = index_one(fx, &art, &o, NULL, &did);
    char *v = NULL;
    size_t n = 0;
    assert_int_equal(xc_db_get_value(&v, &n, db, did, PASSIM_VALUE_DATE), PASSIM_OK);
    assert_int_equal(n, 10);
    assert_string_equal(v, "2024-03-15");
    free(v);
    assert_int_equal(xc_db_get_value(&v, &n, db, did, PASSIM_VALUE_ID), PASSIM_OK);
    assert_string_equal(v, "bbc/business/001");
    assert_int_equal(n, strlen("bbc/business/001"));
    free(v);

    char *data = NULL;
    assert_int_equal(xc_db_get_data(&data, &n, db, did), PASSIM_OK);
    passim_docdata d;
    assert_int_equal(passim_docdata_decode(&d, data, n), PASSIM_OK);
    assert_string_equal(d.id, art.id);
    assert_string_equal(d.title, art.title);
    assert_string_equal(d.date, "2024-03-15");
    assert_string_equal(d.byline, art.byline);
    assert_string_equal(d.url, art.url);
    assert_int_equal(d.text_len, art.text_len);
    assert_memory_equal(d.text, TEXT, art.text_len);
    assert_int_equal(d.sents.n, 2);
    assert_int_equal(d.sents.nwords, 11);
    assert_int_equal(d.sents.v[0].first_pos, 1);
    assert_int_equal(d.sents.v[0].nwords, 7);
    assert_int_equal(d.sents.v[1].first_pos, 8);
    assert_int_equal(d.sents.v[1].nwords, 4);
    assert_memory_equal(TEXT + d.sents.v[1].start, "Investors", 9);
    passim_docdata_release(&d);
    xc_db_close(db);

    /* No date: value 0 is unset (read as empty), the data says "". */
    art.date[0] = '\0';
    art.id = "undated";
    db = index_one(fx, &art, &o, NULL, &did);
    assert_int_equal(xc_db_get_value(&v, &n, db, did, PASSIM_VALUE_DATE), PASSIM_OK);
    assert_int_equal(n, 0);
    free(v);
    assert_int_equal(xc_db_get_data(&data, &n, db, did), PASSIM_OK);
    assert_int_equal(passim_docdata_decode(&d, data, n), PASSIM_OK);
    assert_string_equal(d.date, "");
    passim_docdata_release(&d);
    xc_db_close(db);
}

/* An empty article is still a document: its id term, id value and data. */
static void test_empty_article(void **state)
{
    fixture *fx = *state;
    passim_article art = {0};
    art.id = "empty";
    art.title = "";
    art.text = "";
    art.byline = "";
    art.url = "";
    passim_doc_stats stats = {7, 7};
    xc_docid did = 0;
    xc_db *db = index_one(fx, &art, NULL, &stats, &did);
    assert_int_equal(stats.sentences, 0);
    assert_int_equal(stats.words, 0);
    terms got = {{0}, 0};
    assert_int_equal(xc_db_terms(db, "", 0, collect, &got), PASSIM_OK);
    assert_string_equal(got.buf, "Qempty\n");
    xc_db_close(db);
}

static void test_id_term(void **state)
{
    (void)state;
    char buf[PASSIM_MAX_ID_BYTES + 2];
    assert_int_equal(passim_id_term("a/b c.txt", buf, sizeof buf), PASSIM_OK);
    assert_string_equal(buf, "Qa/b c.txt");

    char id[PASSIM_MAX_ID_BYTES + 2];
    memset(id, 'x', PASSIM_MAX_ID_BYTES);
    id[PASSIM_MAX_ID_BYTES] = '\0';
    assert_int_equal(passim_id_term(id, buf, sizeof buf), PASSIM_OK);
    assert_int_equal(strlen(buf), PASSIM_MAX_ID_BYTES + 1);
    assert_int_equal(buf[0], 'Q');
    /* One byte more: refused. */
    id[PASSIM_MAX_ID_BYTES] = 'x';
    id[PASSIM_MAX_ID_BYTES + 1] = '\0';
    assert_int_equal(passim_id_term(id, buf, sizeof buf), PASSIM_ETOOBIG);
    assert_int_equal(passim_id_term("", buf, sizeof buf), PASSIM_ETOOBIG);
}

static void test_build_refuses_bad_id(void **state)
{
    fixture *fx = *state;
    passim_article art = sample();
    char id[PASSIM_MAX_ID_BYTES + 2];
    memset(id, 'y', sizeof id - 1);
    id[sizeof id - 1] = '\0';
    art.id = id;
    xc_doc *doc = (xc_doc *)1;
    assert_int_equal(passim_document_build(&doc, fx->a, &art, NULL, NULL), PASSIM_ETOOBIG);
    assert_null(doc);
    art.id = "";
    doc = (xc_doc *)1;
    assert_int_equal(passim_document_build(&doc, fx->a, &art, NULL, NULL), PASSIM_ETOOBIG);
    assert_null(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_terms),
        cmocka_unit_test(test_no_stopwords),
        cmocka_unit_test(test_values_and_data),
        cmocka_unit_test(test_empty_article),
        cmocka_unit_test(test_id_term),
        cmocka_unit_test(test_build_refuses_bad_id),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
