/*
 * test_quotes_marks.c -- finding and pairing quotation marks (plugins/quotes/marks.c).
 *
 * Apostrophes are never marks; directed and straight marks pair by class and context;
 * nested quotations stay inside; a quotation that runs over paragraphs is one segment per
 * paragraph linked by `continues`; stray and unclosed marks become warnings while
 * extraction goes on; hostile input stays linear.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_quotes_util.h"

static void test_apostrophes_are_not_quote_marks(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "The Kremlin doesn’t want Iran’s help. The three presidents’ discussions "
            "moved on. Jones' dog loved the '90s and rock 'n' roll, and the ’80s too.",
            NULL);
    assert_int_equal(t.n, 0);
    assert_int_equal(qtu_warnings(&t, "quot"), 0);
    qtu_free(&t);
}

static void test_apostrophe_is_not_a_closing_quote(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t, "‘The Kremlin doesn’t want to allow itself to be isolated internationally.’", NULL);
    assert_int_equal(t.n, 1);
    qtu_find(&t, "The Kremlin doesn’t want to allow itself to be isolated internationally.");
    qtu_free(&t);
}

static void test_plural_possessive_inside_single_quotes_is_not_a_closing_quote(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t, "He said: ‘The three presidents’ discussions will center on Syria.’", NULL);
    assert_int_equal(t.n, 1);
    qtu_find(&t, "The three presidents’ discussions will center on Syria.");
    qtu_free(&t);
}

static void test_straight_double_quotes_pair_by_context(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t, "\"I love cats!\" insists Burton. \"I absolutely do.\"", NULL);
    assert_int_equal(t.n, 2);
    qtu_find(&t, "I love cats!");
    qtu_find(&t, "I absolutely do.");
    qtu_free(&t);
}

static void test_straight_possessive_inside_quotation(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t, "He approached the stable. \"Where are the horses' carrots?\" he asked.", NULL);
    assert_int_equal(t.n, 1);
    qtu_find(&t, "Where are the horses' carrots?");
    qtu_free(&t);
}

static void test_nested_quotation_stays_inside(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "The stranger was eating a burger. He told everyone, \"This 'hamburger with extra "
            "cheese and pickles' is good.\"",
            NULL);
    assert_int_equal(t.n, 1);
    qtu_find(&t, "This 'hamburger with extra cheese and pickles' is good.");
    qtu_free(&t);
}

static void test_guillemets_pair(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t, "«Me encantan los gatos», afirmó Burtón.", NULL);
    assert_int_equal(t.n, 1);
    qtu_find(&t, "Me encantan los gatos");
    qtu_free(&t);
}

static void test_multi_paragraph_quotation_is_linked(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Andrey Kortunov said: “This is an important visit for Putin personally.\n\n"
            "“The Kremlin doesn’t want to allow itself to be isolated internationally.”\n",
            NULL);
    assert_int_equal(t.n, 2);
    const lede_quote *a = qtu_find(&t, "This is an important visit for Putin personally.");
    const lede_quote *b =
        qtu_find(&t, "The Kremlin doesn’t want to allow itself to be isolated internationally.");
    assert_int_equal(a->continues, LEDE_NONE);
    assert_int_equal(b->continues, 0);
    assert_string_equal(b->speaker, "Andrey Kortunov");
    qtu_free(&t);
}

static void test_continuation_after_an_image_caption(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Andrey Kortunov, head of the Russian International Affairs Council, said: ‘This "
            "is an important visit for Putin personally.\n\n"
            "The Iranian Army launches a drone carrying a missile during military drills\n\n"
            "‘The Kremlin doesn’t want to allow itself to be isolated internationally.’\n",
            NULL);
    assert_int_equal(t.n, 2);
    const lede_quote *b =
        qtu_find(&t, "The Kremlin doesn’t want to allow itself to be isolated internationally.");
    assert_int_equal(b->continues, 0);
    assert_string_equal(b->speaker, "Andrey Kortunov");
    qtu_free(&t);
}

/* The mark scan keeps no candidate for an in-word apostrophe (Army’s), but a paragraph
 * holding one is still no mark-free caption: the quotation left open before it is not
 * continued across it (as when every apostrophe was a candidate), whichever apostrophe. */
