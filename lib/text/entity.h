/* entity.h — answer candidates in text, recognised by rules.
 *
 * A question ("how many jobs will the plant cut", "who bought Safeway")
 * wants a certain kind of answer near its content words; this module marks
 * where such answers stand in a text: names of people, places and
 * organisations, dates, numbers, sums of money and cause cues. There is no
 * statistical model: the rules below look at the analyzer's tokens (so
 * positions are exactly passim_analyze's for the same text and first_pos)
 * and at the raw bytes around them (capitalisation, '$' '£' '€' '¥' '%',
 * hyphens, sentence ends).
 *
 * Rules, tried at each token from left to right; the first that matches
 * takes its tokens (entities never overlap):
 *   - DATE: an ISO date (2025-11-01), a day-month-year date (26-FEB-1987,
 *     5 March 2005), a month name with an optional day and year (March 5,
 *     1987; February 26; "May" only next to a number or after in, on, by,
 *     since, until, last, next, early, late, mid; month abbreviations only
 *     next to a number), a weekday, yesterday/today/tomorrow/tonight,
 *     last/next/this/past/coming/previous + week, month, year, weekend,
 *     quarter, season, summer, winter, spring, autumn, night; first..fourth
 *     quarter or half, Q1..Q4; a year 1900..2099 written as four digits
 *     alone; a decade (1990s); N days/weeks/months/years ago.
 *   - MONEY: a number after a currency sign ($ £ € ¥, "$1.2bn", "£30m"),
 *     or a number with an optional multiplier (million, mln, bn, billion,
 *     ...) and a currency word after it (dollars, dlrs, pounds, stg,
 *     euros, yen, francs, marks, cents, cts, pence, ...), optionally with
 *     a nationality between ("15 mln U.S. dlrs", "5 mln Canadian dlrs").
 *   - NUMBER: digits ("464,000", "5.93"), number words (one..twenty, the
 *     tens, hundred, thousand, million, billion, dozen: "twenty five"),
 *     numbers with an in-word multiplier ("600m", "1.2bn"), percentages
 *     ("76%", "3.5 pct", "10 per cent"), and numbers with a unit word
 *     right after them ("2,000 jobs", "529 mln tonnes"), which the span
 *     then includes. "one of" is not a number.
 *   - REASON: a cause cue: because (of), due to, owing to, thanks to, as a
 *     result of, in the wake of, on the back of, in response to, caused
 *     by, blamed on, amid, after/following (not before a number or a
 *     date), over + a noun (not "over the next five years").
 *   - Names: a sequence of capitalised words (a hyphen, '&' or white space
 *     with at most one line break between them; "of", "de", "van", "al",
 *     "bin", "the" after "of", ... inside, never at either end), at most 8
 *     words, not in a line written all in capitals (a newswire title), and
 *     not starting with a function word ("The", "But"). A single
 *     capitalised word opening a sentence is kept only when it is a place
 *     of the gazetteer, an acronym, or a word already seen in a name of
 *     several words in this text ("Kenteris" after "Kostas Kenteris"). Kinds, first rule wins:
 *       PLACE  the whole name is in the gazetteer (countries, US states,
 *              capitals and large cities, continents, regions);
 *       ORG    a word of it is an organisation word (Inc, Corp, Ltd, plc,
 *              Group, Bank, Party, Council, Union, FC, United, Airlines,
 *              Ministry, University, ...), or it is a single acronym of
 *              2..5 capitals (AOL, PSA; TV, CEO, GMT ... are not);
 *       PERSON after a title (Mr, Mrs, Dr, Sir, Lord, President, Prime
 *              Minister, chief executive, striker, ...: the title is not
 *              part of the span), starting with a known first name, or a
 *              single word seen earlier in a person's name ("Smith" after
 *              "Mr Smith");
 *       PERSON|NAME  before "said", "says", "told", ... or after "said"
 *              (a name of several words);
 *       PLACE|NAME   after "in", "at", "from";
 *       NAME   otherwise.
 *   A possessive "'s" is left out of a name's span.
 *
 * Spans are byte ranges [start, end) of the text; a currency sign or a
 * '%' belonging to a number is inside its span.
 */
#ifndef PASSIM_ENTITY_H
#define PASSIM_ENTITY_H

#include <stddef.h>
#include <stdint.h>

#include "text/analyzer.h"
#include "util/status.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
    PASSIM_KIND_PERSON = 1u << 0,
    PASSIM_KIND_PLACE = 1u << 1,
    PASSIM_KIND_ORG = 1u << 2,
    PASSIM_KIND_DATE = 1u << 3,
    PASSIM_KIND_NUMBER = 1u << 4,
    PASSIM_KIND_MONEY = 1u << 5,
    PASSIM_KIND_NAME = 1u << 6,  /* a capitalised name of unsure kind */
    PASSIM_KIND_REASON = 1u << 7 /* a cause cue: because, due to, amid ... */
};

/* All kind bits. */
#define PASSIM_KIND_ALL 0xffu

/* Most entities one call finds; the rest of a text is not looked at. */
#define PASSIM_MAX_ENTITIES 100000

typedef struct passim_entity {
    uint32_t start, end;  /* byte range in the text */
    uint32_t pos, nwords; /* its first word position (as passim_analyze
                             numbers the text from first_pos) and how many
                             tokens it covers (at least 1) */
    unsigned kinds;       /* PASSIM_KIND_* bits, never 0 */
} passim_entity;

typedef struct passim_entities {
    passim_entity *v; /* n entries, ascending by pos, not overlapping; owned */
    size_t n, cap;
} passim_entities;

/* Find the entities of text[0..len) (need not be NUL-terminated; may be
 * NULL when len is 0; nothing past len is read; any bytes are accepted),
 * numbering words from first_pos as passim_analyze does with `a`. They are
 * appended to *out (zeroed by the caller before the first use, freed with
 * passim_entities_free); at most PASSIM_MAX_ENTITIES are found per call.
 * Memory besides *out is bounded (a window of tokens), whatever len is.
 * Return value:
 *   PASSIM_OK  the entities were appended.
 *   PASSIM_EINVAL  out or a is NULL, or text is NULL with len > 0.
 *   PASSIM_ETOOBIG  text over UINT32_MAX bytes.
 *   PASSIM_ENOMEM  out of memory. *out keeps what it held before. */
passim_status passim_entities_find(passim_entities *out, passim_analyzer *a,
                                   const char *text, size_t len, uint32_t first_pos);

/* Free the table's storage and zero it. Accepts NULL. */
void passim_entities_free(passim_entities *e);

/* The bit of a kind name ("person" "place" "org" "date" "number" "money"
 * "reason" "name", exactly, lower case), or 0 for anything else (NULL
 * too). Cannot fail. */
unsigned passim_kind_parse(const char *name);

/* The name of one kind bit (as passim_kind_parse takes), or NULL when
 * kind_bit is not exactly one PASSIM_KIND_* bit. Static storage. */
const char *passim_kind_name(unsigned kind_bit);

#ifdef __cplusplus
}
#endif
#endif
