/* test_doc.c -- the document model: loading, UTF-8 repair, layers, attributes, warnings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede/doc.h"
#include "lede_internal.h"

static lede_doc *load(const char *text, size_t len)
{
    lede_doc *doc;
    lede_error err;
    assert_int_equal(lede_doc_new(&doc, &err), 0);
    assert_int_equal(lede_doc_load(doc, "d1", text, len, &err), 0);
    return doc;
}

static void test_text_is_kept_byte_for_byte(void **state)
{
    const char text[] = "Putin\xe2\x80\x99s visit\r\n\r\nU.N. \xe2\x80\x9cQ\xe2\x80\x9d";
    size_t len;
    (void)state;
    lede_doc *doc = load(text, sizeof text - 1);
    assert_memory_equal(lede_doc_text(doc, &len), text, sizeof text - 1);
    assert_int_equal(len, sizeof text - 1);
    assert_string_equal(lede_doc_id(doc), "d1");
    assert_int_equal(lede_doc_warning_count(doc), 0);
    lede_doc_free(doc);
}

static void test_invalid_utf8_becomes_replacement_with_warning_naming_offset(void **state)
{
    /* An overlong slash, a surrogate, a code point past U+10FFFF, a stray continuation. */
    const char text[] = "ab\xc0\xaf"
                        "c\xed\xa0\x80"
                        "d\xf4\x90\x80\x80"
                        "e\x80";
    size_t len;
    const char *msg;
    uint32_t off;
    (void)state;
    lede_doc *doc = load(text, sizeof text - 1);
    const char *t = lede_doc_text(doc, &len);
    assert_string_equal(t, "ab\xef\xbf\xbd"
                           "c\xef\xbf\xbd"
                           "d\xef\xbf\xbd"
                           "e\xef\xbf\xbd");
    assert_int_equal(lede_doc_warning_count(doc), 1);
    lede_doc_warning_at(doc, 0, NULL, &off, &msg);
    assert_int_equal(off, 2);
    assert_non_null(strstr(msg, "byte offset 2"));
    lede_doc_free(doc);
}

static void test_oversized_text_is_refused(void **state)
{
    lede_doc *doc;
    lede_error err;
    (void)state;
    assert_int_equal(lede_doc_new(&doc, &err), 0);
    lede__doc_set_limits(doc, 4, 0);
    assert_int_equal(lede_doc_load(doc, "big", "12345", 5, &err), LEDE_ETOOBIG);
    assert_non_null(strstr(err.message, "big"));
    assert_int_equal(lede_doc_load(doc, "ok", "1234", 4, &err), 0);
    lede_doc_free(doc);
}

static void test_generic_layer_spans_and_typed_attributes(void **state)
{
    const char *text = "Iran and Russia";
    size_t i0, i1;
    (void)state;
    lede_doc *doc = load(text, strlen(text));
    lede_layer *l = lede_doc_layer(doc, "entity", 1);
    assert_non_null(l);
    assert_ptr_equal(lede_doc_layer(doc, "entity", 0), l);
    assert_null(lede_doc_layer(doc, "token", 1)); /* built-in names are not generic */
    assert_int_equal(lede_layer_add(l, 0, 4, &i0), 0);
    assert_int_equal(lede_layer_add(l, 9, 15, &i1), 0);
    assert_int_equal(lede_layer_add(l, 9, 99, NULL), LEDE_EINVAL);
    assert_int_equal(lede_layer_set_str(l, i0, "type", "place", 5), 0);
    assert_int_equal(lede_layer_set_int(l, i0, "count", 2), 0);
    assert_int_equal(lede_layer_set_num(l, i1, "score", 0.5), 0);
    assert_int_equal(lede_layer_set_bool(l, i1, "main", 1), 0);
    assert_int_equal(lede_layer_set_int(l, i0, "count", 3), 0); /* last value wins */
    assert_int_equal(lede_layer_set_int(l, 7, "x", 1), LEDE_EINVAL);

    const lede_attr *a = lede_layer_attrs(l, i0);
    assert_string_equal(a->key, "type");
    assert_string_equal(a->s, "place");
    assert_string_equal(a->next->key, "count");
    assert_int_equal(a->next->i, 3);
    assert_null(a->next->next);
    a = lede_layer_attrs(l, i1);
    assert_int_equal(a->type, LEDE_ATTR_NUMBER);
    assert_int_equal(a->next->type, LEDE_ATTR_BOOL);
    assert_true(lede_doc_has_layer(doc, "entity"));
    assert_false(lede_doc_has_layer(doc, "quote"));
    assert_int_equal(lede_doc_layer_count(doc), 1);
    lede_doc_free(doc);
}

