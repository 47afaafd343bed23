/* sentence.c — paragraphs and sentences of a text (see sentence.h).
 *
 * Three linear passes:
 *   1. the analyzer tokenizes the whole text once from PASSIM_FIRST_POS,
 *      and the token byte ranges and positions are kept;
 *   2. the lines are measured and the text is cut into paragraphs, each of
 *      them into sentences: the result is an ascending list of cuts (byte
 *      offsets where a sentence starts, flagged when a paragraph starts);
 *   3. the cuts are walked with the tokens: the stretch from one cut to
 *      the next is a sentence holding the tokens that start in it (a cut
 *      that would fall inside a token moves to the token's end), trimmed
 *      of white space; stretches holding no token are dropped.
 * So every token lands in exactly one sentence and positions match the
 * index whatever the boundary heuristics decide.
 *
 * Paragraphs. A text is hard-wrapped when it has at least two non-blank
 * lines and at most one in twenty is wider than WRAP_MAX code points.
 * Otherwise every line break ends a paragraph. In a hard-wrapped text a
 * blank line ends a paragraph, and so does a line indented deeper than the
 * text's usual indentation: the least indentation shared by a quarter of
 * its lines after the first (so that text where every line but the first
 * starts with a space reads as unindented, while newswire tables indented
 * throughout do not hide the paragraph starts). When the text has no
 * blank line between paragraphs, a line break also ends one where the next
 * line's first word would have fitted on the line (the width being the
 * text's widest line) and either the line ends a sentence (by the rules
 * below, reading the line break as a space), or the next line does not
 * start in lower case while the line ends with ':', or does not end open
 * (in a lower-case letter or ",;-&/(–—"), or is under half the width:
 * that takes newswire titles, datelines and table rows apart from the
 * body.
 *
 * Sentences: the rules are in sentence.h. Each paragraph is scanned once;
 * at each run of end marks the closers after it are taken, then what
 * follows decides (ends_here). Abbreviations and sentence starters are
 * the two tables below.
 */
#include "text/sentence.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#define WRAP_MAX 100   /* widest line of a hard-wrapped text, code points */
#define INDENT_CAP 16  /* deeper indentation counts as this deep */

/* A token's byte range and position. */
typedef struct tok {
    uint32_t start, end, pos;
} tok;

typedef struct tokvec {
    tok *v;
    size_t n, cap;
    passim_token_fn fn; /* also called for each token, or NULL */
    void *fn_ctx;
    int fn_stopped;     /* fn returned non-zero */
} tokvec;

/* Where a sentence starts; para: it also starts a paragraph. */
typedef struct cut {
    uint32_t off;
    uint8_t para;
} cut;

typedef struct cutvec {
    cut *v;
    size_t n, cap;
} cutvec;

/* One line: its content [cstart, cend) trimmed of white space; widths in
 * code points from the line's start. */
typedef struct line {
    uint32_t cstart, cend;
    uint32_t width;  /* up to cend */
    uint32_t indent; /* up to cstart */
} line;

/* Abbreviation classes. */
enum abbr {
    AB_NONE = 0,
    AB_TITLE, /* never ends a sentence mid-paragraph: "Mr.", "Gen." */
    AB_WEAK,  /* ends one only before a sentence starter: "Jan.", "Inc." */
    AB_NUM    /* does not end one before a digit: "No. 5" */
};

/* Abbreviations by class. An entry starting in upper case matches only a
 * capitalised word (any case after the first letter); a lower-case entry
 * matches any case. Single letters are AB_WEAK without a table entry. */
