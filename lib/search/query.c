/* query.c — the query language (grammar and contracts in query.h).
 *
 * Grammar (recursive descent over a token list):
 *   query    := or_expr END
 *   or_expr  := and_expr ( OR and_expr )*
 *   and_expr := bag ( (AND | NOT) bag )*
 *   bag      := item+                 juxtaposition: should / +must / -must not
 *   item     := ('+' | '-') near | NOT item | near
 *   near     := primary ( NEAR[/n] primary )*
 *   primary  := '(' or_expr ')' | PHRASE | WORD | WORD* | title: primary
 *             | date:RANGE
 */
#include "search/query.h"
#include "search/query_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/article.h"
#include "index/document.h"
#include "util/idset.h"
#include "text/stopwords.h"

#define NEAR_DEFAULT_WINDOW 10
#define NEAR_MAX_WINDOW 1000

/* ---- tokens ------------------------------------------------------------ */

enum tok_type {
    T_END = 0, T_WORD, T_PHRASE, T_LPAREN, T_RPAREN, T_AND, T_OR, T_NOT,
    T_NEAR, T_PLUS, T_MINUS, T_FIELD, T_DATE
};

typedef struct token {
    int type;
    size_t start, len; /* WORD: the word; PHRASE: inside the quotes;
                          DATE: the range after "date:" */
    uint32_t window;   /* NEAR */
    int wildcard;      /* WORD ending in '*' (not in len) */
    int field;         /* T_FIELD: the field's term prefix */
} token;

/* ---- parse tree -------------------------------------------------------- */

enum node_kind {
    N_TERM, N_PHRASE, N_PREFIX, N_NEAR, N_DATE, N_ALL,
    N_AND, N_OR, N_AND_MAYBE, N_AND_NOT, N_FILTER
};

struct passim_qnode {
    int kind;
    int field;               /* leaves: the term prefix of the field
                                searched ('S' title, 'A' byline), or 0 */
    size_t first, n;         /* leaves: words[first .. first+n) */
    uint32_t window;         /* N_NEAR */
    size_t clause;           /* leaves: index of their (first) clause */
    char lo[16], hi[16];     /* N_DATE: "" = open end */
    passim_qnode **kids;     /* inner nodes */
    size_t nkids;
};

typedef struct parser {
    passim_analyzer *a;
    const char *text;
    size_t len;
    int flags;
    size_t max_words;
    token *toks;
    size_t ntoks, at;
    passim_query *q;
    size_t cap_words, cap_clauses;
    int depth;
    const passim_idset *stop; /* stopwords dropped from free words, or NULL */
    int keep_stop;            /* mark stopwords but drop none */
    int free_word;            /* the word being parsed is a free word */
    size_t dropped;           /* stopwords dropped so far */
} parser;

static _Thread_local size_t error_offset;

size_t passim_query_error_offset(void)
{
    return error_offset;
}

passim_status passim_query_error_unplaced(const char *msg)
{
    error_offset = SIZE_MAX;
    return passim_error_set(PASSIM_EQUERY, "%s", msg);
}

static passim_status syntax_error(size_t offset, const char *what)
{
    error_offset = offset;
    return passim_error_set(PASSIM_EQUERY, "%s (at byte %zu)", what, offset);
}

static void node_free(passim_qnode *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->nkids; i++)
        node_free(n->kids[i]);
    free(n->kids);
    free(n);
}

static passim_qnode *node_new(int kind)
{
    passim_qnode *n = calloc(1, sizeof *n);
    if (n)
        n->kind = kind;
    return n;
}

/* An inner node over kids[0..n) (taken over, even on failure). */
static passim_qnode *node_inner(int kind, passim_qnode **kids, size_t n)
{
    passim_qnode *node = node_new(kind);
    if (node && n) {
        node->kids = malloc(n * sizeof *kids);
        if (node->kids) {
            memcpy(node->kids, kids, n * sizeof *kids);
            node->nkids = n;
            return node;
        }
        free(node);
        node = NULL;
    }
    if (!node)
        for (size_t i = 0; i < n; i++)
            node_free(kids[i]);
    return node;
}

/* A binary node (kids taken over). */
static passim_qnode *node_pair(int kind, passim_qnode *a, passim_qnode *b)
{
    passim_qnode *kids[2] = {a, b};
    return node_inner(kind, kids, 2);
}

/* ---- lexer ------------------------------------------------------------- */

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
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

static int word_is(const char *s, size_t n, const char *w)
{
    return n == strlen(w) && memcmp(s, w, n) == 0;
}

static passim_status push_token(parser *p, size_t *cap, token t)
{
    if (p->ntoks == *cap) {
        size_t nc = *cap ? *cap * 2 : 32;
        token *v = realloc(p->toks, nc * sizeof *v);
        if (!v)
            return passim_error_nomem("query tokens");
        p->toks = v;
        *cap = nc;
    }
    p->toks[p->ntoks++] = t;
    return PASSIM_OK;
}

/* Classify the raw chunk text[s..e) (no spaces, parentheses or quotes). */
static token classify(parser *p, size_t s, size_t e)
{
    const char *w = p->text + s;
    size_t n = e - s;
    token t = {T_WORD, s, n, 0, 0, 0};
    if (word_is(w, n, "AND"))
        t.type = T_AND;
    else if (word_is(w, n, "OR"))
        t.type = T_OR;
    else if (word_is(w, n, "NOT"))
        t.type = T_NOT;
    else if (word_is(w, n, "NEAR")) {
        t.type = T_NEAR;
        t.window = NEAR_DEFAULT_WINDOW;
    } else if (n > 5 && memcmp(w, "NEAR/", 5) == 0) {
        uint32_t v = 0;
        size_t i = 5;
        for (; i < n && w[i] >= '0' && w[i] <= '9' && v <= NEAR_MAX_WINDOW; i++)
            v = v * 10 + (uint32_t)(w[i] - '0');
        t.type = T_NEAR;
        t.window = i == n && v >= 1 && v <= NEAR_MAX_WINDOW ? v : 0; /* 0: bad */
    }
    if (t.type == T_WORD && n > 1 && w[n - 1] == '*') {
        t.wildcard = 1;
        t.len = n - 1;
    }
    return t;
}

