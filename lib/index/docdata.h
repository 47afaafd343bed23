/* docdata.h — the document data of one indexed article.
 *
 * Every Xapian document holds, in its data, the article's id, title, date,
 * byline, url, cleaned text and sentence table, so that a searcher (local
 * or over a remote shard) gets everything it needs to rank passages and
 * show them from one fetch. This is the one description of its bytes
 * (index/README.md gives the schema around it; a change here is a new
 * schema version, schema.h). Format version 2 (all integers are unsigned
 * LEB128 varints, "str" is varint length + bytes + one NUL byte; the
 * fields but the text are read as C strings, the text by its length):
 *
 *   "PSM" 0x02            magic and format version
 *   str id
 *   str title
 *   str date              "" or "YYYY-MM-DD"
 *   str byline            "" when none
 *   str url               "" when none (JSON Lines records may give one)
 *   str text              the cleaned text (caption noise and credits
 *                         removed)
 *   varint nwords         words in the whole text
 *   varint nsent          sentences, then for each sentence i:
 *     varint first_pos[i] - first_pos[i-1]   (first_pos[-1] = PASSIM_FIRST_POS)
 *     varint ((start[i] - end[i-1]) << 1) | para_start[i]   (end[-1] = 0)
 *     varint end[i] - start[i]
 *
 * start and end are the sentence's byte range in the text (start >= the
 * previous end, end <= the text's length); para_start is 1 when the
 * sentence begins a paragraph. A sentence's word count is the next
 * sentence's first_pos minus its own (the last one's ends at
 * PASSIM_FIRST_POS + nwords). Format 1 ("PSM" 0x01: no byline and no url)
 * is no longer read (schema version 1). Data read back from an index or a remote shard is
 * untrusted: the decoder checks every length, range and count, and
 * anything inconsistent is PASSIM_ECORRUPT.
 */
#ifndef PASSIM_DOCDATA_H
#define PASSIM_DOCDATA_H

#include <stddef.h>
#include <stdint.h>

#include "text/article.h"
#include "text/sentence.h"
#include "util/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct passim_docdata {
    char *buf;         /* the encoded bytes; owned, all strings point into it */
    const char *id;    /* NUL-terminated, borrowed from buf */
    const char *title; /* NUL-terminated, borrowed from buf */
    const char *date;  /* "" or "YYYY-MM-DD", borrowed from buf */
    const char *byline; /* "" when none, borrowed from buf */
    const char *url;   /* "" when none, borrowed from buf */
    const char *text;  /* NUL-terminated, borrowed from buf */
    size_t text_len;
    passim_sentences sents; /* owned */
} passim_docdata;

/* Encode article `a` with its sentence table `s`. *out is malloc'd (caller
 * frees), *len its size.
 * Return value:
 *   PASSIM_OK  *out and *len are set.
 *   PASSIM_EINTERNAL  a field over the format's limits (a bug upstream).
 *   PASSIM_ENOMEM  out of memory. */
passim_status passim_docdata_encode(char **out,
                                    size_t *len, const passim_article *a,
                                    const passim_sentences *s);

/* Decode buf[0..len) into *out, taking ownership of `buf` (malloc'd) in all
 * cases: on success it is freed by passim_docdata_release(), on failure at
 * once. *out is zeroed on failure.
 * Return value:
 *   PASSIM_OK  *out is the decoded data.
 *   PASSIM_ECORRUPT  buf is not valid document data.
 *   PASSIM_ENOMEM  out of memory. */
passim_status passim_docdata_decode(passim_docdata *out, char *buf, size_t len);

/* Free what *d owns and zero it. Accepts NULL. */
void passim_docdata_release(passim_docdata *d);

#ifdef __cplusplus
}
#endif
#endif
