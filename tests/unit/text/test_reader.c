/* Unit tests: corpus listing (ids, order, links, depth) and file reading
 * (plain, gzip, truncated, not gzip, too big, missing, bytes after the
 * gzip data). */
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
#include <zlib.h>

#include "text/reader.h"

static char root[256];

static void write_file(const char *rel, const char *data, size_t len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

static void write_gz(const char *rel, const char *data, size_t len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    gzFile gz = gzopen(path, "wb");
    assert_non_null(gz);
    assert_int_equal(gzwrite(gz, data, (unsigned)len), (int)len);
    assert_int_equal(gzclose(gz), Z_OK);
}

static void sub(const char *rel)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    assert_int_equal(mkdir(path, 0755), 0);
}

static int setup(void **state)
{
    (void)state;
    const char *tmp = getenv("TMPDIR");
    snprintf(root, sizeof root, "%s/passim-reader.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    return mkdtemp(root) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd) == 0 ? 0 : -1;
}

static void count_report(void *ctx, const char *path, passim_status st,
                         const char *reason)
{
    (void)path; (void)st; (void)reason;
    (*(int *)ctx)++;
}

static void test_listing_ids_and_order(void **state)
{
    (void)state;
    sub("b");
    sub("a");
    write_file("z.txt", "z", 1);
    write_file("b/2.txt", "two", 3);
    write_gz("a/1.txt.gz", "one", 3);
    write_file("a/notes.md", "skip me", 7);
    write_file(".hidden.txt", "skip me", 7);
    passim_corpus_files f = {0};
    int reports = 0;
    assert_int_equal(passim_corpus_list(&f, root, count_report, &reports), PASSIM_OK);
    assert_int_equal(reports, 0);
    assert_int_equal(f.n, 3);
    assert_string_equal(f.v[0].id, "a/1.txt");
    assert_string_equal(f.v[1].id, "b/2.txt");
    assert_string_equal(f.v[2].id, "z.txt");
    assert_non_null(strstr(f.v[0].path, "a/1.txt.gz"));
    passim_corpus_files_free(&f);
    passim_corpus_files_free(NULL);
}

static void test_single_file_id_is_its_name(void **state)
{
    (void)state;
    char path[512];
    write_gz("single.txt.gz", "x", 1);
    snprintf(path, sizeof path, "%s/single.txt.gz", root);
    passim_corpus_files f = {0};
    assert_int_equal(passim_corpus_list(&f, path, NULL, NULL), PASSIM_OK);
    assert_int_equal(f.n, 1);
    assert_string_equal(f.v[0].id, "single.txt");
    passim_corpus_files_free(&f);
}

static void test_missing_root(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/none", root);
    passim_corpus_files f = {0};
    assert_int_equal(passim_corpus_list(&f, path, NULL, NULL), PASSIM_ENOTFOUND);
    assert_int_equal(f.n, 0);
}

static void test_symlink_loop_not_followed(void **state)
{
    (void)state;
    char target[512], link[512];
    sub("loop");
    write_file("loop/a.txt", "a", 1);
    snprintf(target, sizeof target, "%s/loop", root);
    snprintf(link, sizeof link, "%s/loop/again", root);
    assert_int_equal(symlink(target, link), 0);
    passim_corpus_files f = {0};
    assert_int_equal(passim_corpus_list(&f, root, NULL, NULL), PASSIM_OK);
    assert_int_equal(f.n, 1);
    passim_corpus_files_free(&f);
}

static void test_deep_nesting_reported(void **state)
{
    (void)state;
    char rel[4096] = "";
    for (int i = 0; i < PASSIM_MAX_DEPTH + 3; i++) {
        strcat(rel, i ? "/d" : "d");
        sub(rel);
    }
    passim_corpus_files f = {0};
    int reports = 0;
    assert_int_equal(passim_corpus_list(&f, root, count_report, &reports), PASSIM_OK);
    assert_int_equal(reports, 1);
    passim_corpus_files_free(&f);
}

static void test_read_plain_and_gzip(void **state)
{
    (void)state;
    char path[512], *data;
    size_t len;
    write_file("p.txt", "plain\0text", 10);
    snprintf(path, sizeof path, "%s/p.txt", root);
    assert_int_equal(passim_read_file(&data, &len, NULL, 0, path), PASSIM_OK);
    assert_int_equal(len, 10);
    assert_memory_equal(data, "plain\0text", 10);
    assert_int_equal(data[len], '\0');
    free(data);
    write_gz("g.txt.gz", "gzipped text", 12);
    snprintf(path, sizeof path, "%s/g.txt.gz", root);
    assert_int_equal(passim_read_file(&data, &len, NULL, 0, path), PASSIM_OK);
    assert_int_equal(len, 12);
    assert_memory_equal(data, "gzipped text", 12);
    free(data);
}

static void test_read_empty_file(void **state)
{
    (void)state;
    char path[512], *data;
    size_t len;
    write_file("empty.txt", "", 0);
    snprintf(path, sizeof path, "%s/empty.txt", root);
    assert_int_equal(passim_read_file(&data, &len, NULL, 0, path), PASSIM_OK);
    assert_int_equal(len, 0);
    free(data);
}

static void test_read_broken_gzip(void **state)
{
    (void)state;
    char path[512], *data = (char *)1, text[4096];
    size_t len;
    for (size_t i = 0; i < sizeof text; i++)
        text[i] = (char)('a' + (i * 7919) % 26);
    write_gz("full.txt.gz", text, sizeof text);
    /* truncate a copy */
    char full[512];
    snprintf(full, sizeof full, "%s/full.txt.gz", root);
    FILE *f = fopen(full, "rb");
    char buf[8192];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    write_file("cut.txt.gz", buf, n / 2);
    snprintf(path, sizeof path, "%s/cut.txt.gz", root);
    assert_int_equal(passim_read_file(&data, &len, NULL, 0, path), PASSIM_EIO);
    assert_null(data);
    write_file("fake.txt.gz", "not gzip", 8);
    snprintf(path, sizeof path, "%s/fake.txt.gz", root);
    assert_int_equal(passim_read_file(&data, &len, NULL, 0, path), PASSIM_EIO);
    assert_non_null(strstr(passim_error_msg(), "gzip"));
}

static void test_read_missing_and_too_big(void **state)
{
    (void)state;
    char path[512], *data;
    size_t len;
    snprintf(path, sizeof path, "%s/absent.txt", root);
    assert_int_equal(passim_read_file(&data, &len, NULL, 0, path), PASSIM_ENOTFOUND);
    /* A small gzip that inflates past the limit (a "zip bomb"). */
    size_t big = PASSIM_MAX_ARTICLE_BYTES + 1;
    char *zeros = calloc(big, 1);
    assert_non_null(zeros);
    write_gz("bomb.txt.gz", zeros, big);
    free(zeros);
    snprintf(path, sizeof path, "%s/bomb.txt.gz", root);
    assert_int_equal(passim_read_file(&data, &len, NULL, 0, path), PASSIM_ETOOBIG);
    assert_null(data);
}

/* The bytes of `rel` appended to another file's content. */
static size_t file_bytes(const char *rel, char *buf, size_t cap)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t n = fread(buf, 1, cap, f);
    fclose(f);
    return n;
}

