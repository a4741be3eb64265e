/*
 * test_summarizer_methods.c -- each method picks sensible sentences, deterministically.
 *
 * Every method returns the asked number of distinct sentences in document order; lead
 * starts right after the headline; the news method opens with the story's lede and does
 * not pick two sentences that say the same thing; and the same input gives bit-identical
 * summaries, in one harness or two.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lede/harness.h"

extern const lede_stage_desc tokenizer_LTX_lede_stage;
extern const lede_stage_desc summarizer_LTX_lede_stage;

static const char *methods[] = {"news", "lead", "textrank", "lexrank"};

static lede_harness *make(const char *opts)
{
    lede_harness *h = NULL;
    lede_error err;
    assert_int_equal(lede_harness_new(&h, &err), 0);
    assert_int_equal(lede_harness_add(h, &tokenizer_LTX_lede_stage, "", &err), 0);
    if (lede_harness_add(h, &summarizer_LTX_lede_stage, opts, &err) != 0)
        fail_msg("summarizer %s: %s", opts, err.message);
    return h;
}

static lede_doc *run(lede_harness *h, const char *text)
{
    lede_doc *doc = NULL;
    lede_error err;
    if (lede_harness_run(h, "t", text, strlen(text), &doc, &err) != 0)
        fail_msg("run: %s", err.message);
    return doc;
}

static const char *sample(void)
{
    static char buf[65536];
    char path[1024];
    snprintf(path, sizeof(path), "%s/tests/fixtures/summarizer/putin-iran.txt", LEDE_SOURCE_DIR);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static int item_starts(lede_doc *doc, size_t i, const char *prefix)
{
    size_t n_sum, n_sent;
    const lede_summary_item *sum = lede_doc_summary(doc, &n_sum);
    const lede_sentence *sent = lede_doc_sentences(doc, &n_sent);
    const char *text = lede_doc_text(doc, NULL);
    assert_true(i < n_sum && sum[i].sentence < n_sent);
    return strncmp(text + sent[sum[i].sentence].start, prefix, strlen(prefix)) == 0;
}

static void test_every_method_returns_distinct_sentences_in_document_order(void **state)
{
    (void)state;
    for (size_t m = 0; m < 4; m++) {
        char opts[64];
        snprintf(opts, sizeof(opts), "method=%s sentences=4", methods[m]);
        lede_harness *h = make(opts);
        lede_doc *doc = run(h, sample());
        size_t n;
        const lede_summary_item *sum = lede_doc_summary(doc, &n);
        assert_int_equal(n, 4);
        for (size_t i = 0; i < n; i++) {
            assert_true(sum[i].score > 0);
            if (i > 0)
                assert_true(sum[i - 1].sentence < sum[i].sentence);
        }
        lede_harness_free(h);
    }
}

static void test_lead_picks_the_first_sentences_after_the_headline(void **state)
{
    (void)state;
    lede_harness *h = make("method=lead sentences=2");
    lede_doc *doc = run(h, sample());
    size_t n;
    lede_doc_summary(doc, &n);
    assert_int_equal(n, 2);
    assert_true(item_starts(doc, 0, "Vladimir Putin has arrived in Iran"));
    assert_true(item_starts(doc, 1, "During the negotiations intended"));
    lede_harness_free(h);
}

static void test_news_summary_opens_with_the_lede(void **state)
{
    (void)state;
    lede_harness *h = make("");
    lede_doc *doc = run(h, sample());
    size_t n;
    lede_doc_summary(doc, &n);
    assert_int_equal(n, 3);
    assert_true(item_starts(doc, 0, "Vladimir Putin has arrived in Iran"));
    lede_harness_free(h);
}

/* The second sentence repeats the first almost word for word; a salience-only ranking
 * would take both, the redundancy penalty takes the third instead. */
static void test_news_does_not_pick_a_near_copy_of_a_picked_sentence(void **state)
{
    (void)state;
    const char *text =
        "Iran is planning to provide hundreds of combat drones to Russia for use in Ukraine. "
        "Iran is planning to provide hundreds of combat drones to Russia for use in the war. "
        "Russian officials visited an Iranian airfield to inspect drones for the war in Ukraine. "
        "The weather in Tehran was mild.";
    lede_harness *h = make("method=news sentences=2");
    lede_doc *doc = run(h, text);
    size_t n;
    const lede_summary_item *sum = lede_doc_summary(doc, &n);
    assert_int_equal(n, 2);
    assert_int_equal(sum[0].sentence, 0);
    assert_int_equal(sum[1].sentence, 2);
    lede_harness_free(h);
}

static void test_same_input_gives_identical_summaries(void **state)
{
    (void)state;
    for (size_t m = 0; m < 4; m++) {
        char opts[64];
        snprintf(opts, sizeof(opts), "method=%s ratio=0.3", methods[m]);
        lede_harness *h1 = make(opts), *h2 = make(opts);
        lede_doc *a = run(h1, sample());
        size_t na, nb;
        const lede_summary_item *sa = lede_doc_summary(a, &na);
        lede_summary_item copy[64];
        assert_true(na > 0 && na <= 64);
        memcpy(copy, sa, na * sizeof(*sa));
        /* A different document in between must leave nothing behind. */
        run(h1, "Turkey relies on the Russian market. Inflation is out of control.");
        lede_doc *b = run(h1, sample());
        const lede_summary_item *sb = lede_doc_summary(b, &nb);
        assert_int_equal(na, nb);
        assert_memory_equal(copy, sb, na * sizeof(*sb));
        lede_doc *c = run(h2, sample());
        const lede_summary_item *sc = lede_doc_summary(c, &nb);
        assert_int_equal(na, nb);
        assert_memory_equal(copy, sc, na * sizeof(*sc));
        lede_harness_free(h1);
        lede_harness_free(h2);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_method_returns_distinct_sentences_in_document_order),
        cmocka_unit_test(test_lead_picks_the_first_sentences_after_the_headline),
        cmocka_unit_test(test_news_summary_opens_with_the_lede),
        cmocka_unit_test(test_news_does_not_pick_a_near_copy_of_a_picked_sentence),
        cmocka_unit_test(test_same_input_gives_identical_summaries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
