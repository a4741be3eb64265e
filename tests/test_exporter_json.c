/*
 * test_exporter_json.c -- the exporter's json and ndjson records: exact output, escaping,
 * the optional members, generic layers, error records, and that every record parses.
 *
 * Whole records are compared with golden files in tests/fixtures/exporter/ (readable and
 * diffable); the behaviours that matter most are also checked on their own with short
 * literals, so that a failure names what broke. Each output is parsed back with jansson:
 * an exact comparison proves stability, the parse proves the JSON is valid.
 */
#include <setjmp.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "../plugins/exporter/exporter.h"
#include "test_exporter_fixture.h"

/* Runs one fixture document through a fresh exporter and returns a copy of its record. */
static char *render(const char *options, const char *id, int want_rc)
{
    lede_harness *h = exp_fx_harness(options);
    char *out = strdup(exp_fx_run(h, id, want_rc));
    lede_harness_free(h);
    assert_non_null(out);
    return out;
}

/* Parses exactly one JSON value followed by a newline, failing the test otherwise. */
static json_t *parse_record(const char *record)
{
    json_error_t jerr;
    size_t len = strlen(record);
    json_t *v;

    assert_true(len > 0 && record[len - 1] == '\n');
    v = json_loadb(record, len, 0, &jerr);
    if (!v)
        fail_msg("invalid JSON at line %d col %d: %s\n%s", jerr.line, jerr.column, jerr.text,
                 record);
    return v;
}

/* The string member key of object o. */
static const char *str_at(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    assert_true(json_is_string(v));
    return json_string_value(v);
}

static void test_ndjson_record_of_an_article_matches_the_golden_file(void **state)
{
    char *out = render("format=ndjson", "article", 0);
    (void)state;
    exp_fx_check_golden(out, "article.ndjson");
    /* One record, one line. */
    assert_ptr_equal(strchr(out, '\n'), out + strlen(out) - 1);
    json_decref(parse_record(out));
    free(out);
}

static void test_pretty_json_has_one_member_and_one_element_per_line(void **state)
{
    char *out = render("format=json", "article", 0);
    char *compact = render("format=json pretty=false", "article", 0);
    json_t *a, *b;
    (void)state;

    exp_fx_check_golden(out, "article.json");
    assert_non_null(strstr(out, "{\n  \"id\": \"article\",\n  \"meta\": {\n    \"source\": "));
    assert_non_null(strstr(out, "\n  \"paragraphs\": [\n    {\"start\": 0, \"end\": 21},\n    "
                                "{\"start\": 23, \"end\": 194},\n"));
    /* pretty=false is the ndjson line; both layouts hold the same value. */
    a = parse_record(out);
    b = parse_record(compact);
    assert_true(json_equal(a, b));
    assert_null(strstr(compact, "\": "));
    json_decref(a);
    json_decref(b);
    free(out);
    free(compact);
}

static void test_quotes_backslashes_and_control_bytes_are_escaped(void **state)
{
    char *out = render("format=ndjson", "escapes", 0);
    const char *text = exp_fx_text("escapes");
    json_t *v, *q;
    (void)state;

    exp_fx_check_golden(out, "escapes.ndjson");
    assert_non_null(strstr(out, "\"text\":\"I said \\\"no\\\" to C:\\\\temp\""));
    assert_non_null(strstr(out, "\"text\":\"Tab\\u0001ctl 東京 😀\""));
    assert_non_null(strstr(out, "\"text\":\"Line one,\\nline two\""));
    assert_non_null(strstr(out, "Zoë said “I said \\\"no\\\" to C:\\\\temp” and left.\""));
    /* Decoded, every quotation is exactly its bytes of the text. */
    v = parse_record(out);
    q = json_object_get(v, "quotes");
    assert_int_equal(json_array_size(q), 2);
    for (size_t i = 0; i < 2; i++) {
        json_t *e = json_array_get(q, i);
        size_t start = (size_t)json_integer_value(json_object_get(e, "start"));
        size_t end = (size_t)json_integer_value(json_object_get(e, "end"));
        assert_int_equal(strlen(str_at(e, "text")), end - start);
        assert_memory_equal(str_at(e, "text"), text + start, end - start);
    }
    json_decref(v);
    free(out);
}

