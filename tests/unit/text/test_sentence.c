/* test_sentence.c — unit tests for lib/text/sentence.c.
 *
 * Every text is copied into a heap buffer of exactly its length (no NUL
 * after it), so a read past the end shows up under AddressSanitizer, and
 * every table is checked against the invariants the index relies on (see
 * check_table). Real texts come from the seeds (PASSIM_SOURCE_DIR/corpus)
 * and the shared corpora beside the checkout (PASSIM_SOURCE_DIR/../shared).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "text/analyzer.h"
#include "text/article.h"
#include "text/sentence.h"

#ifndef PASSIM_SOURCE_DIR
#error "PASSIM_SOURCE_DIR must name the project root"
#endif
#define SEED_DIR PASSIM_SOURCE_DIR "/corpus"
#define SHARED_DIR PASSIM_SOURCE_DIR "/../shared"

static passim_analyzer *an;

/* ---- helpers ------------------------------------------------------------- */

/* Tokens of a text, as the analyzer gives them. */
struct toks {
    size_t n, cap;
    size_t *start, *end;
    uint32_t *pos;
};

static int keep(void *ctx, const passim_token *t)
{
    struct toks *k = ctx;
    if (k->n == k->cap) {
        k->cap = k->cap ? 2 * k->cap : 256;
        k->start = realloc(k->start, k->cap * sizeof *k->start);
        k->end = realloc(k->end, k->cap * sizeof *k->end);
        k->pos = realloc(k->pos, k->cap * sizeof *k->pos);
        assert_non_null(k->start);
        assert_non_null(k->end);
        assert_non_null(k->pos);
    }
    k->start[k->n] = t->start;
    k->end[k->n] = t->end;
    k->pos[k->n] = t->pos;
    k->n++;
    return 0;
}

/* Whether a white space code point starts at t[i] (the splitter's own
 * notion, as far as these tests need it). */
static int space_at(const char *t, size_t i, size_t len)
{
    const unsigned char *s = (const unsigned char *)t + i;
    if (strchr(" \t\n\r\v\f", s[0]) && s[0])
        return 1;
    return len - i >= 2 && s[0] == 0xC2 && s[1] == 0xA0;
}

/* Whether a white space code point ends at t[i]. */
static int space_before(const char *t, size_t i)
{
    const unsigned char *s = (const unsigned char *)t;
    if (i >= 1 && s[i - 1] && strchr(" \t\n\r\v\f", s[i - 1]))
        return 1;
    return i >= 2 && s[i - 2] == 0xC2 && s[i - 1] == 0xA0;
}

/* The invariants of every table: ranges inside the text, trimmed,
 * ascending and disjoint, no blank line inside a sentence; positions
 * running on from PASSIM_FIRST_POS; every token of the analyzer inside
 * exactly the sentence that counts it; the first sentence starts a
 * paragraph. */
static void check_table(const char *text, size_t len, const passim_sentences *s)
{
    struct toks k = {0};
    uint32_t pos = PASSIM_FIRST_POS;
    size_t ti = 0, prev_end = 0;

    passim_analyze(NULL, an, text, len, PASSIM_FIRST_POS, keep, &k);
    assert_int_equal(s->nwords, k.n);
    assert_true(s->n <= k.n);
    if (s->n)
        assert_int_equal(s->v[0].para_start, 1);
    else
        assert_null(s->v);
    for (size_t i = 0; i < s->n; i++) {
        const passim_sentence *x = &s->v[i];
        assert_true(x->start < x->end);
        assert_true(x->end <= len);
        assert_true(x->start >= prev_end);
        assert_false(space_at(text, x->start, len));
        assert_false(space_before(text, x->end));
        assert_true(x->nwords > 0);
        assert_int_equal(x->first_pos, pos);
        assert_true(x->para_start == 0 || x->para_start == 1);
        for (uint32_t w = 0; w < x->nwords; w++, ti++) {
            assert_true(ti < k.n);
            assert_int_equal(k.pos[ti], x->first_pos + w);
            assert_true(k.start[ti] >= x->start);
            assert_true(k.end[ti] <= x->end);
        }
        /* A blank line would mean a sentence spanning paragraphs. */
        for (size_t j = x->start; j < x->end; j++) {
            if (text[j] != '\n')
                continue;
            size_t q = j + 1;
            while (q < x->end && (text[q] == ' ' || text[q] == '\t'))
                q++;
            assert_true(q >= x->end || text[q] != '\n');
        }
        pos += x->nwords;
        prev_end = x->end;
    }
    assert_int_equal(ti, k.n);
    free(k.start);
    free(k.end);
    free(k.pos);
}

/* A text split into sentences, in its own exact-size buffer. */
struct split {
    char *text;
    size_t len;
    passim_sentences s;
};

static void split_buf(struct split *sp, const char *text, size_t len)
{
    sp->text = malloc(len ? len : 1);
    assert_non_null(sp->text);
    if (len)
        memcpy(sp->text, text, len);
    sp->len = len;
    memset(&sp->s, 0, sizeof sp->s);
    assert_int_equal(passim_split_sentences(&sp->s, an, sp->text, len), PASSIM_OK);
    check_table(sp->text, len, &sp->s);
}

static void split_str(struct split *sp, const char *text)
{
    split_buf(sp, text, strlen(text));
}

