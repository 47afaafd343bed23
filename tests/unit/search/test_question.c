/* Unit tests: what a query asks for, and the query left without its
 * question words (question.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search/question.h"

#define PERSON PASSIM_KIND_PERSON
#define PLACE PASSIM_KIND_PLACE
#define ORG PASSIM_KIND_ORG
#define DATE PASSIM_KIND_DATE
#define NUMBER PASSIM_KIND_NUMBER
#define MONEY PASSIM_KIND_MONEY
#define NAME PASSIM_KIND_NAME
#define REASON PASSIM_KIND_REASON

typedef struct qcase {
    const char *query;
    unsigned want;
    int question;
    const char *rest;
} qcase;

static const qcase CASES[] = {
    /* Questions. */
    {"how many jobs will the plant cut", NUMBER, 1, "jobs will the plant cut"},
    {"where did the minister grow up", PLACE, 1, "the minister grow up"},
    {"who bought Safeway", PERSON | ORG, 1, "bought Safeway"},
    {"Who bought Safeway?", PERSON | ORG, 1, "bought Safeway"},
    {"when did the strike happen", DATE, 1, "the strike happen"},
    {"what year did the war end", DATE, 1, "the war end"},
    {"in which year was the club founded", DATE, 1, "the club founded"},
    {"In what year did Enron collapse?", DATE, 1, "Enron collapse"},
    {"how much did the takeover cost", MONEY | NUMBER, 1, "the takeover cost"},
    {"how much money did the film make", MONEY | NUMBER, 1, "the film make"},
    {"what price did shares reach", MONEY | NUMBER, 1, "shares reach"},
    {"what percentage of voters backed the plan", NUMBER, 1, "voters backed the plan"},
    {"which company bought Safeway", ORG, 1, "bought Safeway"},
    {"what firm makes the iPod", ORG, 1, "makes the iPod"},
    {"which country hosted the 2006 World Cup", PLACE, 1, "hosted the 2006 World Cup"},
    {"which city will host the Olympics", PLACE, 1, "host the Olympics"},
    {"why was Ranieri sacked", REASON, 1, "Ranieri sacked"},
    {"Why was Ranieri sacked ?", REASON, 1, "Ranieri sacked"},
    {"what is the name of the company that bought Safeway", ORG, 1, "that bought Safeway"},
    {"what is the name of the new pope", PERSON | PLACE | ORG | NAME, 1, "the new pope"},
    {"what's the capital of Australia", PLACE, 1, "of Australia"},
    {"what caused the blackout", REASON, 1, "caused the blackout"},
    {"how old is the actor", NUMBER, 1, "the actor"},
    {"how long did the strike last", NUMBER | DATE, 1, "the strike last"},
    {"how did the fire start", 0, 1, "the fire start"},
    {"what is Skype", 0, 1, "Skype"},
    {"to whom was the prize given", PERSON | ORG, 1, "the prize given"},
    {"by how much did profits rise", MONEY | NUMBER, 1, "profits rise"},
    {"tell me who won the election", PERSON | ORG, 1, "won the election"},
    {"WHO BOUGHT SAFEWAY", PERSON | ORG, 1, "BOUGHT SAFEWAY"},
    {"which team won the cup?", ORG, 1, "won the cup"},
    /* Question words alone stay. */
    {"who", PERSON | ORG, 1, "who"},
    {"who?", PERSON | ORG, 1, "who"},
    {"how many", NUMBER, 1, "how many"},
    /* Keyword queries, in any case, come back whole. */
    {"Ranieri sacked", 0, 0, "Ranieri sacked"},
    {"RANIERI SACKED", 0, 0, "RANIERI SACKED"},
    {"jobs plant cut?", 0, 0, "jobs plant cut?"},
    {"WHO funding cuts", 0, 0, "WHO funding cuts"},
    {"whoever bought Safeway", 0, 0, "whoever bought Safeway"},
    {"?", 0, 0, "?"},
    /* The query language is kept whole. */
    {"\"who bought\" Safeway", 0, 0, "\"who bought\" Safeway"},
    {"who OR what", 0, 0, "who OR what"},
    {"who NEAR/5 safeway", 0, 0, "who NEAR/5 safeway"},
    {"(who bought) safeway", 0, 0, "(who bought) safeway"},
    {"+who bought", 0, 0, "+who bought"},
    {"title:who bought", 0, 0, "title:who bought"},
    {"who:bought safeway", 0, 0, "who:bought safeway"},
    {"who bought \"Safeway stores\" -Tesco?", PERSON | ORG, 1, "bought \"Safeway stores\" -Tesco"},
    {"why was (Ranieri OR Mourinho) sacked", REASON, 1, "(Ranieri OR Mourinho) sacked"},
    {"when did title:enron collapse", DATE, 1, "title:enron collapse"},
    {"who* bought", 0, 0, "who* bought"},
    /* A '?' whose cut would change what the query language reads stays. */
    {"what AND?", 0, 1, "AND?"},
    {"who bought Safeway OR?", PERSON | ORG, 1, "bought Safeway OR?"},
    {"who bought title:?", PERSON | ORG, 1, "bought title:?"},
    {"who bought +?", PERSON | ORG, 1, "bought +?"},
    {"who bought safe*?", PERSON | ORG, 1, "bought safe*"},
    {"who said \"no\"?", PERSON | ORG, 1, "said \"no\""},
};

