/* test_analyzer.c — unit tests for lib/text/analyzer.c.
 *
 * Every input is copied into a heap buffer of exactly its length (no NUL
 * after it), so a read past len shows up under AddressSanitizer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libstemmer.h>
#include <utf8proc.h>

#include "text/analyzer.h"

#define CAP PASSIM_MAX_TERM_BYTES
#define MAX_TOKENS 256

/* Tokens collected from one passim_analyze call. */
struct got {
    int n;
    char folded[MAX_TOKENS][CAP + 1];
    char stem[MAX_TOKENS][CAP + 1];
    size_t start[MAX_TOKENS], end[MAX_TOKENS];
    uint32_t pos[MAX_TOKENS];
};

/* Whether p[0..len) is valid UTF-8 without NULs. */
static int valid_utf8(const char *p, size_t len)
{
    size_t i = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)p + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (r <= 0 || cp == 0)
            return 0;
        i += (size_t)r;
    }
    return 1;
}

/* Callback: check the token's own invariants and record it. */
static int collect(void *ctx, const passim_token *t)
{
    struct got *g = ctx;
    assert_true(g->n < MAX_TOKENS);
    assert_non_null(t->folded);
    assert_non_null(t->stem);
    assert_true(t->folded_len > 0);
    assert_true(t->folded_len <= CAP);
    assert_true(t->stem_len <= CAP);
    assert_int_equal(strlen(t->folded), t->folded_len);
    assert_int_equal(strlen(t->stem), t->stem_len);
    assert_true(valid_utf8(t->folded, t->folded_len));
    assert_true(valid_utf8(t->stem, t->stem_len));
    assert_true(t->start < t->end);
    memcpy(g->folded[g->n], t->folded, t->folded_len + 1);
    memcpy(g->stem[g->n], t->stem, t->stem_len + 1);
    g->start[g->n] = t->start;
    g->end[g->n] = t->end;
    g->pos[g->n] = t->pos;
    g->n++;
    return 0;
}

/* Analyze text[0..len) from an exact-size heap copy into g; returns
 * passim_analyze's value and checks positions and ranges. */
static int run(passim_analyzer *a, const char *text, size_t len,
               uint32_t first_pos, struct got *g)
{
    char *copy = malloc(len ? len : 1);
    assert_non_null(copy);
    if (len)
        memcpy(copy, text, len);
    memset(g, 0, sizeof *g);
    uint32_t next = 0xdeadbeef;
    int rc = passim_analyze(&next, a, copy, len, first_pos, collect, g);
    free(copy);
    assert_int_equal(next, first_pos + (uint32_t)g->n);
    for (int k = 0; k < g->n; k++) {
        assert_int_equal(g->pos[k], first_pos + (uint32_t)k);
        assert_true(g->end[k] <= len);
        if (k > 0)
            assert_true(g->start[k] >= g->end[k - 1]);
    }
    return rc;
}

/* Join g's folded forms (or stems) with single spaces into buf. */
static const char *joined(const struct got *g, int stems, char *buf,
                          size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int k = 0; k < g->n; k++) {
        int w = snprintf(buf + o, size - o, "%s%s", k ? " " : "",
                         stems ? g->stem[k] : g->folded[k]);
        assert_true(w >= 0 && (size_t)w < size - o);
        o += (size_t)w;
    }
    return buf;
}

/* The offset property: analyzing each token's slice alone gives exactly
 * that one token, with the same folded form, covering the whole slice. */
static void check_slices(passim_analyzer *a, const char *text,
                         const struct got *g)
{
    struct got *one = malloc(sizeof *one);
    assert_non_null(one);
    for (int k = 0; k < g->n; k++) {
        size_t sl = g->end[k] - g->start[k];
        run(a, text + g->start[k], sl, 0, one);
        assert_int_equal(one->n, 1);
        assert_string_equal(one->folded[0], g->folded[k]);
        assert_int_equal(one->start[0], 0);
        assert_int_equal(one->end[0], sl);
    }
    free(one);
}

