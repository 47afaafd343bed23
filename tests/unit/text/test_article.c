/* test_article.c — unit tests for lib/text/article.c.
 *
 * Inputs are copied into heap buffers of exactly their length (no NUL
 * after them), so a read past the end shows up under AddressSanitizer.
 * The seed articles are read from PASSIM_SOURCE_DIR/corpus, and a few
 * newswire and BBC articles from the shared corpora beside the checkout
 * (PASSIM_SOURCE_DIR/../shared), unpacked with tar into a temporary
 * directory.
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
#include <utf8proc.h>

#include "text/article.h"

#ifndef PASSIM_SOURCE_DIR
#error "PASSIM_SOURCE_DIR must name the project root"
#endif
#define SEED_DIR PASSIM_SOURCE_DIR "/corpus"
#define SHARED_DIR PASSIM_SOURCE_DIR "/../shared"

/* Build an article from raw[0..len) copied into an exact-size buffer, and
 * check what holds for every article. */
static passim_article *build(const char *raw, size_t len)
{
    char *copy = malloc(len ? len : 1);
    passim_article *a = NULL;

    assert_non_null(copy);
    if (len)
        memcpy(copy, raw, len);
    assert_int_equal(passim_article_from_text(&a, "id-1", copy, len), PASSIM_OK);
    free(copy);
    assert_non_null(a);
    assert_string_equal(a->id, "id-1");
    assert_non_null(a->title);
    assert_non_null(a->text);
    assert_int_equal(strlen(a->text), a->text_len);
    assert_true(strlen(a->title) <= PASSIM_TITLE_MAX_BYTES);
    assert_true(a->date[0] == '\0' || strlen(a->date) == 10);
    return a;
}

/* Build from a NUL-terminated string. */
static passim_article *build_str(const char *raw)
{
    return build(raw, strlen(raw));
}

/* Whether p[0..len) is valid UTF-8 with no NUL and no CR. */
static int clean_utf8(const char *p, size_t len)
{
    size_t i = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)p + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (r <= 0 || cp == 0 || cp == '\r')
            return 0;
        i += (size_t)r;
    }
    return 1;
}

/* Read a whole file into a malloc'd buffer; *len gets its size. */
static char *slurp(size_t *len, const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;

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

/* Build the article of a file. */
static passim_article *build_file(const char *path)
{
    size_t len;
    char *raw = slurp(&len, path);
    passim_article *a = build(raw, len);
    free(raw);
    return a;
}

/* Unpack members (paths inside a .tar.xz of the shared corpora, such as
 * "./0/1.txt") into a fresh temporary directory, written to dir. */
static void unpack(const char *archive, const char *const *members, size_t n,
                   char dir[64])
{
    char cmd[4096];
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

/* Remove what unpack() made. */
static void unpacked_remove(const char *dir, const char *const *members,
                            size_t n)
{
    char path[512];
    for (size_t i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, members[i]);
        unlink(path);
        char *slash = strrchr(path, '/');
        *slash = '\0';
        rmdir(path);
    }
    rmdir(dir);
}

/* ---- the five seeds ---------------------------------------------------- */

struct seed_case {
    const char *file;
    const char *title;
    const char *date;
    const char *starts;     /* the cleaned text starts so */
    const char *kept[3];    /* substrings the cleaned text keeps */
    const char *gone[4];    /* substrings it no longer holds */
};

static const struct seed_case seeds[] = {
    {"000_d07ac7e1e3736adf.txt",
     "U.S.-Vietnam relations have been flourishing recently, due to a number "
     "of reasons\xE2\x80\xA6",
     "",
     "U.S.-Vietnam relations",
     {"Embassy in Hanoi, Vietnam, Jan. 25, 2018\n",
      "Mattis\xE2\x80\x99 visit", "\n\nPresident Trump"},
     /* The photo credit after the caption is taken out. */
     {"\xC2\xA0 \n", "\n\n\n\n\n", "DoD photo by", NULL}},
    {"001_1a7a354f7a53d6f6.txt",
     "Vietnam-U.S.: Cooperation in war aftermath settlement remains a top "
     "priority",
     "",
     "Vietnam-U.S.: Cooperation",
     {"\nGeneral Phan Van Giang, Minister of National Defense, welcomes U.S. "
      "Secretary of War Pete Hegseth.\n",
      "\nThe two leaders in talks.\n",
      "both sides exchanged war memorabilia."},
     {"![", "|", "memorabilia.\n", "(Photo:"}},
    {"002_f5f00cdf12c99929.txt",
     "At the meeting, Gen. Chien affirmed that Vietnam considers the U.S. "
     "one\xE2\x80\xA6",
     "",
     "At the meeting, Gen. Chien",
     {"\nSenior Lieutenant General Hoang Xuan Chien (right) talks to Director "
      "of the U.S. Defense POW/MIA Accounting Agency Kelly McKeague.\n",
      "\nTranslated by Song Anh", NULL},
     {"|", NULL, NULL, NULL}},
    {"003_4090b8fde11b87b1.txt",
     "U.S. Defense Secretary Pete Hegseth reaffirmed the United States' "
     "commitment to deepening\xE2\x80\xA6",
     "2025-11-03",
     "U.S. Defense Secretary Pete Hegseth",
     {"partners.\"Hegseth had", "this week.Yonhap", NULL},
     {"date 2025", "2025-11-03", NULL, NULL}},
    {"004_13a7ffee45129fbc.txt",
     "US, Vietnam Deepen Defense Ties",
     "2015-06-05", /* from the byline "By Prashanth Parameswaran June 05, 2015" */
     "US, Vietnam Deepen Defense Ties\n", /* its photo credit taken out */
     {"\nBy Prashanth Parameswaran June 05, 2015\n",
      "Collectionnez les miniatures", NULL},
     {"Credit:", "Flickr", NULL, NULL}},
};

/* Each seed: title, date, caption noise and photo credits gone, caption
 * text kept. */
static void test_seeds(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
        const struct seed_case *c = &seeds[i];
        char path[512];
        snprintf(path, sizeof path, "%s/%s", SEED_DIR, c->file);
        passim_article *a = build_file(path);
        assert_string_equal(a->title, c->title);
        assert_string_equal(a->date, c->date);
        assert_int_equal(a->flags, 0);
        assert_true(clean_utf8(a->text, a->text_len));
        assert_memory_equal(a->text, c->starts, strlen(c->starts));
        for (size_t k = 0; k < 4; k++) {
            if (k < 3 && c->kept[k] && !strstr(a->text, c->kept[k]))
                fail_msg("%s: lost \"%s\"", c->file, c->kept[k]);
            if (c->gone[k] && strstr(a->text, c->gone[k]))
                fail_msg("%s: still holds \"%s\"", c->file, c->gone[k]);
        }
        /* No line keeps trailing white space; the text ends in a word. */
        assert_null(strstr(a->text, " \n"));
        assert_true(a->text_len > 0 && a->text[a->text_len - 1] != '\n');
        passim_article_free(a);
    }
}

