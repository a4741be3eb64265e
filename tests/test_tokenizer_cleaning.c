/*
 * test_tokenizer_cleaning.c -- page furniture that belongs to no token and no sentence
 * (clean.c): HTML tags, escaped or not, dot leaders with their page numbers, rules drawn
 * with one repeated mark, line breaks left as literal "\r\n", and page numbers alone on a
 * paragraph. Sentence spans point into the original text and leave the debris out.
 * Examples are the pragmatic_segmenter English suite cases (PS-EN-nnn) the rules were
 * written for; the others are the negative cases each rule must not touch.
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

static void test_html_tags_are_no_tokens_and_block_tags_end_sentences(void **state)
{
    tku *k = *state;
    /* PS-EN-053 */
    TKU_SENTENCES(k,
                  "<h2 class=\"lined\">Hello</h2>\n<p>This is a test. Another test.</p>\n<div "
                  "class=\"center\"><p>\n<img src=\"/images/content/example.jpg\">\n</p></div>",
                  "Hello", "This is a test.", "Another test.");
    assert_int_equal(tku_n_tokens(k), 9);
    /* inline tags join what they separate: no boundary */
    TKU_SENTENCES(k, "The <b>President</b> said <a href=\"/x\">it</a> was over.",
                  "The <b>President</b> said <a href=\"/x\">it</a> was over.");
    assert_int_equal(tku_n_tokens(k), 7);
}

static void test_escaped_tags_are_no_tokens(void **state)
{
    tku *k = *state;
    /* PS-EN-068 */
    TKU_SENTENCES(k,
                  "<bpt i=\"0\" type=\"bold\">&lt;b&gt;</bpt>J1.txt<ept i=\"1\">&lt;/b&gt;</ept>",
                  "J1.txt");
}

static void test_angle_brackets_that_are_no_tags_stay_tokens(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(k, "Turnout was <5 percent, and x < y in 3 < 4 cases. AT&T agreed.",
                  "Turnout was <5 percent, and x < y in 3 < 4 cases.", "AT&T agreed.");
    assert_true(tku_find(k, "<", 0) != (size_t)-1);
    /* a URL or an address in angle brackets, maths with words between the brackets */
    TKU_SENTENCES(k, "See <https://example.com/a> or <john@example.com>. If a<b and c>d, stop.",
                  "See <https://example.com/a> or <john@example.com>.", "If a<b and c>d, stop.");
    assert_true(tku_find(k, "https://example.com/a", 0) != (size_t)-1);
    /* a '<' never opens a tag across a line end, a lone '\r' included */
    TKU_SENTENCES(k, "The ratio a<b held firm.\rPrices rose > 5% today.",
                  "The ratio a<b held firm.", "Prices rose > 5% today.");
    assert_true(tku_find(k, "firm", 0) != (size_t)-1);
}

/* A tag without attributes needs an element's name: a key, a placeholder, a type parameter
 * or a comparison in angle brackets is text, and its words stay tokens. */
static void test_keys_and_type_parameters_in_angle_brackets_stay_text(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(k, "Press <Enter> to save the file. Then close it.",
                  "Press <Enter> to save the file.", "Then close it.");
    assert_true(tku_find(k, "Enter", 0) != (size_t)-1);
    TKU_SENTENCES(k, "The bug was in std::vector<int> v and std::map<std::string, int> m.",
                  "The bug was in std::vector<int> v and std::map<std::string, int> m.");
    assert_true(tku_find(k, "int", 0) != (size_t)-1);
    assert_true(tku_find(k, "string", 0) != (size_t)-1);
    TKU_SENTENCES(k, "If x<y>z holds, the sort is stable.", "If x<y>z holds, the sort is stable.");
    assert_true(tku_find(k, "y", 0) != (size_t)-1);
    /* still tags: a known element in one case, a closing tag, an MS Word name, attributes */
    TKU_SENTENCES(k, "<P>The <B>vote</B> was close.<o:p></o:p></P>\n<tweet pic=\"x\">Vote!</tweet>",
                  "The <B>vote</B> was close.", "Vote!");
    assert_true(tku_find(k, "<", 0) == (size_t)-1);
}

static void test_dot_leaders_and_page_numbers_are_dropped(void **state)
{
    tku *k = *state;
    /* PS-EN-008 */
    TKU_SENTENCES(k,
                  "        About Me..........................................5\n"
                  "        Chapter 2 ........................................ 6\n"
                  "        What's the Score?................................. 9\n"
                  "        How To Calculate the Score................... 16-17\n",
                  "About Me", "Chapter 2", "What's the Score?", "How To Calculate the Score");
    /* four dots that trail off before a sentence are no leader */
    TKU_SENTENCES(k, "I never meant that.... She left the store.", "I never meant that....",
                  "She left the store.");
}