/* --- fixtures ------------------------------------------------------------ */

static int setup_none(void **state)
{
    passim_analyzer *a = NULL;
    if (passim_analyzer_new(&a, "none") != PASSIM_OK)
        return -1;
    *state = a;
    return 0;
}

static int setup_english(void **state)
{
    passim_analyzer *a = NULL;
    if (passim_analyzer_new(&a, "english") != PASSIM_OK)
        return -1;
    *state = a;
    return 0;
}

static int teardown(void **state)
{
    passim_analyzer_free(*state);
    return 0;
}

/* --- the table ----------------------------------------------------------- */

struct row {
    const char *in;
    size_t len; /* 0: strlen(in) */
    const char *want; /* folded forms, space-separated */
};

static const struct row table[] = {
    /* the seeds' hard cases */
    {"Vietnam\u2019s", 0, "vietnam"},
    {"Mattis\u2019 visit", 0, "mattis visit"},
    {"U.S.", 0, "us"},
    {"Vietnam-U.S.", 0, "vietnam us"},
    {"U.S.-Vietnam ties", 0, "us vietnam ties"},
    {"added.Over", 0, "added over"},
    {"partners.\"Hegseth", 0, "partners hegseth"},
    {"$130 million", 0, "130 million"},
    {"1995\u20132025", 0, "1995 2025"},
    {"POW/MIA", 0, "pow mia"},
    {"ADMM-Plus", 0, "admm plus"},
    /* accents */
    {"Bi\u00EAn H\u00F2a", 0, "bien hoa"},
    {"\u0110\u00E0 N\u1EB5ng", 0, "da nang"},
    {"Phan V\u0103n Giang", 0, "phan van giang"},
    {"Bie\u0302n Ho\u0300a", 0, "bien hoa"}, /* decomposed input */
    {"Tr\u01B0\u01A1ng", 0, "truong"},
    {"Stra\u00DFe STRASSE", 0, "strasse strasse"},
    {"\u00C6SIR \u0152uvre \u0141\u00F3d\u017A \u00D8resund", 0,
     "aesir oeuvre lodz oresund"},
    {"\u0130stanbul \u0131l\u0131k \u01FF", 0, "istanbul ilik o"},
    {"\uFF26\uFF55\uFF4C\uFF4C \uFB01ne", 0, "full fine"},
    /* other scripts: case-folded only, marks kept */
    {"\u0391\u0398\u0389\u039D\u0391 \u041C\u043E\u0441\u043A\u0432\u0430",
     0, "\u03B1\u03B8\u03AE\u03BD\u03B1 \u043C\u043E\u0441\u043A\u0432\u0430"},
    {"\u041F\u0420\u0418\u0412\u0415\u0422 \u0439\u043E\u0434", 0,
     "\u043F\u0440\u0438\u0432\u0435\u0442 \u0439\u043E\u0434"},
    {"\u0939\u093F\u0928\u094D\u0926\u0940 \u092D\u093E\u0937\u093E", 0,
     "\u0939\u093F\u0928\u094D\u0926\u0940 \u092D\u093E\u0937\u093E"},
    /* CJK: one code point per word */
    {"\u6771\u4EAC\u30BF\u30EF\u30FC\uC11C\uC6B8", 0,
     "\u6771 \u4EAC \u30BF \u30EF \u30FC \uC11C \uC6B8"},
    {"abc\u6771def", 0, "abc \u6771 def"},
    {"\u304B\u3099", 0, "\u304B\u3099"}, /* kana + combining voiced mark */
    {"\u30C8\u30E0\u30FB\u30AF\u30EB\u30FC\u30BA", 0,
     "\u30C8 \u30E0 \u30AF \u30EB \u30FC \u30BA"}, /* ・ separates */
    {"\u3007\u3005", 0, "\u3007 \u3005"},
    /* numbers */
    {"1,601 troops", 0, "1601 troops"},
    {"5.93 percent", 0, "5.93 percent"},
    {"1,234,567.89", 0, "1234567.89"},
    {"in 2025. Next", 0, "in 2025 next"},
    {"2025.Next", 0, "2025 next"},
    {"192.168.1.1", 0, "192.168.1.1"},
    {"v1.2", 0, "v1.2"},
    {"1990's", 0, "1990"},
    {"1,", 0, "1"},
    {",5", 0, "5"},
    /* apostrophes */
    {"don't", 0, "dont"},
    {"DON\u2019T", 0, "dont"},
    {"O'Brien", 0, "obrien"},
    {"Hegseth's.", 0, "hegseth"},
    {"it\u2018s", 0, "it"},
    {"Hawai\u02BCi", 0, "hawaii"},
    {"rock 'n' roll", 0, "rock n roll"},
    {"'quoted'", 0, "quoted"},
    {"\u2019s", 0, "s"},
    {"the boys' toys", 0, "the boys toys"},
    /* acronyms and periods */
    {"U.N. and U.S.A.", 0, "un and usa"},
    {"J.R.R. Tolkien", 0, "jrr tolkien"},
    {"e.g. U.Sofia", 0, "eg u sofia"},
    {"a.b.cd", 0, "ab cd"},
    {"A. Smith", 0, "a smith"},
    {"example.com", 0, "example com"},
    {"U.S\u2019s", 0, "us"},
    /* joiners */
    {"infor\u00ADmation", 0, "information"},
    {"x\u00AD y", 0, "x y"},
    {"\u00ADx", 0, "x"},
    {"\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645", 0,
     "\u0645\u06CC\u062E\u0648\u0627\u0647\u0645"},
    /* numbers other than digits */
    {"\u00B2 \u216B", 0, "2 xii"},
    /* nothing */
    {"", 0, ""},
    {" ... -- / $ ", 0, ""},
    {"\u0301\u0301", 0, ""}, /* lone marks start no word */
    /* invalid UTF-8 and NULs */
    {"ab\xFF" "cd", 0, "ab cd"},
    {"caf\xC3", 0, "caf"},
    {"caf\xC3 bar", 0, "caf bar"},
    {"\xE2\x80", 0, ""},
    {"x\xE2\x80y", 0, "x y"},
    {"x\xE2\x80", 0, "x"},
    {"a\xC0\xAF" "b", 0, "a b"},       /* overlong '/' */
    {"a\xE0\x80\xAF" "b", 0, "a b"},   /* overlong, 3 bytes */
    {"a\xED\xA0\x80" "b", 0, "a b"},   /* surrogate U+D800 */
    {"a\xF4\x90\x80\x80" "b", 0, "a b"}, /* above U+10FFFF */
    {"a\x80\x80" "b", 0, "a b"},       /* lone continuation bytes */
    {"don\xE2\x80" "t", 0, "don t"},   /* truncated apostrophe */
    {"U.S\xFF", 0, "us"},
    {"foo\0bar", 7, "foo bar"},
    {"\0\0\0", 3, ""},
    {"Vietnam\0s", 9, "vietnam s"},
    {"1\0" ",601", 6, "1 601"},
};

