/*
 * test_exporter_csv.c -- the exporter's CSV rows: header, one row per quotation, RFC 4180
 * quoting, error rows.
 *
 * Besides exact comparisons, the output is read back with a small RFC 4180 reader
 * written here from the RFC's grammar, so that a quoting mistake (a doubled quote
 * missing, a newline left unquoted) shows up as a wrong field count or a field that
 * does not round-trip to the text it came from.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_exporter_fixture.h"

#define HEADER "id,quote_index,text,speaker,cue,kind,start,end,continues,confidence,error\r\n"

/* ---- a minimal RFC 4180 reader ---- */

#define MAX_FIELDS 16

typedef struct csv_row {
    size_t n;
    char *field[MAX_FIELDS]; /* malloc'd, NUL-terminated */
} csv_row;

/* Reads one record at *p (CRLF-terminated); returns 0 at the end of input. */
static int csv_read(const char **p, csv_row *row)
{
    const char *s = *p;

    if (!*s)
        return 0;
    row->n = 0;
    for (;;) {
        char *f = malloc(strlen(s) + 1), *o = f;
        assert_non_null(f);
        if (*s == '"') {
            s++;
            for (;;) {
                assert_true(*s != '\0'); /* an unterminated quoted field */
                if (*s == '"' && s[1] == '"')
                    *o++ = '"', s += 2;
                else if (*s == '"')
                    break;
                else
                    *o++ = *s++;
            }
            s++;
        } else {
            while (*s && *s != ',' && *s != '\r' && *s != '\n' && *s != '"')
                *o++ = *s++;
            assert_true(*s != '"' && *s != '\n'); /* bare quote or LF in an unquoted field */
        }
        *o = '\0';
        assert_true(row->n < MAX_FIELDS);
        row->field[row->n++] = f;
        if (*s == ',') {
            s++;
            continue;
        }
        assert_true(s[0] == '\r' && s[1] == '\n'); /* records end with CRLF */
        *p = s + 2;
        return 1;
    }
}

static void csv_free(csv_row *row)
{
    for (size_t i = 0; i < row->n; i++)
        free(row->field[i]);
    row->n = 0;
}

/* ---- tests ---- */

static void test_header_comes_first_then_one_row_per_quotation(void **state)
{
    lede_harness *h = exp_fx_harness("format=csv");
    (void)state;

    exp_fx_run(h, "article", 0);
    exp_fx_check_golden(lede_harness_output(h, NULL), "article.csv");
    assert_int_equal(strncmp(lede_harness_output(h, NULL), HEADER, strlen(HEADER)), 0);
    lede_harness_free(h);
}

static void test_header_is_written_once_even_for_an_empty_run(void **state)
{
    lede_harness *h = exp_fx_harness("format=csv");
    lede_error err;
    (void)state;

    assert_int_equal(lede_harness_finish(h, &err), 0);
    assert_string_equal(lede_harness_output(h, NULL), HEADER);
    lede_harness_free(h);
}

static void test_fields_with_quotes_commas_and_newlines_are_quoted(void **state)
{
    lede_harness *h = exp_fx_harness("format=csv");
    const char *out = exp_fx_run(h, "escapes", 0);
    (void)state;

    assert_string_equal(out, "escapes,0,\"I said \"\"no\"\" to C:\\temp\",Zoë,said,full,25,47,,1,"
                             "\r\n"
                             "escapes,1,\"Line one,\nline two\",,,full,85,103,,0.5,\r\n");
    lede_harness_free(h);
}

static void test_fields_with_line_or_paragraph_separators_are_quoted_and_kept(void **state)
{
    /* CSV carries the text as it is; a field holding U+2028 or U+2029 is quoted, as one
     * holding a newline is, and reads back to the same bytes. */
    lede_harness *h = exp_fx_harness("format=csv");
    const char *out = exp_fx_run(h, "separators", 0);
    csv_row row;
    (void)state;

    assert_non_null(strstr(out, "separators,0,\"We need\xe2\x80\xa8more\",\"Ana\xe2\x80\xa9Lima\","
                                "said,full,"));
    assert_true(csv_read(&out, &row));
    assert_int_equal(row.n, 11);
    assert_string_equal(row.field[2], "We need\xe2\x80\xa8more");
    assert_string_equal(row.field[3], "Ana\xe2\x80\xa9Lima");
    csv_free(&row);
    assert_false(csv_read(&out, &row));
    lede_harness_free(h);
}

