/*
 * test_quotes_util.h -- helpers shared by the quotes stage's unit tests.
 *
 * Each test runs the real tokenizer and the quotes stage in-process through the harness
 * (include/lede/harness.h) on a real sentence, then looks quotations up by their text.
 * Failures go through cmocka, so the helpers can be called straight from a test.
 */
#ifndef TEST_QUOTES_UTIL_H
#define TEST_QUOTES_UTIL_H

#include <stddef.h>

#include "lede/harness.h"

extern const lede_stage_desc tokenizer_LTX_lede_stage;
extern const lede_stage_desc quotes_LTX_lede_stage;

typedef struct qtu {
    lede_harness *h;
    lede_doc *doc;
    const char *text;
    const lede_quote *q;
    size_t n;
} qtu;

/* Runs tokenizer ! quotes (with the given quotes options, NULL for defaults) on text. */
void qtu_run(qtu *t, const char *text, const char *options);
void qtu_free(qtu *t);
/* Runs the tokenizer on text and then the quotes stage's driver with its defaults, which
 * counts the steps of the work whose length depends on the whole document
 * (qt_process_doc); returns that count, the quotations in t (free with qtu_free). */
size_t qtu_run_counted(qtu *t, const char *text);
/* The quotation whose text (without marks) is exactly s; fails the test when absent. */
const lede_quote *qtu_find(const qtu *t, const char *s);
/* Asserts that the quotation with text s was said by speaker (NULL: nobody) with the
 * given cue text (NULL: no cue) and mention text (NULL: not checked). */
void qtu_expect(const qtu *t, const char *s, const char *speaker, const char *cue,
                const char *mention);
/* The number of warnings on the document that contain needle. */
size_t qtu_warnings(const qtu *t, const char *needle);
/* Reads a file of the repository (path relative to the source root); free() the result. */
char *qtu_read(const char *relpath, size_t *len);

#endif
