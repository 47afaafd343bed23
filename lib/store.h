/* store.h — where an index lives and how it is laid out on disk.
 *
 * An index is a directory (default ./index, or $PASSIM_INDEX, or the
 * --index option) holding:
 *   XAPIANDB   a Xapian stub file naming the live database by a path
 *              relative to the directory, e.g. "glass gen-1";
 *   gen-N/     the Xapian glass database of generation N.
 * Xapian opens the directory itself through the stub, for reading and for
 * writing, so the directory can be moved or copied as a whole. A later
 * rebuild writes gen-(N+1) beside the live one and swaps the stub by
 * rename(2). Other files (README.md) are ignored.
 */
#ifndef PASSIM_STORE_H
#define PASSIM_STORE_H

#include "status.h"
#include "xapian_c.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The index directory to use: `option` if not NULL, else $PASSIM_INDEX if
 * set and non-empty, else "index". Returns a borrowed string (the option,
 * the environment's value, or a static string). */
const char *passim_store_path(const char *option);

/* Open the index at `dir` for reading. A directory that holds no index
 * gives PASSIM_ENOTFOUND. *out is owned by the caller (xc_db_close). */
passim_status passim_store_open_read(xc_db **out, const char *dir);

/* Open the index at `dir` for writing, creating the directory, the stub and
 * generation 1 when missing. Another writer gives PASSIM_ELOCKED.
 * *out is owned by the caller (xc_wdb_close). */
passim_status passim_store_open_write(xc_wdb **out, const char *dir);

#ifdef __cplusplus
}
#endif
#endif
