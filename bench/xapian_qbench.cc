// xapian_qbench — query latency of a scriptindex (Omega-style) index.
//
// Usage: xapian_qbench [--warmup N] [--count N] [--data] [--op or|and]
//                      DATABASE QUERIES
//
// Opens DATABASE once, then for every query of QUERIES (one per line: free
// words and "quoted phrases", the same file passim_qbench reads) times the
// article match as Omega would run it on an index built by scriptindex:
// Xapian::QueryParser with the English stemmer, STEM_SOME (free words match
// their Z-prefixed stems, phrases the unstemmed positional terms), default
// operator OR (passim's; --op and for comparison), then
// Enquire::get_mset(0, --count) with BM25
// (default 10). With --data, the document data of each result is fetched
// too (what a result page needs to show). The first --warmup queries
// (default 20) run once, untimed, first.
//
// Output (stdout, tab-separated): a header and one "match" line as
// benchutil.h's bench_print_latency. Exit status 0, or 1 on any error.
#include <xapian.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "benchutil.h"

namespace {

// What the data fetched adds up to, so the reads are not optimized away.
volatile size_t sink;

struct Bench {
    Xapian::Database db;
    Xapian::QueryParser qp;
    Xapian::Stem stemmer{"english"};
    unsigned count = 10;
    bool data = false;

    Bench(const char *path, Xapian::Query::op op) : db(path)
    {
        qp.set_database(db);
        qp.set_stemmer(stemmer);
        qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        qp.set_default_op(op);
    }

    // Run one query; returns the number of results.
    unsigned run(const char *q)
    {
        Xapian::Query query = qp.parse_query(
            q, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PHRASE);
        Xapian::Enquire enq(db);
        enq.set_query(query);
        enq.set_weighting_scheme(Xapian::BM25Weight());
        Xapian::MSet m = enq.get_mset(0, count);
        if (data) {
            for (Xapian::MSetIterator it = m.begin(); it != m.end(); ++it)
                sink += it.get_document().get_data().size();
        }
        return m.size();
    }
};

int usage()
{
    std::fputs("usage: xapian_qbench [--warmup N] [--count N] [--data] "
               "[--op or|and] DATABASE QUERIES\n", stderr);
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    size_t warmup = 20;
    unsigned count = 10;
    bool data = false;
    Xapian::Query::op op = Xapian::Query::OP_OR;
    int i;
    for (i = 1; i < argc && std::strncmp(argv[i], "--", 2) == 0; i++) {
        if (std::strcmp(argv[i], "--data") == 0) {
            data = true;
        } else if (i + 1 < argc && std::strcmp(argv[i], "--warmup") == 0) {
            warmup = std::strtoul(argv[++i], nullptr, 10);
        } else if (i + 1 < argc && std::strcmp(argv[i], "--op") == 0 &&
                   (!std::strcmp(argv[i + 1], "or") || !std::strcmp(argv[i + 1], "and"))) {
            op = std::strcmp(argv[++i], "and") ? Xapian::Query::OP_OR
                                                : Xapian::Query::OP_AND;
        } else if (i + 1 < argc && std::strcmp(argv[i], "--count") == 0) {
            count = static_cast<unsigned>(std::strtoul(argv[++i], nullptr, 10));
        } else {
            return usage();
        }
    }
    if (argc - i != 2 || count == 0)
        return usage();

    bench_queries qs;
    if (bench_queries_read(&qs, argv[i + 1]) != 0)
        return 1;
    int rc = 1;
    try {
        Bench b(argv[i], op);
        b.count = count;
        b.data = data;
        std::vector<double> t(qs.n);
        unsigned long long hits = 0;
        for (size_t k = 0; k < warmup && k < qs.n; k++)
            b.run(qs.v[k]);
        for (size_t k = 0; k < qs.n; k++) {
            double t0 = bench_now();
            hits += b.run(qs.v[k]);
            t[k] = bench_now() - t0;
        }
        bench_print_latency_header(stdout);
        bench_print_latency(stdout, "match", t.data(), qs.n, hits);
        rc = 0;
    } catch (const Xapian::Error &e) {
        std::fprintf(stderr, "xapian_qbench: %s\n", e.get_description().c_str());
    } catch (const std::exception &e) {
        std::fprintf(stderr, "xapian_qbench: %s\n", e.what());
    }
    bench_queries_free(&qs);
    return rc;
}