static const struct {
    const char *w;
    enum abbr cls;
} abbrevs[] = {
    {"Mr", AB_TITLE}, {"Mrs", AB_TITLE}, {"Ms", AB_TITLE},
    {"Messrs", AB_TITLE}, {"Mme", AB_TITLE}, {"Mlle", AB_TITLE},
    {"Dr", AB_TITLE}, {"Prof", AB_TITLE}, {"Gen", AB_TITLE},
    {"Gens", AB_TITLE}, {"Lt", AB_TITLE}, {"Col", AB_TITLE},
    {"Sgt", AB_TITLE}, {"Capt", AB_TITLE}, {"Cpt", AB_TITLE},
    {"Cmdr", AB_TITLE}, {"Cdr", AB_TITLE}, {"Adm", AB_TITLE},
    {"Maj", AB_TITLE}, {"Brig", AB_TITLE}, {"Cpl", AB_TITLE},
    {"Pvt", AB_TITLE}, {"Rep", AB_TITLE}, {"Reps", AB_TITLE},
    {"Sen", AB_TITLE}, {"Sens", AB_TITLE}, {"Gov", AB_TITLE},
    {"Rev", AB_TITLE}, {"Hon", AB_TITLE}, {"Fr", AB_TITLE},
    {"Pres", AB_TITLE}, {"Supt", AB_TITLE}, {"Insp", AB_TITLE},
    {"Det", AB_TITLE}, {"Atty", AB_TITLE}, {"Amb", AB_TITLE},
    {"Mt", AB_TITLE}, {"Ft", AB_TITLE}, {"vs", AB_TITLE},
    {"viz", AB_TITLE}, {"cf", AB_TITLE},
    {"Jan", AB_WEAK}, {"Feb", AB_WEAK}, {"Mar", AB_WEAK}, {"Apr", AB_WEAK},
    {"Jun", AB_WEAK}, {"Jul", AB_WEAK}, {"Aug", AB_WEAK}, {"Sep", AB_WEAK},
    {"Sept", AB_WEAK}, {"Oct", AB_WEAK}, {"Nov", AB_WEAK}, {"Dec", AB_WEAK},
    {"St", AB_WEAK}, {"Ave", AB_WEAK}, {"Rd", AB_WEAK}, {"Blvd", AB_WEAK},
    {"Jr", AB_WEAK}, {"Sr", AB_WEAK}, {"Bros", AB_WEAK}, {"Univ", AB_WEAK},
    {"Assn", AB_WEAK}, {"inc", AB_WEAK}, {"co", AB_WEAK}, {"corp", AB_WEAK},
    {"ltd", AB_WEAK}, {"etc", AB_WEAK}, {"approx", AB_WEAK},
    {"est", AB_WEAK}, {"dept", AB_WEAK}, {"govt", AB_WEAK},
    {"Ala", AB_WEAK}, {"Ariz", AB_WEAK}, {"Ark", AB_WEAK},
    {"Calif", AB_WEAK}, {"Colo", AB_WEAK}, {"Conn", AB_WEAK},
    {"Del", AB_WEAK}, {"Fla", AB_WEAK}, {"Ga", AB_WEAK}, {"Ill", AB_WEAK},
    {"Ind", AB_WEAK}, {"Kan", AB_WEAK}, {"Ky", AB_WEAK}, {"La", AB_WEAK},
    {"Md", AB_WEAK}, {"Mass", AB_WEAK}, {"Mich", AB_WEAK},
    {"Minn", AB_WEAK}, {"Miss", AB_WEAK}, {"Mo", AB_WEAK},
    {"Mont", AB_WEAK}, {"Neb", AB_WEAK}, {"Nev", AB_WEAK},
    {"Okla", AB_WEAK}, {"Ore", AB_WEAK}, {"Pa", AB_WEAK},
    {"Tenn", AB_WEAK}, {"Tex", AB_WEAK}, {"Va", AB_WEAK}, {"Vt", AB_WEAK},
    {"Wash", AB_WEAK}, {"Wis", AB_WEAK}, {"Wyo", AB_WEAK},
    {"No", AB_NUM}, {"Nos", AB_NUM}, {"Vol", AB_NUM}, {"Vols", AB_NUM},
    {"Fig", AB_NUM}, {"Figs", AB_NUM}, {"pp", AB_NUM}, {"Art", AB_NUM},
    {"Ch", AB_NUM}, {"Sec", AB_NUM}, {"Ex", AB_NUM}, {"Ref", AB_NUM},
};

/* Words that usually start a sentence: after a weak abbreviation or an
 * initial they mean the period did end one ("... the U.S. The ..."). */
static const char *const starters[] = {
    "A", "After", "Also", "Although", "An", "And", "As", "At", "Before",
    "Both", "But", "By", "Each", "Earlier", "For", "From", "He", "Her",
    "His", "How", "However", "I", "If", "In", "It", "Its", "Last", "Later",
    "Many", "Meanwhile", "Most", "My", "No", "Now", "On", "One", "Our",
    "She", "Since", "So", "Some", "Still", "That", "The", "Their", "Then",
    "There", "These", "They", "This", "Those", "Though", "To", "We", "What",
    "When", "Where", "While", "Who", "Why", "With", "Yet", "You",
};

