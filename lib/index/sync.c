/* sync.c — one database brought up to date with a list of corpus files:
 * loading its file records and ids, deciding per file whether to read it,
 * indexing its articles in bounded transactions, and sweeping out articles
 * no record accounts for (contracts in sync.h, rules in update.h). */
#include "index/sync.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "text/article.h"
#include "index/document.h"
#include "index/manifest.h"
#include "index/schema.h" /* the schema version recorded */
#include "text/stopwords.h"
#include "xapian_c.h"

/* A record loaded from the index, and whether this run saw its file. */
typedef struct loaded {
    char key[PASSIM_MANIFEST_KEY_BYTES + 1];
    passim_file_record rec;
    int seen;
} loaded;

typedef struct run {
    const passim_update_opts *o;
    passim_update_stats *stats;
    xc_wdb *db;
    loaded *recs;          /* sorted by key (metadata order) */
    size_t nrecs, cap;
    passim_idset *before;  /* article ids in the index at the start */
    passim_idset *present; /* ids some record accounts for */
    passim_file_record *cur; /* record of the file being read, or NULL */
    int in_txn;
    uint32_t in_batch;
    size_t batch_bytes;
    passim_status load_st;
} run;

/* ---- transactions -------------------------------------------------------- */

static passim_status ensure_txn(run *r)
{
    passim_status st = PASSIM_OK;
    if (!r->in_txn && (st = xc_wdb_begin(r->db, 1)) == PASSIM_OK)
        r->in_txn = 1;
    return st;
}

static passim_status flush(run *r)
{
    if (!r->in_txn)
        return PASSIM_OK;
    r->in_txn = 0;
    r->in_batch = 0;
    r->batch_bytes = 0;
    return xc_wdb_commit_transaction(r->db);
}

/* Commit the batch if it is full. Called before an article is added and
 * after a file's record is saved, so a record always goes in the same
 * transaction as its file's last article. */
static passim_status maybe_flush(run *r)
{
    if (r->in_batch >= r->o->batch || r->batch_bytes >= PASSIM_UPDATE_BATCH_BYTES)
        return flush(r);
    return PASSIM_OK;
}

/* ---- loading what the index knows ---------------------------------------- */

static int load_record(void *ctx, const char *key, size_t klen, const char *val,
                       size_t vlen)
{
    run *r = ctx;
    if (klen != PASSIM_MANIFEST_KEY_BYTES)
        return 0; /* not one of ours */
    if (r->nrecs == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 256;
        loaded *v = realloc(r->recs, cap * sizeof *v);
        if (!v) {
            r->load_st = passim_error_nomem("the index's file records");
            return 1;
        }
        r->recs = v;
        r->cap = cap;
    }
    loaded *l = &r->recs[r->nrecs];
    memset(l, 0, sizeof *l);
    memcpy(l->key, key, klen);
    passim_status st = passim_record_decode(&l->rec, val, vlen);
    if (st == PASSIM_ENOMEM) {
        r->load_st = st;
        return 1;
    }
    if (st == PASSIM_OK)
        r->nrecs++;
    else
        passim_error_clear(); /* a damaged record is dropped: its file counts as new */
    return 0;
}

int passim_sync_id_of_term(char id[PASSIM_MAX_ID_BYTES + 1], const char *term, size_t len)
{
    if (len < 2 || len - 1 > PASSIM_MAX_ID_BYTES)
        return 0;
    memcpy(id, term + 1, len - 1);
    id[len - 1] = '\0';
    return 1;
}

passim_status passim_sync_add_term_id(passim_idset *ids, const char *term, size_t len)
{
    char id[PASSIM_MAX_ID_BYTES + 1];
    passim_error_clear();
    return passim_sync_id_of_term(id, term, len) ? passim_idset_add(NULL, ids, id) : PASSIM_OK;
}

/* Terms callback: the ids in the index at the start into r->before. */
static int load_id(void *ctx, const char *term, size_t len, uint32_t tf)
{
    run *r = ctx;
    (void)tf;
    r->load_st = passim_sync_add_term_id(r->before, term, len);
    return r->load_st != PASSIM_OK;
}

static int cmp_key(const void *k, const void *elem)
{
    return strcmp(k, ((const loaded *)elem)->key);
}

static loaded *find_record(run *r, const char *key)
{
    return r->nrecs ? bsearch(key, r->recs, r->nrecs, sizeof *r->recs, cmp_key) : NULL;
}

/* ---- one file ------------------------------------------------------------ */

