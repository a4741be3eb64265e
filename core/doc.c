/*
 * doc.c -- the document model: text, metadata, layers, warnings, failure and output.
 *
 * A document is reused from one input record to the next: lede_doc_reset forgets the
 * content but keeps the text buffer, the arena's steady-state chunk and the output
 * buffers, so that a long stream of documents allocates almost nothing. Everything a
 * stage adds lives in the arena. The text is validated as UTF-8 on load; invalid
 * sequences become U+FFFD so that no stage ever meets malformed input. The NDJSON reader's
 * decoded text, when valid, is not copied: the document adopts the reader's buffer and
 * gives it its own in exchange (lede__doc_adopt_text), so its text may start anywhere in
 * the storage it owns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede_internal.h"

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#define DOC_SSE2 1
#endif

typedef struct doc_meta {
    const char *key;
    const char *json;
    size_t len;
    uint32_t hash; /* of key, for the table that finds a key given twice */
} doc_meta;

typedef struct doc_warning {
    const char *stage;
    const char *message;
    uint32_t offset;
} doc_warning;

struct lede_layer {
    const char *name;
    lede_doc *doc;
    uint32_t *spans; /* start, end pairs */
    lede_attr **attrs;
    size_t n, cap;
};

enum {
    HAS_TOKEN = 1 << 0,
    HAS_SENTENCE = 1 << 1,
    HAS_PARAGRAPH = 1 << 2,
    HAS_QUOTE = 1 << 3,
    HAS_SUMMARY = 1 << 4
};

struct lede_doc {
    lede__arena arena;
    char *id;
    char *text;     /* NUL-terminated, inside text_mem (at its start unless adopted) */
    char *text_mem; /* malloc, reused; text_cap bytes */
    size_t len, text_cap;
    size_t max_text;
    size_t arena_cap; /* the ceiling of the arena's cap (lede__doc_set_limits); 0 = none */
    size_t seq;

    doc_meta *meta;
    size_t n_meta, cap_meta;
    uint32_t *meta_slots; /* open addressing: 1 + index into meta, 0 = empty; NULL below */
    size_t n_slots;       /* META_TABLE_MIN fields, where a linear search is cheaper */

    unsigned has;
    lede_token *tokens;
    size_t n_tokens;
    lede_sentence *sents;
    size_t n_sents;
    lede_paragraph *paras;
    size_t n_paras;
    lede_quote *quotes;
    size_t n_quotes;
    lede_summary_item *summary;
    size_t n_summary;

    lede_layer **layers;
    size_t n_layers, cap_layers;

    doc_warning *warnings;
    size_t n_warnings, cap_warnings;

    int failed;
    const char *fail_stage, *fail_message;
    /* Their storage: in the document itself, not its arena, which a stage that failed
     * for lack of memory has exhausted. */
    char fail_stage_buf[128], fail_message_buf[LEDE_ERROR_MAX];
    const char *stage;

    lede_buf *outputs;
    int n_outputs;
    /* The host's writer of output pieces (lede_doc_output_flush); NULL: none. */
    lede__flush_fn flush;
    void *flush_ctx;
};

/* Grows an arena array to hold at least need elements (old storage stays in the arena). */
static int grow(lede_doc *doc, void **arr, size_t *cap, size_t need, size_t elem)
{
    size_t ncap;
    void *p;

    if (need <= *cap)
        return 0;
    ncap = *cap ? *cap * 2 : 8;
    while (ncap < need)
        ncap *= 2;
    p = lede_doc_alloc(doc, ncap * elem);
    if (!p)
        return LEDE_ENOMEM;
    if (*cap)
        memcpy(p, *arr, *cap * elem);
    *arr = p;
    *cap = ncap;
    return 0;
}

int lede_doc_new(lede_doc **out, lede_error *err)
{
    lede_doc *doc = calloc(1, sizeof *doc);
    if (!doc)
        return lede_error_set(err, LEDE_ENOMEM, "out of memory creating a document");
    lede__arena_init(&doc->arena, 0);
    doc->max_text = (size_t)UINT32_MAX - 1;
    doc->id = (char *)"";
    *out = doc;
    return 0;
}

void lede_doc_free(lede_doc *doc)
{
    if (!doc)
        return;
    lede__arena_free(&doc->arena);
    free(doc->text_mem);
    for (int i = 0; i < doc->n_outputs; i++)
        lede_buf_free(&doc->outputs[i]);
    free(doc->outputs);
    free(doc);
}

