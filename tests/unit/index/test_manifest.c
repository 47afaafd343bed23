/* Unit tests: corpus file records (manifest.h) — keys, the id lists, the
 * encoding of format 2 read back, format 1 still read, and every way a
 * damaged value is refused with PASSIM_ECORRUPT. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "index/manifest.h"
#include "util/codec.h"

/* The fields of a record value as raw numbers, so that a test can write
 * values no encoder would. */
typedef struct raw {
    int format;
    const char *path;
    uint64_t size, mtime, crc, failed;
    const char *reason;
    uint64_t skipped;
    uint64_t nids;
    const char *const *ids;
    uint64_t nlost;
    const char *const *lost;
    size_t have_ids, have_lost; /* entries in ids and lost */
} raw;

static const char *const two_ids[] = {"a", "bb"};
static const char *const one_lost[] = {"zz"};

static raw good(void)
{
    raw r = {2, "/c/f.jsonl", 123, 456789, 0xdeadbeef, 0, "", 3, 2, two_ids, 1, one_lost, 2, 1};
    return r;
}

static void put_str(passim_outbuf *b, const char *s)
{
    passim_out_varint(b, strlen(s));
    passim_out_bytes(b, s, strlen(s));
}

/* The bytes of r (format 1 leaves out skipped and the lost ids). */
static passim_outbuf encode_raw(const raw *r)
{
    passim_outbuf b = {0};
    unsigned char fmt = (unsigned char)r->format;
    passim_out_bytes(&b, &fmt, 1);
    put_str(&b, r->path);
    passim_out_varint(&b, r->size);
    passim_out_varint(&b, r->mtime);
    passim_out_varint(&b, r->crc);
    passim_out_varint(&b, r->failed);
    put_str(&b, r->reason);
    if (r->format != 1)
        passim_out_varint(&b, r->skipped);
    passim_out_varint(&b, r->nids);
    for (uint64_t i = 0; i < r->nids && i < r->have_ids; i++)
        put_str(&b, r->ids[i]);
    if (r->format != 1) {
        passim_out_varint(&b, r->nlost);
        for (uint64_t i = 0; i < r->nlost && i < r->have_lost; i++)
            put_str(&b, r->lost[i]);
    }
    assert_false(b.failed);
    return b;
}

static passim_status decode_raw(const raw *r)
{
    passim_outbuf b = encode_raw(r);
    passim_file_record rec;
    passim_status st = passim_record_decode(&rec, b.p, b.len);
    if (st == PASSIM_OK)
        passim_record_release(&rec);
    else
        assert_null(rec.path); /* nothing left behind */
    free(b.p);
    return st;
}

static void key_is_prefix_and_hash(void **state)
{
    char key[PASSIM_MANIFEST_KEY_BYTES + 1], other[PASSIM_MANIFEST_KEY_BYTES + 1];
    (void)state;
    passim_manifest_key("/corpus/a.txt", key);
    assert_int_equal(strlen(key), PASSIM_MANIFEST_KEY_BYTES);
    assert_memory_equal(key, PASSIM_MANIFEST_PREFIX, strlen(PASSIM_MANIFEST_PREFIX));
    /* The hash of "" is its offset basis; keys of existing indexes depend
     * on it staying so. */
    assert_true(passim_manifest_hash("") == 1469598103934665603ull);
    passim_manifest_key("", other);
    assert_string_equal(other, "F14650fb0739d0383");
    passim_manifest_key("/corpus/b.txt", other);
    assert_string_not_equal(key, other);
}

static void round_trip_format_2(void **state)
{
    passim_file_record r = {0}, back;
    char *val = NULL;
    size_t len = 0;
    (void)state;
    r.path = strdup("/corpus/news.jsonl");
    r.reason = strdup("bad gzip");
    r.size = 1ull << 40;
    r.mtime_ns = INT64_MAX;
    r.crc = UINT32_MAX;
    r.failed = 1;
    r.skipped = 7;
    assert_int_equal(passim_record_add_id(&r, "n1"), PASSIM_OK);
    assert_int_equal(passim_record_add_id(&r, "n2"), PASSIM_OK);
    assert_int_equal(passim_record_add_lost(&r, "n0"), PASSIM_OK);
    assert_int_equal(passim_record_encode(&val, &len, &r), PASSIM_OK);
    assert_int_equal((unsigned char)val[0], 2);
    assert_int_equal(passim_record_decode(&back, val, len), PASSIM_OK);
    assert_string_equal(back.path, r.path);
    assert_string_equal(back.reason, "bad gzip");
    assert_true(back.size == r.size);
    assert_true(back.mtime_ns == INT64_MAX);
    assert_true(back.crc == UINT32_MAX);
    assert_int_equal(back.failed, 1);
    assert_int_equal(back.skipped, 7);
    assert_int_equal(back.nids, 2);
    assert_string_equal(back.ids[0], "n1");
    assert_string_equal(back.ids[1], "n2");
    assert_int_equal(back.nlost, 1);
    assert_string_equal(back.lost[0], "n0");
    free(val);
    passim_record_release(&back);
    passim_record_release(&r);
}

