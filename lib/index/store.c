/* store.c — index directory layout, generations and locks (contracts in
 * store.h). */
#define _XOPEN_SOURCE 700 /* nftw */
#include "index/store.h"
#include "index/schema.h" /* schema check of an index opened */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define STUB_NAME "XAPIANDB"
#define WRITER_LOCK "writer.lock"
#define RETRY_PAUSE_US 2000u /* the first pause between attempts */

static int join(char *out, size_t size, const char *dir, const char *name)
{
    return (size_t)snprintf(out, size, "%s/%s", dir, name) < size ? 0 : -1;
}

/* The generation the stub of `dir` names ("glass gen-N" or "auto gen-N"
 * as its only line); 0 when it names something else or is missing. */
unsigned passim_store_live_generation(const char *dir)
{
    char path[4096], buf[256];
    unsigned gen = 0;
    char kind[16], tail[2];
    if (join(path, sizeof path, dir, STUB_NAME) < 0)
        return 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    if (sscanf(buf, " %15s gen-%u %1s", kind, &gen, tail) != 2 ||
        (strcmp(kind, "glass") && strcmp(kind, "auto")))
        return 0;
    return gen;
}

/* ---- retries ------------------------------------------------------------ */

passim_status passim_store_retry(passim_status (*attempt)(void *ctx, int last),
                                 passim_status (*recover)(void *ctx), void *ctx)
{
    passim_status st;
    for (int n = 0; n < PASSIM_STORE_ATTEMPTS; n++) {
        /* An attempt overtaken and retried is not this call's error. */
        passim_error_clear();
        if (n > 0) {
            usleep(RETRY_PAUSE_US << (n - 1));
            if (recover && (st = recover(ctx)) != PASSIM_OK) {
                if (st == PASSIM_ERETRY)
                    continue;
                return st;
            }
        }
        if ((st = attempt(ctx, n + 1 == PASSIM_STORE_ATTEMPTS)) != PASSIM_ERETRY)
            return st;
    }
    return passim_error_set(PASSIM_ERETRY, "the index kept changing during %d attempts",
                            PASSIM_STORE_ATTEMPTS);
}

/* ---- readers ------------------------------------------------------------ */

static int gen_lock_path(char *out, size_t size, const char *dir, unsigned gen)
{
    return (size_t)snprintf(out, size, "%s/gen-%u.lock", dir, gen) < size ? 0 : -1;
}

void passim_store_release(passim_store_hold *hold)
{
    if (!hold)
        return;
    if (hold->fd >= 0)
        close(hold->fd); /* releases the flock */
    *hold = PASSIM_STORE_HOLD_NONE;
}

/* The lock of generation `gen` of `dir`, held shared: its descriptor, or
 * -1 when it cannot be had (a read-only index directory cannot hold
 * locks: it is then read unlocked). */
