/*
 * fastpath.c -- the plain words, numbers and marks of a paragraph, before words.c's rules.
 *
 * Most tokens of news text are an ASCII word of lower-case letters after at most one
 * capital, or a run of digits, followed by a space or by , ; ) ! ? or a full stop. None
 * of words.c's rules can act on such a token (no capital after a lower-case letter, so
 * no glued caption; no apostrophe, hyphen, digit or non-ASCII character; a stop before
 * white space ends no URL and no U.S.), so tok_plain_words() emits them, one after
 * another, and the mark after each, without entering those rules. A slower second
 * grammar (wide_token()) takes the next most common tokens the same way before they fall
 * to scan_word: capitals ("AOL", "MPs"), inner apostrophes and hyphens ("AOL's",
 * "high-speed"), numbers with a % or a unit ("76%", "1990s"), and the ends after which no
 * rule can extend a token (the table fast_end). Between words the loop also takes a
 * space, a straight double quote and a lone ASCII mark or symbol (between_token()), so it
 * seldom returns before the paragraph's end. What this file emits must be byte for byte
 * what scan_word, scan_dots, scan_quote and the punctuation path of words.c would: keep
 * every grammar here exactly that narrow, and hand over at the first token it does not
 * know.
 *
 * Speed: word ends come from a 64-byte mask of lower-case letters the loop already holds
 * (SSE2; 16, 8 or 1 bytes at a time elsewhere), so the step from one word to the next is
 * a shift and a count rather than a load and a compare on the loop's dependency chain;
 * wide_token() reads capitals and joiners from masks of 32 bytes the same way.
 */
#include <string.h>

#include "tok.h"

/* The end of the run of ASCII lower-case letters starting at q (q <= end). Eight bytes
 * at a time where the platform allows: a byte-by-byte loop mispredicts its exit at the
 * end of nearly every word, which is most of the cost of tokenizing plain text. */
static inline uint32_t lower_run_end(const unsigned char *s, uint32_t q, uint32_t end)
{
#ifdef TOK_SSE2
    /* 16 bytes at a time: nearly every word ends inside the first block. */
    const __m128i a = _mm_set1_epi8('a'), z = _mm_set1_epi8('z');
    while (end - q >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + q));
        /* 'a' <= x <= 'z' as unsigned bytes */
        __m128i lower = _mm_and_si128(_mm_cmpeq_epi8(_mm_max_epu8(x, a), x),
                                      _mm_cmpeq_epi8(_mm_min_epu8(x, z), x));
        unsigned other = ~(unsigned)_mm_movemask_epi8(lower) & 0xFFFF;
        if (other)
            return q + (uint32_t)__builtin_ctz(other);
        q += 16;
    }
#endif
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t L = 0x0101010101010101ull, H = 0x8080808080808080ull;
    while (end - q >= 8) {
        uint64_t x, ge_a, ge_brace, lower;
        memcpy(&x, s + q, 8);
        /* per byte, high bit set when: x >= 'a', x >= '{' (computed on x | 0x80, so no
         * borrow crosses bytes); lower = ASCII and in ['a', 'z'] */
        ge_a = ((x | H) - 'a' * L) & H;
        ge_brace = ((x | H) - '{' * L) & H;
        lower = ge_a & ~ge_brace & ~x & H;
        if (lower != H)
            return q + (uint32_t)(__builtin_ctzll(~lower & H) >> 3);
        q += 8;
    }
#endif
    while (q < end && s[q] >= 'a' && s[q] <= 'z')
        q++;
    return q;
}

#ifdef TOK_SSE2
/* Bit i set when p[i] is an ASCII lower-case letter, for the 64 bytes at p: the fast
 * path finds most word ends in a mask it already holds, so the step from one word to
 * the next is a shift and a count, not a load and a compare. 'a'..'z' plus 0x80 - 'a'
 * are the only bytes that become -128..-103 as signed bytes. */
