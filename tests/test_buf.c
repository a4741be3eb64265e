/* test_buf.c -- growable buffers: appends, the cap, and JSON string escaping. */
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "lede/buf.h"

static void test_append_and_printf_grow_and_terminate(void **state)
{
    lede_buf b;
    (void)state;
    lede_buf_init(&b, 0);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(lede_buf_printf(&b, "%d,", i), 0);
    assert_int_equal(strncmp(b.data, "0,1,2,", 6), 0);
    assert_int_equal(b.data[b.len], '\0');
    assert_true(b.len > 3000);
    lede_buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(b.data, "");
    lede_buf_free(&b);
}

static void test_append_past_cap_fails_and_keeps_buffer(void **state)
{
    lede_buf b;
    (void)state;
    lede_buf_init(&b, 10);
    assert_int_equal(lede_buf_puts(&b, "12345"), 0);
    assert_int_equal(lede_buf_puts(&b, "123456"), LEDE_ETOOBIG);
    assert_string_equal(b.data, "12345");
    assert_int_equal(lede_buf_puts(&b, "12345"), 0);
    assert_int_equal(b.len, 10);
    lede_buf_free(&b);
}

static void test_json_string_escapes_quotes_backslashes_and_controls(void **state)
{
    lede_buf b;
    const char in[] = "say \"hi\"\\\n\t\x01 end";
    (void)state;
    lede_buf_init(&b, 0);
    assert_int_equal(lede_buf_json_string(&b, in, sizeof in - 1), 0);
    assert_string_equal(b.data, "\"say \\\"hi\\\"\\\\\\n\\t\\u0001 end\"");
    lede_buf_free(&b);
}

static void test_json_string_keeps_utf8_and_nul_bytes_escaped(void **state)
{
    lede_buf b;
    const char in[] = "\xe2\x80\x9cQ\xe2\x80\x9d\0x";
    (void)state;
    lede_buf_init(&b, 0);
    assert_int_equal(lede_buf_json_string(&b, in, sizeof in - 1), 0);
    assert_string_equal(b.data, "\"\xe2\x80\x9cQ\xe2\x80\x9d\\u0000x\"");
    lede_buf_free(&b);
}

static void test_json_text_writes_invalid_utf8_as_replacement_characters(void **state)
{
    lede_buf b;
    const char in[] = "caf\xc3\xa9 \xff\xfe \xd0\x9f\xd1";
    (void)state;
    lede_buf_init(&b, 0);
    assert_int_equal(lede_buf_json_text(&b, in, sizeof in - 1), 0);
    assert_string_equal(b.data, "\"caf\xc3\xa9 \xef\xbf\xbd\xef\xbf\xbd \xd0\x9f\xef\xbf\xbd\"");
    lede_buf_reset(&b);
    assert_int_equal(lede_buf_json_text(&b, "ok \"", 4), 0); /* valid: as json_string */
    assert_string_equal(b.data, "\"ok \\\"\"");
    lede_buf_free(&b);
}

static void test_json_text_repairs_an_invalid_byte_at_every_position_of_short_strings(void **state)
{
    /* Strings up to 32 bytes are tested for ASCII before the validator, which then starts at
     * the first 8-byte word (or byte) holding a non-ASCII one: a byte 0xFF (never valid) or a
     * lone continuation byte at any position of an ASCII string of 1 to 40 bytes is still
     * written as U+FFFD, and the string without it as it is; a valid "\u00e9" (C3 A9) at any
     * position is written as it is, and so is it before a last byte 0xFF, which becomes
     * U+FFFD (the validator's start is past the first non-ASCII word, not past the end). */
    lede_buf b;
    char in[48], want[64];
    (void)state;
    lede_buf_init(&b, 0);
    for (size_t len = 1; len <= 40; len++) {
        for (size_t at = 0; at <= len; at++) {
            for (int bad = 0; bad < 5; bad++) {
                size_t w = 0;
                if (bad >= 3 && at + (bad == 3 ? 2 : 3) > len)
                    continue;
                for (size_t i = 0; i < len; i++)
                    in[i] = (char)('a' + (char)(i % 26));
                if (at < len && (bad == 1 || bad == 2))
                    in[at] = bad == 1 ? (char)0xFF : (char)0x80;
                if (bad >= 3)
                    memcpy(in + at, "\xc3\xa9", 2);
                if (bad == 4)
                    in[len - 1] = (char)0xFF;
                want[w++] = '"';
                for (size_t i = 0; i < len; i++) {
                    if ((i == at && (bad == 1 || bad == 2)) || (bad == 4 && i == len - 1)) {
                        memcpy(want + w, "\xef\xbf\xbd", 3);
                        w += 3;
                    } else {
                        want[w++] = in[i];
                    }
                }
                want[w++] = '"';
                want[w] = '\0';
                lede_buf_reset(&b);
                assert_int_equal(lede_buf_json_text(&b, in, len), 0);
                assert_string_equal(b.data, want);
            }
        }
    }
    lede_buf_free(&b);
}