/* ---- line ends, BOM, encodings ------------------------------------------ */

static void test_crlf(void **state)
{
    (void)state;
    passim_article *a = build_str("Headline here\r\n\r\nBody one.\r\nBody two.\r"
                                  "Body three.\r\n");
    assert_string_equal(a->text, "Headline here\n\nBody one.\nBody two.\nBody three.");
    assert_string_equal(a->title, "Headline here");
    assert_int_equal(a->flags, 0);
    passim_article_free(a);
}

static void test_bom(void **state)
{
    (void)state;
    passim_article *a = build_str("\xEF\xBB\xBFHeadline\n\nThe body, in full.");
    assert_string_equal(a->text, "Headline\n\nThe body, in full.");
    assert_string_equal(a->title, "Headline");
    assert_int_equal(a->flags, 0);
    passim_article_free(a);

    a = build_str("\xEF\xBB\xBF");
    assert_string_equal(a->text, "");
    assert_string_equal(a->title, "");
    passim_article_free(a);
}

/* A lone Latin-1 pound sign, as in one BBC article. */
static void test_cp1252_pound(void **state)
{
    (void)state;
    passim_article *a = build_str("Mutu, a \xA3" "15.8m signing, left.");
    assert_string_equal(a->text, "Mutu, a \xC2\xA3" "15.8m signing, left.");
    assert_int_equal(a->flags, PASSIM_ARTICLE_RECODED);
    passim_article_free(a);

    /* The same sign as valid UTF-8 is left alone. */
    a = build_str("Mutu, a \xC2\xA3" "15.8m signing, left.");
    assert_string_equal(a->text, "Mutu, a \xC2\xA3" "15.8m signing, left.");
    assert_int_equal(a->flags, 0);
    passim_article_free(a);
}

/* Windows-1252 0x92 is the curly apostrophe; valid UTF-8 around it stays. */
static void test_cp1252_apostrophe(void **state)
{
    (void)state;
    passim_article *a = build_str("Vietnam\x92s Bi\xC3\xAAn H\xC3\xB2" "a caf\xE9");
    assert_string_equal(a->text,
                        "Vietnam\xE2\x80\x99s Bi\xC3\xAAn H\xC3\xB2" "a caf\xC3\xA9");
    assert_int_equal(a->flags, PASSIM_ARTICLE_RECODED);
    passim_article_free(a);
}

/* Every byte 0x80..0xFF alone gives valid UTF-8: the Windows-1252
 * character, U+FFFD for the five undefined bytes. */
