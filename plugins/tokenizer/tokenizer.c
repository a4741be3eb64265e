/*
 * tokenizer.c -- the `tokenizer` stage: tokens, sentences and paragraphs.
 *
 * The stage every other one builds on. For each document it finds paragraphs
 * (paragraphs.c), cuts each into tokens (words.c) and decides sentence boundaries over
 * them (sentences.c), then publishes three layers, all arrays in the document arena:
 *   token      lede_token, with kind and flags (case, quote marks, apostrophes,
 *              abbreviations, sentence and paragraph starts);
 *   sentence   lede_sentence: span trimmed of white space, token range, paragraph;
 *   paragraph  lede_paragraph: span and sentence range.
 * and, only for a document that holds page furniture (HTML tags, leaders, rules, literal
 * escapes: clean.c) or a full stop alone after a line break (words.c), the generic layer
 * "skipped": the runs of text skipped and whether each separates words, packed
 * (skipped.h), for the exporter to leave out of a sentence's shown text.
 * With the options lower or nfc, the generic layer "forms" too: the tokens' lower-cased and
 * NFC forms (forms.c).
 * Every paragraph holds at least one sentence and every sentence at least one token;
 * sentences and tokens are in text order and never overlap.
 *
 * With words = "uax29" the tokens are the Unicode word segments instead, white space
 * included (uax29.c); sentences are still decided on the default tokens, kept in a
 * per-instance scratch array, and mapped onto the segments by byte offset so that each is
 * made of whole segments (map_to_segments).
 *
 * The instance holds only configuration, the lexicon and that scratch array; nothing
 * survives from one document to the next.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms.h"
#include "lede/stage.h"
#include "tok.h"

/* Eight tokens a step on x86 processors with AVX2 (GCC and clang's target attribute and
 * CPU test, as core/buf.c). */
#if defined(TOK_SSE2) && (defined(__x86_64__) || defined(__i386__)) &&                             \
    (defined(__clang__) || __GNUC__ >= 5) && !defined(LEDE_NO_AVX2)
#include <immintrin.h>
#define TOK_AVX2 1
#endif

typedef struct tokenizer {
    tok_config cfg;
    tok_lexicon lex;
    int uax29;
    tok_vec scratch;     /* default tokens in uax29 mode (heap, reused; trim_scratch) */
    tok_forms_cfg forms; /* options lower and nfc (forms.c) */
} tokenizer;

static const char *const word_modes[] = {"default", "uax29", NULL};
static const char *const quotation_modes[] = {"split", "whole", NULL};

static const lede_option_desc tokenizer_options[] = {
    {"clitics", LEDE_OPT_BOOL, "false",
     "split clitics off their word: do|n't, Iran|'s, they|'re, presidents|'", LEDE_NO_RANGE, NULL},
    {"words", LEDE_OPT_ENUM, "default",
     "token rules: \"default\" (news words, abbreviations, numbers) or \"uax29\" (Unicode word "
     "segments, white space kept as kind space)",
     LEDE_NO_RANGE, word_modes},
    {"abbreviations", LEDE_OPT_STRING, "",
     "extra abbreviations file: one per line, optional class title|abbrev|number|never "
     "(relative to the config file)",
     LEDE_NO_RANGE, NULL},
    {"max_sentence_bytes", LEDE_OPT_INT, "0",
     "cut a sentence before the token that would make it longer than this many bytes (0 = "
     "no limit)",
     0.0, 1073741824.0, NULL},
    {"quotations", LEDE_OPT_ENUM, "split",
     "sentences inside a quotation: \"split\" (each ends at its mark, the news convention) or "
     "\"whole\" (a quotation of several sentences stays in one, as pySBD does)",
     LEDE_NO_RANGE, quotation_modes},
    {"lower", LEDE_OPT_BOOL, "false",
     "add the generic layer \"forms\" (span i = token i) with attribute \"lower\": the token "
     "lower-cased (of its NFC form with nfc), where that differs from its text",
     LEDE_NO_RANGE, NULL},
    {"nfc", LEDE_OPT_BOOL, "false",
     "add the generic layer \"forms\" (span i = token i) with attribute \"nfc\": the token in "
     "Unicode NFC, where that differs from its text",
     LEDE_NO_RANGE, NULL},
    LEDE_OPTIONS_END};

