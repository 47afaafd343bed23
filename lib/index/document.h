/* document.h — an article as a Xapian document.
 *
 * The schema (which terms, with which prefixes and positions, which value
 * slots, what the data holds) is written out once, in index/README.md
 * ("Schema"); the names below are its prefixes and slots, and
 * passim_document_build is the code that follows it. The bytes of the
 * document data are docdata.h's. A change to any of them is a new schema
 * version (schema.h).
 */
#ifndef PASSIM_DOCUMENT_H
#define PASSIM_DOCUMENT_H

#include <stddef.h>
#include <stdint.h>

#include "text/analyzer.h"
#include "text/article.h"
#include "util/status.h"
#include "xapian_c.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PASSIM_VALUE_DATE 0
#define PASSIM_VALUE_ID 1
#define PASSIM_PREFIX_ID "Q"
#define PASSIM_PREFIX_TITLE "S"
#define PASSIM_PREFIX_BYLINE "A" /* byline words: the byline: query field */
/* Longest article id (bytes): the id term must stay under Xapian's limit. */
#define PASSIM_MAX_ID_BYTES 240

typedef struct passim_doc_stats {
    uint32_t sentences; /* sentences in the article */
    uint32_t words;     /* words (positions) in the article */
} passim_doc_stats;

/* The id term of article id `id` into buf (size at least
 * PASSIM_MAX_ID_BYTES + 2). Ids longer than PASSIM_MAX_ID_BYTES, or holding
 * a NUL, give PASSIM_ETOOBIG.
 * Return value:
 *   PASSIM_OK  buf holds the term.
 *   PASSIM_ETOOBIG
 *       id is empty or over PASSIM_MAX_ID_BYTES, or size is too small. */
passim_status passim_id_term(const char *id, char *buf, size_t size);

typedef struct passim_idset passim_idset;

typedef struct passim_build_opts {
    const passim_idset *stop; /* stopwords (may be NULL): words whose folded
                                 form is here (unless written emphatically,
                                 stopwords.h) get no posting */
} passim_build_opts;

/* Build the Xapian document of `art`. *out is owned by the caller
 * (xc_doc_free); *stats (may be NULL) receives its counts.
 * Return value:
 *   PASSIM_OK  *out is the document.
 *   PASSIM_ETOOBIG
 *       the id is empty or over PASSIM_MAX_ID_BYTES, or the text over
 *       UINT32_MAX bytes.
 *   PASSIM_EINVAL  a NULL analyzer, or a term the wrapper refuses.
 *   PASSIM_EINTERNAL
 *       the document data cannot be encoded, or an unexpected wrapper
 *       failure.
 *   PASSIM_ENOMEM  out of memory. */
passim_status passim_document_build(xc_doc **out, passim_analyzer *a,
                                    const passim_article *art,
                                    const passim_build_opts *o,
                                    passim_doc_stats *stats);

#ifdef __cplusplus
}
#endif
#endif
