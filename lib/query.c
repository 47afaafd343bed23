/* query.c — query parsing and building (contracts in query.h). */
#include "query.h"

#include <stdlib.h>
#include <string.h>

typedef struct parse_state {
    passim_query *q;
    size_t cap_words, cap_clauses;
    passim_status st;
} parse_state;

static passim_status push_clause(parse_state *ps, int kind, size_t first, size_t n)
{
    passim_query *q = ps->q;
    if (q->nclauses == ps->cap_clauses) {
        size_t cap = ps->cap_clauses ? ps->cap_clauses * 2 : 8;
        passim_clause *v = realloc(q->clauses, cap * sizeof *v);
        if (!v)
            return PASSIM_ENOMEM;
        q->clauses = v;
        ps->cap_clauses = cap;
    }
    q->clauses[q->nclauses++] = (passim_clause){kind, first, n};
    return PASSIM_OK;
}

/* Analyzer callback: append one query word. */
static int add_word(void *ctx, const passim_token *tok)
{
    parse_state *ps = ctx;
    passim_query *q = ps->q;
    if (q->nwords >= PASSIM_MAX_QUERY_WORDS) {
        ps->st = passim_error_set(PASSIM_EQUERY,
                                  "query has more than %d words",
                                  PASSIM_MAX_QUERY_WORDS);
        return 1;
    }
    if (q->nwords == ps->cap_words) {
        size_t cap = ps->cap_words ? ps->cap_words * 2 : 8;
        passim_qword *v = realloc(q->words, cap * sizeof *v);
        if (!v) {
            ps->st = PASSIM_ENOMEM;
            return 1;
        }
        q->words = v;
        ps->cap_words = cap;
    }
    passim_qword *w = &q->words[q->nwords++];
    /* Both forms are capped at PASSIM_MAX_TERM_BYTES by the analyzer. */
    memcpy(w->folded, tok->folded, tok->folded_len);
    w->folded[tok->folded_len] = '\0';
    memcpy(w->stem, tok->stem, tok->stem_len);
    w->stem[tok->stem_len] = '\0';
    return 0;
}

/* Length of a quote mark at s[0..left), or 0: '"', U+201C, U+201D. */
static size_t quote_len(const char *s, size_t left)
{
    if (s[0] == '"')
        return 1;
    if (left >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
        ((unsigned char)s[2] == 0x9C || (unsigned char)s[2] == 0x9D))
        return 3;
    return 0;
}

/* Analyze one segment; quoted segments of 2+ words become a phrase. */
static passim_status add_segment(parse_state *ps, passim_analyzer *a,
                                 const char *s, size_t len, int quoted)
{
    size_t first = ps->q->nwords;
    passim_analyze(a, s, len, 1, add_word, ps, NULL);
    if (ps->st != PASSIM_OK)
        return ps->st;
    size_t n = ps->q->nwords - first;
    if (quoted && n >= 2)
        return push_clause(ps, PASSIM_CLAUSE_PHRASE, first, n);
    for (size_t i = 0; i < n; i++) {
        passim_status st = push_clause(ps, PASSIM_CLAUSE_WORD, first + i, 1);
        if (st != PASSIM_OK)
            return st;
    }
    return PASSIM_OK;
}

passim_status passim_query_parse(passim_query **out, passim_analyzer *a,
                                 const char *text, size_t len)
{
    passim_status st = PASSIM_OK;
    parse_state ps = {0};
    size_t seg = 0, i = 0;
    int quoted = 0;

    *out = NULL;
    if (len > PASSIM_MAX_QUERY_BYTES)
        return passim_error_set(PASSIM_EQUERY, "query is longer than %d bytes",
                                PASSIM_MAX_QUERY_BYTES);
    ps.q = calloc(1, sizeof *ps.q);
    if (!ps.q)
        return PASSIM_ENOMEM;
    while (i < len) {
        size_t ql = quote_len(text + i, len - i);
        if (!ql) {
            i++;
            continue;
        }
        if ((st = add_segment(&ps, a, text + seg, i - seg, quoted)) != PASSIM_OK)
            goto out;
        quoted = !quoted;
        i += ql;
        seg = i;
    }
    st = add_segment(&ps, a, text + seg, len - seg, quoted);
out:
    if (st != PASSIM_OK) {
        passim_query_free(ps.q);
        return st;
    }
    *out = ps.q;
    return PASSIM_OK;
}

/* Build the Xapian query for one clause. */
static passim_status build_clause(const passim_query *q, const passim_clause *c,
                                  xc_query **out)
{
    passim_status st = PASSIM_OK;
    xc_query *subs[PASSIM_MAX_QUERY_WORDS] = {0};

    *out = NULL;
    for (size_t i = 0; i < c->n; i++) {
        const passim_qword *w = &q->words[c->first + i];
        st = xc_query_term(&subs[i], w->stem, strlen(w->stem), 1,
                           (uint32_t)(c->first + i + 1));
        if (st != PASSIM_OK)
            goto out;
    }
    if (c->kind == PASSIM_CLAUSE_WORD) {
        *out = subs[0];
        subs[0] = NULL;
    } else {
        st = xc_query_combine(out, XC_OP_PHRASE, subs, c->n, (uint32_t)c->n);
    }
out:
    for (size_t i = 0; i < c->n; i++)
        xc_query_free(subs[i]);
    return st;
}

passim_status passim_query_build(const passim_query *q, xc_query **out)
{
    passim_status st = PASSIM_OK;
    xc_query **subs = NULL;

    *out = NULL;
    if (q->nclauses)
        subs = calloc(q->nclauses, sizeof *subs);
    if (q->nclauses && !subs)
        return PASSIM_ENOMEM;
    for (size_t i = 0; i < q->nclauses; i++)
        if ((st = build_clause(q, &q->clauses[i], &subs[i])) != PASSIM_OK)
            goto out;
    st = xc_query_combine(out, XC_OP_OR, subs, q->nclauses, 0);
out:
    for (size_t i = 0; i < q->nclauses; i++)
        xc_query_free(subs[i]);
    free(subs);
    return st;
}

void passim_query_free(passim_query *q)
{
    if (!q)
        return;
    free(q->words);
    free(q->clauses);
    free(q);
}
