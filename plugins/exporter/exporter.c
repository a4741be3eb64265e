/*
 * exporter.c -- the exporter stage: its descriptor, options and life cycle. It renders
 * each document, or its error record, into the output buffer of one sink, in the format
 * the config names (json, ndjson, markdown, csv); json.c, csv.c and markdown.c hold the
 * renderers.
 *
 * The exporter requires no layer: it writes whatever layers the document has, so a new
 * stage's generic layer shows up in the output without a change here (all but the
 * tokenizer's note "skipped", which only shapes a sentence's text: skipped.h); CSV, a row
 * per quotation, warns in create() when no stage before it provides them. It is flagged
 * LEDE_STAGE_RENDERS_ERRORS, so a document that failed upstream reaches it and becomes an
 * error record: every input document yields exactly one record. It is also flagged
 * LEDE_STAGE_SHAREABLE: its instance is read-only after create(), and one instance means
 * one CSV header however many workers run.
 *
 * Should rendering itself fail (a span outside the text, a buffer past its cap), the
 * partial record is discarded and an error record naming the exporter takes its place;
 * process() still returns the failure so that the run's exit status reports it.
 *
 * A huge document's JSON record is not built whole in memory when the host writes output
 * as it comes (lede_doc_output_streams: one worker): it is rendered once with each piece
 * of EXP_PIECE bytes dropped as soon as it is made, which shows whether rendering succeeds
 * (if not, the error record as above), then again with each piece handed to the host
 * (lede_doc_output_flush). The second rendering makes the same appends into a buffer the
 * first one already grew, so it cannot fail once a piece is out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exporter.h"

static const char *const format_names[] = {"json", "ndjson", "markdown", "csv", NULL};
static const char *const offset_units[] = {"bytes", "chars", NULL};

static const lede_option_desc exporter_options[] = {
    {"format", LEDE_OPT_ENUM, "json", "output format: json, ndjson, markdown or csv", LEDE_NO_RANGE,
     format_names},
    {"output", LEDE_OPT_STRING, "-",
     "file to write (created or truncated; relative to the current directory), - for stdout",
     LEDE_NO_RANGE, NULL},
    {"pretty", LEDE_OPT_BOOL, "true", "json: one member and one array element per line",
     LEDE_NO_RANGE, NULL},
    {"tokens", LEDE_OPT_BOOL, "false", "json/ndjson: include the token layer", LEDE_NO_RANGE, NULL},
    {"text", LEDE_OPT_BOOL, "false", "json/ndjson: include the document's full text", LEDE_NO_RANGE,
     NULL},
    {"offsets", LEDE_OPT_ENUM, "bytes",
     "json/ndjson/csv: offsets in UTF-8 bytes, or in chars (Unicode code points)", LEDE_NO_RANGE,
     offset_units},
    LEDE_OPTIONS_END};

static int exporter_create(lede_stage_ctx *ctx, const lede_options *opts, void **instance,
                           lede_error *err)
{
    exp_instance *x;
    const char *format = lede_opt_str(opts, "format");
    const char *output = lede_opt_str(opts, "output");
    int rc;

    *instance = NULL;
    x = calloc(1, sizeof *x);
    if (!x)
        return lede_error_set(err, LEDE_ENOMEM, "exporter: out of memory creating the stage");
    *instance = x;
    x->format = EXP_JSON;
    for (int i = 0; format_names[i]; i++)
        if (strcmp(format, format_names[i]) == 0)
            x->format = (exp_format)i;
    x->pretty = lede_opt_bool(opts, "pretty");
    x->tokens = lede_opt_bool(opts, "tokens");
    x->text = lede_opt_bool(opts, "text");
    x->chars = strcmp(lede_opt_str(opts, "offsets"), "chars") == 0;

    /* An option the format ignores was set for a reason the user expects to see honoured:
     * say so (a warning: an override of format= on a config keeps working). */
    static const struct {
        const char *name;
        unsigned formats; /* 1 << exp_format where it applies */
    } scope[] = {{"pretty", 1u << EXP_JSON},
                 {"tokens", 1u << EXP_JSON | 1u << EXP_NDJSON},
                 {"text", 1u << EXP_JSON | 1u << EXP_NDJSON},
                 {"offsets", 1u << EXP_JSON | 1u << EXP_NDJSON | 1u << EXP_CSV}};
    for (size_t i = 0; i < sizeof scope / sizeof scope[0]; i++)
        if (lede_opt_is_set(opts, scope[i].name) && !(scope[i].formats & (1u << x->format)))
            fprintf(stderr,
                    "lede: warning: stage '%s': option '%s' has no effect with format = %s\n",
                    lede_ctx_name(ctx), scope[i].name, format);
    /* CSV is a row per quotation: without a quotes stage it would be a header alone. A
     * warning, like the above: format=csv set on a config for a test run keeps working. */
    if (x->format == EXP_CSV && !lede_ctx_provided(ctx, LEDE_LAYER_QUOTE))
        fprintf(stderr,
                "lede: warning: stage '%s': format = csv writes a row per quotation, and no "
                "earlier stage provides 'quote': put 'quotes' before it\n",
                lede_ctx_name(ctx));
    rc = lede_ctx_open_output(ctx, output && *output ? output : "-", &x->sink, err);
    if (rc)
        return rc;
    if (x->format == EXP_CSV)
        return lede_ctx_write(ctx, x->sink, exp_csv_header, strlen(exp_csv_header), err);
    return 0;
}