static inline uint64_t lower_mask64(const unsigned char *p)
{
    const __m128i bias = _mm_set1_epi8((char)(0x80 - 'a')), lim = _mm_set1_epi8((char)(-128 + 26));
    uint64_t m = 0;

    for (int i = 0; i < 4; i++) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * i));
        x = _mm_add_epi8(x, bias);
        m |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(x, lim)) << (16 * i);
    }
    return m;
}
#endif

#ifdef TOK_SSE2
/* For the 32 bytes at p, bit i for p[i]: ASCII capitals, lower-case letters, the joiners
 * ' and -, and ' alone. */
static inline void word_masks32(const unsigned char *p, uint32_t *up, uint32_t *lo, uint32_t *join,
                                uint32_t *ap)
{
    const __m128i bias_a = _mm_set1_epi8((char)(0x80 - 'a')),
                  bias_A = _mm_set1_epi8((char)(0x80 - 'A')),
                  lim = _mm_set1_epi8((char)(-128 + 26)), apos = _mm_set1_epi8('\''),
                  hyphen = _mm_set1_epi8('-');
    uint32_t u = 0, l = 0, j = 0, a = 0;

    for (int i = 0; i < 2; i++) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * i));
        __m128i xa = _mm_cmpeq_epi8(x, apos);
        unsigned sh = 16 * (unsigned)i;
        u |= (uint32_t)_mm_movemask_epi8(_mm_cmplt_epi8(_mm_add_epi8(x, bias_A), lim)) << sh;
        l |= (uint32_t)_mm_movemask_epi8(_mm_cmplt_epi8(_mm_add_epi8(x, bias_a), lim)) << sh;
        j |= (uint32_t)_mm_movemask_epi8(_mm_or_si128(xa, _mm_cmpeq_epi8(x, hyphen))) << sh;
        a |= (uint32_t)_mm_movemask_epi8(xa) << sh;
    }
    *up = u;
    *lo = l;
    *join = j;
    *ap = a;
}
#endif

/* The end of the run of ASCII lower-case letters at q (q <= end) in tok_plain_words: from
 * the mask of the block of 64 bytes that holds it (*blk_mask, of the bytes from *blk),
 * computed when the run leaves the block; near the paragraph end the block is its last 64
 * bytes (a run that reaches the end stops there), and lower_run_end takes a paragraph
 * shorter than that. Inline: the block stays in the loop's registers. */
static inline uint32_t lower_end(const unsigned char *s, uint32_t q, uint32_t end, uint32_t *blk,
                                 uint64_t *blk_mask)
{
#ifdef TOK_SSE2
    for (;;) {
        if (q - *blk < 64) {
            uint64_t m = ~*blk_mask >> (q - *blk);
            if (m)
                return q + (uint32_t)__builtin_ctzll(m);
            q = *blk + 64;
        }
        if (q >= end) /* a run to the paragraph's end */
            return q;
        if (end - q >= 64)
            *blk = q;
        else if (end >= 64)
            *blk = end - 64;
        else
            return lower_run_end(s, q, end);
        *blk_mask = lower_mask64(s + *blk);
    }
#else
    (void)blk;
    (void)blk_mask;
    return lower_run_end(s, q, end);
#endif
}

/* What may follow a token of the fast path (tok_plain_words), by its next byte: FE_NO, the
 * general path must judge the token (a letter, a digit, an apostrophe or hyphen that may
 * join, a character that may continue a URL, any non-ASCII byte); FE_STOP, FE_COLON and
 * FE_APOS, the wider grammar of wide_token() decides; FE_COMMA, a comma, which ends a word
 * but may join the digits of a number (wide_token decides after a number); FE_END, the
 * token ends and the byte is taken at the loop's top (between_token) or by tok_words
 * (quotes, brackets, symbols, controls);
 * FE_MARK, a mark the fast path emits itself (; ) ! ?, and the comma); FE_SPACE, the
 * usual space, skipped. Bytes 0x80 and up are FE_NO (the entries past the list are zero).
 * The order matters: after a word the classes below FE_COMMA go to wide_token, after a
 * number those below FE_END, one comparison either way. */
