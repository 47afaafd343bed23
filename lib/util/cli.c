/* cli.c — exit codes and option parsing shared by the programs. */
#include "util/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/message.h"

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

int passim_parse_uint(uint32_t *out, const char *s, uint32_t max)
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

int passim_cli_usage(const char *prog, const char *fmt, ...)
{
    va_list ap;
    char msg[1024];
    va_start(ap, fmt);
    int n = vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s: ", prog);
    /* A value the user gave may hold control characters: escape them. */
    passim_message_put(stderr, msg, n < 0 ? 0 : (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1);
    fprintf(stderr, "\nTry '%s --help'.\n", prog);
    return PASSIM_EXIT_USAGE;
}

/* Whether name[0..n) is the name of a long option of `opts` that takes no
 * value. */
static int takes_no_value(const struct option *opts, const char *name, size_t n)
{
    for (; opts && opts->name; opts++)
        if (strlen(opts->name) == n && strncmp(opts->name, name, n) == 0)
            return opts->has_arg == no_argument;
    return 0;
}

/* Write s[0..n) on stderr, at most 64 bytes, escaped as every message is. */
static void put_arg(const char *s, size_t n)
{
    passim_message_put(stderr, s, n < 64 ? n : 64);
}

int passim_cli_bad_option(const char *prog, int ch, int argc, char *const *argv,
                          const struct option *opts)
{
    const char *arg = optind > 0 && optind <= argc ? argv[optind - 1] : NULL;
    fprintf(stderr, "%s: ", prog);
    if (arg && strncmp(arg, "--", 2) == 0) {
        const char *eq = strchr(arg, '=');
        size_t n = eq ? (size_t)(eq - arg) : strlen(arg);
        if (ch == ':')
            fputs("option '", stderr);
        else if (eq && takes_no_value(opts, arg + 2, n - 2))
            fputs("option '", stderr);
        else
            fputs("unknown option '", stderr);
        put_arg(arg, n);
        if (ch == ':')
            fputs("' needs a value", stderr);
        else if (eq && takes_no_value(opts, arg + 2, n - 2))
            fputs("' takes no value", stderr);
        else
            fputc('\'', stderr);
    } else if (optopt > 0x20 && optopt < 0x7f) {
        fprintf(stderr, ch == ':' ? "option '-%c' needs a value"
                                  : "unknown option '-%c'", optopt);
    } else {
        fputs("unknown option", stderr);
    }
    fprintf(stderr, "\nTry '%s --help'.\n", prog);
    return PASSIM_EXIT_USAGE;
}
