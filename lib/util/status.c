/* status.c — status names and the per-thread error detail buffer. */
#include "util/status.h"

#include <stdarg.h>
#include <stdio.h>

static _Thread_local char error_detail[1024];

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

passim_status passim_error_set(passim_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(error_detail, sizeof error_detail, fmt, ap);
    va_end(ap);
    return st;
}

const char *passim_error_msg(void)
{
    return error_detail;
}

void passim_error_clear(void)
{
    error_detail[0] = '\0';
}
