/* passim_long_reader — a long-lived reader for tests: it opens an index
 * once (index.h) and then answers commands read from stdin, one a line,
 * as a server would between requests:
 *   search QUERY   prints "ids: ID ..." (the ids of the passages found, in
 *                  order; "ids:" when none)
 *   refresh        prints "generation N" (the generation held afterwards)
 *   close          closes the index (letting go of its hold); prints
 *                  "closed"
 * Every answer is one line, flushed; a failure prints "error STATUS:
 * DETAIL" and goes on. Usage: passim_long_reader INDEX. Exit status 0, or
 * 1 when the index cannot be opened.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index/index.h"
#include "search/search.h"

static void search(passim_index *ix, passim_analyzer *a, const char *query)
{
    passim_results res;
    passim_search_opts o = PASSIM_SEARCH_OPTS_DEFAULT;
    passim_status st = passim_search_run(&res, ix, a, query, strlen(query), &o);
    if (st != PASSIM_OK) {
        printf("error %s: %s\n", passim_status_str(st), passim_error_msg());
        return;
    }
    printf("ids:");
    for (size_t i = 0; i < res.n; i++)
        printf(" %s", res.v[i].id);
    printf("\n");
    passim_results_release(&res);
}

int main(int argc, char **argv)
{
    passim_analyzer *a = NULL;
    passim_index *ix = NULL;
    char line[4096];
    passim_status st;
    if (argc != 2) {
        fputs("usage: passim_long_reader INDEX\n", stderr);
        return 2;
    }
    if ((st = passim_analyzer_new(&a, NULL)) != PASSIM_OK ||
        (st = passim_index_open(&ix, argv[1], a)) != PASSIM_OK) {
        fprintf(stderr, "passim_long_reader: %s: %s\n", passim_status_str(st),
                passim_error_msg());
        passim_analyzer_free(a);
        return 1;
    }
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, "search ", 7) == 0 && ix) {
            search(ix, a, line + 7);
        } else if (strcmp(line, "refresh") == 0 && ix) {
            if ((st = passim_index_refresh(ix)) == PASSIM_OK)
                printf("generation %u\n", passim_index_generation(ix));
            else
                printf("error %s: %s\n", passim_status_str(st), passim_error_msg());
        } else if (strcmp(line, "close") == 0) {
            passim_index_close(ix);
            ix = NULL;
            printf("closed\n");
        } else {
            printf("error unknown command\n");
        }
        fflush(stdout);
    }
    passim_index_close(ix);
    passim_analyzer_free(a);
    return 0;
}
