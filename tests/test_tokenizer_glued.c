/*
 * test_tokenizer_glued.c -- glued captions split where a lower-case word runs into a
 * capitalised one that starts a sentence, and camel-case names stay whole (the rule is
 * documented at the top of plugins/tokenizer/words.c).
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

static void test_caption_glued_to_a_name_splits(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(k,
                  "Putin leaves his plane during the welcoming ceremony in Tehran todayPutin "
                  "speaks with Iranian Minister Javad Owji",
                  "Putin leaves his plane during the welcoming ceremony in Tehran today",
                  "Putin speaks with Iranian Minister Javad Owji");
    assert_true(tku_flags(k, "Putin") & LEDE_TOKF_SENT_START);
}

static void test_capitalised_word_glued_to_a_starter_splits(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(k, "after stepping off the plane in IranIt is only the second time",
                  "after stepping off the plane in Iran", "It is only the second time");
}

static void test_short_capitalised_starters_split(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(k, "destroy Ukrainian military hardwareOn Monday, Fadahossein Maleki spoke",
                  "destroy Ukrainian military hardware", "On Monday, Fadahossein Maleki spoke");
    TKU_SENTENCES(k, "in Turkmenistan last monthOn June 8 a group traveled",
                  "in Turkmenistan last month", "On June 8 a group traveled");
}

static void test_camel_case_brands_and_names_stay_whole(void **state)
{
    tku *k = *state;
    TKU_TOKENS(k,
               "iPhone McDonald eBay MacBook YouTube PlayStation LinkedIn PowerPoint macOS wikiHow",
               "iPhone", "McDonald", "eBay", "MacBook", "YouTube", "PlayStation", "LinkedIn",
               "PowerPoint", "macOS", "wikiHow");
    assert_int_equal(tku_n_sentences(k), 1);
}

static void test_camel_case_with_a_starter_inside_a_longer_word_stays_whole(void **state)
{
    tku *k = *state;
    /* "The" does not end the letter run in StopTheWar */
    TKU_TOKENS(k, "#StopTheWar", "#", "StopTheWar");
}

static void test_a_long_chain_of_glued_words_is_linear_and_safe(void **state)
{
    tku *k = *state;
    size_t n = 20000, len = 0;
    char *text = malloc(n * 9 + 1);

    assert_non_null(text);
    for (size_t i = 0; i < n; i++) {
        memcpy(text + len, "todayIt-", 8);
        len += 8;
    }
    text[len] = '\0';
    tku_run(k, text);
    assert_true(tku_n_sentences(k) >= n);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_caption_glued_to_a_name_splits),
        cmocka_unit_test(test_capitalised_word_glued_to_a_starter_splits),
        cmocka_unit_test(test_short_capitalised_starters_split),
        cmocka_unit_test(test_camel_case_brands_and_names_stay_whole),
        cmocka_unit_test(test_camel_case_with_a_starter_inside_a_longer_word_stays_whole),
        cmocka_unit_test(test_a_long_chain_of_glued_words_is_linear_and_safe),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
