/*
 * marks.c -- finding quotation marks, telling them from apostrophes, and pairing them.
 *
 * The text is scanned for every character that can be a quotation mark: the directed ones
 * (“ ” ‘ ’ „ ‟ ‚ ‛ « » ‹ ›), the straight ones (" ') and the doubled apostrophes and
 * backticks of some archives ('' for ", `` for “). Each is classified by what stands on
 * either side of it: a ’ between letters (doesn’t) or before a digit (’90s) is an
 * apostrophe, a ’ after a word with no single quotation open is a possessive (presidents’,
 * Jones'), a straight " opens after a space and closes before one. Marks are then paired
 * with a stack, by class (double, single, guillemets), so a quotation nested in another
 * stays inside its parent and only top-level quotations become segments.
 *
 * News style writes a quotation that runs over several paragraphs with an opening mark at
 * the start of each paragraph and a closing mark only at the very end. So a quotation
 * still open at the end of a paragraph is cut there and continued by the next paragraph
 * that opens with a mark of the same class and style (a mark-free paragraph or two, such
 * as an image caption, may stand between; an excerpt opened with " is not continued by a
 * “). When paragraph breaks were lost, an opening mark of the open class right after a
 * sentence end plays the same role. Each piece becomes its own segment, linked to the
 * previous one by `continues`.
 *
 * Stray closing marks and quotations that are never closed (nor continued) are reported
 * as document warnings and skipped, and extraction goes on: a paragraph whose opening mark
 * never closes is read again without it (a few times at most), so that the quotations it
 * swallowed are still found. Every step is linear: each mark is looked at a bounded number
 * of times, and a closing mark searches at most a few levels down the stack, so 20,000
 * nested marks cost nothing noticeable. Most of a text holds no mark at all: it is read
 * 32 bytes at a time (SSE2 where the compiler has it, a byte loop elsewhere), each block
 * once, its candidates taken from a bit mask. An apostrophe between ASCII letters or digits
 * is told by its two neighbours and never kept as a candidate (an apostrophe-heavy text
 * costs no memory per apostrophe); whether a paragraph holds one is read again only where
 * the pairing asks (a quotation left open at a paragraph's end).
 */
#include <string.h>

#include <utf8proc.h>

#include "qt.h"

#if defined(__SSE2__) && defined(__GNUC__) && !defined(QT_NO_SIMD)
#include <emmintrin.h>
#define QT_SSE2 1
#endif
#ifdef QT_AVX2
#include <immintrin.h>
#endif

/* Classes of marks that pair with each other. */
enum { CLS_DOUBLE = 0, CLS_SINGLE, CLS_GUIL, CLS_SGUIL, CLS_COUNT };

/* What stands next to a mark. */
enum { CTX_START = 0, CTX_SPACE, CTX_OPENP, CTX_WORD, CTX_DIGIT, CTX_PUNCT, CTX_END };

enum { ROLE_APOS = 0, ROLE_OPEN, ROLE_CLOSE };

/* How far down the stack a closing mark looks for its opening mark. Deeper mismatches
 * are reported as stray marks; the bound keeps pairing linear on hostile input. */
#define MAX_UNWIND 4
/* Mark-free paragraphs (captions, bylines) allowed between two paragraphs of one quote. */
#define MAX_SKIPPED_PARAGRAPHS 2
/* Warnings per document; the rest are counted in one final warning. */
#define MAX_WARNINGS 16
/* How many times a paragraph is read again after dropping an unclosed mark. */
#define MAX_RERUNS 4

typedef struct cand {
    uint32_t start, end; /* bytes of the mark */
    int32_t cp;
    uint32_t para;
    uint8_t cls;
    uint8_t prev, next;   /* CTX_* */
    uint8_t after_stop;   /* first in its paragraph, or right after . ! ? and spaces */
    uint8_t para_first;   /* only whitespace before it in its paragraph */
    uint8_t elision;      /* 'em, 'n', 'tis: the mark is an apostrophe */
    uint8_t plural_poss;  /* s’ followed by a lower-case word: may be a possessive */
    uint8_t later_closer; /* a closing-like single mark follows in the paragraph */
    uint8_t warned;       /* a paragraph read twice reports each mark once */
} cand;

typedef struct pairing {
    const qt_view *v;
    cand *c;
    size_t n_c;
    qt_seg *seg;
    size_t n_seg, cap_seg;
    uint32_t *stack; /* candidate indices */
    size_t depth;
    size_t open[CLS_COUNT];
    uint32_t open_link; /* `continues` for the segment opened at depth 0 */
    uint32_t pending;   /* unclosed segment waiting for a continuation, or LEDE_NONE */
    uint8_t pending_cls;
    int pending_skipped;
    size_t warnings;
    size_t work; /* candidates read (again, for a paragraph read again), levels searched */
} pairing;

static void warn(pairing *p, cand *c, uint32_t offset, const char *what)
{
    if (c) {
        if (c->warned)
            return;
        c->warned = 1;
    }
    p->warnings++;
    if (p->warnings <= MAX_WARNINGS)
        lede_doc_warn(p->v->doc, offset, "%s", what);
}

/* Decodes the code point at text[i] (i < len); *n receives its length. Invalid bytes
 * count as one unknown character (the host already replaced invalid UTF-8). */
