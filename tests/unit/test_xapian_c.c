/* test_xapian_c.c — unit tests of the C interface to Xapian (xapian-c).
 *
 * Each test gets a fresh temporary directory (under $TMPDIR or /tmp) from
 * its setup and has it removed by its teardown, so tests share nothing.
 */
#define _XOPEN_SOURCE 700 /* nftw() */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xapian_c.h"

/* ---- helpers ------------------------------------------------------------ */

struct fixture {
    char dir[1024];
};

static int setup_dir(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    if (!fx)
        return -1;
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp)
        tmp = "/tmp";
    int len = snprintf(fx->dir, sizeof fx->dir, "%s/test_xapian_c.XXXXXX", tmp);
    if (len < 0 || (size_t)len >= sizeof fx->dir || !mkdtemp(fx->dir)) {
        free(fx);
        return -1;
    }
    *state = fx;
    return 0;
}

static int remove_entry(const char *path, const struct stat *sb, int flag,
                        struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static int teardown_dir(void **state)
{
    struct fixture *fx = *state;
    int rc = nftw(fx->dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(fx);
    return rc;
}

/* `name` inside the test's directory, in a static buffer per slot. */
static const char *path_in(void **state, const char *name)
{
    static char buf[4][PATH_MAX];
    static int next;
    struct fixture *fx = *state;
    char *p = buf[next++ % 4];
    int len = snprintf(p, PATH_MAX, "%s/%s", fx->dir, name);
    assert_true(len > 0 && len < PATH_MAX);
    return p;
}

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* A non-NULL pointer to preset out-parameters with: a constructor that
 * fails must reset it to NULL. Never dereferenced. */
static uint64_t poison;
#define POISON(type) ((type *)(void *)&poison)

/* Assert that `expr` gives status `want`; show the error detail if not. */
#define EXPECT(want, expr)                                                     \
    do {                                                                       \
        passim_status st_ = (expr);                                            \
        if (st_ != (want))                                                     \
            print_error("%s: got %s, want %s; detail: %s\n", #expr,            \
                        passim_status_str(st_), passim_status_str(want),       \
                        passim_error_msg());                                   \
        assert_int_equal(st_, (want));                                         \
    } while (0)
#define OK(expr) EXPECT(PASSIM_OK, expr)

/* Assert that the error detail names `what` (e.g. Xapian's exception type). */
static void expect_detail(const char *what)
{
    if (!strstr(passim_error_msg(), what))
        print_error("detail \"%s\" lacks \"%s\"\n", passim_error_msg(), what);
    assert_non_null(strstr(passim_error_msg(), what));
}

/* A document whose space-separated `words` are posted at positions 1, 2, ...
 * with `data` as its document data. */
static xc_doc *make_doc(const char *words, const char *data)
{
    xc_doc *doc = NULL;
    OK(xc_doc_new(&doc));
    uint32_t pos = 1;
    const char *p = words;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *start = p;
        while (*p && *p != ' ')
            p++;
        if (p > start)
            OK(xc_doc_add_posting(doc, start, (size_t)(p - start), pos++));
    }
    if (data)
        OK(xc_doc_set_data(doc, data, strlen(data)));
    return doc;
}

/* Replace the document with id term `id` by one built from `words`. */
static xc_docid put(xc_wdb *w, const char *id, const char *words)
{
    xc_doc *doc = make_doc(words, words);
    xc_docid did = 0;
    OK(xc_wdb_replace(&did, w, id, doc));
    xc_doc_free(doc);
    assert_true(did > 0);
    return did;
}

static xc_wdb *open_writer(const char *path)
{
    xc_wdb *w = NULL;
    OK(xc_wdb_open(&w, path, XC_CREATE_OR_OPEN));
    assert_non_null(w);
    return w;
}

static uint32_t reader_doccount(const char *path)
{
    xc_db *db = NULL;
    uint32_t n = 0;
    OK(xc_db_open(&db, path));
    OK(xc_db_doccount(&n, db));
    xc_db_close(db);
    return n;
}

static xc_query *term_query(const char *t)
{
    xc_query *q = NULL;
    OK(xc_query_term(&q, t, strlen(t), 1, 0));
    return q;
}

/* Run `q` against `db` with `scheme` (NULL: Xapian's default) and return the
 * first `count` results. */
static xc_mset *run(xc_db *db, const xc_query *q, const char *scheme,
                    uint32_t count)
{
    xc_enquire *e = NULL;
    xc_mset *m = NULL;
    OK(xc_enquire_new(&e, db));
    OK(xc_enquire_set_query(e, q));
    if (scheme)
        OK(xc_enquire_set_weighting(e, scheme, NULL, 0));
    OK(xc_enquire_mset(&m, e, 0, count));
    xc_enquire_free(e);
    return m;
}

/* Docid and weight of result i, which must be there. */
static xc_docid docid_at(const xc_mset *m, uint32_t i)
{
    xc_docid did = 0;
    OK(xc_mset_docid(&did, m, i));
    assert_true(did != 0);
    return did;
}

static double weight_at(const xc_mset *m, uint32_t i)
{
    double w = -1.0;
    OK(xc_mset_weight(&w, m, i));
    return w;
}

static int mset_has(const xc_mset *m, xc_docid did)
{
    for (uint32_t i = 0; i < xc_mset_size(m); i++)
        if (docid_at(m, i) == did)
            return 1;
    return 0;
}

/* ---- error paths -------------------------------------------------------- */

static void test_open_missing_index(void **state)
{
    xc_db *db = POISON(xc_db);
    EXPECT(PASSIM_ENOTFOUND, xc_db_open(&db, path_in(state, "nope")));
    assert_null(db);
    expect_detail("DatabaseNotFoundError");

    xc_wdb *w = POISON(xc_wdb);
    EXPECT(PASSIM_ENOTFOUND, xc_wdb_open(&w, path_in(state, "nope"), XC_OPEN));
    assert_null(w);
}

/* An index folder holding only its README.md is not a database yet; a
 * writer may still create one beside the README. */
static void test_open_readme_only_folder(void **state)
{
    const char *idx = path_in(state, "index");
    assert_int_equal(mkdir(idx, 0777), 0);
    write_file(path_in(state, "index/README.md"), "# schema\n", 9);

    xc_db *db = POISON(xc_db);
    EXPECT(PASSIM_ENOTFOUND, xc_db_open(&db, idx));
    assert_null(db);
    xc_wdb *w = POISON(xc_wdb);
    EXPECT(PASSIM_ENOTFOUND, xc_wdb_open(&w, idx, XC_OPEN));
    assert_null(w);

    w = open_writer(idx);
    put(w, "Qa", "hello");
    OK(xc_wdb_commit(w));
    xc_wdb_close(w);
    assert_int_equal(reader_doccount(idx), 1);
    assert_int_equal(access(path_in(state, "index/README.md"), F_OK), 0);
}

static void test_second_writer_is_locked(void **state)
{
    const char *idx = path_in(state, "idx");
    xc_wdb *w1 = open_writer(idx);
    xc_wdb *w2 = POISON(xc_wdb);
    EXPECT(PASSIM_ELOCKED, xc_wdb_open(&w2, idx, XC_CREATE_OR_OPEN));
    assert_null(w2);
    expect_detail("DatabaseLockError");
    EXPECT(PASSIM_ELOCKED, xc_wdb_open(&w2, idx, XC_OPEN));

    /* Readers are not blocked by the writer. */
    xc_db *db = NULL;
    OK(xc_db_open(&db, idx));
    xc_db_close(db);

    /* Closing the first writer releases the lock. */
    xc_wdb_close(w1);
    OK(xc_wdb_open(&w2, idx, XC_OPEN));
    xc_wdb_close(w2);
}

static void test_damaged_iamglass_is_corrupt(void **state)
{
    const char *idx = path_in(state, "idx");
    xc_wdb *w = open_writer(idx);
    put(w, "Qa", "some words here");
    OK(xc_wdb_commit(w));
    xc_wdb_close(w);
    assert_int_equal(reader_doccount(idx), 1);

    static const char junk[] = "\x7f\x00garbage\xff\xfe not a revision file";
    write_file(path_in(state, "idx/iamglass"), junk, sizeof junk - 1);

    xc_db *db = POISON(xc_db);
    EXPECT(PASSIM_ECORRUPT, xc_db_open(&db, idx));
    assert_null(db);
    expect_detail("DatabaseCorruptError");
    w = POISON(xc_wdb);
    EXPECT(PASSIM_ECORRUPT, xc_wdb_open(&w, idx, XC_OPEN));
    assert_null(w);
}

/* A remote shard nobody serves: the connection is refused at once. */
static void test_unreachable_remote_is_enetwork(void **state)
{
    const char *stub = path_in(state, "remote.stub");
    write_file(stub, "remote 127.0.0.1:1\n", 19);
    xc_db *db = POISON(xc_db);
    EXPECT(PASSIM_ENETWORK, xc_db_open(&db, stub));
    assert_null(db);
    expect_detail("NetworkError");
}

/* Terms of XC_MAX_TERM_BYTES are stored; one byte more is refused with
 * EINVAL, and neither the database nor its pending batch is lost. */
static void test_overlong_term_is_einval(void **state)
{
    const char *idx = path_in(state, "idx");
    char term[XC_MAX_TERM_BYTES + 2];
    memset(term, 'x', sizeof term);

    xc_wdb *w = open_writer(idx);
    OK(xc_wdb_begin(w, 0));
    put(w, "Qpending", "pending words"); /* uncommitted when the error hits */

    xc_doc *doc = NULL;
    OK(xc_doc_new(&doc));
    OK(xc_doc_add_posting(doc, term, XC_MAX_TERM_BYTES, 1));
    OK(xc_wdb_replace(NULL, w, "Qmax", doc));
    xc_doc_free(doc);

    OK(xc_doc_new(&doc));
    OK(xc_doc_add_posting(doc, "fine", 4, 1));
    OK(xc_doc_add_posting(doc, term, XC_MAX_TERM_BYTES + 1, 2));
    xc_docid did = 99;
    EXPECT(PASSIM_EINVAL, xc_wdb_replace(&did, w, "Qlong", doc));
    assert_int_equal(did, 0);
    expect_detail("too long");
    xc_doc_free(doc);

    /* An over-long id term is refused the same way. */
    term[XC_MAX_TERM_BYTES + 1] = '\0';
    doc = make_doc("other words", NULL);
    EXPECT(PASSIM_EINVAL, xc_wdb_replace(NULL, w, term, doc));
    xc_doc_free(doc);

    /* Still usable; the earlier pending documents survived. */
    put(w, "Qafter", "after the error");
    OK(xc_wdb_commit_transaction(w));
    OK(xc_wdb_commit(w));
    uint32_t n = 0;
    OK(xc_wdb_doccount(&n, w));
    assert_int_equal(n, 3);
    xc_wdb_close(w);

    xc_db *db = NULL;
    OK(xc_db_open(&db, idx));
    OK(xc_db_doccount(&n, db));
    assert_int_equal(n, 3);
    OK(xc_db_termfreq(&n, db, term, XC_MAX_TERM_BYTES));
    assert_int_equal(n, 1);
    OK(xc_db_termfreq(&n, db, "fine", 4));
    assert_int_equal(n, 0);
    xc_db_close(db);
}

/* Xapian's own InvalidArgumentError (not our checks) also maps to EINVAL. */
static void test_xapian_invalid_argument_is_einval(void **state)
{
    const char *idx = path_in(state, "idx");
    xc_wdb *w = open_writer(idx);
    put(w, "Qa", "a b c");
    OK(xc_wdb_commit(w));
    xc_wdb_close(w);

    xc_db *db = NULL;
    OK(xc_db_open(&db, idx));
    char *data = POISON(char);
    size_t len = 7;
    EXPECT(PASSIM_EINVAL, xc_db_get_data(&data, &len, db, 0)); /* docid 0 */
    assert_null(data);
    assert_int_equal(len, 0);
    expect_detail("InvalidArgumentError");

    xc_query *t = term_query("a");
    xc_query *s = POISON(xc_query);
    EXPECT(PASSIM_EINVAL, xc_query_scale(&s, t, -1.0));
    assert_null(s);
    expect_detail("InvalidArgumentError");
    xc_query_free(t);
    xc_db_close(db);
}

static void test_unknown_weighting_is_einval(void **state)
{
    const char *idx = path_in(state, "idx");
    xc_wdb *w = open_writer(idx);
    put(w, "Qa", "apple pie");
    OK(xc_wdb_commit(w));
    xc_wdb_close(w);

    xc_db *db = NULL;
    OK(xc_db_open(&db, idx));
    xc_enquire *e = NULL;
    OK(xc_enquire_new(&e, db));
    static const double p[6] = {1.2, 0.0, 1.0, 0.75, 0.5, 1.0};

    EXPECT(PASSIM_EINVAL, xc_enquire_set_weighting(e, "okapi", NULL, 0));
    expect_detail("okapi");
    EXPECT(PASSIM_EINVAL, xc_enquire_set_weighting(e, "BM25", NULL, 0));
    EXPECT(PASSIM_EINVAL, xc_enquire_set_weighting(e, "bm25", p, 3));
    EXPECT(PASSIM_EINVAL, xc_enquire_set_weighting(e, "bm25+", p, 5));
    EXPECT(PASSIM_EINVAL, xc_enquire_set_weighting(e, "ineb2", p, 2));
    EXPECT(PASSIM_EINVAL, xc_enquire_set_weighting(e, "dlh", p, 1));
    EXPECT(PASSIM_EINVAL, xc_enquire_set_weighting(e, "bool", p, 1));
    static const double bad_c = -1.0; /* Xapian rejects c <= 0 */
    EXPECT(PASSIM_EINVAL, xc_enquire_set_weighting(e, "pl2", &bad_c, 1));

    /* Every known name, at its defaults and with its parameter count. */
    static const struct {
        const char *name;
        size_t n;
    } ok[] = {{"bm25", 5}, {"bm25+", 6}, {"ineb2", 1}, {"ifb2", 1},
              {"inl2", 1}, {"pl2", 1},   {"dlh", 0},   {"tfidf", 0},
              {"bool", 0}};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        OK(xc_enquire_set_weighting(e, ok[i].name, NULL, 0));
        OK(xc_enquire_set_weighting(e, ok[i].name, p, ok[i].n));
    }

    /* The enquire still works after the refusals. */
    xc_query *q = term_query("apple");
    OK(xc_enquire_set_query(e, q));
    OK(xc_enquire_set_weighting(e, "bm25", NULL, 0));
    xc_mset *m = NULL;
    OK(xc_enquire_mset(&m, e, 0, 10));
    assert_int_equal(xc_mset_size(m), 1);
    xc_mset_free(m);
    xc_query_free(q);
    xc_enquire_free(e);
    xc_db_close(db);
}

