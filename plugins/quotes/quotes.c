/*
 * quotes.c -- the quotes stage: direct quotations and who said them.
 *
 * This file is the stage's descriptor and its per-document driver. It builds a view of
 * the tokenizer's layers (token, sentence, paragraph), lets marks.c cut the text into
 * quotation segments, decides whether each is a full quotation (a sentence of its own:
 * it opens a paragraph or a sentence, or follows a colon, or a comma before a capital)
 * or a partial one (quoted words inside the writer's sentence), links a quotation that
 * its own attribution interrupts ("I am not," said Lydia, "for though ...") as one
 * quotation in two segments (`continues`, as for paragraphs), lets the names files find the
 * name mentions and attribution.c find cue and speaker, and stores the result as the
 * document's quote layer. The stage keeps no state between documents: its instance
 * holds only its options, and per-document memory comes from the document arena, but for
 * a large document's per-token tables, freed before process() returns (qt_table_alloc).
 *
 * The stage must cost a fraction of the tokenizer's time, so it does no work a document
 * does not need: the marks are found in the text alone, a document without quotations
 * stops there, and the token tables (lexicon bits, sentence ends, common words, the name
 * index) are filled when a pass first asks about them, mostly around the quotations.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "lede/stage.h"
#include "qt.h"

#if defined(__SSE2__) && defined(__GNUC__) && !defined(QT_NO_SIMD)
#include <emmintrin.h>
#define QT_SSE2 1
#endif
#ifdef QT_AVX2
#include <immintrin.h>
#endif

typedef struct quotes_stage {
    qt_settings set;
    qt_lexicon *lex; /* read-only after create(): the instance may serve every thread */
} quotes_stage;

static const char *const quotes_requires[] = {LEDE_LAYER_TOKEN, LEDE_LAYER_SENTENCE,
                                              LEDE_LAYER_PARAGRAPH, NULL};
static const char *const quotes_provides[] = {LEDE_LAYER_QUOTE, NULL};

static const lede_option_desc quotes_options[] = {
    {"speakers", LEDE_OPT_BOOL, "true",
     "find each quotation's cue and speaker (false: quotations alone, with neither, and the "
     "confidence of a quotation without one: 0.5 full, 0.4 partial)",
     LEDE_NO_RANGE, NULL},
    {"partial", LEDE_OPT_BOOL, "true",
     "keep partial quotations (quoted terms and phrases inside a sentence)", LEDE_NO_RANGE, NULL},
    {"min_partial_words", LEDE_OPT_INT, "1", "drop partial quotations shorter than this many words",
     1, 100, NULL},
    LEDE_OPTIONS_END};

static int quotes_create(lede_stage_ctx *ctx, const lede_options *opts, void **instance,
                         lede_error *err)
{
    (void)ctx;
    quotes_stage *st = calloc(1, sizeof *st);
    if (!st)
        return lede_error_set(err, LEDE_ENOMEM, "quotes: out of memory creating the stage");
    st->set.speakers = lede_opt_bool(opts, "speakers");
    st->set.partial = lede_opt_bool(opts, "partial");
    st->set.min_partial_words = lede_opt_int(opts, "min_partial_words");
    if (st->set.min_partial_words < 1)
        st->set.min_partial_words = 1;
    *instance = st; /* destroy() frees it even when the lexicon fails */
    return qt_lexicon_new(&st->lex, err);
}

static void quotes_destroy(void *instance)
{
    quotes_stage *st = instance;
    if (st)
        qt_lexicon_free(st->lex);
    free(st);
}

/* ' ', \t, \n, \v, \f, \r: a bit test with no branch (which byte comes next is anyone's
 * guess: a chain of tests mispredicts). */
static int is_space(char ch)
{
    return qt_ascii_space((unsigned char)ch);
}

/* The number of words of text[s, e), counted up to limit at most (the callers only ask
 * whether there are fewer than a few: a long quotation is not read to its end). */
