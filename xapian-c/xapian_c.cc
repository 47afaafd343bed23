/* xapian_c.cc — the C interface to Xapian declared in xapian_c.h.
 *
 * The only C++ in the tree. Each handle is a small struct around one Xapian
 * object; each exported function runs its body through guard(), which turns
 * any exception into a passim_status and records Xapian's own description
 * with passim_error_set(). Nothing thrown here ever reaches C.
 */
#include "xapian_c.h"

#include <xapian.h>

#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <vector>

struct xc_db {
    Xapian::Database db;
};

/* in_txn mirrors Xapian's own (private) transaction state, so that
 * xc_wdb_close() knows whether there is a transaction to cancel. */
struct xc_wdb {
    Xapian::WritableDatabase db;
    bool in_txn;
};

struct xc_doc {
    Xapian::Document doc;
};

struct xc_query {
    Xapian::Query q;
};

/* Xapian::Enquire keeps its own reference to the database's shards; `db`
 * is the handle it was made from (which must outlive it, as documented). */
struct xc_enquire {
    xc_db *db;
    Xapian::Enquire enq;
};

struct xc_mset {
    Xapian::MSet m;
};

namespace {

/* Record e's description ("DatabaseLockError: ...") for status st.
 * Building the text may itself run out of memory: fall back to the type. */
passim_status xapian_fail(passim_status st, const Xapian::Error &e) noexcept
{
    try {
        const std::string d = e.get_description();
        return passim_error_set(st, "%s", d.c_str());
    } catch (...) {
        return passim_error_set(st, "%s", e.get_type());
    }
}

/* The status for the exception currently being handled. Call only from
 * inside a catch block: it rethrows and sorts the exception, most specific
 * type first (a subclass must come before its base). */
passim_status current_exception_status() noexcept
{
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &e) {
        return xapian_fail(PASSIM_ELOCKED, e);
    } catch (const Xapian::DatabaseNotFoundError &e) {
        return xapian_fail(PASSIM_ENOTFOUND, e);
    } catch (const Xapian::DocNotFoundError &e) {
        return xapian_fail(PASSIM_ENOTFOUND, e);
    } catch (const Xapian::DatabaseModifiedError &e) {
        return xapian_fail(PASSIM_ERETRY, e);
    } catch (const Xapian::DatabaseCorruptError &e) {
        return xapian_fail(PASSIM_ECORRUPT, e);
    } catch (const Xapian::InvalidArgumentError &e) {
        return xapian_fail(PASSIM_EINVAL, e);
    } catch (const Xapian::InvalidOperationError &e) {
        /* Misuse such as committing with no transaction open. */
        return xapian_fail(PASSIM_EINVAL, e);
    } catch (const Xapian::WildcardError &e) {
        return xapian_fail(PASSIM_EQUERY, e);
    } catch (const Xapian::QueryParserError &e) {
        return xapian_fail(PASSIM_EQUERY, e);
    } catch (const Xapian::NetworkError &e) { /* NetworkTimeoutError too */
        return xapian_fail(PASSIM_ENETWORK, e);
    } catch (const Xapian::Error &e) {
        return xapian_fail(PASSIM_EIO, e);
    } catch (const std::bad_alloc &) {
        return passim_error_set(PASSIM_ENOMEM, "out of memory");
    } catch (const std::exception &e) {
        return passim_error_set(PASSIM_EINTERNAL, "C++ exception: %s", e.what());
    } catch (...) {
        return passim_error_set(PASSIM_EINTERNAL, "unknown C++ exception");
    }
}

/* Run `body` (a callable returning passim_status) behind the exception
 * firewall: whatever it throws comes back as a status. Every exported
 * function that returns a status runs through here, so this is where the
 * error detail is cleared at the start of each call (util/status.h). */
template <typename F>
passim_status guard(F &&body) noexcept
{
    passim_error_clear();
    try {
        return body();
    } catch (...) {
        return current_exception_status();
    }
}

passim_status bad_arg(const char *fn, const char *what)
{
    return passim_error_set(PASSIM_EINVAL, "%s: %s", fn, what);
}

/* A (pointer, length) pair is usable if the pointer is set or the length
 * is zero. */
bool span_ok(const char *p, size_t len)
{
    return p != nullptr || len == 0;
}

std::string span(const char *p, size_t len)
{
    return len ? std::string(p, len) : std::string();
}

