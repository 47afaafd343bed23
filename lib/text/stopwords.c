/* stopwords.c — the built-in list and stopword files (contracts in
 * stopwords.h). */
#include "text/stopwords.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* English function words: articles, pronouns, auxiliaries, prepositions,
 * conjunctions and the most common adverbs. Content words that news
 * queries use ("new", "state", "world") are deliberately absent. */
static const char ENGLISH[] =
    "a about above after again against all almost also am among an and any "
    "are as at be because been before being below between both but by can "
    "could did do does doing down during each either else ever every few "
    "for from further had has have having he her here hers herself him "
    "himself his how however i if in into is it its itself just least less "
    "may me might more most much must my myself neither no nor not now of "
    "off on once only or other others otherwise our ours ourselves out over "
    "own per perhaps quite rather same shall she should since so some such "
    "than that the their theirs them themselves then there thereby "
    "therefore these they this those though through thus to too toward "
    "towards under until up upon us very via was we were what whatever when "
    "whenever where whereas whether which while who whom whose why will "
    "with within without would yet you your yours yourself yourselves";

static int add_word(void *ctx, const passim_token *tok)
{
    return passim_idset_add(NULL, ctx, tok->folded) != PASSIM_OK;
}

passim_status passim_stopwords_default(passim_idset **out, passim_analyzer *a)
{
    passim_error_clear();
    passim_status st = passim_idset_new(out);
    if (st != PASSIM_OK)
        return st;
    if (passim_analyze(NULL, a, ENGLISH, sizeof ENGLISH - 1, 1, add_word, *out)) {
        passim_idset_free(*out);
        *out = NULL;
        return passim_error_nomem("stopword list");
    }
    return PASSIM_OK;
}

passim_status passim_stopwords_load(passim_idset **out, passim_analyzer *a,
                                    const char *path)
{
    passim_error_clear();
    passim_status st;
    FILE *f;
    char *line = NULL;
    size_t cap = 0, lineno = 0;

    *out = NULL;
    if (strcmp(path, "none") == 0)
        return PASSIM_OK;
    if (!(f = fopen(path, "r")))
        return passim_error_set(errno == ENOENT ? PASSIM_ENOTFOUND : PASSIM_EIO,
                                "%s: %s", path, strerror(errno));
    if ((st = passim_idset_new(out)) != PASSIM_OK)
        goto out;
    while (getline(&line, &cap, f) > 0) {
        if (++lineno > 100000) {
            st = passim_error_set(PASSIM_ETOOBIG, "%s: more than 100000 lines", path);
            goto out;
        }
        if (line[0] == '#')
            continue;
        if (passim_analyze(NULL, a, line, strlen(line), 1, add_word, *out)) {
            st = passim_error_set(PASSIM_ENOMEM, "out of memory");
            goto out;
        }
    }
    if (ferror(f))
        st = passim_error_set(PASSIM_EIO, "%s: read error", path);
out:
    free(line);
    fclose(f);
    if (st != PASSIM_OK) {
        passim_idset_free(*out);
        *out = NULL;
    }
    return st;
}

int passim_stopword_emphatic(const char *text, size_t s, size_t e)
{
    for (size_t i = s; i < e; i++)
        if (text[i] == '.' || (i > s && text[i] >= 'A' && text[i] <= 'Z'))
            return 1;
    return 0;
}

typedef struct joiner {
    char *p;
    size_t len, cap;
} joiner;

static int join_word(void *ctx, const char *word, uint32_t count)
{
    joiner *j = ctx;
    size_t n = strlen(word);
    (void)count;
    if (j->cap - j->len < n + 2) {
        size_t cap = j->cap ? j->cap * 2 : 1024;
        while (cap - j->len < n + 2)
            cap *= 2;
        char *p = realloc(j->p, cap);
        if (!p)
            return 1;
        j->p = p;
        j->cap = cap;
    }
    if (j->len)
        j->p[j->len++] = '\n';
    memcpy(j->p + j->len, word, n);
    j->len += n;
    j->p[j->len] = '\0';
    return 0;
}

passim_status passim_stopwords_join(char **out, size_t *len, const passim_idset *set)
{
    passim_error_clear();
    joiner j = {NULL, 0, 0};
    *out = NULL;
    *len = 0;
    if (set && passim_idset_foreach(set, join_word, &j)) {
        free(j.p);
        return passim_error_nomem("stopword list");
    }
    if (!j.p && !(j.p = strdup("")))
        return passim_error_nomem("stopword list");
    *out = j.p;
    *len = j.len;
    return PASSIM_OK;
}

passim_status passim_stopwords_parse(passim_idset **out, passim_analyzer *a,
                                     const char *text, size_t len)
{
    passim_error_clear();
    passim_status st = passim_idset_new(out);
    if (st != PASSIM_OK)
        return st;
    if (passim_analyze(NULL, a, text, len, 1, add_word, *out)) {
        passim_idset_free(*out);
        *out = NULL;
        return passim_error_nomem("stopword list");
    }
    if (passim_idset_size(*out) == 0) {
        passim_idset_free(*out);
        *out = NULL;
    }
    return PASSIM_OK;
}