static int32_t cp_at(const char *text, size_t len, size_t i, size_t *n)
{
    if ((unsigned char)text[i] < 0x80) {
        *n = 1;
        return (unsigned char)text[i];
    }
    utf8proc_int32_t cp = -1;
    utf8proc_ssize_t k =
        utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i), &cp);
    *n = k > 0 ? (size_t)k : 1;
    return k > 0 ? cp : -1;
}

/* The code point that ends just before byte i (i > 0); *at receives its first byte. */
static int32_t cp_before(const char *text, size_t len, size_t i, size_t *at)
{
    size_t j = i - 1, n;
    while (j > 0 && i - j < 4 && ((unsigned char)text[j] & 0xC0) == 0x80)
        j--;
    *at = j;
    return cp_at(text, len, j, &n);
}

static int is_mark_cp(int32_t cp)
{
    switch (cp) {
    case '"':
    case '\'':
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0xAB:
    case 0xBB:
    case 0x2039:
    case 0x203A:
        return 1;
    default:
        return 0;
    }
}

static uint8_t class_of(int32_t cp)
{
    switch (cp) {
    case '\'':
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
        return CLS_SINGLE;
    case 0xAB:
    case 0xBB:
        return CLS_GUIL;
    case 0x2039:
    case 0x203A:
        return CLS_SGUIL;
    default:
        return CLS_DOUBLE;
    }
}

/* ctx_class() for a code point of U+0080 or above: out of line, as most marks stand next
 * to ASCII. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static uint8_t
ctx_class_unicode(int32_t cp);

/* What the Unicode categories of ctx_class_unicode() say of each ASCII character: space
 * (controls included), word (letters), digit, opening (( [ { -), punctuation. A table: the
 * tests it replaces were a chain of branches on whatever stands next to a mark. */
enum { SP = CTX_SPACE, WO = CTX_WORD, DI = CTX_DIGIT, OP = CTX_OPENP, PU = CTX_PUNCT };
/* clang-format off */
static const uint8_t ascii_ctx[128] = {
    SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP,
    SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP,
    SP, PU, PU, PU, PU, PU, PU, PU, OP, PU, PU, PU, PU, OP, PU, PU,
    DI, DI, DI, DI, DI, DI, DI, DI, DI, DI, PU, PU, PU, PU, PU, PU,
    PU, WO, WO, WO, WO, WO, WO, WO, WO, WO, WO, WO, WO, WO, WO, WO,
    WO, WO, WO, WO, WO, WO, WO, WO, WO, WO, WO, OP, PU, PU, PU, PU,
    PU, WO, WO, WO, WO, WO, WO, WO, WO, WO, WO, WO, WO, WO, WO, WO,
    WO, WO, WO, WO, WO, WO, WO, WO, WO, WO, WO, OP, PU, PU, PU, SP,
};
/* clang-format on */

static inline uint8_t ctx_class(int32_t cp)
{
    if (cp < 0)
        return CTX_PUNCT;
    if (cp < 0x80)
        return ascii_ctx[cp];
    return ctx_class_unicode(cp);
}

static uint8_t ctx_class_unicode(int32_t cp)
{
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC:
        return CTX_SPACE;
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
        return CTX_WORD;
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return CTX_DIGIT;
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PI:
        return CTX_OPENP;
    default:
        return CTX_PUNCT;
    }
}

/* The elided words an apostrophe may begin: rock 'n' roll, 'em, 'tis, 'cause. */
static int elision_at(const char *text, size_t len, size_t i)
{
    static const char *const words[] = {"n",    "em",    "tis",  "twas", "cause", "til",
                                        "bout", "round", "nuff", "cept", "kay",   NULL};
    size_t n = 0;
    while (
        i + n < len && n < 8 &&
        ((text[i + n] >= 'a' && text[i + n] <= 'z') || (text[i + n] >= 'A' && text[i + n] <= 'Z')))
        n++;
    if (n == 0 || n >= 8 ||
        (i + n < len && (unsigned char)text[i + n] >= 0x80 && ((unsigned char)text[i + n] != 0xE2)))
        return 0;
    for (size_t w = 0; words[w]; w++) {
        if (strlen(words[w]) != n)
            continue;
        size_t k = 0;
        while (k < n && (text[i + k] | 0x20) == words[w][k])
            k++;
        if (k == n)
            return 1;
    }
    return 0;
}

