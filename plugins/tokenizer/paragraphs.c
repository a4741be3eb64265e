/*
 * paragraphs.c -- paragraphs are runs of non-blank lines.
 *
 * A blank line is one holding nothing but white space (spaces, tabs, CR of a CRLF, NBSP
 * and the other Unicode spaces); one or more of them separate paragraphs. A single line
 * break does not: hard-wrapped lines stay one paragraph, and sentences.c may join them.
 * A line ends at LF, CRLF, CRCRLF (CRLF converted twice), a lone CR (classic Mac files), NEL
 * or U+2028 LINE SEPARATOR (either with a CR/LF right after it is one break); U+2029
 * PARAGRAPH SEPARATOR ends the line and its paragraph. A form feed or vertical tab is white
 * space, not a break: pdftotext puts a form feed at each page's end, mid-sentence.
 * A paragraph's span runs from its first to its last non-space character, so it never
 * starts or ends in white space.
 */
#include <string.h>

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "tok.h"

static int is_space_cp(int32_t cp)
{
    int cc = tok_class(cp);
    return cc == TOK_CC_SPACE || cc == TOK_CC_FORMAT;
}

/* Finds the first and last non-space characters of the line text[pos..eol): sets *first
 * to the one and *last_end to the end of the other; returns 0 for a blank line. Only
 * the white space at the two ends of a line is looked at, so a line costs what its
 * margins cost, not its length. */
static int scan_line(const char *text, size_t pos, size_t eol, size_t *first, size_t *last_end)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t end = eol;

    for (;;) {
        int32_t cp;
        size_t len;
        if (pos >= eol)
            return 0;
        len = tok_decode(s + pos, eol - pos, &cp);
        if (!is_space_cp(cp))
            break;
        pos += len;
    }
    *first = pos;
    while (end > pos) {
        size_t q = tok_char_start_before(s, pos, end);
        int32_t cp;
        tok_decode(s + q, end - q, &cp);
        if (!is_space_cp(cp))
            break;
        end = q;
    }
    *last_end = end;
    return 1;
}

/* The first byte at or after pos that may start a line break: LF or CR, or 0xC2 or 0xE2, the
 * lead bytes of NEL and of U+2028/U+2029 (VT and FF, between LF and CR, come along and are
 * passed over); len when there is none. With SSE2, 16 bytes a step: a paragraph pass about
 * as cheap as the memchr for LF it replaces. */
static size_t break_candidate(const unsigned char *s, size_t pos, size_t len)
{
#if defined(__SSE2__) && defined(__GNUC__)
    const __m128i lf = _mm_set1_epi8(0x0A), three = _mm_set1_epi8(3);
    const __m128i c2 = _mm_set1_epi8((char)0xC2), e2 = _mm_set1_epi8((char)0xE2);
    for (; pos + 16 <= len; pos += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(s + pos));
        __m128i d = _mm_sub_epi8(x, lf); /* 0 .. 3 for LF .. CR */
        __m128i hit = _mm_cmpeq_epi8(_mm_min_epu8(d, three), d);
        hit = _mm_or_si128(hit, _mm_or_si128(_mm_cmpeq_epi8(x, c2), _mm_cmpeq_epi8(x, e2)));
        unsigned m = (unsigned)_mm_movemask_epi8(hit);
        if (m)
            return pos + (size_t)__builtin_ctz(m);
    }
#endif
    for (; pos < len; pos++)
        if ((s[pos] >= 0x0A && s[pos] <= 0x0D) || s[pos] == 0xC2 || s[pos] == 0xE2)
            return pos;
    return len;
}

/* Where the line starting at pos ends: returns the first byte of its break (or len), with
 * *next just past the break and *para set when the break is U+2029. */
