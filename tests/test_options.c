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

/* Booleans on the command line read as libconfig reads them in a file, in any case. */
static void test_booleans_in_any_case(void **state)
{
    lede_options o;
    lede_error err;
    (void)state;
    init(&o);
    assert_int_equal(lede__options_set_text(&o, "exporter", "-o", "pretty", "FALSE", &err), 0);
    assert_false(lede_opt_bool(&o, "pretty"));
    lede__options_free(&o);
    init(&o);
    assert_int_equal(lede__options_set_text(&o, "exporter", "-o", "pretty", "Off", &err), 0);
    assert_false(lede_opt_bool(&o, "pretty"));
    lede__options_free(&o);
    init(&o);
    assert_int_equal(lede__options_set_text(&o, "exporter", "-o", "pretty", "No", &err), 0);
    assert_false(lede_opt_bool(&o, "pretty"));
    lede__options_free(&o);
    init(&o);
    assert_int_equal(lede__options_set_text(&o, "exporter", "-o", "pretty", "falsey", &err),
                     LEDE_ECONFIG);
    assert_non_null(strstr(err.message, "must be a boolean (true or false), not 'falsey'"));
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
    assert_null(strstr(err.message, "spaces"));
    lede__options_free(&o);
    init(&o);
    assert_int_equal(lede__options_parse_list(&o, "exporter", "-p", "format = csv", &err),
                     LEDE_ECONFIG);
    assert_string_equal(err.message, "-p: stage 'exporter': expected OPTION=VALUE, got 'format' "
                                     "(no spaces around '=')");
    lede__options_free(&o);
    init(&o);
    assert_int_equal(lede__options_parse_list(&o, "exporter", "-p", "format =csv", &err),
                     LEDE_ECONFIG);
    assert_non_null(strstr(err.message, "(no spaces around '=')"));
    lede__options_free(&o);
}

/* A stage's declarations are checked when it is loaded: each mistake a stage author makes
 * is refused with the option named, instead of reaching the stage as 0 or "". */
static void test_bad_declarations_are_refused(void **state)
{
    static const char *const none[] = {NULL};
    static const lede_option_desc dup[] = {{"n", LEDE_OPT_INT, "1", "", 0, 9, NULL},
                                           {"n", LEDE_OPT_STRING, "s", "", LEDE_NO_RANGE, NULL},
                                           LEDE_OPTIONS_END};
    static const lede_option_desc type[] = {
        {"w", (lede_option_type)9, "1", "", LEDE_NO_RANGE, NULL}, LEDE_OPTIONS_END};
    static const lede_option_desc nochoice[] = {{"e", LEDE_OPT_ENUM, "x", "", LEDE_NO_RANGE, none},
                                                LEDE_OPTIONS_END};
    static const lede_option_desc baddefault[] = {
        {"format", LEDE_OPT_ENUM, "xml", "", LEDE_NO_RANGE, formats}, LEDE_OPTIONS_END};
    static const lede_option_desc outside[] = {{"k", LEDE_OPT_INT, "0", "", 5, 10, NULL},
                                               LEDE_OPTIONS_END};
    lede_error err;
    (void)state;
    assert_int_equal(lede__options_check_decl(decl, "exporter", &err), 0);
    assert_int_equal(lede__options_check_decl(dup, "s", &err), LEDE_EABI);
    assert_non_null(strstr(err.message, "declares option 'n' twice"));
    assert_int_equal(lede__options_check_decl(type, "s", &err), LEDE_EABI);
    assert_non_null(strstr(err.message, "option 'w' of unknown type 9"));
    assert_int_equal(lede__options_check_decl(nochoice, "s", &err), LEDE_EABI);
    assert_non_null(strstr(err.message, "enum option 'e' without choices"));
    assert_int_equal(lede__options_check_decl(baddefault, "s", &err), LEDE_EABI);
    assert_non_null(strstr(err.message, "bad default for 'format'"));
    assert_int_equal(lede__options_check_decl(outside, "s", &err), LEDE_EABI);
    assert_non_null(strstr(err.message, "bad default for 'k'"));
}