static void test_cp1252_all_bytes(void **state)
{
    (void)state;
    static const struct {
        unsigned char b;
        const char *utf8;
    } known[] = {
        {0x80, "\xE2\x82\xAC"}, {0x81, "\xEF\xBF\xBD"}, {0x85, "\xE2\x80\xA6"},
        {0x8D, "\xEF\xBF\xBD"}, {0x8F, "\xEF\xBF\xBD"}, {0x90, "\xEF\xBF\xBD"},
        {0x93, "\xE2\x80\x9C"}, {0x96, "\xE2\x80\x93"}, {0x9D, "\xEF\xBF\xBD"},
        {0x9F, "\xC5\xB8"},     {0xA0, "\xC2\xA0"},     {0xE9, "\xC3\xA9"},
        {0xFF, "\xC3\xBF"},
    };
    for (unsigned b = 0x80; b <= 0xFF; b++) {
        char raw[3] = {'x', (char)b, 'y'};
        passim_article *a = build(raw, 3);
        assert_int_equal(a->flags, PASSIM_ARTICLE_RECODED);
        assert_true(clean_utf8(a->text, a->text_len));
        assert_int_equal(a->text[0], 'x');
        assert_int_equal(a->text[a->text_len - 1], 'y');
        for (size_t k = 0; k < sizeof known / sizeof known[0]; k++) {
            if (known[k].b != b)
                continue;
            assert_int_equal(a->text_len, 2 + strlen(known[k].utf8));
            assert_memory_equal(a->text + 1, known[k].utf8, strlen(known[k].utf8));
        }
        passim_article_free(a);
    }
}

/* Broken sequences: truncated, overlong, surrogate, too large. */
static void test_invalid_sequences(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "caf\xC3", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
        "\xE2\x80", "\xF0\x9F\x98", "ok \xC3\xA9\xC3 then",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        passim_article *a = build_str(bad[i]);
        assert_int_equal(a->flags, PASSIM_ARTICLE_RECODED);
        assert_true(clean_utf8(a->text, a->text_len));
        passim_article_free(a);
    }
    passim_article *a = build_str("caf\xC3");
    assert_string_equal(a->text, "caf\xC3\x83"); /* Ã */
    passim_article_free(a);
}

/* C1 controls in valid UTF-8 (cp1252 misread as Latin-1) are repaired
 * without the recoded flag. */
static void test_c1_repair(void **state)
{
    (void)state;
    passim_article *a = build_str("Vietnam\xC2\x92s \xC2\x93war\xC2\x94");
    assert_string_equal(a->text, "Vietnam\xE2\x80\x99s \xE2\x80\x9Cwar\xE2\x80\x9D");
    assert_int_equal(a->flags, 0);
    passim_article_free(a);
}

/* NULs and other control bytes become spaces; tabs stay. */
static void test_nuls(void **state)
{
    (void)state;
    static const char raw[] = "one\0two\0\0three\x01" "four\tfive\x7F" "six";
    passim_article *a = build(raw, sizeof raw - 1);
    assert_string_equal(a->text, "one two  three four\tfive six");
    assert_int_equal(a->text_len, sizeof raw - 1);
    assert_int_equal(a->flags, 0);
    passim_article_free(a);

    /* Only NULs: nothing left. */
    a = build("\0\0\0\0", 4);
    assert_string_equal(a->text, "");
    assert_string_equal(a->title, "");
    passim_article_free(a);
}

static void test_empty(void **state)
{
    (void)state;
    passim_article *a = build("", 0);
    assert_string_equal(a->text, "");
    assert_int_equal(a->text_len, 0);
    assert_string_equal(a->title, "");
    assert_string_equal(a->date, "");
    assert_int_equal(a->flags, 0);
    passim_article_free(a);

    /* NULL bytes with no length, a NULL id. */
    assert_int_equal(passim_article_from_text(&a, NULL, NULL, 0), PASSIM_OK);
    assert_string_equal(a->id, "");
    assert_string_equal(a->text, "");
    passim_article_free(a);

    passim_article_free(NULL);
    assert_int_equal(passim_article_from_text(NULL, "x", "y", 1), PASSIM_EINVAL);
}

/* ---- caption noise ------------------------------------------------------- */

static void test_noise_only(void **state)
{
    (void)state;
    passim_article *a = build_str("![]() |\n | \n    |\n\n![alt](http://x/y.jpg)\n"
                                  "| |\n\xC2\xA0 \n||\n");
    assert_string_equal(a->text, "");
    assert_string_equal(a->title, "");
    assert_string_equal(a->date, "");
    passim_article_free(a);
}

static void test_caption_lines(void **state)
{
    (void)state;
    passim_article *a = build_str(
        "Headline of the story\n"
        "![]() |\n"
        "| General Phan Van Giang welcomes the Secretary. (Photo: Nguyen Hong) |\n"
        "Text with ![a picture](http://x/y.png) inside, and a | pipe.\n"
        "    Indented line stays indented.   \n"
        "![broken](no close\n"
        "Kelly McKeague. |\n");
    assert_string_equal(a->text,
                        "Headline of the story\n"
                        "\n"
                        "General Phan Van Giang welcomes the Secretary.\n"
                        "Text with  inside, and a | pipe.\n"
                        "    Indented line stays indented.\n"
                        "![broken](no close\n"
                        "Kelly McKeague.");
    assert_string_equal(a->title, "Headline of the story");
    passim_article_free(a);
}

/* ---- dates ------------------------------------------------------------- */

