/*
 * test_tokenizer_robust.c -- hostile and odd input never yields an invalid position:
 * invalid UTF-8, random bytes, long runs of one character, control characters.
 * tku_run() checks every layer invariant after each document.
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

static void run_len(tku *k, const char *text, size_t len)
{
    lede_error err;
    if (lede_harness_run(k->h, "r", text, len, &k->doc, &err))
        fail_msg("tokenizer failed: %s", err.message);
    k->text = lede_doc_text(k->doc, &k->len);
    tku_check_invariants(k);
}

static void test_invalid_utf8_is_tokenized_without_split_sequences(void **state)
{
    tku *k = tku_new("");
    const char text[] = "Putin \xff\xfe arrives\xc3 in \xe2\x80 Iran. \xf0\x9f\x98";
    (void)state;
    run_len(k, text, sizeof text - 1);
    assert_true(tku_n_sentences(k) >= 1);
    tku_free(k);
}

static void test_random_bytes_keep_every_invariant(void **state)
{
    static const char alphabet[] = "aZ. ,'\"!?\n\r\t-:;()1%$\xe2\x80\x99\xe2\x80\x9c\xc2\xa0@/";
    tku *modes[4] = {tku_new(""), tku_new("clitics=true"), tku_new("words=uax29"),
                     tku_new("quotations=whole")};
    uint32_t seed = 12345;
    char text[600];

    (void)state;
    for (int round = 0; round < 3000; round++) {
        size_t len = (size_t)(round % 500) + 1;
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            /* mostly a text-like alphabet, sometimes any byte */
            text[i] = (seed >> 24) % 8 ? alphabet[(seed >> 16) % (sizeof alphabet - 1)]
                                       : (char)(seed >> 8);
        }
        for (int m = 0; m < 4; m++)
            run_len(modes[m], text, len);
    }
    for (int m = 0; m < 4; m++)
        tku_free(modes[m]);
}

static void test_long_runs_of_one_character(void **state)
{
    /* Each would cost quadratic time if a rule rescanned the run from every token. */
    static const char *const units[] = {".", "!", "a", "A", "1", ",", "-", "\xe2\x80\x99", "'",
                                        "\xe2\x80\x9c", " . ", "aB", "1.", "\n", "\xf0\x9f\x87\xba",
                                        "a-", "a.", "todayIt-", "x)", "1. A ", "http://x)",
                                        /* opening quotes that close nowhere (whole mode) */
                                        "\xe2\x80\x9cGo. ", "\"Go. "};
    tku *k = tku_new(""), *whole = tku_new("quotations=whole");
    size_t cap = 200000;
    char *text = malloc(cap + 8);

    (void)state;
    assert_non_null(text);
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        size_t ul = strlen(units[u]), len = 0;
        while (len + ul <= cap) {
            memcpy(text + len, units[u], ul);
            len += ul;
        }
        run_len(k, text, len);
        run_len(whole, text, len);
    }
    free(text);
    tku_free(k);
    tku_free(whole);
}

static void test_control_characters_are_tokens_not_crashes(void **state)
{
    tku *k = tku_new("");
    const char text[] = "A\x01"
                        "B\x7f \x1b[0m end.\x0c";
    (void)state;
    run_len(k, text, sizeof text - 1);
    assert_true(tku_n_tokens(k) >= 4);
    tku_free(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_invalid_utf8_is_tokenized_without_split_sequences),
        cmocka_unit_test(test_random_bytes_keep_every_invariant),
        cmocka_unit_test(test_long_runs_of_one_character),
        cmocka_unit_test(test_control_characters_are_tokens_not_crashes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
