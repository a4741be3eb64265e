/*
 * test_tokenizer_forms.c -- the options lower and nfc: the generic layer "forms", parallel
 * to the token layer, with the attributes "lower" and "nfc" where a form differs from the
 * token's text (plugins/tokenizer/forms.c).
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

/* The "forms" layer of the last document; fails the test when it is not parallel to the
 * token layer (one span a token, the same offsets). */
static const lede_layer *forms_layer(tku *k)
{
    size_t n;
    const lede_token *t = lede_doc_tokens(k->doc, &n);
    const lede_layer *l = lede_doc_layer(k->doc, "forms", 0);

    assert_non_null(l);
    assert_int_equal(lede_layer_count(l), n);
    for (size_t i = 0; i < n; i++) {
        uint32_t start, end;
        lede_layer_span(l, i, &start, &end);
        assert_int_equal(start, t[i].start);
        assert_int_equal(end, t[i].end);
    }
    return l;
}

/* Attribute key of the first token whose text is tok, or NULL when it has none. */
static const char *form(tku *k, const char *tok, const char *key)
{
    size_t i = tku_find(k, tok, 0);

    if (i == (size_t)-1)
        fail_msg("no token '%s'", tok);
    for (const lede_attr *a = lede_layer_attrs(forms_layer(k), i); a; a = a->next) {
        if (strcmp(a->key, key) == 0) {
            assert_int_equal(a->type, LEDE_ATTR_STRING);
            assert_int_equal(strlen(a->s), a->s_len);
            return a->s;
        }
    }
    return NULL;
}

/* Number of attributes of token i's span. */
static size_t n_attrs(tku *k, size_t i)
{
    size_t n = 0;
    for (const lede_attr *a = lede_layer_attrs(forms_layer(k), i); a; a = a->next)
        n++;
    return n;
}

static void test_options_off_add_no_layer(void **state)
{
    tku *k = tku_new("");
    (void)state;
    tku_run(k, "Iran\xE2\x80\x99s CAFE\xCC\x81 said.");
    assert_null(lede_doc_layer(k->doc, "forms", 0));
    assert_int_equal(lede_doc_layer_count(k->doc), 0);
    tku_free(k);
}

static void test_decomposed_e_acute_is_composed(void **state)
{
    tku *k = tku_new("nfc=true");
    (void)state;
    /* "Café" typed as e + U+0301 COMBINING ACUTE ACCENT: NFC is U+00E9 */
    tku_run(k, "The Cafe\xCC\x81 opened.");
    assert_string_equal(form(k, "Cafe\xCC\x81", "nfc"), "Caf\xC3\xA9");
    assert_null(form(k, "Cafe\xCC\x81", "lower")); /* lower is off */
    assert_null(form(k, "The", "lower"));
    /* the Angstrom sign is a singleton: NFC maps it to the letter Å */
    tku_run(k, "It is 2 \xE2\x84\xAB long.");
    assert_string_equal(form(k, "\xE2\x84\xAB", "nfc"), "\xC3\x85");
    tku_free(k);
}

static void test_lower_form_of_the_nfc_form(void **state)
{
    tku *k = tku_new("lower=true nfc=true");
    (void)state;
    tku_run(k, "CAFE\xCC\x81 OLE\xCC\x81.");
    assert_string_equal(form(k, "CAFE\xCC\x81", "nfc"), "CAF\xC3\x89");
    assert_string_equal(form(k, "CAFE\xCC\x81", "lower"), "caf\xC3\xA9");
    /* a composed lower-case word differs from its text in neither form */
    tku_run(k, "Le caf\xC3\xA9 ferme.");
    assert_null(form(k, "caf\xC3\xA9", "nfc"));
    assert_null(form(k, "caf\xC3\xA9", "lower"));
    /* a decomposed lower-case word: both forms are the composed one */
    tku_run(k, "Le cafe\xCC\x81 ferme.");
    assert_string_equal(form(k, "cafe\xCC\x81", "nfc"), "caf\xC3\xA9");
    assert_string_equal(form(k, "cafe\xCC\x81", "lower"), "caf\xC3\xA9");
    /* without nfc the lower form keeps the decomposition */
    tku_free(k);
    k = tku_new("lower=true");
    tku_run(k, "CAFE\xCC\x81 opened.");
    assert_string_equal(form(k, "CAFE\xCC\x81", "lower"), "cafe\xCC\x81");
    assert_null(form(k, "CAFE\xCC\x81", "nfc"));
    tku_free(k);
}

