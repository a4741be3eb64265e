/*
 * json.c -- renders a document as one JSON object (format = json, pretty or not, and
 * format = ndjson), or its error record.
 *
 * The record is written by hand, field by field, straight into the document's output
 * buffer: building a jansson tree per document would allocate once per field and walk the
 * data twice. The order of members is fixed (id, meta, text, sentences, paragraphs,
 * quotes, summary, tokens, generic layers in creation order, warnings) so that outputs
 * diff cleanly between runs. docs/output.md and docs/output-schema.json describe the
 * record; change them together with this file.
 *
 * Pretty output puts each member of the record on its own line and each element of an
 * array on its own line, written compactly: a 2-space indent for members, 4 for elements.
 * That keeps a 2,000-token document readable in a pager, which a fully expanded layout
 * (one line per field) would not be. Compact output (ndjson, or json with pretty=false)
 * has no whitespace at all and always fits on one line: a raw metadata value's line
 * breaks (JSON whitespace outside strings) are written as spaces. No record holds a raw
 * U+2028 or U+2029: strings and metadata write them as \u2028 and \u2029.
 *
 * A sentence's text (in "sentences" and "summary") is the text it shows: its span's bytes
 * without the page furniture the tokenizer skipped (layer "skipped", exp_shown_text), so
 * "It is</em>!" reads "It is!"; start and end stay the raw span. Every other text is the
 * span's bytes. That layer, the tokenizer's note to the exporter, is not written out.
 */
#include "exporter.h"

typedef struct jw {
    exp_out *o;
    int pretty;
    const char *text; /* the document's text and its length */
    size_t len;
    const lede_doc *doc;
    lede_error *err;
    const uint32_t *map; /* offsets = chars: byte -> code point; NULL for byte offsets */
    exp_skips skips;     /* furniture a sentence's text leaves out */
    size_t str_at;       /* where the last span head's JSON string starts in the output */
    /* where the first n_sent_at sentences' JSON strings lie in the output (at most
     * JW_SENT_AT, and none when the record goes out in pieces), for the summary to copy
     * instead of escaping the same text again */
    struct jw_str *sent_at;
    size_t n_sent_at;
} jw;

/* A JSON string already written in the record: b->data[at, at + len). */
struct jw_str {
    size_t at, len;
};

#define JW_SENT_AT 256

/* Writes the literal for the current layout: compact c or pretty p. */
#define JW_LIT(j, c, p)                                                                            \
    ((j)->pretty ? exp_put((j)->o, (p), sizeof(p) - 1) : exp_put((j)->o, (c), sizeof(c) - 1))
/* The first field of an element object, and each following one. */
#define JW_OPEN(j, key) JW_LIT(j, "{\"" key "\":", "{\"" key "\": ")
#define JW_FIELD(j, key) JW_LIT(j, ",\"" key "\":", ", \"" key "\": ")

/* Top-level members whose names a generic layer must not take. */
static const char *const reserved_members[] = {"id",         "meta",   "text",    "sentences",
                                               "paragraphs", "quotes", "summary", "tokens",
                                               "warnings",   "error",  NULL};

/* Starts the member called key (key_len bytes, escaped when needed) of the record. */
static void member(jw *j, const char *key, size_t key_len, int first)
{
    if (j->pretty)
        exp_put(j->o, first ? "\n  " : ",\n  ", first ? 3 : 4);
    else if (!first)
        exp_putc(j->o, ',');
    exp_put_jtext(j->o, key, key_len);
    JW_LIT(j, ":", ": ");
}

#define JW_MEMBER(j, lit) member((j), (lit), sizeof(lit) - 1, 0)

/* Element i of an array: pretty output puts it on its own line. */
static void element(jw *j, size_t i)
{
    if (j->pretty)
        exp_put(j->o, i ? ",\n    " : "\n    ", i ? 6 : 5);
    else if (i)
        exp_putc(j->o, ',');
}

static void end_array(jw *j, size_t n)
{
    if (j->pretty && n)
        EXP_LIT(j->o, "\n  ]");
    else
        exp_putc(j->o, ']');
}

/* {"start":S,"end":E,"text":"..." with text s[0..n), in any layout -- the caller adds its
 * own fields and the brace. Out of line: span_head's fast path is inlined in every loop. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void
span_head_text(jw *j, uint32_t start, uint32_t end, const char *s, size_t n)
{
    JW_OPEN(j, "start");
    exp_put_offset(j->o, j->map, start);
    JW_FIELD(j, "end");
    exp_put_offset(j->o, j->map, end);
    JW_FIELD(j, "text");
    j->str_at = j->o->b->len;
    exp_put_jstr(j->o, s, n);
}

/* The same with the span's own bytes as its text. Inline: called for every sentence,
 * quotation and its mention and cue, and every token. */
