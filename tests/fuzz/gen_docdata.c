/* gen_docdata.c — write encoded document data for the docdata seeds.
 *
 * Usage: fuzz_gen_docdata OUTDIR FILE...
 * Each FILE (an article, read as passim-index reads a text file) is built
 * into an article with its base name as id, split into sentences with the
 * English analyzer and encoded with passim_docdata_encode; the bytes go to
 * OUTDIR/<base name>.docdata. Run it again when the document data format
 * changes, so the docdata corpus holds current encodings. Exit status 0,
 * or 1 on the first failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/analyzer.h"
#include "text/article.h"
#include "index/docdata.h"
#include "text/reader.h"
#include "text/sentence.h"

/* Encode the article at `path` into outdir. Returns 0 or -1. */
static int gen_one(passim_analyzer *a, const char *outdir, const char *path)
{
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    char *raw = NULL, *enc = NULL, *out = NULL;
    size_t len = 0, enc_len = 0;
    passim_article *art = NULL;
    passim_sentences s = {0};
    passim_status st;
    FILE *f = NULL;
    int rc = -1;

    if ((st = passim_read_file(&raw, &len, NULL, 0, path)) != PASSIM_OK ||
        (st = passim_article_from_text(&art, base, raw, len)) != PASSIM_OK ||
        (st = passim_split_sentences(&s, a, art->text, art->text_len)) != PASSIM_OK ||
        (st = passim_docdata_encode(&enc, &enc_len, art, &s)) != PASSIM_OK) {
        fprintf(stderr, "%s: %s: %s\n", path, passim_status_str(st),
                passim_error_msg());
        goto out;
    }
    size_t n = strlen(outdir) + strlen(base) + sizeof "/.docdata";
    if (!(out = malloc(n)))
        goto out;
    snprintf(out, n, "%s/%s.docdata", outdir, base);
    if (!(f = fopen(out, "wb")) || fwrite(enc, 1, enc_len, f) != enc_len) {
        perror(out);
        goto out;
    }
    rc = 0;
out:
    if (f && fclose(f) != 0 && rc == 0) {
        perror(out);
        rc = -1;
    }
    free(out);
    free(enc);
    passim_sentences_free(&s);
    passim_article_free(art);
    free(raw);
    return rc;
}

int main(int argc, char **argv)
{
    passim_analyzer *a = NULL;
    int status = 0;

    if (argc < 3) {
        fprintf(stderr, "usage: %s OUTDIR FILE...\n", argv[0]);
        return 2;
    }
    if (passim_analyzer_new(&a, "english") != PASSIM_OK) {
        fprintf(stderr, "%s: %s\n", argv[0], passim_error_msg());
        return 1;
    }
    for (int i = 2; i < argc && status == 0; i++)
        if (gen_one(a, argv[1], argv[i]) != 0)
            status = 1;
    passim_analyzer_free(a);
    return status;
}
