/*
 * test_summarizer_eligible.c -- which sentences may be picked, and that something always is.
 *
 * A summary never repeats the headline (the sample article carries it twice, PolNeAR ends
 * it with a stop), never picks a crosshead, picture credit, copyright line or photo caption
 * (a short line without a final stop), seldom a sentence that starts inside a quotation,
 * and is never empty when the document has a sentence: tiny documents, documents without
 * any sentence end and one enormous paragraph all get a summary.
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

/* PolNeAR (Breitbart): a Title Case headline with a final stop inside closing quotes. */
static const char caddell[] =
    "Pat Caddell: Democrat Voters Worried About Hillary Clinton\u2019s Health Issues; It\u2019s "
    "\u2018in Their Heads.\u2019\n\n"
    "In offering analysis of the ongoing presidential election, longtime Democratic pollster "
    "Pat Caddell told Breitbart News Daily host Alex Marlow on Thursday how surprised he is "
    "that health has been at the forefront.\n\n"
    "\u201cOne of the things I am surprised about is apparently how much the health issue has "
    "affected this race, or seems to be affecting it,\u201d said Caddell. \u201cYesterday, "
    "there were two polls. Morning Consult and Rasmussen had very similar numbers.\u201d\n";

static void test_title_case_headline_with_a_full_stop_is_the_headline(void **state)
{
    (void)state;
    sum_test_model f;
    sum_test_model_build(&f, caddell);
    assert_int_equal(f.m.title, 0);
    assert_false(f.m.sent[0].eligible);
    assert_true(f.m.sent[1].eligible);
    sum_test_model_free(&f);
    lede_harness *h = sum_test_make("ratio=1");
    lede_doc *doc = sum_test_run(h, caddell);
    size_t n;
    lede_doc_summary(doc, &n);
    assert_true(n >= 3);
    for (size_t i = 0; i < n; i++)
        assert_false(sum_test_item_starts(doc, i, "Pat Caddell:"));
    lede_harness_free(h);
}

/* PolNeAR (UPI): a sentence-case headline with a stop reads like a one-sentence lede, and
 * no rule tells the two apart on the data: it stays a sentence. */
static void test_sentence_case_first_line_with_a_full_stop_is_not_a_headline(void **state)
{
    (void)state;
    sum_test_model f;
    sum_test_model_build(
        &f, "Green Party candidate Jill Stein removed from N.Y. debate site by police.\n\n"
            "HEMPSTEAD, N.Y., Sept. 26 (UPI) \u2014 Green Party presidential candidate Jill Stein "
            "was escorted off the premises of Hofstra University on Monday afternoon, hours "
            "before the start of the first debate between Donald Trump and Hillary Clinton.\n");
    assert_int_equal(f.m.title, LEDE_NONE);
    assert_true(f.m.sent[0].eligible);
    sum_test_model_free(&f);
}

/* BBC politics/278: a headline, then a standfirst question on a line of its own, then the
 * story. The question is a heading; a Title Case line inside the story is not (match
 * reports list teams so, and the BBC set's reference summaries keep those lines). */
static void test_short_question_paragraph_is_a_heading(void **state)
{
    (void)state;
    sum_test_model f;
    sum_test_model_build(
        &f, "What really divides the parties\n\n"
            "So what is the gap between Labour and the Tories nowadays?\n\n"
            "One Starbucks, one Rymans and one small Greek cafe as it happens. Both parties "
            "have now completed their moves to new headquarters, with Labour creating its "
            "election hub just three doors away from the Tories' new headquarters in Victoria "
            "Street, just down the road from the Commons.\n\n"
            "Almunia, Lauren, Cygan, Senderos, Cole, Fabregas (Toure 90), Vieira, Flamini "
            "(Aliadiere 113), Clichy, Lupoli (Owusu-Abeyie 45), Ljungberg.\n");
    assert_int_equal(f.m.title, 0);
    assert_false(f.m.sent[1].eligible);
    assert_true(f.m.sent[2].eligible);
    assert_true(f.m.sent[f.m.n_sent - 1].eligible);
    sum_test_model_free(&f);
    /* BBC sport/... opens with its headline as a question: "What now for Kelly Holmes?" */
    sum_test_model_build(&f, "What now for Kelly Holmes?\n\n"
                             "Last April, Kelly Holmes spoke to the BBC Sport website about her "
                             "loneliness, her fight to stay fit and her decision not to contest "
                             "both the 800m and 1500m at the Olympics.\n");
    assert_int_equal(f.m.title, 0);
    assert_false(f.m.sent[0].eligible);
    sum_test_model_free(&f);
}

/* GUM (Wikinews, GUM_news_questionnaire and GUM_news_clock): a photo's caption and its
 * credit, or a caption ending with one, are never summary material; nor is a copyright line. */