/* Every table row gives its folded forms, consecutive positions from an
 * arbitrary first_pos, and slices that analyze back to the same token. */
static void test_table(void **state)
{
    passim_analyzer *a = *state;
    struct got *g = malloc(sizeof *g);
    char buf[4096];
    assert_non_null(g);
    for (size_t r = 0; r < sizeof table / sizeof table[0]; r++) {
        const struct row *row = &table[r];
        size_t len = row->len ? row->len : strlen(row->in);
        uint32_t first = (uint32_t)(r * 1000 + 7);
        int rc = run(a, row->in, len, first, g);
        assert_int_equal(rc, 0);
        joined(g, 0, buf, sizeof buf);
        if (strcmp(buf, row->want) != 0)
            fail_msg("row %zu \"%s\": got \"%s\", want \"%s\"", r, row->in,
                     buf, row->want);
        /* With no stemmer the stem is the folded form. */
        for (int k = 0; k < g->n; k++)
            assert_string_equal(g->stem[k], g->folded[k]);
        check_slices(a, row->in, g);
    }
    free(g);
}

/* The documented offset convention, checked byte for byte. */
static void test_offsets(void **state)
{
    passim_analyzer *a = *state;
    struct got g;
    const char *t1 = "Vietnam\u2019s visit"; /* ’ is 3 bytes */
    run(a, t1, strlen(t1), 0, &g);
    assert_int_equal(g.n, 2);
    assert_int_equal(g.start[0], 0);
    assert_int_equal(g.end[0], 11); /* covers "Vietnam’s" */
    assert_memory_equal(t1, "Vietnam\u2019s", 11);
    assert_int_equal(g.start[1], 12);
    assert_int_equal(g.end[1], 17);

    const char *t2 = "Mattis\u2019 and U.S. forces";
    run(a, t2, strlen(t2), 0, &g);
    assert_int_equal(g.n, 4);
    assert_int_equal(g.end[0], 6); /* "Mattis", not the apostrophe */
    assert_int_equal(g.start[2], 14);
    assert_int_equal(g.end[2], 17); /* "U.S", not the final period */
    assert_memory_equal(t2 + g.start[2], "U.S", 3);

    const char *t3 = "(1,601) Bi\u00EAn";
    run(a, t3, strlen(t3), 0, &g);
    assert_int_equal(g.n, 2);
    assert_int_equal(g.start[0], 1);
    assert_int_equal(g.end[0], 6);
    assert_int_equal(g.start[1], 8);
    assert_int_equal(g.end[1], 13); /* ê is 2 bytes */

    const char *t4 = "a\xFF" "b"; /* the invalid byte belongs to no token */
    run(a, t4, 3, 0, &g);
    assert_int_equal(g.n, 2);
    assert_int_equal(g.end[0], 1);
    assert_int_equal(g.start[1], 2);
}