/* What is reported: a warning (PASSIM_OK) or something skipped. */
static void say(run *r, const char *where, passim_status st, const char *why)
{
    if (r->o->report)
        r->o->report(r->o->report_ctx, where, st, why);
}

/* A line or article of the file being read is skipped: counted once in
 * `failed` and in the file's record (so a run that does not read the
 * file again counts it again). */
static void skip_item(run *r, const char *where, passim_status st, const char *why)
{
    r->stats->failed++;
    if (r->cur)
        r->cur->skipped++;
    say(r, where, st, why);
}

/* A whole file is skipped: counted once in `failed`. */
static void skip_file(run *r, const char *where, passim_status st, const char *why)
{
    r->stats->failed++;
    say(r, where, st, why);
}

/* passim_report_fn for the reader: bad lines are skipped items. */
static void report_cb(void *ctx, const char *where, passim_status st, const char *why)
{
    if (st == PASSIM_OK)
        say(ctx, where, st, why);
    else
        skip_item(ctx, where, st, why);
}

/* crc32 of the (decompressed) content of `path`, as passim_source_crc
 * gives it after a whole read. */
static passim_status file_crc(const char *path, uint32_t *crc)
{
    unsigned char buf[65536];
    int n;
    gzFile gz = gzopen(path, "rb");
    uLong c = crc32(0L, Z_NULL, 0);
    if (!gz)
        return passim_error_set(errno == ENOENT ? PASSIM_ENOTFOUND : PASSIM_EIO,
                                "%s", strerror(errno));
    while ((n = gzread(gz, buf, sizeof buf)) > 0)
        c = crc32(c, buf, (uInt)n);
    int bad = n < 0;
    gzclose_r(gz);
    if (bad)
        return passim_error_set(PASSIM_EIO, "read error");
    *crc = (uint32_t)c;
    return PASSIM_OK;
}

/* Write record `rec` under `key` in the current transaction. */
static passim_status save_record(run *r, const char *key, const passim_file_record *rec)
{
    char *val = NULL;
    size_t len = 0;
    passim_status st;
    if ((st = ensure_txn(r)) != PASSIM_OK ||
        (st = passim_record_encode(&val, &len, rec)) != PASSIM_OK)
        return st;
    st = xc_wdb_set_metadata(r->db, key, strlen(key), val, len);
    free(val);
    return st;
}

/* Add every id of `rec` to the present set. */
static passim_status keep_ids(run *r, const passim_file_record *rec)
{
    for (size_t i = 0; i < rec->nids; i++) {
        passim_status st = passim_idset_add(NULL, r->present, rec->ids[i]);
        if (st != PASSIM_OK)
            return st;
    }
    return PASSIM_OK;
}

/* Index one article of a file being read; its id joins `rec`. Problems
 * with the article alone are reported; the status is fatal. */
static passim_status index_article(run *r, const char *where, passim_article *art,
                                   uint64_t bytes, passim_file_record *rec)
{
    passim_status st;
    xc_doc *doc = NULL;
    passim_doc_stats ds = {0};
    passim_build_opts bo = {r->o->stop};
    char idterm[PASSIM_MAX_ID_BYTES + 2];
    int added = 0;

    if (art->text_len == 0) {
        skip_item(r, where, PASSIM_EINVAL, "no text");
        return PASSIM_OK;
    }
    if ((st = passim_idset_add(&added, r->present, art->id)) != PASSIM_OK)
        return st;
    if (!added) {
        /* The first file in corpus order keeps the id; this one is read
         * again once the id may be free (manifest.h: lost ids). */
        if ((st = passim_record_add_lost(rec, art->id)) != PASSIM_OK)
            return st;
        skip_item(r, where, PASSIM_EINVAL,
                  "duplicate article id (an earlier file in corpus order has it)");
        return PASSIM_OK;
    }
    if (art->flags & PASSIM_ARTICLE_RECODED)
        say(r, where, PASSIM_OK, "not valid UTF-8; read as Windows-1252");
    st = passim_document_build(&doc, r->o->an, art, &bo, &ds);
    if (st == PASSIM_ETOOBIG || st == PASSIM_EINVAL) {
        skip_item(r, where, st, passim_error_msg());
        passim_error_clear(); /* reported and skipped */
        return PASSIM_OK;
    }
    if (st != PASSIM_OK || (st = maybe_flush(r)) != PASSIM_OK ||
        (st = ensure_txn(r)) != PASSIM_OK ||
        (st = passim_id_term(art->id, idterm, sizeof idterm)) != PASSIM_OK ||
        (st = xc_wdb_replace(NULL, r->db, idterm, doc)) != PASSIM_OK ||
        (st = passim_record_add_id(rec, art->id)) != PASSIM_OK)
        goto out;
    if (passim_idset_has(r->before, art->id))
        r->stats->replaced++;
    else
        r->stats->added++;
    r->stats->sentences += ds.sentences;
    r->stats->bytes_read += bytes;
    r->in_batch++;
    r->batch_bytes += bytes;
out:
    xc_doc_free(doc);
    return st;
}

