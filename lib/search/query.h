/* query.h — the query language: parsing a user's query into a tree, the
 * Xapian query that matches articles, and the clauses the passage stage
 * looks for.
 *
 * Language (operators are upper case; anything else is a word):
 *   bien hoa            free words: articles with any of them, ranked
 *   "bien hoa"          a phrase: the words in order, exactly (accents and
 *                       case aside; the passage stage checks the exact forms,
 *                       Xapian matches their stems in sequence)
 *   +word  -word        the word (or "phrase", or (group)) must / must not occur
 *   a AND b, a OR b     both / either; a NOT b: a but not b; NOT a: not a
 *   ( ... )             grouping, at most PASSIM_MAX_QUERY_DEPTH deep
 *   a NEAR b, a NEAR/5 b  words within 10 (or 5) positions of each other,
 *                       any order; chains such as a NEAR b NEAR c
 *   pref*               words starting with "pref" (at least 2 letters); more
 *                       than PASSIM_MAX_WILDCARD words is an error (too broad);
 *                       also inside a phrase ("prime minist*"), as a NEAR
 *                       operand and in a field (title:con*)
 *   title:word  title:"a phrase"  title:(a b)   words of the title
 *   byline:word  byline:"a b"  byline:(a b)        words of the byline ("A")
 *   date:2015  date:2015-06  date:2025-11-01..2025-11-30  date:..2015
 *   date:2015-06..      articles dated in that range (inclusive); a day
 *                       that does not exist (2025-02-30) is an error; an
 *                       ISO timestamp YYYY-MM-DDTHH:MM[:SS[.f]][Z|±HH:MM]
 *                       is checked and taken for its day
 * Precedence, loosest first: OR; AND and NOT; juxtaposition; NEAR; the
 * prefixes + - and title: byline:. Juxtaposed items combine as "should" (OR,
 * ranked), "+must" (AND) and "-must not" (AND_NOT), as in web search.
 * A word that analyses into several terms ("U.S.-Vietnam", "POW/MIA") is a
 * phrase of them. Every word goes through the analyzer, exactly as the
 * indexed text did, so "Biên Hòa" and "Bien Hoa" are the same query; a word
 * given twice counts twice.
 *
 * Errors (PASSIM_EQUERY) carry a message naming the problem and its byte
 * offset in the query (passim_query_error_offset()).
 */
#ifndef PASSIM_QUERY_H
#define PASSIM_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "text/analyzer.h"
#include "util/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Interactive limits (batch mode lifts the first two). */
#define PASSIM_MAX_QUERY_BYTES 4096
#define PASSIM_MAX_QUERY_WORDS 64
#define PASSIM_MAX_QUERY_DEPTH 32
/* Longest phrase (words) and most words a prefix* may expand to. */
#define PASSIM_MAX_PHRASE_WORDS 64
#define PASSIM_MAX_WILDCARD 200
/* Batch limits: long natural-language queries. */
#define PASSIM_MAX_BATCH_QUERY_BYTES (256 * 1024)
#define PASSIM_MAX_BATCH_QUERY_WORDS 8192

typedef struct passim_qword {
    char folded[PASSIM_MAX_TERM_BYTES + 1]; /* exact form, for phrases */
    char stem[PASSIM_MAX_TERM_BYTES + 1];   /* the indexed term */
    size_t start, end;                      /* where it stands in the query */
    int stop;    /* a stopword: the index holds no posting for it */
    int prefix;  /* written with '*' after it: matches words starting so */
    int quoted;  /* inside a quoted phrase */
    int plain;   /* typed as a plain word (not a stopword, prefix, or part
                    of a name:value chunk): "did you mean" may correct it */
} passim_qword;

enum passim_clause_kind {
    PASSIM_CLAUSE_WORD = 0, /* matches tokens with the word's stem */
    PASSIM_CLAUSE_PHRASE,   /* matches the words' folded forms in order */
    PASSIM_CLAUSE_PREFIX    /* matches tokens whose stem starts with the
                               folded prefix, or equals the prefix's stem */
};

