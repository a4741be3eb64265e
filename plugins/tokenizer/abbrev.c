/*
 * abbrev.c -- where a full stop belongs to its word: URLs, e-mail addresses and
 * abbreviations.
 *
 * words.c stops a word at a full stop, '@' or ':' and asks here whether the word goes
 * on: a URL or an address is one token whatever its dots ("https://www.example.50.com/
 * new-site/awesome_content.html", "Jane.Doe@example.com"), without the punctuation that
 * ends its sentence; "U.S.", "a.m." and "Ph.D." are one token with their stops; and a
 * single stop belongs to "Mr", "Inc", "No" (before a number), a state ("Calif.", not
 * "fell ill.") or an initial ("George W. Bush"). Whether that stop also ends a sentence is
 * sentences.c's call. Every scan is bounded, so a word start never rescans a long run.
 */
#include <string.h>

#include "tok.h"

static int is_wordchar_cc(int cc)
{
    return cc == TOK_CC_UPPER || cc == TOK_CC_LOWER || cc == TOK_CC_LETTER ||
           cc == TOK_CC_NUMERIC || cc == TOK_CC_DIGIT || cc == TOK_CC_MARK;
}

/* The code point at pos and its class; class SPACE at the end. */
static void peek_at(const unsigned char *s, uint32_t end, uint32_t pos, int32_t *cp, int *cc)
{
    if (pos >= end) {
        *cp = ' ';
        *cc = TOK_CC_SPACE;
        return;
    }
    tok_decode(s + pos, end - pos, cp);
    *cc = tok_class(*cp);
}

/* ---- URLs and e-mail addresses ---- */

#define URL_PREFIX_MAX 64

static int url_char(unsigned char c)
{
    return c > 0x20 && c < 0x7F && c != '<' && c != '>' && c != '"' && c != '\'' && c != '`';
}

static int is_ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* If a URL or an e-mail address starts at start, sets *out to its end (trailing
 * punctuation excluded) and returns 1. */
int tok_url_end(const unsigned char *s, uint32_t start, uint32_t end, uint32_t *out)
{
    uint32_t q = start, e = start;
    int found = 0;

    /* The scheme or the local part of an address is short: bounding the look-ahead keeps
     * a long run like "a-b-c-..." linear, since every word start would rescan it. */
    while (q < end && q - start < URL_PREFIX_MAX &&
           (is_ascii_alnum(s[q]) || s[q] == '.' || s[q] == '_' || s[q] == '-' || s[q] == '+' ||
            s[q] == '%'))
        q++;
    if (q + 1 < end && s[q] == '@' && q > start && is_ascii_alnum(s[q + 1])) {
        /* local@domain: the domain needs an inner dot */
        uint32_t r = q + 1, dot = 0;
        while (r < end && (is_ascii_alnum(s[r]) || s[r] == '.' || s[r] == '-')) {
            if (s[r] == '.' && r + 1 < end && is_ascii_alnum(s[r + 1]))
                dot = r;
            r++;
        }
        if (!dot)
            return 0;
        e = r;
        found = 1;
    } else if (q + 2 < end && s[q] == ':' && s[q + 1] == '/' && s[q + 2] == '/') {
        found = 1;
    } else if (q - start > 4 && (s[start] | 0x20) == 'w' && (s[start + 1] | 0x20) == 'w' &&
               (s[start + 2] | 0x20) == 'w' && s[start + 3] == '.') {
        found = 1;
    }
    if (!found)
        return 0;
    if (s[q] != '@') {
        e = q;
        while (e < end && url_char(s[e]))
            e++;
    }
    /* Trailing punctuation belongs to the sentence, a closing bracket only if unopened. */
    {
        long depth = 0;
        for (uint32_t i = start; i < e; i++)
            depth += s[i] == '(' || s[i] == '[' ? 1 : s[i] == ')' || s[i] == ']' ? -1 : 0;
        while (e > start) {
            unsigned char c = s[e - 1];
            if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?') {
                e--;
            } else if ((c == ')' || c == ']') && depth < 0) {
                e--;
                depth++;
            } else {
                break;
            }
        }
    }
    if (e <= start + 3)
        return 0;
    *out = e;
    return 1;
}

/* ---- abbreviations ---- */

