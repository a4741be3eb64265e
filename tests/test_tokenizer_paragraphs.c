/*
 * test_tokenizer_paragraphs.c -- paragraphs come from blank lines; a paragraph break
 * always ends a sentence; hard-wrapped lines stay together; CRLF, empty and
 * white-space-only documents.
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

static void test_blank_lines_separate_paragraphs(void **state)
{
    tku *k = *state;
    const lede_sentence *s;
    size_t n;

    tku_run(k, "Vladimir Putin arrives in Iran\n\nPutin has only traveled outside of Russia "
               "twice.\n\n\n  \nThere have been rumors.\n");
    assert_int_equal(tku_n_paragraphs(k), 3);
    assert_string_equal(tku_paragraph(k, 0), "Vladimir Putin arrives in Iran");
    assert_string_equal(tku_paragraph(k, 2), "There have been rumors.");
    s = lede_doc_sentences(k->doc, &n);
    assert_int_equal(n, 3);
    assert_int_equal(s[2].paragraph, 2);
    assert_true(tku_flags(k, "There") & LEDE_TOKF_PARA_START);
    assert_false(tku_flags(k, "Russia") & LEDE_TOKF_PARA_START);
}

static void test_headline_without_stop_is_its_own_sentence(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(k,
                  "Putin will also meet with Turkish president Recep Tayyip Erdogan today, who has "
                  "sought to help broker talks with Ukraine\n\nIn 2015, Russia entered the battle.",
                  "Putin will also meet with Turkish president Recep Tayyip Erdogan today, who has "
                  "sought to help broker talks with Ukraine",
                  "In 2015, Russia entered the battle.");
}

static void test_paragraph_break_ends_an_open_quotation_sentence(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(k,
                  "Andrey Kortunov said: ‘This is an important visit for Putin personally.\n\n‘The "
                  "Kremlin doesn’t want to allow itself to be isolated internationally.’",
                  "Andrey Kortunov said: ‘This is an important visit for Putin personally.",
                  "‘The Kremlin doesn’t want to allow itself to be isolated internationally.’");
}

static void test_hard_wrapped_lines_stay_one_paragraph_and_sentence(void **state)
{
    tku *k = *state;
    /* GR-41 */
    TKU_SENTENCES(k, "It was a cold \nnight in the city.", "It was a cold \nnight in the city.");
    assert_int_equal(tku_n_paragraphs(k), 1);
}

static void test_crlf_line_endings(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(k, "Headline here\r\n\r\nFirst line\r\ncontinues here. Second one.\r\n",
                  "Headline here", "First line\r\ncontinues here.", "Second one.");
    assert_int_equal(tku_n_paragraphs(k), 2);
    assert_string_equal(tku_paragraph(k, 1), "First line\r\ncontinues here. Second one.");
}

/* What a tester met: files saved with classic Mac line ends (a lone CR), and text whose
 * paragraphs were exported as U+2029, came out as one paragraph, the headline glued to the
 * quotation after it, which then lost its speaker. */
static void test_lone_cr_nel_ls_and_ps_break_lines_and_paragraphs(void **state)
{
    tku *k = *state;
    tku_run(k, "Title here\r\r\"First quote,\" said Ann Lee.\r\rSecond para. Done.\r");
    assert_int_equal(tku_n_paragraphs(k), 3);
    assert_string_equal(tku_paragraph(k, 0), "Title here");
    assert_string_equal(tku_paragraph(k, 1), "\"First quote,\" said Ann Lee.");
    /* U+2029 ends a paragraph on its own; two NELs or two U+2028s make a blank line. */
    tku_run(k, "Title here\u2029\"First quote,\" said Ann Lee.\u2028\u2028Second para."
               "\xc2\x85\xc2\x85"
               "Done.");
    assert_int_equal(tku_n_paragraphs(k), 4);
    assert_string_equal(tku_paragraph(k, 0), "Title here");
    assert_string_equal(tku_paragraph(k, 2), "Second para.");
    assert_string_equal(tku_paragraph(k, 3), "Done.");
    /* One U+2028, or one with a CRLF after it: a line break, not a blank line, so the
     * hard-wrapped lines stay one paragraph. A form feed is no break at all: pdftotext ends
     * each page with one, mid-sentence (a review's case). */
    tku_run(k, "Prices rose\u2028\r\nsharply.\nThen fell\u2028again.");
    assert_int_equal(tku_n_paragraphs(k), 1);
    TKU_SENTENCES(k,
                  "The committee said it would meet again in March to\n\fconsider the matter "
                  "further, officials said.\n",
                  "The committee said it would meet again in March to\n\fconsider the matter "
                  "further, officials said.");
    /* CRLF converted twice (CR CR LF) is one break, as it was before lone CRs counted. */
    tku_run(k, "Prices rose sharply on Monday as\r\r\ntraders returned from holiday.\r\r\n\r\r\n"
               "Second paragraph here.\r\r\n");
    assert_int_equal(tku_n_paragraphs(k), 2);
    assert_string_equal(tku_paragraph(k, 1), "Second paragraph here.");
    /* A CR that is CRLF's is no break of its own, at the text's end either. */
    tku_run(k, "One.\r\nTwo.\r\n\r\nThree.\r");
    assert_int_equal(tku_n_paragraphs(k), 2);
    assert_string_equal(tku_paragraph(k, 1), "Three.");
}