static void test_rules_of_repeated_marks_are_dropped(void **state)
{
    tku *k = *state;
    /* PS-EN-081 */
    TKU_SENTENCES(k, "//////////////////////////Header starts here\r//////////////////////////",
                  "Header starts here");
    TKU_SENTENCES(k, "Results\n==========\nLabour won 355 seats.", "Results",
                  "Labour won 355 seats.");
    /* two or three hyphens are a dash, not a rule */
    TKU_SENTENCES(k, "and -- voila! -- you have cake.", "and -- voila! -- you have cake.");
    /* four marks glued to a word are no rule: no sentence ends inside "f****" */
    TKU_SENTENCES(k, "What the f**** is this? Nothing.", "What the f**** is this?", "Nothing.");
    assert_true(tku_find(k, "*", 0) != (size_t)-1);
    /* a short run apart from the words of its line: nothing but furniture or white space
     * before it, or after it */
    TKU_SENTENCES(k, "Text.<br>-----<br>More text here.", "Text.", "More text here.");
    TKU_SENTENCES(k, "Then they left. -----\nA new line here.", "Then they left.",
                  "A new line here.");
    assert_true(tku_find(k, "-", 0) == (size_t)-1);
    TKU_SENTENCES(k, "I saw the **** is here.", "I saw the **** is here.");
    assert_true(tku_find(k, "*", 0) != (size_t)-1);
}

/* Asterisks, hyphens and underscores stand for letters or a word: a run of them glued to a
 * word, however long, or opening a line that goes on with words, is no rule (nor a sentence
 * end); other marks, or a line framed by the run, still are. */
static void test_marks_that_stand_for_a_word_are_no_rule(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(k, "**** off, he told the reporters. They left.",
                  "**** off, he told the reporters.", "They left.");
    assert_true(tku_find(k, "*", 0) != (size_t)-1);
    TKU_SENTENCES(k, "She wrote:\n____ is the capital of France.",
                  "She wrote:\n____ is the capital of France.");
    /* rules: framed titles, a heading mark, a line of its own */
    TKU_SENTENCES(k, "==== Results ====\nLabour won.\n---- Original Message ----\nFrom: Bob",
                  "Results", "Labour won.", "Original Message", "From: Bob");
    TKU_SENTENCES(k, "#### Notes\n\nIt rained.\n****\nIt stopped.", "Notes", "It rained.",
                  "It stopped.");
    assert_true(tku_find(k, "*", 0) == (size_t)-1);
}

static void test_literal_line_break_escapes_are_white_space(void **state)
{
    tku *k = *state;
    /* PS-EN-082 */
    TKU_SENTENCES(k, "Hello World. \\r\\n Hello.", "Hello World.", "Hello.");
    /* a path is no escape */
    TKU_SENTENCES(k, "Save it to C:\\new\\temp first.", "Save it to C:\\new\\temp first.");
    /* PS-EN-082b: the escapes with a space after the backslash, "Hello" glued to the n */
    TKU_SENTENCES(k, "Hello World. \\ r \\ nHello.", "Hello World.", "Hello.");
    /* a backslash, a space and a lower-case word stay text */
    TKU_SENTENCES(k, "Type a \\ then n. Next.", "Type a \\ then n.", "Next.");
    TKU_SENTENCES(k, "dir \\ new file", "dir \\ new file");
    /* both halves of "\\r\\n" are skipped before a tag too */
    TKU_SENTENCES(k, "He left the city\\r\\n<p>Then they went.", "He left the city",
                  "Then they went.");
    assert_int_equal(tku_n_tokens(k), 8);
    /* one escape alone before punctuation is code quoted in prose: its tokens stay */
    TKU_SENTENCES(k, "printf(\"hello\\n\"); prints a line.",
                  "printf(\"hello\\n\"); prints a line.");
    assert_true(tku_find(k, "\\", 0) != (size_t)-1);
}

/* A run glued to a word is a word censored however long it is: no rule, no sentence end. */
static void test_long_censored_word_is_no_rule(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(k, "He called it f******** rubbish. Then he left.",
                  "He called it f******** rubbish.", "Then he left.");
    assert_true(tku_find(k, "f", 0) != (size_t)-1);
    /* the same run apart from words, or of another mark, is still a rule */
    TKU_SENTENCES(k, "It rained. ******** It stopped. Results=========Labour won.", "It rained.",
                  "It stopped.", "Results", "Labour won.");
}