static void split_done(struct split *sp)
{
    passim_sentences_free(&sp->s);
    assert_null(sp->s.v);
    assert_int_equal(sp->s.n, 0);
    free(sp->text);
}

/* Sentence i of sp is exactly `want`. */
static void assert_sentence(const struct split *sp, size_t i, const char *want)
{
    assert_true(i < sp->s.n);
    const passim_sentence *x = &sp->s.v[i];
    size_t n = x->end - x->start;
    if (n != strlen(want) || memcmp(sp->text + x->start, want, n) != 0)
        fail_msg("sentence %zu is \"%.*s\", want \"%s\"", i, (int)n,
                 sp->text + x->start, want);
}

/* text splits into exactly the n sentences want[]; paras (may be NULL)
 * gives their para_start flags. */
static void expect(const char *text, const char *const *want, size_t n,
                   const int *paras)
{
    struct split sp;
    split_str(&sp, text);
    for (size_t i = 0; i < n && i < sp.s.n; i++)
        assert_sentence(&sp, i, want[i]);
    if (sp.s.n != n)
        fail_msg("%zu sentences, want %zu, in \"%s\"", sp.s.n, n, text);
    for (size_t i = 0; paras && i < n; i++)
        if (sp.s.v[i].para_start != paras[i])
            fail_msg("sentence %zu (\"%s\"): para_start %d, want %d", i,
                     want[i], sp.s.v[i].para_start, paras[i]);
    split_done(&sp);
}

#define EXPECT(text, ...)                                                     \
    do {                                                                      \
        static const char *const want_[] = {__VA_ARGS__};                     \
        expect((text), want_, sizeof want_ / sizeof want_[0], NULL);          \
    } while (0)

/* Index of the sentence whose text is exactly `want`, or -1. */
static long find_sentence(const struct split *sp, const char *want)
{
    for (size_t i = 0; i < sp->s.n; i++) {
        const passim_sentence *x = &sp->s.v[i];
        if (x->end - x->start == strlen(want) &&
            memcmp(sp->text + x->start, want, strlen(want)) == 0)
            return (long)i;
    }
    return -1;
}

/* Number of paragraphs of a table. */
static size_t paragraphs(const passim_sentences *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n; i++)
        n += s->v[i].para_start;
    return n;
}

