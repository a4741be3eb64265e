/*
 * test_summarizer_length.c -- the length options: sentences, ratio, words; and language.
 *
 * sentences sets the count, ratio (when above 0) wins over it and is a share of the
 * eligible sentences, words caps the summary's words but never empties it, and a language
 * libstemmer does not know is refused at create() with a message naming the option.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lede/harness.h"
#include "test_summarizer_util.h"

extern const lede_stage_desc tokenizer_LTX_lede_stage;
extern const lede_stage_desc summarizer_LTX_lede_stage;

/* Number of summary sentences for the sample article under opts. */
static size_t count(const char *opts)
{
    lede_harness *h = sum_test_make(opts);
    lede_doc *doc = NULL;
    lede_error err;
    const char *text = sum_test_sample();
    assert_int_equal(lede_harness_run(h, "t", text, strlen(text), &doc, &err), 0);
    size_t n;
    lede_doc_summary(doc, &n);
    lede_harness_free(h);
    return n;
}

/* Words of the summary (word and number tokens of its sentences) under opts. */
static size_t summary_words(const char *opts, size_t *items)
{
    lede_harness *h = sum_test_make(opts);
    lede_doc *doc = NULL;
    lede_error err;
    const char *text = sum_test_sample();
    assert_int_equal(lede_harness_run(h, "t", text, strlen(text), &doc, &err), 0);
    size_t n, n_sent, n_tok, words = 0;
    const lede_summary_item *sum = lede_doc_summary(doc, &n);
    const lede_sentence *sent = lede_doc_sentences(doc, &n_sent);
    const lede_token *tok = lede_doc_tokens(doc, &n_tok);
    for (size_t i = 0; i < n; i++)
        for (uint32_t t = sent[sum[i].sentence].tok_begin; t < sent[sum[i].sentence].tok_end; t++)
            words += tok[t].kind == LEDE_TOK_WORD || tok[t].kind == LEDE_TOK_NUMBER;
    *items = n;
    lede_harness_free(h);
    return words;
}

static void test_sentences_option_sets_the_summary_size(void **state)
{
    (void)state;
    assert_int_equal(count(""), 3);
    assert_int_equal(count("sentences=1"), 1);
    assert_int_equal(count("sentences=7 method=textrank"), 7);
}

static void test_ratio_is_a_share_of_eligible_sentences_and_wins_over_sentences(void **state)
{
    (void)state;
    size_t all = count("ratio=1");
    assert_true(all > 20);
    size_t want = (size_t)(0.4 * all + 0.5);
    assert_int_equal(count("ratio=0.4 sentences=2"), want);
    assert_int_equal(count("ratio=0.4 method=lexrank"), want);
    /* A tiny ratio still keeps one sentence. */
    assert_int_equal(count("ratio=0.001"), 1);
}

static void test_word_budget_caps_the_summary(void **state)
{
    (void)state;
    size_t items;
    size_t words = summary_words("words=60 sentences=10", &items);
    assert_true(items >= 1);
    assert_true(words <= 60);
    words = summary_words("words=60 sentences=10 method=textrank", &items);
    assert_true(items >= 1 && words <= 60);
}

static void test_word_budget_below_any_sentence_still_keeps_one(void **state)
{
    (void)state;
    size_t items;
    summary_words("words=1", &items);
    assert_int_equal(items, 1);
}

static void test_unknown_language_is_refused_naming_the_option(void **state)
{
    (void)state;
    lede_harness *h = NULL;
    lede_error err;
    assert_int_equal(lede_harness_new(&h, &err), 0);
    assert_int_equal(lede_harness_add(h, &tokenizer_LTX_lede_stage, "", &err), 0);
    int rc = lede_harness_add(h, &summarizer_LTX_lede_stage, "language=klingon", &err);
    assert_int_equal(rc, LEDE_ECONFIG);
    assert_non_null(strstr(err.message, "language"));
    assert_non_null(strstr(err.message, "klingon"));
    lede_harness_free(h);
}

static void test_other_snowball_language_is_accepted(void **state)
{
    (void)state;
    assert_int_equal(count("language=french sentences=2"), 2);
}

static void test_zero_sentences_is_out_of_range(void **state)
{
    (void)state;
    lede_harness *h = NULL;
    lede_error err;
    assert_int_equal(lede_harness_new(&h, &err), 0);
    assert_int_equal(lede_harness_add(h, &tokenizer_LTX_lede_stage, "", &err), 0);
    assert_int_equal(lede_harness_add(h, &summarizer_LTX_lede_stage, "sentences=0", &err),
                     LEDE_ECONFIG);
    lede_harness_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sentences_option_sets_the_summary_size),
        cmocka_unit_test(test_ratio_is_a_share_of_eligible_sentences_and_wins_over_sentences),
        cmocka_unit_test(test_word_budget_caps_the_summary),
        cmocka_unit_test(test_word_budget_below_any_sentence_still_keeps_one),
        cmocka_unit_test(test_unknown_language_is_refused_naming_the_option),
        cmocka_unit_test(test_other_snowball_language_is_accepted),
        cmocka_unit_test(test_zero_sentences_is_out_of_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