/* Bytes after the gzip data: the content is read, with a warning. */
static void test_read_gzip_trailing_garbage(void **state)
{
    (void)state;
    char path[512], *data, warning[PASSIM_READ_WARNING_BYTES], buf[4096];
    size_t len;
    write_gz("one.txt.gz", "the article text", 16);
    size_t n = file_bytes("one.txt.gz", buf, sizeof buf - 32);
    memcpy(buf + n, "GARBAGE AFTER THE STREAM", 24);
    write_file("junk.txt.gz", buf, n + 24);
    snprintf(path, sizeof path, "%s/junk.txt.gz", root);
    assert_int_equal(passim_read_file(&data, &len, warning, sizeof warning, path),
                     PASSIM_OK);
    assert_int_equal(len, 16);
    assert_memory_equal(data, "the article text", 16);
    assert_non_null(strstr(warning, "trailing bytes after the gzip data"));
    free(data);

    /* Two gzip members one after the other are one content, no warning. */
    write_gz("two.txt.gz", " and more", 9);
    size_t m = file_bytes("two.txt.gz", buf + n, sizeof buf - n);
    write_file("cat.txt.gz", buf, n + m);
    snprintf(path, sizeof path, "%s/cat.txt.gz", root);
    assert_int_equal(passim_read_file(&data, &len, warning, sizeof warning, path),
                     PASSIM_OK);
    assert_int_equal(len, 25);
    assert_memory_equal(data, "the article text and more", 25);
    assert_string_equal(warning, "");
    free(data);

    /* One stray byte after the data counts as well. */
    buf[n] = '\n';
    write_file("nl.txt.gz", buf, n + 1);
    snprintf(path, sizeof path, "%s/nl.txt.gz", root);
    assert_int_equal(passim_read_file(&data, &len, warning, sizeof warning, path),
                     PASSIM_OK);
    assert_non_null(strstr(warning, "trailing bytes"));
    free(data);

    /* A plain file and a clean gzip give no warning. */
    snprintf(path, sizeof path, "%s/one.txt.gz", root);
    assert_int_equal(passim_read_file(&data, &len, warning, sizeof warning, path),
                     PASSIM_OK);
    assert_string_equal(warning, "");
    free(data);
}

