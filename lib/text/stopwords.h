/* stopwords.h — words too common to weigh.
 *
 * At index time a stopword gets no posting at all (every posting not
 * written is time and space saved): its position is simply left empty, so
 * a phrase such as "Secretary of War" is matched by Xapian as "secretary"
 * then "war" two positions on, and the passage stage checks the exact
 * words in the text. At query time free stopwords are dropped (query.h says
 * which are kept). The list an index was built with is kept in its
 * metadata so searches use the same one.
 * A word written emphatically — a capital after its first letter, or a
 * dot: "US", "U.S.", "WHO" — is never a stopword, so "U.S." (folded "us")
 * keeps its weight while the pronoun "us" does not.
 */
#ifndef PASSIM_STOPWORDS_H
#define PASSIM_STOPWORDS_H

#include <stddef.h>

#include "text/analyzer.h"
#include "util/idset.h"
#include "util/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The built-in English list, folded by `a`. *out is owned by the caller
 * (passim_idset_free).
 * Return value:
 *   PASSIM_OK  *out is the list.
 *   PASSIM_ENOMEM  out of memory. *out is NULL. */
passim_status passim_stopwords_default(passim_idset **out, passim_analyzer *a);

/* A list from a file: words separated by white space, '#' starts a comment
 * line, at most 100,000 lines; "none" gives *out = NULL (no stopwords).
 * *out is owned by the caller (passim_idset_free).
 * Return value:
 *   PASSIM_OK  *out is the list (NULL for "none").
 *   PASSIM_ENOTFOUND  no file at path.
 *   PASSIM_EIO  it cannot be opened or read.
 *   PASSIM_ETOOBIG  more than 100,000 lines.
 *   PASSIM_ENOMEM  out of memory. */
passim_status passim_stopwords_load(passim_idset **out, passim_analyzer *a,
                                    const char *path);

/* The metadata key under which an index keeps the stopword list it was
 * built with (words separated by '\n'; absent or "" = none). */
#define PASSIM_STOPWORDS_KEY "passim:stopwords"

/* The words of `set` joined by '\n' (any order). *out is malloc'd (caller
 * frees); "" for an empty or NULL set.
 * Return value:
 *   PASSIM_OK  *out and *len are set.
 *   PASSIM_ENOMEM  out of memory. */
passim_status passim_stopwords_join(char **out, size_t *len, const passim_idset *set);

/* A set from text as written by passim_stopwords_join (or any white-space
 * separated words, folded by `a`). *out is NULL when the text holds no
 * word. Owned by the caller (passim_idset_free).
 * Return value:
 *   PASSIM_OK  *out is the set, or NULL when text holds no word.
 *   PASSIM_ENOMEM  out of memory. */
passim_status passim_stopwords_parse(passim_idset **out, passim_analyzer *a,
                                     const char *text, size_t len);

/* Whether text[s..e) is written emphatically (see above). */
int passim_stopword_emphatic(const char *text, size_t s, size_t e);

#ifdef __cplusplus
}
#endif
#endif