static inline void span_head(jw *j, uint32_t start, uint32_t end)
{
    char *p;

    /* The common case, compact with byte offsets: one room check for the head (at most
     * 9 + 10 + 7 + 10 + 8 bytes) instead of one per piece. */
    if (!j->pretty && !j->map && (p = exp_room(j->o, 48))) {
        memcpy(p, "{\"start\":", 9);
        p = exp_write_u64(p + 9, start);
        memcpy(p, ",\"end\":", 7);
        p = exp_write_u64(p + 7, end);
        memcpy(p, ",\"text\":", 8);
        exp_commit(j->o, p + 8);
        j->str_at = j->o->b->len;
        exp_put_jstr(j->o, j->text + start, end - start);
        return;
    }
    span_head_text(j, start, end, j->text + start, end - start);
}

/* The head of a sentence or a quotation: its text is the text it shows (exp_shown_text),
 * which is the span's bytes (span_head's fast path) in a document without furniture. */
static void shown_head(jw *j, uint32_t start, uint32_t end)
{
    const char *shown;
    size_t shown_len;

    if (!j->skips.layer) {
        span_head(j, start, end);
        return;
    }
    exp_shown_text_skipping(&j->skips, j->text, start, end, &shown, &shown_len, j->o, j->err);
    span_head_text(j, start, end, shown, shown_len);
}

/* Writes an optional index at o (room for 10 bytes): a number, or null for LEDE_NONE.
 * Returns the byte after. */
static char *write_index(char *o, uint32_t v)
{
    if (v != LEDE_NONE)
        return exp_write_u64(o, v);
    memcpy(o, "null", 4);
    return o + 4;
}

/* An optional index: a number, or null for LEDE_NONE. */
static void put_index(jw *j, uint32_t v)
{
    if (v == LEDE_NONE)
        EXP_LIT(j->o, "null");
    else
        exp_put_u64(j->o, v);
}

/* The last field of an element, an optional index, and the closing brace: compact c (pretty
 * p) is the field's separator and key. Compact, it takes one room check for the three. */
static void index_tail(jw *j, const char *c, size_t c_len, const char *p, size_t p_len, uint32_t v)
{
    char *o;

    if (!j->pretty && (o = exp_room(j->o, c_len + 11))) {
        memcpy(o, c, c_len);
        o = write_index(o + c_len, v);
        *o++ = '}';
        exp_commit(j->o, o);
        return;
    }
    exp_put(j->o, j->pretty ? p : c, j->pretty ? p_len : c_len);
    put_index(j, v);
    exp_putc(j->o, '}');
}

#define JW_INDEX_TAIL(j, key, v)                                                                   \
    index_tail((j), ",\"" key "\":", sizeof(",\"" key "\":") - 1,                                  \
               ", \"" key "\": ", sizeof(", \"" key "\": ") - 1, (v))

/* A raw JSON value copied as is, except that line breaks (which can only be whitespace
 * between tokens, since strings escape them) become spaces to keep records on one line, and
 * a raw U+2028 or U+2029 (only legal inside a string) becomes its escape, as
 * lede_buf_json_string writes it. */