/* The text storage and output buffers a document keeps for the next one at most: a larger
 * one, which only a document much larger than news (a story is ~2 KB) needed, is freed on
 * reset. The runner keeps up to 16 document objects per worker: each kept the text and the
 * output of the largest document it had held (with the arena's chunk, 500-650 MB for 40
 * records of 5 MB at -j 8). The bound is LEDE_KEEP_MAX, as for the arena and the reader's
 * decoders. */

void lede_doc_reset(lede_doc *doc)
{
    lede__arena_reset(&doc->arena);
    if (doc->text_cap > LEDE_KEEP_MAX) {
        free(doc->text_mem);
        doc->text_mem = NULL;
        doc->text_cap = 0;
    }
    doc->id = (char *)"";
    doc->len = 0;
    doc->text = doc->text_mem;
    if (doc->text)
        doc->text[0] = '\0';
    doc->meta = NULL;
    doc->n_meta = doc->cap_meta = 0;
    doc->meta_slots = NULL;
    doc->n_slots = 0;
    doc->has = 0;
    doc->tokens = NULL;
    doc->sents = NULL;
    doc->paras = NULL;
    doc->quotes = NULL;
    doc->summary = NULL;
    doc->n_tokens = doc->n_sents = doc->n_paras = doc->n_quotes = doc->n_summary = 0;
    doc->layers = NULL;
    doc->n_layers = doc->cap_layers = 0;
    doc->warnings = NULL;
    doc->n_warnings = doc->cap_warnings = 0;
    doc->failed = 0;
    doc->fail_stage = doc->fail_message = NULL;
    doc->stage = NULL;
    for (int i = 0; i < doc->n_outputs; i++) {
        if (doc->outputs[i].cap > LEDE_KEEP_MAX)
            lede_buf_free(&doc->outputs[i]); /* its cap (max) stays */
        else
            lede_buf_reset(&doc->outputs[i]);
    }
}

void lede__doc_release(lede_doc *doc)
{
    int large = doc->text_cap > LEDE_KEEP_MAX || lede__arena_oversized(&doc->arena);
    for (int i = 0; i < doc->n_outputs && !large; i++)
        large = doc->outputs[i].cap > LEDE_KEEP_MAX;
    if (large)
        lede_doc_reset(doc);
}

void lede__doc_set_limits(lede_doc *doc, size_t max_text, size_t arena_max)
{
    doc->max_text = max_text && max_text < UINT32_MAX ? max_text : (size_t)UINT32_MAX - 1;
    doc->arena_cap = arena_max;
    doc->arena.max = arena_max;
}

/* What the stages may take from the arena for a text of len bytes: a generous multiple of
 * it (the built-in stages take ~7x on a 20 MB document, ~14x on a page of markup) above a
 * floor, so that a stage running away on a small document stops at hundreds of MiB, not
 * at the ceiling the largest document allowed needs. */
#define DOC_ARENA_FLOOR ((size_t)256 << 20)
#define DOC_ARENA_PER_BYTE 64

static void fit_arena(lede_doc *doc)
{
    size_t want = DOC_ARENA_FLOOR + DOC_ARENA_PER_BYTE * doc->len;
    if (doc->arena_cap)
        doc->arena.max = want < doc->arena_cap ? want : doc->arena_cap;
}

void lede__doc_set_seq(lede_doc *doc, size_t seq)
{
    doc->seq = seq;
}

size_t lede__doc_seq(const lede_doc *doc)
{
    return doc->seq;
}

/* Length of the valid UTF-8 sequence at p (1..4), or 0 when it is invalid: overlong
 * forms, surrogates, code points past U+10FFFF and truncated sequences are rejected. */
static size_t utf8_valid_len(const unsigned char *p, const unsigned char *end)
{
    unsigned c = p[0];
    size_t n = (size_t)(end - p);

    if (c < 0x80)
        return 1;
    if (c < 0xC2)
        return 0;
    if (c < 0xE0)
        return n >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c < 0xF0) {
        if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && p[1] < 0xA0)
            return 0; /* overlong */
        if (c == 0xED && p[1] >= 0xA0)
            return 0; /* surrogate */
        return 3;
    }
    if (c < 0xF5) {
        if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && p[1] < 0x90)
            return 0; /* overlong */
        if (c == 0xF4 && p[1] >= 0x90)
            return 0; /* past U+10FFFF */
        return 4;
    }
    return 0;
}