static void test_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        const qcase *c = &CASES[i];
        passim_question q;
        char *rest = NULL;
        size_t rl = 0;
        assert_int_equal(passim_question_analyze(&q, &rest, &rl, c->query, strlen(c->query)),
                         PASSIM_OK);
        if (q.want != c->want || q.question != c->question || strcmp(rest, c->rest) != 0)
            fail_msg("%s: want %#x question %d rest \"%s\" (expected %#x %d \"%s\")", c->query,
                     q.want, q.question, rest, c->want, c->question, c->rest);
        assert_int_equal(rl, strlen(rest));
        /* The rest is the substring it says. */
        assert_true(q.rest_start <= q.rest_end && q.rest_end <= strlen(c->query));
        assert_int_equal(q.rest_end - q.rest_start, rl);
        assert_memory_equal(c->query + q.rest_start, rest, rl);
        /* The skipped words are those before the rest. */
        if (q.skip_end > q.skip_start) {
            assert_true(q.skip_end <= q.rest_start);
        }
        free(rest);
    }
}

static void test_skip_range(void **state)
{
    (void)state;
    passim_question q;
    char *rest = NULL;
    const char *s = "  how many jobs will the plant cut?";
    assert_int_equal(passim_question_analyze(&q, &rest, NULL, s, strlen(s)), PASSIM_OK);
    assert_int_equal(q.skip_start, 2);
    assert_int_equal(q.skip_end, 10); /* "how many" */
    assert_int_equal(q.rest_start, 11);
    assert_int_equal(q.rest_end, strlen(s) - 1);
    free(rest);
    /* Nothing removed: both 0. */
    assert_int_equal(passim_question_analyze(&q, &rest, NULL, "who", 3), PASSIM_OK);
    assert_int_equal(q.skip_start, 0);
    assert_int_equal(q.skip_end, 0);
    free(rest);
}

static void test_never_empty(void **state)
{
    (void)state;
    static const char *const qs[] = {"who", "who ?", "what is", "how much?", "  where  ",
                                     "why", "what's", "in which year", "   ", "??"};
    for (size_t i = 0; i < sizeof qs / sizeof qs[0]; i++) {
        passim_question q;
        char *rest = NULL;
        size_t rl = 99;
        assert_int_equal(passim_question_analyze(&q, &rest, &rl, qs[i], strlen(qs[i])),
                         PASSIM_OK);
        assert_true(rl > 0);
        assert_int_equal(strlen(rest), rl);
        free(rest);
    }
    /* An empty query gives an empty rest. */
    passim_question q;
    char *rest = NULL;
    size_t rl = 99;
    assert_int_equal(passim_question_analyze(&q, &rest, &rl, NULL, 0), PASSIM_OK);
    assert_string_equal(rest, "");
    assert_int_equal(rl, 0);
    assert_int_equal(q.want, 0);
    free(rest);
}

static void test_errors_and_bytes(void **state)
{
    (void)state;
    passim_question q;
    char *rest = (char *)"x";
    assert_int_equal(passim_question_analyze(NULL, &rest, NULL, "who", 3), PASSIM_EINVAL);
    assert_null(rest);
    assert_int_equal(passim_question_analyze(&q, NULL, NULL, "who", 3), PASSIM_EINVAL);
    assert_int_equal(passim_question_analyze(&q, &rest, NULL, NULL, 3), PASSIM_EINVAL);
    size_t big = PASSIM_MAX_QUESTION_BYTES + 1;
    char *b = malloc(big);
    assert_non_null(b);
    memset(b, 'a', big);
    assert_int_equal(passim_question_analyze(&q, &rest, NULL, b, big), PASSIM_ETOOBIG);
    assert_null(rest);
    assert_true(strlen(passim_error_msg()) > 0);
    /* At the limit it works. */
    memcpy(b, "who ", 4);
    assert_int_equal(passim_question_analyze(&q, &rest, NULL, b, big - 1), PASSIM_OK);
    assert_int_equal(strlen(rest), big - 1 - 4);
    assert_string_equal(passim_error_msg(), "");
    free(rest);
    free(b);
    /* NULs and invalid bytes: not read past len, no crash. */
    static const char nul[] = "who\0bought\xff\xfe safeway";
    assert_int_equal(passim_question_analyze(&q, &rest, NULL, nul, sizeof nul - 1), PASSIM_OK);
    free(rest);
    assert_int_equal(passim_question_analyze(&q, &rest, NULL, "who bought", 3), PASSIM_OK);
    assert_string_equal(rest, "who");
    free(rest);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_skip_range),
        cmocka_unit_test(test_never_empty),
        cmocka_unit_test(test_errors_and_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
