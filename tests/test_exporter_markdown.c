/*
 * test_exporter_markdown.c -- the exporter's Markdown report: title, summary bullets,
 * quotations grouped by speaker (unknown last), continued quotations on one line,
 * escaping, error sections and the rule after every document.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_exporter_fixture.h"

static char *render(const char *id, int want_rc)
{
    lede_harness *h = exp_fx_harness("format=markdown");
    char *out = strdup(exp_fx_run(h, id, want_rc));
    lede_harness_free(h);
    assert_non_null(out);
    return out;
}

/* Position of needle in haystack, failing the test when it is absent. */
static size_t pos(const char *haystack, const char *needle)
{
    const char *p = strstr(haystack, needle);
    if (!p)
        fail_msg("'%s' not found in:\n%s", needle, haystack);
    return (size_t)(p - haystack);
}

static void test_article_report_matches_the_golden_file(void **state)
{
    char *out = render("article", 0);
    (void)state;
    exp_fx_check_golden(out, "article.md");
    free(out);
}

static void test_headline_first_paragraph_becomes_the_title(void **state)
{
    char *out = render("article", 0);
    (void)state;
    assert_int_equal(pos(out, "# Putin arrives in Iran\n\nDocument: article\n\n## Summary\n"), 0);
    free(out);
}

static void test_title_is_the_id_when_the_text_opens_with_a_sentence(void **state)
{
    char *out = render("escapes", 0);
    (void)state;
    /* "Café owner Zoë said ... and left." ends like a sentence: not a headline. */
    assert_int_equal(pos(out, "# escapes\n\n## Summary\n"), 0);
    free(out);
}

static void test_summary_is_a_bullet_list_of_its_sentences(void **state)
{
    char *out = render("article", 0);
    (void)state;
    assert_true(pos(out, "## Summary\n\n- National Security Advisor Jake Sullivan said Tehran "
                         "plans to provide ‘hundreds’ of drones.\n- “The Kremlin doesn’t want "
                         "to be isolated,” he added.\n\n## Quotations\n") > 0);
    free(out);
}

static void test_quotations_are_grouped_by_speaker_with_unknown_last(void **state)
{
    char *out = render("article", 0);
    size_t jake, lessons, andrey, unknown;
    (void)state;

    /* Sullivan is quoted first and again after Kortunov: both under one heading. */
    jake = pos(out, "### Jake Sullivan\n\n> “hundreds” — *said*\n\n");
    lessons = pos(out, "> “lessons” — *warned*\n\n");
    andrey = pos(out, "### Andrey Kortunov\n\n");
    unknown = pos(out, "### Unknown speaker\n\n> “Iran is the centre.” — *read*\n\n");
    assert_true(jake < lessons && lessons < andrey && andrey < unknown);
    assert_int_equal(strstr(out + jake + 1, "### Jake Sullivan") == NULL, 1);
    free(out);
}

static void test_continued_quotation_is_one_line_with_its_first_cue(void **state)
{
    char *out = render("article", 0);
    (void)state;
    pos(out, "### Andrey Kortunov\n\n> “This is an important visit for Putin personally,” … "
             "“The Kremlin doesn’t want to be isolated,” — *said*\n\n");
    /* The continuation is not listed again on its own. */
    assert_null(strstr(out, "> “The Kremlin"));
    free(out);
}

static void test_markup_characters_line_breaks_and_control_bytes_are_escaped(void **state)
{
    char *out = render("escapes", 0);
    (void)state;
    pos(out, "### Zoë\n\n> “I said \"no\" to C:\\\\temp” — *said*\n\n");
    pos(out, "- Tab"
             "ctl 東京 😀\n"); /* the 0x01 byte is dropped */
    pos(out, "### Unknown speaker\n\n> “Line one, line two”\n\n---\n\n");
    assert_null(strchr(out, '\x01'));
    free(out);
}

static void test_line_and_paragraph_separators_become_spaces(void **state)
{
    /* U+2028 and U+2029 break the line in an editor or a viewer: like a newline inside a
     * span, they become a space, in a bullet, a quotation and a speaker's heading. */
    char *out = render("separators", 0);
    (void)state;
    pos(out, "- Aid arrived today.\n\n");
    pos(out, "### Ana Lima\n\n> “We need more” — *said*\n\n");
    assert_null(strstr(out, "\xe2\x80\xa8"));
    assert_null(strstr(out, "\xe2\x80\xa9"));
    free(out);
}

static void test_empty_quote_layer_says_so_and_absent_layers_are_omitted(void **state)
{
    char *empty = render("empty-quotes", 0), *bare = render("bare", 0);
    (void)state;
    assert_string_equal(empty,
                        "# empty-quotes\n\n## Quotations\n\nNo quotations found.\n\n---\n\n");
    /* Without layers the first line stands in, and a line ending in a full stop is no title. */
    assert_string_equal(bare, "# bare\n\n---\n\n");
    free(empty);
    free(bare);
}

static void test_failed_document_is_a_short_error_section(void **state)
{
    char *out = render("fails", LEDE_ESTAGE);
    (void)state;
    assert_string_equal(out, "# fails\n\n**Error** in stage fixture: refused \"fails\" at byte 3 "
                             "(on purpose)\n\n---\n\n");
    free(out);
}

static void test_every_document_ends_with_a_rule(void **state)
{
    lede_harness *h = exp_fx_harness("format=markdown");
    const char *out;
    size_t n = 0;
    (void)state;

    exp_fx_run(h, "article", 0);
    exp_fx_run(h, "bare", 0);
    exp_fx_run(h, "fails", LEDE_ESTAGE);
    out = lede_harness_output(h, NULL);
    for (const char *p = out; (p = strstr(p, "\n---\n\n")) != NULL; p++)
        n++;
    assert_int_equal(n, 3);
    assert_int_equal(strcmp(out + strlen(out) - 6, "\n---\n\n"), 0);
    lede_harness_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_article_report_matches_the_golden_file),
        cmocka_unit_test(test_headline_first_paragraph_becomes_the_title),
        cmocka_unit_test(test_title_is_the_id_when_the_text_opens_with_a_sentence),
        cmocka_unit_test(test_summary_is_a_bullet_list_of_its_sentences),
        cmocka_unit_test(test_quotations_are_grouped_by_speaker_with_unknown_last),
        cmocka_unit_test(test_continued_quotation_is_one_line_with_its_first_cue),
        cmocka_unit_test(test_markup_characters_line_breaks_and_control_bytes_are_escaped),
        cmocka_unit_test(test_line_and_paragraph_separators_become_spaces),
        cmocka_unit_test(test_empty_quote_layer_says_so_and_absent_layers_are_omitted),
        cmocka_unit_test(test_failed_document_is_a_short_error_section),
        cmocka_unit_test(test_every_document_ends_with_a_rule),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
