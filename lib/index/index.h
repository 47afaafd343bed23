/* index.h — an open index, as a reader holds it.
 *
 * A passim_index owns everything a reader of an index directory (store.h)
 * holds: the Xapian database of the live generation, the hold on that
 * generation (gen-N.lock, held shared, so no writer removes it while it is
 * open), and the stopword list the index was built with, read once. It
 * follows the index: passim_index_refresh() moves it to a generation a
 * rebuild or compaction switched to (letting go of the old one) or to the
 * latest commit of its own, and every read through it that a commit
 * overtakes is retried on a fresh view (store.h, passim_store_retry).
 * Closing it releases all it holds.
 *
 * Programs reach the index only through this handle and the search calls
 * that take it (search.h); the database inside is lib/'s business
 * (index_private.h). A handle is used by one thread at a time.
 */
#ifndef PASSIM_INDEX_H
#define PASSIM_INDEX_H

#include <stdint.h>

#include "text/analyzer.h"
#include "util/idset.h"
#include "util/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct passim_index passim_index;

/* The index directory to use: `option` if not NULL, else $PASSIM_INDEX if
 * set and non-empty, else "index". Returns a borrowed string (the option,
 * the environment's value, or a static string). Cannot fail. */
const char *passim_index_path(const char *option);

/* Open the index directory `dir` (store.h's layout, or any database Xapian
 * opens through a stub there) for reading, and read its stopword list
 * (stopwords.h, folded by `a`). `a` is borrowed and must outlive the
 * handle (a refresh reads the list again with it). *out is owned by the
 * caller (passim_index_close); NULL on failure. The error detail is
 * cleared first.
 * Return value:
 *   PASSIM_OK
 *   PASSIM_ENOTFOUND  no directory at `dir`, or one holding no index (only
 *                     README.md, say)
 *   PASSIM_ECORRUPT   the index is damaged
 *   PASSIM_ERETRY     the index kept changing while it was opened
 *                     (PASSIM_STORE_ATTEMPTS attempts)
 *   PASSIM_EINVAL     a NULL argument, or a path too long
 *   PASSIM_ENETWORK   a remote database named by the stub is unreachable
 *   PASSIM_ENOMEM, PASSIM_EIO, PASSIM_EINTERNAL */
passim_status passim_index_open(passim_index **out, const char *dir, passim_analyzer *a);

/* Bring `ix` up to date: when the stub names another generation than the
 * one held (a rebuild or a compaction switched), open that one, hold it,
 * then close the old database and release its hold; else move the open
 * database to its latest commit. The stopword list is read again when
 * anything changed. Cheap when nothing did (the stub is read and Xapian
 * checks its revision). On failure `ix` keeps what it had, still usable.
 * The error detail is cleared first.
 * Return value:
 *   PASSIM_OK         up to date (changed or not)
 *   PASSIM_ENOTFOUND  the new generation is gone (a later switch removed it)
 *   PASSIM_ECORRUPT, PASSIM_ERETRY, PASSIM_ENETWORK, PASSIM_ENOMEM,
 *   PASSIM_EIO, PASSIM_EINTERNAL  as passim_index_open
 *   PASSIM_EINVAL     `ix` is NULL */
passim_status passim_index_refresh(passim_index *ix);

/* Close the database, release the hold, free the stopwords and `ix`.
 * Accepts NULL. */
void passim_index_close(passim_index *ix);

/* The stopword list the index was built with, or NULL when it has none.
 * Borrowed from `ix`: valid until the next passim_index_refresh or
 * passim_index_close. */
const passim_idset *passim_index_stopwords(const passim_index *ix);

/* The generation `ix` holds (gen-N), or 0 when its stub names no
 * generation of ours (then nothing is held). */
unsigned passim_index_generation(const passim_index *ix);

/* The number of articles in the index, as `ix` sees it, into *out.
 * Return value:
 *   PASSIM_OK
 *   PASSIM_ERETRY     the index kept changing (retried first)
 *   PASSIM_EINVAL     a NULL argument
 *   PASSIM_ECORRUPT, PASSIM_EIO, PASSIM_ENETWORK, PASSIM_ENOMEM,
 *   PASSIM_EINTERNAL */
passim_status passim_index_doccount(uint32_t *out, passim_index *ix);

#ifdef __cplusplus
}
#endif
#endif
