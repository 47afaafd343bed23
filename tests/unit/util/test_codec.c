/* Unit tests: output buffer, varints and hex digits (codec.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "util/codec.h"

/* Encode v, check the encoding has `want_len` bytes, decode it back. */
static void round_trip(uint64_t v, size_t want_len)
{
    passim_outbuf o = {0};
    passim_out_varint(&o, v);
    assert_false(o.failed);
    assert_int_equal(o.len, want_len);
    /* Every byte but the last has the continuation bit. */
    for (size_t i = 0; i < o.len; i++)
        assert_int_equal(((unsigned char)o.p[i] & 0x80) != 0, i + 1 < o.len);

    passim_inbuf in = {(const unsigned char *)o.p, (const unsigned char *)o.p + o.len};
    uint64_t got = ~v;
    assert_int_equal(passim_in_varint(&got, &in), 0);
    assert_true(got == v);
    assert_ptr_equal(in.p, in.end);
    free(o.p);
}

static void test_varint_boundaries(void **state)
{
    (void)state;
    round_trip(0, 1);
    round_trip(1, 1);
    round_trip(127, 1);
    round_trip(128, 2);
    round_trip(16383, 2);
    round_trip(16384, 3);
    round_trip(UINT32_MAX, 5);
    round_trip((uint64_t)1 << 56, 9);
    round_trip(((uint64_t)1 << 63) - 1, 9);
    round_trip((uint64_t)1 << 63, 10);
    round_trip(UINT64_MAX, 10);
}

static void test_varint_known_bytes(void **state)
{
    (void)state;
    passim_outbuf o = {0};
    passim_out_varint(&o, 300);
    assert_int_equal(o.len, 2);
    assert_memory_equal(o.p, "\xac\x02", 2);
    free(o.p);
}

/* Several varints and raw bytes in sequence read back in order. */
static void test_varint_sequence(void **state)
{
    (void)state;
    passim_outbuf o = {0};
    static const uint64_t vals[] = {5, 0, 200, 1u << 20, UINT64_MAX, 127};
    for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++)
        passim_out_varint(&o, vals[i]);
    passim_out_bytes(&o, "xyz", 3);
    assert_false(o.failed);

    passim_inbuf in = {(const unsigned char *)o.p, (const unsigned char *)o.p + o.len};
    for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        uint64_t v;
        assert_int_equal(passim_in_varint(&v, &in), 0);
        assert_true(v == vals[i]);
    }
    assert_int_equal(in.end - in.p, 3);
    assert_memory_equal(in.p, "xyz", 3);
    free(o.p);
}

static void test_varint_truncated(void **state)
{
    (void)state;
    uint64_t v = 42;
    passim_inbuf empty = {NULL, NULL};
    assert_int_equal(passim_in_varint(&v, &empty), -1);
    assert_true(v == 42); /* untouched */

    static const unsigned char cut[] = {0x80, 0xff, 0x81};
    for (size_t n = 1; n <= sizeof cut; n++) {
        passim_inbuf in = {cut, cut + n};
        assert_int_equal(passim_in_varint(&v, &in), -1);
        assert_true(in.p <= in.end); /* never past the end */
    }
    assert_true(v == 42);

    /* A truncated 10-byte encoding of UINT64_MAX. */
    passim_outbuf o = {0};
    passim_out_varint(&o, UINT64_MAX);
    passim_inbuf in = {(const unsigned char *)o.p, (const unsigned char *)o.p + o.len - 1};
    assert_int_equal(passim_in_varint(&v, &in), -1);
    assert_ptr_equal(in.p, in.end);
    free(o.p);
}

