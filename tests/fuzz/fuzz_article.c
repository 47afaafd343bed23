/* fuzz_article.c — passim_article_from_text over any bytes.
 *
 * Any bytes make an article (article.h). Checked, aborting on violation
 * (see fuzz_check_article): title, byline and text valid UTF-8 (utf8proc),
 * title and byline within their limits and white space collapsed in the
 * title, date "" or a well-formed YYYY-MM-DD, the text NUL-terminated with
 * no NUL, CR or other control character inside and trimmed at both ends.
 * Also: the RECODED flag is set exactly when the input is not valid UTF-8;
 * building from the cleaned text again keeps the text (cleaning is
 * idempotent) when the input was UTF-8 with no caption noise to strip
 * ("![" or '|'), no date label or photo credit to take out and no
 * byte-order mark.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/article.h"
#include "check.h"

/* Whether the ASCII-case-insensitive `needle` occurs in raw[0..len). */
static int contains_ci(const char *raw, size_t len, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= len; i++) {
        size_t j = 0;
        while (j < k && (raw[i + j] | 0x20) == (needle[j] | 0x20))
            j++;
        if (j == k)
            return 1;
    }
    return 0;
}

/* Whether raw[0..len) holds text that cleaning may remove more of on a
 * second pass: markdown images, table pipes, "date" labels, photo
 * credits, a BOM. */
static int has_noise(const char *raw, size_t len)
{
    return contains_ci(raw, len, "![") || memchr(raw, '|', len) ||
           contains_ci(raw, len, "date") || contains_ci(raw, len, "\xEF\xBB\xBF") ||
           contains_ci(raw, len, "credit") || contains_ci(raw, len, "photo") ||
           contains_ci(raw, len, "image") || contains_ci(raw, len, "picture") ||
           contains_ci(raw, len, "getty") || contains_ci(raw, len, "shutterstock");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *raw = (const char *)data;
    passim_article *art = NULL, *again = NULL;

    FUZZ_OK(passim_article_from_text(&art, "fuzz/id.txt", raw, size));
    fuzz_check_article(art);
    FUZZ_CHECK(strcmp(art->id, "fuzz/id.txt") == 0);
    FUZZ_CHECK(art->url[0] == '\0');
    FUZZ_CHECK(art->text_len <= 3 * size);
    int valid = fuzz_utf8_valid(raw, size);
    FUZZ_CHECK(((art->flags & PASSIM_ARTICLE_RECODED) != 0) == !valid);

    /* Cleaning the cleaned text again changes nothing. */
    if (valid && !has_noise(raw, size)) {
        FUZZ_OK(passim_article_from_text(&again, "again", art->text, art->text_len));
        FUZZ_CHECK(again->text_len == art->text_len &&
                   memcmp(again->text, art->text, art->text_len) == 0);
        FUZZ_CHECK(strcmp(again->date, art->date) == 0);
        FUZZ_CHECK(strcmp(again->title, art->title) == 0);
        FUZZ_CHECK(strcmp(again->byline, art->byline) == 0);
        passim_article_free(again);
    }

    /* A NULL id and NULL text are accepted too. */
    if (size == 0) {
        FUZZ_OK(passim_article_from_text(&again, NULL, NULL, 0));
        FUZZ_CHECK(again->text_len == 0 && again->id[0] == '\0');
        passim_article_free(again);
    }
    passim_article_free(art);
    return 0;
}