/* contract in sentence.h */
size_t passim_space_len(const char *t, size_t i, size_t end)
{
    const uint8_t *s = (const uint8_t *)t + i;
    size_t n = end - i;

    switch (s[0]) {
    case ' ': case '\t': case '\v': case '\f': case '\r':
        return 1;
    case 0xC2:
        return n >= 2 && s[1] == 0xA0 ? 2 : 0;
    case 0xE1:
        return n >= 3 && s[1] == 0x9A && s[2] == 0x80 ? 3 : 0;
    case 0xE2:
        if (n < 3)
            return 0;
        if (s[1] == 0x80 && ((s[2] >= 0x80 && s[2] <= 0x8B) || s[2] == 0xA8 ||
                             s[2] == 0xA9 || s[2] == 0xAF))
            return 3;
        return s[1] == 0x81 && s[2] == 0x9F ? 3 : 0;
    case 0xE3:
        return n >= 3 && s[1] == 0x80 && s[2] == 0x80 ? 3 : 0;
    case 0xEF:
        return n >= 3 && s[1] == 0xBB && s[2] == 0xBF ? 3 : 0;
    default:
        return 0;
    }
}

/* As passim_space_len, LF included. */
static size_t space_fwd(const char *t, size_t i, size_t end)
{
    return t[i] == '\n' ? 1 : passim_space_len(t, i, end);
}

/* Byte length of the white space code point (LF included) ending at t[i],
 * not starting before `start`, or 0. */
static size_t space_back(const char *t, size_t start, size_t i)
{
    return i > start && t[i - 1] == '\n' ? 1 : passim_space_len_back(t, start, i);
}

/* contract in sentence.h */
size_t passim_space_len_back(const char *t, size_t start, size_t i)
{
    for (size_t k = 1; k <= 3 && k <= i - start; k++) {
        uint8_t b = (uint8_t)t[i - k];
        if (k < 3 && b >= 0x80 && b < 0xC0)
            continue; /* continuation byte: look further back */
        return passim_space_len(t, i - k, i) == k ? k : 0;
    }
    return 0;
}

/* Code point at t[i] (i < end), or -1 for an invalid byte; *len gets the
 * bytes it takes (>= 1). */
static int32_t cp_at(size_t *len, const char *t, size_t i, size_t end)
{
    uint8_t b = (uint8_t)t[i];
    if (b < 0x80) {
        *len = 1;
        return b;
    }
    utf8proc_int32_t cp;
    size_t avail = end - i;
    utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)t + i,
                                          (utf8proc_ssize_t)(avail < 4 ? avail : 4),
                                          &cp);
    if (r <= 0) {
        *len = 1;
        return -1;
    }
    *len = (size_t)r;
    return cp;
}

/* Unicode category of cp (0 for invalid). */
static int cat_of(int32_t cp)
{
    if (cp < 0)
        return UTF8PROC_CATEGORY_CN;
    if (cp < 0x80) {
        if ((unsigned)(cp - 'a') < 26u)
            return UTF8PROC_CATEGORY_LL;
        if ((unsigned)(cp - 'A') < 26u)
            return UTF8PROC_CATEGORY_LU;
        if ((unsigned)(cp - '0') < 10u)
            return UTF8PROC_CATEGORY_ND;
        return UTF8PROC_CATEGORY_PO;
    }
    return utf8proc_category(cp);
}

/* Whether the code point at t[i] is a lower-case letter. */
static int lower_at(const char *t, size_t i, size_t end)
{
    size_t k;
    return cat_of(cp_at(&k, t, i, end)) == UTF8PROC_CATEGORY_LL;
}

/* Length of a sentence end mark at t[i]: '.', '!', '?', '…' or a CJK
 * 。！？; 0 if none. *kind gets '.' for a period, '!' for ! ? …, 'C' for
 * the CJK marks. */
