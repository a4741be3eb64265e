/*
 * test_tokenizer_sentences.c -- sentence boundaries inside a paragraph: terminal marks,
 * closing quotes and brackets, decimals, ellipses, glued full stops, lists. Sentences are
 * real ones from the sample article or the English Golden Rules (GR-nn).
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

static void test_full_stop_before_a_capital_ends_the_sentence(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(k,
                  "He will also speak with President Raisi about matters such as the Iran nuclear "
                  "agreement, which Russia is a major signatory to. The leaders met twice.",
                  "He will also speak with President Raisi about matters such as the Iran nuclear "
                  "agreement, which Russia is a major signatory to.",
                  "The leaders met twice.");
}

static void test_closing_quote_after_the_full_stop_belongs_to_the_sentence(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(k,
                  "The two countries will form a “axis of virtue.” Andrey Kortunov said: ‘This is "
                  "an important visit.’ He left.",
                  "The two countries will form a “axis of virtue.”",
                  "Andrey Kortunov said: ‘This is an important visit.’", "He left.");
}

static void test_quoted_sentence_followed_by_lower_case_continues(void **state)
{
    tku *k = *state;
    /* GR-24, GR-25, GR-26 */
    TKU_SENTENCES(k, "She turned to him, 'This is great.' she said.",
                  "She turned to him, 'This is great.' she said.");
    TKU_SENTENCES(k, "She turned to him, \"This is great.\" She held the book out to show him.",
                  "She turned to him, \"This is great.\"", "She held the book out to show him.");
}

static void test_closing_bracket_after_the_stop_belongs_to_the_sentence(void **state)
{
    tku *k = *state;
    /* GR-21 */
    TKU_SENTENCES(k,
                  "He teaches science (He previously worked for 5 years as an engineer.) at the "
                  "local University.",
                  "He teaches science (He previously worked for 5 years as an engineer.) at the "
                  "local University.");
}

static void test_question_and_exclamation_marks(void **state)
{
    tku *k = *state;
    /* GR-27, GR-30, GR-44 */
    TKU_SENTENCES(k, "Hello!! Long time no see.", "Hello!!", "Long time no see.");
    TKU_SENTENCES(k, "Hello?! Is that you?", "Hello?!", "Is that you?");
    TKU_SENTENCES(k, "She works at Yahoo! in the accounting department.",
                  "She works at Yahoo! in the accounting department.");
}

static void test_decimal_and_money_do_not_split(void **state)
{
    tku *k = *state;
    /* GR-19, GR-20 */
    TKU_SENTENCES(k, "She has $100.00 in her bag.", "She has $100.00 in her bag.");
    TKU_SENTENCES(k, "She has $100.00. It is in her bag.", "She has $100.00.", "It is in her bag.");
}

static void test_ellipsis_inside_a_sentence_does_not_split(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(k,
                  "The meetings will ‘develop economic cooperation, focus on security of the "
                  "region via political solution … and ensure food security.’",
                  "The meetings will ‘develop economic cooperation, focus on security of the "
                  "region via political solution … and ensure food security.’");
    /* GR-50 */
    TKU_SENTENCES(k,
                  "I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing "
                  "is . . . I didn’t mean it.",
                  "I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing "
                  "is . . . I didn’t mean it.");
}

static void test_four_dots_end_a_sentence(void **state)
{
    tku *k = *state;
    /* GR-49, GR-51 */
    TKU_SENTENCES(k, "I never meant that.... She left the store.", "I never meant that....",
                  "She left the store.");
    TKU_SENTENCES(k,
                  "One further habit which was somewhat weakened . . . was that of combining words "
                  "into self-interpreting compounds. . . . The practice was not abandoned. . . .",
                  "One further habit which was somewhat weakened . . . was that of combining words "
                  "into self-interpreting compounds.",
                  ". . . The practice was not abandoned. . . .");
}

static void test_stop_glued_to_a_capital_ends_the_sentence(void **state)
{
    tku *k = *state;
    /* GR-52 and the article's "currency.Vladimir" */
    TKU_SENTENCES(k,
                  "Hello world.Today is Tuesday.Mr. Smith went to the store and bought "
                  "1,000.That is a lot.",
                  "Hello world.", "Today is Tuesday.",
                  "Mr. Smith went to the store and bought 1,000.", "That is a lot.");
    TKU_SENTENCES(k, "a quickly appreciating currency.Vladimir Putin is seen",
                  "a quickly appreciating currency.", "Vladimir Putin is seen");
}

static void test_number_after_a_symbol_and_stop_continues(void **state)
{
    tku *k = *state;
    /* GR-43 */
    TKU_SENTENCES(k, "You can find it at N°. 1026.253.553. That is where the treasure is.",
                  "You can find it at N°. 1026.253.553.", "That is where the treasure is.");
}

static void test_numbered_and_lettered_lists_split_at_each_marker(void **state)
{
    tku *k = *state;
    /* GR-31, GR-35, GR-37, GR-38, GR-39 */
    TKU_SENTENCES(k, "1.) The first item 2.) The second item", "1.) The first item",
                  "2.) The second item");
    TKU_SENTENCES(k, "1. The first item 2. The second item", "1. The first item",
                  "2. The second item");
    TKU_SENTENCES(k, "• 9. The first item • 10. The second item", "• 9. The first item",
                  "• 10. The second item");
    TKU_SENTENCES(k, "⁃9. The first item ⁃10. The second item", "⁃9. The first item",
                  "⁃10. The second item");
    TKU_SENTENCES(k, "a. The first item b. The second item c. The third list item",
                  "a. The first item", "b. The second item", "c. The third list item");
}

