/* Unit tests: answer candidates recognised by rules (entity.h): a table
 * of BBC- and Reuters-style sentences with every entity expected (its
 * bytes and kinds), positions checked against passim_analyze, bounds and
 * hostile bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/entity.h"

static int setup(void **state)
{
    passim_analyzer *a = NULL;
    if (passim_analyzer_new(&a, "english") != PASSIM_OK)
        return -1;
    *state = a;
    return 0;
}

static int teardown(void **state)
{
    passim_analyzer_free(*state);
    return 0;
}

typedef struct ecase {
    const char *text;
    const char *expect; /* "[span]kind+kind [span]kind ..." */
} ecase;

/* Every entity of each sentence, in order. */
static const ecase CASES[] = {
    {"Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m) for the three months to December, from $639m year-earlier.",
     "[US]place [TimeWarner]name [76%]number [$1.13bn]money [£600m]money [three months]number [December]date [$639m]money"},
    {"But its own internet business, AOL, had mixed fortunes. It lost 464,000 subscribers in the fourth quarter.",
     "[AOL]org [464,000 subscribers]number [fourth quarter]date"},
    {"TimeWarner also has to restate 2000 and 2003 results following a probe by the US Securities Exchange Commission (SEC).",
     "[2000]date [2003]date [following]reason [US Securities Exchange Commission]org [SEC]org"},
    {"SINGAPORE TO SPEND 1.2 BILLION DLRS ON PORTS",
     "[1.2 BILLION DLRS]money"},
    {"The Port of Singapore Authority (PSA) will spend 1.2 billion dlrs over the next five years, Communications Minister Yeo Ning Hong told parliament.",
     "[Port of Singapore Authority]org [PSA]org [1.2 billion dlrs]money [five years]number [Yeo Ning Hong]person"},
    {"    Yeo said the improvements were needed.",
     ""},
    {"Shipments rose 3.5 pct to 15 mln dlrs in the week ended February 26, the U.S. Agriculture Department said on 26-FEB-1987.",
     "[3.5 pct]number [15 mln dlrs]money [February 26]date [U.S]place [Agriculture Department]org [26-FEB-1987]date"},
    {"The company will cut 2,000 jobs at its plant in Detroit, chief executive John Smith said on Monday.",
     "[2,000 jobs]number [Detroit]place [John Smith]person [Monday]date"},
    {"Prime Minister Tony Blair met President George W. Bush in Washington last week.",
     "[Tony Blair]person [George W. Bush]person [Washington]place [last week]date"},
    {"Leicester sacked Claudio Ranieri amid reports of a dressing room revolt, after a run of five defeats.",
     "[Claudio Ranieri]name [amid]reason [after]reason [five]number"},
    {"Mr. Smith's firm, Acme Corp, earned 15 mln Canadian dlrs in the first quarter of 1987.",
     "[Smith]person [Acme Corp]org [15 mln Canadian dlrs]money [first quarter]date [1987]date"},
    {"He was born on 5 March 2005 and moved to Paris in May 2010; the deal closed on 2025-11-01.",
     "[5 March 2005]date [Paris]place [May 2010]date [2025-11-01]date"},
    {"Bashar al-Assad and the Bank of England raised €5 million and 300 million euros.",
     "[Bashar al-Assad]name [Bank of England]org [€5 million]money [300 million euros]money"},
    {"Sales rose 10 per cent over the past year over fears of a slowdown because of the storm.",
     "[10 per cent]number [past year]date [over]reason [because of]reason"},
    {"Shares of Manchester United fell due to worries. IBM and the UN reported.",
     "[Manchester United]org [due to]reason [IBM]org [UN]org"},
    {"The Hague and New York and Rio de Janeiro, said Jose Manuel Barroso, the European Commission president.",
     "[The Hague]place [New York]place [Rio de Janeiro]place [Jose Manuel Barroso]person [European Commission]org"},
    {"Twenty five people died yesterday, two years ago, in the 1990s; one of them was 40.",
     "[Twenty five people]number [yesterday]date [two years ago]date [1990s]date [40]number"},
    {"Ad sales boost Time Warner profit",
     "[Time Warner]name"},
    {"Analysts said the May figures were weak, but Theresa May will meet Mr Putin in Moscow.",
     "[Theresa May]name [Putin]person [Moscow]place"},
    {"The striker, who joined Chelsea from Real Madrid for £30m, scored twice on Saturday.",
     "[Chelsea]name [Real Madrid]place+name [£30m]money [Saturday]date"},
    {"Vietnam's President Tran Duc Luong visited Hanoi and the Biên Hòa airbase.",
     "[Vietnam]place [Tran Duc Luong]person [Hanoi]place [Biên Hòa]name"},
    {"The price is expected to rise over the next five years, he said.",
     "[five years]number"},
    {"Chelsea boss Jose Mourinho was fined £200,000 by the Football Association after his comments.",
     "[Jose Mourinho]person [£200,000]money [Football Association]org [after]reason"},
    {"Yields fell to 5.93% from 6.01% as the Federal Reserve held rates, Reuters reported on Thursday.",
     "[5.93%]number [6.01%]number [Federal Reserve]org [Reuters]name [Thursday]date"},
    {"Iraq's oil exports of 1.5 mln barrels per day will resume in January, OPEC said.",
     "[Iraq]place [1.5 mln barrels]number [January]date [OPEC]org"},
    {"General Motors Corp and Ford Motor Co reported sales of 500,000 vehicles in the first half.",
     "[General Motors Corp]org [Ford Motor Co]org [500,000 vehicles]number [first half]date"},
    {"Mr Smith joined Microsoft Corp in 1998. Smith said he would stay.",
     "[Smith]person [Microsoft Corp]org [1998]date [Smith]person"},
    {"Lord Coe flew to Singapore at 0900 GMT.",
     "[Coe]person [Singapore]place [0900]number"},
    {"Hurricane damage cost $12 billion; insurers paid 3 bln stg and 500 mln yen.",
     "[$12 billion]money [3 bln stg]money [500 mln yen]money"},
    /* A Reuters title and dateline, then the story. */
    {"SINGAPORE TO SPEND 1.2 BILLION DLRS ON PORTS\n13-MAR-1987 10:36:00.21\n"
     "The Port of Singapore Authority (PSA)\nwill spend 1.2 billion dlrs",
     "[1.2 BILLION DLRS]money [13-MAR-1987]date [10]number [36]number [00.21]number "
     "[Port of Singapore Authority]org [PSA]org [1.2 billion dlrs]money"},
    /* A name wrapped over a line break, not over a blank line. */
    {"talks with Prime Minister Tony\nBlair ended", "[Tony\nBlair]person"},
    {"a deal with Acme\n\nBlair ended", "[Acme]name"},
    /* Capitalised common words opening sentences are no names. */
    {"However, prices fell. Analysts expect more. Officials declined.", ""},
    /* All capitals in ordinary text: acronyms. */
    {"the BBC and NATO but not the TV or the CEO", "[BBC]org [NATO]org"},
    {"", ""},
};

