/* replay.c — run a libFuzzer target over saved inputs, without libFuzzer.
 *
 * Linked with a fuzz target when the compiler has no libFuzzer (gcc, the
 * normal and sanitizer builds of scripts/test.sh), so ctest replays every
 * seed and regression input of the target's corpus.
 *
 * Usage: fuzz_NAME PATH...
 * Each PATH is a file (one input) or a directory (every regular file under
 * it, recursively, in byte order of names; names starting with '.' are
 * skipped). Each input is read into a buffer of exactly its size and passed
 * to LLVMFuzzerTestOneInput, after LLVMFuzzerInitialize when the target
 * defines one. A crashing input stops the run (abort, or a sanitizer
 * report); the name of the input being run is printed first, so the
 * culprit is known. Exit status: 0 when every input ran, 1 when a PATH
 * could not be read or no input was found at all (an empty corpus is an
 * error: a replay that runs nothing proves nothing), 2 on bad usage.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Optional in a target: weak, so it is NULL when not defined. */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static size_t ninputs;
static size_t nbytes;
static double slowest;
static char slowest_name[4096];

/* Elapsed seconds since `t0`. */
static double since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Run the target on the file at `path`. Returns 0, or -1 if unreadable. */
static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *data = NULL;
    long size;
    int rc = -1;

    if (!f)
        goto out;
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) != 0)
        goto out;
    /* Exactly `size` bytes (at least one for malloc), so the sanitizers
     * catch a read past the end of the input. */
    data = malloc(size ? (size_t)size : 1);
    if (!data || fread(data, 1, (size_t)size, f) != (size_t)size)
        goto out;
    fprintf(stderr, "replay: %s (%ld bytes)\n", path, size);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    LLVMFuzzerTestOneInput(data, (size_t)size);
    double dt = since(&t0);
    if (dt > slowest) {
        slowest = dt;
        snprintf(slowest_name, sizeof slowest_name, "%s", path);
    }
    ninputs++;
    nbytes += (size_t)size;
    rc = 0;
out:
    if (rc)
        fprintf(stderr, "replay: cannot read %s\n", path);
    free(data);
    if (f)
        fclose(f);
    return rc;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* Run the target on `path`, a file or a directory tree. Returns 0 or -1. */
static int run_path(const char *path, int depth)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        return -1;
    }
    if (!S_ISDIR(st.st_mode))
        return S_ISREG(st.st_mode) ? run_file(path) : 0;
    if (depth > 16)
        return 0;

    struct dirent **names;
    int n = scandir(path, &names, NULL, by_name);
    int rc = 0;
    if (n < 0) {
        fprintf(stderr, "replay: cannot list %s\n", path);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        if (names[i]->d_name[0] != '.' && rc == 0) {
            size_t len = strlen(path) + strlen(names[i]->d_name) + 2;
            char *sub = malloc(len);
            if (!sub) {
                rc = -1;
            } else {
                snprintf(sub, len, "%s/%s", path, names[i]->d_name);
                rc = run_path(sub, depth + 1);
                free(sub);
            }
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    int status = 0;
    struct timespec t0;

    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE_OR_DIR...\n", argv[0]);
        return 2;
    }
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 1; i < argc; i++)
        if (run_path(argv[i], 0) != 0)
            status = 1;
    if (ninputs == 0) {
        fprintf(stderr, "replay: no inputs found\n");
        status = 1;
    }
    printf("replayed %zu inputs (%zu bytes) in %.2f s", ninputs, nbytes,
           since(&t0));
    if (ninputs)
        printf("; slowest %.3f s: %s", slowest, slowest_name);
    printf("\n");
    return status;
}