static void test_non_ascii_is_kept_as_utf8_not_escaped(void **state)
{
    char *out = render("format=ndjson", "escapes", 0);
    (void)state;
    assert_non_null(strstr(out, "\"speaker\":\"Zoë\""));
    assert_non_null(strstr(out, "東京 😀"));
    assert_null(strstr(out, "\\u00e9")); /* é of Café */
    /* Metadata is raw JSON: its own escapes pass through untouched. */
    assert_non_null(strstr(out, "\"meta\":{\"by\":\"Zo\\u00eb\"}"));
    free(out);
}

/* Does s hold a raw U+2028 or U+2029? */
static int has_raw_separator(const char *s)
{
    return strstr(s, "\xe2\x80\xa8") != NULL || strstr(s, "\xe2\x80\xa9") != NULL;
}

static void test_line_and_paragraph_separators_are_escaped_everywhere(void **state)
{
    static const char *const layouts[] = {"format=ndjson", "format=json", NULL};
    const char *text = exp_fx_text("separators");
    (void)state;

    for (size_t l = 0; layouts[l]; l++) {
        char *out = render(layouts[l], "separators", 0);
        json_t *v, *q;

        /* In text, a speaker's name and raw metadata alike; the curly quotes stay. */
        assert_false(has_raw_separator(out));
        assert_non_null(strstr(out, "\"Aid arrived\\u2028today.\""));
        assert_non_null(strstr(out, "\"We need\\u2028more\""));
        assert_non_null(strstr(out, "\"Ana\\u2029Lima\""));
        assert_non_null(strstr(out, "\"a\\u2028b\""));
        assert_non_null(strstr(out, "“We need\\u2028more” said Ana\\u2029Lima.\""));
        /* Decoded, they are the characters of the text again. */
        v = parse_record(out);
        q = json_array_get(json_object_get(v, "quotes"), 0);
        size_t start = (size_t)json_integer_value(json_object_get(q, "start"));
        size_t end = (size_t)json_integer_value(json_object_get(q, "end"));
        assert_int_equal(strlen(str_at(q, "text")), end - start);
        assert_memory_equal(str_at(q, "text"), text + start, end - start);
        assert_string_equal(str_at(q, "speaker"), "Ana\xe2\x80\xa9Lima");
        assert_string_equal(str_at(json_object_get(v, "meta"), "note"), "a\xe2\x80\xa8"
                                                                        "b");
        json_decref(v);
        free(out);
    }
}

static void test_unknown_speaker_mention_and_cue_are_null(void **state)
{
    char *out = render("format=ndjson", "escapes", 0);
    json_t *v = parse_record(out), *q;
    (void)state;

    q = json_array_get(json_object_get(v, "quotes"), 1);
    assert_true(json_is_null(json_object_get(q, "speaker")));
    assert_true(json_is_null(json_object_get(q, "speaker_mention")));
    assert_true(json_is_null(json_object_get(q, "cue")));
    assert_true(json_is_null(json_object_get(q, "continues")));
    assert_string_equal(str_at(q, "kind"), "full");
    json_decref(v);
    free(out);
}

static void test_continued_quotation_names_the_segment_it_continues(void **state)
{
    char *out = render("format=ndjson", "article", 0);
    json_t *v = parse_record(out), *q;
    (void)state;

    q = json_array_get(json_object_get(v, "quotes"), 2);
    assert_int_equal(json_integer_value(json_object_get(q, "continues")), 1);
    assert_string_equal(str_at(json_object_get(q, "speaker_mention"), "text"), "he");
    assert_string_equal(str_at(q, "speaker"), "Andrey Kortunov");
    json_decref(v);
    free(out);
}

static void test_generic_layer_writes_every_attribute_type(void **state)
{
    char *out = render("format=ndjson", "article", 0);
    (void)state;
    assert_non_null(strstr(out, ",\"entity\":[{\"start\":49,\"end\":62,\"text\":\"Jake Sullivan\","
                                "\"type\":\"PERSON\",\"mentions\":2,\"salience\":0.3333,"
                                "\"resolved\":true},"));
    /* An attribute called "text" must not shadow the span's text. */
    assert_non_null(strstr(out, "\"text\":\"Tehran\",\"type\":\"GPE\",\"mentions\":-1,"
                                "\"salience\":1,\"resolved\":false,\"attr:text\":\"Teheran\"}]"));
    free(out);
}

