/*
 * buf.c -- growable byte buffers with a cap, and JSON string escaping.
 *
 * Every document's rendered output goes through lede_buf, so the escaper is on the hot
 * path: it looks at 16 bytes at a time (SSE2 where the compiler has it, a byte loop with
 * a table elsewhere; 32 with AVX2 where the processor has it, for strings of 34 bytes
 * and more), copies the bytes that need no escaping as they are and only looks
 * up the escape for the rare control byte, quote, backslash or DEL. Both paths write
 * exactly the same bytes; the vector path never reads outside s[0..len) and never
 * writes outside the room it reserved.
 *
 * U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR (E2 80 A8, E2 80 A9) are written
 * as \u2028 and \u2029: raw they are valid JSON, but JavaScript before ES2019 ends a line
 * at them (JSON pasted into a script breaks) and so do some editors and line-oriented
 * tools. Their lead byte E2 also starts the curly quotes and apostrophes (E2 80 98..9D)
 * that fill news text, so the vector path matches E2 and the third byte in the block
 * rather than stopping at every E2; only those matches and an E2 in a block's last two
 * bytes, whose sequence the block cannot see whole, are looked at one byte at a time.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede/buf.h"
#include "lede_internal.h"

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#define BUF_SSE2 1
#endif
/* 32 bytes a step on x86 processors with AVX2, chosen when the string is escaped (GCC and
 * clang's target attribute and CPU test); the 16-byte path for the rest and elsewhere. */
#if defined(BUF_SSE2) && (defined(__x86_64__) || defined(__i386__)) &&                             \
    (defined(__clang__) || __GNUC__ >= 5) && !defined(LEDE_NO_AVX2)
#include <immintrin.h>
#define BUF_AVX2 1
#endif

#define LEDE_BUF_DEFAULT_MAX ((size_t)1 << 30)

void lede_buf_init(lede_buf *b, size_t max)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max ? max : LEDE_BUF_DEFAULT_MAX;
}

