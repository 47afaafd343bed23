/* manifest.c — corpus file records (format in manifest.h). */
#include "index/manifest.h"

#include "util/codec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FORMAT 2
#define FORMAT_V1 1

uint64_t passim_manifest_hash(const char *path)
{
    uint64_t h = 1469598103934665603ull;
    for (const char *p = path; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    return h;
}

void passim_manifest_key(const char *path, char key[PASSIM_MANIFEST_KEY_BYTES + 1])
{
    snprintf(key, PASSIM_MANIFEST_KEY_BYTES + 1, "%s%016llx", PASSIM_MANIFEST_PREFIX,
             (unsigned long long)passim_manifest_hash(path));
}

/* Append a copy of id to the list v[0..*n) of capacity *cap. */
static passim_status push_id(char ***v, size_t *n, size_t *cap, const char *id)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 4;
        char **p = realloc(*v, nc * sizeof *p);
        if (!p)
            return passim_error_nomem("a corpus file record's ids");
        *v = p;
        *cap = nc;
    }
    if (!((*v)[*n] = strdup(id)))
        return passim_error_nomem("a corpus file record's id");
    (*n)++;
    return PASSIM_OK;
}

passim_status passim_record_add_id(passim_file_record *r, const char *id)
{
    passim_error_clear();
    return push_id(&r->ids, &r->nids, &r->cap, id);
}

passim_status passim_record_add_lost(passim_file_record *r, const char *id)
{
    passim_error_clear();
    return push_id(&r->lost, &r->nlost, &r->lost_cap, id);
}

passim_status passim_record_lose_id(passim_file_record *r, const char *id)
{
    passim_error_clear();
    for (size_t i = 0; i < r->nids; i++)
        if (strcmp(r->ids[i], id) == 0) {
            free(r->ids[i]);
            memmove(r->ids + i, r->ids + i + 1, (r->nids - i - 1) * sizeof *r->ids);
            r->nids--;
            break;
        }
    r->skipped++;
    return passim_record_add_lost(r, id);
}

/* A str field: varint length and the bytes. */
static void put_str(passim_outbuf *b, const char *s)
{
    size_t n = strlen(s);
    passim_out_varint(b, n);
    passim_out_bytes(b, s, n);
}

passim_status passim_record_encode(char **out, size_t *len,
                                   const passim_file_record *r)
{
    passim_outbuf b = {0};
    unsigned char format = FORMAT;
    passim_error_clear();
    passim_out_bytes(&b, &format, 1);
    put_str(&b, r->path);
    passim_out_varint(&b, r->size);
    passim_out_varint(&b, (uint64_t)r->mtime_ns);
    passim_out_varint(&b, r->crc);
    passim_out_varint(&b, r->failed ? 1 : 0);
    put_str(&b, r->reason ? r->reason : "");
    passim_out_varint(&b, r->skipped);
    passim_out_varint(&b, r->nids);
    for (size_t i = 0; i < r->nids; i++)
        put_str(&b, r->ids[i]);
    passim_out_varint(&b, r->nlost);
    for (size_t i = 0; i < r->nlost; i++)
        put_str(&b, r->lost[i]);
    if (b.failed) {
        free(b.p);
        *out = NULL;
        return passim_error_nomem("encoding a corpus file record");
    }
    *out = b.p;
    *len = b.len;
    return PASSIM_OK;
}

/* A str as a malloc'd NUL-terminated copy; -1 when damaged, -2 on
 * allocation failure. NUL bytes inside make it damaged. */
static int get_str(char **s, passim_inbuf *i)
{
    uint64_t n;
    if (passim_in_varint(&n, i) < 0 || n > (uint64_t)(i->end - i->p) ||
        memchr(i->p, '\0', (size_t)n))
        return -1;
    if (!(*s = malloc((size_t)n + 1)))
        return -2;
    memcpy(*s, i->p, (size_t)n);
    (*s)[n] = '\0';
    i->p += n;
    return 0;
}

/* A count of strs, then the strs, each added with add(). 0, -1 when
 * damaged, -2 on allocation failure. */
static int get_ids(passim_inbuf *i, passim_file_record *r,
                   passim_status (*add)(passim_file_record *, const char *))
{
    uint64_t n;
    int e;
    /* Each id takes at least one byte. */
    if (passim_in_varint(&n, i) < 0 || n > (uint64_t)(i->end - i->p))
        return -1;
    for (uint64_t k = 0; k < n; k++) {
        char *id;
        if ((e = get_str(&id, i)) != 0)
            return e;
        passim_status st = add(r, id);
        free(id);
        if (st != PASSIM_OK)
            return -2;
    }
    return 0;
}

passim_status passim_record_decode(passim_file_record *r, const char *data,
                                   size_t len)
{
    passim_inbuf i = {(const unsigned char *)data, (const unsigned char *)data + len};
    uint64_t v;
    int e, format;
    passim_error_clear();
    memset(r, 0, sizeof *r);
    if (len < 1 || (i.p[0] != FORMAT && i.p[0] != FORMAT_V1))
        goto corrupt;
    format = i.p[0];
    i.p++;
    if ((e = get_str(&r->path, &i)) != 0)
        goto fail;
    if (passim_in_varint(&r->size, &i) < 0 || passim_in_varint(&v, &i) < 0 || v > INT64_MAX)
        goto corrupt;
    r->mtime_ns = (int64_t)v;
    if (passim_in_varint(&v, &i) < 0 || v > UINT32_MAX)
        goto corrupt;
    r->crc = (uint32_t)v;
    if (passim_in_varint(&v, &i) < 0 || v > 1)
        goto corrupt;
    r->failed = (int)v;
    if ((e = get_str(&r->reason, &i)) != 0)
        goto fail;
    if (format == FORMAT && passim_in_varint(&r->skipped, &i) < 0)
        goto corrupt;
    if ((e = get_ids(&i, r, passim_record_add_id)) != 0)
        goto fail;
    if (format == FORMAT && (e = get_ids(&i, r, passim_record_add_lost)) != 0)
        goto fail;
    if (i.p != i.end)
        goto corrupt;
    return PASSIM_OK;
fail:
    if (e == -2) {
        passim_record_release(r);
        return passim_error_nomem("decoding a corpus file record");
    }
corrupt:
    passim_record_release(r);
    return passim_error_set(PASSIM_ECORRUPT, "a corpus file record is damaged");
}

void passim_record_release(passim_file_record *r)
{
    if (!r)
        return;
    free(r->path);
    free(r->reason);
    for (size_t i = 0; i < r->nids; i++)
        free(r->ids[i]);
    free(r->ids);
    for (size_t i = 0; i < r->nlost; i++)
        free(r->lost[i]);
    free(r->lost);
    memset(r, 0, sizeof *r);
}
