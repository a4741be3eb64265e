/*
 * skipped.h -- the tokenizer's note of the text a sentence's shown text leaves out.
 *
 * The tokenizer skips page furniture (HTML tags, leaders, rules, literal "\r\n": clean.c)
 * like white space, and some white space too (the line break before a full stop left on a
 * line of its own: words.c). A sentence's span keeps those bytes; the exporter shows its
 * text without them. This header is the whole contract between the two: the tokenizer
 * writes the note (clean.c), the exporter reads it (plugins/exporter/emit.c), tests decode
 * it; nothing else should.
 *
 * A "run" is a stretch of adjacent skipped pieces ("</em><br>" is one) and is of one of two
 * kinds: it separates the words on its two sides (a block-level tag, a leader, a rule, a
 * literal escape: shown as one space unless white space already separates them) or it joins
 * them (an inline tag such as "</em>", the line break before a lone stop: shown as nothing).
 *
 * Encoding. A hostile page can hold a tag every four bytes ("<b>x<b>x..."), so a span of a
 * generic layer per run, 16 bytes in two arrays that double as they grow and more with an
 * attribute, would cost several times the text. The runs are therefore packed: the generic
 * layer SKIPPED_LAYER holds one span per group of at most SKIPPED_GROUP_MAX consecutive runs,
 * from the start of its first run to the end of its last, in text order and never
 * overlapping, with the string attribute SKIPPED_ATTR_RUNS: for each run in turn two unsigned
 * LEB128 numbers, the bytes from the end of the previous run (the group's start for the
 * first) to the start of this one, and the run's length times two, plus one when it
 * separates. About two bytes a run; the group bound keeps what a reader decodes to find the
 * runs inside one sentence small. The exporter does not write this layer out.
 */
#ifndef LEDE_TOKENIZER_SKIPPED_H
#define LEDE_TOKENIZER_SKIPPED_H

#include <stddef.h>
#include <stdint.h>

#define SKIPPED_LAYER "skipped"
#define SKIPPED_ATTR_RUNS "runs"

/* Runs in one group, and the most bytes their encoding takes (five per number). */
#define SKIPPED_GROUP_MAX 32
#define SKIPPED_GROUP_BYTES (SKIPPED_GROUP_MAX * 10)
/* The longest run: its length times two plus one fits 32 bits. */
#define SKIPPED_RUN_MAX 0x7fffffffu

/* Appends v to p as unsigned LEB128 (at most 5 bytes); returns the bytes written. */
static inline size_t skipped_put(unsigned char *p, uint32_t v)
{
    size_t n = 0;

    while (v >= 0x80) {
        p[n++] = (unsigned char)(v | 0x80);
        v >>= 7;
    }
    p[n++] = (unsigned char)v;
    return n;
}

/* Reads an unsigned LEB128 number at p[*at..n) into *v and advances *at. Returns 0, or -1
 * when the number is cut short or longer than 32 bits (a note that is not the tokenizer's). */
static inline int skipped_get(const unsigned char *p, size_t n, size_t *at, uint32_t *v)
{
    uint32_t x = 0;

    for (unsigned shift = 0; *at < n && shift < 32; shift += 7) {
        unsigned char c = p[(*at)++];
        x |= (uint32_t)(c & 0x7f) << shift;
        if (!(c & 0x80)) {
            *v = x;
            return 0;
        }
    }
    return -1;
}

/* Reads the run after *pos (the end of the previous run; the group's start before the first)
 * from the encoding p[*at..n): sets *start and *end, *separates, and *pos to *end. Returns
 * 0, or -1 at the end of the group or on an encoding that does not fit the group
 * [*pos, group_end). */
static inline int skipped_next(const unsigned char *p, size_t n, size_t *at, uint32_t group_end,
                               uint32_t *pos, uint32_t *start, uint32_t *end, int *separates)
{
    uint32_t gap, len2;

    if (*at >= n || skipped_get(p, n, at, &gap) || skipped_get(p, n, at, &len2) ||
        gap > group_end - *pos || (len2 >> 1) > group_end - *pos - gap)
        return -1;
    *start = *pos + gap;
    *end = *start + (len2 >> 1);
    *separates = (int)(len2 & 1);
    *pos = *end;
    return 0;
}

#endif