static size_t mark_len(const char *t, size_t i, size_t end, char *kind)
{
    const uint8_t *s = (const uint8_t *)t + i;
    size_t n = end - i;

    switch (s[0]) {
    case '.':
        *kind = '.';
        return 1;
    case '!': case '?':
        *kind = '!';
        return 1;
    case 0xE2:
        if (n >= 3 && s[1] == 0x80 && s[2] == 0xA6) {
            *kind = '!';
            return 3;
        }
        return 0;
    case 0xE3:
        if (n >= 3 && s[1] == 0x80 && s[2] == 0x82) {
            *kind = 'C';
            return 3;
        }
        return 0;
    case 0xEF:
        if (n >= 3 && s[1] == 0xBC && (s[2] == 0x81 || s[2] == 0x9F)) {
            *kind = 'C';
            return 3;
        }
        return 0;
    default:
        return 0;
    }
}

/* Length of a closing quote or bracket at t[i] other than '"' (which
 * depends on the quotes before it), or 0. */
static size_t closer_len(const char *t, size_t i, size_t end)
{
    const uint8_t *s = (const uint8_t *)t + i;
    size_t n = end - i;

    switch (s[0]) {
    case ')': case ']': case '}': case '\'':
        return 1;
    case 0xC2:
        return n >= 2 && s[1] == 0xBB ? 2 : 0; /* » */
    case 0xE2:                                  /* ’ ” › */
        return n >= 3 && s[1] == 0x80 &&
                       (s[2] == 0x99 || s[2] == 0x9D || s[2] == 0xBA) ? 3 : 0;
    case 0xE3:                                  /* 」 』 */
        return n >= 3 && s[1] == 0x80 && (s[2] == 0x8D || s[2] == 0x8F) ? 3 : 0;
    case 0xEF:                                  /* ） */
        return n >= 3 && s[1] == 0xBC && s[2] == 0x89 ? 3 : 0;
    default:
        return 0;
    }
}

/* Length of an opening quote or bracket at t[i], or 0; a straight '"'
 * opens only when the paragraph has no quote open (quotes even). */
static size_t opener_len(const char *t, size_t i, size_t end, unsigned quotes)
{
    const uint8_t *s = (const uint8_t *)t + i;
    size_t n = end - i;

    switch (s[0]) {
    case '"':
        return quotes % 2 == 0 ? 1 : 0;
    case '\'': case '(': case '[':
        return 1;
    case 0xC2: /* « ¡ ¿ */
        return n >= 2 && (s[1] == 0xAB || s[1] == 0xA1 || s[1] == 0xBF) ? 2 : 0;
    case 0xE2: /* ‘ “ „ ‹ */
        return n >= 3 && s[1] == 0x80 &&
                       (s[2] == 0x98 || s[2] == 0x9C || s[2] == 0x9E || s[2] == 0xB9)
                   ? 3 : 0;
    case 0xE3: /* 「 『 */
        return n >= 3 && s[1] == 0x80 && (s[2] == 0x8C || s[2] == 0x8E) ? 3 : 0;
    default:
        return 0;
    }
}

/* Length of the run of ASCII letters ending at t[i] (not before start). */
static size_t letters_back(const char *t, size_t start, size_t i)
{
    size_t j = i;
    while (j > start && (unsigned)((t[j - 1] | 0x20) - 'a') < 26u)
        j--;
    return i - j;
}

/* Length of the run of ASCII letters at t[i..end). */
static size_t letters_fwd(const char *t, size_t i, size_t end)
{
    size_t j = i;
    while (j < end && (unsigned)((t[j] | 0x20) - 'a') < 26u)
        j++;
    return j - i;
}

/* Class of the word t[i..i+k) (ASCII letters, k >= 1) before a period. */
static enum abbr abbr_class(const char *t, size_t i, size_t k)
{
    if (k == 1)
        return AB_WEAK;
    for (size_t e = 0; e < sizeof abbrevs / sizeof abbrevs[0]; e++) {
        const char *w = abbrevs[e].w;
        if (strlen(w) != k)
            continue;
        int capital = (unsigned)(w[0] - 'A') < 26u;
        if (capital && (unsigned)(t[i] - 'A') >= 26u)
            continue;
        size_t j = 0;
        while (j < k && (t[i + j] | 0x20) == (w[j] | 0x20))
            j++;
        if (j == k)
            return abbrevs[e].cls;
    }
    return AB_NONE;
}

