/* reader.c — corpus listing and file reading (contracts in reader.h). */
#include "reader.h"

#include "cgiparam.h" /* passim_utf8_valid */
#include "fileid.h"
#include "jsonl.h"

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
    return ends_with(name, ".txt") || ends_with(name, ".txt.gz") ||
           ends_with(name, ".jsonl") || ends_with(name, ".jsonl.gz");
}

static int is_jsonl_name(const char *name)
{
    return ends_with(name, ".jsonl") || ends_with(name, ".jsonl.gz");
}

/* Article id of a file: "LABEL/" (when `label` is not empty) and `rel`,
 * a trailing ".gz" dropped, escaped (fileid.h). malloc'd into *id;
 * *escaped is 1 when the name was not valid UTF-8 as it stands. */
static passim_status id_from_relpath(const char *label, const char *rel, char **id,
                                     int *escaped)
{
    size_t nl = strlen(label), nr = strlen(rel);
    size_t n = nl + (nl && nr) + nr;
    char *raw = malloc(n + 1);
    passim_status st;
    if (!raw)
        return PASSIM_ENOMEM;
    memcpy(raw, label, nl);
    if (nl && nr)
        raw[nl] = '/';
    memcpy(raw + nl + (nl && nr), rel, nr);
    raw[n] = '\0';
    if (ends_with(raw, ".gz"))
        n -= 3;
    st = passim_fileid_escape(raw, n, id, escaped);
    free(raw);
    return st;
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

/* What a listing appends to and where it reports. */
typedef struct listing {
    passim_corpus_files *files;
    const char *label; /* "" for none */
    passim_report_fn report;
    void *ctx;
} listing;

static void list_report(const listing *l, const char *path, passim_status st,
                        const char *why)
{
    if (l->report)
        l->report(l->ctx, path, st, why);
}

static passim_status files_push(const listing *l, const char *path, const char *rel)
{
    passim_corpus_files *f = l->files;
    int escaped = 0;
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 64;
        passim_corpus_file *v = realloc(f->v, cap * sizeof *v);
        if (!v)
            return PASSIM_ENOMEM;
        f->v = v;
        f->cap = cap;
    }
    char *p = strdup(path), *id = NULL;
    if (!p || id_from_relpath(l->label, rel, &id, &escaped) != PASSIM_OK) {
        free(p);
        return PASSIM_ENOMEM;
    }
    if (escaped && !is_jsonl_name(path)) {
        size_t n = strlen(id) + 80;
        char *why = malloc(n);
        if (why) {
            snprintf(why, n, passim_utf8_valid(path, strlen(path))
                                 ? "file name holds what reads as an escape; its id is \"%s\""
                                 : "file name is not valid UTF-8; its id is \"%s\"",
                     id);
            list_report(l, path, PASSIM_OK, why);
            free(why);
        }
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
static passim_status walk(const listing *l, const char *dir, const char *rel, int depth)
{
    passim_status st = PASSIM_OK;
    DIR *d = NULL;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;

    if (depth > PASSIM_MAX_DEPTH) {
        list_report(l, dir, PASSIM_ETOOBIG, "directory nesting too deep; not entered");
        return PASSIM_OK;
    }
    d = opendir(dir);
    if (!d) {
        list_report(l, dir, PASSIM_EIO, strerror(errno));
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
            list_report(l, path, PASSIM_EIO, strerror(errno));
        } else if (S_ISDIR(lst.st_mode)) {
            st = walk(l, path, sub, depth + 1);
        } else if (is_article_name(names[i])) {
            /* Regular files and links to regular files are read; links to
             * directories are not walked (no loops); FIFOs, devices and
             * sockets are never opened (a FIFO would block). */
            if (S_ISLNK(lst.st_mode) &&
                (stat(path, &sst) != 0 || !S_ISREG(sst.st_mode))) {
                list_report(l, path, PASSIM_EIO,
                            "symbolic link to a missing or non-regular file");
            } else if (!S_ISLNK(lst.st_mode) && !S_ISREG(lst.st_mode)) {
                list_report(l, path, PASSIM_EIO, "not a regular file");
            } else {
                st = files_push(l, path, sub);
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

/* List one root under `label` ("" for none). */
static passim_status list_root(const char *root, const char *label,
                               passim_corpus_files *files, passim_report_fn report,
                               void *ctx)
{
    struct stat sb;
    listing l = {files, label, report, ctx};
    if (stat(root, &sb) != 0)
        return passim_error_set(PASSIM_ENOTFOUND, "%s: %s", root, strerror(errno));
    if (S_ISDIR(sb.st_mode))
        return walk(&l, root, "", 0);
    const char *base = strrchr(root, '/');
    base = base ? base + 1 : root;
    return files_push(&l, root, label[0] ? "" : base);
}

passim_status passim_corpus_list(const char *root, passim_corpus_files *files,
                                 passim_report_fn report, void *ctx)
{
    return list_root(root, "", files, report, ctx);
}

passim_status passim_corpus_list_roots(const char *const *roots, size_t n,
                                       passim_corpus_files *files,
                                       passim_report_fn report, void *ctx)
{
    char **labels = NULL;
    passim_status st = passim_root_labels(roots, n, &labels);
    for (size_t i = 0; i < n && st == PASSIM_OK; i++)
        if (labels[i])
            st = list_root(roots[i], labels[i], files, report, ctx);
    passim_root_labels_free(labels, n);
    return st;
}

int passim_corpus_file_is_jsonl(const passim_corpus_file *f)
{
    return is_jsonl_name(f->path);
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

/* ---- sources ------------------------------------------------------------ */

#define CHUNK 65536

struct passim_source {
    char *path, *id;
    int jsonl, done;
    gzFile gz;        /* JSON Lines only */
    char *buf;        /* JSON Lines read buffer: buf[pos..len) unread */
    size_t pos, len, cap;
    uint64_t bytes, line;
    uint32_t crc;     /* zlib crc32 of the content read so far */
};

passim_status passim_source_open(passim_source **out, const passim_corpus_file *f)
{
    passim_source *s = calloc(1, sizeof *s);
    *out = NULL;
    if (!s || !(s->path = strdup(f->path)) || !(s->id = strdup(f->id))) {
        passim_source_close(s);
        return passim_error_set(PASSIM_ENOMEM, "out of memory");
    }
    s->jsonl = is_jsonl_name(f->path);
    if (s->jsonl) {
        s->gz = gzopen(f->path, "rb");
        if (!s->gz) {
            int err = errno;
            passim_source_close(s);
            return passim_error_set(err == ENOENT ? PASSIM_ENOTFOUND : PASSIM_EIO,
                                    "%s", err ? strerror(err) : "cannot open");
        }
        gzbuffer(s->gz, CHUNK);
    }
    *out = s;
    return PASSIM_OK;
}

/* Refill the JSON Lines buffer; returns bytes added (0 at end). */
static passim_status refill(passim_source *s, size_t *added)
{
    *added = 0;
    if (s->pos > 0) {
        memmove(s->buf, s->buf + s->pos, s->len - s->pos);
        s->len -= s->pos;
        s->pos = 0;
    }
    if (s->cap - s->len < CHUNK) {
        size_t cap = s->cap ? s->cap * 2 : 4 * CHUNK;
        char *p = realloc(s->buf, cap);
        if (!p)
            return passim_error_set(PASSIM_ENOMEM, "out of memory");
        s->buf = p;
        s->cap = cap;
    }
    int r = gzread(s->gz, s->buf + s->len, CHUNK);
    if (r < 0) {
        int zerr;
        const char *msg = gzerror(s->gz, &zerr);
        return passim_error_set(PASSIM_EIO, "%s", zerr == Z_ERRNO ? strerror(errno) : msg);
    }
    if (r > 0 && s->bytes == 0 && ends_with(s->path, ".gz") && gzdirect(s->gz))
        return passim_error_set(PASSIM_EIO, "not gzip data");
    if (r == 0) {
        int zerr;
        const char *msg = gzerror(s->gz, &zerr);
        if (zerr != Z_OK && zerr != Z_STREAM_END)
            return passim_error_set(PASSIM_EIO, "%s", msg);
    }
    s->crc = (uint32_t)crc32(s->crc, (const Bytef *)s->buf + s->len, (uInt)r);
    s->len += (size_t)r;
    s->bytes += (uint64_t)r;
    *added = (size_t)r;
    return PASSIM_OK;
}

/* The next line of a JSON Lines file: *line and *n (borrowed until the
 * next call); *line = NULL at the end. Over-long lines are reported and
 * skipped. */
static void report_line(passim_source *s, passim_report_fn report, void *ctx,
                        passim_status st, const char *why)
{
    char where[4096 + 32];
    if (!report)
        return;
    snprintf(where, sizeof where, "%s:%llu", s->path, (unsigned long long)s->line);
    report(ctx, where, st, why);
}

static passim_status next_line(passim_source *s, const char **line, size_t *n,
                               passim_report_fn report, void *ctx)
{
    int skipping = 0;  /* inside a line over the limit: drop it */
    size_t scanned = 0; /* bytes after pos known to hold no newline */
    *line = NULL;
    for (;;) {
        char *nl = s->len > s->pos + scanned
                       ? memchr(s->buf + s->pos + scanned, '\n', s->len - s->pos - scanned)
                       : NULL;
        int last = !nl && s->done && (s->len > s->pos || skipping);
        if (nl || last) {
            size_t end = nl ? (size_t)(nl - s->buf) : s->len;
            size_t start = s->pos;
            s->pos = nl ? end + 1 : end;
            s->line++;
            scanned = 0;
            if (skipping) {
                report_line(s, report, ctx, PASSIM_ETOOBIG,
                            "line longer than the limit");
                skipping = 0;
                continue;
            }
            *line = s->buf + start;
            *n = end - start;
            return PASSIM_OK;
        }
        if (s->done)
            return PASSIM_OK;
        scanned = s->len - s->pos;
        if (scanned > PASSIM_MAX_LINE_BYTES) {
            skipping = 1; /* keep looking for its end */
            s->pos = s->len;
            scanned = 0;
        }
        size_t added;
        passim_status st = refill(s, &added); /* moves unread bytes to 0 */
        if (st != PASSIM_OK) {
            s->done = 1;
            return st;
        }
        if (added == 0)
            s->done = 1;
    }
}

/* Whether data looks like a binary file rather than text: more than one
 * byte in ten of its first BINARY_SNIFF bytes is a control character
 * other than white space (a few NULs in real text do not count). */
#define BINARY_SNIFF 8192
static int looks_binary(const char *data, size_t len)
{
    size_t n = len < BINARY_SNIFF ? len : BINARY_SNIFF, bad = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)data[i];
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f)
            bad++;
    }
    return n > 0 && bad * 10 > n;
}

passim_status passim_source_next(passim_source *s, passim_article **art,
                                 passim_report_fn report, void *ctx)
{
    passim_status st;
    *art = NULL;
    if (!s->jsonl) {
        char *data;
        size_t len;
        if (s->done)
            return PASSIM_OK;
        s->done = 1;
        if ((st = passim_read_file(s->path, &data, &len)) != PASSIM_OK)
            return st;
        s->bytes = len;
        s->crc = (uint32_t)crc32(0L, (const Bytef *)data, (uInt)len);
        if (looks_binary(data, len)) {
            free(data);
            return passim_error_set(PASSIM_EINVAL, "binary data, not text");
        }
        st = passim_article_from_text(art, s->id, data, len);
        free(data);
        return st;
    }
    for (;;) {
        const char *line;
        size_t n;
        if ((st = next_line(s, &line, &n, report, ctx)) != PASSIM_OK || !line)
            return st;
        while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
            n--;
        size_t lead = 0;
        while (lead < n && (line[lead] == ' ' || line[lead] == '\t'))
            lead++;
        if (lead == n)
            continue; /* blank lines are allowed */
        st = passim_jsonl_article(art, line + lead, n - lead);
        if (st == PASSIM_ENOMEM)
            return st;
        if (st == PASSIM_OK)
            return PASSIM_OK;
        report_line(s, report, ctx, st, passim_error_msg());
    }
}

uint64_t passim_source_bytes(const passim_source *s)
{
    return s->bytes;
}

uint32_t passim_source_crc(const passim_source *s)
{
    return s->crc;
}

uint64_t passim_source_line(const passim_source *s)
{
    return s->jsonl ? s->line : 0;
}

void passim_source_close(passim_source *s)
{
    if (!s)
        return;
    if (s->gz)
        gzclose_r(s->gz);
    free(s->buf);
    free(s->path);
    free(s->id);
    free(s);
}