/* Format the entities of text as "[span]kinds ..." into buf. */
static void format(char *buf, size_t cap, const char *text, const passim_entities *e)
{
    size_t k = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < e->n; i++) {
        k += (size_t)snprintf(buf + k, cap - k, "%s[%.*s]", i ? " " : "",
                              (int)(e->v[i].end - e->v[i].start), text + e->v[i].start);
        int first = 1;
        for (unsigned b = 1; b <= PASSIM_KIND_REASON; b <<= 1)
            if (e->v[i].kinds & b) {
                k += (size_t)snprintf(buf + k, cap - k, "%s%s", first ? "" : "+",
                                      passim_kind_name(b));
                first = 0;
            }
        assert_true(k < cap);
    }
}

typedef struct toks {
    size_t n;
    size_t start[512];
    uint32_t pos[512];
} toks;

static int collect(void *ctx, const passim_token *t)
{
    toks *k = ctx;
    if (k->n < 512) {
        k->start[k->n] = t->start;
        k->pos[k->n] = t->pos;
        k->n++;
    }
    return 0;
}

/* The entities' positions and word counts are the analyzer's: the
 * tokens starting inside an entity's span are exactly its words, and
 * entities ascend without overlapping. */
static void check_positions(passim_analyzer *a, const char *text, size_t len, uint32_t first,
                            const passim_entities *e)
{
    toks k = {0};
    passim_analyze(NULL, a, text, len, first, collect, &k);
    uint32_t last_end = 0;
    for (size_t i = 0; i < e->n; i++) {
        const passim_entity *x = &e->v[i];
        assert_true(x->start < x->end && x->end <= len);
        assert_true(x->nwords >= 1 && x->kinds != 0);
        assert_true(i == 0 || x->pos >= e->v[i - 1].pos + e->v[i - 1].nwords);
        assert_true(x->start >= last_end);
        last_end = x->end;
        uint32_t n = 0, p0 = 0;
        for (size_t t = 0; t < k.n; t++)
            if (k.start[t] >= x->start && k.start[t] < x->end) {
                if (n == 0)
                    p0 = k.pos[t];
                assert_int_equal(k.pos[t], p0 + n);
                n++;
            }
        assert_int_equal(n, x->nwords);
        assert_int_equal(p0, x->pos);
    }
}