static size_t line_end(const char *text, size_t len, size_t pos, size_t *next, int *para)
{
    const unsigned char *s = (const unsigned char *)text;
    *para = 0;
    for (size_t at = pos; (at = break_candidate(s, at, len)) < len; at++) {
        size_t width = 0;
        if (s[at] == '\n') {
            *next = at + 1;
            return at;
        }
        if (s[at] == '\r') { /* CRLF and CRCRLF are one break, a lone CR another */
            size_t n = at + 1;
            if (n < len && s[n] == '\r' && n + 1 < len && s[n + 1] == '\n')
                n++;
            *next = n < len && s[n] == '\n' ? n + 1 : n;
            return at;
        }
        if (s[at] == 0xC2 && at + 1 < len && s[at + 1] == 0x85)
            width = 2; /* NEL */
        else if (s[at] == 0xE2 && at + 2 < len && s[at + 1] == 0x80 &&
                 (s[at + 2] == 0xA8 || s[at + 2] == 0xA9))
            width = 3;
        if (width == 0)
            continue;
        *para = width == 3 && s[at + 2] == 0xA9;
        /* One of these with a CR or LF right after it (a converter's LS + CRLF) is one break
         * with it, not a blank line. */
        size_t n = at + width;
        if (n < len && s[n] == '\r')
            n += n + 1 < len && s[n + 1] == '\n' ? 2 : 1;
        else if (n < len && s[n] == '\n')
            n++;
        *next = n;
        return at;
    }
    *next = len;
    return len;
}

/* Does the text hold a line break other than LF and CRLF: a CR, NEL, U+2028 or U+2029?
 * Most texts hold none, and then lines are found with memchr for LF alone: a few passes of
 * libc's vector code over the text cost less than the one pass that looks for every break
 * at once (break_candidate), which ran the tokenizer ~5% slower on the BBC corpus. */
static int has_rare_breaks(const char *text, size_t len)
{
    if (memchr(text, '\r', len))
        return 1;
    /* NEL is C2 85, U+2028 and U+2029 are E2 80 A8 and E2 80 A9: their lead bytes also
     * open common characters (a no-break space, curly quotes), each looked at in turn. */
    const unsigned char *s = (const unsigned char *)text;
    for (const unsigned char *p = s; (p = memchr(p, 0xC2, len - (size_t)(p - s))) != NULL; p++)
        if ((size_t)(p - s) + 1 < len && p[1] == 0x85)
            return 1;
    for (const unsigned char *p = s; (p = memchr(p, 0xE2, len - (size_t)(p - s))) != NULL; p++)
        if ((size_t)(p - s) + 2 < len && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))
            return 1;
    return 0;
}

/* The end of the line at pos when LF is its only possible break. */
static size_t lf_end(const char *text, size_t len, size_t pos, size_t *next, int *para)
{
    const char *nl = memchr(text + pos, '\n', len - pos);
    *para = 0;
    *next = nl ? (size_t)(nl - text) + 1 : len;
    return nl ? (size_t)(nl - text) : len;
}

size_t tok_paragraphs(const char *text, size_t len, tok_span *out, size_t cap)
{
    size_t pos = 0, count = 0, pstart = 0, pend = 0;
    int open = 0, rare = has_rare_breaks(text, len);

    while (pos < len) {
        size_t next = len, first = 0, last_end = 0;
        int para = 0;
        size_t eol =
            rare ? line_end(text, len, pos, &next, &para) : lf_end(text, len, pos, &next, &para);
        int blank = !scan_line(text, pos, eol, &first, &last_end);

        if (!blank) {
            if (!open) {
                pstart = first;
                open = 1;
            }
            pend = last_end;
        }
        if ((blank || para) && open) {
            if (count < cap) {
                out[count].start = (uint32_t)pstart;
                out[count].end = (uint32_t)pend;
            }
            count++;
            open = 0;
        }
        pos = next;
    }
    if (open) {
        if (count < cap) {
            out[count].start = (uint32_t)pstart;
            out[count].end = (uint32_t)pend;
        }
        count++;
    }
    return count;
}
