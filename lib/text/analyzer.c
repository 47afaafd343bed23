/* analyzer.c — the one definition of what a term is (see analyzer.h).
 *
 * The text is walked code point by code point. Bytes below 0x80 take a
 * fast path (classified and lower-cased inline); everything else is decoded
 * with utf8proc_iterate, classified by Unicode category, and folded with
 * utf8proc_decompose_char one code point at a time, so byte offsets stay
 * exact and invalid UTF-8 only ever separates words.
 *
 * Nothing is allocated per token: the folded form and the stem are built in
 * fixed buffers on the stack of passim_analyze, and recent stems are kept in
 * a small direct-mapped cache inside the analyzer (libstemmer costs far more
 * than the scan itself, and news text repeats its words).
 */
#include "text/analyzer.h"

#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>
#include <utf8proc.h>

#define CAP PASSIM_MAX_TERM_BYTES

/* Stem cache: direct-mapped on a hash of the folded form. Only short
 * folded forms are cached (over 99.9% of BBC's tokens are 15 bytes or
 * less); an entry holds the folded form and its stem, both unterminated, in
 * 32 bytes, so the cache takes 512 KiB. Measured on BBC (5 MB, English):
 * 36 MB/s without it, 80 MB/s with 4096 slots, 111 MB/s with 16384. */
#define STEM_CACHE_SLOTS 16384u /* power of two */
#define STEM_CACHE_WORD 15      /* longest folded form or stem cached */

struct stem_entry {
    uint8_t folded_len; /* 0: empty slot */
    uint8_t stem_len;
    char folded[STEM_CACHE_WORD];
    char stem[STEM_CACHE_WORD];
};

struct passim_analyzer {
    struct sb_stemmer *stemmer; /* NULL: no stemming */
    struct stem_entry *cache;   /* STEM_CACHE_SLOTS entries, or NULL */
    char stem_out[CAP + 1];     /* result of passim_analyzer_stem */
    int keeps_prefix;           /* stems keep the first two bytes */
    const char *stem_keys;      /* 2-byte keys, see passim_analyzer_stem_keys */
    size_t nkeys;
};

/* Character classes driving the word rules. */
enum cclass {
    C_SEP = 0, /* separates words (also invalid bytes and NUL) */
    C_LETTER,  /* L* */
    C_DIGIT,   /* Nd */
    C_NUMBER,  /* Nl, No: part of a word, but no digit or acronym rules */
    C_MARK,    /* M*: continues a word, never starts one */
    C_CJK,     /* Han, Hiragana, Katakana, Hangul syllable: a word alone */
    C_APOS,    /* ' U+2019 U+2018 U+02BC */
    C_PERIOD,  /* . */
    C_COMMA,   /* , */
    C_JOINER   /* soft hyphen, ZWNJ, ZWJ, word joiner: ignored inside words */
};

/* Scanner state for one word: the folded form being built. */
struct scan {
    const uint8_t *s;
    size_t len;
    char fold[CAP + 1];
    size_t flen;
    int full;  /* the cap was reached: later code points are dropped */
    int latin; /* the last base letter was Latin: strip following marks */
};

/* Whether class c is a letter, digit or other number (starts a word). */
static inline int is_word_class(int c)
{
    return c == C_LETTER || c == C_DIGIT || c == C_NUMBER;
}

/* Class of an ASCII byte. */
static inline int ascii_class(uint8_t b)
{
    if ((unsigned)((b | 0x20) - 'a') < 26u)
        return C_LETTER;
    if ((unsigned)(b - '0') < 10u)
        return C_DIGIT;
    switch (b) {
    case '\'': return C_APOS;
    case '.': return C_PERIOD;
    case ',': return C_COMMA;
    default: return C_SEP;
    }
}

/* Whether cp is in a block of a script written one code point per word
 * here (only its letters and numbers count: see classify). */