/* Whether the word at t[i..end), after any opening quotes or brackets, is
 * a sentence starter (exact case). */
static int starter_at(const char *t, size_t i, size_t end)
{
    size_t k;
    while (i < end && (k = opener_len(t, i, end, 0)) != 0)
        i += k;
    k = letters_fwd(t, i, end);
    if (!k || (i + k < end && (uint8_t)t[i + k] >= 0x80))
        return 0; /* none, or a longer word with non-ASCII letters */
    for (size_t s = 0; s < sizeof starters / sizeof starters[0]; s++)
        if (strlen(starters[s]) == k && memcmp(starters[s], t + i, k) == 0)
            return 1;
    return 0;
}

/* Add a cut at off. Returns 0, or -1 out of memory. */
static int push_cut(cutvec *cv, size_t off, int para)
{
    if (cv->n == cv->cap) {
        size_t cap = cv->cap ? cv->cap * 2 : 64;
        cut *v = realloc(cv->v, cap * sizeof *v);
        if (!v)
            return -1;
        cv->v = v;
        cv->cap = cap;
    }
    cv->v[cv->n].off = (uint32_t)off;
    cv->v[cv->n].para = (uint8_t)para;
    cv->n++;
    return 0;
}

/* Token callback: keep the token's range and position. Returns non-zero
 * (stopping the analyzer) when out of memory. */
static int keep_token(void *ctx, const passim_token *tk)
{
    tokvec *tv = ctx;
    if (tv->fn && (tv->fn_stopped = tv->fn(tv->fn_ctx, tk)) != 0)
        return 1;
    if (tv->n == tv->cap) {
        size_t cap = tv->cap ? tv->cap * 2 : 256;
        tok *v = realloc(tv->v, cap * sizeof *v);
        if (!v)
            return 1;
        tv->v = v;
        tv->cap = cap;
    }
    tv->v[tv->n].start = (uint32_t)tk->start;
    tv->v[tv->n].end = (uint32_t)tk->end;
    tv->v[tv->n].pos = tk->pos;
    tv->n++;
    return 0;
}

/* Whether the run of end marks starting at t[r0], attached to the word
 * before it, ends a sentence in the paragraph t[ps..pe), the next sentence
 * starting at t[nx]. single: the run is one '.'; glued: nothing separates
 * the marks and their closers from nx; quotes: straight double quotes seen
 * so far in the paragraph. */
static int ends_here(const char *t, size_t ps, size_t pe, size_t r0,
                     int single, int glued, size_t nx, unsigned quotes)
{
    size_t k;
    int cat = cat_of(cp_at(&k, t, nx, pe));
    int upper = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
    int digit = cat == UTF8PROC_CATEGORY_ND;
    int open = opener_len(t, nx, pe, quotes) != 0;
    int other = cat == UTF8PROC_CATEGORY_LO || cat == UTF8PROC_CATEGORY_LM;

    if (glued) {
        /* "added.Over", "partners.\"The", "year.\"In": but not
         * "5.93", "U.S.A", "U.S.'s", "Mr.Smith". */
        if (!upper && !(open && (t[nx] == '"' || (uint8_t)t[nx] == 0xE2)))
            return 0;
        if (!single || !upper)
            return 1;
        size_t w = letters_back(t, ps, r0);
        return !(w && (w == 1 || abbr_class(t, r0 - w, w) == AB_TITLE));
    }
    if (!upper && !digit && !open && !other)
        return 0; /* lower case or punctuation goes on the sentence */
    if (!single)
        return 1;
    size_t w = letters_back(t, ps, r0);
    if (!w || (r0 - w > ps && (uint8_t)t[r0 - w - 1] >= 0x80))
        return 1; /* after a number, a bracket or a non-ASCII word */
    enum abbr cls = abbr_class(t, r0 - w, w);
    if (cls == AB_TITLE || (digit && cls != AB_NONE))
        return 0;
    if (cls == AB_WEAK)
        return starter_at(t, nx, pe);
    return 1;
}

/* Cut the paragraph t[ps..pe) (trimmed, non-empty) into sentences: a
 * paragraph cut at ps, a sentence cut where each later sentence starts.
 * Returns 0, or -1 out of memory. */