enum { FE_NO = 0, FE_STOP, FE_COLON, FE_APOS, FE_COMMA, FE_END, FE_MARK, FE_SPACE };
#define N FE_NO
#define T FE_STOP
#define C FE_COLON
#define A FE_APOS
#define K FE_COMMA
#define E FE_END
#define M FE_MARK
#define W FE_SPACE
static const unsigned char fast_end[256] = {
    E, E, E, E, E, E, E, E, E, E, E, E, E, E, E, E, /* 0x00: controls */
    E, E, E, E, E, E, E, E, E, E, E, E, E, E, E, E, /* 0x10 */
    W, M, E, E, E, N, E, A, E, M, E, N, K, N, T, E, /* 0x20:  !"#$%&'()*+,-./ */
    N, N, N, N, N, N, N, N, N, N, C, M, E, E, E, M, /* 0x30: 0-9 :;<=>? */
    N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, /* 0x40: @A-O */
    N, N, N, N, N, N, N, N, N, N, N, E, E, E, E, N, /* 0x50: P-Z [\]^_ */
    E, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, /* 0x60: `a-o */
    N, N, N, N, N, N, N, N, N, N, N, E, E, E, E, E  /* 0x70: p-z {|}~ DEL */
};
#undef N
#undef T
#undef C
#undef A
#undef K
#undef E
#undef M
#undef W

static inline uint32_t digit_run_end(const unsigned char *s, uint32_t q, uint32_t end)
{
    while (q < end && tok_ascii_digit(s[q]))
        q++;
    return q;
}

/* The full stop at q ends the token [pos, q) and is a token of its own, in scan_one's
 * rules and abbrev.c's: the byte after it is ASCII and no letter, digit or . _ + % @ :
 * - (or the paragraph ends), and the token is a word of two letters or more that is no
 * abbreviation (letters_only: tok_stop_is_abbrev asks only about words of letters
 * alone) or any other token; a non-ASCII byte after it may still join the digits of a
 * bare number (scan_one's classes know more digits than ASCII). */
static inline int stop_ends_token(const tok_config *cfg, const unsigned char *s, uint32_t pos,
                                  uint32_t q, uint32_t end, int letters_only, int bare_number)
{
    unsigned char x = q + 1 < end ? s[q + 1] : ' ';

    if (x >= 0x80 ? bare_number : fast_end[x] == FE_NO || x == '.' || x == ':')
        return 0;
    return !letters_only || (q - pos >= 2 && !tok_lexicon_get_if(cfg->lex, (const char *)s + pos,
                                                                 q - pos, TOK_LEX_ANY_ABBREV));
}

/* The wider grammar of the fast path, for a token tok_plain_words could not end: returns the
 * end of the token at pos and sets *kind and *flags, or returns pos when scan_word must
 * take it. A token here is one of
 *   - ASCII words: runs of capitals then lower case ("AOL", "MPs"), joined by an inner
 *     apostrophe or hyphen before a letter ("AOL's", "high-speed", "O'Brien"); no capital
 *     follows a lower-case letter inside a run, so no glued caption can be cut (rule 1),
 *     and after a joiner a run starts a new segment, as in scan_one;
 *   - numbers: digits with inner . , : between digits, then a % or a run of lower case
 *     ("2001", "22,000", "76%", "1990s", "1.13bn": the last two words);
 * each followed by what cannot extend it, in scan_one's rules or as a URL, an address
 * or U.S. (abbrev.c):
 *   - a full stop before a byte that is ASCII and no letter, digit or . _ + % @ : -
 *     (or the end), after a word of two letters or more that is no abbreviation
 *     (tok_stop_is_abbrev asks only about words of letters alone), or a number;
 *   - a colon not before "//" (no scheme);
 *   - an apostrophe after a number (no elision joins a digit);
 *   - after a number without % or letters, a . , : before a non-ASCII byte may still
 *     join digits (scan_one's classes know more digits than ASCII): not here. */