static void put_raw_json(jw *j, const char *json, size_t len)
{
    size_t i = 0, run = 0;

    if (!json || len == 0) {
        EXP_LIT(j->o, "null");
        return;
    }
    for (i = 0; i < len; i++) {
        if (json[i] == '\n' || json[i] == '\r') {
            exp_put(j->o, json + run, i - run);
            exp_putc(j->o, ' ');
            run = i + 1;
        } else if (exp_is_unicode_break(json + i, len - i)) {
            exp_put(j->o, json + run, i - run);
            exp_put(j->o, (unsigned char)json[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
            i += 2;
            run = i + 1;
        }
    }
    exp_put(j->o, json + run, len - run);
}

static void render_meta(jw *j, size_t n)
{
    JW_MEMBER(j, "meta");
    exp_putc(j->o, '{');
    for (size_t i = 0; i < n; i++) {
        const char *key, *json;
        size_t json_len;
        lede_doc_meta_at(j->doc, i, &key, &json, &json_len);
        if (j->pretty)
            exp_put(j->o, i ? ",\n    " : "\n    ", i ? 6 : 5);
        else if (i)
            exp_putc(j->o, ',');
        exp_put_jstr(j->o, key, strlen(key));
        JW_LIT(j, ":", ": ");
        put_raw_json(j, json, json_len);
    }
    if (j->pretty)
        EXP_LIT(j->o, "\n  ");
    exp_putc(j->o, '}');
}

static void render_sentences(jw *j)
{
    size_t n;
    const lede_sentence *s = lede_doc_sentences(j->doc, &n);

    /* a record in pieces may leave the buffer before the summary: nothing noted */
    size_t n_at = j->o->pieces ? 0 : n < JW_SENT_AT ? n : JW_SENT_AT;

    JW_MEMBER(j, "sentences");
    exp_putc(j->o, '[');
    for (size_t i = 0; i < n; i++) {
        exp_piece(j->o);
        if (!exp_span_ok(j->o, j->err, j->doc, "sentence", i, s[i].start, s[i].end, j->len))
            return;
        element(j, i);
        shown_head(j, s[i].start, s[i].end);
        if (i < n_at) {
            j->sent_at[i].at = j->str_at;
            j->sent_at[i].len = j->o->b->len - j->str_at;
        }
        JW_INDEX_TAIL(j, "paragraph", s[i].paragraph);
    }
    j->n_sent_at = n_at; /* (a failure above set o->rc: then none is read) */
    end_array(j, n);
}

/* Appends the JSON string of sentence k again when render_sentences noted where it lies
 * in the record; returns 0 (nothing written) when it did not. The copy comes from the same
 * buffer, so room is made first: growing it may move its bytes. */
static int put_sentence_again(jw *j, uint32_t k)
{
    lede_buf *b = j->o->b;

    if (k >= j->n_sent_at || j->o->pieces || j->o->rc)
        return 0;
    const struct jw_str *str = &j->sent_at[k];
    if (b->len + str->len >= b->cap || b->len + str->len > b->max) {
        if ((j->o->rc = lede_buf_reserve(b, str->len)) != 0)
            return 1;
    }
    memcpy(b->data + b->len, b->data + str->at, str->len);
    b->len += str->len;
    b->data[b->len] = '\0';
    return 1;
}

static void render_paragraphs(jw *j)
{
    size_t n;
    const lede_paragraph *p = lede_doc_paragraphs(j->doc, &n);

    JW_MEMBER(j, "paragraphs");
    exp_putc(j->o, '[');
    for (size_t i = 0; i < n; i++) {
        exp_piece(j->o);
        if (!exp_span_ok(j->o, j->err, j->doc, "paragraph", i, p[i].start, p[i].end, j->len))
            return;
        element(j, i);
        char *w;
        /* Compact with byte offsets: one room check for the element (9 + 10 + 7 + 10 + 1
         * bytes at most) instead of one per piece. */
        if (!j->pretty && !j->map && (w = exp_room(j->o, 40))) {
            memcpy(w, "{\"start\":", 9);
            w = exp_write_u64(w + 9, p[i].start);
            memcpy(w, ",\"end\":", 7);
            w = exp_write_u64(w + 7, p[i].end);
            *w++ = '}';
            exp_commit(j->o, w);
            continue;
        }
        JW_OPEN(j, "start");
        exp_put_offset(j->o, j->map, p[i].start);
        JW_FIELD(j, "end");
        exp_put_offset(j->o, j->map, p[i].end);
        exp_putc(j->o, '}');
    }
    end_array(j, n);
}

/* An optional sub-span of a quote ({start,end,text} or null). */
static void quote_subspan(jw *j, size_t i, const char *what, uint32_t start, uint32_t end)
{
    if (start == LEDE_NONE) {
        EXP_LIT(j->o, "null");
        return;
    }
    if (!exp_span_ok(j->o, j->err, j->doc, what, i, start, end, j->len))
        return;
    span_head(j, start, end);
    exp_putc(j->o, '}');
}

/* The fields of a quote after its cue, compact with byte offsets (the batch case): kind,
 * continues, confidence and marks in one room check. Returns 0 (nothing written) when the
 * layout is another or the buffer has no room: then the general writers take them. */
static int quote_tail_compact(jw *j, const lede_quote *q, size_t i)
{
    const char *kind = exp_quote_kind_name(q->kind);
    size_t kind_len = strlen(kind);
    char *o;

    /* 13 + kind + 14 + 10 + 14 + EXP_NUM_MAX + 9 + 9 + 10 + 7 + 10 + 2 bytes at most */
    if (j->pretty || j->map || !(o = exp_room(j->o, 130 + kind_len + EXP_NUM_MAX)))
        return 0;
    if (q->mark_start != LEDE_NONE &&
        !exp_span_ok(j->o, j->err, j->doc, "marks of quote", i, q->mark_start, q->mark_end, j->len))
        return 0;
    memcpy(o, ",\"kind\":\"", 9);
    memcpy(o + 9, kind, kind_len);
    o += 9 + kind_len;
    memcpy(o, "\",\"continues\":", 14);
    o = write_index(o + 14, q->continues);
    memcpy(o, ",\"confidence\":", 14);
    o = exp_write_num(o + 14, q->confidence);
    memcpy(o, ",\"marks\":", 9);
    o += 9;
    if (q->mark_start == LEDE_NONE) {
        memcpy(o, "null", 4);
        o += 4;
    } else {
        memcpy(o, "{\"start\":", 9);
        o = exp_write_u64(o + 9, q->mark_start);
        memcpy(o, ",\"end\":", 7);
        o = exp_write_u64(o + 7, q->mark_end);
        *o++ = '}';
    }
    *o++ = '}';
    exp_commit(j->o, o);
    return 1;
}

static void render_quotes(jw *j)
{
    size_t n;
    const lede_quote *q = lede_doc_quotes(j->doc, &n);

    JW_MEMBER(j, "quotes");
    exp_putc(j->o, '[');
    for (size_t i = 0; i < n && j->o->rc == 0; i++) {
        exp_piece(j->o);
        if (!exp_span_ok(j->o, j->err, j->doc, "quote", i, q[i].start, q[i].end, j->len))
            return;
        element(j, i);
        shown_head(j, q[i].start, q[i].end);
        JW_FIELD(j, "speaker");
        if (q[i].speaker)
            exp_put_jtext(j->o, q[i].speaker, strlen(q[i].speaker));
        else
            EXP_LIT(j->o, "null");
        JW_FIELD(j, "speaker_mention");
        quote_subspan(j, i, "speaker mention of quote", q[i].speaker_start, q[i].speaker_end);
        JW_FIELD(j, "cue");
        quote_subspan(j, i, "cue of quote", q[i].cue_start, q[i].cue_end);
        if (quote_tail_compact(j, &q[i], i))
            continue;
        JW_FIELD(j, "kind");
        exp_putc(j->o, '"');
        exp_put(j->o, exp_quote_kind_name(q[i].kind), strlen(exp_quote_kind_name(q[i].kind)));
        exp_putc(j->o, '"');
        JW_FIELD(j, "continues");
        put_index(j, q[i].continues);
        JW_FIELD(j, "confidence");
        exp_put_num(j->o, q[i].confidence);
        JW_FIELD(j, "marks");
        if (q[i].mark_start == LEDE_NONE) {
            EXP_LIT(j->o, "null");
        } else {
            if (!exp_span_ok(j->o, j->err, j->doc, "marks of quote", i, q[i].mark_start,
                             q[i].mark_end, j->len))
                return;
            JW_OPEN(j, "start");
            exp_put_offset(j->o, j->map, q[i].mark_start);
            JW_FIELD(j, "end");
            exp_put_offset(j->o, j->map, q[i].mark_end);
            exp_putc(j->o, '}');
        }
        exp_putc(j->o, '}');
    }
    end_array(j, n);
}

static void render_summary(jw *j)
{
    size_t n, n_sents;
    const lede_summary_item *it = lede_doc_summary(j->doc, &n);
    const lede_sentence *s = lede_doc_sentences(j->doc, &n_sents);

    JW_MEMBER(j, "summary");
    exp_putc(j->o, '[');
    for (size_t i = 0; i < n; i++) {
        exp_piece(j->o);
        uint32_t k = it[i].sentence;
        const char *shown;
        size_t shown_len;
        if (k >= n_sents) {
            if (j->o->rc == 0) {
                j->o->rc = LEDE_EINVAL;
                lede_error_set(j->err, LEDE_EINVAL,
                               "document '%s': summary item %zu names sentence %u but the "
                               "document has %zu sentences",
                               lede_doc_id(j->doc), i, (unsigned)k, n_sents);
            }
            return;
        }
        if (!exp_span_ok(j->o, j->err, j->doc, "sentence", k, s[k].start, s[k].end, j->len))
            return;
        element(j, i);
        char *w;
        if (!j->pretty && (w = exp_room(j->o, 12 + 10 + 8))) {
            memcpy(w, "{\"sentence\":", 12);
            w = exp_write_u64(w + 12, k);
            memcpy(w, ",\"text\":", 8);
            exp_commit(j->o, w + 8);
        } else {
            JW_OPEN(j, "sentence");
            exp_put_u64(j->o, k);
            JW_FIELD(j, "text");
        }
        /* the sentence's text as "sentences" wrote it, or escaped once more */
        if (!put_sentence_again(j, k)) {
            exp_shown_text(&j->skips, j->text, s[k].start, s[k].end, &shown, &shown_len, j->o,
                           j->err);
            exp_put_jstr(j->o, shown, shown_len);
        }
        if (!j->pretty && (w = exp_room(j->o, 9 + EXP_NUM_MAX + 1))) {
            memcpy(w, ",\"score\":", 9);
            w = exp_write_num(w + 9, it[i].score);
            *w++ = '}';
            exp_commit(j->o, w);
            continue;
        }
        JW_FIELD(j, "score");
        exp_put_num(j->o, it[i].score);
        exp_putc(j->o, '}');
    }
    end_array(j, n);
}

static void render_tokens(jw *j)
{
    size_t n;
    const lede_token *t = lede_doc_tokens(j->doc, &n);

    JW_MEMBER(j, "tokens");
    exp_putc(j->o, '[');
    for (size_t i = 0; i < n; i++) {
        exp_piece(j->o);
        if (!exp_span_ok(j->o, j->err, j->doc, "token", i, t[i].start, t[i].end, j->len))
            return;
        element(j, i);
        span_head(j, t[i].start, t[i].end);
        JW_FIELD(j, "kind");
        exp_putc(j->o, '"');
        const char *kind = exp_token_kind_name(t[i].kind);
        exp_put(j->o, kind, strlen(kind));
        exp_putc(j->o, '"');
        exp_putc(j->o, '}');
    }
    end_array(j, n);
}

static int is_reserved(const char *name, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(name, *list) == 0)
            return 1;
    return 0;
}

/* One attribute: a key that would shadow start/end/text is written as "attr:<key>". */
static void render_attr(jw *j, const lede_attr *a)
{
    static const char *const span_fields[] = {"start", "end", "text", NULL};
    size_t key_len = strlen(a->key);

    JW_LIT(j, ",", ", ");
    if (is_reserved(a->key, span_fields)) {
        /* Short keys: build "attr:<key>" on the stack. */
        char tmp[16];
        memcpy(tmp, "attr:", 5);
        memcpy(tmp + 5, a->key, key_len);
        exp_put_jtext(j->o, tmp, 5 + key_len);
    } else {
        exp_put_jtext(j->o, a->key, key_len);
    }
    JW_LIT(j, ":", ": ");
    switch (a->type) {
    case LEDE_ATTR_STRING:
        exp_put_jtext(j->o, a->s ? a->s : "", a->s ? a->s_len : 0);
        break;
    case LEDE_ATTR_INT:
        exp_put_i64(j->o, a->i);
        break;
    case LEDE_ATTR_NUMBER:
        exp_put_num(j->o, a->d);
        break;
    case LEDE_ATTR_BOOL:
        if (a->i)
            EXP_LIT(j->o, "true");
        else
            EXP_LIT(j->o, "false");
        break;
    default:
        EXP_LIT(j->o, "null");
        break;
    }
}

static void render_generic(jw *j, const lede_layer *l)
{
    const char *name = lede_layer_name(l);
    size_t n = lede_layer_count(l);

    if (is_reserved(name, reserved_members)) {
        /* A layer called "tokens" or "id" would collide with a member of the record. */
        if (j->pretty)
            EXP_LIT(j->o, ",\n  \"layer:");
        else
            EXP_LIT(j->o, ",\"layer:");
        exp_put(j->o, name, strlen(name)); /* reserved names need no escaping */
        JW_LIT(j, "\":", "\": ");
    } else {
        member(j, name, strlen(name), 0);
    }
    exp_putc(j->o, '[');
    for (size_t i = 0; i < n; i++) {
        uint32_t start, end;
        exp_piece(j->o);
        lede_layer_span(l, i, &start, &end);
        if (!exp_span_ok(j->o, j->err, j->doc, name, i, start, end, j->len))
            return;
        element(j, i);
        span_head(j, start, end);
        for (const lede_attr *a = lede_layer_attrs(l, i); a; a = a->next)
            render_attr(j, a);
        exp_putc(j->o, '}');
    }
    end_array(j, n);
}

static void render_warnings(jw *j, size_t n)
{
    JW_MEMBER(j, "warnings");
    exp_putc(j->o, '[');
    for (size_t i = 0; i < n; i++) {
        exp_piece(j->o);
        const char *stage, *message;
        uint32_t offset;
        lede_doc_warning_at(j->doc, i, &stage, &offset, &message);
        element(j, i);
        JW_OPEN(j, "stage");
        if (stage)
            exp_put_jtext(j->o, stage, strlen(stage));
        else
            EXP_LIT(j->o, "null");
        JW_FIELD(j, "offset");
        /* Outside the text (a stage's mistake), an offset cannot be mapped: null. */
        if (offset == LEDE_NONE || (j->map && offset > j->len))
            EXP_LIT(j->o, "null");
        else
            exp_put_offset(j->o, j->map, offset);
        JW_FIELD(j, "message");
        exp_put_jtext(j->o, message ? message : "", message ? strlen(message) : 0);
        exp_putc(j->o, '}');
    }
    end_array(j, n);
}

static void close_record(jw *j)
{
    if (j->pretty)
        EXP_LIT(j->o, "\n}\n");
    else
        EXP_LIT(j->o, "}\n");
}

void exp_render_json(const exp_instance *x, lede_doc *doc, exp_out *o, lede_error *err)
{
    struct jw_str sent_at[JW_SENT_AT];
    jw j = {
        o, x->format == EXP_JSON && x->pretty, NULL, 0, doc, err, NULL, {.layer = NULL}, 0, sent_at,
        0};
    const char *id = lede_doc_id(doc);
    size_t n;

    j.text = lede_doc_text(doc, &j.len);
    if (!j.text)
        j.text = "", j.len = 0;
    if (x->chars)
        j.map = o->map ? o->map : (o->map = exp_char_map(doc, j.text, j.len, o, err));
    exp_skips_init(&j.skips, doc);
    /* Most of a record is the text of its spans: reserve about that much once. */
    if (x->tokens)
        (void)lede_buf_reserve(o->b, 3 * j.len + 256); /* only a hint: appends re-check */

    exp_putc(o, '{');
    member(&j, "id", 2, 1);
    exp_put_jtext(o, id, strlen(id));
    if ((n = lede_doc_meta_count(doc)) > 0)
        render_meta(&j, n);
    if (x->text) {
        JW_MEMBER(&j, "text");
        exp_put_jstr(o, j.text, j.len);
    }
    if (lede_doc_has_layer(doc, LEDE_LAYER_SENTENCE))
        render_sentences(&j);
    if (lede_doc_has_layer(doc, LEDE_LAYER_PARAGRAPH))
        render_paragraphs(&j);
    if (lede_doc_has_layer(doc, LEDE_LAYER_QUOTE))
        render_quotes(&j);
    if (lede_doc_has_layer(doc, LEDE_LAYER_SUMMARY))
        render_summary(&j);
    if (x->tokens && lede_doc_has_layer(doc, LEDE_LAYER_TOKEN))
        render_tokens(&j);
    n = lede_doc_layer_count(doc);
    for (size_t i = 0; i < n; i++) {
        const lede_layer *l = lede_doc_layer_at(doc, i);
        /* the tokenizer's note of what a sentence's text leaves out is no annotation */
        if (strcmp(lede_layer_name(l), SKIPPED_LAYER) != 0)
            render_generic(&j, l);
    }
    if ((n = lede_doc_warning_count(doc)) > 0)
        render_warnings(&j, n);
    close_record(&j);
}

void exp_render_json_error(const exp_instance *x, const lede_doc *doc, const char *stage,
                           const char *message, exp_out *o)
{
    jw j = {o, x->format == EXP_JSON && x->pretty, "", 0, doc, NULL, NULL, {.layer = NULL}, 0, NULL,
            0};
    const char *id = lede_doc_id(doc);

    exp_putc(o, '{');
    member(&j, "id", 2, 1);
    exp_put_jtext(o, id, strlen(id));
    JW_MEMBER(&j, "error");
    JW_LIT(&j, "{\"stage\":", "{\n    \"stage\": ");
    if (stage)
        exp_put_jtext(o, stage, strlen(stage));
    else
        EXP_LIT(o, "null");
    JW_LIT(&j, ",\"message\":", ",\n    \"message\": ");
    exp_put_jtext(o, message ? message : "", message ? strlen(message) : 0);
    JW_LIT(&j, "}", "\n  }");
    close_record(&j);
}
