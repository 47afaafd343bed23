/* Unit tests: document data encoding and its decoder on damaged input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "index/docdata.h"

static passim_article sample_article(char *text)
{
    passim_article a = {0};
    a.id = "dir/article.txt";
    a.title = "A title";
    memcpy(a.date, "2025-11-03", 11);
    a.text = text;
    a.byline = "A. Writer";
    a.url = "https://example.org/a";
    a.text_len = strlen(text);
    return a;
}

static passim_sentence sample_sents[] = {
    {1, 3, 0, 14, 1},  /* "One two three." */
    {4, 2, 15, 24, 0}, /* "Four five" */
    {6, 1, 26, 30, 1}, /* "Six." */
};

static void encode_sample(char **buf, size_t *len)
{
    static char text[] = "One two three. Four five\n\nSix.";
    passim_article a = sample_article(text);
    passim_sentences s = {sample_sents, 3, 6};
    assert_int_equal(passim_docdata_encode(buf, len, &a, &s), PASSIM_OK);
}

static void test_round_trip(void **state)
{
    (void)state;
    char *buf;
    size_t len;
    passim_docdata d;
    encode_sample(&buf, &len);
    assert_int_equal(passim_docdata_decode(&d, buf, len), PASSIM_OK);
    assert_string_equal(d.id, "dir/article.txt");
    assert_string_equal(d.title, "A title");
    assert_string_equal(d.date, "2025-11-03");
    assert_string_equal(d.byline, "A. Writer");
    assert_string_equal(d.url, "https://example.org/a");
    assert_string_equal(d.text, "One two three. Four five\n\nSix.");
    assert_int_equal(d.text_len, 30);
    assert_int_equal(d.sents.n, 3);
    assert_int_equal(d.sents.nwords, 6);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(d.sents.v[i].first_pos, sample_sents[i].first_pos);
        assert_int_equal(d.sents.v[i].nwords, sample_sents[i].nwords);
        assert_int_equal(d.sents.v[i].start, sample_sents[i].start);
        assert_int_equal(d.sents.v[i].end, sample_sents[i].end);
        assert_int_equal(d.sents.v[i].para_start, sample_sents[i].para_start);
    }
    passim_docdata_release(&d);
    passim_docdata_release(NULL);
}

static void test_empty_article(void **state)
{
    (void)state;
    passim_article a = sample_article("");
    a.date[0] = '\0';
    passim_sentences s = {NULL, 0, 0};
    char *buf;
    size_t len;
    passim_docdata d;
    assert_int_equal(passim_docdata_encode(&buf, &len, &a, &s), PASSIM_OK);
    assert_int_equal(passim_docdata_decode(&d, buf, len), PASSIM_OK);
    assert_string_equal(d.date, "");
    assert_int_equal(d.sents.n, 0);
    passim_docdata_release(&d);
}

static void test_encode_rejects_unordered_table(void **state)
{
    (void)state;
    char text[] = "One two three. Four five\n\nSix.";
    passim_article a = sample_article(text);
    passim_sentence bad[] = {{4, 2, 15, 24, 0}, {1, 3, 0, 14, 1}};
    passim_sentences s = {bad, 2, 5};
    char *buf = (char *)1;
    size_t len = 1;
    assert_int_equal(passim_docdata_encode(&buf, &len, &a, &s), PASSIM_EINTERNAL);
    assert_null(buf);
}

/* Every truncation of a valid encoding is rejected, never read past. */
static void test_truncations_are_corrupt(void **state)
{
    (void)state;
    char *buf;
    size_t len;
    encode_sample(&buf, &len);
    for (size_t n = 0; n < len; n++) {
        char *copy = malloc(n ? n : 1);
        memcpy(copy, buf, n);
        passim_docdata d;
        assert_int_equal(passim_docdata_decode(&d, copy, n), PASSIM_ECORRUPT);
        assert_null(d.buf);
    }
    free(buf);
}

/* Flipping any byte either decodes to something self-consistent or is
 * reported as corrupt; the decoded ranges always lie inside the text. */
static void test_bit_flips_stay_in_bounds(void **state)
{
    (void)state;
    char *buf;
    size_t len;
    encode_sample(&buf, &len);
    for (size_t i = 0; i < len; i++) {
        for (int bit = 0; bit < 8; bit++) {
            char *copy = malloc(len);
            memcpy(copy, buf, len);
            copy[i] ^= (char)(1 << bit);
            passim_docdata d;
            passim_status st = passim_docdata_decode(&d, copy, len);
            assert_true(st == PASSIM_OK || st == PASSIM_ECORRUPT);
            if (st == PASSIM_OK) {
                for (size_t k = 0; k < d.sents.n; k++) {
                    assert_true(d.sents.v[k].start <= d.sents.v[k].end);
                    assert_true(d.sents.v[k].end <= d.text_len);
                    if (k)
                        assert_true(d.sents.v[k].start >= d.sents.v[k - 1].end);
                }
                passim_docdata_release(&d);
            }
        }
    }
    free(buf);
}

static void test_huge_sentence_count_rejected(void **state)
{
    (void)state;
    /* magic, six empty strings, nwords 0, nsent = 2^40 */
    unsigned char raw[] = {'P', 'S', 'M', 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                           0x80, 0x80, 0x80, 0x80, 0x80, 0x20};
    char *copy = malloc(sizeof raw);
    memcpy(copy, raw, sizeof raw);
    passim_docdata d;
    assert_int_equal(passim_docdata_decode(&d, copy, sizeof raw), PASSIM_ECORRUPT);
}

static void test_wrong_magic_rejected(void **state)
{
    (void)state;
    char *copy = strdup("XSM\002");
    passim_docdata d;
    assert_int_equal(passim_docdata_decode(&d, copy, 4), PASSIM_ECORRUPT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_empty_article),
        cmocka_unit_test(test_encode_rejects_unordered_table),
        cmocka_unit_test(test_truncations_are_corrupt),
        cmocka_unit_test(test_bit_flips_stay_in_bounds),
        cmocka_unit_test(test_huge_sentence_count_rejected),
        cmocka_unit_test(test_wrong_magic_rejected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
