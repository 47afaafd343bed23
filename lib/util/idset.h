/* idset.h — a set of strings (article ids seen in one run). */
#ifndef PASSIM_IDSET_H
#define PASSIM_IDSET_H

#include <stddef.h>
#include <stdint.h>

#include "util/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct passim_idset passim_idset;

/* An empty set. *out is owned by the caller (passim_idset_free).
 * Return value:
 *   PASSIM_OK  *out is the empty set.
 *   PASSIM_ENOMEM  out of memory. */
passim_status passim_idset_new(passim_idset **out);

/* Add a copy of `id`, or count it once more. *added (may be NULL) is 1 if
 * it was new, 0 if it was already there.
 * Return value:
 *   PASSIM_OK  id is in the set (*added says whether it is new).
 *   PASSIM_ENOMEM  out of memory. The set is unchanged. */
passim_status passim_idset_add(int *added, passim_idset *s, const char *id);

/* Whether `id` is in the set. */
int passim_idset_has(const passim_idset *s, const char *id);

/* Number of ids in the set. */
size_t passim_idset_size(const passim_idset *s);

/* Call fn(ctx, id, count) for every id (count: times it was added), in no
 * particular order; stops early and returns fn's value when non-zero. */
int passim_idset_foreach(const passim_idset *s,
                         int (*fn)(void *ctx, const char *id, uint32_t count),
                         void *ctx);

/* Free the set and its copies. Accepts NULL. */
void passim_idset_free(passim_idset *s);

#ifdef __cplusplus
}
#endif
#endif