static void test_dates(void **state)
{
    (void)state;
    passim_article *a;

    /* A label line of its own goes. */
    a = build_str("date 2025-11-03\nHeadline\n\nBody text here.");
    assert_string_equal(a->date, "2025-11-03");
    assert_string_equal(a->text, "Headline\n\nBody text here.");
    assert_string_equal(a->title, "Headline");
    passim_article_free(a);

    /* "Date:" as a prefix, then the text goes on. */
    a = build_str("Date: 1999-01-31 The text starts here.");
    assert_string_equal(a->date, "1999-01-31");
    assert_string_equal(a->text, "The text starts here.");
    passim_article_free(a);

    /* An ISO date alone on a line stays in the text. */
    a = build_str("Headline\n2024-02-29\n\nBody.");
    assert_string_equal(a->date, "2024-02-29");
    assert_non_null(strstr(a->text, "\n2024-02-29\n"));
    passim_article_free(a);

    /* A newswire dateline. */
    a = build_str("BAHIA COCOA REVIEW\n26-FEB-1987 15:01:01.79\nShowers continued "
                  "throughout the week in\nthe Bahia cocoa zone.");
    assert_string_equal(a->date, "1987-02-26");
    assert_string_equal(a->title, "BAHIA COCOA REVIEW");
    assert_non_null(strstr(a->text, "\n26-FEB-1987 15:01:01.79\n"));
    passim_article_free(a);
    a = build_str("TITLE\n3-MAR-1987  10:16:24.19RM\nBody.");
    assert_string_equal(a->date, "1987-03-03");
    passim_article_free(a);

    /* A byline. */
    a = build_str("Headline\n\nBy Some Writer June 05, 2015\n\nBody.");
    assert_string_equal(a->date, "2015-06-05");
    passim_article_free(a);

    /* Not dates: impossible values, a label not followed by a date, a
     * date in the body, a date too deep in the text. */
    a = build_str("date 2025-13-40 stays\n\nBody.");
    assert_string_equal(a->date, "");
    assert_memory_equal(a->text, "date 2025-13-40 stays", 21);
    passim_article_free(a);
    a = build_str("dated 2025-11-03 stays");
    assert_string_equal(a->date, "");
    passim_article_free(a);
    a = build_str("The body says 2025-11-03 in passing.");
    assert_string_equal(a->date, "");
    passim_article_free(a);
    a = build_str("1\n2\n3\n4\n5\n6\n7\n8\n9\n2025-11-03\n");
    assert_string_equal(a->date, "");
    passim_article_free(a);
}

/* ---- titles ------------------------------------------------------------- */

static void test_titles(void **state)
{
    (void)state;
    passim_article *a;

    /* A headline ending in a question mark, as BBC writes them. */
    a = build_str("Could rivalry overshadow election?\n\nThe body.");
    assert_string_equal(a->title, "Could rivalry overshadow election?");
    passim_article_free(a);

    /* A newswire title in capitals may end with an abbreviation. */
    a = build_str("SEOUL ANNOUNCES MORE TARIFF CUTS FOR U.S.\n1-MAR-1987 01:02:03.04\n"
                  "Body.");
    assert_string_equal(a->title, "SEOUL ANNOUNCES MORE TARIFF CUTS FOR U.S.");
    passim_article_free(a);

    /* A short first line that is a sentence is no headline. */
    a = build_str("He said it was fine.\nThen he left the room.");
    assert_string_equal(a->title, "He said it was fine. Then he left the room.");
    passim_article_free(a);

    /* A line alone is no headline: opening words, then "…". */
    a = build_str("one two three four five six seven eight nine ten eleven "
                  "twelve thirteen");
    assert_string_equal(a->title, "one two three four five six seven eight "
                                  "nine ten eleven twelve\xE2\x80\xA6");
    passim_article_free(a);

    /* Punctuation between words is no word; a trailing comma goes. */
    a = build_str("A — b c d e f g h i j k l, m n o p q r s t u v w x y z and "
                  "so on to make it long enough to be no headline at all, far "
                  "over two hundred bytes of text in one single line, which is "
                  "what a paragraph looks like.");
    assert_string_equal(a->title, "A \xE2\x80\x94 b c d e f g h i j k l\xE2\x80\xA6");
    passim_article_free(a);

    /* Photo credits are skipped, as in seed 004. */
    a = build_str("\n\nge Credit: Flickr/Someone\n\nThe Real Headline\n\nBody.");
    assert_string_equal(a->title, "The Real Headline");
    passim_article_free(a);

    /* A headline wrapped over lines, tokenized text style (cran). */
    a = build_str("experimental investigation of the aerodynamics of a\n"
                  " wing in a slipstream .\n"
                  " experimental investigation of the aerodynamics of a\n"
                  " wing in a slipstream .\n an experimental study .");
    assert_string_equal(a->title, "experimental investigation of the "
                                  "aerodynamics of a wing in a slipstream");
    passim_article_free(a);

    /* A wrapped first sentence is no headline. */
    a = build_str("The company said on Friday that its\nprofits rose five pct.\n"
                  "    More text.");
    assert_string_equal(a->title, "The company said on Friday that its profits "
                                  "rose five pct. More\xE2\x80\xA6");
    passim_article_free(a);

    /* A first line of 200 bytes or more is no headline. */
    char raw[400];
    memset(raw, 'x', 250);
    memcpy(raw + 250, "\nSecond line.", 14);
    a = build_str(raw);
    assert_true(strlen(a->title) <= PASSIM_TITLE_MAX_BYTES);
    assert_memory_equal(a->title, "xxxxxxxx", 8);
    assert_non_null(strstr(a->title, "\xE2\x80\xA6"));
    passim_article_free(a);
}

