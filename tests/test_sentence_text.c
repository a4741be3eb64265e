/*
 * test_sentence_text.c -- a sentence's text as the exporter shows it: the span's text
 * without the page furniture the tokenizer skipped (issue #3).
 *
 * The real tokenizer and the real exporter run in-process (lede/harness.h): the tokenizer
 * notes every run of furniture it skips (and the line break before a full stop alone on its
 * line) in the packed generic layer "skipped" (plugins/tokenizer/skipped.h), and the exporter
 * leaves those runs out of the text of each sentence (and of the summary and the Markdown
 * title, and of each quotation in JSON, CSV and Markdown), putting one space for a run that
 * separates words, and never writes the layer out.
 * The spans themselves stay the raw bytes. A small test stage ("one-sentence") turns a
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

#include "../plugins/tokenizer/skipped.h"
#include "lede/harness.h"

extern const lede_stage_desc tokenizer_LTX_lede_stage;
extern const lede_stage_desc exporter_LTX_lede_stage;
extern const lede_stage_desc quotes_LTX_lede_stage;

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

/* Runs text through the tokenizer (options tok_opts), the stage mid when it is not NULL, and
 * the exporter (options exp_opts). Returns the harness, whose *doc stays valid until it is
 * freed. */
static lede_harness *run_through(const char *text, size_t len, const char *tok_opts,
                                 const lede_stage_desc *mid, const char *exp_opts, lede_doc **doc)
{
    lede_harness *h = NULL;
    lede_error err;

    lede_error_clear(&err);
    assert_int_equal(lede_harness_new(&h, &err), 0);
    if (lede_harness_add(h, &tokenizer_LTX_lede_stage, tok_opts, &err) ||
        (mid && lede_harness_add(h, mid, NULL, &err)) ||
        lede_harness_add(h, &exporter_LTX_lede_stage, exp_opts, &err))
        fail_msg("harness: %s", err.message);
    if (lede_harness_run(h, "t", text, len, doc, &err))
        fail_msg("run: %s", err.message);
    return h;
}

/* The same through the one-sentence stage when merge is set. */
static lede_harness *run(const char *text, size_t len, const char *tok_opts, int merge,
                         const char *exp_opts, lede_doc **doc)
{
    return run_through(text, len, tok_opts, merge ? &one_sentence_stage : NULL, exp_opts, doc);
}