static void test_picture_credits_captions_and_copyright_lines_are_not_picked(void **state)
{
    (void)state;
    sum_test_model f;
    sum_test_model_build(
        &f, "Reports: 'streamlined' UK asylum process to replace interview with questionnaire "
            "for five nationalities\n\n"
            "Braverman (left) and Sunak (right) on October 25, 2022. Image: UK Government.\n\n"
            "The United Kingdom Home Office today is to begin issuing questionnaires in place of "
            "official interviews to determine refugee status for some 12,000 asylee hopefuls.\n\n"
            "US President Barack Obama tweet to student Ahmed Mohamed Image: Twitter / Barack "
            "Obama.\n\n"
            "Copyright 2016 Thomson Reuters.\n\n"
            "\u00a9 2016 Thomson Reuters. All rights reserved.\n");
    assert_int_equal(f.m.n_sent, 9); /* "... Ahmed Mohamed" and "Image: ..." are two */
    for (uint32_t i = 0; i < f.m.n_sent; i++) {
        char msg[80];
        snprintf(msg, sizeof(msg), "sentence %u", (unsigned)i);
        if (f.m.sent[i].eligible != (i == 3))
            fail_msg("%s is %seligible", msg, f.m.sent[i].eligible ? "" : "not ");
    }
    sum_test_model_free(&f);
}

/* BBC business/030, whole: its 13th sentence opens inside Vincent Koen's quotation, which
 * the 12th opened ("The oil shock is not enormous ... If the oil price does not rise ...,"
 * Vincent Koen ... told the BBC's World Business Report.). */
static const char koen[] =
    "Soaring oil 'hits world economy'\n\nThe soaring cost of oil has hit global economic "
    "growth, although world's major economies should weather the storm of price rises, "
    "according to the OECD.\n\nIn its latest bi-annual report, the OECD cut its growth "
    "predictions for the world's main industrialised regions. US growth would reach 4.4% "
    "in 2004, but fall to 3.3% next year from a previous estimate of 3.7%, the OECD said. "
    "However, the Paris-based economics think tank said it believed the global economy "
    "could still regain momentum.\n\nForecasts for Japanese growth were also scaled back "
    "to 4.0% from 4.4% this year and 2.1% from 2.8% in 2005. But the outlook was worst for "
    "the 12-member eurozone bloc, with already sluggish growth forecasts slipping to 1.8% "
    "from 2.0% this year and 1.9% from 2.4% in 2005, the OECD said. Overall, the report "
    "forecast total growth of 3.6% in 2004 for the 30 member countries of the OECD, "
    "slipping to 2.9% next year before recovering to 3.1% in 2006. \"There are nonetheless "
    "good reasons to believe that despite recent oil price turbulence the world economy "
    "will regain momentum in a not-too-distant future,\" said Jean-Philippe Cotis, the "
    "OECD's chief economist. The price of crude is about 50% higher than it was at the "
    "start of 2004, but down on the record high of $55.67 set in late October.\n\nA dip in "
    "oil prices and improving jobs prospects would improve consumer confidence and "
    "spending, the OECD said. \"The oil shock is not enormous by historical standards - we "
    "have seen worse in the seventies. If the oil price does not rise any further, then we "
    "think the shock can be absorbed within the next few quarters,\" Vincent Koen, a "
    "senior economist with the OECD, told the BBC's World Business Report. \"The recovery "
    "that was underway, and has been interrupted a bit by the oil shock this year, would "
    "then regain momentum in the course of 2005.\" China's booming economy and a "
    "\"spectacular comeback\" in Japan - albeit one that has faltered in recent months - "
    "would help world economic recovery, the OECD said. \"Supported by strong balance "
    "sheets and high profits, the recovery of business investment should continue in North "
    "America and start in earnest in Europe,\" it added. However, the report warned: \"It "
    "remains to be seen whether continental Europe will play a strong supportive role "
    "through a marked upswing of final domestic demand.\" The OECD highlighted current "
    "depressed household expenditure in Germany and the eurozone's over-reliance on "
    "export-led growth.\n";

/* The news method scores a sentence that starts inside a quotation lower: out of its
 * story, it is half of what someone said. */
static void test_sentence_starting_inside_a_quotation_is_not_the_pick(void **state)
{
    (void)state;
    lede_harness *h = sum_test_make("sentences=3");
    lede_doc *doc = sum_test_run(h, koen);
    size_t n;
    lede_doc_summary(doc, &n);
    assert_int_equal(n, 3);
    for (size_t i = 0; i < n; i++)
        assert_false(sum_test_item_starts(doc, i, "If the oil price does not rise"));
    assert_true(sum_test_item_starts(doc, 0, "The soaring cost of oil"));
    lede_harness_free(h);
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
        cmocka_unit_test(test_title_case_headline_with_a_full_stop_is_the_headline),
        cmocka_unit_test(test_sentence_case_first_line_with_a_full_stop_is_not_a_headline),
        cmocka_unit_test(test_short_question_paragraph_is_a_heading),
        cmocka_unit_test(test_picture_credits_captions_and_copyright_lines_are_not_picked),
        cmocka_unit_test(test_sentence_starting_inside_a_quotation_is_not_the_pick),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
