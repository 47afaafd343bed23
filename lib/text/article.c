/* article.c — build an article from raw bytes (see article.h).
 *
 * The raw bytes go through a few linear passes, all but the first in place:
 *   1. decode: drop a byte-order mark, turn CR LF and lone CR into LF,
 *      control bytes into spaces, and every byte that does not start a
 *      valid UTF-8 sequence into its Windows-1252 character;
 *   2. lines: take out caption noise (markdown images, table pipes at the
 *      ends of a line) and trailing white space;
 *   3. header: find the date in the first lines, take out a
 *      "date YYYY-MM-DD" label, then trim the text's ends;
 *   4. title: the headline, else the opening words.
 */
#include "text/article.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "text/sentence.h" /* passim_space_len */
#include "util/utf8out.h"    /* passim_utf8_seq, passim_utf8_valid */

#define HEADER_LINES 8       /* non-blank lines searched for a date */
#define TITLE_WORDS 12       /* opening words taken as a fallback title */
#define MAX_CREDIT_LINES 2   /* photo-credit lines skipped before a title */
#define ELLIPSIS "\xE2\x80\xA6"
#define ELLIPSIS_LEN 3

/* Windows-1252 bytes 0x80..0x9F as code points. The five bytes the code
 * page leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) become U+FFFD. Bytes
 * 0xA0..0xFF are the Latin-1 code points of the same value. */
