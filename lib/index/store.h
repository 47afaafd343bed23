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

/* The index directory to use: `option` if not NULL, else $PASSIM_INDEX if
 * set and non-empty, else "index". Returns a borrowed string (the option,
 * the environment's value, or a static string). */
const char *passim_store_path(const char *option);

/* ---- readers ------------------------------------------------------------ */

/* Open the index at `dir` for reading, holding its live generation so
 * that no writer removes it while it is open. A directory that holds no
 * index gives PASSIM_ENOTFOUND. *out is owned by the caller: close it with
 * passim_store_close() (xc_db_close() alone keeps the hold until the
 * process exits). */
passim_status passim_store_open_read(xc_db **out, const char *dir);

/* Close a database opened by passim_store_open_read and release its hold.
 * Accepts NULL. */
void passim_store_close(xc_db *db);

/* ---- the writer --------------------------------------------------------- */

typedef struct passim_writer_lock passim_writer_lock;

/* Take the writer lock of `dir` (creating the directory if needed). When
 * another process holds it: with `wait`, wait for it; without, fail with
 * PASSIM_ELOCKED and *holder set to its pid (0 if unknown). *out is owned
 * by the caller (passim_store_unlock). */
passim_status passim_store_lock(passim_writer_lock **out, const char *dir,
                                int wait, pid_t *holder);

/* In a process forked while the lock was held: close the inherited
 * descriptor, so that the lock goes with the process that took it, even if
 * this one outlives it for a moment. Accepts NULL. */
void passim_store_lock_forget(passim_writer_lock *lock);

/* Release the writer lock. Accepts NULL. */
void passim_store_unlock(passim_writer_lock *lock);

/* Open the live generation of `dir` for writing, creating the stub and
 * generation 1 when there is none. Call with the writer lock held.
 * *out is owned by the caller (xc_wdb_close). */
passim_status passim_store_open_write(xc_wdb **out, const char *dir);

/* Prepare a new, empty generation directory name beside the live one:
 * path receives "DIR/gen-M" (M one more than any generation present; a
 * leftover directory of that name is removed first) and *gen receives M.
 * Call with the writer lock held. */
passim_status passim_store_new_generation(const char *dir, char *path,
                                          size_t size, unsigned *gen);

/* Like passim_store_new_generation, but when a full build in parts was
 * left unfinished (directories "gen-M.part-J" with M above the live
 * generation), name generation M again (the largest such M) so that the
 * build can go on from its parts; a gen-M directory (an unfinished merge)
 * is removed first. */
passim_status passim_store_resume_generation(const char *dir, char *path,
                                             size_t size, unsigned *gen);

/* Make generation `gen` live: check that it opens, then replace the stub
 * atomically (write, fsync, rename, fsync the directory). */
passim_status passim_store_switch(const char *dir, unsigned gen);

/* The live generation number of `dir` (0 when the stub names none). */
unsigned passim_store_live_generation(const char *dir);

/* fsync a directory (making renames in it durable), or every file and
 * directory of a tree; PASSIM_EIO when the data may not have reached the
 * disk. */
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