static int hold_generation(const char *dir, unsigned gen)
{
    char path[4096];
    int fd;
    if (gen_lock_path(path, sizeof path, dir, gen) < 0)
        return -1;
    fd = open(path, O_RDONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        fd = open(path, O_RDONLY | O_CLOEXEC);
    while (fd >= 0 && flock(fd, LOCK_SH) != 0) {
        if (errno == EINTR)
            continue;
        close(fd);
        fd = -1;
    }
    return fd;
}

/* An open racing a commit can see blocks of two revisions that look
 * corrupt: believe it only on the last attempt. */
static passim_status settle(passim_status st, int last)
{
    return st == PASSIM_ECORRUPT && !last ? PASSIM_ERETRY : st;
}

typedef struct open_job {
    xc_db **out;
    passim_store_hold *hold;
    const char *dir;
} open_job;

/* One attempt at opening the live generation of j->dir with its hold. */
static passim_status open_attempt(void *ctx, int last)
{
    open_job *j = ctx;
    char gdir[4096];
    unsigned gen = passim_store_live_generation(j->dir);
    passim_status st;
    int fd;
    if (gen == 0) /* not one of ours: let Xapian decide */
        return passim_schema_check_read(j->out, settle(xc_db_open(j->out, j->dir), last)); /* schema.h */
    if ((size_t)snprintf(gdir, sizeof gdir, "%s/gen-%u", j->dir, gen) >= sizeof gdir)
        return passim_error_set(PASSIM_EINVAL, "index path too long");
    fd = hold_generation(j->dir, gen);
    /* The stub may have moved on while we waited: then try again. */
    if (passim_store_live_generation(j->dir) != gen) {
        if (fd >= 0)
            close(fd);
        return passim_error_set(PASSIM_ERETRY, "the index switched generations");
    }
    st = settle(xc_db_open(j->out, gdir), last);
    if ((st = passim_schema_check_read(j->out, st)) != PASSIM_OK) { /* schema.h: refuse a schema this passim does not read */
        if (fd >= 0)
            close(fd);
        return st;
    }
    j->hold->fd = fd;
    j->hold->gen = gen;
    return PASSIM_OK;
}

passim_status passim_store_open_read(xc_db **out, passim_store_hold *hold,
                                     const char *dir)
{
    struct stat sb;
    open_job job = {out, hold, dir};
    passim_error_clear();
    *out = NULL;
    *hold = PASSIM_STORE_HOLD_NONE;
    if (stat(dir, &sb) != 0)
        return passim_error_set(PASSIM_ENOTFOUND, "no index at %s: %s", dir,
                                strerror(errno));
    return passim_store_retry(open_attempt, NULL, &job);
}

/* ---- the writer --------------------------------------------------------- */

struct passim_writer_lock {
    int fd;
};

passim_status passim_store_lock(passim_writer_lock **out, pid_t *holder,
                                const char *dir, int wait)
{
    char path[4096], pid[32];
    int fd;
    passim_error_clear();
    *out = NULL;
    if (holder)
        *holder = 0;
    if (mkdir(dir, 0755) != 0 && errno != EEXIST)
        return passim_error_set(PASSIM_EIO, "cannot create %s: %s", dir, strerror(errno));
    if (join(path, sizeof path, dir, WRITER_LOCK) < 0)
        return passim_error_set(PASSIM_EINVAL, "index path too long");
    if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) < 0)
        return passim_error_set(PASSIM_EIO, "%s: %s", path, strerror(errno));
    while (flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0) {
        if (errno == EINTR)
            continue;
        if (errno == EWOULDBLOCK) {
            ssize_t n = pread(fd, pid, sizeof pid - 1, 0);
            pid[n > 0 ? n : 0] = '\0';
            long p = atol(pid);
            /* Name the holder only if it is a live process. */
            if (p <= 0 || (kill((pid_t)p, 0) != 0 && errno == ESRCH))
                p = 0;
            if (holder)
                *holder = (pid_t)p;
            close(fd);
            if (p)
                return passim_error_set(PASSIM_ELOCKED, "index %s is being written by "
                                        "process %ld", dir, p);
            return passim_error_set(PASSIM_ELOCKED, "index %s is being written by "
                                    "another process (pid unknown)", dir);
        }
        int err = errno;
        close(fd);
        return passim_error_set(PASSIM_EIO, "%s: %s", path, strerror(err));
    }
    int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)n, 0) != n) {
        /* The pid is only information for others: carry on without it. */
    }
    if (!(*out = malloc(sizeof **out))) {
        close(fd);
        return passim_error_nomem("the writer lock");
    }
    (*out)->fd = fd;
    return PASSIM_OK;
}

void passim_store_lock_forget(passim_writer_lock *lock)
{
    if (lock)
        close(lock->fd); /* the parent's descriptor still holds the lock */
}

void passim_store_unlock(passim_writer_lock *lock)
{
    if (!lock)
        return;
    if (ftruncate(lock->fd, 0) != 0) {
        /* the pid is information only: a stale one is checked for */
    }
    close(lock->fd); /* releases the flock */
    free(lock);
}

passim_status passim_store_sync_dir(const char *dir)
{
    passim_error_clear();
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return passim_error_set(PASSIM_EIO, "%s: %s", dir, strerror(errno));
    int r = fsync(fd);
    int err = errno;
    close(fd);
    /* Some file systems cannot sync a directory (EINVAL): nothing to do. */
    if (r != 0 && err != EINVAL)
        return passim_error_set(PASSIM_EIO, "syncing %s: %s", dir, strerror(err));
    return PASSIM_OK;
}

