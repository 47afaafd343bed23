/* stopwords.h — words too common to weigh.
 *
 * At index time a stopword keeps its position (phrases such as "Secretary
 * of War" still match) but adds nothing to the article's length or weight;
 * at query time free stopwords are dropped (query.h says which are kept).
 * A word written emphatically — a capital after its first letter, or a
 * dot: "US", "U.S.", "WHO" — is never a stopword, so "U.S." (folded "us")
 * keeps its weight while the pronoun "us" does not.
 */
#ifndef PASSIM_STOPWORDS_H
#define PASSIM_STOPWORDS_H

#include <stddef.h>

#include "analyzer.h"
#include "idset.h"
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The built-in English list, folded by `a`. *out is owned by the caller
 * (passim_idset_free). */
passim_status passim_stopwords_default(passim_idset **out, passim_analyzer *a);

/* A list from a file: words separated by white space, '#' starts a comment
 * line, at most 100,000 lines; "none" gives *out = NULL (no stopwords).
 * *out is owned by the caller (passim_idset_free). */
passim_status passim_stopwords_load(passim_idset **out, passim_analyzer *a,
                                    const char *path);

/* Whether text[s..e) is written emphatically (see above). */
int passim_stopword_emphatic(const char *text, size_t s, size_t e);

#ifdef __cplusplus
}
#endif
#endif