/* Escapes inside a string literal of code are text, two in a row too; where a line break was
 * escaped, a quote stands beside a word or a mark. */
static void test_escapes_in_a_string_literal_stay_text(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(k, "Indent with \"\\n\\t\" in the format string. Then print it.",
                  "Indent with \"\\n\\t\" in the format string.", "Then print it.");
    assert_true(tku_find(k, "\\", 0) != (size_t)-1);
    TKU_SENTENCES(k, "Call split(\"\\r\\n\") first.", "Call split(\"\\r\\n\") first.");
    assert_true(tku_find(k, "\\", 0) != (size_t)-1);
    TKU_SENTENCES(k, "It ends with printf(\"Done\\r\\n\"); there.",
                  "It ends with printf(\"Done\\r\\n\"); there.");
    assert_true(tku_find(k, "\\", 0) != (size_t)-1);
    /* a line break escaped between two quotations */
    TKU_SENTENCES(k, "He said \"Yes.\"\\r\\n\"No,\" she said.", "He said \"Yes.\"",
                  "\"No,\" she said.");
    assert_true(tku_find(k, "\\", 0) == (size_t)-1);
}

static void test_a_page_number_alone_is_no_paragraph(void **state)
{
    tku *k = *state;
    /* PS-EN-031 */
    TKU_SENTENCES(k, "\n3\n\nIntroduction\n\n", "Introduction");
    assert_int_equal(tku_n_paragraphs(k), 1);
    /* a year is a heading (GUM_bio_holt) */
    TKU_SENTENCES(k, "2013\n\nHolt joined the team.", "2013", "Holt joined the team.");
    /* pdftotext's form feed marks a page break on either side */
    TKU_SENTENCES(k, "The war ended.\n\n12\n\f\nIt began again.", "The war ended.",
                  "It began again.");
    TKU_SENTENCES(k, "The war ended.\n\n\f7\n\nIt began again.", "The war ended.",
                  "It began again.");
}

static void test_a_number_alone_that_a_writer_put_there_stays(void **state)
{
    tku *k = *state;
    /* issue #3: a number on its own is text unless the layout shows a page break */
    TKU_SENTENCES(k, "Score:\n\n42\n\nEnd.", "Score:", "42", "End.");
    assert_int_equal(tku_n_paragraphs(k), 3);
    TKU_TOKENS(k, "42", "42");
    assert_int_equal(tku_n_sentences(k), 1);
    TKU_TOKENS(k, "\n7\n", "7");
    /* a list's first number, even at the top: no heading follows it */
    TKU_SENTENCES(k, "\n1\n\nBuy milk.\n\n2\n\nSell eggs.", "1", "Buy milk.", "2", "Sell eggs.");
}

static void test_uax29_segments_keep_the_cleaned_sentences(void **state)
{
    tku *k = tku_new("words=uax29");
    (void)state;
    /* the tags are segments too, outside every sentence */
    TKU_SENTENCES(k, "<h2>Hello</h2>\n<p>This is a test. Another test.</p>", "Hello",
                  "This is a test.", "Another test.");
    assert_true(tku_find(k, "<", 0) != (size_t)-1);
    tku_free(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_tags_are_no_tokens_and_block_tags_end_sentences),
        cmocka_unit_test(test_escaped_tags_are_no_tokens),
        cmocka_unit_test(test_angle_brackets_that_are_no_tags_stay_tokens),
        cmocka_unit_test(test_keys_and_type_parameters_in_angle_brackets_stay_text),
        cmocka_unit_test(test_dot_leaders_and_page_numbers_are_dropped),
        cmocka_unit_test(test_rules_of_repeated_marks_are_dropped),
        cmocka_unit_test(test_marks_that_stand_for_a_word_are_no_rule),
        cmocka_unit_test(test_long_censored_word_is_no_rule),
        cmocka_unit_test(test_literal_line_break_escapes_are_white_space),
        cmocka_unit_test(test_escapes_in_a_string_literal_stay_text),
        cmocka_unit_test(test_a_page_number_alone_is_no_paragraph),
        cmocka_unit_test(test_a_number_alone_that_a_writer_put_there_stays),
        cmocka_unit_test(test_uax29_segments_keep_the_cleaned_sentences),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
