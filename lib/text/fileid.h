/* fileid.h — article ids formed from file names.
 *
 * With one corpus root, a text article's id is its path relative to the
 * directory given, with a trailing ".gz" dropped (a file given directly:
 * its name). With several roots, each root has a label (passim_root_labels)
 * and the id is "LABEL/relative/path" (a file given directly: its label).
 *
 * An id must be valid UTF-8, and file names need not be: the id of a name
 * is its escaped form (passim_fileid_escape). A byte that is not part of
 * valid UTF-8 is written "\xHH" (two lower-case hex digits); a backslash is
 * written "\\" only where it would otherwise be read as the start of an
 * escape (followed by a backslash, by a byte that is escaped, or by "x" and
 * two lower-case hex digits). Every other character stands for itself, so
 * the ids of valid UTF-8 names without such backslashes are the names, and
 * the escaped form is faithful: reading "\\" as a backslash and "\xHH" as
 * the byte HH gives the name back.
 */
#ifndef PASSIM_FILEID_H
#define PASSIM_FILEID_H

#include <stddef.h>

#include "util/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The escaped form of name[0..len) (above). *out is malloc'd, NUL-
 * terminated, owned by the caller; *changed (may be NULL) is 1 when it
 * differs from the name. PASSIM_ENOMEM on allocation failure.
 * Return value:
 *   PASSIM_OK  *out is the id.
 *   PASSIM_ENOMEM  out of memory. *out is NULL. */
passim_status passim_fileid_escape(char **out, int *changed, const char *name,
                                   size_t len);

/* Labels of corpus roots roots[0..n): labels[i] (malloc'd, owned by the
 * caller; free each and the array with passim_root_labels_free) is
 *   - NULL when root i is the same file or directory (by canonical path)
 *     as an earlier root: it is listed once;
 *   - "" when only one distinct root is given: ids take no label;
 *   - else the last component of its canonical path, or as many trailing
 *     components as make the labels of all distinct roots different.
 * A root that does not exist gives PASSIM_ENOTFOUND naming it.
 * Return value:
 *   PASSIM_OK  *labels is set.
 *   PASSIM_ENOTFOUND  a root does not exist (the detail names it).
 *   PASSIM_ENOMEM  out of memory. *labels is NULL. */
passim_status passim_root_labels(char ***labels, const char *const *roots, size_t n);

/* Free what passim_root_labels returned. Accepts NULL. */
void passim_root_labels_free(char **labels, size_t n);

#ifdef __cplusplus
}
#endif
#endif
