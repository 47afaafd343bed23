/* Unit tests: JSON Lines records as articles (jsonl.h) — the fields a
 * record gives, and every way a record is bad (PASSIM_EINVAL, *out NULL,
 * a reason in passim_error_msg()). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/jsonl.h"

static passim_status parse(passim_article **art, const char *line)
{
    return passim_jsonl_article(art, line, strlen(line));
}

static void rejects_control_characters_in_ids(void **state)
{
    static const char *bad[] = {
        "{\"id\": \"a\\nb\", \"text\": \"x\"}",       /* newline */
        "{\"id\": \"a\\rb\", \"text\": \"x\"}",       /* carriage return */
        "{\"id\": \"a\\tb\", \"text\": \"x\"}",       /* tab */
        "{\"id\": \"\\u001b[31m\", \"text\": \"x\"}", /* ESC */
        "{\"id\": \"a\\u007f\", \"text\": \"x\"}",    /* DEL */
        "{\"id\": \"a\\u0085b\", \"text\": \"x\"}",   /* NEL (C1) */
        "{\"id\": \"\\u009f\", \"text\": \"x\"}",     /* last C1 */
    };
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        passim_article *art = (passim_article *)1;
        assert_int_equal(parse(&art, bad[i]), PASSIM_EINVAL);
        assert_null(art);
        assert_non_null(strstr(passim_error_msg(), "control character"));
    }
}

static void accepts_ordinary_ids(void **state)
{
    static const char *good[] = {
        "{\"id\": \"with space.txt\", \"text\": \"x\"}",
        "{\"id\": \"Bi\\u00ean H\\u00f2a/1\", \"text\": \"x\"}",
        "{\"id\": \"\\u00a0nbsp\", \"text\": \"x\"}", /* U+00A0 is not a control */
        "{\"id\": 42, \"text\": \"x\"}",
    };
    (void)state;
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        passim_article *art = NULL;
        assert_int_equal(parse(&art, good[i]), PASSIM_OK);
        assert_non_null(art);
        passim_article_free(art);
    }
}

/* Every field a record gives reaches the article. */
static void record_fields(void **state)
{
    (void)state;
    const char *line = "{\"id\": \"bbc/001\", \"text\": \"Shares rose.\\n\\nBanks gained.\", "
                       "\"title\": \"Markets  rally\", \"date\": \"2024-03-15T08:00:00Z\", "
                       "\"byline\": \"Jane Doe\", \"url\": \"https://example.org/1\", "
                       "\"section\": [\"ignored\"]}";
    passim_article *art = NULL;
    assert_int_equal(parse(&art, line), PASSIM_OK);
    assert_non_null(art);
    assert_string_equal(art->id, "bbc/001");
    assert_string_equal(art->title, "Markets rally"); /* white space runs: one space */
    assert_string_equal(art->date, "2024-03-15");
    assert_string_equal(art->byline, "Jane Doe");
    assert_string_equal(art->url, "https://example.org/1");
    assert_non_null(strstr(art->text, "Shares rose."));
    assert_non_null(strstr(art->text, "Banks gained."));
    assert_int_equal(art->text_len, strlen(art->text));
    passim_article_free(art);

    /* Optional fields absent or null: none given; an integer id. */
    line = "{\"id\": -7, \"text\": \"\", \"title\": null, \"date\": null, "
           "\"byline\": null, \"url\": null}";
    assert_int_equal(parse(&art, line), PASSIM_OK);
    assert_string_equal(art->id, "-7");
    assert_string_equal(art->date, "");
    assert_string_equal(art->byline, "");
    assert_string_equal(art->url, "");
    assert_int_equal(art->text_len, 0);
    passim_article_free(art);
}

/* Only line[0..len) is read: what follows is not part of the record. */
static void record_bounded_by_len(void **state)
{
    (void)state;
    const char *rec = "{\"id\": \"a\", \"text\": \"x\"}";
    char buf[64];
    snprintf(buf, sizeof buf, "%s GARBAGE", rec);
    passim_article *art = NULL;
    assert_int_equal(passim_jsonl_article(&art, buf, strlen(rec)), PASSIM_OK);
    assert_string_equal(art->id, "a");
    passim_article_free(art);
    art = (passim_article *)1;
    assert_int_equal(passim_jsonl_article(&art, buf, strlen(rec) - 1), PASSIM_EINVAL);
    assert_null(art);
}

typedef struct bad_case {
    const char *line;
    const char *reason; /* a word the error detail holds, or NULL */
} bad_case;

static void expect_bad(const char *line, size_t len, const char *reason)
{
    passim_article *art = (passim_article *)1;
    passim_error_clear();
    passim_status st = passim_jsonl_article(&art, line, len);
    if (st != PASSIM_EINVAL)
        fail_msg("record %s: got status %d, want PASSIM_EINVAL", line, st);
    assert_null(art);
    assert_string_not_equal(passim_error_msg(), "");
    if (reason && !strstr(passim_error_msg(), reason))
        fail_msg("record %s: detail \"%s\" lacks \"%s\"", line, passim_error_msg(), reason);
}

