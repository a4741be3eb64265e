/*
 * lede/doc.h -- the document model: what a stage reads and annotates.
 *
 * A document is an id, its UTF-8 text (byte for byte as read, except that invalid
 * sequences were replaced by U+FFFD with a warning), metadata (the other fields of an
 * NDJSON record, each kept as its raw JSON text) and annotation layers. Every layer is
 * standoff: byte offsets [start, end) into the text.
 *
 * The hot built-in layers (token, sentence, paragraph, quote, summary) are compact
 * typed arrays. Any stage may add a generic named layer of spans with typed attributes;
 * the exporter serialises those without knowing them.
 *
 * Memory: all of a document's annotations live in one arena that the host resets
 * between documents. A stage allocates with lede_doc_alloc and never frees; nothing a
 * stage gets from the document may be kept after process() returns.
 */
#ifndef LEDE_DOC_H
#define LEDE_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "lede/buf.h"
#include "lede/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lede_doc lede_doc;

/* ---- built-in layer names (what stages list in requires / provides) ---- */
#define LEDE_LAYER_TOKEN "token"
#define LEDE_LAYER_SENTENCE "sentence"
#define LEDE_LAYER_PARAGRAPH "paragraph"
#define LEDE_LAYER_QUOTE "quote"
#define LEDE_LAYER_SUMMARY "summary"

/* ---- tokens ---- */
typedef enum lede_token_kind {
    LEDE_TOK_WORD = 0,
    LEDE_TOK_NUMBER,
    LEDE_TOK_PUNCT,
    LEDE_TOK_SYMBOL,
    LEDE_TOK_EMOJI,
    LEDE_TOK_SPACE, /* only when a tokenizer keeps whitespace segments */
    LEDE_TOK_OTHER,
    LEDE_TOK_KIND_COUNT
} lede_token_kind;

enum {
    LEDE_TOKF_CAPITALIZED = 1 << 0, /* first letter is upper or title case */
    LEDE_TOKF_ALLCAPS = 1 << 1,     /* every letter upper case, at least two letters */
    LEDE_TOKF_SENT_START = 1 << 2,  /* first token of a sentence */
    LEDE_TOKF_PARA_START = 1 << 3,  /* first token of a paragraph */
    LEDE_TOKF_ABBREV = 1 << 4,      /* word ends in a full stop that belongs to it (U.N.) */
    LEDE_TOKF_OPEN_QUOTE = 1 << 5,  /* punctuation the tokenizer judged an opening quote mark */
    LEDE_TOKF_CLOSE_QUOTE = 1 << 6, /* punctuation the tokenizer judged a closing quote mark */
    LEDE_TOKF_APOSTROPHE = 1 << 7   /* a ’ or ' that belongs to a word (doesn’t, Jones') */
};

typedef struct lede_token {
    uint32_t start, end; /* byte offsets into the text */
    uint16_t kind;       /* lede_token_kind */
    uint16_t flags;      /* LEDE_TOKF_* */
} lede_token;

/* A sentence: its byte span and the tokens [tok_begin, tok_end) inside it. */
typedef struct lede_sentence {
    uint32_t start, end;
    uint32_t tok_begin, tok_end;
    uint32_t paragraph; /* index into the paragraph layer */
} lede_sentence;

/* A paragraph: its byte span and the sentences [sent_begin, sent_end) inside it. */
typedef struct lede_paragraph {
    uint32_t start, end;
    uint32_t sent_begin, sent_end;
} lede_paragraph;

/* ---- quotations ---- */
typedef enum lede_quote_kind { LEDE_QUOTE_FULL = 0, LEDE_QUOTE_PARTIAL = 1 } lede_quote_kind;

#define LEDE_NONE UINT32_MAX /* "no such span / index" for optional fields */

typedef struct lede_quote {
    uint32_t start, end;           /* the quoted text, without its marks */
    uint32_t mark_start, mark_end; /* from the opening mark to after the closing mark */
    const char *speaker;           /* resolved full name (arena), NULL when unknown */
    uint32_t speaker_start;        /* the mention the speaker came from; LEDE_NONE if none */
    uint32_t speaker_end;
    uint32_t cue_start, cue_end; /* the cue ("said"); LEDE_NONE if none */
    uint32_t continues;          /* index of the segment this one continues, or LEDE_NONE */
    uint8_t kind;                /* lede_quote_kind */
    float confidence;            /* 0..1 */
} lede_quote;

