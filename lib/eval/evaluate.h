/* evaluate.h — retrieval metrics from a TREC run and a qrels file.
 *
 * Input formats (fields separated by spaces or tabs; blank lines and lines
 * whose first field starts with '#' are skipped, as trec_eval skips them; a
 * trailing CR is white space, so CRLF files read the same):
 *   run    `qid Q0 docid rank score tag`  exactly 6 fields; Q0 and tag are
 *          ignored, rank must be an integer and is ignored (see ordering),
 *          score is a finite decimal number. (trec_eval ignores fields
 *          past the sixth; they are an error here, since they mostly come
 *          from a docid holding a space, which shifts every field.)
 *   qrels  `qid 0 docid rel`              exactly 4 fields; the second is
 *          ignored, rel is an integer; rel > 0 is relevant and is the gain
 *          of the document for nDCG; rel <= 0 is non-relevant.
 * Query ids must be valid UTF-8 (they are printed and written to JSON);
 * document ids are any bytes but white space. No field may hold a control
 * character (NUL, ESC, ...).
 *
 * Document ids are escaped (passim_trec_id_encode below), so that an id
 * holding a space, a newline or bytes that are not UTF-8 stays one field:
 * when read, every document id of a run or qrels is decoded and encoded
 * again, so `a%20b` and `%61%20b` both name the article `a b`, whichever
 * file they are in. A '%' not followed by two hex digits stands for itself.
 * Ties are broken on the ids in this canonical escaped form.
 *
 * Limits (a file beyond them is refused with PASSIM_ETOOBIG, never cut):
 *   PASSIM_EVAL_MAX_LINE bytes on a line (its newline aside),
 *   PASSIM_EVAL_MAX_ENTRIES lines of data in one file,
 *   PASSIM_EVAL_MAX_QUERIES distinct query ids in one file.
 *
 * Semantics (those of trec_eval 9.0, with the choices it leaves open):
 * - Ordering: within a query the run is ranked by score descending, equal
 *   scores by docid descending in byte order (strcmp) — trec_eval's own
 *   rule; the rank column is not used.
 * - A document listed twice for one query in the run counts once: the first
 *   line in the file is kept, later ones are reported to the warning
 *   callback and ignored (trec_eval refuses such a run). A document judged
 *   twice for one query in the qrels is an error (as in trec_eval).
 * - Queries evaluated: by default every query of the qrels that has at
 *   least one relevant document; one absent from the run scores 0 on every
 *   metric (trec_eval -c). With `run_queries_only`, only those of them that
 *   also appear in the run (trec_eval's default). Run queries without a
 *   relevant document in the qrels are ignored and counted.
 * - AP: over all retrieved documents (no depth cut), the sum of the
 *   precision at the rank of each relevant retrieved document, divided by
 *   the number of relevant documents R. MAP is its mean.
 * - P@10: relevant documents in the first 10, divided by 10 even when fewer
 *   than 10 were retrieved (trec_eval's P_10).
 * - nDCG@10: DCG = sum over ranks k <= 10 of rel_k / log2(k + 1) with linear
 *   gain rel_k (trec_eval's ndcg_cut_10 default; no 2^rel - 1), over the
 *   ideal DCG of the query's judged relevant documents sorted by rel.
 * - R@1000: relevant documents in the first 1000, divided by R
 *   (trec_eval's recall_1000).
 */
#ifndef PASSIM_EVALUATE_H
#define PASSIM_EVALUATE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "util/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Longest line accepted, in bytes, its newline aside. */
#define PASSIM_EVAL_MAX_LINE 4096
/* Most data lines in one run or qrels file. */
#define PASSIM_EVAL_MAX_ENTRIES 20000000u
/* Most distinct query ids in one run or qrels file. */
#define PASSIM_EVAL_MAX_QUERIES 1000000u
/* The cut-offs of the metrics. */
#define PASSIM_EVAL_P_DEPTH 10
#define PASSIM_EVAL_NDCG_DEPTH 10
#define PASSIM_EVAL_RECALL_DEPTH 1000

/* ---- document ids in TREC files ---------------------------------------
 * The escape: each byte of the id that is a space, a C0 control character,
 * DEL, '%', or not part of valid UTF-8 is written as '%' and two upper-case
 * hex digits; every other byte as it is. An id without such bytes is
 * written unchanged (cran's "1234", BBC's "business/199.txt"). */

/* Encode id[0..len) into dst, which has room for 3 * len + 1 bytes;
 * NUL-terminates and returns the encoded length. */
size_t passim_trec_id_encode(char *dst, const char *id, size_t len);

/* Write id (NUL-terminated) encoded to f. */
void passim_trec_id_write(FILE *f, const char *id);

/* Decode s in place: each '%' followed by two hex digits becomes that
 * byte (the result may hold any byte, NUL included); returns its length. */
size_t passim_trec_id_decode(char *s);

/* A parsed file: judgments (qrels) or a ranked run. Opaque. */
typedef struct passim_qrels passim_qrels;
typedef struct passim_run passim_run;

