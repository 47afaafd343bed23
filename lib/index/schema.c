/* schema.c — the index's schema version and its check (contracts and the
 * version history in schema.h). */
#include "index/schema.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index/document.h"

/* Document data of format 1 starts so (schema.h, version 1). */
static const char V1_MAGIC[4] = {'P', 'S', 'M', 1};

passim_status passim_schema_parse(unsigned *version, const char *val, size_t len)
{
    unsigned v = 0;
    passim_error_clear();
    *version = 0;
    if (len == 0)
        return PASSIM_OK;
    if (len > 9 || val[0] == '0')
        goto bad;
    for (size_t i = 0; i < len; i++) {
        if (val[i] < '0' || val[i] > '9')
            goto bad;
        v = v * 10 + (unsigned)(val[i] - '0');
    }
    *version = v;
    return PASSIM_OK;
bad:
    return passim_error_set(PASSIM_ECORRUPT, "the index's schema version (%s) is not a "
                            "number: the index is damaged; rebuild it with passim-index "
                            "--rebuild", PASSIM_SCHEMA_KEY);
}

passim_status passim_schema_allows(unsigned version, int write)
{
    unsigned oldest = write ? PASSIM_SCHEMA_OLDEST_UPDATE : PASSIM_SCHEMA_OLDEST_READ;
    passim_error_clear();
    if (version > PASSIM_SCHEMA_VERSION)
        return passim_error_set(PASSIM_ECORRUPT, "index schema %u is newer than this "
                                "passim (%u): upgrade passim", version,
                                PASSIM_SCHEMA_VERSION);
    if (version < oldest)
        return passim_error_set(PASSIM_ECORRUPT, "index schema %u is older than this "
                                "passim %s (%u): rebuild it with passim-index --rebuild",
                                version, write ? "updates" : "reads", oldest);
    return PASSIM_OK;
}

/* xc_term_fn: keep the first term (an id term) and stop. */
static int first_term(void *ctx, const char *term, size_t len, uint32_t freq)
{
    char *out = ctx;
    (void)freq;
    if (len > PASSIM_MAX_ID_BYTES + 1)
        return 0; /* not one of ours: look further */
    memcpy(out, term, len);
    out[len] = '\0';
    return 1;
}

/* The version an index without PASSIM_SCHEMA_KEY is in, from the data of
 * its first article (by id term): 1 for document data format 1, else 2. */
static passim_status unrecorded_version(unsigned *version, xc_db *db)
{
    char term[PASSIM_MAX_ID_BYTES + 2] = "";
    xc_docid did = 0;
    char *data = NULL;
    size_t len = 0;
    passim_status st;
    *version = 2;
    if ((st = xc_db_terms(db, PASSIM_PREFIX_ID, 1, first_term, term)) != PASSIM_OK ||
        !term[0] || (st = xc_db_find_term(&did, db, term, strlen(term))) != PASSIM_OK ||
        !did || (st = xc_db_get_data(&data, &len, db, did)) != PASSIM_OK)
        return st;
    if (len >= sizeof V1_MAGIC && memcmp(data, V1_MAGIC, sizeof V1_MAGIC) == 0)
        *version = 1;
    free(data);
    return PASSIM_OK;
}

/* One try of passim_schema_version. */
static passim_status read_version(unsigned *version, xc_db *db)
{
    char *val = NULL;
    size_t len = 0;
    passim_status st = xc_db_get_metadata(&val, &len, db, PASSIM_SCHEMA_KEY);
    if (st == PASSIM_OK)
        st = passim_schema_parse(version, val, len);
    free(val);
    if (st == PASSIM_OK && *version == 0)
        st = unrecorded_version(version, db);
    return st;
}

passim_status passim_schema_version(unsigned *version, xc_db *db)
{
    passim_error_clear();
    *version = 0;
    /* No retry here: a read that fell behind a writer answers
     * PASSIM_ERETRY, and the open it follows is retried as a whole
     * (passim_store_retry, the one retry rule of a reader). */
    return read_version(version, db);
}

passim_status passim_schema_check_read(xc_db **db, passim_status st)
{
    unsigned version;
    if (st != PASSIM_OK)
        return st; /* the open's error, its detail kept */
    passim_error_clear();
    if ((st = passim_schema_version(&version, *db)) == PASSIM_OK)
        st = passim_schema_allows(version, 0);
    if (st != PASSIM_OK) {
        xc_db_close(*db);
        *db = NULL;
    }
    return st;
}

passim_status passim_schema_check_write(xc_wdb **db, const char *path, passim_status st)
{
    xc_db *rd = NULL;
    unsigned version;
    if (st != PASSIM_OK)
        return st; /* the open's error, its detail kept */
    passim_error_clear();
    /* The writer's own view has no document data reader: read the last
     * commit, which is what the writer starts from. */
    if ((st = xc_db_open(&rd, path)) == PASSIM_OK &&
        (st = passim_schema_version(&version, rd)) == PASSIM_OK)
        st = passim_schema_allows(version, 1);
    xc_db_close(rd);
    if (st != PASSIM_OK) {
        xc_wdb_close(*db);
        *db = NULL;
    }
    return st;
}

passim_status passim_schema_record(xc_wdb *db)
{
    char val[16];
    passim_error_clear();
    int n = snprintf(val, sizeof val, "%u", (unsigned)PASSIM_SCHEMA_VERSION);
    return xc_wdb_set_metadata(db, PASSIM_SCHEMA_KEY, strlen(PASSIM_SCHEMA_KEY), val,
                               (size_t)n);
}