/* The term prefix of the field named at the start of s[0..n) ("title:",
 * "byline:"), with the name's length (colon included) in *len; 0 when s
 * does not start with a field name. */
static int field_name(size_t *len, const char *s, size_t n)
{
    static const struct { const char *name; int prefix; } FIELDS[] = {
        {"title:", 'S'},  /* PASSIM_PREFIX_TITLE */
        {"byline:", 'A'}, /* PASSIM_PREFIX_BYLINE */
    };
    for (size_t i = 0; i < sizeof FIELDS / sizeof *FIELDS; i++) {
        size_t k = strlen(FIELDS[i].name);
        if (n >= k && memcmp(s, FIELDS[i].name, k) == 0) {
            *len = k;
            return FIELDS[i].prefix;
        }
    }
    return 0;
}

/* Split the query into tokens. */
static passim_status lex(parser *p)
{
    passim_status st;
    size_t cap = 0, i = 0;
    while (i < p->len) {
        char c = p->text[i];
        size_t ql;
        if (is_space(c)) {
            i++;
        } else if (c == '(' || c == ')') {
            token t = {c == '(' ? T_LPAREN : T_RPAREN, i, 1, 0, 0, 0};
            if ((st = push_token(p, &cap, t)) != PASSIM_OK)
                return st;
            i++;
        } else if ((ql = quote_len(p->text + i, p->len - i)) != 0) {
            size_t s = i + ql, e = s;
            while (e < p->len && !quote_len(p->text + e, p->len - e))
                e++;
            token t = {T_PHRASE, s, e - s, 0, 0, 0};
            if ((st = push_token(p, &cap, t)) != PASSIM_OK)
                return st;
            i = e < p->len ? e + quote_len(p->text + e, p->len - e) : e;
        } else if ((c == '+' || c == '-') && i + 1 < p->len &&
                   !is_space(p->text[i + 1]) && p->text[i + 1] != ')') {
            token t = {c == '+' ? T_PLUS : T_MINUS, i, 1, 0, 0, 0};
            if ((st = push_token(p, &cap, t)) != PASSIM_OK)
                return st;
            i++;
        } else {
            size_t s = i;
            while (i < p->len && !is_space(p->text[i]) && p->text[i] != '(' &&
                   p->text[i] != ')' && !quote_len(p->text + i, p->len - i))
                i++;
            token t;
            size_t fl = 0;
            int field = field_name(&fl, p->text + s, i - s);
            if (field && i - s > fl) {
                t = (token){T_FIELD, s, fl, 0, 0, field};
                i = s + fl; /* what follows is lexed as usual */
            } else if (field && i < p->len &&
                       (p->text[i] == '(' || quote_len(p->text + i, p->len - i))) {
                t = (token){T_FIELD, s, fl, 0, 0, field};
            } else if (i - s >= 5 && memcmp(p->text + s, "date:", 5) == 0) {
                t = (token){T_DATE, s + 5, i - s - 5, 0, 0, 0};
            } else {
                t = classify(p, s, i);
                if (t.type == T_NEAR && t.window == 0)
                    return syntax_error(s, "NEAR/n takes a number n from 1 to 1000");
            }
            if ((st = push_token(p, &cap, t)) != PASSIM_OK)
                return st;
        }
    }
    token end = {T_END, p->len, 0, 0, 0, 0};
    return push_token(p, &cap, end);
}

/* ---- words and clauses -------------------------------------------------- */

typedef struct word_sink {
    parser *p;
    size_t base;     /* offset of the analyzed span in the query */
    int drop_stop;   /* drop stopwords from this span */
    int phrase;      /* a quoted phrase: a word followed by '*' is a prefix */
    passim_status st;
} word_sink;

static int add_word(void *ctx, const passim_token *tok)
{
    word_sink *ws = ctx;
    parser *p = ws->p;
    passim_query *q = p->q;
    int stop = p->stop && passim_idset_has(p->stop, tok->folded) &&
               !passim_stopword_emphatic(p->text, ws->base + tok->start,
                                         ws->base + tok->end);
    if (stop && ws->drop_stop) {
        p->dropped++;
        return 0;
    }
    if (q->nwords >= p->max_words) {
        ws->st = syntax_error(tok->start, "too many words in the query");
        return 1;
    }
    if (q->nwords == p->cap_words) {
        size_t cap = p->cap_words ? p->cap_words * 2 : 16;
        passim_qword *v = realloc(q->words, cap * sizeof *v);
        if (!v) {
            ws->st = passim_error_nomem("query words");
            return 1;
        }
        q->words = v;
        p->cap_words = cap;
    }
    passim_qword *w = &q->words[q->nwords++];
    w->stop = stop;
    w->prefix = ws->phrase && ws->base + tok->end < p->len &&
                p->text[ws->base + tok->end] == '*';
    w->quoted = ws->phrase;
    w->plain = !stop && !w->prefix;
    w->start = ws->base + tok->start;
    w->end = ws->base + tok->end;
    memcpy(w->folded, tok->folded, tok->folded_len);
    w->folded[tok->folded_len] = '\0';
    memcpy(w->stem, tok->stem, tok->stem_len);
    w->stem[tok->stem_len] = '\0';
    return 0;
}

/* Analyze text[s..s+n) into new words; *first and *count say which.
 * Stopwords are dropped when `free_words` is set and the parser has a
 * stopword list. */
static passim_status analyze_span(size_t *first, size_t *count, parser *p, size_t s,
                                  size_t n, int free_words)
{
    word_sink ws = {p, s, free_words && p->stop != NULL && !p->keep_stop, 0, PASSIM_OK};
    *first = p->q->nwords;
    passim_analyze(NULL, p->a, p->text + s, n, 1, add_word, &ws);
    *count = p->q->nwords - *first;
    return ws.st;
}

static passim_status push_clause(parser *p, int kind, size_t first, size_t n)
{
    passim_query *q = p->q;
    if (q->nclauses == p->cap_clauses) {
        size_t cap = p->cap_clauses ? p->cap_clauses * 2 : 16;
        passim_clause *v = realloc(q->clauses, cap * sizeof *v);
        if (!v)
            return passim_error_nomem("query clauses");
        q->clauses = v;
        p->cap_clauses = cap;
    }
    q->clauses[q->nclauses++] = (passim_clause){kind, first, n};
    return PASSIM_OK;
}