/* English stems, and passim_analyzer_stem agreeing with passim_analyze. */
static void test_stems(void **state)
{
    passim_analyzer *a = *state;
    struct got g;
    char buf[1024];
    const char *t = "Running visits accounting Vietnam\u2019s 1,601 5.93 "
                    "generalizations";
    run(a, t, strlen(t), 0, &g);
    assert_string_equal(joined(&g, 0, buf, sizeof buf),
                        "running visits accounting vietnam 1601 5.93 "
                        "generalizations");
    assert_string_equal(joined(&g, 1, buf, sizeof buf),
                        "run visit account vietnam 1601 5.93 general");

    size_t n = 99;
    const char *s = passim_analyzer_stem(&n, a, "running", 7);
    assert_string_equal(s, "run");
    assert_int_equal(n, 3);
    s = passim_analyzer_stem(NULL, a, "visits", 6);
    assert_string_equal(s, "visit");
    s = passim_analyzer_stem(&n, a, NULL, 0);
    assert_string_equal(s, "");
    assert_int_equal(n, 0);
    /* not NUL-terminated input */
    s = passim_analyzer_stem(&n, a, "accountingXYZ", 10);
    assert_string_equal(s, "account");
}

/* Callback that compares each token's stem with passim_analyzer_stem on
 * the same analyzer, called from inside the callback. */
static int check_stem_cb(void *ctx, const passim_token *t)
{
    passim_analyzer *a = ctx;
    char before[CAP + 1];
    memcpy(before, t->stem, t->stem_len + 1);
    size_t n;
    const char *s = passim_analyzer_stem(&n, a, t->folded, t->folded_len);
    assert_int_equal(n, t->stem_len);
    assert_string_equal(s, t->stem);
    assert_string_equal(t->stem, before); /* token not clobbered */
    return 0;
}

