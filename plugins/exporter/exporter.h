/*
 * exporter.h -- what the files of the exporter stage share: the instance, a writer with a
 * sticky error, and the three renderers.
 *
 * The exporter is the last stage of a pipeline and renders every document (and every
 * error record) into the document's output buffer, so its writer sits on the hot path of
 * every run: small appends go straight into the buffer's spare room (an inline memcpy),
 * and only an append that needs the buffer to grow calls into liblede. A failed append
 * is remembered in the writer (rc) instead of being checked after every field; the
 * renderer checks once at the end and the caller discards the partial record.
 *
 * Everything here is private to the stage: shared functions carry the exp_ prefix
 * because unit tests link several stages into one executable.
 */
#ifndef LEDE_EXPORTER_H
#define LEDE_EXPORTER_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../tokenizer/skipped.h"
#include "lede/stage.h"

typedef enum exp_format { EXP_JSON = 0, EXP_NDJSON, EXP_MARKDOWN, EXP_CSV } exp_format;

/* One exporter instance: read-only after create(), so one instance serves every worker. */
typedef struct exp_instance {
    exp_format format;
    int sink;   /* from lede_ctx_open_output */
    int pretty; /* json only */
    int tokens; /* json/ndjson: include the token layer */
    int text;   /* json/ndjson: include the full text */
    int chars;  /* json/ndjson/csv: offsets in code points instead of bytes */
} exp_instance;

/* A writer over a lede_buf; rc keeps the first failure (LEDE_ENOMEM, LEDE_ETOOBIG, or
 * LEDE_EINVAL for a span outside the text, with err filled by whoever found it). */
typedef struct exp_out {
    lede_buf *b;
    int rc;
    /* A huge record in pieces (exporter.c): EXP_WHOLE, or EXP_MEASURE (each piece is
     * dropped: the record is rendered to see that it succeeds, in bounded memory), or
     * EXP_STREAM (each piece is handed to the host with lede_doc_output_flush). */
    int pieces;
    size_t mark; /* where this record starts in b (0 once a piece went out) */
    lede_doc *doc;
    const char *text; /* the document's text, for exp_span_ok (set before any rendering) */
    int sink;
    const uint32_t *map; /* offsets=chars: the map an earlier rendering made, or NULL */
} exp_out;

enum { EXP_WHOLE = 0, EXP_MEASURE, EXP_STREAM };

/* A record holds at least this much before a piece of it is dropped or handed over. */
#define EXP_PIECE ((size_t)256 * 1024)

void exp_piece_end(exp_out *o);

/* Between two elements of a layer: ends a piece of a huge record once it is large. */
static inline void exp_piece(exp_out *o)
{
    if (o->pieces && o->b->len - o->mark >= EXP_PIECE)
        exp_piece_end(o);
}

static inline void exp_put(exp_out *o, const char *s, size_t n)
{
    lede_buf *b = o->b;

    /* The buffer keeps room for its NUL terminator: len + n + 1 <= cap. */
    if (b->len + n < b->cap && b->len + n <= b->max) {
        memcpy(b->data + b->len, s, n);
        b->len += n;
        b->data[b->len] = '\0';
        return;
    }
    if (o->rc == 0)
        o->rc = lede_buf_append(b, s, n);
}

static inline void exp_putc(exp_out *o, char c)
{
    exp_put(o, &c, 1);
}

/* Room for n more bytes at the end of the buffer, as exp_put checks it, or NULL (then
 * append through exp_put instead). Write at most n bytes there, then call exp_commit. */
static inline char *exp_room(exp_out *o, size_t n)
{
    lede_buf *b = o->b;
    return b->len + n < b->cap && b->len + n <= b->max ? b->data + b->len : NULL;
}

/* Ends a write into exp_room: the buffer now ends at end. */
static inline void exp_commit(exp_out *o, const char *end)
{
    lede_buf *b = o->b;
    b->len = (size_t)(end - b->data);
    b->data[b->len] = '\0';
}

/* Appends a string literal (its length is known at compile time). */
#define EXP_LIT(o, lit) exp_put((o), (lit), sizeof(lit) - 1)

/* ---- emit.c: numbers, spans, text helpers ---- */

