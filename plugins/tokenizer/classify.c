/*
 * classify.c -- character classes, UTF-8 decoding and token descriptions.
 *
 * The tokenizer's hot loop asks one question per character: what class is it? ASCII,
 * nearly all of an English news text, answers from a 128-entry table; everything else
 * asks utf8proc for its general category (never hand-rolled Unicode tables here; the
 * UAX #29 tables in wordbreak_table.h are generated from the Unicode data files).
 *
 * tok_describe() derives a token's kind and its case flags from its text once the
 * token's extent is known; the token array helper lives here too because every pass
 * appends to one.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "tok.h"

#define S TOK_CC_SPACE
#define U TOK_CC_UPPER
#define L TOK_CC_LOWER
#define D TOK_CC_DIGIT
#define P TOK_CC_PUNCT
#define Y TOK_CC_SYMBOL
#define O TOK_CC_OTHER

/* ASCII classes. Symbols are Unicode's S* ($ + < = > ^ ` | ~), punctuation its P*. */
const unsigned char tok_ascii_class[128] = {
    O, O, O, O, O, O, O, O, O, S, S, S, S, S, O, O, /* 0x00: \t \n \v \f \r */
    O, O, O, O, O, O, O, O, O, O, O, O, S, S, S, S, /* 0x10: FS GS RS US */
    S, P, P, P, Y, P, P, P, P, P, P, Y, P, P, P, P, /* 0x20:  !"#$%&'()*+,-./ */
    D, D, D, D, D, D, D, D, D, D, P, P, Y, Y, Y, P, /* 0x30: 0-9 :;<=>? */
    P, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, /* 0x40: @A-O */
    U, U, U, U, U, U, U, U, U, U, U, P, P, P, Y, P, /* 0x50: P-Z [\]^_ */
    Y, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, /* 0x60: `a-o */
    L, L, L, L, L, L, L, L, L, L, L, P, Y, P, Y, O  /* 0x70: p-z {|}~ DEL */
};

#undef S
#undef U
#undef L
#undef D
#undef P
#undef Y
#undef O

size_t tok_decode_multibyte(const unsigned char *s, size_t n, int32_t *cp)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t len = utf8proc_iterate(s, (utf8proc_ssize_t)(n < 4 ? n : 4), &c);

    if (len <= 0) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = c;
    return (size_t)len;
}

int tok_class_unicode(int32_t cp)
{
    if (cp < 0)
        return TOK_CC_OTHER;
    /* Emoji from the generated Extended_Pictographic table, but not the few older
     * punctuation marks and symbols it also lists (‼ ⁉ ™ ↔ © ®): those keep their
     * ordinary role, so "‼" can still end a sentence. */
    if (cp >= 0x2300 && tok_wb_is_pictographic(cp))
        return TOK_CC_EMOJI;
    if (cp >= 0x1F1E6 && cp <= 0x1F1FF) /* regional indicators: flags */
        return TOK_CC_EMOJI;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        return TOK_CC_UPPER;
    case UTF8PROC_CATEGORY_LL:
        return TOK_CC_LOWER;
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return TOK_CC_LETTER;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return TOK_CC_MARK;
    case UTF8PROC_CATEGORY_ND:
        return TOK_CC_DIGIT;
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return TOK_CC_NUMERIC;
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
        return TOK_CC_PUNCT;
    case UTF8PROC_CATEGORY_SM:
    case UTF8PROC_CATEGORY_SC:
    case UTF8PROC_CATEGORY_SK:
    case UTF8PROC_CATEGORY_SO:
        return TOK_CC_SYMBOL;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
        return TOK_CC_SPACE;
    case UTF8PROC_CATEGORY_CF:
        return TOK_CC_FORMAT;
    default:
        /* NEL (U+0085) is a line break in Unicode's eyes but a Cc. */
        return cp == 0x85 ? TOK_CC_SPACE : TOK_CC_OTHER;
    }
}