static void test_varint_over_long(void **state)
{
    (void)state;
    uint64_t v = 42;
    /* Eleven bytes, all with the continuation bit: more than 64 bits. */
    unsigned char b[11];
    memset(b, 0x80, sizeof b);
    passim_inbuf in = {b, b + sizeof b};
    assert_int_equal(passim_in_varint(&v, &in), -1);
    assert_true(in.p <= in.end);

    /* Ten bytes whose last ends the varint but carries bits past bit 63:
     * the value does not fit in 64 bits. */
    static const unsigned char wide[] = {0xff, 0xff, 0xff, 0xff, 0xff,
                                         0xff, 0xff, 0xff, 0xff, 0x02};
    passim_inbuf w = {wide, wide + sizeof wide};
    assert_int_equal(passim_in_varint(&v, &w), -1);
    static const unsigned char wider[] = {0x80, 0x80, 0x80, 0x80, 0x80,
                                          0x80, 0x80, 0x80, 0x80, 0x7f};
    passim_inbuf w2 = {wider, wider + sizeof wider};
    assert_int_equal(passim_in_varint(&v, &w2), -1);
    assert_true(v == 42);

    /* The widest valid one: bit 63 alone in the tenth byte. */
    static const unsigned char top[] = {0x80, 0x80, 0x80, 0x80, 0x80,
                                        0x80, 0x80, 0x80, 0x80, 0x01};
    passim_inbuf t = {top, top + sizeof top};
    assert_int_equal(passim_in_varint(&v, &t), 0);
    assert_true(v == (uint64_t)1 << 63);
}

static void test_out_bytes_grows(void **state)
{
    (void)state;
    passim_outbuf o = {0};
    char chunk[1000];
    for (size_t i = 0; i < sizeof chunk; i++)
        chunk[i] = (char)(i * 7);
    for (int k = 0; k < 50; k++)
        passim_out_bytes(&o, chunk, sizeof chunk);
    assert_false(o.failed);
    assert_int_equal(o.len, 50 * sizeof chunk);
    assert_true(o.cap >= o.len);
    for (int k = 0; k < 50; k++)
        assert_memory_equal(o.p + k * sizeof chunk, chunk, sizeof chunk);
    /* Zero bytes: nothing changes. */
    passim_out_bytes(&o, NULL, 0);
    assert_int_equal(o.len, 50 * sizeof chunk);
    free(o.p);
}

/* A size that cannot be allocated sets `failed`; later writes do nothing
 * and what was written stays. */
static void test_out_failure_flag(void **state)
{
    (void)state;
    passim_outbuf o = {0};
    passim_out_bytes(&o, "abc", 3);
    assert_false(o.failed);
    passim_out_bytes(&o, "never read", SIZE_MAX - 1);
    assert_true(o.failed);
    assert_int_equal(o.len, 3);
    passim_out_bytes(&o, "def", 3);
    passim_out_varint(&o, 99);
    assert_true(o.failed);
    assert_int_equal(o.len, 3);
    assert_memory_equal(o.p, "abc", 3);
    free(o.p);

    /* A buffer already marked failed is not written to, not even allocated. */
    passim_outbuf f = {0};
    f.failed = 1;
    passim_out_bytes(&f, "x", 1);
    passim_out_varint(&f, 1);
    assert_null(f.p);
    assert_int_equal(f.len, 0);
}

static void test_hex_value(void **state)
{
    (void)state;
    const char *digits = "0123456789abcdef";
    const char *upper = "0123456789ABCDEF";
    for (int i = 0; i < 16; i++) {
        assert_int_equal(passim_hex_value((unsigned char)digits[i]), i);
        assert_int_equal(passim_hex_value((unsigned char)upper[i]), i);
    }
    int valid = 0;
    for (int c = 0; c < 256; c++)
        if (passim_hex_value((unsigned char)c) >= 0)
            valid++;
    assert_int_equal(valid, 22);
    assert_int_equal(passim_hex_value('g'), -1);
    assert_int_equal(passim_hex_value('G'), -1);
    assert_int_equal(passim_hex_value('/'), -1);
    assert_int_equal(passim_hex_value(':'), -1);
    assert_int_equal(passim_hex_value('@'), -1);
    assert_int_equal(passim_hex_value('`'), -1);
    assert_int_equal(passim_hex_value(0), -1);
    assert_int_equal(passim_hex_value(0xff), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_varint_boundaries),
        cmocka_unit_test(test_varint_known_bytes),
        cmocka_unit_test(test_varint_sequence),
        cmocka_unit_test(test_varint_truncated),
        cmocka_unit_test(test_varint_over_long),
        cmocka_unit_test(test_out_bytes_grows),
        cmocka_unit_test(test_out_failure_flag),
        cmocka_unit_test(test_hex_value),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
