/* Unit tests: the built-in list, stopword files, join/parse and emphatic
 * words (stopwords.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text/stopwords.h"

typedef struct fixture {
    passim_analyzer *a;
    char dir[64];
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    if (!fx || passim_analyzer_new(&fx->a, "english") != PASSIM_OK)
        return -1;
    strcpy(fx->dir, "/tmp/passim-stopwords-XXXXXX");
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
    passim_analyzer_free(fx->a);
    free(fx);
    return 0;
}

/* Write `text` to DIR/name; the path goes to path[256]. */
static void write_file(fixture *fx, const char *name, const char *text, char *path)
{
    snprintf(path, 256, "%s/%s", fx->dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static void test_default_list(void **state)
{
    fixture *fx = *state;
    passim_idset *s = NULL;
    assert_int_equal(passim_stopwords_default(&s, fx->a), PASSIM_OK);
    assert_non_null(s);
    assert_true(passim_idset_size(s) > 100);
    const char *stop[] = {"the", "of", "and", "a", "to", "in", "is", "was", "us", "who"};
    for (size_t i = 0; i < sizeof stop / sizeof stop[0]; i++)
        assert_true(passim_idset_has(s, stop[i]));
    /* Content words news queries use are not stopwords. */
    const char *content[] = {"new", "state", "world", "war", "secretary", "The"};
    for (size_t i = 0; i < sizeof content / sizeof content[0]; i++)
        assert_false(passim_idset_has(s, content[i]));
    passim_idset_free(s);
}

static void test_load_file(void **state)
{
    fixture *fx = *state;
    char path[256];
    write_file(fx, "list.txt",
               "# a comment line: these words are not loaded\n"
               "Foo bar\n"
               "\tBAZ   qux\n"
               "\n"
               "bar\n", path);
    passim_idset *s = NULL;
    assert_int_equal(passim_stopwords_load(&s, fx->a, path), PASSIM_OK);
    assert_non_null(s);
    assert_int_equal(passim_idset_size(s), 4);
    /* Words are folded as the analyzer folds them. */
    assert_true(passim_idset_has(s, "foo"));
    assert_true(passim_idset_has(s, "bar"));
    assert_true(passim_idset_has(s, "baz"));
    assert_true(passim_idset_has(s, "qux"));
    assert_false(passim_idset_has(s, "comment"));
    assert_false(passim_idset_has(s, "these"));
    passim_idset_free(s);
}

static void test_load_none(void **state)
{
    fixture *fx = *state;
    passim_idset *s = (passim_idset *)1;
    assert_int_equal(passim_stopwords_load(&s, fx->a, "none"), PASSIM_OK);
    assert_null(s);
}

static void test_load_missing(void **state)
{
    fixture *fx = *state;
    char path[256];
    snprintf(path, sizeof path, "%s/no-such-list.txt", fx->dir);
    passim_idset *s = (passim_idset *)1;
    passim_error_clear();
    assert_int_equal(passim_stopwords_load(&s, fx->a, path), PASSIM_ENOTFOUND);
    assert_null(s);
    assert_non_null(strstr(passim_error_msg(), "no-such-list.txt"));
}

/* A path that opens but cannot be read as a file (a directory). */
static void test_load_unreadable(void **state)
{
    fixture *fx = *state;
    passim_idset *s = (passim_idset *)1;
    passim_error_clear();
    assert_int_equal(passim_stopwords_load(&s, fx->a, fx->dir), PASSIM_EIO);
    assert_null(s);
    assert_string_not_equal(passim_error_msg(), "");
}

static void test_load_too_many_lines(void **state)
{
    fixture *fx = *state;
    char path[256];
    snprintf(path, sizeof path, "%s/long.txt", fx->dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (int i = 0; i < 100000; i++)
        fputs("w\n", f);
    assert_int_equal(fclose(f), 0);

    /* Exactly 100,000 lines are accepted ... */
    passim_idset *s = NULL;
    assert_int_equal(passim_stopwords_load(&s, fx->a, path), PASSIM_OK);
    assert_non_null(s);
    assert_int_equal(passim_idset_size(s), 1);
    passim_idset_free(s);

    /* ... one more is refused. */
    f = fopen(path, "a");
    assert_non_null(f);
    fputs("x\n", f);
    assert_int_equal(fclose(f), 0);
    s = (passim_idset *)1;
    assert_int_equal(passim_stopwords_load(&s, fx->a, path), PASSIM_ETOOBIG);
    assert_null(s);
}

/* The joined list is what parse reads back: the same set. */
static void test_join_parse_round_trip(void **state)
{
    fixture *fx = *state;
    passim_idset *s = NULL;
    assert_int_equal(passim_stopwords_default(&s, fx->a), PASSIM_OK);
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(passim_stopwords_join(&text, &len, s), PASSIM_OK);
    assert_non_null(text);
    assert_int_equal(strlen(text), len);
    assert_int_equal(text[len], '\0');
    /* One word a line, no empty line, no trailing separator. */
    size_t lines = 1;
    for (size_t i = 0; i < len; i++) {
        assert_false(text[i] == ' ');
        if (text[i] == '\n') {
            lines++;
            assert_true(i > 0 && i + 1 < len && text[i + 1] != '\n');
        }
    }
    assert_int_equal(lines, passim_idset_size(s));

    passim_idset *back = NULL;
    assert_int_equal(passim_stopwords_parse(&back, fx->a, text, len), PASSIM_OK);
    assert_non_null(back);
    assert_int_equal(passim_idset_size(back), passim_idset_size(s));
    const char *w = text;
    while (*w) {
        size_t n = strcspn(w, "\n");
        char word[128];
        assert_true(n < sizeof word);
        memcpy(word, w, n);
        word[n] = '\0';
        assert_true(passim_idset_has(back, word));
        w += n + (w[n] == '\n');
    }
    free(text);
    passim_idset_free(back);
    passim_idset_free(s);
}

static void test_join_empty(void **state)
{
    (void)state;
    char *text = (char *)1;
    size_t len = 99;
    assert_int_equal(passim_stopwords_join(&text, &len, NULL), PASSIM_OK);
    assert_non_null(text);
    assert_string_equal(text, "");
    assert_int_equal(len, 0);
    free(text);

    passim_idset *s;
    assert_int_equal(passim_idset_new(&s), PASSIM_OK);
    assert_int_equal(passim_stopwords_join(&text, &len, s), PASSIM_OK);
    assert_string_equal(text, "");
    assert_int_equal(len, 0);
    free(text);
    passim_idset_free(s);
}

static void test_parse(void **state)
{
    fixture *fx = *state;
    passim_idset *s = (passim_idset *)1;
    /* No word: NULL. */
    assert_int_equal(passim_stopwords_parse(&s, fx->a, "", 0), PASSIM_OK);
    assert_null(s);
    s = (passim_idset *)1;
    assert_int_equal(passim_stopwords_parse(&s, fx->a, " \n\t, ", 5), PASSIM_OK);
    assert_null(s);
    /* Any white space separates; words are folded; len bounds the text. */
    const char *text = "The\nOF  and\tand zzz";
    assert_int_equal(passim_stopwords_parse(&s, fx->a, text, strlen(text) - 4), PASSIM_OK);
    assert_non_null(s);
    assert_int_equal(passim_idset_size(s), 3);
    assert_true(passim_idset_has(s, "the"));
    assert_true(passim_idset_has(s, "of"));
    assert_true(passim_idset_has(s, "and"));
    assert_false(passim_idset_has(s, "zzz"));
    passim_idset_free(s);
}

static int emphatic(const char *w)
{
    /* Embedded in other text, to check the bounds are honoured. */
    char buf[64];
    snprintf(buf, sizeof buf, "x.Y %s Z.z", w);
    return passim_stopword_emphatic(buf, 4, 4 + strlen(w));
}

static void test_emphatic(void **state)
{
    (void)state;
    assert_true(emphatic("US"));
    assert_true(emphatic("U.S."));
    assert_true(emphatic("WHO"));
    assert_true(emphatic("iPhone"));
    assert_true(emphatic("u.s"));
    assert_false(emphatic("us"));
    assert_false(emphatic("Us"));
    assert_false(emphatic("The"));
    assert_false(emphatic("who"));
    assert_false(passim_stopword_emphatic("US", 0, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_list),
        cmocka_unit_test(test_load_file),
        cmocka_unit_test(test_load_none),
        cmocka_unit_test(test_load_missing),
        cmocka_unit_test(test_load_unreadable),
        cmocka_unit_test(test_load_too_many_lines),
        cmocka_unit_test(test_join_parse_round_trip),
        cmocka_unit_test(test_join_empty),
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_emphatic),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