static void test_empty_document_has_empty_layers(void **state)
{
    tku *k = *state;
    tku_run(k, "");
    assert_int_equal(tku_n_tokens(k), 0);
    assert_int_equal(tku_n_sentences(k), 0);
    assert_int_equal(tku_n_paragraphs(k), 0);
}

static void test_whitespace_only_document_has_empty_layers(void **state)
{
    tku *k = *state;
    tku_run(k, " \n\t\r\n\xc2\xa0\n\n   ");
    assert_int_equal(tku_n_tokens(k), 0);
    assert_int_equal(tku_n_sentences(k), 0);
    assert_int_equal(tku_n_paragraphs(k), 0);
}

static void test_leading_byte_order_mark_is_no_token(void **state)
{
    tku *k = *state;
    TKU_TOKENS(k, "\xef\xbb\xbfPutin arrives.", "Putin", "arrives", ".");
    assert_string_equal(tku_paragraph(k, 0), "Putin arrives.");
}

static void test_no_private_flag_is_left_on_any_token_of_any_paragraph(void **state)
{
    /* The stage's private flags (a line break after a token, a bracket in the paragraph,
     * inert words) are cleared once for the whole document, eight, four, two and one
     * tokens a step: documents of one to three paragraphs holding 1 to 40 words in all,
     * each with a wrapped line and a bracket, publish none of them (tku_run checks every
     * token's flags) and keep their tokens and paragraphs. */
    tku *k = *state;
    char text[1024];
    for (size_t n = 1; n <= 40; n++) {
        for (size_t paras = 1; paras <= 3 && paras <= n; paras++) {
            size_t w = 0, done = 0, tokens = 0;
            for (size_t p = 0; p < paras; p++) {
                size_t in_p = p + 1 < paras ? n / paras : n - done;
                for (size_t i = 0; i < in_p; i++, done++) {
                    const char *sep = i == 0   ? (p ? "\n\n" : "")
                                      : i == 2 ? "\n"
                                      : i == 4 ? " ["
                                      : i == 5 ? "] "
                                               : " ";
                    w += (size_t)snprintf(text + w, sizeof text - w, "%s%s", sep,
                                          i % 3 ? "word" : "Name");
                    tokens += 1 + (i == 4) + (i == 5);
                }
            }
            tku_run(k, text);
            assert_int_equal(tku_n_tokens(k), tokens);
            assert_int_equal(tku_n_paragraphs(k), paras);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_blank_lines_separate_paragraphs),
        cmocka_unit_test(test_headline_without_stop_is_its_own_sentence),
        cmocka_unit_test(test_paragraph_break_ends_an_open_quotation_sentence),
        cmocka_unit_test(test_hard_wrapped_lines_stay_one_paragraph_and_sentence),
        cmocka_unit_test(test_crlf_line_endings),
        cmocka_unit_test(test_lone_cr_nel_ls_and_ps_break_lines_and_paragraphs),
        cmocka_unit_test(test_empty_document_has_empty_layers),
        cmocka_unit_test(test_whitespace_only_document_has_empty_layers),
        cmocka_unit_test(test_leading_byte_order_mark_is_no_token),
        cmocka_unit_test(test_no_private_flag_is_left_on_any_token_of_any_paragraph),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