static void bad_records(void **state)
{
    (void)state;
    static const bad_case cases[] = {
        /* Not JSON, or not an object. */
        {"", "JSON"},
        {"{\"id\": \"a\", \"text\": \"x\"", "JSON"},
        {"{\"id\": \"a\", \"text\": \"x\"} {}", "JSON"},
        {"{'id': 'a', 'text': 'x'}", "JSON"},
        {"[\"id\", \"text\"]", "object"},
        {"\"just a string\"", NULL},
        {"{\"id\": \"a\", \"id\": \"b\", \"text\": \"x\"}", NULL}, /* duplicate key */
        /* The id. */
        {"{\"text\": \"x\"}", "id"},
        {"{\"id\": null, \"text\": \"x\"}", "id"},
        {"{\"id\": 1.5, \"text\": \"x\"}", "id"},
        {"{\"id\": true, \"text\": \"x\"}", "id"},
        {"{\"id\": [\"a\"], \"text\": \"x\"}", "id"},
        {"{\"id\": {}, \"text\": \"x\"}", "id"},
        {"{\"id\": \"\", \"text\": \"x\"}", "empty"},
        {"{\"id\": \"a\\u0000b\", \"text\": \"x\"}", "NUL"},
        /* The text. */
        {"{\"id\": \"a\"}", "text"},
        {"{\"id\": \"a\", \"text\": null}", "text"},
        {"{\"id\": \"a\", \"text\": 5}", "text"},
        {"{\"id\": \"a\", \"text\": [\"x\"]}", "text"},
        /* Optional fields of the wrong type. */
        {"{\"id\": \"a\", \"text\": \"x\", \"title\": 1}", "title"},
        {"{\"id\": \"a\", \"text\": \"x\", \"date\": 20240315}", "date"},
        {"{\"id\": \"a\", \"text\": \"x\", \"byline\": [\"A\", \"B\"]}", "byline"},
        {"{\"id\": \"a\", \"text\": \"x\", \"url\": {}}", "url"},
        /* Bad dates. */
        {"{\"id\": \"a\", \"text\": \"x\", \"date\": \"2023-02-29\"}", NULL},
        {"{\"id\": \"a\", \"text\": \"x\", \"date\": \"yesterday\"}", NULL},
        {"{\"id\": \"a\", \"text\": \"x\", \"date\": \"2024-01-02Tnoon\"}", NULL},
        {"{\"id\": \"a\", \"text\": \"x\", \"date\": \"24-01-02\"}", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_bad(cases[i].line, strlen(cases[i].line), cases[i].reason);
}

/* Bytes that are not UTF-8, in any string: a bad record. */
static void invalid_utf8(void **state)
{
    (void)state;
    static const char *lines[] = {
        "{\"id\": \"caf\xe9\", \"text\": \"x\"}",
        "{\"id\": \"a\", \"text\": \"\xff\xfe\"}",
        "{\"id\": \"a\", \"text\": \"x\", \"title\": \"\xc3\"}",
        "{\"id\": \"a\", \"text\": \"x\", \"byline\": \"\xed\xa0\x80\"}", /* surrogate */
        "{\"id\": \"a\", \"text\": \"x\", \"url\": \"\xc0\xaf\"}",        /* over-long */
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        expect_bad(lines[i], strlen(lines[i]), NULL);
}

/* A url past PASSIM_URL_MAX_BYTES is refused (the article's limit), and
 * one at the limit kept. */
static void url_limit(void **state)
{
    (void)state;
    size_t n = PASSIM_URL_MAX_BYTES;
    char *line = malloc(n + 128);
    assert_non_null(line);
    char *url = malloc(n + 2);
    assert_non_null(url);
    memset(url, 'u', n);
    url[n] = '\0';
    snprintf(line, n + 128, "{\"id\": \"a\", \"text\": \"x\", \"url\": \"%s\"}", url);
    passim_article *art = NULL;
    assert_int_equal(parse(&art, line), PASSIM_OK);
    assert_int_equal(strlen(art->url), n);
    passim_article_free(art);
    url[n] = 'u';
    url[n + 1] = '\0';
    snprintf(line, n + 128, "{\"id\": \"a\", \"text\": \"x\", \"url\": \"%s\"}", url);
    art = (passim_article *)1;
    assert_int_not_equal(parse(&art, line), PASSIM_OK);
    assert_null(art);
    free(url);
    free(line);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rejects_control_characters_in_ids),
        cmocka_unit_test(accepts_ordinary_ids),
        cmocka_unit_test(record_fields),
        cmocka_unit_test(record_bounded_by_len),
        cmocka_unit_test(bad_records),
        cmocka_unit_test(invalid_utf8),
        cmocka_unit_test(url_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
