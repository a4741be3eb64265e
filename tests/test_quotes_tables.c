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
 * freed tables (the sanitizer build catches a read of freed memory).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../plugins/quotes/qt.h"
#include "test_quotes_util.h"

static int all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i += 4093)
        if (p[i])
            return 0;
    return p[n - 1] == 0;
}

static void test_large_tables_are_recorded_and_freed(void **state)
{
    (void)state;
    lede_doc *doc;
    lede_error err;
    assert_int_equal(lede_doc_new(&doc, &err), 0);
    qt_owned owned = {{NULL}, 0};
    qt_view v;
    memset(&v, 0, sizeof v);
    v.doc = doc;
    v.owned = &owned;

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_large_tables_are_recorded_and_freed),
        cmocka_unit_test(test_repeated_article_keeps_its_quotes_and_speakers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
