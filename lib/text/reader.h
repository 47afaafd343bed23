/* reader.h — finding and reading the article files of a corpus.
 *
 * A corpus argument is a directory tree or a single file. Article files are
 * `.txt` and `.txt.gz` (one article each) and `.jsonl` and `.jsonl.gz` (one
 * article per line, see jsonl.h), read through zlib's gz reader; a `.gz`
 * file that is not gzip data is an error. The id of a text article is the
 * path relative to the directory given, with a trailing ".gz" dropped, so
 * compressing a file keeps its id; for a file given directly, its base name
 * (again without ".gz"). With several roots, each root's label comes first
 * ("LABEL/relative/path", or the label alone for a file given directly;
 * fileid.h), and a name that is not valid UTF-8 is escaped (fileid.h). A
 * JSON Lines article's id is its "id" field, never prefixed.
 *
 * Directories are walked in byte order of names (deterministic ids and
 * docids), symbolic links to directories are not followed (no loops), and
 * nesting deeper than PASSIM_MAX_DEPTH is reported and not entered. Only
 * regular files (or links to them) are read: a FIFO or device named like
 * an article is reported. Other file names are ignored silently.
 */
#ifndef PASSIM_READER_H
#define PASSIM_READER_H

#include <stddef.h>
#include <stdint.h>

#include "util/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Largest article file accepted, after decompression. */
#define PASSIM_MAX_ARTICLE_BYTES (16u * 1024u * 1024u)
/* Longest JSON Lines line accepted (an article plus its JSON quoting). */
#define PASSIM_MAX_LINE_BYTES (2u * PASSIM_MAX_ARTICLE_BYTES)
/* Deepest directory nesting walked below a corpus root. */
#define PASSIM_MAX_DEPTH 64

typedef struct passim_corpus_file {
    char *path; /* path to open; owned */
    char *id;   /* article id; owned */
} passim_corpus_file;

typedef struct passim_corpus_files {
    passim_corpus_file *v; /* n entries, owned */
    size_t n, cap;
} passim_corpus_files;

/* Called for a path that cannot be listed or is skipped, with the reason. */
typedef void (*passim_report_fn)(void *ctx, const char *path,
                                 passim_status st, const char *reason);

/* Append the article files found under `root` (a directory or a file) to
 * *files (zero it before the first call; free with passim_corpus_files_free),
 * with the ids of a single root. Unreadable directories and files that are
 * not regular are passed to `report` (may be NULL) and skipped; a name
 * escaped into its id (fileid.h) is passed with status PASSIM_OK.
 * Returns PASSIM_ENOTFOUND if `root` itself does not exist, PASSIM_ENOMEM on
 * allocation failure, PASSIM_OK otherwise.
 * Return value:
 *   PASSIM_OK  the files are appended (skipped ones reported).
 *   PASSIM_ENOTFOUND  root does not exist.
 *   PASSIM_ENOMEM  out of memory. */
passim_status passim_corpus_list(passim_corpus_files *files, const char *root,
                                 passim_report_fn report, void *ctx);

/* Append the article files of every root of roots[0..n), in that order,
 * with the ids described above (labels when there are several distinct
 * roots; a root given twice is listed once). A name that is not valid
 * UTF-8 is passed to `report` with status PASSIM_OK (a warning) and its
 * escaped id. Errors as passim_corpus_list.
 * Return value:
 *   PASSIM_OK  the files are appended.
 *   PASSIM_ENOTFOUND  a root does not exist.
 *   PASSIM_ENOMEM  out of memory. */
passim_status passim_corpus_list_roots(passim_corpus_files *files, const char *const *roots,
                                       size_t n,
                                       passim_report_fn report, void *ctx);

/* Whether f is a JSON Lines file (its articles carry their own ids). */
int passim_corpus_file_is_jsonl(const passim_corpus_file *f);

/* Free the list's storage and zero it. Accepts NULL. */
void passim_corpus_files_free(passim_corpus_files *files);

