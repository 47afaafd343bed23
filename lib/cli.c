/* cli.c — exit codes and option parsing shared by the programs. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>

int passim_exit_code(passim_status st)
{
    switch (st) {
    case PASSIM_OK: return PASSIM_EXIT_OK;
    case PASSIM_ENOTFOUND: return PASSIM_EXIT_NOTFOUND;
    case PASSIM_ELOCKED: return PASSIM_EXIT_LOCKED;
    case PASSIM_ECORRUPT: return PASSIM_EXIT_CORRUPT;
    case PASSIM_EQUERY:
    case PASSIM_EINVAL: return PASSIM_EXIT_USAGE;
    default: return PASSIM_EXIT_ERROR;
    }
}

int passim_parse_uint(const char *s, uint32_t max, uint32_t *out)
{
    char *end;
    if (!s || *s < '0' || *s > '9')
        return -1;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v > max)
        return -1;
    *out = (uint32_t)v;
    return 0;
}

void passim_show_query_error(FILE *f, const char *query, size_t offset)
{
    size_t col = 0, i = 0;
    fputs("  ", f);
    for (; query[i]; i++) {
        unsigned char c = (unsigned char)query[i];
        fputc(c < 0x20 || c == 0x7f ? ' ' : c, f);
        if (i < offset && (c & 0xC0) != 0x80)
            col++;
    }
    fputs("\n  ", f);
    for (size_t k = 0; k < col; k++)
        fputc(' ', f);
    fputs("^\n", f);
}
