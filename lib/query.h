/* query.h — parsing a user's query into clauses and a Xapian query.
 *
 * The language (this version): free words and "quoted phrases". Every
 * word goes through the analyzer, exactly as the indexed text did, so
 * `Biên Hòa` and `Bien Hoa` are the same query. A free word matches by its
 * stem; a quoted phrase matches its words' stems in sequence in Xapian, and
 * the passage stage then requires the exact (folded, unstemmed) words in
 * order. An unterminated quote runs to the end of the query. A phrase of
 * one word is a free word. Clauses are OR'd; a word given twice counts
 * twice (query frequency).
 */
#ifndef PASSIM_QUERY_H
#define PASSIM_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "analyzer.h"
#include "status.h"
#include "xapian_c.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Longest query text accepted, in bytes, and most words in it. */
#define PASSIM_MAX_QUERY_BYTES 4096
#define PASSIM_MAX_QUERY_WORDS 64

typedef struct passim_qword {
    char folded[PASSIM_MAX_TERM_BYTES + 1]; /* exact form, for phrases */
    char stem[PASSIM_MAX_TERM_BYTES + 1];   /* the indexed term */
} passim_qword;

enum passim_clause_kind { PASSIM_CLAUSE_WORD = 0, PASSIM_CLAUSE_PHRASE };

typedef struct passim_clause {
    int kind;        /* passim_clause_kind */
    size_t first, n; /* its words: words[first .. first+n) */
} passim_clause;

typedef struct passim_query {
    passim_qword *words; /* owned */
    size_t nwords;
    passim_clause *clauses; /* owned */
    size_t nclauses;
} passim_query;

/* Parse text[0..len). *out is owned by the caller (passim_query_free).
 * A query with no words is valid (nclauses == 0) and matches nothing.
 * Too long or too many words: PASSIM_EQUERY with the reason. */
passim_status passim_query_parse(passim_query **out, passim_analyzer *a,
                                 const char *text, size_t len);

/* Build the Xapian query matching articles for `q`. *out is owned by the
 * caller (xc_query_free). */
passim_status passim_query_build(const passim_query *q, xc_query **out);

/* Free. Accepts NULL. */
void passim_query_free(passim_query *q);

#ifdef __cplusplus
}
#endif
#endif