static void test_wildcard_overexpansion_is_equery(void **state)
{
    const char *idx = path_in(state, "idx");
    xc_wdb *w = open_writer(idx);
    put(w, "Q1", "viet1 other");
    put(w, "Q2", "viet2 other");
    put(w, "Q3", "viet3");
    put(w, "Q4", "viet4");
    put(w, "Q5", "vien");
    OK(xc_wdb_commit(w));
    xc_wdb_close(w);

    xc_db *db = NULL;
    OK(xc_db_open(&db, idx));
    xc_enquire *e = NULL;
    OK(xc_enquire_new(&e, db));

    xc_query *q = NULL;
    OK(xc_query_wildcard(&q, "viet", 4, 3)); /* 4 terms, limit 3 */
    OK(xc_enquire_set_query(e, q));
    xc_mset *m = POISON(xc_mset);
    EXPECT(PASSIM_EQUERY, xc_enquire_mset(&m, e, 0, 10));
    assert_null(m);
    expect_detail("WildcardError");
    xc_query_free(q);

    OK(xc_query_wildcard(&q, "viet", 4, 4)); /* exactly at the limit */
    OK(xc_enquire_set_query(e, q));
    OK(xc_enquire_mset(&m, e, 0, 10));
    assert_int_equal(xc_mset_size(m), 4);
    xc_mset_free(m);
    xc_query_free(q);

    OK(xc_query_wildcard(&q, "vie", 3, 0)); /* 0: no limit */
    OK(xc_enquire_set_query(e, q));
    OK(xc_enquire_mset(&m, e, 0, 10));
    assert_int_equal(xc_mset_size(m), 5);
    xc_mset_free(m);
    xc_query_free(q);

    xc_enquire_free(e);
    xc_db_close(db);
}