/* Read a whole file; *len gets its size. */
static char *slurp(size_t *len, const char *path)
{
    FILE *f = fopen(path, "rb");
    long n;
    char *buf;

    if (!f)
        fail_msg("cannot open %s", path);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    assert_true(n >= 0);
    assert_int_equal(fseek(f, 0, SEEK_SET), 0);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* Split the cleaned text of an article built from raw[0..len), and also
 * the raw bytes themselves (checking only the invariants). */
static void split_article(struct split *sp, const char *raw, size_t len)
{
    passim_article *a = NULL;
    struct split rawsp;

    split_buf(&rawsp, raw, len);
    split_done(&rawsp);
    assert_int_equal(passim_article_from_text(&a, "t", raw, len), PASSIM_OK);
    split_buf(sp, a->text, a->text_len);
    passim_article_free(a);
}

static int setup(void **state)
{
    (void)state;
    return passim_analyzer_new(&an, "english") == PASSIM_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    passim_analyzer_free(an);
    an = NULL;
    return 0;
}

/* ---- sentence boundaries ------------------------------------------------- */

static void test_glued(void **state)
{
    (void)state;
    EXPECT("He added.Over the years, it grew.",
           "He added.", "Over the years, it grew.");
    /* The quote closes the sentence before it (the third quote). */
    EXPECT("A \"mutually beneficial\" tie with \"comprehensive strategic "
           "partners.\"Hegseth had meetings.",
           "A \"mutually beneficial\" tie with \"comprehensive strategic partners.\"",
           "Hegseth had meetings.");
    /* The quote opens the next one (quotes were balanced). */
    EXPECT("It is this year.\"In these decades, we grew,\" he said.",
           "It is this year.", "\"In these decades, we grew,\" he said.");
    EXPECT("It met the president.\"We've come here,\" he added.Over time it grew.",
           "It met the president.", "\"We've come here,\" he added.",
           "Over time it grew.");
    /* The glued sentence of seed 003. */
    EXPECT("Giang exchanged some artifacts from the Vietnam War.The two sides "
           "also discussed trade.",
           "Giang exchanged some artifacts from the Vietnam War.",
           "The two sides also discussed trade.");
    EXPECT("We use e.g. index.html and https://example.com/a.b.html at 3.5 "
           "per cent. The U.S. is big.",
           "We use e.g. index.html and https://example.com/a.b.html at 3.5 per cent.",
           "The U.S. is big.");
    /* Glued but not sentences: decimals, acronyms, titles, lower case. */
    EXPECT("Bags of 5.93 mln at 15:01:01.79 in the U.S.A. with Mr.Smith and "
           "example.com today.",
           "Bags of 5.93 mln at 15:01:01.79 in the U.S.A. with Mr.Smith and "
           "example.com today.");
}

static void test_abbreviations(void **state)
{
    (void)state;
    EXPECT("At the meeting, Gen. Chien met Mr. Smith, Mrs. Brown, Dr. Jones and "
           "St. Clair on Jan. 25, 2018 in Washington. They talked.",
           "At the meeting, Gen. Chien met Mr. Smith, Mrs. Brown, Dr. Jones and "
           "St. Clair on Jan. 25, 2018 in Washington.",
           "They talked.");
    EXPECT("Lt. Col. Ray and Sgt. Amber I. Smith won No. 5 in Feb. 2019. It was "
           "close.",
           "Lt. Col. Ray and Sgt. Amber I. Smith won No. 5 in Feb. 2019.",
           "It was close.");
    /* A weak abbreviation before a sentence starter does end one. */
    EXPECT("He joined Acme Inc. The firm grew.", "He joined Acme Inc.",
           "The firm grew.");
    /* A title never does, except at the end of a paragraph. */
    EXPECT("It was the Gen. The crowd cheered.",
           "It was the Gen. The crowd cheered.");
    static const char *const want[] = {"He met the Gen.", "The end came."};
    static const int paras[] = {1, 1};
    expect("He met the Gen.\n\nThe end came.", want, 2, paras);
}

static void test_acronyms(void **state)
{
    (void)state;
    EXPECT("The U.S. and the U.N. agreed on the POW/MIA issue. U.S. Defense "
           "Secretary Pete Hegseth spoke.",
           "The U.S. and the U.N. agreed on the POW/MIA issue.",
           "U.S. Defense Secretary Pete Hegseth spoke.");
    EXPECT("He flew back to the U.S. The trip was long.",
           "He flew back to the U.S.", "The trip was long.");
    EXPECT("Vietnam-U.S. relations grew in the U.S.A. and beyond.",
           "Vietnam-U.S. relations grew in the U.S.A. and beyond.");
    EXPECT("Vietnam-U.S.: Cooperation remains a top priority. It is.",
           "Vietnam-U.S.: Cooperation remains a top priority.", "It is.");
    EXPECT("The U.S.'s announcement came. Then more.",
           "The U.S.'s announcement came.", "Then more.");
}

static void test_initials(void **state)
{
    (void)state;
    EXPECT("Pentagon chief spokesperson Dana W. White said so. Defense Secretary "
           "James N. Mattis visits Hanoi.",
           "Pentagon chief spokesperson Dana W. White said so.",
           "Defense Secretary James N. Mattis visits Hanoi.");
    EXPECT("DoD photo by Army Sgt. Amber I. Smith and J. R. R. Tolkien.",
           "DoD photo by Army Sgt. Amber I. Smith and J. R. R. Tolkien.");
    EXPECT("It was World War I. The war ended.", "It was World War I.",
           "The war ended.");
}

static void test_marks(void **state)
{
    (void)state;
    EXPECT("Really? Yes! It works... Then it stopped.", "Really?", "Yes!",
           "It works...", "Then it stopped.");
    EXPECT("Is it done? he asked. Nobody knew.", "Is it done? he asked.",
           "Nobody knew.");
    EXPECT("at some cost to them \xE2\x80\xA6 so we appreciate it. Then more.",
           "at some cost to them \xE2\x80\xA6 so we appreciate it.", "Then more.");
    EXPECT("Wait\xE2\x80\xA6 What happened?!? Nobody knows!",
           "Wait\xE2\x80\xA6", "What happened?!?", "Nobody knows!");
}

static void test_quotes(void **state)
{
    (void)state;
    EXPECT("\xE2\x80\x9CThey have been supporting the sanctions.\xE2\x80\x9D He "
           "said so.",
           "\xE2\x80\x9CThey have been supporting the sanctions.\xE2\x80\x9D",
           "He said so.");
    EXPECT("He said: \"We agree.\" Then he left.", "He said: \"We agree.\"",
           "Then he left.");
    EXPECT("(He left.) Then she came.", "(He left.)", "Then she came.");
    EXPECT("He spoke. (Photo: Nguyen Hong)", "He spoke.", "(Photo: Nguyen Hong)");
    EXPECT("He said. \xE2\x80\x9CWe agree,\xE2\x80\x9D she said.", "He said.",
           "\xE2\x80\x9CWe agree,\xE2\x80\x9D she said.");
}

static void test_numbers(void **state)
{
    (void)state;
    EXPECT("Prices rose 5.93 pct at 15:01:01.79 today. It was 2015. 2016 was "
           "worse.",
           "Prices rose 5.93 pct at 15:01:01.79 today.", "It was 2015.",
           "2016 was worse.");
    EXPECT("Version 1.2.3 shipped for $1.13bn. Fine.",
           "Version 1.2.3 shipped for $1.13bn.", "Fine.");
}

static void test_other_scripts(void **state)
{
    (void)state;
    EXPECT("Il a dit non. \xC3\x89tat nouveau.", "Il a dit non.",
           "\xC3\x89tat nouveau.");
    EXPECT("He came to \xC4\x90\xC3\xA0 N\xE1\xBA\xB5ng. Bi\xC3\xAAn H\xC3\xB2" "a "
           "is next.",
           "He came to \xC4\x90\xC3\xA0 N\xE1\xBA\xB5ng.",
           "Bi\xC3\xAAn H\xC3\xB2" "a is next.");
    /* CJK: the full stop always ends a sentence; each ideograph is a word. */
    EXPECT("\xE4\xBB\x8A\xE6\x97\xA5\xE3\x81\xAF\xE6\x99\xB4\xE3\x82\x8C\xE3\x80\x82"
           "\xE6\x98\x8E\xE6\x97\xA5\xE3\x81\xAF\xE9\x9B\xA8\xE3\x80\x82",
           "\xE4\xBB\x8A\xE6\x97\xA5\xE3\x81\xAF\xE6\x99\xB4\xE3\x82\x8C\xE3\x80\x82",
           "\xE6\x98\x8E\xE6\x97\xA5\xE3\x81\xAF\xE9\x9B\xA8\xE3\x80\x82");
}

/* Tokenized text (cran): a period standing apart ends a sentence before a
 * lower-case word; a detached ".5" does not. */
static void test_tokenized(void **state)
{
    (void)state;
    EXPECT("a wing in a slipstream . the results were good . the end .",
           "a wing in a slipstream .", "the results were good .", "the end .");
    EXPECT("at mach numbers 3 .5 and 8 .5 we measured .",
           "at mach numbers 3 .5 and 8 .5 we measured .");
}

/* Sentences of punctuation only are dropped; the paragraph flag moves on. */
static void test_dropped(void **state)
{
    (void)state;
    static const char *const want[] = {"One.", "Two.", "Three."};
    static const int paras[] = {1, 1, 0};
    expect("One.\n\n\xE2\x80\x9C...\xE2\x80\x9D Two. Three.", want, 3, paras);
    expect("One.\n\n--\n\nTwo. Three.", want, 3, paras);
}

/* ---- paragraph shapes ---------------------------------------------------- */

/* Blocks separated by blank lines (seeds 000 and 004, BBC). */
static void test_shape_blank_lines(void **state)
{
    (void)state;
    static const char *const want[] = {
        "US, Vietnam Deepen Defense Ties", "First one.", "First two.",
        "By Prashanth Parameswaran June 05, 2015", "Third.",
    };
    static const int paras[] = {1, 1, 0, 1, 1};
    expect("\n\nUS, Vietnam Deepen Defense Ties\n\nFirst one. First two.\n\n"
           "By Prashanth Parameswaran June 05, 2015\n\n\n\nThird.\n\n",
           want, 5, paras);
}

/* One paragraph per line, long lines with short ones among them (001). */
static void test_shape_line_per_paragraph(void **state)
{
    (void)state;
    static const char *const want[] = {
        "Vietnam-U.S.: Cooperation in war aftermath settlement remains a top "
        "priority",
        "Latest",
        "General Phan Van Giang welcomes U.S. Secretary of War Pete Hegseth.",
        "(Photo: Nguyen Hong)",
        "Following the welcoming ceremony, the two leaders held talks in the "
        "capital on the first day of the visit.",
        "During the discussions, General Phan Van Giang emphasized the "
        "significance of the visit to Vietnam, which coincides with an "
        "anniversary.",
        "Both sides agreed that recent defense cooperation has been implemented "
        "in accordance with the directives of the senior leaders of both "
        "countries.",
        "Concluding the talks, both sides exchanged war memorabilia.",
    };
    static const int paras[] = {1, 1, 1, 0, 1, 0, 1, 1};
    expect("Vietnam-U.S.: Cooperation in war aftermath settlement remains a top "
           "priority\nLatest\n"
           "General Phan Van Giang welcomes U.S. Secretary of War Pete Hegseth. "
           "(Photo: Nguyen Hong)\n"
           "Following the welcoming ceremony, the two leaders held talks in the "
           "capital on the first day of the visit. During the discussions, "
           "General Phan Van Giang emphasized the significance of the visit to "
           "Vietnam, which coincides with an anniversary.\n"
           "Both sides agreed that recent defense cooperation has been "
           "implemented in accordance with the directives of the senior leaders "
           "of both countries.\n"
           "Concluding the talks, both sides exchanged war memorabilia.\n",
           want, 8, paras);
}

/* A whole article on one line (003). */
static void test_shape_one_line(void **state)
{
    (void)state;
    static const char *const want[] = {
        "He underlined the ties between \"comprehensive strategic partners.\"",
        "Hegseth had back-to-back meetings this year.",
        "\"In these three decades, our partnership has grown.",
        "It is the best,\" he said.",
        "Over the last decades, it evolved.",
        "Yonhap",
    };
    static const int paras[] = {1, 0, 0, 0, 0, 0};
    expect("He underlined the ties between \"comprehensive strategic partners.\""
           "Hegseth had back-to-back meetings this year.\"In these three "
           "decades, our partnership has grown. It is the best,\" he said.Over "
           "the last decades, it evolved.Yonhap",
           want, 6, paras);
}

/* Hard-wrapped newswire: title and dateline lines, wrapped body, indented
 * paragraph starts, a signature (Reuters). */
static void test_shape_newswire(void **state)
{
    (void)state;
    static const char *const want[] = {
        "BAHIA COCOA REVIEW",
        "26-FEB-1987 15:01:01.79",
        "Showers continued throughout the week in\n"
        "the Bahia cocoa zone, alleviating the drought since early\n"
        "January and improving prospects for the coming temporao,\n"
        "although normal humidity levels have not been restored,\n"
        "Comissaria Smith said in its weekly review.",
        "The dry period means the temporao will be late this year.",
        "Arrivals for the week ended February 22 were 155,221 bags\n"
        "of 60 kilos making a cumulative total for the season of 5.93\n"
        "mln against 5.81 at the same stage last year.",
        "Again it seems\n"
        "that cocoa delivered earlier on consignment was included in the\n"
        "arrivals figures.",
        "Reuter",
    };
    static const int paras[] = {1, 1, 1, 1, 1, 0, 1};
    expect("BAHIA COCOA REVIEW\n"
           "26-FEB-1987 15:01:01.79\n"
           "Showers continued throughout the week in\n"
           "the Bahia cocoa zone, alleviating the drought since early\n"
           "January and improving prospects for the coming temporao,\n"
           "although normal humidity levels have not been restored,\n"
           "Comissaria Smith said in its weekly review.\n"
           "    The dry period means the temporao will be late this year.\n"
           "    Arrivals for the week ended February 22 were 155,221 bags\n"
           "of 60 kilos making a cumulative total for the season of 5.93\n"
           "mln against 5.81 at the same stage last year. Again it seems\n"
           "that cocoa delivered earlier on consignment was included in the\n"
           "arrivals figures.\n"
           " Reuter\n",
           want, 7, paras);
}

/* A newswire table indented throughout: each row is its own paragraph. */
static void test_shape_newswire_table(void **state)
{
    (void)state;
    static const char *const want[] = {
        "NATIONAL FSI INC <NFSI> 4TH QTR LOSS", "3-MAR-1987 09:20:23.32",
        "Shr loss six cts vs profit 19 cts", "Net loss 166,000 vs profit 580,000",
        "Revs 3,772,000 vs 5,545,000", "Year",
        ("NOTE: 1985 year figures pro forma for purchase accounting\n"
         "adjustments resulting from March 1985 reacquisition of company."),
    };
    static const int paras[] = {1, 1, 1, 1, 1, 1, 1};
    expect("NATIONAL FSI INC <NFSI> 4TH QTR LOSS\n"
           "3-MAR-1987 09:20:23.32\n"
           "Shr loss six cts vs profit 19 cts\n"
           "    Net loss 166,000 vs profit 580,000\n"
           "    Revs 3,772,000 vs 5,545,000\n"
           "    Year\n"
           "    NOTE: 1985 year figures pro forma for purchase accounting\n"
           "adjustments resulting from March 1985 reacquisition of company.\n",
           want, 7, paras);
}

/* Lines wrapped with a leading space on every line but the first (cran). */
static void test_shape_leading_space(void **state)
{
    (void)state;
    static const char *const want[] = {
        "experimental investigation of the aerodynamics of a\n"
        " wing in a slipstream .",
        "experimental investigation of the aerodynamics of a\n"
        " wing in a slipstream .",
        "an experimental study of a wing in a propeller slipstream was\n"
        " made in order to determine the spanwise distribution of the lift\n"
        " increase due to slipstream at different angles of attack .",
        "the\n results were intended in part as an evaluation basis .",
    };
    static const int paras[] = {1, 1, 1, 0};
    expect("experimental investigation of the aerodynamics of a\n"
           " wing in a slipstream .\n"
           " experimental investigation of the aerodynamics of a\n"
           " wing in a slipstream .\n"
           " an experimental study of a wing in a propeller slipstream was\n"
           " made in order to determine the spanwise distribution of the lift\n"
           " increase due to slipstream at different angles of attack . the\n"
           " results were intended in part as an evaluation basis .\n",
           want, 4, paras);
}

/* Hard-wrapped lines with blank-line paragraphs (books): a short line
 * ending a sentence inside a paragraph does not end the paragraph. */
static void test_shape_wrapped_blank_lines(void **state)
{
    (void)state;
    static const char *const want[] = {
        "Chapter One",
        "He did not seem to understand it.",
        ("She became maternal and taught him his lesson out of sheer goodness\n"
         "of heart, as a friend might do."),
        "Next paragraph here, which is short.",
    };
    static const int paras[] = {1, 1, 0, 1};
    expect("Chapter One\n\n"
           "He did not seem to understand it.\n"
           "She became maternal and taught him his lesson out of sheer goodness\n"
           "of heart, as a friend might do.\n\n"
           "Next paragraph here, which is short.\n",
           want, 4, paras);
}

/* ---- the seeds ----------------------------------------------------------- */

struct seed_case {
    const char *file;
    size_t paragraphs;
    size_t min_sentences;
    const char *sentence[2]; /* sentences the table must hold exactly */
};

static const struct seed_case seeds[] = {
    {"000_d07ac7e1e3736adf.txt", 8, 15,
     {"Pentagon chief spokesperson Dana W. White said that Mattis\xE2\x80\x99 "
      "visit was the sixth such visit to Vietnam by a U.S. Defense Secretary.",
      /* The caption, its photo credit taken out of the text. */
      "Defense Secretary James N. Mattis visits the U.S. Embassy in Hanoi, "
      "Vietnam, Jan. 25, 2018"}},
    {"001_1a7a354f7a53d6f6.txt", 30, 40,
     {"Vietnam-U.S.: Cooperation in war aftermath settlement remains a top "
      "priority",
      "The U.S.'s announcement of a new support package worth $130 million for "
      "the dioxin remediation project at Bien Hoa Airport is highly appreciated, "
      "raising the total U.S. government grant aid from $300 million to $430 "
      "million."}},
    {"002_f5f00cdf12c99929.txt", 8, 12,
     {"He highly appreciated Vietnam\xE2\x80\x99s professionalism, dedication, "
      "and support in these efforts.",
      "Translated by Song Anh"}},
    {"003_4090b8fde11b87b1.txt", 1, 15,
     {"During their talks, Hegseth and Giang exchanged some artifacts from the "
      "Vietnam War.",
      "Yonhap"}},
    {"004_13a7ffee45129fbc.txt", 11, 20, /* its photo credit line is gone */
     {"US, Vietnam Deepen Defense Ties",
      "\"With this exchange, we continue to help heal the wounds of the past."}},
};

static void test_seeds(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
        const struct seed_case *c = &seeds[i];
        char path[512];
        size_t len;
        struct split sp;

        snprintf(path, sizeof path, "%s/%s", SEED_DIR, c->file);
        char *raw = slurp(&len, path);
        split_article(&sp, raw, len);
        free(raw);
        if (paragraphs(&sp.s) != c->paragraphs || sp.s.n < c->min_sentences)
            fail_msg("%s: %zu paragraphs, %zu sentences", c->file,
                     paragraphs(&sp.s), sp.s.n);
        for (size_t k = 0; k < 2; k++)
            if (find_sentence(&sp, c->sentence[k]) < 0)
                fail_msg("%s: no sentence \"%s\"", c->file, c->sentence[k]);
        split_done(&sp);
    }
}