static size_t count_words(const char *text, uint32_t s, uint32_t e, size_t limit)
{
    size_t n = 0;
    int in_word = 0;
    for (uint32_t i = s; i < e && n < limit; i++) {
        int sp = is_space(text[i]);
        n += (size_t)((sp | in_word) == 0);
        in_word = !sp;
    }
    return n;
}

/* Full or partial, from what precedes the opening mark in its paragraph and how the
 * quoted text begins. */
static uint8_t kind_of(const qt_view *v, const qt_seg *s, uint32_t para_start)
{
    uint32_t j = s->mark_start;
    int line_start = 0;
    const unsigned char *t = (const unsigned char *)v->text;
    /* Back over white space (a no-break or thin space too: qt_space_before()), noting a
     * line break: LF, CR, NEL or U+2028 (the breaks the tokenizer's paragraphs know; U+2029
     * ends the paragraph). */
    size_t k;
    while (j > para_start && (k = qt_space_before(v->text, para_start, j)) > 0) {
        unsigned char c = t[j - 1];
        line_start |= c == '\n' || c == '\r' || (k == 2 && c == 0x85) || (k == 3 && c == 0xA8);
        j -= (uint32_t)k;
    }
    /* One bare word ('uneasy') is a term, not a sentence; "No," he said is a sentence. The
     * last byte first: most quotations end in one of these, and their words need no count. */
    unsigned char last = (unsigned char)v->text[s->end - 1];
    if (last != ',' && last != '.' && last != '!' && last != '?' &&
        count_words(v->text, s->start, s->end, 2) < 2)
        return LEDE_QUOTE_PARTIAL;
    if (j <= para_start || line_start)
        return LEDE_QUOTE_FULL;
    unsigned char before = (unsigned char)v->text[j - 1];
    /* After a quotation that ended a sentence: ... we are.” “How many times */
    if (j >= 4 && (before == 0x9D || before == 0x99) && (unsigned char)v->text[j - 2] == 0x80 &&
        (unsigned char)v->text[j - 3] == 0xE2)
        before = (unsigned char)v->text[j - 4];
    else if (j >= 2 && (before == '"' || before == '\''))
        before = (unsigned char)v->text[j - 2];
    if (before == '.' || before == '!' || before == '?' || before == ':')
        return LEDE_QUOTE_FULL;
    unsigned char c0 = (unsigned char)v->text[s->start];
    int capital = c0 >= 'A' && c0 <= 'Z';
    if (c0 >= 0x80) {
        utf8proc_int32_t first = -1;
        utf8proc_iterate((const utf8proc_uint8_t *)v->text + s->start,
                         (utf8proc_ssize_t)(s->end - s->start), &first);
        capital = first >= 0 && (utf8proc_category(first) == UTF8PROC_CATEGORY_LU ||
                                 utf8proc_category(first) == UTF8PROC_CATEGORY_LT);
    }
    int dash = j >= 3 && (unsigned char)v->text[j - 3] == 0xE2 &&
               (unsigned char)v->text[j - 2] == 0x80 &&
               ((unsigned char)v->text[j - 1] == 0x94 || (unsigned char)v->text[j - 1] == 0x93);
    if ((before == ',' || before == ';' || dash) && capital)
        return LEDE_QUOTE_FULL;
    return LEDE_QUOTE_PARTIAL;
}

/* "I am not afraid," said Lydia, "for though ...": a quotation interrupted by its own
 * attribution goes on after it. True when prev ends with a comma inside its marks and only
 * a short clause without a sentence end, itself ending in a comma or colon, separates it
 * from s. */
static int interrupted(const qt_view *v, const lede_quote *prev, const qt_seg *s)
{
    if (prev->mark_end >= s->mark_start || s->mark_start - prev->mark_end > 120 ||
        prev->end >= prev->mark_end || v->text[prev->end - 1] != ',')
        return 0;
    uint32_t j = s->mark_start;
    size_t sp;
    while (j > prev->mark_end && (sp = qt_space_before(v->text, prev->mark_end, j)) > 0)
        j -= (uint32_t)sp;
    if (j <= prev->mark_end || (v->text[j - 1] != ',' && v->text[j - 1] != ':'))
        return 0;
    for (uint32_t k = prev->mark_end; k < j; k++) {
        char ch = v->text[k];
        if (ch == '.' || ch == '!' || ch == '?' || ch == '\n' || ch == '"')
            return 0;
    }
    return 1;
}