/* Something the passage stage looks for: every positive word, phrase or
 * prefix of the query (those under NOT or '-' are not clauses). */
typedef struct passim_clause {
    int kind;        /* passim_clause_kind */
    size_t first, n; /* its words: words[first .. first+n) (PREFIX: n = 1,
                        the prefix in folded) */
} passim_clause;

typedef struct passim_qnode passim_qnode; /* the parse tree (private) */

typedef struct passim_query {
    passim_qword *words; /* owned */
    size_t nwords;
    passim_clause *clauses; /* owned */
    size_t nclauses;
    passim_qnode *root;  /* owned; NULL when the query has no words */
    int has_filter;      /* 1 if a date: filter was given */
    int stop_only;       /* 1 if its words are all stopwords, kept because
                            the query has nothing else (words[].stop set) */
} passim_query;

enum passim_parse_flags {
    PASSIM_PARSE_WORDS_ONLY = 1, /* no operators: every word is free text */
    PASSIM_PARSE_BATCH = 2,      /* batch limits instead of interactive */
    PASSIM_PARSE_ALL_WORDS = 4   /* juxtaposed items are all required, as
                                    if each had a '+' (to count what a
                                    query finds, suggest.h) */
};

/* Parse text[0..len) with `flags`. *out is owned by the caller
 * (passim_query_free). A query with no words is valid (nclauses == 0) and
 * matches nothing. Syntax errors and broken limits: PASSIM_EQUERY, with
 * the message in passim_error_msg() and the offset in
 * passim_query_error_offset().
 * Return value:
 *   PASSIM_OK  *out is the query.
 *   PASSIM_EQUERY
 *       a syntax error or a limit (the message and
 *       passim_query_error_offset() say where).
 *   PASSIM_ENOMEM  out of memory. *out is NULL. */
passim_status passim_query_parse_flags(passim_query **out, passim_analyzer *a,
                                       const char *text, size_t len, int flags);

typedef struct passim_idset passim_idset;

/* As passim_query_parse_flags, dropping the free words found in `stop`
 * (folded forms; NULL keeps every word). Words in phrases, after + or -,
 * under title:, NEAR operands, compounds ("U.S.-Vietnam") and words written
 * emphatically ("US", "U.S.", "WHO") are always kept; a query of nothing but
 * stopwords keeps them all (stop_only: words[].stop set, juxtaposed free
 * words one phrase; its stopword leaves build as "every article", to be
 * checked in the text with passim_query_holds).
 * Return value:
 *   PASSIM_OK, PASSIM_EQUERY, PASSIM_ENOMEM  as passim_query_parse_flags(). */
passim_status passim_query_parse_stop(passim_query **out, passim_analyzer *a,
                                      const char *text, size_t len, int flags,
                                      const passim_idset *stop);

/* passim_query_parse_flags with flags 0 (the interactive language).
 * Return value:
 *   PASSIM_OK, PASSIM_EQUERY, PASSIM_ENOMEM  as passim_query_parse_flags(). */
passim_status passim_query_parse(passim_query **out, passim_analyzer *a,
                                 const char *text, size_t len);

/* Byte offset in the query of the last query error on this thread, or
 * SIZE_MAX when it has no place (e.g. a prefix* found too broad while
 * matching). */
size_t passim_query_error_offset(void);

/* Record a query error that has no place in the query text: sets the
 * offset to SIZE_MAX and the detail to msg. A setter: it does not clear
 * the detail first (util/status.h).
 * Return value:
 *   PASSIM_EQUERY  always, so callers can write `return ...unplaced(...)`. */
passim_status passim_query_error_unplaced(const char *msg);

/* Whether an article holds the query's positive part, given found[c] (non
 * zero when clause c occurs in it): AND needs every side, OR one, NEAR
 * every operand (the window is not checked), filters and exclusions are
 * left to Xapian. Used to check the candidates of a query of stopwords,
 * which the index cannot match. */
int passim_query_holds(const passim_query *q, const unsigned char *found);

/* Free. Accepts NULL. */
void passim_query_free(passim_query *q);

#ifdef __cplusplus
}
#endif
#endif