static void test_table(void **state)
{
    passim_analyzer *a = *state;
    char got[4096];
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        const ecase *c = &CASES[i];
        passim_entities e = {0};
        size_t len = strlen(c->text);
        assert_int_equal(passim_entities_find(&e, a, c->text, len, 1), PASSIM_OK);
        format(got, sizeof got, c->text, &e);
        if (strcmp(got, c->expect) != 0)
            fail_msg("%s\n  got:      %s\n  expected: %s", c->text, got, c->expect);
        check_positions(a, c->text, len, 1, &e);
        passim_entities_free(&e);
        /* From another first position: the same entities, shifted. */
        passim_entities f = {0};
        assert_int_equal(passim_entities_find(&f, a, c->text, len, 1000), PASSIM_OK);
        check_positions(a, c->text, len, 1000, &f);
        format(got, sizeof got, c->text, &f);
        assert_string_equal(got, c->expect);
        passim_entities_free(&f);
    }
}

/* A long article: the ring of tokens wraps many times and entities far
 * into the text keep the analyzer's positions. */
static void test_long_text(void **state)
{
    passim_analyzer *a = *state;
    const char *unit = "Prime Minister Tony Blair said 2,000 jobs went in March 2005 "
                       "because of the $1.2bn deal with Acme Corp in Paris. ";
    size_t ul = strlen(unit), reps = 300;
    char *text = malloc(ul * reps);
    assert_non_null(text);
    for (size_t r = 0; r < reps; r++)
        memcpy(text + r * ul, unit, ul);
    passim_entities e = {0};
    assert_int_equal(passim_entities_find(&e, a, text, ul * reps, 7), PASSIM_OK);
    assert_int_equal(e.n, 7 * reps);
    uint32_t nwords = 0;
    passim_analyze(&nwords, a, unit, ul, 0, NULL, NULL);
    for (size_t r = 0; r < reps; r++) {
        const passim_entity *x = &e.v[r * 7];
        assert_int_equal(x->kinds, PASSIM_KIND_PERSON);
        assert_int_equal(x->pos, 7 + r * nwords + 2);
        assert_int_equal(x->start, r * ul + 15);
        assert_int_equal(e.v[r * 7 + 3].kinds, PASSIM_KIND_REASON);
        assert_int_equal(e.v[r * 7 + 4].kinds, PASSIM_KIND_MONEY);
    }
    /* Appending: a second call adds after what *out holds. */
    assert_int_equal(passim_entities_find(&e, a, unit, ul, 1), PASSIM_OK);
    assert_int_equal(e.n, 7 * reps + 7);
    passim_entities_free(&e);
    assert_null(e.v);
    assert_int_equal(e.n, 0);
    free(text);
}