static void test_layer_named_like_a_record_member_is_prefixed(void **state)
{
    char *out = render("format=ndjson tokens=true", "reserved-names", 0);
    (void)state;
    assert_string_equal(out, "{\"id\":\"reserved-names\",\"layer:tokens\":[{\"start\":0,\"end\":2,"
                             "\"text\":\"No\",\"attr:start\":true}]}\n");
    json_decref(parse_record(out));
    free(out);
}

static void test_metadata_values_are_copied_raw_on_one_line(void **state)
{
    char *out = render("format=ndjson", "article", 0);
    (void)state;
    /* The newline inside the tags array became a space: the record stays one line. */
    assert_non_null(strstr(out, "{\"id\":\"article\",\"meta\":{\"source\":\"Daily Mail\","
                                "\"year\":2022,\"tags\":[\"russia\",  \"iran\"]},"));
    free(out);
}

static void test_empty_quote_layer_is_an_empty_array_and_absent_layers_are_omitted(void **state)
{
    char *out = render("format=ndjson", "empty-quotes", 0);
    char *pretty = render("format=json", "empty-quotes", 0);
    (void)state;
    assert_string_equal(out, "{\"id\":\"empty-quotes\",\"sentences\":[{\"start\":0,\"end\":33,"
                             "\"text\":\"No one was quoted in this report.\",\"paragraph\":0}],"
                             "\"quotes\":[]}\n");
    assert_string_equal(pretty, "{\n"
                                "  \"id\": \"empty-quotes\",\n"
                                "  \"sentences\": [\n"
                                "    {\"start\": 0, \"end\": 33, \"text\": \"No one was quoted in "
                                "this report.\", \"paragraph\": 0}\n"
                                "  ],\n"
                                "  \"quotes\": []\n"
                                "}\n");
    free(out);
    free(pretty);
}

static void test_document_without_layers_is_its_id_alone(void **state)
{
    char *out = render("format=ndjson", "we\"ird\\id", 0);
    json_t *v = parse_record(out);
    (void)state;
    assert_string_equal(out, "{\"id\":\"we\\\"ird\\\\id\"}\n");
    assert_string_equal(str_at(v, "id"), "we\"ird\\id");
    json_decref(v);
    free(out);
}

static void test_failed_document_becomes_an_error_record(void **state)
{
    char *out = render("format=ndjson", "fails", LEDE_ESTAGE);
    char *pretty = render("format=json", "fails", LEDE_ESTAGE);
    json_t *a, *b;
    (void)state;

    assert_string_equal(out, "{\"id\":\"fails\",\"error\":{\"stage\":\"fixture\",\"message\":"
                             "\"refused \\\"fails\\\" at byte 3\\n(on purpose)\"}}\n");
    assert_string_equal(pretty,
                        "{\n"
                        "  \"id\": \"fails\",\n"
                        "  \"error\": {\n"
                        "    \"stage\": \"fixture\",\n"
                        "    \"message\": \"refused \\\"fails\\\" at byte 3\\n(on purpose)\"\n"
                        "  }\n"
                        "}\n");
    a = parse_record(out);
    b = parse_record(pretty);
    assert_true(json_equal(a, b));
    json_decref(a);
    json_decref(b);
    free(out);
    free(pretty);
}

static void test_span_outside_the_text_yields_an_exporter_error_record(void **state)
{
    char *out = render("format=ndjson", "bad-span", LEDE_EINVAL);
    json_t *v = parse_record(out), *e;
    (void)state;

    e = json_object_get(v, "error");
    assert_string_equal(str_at(e, "stage"), "exporter");
    assert_non_null(strstr(str_at(e, "message"), "quote 0 has span [11, 44) outside the text"));
    assert_null(json_object_get(v, "quotes")); /* no partial record */
    json_decref(v);
    free(out);
}

