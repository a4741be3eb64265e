/*
 * test_rouge.c -- bench/rouge.c against ROUGE scores worked out by hand.
 *
 * Each expected value below is derived in the comment above it, counting n-grams by hand,
 * the way Google's rouge-score counts them (clipped counts, rougeL on whole texts).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "rouge.h"

#define EPS 1e-9

static void assert_prf(rouge_prf got, double p, double r, double f)
{
    assert_float_equal(got.p, p, EPS);
    assert_float_equal(got.r, r, EPS);
    assert_float_equal(got.f, f, EPS);
}

static rouge_scores score(int stem, const char *ref, const char *cand)
{
    rouge *r = rouge_new(stem);
    assert_non_null(r);
    rouge_scores s;
    assert_int_equal(rouge_score(r, ref, cand, &s), 0);
    rouge_free(r);
    return s;
}

static void test_identical_texts_score_one(void **state)
{
    (void)state;
    rouge_scores s = score(0, "Putin arrived in Tehran.", "putin ARRIVED in tehran");
    assert_prf(s.r1, 1, 1, 1);
    assert_prf(s.r2, 1, 1, 1);
    assert_prf(s.rl, 1, 1, 1);
}

/* ref: the cat was found under the bed (7), cand: the cat was under the bed (6).
 * unigrams: the 2, cat, was, under, bed = 6 shared: P 6/6, R 6/7, F 12/13.
 * bigrams: the-cat, cat-was, under-the, the-bed = 4 of 5 (cand) and 6 (ref): F 8/11.
 * LCS: the whole candidate, 6: same as unigrams. */
static void test_dropped_word_counts_unigrams_bigrams_and_lcs(void **state)
{
    (void)state;
    rouge_scores s = score(0, "The cat was found under the bed.", "The cat was under the bed.");
    assert_prf(s.r1, 1, 6.0 / 7, 12.0 / 13);
    assert_prf(s.r2, 4.0 / 5, 4.0 / 6, 8.0 / 11);
    assert_prf(s.rl, 1, 6.0 / 7, 12.0 / 13);
}

/* A word repeated in the candidate counts only as often as in the reference:
 * overlap min(3, 5) = 3: P 3/5, R 3/3, F 0.75. */
static void test_repeated_candidate_word_is_clipped(void **state)
{
    (void)state;
    rouge_scores s = score(0, "drones drones drones", "drones drones drones drones drones");
    assert_prf(s.r1, 3.0 / 5, 1, 0.75);
    assert_prf(s.r2, 2.0 / 4, 1, 2.0 / 3);
}

/* Word order matters to ROUGE-L only: reversed, the LCS is one token of four. */
static void test_reversed_order_keeps_rouge1_but_not_lcs(void **state)
{
    (void)state;
    rouge_scores s = score(0, "iran russia drones sanctions", "sanctions drones russia iran");
    assert_prf(s.r1, 1, 1, 1);
    assert_prf(s.r2, 0, 0, 0);
    assert_prf(s.rl, 0.25, 0.25, 0.25);
}

/* With stemming, cats/cat and running/runs meet: ref the cat are run (4), cand the cat run
 * (3): P 1, R 3/4, F 6/7. Without it only "the" is shared: P 1/3, R 1/4, F 2/7. */
static void test_porter_stemming_matches_inflections(void **state)
{
    (void)state;
    rouge_scores s = score(1, "The cats are running.", "the cat runs");
    assert_prf(s.r1, 1, 3.0 / 4, 6.0 / 7);
    s = score(0, "The cats are running.", "the cat runs");
    assert_prf(s.r1, 1.0 / 3, 1.0 / 4, 2.0 / 7);
}

/* Only [a-z0-9] runs are tokens: punctuation, '$', apostrophes and non-ASCII letters split. */
static void test_tokens_are_lowercase_ascii_alphanumeric_runs(void **state)
{
    (void)state;
    rouge *r = rouge_new(0);
    assert_non_null(r);
    const char *text = "U.S. $10.9bn for Raisi\xE2\x80\x99s caf\xC3\xA9";
    assert_int_equal(rouge_tokenize(r, text, strlen(text)), 8);
    const char *want[] = {"u", "s", "10", "9bn", "for", "raisi", "s", "caf"};
    for (size_t i = 0; i < 8; i++)
        assert_string_equal(rouge_token(r, i), want[i]);
    rouge_free(r);
}

/* Summaries glued without a space ("$10.9bn.For the") tokenize like spaced ones. */
static void test_glued_sentences_tokenize_like_spaced_ones(void **state)
{
    (void)state;
    rouge_scores s = score(0, "sales rose to $10.9bn.For the full-year, profit rose",
                           "Sales rose to $10.9bn. For the full-year, profit rose.");
    assert_prf(s.r2, 1, 1, 1);
}

static void test_empty_candidate_scores_zero(void **state)
{
    (void)state;
    rouge_scores s = score(1, "Putin arrived in Tehran.", "");
    assert_prf(s.r1, 0, 0, 0);
    assert_prf(s.r2, 0, 0, 0);
    assert_prf(s.rl, 0, 0, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identical_texts_score_one),
        cmocka_unit_test(test_dropped_word_counts_unigrams_bigrams_and_lcs),
        cmocka_unit_test(test_repeated_candidate_word_is_clipped),
        cmocka_unit_test(test_reversed_order_keeps_rouge1_but_not_lcs),
        cmocka_unit_test(test_porter_stemming_matches_inflections),
        cmocka_unit_test(test_tokens_are_lowercase_ascii_alphanumeric_runs),
        cmocka_unit_test(test_glued_sentences_tokenize_like_spaced_ones),
        cmocka_unit_test(test_empty_candidate_scores_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