/* Seed 003 is one 3,440-byte line with glued sentences. */
static void test_seed_003(void **state)
{
    (void)state;
    char path[512];
    size_t len;
    struct split sp;

    snprintf(path, sizeof path, "%s/003_4090b8fde11b87b1.txt", SEED_DIR);
    char *raw = slurp(&len, path);
    split_article(&sp, raw, len);
    free(raw);
    assert_true(sp.s.n >= 15);
    assert_int_equal(paragraphs(&sp.s), 1);
    assert_sentence(&sp, 0,
                    "U.S. Defense Secretary Pete Hegseth reaffirmed the United "
                    "States' commitment to deepening a \"mutually beneficial\" "
                    "partnership with Vietnam during his talks with top Vietnamese "
                    "officials in Hanoi on Sunday, as he underlined the "
                    "transformation of the bilateral ties from former foes to "
                    "\"comprehensive strategic partners.\"");
    assert_memory_equal(sp.text + sp.s.v[1].start, "Hegseth had back-to-back", 24);
    assert_memory_equal(sp.text + sp.s.v[2].start, "\"In these three decades", 23);
    assert_true(find_sentence(&sp, "Over the last decades, the bilateral "
                                   "partnership has evolved as Washington and "
                                   "Hanoi have worked together to ensure "
                                   "maritime security, enhance economic "
                                   "cooperation, and recover and identify the "
                                   "remains of American and Vietnamese troops "
                                   "killed during the Vietnam War.") > 0);
    assert_sentence(&sp, sp.s.n - 1, "Yonhap");
    split_done(&sp);
}