/* An overlong opening word made of multi-byte letters is cut on a code
 * point boundary. */
static void test_title_cut(void **state)
{
    (void)state;
    char raw[3000];
    size_t n = 0;
    while (n + 2 < 2000) {
        raw[n++] = '\xC3';
        raw[n++] = '\xA9';
    }
    raw[n] = '\0';
    passim_article *a = build(raw, n);
    assert_true(strlen(a->title) <= PASSIM_TITLE_MAX_BYTES);
    assert_true(strlen(a->title) > 100);
    assert_true(clean_utf8(a->title, strlen(a->title)));
    passim_article_free(a);
}

/* ---- real articles of the shared corpora -------------------------------- */

static void test_shared_articles(void **state)
{
    (void)state;
    static const char *const reuters[] = {"./0/1.txt", "./0/1003.txt"};
    static const char *const bbc[] = {"./business/001.txt", "./sport/199.txt",
                                      "./business/199.txt"};
    char dir[64], path[512];
    passim_article *a;

    unpack("reuters.tar.xz", reuters, 2, dir);
    snprintf(path, sizeof path, "%s/%s", dir, reuters[0]);
    a = build_file(path);
    assert_string_equal(a->title, "BAHIA COCOA REVIEW");
    assert_string_equal(a->date, "1987-02-26");
    assert_non_null(strstr(a->text, "\n    The dry period means"));
    passim_article_free(a);
    snprintf(path, sizeof path, "%s/%s", dir, reuters[1]);
    a = build_file(path);
    assert_string_equal(a->title, "NATIONAL FSI INC <NFSI> 4TH QTR LOSS");
    assert_string_equal(a->date, "1987-03-03");
    passim_article_free(a);
    unpacked_remove(dir, reuters, 2);

    unpack("bbc.tar.xz", bbc, 3, dir);
    snprintf(path, sizeof path, "%s/%s", dir, bbc[0]);
    a = build_file(path);
    assert_string_equal(a->title, "Ad sales boost Time Warner profit");
    assert_string_equal(a->date, "");
    assert_int_equal(a->flags, 0);
    passim_article_free(a);
    snprintf(path, sizeof path, "%s/%s", dir, bbc[1]);
    a = build_file(path);
    assert_string_equal(a->title, "Chelsea sack Mutu");
    assert_int_equal(a->flags, PASSIM_ARTICLE_RECODED); /* its lone 0xA3 */
    assert_non_null(strstr(a->text, "a \xC2\xA3" "15.8m signing"));
    assert_true(clean_utf8(a->text, a->text_len));
    passim_article_free(a);
    /* Its sixth line opens "By declaring their assets and paying the
     * one-off tax, ...": a sentence, not a byline. */
    snprintf(path, sizeof path, "%s/%s", dir, bbc[2]);
    a = build_file(path);
    assert_string_equal(a->title, "Georgia plans hidden asset pardon");
    assert_non_null(strstr(a->text, "\nBy declaring their assets"));
    assert_string_equal(a->byline, "");
    passim_article_free(a);
    unpacked_remove(dir, bbc, 3);
}

/* ---- hostile input ------------------------------------------------------ */

/* Deterministic pseudo-random bytes. */
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
    static const char alphabet[] = "ab .|![]()\n\r\t\"'\xC2\xA0\xE2\x80\x99\xC3\xFF\x92";
    uint32_t seed = 12345;
    char *buf = malloc(5000);
    assert_non_null(buf);
    for (int round = 0; round < 300; round++) {
        size_t n = rng_next(&seed) % 5000;
        int mixed = round % 2;
        for (size_t i = 0; i < n; i++)
            buf[i] = mixed ? alphabet[rng_next(&seed) % (sizeof alphabet - 1)]
                           : (char)(rng_next(&seed) & 0xFF);
        passim_article *a = build(buf, n);
        assert_true(clean_utf8(a->text, a->text_len));
        assert_true(clean_utf8(a->title, strlen(a->title)));
        assert_true(a->text_len <= 3 * n);
        passim_article_free(a);
    }
    free(buf);
}

/* Long runs of would-be noise must stay linear and not crash. */
static void test_long_noise(void **state)
{
    (void)state;
    size_t n = 400000;
    char *buf = malloc(n);
    assert_non_null(buf);
    for (size_t i = 0; i < n; i++)
        buf[i] = "![("[i % 3];
    passim_article *a = build(buf, n);
    assert_int_equal(a->text_len, n);
    passim_article_free(a);

    memset(buf, '|', n);
    a = build(buf, n);
    assert_string_equal(a->text, "");
    passim_article_free(a);

    memset(buf, '\n', n);
    a = build(buf, n);
    assert_string_equal(a->text, "");
    passim_article_free(a);
    free(buf);
}

