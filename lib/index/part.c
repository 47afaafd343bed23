/* part.c — the part builder: one part built in this process (its settings
 * checked, then synced), or several at once in worker processes that send
 * their stats up a pipe (contracts in part.h). */
#include "index/part.h"

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

#include "index/sync.h"
#include "util/message.h"
#include "text/stopwords.h"
#include "xapian_c.h"

/* ---- one part ------------------------------------------------------------ */

/* The settings a part is built with, as stored under PASSIM_PART_KEY. */
static passim_status part_settings(char **out, size_t *len, const passim_update_opts *o)
{
    char *list = NULL;
    size_t n = 0;
    passim_status st = passim_stopwords_join(&list, &n, o->stop);
    const char *lang = o->language ? o->language : "";
    *out = NULL;
    if (st != PASSIM_OK)
        return st;
    size_t cap = strlen(lang) + n + 32;
    if (!(*out = malloc(cap))) {
        free(list);
        return passim_error_nomem("a part's settings");
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
    passim_status st; /* PASSIM_ENOMEM when the value could not be copied */
} found_value;

/* Metadata callback: copy the value of PASSIM_PART_KEY into the found_value. */
static int take_value(void *ctx, const char *key, size_t klen, const char *val, size_t vlen)
{
    found_value *f = ctx;
    if (klen != strlen(PASSIM_PART_KEY))
        return 0;
    if (!(f->val = malloc(vlen + 1))) {
        /* Not "no settings": that would start the part afresh. */
        f->st = passim_error_nomem("a part's settings");
        return 1;
    }
    memcpy(f->val, val, vlen);
    f->len = vlen;
    f->found = 1;
    (void)key;
    return 1;
}

/* How long a part held by another writer is waited for. */
#define PART_LOCK_WAIT_MS 2000
#define PART_LOCK_POLL_MS 50

/* Open `path` for writing; while another writer holds it, try again for
 * up to PART_LOCK_WAIT_MS. A worker of a build killed a moment ago dies
 * with its parent (SIGKILL), but Xapian's lock goes only once the worker
 * is gone: the next build's worker waits for that instead of failing. A
 * part still held after the wait gives PASSIM_ELOCKED. */
static passim_status open_waiting(xc_wdb **db, const char *path, int mode)
{
    passim_status st;
    struct timespec pause = {0, PART_LOCK_POLL_MS * 1000000L};
    for (int waited = 0;; waited += PART_LOCK_POLL_MS) {
        if ((st = xc_wdb_open(db, path, mode)) != PASSIM_ELOCKED || waited >= PART_LOCK_WAIT_MS)
            return st;
        nanosleep(&pause, NULL);
    }
}

/* Open part database `path` to go on building it, or afresh when it was
 * built with other settings (or never finished being created). */
static passim_status open_part(xc_wdb **db, const passim_update_opts *o, const char *path)
{
    passim_status st;
    char *want = NULL, rev[PATH_MAX + 64];
    size_t wlen = 0;
    found_value have = {0};
    *db = NULL;
    if ((st = part_settings(&want, &wlen, o)) != PASSIM_OK)
        return st;
    snprintf(rev, sizeof rev, "%s/iamglass", path);
    if (access(rev, F_OK) != 0)
        passim_store_remove_tree(path);
    if ((st = open_waiting(db, path, XC_CREATE_OR_OPEN)) == PASSIM_OK)
        st = xc_wdb_metadata(*db, PASSIM_PART_KEY, strlen(PASSIM_PART_KEY), take_value, &have);
    if (st == PASSIM_OK)
        st = have.st;
    if (st == PASSIM_OK && !(have.found && have.len == wlen && memcmp(have.val, want, wlen) == 0)) {
        xc_wdb_close(*db);
        *db = NULL;
        if ((st = xc_wdb_open(db, path, XC_CREATE_OR_OVERWRITE)) == PASSIM_OK &&
            (st = xc_wdb_begin(*db, 1)) == PASSIM_OK &&
            (st = xc_wdb_set_metadata(*db, PASSIM_PART_KEY, strlen(PASSIM_PART_KEY), want,
                                      wlen)) == PASSIM_OK)
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

passim_status passim_part_build(passim_update_stats *stats, const char *path,
                                const passim_update_opts *o,
                                const passim_corpus_files *files)
{
    passim_update_opts mine = *o;
    xc_wdb *db = NULL;
    passim_status st;
    passim_error_clear();
    mine.keep_missing = 0; /* a file missing from a part is gone from it */
    if ((st = open_part(&db, o, path)) == PASSIM_OK)
        st = passim_sync_database(stats, db, &mine, files);
    xc_wdb_close(db); /* cancels a transaction left open */
    return st;
}

/* ---- in a worker --------------------------------------------------------- */

/* A worker's message on its pipe: its stats so far, or at the end. */
typedef struct part_msg {
    int final;
    passim_update_stats s;
} part_msg;

typedef struct worker {
    int fd;
    double last;
} worker;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

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

/* In worker j: build part p, stats to fd. Returns the exit status (0 on
 * success). */
static int worker_main(const passim_update_opts *o, const passim_part *p, size_t j, int fd)
{
    passim_update_opts mine = *o;
    part_msg m = {1, {0}};
    worker w = {fd, 0};
    passim_status st;

    mine.progress = worker_progress;
    mine.progress_ctx = &w;
    st = passim_part_build(&m.s, p->path, &mine, p->files);
    if (st != PASSIM_OK)
        passim_message_print(stderr, "passim-index: worker %zu: %s: %s", j,
                             passim_status_str(st), passim_error_msg());
    if (send_msg(fd, &m) != 0 && st == PASSIM_OK)
        st = PASSIM_EIO;
    return st == PASSIM_OK ? 0 : 10 + (int)st;
}

/* ---- in the parent ------------------------------------------------------- */

/* The parent's view of the workers. */
typedef struct crew {
    size_t n;
    pid_t *pids;  /* 0: not started */
    int *fds;     /* read end of each pipe, -1 once closed */
    int *final;   /* the worker sent its final stats */
    struct pollfd *pfd;
} crew;

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
static void follow_workers(crew *c, const passim_update_opts *o,
                           const passim_update_stats *whole, passim_update_stats *last)
{
    size_t open_fds = 0;
    int told = 0;
    for (size_t j = 0; j < c->n; j++)
        open_fds += c->fds[j] >= 0;
    while (open_fds > 0) {
        if (!told && passim_update_interrupted(o)) {
            for (size_t j = 0; j < c->n; j++)
                if (c->pids[j] > 0)
                    kill(c->pids[j], SIGTERM); /* they commit and stop */
            told = 1;
        }
        for (size_t j = 0; j < c->n; j++) {
            c->pfd[j].fd = c->fds[j];
            c->pfd[j].events = POLLIN;
            c->pfd[j].revents = 0;
        }
        if (poll(c->pfd, (nfds_t)c->n, 200) < 0)
            continue; /* EINTR: look at the stop request */
        for (size_t j = 0; j < c->n; j++) {
            part_msg m;
            if (c->fds[j] < 0 || !(c->pfd[j].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            if (!recv_msg(c->fds[j], &m)) {
                close(c->fds[j]);
                c->fds[j] = -1;
                open_fds--;
                continue;
            }
            last[j] = m.s;
            c->final[j] = m.final;
        }
        if (o->progress) {
            passim_update_stats sum;
            passim_update_progress(&sum, whole, last, c->n);
            o->progress(o->progress_ctx, &sum);
        }
    }
}

/* Start worker j of c on parts[j]. */
static passim_status start_worker(crew *c, size_t j, const passim_part *parts,
                                  const passim_update_opts *o, passim_writer_lock *lock,
                                  pid_t parent)
{
    int pfd[2];
    if (pipe(pfd) != 0)
        return passim_error_set(PASSIM_EIO, "pipe: %s", strerror(errno));
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(pfd[0]);
        close(pfd[1]);
        return passim_error_set(PASSIM_EIO, "fork: %s", strerror(errno));
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
        for (size_t k = 0; k < j; k++)
            close(c->fds[k]);
        _exit(worker_main(o, &parts[j], j, pfd[1]));
    }
    close(pfd[1]);
    c->pids[j] = pid;
    c->fds[j] = pfd[0];
    return PASSIM_OK;
}

/* Wait for every started worker; PASSIM_EIO when one failed. */
static passim_status reap_workers(const crew *c)
{
    passim_status st = PASSIM_OK;
    for (size_t j = 0; j < c->n; j++) {
        int status = 0;
        if (!c->pids[j])
            continue;
        while (waitpid(c->pids[j], &status, 0) < 0 && errno == EINTR)
            ;
        if ((!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !c->final[j]) && st == PASSIM_OK)
            st = passim_error_set(PASSIM_EIO, "an indexing worker failed");
    }
    return st;
}

passim_status passim_parts_build(passim_update_stats *last, const passim_part *parts,
                                 size_t n, const passim_update_opts *o,
                                 const passim_update_stats *whole,
                                 passim_writer_lock *lock)
{
    passim_status st = PASSIM_OK, reaped;
    crew c = {n, NULL, NULL, NULL, NULL};
    pid_t parent = getpid();

    passim_error_clear();
    if (n == 0)
        return passim_error_set(PASSIM_EINVAL, "no parts to build");
    c.pids = calloc(n, sizeof *c.pids);
    c.fds = malloc(n * sizeof *c.fds);
    c.final = calloc(n, sizeof *c.final);
    c.pfd = calloc(n, sizeof *c.pfd);
    if (!c.pids || !c.fds || !c.final || !c.pfd) {
        st = passim_error_nomem("the workers' table");
        goto out;
    }
    for (size_t j = 0; j < n; j++)
        c.fds[j] = -1;
    for (size_t j = 0; j < n && st == PASSIM_OK; j++)
        st = start_worker(&c, j, parts, o, lock, parent);
    follow_workers(&c, o, whole, last);
    if ((reaped = reap_workers(&c)) != PASSIM_OK && st == PASSIM_OK)
        st = reaped;
out:
    free(c.pids);
    free(c.fds);
    free(c.final);
    free(c.pfd);
    return st;
}