/* The options leave out a partial quotation of text[start, end): partial=false, or fewer
 * words than min_partial_words. */
static int options_leave_out(const qt_settings *st, const char *text, uint32_t start, uint32_t end)
{
    return !st->partial || count_words(text, start, end, (size_t)st->min_partial_words) <
                               (size_t)st->min_partial_words;
}

/* What becomes of a kept quotation once the passes after the pairing have read it. */
enum {
    KEEP = 0,
    ON_TRIAL, /* partial, and left out by the options unless the attribution finds it full */
    LEAVE_OUT
};

/* Leaves out the quotations of quotes[0 .. *n) whose fate[] is LEAVE_OUT, with their token
 * triples in toks (three per quotation: qt_attribute()). A later segment of one left out continues
 * what that one continued (or nothing); with `cascade`, a partial one is left out with it (its kind
 * was the first segment's). remap has room for *n indices. */
static void leave_out(lede_quote *quotes, uint32_t *toks, uint8_t *fate, uint32_t *remap, size_t *n,
                      int cascade)
{
    size_t k = 0;
    for (size_t i = 0; i < *n; i++) {
        uint32_t c = quotes[i].continues;
        if (c != LEDE_NONE && fate[c] == LEAVE_OUT && cascade &&
            quotes[i].kind == LEDE_QUOTE_PARTIAL)
            fate[i] = LEAVE_OUT;
        c = c != LEDE_NONE ? remap[c] : LEDE_NONE; /* earlier: remapped already */
        if (fate[i] == LEAVE_OUT) {
            remap[i] = c;
            continue;
        }
        remap[i] = (uint32_t)k;
        quotes[k] = quotes[i];
        quotes[k].continues = c;
        fate[k] = fate[i];
        toks[3 * k] = toks[3 * i];
        toks[3 * k + 1] = toks[3 * i + 1];
        toks[3 * k + 2] = toks[3 * i + 2];
        k++;
    }
    *n = k;
}

/* The fates of a document's quotations, taken when a first one is not KEEP (most documents
 * keep all): room for n, all KEEP. NULL when out of memory. */
static uint8_t *fates(lede_doc *doc, uint8_t **fate, size_t n)
{
    if (!*fate) {
        *fate = lede_doc_alloc(doc, n + 1);
        if (*fate)
            memset(*fate, KEEP, n + 1);
    }
    return *fate;
}

/* <tweet tweet-id="783">: a quotation with no token between its marks holds nothing but
 * white space or page furniture the tokenizer skipped (a tag's attribute); it is no
 * quotation. Marks the kept quotations so (LEAVE_OUT in *fate, taken with fates(), with a
 * warning); returns how many, or SIZE_MAX when out of memory. */
static size_t find_empty(const qt_view *v, const lede_quote *quotes, const uint32_t *toks, size_t n,
                         uint8_t **fate)
{
    size_t empty = 0;
    for (size_t i = 0; i < n; i++) {
        /* A mark is one token or two ('' ``): of five tokens or more between the first
         * mark's start and the last one's end, one is inside (most quotations). */
        if (toks[3 * i + 1] - toks[3 * i] >= 5)
            continue;
        /* Past the opening mark's token or two (no white space is a token). */
        size_t k = toks[3 * i];
        while (k < v->n_tok && v->tok[k].start < quotes[i].start)
            k++;
        if (k < v->n_tok && v->tok[k].start < quotes[i].end)
            continue;
        if (!fates(v->doc, fate, n))
            return SIZE_MAX;
        (*fate)[i] = LEAVE_OUT;
        empty++;
        lede_doc_warn(v->doc, quotes[i].mark_start,
                      "empty quotation (only white space or markup between its marks) left out");
    }
    return empty;
}

