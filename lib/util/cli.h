/* cli.h — what the command-line programs share: exit codes and option
 * values.
 *
 * Exit codes (documented in each --help and the README):
 *   0  success (a search with no results included)
 *   1  other error (I/O, out of memory, internal)
 *   2  usage error: bad option or value, or a query that cannot be parsed
 *   3  index (or corpus, or the article of passim-search --show) not found
 *   4  index locked by another writer
 *   5  index or stored data corrupt
 *   6  passim-index only: some input files were skipped (the rest indexed)
 */
#ifndef PASSIM_CLI_H
#define PASSIM_CLI_H

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>

#include "util/status.h"

#ifdef __cplusplus
extern "C" {
#endif

enum passim_exit {
    PASSIM_EXIT_OK = 0,
    PASSIM_EXIT_ERROR = 1,
    PASSIM_EXIT_USAGE = 2,
    PASSIM_EXIT_NOTFOUND = 3,
    PASSIM_EXIT_LOCKED = 4,
    PASSIM_EXIT_CORRUPT = 5,
    PASSIM_EXIT_PARTIAL = 6
};

/* The exit code for a failed status. */
int passim_exit_code(passim_status st);

/* Show `query` on one line of `f` with a caret under byte `offset` (as
 * characters, for UTF-8); control characters are shown as spaces. */
void passim_show_query_error(FILE *f, const char *query, size_t offset);

/* Parse a decimal unsigned integer in [0, max] from `s` (the whole string).
 * Returns 0 on success, -1 otherwise (*out untouched). */
int passim_parse_uint(uint32_t *out, const char *s, uint32_t max);

/* A usage error: write "PROG: MESSAGE" (printf-style) and then
 * "Try 'PROG --help'." on stderr, two short lines instead of the whole
 * help. Returns PASSIM_EXIT_USAGE. */
int passim_cli_usage(const char *prog, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The option getopt_long just refused, reported as passim_cli_usage does:
 * `ch` is what getopt_long returned ('?': unknown or ambiguous option, or
 * a value given to an option that takes none; ':': a missing value),
 * called with opterr = 0 and an optstring starting with ':'. `opts` is
 * the table given to getopt_long. Returns PASSIM_EXIT_USAGE. */
int passim_cli_bad_option(const char *prog, int ch, int argc, char *const *argv,
                          const struct option *opts);

#ifdef __cplusplus
}
#endif
#endif
