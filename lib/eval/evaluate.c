/* evaluate.c — retrieval metrics from a TREC run and qrels (contracts and
 * semantics in evaluate.h). */
#include "eval/evaluate.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utf8proc.h>

#include "util/utf8out.h"
#include "util/codec.h"

/* Most fields looked at on a line; more are only counted. */
#define MAX_FIELDS 8
/* Bytes of a field quoted in a message. */
#define QUOTE "%.60s"

/* One data line. The strings live in the table's pool: while reading, only
 * their offsets are known (the pool moves as it grows); pointers are set
 * once the file is read. */
typedef struct entry {
    size_t qoff, doff;
    const char *qid, *doc;
    double score; /* run */
    long rel;     /* qrels */
    unsigned long line;
} entry;

/* The entries [start, end) of one query. */
typedef struct group {
    const char *qid;
    size_t start, end;
} group;

typedef struct table {
    char *name;
    char *pool;
    size_t pool_len, pool_cap;
    entry *v;
    size_t n, cap;
    group *g;
    size_t ng;
    size_t dups;
} table;

struct passim_qrels {
    table t;
};

struct passim_run {
    table t;
};

enum kind { KIND_QRELS, KIND_RUN };

/* Free what t owns (not t itself). */
static void table_release(table *t)
{
    free(t->name);
    free(t->pool);
    free(t->v);
    free(t->g);
    memset(t, 0, sizeof *t);
}

/* Append s[0..len) and a NUL to the pool; *off receives its offset. */
static passim_status pool_add(table *t, const char *s, size_t len, size_t *off)
{
    if (t->pool_len + len + 1 > t->pool_cap) {
        size_t cap = t->pool_cap ? t->pool_cap : 4096;
        while (cap < t->pool_len + len + 1)
            cap *= 2;
        char *p = realloc(t->pool, cap);
        if (!p)
            return passim_error_set(PASSIM_ENOMEM, "%s: out of memory", t->name);
        t->pool = p;
        t->pool_cap = cap;
    }
    memcpy(t->pool + t->pool_len, s, len);
    t->pool[t->pool_len + len] = '\0';
    *off = t->pool_len;
    t->pool_len += len + 1;
    return PASSIM_OK;
}

/* Read the next line of f into buf (PASSIM_EVAL_MAX_LINE + 1 bytes), its
 * newline dropped; *len gets its length (it may hold NUL bytes). Returns 1
 * for a line, 0 at end of file, -1 for a line over the limit, -2 on a read
 * error. */
static int next_line(FILE *f, char *buf, size_t *len)
{
    size_t n = 0;
    int c;
    while ((c = getc(f)) != EOF && c != '\n') {
        if (n == PASSIM_EVAL_MAX_LINE)
            return -1;
        buf[n++] = (char)c;
    }
    if (c == EOF) {
        if (ferror(f))
            return -2;
        if (n == 0)
            return 0;
    }
    buf[n] = '\0';
    *len = n;
    return 1;
}

/* The white space that separates fields. */
static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Split buf[0..len) in place at white space: up to MAX_FIELDS field
 * pointers in f[]; returns the number of fields (also those beyond). */
static size_t split_fields(char **f, char *buf, size_t len)
{
    size_t nf = 0, i = 0;
    while (i < len) {
        while (i < len && is_space((unsigned char)buf[i]))
            buf[i++] = '\0';
        if (i == len)
            break;
        if (nf < MAX_FIELDS)
            f[nf] = buf + i;
        nf++;
        while (i < len && !is_space((unsigned char)buf[i]))
            i++;
    }
    return nf;
}

/* Whether s is valid UTF-8. */
static int valid_utf8(const char *s)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(s);
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
        if (n <= 0)
            return 0;
        p += n;
        left -= n;
    }
    return 1;
}

/* Parse a whole field as a decimal integer in [LONG_MIN, LONG_MAX]. */
static int parse_long(long *out, const char *s)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || *end || errno)
        return -1;
    *out = v;
    return 0;
}