static void test_builtin_layers_set_and_get(void **state)
{
    const char *text = "One. Two.";
    size_t n;
    (void)state;
    lede_doc *doc = load(text, strlen(text));
    lede_sentence *s = lede_doc_alloc(doc, 2 * sizeof *s);
    s[0].start = 0, s[0].end = 4, s[1].start = 5, s[1].end = 9;
    lede_doc_set_sentences(doc, s, 2);
    assert_true(lede_doc_has_layer(doc, "sentence"));
    assert_ptr_equal(lede_doc_sentences(doc, &n), s);
    assert_int_equal(n, 2);
    assert_null(lede_doc_tokens(doc, &n));
    assert_int_equal(n, 0);
    lede_doc_set_quotes(doc, NULL, 0); /* present but empty */
    assert_true(lede_doc_has_layer(doc, "quote"));
    lede_doc_free(doc);
}

static void test_reset_forgets_everything_between_documents(void **state)
{
    lede_error err;
    (void)state;
    lede_doc *doc = load("first", 5);
    assert_int_equal(lede_doc_meta_add(doc, "url", "\"http://x\"", 10), 0);
    lede_doc_layer(doc, "x", 1);
    lede_doc_warn(doc, 0, "w");
    lede__doc_fail(doc, "s", "m");
    lede_doc_reset(doc);
    assert_int_equal(lede_doc_load(doc, "d2", "second", 6, &err), 0);
    assert_int_equal(lede_doc_meta_count(doc), 0);
    assert_int_equal(lede_doc_layer_count(doc), 0);
    assert_int_equal(lede_doc_warning_count(doc), 0);
    assert_false(lede_doc_failed(doc, NULL, NULL));
    assert_string_equal(lede_doc_text(doc, NULL), "second");
    lede_doc_free(doc);
}

static void test_metadata_is_json_and_utf8_and_a_key_given_twice_keeps_the_last_value(void **state)
{
    const char *key, *json, *msg;
    size_t n;
    char big[32];
    (void)state;
    lede_doc *doc = load("meta", 4);
    /* A stage's value must be one JSON value: "hello}" would break the record. */
    assert_int_equal(lede_doc_meta_add(doc, "tag", "hello}", 6), LEDE_EINVAL);
    assert_int_equal(lede_doc_meta_add(doc, "tag", "\"a\" \"b\"", 7), LEDE_EINVAL);
    assert_int_equal(lede_doc_meta_add(doc, "", "1", 1), LEDE_EINVAL);
    assert_int_equal(lede_doc_meta_count(doc), 0);
    assert_int_equal(lede_doc_meta_add(doc, "tag", " \"business\" ", 12), 0);
    assert_int_equal(lede_doc_meta_add(doc, "year", "2022", 4), 0);
    assert_int_equal(lede_doc_meta_add(doc, "tag", "[\"hello\"]", 9), 0);
    assert_int_equal(lede_doc_meta_count(doc), 2);
    lede_doc_meta_at(doc, 0, &key, &json, &n);
    assert_string_equal(key, "tag");
    assert_string_equal(json, "[\"hello\"]");
    /* Invalid UTF-8 (the reader's raw bytes of a field) becomes U+FFFD, with a warning. */
    assert_int_equal(lede__doc_meta_put(doc, "src", 3,
                                        "\"a\xff"
                                        "b\"",
                                        5),
                     0);
    lede_doc_meta_at(doc, 2, &key, &json, &n);
    assert_string_equal(json, "\"a\xef\xbf\xbd"
                              "b\"");
    assert_int_equal(n, 7);
    lede_doc_warning_at(doc, 0, NULL, NULL, &msg);
    assert_non_null(strstr(msg, "metadata field 'src': invalid UTF-8 replaced by U+FFFD"));
    /* Many fields: the table that finds a repeated key keeps the first place, last value. */
    for (int i = 0; i < 200; i++) {
        snprintf(big, sizeof big, "f%d", i % 100);
        assert_int_equal(lede__doc_meta_put(doc, big, strlen(big), i < 100 ? "1" : "2", 1), 0);
    }
    assert_int_equal(lede_doc_meta_count(doc), 103);
    lede_doc_meta_at(doc, 3 + 42, &key, &json, &n);
    assert_string_equal(key, "f42");
    assert_string_equal(json, "2");
    lede_doc_free(doc);
}

