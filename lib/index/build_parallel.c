/* build_parallel.c — full builds in worker processes, resumable (contracts
 * in build_parallel.h). */
#include "index/build_parallel.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "index/document.h"
#include "util/idset.h"
#include "index/manifest.h"
#include "util/message.h"
#include "text/stopwords.h"

/* Metadata key of a part: the settings it is built with. */
#define PART_KEY "passim:part"

/* A worker's message on its pipe: its stats so far, or at the end. */
typedef struct part_msg {
    int final;
    passim_update_stats s;
} part_msg;

/* The directory of part j of generation directory gdir. */
static void part_path(char *out, size_t size, const char *gdir, unsigned j)
{
    snprintf(out, size, "%.*s.part-%u", PATH_MAX - 1, gdir, j);
}

/* The part of file f: FNV-1a of its path, so the same file goes to the
 * same part in every run with the same job count. */
static unsigned part_of(const passim_corpus_file *f, unsigned jobs)
{
    uint64_t h = 1469598103934665603ull;
    for (const char *p = f->path; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    return (unsigned)(h % jobs);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- in a worker --------------------------------------------------------- */

typedef struct worker {
    int fd;
    double last;
} worker;

/* Write all of msg to fd; -1 on failure. */
static int send_msg(int fd, const part_msg *m)
{
    const char *p = (const char *)m;
    size_t left = sizeof *m;
    while (left) {
        ssize_t n = write(fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        left -= (size_t)n;
    }
    return 0;
}

/* passim_progress_fn of a worker: its stats to the parent, at most every
 * 50 ms. */
static void worker_progress(void *ctx, const passim_update_stats *s)
{
    worker *w = ctx;
    double t = now_seconds();
    part_msg m = {0, *s};
    if (t - w->last < 0.05)
        return;
    w->last = t;
    send_msg(w->fd, &m);
}

/* The settings a part is built with, as stored under PART_KEY. */
static passim_status part_settings(const passim_update_opts *o, char **out, size_t *len)
{
    char *list = NULL;
    size_t n = 0;
    passim_status st = passim_stopwords_join(o->stop, &list, &n);
    const char *lang = o->language ? o->language : "";
    *out = NULL;
    if (st != PASSIM_OK)
        return st;
    size_t cap = strlen(lang) + n + 32;
    if (!(*out = malloc(cap))) {
        free(list);
        return PASSIM_ENOMEM;
    }
    *len = (size_t)snprintf(*out, cap, "language %s\nstopwords\n", lang);
    memcpy(*out + *len, list, n);
    *len += n;
    free(list);
    return PASSIM_OK;
}

typedef struct found_value {
    char *val;
    size_t len;
    int found;
} found_value;

/* Metadata callback: copy the value of PART_KEY into the found_value. */
static int take_value(void *ctx, const char *key, size_t klen, const char *val, size_t vlen)
{
    found_value *f = ctx;
    if (klen != strlen(PART_KEY) || !(f->val = malloc(vlen + 1)))
        return 0;
    memcpy(f->val, val, vlen);
    f->len = vlen;
    f->found = 1;
    (void)key;
    return 1;
}

/* Open part database `path` to go on building it, or afresh when it was
 * built with other settings (or never finished being created). */
static passim_status open_part(const passim_update_opts *o, const char *path, xc_wdb **db)
{
    passim_status st;
    char *want = NULL, rev[PATH_MAX + 64];
    size_t wlen = 0;
    found_value have = {0};
    *db = NULL;
    if ((st = part_settings(o, &want, &wlen)) != PASSIM_OK)
        return st;
    snprintf(rev, sizeof rev, "%s/iamglass", path);
    if (access(rev, F_OK) != 0)
        passim_store_remove_tree(path);
    if ((st = xc_wdb_open(db, path, XC_CREATE_OR_OPEN)) == PASSIM_OK)
        st = xc_wdb_metadata(*db, PART_KEY, strlen(PART_KEY), take_value, &have);
    if (st == PASSIM_OK && !(have.found && have.len == wlen && memcmp(have.val, want, wlen) == 0)) {
        xc_wdb_close(*db);
        *db = NULL;
        if ((st = xc_wdb_open(db, path, XC_CREATE_OR_OVERWRITE)) == PASSIM_OK &&
            (st = xc_wdb_begin(*db, 1)) == PASSIM_OK &&
            (st = xc_wdb_set_metadata(*db, PART_KEY, strlen(PART_KEY), want, wlen)) == PASSIM_OK)
            st = xc_wdb_commit_transaction(*db);
    }
    if (st != PASSIM_OK) {
        xc_wdb_close(*db);
        *db = NULL;
    }
    free(want);
    free(have.val);
    return st;
}

/* In a worker: build the files of part j into `path`; stats go to fd.
 * Returns the exit status (0 on success). */
static int build_part(const passim_update_opts *o, const passim_corpus_files *files,
                      unsigned j, unsigned jobs, const char *path, int fd)
{
    passim_update_opts mine = *o;
    part_msg m = {1, {0}};
    passim_corpus_files part = {0};
    passim_status st = PASSIM_ENOMEM;
    worker w = {fd, 0};
    xc_wdb *db = NULL;

    mine.keep_missing = 0; /* a file missing from a part went to another */
    mine.progress = worker_progress;
    mine.progress_ctx = &w;
    if (!(part.v = malloc((files->n + 1) * sizeof *part.v)))
        goto out;
    for (size_t i = 0; i < files->n; i++)
        if (part_of(&files->v[i], jobs) == j)
            part.v[part.n++] = files->v[i];
    if ((st = open_part(o, path, &db)) == PASSIM_OK)
        st = passim_update_database(&mine, db, &part, &m.s);
out:
    if (st != PASSIM_OK)
        passim_message_print(stderr, "passim-index: worker %u: %s: %s", j,
                             passim_status_str(st), passim_error_msg());
    xc_wdb_close(db);
    free(part.v); /* the entries belong to the parent's list */
    if (send_msg(fd, &m) != 0 && st == PASSIM_OK)
        st = PASSIM_EIO;
    return st == PASSIM_OK ? 0 : 10 + (int)st;
}

/* ---- in the parent: running the workers -------------------------------- */

/* Read one whole message from fd: 1, or 0 at end of file (or error). */
static int recv_msg(int fd, part_msg *m)
{
    char *p = (char *)m;
    size_t got = 0;
    while (got < sizeof *m) {
        ssize_t n = read(fd, p + got, sizeof *m - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return 0;
        got += (size_t)n;
    }
    return 1;
}

/* Follow the workers until every pipe is closed: their latest stats into
 * last[], the run's progress to o->progress; a stop request is passed on. */
static void follow_workers(const passim_update_opts *o, const passim_update_stats *whole,
                           int *fds, const pid_t *pids, unsigned jobs,
                           passim_update_stats *last, int *final)
{
    struct pollfd pfd[PASSIM_MAX_JOBS];
    int open_fds = 0, told = 0;
    for (unsigned j = 0; j < jobs; j++)
        open_fds += fds[j] >= 0;
    while (open_fds > 0) {
        if (!told && o->interrupted && *o->interrupted) {
            for (unsigned j = 0; j < jobs; j++)
                if (pids[j] > 0)
                    kill(pids[j], SIGTERM); /* they commit and stop */
            told = 1;
        }
        for (unsigned j = 0; j < jobs; j++) {
            pfd[j].fd = fds[j];
            pfd[j].events = POLLIN;
            pfd[j].revents = 0;
        }
        if (poll(pfd, jobs, 200) < 0)
            continue; /* EINTR: look at the stop request */
        for (unsigned j = 0; j < jobs; j++) {
            part_msg m;
            if (fds[j] < 0 || !(pfd[j].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            if (!recv_msg(fds[j], &m)) {
                close(fds[j]);
                fds[j] = -1;
                open_fds--;
                continue;
            }
            last[j] = m.s;
            final[j] = m.final;
        }
        if (o->progress) {
            passim_update_stats sum;
            passim_update_progress(&sum, whole, last, jobs);
            o->progress(o->progress_ctx, &sum);
        }
    }
}

/* Start the workers, follow them and wait for them; their final stats
 * into last[]. */
static passim_status run_workers(const passim_update_opts *o, const passim_corpus_files *files,
                                 unsigned jobs, const char *gdir, passim_writer_lock *lock,
                                 const passim_update_stats *whole, passim_update_stats *last)
{
    passim_status st = PASSIM_OK;
    pid_t pids[PASSIM_MAX_JOBS] = {0};
    int fds[PASSIM_MAX_JOBS] = {-1, -1, -1, -1}, final[PASSIM_MAX_JOBS] = {0};
    pid_t parent = getpid();

    for (unsigned j = 0; j < jobs; j++) {
        int pfd[2];
        char path[PATH_MAX + 32];
        part_path(path, sizeof path, gdir, j);
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
            /* The writer lock goes with the parent alone: let go of the
             * inherited descriptor first thing. A worker dies with the
             * process that started it. */
            passim_store_lock_forget(lock);
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (getppid() != parent)
                _exit(1);
            close(pfd[0]);
            for (unsigned k = 0; k < j; k++)
                close(fds[k]);
            _exit(build_part(o, files, j, jobs, path, pfd[1]));
        }
        close(pfd[1]);
        pids[j] = pid;
        fds[j] = pfd[0];
    }
    follow_workers(o, whole, fds, pids, jobs, last, final);
    for (unsigned j = 0; j < jobs; j++) {
        int status = 0;
        if (!pids[j])
            continue;
        while (waitpid(pids[j], &status, 0) < 0 && errno == EINTR)
            ;
        if ((!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !final[j]) && st == PASSIM_OK)
            st = passim_error_set(PASSIM_EIO, "an indexing worker failed");
    }
    return st;
}

/* ---- in the parent: duplicate ids across parts --------------------------- */

/* A record of a part that holds an id some other part holds too. */
typedef struct held {
    unsigned part;
    char key[PASSIM_MANIFEST_KEY_BYTES + 1];
    passim_file_record rec;
    size_t order; /* its file's place in corpus order */
    int dirty;
} held;

/* One file's claim on a duplicated id. */
typedef struct claim {
    const char *id; /* borrowed from its record, then a copy of its own */
    size_t order;
    size_t h;       /* index into the held records */
    int lost;       /* an earlier file keeps the id */
    uint64_t line;  /* of the record in its JSON Lines file, once found */
} claim;

/* A canonical path and its file's place in corpus order. */
typedef struct ordered {
    char *canon;
    size_t order;
} ordered;

typedef struct dedupe {
    const passim_corpus_files *files;
    passim_idset *all, *dups;
    ordered *byp;   /* sorted by canon */
    size_t nbyp;
    held *h;
    size_t nh, caph;
    claim *c;
    size_t nc, capc;
    unsigned part;
    passim_status st;
} dedupe;

/* Terms callback: count an article id (from its id term) in d->all. */
static int count_id(void *ctx, const char *term, size_t len, uint32_t tf)
{
    dedupe *d = ctx;
    char id[PASSIM_MAX_ID_BYTES + 1];
    (void)tf;
    if (len < 2 || len - 1 > PASSIM_MAX_ID_BYTES)
        return 0;
    memcpy(id, term + 1, len - 1);
    id[len - 1] = '\0';
    d->st = passim_idset_add(d->all, id, NULL);
    return d->st != PASSIM_OK;
}

/* Idset callback: an id counted in more than one part joins d->dups. */
static int collect_dup(void *ctx, const char *id, uint32_t count)
{
    dedupe *d = ctx;
    if (count < 2)
        return 0;
    d->st = passim_idset_add(d->dups, id, NULL);
    return d->st != PASSIM_OK;
}

/* qsort/bsearch order of `ordered` entries: by canonical path. */
static int cmp_ordered(const void *a, const void *b)
{
    return strcmp(((const ordered *)a)->canon, ((const ordered *)b)->canon);
}

/* The corpus order of the file of canonical path `canon` (SIZE_MAX when
 * it is not listed). */
static size_t order_of(const dedupe *d, const char *canon)
{
    ordered key = {(char *)canon, 0};
    const ordered *o = d->nbyp ? bsearch(&key, d->byp, d->nbyp, sizeof *d->byp, cmp_ordered)
                               : NULL;
    return o ? o->order : SIZE_MAX;
}

/* The canonical path of every listed file with its place in corpus
 * order, sorted for order_of. */
static passim_status index_paths(dedupe *d)
{
    if (!(d->byp = calloc(d->files->n + 1, sizeof *d->byp)))
        return PASSIM_ENOMEM;
    for (size_t i = 0; i < d->files->n; i++) {
        char buf[PATH_MAX];
        if (!realpath(d->files->v[i].path, buf))
            continue;
        if (!(d->byp[d->nbyp].canon = strdup(buf)))
            return PASSIM_ENOMEM;
        d->byp[d->nbyp++].order = i;
    }
    qsort(d->byp, d->nbyp, sizeof *d->byp, cmp_ordered);
    return PASSIM_OK;
}

/* Note that held record h claims `id`; -1 when out of memory. */
static int push_claim(dedupe *d, const char *id, size_t h)
{
    if (d->nc == d->capc) {
        size_t cap = d->capc ? d->capc * 2 : 16;
        claim *v = realloc(d->c, cap * sizeof *v);
        if (!v)
            return -1;
        d->c = v;
        d->capc = cap;
    }
    memset(&d->c[d->nc], 0, sizeof d->c[d->nc]);
    d->c[d->nc].id = id;
    d->c[d->nc].order = d->h[h].order;
    d->c[d->nc++].h = h;
    return 0;
}

/* Metadata callback: keep the records of the part holding duplicated ids. */
static int hold_record(void *ctx, const char *key, size_t klen, const char *val, size_t vlen)
{
    dedupe *d = ctx;
    passim_file_record rec;
    size_t hits = 0;
    if (klen != PASSIM_MANIFEST_KEY_BYTES || passim_record_decode(val, vlen, &rec) != PASSIM_OK)
        return 0;
    for (size_t i = 0; i < rec.nids; i++)
        hits += passim_idset_has(d->dups, rec.ids[i]);
    if (!hits) {
        passim_record_release(&rec);
        return 0;
    }
    if (d->nh == d->caph) {
        size_t cap = d->caph ? d->caph * 2 : 16;
        held *v = realloc(d->h, cap * sizeof *v);
        if (!v) {
            passim_record_release(&rec);
            d->st = PASSIM_ENOMEM;
            return 1;
        }
        d->h = v;
        d->caph = cap;
    }
    held *h = &d->h[d->nh];
    memset(h, 0, sizeof *h);
    h->part = d->part;
    memcpy(h->key, key, klen);
    h->rec = rec;
    h->order = order_of(d, rec.path);
    size_t hi = d->nh++;
    /* The claims borrow the ids from the record, which keeps them until
     * they are resolved (lose_id is applied after sorting, on copies). */
    for (size_t i = 0; i < rec.nids; i++)
        if (passim_idset_has(d->dups, rec.ids[i]) && push_claim(d, rec.ids[i], hi) < 0) {
            d->st = PASSIM_ENOMEM;
            return 1;
        }
    return 0;
}

/* Claims grouped by id, each group in corpus order. */
static int cmp_claims(const void *a, const void *b)
{
    const claim *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    if (c)
        return c;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* Claim pointers by id. */
static int cmp_claim_ptr_id(const void *a, const void *b)
{
    return strcmp((*(claim *const *)a)->id, (*(claim *const *)b)->id);
}

/* Find, in one pass over JSON Lines file f, the line of the first record
 * of each of the claims lost[0..n) (sorted by id here); a text file has
 * none. */
static void find_lines(const passim_corpus_file *f, claim **lost, size_t n)
{
    passim_source *src = NULL;
    passim_article *art = NULL;
    size_t found = 0;
    if (!passim_corpus_file_is_jsonl(f) || passim_source_open(&src, f) != PASSIM_OK)
        return;
    qsort(lost, n, sizeof *lost, cmp_claim_ptr_id);
    while (found < n && passim_source_next(src, &art, NULL, NULL) == PASSIM_OK && art) {
        claim key = {0}, *kp = &key, **hit;
        key.id = art->id;
        hit = bsearch(&kp, lost, n, sizeof *lost, cmp_claim_ptr_id);
        if (hit && !(*hit)->line) {
            (*hit)->line = passim_source_line(src);
            found++;
        }
        passim_article_free(art);
    }
    passim_source_close(src);
}

/* Claim pointers by held record. */
static int cmp_claim_ptr_held(const void *a, const void *b)
{
    size_t x = (*(claim *const *)a)->h, y = (*(claim *const *)b)->h;
    return x < y ? -1 : x > y;
}

/* Report the lost claims as FILE:LINE, one scan of each losing file. */
static passim_status report_lost(const passim_update_opts *o, dedupe *d)
{
    claim **lost = malloc((d->nc + 1) * sizeof *lost);
    char where[PATH_MAX + 32];
    size_t n = 0;
    if (!lost)
        return PASSIM_ENOMEM;
    for (size_t i = 0; i < d->nc; i++)
        if (d->c[i].lost)
            lost[n++] = &d->c[i];
    qsort(lost, n, sizeof *lost, cmp_claim_ptr_held);
    for (size_t i = 0, j; i < n; i = j) {
        held *h = &d->h[lost[i]->h];
        for (j = i; j < n && lost[j]->h == lost[i]->h; j++)
            ;
        if (h->order >= d->files->n)
            continue;
        const passim_corpus_file *f = &d->files->v[h->order];
        find_lines(f, lost + i, j - i);
        for (size_t k = i; k < j; k++) {
            if (lost[k]->line)
                snprintf(where, sizeof where, "%s:%llu", f->path,
                         (unsigned long long)lost[k]->line);
            else
                snprintf(where, sizeof where, "%s", f->path);
            o->report(o->report_ctx, where, PASSIM_EINVAL,
                      "duplicate article id (an earlier file in corpus order has it)");
        }
    }
    free(lost);
    return PASSIM_OK;
}

/* The loser of claim c: its article goes from its part, its record notes
 * the lost id; counted in `failed` (reported by report_lost). */
static passim_status drop_claim(dedupe *d, xc_wdb **dbs, claim *c, passim_update_stats *stats)
{
    held *h = &d->h[c->h];
    char idterm[PASSIM_MAX_ID_BYTES + 2];
    passim_status st;
    if ((st = passim_id_term(c->id, idterm, sizeof idterm)) == PASSIM_OK &&
        (st = xc_wdb_delete(dbs[h->part], idterm)) == PASSIM_OK &&
        (st = passim_record_lose_id(&h->rec, c->id)) == PASSIM_OK) {
        h->dirty = 1;
        c->lost = 1;
        stats->failed++;
        if (stats->added)
            stats->added--;
    }
    return st;
}

/* Resolve ids held by several parts: the first file in corpus order keeps
 * each. */
static passim_status dedupe_parts(const passim_update_opts *o, const passim_corpus_files *files,
                                  const char *gdir, unsigned jobs, passim_update_stats *stats)
{
    passim_status st;
    xc_wdb *dbs[PASSIM_MAX_JOBS] = {0};
    dedupe d = {0};
    char path[PATH_MAX + 32];
    int in_txn[PASSIM_MAX_JOBS] = {0};

    d.files = files;
    if ((st = passim_idset_new(&d.all)) != PASSIM_OK ||
        (st = passim_idset_new(&d.dups)) != PASSIM_OK)
        goto out;
    for (unsigned j = 0; j < jobs && st == PASSIM_OK; j++) {
        part_path(path, sizeof path, gdir, j);
        if ((st = xc_wdb_open(&dbs[j], path, XC_OPEN)) == PASSIM_OK &&
            (st = xc_wdb_terms(dbs[j], PASSIM_PREFIX_ID, 1, count_id, &d)) == PASSIM_OK)
            st = d.st;
    }
    if (st != PASSIM_OK)
        goto out;
    passim_idset_foreach(d.all, collect_dup, &d);
    if ((st = d.st) != PASSIM_OK || passim_idset_size(d.dups) == 0)
        goto out;
    if ((st = index_paths(&d)) != PASSIM_OK)
        goto out;
    for (unsigned j = 0; j < jobs && st == PASSIM_OK; j++) {
        d.part = j;
        if ((st = xc_wdb_metadata(dbs[j], PASSIM_MANIFEST_PREFIX, 1, hold_record, &d)) == PASSIM_OK)
            st = d.st;
    }
    if (st != PASSIM_OK)
        goto out;
    qsort(d.c, d.nc, sizeof *d.c, cmp_claims);
    /* Copy the ids out of the records first: dropping changes them. */
    for (size_t i = 0; i < d.nc; i++)
        if (!(d.c[i].id = strdup(d.c[i].id))) {
            for (size_t k = 0; k < i; k++)
                free((char *)d.c[k].id);
            d.nc = 0;
            st = PASSIM_ENOMEM;
            goto out;
        }
    for (size_t i = 0; i < d.nc && st == PASSIM_OK; i++) {
        unsigned p = d.h[d.c[i].h].part;
        if (i == 0 || strcmp(d.c[i].id, d.c[i - 1].id) != 0)
            continue; /* the first in corpus order keeps it */
        if (!in_txn[p] && (st = xc_wdb_begin(dbs[p], 1)) == PASSIM_OK)
            in_txn[p] = 1;
        if (st == PASSIM_OK)
            st = drop_claim(&d, dbs, &d.c[i], stats);
    }
    if (st == PASSIM_OK && o->report)
        st = report_lost(o, &d);
    for (size_t i = 0; i < d.nh && st == PASSIM_OK; i++) {
        char *val = NULL;
        size_t len = 0;
        if (!d.h[i].dirty)
            continue;
        if ((st = passim_record_encode(&d.h[i].rec, &val, &len)) == PASSIM_OK)
            st = xc_wdb_set_metadata(dbs[d.h[i].part], d.h[i].key, strlen(d.h[i].key), val, len);
        free(val);
    }
    for (unsigned j = 0; j < jobs && st == PASSIM_OK; j++)
        if (in_txn[j]) {
            in_txn[j] = 0;
            st = xc_wdb_commit_transaction(dbs[j]);
        }
    for (size_t i = 0; i < d.nc; i++)
        free((char *)d.c[i].id);
out:
    for (unsigned j = 0; j < jobs; j++)
        xc_wdb_close(dbs[j]); /* cancels a transaction left open */
    for (size_t i = 0; i < d.nh; i++)
        passim_record_release(&d.h[i].rec);
    for (size_t i = 0; i < d.nbyp; i++)
        free(d.byp[i].canon);
    free(d.byp);
    free(d.h);
    free(d.c);
    passim_idset_free(d.all);
    passim_idset_free(d.dups);
    return st;
}

/* ---- the build ------------------------------------------------------------ */

/* Merge the parts into gdir by compaction. */
static passim_status merge_parts(const char *gdir, unsigned jobs)
{
    passim_status st;
    xc_db *db = NULL;
    char path[PATH_MAX + 32];
    part_path(path, sizeof path, gdir, 0);
    if ((st = xc_db_open(&db, path)) == PASSIM_OK) {
        for (unsigned j = 1; j < jobs && st == PASSIM_OK; j++) {
            part_path(path, sizeof path, gdir, j);
            st = xc_db_add(db, path);
        }
        if (st == PASSIM_OK)
            st = xc_db_compact(db, gdir);
    }
    xc_db_close(db);
    if (st == PASSIM_OK)
        st = passim_store_sync_tree(gdir);
    return st;
}

/* Remove the part databases of gdir numbered from..PASSIM_MAX_JOBS-1. */
static void remove_parts(const char *gdir, unsigned from)
{
    char path[PATH_MAX + 32];
    for (unsigned j = from; j < PASSIM_MAX_JOBS; j++) {
        part_path(path, sizeof path, gdir, j);
        passim_store_remove_tree(path);
    }
}

passim_status passim_build_parallel(const passim_update_opts *o,
                                    const passim_corpus_files *files, unsigned jobs,
                                    passim_writer_lock *lock, passim_update_stats *stats,
                                    unsigned *gen)
{
    passim_status st;
    char gdir[PATH_MAX];
    passim_update_stats last[PASSIM_MAX_JOBS] = {{0}}, whole = *stats;

    if (jobs < 2 || jobs > PASSIM_MAX_JOBS)
        return passim_error_set(PASSIM_EINVAL, "a parallel build takes 2 to %d jobs",
                                PASSIM_MAX_JOBS);
    if ((st = passim_store_resume_generation(o->index_dir, gdir, sizeof gdir, gen)) != PASSIM_OK)
        return st;
    remove_parts(gdir, jobs); /* left by a run with more jobs */
    st = run_workers(o, files, jobs, gdir, lock, &whole, last);
    passim_update_progress(stats, &whole, last, jobs);
    /* A full build removes nothing from the index: what its parts removed
     * (files that moved to another part, or left the corpus between a
     * kill and the rerun) is not counted, as in a build in one process. */
    stats->removed = whole.removed;
    if (st != PASSIM_OK || (o->interrupted && *o->interrupted))
        return st; /* the parts stay for the next full build */
    if ((st = dedupe_parts(o, files, gdir, jobs, stats)) != PASSIM_OK ||
        (st = merge_parts(gdir, jobs)) != PASSIM_OK)
        return st;
    remove_parts(gdir, 0);
    return PASSIM_OK;
}
