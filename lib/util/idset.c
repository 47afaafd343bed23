/* idset.c — open-addressing hash set of strings with counts (contracts in
 * idset.h). */
#include "util/idset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct slot {
    char *s;    /* NULL = empty */
    uint32_t n; /* times added */
} slot;

struct passim_idset {
    slot *slots; /* cap entries; cap is a power of two */
    size_t cap, n;
};

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* Slot where `id` is, or the empty slot where it would go. */
static size_t find(const slot *slots, size_t cap, const char *id)
{
    size_t i = (size_t)hash(id) & (cap - 1);
    while (slots[i].s && strcmp(slots[i].s, id) != 0)
        i = (i + 1) & (cap - 1);
    return i;
}

passim_status passim_idset_new(passim_idset **out)
{
    passim_error_clear();
    passim_idset *s = calloc(1, sizeof *s);
    *out = NULL;
    if (!s || !(s->slots = calloc(64, sizeof *s->slots))) {
        free(s);
        return passim_error_nomem("id set");
    }
    s->cap = 64;
    *out = s;
    return PASSIM_OK;
}

static passim_status grow(passim_idset *s)
{
    size_t cap = s->cap * 2;
    slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return passim_error_nomem("id set");
    for (size_t i = 0; i < s->cap; i++)
        if (s->slots[i].s)
            slots[find(slots, cap, s->slots[i].s)] = s->slots[i];
    free(s->slots);
    s->slots = slots;
    s->cap = cap;
    return PASSIM_OK;
}

passim_status passim_idset_add(int *added, passim_idset *s, const char *id)
{
    passim_error_clear();
    if (added)
        *added = 0;
    if ((s->n + 1) * 4 > s->cap * 3 && grow(s) != PASSIM_OK)
        return passim_error_nomem("id set");
    size_t i = find(s->slots, s->cap, id);
    if (s->slots[i].s) {
        if (s->slots[i].n < UINT32_MAX)
            s->slots[i].n++;
        return PASSIM_OK;
    }
    if (!(s->slots[i].s = strdup(id)))
        return passim_error_nomem("id set");
    s->slots[i].n = 1;
    s->n++;
    if (added)
        *added = 1;
    return PASSIM_OK;
}

int passim_idset_has(const passim_idset *s, const char *id)
{
    return s->slots[find(s->slots, s->cap, id)].s != NULL;
}

size_t passim_idset_size(const passim_idset *s)
{
    return s->n;
}

int passim_idset_foreach(const passim_idset *s,
                         int (*fn)(void *ctx, const char *id, uint32_t count),
                         void *ctx)
{
    for (size_t i = 0; i < s->cap; i++) {
        int r;
        if (s->slots[i].s && (r = fn(ctx, s->slots[i].s, s->slots[i].n)) != 0)
            return r;
    }
    return 0;
}

void passim_idset_free(passim_idset *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->cap; i++)
        free(s->slots[i].s);
    free(s->slots);
    free(s);
}
