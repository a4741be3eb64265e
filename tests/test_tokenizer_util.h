/*
 * test_tokenizer_util.h -- helpers shared by the tokenizer's unit tests.
 *
 * Each test file drives the real stage through the harness (lede/harness.h), exactly as
 * the host would: tku_new() builds a one-stage pipeline with the given options,
 * tku_run() tokenizes a text, and the accessors return token and sentence texts.
 * tku_check_invariants() asserts what must hold for every document: spans inside the
 * text and in order, every token in exactly one sentence, sentences inside their
 * paragraph, trimmed of white space, start flags where the layers start.
 */
#ifndef TEST_TOKENIZER_UTIL_H
#define TEST_TOKENIZER_UTIL_H

#include <stddef.h>

#include "lede/harness.h"

extern const lede_stage_desc tokenizer_LTX_lede_stage;

typedef struct tku {
    lede_harness *h;
    lede_doc *doc;
    const char *text;
    size_t len;
    char buf[8192];
} tku;

/* A harness with the tokenizer and options ("" for defaults); fails the test on error. */
tku *tku_new(const char *options);
/* Tokenizes text (NUL-terminated), checks the invariants, returns the document. */
lede_doc *tku_run(tku *k, const char *text);
void tku_free(tku *k);

size_t tku_n_tokens(tku *k);
size_t tku_n_sentences(tku *k);
size_t tku_n_paragraphs(tku *k);
/* Text of token i / sentence i / paragraph i, in k->buf (valid until the next call). */
const char *tku_token(tku *k, size_t i);
const char *tku_sentence(tku *k, size_t i);
const char *tku_paragraph(tku *k, size_t i);
/* Index of the first token whose text is s at or after from, or (size_t)-1. */
size_t tku_find(tku *k, const char *s, size_t from);
/* Flags of the first token whose text is s. Fails the test if there is none. */
unsigned tku_flags(tku *k, const char *s);
/* Asserts that the sentences are exactly expected[0..n). */
void tku_assert_sentences(tku *k, const char *const *expected, size_t n);

/* Reads a whole file (NUL-terminated, malloc'd); NULL when missing. */
char *tku_read_file(const char *path, size_t *len);

void tku_check_invariants(tku *k);

/* Tokenizes text and asserts its sentences are exactly the following strings. */
#define TKU_SENTENCES(k, text, ...)                                                                \
    do {                                                                                           \
        static const char *const tku_exp_[] = {__VA_ARGS__};                                       \
        tku_run((k), (text));                                                                      \
        tku_assert_sentences((k), tku_exp_, sizeof tku_exp_ / sizeof tku_exp_[0]);                 \
    } while (0)

/* Tokenizes text and asserts its tokens are exactly the following strings. */
#define TKU_TOKENS(k, text, ...)                                                                   \
    do {                                                                                           \
        static const char *const tku_exp_[] = {__VA_ARGS__};                                       \
        tku_run((k), (text));                                                                      \
        tku_assert_tokens((k), tku_exp_, sizeof tku_exp_ / sizeof tku_exp_[0]);                    \
    } while (0)

/* Asserts that the tokens are exactly expected[0..n). */
void tku_assert_tokens(tku *k, const char *const *expected, size_t n);

#endif