static void round_trip_empty_lists_and_null_reason(void **state)
{
    passim_file_record r = {0}, back;
    char *val = NULL;
    size_t len = 0;
    (void)state;
    r.path = strdup("/x");
    assert_int_equal(passim_record_encode(&val, &len, &r), PASSIM_OK);
    assert_int_equal(passim_record_decode(&back, val, len), PASSIM_OK);
    assert_string_equal(back.reason, "");
    assert_int_equal(back.nids, 0);
    assert_int_equal(back.nlost, 0);
    free(val);
    passim_record_release(&back);
    passim_record_release(&r);
}

static void format_1_is_read(void **state)
{
    raw r = good();
    passim_outbuf b;
    passim_file_record rec;
    (void)state;
    r.format = 1;
    b = encode_raw(&r);
    assert_int_equal(passim_record_decode(&rec, b.p, b.len), PASSIM_OK);
    assert_string_equal(rec.path, "/c/f.jsonl");
    assert_int_equal(rec.size, 123);
    assert_int_equal(rec.skipped, 0);
    assert_int_equal(rec.nids, 2);
    assert_string_equal(rec.ids[1], "bb");
    assert_int_equal(rec.nlost, 0);
    passim_record_release(&rec);
    free(b.p);
}

static void good_raw_decodes(void **state)
{
    raw r = good();
    (void)state;
    assert_int_equal(decode_raw(&r), PASSIM_OK);
}

/* Every prefix of a valid value is cut off somewhere, in both formats. */
static void every_cut_is_corrupt(void **state)
{
    (void)state;
    for (int fmt = 1; fmt <= 2; fmt++) {
        raw r = good();
        passim_file_record rec;
        r.format = fmt;
        passim_outbuf b = encode_raw(&r);
        for (size_t n = 0; n < b.len; n++)
            assert_int_equal(passim_record_decode(&rec, b.p, n), PASSIM_ECORRUPT);
        free(b.p);
    }
}

static void unknown_format_is_corrupt(void **state)
{
    raw r = good();
    (void)state;
    r.format = 0;
    assert_int_equal(decode_raw(&r), PASSIM_ECORRUPT);
    r.format = 3;
    assert_int_equal(decode_raw(&r), PASSIM_ECORRUPT);
}

static void out_of_range_numbers_are_corrupt(void **state)
{
    (void)state;
    for (int fmt = 1; fmt <= 2; fmt++) {
        raw r = good();
        r.format = fmt;
        r.mtime = (uint64_t)INT64_MAX + 1;
        assert_int_equal(decode_raw(&r), PASSIM_ECORRUPT);
        r = good();
        r.format = fmt;
        r.crc = (uint64_t)UINT32_MAX + 1;
        assert_int_equal(decode_raw(&r), PASSIM_ECORRUPT);
        r = good();
        r.format = fmt;
        r.failed = 2;
        assert_int_equal(decode_raw(&r), PASSIM_ECORRUPT);
    }
}

/* A count larger than the bytes left (each id takes one at least). */
static void id_counts_beyond_the_value_are_corrupt(void **state)
{
    raw r = good();
    (void)state;
    r.nids = 1000;
    assert_int_equal(decode_raw(&r), PASSIM_ECORRUPT);
    r = good();
    r.nlost = 1000;
    assert_int_equal(decode_raw(&r), PASSIM_ECORRUPT);
    r = good();
    r.format = 1;
    r.nids = UINT64_MAX;
    assert_int_equal(decode_raw(&r), PASSIM_ECORRUPT);
}

static void nul_in_a_string_is_corrupt(void **state)
{
    static const char *const bad_id[] = {"a", "b\0c"};
    raw r = good();
    passim_outbuf b;
    passim_file_record rec;
    (void)state;
    /* Write "ab" as the path and then turn its second byte into a NUL. */
    r.path = "ab";
    b = encode_raw(&r);
    assert_int_equal(b.p[1], 2);
    b.p[3] = '\0';
    assert_int_equal(passim_record_decode(&rec, b.p, b.len), PASSIM_ECORRUPT);
    free(b.p);
    /* A str whose length counts past the NUL of a C string. */
    r = good();
    r.ids = bad_id;
    b = encode_raw(&r); /* writes "b" with length 1: valid */
    assert_int_equal(passim_record_decode(&rec, b.p, b.len), PASSIM_OK);
    passim_record_release(&rec);
    free(b.p);
}