/* A leaf for words[first .. first+n): nothing (NULL, OK) when n == 0, a
 * term for one word, a phrase for more. */
static passim_status leaf(passim_qnode **out, const parser *p, size_t first, size_t n,
                          int field, size_t offset)
{
    *out = NULL;
    if (n == 0)
        return PASSIM_OK;
    if (n > PASSIM_MAX_PHRASE_WORDS)
        return syntax_error(offset, "phrase too long");
    /* Index terms are stems: a prefix is matched against them as typed
     * ("remed*" → remedi, not rememb), and the stem of the prefix itself
     * is added as a term ("running*" also finds "run"). */
    passim_qnode *node = node_new(n > 1 ? N_PHRASE : p->q->words[first].prefix ? N_PREFIX : N_TERM);
    if (!node)
        return passim_error_nomem("query tree");
    node->first = first;
    node->n = n;
    node->field = field;
    *out = node;
    return PASSIM_OK;
}

/* ---- dates -------------------------------------------------------------- */

static int digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int num2(const char *s)
{
    return (s[0] - '0') * 10 + (s[1] - '0');
}

/* Is s[0..n) "HH:MM", "HH:MM:SS" or "HH:MM:SS.fff", then nothing, "Z" or
 * "+HH:MM" / "-HH:MM"? */
static int valid_time(const char *s, size_t n)
{
    size_t i = 5;
    if (n < 5 || !digits(s, 2) || s[2] != ':' || !digits(s + 3, 2) || num2(s) > 23 ||
        num2(s + 3) > 59)
        return 0;
    if (i < n && s[i] == ':') {
        if (n < i + 3 || !digits(s + i + 1, 2) || num2(s + i + 1) > 60)
            return 0;
        i += 3;
        if (i < n && s[i] == '.') {
            size_t f = ++i;
            while (i < n && s[i] >= '0' && s[i] <= '9')
                i++;
            if (i == f)
                return 0;
        }
    }
    if (i == n)
        return 1;
    if (s[i] == 'Z')
        return i + 1 == n;
    if (s[i] != '+' && s[i] != '-')
        return 0;
    return n == i + 6 && digits(s + i + 1, 2) && s[i + 3] == ':' && digits(s + i + 4, 2) &&
           num2(s + i + 1) <= 23 && num2(s + i + 4) <= 59;
}

/* Check s[0..n): "YYYY", "YYYY-MM", "YYYY-MM-DD" of a day that exists, or
 * an ISO timestamp "YYYY-MM-DDTHH:MM[:SS[.f]][Z|±HH:MM]" (the time is
 * checked, then only its day is used). *dn gets the length of the date
 * part. NULL when valid, else what is wrong. */
static const char *check_date_part(const char *s, size_t n, size_t *dn)
{
    static _Thread_local char msg[96];
    static const char *MONTHS[12] = {"January", "February", "March", "April", "May",
                                     "June", "July", "August", "September",
                                     "October", "November", "December"};
    const char *form = "date: takes YYYY, YYYY-MM, YYYY-MM-DD or a range A..B";
    *dn = n > 10 ? 10 : n;
    if (n > 10 && (s[10] != 'T' || !valid_time(s + 11, n - 11)))
        return n > 10 && s[10] == 'T' ? "date: has a bad time (HH:MM[:SS][Z|+HH:MM])"
                                      : form;
    n = *dn;
    if ((n != 4 && n != 7 && n != 10) || !digits(s, 4) ||
        (n >= 7 && (s[4] != '-' || !digits(s + 5, 2))) ||
        (n == 10 && (s[7] != '-' || !digits(s + 8, 2))))
        return form;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + num2(s + 2);
    int m = n >= 7 ? num2(s + 5) : 1, d = n == 10 ? num2(s + 8) : 1;
    if (m < 1 || m > 12)
        return "date: has no such month (01 to 12)";
    if (d < 1 || d > passim_month_days(y, m)) {
        snprintf(msg, sizeof msg, "date: has no such day (%s %d has %d days)",
                 MONTHS[m - 1], y, passim_month_days(y, m));
        return msg;
    }
    return NULL;
}

/* date:RANGE → a value-range node. Values are "YYYY-MM-DD" strings: a
 * partial lower end is its own prefix (sorts first), a partial upper end
 * is extended with "\xff" so that it includes its whole year or month. */
static passim_status date_node(passim_qnode **out, parser *p, const token *t)
{
    const char *s = p->text + t->start, *dots = NULL;
    size_t n = t->len, lo_n, hi_n;
    *out = NULL;
    for (size_t i = 0; i + 1 < n; i++)
        if (s[i] == '.' && s[i + 1] == '.') {
            dots = s + i;
            break;
        }
    if (dots) {
        lo_n = (size_t)(dots - s);
        hi_n = n - lo_n - 2;
    } else {
        lo_n = hi_n = n;
    }
    const char *hi = dots ? dots + 2 : s;
    const char *bad = NULL;
    if (!lo_n && !hi_n)
        return syntax_error(t->start,
                            "date: takes YYYY, YYYY-MM, YYYY-MM-DD or a range A..B");
    if (lo_n && (bad = check_date_part(s, lo_n, &lo_n)) != NULL)
        return syntax_error(t->start, bad);
    if (hi_n && (bad = check_date_part(hi, hi_n, &hi_n)) != NULL)
        return syntax_error((size_t)(hi - p->text), bad);
    passim_qnode *node = node_new(N_DATE);
    if (!node)
        return passim_error_nomem("query tree");
    memcpy(node->lo, s, lo_n);
    if (hi_n) {
        memcpy(node->hi, hi, hi_n);
        if (hi_n < 10)
            node->hi[hi_n] = '\xff';
    }
    if (lo_n && hi_n && strcmp(node->lo, node->hi) > 0) {
        node_free(node);
        return syntax_error(t->start, "date range ends before it starts");
    }
    p->q->has_filter = 1;
    *out = node;
    return PASSIM_OK;
}

