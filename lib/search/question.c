/* question.c — what a query asks for (contract in question.h).
 *
 * The first few plain words of the query are read (ASCII letters and
 * inner apostrophes, lower-cased into a small buffer), a question phrase
 * is matched against them word by word, and the rest is a substring of
 * the query: nothing inside it is ever rewritten.
 */
#include "search/question.h"

#include <stdlib.h>
#include <string.h>

#define MAX_WORDS 12
#define WORD_MAX 24

typedef struct qw {
    size_t start, end;     /* bytes in the query */
    char w[WORD_MAX + 1];  /* lower case; "what's" -> "what" (+ is) */
    int contracted_is;     /* the word ended in 's ("what's") */
    int caps;              /* written in capitals, 2 letters or more */
} qw;

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_operator_word(const char *w, size_t n);

/* The end of the query once trailing white space and (with cut_qmark)
 * '?' marks are cut. The marks stay when cutting them would change what
 * the query language reads: after an operator ("AND?" is a word, "AND"
 * an operator) or a sign, colon or other syntax ("title:?", "+?"). */
static size_t trimmed_end(const char *q, size_t start, size_t len, int cut_qmark)
{
    size_t e = len;
    while (e > start && is_space((unsigned char)q[e - 1]))
        e--;
    if (!cut_qmark)
        return e;
    size_t keep = e;
    while (e > start && (q[e - 1] == '?' || is_space((unsigned char)q[e - 1])))
        e--;
    if (e == keep || e == start)
        return e;
    unsigned char c = (unsigned char)q[e - 1];
    if (!(is_alpha(c) || (c >= '0' && c <= '9') || c == '"' || c == ')' || c == '*' || c >= 0x80))
        return keep;
    size_t cs = e;
    while (cs > start && !is_space((unsigned char)q[cs - 1]))
        cs--;
    if (is_operator_word(q + cs, e - cs))
        return keep;
    return e;
}

/* Read up to MAX_WORDS leading plain words; returns how many. A word is
 * plain when it is made of letters (and apostrophes between letters) and
 * followed by white space, the end, or '?' marks ending the query. */
static size_t read_words(qw *w, const char *q, size_t len)
{
    size_t n = 0, i = 0, qend = trimmed_end(q, 0, len, 1);
    while (n < MAX_WORDS) {
        while (i < len && is_space((unsigned char)q[i]))
            i++;
        if (i >= len || !is_alpha((unsigned char)q[i]))
            break;
        size_t s = i, k = 0, upper = 0;
        int bad = 0;
        while (i < len && (is_alpha((unsigned char)q[i]) ||
                           (q[i] == '\'' && i + 1 < len && is_alpha((unsigned char)q[i + 1]) &&
                            i > s))) {
            if (q[i] >= 'A' && q[i] <= 'Z')
                upper++;
            if (k < WORD_MAX)
                w[n].w[k++] = (char)(q[i] >= 'A' && q[i] <= 'Z' ? q[i] + 32 : q[i]);
            else
                bad = 1;
            i++;
        }
        int ends = i >= len || is_space((unsigned char)q[i]) || (i >= qend && q[i] == '?');
        if (!ends || bad)
            break;
        w[n].w[k] = '\0';
        w[n].start = s;
        w[n].end = i;
        w[n].caps = upper >= 2 && upper == (size_t)(i - s) - (memchr(q + s, '\'', i - s) != NULL);
        w[n].contracted_is = 0;
        if (k > 2 && w[n].w[k - 2] == '\'' && w[n].w[k - 1] == 's') {
            w[n].w[k - 2] = '\0';
            w[n].contracted_is = 1;
        }
        n++;
    }
    return n;
}

static int in_list(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(w, *list) == 0)
            return 1;
    return 0;
}

static const char *const AUX[] = {
    "did", "does", "do", "is", "was", "were", "are", "has", "have", "had", "will",
    "would", "can", "could", "should", "shall", "may", "might", "must", NULL};
static const char *const DET[] = {"the", "a", "an", NULL};
static const char *const PREP[] = {"in", "on", "at", "from", "for", "by", "to", "with",
                                   "since", "during", "until", "of", "into", NULL};
static const char *const OPS[] = {"AND", "OR", "NOT", "NEAR", NULL};

typedef struct kindword {
    const char *word;
    unsigned kind;
} kindword;