static void test_spans_must_not_cut_a_character(void **state)
{
    lede_error err;
    size_t i;
    (void)state;
    lede_doc *doc = NULL;
    assert_int_equal(lede_doc_new(&doc, &err), 0);
    /* "Путин said": each Cyrillic letter is two bytes. */
    assert_int_equal(
        lede_doc_load(doc, "ru", "\xd0\x9f\xd1\x83\xd1\x82\xd0\xb8\xd0\xbd said", 15, &err), 0);
    lede_layer *l = lede_doc_layer(doc, "names", 1);
    assert_int_equal(lede_layer_add(l, 0, 3, &i), LEDE_EINVAL);
    assert_int_equal(lede_layer_add(l, 1, 4, &i), LEDE_EINVAL);
    assert_int_equal(lede_layer_add(l, 0, 10, &i), 0);
    assert_int_equal(lede_layer_add(l, 11, 15, &i), 0);
    assert_int_equal(lede_layer_count(l), 2);
    /* A warning cut inside a character (the message buffer is 512 bytes) stays UTF-8. */
    char msg[600];
    memset(msg, 'a', 510);
    memcpy(msg + 510, "\xd0\x9f\xd1\x83", 5);
    lede_doc_warn(doc, 0, "%s", msg);
    const char *w;
    lede_doc_warning_at(doc, 0, NULL, NULL, &w);
    assert_int_equal(lede__utf8_valid(w, strlen(w)), strlen(w));
    lede_doc_free(doc);
}

static void test_warnings_are_capped(void **state)
{
    const char *msg;
    (void)state;
    lede_doc *doc = load("x", 1);
    for (int i = 0; i < 1000; i++)
        lede_doc_warn(doc, (uint32_t)i, "warning %d", i);
    assert_int_equal(lede_doc_warning_count(doc), 101);
    lede_doc_warning_at(doc, 100, NULL, NULL, &msg);
    assert_non_null(strstr(msg, "more than 100 warnings"));
    lede_doc_free(doc);
}

static void test_reused_arena_memory_is_zeroed_and_copies_are_terminated(void **state)
{
    /* After a reset the arena hands out the same, dirty memory again: lede_doc_alloc must
     * still zero it (the ABI's promise), and lede_doc_strndup, which does not zero first,
     * must still end its copy with a NUL. */
    lede_error err;
    (void)state;
    lede_doc *doc = load("x", 1);
    for (int round = 0; round < 2; round++) {
        unsigned char *a = lede_doc_alloc(doc, 4000);
        assert_non_null(a);
        for (size_t i = 0; i < 4000; i++)
            assert_int_equal(a[i], 0);
        memset(a, 'x', 4000);
        lede_doc_reset(doc);
        assert_int_equal(lede_doc_load(doc, "d2", "y", 1, &err), 0);
    }
    lede_doc_reset(doc);
    memset(lede_doc_alloc(doc, 4000), 'x', 4000);
    lede_doc_reset(doc);
    for (size_t len = 0; len < 40; len++) {
        char *s = lede_doc_strndup(doc, "abcdefghijklmnopqrstuvwxyzabcdefghijklmn", len);
        assert_non_null(s);
        assert_int_equal(strlen(s), len);
        assert_memory_equal(s, "abcdefghijklmnopqrstuvwxyzabcdefghijklmn", len);
    }
    lede_doc_free(doc);
}

