/* Unit tests: status names and the per-thread error detail (status.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/status.h"

/* Every code has its own non-empty name, none of them the unknown one. */
static void test_status_str_every_code(void **state)
{
    (void)state;
    const char *unknown = passim_status_str((passim_status)9999);
    assert_non_null(unknown);
    assert_string_not_equal(unknown, "");
    const char *names[PASSIM_EINTERNAL + 1];
    for (int st = PASSIM_OK; st <= PASSIM_EINTERNAL; st++) {
        names[st] = passim_status_str((passim_status)st);
        assert_non_null(names[st]);
        assert_true(strlen(names[st]) > 0);
        assert_string_not_equal(names[st], unknown);
        for (int k = 0; k < st; k++)
            assert_string_not_equal(names[st], names[k]);
    }
    assert_string_equal(passim_status_str(PASSIM_OK), "ok");
    assert_string_equal(passim_status_str(PASSIM_ENOMEM), "out of memory");
    assert_string_equal(passim_status_str(PASSIM_ENOTFOUND), "not found");
    /* Values outside the enum, either side. */
    assert_string_equal(passim_status_str((passim_status)(PASSIM_EINTERNAL + 1)), unknown);
    assert_string_equal(passim_status_str((passim_status)-1), unknown);
}

static void test_error_set_returns_status(void **state)
{
    (void)state;
    for (int st = PASSIM_OK; st <= PASSIM_EINTERNAL; st++)
        assert_int_equal(passim_error_set((passim_status)st, "code %d", st), st);
    assert_string_equal(passim_error_msg(), "code 11");
}

static void test_error_msg_set_clear(void **state)
{
    (void)state;
    passim_error_clear();
    assert_non_null(passim_error_msg());
    assert_string_equal(passim_error_msg(), "");
    passim_error_set(PASSIM_EIO, "%s: %s (%d)", "gen-3/termlist", "short read", 5);
    assert_string_equal(passim_error_msg(), "gen-3/termlist: short read (5)");
    /* The latest detail replaces the earlier one. */
    passim_error_set(PASSIM_ECORRUPT, "bad record");
    assert_string_equal(passim_error_msg(), "bad record");
    passim_error_clear();
    assert_string_equal(passim_error_msg(), "");
    passim_error_clear();
    assert_string_equal(passim_error_msg(), "");
}

/* A detail longer than the buffer is cut, still NUL-terminated, and keeps
 * its beginning. */
static void test_error_long_detail_truncated(void **state)
{
    (void)state;
    size_t n = 100000;
    char *big = malloc(n + 1);
    assert_non_null(big);
    for (size_t i = 0; i < n; i++)
        big[i] = (char)('a' + i % 26);
    big[n] = '\0';
    assert_int_equal(passim_error_set(PASSIM_ETOOBIG, "head:%s:tail", big), PASSIM_ETOOBIG);
    const char *msg = passim_error_msg();
    size_t len = strlen(msg);
    assert_true(len > 100);
    assert_true(len < n);
    assert_memory_equal(msg, "head:", 5);
    assert_memory_equal(msg + 5, big, len - 5);
    free(big);
    /* A short detail afterwards is whole again. */
    passim_error_set(PASSIM_EIO, "short");
    assert_string_equal(passim_error_msg(), "short");
}

static void *other_thread(void *arg)
{
    (void)arg;
    const char *seen = passim_error_msg();
    int ok = seen && strcmp(seen, "") == 0;
    passim_error_set(PASSIM_EIO, "from the other thread");
    ok = ok && strcmp(passim_error_msg(), "from the other thread") == 0;
    return ok ? (void *)1 : NULL;
}

/* The detail belongs to the thread that set it. */
static void test_error_per_thread(void **state)
{
    (void)state;
    passim_error_set(PASSIM_ELOCKED, "main thread");
    pthread_t t;
    void *ret = NULL;
    assert_int_equal(pthread_create(&t, NULL, other_thread, NULL), 0);
    assert_int_equal(pthread_join(t, &ret), 0);
    assert_non_null(ret);
    assert_string_equal(passim_error_msg(), "main thread");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status_str_every_code),
        cmocka_unit_test(test_error_set_returns_status),
        cmocka_unit_test(test_error_msg_set_clear),
        cmocka_unit_test(test_error_long_detail_truncated),
        cmocka_unit_test(test_error_per_thread),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
