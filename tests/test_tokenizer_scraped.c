/*
 * test_tokenizer_scraped.c -- sentence rules for text scraped from news and reference
 * pages: footnote marks, caption credits, datelines and captions that run into the next
 * sentence without punctuation, item labels, dashes after exclamations. Examples are
 * from the GUM corpus documents and the pragmatic_segmenter suite (PS-EN-nnn) that the
 * rules were written for (see bench/sentences_eval.py).
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

static void test_footnote_marks_stay_with_their_sentence(void **state)
{
    tku *k = *state;
    /* PS-EN-123, PS-EN-124, PS-EN-127 */
    TKU_SENTENCES(k,
                  "Saint Maximus (died 250) is a Christian saint and martyr.[1] The emperor Decius "
                  "published a decree.",
                  "Saint Maximus (died 250) is a Christian saint and martyr.[1]",
                  "The emperor Decius published a decree.");
    TKU_SENTENCES(k, "It creates a gap in a consultation.11 12 Take the common cold.",
                  "It creates a gap in a consultation.11 12", "Take the common cold.");
    TKU_SENTENCES(k, "It was shown in October 2009. [13] [14] The pair married.",
                  "It was shown in October 2009. [13] [14]", "The pair married.");
}

static void test_elision_mark_after_a_sentence_stays_with_it(void **state)
{
    tku *k = *state;
    /* GUM essay_dividends */
    TKU_SENTENCES(k,
                  "If it can convert part of its common wealth into equal dividends for everyone, "
                  "can the rest of America do the same? [...] Alaska is not alone.",
                  "If it can convert part of its common wealth into equal dividends for everyone, "
                  "can the rest of America do the same? [...]",
                  "Alaska is not alone.");
    /* inside a sentence an elision ends nothing before lower case (PS-EN-074) */
    TKU_SENTENCES(k, "\"Bohr [...] used the analogy of parallel stairways [...]\" (Smith 55).",
                  "\"Bohr [...] used the analogy of parallel stairways [...]\" (Smith 55).");
}

static void test_figure_number_without_a_stop_is_a_label(void **state)
{
    tku *k = *state;
    /* GUM textbook_alamo, textbook_history */
    TKU_SENTENCES(k,
                  "Figure 1.3 This 1833 map shows the extent of land grants made by Mexico to "
                  "American settlers in Texas.",
                  "Figure 1.3",
                  "This 1833 map shows the extent of land grants made by Mexico to American "
                  "settlers in Texas.");
    /* with its stop the number labels the caption (GUM academic_mutation) */
    TKU_SENTENCES(k, "Figure 1. Original and mutant application.",
                  "Figure 1. Original and mutant application.");
    /* inside a sentence a figure number is a reference */
    TKU_SENTENCES(k, "As Figure 2 Shows, the map is old.", "As Figure 2 Shows, the map is old.");
    /* without a stop, a plain number is no label: it may be part of a name */
    TKU_SENTENCES(k, "Figure 8 Racing returned to the track on Sunday.",
                  "Figure 8 Racing returned to the track on Sunday.");
    TKU_SENTENCES(k, "Map 3 Key West is the southernmost city.",
                  "Map 3 Key West is the southernmost city.");
}

static void test_credit_in_brackets_after_a_caption_is_a_sentence(void **state)
{
    tku *k = *state;
    /* GUM textbook_governments */
    TKU_SENTENCES(k,
                  "This tradition has lasted for hundreds of years. (credit: modification of work "
                  "by Liz West)",
                  "This tradition has lasted for hundreds of years.",
                  "(credit: modification of work by Liz West)");
    /* other brackets in lower case go on */
    TKU_SENTENCES(k, "He left. (see below) and came back.", "He left. (see below) and came back.");
}

