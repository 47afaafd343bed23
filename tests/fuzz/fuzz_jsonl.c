/* fuzz_jsonl.c — JSON Lines records and the JSON Lines file reader.
 *
 * Each input is used twice:
 *   1. as one record: passim_jsonl_article on the whole input either fails
 *      with PASSIM_EINVAL (and *out NULL) or gives an article that passes
 *      fuzz_check_article;
 *   2. as a file: written to x.jsonl in a private temporary directory (one
 *      file per process, rewritten for each input) and read with
 *      passim_source_open/next/close. The reader must deliver exactly the
 *      records that passim_jsonl_article accepts when the input is split
 *      at LF and each line is trimmed of leading blanks and trailing
 *      blanks and CRs, in order, each with its line number; every other
 *      non-blank line is reported once. (Input starting with the gzip
 *      magic is read decompressed by zlib, whatever the file's name: then
 *      only valid articles, and the end or PASSIM_EIO, are required.)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "text/jsonl.h"
#include "text/reader.h"

static char tmp_dir[4096];
static char tmp_file[4096 + 16];

static void remove_tmp(void)
{
    unlink(tmp_file);
    rmdir(tmp_dir);
}

/* Create the private temporary directory once per process. */
static void init_tmp(void)
{
    if (tmp_dir[0])
        return;
    const char *base = getenv("TMPDIR");
    snprintf(tmp_dir, sizeof tmp_dir, "%s/passim-fuzz-jsonl.XXXXXX",
             base && *base ? base : "/tmp");
    FUZZ_CHECK(mkdtemp(tmp_dir) != NULL);
    snprintf(tmp_file, sizeof tmp_file, "%s/x.jsonl", tmp_dir);
    atexit(remove_tmp);
}

/* One expected record: its line number and the article it makes. */
typedef struct expected {
    uint64_t line;
    passim_article *art;
} expected;

typedef struct reports {
    size_t n;
} reports;

static void on_report(void *ctx, const char *path, passim_status st,
                      const char *reason)
{
    reports *r = ctx;
    FUZZ_CHECK(path != NULL && reason != NULL);
    FUZZ_CHECK(strstr(path, "x.jsonl:") != NULL);
    FUZZ_CHECK(st != PASSIM_OK);
    r->n++;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Parse the lines of data[0..size) as the reader should, into *exp (n
 * entries, caller frees); *bad gets the count of bad non-blank lines. */
static expected *expect_records(const char *data, size_t size, size_t *n,
                                size_t *bad)
{
    expected *exp = NULL;
    size_t cap = 0;
    uint64_t line = 0;

    *n = 0;
    *bad = 0;
    for (size_t pos = 0; pos < size;) {
        const char *nl = memchr(data + pos, '\n', size - pos);
        size_t end = nl ? (size_t)(nl - data) : size;
        size_t a = pos, b = end;
        line++;
        pos = nl ? end + 1 : end;
        while (b > a && (is_blank(data[b - 1]) || data[b - 1] == '\r'))
            b--;
        while (a < b && is_blank(data[a]))
            a++;
        if (a == b)
            continue;
        passim_article *art = NULL;
        passim_status st = passim_jsonl_article(&art, data + a, b - a);
        if (st != PASSIM_OK) {
            FUZZ_CHECK(art == NULL);
            (*bad)++;
            continue;
        }
        if (*n == cap) {
            cap = cap ? 2 * cap : 16;
            expected *v = realloc(exp, cap * sizeof *v);
            FUZZ_CHECK(v != NULL);
            exp = v;
        }
        exp[(*n)++] = (expected){line, art};
    }
    return exp;
}

static void one_record(const char *data, size_t size)
{
    passim_article *art = NULL;
    passim_status st = passim_jsonl_article(&art, data, size);
    if (st != PASSIM_OK) {
        /* A bad record; an over-long url is PASSIM_ETOOBIG (article.h). */
        FUZZ_CHECK(st == PASSIM_EINVAL || st == PASSIM_ETOOBIG);
        FUZZ_CHECK(art == NULL);
        return;
    }
    fuzz_check_article(art);
    FUZZ_CHECK(art->id[0] != '\0');
    passim_article_free(art);
}

/* Write data[0..size) to the temporary x.jsonl. */
static void write_tmp(const char *data, size_t size)
{
    init_tmp();
    FILE *f = fopen(tmp_file, "wb");
    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK(fwrite(data, 1, size, f) == size);
    FUZZ_CHECK(fclose(f) == 0);
}

/* Gzip data in a file named .jsonl: zlib reads it decompressed. Only
 * robustness is checked: valid articles, then the end or a file error. */
static void read_gzip_file(void)
{
    passim_corpus_file cf = {tmp_file, "x.jsonl"};
    passim_source *src = NULL;
    reports rep = {0};
    passim_status st;
    FUZZ_OK(passim_source_open(&src, &cf));
    for (;;) {
        passim_article *art = NULL;
        st = passim_source_next(&art, src, on_report, &rep);
        if (st != PASSIM_OK) {
            FUZZ_CHECK(st == PASSIM_EIO && art == NULL);
            break;
        }
        if (!art)
            break;
        fuzz_check_article(art);
        passim_article_free(art);
    }
    passim_source_close(src);
}

static void read_file(const char *data, size_t size)
{
    write_tmp(data, size);
    if (size >= 2 && (uint8_t)data[0] == 0x1f && (uint8_t)data[1] == 0x8b) {
        read_gzip_file();
        return;
    }

    size_t nexp, bad;
    expected *exp = expect_records(data, size, &nexp, &bad);
    passim_corpus_file cf = {tmp_file, "x.jsonl"};
    passim_source *src = NULL;
    reports rep = {0};
    size_t got = 0;
    FUZZ_OK(passim_source_open(&src, &cf));
    for (;;) {
        passim_article *art = NULL;
        FUZZ_OK(passim_source_next(&art, src, on_report, &rep));
        if (!art)
            break;
        fuzz_check_article(art);
        FUZZ_CHECK(got < nexp);
        const passim_article *e = exp[got].art;
        FUZZ_CHECK(passim_source_line(src) == exp[got].line);
        FUZZ_CHECK(strcmp(art->id, e->id) == 0 && strcmp(art->title, e->title) == 0 &&
                   strcmp(art->date, e->date) == 0 && art->text_len == e->text_len &&
                   memcmp(art->text, e->text, e->text_len) == 0);
        got++;
        passim_article_free(art);
    }
    FUZZ_CHECK(got == nexp);
    FUZZ_CHECK(rep.n == bad);
    FUZZ_CHECK(passim_source_bytes(src) == size);
    /* After the end, the end again. */
    passim_article *none = NULL;
    FUZZ_OK(passim_source_next(&none, src, on_report, &rep));
    FUZZ_CHECK(none == NULL && rep.n == bad);
    passim_source_close(src);

    for (size_t i = 0; i < nexp; i++)
        passim_article_free(exp[i].art);
    free(exp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    one_record((const char *)data, size);
    read_file((const char *)data, size);
    return 0;
}
