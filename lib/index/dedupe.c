/* dedupe.c — ids held by several parts, kept for the first file in corpus
 * order: finding them (an id count over every part), the claims of the
 * records holding them, dropping the later copies and reporting them with
 * their lines (contracts in dedupe.h). */
#include "index/dedupe.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index/document.h"
#include "util/idset.h"
#include "index/manifest.h"
#include "index/sync.h"
#include "xapian_c.h"

/* A record of a part that holds an id some other part holds too. */
typedef struct held {
    size_t part;
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
    size_t part;
    passim_status st;
} dedupe;

/* Terms callback: count an article id (from its id term) in d->all. */
static int count_id(void *ctx, const char *term, size_t len, uint32_t tf)
{
    dedupe *d = ctx;
    (void)tf;
    d->st = passim_sync_add_term_id(d->all, term, len);
    return d->st != PASSIM_OK;
}

/* Idset callback: an id counted in more than one part joins d->dups. */
static int collect_dup(void *ctx, const char *id, uint32_t count)
{
    dedupe *d = ctx;
    if (count < 2)
        return 0;
    d->st = passim_idset_add(NULL, d->dups, id);
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
        return passim_error_nomem("the corpus order of the files");
    for (size_t i = 0; i < d->files->n; i++) {
        char buf[PATH_MAX];
        if (!realpath(d->files->v[i].path, buf))
            continue;
        if (!(d->byp[d->nbyp].canon = strdup(buf)))
            return passim_error_nomem("a file's canonical path");
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
    if (klen != PASSIM_MANIFEST_KEY_BYTES)
        return 0;
    if ((d->st = passim_record_decode(&rec, val, vlen)) != PASSIM_OK) {
        if (d->st == PASSIM_ENOMEM)
            return 1;
        d->st = PASSIM_OK;
        passim_error_clear(); /* a damaged record holds no claim: skipped */
        return 0;
    }
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
            d->st = passim_error_nomem("the records holding duplicate ids");
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
            d->st = passim_error_nomem("the claims on duplicate ids");
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
    if (!passim_corpus_file_is_jsonl(f))
        return;
    if (passim_source_open(&src, f) != PASSIM_OK) {
        passim_error_clear(); /* no line numbers, nothing else lost */
        return;
    }
    qsort(lost, n, sizeof *lost, cmp_claim_ptr_id);
    while (found < n && passim_source_next(&art, src, NULL, NULL) == PASSIM_OK && art) {
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
    passim_error_clear(); /* a file that cannot be read again only loses its line numbers */
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
        return passim_error_nomem("the list of lost ids");
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

/* Open every part and count its ids; the ids counted twice go to d->dups. */
static passim_status find_dups(dedupe *d, xc_wdb **dbs, const char *const *paths, size_t n)
{
    passim_status st = PASSIM_OK;
    for (size_t j = 0; j < n && st == PASSIM_OK; j++)
        if ((st = xc_wdb_open(&dbs[j], paths[j], XC_OPEN)) == PASSIM_OK &&
            (st = xc_wdb_terms(dbs[j], PASSIM_PREFIX_ID, 1, count_id, d)) == PASSIM_OK)
            st = d->st;
    if (st != PASSIM_OK)
        return st;
    passim_idset_foreach(d->all, collect_dup, d);
    return d->st;
}

/* The records of every part that hold a duplicated id, and their claims
 * grouped by id in corpus order, each claim with a copy of its id (the
 * records change when a claim is dropped). */
static passim_status gather_claims(dedupe *d, xc_wdb **dbs, size_t n)
{
    passim_status st = index_paths(d);
    for (size_t j = 0; j < n && st == PASSIM_OK; j++) {
        d->part = j;
        if ((st = xc_wdb_metadata(dbs[j], PASSIM_MANIFEST_PREFIX, 1, hold_record, d)) == PASSIM_OK)
            st = d->st;
    }
    if (st != PASSIM_OK)
        return st;
    qsort(d->c, d->nc, sizeof *d->c, cmp_claims);
    for (size_t i = 0; i < d->nc; i++)
        if (!(d->c[i].id = strdup(d->c[i].id))) {
            for (size_t k = 0; k < i; k++)
                free((char *)d->c[k].id);
            d->nc = 0;
            return passim_error_nomem("duplicate ids");
        }
    return PASSIM_OK;
}

/* Drop every claim but the first of each id, each part changed in one
 * transaction; in_txn[j] is set for a part with one open. */
static passim_status drop_later_claims(dedupe *d, xc_wdb **dbs, int *in_txn,
                                       passim_update_stats *stats)
{
    passim_status st = PASSIM_OK;
    for (size_t i = 0; i < d->nc && st == PASSIM_OK; i++) {
        size_t p = d->h[d->c[i].h].part;
        if (i == 0 || strcmp(d->c[i].id, d->c[i - 1].id) != 0)
            continue; /* the first in corpus order keeps it */
        if (!in_txn[p] && (st = xc_wdb_begin(dbs[p], 1)) == PASSIM_OK)
            in_txn[p] = 1;
        if (st == PASSIM_OK)
            st = drop_claim(d, dbs, &d->c[i], stats);
    }
    return st;
}

/* Write the records that lost ids, and commit every open transaction. */
static passim_status save_changes(dedupe *d, xc_wdb **dbs, int *in_txn, size_t n)
{
    passim_status st = PASSIM_OK;
    for (size_t i = 0; i < d->nh && st == PASSIM_OK; i++) {
        char *val = NULL;
        size_t len = 0;
        if (!d->h[i].dirty)
            continue;
        if ((st = passim_record_encode(&val, &len, &d->h[i].rec)) == PASSIM_OK)
            st = xc_wdb_set_metadata(dbs[d->h[i].part], d->h[i].key, strlen(d->h[i].key), val,
                                     len);
        free(val);
    }
    for (size_t j = 0; j < n && st == PASSIM_OK; j++)
        if (in_txn[j]) {
            in_txn[j] = 0;
            st = xc_wdb_commit_transaction(dbs[j]);
        }
    return st;
}

passim_status passim_dedupe_parts(passim_update_stats *stats, const char *const *paths,
                                  size_t n, const passim_update_opts *o,
                                  const passim_corpus_files *files)
{
    passim_status st;
    xc_wdb **dbs = calloc(n + 1, sizeof *dbs);
    int *in_txn = calloc(n + 1, sizeof *in_txn);
    dedupe d = {0};

    passim_error_clear();
    d.files = files;
    if (!dbs || !in_txn) {
        st = passim_error_nomem("the parts' table");
        goto out;
    }
    if ((st = passim_idset_new(&d.all)) != PASSIM_OK ||
        (st = passim_idset_new(&d.dups)) != PASSIM_OK ||
        (st = find_dups(&d, dbs, paths, n)) != PASSIM_OK || passim_idset_size(d.dups) == 0)
        goto out;
    if ((st = gather_claims(&d, dbs, n)) == PASSIM_OK &&
        (st = drop_later_claims(&d, dbs, in_txn, stats)) == PASSIM_OK && o->report)
        st = report_lost(o, &d);
    if (st == PASSIM_OK)
        st = save_changes(&d, dbs, in_txn, n);
    for (size_t i = 0; i < d.nc; i++)
        free((char *)d.c[i].id);
out:
    for (size_t j = 0; dbs && j < n; j++)
        xc_wdb_close(dbs[j]); /* cancels a transaction left open */
    for (size_t i = 0; i < d.nh; i++)
        passim_record_release(&d.h[i].rec);
    for (size_t i = 0; i < d.nbyp; i++)
        free(d.byp[i].canon);
    free(d.byp);
    free(d.h);
    free(d.c);
    free(dbs);
    free(in_txn);
    passim_idset_free(d.all);
    passim_idset_free(d.dups);
    return st;
}