static int is_cjk(int32_t cp)
{
    return (cp >= 0x3040 && cp <= 0x30FF)     /* Hiragana, Katakana */
           || (cp >= 0x31F0 && cp <= 0x31FF)  /* Katakana ext. */
           || (cp >= 0x3400 && cp <= 0x4DBF)  /* Han ext. A */
           || (cp >= 0x4E00 && cp <= 0x9FFF)  /* Han */
           || (cp >= 0xAC00 && cp <= 0xD7A3)  /* Hangul syllables */
           || (cp >= 0xF900 && cp <= 0xFAFF)  /* Han compatibility */
           || (cp >= 0xFF66 && cp <= 0xFF9D)  /* halfwidth Katakana */
           || (cp >= 0x20000 && cp <= 0x3FFFF) /* Han ext. B and later */
           || cp == 0x3005 || cp == 0x3007;   /* 々 〇 */
}

/* Class of any code point (negative: invalid input). */
static int classify(int32_t cp)
{
    if (cp < 0)
        return C_SEP;
    if (cp < 0x80)
        return ascii_class((uint8_t)cp);
    switch (cp) {
    case 0x2019: case 0x2018: case 0x02BC:
        return C_APOS;
    case 0x00AD: case 0x200C: case 0x200D: case 0x2060:
        return C_JOINER;
    default:
        break;
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return is_cjk(cp) ? C_CJK : C_LETTER;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return C_MARK;
    case UTF8PROC_CATEGORY_ND:
        return C_DIGIT;
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return is_cjk(cp) ? C_CJK : C_NUMBER;
    default:
        return C_SEP;
    }
}

/* Decode the code point at s[i] (i < len) without reading past len.
 * Sets *cp (-1 for an invalid byte) and *n (bytes taken, >= 1); returns its
 * class. */
static inline int class_at(int32_t *cp, size_t *n, const uint8_t *s,
                           size_t len, size_t i)
{
    if (s[i] < 0x80) {
        *cp = s[i];
        *n = 1;
        return ascii_class(s[i]);
    }
    utf8proc_int32_t c;
    size_t avail = len - i;
    utf8proc_ssize_t r = utf8proc_iterate(s + i,
                                          (utf8proc_ssize_t)(avail < 4 ? avail : 4), &c);
    if (r <= 0) {
        *cp = -1;
        *n = 1;
        return C_SEP;
    }
    *cp = c;
    *n = (size_t)r;
    return classify(c);
}

/* Class of the code point at s[i], or C_SEP at or past the end. */
static inline int class_at_or_end(int32_t *cp, size_t *n, const uint8_t *s,
                                  size_t len, size_t i)
{
    if (i >= len) {
        *cp = -1;
        *n = 0;
        return C_SEP;
    }
    return class_at(cp, n, s, len, i);
}

/* Whether cp lies in a Latin block (after decomposition, so the base letter
 * of an accented Latin letter qualifies). */
static int is_latin(int32_t cp)
{
    return cp < 0x250                          /* ASCII, Latin-1, Ext. A/B */
           || (cp >= 0x1D00 && cp <= 0x1DBF)   /* phonetic extensions */
           || (cp >= 0x1E00 && cp <= 0x1EFF)   /* Latin Extended Additional */
           || (cp >= 0x2C60 && cp <= 0x2C7F)   /* Ext. C */
           || (cp >= 0xA720 && cp <= 0xA7FF)   /* Ext. D */
           || (cp >= 0xAB30 && cp <= 0xAB6F)   /* Ext. E */
           || (cp >= 0xFF21 && cp <= 0xFF5A);  /* fullwidth Latin */
}

/* Our own folds for Latin letters utf8proc does not decompose; NULL if cp
 * has none. */
