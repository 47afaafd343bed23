/* Unit tests: ids from file names — the escaped form is valid UTF-8,
 * leaves ordinary names alone and decodes back to the name (checked over
 * many random byte strings); root labels. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "web/cgiparam.h"
#include "text/fileid.h"

static char *escape(int *changed, const char *s, size_t n)
{
    char *out = NULL;
    assert_int_equal(passim_fileid_escape(&out, changed, s, n), PASSIM_OK);
    return out;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The reading fileid.h describes: "\\" a backslash, "\xHH" byte HH. */
static size_t decode(char *out, const char *id)
{
    size_t k = 0, n = strlen(id);
    for (size_t i = 0; i < n; i++) {
        if (id[i] == '\\' && i + 1 < n && id[i + 1] == '\\') {
            out[k++] = '\\';
            i++;
        } else if (id[i] == '\\' && i + 3 < n && id[i + 1] == 'x' && hexval(id[i + 2]) >= 0 &&
                   hexval(id[i + 3]) >= 0) {
            out[k++] = (char)(hexval(id[i + 2]) * 16 + hexval(id[i + 3]));
            i += 3;
        } else {
            out[k++] = id[i];
        }
    }
    return k;
}

static void ordinary_names_are_their_ids(void **state)
{
    static const char *same[] = {"business/199.txt", "Biên Hòa.txt", "a b/c.txt",
                                 "back\\slash.txt", "x\\yz", "end\\", "\\x4", "\\xAB"};
    (void)state;
    for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
        int changed = -1;
        char *id = escape(&changed, same[i], strlen(same[i]));
        assert_string_equal(id, same[i]);
        assert_int_equal(changed, 0);
        free(id);
    }
}

static void escapes(void **state)
{
    static const struct {
        const char *name, *id;
    } cases[] = {
        {"caf\xe9.txt", "caf\\xe9.txt"},
        {"\xff\xfe", "\\xff\\xfe"},
        {"lit\\xff.txt", "lit\\\\xff.txt"},
        {"two\\\\", "two\\\\\\"},        /* first backslash doubled, last alone */
        {"\\\xe9", "\\\\\\xe9"},         /* a backslash before an escaped byte */
        {"\xed\xa0\x80", "\\xed\\xa0\\x80"}, /* a surrogate */
        {"\xc0\xaf", "\\xc0\\xaf"},       /* an overlong form */
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int changed = 0;
        char *id = escape(&changed, cases[i].name, strlen(cases[i].name));
        assert_string_equal(id, cases[i].id);
        assert_int_equal(changed, 1);
        free(id);
    }
}

static void escaped_form_is_faithful_and_valid(void **state)
{
    static const char alphabet[] = {'\\', 'x', 'a', 'f', '0', '9', 'g', '/', (char)0xc3,
                                    (char)0xa9, (char)0xe9, (char)0xff, (char)0x80};
    char name[16], back[64];
    (void)state;
    srand(4142);
    for (int round = 0; round < 200000; round++) {
        size_t n = (size_t)(rand() % (int)sizeof name);
        for (size_t i = 0; i < n; i++)
            name[i] = alphabet[rand() % (int)sizeof alphabet];
        char *id = escape(NULL, name, n);
        assert_true(passim_utf8_valid(id, strlen(id)));
        size_t k = decode(back, id);
        if (k != n || memcmp(back, name, n) != 0)
            fail_msg("round %d: %zu bytes do not decode back from \"%s\"", round, n, id);
        free(id);
    }
}

static char root[256];

static void mk(const char *rel)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    assert_int_equal(mkdir(path, 0755), 0);
}

static void labels(void **state)
{
    char a[600], b[600], c[600], d[600], e[600];
    char **l = NULL;
    (void)state;
    const char *tmp = getenv("TMPDIR");
    snprintf(root, sizeof root, "%s/passim-fileid.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(root));
    mk("p");
    mk("p/news");
    mk("q");
    mk("q/news");
    mk("A");
    snprintf(a, sizeof a, "%s/p/news", root);
    snprintf(b, sizeof b, "%s/q/news/", root);
    snprintf(c, sizeof c, "%s/A", root);
    snprintf(d, sizeof d, "%s/p/../p/news", root);
    snprintf(e, sizeof e, "%s/missing", root);

    const char *one[] = {c, c};
    assert_int_equal(passim_root_labels(&l, one, 2), PASSIM_OK);
    assert_string_equal(l[0], ""); /* one distinct root: no label */
    assert_null(l[1]);             /* the same root again: listed once */
    passim_root_labels_free(l, 2);

    const char *three[] = {a, b, c, d};
    assert_int_equal(passim_root_labels(&l, three, 4), PASSIM_OK);
    assert_string_equal(l[0], "p/news");
    assert_string_equal(l[1], "q/news");
    assert_string_equal(l[2], "A");
    assert_null(l[3]); /* p/news by another path */
    passim_root_labels_free(l, 4);

    const char *bad[] = {c, e};
    assert_int_equal(passim_root_labels(&l, bad, 2), PASSIM_ENOTFOUND);
    assert_null(l);

    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ordinary_names_are_their_ids),
        cmocka_unit_test(escapes),
        cmocka_unit_test(escaped_form_is_faithful_and_valid),
        cmocka_unit_test(labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
