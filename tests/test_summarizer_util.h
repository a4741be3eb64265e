/* test_summarizer_util.h -- what the summarizer's unit tests share: a tokenizer ! summarizer
 * harness, running it on a text, the sample article, and reading the summary. */
#ifndef TEST_SUMMARIZER_UTIL_H
#define TEST_SUMMARIZER_UTIL_H

#include <stddef.h>

#include "lede/harness.h"
#include "../plugins/summarizer/summarizer.h"

/* The four methods, in the order the tests walk them. */
extern const char *const sum_test_methods[4];

/* A harness running tokenizer ! summarizer with opts; fails the test when opts are refused. */
lede_harness *sum_test_make(const char *opts);
/* Runs the harness on text; fails the test when a stage fails. */
lede_doc *sum_test_run(lede_harness *h, const char *text);
/* The fixture tests/fixtures/summarizer/NAME, NUL-terminated (a static buffer). */
const char *sum_test_fixture(const char *name);
/* The sample article (fixture putin-iran.txt). */
const char *sum_test_sample(void);
/* Whether the text of summary item i starts with prefix. */
int sum_test_item_starts(lede_doc *doc, size_t i, const char *prefix);

/* A text tokenized and turned into the summarizer's model with the English stemmer. */
typedef struct sum_test_model {
    lede_harness *h;
    lede_doc *doc;
    struct sb_stemmer *stemmer;
    sum_scratch scratch;
    sum_model m;
} sum_test_model;

/* Builds f from text; fails the test when a step fails. */
void sum_test_model_build(sum_test_model *f, const char *text);
void sum_test_model_free(sum_test_model *f);

#endif