/* Copy `s` into a malloc'd buffer with a NUL after it. */
passim_status copy_out(char **data, size_t *len, const std::string &s)
{
    char *buf = static_cast<char *>(std::malloc(s.size() + 1));
    if (!buf)
        return passim_error_set(PASSIM_ENOMEM, "out of memory (%zu bytes)",
                                s.size() + 1);
    if (!s.empty())
        std::memcpy(buf, s.data(), s.size());
    buf[s.size()] = '\0';
    *data = buf;
    if (len)
        *len = s.size();
    return PASSIM_OK;
}

/* Longest term glass stores; Xapian throws InvalidArgumentError above it. */
const size_t max_term = XC_MAX_TERM_BYTES;

/* Wrap a finished query in a new handle. */
passim_status new_query(xc_query **out, const Xapian::Query &q)
{
    *out = new xc_query{q};
    return PASSIM_OK;
}

/* Xapian's operator for an xc_query_op; false if there is none. */
bool map_op(int op, Xapian::Query::op *x)
{
    switch (op) {
    case XC_OP_AND: *x = Xapian::Query::OP_AND; return true;
    case XC_OP_OR: *x = Xapian::Query::OP_OR; return true;
    case XC_OP_AND_NOT: *x = Xapian::Query::OP_AND_NOT; return true;
    case XC_OP_AND_MAYBE: *x = Xapian::Query::OP_AND_MAYBE; return true;
    case XC_OP_FILTER: *x = Xapian::Query::OP_FILTER; return true;
    case XC_OP_PHRASE: *x = Xapian::Query::OP_PHRASE; return true;
    case XC_OP_NEAR: *x = Xapian::Query::OP_NEAR; return true;
    case XC_OP_ELITE_SET: *x = Xapian::Query::OP_ELITE_SET; return true;
    case XC_OP_SYNONYM: *x = Xapian::Query::OP_SYNONYM; return true;
    case XC_OP_MAX: *x = Xapian::Query::OP_MAX; return true;
    default: return false;
    }
}

/* Build the weighting scheme `name` with n parameters, or return null if
 * the name is unknown or n is neither 0 nor the scheme's count. Xapian's
 * constructors throw InvalidArgumentError on out-of-range values. */
std::unique_ptr<Xapian::Weight> make_weight(const char *name, const double *p,
                                            size_t n)
{
    using W = std::unique_ptr<Xapian::Weight>;
    const bool dflt = n == 0;
    if (!std::strcmp(name, "bm25")) {
        if (dflt)
            return W(new Xapian::BM25Weight());
        if (n == 5)
            return W(new Xapian::BM25Weight(p[0], p[1], p[2], p[3], p[4]));
    } else if (!std::strcmp(name, "bm25+")) {
        if (dflt)
            return W(new Xapian::BM25PlusWeight());
        if (n == 6)
            return W(new Xapian::BM25PlusWeight(p[0], p[1], p[2], p[3], p[4],
                                                p[5]));
    } else if (!std::strcmp(name, "ineb2")) {
        if (dflt)
            return W(new Xapian::IneB2Weight());
        if (n == 1)
            return W(new Xapian::IneB2Weight(p[0]));
    } else if (!std::strcmp(name, "ifb2")) {
        if (dflt)
            return W(new Xapian::IfB2Weight());
        if (n == 1)
            return W(new Xapian::IfB2Weight(p[0]));
    } else if (!std::strcmp(name, "inl2")) {
        if (dflt)
            return W(new Xapian::InL2Weight());
        if (n == 1)
            return W(new Xapian::InL2Weight(p[0]));
    } else if (!std::strcmp(name, "pl2")) {
        if (dflt)
            return W(new Xapian::PL2Weight());
        if (n == 1)
            return W(new Xapian::PL2Weight(p[0]));
    } else if (!std::strcmp(name, "dlh")) {
        if (dflt)
            return W(new Xapian::DLHWeight());
    } else if (!std::strcmp(name, "tfidf")) {
        if (dflt)
            return W(new Xapian::TfIdfWeight());
    } else if (!std::strcmp(name, "bool")) {
        if (dflt)
            return W(new Xapian::BoolWeight());
    }
    return nullptr;
}

} // namespace