/* A reader that has fallen too far behind the writer gets ERETRY, and
 * reopening cures it. Glass keeps the blocks of the previous revision, so
 * the writer must commit at least twice more with the same terms. */
/* Rewrite every document of the ERETRY test with terms unique to `round`. */
static void rewrite_all(xc_wdb *w, int docs, int round)
{
    char id[32], words[256];
    for (int i = 0; i < docs; i++) {
        snprintf(id, sizeof id, "Q%d", i);
        snprintf(words, sizeof words, "alpha t%d.%d u%d.%d v%d.%d w%d.%d", i,
                 round, i, round, i, round, i, round);
        put(w, id, words);
    }
    OK(xc_wdb_commit(w));
}

static void test_modified_database_is_eretry(void **state)
{
    enum { DOCS = 400 };
    const char *idx = path_in(state, "idx");
    xc_wdb *w = open_writer(idx);
    rewrite_all(w, DOCS, 0);

    /* The reader holds revision 1; the writer then rewrites every posting
     * twice over, reusing the blocks revision 1 lived in. */
    xc_db *db = NULL;
    OK(xc_db_open(&db, idx));
    for (int round = 1; round <= 3; round++)
        rewrite_all(w, DOCS, round);

    xc_query *q = term_query("t123.0");
    xc_enquire *e = NULL;
    OK(xc_enquire_new(&e, db));
    OK(xc_enquire_set_query(e, q));
    xc_mset *m = POISON(xc_mset);
    EXPECT(PASSIM_ERETRY, xc_enquire_mset(&m, e, 0, 10));
    assert_null(m);
    expect_detail("DatabaseModifiedError");

    /* Reopened, the reader sees the latest revision, where the old term is
     * gone and its successor is there. */
    int changed = 0;
    OK(xc_db_reopen(&changed, db));
    assert_int_equal(changed, 1);
    OK(xc_enquire_mset(&m, e, 0, 10));
    assert_int_equal(xc_mset_size(m), 0);
    xc_mset_free(m);
    xc_query_free(q);
    q = term_query("t123.3");
    OK(xc_enquire_set_query(e, q));
    OK(xc_enquire_mset(&m, e, 0, 10));
    assert_int_equal(xc_mset_size(m), 1);
    xc_mset_free(m);
    xc_enquire_free(e);
    xc_query_free(q);
    xc_db_close(db);
    xc_wdb_close(w);
}