static void test_span_cutting_a_character_yields_an_exporter_error_record(void **state)
{
    char *out = render("format=ndjson", "cut-char", LEDE_EINVAL);
    json_t *v = parse_record(out), *e;
    (void)state;

    e = json_object_get(v, "error");
    assert_string_equal(str_at(e, "stage"), "exporter");
    assert_non_null(strstr(str_at(e, "message"),
                           "sentence 0 has span [0, 3) cutting a UTF-8 character of the text"));
    json_decref(v);
    free(out);
}

static void test_stage_strings_that_are_not_utf8_are_written_as_replacements(void **state)
{
    char *out = render("format=ndjson", "bad-utf8", 0);
    json_t *v = parse_record(out); /* jansson refuses invalid UTF-8: parsing is the check */
    (void)state;

    assert_string_equal(str_at(json_array_get(json_object_get(v, "quotes"), 0), "speaker"),
                        "\xd0\x9f\xef\xbf\xbd");
    assert_non_null(strstr(out, "\"note\":\"a\xef\xbf\xbd\xef\xbf\xbd\""));
    json_decref(v);
    free(out);
}

static void test_tokens_and_text_are_written_only_when_asked(void **state)
{
    char *plain = render("format=ndjson", "article", 0);
    char *full = render("format=ndjson tokens=true text=true", "article", 0);
    json_t *v = parse_record(full), *t;
    (void)state;

    assert_null(strstr(plain, "\"tokens\""));
    assert_null(strstr(plain, "\"text\":\"Putin arrives in Iran\\n"));
    assert_string_equal(str_at(v, "text"), exp_fx_text("article"));
    t = json_object_get(v, "tokens");
    assert_int_equal(json_array_size(t), 4);
    assert_non_null(strstr(full, "\"tokens\":[{\"start\":0,\"end\":5,\"text\":\"Putin\","
                                 "\"kind\":\"word\"},"));
    /* Member order: text after meta, tokens after summary and before generic layers. */
    assert_true(strstr(full, "\"text\":\"Putin") < strstr(full, "\"sentences\""));
    assert_true(strstr(full, "\"summary\"") < strstr(full, "\"tokens\""));
    assert_true(strstr(full, "\"tokens\"") < strstr(full, "\"entity\""));
    json_decref(v);
    free(plain);
    free(full);
}

static void test_offsets_chars_counts_code_points_not_bytes(void **state)
{
    char *out = render("format=ndjson offsets=chars", "escapes", 0);
    (void)state;
    /* "Café owner Zoë said “" is 21 code points but 25 bytes (é, ë and “ take 2, 2, 3). */
    assert_non_null(strstr(out, "\"quotes\":[{\"start\":21,\"end\":43,\"text\":\"I said "));
    assert_non_null(strstr(out, "\"speaker_mention\":{\"start\":11,\"end\":14,\"text\":\"Zoë\"}"));
    assert_non_null(strstr(out, "\"marks\":{\"start\":20,\"end\":44}"));
    /* After the CJK and the emoji: 東京 are 3 bytes each, 😀 4 bytes, one code point. */
    assert_non_null(strstr(out, "{\"start\":70,\"end\":88,\"text\":\"Line one,\\nline two\""));
    assert_non_null(strstr(out, "{\"start\":69,\"end\":98,\"text\":\"“Line one,"));
    json_decref(parse_record(out));
    free(out);
}

static void test_stream_of_records_parses_one_object_per_document(void **state)
{
    static const char *const ids[] = {"article", "escapes",  "empty-quotes",  "bare",
                                      "fails",   "bad-span", "reserved-names"};
    static const int rcs[] = {0, 0, 0, 0, LEDE_ESTAGE, LEDE_EINVAL, 0};
    static const char *const options[] = {"format=json", "format=json pretty=false",
                                          "format=ndjson tokens=true text=true"};
    (void)state;

    for (size_t o = 0; o < 3; o++) {
        lede_harness *h = exp_fx_harness(options[o]);
        const char *out, *p;
        size_t len, n = 0;
        for (size_t i = 0; i < 7; i++)
            exp_fx_run(h, ids[i], rcs[i]);
        out = lede_harness_output(h, &len);
        /* Concatenated values: each load stops after one object, position says where. */
        for (p = out; p < out + len; n++) {
            json_error_t jerr;
            json_t *v = json_loadb(p, (size_t)(out + len - p), JSON_DISABLE_EOF_CHECK, &jerr);
            if (!v)
                fail_msg("%s: record %zu: %s", options[o], n, jerr.text);
            assert_string_equal(str_at(v, "id"), ids[n]);
            json_decref(v);
            p += jerr.position;
            assert_true(*p == '\n');
            p++;
        }
        assert_int_equal(n, 7);
        /* Kept for the schema check (test_exporter_schema validates these files). */
        char path[1024];
        snprintf(path, sizeof path, "%s/tests/exporter-stream-%zu.json", LEDE_BINARY_DIR, o);
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(out, 1, len, f), len);
        fclose(f);
        lede_harness_free(h);
    }
}