#if defined(__GNUC__)
__attribute__((noinline)) /* out of the hot loop: its registers are the loop's */
#endif
static uint32_t
wide_token(const tok_config *cfg, const unsigned char *s, uint32_t pos, uint32_t end,
           uint16_t *kind, uint16_t *flags)
{
    uint32_t q = pos;
    int bare_number = 0, letters_only = 0;
    unsigned char e, x;

    if (tok_ascii_digit(s[q])) {
        q = digit_run_end(s, q, end);
        while (q + 1 < end && (s[q] == '.' || s[q] == ',' || s[q] == ':') &&
               tok_ascii_digit(s[q + 1]))
            q = digit_run_end(s, q + 1, end);
        *kind = LEDE_TOK_NUMBER;
        *flags = 0;
        if (q < end && s[q] == '%') {
            q++;
        } else if (q < end && tok_ascii_lower(s[q])) {
            q = lower_run_end(s, q, end);
            *kind = LEDE_TOK_WORD;
            *flags = TOK_F_INERT;
        } else {
            bare_number = 1;
        }
    } else {
        unsigned n_letters = 0, n_upper = 0;
        int apostrophe = 0;
        letters_only = 1;
#ifdef TOK_SSE2
        if (end >= 32) {
            /* the same grammar from masks of the 32 bytes that hold the word's start: it
             * stops at the first byte that is no letter and no joiner between two letters,
             * or at a capital after a lower-case letter; the old loop below for a word
             * that reaches the last byte of the block (its joiner's next letter is out of
             * sight) or a paragraph shorter than the block */
            uint32_t base = end - pos >= 32 ? pos : end - 32, d = pos - base, k;
            uint32_t up, lo, join, ap, letters, stop;
            word_masks32(s + base, &up, &lo, &join, &ap);
            letters = up | lo;
            join &= letters << 1 & letters >> 1;
            stop = (~(letters | join) | (up & lo << 1)) & (~1u << d);
            k = stop ? (uint32_t)__builtin_ctz(stop) : 32;
            if (k < 31) {
                uint32_t range = ((1u << k) - 1) & (~0u << d), lr = letters & range;
                apostrophe = (ap & join & range) != 0;
                if (apostrophe && cfg->clitics)
                    return pos;
                letters_only = (join & range) == 0;
                q = base + k;
                *kind = LEDE_TOK_WORD;
                *flags = (uint16_t)((tok_ascii_upper(s[pos]) ? LEDE_TOKF_CAPITALIZED : 0) |
                                    ((lr & (lr - 1)) && !(lo & range) ? LEDE_TOKF_ALLCAPS : 0) |
                                    (apostrophe ? LEDE_TOKF_APOSTROPHE : 0) |
                                    (q - pos >= 2 || !tok_ascii_lower(s[pos]) ? TOK_F_INERT : 0));
                goto ends;
            }
        }
#endif
        for (;;) {
            uint32_t run = q;
            while (q < end && tok_ascii_upper(s[q]))
                q++;
            n_upper += q - run;
            q = lower_run_end(s, q, end);
            n_letters += q - run;
            if (q + 1 < end && (s[q] == '\'' || s[q] == '-') &&
                (tok_ascii_upper(s[q + 1]) || tok_ascii_lower(s[q + 1]))) {
                apostrophe |= s[q] == '\'';
                letters_only = 0;
                q++;
                continue;
            }
            break;
        }
        if (q == pos || (apostrophe && cfg->clitics))
            return pos;
        *kind = LEDE_TOK_WORD;
        *flags = (uint16_t)((tok_ascii_upper(s[pos]) ? LEDE_TOKF_CAPITALIZED : 0) |
                            (n_letters >= 2 && n_upper == n_letters ? LEDE_TOKF_ALLCAPS : 0) |
                            (apostrophe ? LEDE_TOKF_APOSTROPHE : 0) |
                            (q - pos >= 2 || !tok_ascii_lower(s[pos]) ? TOK_F_INERT : 0));
    }
#ifdef TOK_SSE2
ends:
#endif
    e = q < end ? s[q] : ' ';
    x = q + 1 < end ? s[q + 1] : ' ';
    switch (fast_end[e]) {
    case FE_SPACE:
    case FE_END:
        return q;
    case FE_MARK:
        return q;
    case FE_COMMA:
        return bare_number && x >= 0x80 ? pos : q;
    case FE_COLON:
        if ((bare_number && x >= 0x80) || (q + 2 < end && x == '/' && s[q + 2] == '/'))
            return pos;
        return q;
    case FE_APOS:
        return *kind == LEDE_TOK_NUMBER ? q : pos;
    case FE_STOP:
        return stop_ends_token(cfg, s, pos, q, end, letters_only, bare_number) ? q : pos;
    default:
        return pos;
    }
}

