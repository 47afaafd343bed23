/* article.h — one news article: cleaned text, title and date.
 *
 * An article is built from the raw bytes of a file (or, later, a JSON Lines
 * record). Building it:
 *   - drops a UTF-8 byte-order mark and turns CRLF / lone CR into LF;
 *   - reads text that is not valid UTF-8 as Windows-1252 (flag
 *     PASSIM_ARTICLE_RECODED is set so the caller can warn): valid UTF-8
 *     sequences are kept and each byte that starts none is read as its
 *     Windows-1252 character (all 256 bytes mapped; the five bytes the code
 *     page leaves undefined, 0x81 0x8D 0x8F 0x90 0x9D, become U+FFFD), so a
 *     mostly-UTF-8 file with one stray Latin-1 byte keeps its UTF-8 text.
 *     C1 control characters U+0080..U+009F in valid UTF-8 (Windows-1252
 *     text once misread as Latin-1) become their Windows-1252 characters
 *     without the flag. NUL and the other control bytes except TAB and LF
 *     become spaces;
 *   - strips caption noise: markdown images such as "![]()" or
 *     "![alt](url)", and table pipes at the start and end of a line
 *     ("| caption text |" keeps "caption text"); a line that held only
 *     noise or white space becomes empty; trailing white space goes from
 *     every line, leading indentation stays (it marks paragraphs in
 *     hard-wrapped text) except on lines that lost noise; blank lines and
 *     white space at the start and end of the text go;
 *   - finds the title: the headline where the text has one (the first
 *     short line, under PASSIM_TITLE_MAX_BYTES, not ending like a sentence
 *     (a period after a lower-case word, or ',' ';' ':'; a line in capitals
 *     may end as it likes), followed by more text, skipping up to two
 *     photo-credit lines such as "... Credit: ..." or "Photo: ..."; a
 *     headline wrapped onto lines starting in lower case is joined, and
 *     tokenized text's detached final " ." is dropped), else the opening
 *     words of the first paragraph (up to 12 words, ending in "…" when the
 *     paragraph goes on); white space runs in a title are single spaces;
 *   - finds a date stated in the header (the first 8 non-blank lines; the
 *     first found counts): a "date YYYY-MM-DD" label (also "Date:", also
 *     as the prefix of a long line), which is then taken out of the text;
 *     a line holding only a date, after an optional label ("Published",
 *     "First published", "Updated", "Last updated", "Posted", "Date",
 *     "Dated", "Filed", "Released", "Modified", "Created", "Issued", any
 *     case, then an optional ':' and "on") and before an optional clock
 *     time ("at 8:00 a.m. ET", "10:15 GMT"): an ISO date or timestamp
 *     ("2024-03-15T08:00:00Z"), a date with an English month name
 *     ("March 3, 2021", "Tue, 3 Mar 2021", "June 5th 2015"), a numeric
 *     date nn/nn/YYYY (read as month/day, as in the US, unless the first
 *     number is over 12: "12/05/2023" is December 5, "25/12/2023" is
 *     December 25) or YYYY/MM/DD; a newswire dateline alone on a line
 *     ("26-FEB-1987 15:01:01.79"); a byline ending with a date ("By Name
 *     June 05, 2015"). All but the label stay in the text. Only a real day
 *     counts (passim_date_valid: "2023-02-29" is no date); stored as
 *     "YYYY-MM-DD", the day as written (no time zone conversion). Absent
 *     otherwise;
 *   - finds a byline in the same header lines: a line under 160 bytes
 *     starting "By ", "BY ", "By: ", "Written by " or "Posted by " whose
 *     words up to a stated date read as names, never a sentence: one or
 *     more names (each one to six capitalised words, initials or particles
 *     such as "van", "de", "al") joined by "and", "&" or commas, and after
 *     a comma, '|' or a dash an affiliation ("By Jane Doe, Reuters"); no
 *     digits, quotes, '?', '!', ';', ':' or sentence period; at most 16
 *     words. "By Prashanth Parameswaran June 05, 2015" gives "Prashanth
 *     Parameswaran"; "By declaring their assets, ..." is no byline. Kept
 *     in the text.
 *
 * The cleaned text is what the index stores and what passages and
 * snippets are cut from; byte offsets always refer to it.
 */
