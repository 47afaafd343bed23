/* html.c — the web search page (contracts in html.h). */
#include "web/html.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "web/http.h"
#include "web/cgiparam.h"
#include "util/utf8out.h"

/* The page's whole style sheet. Changing one byte changes its hash: update
 * PASSIM_HTML_STYLE_HASH in html.h (cgi_server.sh prints the right one). */
static const char STYLE[] =
    "body{margin:0 auto;max-width:46rem;padding:0 1rem 2rem;"
    "font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;"
    "color:#1b1b1b;background:#fff}"
    "header{padding:1rem 0 .75rem;border-bottom:1px solid #ddd}"
    "form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}"
    ".brand{font-weight:700;font-size:1.3rem;color:#7a2e0e;text-decoration:none;"
    "margin-right:.25rem}"
    "input[type=search]{flex:1 1 8rem;min-width:0;font:inherit;padding:.45rem .6rem;"
    "border:1px solid #888;border-radius:.4rem}"
    "button{font:inherit;padding:.45rem 1rem;border:1px solid #7a2e0e;"
    "border-radius:.4rem;background:#7a2e0e;color:#fff}"
    ".stats{color:#555;font-size:.9rem;margin:.75rem 0}"
    ".suggest{margin:.5rem 0}"
    "ol.results{list-style:none;padding:0;margin:0}"
    ".hit{padding:.8rem 0;border-bottom:1px solid #eee}"
    ".hit h2{font-size:1.1rem;line-height:1.3;margin:0 0 .2rem;overflow-wrap:anywhere}"
    ".hit h2 a{color:#1a3d7c}"
    ".meta{margin:0;color:#555;font-size:.85rem;overflow-wrap:anywhere}"
    ".passage{margin:.4rem 0;overflow-wrap:anywhere}"
    "mark{background:#ffe58a;color:inherit;padding:0 .1em;border-radius:.15em}"
    "details{margin:.2rem 0 0}"
    "summary{cursor:pointer;color:#7a2e0e;font-size:.9rem}"
    ".pages{display:flex;gap:1.25rem;justify-content:center;padding:1rem 0}"
    ".pages a{color:#7a2e0e}"
    ".error{border-left:4px solid #a40000;padding:.25rem .75rem;margin:1rem 0}"
    "span:target{background:#e8eefc;border-radius:.15em}";

const char *passim_html_style(void)
{
    return STYLE;
}

void passim_html_escape(FILE *f, const char *s, size_t len)
{
    static const char REPLACEMENT[] = "\xEF\xBF\xBD";
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        size_t k = passim_utf8_seq(s + i, len - i);
        if (k == 0) {
            passim_utf8out_write(f, s + i, 1); /* \xHH, utf8out.h */
            i++;
            continue;
        }
        if (k == 1) {
            switch (c) {
            case '&': fputs("&amp;", f); break;
            case '<': fputs("&lt;", f); break;
            case '>': fputs("&gt;", f); break;
            case '"': fputs("&quot;", f); break;
            case '\'': fputs("&#39;", f); break;
            case '\t':
            case '\n': fputc(c, f); break;
            default:
                if (c < 0x20 || c == 0x7F)
                    fputs(REPLACEMENT, f);
                else
                    fputc(c, f);
            }
        } else if (k == 2 && c == 0xC2 && (unsigned char)s[i + 1] < 0xA0) {
            fputs(REPLACEMENT, f); /* C1 control U+0080..U+009F */
        } else {
            fwrite(s + i, 1, k, f);
        }
        i += k;
    }
}

void passim_html_url_encode(FILE *f, const char *s, size_t len)
{
    static const char HEX[] = "0123456789ABCDEF";
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~')
            fputc(c, f);
        else if (c == ' ')
            fputc('+', f);
        else
            fprintf(f, "%%%c%c", HEX[c >> 4], HEX[c & 15]);
    }
}