/* ---- writing ------------------------------------------------------------ */

static void test_transactions(void **state)
{
    const char *idx = path_in(state, "idx");
    xc_wdb *w = open_writer(idx);
    uint32_t n = 0;

    /* Cancel discards. */
    OK(xc_wdb_begin(w, 1));
    put(w, "Qa", "cancelled");
    OK(xc_wdb_doccount(&n, w));
    assert_int_equal(n, 1);
    OK(xc_wdb_cancel_transaction(w));
    OK(xc_wdb_doccount(&n, w));
    assert_int_equal(n, 0);
    assert_int_equal(reader_doccount(idx), 0);

    /* A flushed transaction is on disk when it ends. */
    OK(xc_wdb_begin(w, 1));
    put(w, "Qb", "kept");
    assert_int_equal(reader_doccount(idx), 0);
    OK(xc_wdb_commit_transaction(w));
    assert_int_equal(reader_doccount(idx), 1);

    /* An unflushed one waits for xc_wdb_commit(). */
    OK(xc_wdb_begin(w, 0));
    put(w, "Qc", "batched");
    OK(xc_wdb_commit_transaction(w));
    assert_int_equal(reader_doccount(idx), 1);
    OK(xc_wdb_commit(w));
    assert_int_equal(reader_doccount(idx), 2);

    /* Misuse is reported, not ignored. */
    EXPECT(PASSIM_EINVAL, xc_wdb_commit_transaction(w));
    EXPECT(PASSIM_EINVAL, xc_wdb_cancel_transaction(w));
    OK(xc_wdb_begin(w, 1));
    EXPECT(PASSIM_EINVAL, xc_wdb_begin(w, 1));
    EXPECT(PASSIM_EINVAL, xc_wdb_commit(w));
    OK(xc_wdb_cancel_transaction(w));
    xc_wdb_close(w);
    assert_int_equal(reader_doccount(idx), 2);
}

/* Closing never commits: not an open transaction (flushed or not), and not
 * pending changes made outside one. */
static void test_close_discards_uncommitted(void **state)
{
    const char *idx = path_in(state, "idx");
    xc_wdb *w = open_writer(idx);
    put(w, "Qbase", "committed");
    OK(xc_wdb_commit(w));

    OK(xc_wdb_begin(w, 1));
    put(w, "Qtxn", "in a flushed transaction");
    xc_wdb_close(w);
    assert_int_equal(reader_doccount(idx), 1);

    w = open_writer(idx);
    put(w, "Qpend", "before an unflushed transaction");
    OK(xc_wdb_begin(w, 0));
    put(w, "Qtxn", "in an unflushed transaction");
    OK(xc_wdb_commit_transaction(w)); /* ended, but not yet committed */
    xc_wdb_close(w);
    assert_int_equal(reader_doccount(idx), 1);

    w = open_writer(idx);
    put(w, "Qloose", "outside any transaction");
    OK(xc_wdb_delete(w, "Qbase"));
    xc_wdb_close(w);
    assert_int_equal(reader_doccount(idx), 1);

    xc_db *db = NULL;
    xc_docid did = 0;
    OK(xc_db_open(&db, idx));
    OK(xc_db_find_term(&did, db, "Qbase", 5));
    assert_true(did > 0);
    OK(xc_db_find_term(&did, db, "Qloose", 6));
    assert_int_equal(did, 0);
    xc_db_close(db);
}

static void test_replace_by_id_never_duplicates(void **state)
{
    const char *idx = path_in(state, "idx");
    xc_wdb *w = open_writer(idx);

    /* The documents built here lack their id term: replace adds it. */
    xc_docid d1 = put(w, "Qart1", "first version");
    xc_docid d2 = put(w, "Qart1", "second version");
    assert_int_equal(d1, d2);
    xc_docid d3 = put(w, "Qart2", "another article");
    assert_true(d3 != d1);
    assert_int_equal(put(w, "Qart1", "third version"), d1);

    /* A document that already carries its id term keeps a single copy. */
    xc_doc *doc = make_doc("carried id", NULL);
    OK(xc_doc_add_term(doc, "Qart2", 5, 0));
    xc_docid d4 = 0;
    OK(xc_wdb_replace(&d4, w, "Qart2", doc));
    assert_int_equal(d4, d3);
    xc_doc_free(doc);
    OK(xc_wdb_commit(w));

    uint32_t n = 0;
    OK(xc_wdb_doccount(&n, w));
    assert_int_equal(n, 2);

    xc_db *db = NULL;
    OK(xc_db_open(&db, idx));
    OK(xc_db_termfreq(&n, db, "Qart1", 5));
    assert_int_equal(n, 1);
    xc_docid found = 0;
    OK(xc_db_find_term(&found, db, "Qart1", 5));
    assert_int_equal(found, d1);
    char *data = NULL;
    size_t len = 0;
    OK(xc_db_get_data(&data, &len, db, d1));
    assert_string_equal(data, "third version");
    free(data);
    OK(xc_db_termfreq(&n, db, "first", 5));
    assert_int_equal(n, 0);

    /* Delete by id; deleting what is not there is fine; "" is refused. */
    OK(xc_wdb_delete(w, "Qart1"));
    OK(xc_wdb_delete(w, "Qnone"));
    EXPECT(PASSIM_EINVAL, xc_wdb_delete(w, ""));
    doc = make_doc("x", NULL);
    EXPECT(PASSIM_EINVAL, xc_wdb_replace(NULL, w, "", doc));
    xc_doc_free(doc);
    OK(xc_wdb_commit(w));
    int changed = 0;
    OK(xc_db_reopen(&changed, db));
    OK(xc_db_doccount(&n, db));
    assert_int_equal(n, 1);
    OK(xc_db_find_term(&found, db, "Qart1", 5));
    assert_int_equal(found, 0);
    EXPECT(PASSIM_EINVAL, xc_db_find_term(&found, db, "", 0));
    xc_db_close(db);
    xc_wdb_close(w);
}

