/* search.h — from a query string to ranked, highlighted passages.
 *
 * Articles are matched and ranked by Xapian with the weighting scheme of
 * rank.h (IneB2 by default, PASSIM_RANK_OPTS_DEFAULT, plus a title boost);
 * the passages of the top N articles are then scored by passage.h's BM25
 * (k1 1.2, b 0.5 by default) over the passage with the index's global
 * statistics (free from the MSet); the best passages across articles
 * come first, at most `per_article` from one article;
 * equal scores are ordered by article rank, article id, then position in
 * the article, so results are the same across rebuilds. Every article of
 * the top N gives at least one passage: one with no query word in any
 * passage gives its opening passage, scored as if its title were part of
 * it.
 *
 * A query with no ranking words (filters, exclusions) lists its articles
 * newest first, undated last, equal dates by id. A query of nothing but
 * stopwords (query.h, stop_only) is checked in the text: its candidates,
 * title matches first then newest, are read until the top N hold it, at
 * most PASSIM_STOP_SCAN_ARTICLES articles and PASSIM_STOP_SCAN_BYTES of
 * text; articles_matched is then extrapolated from those read.
 *
 * If the index moves on under the reader, the index is reopened (following
 * a switch to a new generation, index.h) and the whole search (passage
 * stage and "did you mean" included) runs again: at most
 * PASSIM_STORE_ATTEMPTS (store.h) attempts in all, then PASSIM_ERETRY.
 */
#ifndef PASSIM_SEARCH_H
#define PASSIM_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "index/index.h"
#include "text/analyzer.h"
#include "search/passage.h"
#include "search/query.h"
#include "search/rank.h"
#include "search/snippet.h"
#include "util/status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PASSIM_MAX_LIMIT 1000   /* largest --limit */
#define PASSIM_MAX_OFFSET 10000 /* largest --offset */
#define PASSIM_MAX_PER_ARTICLE 100
/* A query of nothing but stopwords is checked in the articles' text: at
 * most this many candidate articles and bytes of text are read. */
#define PASSIM_STOP_SCAN_ARTICLES 5000
#define PASSIM_STOP_SCAN_BYTES (32u << 20)

typedef struct passim_search_opts {
    uint32_t limit;       /* passages returned (default 10); with
                             by_article, articles (each with its passages) */
    uint32_t offset;      /* passages (by_article: articles) skipped first */
    uint32_t per_article; /* most passages from one article (default 1) */
    uint32_t top_n;       /* articles whose passages are ranked (default 50;
                             raised to offset + limit when that is more) */
    int by_article;          /* 1: articles in rank order, each with its
                                top passages; 0: best passages first */
    passim_rank_opts rank;   /* article ranking (rank.h) */
    passim_passage_params passage;
    double article_weight;   /* added to a passage's score: this times its
                                article's weight over the best article's */
    const struct passim_idset *stop; /* stopwords (stopwords.h; borrowed);
                                NULL: the list the index was built with
                                (passim_index_stopwords) */
    const char *date_from, *date_to; /* "YYYY-MM-DD" bounds (inclusive) on
                                the article date, or NULL / "" when open;
                                the same filter as the query's date:A..B */
} passim_search_opts;

#define PASSIM_SEARCH_OPTS_DEFAULT \
    ((passim_search_opts){10, 0, 1, 50, 0, PASSIM_RANK_OPTS_DEFAULT, PASSIM_PASSAGE_PARAMS_DEFAULT, 0.0, NULL, NULL, NULL})

typedef struct passim_result {
    char *id;            /* article id; owned */
    char *title;         /* owned */
    passim_span *title_spans; /* the query's words in the title: byte
                                 ranges into title, sorted; owned (NULL
                                 when ntitle_spans == 0) */
    size_t ntitle_spans;
    char date[11];       /* "YYYY-MM-DD" or "" */
    char *byline;        /* "" when none; owned */
    char *url;           /* "" when none; owned */
    uint32_t passage;    /* ordinal of the passage's first sentence */
    uint32_t nsent;      /* sentences in the passage */
    uint32_t article_rank; /* 1-based rank of its article by Xapian */
    double score;        /* passage score */
    double article_score; /* Xapian's weight of the article */
    passim_snippet snippet; /* shown text and highlight spans; owned */
} passim_result;