static void test_arena_cap_returns_null_instead_of_growing(void **state)
{
    (void)state;
    lede_doc *doc = load("x", 1);
    lede__doc_set_limits(doc, 100, 1 << 20);
    assert_non_null(lede_doc_alloc(doc, 1000));
    assert_null(lede_doc_alloc(doc, 2 << 20));
    lede_doc_free(doc);
}

static void test_utf8_at_every_block_position_is_kept_or_replaced(void **state)
{
    /* Sequences of 2, 3 and 4 bytes (U+2028 among them) starting at offsets 0..40, across
     * the edges of the 8- and 16-byte ASCII blocks, are kept; an invalid sequence (a lone
     * lead byte, a stray continuation, a truncated sequence at the very end) at the same
     * offsets becomes U+FFFD with the warning naming its offset. Texts are exact-size heap
     * copies, so that AddressSanitizer sees any read past the end. */
    static const char *const good[] = {"\xc3\xa9", "\xe2\x80\xa8", "\xe2\x82\xac",
                                       "\xf0\x9f\x98\x80"};
    static const char *const bad[] = {"\xc3", "\x80", "\xe2\x82", "\xff"};
    char text[64], want[80], where[40];
    lede_error err;
    lede_doc *doc;
    size_t len;
    const char *msg;
    uint32_t off;
    (void)state;
    assert_int_equal(lede_doc_new(&doc, &err), 0);
    for (size_t k = 0; k <= 40; k++) {
        for (size_t g = 0; g < 4; g++) {
            for (int at_end = 0; at_end < 2; at_end++) {
                size_t tail = at_end ? 0 : 5, gl = strlen(good[g]), n = k + gl + tail;
                char *heap = malloc(n);
                assert_non_null(heap);
                memset(text, 'a', sizeof text);
                memcpy(text + k, good[g], gl);
                memcpy(heap, text, n);
                lede_doc_reset(doc);
                assert_int_equal(lede_doc_load(doc, "g", heap, n, &err), 0);
                assert_memory_equal(lede_doc_text(doc, &len), text, n);
                assert_int_equal(len, n);
                assert_int_equal(lede_doc_warning_count(doc), 0);

                size_t bl = strlen(bad[g]);
                n = k + bl + tail;
                memset(text, 'a', sizeof text);
                memcpy(text + k, bad[g], bl);
                memcpy(heap, text, n);
                memset(want, 'a', sizeof want);
                memcpy(want + k, "\xef\xbf\xbd", 3);
                lede_doc_reset(doc);
                assert_int_equal(lede_doc_load(doc, "b", heap, n, &err), 0);
                assert_memory_equal(lede_doc_text(doc, &len), want, k + 3 + tail);
                assert_int_equal(len, k + 3 + tail);
                assert_int_equal(lede_doc_warning_count(doc), 1);
                lede_doc_warning_at(doc, 0, NULL, &off, &msg);
                assert_int_equal(off, k);
                snprintf(where, sizeof where, "byte offset %zu ", k);
                assert_non_null(strstr(msg, where));
                free(heap);
            }
        }
    }
    lede_doc_free(doc);
}

/* A buffer holding what the NDJSON reader leaves in its scratch: a metadata key, then the
 * text with its NUL, then another key. Returns the text's offset. */
static size_t scratch_with(lede_buf *b, const char *text, size_t len)
{
    lede_buf_init(b, 0);
    assert_int_equal(lede_buf_append(b, "url", 3), 0);
    size_t off = b->len;
    assert_int_equal(lede_buf_append(b, text, len), 0);
    b->len++; /* keep the text's NUL, as lede__ndjson_parse does */
    assert_int_equal(lede_buf_append(b, "lang", 4), 0);
    return off;
}