static void test_caption_with_an_in_word_apostrophe_is_not_skipped(void **state)
{
    (void)state;
    const char *const captions[] = {"The Army\xE2\x80\x99s drone during military drills",
                                    "The Army's drone during military drills"};
    for (size_t k = 0; k < 2; k++) {
        char text[512];
        snprintf(text, sizeof text,
                 "Andrey Kortunov said: \xE2\x80\x98This is an important visit for Putin "
                 "personally.\n\n%s\n\n\xE2\x80\x98The Kremlin does not want to be isolated "
                 "internationally.\xE2\x80\x99\n",
                 captions[k]);
        qtu t;
        qtu_run(&t, text, NULL);
        assert_int_equal(t.n, 1);
        const lede_quote *b =
            qtu_find(&t, "The Kremlin does not want to be isolated internationally.");
        assert_int_equal(b->continues, LEDE_NONE);
        assert_int_equal(qtu_warnings(&t, "unclosed quotation mark"), 1);
        assert_int_equal(qtu_warnings(&t, "dropped"), 0); /* not cut at the paragraph's end */
        qtu_free(&t);
    }
    /* The same caption without its apostrophe is skipped. */
    qtu t;
    qtu_run(&t,
            "Andrey Kortunov said: \xE2\x80\x98This is an important visit for Putin "
            "personally.\n\nThe Army drone during military drills\n\n\xE2\x80\x98The Kremlin "
            "does not want to be isolated internationally.\xE2\x80\x99\n",
            NULL);
    assert_int_equal(t.n, 2);
    assert_int_equal(
        qtu_find(&t, "The Kremlin does not want to be isolated internationally.")->continues, 0);
    qtu_free(&t);
    /* Two captions between (the most that are skipped), read by one cursor: an apostrophe
     * in either, near its start or its end, stops the continuation; none lets it go on. */
    const char *const pairs[][2] = {
        {"The Army drone during military drills", "The Army's drone"},
        {"The Army's drone", "The Army drone during military drills"},
        {"The drone", "A long caption of the drills held by the Army, and the Army's"},
        {"The drone during the drills", "Military drills"}};
    for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
        char text[512];
        snprintf(text, sizeof text,
                 "Andrey Kortunov said: \xE2\x80\x98This is an important visit for Putin "
                 "personally.\n\n%s\n\n%s\n\n\xE2\x80\x98The Kremlin does not want to be "
                 "isolated internationally.\xE2\x80\x99\n",
                 pairs[k][0], pairs[k][1]);
        qtu_run(&t, text, NULL);
        uint32_t continues =
            qtu_find(&t, "The Kremlin does not want to be isolated internationally.")->continues;
        if (k < 3)
            assert_int_equal(continues, LEDE_NONE);
        else
            assert_int_equal(continues, 0);
        qtu_free(&t);
    }
}

static void test_lost_paragraph_break_continues_quotation(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Andrey Kortunov said: “This is an important visit for Putin personally. “The "
            "Kremlin doesn’t want to be isolated.”",
            NULL);
    assert_int_equal(t.n, 2);
    const lede_quote *b = qtu_find(&t, "The Kremlin doesn’t want to be isolated.");
    assert_int_equal(b->continues, 0);
    qtu_free(&t);
}

static void test_stray_closing_mark_warns_and_extraction_goes_on(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "'uneasy' on Gilmer street\"\n\nPolice are investigating a shooting.\n\n"
            "\"Detectives are looking into it,\" Richmond police said in a news release.",
            NULL);
    assert_int_equal(qtu_warnings(&t, "stray closing"), 1);
    qtu_find(&t, "Detectives are looking into it,");
    qtu_free(&t);
}