/* Called for a warning about the input (e.g. a duplicate document in a
 * run), with a message that starts with "file:line: ". The message is
 * borrowed for the duration of the call. */
typedef void (*passim_eval_warn_fn)(void *ctx, const char *msg);

/* Read judgments from `f` (read to its end, not closed); `name` is the
 * file name used in messages. On success *out is a new object the caller
 * frees with passim_qrels_free(); on failure *out is NULL and the reason,
 * starting with "name:line: " where a line is at fault, is in
 * passim_error_msg(). Errors: PASSIM_EINVAL (malformed line, duplicate
 * judgment), PASSIM_ETOOBIG (a limit above), PASSIM_EIO (read error),
 * PASSIM_ENOMEM.
 * Return value:
 *   PASSIM_OK  *out is the judgments.
 *   PASSIM_EINVAL  a malformed line or a duplicate judgment.
 *   PASSIM_ETOOBIG  a limit above.
 *   PASSIM_EIO  a read error.
 *   PASSIM_ENOMEM  out of memory. */
passim_status passim_qrels_read(passim_qrels **out, FILE *f, const char *name);

/* As passim_qrels_read() on the file at `path` (also its name in messages).
 * Further errors: PASSIM_ENOTFOUND (no such file), PASSIM_EINVAL (a
 * directory), PASSIM_EIO (cannot be opened).
 * Return value:
 *   PASSIM_OK  *out is the judgments.
 *   PASSIM_ENOTFOUND  no file at path.
 *   PASSIM_EINVAL  path is a directory, or as passim_qrels_read().
 *   PASSIM_EIO  it cannot be opened or read.
 *   PASSIM_ETOOBIG, PASSIM_ENOMEM  as passim_qrels_read(). */
passim_status passim_qrels_load(passim_qrels **out, const char *path);

/* Free judgments. Accepts NULL. */
void passim_qrels_free(passim_qrels *q);

/* Read a run from `f` (read to its end, not closed); `name` is the file
 * name used in messages; duplicate documents are reported to `warn` (may
 * be NULL) and ignored. Ownership and errors as passim_qrels_read(); free
 * with passim_run_free().
 * Return value:
 *   PASSIM_OK, PASSIM_EINVAL, PASSIM_ETOOBIG, PASSIM_EIO, PASSIM_ENOMEM
 *       as passim_qrels_read(). */
passim_status passim_run_read(passim_run **out, FILE *f, const char *name,
                              passim_eval_warn_fn warn, void *ctx);

/* As passim_run_read() on the file at `path`; errors as
 * passim_qrels_load().
 * Return value:
 *   PASSIM_OK, PASSIM_ENOTFOUND, PASSIM_EINVAL, PASSIM_EIO, PASSIM_ETOOBIG, PASSIM_ENOMEM
 *       as passim_qrels_load(). */
passim_status passim_run_load(passim_run **out, const char *path,
                              passim_eval_warn_fn warn, void *ctx);

/* Free a run. Accepts NULL. */
void passim_run_free(passim_run *r);

/* Lines of a run dropped as duplicate documents. */
size_t passim_run_duplicates(const passim_run *r);

typedef struct passim_eval_opts {
    int run_queries_only; /* average only over queries present in the run */
} passim_eval_opts;

#define PASSIM_EVAL_OPTS_DEFAULT ((passim_eval_opts){0})

/* The metrics of one query. */
typedef struct passim_eval_query {
    char *qid;            /* owned by the enclosing result */
    int in_run;           /* 0: absent from the run, every metric 0 */
    uint32_t num_rel;     /* relevant documents in the qrels (R) */
    uint32_t num_ret;     /* documents retrieved (duplicates dropped) */
    uint32_t num_rel_ret; /* relevant documents retrieved, at any depth */
    double ap, p10, ndcg10, recall1000;
} passim_eval_query;

/* The evaluation: one entry per query evaluated, in query id order
 * (numeric ids by value, others in byte order), and the means. */
typedef struct passim_eval_result {
    passim_eval_query *q; /* n entries, owned */
    size_t n;
    size_t missing;         /* queries evaluated that are absent from the run */
    size_t ignored;         /* run queries without a relevant judged document */
    uint64_t num_rel, num_ret, num_rel_ret; /* sums over the queries */
    double map, p10, ndcg10, recall1000;     /* means over the n queries */
} passim_eval_result;

/* Evaluate `run` against `qrels`, filling *res (zero it first; release it
 * with passim_eval_result_release() whatever the outcome). opts may be NULL
 * for the defaults. Errors: PASSIM_EINVAL when no query is left to
 * evaluate (means over no query are undefined), PASSIM_ENOMEM.
 * Return value:
 *   PASSIM_OK  *res is filled.
 *   PASSIM_EINVAL  no query is left to evaluate.
 *   PASSIM_ENOMEM  out of memory. */
passim_status passim_eval_compute(passim_eval_result *res,
                                  const passim_qrels *qrels,
                                  const passim_run *run,
                                  const passim_eval_opts *opts);

/* Free what *res owns and zero it. Accepts NULL. */
void passim_eval_result_release(passim_eval_result *res);

#ifdef __cplusplus
}
#endif
#endif
