/* Unit tests: the edit distance behind "did you mean". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "search/suggest.h"

static unsigned d(const char *a, const char *b, unsigned max)
{
    return passim_edit_distance(a, strlen(a), b, strlen(b), max);
}

static void test_distances(void **state)
{
    (void)state;
    assert_int_equal(d("hoa", "hoa", 20), 0);
    assert_int_equal(d("hao", "hoa", 20), 8);         /* one swap */
    assert_int_equal(d("bein", "begin", 20), 10);     /* one insertion */
    assert_int_equal(d("brwon", "brown", 20), 8);
    assert_int_equal(d("kitten", "sitting", 40), 30); /* classic: 3 edits */
    assert_int_equal(d("", "abc", 40), 30);
    assert_int_equal(d("abc", "", 40), 30);
    assert_int_equal(d("aa", "aa", 20), 0);
}

static void test_bound(void **state)
{
    (void)state;
    assert_int_equal(d("kitten", "sitting", 20), 21); /* over the bound */
    assert_int_equal(d("a", "abcdef", 20), 21);       /* lengths differ too much */
    char longer[200];
    memset(longer, 'x', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    assert_int_equal(d(longer, longer, 20), 21);      /* over the term cap */
}

static void test_swap_is_cheaper_than_two_edits(void **state)
{
    (void)state;
    assert_true(d("bein", "bien", 20) < d("bein", "begin", 20));
    /* a doubled letter is not a swap */
    assert_int_equal(d("aab", "aab", 20), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_distances),
        cmocka_unit_test(test_bound),
        cmocka_unit_test(test_swap_is_cheaper_than_two_edits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