/* The commonest tokens of wide_token's grammar, without its rescan: a word [pos, q) of a
 * letter and lower-case letters, then joined words of lower-case letters, each after an
 * inner hyphen or apostrophe ("high-speed", "government's", "year-on-year"). Returns the
 * token's end in the low 32 bits, and LEDE_TOKF_APOSTROPHE in the high ones when an
 * apostrophe joins it, when wide_token would end it
 * there (before a space, a comma, a mark or symbol that cannot extend it, or a full stop
 * that stop_ends_token lets end it); else pos, and wide_token decides: a capital or digit
 * after a joiner or after a lower-case letter, a colon, an apostrophe with clitics = true
 * (scan_word splits it), an apostrophe or other byte at the end. s[q] is the joiner
 * (q < end). */
#if defined(__GNUC__)
__attribute__((noinline)) /* out of the hot loop, as wide_token */
#endif
static uint64_t
joined_word(const tok_config *cfg, const unsigned char *s, uint32_t pos, uint32_t q, uint32_t end)
{
    unsigned char x = s[q];
    uint64_t apos = 0;
    unsigned fe;

    while ((x == '-' || (x == '\'' && !cfg->clitics)) && q + 1 < end && tok_ascii_lower(s[q + 1])) {
        if (x == '\'')
            apos = (uint64_t)LEDE_TOKF_APOSTROPHE << 32;
        q = lower_run_end(s, q + 2, end);
        x = q < end ? s[q] : ' ';
    }
    /* nothing joined (x is still the joiner: FE_NO or FE_APOS) falls through to pos */
    fe = fast_end[x];
    if (fe >= FE_COMMA || (fe == FE_STOP && stop_ends_token(cfg, s, pos, q, end, 0, 0)))
        return apos | q;
    return pos;
}

/* What tok_words makes of the ASCII byte at s[pos] between words (pos is past the start
 * of the paragraph, so s[pos - 1] is in it): BETWEEN_SKIP for a space, BETWEEN_TOKEN for
 * a token of that byte alone, its kind and flags in *kf as tok_plain_words keeps them
 * (a straight double quote judged open or closed from its neighbours as scan_quote does,
 * a mark or symbol as the ASCII punctuation path does), BETWEEN_STOP for the rest, left
 * to tok_words: line breaks, non-ASCII bytes and their neighbours, full stops and
 * apostrophes (their rules), markup and escapes (< & \), a '[' (the paragraph's flag),
 * and a byte repeated (it may start a rule of four, clean.c's). */
enum { BETWEEN_STOP, BETWEEN_SKIP, BETWEEN_TOKEN };