/* An option declared without a default must be set: 0 would be outside its range. */
static void test_an_option_without_default_must_be_set(void **state)
{
    static const lede_option_desc req[] = {{"k", LEDE_OPT_INT, NULL, "", 5, 10, NULL},
                                           LEDE_OPTIONS_END};
    lede_options o;
    lede_error err;
    (void)state;
    assert_int_equal(lede__options_init(&o, req, "s", &err), 0);
    assert_int_equal(lede__options_check_required(&o, "s", "my.cfg:3", &err), LEDE_ECONFIG);
    assert_string_equal(err.message, "my.cfg:3: stage 's': option 'k' has no default: set it "
                                     "(see `lede inspect s`)");
    assert_int_equal(lede__options_set_text(&o, "s", "", "k", "7", &err), 0);
    assert_int_equal(lede__options_check_required(&o, "s", "", &err), 0);
    lede__options_free(&o);
}

/* Sizes in bytes: K, M, G are binary, in any case, with or without "iB"; anything else, or
 * a size that does not fit in 64 bits, is refused. */
static void test_sizes_take_binary_suffixes(void **state)
{
    static const struct {
        const char *text;
        unsigned long long want;
    } ok[] = {{"0", 0},
              {"4096", 4096},
              {"64M", 64ull << 20},
              {"64m", 64ull << 20},
              {"64MiB", 64ull << 20},
              {"64mib", 64ull << 20},
              {"1KIB", 1024},
              {"3g", 3ull << 30},
              {"18446744073709551615", 18446744073709551615ull},
              {"17179869183G", 17179869183ull << 30}};
    static const char *const bad[] = {"",
                                      "-1",
                                      "+1",
                                      " 1",
                                      "1 K",
                                      "64MB",
                                      "64X",
                                      "M",
                                      "1Ki",
                                      "1KiBs",
                                      "18446744073709551616",
                                      "17179869184G"};
    unsigned long long v;
    (void)state;
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        v = 1;
        assert_int_equal(lede__parse_size(ok[i].text, &v), 0);
        assert_true(v == ok[i].want);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (lede__parse_size(bad[i], &v) != -1)
            fail_msg("'%s' was taken as a size", bad[i]);
}

/* An integer option named *_bytes takes a size; another integer does not. */
static void test_a_bytes_option_takes_a_size(void **state)
{
    static const lede_option_desc sized[] = {
        {"max_sentence_bytes", LEDE_OPT_INT, "0", "cap", 0, 1073741824.0, NULL},
        {"sentences", LEDE_OPT_INT, "3", "length", 1, 1000, NULL},
        LEDE_OPTIONS_END};
    lede_options o;
    lede_error err;
    (void)state;
    assert_int_equal(lede__options_init(&o, sized, "tokenizer", &err), 0);
    assert_int_equal(
        lede__options_set_text(&o, "tokenizer", "-o", "max_sentence_bytes", "4KiB", &err), 0);
    assert_int_equal(lede_opt_int(&o, "max_sentence_bytes"), 4096);
    assert_int_equal(
        lede__options_set_text(&o, "tokenizer", "-o", "max_sentence_bytes", "2G", &err),
        LEDE_ECONFIG);
    assert_string_equal(err.message, "-o: stage 'tokenizer': option 'max_sentence_bytes' = 2G "
                                     "(2147483648) is out of range [0, 1073741824]");
    assert_int_equal(
        lede__options_set_text(&o, "tokenizer", "-o", "max_sentence_bytes", "4KB", &err),
        LEDE_ECONFIG);
    assert_string_equal(err.message, "-o: stage 'tokenizer': option 'max_sentence_bytes' must be "
                                     "an integer or a size such as 4K (K, M, G: KiB, MiB, GiB), "
                                     "not '4KB'");
    assert_int_equal(lede__options_set_text(&o, "tokenizer", "-o", "sentences", "1K", &err),
                     LEDE_ECONFIG);
    assert_string_equal(err.message,
                        "-o: stage 'tokenizer': option 'sentences' must be an integer, not '1K'");
    lede__options_free(&o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_are_filled),
        cmocka_unit_test(test_booleans_in_any_case),
        cmocka_unit_test(test_unknown_option_suggests_the_near_miss),
        cmocka_unit_test(test_out_of_range_and_wrong_type_are_refused),
        cmocka_unit_test(test_list_parsing_sets_values_and_quotes),
        cmocka_unit_test(test_bad_declarations_are_refused),
        cmocka_unit_test(test_an_option_without_default_must_be_set),
        cmocka_unit_test(test_sizes_take_binary_suffixes),
        cmocka_unit_test(test_a_bytes_option_takes_a_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