/* Escape a NUL-terminated string (NULL writes nothing). */
static void esc(FILE *f, const char *s)
{
    if (s)
        passim_html_escape(f, s, strlen(s));
}

/* Write the head of the page and the search form. */
static void page_start(FILE *f, const passim_cgi_params *p, const char *title_prefix)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"referrer\" content=\"no-referrer\">\n<title>", f);
    if (title_prefix) {
        esc(f, title_prefix);
        fputs(" \xE2\x80\x94 ", f); /* em dash */
    }
    fprintf(f, "passim search</title>\n<style>%s</style>\n</head>\n<body>\n", STYLE);
    fputs("<header>\n<form method=\"get\" role=\"search\">\n"
          "<a class=\"brand\" href=\"?\">passim</a>\n"
          "<input type=\"search\" name=\"q\" aria-label=\"Search the articles\" ", f);
    fprintf(f, "maxlength=\"%d\" value=\"", PASSIM_CGI_MAX_Q_BYTES);
    if (p && p->q)
        passim_html_escape(f, p->q, p->q_len);
    fputs("\">\n", f);
    /* Settings that are not the defaults ride along with a new search. */
    if (p && p->n != PASSIM_CGI_DEFAULT_N)
        fprintf(f, "<input type=\"hidden\" name=\"n\" value=\"%u\">\n", (unsigned)p->n);
    if (p && p->per != PASSIM_CGI_DEFAULT_PER)
        fprintf(f, "<input type=\"hidden\" name=\"per\" value=\"%u\">\n", (unsigned)p->per);
    if (p && p->from[0]) {
        fputs("<input type=\"hidden\" name=\"from\" value=\"", f);
        esc(f, p->from);
        fputs("\">\n", f);
    }
    if (p && p->to[0]) {
        fputs("<input type=\"hidden\" name=\"to\" value=\"", f);
        esc(f, p->to);
        fputs("\">\n", f);
    }
    fputs("<button type=\"submit\">Search</button>\n</form>\n</header>\n<main>\n", f);
}

static passim_status page_end(FILE *f)
{
    fputs("</main>\n</body>\n</html>\n", f);
    return ferror(f) ? passim_error_set(PASSIM_EIO, "write error") : PASSIM_OK;
}

/* Write the href of a search for `q` (NULL: p's query) at `page`, keeping
 * p's other settings; already escaped for an attribute. */
static void search_href(FILE *f, const passim_cgi_params *p, const char *q,
                        uint32_t page)
{
    fputs("?q=", f);
    if (q)
        passim_html_url_encode(f, q, strlen(q));
    else if (p->q)
        passim_html_url_encode(f, p->q, p->q_len);
    if (page > 1)
        fprintf(f, "&amp;page=%u", (unsigned)page);
    if (p->n != PASSIM_CGI_DEFAULT_N)
        fprintf(f, "&amp;n=%u", (unsigned)p->n);
    if (p->per != PASSIM_CGI_DEFAULT_PER)
        fprintf(f, "&amp;per=%u", (unsigned)p->per);
    if (p->from[0]) {
        fputs("&amp;from=", f);
        passim_html_url_encode(f, p->from, strlen(p->from));
    }
    if (p->to[0]) {
        fputs("&amp;to=", f);
        passim_html_url_encode(f, p->to, strlen(p->to));
    }
}

/* Write s[0..n) escaped, with spans[0..nspans) in <mark>. Spans that are
 * out of range, unsorted or overlapping are ignored. */
static void marked_text(FILE *f, const char *s, size_t n, const passim_span *spans,
                        size_t nspans)
{
    size_t at = 0;
    for (size_t i = 0; i < nspans; i++) {
        size_t a = spans[i].start, b = spans[i].end;
        if (a < at || b <= a || b > n)
            continue;
        passim_html_escape(f, s + at, a - at);
        fputs("<mark>", f);
        passim_html_escape(f, s + a, b - a);
        fputs("</mark>", f);
        at = b;
    }
    if (s && at < n)
        passim_html_escape(f, s + at, n - at);
}