static const char *special_fold(int32_t cp)
{
    switch (cp) {
    case 0x0110: case 0x0111: return "d";  /* Đ đ */
    case 0x00D8: case 0x00F8: return "o";  /* Ø ø */
    case 0x0141: case 0x0142: return "l";  /* Ł ł */
    case 0x0131: return "i";               /* ı */
    case 0x00C6: case 0x00E6: return "ae"; /* Æ æ */
    case 0x0152: case 0x0153: return "oe"; /* Œ œ */
    default: return NULL;
    }
}

/* Append k bytes (the whole fold of one input code point) to the folded
 * form unless that would pass the cap; once something does not fit, nothing
 * more is appended, so the form is a prefix cut between the folds of two
 * input code points, hence on a code point boundary. */
static inline void put(struct scan *sc, const char *b, size_t k)
{
    if (sc->full)
        return;
    if (sc->flen + k > CAP) {
        sc->full = 1;
        return;
    }
    memcpy(sc->fold + sc->flen, b, k);
    sc->flen += k;
}

/* Append one ASCII byte, lower-cased. */
static inline void put_ascii(struct scan *sc, uint8_t b)
{
    if (sc->full)
        return;
    if (sc->flen >= CAP) {
        sc->full = 1;
        return;
    }
    sc->fold[sc->flen++] = (char)((unsigned)(b - 'A') < 26u ? b | 0x20 : b);
}

/* Append one code point, UTF-8 encoded. */
static void put_cp(struct scan *sc, int32_t cp)
{
    utf8proc_uint8_t b[4];
    utf8proc_ssize_t k = utf8proc_encode_char(cp, b);
    if (k > 0)
        put(sc, (const char *)b, (size_t)k);
}

/* Append the case fold of cp alone, keeping marks and composition (for
 * letters of non-Latin scripts and the marks that follow them). */
static void fold_casefold_only(struct scan *sc, int32_t cp)
{
    utf8proc_int32_t d[32];
    int bound = 0;
    utf8proc_ssize_t r = utf8proc_decompose_char(cp, d, 32, UTF8PROC_CASEFOLD,
                                                 &bound);
    if (r <= 0 || r > 32) {
        put_cp(sc, cp);
        return;
    }
    char out[CAP];
    size_t o = 0;
    for (utf8proc_ssize_t k = 0; k < r && o + 4 <= sizeof out; k++) {
        utf8proc_ssize_t w = utf8proc_encode_char(d[k],
                                                  (utf8proc_uint8_t *)out + o);
        if (w > 0)
            o += (size_t)w;
    }
    put(sc, out, o);
}

/* Append the folded form of a non-ASCII letter or number: our special
 * folds; else case fold + compatibility decomposition, and for a Latin base
 * keep only its letters and digits (accents go); else case fold only. */
static void fold_nonascii(struct scan *sc, int32_t cp)
{
    const char *sp = special_fold(cp);
    if (sp) {
        put(sc, sp, strlen(sp));
        sc->latin = 1;
        return;
    }
    utf8proc_int32_t d[32];
    int bound = 0;
    utf8proc_ssize_t r = utf8proc_decompose_char(
        cp, d, 32, UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT,
        &bound);
    if (r > 0 && r <= 32 && is_latin(d[0])) {
        /* Built apart first, so that the fold of one code point is kept
         * or left out whole at the cap. */
        char out[CAP];
        size_t o = 0;
        sc->latin = 1;
        for (utf8proc_ssize_t k = 0; k < r; k++) {
            if (!is_word_class(classify(d[k])))
                continue;
            sp = special_fold(d[k]);
            if (sp) {
                size_t sl = strlen(sp);
                if (o + sl > sizeof out)
                    break;
                memcpy(out + o, sp, sl);
                o += sl;
            } else {
                if (o + 4 > sizeof out)
                    break;
                utf8proc_ssize_t w = utf8proc_encode_char(
                    d[k], (utf8proc_uint8_t *)out + o);
                if (w > 0)
                    o += (size_t)w;
            }
        }
        put(sc, out, o);
        return;
    }
    sc->latin = 0;
    fold_casefold_only(sc, cp);
}

