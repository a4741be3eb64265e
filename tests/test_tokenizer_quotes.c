/*
 * test_tokenizer_quotes.c -- quotation marks are their own tokens, judged opening or
 * closing; a ’ after a plural s is an apostrophe unless a single quotation is open.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_tokenizer_util.h"

static int setup(void **state)
{
    *state = tku_new("");
    return 0;
}

static int teardown(void **state)
{
    tku_free(*state);
    return 0;
}

static void test_apostrophe_after_plural_is_not_a_closing_quote(void **state)
{
    tku *k = *state;
    tku_run(k, "The three presidents’ discussions will center on the ongoing conflict in Syria.");
    assert_true(tku_find(k, "presidents’", 0) != (size_t)-1);
    assert_true(tku_flags(k, "presidents’") & LEDE_TOKF_APOSTROPHE);
    assert_int_equal(tku_find(k, "’", 0), (size_t)-1);
}

static void test_closing_single_quote_after_plural_inside_a_quotation(void **state)
{
    tku *k = *state;
    /* ‘hundreds’ ends in s, but a quotation is open: the ’ closes it. */
    TKU_TOKENS(k, "Tehran is planning to provide ‘hundreds’ of combat drones", "Tehran", "is",
               "planning", "to", "provide", "‘", "hundreds", "’", "of", "combat", "drones");
    assert_true(tku_flags(k, "‘") & LEDE_TOKF_OPEN_QUOTE);
    assert_true(tku_flags(k, "’") & LEDE_TOKF_CLOSE_QUOTE);
    assert_false(tku_flags(k, "hundreds") & LEDE_TOKF_APOSTROPHE);
}

static void test_curly_double_quotes_open_and_close(void **state)
{
    tku *k = *state;
    TKU_TOKENS(k, "referred to Russia as Iran’s “most strategic partner.”", "referred", "to",
               "Russia", "as", "Iran’s", "“", "most", "strategic", "partner", ".", "”");
    assert_true(tku_flags(k, "“") & LEDE_TOKF_OPEN_QUOTE);
    assert_true(tku_flags(k, "”") & LEDE_TOKF_CLOSE_QUOTE);
}

static void test_straight_double_quotes_are_judged_by_their_neighbours(void **state)
{
    tku *k = *state;
    size_t open, close;
    tku_run(k, "She turned to him, \"This is great.\" she said.");
    open = tku_find(k, "\"", 0);
    close = tku_find(k, "\"", open + 1);
    assert_true(close != (size_t)-1);
    assert_true(lede_doc_tokens(k->doc, &(size_t){0})[open].flags & LEDE_TOKF_OPEN_QUOTE);
    assert_true(lede_doc_tokens(k->doc, &(size_t){0})[close].flags & LEDE_TOKF_CLOSE_QUOTE);
}

static void test_straight_single_quotes_around_a_sentence(void **state)
{
    tku *k = *state;
    size_t open, close;
    tku_run(k, "She turned to him, 'This is great.' she said.");
    open = tku_find(k, "'", 0);
    close = tku_find(k, "'", open + 1);
    assert_true(open != (size_t)-1 && close != (size_t)-1);
    assert_true(lede_doc_tokens(k->doc, &(size_t){0})[open].flags & LEDE_TOKF_OPEN_QUOTE);
    assert_true(lede_doc_tokens(k->doc, &(size_t){0})[close].flags & LEDE_TOKF_CLOSE_QUOTE);
}

static void test_possessive_after_abbreviation_is_a_clitic_not_a_quote(void **state)
{
    tku *k = *state;
    TKU_TOKENS(k, "That is JFK Jr.'s book.", "That", "is", "JFK", "Jr.", "'s", "book", ".");
    assert_true(tku_flags(k, "'s") & LEDE_TOKF_APOSTROPHE);
    assert_false(tku_flags(k, "'s") & (LEDE_TOKF_OPEN_QUOTE | LEDE_TOKF_CLOSE_QUOTE));
}

static void test_decade_apostrophe_starts_a_word(void **state)
{
    tku *k = *state;
    TKU_TOKENS(k, "since the ’90s", "since", "the", "’90s");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_apostrophe_after_plural_is_not_a_closing_quote),
        cmocka_unit_test(test_closing_single_quote_after_plural_inside_a_quotation),
        cmocka_unit_test(test_curly_double_quotes_open_and_close),
        cmocka_unit_test(test_straight_double_quotes_are_judged_by_their_neighbours),
        cmocka_unit_test(test_straight_single_quotes_around_a_sentence),
        cmocka_unit_test(test_possessive_after_abbreviation_is_a_clitic_not_a_quote),
        cmocka_unit_test(test_decade_apostrophe_starts_a_word),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