/* ---- the grammar -------------------------------------------------------- */

static passim_status parse_or(passim_qnode **out, parser *p, int field);

static const token *peek(const parser *p)
{
    return &p->toks[p->at];
}

static passim_status enter(parser *p, size_t offset)
{
    if (++p->depth > PASSIM_MAX_QUERY_DEPTH)
        return syntax_error(offset, "query nested too deeply");
    return PASSIM_OK;
}

/* A word token: a term, a phrase of the terms it analyses into, or a
 * prefix. */
static passim_status parse_word(passim_qnode **out, parser *p, const token *t,
                                int field)
{
    size_t first, n;
    int free_word = p->free_word && !field && !t->wildcard;
    passim_status st = analyze_span(&first, &n, p, t->start, t->len, free_word);
    *out = NULL;
    if (st != PASSIM_OK)
        return st;
    if (free_word && n > 1) {
        /* A compound ("U.S.-Vietnam") stays whole: analyse it again with
         * every word kept, as a phrase. */
        p->q->nwords = first;
        if ((st = analyze_span(&first, &n, p, t->start, t->len, 0)) != PASSIM_OK)
            return st;
    }
    /* "foo:bar" is no field: its words are searched, never corrected. */
    if (memchr(p->text + t->start, ':', t->len))
        for (size_t i = first; i < first + n; i++)
            p->q->words[i].plain = 0;
    if (!t->wildcard)
        return leaf(out, p, first, n, field, t->start);
    if (n != 1 || strlen(p->q->words[first].folded) < 2)
        return syntax_error(t->start,
                            "a prefix* needs one word of at least 2 letters");
    p->q->words[first].prefix = 1;
    p->q->words[first].plain = 0;
    return leaf(out, p, first, n, field, t->start);
}

/* A quoted phrase: its words, a word written with '*' right after it
 * ("prime minist*") a prefix. */
static passim_status parse_phrase(passim_qnode **out, parser *p, const token *t,
                                  int field)
{
    word_sink ws = {p, t->start, 0, 1, PASSIM_OK};
    size_t first = p->q->nwords;
    *out = NULL;
    passim_analyze(NULL, p->a, p->text + t->start, t->len, 1, add_word, &ws);
    if (ws.st != PASSIM_OK)
        return ws.st;
    for (size_t i = first; i < p->q->nwords; i++)
        if (p->q->words[i].prefix && strlen(p->q->words[i].folded) < 2)
            return syntax_error(p->q->words[i].start,
                                "a prefix* needs at least 2 letters");
    return leaf(out, p, first, p->q->nwords - first, field, t->start);
}

static passim_status parse_primary(passim_qnode **out, parser *p, int field)
{
    const token *t = peek(p);
    passim_status st;
    *out = NULL;
    switch (t->type) {
    case T_LPAREN:
        if ((st = enter(p, t->start)) != PASSIM_OK)
            return st;
        p->at++;
        if ((st = parse_or(out, p, field)) != PASSIM_OK)
            return st;
        if (peek(p)->type != T_RPAREN) {
            node_free(*out);
            *out = NULL;
            return syntax_error(peek(p)->start, "expected ')'");
        }
        p->at++;
        p->depth--;
        return PASSIM_OK;
    case T_PHRASE:
        p->at++;
        return parse_phrase(out, p, t, field);
    case T_WORD:
        p->at++;
        return parse_word(out, p, t, field);
    case T_FIELD:
        p->at++;
        if (field)
            return syntax_error(t->start, "a field inside a field (title: inside title:)");
        if ((st = enter(p, t->start)) != PASSIM_OK)
            return st;
        st = parse_primary(out, p, t->field);
        p->depth--;
        return st;
    case T_DATE:
        p->at++;
        return date_node(out, p, t);
    case T_END:
        return syntax_error(t->start, "query ends where a word was expected");
    case T_RPAREN:
        return syntax_error(t->start, "unexpected ')'");
    default:
        return syntax_error(t->start, "operator where a word was expected");
    }
}

/* primary (NEAR primary)*: the operands must be single words. */
static passim_status parse_near(passim_qnode **out, parser *p, int field)
{
    if (p->toks[p->at + (peek(p)->type != T_END)].type == T_NEAR)
        p->free_word = 0; /* NEAR operands are kept */
    passim_status st = parse_primary(out, p, field);
    p->free_word = 0;
    if (st != PASSIM_OK || peek(p)->type != T_NEAR)
        return st;
    passim_qnode *kids[PASSIM_MAX_PHRASE_WORDS];
    size_t n = 0;
    uint32_t window = 0;
    size_t offset = peek(p)->start;
    kids[n++] = *out;
    *out = NULL;
    while (peek(p)->type == T_NEAR) {
        const token *op = peek(p);
        if (op->window > window)
            window = op->window;
        p->at++;
        if (n == PASSIM_MAX_PHRASE_WORDS) {
            st = syntax_error(op->start, "too many NEAR operands");
            goto fail;
        }
        if ((st = parse_primary(&kids[n], p, field)) != PASSIM_OK)
            goto fail;
        n++;
    }
    for (size_t i = 0; i < n; i++)
        if (!kids[i] || (kids[i]->kind != N_TERM && kids[i]->kind != N_PREFIX) ||
            kids[i]->field) {
            st = syntax_error(offset, "NEAR joins single words (or prefix*es)");
            goto fail;
        }
    *out = node_inner(N_NEAR, kids, n);
    if (!*out)
        return passim_error_nomem("query tree");
    /* Xapian's window counts the span of all the words. */
    (*out)->window = window + (uint32_t)n - 1;
    return PASSIM_OK;
fail:
    for (size_t i = 0; i < n; i++)
        node_free(kids[i]);
    return st;
}

/* A growable list of nodes. */
typedef struct nodes {
    passim_qnode **v;
    size_t n, cap;
} nodes;

static passim_status nodes_push(nodes *l, passim_qnode *x)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        passim_qnode **v = realloc(l->v, cap * sizeof *v);
        if (!v) {
            node_free(x);
            return passim_error_nomem("query tree");
        }
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = x;
    return PASSIM_OK;
}