/* The paragraphs start in text order (the tokenizer's always do). */
static int paragraphs_sorted(const qt_view *v)
{
    for (size_t i = 1; i < v->n_para; i++)
        if (v->para[i].start < v->para[i - 1].start)
            return 0;
    return 1;
}

/* For paragraphs in text order: the last one from paragraph from on that starts at or
 * before pos (from when none does), which a cursor moved forward from there finds too. A
 * bisection without a branch on the starts: the quotations fall in the same paragraph or a
 * later one as they please, so a cursor's stop is mispredicted about once a quotation. */
static size_t para_from(const qt_view *v, size_t from, uint32_t pos)
{
    const lede_paragraph *base = v->para + from;
    size_t n = v->n_para - from;
    while (n > 1) {
        size_t half = n / 2;
        base = base[half].start <= pos ? base + half : base;
        n -= half;
    }
    return (size_t)(base - v->para);
}

/* Builds the text side of the view: text, sentences, paragraphs (one over the text when
 * none is given). That is all finding the quotation marks needs. */
static int make_text_view(lede_doc *doc, const qt_lexicon *lex, qt_view *v, lede_error *err)
{
    memset(v, 0, sizeof *v);
    v->doc = doc;
    v->lex = lex;
    v->text = lede_doc_text(doc, &v->len);
    v->sent = lede_doc_sentences(doc, &v->n_sent);
    v->para = lede_doc_paragraphs(doc, &v->n_para);
    if (v->n_para == 0) {
        lede_paragraph *one = lede_doc_alloc(doc, sizeof *one);
        if (!one)
            return lede_error_set(err, LEDE_ENOMEM, "quotes: out of memory");
        one->start = 0;
        one->end = (uint32_t)v->len;
        one->sent_begin = 0;
        one->sent_end = (uint32_t)v->n_sent;
        v->para = one;
        v->n_para = 1;
    }
    return 0;
}

#ifdef QT_AVX2
/* The AVX2 half of has_space_tokens(): 16 tokens a step (192 bytes, six loads; eight tokens
 * fill three 32-byte loads, so the kinds sit at 16-bit lanes 4 and 10 of the first, 0, 6
 * and 12 of the second, 2, 8 and 14 of the third, in every group of three). Returns
 * whether a kind read is LEDE_TOK_SPACE, and in *done how many tokens were read. */
__attribute__((target("avx2"))) static int space_tokens_avx2(const lede_token *tok, size_t n,
                                                             size_t *done)
{
    const __m256i space = _mm256_set1_epi16(LEDE_TOK_SPACE);
    __m256i a = _mm256_setzero_si256(), b = a, c = a;
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        const __m256i *p = (const __m256i *)(const void *)(tok + i);
        a = _mm256_or_si256(a, _mm256_cmpeq_epi16(_mm256_loadu_si256(p), space));
        b = _mm256_or_si256(b, _mm256_cmpeq_epi16(_mm256_loadu_si256(p + 1), space));
        c = _mm256_or_si256(c, _mm256_cmpeq_epi16(_mm256_loadu_si256(p + 2), space));
        a = _mm256_or_si256(a, _mm256_cmpeq_epi16(_mm256_loadu_si256(p + 3), space));
        b = _mm256_or_si256(b, _mm256_cmpeq_epi16(_mm256_loadu_si256(p + 4), space));
        c = _mm256_or_si256(c, _mm256_cmpeq_epi16(_mm256_loadu_si256(p + 5), space));
    }
    const __m256i lane0 = _mm256_setr_epi16(0, 0, 0, 0, -1, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0);
    const __m256i lane1 = _mm256_setr_epi16(-1, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0, -1, 0, 0, 0);
    const __m256i lane2 = _mm256_setr_epi16(0, 0, -1, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0, -1, 0);
    __m256i any =
        _mm256_or_si256(_mm256_and_si256(a, lane0),
                        _mm256_or_si256(_mm256_and_si256(b, lane1), _mm256_and_si256(c, lane2)));
    *done = i;
    return !_mm256_testz_si256(any, any);
}
#endif

