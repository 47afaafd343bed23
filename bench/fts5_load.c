/* fts5_load — load a corpus into an SQLite FTS5 table, the peer passim is
 * measured against.
 *
 * Usage: fts5_load DB CORPUS      create DB (must not exist) and load CORPUS
 *        fts5_load --optimize DB  merge DB's FTS5 segments into one
 *                                 ('optimize') and VACUUM the file
 *
 * The table, with its content stored (snippet() needs it):
 *   CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body,
 *       tokenize='porter unicode61 remove_diacritics 2');
 * One row per .txt file under CORPUS (benchutil.h's listing, sorted by
 * path): id = path relative to CORPUS, title = the first line, body = the
 * rest of the file. Everything is inserted in one transaction through one
 * prepared statement; SQLite's defaults are kept otherwise (rollback
 * journal, synchronous=FULL), as a user would start.
 *
 * Prints "loaded N articles, B bytes in S s" on success (exit 0); errors go
 * to stderr (exit 1).
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "benchutil.h"

static const char SCHEMA[] =
    "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, "
    "tokenize='porter unicode61 remove_diacritics 2')";

static int exec(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "fts5_load: %s: %s\n", sql, err ? err : "?");
        sqlite3_free(err);
        return -1;
    }
    return 0;
}

static int optimize(const char *path)
{
    sqlite3 *db = NULL;
    int rc = 1;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        fprintf(stderr, "fts5_load: cannot open %s: %s\n", path,
                db ? sqlite3_errmsg(db) : "out of memory");
        goto out;
    }
    if (exec(db, "INSERT INTO docs(docs) VALUES('optimize')") != 0 ||
        exec(db, "VACUUM") != 0)
        goto out;
    rc = 0;
out:
    sqlite3_close(db);
    return rc;
}

static int load(const char *path, const char *corpus)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *ins = NULL;
    bench_files files;
    unsigned long long bytes = 0;
    double t0 = bench_now();
    struct stat sb;
    int rc = 1;

    if (stat(path, &sb) == 0) {
        fprintf(stderr, "fts5_load: %s exists; give a new file\n", path);
        return 1;
    }
    if (bench_files_list(&files, corpus) != 0)
        return 1;
    if (sqlite3_open(path, &db) != SQLITE_OK) {
        fprintf(stderr, "fts5_load: cannot create %s: %s\n", path,
                db ? sqlite3_errmsg(db) : "out of memory");
        goto out;
    }
    if (exec(db, SCHEMA) != 0 || exec(db, "BEGIN") != 0)
        goto out;
    if (sqlite3_prepare_v2(db, "INSERT INTO docs(id, title, body) VALUES(?1, ?2, ?3)",
                           -1, &ins, NULL) != SQLITE_OK) {
        fprintf(stderr, "fts5_load: prepare: %s\n", sqlite3_errmsg(db));
        goto out;
    }
    for (size_t i = 0; i < files.n; i++) {
        char *text;
        size_t len, tlen;
        if (bench_read_file(&text, &len, files.paths[i]) != 0)
            goto out;
        const char *nl = memchr(text, '\n', len);
        tlen = nl ? (size_t)(nl - text) : len;
        size_t body = nl ? tlen + 1 : len;
        sqlite3_bind_text(ins, 1, files.ids[i], -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 2, text, (int)tlen, SQLITE_STATIC);
        sqlite3_bind_text(ins, 3, text + body, (int)(len - body), SQLITE_STATIC);
        int step = sqlite3_step(ins);
        sqlite3_reset(ins);
        sqlite3_clear_bindings(ins);
        free(text);
        if (step != SQLITE_DONE) {
            fprintf(stderr, "fts5_load: insert %s: %s\n", files.paths[i],
                    sqlite3_errmsg(db));
            goto out;
        }
        bytes += len;
    }
    if (exec(db, "COMMIT") != 0)
        goto out;
    printf("loaded %zu articles, %llu bytes in %.2f s\n", files.n, bytes,
           bench_now() - t0);
    rc = 0;
out:
    sqlite3_finalize(ins);
    sqlite3_close(db);
    bench_files_free(&files);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--optimize") == 0)
        return optimize(argv[2]);
    if (argc == 3 && argv[1][0] != '-')
        return load(argv[1], argv[2]);
    fputs("usage: fts5_load DB CORPUS | fts5_load --optimize DB\n", stderr);
    return 2;
}