static int tokenizer_create(lede_stage_ctx *ctx, const lede_options *opts, void **instance,
                            lede_error *err)
{
    tokenizer *tk = calloc(1, sizeof *tk);
    const char *abbr = lede_opt_str(opts, "abbreviations");
    int rc;

    *instance = tk;
    if (!tk)
        return lede_error_set(err, LEDE_ENOMEM, "tokenizer: out of memory");
    rc = tok_lexicon_init(&tk->lex, err);
    if (rc)
        return rc;
    if (abbr && *abbr) {
        const char *dir = ctx ? lede_ctx_config_dir(ctx) : NULL;
        char path[4096];
        if (abbr[0] != '/' && dir && *dir && strcmp(dir, ".") != 0) {
            int n = snprintf(path, sizeof path, "%s/%s", dir, abbr);
            if (n < 0 || (size_t)n >= sizeof path)
                return lede_error_set(err, LEDE_EINVAL,
                                      "tokenizer: abbreviations path too long: %s/%s", dir, abbr);
        } else {
            snprintf(path, sizeof path, "%s", abbr);
        }
        rc = tok_lexicon_load(&tk->lex, path, err);
        if (rc)
            return rc;
    }
    tk->cfg.lex = &tk->lex;
    tk->cfg.clitics = lede_opt_bool(opts, "clitics");
    tk->cfg.max_sentence_bytes = (uint32_t)lede_opt_int(opts, "max_sentence_bytes");
    tk->cfg.quotations_whole = strcmp(lede_opt_str(opts, "quotations"), "whole") == 0;
    tk->uax29 = strcmp(lede_opt_str(opts, "words"), "uax29") == 0;
    tk->forms.lower = lede_opt_bool(opts, "lower");
    tk->forms.nfc = lede_opt_bool(opts, "nfc");
    return 0;
}

static void tokenizer_destroy(void *instance)
{
    tokenizer *tk = instance;

    if (!tk)
        return;
    tok_lexicon_free(&tk->lex);
    free(tk->scratch.v);
    free(tk);
}

/* Collects sentences while tokenizing. */
typedef struct builder {
    lede_doc *doc;
    tok_vec *tokens;       /* the tokens sentences are decided on */
    size_t para_tok_begin; /* index of the paragraph's first token in tokens */
    uint32_t paragraph;    /* index of the paragraph being built */
    lede_sentence *sents;
    size_t n_sents, cap_sents;
} builder;

static int add_sentence(void *arg, size_t first, size_t last)
{
    builder *b = arg;
    lede_token *t = b->tokens->v + b->para_tok_begin;
    lede_sentence *s;

    if (b->n_sents == b->cap_sents) {
        size_t ncap = b->cap_sents ? b->cap_sents * 2 : 64;
        lede_sentence *ns = lede_doc_alloc(b->doc, ncap * sizeof *ns);
        if (!ns)
            return LEDE_ENOMEM;
        if (b->n_sents)
            memcpy(ns, b->sents, b->n_sents * sizeof *ns);
        b->sents = ns;
        b->cap_sents = ncap;
    }
    s = &b->sents[b->n_sents++];
    s->start = t[first].start;
    s->end = t[last].end;
    s->tok_begin = (uint32_t)(b->para_tok_begin + first);
    s->tok_end = (uint32_t)(b->para_tok_begin + last + 1);
    s->paragraph = b->paragraph;
    t[first].flags |= LEDE_TOKF_SENT_START;
    return 0;
}

/* Re-expresses the sentences over the UAX #29 segments seg[0..n) so that a sentence is
 * made of whole segments: it owns the segments that start inside its span, and the one
 * its first token starts in if no sentence before owns it, less white space at either
 * end, and its span becomes theirs (so page furniture between sentences, a tag, stays
 * outside them). A segment that runs on past a default
 * sentence end ("todayPutin", "end.The") stays whole in the sentence it starts in, which
 * ends with it; a sentence left without a segment of its own (its text all inside such
 * a segment) is merged into the one before. Paragraphs are renumbered to match (one
 * whose every segment is white space keeps no sentence and is dropped) and stretched
 * over a last segment that runs past their end (a Format character, WB4). Returns the
 * new number of paragraphs. */
