/*
 * test_quotes_seek.c -- the quotes stage's forward token search gives lower_bound's answer.
 *
 * The stage finds the tokens of each quotation by searching forward from the last one
 * (qt_tok_seek: a guess from the byte distance, a gallop out from it, a bisection), not by
 * a binary search over all tokens. A wrong step there shifts every window around a
 * quotation, so every start token and every byte offset of uneven token layers is checked
 * against the plain binary search, including starts past the answer (which fall back).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../plugins/quotes/qt.h"

/* n tokens whose gaps follow a fixed pseudo-random pattern: one-byte tokens next to each
 * other, long words, long gaps (layout). */
static lede_token *uneven_tokens(size_t n, unsigned seed, uint32_t *text_len)
{
    lede_token *tok = calloc(n + 1, sizeof *tok);
    assert_non_null(tok);
    uint32_t at = 0;
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        unsigned r = (seed >> 16) % 100;
        uint32_t gap = r < 30 ? 0 : r < 80 ? 1 : r < 95 ? 3 : 40;
        uint32_t len = 1 + (seed >> 8) % (r < 50 ? 3 : 14);
        tok[i].start = at + gap;
        tok[i].end = tok[i].start + len;
        at = tok[i].end;
    }
    *text_len = at;
    return tok;
}

static void test_seek_from_any_token_finds_the_lower_bound(void **state)
{
    (void)state;
    static const size_t sizes[] = {0, 1, 2, 3, 17, 300};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        uint32_t len;
        lede_token *tok = uneven_tokens(sizes[s], (unsigned)s + 7u, &len);
        qt_view v;
        memset(&v, 0, sizeof v);
        v.tok = tok;
        v.n_tok = sizes[s];
        for (uint32_t pos = 0; pos <= len + 2; pos++) {
            size_t want = qt_tok_lower_bound(&v, pos);
            for (size_t from = 0; from <= v.n_tok; from++)
                assert_int_equal(qt_tok_seek(&v, from, pos), want);
        }
        free(tok);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seek_from_any_token_finds_the_lower_bound),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
