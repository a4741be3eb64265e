/*
 * test_quotes_tables.c -- a large document's per-token tables live only while the quotes
 * stage runs (issue #6).
 *
 * Tables of QT_OWN_MIN bytes or more come from the heap and are freed before process()
 * returns, instead of staying in the document arena beside the later stages' data. The
 * allocator's rule is checked directly (small ones, a full record and a view without a
 * record go to the arena; big ones are zeroed and recorded, then freed), and the sample
 * article repeated until its tables take that path must give every copy the quotations,
 * cues and speakers of the article alone: the speakers are arena strings that outlive the
 * freed tables (the sanitizer build catches a read of freed memory). The set of a long
 * text's lower-case words is sized by its distinct words, not its tokens, and answers as
 * a set sized for every token would.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../plugins/quotes/names.h"
#include "test_quotes_util.h"

static int all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i += 4093)
        if (p[i])
            return 0;
    return p[n - 1] == 0;
}

/* A view of a new document whose large tables are recorded in *owned. */
static void new_view(qt_view *v, lede_doc **doc, qt_owned *owned)
{
    lede_error err;
    assert_int_equal(lede_doc_new(doc, &err), 0);
    memset(v, 0, sizeof *v);
    v->doc = *doc;
    v->owned = owned;
}

static void test_large_tables_are_recorded_and_freed(void **state)
{
    (void)state;
    lede_doc *doc;
    qt_owned owned = {{NULL}, 0};
    qt_view v;
    new_view(&v, &doc, &owned);

    unsigned char *small = qt_table_alloc(&v, QT_OWN_MIN - 1);
    assert_non_null(small);
    assert_true(all_zero(small, QT_OWN_MIN - 1));
    assert_int_equal(owned.n, 0);

    for (size_t i = 0; i < QT_OWNED_MAX; i++) {
        unsigned char *big = qt_table_alloc(&v, QT_OWN_MIN + i);
        assert_non_null(big);
        assert_ptr_equal(owned.mem[i], big);
        assert_int_equal(owned.n, i + 1);
        assert_true(all_zero(big, QT_OWN_MIN + i));
        memset(big, 0xAB, QT_OWN_MIN + i); /* written, as the passes do */
    }
    /* The record is full: the next one comes from the arena, zeroed all the same. */
    unsigned char *spill = qt_table_alloc(&v, QT_OWN_MIN);
    assert_non_null(spill);
    assert_int_equal(owned.n, QT_OWNED_MAX);
    for (size_t i = 0; i < QT_OWNED_MAX; i++)
        assert_ptr_not_equal(owned.mem[i], spill);
    assert_true(all_zero(spill, QT_OWN_MIN));
    qt_owned_free(&owned);
    assert_int_equal(owned.n, 0);

    /* Without a record (a view a test builds by hand), everything is arena memory. */
    v.owned = NULL;
    assert_non_null(qt_table_alloc(&v, 2 * QT_OWN_MIN));
    lede_doc_free(doc);
}