static inline int between_token(const unsigned char *s, uint32_t pos, uint32_t end, uint32_t *kf)
{
    unsigned char c = s[pos], n, p;
    int cc, open;

    if (c == ' ')
        return BETWEEN_SKIP;
    if (c >= 0x80)
        return BETWEEN_STOP;
    cc = tok_ascii_class[c];
    n = pos + 1 < end ? s[pos + 1] : ' ';
    if ((cc != TOK_CC_PUNCT && cc != TOK_CC_SYMBOL) || n == c || c == '.' || c == '\'' ||
        c == '<' || c == '&' || c == '\\' || c == '[')
        return BETWEEN_STOP;
    if (c != '"') {
        *kf = (cc == TOK_CC_PUNCT ? LEDE_TOK_PUNCT : LEDE_TOK_SYMBOL) |
              (uint32_t)(c == '?' || c == '!' ? 0 : TOK_F_INERT) << 16;
        return BETWEEN_TOKEN;
    }
    p = s[pos - 1];
    if (p >= 0x80 || n >= 0x80 || tok_ascii_digit(p)) /* 12" may be inches: scan_quote */
        return BETWEEN_STOP;
    /* scan_quote: open after white space or an opening bracket, dash, quote or slash,
     * and before no white space */
    open = (tok_ascii_class[p] == TOK_CC_SPACE || p == '(' || p == '[' || p == '{' || p == '-' ||
            p == '"' || p == '/') &&
           tok_ascii_class[n] != TOK_CC_SPACE;
    *kf = LEDE_TOK_PUNCT |
          (uint32_t)((open ? LEDE_TOKF_OPEN_QUOTE : LEDE_TOKF_CLOSE_QUOTE) | TOK_F_INERT) << 16;
    return BETWEEN_TOKEN;
}

/* Writes the token [start, end) with its kind in the low half of kf and its flags in the
 * high half at t; returns the slot after it. */
static inline lede_token *put_token(lede_token *t, uint32_t start, uint32_t end, uint32_t kf)
{
    t->start = start;
    t->end = end;
    t->kind = (uint16_t)kf;
    t->flags = (uint16_t)(kf >> 16);
    return t + 1;
}

/* Makes room for a token and a mark after it when t has reached *t_last: returns where t
 * is in the grown array and sets *t_last, or NULL when the array cannot grow. */
TOK_COLD static lede_token *grow(tok_vec *vec, const lede_token *t, lede_token **t_last)
{
    vec->n = (size_t)(t - vec->v);
    if (tok_vec_reserve(vec, 2))
        return NULL;
    *t_last = vec->v + vec->cap - 1; /* cap >= n + 2 now */
    return vec->v + vec->n;
}

/* Each token is a word of lower-case letters after one capital at most, or a run of
 * digits, ended by a space, a line break, a mark or a symbol that cannot extend it
 * (fast_end); anything else at its end goes to wide_token(). Between words, what
 * between_token() knows. */
