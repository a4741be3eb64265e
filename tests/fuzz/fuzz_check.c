/*
 * fuzz_check.c -- the invariants of a processed document, checked after every fuzz run.
 *
 * A sanitizer only sees memory errors; a stage can also return nonsense that crashes
 * the next stage or the exporter later (a sentence ending before it starts, a quote
 * pointing at a speaker span past the text). These checks turn such nonsense into an
 * abort at the stage that produced it, with the offending values in the message.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <utf8proc.h>

#include "fuzz.h"

void fz_fail(const lede_doc *doc, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "fuzz invariant broken (document '%s'): ", doc ? lede_doc_id(doc) : "?");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}

/* The host promises valid UTF-8 to every stage (invalid input becomes U+FFFD). */
static void check_text(const lede_doc *doc, const char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n =
            utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0)
            fz_fail(doc, "text is not valid UTF-8 at byte %zu", i);
        i += (size_t)n;
    }
}

static void check_span(const lede_doc *doc, const char *what, size_t i, uint32_t start,
                       uint32_t end, size_t len)
{
    if (start > end || end > len)
        fz_fail(doc, "%s %zu: span [%u, %u) outside the text of %zu bytes", what, i,
                (unsigned)start, (unsigned)end, len);
}

static void check_tokens(const lede_doc *doc, size_t len)
{
    size_t n;
    const lede_token *t = lede_doc_tokens(doc, &n);
    uint32_t prev_end = 0;
    for (size_t i = 0; i < n; i++) {
        check_span(doc, "token", i, t[i].start, t[i].end, len);
        if (t[i].start == t[i].end)
            fz_fail(doc, "token %zu is empty at %u", i, t[i].start);
        if (t[i].start < prev_end)
            fz_fail(doc, "token %zu [%u, %u) overlaps the previous one ending at %u", i, t[i].start,
                    t[i].end, prev_end);
        if (t[i].kind >= LEDE_TOK_KIND_COUNT)
            fz_fail(doc, "token %zu has kind %u", i, t[i].kind);
        prev_end = t[i].end;
    }
}

static void check_sentences(const lede_doc *doc, size_t len)
{
    size_t n, n_tok, n_par;
    const lede_sentence *s = lede_doc_sentences(doc, &n);
    lede_doc_tokens(doc, &n_tok);
    lede_doc_paragraphs(doc, &n_par);
    for (size_t i = 0; i < n; i++) {
        check_span(doc, "sentence", i, s[i].start, s[i].end, len);
        if (s[i].tok_begin > s[i].tok_end || s[i].tok_end > n_tok)
            fz_fail(doc, "sentence %zu: tokens [%u, %u) of %zu", i, s[i].tok_begin, s[i].tok_end,
                    n_tok);
        if (i && (s[i].start < s[i - 1].end || s[i].tok_begin < s[i - 1].tok_end))
            fz_fail(doc, "sentence %zu [%u, %u) overlaps sentence %zu [%u, %u)", i, s[i].start,
                    s[i].end, i - 1, s[i - 1].start, s[i - 1].end);
        if (lede_doc_has_layer(doc, LEDE_LAYER_PARAGRAPH) && s[i].paragraph >= n_par)
            fz_fail(doc, "sentence %zu: paragraph %u of %zu", i, s[i].paragraph, n_par);
    }
}

static void check_paragraphs(const lede_doc *doc, size_t len)
{
    size_t n, n_sent;
    const lede_paragraph *p = lede_doc_paragraphs(doc, &n);
    lede_doc_sentences(doc, &n_sent);
    for (size_t i = 0; i < n; i++) {
        check_span(doc, "paragraph", i, p[i].start, p[i].end, len);
        if (p[i].sent_begin > p[i].sent_end || p[i].sent_end > n_sent)
            fz_fail(doc, "paragraph %zu: sentences [%u, %u) of %zu", i, p[i].sent_begin,
                    p[i].sent_end, n_sent);
        if (i && p[i].start < p[i - 1].end)
            fz_fail(doc, "paragraph %zu starts at %u, before paragraph %zu ends at %u", i,
                    p[i].start, i - 1, p[i - 1].end);
    }
}

static void check_optional(const lede_doc *doc, const char *what, size_t i, uint32_t start,
                           uint32_t end, size_t len)
{
    if (start == LEDE_NONE && end == LEDE_NONE)
        return;
    check_span(doc, what, i, start, end, len);
}

static void check_quotes(const lede_doc *doc, size_t len)
{
    size_t n;
    const lede_quote *q = lede_doc_quotes(doc, &n);
    for (size_t i = 0; i < n; i++) {
        check_span(doc, "quote", i, q[i].start, q[i].end, len);
        check_span(doc, "quote marks", i, q[i].mark_start, q[i].mark_end, len);
        if (q[i].mark_start > q[i].start || q[i].end > q[i].mark_end)
            fz_fail(doc, "quote %zu: text [%u, %u) not inside its marks [%u, %u)", i, q[i].start,
                    q[i].end, q[i].mark_start, q[i].mark_end);
        check_optional(doc, "quote speaker", i, q[i].speaker_start, q[i].speaker_end, len);
        check_optional(doc, "quote cue", i, q[i].cue_start, q[i].cue_end, len);
        if (q[i].continues != LEDE_NONE && q[i].continues >= i)
            fz_fail(doc, "quote %zu continues quote %u, not an earlier one", i, q[i].continues);
        if (q[i].kind != LEDE_QUOTE_FULL && q[i].kind != LEDE_QUOTE_PARTIAL)
            fz_fail(doc, "quote %zu has kind %u", i, q[i].kind);
        if (!(q[i].confidence >= 0.0f && q[i].confidence <= 1.0f))
            fz_fail(doc, "quote %zu has confidence %g", i, (double)q[i].confidence);
    }
}

static void check_summary(const lede_doc *doc)
{
    size_t n, n_sent;
    const lede_summary_item *s = lede_doc_summary(doc, &n);
    lede_doc_sentences(doc, &n_sent);
    for (size_t i = 0; i < n; i++) {
        if (s[i].sentence >= n_sent)
            fz_fail(doc, "summary item %zu: sentence %u of %zu", i, s[i].sentence, n_sent);
        if (!isfinite(s[i].score))
            fz_fail(doc, "summary item %zu: score %g", i, (double)s[i].score);
        for (size_t j = 0; j < i; j++)
            if (s[j].sentence == s[i].sentence)
                fz_fail(doc, "summary items %zu and %zu are both sentence %u", j, i, s[i].sentence);
    }
}

void fz_check_doc(const lede_doc *doc)
{
    size_t len;
    const char *text = lede_doc_text(doc, &len);

    check_text(doc, text, len);
    check_tokens(doc, len);
    check_sentences(doc, len);
    check_paragraphs(doc, len);
    check_quotes(doc, len);
    check_summary(doc);
}