static void test_output_option_writes_records_to_a_file(void **state)
{
    char path[1024], opts[1200], buf[256];
    lede_harness *h;
    FILE *f;
    size_t n, len;
    (void)state;

    snprintf(path, sizeof path, "%s/tests/exporter-output-test.ndjson", LEDE_BINARY_DIR);
    snprintf(opts, sizeof opts, "format=ndjson output=\"%s\"", path);
    h = exp_fx_harness(opts);
    exp_fx_run(h, "bare", 0);
    exp_fx_run(h, "fails", LEDE_ESTAGE);
    lede_harness_output(h, &len);
    assert_int_equal(len, 0); /* nothing on standard output */
    lede_harness_free(h);     /* closes the file */
    f = fopen(path, "rb");
    assert_non_null(f);
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    assert_string_equal(buf,
                        "{\"id\":\"bare\"}\n{\"id\":\"fails\",\"error\":{\"stage\":\"fixture\","
                        "\"message\":\"refused \\\"fails\\\" at byte 3\\n(on purpose)\"}}\n");
    remove(path);
}

/* exp_put_num directly: the one place where formatting could differ across platforms. */
static const char *num(lede_buf *b, double v)
{
    exp_out o = {.b = b};
    lede_buf_reset(b);
    exp_put_num(&o, v);
    assert_int_equal(o.rc, 0);
    return b->data;
}

static void test_summary_texts_are_their_sentences_texts_before_and_past_the_256th(void **state)
{
    /* The summary copies the JSON string "sentences" wrote for the first 256 sentences and
     * escapes the others again: either way each item's text is its sentence's, escapes
     * (quote, backslash, U+2028) included, in json and ndjson, and in a record sent out in
     * pieces (a small piece size: nothing to copy from then). */
    static const char *const options[] = {"format=ndjson", "format=json pretty=true",
                                          "format=json pretty=false"};
    (void)state;
    for (size_t o = 0; o < sizeof options / sizeof *options; o++) {
        char *out = render(options[o], "many-sentences", 0);
        json_t *v = json_loadb(out, strlen(out), 0, NULL);
        json_t *sents, *sum;
        assert_non_null(v);
        sents = json_object_get(v, "sentences");
        sum = json_object_get(v, "summary");
        assert_int_equal(json_array_size(sents), 300);
        assert_int_equal(json_array_size(sum), 6);
        for (size_t i = 0; i < 6; i++) {
            json_t *item = json_array_get(sum, i);
            size_t k = (size_t)json_integer_value(json_object_get(item, "sentence"));
            assert_string_equal(str_at(item, "text"), str_at(json_array_get(sents, k), "text"));
            assert_string_equal(str_at(item, "text"),
                                k % 7 ? "S\"q\"\\ ends." : "S\xe2\x80\xa8q\" ends.");
        }
        /* the escaped forms, as written: 300 sentences and 6 summary items */
        size_t n_plain = 0, n_ls = 0;
        for (const char *p = out; (p = strstr(p, "\"S\\\"q\\\"\\\\ ends.\"")) != NULL; p++)
            n_plain++;
        for (const char *p = out; (p = strstr(p, "\"S\\u2028q\\\" ends.\"")) != NULL; p++)
            n_ls++;
        assert_int_equal(n_plain + n_ls, 306);
        json_decref(v);
        free(out);
    }
}