/* Take code point cp of class cls into the folded form. */
static inline void take(struct scan *sc, int32_t cp, int cls)
{
    if (cls == C_MARK) {
        if (!sc->latin)
            fold_casefold_only(sc, cp);
    } else if (cp < 0x80) {
        put_ascii(sc, (uint8_t)cp);
        sc->latin = 1;
    } else {
        fold_nonascii(sc, cp);
    }
}

/* Whether the code point at s[i] (after any marks) ends a single-letter
 * acronym segment, i.e. is no letter, digit or number. */
static int single_letter_ends(const uint8_t *s, size_t len, size_t i)
{
    int32_t cp;
    size_t n;
    int cls;
    while ((cls = class_at_or_end(&cp, &n, s, len, i)) == C_MARK)
        i += n;
    return !is_word_class(cls);
}

/* Scan the word whose first code point (cp, class cls, n bytes) is at s[i],
 * building sc->fold. Returns the byte offset just past the word: the end of
 * its last letter, digit or mark, or of a dropped possessive "'s". */
static size_t scan_word(struct scan *sc, size_t i, int32_t cp, int cls,
                        size_t n)
{
    const uint8_t *s = sc->s;
    size_t len = sc->len;
    int prev = cls;             /* class of the last letter/digit taken */
    int acro = cls == C_LETTER; /* single letters joined by periods so far */
    int seg = 0;                /* letters in the current acronym segment */

    for (;;) {
        take(sc, cp, cls);
        if (cls != C_MARK) {
            prev = cls;
            if (++seg > 1)
                acro = 0;
        }
        i += n;
        /* ASCII fast path: the rest of a plain ASCII word. */
        while (i < len && s[i] < 0x80) {
            int c = ascii_class(s[i]);
            if (c != C_LETTER && c != C_DIGIT)
                break;
            put_ascii(sc, s[i]);
            sc->latin = 1;
            prev = c;
            acro = 0;
            i++;
        }
        if (i >= len)
            return i;

        cls = class_at(&cp, &n, s, len, i);
        if (is_word_class(cls) || cls == C_MARK)
            continue;

        int32_t cp2;
        size_t n2;
        size_t j = i + n;
        int cls2 = class_at_or_end(&cp2, &n2, s, len, j);

        switch (cls) {
        case C_JOINER:
            if (!is_word_class(cls2) && cls2 != C_MARK)
                return i;
            break;
        case C_APOS:
            if (cp2 == 's' || cp2 == 'S') {
                int32_t cp3;
                size_t n3;
                int cls3 = class_at_or_end(&cp3, &n3, s, len, j + 1);
                if (!is_word_class(cls3) && cls3 != C_MARK)
                    return j + 1; /* possessive: range covers it, form not */
            }
            if (prev != C_LETTER || cls2 != C_LETTER)
                return i;
            acro = 0;
            break;
        case C_PERIOD:
        case C_COMMA:
            if (prev == C_DIGIT && cls2 == C_DIGIT) {
                if (cls == C_PERIOD)
                    put(sc, ".", 1);
                acro = 0;
                break;
            }
            if (cls == C_PERIOD && acro && cls2 == C_LETTER
                && single_letter_ends(s, len, j + n2)) {
                seg = 0;
                break;
            }
            return i;
        default:
            return i;
        }
        /* Joined: go on with the code point after the joining one. */
        i = j;
        cp = cp2;
        cls = cls2;
        n = n2;
    }
}

/* Copy src[0..len) to dst, cut to the cap on a UTF-8 code point boundary,
 * and NUL-terminate. Returns the length copied. */
static size_t copy_capped(char *dst, const char *src, size_t len)
{
    if (len > CAP) {
        len = CAP;
        while (len > 0 && ((uint8_t)src[len] & 0xC0) == 0x80)
            len--;
    }
    memcpy(dst, src, len);
    dst[len] = '\0';
    return len;
}

