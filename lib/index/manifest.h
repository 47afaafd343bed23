/* manifest.h — what the index knows of each corpus file, so a later run
 * can tell new, changed, unchanged and vanished files apart.
 *
 * One record per corpus file, kept in the index's metadata under the key
 * "F" + 16 lower-case hex digits (passim_manifest_hash of the file's canonical path)
 * and written in the same transaction as the file's articles, so a crash
 * never leaves a record that disagrees with the documents (index/README.md
 * lists the other metadata keys; update.h says how an update uses the
 * records). This is the one description of a record's bytes; a change
 * that an older passim would misread is a new schema version (schema.h).
 * Value, format 2 (varints are unsigned LEB128, a str is varint length +
 * bytes, no NUL after them or among them):
 *   0x02                 format
 *   str    path          canonical (absolute) path of the file
 *   varint size          bytes on disk
 *   varint mtime_ns      modification time, nanoseconds since the epoch
 *   varint crc32         zlib crc32 of the file's content as read, i.e.
 *                        decompressed for a .gz file (at most 32 bits)
 *   varint failed        0, or 1 when the file could not be indexed
 *   str    reason        why it failed ("" when it did not)
 *   varint skipped       lines or articles of it skipped when it was read
 *                        (bad lines, duplicate ids, articles without text),
 *                        so that a run that does not read it again counts
 *                        them again
 *   varint nids, then nids × str id   the articles it holds
 *   varint nlost, then nlost × str id  ids it holds that an earlier file
 *                        in corpus order holds too (skipped duplicates):
 *                        the file is read again once one of them is free
 * Format 1 (0x01, written before) is the same without `skipped` and the
 * lost ids; it is still read (as skipped 0, no lost ids), and written
 * again as format 2 when the record is next saved. Decoding treats the
 * value as untrusted: PASSIM_ECORRUPT on anything inconsistent (another
 * format byte, a field past the end, bytes after the last one).
 */
#ifndef PASSIM_MANIFEST_H
#define PASSIM_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#include "util/status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PASSIM_MANIFEST_PREFIX "F"
/* Key length: the prefix and 16 hex digits. */
#define PASSIM_MANIFEST_KEY_BYTES 17

typedef struct passim_file_record {
    char *path;       /* owned */
    uint64_t size;
    int64_t mtime_ns;
    uint32_t crc;
    int failed;
    char *reason;     /* owned, never NULL */
    uint64_t skipped; /* lines or articles skipped when it was read */
    char **ids;       /* owned, nids entries */
    size_t nids, cap;
    char **lost;      /* owned, nlost entries: duplicate ids not indexed */
    size_t nlost, lost_cap;
} passim_file_record;

/* The 64-bit hash of the bytes of `path` in keys: FNV-1a with the offset
 * basis 1469598103934665603 (not FNV's own, 14695981039346656037; kept, as
 * every stored key depends on it). Also how a parallel build divides
 * files among its parts. */
uint64_t passim_manifest_hash(const char *path);

/* The metadata key of `path` into key (PASSIM_MANIFEST_KEY_BYTES + 1). */
void passim_manifest_key(const char *path, char key[PASSIM_MANIFEST_KEY_BYTES + 1]);

/* Append a copy of `id` to r->ids.
 * Return value:
 *   PASSIM_OK
 *   PASSIM_ENOMEM  the copy or the longer list cannot be had (r unchanged) */
passim_status passim_record_add_id(passim_file_record *r, const char *id);

/* Append a copy of `id` to r->lost.
 * Return value: as passim_record_add_id. */
passim_status passim_record_add_lost(passim_file_record *r, const char *id);

/* Remove `id` from r->ids (if there) and add it to r->lost: the file lost
 * it to an earlier file. Counts one more skip.
 * Return value:
 *   PASSIM_OK
 *   PASSIM_ENOMEM  `id` could not be added to r->lost (it is already out
 *                  of r->ids and the skip counted) */
passim_status passim_record_lose_id(passim_file_record *r, const char *id);

/* Encode *r. *out is malloc'd (caller frees); NULL on failure.
 * Return value:
 *   PASSIM_OK
 *   PASSIM_ENOMEM  the encoded value cannot be allocated */
passim_status passim_record_encode(char **out, size_t *len,
                                   const passim_file_record *r);

/* Decode buf[0..len) into *r (zero it first; release with
 * passim_record_release); on failure *r is left zeroed.
 * Return value:
 *   PASSIM_OK
 *   PASSIM_ECORRUPT  anything inconsistent (the header's list above)
 *   PASSIM_ENOMEM    a field's copy cannot be allocated */
passim_status passim_record_decode(passim_file_record *r, const char *buf,
                                   size_t len);

/* Free what *r owns and zero it. Accepts NULL. */
void passim_record_release(passim_file_record *r);

#ifdef __cplusplus
}
#endif
#endif