/* The same; returns a malloc'd copy of the output. */
static char *render(const char *text, const char *tok_opts, int merge, const char *exp_opts)
{
    lede_doc *doc;
    lede_harness *h = run(text, strlen(text), tok_opts, merge, exp_opts, &doc);
    char *out = strdup(lede_harness_output(h, NULL));

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

/* Decodes doc's layer "skipped" (skipped.h) into buf as "text:separates ..." for each run,
 * checking that the groups are in order, hold at most SKIPPED_GROUP_MAX runs each and are
 * spanned exactly by their runs. Returns the number of runs; *n_groups (may be NULL)
 * receives the number of groups. */
static size_t decode_runs(lede_doc *doc, char *buf, size_t cap, size_t *n_groups)
{
    size_t len, used = 0, n_runs = 0, n = 0;
    const char *text = lede_doc_text(doc, &len);
    lede_layer *layer = lede_doc_layer(doc, SKIPPED_LAYER, 0);
    uint32_t prev_end = 0;

    if (cap)
        buf[0] = '\0';
    if (layer)
        n = lede_layer_count(layer);
    for (size_t g = 0; g < n; g++) {
        const lede_attr *attr = lede_layer_attrs(layer, g);
        uint32_t start, end, pos, a, b;
        size_t at = 0, in_group = 0;
        int sep;

        lede_layer_span(layer, g, &start, &end);
        assert_non_null(attr);
        assert_string_equal(attr->key, SKIPPED_ATTR_RUNS);
        assert_true(g == 0 || start >= prev_end);
        pos = start;
        while (skipped_next((const unsigned char *)attr->s, attr->s_len, &at, end, &pos, &a, &b,
                            &sep) == 0) {
            assert_true(in_group > 0 || a == start);
            in_group++;
            if (cap) {
                int k = snprintf(buf + used, cap - used, "%s%.*s:%d", n_runs ? " " : "",
                                 (int)(b - a), text + a, sep);
                assert_true(k > 0 && (size_t)k < cap - used);
                used += (size_t)k;
            }
            n_runs++;
        }
        assert_int_equal(at, attr->s_len); /* the whole encoding read */
        assert_int_equal(pos, end);
        assert_true(in_group >= 1 && in_group <= SKIPPED_GROUP_MAX);
        prev_end = end;
    }
    if (n_groups)
        *n_groups = n;
    return n_runs;
}

/* The runs the tokenizer notes in text (through the one-sentence stage when merge is set),
 * as decode_runs writes them; also checks that the exporter's record does not show them. */
static void runs_of(const char *text, int merge, char *buf, size_t cap)
{
    lede_doc *doc;
    lede_harness *h = run(text, strlen(text), "", merge, "format=ndjson", &doc);

    (void)decode_runs(doc, buf, cap, NULL);
    assert_null(strstr(lede_harness_output(h, NULL), "\"skipped\""));
    lede_harness_free(h);
}

/* ---- the cases ---- */

static void test_inline_tag_before_a_mark_disappears(void **state)
{
    static const char text[] = "This is the U.S. Senate my friends. <em>Yes.</em> <em>It is</em>!";
    char buf[256];

    (void)state;
    /* PS-EN-045: the span of the last sentence is "It is</em>!", its text "It is!" */
    TEXTS(text, "", 0, "This is the U.S. Senate my friends.", "Yes.", "It is!");
    runs_of(text, 0, buf, sizeof buf);
    assert_string_equal(buf, "<em>:0 </em>:0 <em>:0 </em>:0");
}

static void test_long_run_of_dots_inside_a_sentence_is_no_furniture(void **state)
{
    static const char text[] = "Remove long strings of dots........please.";
    char buf[64];

    (void)state;
    /* PS-EN-021: eight dots before a word are an ellipsis to the tokenizer (a dot leader
     * ends its line with a page number), so the text keeps them and nothing is skipped. */
    TEXTS(text, "", 0, "Remove long strings of dots........please.");
    runs_of(text, 0, buf, sizeof buf);
    assert_string_equal(buf, "");
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
    runs_of(text, 1, buf, sizeof buf);
    assert_string_equal(buf, "<br>:1 <p>:1");
    rec = record(text, "", 1);
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

    (void)state;
    /* PS-EN-008, abridged: the leaders and page numbers end the sentences */
    TEXTS(text, "", 0, "About Me", "Chapter 2");
    runs_of(text, 0, buf, sizeof buf);
    assert_string_equal(buf, "........5:1 ........ 6:1");
    /* inside one sentence, a leader and its page number are one space */
    TEXTS("Contents........5\nIntroduction", "", 1, "Contents\nIntroduction");
}

static void test_rule_between_lines_is_one_space(void **state)
{
    (void)state;
    TEXTS("Results\n==========\nLabour won.", "", 0, "Results", "Labour won.");
    TEXTS("Results=========Labour won.", "", 1, "Results Labour won.");
}

/* Prose that the furniture recognisers once took for markup, a rule or an escape, and so
 * left out of the shown text (clean.c). */
static void test_prose_that_looks_like_furniture_keeps_its_words(void **state)
{
    char buf[256];

    (void)state;
    /* a URL or an e-mail address in angle brackets is no tag */
    TEXTS("Read it at <https://example.com/pricing> today.", "", 0,
          "Read it at <https://example.com/pricing> today.");
    TEXTS("Write to <john@example.com> today.", "", 0, "Write to <john@example.com> today.");
    runs_of("Read it at <https://example.com/pricing> or <john@example.com>.", 0, buf, sizeof buf);
    assert_string_equal(buf, "");
    /* a tag stays on its line (a lone '\r' ends one too), and "firm." is no attribute */
    TEXTS("The ratio a<b held firm.\rPrices rose > 5% today.", "", 0, "The ratio a<b held firm.",
          "Prices rose > 5% today.");
    /* words after a tag's name need "=value" unless HTML writes them bare ("<td nowrap>") */
    TEXTS("If a<b and c>d the test fails.", "", 0, "If a<b and c>d the test fails.");
    /* an escaped "tag" needs an element's name: this is mathematics */
    TEXTS("The ratio x&lt;y and z&gt;w held.", "", 0, "The ratio x&lt;y and z&gt;w held.");
    /* marks glued to a word are a word censored or a dash, no rule (nor a sentence end) */
    TEXTS("What the f**** is this", "", 0, "What the f**** is this");
    /* Pride and Prejudice (PDNC) and PolNeAR usa-today_2016-10-03 */
    TEXTS("\"He danced with Lizzy, and the Boulanger----\"\n\n\"If he had had any compassion "
          "for me,\" cried her husband.",
          "", 0, "\"He danced with Lizzy, and the Boulanger----\"",
          "\"If he had had any compassion for me,\" cried her husband.");
    TEXTS("They were ready to \"shoot any n------\" who came.", "", 0,
          "They were ready to \"shoot any n------\" who came.");
    /* nor is a short run between words on a line: a name left out (Pride and Prejudice) */
    TEXTS("Wickham joined the ----shire. His uncle, Lord ---- and all.", "", 0,
          "Wickham joined the ----shire.", "His uncle, Lord ---- and all.");
    /* both halves of a literal "\r\n" are skipped, whatever follows them */
    TEXTS("He left the city\\r\\n<p>Then they went home.", "", 0, "He left the city",
          "Then they went home.");
    runs_of("He left the city\\r\\n<p>Then they went home.", 0, buf, sizeof buf);
    assert_string_equal(buf, "\\r\\n<p>:1");
    /* one escape alone still needs a follower no path goes on with */
    TEXTS("Save it to C:\\new\\temp or \\n2.txt now.", "", 0,
          "Save it to C:\\new\\temp or \\n2.txt now.");
}

/* What the recognisers must go on leaving out after they were tightened. */
static void test_real_furniture_is_still_left_out(void **state)
{
    char buf[512];

    (void)state;
    TEXTS("<p class=\"x\">The <img src=\"a.jpg\" alt=\"A b\"> photo was <em>new</em> "
          "today.</p>",
          "", 0, "The photo was new today.");
    TEXTS("It was<br/>over, she<br />said.", "", 1, "It was over, she said.");
    TEXTS("It was &lt;b&gt;bold&lt;/b&gt; and &lt;p class=&quot;x&quot;&gt;new.", "", 1,
          "It was bold and new.");
    /* MS Word's empty paragraphs, unquoted values, a URL with a query, bare attributes */
    TEXTS("<p class=MsoNormal>Prices rose.<o:p></o:p></p>", "", 0, "Prices rose.");
    TEXTS("Go <a href=/a?b=c&d=e target=_blank>here</a> now.", "", 0, "Go here now.");
    TEXTS("<td nowrap>Total</td><div data-v-7ba5bd90 hidden>Sum.</div>", "", 0, "Total", "Sum.");
    /* rules on their own line or opening it, a framed title, a long rule inside a line */
    TEXTS("Results\n-----\nLabour won.\n=====\nThe end.", "", 0, "Results", "Labour won.",
          "The end.");
    TEXTS("-----Original Message-----\nFrom: Bob", "", 0, "Original Message", "From: Bob");
    runs_of("-----Original Message-----\nFrom: Bob", 0, buf, sizeof buf);
    assert_string_equal(buf, "-----:1 -----:1");
    TEXTS("Results=========Labour won.", "", 0, "Results", "Labour won.");
    TEXTS("//////Header starts here\r//////", "", 0, "Header starts here");
    /* a leader and a literal line break */
    TEXTS("About Me........5\nPrices rose\\r\\nSharply.", "", 0, "About Me",
          "Prices rose Sharply.");
}

/* The review of the tightened recognisers: one escape alone before punctuation is code
 * quoted in prose, kept as it was before; two in a row are still skipped whatever follows. */
static void test_lone_escape_before_punctuation_is_kept(void **state)
{
    char buf[256];

    (void)state;
    TEXTS("printf(\"hello\\n\"); prints a line.", "", 0, "printf(\"hello\\n\"); prints a line.");
    TEXTS("Use \"\\n\" for newlines in C.", "", 0, "Use \"\\n\" for newlines in C.");
    TEXTS("Write \\n, then \\t.", "", 0, "Write \\n, then \\t.");
    runs_of("Use \"\\n\" for newlines. Write \\n, then \\t.", 0, buf, sizeof buf);
    assert_string_equal(buf, "");
    /* still skipped: before a space, a capital or the end */
    TEXTS("Prices rose\\n Sharply\\nThen fell\\n", "", 0, "Prices rose Sharply Then fell");
}

/* A short run of marks apart from the words of its line is a rule when nothing but white
 * space (a no-break space too) or furniture (<br>, "\r\n") stands before it on its line or
 * after it; between words it stays text. */
static void test_rule_apart_from_words_on_its_line_is_left_out(void **state)
{
    char buf[256];

    (void)state;
    TEXTS("Text.<br>-----<br>More text here.", "", 0, "Text.", "More text here.");
    runs_of("Text.<br>-----<br>More text here.", 0, buf, sizeof buf);
    assert_string_equal(buf, "<br>-----<br>:1");
    TEXTS("Text.\n\u00a0-----\nMore text.", "", 0, "Text.", "More text.");
    TEXTS("Text.\n\u3000-----\u3000\nMore text.", "", 0, "Text.", "More text.");
    TEXTS("Then they left. -----\nA new line here.", "", 0, "Then they left.", "A new line here.");
    TEXTS("Text.\\r\\n-----\\r\\nMore text.", "", 0, "Text.", "More text.");
    TEXTS("Text. &lt;br&gt;-----&lt;br&gt;More text.", "", 0, "Text.", "More text.");
    TEXTS("Text. <b>-----</b>\nMore text.", "", 0, "Text.", "More text.");
    /* still text: glued to a word, or between words on the line */
    TEXTS("What the f**** is this", "", 0, "What the f**** is this");
    TEXTS("I saw the **** is here.", "", 0, "I saw the **** is here.");
    TEXTS("I saw the <em>----</em> here.", "", 0, "I saw the ---- here.");
    TEXTS("Text.\n\u00a0-----Header here.", "", 0, "Text.", "-----Header here.");
    /* a word left out at the end of a line (Pride and Prejudice): a word before it */
    TEXTS("They were in ----\n     street. He saw Wickham.", "", 0,
          "They were in ----\n     street.", "He saw Wickham.");
}

/* The fifth session's review: words the recognisers still took for furniture. A tag
 * without attributes needs an element's name; a run of asterisks, hyphens or underscores
 * glued to a word, or opening a line that goes on with words, is a word censored; escapes
 * inside a string literal are code. */
static void test_keys_censored_words_and_string_literals_keep_their_words(void **state)
{
    char buf[256];

    (void)state;
    TEXTS("Press <Enter> to save. Use std::vector<int> v if x<y>z holds.", "", 0,
          "Press <Enter> to save.", "Use std::vector<int> v if x<y>z holds.");
    TEXTS("**** off, he told the reporters.", "", 0, "**** off, he told the reporters.");
    TEXTS("He called it f******** rubbish.", "", 0, "He called it f******** rubbish.");
    TEXTS("Indent with \"\\n\\t\" or split(\"\\r\\n\") first.", "", 0,
          "Indent with \"\\n\\t\" or split(\"\\r\\n\") first.");
    runs_of("Press <Enter>. f******** rubbish.\n**** off. Use \"\\n\\t\" now.", 0, buf, sizeof buf);
    assert_string_equal(buf, "");
    /* still furniture: a closing tag of a custom element, an MS Word tag, a framed title,
     * a line break escaped beside quotations (escaped too, as JSON escaped twice has them) */
    TEXTS("<tweet pic=\"x\">Vote now!</tweet> It was close.<o:p></o:p>", "", 0, "Vote now!",
          "It was close.");
    TEXTS("---- Original Message ----\nFrom: Bob", "", 0, "Original Message", "From: Bob");
    runs_of("He said \\\"Yes.\\\"\\r\\n\\\"No.\\\" He said \"Yes.\"\\r\\n\"No.\"", 0, buf,
            sizeof buf);
    assert_string_equal(buf, "\\r\\n:1 \\r\\n:1");
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

/* The output of text through tokenizer, quotes and exporter (options exp_opts), malloc'd. */
static char *render_with_quotes(const char *text, const char *exp_opts)
{
    lede_doc *doc;
    lede_harness *h = run_through(text, strlen(text), NULL, &quotes_LTX_lede_stage, exp_opts, &doc);
    char *out = strdup(lede_harness_output(h, NULL));

    assert_non_null(out);
    lede_harness_free(h);
    return out;
}

static void test_quotation_text_leaves_furniture_out(void **state)
{
    /* Scraped pages set words of a quotation in bold or italics: the quotation's text, like a
     * sentence's, leaves the tags out in every format; its start and end stay the raw span. */
    static const char text[] = "The minister said: \u201cWe will <b>not</b> back down.\u201d\n";
    char *out = render_with_quotes(text, "format=ndjson");
    json_error_t jerr;
    json_t *rec = json_loads(out, 0, &jerr), *q;
    const char *raw = strstr(text, "We will");

    (void)state;
    if (!rec)
        fail_msg("invalid JSON (%s): %s", jerr.text, out);
    q = json_array_get(json_object_get(rec, "quotes"), 0);
    assert_non_null(q);
    assert_string_equal(json_string_value(json_object_get(q, "text")), "We will not back down.");
    assert_int_equal(json_integer_value(json_object_get(q, "start")), raw - text);
    assert_int_equal(json_integer_value(json_object_get(q, "end")),
                     strstr(text, "down.") + 5 - text);
    json_decref(rec);
    free(out);
    out = render_with_quotes(text, "format=csv");
    assert_non_null(strstr(out, "\r\nt,0,We will not back down.,"));
    free(out);
    out = render_with_quotes(text, "format=markdown");
    assert_non_null(strstr(out, "\u201cWe will not back down.\u201d"));
    assert_null(strstr(out, "<b>"));
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

    (void)state;
    /* a run breaks when any of its pieces does: "</em><br>" is one space, as "<br>" alone */
    TEXTS(text, "", 1, "It is so good.\n\nPrices rose Sharply Then fell.");
    runs_of(text, 0, buf, sizeof buf);
    assert_string_equal(buf, "<b><i>:0 </i></b>:0 </em><br>:1 \\r\\n:1");
}

static void test_uax29_tokens_keep_the_shown_text(void **state)
{
    (void)state;
    /* the tags are segments then, but sentences and the layer come from the default rules */
    TEXTS("It is</em>! Yes <b>it</b> is.", "words=uax29", 0, "It is!", "Yes it is.");
}

static void test_stop_alone_on_its_line_joins_the_sentence(void **state)
{
    char buf[64];

    (void)state;
    /* PS-EN-022 and PS-EN-026: converted text breaks the line before the closing stop */
    TEXTS("See our additional services section or contact us for pricing\n.\n\n\n"
          "Pricing Additionl Info\n",
          "", 0, "See our additional services section or contact us for pricing.",
          "Pricing Additionl Info");
    TEXTS("See our additional services section or contact us for pricing\n. Pricing Additionl "
          "Info\n",
          "", 0, "See our additional services section or contact us for pricing.",
          "Pricing Additionl Info");
    runs_of("for pricing\n.\n\nPricing", 0, buf, sizeof buf);
    assert_string_equal(buf, "\n:0");
    /* all the white space between the word and the stop, at the end of the text too */
    TEXTS("It ended \r\n  .\tNext one.", "", 0, "It ended.", "Next one.");
    TEXTS("the end\n.", "", 0, "the end.");
}

static void test_stop_rule_leaves_other_text_alone(void **state)
{
    char buf[64];

    (void)state;
    /* a decimal, an ellipsis, a domain: the stop is glued to what follows */
    TEXTS("The rate was\n.5 percent higher.", "", 0, "The rate was\n.5 percent higher.");
    TEXTS("Wait for it\n... then go.", "", 0, "Wait for it\n... then go.");
    TEXTS("Visit example\n.com today.", "", 0, "Visit example\n.com today.");
    /* a space without a line break; ! and ?; a stop after a number or a quotation mark */
    TEXTS("See the price . Then go.", "", 0, "See the price .", "Then go.");
    TEXTS("Really\n? Yes.", "", 0, "Really\n?", "Yes.");
    TEXTS("He paid 5\n. Then left.", "", 0, "He paid 5\n.", "Then left.");
    TEXTS("It was \"much\"\n. Then.", "", 0, "It was \"much\"\n.", "Then.");
    runs_of("The rate was\n.5 percent. Wait for it\n... now. Really\n? Yes.", 0, buf, sizeof buf);
    assert_string_equal(buf, "");
}

/* text: "<b>x" n times, in a malloc'd buffer. */
static char *tag_dense(size_t n)
{
    char *text = malloc(4 * n + 1);

    assert_non_null(text);
    for (size_t i = 0; i < n; i++)
        memcpy(text + 4 * i, "<b>x", 4);
    text[4 * n] = '\0';
    return text;
}

static void test_hostile_tag_density_stays_small(void **state)
{
    enum { N = 100000 };
    char *text = tag_dense(N);
    lede_doc *doc;
    lede_harness *h = run(text, strlen(text), "", 0, "format=ndjson", &doc);
    lede_layer *layer = lede_doc_layer(doc, SKIPPED_LAYER, 0);
    size_t n_groups, bytes = 0, out_len;
    const char *out = lede_harness_output(h, &out_len);
    const char *shown;

    (void)state;
    /* every tag is a run, packed SKIPPED_GROUP_MAX to a span of two bytes each: the note
     * costs a fraction of the text (a span with an attribute per tag cost 20 times it) */
    assert_int_equal(decode_runs(doc, NULL, 0, &n_groups), N);
    assert_int_equal(n_groups, (N + SKIPPED_GROUP_MAX - 1) / SKIPPED_GROUP_MAX);
    for (size_t g = 0; g < n_groups; g++)
        bytes += lede_layer_attrs(layer, g)->s_len;
    assert_int_equal(bytes, 2 * N);
    /* the record is the sentence, its text without the tags, and the paragraph */
    assert_null(strstr(out, "skipped"));
    assert_true(out_len < (size_t)N + 200);
    shown = strstr(out, "\"text\":\"");
    assert_non_null(shown);
    shown += 8;
    assert_int_equal(strspn(shown, "x"), N);
    assert_int_equal(shown[N], '"');
    lede_harness_free(h);
    free(text);
}

static void test_sentences_across_groups_keep_their_text(void **state)
{
    enum { N = 100 };
    char text[N * 12 + 1], expected[N * 5 + 1];
    json_t *rec, *sents;

    (void)state;
    /* 200 runs, so groups begin and end inside sentences and between them */
    for (size_t i = 0; i < N; i++)
        memcpy(text + 12 * i, "<b>Go.</b>  ", 12);
    text[12 * N] = '\0';
    rec = record(text, "", 0);
    sents = json_object_get(rec, "sentences");
    assert_int_equal(json_array_size(sents), N);
    for (size_t i = 0; i < N; i++) {
        json_t *s = json_array_get(sents, i);
        assert_string_equal(json_string_value(json_object_get(s, "text")), "Go.");
        assert_int_equal(json_integer_value(json_object_get(s, "start")), 12 * i + 3);
        assert_int_equal(json_integer_value(json_object_get(s, "end")), 12 * i + 6);
    }
    json_decref(rec);
    /* one sentence over all of them (the test stage) */
    for (size_t i = 0; i < N; i++)
        memcpy(expected + 5 * i, "Go.  ", 5);
    expected[5 * N - 2] = '\0';
    rec = record(text, "", 1);
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(rec, "sentences"), 0), "text")),
                        expected);
    json_decref(rec);
    /* and 80 runs inside one word */
    strcpy(text, "The ");
    for (size_t i = 0; i < 40; i++)
        strcat(text, "<i>a</i>");
    strcat(text, " end.");
    memset(expected, 'a', 44);
    memcpy(expected, "The ", 4);
    strcpy(expected + 44, " end.");
    rec = record(text, "", 0);
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(rec, "sentences"), 0), "text")),
                        expected);
    json_decref(rec);
}