/* Fills the context of a mark at [start, end) in paragraph [ps, pe). */
static void describe(const qt_view *v, cand *c, uint32_t ps, uint32_t pe)
{
    const char *text = v->text;
    size_t len = v->len, at, n;
    if (c->start <= ps) {
        c->prev = CTX_START;
    } else {
        int32_t prev = cp_before(text, len, c->start, &at);
        c->prev = ctx_class(prev);
        /* A straight mark right after another opening one ("'Hi'") opens as well. */
        if ((prev == '"' || prev == '\'') && at > ps) {
            size_t at2;
            uint8_t pp = ctx_class(cp_before(text, len, at, &at2));
            if (pp == CTX_SPACE || pp == CTX_OPENP)
                c->prev = CTX_OPENP;
        } else if (prev == '"' || prev == '\'') {
            c->prev = CTX_OPENP;
        }
    }
    if (c->end >= pe) {
        c->next = CTX_END;
    } else {
        int32_t next = cp_at(text, len, c->end, &n);
        c->next = ctx_class(next);
        if (next == 0x2019 || next == 0x201D || next == '"' || next == '\'')
            c->next = CTX_PUNCT;
    }
    /* After a sentence end, or first in the paragraph (past a no-break space too). */
    size_t j = c->start, sp;
    while (j > ps && (sp = qt_space_before(text, ps, j)) > 0)
        j -= sp;
    if (j <= ps) {
        c->after_stop = 1;
        c->para_first = 1;
    } else if (j < c->start) {
        char ch = text[j - 1];
        c->after_stop = ch == '.' || ch == '!' || ch == '?';
        if (!c->after_stop && j >= 3 && (unsigned char)text[j - 3] == 0xE2 &&
            (unsigned char)text[j - 2] == 0x80 && (unsigned char)text[j - 1] == 0xA6)
            c->after_stop = 1; /* … */
    }
    if (c->cls == CLS_SINGLE && c->end < pe)
        c->elision = (c->prev == CTX_START || c->prev == CTX_SPACE || c->prev == CTX_OPENP) &&
                     elision_at(text, len, c->end);
    /* rock 'n' roll: the second mark closes the elision, not a quotation. */
    if (c->cls == CLS_SINGLE && c->start >= 2 && text[c->start - 1] == 'n' && c->start >= ps + 2) {
        size_t b;
        int32_t before = cp_before(text, len, c->start - 1, &b);
        if (before == '\'' || before == 0x2018 || before == 0x2019)
            c->elision = 1;
    }
    if (c->cls == CLS_SINGLE && c->start > ps &&
        (text[c->start - 1] == 's' || text[c->start - 1] == 'S')) {
        size_t k = c->end, ks;
        /* presidents’ fears, presidents’\u00a0fears */
        while (k < pe && (ks = text[k] == ' '                   ? 1
                               : (unsigned char)text[k] >= 0xC2 ? qt_space_at(text, k, pe)
                                                                : 0) > 0)
            k += ks;
        c->plural_poss = k > c->end && k < pe && text[k] >= 'a' && text[k] <= 'z';
    }
}

static int closer_like(const cand *c)
{
    return (c->prev == CTX_WORD || c->prev == CTX_DIGIT || c->prev == CTX_PUNCT) &&
           (c->next == CTX_SPACE || c->next == CTX_END || c->next == CTX_PUNCT);
}

static int opener_like(const cand *c)
{
    return (c->prev == CTX_START || c->prev == CTX_SPACE || c->prev == CTX_OPENP) &&
           c->next != CTX_SPACE && c->next != CTX_END;
}

/* A byte that may begin a quotation mark: " ' ` and the lead bytes of « » (0xC2) and of
 * the marks U+2018..U+201F, U+2039, U+203A (0xE2). */
static int cand_byte(unsigned char b)
{
    return (b == '"') | (b == '\'') | (b == '`') | (b == 0xC2) | (b == 0xE2);
}

#ifdef QT_SSE2
/* Byte k of the result is 0xFF when byte k of the 16 at p is a cand_byte(): five compares
 * for 16 bytes. */
static __m128i cand_bytes16(const char *p)
{
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i q =
        _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\'')));
    __m128i r = _mm_or_si128(
        _mm_cmpeq_epi8(x, _mm_set1_epi8('`')),
        _mm_cmpeq_epi8(_mm_and_si128(x, _mm_set1_epi8((char)0xDF)), _mm_set1_epi8((char)0xC2)));
    return _mm_or_si128(q, r);
}

/* Bit k set when byte k of 32 is a cand_byte(), from the cand_bytes16() of their halves. */
static inline uint32_t cand_bits32(__m128i lo, __m128i hi)
{
    return (uint32_t)_mm_movemask_epi8(lo) | (uint32_t)_mm_movemask_epi8(hi) << 16;
}
#endif

/* Bit k set when text[b + k] is a cand_byte(), for k < limit (limit <= 32, b + limit <=
 * len); the last bytes of the text are read one by one. */
static uint32_t cand_block(const char *text, size_t len, size_t b, size_t limit)
{
#ifdef QT_SSE2
    if (b + 32 <= len) {
        uint32_t m = cand_bits32(cand_bytes16(text + b), cand_bytes16(text + b + 16));
        return limit < 32 ? m & ((1u << limit) - 1) : m;
    }
#else
    (void)len;
#endif
    uint32_t m = 0;
    for (size_t k = 0; k < limit; k++)
        m |= (uint32_t)cand_byte((unsigned char)text[b + k]) << k;
    return m;
}

/* The bytes of a paragraph gather_cands() reads at a time, and the room its positions
 * take: one per byte at worst, and the unconditional writes past the last. */
#define SCAN_SPAN 1024
#define SCAN_ROOM (SCAN_SPAN + 64)

/* Appends text offset b + k for each bit k of m to pos[n ..]; returns the new n. */
static size_t put_bits(uint32_t *pos, size_t n, size_t b, uint32_t m)
{
    for (; m; m &= m - 1)
        pos[n++] = (uint32_t)(b + (size_t)__builtin_ctz(m));
    return n;
}

