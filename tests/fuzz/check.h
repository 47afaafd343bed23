/* check.h — invariant checks shared by the fuzz targets.
 *
 * A fuzz target reports a broken invariant by aborting: libFuzzer (and the
 * replay driver under the sanitizers) then stops with a crash and keeps the
 * input. FUZZ_CHECK prints what failed and where before aborting.
 */
#ifndef PASSIM_FUZZ_CHECK_H
#define PASSIM_FUZZ_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "text/analyzer.h"
#include "text/article.h"
#include "text/sentence.h"

/* Abort with a message naming the broken invariant `cond`. */
#define FUZZ_CHECK(cond)                                                    \
    do {                                                                    \
        if (!(cond))                                                        \
            fuzz_fail(#cond, __FILE__, __LINE__);                           \
    } while (0)

/* Print "invariant failed: WHAT (FILE:LINE)" to stderr and abort(). */
_Noreturn void fuzz_fail(const char *what, const char *file, int line);

/* Abort unless `st` is PASSIM_OK (for calls documented to fail only on
 * allocation failure, which the fuzzers do not inject). */
#define FUZZ_OK(st) FUZZ_CHECK((st) == PASSIM_OK)

/* The process-wide analyzer for `language` ("english" or "none"), created
 * on first use and kept for the life of the process (fuzz targets run one
 * input after another on one thread). Aborts if it cannot be created. */
passim_analyzer *fuzz_analyzer(const char *language);

/* Whether s[0..n) is valid UTF-8 by utf8proc's rules (NULs allowed). */
int fuzz_utf8_valid(const char *s, size_t n);

/* Whether the first 11 bytes of `date` hold "" or a well-formed
 * "YYYY-MM-DD" (year 1000..2999, month 01..12, day 01..31). */
int fuzz_date_ok(const char *date);

/* Check the invariants of an article built by passim_article_from_text or
 * passim_jsonl_article: id, title, byline, url NUL-terminated valid UTF-8;
 * title at most PASSIM_TITLE_MAX_BYTES with no line break, tab or double
 * space and no space at either end; byline at most PASSIM_BYLINE_MAX_BYTES;
 * date "" or well-formed; text valid UTF-8 of text_len bytes, NUL-terminated
 * with no NUL, CR or other C0 control (but TAB and LF) and no C1 control
 * inside, and no white space or line break at either end. Aborts on
 * violation. */
void fuzz_check_article(const passim_article *a);

/* Check a sentence table `s` of text[0..len) as passim_split_sentences
 * documents it: ranges inside the text, ascending and non-overlapping;
 * every sentence holds a word; first_pos values run on from
 * PASSIM_FIRST_POS without gaps and the nwords sum to s->nwords, which is
 * the number of tokens `a` finds in the text; every token lies inside the
 * range of the sentence holding its position. Aborts on violation. */
void fuzz_check_sentences(passim_analyzer *a, const char *text, size_t len,
                          const passim_sentences *s);

/* Whether two sentence tables hold the same sentences (field by field:
 * padding bytes are not compared). */
int fuzz_same_sentences(const passim_sentences *x, const passim_sentences *y);

#endif