static void nodes_free(nodes *l)
{
    for (size_t i = 0; i < l->n; i++)
        node_free(l->v[i]);
    free(l->v);
}

/* One list as a node: NULL when empty, the node itself when single. The
 * list's nodes are taken over and the list emptied. */
static passim_status list_node(passim_qnode **out, nodes *l, int kind)
{
    *out = NULL;
    if (l->n == 1)
        *out = l->v[0];
    else if (l->n > 1 && !(*out = node_inner(kind, l->v, l->n))) {
        l->n = 0;
        return passim_error_nomem("query tree");
    }
    l->n = 0;
    return PASSIM_OK;
}

/* A query of nothing but stopwords: its juxtaposed free words, when they
 * follow each other ("to be or not to be"), are one phrase. */
static passim_status stopwords_as_phrase(nodes *should)
{
    if (should->n < 2)
        return PASSIM_OK;
    for (size_t i = 0; i < should->n; i++) {
        const passim_qnode *x = should->v[i];
        if (x->kind != N_TERM || x->field || x->first != should->v[0]->first + i)
            return PASSIM_OK;
    }
    if (should->n > PASSIM_MAX_PHRASE_WORDS)
        return PASSIM_OK;
    passim_qnode *ph = node_new(N_PHRASE);
    if (!ph)
        return passim_error_nomem("query tree");
    ph->first = should->v[0]->first;
    ph->n = should->n;
    for (size_t i = 0; i < should->n; i++)
        node_free(should->v[i]);
    should->v[0] = ph;
    should->n = 1;
    return PASSIM_OK;
}

/* Juxtaposed items: (must AND…) AND_MAYBE (should OR…), AND_NOT the
 * excluded, FILTER by dates. NULL when the bag holds no word. */
static passim_status parse_bag(passim_qnode **out, parser *p, int field)
{
    passim_status st = PASSIM_OK;
    nodes should = {0}, must = {0}, mustnot = {0}, dates = {0};
    passim_qnode *pos = NULL, *x = NULL, *y = NULL;
    *out = NULL;
    for (;;) {
        const token *t = peek(p);
        int role = 0; /* 0 should, 1 must, 2 must not */
        if (t->type == T_END || t->type == T_RPAREN || t->type == T_AND ||
            t->type == T_OR || (t->type == T_NOT && (should.n || must.n || mustnot.n || dates.n)))
            break;
        if (t->type == T_PLUS || t->type == T_MINUS || t->type == T_NOT) {
            role = t->type == T_PLUS ? 1 : 2;
            p->at++;
            if ((st = enter(p, t->start)) != PASSIM_OK)
                goto out;
            st = parse_near(&x, p, field);
            p->depth--;
        } else {
            p->free_word = 1;
            st = parse_near(&x, p, field);
            p->free_word = 0;
            if (p->flags & PASSIM_PARSE_ALL_WORDS)
                role = 1;
        }
        if (st != PASSIM_OK)
            goto out;
        if (!x)
            continue; /* a word with no terms, e.g. "--" */
        if (x->kind == N_DATE)
            st = nodes_push(role == 2 ? &mustnot : &dates, x);
        else
            st = nodes_push(role == 0 ? &should : role == 1 ? &must : &mustnot, x);
        x = NULL;
        if (st != PASSIM_OK)
            goto out;
    }
    if (p->keep_stop && (st = stopwords_as_phrase(&should)) != PASSIM_OK)
        goto out;
    if ((st = list_node(&x, &must, N_AND)) != PASSIM_OK ||
        (st = list_node(&y, &should, N_OR)) != PASSIM_OK)
        goto out;
    if (x && y)
        pos = node_pair(N_AND_MAYBE, x, y);
    else
        pos = x ? x : y;
    x = y = NULL;
    if ((st = list_node(&x, &dates, N_AND)) != PASSIM_OK)
        goto out;
    if (x) {
        pos = pos ? node_pair(N_FILTER, pos, x) : x;
        x = NULL;
        if (!pos) {
            st = passim_error_nomem("query tree");
            goto out;
        }
    }
    if ((st = list_node(&x, &mustnot, N_OR)) != PASSIM_OK)
        goto out;
    if (x) {
        if (!pos && !(pos = node_new(N_ALL))) {
            st = passim_error_nomem("query tree");
            goto out;
        }
        pos = node_pair(N_AND_NOT, pos, x);
        x = NULL;
        if (!pos) {
            st = passim_error_nomem("query tree");
            goto out;
        }
    }
    *out = pos;
    pos = NULL;
out:
    node_free(pos);
    node_free(x);
    node_free(y);
    nodes_free(&should);
    nodes_free(&must);
    nodes_free(&mustnot);
    nodes_free(&dates);
    return st;
}

/* Combine two sides of a binary operator where either may be empty. */
static passim_qnode *combine(int kind, passim_qnode *a, passim_qnode *b)
{
    if (!a && !b)
        return NULL;
    if (kind == N_AND_NOT) {
        if (!b)
            return a;
        if (!a && !(a = node_new(N_ALL))) {
            node_free(b);
            return NULL;
        }
        return node_pair(kind, a, b);
    }
    if (!a)
        return b;
    if (!b)
        return a;
    return node_pair(kind, a, b);
}

/* Node kind of a binary operator token at its level (or -1): AND and NOT
 * bind bags, OR binds AND-expressions. */
static int and_level_op(int type)
{
    return type == T_AND ? N_AND : type == T_NOT ? N_AND_NOT : -1;
}

static int or_level_op(int type)
{
    return type == T_OR ? N_OR : -1;
}

/* operand ( OP operand )* for the operators op_kind() knows, each
 * combining the two sides (either may hold no word). */
