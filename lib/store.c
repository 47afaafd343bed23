/* store.c — index directory layout (contracts in store.h). */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STUB_NAME "XAPIANDB"
#define FIRST_GENERATION "glass gen-1\n"

const char *passim_store_path(const char *option)
{
    const char *env = getenv("PASSIM_INDEX");
    if (option)
        return option;
    if (env && *env)
        return env;
    return "index";
}

passim_status passim_store_open_read(xc_db **out, const char *dir)
{
    struct stat sb;
    *out = NULL;
    if (stat(dir, &sb) != 0)
        return passim_error_set(PASSIM_ENOTFOUND, "no index at %s: %s", dir,
                                strerror(errno));
    return xc_db_open(out, dir);
}

/* Write the first stub atomically: a temporary file renamed into place. */
static passim_status write_first_stub(const char *dir)
{
    char tmp[4096], path[4096];
    int fd;
    size_t n = strlen(FIRST_GENERATION);

    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, STUB_NAME) >= sizeof path ||
        (size_t)snprintf(tmp, sizeof tmp, "%s/.%s.tmp", dir, STUB_NAME) >= sizeof tmp)
        return passim_error_set(PASSIM_EINVAL, "index path too long");
    if (access(path, F_OK) == 0)
        return PASSIM_OK;
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return passim_error_set(PASSIM_EIO, "%s: %s", tmp, strerror(errno));
    if (write(fd, FIRST_GENERATION, n) != (ssize_t)n || fsync(fd) != 0) {
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
    return PASSIM_OK;
}

passim_status passim_store_open_write(xc_wdb **out, const char *dir)
{
    passim_status st;
    *out = NULL;
    if (mkdir(dir, 0755) != 0 && errno != EEXIST)
        return passim_error_set(PASSIM_EIO, "cannot create %s: %s", dir,
                                strerror(errno));
    if ((st = write_first_stub(dir)) != PASSIM_OK)
        return st;
    return xc_wdb_open(out, dir, XC_CREATE_OR_OPEN);
}