/* Write a passage's text with its highlight spans in <mark>. */
static void passage_text(FILE *f, const passim_snippet *sn)
{
    fputs("<p class=\"passage\">", f);
    marked_text(f, sn->text, sn->len, sn->spans, sn->nspans);
    fputs("</p>\n", f);
}

/* Write an article's title with its highlight spans in <mark>. */
static void title_text(FILE *f, const passim_result *res)
{
    marked_text(f, res->title, strlen(res->title), res->title_spans, res->ntitle_spans);
}

/* Whether an article's url (may be NULL) may become a link: http or https
 * only (no javascript:, data: or relative links), no space or control. */
static int web_url(const char *u)
{
    if (!u)
        return 0;
    if (strncasecmp(u, "https://", 8) != 0 && strncasecmp(u, "http://", 7) != 0)
        return 0;
    for (const unsigned char *p = (const unsigned char *)u; *p; p++)
        if (*p <= 0x20 || *p == 0x7F)
            return 0;
    return 1;
}

/* Write an article id percent-encoded for a link's query, each byte that
 * is not valid UTF-8 or is a control character first written as \xHH
 * (utf8out.h), so that the request is valid and finds the article. */
static void id_param(FILE *f, const char *id)
{
    static const char HEX[] = "0123456789abcdef";
    size_t len = strlen(id);
    for (size_t i = 0; i < len;) {
        size_t k = passim_utf8_seq(id + i, len - i);
        unsigned char c = (unsigned char)id[i];
        if (k == 0 || (k == 1 && (c < 0x20 || c == 0x7f))) {
            char e[4] = {'\\', 'x', HEX[c >> 4], HEX[c & 15]};
            passim_html_url_encode(f, e, 4);
            i++;
        } else {
            passim_html_url_encode(f, id + i, k);
            i += k;
        }
    }
}

/* Write the href of the article view of `id`, keeping p's query (when
 * there is one) and scrolled to sentence `sentence`; escaped for an
 * attribute. */
static void view_href(FILE *f, const passim_cgi_params *p, const char *id,
                      uint32_t sentence)
{
    fputs("?id=", f);
    id_param(f, id);
    if (p && p->q) {
        fputs("&amp;q=", f);
        passim_html_url_encode(f, p->q, p->q_len);
    }
    fprintf(f, "#p%u", (unsigned)sentence);
}

/* Write one article: the result r[head] and the later results of the
 * same article on this page (group[i] == head), folded. Its title links
 * to the article view at the best passage; its url, when it is a web
 * address, is a "source" link. */
static void article(FILE *f, const passim_cgi_params *p, const passim_results *r,
                    const size_t *group, size_t head)
{
    const passim_result *res = &r->v[head];
    size_t more = 0;
    for (size_t i = head + 1; i < r->n; i++)
        more += group[i] == head;
    int link = web_url(res->url);
    fputs("<li class=\"hit\">\n<h2><a href=\"", f);
    view_href(f, p, res->id, res->passage);
    fputs("\">", f);
    if (res->title && res->title[0])
        title_text(f, res);
    else
        esc(f, res->id);
    fputs("</a></h2>\n<p class=\"meta\">", f);
    if (res->byline && res->byline[0]) {
        fputs("<span class=\"by\">", f);
        esc(f, res->byline);
        fputs("</span> \xC2\xB7 ", f);
    }
    if (res->date[0]) {
        fputs("<time datetime=\"", f);
        passim_html_escape(f, res->date, strnlen(res->date, sizeof res->date));
        fputs("\">", f);
        passim_html_escape(f, res->date, strnlen(res->date, sizeof res->date));
        fputs("</time> \xC2\xB7 ", f); /* middle dot */
    }
    fputs("<span class=\"id\">", f);
    esc(f, res->id);
    fputs("</span>", f);
    if (link) {
        fputs(" \xC2\xB7 <a href=\"", f);
        esc(f, res->url);
        fputs("\" rel=\"noreferrer\">source</a>", f);
    }
    fputs("</p>\n", f);
    passage_text(f, &res->snippet);
    if (more) {
        fprintf(f, "<details>\n<summary>%zu more passage%s from this article</summary>\n",
                more, more == 1 ? "" : "s");
        for (size_t i = head + 1; i < r->n; i++)
            if (group[i] == head) {
                passage_text(f, &r->v[i].snippet);
                /* Each folded passage opens the article at itself too. */
                fputs("<p class=\"meta\"><a href=\"", f);
                view_href(f, p, r->v[i].id, r->v[i].passage);
                fputs("\">in the article</a></p>\n", f);
            }
        fputs("</details>\n", f);
    }
    fputs("</li>\n", f);
}

