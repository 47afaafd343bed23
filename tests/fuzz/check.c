/* check.c — invariant checks shared by the fuzz targets (see check.h). */
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

_Noreturn void fuzz_fail(const char *what, const char *file, int line)
{
    fprintf(stderr, "invariant failed: %s (%s:%d)\n", what, file, line);
    fflush(stderr);
    abort();
}

passim_analyzer *fuzz_analyzer(const char *language)
{
    static passim_analyzer *english, *none;
    passim_analyzer **slot = strcmp(language, "none") == 0 ? &none : &english;
    if (!*slot)
        FUZZ_OK(passim_analyzer_new(slot, language));
    return *slot;
}

int fuzz_utf8_valid(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (r <= 0)
            return 0;
        i += (size_t)r;
    }
    return 1;
}

/* Whether s[0..k) are ASCII digits. */
static int all_digits(const char *s, size_t k)
{
    for (size_t i = 0; i < k; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

int fuzz_date_ok(const char *date)
{
    if (memchr(date, '\0', 11) == NULL)
        return 0;
    if (date[0] == '\0')
        return 1;
    if (strlen(date) != 10 || !all_digits(date, 4) || date[4] != '-' ||
        !all_digits(date + 5, 2) || date[7] != '-' || !all_digits(date + 8, 2))
        return 0;
    int y = atoi(date), m = atoi(date + 5), d = atoi(date + 8);
    /* A real day, checked independently of passim_date_valid. */
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int days = m == 2 ? 28 + leap : (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31;
    return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= days &&
           passim_date_valid(y, m, d);
}

/* Whether the code point at s[0..n) is C0 (but TAB, LF) or C1 control. */
static int bad_control(int32_t cp)
{
    return (cp < 0x20 && cp != '\t' && cp != '\n') ||
           (cp >= 0x80 && cp <= 0x9F);
}

void fuzz_check_article(const passim_article *a)
{
    FUZZ_CHECK(a != NULL);
    FUZZ_CHECK(a->id && a->title && a->text && a->byline && a->url);
    FUZZ_CHECK(fuzz_utf8_valid(a->title, strlen(a->title)));
    FUZZ_CHECK(fuzz_utf8_valid(a->byline, strlen(a->byline)));
    FUZZ_CHECK(fuzz_utf8_valid(a->url, strlen(a->url)));
    FUZZ_CHECK(fuzz_date_ok(a->date));

    size_t tl = strlen(a->title);
    FUZZ_CHECK(tl <= PASSIM_TITLE_MAX_BYTES);
    FUZZ_CHECK(strpbrk(a->title, "\n\r\t") == NULL);
    FUZZ_CHECK(strstr(a->title, "  ") == NULL);
    FUZZ_CHECK(tl == 0 || (a->title[0] != ' ' && a->title[tl - 1] != ' '));
    FUZZ_CHECK(strlen(a->byline) <= PASSIM_BYLINE_MAX_BYTES);

    const char *t = a->text;
    size_t n = a->text_len;
    FUZZ_CHECK(t[n] == '\0');
    FUZZ_CHECK(memchr(t, '\0', n) == NULL);
    FUZZ_CHECK(fuzz_utf8_valid(t, n));
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)t + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        FUZZ_CHECK(r > 0);
        FUZZ_CHECK(!bad_control(cp));
        i += (size_t)r;
    }
    if (n) {
        FUZZ_CHECK(strchr(" \t\n", t[0]) == NULL);
        FUZZ_CHECK(strchr(" \t\n", t[n - 1]) == NULL);
    }
}

typedef struct tok_check {
    const passim_sentences *s;
    size_t len, sent; /* sent: index of the sentence holding the token */
    uint32_t count;
} tok_check;

static int check_token(void *ctx, const passim_token *tok)
{
    tok_check *tc = ctx;
    const passim_sentences *s = tc->s;
    tc->count++;
    FUZZ_CHECK(tok->end <= tc->len);
    while (tc->sent + 1 < s->n && s->v[tc->sent + 1].first_pos <= tok->pos)
        tc->sent++;
    FUZZ_CHECK(tc->sent < s->n);
    const passim_sentence *se = &s->v[tc->sent];
    FUZZ_CHECK(se->first_pos <= tok->pos && tok->pos < se->first_pos + se->nwords);
    FUZZ_CHECK(se->start <= tok->start && tok->end <= se->end);
    return 0;
}

void fuzz_check_sentences(passim_analyzer *a, const char *text, size_t len,
                          const passim_sentences *s)
{
    uint64_t sum = 0;
    uint32_t expect_pos = PASSIM_FIRST_POS, prev_end = 0;

    FUZZ_CHECK(s->n == 0 || s->v != NULL);
    for (size_t i = 0; i < s->n; i++) {
        const passim_sentence *se = &s->v[i];
        FUZZ_CHECK(se->start <= se->end && se->end <= len);
        FUZZ_CHECK(i == 0 || se->start >= prev_end);
        FUZZ_CHECK(se->nwords > 0);
        FUZZ_CHECK(se->first_pos == expect_pos);
        expect_pos += se->nwords;
        sum += se->nwords;
        prev_end = se->end;
    }
    FUZZ_CHECK(sum == s->nwords);

    tok_check tc = {s, len, 0, 0};
    uint32_t next = 0;
    FUZZ_CHECK(passim_analyze(&next, a, text, len, PASSIM_FIRST_POS, check_token,
                              &tc) == 0);
    FUZZ_CHECK(tc.count == s->nwords);
    FUZZ_CHECK(next == PASSIM_FIRST_POS + s->nwords);
}

int fuzz_same_sentences(const passim_sentences *x, const passim_sentences *y)
{
    if (x->n != y->n || x->nwords != y->nwords)
        return 0;
    for (size_t i = 0; i < x->n; i++) {
        const passim_sentence *a = &x->v[i], *b = &y->v[i];
        if (a->first_pos != b->first_pos || a->nwords != b->nwords ||
            a->start != b->start || a->end != b->end ||
            a->para_start != b->para_start)
            return 0;
    }
    return 1;
}