/* File `path` could not be read (status st, reason in passim_error_msg()):
 * report it, count it and mark its record failed. */
static passim_status mark_failed(run *r, const char *path, passim_status st,
                                 passim_file_record *rec)
{
    skip_file(r, path, st, passim_error_msg());
    rec->failed = 1;
    free(rec->reason);
    if (!(rec->reason = strdup(passim_error_msg())))
        return passim_error_nomem("a failed file's reason");
    passim_error_clear(); /* reported and recorded: the run goes on */
    return PASSIM_OK;
}

/* Read every article of file f into the index; fill rec's ids, or mark it
 * failed with the reason. */
static passim_status read_file(run *r, const passim_corpus_file *f,
                               passim_file_record *rec)
{
    passim_status st, fatal = PASSIM_OK;
    passim_source *src = NULL;
    passim_article *art = NULL;
    uint64_t consumed = 0;
    char where[PATH_MAX + 32];

    r->cur = rec;
    st = passim_source_open(&src, f);
    while (st == PASSIM_OK && !passim_update_interrupted(r->o)) {
        st = passim_source_next(&art, src, report_cb, r);
        if (st != PASSIM_OK || !art)
            break;
        uint64_t now = passim_source_bytes(src);
        if (passim_source_line(src))
            snprintf(where, sizeof where, "%s:%llu", f->path,
                     (unsigned long long)passim_source_line(src));
        else
            snprintf(where, sizeof where, "%s", f->path);
        fatal = index_article(r, where, art, now - consumed, rec);
        consumed = now;
        passim_article_free(art);
        art = NULL;
        if (fatal != PASSIM_OK)
            break;
    }
    if (src)
        rec->crc = passim_source_crc(src);
    passim_source_close(src);
    r->cur = NULL;
    if (fatal != PASSIM_OK)
        return fatal;
    if (r->o->verbose) {
        snprintf(where, sizeof where, "read, %zu articles", rec->nids);
        say(r, f->path, PASSIM_OK, where);
    }
    if (st == PASSIM_ENOMEM)
        return st;
    if (st != PASSIM_OK)
        return mark_failed(r, f->path, st, rec);
    return PASSIM_OK;
}

/* Whether record `rec` of the text file f names the id f has now (ids
 * change when the corpus roots do: fileid.h); JSON Lines records always
 * match. */
static int record_id_matches(const passim_file_record *rec, const passim_corpus_file *f)
{
    if (passim_corpus_file_is_jsonl(f))
        return 1;
    if (rec->nids == 1)
        return strcmp(rec->ids[0], f->id) == 0;
    if (rec->nlost == 1)
        return strcmp(rec->lost[0], f->id) == 0;
    return 1;
}

/* Whether the unchanged file of record `rec` must be read again all the
 * same: an earlier file in corpus order now holds one of its ids, or an id
 * it lost as a duplicate is free now. */
static int record_conflicts(run *r, const passim_file_record *rec)
{
    passim_idset *own = NULL;
    int conflict = 0;
    for (size_t i = 0; i < rec->nids; i++)
        if (passim_idset_has(r->present, rec->ids[i]))
            return 1;
    if (!rec->nlost)
        return 0;
    /* An id lost within the file itself stays lost to its first record. */
    if (passim_idset_new(&own) != PASSIM_OK) {
        passim_error_clear(); /* handled here: */
        return 1;             /* read it again, always correct */
    }
    for (size_t i = 0; i < rec->nids && !conflict; i++)
        conflict = passim_idset_add(NULL, own, rec->ids[i]) != PASSIM_OK;
    for (size_t i = 0; i < rec->nlost && !conflict; i++)
        conflict = !passim_idset_has(r->present, rec->lost[i]) &&
                   !passim_idset_has(own, rec->lost[i]);
    passim_idset_free(own);
    return conflict;
}

/* A file not read again: its skipped lines or articles count again, and
 * its path is named. */
