/*
 * test_entities.c -- the entities stage, run in-process through lede's harness.
 *
 * The tokenizer is the installed built-in stage, found by name as `lede` finds it
 * (lede_harness_add_named); the entities stage is linked in (entities_objs). The sentences
 * are from examples/putin-iran.txt (fixtures/ holds a copy) or written like it.
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

#include "ent.h"

extern const lede_stage_desc entities_LTX_lede_stage;

typedef struct fixture {
    lede_harness *h;
    lede_doc *doc;
} fixture;

/* Runs tokenizer ! entities OPTIONS on text; the document lives until teardown. */
static const lede_layer *run(fixture *f, const char *options, const char *text, const char *layer)
{
    lede_error err;

    assert_int_equal(lede_harness_new(&f->h, &err), 0);
    if (lede_harness_add_named(f->h, "tokenizer", NULL, &err) ||
        lede_harness_add(f->h, &entities_LTX_lede_stage, options, &err) ||
        lede_harness_run(f->h, "t", text, strlen(text), &f->doc, &err))
        fail_msg("%s", err.message);
    return lede_doc_layer(f->doc, layer, 0);
}

static int teardown(void **state)
{
    fixture *f = *state;
    lede_harness_free(f->h);
    memset(f, 0, sizeof *f);
    return 0;
}

static int setup(void **state)
{
    static fixture f;
    memset(&f, 0, sizeof f);
    *state = &f;
    return 0;
}

static const lede_attr *attr(const lede_layer *l, size_t i, const char *key)
{
    for (const lede_attr *a = lede_layer_attrs(l, i); a; a = a->next)
        if (strcmp(a->key, key) == 0)
            return a;
    return NULL;
}

/* Index of the entity called name, or fails. */
static size_t find(const lede_layer *l, const char *name)
{
    assert_non_null(l);
    for (size_t i = 0; i < lede_layer_count(l); i++)
        if (strcmp(attr(l, i, "name")->s, name) == 0)
            return i;
    fail_msg("no entity named '%s'", name);
    return 0;
}

static int has(const lede_layer *l, const char *name)
{
    for (size_t i = 0; i < lede_layer_count(l); i++)
        if (strcmp(attr(l, i, "name")->s, name) == 0)
            return 1;
    return 0;
}

static void expect(const lede_layer *l, const char *name, const char *type, int64_t count)
{
    size_t i = find(l, name);
    assert_string_equal(attr(l, i, "type")->s, type);
    assert_int_equal(attr(l, i, "count")->i, count);
}

static void test_title_is_shed_and_kept_as_an_attribute(void **state)
{
    const lede_layer *l = run(
        *state, NULL, "Russian President Vladimir Putin leaves his plane in Tehran.", "entities");
    size_t i = find(l, "Vladimir Putin");

    assert_string_equal(attr(l, i, "type")->s, "person");
    assert_string_equal(attr(l, i, "title")->s, "Russian President");
    expect(l, "Tehran", "place", 1);
}

static void test_surname_resolves_to_the_full_name_given_earlier(void **state)
{
    const lede_layer *l =
        run(*state, NULL,
            "Vladimir Putin arrived in Iran on Tuesday. Putin met officials. "
            "Later, Mr Putin's aide Yuri Ushakov spoke. Ushakov said it went well.",
            "entities");

    expect(l, "Vladimir Putin", "person", 3);
    expect(l, "Yuri Ushakov", "person", 2);
    assert_false(has(l, "Putin"));
    assert_false(has(l, "Tuesday"));
}

static void test_titled_surname_before_the_full_name_resolves_forward(void **state)
{
    const char *text = "Putin will meet President Raisi. Ebrahim Raisi has hosted him before.";
    const lede_layer *l = run(*state, NULL, text, "entities");
    size_t i = find(l, "Ebrahim Raisi");
    uint32_t start, end;

    assert_int_equal(attr(l, i, "count")->i, 2);
    lede_layer_span(l, i, &start, &end);
    /* The span is the first mention, "Raisi" after "President". */
    assert_int_equal(start, strstr(text, "Raisi") - text);
    assert_int_equal(end, start + 5);
}

