/*
 * forms.c -- the tokens' lower-cased and NFC-normalised forms (options lower and nfc).
 *
 * A stage that counts words, matches a lexicon or compares names wants "Iran" and "iran",
 * or "é" typed as e + U+0301 and as U+00E9, to be one string; the token layer only holds
 * offsets. This pass runs after the tokens are final (any word rule, clitics, uax29) and
 * publishes the forms in the generic layer "forms" (forms.h: span i is token i; an attribute
 * only where the form differs from the text), so the token struct and the ABI stay as they
 * are and the exporter writes the layer without knowing it. With both options off the
 * tokenizer never calls it: the default pipeline pays nothing.
 *
 * nfc    utf8proc: canonical decomposition, canonical ordering and composition with
 *        UTF8PROC_STABLE | UTF8PROC_COMPOSE (what utf8proc_NFC does), e + U+0301 -> é,
 *        the Angstrom sign U+212B -> Å.
 * lower  Unicode's simple lower-case mapping, code point by code point (utf8proc_tolower),
 *        plus the one context rule of default case conversion that matters in a word,
 *        Final_Sigma: capital sigma is ς at the end of a word, σ inside it (ΟΔΟΣ -> οδος,
 *        as Python's str.lower). Not case folding: ß stays ß (Straße -> straße, STRASSE ->
 *        strasse, two forms), and no language is assumed: İ -> i (the simple mapping; the
 *        full one adds U+0307) and I -> i, also in Turkish text (where ı is meant).
 *        Lower length may differ from the text's (U+023A, 2 bytes, -> U+2C65, 3 bytes).
 * Both   the lower form of the NFC form.
 *
 * A token of ASCII letters never reaches utf8proc: it is its own NFC form, and its lower
 * form is a byte operation (most tokens of English news have no capital and cost one scan).
 * Every buffer comes from the document's arena; nothing survives the call.
 */
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "forms.h"
#include "tok.h"

#define NFC_OPTIONS (UTF8PROC_STABLE | UTF8PROC_COMPOSE)

#define CAPITAL_SIGMA 0x03A3
#define SMALL_SIGMA 0x03C3
#define FINAL_SIGMA 0x03C2

/* Per-document scratch: one token's code points and its two UTF-8 forms. */
typedef struct scratch {
    lede_doc *doc;
    utf8proc_int32_t *cp;
    size_t cap;         /* code points in cp; nfc and lower hold 4 * cap bytes each */
    unsigned char *nfc; /* UTF-8 forms: at most 4 bytes a code point */
    unsigned char *lower;
} scratch;

/* Makes room for n code points, from the arena (the old buffers are left to it; doubling
 * keeps the waste under the final size). 0 or LEDE_ENOMEM. */
static int reserve(scratch *s, size_t n)
{
    size_t cap = s->cap ? s->cap : 64;

    if (n <= s->cap)
        return 0;
    while (cap < n) {
        if (cap > SIZE_MAX / 32)
            return LEDE_ENOMEM;
        cap *= 2;
    }
    s->cp = lede_doc_alloc(s->doc, cap * sizeof *s->cp);
    s->nfc = lede_doc_alloc(s->doc, 4 * cap);
    s->lower = lede_doc_alloc(s->doc, 4 * cap);
    if (!s->cp || !s->nfc || !s->lower) {
        s->cap = 0;
        return LEDE_ENOMEM;
    }
    s->cap = cap;
    return 0;
}

/* Cased (Unicode's property, near enough): a letter with a case or a case mapping. */
static int is_cased(utf8proc_int32_t c)
{
    utf8proc_category_t cat = utf8proc_category(c);

    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL ||
           cat == UTF8PROC_CATEGORY_LT || utf8proc_tolower(c) != c || utf8proc_toupper(c) != c;
}

/* Case_Ignorable: marks, format characters, modifiers and the word-inner punctuation of
 * Word_Break MidLetter, MidNumLet and Single_Quote (' . : · ’ ‘ and their kin). */
static int is_case_ignorable(utf8proc_int32_t c)
{
    utf8proc_category_t cat;

    switch (c) {
    case '\'':
    case '.':
    case ':':
    case 0x00B7: /* middle dot */
    case 0x0387: /* Greek ano teleia */
    case 0x2018: /* left single quotation mark */
    case 0x2019: /* right single quotation mark */
    case 0x2024: /* one dot leader */
    case 0x2027: /* hyphenation point */
        return 1;
    default:
        break;
    }
    cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_ME ||
           cat == UTF8PROC_CATEGORY_CF || cat == UTF8PROC_CATEGORY_LM ||
           cat == UTF8PROC_CATEGORY_SK;
}