/* ---- the exporter's side: spans in any order, Unicode white space ---- */

/* The "back-and-over" test stage: the tokenizer's n sentences S[0..n) become, in this order,
 * S reversed; each S[i] joined with S[i + 1] (overlapping the next join); each S[i] up to
 * the start of S[i + 1] (the white space and furniture between them at its end: a removal
 * there takes the white space before it, plain white space stays); S again.
 * The exporter shows spans in text order walking the runs once; these come back, overlap
 * and end in furniture, and must read as if each were shown alone. */
static int back_and_over_process(void *instance, lede_doc *doc, lede_error *err)
{
    size_t n, k = 0;
    const lede_sentence *s = lede_doc_sentences(doc, &n);
    lede_sentence *out;

    (void)instance;
    if (n < 2)
        return lede_error_set(err, LEDE_ESTAGE, "back-and-over: fewer than two sentences");
    out = lede_doc_alloc(doc, (4 * n - 2) * sizeof *out);
    if (!out)
        return lede_error_set(err, LEDE_ENOMEM, "back-and-over: out of memory");
    for (size_t i = n; i-- > 0;)
        out[k++] = s[i];
    for (size_t i = 0; i + 1 < n; i++)
        out[k++] = (lede_sentence){s[i].start, s[i + 1].end, s[i].tok_begin, s[i + 1].tok_end,
                                   s[i].paragraph};
    for (size_t i = 0; i + 1 < n; i++)
        out[k++] = (lede_sentence){s[i].start, s[i + 1].start, s[i].tok_begin, s[i].tok_end,
                                   s[i].paragraph};
    for (size_t i = 0; i < n; i++)
        out[k++] = s[i];
    lede_doc_set_sentences(doc, out, k);
    return 0;
}

