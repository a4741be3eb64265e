/*
 * test_keywords.c -- the keywords stage, run in-process through lede's harness.
 *
 * The tokenizer is the installed built-in stage, found by name as `lede` finds it
 * (lede_harness_add_named), so this test needs nothing but the installed SDK. The keywords
 * stage itself is linked in (keywords_objs), which lets the test see its private tables too.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <lede/harness.h>

#include "kw.h"

extern const lede_stage_desc keywords_LTX_lede_stage;

/* A harness running tokenizer ! keywords OPTIONS. */
static lede_harness *pipeline(const char *options)
{
    lede_harness *h;
    lede_error err;

    assert_int_equal(lede_harness_new(&h, &err), 0);
    if (lede_harness_add_named(h, "tokenizer", NULL, &err) ||
        lede_harness_add(h, &keywords_LTX_lede_stage, options, &err))
        fail_msg("%s", err.message);
    return h;
}

static lede_doc *run(lede_harness *h, const char *text)
{
    lede_doc *doc;
    lede_error err;

    if (lede_harness_run(h, "t", text, strlen(text), &doc, &err))
        fail_msg("%s", err.message);
    return doc;
}

/* The value of string attribute key of span i. */
static const char *attr(const lede_layer *l, size_t i, const char *key)
{
    for (const lede_attr *a = lede_layer_attrs(l, i); a; a = a->next)
        if (strcmp(a->key, key) == 0)
            return a->type == LEDE_ATTR_STRING ? a->s : "";
    return NULL;
}

/* Position (rank - 1) of the term with this stem in the keywords layer, or -1. */
static int rank_of(const lede_layer *l, const char *stem)
{
    for (size_t i = 0; i < lede_layer_count(l); i++)
        if (strcmp(attr(l, i, "stem"), stem) == 0)
            return (int)i;
    return -1;
}