static passim_status parse_binary(passim_qnode **out, parser *p, int field,
                                  passim_status (*operand)(passim_qnode **, parser *, int),
                                  int (*op_kind)(int))
{
    passim_status st = operand(out, p, field);
    int kind;
    while (st == PASSIM_OK && (kind = op_kind(peek(p)->type)) >= 0) {
        const token *op = peek(p);
        passim_qnode *rhs = NULL;
        int next;
        p->at++;
        next = peek(p)->type;
        if (next == T_END || next == T_RPAREN || next == T_AND || next == T_OR) {
            st = syntax_error(op->start, op->type == T_AND   ? "AND needs a word after it"
                                         : op->type == T_NOT ? "NOT needs a word after it"
                                                             : "OR needs a word after it");
            break;
        }
        if ((st = operand(&rhs, p, field)) != PASSIM_OK)
            break;
        passim_qnode *lhs = *out;
        int empty = !lhs && !rhs;
        *out = combine(kind, lhs, rhs);
        if (!*out && !empty)
            st = passim_error_nomem("query tree");
    }
    if (st != PASSIM_OK) {
        node_free(*out);
        *out = NULL;
    }
    return st;
}

static passim_status parse_and(passim_qnode **out, parser *p, int field)
{
    return parse_binary(out, p, field, parse_bag, and_level_op);
}

static passim_status parse_or(passim_qnode **out, parser *p, int field)
{
    if (peek(p)->type == T_OR)
        return syntax_error(peek(p)->start, "OR needs a word before it");
    return parse_binary(out, p, field, parse_and, or_level_op);
}

/* Record the positive leaves of the tree as clauses for the passage stage
 * (the right side of AND_NOT is negative; FILTER's right side and dates
 * carry no words). */
static passim_status collect_clauses(parser *p, passim_qnode *n)
{
    passim_status st = PASSIM_OK;
    n->clause = p->q->nclauses;
    switch (n->kind) {
    case N_TERM:
        return push_clause(p, PASSIM_CLAUSE_WORD, n->first, 1);
    case N_PHRASE:
        if (n->field) {
            for (size_t i = 0; i < n->n && st == PASSIM_OK; i++)
                st = push_clause(p, p->q->words[n->first + i].prefix ? PASSIM_CLAUSE_PREFIX
                                                                     : PASSIM_CLAUSE_WORD,
                                 n->first + i, 1);
            return st;
        }
        return push_clause(p, PASSIM_CLAUSE_PHRASE, n->first, n->n);
    case N_PREFIX:
        return push_clause(p, PASSIM_CLAUSE_PREFIX, n->first, 1);
    case N_AND_NOT:
    case N_FILTER:
        return collect_clauses(p, n->kids[0]);
    default:
        for (size_t i = 0; i < n->nkids && st == PASSIM_OK; i++)
            st = collect_clauses(p, n->kids[i]);
        return st;
    }
}

/* Batch text: every word free, no operators. */
static passim_status parse_words_only(parser *p)
{
    size_t first, n;
    nodes should = {0};
    passim_status st = analyze_span(&first, &n, p, 0, p->len, 1);
    for (size_t i = 0; i < n && st == PASSIM_OK; i++) {
        passim_qnode *leaf_node = NULL;
        if ((st = leaf(&leaf_node, p, first + i, 1, 0, 0)) == PASSIM_OK)
            st = nodes_push(&should, leaf_node);
    }
    if (st == PASSIM_OK)
        st = list_node(&p->q->root, &should, N_OR);
    nodes_free(&should);
    return st;
}

/* One parse with stopword list `stop` (may be NULL); *dropped gets how
 * many stopwords were left out. */
static passim_status parse_once(passim_query **out, passim_analyzer *a,
                                const char *text, size_t len, int flags,
                                const passim_idset *stop, int keep_stop, size_t *dropped)
{
    passim_status st;
    parser p = {0};
    p.stop = stop;
    p.keep_stop = keep_stop;
    size_t max_bytes = flags & PASSIM_PARSE_BATCH ? PASSIM_MAX_BATCH_QUERY_BYTES
                                                  : PASSIM_MAX_QUERY_BYTES;
    *out = NULL;
    error_offset = 0;
    if (len > max_bytes)
        return syntax_error(max_bytes, flags & PASSIM_PARSE_BATCH
                                           ? "query is longer than 262144 bytes"
                                           : "query is longer than 4096 bytes");
    p.a = a;
    p.text = text;
    p.len = len;
    p.flags = flags;
    p.max_words = flags & PASSIM_PARSE_BATCH ? PASSIM_MAX_BATCH_QUERY_WORDS
                                             : PASSIM_MAX_QUERY_WORDS;
    if (!(p.q = calloc(1, sizeof *p.q)))
        return passim_error_nomem("query");
    if (flags & PASSIM_PARSE_WORDS_ONLY) {
        st = parse_words_only(&p);
    } else if ((st = lex(&p)) == PASSIM_OK &&
               (st = parse_or(&p.q->root, &p, 0)) == PASSIM_OK &&
               peek(&p)->type != T_END) {
        st = syntax_error(peek(&p)->start, peek(&p)->type == T_RPAREN
                                               ? "unmatched ')'"
                                               : "unexpected text");
    }
    if (st == PASSIM_OK && p.q->root)
        st = collect_clauses(&p, p.q->root);
    free(p.toks);
    *dropped = p.dropped;
    if (st != PASSIM_OK) {
        passim_query_free(p.q);
        return st;
    }
    *out = p.q;
    return PASSIM_OK;
}

/* Are the words of q's clauses all stopwords (and there is one)? */
static int all_stopwords(const passim_query *q)
{
    for (size_t c = 0; c < q->nclauses; c++)
        for (size_t i = 0; i < q->clauses[c].n; i++)
            if (!q->words[q->clauses[c].first + i].stop)
                return 0;
    return q->nclauses > 0;
}

passim_status passim_query_parse_stop(passim_query **out, passim_analyzer *a,
                                      const char *text, size_t len, int flags,
                                      const passim_idset *stop)
{
    passim_error_clear();
    size_t dropped = 0;
    passim_status st = parse_once(out, a, text, len, flags, stop, 0, &dropped);
    /* A query of nothing but stopwords ("The Who") keeps them. */
    if (st == PASSIM_OK && stop && dropped && (*out)->nclauses == 0) {
        passim_query_free(*out);
        st = parse_once(out, a, text, len, flags, stop, 1, &dropped);
        if (st == PASSIM_OK)
            (*out)->stop_only = 1;
    } else if (st == PASSIM_OK && stop && all_stopwords(*out)) {
        (*out)->stop_only = 1; /* "to be or not to be", quoted */
    }
    return st;
}