static void recount_skips(run *r, const char *path, const passim_file_record *rec)
{
    char why[160];
    if (!rec->skipped)
        return;
    r->stats->failed += rec->skipped;
    snprintf(why, sizeof why, "%llu line%s or article%s skipped when it was read "
             "(unchanged since, not read again)", (unsigned long long)rec->skipped,
             rec->skipped == 1 ? "" : "s", rec->skipped == 1 ? "" : "s");
    say(r, path, PASSIM_EINVAL, why);
}

/* Bring one corpus file up to date. */
static passim_status update_file(run *r, const passim_corpus_file *f)
{
    passim_status st = PASSIM_OK;
    struct stat sb;
    char canon[PATH_MAX], key[PASSIM_MANIFEST_KEY_BYTES + 1];
    passim_file_record rec = {0};
    loaded *old;

    if (stat(f->path, &sb) != 0 || !realpath(f->path, canon)) {
        skip_file(r, f->path, PASSIM_ENOTFOUND, "vanished during the run");
        return PASSIM_OK;
    }
    r->stats->bytes_done += (uint64_t)sb.st_size;
    passim_manifest_key(canon, key);
    old = find_record(r, key);
    if (old && strcmp(old->rec.path, canon) != 0)
        old = NULL; /* a hash collision: treat as new */
    if (old)
        old->seen = 1;
    int64_t mtime = (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec;
    int same = old && old->rec.size == (uint64_t)sb.st_size && old->rec.mtime_ns == mtime;
    if (same && old->rec.failed && !r->o->retry_failed) {
        /* Still failing: retried when it changes, or with retry_failed. */
        char why[512];
        snprintf(why, sizeof why, "%s (unchanged since it failed; not read again)",
                 old->rec.reason);
        skip_file(r, f->path, PASSIM_EIO, why);
        recount_skips(r, f->path, &old->rec);
        return keep_ids(r, &old->rec);
    }
    /* A file whose record no longer fits the corpus is read again. */
    int fits = old && !old->rec.failed && record_id_matches(&old->rec, f) &&
               !record_conflicts(r, &old->rec);
    if (same && fits) {
        r->stats->unchanged += old->rec.nids;
        recount_skips(r, f->path, &old->rec);
        return keep_ids(r, &old->rec);
    }
    rec.size = (uint64_t)sb.st_size;
    rec.mtime_ns = mtime;
    if (!(rec.path = strdup(canon)) || !(rec.reason = strdup(""))) {
        st = passim_error_nomem("a corpus file record");
        goto out;
    }
    /* Only a file indexed before needs its content compared before it is
     * read; a new one is read once, its crc taken on the way. */
    if (fits)
        st = file_crc(f->path, &rec.crc);
    if (st == PASSIM_OK && fits && old->rec.crc == rec.crc && old->rec.size == rec.size) {
        /* Touched, not changed: refresh the record, keep the articles. */
        r->stats->unchanged += old->rec.nids;
        rec.skipped = old->rec.skipped;
        for (size_t i = 0; i < old->rec.nids && st == PASSIM_OK; i++)
            st = passim_record_add_id(&rec, old->rec.ids[i]);
        for (size_t i = 0; i < old->rec.nlost && st == PASSIM_OK; i++)
            st = passim_record_add_lost(&rec, old->rec.lost[i]);
        recount_skips(r, f->path, &rec);
        if (st == PASSIM_OK && (st = keep_ids(r, &rec)) == PASSIM_OK)
            st = save_record(r, key, &rec);
        goto out;
    }
    if (st == PASSIM_OK)
        st = read_file(r, f, &rec);
    else if (st != PASSIM_ENOMEM)
        st = mark_failed(r, f->path, st, &rec);
    if (st == PASSIM_OK && !passim_update_interrupted(r->o) &&
        (st = save_record(r, key, &rec)) == PASSIM_OK)
        st = maybe_flush(r);
out:
    passim_record_release(&rec);
    return st;
}

/* ---- after the files ----------------------------------------------------- */

/* Records of files not seen: forget them, or keep their articles. */
static passim_status settle_missing(run *r)
{
    for (size_t i = 0; i < r->nrecs; i++) {
        loaded *l = &r->recs[i];
        passim_status st;
        if (l->seen)
            continue;
        if (r->o->keep_missing) {
            if ((st = keep_ids(r, &l->rec)) != PASSIM_OK)
                return st;
            continue;
        }
        if ((st = ensure_txn(r)) != PASSIM_OK ||
            (st = xc_wdb_set_metadata(r->db, l->key, strlen(l->key), "", 0)) != PASSIM_OK)
            return st;
    }
    return PASSIM_OK;
}

typedef struct sweep {
    run *r;
    char **gone;
    size_t n, cap;
    passim_status st;
} sweep;

/* Add a copy of term[0..len) to the sweep's list; non-zero (stop) when
 * out of memory. */
static int keep_term(sweep *s, const char *term, size_t len)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        char **v = realloc(s->gone, cap * sizeof *v);
        if (!v) {
            s->st = passim_error_nomem("the list of articles to remove");
            return 1;
        }
        s->gone = v;
        s->cap = cap;
    }
    if (!(s->gone[s->n] = malloc(len + 1))) {
        s->st = passim_error_nomem("an article id to remove");
        return 1;
    }
    memcpy(s->gone[s->n], term, len);
    s->gone[s->n++][len] = '\0';
    return 0;
}