/* Read the whole (decompressed) content of `path`. *data is malloc'd with a
 * NUL after *len bytes; caller frees. Content starting with the gzip magic
 * is inflated (concatenated members too); a ".gz" name with other content
 * is an error. Errors: PASSIM_ENOTFOUND, PASSIM_EIO (unreadable, not gzip,
 * truncated or damaged gzip), PASSIM_ETOOBIG (over
 * PASSIM_MAX_ARTICLE_BYTES), with the reason in passim_error_msg().
 * Warnings, with PASSIM_OK and the content read: bytes after the gzip data
 * that start no gzip member (ignored), and a file that changed while it
 * was read (its size or mtime at the end is not what it was at the start,
 * or it gave another number of bytes: truncated or grown meanwhile). The
 * warning text goes to warning[0..wsize) ("" when none; warning may be
 * NULL); PASSIM_READ_WARNING_BYTES holds any. */
#define PASSIM_READ_WARNING_BYTES 160
/*
 * Return value:
 *   PASSIM_OK  *data and *len are set (warning may hold a warning).
 *   PASSIM_ENOTFOUND  no file at path.
 *   PASSIM_EIO
 *       unreadable, a ".gz" that is not gzip, truncated or damaged gzip.
 *   PASSIM_ETOOBIG  over PASSIM_MAX_ARTICLE_BYTES.
 *   PASSIM_ENOMEM  out of memory. */
passim_status passim_read_file(char **data, size_t *len, char *warning,
                               size_t wsize, const char *path);

/* ---- reading the articles of one corpus file ------------------------- */

#include "text/article.h"

typedef struct passim_source passim_source;

/* Open corpus file `f` (its path and id are copied). *out is owned by the
 * caller (passim_source_close). Fails with the reasons of
 * passim_read_file() for a text file, or PASSIM_ENOTFOUND / PASSIM_EIO
 * when a JSON Lines file cannot be opened.
 * Return value:
 *   PASSIM_OK  *out is the source.
 *   PASSIM_ENOTFOUND  no file at f->path.
 *   PASSIM_EIO, PASSIM_ETOOBIG
 *       as passim_read_file() (for a JSON Lines file: it cannot be opened).
 *   PASSIM_ENOMEM  out of memory. */
passim_status passim_source_open(passim_source **out, const passim_corpus_file *f);

/* The next article of the file: PASSIM_OK with *art set (owned by the
 * caller), or PASSIM_OK with *art == NULL at the end. A bad JSON Lines
 * record (or an over-long line) is passed to `report` as "PATH:LINE" with
 * its reason and skipped. The warnings of passim_read_file() (trailing
 * bytes after gzip data, a file changed while read) are passed to `report`
 * with the file's path and PASSIM_OK: the articles read stand. A file-level error (truncated or damaged gzip,
 * read error, PASSIM_EINVAL for a text file holding binary data: more than
 * one byte in ten of its first 8 KiB a control character) returns its
 * status; articles delivered before it stand.
 * Return value:
 *   PASSIM_OK  *art is the next article, or NULL at the end.
 *   PASSIM_EIO, PASSIM_ETOOBIG
 *       as passim_read_file() (a text file), or a read error or damaged gzip
 *       in a JSON Lines file.
 *   PASSIM_EINVAL  a text file holding binary data.
 *   PASSIM_ENOMEM  out of memory. */
passim_status passim_source_next(passim_article **art, passim_source *s,
                                 passim_report_fn report, void *ctx);

/* Uncompressed bytes consumed so far. */
uint64_t passim_source_bytes(const passim_source *s);

/* zlib crc32 of the (decompressed) content read so far: of the whole file
 * once passim_source_next has returned *art == NULL. */
uint32_t passim_source_crc(const passim_source *s);

/* Line number of the last record delivered (1-based; 0 for text files). */
uint64_t passim_source_line(const passim_source *s);

/* Close and free. Accepts NULL. */
void passim_source_close(passim_source *s);

#ifdef __cplusplus
}
#endif
#endif