/* ---- invariants over real texts ------------------------------------------ */

/* Unpack members of a shared .tar.xz into a fresh temporary directory. */
static void unpack(const char *archive, const char *const *members, size_t n,
                   char dir[64])
{
    char cmd[8192];
    size_t o;

    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp || strlen(tmp) >= 40)
        tmp = "/tmp";
    snprintf(dir, 64, "%s/passim-test-XXXXXX", tmp);
    assert_non_null(mkdtemp(dir));
    o = (size_t)snprintf(cmd, sizeof cmd, "tar -xJf '%s/corpora/%s' -C '%s'",
                         SHARED_DIR, archive, dir);
    for (size_t i = 0; i < n; i++)
        o += (size_t)snprintf(cmd + o, sizeof cmd - o, " '%s'", members[i]);
    assert_true(o < sizeof cmd);
    if (system(cmd) != 0)
        fail_msg("cannot unpack %s from %s/corpora", archive, SHARED_DIR);
}

/* Split every member (invariants only), then remove it. */
static void check_members(const char *archive, const char *const *members,
                          size_t n)
{
    char dir[64], path[512];
    unpack(archive, members, n, dir);
    for (size_t i = 0; i < n; i++) {
        size_t len;
        struct split sp;
        snprintf(path, sizeof path, "%s/%s", dir, members[i]);
        char *raw = slurp(&len, path);
        split_article(&sp, raw, len);
        assert_true(sp.s.n > 0);
        split_done(&sp);
        free(raw);
        unlink(path);
        *strrchr(path, '/') = '\0';
        rmdir(path);
    }
    rmdir(dir);
}

