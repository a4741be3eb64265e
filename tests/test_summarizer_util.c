/* test_summarizer_util.c -- see test_summarizer_util.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <libstemmer.h>

#include "test_summarizer_util.h"

extern const lede_stage_desc tokenizer_LTX_lede_stage;
extern const lede_stage_desc summarizer_LTX_lede_stage;

const char *const sum_test_methods[4] = {"news", "lead", "textrank", "lexrank"};

lede_harness *sum_test_make(const char *opts)
{
    lede_harness *h = NULL;
    lede_error err;
    assert_int_equal(lede_harness_new(&h, &err), 0);
    assert_int_equal(lede_harness_add(h, &tokenizer_LTX_lede_stage, "", &err), 0);
    if (lede_harness_add(h, &summarizer_LTX_lede_stage, opts, &err) != 0)
        fail_msg("summarizer %s: %s", opts, err.message);
    return h;
}

lede_doc *sum_test_run(lede_harness *h, const char *text)
{
    lede_doc *doc = NULL;
    lede_error err;
    if (lede_harness_run(h, "t", text, strlen(text), &doc, &err) != 0)
        fail_msg("run: %s", err.message);
    return doc;
}

const char *sum_test_fixture(const char *name)
{
    static char buf[65536];
    char path[1024];
    snprintf(path, sizeof(path), "%s/tests/fixtures/summarizer/%s", LEDE_SOURCE_DIR, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

const char *sum_test_sample(void)
{
    return sum_test_fixture("putin-iran.txt");
}

int sum_test_item_starts(lede_doc *doc, size_t i, const char *prefix)
{
    size_t n_sum, n_sent;
    const lede_summary_item *sum = lede_doc_summary(doc, &n_sum);
    const lede_sentence *sent = lede_doc_sentences(doc, &n_sent);
    const char *text = lede_doc_text(doc, NULL);
    assert_true(i < n_sum && sum[i].sentence < n_sent);
    return strncmp(text + sent[sum[i].sentence].start, prefix, strlen(prefix)) == 0;
}

void sum_test_model_build(sum_test_model *f, const char *text)
{
    lede_error err;
    memset(f, 0, sizeof(*f));
    assert_int_equal(lede_harness_new(&f->h, &err), 0);
    assert_int_equal(lede_harness_add(f->h, &tokenizer_LTX_lede_stage, "", &err), 0);
    assert_int_equal(lede_harness_run(f->h, "t", text, strlen(text), &f->doc, &err), 0);
    f->stemmer = sb_stemmer_new("english", NULL);
    assert_non_null(f->stemmer);
    assert_int_equal(sum_model_build(f->doc, f->stemmer, 1, &f->scratch, &f->m, &err), 0);
}

void sum_test_model_free(sum_test_model *f)
{
    sb_stemmer_delete(f->stemmer);
    sum_scratch_free(&f->scratch);
    lede_harness_free(f->h);
}