/* Is the 2-byte start of `fold` one of the stem keys? */
static int has_key(const passim_analyzer *a, const char *fold)
{
    for (size_t k = 0; k < a->nkeys; k++)
        if (a->stem_keys[2 * k] == fold[0] && a->stem_keys[2 * k + 1] == fold[1])
            return 1;
    return 0;
}

/* Hash of a short byte string (FNV-1a). */
static uint32_t hash_bytes(const char *p, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t k = 0; k < len; k++) {
        h ^= (uint8_t)p[k];
        h *= 16777619u;
    }
    return h;
}

/* Stem folded[0..len) (len <= CAP) into out (CAP + 1 bytes), capped and
 * NUL-terminated; returns the stem's length. Without a stemmer, and for
 * forms made only of digits and periods, the stem is the folded form. */
static size_t stem_into(char *out, passim_analyzer *a, const char *folded,
                        size_t len)
{
    if (!a->stemmer || len == 0)
        return copy_capped(out, folded, len);
    size_t k = 0;
    while (k < len && (((unsigned)((uint8_t)folded[k] - '0') < 10u)
                       || folded[k] == '.'))
        k++;
    if (k == len)
        return copy_capped(out, folded, len);

    struct stem_entry *e = NULL;
    if (a->cache && len <= STEM_CACHE_WORD) {
        e = &a->cache[hash_bytes(folded, len) & (STEM_CACHE_SLOTS - 1)];
        if (e->folded_len == len && memcmp(e->folded, folded, len) == 0) {
            memcpy(out, e->stem, e->stem_len);
            out[e->stem_len] = '\0';
            return e->stem_len;
        }
    }
    const sb_symbol *st = sb_stemmer_stem(a->stemmer,
                                          (const sb_symbol *)folded, (int)len);
    if (!st) /* out of memory inside libstemmer: keep the word unstemmed */
        return copy_capped(out, folded, len);
    size_t slen = copy_capped(out, (const char *)st,
                              (size_t)sb_stemmer_length(a->stemmer));
    if (e && slen <= sizeof e->stem) {
        e->folded_len = (uint8_t)len;
        memcpy(e->folded, folded, len);
        e->stem_len = (uint8_t)slen;
        memcpy(e->stem, out, slen);
    }
    return slen;
}

/* Whether name is one of libstemmer's canonical algorithm names. */
static int stemmer_known(const char *name)
{
    for (const char **l = sb_stemmer_list(); *l; l++)
        if (strcmp(*l, name) == 0)
            return 1;
    return 0;
}

/* Create an analyzer; see analyzer.h. On failure *out is NULL and the
 * error detail names the language. */
passim_status passim_analyzer_new(passim_analyzer **out, const char *language)
{
    passim_error_clear();
    passim_status st = PASSIM_OK;
    passim_analyzer *a = NULL;

    if (!out)
        return passim_error_set(PASSIM_EINVAL, "analyzer: no out parameter");
    *out = NULL;
    if (!language)
        language = "english";

    a = calloc(1, sizeof *a);
    if (!a) {
        st = passim_error_set(PASSIM_ENOMEM, "analyzer: out of memory");
        goto out;
    }
    /* Snowball's English (and Porter) stemmers only change endings: a
     * stem always starts with the word's first two bytes. */
    a->keeps_prefix = !strcmp(language, "none") || !strcmp(language, "english") ||
                      !strcmp(language, "en") || !strcmp(language, "porter");
    if (strcmp(language, "none") != 0) {
        a->stemmer = sb_stemmer_new(language, "UTF_8");
        if (!a->stemmer) {
            if (stemmer_known(language))
                st = passim_error_set(PASSIM_ENOMEM,
                                      "analyzer: out of memory creating "
                                      "the %s stemmer", language);
            else
                st = passim_error_set(PASSIM_EINVAL,
                                      "analyzer: unknown stemming language "
                                      "'%s'", language);
            goto out;
        }
        /* The cache only speeds things up: go on without it if need be. */
        a->cache = calloc(STEM_CACHE_SLOTS, sizeof *a->cache);
    }
    *out = a;
    a = NULL;
out:
    passim_analyzer_free(a);
    return st;
}