static void test_invariants_newswire_bbc(void **state)
{
    (void)state;
    static const char *const reuters[] = {
        "./0/1.txt", "./0/10.txt", "./0/100.txt", "./0/1003.txt",
        "./0/1138.txt", "./0/2303.txt", "./1/9189.txt", "./2/14681.txt",
        "./3/19063.txt", "./4/20001.txt",
    };
    static const char *const bbc[] = {
        "./business/001.txt", "./entertainment/160.txt", "./politics/001.txt",
        "./sport/199.txt", "./tech/001.txt",
    };
    check_members("reuters.tar.xz", reuters, sizeof reuters / sizeof reuters[0]);
    check_members("bbc.tar.xz", bbc, sizeof bbc / sizeof bbc[0]);
}

/* Decode the JSON string starting after the quote at *p into out (as
 * large as the line); returns its length and leaves *p after the closing
 * quote. Handles the escapes the collection uses, \uXXXX included. */
static size_t json_string(char *out, const char **p)
{
    const char *s = *p;
    size_t o = 0;
    while (*s && *s != '"') {
        if (*s != '\\') {
            out[o++] = *s++;
            continue;
        }
        s++;
        switch (*s) {
        case 'n': out[o++] = '\n'; break;
        case 't': out[o++] = '\t'; break;
        case 'r': out[o++] = '\r'; break;
        case 'b': out[o++] = '\b'; break;
        case 'f': out[o++] = '\f'; break;
        case 'u': {
            unsigned cp = 0;
            for (int k = 1; k <= 4 && s[k]; k++) {
                int d = s[k] <= '9' ? s[k] - '0' : (s[k] | 0x20) - 'a' + 10;
                cp = cp * 16 + (unsigned)d;
            }
            s += 4;
            if (cp < 0x80)
                out[o++] = (char)cp;
            else if (cp < 0x800) {
                out[o++] = (char)(0xC0 | (cp >> 6));
                out[o++] = (char)(0x80 | (cp & 0x3F));
            } else {
                out[o++] = (char)(0xE0 | (cp >> 12));
                out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                out[o++] = (char)(0x80 | (cp & 0x3F));
            }
            break;
        }
        default: out[o++] = *s; break;
        }
        if (*s)
            s++;
    }
    *p = *s ? s + 1 : s;
    return o;
}

