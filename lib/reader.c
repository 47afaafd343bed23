/* reader.c — corpus listing and file reading (contracts in reader.h). */
#include "reader.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Is `name` an article file name? */
static int is_article_name(const char *name)
{
    return ends_with(name, ".txt") || ends_with(name, ".txt.gz");
}

/* Article id from a relative path: drop a trailing ".gz". malloc'd. */
static char *id_from_relpath(const char *rel)
{
    size_t n = strlen(rel);
    if (ends_with(rel, ".gz"))
        n -= 3;
    char *id = malloc(n + 1);
    if (id) {
        memcpy(id, rel, n);
        id[n] = '\0';
    }
    return id;
}

static char *join_path(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    int slash = na > 0 && a[na - 1] != '/';
    char *p = malloc(na + slash + nb + 1);
    if (p) {
        memcpy(p, a, na);
        if (slash)
            p[na] = '/';
        memcpy(p + na + slash, b, nb + 1);
    }
    return p;
}

static passim_status files_push(passim_corpus_files *f, const char *path,
                                const char *rel)
{
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 64;
        passim_corpus_file *v = realloc(f->v, cap * sizeof *v);
        if (!v)
            return PASSIM_ENOMEM;
        f->v = v;
        f->cap = cap;
    }
    char *p = strdup(path), *id = id_from_relpath(rel);
    if (!p || !id) {
        free(p);
        free(id);
        return PASSIM_ENOMEM;
    }
    f->v[f->n].path = p;
    f->v[f->n].id = id;
    f->n++;
    return PASSIM_OK;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walk directory `dir` (relative path `rel` below the root), depth `depth`. */
static passim_status walk(const char *dir, const char *rel, int depth,
                          passim_corpus_files *files, passim_report_fn report,
                          void *ctx)
{
    passim_status st = PASSIM_OK;
    DIR *d = NULL;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;

    if (depth > PASSIM_MAX_DEPTH) {
        if (report)
            report(ctx, dir, PASSIM_ETOOBIG, "directory nesting too deep; not entered");
        return PASSIM_OK;
    }
    d = opendir(dir);
    if (!d) {
        if (report)
            report(ctx, dir, PASSIM_EIO, strerror(errno));
        return PASSIM_OK;
    }
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue; /* ".", "..", and hidden files */
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 64;
            char **v = realloc(names, nc * sizeof *v);
            if (!v) {
                st = PASSIM_ENOMEM;
                goto out;
            }
            names = v;
            cap = nc;
        }
        if (!(names[n] = strdup(e->d_name))) {
            st = PASSIM_ENOMEM;
            goto out;
        }
        n++;
    }
    if (n)
        qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n && st == PASSIM_OK; i++) {
        char *path = join_path(dir, names[i]);
        char *sub = rel[0] ? join_path(rel, names[i]) : strdup(names[i]);
        struct stat lst, sst;
        if (!path || !sub) {
            st = PASSIM_ENOMEM;
        } else if (lstat(path, &lst) != 0) {
            if (report)
                report(ctx, path, PASSIM_EIO, strerror(errno));
        } else if (S_ISDIR(lst.st_mode)) {
            st = walk(path, sub, depth + 1, files, report, ctx);
        } else if (is_article_name(names[i])) {
            /* A link to a regular file is read; to a directory, not walked. */
            if (S_ISLNK(lst.st_mode) &&
                (stat(path, &sst) != 0 || !S_ISREG(sst.st_mode))) {
                if (report)
                    report(ctx, path, PASSIM_EIO,
                           "symbolic link to a missing or non-regular file");
            } else {
                st = files_push(files, path, sub);
            }
        }
        free(path);
        free(sub);
    }
out:
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    closedir(d);
    return st;
}

passim_status passim_corpus_list(const char *root, passim_corpus_files *files,
                                 passim_report_fn report, void *ctx)
{
    struct stat sb;
    if (stat(root, &sb) != 0)
        return passim_error_set(PASSIM_ENOTFOUND, "%s: %s", root, strerror(errno));
    if (S_ISDIR(sb.st_mode))
        return walk(root, "", 0, files, report, ctx);
    const char *base = strrchr(root, '/');
    base = base ? base + 1 : root;
    return files_push(files, root, base);
}

void passim_corpus_files_free(passim_corpus_files *files)
{
    if (!files)
        return;
    for (size_t i = 0; i < files->n; i++) {
        free(files->v[i].path);
        free(files->v[i].id);
    }
    free(files->v);
    memset(files, 0, sizeof *files);
}

passim_status passim_read_file(const char *path, char **data, size_t *len)
{
    passim_status st = PASSIM_OK;
    gzFile gz = NULL;
    char *buf = NULL;
    size_t n = 0, cap = 0;

    *data = NULL;
    *len = 0;
    gz = gzopen(path, "rb");
    if (!gz) {
        int err = errno;
        st = passim_error_set(err == ENOENT ? PASSIM_ENOTFOUND : PASSIM_EIO,
                              "%s", err ? strerror(err) : "cannot open");
        goto out;
    }
    for (;;) {
        if (cap - n < 65536) {
            size_t nc = cap ? cap * 2 : 65536 * 2;
            if (nc > (size_t)PASSIM_MAX_ARTICLE_BYTES + 65536 * 2)
                nc = (size_t)PASSIM_MAX_ARTICLE_BYTES + 65536 * 2;
            char *p = realloc(buf, nc);
            if (!p) {
                st = passim_error_set(PASSIM_ENOMEM, "out of memory reading");
                goto out;
            }
            buf = p;
            cap = nc;
        }
        int r = gzread(gz, buf + n, 65536);
        if (r < 0) {
            int zerr;
            const char *msg = gzerror(gz, &zerr);
            st = passim_error_set(PASSIM_EIO, "%s",
                                  zerr == Z_ERRNO ? strerror(errno) : msg);
            goto out;
        }
        if (r == 0)
            break;
        if (n == 0 && ends_with(path, ".gz") && gzdirect(gz)) {
            st = passim_error_set(PASSIM_EIO, "not gzip data");
            goto out;
        }
        n += (size_t)r;
        if (n > PASSIM_MAX_ARTICLE_BYTES) {
            st = passim_error_set(PASSIM_ETOOBIG,
                                  "larger than the %u-byte article limit",
                                  PASSIM_MAX_ARTICLE_BYTES);
            goto out;
        }
    }
    /* A truncated gzip stream reads as end of file: ask zlib whether the
     * stream ended cleanly. */
    {
        int zerr;
        const char *msg = gzerror(gz, &zerr);
        if (zerr != Z_OK && zerr != Z_STREAM_END) {
            st = passim_error_set(PASSIM_EIO, "%s", msg);
            goto out;
        }
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    buf = NULL;
out:
    if (gz) {
        int r = gzclose_r(gz);
        if (st == PASSIM_OK && r != Z_OK && *data) {
            free(*data);
            *data = NULL;
            *len = 0;
            st = passim_error_set(PASSIM_EIO, "truncated or damaged compressed file");
        }
    }
    free(buf);
    return st;
}