#ifdef QT_AVX2
/* The cand_byte()s of the 32 bytes at p as 0xFF bytes (AVX2). */
__attribute__((target("avx2"))) static inline __m256i cand_bytes32(const char *p)
{
    __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)p);
    __m256i q = _mm256_or_si256(_mm256_cmpeq_epi8(x, _mm256_set1_epi8('"')),
                                _mm256_cmpeq_epi8(x, _mm256_set1_epi8('\'')));
    __m256i r = _mm256_or_si256(_mm256_cmpeq_epi8(x, _mm256_set1_epi8('`')),
                                _mm256_cmpeq_epi8(_mm256_and_si256(x, _mm256_set1_epi8((char)0xDF)),
                                                  _mm256_set1_epi8((char)0xC2)));
    return _mm256_or_si256(q, r);
}

/* The cand_byte()s of the 64 bytes at p as bits (AVX2). */
__attribute__((target("avx2"))) static inline uint64_t cand_bits64(const char *p)
{
    return (uint32_t)_mm256_movemask_epi8(cand_bytes32(p)) |
           (uint64_t)(uint32_t)_mm256_movemask_epi8(cand_bytes32(p + 32)) << 32;
}

/* Appends at + k for each bit k of m to pos[n ..] and returns the new n, with no branch
 * on m when it holds at most two bits: two positions are written whatever it holds (past
 * its count they are overwritten or never read). Two thirds of the steps of news text hold
 * no candidate and 98% at most two: a third and fourth write for every step cost more than
 * the loop's rare branch. */
__attribute__((target("avx2,popcnt,bmi"))) static inline size_t put_bits64(uint32_t *pos, size_t n,
                                                                           size_t at, uint64_t m)
{
    size_t count = (size_t)__builtin_popcountll(m);
    uint32_t *out = pos + n;
    for (int k = 0; k < 2; k++) {
        out[k] = (uint32_t)(at + (size_t)__builtin_ctzll(m | UINT64_C(1) << 63));
        m &= m - 1;
    }
    for (size_t extra = n + 2; m; m &= m - 1) /* more than two */
        pos[extra++] = (uint32_t)(at + (size_t)__builtin_ctzll(m));
    return n + count;
}

/* gather_cands() with AVX2 (and the POPCNT and BMI1 that every AVX2 CPU has), 64 bytes a
 * step with no branch on the text. The whole steps first, with no test of where the span
 * or the text ends; the last step is cut at end by a mask, and near the end of the text it
 * reads the text's last 64 bytes and drops those before the step. Returns the new n; *b is
 * left at end, or where fewer than 64 bytes of text were there to read. */
__attribute__((target("avx2,popcnt,bmi"))) static size_t
gather_avx2(const char *text, size_t len, size_t *b, size_t end, uint32_t *pos, size_t n)
{
    size_t at = *b;
    for (; at + 64 <= end; at += 64) /* end <= len: the 64 bytes are text */
        n = put_bits64(pos, n, at, cand_bits64(text + at));
    if (at < end) {
        uint64_t m;
        if (at + 64 <= len) {
            m = cand_bits64(text + at);
        } else if (len >= 64) {
            m = cand_bits64(text + len - 64) >> (at - (len - 64)); /* 0 < shift < 64 */
        } else {
            *b = at;
            return n;
        }
        m &= (UINT64_C(1) << (end - at)) - 1; /* end - at < 64 */
        n = put_bits64(pos, n, at, m);
        at = end;
    }
    *b = at;
    return n;
}
#endif

/* The offsets of the cand_byte()s of text[b, end) (end - b <= SCAN_SPAN, end <= len) in
 * pos, ascending; returns their number. Most of a text is neither marks nor apostrophes
 * (news text holds one every 140 bytes or so): the candidates are gathered first, 64
 * bytes a step with no branch on the text where the CPU runs AVX2 (else 32 bytes a step
 * and a loop over each step's bits), so that deciding about each candidate is not
 * interleaved with a branch on every block of text, which the CPU mispredicts whenever
 * a block holds one. */
static size_t gather_cands(const char *text, size_t len, size_t b, size_t end, int avx2,
                           uint32_t *pos)
{
    size_t n = 0;
#ifdef QT_AVX2
    if (avx2)
        n = gather_avx2(text, len, &b, end, pos, n);
#else
    (void)avx2;
#endif
    for (; b < end; b += 32)
        n = put_bits(pos, n, b, cand_block(text, len, b, end - b < 32 ? end - b : 32));
    return n;
}

/* An ASCII letter or digit: CTX_WORD or CTX_DIGIT for ctx_class(). */
static int ascii_alnum(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
}

/* The code point of the possible mark at text[i] (a cand_byte()), read from its bytes, and
 * its length in *n; -1 when the character there is no mark (a dash, an ellipsis, a
 * no-break space), whose other bytes are then no cand_byte() either. */
static int32_t mark_at(const char *text, size_t len, size_t i, size_t *n)
{
    unsigned char b = (unsigned char)text[i];
    if (b < 0x80) {
        *n = 1;
        return b;
    }
    if (b == 0xC2) { /* « » */
        unsigned char b1 = i + 1 < len ? (unsigned char)text[i + 1] : 0;
        if (b1 != 0xAB && b1 != 0xBB)
            return -1;
        *n = 2;
        return b1;
    }
    /* 0xE2: U+2018..U+201F, U+2039, U+203A are E2 80 98..9F, E2 80 B9, E2 80 BA. */
    if (i + 2 >= len || (unsigned char)text[i + 1] != 0x80)
        return -1;
    unsigned char b2 = (unsigned char)text[i + 2];
    if ((b2 < 0x98 || b2 > 0x9F) && b2 != 0xB9 && b2 != 0xBA)
        return -1;
    *n = 3;
    return 0x2000 + (b2 - 0x80);
}

