/* store.h — where an index lives, how it is laid out on disk, and who may
 * touch it.
 *
 * An index is a directory (default ./index, or $PASSIM_INDEX, or the
 * --index option) holding a Xapian stub file that names the live
 * generation, the generations' glass databases, a lock file per
 * generation held by its readers and the writer's lock: the layout is
 * written out once, in index/README.md ("Layout"). Xapian opens the
 * directory itself through the stub, so the directory can be moved or
 * copied as a whole. A rebuild or compaction writes a new generation
 * beside the live one and switches the stub by rename(2): a reader sees
 * the old generation or the new one, never a half-built one. A generation
 * that is no longer live is removed by the next writer that finds no
 * reader holding it.
 *
 * A stub naming anything else (several databases, "remote" shards) is
 * opened as Xapian opens it, without generation locks.
 */
#ifndef PASSIM_STORE_H
#define PASSIM_STORE_H

#include <sys/types.h>

#include "util/status.h"
#include "xapian_c.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- retries ------------------------------------------------------------ */

/* How many times in all an operation that a writer can interrupt is tried
 * (an open that races a commit or a switch of generation, a search that a
 * commit overtakes: Xapian's DatabaseModifiedError): the one bound of every
 * retry of a reader. */
#define PASSIM_STORE_ATTEMPTS 5

/* Run attempt(ctx, last) until it answers anything but PASSIM_ERETRY, at
 * most PASSIM_STORE_ATTEMPTS times in all; `last` is non-zero on the final
 * attempt (an attempt that retries a doubtful error, such as a corrupt
 * block read while a commit lands, then gives that error instead). Between
 * attempts it pauses, 2 ms and then twice as long each time (30 ms in all),
 * and calls recover(ctx) when not NULL (reopen the database, drop partial
 * results); a recover that answers PASSIM_ERETRY counts as one more failed
 * attempt. The error detail is cleared before each attempt, so an attempt
 * retried leaves no text behind a later PASSIM_OK.
 * Return value:
 *   what the last attempt returned (PASSIM_OK included);
 *   what recover returned, when that is neither PASSIM_OK nor PASSIM_ERETRY;
 *   PASSIM_ERETRY   every attempt answered PASSIM_ERETRY ("the index kept
 *                   changing during 5 attempts"). */
passim_status passim_store_retry(passim_status (*attempt)(void *ctx, int last),
                                 passim_status (*recover)(void *ctx), void *ctx);

/* ---- readers ------------------------------------------------------------ */

/* A reader's hold on one generation: gen-N.lock held shared, so that no
 * writer removes gen-N while it is open. Owned by whoever opened it (the
 * index handle, index.h, keeps one per database it opens). */
typedef struct passim_store_hold {
    int fd;       /* the locked gen-N.lock, or -1 when none is held */
    unsigned gen; /* the generation opened (0: the stub names something
                     other than one of our generations) */
} passim_store_hold;

#define PASSIM_STORE_HOLD_NONE ((passim_store_hold){-1, 0})

/* Open the index at `dir` for reading: the generation its stub names, with
 * a hold on it taken before it is opened (the stub read again after the
 * lock is taken, so a switch in between is followed). A stub naming
 * anything else is opened as Xapian opens it, with no hold; so is a
 * generation whose lock file cannot be created (a read-only directory).
 * Retried (passim_store_retry) while the stub switches or the open races a
 * commit. *out is owned by the caller (xc_db_close) and *hold too
 * (passim_store_release); both are NULL / PASSIM_STORE_HOLD_NONE on
 * failure.
 * Return value:
 *   PASSIM_OK
 *   PASSIM_ENOTFOUND  no directory at `dir`, or one holding no database
 *                     (only README.md, say)
 *   PASSIM_ECORRUPT   the database is damaged
 *   PASSIM_ERETRY     the index kept switching or changing while opened
 *   PASSIM_EINVAL     the path is too long
 *   PASSIM_ENETWORK   a remote database named by the stub is unreachable
 *   PASSIM_EIO, PASSIM_ENOMEM, PASSIM_EINTERNAL  as the wrapper reports */
passim_status passim_store_open_read(xc_db **out, passim_store_hold *hold,
                                     const char *dir);

/* Let go of a hold (a writer may then remove its generation) and reset it
 * to PASSIM_STORE_HOLD_NONE. Accepts NULL and a hold holding nothing. */