/* ---- reading ------------------------------------------------------------ */

static void test_positions_round_trip(void **state)
{
    const char *idx = path_in(state, "idx");
    xc_wdb *w = open_writer(idx);
    xc_doc *doc = NULL;
    OK(xc_doc_new(&doc));
    static const uint32_t at[] = {1, 5, 9, 70000};
    for (size_t i = 0; i < 4; i++)
        OK(xc_doc_add_posting(doc, "the", 3, at[3 - i])); /* out of order */
    OK(xc_doc_add_posting(doc, "cat", 3, 2));
    OK(xc_doc_add_term(doc, "Zcat", 4, 1)); /* no positions */
    xc_docid did = 0;
    OK(xc_wdb_replace(&did, w, "Qa", doc));
    xc_doc_free(doc);
    OK(xc_wdb_commit(w));
    xc_wdb_close(w);

    xc_db *db = NULL;
    OK(xc_db_open(&db, idx));
    uint32_t *pos = NULL;
    size_t n = 0;
    OK(xc_db_positions(&pos, &n, db, did, "the", 3));
    assert_int_equal(n, 4);
    assert_memory_equal(pos, at, sizeof at);
    free(pos);

    OK(xc_db_positions(&pos, &n, db, did, "cat", 3));
    assert_int_equal(n, 1);
    assert_int_equal(pos[0], 2);
    free(pos);

    pos = POISON(uint32_t);
    OK(xc_db_positions(&pos, &n, db, did, "Zcat", 4));
    assert_int_equal(n, 0);
    assert_null(pos);
    OK(xc_db_positions(&pos, &n, db, did, "dog", 3));
    assert_int_equal(n, 0);
    assert_null(pos);

    uint32_t tf = 0;
    OK(xc_db_termfreq(&tf, db, "Zcat", 4));
    assert_int_equal(tf, 1);
    double avlen = 0;
    OK(xc_db_avlength(&avlen, db));
    assert_true(avlen > 5.5 && avlen < 6.5); /* 4 + 1 + 1 occurrences */
    xc_db_close(db);
}

static void test_data_and_values_round_trip(void **state)
{
    const char *idx = path_in(state, "idx");
    static const char data[] = "title\0body with a NUL\n\xc3\xa9";
    static const char value[] = "\x00\x01\xff" "2024-05-01";
    xc_wdb *w = open_writer(idx);
    xc_doc *doc = NULL;
    OK(xc_doc_new(&doc));
    OK(xc_doc_add_posting(doc, "word", 4, 1));
    OK(xc_doc_set_data(doc, data, sizeof data - 1));
    OK(xc_doc_set_value(doc, 3, value, sizeof value - 1));
    OK(xc_doc_set_value(doc, 0, "short", 5));
    xc_docid did = 0;
    OK(xc_wdb_replace(&did, w, "Qa", doc));
    xc_doc_free(doc);
    OK(xc_wdb_commit(w));
    xc_wdb_close(w);

    xc_db *db = NULL;
    OK(xc_db_open(&db, idx));
    char *got = NULL;
    size_t len = 0;
    OK(xc_db_get_data(&got, &len, db, did));
    assert_int_equal(len, sizeof data - 1);
    assert_memory_equal(got, data, len);
    assert_int_equal(got[len], '\0');
    free(got);

    OK(xc_db_get_value(&got, &len, db, did, 3));
    assert_int_equal(len, sizeof value - 1);
    assert_memory_equal(got, value, len);
    free(got);
    OK(xc_db_get_value(&got, &len, db, did, 0));
    assert_int_equal(len, 5);
    assert_string_equal(got, "short");
    free(got);

    OK(xc_db_get_value(&got, &len, db, did, 7)); /* unset: empty */
    assert_int_equal(len, 0);
    assert_non_null(got);
    assert_string_equal(got, "");
    free(got);

    got = POISON(char);
    EXPECT(PASSIM_ENOTFOUND, xc_db_get_data(&got, &len, db, did + 1));
    assert_null(got);
    expect_detail("DocNotFoundError");
    xc_db_close(db);
}

static void test_phrase_matches_only_adjacent_terms(void **state)
{
    const char *idx = path_in(state, "idx");
    xc_wdb *w = open_writer(idx);
    xc_docid adj = put(w, "Q1", "near bien hoa airbase");
    xc_docid rev = put(w, "Q2", "hoa bien");
    xc_docid gap = put(w, "Q3", "bien and hoa");
    put(w, "Q4", "bien alone");
    OK(xc_wdb_commit(w));
    xc_wdb_close(w);

    xc_db *db = NULL;
    OK(xc_db_open(&db, idx));
    xc_query *t[2] = {term_query("bien"), term_query("hoa")};
    xc_query *q = NULL;

    OK(xc_query_combine(&q, XC_OP_AND, t, 2, 0));
    xc_mset *m = run(db, q, NULL, 10);
    assert_int_equal(xc_mset_size(m), 3);
    xc_mset_free(m);
    xc_query_free(q);

    OK(xc_query_combine(&q, XC_OP_PHRASE, t, 2, 0));
    m = run(db, q, NULL, 10);
    assert_int_equal(xc_mset_size(m), 1);
    assert_int_equal(docid_at(m, 0), adj);
    xc_mset_free(m);
    xc_query_free(q);

    OK(xc_query_combine(&q, XC_OP_PHRASE, t, 2, 3)); /* in order, within 3 */
    m = run(db, q, NULL, 10);
    assert_int_equal(xc_mset_size(m), 2);
    assert_true(mset_has(m, adj) && mset_has(m, gap));
    xc_mset_free(m);
    xc_query_free(q);

    OK(xc_query_combine(&q, XC_OP_NEAR, t, 2, 2)); /* any order, within 2 */
    m = run(db, q, NULL, 10);
    assert_int_equal(xc_mset_size(m), 2);
    assert_true(mset_has(m, adj) && mset_has(m, rev));
    xc_mset_free(m);
    xc_query_free(q);

    xc_query_free(t[0]);
    xc_query_free(t[1]);
    xc_db_close(db);
}

