/* corpus_dump — write a corpus as a scriptindex dump file.
 *
 * Usage: corpus_dump CORPUS > FILE
 *
 * One record per .txt file under CORPUS (benchutil.h's listing, sorted by
 * path), records separated by a blank line, fields as scriptindex reads
 * them (a newline inside a value is followed by '='):
 *   id=PATH RELATIVE TO CORPUS
 *   title=FIRST LINE
 *   text=THE WHOLE FILE (headline included, as passim indexes it)
 * NUL bytes are written as spaces (scriptindex's reader works on lines of
 * text). Prints "dumped N articles, B bytes" on stderr; exit 0, or 1 on
 * error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchutil.h"

/* Write value v[0..n) with scriptindex's escaping. */
static void put_value(FILE *out, const char *v, size_t n)
{
    /* A trailing newline would become an empty continuation line. */
    while (n > 0 && (v[n - 1] == '\n' || v[n - 1] == '\r'))
        n--;
    for (size_t i = 0; i < n; i++) {
        char ch = v[i];
        if (ch == '\0')
            ch = ' ';
        putc(ch, out);
        if (ch == '\n')
            putc('=', out);
    }
    putc('\n', out);
}

int main(int argc, char **argv)
{
    bench_files files;
    unsigned long long bytes = 0;
    int rc = 1;

    if (argc != 2) {
        fputs("usage: corpus_dump CORPUS > FILE\n", stderr);
        return 2;
    }
    if (bench_files_list(&files, argv[1]) != 0)
        return 1;
    for (size_t i = 0; i < files.n; i++) {
        char *text;
        size_t len;
        if (bench_read_file(&text, &len, files.paths[i]) != 0)
            goto out;
        const char *nl = memchr(text, '\n', len);
        size_t tlen = nl ? (size_t)(nl - text) : len;
        if (i)
            putc('\n', stdout);
        fputs("id=", stdout);
        put_value(stdout, files.ids[i], strlen(files.ids[i]));
        fputs("title=", stdout);
        put_value(stdout, text, tlen);
        fputs("text=", stdout);
        put_value(stdout, text, len);
        bytes += len;
        free(text);
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "corpus_dump: write error\n");
        goto out;
    }
    fprintf(stderr, "dumped %zu articles, %llu bytes\n", files.n, bytes);
    rc = 0;
out:
    bench_files_free(&files);
    return rc;
}