static const uint16_t cp1252_c1[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

static const char *const month_names[12] = {
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december"};

/* Write code point cp (< 0x10000) as UTF-8 at w; returns the bytes written. */
static size_t put_utf8(char *w, uint32_t cp)
{
    if (cp < 0x80) {
        w[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        w[0] = (char)(0xC0 | (cp >> 6));
        w[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    w[0] = (char)(0xE0 | (cp >> 12));
    w[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    w[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
}

/* Decode raw[0..len) into out (at least 3 * len bytes): see the file
 * comment, pass 1. Valid UTF-8 is copied, except C1 control characters
 * (U+0080..U+009F), the mark of Windows-1252 text once decoded as
 * Latin-1, which become their Windows-1252 characters. Sets
 * PASSIM_ARTICLE_RECODED in *flags when a byte was not valid UTF-8.
 * Returns the bytes written. */
static size_t decode(char *out, unsigned *flags, const uint8_t *raw,
                     size_t len)
{
    size_t i = 0, w = 0;

    if (len >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF)
        i = 3;
    while (i < len) {
        uint8_t b = raw[i];
        if (b < 0x80) {
            if (b == '\r') {
                out[w++] = '\n';
                i += (i + 1 < len && raw[i + 1] == '\n') ? 2 : 1;
                continue;
            }
            out[w++] = (b < 0x20 && b != '\t' && b != '\n') || b == 0x7F
                           ? ' ' : (char)b;
            i++;
            continue;
        }
        size_t k = passim_utf8_seq((const char *)raw + i, len - i);
        if (k == 2 && b == 0xC2 && raw[i + 1] < 0xA0) {
            w += put_utf8(out + w, cp1252_c1[raw[i + 1] - 0x80]);
        } else if (k) {
            memcpy(out + w, raw + i, k);
            w += k;
        } else {
            *flags |= PASSIM_ARTICLE_RECODED;
            w += put_utf8(out + w, b < 0xA0 ? cp1252_c1[b - 0x80] : b);
            k = 1;
        }
        i += k;
    }
    return w;
}

/* Shrink [*a, *b) past white space at both ends. */
static void trim(const char *t, size_t *a, size_t *b)
{
    size_t k;
    while (*a < *b && (k = passim_space_len(t, *a, *b)) != 0)
        *a += k;
    while (*b > *a && (k = passim_space_len_back(t, *a, *b)) != 0)
        *b -= k;
}

/* Length of a markdown image "![alt](url)" starting at t[i], on the line
 * ending at le, or 0. *rb and *rp cache the positions of the next ']' and
 * ')' on the line (le: none), so a line full of "![" stays linear. */
static size_t image_len(const char *t, size_t i, size_t le, size_t *rb,
                        size_t *rp)
{
    if (t[i] != '!' || i + 1 >= le || t[i + 1] != '[')
        return 0;
    if (*rb < i + 2) {
        const char *p = memchr(t + i + 2, ']', le - (i + 2));
        *rb = p ? (size_t)(p - t) : le;
    }
    size_t j = *rb;
    if (j + 1 >= le || t[j + 1] != '(')
        return 0;
    if (*rp < j + 2) {
        const char *p = memchr(t + j + 2, ')', le - (j + 2));
        *rp = p ? (size_t)(p - t) : le;
    }
    if (*rp >= le)
        return 0;
    return *rp + 1 - i;
}

/* Pass 2, in place over t[0..n): per line, drop markdown images and table
 * pipes at the line's ends; a line that lost noise is trimmed at both
 * ends, any other line keeps its indentation and loses trailing white
 * space; a line left with only white space becomes empty. Returns the new
 * length. */
static size_t clean_lines(char *t, size_t n)
{
    size_t r = 0, w = 0;

    while (r < n) {
        const char *nl = memchr(t + r, '\n', n - r);
        size_t le = nl ? (size_t)(nl - t) : n;
        size_t wl = w, rb = 0, rp = 0;
        int noise = 0;

        for (size_t i = r; i < le;) {
            size_t k = image_len(t, i, le, &rb, &rp);
            if (k) {
                i += k;
                noise = 1;
            } else
                t[w++] = t[i++];
        }
        size_t a = wl, b = w;
        trim(t, &a, &b);
        while (a < b && (t[a] == '|' || t[b - 1] == '|')) {
            if (t[a] == '|')
                a++;
            if (b > a && t[b - 1] == '|')
                b--;
            trim(t, &a, &b);
            noise = 1;
        }
        if (a == b)
            w = wl;
        else if (noise) {
            memmove(t + wl, t + a, b - a);
            w = wl + (b - a);
        } else
            w = b;
        if (nl)
            t[w++] = '\n';
        r = le + (nl ? 1 : 0);
    }
    return w;
}

/* Content of the line starting at t[pos] (pos < n): [*a, *b) trimmed of
 * white space; *next is the start of the following line (n at the end). */
static void line_at(const char *t, size_t n, size_t pos, size_t *a,
                    size_t *b, size_t *next)
{
    const char *nl = memchr(t + pos, '\n', n - pos);
    size_t le = nl ? (size_t)(nl - t) : n;
    *a = pos;
    *b = le;
    trim(t, a, b);
    *next = nl ? le + 1 : n;
}

/* Whether t[i..i+k) are all ASCII digits (the caller checks bounds). */
static int digits(const char *t, size_t i, size_t k)
{
    for (size_t j = 0; j < k; j++)
        if ((unsigned)(t[i + j] - '0') > 9u)
            return 0;
    return 1;
}

/* Value of the k ASCII digits at t[i]. */
static int num(const char *t, size_t i, size_t k)
{
    int v = 0;
    for (size_t j = 0; j < k; j++)
        v = v * 10 + (t[i + j] - '0');
    return v;
}

/* Month (1..12) named by the letters t[i..i+k), a full English name or
 * its first three letters (also "Sept"), any case; 0 if none. */
static int month_of(const char *t, size_t i, size_t k)
{
    if (k < 3 || k > 9)
        return 0;
    for (int m = 0; m < 12; m++) {
        const char *name = month_names[m];
        size_t nl = strlen(name);
        if (k != 3 && k != nl && !(m == 8 && k == 4))
            continue;
        size_t j = 0;
        while (j < k && (t[i + j] | 0x20) == name[j])
            j++;
        if (j == k)
            return m + 1;
    }
    return 0;
}

/* Length of a one- or two-digit day at t[i..b): 2, 1, or 0 for none. */
static size_t day_len(const char *t, size_t i, size_t b)
{
    if (b - i >= 2 && digits(t, i, 2))
        return 2;
    return b - i >= 1 && digits(t, i, 1) ? 1 : 0;
}

/* Length of the run of ASCII letters at t[i..b). */
static size_t letters(const char *t, size_t i, size_t b)
{
    size_t j = i;
    while (j < b && (unsigned)((t[j] | 0x20) - 'a') < 26u)
        j++;
    return j - i;
}

/* ---- photo credits --------------------------------------------------------
 *
 * Credits are taken out of the text (like caption noise, so they are never
 * passages and their words are not indexed):
 *   - a group in parentheses starting with a credit marker, on any line:
 *     "(Photo: Nguyen Hong)", "(Photo by ...)", "(AP Photo/...)";
 *   - on a line under CREDIT_LINE_MAX bytes, a segment running to the end
 *     of the line that starts with a credit marker, after at most
 *     CREDIT_PREFIX_MAX bytes of up to three words, one for a marker
 *     ending in ':' (a cut-off word or a name: "ge Credit: ...", "DoD
 *     photo by ...", "John Moore/Getty Images"); a segment starts at the
 *     line's start, after a '|' or after a sentence end (". ", "? ", "! ").
 * A line left empty becomes a blank line. */

#define CREDIT_LINE_MAX 320   /* longest line whose end may be a credit */
#define CREDIT_PREFIX_MAX 24  /* bytes before the marker in its segment */
#define CREDIT_GROUP_MAX 160  /* longest credit in parentheses */

/* Credit markers (lower case; matched in any case at a word start). */
static const char *const credit_markers[] = {
    "credit:", "credits:", "photo:", "photos:", "image:", "images:", "picture:",
    "pictures:", "photograph:", "photographs:", "photo by ", "photos by ",
    "photograph by ", "picture by ", "pictures by ", "image by ", "photo credit",
    "image credit", "picture credit", "photo courtesy", "image courtesy",
    "ap photo", "afp photo", "getty images", "shutterstock",
};

/* Length of the credit marker at t[i..b), or 0. */
static size_t credit_marker_at(const char *t, size_t i, size_t b)
{
    if (i > 0 && ((unsigned)((t[i - 1] | 0x20) - 'a') < 26u || digits(t, i - 1, 1)))
        return 0; /* inside a word */
    for (size_t m = 0; m < sizeof credit_markers / sizeof credit_markers[0]; m++) {
        const char *s = credit_markers[m];
        size_t k = strlen(s), j = 0;
        if (b - i < k)
            continue;
        while (j < k && (t[i + j] | 0x20) == s[j])
            j++;
        if (j == k)
            return k;
    }
    return 0;
}

/* Where the credit ending the line t[a..b) starts, or b when there is
 * none (see above). */
static size_t credit_tail(const char *t, size_t a, size_t b)
{
    size_t seg = a, words = 0;
    if (b - a >= CREDIT_LINE_MAX)
        return b;
    for (size_t i = a; i < b; i++) {
        char c = t[i];
        if (c == '|' || ((c == '.' || c == '?' || c == '!') && i + 1 < b && t[i + 1] == ' ')) {
            seg = i + 1;
            words = 0;
            continue;
        }
        if (c == ' ' && i > seg && t[i - 1] != ' ')
            words++;
        size_t k;
        if (i - seg <= CREDIT_PREFIX_MAX && words <= 3 && (i == a || t[i - 1] != '(') &&
            (k = credit_marker_at(t, i, b)) &&
            (t[i + k - 1] != ':' || words <= 1))
            return seg;
    }
    return b;
}

/* Length of a credit in parentheses at t[i..b) ("(Photo: X)"), or 0. */
static size_t credit_group(const char *t, size_t i, size_t b)
{
    if (t[i] != '(' || i + 1 >= b || !credit_marker_at(t, i + 1, b))
        return 0;
    size_t lim = b - i > CREDIT_GROUP_MAX ? i + CREDIT_GROUP_MAX : b;
    const char *close = memchr(t + i, ')', lim - i);
    return close ? (size_t)(close - t) + 1 - i : 0;
}

/* Pass 2b, in place over t[0..n): take credits out (see above). Returns
 * the new length. */
static size_t strip_credits(char *t, size_t n)
{
    size_t r = 0, w = 0;

    while (r < n) {
        const char *nl = memchr(t + r, '\n', n - r);
        size_t le = nl ? (size_t)(nl - t) : n;
        size_t a = r, b = le, wl = w, k;
        trim(t, &a, &b);
        size_t cut = credit_tail(t, a, b);
        while (cut > a && (t[cut - 1] == ' ' || t[cut - 1] == '|' || t[cut - 1] == '\t'))
            cut--;
        for (size_t i = r; i < a; i++)
            t[w++] = t[i]; /* indentation */
        size_t content = w;
        for (size_t i = a; i < cut;) {
            if ((k = credit_group(t, i, cut)) != 0) {
                while (w > content && (t[w - 1] == ' ' || t[w - 1] == '\t'))
                    w--; /* the space before the group goes too */
                i += k;
                continue;
            }
            t[w++] = t[i++];
        }
        size_t ca = content, cb = w;
        trim(t, &ca, &cb);
        if (ca == cb)
            w = wl; /* nothing left: a blank line */
        else
            w = cb;
        if (nl)
            t[w++] = '\n';
        r = le + (nl ? 1 : 0);
    }
    return w;
}

/* ---- dates ---------------------------------------------------------------
 *
 * A date is stored only when it is a real day (passim_date_valid). The
 * shapes read, each a function returning the bytes it took (0: none):
 *   iso_at      YYYY-MM-DD, then optionally "T" or " " and a time
 *               hh:mm[:ss[.fraction]] with an optional zone (Z, +hh:mm,
 *               -hhmm, +hh);
 *   named_at    [Weekday[,]] Month[.] D[st|nd|rd|th][,] YYYY, or
 *               [Weekday[,]] D[st..] Month[.][,] YYYY (English names, any
 *               case, three-letter forms and "Sept" too);
 *   numeric_at  nn/nn/YYYY: month/day as in the US unless the first number
 *               is over 12 (then day/month); YYYY/MM/DD.
 * A clock time may follow a date on its line (time_tail). */

int passim_month_days(int y, int m)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || y > 9999 || m < 1 || m > 12)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : mdays[m - 1];
}

int passim_date_valid(int y, int m, int d)
{
    return d >= 1 && d <= passim_month_days(y, m);
}

/* Store year-month-day in out as "YYYY-MM-DD" when it is a real day;
 * returns 1 if stored. */
static int set_date(char out[11], int y, int m, int d)
{
    static const char dig[] = "0123456789";
    if (!passim_date_valid(y, m, d))
        return 0;
    out[0] = dig[y / 1000];
    out[1] = dig[y / 100 % 10];
    out[2] = dig[y / 10 % 10];
    out[3] = dig[y % 10];
    out[4] = '-';
    out[5] = dig[m / 10];
    out[6] = dig[m % 10];
    out[7] = '-';
    out[8] = dig[d / 10];
    out[9] = dig[d % 10];
    out[10] = '\0';
    return 1;
}

/* Whether t[i] (i <= b) is the end of t[..b) or not an ASCII digit. */
static int no_digit(const char *t, size_t i, size_t b)
{
    return i >= b || !digits(t, i, 1);
}

/* Whether t[i] (i <= b) is the end or not an ASCII letter or digit. */
static int word_end(const char *t, size_t i, size_t b)
{
    return i >= b || !((unsigned)((t[i] | 0x20) - 'a') < 26u || digits(t, i, 1));
}

/* Length of a time zone at t[i..b): "Z", "+hh:mm", "-hhmm", "+hh"; 0 if
 * none or out of range. */
static size_t zone_at(const char *t, size_t i, size_t b)
{
    if (i < b && t[i] == 'Z')
        return 1;
    if (b - i < 3 || (t[i] != '+' && t[i] != '-') || !digits(t, i + 1, 2) ||
        num(t, i + 1, 2) > 23)
        return 0;
    size_t j = i + 3;
    if (j < b && t[j] == ':')
        j++;
    if (b - j >= 2 && digits(t, j, 2)) {
        if (num(t, j, 2) > 59)
            return 0;
        return j + 2 - i;
    }
    return t[j - 1] == ':' ? 0 : 3;
}

/* Length of a clock time at t[i..b): h[h]:mm[:ss[.fraction]] (hours up
 * to 23, seconds up to 60); 0 if none. `two`: the hour must have two
 * digits (ISO). */
static size_t clock_at(const char *t, size_t i, size_t b, int two)
{
    size_t j = i, hk = b - i >= 2 && digits(t, i, 2) ? 2 : (!two && b - i >= 1 &&
                                                          digits(t, i, 1)) ? 1 : 0;
    if (!hk || num(t, i, hk) > 23)
        return 0;
    j += hk;
    if (b - j < 3 || t[j] != ':' || !digits(t, j + 1, 2) || num(t, j + 1, 2) > 59)
        return 0;
    j += 3;
    if (b - j >= 3 && t[j] == ':' && digits(t, j + 1, 2)) {
        if (num(t, j + 1, 2) > 60)
            return 0;
        j += 3;
        if (b - j >= 2 && (t[j] == '.' || t[j] == ',') && digits(t, j + 1, 1)) {
            j++;
            while (j < b && digits(t, j, 1))
                j++;
        }
    }
    return no_digit(t, j, b) ? j - i : 0;
}

/* Length of an ISO date at t[i..b), with an ISO time after "T" or " "
 * when one follows; stores the date in out. 0 if none. */
static size_t iso_at(char out[11], const char *t, size_t i, size_t b)
{
    if (b - i < 10 || !digits(t, i, 4) || t[i + 4] != '-' ||
        !digits(t, i + 5, 2) || t[i + 7] != '-' || !digits(t, i + 8, 2) ||
        !no_digit(t, i + 10, b) ||
        !set_date(out, num(t, i, 4), num(t, i + 5, 2), num(t, i + 8, 2)))
        return 0;
    size_t j = i + 10;
    if (j < b && (t[j] == 'T' || t[j] == ' ')) {
        size_t k = clock_at(t, j + 1, b, 1);
        if (k) {
            j += 1 + k;
            j += zone_at(t, j, b);
        } else if (t[j] == 'T') {
            return 0; /* "2024-01-02Tnonsense" */
        }
    }
    return j - i;
}

/* Whether t[i..b) is a complete ISO date or timestamp (see iso_at): the
 * form a JSON Lines "date" takes. Stores the date in out. */
static int iso_whole(char out[11], const char *t, size_t n)
{
    size_t k = iso_at(out, t, 0, n);
    return k && k == n;
}

/* Length of a weekday name at t[i..b) (full or three letters, any case)
 * with a comma and white space after it; 0 if none. */
static size_t weekday_at(const char *t, size_t i, size_t b)
{
    static const char *const days[7] = {"monday", "tuesday", "wednesday", "thursday",
                                        "friday", "saturday", "sunday"};
    size_t k = letters(t, i, b);
    int hit = 0;
    for (int d = 0; d < 7 && !hit && k >= 3; d++) {
        size_t nl = strlen(days[d]);
        if (k != 3 && k != nl)
            continue;
        size_t j = 0;
        while (j < k && (t[i + j] | 0x20) == days[d][j])
            j++;
        hit = j == k;
    }
    if (!hit)
        return 0;
    size_t j = i + k;
    if (j < b && (t[j] == ',' || t[j] == '.'))
        j++;
    if (j >= b || t[j] != ' ')
        return 0;
    while (j < b && t[j] == ' ')
        j++;
    return j - i;
}

/* Length of a day number at t[i..b) with an optional English ordinal
 * suffix (st nd rd th); its value in *d. 0 if none. */
static size_t day_at(const char *t, size_t i, size_t b, int *d)
{
    size_t k = day_len(t, i, b);
    if (!k || !no_digit(t, i + k, b))
        return 0;
    *d = num(t, i, k);
    size_t j = i + k;
    if (b - j >= 2 && letters(t, j, b) == 2) {
        char s0 = (char)(t[j] | 0x20), s1 = (char)(t[j + 1] | 0x20);
        if ((s0 == 's' && s1 == 't') || (s0 == 'n' && s1 == 'd') ||
            (s0 == 'r' && s1 == 'd') || (s0 == 't' && s1 == 'h'))
            j += 2;
    }
    return word_end(t, j, b) ? j - i : 0;
}

/* Length of a month name at t[i..b) with an optional period; its number
 * in *m. 0 if none. */
static size_t month_at(const char *t, size_t i, size_t b, int *m)
{
    size_t k = letters(t, i, b);
    if (!k || !(*m = month_of(t, i, k)))
        return 0;
    if (i + k < b && t[i + k] == '.')
        k++;
    return k;
}

/* Length of a four-digit year at t[i..b), not followed by a digit; its
 * value in *y. */
static size_t year_at(const char *t, size_t i, size_t b, int *y)
{
    if (b - i < 4 || !digits(t, i, 4) || !no_digit(t, i + 4, b))
        return 0;
    *y = num(t, i, 4);
    return 4;
}

/* Skip one ',' and the spaces after t[i]; returns the new index. */
static size_t comma_space(const char *t, size_t i, size_t b)
{
    if (i < b && t[i] == ',')
        i++;
    while (i < b && t[i] == ' ')
        i++;
    return i;
}

/* Length of a date written with a month name at t[i..b) (see above);
 * stores it in out. */
static size_t named_at(char out[11], const char *t, size_t i, size_t b)
{
    size_t j = i + weekday_at(t, i, b), k;
    int y = 0, m = 0, d = 0;

    if ((k = month_at(t, j, b, &m)) != 0) {
        size_t p = j + k;
        if (p >= b || t[p] != ' ')
            return 0;
        p = comma_space(t, p, b);
        if (!(k = day_at(t, p, b, &d)))
            return 0;
        p = comma_space(t, p + k, b);
        if (p == j || !(k = year_at(t, p, b, &y)))
            return 0;
        return set_date(out, y, m, d) ? p + k - i : 0;
    }
    if ((k = day_at(t, j, b, &d)) != 0) {
        size_t p = j + k;
        if (p >= b || t[p] != ' ')
            return 0;
        while (p < b && t[p] == ' ')
            p++;
        if (!(k = month_at(t, p, b, &m)))
            return 0;
        p += k;
        if (p >= b || (t[p] != ' ' && t[p] != ','))
            return 0;
        p = comma_space(t, p, b);
        if (!(k = year_at(t, p, b, &y)))
            return 0;
        return set_date(out, y, m, d) ? p + k - i : 0;
    }
    return 0;
}

/* Length of a numeric date at t[i..b): nn/nn/YYYY (US month/day, but
 * day/month when the first number is over 12) or YYYY/MM/DD; stores it in
 * out. */
static size_t numeric_at(char out[11], const char *t, size_t i, size_t b)
{
    if (b - i >= 10 && digits(t, i, 4) && t[i + 4] == '/' && digits(t, i + 5, 2) &&
        t[i + 7] == '/' && digits(t, i + 8, 2) && no_digit(t, i + 10, b))
        return set_date(out, num(t, i, 4), num(t, i + 5, 2), num(t, i + 8, 2)) ? 10 : 0;
    size_t k1 = day_len(t, i, b);
    if (!k1 || i + k1 >= b || t[i + k1] != '/')
        return 0;
    size_t j = i + k1 + 1, k2 = day_len(t, j, b);
    if (!k2 || j + k2 >= b || t[j + k2] != '/')
        return 0;
    int a = num(t, i, k1), c = num(t, j, k2), y;
    size_t yk = year_at(t, j + k2 + 1, b, &y);
    if (!yk)
        return 0;
    int month = a > 12 ? c : a, day = a > 12 ? a : c;
    return set_date(out, y, month, day) ? j + k2 + 1 + yk - i : 0;
}

/* Length of a date of any shape above at t[i..b); stores it in out. */
static size_t date_at(char out[11], const char *t, size_t i, size_t b)
{
    size_t k;
    if ((k = iso_at(out, t, i, b)) || (k = numeric_at(out, t, i, b)) ||
        (k = named_at(out, t, i, b)))
        return k;
    return 0;
}

/* Whether t[i..b) is only what may follow a date on its line: separators
 * (" , | - at"), a clock time with "am"/"pm" and a zone name or offset,
 * in any order, at most TAIL_MAX bytes. */
#define TAIL_MAX 40
static int date_tail(const char *t, size_t i, size_t b)
{
    if (b - i > TAIL_MAX)
        return 0;
    while (i < b) {
        size_t k;
        if (t[i] == ' ' || t[i] == ',' || t[i] == '|' || t[i] == '-' ||
            t[i] == '(' || t[i] == ')') {
            i++;
        } else if ((k = clock_at(t, i, b, 0)) != 0) {
            i += k;
        } else if ((k = zone_at(t, i, b)) != 0 && t[i] != '-') {
            i += k;
        } else if ((k = letters(t, i, b)) != 0) {
            /* "at", "am", "pm", "a.m.", zone names in capitals ("GMT",
             * "UTC+7", "ET") */
            int ok = (k == 2 && (((t[i] | 0x20) == 'a' && (t[i + 1] | 0x20) == 't') ||
                                 (((t[i] | 0x20) == 'a' || (t[i] | 0x20) == 'p') &&
                                  (t[i + 1] | 0x20) == 'm')));
            if (!ok && k >= 2 && k <= 5) {
                ok = 1;
                for (size_t j = 0; j < k; j++)
                    ok &= (unsigned)(t[i + j] - 'A') < 26u;
            }
            if (!ok && k == 1 && ((t[i] | 0x20) == 'a' || (t[i] | 0x20) == 'p') &&
                b - i >= 4 && t[i + 1] == '.' && (t[i + 2] | 0x20) == 'm' && t[i + 3] == '.')
                k = 4, ok = 1;
            if (!ok)
                return 0;
            i += k;
        } else {
            return 0;
        }
    }
    return 1;
}

/* Labels a date line may start with (lower case; matched in any case,
 * then an optional ':' and optional "on"). */
static const char *const date_labels[] = {
    "published", "first published", "updated", "last updated", "posted",
    "date", "dated", "filed", "released", "modified", "last modified",
    "created", "issued",
};

/* Length of a date label at t[a..b) and the white space after it; 0 if
 * none. */
static size_t label_at(const char *t, size_t a, size_t b)
{
    for (size_t l = 0; l < sizeof date_labels / sizeof date_labels[0]; l++) {
        size_t k = strlen(date_labels[l]), j = 0;
        if (b - a <= k)
            continue;
        while (j < k && (t[a + j] | 0x20) == date_labels[l][j])
            j++;
        if (j < k || !word_end(t, a + k, b))
            continue;
        size_t i = a + k;
        if (i < b && t[i] == ':')
            i++;
        if (i >= b || t[i] != ' ')
            continue;
        while (i < b && t[i] == ' ')
            i++;
        if (b - i > 3 && (t[i] | 0x20) == 'o' && (t[i + 1] | 0x20) == 'n' && t[i + 2] == ' ')
            i += 3;
        while (i < b && t[i] == ' ')
            i++;
        return i - a;
    }
    return 0;
}

/* Whether the line t[a..b) states a date: an optional label ("Published",
 * "Updated:", "Posted on", ...), a date of any shape, then at most a clock
 * time ("Published 2024-03-15T08:00:00Z", "March 3, 2021", "Updated:
 * 12/05/2023 10:15 GMT"); stores it in out. */
static int date_line(char out[11], const char *t, size_t a, size_t b)
{
    size_t i = a + label_at(t, a, b);
    size_t k = date_at(out, t, i, b);
    return k && date_tail(t, i + k, b);
}

/* Whether the line t[a..b) is a newswire dateline such as
 * "26-FEB-1987 15:01:01.79" (one-digit days, trailing desk codes and
 * several spaces allowed); stores its date in out. */
static int dateline(char out[11], const char *t, size_t a, size_t b)
{
    size_t i = a, k;
    int d, m, y;

    k = day_len(t, i, b);
    if (!k)
        return 0;
    d = num(t, i, k);
    i += k;
    if (b - i < 10 || t[i] != '-' || letters(t, i + 1, b) != 3 ||
        !(m = month_of(t, i + 1, 3)) || t[i + 4] != '-' || !digits(t, i + 5, 4))
        return 0;
    y = num(t, i + 5, 4);
    i += 9;
    if (i >= b || (t[i] != ' ' && t[i] != '\t'))
        return 0;
    while (i < b && (t[i] == ' ' || t[i] == '\t'))
        i++;
    /* HH:MM:SS, then optional .fraction and desk letters. */
    if (b - i < 7 || !digits(t, i, 1))
        return 0;
    i += digits(t, i, 2) ? 2 : 1;
    if (b - i < 6 || t[i] != ':' || !digits(t, i + 1, 2) || t[i + 3] != ':' ||
        !digits(t, i + 4, 2))
        return 0;
    i += 6;
    if (i < b && t[i] == '.') {
        i++;
        while (i < b && digits(t, i, 1))
            i++;
    }
    while (i < b && (t[i] == ' ' || t[i] == '\t' || letters(t, i, b)))
        i++; /* desk codes such as "RM" or "T C" */
    return i == b && set_date(out, y, m, d);
}

/* Length of a "date YYYY-MM-DD" label at t[a..b) ("Date:" too), with the
 * white space after it; stores the date in out. 0 if there is none. */
static size_t date_label(char out[11], const char *t, size_t a, size_t b)
{
    size_t i = a;
    char tmp[11];

    if (b - i < 5 || (t[i] | 0x20) != 'd' || (t[i + 1] | 0x20) != 'a' ||
        (t[i + 2] | 0x20) != 't' || (t[i + 3] | 0x20) != 'e')
        return 0;
    i += 4;
    if (t[i] == ':')
        i++;
    if (i >= b || (t[i] != ' ' && t[i] != '\t'))
        return 0;
    while (i < b && (t[i] == ' ' || t[i] == '\t'))
        i++;
    if (b - i < 10 || !iso_at(tmp, t, i, i + 10))
        return 0;
    i += 10;
    if (i < b && t[i] != ' ' && t[i] != '\t')
        return 0;
    while (i < b && (t[i] == ' ' || t[i] == '\t'))
        i++;
    memcpy(out, tmp, sizeof tmp);
    return i - a;
}

/* ---- bylines -------------------------------------------------------------
 *
 * A byline is a short header line naming the author(s), never a sentence:
 * "By Name", "By Name and Name", "By Name, Name & Name", "By Name, Agency",
 * "By Name | Agency", optionally ending with a date ("By Prashanth
 * Parameswaran June 05, 2015"). The prefix is "By", "BY", "By:", "Written
 * by" or "Posted by". Each name is one to six words, every word
 * capitalised (any script), an initial ("J.", "J.R."), or a particle (de,
 * van, von, al, bin, ...); after a comma, '|' or a dash, an affiliation
 * may hold words of any case ("staff writer"). At most 16 words in all; no
 * digits, quotes, '?', '!', ';', ':' or sentence period. */

#define BYLINE_LINE_MAX 160   /* longest byline line, bytes */
#define NAME_WORDS_MAX 6      /* words in one name */
#define BYLINE_WORDS_MAX 16   /* words in a whole byline */

static const char *const name_particles[] = {
    "al", "bin", "bint", "da", "das", "de", "del", "della", "den", "der", "di",
    "do", "dos", "du", "el", "ibn", "la", "le", "st", "ten", "ter", "van",
    "von", "y", "zu",
};

/* Length of a byline prefix at t[a..b) with the spaces after it; 0 if
 * none. */
static size_t byline_prefix(const char *t, size_t a, size_t b)
{
    static const char *const prefixes[] = {"By: ", "By ", "BY: ", "BY ",
                                           "Written by ", "Posted by ",
                                           "WRITTEN BY "};
    for (size_t p = 0; p < sizeof prefixes / sizeof prefixes[0]; p++) {
        size_t k = strlen(prefixes[p]);
        if (b - a > k && memcmp(t + a, prefixes[p], k) == 0) {
            while (a + k < b && t[a + k] == ' ')
                k++;
            return k;
        }
    }
    return 0;
}

/* Unicode category of the code point at t[i..b); its length in *len. */
static int category_at(size_t *len, const char *t, size_t i, size_t b)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)t + i,
                                          (utf8proc_ssize_t)(b - i), &cp);
    if (r <= 0) {
        *len = 1;
        return UTF8PROC_CATEGORY_CN;
    }
    *len = (size_t)r;
    return utf8proc_category(cp);
}

/* Kind of the word t[i..e) of a byline. */
enum name_word {
    W_BAD,      /* digits, quotes, sentence punctuation: no byline */
    W_NAME,     /* capitalised, or an initial */
    W_PARTICLE, /* "van", "de", ... */
    W_AND,      /* "and", "&" */
    W_OTHER     /* any other word (allowed in an affiliation) */
};

static enum name_word name_word(const char *t, size_t i, size_t e)
{
    size_t k = e - i, len;
    if (k == 1 && t[i] == '&')
        return W_AND;
    if (k == 3 && memcmp(t + i, "and", 3) == 0)
        return W_AND;
    int first = category_at(&len, t, i, e), letters_seen = 0;
    for (size_t j = i; j < e; j += len) {
        int cat = category_at(&len, t, j, e);
        if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) {
            letters_seen = 1;
            continue;
        }
        if (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC)
            continue;
        char c = t[j];
        if (c == '-' || c == '\'' || (len == 3 && (uint8_t)c == 0xE2 &&
                                      (uint8_t)t[j + 1] == 0x80 && (uint8_t)t[j + 2] == 0x99))
            continue; /* "Jean-Luc", "O'Brien", "O’Brien" */
        if (c == '.') {
            /* Only an initial or an abbreviation ends in a period:
             * "J.", "J.R.", "Jr.", "Dr.", "St." */
            size_t run = j - i;
            if (run == 1 || (j >= 2 && t[j - 2] == '.') ||
                (run == 2 && (memcmp(t + i, "Jr", 2) == 0 || memcmp(t + i, "Sr", 2) == 0 ||
                              memcmp(t + i, "Dr", 2) == 0 || memcmp(t + i, "St", 2) == 0)))
                continue;
            return W_BAD;
        }
        return W_BAD;
    }
    if (!letters_seen)
        return W_BAD;
    if (first == UTF8PROC_CATEGORY_LU || first == UTF8PROC_CATEGORY_LT ||
        first == UTF8PROC_CATEGORY_LO)
        return W_NAME;
    for (size_t p = 0; p < sizeof name_particles / sizeof name_particles[0]; p++)
        if (strlen(name_particles[p]) == k && memcmp(name_particles[p], t + i, k) == 0)
            return W_PARTICLE;
    return W_OTHER;
}

/* Whether t[a..e) (trimmed) reads as the names of a byline (see above). */
static int names_like(const char *t, size_t a, size_t e)
{
    int words = 0, in_name = 0, names_in = 0, affiliation = 0, expect = 1;
    size_t i = a;

    while (i < e) {
        if (t[i] == ' ') {
            i++;
            continue;
        }
        if (t[i] == ',' || t[i] == '|' || t[i] == '/' ||
            (t[i] == '-' && i + 1 < e && t[i + 1] == ' ')) {
            if (expect)
                return 0; /* nothing before the separator */
            affiliation = 1;
            expect = 1;
            in_name = 0;
            i++;
            continue;
        }
        if ((uint8_t)t[i] == 0xE2 && e - i >= 3 && (uint8_t)t[i + 1] == 0x80 &&
            ((uint8_t)t[i + 2] == 0x93 || (uint8_t)t[i + 2] == 0x94)) {
            if (expect)
                return 0;
            affiliation = 1; /* "–" "—" */
            expect = 1;
            in_name = 0;
            i += 3;
            continue;
        }
        size_t j = i;
        while (j < e && t[j] != ' ' && t[j] != ',' && t[j] != '|')
            j++;
        size_t we = j;
        int paren = 0;
        if (t[i] == '(' && we - i > 2 && t[we - 1] == ')') {
            paren = 1; /* "(Reuters)" */
            i++;
            we--;
        }
        enum name_word w = name_word(t, i, we);
        if (w == W_BAD || ++words > BYLINE_WORDS_MAX)
            return 0;
        if (w == W_AND) {
            if (expect)
                return 0;
            expect = 1;
            in_name = 0;
        } else if (affiliation || paren) {
            expect = 0;
        } else {
            if (w == W_OTHER || ++in_name > NAME_WORDS_MAX)
                return 0;
            if (w == W_NAME)
                names_in++;
            expect = 0;
        }
        i = j;
    }
    return names_in > 0 && !expect;
}

/* Whether t[w..e) is "on" or a one-word date label ("Published"), any
 * case. */
static int joining_word(const char *t, size_t w, size_t e)
{
    size_t k = e - w;
    if (k == 2 && (t[w] | 0x20) == 'o' && (t[w + 1] | 0x20) == 'n')
        return 1;
    for (size_t l = 0; l < sizeof date_labels / sizeof date_labels[0]; l++) {
        const char *s = date_labels[l];
        size_t j = 0;
        if (strlen(s) != k || strchr(s, ' '))
            continue;
        while (j < k && (t[w + j] | 0x20) == s[j])
            j++;
        if (j == k)
            return 1;
    }
    return 0;
}

/* If t[a..b) is a byline, copy its names into `names` (at most
 * PASSIM_BYLINE_MAX_BYTES) and, when it ends with a date, that date into
 * `date` (else date[0] = '\0'); return 1. */
static int byline_line(const char *t, size_t a, size_t b, char *names, char date[11])
{
    size_t p, e = b;
    date[0] = '\0';
    if (b - a >= BYLINE_LINE_MAX || !(p = byline_prefix(t, a, b)))
        return 0;
    a += p;
    /* A date ending the line ends the names. */
    for (size_t i = a + 1; i < b; i++) {
        if (t[i - 1] != ' ' && t[i - 1] != ',' && t[i - 1] != '|')
            continue;
        char d[11];
        size_t k = date_at(d, t, i, b);
        if (k && date_tail(t, i + k, b)) {
            e = i;
            memcpy(date, d, sizeof d);
            break;
        }
    }
    /* Words joining the names to the date: "on", "Published", "|", "-". */
    for (;;) {
        while (e > a && (t[e - 1] == ' ' || t[e - 1] == ',' || t[e - 1] == '|' ||
                         t[e - 1] == '-' || t[e - 1] == ':'))
            e--;
        size_t w = e;
        while (w > a && t[w - 1] != ' ')
            w--;
        if (!date[0] || w == a || !joining_word(t, w, e))
            break;
        e = w;
    }
    if (e <= a || !names_like(t, a, e)) {
        date[0] = '\0';
        return 0;
    }
    if (e - a > PASSIM_BYLINE_MAX_BYTES) {
        e = a + PASSIM_BYLINE_MAX_BYTES;
        while (e > a && ((unsigned char)t[e] & 0xC0) == 0x80)
            e--; /* do not cut a character */
    }
    memcpy(names, t + a, e - a);
    names[e - a] = '\0';
    return 1;
}

/* Pass 3 over t[0..n): search the first HEADER_LINES non-blank lines for
 * a date (the first found counts) and a byline, and take
 * "date YYYY-MM-DD" labels out of the text. Returns the new length. */
static size_t header(char *t, size_t n, char date[11], char *by)
{
    size_t pos = 0;
    int seen = 0;
    char d[11];

    while (pos < n && seen < HEADER_LINES) {
        size_t a, b, next;
        line_at(t, n, pos, &a, &b, &next);
        if (a < b) {
            seen++;
            if (!by[0] && byline_line(t, a, b, by, d) && d[0] && !date[0])
                memcpy(date, d, sizeof d);
            size_t k = date_label(d, t, a, b);
            if (k) {
                /* A label filling its line takes the indentation with it. */
                size_t from = a + k == b ? pos : a;
                k += a - from;
                memmove(t + from, t + from + k, n - (from + k));
                n -= k;
                next -= k;
                if (!date[0])
                    memcpy(date, d, sizeof d);
            } else if (!date[0] && (date_line(d, t, a, b) || dateline(d, t, a, b)))
                memcpy(date, d, sizeof d);
        }
        pos = next;
    }
    return n;
}

/* Whether the ASCII-case-insensitive needle occurs in t[a..b). */
static int contains_ci(const char *t, size_t a, size_t b, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = a; i + k <= b; i++) {
        size_t j = 0;
        while (j < k && (t[i + j] | 0x20) == needle[j])
            j++;
        if (j == k)
            return 1;
    }
    return 0;
}