/* A "date" label alone on an indented line goes with its indentation: no
 * line of white space is left behind. */
static void test_indented_date_label(void **state)
{
    (void)state;
    const char *raw = "Headline\n   date 2025-11-03\nBody text here.";
    passim_article *a = NULL;
    assert_int_equal(passim_article_from_text(&a, "x", raw, strlen(raw)), PASSIM_OK);
    assert_string_equal(a->date, "2025-11-03");
    assert_null(strstr(a->text, "\n   \n"));
    assert_null(strstr(a->text, "date"));
    assert_non_null(strstr(a->text, "Body text here."));
    passim_article_free(a);
}

/* Metadata of white space only leaves what the text gave. */
static void test_blank_metadata_keeps_found(void **state)
{
    (void)state;
    const char *raw = "A Real Headline\n\nBy Jane Doe\n\nThe body of the story.";
    passim_article *a = NULL;
    assert_int_equal(passim_article_from_text(&a, "x", raw, strlen(raw)), PASSIM_OK);
    assert_string_equal(a->title, "A Real Headline");
    assert_int_equal(passim_article_set_meta(a, "   ", NULL, " \t ", NULL), PASSIM_OK);
    assert_string_equal(a->title, "A Real Headline");
    assert_string_equal(a->byline, "Jane Doe");
    assert_int_equal(passim_article_set_meta(a, "  New  title ", "2024-04-02T10:00:00Z",
                                             NULL, "https://example.org/x"),
                     PASSIM_OK);
    assert_string_equal(a->title, "New title");
    assert_string_equal(a->date, "2024-04-02");
    assert_string_equal(a->url, "https://example.org/x");
    assert_int_equal(passim_article_set_meta(a, NULL, "yesterday", NULL, NULL), PASSIM_EINVAL);
    assert_string_equal(a->date, "2024-04-02");
    passim_article_free(a);
}

/* ---- date lines and bylines, table-driven ---------------------------------- */

struct header_case {
    const char *raw;    /* the article */
    const char *date;   /* expected date, "" for none */
    const char *byline; /* expected byline, "" for none */
};