/* Validates text[0..len) as UTF-8, copying it to out (room for len bytes) unless out is
 * NULL. Returns len when the text is valid, else the offset of the first invalid sequence
 * (out then holds the bytes before it). ASCII, nearly all of an English news text, goes 16
 * bytes at a time (SSE2) or 8 (elsewhere); the rest one sequence at a time. Inlined into
 * the two callers below so that each gets a loop without the test of out. */
static inline size_t utf8_scan(char *out, const char *text, size_t len)
{
    const unsigned char *p = (const unsigned char *)text, *end = p + len;
    char *o = out;

    while (p < end) {
#ifdef DOC_SSE2
        /* Validating only, nothing to store: test 64 bytes with one mask. */
        while (!out && end - p >= 64) {
            const __m128i *v = (const __m128i *)(const void *)p;
            __m128i x = _mm_or_si128(_mm_or_si128(_mm_loadu_si128(v), _mm_loadu_si128(v + 1)),
                                     _mm_or_si128(_mm_loadu_si128(v + 2), _mm_loadu_si128(v + 3)));
            if (_mm_movemask_epi8(x))
                break;
            p += 64;
        }
        while (end - p >= 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
            if (_mm_movemask_epi8(x))
                break;
            if (out) {
                _mm_storeu_si128((__m128i *)(void *)o, x);
                o += 16;
            }
            p += 16;
        }
#endif
        while (end - p >= 8) {
            uint64_t w;
            memcpy(&w, p, 8);
            if (w & UINT64_C(0x8080808080808080))
                break;
            if (out) {
                memcpy(o, &w, 8);
                o += 8;
            }
            p += 8;
        }
        if (p == end)
            break;
        if (*p < 0x80) {
            if (out)
                *o++ = (char)*p;
            p++;
            continue;
        }
        size_t n = utf8_valid_len(p, end);
        if (!n)
            return (size_t)(p - (const unsigned char *)text);
        if (out) {
            memcpy(o, p, n);
            o += n;
        }
        p += n;
    }
    return len;
}

static size_t utf8_copy_valid(char *out, const char *text, size_t len)
{
    return utf8_scan(out, text, len);
}

static size_t utf8_valid_prefix(const char *text, size_t len)
{
    return utf8_scan(NULL, text, len);
}

static int text_reserve(lede_doc *doc, size_t need)
{
    if (need + 1 > doc->text_cap) {
        char *t = realloc(doc->text_mem, need + 1);
        if (!t)
            return LEDE_ENOMEM;
        doc->text_mem = t;
        doc->text_cap = need + 1;
    }
    doc->text = doc->text_mem;
    return 0;
}

/* Sets the document's id (a copy in the arena; NULL is the empty id). */
static int set_id(lede_doc *doc, const char *id, lede_error *err)
{
    if (!id)
        id = "";
    doc->id = lede_doc_strndup(doc, id, strlen(id));
    if (!doc->id) {
        doc->id = (char *)"";
        return lede_error_set(err, LEDE_ENOMEM, "out of memory loading document '%s'", id);
    }
    return 0;
}

/* lede__doc_adopt_text, with the text known to be valid UTF-8 when valid is set. */
static int adopt_text(lede_doc *doc, const char *id, lede_buf *buf, size_t off, size_t len,
                      int valid, lede_error *err)
{
    if (len > doc->max_text || (!valid && utf8_valid_prefix(buf->data + off, len) != len))
        return 1;
    int rc = set_id(doc, id, err);
    if (rc)
        return rc;
    /* Swap the storage: buf's becomes the document's, the document's (whose previous text
     * nobody reads any more) becomes buf's, empty. */
    char *mem = doc->text_mem;
    size_t cap = doc->text_cap;
    doc->text_mem = buf->data;
    doc->text_cap = buf->cap;
    doc->text = buf->data + off;
    doc->len = len;
    doc->text[len] = '\0';
    buf->data = mem;
    buf->cap = cap;
    buf->len = 0;
    if (buf->data)
        buf->data[0] = '\0';
    fit_arena(doc);
    return 0;
}

int lede__doc_adopt_text(lede_doc *doc, const char *id, lede_buf *buf, size_t off, size_t len,
                         lede_error *err)
{
    return adopt_text(doc, id, buf, off, len, 0, err);
}

int lede__doc_adopt_valid_text(lede_doc *doc, const char *id, lede_buf *buf, size_t off, size_t len,
                               lede_error *err)
{
    return adopt_text(doc, id, buf, off, len, 1, err);
}

