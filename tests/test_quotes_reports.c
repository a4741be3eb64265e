/*
 * test_quotes_reports.c -- how news reports speech, read for its speaker (issue #4, tenth
 * session).
 *
 * Each case is a pattern behind a speaker that readers named otherwise in the judged BBC
 * samples (tests/fixtures/quotes/bbc-judged*.tsv), on the article's own sentences (BBC News
 * Summary, named category/number): a noun taken for a cue verb, a description of a job that
 * went to whoever was named last, a reporting verb the stage did not know.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "test_quotes_util.h"

/* BBC politics/253: "the claims" is a noun, no cue without a subject; Mr Blair said is. */
static void test_a_cue_verb_after_an_article_is_a_noun(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Tony Blair has dismissed reports he told Gordon Brown he would quit before the next "
            "general election. Mr Blair said the claims were \"reheated from six months ago\" and "
            "that he was concentrating on running the country.",
            NULL);
    qtu_expect(&t, "reheated from six months ago", "Tony Blair", "said", "Blair");
    qtu_free(&t);
}

/* BBC politics/253: "the prime minister" stands for the one the first such description
 * stood for (Tony Blair), not for the last person named before it (Robert Peston, Gordon
 * Brown). */
static void test_the_same_description_keeps_its_person(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Tony Blair has dismissed reports he told Gordon Brown he would quit before the next "
            "general election.\n\n"
            "\"You don't do deals over jobs like this,\" the prime minister told BBC One's "
            "Breakfast with Frost programme. The book, by Sunday Telegraph journalist Robert "
            "Peston and serialised in the newspaper, said the pair had \"mutual animosity and "
            "contempt\" for each other.\n\n"
            "According to Mr Peston the prime minister said: \"Help me to get through the year "
            "and I will then stand down.\" There was speculation the pair were trying to outdo "
            "each other's response to the disaster. But the prime minister said he had discussed "
            "these claims with the chancellor and dismissed them as a \"load of nonsense\".",
            NULL);
    qtu_expect(&t, "You don't do deals over jobs like this,", "Tony Blair", "told",
               "the prime minister");
    qtu_expect(&t, "Help me to get through the year and I will then stand down.", "Tony Blair",
               "said", "the prime minister");
    qtu_expect(&t, "load of nonsense", "Tony Blair", "said", "the prime minister");
    qtu_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_cue_verb_after_an_article_is_a_noun),
        cmocka_unit_test(test_the_same_description_keeps_its_person),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