/* The lower case of the capital sigma at cp[i]: final (ς) when a cased letter comes before
 * it and none after it, case-ignorable characters passed over, within the token
 * (SpecialCasing.txt, Final_Sigma); σ otherwise. */
static utf8proc_int32_t lower_sigma(const utf8proc_int32_t *cp, size_t n, size_t i)
{
    size_t j = i;

    while (j > 0 && is_case_ignorable(cp[j - 1]))
        j--;
    if (j == 0 || !is_cased(cp[j - 1]))
        return SMALL_SIGMA;
    for (j = i + 1; j < n && is_case_ignorable(cp[j]); j++)
        ;
    return j < n && is_cased(cp[j]) ? SMALL_SIGMA : FINAL_SIGMA;
}

#define ONES UINT64_C(0x0101010101010101)

/* The bits 0x80 of each byte of x that is an ASCII capital (A-Z), when every byte of x is
 * ASCII (a byte >= 0x80 may spoil the others: the caller has seen its bit and goes the
 * Unicode way). b + 0x3F has its top bit from b >= 'A', b + 0x25 from b > 'Z'; no byte
 * carries into the next. */
static uint64_t capitals(uint64_t x)
{
    return (x + 0x3F * ONES) & ~(x + 0x25 * ONES) & 0x80 * ONES;
}

static uint64_t load64(const unsigned char *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
    return x;
}

static uint64_t load32(const unsigned char *p)
{
    uint32_t x;
    memcpy(&x, p, 4);
    return x;
}

/* The bytes of a 64-bit load that hold its first n (1..8) bytes in memory. */
static uint64_t first_bytes(size_t n)
{
    const uint16_t one = 1;
    unsigned char low;

    memcpy(&low, &one, 1); /* constant: the compiler keeps one branch */
    return low ? ~UINT64_C(0) >> (8 * (8 - n)) : ~UINT64_C(0) << (8 * (8 - n));
}

/* Scans the token text[start..end) (not empty) a word at a time, reading no byte outside the
 * text: returns the OR of its bytes' top bits (non-zero: not ASCII) and sets *upper when,
 * all of it ASCII, it holds a capital. A token of up to 8 bytes (most of them) is one load,
 * masked, when the text goes on for 8 bytes; else overlapping loads inside the token. */
static uint64_t scan_ascii(const unsigned char *text, size_t text_len, uint32_t start, uint32_t end,
                           int *upper)
{
    const unsigned char *w = text + start;
    size_t len = end - start;
    uint64_t x;

    if (len <= 8 && (size_t)start + 8 <= text_len) {
        x = load64(w) & first_bytes(len);
        *upper = capitals(x) != 0;
        return x & 0x80 * ONES;
    }
    if (len >= 8) {
        uint64_t hi = 0, up = 0;
        for (size_t i = 0; i + 8 < len; i += 8) {
            x = load64(w + i);
            hi |= x;
            up |= capitals(x);
        }
        x = load64(w + len - 8);
        hi |= x;
        up |= capitals(x);
        *upper = up != 0;
        return hi & 0x80 * ONES;
    }
    if (len >= 4)
        x = load32(w) | load32(w + len - 4) << 32;
    else
        x = (uint64_t)w[0] | (uint64_t)w[len / 2] << 8 | (uint64_t)w[len - 1] << 16;
    *upper = capitals(x) != 0;
    return x & 0x80 * ONES;
}

/* Sets key on span idx to form[0..len) unless that is the token's text w[0..wlen). */
static int set_if_differs(lede_layer *layer, size_t idx, const char *key, const unsigned char *form,
                          size_t len, const unsigned char *w, size_t wlen)
{
    if (len == wlen && memcmp(form, w, len) == 0)
        return 0;
    return lede_layer_set_str(layer, idx, key, (const char *)form, len);
}

/* The forms of the token t of text[0..text_len) on span idx. 0, LEDE_ENOMEM or LEDE_EINVAL
 * (utf8proc refused the text, which the host has made valid UTF-8: not expected). */