/* ---- summary ---- */
typedef struct lede_summary_item {
    uint32_t sentence; /* index into the sentence layer */
    float score;
} lede_summary_item;

/* ---- documents: creation (host, tests and stage harnesses; meta_add also for stages) ---- */

/* Creates an empty document. Returns 0 or LEDE_ENOMEM; *out owned by the caller. */
LEDE_API int lede_doc_new(lede_doc **out, lede_error *err);
/* Frees a document and everything in its arena. Safe on NULL. */
LEDE_API void lede_doc_free(lede_doc *doc);
/* Forgets id, text, metadata, layers, warnings and output, keeping memory for reuse. */
LEDE_API void lede_doc_reset(lede_doc *doc);
/* Sets id and copies text[0..len); invalid UTF-8 is replaced by U+FFFD and each
 * replacement run is reported with lede_doc_warn. Returns 0 or LEDE_ENOMEM/ETOOBIG. */
LEDE_API int lede_doc_load(lede_doc *doc, const char *id, const char *text, size_t len,
                           lede_error *err);
/* Adds metadata (a stage may tag the whole document this way): key and the value's raw JSON
 * text, which must be exactly one JSON value; a key given again takes the new value, and
 * invalid UTF-8 is written as U+FFFD. Returns 0, LEDE_EINVAL (no key, not JSON) or ENOMEM. */
LEDE_API int lede_doc_meta_add(lede_doc *doc, const char *key, const char *json, size_t len);

/* ---- documents: reading ---- */

/* The document's id (never NULL). */
LEDE_API const char *lede_doc_id(const lede_doc *doc);
/* The text (NUL-terminated) and its length in bytes. */
LEDE_API const char *lede_doc_text(const lede_doc *doc, size_t *len);
/* Number of metadata fields, and the i-th key with its raw JSON value. */
LEDE_API size_t lede_doc_meta_count(const lede_doc *doc);
LEDE_API void lede_doc_meta_at(const lede_doc *doc, size_t i, const char **key, const char **json,
                               size_t *json_len);

/* ---- arena ---- */

/* Allocates n zeroed bytes that live until the document is reset. NULL when out of memory
 * or past the document's memory cap. */
LEDE_API void *lede_doc_alloc(lede_doc *doc, size_t n);
/* Copies s[0..len) into the arena with a terminating NUL. NULL on failure. */
LEDE_API char *lede_doc_strndup(lede_doc *doc, const char *s, size_t len);

/* ---- built-in layers: set (array from lede_doc_alloc or any memory that outlives the
 * document's processing) and get (NULL and *n = 0 when the layer is absent) ---- */
LEDE_API void lede_doc_set_tokens(lede_doc *doc, lede_token *tokens, size_t n);
LEDE_API const lede_token *lede_doc_tokens(const lede_doc *doc, size_t *n);
LEDE_API void lede_doc_set_sentences(lede_doc *doc, lede_sentence *sents, size_t n);
LEDE_API const lede_sentence *lede_doc_sentences(const lede_doc *doc, size_t *n);
LEDE_API void lede_doc_set_paragraphs(lede_doc *doc, lede_paragraph *paras, size_t n);
LEDE_API const lede_paragraph *lede_doc_paragraphs(const lede_doc *doc, size_t *n);
LEDE_API void lede_doc_set_quotes(lede_doc *doc, lede_quote *quotes, size_t n);
LEDE_API const lede_quote *lede_doc_quotes(const lede_doc *doc, size_t *n);
LEDE_API void lede_doc_set_summary(lede_doc *doc, lede_summary_item *items, size_t n);
LEDE_API const lede_summary_item *lede_doc_summary(const lede_doc *doc, size_t *n);
/* 1 when the named built-in or generic layer has been set on this document. */
LEDE_API int lede_doc_has_layer(const lede_doc *doc, const char *name);

/* ---- generic span layers ---- */
typedef struct lede_layer lede_layer;

typedef enum lede_attr_type {
    LEDE_ATTR_STRING = 0,
    LEDE_ATTR_INT,
    LEDE_ATTR_NUMBER,
    LEDE_ATTR_BOOL
} lede_attr_type;

