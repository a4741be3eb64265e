/*
 * uax29.c -- Unicode word boundaries (UAX #29, Unicode 15.0), every segment kept.
 *
 * With `words = "uax29"` the stage's tokens are exactly the segments of the Unicode word
 * boundary algorithm, white space included (kind LEDE_TOK_SPACE), so that concatenating
 * the tokens gives back the text. The rules WB1..WB999 are applied in a single forward
 * pass; the state carried between characters is what the rules look back at: the raw
 * previous character, the last two "effective" characters once WB4 has folded Extend,
 * Format and ZWJ into what precedes them, and the length of the current run of regional
 * indicators (WB15/16), so that no rule ever rescans backwards and a hostile run of flags
 * costs linear time. The only look-ahead (WB6, WB7b, WB12) decodes forward past ignorable
 * characters to the next effective one.
 *
 * The property table is generated (scripts/gen_wordbreak.py -> wordbreak_table.h) and
 * tests/test_tokenizer_uax29.c checks every line of Unicode's WordBreakTest.txt.
 */
#include <stdint.h>

#include <utf8proc.h>

#include "tok.h"
#include "wordbreak_table.h"

static int wb_value(int32_t cp)
{
    size_t lo = 0, hi = sizeof tok_wb_ranges / sizeof tok_wb_ranges[0];

    if (cp >= 0 && cp < 128)
        return tok_wb_ascii[cp];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < tok_wb_ranges[mid].lo)
            hi = mid;
        else if (cp > tok_wb_ranges[mid].hi)
            lo = mid + 1;
        else
            return tok_wb_ranges[mid].value;
    }
    return 0;
}

int tok_wb_property(int32_t cp)
{
    return wb_value(cp) & TOK_WB_MASK;
}

int tok_wb_is_pictographic(int32_t cp)
{
    return (wb_value(cp) & TOK_WB_PICT) != 0;
}

static int is_ahletter(int p)
{
    return p == TOK_WB_ALETTER || p == TOK_WB_HEBREW_LETTER;
}

static int is_midnumletq(int p)
{
    return p == TOK_WB_MIDNUMLET || p == TOK_WB_SINGLE_QUOTE;
}

static int is_ignorable(int p)
{
    return p == TOK_WB_EXTEND || p == TOK_WB_FORMAT || p == TOK_WB_ZWJ;
}

int tok_is_ideograph(int32_t cp)
{
    /* wide (East Asian Width W or F) and no letter to UAX #29 (Word_Break Other): Han,
     * Hiragana, Tangut, Nushu; not Katakana (its own property), Hangul or Bopomofo
     * (ALetter), nor the narrow Thai, Lao or Khmer (Other too, but run together here) */
    return cp >= 0x2E80 && tok_wb_property(cp) == TOK_WB_OTHER && utf8proc_charwidth(cp) == 2;
}

int tok_wb_is_katakana(int32_t cp)
{
    return tok_wb_property(cp) == TOK_WB_KATAKANA;
}

int tok_wb_attaches(int32_t cp)
{
    return is_ignorable(tok_wb_property(cp));
}

static int is_newline(int p)
{
    return p == TOK_WB_CR || p == TOK_WB_LF || p == TOK_WB_NEWLINE;
}

/* The property of the first character at or after pos that WB4 does not fold away;
 * TOK_WB_OTHER at the end of the span (no rule needs more than "not a letter"). */
static int next_effective(const unsigned char *s, size_t pos, size_t end)
{
    while (pos < end) {
        int32_t cp;
        int p;
        pos += tok_decode(s + pos, end - pos, &cp);
        p = tok_wb_property(cp);
        if (!is_ignorable(p))
            return p;
    }
    return TOK_WB_OTHER;
}

/* State looked back at by the rules. L and LL are the last two effective properties
 * (-1 before the start of the span). */
typedef struct wb_state {
    int prev;    /* raw property of the previous character */
    int prev_cp; /* and its code point */
    int L, LL;
    size_t ri_run; /* consecutive effective regional indicators ending at L */
} wb_state;

/* 1 when there is a word boundary before a character of property R and code point cp
 * at s[pos], given the state of what precedes it. */