/* At most PASSIM_MAX_ENTITIES per call. */
static void test_entity_cap(void **state)
{
    passim_analyzer *a = *state;
    size_t n = PASSIM_MAX_ENTITIES + 500;
    char *text = malloc(n * 2);
    assert_non_null(text);
    for (size_t i = 0; i < n; i++) {
        text[2 * i] = '7';
        text[2 * i + 1] = ' ';
    }
    passim_entities e = {0};
    assert_int_equal(passim_entities_find(&e, a, text, n * 2, 1), PASSIM_OK);
    assert_int_equal(e.n, PASSIM_MAX_ENTITIES);
    assert_int_equal(e.v[e.n - 1].pos, PASSIM_MAX_ENTITIES);
    passim_entities_free(&e);
    free(text);
}

/* Nothing past len is read (the buffer ends there: the sanitizer build
 * catches a read beyond it), and any bytes are accepted. */
static void test_bytes(void **state)
{
    passim_analyzer *a = *state;
    static const char *const inputs[] = {
        "costs $", "76", "76%", "15 mln", "in Paris", "Mr", "$1.2b\xc2", "\xe2\x82",
        "over the", "5 March", "2025-11-", "Vietnam's", "\xff\xfe\x00Paris\x00$5",
        "U.S.", "A. B. C. D.", "al-", "\xc2\xa3", "1990s", "NEAR/5 \"who\"",
    };
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        size_t len = strlen(inputs[i]);
        if (i == 12)
            len = 11; /* the bytes after the first NUL too */
        char *b = malloc(len ? len : 1);
        assert_non_null(b);
        memcpy(b, inputs[i], len);
        passim_entities e = {0};
        assert_int_equal(passim_entities_find(&e, a, b, len, 1), PASSIM_OK);
        check_positions(a, b, len, 1, &e);
        passim_entities_free(&e);
        free(b);
    }
    /* A cut after "$5" is read as money of the bytes it has. */
    const char *t = "paid $5 million";
    passim_entities e = {0};
    assert_int_equal(passim_entities_find(&e, a, t, 7, 1), PASSIM_OK);
    assert_int_equal(e.n, 1);
    assert_int_equal(e.v[0].kinds, PASSIM_KIND_MONEY);
    assert_int_equal(e.v[0].end, 7);
    passim_entities_free(&e);
}

static void test_errors(void **state)
{
    passim_analyzer *a = *state;
    passim_entities e = {0};
    assert_int_equal(passim_entities_find(NULL, a, "x", 1, 1), PASSIM_EINVAL);
    assert_int_equal(passim_entities_find(&e, NULL, "x", 1, 1), PASSIM_EINVAL);
    assert_int_equal(passim_entities_find(&e, a, NULL, 1, 1), PASSIM_EINVAL);
    assert_true(strlen(passim_error_msg()) > 0);
    assert_int_equal(passim_entities_find(&e, a, NULL, 0, 1), PASSIM_OK);
    assert_string_equal(passim_error_msg(), "");
    assert_int_equal(e.n, 0);
    passim_entities_free(&e);
    passim_entities_free(NULL);
}

static void test_kind_names(void **state)
{
    (void)state;
    static const char *const names[] = {"person", "place", "org", "date",
                                        "number", "money", "name", "reason"};
    static const unsigned bits[] = {PASSIM_KIND_PERSON, PASSIM_KIND_PLACE, PASSIM_KIND_ORG,
                                    PASSIM_KIND_DATE, PASSIM_KIND_NUMBER, PASSIM_KIND_MONEY,
                                    PASSIM_KIND_NAME, PASSIM_KIND_REASON};
    for (size_t i = 0; i < 8; i++) {
        assert_int_equal(passim_kind_parse(names[i]), bits[i]);
        assert_string_equal(passim_kind_name(bits[i]), names[i]);
    }
    assert_int_equal(passim_kind_parse("Person"), 0);
    assert_int_equal(passim_kind_parse(""), 0);
    assert_int_equal(passim_kind_parse(NULL), 0);
    assert_int_equal(passim_kind_parse("organisation"), 0);
    assert_null(passim_kind_name(0));
    assert_null(passim_kind_name(PASSIM_KIND_PERSON | PASSIM_KIND_ORG));
    assert_null(passim_kind_name(1u << 8));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_long_text),
        cmocka_unit_test(test_entity_cap),
        cmocka_unit_test(test_bytes),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_kind_names),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