/* Parse a whole field as a finite number. */
static int parse_double(double *out, const char *s)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end || errno == ERANGE || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

size_t passim_trec_id_encode(char *dst, const char *id, size_t len)
{
    static const char HEX[] = "0123456789ABCDEF";
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)id[i];
        size_t k = passim_utf8_seq(id + i, len - i);
        if (k > 1) {
            memcpy(dst + o, id + i, k);
            o += k;
            i += k;
            continue;
        }
        if (k == 0 || c <= 0x20 || c == 0x7f || c == '%') {
            dst[o++] = '%';
            dst[o++] = HEX[c >> 4];
            dst[o++] = HEX[c & 15];
        } else {
            dst[o++] = (char)c;
        }
        i++;
    }
    dst[o] = '\0';
    return o;
}

void passim_trec_id_write(FILE *f, const char *id)
{
    char buf[3 * 64 + 1];
    size_t len = strlen(id);
    /* In pieces of at most 64 bytes, each cut before a UTF-8 sequence so
     * that passim_trec_id_encode sees whole code points. */
    for (size_t i = 0; i < len;) {
        size_t n = 0;
        while (i + n < len && n < 64) {
            size_t k = passim_utf8_seq(id + i + n, len - i - n);
            if (k == 0)
                k = 1;
            if (n + k > 64)
                break;
            n += k;
        }
        fwrite(buf, 1, passim_trec_id_encode(buf, id + i, n), f);
        i += n;
    }
}

size_t passim_trec_id_decode(char *s)
{
    size_t o = 0, i = 0;
    for (; s[i]; i++) {
        int hi, lo;
        if (s[i] == '%' && (hi = passim_hex_value((unsigned char)s[i + 1])) >= 0 &&
            (lo = passim_hex_value((unsigned char)s[i + 2])) >= 0) {
            s[o++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            s[o++] = s[i];
        }
    }
    s[o] = '\0';
    return o;
}

/* Turn the fields of one line into an entry of t. */
static passim_status add_line(table *t, enum kind kind, char **f, size_t nf,
                              unsigned long line)
{
    const size_t want = kind == KIND_RUN ? 6 : 4;
    const char *what = kind == KIND_RUN ? "run line `qid Q0 docid rank score tag`"
                                        : "qrels line `qid 0 docid rel`";
    entry e = {0};
    long rank;
    passim_status st;

    if (nf != want)
        return passim_error_set(PASSIM_EINVAL, "%s:%lu: %zu field%s, a %s has %zu",
                                t->name, line, nf, nf == 1 ? "" : "s", what, want);
    if (!valid_utf8(f[0]))
        return passim_error_set(PASSIM_EINVAL, "%s:%lu: query id is not valid UTF-8",
                                t->name, line);
    if (kind == KIND_RUN) {
        if (parse_long(&rank, f[3]) < 0)
            return passim_error_set(PASSIM_EINVAL,
                                    "%s:%lu: rank '" QUOTE "' is not an integer",
                                    t->name, line, f[3]);
        if (parse_double(&e.score, f[4]) < 0)
            return passim_error_set(PASSIM_EINVAL,
                                    "%s:%lu: score '" QUOTE "' is not a finite number",
                                    t->name, line, f[4]);
    } else if (parse_long(&e.rel, f[3]) < 0 || e.rel < -1000000 || e.rel > 1000000) {
        return passim_error_set(PASSIM_EINVAL,
                                "%s:%lu: relevance '" QUOTE "' is not an integer "
                                "from -1000000 to 1000000",
                                t->name, line, f[3]);
    }
    if (t->n == PASSIM_EVAL_MAX_ENTRIES)
        return passim_error_set(PASSIM_ETOOBIG, "%s:%lu: more than %u lines of data",
                                t->name, line, PASSIM_EVAL_MAX_ENTRIES);
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        entry *v = realloc(t->v, cap * sizeof *v);
        if (!v)
            return passim_error_set(PASSIM_ENOMEM, "%s: out of memory", t->name);
        t->v = v;
        t->cap = cap;
    }
    /* Consecutive lines mostly share their query: store its id once. */
    if (t->n > 0 && strcmp(t->pool + t->v[t->n - 1].qoff, f[0]) == 0)
        e.qoff = t->v[t->n - 1].qoff;
    else if ((st = pool_add(t, f[0], strlen(f[0]), &e.qoff)) != PASSIM_OK)
        return st;
    /* The document id in its one canonical escaped form (evaluate.h). */
    char doc[3 * PASSIM_EVAL_MAX_LINE + 1];
    size_t raw = passim_trec_id_decode(f[2]);
    size_t dlen = passim_trec_id_encode(doc, f[2], raw);
    if ((st = pool_add(t, doc, dlen, &e.doff)) != PASSIM_OK)
        return st;
    e.line = line;
    t->v[t->n++] = e;
    return PASSIM_OK;
}

