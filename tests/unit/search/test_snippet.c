/* Unit tests: the shown text of a passage (lib/search/snippet.c): glued sentences
 * get a space, and a passage over PASSIM_SNIPPET_MAX_BYTES is cut to
 * fragments around its highlights, with ellipses, the highlight offsets
 * still pointing at the matched words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "search/snippet.h"

#define ELLIPSIS "\xE2\x80\xA6"
/* The most a bounded snippet may be: the passage bytes plus the ellipses
 * between at most PASSIM_SNIPPET_MAX_BYTES / 80 + 1 fragments. */
#define SHOWN_MAX (PASSIM_SNIPPET_MAX_BYTES + 5 * (PASSIM_SNIPPET_MAX_BYTES / 80 + 2))

/* Whether s[0..n) is valid UTF-8. */
static int valid_utf8(const char *s, size_t n)
{
    utf8proc_int32_t cp;
    for (size_t i = 0; i < n;) {
        utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (r <= 0)
            return 0;
        i += (size_t)r;
    }
    return 1;
}

/* Every span of s covers exactly `word`. */
static void spans_are(const passim_snippet *s, const char *word)
{
    size_t k = strlen(word);
    for (size_t i = 0; i < s->nspans; i++) {
        assert_true(s->spans[i].end <= s->len);
        if (s->spans[i].end - s->spans[i].start != k ||
            memcmp(s->text + s->spans[i].start, word, k) != 0)
            fail_msg("span %zu is \"%.*s\", want \"%s\"", i,
                     (int)(s->spans[i].end - s->spans[i].start),
                     s->text + s->spans[i].start, word);
        if (i)
            assert_true(s->spans[i].start > s->spans[i - 1].end);
    }
}

/* Hits on every occurrence of `word` in text (a word standing alone). */
static passim_hits hits_of(const char *text, size_t len, const char *word)
{
    passim_hits h = {0};
    size_t k = strlen(word), cap = 0;
    for (size_t i = 0; i + k <= len; i++) {
        if (memcmp(text + i, word, k) != 0 || (i && text[i - 1] != ' ') ||
            (i + k < len && text[i + k] != ' ' && text[i + k] != '.'))
            continue;
        if (h.n == cap) {
            cap = cap ? 2 * cap : 16;
            h.v = realloc(h.v, cap * sizeof *h.v);
            assert_non_null(h.v);
        }
        h.v[h.n] = (passim_hit){(uint32_t)h.n + 1, 1, (uint32_t)i, (uint32_t)(i + k), 0};
        h.n++;
    }
    h.cap = cap;
    return h;
}

static void test_glued_sentences_get_a_space(void **state)
{
    (void)state;
    const char *text = "xx legacy issues.During their talks, the War.The end.";
    passim_sentence v[] = {{1, 2, 3, 17, 1}, {3, 5, 17, 45, 0}, {8, 2, 45, 53, 0}};
    passim_hit hv[] = {{2, 1, 10, 16, 0}, {3, 1, 17, 23, 0}, {7, 1, 41, 44, 0},
                       {8, 1, 45, 48, 0}};
    passim_hits h = {hv, 4, 4};
    passim_snippet s;
    assert_int_equal(passim_snippet_make_passage(&s, text, v, 3, &h), PASSIM_OK);
    assert_string_equal(s.text, "legacy issues. During their talks, the War. The end.");
    assert_int_equal(s.nspans, 4);
    const char *want[] = {"issues", "During", "War", "The"};
    for (size_t i = 0; i < 4; i++)
        assert_memory_equal(s.text + s.spans[i].start, want[i], strlen(want[i]));
    assert_int_equal(s.spans[1].end - s.spans[1].start, 6);
    passim_snippet_release(&s);

    /* Sentences already apart keep one space; one sentence is unchanged. */
    const char *t2 = "One. Two.";
    passim_sentence v2[] = {{1, 1, 0, 4, 1}, {2, 1, 5, 9, 0}};
    passim_hits none = {0};
    assert_int_equal(passim_snippet_make_passage(&s, t2, v2, 2, &none), PASSIM_OK);
    assert_string_equal(s.text, "One. Two.");
    passim_snippet_release(&s);
    assert_int_equal(passim_snippet_make_passage(&s, t2, v2, 1, &none), PASSIM_OK);
    assert_string_equal(s.text, "One.");
    passim_snippet_release(&s);
}

/* A passage just under the bound is shown whole. */
static void test_short_passage_untouched(void **state)
{
    (void)state;
    size_t n = PASSIM_SNIPPET_MAX_BYTES;
    char *text = malloc(n + 1);
    assert_non_null(text);
    for (size_t i = 0; i < n; i++)
        text[i] = i % 5 == 4 ? ' ' : 'a';
    text[n - 1] = '.';
    passim_hits h = {0};
    passim_snippet s;
    assert_int_equal(passim_snippet_make(&s, text, 0, (uint32_t)n, &h), PASSIM_OK);
    assert_int_equal(s.len, n);
    assert_null(strstr(s.text, ELLIPSIS));
    passim_snippet_release(&s);
    free(text);
}

