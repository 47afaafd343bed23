/* failio.c — an LD_PRELOAD shim that makes file writes, syncs or renames
 * fail from the Nth call on, to test how programs survive a full disk or
 * an I/O error, kill or pause it at an exact call. Built by the
 * integration tests (io_error.sh, crash_kill.sh, live_readers.sh in
 * tests/integration/) with `cc -shared -fPIC`; not part of the project's
 * build.
 *
 * FAILIO="CALL:N[:ERR][,CALL:N[:ERR]...]"
 *   CALL  write | pwrite | pread | fsync | fdatasync | rename
 *         (write, pwrite and pread count only calls on regular files, so a
 *         failing program can still print its messages; pwrite and pread
 *         cover pwrite64 and pread64)
 *   N     the first call (from 1) that fails; every later one fails too
 *   ERR   ENOSPC (default), EIO or EDQUOT; or KILL: the process kills
 *         itself with SIGKILL at that call, before making it (a crash at
 *         an exact point); or STOP: the process stops itself (SIGSTOP)
 *         at that call, before making it, and makes it once continued;
 *         later calls pass (a pause at an exact point)
 * When a call is first made to fail, one line goes to stderr:
 *   "failio: fdatasync call 3 fails with ENOSPC"
 * so a test can tell that the fault was really injected. Without FAILIO
 * the shim passes every call through. With FAILIO_COUNT set, the process
 * prints at exit how many calls of each kind it made:
 *   "failio: calls write 0 pwrite 0 pread 37 fsync 0 fdatasync 0 rename 0"
 * (a dry run, to choose N). With FAILIO_PATH set, only calls on files
 * whose path contains that string are counted and failed (the path of an
 * fd is read from /proc/self/fd; rename is matched by its source path).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

enum { C_WRITE, C_PWRITE, C_PREAD, C_FSYNC, C_FDATASYNC, C_RENAME, C_N };

static const char *const call_names[C_N] = {"write", "pwrite", "pread", "fsync",
                                            "fdatasync", "rename"};
static long fail_from[C_N];   /* 0: never fail */
static int fail_errno[C_N];
static const char *fail_errname[C_N];
static long calls[C_N];
static int announced[C_N];
static int parsed;