#ifndef PASSIM_ARTICLE_H
#define PASSIM_ARTICLE_H

#include <stddef.h>
#include <stdint.h>

#include "util/status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PASSIM_TITLE_MAX_BYTES 200

enum passim_article_flags {
    PASSIM_ARTICLE_RECODED = 1 /* input was not UTF-8: read as Windows-1252 */
};

typedef struct passim_article {
    char *id;        /* unique article id, NUL-terminated */
    char *title;     /* never NULL; may be "" for an empty article */
    char date[11];   /* "YYYY-MM-DD", or "" when the article states none */
    char *text;      /* cleaned UTF-8 text, NUL-terminated */
    size_t text_len; /* bytes in text, not counting the NUL */
    unsigned flags;  /* passim_article_flags */
    char *byline;    /* never NULL; "" when the article names no author */
    char *url;       /* never NULL; "" unless a record gave one */
} passim_article;

/* Longest byline kept, and longest url accepted from a record (bytes). */
#define PASSIM_BYLINE_MAX_BYTES 200
#define PASSIM_URL_MAX_BYTES 2048

/* Whether y-m-d is a real day of the (proleptic) Gregorian calendar with
 * a four-digit year: 1 <= y <= 9999, 1 <= m <= 12, 1 <= d <= the days of
 * that month (February 29 in leap years only). Returns 1 or 0. The one
 * rule for every date passim stores or accepts. */
int passim_date_valid(int y, int m, int d);

/* Days in month m (1..12) of year y (1..9999), leap years counted; 0 for a
 * month or year out of range. */
int passim_month_days(int y, int m);

/* Build an article with id `id` from raw[0..len). Everything is copied; the
 * result is owned by the caller and freed with passim_article_free().
 * *out is NULL on failure (PASSIM_ENOMEM only: any bytes make an article).
 * Return value:
 *   PASSIM_OK  *out is the article.
 *   PASSIM_EINVAL  out is NULL.
 *   PASSIM_ENOMEM  out of memory, or a text too large to hold. */
passim_status passim_article_from_text(passim_article **out, const char *id,
                                       const char *raw, size_t len);

/* Replace metadata found in the text with values a structured record
 * (a JSON Lines line) gives. NULL or "" leaves a field as it is. `title` is
 * cut to PASSIM_TITLE_MAX_BYTES on a character boundary and its white space
 * runs become single spaces; `date` must be a real day "YYYY-MM-DD"
 * (passim_date_valid), alone or as an ISO timestamp: then "T" or " ",
 * hh:mm[:ss[.fraction]] and an optional zone "Z", "+hh:mm", "-hhmm" or
 * "+hh" ("9999-12-31T23:59:59Z", "2024-03-15T08:00:00.250+07:00"); the
 * date is kept as written, with no time zone conversion. Anything else
 * ("2023-02-29", "yesterday", "2024-01-02Tnoon") gives PASSIM_EINVAL; `byline` is cut like the title; a `url` longer than
 * PASSIM_URL_MAX_BYTES gives PASSIM_ETOOBIG. All strings must be valid
 * UTF-8 (PASSIM_EINVAL otherwise). On error `a` is unchanged.
 * Return value:
 *   PASSIM_OK  the fields are set.
 *   PASSIM_EINVAL  a bad date, or a string that is not valid UTF-8.
 *   PASSIM_ETOOBIG  a url over PASSIM_URL_MAX_BYTES.
 *   PASSIM_ENOMEM  out of memory. */
passim_status passim_article_set_meta(passim_article *a, const char *title,
                                      const char *date, const char *byline,
                                      const char *url);

/* Free. Accepts NULL. */
void passim_article_free(passim_article *a);

#ifdef __cplusplus
}
#endif
#endif