/* Whether the line t[a..b) is a photo credit ("... Credit: ...",
 * "Photo: ..."), skipped when looking for a headline. */
static int credit_line(const char *t, size_t a, size_t b)
{
    return b - a < PASSIM_TITLE_MAX_BYTES &&
           (contains_ci(t, a, b, "credit:") || contains_ci(t, a, b, "credits:") ||
            contains_ci(t, a, b, "photo:") || contains_ci(t, a, b, "image:"));
}

/* Whether the code point at t[i..end) is a letter or digit (any script). */
static int alnum_at(size_t *len, const char *t, size_t i, size_t end)
{
    uint8_t c = (uint8_t)t[i];
    if (c < 0x80) {
        *len = 1;
        return (unsigned)((c | 0x20) - 'a') < 26u || (unsigned)(c - '0') < 10u;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)t + i,
                                          (utf8proc_ssize_t)(end - i), &cp);
    if (r <= 0) {
        *len = 1;
        return 0;
    }
    *len = (size_t)r;
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO
           ? 1 : (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

/* How a headline candidate t[a..b) ends. */
enum title_end {
    END_HEADLINE, /* like a headline: no period, '?', '!', "U.S." */
    END_SPACED,   /* " ." of tokenized text: a headline without its period */
    END_SENTENCE  /* a period after a word, or ',' ';' ':' '-' */
};

/* Classify the end of t[a..b) (non-empty, trimmed). A line in capitals
 * (no lower-case ASCII letter) is a headline however it ends. */
static enum title_end title_end(const char *t, size_t a, size_t b)
{
    size_t e = b, upper = 0;
    int closed = 0;

    for (size_t i = a; i < b; i++) {
        if ((unsigned)(t[i] - 'a') < 26u)
            break;
        if ((unsigned)(t[i] - 'A') < 26u)
            upper++;
        if (i + 1 == b && upper >= 2)
            return END_HEADLINE;
    }
    while (e > a && t[e - 1] && strchr("\"')]", t[e - 1])) {
        e--;
        closed = 1;
    }
    while (e - a >= 3 && (uint8_t)t[e - 3] == 0xE2 && (uint8_t)t[e - 2] == 0x80 &&
           ((uint8_t)t[e - 1] == 0x99 || (uint8_t)t[e - 1] == 0x9D)) {
        e -= 3; /* ’ ” */
        closed = 1;
    }
    if (e == a)
        return END_HEADLINE;
    char c = t[e - 1];
    if (c == ',' || c == ';' || c == ':' || c == '-')
        return END_SENTENCE;
    if (c != '.')
        return END_HEADLINE;
    if (e - 1 == a)
        return END_SENTENCE;
    char p = t[e - 2];
    if (!closed && (p == ' ' || p == '\t'))
        return END_SPACED;
    if ((unsigned)(p - 'A') < 26u)
        return END_HEADLINE;
    return END_SENTENCE;
}

/* Whether t[a..b) ends with '.', '!', '?' or '…'. */
static int ends_terminator(const char *t, size_t a, size_t b)
{
    if (b == a)
        return 0;
    char c = t[b - 1];
    if (c == '.' || c == '!' || c == '?')
        return 1;
    return b - a >= 3 && memcmp(t + b - 3, ELLIPSIS, 3) == 0;
}

/* Whether a non-blank line starts at or after pos. */
static int more_text(const char *t, size_t n, size_t pos)
{
    while (pos < n) {
        size_t k = passim_space_len(t, pos, n);
        if (!k && t[pos] != '\n')
            return 1;
        pos += k ? k : 1;
    }
    return 0;
}

/* Copy t[a..b) into out (PASSIM_TITLE_MAX_BYTES + 1 bytes) with each run
 * of white space (line breaks too) as one space, cut on a code point
 * boundary to fit. Returns the length written. */
static size_t copy_collapsed(char *out, const char *t, size_t a, size_t b)
{
    size_t o = 0;
    int space = 0;

    for (size_t i = a; i < b;) {
        size_t k = t[i] == '\n' ? 1 : passim_space_len(t, i, b);
        if (k) {
            space = 1;
            i += k;
            continue;
        }
        size_t cl = 1;
        while (i + cl < b && ((uint8_t)t[i + cl] & 0xC0) == 0x80)
            cl++;
        if (o + space + cl > PASSIM_TITLE_MAX_BYTES)
            break;
        if (space && o)
            out[o++] = ' ';
        space = 0;
        memcpy(out + o, t + i, cl);
        o += cl;
        i += cl;
    }
    out[o] = '\0';
    return o;
}

/* The opening words of t[a..n) into out (PASSIM_TITLE_MAX_BYTES + 1
 * bytes): up to TITLE_WORDS words of the first paragraph (line breaks
 * read as spaces, a blank line ends it), single spaces between; when the
 * paragraph goes on, trailing ",;:" go and "…" is added. A word is a run
 * of non-space holding a letter or digit; other runs ("—") are kept only
 * between words. */
static void opening_words(char *out, const char *t, size_t n, size_t a)
{
    const size_t room = PASSIM_TITLE_MAX_BYTES - ELLIPSIS_LEN;
    size_t p = a, o = 0, o_word = 0;
    int words = 0, more = 0;

    while (p < n) {
        int newlines = 0;
        for (size_t k; p < n;) {
            if (t[p] == '\n') {
                newlines++;
                p++;
            } else if ((k = passim_space_len(t, p, n)) != 0)
                p += k;
            else
                break;
        }
        if (p >= n || newlines >= 2)
            break;
        size_t q = p, cl;
        int isword = 0;
        while (q < n && t[q] != '\n' && !passim_space_len(t, q, n)) {
            if (alnum_at(&cl, t, q, n))
                isword = 1;
            q += cl;
        }
        if (isword && words == TITLE_WORDS) {
            more = 1;
            break;
        }
        size_t need = (o ? 1 : 0) + (q - p);
        if (o + need > room) {
            /* An overlong word: keep what fits, on a code point boundary. */
            size_t avail = room - o;
            size_t fit = !o ? avail : avail > 1 ? avail - 1 : 0;
            if (o && fit)
                out[o++] = ' ';
            while (fit > 0 && ((uint8_t)t[p + fit] & 0xC0) == 0x80)
                fit--;
            memcpy(out + o, t + p, fit);
            o += fit;
            o_word = o;
            more = 1;
            break;
        }
        if (o)
            out[o++] = ' ';
        memcpy(out + o, t + p, q - p);
        o += q - p;
        if (isword) {
            words++;
            o_word = o;
        }
        p = q;
    }
    if (more) {
        o = o_word;
        while (o > 0 && out[o - 1] && strchr(",;:", out[o - 1]))
            o--;
        memcpy(out + o, ELLIPSIS, ELLIPSIS_LEN);
        o += ELLIPSIS_LEN;
    }
    out[o] = '\0';
}

/* Pass 4: the title of t[0..n) into out (PASSIM_TITLE_MAX_BYTES + 1
 * bytes); see article.h. A headline may be wrapped over lines whose
 * continuation starts in lower case; tokenized text's " ." after it is
 * dropped. */
static void find_title(char *out, const char *t, size_t n)
{
    size_t pos = 0, a = 0, b = 0, next = 0;
    int credits = 0;

    out[0] = '\0';
    /* The first non-blank line that is not a photo credit. */
    for (;;) {
        while (pos < n) {
            line_at(t, n, pos, &a, &b, &next);
            if (a < b)
                break;
            pos = next;
        }
        if (pos >= n)
            return;
        if (credits < MAX_CREDIT_LINES && credit_line(t, a, b) &&
            more_text(t, n, next)) {
            credits++;
            pos = next;
            continue;
        }
        break;
    }

    size_t e = b, after = next;
    enum title_end how = END_SENTENCE;
    if (b - a < PASSIM_TITLE_MAX_BYTES && more_text(t, n, next)) {
        size_t a2 = 0, b2 = 0, n2 = 0;
        if (next < n)
            line_at(t, n, next, &a2, &b2, &n2);
        if (next < n && a2 < b2 && !ends_terminator(t, a, b) &&
            (unsigned)(t[a2] - 'a') < 26u) {
            /* A wrapped headline or a wrapped first sentence: join lines
             * up to a blank line or one ending a sentence. */
            while (after < n) {
                line_at(t, n, after, &a2, &b2, &n2);
                if (a2 == b2)
                    break;
                if (b2 - a >= PASSIM_TITLE_MAX_BYTES) {
                    e = a; /* too long for a headline */
                    break;
                }
                e = b2;
                after = n2;
                if (ends_terminator(t, a2, b2))
                    break;
            }
        }
        if (e > a && more_text(t, n, after))
            how = title_end(t, a, e);
    }
    if (how == END_HEADLINE)
        copy_collapsed(out, t, a, e);
    else if (how == END_SPACED)
        copy_collapsed(out, t, a, e - 1);
    else
        opening_words(out, t, n, a);
}

/* Build an article; see article.h. Out of memory is the only failure. */
passim_status passim_article_from_text(passim_article **out, const char *id,
                                       const char *raw, size_t len)
{
    passim_error_clear();
    passim_status st = PASSIM_OK;
    passim_article *art = NULL;
    char *t;
    size_t n, a, b;

    if (!out)
        return passim_error_set(PASSIM_EINVAL, "article: no out parameter");
    *out = NULL;
    if (!raw)
        len = 0;
    if (len > (SIZE_MAX - 1) / 3) {
        st = passim_error_set(PASSIM_ENOMEM, "article: text too large");
        goto out;
    }
    art = calloc(1, sizeof *art);
    if (!art) {
        st = passim_error_set(PASSIM_ENOMEM, "article: out of memory");
        goto out;
    }
    art->id = strdup(id ? id : "");
    art->title = malloc(PASSIM_TITLE_MAX_BYTES + 1);
    art->text = malloc(3 * len + 1);
    art->byline = calloc(1, PASSIM_BYLINE_MAX_BYTES + 1);
    art->url = strdup("");
    if (!art->id || !art->title || !art->text || !art->byline || !art->url) {
        st = passim_error_set(PASSIM_ENOMEM, "article: out of memory");
        goto out;
    }
    t = art->text;
    n = decode(t, &art->flags, (const uint8_t *)raw, len);
    n = clean_lines(t, n);
    n = strip_credits(t, n);
    n = header(t, n, art->date, art->byline);

    /* Trim the text's ends (blank lines included). */
    a = 0;
    b = n;
    for (size_t k; a < b;) {
        if (t[a] == '\n')
            a++;
        else if ((k = passim_space_len(t, a, b)) != 0)
            a += k;
        else
            break;
    }
    for (size_t k; b > a;) {
        if (t[b - 1] == '\n')
            b--;
        else if ((k = passim_space_len_back(t, a, b)) != 0)
            b -= k;
        else
            break;
    }
    n = b - a;
    memmove(t, t + a, n);
    t[n] = '\0';
    art->text_len = n;
    char *shrunk = realloc(t, n + 1);
    if (shrunk)
        art->text = shrunk;

    find_title(art->title, art->text, art->text_len);
    *out = art;
    art = NULL;
out:
    passim_article_free(art);
    return st;
}

/* Free an article and everything it owns. Accepts NULL. */
void passim_article_free(passim_article *a)
{
    if (!a)
        return;
    free(a->id);
    free(a->title);
    free(a->text);
    free(a->byline);
    free(a->url);
    free(a);
}

/* A malloc'd copy of s with white space runs collapsed, cut to `max` bytes
 * on a character boundary; NULL when out of memory. */
static char *collapsed_copy(const char *s, size_t max)
{
    size_t n = strlen(s);
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    n = copy_collapsed(out, s, 0, n);
    if (n > max) {
        n = max;
        while (n > 0 && ((unsigned char)out[n] & 0xC0) == 0x80)
            n--;
    }
    out[n] = '\0';
    return out;
}

passim_status passim_article_set_meta(passim_article *a, const char *title,
                                      const char *date, const char *byline,
                                      const char *url)
{
    passim_error_clear();
    char d[11] = "";
    char *nt = NULL, *nb = NULL, *nu = NULL;
    passim_status st = PASSIM_OK;

    if ((title && !passim_utf8_valid(title, strlen(title))) ||
        (byline && !passim_utf8_valid(byline, strlen(byline))) ||
        (url && !passim_utf8_valid(url, strlen(url))))
        return passim_error_set(PASSIM_EINVAL, "metadata is not valid UTF-8");
    if (date && *date) {
        size_t n = strlen(date);
        if (!iso_whole(d, date, n))
            return passim_error_set(PASSIM_EINVAL,
                                    "date is not YYYY-MM-DD (a real day) or an "
                                    "ISO timestamp: \"%.40s\"", date);
    }
    if (url && strlen(url) > PASSIM_URL_MAX_BYTES)
        return passim_error_set(PASSIM_ETOOBIG, "url longer than %d bytes",
                                PASSIM_URL_MAX_BYTES);
    if ((title && *title && !(nt = collapsed_copy(title, PASSIM_TITLE_MAX_BYTES))) ||
        (byline && *byline && !(nb = collapsed_copy(byline, PASSIM_BYLINE_MAX_BYTES))) ||
        (url && *url && !(nu = strdup(url)))) {
        st = passim_error_set(PASSIM_ENOMEM, "article: out of memory");
        goto out;
    }
    /* White space alone gives nothing: the field stays as it is. */
    if (nt && !*nt) {
        free(nt);
        nt = NULL;
    }
    if (nb && !*nb) {
        free(nb);
        nb = NULL;
    }
    if (nt) {
        free(a->title);
        a->title = nt;
        nt = NULL;
    }
    if (nb) {
        free(a->byline);
        a->byline = nb;
        nb = NULL;
    }
    if (nu) {
        free(a->url);
        a->url = nu;
        nu = NULL;
    }
    if (d[0])
        memcpy(a->date, d, sizeof d);
out:
    free(nt);
    free(nb);
    free(nu);
    return st;
}