static void test_bracket_after_a_title_mark_that_the_sentence_goes_on_after(void **state)
{
    tku *k = *state;
    /* GUM bio_moreau */
    TKU_SENTENCES(k,
                  "She won the BAFTA Award for Viva Maria! (1965), and the C\u00E9sar Award for "
                  "Best Actress.",
                  "She won the BAFTA Award for Viva Maria! (1965), and the C\u00E9sar Award for "
                  "Best Actress.");
    TKU_SENTENCES(k, "She played in Meurtres? (Three Sinners, 1950) and alongside Jean Gabin.",
                  "She played in Meurtres? (Three Sinners, 1950) and alongside Jean Gabin.");
    /* a bracket that holds a sentence of its own still starts one */
    TKU_SENTENCES(k, "I should think! (Dinah was the cat.) And then she slept.", "I should think!",
                  "(Dinah was the cat.)", "And then she slept.");
}

static void test_dash_after_an_exclamation_continues(void **state)
{
    tku *k = *state;
    /* PS-EN-114, PS-EN-115 */
    TKU_SENTENCES(k, "Mix it, put it in the oven, and -- voila! -- you have cake.",
                  "Mix it, put it in the oven, and -- voila! -- you have cake.");
}

static void test_item_labels_start_sentences(void **state)
{
    tku *k = *state;
    /* PS-EN-084, PS-EN-085 */
    TKU_SENTENCES(k, "(i) Hello world. (ii) Hello world.", "(i) Hello world.", "(ii) Hello world.");
    TKU_SENTENCES(k, "i) Hello world. ii) Hello world.", "i) Hello world.", "ii) Hello world.");
}

static void test_currency_and_section_prefixes_before_numbers(void **state)
{
    tku *k = *state;
    /* PS-EN-111, PS-EN-105 */
    TKU_SENTENCES(k, "I will be paid Rs. 16720/- in total.",
                  "I will be paid Rs. 16720/- in total.");
    TKU_SENTENCES(k, "SEC. 1262 AUTHORIZATION OF APPROPRIATIONS.",
                  "SEC. 1262 AUTHORIZATION OF APPROPRIATIONS.");
}

static void test_full_width_stop_ends_a_sentence(void **state)
{
    tku *k = *state;
    /* PS-EN-052 */
    TKU_SENTENCES(k, "Test strange period．Does it segment correctly．", "Test strange period．",
                  "Does it segment correctly．");
}

static void test_camel_case_name_can_start_a_sentence(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(k, "Sure. wikiHow is a collaborative site.", "Sure.",
                  "wikiHow is a collaborative site.");
}

static void test_birth_and_death_abbreviations_in_brackets(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(
        k, "They have a daughter (b. September 2013), and a son (b. August 2015). He left.",
        "They have a daughter (b. September 2013), and a son (b. August 2015).", "He left.");
    TKU_SENTENCES(k, "It was founded in Athens (c. 1230 BC). This process took years.",
                  "It was founded in Athens (c. 1230 BC).", "This process took years.");
}

static void test_quoted_question_then_speech_verb_continues(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(k, "\"You come here from Earth?\" I asked. To get her to talk.",
                  "\"You come here from Earth?\" I asked.", "To get her to talk.");
}

static void test_unpunctuated_caption_before_a_preposition_splits(void **state)
{
    tku *k = *state;
    /* GUM_news_election */
    TKU_SENTENCES(k,
                  "Eddie Chu received the largest vote in any geographical constituency In the "
                  "New Territories West geographical constituency, Eddie Chu won.",
                  "Eddie Chu received the largest vote in any geographical constituency",
                  "In the New Territories West geographical constituency, Eddie Chu won.");
    TKU_SENTENCES(k, "DAB's Elizabeth Quat In the New Territories East, councillors won.",
                  "DAB's Elizabeth Quat", "In the New Territories East, councillors won.");
}

static void test_titles_with_capitalised_prepositions_stay_whole(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(k, "She sang Made In Italy and Alice In Wonderland on stage.",
                  "She sang Made In Italy and Alice In Wonderland on stage.");
}