/* Every document of the cran collection. */
static void test_invariants_cran(void **state)
{
    (void)state;
    char path[512];
    size_t len, docs = 0, sentences = 0, lowercase_splits = 0;
    snprintf(path, sizeof path, "%s/eval/cran/docs.jsonl", SHARED_DIR);
    char *all = slurp(&len, path);
    all[len] = '\0';
    char *buf = malloc(len + 1);
    assert_non_null(buf);
    for (char *line = all; *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        const char *p = strstr(line, "\"text\": \"");
        if (p) {
            p += 9;
            size_t n = json_string(buf, &p);
            struct split sp;
            split_article(&sp, buf, n);
            docs++;
            sentences += sp.s.n;
            for (size_t i = 1; i < sp.s.n; i++)
                lowercase_splits += !sp.s.v[i].para_start &&
                                    (unsigned)(sp.text[sp.s.v[i].start] - 'a') < 26u;
            split_done(&sp);
        }
        line = nl ? nl + 1 : line + strlen(line);
    }
    free(buf);
    free(all);
    assert_int_equal(docs, 1400);
    /* Abstracts of several sentences, split at their " . ". */
    assert_true(sentences > 4 * docs);
    assert_true(lowercase_splits > docs);
}

/* ---- hostile input ------------------------------------------------------- */