static int split_paragraph(const char *t, size_t ps, size_t pe, cutvec *cv)
{
    unsigned quotes = 0; /* straight double quotes seen */
    size_t i = ps;

    if (push_cut(cv, ps, 1))
        return -1;
    while (i < pe) {
        char kind;
        size_t k = mark_len(t, i, pe, &kind);
        if (!k) {
            if (t[i] == '"')
                quotes++;
            i++;
            continue;
        }
        /* The run of end marks t[r0..r). */
        size_t r0 = i, r = i, marks = 0;
        int cjk = 0, single;
        char first = kind;
        while (r < pe && (k = mark_len(t, r, pe, &kind)) != 0) {
            cjk |= kind == 'C';
            marks++;
            r += k;
        }
        single = marks == 1 && first == '.';
        /* Closing quotes and brackets go with the sentence. */
        size_t c = r;
        while (c < pe) {
            if (t[c] == '"') {
                if (quotes % 2 == 0)
                    break; /* opens the next sentence */
                quotes++;
                c++;
            } else if ((k = closer_len(t, c, pe)) != 0)
                c += k;
            else
                break;
        }
        i = c;
        if (c >= pe)
            break;
        size_t nx = c;
        while (nx < pe && (k = space_fwd(t, nx, pe)) != 0)
            nx += k;
        if (nx >= pe)
            break;
        int glued = nx == c;
        int attached = r0 > ps && !space_back(t, ps, r0);
        int end;
        if (cjk)
            end = 1;
        else if (!attached) /* "slipstream . the": tokenized text */
            end = r0 > ps && marks == 1 && !glued && (uint8_t)t[r0] < 0x80;
        else
            end = ends_here(t, ps, pe, r0, single, glued, nx, quotes);
        if (end && push_cut(cv, c, 0))
            return -1;
    }
    return 0;
}

/* Measure the lines of t[0..len) into *out (n lines, owned by the caller).
 * Returns 0, or -1 out of memory (then *out is NULL). */
static int measure_lines(line **out, size_t *n, const char *t, size_t len)
{
    size_t cap = 64, cnt = 0, pos = 0;
    line *v = malloc(cap * sizeof *v);
    int rc = -1;

    *out = NULL;
    *n = 0;
    if (!v)
        goto out;
    for (;;) {
        const char *nl = len > pos ? memchr(t + pos, '\n', len - pos) : NULL;
        size_t le = nl ? (size_t)(nl - t) : len;
        size_t a = pos, b = le, k;
        uint32_t indent = 0, width;
        while (a < b && (k = passim_space_len(t, a, b)) != 0) {
            a += k;
            indent++;
        }
        while (b > a && (k = space_back(t, a, b)) != 0)
            b -= k;
        width = indent;
        for (size_t i = a; i < b; i++)
            width += ((uint8_t)t[i] & 0xC0) != 0x80;
        if (cnt == cap) {
            line *nv = realloc(v, cap * 2 * sizeof *v);
            if (!nv)
                goto out;
            v = nv;
            cap *= 2;
        }
        v[cnt++] = (line){(uint32_t)a, (uint32_t)b, width, indent};
        if (!nl)
            break;
        pos = le + 1;
    }
    *out = v;
    *n = cnt;
    v = NULL;
    rc = 0;
out:
    free(v);
    return rc;
}

/* Where line a's run of closing quotes and brackets at its end begins
 * (a->cend when it ends with none). */
static size_t closers_start(const char *t, const line *a)
{
    size_t e = a->cend;
    while (e > a->cstart) {
        size_t j = e - 1;
        while (j > a->cstart && ((uint8_t)t[j] & 0xC0) == 0x80)
            j--;
        if (t[j] == '"' || closer_len(t, j, e) == e - j)
            e = j;
        else
            break;
    }
    return e;
}

/* Whether line a of a hard-wrapped text without blank-line paragraphs
 * ends its paragraph before line b (the next line, non-blank): see the
 * file comment. wrap: the text's widest line. */
