/*
 * test_summarizer_methods.c -- each method picks sensible sentences, deterministically.
 *
 * Every method returns the asked number of distinct sentences in document order; lead
 * starts right after the headline; the news method opens with the story's lede and does
 * not pick two sentences that say the same thing; and the same input gives bit-identical
 * summaries, in one harness or two.
 */
#include <setjmp.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lede/harness.h"
#include "test_summarizer_util.h"

static void test_every_method_returns_distinct_sentences_in_document_order(void **state)
{
    (void)state;
    for (size_t m = 0; m < 4; m++) {
        char opts[64];
        snprintf(opts, sizeof(opts), "method=%s sentences=4", sum_test_methods[m]);
        lede_harness *h = sum_test_make(opts);
        lede_doc *doc = sum_test_run(h, sum_test_sample());
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
    lede_harness *h = sum_test_make("method=lead sentences=2");
    lede_doc *doc = sum_test_run(h, sum_test_sample());
    size_t n;
    lede_doc_summary(doc, &n);
    assert_int_equal(n, 2);
    assert_true(sum_test_item_starts(doc, 0, "Vladimir Putin has arrived in Iran"));
    assert_true(sum_test_item_starts(doc, 1, "During the negotiations intended"));
    lede_harness_free(h);
}

static void test_news_summary_opens_with_the_lede(void **state)
{
    (void)state;
    lede_harness *h = sum_test_make("");
    lede_doc *doc = sum_test_run(h, sum_test_sample());
    size_t n;
    lede_doc_summary(doc, &n);
    assert_int_equal(n, 3);
    assert_true(sum_test_item_starts(doc, 0, "Vladimir Putin has arrived in Iran"));
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
    lede_harness *h = sum_test_make("method=news sentences=2");
    lede_doc *doc = sum_test_run(h, text);
    size_t n;
    const lede_summary_item *sum = lede_doc_summary(doc, &n);
    assert_int_equal(n, 2);
    assert_int_equal(sum[0].sentence, 0);
    assert_int_equal(sum[1].sentence, 2);
    lede_harness_free(h);
}

/* Sentences 1 and 2 hold the same words in another order: the same salience, centrality
 * and (no headline) title share, so the same score, and each is a copy of the other to the
 * redundancy penalty. The candidates are ranked as the pick asks for them (news.c): of two
 * equal scores the earlier sentence must come first, so sentence 1 is picked, never 2. */
static void test_news_picks_the_earlier_of_two_sentences_scoring_the_same(void **state)
{
    (void)state;
    const char *text = "Iran sends combat drones to Russia for the war. "
                       "Drones fly over Kyiv every night now. "
                       "Now every night drones fly over Kyiv. "
                       "The weather in Tehran was mild.";
    for (int k = 1; k <= 3; k++) {
        char opts[64];
        snprintf(opts, sizeof(opts), "method=news sentences=%d", k);
        lede_harness *h = sum_test_make(opts);
        lede_doc *doc = sum_test_run(h, text);
        size_t n;
        const lede_summary_item *sum = lede_doc_summary(doc, &n);
        assert_int_equal(n, (size_t)k);
        if (k == 3) {
            /* Room for both: the two score the same (the lede is the third). */
            assert_int_equal(sum[1].sentence, 1);
            assert_int_equal(sum[2].sentence, 2);
            assert_true(sum[1].score == sum[2].score);
        } else {
            /* The first pick is the best score: sentence 1, not its equal 2, which is then
             * a repeat of it, behind the lede. */
            int has1 = 0, has2 = 0;
            for (size_t i = 0; i < n; i++) {
                has1 |= sum[i].sentence == 1;
                has2 |= sum[i].sentence == 2;
            }
            assert_true(has1);
            assert_false(has2);
        }
        lede_harness_free(h);
    }
}

static void test_same_input_gives_identical_summaries(void **state)
{
    (void)state;
    for (size_t m = 0; m < 4; m++) {
        char opts[64];
        snprintf(opts, sizeof(opts), "method=%s ratio=0.3", sum_test_methods[m]);
        lede_harness *h1 = sum_test_make(opts), *h2 = sum_test_make(opts);
        lede_doc *a = sum_test_run(h1, sum_test_sample());
        size_t na, nb;
        const lede_summary_item *sa = lede_doc_summary(a, &na);
        lede_summary_item copy[64];
        assert_true(na > 0 && na <= 64);
        memcpy(copy, sa, na * sizeof(*sa));
        /* A different document in between must leave nothing behind. */
        sum_test_run(h1, "Turkey relies on the Russian market. Inflation is out of control.");
        lede_doc *b = sum_test_run(h1, sum_test_sample());
        const lede_summary_item *sb = lede_doc_summary(b, &nb);
        assert_int_equal(na, nb);
        assert_memory_equal(copy, sb, na * sizeof(*sb));
        lede_doc *c = sum_test_run(h2, sum_test_sample());
        const lede_summary_item *sc = lede_doc_summary(c, &nb);
        assert_int_equal(na, nb);
        assert_memory_equal(copy, sc, na * sizeof(*sc));
        lede_harness_free(h1);
        lede_harness_free(h2);
    }
}

/* Appends a made-up word, distinct for each n (letters only, so that it stems to itself
 * and is no stop word), and a space. */
static size_t put_word(char *text, size_t o, const char *prefix, unsigned n)
{
    o += (size_t)sprintf(text + o, "%s", prefix);
    for (int d = 0; d < 3; d++, n /= 26)
        text[o++] = (char)('a' + n % 26);
    text[o++] = ' ';
    return o;
}

/* A star: a hub sentence holding k terms, and k leaves sharing one each with the hub and
 * nothing with one another; with lone = 1, a last sentence that shares nothing, a node
 * without edges, which spreads its rank over all n nodes. All edges weigh the same, so
 * PageRank has a closed form: with c = (1 - d) / n, the lone node's rank is
 * z = c / (1 - d / n), and with c' = c + d z / n (c' = c without it) the hub's rank is
 * c' (1 + d k) / (1 - d^2) and a leaf's c' + d hub / k. Small graphs are solved (graph.c,
 * pagerank_solve: symmetric without a lone node, whole with one), larger ones iterated: all
 * must give it, to float precision (the textrank method's scores are the ranks). */
static void test_textrank_gives_a_star_graph_its_closed_form_ranks(void **state)
{
    (void)state;
    static char text[65536];
    const unsigned sizes[] = {6, 80};
    for (size_t t = 0; t < 4; t++) {
        unsigned k = sizes[t % 2], lone = t >= 2;
        size_t o = 0;
        /* Sentences start with a capital, or the tokenizer would not split them. */
        o = put_word(text, o, "Hub", 0);
        for (unsigned i = 1; i < k; i++)
            o = put_word(text, o, "hub", i);
        text[o - 1] = '.';
        text[o++] = ' ';
        for (unsigned i = 0; i < k; i++) {
            o = put_word(text, o, "Hub", i);
            o = put_word(text, o, "leaf", 2 * i);
            o = put_word(text, o, "leaf", 2 * i + 1);
            text[o - 1] = '.';
            text[o++] = ' ';
        }
        if (lone) {
            o = put_word(text, o, "Lone", 0);
            o = put_word(text, o, "lone", 1);
            text[o - 1] = '.';
            text[o++] = ' ';
        }
        text[o - 1] = '\0';
        lede_harness *h = sum_test_make("method=textrank ratio=1");
        lede_doc *doc = sum_test_run(h, text);
        size_t n = 0;
        const lede_summary_item *sum = lede_doc_summary(doc, &n);
        assert_int_equal(n, k + 1 + lone);
        double d = 0.85, c = (1 - d) / (double)n;
        double z = c / (1 - d / (double)n), c1 = lone ? c + d * z / (double)n : c;
        double hub = c1 * (1 + d * k) / (1 - d * d), leaf = c1 + d * hub / k;
        assert_int_equal(sum[0].sentence, 0);
        assert_true(fabs(sum[0].score - hub) < 1e-6);
        for (size_t i = 1; i <= k; i++)
            assert_true(fabs(sum[i].score - leaf) < 1e-6);
        if (lone)
            assert_true(fabs(sum[k + 1].score - z) < 1e-6);
        lede_harness_free(h);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_method_returns_distinct_sentences_in_document_order),
        cmocka_unit_test(test_lead_picks_the_first_sentences_after_the_headline),
        cmocka_unit_test(test_news_summary_opens_with_the_lede),
        cmocka_unit_test(test_news_does_not_pick_a_near_copy_of_a_picked_sentence),
        cmocka_unit_test(test_news_picks_the_earlier_of_two_sentences_scoring_the_same),
        cmocka_unit_test(test_same_input_gives_identical_summaries),
        cmocka_unit_test(test_textrank_gives_a_star_graph_its_closed_form_ranks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