/* Order by query id, document id, then line (byte order). */
static int cmp_qid_doc_line(const void *pa, const void *pb)
{
    const entry *a = pa, *b = pb;
    int c = strcmp(a->qid, b->qid);
    if (c == 0)
        c = strcmp(a->doc, b->doc);
    if (c == 0)
        c = (a->line > b->line) - (a->line < b->line);
    return c;
}

/* trec_eval's ranking: score descending, then docid descending. */
static int cmp_score_doc(const void *pa, const void *pb)
{
    const entry *a = pa, *b = pb;
    if (a->score > b->score)
        return -1;
    if (a->score < b->score)
        return 1;
    return strcmp(b->doc, a->doc);
}

/* Sort t by (qid, doc, line), deal with duplicate documents (error for
 * qrels; for a run, keep the first line and warn), and build the groups. */
static passim_status index_table(table *t, enum kind kind,
                                 passim_eval_warn_fn warn, void *ctx)
{
    size_t i, out = 0;
    for (i = 0; i < t->n; i++) {
        t->v[i].qid = t->pool + t->v[i].qoff;
        t->v[i].doc = t->pool + t->v[i].doff;
    }
    if (t->n > 1)
        qsort(t->v, t->n, sizeof *t->v, cmp_qid_doc_line);
    for (i = 0; i < t->n; i++) {
        const entry *e = &t->v[i], *keep = out ? &t->v[out - 1] : NULL;
        if (keep && strcmp(keep->qid, e->qid) == 0 && strcmp(keep->doc, e->doc) == 0) {
            if (kind == KIND_QRELS)
                return passim_error_set(PASSIM_EINVAL,
                                        "%s:%lu: document '" QUOTE "' judged twice for "
                                        "query '" QUOTE "' (first at line %lu)",
                                        t->name, e->line, e->doc, e->qid, keep->line);
            t->dups++;
            if (warn) {
                char msg[512];
                snprintf(msg, sizeof msg,
                         "%s:%lu: document '" QUOTE "' listed again for query '" QUOTE
                         "' (first at line %lu): ignored",
                         t->name, e->line, e->doc, e->qid, keep->line);
                warn(ctx, msg);
            }
            continue;
        }
        t->v[out++] = *e;
    }
    t->n = out;

    size_t ng = 0;
    for (i = 0; i < t->n; i++)
        if (i == 0 || strcmp(t->v[i].qid, t->v[i - 1].qid) != 0)
            ng++;
    if (ng > PASSIM_EVAL_MAX_QUERIES)
        return passim_error_set(PASSIM_ETOOBIG, "%s: more than %u queries", t->name,
                                PASSIM_EVAL_MAX_QUERIES);
    if (ng && !(t->g = malloc(ng * sizeof *t->g)))
        return passim_error_set(PASSIM_ENOMEM, "%s: out of memory", t->name);
    t->ng = 0;
    for (i = 0; i < t->n; i++) {
        if (i == 0 || strcmp(t->v[i].qid, t->v[i - 1].qid) != 0) {
            if (t->ng)
                t->g[t->ng - 1].end = i;
            t->g[t->ng++] = (group){t->v[i].qid, i, i};
        }
    }
    if (t->ng)
        t->g[t->ng - 1].end = t->n;
    if (kind == KIND_RUN)
        for (i = 0; i < t->ng; i++)
            if (t->g[i].end - t->g[i].start > 1)
                qsort(t->v + t->g[i].start, t->g[i].end - t->g[i].start,
                      sizeof *t->v, cmp_score_doc);
    return PASSIM_OK;
}

