/* update.c — incremental, atomic index updates (contracts in update.h). */
#include "update.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "article.h"
#include "document.h"
#include "manifest.h"
#include "stopwords.h"
#include "store.h"
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
            r->load_st = PASSIM_ENOMEM;
            return 1;
        }
        r->recs = v;
        r->cap = cap;
    }
    loaded *l = &r->recs[r->nrecs];
    memset(l, 0, sizeof *l);
    memcpy(l->key, key, klen);
    passim_status st = passim_record_decode(val, vlen, &l->rec);
    if (st == PASSIM_ENOMEM) {
        r->load_st = st;
        return 1;
    }
    if (st == PASSIM_OK)
        r->nrecs++; /* a damaged record is dropped: its file counts as new */
    return 0;
}

/* The article id of id term term[0..len) ("Q" + id) into id; 0 when the
 * term is not one. */
static int id_of_term(const char *term, size_t len, char id[PASSIM_MAX_ID_BYTES + 1])
{
    if (len < 2 || len - 1 > PASSIM_MAX_ID_BYTES)
        return 0;
    memcpy(id, term + 1, len - 1);
    id[len - 1] = '\0';
    return 1;
}

static int load_id(void *ctx, const char *term, size_t len, uint32_t tf)
{
    run *r = ctx;
    char id[PASSIM_MAX_ID_BYTES + 1];
    (void)tf;
    if (!id_of_term(term, len, id))
        return 0;
    r->load_st = passim_idset_add(r->before, id, NULL);
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

static void report(run *r, const char *where, passim_status st, const char *why)
{
    if (st != PASSIM_OK)
        r->stats->skipped++;
    if (r->o->report)
        r->o->report(r->o->report_ctx, where, st, why);
}

/* passim_report_fn over report(): what the reader skips is counted too. */
static void report_cb(void *ctx, const char *where, passim_status st, const char *why)
{
    report(ctx, where, st, why);
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
        (st = passim_record_encode(rec, &val, &len)) != PASSIM_OK)
        return st;
    st = xc_wdb_set_metadata(r->db, key, strlen(key), val, len);
    free(val);
    return st;
}

