/* fuzz_query.c — the query parser and the Xapian query builder.
 *
 * Only the public functions are called (passim_query_parse and
 * passim_query_parse_flags in words-only and batch modes, then
 * passim_query_build on success, xc_query_describe of the result), so the
 * target follows the query language as it grows. Checked: a parse either
 * succeeds with a query or fails with *out NULL (a query error's offset
 * inside the text or SIZE_MAX); the words and clauses of a parsed query
 * lie where query.h says (clauses inside the word array, word ranges
 * inside the text); interactive input over PASSIM_MAX_QUERY_BYTES never
 * parses; a parsed query builds (or fails with PASSIM_EQUERY, never
 * another error: the analyzer caps every term, so no term is too long for
 * Xapian) and describes; parsing the same text again gives the same
 * Xapian query. The same bytes go to passim_question_analyze: its rest
 * is the substring it names, never empty for a non-empty query, the
 * whole query when no question was recognised, and it keeps the query
 * language whole (when the query parses, so does the rest).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "search/query.h"
#include "search/question.h"
#include "search/query_private.h"
#include "xapian_c.h"

/* Check the documented shape of a parsed query of text[0..len). */
static void check_query(const passim_query *q, size_t len)
{
    FUZZ_CHECK(q->nwords == 0 || q->words != NULL);
    FUZZ_CHECK(q->nclauses == 0 || q->clauses != NULL);
    for (size_t i = 0; i < q->nwords; i++) {
        const passim_qword *w = &q->words[i];
        FUZZ_CHECK(memchr(w->folded, '\0', sizeof w->folded) != NULL);
        FUZZ_CHECK(memchr(w->stem, '\0', sizeof w->stem) != NULL);
        FUZZ_CHECK(w->start <= w->end && w->end <= len);
    }
    for (size_t i = 0; i < q->nclauses; i++) {
        const passim_clause *c = &q->clauses[i];
        FUZZ_CHECK(c->n >= 1 && c->first < q->nwords && c->n <= q->nwords - c->first);
        FUZZ_CHECK(c->kind != PASSIM_CLAUSE_PREFIX || c->n == 1);
    }
}

/* Parse (with `flags`) and build text[0..len); *desc gets the query's
 * description (malloc'd; NULL when the parse failed). */
static void parse_build(char **desc, const char *text, size_t len, int flags)
{
    passim_analyzer *a = fuzz_analyzer("english");
    passim_query *q = NULL;
    xc_query *xq = NULL;

    *desc = NULL;
    passim_status st = flags < 0 ? passim_query_parse(&q, a, text, len)
                                 : passim_query_parse_flags(&q, a, text, len, flags);
    if (st != PASSIM_OK) {
        FUZZ_CHECK(q == NULL);
        FUZZ_CHECK(st == PASSIM_EQUERY || st == PASSIM_EINVAL ||
                   st == PASSIM_ETOOBIG);
        size_t off = passim_query_error_offset();
        FUZZ_CHECK(st != PASSIM_EQUERY || off == SIZE_MAX || off <= len);
        return;
    }
    FUZZ_CHECK(q != NULL);
    if (!(flags >= 0 && (flags & PASSIM_PARSE_BATCH)))
        FUZZ_CHECK(len <= PASSIM_MAX_QUERY_BYTES);
    check_query(q, len);
    st = passim_query_build(&xq, q);
    if (st != PASSIM_OK) {
        /* Only a query too broad to build may fail (query.h statuses). */
        FUZZ_CHECK(st == PASSIM_EQUERY && xq == NULL);
        *desc = strdup("(not built)");
        FUZZ_CHECK(*desc != NULL);
        passim_query_free(q);
        return;
    }
    FUZZ_CHECK(xq != NULL);
    FUZZ_OK(xc_query_describe(desc, xq));
    FUZZ_CHECK(*desc != NULL);
    xc_query_free(xq);
    passim_query_free(q);
}

/* The question analysis of text[0..len) (question.h). */
static void check_question(const char *text, size_t len)
{
    passim_question q;
    char *rest = NULL;
    size_t rl = 0;
    passim_status st = passim_question_analyze(&q, &rest, &rl, text, len);
    if (len > PASSIM_MAX_QUESTION_BYTES) {
        FUZZ_CHECK(st == PASSIM_ETOOBIG && rest == NULL);
        return;
    }
    FUZZ_OK(st);
    FUZZ_CHECK(rest != NULL && rest[rl] == '\0');
    FUZZ_CHECK(q.rest_start <= q.rest_end && q.rest_end <= len);
    FUZZ_CHECK(rl == q.rest_end - q.rest_start);
    FUZZ_CHECK(memcmp(rest, text + q.rest_start, rl) == 0);
    FUZZ_CHECK(len == 0 || rl > 0);
    FUZZ_CHECK((q.want & ~PASSIM_KIND_ALL) == 0);
    FUZZ_CHECK(q.want == 0 || q.question);
    FUZZ_CHECK(q.question || (q.rest_start == 0 && q.rest_end == len));
    FUZZ_CHECK(q.skip_start <= q.skip_end && q.skip_end <= q.rest_start);
    if (len <= PASSIM_MAX_QUERY_BYTES) {
        passim_analyzer *a = fuzz_analyzer("english");
        passim_query *pq = NULL, *pr = NULL;
        if (passim_query_parse(&pq, a, text, len) == PASSIM_OK) {
            FUZZ_OK(passim_query_parse(&pr, a, rest, rl));
            passim_query_free(pr);
        }
        passim_query_free(pq);
    }
    free(rest);
}

/* The interactive language twice (same result), words only, batch. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int modes[] = {PASSIM_PARSE_WORDS_ONLY, PASSIM_PARSE_BATCH};
    const char *text = (const char *)data;
    char *d1, *d2;

    parse_build(&d1, text, size, -1);
    parse_build(&d2, text, size, -1);
    FUZZ_CHECK((d1 == NULL) == (d2 == NULL));
    FUZZ_CHECK(d1 == NULL || strcmp(d1, d2) == 0);
    free(d1);
    free(d2);
    for (size_t i = 0; i < sizeof modes / sizeof *modes; i++) {
        parse_build(&d1, text, size, modes[i]);
        free(d1);
    }
    check_question(text, size);
    return 0;
}