static void test_unclosed_mark_warns_and_inner_quotations_are_found(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "'AMANDA, you stabbed me,\" a stunned Anna Ramirez told her identical twin. Edward "
            "said prosecutors had established \"clear and convincing evidence\" that Ramirez "
            "should be held.",
            NULL);
    assert_int_equal(qtu_warnings(&t, "unclosed quotation mark"), 1);
    assert_int_equal(t.n, 1);
    qtu_expect(&t, "clear and convincing evidence", "Edward", "said", "Edward");
    qtu_free(&t);
}

static void test_empty_quotation_is_skipped(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t, "The field was left blank (\"\") on the form.", NULL);
    assert_int_equal(t.n, 0);
    qtu_free(&t);
}

/* Issue #4: an attribute's value inside a tag the tokenizer skips (PolNeAR west-journal
 * 2016-09-26) became a quotation with no text; so did a no-break space between marks. */
static void test_quotation_of_markup_or_spaces_is_left_out(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "When PolitiFact examined the senator\xe2\x80\x99s statement, it was labeled "
            "\xe2\x80\x9cMostly True.\xe2\x80\x9d\n\n<tweet tweet-id=\"783\"><tweet/>.\n\nHe "
            "left a \xe2\x80\x9c\xc2\xa0\xe2\x80\x9d and a \xe2\x80\x9c\xe2\x80\x89"
            "\xe2\x80\x9d on the form.",
            NULL);
    assert_int_equal(t.n, 1);
    qtu_find(&t, "Mostly True.");
    assert_int_equal(qtu_warnings(&t, "empty quotation"), 1);
    qtu_free(&t);
}

static void test_two_apostrophes_are_a_double_quote_mark(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t, "''This isn't tax reform,'' said Kyle Pomerleau, an economist.", NULL);
    assert_int_equal(t.n, 1);
    qtu_expect(&t, "This isn't tax reform,", "Kyle Pomerleau", "said", "Kyle Pomerleau");
    qtu_free(&t);
}

static void test_straight_excerpt_is_not_continued_by_a_curly_quote(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "\"Melanie thought the whole thing was outrageous. She wasn’t a person with "
            "homicidal ideation.\n\n"
            "“It never crossed my mind that I’m losing it,” she said several months later.\n",
            NULL);
    assert_int_equal(t.n, 1);
    const lede_quote *q = qtu_find(&t, "It never crossed my mind that I’m losing it,");
    assert_int_equal(q->continues, LEDE_NONE);
    assert_int_equal(qtu_warnings(&t, "unclosed"), 1);
    qtu_free(&t);
}

static void test_quotation_interrupted_by_its_attribution_is_linked(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "\"I am not afraid,\" said Lydia stoutly, \"for though I am the youngest, I'm the "
            "tallest.\"",
            NULL);
    assert_int_equal(t.n, 2);
    const lede_quote *b = qtu_find(&t, "for though I am the youngest, I'm the tallest.");
    assert_int_equal(b->continues, 0);
    assert_int_equal(b->kind, LEDE_QUOTE_FULL);
    assert_string_equal(b->speaker, "Lydia");
    qtu_free(&t);
}

/* depth alternating opening marks (“ ‘ “ ...), each before an a, then depth closing marks:
 * either the matching ones in reverse (’ ” ’ ...) or guillemets (») that close nothing. */
static char *nested_marks(size_t depth, int matching)
{
    char *text = malloc(depth * 2 * 4 + 16);
    assert_non_null(text);
    size_t n = 0;
    for (size_t i = 0; i < depth; i++) {
        memcpy(text + n, i % 2 ? "\xE2\x80\x98" : "\xE2\x80\x9C", 3); /* ‘ or “ */
        n += 3;
        text[n++] = 'a';
    }
    for (size_t i = depth; i-- > 0;) {
        if (matching) {
            memcpy(text + n, i % 2 ? "\xE2\x80\x99" : "\xE2\x80\x9D", 3); /* ’ or ” */
            n += 3;
        } else {
            memcpy(text + n, "\xC2\xBB", 2); /* » */
            n += 2;
        }
    }
    text[n] = '\0';
    return text;
}