static size_t map_to_segments(builder *b, lede_paragraph *paras, lede_token *seg, size_t n)
{
    size_t j = 0, n_out = 0, n_p = 0;
    uint32_t cur_para = UINT32_MAX; /* the input paragraph of the last sentence kept */

    for (size_t i = 0; i < b->n_sents; i++) {
        lede_sentence s = b->sents[i];
        size_t k, e;

        while (j < n && seg[j].end <= s.start)
            j++;
        k = j;
        while (j < n && seg[j].start < s.end)
            j++;
        e = j;
        while (k < e && seg[k].kind == LEDE_TOK_SPACE)
            k++;
        while (e > k && seg[e - 1].kind == LEDE_TOK_SPACE)
            e--;
        if (k == e)
            continue; /* inside the segment the sentence before ends with */
        if (s.paragraph != cur_para) {
            /* paragraphs are compacted in place: n_p <= the input index */
            paras[n_p] = paras[s.paragraph];
            paras[n_p].sent_begin = (uint32_t)n_out;
            n_p++;
            cur_para = s.paragraph;
            seg[k].flags |= LEDE_TOKF_PARA_START;
        }
        s.start = seg[k].start;
        s.end = seg[e - 1].end;
        s.tok_begin = (uint32_t)k;
        s.tok_end = (uint32_t)e;
        s.paragraph = (uint32_t)(n_p - 1);
        seg[k].flags |= LEDE_TOKF_SENT_START;
        b->sents[n_out++] = s;
        paras[n_p - 1].sent_end = (uint32_t)n_out;
        if (paras[n_p - 1].end < s.end)
            paras[n_p - 1].end = s.end;
    }
    b->n_sents = n_out;
    return n_p;
}

/* A paragraph of one to three digits and nothing else is a page number left by a PDF
 * conversion, not text, only where the layout says so: a form feed (pdftotext's page
 * break) in the white space on either side of it ("...years.\n\n12\n\f"), or the
 * text opening with a blank line before it and a heading after it, the top of a page
 * ("\n3\n\nIntroduction"). Such a paragraph gets no paragraph, sentence or token. A
 * number a writer put alone on its line keeps them ("Score:\n\n42\n\nEnd.", a text
 * of just "42"); so does a year heading of four digits ("2013"). */
static int is_blank_byte(char c)
{
    return (unsigned char)c < 0x80 && tok_ascii_class[(unsigned char)c] == TOK_CC_SPACE;
}

static int is_page_number(const char *text, size_t len, tok_span sp)
{
    uint32_t q;

    if (sp.end - sp.start > 3)
        return 0;
    for (uint32_t i = sp.start; i < sp.end; i++) {
        if (text[i] < '0' || text[i] > '9')
            return 0;
    }
    for (q = sp.start; q > 0 && is_blank_byte(text[q - 1]); q--)
        if (text[q - 1] == '\f')
            return 1;
    /* the top of a page: nothing but white space with a line break before it, and a
     * heading after it (its line ends in a letter or digit, no mark: not the first item
     * of a list, "\n1\n\nBuy milk.") */
    if (q == 0 && memchr(text, '\n', sp.start) != NULL) {
        const char *eol;
        for (q = sp.end; q < len && is_blank_byte(text[q]); q++)
            ;
        if (q == len)
            return 0;
        eol = memchr(text + q, '\n', len - q);
        q = eol ? (uint32_t)(eol - text) : (uint32_t)len;
        while (is_blank_byte(text[q - 1]))
            q--;
        return (unsigned char)text[q - 1] >= 0x80 || tok_ascii_letter((unsigned char)text[q - 1]) ||
               tok_ascii_digit((unsigned char)text[q - 1]);
    }
    for (q = sp.end; q < len && is_blank_byte(text[q]); q++)
        if (text[q] == '\f')
            return 1;
    return 0;
}

#ifdef TOK_AVX2
/* clear_private's steps of eight tokens (three 32-byte words) with AVX2, pat the template
 * of eight tokens; returns how many tokens it cleared. */
