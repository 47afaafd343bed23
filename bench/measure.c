/* measure — run a command and report its wall time, CPU time and peak RSS.
 *
 * Usage: measure [-n N] [-q] [-t SECONDS] -- COMMAND [ARG...]
 *
 * Runs COMMAND N times (default 1) in turn, each as a fresh process
 * (fork + execvp), and reads its resource use from wait4(). Prints one
 * tab-separated line per run on stdout:
 *   wall_s  user_s  sys_s  maxrss_kb  exit_status
 * and with -n > 1 a last line "median" + the medians of the four figures.
 * The command's own stdout goes to /dev/null with -q, else it is passed
 * through to stderr (so stdout holds only the figures). With -t, each run
 * is bounded: an alarm set before exec (alarms survive execve) kills it
 * with SIGALRM after SECONDS of wall time (exit status 142). A run that fails
 * (non-zero exit or killed by a signal) ends the whole thing with exit
 * status 1 after printing its line; otherwise the exit status is 0.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double tv(struct timeval t)
{
    return (double)t.tv_sec + t.tv_usec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
    int n = 1, quiet = 0, i;
    unsigned limit = 0;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
            n = atoi(argv[++i]);
        } else if (strcmp(argv[i], "-t") == 0 && i + 1 < argc) {
            limit = (unsigned)atoi(argv[++i]);
        } else if (strcmp(argv[i], "-q") == 0) {
            quiet = 1;
        } else {
            break;
        }
    }
    if (i >= argc || n < 1 || n > 100000) {
        fputs("usage: measure [-n N] [-q] [-t SECONDS] -- COMMAND [ARG...]\n",
              stderr);
        return 2;
    }
    double *wall = calloc((size_t)n, sizeof *wall);
    double *user = calloc((size_t)n, sizeof *user);
    double *sys = calloc((size_t)n, sizeof *sys);
    double *rss = calloc((size_t)n, sizeof *rss);
    if (!wall || !user || !sys || !rss) {
        fputs("measure: out of memory\n", stderr);
        return 1;
    }
    int rc = 0;
    for (int r = 0; r < n && rc == 0; r++) {
        fflush(stdout);
        double t0 = now();
        pid_t pid = fork();
        if (pid < 0) {
            perror("measure: fork");
            return 1;
        }
        if (pid == 0) {
            int fd = quiet ? open("/dev/null", O_WRONLY) : dup(STDERR_FILENO);
            if (fd >= 0)
                dup2(fd, STDOUT_FILENO);
            if (limit)
                alarm(limit);
            execvp(argv[i], argv + i);
            fprintf(stderr, "measure: %s: %s\n", argv[i], strerror(errno));
            _exit(127);
        }
        int status;
        struct rusage ru;
        while (wait4(pid, &status, 0, &ru) < 0) {
            if (errno != EINTR) {
                perror("measure: wait4");
                return 1;
            }
        }
        wall[r] = now() - t0;
        user[r] = tv(ru.ru_utime);
        sys[r] = tv(ru.ru_stime);
        rss[r] = (double)ru.ru_maxrss;
        int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        printf("%.6f\t%.6f\t%.6f\t%ld\t%d\n", wall[r], user[r], sys[r],
               ru.ru_maxrss, code);
        if (code != 0) {
            fprintf(stderr, "measure: %s exited with status %d\n", argv[i], code);
            rc = 1;
        }
    }
    if (n > 1 && rc == 0)
        printf("median\t%.6f\t%.6f\t%.6f\t%.0f\n", median(wall, n),
               median(user, n), median(sys, n), median(rss, n));
    free(wall);
    free(user);
    free(sys);
    free(rss);
    return rc;
}
