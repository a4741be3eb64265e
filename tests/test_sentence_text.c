/*
 * test_sentence_text.c -- a sentence's text as the exporter shows it: the span's text
 * without the page furniture the tokenizer skipped (issue #3).
 *
 * The real tokenizer and the real exporter run in-process (lede/harness.h): the tokenizer
 * records every run of furniture it skips in the generic layer "skipped" with a "break"
 * flag, and the exporter leaves those spans out of the text of each sentence (and of the
 * summary and the Markdown title), putting one space for a piece that separates words. The
 * spans themselves stay the raw bytes. A small test stage ("one-sentence") turns a
 * paragraph into a single sentence with a summary, for the furniture the tokenizer would
 * have ended a sentence at: how the exporter shows it must not depend on that.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "lede/harness.h"

extern const lede_stage_desc tokenizer_LTX_lede_stage;
extern const lede_stage_desc exporter_LTX_lede_stage;

/* ---- the "one-sentence" test stage: the first paragraph's tokens as one sentence ---- */

static int one_sentence_process(void *instance, lede_doc *doc, lede_error *err)
{
    size_t n_tok, n_par;
    const lede_token *t = lede_doc_tokens(doc, &n_tok);
    const lede_paragraph *p = lede_doc_paragraphs(doc, &n_par);
    lede_sentence *s = lede_doc_alloc(doc, sizeof *s);
    lede_paragraph *para = lede_doc_alloc(doc, sizeof *para);
    lede_summary_item *item = lede_doc_alloc(doc, sizeof *item);

    (void)instance;
    if (!s || !para || !item)
        return lede_error_set(err, LEDE_ENOMEM, "one-sentence: out of memory");
    if (n_tok == 0 || n_par == 0)
        return lede_error_set(err, LEDE_ESTAGE, "one-sentence: no tokens");
    *s = (lede_sentence){t[0].start, t[n_tok - 1].end, 0, (uint32_t)n_tok, 0};
    *para = (lede_paragraph){p[0].start, p[n_par - 1].end, 0, 1};
    *item = (lede_summary_item){0, 1.0f};
    lede_doc_set_sentences(doc, s, 1);
    lede_doc_set_paragraphs(doc, para, 1);
    lede_doc_set_summary(doc, item, 1);
    return 0;
}

static int one_sentence_create(lede_stage_ctx *ctx, const lede_options *opts, void **instance,
                               lede_error *err)
{
    (void)ctx, (void)opts, (void)err;
    *instance = NULL;
    return 0;
}

static const lede_stage_desc one_sentence_stage = {
    LEDE_ABI_VERSION,
    sizeof(lede_stage_desc),
    "one-sentence",
    "test-only: the document's tokens as one sentence, which is also the summary",
    "1.0.0",
    NULL,
    NULL,
    NULL,
    0,
    one_sentence_create,
    one_sentence_process,
    NULL,
    NULL,
};

/* ---- running the pipeline ---- */

/* Runs text through the tokenizer (options tok_opts), the one-sentence stage when merge is
 * set, and the exporter (options exp_opts); returns a malloc'd copy of the output. */
static char *render(const char *text, const char *tok_opts, int merge, const char *exp_opts)
{
    lede_harness *h = NULL;
    lede_doc *doc;
    lede_error err;
    char *out;

    lede_error_clear(&err);
    assert_int_equal(lede_harness_new(&h, &err), 0);
    if (lede_harness_add(h, &tokenizer_LTX_lede_stage, tok_opts, &err) ||
        (merge && lede_harness_add(h, &one_sentence_stage, NULL, &err)) ||
        lede_harness_add(h, &exporter_LTX_lede_stage, exp_opts, &err))
        fail_msg("harness: %s", err.message);
    if (lede_harness_run(h, "t", text, strlen(text), &doc, &err))
        fail_msg("run: %s", err.message);
    out = strdup(lede_harness_output(h, NULL));
    assert_non_null(out);
    lede_harness_free(h);
    return out;
}

/* The NDJSON record of text through tokenizer (and the one-sentence stage) and exporter. */
static json_t *record(const char *text, const char *tok_opts, int merge)
{
    char *out = render(text, tok_opts, merge, "format=ndjson");
    json_error_t jerr;
    json_t *v = json_loads(out, 0, &jerr);

    if (!v)
        fail_msg("invalid JSON (%s): %s", jerr.text, out);
    free(out);
    return v;
}

/* Asserts that the sentences' texts are exactly expected[0..n) and that each sentence's
 * start and end are still its raw span: the text's first and last bytes are there. */