int tok_is_apostrophe(int32_t cp)
{
    return cp == '\'' || cp == 0x2019;
}

int tok_vec_reserve(tok_vec *vec, size_t extra)
{
    size_t ncap;
    lede_token *nv;

    if (vec->n + extra <= vec->cap)
        return 0;
    if (extra > SIZE_MAX / 2 / sizeof(lede_token) - vec->n)
        return LEDE_ENOMEM;
    /* the first reservation is the caller's estimate, exactly: the arena zeroes what it
     * hands out, and a power of two above the estimate would be zeroed for nothing */
    ncap = vec->cap ? vec->cap : (vec->n + extra > 64 ? vec->n + extra : 64);
    while (ncap < vec->n + extra) {
        if (ncap > SIZE_MAX / 2 / sizeof(lede_token))
            return LEDE_ENOMEM;
        ncap *= 2;
    }
    if (vec->doc) {
        /* The arena never frees; doubling bounds the waste to the final size. */
        nv = lede_doc_alloc(vec->doc, ncap * sizeof(lede_token));
        if (!nv)
            return LEDE_ENOMEM;
        if (vec->n)
            memcpy(nv, vec->v, vec->n * sizeof(lede_token));
    } else {
        nv = realloc(vec->v, ncap * sizeof(lede_token));
        if (!nv)
            return LEDE_ENOMEM;
    }
    vec->v = nv;
    vec->cap = ncap;
    return 0;
}

void tok_describe(const char *text, lede_token *t)
{
    const unsigned char *s = (const unsigned char *)text + t->start;
    size_t n = t->end - t->start, i = 0;
    unsigned letters = 0, uppers = 0, digits = 0, first_letter = 1;
    int first_cc = -1, emoji = 0, symbol = 0, punct = 0, other = 0;
    uint16_t flags = t->flags & (uint16_t) ~(LEDE_TOKF_CAPITALIZED | LEDE_TOKF_ALLCAPS);

    while (i < n) {
        int32_t cp;
        int cc;
        if (s[i] < 0x80) {
            cc = tok_ascii_class[s[i++]];
        } else {
            i += tok_decode_multibyte(s + i, n - i, &cp);
            cc = tok_class_unicode(cp);
        }
        if (first_cc < 0)
            first_cc = cc;
        switch (cc) {
        case TOK_CC_UPPER:
            uppers++;
            /* fall through */
        case TOK_CC_LOWER:
        case TOK_CC_LETTER:
            if (letters == 0 && cc == TOK_CC_UPPER)
                first_letter = 2;
            letters++;
            break;
        case TOK_CC_NUMERIC: /* ½ ① Ⅻ: numbers of other forms (No, Nl) */
        case TOK_CC_DIGIT:
            digits++;
            break;
        case TOK_CC_EMOJI:
            emoji++;
            break;
        case TOK_CC_SYMBOL:
            symbol++;
            break;
        case TOK_CC_PUNCT:
            punct++;
            break;
        case TOK_CC_SPACE:
        case TOK_CC_OTHER:
            other++;
            break;
        default:
            break;
        }
    }
    if (letters)
        t->kind = LEDE_TOK_WORD;
    else if (digits)
        t->kind = LEDE_TOK_NUMBER;
    else if (emoji)
        t->kind = LEDE_TOK_EMOJI;
    else if (first_cc == TOK_CC_SPACE)
        t->kind = LEDE_TOK_SPACE;
    else if (punct)
        t->kind = LEDE_TOK_PUNCT;
    else if (symbol)
        t->kind = LEDE_TOK_SYMBOL;
    else
        t->kind = LEDE_TOK_OTHER;
    (void)other;
    if (first_letter == 2)
        flags |= LEDE_TOKF_CAPITALIZED;
    if (letters >= 2 && uppers == letters)
        flags |= LEDE_TOKF_ALLCAPS;
    t->flags = flags;
}