static void render_error(const exp_instance *x, const lede_doc *doc, const char *stage,
                         const char *message, exp_out *o)
{
    switch (x->format) {
    case EXP_CSV:
        exp_render_csv_error(x, doc, stage, message, o);
        break;
    case EXP_MARKDOWN:
        exp_render_markdown_error(x, doc, stage, message, o);
        break;
    default:
        exp_render_json_error(x, doc, stage, message, o);
        break;
    }
}

/* Texts from this size up are rendered in pieces where the host streams (json, ndjson):
 * their records take some ten times their text (1 MiB: some 400 articles of the corpora). */
#define EXP_STREAM_MIN ((size_t)1 << 20)

void exp_piece_end(exp_out *o)
{
    lede_buf *b = o->b;
    if (o->pieces == EXP_MEASURE) {
        b->len = o->mark;
        b->data[b->len] = '\0';
        return;
    }
    lede_doc_output_flush(o->doc, o->sink);
    if (b->len == 0)
        o->mark = 0;
}

/* Drops what was appended to b since mark (a partial record). */
static void discard(lede_buf *b, size_t mark)
{
    b->len = mark;
    if (b->data)
        b->data[mark] = '\0';
}

static void render_doc(const exp_instance *x, lede_doc *doc, exp_out *o, lede_error *err)
{
    switch (x->format) {
    case EXP_CSV:
        exp_render_csv(x, doc, o, err);
        break;
    case EXP_MARKDOWN:
        exp_render_markdown(x, doc, o, err);
        break;
    default:
        exp_render_json(x, doc, o, err);
        break;
    }
}

static int exporter_process(void *instance, lede_doc *doc, lede_error *err)
{
    const exp_instance *x = instance;
    lede_buf *b = lede_doc_output(doc, x->sink);
    const char *stage, *message;
    lede_error local;
    exp_out o;
    size_t mark;
    int rc;

    if (!err)
        err = &local;
    if (!b)
        return lede_error_set(err, LEDE_EINVAL, "document '%s': exporter has no output sink %d",
                              lede_doc_id(doc), x->sink);
    mark = b->len;
    memset(&o, 0, sizeof o);
    o.b = b;
    o.text = lede_doc_text(doc, NULL);
    if (lede_doc_failed(doc, &stage, &message)) {
        render_error(x, doc, stage, message, &o);
        if (o.rc == 0)
            return 0;
        discard(b, mark);
        return lede_error_set(err, o.rc, "document '%s': rendering the error record: %s",
                              lede_doc_id(doc), lede_strerror(o.rc));
    }
    size_t len;
    lede_doc_text(doc, &len);
    if ((x->format == EXP_JSON || x->format == EXP_NDJSON) && len >= EXP_STREAM_MIN &&
        lede_doc_output_streams(doc, x->sink)) {
        o.pieces = EXP_MEASURE;
        o.mark = mark;
        o.doc = doc;
        o.sink = x->sink;
        render_doc(x, doc, &o, err);
        if (o.rc == 0) {
            discard(b, mark);
            o.pieces = EXP_STREAM;
            render_doc(x, doc, &o, err);
        }
        mark = o.mark; /* a failure with pieces out cannot happen: see the top */
    } else {
        render_doc(x, doc, &o, err);
    }
    if (o.rc == 0)
        return 0;
    /* LEDE_EINVAL comes with a message naming the bad span; the others only set the code. */
    if (o.rc != LEDE_EINVAL)
        lede_error_set(err, o.rc, "document '%s': rendering %s output: %s", lede_doc_id(doc),
                       format_names[x->format], lede_strerror(o.rc));
    /* An error record replaces the partial record (it is small, so it usually fits). */
    rc = o.rc;
    discard(b, mark);
    o.rc = 0;
    render_error(x, doc, lede_doc_stage(doc), err->message, &o);
    if (o.rc)
        discard(b, mark);
    return rc;
}

static void exporter_destroy(void *instance)
{
    free(instance);
}

LEDE_STAGE_DEFINE(exporter) = {
    LEDE_ABI_VERSION,
    sizeof(lede_stage_desc),
    "exporter",
    "renders each document (or its error record) as JSON, NDJSON, Markdown or CSV",
    "1.0.0",
    NULL, /* requires nothing: serialises whatever layers are present */
    NULL, /* provides nothing */
    exporter_options,
    LEDE_STAGE_RENDERS_ERRORS | LEDE_STAGE_SHAREABLE,
    exporter_create,
    exporter_process,
    NULL, /* no format needs a trailer: json records are concatenated, not an array */
    exporter_destroy,
};