static void test_dateline_glued_to_a_headline_splits(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(k,
                  "Wikinews interviews the president of the Brotherhood of Magicians Wednesday, "
                  "October 9, 2013",
                  "Wikinews interviews the president of the Brotherhood of Magicians",
                  "Wednesday, October 9, 2013");
    TKU_SENTENCES(k, "On Wednesday, Mohamed and his father met the president.",
                  "On Wednesday, Mohamed and his father met the president.");
    TKU_SENTENCES(k, "Thursday, May 7, 2015 On Tuesday, the government announced a process.",
                  "Thursday, May 7, 2015", "On Tuesday, the government announced a process.");
}

static void test_dateline_after_a_lower_case_headline_word_splits(void **state)
{
    tku *k = *state;
    /* GUM interview_ants: the date ends the headline's paragraph */
    TKU_SENTENCES(k,
                  "Biologist Nick Bos tells Wikinews about 'self-medicating' ants Tuesday, "
                  "September 1, 2015",
                  "Biologist Nick Bos tells Wikinews about 'self-medicating' ants",
                  "Tuesday, September 1, 2015");
    /* after a preposition, or with text after it on its line, the date is the sentence's */
    TKU_SENTENCES(k, "The vote took place on Tuesday, September 1, 2015",
                  "The vote took place on Tuesday, September 1, 2015");
    TKU_SENTENCES(k, "The board met Tuesday, September 1, 2015 to vote.",
                  "The board met Tuesday, September 1, 2015 to vote.");
    /* a hard-wrapped sentence that goes on in lower case on the next line */
    TKU_SENTENCES(k, "The trial will begin Monday, March 2, 2020\nin the federal court.",
                  "The trial will begin Monday, March 2, 2020\nin the federal court.");
    /* after a determiner the date is the sentence's even before a capital */
    TKU_SENTENCES(k, "The vote was held last Tuesday, September 1, 2015\nAnd the results came.",
                  "The vote was held last Tuesday, September 1, 2015\nAnd the results came.");
}

static void test_date_opening_a_paragraph_is_its_own_sentence(void **state)
{
    tku *k = *state;
    /* GUM interview_cocktail */
    TKU_SENTENCES(k,
                  "Thursday, March 15, 2012 Wikinews interviewed one of the owners of a New York "
                  "City bar.",
                  "Thursday, March 15, 2012",
                  "Wikinews interviewed one of the owners of a New York City bar.");
    TKU_SENTENCES(k, "Thursday, March 15, 2012 was the day.",
                  "Thursday, March 15, 2012 was the day.");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_footnote_marks_stay_with_their_sentence),
        cmocka_unit_test(test_elision_mark_after_a_sentence_stays_with_it),
        cmocka_unit_test(test_figure_number_without_a_stop_is_a_label),
        cmocka_unit_test(test_credit_in_brackets_after_a_caption_is_a_sentence),
        cmocka_unit_test(test_bracket_after_a_title_mark_that_the_sentence_goes_on_after),
        cmocka_unit_test(test_dash_after_an_exclamation_continues),
        cmocka_unit_test(test_item_labels_start_sentences),
        cmocka_unit_test(test_currency_and_section_prefixes_before_numbers),
        cmocka_unit_test(test_full_width_stop_ends_a_sentence),
        cmocka_unit_test(test_camel_case_name_can_start_a_sentence),
        cmocka_unit_test(test_birth_and_death_abbreviations_in_brackets),
        cmocka_unit_test(test_quoted_question_then_speech_verb_continues),
        cmocka_unit_test(test_unpunctuated_caption_before_a_preposition_splits),
        cmocka_unit_test(test_titles_with_capitalised_prepositions_stay_whole),
        cmocka_unit_test(test_dateline_glued_to_a_headline_splits),
        cmocka_unit_test(test_dateline_after_a_lower_case_headline_word_splits),
        cmocka_unit_test(test_date_opening_a_paragraph_is_its_own_sentence),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