/* Read a whole file of the given kind into t. */
static passim_status read_table(table *t, enum kind kind, FILE *f, const char *name,
                                passim_eval_warn_fn warn, void *ctx)
{
    char *buf = NULL, *fields[MAX_FIELDS];
    unsigned long line = 0;
    size_t len;
    passim_status st = PASSIM_OK;
    int r;

    if (!(t->name = strdup(name ? name : "-")) ||
        !(buf = malloc(PASSIM_EVAL_MAX_LINE + 1))) {
        st = passim_error_set(PASSIM_ENOMEM, "out of memory");
        goto out;
    }
    while ((r = next_line(f, buf, &len)) == 1) {
        line++;
        for (size_t i = 0; i < len; i++) {
            unsigned char c = (unsigned char)buf[i];
            if ((c < 0x20 && !is_space(c)) || c == 0x7f) {
                st = passim_error_set(PASSIM_EINVAL,
                                      "%s:%lu: control character 0x%02x at byte %zu",
                                      t->name, line, c, i + 1);
                goto out;
            }
        }
        size_t nf = split_fields(fields, buf, len);
        if (nf == 0 || fields[0][0] == '#')
            continue;
        if ((st = add_line(t, kind, fields, nf, line)) != PASSIM_OK)
            goto out;
    }
    if (r == -1) {
        st = passim_error_set(PASSIM_ETOOBIG, "%s:%lu: line longer than %d bytes",
                              t->name, line + 1, PASSIM_EVAL_MAX_LINE);
        goto out;
    }
    if (r == -2) {
        st = passim_error_set(PASSIM_EIO, "%s:%lu: read error: %s", t->name, line + 1,
                              strerror(errno));
        goto out;
    }
    st = index_table(t, kind, warn, ctx);
out:
    free(buf);
    return st;
}

