/*
 * test_tokenizer_options.c -- the stage's declared options: validation by the host,
 * defaults, and a missing abbreviations file reported with its path.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_tokenizer_util.h"

static int add_stage(const char *options, lede_error *err)
{
    lede_harness *h;
    int rc;

    assert_int_equal(lede_harness_new(&h, err), 0);
    rc = lede_harness_add(h, &tokenizer_LTX_lede_stage, options, err);
    lede_harness_free(h);
    return rc;
}

static void test_descriptor_provides_the_layers(void **state)
{
    const lede_stage_desc *d = &tokenizer_LTX_lede_stage;
    (void)state;
    assert_string_equal(d->name, "tokenizer");
    assert_null(d->requires);
    assert_string_equal(d->provides[0], "token");
    assert_string_equal(d->provides[1], "sentence");
    assert_string_equal(d->provides[2], "paragraph");
    assert_string_equal(d->provides[3], "forms"); /* with lower or nfc only */
    assert_null(d->provides[4]);
    for (const lede_option_desc *o = d->options; o->name; o++)
        assert_non_null(o->help);
}

static void test_unknown_words_mode_is_rejected(void **state)
{
    lede_error err;
    (void)state;
    assert_int_equal(add_stage("words=spacy", &err), LEDE_ECONFIG);
    assert_non_null(strstr(err.message, "words"));
}

static void test_unknown_quotations_mode_is_rejected(void **state)
{
    lede_error err;
    (void)state;
    assert_int_equal(add_stage("quotations=merge", &err), LEDE_ECONFIG);
    assert_non_null(strstr(err.message, "quotations"));
    assert_int_equal(add_stage("quotations=whole", &err), 0);
}

static void test_negative_max_sentence_bytes_is_rejected(void **state)
{
    lede_error err;
    (void)state;
    assert_int_equal(add_stage("max_sentence_bytes=-1", &err), LEDE_ECONFIG);
}

static void test_missing_abbreviations_file_names_the_path(void **state)
{
    lede_error err;
    (void)state;
    assert_int_equal(add_stage("abbreviations=/nonexistent/abbrevs.txt", &err), LEDE_EIO);
    assert_non_null(strstr(err.message, "/nonexistent/abbrevs.txt"));
}

static void test_bad_class_in_abbreviations_file_names_the_line(void **state)
{
    const char *path = LEDE_BINARY_DIR "/tokenizer-bad-abbrevs.txt";
    FILE *f = fopen(path, "w");
    char opts[512];
    lede_error err;

    (void)state;
    assert_non_null(f);
    fputs("Gov title\nCorp company\n", f);
    fclose(f);
    snprintf(opts, sizeof opts, "abbreviations=\"%s\"", path);
    assert_int_equal(add_stage(opts, &err), LEDE_EPARSE);
    assert_non_null(strstr(err.message, ":2:"));
    assert_non_null(strstr(err.message, "company"));
    remove(path);
}

static void test_defaults_keep_clitics_in_their_word(void **state)
{
    tku *k = tku_new(NULL);
    (void)state;
    TKU_TOKENS(k, "doesn’t", "doesn’t");
    tku_free(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_descriptor_provides_the_layers),
        cmocka_unit_test(test_unknown_words_mode_is_rejected),
        cmocka_unit_test(test_unknown_quotations_mode_is_rejected),
        cmocka_unit_test(test_negative_max_sentence_bytes_is_rejected),
        cmocka_unit_test(test_missing_abbreviations_file_names_the_path),
        cmocka_unit_test(test_bad_class_in_abbreviations_file_names_the_line),
        cmocka_unit_test(test_defaults_keep_clitics_in_their_word),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