void lede_buf_free(lede_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void lede_buf_reset(lede_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

int lede_buf_reserve(lede_buf *b, size_t n)
{
    size_t need, cap;
    char *p;

    if (b->max == 0)
        b->max = LEDE_BUF_DEFAULT_MAX;
    if (n > b->max || b->len > b->max - n)
        return LEDE_ETOOBIG;
    need = b->len + n + 1;
    if (need <= b->cap)
        return 0;
    cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap *= 2;
    p = realloc(b->data, cap);
    if (!p)
        return LEDE_ENOMEM;
    b->data = p;
    b->cap = cap;
    return 0;
}

int lede_buf_append(lede_buf *b, const void *data, size_t len)
{
    int rc = lede_buf_reserve(b, len);
    if (rc)
        return rc;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

int lede_buf_puts(lede_buf *b, const char *s)
{
    return lede_buf_append(b, s, strlen(s));
}

int lede_buf_printf(lede_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n, rc;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return LEDE_EINVAL;
    rc = lede_buf_reserve(b, (size_t)n);
    if (rc)
        return rc;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

/* 0 for bytes copied as they are, else the character after the backslash ('u' = \u00XX);
 * 'L' for E2, the lead byte of U+2028 and U+2029 (and of other characters, copied). */
static const char json_escape[256] = {
    ['\0'] = 'u', [1] = 'u',    [2] = 'u',    [3] = 'u',     [4] = 'u',    [5] = 'u',
    [6] = 'u',    [7] = 'u',    ['\b'] = 'b', ['\t'] = 't',  ['\n'] = 'n', [11] = 'u',
    ['\f'] = 'f', ['\r'] = 'r', [14] = 'u',   [15] = 'u',    [16] = 'u',   [17] = 'u',
    [18] = 'u',   [19] = 'u',   [20] = 'u',   [21] = 'u',    [22] = 'u',   [23] = 'u',
    [24] = 'u',   [25] = 'u',   [26] = 'u',   [27] = 'u',    [28] = 'u',   [29] = 'u',
    [30] = 'u',   [31] = 'u',   ['"'] = '"',  ['\\'] = '\\', [127] = 'u',  [0xE2] = 'L'};

/* Writes at *out what the byte at p (one json_escape marks) becomes, and returns the input
 * after it: the escape of a control byte, quote or backslash; \u2028 or \u2029 for the
 * whole sequence E2 80 A8/A9; any other E2 as it is (it starts some other character). */
static const unsigned char *put_escape(char **out, const unsigned char *p, const unsigned char *end)
{
    static const char hex[] = "0123456789abcdef";
    unsigned char c = *p;
    char e = json_escape[c], *o = *out;

    if (e == 'L') {
        if (end - p >= 3 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
            memcpy(o, p[2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
            *out = o + 6;
            return p + 3;
        }
        *o = (char)c;
        *out = o + 1;
        return p + 1;
    }
    *o++ = '\\';
    *o++ = e;
    if (e == 'u') {
        *o++ = '0';
        *o++ = '0';
        *o++ = hex[c >> 4];
        *o++ = hex[c & 15];
    }
    *out = o;
    return p + 1;
}

#ifdef BUF_SSE2
/* Bit i set when byte i of x needs a look: below 0x20, '"', '\\', DEL, an E2 followed two
 * bytes later by A8 or A9 (put_escape checks the 80 between: the other characters that
 * match, such as U+2128 or U+2229, are rare and copied), or an E2 in byte 14 or 15 (its
 * sequence may go on past the block). Zeros shifted in past byte 15 match nothing, so a
 * sequence cut by the end of a partial load is not flagged. */
static inline unsigned escape_mask16(__m128i x)
{
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');
    const __m128i del = _mm_set1_epi8(0x7F), c1f = _mm_set1_epi8(0x1F);
    const __m128i e2 = _mm_set1_epi8((char)0xE2), one = _mm_set1_epi8(1);
    const __m128i a9 = _mm_set1_epi8((char)0xA9);
    const __m128i last2 = _mm_set_epi8(-1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    /* x <= 0x1F as unsigned bytes: min(x, 0x1F) == x. */
    __m128i m = _mm_cmpeq_epi8(_mm_min_epu8(x, c1f), x);
    m = _mm_or_si128(m, _mm_cmpeq_epi8(x, quote));
    m = _mm_or_si128(m, _mm_cmpeq_epi8(x, bslash));
    m = _mm_or_si128(m, _mm_cmpeq_epi8(x, del));
    /* E2 at i, A8 or A9 (A9 once the low bit is set) at i + 2. */
    __m128i third = _mm_srli_si128(_mm_cmpeq_epi8(_mm_or_si128(x, one), a9), 2);
    m = _mm_or_si128(m, _mm_and_si128(_mm_cmpeq_epi8(x, e2), _mm_or_si128(third, last2)));
    return (unsigned)_mm_movemask_epi8(m);
}

/* s[0..n), 0 < n < 16, in the low bytes of a vector, zeros above; reads s[0..n) only. */
static inline __m128i load_partial16(const unsigned char *s, unsigned n)
{
    uint64_t lo = 0, hi = 0;

    if (n >= 8) {
        memcpy(&lo, s, 8);
        if (n > 8) {
            memcpy(&hi, s + n - 8, 8);
            hi >>= 8 * (16 - n); /* drop the bytes lo already has */
        }
    } else if (n >= 4) {
        uint32_t a, z;
        memcpy(&a, s, 4);
        memcpy(&z, s + n - 4, 4);
        lo = a | (((uint64_t)z >> (8 * (8 - n))) << 32);
    } else {
        lo = (uint64_t)s[0] | ((uint64_t)s[n >> 1] << (8 * (n >> 1))) |
             ((uint64_t)s[n - 1] << (8 * (n - 1)));
    }
    return _mm_set_epi64x((long long)hi, (long long)lo);
}
#endif

#ifdef BUF_AVX2
/* The bytes of x that always need an escape: controls, '"', '\\' and DEL. */
__attribute__((target("avx2"))) static inline __m256i escape_always32(__m256i x)
{
    __m256i m = _mm256_cmpeq_epi8(_mm256_min_epu8(x, _mm256_set1_epi8(0x1F)), x);
    m = _mm256_or_si256(m, _mm256_cmpeq_epi8(x, _mm256_set1_epi8('"')));
    m = _mm256_or_si256(m, _mm256_cmpeq_epi8(x, _mm256_set1_epi8('\\')));
    return _mm256_or_si256(m, _mm256_cmpeq_epi8(x, _mm256_set1_epi8(0x7F)));
}

/* Bit i set when byte i of the 32 at p needs a look, as escape_mask16 marks them; the
 * third byte of an E2 sequence comes from a load 2 bytes further, so p[0..34) is read. */
__attribute__((target("avx2"))) static inline unsigned escape_mask32(const unsigned char *p)
{
    const __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)p);
    __m256i m = escape_always32(x);
    /* E2 at i, A8 or A9 (A9 once the low bit is set) at i + 2; most blocks of most texts
     * hold no E2, and skip the second load. */
    __m256i e2 = _mm256_cmpeq_epi8(x, _mm256_set1_epi8((char)0xE2));
    if (!_mm256_testz_si256(e2, e2)) {
        const __m256i x2 = _mm256_loadu_si256((const __m256i *)(const void *)(p + 2));
        __m256i third = _mm256_cmpeq_epi8(_mm256_or_si256(x2, _mm256_set1_epi8(1)),
                                          _mm256_set1_epi8((char)0xA9));
        m = _mm256_or_si256(m, _mm256_and_si256(e2, third));
    }
    return (unsigned)_mm256_movemask_epi8(m);
}

/* The body loop of lede_buf_json_string 32 bytes a step, while 34 remain to read: stores
 * 32 bytes at *out each step (the room argument there holds: o + 32 stays inside the
 * reserve while 34 bytes remain), and sets *copied after each escape. Returns the input
 * left. */
__attribute__((target("avx2"))) static const unsigned char *
escape_avx2(const unsigned char *p, const unsigned char *end, char **out,
            const unsigned char **copied)
{
    char *o = *out;

    while (end - p >= 34) {
        unsigned mask = escape_mask32(p);
        _mm256_storeu_si256((__m256i *)(void *)o,
                            _mm256_loadu_si256((const __m256i *)(const void *)p));
        if (!mask) {
            o += 32;
            p += 32;
            continue;
        }
        unsigned k = (unsigned)__builtin_ctz(mask);
        o += k;
        p = put_escape(&o, p + k, end);
        *copied = p;
    }
    /* The last 1..32 bytes, when the 32 before the end were copied as they are: one load of
     * the string's last 32 bytes, stored over the copy of the first ones. An E2 among the
     * new bytes is left to the caller's paths (its sequence is not wholly in sight), as is
     * any byte that needs an escape. */
    size_t r = (size_t)(end - p);
    if (r - 1 < 32 && end - *copied >= 32) {
        const __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)(end - 32));
        __m256i m =
            _mm256_or_si256(escape_always32(x), _mm256_cmpeq_epi8(x, _mm256_set1_epi8((char)0xE2)));
        if (!((unsigned)_mm256_movemask_epi8(m) >> (32 - r))) {
            _mm256_storeu_si256((__m256i *)(void *)(o - (32 - r)), x);
            o += r;
            p = end;
        }
    }
    *out = o;
    return p;
}
#endif

int lede_buf_json_string(lede_buf *b, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    int rc;

    /* Worst case every byte becomes \u00XX: reserve once, then write without checks. */
    if (len > (b->max / 6))
        return LEDE_ETOOBIG;
    /* Most calls escape a short string into a buffer with room to spare: check that
     * inline (the conditions of lede_buf_reserve) before calling it. */
    size_t need = len * 6 + 2;
    if (need > b->max || b->len > b->max - need || b->len + need + 1 > b->cap) {
        rc = lede_buf_reserve(b, need);
        if (rc)
            return rc;
    }
    char *o = b->data + b->len;
    *o++ = '"';
#ifdef BUF_SSE2
    /* Each step stores 16 bytes at o, then keeps those before the first byte that needs an
     * escape. The room: o is at most 1 + 6 * (bytes consumed) past the start and 16 bytes
     * remain to read, so o + 16 stays inside the len * 6 + 2 bytes reserved. */
    const unsigned char *copied = p; /* the output since o - (p - copied) is s[copied..p) */
#ifdef BUF_AVX2
    if (len >= 34 && __builtin_cpu_supports("avx2"))
        p = escape_avx2(p, end, &o, &copied);
#endif
    while (end - p >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
        unsigned mask = escape_mask16(x);
        _mm_storeu_si128((__m128i *)(void *)o, x);
        if (!mask) {
            o += 16;
            p += 16;
            continue;
        }
        unsigned k = (unsigned)__builtin_ctz(mask);
        o += k;
        p = put_escape(&o, p + k, end);
        copied = p;
    }
    /* The last 1..15 bytes, when the 16 before the end were copied as they are: load the
     * last 16 bytes and store them over the copy of the first ones, without a branch on
     * how many remain. */
    if (p < end && end - copied >= 16) {
        unsigned n = (unsigned)(end - p);
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(end - 16));
        if (!(escape_mask16(x) >> (16 - n))) {
            _mm_storeu_si128((__m128i *)(void *)(o - (16 - n)), x);
            o += n;
            p = end;
        }
    }
    /* The last 0..15 bytes: gathered into a vector with a few overlapping loads (a copy to
     * memory and a 16-byte load would stall on store forwarding), when the buffer has 16
     * bytes of spare room at o (nearly always), else the byte loop below. */
    const char *room_end = b->data + b->cap;
    while (p < end && room_end - o >= 16) {
        unsigned n = (unsigned)(end - p);
        __m128i x = load_partial16(p, n);
        unsigned mask = escape_mask16(x) & ((1u << n) - 1);
        _mm_storeu_si128((__m128i *)(void *)o, x);
        if (!mask) {
            o += n;
            p += n;
            break;
        }
        unsigned k = (unsigned)__builtin_ctz(mask);
        o += k;
        p = put_escape(&o, p + k, end);
    }
#endif
    while (p < end) {
        const unsigned char *run = p;
        while (p < end && !json_escape[*p])
            p++;
        memcpy(o, run, (size_t)(p - run));
        o += p - run;
        if (p == end)
            break;
        p = put_escape(&o, p, end);
    }
    *o++ = '"';
    b->len = (size_t)(o - b->data);
    b->data[b->len] = '\0';
    return 0;
}

/* How many bytes at the start of s[0..len) are ASCII, for a short string (len <= 32): the
 * names and ids a stage makes, all ASCII nearly always, are tested without the call into
 * the UTF-8 validator, and a string that is not hands it only the bytes from its first
 * 8-byte word (or byte) holding a non-ASCII one, which it would otherwise scan again. */
static size_t short_ascii_prefix(const char *s, size_t len)
{
    uint64_t w;
    size_t i = 0;

    for (; i + 8 <= len; i += 8) {
        memcpy(&w, s + i, 8);
        if (w & UINT64_C(0x8080808080808080))
            return i;
    }
    for (; i < len; i++)
        if ((unsigned char)s[i] & 0x80)
            return i;
    return len;
}

int lede_buf_json_text(lede_buf *b, const char *s, size_t len)
{
    size_t n_bad = 0, ascii = len <= 32 ? short_ascii_prefix(s, len) : 0;
    /* s[0..ascii) is ASCII, so s[ascii] starts a character */
    if (ascii == len || lede__utf8_valid(s + ascii, len - ascii) == len - ascii)
        return lede_buf_json_string(b, s, len);
    if (len > SIZE_MAX / 3)
        return LEDE_ETOOBIG;
    char *fixed = malloc(len * 3 + 1);
    if (!fixed)
        return LEDE_ENOMEM;
    int rc = lede_buf_json_string(b, fixed, lede__utf8_repair(fixed, len * 3, s, &len, &n_bad));
    free(fixed);
    return rc;
}