static int sync_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    int fd = open(path, (flag == FTW_D || flag == FTW_DP ? O_RDONLY | O_DIRECTORY : O_RDONLY) |
                            O_CLOEXEC);
    if (fd < 0)
        return -1;
    int r = fsync(fd);
    int err = errno;
    close(fd);
    if (r != 0 && err != EINVAL) {
        errno = err;
        return -1;
    }
    return 0;
}

passim_status passim_store_sync_tree(const char *path)
{
    passim_error_clear();
    if (nftw(path, sync_entry, 16, FTW_DEPTH | FTW_PHYS) != 0)
        return passim_error_set(PASSIM_EIO, "syncing %s: %s", path, strerror(errno));
    return PASSIM_OK;
}

/* Write `content` to dir/STUB_NAME atomically and durably. */
static passim_status write_stub(const char *dir, const char *content)
{
    char tmp[4096], path[4096];
    size_t n = strlen(content);
    int fd;
    if (join(path, sizeof path, dir, STUB_NAME) < 0 ||
        join(tmp, sizeof tmp, dir, "." STUB_NAME ".tmp") < 0)
        return passim_error_set(PASSIM_EINVAL, "index path too long");
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return passim_error_set(PASSIM_EIO, "%s: %s", tmp, strerror(errno));
    if (write(fd, content, n) != (ssize_t)n || fsync(fd) != 0) {
        int err = errno;
        close(fd);
        unlink(tmp);
        return passim_error_set(PASSIM_EIO, "%s: %s", tmp, strerror(err));
    }
    close(fd);
    if (rename(tmp, path) != 0) {
        int err = errno;
        unlink(tmp);
        return passim_error_set(PASSIM_EIO, "%s: %s", path, strerror(err));
    }
    return passim_store_sync_dir(dir);
}

passim_status passim_store_open_write(xc_wdb **out, const char *dir)
{
    passim_status st;
    char path[4096];
    passim_error_clear();
    *out = NULL;
    if (mkdir(dir, 0755) != 0 && errno != EEXIST)
        return passim_error_set(PASSIM_EIO, "cannot create %s: %s", dir, strerror(errno));
    if (join(path, sizeof path, dir, STUB_NAME) < 0)
        return passim_error_set(PASSIM_EINVAL, "index path too long");
    if (access(path, F_OK) != 0) {
        /* No stub: no generation was ever live, so a gen-1 directory is
         * what a killed build left (a parallel build's unfinished merge,
         * say), never something to adopt. */
        char g1[4096];
        snprintf(g1, sizeof g1, "%s/gen-1", dir);
        if (passim_store_remove_tree(g1) != 0)
            return passim_error_set(PASSIM_EIO, "cannot clear %s: %s", g1, strerror(errno));
        if ((st = write_stub(dir, "glass gen-1\n")) != PASSIM_OK)
            return st;
    }
    unsigned gen = passim_store_live_generation(dir);
    if (gen) {
        /* A generation directory without its revision file was never
         * finished (a build killed while Xapian created it): it holds
         * nothing, so start it again. */
        char g[4096], rev[4200];
        snprintf(g, sizeof g, "%s/gen-%u", dir, gen);
        snprintf(rev, sizeof rev, "%s/iamglass", g);
        if (access(rev, F_OK) != 0 && passim_store_remove_tree(g) != 0)
            return passim_error_set(PASSIM_EIO, "cannot clear %s: %s", g, strerror(errno));
    }
    return passim_schema_check_write(out, dir, xc_wdb_open(out, dir, XC_CREATE_OR_OPEN)); /* schema.h: refuse a schema this passim does not update */
}

/* Generation number of a directory entry "gen-N" (0 if it is not one). */
static unsigned gen_of(const char *name)
{
    unsigned gen = 0;
    char tail[2];
    if (strncmp(name, "gen-", 4) != 0 || sscanf(name + 4, "%u%1s", &gen, tail) != 1)
        return 0;
    return gen;
}

static int remove_entry(const char *path, const struct stat *sb, int flag,
                        struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path) == 0 || errno == ENOENT ? 0 : -1;
}

