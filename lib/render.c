/* render.c — text and JSON output of results (contracts in render.h). */
#include "render.h"

#include <jansson.h>
#include <string.h>

/* Write s[0..n) with C0 controls and DEL shown as U+FFFD. */
static void put_clean(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f)
            fputs("\xEF\xBF\xBD", f);
        else
            fputc(c, f);
    }
}

/* Write s[0..n) with spans[0..nspans) between `on` and `off`. Spans out
 * of range or out of order are ignored. */
static void put_marked(FILE *f, const char *s, size_t n, const passim_span *spans,
                       size_t nspans, const char *on, const char *off)
{
    size_t at = 0;
    for (size_t i = 0; i < nspans; i++) {
        if (spans[i].start < at || spans[i].end <= spans[i].start || spans[i].end > n)
            continue;
        put_clean(f, s + at, spans[i].start - at);
        fputs(on, f);
        put_clean(f, s + spans[i].start, spans[i].end - spans[i].start);
        fputs(off, f);
        at = spans[i].end;
    }
    put_clean(f, s + at, n - at);
}

/* A JSON array of [start, end] pairs; NULL on allocation failure. */
static json_t *spans_json(const passim_span *spans, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) {
        json_t *pair = json_pack("[II]", (json_int_t)spans[i].start,
                                 (json_int_t)spans[i].end);
        if (!pair || json_array_append_new(arr, pair) < 0) {
            json_decref(arr);
            arr = NULL;
        }
    }
    return arr;
}

passim_status passim_render_text(FILE *f, const passim_results *r, int ansi)
{
    const char *on = ansi ? "\033[1m" : "[[", *off = ansi ? "\033[0m" : "]]";
    if (r->suggestion) {
        fputs("Did you mean: ", f);
        put_clean(f, r->suggestion, strlen(r->suggestion));
        fputs("\n\n", f);
    }
    for (size_t i = 0; i < r->n; i++) {
        const passim_result *res = &r->v[i];
        const passim_snippet *sn = &res->snippet;
        size_t at = 0;
        fprintf(f, "%zu. ", i + 1);
        put_marked(f, res->title, strlen(res->title), res->title_spans,
                   res->ntitle_spans, on, off);
        fputs("\n   ", f);
        put_clean(f, res->id, strlen(res->id));
        if (res->date[0])
            fprintf(f, " · %s", res->date);
        if (res->byline[0]) {
            fputs(" · ", f);
            put_clean(f, res->byline, strlen(res->byline));
        }
        fprintf(f, " · passage %u · score %.3f\n   ", res->passage, res->score);
        for (size_t s = 0; s < sn->nspans; s++) {
            put_clean(f, sn->text + at, sn->spans[s].start - at);
            fputs(on, f);
            put_clean(f, sn->text + sn->spans[s].start,
                      sn->spans[s].end - sn->spans[s].start);
            fputs(off, f);
            at = sn->spans[s].end;
        }
        put_clean(f, sn->text + at, sn->len - at);
        fputs("\n\n", f);
    }
    return ferror(f) ? passim_error_set(PASSIM_EIO, "write error") : PASSIM_OK;
}

/* Build the JSON object of one result; NULL on allocation failure. */
static json_t *result_json(const passim_result *res)
{
    json_t *o = json_object(), *hl = json_array();
    if (!o || !hl)
        goto fail;
    for (size_t s = 0; s < res->snippet.nspans; s++) {
        json_t *pair = json_pack("[II]", (json_int_t)res->snippet.spans[s].start,
                                 (json_int_t)res->snippet.spans[s].end);
        if (!pair || json_array_append_new(hl, pair) < 0)
            goto fail;
    }
    if (json_object_set_new(o, "id", json_string(res->id)) < 0 ||
        json_object_set_new(o, "title", json_string(res->title)) < 0 ||
        json_object_set_new(o, "date", res->date[0] ? json_string(res->date)
                                                    : json_null()) < 0 ||
        json_object_set_new(o, "byline", res->byline[0] ? json_string(res->byline)
                                                        : json_null()) < 0 ||
        json_object_set_new(o, "url", res->url[0] ? json_string(res->url)
                                                  : json_null()) < 0 ||
        json_object_set_new(o, "passage", json_integer(res->passage)) < 0 ||
        json_object_set_new(o, "sentences", json_integer(res->nsent)) < 0 ||
        json_object_set_new(o, "score", json_real(res->score)) < 0 ||
        json_object_set_new(o, "article_rank", json_integer(res->article_rank)) < 0 ||
        json_object_set_new(o, "article_score", json_real(res->article_score)) < 0 ||
        json_object_set_new(o, "text", json_stringn(res->snippet.text,
                                                    res->snippet.len)) < 0 ||
        json_object_set_new(o, "highlights", hl) < 0) {
        hl = NULL;
        goto fail;
    }
    if (json_object_set_new(o, "title_highlights",
                            spans_json(res->title_spans, res->ntitle_spans)) < 0)
        goto fail_set;
    return o;
fail_set:
    hl = NULL;
fail:
    json_decref(hl);
    json_decref(o);
    return NULL;
}

passim_status passim_render_json(FILE *f, const char *query,
                                 const passim_search_opts *o,
                                 const passim_results *r)
{
    passim_status st = PASSIM_ENOMEM;
    json_t *root = json_object(), *arr = json_array();
    if (!root || !arr)
        goto out;
    for (size_t i = 0; i < r->n; i++) {
        json_t *res = result_json(&r->v[i]);
        if (!res || json_array_append_new(arr, res) < 0)
            goto out;
    }
    if (json_object_set_new(root, "results", arr) < 0) {
        arr = NULL;
        goto out;
    }
    arr = NULL;
    json_t *qs = json_string(query); /* NULL for invalid UTF-8 */
    json_t *sg = r->suggestion ? json_string(r->suggestion) : NULL;
    if (json_object_set_new(root, "query", qs ? qs : json_null()) < 0 ||
        json_object_set_new(root, "offset", json_integer(o->offset)) < 0 ||
        json_object_set_new(root, "limit", json_integer(o->limit)) < 0 ||
        json_object_set_new(root, "articles_matched",
                            json_integer(r->articles_matched)) < 0 ||
        json_object_set_new(root, "passages_found",
                            json_integer(r->passages_found)) < 0 ||
        json_object_set_new(root, "suggestion", sg ? sg : json_null()) < 0)
        goto out;
    if (json_dumpf(root, f, JSON_PRESERVE_ORDER | JSON_COMPACT) < 0) {
        st = passim_error_set(PASSIM_EIO, "write error");
        goto out;
    }
    fputc('\n', f);
    st = ferror(f) ? passim_error_set(PASSIM_EIO, "write error") : PASSIM_OK;
out:
    json_decref(arr);
    json_decref(root);
    return st;
}