static void test_two_dots_end_a_sentence(void **state)
{
    tku *k = *state;
    /* GUM bio_holt: an abbreviation's stop and the sentence's; BBC readers' comments */
    TKU_SENTENCES(k, "He was traded for Iv\u00E1n DeJes\u00FAs, Jr.. [12] Holt started the season.",
                  "He was traded for Iv\u00E1n DeJes\u00FAs, Jr.. [12]",
                  "Holt started the season.");
    TKU_SENTENCES(k, "Who's ever heard of Rhian Benson.. They are both better.",
                  "Who's ever heard of Rhian Benson..", "They are both better.");
}

static void test_a_number_opening_a_sentence_labels_it(void **state)
{
    tku *k = *state;
    /* GUM academic_economics, textbook_artwork */
    TKU_SENTENCES(k, "2.1. New Institutional Economics, Property Rights, and Credibility",
                  "2.1. New Institutional Economics, Property Rights, and Credibility");
    TKU_SENTENCES(k,
                  "39. \u201CThe Figures which excite in us the Ideas of Beauty, seem to be those "
                  "in which there is Uniformity amidst Variety\u201D (\u00A7 II, p. 28).",
                  "39. \u201CThe Figures which excite in us the Ideas of Beauty, seem to be those "
                  "in which there is Uniformity amidst Variety\u201D (\u00A7 II, p. 28).");
    /* a year is no label */
    TKU_SENTENCES(k, "He retired. 2013. That year it came back.", "He retired.", "2013.",
                  "That year it came back.");
}

static void test_a_lone_number_with_a_stop_is_not_a_list(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(k, "The minute is equal to 60 seconds by 1. In the UTC time scale it varies.",
                  "The minute is equal to 60 seconds by 1.", "In the UTC time scale it varies.");
}

static void test_caption_credit_starts_a_sentence(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(k, "Black Widow and Captain America Image: Nick Moreau.",
                  "Black Widow and Captain America", "Image: Nick Moreau.");
}

/* sentences.c tests 64 tokens at a time, eight at a step (the last eight of a block
 * again for the rest; two at a step in a block of fewer than eight), whether a token needs
 * the rules: the token's own flags (a full stop) and the next token's (a capitalised word,
 * a word cut off a glued one, "today|Putin") must be seen wherever they fall, at a block's
 * or a step's edge too, in paragraphs of every length up to past a block. */
static void test_boundaries_at_every_position_around_the_block_edge(void **state)
{
    tku *k = *state;
    char text[1024], first[1024];

    for (size_t words = 0; words <= 74; words++) {
        size_t len = 0;
        for (size_t w = 0; w < words; w++)
            len += (size_t)snprintf(text + len, sizeof text - len, "word ");
        /* a stop: ends the sentence before a capital */
        snprintf(text + len, sizeof text - len, "ends. Then more.");
        memcpy(first, text, len);
        snprintf(first + len, sizeof first - len, "ends.");
        tku_run(k, text);
        tku_assert_sentences(k, (const char *const[]){first, "Then more."}, 2);
        /* a glued caption: the word before the cut ends it */
        snprintf(text + len, sizeof text - len, "todayPutin speaks.");
        snprintf(first + len, sizeof first - len, "today");
        tku_run(k, text);
        tku_assert_sentences(k, (const char *const[]){first, "Putin speaks."}, 2);
        /* a caption credit: a word before a capitalised word the pass must not pass over */
        snprintf(text + len, sizeof text - len, "America Image: Nick Moreau.");
        snprintf(first + len, sizeof first - len, "America");
        tku_run(k, text);
        tku_assert_sentences(k, (const char *const[]){first, "Image: Nick Moreau."}, 2);
    }
}

static void test_max_sentence_bytes_cuts_run_on_text(void **state)
{
    tku *c = tku_new("max_sentence_bytes=20");
    (void)state;
    /* "one two three four five" would be 23 bytes */
    TKU_SENTENCES(c, "one two three four five six seven eight nine ten", "one two three four",
                  "five six seven eight", "nine ten");
    tku_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_stop_before_a_capital_ends_the_sentence),
        cmocka_unit_test(test_closing_quote_after_the_full_stop_belongs_to_the_sentence),
        cmocka_unit_test(test_quoted_sentence_followed_by_lower_case_continues),
        cmocka_unit_test(test_closing_bracket_after_the_stop_belongs_to_the_sentence),
        cmocka_unit_test(test_question_and_exclamation_marks),
        cmocka_unit_test(test_decimal_and_money_do_not_split),
        cmocka_unit_test(test_ellipsis_inside_a_sentence_does_not_split),
        cmocka_unit_test(test_four_dots_end_a_sentence),
        cmocka_unit_test(test_stop_glued_to_a_capital_ends_the_sentence),
        cmocka_unit_test(test_number_after_a_symbol_and_stop_continues),
        cmocka_unit_test(test_numbered_and_lettered_lists_split_at_each_marker),
        cmocka_unit_test(test_two_dots_end_a_sentence),
        cmocka_unit_test(test_boundaries_at_every_position_around_the_block_edge),
        cmocka_unit_test(test_a_number_opening_a_sentence_labels_it),
        cmocka_unit_test(test_a_lone_number_with_a_stop_is_not_a_list),
        cmocka_unit_test(test_caption_credit_starts_a_sentence),
        cmocka_unit_test(test_max_sentence_bytes_cuts_run_on_text),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
