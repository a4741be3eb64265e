/*
 * test_tokenizer_util.c -- see test_tokenizer_util.h.
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

tku *tku_new(const char *options)
{
    tku *k = calloc(1, sizeof *k);
    lede_error err;

    assert_non_null(k);
    if (lede_harness_new(&k->h, &err) ||
        lede_harness_add(k->h, &tokenizer_LTX_lede_stage, options, &err))
        fail_msg("tokenizer harness (%s): %s", options, err.message);
    return k;
}

lede_doc *tku_run(tku *k, const char *text)
{
    lede_error err;

    if (lede_harness_run(k->h, "t", text, strlen(text), &k->doc, &err))
        fail_msg("tokenizer failed: %s", err.message);
    k->text = lede_doc_text(k->doc, &k->len);
    tku_check_invariants(k);
    return k->doc;
}

void tku_free(tku *k)
{
    if (!k)
        return;
    lede_harness_free(k->h);
    free(k);
}

size_t tku_n_tokens(tku *k)
{
    size_t n;
    lede_doc_tokens(k->doc, &n);
    return n;
}

size_t tku_n_sentences(tku *k)
{
    size_t n;
    lede_doc_sentences(k->doc, &n);
    return n;
}

size_t tku_n_paragraphs(tku *k)
{
    size_t n;
    lede_doc_paragraphs(k->doc, &n);
    return n;
}

static const char *span(tku *k, uint32_t start, uint32_t end)
{
    size_t n = end - start;
    if (n >= sizeof k->buf)
        n = sizeof k->buf - 1;
    memcpy(k->buf, k->text + start, n);
    k->buf[n] = '\0';
    return k->buf;
}

const char *tku_token(tku *k, size_t i)
{
    size_t n;
    const lede_token *t = lede_doc_tokens(k->doc, &n);
    assert_true(i < n);
    return span(k, t[i].start, t[i].end);
}

const char *tku_sentence(tku *k, size_t i)
{
    size_t n;
    const lede_sentence *s = lede_doc_sentences(k->doc, &n);
    assert_true(i < n);
    return span(k, s[i].start, s[i].end);
}

const char *tku_paragraph(tku *k, size_t i)
{
    size_t n;
    const lede_paragraph *p = lede_doc_paragraphs(k->doc, &n);
    assert_true(i < n);
    return span(k, p[i].start, p[i].end);
}

size_t tku_find(tku *k, const char *s, size_t from)
{
    size_t n, len = strlen(s);
    const lede_token *t = lede_doc_tokens(k->doc, &n);
    for (size_t i = from; i < n; i++) {
        if (t[i].end - t[i].start == len && memcmp(k->text + t[i].start, s, len) == 0)
            return i;
    }
    return (size_t)-1;
}

unsigned tku_flags(tku *k, const char *s)
{
    size_t n, i = tku_find(k, s, 0);
    const lede_token *t = lede_doc_tokens(k->doc, &n);
    if (i == (size_t)-1)
        fail_msg("no token '%s'", s);
    return t[i].flags;
}

void tku_assert_sentences(tku *k, const char *const *expected, size_t n)
{
    size_t got = tku_n_sentences(k);
    for (size_t i = 0; i < got || i < n; i++) {
        const char *s = i < got ? tku_sentence(k, i) : "(none)";
        if (i >= n || strcmp(s, expected[i]) != 0) {
            for (size_t j = 0; j < got; j++)
                print_message("  got [%zu] %s\n", j, tku_sentence(k, j));
            fail_msg("sentence %zu: expected '%s', got '%s'", i, i < n ? expected[i] : "(none)",
                     i < got ? tku_sentence(k, i) : "(none)");
        }
    }
}

void tku_assert_tokens(tku *k, const char *const *expected, size_t n)
{
    size_t got = tku_n_tokens(k);
    for (size_t i = 0; i < got || i < n; i++) {
        if (i >= got || i >= n || strcmp(tku_token(k, i), expected[i]) != 0) {
            for (size_t j = 0; j < got; j++)
                print_message("[%s] ", tku_token(k, j));
            print_message("\n");
            fail_msg("token %zu: expected '%s', got '%s'", i, i < n ? expected[i] : "(none)",
                     i < got ? tku_token(k, i) : "(none)");
        }
    }
}

char *tku_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long size;

    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        return NULL;
    }
    buf = malloc((size_t)size + 1);
    if (buf && fread(buf, 1, (size_t)size, f) != (size_t)size) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf) {
        buf[size] = '\0';
        if (len)
            *len = (size_t)size;
    }
    return buf;
}

static int is_space_byte(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

void tku_check_invariants(tku *k)
{
    size_t nt, ns, np;
    const lede_token *t = lede_doc_tokens(k->doc, &nt);
    const lede_sentence *s = lede_doc_sentences(k->doc, &ns);
    const lede_paragraph *p = lede_doc_paragraphs(k->doc, &np);
    uint32_t prev_end = 0;
    int spaces = 0; /* words = uax29: white space segments, which belong to no sentence */

    for (size_t i = 0; i < nt; i++)
        spaces |= t[i].kind == LEDE_TOK_SPACE;
    assert_true(lede_doc_has_layer(k->doc, "token"));
    assert_true(lede_doc_has_layer(k->doc, "sentence"));
    assert_true(lede_doc_has_layer(k->doc, "paragraph"));
    for (size_t i = 0; i < nt; i++) {
        assert_true(t[i].start < t[i].end);
        assert_true(t[i].end <= k->len);
        assert_true(t[i].start >= prev_end);
        assert_true(t[i].kind < LEDE_TOK_KIND_COUNT);
        /* only public flags: the stage's private ones are cleared before publishing */
        assert_int_equal(t[i].flags & ~(unsigned)(LEDE_TOKF_CAPITALIZED | LEDE_TOKF_ALLCAPS |
                                                  LEDE_TOKF_SENT_START | LEDE_TOKF_PARA_START |
                                                  LEDE_TOKF_ABBREV | LEDE_TOKF_OPEN_QUOTE |
                                                  LEDE_TOKF_CLOSE_QUOTE | LEDE_TOKF_APOSTROPHE),
                         0);
        /* never inside a UTF-8 sequence */
        assert_true(((unsigned char)k->text[t[i].start] & 0xC0) != 0x80);
        assert_true(t[i].end == k->len || ((unsigned char)k->text[t[i].end] & 0xC0) != 0x80);
        prev_end = t[i].end;
    }
    for (size_t i = 0; i < ns; i++) {
        assert_true(s[i].tok_begin < s[i].tok_end);
        assert_true(s[i].tok_end <= nt);
        assert_true(i == 0 || s[i].tok_begin >= s[i - 1].tok_end);
        assert_true(i == 0 || s[i].start >= s[i - 1].end);
        assert_true(s[i].start < s[i].end && s[i].end <= k->len);
        assert_false(is_space_byte((unsigned char)k->text[s[i].start]));
        assert_false(is_space_byte((unsigned char)k->text[s[i].end - 1]));
        assert_true(s[i].paragraph < np);
        assert_true(s[i].start >= p[s[i].paragraph].start && s[i].end <= p[s[i].paragraph].end);
        assert_true(t[s[i].tok_begin].flags & LEDE_TOKF_SENT_START);
        /* made of whole tokens, the first and last no white space (words = uax29 too) */
        assert_int_equal(s[i].start, t[s[i].tok_begin].start);
        assert_int_equal(s[i].end, t[s[i].tok_end - 1].end);
        assert_int_not_equal(t[s[i].tok_begin].kind, LEDE_TOK_SPACE);
        assert_int_not_equal(t[s[i].tok_end - 1].kind, LEDE_TOK_SPACE);
        for (uint32_t j = s[i].tok_begin; j < s[i].tok_end; j++) {
            assert_true(t[j].start >= s[i].start && t[j].end <= s[i].end);
            if (j > s[i].tok_begin)
                assert_false(t[j].flags & LEDE_TOKF_SENT_START);
        }
    }
    for (size_t i = 0; i < np; i++) {
        assert_true(p[i].sent_begin < p[i].sent_end && p[i].sent_end <= ns);
        assert_true(i == 0 || p[i].sent_begin == p[i - 1].sent_end);
        assert_true(i == 0 || p[i].start > p[i - 1].end);
        assert_true(t[s[p[i].sent_begin].tok_begin].flags & LEDE_TOKF_PARA_START);
    }
    assert_true(np == 0 || p[np - 1].sent_end == ns);
    /* Without white-space tokens (default words), sentences cover every token. */
    {
        size_t covered = 0;
        for (size_t i = 0; i < ns; i++)
            covered += s[i].tok_end - s[i].tok_begin;
        if (!spaces)
            assert_int_equal(covered, nt);
    }
}