static const struct header_case header_cases[] = {
    /* ISO dates and timestamps, with and without labels. */
    {"Head\n\nPublished 2024-03-15T08:00:00Z\n\nBody text.", "2024-03-15", ""},
    {"Head\nPublished: 2024-03-15 08:00\n\nBody.", "2024-03-15", ""},
    {"Head\n2024-03-15T08:00:00.125+07:00\n\nBody.", "2024-03-15", ""},
    {"Head\n9999-12-31T23:59:59Z\n\nBody.", "9999-12-31", ""},
    {"Head\nDate: 9999-12-31T23:59:59Z\n\nBody.", "9999-12-31", ""},
    {"Head\nLast updated 2021-06-01T10:00:00-0500\n\nBody.", "2021-06-01", ""},
    {"Head\n2024-02-29\n\nBody.", "2024-02-29", ""},
    /* Month names. */
    {"Head line\nMarch 3, 2021\n\nBody.", "2021-03-03", ""},
    {"Head line\nMarch 3 2021\n\nBody.", "2021-03-03", ""},
    {"Head line\nMar. 3, 2021\n\nBody.", "2021-03-03", ""},
    {"Head line\n3 March 2021\n\nBody.", "2021-03-03", ""},
    {"Head line\nTuesday, March 3rd, 2021\n\nBody.", "2021-03-03", ""},
    {"Head line\nTue, 3 Mar 2021 08:00:00 +0000\n\nBody.", "2021-03-03", ""},
    {"Head line\nSept 21st 2019\n\nBody.", "2019-09-21", ""},
    {"Head\nPosted on March 3, 2021 at 8:00 a.m. ET\n\nBody", "2021-03-03", ""},
    {"Head\nUPDATED: JUNE 5, 2015 10:15 GMT\n\nBody", "2015-06-05", ""},
    {"Head\nFirst published on 1 January 2020\n\nBody", "2020-01-01", ""},
    /* Numbers: US month/day unless the first number is over 12. */
    {"Head\nUpdated: 12/05/2023\n\nBody", "2023-12-05", ""},
    {"Head\nUpdated: 25/05/2023 10:15 GMT\n\nBody", "2023-05-25", ""},
    {"Head\nPosted 5/13/2023\n\nBody", "2023-05-13", ""},
    {"Head\n2023/12/05\n\nBody", "2023-12-05", ""},
    /* Impossible days are no dates. */
    {"Head\n2023-02-29\n\nBody.", "", ""},
    {"Head\nPublished 2024-04-31T08:00:00Z\n\nBody.", "", ""},
    {"Head\nFebruary 30, 2024\n\nBody.", "", ""},
    {"Head\nUpdated: 13/13/2023\n\nBody", "", ""},
    {"Head\n31/04/2023\n\nBody", "", ""},
    {"Head\nPublished 2024-03-15T25:00:00Z\n\nBody.", "", ""},
    /* A date with more after it is a sentence, not a date line. */
    {"Head\nMarch 3, 2021 was the day it all began.\n\nBody", "", ""},
    {"Head\nPublished 2024-03-15 in the journal of things.\n\nBody", "", ""},
    {"Head\nUpdated 12/05/2023 because of a correction made later\n\nB", "", ""},
    /* Bylines: names, never sentences. */
    {"Head\n\nBy Prashanth Parameswaran June 05, 2015\n\nBody.", "2015-06-05",
     "Prashanth Parameswaran"},
    {"Head\nBy Jane Doe\n\nBody", "", "Jane Doe"},
    {"Head\nBy Jane Doe and John Roe\n\nBody", "", "Jane Doe and John Roe"},
    {"Head\nBy Jane Doe, John Roe & Ann Poe\n\nBody", "", "Jane Doe, John Roe & Ann Poe"},
    {"Head\nBy Jane Doe, Reuters\n\nBody", "", "Jane Doe, Reuters"},
    {"Head\nBy Jane Doe, staff writer\n\nBody", "", "Jane Doe, staff writer"},
    {"Head\nBy Jane Doe | Reuters | March 3, 2021\n\nBody", "2021-03-03",
     "Jane Doe | Reuters"},
    {"Head\nBy Jane Doe, Published 12/05/2023\n\nBody", "2023-12-05", "Jane Doe"},
    {"Head\nPosted by Jean-Luc van der Berg on 3 March 2021\n\nbody", "2021-03-03",
     "Jean-Luc van der Berg"},
    {"Head\nBy: J.R. Smith Jr.\n\nbody", "", "J.R. Smith Jr."},
    {"Head\nBY JANE DOE\n\nbody", "", "JANE DOE"},
    {"Head\nBy Phan Văn Giang (Reuters)\n\nbody", "", "Phan Văn Giang (Reuters)"},
    {"Head\nBy Seán O’Brien\n\nbody", "", "Seán O’Brien"},
    {"Head\nBy declaring their assets and paying the one-off tax, people would "
     "be able to \"legalise their property\", Mr Saakashvili stressed.\n\nB", "", ""},
    {"Head\nBy 2025, 40% of the UK's population will be offline.\n\nb", "", ""},
    {"Head\nBy far the best\n\nb", "", ""},
    {"Head\nBy Contrast, Prices Rose.\n\nb", "", ""},
    {"Head\nBy The Time He Was 40\n\nb", "", ""},
    {"Head\nBy Jane Doe and\n\nb", "", ""},
    {"Head\nBy \"Jane\" Doe\n\nb", "", ""},
    {"Head\nBy John Smith: the story\n\nb", "", ""},
    {"Head\nBy One Two Three Four Five Six Seven\n\nb", "", ""},
};

static void test_header_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof header_cases / sizeof header_cases[0]; i++) {
        const struct header_case *c = &header_cases[i];
        passim_article *a = build_str(c->raw);
        if (strcmp(a->date, c->date) != 0 || strcmp(a->byline, c->byline) != 0)
            fail_msg("case %zu \"%s\": date \"%s\" (want \"%s\"), byline \"%s\" "
                     "(want \"%s\")", i, c->raw, a->date, c->date, a->byline,
                     c->byline);
        passim_article_free(a);
    }
}