static void test_clitic_and_its_word_lower_cased(void **state)
{
    tku *k = tku_new("clitics=true lower=true");
    size_t i;
    (void)state;
    tku_run(k, "Iran\xE2\x80\x99s missiles don't work, the U.N. said.");
    i = tku_find(k, "Iran", 0);
    assert_string_equal(tku_token(k, i + 1), "\xE2\x80\x99s");
    assert_string_equal(form(k, "Iran", "lower"), "iran");
    assert_int_equal(n_attrs(k, i + 1), 0); /* ’s is lower case already */
    assert_string_equal(tku_token(k, tku_find(k, "do", 0) + 1), "n't");
    assert_string_equal(form(k, "U.N.", "lower"), "u.n.");
    assert_true(tku_flags(k, "U.N.") & LEDE_TOKF_ABBREV);
    tku_free(k);
}

static void test_form_equal_to_text_has_no_attribute(void **state)
{
    tku *k = tku_new("lower=true nfc=true");
    size_t n;
    (void)state;
    tku_run(k, "the cat sat on 42 mats, \xE2\x80\x9Cwell\xE2\x80\x9D \xE2\x80\x94 caf\xC3\xA9.");
    lede_doc_tokens(k->doc, &n);
    assert_true(n > 8);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(n_attrs(k, i), 0);
    tku_free(k);
}

static void test_dotted_capital_i_lowers_to_i(void **state)
{
    tku *k = tku_new("lower=true");
    (void)state;
    /* Unicode's simple mapping, no Turkish tailoring: İ -> i, I -> i (not ı) */
    tku_run(k, "\xC4\xB0stanbul and IZMIR grew.");
    assert_string_equal(form(k, "\xC4\xB0stanbul", "lower"), "istanbul");
    assert_string_equal(form(k, "IZMIR", "lower"), "izmir");
    tku_free(k);
}

static void test_sharp_s_is_lowered_not_folded(void **state)
{
    tku *k = tku_new("lower=true");
    (void)state;
    tku_run(k, "STRASSE and Stra\xC3\x9F"
               "e and stra\xC3\x9F"
               "e and STRA\xE1\xBA\x9E"
               "E.");
    assert_string_equal(form(k, "STRASSE", "lower"), "strasse");
    assert_string_equal(form(k,
                             "Stra\xC3\x9F"
                             "e",
                             "lower"),
                        "stra\xC3\x9F"
                        "e");
    assert_null(form(k,
                     "stra\xC3\x9F"
                     "e",
                     "lower"));
    /* capital sharp s U+1E9E lowers to ß */
    assert_string_equal(form(k,
                             "STRA\xE1\xBA\x9E"
                             "E",
                             "lower"),
                        "stra\xC3\x9F"
                        "e");
    tku_free(k);
}

static void test_greek_capital_sigma_is_final_at_the_end_of_a_word(void **state)
{
    tku *k = tku_new("lower=true");
    (void)state;
    /* ΟΔΟΣ -> οδος; ΣΟΦΟΣ -> σοφος; Σ alone -> σ; ΟΔΟΣ’ (an elision) -> οδος’ */
    tku_run(k, "\xCE\x9F\xCE\x94\xCE\x9F\xCE\xA3 \xCE\xA3\xCE\x9F\xCE\xA6\xCE\x9F\xCE\xA3 "
               "\xCE\xA3 x.");
    assert_string_equal(form(k, "\xCE\x9F\xCE\x94\xCE\x9F\xCE\xA3", "lower"),
                        "\xCE\xBF\xCE\xB4\xCE\xBF\xCF\x82");
    assert_string_equal(form(k, "\xCE\xA3\xCE\x9F\xCE\xA6\xCE\x9F\xCE\xA3", "lower"),
                        "\xCF\x83\xCE\xBF\xCF\x86\xCE\xBF\xCF\x82");
    assert_string_equal(form(k, "\xCE\xA3", "lower"), "\xCF\x83");
    tku_free(k);
}

static void test_lower_form_may_change_length(void **state)
{
    tku *k = tku_new("lower=true");
    (void)state;
    /* U+023A (2 bytes) lowers to U+2C65 (3 bytes) */
    tku_run(k, "\xC8\xBA"
               "B said.");
    assert_string_equal(form(k,
                             "\xC8\xBA"
                             "B",
                             "lower"),
                        "\xE2\xB1\xA5"
                        "b");
    tku_free(k);
}

