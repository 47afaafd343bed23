/* passage.h — scoring the passages of one article.
 *
 * A passage is a run of whole sentences inside one paragraph, at most
 * `max_words` words long (a single longer sentence is a passage on its
 * own). Passages are assembled at query time from the sentence table, so
 * their length can change without re-indexing.
 *
 * Score (BM25 over the passage, with the index's global statistics):
 *   sum over clauses c of  idf(c) * tf(c) * (k1 + 1) / (tf(c) + k1 * (1 - b + b * len / max_words))
 * where tf(c) counts c's hits wholly inside the passage, len is the
 * passage's length in words, and idf(c) is supplied by the caller (for a
 * phrase, the sum of its words' idf), times the coverage bonus (see
 * passim_passage_params). A passage with no hit scores 0 and is never
 * returned.
 */
#ifndef PASSIM_PASSAGE_H
#define PASSIM_PASSAGE_H

#include <stddef.h>
#include <stdint.h>

#include "search/match.h"
#include "text/sentence.h"
#include "util/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct passim_passage_params {
    uint32_t max_words; /* passage length bound in words (default 60) */
    double k1, b;       /* BM25 parameters (defaults 1.2, 0.5) */
    double coverage;    /* bonus for holding more of the query's clauses:
                           the score is multiplied by
                           1 + coverage * (matched - 1) / (clauses - 1) */
} passim_passage_params;

#define PASSIM_PASSAGE_PARAMS_DEFAULT ((passim_passage_params){60, 1.2, 0.5, 0.0})

typedef struct passim_passage {
    uint32_t first_sent; /* index of its first sentence */
    uint32_t nsent;      /* number of sentences */
    double score;
} passim_passage;

/* BM25 idf of a term indexing `termfreq` of `doccount` documents. */
double passim_idf(uint32_t doccount, uint32_t termfreq);

/* Choose the best `k` non-overlapping passages of an article with sentence
 * table `s` and query hits `hits`, given each clause's idf (`idf[c]` for
 * clause c). Writes up to k passages to out[] (caller provides room for k),
 * best first (equal scores: earlier passage first), and their count to
 * *nout.
 * Return value:
 *   PASSIM_OK  out[0..*nout) is set.
 *   PASSIM_ENOMEM  out of memory. */
passim_status passim_passages_best(passim_passage *out,
                                   size_t *nout, const passim_sentences *s,
                                   const passim_hits *hits,
                                   const double *idf, size_t nclauses,
                                   const passim_passage_params *p, uint32_t k);

/* The opening passage of an article: its first sentence and those after
 * it in the same paragraph, within p->max_words (score 0). An article with
 * no sentence gives nsent == 0. */
passim_passage passim_passage_opening(const passim_sentences *s,
                                      const passim_passage_params *p);

/* Words in passage *pp of sentence table s. */
uint32_t passim_passage_words(const passim_sentences *s, const passim_passage *pp);

/* *score: the passage score formula above over every hit of `hits` taken
 * as lying in one passage of `len` words (e.g. an article's title joined to
 * its opening passage). 0 when there is no hit.
 * Return value:
 *   PASSIM_OK  *score is set.
 *   PASSIM_ENOMEM  out of memory. */
passim_status passim_passage_score_all(double *score, const passim_hits *hits,
                                       uint32_t len, const double *idf,
                                       size_t nclauses, const passim_passage_params *p);

#ifdef __cplusplus
}
#endif
#endif