static int hard_break(const char *t, const line *a, const line *b,
                      uint32_t wrap)
{
    size_t i;
    uint32_t word = 0;

    for (i = b->cstart; i < b->cend && !passim_space_len(t, i, b->cend); i++)
        word += ((uint8_t)t[i] & 0xC0) != 0x80;
    if ((uint64_t)a->width + 1 + word > wrap)
        return 0; /* the next word did not fit: a wrapped line */

    /* Does line a end a sentence (end marks, then closers), read as if
     * the line break were a space? */
    size_t e = closers_start(t, a), r;
    char kind;
    for (r = e; r > a->cstart;) {
        size_t j = r - 1;
        while (j > a->cstart && ((uint8_t)t[j] & 0xC0) == 0x80)
            j--;
        if (mark_len(t, j, r, &kind) != r - j)
            break;
        r = j;
    }
    if (r < e) {
        int single = e - r == 1 && t[r] == '.';
        if (r > a->cstart && space_back(t, a->cstart, r))
            return e - r == 1; /* tokenized text: "slipstream ." */
        return r > a->cstart &&
               ends_here(t, a->cstart, b->cend, r, single, 0, b->cstart, 0);
    }
    if (lower_at(t, b->cstart, b->cend))
        return 0;
    if (e > a->cstart && t[e - 1] == ':')
        return 1;
    /* Does line a end open (a lower-case word, a comma, a dash...)? */
    i = a->cend - 1;
    while (i > a->cstart && ((uint8_t)t[i] & 0xC0) == 0x80)
        i--;
    int open = lower_at(t, i, a->cend) || strchr(",;-&/(", t[i]) != NULL ||
               (a->cend - i == 3 && (uint8_t)t[i] == 0xE2 && (uint8_t)t[i + 1] == 0x80 &&
                ((uint8_t)t[i + 2] == 0x93 || (uint8_t)t[i + 2] == 0x94));
    return !open || (uint64_t)a->width * 2 < wrap;
}

/* Whether the line break between lines a and b (non-blank) of a text that
 * is not hard-wrapped is soft: line a does not end a sentence or clause
 * (its last character, closing quotes and brackets aside, is no end mark,
 * ':' or ';') and line b starts with a lower-case letter or a digit. A
 * wrapped line or a formula's subscript on a line of its own ("CO\n2
 * emissions") then goes on the paragraph. */
static int soft_break(const char *t, const line *a, const line *b)
{
    size_t e = closers_start(t, a), k;
    char kind;
    if (e == a->cstart)
        return 0;
    size_t j = e - 1;
    while (j > a->cstart && ((uint8_t)t[j] & 0xC0) == 0x80)
        j--;
    if (mark_len(t, j, e, &kind) == e - j || t[j] == ':' || t[j] == ';')
        return 0;
    int cat = cat_of(cp_at(&k, t, b->cstart, b->cend));
    return cat == UTF8PROC_CATEGORY_LL || cat == UTF8PROC_CATEGORY_ND;
}

/* Cut t[0..len) into paragraphs and sentences, adding to *cv. Returns 0,
 * or -1 out of memory. */
static int find_cuts(const char *t, size_t len, cutvec *cv)
{
    line *lines = NULL;
    size_t nl = 0, nonblank = 0, nlong = 0;
    uint32_t wrap = 0, hist[INDENT_CAP + 1] = {0}, base = 0;
    int blank_mode = 0, wrapped, rc = -1;

    if (measure_lines(&lines, &nl, t, len))
        goto out;
    for (size_t i = 0, seen = 0, gap = 0; i < nl; i++) {
        const line *l = &lines[i];
        if (l->cstart >= l->cend) {
            gap = seen;
            continue;
        }
        if (gap)
            blank_mode = 1;
        seen = 1;
        nonblank++;
        if (l->width > WRAP_MAX)
            nlong++;
        else if (l->width > wrap)
            wrap = l->width;
        if (nonblank > 1)
            hist[l->indent < INDENT_CAP ? l->indent : INDENT_CAP]++;
    }
    for (uint32_t d = 0, sum = 0; d <= INDENT_CAP; d++) {
        sum += hist[d];
        if ((uint64_t)sum * 4 >= nonblank - (nonblank > 0)) {
            base = d;
            break;
        }
    }
    wrapped = nonblank >= 2 && nlong * 20 <= nonblank;

    /* Walk the non-blank lines; a paragraph runs from ps to the end of the
     * last line taken into it. */
    const line *prev = NULL;
    int blank_since = 0;
    size_t ps = 0;
    for (size_t i = 0; i < nl; i++) {
        const line *l = &lines[i];
        if (l->cstart >= l->cend) {
            blank_since = 1;
            continue;
        }
        if (!prev)
            ps = l->cstart;
        else if (blank_since || (!wrapped && !soft_break(t, prev, l)) ||
                 (wrapped && (l->indent > base ||
                              (!blank_mode && hard_break(t, prev, l, wrap))))) {
            if (split_paragraph(t, ps, prev->cend, cv))
                goto out;
            ps = l->cstart;
        }
        prev = l;
        blank_since = 0;
    }
    if (prev && split_paragraph(t, ps, prev->cend, cv))
        goto out;
    rc = 0;
out:
    free(lines);
    return rc;
}

