/* utf8out.h — strings from the index written as valid UTF-8, faithfully.
 *
 * Ids, titles and bylines come from the index, and an index built by an
 * older passim may hold bytes that are not valid UTF-8 (a Latin-1 file
 * name). Every output (text, JSON, HTML, TREC aside: evaluate.h) writes
 * such a string with each byte that is not part of a valid UTF-8 sequence
 * (shortest form, no surrogates, at most U+10FFFF) as a backslash, 'x' and
 * two lower-case hex digits: "caf\xe9.txt" for the Latin-1 bytes of
 * café.txt — the form the indexer gives such ids today, so an old index
 * and a new one show the same id. Valid UTF-8 is written unchanged
 * (backslashes included).
 */
#ifndef PASSIM_UTF8OUT_H
#define PASSIM_UTF8OUT_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Length of the valid UTF-8 sequence (shortest form, no surrogates, at
 * most U+10FFFF) starting at s[0..left), or 0 when s does not start with
 * one (left == 0 included). */
size_t passim_utf8_seq(const char *s, size_t left);

/* Whether s[0..len) is entirely valid UTF-8. Returns 1 or 0. */
int passim_utf8_valid(const char *s, size_t len);

/* Whether the valid UTF-8 sequence s[0..k) (k = passim_utf8_seq's length)
 * is a control character: C0, DEL, or C1 (U+0080..U+009F). Cannot fail. */
int passim_utf8_is_control(const char *s, size_t k);

/* Whether s[0..len) holds a control character (as passim_utf8_is_control;
 * a byte that is not valid UTF-8 is none). Cannot fail. */
int passim_utf8_has_control(const char *s, size_t len);

/* A malloc'd, NUL-terminated copy of s[0..len) with invalid bytes escaped
 * as above; *out_len (may be NULL) gets its length. NULL when out of
 * memory. The caller frees it. */
char *passim_utf8out_dup(size_t *out_len, const char *s, size_t len);

/* Write s[0..len) to f with invalid bytes escaped as above. */
void passim_utf8out_write(FILE *f, const char *s, size_t len);

/* Whether s[0..len) holds the escape of an invalid byte ("\x" and two
 * hex digits). */
int passim_utf8out_has_escape(const char *s, size_t len);

/* Undo the escape in place: each "\x" followed by two hex digits becomes
 * that byte. Returns the new length (s is NUL-terminated at it). */
size_t passim_utf8out_unescape(char *s, size_t len);

#ifdef __cplusplus
}
#endif
#endif