static void test_adopted_text_is_identical_to_copied_text(void **state)
{
    const char text[] = "Putin\xe2\x80\x99s visit\r\n\r\nU.N. \xe2\x80\x9cQ\xe2\x80\x9d and a "
                        "longer tail of plain ASCII past several 16-byte blocks \xf0\x9f\x98\x80";
    size_t len = sizeof text - 1, alen;
    lede_buf b;
    lede_error err;
    lede_doc *copied = load(text, len), *adopted;
    (void)state;
    assert_int_equal(lede_doc_new(&adopted, &err), 0);
    size_t off = scratch_with(&b, text, len);
    char *storage = b.data;
    assert_int_equal(lede__doc_adopt_text(adopted, "d1", &b, off, len, &err), 0);
    const char *t = lede_doc_text(adopted, &alen);
    assert_int_equal(alen, len);
    assert_memory_equal(t, lede_doc_text(copied, NULL), len + 1); /* with the NUL */
    assert_ptr_equal(t, storage + off);                           /* not copied */
    assert_string_equal(lede_doc_id(adopted), "d1");
    assert_int_equal(lede_doc_warning_count(adopted), 0);
    /* What was decoded beside the text is still readable where it was. */
    assert_memory_equal(storage, "url", 3);
    assert_memory_equal(storage + off + len + 1, "lang", 4);
    /* The buffer got the document's previous storage (none yet), empty. */
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.cap, 0);
    lede_buf_free(&b);
    lede_doc_free(copied);
    lede_doc_free(adopted);
}

static void test_adoption_circulates_two_buffers_and_copying_still_works_after(void **state)
{
    lede_buf b;
    lede_error err;
    lede_doc *doc;
    size_t len;
    (void)state;
    assert_int_equal(lede_doc_new(&doc, &err), 0);
    size_t off = scratch_with(&b, "first text", 10);
    char *first = b.data;
    assert_int_equal(lede__doc_adopt_text(doc, "a", &b, off, 10, &err), 0);
    /* The next record is decoded into the document's old storage (none: a fresh one). */
    lede_doc_reset(doc);
    assert_int_equal(lede_buf_append(&b, "second", 6), 0);
    char *second = b.data;
    assert_ptr_not_equal(second, first);
    assert_int_equal(lede__doc_adopt_text(doc, "b", &b, 0, 6, &err), 0);
    assert_string_equal(lede_doc_text(doc, NULL), "second");
    assert_ptr_equal(b.data, first); /* the first buffer came back: no allocation */
    assert_int_equal(b.len, 0);
    assert_string_equal(b.data, "");
    /* A reset and a copying load put the text at the start of the storage it owns. */
    lede_doc_reset(doc);
    assert_string_equal(lede_doc_text(doc, &len), "");
    assert_int_equal(len, 0);
    assert_int_equal(lede_doc_load(doc, "c", "copied", 6, &err), 0);
    assert_ptr_equal(lede_doc_text(doc, NULL), second);
    assert_string_equal(lede_doc_text(doc, NULL), "copied");
    lede_buf_free(&b);
    lede_doc_free(doc);
}

/* The storage a document keeps from one record to the next, seen from outside: adoption hands
 * the document's storage back to the reader's buffer. */
#define KEEP_MAX ((size_t)4 << 20)

/* A document that took a large text (8 MiB of storage) and output (8 MiB): a reset gives both
 * back; a small one keeps what it had (no allocation per record). */
static void test_reset_frees_the_storage_of_a_large_document_and_keeps_a_small_ones(void **state)
{
    lede_buf b;
    lede_error err;
    lede_doc *doc;
    (void)state;
    assert_int_equal(lede_doc_new(&doc, &err), 0);
    assert_int_equal(lede__doc_set_sinks(doc, 1), 0);
    lede_buf_init(&b, 0);
    assert_int_equal(lede_buf_reserve(&b, (size_t)8 << 20), 0);
    memset(b.data, 'a', (size_t)6 << 20);
    assert_int_equal(lede__doc_adopt_text(doc, "huge", &b, 0, (size_t)6 << 20, &err), 0);
    lede_buf *out = lede_doc_output(doc, 0);
    assert_int_equal(lede_buf_reserve(out, (size_t)8 << 20), 0);
    assert_int_equal(lede_buf_append(out, "{}\n", 3), 0);
    lede_doc_reset(doc);
    assert_true(out->cap <= KEEP_MAX);
    assert_int_equal(out->len, 0);
    /* The next record's text is adopted: the buffer gets the document's storage, no longer
     * the huge one. */
    assert_int_equal(lede_buf_append(&b, "small text", 10), 0);
    assert_int_equal(lede__doc_adopt_text(doc, "small", &b, 0, 10, &err), 0);
    assert_true(b.cap <= KEEP_MAX);
    assert_string_equal(lede_doc_text(doc, NULL), "small text");
    /* A small document's storage stays from one record to the next. */
    assert_int_equal(lede_buf_append(out, "{}\n", 3), 0);
    char *small_out = out->data;
    const char *small_text = lede_doc_text(doc, NULL);
    lede_doc_reset(doc);
    assert_ptr_equal(out->data, small_out);
    assert_int_equal(lede_doc_load(doc, "copied", "copied", 6, &err), 0);
    assert_ptr_equal(lede_doc_text(doc, NULL), small_text);
    lede_buf_free(&b);
    lede_doc_free(doc);
}

