/*
 * test_exporter_fixture.c -- the fixture documents of the exporter tests and the stage
 * that annotates them by hand (see test_exporter_fixture.h).
 *
 * "article" is a short news story in the style of examples/putin-iran.txt with every
 * layer: paragraphs, sentences, tokens, five quotations (a partial one, a full one
 * continued in a later paragraph, a speaker met only as "he", an unknown speaker),
 * a summary, metadata, warnings and a generic layer with attributes of every type.
 * "escapes" holds what a serialiser gets wrong: double quotes and a backslash inside a
 * quotation, a tab, a control byte, CRLF, a newline inside a quotation, accents, CJK and
 * an emoji. "separators" holds U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR (in a
 * sentence, a quotation, a speaker's name and a raw metadata value) next to the curly
 * quotes that share their first two bytes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_exporter_fixture.h"

static const char article_text[] =
    "Putin arrives in Iran\n"
    "\n"
    "National Security Advisor Jake Sullivan said Tehran plans to provide ‘hundreds’ of "
    "drones. “This is an important visit for Putin personally,” said Andrey Kortunov.\n"
    "\n"
    "“The Kremlin doesn’t want to be isolated,” he added. Sullivan warned of “lessons” "
    "within weeks. One post read: “Iran is the centre.”\n";

static const char escapes_text[] = "Café owner Zoë said “I said \"no\" to C:\\temp” and left."
                                   "\tTab\x01"
                                   "ctl 東京 😀\r\n"
                                   "“Line one,\nline two” was all.";

/* LS = U+2028 (E2 80 A8), PS = U+2029 (E2 80 A9). */
#define LS "\xe2\x80\xa8"
#define PS "\xe2\x80\xa9"
static const char separators_text[] =
    "Aid arrived" LS "today." PS "“We need" LS "more” said Ana" PS "Lima.";

static const char empty_quotes_text[] = "No one was quoted in this report.\n";
static const char bare_text[] = "Just text, no layers.";
/* A Russian reporter's name: two bytes per letter, so that a byte offset can cut one. */
static const char cyrillic_text[] = "\xd0\x9f\xd1\x83\xd1\x82\xd0\xb8\xd0\xbd said no.";

/* 300 sentences of 14 bytes, each with a quote and a backslash, a few with a U+2028: more
 * than the exporter notes for its summary to copy (256). */
#define MANY_SENTENCES 300
#define MANY_LEN 14
static char many_text[MANY_SENTENCES * MANY_LEN + 1];

static const char *many_sentences_text(void)
{
    if (!many_text[0]) {
        for (int i = 0; i < MANY_SENTENCES; i++)
            memcpy(many_text + i * MANY_LEN, i % 7 ? "S\"q\"\\ ends.   " : "S" LS "q\" ends.   ",
                   MANY_LEN);
        many_text[MANY_SENTENCES * MANY_LEN - 1] = '\0'; /* no space at the end */
    }
    return many_text;
}

const char *exp_fx_text(const char *id)
{
    if (strcmp(id, "many-sentences") == 0)
        return many_sentences_text();
    if (strcmp(id, "article") == 0)
        return article_text;
    if (strcmp(id, "escapes") == 0)
        return escapes_text;
    if (strcmp(id, "separators") == 0)
        return separators_text;
    if (strcmp(id, "empty-quotes") == 0)
        return empty_quotes_text;
    if (strcmp(id, "bad-span") == 0 || strcmp(id, "reserved-names") == 0)
        return empty_quotes_text;
    if (strcmp(id, "cut-char") == 0 || strcmp(id, "bad-utf8") == 0)
        return cyrillic_text;
    return bare_text;
}

/* ---- span helpers: offsets found in the text, never typed by hand ---- */

/* Start of the first occurrence of needle at or after byte from. */
static uint32_t at(const char *text, const char *needle, uint32_t from)
{
    const char *p = strstr(text + from, needle);
    assert_non_null(p);
    return (uint32_t)(p - text);
}

static uint32_t end_of(const char *text, const char *needle, uint32_t from)
{
    return at(text, needle, from) + (uint32_t)strlen(needle);
}

