/*
 * test_quotes_sample.c -- the sample article against its hand-annotated gold quotations.
 *
 * tests/fixtures/quotes/putin-iran.txt is real scraped news (captions glued to sentences,
 * a quotation left open across an image caption); quotes.json beside it lists its 11
 * quotations. Every one must be found with exactly the gold text, and at least 10 must
 * have the gold speaker (or one the gold's `also` accepts) as a full name.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "test_quotes_util.h"

static int speaker_accepted(const char *got, json_t *gold)
{
    if (!got)
        return 0;
    if (strcmp(got, json_string_value(json_object_get(gold, "speaker"))) == 0)
        return 1;
    json_t *also = json_object_get(gold, "also");
    for (size_t i = 0; i < json_array_size(also); i++)
        if (strcmp(got, json_string_value(json_array_get(also, i))) == 0)
            return 1;
    return 0;
}

static void test_sample_article_matches_gold_quotes(void **state)
{
    (void)state;
    size_t len;
    char *text = qtu_read("tests/fixtures/quotes/putin-iran.txt", &len);
    json_error_t jerr;
    json_t *gold = json_load_file(LEDE_SOURCE_DIR "/tests/fixtures/quotes/quotes.json", 0, &jerr);
    if (!gold)
        fail_msg("quotes.json: %s", jerr.text);
    qtu t;
    qtu_run(&t, text, NULL);

    json_t *list = json_object_get(gold, "quotes");
    size_t right = 0;
    assert_int_equal(json_array_size(list), 11);
    for (size_t i = 0; i < json_array_size(list); i++) {
        json_t *g = json_array_get(list, i);
        const char *want = json_string_value(json_object_get(g, "text"));
        const lede_quote *q = qtu_find(&t, want);
        const char *kind = json_string_value(json_object_get(g, "kind"));
        assert_int_equal(q->kind,
                         strcmp(kind, "partial") == 0 ? LEDE_QUOTE_PARTIAL : LEDE_QUOTE_FULL);
        if (speaker_accepted(q->speaker, g))
            right++;
        else
            print_message("speaker of [%s]: %s, gold %s\n", want, q->speaker ? q->speaker : "-",
                          json_string_value(json_object_get(g, "speaker")));
    }
    assert_int_equal(t.n, 11);
    assert_true(right >= 10);
    qtu_free(&t);
    json_decref(gold);
    free(text);
}

static void test_sample_kortunov_quotation_continues_after_caption(void **state)
{
    (void)state;
    char *text = qtu_read("tests/fixtures/quotes/putin-iran.txt", NULL);
    qtu t;
    qtu_run(&t, text, NULL);
    const lede_quote *first = qtu_find(&t, "This is an important visit for Putin personally.");
    const lede_quote *next =
        qtu_find(&t, "The Kremlin doesn’t want to allow itself to be isolated internationally.");
    assert_int_equal(next->continues, (uint32_t)(first - t.q));
    assert_string_equal(next->speaker, "Andrey Kortunov");
    qtu_free(&t);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_article_matches_gold_quotes),
        cmocka_unit_test(test_sample_kortunov_quotation_continues_after_caption),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