/* A zeroed candidate for the mark cp at [i, i + n) of paragraph pi, class cls. */
static void init_cand(cand *c, size_t i, size_t n, int32_t cp, size_t pi, uint8_t cls)
{
    memset(c, 0, sizeof *c);
    c->start = (uint32_t)i;
    c->end = (uint32_t)(i + n);
    c->cp = cp;
    c->para = (uint32_t)pi;
    c->cls = cls;
}

/* What scan_para() does with the marks of a paragraph. */
enum {
    SCAN_STORE,     /* stores them in out */
    SCAN_COUNT,     /* counts them */
    SCAN_APOSTROPHE /* says whether the paragraph holds an in-word apostrophe */
};

/* The candidate bytes of a text handed out in order, paragraph by paragraph: gathered
 * SCAN_SPAN bytes at a time across the paragraphs' ends (a paragraph is some 200 bytes
 * of news text: a gather of its own each cost a call and a cut last step), the bytes
 * between paragraphs passed over. */
typedef struct cand_cursor {
    uint32_t pos[SCAN_ROOM];
    size_t k, n; /* pos[k .. n) are still to be handed out */
    size_t lo;   /* the candidates before this byte are handed out or passed over */
    size_t hi;   /* the text before this byte is gathered */
    int avx2;
} cand_cursor;

static void cursor_init(cand_cursor *cc)
{
    cc->k = cc->n = 0;
    cc->lo = cc->hi = 0;
#ifdef QT_AVX2
    cc->avx2 = qt_cpu_avx2();
#else
    cc->avx2 = 0;
#endif
}

/* Gathers the cursor's next span, from byte ps on (pe <= len: the bytes past the paragraph
 * are gathered too, for the paragraphs after it). */
static void cursor_gather(const qt_view *v, cand_cursor *cc, size_t ps)
{
    size_t w = cc->hi > ps ? cc->hi : ps;
    size_t e = v->len - w > SCAN_SPAN ? w + SCAN_SPAN : v->len;
    cc->n = gather_cands(v->text, v->len, w, e, cc->avx2, cc->pos);
    cc->k = 0;
    cc->hi = e;
}

/* Reads paragraph pi for candidates, from cursor cc. In-word apostrophes (doesn’t, Iran's,
 * 5'10) are an apostrophe whatever is open, as role_of() says of a ’ or ' between letters
 * or digits: they are not stored (news text holds about one every 400 bytes), and only
 * whether a paragraph holds one matters to the pairing (paras_have_apostrophe()). SCAN_STORE
 * appends the marks to out[n_c ..] and returns the new count, or cap + 1 when more than cap
 * would be stored; SCAN_COUNT returns n_c plus the paragraph's marks; SCAN_APOSTROPHE
 * returns 1 when the paragraph holds an in-word apostrophe, else 0. */
static size_t scan_para(const qt_view *v, cand_cursor *cc, size_t pi, int mode, cand *out,
                        size_t cap, size_t n_c)
{
    uint32_t ps = v->para[pi].start, pe = v->para[pi].end;
    if (pe > v->len)
        pe = (uint32_t)v->len;
    if (ps >= pe)
        return mode == SCAN_APOSTROPHE ? 0 : n_c;
    if (ps < cc->lo) {
        /* A paragraph that begins before the bytes handed out (paragraphs out of order, or
         * overlapping): gathered again. */
        cc->k = cc->n = 0;
        cc->lo = cc->hi = ps;
    }
    size_t next = ps; /* the bytes before it are read */
    for (;;) {
        if (cc->k == cc->n) {
            if (cc->hi >= pe)
                break;
            cursor_gather(v, cc, ps);
            continue;
        }
        size_t i = cc->pos[cc->k], n;
        if (i >= pe)
            break;
        cc->k++;
        /* Bytes between paragraphs lie before ps = the first next. Of the other bytes of a
         * mark only the second of '' and `` is a cand_byte(): it lies before next. */
        if (i < next)
            continue;
        int32_t cp = mark_at(v->text, v->len, i, &n);
        if (cp < 0) {
            next = i + 1; /* — … € and the like: none of their other bytes is a
                           * cand_byte() */
            continue;
        }
        if ((cp == '\'' || cp == 0x2019) && i > ps && i + n < pe && ascii_alnum(v->text[i - 1]) &&
            ascii_alnum(v->text[i + n])) {
            if (mode == SCAN_APOSTROPHE)
                return 1;
            next = i + n;
            continue;
        }
        /* Two apostrophes ('') are a straight double mark in some archives (the New York
         * Times' among them), and two backticks (``) an opening one. */
        if (cp == '\'' && i + 1 < pe && v->text[i + 1] == '\'') {
            cp = '"';
            n = 2;
        } else if (cp == '`' && i + 1 < pe && v->text[i + 1] == '`') {
            cp = 0x201C;
            n = 2;
        }
        if (is_mark_cp(cp) && mode != SCAN_APOSTROPHE) {
            if (mode == SCAN_STORE) {
                if (n_c == cap)
                    return cap + 1;
                cand *c = &out[n_c];
                init_cand(c, i, n, cp, pi, class_of(cp));
                describe(v, c, ps, pe);
            }
            n_c++;
        }
        next = i + n;
    }
    cc->lo = pe;
    return mode == SCAN_APOSTROPHE ? 0 : n_c;
}