static void test_organisations_and_places_by_cue(void **state)
{
    const lede_layer *l = run(*state, NULL,
                              "The meeting was held at the Russian International Affairs Council "
                              "near the Black Sea, days after NATO and the White House warned "
                              "the Kremlin.",
                              "entities");

    expect(l, "Russian International Affairs Council", "organisation", 1);
    expect(l, "Black Sea", "place", 1);
    expect(l, "NATO", "organisation", 1);
    expect(l, "White House", "organisation", 1);
    expect(l, "Kremlin", "organisation", 1);
}

static void test_sentence_initial_words_and_adjectives_are_not_entities(void **state)
{
    const lede_layer *l = run(*state, NULL,
                              "During the talks, Iranian soldiers watched. Syrian Kurdish "
                              "militants fled in World War II style.",
                              "entities");

    assert_non_null(l);
    assert_int_equal(lede_layer_count(l), 0);
}

static void test_initials_and_connectors_stay_inside_the_name(void **state)
{
    const lede_layer *l =
        run(*state, NULL, "George W. Bush once named Osama bin Laden in a speech.", "entities");

    expect(l, "George W. Bush", "person", 1);
    expect(l, "Osama bin Laden", "person", 1);
}

static void test_mentions_layer_lists_every_mention_with_its_canonical_name(void **state)
{
    const lede_layer *l =
        run(*state, "mentions=true", "Jake Sullivan spoke first. Then Sullivan left for Moscow.",
            "entity_mentions");

    assert_non_null(l);
    assert_int_equal(lede_layer_count(l), 3);
    assert_string_equal(attr(l, 1, "name")->s, "Jake Sullivan");
    assert_string_equal(attr(l, 2, "type")->s, "place");
}

static void test_min_count_drops_rare_entities(void **state)
{
    const lede_layer *l = run(*state, "min_count=2",
                              "Iran and Russia met. Iran hosted the talks in Tehran.", "entities");

    assert_int_equal(lede_layer_count(l), 1);
    expect(l, "Iran", "place", 2);
}

static void test_article_people_places_and_counts(void **state)
{
    static char text[1 << 16];
    char path[4096];
    FILE *f;
    size_t n;

    snprintf(path, sizeof path, "%s/fixtures/putin-iran.txt", LEDE_TEST_SOURCE_DIR);
    if (!(f = fopen(path, "rb")))
        fail_msg("cannot open %s", path);
    n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    const lede_layer *l = run(*state, NULL, text, "entities");

    expect(l, "Vladimir Putin", "person", 14);
    expect(l, "Iran", "place", 18);
    expect(l, "Ali Khamenei", "person", 2);
    expect(l, "Recep Tayyip Erdogan", "person", 3);
    expect(l, "Javad Owji", "person", 1);
    assert_string_equal(attr(l, find(l, "Javad Owji"), "title")->s, "Minister of Petroleum");
    expect(l, "U.N. Security Council", "organisation", 1);
}

static void test_every_lexicon_list_is_sorted(void **state)
{
    (void)state;
    for (int k = 0; k < ENT_LIST_COUNT; k++) {
        size_t n;
        const char *const *t = ent_list_table((ent_list)k, &n);
        for (size_t i = 1; i < n; i++)
            if (strcmp(t[i - 1], t[i]) >= 0)
                fail_msg("list %d: '%s' is not before '%s'", k, t[i - 1], t[i]);
    }
    assert_true(ent_in_list(ENT_TITLES, "Mr.", 3));
    assert_true(ent_in_list(ENT_PLACES, "New York", 8));
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_title_is_shed_and_kept_as_an_attribute),
        T(test_surname_resolves_to_the_full_name_given_earlier),
        T(test_titled_surname_before_the_full_name_resolves_forward),
        T(test_organisations_and_places_by_cue),
        T(test_sentence_initial_words_and_adjectives_are_not_entities),
        T(test_initials_and_connectors_stay_inside_the_name),
        T(test_mentions_layer_lists_every_mention_with_its_canonical_name),
        T(test_min_count_drops_rare_entities),
        T(test_article_people_places_and_counts),
        cmocka_unit_test(test_every_lexicon_list_is_sorted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