static void test_long_tokens_grow_the_scratch(void **state)
{
    tku *k = tku_new("lower=true nfc=true");
    char text[2048], upper[1024], lower[1024];
    size_t n = 0;
    (void)state;
    /* 300 decomposed capital E-acutes: 900 bytes, 600 code points before composition */
    for (int i = 0; i < 300; i++) {
        memcpy(upper + 3 * i, "E\xCC\x81", 3);
        memcpy(lower + 2 * i, "\xC3\xA9", 2);
    }
    upper[900] = '\0';
    lower[600] = '\0';
    n = (size_t)snprintf(text, sizeof text, "AN%s %s said.", upper, upper);
    assert_true(n < sizeof text);
    tku_run(k, text);
    memmove(upper + 2, upper, 901);
    memcpy(upper, "AN", 2);
    memmove(lower + 2, lower, 601);
    memcpy(lower, "an", 2);
    assert_string_equal(form(k, upper, "lower"), lower);
    assert_int_equal(strlen(form(k, upper, "nfc")), 2 + 600);
    tku_free(k);
}

/* Every token of words 1 to 17 bytes long, with a capital (and, in half of them, an é) at
 * each position: "lower" is the ASCII lower case of the text exactly when that differs. The
 * ASCII scan reads a word at a time with overlapping loads; no position may escape it. */
static void test_capitals_found_at_every_position(void **state)
{
    tku *k = tku_new("lower=true");
    char text[8192], ref[64];
    size_t n = 0, n_tok, n_lower = 0;
    const lede_token *t;
    (void)state;
    for (size_t len = 1; len <= 17; len++) {
        for (size_t cap = 0; cap <= len; cap++) { /* cap == len: no capital */
            for (int acute = 0; acute < 2; acute++) {
                for (size_t i = 0; i < len; i++) {
                    if (acute && i == len / 2 && i != cap) {
                        memcpy(text + n, "\xC3\xA9", 2);
                        n += 2;
                    } else {
                        text[n++] = (char)((i == cap ? 'A' : 'a') + (int)(i % 26));
                    }
                }
                text[n++] = ' ';
            }
        }
    }
    memcpy(text + n, "end.", 5);
    assert_true(n + 5 < sizeof text);
    tku_run(k, text);
    t = lede_doc_tokens(k->doc, &n_tok);
    assert_true(n_tok > 17 * 18);
    for (size_t i = 0; i < n_tok; i++) {
        size_t len = t[i].end - t[i].start, diff = 0;
        const char *lower = NULL;
        assert_true(len < sizeof ref);
        for (size_t j = 0; j < len; j++) {
            char c = k->text[t[i].start + j];
            ref[j] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
            diff |= ref[j] != c;
        }
        ref[len] = '\0';
        for (const lede_attr *a = lede_layer_attrs(forms_layer(k), i); a; a = a->next)
            if (strcmp(a->key, "lower") == 0)
                lower = a->s;
        if (diff) {
            assert_non_null(lower);
            assert_string_equal(lower, ref);
            n_lower++;
        } else {
            assert_null(lower);
        }
    }
    assert_true(n_lower > 200);
    /* tokens within 8 bytes of the end of the text are read inside the token */
    tku_run(k, "A");
    assert_string_equal(form(k, "A", "lower"), "a");
    tku_run(k, "say OK");
    assert_string_equal(form(k, "OK", "lower"), "ok");
    tku_run(k, "Ask NASA, ok");
    assert_string_equal(form(k, "NASA", "lower"), "nasa");
    assert_null(form(k, "ok", "lower"));
    tku_free(k);
}

static void test_uax29_segments_get_forms_too(void **state)
{
    tku *k = tku_new("words=uax29 lower=true");
    (void)state;
    tku_run(k, "The U.N. met.");
    assert_string_equal(form(k, "The", "lower"), "the");
    assert_null(form(k, " ", "lower"));
    assert_null(form(k, "met", "lower"));
    tku_free(k);
}

static void test_second_tokenizer_with_forms_is_an_error(void **state)
{
    lede_harness *h;
    lede_error err;
    lede_doc *doc;
    (void)state;
    assert_int_equal(lede_harness_new(&h, &err), 0);
    assert_int_equal(lede_harness_add(h, &tokenizer_LTX_lede_stage, "lower=true", &err), 0);
    assert_int_equal(lede_harness_add(h, &tokenizer_LTX_lede_stage, "nfc=true", &err), 0);
    assert_int_equal(lede_harness_run(h, "twice", "Hello World.", 12, &doc, &err), LEDE_ESTAGE);
    assert_non_null(strstr(err.message, "'forms' already"));
    lede_harness_free(h);
}