__attribute__((target("avx2"))) static size_t clear_private_avx2(lede_token *t, size_t n,
                                                                 const lede_token *pat)
{
    const __m256i *m = (const __m256i *)(const void *)pat;
    __m256i m0 = _mm256_loadu_si256(m), m1 = _mm256_loadu_si256(m + 1),
            m2 = _mm256_loadu_si256(m + 2);
    size_t i = 0;

    for (; i + 8 <= n; i += 8) {
        __m256i *p = (__m256i *)(void *)(t + i);
        _mm256_storeu_si256(p, _mm256_and_si256(_mm256_loadu_si256(p), m0));
        _mm256_storeu_si256(p + 1, _mm256_and_si256(_mm256_loadu_si256(p + 1), m1));
        _mm256_storeu_si256(p + 2, _mm256_and_si256(_mm256_loadu_si256(p + 2), m2));
    }
    return i;
}
#endif

/* Clears the private flags of t[0..n), once for the whole document (its tokens are a few
 * KB, still in cache): a token is 12 bytes with its flags at offset 10, so two tokens are
 * three 8-byte words, the last two of which hold flags, and eight are three 32-byte words
 * (AVX2), each ANDed with masks made from a template (no assumption on byte order),
 * instead of a 16-bit read-modify-write a token. The 8-byte step takes the tokens AVX2
 * leaves (at most seven) or, without it, all of them. */
static void clear_private(lede_token *t, size_t n)
{
    size_t i = 0;

    if (sizeof(lede_token) == 12 && offsetof(lede_token, flags) == 10) {
        lede_token pat[8];
        memset(pat, 0xFF, sizeof pat);
        for (int k = 0; k < 8; k++)
            pat[k].flags = (uint16_t)~TOK_F_PRIVATE;
#ifdef TOK_AVX2
        if (n >= 8 && __builtin_cpu_supports("avx2"))
            i = clear_private_avx2(t, n, pat);
#endif
        uint64_t m1, m2;
        memcpy(&m1, (unsigned char *)pat + 8, 8);
        memcpy(&m2, (unsigned char *)pat + 16, 8);
        for (; i + 2 <= n; i += 2) {
            unsigned char *p = (unsigned char *)(t + i);
            uint64_t w1, w2;
            memcpy(&w1, p + 8, 8);
            memcpy(&w2, p + 16, 8);
            w1 &= m1;
            w2 &= m2;
            memcpy(p + 8, &w1, 8);
            memcpy(p + 16, &w2, 8);
        }
    }
    for (; i < n; i++)
        t[i].flags &= (uint16_t)~TOK_F_PRIVATE;
}

/* The uax29 scratch array is kept from one document to the next, as the arena keeps its
 * chunks, but not past the host's limit (LEDE_KEEP_MAX in core/lede_internal.h, 4 MiB, which
 * a stage cannot include): after a document with more tokens than that holds, it is freed,
 * and the next document reserves its own estimate again, instead of the instance keeping the
 * largest document's array for good. */
#define TOK_SCRATCH_KEEP_MAX ((size_t)4 * 1024 * 1024)

static void trim_scratch(tok_vec *scratch)
{
    if (scratch->cap > TOK_SCRATCH_KEEP_MAX / sizeof(lede_token)) {
        free(scratch->v);
        scratch->v = NULL;
        scratch->n = scratch->cap = 0;
    }
}