/* Decimal integers without printf. */
void exp_put_u64(exp_out *o, uint64_t v);
/* "00" .. "99" (emit.c). */
extern const char exp_digit_pairs[201];
/* exp_write_u64 for any v (emit.c): the loop for v >= 10,000. */
char *exp_write_u64_long(char *p, uint64_t v);
/* Writes the digits of v at p and returns the byte after them: exactly as many bytes as v has
 * digits, so p needs room for 20, or 10 when v fits in 32 bits. Inline: offsets and indices,
 * written several times per sentence, are nearly always below 10,000, written without a
 * loop or a call. */
static inline char *exp_write_u64(char *p, uint64_t v)
{
    if (v < 100) {
        if (v < 10) {
            *p = (char)('0' + v);
            return p + 1;
        }
        memcpy(p, exp_digit_pairs + 2 * v, 2);
        return p + 2;
    }
    if (v < 10000) {
        uint32_t hi = (uint32_t)v / 100, lo = (uint32_t)v % 100;
        if (hi < 10) {
            *p = (char)('0' + hi);
            memcpy(p + 1, exp_digit_pairs + 2 * lo, 2);
            return p + 3;
        }
        memcpy(p, exp_digit_pairs + 2 * hi, 2);
        memcpy(p + 2, exp_digit_pairs + 2 * lo, 2);
        return p + 4;
    }
    return exp_write_u64_long(p, v);
}
void exp_put_i64(exp_out *o, int64_t v);
/* A float rounded to at most 4 decimals, trailing zeros dropped ("0.85", "1", "-0.0312");
 * NaN and infinities become null. Deterministic: no locale, no printf for |v| < 1e14. */
void exp_put_num(exp_out *o, double v);
/* Writes v as exp_put_num does at p (room for EXP_NUM_MAX bytes); returns the byte after. */
#define EXP_NUM_MAX 32
char *exp_write_num(char *p, double v);
/* s[0..n) as a quoted JSON string (lede_buf_json_string). Inline: every text goes here. */
static inline void exp_put_jstr(exp_out *o, const char *s, size_t n)
{
    if (o->rc == 0)
        o->rc = lede_buf_json_string(o->b, s, n);
}
/* The same for strings a stage made (ids, speakers, attributes, messages): invalid UTF-8 is
 * written as U+FFFD (lede_buf_json_text). Spans of the text, valid since it was loaded,
 * take exp_put_jstr. */
void exp_put_jtext(exp_out *o, const char *s, size_t n);
/* Records LEDE_EINVAL in o for span [start, end) of item i of layer, outside the text of len
 * bytes or cutting one of its UTF-8 characters, and fills err naming the layer, the item and
 * the document; returns 0. */
int exp_span_fail(exp_out *o, lede_error *err, const lede_doc *doc, const char *layer, size_t i,
                  uint32_t start, uint32_t end, size_t len);
/* 1 when [start, end) lies inside a text of len bytes and begins and ends on character
 * boundaries (no UTF-8 continuation byte at start or end); else exp_span_fail. Inline: every
 * span of every layer is checked. */
static inline int exp_span_ok(exp_out *o, lede_error *err, const lede_doc *doc, const char *layer,
                              size_t i, uint32_t start, uint32_t end, size_t len)
{
    if (start <= end && end <= len) {
        const unsigned char *t = (const unsigned char *)o->text;
        if ((start == len || (t[start] & 0xC0) != 0x80) && (end == len || (t[end] & 0xC0) != 0x80))
            return 1;
    }
    return exp_span_fail(o, err, doc, layer, i, start, end, len);
}
/* For offsets = chars: map[b] = code points before byte b, for b in [0, len], from the
 * document's arena. NULL with o->rc and err set when out of memory. */
uint32_t *exp_char_map(lede_doc *doc, const char *text, size_t len, exp_out *o, lede_error *err);
/* Writes byte offset v, or its code point offset when map is not NULL (v <= len). */
static inline void exp_put_offset(exp_out *o, const uint32_t *map, uint32_t v)
{
    exp_put_u64(o, map ? map[v] : v);
}
/* 1 when s[0..n) starts with U+2028 LINE SEPARATOR or U+2029 PARAGRAPH SEPARATOR (E2 80 A8,
 * E2 80 A9): line breaks to JavaScript before ES2019, to editors and to some line-oriented
 * tools, so every format treats them as line breaks of its own kind. */