static const lede_stage_desc back_and_over_stage = {
    LEDE_ABI_VERSION,
    sizeof(lede_stage_desc),
    "back-and-over",
    "test-only: the sentences reversed, joined in overlapping pairs, up to the next, in order",
    "1.0.0",
    NULL,
    NULL,
    NULL,
    0,
    one_sentence_create,
    back_and_over_process,
    NULL,
    NULL,
};

/* Asserts that text's n sentences, shown alone, read shown[0..n), and shown through the
 * back-and-over stage read as it says: joined[i] for S[i] with S[i + 1], lead[i] for S[i] up
 * to S[i + 1]. */
static void assert_back_and_over(const char *text, size_t n, const char *const *shown,
                                 const char *const *joined, const char *const *lead)
{
    lede_doc *doc;
    lede_harness *h =
        run_through(text, strlen(text), "", &back_and_over_stage, "format=ndjson", &doc);
    json_error_t jerr;
    json_t *rec = json_loads(lede_harness_output(h, NULL), 0, &jerr), *sents;
    size_t k = 0;

    assert_non_null(rec);
    sents = json_object_get(rec, "sentences");
    assert_int_equal(json_array_size(sents), 4 * n - 2);
#define SHOWN_(i) json_string_value(json_object_get(json_array_get(sents, (i)), "text"))
    for (size_t i = n; i-- > 0;)
        assert_string_equal(SHOWN_(k++), shown[i]);
    for (size_t i = 0; i + 1 < n; i++)
        assert_string_equal(SHOWN_(k++), joined[i]);
    for (size_t i = 0; i + 1 < n; i++)
        assert_string_equal(SHOWN_(k++), lead[i]);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(SHOWN_(k++), shown[i]);
#undef SHOWN_
    json_decref(rec);
    lede_harness_free(h);
}