/* Open path for reading, with the project's status for each failure. */
static passim_status open_input(const char *path, FILE **f)
{
    struct stat sb;
    *f = fopen(path, "r");
    if (!*f)
        return passim_error_set(errno == ENOENT || errno == ENOTDIR ? PASSIM_ENOTFOUND
                                                                    : PASSIM_EIO,
                                "%s: %s", path, strerror(errno));
    if (fstat(fileno(*f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
        fclose(*f);
        *f = NULL;
        return passim_error_set(PASSIM_EINVAL, "%s: is a directory", path);
    }
    return PASSIM_OK;
}

passim_status passim_qrels_read(passim_qrels **out, FILE *f, const char *name)
{
    passim_error_clear();
    passim_qrels *q = calloc(1, sizeof *q);
    passim_status st;
    *out = NULL;
    if (!q)
        return passim_error_set(PASSIM_ENOMEM, "out of memory");
    if ((st = read_table(&q->t, KIND_QRELS, f, name, NULL, NULL)) != PASSIM_OK) {
        passim_qrels_free(q);
        return st;
    }
    *out = q;
    return PASSIM_OK;
}

passim_status passim_qrels_load(passim_qrels **out, const char *path)
{
    passim_error_clear();
    FILE *f;
    passim_status st;
    *out = NULL;
    if ((st = open_input(path, &f)) != PASSIM_OK)
        return st;
    st = passim_qrels_read(out, f, path);
    fclose(f);
    return st;
}

void passim_qrels_free(passim_qrels *q)
{
    if (!q)
        return;
    table_release(&q->t);
    free(q);
}

passim_status passim_run_read(passim_run **out, FILE *f, const char *name,
                              passim_eval_warn_fn warn, void *ctx)
{
    passim_error_clear();
    passim_run *r = calloc(1, sizeof *r);
    passim_status st;
    *out = NULL;
    if (!r)
        return passim_error_set(PASSIM_ENOMEM, "out of memory");
    if ((st = read_table(&r->t, KIND_RUN, f, name, warn, ctx)) != PASSIM_OK) {
        passim_run_free(r);
        return st;
    }
    *out = r;
    return PASSIM_OK;
}

passim_status passim_run_load(passim_run **out, const char *path,
                              passim_eval_warn_fn warn, void *ctx)
{
    passim_error_clear();
    FILE *f;
    passim_status st;
    *out = NULL;
    if ((st = open_input(path, &f)) != PASSIM_OK)
        return st;
    st = passim_run_read(out, f, path, warn, ctx);
    fclose(f);
    return st;
}

void passim_run_free(passim_run *r)
{
    if (!r)
        return;
    table_release(&r->t);
    free(r);
}

size_t passim_run_duplicates(const passim_run *r)
{
    return r ? r->t.dups : 0;
}

/* The group of query qid in t, or NULL. */
static const group *find_group(const table *t, const char *qid)
{
    size_t lo = 0, hi = t->ng;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(t->g[mid].qid, qid);
        if (c == 0)
            return &t->g[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* The judgment of doc in the qrels group g (sorted by doc); 0 if unjudged. */
static long judgment(const table *t, const group *g, const char *doc)
{
    size_t lo = g->start, hi = g->end;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(t->v[mid].doc, doc);
        if (c == 0)
            return t->v[mid].rel;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* Relevant documents of a qrels group. */
static uint32_t count_relevant(const table *t, const group *g)
{
    uint32_t n = 0;
    for (size_t i = g->start; i < g->end; i++)
        n += t->v[i].rel > 0;
    return n;
}

/* Ideal DCG at PASSIM_EVAL_NDCG_DEPTH of a qrels group: its largest gains
 * in decreasing order, discounted by log2(rank + 1). */
static double ideal_dcg(const table *t, const group *g)
{
    long top[PASSIM_EVAL_NDCG_DEPTH];
    size_t ntop = 0;
    double dcg = 0.0;
    for (size_t i = g->start; i < g->end; i++) {
        long rel = t->v[i].rel;
        if (rel <= 0)
            continue;
        if (ntop == PASSIM_EVAL_NDCG_DEPTH && rel <= top[ntop - 1])
            continue;
        size_t k = ntop < PASSIM_EVAL_NDCG_DEPTH ? ntop++ : ntop - 1;
        while (k > 0 && top[k - 1] < rel) {
            top[k] = top[k - 1];
            k--;
        }
        top[k] = rel;
    }
    for (size_t k = 0; k < ntop; k++)
        dcg += (double)top[k] / log2((double)k + 2.0);
    return dcg;
}

/* The metrics of one query: judgments qg of qrels, ranking rg of run (NULL
 * when the run lacks the query). */
static void score_query(const table *qrels, const group *qg, const table *run,
                        const group *rg, passim_eval_query *m)
{
    uint32_t hits = 0, hits_p = 0, hits_r = 0;
    double sum_prec = 0.0, dcg = 0.0, idcg;

    m->num_rel = count_relevant(qrels, qg);
    m->in_run = rg != NULL;
    m->num_ret = rg ? (uint32_t)(rg->end - rg->start) : 0;
    for (uint32_t k = 1; k <= m->num_ret; k++) {
        long rel = judgment(qrels, qg, run->v[rg->start + k - 1].doc);
        if (rel <= 0)
            continue;
        hits++;
        sum_prec += (double)hits / (double)k;
        if (k <= PASSIM_EVAL_P_DEPTH)
            hits_p++;
        if (k <= PASSIM_EVAL_NDCG_DEPTH)
            dcg += (double)rel / log2((double)k + 1.0);
        if (k <= PASSIM_EVAL_RECALL_DEPTH)
            hits_r++;
    }
    m->num_rel_ret = hits;
    idcg = ideal_dcg(qrels, qg);
    m->ap = m->num_rel ? sum_prec / m->num_rel : 0.0;
    m->p10 = (double)hits_p / PASSIM_EVAL_P_DEPTH;
    m->ndcg10 = idcg > 0.0 ? dcg / idcg : 0.0;
    m->recall1000 = m->num_rel ? (double)hits_r / m->num_rel : 0.0;
}

/* Whether s is a non-empty run of decimal digits. */
static int all_digits(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

/* Query id order: ids made of digits first, by value; then the others in
 * byte order. A total order, so sorting is well defined. */
static int cmp_qid(const void *pa, const void *pb)
{
    const char *a = ((const passim_eval_query *)pa)->qid;
    const char *b = ((const passim_eval_query *)pb)->qid;
    int da = all_digits(a), db = all_digits(b);
    if (da != db)
        return da ? -1 : 1;
    if (da) {
        const char *sa = a, *sb = b;
        while (*sa == '0' && sa[1])
            sa++;
        while (*sb == '0' && sb[1])
            sb++;
        size_t la = strlen(sa), lb = strlen(sb);
        if (la != lb)
            return la < lb ? -1 : 1;
        int c = strcmp(sa, sb);
        if (c)
            return c;
    }
    return strcmp(a, b);
}

passim_status passim_eval_compute(passim_eval_result *res, const passim_qrels *qrels,
                                  const passim_run *run,
                                  const passim_eval_opts *opts)
{
    passim_error_clear();
    const table *qt = &qrels->t, *rt = &run->t;
    passim_eval_opts o = opts ? *opts : PASSIM_EVAL_OPTS_DEFAULT;
    passim_status st = PASSIM_OK;
    size_t i;

    memset(res, 0, sizeof *res);
    if (qt->ng && !(res->q = calloc(qt->ng, sizeof *res->q))) {
        st = passim_error_set(PASSIM_ENOMEM, "out of memory");
        goto out;
    }
    for (i = 0; i < qt->ng; i++) {
        const group *qg = &qt->g[i], *rg;
        if (count_relevant(qt, qg) == 0)
            continue;
        rg = find_group(rt, qg->qid);
        if (!rg && o.run_queries_only)
            continue;
        passim_eval_query *m = &res->q[res->n];
        if (!(m->qid = strdup(qg->qid))) {
            st = passim_error_set(PASSIM_ENOMEM, "out of memory");
            goto out;
        }
        res->n++;
        score_query(qt, qg, rt, rg, m);
        res->missing += !m->in_run;
        res->num_rel += m->num_rel;
        res->num_ret += m->num_ret;
        res->num_rel_ret += m->num_rel_ret;
        res->map += m->ap;
        res->p10 += m->p10;
        res->ndcg10 += m->ndcg10;
        res->recall1000 += m->recall1000;
    }
    for (i = 0; i < rt->ng; i++) {
        const group *qg = find_group(qt, rt->g[i].qid);
        if (!qg || count_relevant(qt, qg) == 0)
            res->ignored++;
    }
    if (res->n == 0) {
        st = passim_error_set(PASSIM_EINVAL,
                              o.run_queries_only
                                  ? "no query of the run has a relevant document "
                                    "in the qrels"
                                  : "the qrels hold no relevant document");
        goto out;
    }
    res->map /= (double)res->n;
    res->p10 /= (double)res->n;
    res->ndcg10 /= (double)res->n;
    res->recall1000 /= (double)res->n;
    qsort(res->q, res->n, sizeof *res->q, cmp_qid);
out:
    return st;
}

void passim_eval_result_release(passim_eval_result *res)
{
    if (!res)
        return;
    for (size_t i = 0; i < res->n; i++)
        free(res->q[i].qid);
    free(res->q);
    memset(res, 0, sizeof *res);
}