static inline int exp_is_unicode_break(const char *s, size_t n)
{
    return n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
           ((unsigned char)s[2] == 0xA8 || (unsigned char)s[2] == 0xA9);
}
/* Name of a token kind ("word", "punct", ...); "other" for values out of range. */
const char *exp_token_kind_name(unsigned kind);
/* Name of a quote kind: "partial" or "full". */
const char *exp_quote_kind_name(unsigned kind);

/* ---- a sentence's shown text (emit.c) ---- */

/* The tokenizer's note of what a sentence's shown text leaves out (page furniture, the line
 * break before a lone full stop) is its generic layer SKIPPED_LAYER, packed as
 * plugins/tokenizer/skipped.h says: what is skipped is the tokenizer's knowledge; the
 * exporter only leaves those runs out of the text it shows for a sentence, and does not
 * write the layer out (it is no annotation of the text). docs/output.md states the rule. */

/* A document's groups of skipped runs: layer is NULL when it has none (then every shown
 * text is its span's bytes, with no copy). Sentences and quotations are asked for in text
 * order, so a cursor walks the runs with them: the next run to read is at runs[at, len) of
 * group g, after run_pos, and every run before it ends at or before run_pos (g == n: none is
 * left). A span that starts before run_pos (spans out of order or overlapping) finds its
 * group by bisection instead; run_pos starts at UINT32_MAX so that the first span does. */
typedef struct exp_skips {
    lede_doc *doc; /* arena for the shown texts */
    const lede_layer *layer;
    size_t n;
    size_t g, at, len;
    const unsigned char *runs;
    uint32_t run_pos, group_end;
} exp_skips;

/* Finds the layer of doc's skipped runs: no lookup at all when the document has no generic
 * layer, as a document without furniture has none (then the cursor is not set either). */
static inline void exp_skips_init(exp_skips *k, lede_doc *doc)
{
    k->doc = doc;
    k->layer = lede_doc_layer_count(doc) ? lede_doc_layer(doc, SKIPPED_LAYER, 0) : NULL;
    k->n = k->layer ? lede_layer_count(k->layer) : 0;
    if (k->n == 0) {
        k->layer = NULL;
        return;
    }
    k->g = k->at = k->len = 0;
    k->runs = NULL;
    k->run_pos = UINT32_MAX;
    k->group_end = 0;
}

/* The slow path of exp_shown_text: the span holds skipped runs, or may. */
void exp_shown_text_skipping(exp_skips *k, const char *text, uint32_t start, uint32_t end,
                             const char **s, size_t *n, exp_out *o, lede_error *err);

/* The text shown for the span text[start, end) (a sentence, a title): its bytes without the
 * skipped runs inside it. A run that separates words becomes one space unless white space
 * already separates its two sides; one that joins them (an inline tag) disappears; white space on
 * both sides of a removal is kept once, and a removal at either end of the span takes the
 * white space beside it. Sets *s and *n: text + start and end - start when nothing is
 * skipped (no copy), else a copy in the document's arena. Out of memory, the raw span is
 * given and o->rc and err are set. Moves k's cursor; cheapest when spans come in text order.
 * Inline: every sentence asks. */
static inline void exp_shown_text(exp_skips *k, const char *text, uint32_t start, uint32_t end,
                                  const char **s, size_t *n, exp_out *o, lede_error *err)
{
    if (!k->layer) {
        *s = text + start;
        *n = end - start;
        return;
    }
    exp_shown_text_skipping(k, text, start, end, s, n, o, err);
}

/* ---- the renderers: append one document (or its error record) to o ---- */

/* json / ndjson (json.c). */
void exp_render_json(const exp_instance *x, lede_doc *doc, exp_out *o, lede_error *err);
void exp_render_json_error(const exp_instance *x, const lede_doc *doc, const char *stage,
                           const char *message, exp_out *o);
/* csv (csv.c): one row per quotation; the header row is exp_csv_header. */
extern const char exp_csv_header[];
void exp_render_csv(const exp_instance *x, lede_doc *doc, exp_out *o, lede_error *err);
void exp_render_csv_error(const exp_instance *x, const lede_doc *doc, const char *stage,
                          const char *message, exp_out *o);
/* markdown (markdown.c). */
void exp_render_markdown(const exp_instance *x, lede_doc *doc, exp_out *o, lede_error *err);
void exp_render_markdown_error(const exp_instance *x, const lede_doc *doc, const char *stage,
                               const char *message, exp_out *o);

#endif