static const kindword KIND_WORDS[] = {
    {"year", PASSIM_KIND_DATE}, {"years", PASSIM_KIND_DATE}, {"date", PASSIM_KIND_DATE},
    {"day", PASSIM_KIND_DATE}, {"month", PASSIM_KIND_DATE}, {"time", PASSIM_KIND_DATE},
    {"decade", PASSIM_KIND_DATE}, {"century", PASSIM_KIND_DATE},
    {"season", PASSIM_KIND_DATE}, {"week", PASSIM_KIND_DATE},
    {"price", PASSIM_KIND_MONEY | PASSIM_KIND_NUMBER},
    {"cost", PASSIM_KIND_MONEY | PASSIM_KIND_NUMBER},
    {"amount", PASSIM_KIND_MONEY | PASSIM_KIND_NUMBER},
    {"sum", PASSIM_KIND_MONEY | PASSIM_KIND_NUMBER},
    {"value", PASSIM_KIND_MONEY | PASSIM_KIND_NUMBER},
    {"salary", PASSIM_KIND_MONEY | PASSIM_KIND_NUMBER},
    {"fee", PASSIM_KIND_MONEY | PASSIM_KIND_NUMBER},
    {"fine", PASSIM_KIND_MONEY | PASSIM_KIND_NUMBER},
    {"revenue", PASSIM_KIND_MONEY | PASSIM_KIND_NUMBER},
    {"profit", PASSIM_KIND_MONEY | PASSIM_KIND_NUMBER},
    {"percentage", PASSIM_KIND_NUMBER}, {"percent", PASSIM_KIND_NUMBER},
    {"proportion", PASSIM_KIND_NUMBER}, {"share", PASSIM_KIND_NUMBER},
    {"rate", PASSIM_KIND_NUMBER}, {"number", PASSIM_KIND_NUMBER},
    {"total", PASSIM_KIND_NUMBER}, {"figure", PASSIM_KIND_NUMBER},
    {"population", PASSIM_KIND_NUMBER}, {"score", PASSIM_KIND_NUMBER},
    {"age", PASSIM_KIND_NUMBER},
    {"company", PASSIM_KIND_ORG}, {"companies", PASSIM_KIND_ORG},
    {"firm", PASSIM_KIND_ORG}, {"firms", PASSIM_KIND_ORG},
    {"business", PASSIM_KIND_ORG}, {"corporation", PASSIM_KIND_ORG},
    {"organisation", PASSIM_KIND_ORG}, {"organization", PASSIM_KIND_ORG},
    {"group", PASSIM_KIND_ORG}, {"team", PASSIM_KIND_ORG}, {"club", PASSIM_KIND_ORG},
    {"party", PASSIM_KIND_ORG}, {"bank", PASSIM_KIND_ORG}, {"agency", PASSIM_KIND_ORG},
    {"airline", PASSIM_KIND_ORG}, {"network", PASSIM_KIND_ORG},
    {"newspaper", PASSIM_KIND_ORG}, {"band", PASSIM_KIND_ORG},
    {"union", PASSIM_KIND_ORG}, {"carmaker", PASSIM_KIND_ORG},
    {"retailer", PASSIM_KIND_ORG}, {"broadcaster", PASSIM_KIND_ORG},
    {"country", PASSIM_KIND_PLACE}, {"countries", PASSIM_KIND_PLACE},
    {"city", PASSIM_KIND_PLACE}, {"cities", PASSIM_KIND_PLACE},
    {"town", PASSIM_KIND_PLACE}, {"state", PASSIM_KIND_PLACE},
    {"nation", PASSIM_KIND_PLACE}, {"region", PASSIM_KIND_PLACE},
    {"place", PASSIM_KIND_PLACE}, {"county", PASSIM_KIND_PLACE},
    {"continent", PASSIM_KIND_PLACE}, {"island", PASSIM_KIND_PLACE},
    {"capital", PASSIM_KIND_PLACE}, {"province", PASSIM_KIND_PLACE},
    {"village", PASSIM_KIND_PLACE}, {"area", PASSIM_KIND_PLACE},
    {"venue", PASSIM_KIND_PLACE}, {"stadium", PASSIM_KIND_PLACE},
    {"person", PASSIM_KIND_PERSON}, {"man", PASSIM_KIND_PERSON},
    {"woman", PASSIM_KIND_PERSON}, {"people", PASSIM_KIND_PERSON},
    {"player", PASSIM_KIND_PERSON}, {"minister", PASSIM_KIND_PERSON},
    {"president", PASSIM_KIND_PERSON}, {"leader", PASSIM_KIND_PERSON},
    {"politician", PASSIM_KIND_PERSON}, {"actor", PASSIM_KIND_PERSON},
    {"actress", PASSIM_KIND_PERSON}, {"singer", PASSIM_KIND_PERSON},
    {"author", PASSIM_KIND_PERSON}, {"manager", PASSIM_KIND_PERSON},
    {"official", PASSIM_KIND_PERSON}, {"coach", PASSIM_KIND_PERSON},
    {"candidate", PASSIM_KIND_PERSON}, {"director", PASSIM_KIND_PERSON},
    {"boss", PASSIM_KIND_PERSON}, {"executive", PASSIM_KIND_PERSON},
    {"chairman", PASSIM_KIND_PERSON}, {"striker", PASSIM_KIND_PERSON},
    {"reason", PASSIM_KIND_REASON}, {"reasons", PASSIM_KIND_REASON},
    {"cause", PASSIM_KIND_REASON},
    {NULL, 0}};

