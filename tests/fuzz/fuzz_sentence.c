/* fuzz_sentence.c — passim_split_sentences over any bytes, and over the
 * cleaned text of the article those bytes make.
 *
 * Invariants (sentence.h), checked by fuzz_check_sentences: ranges inside
 * the text, ascending and non-overlapping; no sentence without a word;
 * first_pos values without gaps and nwords summing to the table's total,
 * which is the analyzer's token count; every token inside its sentence.
 * Splitting the same text twice gives the same table (no hidden state).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/article.h"
#include "check.h"
#include "text/sentence.h"

/* Split text[0..len), check the table, and check a second split agrees. */
static void split_and_check(passim_analyzer *a, const char *text, size_t len)
{
    passim_sentences s = {0}, again = {0};

    FUZZ_OK(passim_split_sentences(&s, a, text, len));
    fuzz_check_sentences(a, text, len, &s);
    FUZZ_OK(passim_split_sentences(&again, a, text, len));
    FUZZ_CHECK(fuzz_same_sentences(&s, &again));
    passim_sentences_free(&again);
    passim_sentences_free(&s);
    FUZZ_CHECK(s.v == NULL && s.n == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    passim_analyzer *a = fuzz_analyzer("english");
    passim_article *art = NULL;

    split_and_check(a, (const char *)data, size);

    FUZZ_OK(passim_article_from_text(&art, "fuzz", (const char *)data, size));
    split_and_check(a, art->text, art->text_len);
    passim_article_free(art);
    return 0;
}