/* lede__doc_release, as the runner calls it once a document is written: a large document is
 * reset then (its arena, text and output go), a small one is left as it is. */
static void test_release_resets_a_large_document_only(void **state)
{
    lede_error err;
    lede_doc *doc;
    size_t len;
    (void)state;
    assert_int_equal(lede_doc_new(&doc, &err), 0);
    assert_int_equal(lede__doc_set_sinks(doc, 1), 0);
    assert_int_equal(lede_doc_load(doc, "small", "a news story", 12, &err), 0);
    assert_non_null(lede_doc_alloc(doc, 20000));
    assert_int_equal(lede_buf_append(lede_doc_output(doc, 0), "{}\n", 3), 0);
    lede__doc_release(doc);
    assert_string_equal(lede_doc_text(doc, &len), "a news story");
    assert_string_equal(lede_doc_id(doc), "small");
    assert_int_equal(lede_doc_output(doc, 0)->len, 3);
    /* A large arena alone makes it large (a stage's annotations of a long text). */
    lede_doc_reset(doc);
    assert_int_equal(lede_doc_load(doc, "big", "a long one", 10, &err), 0);
    for (int i = 0; i < 3000; i++)
        assert_non_null(lede_doc_alloc(doc, 4000));
    lede__doc_release(doc);
    assert_string_equal(lede_doc_text(doc, &len), "");
    assert_int_equal(len, 0);
    assert_string_equal(lede_doc_id(doc), "");
    /* So does a large output. */
    assert_int_equal(lede_doc_load(doc, "out", "short", 5, &err), 0);
    lede_buf *out = lede_doc_output(doc, 0);
    assert_int_equal(lede_buf_reserve(out, (size_t)8 << 20), 0);
    lede__doc_release(doc);
    assert_true(out->cap <= KEEP_MAX);
    assert_string_equal(lede_doc_id(doc), "");
    lede_doc_free(doc);
}

static void test_adoption_refuses_invalid_utf8_which_loading_replaces_with_a_warning(void **state)
{
    const char text[] = "plain ASCII for a whole block, then a bad byte \xff here";
    size_t len = sizeof text - 1, n;
    lede_buf b;
    lede_error err;
    lede_doc *doc;
    const char *stage;
    (void)state;
    assert_int_equal(lede_doc_new(&doc, &err), 0);
    size_t off = scratch_with(&b, text, len);
    char *storage = b.data;
    size_t blen = b.len;
    assert_int_equal(lede__doc_adopt_text(doc, "bad", &b, off, len, &err), 1);
    /* Refused: nothing moved, nothing changed. */
    assert_ptr_equal(b.data, storage);
    assert_int_equal(b.len, blen);
    assert_memory_equal(b.data + off, text, len);
    assert_string_equal(lede_doc_text(doc, &n), "");
    assert_int_equal(lede_doc_warning_count(doc), 0);
    assert_int_equal(lede_doc_load(doc, "bad", b.data + off, len, &err), 0);
    assert_non_null(strstr(lede_doc_text(doc, NULL), "bad byte \xef\xbf\xbd here"));
    assert_int_equal(lede_doc_warning_count(doc), 1);
    lede_doc_warning_at(doc, 0, &stage, NULL, NULL);
    assert_string_equal(stage, "reader");
    lede_buf_free(&b);
    lede_doc_free(doc);
}