static void trailing_bytes_are_corrupt(void **state)
{
    (void)state;
    for (int fmt = 1; fmt <= 2; fmt++) {
        raw r = good();
        passim_file_record rec;
        r.format = fmt;
        passim_outbuf b = encode_raw(&r);
        passim_out_bytes(&b, "x", 1);
        assert_int_equal(passim_record_decode(&rec, b.p, b.len), PASSIM_ECORRUPT);
        free(b.p);
    }
}

/* A varint longer than 64 bits in the size field. */
static void overlong_varint_is_corrupt(void **state)
{
    passim_outbuf b = {0};
    passim_file_record rec;
    unsigned char fmt = 2, ff[11];
    (void)state;
    memset(ff, 0xff, sizeof ff);
    passim_out_bytes(&b, &fmt, 1);
    put_str(&b, "/p");
    passim_out_bytes(&b, ff, sizeof ff);
    passim_out_bytes(&b, "\0\0\0\0\0\0\0\0", 8);
    assert_int_equal(passim_record_decode(&rec, b.p, b.len), PASSIM_ECORRUPT);
    free(b.p);
}

static void lose_id_moves_it_and_counts_a_skip(void **state)
{
    passim_file_record r = {0};
    (void)state;
    assert_int_equal(passim_record_add_id(&r, "a"), PASSIM_OK);
    assert_int_equal(passim_record_add_id(&r, "b"), PASSIM_OK);
    assert_int_equal(passim_record_add_id(&r, "c"), PASSIM_OK);
    assert_int_equal(passim_record_lose_id(&r, "b"), PASSIM_OK);
    assert_int_equal(r.nids, 2);
    assert_string_equal(r.ids[0], "a");
    assert_string_equal(r.ids[1], "c");
    assert_int_equal(r.nlost, 1);
    assert_string_equal(r.lost[0], "b");
    assert_int_equal(r.skipped, 1);
    /* An id it does not hold is noted lost all the same. */
    assert_int_equal(passim_record_lose_id(&r, "q"), PASSIM_OK);
    assert_int_equal(r.nids, 2);
    assert_int_equal(r.nlost, 2);
    assert_int_equal(r.skipped, 2);
    passim_record_release(&r);
    assert_null(r.ids);
    passim_record_release(NULL);
}

/* A damaged record refused, then calls that succeed: the detail is gone. */
static void detail_cleared_by_each_call(void **state)
{
    passim_file_record r = {0}, back;
    char *val = NULL;
    size_t len = 0;
    (void)state;
    assert_int_equal(passim_record_decode(&back, "\x07", 1), PASSIM_ECORRUPT);
    assert_non_null(strstr(passim_error_msg(), "damaged"));
    assert_int_equal(passim_record_add_id(&r, "a1"), PASSIM_OK);
    assert_string_equal(passim_error_msg(), "");
    passim_error_set(PASSIM_EIO, "earlier");
    assert_int_equal(passim_record_add_lost(&r, "a2"), PASSIM_OK);
    assert_string_equal(passim_error_msg(), "");
    passim_error_set(PASSIM_EIO, "earlier");
    assert_int_equal(passim_record_lose_id(&r, "a1"), PASSIM_OK);
    assert_string_equal(passim_error_msg(), "");
    r.path = strdup("/c/a.txt");
    passim_error_set(PASSIM_EIO, "earlier");
    assert_int_equal(passim_record_encode(&val, &len, &r), PASSIM_OK);
    assert_string_equal(passim_error_msg(), "");
    assert_int_equal(passim_record_decode(&back, "\x07", 1), PASSIM_ECORRUPT);
    assert_int_equal(passim_record_decode(&back, val, len), PASSIM_OK);
    assert_string_equal(passim_error_msg(), "");
    assert_int_equal(back.nlost, 2);
    passim_record_release(&back);
    passim_record_release(&r);
    free(val);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(key_is_prefix_and_hash),
        cmocka_unit_test(round_trip_format_2),
        cmocka_unit_test(round_trip_empty_lists_and_null_reason),
        cmocka_unit_test(format_1_is_read),
        cmocka_unit_test(good_raw_decodes),
        cmocka_unit_test(every_cut_is_corrupt),
        cmocka_unit_test(unknown_format_is_corrupt),
        cmocka_unit_test(out_of_range_numbers_are_corrupt),
        cmocka_unit_test(id_counts_beyond_the_value_are_corrupt),
        cmocka_unit_test(nul_in_a_string_is_corrupt),
        cmocka_unit_test(trailing_bytes_are_corrupt),
        cmocka_unit_test(overlong_varint_is_corrupt),
        cmocka_unit_test(lose_id_moves_it_and_counts_a_skip),
        cmocka_unit_test(detail_cleared_by_each_call),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