int passim_store_remove_tree(const char *path)
{
    struct stat sb;
    if (lstat(path, &sb) != 0)
        return errno == ENOENT ? 0 : -1;
    return nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

passim_status passim_store_new_generation(char *path, size_t size,
                                          unsigned *gen, const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    unsigned max = passim_store_live_generation(dir);
    passim_error_clear();
    if (!d)
        return passim_error_set(PASSIM_EIO, "%s: %s", dir, strerror(errno));
    while ((e = readdir(d)) != NULL) {
        unsigned g = gen_of(e->d_name);
        if (g > max)
            max = g;
    }
    closedir(d);
    *gen = max + 1;
    if ((size_t)snprintf(path, size, "%s/gen-%u", dir, *gen) >= size)
        return passim_error_set(PASSIM_EINVAL, "index path too long");
    if (passim_store_remove_tree(path) != 0)
        return passim_error_set(PASSIM_EIO, "cannot clear %s: %s", path, strerror(errno));
    return PASSIM_OK;
}

/* Generation number of a part directory entry "gen-M.part-J" (0 if it is
 * not one). */
static unsigned part_gen_of(const char *name)
{
    unsigned gen = 0, part = 0;
    char tail[2];
    if (strncmp(name, "gen-", 4) != 0 ||
        sscanf(name + 4, "%u.part-%u%1s", &gen, &part, tail) != 2)
        return 0;
    return gen;
}

passim_status passim_store_resume_generation(char *path, size_t size,
                                             unsigned *gen, const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    unsigned live = passim_store_live_generation(dir), best = 0;
    passim_error_clear();
    if (!d)
        return passim_error_set(PASSIM_EIO, "%s: %s", dir, strerror(errno));
    while ((e = readdir(d)) != NULL) {
        unsigned g = part_gen_of(e->d_name);
        if (g > live && g > best)
            best = g;
    }
    closedir(d);
    if (!best)
        return passim_store_new_generation(path, size, gen, dir);
    *gen = best;
    if ((size_t)snprintf(path, size, "%s/gen-%u", dir, best) >= size)
        return passim_error_set(PASSIM_EINVAL, "index path too long");
    if (passim_store_remove_tree(path) != 0)
        return passim_error_set(PASSIM_EIO, "cannot clear %s: %s", path, strerror(errno));
    return PASSIM_OK;
}

passim_status passim_store_switch(const char *dir, unsigned gen)
{
    char path[4096], stub[64];
    xc_db *db = NULL;
    uint32_t n;
    passim_status st;
    passim_error_clear();
    snprintf(path, sizeof path, "%s/gen-%u", dir, gen);
    /* Check that the new generation opens and answers before it goes live. */
    if ((st = xc_db_open(&db, path)) != PASSIM_OK ||
        (st = xc_db_doccount(&n, db)) != PASSIM_OK) {
        xc_db_close(db);
        return st;
    }
    xc_db_close(db);
    snprintf(stub, sizeof stub, "glass gen-%u\n", gen);
    return write_stub(dir, stub);
}

unsigned passim_store_cleanup(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    unsigned live = passim_store_live_generation(dir), removed = 0;
    unsigned gens[256];
    size_t n = 0;
    if (!d || live == 0) {
        if (d)
            closedir(d);
        return 0;
    }
    while ((e = readdir(d)) != NULL) {
        unsigned g = gen_of(e->d_name);
        if (g && g != live && n < sizeof gens / sizeof *gens)
            gens[n++] = g;
        else if (!g && strncmp(e->d_name, "gen-", 4) == 0 && strstr(e->d_name, ".part-")) {
            /* A part of a parallel build that did not finish. */
            char part[4096];
            if ((size_t)snprintf(part, sizeof part, "%s/%s", dir, e->d_name) < sizeof part &&
                passim_store_remove_tree(part) == 0)
                removed++;
        }
    }
    closedir(d);
    for (size_t i = 0; i < n; i++) {
        char lock[4096], gdir[4096];
        int fd;
        if (gen_lock_path(lock, sizeof lock, dir, gens[i]) < 0)
            continue;
        snprintf(gdir, sizeof gdir, "%s/gen-%u", dir, gens[i]);
        fd = open(lock, O_RDONLY | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0)
            continue;
        /* A reader holds it shared: leave it for a later run. */
        if (flock(fd, LOCK_EX | LOCK_NB) == 0 &&
            passim_store_live_generation(dir) != gens[i] && passim_store_remove_tree(gdir) == 0) {
            unlink(lock);
            removed++;
        }
        close(fd);
    }
    return removed;
}