/* The escaper's contract, one byte at a time: what the 16-byte path must reproduce. */
static size_t ref_escape(const unsigned char *in, size_t len, char *out)
{
    static const char hex[] = "0123456789abcdef";
    size_t o = 0;

    out[o++] = '"';
    for (size_t i = 0; i < len; i++) {
        unsigned char c = in[i];
        if (c == 0xE2 && len - i >= 3 && in[i + 1] == 0x80 && (in[i + 2] & 0xFE) == 0xA8) {
            memcpy(out + o, in[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
            o += 6;
            i += 2;
            continue;
        }
        const char *e = c == '"'    ? "\\\""
                        : c == '\\' ? "\\\\"
                        : c == '\b' ? "\\b"
                        : c == '\t' ? "\\t"
                        : c == '\n' ? "\\n"
                        : c == '\f' ? "\\f"
                        : c == '\r' ? "\\r"
                                    : NULL;
        if (e) {
            memcpy(out + o, e, 2);
            o += 2;
        } else if (c < 0x20 || c == 0x7F) {
            memcpy(out + o, "\\u00", 4);
            out[o + 4] = hex[c >> 4];
            out[o + 5] = hex[c & 15];
            o += 6;
        } else {
            out[o++] = (char)c;
        }
    }
    out[o++] = '"';
    out[o] = '\0';
    return o;
}

static void check_escape(const unsigned char *in, size_t len)
{
    char want[6 * 80 + 3];
    lede_buf b;
    size_t n;

    assert_true(len <= 80);
    n = ref_escape(in, len, want);
    /* an exact-size heap copy: AddressSanitizer sees any read past its end */
    char *heap = malloc(len);
    assert_non_null(heap);
    memcpy(heap, in, len);
    lede_buf_init(&b, 0);
    assert_int_equal(lede_buf_json_string(&b, heap, len), 0);
    free(heap);
    assert_int_equal(b.len, n);
    assert_memory_equal(b.data, want, n);
    assert_int_equal(b.data[b.len], '\0');
    lede_buf_free(&b);
}

static void test_json_string_escapes_at_every_block_position(void **state)
{
    /* Bytes 7/8 and 15/16 are the edges of an 8- and a 16-byte block; every length up to
     * 80 and every position cover the body loops (16 and 32 bytes a step) and every size of
     * the tail. */
    static const unsigned char special[] = {'"', '\\', '\n', '\t', 0x00, 0x01, 0x1F, 0x7F};
    unsigned char in[80];
    (void)state;
    for (size_t len = 1; len <= 80; len++) {
        for (size_t k = 0; k < len; k++) {
            for (size_t si = 0; si < sizeof special; si++) {
                memset(in, 'a', sizeof in);
                in[k] = special[si];
                check_escape(in, len);
                /* and a second escape right after it, and one at the last byte */
                if (k + 1 < len) {
                    in[k + 1] = '"';
                    in[len - 1] = '\\';
                    check_escape(in, len);
                }
            }
        }
    }
}

static void test_json_string_leaves_bytes_0x20_to_0xff_but_del_alone(void **state)
{
    unsigned char in[80];
    (void)state;
    /* every byte value, 64 at a time: high bytes (UTF-8, and invalid UTF-8 such as 0xC0
     * or 0xFF) are never escaped, whatever their position in a block */
    for (unsigned start = 0; start < 256; start += 16) {
        for (size_t i = 0; i < 64; i++)
            in[i] = (unsigned char)(start + i);
        check_escape(in, 64);
        check_escape(in + 3, 61);
    }
}

static void test_json_string_keeps_utf8_across_a_16_byte_boundary(void **state)
{
    /* "€" (3 bytes) and the curly quote "“" (E2 80 9C, the same first two bytes as U+2028)
     * starting at bytes 13..16, so that they straddle the first block's end. */
    static const char euro[] = "\xe2\x82\xac", ldquo[] = "\xe2\x80\x9c";
    char in[40];
    lede_buf b;
    (void)state;
    for (size_t k = 13; k <= 16; k++) {
        for (int which = 0; which < 2; which++) {
            memset(in, 'x', sizeof in);
            memcpy(in + k, which ? ldquo : euro, 3);
            check_escape((const unsigned char *)in, 24);
            lede_buf_init(&b, 0);
            assert_int_equal(lede_buf_json_string(&b, in, 24), 0);
            assert_int_equal(b.len, 26);
            assert_memory_equal(b.data + 1 + k, which ? ldquo : euro, 3);
            lede_buf_free(&b);
        }
    }
}

static void test_json_string_escapes_line_and_paragraph_separators(void **state)
{
    lede_buf b;
    /* U+2028, U+2029, then the curly quotes and "‧" (U+2027) that share their E2 80 */
    const char in[] = "a\xe2\x80\xa8"
                      "b\xe2\x80\xa9"
                      "c\xe2\x80\x9c\xe2\x80\x99\xe2\x80\xa7";
    (void)state;
    lede_buf_init(&b, 0);
    assert_int_equal(lede_buf_json_string(&b, in, sizeof in - 1), 0);
    assert_string_equal(b.data, "\"a\\u2028b\\u2029c\xe2\x80\x9c\xe2\x80\x99\xe2\x80\xa7\"");
    lede_buf_free(&b);
}

static void test_json_string_escapes_separators_at_every_block_position(void **state)
{
    /* U+2028 and U+2029 at every position of strings of 3..80 bytes (the body loop, the
     * block edges where E2 is byte 14 or 15 and the rest of the sequence in the next block,
     * every tail size), alone, next to a curly quote, and with a cut sequence (E2 80, or
     * E2 alone) at the end, which is not a separator and stays as it is; "℩" and "✨"
     * (E2 84 A9, E2 9C A8) end like U+2029 and U+2028 but are not them. */
    static const unsigned char seqs[][3] = {{0xE2, 0x80, 0xA8}, {0xE2, 0x80, 0xA9},
                                            {0xE2, 0x80, 0x9D}, {0xE2, 0x80, 0xAA},
                                            {0xE2, 0x84, 0xA9}, {0xE2, 0x9C, 0xA8}};
    const size_t n_seqs = sizeof seqs / sizeof seqs[0];
    unsigned char in[80];
    (void)state;
    for (size_t len = 3; len <= 80; len++) {
        for (size_t k = 0; k + 3 <= len; k++) {
            for (size_t si = 0; si < n_seqs; si++) {
                memset(in, 'a', sizeof in);
                memcpy(in + k, seqs[si], 3);
                check_escape(in, len);
                if (k + 6 <= len) {
                    memcpy(in + k + 3, seqs[(si + 2) % n_seqs], 3);
                    check_escape(in, len);
                }
                in[len - 1] = 0xE2;
                check_escape(in, len);
                in[len - 2] = 0xE2;
                in[len - 1] = 0x80;
                check_escape(in, len);
            }
        }
    }
}

/* Appends piece i of a small alphabet of UTF-8 pieces to s at n; returns the new n. */
static size_t add_piece(char *s, size_t n, unsigned i)
{
    /* ASCII, what needs an escape, U+2028/9, characters that share bytes with them (curly
     * quotes, "…", "€", U+2068, "✨"), and 2- and 4-byte sequences */
    static const char *const pieces[] = {"a",
                                         " ",
                                         "\"",
                                         "\\",
                                         "\n",
                                         "\t",
                                         "\x01",
                                         "\x7f",
                                         "\xe2\x80\xa8",
                                         "\xe2\x80\xa9",
                                         "\xe2\x80\x9c",
                                         "\xe2\x80\x99",
                                         "\xe2\x80\xa6",
                                         "\xe2\x82\xac",
                                         "\xe2\x81\xa8",
                                         "\xe2\x9c\xa8",
                                         "\xc3\xa9",
                                         "\xf0\x9f\x98\x80"};
    const char *p = pieces[i % (sizeof pieces / sizeof pieces[0])];
    size_t len = strlen(p);
    memcpy(s + n, p, len);
    return n + len;
}

/* Does s hold a raw U+2028 or U+2029? */
static int has_raw_separator(const char *s, size_t len)
{
    for (size_t i = 0; i + 3 <= len; i++)
        if (memcmp(s + i, "\xe2\x80\xa8", 3) == 0 || memcmp(s + i, "\xe2\x80\xa9", 3) == 0)
            return 1;
    return 0;
}

static void test_json_string_with_separators_parses_back_to_the_same_text(void **state)
{
    /* Random strings of those pieces (fixed seed): the output is what the byte-at-a-time
     * reference writes, holds no raw U+2028 or U+2029, and jansson reads it back as the
     * very same bytes. */
    uint32_t seed = 20261127;
    char in[200], wrapped[6 * 200 + 8];
    (void)state;
    for (int round = 0; round < 3000; round++) {
        size_t n = 0;
        seed = seed * 1103515245u + 12345u;
        size_t pieces = (seed >> 16) % 40;
        for (size_t i = 0; i < pieces && n < 76; i++) {
            seed = seed * 1103515245u + 12345u;
            n = add_piece(in, n, (seed >> 16) % 97);
        }
        check_escape((const unsigned char *)in, n);

        lede_buf b;
        json_error_t jerr;
        lede_buf_init(&b, 0);
        assert_int_equal(lede_buf_json_string(&b, in, n), 0);
        assert_false(has_raw_separator(b.data, b.len));
        /* jansson reads arrays and objects, not a bare string, in its default mode */
        snprintf(wrapped, sizeof wrapped, "[%s]", b.data);
        json_t *v = json_loads(wrapped, 0, &jerr);
        assert_non_null(v);
        json_t *str = json_array_get(v, 0);
        assert_true(json_is_string(str));
        assert_int_equal(json_string_length(str), n);
        assert_memory_equal(json_string_value(str), in, n);
        json_decref(v);
        lede_buf_free(&b);
    }
}

static void test_json_string_without_spare_room_takes_the_byte_loop(void **state)
{
    lede_buf b;
    char fill[300];
    (void)state;
    /* A 256-byte buffer filled so that the escape of one byte (reserved: 6 + 2 bytes and
     * the NUL) ends exactly at its capacity: no 16-byte store fits, the result must not
     * change and the buffer must not grow. */
    memset(fill, 'x', sizeof fill);
    lede_buf_init(&b, 0);
    assert_int_equal(lede_buf_append(&b, fill, 1), 0);
    assert_int_equal(b.cap, 256);
    assert_int_equal(lede_buf_append(&b, fill, 256 - 9 - 1), 0);
    assert_int_equal(lede_buf_json_string(&b, "\"", 1), 0);
    assert_int_equal(b.cap, 256);
    assert_int_equal(b.len, 247 + 4);
    assert_memory_equal(b.data + 247, "\"\\\"\"", 5);
    lede_buf_reset(&b);
    assert_int_equal(lede_buf_append(&b, fill, 256 - 15 - 1), 0);
    assert_int_equal(lede_buf_json_string(&b, "a\x01", 2), 0);
    assert_int_equal(b.cap, 256);
    assert_string_equal(b.data + 240, "\"a\\u0001\"");
    lede_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_append_and_printf_grow_and_terminate),
        cmocka_unit_test(test_append_past_cap_fails_and_keeps_buffer),
        cmocka_unit_test(test_json_string_escapes_quotes_backslashes_and_controls),
        cmocka_unit_test(test_json_string_keeps_utf8_and_nul_bytes_escaped),
        cmocka_unit_test(test_json_text_writes_invalid_utf8_as_replacement_characters),
        cmocka_unit_test(test_json_text_repairs_an_invalid_byte_at_every_position_of_short_strings),
        cmocka_unit_test(test_json_string_escapes_at_every_block_position),
        cmocka_unit_test(test_json_string_leaves_bytes_0x20_to_0xff_but_del_alone),
        cmocka_unit_test(test_json_string_keeps_utf8_across_a_16_byte_boundary),
        cmocka_unit_test(test_json_string_escapes_line_and_paragraph_separators),
        cmocka_unit_test(test_json_string_escapes_separators_at_every_block_position),
        cmocka_unit_test(test_json_string_with_separators_parses_back_to_the_same_text),
        cmocka_unit_test(test_json_string_without_spare_room_takes_the_byte_loop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