/* The quotation `inner` between marks of `mark_len` bytes each, found after from. */
static lede_quote quote_at(const char *text, const char *inner, uint32_t from, size_t mark_len)
{
    lede_quote q;
    memset(&q, 0, sizeof q);
    q.start = at(text, inner, from);
    q.end = q.start + (uint32_t)strlen(inner);
    q.mark_start = q.start - (uint32_t)mark_len;
    q.mark_end = q.end + (uint32_t)mark_len;
    q.speaker_start = q.speaker_end = LEDE_NONE;
    q.cue_start = q.cue_end = LEDE_NONE;
    q.continues = LEDE_NONE;
    q.kind = LEDE_QUOTE_FULL;
    return q;
}

static void mention(lede_quote *q, const char *text, const char *name, uint32_t from)
{
    q->speaker_start = at(text, name, from);
    q->speaker_end = end_of(text, name, from);
}

static void cue(lede_quote *q, const char *text, const char *word, uint32_t from)
{
    q->cue_start = at(text, word, from);
    q->cue_end = end_of(text, word, from);
}

static lede_sentence sentence(const char *text, const char *first, const char *last, uint32_t from,
                              uint32_t paragraph)
{
    lede_sentence s;
    memset(&s, 0, sizeof s);
    s.start = at(text, first, from);
    s.end = end_of(text, last, s.start);
    s.paragraph = paragraph;
    return s;
}