static int find_gone(void *ctx, const char *term, size_t len, uint32_t tf)
{
    sweep *s = ctx;
    char id[PASSIM_MAX_ID_BYTES + 1];
    (void)tf;
    if (!passim_sync_id_of_term(id, term, len) || passim_idset_has(s->r->present, id))
        return 0;
    return keep_term(s, term, len);
}

/* Delete every article no record accounts for. */
static passim_status remove_unaccounted(run *r)
{
    sweep s = {r, NULL, 0, 0, PASSIM_OK};
    passim_status st = xc_wdb_terms(r->db, PASSIM_PREFIX_ID, 1, find_gone, &s);
    if (st == PASSIM_OK)
        st = s.st;
    for (size_t i = 0; i < s.n && st == PASSIM_OK; i++) {
        if ((st = ensure_txn(r)) == PASSIM_OK &&
            (st = xc_wdb_delete(r->db, s.gone[i])) == PASSIM_OK) {
            r->stats->removed++;
            if (++r->in_batch >= r->o->batch)
                st = flush(r);
        }
    }
    for (size_t i = 0; i < s.n; i++)
        free(s.gone[i]);
    free(s.gone);
    return st;
}

/* ---- the sync ------------------------------------------------------------ */

/* The metadata an index keeps about itself, saved at the end of every
 * sync: the stopword list (searches use the same one). */
static passim_status save_index_metadata(run *r)
{
    char *list = NULL;
    size_t len = 0;
    passim_status st;
    if ((st = passim_stopwords_join(&list, &len, r->o->stop)) == PASSIM_OK &&
        (st = ensure_txn(r)) == PASSIM_OK)
        st = xc_wdb_set_metadata(r->db, PASSIM_STOPWORDS_KEY, strlen(PASSIM_STOPWORDS_KEY),
                                 list, len);
    if (st == PASSIM_OK) /* schema.h: the schema version this index is written in */
        st = passim_schema_record(r->db);
    free(list);
    return st;
}

/* Update (or fill) the open writable database r->db from `files`. */
static passim_status sync_db(run *r, const passim_corpus_files *files)
{
    passim_status st;
    if ((st = xc_wdb_metadata(r->db, PASSIM_MANIFEST_PREFIX, 1, load_record, r)) != PASSIM_OK ||
        (st = r->load_st) != PASSIM_OK ||
        (st = xc_wdb_terms(r->db, PASSIM_PREFIX_ID, 1, load_id, r)) != PASSIM_OK ||
        (st = r->load_st) != PASSIM_OK)
        return st;
    for (size_t i = 0; i < files->n; i++) {
        if (passim_update_interrupted(r->o))
            return flush(r); /* keep what is done; no sweep on a partial run */
        if ((st = update_file(r, &files->v[i])) != PASSIM_OK)
            return st;
        r->stats->files_done++;
        if (r->o->progress)
            r->o->progress(r->o->progress_ctx, r->stats);
    }
    if ((st = settle_missing(r)) != PASSIM_OK || (st = remove_unaccounted(r)) != PASSIM_OK ||
        (st = save_index_metadata(r)) != PASSIM_OK)
        return st;
    return flush(r);
}


passim_status passim_sync_database(passim_update_stats *stats, xc_wdb *db,
                                   const passim_update_opts *o,
                                   const passim_corpus_files *files)
{
    passim_status st;
    run r = {0};
    passim_error_clear();
    r.o = o;
    r.stats = stats;
    r.db = db;
    if ((st = passim_idset_new(&r.before)) == PASSIM_OK &&
        (st = passim_idset_new(&r.present)) == PASSIM_OK)
        st = sync_db(&r, files);
    for (size_t i = 0; i < r.nrecs; i++)
        passim_record_release(&r.recs[i].rec);
    free(r.recs);
    passim_idset_free(r.before);
    passim_idset_free(r.present);
    return st;
}