int lede_doc_load(lede_doc *doc, const char *id, const char *text, size_t len, lede_error *err)
{
    size_t bad;
    int rc;

    if ((rc = set_id(doc, id, err)))
        return rc;
    if (len > doc->max_text)
        return lede_error_set(err, LEDE_ETOOBIG,
                              "document '%s' is %zu bytes, over the limit of %zu bytes "
                              "(raise max_doc_bytes)",
                              doc->id, len, doc->max_text);
    if (text_reserve(doc, len))
        return lede_error_set(err, LEDE_ENOMEM, "out of memory loading document '%s'", doc->id);
    bad = utf8_copy_valid(doc->text, text, len);
    if (bad == len) {
        doc->len = len;
        doc->text[len] = '\0';
        fit_arena(doc);
        return 0;
    }

    /* Slow path: copy, replacing each invalid sequence by U+FFFD (3 bytes). */
    size_t worst = len * 3, o, used = len, n_bad = 0;
    if (worst / 3 != len || worst > doc->max_text)
        worst = doc->max_text;
    if (text_reserve(doc, worst))
        return lede_error_set(err, LEDE_ENOMEM, "out of memory loading document '%s'", doc->id);
    o = lede__utf8_repair(doc->text, worst, text, &used, &n_bad);
    doc->len = o;
    doc->text[o] = '\0';
    if (used < len)
        return lede_error_set(err, LEDE_ETOOBIG,
                              "document '%s': replacing invalid UTF-8 made it larger than the "
                              "limit of %zu bytes",
                              doc->id, doc->max_text);
    fit_arena(doc);
    const char *saved = doc->stage;
    doc->stage = "reader";
    lede_doc_warn(doc, (uint32_t)bad,
                  "invalid UTF-8 at byte offset %zu (input) replaced by U+FFFD "
                  "(%zu invalid byte%s in the document)",
                  bad, n_bad, n_bad == 1 ? "" : "s");
    doc->stage = saved;
    return 0;
}

size_t lede__utf8_valid(const char *s, size_t len)
{
    return utf8_valid_prefix(s, len);
}

size_t lede__utf8_repair(char *out, size_t cap, const char *s, size_t *len, size_t *n_bad)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + *len;
    char *o = out;
    while (p < end) {
        size_t n = utf8_valid_len(p, end);
        if (n) {
            if ((size_t)(o - out) + n > cap)
                break;
            memcpy(o, p, n);
            o += n;
            p += n;
            continue;
        }
        if ((size_t)(o - out) + 3 > cap)
            break;
        memcpy(o, "\xEF\xBF\xBD", 3);
        o += 3;
        /* The lead byte and the continuation bytes that followed it. */
        for (p++, (*n_bad)++; p < end && (*p & 0xC0) == 0x80; p++)
            (*n_bad)++;
    }
    *len = (size_t)(p - (const unsigned char *)s);
    return (size_t)(o - out);
}

/* An arena copy of s[0, len), NUL-terminated, with each invalid UTF-8 sequence replaced by
 * U+FFFD; *out_len receives its length and *n_bad is increased by the bytes replaced. */
static char *strndup_utf8(lede_doc *doc, const char *s, size_t len, size_t *out_len, size_t *n_bad)
{
    size_t ok = utf8_valid_prefix(s, len);
    if (ok == len) {
        *out_len = len;
        return lede_doc_strndup(doc, s, len);
    }
    if (len > (SIZE_MAX - 1) / 3)
        return NULL;
    char *out = lede_doc_alloc(doc, len * 3 + 1);
    if (!out)
        return NULL;
    *out_len = lede__utf8_repair(out, len * 3, s, &len, n_bad);
    out[*out_len] = '\0';
    return out;
}

/* The code unit of the \uXXXX escape at s[i], or -1 when there is none. */
static long escape_unit(const char *s, size_t len, size_t i)
{
    unsigned u;
    if (i + 6 > len || s[i] != '\\' || s[i + 1] != 'u' || lede__json_hex4(s + i + 2, &u))
        return -1;
    return (long)u;
}

/* Rewrites each \u escape of a lone surrogate in the JSON value v[0, len) (checked JSON) as
 * \ufffd, in place: JSON allows them, but most readers (jq, Python's strict mode, jansson)
 * reject the line, and a record is written whole or not at all. Returns how many. */