/* Free an analyzer and its stemmer. Accepts NULL. */
void passim_analyzer_free(passim_analyzer *a)
{
    if (!a)
        return;
    if (a->stemmer)
        sb_stemmer_delete(a->stemmer);
    free(a->cache);
    free(a);
}

/* Tokenize text[0..len); see analyzer.h. The folded form and stem handed
 * to fn live on this function's stack, so fn may even call
 * passim_analyzer_stem on the same analyzer. */
int passim_analyze(uint32_t *next_pos, passim_analyzer *a, const char *text,
                   size_t len, uint32_t first_pos, passim_token_fn fn,
                   void *ctx)
{
    struct scan sc;
    char stem[CAP + 1];
    passim_token tok;
    uint32_t pos = first_pos;
    int rc = 0;
    size_t i = 0;

    if (!a || !text)
        len = 0;
    sc.s = (const uint8_t *)text;
    sc.len = len;

    while (i < len) {
        const uint8_t b = sc.s[i];
        int32_t cp;
        size_t n;
        int cls;
        if (b < 0x80) {
            cls = ascii_class(b);
            if (cls != C_LETTER && cls != C_DIGIT) {
                i++;
                continue;
            }
            cp = b;
            n = 1;
        } else {
            cls = class_at(&cp, &n, sc.s, len, i);
        }

        size_t start = i;
        if (is_word_class(cls)) {
            sc.flen = 0;
            sc.full = 0;
            sc.latin = 1;
            i = scan_word(&sc, i, cp, cls, n);
        } else if (cls == C_CJK) {
            /* One code point, with any marks that follow it. */
            sc.flen = 0;
            sc.full = 0;
            sc.latin = 0;
            fold_casefold_only(&sc, cp);
            i += n;
            while (i < len && class_at(&cp, &n, sc.s, len, i) == C_MARK) {
                fold_casefold_only(&sc, cp);
                i += n;
            }
        } else {
            i += n;
            continue;
        }

        if (fn) {
            sc.fold[sc.flen] = '\0';
            tok.folded = sc.fold;
            tok.folded_len = sc.flen;
            if (a->stem_keys && sc.flen >= 2 && !has_key(a, sc.fold)) {
                /* Its stem cannot be one the caller looks for. */
                memcpy(stem, sc.fold, sc.flen + 1);
                tok.stem_len = sc.flen;
            } else {
                tok.stem_len = stem_into(stem, a, sc.fold, sc.flen);
            }
            tok.stem = stem;
            tok.start = start;
            tok.end = i;
            tok.pos = pos;
            rc = fn(ctx, &tok);
        }
        pos++;
        if (rc)
            break;
    }
    if (next_pos)
        *next_pos = pos;
    return rc;
}

/* Stem an already folded word; see analyzer.h. */
const char *passim_analyzer_stem(size_t *stem_len, passim_analyzer *a,
                                 const char *folded, size_t len)
{
    char in[CAP + 1];
    size_t n;

    if (!folded)
        len = 0;
    /* Cut the input as the analyzer cuts a folded form. */
    len = copy_capped(in, len ? folded : "", len);
    n = stem_into(a->stem_out, a, in, len);
    if (stem_len)
        *stem_len = n;
    return a->stem_out;
}

int passim_analyzer_stem_keys(passim_analyzer *a, const char *keys, size_t n)
{
    if (keys && !a->keeps_prefix)
        return 0;
    a->stem_keys = keys;
    a->nkeys = keys ? n : 0;
    return 1;
}
