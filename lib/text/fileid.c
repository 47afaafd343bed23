/* fileid.c — ids from file names: escaping and root labels (contracts in
 * fileid.h). */
#include "text/fileid.h"

#include "util/codec.h"
#include "util/utf8out.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

static int is_lower_hex(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

/* Whether the backslash at s[i] must be doubled: what follows it would
 * otherwise read as an escape. */
static int backslash_needs_escape(const unsigned char *s, size_t len, size_t i)
{
    if (i + 1 >= len)
        return 0;
    if (s[i + 1] == '\\' || passim_utf8_seq((const char *)s + i + 1, len - i - 1) == 0)
        return 1;
    return i + 3 < len && s[i + 1] == 'x' && is_lower_hex(s[i + 2]) &&
           is_lower_hex(s[i + 3]);
}

passim_status passim_fileid_escape(char **out, int *changed, const char *name,
                                   size_t len)
{
    passim_error_clear();
    const unsigned char *s = (const unsigned char *)name;
    char *o = malloc(len * 4 + 1); /* every byte at most "\xHH" */
    size_t k = 0;
    int diff = 0;
    *out = NULL;
    if (!o)
        return passim_error_nomem("escaped file id");
    for (size_t i = 0; i < len;) {
        size_t n = passim_utf8_seq(name + i, len - i);
        if (n == 0) {
            passim_hex_escape(o + k, s[i]);
            k += 4;
            diff = 1;
            i++;
            continue;
        }
        if (s[i] == '\\' && backslash_needs_escape(s, len, i)) {
            o[k++] = '\\';
            diff = 1;
        }
        memcpy(o + k, s + i, n);
        k += n;
        i += n;
    }
    o[k] = '\0';
    *out = o;
    if (changed)
        *changed = diff;
    return PASSIM_OK;
}

/* The last k components of canonical path p ("/a/b/c", k = 2: "b/c"; k
 * past the number of components: all of them, without the leading
 * slash; "/" itself: "/"), malloc'd. */
static char *tail_components(const char *p, size_t k)
{
    size_t n = strlen(p);
    while (n > 1 && p[n - 1] == '/')
        n--;
    if (n == 1 && p[0] == '/')
        return strdup("/");
    size_t start = n;
    for (size_t seen = 0; start > 0;) {
        if (p[start - 1] == '/' && ++seen == k)
            break;
        start--;
    }
    while (start < n && p[start] == '/')
        start++;
    char *t = malloc(n - start + 1);
    if (t) {
        memcpy(t, p + start, n - start);
        t[n - start] = '\0';
    }
    return t;
}

passim_status passim_root_labels(char ***labels, const char *const *roots, size_t n)
{
    passim_error_clear();
    passim_status st = PASSIM_ENOMEM;
    char **canon = calloc(n ? n : 1, sizeof *canon);
    char **lab = calloc(n ? n : 1, sizeof *lab);
    size_t *k = calloc(n ? n : 1, sizeof *k);  /* components in lab[i] */
    char *clash = calloc(n ? n : 1, 1);
    size_t distinct = 0;
    *labels = NULL;
    if (!canon || !lab || !k || !clash)
        goto out;
    for (size_t i = 0; i < n; i++) {
        char buf[PATH_MAX];
        if (!realpath(roots[i], buf)) {
            st = passim_error_set(PASSIM_ENOTFOUND, "%s: %s", roots[i], strerror(errno));
            goto out;
        }
        if (!(canon[i] = strdup(buf)))
            goto out;
        k[i] = 1;
        for (size_t j = 0; j < i; j++)
            if (canon[j] && strcmp(canon[j], canon[i]) == 0) {
                free(canon[i]);
                canon[i] = NULL;
                k[i] = 0;
                break;
            }
        distinct += canon[i] != NULL;
    }
    for (size_t i = 0; i < n; i++)
        if (canon[i] && !(lab[i] = distinct == 1 ? strdup("") : tail_components(canon[i], 1)))
            goto out;
    /* Lengthen colliding labels until all differ; distinct canonical
     * paths have distinct full labels, so this ends. */
    for (int again = distinct > 1; again;) {
        again = 0;
        for (size_t i = 0; i < n; i++) {
            clash[i] = 0;
            for (size_t j = 0; j < n && canon[i]; j++)
                if (j != i && canon[j] && strcmp(lab[i], lab[j]) == 0)
                    clash[i] = 1;
        }
        for (size_t i = 0; i < n; i++) {
            if (!clash[i])
                continue;
            char *t = tail_components(canon[i], ++k[i]);
            if (!t)
                goto out;
            if (strcmp(t, lab[i]) != 0)
                again = 1;
            free(lab[i]);
            lab[i] = t;
        }
    }
    *labels = lab;
    lab = NULL;
    st = PASSIM_OK;
out:
    if (st == PASSIM_ENOMEM)
        passim_error_nomem("corpus root labels");
    for (size_t i = 0; i < n && canon; i++)
        free(canon[i]);
    free(canon);
    passim_root_labels_free(lab, n);
    free(k);
    free(clash);
    return st;
}

void passim_root_labels_free(char **labels, size_t n)
{
    if (!labels)
        return;
    for (size_t i = 0; i < n; i++)
        free(labels[i]);
    free(labels);
}