static void test_offsets_chars_gives_code_point_offsets(void **state)
{
    lede_harness *h = exp_fx_harness("format=csv offsets=chars");
    const char *out = exp_fx_run(h, "escapes", 0);
    (void)state;

    assert_non_null(strstr(out, ",Zoë,said,full,21,43,,1,\r\n"));
    assert_non_null(strstr(out, "\",,,full,70,88,,0.5,\r\n"));
    lede_harness_free(h);
}

static void test_rows_read_back_to_the_quotations_they_came_from(void **state)
{
    static const char *const ids[] = {"article", "escapes"};
    (void)state;

    for (size_t d = 0; d < 2; d++) {
        lede_harness *h = exp_fx_harness("format=csv");
        const char *text = exp_fx_text(ids[d]);
        const char *p;
        csv_row row;
        size_t rows = 0;

        exp_fx_run(h, ids[d], 0);
        p = lede_harness_output(h, NULL);
        assert_true(csv_read(&p, &row)); /* the header */
        assert_int_equal(row.n, 11);
        assert_string_equal(row.field[2], "text");
        csv_free(&row);
        while (csv_read(&p, &row)) {
            size_t start, end;
            assert_int_equal(row.n, 11);
            assert_string_equal(row.field[0], ids[d]);
            assert_int_equal(strtoul(row.field[1], NULL, 10), rows);
            start = strtoul(row.field[6], NULL, 10);
            end = strtoul(row.field[7], NULL, 10);
            assert_int_equal(strlen(row.field[2]), end - start);
            assert_memory_equal(row.field[2], text + start, end - start);
            assert_string_equal(row.field[10], ""); /* no error */
            csv_free(&row);
            rows++;
        }
        assert_int_equal(rows, d == 0 ? 5 : 2);
        lede_harness_free(h);
    }
}

static void test_unknown_speaker_and_missing_continuation_are_empty_fields(void **state)
{
    lede_harness *h = exp_fx_harness("format=csv");
    const char *out = exp_fx_run(h, "article", 0);
    (void)state;

    /* Quote 4 has no speaker; quote 2 continues quote 1. */
    assert_non_null(strstr(out, "\r\narticle,4,Iran is the centre.,,read,full,320,339,,0.3,\r\n"));
    assert_non_null(strstr(out, ",Andrey Kortunov,added,full,199,241,1,0.7,\r\n"));
    lede_harness_free(h);
}

static void test_document_without_quotations_produces_no_rows(void **state)
{
    lede_harness *h = exp_fx_harness("format=csv");
    (void)state;

    assert_string_equal(exp_fx_run(h, "empty-quotes", 0), "");
    assert_string_equal(exp_fx_run(h, "bare", 0), "");
    lede_harness_free(h);
}

static void test_failed_document_is_one_row_with_the_error_column(void **state)
{
    lede_harness *h = exp_fx_harness("format=csv");
    const char *out = exp_fx_run(h, "fails", LEDE_ESTAGE), *p = out;
    csv_row row;
    (void)state;

    assert_string_equal(out, "fails,,,,,,,,,,\"fixture: refused \"\"fails\"\" at byte 3\n"
                             "(on purpose)\"\r\n");
    assert_true(csv_read(&p, &row));
    assert_int_equal(row.n, 11);
    assert_string_equal(row.field[10], "fixture: refused \"fails\" at byte 3\n(on purpose)");
    csv_free(&row);
    assert_false(csv_read(&p, &row));
    lede_harness_free(h);
}

static void test_span_outside_the_text_yields_an_exporter_error_row(void **state)
{
    lede_harness *h = exp_fx_harness("format=csv");
    const char *out = exp_fx_run(h, "bad-span", LEDE_EINVAL);
    (void)state;

    assert_non_null(strstr(out, "bad-span,,,,,,,,,,\"exporter: document 'bad-span': quote 0 has "
                                "span [11, 44) outside the text of 34 bytes"));
    assert_int_equal(strcmp(out + strlen(out) - 3, "\"\r\n"), 0);
    lede_harness_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_comes_first_then_one_row_per_quotation),
        cmocka_unit_test(test_header_is_written_once_even_for_an_empty_run),
        cmocka_unit_test(test_fields_with_quotes_commas_and_newlines_are_quoted),
        cmocka_unit_test(test_fields_with_line_or_paragraph_separators_are_quoted_and_kept),
        cmocka_unit_test(test_offsets_chars_gives_code_point_offsets),
        cmocka_unit_test(test_rows_read_back_to_the_quotations_they_came_from),
        cmocka_unit_test(test_unknown_speaker_and_missing_continuation_are_empty_fields),
        cmocka_unit_test(test_document_without_quotations_produces_no_rows),
        cmocka_unit_test(test_failed_document_is_one_row_with_the_error_column),
        cmocka_unit_test(test_span_outside_the_text_yields_an_exporter_error_row),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
