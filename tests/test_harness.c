/* test_harness.c -- the stage-author harness: stages by descriptor or by name, options
 * validated as in configs, layers readable after each run. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lede/harness.h"

static void test_stages_by_name_come_from_the_liblede_stage_directory(void **state)
{
    lede_harness *h;
    lede_doc *doc;
    lede_error err;
    size_t n;
    const char *text = "Mr. Smith arrived. \xe2\x80\x9cWe will win,\xe2\x80\x9d he said.";
    (void)state;
    unsetenv("LEDE_PLUGIN_PATH");
    assert_int_equal(lede_harness_new(&h, &err), 0);
    /* No environment: the built tokenizer is found beside this build's liblede. */
    assert_int_equal(lede_harness_add_named(h, "tokenizer", NULL, &err), 0);
    assert_int_equal(lede_harness_add_named(h, "quotes", "partial=false", &err), 0);
    assert_int_equal(lede_harness_run(h, "t", text, strlen(text), &doc, &err), 0);
    lede_doc_sentences(doc, &n);
    assert_int_equal(n, 2);
    const lede_quote *q = lede_doc_quotes(doc, &n);
    assert_int_equal(n, 1);
    assert_memory_equal(text + q->start, "We will win,", q->end - q->start);
    lede_harness_free(h);
}

/* A stage that names its output, then fails create(): the harness removes it, and the
 * output is free for the next stage (the sink forgot its owner, which was freed). */
static int opens_then_fails(lede_stage_ctx *ctx, const lede_options *opts, void **out,
                            lede_error *err)
{
    int sink;
    (void)opts;
    *out = NULL;
    if (lede_ctx_open_output(ctx, getenv("LEDE_TEST_OUT"), &sink, err))
        return LEDE_EIO;
    return lede_error_set(err, LEDE_ESTAGE, "refused after opening its output");
}

static int process_nothing(void *inst, lede_doc *doc, lede_error *err)
{
    (void)inst, (void)doc, (void)err;
    return 0;
}

static void test_a_failed_stage_leaves_its_output_to_the_next(void **state)
{
    static const lede_stage_desc failing = {LEDE_ABI_VERSION,
                                            sizeof(lede_stage_desc),
                                            "failing",
                                            "opens, then fails",
                                            "0",
                                            NULL,
                                            NULL,
                                            NULL,
                                            0,
                                            opens_then_fails,
                                            process_nothing,
                                            NULL,
                                            NULL};
    lede_harness *h;
    lede_error err;
    char path[64], opts[128];
    (void)state;
    unsetenv("LEDE_PLUGIN_PATH");
    snprintf(path, sizeof path, "/tmp/lede-harness-fail-%d.ndjson", (int)getpid());
    setenv("LEDE_TEST_OUT", path, 1);
    snprintf(opts, sizeof opts, "format=ndjson output=%s", path);
    assert_int_equal(lede_harness_new(&h, &err), 0);
    assert_int_not_equal(lede_harness_add(h, &failing, NULL, &err), 0);
    assert_int_equal(lede_harness_add_named(h, "exporter", opts, &err), 0);
    lede_harness_free(h);
    unlink(path);
}

/* A stage that writes a file, added after a run: its file is opened when first written
 * (output files open lazily, at the first document's output). */
static void test_a_file_sink_added_after_a_run_is_written(void **state)
{
    lede_harness *h;
    lede_doc *doc;
    lede_error err;
    char path[64], opts[128], got[256] = {0};
    (void)state;
    unsetenv("LEDE_PLUGIN_PATH");
    snprintf(path, sizeof path, "/tmp/lede-harness-%d.csv", (int)getpid());
    snprintf(opts, sizeof opts, "format=csv output=%s", path);
    assert_int_equal(lede_harness_new(&h, &err), 0);
    assert_int_equal(lede_harness_add_named(h, "tokenizer", NULL, &err), 0);
    assert_int_equal(lede_harness_add_named(h, "exporter", "format=ndjson", &err), 0);
    assert_int_equal(lede_harness_run(h, "a", "One.", 4, &doc, &err), 0);
    assert_int_equal(lede_harness_add_named(h, "exporter", opts, &err), 0);
    assert_int_equal(lede_harness_run(h, "b", "Two.", 4, &doc, &err), 0);
    assert_int_equal(lede_harness_finish(h, &err), 0);
    lede_harness_free(h);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    assert_true(fread(got, 1, sizeof got - 1, f) > 0);
    fclose(f);
    unlink(path);
    assert_non_null(strstr(got, "id,quote_index,"));
}

static void test_named_stage_errors_are_the_loader_and_config_errors(void **state)
{
    lede_harness *h;
    lede_error err;
    (void)state;
    setenv("LEDE_PLUGIN_PATH", LEDE_TEST_STAGE_DIR, 1);
    assert_int_equal(lede_harness_new(&h, &err), 0);
    assert_int_equal(lede_harness_add_named(h, "teststage_abi", NULL, &err), LEDE_EABI);
    assert_int_equal(lede_harness_add_named(h, "nosuchstage", NULL, &err), LEDE_ENOTFOUND);
    assert_int_equal(lede_harness_add_named(h, "teststage_needs", NULL, &err), LEDE_ECONFIG);
    assert_non_null(strstr(err.message, "needs 'sentence'"));
    assert_int_equal(lede_harness_add_named(h, "teststage_ok", "n=0", &err), LEDE_ECONFIG);
    assert_non_null(strstr(err.message, "out of range"));
    assert_int_equal(lede_harness_add_named(h, "teststage_ok", "n=4 mode=beta", &err), 0);
    lede_doc *doc;
    assert_int_equal(lede_harness_run(h, "x", "lede and lede", 13, &doc, &err), 0);
    lede_layer *l = lede_doc_layer(doc, "mark", 0);
    assert_non_null(l);
    assert_int_equal(lede_layer_count(l), 2);
    assert_int_equal(lede_layer_attrs(l, 0)->i, 4);
    assert_int_equal(lede_harness_run(h, "y", "FAIL_HERE", 9, &doc, &err), LEDE_ESTAGE);
    const char *stage;
    assert_true(lede_doc_failed(doc, &stage, NULL));
    assert_string_equal(stage, "teststage_ok");
    lede_harness_free(h);
    unsetenv("LEDE_PLUGIN_PATH");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stages_by_name_come_from_the_liblede_stage_directory),
        cmocka_unit_test(test_a_file_sink_added_after_a_run_is_written),
        cmocka_unit_test(test_a_failed_stage_leaves_its_output_to_the_next),
        cmocka_unit_test(test_named_stage_errors_are_the_loader_and_config_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