static unsigned kind_word(const char *w)
{
    for (const kindword *k = KIND_WORDS; k->word; k++)
        if (strcmp(w, k->word) == 0)
            return k->kind;
    return 0;
}

#define ANY_NAME (PASSIM_KIND_PERSON | PASSIM_KIND_PLACE | PASSIM_KIND_ORG | PASSIM_KIND_NAME)

/* Match a question phrase at words w[0..n); returns how many words it
 * takes (0: not a question) and sets *want. */
static size_t match_question(unsigned *want, const qw *w, size_t n)
{
    size_t i = 0;
    *want = 0;
    /* Politeness. */
    if (i < n && strcmp(w[i].w, "please") == 0)
        i++;
    if (i + 1 < n && strcmp(w[i].w, "tell") == 0 && strcmp(w[i + 1].w, "me") == 0)
        i += 2;
    else if (i + 3 < n && (strcmp(w[i].w, "can") == 0 || strcmp(w[i].w, "could") == 0) &&
             strcmp(w[i + 1].w, "you") == 0 && strcmp(w[i + 2].w, "tell") == 0 &&
             strcmp(w[i + 3].w, "me") == 0)
        i += 4;
    else if (i + 2 < n && strcmp(w[i].w, "do") == 0 && strcmp(w[i + 1].w, "you") == 0 &&
             strcmp(w[i + 2].w, "know") == 0)
        i += 3;
    /* A preposition before the question word. */
    if (i + 1 < n && in_list(w[i].w, PREP) &&
        (strcmp(w[i + 1].w, "which") == 0 || strcmp(w[i + 1].w, "what") == 0 ||
         strcmp(w[i + 1].w, "whom") == 0 || strcmp(w[i + 1].w, "how") == 0 ||
         strcmp(w[i + 1].w, "whose") == 0 || strcmp(w[i + 1].w, "where") == 0))
        i++;
    if (i >= n)
        return 0;
    const char *q = w[i].w;
    if (!strcmp(q, "who") || !strcmp(q, "whom") || !strcmp(q, "whose")) {
        *want = PASSIM_KIND_PERSON | PASSIM_KIND_ORG;
        return i + 1;
    }
    if (!strcmp(q, "where")) {
        *want = PASSIM_KIND_PLACE;
        return i + 1;
    }
    if (!strcmp(q, "when")) {
        *want = PASSIM_KIND_DATE;
        return i + 1;
    }
    if (!strcmp(q, "why")) {
        *want = PASSIM_KIND_REASON;
        return i + 1;
    }
    if (!strcmp(q, "how")) {
        static const char *const MEASURE[] = {"old", "far", "big", "large", "tall", "high",
                                              "fast", "often", "deep", "heavy", "wide",
                                              "small", "long", NULL};
        if (i + 1 < n && !strcmp(w[i + 1].w, "many")) {
            *want = PASSIM_KIND_NUMBER;
            return i + 2;
        }
        if (i + 1 < n && !strcmp(w[i + 1].w, "much")) {
            *want = PASSIM_KIND_MONEY | PASSIM_KIND_NUMBER;
            if (i + 2 < n && !strcmp(w[i + 2].w, "money"))
                return i + 3;
            return i + 2;
        }
        if (i + 1 < n && in_list(w[i + 1].w, MEASURE)) {
            *want = !strcmp(w[i + 1].w, "long") ? PASSIM_KIND_NUMBER | PASSIM_KIND_DATE
                                                 : PASSIM_KIND_NUMBER;
            return i + 2;
        }
        return i + 1;
    }
    if (!strcmp(q, "what") || !strcmp(q, "which")) {
        size_t j = i + 1;
        /* what caused / what led to: the verb is a content word. */
        if (j < n && (!strcmp(w[j].w, "caused") || !strcmp(w[j].w, "causes") ||
                      !strcmp(w[j].w, "led") || !strcmp(w[j].w, "prompted") ||
                      !strcmp(w[j].w, "triggered"))) {
            *want = PASSIM_KIND_REASON;
            return i + 1;
        }
        /* what [is|was] [the] KIND [of] */
        size_t k = j;
        int aux = 0;
        if (w[i].contracted_is)
            aux = 1;
        else if (k < n && (!strcmp(w[k].w, "is") || !strcmp(w[k].w, "was") ||
                           !strcmp(w[k].w, "are") || !strcmp(w[k].w, "were")))
            k++, aux = 1;
        if (k < n && in_list(w[k].w, DET))
            k++;
        if (k < n && (!strcmp(w[k].w, "name") || !strcmp(w[k].w, "names"))) {
            *want = ANY_NAME;
            k++;
            if (k < n && !strcmp(w[k].w, "of")) {
                k++;
                size_t m = k;
                if (m < n && in_list(w[m].w, DET))
                    m++;
                if (m < n && kind_word(w[m].w)) {
                    *want = kind_word(w[m].w);
                    k = m + 1;
                }
            }
            return k;
        }
        if (k < n && kind_word(w[k].w)) {
            *want = kind_word(w[k].w);
            k++;
            if (k < n && !strcmp(w[k].w, "of") &&
                (*want == PASSIM_KIND_NUMBER ||
                 *want == (PASSIM_KIND_MONEY | PASSIM_KIND_NUMBER)))
                k++;
            return k;
        }
        /* what / what is: a question wanting no particular kind. */
        return aux && !w[i].contracted_is ? j + 1 : j;
    }
    return 0;
}

