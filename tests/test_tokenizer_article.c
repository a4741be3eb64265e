/*
 * test_tokenizer_article.c -- the sample article gives exactly its 43 gold sentences.
 *
 * fixtures/tokenizer/putin-iran.txt is examples/putin-iran.txt (a scraped news article
 * with glued photo captions, curly quotes and a headline repeated as two paragraphs);
 * putin-iran.sentences.txt is the team's hand-checked gold segmentation, one sentence
 * per line (see fixtures/tokenizer/README.md). The comparison is exact, byte for byte.
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

#define FIX LEDE_SOURCE_DIR "/tests/fixtures/tokenizer/"

static void test_article_gives_the_43_gold_sentences(void **state)
{
    size_t len, n = 0;
    char *text = tku_read_file(FIX "putin-iran.txt", &len);
    char *gold = tku_read_file(FIX "putin-iran.sentences.txt", NULL);
    const char *lines[64];
    tku *k = tku_new("");

    (void)state;
    assert_non_null(text);
    assert_non_null(gold);
    for (char *p = gold, *nl; *p && n < 64; p = nl + 1) {
        nl = strchr(p, '\n');
        if (!nl)
            nl = p + strlen(p);
        lines[n++] = p;
        if (!*nl)
            break;
        *nl = '\0';
    }
    assert_int_equal(n, 43);
    tku_run(k, text);
    tku_assert_sentences(k, lines, n);
    tku_free(k);
    free(text);
    free(gold);
}

static void test_article_has_one_paragraph_per_blank_line_block(void **state)
{
    char *text = tku_read_file(FIX "putin-iran.txt", NULL);
    tku *k = tku_new("");

    (void)state;
    assert_non_null(text);
    tku_run(k, text);
    /* 35 blocks of text separated by blank lines (awk 'BEGIN{RS=""} END{print NR}') */
    assert_int_equal(tku_n_paragraphs(k), 35);
    assert_string_equal(tku_paragraph(k, 0),
                        "Vladimir Putin arrives in Iran to forge a fearsome new alliance");
    tku_free(k);
    free(text);
}

static void test_article_offsets_round_trip(void **state)
{
    size_t len, n;
    char *text = tku_read_file(FIX "putin-iran.txt", &len);
    tku *k = tku_new("");
    const lede_token *t;
    size_t words = 0;

    (void)state;
    tku_run(k, text);
    t = lede_doc_tokens(k->doc, &n);
    /* The harness's text is the input, byte for byte, so every token's span reads the
     * same in both; and no token text holds white space. */
    assert_int_equal(k->len, len);
    for (size_t i = 0; i < n; i++) {
        assert_memory_equal(k->text + t[i].start, text + t[i].start, t[i].end - t[i].start);
        for (uint32_t j = t[i].start; j < t[i].end; j++)
            assert_true(text[j] != ' ' && text[j] != '\n');
        words += t[i].kind == LEDE_TOK_WORD;
    }
    assert_true(words > 1000);
    tku_free(k);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_article_gives_the_43_gold_sentences),
        cmocka_unit_test(test_article_has_one_paragraph_per_blank_line_block),
        cmocka_unit_test(test_article_offsets_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