/* Does any of the n tokens hold white space (a tokenizer that keeps it)? Ours does not, so
 * every token is read: sixteen at a time with AVX2, else four at a time (48 bytes, their
 * kinds at 16-bit lanes 4, 10, 16 and 22) where the machine allows. */
static int has_space_tokens(const lede_token *tok, size_t n)
{
    size_t i = 0;
#ifdef QT_AVX2
    if (qt_cpu_avx2() && space_tokens_avx2(tok, n, &i))
        return 1;
#endif
#ifdef QT_SSE2
    _Static_assert(sizeof(lede_token) == 12 && offsetof(lede_token, kind) == 8,
                   "the lanes below assume the token layout");
    const __m128i space = _mm_set1_epi16(LEDE_TOK_SPACE);
    const __m128i lane0 = _mm_setr_epi16(0, 0, 0, 0, -1, 0, 0, 0);
    const __m128i lane1 = _mm_setr_epi16(0, 0, -1, 0, 0, 0, 0, 0);
    const __m128i lane2 = _mm_setr_epi16(-1, 0, 0, 0, 0, 0, -1, 0);
    /* The compares of each of the three 16-byte positions are gathered apart and their
     * kind lanes picked once at the end. */
    __m128i a = _mm_setzero_si128(), b = a, c = a;
    for (; i + 4 <= n; i += 4) {
        const __m128i *p = (const __m128i *)(const void *)(tok + i);
        a = _mm_or_si128(a, _mm_cmpeq_epi16(_mm_loadu_si128(p), space));
        b = _mm_or_si128(b, _mm_cmpeq_epi16(_mm_loadu_si128(p + 1), space));
        c = _mm_or_si128(c, _mm_cmpeq_epi16(_mm_loadu_si128(p + 2), space));
    }
    __m128i any = _mm_or_si128(_mm_and_si128(a, lane0),
                               _mm_or_si128(_mm_and_si128(b, lane1), _mm_and_si128(c, lane2)));
    if (_mm_movemask_epi8(any))
        return 1;
#endif
    int found = 0;
    for (; i < n; i++)
        found |= tok[i].kind == LEDE_TOK_SPACE;
    return found;
}

void *qt_table_alloc(const qt_view *v, size_t n)
{
    qt_owned *o = v->owned;
    if (!o || n < QT_OWN_MIN || o->n == QT_OWNED_MAX)
        return lede_doc_alloc(v->doc, n);
    void *mem = calloc(1, n);
    if (mem)
        o->mem[o->n++] = mem;
    return mem;
}

void qt_owned_free(qt_owned *owned)
{
    for (size_t i = 0; i < owned->n; i++)
        free(owned->mem[i]);
    owned->n = 0;
}

/* Builds the token side of the view, for a document that has quotations: tokens without
 * whitespace tokens, and the per-token tables the passes fill on first use. */
static int make_token_view(lede_doc *doc, qt_view *v, lede_error *err)
{
    size_t n_tok;
    const lede_token *tok = lede_doc_tokens(doc, &n_tok);
    if (has_space_tokens(tok, n_tok)) {
        lede_token *kept = qt_table_alloc(v, (n_tok + 1) * sizeof *kept);
        if (!kept)
            return lede_error_set(err, LEDE_ENOMEM, "quotes: out of memory for %zu tokens", n_tok);
        size_t k = 0;
        for (size_t i = 0; i < n_tok; i++)
            if (tok[i].kind != LEDE_TOK_SPACE)
                kept[k++] = tok[i];
        tok = kept;
        n_tok = k;
    }
    v->tok = tok;
    v->n_tok = n_tok;
    /* One allocation for the per-token tables (all zero: nothing known yet). */
    size_t bytes = (n_tok + 1) * sizeof *v->lexbits + 3 * (n_tok + 1) + sizeof *v->memo;
    unsigned char *mem = qt_table_alloc(v, bytes);
    if (!mem)
        return lede_error_set(err, LEDE_ENOMEM, "quotes: out of memory for %zu tokens", n_tok);
    v->memo = (qt_memo *)(void *)mem;
    v->lexbits = (uint32_t *)(void *)(mem + sizeof *v->memo);
    v->quoted = mem + sizeof *v->memo + (n_tok + 1) * sizeof *v->lexbits;
    v->common = v->quoted + (n_tok + 1);
    v->stops = v->n_sent > 0 ? v->common + (n_tok + 1) : NULL;
    if (v->stops)
        qt_find_stops(v);
    return 0;
}

