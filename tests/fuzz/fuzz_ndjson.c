/*
 * fuzz_ndjson.c -- libFuzzer target: the NDJSON record parser (core/ndjson.c).
 *
 * Besides memory safety, the parser is checked against jansson, a full JSON parser:
 * every line jansson accepts as an object must be accepted too, with the same text and
 * string id (the last member wins for repeated keys, in both). The converse is not
 * required: the record parser deliberately accepts lone surrogate escapes (as U+FFFD),
 * raw invalid UTF-8 (replaced later, with a warning) and integers of any size.
 *
 * Each input gets a fresh scratch buffer, as the reader's first line does. With
 * LEDE_FUZZ_WARM_SCRATCH=1 in the environment the buffer has been used before (every
 * later line): a way to keep fuzzing past a bug that only a fresh buffer shows (see
 * bench/FUZZING.md, finding 1) until it is fixed. LEDE_FUZZ_SCRATCH_MAX=N caps the
 * buffer at N bytes (the reader's cap is the longest line; a smaller one takes the
 * parser's other way of reserving room); a line refused only as "string too large" is
 * then not compared with jansson.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "fuzz.h"
#include "lede_config.h"

static void check_range(size_t off, size_t len, size_t total, const char *what)
{
    if (off > total || len > total - off)
        fz_fail(NULL, "ndjson: %s [%zu, +%zu) outside a buffer of %zu bytes", what, off, len,
                total);
}

static void compare_string(const json_t *v, const lede_buf *scratch, size_t off, size_t len,
                           const char *what)
{
    if (json_string_length(v) != len || memcmp(json_string_value(v), scratch->data + off, len))
        fz_fail(NULL, "ndjson: %s differs from jansson's (%zu vs %zu bytes)", what, len,
                json_string_length(v));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *line = (const char *)data;
    lede__ndjson_rec rec;
    lede_buf scratch;
    char msg[256];
    json_error_t jerr;
    json_t *obj;
    int rc;

    memset(&rec, 0, sizeof rec);
    const char *cap = getenv("LEDE_FUZZ_SCRATCH_MAX");
    lede_buf_init(&scratch, cap ? (size_t)strtoul(cap, NULL, 10) : 0);
    if (getenv("LEDE_FUZZ_WARM_SCRATCH") && lede_buf_reserve(&scratch, 64))
        fz_fail(NULL, "ndjson: out of memory");
    rc = lede__ndjson_parse(line, size, &rec, &scratch, msg, sizeof msg);
    if (rc && !msg[0])
        fz_fail(NULL, "ndjson: failure %d without a message", rc);
    if (!rc) {
        if (rec.has_id == 1)
            check_range(rec.id_off, rec.id_len, scratch.len, "id");
        if (rec.has_text == 1)
            check_range(rec.text_off, rec.text_len, scratch.len, "text");
        for (size_t i = 0; i < rec.n_fields; i++) {
            check_range(rec.fields[i].key_off, rec.fields[i].key_len, scratch.len, "key");
            check_range(rec.fields[i].val_off, rec.fields[i].val_len, size, "value");
        }
    }

    /* jansson takes a raw NUL byte between tokens for white space; JSON does not (and a
     * raw NUL inside a string is a control byte), so such lines are not compared. */
    obj = memchr(line, 0, size) || (rc && strstr(msg, "string too large"))
              ? NULL
              : json_loadb(line, size, JSON_ALLOW_NUL, &jerr);
    if (obj && json_is_object(obj)) {
        const json_t *text = json_object_get(obj, "text"), *id = json_object_get(obj, "id");
        if (rc)
            fz_fail(NULL, "ndjson: jansson accepts the line, the record parser says: %s", msg);
        if (json_is_string(text) != (rec.has_text == 1))
            fz_fail(NULL, "ndjson: text is%s a string for jansson, has_text = %d",
                    json_is_string(text) ? "" : " not", rec.has_text);
        if (json_is_string(text))
            compare_string(text, &scratch, rec.text_off, rec.text_len, "text");
        if (!text != !rec.has_text)
            fz_fail(NULL, "ndjson: text present for jansson: %d, has_text = %d", text != NULL,
                    rec.has_text);
        if (json_is_string(id)) {
            if (rec.has_id != 1)
                fz_fail(NULL, "ndjson: string id missed");
            compare_string(id, &scratch, rec.id_off, rec.id_len, "id");
        }
        if (!id != !rec.has_id)
            fz_fail(NULL, "ndjson: id present for jansson: %d, has_id = %d", id != NULL,
                    rec.has_id);
    }
    json_decref(obj);
    lede__ndjson_rec_free(&rec);
    lede_buf_free(&scratch);
    return 0;
}