/* Both schemes rank the document with more occurrences first, with
 * positive, descending weights that differ between the schemes; bool gives
 * every match weight 0. */
static void test_bm25_and_ineb2_rank(void **state)
{
    const char *idx = path_in(state, "idx");
    xc_wdb *w = open_writer(idx);
    xc_docid many = put(w, "Q1", "vietnam vietnam vietnam defence talks");
    xc_docid one = put(w, "Q2", "vietnam trade deal signed today");
    put(w, "Q3", "nothing relevant here at all");
    put(w, "Q4", "more filler words for statistics");
    OK(xc_wdb_commit(w));
    xc_wdb_close(w);

    xc_db *db = NULL;
    OK(xc_db_open(&db, idx));
    xc_query *q = term_query("vietnam");
    double top[2];
    static const char *const schemes[2] = {"bm25", "ineb2"};
    for (int s = 0; s < 2; s++) {
        xc_mset *m = run(db, q, schemes[s], 10);
        assert_int_equal(xc_mset_size(m), 2);
        assert_int_equal(xc_mset_matches_estimated(m), 2);
        assert_int_equal(docid_at(m, 0), many);
        assert_int_equal(docid_at(m, 1), one);
        assert_true(weight_at(m, 0) > weight_at(m, 1));
        assert_true(weight_at(m, 1) > 0.0);
        /* Past the page: an error, not a docid 0 that reads as a result. */
        xc_docid past = 7;
        double pastw = 7.0;
        EXPECT(PASSIM_EINVAL, xc_mset_docid(&past, m, 2));
        assert_int_equal(past, 0);
        assert_non_null(strstr(passim_error_msg(), "result 2 of 2"));
        EXPECT(PASSIM_EINVAL, xc_mset_weight(&pastw, m, 2));
        assert_true(pastw == 0.0);
        EXPECT(PASSIM_EINVAL, xc_mset_docid(NULL, m, 0));
        EXPECT(PASSIM_EINVAL, xc_mset_weight(NULL, m, 0));
        top[s] = weight_at(m, 0);
        xc_mset_free(m);
    }
    assert_true(top[0] != top[1]);

    xc_mset *m = run(db, q, "bool", 10);
    assert_int_equal(xc_mset_size(m), 2);
    assert_true(weight_at(m, 0) == 0.0);
    xc_mset_free(m);

    /* Paging: offset 1, count 1 is the second result. */
    xc_enquire *e = NULL;
    OK(xc_enquire_new(&e, db));
    OK(xc_enquire_set_query(e, q));
    OK(xc_enquire_mset(&m, e, 1, 1));
    assert_int_equal(xc_mset_size(m), 1);
    assert_int_equal(docid_at(m, 0), one);
    xc_mset_free(m);
    xc_enquire_free(e);
    xc_query_free(q);
    xc_db_close(db);
}

static void test_mset_term_statistics(void **state)
{
    const char *idx = path_in(state, "idx");
    xc_wdb *w = open_writer(idx);
    put(w, "Q1", "apple banana");
    put(w, "Q2", "apple cherry");
    put(w, "Q3", "cherry date");
    OK(xc_wdb_commit(w));
    xc_wdb_close(w);

    xc_db *db = NULL;
    OK(xc_db_open(&db, idx));
    xc_query *t[2] = {term_query("apple"), term_query("banana")};
    xc_query *q = NULL;
    OK(xc_query_combine(&q, XC_OP_OR, t, 2, 0));
    xc_mset *m = run(db, q, NULL, 10);
    assert_int_equal(xc_mset_size(m), 2);

    uint32_t tf = 0;
    OK(xc_mset_termfreq(&tf, m, "apple", 5));
    assert_int_equal(tf, 2);
    OK(xc_mset_termfreq(&tf, m, "banana", 6));
    assert_int_equal(tf, 1);
    OK(xc_mset_termfreq(&tf, m, "cherry", 6)); /* not in the query */
    assert_int_equal(tf, 2);

    double wa = 0, wb = 0;
    OK(xc_mset_termweight(&wa, m, "apple", 5));
    OK(xc_mset_termweight(&wb, m, "banana", 6));
    assert_true(wa > 0.0 && wb > wa); /* the rarer term weighs more */
    EXPECT(PASSIM_EINVAL, xc_mset_termweight(&wa, m, "cherry", 6));

    xc_mset_free(m);
    xc_query_free(q);
    xc_query_free(t[0]);
    xc_query_free(t[1]);
    xc_db_close(db);
}

