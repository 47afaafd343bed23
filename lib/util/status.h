/* status.h — the status codes every passim function returns.
 *
 * Shared by libpassim and the xapian-c wrapper. PASSIM_OK is 0; every other
 * value is an error. Detail text for the most recent error on the calling
 * thread is kept by passim_error_set() and read with passim_error_msg().
 *
 * The rule for the detail: every public function that returns a
 * passim_status (those declared in the lib/ headers and in xapian_c.h) clears
 * it when it starts, with passim_error_clear(). So after a call returns
 * PASSIM_OK, passim_error_msg() is ""; after it fails, the text is that
 * failure's own (every error path records one), never an earlier call's.
 * An error a call reports to a callback and goes past (a skipped record)
 * or handles itself is not its error: it clears that text again before
 * it goes on. Functions that return no status (accessors, _free/_close) and the
 * setters below leave the detail alone, so cleanup after a failure keeps
 * its text. The text read before a call stays readable while that call
 * runs, so it may be passed to one (an error page, a log line).
 */
#ifndef PASSIM_STATUS_H
#define PASSIM_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum passim_status {
    PASSIM_OK = 0,
    PASSIM_ENOMEM,    /* out of memory */
    PASSIM_EIO,       /* I/O or other backend error */
    PASSIM_ENOTFOUND, /* index, file or document does not exist */
    PASSIM_ELOCKED,   /* index is locked by another writer */
    PASSIM_ECORRUPT,  /* index or stored data is damaged */
    PASSIM_EQUERY,    /* query cannot be parsed or is too broad */
    PASSIM_ERETRY,    /* index moved on under a reader: reopen and retry */
    PASSIM_EINVAL,    /* invalid argument (e.g. an over-long term) */
    PASSIM_ENETWORK,  /* remote shard unreachable or timed out */
    PASSIM_ETOOBIG,   /* input exceeds a documented size limit */
    PASSIM_EINTERNAL  /* unexpected internal error */
} passim_status;

/* Short constant English name of a status ("out of memory", ...).
 * Returns a static string; never NULL, also for unknown values. */
const char *passim_status_str(passim_status st);

/* Record detail text for the current thread's most recent error, printf-style.
 * The arguments may include passim_error_msg() (to add context to it).
 * Return value: st, unchanged, so callers can write
 * `return passim_error_set(st, ...)`. */
passim_status passim_error_set(passim_status st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Record "out of memory: WHAT" (e.g. "out of memory: query terms").
 * Return value: PASSIM_ENOMEM, so callers can write
 * `return passim_error_nomem("...")`. Needs no allocation. */
passim_status passim_error_nomem(const char *what);

/* Detail text of the current thread's most recent error ("" if none).
 * Never NULL. Borrowed: the next call may read it (it may be passed as an
 * argument); it is overwritten only after that call has recorded an error
 * of its own and another call starts. Copy it to keep it longer. */
const char *passim_error_msg(void);

/* Forget the current thread's error detail: passim_error_msg() is "" after
 * it. Called at the start of every public function that returns a status
 * (see the rule above); programs need not call it. */
void passim_error_clear(void);

#ifdef __cplusplus
}
#endif
#endif