passim_status passim_query_parse_flags(passim_query **out, passim_analyzer *a,
                                       const char *text, size_t len, int flags)
{
    passim_error_clear();
    return passim_query_parse_stop(out, a, text, len, flags, NULL);
}

passim_status passim_query_parse(passim_query **out, passim_analyzer *a,
                                 const char *text, size_t len)
{
    passim_error_clear();
    return passim_query_parse_flags(out, a, text, len, 0);
}

/* ---- building the Xapian query ----------------------------------------- */

/* The term of word w: its stem, "S"-prefixed for title words. */
static passim_status term_query(xc_query **out, const passim_qword *w, int field,
                                uint32_t pos)
{
    char term[PASSIM_MAX_TERM_BYTES + 2];
    size_t n = strlen(w->stem);
    if (!field)
        return xc_query_term(out, w->stem, n, 1, pos);
    term[0] = (char)field;
    memcpy(term + 1, w->stem, n);
    return xc_query_term(out, term, n + 1, 1, pos);
}

/* What building a Xapian query needs: the query and, to expand prefixes
 * inside phrases and NEAR, the database (may be NULL). */
typedef struct builder {
    const passim_query *q;
    xc_db *db;
    int negative; /* building what AND_NOT excludes */
} builder;

typedef struct expansion {
    xc_query *terms[PASSIM_MAX_WILDCARD + 1];
    size_t n;
    const char *stem; /* the prefix's own stem, if it is an index term */
    int stem_seen;
    passim_status st;
} expansion;

/* Term callback: one more term of a prefix's expansion. */
static int expand_term(void *ctx, const char *term, size_t len, uint32_t tf)
{
    expansion *e = ctx;
    (void)tf;
    if (e->n == PASSIM_MAX_WILDCARD) {
        e->st = passim_query_error_unplaced("a prefix* is too broad: it matches too many "
                                            "words; make the prefix longer");
        return 1;
    }
    if (strlen(e->stem) == len && memcmp(e->stem, term, len) == 0)
        e->stem_seen = 1;
    e->st = xc_query_term(&e->terms[e->n], term, len, 1, 0);
    if (e->st != PASSIM_OK)
        return 1;
    e->n++;
    return 0;
}

/* A prefix inside a phrase or NEAR: Xapian 1.4 takes only terms or an OR
 * of terms there, so the prefix is expanded here, over the index terms
 * starting with it (at most PASSIM_MAX_WILDCARD, else too broad), plus its
 * own stem. */
static passim_status expanded_prefix(xc_query **out, const builder *b,
                                     const passim_qword *w, uint32_t pos)
{
    expansion *e = calloc(1, sizeof *e);
    passim_status st;
    *out = NULL;
    if (!e)
        return passim_error_nomem("prefix* expansion");
    e->stem = w->stem;
    st = xc_db_terms(b->db, w->folded, strlen(w->folded), expand_term, e);
    if (st == PASSIM_OK)
        st = e->st;
    if (st == PASSIM_OK && !e->stem_seen &&
        (st = term_query(&e->terms[e->n], w, 0, pos)) == PASSIM_OK)
        e->n++;
    if (st == PASSIM_OK)
        st = xc_query_combine(out, XC_OP_OR, e->terms, e->n, 0);
    for (size_t i = 0; i < e->n; i++)
        xc_query_free(e->terms[i]);
    free(e);
    return st;
}

/* Word w as a query: its term, or for a prefix the index terms starting
 * with it as typed (at most PASSIM_MAX_WILDCARD of them, else the match
 * fails as too broad) plus its own stem ("running*" also finds "run"),
 * in `field` (a term prefix, or 0). `windowed`: inside a phrase or NEAR. */
static passim_status word_query(xc_query **out, const builder *b, const passim_qword *w,
                                int field, uint32_t pos, int windowed)
{
    char pre[PASSIM_MAX_TERM_BYTES + 2];
    size_t n = strlen(w->folded), k = 0;
    xc_query *pair[2] = {NULL, NULL};
    passim_status st;
    *out = NULL;
    if (!w->prefix)
        return term_query(out, w, field, pos);
    if (windowed) /* without a database: its own stem */
        return b->db ? expanded_prefix(out, b, w, pos) : term_query(out, w, field, pos);
    if (field)
        pre[k++] = (char)field;
    memcpy(pre + k, w->folded, n);
    if ((st = xc_query_wildcard(&pair[0], pre, k + n, PASSIM_MAX_WILDCARD)) != PASSIM_OK)
        return st;
    if (strcmp(w->stem, w->folded) == 0) {
        *out = pair[0];
        return PASSIM_OK;
    }
    if ((st = term_query(&pair[1], w, field, 0)) == PASSIM_OK)
        st = xc_query_combine(out, XC_OP_SYNONYM, pair, 2, 0);
    xc_query_free(pair[0]);
    xc_query_free(pair[1]);
    return st;
}

/* A phrase as Xapian matches it: its words in order, stopwords left out
 * (the index holds none) with the window spanning where they stood. */
static passim_status phrase_query(xc_query **out, const builder *b,
                                  const passim_qnode *n)
{
    passim_status st = PASSIM_OK;
    xc_query *subs[PASSIM_MAX_PHRASE_WORDS] = {0};
    size_t k = 0, first = SIZE_MAX, last = 0;

    *out = NULL;
    for (size_t i = 0; i < n->n && st == PASSIM_OK; i++) {
        const passim_qword *w = &b->q->words[n->first + i];
        if (w->stop)
            continue;
        if (first == SIZE_MAX)
            first = i;
        last = i;
        st = word_query(&subs[k++], b, w, 0, (uint32_t)(n->first + i + 1), 1);
    }
    if (st == PASSIM_OK) {
        if (k == 0) /* all stopwords: nothing in the index to match */
            st = xc_query_combine(out, XC_OP_OR, NULL, 0, 0);
        else if (k == 1) {
            *out = subs[0];
            subs[0] = NULL;
        } else
            st = xc_query_combine(out, XC_OP_PHRASE, subs, k, (uint32_t)(last - first + 1));
    }
    for (size_t i = 0; i < k; i++)
        xc_query_free(subs[i]);
    return st;
}

