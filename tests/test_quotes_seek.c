/*
 * test_quotes_seek.c -- the quotes stage's forward token search gives lower_bound's answer.
 *
 * The stage finds the tokens of each quotation by searching forward from the last one
 * (qt_tok_seek: a guess from the byte distance, a gallop out from it, a bisection), not by
 * a binary search over all tokens. A wrong step there shifts every window around a
 * quotation, so every start token and every byte offset of uneven token layers is checked
 * against the plain binary search, including starts past the answer (which fall back).
 * Likewise the search for a word's first two bytes (qt_find_pair, 16 bytes at a time),
 * against a byte-by-byte one, at every start, stop and end of a text where the pair, its
 * case variants and near misses sit at every offset of a block.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../plugins/quotes/names.h"

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

/* The first two bytes of a word as qt_same_word() compares them: the first exactly, the
 * second with A-Z folded. */
static const char *naive_pair(const char *p, const char *stop, const char *end, char a, char b)
{
    for (; p < stop && p + 1 < end; p++) {
        char x = p[1], y = b;
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (char)(y - 'A' + 'a');
        if (p[0] == a && x == y)
            return p;
    }
    return NULL;
}

static void test_pair_search_finds_what_a_byte_loop_finds(void **state)
{
    (void)state;
    /* S and h in both cases next to bytes that are no letters (one beyond ASCII), at
     * every offset of a 16-byte block. */
    char text[100];
    unsigned seed = 7;
    const char alphabet[] = "SshH(HsS.\x88Sh";
    for (size_t i = 0; i < sizeof text; i++) {
        seed = seed * 1103515245u + 12345u;
        text[i] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
    }
    const char pairs[][2] = {{'S', 'h'}, {'S', 'H'},    {'s', 'S'},
                             {'S', '('}, {'S', '\x88'}, {'.', 'h'}};
    for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++)
        for (size_t len = 0; len <= sizeof text; len += len < 40 ? 1 : 7)
            for (size_t from = 0; from <= len; from++)
                for (size_t stop = from; stop <= len; stop += 1 + stop / 8) {
                    const char *end = text + len;
                    assert_ptr_equal(
                        qt_find_pair(text + from, text + stop, end, pairs[k][0], pairs[k][1]),
                        naive_pair(text + from, text + stop, end, pairs[k][0], pairs[k][1]));
                }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seek_from_any_token_finds_the_lower_bound),
        cmocka_unit_test(test_pair_search_finds_what_a_byte_loop_finds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
