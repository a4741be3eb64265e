/*
 * test_tokenizer_uax29.c -- words = "uax29" reproduces every line of Unicode's
 * WordBreakTest.txt (Unicode 15.0, copied to fixtures/tokenizer/), and its tokens still
 * carry the default sentence and paragraph layers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "test_tokenizer_util.h"

#define FIX LEDE_SOURCE_DIR "/tests/fixtures/tokenizer/"

static size_t put_utf8(char *out, unsigned long cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static void test_uax29_passes_every_line_of_word_break_test(void **state)
{
    FILE *f = fopen(FIX "WordBreakTest.txt", "r");
    char line[4096];
    tku *k = tku_new("words=uax29");
    size_t cases = 0, failures = 0, lineno = 0;

    (void)state;
    assert_non_null(f);
    while (fgets(line, sizeof line, f)) {
        char text[1024];
        size_t len = 0, n_bounds = 0, bounds[256], n, j = 0;
        const lede_token *t;
        lede_error err;
        char *p = line, *hash = strchr(line, '#');
        int ok = 1;

        lineno++;
        if (hash)
            *hash = '\0';
        if (!strstr(line, "\xc3\xb7")) /* ÷ */
            continue;
        while (*p) {
            if (!strncmp(p, "\xc3\xb7", 2)) { /* ÷: a boundary at the current offset */
                bounds[n_bounds++] = len;
                p += 2;
            } else if (!strncmp(p, "\xc3\x97", 2)) { /* × */
                p += 2;
            } else if ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'F')) {
                char *end;
                unsigned long cp = strtoul(p, &end, 16);
                len += put_utf8(text + len, cp);
                p = end;
            } else {
                p++;
            }
        }
        cases++;
        if (lede_harness_run(k->h, "wbt", text, len, &k->doc, &err))
            fail_msg("line %zu: %s", lineno, err.message);
        t = lede_doc_tokens(k->doc, &n);
        /* The segments must start at every boundary but the last and tile the text. */
        if (n + 1 != n_bounds)
            ok = 0;
        for (j = 0; ok && j < n; j++)
            ok = t[j].start == bounds[j] && t[j].end == bounds[j + 1];
        if (!ok) {
            failures++;
            if (failures <= 10)
                print_message("WordBreakTest.txt:%zu fails: %s\n", lineno, line);
        }
    }
    fclose(f);
    tku_free(k);
    print_message("WordBreakTest: %zu cases, %zu failures\n", cases, failures);
    assert_int_equal(cases, 1823);
    assert_int_equal(failures, 0);
}

static void test_uax29_keeps_white_space_and_tiles_the_text(void **state)
{
    tku *k = tku_new("words=uax29");
    const char *text = "Iran’s 4.1 million people, “most strategic partner.”\n\nOn Monday";
    size_t n, pos = 0;
    const lede_token *t;

    (void)state;
    /* UAX #29 breaks after every line feed (WB3a), so "\n\n" is two segments. */
    TKU_TOKENS(k, text, "Iran’s", " ", "4.1", " ", "million", " ", "people", ",", " ", "“", "most",
               " ", "strategic", " ", "partner", ".", "”", "\n", "\n", "On", " ", "Monday");
    t = lede_doc_tokens(k->doc, &n);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(t[i].start, pos);
        pos = t[i].end;
    }
    assert_int_equal(pos, strlen(text));
    assert_int_equal(t[1].kind, LEDE_TOK_SPACE);
    assert_int_equal(t[2].kind, LEDE_TOK_NUMBER);
    tku_free(k);
}

static void test_uax29_tokens_carry_the_default_sentences(void **state)
{
    size_t len;
    char *text = tku_read_file(FIX "putin-iran.txt", &len);
    tku *d = tku_new(""), *u = tku_new("words=uax29");
    const lede_sentence *sd, *su;
    size_t nd, nu, nt;
    const lede_token *t;

    (void)state;
    assert_non_null(text);
    tku_run(d, text);
    tku_run(u, text);
    sd = lede_doc_sentences(d->doc, &nd);
    su = lede_doc_sentences(u->doc, &nu);
    t = lede_doc_tokens(u->doc, &nt);
    assert_int_equal(nd, 43);
    assert_int_equal(nu, nd);
    /* the same sentences, but for those ending inside a segment ("todayPutin", the glued
     * captions): such a sentence ends with the segment, and the next starts after it */
    for (size_t i = 0, n_glued = 0; i < nd; i++) {
        if (i > 0 && su[i - 1].end != sd[i - 1].end)
            assert_true(su[i].start > sd[i].start);
        else
            assert_int_equal(su[i].start, sd[i].start);
        if (su[i].end != sd[i].end) {
            assert_true(su[i].end > sd[i].end);
            assert_true(++n_glued <= 5);
        }
        assert_true(t[su[i].tok_begin].flags & LEDE_TOKF_SENT_START);
    }
    assert_memory_equal(u->text + su[7].end - 10, "todayPutin", 10);
    tku_free(d);
    tku_free(u);
    free(text);
}

static void test_uax29_sentences_are_made_of_whole_segments(void **state)
{
    tku *k = tku_new("words=uax29");

    (void)state;
    /* issue #3: the default tokens cut "todayPutin" and "end.The" and end a sentence
     * inside them; the segments stay whole, in the sentence they start in */
    TKU_SENTENCES(k, "Putin arrives in Tehran todayPutin speaks. Then end.The next one.",
                  "Putin arrives in Tehran todayPutin", "speaks.", "Then end.The", "next one.");
    assert_true(tku_flags(k, "speaks") & LEDE_TOKF_SENT_START);
    assert_false(tku_flags(k, "todayPutin") & LEDE_TOKF_SENT_START);
    /* a sentence whose text lies inside the segment before it joins that sentence */
    TKU_SENTENCES(k, "He left.Then", "He left.Then");
    assert_int_equal(tku_n_paragraphs(k), 1);
    tku_free(k);
}

#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
/* Bytes the C library's allocator has handed out and not taken back (0 under a sanitizer
 * that replaces the allocator: then the test below checks nothing). */
static size_t heap_in_use(void)
{
    struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
}
#else
static size_t heap_in_use(void)
{
    return 0;
}
#endif

static void test_uax29_scratch_is_not_kept_after_a_large_document(void **state)
{
    /* The default tokens of a uax29 run live in the instance's scratch array: 2 MiB of
     * words need ~5 MB of it, more than the 4 MiB kept between documents. After the next,
     * small document the heap holds the large one's text (the document's buffer keeps its
     * room) but not that array. */
    const size_t len = (size_t)2 << 20;
    char *big = malloc(len + 1);
    tku *k = tku_new("words=uax29");
    size_t base;

    (void)state;
    assert_non_null(big);
    for (size_t i = 0; i < len; i++)
        big[i] = "Word after word. "[i % 17];
    big[len] = '\0';
    tku_run(k, "A small one.");
    base = heap_in_use();
    tku_run(k, big);
    assert_true(tku_n_tokens(k) > len / 3);
    tku_run(k, "A small one.");
    assert_int_equal(tku_n_tokens(k), 6); /* A, " ", small, " ", one, "." */
    assert_true(heap_in_use() < base + len + len / 2);
    tku_free(k);
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_uax29_passes_every_line_of_word_break_test),
        cmocka_unit_test(test_uax29_keeps_white_space_and_tiles_the_text),
        cmocka_unit_test(test_uax29_tokens_carry_the_default_sentences),
        cmocka_unit_test(test_uax29_sentences_are_made_of_whole_segments),
        cmocka_unit_test(test_uax29_scratch_is_not_kept_after_a_large_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
