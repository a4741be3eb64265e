/*
 * test_exporter_pieces.c -- a huge document's record goes out in pieces where the host
 * streams (issue #6), byte for byte the record rendered whole.
 *
 * A test stage gives a generated text of a few MiB a sentence every 100 bytes, a
 * quotation every 1000 and a summary of five sentences. The record is rendered once with a writer
 * of pieces installed on the document, as `lede run -j 1` does (lede__pipeline_stream), then again
 * kept whole: the pieces and the rest the harness writes at the end must make the same record, no
 * piece may be much over EXP_PIECE, and the document's output buffer must stay small. A
 * document whose last quotation ends past the text must become the usual error record
 * with no piece handed over first.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../plugins/exporter/exporter.h"
#include "lede_internal.h"
#include "test_exporter_fixture.h"

enum { TEXT_LEN = 3 << 20, SENT = 100, QUOTE = 1000 };

/* Layers by hand: sentences of SENT bytes, a quotation in every QUOTE bytes; the document
 * "bad" ends with a quotation past its text. */
static int layers_process(void *instance, lede_doc *doc, lede_error *err)
{
    size_t len, n_sent, n_q;
    (void)instance, (void)err;
    lede_doc_text(doc, &len);
    n_sent = len / SENT;
    n_q = len / QUOTE;
    lede_sentence *s = lede_doc_alloc(doc, n_sent * sizeof *s);
    lede_quote *q = lede_doc_alloc(doc, n_q * sizeof *q);
    if (!s || !q)
        return LEDE_ENOMEM;
    for (size_t i = 0; i < n_sent; i++) {
        s[i].start = (uint32_t)(i * SENT);
        s[i].end = (uint32_t)(i * SENT + SENT - 1);
        s[i].tok_begin = s[i].tok_end = 0;
        s[i].paragraph = 0;
    }
    for (size_t i = 0; i < n_q; i++) {
        q[i].mark_start = (uint32_t)(i * QUOTE + 10);
        q[i].start = q[i].mark_start + 1;
        q[i].end = q[i].start + 40;
        q[i].mark_end = q[i].end + 1;
        q[i].speaker = i % 2 ? "Jane Doe" : NULL;
        q[i].speaker_start = q[i].speaker_end = LEDE_NONE;
        q[i].cue_start = q[i].cue_end = LEDE_NONE;
        q[i].continues = LEDE_NONE;
        q[i].confidence = 0.5f;
    }
    if (strcmp(lede_doc_id(doc), "bad") == 0)
        q[n_q - 1].end = (uint32_t)len + 5;
    lede_doc_set_sentences(doc, s, n_sent);
    lede_doc_set_quotes(doc, q, n_q);
    /* a summary of sentences among the first 256 (a record kept whole copies their texts
     * from "sentences") and past them (escaped again), in the pieces the same bytes */
    static const uint32_t picks[] = {3, 100, 255, 256, 20000};
    lede_summary_item *sum = lede_doc_alloc(doc, sizeof picks / sizeof *picks * sizeof *sum);
    if (!sum)
        return LEDE_ENOMEM;
    size_t n_sum = 0;
    for (size_t i = 0; i < sizeof picks / sizeof *picks; i++)
        if (picks[i] < n_sent)
            sum[n_sum++] = (lede_summary_item){picks[i], 0.25f};
    lede_doc_set_summary(doc, sum, n_sum);
    return 0;
}

static int layers_create(lede_stage_ctx *ctx, const lede_options *opts, void **instance,
                         lede_error *err)
{
    (void)ctx, (void)opts, (void)err;
    *instance = NULL;
    return 0;
}

static const lede_stage_desc layers_stage = {
    LEDE_ABI_VERSION,
    sizeof(lede_stage_desc),
    "layers",
    "test-only: generated layers",
    "1.0.0",
    NULL,
    NULL,
    NULL,
    0,
    layers_create,
    layers_process,
    NULL,
    NULL,
};

/* The writer of pieces: keeps each piece and the largest, and empties the buffer. */
typedef struct pieces {
    lede_buf all;
    size_t n, largest;
} pieces;