static void test_value_range_query(void **state)
{
    const char *idx = path_in(state, "idx");
    static const char *const dates[] = {"2019-12-31", "2021-06-01",
                                        "2022-01-01", "2023-03-15"};
    xc_docid did[4];
    xc_wdb *w = open_writer(idx);
    for (int i = 0; i < 4; i++) {
        char id[8];
        snprintf(id, sizeof id, "Q%d", i);
        xc_doc *doc = make_doc("news", NULL);
        OK(xc_doc_set_value(doc, 1, dates[i], strlen(dates[i])));
        OK(xc_wdb_replace(&did[i], w, id, doc));
        xc_doc_free(doc);
    }
    OK(xc_wdb_commit(w));
    xc_wdb_close(w);

    xc_db *db = NULL;
    OK(xc_db_open(&db, idx));
    static const struct {
        const char *lo, *hi;
        int want[4];
    } cases[] = {
        {"2021-01-01", "2022-01-01", {0, 1, 1, 0}}, /* both ends inclusive */
        {"2022-01-01", NULL, {0, 0, 1, 1}},
        {NULL, "2021-06-01", {1, 1, 0, 0}},
        {NULL, NULL, {1, 1, 1, 1}},
        {"2024", "2025", {0, 0, 0, 0}},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        xc_query *q = NULL;
        OK(xc_query_value_range(&q, 1, cases[c].lo, cases[c].hi));
        xc_mset *m = run(db, q, NULL, 10);
        int expected = 0;
        for (int i = 0; i < 4; i++) {
            assert_int_equal(mset_has(m, did[i]), cases[c].want[i]);
            expected += cases[c].want[i];
        }
        assert_int_equal(xc_mset_size(m), expected);
        xc_mset_free(m);
        xc_query_free(q);
    }

    /* Filtering a term query by date. */
    xc_query *sub[2] = {term_query("news"), NULL};
    OK(xc_query_value_range(&sub[1], 1, "2023", NULL));
    xc_query *q = NULL;
    OK(xc_query_combine(&q, XC_OP_FILTER, sub, 2, 0));
    xc_mset *m = run(db, q, NULL, 10);
    assert_int_equal(xc_mset_size(m), 1);
    assert_int_equal(docid_at(m, 0), did[3]);
    assert_true(weight_at(m, 0) > 0.0);
    xc_mset_free(m);
    xc_query_free(q);
    xc_query_free(sub[0]);
    xc_query_free(sub[1]);
    xc_db_close(db);
}

/* The index layout passim uses: a stub file naming a generation directory
 * by a path relative to the stub. */
static void test_stub_file_opens_for_reading_and_writing(void **state)
{
    xc_wdb *w = open_writer(path_in(state, "gen-1"));
    put(w, "Q1", "first generation");
    OK(xc_wdb_commit(w));
    xc_wdb_close(w);

    const char *stub = path_in(state, "current");
    write_file(stub, "glass gen-1\n", 12);

    OK(xc_wdb_open(&w, stub, XC_OPEN));
    put(w, "Q2", "written through the stub");
    OK(xc_wdb_commit(w));
    xc_wdb_close(w);

    assert_int_equal(reader_doccount(stub), 2);
    assert_int_equal(reader_doccount(path_in(state, "gen-1")), 2);

    xc_db *db = NULL;
    OK(xc_db_open(&db, stub));
    xc_query *q = term_query("stub");
    xc_mset *m = run(db, q, NULL, 10);
    assert_int_equal(xc_mset_size(m), 1);
    xc_mset_free(m);
    xc_query_free(q);
    xc_db_close(db);

    /* A stub naming a missing generation is not found. */
    write_file(stub, "glass gen-2\n", 12);
    db = POISON(xc_db);
    EXPECT(PASSIM_ENOTFOUND, xc_db_open(&db, stub));
    assert_null(db);
}

static void test_reopen_sees_newer_commit(void **state)
{
    const char *idx = path_in(state, "idx");
    xc_wdb *w = open_writer(idx);
    put(w, "Q1", "one");
    OK(xc_wdb_commit(w));

    xc_db *db = NULL;
    OK(xc_db_open(&db, idx));
    int changed = -1;
    OK(xc_db_reopen(&changed, db)); /* settle: nothing new after this */

    put(w, "Q2", "two");
    OK(xc_wdb_commit(w));
    uint32_t n = 0;
    OK(xc_db_doccount(&n, db));
    assert_int_equal(n, 1); /* still the revision it opened */

    OK(xc_db_reopen(&changed, db));
    assert_int_equal(changed, 1);
    OK(xc_db_doccount(&n, db));
    assert_int_equal(n, 2);
    OK(xc_db_reopen(&changed, db));
    assert_int_equal(changed, 0);
    OK(xc_db_reopen(NULL, db));
    xc_db_close(db);
    xc_wdb_close(w);
}

/* Two shards searched as one: counts and matches span both. */
static void test_add_shard(void **state)
{
    xc_wdb *w = open_writer(path_in(state, "a"));
    put(w, "Q1", "shared term alpha");
    OK(xc_wdb_commit(w));
    xc_wdb_close(w);
    w = open_writer(path_in(state, "b"));
    put(w, "Q1", "shared term beta");
    put(w, "Q2", "beta only");
    OK(xc_wdb_commit(w));
    xc_wdb_close(w);

    xc_db *db = NULL;
    OK(xc_db_open(&db, path_in(state, "a")));
    OK(xc_db_add(db, path_in(state, "b")));
    EXPECT(PASSIM_ENOTFOUND, xc_db_add(db, path_in(state, "c")));
    uint32_t n = 0;
    OK(xc_db_doccount(&n, db));
    assert_int_equal(n, 3);
    OK(xc_db_termfreq(&n, db, "shared", 6));
    assert_int_equal(n, 2);
    xc_query *q = term_query("shared");
    xc_mset *m = run(db, q, NULL, 10);
    assert_int_equal(xc_mset_size(m), 2);
    xc_mset_free(m);
    xc_query_free(q);
    xc_db_close(db);
}

static void test_query_building(void **state)
{
    (void)state;
    xc_query *a = term_query("alpha");
    xc_query *q = POISON(xc_query);
    char *desc = NULL;

    OK(xc_query_describe(&desc, a));
    assert_string_equal(desc, "Query(alpha)");
    free(desc);

    xc_query *subs[2] = {a, NULL};
    EXPECT(PASSIM_EINVAL, xc_query_combine(&q, XC_OP_AND, subs, 2, 0));
    assert_null(q);
    EXPECT(PASSIM_EINVAL, xc_query_combine(&q, 99, subs, 1, 0));
    EXPECT(PASSIM_EINVAL, xc_query_term(&q, "x", 1, 0, 0)); /* wqf 0 */

    OK(xc_query_combine(&q, XC_OP_OR, NULL, 0, 0)); /* matches nothing */
    OK(xc_query_describe(&desc, q));
    assert_string_equal(desc, "Query()");
    free(desc);
    xc_query_free(q);

    OK(xc_query_scale(&q, a, 2.5));
    OK(xc_query_describe(&desc, q));
    assert_non_null(strstr(desc, "2.5 * alpha"));
    free(desc);
    xc_query_free(q);

    OK(xc_query_match_all(&q));
    OK(xc_query_describe(&desc, q));
    assert_string_equal(desc, "Query(<alldocuments>)");
    free(desc);
    xc_query_free(q);
    xc_query_free(a);
}