typedef struct seen {
    int warnings, errors;
    char last[512];
} seen;

static void note_report(void *ctx, const char *path, passim_status st,
                        const char *reason)
{
    seen *s = ctx;
    if (st == PASSIM_OK)
        s->warnings++;
    else
        s->errors++;
    snprintf(s->last, sizeof s->last, "%s: %s", path, reason);
}

/* A JSON Lines .gz with trailing bytes: its records are read, and the
 * warning goes to the report callback with the file's path. */
static void test_source_gzip_trailing_garbage(void **state)
{
    (void)state;
    char buf[4096];
    const char *lines = "{\"id\": \"a\", \"text\": \"First.\"}\n"
                        "{\"id\": \"b\", \"text\": \"Second.\"}\n";
    write_gz("ok.jsonl.gz", lines, strlen(lines));
    size_t n = file_bytes("ok.jsonl.gz", buf, sizeof buf - 8);
    memcpy(buf + n, "\0\0\0\0junk", 8);
    write_file("bad.jsonl.gz", buf, n + 8);
    passim_corpus_file f = {NULL, "bad.jsonl"};
    char path[512];
    snprintf(path, sizeof path, "%s/bad.jsonl.gz", root);
    f.path = path;
    passim_source *src = NULL;
    passim_article *art = NULL;
    seen s = {0};
    int articles = 0;
    assert_int_equal(passim_source_open(&src, &f), PASSIM_OK);
    for (;;) {
        assert_int_equal(passim_source_next(&art, src, note_report, &s), PASSIM_OK);
        if (!art)
            break;
        articles++;
        passim_article_free(art);
    }
    passim_source_close(src);
    assert_int_equal(articles, 2);
    assert_int_equal(s.errors, 0);
    assert_int_equal(s.warnings, 1);
    assert_non_null(strstr(s.last, "bad.jsonl.gz: trailing bytes"));
}

/* A bad JSON Lines record is reported and skipped: the next article, or
 * the end of the file after it, comes with PASSIM_OK and no leftover
 * error detail. */
static void test_skipped_record_leaves_no_detail(void **state)
{
    (void)state;
    const char *lines = "not json\n{\"id\": \"b\", \"text\": \"Second.\"}\n{bad\n";
    write_file("mixed.jsonl", lines, strlen(lines));
    char path[512];
    snprintf(path, sizeof path, "%s/mixed.jsonl", root);
    passim_corpus_file f = {path, "mixed.jsonl"};
    passim_source *src = NULL;
    passim_article *art = NULL;
    int reports = 0;
    assert_int_equal(passim_source_open(&src, &f), PASSIM_OK);
    assert_int_equal(passim_source_next(&art, src, count_report, &reports), PASSIM_OK);
    assert_non_null(art);
    assert_int_equal(reports, 1);
    assert_string_equal(passim_error_msg(), "");
    passim_article_free(art);
    assert_int_equal(passim_source_next(&art, src, count_report, &reports), PASSIM_OK);
    assert_null(art);
    assert_int_equal(reports, 2);
    assert_string_equal(passim_error_msg(), "");
    passim_source_close(src);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_listing_ids_and_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_single_file_id_is_its_name, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_root, setup, teardown),
        cmocka_unit_test_setup_teardown(test_symlink_loop_not_followed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deep_nesting_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_plain_and_gzip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_empty_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_broken_gzip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_gzip_trailing_garbage, setup, teardown),
        cmocka_unit_test_setup_teardown(test_source_gzip_trailing_garbage, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_missing_and_too_big, setup, teardown),
        cmocka_unit_test_setup_teardown(test_skipped_record_leaves_no_detail, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