static void test_repeated_article_keeps_its_quotes_and_speakers(void **state)
{
    (void)state;
    size_t len;
    char *article = qtu_read("tests/fixtures/quotes/putin-iran.txt", &len);
    qtu one;
    qtu_run(&one, article, NULL);
    assert_true(one.n >= 10);

    /* Enough copies for the caps table (4 bytes a token) to pass QT_OWN_MIN. */
    size_t n_tok;
    lede_doc_tokens(one.doc, &n_tok);
    size_t copies = 2 * QT_OWN_MIN / (4 * n_tok) + 1;
    char *big = malloc(copies * (len + 2) + 1);
    assert_non_null(big);
    size_t at = 0;
    for (size_t c = 0; c < copies; c++) {
        memcpy(big + at, article, len);
        at += len;
        memcpy(big + at, "\n\n", 2);
        at += 2;
    }
    big[at] = '\0';

    qtu many;
    qtu_run(&many, big, NULL);
    size_t big_tok;
    lede_doc_tokens(many.doc, &big_tok);
    assert_true(4 * big_tok >= QT_OWN_MIN);
    assert_int_equal(many.n, copies * one.n);
    for (size_t c = 0; c < copies; c++) {
        uint32_t shift = (uint32_t)(c * (len + 2));
        for (size_t i = 0; i < one.n; i++) {
            const lede_quote *a = &one.q[i], *b = &many.q[c * one.n + i];
            assert_int_equal(b->start, a->start + shift);
            assert_int_equal(b->end, a->end + shift);
            assert_int_equal(b->kind, a->kind);
            assert_int_equal(b->cue_start == LEDE_NONE, a->cue_start == LEDE_NONE);
            if (a->cue_start != LEDE_NONE)
                assert_int_equal(b->cue_start, a->cue_start + shift);
            assert_int_equal(b->speaker == NULL, a->speaker == NULL);
            if (a->speaker)
                assert_string_equal(b->speaker, a->speaker);
        }
    }
    qtu_free(&many);
    qtu_free(&one);
    free(big);
    free(article);
}

enum { DISTINCT = 100000, REPEAT = 4 };

/* Word i of the generated text: "q" and four letters, base 26. */
static void word_of(size_t i, char w[6])
{
    w[0] = 'q';
    for (int d = 4; d >= 1; d--, i /= 26)
        w[d] = (char)('a' + i % 26);
    w[5] = '\0';
}

static void test_lower_case_set_grows_with_distinct_words(void **state)
{
    (void)state;
    size_t n_tok = (size_t)DISTINCT * REPEAT;
    char *text = malloc(n_tok * 6 + 1);
    lede_token *tok = calloc(n_tok, sizeof *tok);
    assert_non_null(text);
    assert_non_null(tok);
    for (size_t k = 0; k < n_tok; k++) {
        word_of(k % DISTINCT, text + 6 * k);
        text[6 * k + 5] = ' ';
        tok[k].start = (uint32_t)(6 * k);
        tok[k].end = tok[k].start + 5;
    }
    text[6 * n_tok] = '\0';
    lede_doc *doc;
    qt_owned owned = {{NULL}, 0};
    qt_view v;
    new_view(&v, &doc, &owned);
    v.text = text;
    v.len = 6 * n_tok;
    v.tok = tok;

    /* A short text: two slots a token, as ever. */
    v.n_tok = 100;
    size_t size;
    uint32_t *set = qt_lower_set(&v, &size);
    assert_non_null(set);
    assert_int_equal(size, 256);

    /* The long one: about two slots a distinct word, a quarter of two a token. */
    v.n_tok = n_tok;
    set = qt_lower_set(&v, &size);
    assert_non_null(set);
    assert_true(size >= 2 * DISTINCT && size < 4 * DISTINCT);
    assert_int_equal(size & (size - 1), 0);
    size_t used = 0;
    for (size_t i = 0; i < size; i++) {
        if (set[i] == LEDE_NONE)
            continue;
        used++;
        /* the last token of its word stands for it */
        assert_true(set[i] >= (REPEAT - 1) * (size_t)DISTINCT);
    }
    assert_int_equal(used, DISTINCT);
    char w[6];
    for (size_t i = 0; i < DISTINCT; i += 7) {
        word_of(i, w);
        w[0] = 'Q';
        assert_true(qt_lower_has(&v, set, size, w, 5));
    }
    assert_false(qt_lower_has(&v, set, size, "Qzzzz", 5)); /* word 456975: not in the text */
    assert_false(qt_lower_has(&v, set, size, "Qaaa", 4));
    assert_false(qt_lower_has(&v, set, size, "qaaab", 5)); /* lower case: no twin to ask */
    qt_owned_free(&owned);
    lede_doc_free(doc);
    free(tok);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_large_tables_are_recorded_and_freed),
        cmocka_unit_test(test_repeated_article_keeps_its_quotes_and_speakers),
        cmocka_unit_test(test_lower_case_set_grows_with_distinct_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