/* One long sentence of `words` filler words with the word `zebra` at the
 * given word indexes. */
static char *long_sentence(size_t *len, size_t words, const size_t *at, size_t nat)
{
    char *t = malloc(words * 8 + 2);
    size_t o = 0, a = 0;
    assert_non_null(t);
    for (size_t w = 0; w < words; w++) {
        const char *word = a < nat && at[a] == w ? (a++, "zebra") : "filler";
        size_t k = strlen(word);
        memcpy(t + o, word, k);
        o += k;
        t[o++] = w + 1 < words ? ' ' : '.';
    }
    t[o] = '\0';
    *len = o;
    return t;
}

static void test_long_passage_bounded_around_hits(void **state)
{
    (void)state;
    size_t at[] = {5, 90000, 199990};
    size_t len;
    char *text = long_sentence(&len, 200000, at, 3); /* about 1.4 MB */
    passim_hits h = hits_of(text, len, "zebra");
    assert_int_equal(h.n, 3);
    passim_snippet s;
    assert_int_equal(passim_snippet_make(&s, text, 0, (uint32_t)len, &h), PASSIM_OK);
    assert_true(s.len <= SHOWN_MAX);
    assert_true(s.len >= PASSIM_SNIPPET_MAX_BYTES / 2);
    assert_int_equal(strlen(s.text), s.len);
    assert_true(valid_utf8(s.text, s.len));
    /* All three matched words are kept and highlighted. */
    assert_int_equal(s.nspans, 3);
    spans_are(&s, "zebra");
    /* The first hit is near the start: no leading ellipsis; the fragments
     * are apart: " … " between them, and the end is cut: " …". */
    assert_memory_equal(s.text, "filler", 6);
    assert_non_null(strstr(s.text, " " ELLIPSIS " "));
    /* Cut at word boundaries: every word is whole. */
    char *copy = strdup(s.text), *save = NULL;
    assert_non_null(copy);
    for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
        if (strcmp(w, "filler") && strcmp(w, "zebra") && strcmp(w, ELLIPSIS) &&
            strcmp(w, "filler.") && strcmp(w, "zebra."))
            fail_msg("cut word \"%s\"", w);
    free(copy);
    passim_snippet_release(&s);

    /* Without hits: the opening, then " …". */
    passim_hits none = {0};
    assert_int_equal(passim_snippet_make(&s, text, 0, (uint32_t)len, &none), PASSIM_OK);
    assert_true(s.len <= SHOWN_MAX);
    assert_memory_equal(s.text, "filler filler", 13);
    assert_memory_equal(s.text + s.len - 4, " " ELLIPSIS, 4);
    passim_snippet_release(&s);
    free(h.v);
    free(text);
}

/* Thousands of hits: as many as fit are kept, in order, the text bounded. */
static void test_many_hits_bounded(void **state)
{
    (void)state;
    size_t n = 20000, len;
    size_t *at = malloc(n * sizeof *at);
    assert_non_null(at);
    for (size_t i = 0; i < n; i++)
        at[i] = i * 10;
    char *text = long_sentence(&len, n * 10, at, n);
    passim_hits h = hits_of(text, len, "zebra");
    assert_int_equal(h.n, n);
    passim_snippet s;
    assert_int_equal(passim_snippet_make(&s, text, 0, (uint32_t)len, &h), PASSIM_OK);
    assert_true(s.len <= SHOWN_MAX);
    assert_true(s.nspans >= 10);
    spans_are(&s, "zebra");
    assert_memory_equal(s.text + s.spans[0].start, "zebra", 5);
    assert_int_equal(s.spans[0].start, 0); /* the first hit opens the text */
    passim_snippet_release(&s);
    free(h.v);
    free(text);
    free(at);
}

/* One word longer than the bound (no space to cut at): cut on a
 * character boundary, valid UTF-8. */
static void test_long_word_cut_on_character(void **state)
{
    (void)state;
    size_t n = 3 * 3000;
    char *text = malloc(n + 1);
    assert_non_null(text);
    for (size_t i = 0; i < n; i += 3)
        memcpy(text + i, "\xE2\x82\xAC", 3); /* € */
    text[n] = '\0';
    passim_hits h = {0};
    passim_snippet s;
    assert_int_equal(passim_snippet_make(&s, text, 0, (uint32_t)n, &h), PASSIM_OK);
    assert_true(s.len <= SHOWN_MAX);
    assert_true(valid_utf8(s.text, s.len));
    passim_snippet_release(&s);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_glued_sentences_get_a_space),
        cmocka_unit_test(test_short_passage_untouched),
        cmocka_unit_test(test_long_passage_bounded_around_hits),
        cmocka_unit_test(test_many_hits_bounded),
        cmocka_unit_test(test_long_word_cut_on_character),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