static uint32_t rng_next(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static void test_random_bytes(void **state)
{
    (void)state;
    static const char alphabet[] =
        "aB1 .!?\"'()\n\t\xE2\x80\x9C\xE2\x80\xA6\xC2\xA0\xE3\x80\x82\xC3\xFF\x80";
    uint32_t seed = 2024;
    char *buf = malloc(6000);
    assert_non_null(buf);
    for (int round = 0; round < 400; round++) {
        size_t n = rng_next(&seed) % 6000;
        int mixed = round % 2;
        for (size_t i = 0; i < n; i++)
            buf[i] = mixed ? alphabet[rng_next(&seed) % (sizeof alphabet - 1)]
                           : (char)(rng_next(&seed) & 0xFF);
        struct split sp;
        split_buf(&sp, buf, n);
        split_done(&sp);
    }
    free(buf);
}

static void test_nuls_and_invalid(void **state)
{
    (void)state;
    static const char text[] = "One\0two. Three\xFF\xFE four.\0\0Five \xC3 six.\xE2\x80";
    struct split sp;
    split_buf(&sp, text, sizeof text - 1);
    assert_true(sp.s.n >= 2);
    assert_int_equal(sp.s.nwords, 6);
    split_done(&sp);
}

/* Runs of marks, quotes, initials and line breaks: linear and safe. */
static void test_long_runs(void **state)
{
    (void)state;
    size_t n = 100 * 1024;
    char *buf = malloc(n);
    struct split sp;
    assert_non_null(buf);

    memset(buf, '.', n);
    split_buf(&sp, buf, n);
    assert_int_equal(sp.s.n, 0);
    assert_int_equal(sp.s.nwords, 0);
    split_done(&sp);

    for (size_t i = 0; i < n; i++)
        buf[i] = ". "[i % 2];
    split_buf(&sp, buf, n);
    assert_int_equal(sp.s.n, 0);
    split_done(&sp);

    for (size_t i = 0; i < n; i++)
        buf[i] = "A. "[i % 3];
    split_buf(&sp, buf, n);
    assert_int_equal(sp.s.nwords, (n + 2) / 3);
    split_done(&sp);

    for (size_t i = 0; i < n; i++)
        buf[i] = "x.\"\n"[i % 4];
    split_buf(&sp, buf, n);
    assert_int_equal(sp.s.nwords, n / 4);
    split_done(&sp);

    memset(buf, '\n', n);
    split_buf(&sp, buf, n);
    assert_int_equal(sp.s.n, 0);
    split_done(&sp);

    memset(buf, 'a', n);
    buf[n / 2] = '.';
    split_buf(&sp, buf, n);
    assert_int_equal(sp.s.n, 1);
    split_done(&sp);
    free(buf);
}

static void test_empty_and_errors(void **state)
{
    (void)state;
    passim_sentences s;
    struct split sp;

    split_str(&sp, "");
    assert_int_equal(sp.s.n, 0);
    split_done(&sp);
    split_str(&sp, " \n\t\n ");
    assert_int_equal(sp.s.n, 0);
    split_done(&sp);
    split_str(&sp, "word");
    assert_int_equal(sp.s.n, 1);
    assert_sentence(&sp, 0, "word");
    split_done(&sp);

    memset(&s, 0, sizeof s);
    assert_int_equal(passim_split_sentences(&s, an, NULL, 0), PASSIM_OK);
    assert_int_equal(s.n, 0);
    assert_int_equal(passim_split_sentences(&s, NULL, "x", 1), PASSIM_EINVAL);
    assert_int_equal(passim_split_sentences(NULL, an, "x", 1), PASSIM_EINVAL);
#if SIZE_MAX > UINT32_MAX
    /* The size is checked before the text is read. */
    assert_int_equal(passim_split_sentences(&s, an, "x", (size_t)UINT32_MAX + 1),
                     PASSIM_ETOOBIG);
    assert_int_equal(s.n, 0);
    assert_null(s.v);
#endif
    passim_sentences_free(NULL);
    passim_sentences_free(&s);
}

/* Long lines (one paragraph per line): a line break after a line that
 * ends no sentence, before a line starting in lower case or with a digit,
 * is white space inside the sentence. */
static void test_soft_line_breaks(void **state)
{
    (void)state;
    /* Over 100 code points: the text is not hard-wrapped. */
    const char *lead = "The ministry said on Monday that the emissions of the plant, "
                       "which stood well above the limit set last year, of CO";
    char text[1024];
    static const int one_para[] = {1, 1};

    /* A subscript on a line of its own goes on the sentence. */
    snprintf(text, sizeof text, "%s\n2 rose again, officials said.\nA new "
             "paragraph starts here and it is long enough to need no wrapping at "
             "all in this text.", lead);
    {
        char want0[512];
        snprintf(want0, sizeof want0, "%s\n2 rose again, officials said.", lead);
        const char *want[] = {want0, "A new paragraph starts here and it is long "
                              "enough to need no wrapping at all in this text."};
        expect(text, want, 2, one_para);
    }
    /* A wrapped line starting in lower case goes on the sentence. */
    snprintf(text, sizeof text, "%s and the\nrest of the sentence is here.", lead);
    {
        static const int p[] = {1};
        const char *want[] = {text};
        expect(text, want, 1, p);
    }
    /* A line ending a sentence, or a clause with ':', ends the paragraph,
     * and so does a line before one starting in upper case. */
    snprintf(text, sizeof text, "%s2.\nrest starts a paragraph of its own here.", lead);
    {
        char want0[512];
        snprintf(want0, sizeof want0, "%s2.", lead);
        const char *want[] = {want0, "rest starts a paragraph of its own here."};
        expect(text, want, 2, one_para);
    }
    snprintf(text, sizeof text, "%s said:\n2 rose again.", lead);
    {
        char want0[512];
        snprintf(want0, sizeof want0, "%s said:", lead);
        const char *want[] = {want0, "2 rose again."};
        expect(text, want, 2, one_para);
    }
    snprintf(text, sizeof text, "%s\nLatest", lead);
    {
        const char *want[] = {lead, "Latest"};
        expect(text, want, 2, one_para);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_glued),
        cmocka_unit_test(test_soft_line_breaks),
        cmocka_unit_test(test_abbreviations),
        cmocka_unit_test(test_acronyms),
        cmocka_unit_test(test_initials),
        cmocka_unit_test(test_marks),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_other_scripts),
        cmocka_unit_test(test_tokenized),
        cmocka_unit_test(test_dropped),
        cmocka_unit_test(test_shape_blank_lines),
        cmocka_unit_test(test_shape_line_per_paragraph),
        cmocka_unit_test(test_shape_one_line),
        cmocka_unit_test(test_shape_newswire),
        cmocka_unit_test(test_shape_newswire_table),
        cmocka_unit_test(test_shape_leading_space),
        cmocka_unit_test(test_shape_wrapped_blank_lines),
        cmocka_unit_test(test_seeds),
        cmocka_unit_test(test_seed_003),
        cmocka_unit_test(test_invariants_newswire_bbc),
        cmocka_unit_test(test_invariants_cran),
        cmocka_unit_test(test_random_bytes),
        cmocka_unit_test(test_nuls_and_invalid),
        cmocka_unit_test(test_long_runs),
        cmocka_unit_test(test_empty_and_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