/* qt_process_doc on the view v; the caller frees the tables recorded in owned. */
static int process_view(const qt_settings *st, const qt_lexicon *lex, lede_doc *doc, qt_view *v,
                        qt_owned *owned, size_t *work, lede_error *err)
{
    qt_seg *seg;
    size_t n_seg;
    int rc = make_text_view(doc, lex, v, err);
    v->owned = owned;
    if (rc == 0 && v->len >= LEDE_NONE)
        return lede_error_set(err, LEDE_ETOOBIG, "quotes: document %s is 4 GiB or more",
                              lede_doc_id(doc));
    size_t pairing_work = 0;
    if (rc == 0)
        rc = qt_find_segments(v, &seg, &n_seg, &pairing_work, err);
    if (work)
        *work = pairing_work;
    if (rc < 0)
        return rc;

    /* One allocation for the quotations, the map from the segments to them and, per kept
     * quotation, its first token, the first after it and its paragraph. */
    lede_quote *quotes = lede_doc_alloc(doc, (n_seg + 1) * (sizeof *quotes + 4 * sizeof(uint32_t)));
    if (!quotes)
        return lede_error_set(err, LEDE_ENOMEM, "quotes: out of memory for %zu quotations", n_seg);
    uint32_t *map = (uint32_t *)(void *)(quotes + n_seg + 1);
    uint32_t *toks = map + n_seg + 1;
    uint8_t *fate = NULL; /* what becomes of each kept quotation: NULL while all KEEP */
    size_t on_trial = 0;
    size_t n = 0, para = 0;
    /* The segments are in text order: with the paragraphs in order too, each one's
     * paragraph is found from the last one's. */
    int sorted = n_seg > 0 && paragraphs_sorted(v);
    for (size_t i = 0; i < n_seg; i++) {
        const qt_seg *s = &seg[i];
        map[i] = LEDE_NONE;
        if (sorted) {
            para = para_from(v, para, s->mark_start);
        } else {
            while (para + 1 < v->n_para && v->para[para + 1].start <= s->mark_start)
                para++;
        }
        uint8_t kind = kind_of(v, s, v->para[para].start);
        uint32_t continues = s->continues != LEDE_NONE ? map[s->continues] : LEDE_NONE;
        if (continues == LEDE_NONE && n > 0 && interrupted(v, &quotes[n - 1], s))
            continues = (uint32_t)(n - 1);
        if (continues != LEDE_NONE)
            kind = quotes[continues].kind;
        if (kind == LEDE_QUOTE_PARTIAL && continues == LEDE_NONE &&
            options_leave_out(st, v->text, s->start, s->end)) {
            /* The plan is “dead on arrival,” said Ann Lee: a comma inside the marks before a
             * cue makes a full quotation (qt_attribute), which the options keep. */
            if (v->text[s->end - 1] != ',')
                continue;
            if (!fates(doc, &fate, n_seg))
                return lede_error_set(err, LEDE_ENOMEM, "quotes: out of memory for %zu quotations",
                                      n_seg);
            fate[n] = ON_TRIAL;
            on_trial++;
        }
        lede_quote *q = &quotes[n];
        memset(q, 0, sizeof *q);
        q->start = s->start;
        q->end = s->end;
        q->mark_start = s->mark_start;
        q->mark_end = s->mark_end;
        q->continues = continues;
        q->kind = kind;
        if (sorted) {
            toks[3 * n + 2] = (uint32_t)para;
        } else {
            size_t upto = qt_para_upto(v, s->mark_start);
            toks[3 * n + 2] = (uint32_t)(upto == 0 ? 0 : upto - 1);
        }
        map[i] = (uint32_t)n++;
    }
    /* A document without quotations stops here: no token tables, no names to index. */
    if (n > 0) {
        rc = make_token_view(doc, v, err);
        if (rc < 0)
            return rc;
        /* Tokens inside a quotation (kept or not) are not names or cues of the writer's
         * sentences. The segments are in text order: one cursor finds their tokens, and
         * those of the kept quotations are handed to the attribution. */
        size_t t = 0;
        for (size_t i = 0; i < n_seg; i++) {
            size_t first = qt_tok_seek(v, t, seg[i].mark_start);
            t = qt_tok_seek(v, first, seg[i].mark_end);
            if (t > first) {
                memset(v->quoted + first, 1, t - first);
                /* (Between two capitalised words: Brian 'Head' Welch.) */
                if (t - first <= QT_NICKNAME_MAX_TOKENS && first > 0 && t < v->n_tok &&
                    qt_tok_capitalized(v, first - 1) && qt_tok_capitalized(v, t))
                    v->nicknames |= qt_nickname(v, first);
            }
            if (map[i] != LEDE_NONE) {
                toks[3 * map[i]] = (uint32_t)first;
                toks[3 * map[i] + 1] = (uint32_t)t;
            }
        }
        uint32_t *remap = NULL;
        size_t empty = find_empty(v, quotes, toks, n, &fate);
        if (empty > 0 || on_trial > 0) {
            remap = empty == SIZE_MAX ? NULL : lede_doc_alloc(doc, (n + 1) * sizeof *remap);
            if (!remap)
                return lede_error_set(err, LEDE_ENOMEM, "quotes: out of memory for %zu quotations",
                                      n);
            leave_out(quotes, toks, fate, remap, &n, 0);
        }
        qt_names *nm = NULL;
        rc = qt_names_build(v, &nm, err);
        if (rc == 0)
            rc = qt_attribute(v, nm, quotes, toks, n, st->speakers, err);
        if (rc == 0 && on_trial > 0) {
            for (size_t i = 0; i < n; i++)
                if (fate[i] == ON_TRIAL && quotes[i].kind == LEDE_QUOTE_PARTIAL)
                    fate[i] = LEAVE_OUT;
            leave_out(quotes, toks, fate, remap, &n, 1);
        }
        if (rc == 0 && qt_names_failed(nm))
            rc = lede_error_set(err, LEDE_ENOMEM, "quotes: out of memory indexing %zu tokens",
                                v->n_tok);
        if (work && nm)
            *work += v->memo->work + qt_names_work(nm);
        if (rc < 0)
            return rc;
    }
    lede_doc_set_quotes(doc, quotes, n);
    return 0;
}

int qt_process_doc(const qt_settings *st, const qt_lexicon *lex, lede_doc *doc, size_t *work,
                   lede_error *err)
{
    qt_view v;
    qt_owned owned = {{NULL}, 0};
    if (work)
        *work = 0;
    int rc = process_view(st, lex, doc, &v, &owned, work, err);
    qt_owned_free(&owned);
    return rc;
}

static int quotes_process(void *instance, lede_doc *doc, lede_error *err)
{
    const quotes_stage *st = instance;
    return qt_process_doc(&st->set, st->lex, doc, NULL, err);
}

LEDE_STAGE_DEFINE(quotes) = {
    LEDE_ABI_VERSION,
    sizeof(lede_stage_desc),
    "quotes",
    "direct quotations (full and partial, multi-paragraph) with cue and speaker",
    "1.0.0",
    quotes_requires,
    quotes_provides,
    quotes_options,
    LEDE_STAGE_SHAREABLE, /* process() only reads the instance */
    quotes_create,
    quotes_process,
    NULL,
    quotes_destroy,
};