#define CHECK(expr)                                                                                \
    do {                                                                                           \
        if ((expr) != 0)                                                                           \
            return lede_error_set(err, LEDE_ENOMEM, "fixture: %s failed", #expr);                  \
    } while (0)

/* ---- the documents ---- */

static int build_article(lede_doc *doc, const char *t, lede_error *err)
{
    uint32_t p1 = at(t, "National", 0), p2 = at(t, "“The Kremlin", 0);
    lede_paragraph *paras = lede_doc_alloc(doc, 3 * sizeof *paras);
    lede_sentence *s = lede_doc_alloc(doc, 6 * sizeof *s);
    lede_quote *q = lede_doc_alloc(doc, 5 * sizeof *q);
    lede_summary_item *sum = lede_doc_alloc(doc, 2 * sizeof *sum);
    lede_token *tok = lede_doc_alloc(doc, 4 * sizeof *tok);
    static const char *const words[] = {"Putin", "arrives", "in", "Iran"};
    lede_layer *ent;
    size_t k;

    if (!paras || !s || !q || !sum || !tok)
        return lede_error_set(err, LEDE_ENOMEM, "fixture: out of memory");

    paras[0] = (lede_paragraph){0, end_of(t, "Iran", 0), 0, 1};
    paras[1] = (lede_paragraph){p1, end_of(t, "Kortunov.", p1), 1, 3};
    paras[2] = (lede_paragraph){p2, end_of(t, "centre.”", p2), 3, 6};
    lede_doc_set_paragraphs(doc, paras, 3);

    s[0] = sentence(t, "Putin", "Iran", 0, 0);
    s[1] = sentence(t, "National", "drones.", p1, 1);
    s[2] = sentence(t, "“This", "Kortunov.", p1, 1);
    s[3] = sentence(t, "“The Kremlin", "added.", p2, 2);
    s[4] = sentence(t, "Sullivan warned", "weeks.", p2, 2);
    s[5] = sentence(t, "One post", "centre.”", p2, 2);
    lede_doc_set_sentences(doc, s, 6);

    for (k = 0; k < 4; k++) {
        tok[k].start = at(t, words[k], k ? tok[k - 1].end : 0);
        tok[k].end = tok[k].start + (uint32_t)strlen(words[k]);
        tok[k].kind = LEDE_TOK_WORD;
    }
    lede_doc_set_tokens(doc, tok, 4);

    q[0] = quote_at(t, "hundreds", p1, strlen("‘"));
    q[0].kind = LEDE_QUOTE_PARTIAL;
    q[0].speaker = "Jake Sullivan";
    mention(&q[0], t, "Jake Sullivan", p1);
    cue(&q[0], t, "said", p1);
    q[0].confidence = 0.85f;

    q[1] = quote_at(t, "This is an important visit for Putin personally,", p1, strlen("“"));
    q[1].speaker = "Andrey Kortunov";
    mention(&q[1], t, "Andrey Kortunov", p1);
    cue(&q[1], t, "said", q[1].end);
    q[1].confidence = 0.9f;

    q[2] = quote_at(t, "The Kremlin doesn’t want to be isolated,", p2, strlen("“"));
    q[2].speaker = "Andrey Kortunov";
    mention(&q[2], t, "he", q[2].end);
    cue(&q[2], t, "added", q[2].end);
    q[2].continues = 1;
    q[2].confidence = 0.7f;

    q[3] = quote_at(t, "lessons", p2, strlen("“"));
    q[3].kind = LEDE_QUOTE_PARTIAL;
    q[3].speaker = "Jake Sullivan";
    mention(&q[3], t, "Sullivan", p2);
    cue(&q[3], t, "warned", p2);
    q[3].confidence = 0.6f;

    q[4] = quote_at(t, "Iran is the centre.", p2, strlen("“"));
    cue(&q[4], t, "read", p2);
    q[4].confidence = 0.3f;
    lede_doc_set_quotes(doc, q, 5);

    sum[0] = (lede_summary_item){1, 0.91234f};
    sum[1] = (lede_summary_item){3, 0.5f};
    lede_doc_set_summary(doc, sum, 2);

    CHECK(lede_doc_meta_add(doc, "source", "\"Daily Mail\"", 12));
    CHECK(lede_doc_meta_add(doc, "year", "2022", 4));
    CHECK(lede_doc_meta_add(doc, "tags", "[\"russia\",\n \"iran\"]", 19));

    ent = lede_doc_layer(doc, "entity", 1);
    assert_non_null(ent);
    CHECK(lede_layer_add(ent, at(t, "Jake Sullivan", 0), end_of(t, "Jake Sullivan", 0), &k));
    CHECK(lede_layer_set_str(ent, k, "type", "PERSON", 6));
    CHECK(lede_layer_set_int(ent, k, "mentions", 2));
    CHECK(lede_layer_set_num(ent, k, "salience", 1.0 / 3.0));
    CHECK(lede_layer_set_bool(ent, k, "resolved", 1));
    CHECK(lede_layer_add(ent, at(t, "Tehran", 0), end_of(t, "Tehran", 0), &k));
    CHECK(lede_layer_set_str(ent, k, "type", "GPE", 3));
    CHECK(lede_layer_set_int(ent, k, "mentions", -1));
    CHECK(lede_layer_set_num(ent, k, "salience", 1.0));
    CHECK(lede_layer_set_bool(ent, k, "resolved", 0));
    CHECK(lede_layer_set_str(ent, k, "text", "Teheran", 7)); /* shadows the span's text */

    lede_doc_warn(doc, at(t, "Tehran", 0), "unknown place '%s'", "Tehran");
    lede_doc_warn(doc, LEDE_NONE, "no byline");
    return 0;
}

static int build_escapes(lede_doc *doc, const char *t, lede_error *err)
{
    lede_sentence *s = lede_doc_alloc(doc, 3 * sizeof *s);
    lede_quote *q = lede_doc_alloc(doc, 2 * sizeof *q);
    lede_summary_item *sum = lede_doc_alloc(doc, sizeof *sum);

    if (!s || !q || !sum)
        return lede_error_set(err, LEDE_ENOMEM, "fixture: out of memory");
    s[0] = sentence(t, "Café", "left.", 0, LEDE_NONE);
    s[1] = sentence(t, "Tab", "😀", 0, LEDE_NONE);
    s[2] = sentence(t, "“Line", "all.", 0, LEDE_NONE);
    lede_doc_set_sentences(doc, s, 3);

    q[0] = quote_at(t, "I said \"no\" to C:\\temp", 0, strlen("“"));
    q[0].speaker = "Zoë";
    mention(&q[0], t, "Zoë", 0);
    cue(&q[0], t, "said", 0);
    q[0].confidence = 1.0f;
    q[1] = quote_at(t, "Line one,\nline two", 0, strlen("“"));
    q[1].confidence = 0.5f;
    lede_doc_set_quotes(doc, q, 2);

    sum[0] = (lede_summary_item){1, 0.25f};
    lede_doc_set_summary(doc, sum, 1);
    CHECK(lede_doc_meta_add(doc, "by", "\"Zo\\u00eb\"", 10));
    return 0;
}

static int build_separators(lede_doc *doc, const char *t, lede_error *err)
{
    lede_sentence *s = lede_doc_alloc(doc, 2 * sizeof *s);
    lede_quote *q = lede_doc_alloc(doc, sizeof *q);
    lede_summary_item *sum = lede_doc_alloc(doc, sizeof *sum);

    if (!s || !q || !sum)
        return lede_error_set(err, LEDE_ENOMEM, "fixture: out of memory");
    s[0] = sentence(t, "Aid", "today.", 0, LEDE_NONE);
    s[1] = sentence(t, "“We", "Lima.", 0, LEDE_NONE);
    lede_doc_set_sentences(doc, s, 2);
    q[0] = quote_at(t, "We need" LS "more", 0, strlen("“"));
    q[0].speaker = "Ana" PS "Lima";
    mention(&q[0], t, "Ana" PS "Lima", 0);
    cue(&q[0], t, "said", 0);
    q[0].confidence = 1.0f;
    lede_doc_set_quotes(doc, q, 1);
    sum[0] = (lede_summary_item){0, 0.5f};
    lede_doc_set_summary(doc, sum, 1);
    static const char note[] = "\"a" LS "b\""; /* a raw JSON string */
    CHECK(lede_doc_meta_add(doc, "note", note, sizeof note - 1));
    return 0;
}

static int build_empty_quotes(lede_doc *doc, const char *t, lede_error *err)
{
    lede_sentence *s = lede_doc_alloc(doc, sizeof *s);

    if (!s)
        return lede_error_set(err, LEDE_ENOMEM, "fixture: out of memory");
    s[0] = sentence(t, "No one", "report.", 0, 0);
    lede_doc_set_sentences(doc, s, 1);
    lede_doc_set_quotes(doc, NULL, 0);
    return 0;
}

static int build_bad_span(lede_doc *doc, const char *t, lede_error *err)
{
    lede_quote *q = lede_doc_alloc(doc, sizeof *q);
    size_t len = strlen(t);

    if (!q)
        return lede_error_set(err, LEDE_ENOMEM, "fixture: out of memory");
    *q = quote_at(t, "quoted", 0, 0);
    q->end = (uint32_t)len + 10; /* past the end: a buggy upstream stage */
    lede_doc_set_quotes(doc, q, 1);
    return 0;
}

/* A sentence ending in the middle of the second letter of Путин: a buggy upstream stage. */
static int build_cut_char(lede_doc *doc, lede_error *err)
{
    lede_sentence *s = lede_doc_alloc(doc, sizeof *s);

    if (!s)
        return lede_error_set(err, LEDE_ENOMEM, "fixture: out of memory");
    s->start = 0;
    s->end = 3;
    s->tok_begin = s->tok_end = s->paragraph = 0;
    lede_doc_set_sentences(doc, s, 1);
    return 0;
}

/* A speaker and an attribute holding bytes that are not UTF-8 (\xff, a cut letter). */
static int build_bad_utf8(lede_doc *doc, const char *t, lede_error *err)
{
    lede_quote *q = lede_doc_alloc(doc, sizeof *q);
    lede_layer *l = lede_doc_layer(doc, "tags", 1);
    size_t k;

    if (!q || !l || lede_layer_add(l, 0, 10, &k) ||
        lede_layer_set_str(l, k, "note", "a\xff\xfe", 3))
        return lede_error_set(err, LEDE_ENOMEM, "fixture: out of memory");
    *q = quote_at(t, "no", 0, 0);
    q->speaker = "\xd0\x9f\xd1";
    lede_doc_set_quotes(doc, q, 1);
    return 0;
}

static int build_reserved_names(lede_doc *doc, const char *t, lede_error *err)
{
    lede_layer *l = lede_doc_layer(doc, "tokens", 1);
    size_t k;

    assert_non_null(l);
    CHECK(lede_layer_add(l, at(t, "No", 0), end_of(t, "No", 0), &k));
    CHECK(lede_layer_set_bool(l, k, "start", 1)); /* shadows the span's start */
    return 0;
}

/* Every sentence of many_text, and a summary of sentences before and past the 256th. */
static int build_many_sentences(lede_doc *doc, lede_error *err)
{
    static const uint32_t picks[] = {0, 5, 7, 255, 256, 299};
    lede_sentence *s = lede_doc_alloc(doc, MANY_SENTENCES * sizeof *s);
    lede_summary_item *sum = lede_doc_alloc(doc, sizeof picks / sizeof *picks * sizeof *sum);

    if (!s || !sum)
        return lede_error_set(err, LEDE_ENOMEM, "fixture: out of memory");
    for (uint32_t i = 0; i < MANY_SENTENCES; i++) {
        s[i].start = i * MANY_LEN;
        s[i].end = i * MANY_LEN + (i % 7 ? 11 : 12); /* S"q"\ ends. or S<LS>q" ends. */
        s[i].paragraph = 0;
    }
    lede_doc_set_sentences(doc, s, MANY_SENTENCES);
    for (size_t i = 0; i < sizeof picks / sizeof *picks; i++)
        sum[i] = (lede_summary_item){picks[i], 0.5f};
    lede_doc_set_summary(doc, sum, sizeof picks / sizeof *picks);
    return 0;
}

static int fixture_process(void *instance, lede_doc *doc, lede_error *err)
{
    const char *id = lede_doc_id(doc), *text = lede_doc_text(doc, NULL);

    (void)instance;
    if (strcmp(id, "article") == 0)
        return build_article(doc, text, err);
    if (strcmp(id, "escapes") == 0)
        return build_escapes(doc, text, err);
    if (strcmp(id, "separators") == 0)
        return build_separators(doc, text, err);
    if (strcmp(id, "empty-quotes") == 0)
        return build_empty_quotes(doc, text, err);
    if (strcmp(id, "bad-span") == 0)
        return build_bad_span(doc, text, err);
    if (strcmp(id, "reserved-names") == 0)
        return build_reserved_names(doc, text, err);
    if (strcmp(id, "cut-char") == 0)
        return build_cut_char(doc, err);
    if (strcmp(id, "bad-utf8") == 0)
        return build_bad_utf8(doc, text, err);
    if (strcmp(id, "many-sentences") == 0)
        return build_many_sentences(doc, err);
    if (strcmp(id, "fails") == 0)
        return lede_error_set(err, LEDE_ESTAGE, "refused \"fails\" at byte 3\n(on purpose)");
    return 0; /* any other id: no layers at all */
}

static int fixture_create(lede_stage_ctx *ctx, const lede_options *opts, void **instance,
                          lede_error *err)
{
    (void)ctx, (void)opts, (void)err;
    *instance = NULL;
    return 0;
}

static const char *const fixture_layers[] = {LEDE_LAYER_TOKEN,     LEDE_LAYER_SENTENCE,
                                             LEDE_LAYER_PARAGRAPH, LEDE_LAYER_QUOTE,
                                             LEDE_LAYER_SUMMARY,   NULL};

const lede_stage_desc exp_fx_stage = {
    LEDE_ABI_VERSION,
    sizeof(lede_stage_desc),
    "fixture",
    "test-only: sets the layers of the exporter's fixture documents by hand",
    "1.0.0",
    NULL,
    fixture_layers, /* on the documents that have them: the exporter requires none */
    NULL,
    0,
    fixture_create,
    fixture_process,
    NULL,
    NULL,
};

lede_harness *exp_fx_harness(const char *exporter_options)
{
    lede_harness *h = NULL;
    lede_error err;

    lede_error_clear(&err);
    assert_int_equal(lede_harness_new(&h, &err), 0);
    if (lede_harness_add(h, &exp_fx_stage, NULL, &err) ||
        lede_harness_add(h, &exporter_LTX_lede_stage, exporter_options, &err))
        fail_msg("harness: %s", err.message);
    return h;
}

const char *exp_fx_run(lede_harness *h, const char *id, int want_rc)
{
    const char *text = exp_fx_text(id);
    lede_doc *doc;
    lede_error err;
    size_t before, after;
    int rc;

    lede_error_clear(&err);
    lede_harness_output(h, &before);
    rc = lede_harness_run(h, id, text, strlen(text), &doc, &err);
    if (rc != want_rc)
        fail_msg("running '%s': got %d, want %d (%s)", id, rc, want_rc, err.message);
    return lede_harness_output(h, &after) + before;
}

void exp_fx_check_golden(const char *actual, const char *name)
{
    char path[1024], out[1024];
    FILE *f;
    char *want;
    long n;
    size_t got = strlen(actual);

    snprintf(path, sizeof path, "%s/tests/fixtures/exporter/%s", LEDE_SOURCE_DIR, name);
    snprintf(out, sizeof out, "%s/tests/%s.actual", LEDE_BINARY_DIR, name);
    f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open golden file %s", path);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    want = malloc((size_t)n + 1);
    assert_non_null(want);
    assert_int_equal(fread(want, 1, (size_t)n, f), (size_t)n);
    want[n] = '\0';
    fclose(f);
    /* want is freed before the verdict: fail_msg() jumps out of the test. */
    int same = (size_t)n == got && memcmp(want, actual, got) == 0;
    free(want);
    if (!same) {
        FILE *o = fopen(out, "wb");
        if (o) {
            fwrite(actual, 1, got, o);
            fclose(o);
        }
        fail_msg("output differs from %s: diff -u %s %s", name, path, out);
    }
}
