/* Unit tests: the progress of a run done in parts is the whole run's —
 * its totals, and every part's counts added (passim_update_progress). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "index/update.h"

static void sums_the_parts_under_the_run_totals(void **state)
{
    passim_update_stats whole = {0}, parts[2] = {{0}}, out;
    (void)state;
    whole.files_total = 2225;
    whole.bytes_total = 5000000;
    whole.failed = 1; /* skipped by the listing */
    parts[0].files_done = 424;
    parts[0].bytes_done = 1000000;
    parts[0].added = 420;
    parts[0].failed = 2;
    parts[0].files_total = 1113; /* a part's own view is ignored */
    parts[1].files_done = 430;
    parts[1].bytes_done = 1100000;
    parts[1].added = 425;
    parts[1].unchanged = 5;
    parts[1].sentences = 7;
    parts[1].bytes_read = 99;
    passim_update_progress(&out, &whole, parts, 2);
    assert_int_equal(out.files_total, 2225);
    assert_int_equal(out.bytes_total, 5000000);
    assert_int_equal(out.files_done, 854);
    assert_int_equal(out.bytes_done, 2100000);
    assert_int_equal(out.added, 845);
    assert_int_equal(out.unchanged, 5);
    assert_int_equal(out.failed, 3);
    assert_int_equal(out.sentences, 7);
    assert_int_equal(out.bytes_read, 99);
}

static void no_parts_is_the_whole(void **state)
{
    passim_update_stats whole = {0}, out;
    (void)state;
    whole.files_total = 10;
    whole.bytes_total = 123;
    passim_update_progress(&out, &whole, NULL, 0);
    assert_memory_equal(&out, &whole, sizeof out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sums_the_parts_under_the_run_totals),
        cmocka_unit_test(no_parts_is_the_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