static void test_spans_out_of_order_keep_their_text(void **state)
{
    static const char text[] = "One<br>two three. Four\\r\\nWorld is here. Six</em>seven <p>eight.";
    static const char *const shown[] = {"One", "two three.", "Four World is here.", "Sixseven",
                                        "eight."};
    static const char *const joined[] = {"One two three.", "two three. Four World is here.",
                                         "Four World is here. Sixseven", "Sixseven eight."};
    static const char *const lead[] = {"One", "two three. ", "Four World is here. ", "Sixseven"};
    enum { N = 100 };
    static char go[N * 12 + 1];
    static const char *go_shown[N], *go_joined[N - 1];

    (void)state;
    TEXTS(text, "", 0, "One", "two three.", "Four World is here.", "Sixseven", "eight.");
    assert_back_and_over(text, 5, shown, joined, lead);
    /* 200 runs in 7 groups: every span out of order finds its group again */
    for (size_t i = 0; i < N; i++) {
        memcpy(go + 12 * i, "<b>Go.</b>  ", 12);
        go_shown[i] = "Go.";
        if (i + 1 < N)
            go_joined[i] = "Go.  Go.";
    }
    assert_back_and_over(go, N, go_shown, go_joined, go_shown);
}

/* The white space the tokenizer counts (Unicode's Zs, Zl and Zp, NEL, and the ASCII
 * separators 0x1C-0x1F) is white space beside a removal as well. */