static int tokenize(tokenizer *tk, lede_doc *doc, lede_error *err)
{
    size_t len, n_spans, n_paras = 0, cap_spans;
    const char *text = lede_doc_text(doc, &len);
    tok_span *spans;
    lede_paragraph *paras;
    tok_vec arena_vec = {NULL, 0, 0, doc};
    tok_vec *vec = tk->uax29 ? &tk->scratch : &arena_vec;
    builder b = {doc, vec, 0, 0, NULL, 0, 0};
    tok_skips skips;

    if (len >= UINT32_MAX)
        return lede_error_set(err, LEDE_ETOOBIG,
                              "tokenizer: document '%s' is %zu bytes; offsets are 32-bit",
                              lede_doc_id(doc), len);
    vec->n = 0;
    tok_skips_init(&skips, doc);
    /* One pass finds the paragraphs of a news article: a guess at their number (one per
     * 128 bytes) is nearly always enough; a text of short lines takes a second pass. */
    cap_spans = len / 128 + 8;
    spans = lede_doc_alloc(doc, cap_spans * sizeof *spans);
    if (!spans)
        goto nomem;
    n_spans = tok_paragraphs(text, len, spans, cap_spans);
    if (n_spans > cap_spans) {
        spans = lede_doc_alloc(doc, n_spans * sizeof *spans);
        if (!spans)
            goto nomem;
        tok_paragraphs(text, len, spans, n_spans);
    }
    paras = lede_doc_alloc(doc, (n_spans ? n_spans : 1) * sizeof *paras);
    /* Most English words with their space take 5 to 7 bytes; one estimate avoids most
     * regrowth of the token array in the arena. */
    if (!paras || tok_vec_reserve(vec, len / 5 + 16))
        goto nomem;

    for (size_t p = 0; p < n_spans; p++) {
        size_t before = vec->n;
        if (is_page_number(text, len, spans[p]))
            continue;
        if (tok_words(&tk->cfg, text, spans[p].start, spans[p].end, vec, &skips))
            goto nomem;
        if (vec->n == before)
            continue; /* nothing but ignorable characters */
        vec->v[before].flags |= LEDE_TOKF_PARA_START;
        paras[n_paras].start = spans[p].start;
        paras[n_paras].end = spans[p].end;
        paras[n_paras].sent_begin = (uint32_t)b.n_sents;
        b.para_tok_begin = before;
        b.paragraph = (uint32_t)n_paras;
        if (tok_sentences(&tk->cfg, text, vec->v + before, vec->n - before, add_sentence, &b))
            goto nomem;
        paras[n_paras].sent_end = (uint32_t)b.n_sents;
        n_paras++;
    }
    /* no later paragraph reads an earlier one's tokens: their private flags go at once */
    clear_private(vec->v, vec->n);

    if (tok_skips_flush(&skips))
        goto nomem;
    if (tk->uax29) {
        tok_vec segs = {NULL, 0, 0, doc};
        if (tok_vec_reserve(&segs, len / 3 + 16) || tok_uax29(text, 0, (uint32_t)len, &segs))
            goto nomem;
        n_paras = map_to_segments(&b, paras, segs.v, segs.n);
        lede_doc_set_tokens(doc, segs.v, segs.n);
    } else {
        lede_doc_set_tokens(doc, vec->v, vec->n);
    }
    lede_doc_set_sentences(doc, b.sents, b.n_sents);
    lede_doc_set_paragraphs(doc, paras, n_paras);
    if (tk->forms.lower || tk->forms.nfc)
        return tok_forms_add(&tk->forms, doc, err);
    return 0;

nomem:
    return lede_error_set(err, LEDE_ENOMEM,
                          "tokenizer: out of memory (or past the document memory cap) on "
                          "document '%s' (%zu bytes)",
                          lede_doc_id(doc), len);
}

static int tokenizer_process(void *instance, lede_doc *doc, lede_error *err)
{
    tokenizer *tk = instance;
    int rc = tokenize(tk, doc, err);

    if (tk->uax29)
        trim_scratch(&tk->scratch);
    return rc;
}

/* "forms" only with the options lower or nfc: a later stage that requires it fails each
 * document with a message naming the layer when both are off. */
static const char *const tokenizer_provides[] = {LEDE_LAYER_TOKEN, LEDE_LAYER_SENTENCE,
                                                 LEDE_LAYER_PARAGRAPH, TOK_FORMS_LAYER, NULL};

LEDE_STAGE_DEFINE(tokenizer) = {
    LEDE_ABI_VERSION,
    sizeof(lede_stage_desc),
    "tokenizer",
    "words, sentences and paragraphs of English news text",
    "1.0.0",
    NULL,
    tokenizer_provides,
    tokenizer_options,
    0,
    tokenizer_create,
    tokenizer_process,
    NULL,
    tokenizer_destroy,
};