static size_t fix_lone_surrogates(char *v, size_t len)
{
    size_t n = 0;
    int in_string = 0;
    if (!memchr(v, '\\', len))
        return 0;
    for (size_t i = 0; i < len; i++) {
        if (v[i] == '"') {
            in_string = !in_string;
        } else if (in_string && v[i] == '\\') {
            long u = escape_unit(v, len, i), lo;
            if (u >= 0xD800 && u < 0xDC00 && (lo = escape_unit(v, len, i + 6)) >= 0xDC00 &&
                lo < 0xE000) {
                i += 11; /* a pair: both escapes */
            } else if (u >= 0xD800 && u < 0xE000) {
                memcpy(v + i + 2, "fffd", 4);
                n++;
                i += 5;
            } else {
                i++; /* the escaped character (or the u of another escape) */
            }
        }
    }
    return n;
}

/* Replaces each byte of an invalid UTF-8 sequence in the string s by '?' (the same length:
 * s may be a fixed buffer that a cut at its size left ending inside a character). */
static void valid_in_place(char *s)
{
    unsigned char *p = (unsigned char *)s, *end = p + strlen(s);
    while (p < end) {
        size_t n = utf8_valid_len(p, end);
        if (n)
            p += n;
        else
            *p++ = '?';
    }
}

/* FNV-1a of a metadata key. */
static uint32_t key_hash(const char *key)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        h = (h ^ *p) * 16777619u;
    return h;
}

enum { META_TABLE_MIN = 16 };

/* Rebuilds the key table for n_slots slots (a power of two above twice the fields). */
static int meta_rehash(lede_doc *doc, size_t n_slots)
{
    uint32_t *t = lede_doc_alloc(doc, n_slots * sizeof *t);
    if (!t)
        return LEDE_ENOMEM;
    for (size_t i = 0; i < doc->n_meta; i++) {
        size_t k = doc->meta[i].hash & (n_slots - 1);
        while (t[k])
            k = (k + 1) & (n_slots - 1);
        t[k] = (uint32_t)i + 1;
    }
    doc->meta_slots = t;
    doc->n_slots = n_slots;
    return 0;
}

/* The field called key (with hash h), or NULL. */
static doc_meta *meta_find(const lede_doc *doc, const char *key, uint32_t h)
{
    if (!doc->meta_slots) {
        for (size_t i = 0; i < doc->n_meta; i++)
            if (doc->meta[i].hash == h && strcmp(doc->meta[i].key, key) == 0)
                return &doc->meta[i];
        return NULL;
    }
    for (size_t k = h & (doc->n_slots - 1); doc->meta_slots[k]; k = (k + 1) & (doc->n_slots - 1)) {
        doc_meta *m = &doc->meta[doc->meta_slots[k] - 1];
        if (m->hash == h && strcmp(m->key, key) == 0)
            return m;
    }
    return NULL;
}

int lede__doc_meta_put(lede_doc *doc, const char *key, size_t key_len, const char *json, size_t len)
{
    size_t klen, vlen, n_bad = 0;
    char *k = strndup_utf8(doc, key, key_len, &klen, &n_bad);
    char *v = k ? strndup_utf8(doc, json, len, &vlen, &n_bad) : NULL;
    if (!v)
        return LEDE_ENOMEM;
    size_t n_lone = fix_lone_surrogates(v, vlen);
    if (n_bad || n_lone) {
        const char *saved = doc->stage;
        if (!saved)
            doc->stage = "reader";
        if (n_bad)
            lede_doc_warn(doc, LEDE_NONE,
                          "metadata field '%s': invalid UTF-8 replaced by U+FFFD (%zu invalid "
                          "byte%s)",
                          k, n_bad, n_bad == 1 ? "" : "s");
        if (n_lone)
            lede_doc_warn(doc, LEDE_NONE,
                          "metadata field '%s': %zu lone surrogate escape%s replaced by U+FFFD", k,
                          n_lone, n_lone == 1 ? "" : "s");
        doc->stage = saved;
    }
    /* A key given twice keeps its first place and its last value, as JSON parsers do. */
    uint32_t h = key_hash(k);
    doc_meta *m = meta_find(doc, k, h);
    if (m) {
        m->json = v;
        m->len = vlen;
        return 0;
    }
    if (grow(doc, (void **)&doc->meta, &doc->cap_meta, doc->n_meta + 1, sizeof *doc->meta))
        return LEDE_ENOMEM;
    m = &doc->meta[doc->n_meta++];
    m->key = k;
    m->json = v;
    m->len = vlen;
    m->hash = h;
    if (doc->n_meta >= META_TABLE_MIN && doc->n_meta * 2 > doc->n_slots)
        return meta_rehash(doc, doc->n_slots ? doc->n_slots * 2 : 4 * META_TABLE_MIN);
    if (doc->meta_slots) {
        size_t s = h & (doc->n_slots - 1);
        while (doc->meta_slots[s])
            s = (s + 1) & (doc->n_slots - 1);
        doc->meta_slots[s] = (uint32_t)doc->n_meta;
    }
    return 0;
}