/* Add every id of `rec` to the present set. */
static passim_status keep_ids(run *r, const passim_file_record *rec)
{
    for (size_t i = 0; i < rec->nids; i++) {
        passim_status st = passim_idset_add(r->present, rec->ids[i], NULL);
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
        report(r, where, PASSIM_EINVAL, "no text");
        return PASSIM_OK;
    }
    if ((st = passim_idset_add(r->present, art->id, &added)) != PASSIM_OK)
        return st;
    if (!added) {
        report(r, where, PASSIM_EINVAL, "duplicate article id");
        return PASSIM_OK;
    }
    if (art->flags & PASSIM_ARTICLE_RECODED)
        report(r, where, PASSIM_OK, "not valid UTF-8; read as Windows-1252");
    st = passim_document_build(&doc, r->o->an, art, &bo, &ds);
    if (st == PASSIM_ETOOBIG || st == PASSIM_EINVAL) {
        report(r, where, st, passim_error_msg());
        r->stats->failed++;
        return PASSIM_OK;
    }
    if (st != PASSIM_OK || (st = maybe_flush(r)) != PASSIM_OK ||
        (st = ensure_txn(r)) != PASSIM_OK ||
        (st = passim_id_term(art->id, idterm, sizeof idterm)) != PASSIM_OK ||
        (st = xc_wdb_replace(r->db, idterm, doc, NULL)) != PASSIM_OK ||
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

    st = passim_source_open(&src, f);
    while (st == PASSIM_OK && !(r->o->interrupted && *r->o->interrupted)) {
        st = passim_source_next(src, &art, report_cb, r);
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
    if (fatal != PASSIM_OK)
        return fatal;
    if (r->o->verbose) {
        snprintf(where, sizeof where, "read, %zu articles", rec->nids);
        report(r, f->path, PASSIM_OK, where);
    }
    if (st == PASSIM_ENOMEM)
        return st;
    if (st != PASSIM_OK) {
        report(r, f->path, st, passim_error_msg());
        rec->failed = 1;
        free(rec->reason);
        if (!(rec->reason = strdup(passim_error_msg())))
            return PASSIM_ENOMEM;
        r->stats->failed++;
    }
    return PASSIM_OK;
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
        report(r, f->path, PASSIM_ENOTFOUND, "vanished during the run");
        r->stats->failed++;
        return PASSIM_OK;
    }
    passim_manifest_key(canon, key);
    old = find_record(r, key);
    if (old && strcmp(old->rec.path, canon) != 0)
        old = NULL; /* a hash collision: treat as new */
    if (old)
        old->seen = 1;
    int64_t mtime = (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec;
    if (old && old->rec.size == (uint64_t)sb.st_size && old->rec.mtime_ns == mtime &&
        (!old->rec.failed || !r->o->retry_failed)) {
        if (old->rec.failed)
            r->stats->failed++; /* still failing: retried when it changes */
        else
            r->stats->unchanged += old->rec.nids;
        return keep_ids(r, &old->rec);
    }
    r->stats->bytes_done += (uint64_t)sb.st_size;
    rec.size = (uint64_t)sb.st_size;
    rec.mtime_ns = mtime;
    if (!(rec.path = strdup(canon)) || !(rec.reason = strdup(""))) {
        st = PASSIM_ENOMEM;
        goto out;
    }
    /* Only a file indexed before needs its content compared before it is
     * read; a new one is read once, its crc taken on the way. */
    if (old && !old->rec.failed)
        st = file_crc(f->path, &rec.crc);
    if (st == PASSIM_OK && old && !old->rec.failed && old->rec.crc == rec.crc &&
        old->rec.size == rec.size) {
        /* Touched, not changed: refresh the record, keep the articles. */
        r->stats->unchanged += old->rec.nids;
        for (size_t i = 0; i < old->rec.nids && st == PASSIM_OK; i++)
            st = passim_record_add_id(&rec, old->rec.ids[i]);
        if (st == PASSIM_OK && (st = keep_ids(r, &rec)) == PASSIM_OK)
            st = save_record(r, key, &rec);
        goto out;
    }
    if (st == PASSIM_OK) {
        st = read_file(r, f, &rec);
    } else if (st != PASSIM_ENOMEM) {
        report(r, f->path, st, passim_error_msg());
        rec.failed = 1;
        free(rec.reason);
        rec.reason = strdup(passim_error_msg());
        r->stats->failed++;
        st = rec.reason ? PASSIM_OK : PASSIM_ENOMEM;
    }
    if (st == PASSIM_OK && !(r->o->interrupted && *r->o->interrupted) &&
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
            s->st = PASSIM_ENOMEM;
            return 1;
        }
        s->gone = v;
        s->cap = cap;
    }
    if (!(s->gone[s->n] = malloc(len + 1))) {
        s->st = PASSIM_ENOMEM;
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
    if (!id_of_term(term, len, id) || passim_idset_has(s->r->present, id))
        return 0;
    return keep_term(s, term, len);
}

/* Terms callback: collect id terms indexing more than one article. */
static int find_duplicates(void *ctx, const char *term, size_t len, uint32_t tf)
{
    sweep *s = ctx;
    return tf < 2 ? 0 : keep_term(s, term, len);
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

/* ---- the run ------------------------------------------------------------- */

static void report_listing(void *ctx, const char *path, passim_status st,
                           const char *why)
{
    run *r = ctx;
    r->stats->failed++;
    report(r, path, st, why);
}

static passim_status list_files(run *r, passim_corpus_files *files)
{
    passim_status st = PASSIM_OK;
    for (size_t i = 0; i < r->o->nroots && st == PASSIM_OK; i++)
        st = passim_corpus_list(r->o->roots[i], files, report_listing, r);
    for (size_t i = 0; i < files->n; i++) {
        struct stat sb;
        if (stat(files->v[i].path, &sb) == 0)
            r->stats->bytes_total += (uint64_t)sb.st_size;
    }
    r->stats->files_total = files->n;
    return st;
}

/* Keep the stopword list in the index, so searches use the same one. */
static passim_status save_stopwords(run *r)
{
    char *list = NULL;
    size_t len = 0;
    passim_status st;
    if ((st = passim_stopwords_join(r->o->stop, &list, &len)) == PASSIM_OK &&
        (st = ensure_txn(r)) == PASSIM_OK)
        st = xc_wdb_set_metadata(r->db, PASSIM_STOPWORDS_KEY, strlen(PASSIM_STOPWORDS_KEY),
                                 list, len);
    free(list);
    return st;
}

/* Update (or fill) the open writable database r->db from the corpus. */
static passim_status update_db(run *r, const passim_corpus_files *files)
{
    passim_status st;
    if ((st = xc_wdb_metadata(r->db, PASSIM_MANIFEST_PREFIX, 1, load_record, r)) != PASSIM_OK ||
        (st = r->load_st) != PASSIM_OK ||
        (st = xc_wdb_terms(r->db, PASSIM_PREFIX_ID, 1, load_id, r)) != PASSIM_OK ||
        (st = r->load_st) != PASSIM_OK)
        return st;
    for (size_t i = 0; i < files->n; i++) {
        if (r->o->interrupted && *r->o->interrupted)
            return flush(r); /* keep what is done; no sweep on a partial run */
        if ((st = update_file(r, &files->v[i])) != PASSIM_OK)
            return st;
        r->stats->files_done++;
        if (r->o->progress)
            r->o->progress(r->o->progress_ctx, r->stats);
    }
    if ((st = settle_missing(r)) != PASSIM_OK || (st = remove_unaccounted(r)) != PASSIM_OK ||
        (st = save_stopwords(r)) != PASSIM_OK)
        return st;
    return flush(r);
}

/* ---- full builds in several processes ------------------------------------ */

#define MAX_JOBS 4

static void add_stats(passim_update_stats *to, const passim_update_stats *from)
{
    to->added += from->added;
    to->replaced += from->replaced;
    to->removed += from->removed;
    to->unchanged += from->unchanged;
    to->failed += from->failed;
    to->sentences += from->sentences;
    to->bytes_read += from->bytes_read;
    to->bytes_done += from->bytes_done;
    to->files_done += from->files_done;
    to->skipped += from->skipped;
}

/* In a worker: build files j, j+jobs, ... into the new database `path`;
 * write the stats to fd. Returns the exit status (0 on success). */
static int build_part(const passim_update_opts *o, const passim_corpus_files *files,
                      size_t j, size_t jobs, const char *path, int fd)
{
    passim_update_opts mine = *o;
    passim_update_stats stats = {0};
    passim_corpus_files part = {0};
    passim_status st = PASSIM_ENOMEM;
    run r = {0};

    if (j != 0)
        mine.progress = NULL; /* one progress line, the first worker's */
    r.o = &mine;
    r.stats = &stats;
    part.v = malloc((files->n / jobs + 1) * sizeof *part.v);
    if (!part.v || passim_idset_new(&r.before) != PASSIM_OK ||
        passim_idset_new(&r.present) != PASSIM_OK)
        goto out;
    for (size_t i = j; i < files->n; i += jobs)
        part.v[part.n++] = files->v[i];
    stats.files_total = part.n;
    for (size_t i = 0; i < part.n; i++) {
        struct stat sb;
        if (stat(part.v[i].path, &sb) == 0)
            stats.bytes_total += (uint64_t)sb.st_size;
    }
    if ((st = xc_wdb_open(&r.db, path, XC_CREATE_OR_OVERWRITE)) == PASSIM_OK)
        st = update_db(&r, &part);
out:
    if (st != PASSIM_OK)
        fprintf(stderr, "passim-index: worker %zu: %s: %s\n", j, passim_status_str(st),
                passim_error_msg());
    xc_wdb_close(r.db);
    free(part.v); /* the entries belong to the parent's list */
    passim_idset_free(r.before);
    passim_idset_free(r.present);
    if (write(fd, &stats, sizeof stats) != (ssize_t)sizeof stats)
        st = st == PASSIM_OK ? PASSIM_EIO : st;
    return st == PASSIM_OK ? 0 : 10 + (int)st;
}

/* Keep one article per id in the merged database `path`: reported and
 * deleted are the later copies. */
static passim_status dedupe(const passim_update_opts *o, const char *path,
                            passim_update_stats *stats)
{
    passim_status st;
    xc_wdb *db = NULL;
    sweep dup = {NULL, NULL, 0, 0, PASSIM_OK};

    if ((st = xc_wdb_open(&db, path, XC_OPEN)) != PASSIM_OK)
        return st;
    if ((st = xc_wdb_terms(db, PASSIM_PREFIX_ID, 1, find_duplicates, &dup)) == PASSIM_OK)
        st = dup.st;
    if (st == PASSIM_OK && dup.n && (st = xc_wdb_begin(db, 1)) == PASSIM_OK) {
        for (size_t i = 0; i < dup.n && st == PASSIM_OK; i++) {
            xc_docid dids[64];
            size_t n = 0;
            stats->skipped++;
            if (o->report)
                o->report(o->report_ctx, dup.gone[i] + 1, PASSIM_EINVAL,
                          "duplicate article id (kept once)");
            st = xc_wdb_postings(db, dup.gone[i], strlen(dup.gone[i]), dids, 64, &n);
            for (size_t k = 1; k < n && st == PASSIM_OK; k++) {
                st = xc_wdb_delete_docid(db, dids[k]);
                stats->added--;
            }
        }
        passim_status end = st == PASSIM_OK ? xc_wdb_commit_transaction(db)
                                            : xc_wdb_cancel_transaction(db);
        if (st == PASSIM_OK)
            st = end;
    }
    for (size_t i = 0; i < dup.n; i++)
        free(dup.gone[i]);
    free(dup.gone);
    xc_wdb_close(db);
    return st;
}

/* Build generation `gdir` from `files` in `jobs` worker processes. */
static passim_status build_parallel(const passim_update_opts *o,
                                    const passim_corpus_files *files, unsigned jobs,
                                    const char *gdir, passim_writer_lock *lock,
                                    passim_update_stats *stats)
{
    passim_status st = PASSIM_OK;
    char parts[MAX_JOBS][PATH_MAX + 32];
    pid_t pids[MAX_JOBS] = {0};
    int fds[MAX_JOBS] = {-1, -1, -1, -1};
    xc_db *db = NULL;
    pid_t parent = getpid();

    for (unsigned j = 0; j < jobs; j++) {
        int pfd[2];
        snprintf(parts[j], sizeof parts[j], "%.*s.part-%u", PATH_MAX - 1, gdir, j);
        if (pipe(pfd) != 0) {
            st = passim_error_set(PASSIM_EIO, "pipe: %s", strerror(errno));
            break;
        }
        fflush(NULL);
        pid_t pid = fork();
        if (pid < 0) {
            close(pfd[0]);
            close(pfd[1]);
            st = passim_error_set(PASSIM_EIO, "fork: %s", strerror(errno));
            break;
        }
        if (pid == 0) {
            /* A worker dies with the process that started it. */
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (getppid() != parent)
                _exit(1);
            passim_store_lock_forget(lock);
            close(pfd[0]);
            _exit(build_part(o, files, j, jobs, parts[j], pfd[1]));
        }
        close(pfd[1]);
        pids[j] = pid;
        fds[j] = pfd[0];
    }
    for (unsigned j = 0; j < jobs; j++) {
        passim_update_stats part = {0};
        int status = 0;
        if (!pids[j])
            continue;
        ssize_t got = read(fds[j], &part, sizeof part);
        while (waitpid(pids[j], &status, 0) < 0 && errno == EINTR)
            ;
        close(fds[j]);
        if (got == (ssize_t)sizeof part)
            add_stats(stats, &part);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            if (st == PASSIM_OK)
                st = passim_error_set(PASSIM_EIO, "an indexing worker failed");
        }
    }
    if (st == PASSIM_OK && !(o->interrupted && *o->interrupted)) {
        if ((st = xc_db_open(&db, parts[0])) == PASSIM_OK) {
            for (unsigned j = 1; j < jobs && st == PASSIM_OK; j++)
                st = xc_db_add(db, parts[j]);
            if (st == PASSIM_OK)
                st = xc_db_compact(db, gdir);
        }
        xc_db_close(db);
        if (st == PASSIM_OK)
            st = passim_store_sync_tree(gdir);
        if (st == PASSIM_OK)
            st = dedupe(o, gdir, stats);
    }
    return st;
}

/* Remove the part databases of an earlier or this build of gdir. */
static void remove_parts(const char *gdir, unsigned jobs)
{
    char path[PATH_MAX + 32];
    for (unsigned j = 0; j < jobs; j++) {
        snprintf(path, sizeof path, "%.*s.part-%u", PATH_MAX - 1, gdir, j);
        passim_store_remove_tree(path);
    }
}

static unsigned jobs_for(const passim_update_opts *o, size_t nfiles)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned jobs = o->jobs ? o->jobs : (unsigned)(cores > 0 ? cores : 1);
    if (jobs > MAX_JOBS)
        jobs = MAX_JOBS;
    if (nfiles < 2 * (size_t)jobs)
        jobs = 1;
    return jobs;
}

passim_status passim_update_run(const passim_update_opts *o, passim_update_stats *stats)
{
    passim_status st;
    passim_writer_lock *lock = NULL;
    passim_corpus_files files = {0};
    run r = {0};
    char gdir[PATH_MAX];
    unsigned gen = 0;

    memset(stats, 0, sizeof *stats);
    r.o = o;
    r.stats = stats;
    if ((st = passim_idset_new(&r.before)) != PASSIM_OK ||
        (st = passim_idset_new(&r.present)) != PASSIM_OK)
        goto out;
    if ((st = list_files(&r, &files)) != PASSIM_OK)
        goto out;
    if ((st = passim_store_lock(&lock, o->index_dir, o->wait, NULL)) != PASSIM_OK)
        goto out;
    int fresh = o->rebuild || passim_store_live_generation(o->index_dir) == 0;
    unsigned jobs = jobs_for(o, files.n);
    if (fresh && jobs > 1) {
        if ((st = passim_store_new_generation(o->index_dir, gdir, sizeof gdir, &gen)) != PASSIM_OK)
            goto out;
        remove_parts(gdir, MAX_JOBS);
        st = build_parallel(o, &files, jobs, gdir, lock, stats);
        remove_parts(gdir, jobs);
        if (st == PASSIM_OK && !(o->interrupted && *o->interrupted))
            st = passim_store_switch(o->index_dir, gen);
        if (st == PASSIM_OK)
            passim_store_cleanup(o->index_dir);
        goto out;
    }
    if (o->rebuild) {
        if ((st = passim_store_new_generation(o->index_dir, gdir, sizeof gdir, &gen)) != PASSIM_OK ||
            (st = xc_wdb_open(&r.db, gdir, XC_CREATE_OR_OVERWRITE)) != PASSIM_OK)
            goto out;
    } else if ((st = passim_store_open_write(&r.db, o->index_dir)) != PASSIM_OK) {
        goto out;
    }
    if ((st = update_db(&r, &files)) != PASSIM_OK)
        goto out;
    xc_wdb_close(r.db);
    r.db = NULL;
    if (o->rebuild && !(o->interrupted && *o->interrupted) &&
        (st = passim_store_switch(o->index_dir, gen)) != PASSIM_OK)
        goto out;
    passim_store_cleanup(o->index_dir);
out:
    stats->generation = passim_store_live_generation(o->index_dir);
    xc_wdb_close(r.db); /* cancels a transaction still open */
    passim_store_unlock(lock);
    for (size_t i = 0; i < r.nrecs; i++)
        passim_record_release(&r.recs[i].rec);
    free(r.recs);
    passim_idset_free(r.before);
    passim_idset_free(r.present);
    passim_corpus_files_free(&files);
    return st;
}

passim_status passim_update_compact(const char *dir, int wait)
{
    passim_status st;
    passim_writer_lock *lock = NULL;
    xc_db *db = NULL;
    char live[PATH_MAX], gdir[PATH_MAX];
    unsigned gen = 0, cur;

    if ((st = passim_store_lock(&lock, dir, wait, NULL)) != PASSIM_OK)
        return st;
    if ((cur = passim_store_live_generation(dir)) == 0) {
        st = passim_error_set(PASSIM_ENOTFOUND, "no index at %s", dir);
        goto out;
    }
    snprintf(live, sizeof live, "%s/gen-%u", dir, cur);
    if ((st = xc_db_open(&db, live)) != PASSIM_OK ||
        (st = passim_store_new_generation(dir, gdir, sizeof gdir, &gen)) != PASSIM_OK ||
        (st = xc_db_compact(db, gdir)) != PASSIM_OK)
        goto out;
    xc_db_close(db);
    db = NULL;
    /* Xapian's compactor does not report failed syncs: check ourselves
     * that the new generation reached the disk before it goes live. */
    if ((st = passim_store_sync_tree(gdir)) != PASSIM_OK ||
        (st = passim_store_switch(dir, gen)) != PASSIM_OK) {
        passim_store_remove_tree(gdir);
        goto out;
    }
    passim_store_cleanup(dir);
out:
    xc_db_close(db);
    passim_store_unlock(lock);
    return st;
}
