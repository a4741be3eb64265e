/* test_ndjson.c -- the NDJSON record parser: id, text, metadata, escapes, bad lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede_config.h"

typedef struct fx {
    lede__ndjson_rec rec;
    lede_buf scratch;
    char msg[256];
} fx;

static int setup(void **state)
{
    static fx f;
    memset(&f, 0, sizeof f);
    lede_buf_init(&f.scratch, 0);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    lede__ndjson_rec_free(&f->rec);
    lede_buf_free(&f->scratch);
    return 0;
}

static int parse(fx *f, const char *line)
{
    return lede__ndjson_parse(line, strlen(line), &f->rec, &f->scratch, f->msg, sizeof f->msg);
}

static void test_id_text_and_metadata_are_separated(void **state)
{
    fx *f = *state;
    const char *line =
        "{\"id\":\"a1\",\"url\":\"http://x\",\"text\":\"Hello\",\"tags\":[1,{\"a\":[]}]}";
    assert_int_equal(parse(f, line), 0);
    assert_int_equal(f->rec.has_id, 1);
    assert_memory_equal(f->scratch.data + f->rec.id_off, "a1", 2);
    assert_int_equal(f->rec.text_len, 5);
    assert_memory_equal(f->scratch.data + f->rec.text_off, "Hello", 5);
    assert_int_equal(f->rec.n_fields, 2);
    assert_memory_equal(line + f->rec.fields[0].val_off, "\"http://x\"", 10);
    assert_int_equal(f->rec.fields[1].val_len, strlen("[1,{\"a\":[]}]"));
}

static void test_escapes_and_surrogate_pairs_decode_to_utf8(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "{\"text\":\"a\\\"b\\\\c\\n\\u00e9\\ud83d\\ude00\\u201c\\ud800x\"}"),
                     0);
    const char *want = "a\"b\\c\n\xc3\xa9\xf0\x9f\x98\x80\xe2\x80\x9c\xef\xbf\xbdx";
    assert_int_equal(f->rec.text_len, strlen(want));
    assert_memory_equal(f->scratch.data + f->rec.text_off, want, strlen(want));
}

static void test_numeric_id_is_kept_as_digits(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, " { \"text\" : \"x\" , \"id\" : 12345 } "), 0);
    assert_int_equal(f->rec.has_id, 1);
    assert_memory_equal(f->scratch.data + f->rec.id_off, "12345", 5);
}

static void test_wrong_types_are_flagged_not_dropped(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "{\"id\":null,\"text\":42}"), 0);
    assert_int_equal(f->rec.has_id, -1);
    assert_int_equal(f->rec.has_text, -1);
}

static void test_malformed_lines_are_rejected_with_position(void **state)
{
    fx *f = *state;
    const char *bad[] = {"not json",
                         "{\"text\":\"x\"",
                         "{\"text\":\"x\"} trailing",
                         "{\"text\":\"a\tb\"}",
                         "{\"text\":\"\\q\"}",
                         "[1,2]",
                         "{\"a\":[1,2}",
                         "{\"a\":tru}",
                         "{\"a\":01}",
                         "{\"a\" 1}",
                         NULL};
    for (int i = 0; bad[i]; i++) {
        assert_int_equal(parse(f, bad[i]), LEDE_EPARSE);
        assert_non_null(strstr(f->msg, "byte "));
    }
}

/* A file that is one JSON array: its opening line says how to make NDJSON of it, the
 * others (an element, the closing bracket) only what is wrong with them. */
static void test_an_array_line_says_how_to_make_ndjson(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, " [{\"id\":\"a\",\"text\":\"x\"}]"), LEDE_EPARSE);
    assert_string_equal(f->msg, "byte 2: a record must be a JSON object ({\"id\": ..., \"text\": "
                                "...}), not an array: a file that is one JSON array becomes "
                                "NDJSON with jq -c '.[]' FILE.json > FILE.ndjson");
    assert_int_equal(parse(f, "["), LEDE_EPARSE);
    assert_non_null(strstr(f->msg, "jq -c"));
    assert_int_equal(parse(f, "]"), LEDE_EPARSE);
    assert_null(strstr(f->msg, "jq"));
    assert_int_equal(parse(f, "  {\"id\":\"a\",\"text\":\"x\"},"), LEDE_EPARSE);
    assert_null(strstr(f->msg, "jq"));
}

static void test_deep_nesting_does_not_recurse(void **state)
{
    fx *f = *state;
    static char line[300000];
    size_t n = 0, depth = 100000;
    n += (size_t)sprintf(line, "{\"text\":\"x\",\"deep\":");
    for (size_t i = 0; i < depth; i++)
        line[n++] = '[';
    for (size_t i = 0; i < depth; i++)
        line[n++] = ']';
    line[n++] = '}';
    line[n] = '\0';
    assert_int_equal(parse(f, line), 0);
    assert_int_equal(f->rec.n_fields, 1);
}