/* Stems match libstemmer itself, including over many distinct words that
 * evict each other from the stem cache. */
static void test_stems_match_libstemmer(void **state)
{
    passim_analyzer *a = *state;
    struct sb_stemmer *ref = sb_stemmer_new("english", "UTF_8");
    const char *base[] = {"running", "national", "connections", "hopping",
                          "generously", "abilities", "quickly", "visits"};
    char word[64];
    assert_non_null(ref);
    for (int round = 0; round < 3; round++) {
        for (int k = 0; k < 20000; k++) {
            /* letters only, so the word is its own folded form */
            int v = k;
            size_t o = 0;
            do {
                word[o++] = (char)('a' + v % 26);
                v /= 26;
            } while (v);
            const char *b = base[k % 8];
            size_t bl = strlen(b);
            memcpy(word + o, b, bl);
            o += bl;
            const sb_symbol *want = sb_stemmer_stem(
                ref, (const sb_symbol *)word, (int)o);
            int wl = sb_stemmer_length(ref);
            size_t n;
            const char *got = passim_analyzer_stem(&n, a, word, o);
            assert_int_equal(n, (size_t)wl);
            assert_memory_equal(got, want, (size_t)wl);
        }
    }
    sb_stemmer_delete(ref);

    const char *t = "Visits, visiting and visited: the visitors\u2019 "
                    "visits. Visits!";
    for (int round = 0; round < 2; round++)
        assert_int_equal(passim_analyze(NULL, a, t, strlen(t), 0, check_stem_cb,
                                        a), 0);
}

/* "none" keeps the folded form; NULL means English; other languages. */
static void test_languages(void **state)
{
    (void)state;
    passim_analyzer *a = NULL;
    struct got g;
    char buf[256];

    assert_int_equal(passim_analyzer_new(&a, "none"), PASSIM_OK);
    run(a, "Running visits", 14, 0, &g);
    assert_string_equal(joined(&g, 1, buf, sizeof buf), "running visits");
    assert_string_equal(passim_analyzer_stem(NULL, a, "running", 7),
                        "running");
    passim_analyzer_free(a);

    a = NULL;
    assert_int_equal(passim_analyzer_new(&a, NULL), PASSIM_OK);
    run(a, "Running visits", 14, 0, &g);
    assert_string_equal(joined(&g, 1, buf, sizeof buf), "run visit");
    passim_analyzer_free(a);

    a = NULL;
    assert_int_equal(passim_analyzer_new(&a, "french"), PASSIM_OK);
    const char *t = "Les chevaux nationales";
    run(a, t, strlen(t), 0, &g);
    assert_string_equal(joined(&g, 1, buf, sizeof buf),
                        "le cheval national");
    passim_analyzer_free(a);
}

/* An unknown language is EINVAL with *out set to NULL. */
static void test_unknown_language(void **state)
{
    (void)state;
    passim_analyzer *a = (passim_analyzer *)(uintptr_t)1;
    assert_int_equal(passim_analyzer_new(&a, "klingon"), PASSIM_EINVAL);
    assert_null(a);
    assert_non_null(strstr(passim_error_msg(), "klingon"));
    a = (passim_analyzer *)(uintptr_t)1;
    assert_int_equal(passim_analyzer_new(&a, ""), PASSIM_EINVAL);
    assert_null(a);
    assert_int_equal(passim_analyzer_new(NULL, "english"), PASSIM_EINVAL);
    passim_analyzer_free(NULL); /* accepted */
}