/* Every _free/_close accepts NULL; functions given NULL handles refuse with
 * EINVAL instead of crashing. */
static void test_null_is_accepted(void **state)
{
    xc_db_close(NULL);
    xc_wdb_close(NULL);
    xc_doc_free(NULL);
    xc_query_free(NULL);
    xc_enquire_free(NULL);
    xc_mset_free(NULL);

    uint32_t n = 7;
    EXPECT(PASSIM_EINVAL, xc_db_doccount(&n, NULL));
    EXPECT(PASSIM_EINVAL, xc_wdb_commit(NULL));
    EXPECT(PASSIM_EINVAL, xc_wdb_begin(NULL, 1));
    EXPECT(PASSIM_EINVAL, xc_doc_add_posting(NULL, "a", 1, 1));
    EXPECT(PASSIM_EINVAL, xc_db_open(NULL, "x"));
    xc_db *db = POISON(xc_db);
    EXPECT(PASSIM_EINVAL, xc_db_open(&db, NULL));
    assert_null(db);
    xc_wdb *w = POISON(xc_wdb);
    EXPECT(PASSIM_EINVAL, xc_wdb_open(&w, path_in(state, "idx"), 42));
    assert_null(w);
    xc_enquire *e = POISON(xc_enquire);
    EXPECT(PASSIM_EINVAL, xc_enquire_new(&e, NULL));
    assert_null(e);
    assert_int_equal(xc_mset_size(NULL), 0);
    xc_docid did = 7;
    EXPECT(PASSIM_EINVAL, xc_mset_docid(&did, NULL, 0));
    assert_int_equal(did, 0);
    double wt = 7.0;
    EXPECT(PASSIM_EINVAL, xc_mset_weight(&wt, NULL, 0));
    assert_true(wt == 0.0);
}

/* A metadata key over 245 bytes, or an empty one, is refused (EINVAL). */
static void test_overlong_metadata_key_is_einval(void **state)
{
    xc_wdb *w = NULL;
    OK(xc_wdb_open(&w, path_in(state, "idx"), XC_CREATE_OR_OPEN));
    char key[300];
    memset(key, 'k', sizeof key);
    OK(xc_wdb_set_metadata(w, key, 245, "v", 1));
    EXPECT(PASSIM_EINVAL, xc_wdb_set_metadata(w, key, sizeof key, "v", 1));
    EXPECT(PASSIM_EINVAL, xc_wdb_set_metadata(w, key, 0, "v", 1));
    xc_wdb_close(w);
}

/* An empty term is refused as the header says, with a detail. */
static void test_empty_term_is_einval(void **state)
{
    (void)state;
    xc_doc *doc = NULL;
    OK(xc_doc_new(&doc));
    EXPECT(PASSIM_EINVAL, xc_doc_add_posting(doc, "", 0, 1));
    assert_true(passim_error_msg()[0] != '\0');
    EXPECT(PASSIM_EINVAL, xc_doc_add_term(doc, "", 0, 1));
    xc_doc_free(doc);
}

/* The detail is cleared at the start of each call: after a failure, a
 * call that succeeds leaves no stale text behind. */
static void test_success_clears_stale_detail(void **state)
{
    xc_db *db = NULL;
    assert_int_equal(xc_db_open(&db, path_in(state, "missing")), PASSIM_ENOTFOUND);
    assert_true(passim_error_msg()[0] != '\0');
    xc_doc *doc = NULL;
    assert_int_equal(xc_doc_new(&doc), PASSIM_OK);
    assert_string_equal(passim_error_msg(), "");
    /* A function returning no status leaves the detail alone. */
    passim_error_set(PASSIM_EIO, "kept");
    xc_doc_free(doc);
    assert_string_equal(passim_error_msg(), "kept");
}

/* The text read before a call stays readable while the next call runs
 * and may be used to build the next detail. */
static void test_detail_may_feed_the_next_call(void **state)
{
    (void)state;
    passim_error_set(PASSIM_EIO, "first");
    const char *first = passim_error_msg();
    passim_error_clear(); /* what every public call does first */
    assert_string_equal(passim_error_msg(), "");
    assert_string_equal(first, "first");
    passim_error_set(PASSIM_EIO, "first");
    passim_error_set(PASSIM_EIO, "context: %s", passim_error_msg());
    assert_string_equal(passim_error_msg(), "context: first");
    assert_int_equal(passim_error_nomem("a test"), PASSIM_ENOMEM);
    assert_string_equal(passim_error_msg(), "out of memory: a test");
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup_dir, teardown_dir)
    const struct CMUnitTest tests[] = {
        T(test_open_missing_index),
        T(test_open_readme_only_folder),
        T(test_second_writer_is_locked),
        T(test_damaged_iamglass_is_corrupt),
        T(test_unreachable_remote_is_enetwork),
        T(test_overlong_term_is_einval),
        T(test_xapian_invalid_argument_is_einval),
        T(test_unknown_weighting_is_einval),
        T(test_wildcard_overexpansion_is_equery),
        T(test_modified_database_is_eretry),
        T(test_transactions),
        T(test_close_discards_uncommitted),
        T(test_replace_by_id_never_duplicates),
        T(test_positions_round_trip),
        T(test_data_and_values_round_trip),
        T(test_phrase_matches_only_adjacent_terms),
        T(test_bm25_and_ineb2_rank),
        T(test_mset_term_statistics),
        T(test_value_range_query),
        T(test_stub_file_opens_for_reading_and_writing),
        T(test_reopen_sees_newer_commit),
        T(test_add_shard),
        T(test_query_building),
        T(test_null_is_accepted),
        T(test_empty_term_is_einval),
        T(test_overlong_metadata_key_is_einval),
        T(test_success_clears_stale_detail),
        T(test_detail_may_feed_the_next_call),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