typedef struct passim_results {
    passim_result *v;         /* owned */
    size_t n;
    uint32_t articles_matched; /* Xapian's estimate of matching articles */
    uint32_t passages_found;   /* passages ranked before offset/limit */
    char *suggestion;          /* "did you mean" query (suggest.h), or
                                  NULL; owned */
} passim_results;

/* Run `query` (query.h's language) against the index `ix`. Fills *out
 * (caller releases with passim_results_release; zeroed on failure). A
 * query with no words, or one whose words are not in the index, gives zero
 * results and PASSIM_OK.
 * Return value:
 *   PASSIM_OK
 *   PASSIM_EQUERY     the query does not parse, or a prefix* is too broad
 *                     (query.h: the error's place)
 *   PASSIM_EINVAL     limit, offset or per_article out of range, or an
 *                     unknown weighting scheme
 *   PASSIM_ERETRY     the index kept changing under the search
 *   PASSIM_ECORRUPT   the index or an article's stored data is damaged
 *   PASSIM_ENOTFOUND  the index went away under a reopen
 *   PASSIM_ENOMEM, PASSIM_EIO, PASSIM_ENETWORK, PASSIM_EINTERNAL */
passim_status passim_search_run(passim_results *out, passim_index *ix,
                                passim_analyzer *a, const char *query, size_t len,
                                const passim_search_opts *opts);

/* Free what *r owns and zero it. Accepts NULL. */
void passim_results_release(passim_results *r);

/* ---- article ranking alone (batch runs, evaluation) --------------------- */

typedef struct passim_ranked {
    char *id;     /* article id; owned */
    double score; /* Xapian's weight */
} passim_ranked;

typedef struct passim_ranking {
    passim_ranked *v; /* best first; owned */
    size_t n;
} passim_ranking;

/* Rank articles for the parsed query `q` with `r`, best first, at most
 * `limit` (ties by article id; no ranking words: newest first; a query of
 * stopwords only gives none, the index holding no posting for them).
 * Reopens and retries as passim_search_run does. Fills *out (release with
 * passim_ranking_release; zeroed on failure).
 * Return value:
 *   PASSIM_OK
 *   PASSIM_EQUERY     a prefix* is too broad
 *   PASSIM_EINVAL     an unknown weighting scheme or wrong parameters
 *   PASSIM_ECORRUPT   an article has no id value
 *   PASSIM_ERETRY, PASSIM_ENOTFOUND, PASSIM_ENOMEM, PASSIM_EIO,
 *   PASSIM_ENETWORK, PASSIM_EINTERNAL  as passim_search_run */
passim_status passim_search_articles(passim_ranking *out, passim_index *ix,
                                     const passim_query *q, const passim_rank_opts *r,
                                     uint32_t limit);

/* The article match alone, as passim_search_articles runs it but reading
 * nothing of the articles: *n receives how many of the best `limit` it
 * returned (0 for a query with no ranking words). For benchmarks.
 * Return value: as passim_search_articles (PASSIM_ECORRUPT aside). */
passim_status passim_search_match(uint32_t *n, passim_index *ix, const passim_query *q,
                                  const passim_rank_opts *r, uint32_t limit);

/* Free what *r owns and zero it. Accepts NULL. */
void passim_ranking_release(passim_ranking *r);

/* ---- one article by its id (the article view) --------------------------- */

struct passim_docdata;

/* Fetch the article whose id is id[0..len): its document data into *out
 * (docdata.h; release with passim_docdata_release). An id holding \xHH
 * escapes (utf8out.h) that is not found as given is looked up again with
 * them undone, so the id an output shows for an old index's raw bytes
 * finds its article. Reopens and retries as passim_search_run does.
 * Return value:
 *   PASSIM_OK
 *   PASSIM_ENOTFOUND  no article has that id (an empty or over-long id
 *                     included; *out zeroed)
 *   PASSIM_ECORRUPT   its stored data is damaged
 *   PASSIM_ERETRY, PASSIM_ENOMEM, PASSIM_EIO, PASSIM_ENETWORK,
 *   PASSIM_EINTERNAL  as passim_search_run */
passim_status passim_search_article(struct passim_docdata *out, passim_index *ix,
                                    const char *id, size_t len);

#ifdef __cplusplus
}
#endif
#endif
