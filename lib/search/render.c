/* render.c — text and JSON output of results (contracts in render.h). */
#include "search/render.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8out.h"

/* Write s[0..n) with C0 controls and DEL shown as U+FFFD and bytes that
 * are not valid UTF-8 as \xHH (utf8out.h). */
static void put_clean(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t k = passim_utf8_seq(s + i, n - i);
        unsigned char c = (unsigned char)s[i];
        if (k == 0)
            passim_utf8out_write(f, s + i, 1);
        else if (k == 1 && (c < 0x20 || c == 0x7f))
            fputs("\xEF\xBF\xBD", f);
        else
            fwrite(s + i, 1, k, f);
        i += k ? k : 1;
    }
}

/* Write a NUL-terminated string cleaned as put_clean does. */
static void put_str(FILE *f, const char *s)
{
    put_clean(f, s, strlen(s));
}

passim_status passim_render_no_results(FILE *f, const char *query)
{
    passim_error_clear();
    fputs("No results for: ", f);
    put_str(f, query);
    fputc('\n', f);
    return ferror(f) ? passim_error_set(PASSIM_EIO, "write error") : PASSIM_OK;
}

/* Whether results i and i - 1 are passages of the same article. */
static int same_article(const passim_results *r, size_t i)
{
    return i > 0 && strcmp(r->v[i].id, r->v[i - 1].id) == 0;
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

/* Write a passage's text with its highlights marked on..off. */
static void put_passage(FILE *f, const passim_snippet *sn, const char *on,
                        const char *off)
{
    put_marked(f, sn->text, sn->len, sn->spans, sn->nspans, on, off);
}

/* Write "N. TITLE", the query's words in the title marked on..off, and a
 * newline. */
static void put_title_line(FILE *f, size_t number, const passim_result *res,
                           const char *on, const char *off)
{
    fprintf(f, "%zu. ", number);
    put_marked(f, res->title, strlen(res->title), res->title_spans, res->ntitle_spans,
               on, off);
    fputc('\n', f);
}

/* Write "   ID · DATE · BYLINE" (no newline). */
static void put_article_meta(FILE *f, const passim_result *res)
{
    fputs("   ", f);
    put_str(f, res->id);
    if (res->date[0])
        fprintf(f, " · %s", res->date);
    if (res->byline[0]) {
        fputs(" · ", f);
        put_str(f, res->byline);
    }
}

passim_status passim_render_text(FILE *f, const passim_results *r,
                                 const passim_search_opts *o, int ansi)
{
    passim_error_clear();
    const char *on = ansi ? "\033[1m" : "[[", *off = ansi ? "\033[0m" : "]]";
    size_t article = o ? o->offset : 0;
    if (r->suggestion) {
        fputs("Did you mean: ", f);
        put_str(f, r->suggestion);
        fputs("\n\n", f);
    }
    for (size_t i = 0; i < r->n; i++) {
        const passim_result *res = &r->v[i];
        if (o && o->by_article) {
            /* The article once, then each of its passages. */
            if (!same_article(r, i)) {
                put_title_line(f, ++article, res, on, off);
                put_article_meta(f, res);
                fprintf(f, " · article score %.3f\n", res->article_score);
            }
            fprintf(f, "   passage %u · score %.3f\n   ", res->passage, res->score);
        } else {
            put_title_line(f, i + 1, res, on, off);
            put_article_meta(f, res);
            fprintf(f, " · passage %u · score %.3f\n   ", res->passage, res->score);
        }
        put_passage(f, &res->snippet, on, off);
        fputs("\n\n", f);
    }
    return ferror(f) ? passim_error_set(PASSIM_EIO, "write error") : PASSIM_OK;
}

/* ---- JSON ---------------------------------------------------------------
 * Every value goes through these setters. Strings are made valid UTF-8
 * first (utf8out.h), so jansson refuses none; a number that is not finite
 * is written as null. What can still fail is memory, and that is the only
 * failure reported as PASSIM_ENOMEM. */

/* Set o[key] = v (stolen). Returns PASSIM_OK or PASSIM_ENOMEM. */
static passim_status put(json_t *o, const char *key, json_t *v)
{
    if (!v)
        return passim_error_set(PASSIM_ENOMEM, "out of memory building the JSON "
                                               "value of \"%s\"", key);
    if (json_object_set_new(o, key, v) < 0)
        return passim_error_set(PASSIM_ENOMEM, "out of memory adding \"%s\"", key);
    return PASSIM_OK;
}

/* A JSON string of s[0..n), invalid bytes escaped; NULL on allocation
 * failure. */
static json_t *text_n(const char *s, size_t n)
{
    size_t len;
    char *clean;
    if (!s)
        return json_string("");
    if (passim_utf8_valid(s, n))
        return json_stringn(s, n);
    if (!(clean = passim_utf8out_dup(&len, s, n)))
        return NULL;
    json_t *j = json_stringn(clean, len);
    free(clean);
    return j;
}

/* The string s, or null when s is NULL or empty ("none"). */
static json_t *text_or_null(const char *s)
{
    return s && s[0] ? text_n(s, strlen(s)) : json_null();
}

/* A number, or null when it is not finite. */
static json_t *number(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

/* Where byte `at` of s[0..len) stands in the string as written (text_n):
 * each invalid byte before it became a 4-byte \xHH escape. */
static size_t written_offset(const char *s, size_t len, size_t at)
{
    size_t extra = 0;
    for (size_t i = 0; i < at && i < len;) {
        size_t k = passim_utf8_seq(s + i, len - i);
        extra += k ? 0 : 3;
        i += k ? k : 1;
    }
    return at + extra;
}

/* Highlight spans of s[0..len) as [[start, end], ...], as byte ranges of
 * the string as written. */
static passim_status span_list_json(json_t **out, const char *s, size_t len,
                                    const passim_span *spans, size_t n)
{
    json_t *hl = json_array();
    int shift = s && !passim_utf8_valid(s, len);
    *out = NULL;
    if (!hl)
        return passim_error_set(PASSIM_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        size_t a = spans[i].start, b = spans[i].end;
        if (shift) {
            a = written_offset(s, len, a);
            b = written_offset(s, len, b);
        }
        json_t *pair = json_pack("[II]", (json_int_t)a, (json_int_t)b);
        if (!pair || json_array_append_new(hl, pair) < 0) {
            json_decref(hl);
            return passim_error_set(PASSIM_ENOMEM, "out of memory");
        }
    }
    *out = hl;
    return PASSIM_OK;
}

/* The highlight spans of a snippet as [[start, end], ...]. */
static passim_status spans_json(json_t **out, const passim_snippet *sn)
{
    return span_list_json(out, sn->text, sn->len, sn->spans, sn->nspans);
}

/* Add the article's fields (id, title, title_highlights, date, byline,
 * url) to o. */
static passim_status article_fields(json_t *o, const passim_result *res)
{
    passim_status st;
    json_t *th = NULL;
    if ((st = put(o, "id", text_n(res->id, strlen(res->id)))) != PASSIM_OK ||
        (st = put(o, "title", text_n(res->title, strlen(res->title)))) != PASSIM_OK ||
        (st = span_list_json(&th, res->title, strlen(res->title),
                                   res->title_spans, res->ntitle_spans)) != PASSIM_OK ||
        (st = put(o, "title_highlights", th)) != PASSIM_OK ||
        (st = put(o, "date", text_or_null(res->date))) != PASSIM_OK ||
        (st = put(o, "byline", text_or_null(res->byline))) != PASSIM_OK ||
        (st = put(o, "url", text_or_null(res->url))) != PASSIM_OK)
        return st;
    return PASSIM_OK;
}

/* Add the passage's fields (passage, sentences, score) to o. */
static passim_status passage_head(json_t *o, const passim_result *res)
{
    passim_status st;
    if ((st = put(o, "passage", json_integer(res->passage))) != PASSIM_OK ||
        (st = put(o, "sentences", json_integer(res->nsent))) != PASSIM_OK ||
        (st = put(o, "score", number(res->score))) != PASSIM_OK)
        return st;
    return PASSIM_OK;
}

/* Add the article's rank and weight to o. */
static passim_status article_rank(json_t *o, const passim_result *res)
{
    passim_status st;
    if ((st = put(o, "article_rank", json_integer(res->article_rank))) != PASSIM_OK ||
        (st = put(o, "article_score", number(res->article_score))) != PASSIM_OK)
        return st;
    return PASSIM_OK;
}

/* Add the passage's text and highlights to o. */
static passim_status passage_text(json_t *o, const passim_result *res)
{
    passim_status st;
    json_t *hl = NULL;
    if ((st = put(o, "text", text_n(res->snippet.text, res->snippet.len))) != PASSIM_OK ||
        (st = spans_json(&hl, &res->snippet)) != PASSIM_OK)
        return st;
    return put(o, "highlights", hl);
}

/* The JSON object of one result (passage mode). */
static passim_status result_json(json_t **out, const passim_result *res)
{
    passim_status st;
    json_t *o = json_object();
    *out = NULL;
    if (!o)
        return passim_error_set(PASSIM_ENOMEM, "out of memory");
    if ((st = article_fields(o, res)) != PASSIM_OK ||
        (st = passage_head(o, res)) != PASSIM_OK ||
        (st = article_rank(o, res)) != PASSIM_OK ||
        (st = passage_text(o, res)) != PASSIM_OK) {
        json_decref(o);
        return st;
    }
    *out = o;
    return PASSIM_OK;
}

/* The "results" array (passage mode) into root. */
static passim_status results_json(json_t *root, const passim_results *r)
{
    passim_status st;
    json_t *arr = json_array();
    if (!arr)
        return passim_error_set(PASSIM_ENOMEM, "out of memory");
    for (size_t i = 0; i < r->n; i++) {
        json_t *res;
        if ((st = result_json(&res, &r->v[i])) != PASSIM_OK)
            goto fail;
        if (json_array_append_new(arr, res) < 0) {
            st = passim_error_set(PASSIM_ENOMEM, "out of memory");
            goto fail;
        }
    }
    return put(root, "results", arr);
fail:
    json_decref(arr);
    return st;
}

/* The JSON object of one article (by-article mode): its fields, its rank,
 * and "passages" holding results [i, j), all of that article. */
static passim_status article_json(json_t **out, const passim_results *r, size_t i,
                                  size_t j)
{
    passim_status st;
    json_t *o = json_object(), *arr = json_array();
    *out = NULL;
    if (!o || !arr) {
        st = passim_error_set(PASSIM_ENOMEM, "out of memory");
        goto fail;
    }
    if ((st = article_fields(o, &r->v[i])) != PASSIM_OK ||
        (st = article_rank(o, &r->v[i])) != PASSIM_OK)
        goto fail;
    for (size_t k = i; k < j; k++) {
        json_t *p = json_object();
        if (!p || json_array_append_new(arr, p) < 0) {
            st = passim_error_set(PASSIM_ENOMEM, "out of memory");
            goto fail;
        }
        if ((st = passage_head(p, &r->v[k])) != PASSIM_OK ||
            (st = passage_text(p, &r->v[k])) != PASSIM_OK)
            goto fail;
    }
    st = put(o, "passages", arr);
    arr = NULL;
    if (st != PASSIM_OK)
        goto fail;
    *out = o;
    return PASSIM_OK;
fail:
    json_decref(arr);
    json_decref(o);
    return st;
}

/* The "articles" array (by-article mode) into root. */
static passim_status articles_json(json_t *root, const passim_results *r)
{
    passim_status st;
    json_t *arr = json_array();
    if (!arr)
        return passim_error_set(PASSIM_ENOMEM, "out of memory");
    for (size_t i = 0, j; i < r->n; i = j) {
        json_t *a;
        for (j = i + 1; j < r->n && same_article(r, j); j++)
            ;
        if ((st = article_json(&a, r, i, j)) != PASSIM_OK)
            goto fail;
        if (json_array_append_new(arr, a) < 0) {
            st = passim_error_set(PASSIM_ENOMEM, "out of memory");
            goto fail;
        }
    }
    return put(root, "articles", arr);
fail:
    json_decref(arr);
    return st;
}

/* The fields after the results: query, paging, counts, suggestion. */
static passim_status tail_json(json_t *root, const char *query,
                               const passim_search_opts *o, const passim_results *r)
{
    passim_status st;
    if ((st = put(root, "query", query ? text_n(query, strlen(query)) : json_null())) !=
            PASSIM_OK ||
        (st = put(root, "offset", json_integer(o->offset))) != PASSIM_OK ||
        (st = put(root, "limit", json_integer(o->limit))) != PASSIM_OK ||
        (st = put(root, "articles_matched", json_integer(r->articles_matched))) !=
            PASSIM_OK ||
        (st = put(root, "passages_found", json_integer(r->passages_found))) != PASSIM_OK ||
        (st = put(root, "suggestion", text_or_null(r->suggestion))) != PASSIM_OK)
        return st;
    return PASSIM_OK;
}

passim_status passim_render_json(FILE *f, const char *query,
                                 const passim_search_opts *o,
                                 const passim_results *r)
{
    passim_error_clear();
    passim_status st;
    json_t *root = json_object();
    if (!root)
        return passim_error_set(PASSIM_ENOMEM, "out of memory");
    if ((st = o->by_article ? articles_json(root, r) : results_json(root, r)) !=
            PASSIM_OK ||
        (st = tail_json(root, query, o, r)) != PASSIM_OK)
        goto out;
    if (json_dumpf(root, f, JSON_PRESERVE_ORDER | JSON_COMPACT) < 0) {
        st = passim_error_set(PASSIM_EIO, "write error");
        goto out;
    }
    fputc('\n', f);
    st = ferror(f) ? passim_error_set(PASSIM_EIO, "write error") : PASSIM_OK;
out:
    json_decref(root);
    return st;
}

/* ---- the article view --------------------------------------------------- */

passim_status passim_render_view_text(FILE *f, const passim_view *v, int ansi)
{
    passim_error_clear();
    const char *on = ansi ? "\033[1m" : "[[", *off = ansi ? "\033[0m" : "]]";
    const passim_docdata *d = &v->doc;
    if (ansi)
        fputs(on, f);
    put_str(f, d->title);
    if (ansi)
        fputs(off, f);
    fputc('\n', f);
    put_str(f, d->id);
    if (d->date[0])
        fprintf(f, " · %s", d->date);
    if (d->byline[0]) {
        fputs(" · ", f);
        put_str(f, d->byline);
    }
    fputc('\n', f);
    if (d->url[0]) {
        put_str(f, d->url);
        fputc('\n', f);
    }
    for (size_t i = 0; i < v->npara; i++) {
        fputc('\n', f);
        put_passage(f, &v->para[i].text, on, off);
        fputc('\n', f);
    }
    return ferror(f) ? passim_error_set(PASSIM_EIO, "write error") : PASSIM_OK;
}

/* The "paragraphs" array of the view into o. */
static passim_status paragraphs_json(json_t *o, const passim_view *v)
{
    passim_status st;
    json_t *arr = json_array();
    if (!arr)
        return passim_error_set(PASSIM_ENOMEM, "out of memory");
    for (size_t i = 0; i < v->npara; i++) {
        const passim_view_para *p = &v->para[i];
        json_t *po = json_object(), *hl = NULL;
        if (!po || json_array_append_new(arr, po) < 0) {
            st = passim_error_set(PASSIM_ENOMEM, "out of memory");
            goto fail;
        }
        if ((st = put(po, "sentence", json_integer(p->first_sent))) != PASSIM_OK ||
            (st = put(po, "text", text_n(p->text.text, p->text.len))) != PASSIM_OK ||
            (st = spans_json(&hl, &p->text)) != PASSIM_OK ||
            (st = put(po, "highlights", hl)) != PASSIM_OK)
            goto fail;
    }
    return put(o, "paragraphs", arr);
fail:
    json_decref(arr);
    return st;
}

passim_status passim_render_view_json(FILE *f, const passim_view *v, const char *query)
{
    passim_error_clear();
    passim_status st;
    const passim_docdata *d = &v->doc;
    json_t *o = json_object();
    if (!o)
        return passim_error_set(PASSIM_ENOMEM, "out of memory");
    if ((st = put(o, "id", text_n(d->id, strlen(d->id)))) != PASSIM_OK ||
        (st = put(o, "title", text_n(d->title, strlen(d->title)))) != PASSIM_OK ||
        (st = put(o, "date", text_or_null(d->date))) != PASSIM_OK ||
        (st = put(o, "byline", text_or_null(d->byline))) != PASSIM_OK ||
        (st = put(o, "url", text_or_null(d->url))) != PASSIM_OK ||
        (st = put(o, "query", text_or_null(query))) != PASSIM_OK ||
        (st = paragraphs_json(o, v)) != PASSIM_OK)
        goto out;
    if (json_dumpf(o, f, JSON_PRESERVE_ORDER | JSON_COMPACT) < 0) {
        st = passim_error_set(PASSIM_EIO, "write error");
        goto out;
    }
    fputc('\n', f);
    st = ferror(f) ? passim_error_set(PASSIM_EIO, "write error") : PASSIM_OK;
out:
    json_decref(o);
    return st;
}