static int is_boundary(const wb_state *st, int R, int32_t cp, const unsigned char *s, size_t pos,
                       size_t len, size_t end)
{
    int P = st->prev, L = st->L, LL = st->LL;

    if (P == TOK_WB_CR && R == TOK_WB_LF)
        return 0; /* WB3 */
    if (is_newline(P) || is_newline(R))
        return 1; /* WB3a, WB3b */
    if (P == TOK_WB_ZWJ && tok_wb_is_pictographic(cp))
        return 0; /* WB3c */
    if (P == TOK_WB_WSEGSPACE && R == TOK_WB_WSEGSPACE)
        return 0; /* WB3d */
    if (is_ignorable(R))
        return 0; /* WB4 */
    if (is_ahletter(L) && is_ahletter(R))
        return 0; /* WB5 */
    if (is_ahletter(L) && (R == TOK_WB_MIDLETTER || is_midnumletq(R))) {
        int RR = next_effective(s, pos + len, end);
        if (is_ahletter(RR))
            return 0; /* WB6 */
    }
    if (is_ahletter(LL) && (L == TOK_WB_MIDLETTER || is_midnumletq(L)) && is_ahletter(R))
        return 0; /* WB7 */
    if (L == TOK_WB_HEBREW_LETTER && R == TOK_WB_SINGLE_QUOTE)
        return 0; /* WB7a */
    if (L == TOK_WB_HEBREW_LETTER && R == TOK_WB_DOUBLE_QUOTE &&
        next_effective(s, pos + len, end) == TOK_WB_HEBREW_LETTER)
        return 0; /* WB7b */
    if (LL == TOK_WB_HEBREW_LETTER && L == TOK_WB_DOUBLE_QUOTE && R == TOK_WB_HEBREW_LETTER)
        return 0; /* WB7c */
    if (L == TOK_WB_NUMERIC && R == TOK_WB_NUMERIC)
        return 0; /* WB8 */
    if (is_ahletter(L) && R == TOK_WB_NUMERIC)
        return 0; /* WB9 */
    if (L == TOK_WB_NUMERIC && is_ahletter(R))
        return 0; /* WB10 */
    if (LL == TOK_WB_NUMERIC && (L == TOK_WB_MIDNUM || is_midnumletq(L)) && R == TOK_WB_NUMERIC)
        return 0; /* WB11 */
    if (L == TOK_WB_NUMERIC && (R == TOK_WB_MIDNUM || is_midnumletq(R)) &&
        next_effective(s, pos + len, end) == TOK_WB_NUMERIC)
        return 0; /* WB12 */
    if (L == TOK_WB_KATAKANA && R == TOK_WB_KATAKANA)
        return 0; /* WB13 */
    if ((is_ahletter(L) || L == TOK_WB_NUMERIC || L == TOK_WB_KATAKANA ||
         L == TOK_WB_EXTENDNUMLET) &&
        R == TOK_WB_EXTENDNUMLET)
        return 0; /* WB13a */
    if (L == TOK_WB_EXTENDNUMLET && (is_ahletter(R) || R == TOK_WB_NUMERIC || R == TOK_WB_KATAKANA))
        return 0; /* WB13b */
    if (L == TOK_WB_REGIONAL_INDICATOR && R == TOK_WB_REGIONAL_INDICATOR && (st->ri_run & 1))
        return 0; /* WB15, WB16 */
    return 1;     /* WB999 */
}

/* Folds the character of property p into the state (WB4 decides whether it counts). */
static void advance(wb_state *st, int p, int32_t cp)
{
    int attach = is_ignorable(p) && st->L >= 0 && !is_newline(st->L);

    if (!attach) {
        st->ri_run = p == TOK_WB_REGIONAL_INDICATOR
                         ? (st->L == TOK_WB_REGIONAL_INDICATOR ? st->ri_run + 1 : 1)
                         : 0;
        st->LL = st->L;
        st->L = p;
    }
    st->prev = p;
    st->prev_cp = cp;
}

static int push_segment(const char *text, uint32_t start, uint32_t end, tok_vec *vec)
{
    lede_token *t;

    if (tok_vec_reserve(vec, 1))
        return LEDE_ENOMEM;
    t = &vec->v[vec->n++];
    t->start = start;
    t->end = end;
    t->kind = LEDE_TOK_OTHER;
    t->flags = 0;
    tok_describe(text, t);
    return 0;
}

int tok_uax29(const char *text, uint32_t start, uint32_t end, tok_vec *vec)
{
    const unsigned char *s = (const unsigned char *)text;
    wb_state st = {TOK_WB_OTHER, 0, -1, -1, 0};
    size_t pos = start, seg = start;

    while (pos < end) {
        int32_t cp;
        size_t len = tok_decode(s + pos, end - pos, &cp);
        int p = tok_wb_property(cp);

        if (pos > start && is_boundary(&st, p, cp, s, pos, len, end)) {
            if (push_segment(text, (uint32_t)seg, (uint32_t)pos, vec))
                return LEDE_ENOMEM;
            seg = pos;
        }
        advance(&st, p, cp);
        pos += len;
    }
    if (pos > seg && push_segment(text, (uint32_t)seg, (uint32_t)pos, vec))
        return LEDE_ENOMEM;
    return 0;
}