/* The work of the stage on the texts make(count) and make(2 * count): twice as much when
 * it is linear, four times when a path is quadratic. The runs' quotations are checked to
 * number n_quotes. */
static void expect_linear(char *(*make)(size_t, int), int arg, size_t count, size_t n_quotes)
{
    size_t work[2];
    for (int k = 0; k < 2; k++) {
        char *text = make(count << k, arg);
        qtu t;
        work[k] = qtu_run_counted(&t, text);
        assert_int_equal(t.n, n_quotes);
        assert_true(qtu_warnings(&t, "quot") > 0 || n_quotes > 0);
        qtu_free(&t);
        free(text);
    }
    assert_true(work[0] >= count);
    assert_true(work[1] <= 3 * work[0]);
}

/* 20,000 nested marks (“‘“‘ ... ’”’”) are paired in one pass: each closing mark finds its
 * opening mark on top of the stack. */
static void test_twenty_thousand_nested_marks_are_linear(void **state)
{
    (void)state;
    expect_linear(nested_marks, 1, 10000, 1);
}

/* 20,000 closing marks of another class than every open one: each searches only a few
 * levels down the stack before it is reported as stray. */
static void test_twenty_thousand_stray_closing_marks_are_linear(void **state)
{
    (void)state;
    expect_linear(nested_marks, 0, 10000, 0);
}

/* count opening marks never closed ( “ab “ab ...). */
static char *unclosed_marks(size_t count, int unused)
{
    (void)unused;
    char *text = malloc(count * 6 + 16);
    assert_non_null(text);
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        memcpy(text + n,
               " \xE2\x80\x9C"
               "ab",
               6);
        n += 6;
    }
    text[n] = '\0';
    return text;
}

/* 20,000 opening marks never closed: reported, and the paragraph is read again without
 * them only a few times. */
static void test_twenty_thousand_unclosed_marks_are_linear(void **state)
{
    (void)state;
    expect_linear(unclosed_marks, 0, 10000, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_apostrophes_are_not_quote_marks),
        cmocka_unit_test(test_apostrophe_is_not_a_closing_quote),
        cmocka_unit_test(test_plural_possessive_inside_single_quotes_is_not_a_closing_quote),
        cmocka_unit_test(test_straight_double_quotes_pair_by_context),
        cmocka_unit_test(test_straight_possessive_inside_quotation),
        cmocka_unit_test(test_nested_quotation_stays_inside),
        cmocka_unit_test(test_guillemets_pair),
        cmocka_unit_test(test_multi_paragraph_quotation_is_linked),
        cmocka_unit_test(test_continuation_after_an_image_caption),
        cmocka_unit_test(test_caption_with_an_in_word_apostrophe_is_not_skipped),
        cmocka_unit_test(test_lost_paragraph_break_continues_quotation),
        cmocka_unit_test(test_stray_closing_mark_warns_and_extraction_goes_on),
        cmocka_unit_test(test_unclosed_mark_warns_and_inner_quotations_are_found),
        cmocka_unit_test(test_empty_quotation_is_skipped),
        cmocka_unit_test(test_quotation_of_markup_or_spaces_is_left_out),
        cmocka_unit_test(test_two_apostrophes_are_a_double_quote_mark),
        cmocka_unit_test(test_straight_excerpt_is_not_continued_by_a_curly_quote),
        cmocka_unit_test(test_quotation_interrupted_by_its_attribution_is_linked),
        cmocka_unit_test(test_twenty_thousand_nested_marks_are_linear),
        cmocka_unit_test(test_twenty_thousand_stray_closing_marks_are_linear),
        cmocka_unit_test(test_twenty_thousand_unclosed_marks_are_linear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
