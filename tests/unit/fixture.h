/* fixture.h — index fixtures for the unit tests of the modules that read
 * an index (store, index, search): a scratch directory, a small corpus
 * written into it, and an index built from it by the real passim-index
 * (so the tests read what the indexer writes). Included by the test files;
 * not a test itself.
 */
#ifndef PASSIM_TEST_FIXTURE_H
#define PASSIM_TEST_FIXTURE_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A scratch directory: its path in dir (size at least 64). */
static inline int fixture_mkdtemp(char *dir, size_t size)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, size, "%s/passim-unit.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    return mkdtemp(dir) ? 0 : -1;
}

/* Run a shell command built from fmt; its exit status (0: success). */
static inline int fixture_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline int fixture_sh(const char *fmt, ...)
{
    char cmd[8192];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof cmd)
        return -1;
    return system(cmd);
}

/* Write `text` to dir/name (directories in name must exist). */
static inline int fixture_write(const char *dir, const char *name, const char *text)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    int ok = fputs(text, f) >= 0;
    return fclose(f) == 0 && ok ? 0 : -1;
}

/* passim-index ARGS (quiet), run from the build tree. */
#define fixture_indexer(fmt, ...) \
    fixture_sh("'" PASSIM_BINARY_DIR "/passim-index' -q " fmt, __VA_ARGS__)

/* Whether path exists. */
static inline int fixture_exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

/* Remove the scratch directory. */
static inline void fixture_rmtree(const char *dir)
{
    if (dir && *dir)
        fixture_sh("rm -rf '%s'", dir);
}

#endif