/* Finds the marks of every paragraph and stores the first cap of them in out. Returns
 * how many it stored, or cap + 1 when there were more (the scan stops there). */
static size_t scan_marks(const qt_view *v, cand *out, size_t cap)
{
    cand_cursor cc;
    cursor_init(&cc);
    size_t n_c = 0;
    for (size_t pi = 0; pi < v->n_para && n_c <= cap; pi++)
        n_c = scan_para(v, &cc, pi, SCAN_STORE, out, cap, n_c);
    return n_c;
}

/* The number of marks scan_marks() finds. */
static size_t count_marks(const qt_view *v)
{
    cand_cursor cc;
    cursor_init(&cc);
    size_t n_c = 0;
    for (size_t pi = 0; pi < v->n_para; pi++)
        n_c = scan_para(v, &cc, pi, SCAN_COUNT, NULL, 0, n_c);
    return n_c;
}

/* One of paragraphs [from, to) holds an in-word apostrophe: to the pairing, a paragraph
 * with a candidate that is no mark (it neither opens the paragraph nor is it free of
 * candidates). One cursor reads them all, as scan_marks() does. */
static int paras_have_apostrophe(const qt_view *v, size_t from, size_t to)
{
    cand_cursor cc;
    cursor_init(&cc);
    for (size_t pi = from; pi < to && pi < v->n_para; pi++)
        if (scan_para(v, &cc, pi, SCAN_APOSTROPHE, NULL, 0, 0))
            return 1;
    return 0;
}

/* Marks a document holds at most, for most documents: collected on the stack in one
 * scan, then copied to the arena at their exact number. */
#define LOCAL_CANDS 256

/* Collects the candidates of every paragraph. Returns 0 or LEDE_ENOMEM. */
static int collect(pairing *p, lede_error *err)
{
    const qt_view *v = p->v;
    cand local[LOCAL_CANDS];
    size_t n = scan_marks(v, local, LOCAL_CANDS), total = n;
    if (n > LOCAL_CANDS)
        total = count_marks(v); /* many marks: counted, then a second scan stores them */
    if (total == 0)
        return 0; /* no mark: nothing to pair, nothing to allocate */
    /* Each segment is cut at the removal of its own opening mark from the stack, and no
     * mark opens twice (a paragraph read again starts after its unclosed mark): there are
     * no more segments than marks. */
    /* The three tables in one allocation. */
    _Static_assert(sizeof(cand) % _Alignof(qt_seg) == 0 &&
                       (sizeof(cand) + sizeof(qt_seg)) % _Alignof(uint32_t) == 0,
                   "the tables after the candidates are aligned");
    size_t room = total + 1;
    unsigned char *mem =
        qt_table_alloc(v, room * (sizeof *p->c + sizeof *p->seg + sizeof *p->stack));
    if (!mem)
        return lede_error_set(err, LEDE_ENOMEM, "quotes: out of memory for %zu mark candidates",
                              total);
    p->c = (cand *)(void *)mem;
    p->seg = (qt_seg *)(void *)(mem + room * sizeof *p->c);
    p->stack = (uint32_t *)(void *)(mem + room * (sizeof *p->c + sizeof *p->seg));
    p->cap_seg = room;
    if (n <= LOCAL_CANDS) {
        memcpy(p->c, local, n * sizeof *p->c);
        p->n_c = n;
    } else {
        p->n_c = scan_marks(v, p->c, total);
        if (p->n_c > total)
            p->n_c = total; /* cannot happen: total bounds the marks */
    }
    /* Backwards: does a closing-like single mark follow in the same paragraph? */
    int seen = 0;
    uint32_t para = UINT32_MAX;
    for (size_t k = p->n_c; k-- > 0;) {
        cand *c = &p->c[k];
        if (c->para != para) {
            para = c->para;
            seen = 0;
        }
        c->later_closer = (uint8_t)seen;
        if (c->cls == CLS_SINGLE && closer_like(c) && !c->plural_poss && !c->elision)
            seen = 1;
    }
    return 0;
}

