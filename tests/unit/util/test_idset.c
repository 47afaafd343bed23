/* Unit tests: the string set with counts (idset.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/idset.h"

static void test_empty(void **state)
{
    (void)state;
    passim_idset *s = (passim_idset *)1;
    assert_int_equal(passim_idset_new(&s), PASSIM_OK);
    assert_non_null(s);
    assert_int_equal(passim_idset_size(s), 0);
    assert_false(passim_idset_has(s, ""));
    assert_false(passim_idset_has(s, "a"));
    passim_idset_free(s);
    passim_idset_free(NULL);
}

static void test_add_has_duplicates(void **state)
{
    (void)state;
    passim_idset *s;
    assert_int_equal(passim_idset_new(&s), PASSIM_OK);
    int added = -1;
    assert_int_equal(passim_idset_add(&added, s, "bbc/001"), PASSIM_OK);
    assert_int_equal(added, 1);
    assert_int_equal(passim_idset_add(&added, s, "bbc/002"), PASSIM_OK);
    assert_int_equal(added, 1);
    assert_int_equal(passim_idset_add(&added, s, "bbc/001"), PASSIM_OK);
    assert_int_equal(added, 0);
    assert_int_equal(passim_idset_add(NULL, s, "bbc/001"), PASSIM_OK);
    assert_int_equal(passim_idset_add(&added, s, ""), PASSIM_OK);
    assert_int_equal(added, 1);
    assert_int_equal(passim_idset_size(s), 3);
    assert_true(passim_idset_has(s, "bbc/001"));
    assert_true(passim_idset_has(s, "bbc/002"));
    assert_true(passim_idset_has(s, ""));
    assert_false(passim_idset_has(s, "bbc/00"));
    assert_false(passim_idset_has(s, "bbc/0011"));
    assert_false(passim_idset_has(s, "BBC/001"));
    passim_idset_free(s);
}

/* The set keeps its own copy of each id. */
static void test_copies_id(void **state)
{
    (void)state;
    passim_idset *s;
    assert_int_equal(passim_idset_new(&s), PASSIM_OK);
    char buf[16];
    strcpy(buf, "mine");
    assert_int_equal(passim_idset_add(NULL, s, buf), PASSIM_OK);
    strcpy(buf, "gone");
    assert_true(passim_idset_has(s, "mine"));
    assert_false(passim_idset_has(s, "gone"));
    passim_idset_free(s);
}

typedef struct tally {
    size_t calls;
    uint64_t count_sum;
    unsigned char seen[5000];
    int stop_after; /* 0 = never */
} tally;

static int visit(void *ctx, const char *id, uint32_t count)
{
    tally *t = ctx;
    unsigned k;
    assert_int_equal(sscanf(id, "id-%u", &k), 1);
    assert_true(k < sizeof t->seen);
    assert_false(t->seen[k]); /* each id once */
    t->seen[k] = 1;
    /* id-K was added 1 + K % 3 times. */
    assert_int_equal(count, 1 + k % 3);
    t->calls++;
    t->count_sum += count;
    if (t->stop_after && t->calls == (size_t)t->stop_after)
        return 7;
    return 0;
}

/* Many ids: the set grows past its first table and keeps every id and
 * every count. */
static void test_growth_and_foreach(void **state)
{
    (void)state;
    passim_idset *s;
    assert_int_equal(passim_idset_new(&s), PASSIM_OK);
    enum { N = 5000 };
    char id[32];
    uint64_t want_sum = 0;
    for (unsigned k = 0; k < N; k++) {
        snprintf(id, sizeof id, "id-%u", k);
        for (unsigned r = 0; r < 1 + k % 3; r++) {
            int added = -1;
            assert_int_equal(passim_idset_add(&added, s, id), PASSIM_OK);
            assert_int_equal(added, r == 0);
        }
        want_sum += 1 + k % 3;
        assert_int_equal(passim_idset_size(s), k + 1);
    }
    for (unsigned k = 0; k < N; k++) {
        snprintf(id, sizeof id, "id-%u", k);
        assert_true(passim_idset_has(s, id));
    }
    assert_false(passim_idset_has(s, "id-5000"));

    tally *t = calloc(1, sizeof *t);
    assert_non_null(t);
    assert_int_equal(passim_idset_foreach(s, visit, t), 0);
    assert_int_equal(t->calls, N);
    assert_true(t->count_sum == want_sum);

    /* A non-zero return stops the walk and is passed back. */
    memset(t, 0, sizeof *t);
    t->stop_after = 10;
    assert_int_equal(passim_idset_foreach(s, visit, t), 7);
    assert_int_equal(t->calls, 10);
    free(t);
    passim_idset_free(s);
}

static int never(void *ctx, const char *id, uint32_t count)
{
    (void)ctx;
    (void)id;
    (void)count;
    fail_msg("foreach on an empty set called fn");
    return 1;
}

static void test_foreach_empty(void **state)
{
    (void)state;
    passim_idset *s;
    assert_int_equal(passim_idset_new(&s), PASSIM_OK);
    assert_int_equal(passim_idset_foreach(s, never, NULL), 0);
    passim_idset_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_add_has_duplicates),
        cmocka_unit_test(test_copies_id),
        cmocka_unit_test(test_growth_and_foreach),
        cmocka_unit_test(test_foreach_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