/* Write the results list, grouping the passages of one article. */
static passim_status results_list(FILE *f, const passim_cgi_params *p,
                                  const passim_results *r)
{
    size_t *group = calloc(r->n ? r->n : 1, sizeof *group);
    if (!group)
        return passim_error_set(PASSIM_ENOMEM, "out of memory");
    for (size_t i = 0; i < r->n; i++) {
        group[i] = i;
        for (size_t j = 0; j < i; j++) {
            if (group[j] == j && r->v[j].id && r->v[i].id &&
                strcmp(r->v[j].id, r->v[i].id) == 0) {
                group[i] = j;
                break;
            }
        }
    }
    fputs("<ol class=\"results\">\n", f);
    for (size_t i = 0; i < r->n; i++)
        if (group[i] == i)
            article(f, p, r, group, i);
    fputs("</ol>\n", f);
    free(group);
    return PASSIM_OK;
}

/* Write the links to the previous and next pages, if any. */
static void paging(FILE *f, const passim_cgi_params *p, const passim_results *r)
{
    uint32_t page = p->offset / p->n + 1;
    int prev = p->offset > 0;
    int next = (uint64_t)p->offset + r->n < r->passages_found &&
               (uint64_t)page * p->n <= PASSIM_CGI_MAX_OFFSET;
    if (!prev && !next)
        return;
    fputs("<nav class=\"pages\" aria-label=\"Pages\">\n", f);
    if (prev) {
        fputs("<a rel=\"prev\" href=\"", f);
        search_href(f, p, NULL, p->offset % p->n ? page : page - 1);
        fputs("\">\xE2\x86\x90 Previous</a>\n", f);
    }
    fprintf(f, "<span>Page %u</span>\n", (unsigned)page);
    if (next) {
        fputs("<a rel=\"next\" href=\"", f);
        search_href(f, p, NULL, page + 1);
        fputs("\">Next \xE2\x86\x92</a>\n", f);
    }
    fputs("</nav>\n", f);
}

passim_status passim_html_page(FILE *f, const passim_html_view *v)
{
    passim_error_clear();
    passim_status st = PASSIM_OK;
    const passim_cgi_params *p = v->params;
    const passim_results *r = v->results;
    page_start(f, p, p && p->q ? p->q : NULL);
    if (v->suggestion && p) {
        fputs("<p class=\"suggest\">Did you mean <a href=\"", f);
        search_href(f, p, v->suggestion, 1);
        fputs("\">", f);
        esc(f, v->suggestion);
        fputs("</a>?</p>\n", f);
    }
    if (r && p) {
        if (r->n == 0) {
            fputs("<p class=\"stats\">No results for \xE2\x80\x9C", f);
            passim_html_escape(f, p->q, p->q_len);
            fprintf(f, "\xE2\x80\x9D (%.3f s).</p>\n", v->seconds);
        } else {
            fprintf(f, "<p class=\"stats\">About %u article%s matched \xC2\xB7 "
                       "passages %u\xE2\x80\x93%u of %u \xC2\xB7 %.3f s</p>\n",
                    (unsigned)r->articles_matched, r->articles_matched == 1 ? "" : "s",
                    (unsigned)p->offset + 1, (unsigned)(p->offset + r->n),
                    (unsigned)r->passages_found, v->seconds);
            st = results_list(f, p, r);
            paging(f, p, r);
        }
    }
    passim_status st2 = page_end(f);
    return st != PASSIM_OK ? st : st2;
}