static int xc_op_of(int kind)
{
    switch (kind) {
    case N_AND: return XC_OP_AND;
    case N_OR: return XC_OP_OR;
    case N_AND_MAYBE: return XC_OP_AND_MAYBE;
    case N_AND_NOT: return XC_OP_AND_NOT;
    case N_FILTER: return XC_OP_FILTER;
    case N_NEAR: return XC_OP_NEAR;
    default: return XC_OP_OR;
    }
}

/* In a query of stopwords, a leaf of stopwords only (outside fields,
 * whose terms include stopwords). */
static int stop_leaf(const builder *b, const passim_qnode *n)
{
    if (!b->q->stop_only || n->field ||
        (n->kind != N_TERM && n->kind != N_PHRASE && n->kind != N_PREFIX))
        return 0;
    for (size_t i = 0; i < n->n; i++)
        if (!b->q->words[n->first + i].stop)
            return 0;
    return 1;
}

static passim_status build_node(xc_query **out, const builder *b,
                                const passim_qnode *n)
{
    const passim_query *q = b->q;
    passim_status st = PASSIM_OK;
    xc_query **subs = NULL;
    size_t nsubs = 0;

    *out = NULL;
    if (stop_leaf(b, n))
        /* A query of stopwords: the index holds no posting for them, so
         * every article is a candidate, checked in its text afterwards
         * (search.c); an excluded stopword excludes nothing. */
        return b->negative ? xc_query_combine(out, XC_OP_OR, NULL, 0, 0)
                           : xc_query_match_all(out);
    switch (n->kind) {
    case N_TERM:
        return term_query(out, &q->words[n->first], n->field, (uint32_t)n->first + 1);
    case N_PREFIX:
        return word_query(out, b, &q->words[n->first], n->field, (uint32_t)n->first + 1,
                          0);
    case N_DATE:
        return xc_query_value_range(out, PASSIM_VALUE_DATE, n->lo[0] ? n->lo : NULL,
                                    n->hi[0] ? n->hi : NULL);
    case N_ALL:
        return xc_query_match_all(out);
    case N_PHRASE:
        if (!n->field)
            return phrase_query(out, b, n);
        nsubs = n->n;
        break;
    default:
        nsubs = n->nkids;
        break;
    }
    subs = calloc(nsubs, sizeof *subs);
    if (!subs)
        return passim_error_nomem("building the Xapian query");
    for (size_t i = 0; i < nsubs && st == PASSIM_OK; i++) {
        if (n->kind == N_PHRASE)
            st = word_query(&subs[i], b, &q->words[n->first + i],
                            n->field, (uint32_t)(n->first + i + 1), 0);
        else if (n->kind == N_NEAR && n->kids[i]->kind == N_PREFIX)
            st = word_query(&subs[i], b, &q->words[n->kids[i]->first],
                            0, (uint32_t)n->kids[i]->first + 1, 1);
        else if (n->kind == N_AND_NOT && i > 0) {
            builder nb = *b;
            nb.negative = 1;
            st = build_node(&subs[i], &nb, n->kids[i]);
        } else
            st = build_node(&subs[i], b, n->kids[i]);
    }
    if (st == PASSIM_OK) {
        if (n->kind == N_PHRASE)
            /* Title terms have no positions: a title phrase is an AND. */
            st = xc_query_combine(out, n->field ? XC_OP_AND : XC_OP_PHRASE, subs,
                                  nsubs, (uint32_t)nsubs);
        else
            st = xc_query_combine(out, xc_op_of(n->kind), subs, nsubs, n->window);
    }
    for (size_t i = 0; i < nsubs; i++)
        xc_query_free(subs[i]);
    free(subs);
    return st;
}

passim_status passim_query_build_db(xc_query **out, const passim_query *q, xc_db *db)
{
    passim_error_clear();
    builder b = {q, db, 0};
    *out = NULL;
    if (!q->root)
        return xc_query_combine(out, XC_OP_OR, NULL, 0, 0); /* nothing */
    return build_node(out, &b, q->root);
}

passim_status passim_query_build_clause(xc_query **out, const passim_query *q, size_t c,
                                        xc_db *db)
{
    passim_error_clear();
    builder b = {q, db, 0};
    passim_qnode n;
    const passim_clause *cl = &q->clauses[c];
    memset(&n, 0, sizeof n);
    n.kind = cl->kind == PASSIM_CLAUSE_PHRASE   ? N_PHRASE
             : cl->kind == PASSIM_CLAUSE_PREFIX ? N_PREFIX
                                                : N_TERM;
    n.first = cl->first;
    n.n = cl->n;
    *out = NULL;
    return build_node(out, &b, &n);
}

passim_status passim_query_build(xc_query **out, const passim_query *q)
{
    passim_error_clear();
    return passim_query_build_db(out, q, NULL);
}

/* Does the subtree n hold, given which clauses were found? */
static int eval_node(const passim_query *q, const passim_qnode *n,
                     const unsigned char *found)
{
    switch (n->kind) {
    case N_TERM:
    case N_PREFIX:
        return found[n->clause];
    case N_PHRASE:
        if (n->field) {
            for (size_t i = 0; i < n->n; i++)
                if (!found[n->clause + i])
                    return 0;
            return 1;
        }
        return found[n->clause];
    case N_DATE:
    case N_ALL:
        return 1;
    case N_OR:
        for (size_t i = 0; i < n->nkids; i++)
            if (eval_node(q, n->kids[i], found))
                return 1;
        return 0;
    case N_AND:
    case N_NEAR:
        for (size_t i = 0; i < n->nkids; i++)
            if (!eval_node(q, n->kids[i], found))
                return 0;
        return 1;
    default: /* AND_MAYBE, AND_NOT, FILTER: what the left side needs */
        return eval_node(q, n->kids[0], found);
    }
}

int passim_query_holds(const passim_query *q, const unsigned char *found)
{
    return q->root && eval_node(q, q->root, found);
}

void passim_query_free(passim_query *q)
{
    if (!q)
        return;
    node_free(q->root);
    free(q->words);
    free(q->clauses);
    free(q);
}