static int token_forms(const tok_forms_cfg *cfg, scratch *s, lede_layer *layer, size_t idx,
                       const unsigned char *text, size_t text_len, const lede_token *t)
{
    const unsigned char *w = text + t->start;
    size_t len = t->end - t->start, n = 0, k;
    int rc, upper;

    if (len == 0)
        return 0;
    if (!scan_ascii(text, text_len, t->start, t->end, &upper)) {
        /* ASCII: its own NFC form; lower case is a byte operation */
        if (!cfg->lower || !upper)
            return 0;
        if (len > s->cap && (rc = reserve(s, len)))
            return rc;
        for (size_t i = 0; i < len; i++)
            s->lower[i] = (unsigned char)((unsigned)(w[i] - 'A') < 26u ? w[i] | 0x20 : w[i]);
        return lede_layer_set_str(layer, idx, TOK_FORMS_LOWER, (const char *)s->lower, len);
    }

    if (len > s->cap && (rc = reserve(s, len)))
        return rc;
    if (cfg->nfc) {
        /* decomposition may need more code points than the text has bytes: ask again */
        utf8proc_ssize_t r = utf8proc_decompose(w, (utf8proc_ssize_t)len, s->cp,
                                                (utf8proc_ssize_t)s->cap, NFC_OPTIONS);
        if (r > (utf8proc_ssize_t)s->cap) {
            if ((rc = reserve(s, (size_t)r)))
                return rc;
            r = utf8proc_decompose(w, (utf8proc_ssize_t)len, s->cp, (utf8proc_ssize_t)s->cap,
                                   NFC_OPTIONS);
        }
        if (r >= 0)
            r = utf8proc_normalize_utf32(s->cp, r, NFC_OPTIONS);
        if (r < 0 || r > (utf8proc_ssize_t)s->cap)
            return LEDE_EINVAL;
        n = (size_t)r;
        k = 0;
        for (size_t i = 0; i < n; i++)
            k += (size_t)utf8proc_encode_char(s->cp[i], s->nfc + k);
        if ((rc = set_if_differs(layer, idx, TOK_FORMS_NFC, s->nfc, k, w, len)))
            return rc;
    } else {
        for (size_t i = 0; i < len; n++)
            i += tok_decode(w + i, len - i, &s->cp[n]);
    }

    if (!cfg->lower)
        return 0;
    k = 0;
    for (size_t i = 0; i < n; i++) {
        utf8proc_int32_t c = s->cp[i];
        c = c == CAPITAL_SIGMA ? lower_sigma(s->cp, n, i) : utf8proc_tolower(c);
        k += (size_t)utf8proc_encode_char(c, s->lower + k);
    }
    return set_if_differs(layer, idx, TOK_FORMS_LOWER, s->lower, k, w, len);
}

int tok_forms_add(const tok_forms_cfg *cfg, lede_doc *doc, lede_error *err)
{
    size_t n, len;
    const lede_token *t = lede_doc_tokens(doc, &n);
    const unsigned char *text = (const unsigned char *)lede_doc_text(doc, &len);
    scratch s = {doc, NULL, 0, NULL, NULL};
    lede_layer *layer;

    if (!cfg->lower && !cfg->nfc)
        return 0;
    if (lede_doc_layer(doc, TOK_FORMS_LAYER, 0))
        return lede_error_set(err, LEDE_ESTAGE,
                              "tokenizer: document '%s' has a layer '" TOK_FORMS_LAYER
                              "' already (a second tokenizer with lower or nfc?)",
                              lede_doc_id(doc));
    if (!(layer = lede_doc_layer(doc, TOK_FORMS_LAYER, 1)))
        goto nomem;
    for (size_t i = 0; i < n; i++) {
        size_t idx;
        int rc = lede_layer_add(layer, t[i].start, t[i].end, &idx);
        if (!rc)
            rc = token_forms(cfg, &s, layer, idx, text, len, &t[i]);
        if (rc == LEDE_ENOMEM)
            goto nomem;
        if (rc)
            return lede_error_set(err, rc,
                                  "tokenizer: no normalised form for the token at byte %u of "
                                  "document '%s'",
                                  (unsigned)t[i].start, lede_doc_id(doc));
    }
    return 0;

nomem:
    return lede_error_set(err, LEDE_ENOMEM,
                          "tokenizer: out of memory (or past the document memory cap) on the "
                          "forms of document '%s' (%zu tokens)",
                          lede_doc_id(doc), n);
}