/* Over-long words are cut on a code point boundary and stay one token. */
static void test_cap(void **state)
{
    passim_analyzer *a = *state;
    struct got g;
    char text[512];
    char want[CAP + 1];

    /* ASCII: 100 letters give the first 64, the range covers all 100. */
    memset(text, 'a', 100);
    memcpy(text + 100, " next", 5);
    run(a, text, 105, 0, &g);
    assert_int_equal(g.n, 2);
    memset(want, 'a', CAP);
    want[CAP] = '\0';
    assert_string_equal(g.folded[0], want);
    assert_int_equal(g.start[0], 0);
    assert_int_equal(g.end[0], 100);
    assert_string_equal(g.folded[1], "next");
    assert_int_equal(g.pos[1], 1);

    /* 3-byte letters: 64 is no multiple of 3, so 63 bytes (21 letters). */
    size_t o = 0;
    for (int k = 0; k < 30; k++) {
        memcpy(text + o, "\u0915", 3); /* क */
        o += 3;
    }
    run(a, text, o, 0, &g);
    assert_int_equal(g.n, 1);
    assert_int_equal(strlen(g.folded[0]), 63);
    assert_memory_equal(g.folded[0], text, 63);
    assert_int_equal(g.end[0], 90);

    /* 'x' then 2-byte letters: 1 + 2k <= 64 gives 63 bytes. */
    text[0] = 'x';
    o = 1;
    for (int k = 0; k < 40; k++) {
        memcpy(text + o, "\u0436", 2); /* ж */
        o += 2;
    }
    run(a, text, o, 0, &g);
    assert_int_equal(g.n, 1);
    assert_int_equal(strlen(g.folded[0]), 63);
    assert_memory_equal(g.folded[0], text, 63);

    /* A multi-byte fold (ß → ss) that does not fit is left out whole. */
    memset(text, 'b', CAP - 1);
    memcpy(text + CAP - 1, "\u00DF", 2);
    run(a, text, CAP + 1, 0, &g);
    assert_int_equal(g.n, 1);
    assert_int_equal(strlen(g.folded[0]), CAP - 1);
    check_slices(a, text, &g);

    /* passim_analyzer_stem cuts long input the same way. */
    size_t n;
    memset(text, 'c', 100);
    const char *s = passim_analyzer_stem(&n, a, text, 100);
    assert_int_equal(n, CAP);
    assert_int_equal(strlen(s), CAP);
}

/* A long word through the English stemmer: folded and stem both capped. */
static void test_cap_stemmed(void **state)
{
    passim_analyzer *a = *state;
    struct got g;
    char text[300];
    size_t o = 0;
    while (o + 11 <= 250) {
        memcpy(text + o, "nationaliz", 10);
        o += 10;
    }
    memcpy(text + o, "ations", 6);
    o += 6;
    run(a, text, o, 0, &g);
    assert_int_equal(g.n, 1);
    assert_true(strlen(g.folded[0]) <= CAP);
    assert_true(strlen(g.stem[0]) <= CAP);
    assert_int_equal(g.end[0], o);
    /* a 3-byte letter straddling the cap is left out of the stem too */
    memset(text, 'e', 62);
    memcpy(text + 62, "\u0915", 3);
    size_t n;
    const char *s = passim_analyzer_stem(&n, a, text, 65);
    assert_true(n <= 62);
    assert_true(valid_utf8(s, n));
}

/* Callback that stops on the second token with a caller-chosen value. */
struct stopper {
    int calls;
    int stop_at;
    int value;
};

static int stop_cb(void *ctx, const passim_token *t)
{
    struct stopper *st = ctx;
    (void)t;
    st->calls++;
    return st->calls == st->stop_at ? st->value : 0;
}