/* Whether w[0..n) is an operator of the query language. */
static int is_operator_word(const char *w, size_t n)
{
    for (const char *const *op = OPS; *op; op++)
        if (n == strlen(*op) && memcmp(w, *op, n) == 0)
            return 1;
    return n > 5 && memcmp(w, "NEAR/", 5) == 0;
}

/* Whether the word starting at q[i] is an operator of the query
 * language (AND OR NOT NEAR NEAR/n), written in capitals. */
static int operator_at(const char *q, size_t i, size_t len)
{
    for (const char *const *op = OPS; *op; op++) {
        size_t n = strlen(*op);
        if (len - i >= n && memcmp(q + i, *op, n) == 0 &&
            (len - i == n || is_space((unsigned char)q[i + n]) || q[i + n] == '(' ||
             q[i + n] == '"' || (!strcmp(*op, "NEAR") && q[i + n] == '/')))
            return 1;
    }
    return 0;
}

passim_status passim_question_analyze(passim_question *out, char **rest, size_t *rest_len,
                                      const char *query, size_t len)
{
    passim_error_clear();
    if (rest)
        *rest = NULL;
    if (rest_len)
        *rest_len = 0;
    if (!out || !rest || (!query && len > 0))
        return passim_error_set(PASSIM_EINVAL, "question: NULL argument");
    memset(out, 0, sizeof *out);
    if (len > PASSIM_MAX_QUESTION_BYTES)
        return passim_error_set(PASSIM_ETOOBIG, "question: query of %zu bytes (limit %d)",
                                len, PASSIM_MAX_QUESTION_BYTES);
    qw w[MAX_WORDS];
    size_t n = len ? read_words(w, query, len) : 0;
    unsigned want = 0;
    size_t take = n ? match_question(&want, w, n) : 0;
    size_t rs = 0, re = len;

    /* An acronym in a query that is not all capitals: "WHO funding". */
    if (take > 0) {
        int lower = 0;
        for (size_t i = 0; i < len && !lower; i++)
            lower = query[i] >= 'a' && query[i] <= 'z';
        for (size_t i = 0; i < take; i++)
            if (w[i].caps && lower)
                take = 0;
    }
    if (take > 0) {
        /* One auxiliary after the phrase ("where did", "why was"). */
        if (take < n && in_list(w[take].w, AUX) && !w[take].caps && !w[take - 1].contracted_is)
            take++;
        size_t after = w[take - 1].end;
        while (after < len && is_space((unsigned char)query[after]))
            after++;
        if (after < len && operator_at(query, after, len))
            take = 0; /* "who OR what": the words are operands */
        else {
            out->question = 1;
            out->want = want;
            size_t e = trimmed_end(query, after, len, 1);
            if (e > after) {
                out->skip_start = w[0].start;
                out->skip_end = w[take - 1].end;
                rs = after;
                re = e;
            } else {
                /* Nothing but question words: keep them ("who"). */
                size_t e0 = trimmed_end(query, 0, len, 1);
                while (rs < e0 && is_space((unsigned char)query[rs]))
                    rs++;
                re = e0 > rs ? e0 : len;
                if (re == len)
                    rs = 0;
            }
        }
    }
    out->rest_start = rs;
    out->rest_end = re;
    char *r = malloc(re - rs + 1);
    if (!r)
        return passim_error_nomem("question rest");
    if (re > rs)
        memcpy(r, query + rs, re - rs);
    r[re - rs] = '\0';
    *rest = r;
    if (rest_len)
        *rest_len = re - rs;
    return PASSIM_OK;
}
