/* test_options.c -- option defaults, validation, "did you mean", text lists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "lede_internal.h"

static const char *const formats[] = {"json", "ndjson", "markdown", "csv", NULL};
static const lede_option_desc decl[] = {
    {"format", LEDE_OPT_ENUM, "json", "output format", LEDE_NO_RANGE, formats},
    {"sentences", LEDE_OPT_INT, "3", "length", 1, 1000, NULL},
    {"ratio", LEDE_OPT_FLOAT, "0.2", "fraction", 0, 1, NULL},
    {"pretty", LEDE_OPT_BOOL, "true", "indent", LEDE_NO_RANGE, NULL},
    {"output", LEDE_OPT_STRING, "-", "where", LEDE_NO_RANGE, NULL},
    LEDE_OPTIONS_END};

static void init(lede_options *o)
{
    lede_error err;
    assert_int_equal(lede__options_init(o, decl, "exporter", &err), 0);
}

static void test_defaults_are_filled(void **state)
{
    lede_options o;
    (void)state;
    init(&o);
    assert_string_equal(lede_opt_str(&o, "format"), "json");
    assert_int_equal(lede_opt_int(&o, "sentences"), 3);
    assert_true(lede_opt_float(&o, "ratio") > 0.19 && lede_opt_float(&o, "ratio") < 0.21);
    assert_true(lede_opt_bool(&o, "pretty"));
    assert_false(lede_opt_is_set(&o, "format"));
    assert_string_equal(lede_opt_str(&o, "nonexistent"), "");
    lede__options_free(&o);
}

static void test_unknown_option_suggests_the_near_miss(void **state)
{
    lede_options o;
    lede_error err;
    (void)state;
    init(&o);
    assert_int_equal(lede__options_set_text(&o, "exporter", "a.cfg:7", "fromat", "csv", &err),
                     LEDE_ECONFIG);
    assert_string_equal(err.message,
                        "a.cfg:7: stage 'exporter': unknown option 'fromat' (did you mean "
                        "'format'?)");
    assert_int_equal(lede__options_set_text(&o, "exporter", "a.cfg:8", "zzzzzz", "1", &err),
                     LEDE_ECONFIG);
    assert_null(strstr(err.message, "did you mean"));
    lede__options_free(&o);
}

static void test_out_of_range_and_wrong_type_are_refused(void **state)
{
    lede_options o;
    lede_error err;
    (void)state;
    init(&o);
    assert_int_equal(lede__options_set_text(&o, "s", "f:1", "sentences", "0", &err), LEDE_ECONFIG);
    assert_non_null(strstr(err.message, "out of range [1, 1000]"));
    assert_int_equal(lede__options_set_text(&o, "s", "f:1", "sentences", "3x", &err), LEDE_ECONFIG);
    assert_non_null(strstr(err.message, "must be an integer"));
    assert_int_equal(lede__options_set_text(&o, "s", "f:1", "ratio", "1.5", &err), LEDE_ECONFIG);
    assert_int_equal(lede__options_set_text(&o, "s", "f:1", "pretty", "maybe", &err), LEDE_ECONFIG);
    assert_int_equal(lede__options_set_text(&o, "s", "f:1", "format", "xml", &err), LEDE_ECONFIG);
    assert_non_null(strstr(err.message, "json, ndjson, markdown, csv"));
    /* Nothing changed after the failures. */
    assert_int_equal(lede_opt_int(&o, "sentences"), 3);
    assert_string_equal(lede_opt_str(&o, "format"), "json");
    lede__options_free(&o);
}

static void test_list_parsing_sets_values_and_quotes(void **state)
{
    lede_options o;
    lede_error err;
    (void)state;
    init(&o);
    assert_int_equal(lede__options_parse_list(&o, "exporter", "-p",
                                              " format=csv  output=\"my file.csv\" sentences=7",
                                              &err),
                     0);
    assert_string_equal(lede_opt_str(&o, "format"), "csv");
    assert_string_equal(lede_opt_str(&o, "output"), "my file.csv");
    assert_int_equal(lede_opt_int(&o, "sentences"), 7);
    assert_true(lede_opt_is_set(&o, "format"));
    assert_int_equal(lede__options_parse_list(&o, "exporter", "-p", "format", &err), LEDE_ECONFIG);
    assert_non_null(strstr(err.message, "expected OPTION=VALUE"));
    lede__options_free(&o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_are_filled),
        cmocka_unit_test(test_unknown_option_suggests_the_near_miss),
        cmocka_unit_test(test_out_of_range_and_wrong_type_are_refused),
        cmocka_unit_test(test_list_parsing_sets_values_and_quotes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
