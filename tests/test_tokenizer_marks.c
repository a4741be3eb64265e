/*
 * test_tokenizer_marks.c -- terminal marks in company: an ellipsis and a quote before a
 * full stop, elision marks in square brackets, editor's marks ("[?]"), marks inside
 * square brackets, a question-and-answer label ("Q."), a quantity word opening a sentence
 * after an abbreviation ("U.S. Millions"), and quotation marks of the wrong shape. Each
 * case is a real sentence from GUM news (GUM_news_*), the pragmatic_segmenter English
 * suite (PS-EN-nnn) or the Golden Rules (GR-nn), next to the case the rule must leave.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lede/doc.h"
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

static void test_stop_after_an_ellipsis_and_its_quote_ends_the_sentence(void **state)
{
    tku *k = *state;
    /* GUM_news_hackers */
    TKU_SENTENCES(k,
                  "All they get is a message stating, \"The word scientology means search for "
                  "truth ...\". As of 15:11 GMT the site was accessible again.",
                  "All they get is a message stating, \"The word scientology means search for "
                  "truth ...\".",
                  "As of 15:11 GMT the site was accessible again.");
    /* GR-46 stays whole: the quote holds the stop */
    TKU_SENTENCES(k,
                  "“the laws of the universe will appear less complex. . . .”. \"Bohr [...] "
                  "used the analogy\" (Smith 55).",
                  "“the laws of the universe will appear less complex. . . .”.",
                  "\"Bohr [...] used the analogy\" (Smith 55).");
}

static void test_elision_in_brackets_before_a_capital_ends_the_sentence(void **state)
{
    tku *k = *state;
    /* GUM_news_warming */
    TKU_SENTENCES(k,
                  "\"An air-quality cleanup would improve crop yields [...] Ozone is something "
                  "that we understand the causes of.\"",
                  "\"An air-quality cleanup would improve crop yields [...]",
                  "Ozone is something that we understand the causes of.\"");
    /* GR-47: before lower case the elision is inside the sentence */
    TKU_SENTENCES(k, "\"Bohr [...] used the analogy of parallel stairways [...]\" (Smith 55).",
                  "\"Bohr [...] used the analogy of parallel stairways [...]\" (Smith 55).");
}

static void test_marks_inside_square_brackets_end_no_sentence(void **state)
{
    tku *k = *state;
    /* PS-EN-090, PS-EN-091 */
    TKU_SENTENCES(k, "[?][footnoteRef:6] This is a footnote.",
                  "[?][footnoteRef:6] This is a footnote.");
    TKU_SENTENCES(k, "[15:  12:32]  [16:  firma? 13:28]", "[15:  12:32]  [16:  firma? 13:28]");
    /* parentheses may hold whole sentences (GUM_bio_galois) */
    TKU_SENTENCES(k, "(Don't cry, Alfred! I need all my courage to die at twenty!)",
                  "(Don't cry, Alfred!", "I need all my courage to die at twenty!)");
}

static void test_question_and_answer_labels_open_their_sentence(void **state)
{
    tku *k = *state;
    /* PS-EN-016 */
    TKU_SENTENCES(k, "Q. What is his name? A. His name is Alfred E. Sloan.", "Q. What is his name?",
                  "A. His name is Alfred E. Sloan.");
    /* an initial inside a sentence is unchanged (GR-48) */
    TKU_SENTENCES(k, "Did you see Albert I. Jones yesterday?",
                  "Did you see Albert I. Jones yesterday?");
}

static void test_quantity_word_after_an_abbreviation_starts_a_sentence(void **state)
{
    tku *k = *state;
    /* PS-EN-069 */
    TKU_SENTENCES(k,
                  "On Jan. 20, former Sen. Barack Obama became the 44th President of the U.S. "
                  "Millions attended the Inauguration.",
                  "On Jan. 20, former Sen. Barack Obama became the 44th President of the U.S.",
                  "Millions attended the Inauguration.");
    /* GR-35 */
    TKU_SENTENCES(k, "I work for the U.S. Government in Virginia.",
                  "I work for the U.S. Government in Virginia.");
}

static void test_left_quote_glued_after_a_stop_closes(void **state)
{
    tku *k = *state;
    /* GUM_news_nasa: “ typed for ” */
    TKU_SENTENCES(k,
                  "\"I’m deeply disappointed with the Administration's misguided decision.“ "
                  "However, the JSC will recieve pilot and commander seats.",
                  "\"I’m deeply disappointed with the Administration's misguided decision.“",
                  "However, the JSC will recieve pilot and commander seats.");
    assert_true(tku_flags(k, "“") & LEDE_TOKF_CLOSE_QUOTE);
    TKU_SENTENCES(k, "He called it “a test” of resolve.", "He called it “a test” of resolve.");
    assert_true(tku_flags(k, "“") & LEDE_TOKF_OPEN_QUOTE);
}

static void test_identifier_is_not_a_glued_caption(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(k, "See footnoteRef:6 and call getValue() first.",
                  "See footnoteRef:6 and call getValue() first.");
    /* the caption rule itself still cuts (words.c) */
    TKU_SENTENCES(k, "in Tehran todayPutin speaks with Owji", "in Tehran today",
                  "Putin speaks with Owji");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stop_after_an_ellipsis_and_its_quote_ends_the_sentence),
        cmocka_unit_test(test_elision_in_brackets_before_a_capital_ends_the_sentence),
        cmocka_unit_test(test_marks_inside_square_brackets_end_no_sentence),
        cmocka_unit_test(test_question_and_answer_labels_open_their_sentence),
        cmocka_unit_test(test_quantity_word_after_an_abbreviation_starts_a_sentence),
        cmocka_unit_test(test_left_quote_glued_after_a_stop_closes),
        cmocka_unit_test(test_identifier_is_not_a_glued_caption),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