static void test_adoption_refuses_text_over_max_text(void **state)
{
    lede_buf b;
    lede_error err;
    lede_doc *doc;
    (void)state;
    assert_int_equal(lede_doc_new(&doc, &err), 0);
    lede__doc_set_limits(doc, 10, 0);
    size_t off = scratch_with(&b, "eleven byte", 11);
    assert_int_equal(lede__doc_adopt_text(doc, "big", &b, off, 11, &err), 1);
    assert_int_equal(lede_doc_load(doc, "big", b.data + off, 11, &err), LEDE_ETOOBIG);
    assert_int_equal(lede__doc_adopt_text(doc, "fits", &b, off, 10, &err), 0);
    assert_string_equal(lede_doc_text(doc, NULL), "eleven byt");
    lede_buf_free(&b);
    lede_doc_free(doc);
}

static void test_adoption_validates_at_every_block_position(void **state)
{
    /* The in-place check takes 64 bytes at a time, then 16, then 8: a valid sequence
     * anywhere in 0..200 is adopted unchanged, an invalid one refused, across every
     * block edge and at the very end (exact-size buffers, for AddressSanitizer). */
    static const char *const good[] = {"\xc3\xa9", "\xe2\x80\xa8", "\xf0\x9f\x98\x80"};
    static const char *const bad[] = {"\xc3", "\x80", "\xe2\x82", "\xff"};
    char text[216];
    lede_error err;
    lede_doc *doc;
    size_t len;
    (void)state;
    assert_int_equal(lede_doc_new(&doc, &err), 0);
    for (size_t k = 0; k <= 200; k++) {
        for (size_t g = 0; g < 4; g++) {
            for (int at_end = 0; at_end < 2; at_end++) {
                for (int valid = 0; valid < 2; valid++) {
                    const char *seq = valid ? (g < 3 ? good[g] : "\xe2\x82\xac") : bad[g];
                    size_t sl = strlen(seq), n = k + sl + (at_end ? 0 : 7);
                    lede_buf b;
                    memset(text, 'a', sizeof text);
                    memcpy(text + k, seq, sl);
                    b.data = malloc(n + 1);
                    assert_non_null(b.data);
                    memcpy(b.data, text, n);
                    b.data[n] = '\0';
                    b.len = n;
                    b.cap = n + 1;
                    b.max = 0;
                    lede_doc_reset(doc);
                    int rc = lede__doc_adopt_text(doc, "x", &b, 0, n, &err);
                    assert_int_equal(rc, valid ? 0 : 1);
                    if (valid) {
                        assert_memory_equal(lede_doc_text(doc, &len), text, n);
                        assert_int_equal(len, n);
                    }
                    lede_buf_free(&b);
                }
            }
        }
    }
    lede_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_is_kept_byte_for_byte),
        cmocka_unit_test(test_adopted_text_is_identical_to_copied_text),
        cmocka_unit_test(test_adoption_circulates_two_buffers_and_copying_still_works_after),
        cmocka_unit_test(test_adoption_refuses_invalid_utf8_which_loading_replaces_with_a_warning),
        cmocka_unit_test(test_reset_frees_the_storage_of_a_large_document_and_keeps_a_small_ones),
        cmocka_unit_test(test_release_resets_a_large_document_only),
        cmocka_unit_test(test_adoption_refuses_text_over_max_text),
        cmocka_unit_test(test_adoption_validates_at_every_block_position),
        cmocka_unit_test(test_invalid_utf8_becomes_replacement_with_warning_naming_offset),
        cmocka_unit_test(test_oversized_text_is_refused),
        cmocka_unit_test(test_utf8_at_every_block_position_is_kept_or_replaced),
        cmocka_unit_test(test_generic_layer_spans_and_typed_attributes),
        cmocka_unit_test(test_builtin_layers_set_and_get),
        cmocka_unit_test(test_reset_forgets_everything_between_documents),
        cmocka_unit_test(test_metadata_is_json_and_utf8_and_a_key_given_twice_keeps_the_last_value),
        cmocka_unit_test(test_spans_must_not_cut_a_character),
        cmocka_unit_test(test_warnings_are_capped),
        cmocka_unit_test(test_reused_arena_memory_is_zeroed_and_copies_are_terminated),
        cmocka_unit_test(test_arena_cap_returns_null_instead_of_growing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