/* Decides what a candidate is, given what is open now. */
static int role_of(const cand *c, int open_here)
{
    int ol = opener_like(c), cl = closer_like(c);
    switch (c->cp) {
    case 0x201C:
    case 0x201E:
    case 0x201F:
    case 0xAB:
    case 0x2039:
        return (cl && !ol && open_here) ? ROLE_CLOSE : ROLE_OPEN;
    case 0x201D:
    case 0xBB:
    case 0x203A:
        return (ol && !cl && !open_here) ? ROLE_OPEN : ROLE_CLOSE;
    case 0x2018:
    case 0x201A:
    case 0x201B:
        if (c->elision || (ol && c->next == CTX_DIGIT))
            return ROLE_APOS;
        return (cl && !ol && open_here) ? ROLE_CLOSE : ROLE_OPEN;
    case '"':
        if (ol)
            return ROLE_OPEN;
        if (cl)
            return ROLE_CLOSE;
        return open_here ? ROLE_CLOSE : ROLE_OPEN;
    default: /* ’ and ' */
        if ((c->prev == CTX_WORD || c->prev == CTX_DIGIT) &&
            (c->next == CTX_WORD || c->next == CTX_DIGIT))
            return ROLE_APOS; /* doesn’t, rock'n'roll, 5'10 */
        if (c->elision)
            return ROLE_APOS;
        if (c->prev == CTX_START || c->prev == CTX_SPACE || c->prev == CTX_OPENP) {
            if (c->next == CTX_WORD && c->cp == '\'')
                return ROLE_OPEN;
            if (c->next == CTX_WORD && !open_here)
                return ROLE_OPEN; /* a ’ typed for ‘ */
            return ROLE_APOS;     /* ’90s, or a lone mark */
        }
        if (!cl)
            return ROLE_APOS;
        if (open_here)
            return (c->plural_poss && c->later_closer) ? ROLE_APOS : ROLE_CLOSE;
        /* Nothing single is open: after a letter it is a possessive (Jones', presidents’);
         * after punctuation (,’ .’) it can only be a stray closing mark. */
        return c->prev == CTX_PUNCT ? ROLE_CLOSE : ROLE_APOS;
    }
}

/* Trims white space inside [*s, *e), a no-break or thin space too: a quotation of nothing
 * but spaces (“\u00a0”) is empty. */
static void trim(const char *text, uint32_t *s, uint32_t *e)
{
    size_t k;
    while (*s < *e && (k = qt_space_at(text, *s, *e)) > 0)
        *s += (uint32_t)k;
    while (*e > *s && (k = qt_space_before(text, *s, *e)) > 0)
        *e -= (uint32_t)k;
}

/* Appends a segment; empty quotations ("") are left out. Returns its index or LEDE_NONE. */
static uint32_t add_seg(pairing *p, const cand *open, uint32_t content_end, uint32_t mark_end,
                        int closed)
{
    if (p->n_seg >= p->cap_seg)
        return LEDE_NONE; /* cannot happen: each opening mark makes one segment at most */
    qt_seg *s = &p->seg[p->n_seg];
    s->mark_start = open->start;
    s->mark_end = mark_end;
    s->start = open->end;
    s->end = content_end;
    trim(p->v->text, &s->start, &s->end);
    if (s->start >= s->end)
        return LEDE_NONE;
    s->continues = p->open_link;
    s->closed = (uint8_t)closed;
    return (uint32_t)p->n_seg++;
}

/* End of a paragraph or of the text with a quotation that was not continued. */
static void drop_pending(pairing *p)
{
    if (p->pending == LEDE_NONE)
        return;
    qt_seg *s = &p->seg[p->pending];
    if (s->continues == LEDE_NONE && p->pending + 1 == p->n_seg) {
        warn(p, NULL, s->mark_start, "unclosed quotation mark, quotation dropped");
        p->n_seg--;
    } else {
        warn(p, NULL, s->mark_start, "multi-paragraph quotation ends without a closing mark");
    }
    p->pending = LEDE_NONE;
}

static void push(pairing *p, uint32_t k)
{
    p->stack[p->depth++] = k;
    p->open[p->c[k].cls]++;
}

static void close_mark(pairing *p, uint32_t k)
{
    const cand *c = &p->c[k];
    size_t found = SIZE_MAX;
    for (size_t d = 0; d < MAX_UNWIND && d < p->depth; d++) {
        p->work++;
        if (p->c[p->stack[p->depth - 1 - d]].cls == c->cls) {
            found = p->depth - 1 - d;
            break;
        }
    }
    if (found == SIZE_MAX) {
        warn(p, &p->c[k], c->start, "stray closing quotation mark");
        return;
    }
    while (p->depth > found + 1) {
        uint32_t inner = p->stack[--p->depth];
        p->open[p->c[inner].cls]--;
        warn(p, &p->c[inner], p->c[inner].start, "unclosed nested quotation mark");
    }
    uint32_t opener = p->stack[--p->depth];
    p->open[p->c[opener].cls]--;
    if (p->depth == 0) {
        add_seg(p, &p->c[opener], c->start, c->end, 1);
        p->open_link = LEDE_NONE;
    }
}

static void open_mark(pairing *p, uint32_t k, uint32_t link)
{
    const cand *c = &p->c[k];
    if (p->depth == 0) {
        p->open_link = link;
        push(p, k);
        return;
    }
    const cand *outer = &p->c[p->stack[0]];
    if (p->depth == 1 && outer->cls == c->cls && c->after_stop &&
        (c->prev == CTX_SPACE || c->prev == CTX_START)) {
        /* A paragraph break was lost: the open quotation goes on in a new segment. */
        uint32_t idx = add_seg(p, outer, c->start, c->start, 0);
        if (idx != LEDE_NONE) {
            qt_seg *s = &p->seg[idx];
            s->mark_end = s->end;
            p->open_link = idx;
        }
        p->open[outer->cls]--;
        p->depth = 0;
        push(p, k);
        return;
    }
    /* A straight " cannot nest inside another straight ": it closes it. */
    if (c->cp == '"' && p->c[p->stack[p->depth - 1]].cp == '"') {
        close_mark(p, k);
        return;
    }
    push(p, k);
}

