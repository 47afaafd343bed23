/* status.c — status names and the per-thread error detail.
 *
 * The detail lives in one of two buffers. Recording a new detail over a
 * non-empty one writes the other buffer and makes it current, and clearing
 * a non-empty detail switches to the other buffer too; so the text a caller
 * read with passim_error_msg() is not overwritten by the next call's
 * clear (or by a detail formatted from it), only by the one after. */
#include "util/status.h"

#include <stdarg.h>
#include <stdio.h>

static _Thread_local char error_detail[2][1024];
static _Thread_local int error_cur;

const char *passim_status_str(passim_status st)
{
    switch (st) {
    case PASSIM_OK: return "ok";
    case PASSIM_ENOMEM: return "out of memory";
    case PASSIM_EIO: return "I/O error";
    case PASSIM_ENOTFOUND: return "not found";
    case PASSIM_ELOCKED: return "index is locked";
    case PASSIM_ECORRUPT: return "corrupt data";
    case PASSIM_EQUERY: return "bad query";
    case PASSIM_ERETRY: return "index changed, retry";
    case PASSIM_EINVAL: return "invalid argument";
    case PASSIM_ENETWORK: return "network error";
    case PASSIM_ETOOBIG: return "too big";
    case PASSIM_EINTERNAL: return "internal error";
    }
    return "unknown status";
}

/* The buffer a new detail goes into: the current one if it is empty,
 * else the other (so the current text survives, maybe as an argument). */
static int next_buffer(void)
{
    return error_detail[error_cur][0] ? !error_cur : error_cur;
}

passim_status passim_error_set(passim_status st, const char *fmt, ...)
{
    int next = next_buffer();
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(error_detail[next], sizeof error_detail[next], fmt, ap);
    va_end(ap);
    error_cur = next;
    return st;
}

passim_status passim_error_nomem(const char *what)
{
    return passim_error_set(PASSIM_ENOMEM, "out of memory: %s", what ? what : "?");
}

const char *passim_error_msg(void)
{
    return error_detail[error_cur];
}

void passim_error_clear(void)
{
    if (error_detail[error_cur][0]) {
        error_cur = !error_cur;
        error_detail[error_cur][0] = '\0';
    }
}