void passim_store_release(passim_store_hold *hold);

/* ---- the writer --------------------------------------------------------- */

typedef struct passim_writer_lock passim_writer_lock;

/* Take the writer lock of `dir` (creating the directory if needed). When
 * another process holds it: with `wait`, wait for it; without, fail with
 * PASSIM_ELOCKED and *holder set to its pid (0 if unknown). *out is owned
 * by the caller (passim_store_unlock); NULL on failure.
 * Return value:
 *   PASSIM_OK
 *   PASSIM_ELOCKED  another writer holds it (without `wait`)
 *   PASSIM_EIO      the directory or the lock file cannot be made or locked
 *   PASSIM_EINVAL   the path is too long
 *   PASSIM_ENOMEM */
passim_status passim_store_lock(passim_writer_lock **out, pid_t *holder,
                                const char *dir, int wait);

/* In a process forked while the lock was held: close the inherited
 * descriptor, so that the lock goes with the process that took it, even if
 * this one outlives it for a moment. Accepts NULL. */
void passim_store_lock_forget(passim_writer_lock *lock);

/* Release the writer lock. Accepts NULL. */
void passim_store_unlock(passim_writer_lock *lock);

/* Open the live generation of `dir` for writing, creating the stub and
 * generation 1 when there is none. Call with the writer lock held.
 * *out is owned by the caller (xc_wdb_close); NULL on failure.
 * Return value:
 *   PASSIM_OK
 *   PASSIM_EIO      the directory or the stub cannot be written
 *   PASSIM_EINVAL   the path is too long
 *   PASSIM_ECORRUPT, PASSIM_ELOCKED, PASSIM_ENOMEM, PASSIM_EINTERNAL  as
 *                   the wrapper reports opening the database */
passim_status passim_store_open_write(xc_wdb **out, const char *dir);

/* Prepare a new, empty generation directory name beside the live one:
 * path receives "DIR/gen-M" (M one more than any generation present; a
 * leftover directory of that name is removed first) and *gen receives M.
 * Call with the writer lock held.
 * Return value:
 *   PASSIM_OK
 *   PASSIM_EIO      `dir` cannot be read, or the leftover not removed
 *   PASSIM_EINVAL   the path does not fit in `size` */
passim_status passim_store_new_generation(char *path, size_t size,
                                          unsigned *gen, const char *dir);

/* Like passim_store_new_generation, but when a full build in parts was
 * left unfinished (directories "gen-M.part-J" with M above the live
 * generation), name generation M again (the largest such M) so that the
 * build can go on from its parts; a gen-M directory (an unfinished merge)
 * is removed first.
 * Return value: as passim_store_new_generation. */
passim_status passim_store_resume_generation(char *path, size_t size,
                                             unsigned *gen, const char *dir);

/* Make generation `gen` live: check that it opens, then replace the stub
 * atomically (write, fsync, rename, fsync the directory).
 * Return value:
 *   PASSIM_OK
 *   PASSIM_ENOTFOUND  gen-`gen` holds no database (the stub is unchanged)
 *   PASSIM_EIO        the stub cannot be written
 *   PASSIM_ECORRUPT, PASSIM_EIO, PASSIM_ENOMEM, PASSIM_EINTERNAL  from
 *                     opening it
 *   PASSIM_EINVAL     the path is too long */
passim_status passim_store_switch(const char *dir, unsigned gen);

/* The live generation number of `dir` (0 when the stub names none). */
unsigned passim_store_live_generation(const char *dir);

/* fsync a directory (making renames in it durable), or every file and
 * directory of a tree (a file system that cannot sync a directory is not
 * an error).
 * Return value:
 *   PASSIM_OK
 *   PASSIM_EIO  a file cannot be opened or synced: the data may not have
 *               reached the disk */
passim_status passim_store_sync_dir(const char *dir);
passim_status passim_store_sync_tree(const char *path);

/* Remove a directory tree (no error when it does not exist). Returns 0, or
 * -1 with errno set. */
int passim_store_remove_tree(const char *path);

/* Remove every generation directory of `dir` other than the live one that
 * no reader holds. Returns how many were removed. Call with the writer
 * lock held. */
unsigned passim_store_cleanup(const char *dir);

#ifdef __cplusplus
}
#endif
#endif