static char *read_fixture(const char *name)
{
    char path[4096];
    FILE *f;
    static char buf[1 << 16];
    size_t n;

    snprintf(path, sizeof path, "%s/fixtures/%s", LEDE_TEST_SOURCE_DIR, name);
    if (!(f = fopen(path, "rb")))
        fail_msg("cannot open %s", path);
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static void test_article_keywords_name_its_subject(void **state)
{
    lede_harness *h = pipeline("count=10");
    const lede_layer *l = lede_doc_layer(run(h, read_fixture("putin-iran.txt")), "keywords", 0);

    (void)state;
    assert_non_null(l);
    assert_int_equal(lede_layer_count(l), 10);
    /* The story is about Putin, Iran and drones; "said" and "will" are never key. */
    assert_in_range(rank_of(l, "putin"), 0, 4);
    assert_in_range(rank_of(l, "iran"), 0, 4);
    assert_in_range(rank_of(l, "drone"), 0, 9);
    assert_int_equal(rank_of(l, "said"), -1);
    /* A name keeps its capital; a common noun is written as at its first occurrence. */
    assert_string_equal(attr(l, (size_t)rank_of(l, "putin"), "term"), "Putin");
    assert_string_equal(attr(l, (size_t)rank_of(l, "drone"), "term"), "drones");
    lede_harness_free(h);
}

static void test_inflections_share_one_stem_and_count(void **state)
{
    lede_harness *h = pipeline("count=3");
    const lede_layer *l = lede_doc_layer(
        run(h, "Iran will sell drones to Russia. The drone deal alarms Kyiv. Russia wants more "
               "drones."),
        "keywords", 0);
    int i = rank_of(l, "drone");

    (void)state;
    assert_true(i >= 0);
    assert_string_equal(attr(l, (size_t)i, "stem"), "drone");
    for (const lede_attr *a = lede_layer_attrs(l, (size_t)i); a; a = a->next)
        if (strcmp(a->key, "count") == 0)
            assert_int_equal(a->i, 3);
    lede_harness_free(h);
}

static void test_span_is_the_first_occurrence_without_possessive(void **state)
{
    const char *text =
        "Ukraine is at war. Russia's army shells Ukraine's cities; Russia denies it.";
    lede_harness *h = pipeline("count=5");
    const lede_layer *l = lede_doc_layer(run(h, text), "keywords", 0);
    int i = rank_of(l, "russia");
    uint32_t start, end;

    (void)state;
    assert_true(i >= 0);
    lede_layer_span(l, (size_t)i, &start, &end);
    assert_int_equal(start, strstr(text, "Russia's") - text);
    assert_int_equal(end - start, strlen("Russia"));
    lede_harness_free(h);
}

static void test_rake_finds_multiword_phrases(void **state)
{
    lede_harness *h = pipeline("method=rake count=5");
    const lede_layer *l = lede_doc_layer(run(h, read_fixture("putin-iran.txt")), "keywords", 0);
    int multiword = 0;

    (void)state;
    for (size_t i = 0; i < lede_layer_count(l); i++)
        multiword += strchr(attr(l, i, "term"), ' ') != NULL;
    assert_true(multiword >= 3);
    lede_harness_free(h);
}

static void test_text_of_stopwords_only_yields_an_empty_layer(void **state)
{
    lede_harness *h = pipeline(NULL);
    const lede_layer *l = lede_doc_layer(run(h, "It is what it is, and so it was."), "keywords", 0);

    (void)state;
    assert_non_null(l);
    assert_int_equal(lede_layer_count(l), 0);
    lede_harness_free(h);
}

static void test_unknown_method_is_rejected_with_the_choices(void **state)
{
    lede_harness *h;
    lede_error err;

    (void)state;
    assert_int_equal(lede_harness_new(&h, &err), 0);
    assert_int_equal(lede_harness_add_named(h, "tokenizer", NULL, &err), 0);
    assert_int_equal(lede_harness_add(h, &keywords_LTX_lede_stage, "method=lda", &err),
                     LEDE_ECONFIG);
    assert_non_null(strstr(err.message, "rake"));
    lede_harness_free(h);
}

static void test_keywords_without_tokenizer_is_a_config_error(void **state)
{
    lede_harness *h;
    lede_error err;

    (void)state;
    assert_int_equal(lede_harness_new(&h, &err), 0);
    assert_int_equal(lede_harness_add(h, &keywords_LTX_lede_stage, NULL, &err), LEDE_ECONFIG);
    assert_non_null(strstr(err.message, "token"));
    lede_harness_free(h);
}

static void test_two_keywords_stages_write_two_layers(void **state)
{
    lede_harness *h;
    lede_error err;
    lede_doc *doc;
    const char *text = "Iran will sell combat drones to Russia. Russia wants combat drones.";

    (void)state;
    assert_int_equal(lede_harness_new(&h, &err), 0);
    if (lede_harness_add_named(h, "tokenizer", NULL, &err) ||
        lede_harness_add(h, &keywords_LTX_lede_stage, "count=2", &err) ||
        lede_harness_add(h, &keywords_LTX_lede_stage, "method=rake layer=key_phrases", &err) ||
        lede_harness_run(h, "t", text, strlen(text), &doc, &err))
        fail_msg("%s", err.message);
    assert_int_equal(lede_layer_count(lede_doc_layer(doc, "keywords", 0)), 2);
    assert_non_null(
        strstr(attr(lede_doc_layer(doc, "key_phrases", 0), 0, "term"), "combat drones"));
    lede_harness_free(h);
}

static void test_stopword_table_is_sorted(void **state)
{
    size_t n;
    const char *const *t = kw_stopword_table(&n);

    (void)state;
    for (size_t i = 1; i < n; i++)
        if (strcmp(t[i - 1], t[i]) >= 0)
            fail_msg("'%s' is not before '%s'", t[i - 1], t[i]);
    assert_true(kw_is_stopword("said", 4));
    assert_false(kw_is_stopword("drone", 5));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_article_keywords_name_its_subject),
        cmocka_unit_test(test_inflections_share_one_stem_and_count),
        cmocka_unit_test(test_span_is_the_first_occurrence_without_possessive),
        cmocka_unit_test(test_rake_finds_multiword_phrases),
        cmocka_unit_test(test_text_of_stopwords_only_yields_an_empty_layer),
        cmocka_unit_test(test_unknown_method_is_rejected_with_the_choices),
        cmocka_unit_test(test_keywords_without_tokenizer_is_a_config_error),
        cmocka_unit_test(test_two_keywords_stages_write_two_layers),
        cmocka_unit_test(test_stopword_table_is_sorted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
