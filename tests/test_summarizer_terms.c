/*
 * test_summarizer_terms.c -- how the summarizer turns words into terms (model.c).
 *
 * Stop words are dropped, inflections meet on one stem, and a typographic apostrophe
 * counts as a straight one, so "Russia’s" and "Russia's" are the same term. The stop word
 * table must stay sorted, since lookups are a binary search.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lede/harness.h"
#include "../plugins/summarizer/summarizer.h"
#include "test_summarizer_util.h"

static void test_stopword_table_is_sorted_for_binary_search(void **state)
{
    (void)state;
    assert_true(sum_stopword_count() > 100);
    for (size_t i = 1; i < sum_stopword_count(); i++)
        if (strcmp(sum_stopword_at(i - 1), sum_stopword_at(i)) >= 0)
            fail_msg("stop words out of order: %s before %s", sum_stopword_at(i - 1),
                     sum_stopword_at(i));
}

static void test_no_stop_word_is_longer_than_the_lookup_expects(void **state)
{
    (void)state;
    size_t longest = 0;
    for (size_t i = 0; i < sum_stopword_count(); i++)
        if (strlen(sum_stopword_at(i)) > longest)
            longest = strlen(sum_stopword_at(i));
    assert_int_equal(longest, SUM_STOPWORD_MAX);
    assert_true(sum_is_stopword("themselves", 10));
    assert_false(sum_is_stopword("themselvesx", 11));
}

static void test_function_words_are_stopwords_and_content_words_are_not(void **state)
{
    (void)state;
    assert_true(sum_is_stopword("the", 3));
    assert_true(sum_is_stopword("doesn't", 7));
    assert_true(sum_is_stopword("which", 5));
    assert_false(sum_is_stopword("said", 4));
    assert_false(sum_is_stopword("drones", 6));
    assert_false(sum_is_stopword("th", 2));
    assert_false(sum_is_stopword("thee", 4));
    assert_false(sum_is_stopword("", 0));
    assert_true(sum_is_stopword("a", 1));
    assert_true(sum_is_stopword("yourselves", 10));
    assert_false(sum_is_stopword("the\0", 4)); /* a byte past the word is not ignored */
}

static void test_typographic_and_straight_apostrophes_give_the_same_terms(void **state)
{
    (void)state;
    sum_test_model f;
    sum_test_model_build(&f, "Russia\xE2\x80\x99s army moved south. Russia's army moved south.");
    assert_int_equal(f.m.n_sent, 2);
    const sum_sent *a = &f.m.sent[0], *b = &f.m.sent[1];
    assert_int_equal(a->n_terms, 4); /* russia army move south */
    assert_int_equal(a->n_terms, b->n_terms);
    assert_memory_equal(a->term, b->term, a->n_terms * sizeof(uint32_t));
    sum_test_model_free(&f);
}

static void test_inflections_share_a_stem_and_stopwords_are_dropped(void **state)
{
    (void)state;
    sum_test_model f;
    sum_test_model_build(&f, "The drone was launched. Drones are launching from the ships.");
    const sum_sent *a = &f.m.sent[0], *b = &f.m.sent[1];
    assert_int_equal(a->n_terms, 2); /* drone launch */
    assert_int_equal(a->n_words, 4);
    assert_int_equal(b->n_terms, 3); /* drone launch ship */
    assert_int_equal(a->term[0], b->term[0]);
    assert_int_equal(a->term[1], b->term[1]);
    /* "drone" occurs once in each sentence: df 2, cf 2. */
    assert_int_equal(f.m.df[a->term[0]], 2);
    assert_int_equal(f.m.cf[a->term[0]], 2);
    sum_test_model_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stopword_table_is_sorted_for_binary_search),
        cmocka_unit_test(test_no_stop_word_is_longer_than_the_lookup_expects),
        cmocka_unit_test(test_function_words_are_stopwords_and_content_words_are_not),
        cmocka_unit_test(test_typographic_and_straight_apostrophes_give_the_same_terms),
        cmocka_unit_test(test_inflections_share_a_stem_and_stopwords_are_dropped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