passim_status passim_html_error(FILE *f, int status, const char *message,
                                const passim_cgi_params *p)
{
    passim_error_clear();
    page_start(f, p, passim_http_reason(status));
    fprintf(f, "<p class=\"error\"><strong>%d %s</strong>", status,
            passim_http_reason(status));
    if (message && message[0]) {
        fputs(": ", f);
        esc(f, message);
    }
    fputs("</p>\n", f);
    return page_end(f);
}

/* Write one paragraph of the view: each sentence in <span id="pN"> (N its
 * ordinal in the article), the highlights in <mark>. */
static void view_paragraph(FILE *f, const passim_view_para *pa)
{
    const passim_snippet *sn = &pa->text;
    size_t sp = 0, at = 0;
    fputs("<p class=\"passage\">", f);
    for (uint32_t k = 0; k < pa->nsent; k++) {
        size_t a = pa->sent[k].start, b = pa->sent[k].end;
        if (b > sn->len || b < a || a < at)
            continue;
        passim_html_escape(f, sn->text + at, a - at); /* between sentences */
        fprintf(f, "<span id=\"p%u\">", (unsigned)(pa->first_sent + k));
        for (; sp < sn->nspans && sn->spans[sp].end <= b; sp++) {
            size_t s0 = sn->spans[sp].start, s1 = sn->spans[sp].end;
            if (s0 < a || s1 <= s0)
                continue;
            passim_html_escape(f, sn->text + a, s0 - a);
            fputs("<mark>", f);
            passim_html_escape(f, sn->text + s0, s1 - s0);
            fputs("</mark>", f);
            a = s1;
        }
        passim_html_escape(f, sn->text + a, b - a);
        fputs("</span>", f);
        at = b;
    }
    if (at < sn->len)
        passim_html_escape(f, sn->text + at, sn->len - at);
    fputs("</p>\n", f);
}

passim_status passim_html_article(FILE *f, const passim_view *v,
                                  const passim_cgi_params *p)
{
    passim_error_clear();
    const passim_docdata *d = &v->doc;
    const char *title = d->title[0] ? d->title : d->id;
    page_start(f, p, title);
    if (p && p->q) {
        fputs("<p class=\"stats\"><a href=\"", f);
        search_href(f, p, NULL, p->page);
        fputs("\">\xE2\x86\x90 Back to the results</a></p>\n", f);
    }
    fputs("<article class=\"hit\">\n<h1>", f);
    esc(f, title);
    fputs("</h1>\n<p class=\"meta\">", f);
    if (d->byline[0]) {
        fputs("<span class=\"by\">", f);
        esc(f, d->byline);
        fputs("</span> \xC2\xB7 ", f);
    }
    if (d->date[0]) {
        fputs("<time datetime=\"", f);
        esc(f, d->date);
        fputs("\">", f);
        esc(f, d->date);
        fputs("</time> \xC2\xB7 ", f);
    }
    fputs("<span class=\"id\">", f);
    esc(f, d->id);
    fputs("</span>", f);
    if (web_url(d->url)) {
        fputs(" \xC2\xB7 <a href=\"", f);
        esc(f, d->url);
        fputs("\" rel=\"noreferrer\">", f);
        esc(f, d->url);
        fputs("</a>", f);
    } else if (d->url[0]) {
        fputs(" \xC2\xB7 <span class=\"url\">", f);
        esc(f, d->url);
        fputs("</span>", f);
    }
    fputs("</p>\n", f);
    for (size_t i = 0; i < v->npara; i++)
        view_paragraph(f, &v->para[i]);
    fputs("</article>\n", f);
    return page_end(f);
}
