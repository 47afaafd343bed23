/* status.h — the status codes every passim function returns.
 *
 * Shared by libpassim and the xapian-c wrapper. PASSIM_OK is 0; every other
 * value is an error. Detail text for the most recent error on the calling
 * thread is kept by passim_error_set() and read with passim_error_msg().
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
 * Returns st unchanged so callers can write `return passim_error_set(st, ...)`. */
passim_status passim_error_set(passim_status st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Detail text of the current thread's most recent error ("" if none).
 * Borrowed: valid until the next passim_error_set() on this thread. */
const char *passim_error_msg(void);

/* Forget the current thread's error detail. */
void passim_error_clear(void);

#ifdef __cplusplus
}
#endif
#endif