static void test_floats_are_rounded_to_four_decimals_without_trailing_zeros(void **state)
{
    lede_buf b;
    (void)state;

    lede_buf_init(&b, 0);
    assert_string_equal(num(&b, 0.85f), "0.85"); /* a float, not 0.8500000238 */
    assert_string_equal(num(&b, 0.91234f), "0.9123");
    assert_string_equal(num(&b, 1.0), "1");
    assert_string_equal(num(&b, 0.0), "0");
    assert_string_equal(num(&b, -0.0), "0");
    assert_string_equal(num(&b, 0.00004), "0");
    assert_string_equal(num(&b, -0.00004), "0"); /* no "-0" */
    assert_string_equal(num(&b, 0.00005), "0.0001");
    assert_string_equal(num(&b, -0.03125), "-0.0313"); /* half away from zero */
    assert_string_equal(num(&b, 12345.6789), "12345.6789");
    assert_string_equal(num(&b, 2.5), "2.5");
    assert_string_equal(num(&b, 0.1 + 0.2), "0.3");
    assert_string_equal(num(&b, 1e15), "1000000000000000");
    assert_string_equal(num(&b, NAN), "null");
    assert_string_equal(num(&b, -INFINITY), "null");
    lede_buf_free(&b);
}

/* What exp_put_num writes for v, by way of round() (|v| < 1e14). */
static const char *num_by_round(double v, char *want, size_t size)
{
    double r = round(v * 10000.0);
    long long u = (long long)fabs(r);
    int n = snprintf(want, size, "%s%lld", r < 0 ? "-" : "", u / 10000);
    if (u % 10000) {
        n += snprintf(want + n, size - (size_t)n, ".%04lld", u % 10000);
        while (want[n - 1] == '0')
            want[--n] = '\0';
    }
    return want;
}

static void test_floats_round_as_round_does_at_halves_and_their_neighbours(void **state)
{
    /* The rounding is done by hand: it must agree with round(v * 10000) everywhere,
     * notably at the halves (k + 0.5) / 10000 and the doubles just either side of them. */
    static const double big[] = {99999999999999.99, 12345678901.23455, 4503599627.37049,
                                 0.49999999999999994, 1e-300};
    lede_buf b;
    char want[64];
    (void)state;

    lede_buf_init(&b, 0);
    for (int sign = -1; sign <= 1; sign += 2) {
        for (long k = 0; k < 200000; k += 7) {
            double half = sign * ((double)k + 0.5) / 10000.0;
            double vs[3] = {nextafter(half, -INFINITY), half, nextafter(half, INFINITY)};
            for (int i = 0; i < 3; i++)
                assert_string_equal(num(&b, vs[i]), num_by_round(vs[i], want, sizeof want));
        }
        for (size_t i = 0; i < sizeof big / sizeof *big; i++)
            assert_string_equal(num(&b, sign * big[i]),
                                num_by_round(sign * big[i], want, sizeof want));
    }
    lede_buf_free(&b);
}

/* Every fraction of four decimals, each pattern of trailing zeros ("1.5", "1.05", "1.005",
 * "1.0005", "1.2345"), both signs and a large integer part: the decimals are written as two
 * pairs and their trailing zeros dropped by counting, not by a loop over the digits. */
static void test_floats_write_every_four_decimal_fraction(void **state)
{
    lede_buf b;
    char want[64];
    (void)state;

    lede_buf_init(&b, 0);
    for (int sign = -1; sign <= 1; sign += 2) {
        for (long k = 0; k < 10000; k++) {
            double vs[3] = {sign * (double)k / 10000.0, sign * (7.0 + (double)k / 10000.0),
                            sign * (123456789.0 + (double)k / 10000.0)};
            for (int i = 0; i < 3; i++)
                assert_string_equal(num(&b, vs[i]), num_by_round(vs[i], want, sizeof want));
        }
    }
    assert_string_equal(num(&b, 7.05), "7.05");
    assert_string_equal(num(&b, 7.005), "7.005");
    assert_string_equal(num(&b, 7.0005), "7.0005");
    assert_string_equal(num(&b, 7.1), "7.1");
    assert_string_equal(num(&b, 7.001), "7.001");
    lede_buf_free(&b);
}