/* The one validation rule: real days of four-digit years. */
static void test_date_valid(void **state)
{
    (void)state;
    static const struct { int y, m, d, ok; } cases[] = {
        {2024, 2, 29, 1}, {2023, 2, 29, 0}, {2000, 2, 29, 1}, {1900, 2, 29, 0},
        {2024, 4, 31, 0}, {2024, 4, 30, 1}, {2024, 12, 31, 1}, {2024, 13, 1, 0},
        {2024, 0, 1, 0},  {2024, 1, 0, 0},  {9999, 12, 31, 1}, {10000, 1, 1, 0},
        {1, 1, 1, 1},     {0, 1, 1, 0},     {2025, 2, 30, 0},  {2025, 6, 31, 0},
        {2025, 9, 31, 0}, {2025, 11, 31, 0}, {2025, 7, 31, 1}, {-1, 1, 1, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (passim_date_valid(cases[i].y, cases[i].m, cases[i].d) != cases[i].ok)
            fail_msg("%d-%d-%d: want %d", cases[i].y, cases[i].m, cases[i].d,
                     cases[i].ok);
}

/* A record's date: a real day, alone or as an ISO timestamp. */
static void test_meta_dates(void **state)
{
    (void)state;
    static const struct { const char *in, *stored; } cases[] = {
        {"2024-04-02", "2024-04-02"},
        {"9999-12-31T23:59:59Z", "9999-12-31"},
        {"2024-03-15T08:00:00.250+07:00", "2024-03-15"},
        {"2024-03-15T08:00Z", "2024-03-15"},
        {"2024-03-15 08:00:00", "2024-03-15"},
        {"2024-03-15T23:30:00-0500", "2024-03-15"},
        {"2024-03-15T08:00:00+05", "2024-03-15"},
        {"2024-02-29T00:00:00Z", "2024-02-29"},
        {"2023-02-29", NULL},
        {"2024-04-31", NULL},
        {"2025-02-30T10:00:00Z", NULL},
        {"2024-13-01", NULL},
        {"2024-01-02Tnoon", NULL},
        {"2024-01-02T25:00:00Z", NULL},
        {"2024-01-02T10:00:00Q", NULL},
        {"2024-01-02 and more", NULL},
        {"2024-01-023", NULL},
        {"yesterday", NULL},
        {"12/05/2023", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        passim_article *a = build_str("Head\n\nBody.");
        passim_status st = passim_article_set_meta(a, NULL, cases[i].in, NULL, NULL);
        if (cases[i].stored) {
            if (st != PASSIM_OK || strcmp(a->date, cases[i].stored) != 0)
                fail_msg("\"%s\": status %d, date \"%s\"", cases[i].in, st, a->date);
        } else if (st != PASSIM_EINVAL || a->date[0]) {
            fail_msg("\"%s\" accepted: status %d, date \"%s\"", cases[i].in, st,
                     a->date);
        }
        passim_article_free(a);
    }
}

/* ---- photo credits, table-driven -------------------------------------------- */

static const struct {
    const char *raw, *text; /* an article and its cleaned text */
} credit_cases[] = {
    {"\n\nge Credit: Flickr/Ash Carter\n\nUS, Vietnam Deepen Defense Ties\n\nBody.",
     "US, Vietnam Deepen Defense Ties\n\nBody."},
    {"Head\n\nPhoto: Reuters\n\nBody.", "Head\n\n\n\nBody."},
    {"Head\nImage Credit: AFP/Getty\nBody.", "Head\n\nBody."},
    {"Head\n\nThe minister, Jan. 25, 2018 | DoD photo by Army Sgt. Amber I. Smith\n\nB.",
     "Head\n\nThe minister, Jan. 25, 2018\n\nB."},
    {"Head\n\nSoldiers walk in Kabul. John Moore/Getty Images\n\nBody.",
     "Head\n\nSoldiers walk in Kabul.\n\nBody."},
    {"Head\n\nThe two leaders in talks. (Photo: Nguyen Hong)\nBody.",
     "Head\n\nThe two leaders in talks.\nBody."},
    {"Head\n\nA caption (Photo by Jane Doe) and more text.\n\nBody.",
     "Head\n\nA caption and more text.\n\nBody."},
    {"Head\n\nHe spoke (AP Photo/Jane Doe) at length.", "Head\n\nHe spoke at length."},
    {"Head\n\nShutterstock\n\nBody.", "Head\n\n\n\nBody."},
    /* Not credits: the words in a sentence, a long line, a plain bracket. */
    {"Head\n\nThe brand's image: a mess, analysts said.", NULL},
    {"Head\n\nHe took a photo of the photograph and sent it.", NULL},
    {"Head\n\nThe credit crunch (photographic evidence aside) hit.", NULL},
    {"Head\n\nShe said (in a photo caption) nothing.", NULL},
};

static void test_credits(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof credit_cases / sizeof credit_cases[0]; i++) {
        passim_article *a = build_str(credit_cases[i].raw);
        const char *want = credit_cases[i].text ? credit_cases[i].text : credit_cases[i].raw;
        if (strcmp(a->text, want) != 0)
            fail_msg("case %zu: text \"%s\", want \"%s\"", i, a->text, want);
        passim_article_free(a);
    }
    /* A credit marker on a line of 320 bytes or more stays. */
    char raw[600];
    memset(raw, 'x', sizeof raw);
    memcpy(raw, "Head\n\nPhoto: ", 13);
    for (size_t i = 20; i < 400; i += 10)
        raw[i] = ' ';
    raw[400] = '\0';
    passim_article *a = build_str(raw);
    assert_non_null(strstr(a->text, "Photo: "));
    passim_article_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seeds),
        cmocka_unit_test(test_crlf),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_cp1252_pound),
        cmocka_unit_test(test_cp1252_apostrophe),
        cmocka_unit_test(test_cp1252_all_bytes),
        cmocka_unit_test(test_invalid_sequences),
        cmocka_unit_test(test_c1_repair),
        cmocka_unit_test(test_nuls),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_noise_only),
        cmocka_unit_test(test_caption_lines),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_header_table),
        cmocka_unit_test(test_credits),
        cmocka_unit_test(test_date_valid),
        cmocka_unit_test(test_meta_dates),
        cmocka_unit_test(test_titles),
        cmocka_unit_test(test_title_cut),
        cmocka_unit_test(test_shared_articles),
        cmocka_unit_test(test_random_bytes),
        cmocka_unit_test(test_long_noise),
        cmocka_unit_test(test_indented_date_label),
        cmocka_unit_test(test_blank_metadata_keeps_found),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