static int is_ascii_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* U.S., U.S.A., a.m., e.g., Ph.D., W.Va.: letter segments and full stops, every segment
 * after the first one letter long (but for the "Va" after an initial), at least two
 * segments, the whole ending in a full stop and followed by no letter or digit. Sets *out
 * to the end. */
int tok_multidot_end(const unsigned char *s, uint32_t start, uint32_t end, uint32_t *out)
{
    uint32_t q = start;
    unsigned segs = 0;

    /* At most 8 segments (U.S.A. has 3): a long "a.b.c.d..." is no abbreviation, and the
     * bound keeps rescanning it from each of its letters linear. */
    while (q < end && segs < 8) {
        uint32_t seg = q;
        int state;
        while (q < end && is_ascii_letter(s[q]) && q - seg < 3)
            q++;
        /* "W.Va.": an initial, then a capitalised pair ends the abbreviation */
        state = segs == 1 && q - seg == 2 && q - start == 4 && s[start] >= 'A' && s[start] <= 'Z' &&
                s[seg] >= 'A' && s[seg] <= 'Z' && s[seg + 1] >= 'a';
        if (q == seg || (q - seg > (segs ? 1u : 2u) && !state) || q >= end || s[q] != '.')
            break;
        q++; /* the full stop */
        segs++;
        *out = q;
        if (state)
            break;
    }
    if (segs < 2 || segs == 8)
        return 0;
    q = *out;
    if (q < end) {
        int32_t cp;
        int cc;
        peek_at(s, end, q, &cp, &cc);
        if (is_wordchar_cc(cc))
            return 0;
    }
    return 1;
}

/* Does the full stop at dot belong to the word [start, dot)? */
int tok_stop_is_abbrev(const tok_config *cfg, const char *text, uint32_t begin, uint32_t end,
                       uint32_t start, uint32_t dot)
{
    const unsigned char *s = (const unsigned char *)text;
    uint32_t len = dot - start, q = dot + 1;
    unsigned lex;
    int32_t cp;
    int cc;

    for (uint32_t i = start; i < dot; i++) {
        if (!is_ascii_letter(s[i]))
            return 0;
    }
    /* "..." is an ellipsis; "St.Louis"-like glue is left to sentences.c. */
    peek_at(s, end, q, &cp, &cc);
    if (cp == '.' || is_wordchar_cc(cc))
        return 0;
    if (len == 1 && s[start] >= 'A' && s[start] <= 'Z')
        return 1; /* an initial: George W. Bush */
    if (len == 1 && start > begin && s[start - 1] == '(')
        return 1; /* born, died, married: "(b. September 2013)", "(d. 1990)" */
    lex = tok_lexicon_get_if(cfg->lex, text + start, len, TOK_LEX_ANY_ABBREV);
    /* "Ill.", "Sens." are abbreviations with their capital only: "fell ill.", "sales reps." */
    if ((lex & TOK_LEX_CAPITAL) && !(s[start] >= 'A' && s[start] <= 'Z'))
        return 0;
    /* A state (an abbreviation with its capital only) follows a city and a comma, a party
     * letter ("D-Ore."), a bracket or the "N." of "N. Dak.": elsewhere it is most often a
     * name or a word of its own ("said ISM survey chairman Norbert Ore.", "his Christmas
     * Midnight Mass."). "Del." is a delegate's title too ("said Del. Stacey Plaskett"). */
    if ((lex & (TOK_LEX_CAPITAL | TOK_LEX_ABBREV)) == (TOK_LEX_CAPITAL | TOK_LEX_ABBREV) &&
        !(len == 3 && memcmp(text + start, "Del", 3) == 0)) {
        uint32_t b = start;
        while (b > begin && s[b - 1] == ' ')
            b--;
        if (b == begin ||
            !(s[b - 1] == ',' || s[b - 1] == '-' || s[b - 1] == '(' || s[b - 1] == '.'))
            return 0;
    }
    if (lex & (TOK_LEX_TITLE | TOK_LEX_ABBREV | TOK_LEX_NEVER))
        return 1;
    if (lex & TOK_LEX_NUMPREFIX) {
        /* "No. 5", "p. 55", but "said no. Then" */
        while (q < end && (s[q] == ' ' || s[q] == 0xC2))
            q += s[q] == 0xC2 && q + 1 < end && s[q + 1] == 0xA0 ? 2 : 1;
        return q < end && s[q] >= '0' && s[q] <= '9';
    }
    return 0;
}
