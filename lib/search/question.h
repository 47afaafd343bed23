/* question.h — what a query asks for.
 *
 * A query phrased as a question ("how many jobs will the plant cut", "who
 * bought Safeway", "why was Ranieri sacked?") wants a certain kind of
 * answer (text/entity.h kinds) near its content words. This module names
 * that kind and takes the question words off the query, so they do not
 * count as content words: "how many jobs will the plant cut" wants NUMBER
 * and leaves "jobs will the plant cut".
 *
 * Recognised, in any case, at the very start of the query (after
 * optional "please", "tell me", "can/could you tell me", "do you know"
 * and a preposition: "in which year", "to whom", "by how much"):
 *   who, whom, whose                      PERSON|ORG
 *   where                                 PLACE
 *   when                                  DATE
 *   why                                   REASON
 *   how many, how old/far/big/long/...    NUMBER (how long: NUMBER|DATE)
 *   how much                              MONEY|NUMBER
 *   how                                   a question wanting no kind
 *   what/which + a kind word, maybe after is/was/the:
 *     year, date, day, month, time ...    DATE
 *     price, cost, amount, sum ...        MONEY|NUMBER
 *     percentage, proportion, number ...  NUMBER
 *     company, firm, team, party ...      ORG
 *     country, city, state, town ...      PLACE
 *     person, man, woman, player ...      PERSON
 *     reason, cause                       REASON
 *   what is the name of (the KIND)        PERSON|PLACE|ORG|NAME (or KIND)
 *   what caused, what led to              REASON ("caused", "led to" kept)
 *   what, which                           a question wanting no kind
 * The removed phrase also takes one auxiliary right after it (did, does,
 * is, was, were, has, will, can, 's ...): "where did the minister grow up"
 * leaves "the minister grow up"; "how many jobs will ..." keeps its "will"
 * (it follows a content word). A trailing '?' of a question is removed.
 *
 * Only plain words are question words: a word with query syntax on it
 * ("who:", "+who", "(who", "\"who", "who*") stops the phrase, and nothing
 * is removed when the word after the phrase is an operator (AND OR NOT
 * NEAR NEAR/n), so the query language's syntax is always kept whole. A
 * query whose first word is not a question word is a keyword query and
 * comes back unchanged with want 0; so does an acronym ("WHO funding",
 * capitals in a query that is not all capitals). The rest is never empty
 * for a non-empty query: "who" alone stays "who" (still wanting
 * PERSON|ORG).
 */
#ifndef PASSIM_QUESTION_H
#define PASSIM_QUESTION_H

#include <stddef.h>

#include "text/entity.h"
#include "util/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Longest query analysed (the batch query limit of search/query.h). */
#define PASSIM_MAX_QUESTION_BYTES (256 * 1024)

typedef struct passim_question {
    unsigned want;        /* PASSIM_KIND_* bits; 0: not a question, or a
                             question wanting no particular kind */
    int question;         /* 1 when question phrasing was recognised */
    size_t skip_start, skip_end; /* the question words removed:
                                    query[skip_start, skip_end), both 0
                                    when none were */
    size_t rest_start, rest_end; /* *rest is query[rest_start, rest_end) */
} passim_question;

/* Analyse query[0..len) (need not be NUL-terminated; NULL only with len
 * 0; any bytes). *out says what it asks for; *rest gets the query without
 * its question words and trailing '?' (malloc'd, NUL-terminated, owned by
 * the caller: free()), and *rest_len its length (rest_len may be NULL).
 * A keyword query comes back whole. *rest is empty only for an empty
 * query.
 * Return value:
 *   PASSIM_OK  *out and *rest are set.
 *   PASSIM_EINVAL  out or rest NULL, or query NULL with len > 0.
 *   PASSIM_ETOOBIG  len over PASSIM_MAX_QUESTION_BYTES.
 *   PASSIM_ENOMEM  out of memory. *rest is NULL. */
passim_status passim_question_analyze(passim_question *out, char **rest, size_t *rest_len,
                                      const char *query, size_t len);

#ifdef __cplusplus
}
#endif
#endif