int lede_doc_meta_add(lede_doc *doc, const char *key, const char *json, size_t len)
{
    if (!key || !*key || !json || lede__json_check(json, len))
        return LEDE_EINVAL;
    return lede__doc_meta_put(doc, key, strlen(key), json, len);
}

const char *lede_doc_id(const lede_doc *doc)
{
    return doc->id;
}

const char *lede_doc_text(const lede_doc *doc, size_t *len)
{
    if (len)
        *len = doc->len;
    return doc->text ? doc->text : "";
}

size_t lede_doc_meta_count(const lede_doc *doc)
{
    return doc->n_meta;
}

void lede_doc_meta_at(const lede_doc *doc, size_t i, const char **key, const char **json,
                      size_t *json_len)
{
    const doc_meta *m = i < doc->n_meta ? &doc->meta[i] : NULL;
    if (key)
        *key = m ? m->key : NULL;
    if (json)
        *json = m ? m->json : NULL;
    if (json_len)
        *json_len = m ? m->len : 0;
}

void *lede_doc_alloc(lede_doc *doc, size_t n)
{
    return lede__arena_alloc(&doc->arena, n);
}

char *lede_doc_strndup(lede_doc *doc, const char *s, size_t len)
{
    /* Every byte is written: no need to zero them first. */
    char *p = lede__arena_alloc_uninit(&doc->arena, len + 1);
    if (p) {
        if (len)
            memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

/* The five built-in layers share one shape: an array, a count and a presence bit. */
#define DOC_LAYER_ACCESSORS(type, field, count, bit, set_fn, get_fn)                               \
    void set_fn(lede_doc *doc, type *arr, size_t n)                                                \
    {                                                                                              \
        doc->field = arr;                                                                          \
        doc->count = arr ? n : 0;                                                                  \
        doc->has |= bit;                                                                           \
    }                                                                                              \
    const type *get_fn(const lede_doc *doc, size_t *n)                                             \
    {                                                                                              \
        if (n)                                                                                     \
            *n = doc->count;                                                                       \
        return doc->field;                                                                         \
    }

DOC_LAYER_ACCESSORS(lede_token, tokens, n_tokens, HAS_TOKEN, lede_doc_set_tokens, lede_doc_tokens)
DOC_LAYER_ACCESSORS(lede_sentence, sents, n_sents, HAS_SENTENCE, lede_doc_set_sentences,
                    lede_doc_sentences)
DOC_LAYER_ACCESSORS(lede_paragraph, paras, n_paras, HAS_PARAGRAPH, lede_doc_set_paragraphs,
                    lede_doc_paragraphs)
DOC_LAYER_ACCESSORS(lede_quote, quotes, n_quotes, HAS_QUOTE, lede_doc_set_quotes, lede_doc_quotes)
DOC_LAYER_ACCESSORS(lede_summary_item, summary, n_summary, HAS_SUMMARY, lede_doc_set_summary,
                    lede_doc_summary)

static const struct {
    const char *name;
    unsigned bit;
} builtin_layers[] = {{LEDE_LAYER_TOKEN, HAS_TOKEN},
                      {LEDE_LAYER_SENTENCE, HAS_SENTENCE},
                      {LEDE_LAYER_PARAGRAPH, HAS_PARAGRAPH},
                      {LEDE_LAYER_QUOTE, HAS_QUOTE},
                      {LEDE_LAYER_SUMMARY, HAS_SUMMARY}};

static unsigned builtin_bit(const char *name)
{
    /* Asked for every layer of every document (the exporter): the names differ in their
     * first letter but for sentence and summary, so one strcmp nearly always decides. */
    for (size_t i = 0; i < sizeof builtin_layers / sizeof builtin_layers[0]; i++)
        if (builtin_layers[i].name[0] == name[0] && strcmp(builtin_layers[i].name, name) == 0)
            return builtin_layers[i].bit;
    return 0;
}

int lede_doc_has_layer(const lede_doc *doc, const char *name)
{
    unsigned bit = builtin_bit(name);
    if (bit)
        return (doc->has & bit) != 0;
    for (size_t i = 0; i < doc->n_layers; i++)
        if (strcmp(doc->layers[i]->name, name) == 0)
            return 1;
    return 0;
}

lede_layer *lede_doc_layer(lede_doc *doc, const char *name, int create)
{
    lede_layer *l;

    if (!name || !*name || builtin_bit(name))
        return NULL;
    for (size_t i = 0; i < doc->n_layers; i++)
        if (strcmp(doc->layers[i]->name, name) == 0)
            return doc->layers[i];
    if (!create)
        return NULL;
    if (grow(doc, (void **)&doc->layers, &doc->cap_layers, doc->n_layers + 1, sizeof *doc->layers))
        return NULL;
    l = lede_doc_alloc(doc, sizeof *l);
    if (!l || !(l->name = lede_doc_strndup(doc, name, strlen(name))))
        return NULL;
    l->doc = doc;
    doc->layers[doc->n_layers++] = l;
    return l;
}

size_t lede_doc_layer_count(const lede_doc *doc)
{
    return doc->n_layers;
}

lede_layer *lede_doc_layer_at(const lede_doc *doc, size_t i)
{
    return i < doc->n_layers ? doc->layers[i] : NULL;
}

const char *lede_layer_name(const lede_layer *layer)
{
    return layer->name;
}

int lede_layer_add(lede_layer *layer, uint32_t start, uint32_t end, size_t *index)
{
    lede_doc *doc = layer->doc;
    size_t cap = layer->cap;

    if (end < start || end > doc->len || lede__utf8_inside(doc->text, doc->len, start) ||
        lede__utf8_inside(doc->text, doc->len, end))
        return LEDE_EINVAL;
    if (layer->n == cap) {
        size_t c2 = cap;
        if (grow(doc, (void **)&layer->spans, &c2, (layer->n + 1), 2 * sizeof(uint32_t)) ||
            grow(doc, (void **)&layer->attrs, &cap, (layer->n + 1), sizeof(lede_attr *)))
            return LEDE_ENOMEM;
        layer->cap = cap;
    }
    layer->spans[2 * layer->n] = start;
    layer->spans[2 * layer->n + 1] = end;
    layer->attrs[layer->n] = NULL;
    if (index)
        *index = layer->n;
    layer->n++;
    return 0;
}

size_t lede_layer_count(const lede_layer *layer)
{
    return layer->n;
}

void lede_layer_span(const lede_layer *layer, size_t i, uint32_t *start, uint32_t *end)
{
    if (start)
        *start = i < layer->n ? layer->spans[2 * i] : 0;
    if (end)
        *end = i < layer->n ? layer->spans[2 * i + 1] : 0;
}

const lede_attr *lede_layer_attrs(const lede_layer *layer, size_t i)
{
    return i < layer->n ? layer->attrs[i] : NULL;
}

/* The attribute key of span i, appended at the end of its list when new. */
static lede_attr *attr_slot(lede_layer *layer, size_t i, const char *key)
{
    lede_attr *a, *last = NULL;

    if (i >= layer->n || !key)
        return NULL;
    for (a = layer->attrs[i]; a; a = (lede_attr *)a->next) {
        if (strcmp(a->key, key) == 0)
            return a;
        last = a;
    }
    a = lede_doc_alloc(layer->doc, sizeof *a);
    if (!a || !(a->key = lede_doc_strndup(layer->doc, key, strlen(key))))
        return NULL;
    if (last)
        last->next = a;
    else
        layer->attrs[i] = a;
    return a;
}

int lede_layer_set_str(lede_layer *layer, size_t i, const char *key, const char *s, size_t len)
{
    lede_attr *a;
    if (i >= layer->n)
        return LEDE_EINVAL;
    if (!(a = attr_slot(layer, i, key)) || !(a->s = lede_doc_strndup(layer->doc, s, len)))
        return LEDE_ENOMEM;
    a->type = LEDE_ATTR_STRING;
    a->s_len = len;
    return 0;
}

int lede_layer_set_int(lede_layer *layer, size_t i, const char *key, int64_t v)
{
    lede_attr *a;
    if (i >= layer->n)
        return LEDE_EINVAL;
    if (!(a = attr_slot(layer, i, key)))
        return LEDE_ENOMEM;
    a->type = LEDE_ATTR_INT;
    a->i = v;
    return 0;
}

int lede_layer_set_num(lede_layer *layer, size_t i, const char *key, double v)
{
    lede_attr *a;
    if (i >= layer->n)
        return LEDE_EINVAL;
    if (!(a = attr_slot(layer, i, key)))
        return LEDE_ENOMEM;
    a->type = LEDE_ATTR_NUMBER;
    a->d = v;
    return 0;
}

int lede_layer_set_bool(lede_layer *layer, size_t i, const char *key, int v)
{
    lede_attr *a;
    if (i >= layer->n)
        return LEDE_EINVAL;
    if (!(a = attr_slot(layer, i, key)))
        return LEDE_ENOMEM;
    a->type = LEDE_ATTR_BOOL;
    a->i = v != 0;
    return 0;
}

/* At most this many warnings are kept per document; the last one says how many were cut. */
#define DOC_MAX_WARNINGS 100

void lede_doc_warn(lede_doc *doc, uint32_t offset, const char *fmt, ...)
{
    char msg[512];

    if (doc->n_warnings > DOC_MAX_WARNINGS)
        return;
    if (doc->n_warnings == DOC_MAX_WARNINGS)
        snprintf(msg, sizeof msg, "more than %d warnings; the rest are not reported",
                 DOC_MAX_WARNINGS);
    else {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
    }
    if (grow(doc, (void **)&doc->warnings, &doc->cap_warnings, doc->n_warnings + 1,
             sizeof *doc->warnings))
        return;
    doc_warning *w = &doc->warnings[doc->n_warnings];
    w->stage = doc->stage ? doc->stage : "";
    w->offset = offset;
    size_t n, n_bad = 0; /* a stage's text, or the cut above, may split a character */
    w->message = strndup_utf8(doc, msg, strlen(msg), &n, &n_bad);
    if (w->message)
        doc->n_warnings++;
}

size_t lede_doc_warning_count(const lede_doc *doc)
{
    return doc->n_warnings;
}

void lede_doc_warning_at(const lede_doc *doc, size_t i, const char **stage, uint32_t *offset,
                         const char **message)
{
    const doc_warning *w = i < doc->n_warnings ? &doc->warnings[i] : NULL;
    if (stage)
        *stage = w ? w->stage : NULL;
    if (offset)
        *offset = w ? w->offset : LEDE_NONE;
    if (message)
        *message = w ? w->message : NULL;
}

void lede__doc_fail(lede_doc *doc, const char *stage, const char *message)
{
    doc->failed = 1;
    doc->fail_stage = NULL;
    if (stage) {
        snprintf(doc->fail_stage_buf, sizeof doc->fail_stage_buf, "%s", stage);
        doc->fail_stage = doc->fail_stage_buf;
    }
    snprintf(doc->fail_message_buf, sizeof doc->fail_message_buf, "%s",
             message ? message : "failed");
    valid_in_place(doc->fail_stage_buf);
    valid_in_place(doc->fail_message_buf);
    doc->fail_message = doc->fail_message_buf;
}

int lede_doc_failed(const lede_doc *doc, const char **stage, const char **message)
{
    if (stage)
        *stage = doc->failed ? doc->fail_stage : NULL;
    if (message)
        *message = doc->failed ? doc->fail_message : NULL;
    return doc->failed;
}

int lede__doc_set_sinks(lede_doc *doc, int n_sinks)
{
    if (n_sinks <= doc->n_outputs)
        return 0;
    lede_buf *o = realloc(doc->outputs, (size_t)n_sinks * sizeof *o);
    if (!o)
        return LEDE_ENOMEM;
    for (int i = doc->n_outputs; i < n_sinks; i++)
        lede_buf_init(&o[i], 0);
    doc->outputs = o;
    doc->n_outputs = n_sinks;
    return 0;
}

int lede__doc_sink_count(const lede_doc *doc)
{
    return doc->n_outputs;
}

lede_buf *lede_doc_output(lede_doc *doc, int sink)
{
    return sink >= 0 && sink < doc->n_outputs ? &doc->outputs[sink] : NULL;
}

void lede__doc_set_flush(lede_doc *doc, lede__flush_fn flush, void *ctx)
{
    doc->flush = flush;
    doc->flush_ctx = ctx;
}

int lede_doc_output_streams(lede_doc *doc, int sink)
{
    return doc->flush && sink >= 0 && sink < doc->n_outputs &&
           doc->flush(doc->flush_ctx, doc, sink, 0);
}

void lede_doc_output_flush(lede_doc *doc, int sink)
{
    if (doc->flush && sink >= 0 && sink < doc->n_outputs && doc->outputs[sink].len)
        doc->flush(doc->flush_ctx, doc, sink, 1);
}

void lede__doc_set_stage(lede_doc *doc, const char *stage)
{
    doc->stage = stage;
}

const char *lede_doc_stage(const lede_doc *doc)
{
    return doc->stage ? doc->stage : "";
}