static int take_piece(void *ctx, lede_doc *doc, int sink, int write)
{
    pieces *pc = ctx;
    lede_buf *b = lede_doc_output(doc, sink);
    if (!write)
        return 1;
    assert_int_equal(sink, 0);
    assert_int_equal(lede_buf_append(&pc->all, b->data, b->len), 0);
    pc->n++;
    if (b->len > pc->largest)
        pc->largest = b->len;
    lede_buf_reset(b);
    return 1;
}

static char *generated_text(void)
{
    char *text = malloc(TEXT_LEN + 1);
    assert_non_null(text);
    for (size_t i = 0; i < TEXT_LEN; i++)
        text[i] = i % 7 == 6 ? ' ' : (char)('a' + i % 23);
    text[TEXT_LEN] = '\0';
    return text;
}

static void run_whole_then_in_pieces(const char *options)
{
    char *text = generated_text();
    lede_harness *h;
    lede_doc *doc;
    lede_error err;
    size_t before, after;
    pieces pc;
    memset(&pc, 0, sizeof pc);
    lede_buf_init(&pc.all, 0);

    lede_error_clear(&err);
    assert_int_equal(lede_harness_new(&h, &err), 0);
    if (lede_harness_add(h, &layers_stage, NULL, &err) ||
        lede_harness_add(h, &exporter_LTX_lede_stage, options, &err))
        fail_msg("harness: %s", err.message);

    /* A small document first: the harness keeps its document, and the writer of pieces
     * goes on it before the big one meets an output buffer that is still small. */
    assert_int_equal(lede_harness_run(h, "small", text, 2 * QUOTE, &doc, &err), 0);
    assert_false(lede_doc_output_streams(doc, 0));
    lede__doc_set_flush(doc, take_piece, &pc);
    assert_true(lede_doc_output_streams(doc, 0));
    lede_harness_output(h, &before);
    assert_int_equal(lede_harness_run(h, "big", text, TEXT_LEN, &doc, &err), 0);
    assert_true(lede_doc_output(doc, 0)->cap < 4 * EXP_PIECE);
    const char *rest = lede_harness_output(h, &after) + before;
    assert_true(pc.n > 8);
    assert_true(pc.largest < EXP_PIECE + 4096);
    lede_buf streamed;
    lede_buf_init(&streamed, 0);
    assert_int_equal(lede_buf_append(&streamed, pc.all.data, pc.all.len), 0);
    assert_int_equal(lede_buf_append(&streamed, rest, after - before), 0);

    /* The same document kept whole. */
    lede__doc_set_flush(doc, NULL, NULL);
    lede_harness_output(h, &before);
    assert_int_equal(lede_harness_run(h, "big", text, TEXT_LEN, &doc, &err), 0);
    const char *whole = lede_harness_output(h, &after) + before;
    assert_true(after - before > 8 * EXP_PIECE);
    assert_int_equal(streamed.len, after - before);
    assert_memory_equal(streamed.data, whole, streamed.len);
    lede_buf_free(&streamed);

    /* A span past the text: the error record, and nothing handed over before it. */
    lede__doc_set_flush(doc, take_piece, &pc);
    pc.n = 0;
    lede_harness_output(h, &before);
    assert_int_not_equal(lede_harness_run(h, "bad", text, TEXT_LEN, &doc, &err), 0);
    assert_int_equal(pc.n, 0);
    rest = lede_harness_output(h, &after) + before;
    assert_non_null(strstr(rest, "\"error\""));
    assert_true(after - before < 1024);

    lede_harness_free(h);
    lede_buf_free(&pc.all);
    free(text);
}

static void test_ndjson_record_in_pieces_is_the_whole_record(void **state)
{
    (void)state;
    run_whole_then_in_pieces("format=ndjson");
}

static void test_pretty_json_with_char_offsets_in_pieces_is_the_whole_record(void **state)
{
    (void)state;
    run_whole_then_in_pieces("format=json offsets=chars");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ndjson_record_in_pieces_is_the_whole_record),
        cmocka_unit_test(test_pretty_json_with_char_offsets_in_pieces_is_the_whole_record),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