typedef struct lede_attr {
    const char *key;
    lede_attr_type type;
    const char *s; /* LEDE_ATTR_STRING: arena copy, NUL-terminated */
    size_t s_len;
    int64_t i; /* LEDE_ATTR_INT and LEDE_ATTR_BOOL (0/1) */
    double d;  /* LEDE_ATTR_NUMBER */
    const struct lede_attr *next;
} lede_attr;

/* The generic layer called name; created empty when create is non-zero. NULL when absent
 * (create == 0), out of memory, or name is a built-in layer name. */
LEDE_API lede_layer *lede_doc_layer(lede_doc *doc, const char *name, int create);
/* Number of generic layers and the i-th of them, in the order they were created. */
LEDE_API size_t lede_doc_layer_count(const lede_doc *doc);
LEDE_API lede_layer *lede_doc_layer_at(const lede_doc *doc, size_t i);
LEDE_API const char *lede_layer_name(const lede_layer *layer);
/* Appends a span; *index (may be NULL) receives its position. 0, LEDE_ENOMEM or LEDE_EINVAL
 * (end < start, past the text, or an offset inside a UTF-8 character). */
LEDE_API int lede_layer_add(lede_layer *layer, uint32_t start, uint32_t end, size_t *index);
LEDE_API size_t lede_layer_count(const lede_layer *layer);
LEDE_API void lede_layer_span(const lede_layer *layer, size_t i, uint32_t *start, uint32_t *end);
/* Attributes of span i, in the order they were set (a key set twice keeps the last value). */
LEDE_API const lede_attr *lede_layer_attrs(const lede_layer *layer, size_t i);
/* Set an attribute on span i. 0, LEDE_ENOMEM or LEDE_EINVAL (i out of range). Strings are
 * UTF-8 text: the exporters write invalid bytes as U+FFFD. */
LEDE_API int lede_layer_set_str(lede_layer *layer, size_t i, const char *key, const char *s,
                                size_t len);
LEDE_API int lede_layer_set_int(lede_layer *layer, size_t i, const char *key, int64_t v);
LEDE_API int lede_layer_set_num(lede_layer *layer, size_t i, const char *key, double v);
LEDE_API int lede_layer_set_bool(lede_layer *layer, size_t i, const char *key, int v);

/* ---- diagnostics: warnings stay on the document and are exported with it ---- */

/* Records a warning at byte offset (LEDE_NONE for none), tagged with the running stage. */
LEDE_API void lede_doc_warn(lede_doc *doc, uint32_t offset, const char *fmt, ...) LEDE_PRINTF(3, 4);
LEDE_API size_t lede_doc_warning_count(const lede_doc *doc);
LEDE_API void lede_doc_warning_at(const lede_doc *doc, size_t i, const char **stage,
                                  uint32_t *offset, const char **message);

/* ---- failure and output ---- */

/* 1 when a reader or an earlier stage failed on this document; fills stage and message
 * (either may be NULL). Stages flagged LEDE_STAGE_RENDERS_ERRORS see such documents. */
LEDE_API int lede_doc_failed(const lede_doc *doc, const char **stage, const char **message);
/* The output buffer of sink (0 = standard output; others from lede_ctx_open_output).
 * The host writes every document's buffers in input order. NULL for an unknown sink. */
LEDE_API lede_buf *lede_doc_output(lede_doc *doc, int sink);
/* 1 when the host writes what a stage renders for sink while the document is processed
 * (the document is the next one due: every earlier one is written), so an exporter may hand a large
 * record over in pieces with lede_doc_output_flush; 0 when the host keeps the output
 * until the document is done. Such pieces are written as they are: a stage that flushes
 * must not fail after its first piece (render the record once before, to check it). */
LEDE_API int lede_doc_output_streams(lede_doc *doc, int sink);
/* When lede_doc_output_streams(doc, sink): writes what the output buffer of sink holds
 * and empties it. Otherwise, or once a write has failed (the failure is reported where
 * the document's output would have been written), leaves the buffer as it is. */
LEDE_API void lede_doc_output_flush(lede_doc *doc, int sink);
/* Name of the stage instance now processing the document (for messages). */
LEDE_API const char *lede_doc_stage(const lede_doc *doc);

#ifdef __cplusplus
}
#endif
#endif