/* Split text into sentences; see sentence.h. */
passim_status passim_split_sentences(passim_sentences *out, passim_analyzer *a,
                                     const char *text, size_t len)
{
    passim_error_clear();
    return passim_split_sentences_tokens(out, a, text, len, NULL, NULL);
}

passim_status passim_split_sentences_tokens(passim_sentences *out, passim_analyzer *a,
                                            const char *text, size_t len,
                                            passim_token_fn fn, void *ctx)
{
    passim_error_clear();
    passim_status st = PASSIM_OK;
    tokvec tv = {NULL, 0, 0, fn, ctx, 0};
    cutvec cv = {NULL, 0, 0};
    uint32_t next_pos = PASSIM_FIRST_POS;

    if (!out || !a)
        return passim_error_set(PASSIM_EINVAL, "sentences: no %s",
                                out ? "analyzer" : "output table");
    memset(out, 0, sizeof *out);
    if (!text)
        len = 0;
    if (len > UINT32_MAX)
        return passim_error_set(PASSIM_ETOOBIG,
                                "sentences: text of %zu bytes is over 4 GiB", len);

    if (passim_analyze(&next_pos, a, text, len, PASSIM_FIRST_POS, keep_token,
                       &tv) != 0 ||
        find_cuts(text, len, &cv)) {
        st = tv.fn_stopped ? PASSIM_EINTERNAL
                           : passim_error_set(PASSIM_ENOMEM, "sentences: out of memory");
        goto out;
    }
    if (cv.n == 0 || tv.n == 0)
        goto out;

    out->v = malloc(cv.n * sizeof *out->v);
    if (!out->v) {
        st = passim_error_set(PASSIM_ENOMEM, "sentences: out of memory");
        goto out;
    }
    cv.v[0].off = 0; /* anything before the first paragraph belongs to it */
    int pending = 0;
    size_t j = 0;
    for (size_t c = 0; c < cv.n; c++) {
        size_t lo = cv.v[c].off;
        size_t hi = c + 1 < cv.n ? cv.v[c + 1].off : len;
        size_t first = j, last_end = lo, k;
        if (hi < lo)
            hi = lo;
        pending |= cv.v[c].para;
        while (j < tv.n && tv.v[j].start < hi) {
            if (tv.v[j].end > last_end)
                last_end = tv.v[j].end;
            j++;
        }
        if (last_end > hi) {
            /* A cut inside a token moves to the token's end. */
            for (size_t d = c + 1; d < cv.n && cv.v[d].off < last_end; d++)
                cv.v[d].off = (uint32_t)last_end;
            hi = last_end;
        }
        if (j == first)
            continue; /* no word: dropped */
        while (lo < hi && (k = space_fwd(text, lo, hi)) != 0)
            lo += k;
        while (hi > lo && (k = space_back(text, lo, hi)) != 0)
            hi -= k;
        passim_sentence *s = &out->v[out->n++];
        s->first_pos = tv.v[first].pos;
        s->nwords = (uint32_t)(j - first);
        s->start = (uint32_t)lo;
        s->end = (uint32_t)hi;
        s->para_start = (uint8_t)pending;
        pending = 0;
    }
out:
    out->nwords = next_pos - PASSIM_FIRST_POS;
    if (st != PASSIM_OK)
        passim_sentences_free(out);
    free(tv.v);
    free(cv.v);
    return st;
}

/* Free a sentence table's storage and zero it. Accepts NULL. */
void passim_sentences_free(passim_sentences *s)
{
    if (!s)
        return;
    free(s->v);
    memset(s, 0, sizeof *s);
}