static void test_integers_cover_the_whole_int64_range(void **state)
{
    lede_buf b;
    exp_out o = {.b = &b};
    (void)state;

    lede_buf_init(&b, 0);
    exp_put_i64(&o, INT64_MIN);
    exp_putc(&o, ' ');
    exp_put_i64(&o, INT64_MAX);
    exp_putc(&o, ' ');
    exp_put_u64(&o, 0);
    assert_string_equal(b.data, "-9223372036854775808 9223372036854775807 0");
    lede_buf_free(&b);
}

static void test_integers_match_printf_at_every_digit_count(void **state)
{
    lede_buf b;
    char want[32];
    (void)state;

    /* 10^k - 1 and 10^k for every k, and the largest value: each digit count, each way
     * into the buffer (a fresh buffer has no room: the first value takes the copy). */
    for (int fresh = 0; fresh < 2; fresh++) {
        uint64_t p = 1;
        for (int k = 0; k <= 20; k++) {
            uint64_t vs[3] = {p - 1, p, UINT64_MAX};
            for (int i = 0; i < 3; i++) {
                exp_out o = {.b = &b};
                lede_buf_init(&b, 0);
                if (!fresh)
                    exp_putc(&o, 'x');
                exp_put_u64(&o, vs[i]);
                assert_int_equal(o.rc, 0);
                snprintf(want, sizeof want, "%s%llu", fresh ? "" : "x", (unsigned long long)vs[i]);
                assert_string_equal(b.data, want);
                lede_buf_free(&b);
            }
            if (k < 19)
                p *= 10;
        }
    }
    /* A buffer capped below the number: the writer records the failure, writes nothing. */
    {
        exp_out o = {.b = &b};
        lede_buf_init(&b, 8);
        EXP_LIT(&o, "1234567");
        exp_put_u64(&o, 12345);
        assert_int_equal(o.rc, LEDE_ETOOBIG);
        assert_string_equal(b.data, "1234567");
        lede_buf_free(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ndjson_record_of_an_article_matches_the_golden_file),
        cmocka_unit_test(test_pretty_json_has_one_member_and_one_element_per_line),
        cmocka_unit_test(test_quotes_backslashes_and_control_bytes_are_escaped),
        cmocka_unit_test(test_non_ascii_is_kept_as_utf8_not_escaped),
        cmocka_unit_test(test_line_and_paragraph_separators_are_escaped_everywhere),
        cmocka_unit_test(test_unknown_speaker_mention_and_cue_are_null),
        cmocka_unit_test(test_continued_quotation_names_the_segment_it_continues),
        cmocka_unit_test(test_generic_layer_writes_every_attribute_type),
        cmocka_unit_test(test_layer_named_like_a_record_member_is_prefixed),
        cmocka_unit_test(test_metadata_values_are_copied_raw_on_one_line),
        cmocka_unit_test(test_empty_quote_layer_is_an_empty_array_and_absent_layers_are_omitted),
        cmocka_unit_test(test_document_without_layers_is_its_id_alone),
        cmocka_unit_test(test_failed_document_becomes_an_error_record),
        cmocka_unit_test(test_span_outside_the_text_yields_an_exporter_error_record),
        cmocka_unit_test(test_span_cutting_a_character_yields_an_exporter_error_record),
        cmocka_unit_test(test_stage_strings_that_are_not_utf8_are_written_as_replacements),
        cmocka_unit_test(test_tokens_and_text_are_written_only_when_asked),
        cmocka_unit_test(test_offsets_chars_counts_code_points_not_bytes),
        cmocka_unit_test(test_stream_of_records_parses_one_object_per_document),
        cmocka_unit_test(test_output_option_writes_records_to_a_file),
        cmocka_unit_test(test_summary_texts_are_their_sentences_texts_before_and_past_the_256th),
        cmocka_unit_test(test_floats_are_rounded_to_four_decimals_without_trailing_zeros),
        cmocka_unit_test(test_floats_round_as_round_does_at_halves_and_their_neighbours),
        cmocka_unit_test(test_floats_write_every_four_decimal_fraction),
        cmocka_unit_test(test_integers_cover_the_whole_int64_range),
        cmocka_unit_test(test_integers_match_printf_at_every_digit_count),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
