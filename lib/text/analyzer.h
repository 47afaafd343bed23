/* analyzer.h — the one definition of what a term is.
 *
 * The indexer, the query parser and the highlighter all call this module;
 * nothing else in passim splits text into words.
 *
 * Input is UTF-8 (invalid bytes and NULs are skipped as separators, never a
 * crash; nothing past len is read). Output is a stream of tokens delivered
 * to a callback, each with
 *   - its exact byte range [start, end) in the input: from the word's first
 *     letter or digit to the end of its last letter, digit or mark, plus a
 *     dropped possessive "’s" ("Vietnam’s" covers "Vietnam’s"); a trailing
 *     apostrophe or period is not part of it ("Mattis’" covers "Mattis",
 *     "U.S." covers "U.S"). Analyzing input[start..end) on its own gives
 *     exactly this one token again, with the same folded form;
 *   - its word position (first_pos, first_pos+1, ... one per token);
 *   - its folded form: case-folded (utf8proc, so ß → ss), compatibility
 *     forms decomposed (ﬁ → fi, fullwidth Ａ → a), and for Latin letters
 *     only, diacritics stripped (Biên → bien, plus đ→d ø→o ł→l ı→i æ→ae
 *     œ→oe); letters of other scripts are only case-folded and keep their
 *     marks (Hindi vowel signs, Greek tonos). Possessive 's and trailing
 *     apostrophes are dropped (’ ‘ ʼ count as apostrophes), acronym dots
 *     and digit-group commas removed ("U.S." → "us", "1,601" → "1601").
 *     Capped at PASSIM_MAX_TERM_BYTES bytes on a code point boundary: the
 *     rest of an over-long word is skipped, the word stays one token;
 *   - its stem: the folded form stemmed by libstemmer (the folded form itself
 *     when the analyzer has no stemmer, and for forms made only of digits
 *     and periods), also capped at PASSIM_MAX_TERM_BYTES.
 *
 * Word rules: a word is a run of letters and digits (Unicode L* and N*,
 * with combining marks). Everything else separates words: spaces,
 * punctuation, hyphens and dashes ("Vietnam-U.S." → vietnam, us;
 * "1995–2025" → 1995, 2025), slashes ("POW/MIA" → pow, mia), '$', and a
 * period between words ("added.Over" → added, over). Exceptions:
 *   - single letters joined by periods form one acronym word ("U.S." → us,
 *     "J.R.R." → jrr; "U.S.-Vietnam" → us, vietnam);
 *   - digits joined by ',' or '.' with digits on both sides form one number
 *     ("1,601" → 1601, "5.93" → 5.93);
 *   - an apostrophe between letters joins them ("don't" → dont), except a
 *     possessive "'s" at the end of a word (after a letter or digit), which
 *     is dropped ("Vietnam’s" → vietnam, "1990's" → 1990);
 *   - a soft hyphen, zero-width (non-)joiner or word joiner between parts of
 *     a word is ignored ("infor\u00ADmation" → information);
 *   - each Han, Hiragana, Katakana or Hangul syllable code point is a word
 *     of its own (with any combining marks after it).
 */
#ifndef PASSIM_ANALYZER_H
#define PASSIM_ANALYZER_H

#include <stddef.h>
#include <stdint.h>

#include "util/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Longest folded form or stem kept, in bytes (Xapian's limit is ~245). */
#define PASSIM_MAX_TERM_BYTES 64

typedef struct passim_analyzer passim_analyzer;

typedef struct passim_token {
    const char *folded;  /* folded form, NUL-terminated */
    size_t folded_len;
    const char *stem;    /* stem of the folded form, NUL-terminated */
    size_t stem_len;
    size_t start, end;   /* byte range of the word in the input */
    uint32_t pos;        /* word position */
} passim_token;

/* Called once per token, in input order. The token's strings are borrowed:
 * valid only during the call. Return 0 to go on, non-zero to stop (the
 * value is then returned by passim_analyze). */
typedef int (*passim_token_fn)(void *ctx, const passim_token *tok);

/* Create an analyzer stemming in `language` (a libstemmer name such as
 * "english", "french"; NULL means "english"; "none" disables stemming).
 * An unknown language gives PASSIM_EINVAL and *out = NULL.
 * Free with passim_analyzer_free(). One analyzer per thread (it holds a
 * libstemmer instance and a stem cache of about 0.5 MB).
 * Return value:
 *   PASSIM_OK  *out is the analyzer.
 *   PASSIM_EINVAL  out is NULL, or an unknown language.
 *   PASSIM_ENOMEM  out of memory. */
passim_status passim_analyzer_new(passim_analyzer **out, const char *language);

/* Free. Accepts NULL. */
void passim_analyzer_free(passim_analyzer *a);

/* Tokenize text[0..len) (need not be NUL-terminated; may be NULL when len
 * is 0), numbering tokens from `first_pos`. Calls `fn` for each token (`fn`
 * may be NULL to only count positions). Returns 0 when the text was
 * consumed, or the first non-zero value returned by `fn`. *next_pos (may be
 * NULL) receives the position after the last token delivered. Allocates
 * nothing. */
int passim_analyze(uint32_t *next_pos, passim_analyzer *a, const char *text,
                   size_t len, uint32_t first_pos, passim_token_fn fn,
                   void *ctx);

/* Stem an already folded word (e.g. from a query) exactly as passim_analyze
 * stems a token's folded form (input longer than PASSIM_MAX_TERM_BYTES is
 * first cut like a folded form). Returns a NUL-terminated pointer into the
 * analyzer's buffer, valid until the next passim_analyzer_stem call on `a`
 * (tokens being delivered by passim_analyze are not affected, so a callback
 * may call this); *stem_len (may be NULL) gets its length. `folded` may be
 * NULL only with len 0. */
const char *passim_analyzer_stem(size_t *stem_len, passim_analyzer *a,
                                 const char *folded, size_t len);

/* Stem only what a caller looks for: with keys[0 .. 2n) set (n keys of 2
 * bytes each, borrowed until cleared), a token whose folded form is 2 bytes
 * or longer and does not start with one of the keys gets its folded form
 * as its "stem" instead of being stemmed. Valid for a matcher comparing
 * stems against words starting with those keys, and only for stemmers that
 * keep a word's first two bytes (English, Porter, none): returns 0 and
 * sets nothing for the others. NULL keys clears the filter; returns 1. */
int passim_analyzer_stem_keys(passim_analyzer *a, const char *keys, size_t n);

#ifdef __cplusplus
}
#endif
#endif
