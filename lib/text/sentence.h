/* sentence.h — paragraphs and sentences of an article's cleaned text.
 *
 * Paragraph shapes recognised (one article may use any of them):
 *   - blocks separated by blank lines;
 *   - one paragraph per line (long unwrapped lines);
 *   - a whole article on one line;
 *   - hard-wrapped lines (all but one line in twenty at most 100 code
 *     points wide) whose paragraphs start with a line indented deeper than
 *     the text's usual indentation, or are separated by blank lines; where
 *     the text has no blank lines, a line break where the next line's
 *     first word would have fitted also ends a paragraph when the line
 *     ends a sentence or looks like a title, dateline or table row (so a
 *     newswire title and dateline are paragraphs of their own);
 *   - hard-wrapped lines that all start with a space (indentation then
 *     means nothing).
 * Otherwise (long lines) every line break ends a paragraph, except a
 * soft one: where the line does not end a sentence or clause (its last
 * character, closing quotes and brackets aside, is none of . ! ? … : ;)
 * and the next line starts with a lower-case letter or a digit, the line
 * break is white space inside the sentence (a wrapped line, or a
 * formula's subscript on a line of its own: "CO\n2 emissions").
 * Sentences end at '.', '!', '?' or '…' (optionally followed by closing
 * quotes or brackets) when what follows starts a new sentence: an
 * upper-case letter, a digit, an opening quote or bracket, or a letter of
 * a caseless script. That includes glued sentences with no space
 * ("added.Over", "partners.\"The"); a straight double quote after the
 * mark closes the sentence or opens the next one by the parity of the
 * quotes before it in the paragraph. No mark ends a sentence before a
 * lower-case letter (but see the lone mark below), and a period followed
 * at once by a digit ("5.93", "01.79") never does. A period after a known
 * title ("Gen.", "Mr.", "Dr.", "Sgt.", ...) does not end a sentence unless
 * the paragraph ends there; after a single letter ("U.S.", a middle
 * initial "W.") or a weak abbreviation (months, "St.", "Inc.", "Jr.", US
 * states, ...) it ends one only before a word that usually starts a
 * sentence ("... to the U.S. The trip ..."); "No. 5", "Jan. 25" never
 * split. A lone mark standing apart from the word before it and followed
 * by white space ends a sentence whatever follows (tokenized text:
 * "slipstream . the results"). The CJK marks 。！？ always end one. A
 * sentence never spans two paragraphs.
 *
 * Word positions are those of passim_analyze() over the whole text starting
 * at position 1, so they match the positions stored in the index.
 */
#ifndef PASSIM_SENTENCE_H
#define PASSIM_SENTENCE_H

#include <stddef.h>
#include <stdint.h>

#include "text/analyzer.h"
#include "util/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* First word position of an article's text. */
#define PASSIM_FIRST_POS 1

typedef struct passim_sentence {
    uint32_t first_pos;  /* position of its first word */
    uint32_t nwords;     /* number of words (tokens) in it; may be 0 */
    uint32_t start, end; /* byte range in the text, trimmed of white space */
    uint8_t para_start;  /* 1 if it begins a paragraph */
} passim_sentence;

typedef struct passim_sentences {
    passim_sentence *v; /* n entries, ascending by start; owned */
    size_t n;
    uint32_t nwords;    /* words in the whole text */
} passim_sentences;

/* Byte length of the white space code point at t[i] (i < end), LF
 * excluded, or 0: ASCII blanks, no-break spaces, Unicode space separators,
 * U+2028/U+2029, zero width space and BOM. None of them is ever part of a
 * token. Cannot fail. */
size_t passim_space_len(const char *t, size_t i, size_t end);

/* Byte length of the white space code point (as passim_space_len, LF
 * excluded) that ends at t[i], not starting before `start`, or 0. Cannot
 * fail. */
size_t passim_space_len_back(const char *t, size_t start, size_t i);

/* Split text[0..len) into sentences, filling *out (which the caller zeroes
 * first and frees with passim_sentences_free). Sentences holding no word
 * (pure punctuation) are dropped; a paragraph's start flag then passes to
 * its next sentence. Every token of the text belongs to exactly one
 * sentence (the one its start falls in; a boundary never cuts a token), so
 * first_pos values run on without gaps and the nwords sum to out->nwords.
 * Any bytes are accepted (invalid UTF-8 and NULs separate words). Texts
 * over UINT32_MAX bytes give PASSIM_ETOOBIG, a NULL analyzer or out
 * PASSIM_EINVAL, allocation failure PASSIM_ENOMEM; *out is then empty.
 * Return value:
 *   PASSIM_OK  *out holds the sentences.
 *   PASSIM_EINVAL  a NULL analyzer or out.
 *   PASSIM_ETOOBIG  text over UINT32_MAX bytes.
 *   PASSIM_ENOMEM  out of memory. *out is empty. */
passim_status passim_split_sentences(passim_sentences *out, passim_analyzer *a,
                                     const char *text, size_t len);

/* As passim_split_sentences, also calling fn(ctx, token) for every token
 * of the one analysis pass (so a caller indexing the text need not analyse
 * it again). If fn returns non-zero the split stops with PASSIM_EINTERNAL
 * and the caller's own status explains why.
 * Return value:
 *   PASSIM_OK  *out holds the sentences.
 *   PASSIM_EINTERNAL  fn stopped the split.
 *   PASSIM_EINVAL, PASSIM_ETOOBIG, PASSIM_ENOMEM
 *       as passim_split_sentences(). */
passim_status passim_split_sentences_tokens(passim_sentences *out, passim_analyzer *a,
                                            const char *text, size_t len,
                                            passim_token_fn fn, void *ctx);

/* Free the table's storage and zero it. Accepts NULL. */
void passim_sentences_free(passim_sentences *s);

#ifdef __cplusplus
}
#endif
#endif