static void assert_texts(json_t *rec, const char *text, const char *const *expected, size_t n)
{
    json_t *sents = json_object_get(rec, "sentences");

    assert_int_equal(json_array_size(sents), n);
    for (size_t i = 0; i < n; i++) {
        json_t *s = json_array_get(sents, i);
        const char *shown = json_string_value(json_object_get(s, "text"));
        size_t start = (size_t)json_integer_value(json_object_get(s, "start"));
        size_t end = (size_t)json_integer_value(json_object_get(s, "end"));
        assert_non_null(shown);
        assert_string_equal(shown, expected[i]);
        assert_true(start < end && end <= strlen(text));
        assert_int_equal(text[start], shown[0]);
        assert_int_equal(text[end - 1], shown[strlen(shown) - 1]);
    }
}

#define TEXTS(text, tok_opts, merge, ...)                                                          \
    do {                                                                                           \
        static const char *const exp_[] = {__VA_ARGS__};                                           \
        json_t *rec_ = record((text), (tok_opts), (merge));                                        \
        assert_texts(rec_, (text), exp_, sizeof exp_ / sizeof exp_[0]);                            \
        json_decref(rec_);                                                                         \
    } while (0)

/* The "skipped" layer of a record: its spans' texts and break flags, "text:1 text:0 ...". */
static void skipped_summary(json_t *rec, char *buf, size_t cap)
{
    json_t *layer = json_object_get(rec, "skipped"), *s;
    size_t i, used = 0;

    buf[0] = '\0';
    assert_non_null(layer);
    json_array_foreach(layer, i, s)
    {
        int n = snprintf(buf + used, cap - used, "%s%s:%d", i ? " " : "",
                         json_string_value(json_object_get(s, "text")),
                         json_is_true(json_object_get(s, "break")));
        assert_true(n > 0 && (size_t)n < cap - used);
        used += (size_t)n;
    }
}

/* ---- the cases ---- */

static void test_inline_tag_before_a_mark_disappears(void **state)
{
    static const char text[] = "This is the U.S. Senate my friends. <em>Yes.</em> <em>It is</em>!";
    char buf[256];
    json_t *rec;

    (void)state;
    /* PS-EN-045: the span of the last sentence is "It is</em>!", its text "It is!" */
    TEXTS(text, "", 0, "This is the U.S. Senate my friends.", "Yes.", "It is!");
    rec = record(text, "", 0);
    skipped_summary(rec, buf, sizeof buf);
    assert_string_equal(buf, "<em>:0 </em>:0 <em>:0 </em>:0");
    json_decref(rec);
}

static void test_long_run_of_dots_inside_a_sentence_is_no_furniture(void **state)
{
    static const char text[] = "Remove long strings of dots........please.";
    json_t *rec;

    (void)state;
    /* PS-EN-021: eight dots before a word are an ellipsis to the tokenizer (a dot leader
     * ends its line with a page number), so the text keeps them and nothing is skipped. */
    TEXTS(text, "", 0, "Remove long strings of dots........please.");
    rec = record(text, "", 0);
    assert_null(json_object_get(rec, "skipped"));
    json_decref(rec);
}

static void test_inline_tag_inside_a_word_joins_it(void **state)
{
    (void)state;
    TEXTS("The re<b>mark</b>able vote passed.", "", 0, "The remarkable vote passed.");
    /* escaped markup is furniture too */
    TEXTS("It was &lt;i&gt;not&lt;/i&gt; over.", "", 0, "It was not over.");
}

static void test_removal_leaves_no_double_space(void **state)
{
    (void)state;
    TEXTS("He said <b> </b> no.", "", 0, "He said no.");
    TEXTS("The <a href=\"/x\">report</a> is out.", "", 0, "The report is out.");
    /* white space the text had itself is kept as it was */
    TEXTS("Two  spaces <i>here</i>.", "", 0, "Two  spaces here.");
}

static void test_block_tag_between_words_is_one_space(void **state)
{
    static const char text[] = "The vote<br>passed<p>today.";
    char buf[256];
    json_t *rec;

    (void)state;
    /* the tokenizer ends a sentence at a block-level tag */
    TEXTS(text, "", 0, "The vote", "passed", "today.");
    /* a sentence that spans one (another segmenter's, here the test stage) shows a space */
    TEXTS(text, "", 1, "The vote passed today.");
    /* unless white space already separates the two sides */
    TEXTS("The vote <br>passed<p>\ntoday.", "", 1, "The vote passed\ntoday.");
    rec = record(text, "", 1);
    skipped_summary(rec, buf, sizeof buf);
    assert_string_equal(buf, "<br>:1 <p>:1");
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(rec, "summary"), 0), "text")),
                        "The vote passed today.");
    json_decref(rec);
}