uint32_t tok_plain_words(const tok_config *cfg, const unsigned char *s, uint32_t pos, uint32_t end,
                         tok_vec *vec, int *rc)
{
    /* the array in locals, as a pointer to the next token and one to the last slot with
     * room for a token and a mark after it: stores through t would otherwise make the
     * compiler reload vec->n and vec->v for every token, and an index costs a multiply */
    lede_token *t = vec->v + vec->n, *t_last = vec->cap ? vec->v + vec->cap - 1 : t;
    /* blk_mask holds the 64 bytes from blk (lower_end); none yet (q - blk >= 64 for every
     * q >= pos) */
    uint32_t blk = pos - 64;
    uint64_t blk_mask = 0;

    while (pos < end) {
        unsigned char c = s[pos], e;
        /* the token's kind in the low half and its flags in the high half: one register
         * for both, so the loop's variables fit in registers */
        uint32_t q, kf;

        if ((unsigned)((c | 0x20) - 'a') < 26) {
            /* a word (kind 0), the commonest, tested first; a capital: capitalised and
             * inert (no list marker), but see below */
            _Static_assert(LEDE_TOK_WORD == 0, "the kind of a word is the zero low half");
            kf = (uint32_t)tok_ascii_upper(c) * ((LEDE_TOKF_CAPITALIZED | TOK_F_INERT) << 16);
            q = lower_end(s, pos + 1, end, &blk, &blk_mask);
            /* inert unless a lower-case letter alone (a list marker?), but see below */
            kf |= (uint32_t)(q - pos >= 2) * (TOK_F_INERT << 16);
        } else if (tok_ascii_digit(c)) {
            q = digit_run_end(s, pos + 1, end);
            kf = LEDE_TOK_NUMBER;
        } else {
            /* between words (not at the first byte: tok_words starts on a word) */
            int what = between_token(s, pos, end, &kf);
            if (what == BETWEEN_STOP)
                break;
            if (what == BETWEEN_TOKEN) {
                if (t >= t_last && !(t = grow(vec, t, &t_last))) {
                    *rc = LEDE_ENOMEM;
                    return pos;
                }
                t = put_token(t, pos, pos + 1, kf);
            }
            pos++;
            continue;
        }
        e = q < end ? s[q] : ' ';
        if (e == ' ') {
            /* The commonest end, a space (or the paragraph's end), first and on its own
             * path: no rule extends the token. Before a space no token is glued to this
             * one, so a letter alone or a run of digits is no list marker (those need a
             * "." or ")" glued to them) and no rule acts on it unless the next word is
             * capitalised: inert too (tok.h). Then the space is skipped. */
            if (t >= t_last && !(t = grow(vec, t, &t_last))) {
                *rc = LEDE_ENOMEM; /* vec->n counts the tokens made */
                return pos;
            }
            t = put_token(t, pos, q, kf | (uint32_t)TOK_F_INERT << 16);
            pos = q + (q < end);
            continue;
        }
        if (e == '.' && (uint16_t)kf == LEDE_TOK_WORD) {
            /* the end of most sentences: judged here, without wide_token's rescan */
            if (!stop_ends_token(cfg, s, pos, q, end, 1, 0))
                break;
        } else if (fast_end[e] < ((uint16_t)kf == LEDE_TOK_NUMBER ? FE_END : FE_COMMA)) {
            uint64_t r;
            if ((uint16_t)kf == LEDE_TOK_WORD && (e == '-' || e == '\'') &&
                (uint32_t)(r = joined_word(cfg, s, pos, q, end)) != pos) {
                /* "high-speed", "government's": the wider grammar's token and flags (kf
                 * has the capital's) */
                q = (uint32_t)r;
                e = q < end ? s[q] : ' ';
                kf |= (uint32_t)(r >> 32 | TOK_F_INERT) << 16;
            } else {
                /* its own variables: taking the address of kind and flags would keep them
                 * in memory for every token */
                uint16_t wkind, wflags;
                q = wide_token(cfg, s, pos, end, &wkind, &wflags);
                if (q == pos)
                    break;
                kf = wkind | (uint32_t)wflags << 16;
                e = q < end ? s[q] : ' ';
            }
        }
        if (t >= t_last && !(t = grow(vec, t, &t_last))) {
            *rc = LEDE_ENOMEM; /* vec->n counts the tokens made */
            return pos;
        }
        t = put_token(t, pos, q, kf);
        if (e == ' ' && q < end) {
            pos = q + 1; /* a space after the wider grammar's token */
            continue;
        }
        pos = q;
        /* , ; ) ! ? after the word: a token of its own with nothing to judge, as in
         * tok_words (unless it starts a rule of four, which clean.c drops); a full stop
         * (the word took it as no abbreviation) as scan_dots makes it, unless ". . ."
         * follows. Then the space after it. */
        if (e == '.') {
            if (q + 2 < end && s[q + 1] == ' ' && s[q + 2] == '.')
                continue;
        } else if (e != ',' && e != ';' && e != ')' && e != '!' && e != '?') {
            continue;
        } else if (q + 3 < end && s[q + 1] == e && s[q + 2] == e && s[q + 3] == e) {
            break;
        }
        t = put_token(t, q, q + 1,
                      LEDE_TOK_PUNCT |
                          (uint32_t)(e == '?' || e == '!' || e == '.' ? 0 : TOK_F_INERT) << 16);
        pos = q + 1 < end && s[q + 1] == ' ' ? q + 2 : q + 1;
    }
    vec->n = (size_t)(t - vec->v);
    return pos;
}

uint32_t tok_lower_run_end(const unsigned char *s, uint32_t q, uint32_t end)
{
    return lower_run_end(s, q, end);
}