extern "C" {

/* ---- read-only databases ---------------------------------------------- */

passim_status xc_db_open(xc_db **out, const char *path)
{
    if (!out)
        return bad_arg("xc_db_open", "out is NULL");
    *out = nullptr;
    return guard([&] {
        if (!path)
            return bad_arg("xc_db_open", "path is NULL");
        *out = new xc_db{Xapian::Database(path)};
        return PASSIM_OK;
    });
}

passim_status xc_db_add(xc_db *db, const char *path)
{
    return guard([&] {
        if (!db || !path)
            return bad_arg("xc_db_add", "NULL argument");
        db->db.add_database(Xapian::Database(path));
        return PASSIM_OK;
    });
}

passim_status xc_db_reopen(int *changed, xc_db *db)
{
    if (changed)
        *changed = 0;
    return guard([&] {
        if (!db)
            return bad_arg("xc_db_reopen", "db is NULL");
        const bool moved = db->db.reopen();
        if (changed)
            *changed = moved ? 1 : 0;
        return PASSIM_OK;
    });
}

void xc_db_close(xc_db *db)
{
    if (!db)
        return;
    try {
        db->db.close();
    } catch (...) {
        /* Closing a reader loses nothing; the handle goes regardless. */
    }
    delete db;
}

passim_status xc_db_doccount(uint32_t *out, xc_db *db)
{
    return guard([&] {
        if (!db || !out)
            return bad_arg("xc_db_doccount", "NULL argument");
        *out = db->db.get_doccount();
        return PASSIM_OK;
    });
}

passim_status xc_db_avlength(double *out, xc_db *db)
{
    return guard([&] {
        if (!db || !out)
            return bad_arg("xc_db_avlength", "NULL argument");
        *out = db->db.get_avlength();
        return PASSIM_OK;
    });
}

passim_status xc_db_termfreq(uint32_t *out, xc_db *db, const char *term,
                             size_t len)
{
    return guard([&] {
        if (!db || !out || !span_ok(term, len))
            return bad_arg("xc_db_termfreq", "NULL argument");
        *out = db->db.get_termfreq(span(term, len));
        return PASSIM_OK;
    });
}

/* An empty term is refused: Xapian reads it as "every document". */
passim_status xc_db_find_term(xc_docid *out, xc_db *db, const char *term,
                              size_t len)
{
    if (out)
        *out = 0;
    return guard([&] {
        if (!db || !out || !span_ok(term, len))
            return bad_arg("xc_db_find_term", "NULL argument");
        if (len == 0)
            return bad_arg("xc_db_find_term", "empty term");
        const std::string t(term, len);
        Xapian::PostingIterator it = db->db.postlist_begin(t);
        if (it != db->db.postlist_end(t))
            *out = *it;
        return PASSIM_OK;
    });
}

passim_status xc_db_positions(uint32_t **pos, size_t *n, xc_db *db,
                              xc_docid did, const char *term, size_t len)
{
    if (pos)
        *pos = nullptr;
    if (n)
        *n = 0;
    return guard([&] {
        if (!db || !pos || !n || !span_ok(term, len))
            return bad_arg("xc_db_positions", "NULL argument");
        const std::string t = span(term, len);
        std::vector<uint32_t> v;
        Xapian::PositionIterator end = db->db.positionlist_end(did, t);
        for (Xapian::PositionIterator it = db->db.positionlist_begin(did, t);
             it != end; ++it)
            v.push_back(*it);
        if (v.empty())
            return PASSIM_OK;
        uint32_t *buf =
            static_cast<uint32_t *>(std::malloc(v.size() * sizeof *buf));
        if (!buf)
            return passim_error_set(PASSIM_ENOMEM, "out of memory (%zu positions)",
                                    v.size());
        std::memcpy(buf, v.data(), v.size() * sizeof *buf);
        *pos = buf;
        *n = v.size();
        return PASSIM_OK;
    });
}

passim_status xc_db_get_data(char **data, size_t *len, xc_db *db, xc_docid did)
{
    if (data)
        *data = nullptr;
    if (len)
        *len = 0;
    return guard([&] {
        if (!db || !data || !len)
            return bad_arg("xc_db_get_data", "NULL argument");
        return copy_out(data, len, db->db.get_document(did).get_data());
    });
}

/* Call fn for each term of `db` starting with `prefix`, until it says stop.
 * Shared by readers and the writer (a WritableDatabase is a Database). */
static void each_term(const Xapian::Database &db, const std::string &prefix,
                      xc_term_fn fn, void *ctx)
{
    for (Xapian::TermIterator it = db.allterms_begin(prefix);
         it != db.allterms_end(prefix); ++it) {
        const std::string t = *it;
        if (fn(ctx, t.data(), t.size(), it.get_termfreq()))
            break;
    }
}

passim_status xc_db_terms(xc_db *db, const char *prefix, size_t len,
                          xc_term_fn fn, void *ctx)
{
    return guard([&] {
        if (!db || !fn || !span_ok(prefix, len))
            return bad_arg("xc_db_terms", "NULL argument");
        each_term(db->db, std::string(prefix, len), fn, ctx);
        return PASSIM_OK;
    });
}

passim_status xc_db_get_metadata(char **data, size_t *len, xc_db *db, const char *key)
{
    if (data)
        *data = nullptr;
    if (len)
        *len = 0;
    return guard([&] {
        if (!db || !key || !data || !len)
            return bad_arg("xc_db_get_metadata", "NULL argument");
        return copy_out(data, len, db->db.get_metadata(key));
    });
}

passim_status xc_db_get_value(char **data, size_t *len, xc_db *db,
                              xc_docid did, unsigned slot)
{
    if (data)
        *data = nullptr;
    if (len)
        *len = 0;
    return guard([&] {
        if (!db || !data || !len)
            return bad_arg("xc_db_get_value", "NULL argument");
        return copy_out(data, len, db->db.get_document(did).get_value(slot));
    });
}

/* ---- writable databases ----------------------------------------------- */

passim_status xc_wdb_open(xc_wdb **out, const char *path, int mode)
{
    if (!out)
        return bad_arg("xc_wdb_open", "out is NULL");
    *out = nullptr;
    return guard([&] {
        if (!path)
            return bad_arg("xc_wdb_open", "path is NULL");
        int action;
        switch (mode) {
        case XC_CREATE_OR_OPEN: action = Xapian::DB_CREATE_OR_OPEN; break;
        case XC_CREATE_OR_OVERWRITE: action = Xapian::DB_CREATE_OR_OVERWRITE; break;
        case XC_OPEN: action = Xapian::DB_OPEN; break;
        default: return bad_arg("xc_wdb_open", "unknown open mode");
        }
        *out = new xc_wdb{Xapian::WritableDatabase(path, action), false};
        return PASSIM_OK;
    });
}

passim_status xc_wdb_begin(xc_wdb *db, int flushed)
{
    return guard([&] {
        if (!db)
            return bad_arg("xc_wdb_begin", "db is NULL");
        db->db.begin_transaction(flushed != 0);
        db->in_txn = true;
        return PASSIM_OK;
    });
}

/* Xapian ends the transaction before it writes anything, so it is over
 * whether or not the commit succeeds. */
passim_status xc_wdb_commit_transaction(xc_wdb *db)
{
    return guard([&] {
        if (!db)
            return bad_arg("xc_wdb_commit_transaction", "db is NULL");
        db->in_txn = false;
        db->db.commit_transaction();
        return PASSIM_OK;
    });
}

passim_status xc_wdb_cancel_transaction(xc_wdb *db)
{
    return guard([&] {
        if (!db)
            return bad_arg("xc_wdb_cancel_transaction", "db is NULL");
        db->in_txn = false;
        db->db.cancel_transaction();
        return PASSIM_OK;
    });
}

passim_status xc_wdb_commit(xc_wdb *db)
{
    return guard([&] {
        if (!db)
            return bad_arg("xc_wdb_commit", "db is NULL");
        db->db.commit();
        return PASSIM_OK;
    });
}

/* Glass discards every uncommitted change (the whole open batch) when
 * adding a document fails, so the term lengths Xapian would reject are
 * checked here first: an over-long term costs one document, not the batch.
 * If `doc` lacks `idterm`, it is added to it as a boolean term, so that the
 * next replace with the same id finds this document instead of adding a
 * second one. */
passim_status xc_wdb_replace(xc_docid *did, xc_wdb *db, const char *idterm,
                             const xc_doc *doc)
{
    if (did)
        *did = 0;
    return guard([&] {
        if (!db || !idterm || !doc)
            return bad_arg("xc_wdb_replace", "NULL argument");
        const std::string id(idterm);
        if (id.empty())
            return bad_arg("xc_wdb_replace", "empty id term");
        if (id.size() > max_term)
            return passim_error_set(PASSIM_EINVAL,
                                    "xc_wdb_replace: id term too long (%zu > %zu bytes)",
                                    id.size(), max_term);
        Xapian::Document d = doc->doc; /* shares doc's contents */
        bool has_id = false;
        for (Xapian::TermIterator t = d.termlist_begin(); t != d.termlist_end();
             ++t) {
            const std::string &name = *t;
            if (name.size() > max_term)
                return passim_error_set(PASSIM_EINVAL,
                                        "xc_wdb_replace: term too long (%zu > %zu bytes): %.40s...",
                                        name.size(), max_term, name.c_str());
            if (name == id)
                has_id = true;
        }
        if (!has_id)
            d.add_boolean_term(id);
        const Xapian::docid got = db->db.replace_document(id, d);
        if (did)
            *did = got;
        return PASSIM_OK;
    });
}

passim_status xc_wdb_delete(xc_wdb *db, const char *idterm)
{
    return guard([&] {
        if (!db || !idterm)
            return bad_arg("xc_wdb_delete", "NULL argument");
        if (!*idterm) /* "" would name every document */
            return bad_arg("xc_wdb_delete", "empty id term");
        db->db.delete_document(std::string(idterm));
        return PASSIM_OK;
    });
}

passim_status xc_wdb_set_metadata(xc_wdb *db, const char *key, size_t klen,
                                  const char *val, size_t vlen)
{
    return guard([&] {
        if (!db || !span_ok(key, klen) || !span_ok(val, vlen))
            return bad_arg("xc_wdb_set_metadata", "NULL argument");
        if (klen == 0)
            return bad_arg("xc_wdb_set_metadata", "empty key");
        db->db.set_metadata(span(key, klen), span(val, vlen));
        return PASSIM_OK;
    });
}

passim_status xc_wdb_metadata(xc_wdb *db, const char *prefix, size_t len,
                              xc_metadata_fn fn, void *ctx)
{
    return guard([&] {
        if (!db || !fn || !span_ok(prefix, len))
            return bad_arg("xc_wdb_metadata", "NULL argument");
        const std::string p(prefix, len);
        for (Xapian::TermIterator it = db->db.metadata_keys_begin(p);
             it != db->db.metadata_keys_end(p); ++it) {
            const std::string key = *it;
            const std::string val = db->db.get_metadata(key);
            if (fn(ctx, key.data(), key.size(), val.data(), val.size()))
                break;
        }
        return PASSIM_OK;
    });
}

passim_status xc_wdb_terms(xc_wdb *db, const char *prefix, size_t len,
                           xc_term_fn fn, void *ctx)
{
    return guard([&] {
        if (!db || !fn || !span_ok(prefix, len))
            return bad_arg("xc_wdb_terms", "NULL argument");
        each_term(db->db, std::string(prefix, len), fn, ctx);
        return PASSIM_OK;
    });
}

passim_status xc_db_compact(xc_db *db, const char *outdir)
{
    return guard([&] {
        if (!db || !outdir)
            return bad_arg("xc_db_compact", "NULL argument");
        db->db.compact(outdir, 0); /* renumbers: shards may overlap */
        return PASSIM_OK;
    });
}

passim_status xc_wdb_postings(xc_docid *dids, size_t *n, size_t max,
                              xc_wdb *db, const char *term, size_t len)
{
    if (n)
        *n = 0;
    return guard([&] {
        if (!db || !n || !span_ok(term, len) || (max && !dids))
            return bad_arg("xc_wdb_postings", "NULL argument");
        const std::string t(term, len);
        for (Xapian::PostingIterator it = db->db.postlist_begin(t);
             it != db->db.postlist_end(t) && *n < max; ++it)
            dids[(*n)++] = *it;
        return PASSIM_OK;
    });
}

passim_status xc_wdb_delete_docid(xc_wdb *db, xc_docid did)
{
    return guard([&] {
        if (!db || did == 0)
            return bad_arg("xc_wdb_delete_docid", "bad argument");
        db->db.delete_document(did);
        return PASSIM_OK;
    });
}

passim_status xc_wdb_doccount(uint32_t *out, xc_wdb *db)
{
    return guard([&] {
        if (!db || !out)
            return bad_arg("xc_wdb_doccount", "NULL argument");
        *out = db->db.get_doccount();
        return PASSIM_OK;
    });
}

/* Xapian's close() and destructor both commit pending changes made outside
 * a transaction. To discard them instead: cancel any open transaction, then
 * open an unflushed transaction and cancel it too — cancelling goes back to
 * the last committed revision, taking earlier pending changes with it — so
 * that close() finds nothing left to commit. (Outside a transaction Xapian
 * still commits by itself every 10,000 changes; those are already on disk.)
 * Errors are swallowed: the handle is freed whatever happens. */
void xc_wdb_close(xc_wdb *db)
{
    if (!db)
        return;
    try {
        if (db->in_txn) {
            db->in_txn = false;
            db->db.cancel_transaction();
        }
    } catch (...) {
    }
    try {
        db->db.begin_transaction(false);
        db->db.cancel_transaction();
    } catch (...) {
    }
    try {
        db->db.close();
    } catch (...) {
    }
    delete db;
}

/* ---- documents -------------------------------------------------------- */

passim_status xc_doc_new(xc_doc **out)
{
    if (!out)
        return bad_arg("xc_doc_new", "out is NULL");
    *out = nullptr;
    return guard([&] {
        *out = new xc_doc{Xapian::Document()};
        return PASSIM_OK;
    });
}

void xc_doc_free(xc_doc *doc)
{
    delete doc;
}

passim_status xc_doc_add_posting(xc_doc *doc, const char *term, size_t len,
                                 uint32_t pos)
{
    return xc_doc_add_posting_wdf(doc, term, len, pos, 1);
}

passim_status xc_doc_add_posting_wdf(xc_doc *doc, const char *term, size_t len,
                                     uint32_t pos, uint32_t wdfinc)
{
    return guard([&] {
        if (!doc || !span_ok(term, len))
            return bad_arg("xc_doc_add_posting", "NULL argument");
        doc->doc.add_posting(span(term, len), pos, wdfinc);
        return PASSIM_OK;
    });
}

passim_status xc_doc_add_term(xc_doc *doc, const char *term, size_t len,
                              uint32_t wdfinc)
{
    return guard([&] {
        if (!doc || !span_ok(term, len))
            return bad_arg("xc_doc_add_term", "NULL argument");
        doc->doc.add_term(span(term, len), wdfinc);
        return PASSIM_OK;
    });
}

passim_status xc_doc_set_data(xc_doc *doc, const char *data, size_t len)
{
    return guard([&] {
        if (!doc || !span_ok(data, len))
            return bad_arg("xc_doc_set_data", "NULL argument");
        doc->doc.set_data(span(data, len));
        return PASSIM_OK;
    });
}

passim_status xc_doc_set_value(xc_doc *doc, unsigned slot, const char *data,
                               size_t len)
{
    return guard([&] {
        if (!doc || !span_ok(data, len))
            return bad_arg("xc_doc_set_value", "NULL argument");
        doc->doc.add_value(slot, span(data, len));
        return PASSIM_OK;
    });
}

/* ---- queries ---------------------------------------------------------- */

passim_status xc_query_term(xc_query **out, const char *term, size_t len,
                            uint32_t wqf, uint32_t pos)
{
    if (!out)
        return bad_arg("xc_query_term", "out is NULL");
    *out = nullptr;
    return guard([&] {
        if (!span_ok(term, len))
            return bad_arg("xc_query_term", "term is NULL");
        if (wqf == 0)
            return bad_arg("xc_query_term", "wqf must be at least 1");
        return new_query(out, Xapian::Query(span(term, len), wqf, pos));
    });
}

passim_status xc_query_combine(xc_query **out, int op, xc_query *const *subs,
                               size_t n, uint32_t window)
{
    if (!out)
        return bad_arg("xc_query_combine", "out is NULL");
    *out = nullptr;
    return guard([&] {
        Xapian::Query::op xop;
        if (!map_op(op, &xop))
            return bad_arg("xc_query_combine", "unknown operator");
        if (n > 0 && !subs)
            return bad_arg("xc_query_combine", "subs is NULL");
        std::vector<Xapian::Query> v;
        v.reserve(n);
        for (size_t i = 0; i < n; i++) {
            if (!subs[i])
                return bad_arg("xc_query_combine", "a subquery is NULL");
            v.push_back(subs[i]->q);
        }
        if (v.empty())
            return new_query(out, Xapian::Query());
        const bool windowed = op == XC_OP_PHRASE || op == XC_OP_NEAR ||
                              op == XC_OP_ELITE_SET;
        return new_query(out, Xapian::Query(xop, v.begin(), v.end(),
                                            windowed ? window : 0));
    });
}

/* max_expansion 0 means no limit (Xapian's convention). */
passim_status xc_query_wildcard(xc_query **out, const char *prefix,
                                size_t len, uint32_t max_expansion)
{
    if (!out)
        return bad_arg("xc_query_wildcard", "out is NULL");
    *out = nullptr;
    return guard([&] {
        if (!span_ok(prefix, len))
            return bad_arg("xc_query_wildcard", "prefix is NULL");
        return new_query(out, Xapian::Query(Xapian::Query::OP_WILDCARD,
                                            span(prefix, len), max_expansion,
                                            Xapian::Query::WILDCARD_LIMIT_ERROR,
                                            Xapian::Query::OP_SYNONYM));
    });
}

/* With both ends NULL every document matches (Xapian reads "value >= ''"
 * as all documents, unset values included). */
passim_status xc_query_value_range(xc_query **out, unsigned slot,
                                   const char *lo, const char *hi)
{
    if (!out)
        return bad_arg("xc_query_value_range", "out is NULL");
    *out = nullptr;
    return guard([&] {
        if (lo && hi)
            return new_query(out, Xapian::Query(Xapian::Query::OP_VALUE_RANGE,
                                                slot, std::string(lo),
                                                std::string(hi)));
        if (hi)
            return new_query(out, Xapian::Query(Xapian::Query::OP_VALUE_LE,
                                                slot, std::string(hi)));
        return new_query(out, Xapian::Query(Xapian::Query::OP_VALUE_GE, slot,
                                            std::string(lo ? lo : "")));
    });
}

passim_status xc_query_scale(xc_query **out, const xc_query *sub, double factor)
{
    if (!out)
        return bad_arg("xc_query_scale", "out is NULL");
    *out = nullptr;
    return guard([&] {
        if (!sub)
            return bad_arg("xc_query_scale", "sub is NULL");
        return new_query(out, Xapian::Query(factor, sub->q));
    });
}

passim_status xc_query_match_all(xc_query **out)
{
    if (!out)
        return bad_arg("xc_query_match_all", "out is NULL");
    *out = nullptr;
    return guard([&] { return new_query(out, Xapian::Query::MatchAll); });
}

passim_status xc_query_describe(char **out, const xc_query *q)
{
    if (!out)
        return bad_arg("xc_query_describe", "out is NULL");
    *out = nullptr;
    return guard([&] {
        if (!q)
            return bad_arg("xc_query_describe", "q is NULL");
        return copy_out(out, nullptr, q->q.get_description());
    });
}

void xc_query_free(xc_query *q)
{
    delete q;
}

/* ---- enquire and results ---------------------------------------------- */

passim_status xc_enquire_new(xc_enquire **out, xc_db *db)
{
    if (!out)
        return bad_arg("xc_enquire_new", "out is NULL");
    *out = nullptr;
    return guard([&] {
        if (!db)
            return bad_arg("xc_enquire_new", "db is NULL");
        *out = new xc_enquire{db, Xapian::Enquire(db->db)};
        return PASSIM_OK;
    });
}

void xc_enquire_free(xc_enquire *e)
{
    delete e;
}

passim_status xc_enquire_set_query(xc_enquire *e, const xc_query *q)
{
    return guard([&] {
        if (!e || !q)
            return bad_arg("xc_enquire_set_query", "NULL argument");
        e->enq.set_query(q->q);
        return PASSIM_OK;
    });
}

passim_status xc_enquire_set_weighting(xc_enquire *e, const char *scheme,
                                       const double *params, size_t n)
{
    return guard([&] {
        if (!e || !scheme || (n > 0 && !params))
            return bad_arg("xc_enquire_set_weighting", "NULL argument");
        std::unique_ptr<Xapian::Weight> w = make_weight(scheme, params, n);
        if (!w)
            return passim_error_set(PASSIM_EINVAL,
                                    "xc_enquire_set_weighting: unknown scheme "
                                    "or wrong parameter count: \"%s\" with %zu",
                                    scheme, n);
        e->enq.set_weighting_scheme(*w); /* Enquire keeps a clone */
        return PASSIM_OK;
    });
}

passim_status xc_enquire_set_tiebreak_value(xc_enquire *e, unsigned slot)
{
    return guard([&] {
        if (!e)
            return bad_arg("xc_enquire_set_tiebreak_value", "NULL argument");
        e->enq.set_sort_by_relevance_then_value(slot, false);
        return PASSIM_OK;
    });
}

passim_status xc_enquire_set_sort_values(xc_enquire *e, const unsigned *slots,
                                         const int *reverse, size_t n,
                                         int relevance_first)
{
    return guard([&] {
        if (!e || !slots || !reverse || n == 0)
            return bad_arg("xc_enquire_set_sort_values", "NULL argument or no slot");
        std::unique_ptr<Xapian::MultiValueKeyMaker> km(new Xapian::MultiValueKeyMaker());
        for (size_t i = 0; i < n; i++)
            km->add_value(slots[i], reverse[i] != 0);
        /* Reference counted by the Enquire from here on. */
        Xapian::KeyMaker *keep = km.release()->release();
        if (relevance_first)
            e->enq.set_sort_by_relevance_then_key(keep, false);
        else
            e->enq.set_sort_by_key(keep, false);
        return PASSIM_OK;
    });
}

passim_status xc_enquire_mset(xc_mset **out, xc_enquire *e, uint32_t offset,
                              uint32_t count)
{
    if (!out)
        return bad_arg("xc_enquire_mset", "out is NULL");
    *out = nullptr;
    return guard([&] {
        if (!e)
            return bad_arg("xc_enquire_mset", "e is NULL");
        *out = new xc_mset{e->enq.get_mset(offset, count)};
        return PASSIM_OK;
    });
}

void xc_mset_free(xc_mset *m)
{
    delete m;
}

uint32_t xc_mset_size(const xc_mset *m)
{
    return m ? m->m.size() : 0;
}

uint32_t xc_mset_matches_estimated(const xc_mset *m)
{
    return m ? m->m.get_matches_estimated() : 0;
}

/* Result i of m, checked: an index past the page is PASSIM_EINVAL. */
static passim_status mset_item(const char *fn, const xc_mset *m, uint32_t i,
                               const void *out, Xapian::MSetIterator *it)
{
    if (!m || !out)
        return bad_arg(fn, "NULL argument");
    if (i >= m->m.size())
        return passim_error_set(PASSIM_EINVAL, "%s: result %u of %u", fn,
                                (unsigned)i, (unsigned)m->m.size());
    *it = m->m[i];
    return PASSIM_OK;
}

passim_status xc_mset_docid(xc_docid *out, const xc_mset *m, uint32_t i)
{
    if (out)
        *out = 0;
    return guard([&] {
        Xapian::MSetIterator it;
        passim_status st = mset_item("xc_mset_docid", m, i, out, &it);
        if (st == PASSIM_OK)
            *out = *it;
        return st;
    });
}

passim_status xc_mset_weight(double *out, const xc_mset *m, uint32_t i)
{
    if (out)
        *out = 0.0;
    return guard([&] {
        Xapian::MSetIterator it;
        passim_status st = mset_item("xc_mset_weight", m, i, out, &it);
        if (st == PASSIM_OK)
            *out = it.get_weight();
        return st;
    });
}

/* A term that was not in the query falls back to the database's count. */
passim_status xc_mset_termfreq(uint32_t *out, const xc_mset *m, const char *term,
                               size_t len)
{
    return guard([&] {
        if (!m || !out || !span_ok(term, len))
            return bad_arg("xc_mset_termfreq", "NULL argument");
        *out = m->m.get_termfreq(span(term, len));
        return PASSIM_OK;
    });
}

/* A term that was not in the query gives PASSIM_EINVAL (Xapian 1.4 has no
 * weight for it). */
passim_status xc_mset_termweight(double *out, const xc_mset *m, const char *term,
                                 size_t len)
{
    return guard([&] {
        if (!m || !out || !span_ok(term, len))
            return bad_arg("xc_mset_termweight", "NULL argument");
        *out = m->m.get_termweight(span(term, len));
        return PASSIM_OK;
    });
}

} // extern "C"