static const char *const unicode_spaces[] = {
    "\xc2\xa0",     "\xc2\x85",     "\xe1\x9a\x80", "\xe2\x80\x80", "\xe2\x80\x85", "\xe2\x80\x8a",
    "\xe2\x80\xa8", "\xe2\x80\xa9", "\xe2\x80\xaf", "\xe2\x81\x9f", "\xe3\x80\x80", "\x1c",
};

/* Asserts that text is one sentence that reads expected (built at run time, unlike TEXTS). */
static void assert_one_text(const char *text, const char *expected)
{
    json_t *rec = record(text, "", 0);

    assert_texts(rec, text, &expected, 1);
    json_decref(rec);
}

static void test_unicode_white_space_beside_a_removal_is_not_doubled(void **state)
{
    char text[64], expected[64];
    /* \u escapes: a hex escape would run on into the letter after it */
    static const char three[] = "One\u00a0<br>Two three.\u3000<p>\u2009Four</em>\u2009five.";
    static const char *const shown[] = {"One", "Two three.", "Four\u2009five."};
    static const char *const joined[] = {"One\u00a0Two three.", "Two three.\u3000Four\u2009five."};
    static const char *const lead[] = {"One", "Two three.\u3000"};

    (void)state;
    /* the review's case: "Hello\u00a0\r\nWorld" read "Hello\u00a0 World" */
    TEXTS("Hello\xc2\xa0\\r\\nWorld is here.", "", 0, "Hello\xc2\xa0World is here.");
    for (size_t i = 0; i < sizeof unicode_spaces / sizeof unicode_spaces[0]; i++) {
        const char *u = unicode_spaces[i];
        if (strcmp(u, "\xe2\x80\xa9") == 0)
            continue; /* U+2029 ends its paragraph (test_tokenizer_paragraphs) */
        /* before a run that separates: no space added */
        snprintf(text, sizeof text, "Prices rose%s\\r\\nSharply today.", u);
        snprintf(expected, sizeof expected, "Prices rose%sSharply today.", u);
        assert_one_text(text, expected);
        /* on both sides of a run: kept once */
        snprintf(text, sizeof text, "He said%s<b>%s</b> no.", u, u);
        snprintf(expected, sizeof expected, "He said%sno.", u);
        assert_one_text(text, expected);
    }
    /* after a removal too, and a removal at a span's end takes the white space before it */
    assert_back_and_over(three, 3, shown, joined, lead);
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
        cmocka_unit_test(test_prose_that_looks_like_furniture_keeps_its_words),
        cmocka_unit_test(test_real_furniture_is_still_left_out),
        cmocka_unit_test(test_lone_escape_before_punctuation_is_kept),
        cmocka_unit_test(test_rule_apart_from_words_on_its_line_is_left_out),
        cmocka_unit_test(test_keys_censored_words_and_string_literals_keep_their_words),
        cmocka_unit_test(test_markdown_title_and_summary_leave_furniture_out),
        cmocka_unit_test(test_quotation_text_leaves_furniture_out),
        cmocka_unit_test(test_document_without_furniture_has_no_extra_layer),
        cmocka_unit_test(test_adjacent_pieces_are_one_run),
        cmocka_unit_test(test_uax29_tokens_keep_the_shown_text),
        cmocka_unit_test(test_stop_alone_on_its_line_joins_the_sentence),
        cmocka_unit_test(test_stop_rule_leaves_other_text_alone),
        cmocka_unit_test(test_hostile_tag_density_stays_small),
        cmocka_unit_test(test_sentences_across_groups_keep_their_text),
        cmocka_unit_test(test_spans_out_of_order_keep_their_text),
        cmocka_unit_test(test_unicode_white_space_beside_a_removal_is_not_doubled),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