/* The callback's non-zero value stops the walk and is returned. */
static void test_stop(void **state)
{
    passim_analyzer *a = *state;
    const char *t = "one two three four";
    struct stopper st = {0, 2, 42};
    uint32_t next = 0;
    assert_int_equal(passim_analyze(&next, a, t, strlen(t), 10, stop_cb, &st),
                     42);
    assert_int_equal(st.calls, 2);
    assert_int_equal(next, 12);

    struct stopper st2 = {0, 1, -1};
    assert_int_equal(passim_analyze(NULL, a, t, strlen(t), 0, stop_cb, &st2),
                     -1);
    assert_int_equal(st2.calls, 1);

    struct stopper st3 = {0, 99, 5}; /* never stops */
    assert_int_equal(passim_analyze(&next, a, t, strlen(t), 0, stop_cb, &st3),
                     0);
    assert_int_equal(st3.calls, 4);
    assert_int_equal(next, 4);
}

/* Empty input, NULL text with len 0, and a NULL callback. */
static void test_empty_and_null(void **state)
{
    passim_analyzer *a = *state;
    struct stopper st = {0, 1, 7};
    uint32_t next = 0;
    char one = 'x';
    assert_int_equal(passim_analyze(&next, a, &one, 0, 5, stop_cb, &st), 0);
    assert_int_equal(st.calls, 0);
    assert_int_equal(next, 5);
    next = 0;
    assert_int_equal(passim_analyze(&next, a, NULL, 0, 9, stop_cb, &st), 0);
    assert_int_equal(st.calls, 0);
    assert_int_equal(next, 9);
    /* a NULL callback only counts positions */
    const char *t = "a b, U.S. c";
    assert_int_equal(passim_analyze(&next, a, t, strlen(t), 3, NULL, NULL), 0);
    assert_int_equal(next, 7);
}

/* Random bytes biased to the tricky ones: never a crash, never a read past
 * len, and every token keeps the invariants and the slice property. */
static void test_random_bytes(void **state)
{
    passim_analyzer *a = *state;
    static const char *const pieces[] = {
        "a", "B", "s", "1", "9", ".", ",", "'", " ", "-", "\u2019", "\u00AD",
        "\u0301", "\u00EA", "\u0110", "\u6771", "\u0915", "\u093F", "\u00DF",
        "\xFF", "\xC3", "\xE2\x80", "\xED\xA0\x80", "\xC0\xAF", "\x80",
        "\xF0\x9F", "\0", "U.S.", "don't", "1,601",
    };
    const size_t npieces = sizeof pieces / sizeof pieces[0];
    struct got *g = malloc(sizeof *g);
    char text[256];
    uint32_t seed = 12345;
    assert_non_null(g);
    for (int iter = 0; iter < 20000; iter++) {
        size_t len = 0;
        seed = seed * 1103515245u + 12345u;
        int count = (int)((seed >> 16) % 40);
        for (int k = 0; k < count; k++) {
            seed = seed * 1103515245u + 12345u;
            size_t p = (seed >> 16) % npieces;
            size_t pl = pieces[p][0] ? strlen(pieces[p]) : 1;
            if (len + pl > sizeof text)
                break;
            memcpy(text + len, pieces[p], pl);
            len += pl;
        }
        /* cut anywhere, also inside a multi-byte sequence */
        seed = seed * 1103515245u + 12345u;
        if (len)
            len -= (seed >> 16) % 3 < len ? (seed >> 16) % 3 : 0;
        assert_int_equal(run(a, text, len, 0, g), 0);
        check_slices(a, text, g);
    }
    free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_table, setup_none, teardown),
        cmocka_unit_test_setup_teardown(test_offsets, setup_none, teardown),
        cmocka_unit_test_setup_teardown(test_stems, setup_english, teardown),
        cmocka_unit_test_setup_teardown(test_stems_match_libstemmer,
                                        setup_english, teardown),
        cmocka_unit_test(test_languages),
        cmocka_unit_test(test_unknown_language),
        cmocka_unit_test_setup_teardown(test_cap, setup_none, teardown),
        cmocka_unit_test_setup_teardown(test_cap_stemmed, setup_english,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_stop, setup_none, teardown),
        cmocka_unit_test_setup_teardown(test_empty_and_null, setup_english,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_random_bytes, setup_english,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
