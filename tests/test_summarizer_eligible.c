/*
 * test_summarizer_eligible.c -- which sentences may be picked, and that something always is.
 *
 * A summary never repeats the headline (the sample article carries it twice), never picks
 * a photo caption (a short line without a final stop), and is never empty when the
 * document has a sentence: tiny documents, documents without any sentence end and one
 * enormous paragraph all get a summary.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lede/harness.h"
#include "test_summarizer_util.h"

static void test_one_sentence_document_gets_that_sentence(void **state)
{
    (void)state;
    for (size_t m = 0; m < 4; m++) {
        char opts[64];
        snprintf(opts, sizeof(opts), "method=%s", sum_test_methods[m]);
        lede_harness *h = sum_test_make(opts);
        lede_doc *doc = sum_test_run(h, "Putin has arrived in Iran to forge a new alliance.");
        size_t n;
        const lede_summary_item *sum = lede_doc_summary(doc, &n);
        assert_int_equal(n, 1);
        assert_int_equal(sum[0].sentence, 0);
        lede_harness_free(h);
    }
}

static void test_two_sentence_document_keeps_both_when_three_are_asked(void **state)
{
    (void)state;
    lede_harness *h = sum_test_make("sentences=3");
    lede_doc *doc =
        sum_test_run(h, "Putin has arrived in Iran. He will meet President Raisi today.");
    size_t n;
    const lede_summary_item *sum = lede_doc_summary(doc, &n);
    assert_int_equal(n, 2);
    assert_int_equal(sum[0].sentence, 0);
    assert_int_equal(sum[1].sentence, 1);
    lede_harness_free(h);
}

static void test_text_without_sentence_end_still_gets_a_summary(void **state)
{
    (void)state;
    for (size_t m = 0; m < 4; m++) {
        char opts[64];
        snprintf(opts, sizeof(opts), "method=%s", sum_test_methods[m]);
        lede_harness *h = sum_test_make(opts);
        lede_doc *doc =
            sum_test_run(h, "Vladimir Putin arrives in Iran to forge a fearsome new alliance");
        size_t n;
        lede_doc_summary(doc, &n);
        assert_int_equal(n, 1);
        lede_harness_free(h);
    }
}

static void test_empty_document_gets_an_empty_summary(void **state)
{
    (void)state;
    lede_harness *h = sum_test_make("");
    lede_doc *doc = sum_test_run(h, "");
    size_t n = 99;
    lede_doc_summary(doc, &n);
    assert_int_equal(n, 0);
    lede_harness_free(h);
}

/* With ratio=1 every eligible sentence is picked: the headline's two copies must not be. */
static void test_duplicated_title_of_sample_article_is_never_picked(void **state)
{
    (void)state;
    const char *text = sum_test_fixture("putin-iran.txt");
    for (size_t m = 0; m < 4; m++) {
        char opts[64];
        snprintf(opts, sizeof(opts), "method=%s ratio=1", sum_test_methods[m]);
        lede_harness *h = sum_test_make(opts);
        lede_doc *doc = sum_test_run(h, text);
        size_t n;
        lede_doc_summary(doc, &n);
        assert_true(n > 20);
        for (size_t i = 0; i < n; i++)
            if (sum_test_item_starts(doc, i, "Vladimir Putin arrives in Iran"))
                fail_msg("%s picked the headline as item %zu", sum_test_methods[m], i);
        lede_harness_free(h);
    }
}

static void test_caption_without_full_stop_is_never_picked(void **state)
{
    (void)state;
    const char *text = sum_test_fixture("putin-iran.txt");
    lede_harness *h = sum_test_make("ratio=1");
    lede_doc *doc = sum_test_run(h, text);
    size_t n;
    lede_doc_summary(doc, &n);
    for (size_t i = 0; i < n; i++) {
        assert_false(sum_test_item_starts(doc, i, "The Iranian Army launches a drone"));
        assert_false(sum_test_item_starts(doc, i, "Putin will also meet with Turkish president"));
    }
    lede_harness_free(h);
}

/* 3000 sentences in a single paragraph: the graph is capped, the run stays quick, and the
 * summary has the asked share of sentences. */
static void test_one_very_long_paragraph_is_summarized(void **state)
{
    (void)state;
    static const char *base[] = {
        "Putin has only traveled outside of Russia twice since the invasion of Ukraine",
        "Tehran is planning to provide hundreds of combat drones to Moscow",
        "Iran is stepping up uranium enrichment and tightening down on dissent",
        "Turkey relies on the Russian market and deals with out-of-control inflation",
        "Representatives agreed on terms of a deal to guarantee the export of grain"};
    size_t cap = 3000 * 120, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    for (int i = 0; i < 3000; i++)
        len += (size_t)snprintf(text + len, cap - len, "%s, report %d says. ", base[i % 5], i);
    for (size_t m = 0; m < 4; m++) {
        char opts[64];
        snprintf(opts, sizeof(opts), "method=%s ratio=0.1", sum_test_methods[m]);
        lede_harness *h = sum_test_make(opts);
        lede_doc *doc = sum_test_run(h, text);
        size_t n, n_sent;
        const lede_summary_item *sum = lede_doc_summary(doc, &n);
        lede_doc_sentences(doc, &n_sent);
        assert_int_equal(n_sent, 3000);
        assert_int_equal(n, 300);
        for (size_t i = 1; i < n; i++)
            assert_true(sum[i - 1].sentence < sum[i].sentence);
        lede_harness_free(h);
    }
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_sentence_document_gets_that_sentence),
        cmocka_unit_test(test_two_sentence_document_keeps_both_when_three_are_asked),
        cmocka_unit_test(test_text_without_sentence_end_still_gets_a_summary),
        cmocka_unit_test(test_empty_document_gets_an_empty_summary),
        cmocka_unit_test(test_duplicated_title_of_sample_article_is_never_picked),
        cmocka_unit_test(test_caption_without_full_stop_is_never_picked),
        cmocka_unit_test(test_one_very_long_paragraph_is_summarized),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
