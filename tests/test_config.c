/* test_config.c -- config files: options checked against declarations, layers, names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lede_config.h"

static char cfg_path[64];

/* Writes a config whose plugin_path is the test stage directory, then loads it into set. */
static int load_settings(const char *body, lede__settings *set, lede_error *err)
{
    lede__pipeline *p;
    lede__loader *ld;
    int fd, rc;

    snprintf(cfg_path, sizeof cfg_path, "/tmp/lede-test-XXXXXX");
    fd = mkstemp(cfg_path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fprintf(f, "plugin_path = [ \"%s\" ];\n%s", LEDE_TEST_STAGE_DIR, body);
    fclose(f);
    lede__settings_init(set);
    assert_int_equal(lede__loader_new(&ld, err), 0);
    p = NULL;
    rc = lede__config_load(cfg_path, ld, set, &p, err);
    if (!rc)
        rc = lede__pipeline_check(p, err);
    lede__pipeline_free(p);
    lede__loader_free(ld);
    unlink(cfg_path);
    return rc;
}

static int load(const char *body, lede__pipeline **p, lede_error *err)
{
    lede__settings set;
    *p = NULL; /* freed by load_settings */
    return load_settings(body, &set, err);
}

/* The expected message with the temp file name in front. */
static const char *at(int line, const char *rest)
{
    static char buf[1024];
    snprintf(buf, sizeof buf, "%s:%d: %s", cfg_path, line, rest);
    return buf;
}

/* max_doc_bytes takes a size as a string, as --max-doc-bytes does: "64M", "2KiB". */
static void test_max_doc_bytes_takes_a_size(void **state)
{
    lede__settings set;
    lede_error err;
    (void)state;
    assert_int_equal(load_settings("max_doc_bytes = \"2KiB\";\n"
                                   "pipeline = ( { stage = \"teststage_ok\"; } );\n",
                                   &set, &err),
                     0);
    assert_int_equal(set.max_doc_bytes, 2048);
    assert_int_equal(load_settings("max_doc_bytes = 5000;\n"
                                   "pipeline = ( { stage = \"teststage_ok\"; } );\n",
                                   &set, &err),
                     0);
    assert_int_equal(set.max_doc_bytes, 5000);
    static const char *const bad[] = {"\"4G\"", "\"64MB\"", "\"\"", "0", "true"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char body[128];
        snprintf(body, sizeof body,
                 "max_doc_bytes = %s;\npipeline = ( { stage = \"teststage_ok\"; } );\n", bad[i]);
        assert_int_equal(load_settings(body, &set, &err), LEDE_ECONFIG);
        assert_string_equal(err.message, at(2, "max_doc_bytes must be an integer in [1, "
                                               "4294967294], or a size such as \"64M\" (K, M, G: "
                                               "KiB, MiB, GiB)"));
    }
}

static void test_valid_config_loads(void **state)
{
    lede__pipeline *p;
    lede_error err;
    (void)state;
    assert_int_equal(load("pipeline = ( { stage = \"teststage_ok\"; n = 4; ratio = 1; flag = true;"
                          " mode = \"beta\"; label = \"x\"; } );\n",
                          &p, &err),
                     0);
}

static void test_unknown_option_names_file_line_stage_and_suggestion(void **state)
{
    lede__pipeline *p;
    lede_error err;
    (void)state;
    assert_int_equal(
        load("pipeline = (\n  { stage = \"teststage_ok\";\n    mdoe = \"beta\"; }\n);\n", &p, &err),
        LEDE_ECONFIG);
    assert_string_equal(
        err.message, at(4, "stage 'teststage_ok': unknown option 'mdoe' (did you mean 'mode'?)"));
}

static void test_wrong_type_is_refused(void **state)
{
    lede__pipeline *p;
    lede_error err;
    (void)state;
    assert_int_equal(load("pipeline = ( { stage = \"teststage_ok\"; n = \"4\"; } );\n", &p, &err),
                     LEDE_ECONFIG);
    assert_string_equal(err.message, at(2, "stage 'teststage_ok': option 'n' must be an integer, "
                                           "not the string \"4\""));
    assert_int_equal(load("pipeline = ( { stage = \"teststage_ok\"; n = 3.5; } );\n", &p, &err),
                     LEDE_ECONFIG);
    assert_non_null(strstr(err.message, "option 'n' must be an integer, not 3.5"));
    assert_int_equal(load("pipeline = ( { stage = \"teststage_ok\"; label = 7; } );\n", &p, &err),
                     LEDE_ECONFIG);
    assert_non_null(strstr(err.message, "option 'label' must be a string in double quotes, not 7"));
    assert_int_equal(load("pipeline = ( { stage = \"teststage_ok\"; flag = 1; } );\n", &p, &err),
                     LEDE_ECONFIG);
    assert_non_null(strstr(err.message, "option 'flag' must be true or false, not 1"));
}

static void test_out_of_range_and_bad_choice_are_refused(void **state)
{
    lede__pipeline *p;
    lede_error err;
    (void)state;
    assert_int_equal(load("pipeline = ( { stage = \"teststage_ok\"; n = 11; } );\n", &p, &err),
                     LEDE_ECONFIG);
    assert_string_equal(err.message,
                        at(2, "stage 'teststage_ok': option 'n' = 11 is out of range [1, 10]"));
    assert_int_equal(
        load("pipeline = ( { stage = \"teststage_ok\"; mode = \"gamma\"; } );\n", &p, &err),
        LEDE_ECONFIG);
    assert_non_null(strstr(err.message, "must be one of alpha, beta, not 'gamma'"));
}

/* libconfig 1.5 keeps the low 32 bits of a wide integer without a suffix: 4294967298
 * would read as 2 and pass. Such a literal is refused with its line; with the L suffix it
 * is read whole and meets the option's own range check. */
static void test_integers_wider_than_32_bits_are_not_wrapped(void **state)
{
    lede__pipeline *p;
    lede_error err;
    (void)state;
    assert_int_equal(
        load("pipeline = ( # 99999999999 in a comment\n"
             "  { stage = \"teststage_ok\"; name = \"x99999999999\"; n = 4294967298; } );\n",
             &p, &err),
        LEDE_ECONFIG);
    assert_string_equal(err.message,
                        at(3, "4294967298 does not fit in 32 bits, where libconfig reads integers "
                              "without a suffix: write 4294967298L"));
    assert_int_equal(
        load("pipeline = ( { stage = \"teststage_ok\"; n = -0x100000002; } );\n", &p, &err),
        LEDE_ECONFIG);
    assert_non_null(strstr(err.message, ":2: -0x100000002 does not fit in 32 bits"));
    assert_int_equal(
        load("pipeline = ( { stage = \"teststage_ok\"; n = 4294967298L; } );\n", &p, &err),
        LEDE_ECONFIG);
    assert_string_equal(err.message, at(2, "stage 'teststage_ok': option 'n' = 4294967298 is out "
                                           "of range [1, 10]"));
    /* Decimal with a leading zero, as libconfig reads it (not octal). */
    assert_int_equal(
        load("pipeline = ( { stage = \"teststage_ok\"; n = 04294967298; } );\n", &p, &err),
        LEDE_ECONFIG);
    assert_non_null(strstr(err.message, ":2: 04294967298 does not fit in 32 bits"));
    /* A file named by @include is read with the same eyes. */
    char inc[64];
    snprintf(inc, sizeof inc, "/tmp/lede-test-inc-%d.cfg", (int)getpid());
    FILE *f = fopen(inc, "w");
    assert_non_null(f);
    fputs("workers = 99999999999;\n", f);
    fclose(f);
    char body[256];
    snprintf(body, sizeof body, "@include \"%s\"\npipeline = ( { stage = \"teststage_ok\"; } );\n",
             inc);
    assert_int_equal(load(body, &p, &err), LEDE_ECONFIG);
    unlink(inc);
    assert_non_null(strstr(err.message, "-inc-"));
    assert_non_null(strstr(err.message, ":1: 99999999999 does not fit in 32 bits"));
    /* Valid: comments back to back, a long float, a huge number in a comment. */
    assert_int_equal(load("pipeline = ( /* a *//* b\n 5000000000 */ { stage = \"teststage_ok\"; "
                          "ratio = 0.100000000000000000000000000000000000000000000000000000000000"
                          "0000012345678901; } );\n",
                          &p, &err),
                     0);
    assert_int_equal(load("pipeline = ( { stage = \"teststage_ok\"; n = 10; ratio = 5e-1; "
                          "label = \"99999999999\"; } );\n",
                          &p, &err),
                     0);
}

static void test_missing_layer_says_which_stage_to_put_before(void **state)
{
    lede__pipeline *p;
    lede_error err;
    (void)state;
    assert_int_equal(load("pipeline = ( { stage = \"teststage_needs\"; } );\n", &p, &err),
                     LEDE_ECONFIG);
    assert_string_equal(err.message,
                        at(2, "stage 'teststage_needs' needs 'sentence', which no earlier stage "
                              "provides: put 'tokenizer' before it"));
}

static void test_same_stage_twice_needs_distinct_names(void **state)
{
    lede__pipeline *p;
    lede_error err;
    (void)state;
    assert_int_equal(load("pipeline = ( { stage = \"teststage_ok\"; name = \"a\"; },\n"
                          "  { stage = \"teststage_ok\"; name = \"b\"; n = 2; } );\n",
                          &p, &err),
                     0);
    assert_int_equal(load("pipeline = ( { stage = \"teststage_ok\"; },\n"
                          "  { stage = \"teststage_ok\"; } );\n",
                          &p, &err),
                     0);
    assert_int_equal(load("pipeline = ( { stage = \"teststage_ok\"; name = \"a\"; },\n"
                          "  { stage = \"teststage_ok\"; name = \"a\"; } );\n",
                          &p, &err),
                     LEDE_ECONFIG);
    assert_non_null(strstr(err.message, "stage name 'a' is used twice"));
}

static void test_syntax_error_and_unknown_setting_name_the_line(void **state)
{
    lede__pipeline *p;
    lede_error err;
    (void)state;
    assert_int_equal(load("pipeline = ( { stage = teststage_ok; } );\n", &p, &err), LEDE_ECONFIG);
    /* libconfig's bare "syntax error" comes with the line and the usual causes. */
    assert_string_equal(err.message,
                        at(2, "syntax error in: pipeline = ( { stage = teststage_ok; } ); (a "
                              "string without double quotes? a ';' or ',' missing, or a ',' "
                              "after the last entry?)"));
    assert_int_equal(load("pipline = ( { stage = \"teststage_ok\"; } );\n", &p, &err),
                     LEDE_ECONFIG);
    assert_string_equal(err.message, at(2, "unknown setting 'pipline' (did you mean 'pipeline'?)"));
    assert_int_equal(load("workers = 2;\n", &p, &err), LEDE_ECONFIG);
    assert_non_null(strstr(err.message, "no pipeline"));
    /* A pipeline of the wrong shape is named as such, at its line, not as missing. */
    assert_int_equal(load("pipeline = [ \"teststage_ok\" ];\n", &p, &err), LEDE_ECONFIG);
    assert_non_null(strstr(err.message, at(2, "pipeline is not a list: write `pipeline = (")));
    assert_int_equal(load("\npipeline = ( );\n", &p, &err), LEDE_ECONFIG);
    assert_non_null(strstr(err.message, at(3, "the pipeline is empty")));
}

/* A byte order mark before the first setting (Notepad writes one) is no syntax error. */
static void test_a_byte_order_mark_is_skipped(void **state)
{
    lede__loader *ld;
    lede__settings set;
    lede__pipeline *p = NULL;
    lede_error err;
    char path[64] = "/tmp/lede-test-bom-XXXXXX", want[256];
    (void)state;
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fprintf(f,
            "\xef\xbb\xbfplugin_path = [ \"%s\" ];\n"
            "pipeline = ( { stage = \"teststage_ok\"; n = 40; } );\n",
            LEDE_TEST_STAGE_DIR);
    fclose(f);
    lede__settings_init(&set);
    assert_int_equal(lede__loader_new(&ld, &err), 0);
    /* Read past the mark: the error is the option's, at its line, not a syntax error. */
    int rc = lede__config_load(path, ld, &set, &p, &err);
    unlink(path);
    assert_int_equal(rc, LEDE_ECONFIG);
    snprintf(want, sizeof want,
             "%s:2: stage 'teststage_ok': option 'n' = 40 is out of range [1, 10]", path);
    assert_string_equal(err.message, want);
    lede__pipeline_free(p);
    lede__loader_free(ld);
}

/* A config path that is a directory says so (libconfig alone gives no reason). */
static void test_a_directory_as_config_says_so(void **state)
{
    lede__loader *ld;
    lede__settings set;
    lede__pipeline *p = NULL;
    lede_error err;
    (void)state;
    lede__settings_init(&set);
    assert_int_equal(lede__loader_new(&ld, &err), 0);
    assert_int_equal(lede__config_load("/tmp", ld, &set, &p, &err), LEDE_ECONFIG);
    assert_string_equal(err.message, "/tmp: cannot read config file: Is a directory");
    assert_null(p);
    lede__loader_free(ld);
}

static void test_overrides_target_names_then_stages(void **state)
{
    lede__loader *ld;
    lede__pipeline *p;
    lede_error err;
    (void)state;
    setenv("LEDE_PLUGIN_PATH", LEDE_TEST_STAGE_DIR, 1);
    assert_int_equal(lede__loader_new(&ld, &err), 0);
    assert_int_equal(
        lede__pipeline_parse_inline("teststage_ok n=2 ! teststage_ok mode=beta", ld, &p, &err), 0);
    assert_int_equal(lede__pipeline_override(p, "teststage_ok.n=5", &err), 0);
    assert_int_equal(lede__pipeline_override(p, "teststage_ok#2.n=6", &err), 0);
    assert_int_equal(lede__pipeline_override(p, "nosuch.n=6", &err), LEDE_ECONFIG);
    assert_non_null(strstr(err.message, "no stage or stage name 'nosuch'"));
    assert_null(strstr(err.message, "did you mean"));
    assert_int_equal(lede__pipeline_override(p, "teststage_k.n=6", &err), LEDE_ECONFIG);
    assert_string_equal(err.message, "-o teststage_k.n=6: no stage or stage name 'teststage_k' in "
                                     "this pipeline (did you mean 'teststage_ok'?)");
    assert_int_equal(lede__pipeline_override(p, "teststage_ok.n=99", &err), LEDE_ECONFIG);
    assert_non_null(strstr(err.message, "out of range"));
    assert_int_equal(lede__pipeline_override(p, "bad", &err), LEDE_ECONFIG);
    assert_int_equal(lede__pipeline_override(p, "teststage_ok.n = 6", &err), LEDE_ECONFIG);
    assert_string_equal(err.message, "-o teststage_ok.n = 6: no spaces around '=' (for example -o "
                                     "summarizer.sentences=5)");
    lede__pipeline_free(p);
    assert_int_equal(lede__pipeline_parse_inline("teststage_ok nn=1", ld, &p, &err), LEDE_ECONFIG);
    assert_non_null(strstr(err.message, "did you mean 'n'?"));
    lede__pipeline_free(p);
    /* Inline pipelines: named instances, no empty stage, each option once. */
    assert_int_equal(lede__pipeline_parse_inline("teststage_ok name=first n=2 ! teststage_ok "
                                                 "name=\"second one\" mode=beta",
                                                 ld, &p, &err),
                     0);
    assert_int_equal(lede__pipeline_override(p, "second one.n=7", &err), 0);
    assert_int_equal(lede__pipeline_override(p, "first.mode=gamma", &err), LEDE_ECONFIG);
    /* The message names the override as written and the stage, not the instance as if it
     * were a stage (`lede inspect first` would find nothing). */
    assert_non_null(
        strstr(err.message, "-o first.mode=gamma: stage 'teststage_ok': option 'mode'"));
    assert_int_equal(lede__pipeline_override(p, "first.mdoe=beta", &err), LEDE_ECONFIG);
    assert_non_null(
        strstr(err.message, "-o first.mdoe=beta: stage 'teststage_ok': unknown option"));
    assert_int_equal(lede__pipeline_override(p, "first.zzzzzz=1", &err), LEDE_ECONFIG);
    assert_non_null(strstr(err.message, "(see `lede inspect teststage_ok`)"));
    lede__pipeline_free(p);
    assert_int_equal(lede__pipeline_parse_inline("teststage_ok !", ld, &p, &err), LEDE_ECONFIG);
    assert_non_null(strstr(err.message, "-p stage 2: expected a stage name"));
    lede__pipeline_free(p);
    assert_int_equal(lede__pipeline_parse_inline("teststage_ok n=1 n=2", ld, &p, &err),
                     LEDE_ECONFIG);
    assert_non_null(strstr(err.message, "option 'n' is given twice"));
    lede__pipeline_free(p);
    assert_int_equal(lede__pipeline_parse_inline("teststage_okk", ld, &p, &err), LEDE_ENOTFOUND);
    assert_non_null(strstr(err.message, "(did you mean 'teststage_ok'?)"));
    lede__pipeline_free(p);
    lede__loader_free(ld);
    unsetenv("LEDE_PLUGIN_PATH");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_max_doc_bytes_takes_a_size),
        cmocka_unit_test(test_valid_config_loads),
        cmocka_unit_test(test_unknown_option_names_file_line_stage_and_suggestion),
        cmocka_unit_test(test_wrong_type_is_refused),
        cmocka_unit_test(test_out_of_range_and_bad_choice_are_refused),
        cmocka_unit_test(test_missing_layer_says_which_stage_to_put_before),
        cmocka_unit_test(test_same_stage_twice_needs_distinct_names),
        cmocka_unit_test(test_syntax_error_and_unknown_setting_name_the_line),
        cmocka_unit_test(test_a_directory_as_config_says_so),
        cmocka_unit_test(test_a_byte_order_mark_is_skipped),
        cmocka_unit_test(test_overrides_target_names_then_stages),
        cmocka_unit_test(test_integers_wider_than_32_bits_are_not_wrapped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
