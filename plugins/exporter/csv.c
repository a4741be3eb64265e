/*
 * csv.c -- renders a document's quotations as CSV rows (format = csv), one row per
 * quotation, for spreadsheets and data frames.
 *
 * The dialect is RFC 4180: comma-separated, CRLF line ends, a field quoted with double
 * quotes when it holds a comma, a double quote, CR or LF, and a double quote inside a
 * quoted field doubled. Text is UTF-8, written as is (no byte-order mark); a field holding
 * U+2028 or U+2029 is quoted too, as a field with a line break is, since some tools take
 * them for line ends (the characters stay: CSV carries the text, not a rendering of it).
 * A document without quotations yields no row; a failed document yields one row whose only filled
 * fields are the id and `error` ("stage: message"), so that a batch export still accounts
 * for every document. Columns (fixed; docs/output.md describes them):
 *   id, quote_index, text, speaker, cue, kind, start, end, continues, confidence, error
 * start and end are byte offsets of the quotation without its marks; speaker, cue and
 * continues are empty when unknown.
 */
#include "exporter.h"

const char exp_csv_header[] =
    "id,quote_index,text,speaker,cue,kind,start,end,continues,confidence,error\r\n";

/* The inside of a quoted field: every double quote doubled. */
static void put_quoted_body(exp_out *o, const char *s, size_t n)
{
    size_t i, run;

    for (i = run = 0; i < n; i++) {
        if (s[i] == '"') {
            exp_put(o, s + run, i + 1 - run); /* the quote itself, then its double */
            exp_putc(o, '"');
            run = i + 1;
        }
    }
    exp_put(o, s + run, n - run);
}

/* One field, quoted only when it must be. */
static void put_field(exp_out *o, const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n' ||
            exp_is_unicode_break(s + i, n - i))
            break;
    if (i == n) {
        exp_put(o, s, n);
        return;
    }
    exp_putc(o, '"');
    put_quoted_body(o, s, n);
    exp_putc(o, '"');
}

static void put_cstr_field(exp_out *o, const char *s)
{
    if (s)
        put_field(o, s, strlen(s));
}

void exp_render_csv(const exp_instance *x, lede_doc *doc, exp_out *o, lede_error *err)
{
    size_t n, len;
    const lede_quote *q = lede_doc_quotes(doc, &n);
    const char *text = lede_doc_text(doc, &len);
    const char *id = lede_doc_id(doc);
    size_t id_len = strlen(id);

    const uint32_t *map = x->chars && n ? exp_char_map(doc, text, len, o, err) : NULL;
    exp_skips skips;
    exp_skips_init(&skips, doc);

    for (size_t i = 0; i < n && o->rc == 0; i++) {
        if (!exp_span_ok(o, err, doc, "quote", i, q[i].start, q[i].end, len))
            return;
        put_field(o, id, id_len);
        exp_putc(o, ',');
        exp_put_u64(o, i);
        exp_putc(o, ',');
        const char *shown;
        size_t shown_len;
        exp_shown_text(&skips, text, q[i].start, q[i].end, &shown, &shown_len, o, err);
        put_field(o, shown, shown_len);
        exp_putc(o, ',');
        put_cstr_field(o, q[i].speaker);
        exp_putc(o, ',');
        if (q[i].cue_start != LEDE_NONE) {
            if (!exp_span_ok(o, err, doc, "cue of quote", i, q[i].cue_start, q[i].cue_end, len))
                return;
            put_field(o, text + q[i].cue_start, q[i].cue_end - q[i].cue_start);
        }
        exp_putc(o, ',');
        put_cstr_field(o, exp_quote_kind_name(q[i].kind));
        exp_putc(o, ',');
        exp_put_offset(o, map, q[i].start);
        exp_putc(o, ',');
        exp_put_offset(o, map, q[i].end);
        exp_putc(o, ',');
        if (q[i].continues != LEDE_NONE)
            exp_put_u64(o, q[i].continues);
        exp_putc(o, ',');
        exp_put_num(o, q[i].confidence);
        EXP_LIT(o, ",\r\n"); /* error: empty */
    }
}

void exp_render_csv_error(const exp_instance *x, const lede_doc *doc, const char *stage,
                          const char *message, exp_out *o)
{
    const char *id = lede_doc_id(doc);

    (void)x;
    if (!stage || !*stage)
        stage = "lede";
    if (!message)
        message = "";
    put_field(o, id, strlen(id));
    EXP_LIT(o, ",,,,,,,,,,");
    /* "stage: message" as one field, always quoted (legal, and simpler than deciding). */
    exp_putc(o, '"');
    put_quoted_body(o, stage, strlen(stage));
    EXP_LIT(o, ": ");
    put_quoted_body(o, message, strlen(message));
    EXP_LIT(o, "\"\r\n");
}