/* Reads the candidates [from, to) of one paragraph. */
static void run_marks(pairing *p, size_t from, size_t to, uint32_t link)
{
    p->work += to - from;
    for (size_t j = from; j < to; j++) {
        switch (role_of(&p->c[j], p->open[p->c[j].cls] > 0)) {
        case ROLE_OPEN:
            open_mark(p, (uint32_t)j, link);
            link = LEDE_NONE;
            break;
        case ROLE_CLOSE:
            if (p->depth == 0)
                warn(p, &p->c[j], p->c[j].start, "stray closing quotation mark");
            else
                close_mark(p, (uint32_t)j);
            break;
        default:
            break;
        }
    }
}

/* Does a later paragraph (after at most MAX_SKIPPED_PARAGRAPHS mark-free ones) open with
 * a mark of the class of the quotation left open in paragraph pi? next is the index of
 * the first candidate after that paragraph. */
static int continued_later(const pairing *p, size_t pi, size_t next)
{
    if (next >= p->n_c || p->depth == 0)
        return 0;
    const cand *c = &p->c[next], *open = &p->c[p->stack[0]];
    /* Same class and same style: an excerpt opened with " is not continued by a “. */
    int straight = c->cp == '"' || c->cp == '\'',
        open_straight = open->cp == '"' || open->cp == '\'';
    if (!(c->para > pi && c->para - pi - 1 <= MAX_SKIPPED_PARAGRAPHS && c->para_first &&
          c->cls == open->cls && straight == open_straight && role_of(c, 0) == ROLE_OPEN))
        return 0;
    /* The paragraphs between hold no mark, nor an in-word apostrophe (which is no mark but
     * makes the paragraph one that is not skipped). */
    return !paras_have_apostrophe(p->v, pi + 1, c->para);
}

static void end_paragraph(pairing *p, uint32_t para_end)
{
    if (p->depth == 0)
        return;
    while (p->depth > 1) {
        uint32_t inner = p->stack[--p->depth];
        warn(p, &p->c[inner], p->c[inner].start, "unclosed nested quotation mark");
    }
    const cand *outer = &p->c[p->stack[0]];
    p->depth = 0;
    memset(p->open, 0, sizeof p->open);
    uint32_t idx = add_seg(p, outer, para_end, para_end, 0);
    p->open_link = LEDE_NONE;
    if (idx != LEDE_NONE) {
        qt_seg *s = &p->seg[idx];
        s->mark_end = s->end;
        p->pending = idx;
        p->pending_cls = outer->cls;
        p->pending_skipped = 0;
    }
}

int qt_find_segments(const qt_view *v, qt_seg **out, size_t *n_out, size_t *work, lede_error *err)
{
    pairing p;
    memset(&p, 0, sizeof p);
    p.v = v;
    p.open_link = LEDE_NONE;
    p.pending = LEDE_NONE;
    *out = NULL;
    *n_out = 0;
    int rc = collect(&p, err);
    if (rc < 0)
        return rc;

    size_t k = 0;
    for (size_t pi = 0; pi < v->n_para; pi++) {
        /* Nothing is open between paragraphs (each ends with an empty stack): with no
         * quotation waiting for its continuation, the paragraphs without marks are passed
         * at once, to the next candidate's (the candidates are in paragraph order). */
        if (p.pending == LEDE_NONE) {
            if (k == p.n_c)
                break;
            pi = p.c[k].para;
        }
        size_t first = k;
        while (k < p.n_c && p.c[k].para == pi)
            k++;
        uint32_t link = LEDE_NONE;
        if (p.pending != LEDE_NONE) {
            /* A paragraph without marks: continued_later() made sure it holds no in-word
             * apostrophe either. */
            if (first == k && p.pending_skipped < MAX_SKIPPED_PARAGRAPHS) {
                p.pending_skipped++;
                continue;
            }
            const cand *c = &p.c[first];
            if (first < k && c->cls == p.pending_cls && c->para_first &&
                role_of(c, 0) == ROLE_OPEN) {
                link = p.pending;
                p.pending = LEDE_NONE;
            } else {
                drop_pending(&p);
            }
        }
        size_t from = first;
        for (int rerun = 0;; rerun++) {
            run_marks(&p, from, k, link);
            link = LEDE_NONE;
            if (p.depth == 0)
                break;
            uint32_t bottom = p.stack[0];
            if (continued_later(&p, pi, k)) {
                uint32_t pe = v->para[pi].end > v->len ? (uint32_t)v->len : v->para[pi].end;
                end_paragraph(&p, pe);
                break;
            }
            /* Never closed nor continued: report it, and read the rest of the paragraph
             * again without it, so the quotations it swallowed are found. */
            warn(&p, &p.c[bottom], p.c[bottom].start, "unclosed quotation mark");
            p.depth = 0;
            memset(p.open, 0, sizeof p.open);
            p.open_link = LEDE_NONE;
            if (rerun >= MAX_RERUNS)
                break;
            from = bottom + 1;
        }
    }
    drop_pending(&p);
    if (p.warnings > MAX_WARNINGS)
        lede_doc_warn(v->doc, LEDE_NONE, "%zu more quotation-mark warnings not shown",
                      p.warnings - MAX_WARNINGS);
    *out = p.seg;
    *n_out = p.n_seg;
    *work = p.work;
    return 0;
}