/* Parses line[0..len) from an exact-size heap copy, so that AddressSanitizer sees any
 * read past the end of the line. */
static int parse_exact(fx *f, const char *line, size_t len)
{
    char *copy = malloc(len ? len : 1);
    int rc;
    assert_non_null(copy);
    memcpy(copy, line, len);
    rc = lede__ndjson_parse(copy, len, &f->rec, &f->scratch, f->msg, sizeof f->msg);
    free(copy);
    return rc;
}

static void test_escapes_at_every_block_position_decode(void **state)
{
    /* An escape at each offset 0..40 of the text, so that it falls before, on and after
     * the edges of the 16-byte blocks the scanner reads (bytes 7/8, 15/16, 31/32). */
    static const struct {
        const char *json, *utf8;
    } esc[] = {{"\\n", "\n"},
               {"\\\"", "\""},
               {"\\\\", "\\"},
               {"\\/", "/"},
               {"\\u00e9", "\xc3\xa9"},
               {"\\u2028", "\xe2\x80\xa8"},
               {"\\ud83d\\ude00", "\xf0\x9f\x98\x80"},
               {"\\ud800", "\xef\xbf\xbd"}};
    fx *f = *state;
    char line[200], want[100];
    for (size_t e = 0; e < sizeof esc / sizeof *esc; e++) {
        for (int k = 0; k <= 40; k++) {
            int n = snprintf(line, sizeof line, "{\"text\":\"%.*s%s%.*s\",\"id\":\"x\"}", k,
                             "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", esc[e].json,
                             40 - k, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
            int w = snprintf(want, sizeof want, "%.*s%s%.*s", k,
                             "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", esc[e].utf8,
                             40 - k, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
            assert_int_equal(parse_exact(f, line, (size_t)n), 0);
            assert_int_equal(f->rec.text_len, (size_t)w);
            assert_memory_equal(f->scratch.data + f->rec.text_off, want, (size_t)w);
            assert_int_equal(f->rec.id_len, 1);
            assert_memory_equal(f->scratch.data + f->rec.id_off, "x", 1);
        }
    }
}

static void test_long_text_decodes_at_every_position_and_says_when_it_is_ascii(void **state)
{
    /* A 150-byte text (the 32-byte steps, then the 16-byte ones) with an escape, or a raw
     * non-ASCII byte, at each position. text_ascii tells the reader it may skip the UTF-8
     * check: 1 only when every raw byte is ASCII (escapes always decode to valid UTF-8). */
    static const struct {
        const char *json, *utf8;
        int ascii;
    } ins[] = {{"\\n", "\n", 1},
               {"\\\"", "\"", 1},
               {"\\u00e9", "\xc3\xa9", 1},
               {"\\u2028", "\xe2\x80\xa8", 1},
               {"\xc3\xa9", "\xc3\xa9", 0},
               {"\xff", "\xff", 0}};
    fx *f = *state;
    char text[151], line[400], want[200];
    for (int i = 0; i < 150; i++)
        text[i] = (char)('a' + i % 26);
    text[150] = '\0';
    for (size_t e = 0; e < sizeof ins / sizeof *ins; e++) {
        for (int k = 0; k <= 150; k++) {
            int n = snprintf(line, sizeof line, "{\"text\":\"%.*s%s%s\",\"m\":1}", k, text,
                             ins[e].json, text + k);
            int w = snprintf(want, sizeof want, "%.*s%s%s", k, text, ins[e].utf8, text + k);
            assert_int_equal(parse_exact(f, line, (size_t)n), 0);
            assert_int_equal(f->rec.text_len, (size_t)w);
            assert_memory_equal(f->scratch.data + f->rec.text_off, want, (size_t)w);
            assert_int_equal(f->rec.text_ascii, ins[e].ascii);
        }
    }
    /* A short text, below the 32-byte steps. */
    assert_int_equal(parse_exact(f, "{\"text\":\"abc\"}", 14), 0);
    assert_int_equal(f->rec.text_ascii, 1);
}

static void test_control_byte_is_reported_at_its_position_in_any_block(void **state)
{
    fx *f = *state;
    char line[100], where[32];
    for (int k = 0; k <= 40; k++) {
        int n = snprintf(line, sizeof line, "{\"text\":\"%.*s\x01xyz\"}", k,
                         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        assert_int_equal(parse_exact(f, line, (size_t)n), LEDE_EPARSE);
        snprintf(where, sizeof where, "byte %d: control", 10 + k);
        assert_non_null(strstr(f->msg, where));
    }
}

static void test_line_ending_inside_a_string_is_unterminated_at_any_length(void **state)
{
    fx *f = *state;
    char line[100];
    for (int k = 0; k <= 40; k++) {
        int n = snprintf(line, sizeof line, "{\"text\":\"%.*s", k,
                         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        assert_int_equal(parse_exact(f, line, (size_t)n), LEDE_EPARSE);
        assert_non_null(strstr(f->msg, "unterminated string"));
        /* and a backslash as the very last byte of the line */
        line[n] = '\\';
        assert_int_equal(parse_exact(f, line, (size_t)n + 1), LEDE_EPARSE);
        assert_non_null(strstr(f->msg, "unterminated escape"));
    }
}

static void test_raw_utf8_and_invalid_bytes_pass_through_across_blocks(void **state)
{
    /* Raw multibyte UTF-8 straddling a block edge is copied as is; invalid UTF-8 too (the
     * document loader replaces it later, with a warning). */
    fx *f = *state;
    char line[100], want[60];
    for (int k = 12; k <= 17; k++) {
        int w = snprintf(want, sizeof want, "%.*s\xe2\x82\xac\xff\xc0 end", k,
                         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        int n = snprintf(line, sizeof line, "{\"text\":\"%s\"}", want);
        assert_int_equal(parse_exact(f, line, (size_t)n), 0);
        assert_int_equal(f->rec.text_len, (size_t)w);
        assert_memory_equal(f->scratch.data + f->rec.text_off, want, (size_t)w);
    }
}

static void test_scratch_capped_below_the_line_still_decodes_short_strings(void **state)
{
    fx *f = *state;
    const char *ok = "{\"text\":\"abc\",\"meta\":\"a long metadata value, longer than the cap\"}";
    const char *big = "{\"text\":\"abcdefghijklmnopqrstuvwxyz\"}";
    lede_buf_free(&f->scratch);
    lede_buf_init(&f->scratch, 16);
    assert_int_equal(parse_exact(f, ok, strlen(ok)), 0);
    assert_int_equal(f->rec.text_len, 3);
    assert_memory_equal(f->scratch.data + f->rec.text_off, "abc", 3);
    assert_int_equal(parse_exact(f, big, strlen(big)), LEDE_EPARSE);
    assert_non_null(strstr(f->msg, "string too large"));
}

static void test_scratch_capped_below_the_source_decodes_what_fits(void **state)
{
    /* Twelve \u00e9 escapes: 72 bytes of source, 24 decoded. A cap of 64 holds the
     * decoded text though not its source (a review's reproducer). */
    fx *f = *state;
    char line[256] = "{\"text\":\"";
    for (int k = 0; k < 12; k++)
        strcat(line, "\\u00e9");
    strcat(line, "x\"}");
    lede_buf_free(&f->scratch);
    lede_buf_init(&f->scratch, 64);
    assert_int_equal(parse_exact(f, line, strlen(line)), 0);
    assert_int_equal(f->rec.text_len, 25);
    for (int k = 0; k < 12; k++)
        assert_memory_equal(f->scratch.data + f->rec.text_off + 2 * k, "\xc3\xa9", 2);
    assert_int_equal(f->scratch.data[f->rec.text_off + 24], 'x');
}

static void test_scratch_capped_below_the_line_and_nearly_full_is_not_overrun(void **state)
{
    /* 25 metadata keys of 10 bytes fill 250 bytes of a 256-byte scratch buffer capped at
     * 300; the text's room is then reserved for its own length only (3 bytes): decoding
     * it must stay inside the buffer (AddressSanitizer checks), whatever follows it. */
    fx *f = *state;
    char line[1024];
    size_t n = 0;
    lede_buf_free(&f->scratch);
    lede_buf_init(&f->scratch, 300);
    line[n++] = '{';
    for (int k = 0; k < 25; k++)
        n += (size_t)snprintf(line + n, sizeof line - n, "\"key_%06d\":1,", k);
    n += (size_t)snprintf(line + n, sizeof line - n,
                          "\"text\":\"abc\",\"zz\":\"a long value after the text, %s\"}",
                          "longer than the room left under the cap");
    assert_int_equal(parse_exact(f, line, n), 0);
    assert_int_equal(f->rec.n_fields, 26);
    assert_int_equal(f->rec.text_len, 3);
    assert_memory_equal(f->scratch.data + f->rec.text_off, "abc", 3);
    assert_true(f->scratch.len <= f->scratch.cap);
}

/* The id of a line cut short (too long to read whole): found when it comes complete
 * before the cut, whatever precedes it; never guessed from a cut number or after the text. */
static int prefix_id(fx *f, const char *line, size_t cut, char *out, size_t size)
{
    size_t off = 0, n = 0;
    if (!lede__ndjson_prefix_id(line, cut, &f->scratch, &off, &n))
        return 0;
    snprintf(out, size, "%.*s", (int)n, f->scratch.data + off);
    return 1;
}

static void test_the_id_of_a_cut_line_is_read_when_it_comes_before_the_cut(void **state)
{
    fx *f = *state;
    char id[64];
    const char *a = "{\"id\":\"caf\\u00e9 42\",\"text\":\"very long";
    assert_true(prefix_id(f, a, strlen(a), id, sizeof id));
    assert_string_equal(id, "caf\u00e9 42");
    const char *b = " { \"src\" : {\"a\":[1,{\"id\":\"no\"}]}, \"id\" : 12345 , \"text\":\"x";
    assert_true(prefix_id(f, b, strlen(b), id, sizeof id));
    assert_string_equal(id, "12345");
    /* Cut inside the number or the string: it may be longer, so no id. */
    assert_false(prefix_id(f, b, strstr(b, "345") - b + 1, id, sizeof id));
    assert_false(prefix_id(f, a, 12, id, sizeof id));
    /* After the text: out of reach. */
    const char *c = "{\"text\":\"long long long\",\"id\":\"late\"}";
    assert_false(prefix_id(f, c, 20, id, sizeof id));
    assert_true(prefix_id(f, c, strlen(c), id, sizeof id));
    assert_string_equal(id, "late");
    /* A repeated id: the last one before the cut, as the full parse takes the last. */
    const char *d = "{\"id\":\"dup1\",\"k\":[1],\"id\":\"dup2\",\"text\":\"long";
    assert_true(prefix_id(f, d, strlen(d), id, sizeof id));
    assert_string_equal(id, "dup2");
    assert_true(prefix_id(f, d, strstr(d, "dup2") - d, id, sizeof id));
    assert_string_equal(id, "dup1");
    /* Not an object, or an id of another type. */
    assert_false(prefix_id(f, "[1,2]", 5, id, sizeof id));
    assert_false(prefix_id(f, "{\"id\":null,\"text\":\"x", 20, id, sizeof id));
}

static void test_text_keeps_its_nul_when_members_are_decoded_after_it(void **state)
{
    /* The reader hands the decoded text to the document in place: its NUL must survive the
     * keys and the id decoded after it, and they must stay intact beside it. */
    fx *f = *state;
    const char *line = "{\"pre\":1,\"text\":\"Hi\\n there\",\"k\\u00e9y\":[\"v\"],\"id\":\"x9\"}";
    assert_int_equal(parse(f, line), 0);
    assert_int_equal(f->rec.text_len, 9);
    assert_string_equal(f->scratch.data + f->rec.text_off, "Hi\n there");
    assert_int_equal(f->rec.n_fields, 2);
    assert_memory_equal(f->scratch.data + f->rec.fields[0].key_off, "pre", 3);
    assert_int_equal(f->rec.fields[1].key_len, 4);
    assert_memory_equal(f->scratch.data + f->rec.fields[1].key_off, "k\xc3\xa9y", 4);
    assert_true(f->rec.fields[1].key_off > f->rec.text_off + f->rec.text_len);
    assert_int_equal(f->rec.id_len, 2);
    assert_memory_equal(f->scratch.data + f->rec.id_off, "x9", 2);
    assert_string_equal(f->scratch.data + f->rec.text_off, "Hi\n there");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_id_text_and_metadata_are_separated, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_the_id_of_a_cut_line_is_read_when_it_comes_before_the_cut, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text_keeps_its_nul_when_members_are_decoded_after_it,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_escapes_and_surrogate_pairs_decode_to_utf8, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_numeric_id_is_kept_as_digits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wrong_types_are_flagged_not_dropped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_malformed_lines_are_rejected_with_position, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_an_array_line_says_how_to_make_ndjson, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_deep_nesting_does_not_recurse, setup, teardown),
        cmocka_unit_test_setup_teardown(test_escapes_at_every_block_position_decode, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_control_byte_is_reported_at_its_position_in_any_block,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_line_ending_inside_a_string_is_unterminated_at_any_length, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_long_text_decodes_at_every_position_and_says_when_it_is_ascii, setup, teardown),
        cmocka_unit_test_setup_teardown(test_raw_utf8_and_invalid_bytes_pass_through_across_blocks,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_scratch_capped_below_the_line_still_decodes_short_strings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scratch_capped_below_the_source_decodes_what_fits,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_scratch_capped_below_the_line_and_nearly_full_is_not_overrun, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