static void test_literal_line_break_escape_is_one_space(void **state)
{
    (void)state;
    TEXTS("Prices rose\\r\\nSharply in May.", "", 0, "Prices rose Sharply in May.");
    /* PS-EN-082: between sentences it is skipped like white space */
    TEXTS("Hello World. \\r\\n Hello.", "", 0, "Hello World.", "Hello.");
    TEXTS("Prices rose \\r\\n sharply.", "", 1, "Prices rose sharply.");
}

static void test_leader_at_the_end_of_a_sentence_is_left_out(void **state)
{
    static const char text[] = "        About Me........5\n"
                               "        Chapter 2 ........ 6\n";
    char buf[256];
    json_t *rec;

    (void)state;
    /* PS-EN-008, abridged: the leaders and page numbers end the sentences */
    TEXTS(text, "", 0, "About Me", "Chapter 2");
    rec = record(text, "", 0);
    skipped_summary(rec, buf, sizeof buf);
    assert_string_equal(buf, "........5:1 ........ 6:1");
    json_decref(rec);
    /* inside one sentence, a leader and its page number are one space */
    TEXTS("Contents........5\nIntroduction", "", 1, "Contents\nIntroduction");
}

static void test_rule_between_lines_is_one_space(void **state)
{
    (void)state;
    TEXTS("Results\n==========\nLabour won.", "", 0, "Results", "Labour won.");
    TEXTS("Results=========Labour won.", "", 1, "Results Labour won.");
}

static void test_markdown_title_and_summary_leave_furniture_out(void **state)
{
    char *out = render("<h1>Putin arrives in Iran</h1>\n\nHe said it was <b>very</b> good.", "", 0,
                       "format=markdown");

    (void)state;
    assert_string_equal(out, "# Putin arrives in Iran\n\nDocument: t\n\n---\n\n");
    free(out);
    out = render("Prices<br>rose <b>sharply</b> in May.", "", 1, "format=markdown");
    assert_non_null(strstr(out, "\n- Prices rose sharply in May.\n"));
    assert_null(strstr(out, "\\<"));
    free(out);
}

static void test_document_without_furniture_has_no_extra_layer(void **state)
{
    static const char text[] = "Putin arrived in Tehran on Tuesday. \"It is <5 percent,\" he said.";
    char *plain = render(text, "", 0, "format=ndjson");
    json_t *rec = record(text, "", 0);

    (void)state;
    assert_null(json_object_get(rec, "skipped"));
    assert_int_equal(json_object_size(rec), 3); /* id, sentences, paragraphs */
    assert_null(strstr(plain, "skipped"));
    assert_non_null(strstr(plain, "\"text\":\"\\\"It is <5 percent,\\\" he said.\""));
    json_decref(rec);
    free(plain);
}

static void test_adjacent_pieces_are_one_run(void **state)
{
    static const char text[] = "It is <b><i>so</i></b> good.\n\nPrices rose</em><br>Sharply\\r\\n"
                               "Then fell.";
    char buf[256];
    json_t *rec;

    (void)state;
    /* a run breaks when any of its pieces does: "</em><br>" is one space, as "<br>" alone */
    TEXTS(text, "", 1, "It is so good.\n\nPrices rose Sharply Then fell.");
    rec = record(text, "", 0);
    skipped_summary(rec, buf, sizeof buf);
    assert_string_equal(buf, "<b><i>:0 </i></b>:0 </em><br>:1 \\r\\n:1");
    json_decref(rec);
}

static void test_uax29_tokens_keep_the_shown_text(void **state)
{
    (void)state;
    /* the tags are segments then, but sentences and the layer come from the default rules */
    TEXTS("It is</em>! Yes <b>it</b> is.", "words=uax29", 0, "It is!", "Yes it is.");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_inline_tag_before_a_mark_disappears),
        cmocka_unit_test(test_long_run_of_dots_inside_a_sentence_is_no_furniture),
        cmocka_unit_test(test_inline_tag_inside_a_word_joins_it),
        cmocka_unit_test(test_removal_leaves_no_double_space),
        cmocka_unit_test(test_block_tag_between_words_is_one_space),
        cmocka_unit_test(test_literal_line_break_escape_is_one_space),
        cmocka_unit_test(test_leader_at_the_end_of_a_sentence_is_left_out),
        cmocka_unit_test(test_rule_between_lines_is_one_space),
        cmocka_unit_test(test_markdown_title_and_summary_leave_furniture_out),
        cmocka_unit_test(test_document_without_furniture_has_no_extra_layer),
        cmocka_unit_test(test_adjacent_pieces_are_one_run),
        cmocka_unit_test(test_uax29_tokens_keep_the_shown_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