static void parse(void)
{
    const char *spec = getenv("FAILIO");
    char buf[256], *save = NULL;
    parsed = 1;
    if (!spec || strlen(spec) >= sizeof buf)
        return;
    strcpy(buf, spec);
    for (char *item = strtok_r(buf, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
        char *name = item, *num = strchr(item, ':'), *err = NULL;
        if (!num)
            continue;
        *num++ = '\0';
        if ((err = strchr(num, ':')) != NULL)
            *err++ = '\0';
        for (int c = 0; c < C_N; c++) {
            if (strcmp(name, call_names[c]) != 0)
                continue;
            fail_from[c] = strtol(num, NULL, 10);
            fail_errno[c] = ENOSPC;
            fail_errname[c] = "ENOSPC";
            if (err && strcmp(err, "EIO") == 0) {
                fail_errno[c] = EIO;
                fail_errname[c] = "EIO";
            } else if (err && strcmp(err, "EDQUOT") == 0) {
                fail_errno[c] = EDQUOT;
                fail_errname[c] = "EDQUOT";
            } else if (err && strcmp(err, "KILL") == 0) {
                fail_errno[c] = -SIGKILL;
                fail_errname[c] = "KILL";
            } else if (err && strcmp(err, "STOP") == 0) {
                fail_errno[c] = -SIGSTOP;
                fail_errname[c] = "STOP";
            }
        }
    }
}

/* Count a call of kind c; 1 (with errno set) when it must fail. */
static int should_fail(int c)
{
    if (!parsed)
        parse();
    ++calls[c];
    if (fail_from[c] <= 0 || calls[c] < fail_from[c])
        return 0;
    if (fail_errno[c] == -SIGSTOP && calls[c] > fail_from[c])
        return 0; /* a pause happens once */
    if (!announced[c]) {
        announced[c] = 1;
        fprintf(stderr, "failio: %s call %ld fails with %s\n", call_names[c], calls[c],
                fail_errname[c]);
    }
    if (fail_errno[c] < 0) {
        raise(-fail_errno[c]);
        return 0; /* continued after a stop: make the call */
    }
    errno = fail_errno[c];
    return 1;
}

__attribute__((destructor)) static void report_counts(void)
{
    if (!getenv("FAILIO_COUNT"))
        return;
    fprintf(stderr, "failio: calls");
    for (int c = 0; c < C_N; c++)
        fprintf(stderr, " %s %ld", call_names[c], calls[c]);
    fprintf(stderr, "\n");
}

static int is_regular(int fd)
{
    struct stat sb;
    return fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* Whether `path` is one FAILIO_PATH selects (all when it is unset). */
static int path_selected(const char *path)
{
    const char *want = getenv("FAILIO_PATH");
    return !want || !*want || (path && strstr(path, want));
}

static int fd_selected(int fd)
{
    char link[64], path[4096];
    ssize_t n;
    const char *want = getenv("FAILIO_PATH");
    if (!want || !*want)
        return 1;
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    if ((n = readlink(link, path, sizeof path - 1)) < 0)
        return 0;
    path[n] = '\0';
    return path_selected(path);
}

static void *real(const char *name)
{
    void *f = dlsym(RTLD_NEXT, name);
    if (!f) {
        fprintf(stderr, "failio: cannot find %s\n", name);
        abort();
    }
    return f;
}

ssize_t write(int fd, const void *buf, size_t n)
{
    static ssize_t (*next)(int, const void *, size_t);
    if (!next)
        next = (ssize_t (*)(int, const void *, size_t))real("write");
    if (is_regular(fd) && fd_selected(fd) && should_fail(C_WRITE))
        return -1;
    return next(fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
    static ssize_t (*next)(int, const void *, size_t, off_t);
    if (!next)
        next = (ssize_t (*)(int, const void *, size_t, off_t))real("pwrite");
    if (is_regular(fd) && fd_selected(fd) && should_fail(C_PWRITE))
        return -1;
    return next(fd, buf, n, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off)
{
    static ssize_t (*next)(int, const void *, size_t, off_t);
    if (!next)
        next = (ssize_t (*)(int, const void *, size_t, off_t))real("pwrite64");
    if (is_regular(fd) && fd_selected(fd) && should_fail(C_PWRITE))
        return -1;
    return next(fd, buf, n, off);
}

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
    static ssize_t (*next)(int, void *, size_t, off_t);
    if (!next)
        next = (ssize_t (*)(int, void *, size_t, off_t))real("pread");
    if (is_regular(fd) && fd_selected(fd) && should_fail(C_PREAD))
        return -1;
    return next(fd, buf, n, off);
}

ssize_t pread64(int fd, void *buf, size_t n, off_t off)
{
    static ssize_t (*next)(int, void *, size_t, off_t);
    if (!next)
        next = (ssize_t (*)(int, void *, size_t, off_t))real("pread64");
    if (is_regular(fd) && fd_selected(fd) && should_fail(C_PREAD))
        return -1;
    return next(fd, buf, n, off);
}

int fsync(int fd)
{
    static int (*next)(int);
    if (!next)
        next = (int (*)(int))real("fsync");
    if (fd_selected(fd) && should_fail(C_FSYNC))
        return -1;
    return next(fd);
}

int fdatasync(int fd)
{
    static int (*next)(int);
    if (!next)
        next = (int (*)(int))real("fdatasync");
    if (fd_selected(fd) && should_fail(C_FDATASYNC))
        return -1;
    return next(fd);
}

int rename(const char *from, const char *to)
{
    static int (*next)(const char *, const char *);
    if (!next)
        next = (int (*)(const char *, const char *))real("rename");
    if (path_selected(from) && should_fail(C_RENAME))
        return -1;
    return next(from, to);
}