/* ---- a stage that requires the forms: counts the lower forms into a metadata field ---- */

static int lowers_process(void *instance, lede_doc *doc, lede_error *err)
{
    const lede_layer *l = lede_doc_layer(doc, "forms", 0);
    size_t n = 0;
    char json[32];

    (void)instance;
    if (!l)
        return lede_error_set(err, LEDE_ESTAGE, "lowers: no forms");
    for (size_t i = 0; i < lede_layer_count(l); i++)
        for (const lede_attr *a = lede_layer_attrs(l, i); a; a = a->next)
            n += strcmp(a->key, "lower") == 0;
    snprintf(json, sizeof json, "%zu", n);
    return lede_doc_meta_add(doc, "lowers", json, strlen(json));
}

static int lowers_create(lede_stage_ctx *ctx, const lede_options *opts, void **instance,
                         lede_error *err)
{
    (void)ctx, (void)opts, (void)err;
    *instance = NULL;
    return 0;
}

static const char *const lowers_requires[] = {"token", "forms", NULL};

static const lede_stage_desc lowers_stage = {
    LEDE_ABI_VERSION,
    sizeof(lede_stage_desc),
    "lowers",
    "test-only: counts the tokens with a lower form",
    "1.0.0",
    lowers_requires,
    NULL,
    NULL,
    0,
    lowers_create,
    lowers_process,
    NULL,
    NULL,
};

/* Runs tokenizer (tok_opts) ! lowers on text; *lowers receives the count (-1 when the run
 * failed). Returns the run's status. */
static int run_with_lowers(const char *tok_opts, const char *text, lede_error *err, long *lowers)
{
    lede_harness *h;
    lede_doc *doc;
    int rc;

    assert_int_equal(lede_harness_new(&h, err), 0);
    assert_int_equal(lede_harness_add(h, &tokenizer_LTX_lede_stage, tok_opts, err), 0);
    assert_int_equal(lede_harness_add(h, &lowers_stage, NULL, err), 0);
    rc = lede_harness_run(h, "d", text, strlen(text), &doc, err);
    *lowers = -1;
    for (size_t i = 0; !rc && i < lede_doc_meta_count(doc); i++) {
        const char *key, *json;
        size_t len;
        lede_doc_meta_at(doc, i, &key, &json, &len);
        if (strcmp(key, "lowers") == 0)
            *lowers = strtol(json, NULL, 10);
    }
    lede_harness_free(h);
    return rc;
}

static void test_a_stage_may_require_the_forms(void **state)
{
    lede_error err;
    long lowers;
    (void)state;
    /* the tokenizer provides "forms"; with lower on, a stage that requires it reads it */
    assert_int_equal(run_with_lowers("lower=true", "The U.N. said so.", &err, &lowers), 0);
    assert_int_equal(lowers, 2); /* The, U.N. */
    /* with lower and nfc off, the document fails with a message naming the layer */
    assert_int_equal(run_with_lowers("", "The U.N. said so.", &err, &lowers), LEDE_ESTAGE);
    assert_non_null(strstr(err.message, "'forms'"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_options_off_add_no_layer),
        cmocka_unit_test(test_decomposed_e_acute_is_composed),
        cmocka_unit_test(test_lower_form_of_the_nfc_form),
        cmocka_unit_test(test_clitic_and_its_word_lower_cased),
        cmocka_unit_test(test_form_equal_to_text_has_no_attribute),
        cmocka_unit_test(test_dotted_capital_i_lowers_to_i),
        cmocka_unit_test(test_sharp_s_is_lowered_not_folded),
        cmocka_unit_test(test_greek_capital_sigma_is_final_at_the_end_of_a_word),
        cmocka_unit_test(test_lower_form_may_change_length),
        cmocka_unit_test(test_long_tokens_grow_the_scratch),
        cmocka_unit_test(test_capitals_found_at_every_position),
        cmocka_unit_test(test_uax29_segments_get_forms_too),
        cmocka_unit_test(test_second_tokenizer_with_forms_is_an_error),
        cmocka_unit_test(test_a_stage_may_require_the_forms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
