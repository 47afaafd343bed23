/* reader.c — corpus listing and file reading (contracts in reader.h). */
#include "text/reader.h"

#include "util/utf8out.h"
#include "text/fileid.h"
#include "text/jsonl.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
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
        return passim_error_nomem("article id of a file");
    memcpy(raw, label, nl);
    if (nl && nr)
        raw[nl] = '/';
    memcpy(raw + nl + (nl && nr), rel, nr);
    raw[n] = '\0';
    if (ends_with(raw, ".gz"))
        n -= 3;
    st = passim_fileid_escape(id, escaped, raw, n);
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
            return passim_error_nomem("corpus file list");
        f->v = v;
        f->cap = cap;
    }
    char *p = strdup(path), *id = NULL;
    if (!p || id_from_relpath(l->label, rel, &id, &escaped) != PASSIM_OK) {
        free(p);
        return passim_error_nomem("corpus file list");
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
                st = passim_error_nomem("directory listing");
                goto out;
            }
            names = v;
            cap = nc;
        }
        if (!(names[n] = strdup(e->d_name))) {
            st = passim_error_nomem("directory listing");
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
            st = passim_error_nomem("directory listing");
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

passim_status passim_corpus_list(passim_corpus_files *files, const char *root,
                                 passim_report_fn report, void *ctx)
{
    passim_error_clear();
    return list_root(root, "", files, report, ctx);
}

passim_status passim_corpus_list_roots(passim_corpus_files *files, const char *const *roots,
                                       size_t n,
                                       passim_report_fn report, void *ctx)
{
    passim_error_clear();
    char **labels = NULL;
    passim_status st = passim_root_labels(&labels, roots, n);
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

/* ---- reading a file, gzip or not ---------------------------------------
 *
 * Files are read with pread(2) in RAW_CHUNK pieces. Content that starts
 * with the gzip magic bytes is inflated (concatenated gzip members are
 * read one after the other, as gzip(1) does); a name ending ".gz" whose
 * content is not gzip is an error. Two things are warnings, not errors,
 * because the bytes read still make sense:
 *   - bytes after the last gzip member that do not start another one
 *     ("trailing garbage"): they are ignored;
 *   - the file changing while it is read: its size or mtime at the end
 *     differs from those at the start, or a read to the end gave another
 *     number of bytes than it had (truncated or grown meanwhile). What was
 *     read is used; the caller's record of the file (taken before reading)
 *     no longer matches it, so the next update reads it again.
 * A gzip stream cut short (end of file inside a member) and damaged
 * compressed data are errors. */

#define RAW_CHUNK 65536
#define WARNING_BYTES PASSIM_READ_WARNING_BYTES

typedef struct zin {
    int fd;
    int gzip;             /* the content is gzip: inflated */
    int zlive;            /* inflateInit2 done */
    int member_end;       /* a gzip member ended; what follows decides */
    int raw_eof;          /* pread returned 0 */
    int eof;              /* no more content */
    z_stream zs;
    unsigned char *in;    /* RAW_CHUNK bytes; in[zs.next_in - in ..) unread */
    uint64_t off;         /* raw bytes read so far */
    struct stat st0;      /* at open */
    char warning[WARNING_BYTES]; /* "" or what to warn about, set at the end */
} zin;

/* Read more raw bytes after the unread ones, moved to the start of in[].
 * Returns 0, or -1 on a read error (errno set). */
static int zin_fill(zin *z)
{
    size_t keep = z->zs.avail_in;
    if (z->raw_eof)
        return 0;
    if (keep && z->zs.next_in != z->in)
        memmove(z->in, z->zs.next_in, keep);
    ssize_t r;
    do
        r = pread(z->fd, z->in + keep, RAW_CHUNK - keep, (off_t)z->off);
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return -1;
    if (r == 0)
        z->raw_eof = 1;
    z->off += (uint64_t)r;
    z->zs.next_in = z->in;
    z->zs.avail_in = (uInt)(keep + (size_t)r);
    return 0;
}

/* Status for a failed read: errno's text. */
static passim_status read_error(void)
{
    int err = errno;
    return passim_error_set(PASSIM_EIO, "%s", err ? strerror(err) : "read error");
}

/* Open `path` for reading through z (zeroed by this call). `gz_name`: the
 * name ends ".gz", so its content must be gzip (when not empty). */
static passim_status zin_open(zin *z, const char *path, int gz_name)
{
    memset(z, 0, sizeof *z);
    z->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (z->fd < 0) {
        int err = errno;
        return passim_error_set(err == ENOENT ? PASSIM_ENOTFOUND : PASSIM_EIO,
                                "%s", err ? strerror(err) : "cannot open");
    }
    if (fstat(z->fd, &z->st0) != 0)
        return read_error();
    if (!(z->in = malloc(RAW_CHUNK)))
        return passim_error_set(PASSIM_ENOMEM, "out of memory reading");
    z->zs.next_in = z->in;
    while (z->zs.avail_in < 2 && !z->raw_eof)
        if (zin_fill(z))
            return read_error();
    if (z->zs.avail_in >= 2 && z->in[0] == 0x1F && z->in[1] == 0x8B) {
        if (inflateInit2(&z->zs, 16 + MAX_WBITS) != Z_OK)
            return passim_error_set(PASSIM_ENOMEM, "out of memory reading");
        z->gzip = z->zlive = 1;
    } else if (gz_name && z->zs.avail_in > 0) {
        return passim_error_set(PASSIM_EIO, "not gzip data");
    }
    return PASSIM_OK;
}

/* At the end of the content: note whether the file changed while read
 * (see above). `to_end`: the raw bytes were read up to end of file. */
static void zin_check_changed(zin *z, int to_end)
{
    struct stat st1;
    if (fstat(z->fd, &st1) != 0)
        return;
    int changed = st1.st_size != z->st0.st_size ||
                  st1.st_mtim.tv_sec != z->st0.st_mtim.tv_sec ||
                  st1.st_mtim.tv_nsec != z->st0.st_mtim.tv_nsec ||
                  (to_end && z->off != (uint64_t)z->st0.st_size);
    if (!changed)
        return;
    size_t n = strlen(z->warning);
    snprintf(z->warning + n, sizeof z->warning - n,
             "%schanged while being read (%lld bytes at the start, %lld at the "
             "end): indexed as read",
             n ? "; " : "", (long long)z->st0.st_size, (long long)st1.st_size);
}

/* The start of the content after a gzip member: another member, the end,
 * or trailing garbage (a warning; the rest is not read). */
static passim_status zin_next_member(zin *z)
{
    while (z->zs.avail_in < 2 && !z->raw_eof)
        if (zin_fill(z))
            return read_error();
    if (z->zs.avail_in == 0) {
        z->eof = 1;
        zin_check_changed(z, 1);
        return PASSIM_OK;
    }
    if (z->zs.avail_in >= 2 && z->zs.next_in[0] == 0x1F && z->zs.next_in[1] == 0x8B) {
        if (inflateReset(&z->zs) != Z_OK)
            return passim_error_set(PASSIM_EIO, "damaged compressed file");
        z->member_end = 0;
        return PASSIM_OK;
    }
    snprintf(z->warning, sizeof z->warning,
             "trailing bytes after the gzip data ignored");
    z->eof = 1;
    zin_check_changed(z, 0);
    return PASSIM_OK;
}

/* Up to `cap` bytes of content into out; *got is 0 only at the end. */
static passim_status zin_read(char *out, size_t *got, size_t cap, zin *z)
{
    passim_status st;
    *got = 0;
    if (cap > UINT_MAX)
        cap = UINT_MAX;
    while (!z->eof && *got == 0) {
        if (!z->gzip) {
            if (z->zs.avail_in == 0 && zin_fill(z))
                return read_error();
            if (z->zs.avail_in == 0) {
                z->eof = 1;
                zin_check_changed(z, 1);
                break;
            }
            size_t k = z->zs.avail_in < cap ? z->zs.avail_in : cap;
            memcpy(out, z->zs.next_in, k);
            z->zs.next_in += k;
            z->zs.avail_in -= (uInt)k;
            *got = k;
            break;
        }
        if (z->member_end) {
            if ((st = zin_next_member(z)) != PASSIM_OK)
                return st;
            continue;
        }
        if (z->zs.avail_in == 0 && zin_fill(z))
            return read_error();
        z->zs.next_out = (Bytef *)out;
        z->zs.avail_out = (uInt)cap;
        int r = inflate(&z->zs, Z_NO_FLUSH);
        *got = cap - z->zs.avail_out;
        if (r == Z_STREAM_END)
            z->member_end = 1;
        else if (r == Z_MEM_ERROR)
            return passim_error_set(PASSIM_ENOMEM, "out of memory reading");
        else if (r == Z_DATA_ERROR || r == Z_NEED_DICT || r == Z_STREAM_ERROR)
            return passim_error_set(PASSIM_EIO, "damaged compressed data (%s)",
                                    z->zs.msg ? z->zs.msg : "invalid");
        else if (z->zs.avail_in == 0 && z->raw_eof && *got == 0)
            return passim_error_set(PASSIM_EIO, "truncated compressed file "
                                    "(unexpected end of file)");
    }
    return PASSIM_OK;
}

/* Release what z holds. */
static void zin_close(zin *z)
{
    if (z->zlive)
        inflateEnd(&z->zs);
    if (z->fd >= 0)
        close(z->fd);
    free(z->in);
    z->fd = -1;
    z->in = NULL;
    z->zlive = 0;
}

static void copy_warning(const zin *z, char *warning, size_t wsize)
{
    if (warning && wsize) {
        size_t n = strlen(z->warning);
        if (n >= wsize)
            n = wsize - 1;
        memcpy(warning, z->warning, n);
        warning[n] = '\0';
    }
}

passim_status passim_read_file(char **data, size_t *len, char *warning,
                               size_t wsize, const char *path)
{
    passim_error_clear();
    passim_status st = PASSIM_OK;
    zin z;
    char *buf = NULL;
    size_t n = 0, cap = 0;

    *data = NULL;
    *len = 0;
    if (warning && wsize)
        warning[0] = '\0';
    if ((st = zin_open(&z, path, ends_with(path, ".gz"))) != PASSIM_OK)
        goto out;
    for (;;) {
        if (cap - n < RAW_CHUNK) {
            size_t nc = cap ? cap * 2 : RAW_CHUNK * 2;
            if (nc > (size_t)PASSIM_MAX_ARTICLE_BYTES + RAW_CHUNK * 2)
                nc = (size_t)PASSIM_MAX_ARTICLE_BYTES + RAW_CHUNK * 2;
            char *p = realloc(buf, nc);
            if (!p) {
                st = passim_error_set(PASSIM_ENOMEM, "out of memory reading");
                goto out;
            }
            buf = p;
            cap = nc;
        }
        size_t got;
        if ((st = zin_read(buf + n, &got, RAW_CHUNK, &z)) != PASSIM_OK)
            goto out;
        if (got == 0)
            break;
        n += got;
        if (n > PASSIM_MAX_ARTICLE_BYTES) {
            st = passim_error_set(PASSIM_ETOOBIG,
                                  "larger than the %u-byte article limit",
                                  PASSIM_MAX_ARTICLE_BYTES);
            goto out;
        }
    }
    if (!buf && !(buf = malloc(1))) {
        st = passim_error_set(PASSIM_ENOMEM, "out of memory reading");
        goto out;
    }
    buf[n] = '\0';
    copy_warning(&z, warning, wsize);
    *data = buf;
    *len = n;
    buf = NULL;
out:
    zin_close(&z);
    free(buf);
    return st;
}

/* ---- sources ------------------------------------------------------------ */

#define CHUNK 65536

struct passim_source {
    char *path, *id;
    int jsonl, done;
    zin z;            /* JSON Lines only: the open file */
    int zopen;        /* z is open */
    char *buf;        /* JSON Lines read buffer: buf[pos..len) unread */
    size_t pos, len, cap;
    uint64_t bytes, line;
    uint32_t crc;     /* zlib crc32 of the content read so far */
};

passim_status passim_source_open(passim_source **out, const passim_corpus_file *f)
{
    passim_error_clear();
    passim_source *s = calloc(1, sizeof *s);
    *out = NULL;
    if (!s || !(s->path = strdup(f->path)) || !(s->id = strdup(f->id))) {
        passim_source_close(s);
        return passim_error_set(PASSIM_ENOMEM, "out of memory");
    }
    s->jsonl = is_jsonl_name(f->path);
    if (s->jsonl) {
        passim_status st = zin_open(&s->z, f->path, ends_with(f->path, ".gz"));
        s->zopen = 1;
        if (st != PASSIM_OK) {
            passim_source_close(s);
            return st;
        }
    }
    *out = s;
    return PASSIM_OK;
}

/* Refill the JSON Lines buffer; returns bytes added (0 at end). */
static passim_status refill(size_t *added, passim_source *s)
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
    size_t r;
    passim_status st = zin_read(s->buf + s->len, &r, CHUNK, &s->z);
    if (st != PASSIM_OK)
        return st;
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
        passim_status st = refill(&added, s); /* moves unread bytes to 0 */
        if (st != PASSIM_OK) {
            s->done = 1;
            return st;
        }
        if (added == 0) {
            s->done = 1;
            if (s->z.warning[0] && report)
                report(ctx, s->path, PASSIM_OK, s->z.warning);
        }
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

passim_status passim_source_next(passim_article **art, passim_source *s,
                                 passim_report_fn report, void *ctx)
{
    passim_error_clear();
    passim_status st;
    *art = NULL;
    if (!s->jsonl) {
        char *data;
        size_t len;
        if (s->done)
            return PASSIM_OK;
        s->done = 1;
        char warning[WARNING_BYTES];
        if ((st = passim_read_file(&data, &len, warning, sizeof warning,
                                   s->path)) != PASSIM_OK)
            return st;
        if (warning[0] && report)
            report(ctx, s->path, PASSIM_OK, warning);
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
        passim_error_clear(); /* reported and skipped: not an error of the call */
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
    if (s->zopen)
        zin_close(&s->z);
    free(s->buf);
    free(s->path);
    free(s->id);
    free(s);
}
