/*
 * paragraphs.c -- paragraphs are runs of non-blank lines.
 *
 * A blank line is one holding nothing but white space (spaces, tabs, CR of a CRLF, NBSP
 * and the other Unicode spaces); one or more of them separate paragraphs. A single line
 * break does not: hard-wrapped lines stay one paragraph, and sentences.c may join them.
 * A paragraph's span runs from its first to its last non-space character, so it never
 * starts or ends in white space.
 */
#include <string.h>

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

size_t tok_paragraphs(const char *text, size_t len, tok_span *out, size_t cap)
{
    size_t pos = 0, count = 0, pstart = 0, pend = 0;
    int open = 0;

    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t eol = nl ? (size_t)(nl - text) : len, first = 0, last_end = 0;

        if (scan_line(text, pos, eol, &first, &last_end)) {
            if (!open) {
                pstart = first;
                open = 1;
            }
            pend = last_end;
        } else if (open) {
            if (count < cap) {
                out[count].start = (uint32_t)pstart;
                out[count].end = (uint32_t)pend;
            }
            count++;
            open = 0;
        }
        pos = eol + 1;
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
