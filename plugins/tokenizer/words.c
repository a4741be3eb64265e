/*
 * words.c -- cut a paragraph into word tokens, judging quote marks and apostrophes.
 *
 * One left-to-right pass per paragraph, no backtracking beyond a few characters, no
 * allocation but the token array. What a token is:
 *   - a word: letters, digits and what UAX #29's WB4 attaches (combining marks, Format
 *     characters: Ha\u200Earetz), kept whole across an apostrophe between letters
 *     (doesn't, Iran's), a hyphen or an underscore between letters or digits
 *     (sanction-hit, Jack_Dorsey), a full stop before ASCII lower case (Booking.com,
 *     Node.js: dotted_name_end), .digit after a digit (v2.0.1) and, after a plural s, a
 *     final apostrophe while no single quotation is open (presidents' talks; but not
 *     hundreds' in "'hundreds' of drones"); a Han ideograph or Hiragana letter is a word
 *     alone, a Katakana run one (UAX #29); an elision ’em, ’til, ’n’ (elision_end);
 *   - a number: digits with inner . , : between digits and a final % (4.1, 22,000, 3.5%),
 *     or digits and numbers of other forms (2½, ①, Ⅻ); with letters a word (5km, 1.13bn);
 *   - an abbreviation with its full stop (Mr., U.S., a.m., George W. Bush's W.), flagged
 *     LEDE_TOKF_ABBREV; whether that stop also ends a sentence is sentences.c's call
 *     (abbrev.c knows which stops belong to their word);
 *   - a URL or e-mail address, whole (https://..., Jane.Doe@example.com);
 *   - an emoji with its modifiers, ZWJ sequence or flag pair, or a keycap (#\uFE0F\u20E3);
 *   - an ellipsis ("...", ". . .", "…"), and every other punctuation or symbol alone
 *     (with a variation selector WB4 attaches: ‼\uFE0F), each quotation mark its own
 *     token flagged OPEN_QUOTE or CLOSE_QUOTE, judged from its neighbours where its shape
 *     is wrong ("decision.“ However" closes), none after a digit where it is a foot or
 *     inch mark (6'2", a 12" screen: is_prime).
 * Page furniture (HTML tags, dot leaders, rules of repeated marks, literal "\r\n") is
 * no token at all (clean.c); each piece is recorded in the layer "skipped" instead, and so
 * is the line break before a full stop alone on its line (join_stop_to_its_line), which a
 * sentence's shown text leaves out too. Private flags tell sentences.c what only this pass
 * sees: a line break after a token (TOK_F_EOL), furniture dropped after it (TOK_F_END), a
 * '[' in the paragraph (TOK_F_BRACKETS), and tokens no sentence rule acts on (TOK_F_INERT).
 *
 * Glued captions. Text scraped from news pages often loses the break between a photo
 * caption and the next sentence: "in Tehran todayPutin speaks", "in IranIt is". Inside a
 * word, a capital right after a lower-case letter starts a new word (and sentences.c a new
 * sentence, through TOK_F_GLUED) when all of these hold:
 *   1. at least two lower-case letters precede the capital (so never McDonald, iPhone,
 *      eBay: their lower-case run before the capital is one letter long);
 *   2. the capital starts a plain capitalised word, upper then lower case, that ends the
 *      letter run (so never macOS, iPhoneX, or StopTheWar: The is followed by War);
 *   3. either the word before is all lower case (today|Putin, hardware|On), or it is
 *      capitalised and the word after is a sentence starter (Iran|It), which keeps
 *      MacBook, YouTube, PlayStation and PowerPoint whole;
 *   4. the whole word is not a camel-case name in the exception list (LinkedIn, wikiHow,
 *      ...): a lower-case dictionary word glued to a capitalised one looks exactly like
 *      "todayPutin", so the few brands written that way are listed;
 *   5. the capitalised word is not followed by ':', '(', '[', '_', '/' or '=', which
 *      make it an identifier ("footnoteRef:6", "getValue()").
 *
 * Speed: most words never reach these rules. fastpath.c emits the plain words, numbers
 * and the marks after them first, and hands over here at the first token whose rules it
 * cannot rule out; what it emits must be byte for byte what scan_word, scan_dots and the
 * punctuation path would. Dots, quote marks and numbers are written with their kind
 * known, without tok_describe().
 */
#include <string.h>

#include "tok.h"

typedef struct scanner {
    const tok_config *cfg;
    const char *text;
    const unsigned char *s;
    uint32_t begin, end; /* the paragraph */
    tok_vec *vec;
    size_t first;    /* the paragraph's first token in vec */
    int single_open; /* single quotations opened and not yet closed */
} scanner;

/* Camel-case words rule 3 would cut because their second part is a starter word. */
static const char *const glue_exceptions[] = {
    /* capitalised first part, starter second part (rule 3) */
    "LinkedIn", "SignIn", "LogIn", "CheckIn", "PlugIn", "AddOn", "OptIn", "WeChat", "BuzzFeed",
    "TurnOn",
    /* lower-case first part of two letters or more (rule 3 would cut them) */
    "wikiHow", "mySpace", "bitTorrent", "javaScript", "youTube", "smartThings", NULL};

static int is_alpha_cc(int cc)
{
    return cc == TOK_CC_UPPER || cc == TOK_CC_LOWER || cc == TOK_CC_LETTER || cc == TOK_CC_NUMERIC;
}

static int is_wordchar_cc(int cc)
{
    return is_alpha_cc(cc) || cc == TOK_CC_DIGIT || cc == TOK_CC_MARK;
}

/* The code point at pos and its class; len 0 (and class SPACE) at the paragraph end. */
static inline size_t peek(const scanner *sc, uint32_t pos, int32_t *cp, int *cc)
{
    size_t len;

    if (pos >= sc->end) {
        *cp = ' ';
        *cc = TOK_CC_SPACE;
        return 0;
    }
    len = tok_decode(sc->s + pos, sc->end - pos, cp);
    *cc = tok_class(*cp);
    return len;
}

/* The code point ending at pos; a space before the paragraph. */
static void peek_back(const scanner *sc, uint32_t pos, int32_t *cp, int *cc)
{
    uint32_t p;

    if (pos <= sc->begin) {
        *cp = ' ';
        *cc = TOK_CC_SPACE;
        return;
    }
    p = (uint32_t)tok_char_start_before(sc->s, sc->begin, pos);
    tok_decode(sc->s + p, pos - p, cp);
    *cc = tok_class(*cp);
}

/* Appends a token of the given kind, flagged inert when no later rule can act on it. With
 * describe, its kind and flags are worked out from its text (emit); without, the caller
 * knows the kind already (emit_punct: dots, quote marks). */
static int push_token(scanner *sc, uint32_t start, uint32_t end, uint16_t kind, uint16_t flags,
                      int describe)
{
    lede_token *t;

    if (sc->vec->n == sc->vec->cap && tok_vec_reserve(sc->vec, 1))
        return LEDE_ENOMEM;
    t = &sc->vec->v[sc->vec->n++];
    t->start = start;
    t->end = end;
    t->kind = kind;
    t->flags = flags;
    if (describe)
        tok_describe(sc->text, t);
    t->flags |= tok_inert_flag(sc->text, t);
    return 0;
}

static int emit(scanner *sc, uint32_t start, uint32_t end, uint16_t flags)
{
    return push_token(sc, start, end, LEDE_TOK_OTHER, flags, 1);
}

static int emit_punct(scanner *sc, uint32_t start, uint32_t end, uint16_t flags)
{
    return push_token(sc, start, end, LEDE_TOK_PUNCT, flags, 0);
}

/* 1 for a character UAX #29 rule WB4 attaches to the one before it (tok_wb_attaches):
 * combining marks, variation selectors such as U+FE0F, the keycap U+20E3, ZWNJ, ZWJ and
 * Format characters (U+200E LRM, U+2060 WORD JOINER, U+FEFF, soft hyphen), but not ZWSP
 * (U+200B), which is no Format character to UAX #29. */
static int attaches(int32_t cp)
{
    return cp >= 0x80 && tok_wb_attaches(cp);
}

/* The end of the run of attached characters (attaches()) from pos. */
static uint32_t attached_end(const scanner *sc, uint32_t pos)
{
    while (pos < sc->end && sc->s[pos] >= 0x80) {
        int32_t cp;
        size_t len = tok_decode(sc->s + pos, sc->end - pos, &cp);
        if (!attaches(cp))
            break;
        pos += (uint32_t)len;
    }
    return pos;
}

/* A keycap at pos: 0-9, # or * with an optional U+FE0F and U+20E3 ("1\uFE0F\u20E3"), an
 * emoji; returns its end, or 0. */
static uint32_t keycap_end(const scanner *sc, uint32_t pos)
{
    const unsigned char *s = sc->s;
    unsigned char c = s[pos];
    uint32_t q = pos + 1;

    if (!tok_ascii_digit(c) && c != '#' && c != '*')
        return 0;
    if (q + 3 <= sc->end && s[q] == 0xEF && s[q + 1] == 0xB8 && s[q + 2] == 0x8F)
        q += 3;
    if (q + 3 <= sc->end && s[q] == 0xE2 && s[q + 1] == 0x83 && s[q + 2] == 0xA3)
        return attached_end(sc, q + 3);
    return 0;
}

/* The token just made is one ASCII mark or symbol ending at pos, where a non-ASCII
 * character follows: takes in what WB4 attaches to it ("!\uFE0F", "\u00AE" aside), and
 * makes a keycap of "#\uFE0F\u20E3" an emoji. Returns where the token now ends. */
TOK_COLD static uint32_t attach_to_mark(scanner *sc, uint32_t pos)
{
    lede_token *t = sc->vec->n ? &sc->vec->v[sc->vec->n - 1] : NULL;
    uint32_t e;

    /* not a quote mark (its flags are judged) nor a full stop (sentences.c's rules read
     * it alone) */
    if (!t || t->end != pos || t->end - t->start != 1 || sc->s[t->start] == '"' ||
        sc->s[t->start] == '\'' || sc->s[t->start] == '.' ||
        (t->kind != LEDE_TOK_PUNCT && t->kind != LEDE_TOK_SYMBOL))
        return pos;
    if ((e = keycap_end(sc, t->start)) != 0) {
        t->kind = LEDE_TOK_EMOJI;
        t->flags &= (uint16_t)~TOK_F_INERT;
    } else if ((e = attached_end(sc, pos)) == pos) {
        return pos;
    }
    t->end = e;
    t->flags &= (uint16_t)~TOK_F_INERT; /* longer than one character */
    return e;
}

/* 1 for a letter that is a word by itself (a Han ideograph, Hiragana: tok_is_ideograph),
 * 2 for Katakana, whose runs are words (UAX #29 WB13), 0 for other characters. */
TOK_COLD static int cjk_kind(int32_t cp)
{
    if (tok_wb_is_katakana(cp))
        return 2;
    return tok_is_ideograph(cp);
}

/* ---- glued captions (rules in the file comment) ---- */

static int glue_split(const scanner *sc, uint32_t seg_start, uint32_t pos, unsigned seg_letters,
                      unsigned lower_run, int seg_first_cc)
{
    int32_t cp;
    int cc;
    uint32_t q = pos, rest_start = pos;
    unsigned n_lower = 0;

    if (lower_run < 2)
        return 0;
    q += (uint32_t)peek(sc, q, &cp, &cc); /* the capital */
    for (;;) {
        size_t len = peek(sc, q, &cp, &cc);
        if (len == 0 || cc != TOK_CC_LOWER)
            break;
        q += (uint32_t)len;
        n_lower++;
    }
    /* "footnoteRef:6", "getValue(": identifiers, not a caption before a sentence */
    if (n_lower == 0 || is_wordchar_cc(cc) || cp == ':' || cp == '(' || cp == '[' || cp == '_' ||
        cp == '/' || cp == '=')
        return 0;
    for (const char *const *e = glue_exceptions; *e; e++) {
        if (strlen(*e) == q - seg_start && memcmp(*e, sc->text + seg_start, q - seg_start) == 0)
            return 0;
    }
    if (seg_first_cc == TOK_CC_LOWER && lower_run == seg_letters)
        return 1;
    if (seg_first_cc == TOK_CC_UPPER && lower_run + 1 == seg_letters)
        return (tok_lexicon_get(sc->cfg->lex, sc->text + rest_start, q - rest_start) &
                TOK_LEX_STARTER) != 0;
    return 0;
}

/* A character where a word stops but a URL, an address or U.S. would go on. */
static int may_continue_url(unsigned char c)
{
    switch (c) {
    case '@':
    case ':':
    case '.':
    case '_':
    case '+':
    case '%':
    case '-':
        return 1;
    default:
        return 0;
    }
}

/* A word's name goes on past the full stop at dot: "Booking.com", "Node.js",
 * "Amazon.co.uk", as UAX #29 keeps letters joined by a full stop (WB6/7). Only where what
 * follows each stop is ASCII lower case and no abbreviation could end there, so "end.The",
 * "U.S.The" and "e.g." keep their stops for sentences.c. Returns the name's end or 0. */
TOK_COLD static uint32_t dotted_name_end(const scanner *sc, uint32_t dot)
{
    const unsigned char *s = sc->s;
    uint32_t q = dot, e = 0;

    while (q + 2 < sc->end && s[q] == '.' && tok_ascii_lower(s[q + 1])) {
        q++;
        while (q < sc->end && (tok_ascii_letter(s[q]) || tok_ascii_digit(s[q])))
            q++;
        e = q;
    }
    /* a letter, digit or mark of any script after it: not a name of this shape */
    if (e && e < sc->end && s[e] >= 0x80) {
        int32_t cp;
        int cc;
        peek(sc, e, &cp, &cc);
        if (is_wordchar_cc(cc))
            return 0;
    }
    return e;
}

/* ---- clitics ---- */

/* With clitics = true: do|n't, Iran|'s, they|'re, presidents|'. */
static int split_clitic(scanner *sc)
{
    lede_token *t = &sc->vec->v[sc->vec->n - 1];
    const unsigned char *s = sc->s;
    uint32_t a = t->end, alen = 0, cut;
    char suf[3];
    size_t slen;

    for (uint32_t i = t->start; i < t->end; i++) {
        if (s[i] == '\'') {
            a = i;
            alen = 1;
        } else if (s[i] == 0xE2 && i + 2 < t->end && s[i + 1] == 0x80 && s[i + 2] == 0x99) {
            a = i;
            alen = 3;
        }
    }
    if (!alen || a == t->start)
        return 0;
    slen = t->end - (a + alen);
    if (slen > 2)
        return 0;
    for (size_t i = 0; i < slen; i++)
        suf[i] = (char)(s[a + alen + i] | 0x20);
    suf[slen] = '\0';
    if (slen == 0 || !strcmp(suf, "s") || !strcmp(suf, "re") || !strcmp(suf, "ve") ||
        !strcmp(suf, "ll") || !strcmp(suf, "d") || !strcmp(suf, "m"))
        cut = a;
    else if (!strcmp(suf, "t") && a - 1 > t->start && (s[a - 1] | 0x20) == 'n')
        cut = a - 1;
    else
        return 0;
    {
        uint32_t end = t->end;
        t->end = cut;
        t->flags &= (uint16_t) ~(LEDE_TOKF_APOSTROPHE | TOK_F_INERT);
        tok_describe(sc->text, t);
        t->flags |= tok_inert_flag(sc->text, t);
        return emit(sc, cut, end, LEDE_TOKF_APOSTROPHE);
    }
}

/* ---- words and numbers ---- */

/* Scans one word starting at *ppos (lead: it starts with an apostrophe, as in ’90s);
 * *glued is set when a glued caption was cut after it and the next word starts right
 * at the new *ppos. */
static int scan_one(scanner *sc, uint32_t *ppos, int lead, uint16_t flags, int *glued)
{
    uint32_t start = *ppos, pos = start, seg_start = start, uend = start;
    int prev_cc = TOK_CC_SPACE, seg_first_cc = -1, numeric = 1, glued_next = 0;
    unsigned lower_run = 0, seg_letters = 0, n_letters = 0, n_upper = 0, first_upper = 0;
    unsigned n_digits = 0, n_numeric = 0;
    int kana;
    int32_t cp, last_letter = 0;
    int cc;
    size_t len;

    if (lead) {
        pos += (uint32_t)peek(sc, pos, &cp, &cc);
        flags |= LEDE_TOKF_APOSTROPHE;
        prev_cc = TOK_CC_PUNCT;
    }
    for (;;) {
        if (pos < sc->end && sc->s[pos] >= 'a' && sc->s[pos] <= 'z' &&
            (is_alpha_cc(prev_cc) || prev_cc == TOK_CC_MARK)) {
            /* Fast path: a run of ASCII lower case inside a word triggers no rule. */
            uint32_t q = tok_lower_run_end(sc->s, pos + 1, sc->end);
            seg_letters += q - pos;
            lower_run += q - pos;
            n_letters += q - pos;
            last_letter = sc->s[q - 1];
            prev_cc = TOK_CC_LOWER;
            pos = q;
            continue;
        }
        if ((len = peek(sc, pos, &cp, &cc)) == 0)
            break;
        if (is_wordchar_cc(cc) ||
            (cc == TOK_CC_FORMAT && is_wordchar_cc(prev_cc) && attaches(cp))) {
            if (cc == TOK_CC_UPPER && prev_cc == TOK_CC_LOWER &&
                glue_split(sc, seg_start, pos, seg_letters, lower_run, seg_first_cc)) {
                glued_next = 1;
                break;
            }
            if (cc == TOK_CC_LETTER && cp >= 0x2E80 && (kana = cjk_kind(cp)) != 0) {
                /* 北京today: each ideograph a word of its own, with its marks; a run of
                 * Katakana one word, apart from other letters (UAX #29 WB13, WB999) */
                if (pos == start) {
                    pos = attached_end(sc, pos + (uint32_t)len);
                    n_letters = 1;
                    while (kana == 2 && (len = peek(sc, pos, &cp, &cc)) != 0 && cp >= 0x2E80 &&
                           cjk_kind(cp) == 2)
                        pos = attached_end(sc, pos + (uint32_t)len);
                }
                break;
            }
            if (is_alpha_cc(cc)) {
                n_numeric += cc == TOK_CC_NUMERIC;
                if (n_letters++ == 0 && cc == TOK_CC_UPPER)
                    first_upper = 1;
                n_upper += cc == TOK_CC_UPPER;
                numeric = 0;
                if (!is_alpha_cc(prev_cc) && prev_cc != TOK_CC_MARK) {
                    seg_start = pos;
                    seg_first_cc = cc;
                    seg_letters = 0;
                    lower_run = 0;
                }
                seg_letters++;
                lower_run = cc == TOK_CC_LOWER ? lower_run + 1 : 0;
                last_letter = cp;
            } else if (cc == TOK_CC_DIGIT) {
                lower_run = 0;
                seg_first_cc = -1;
                n_digits++;
            }
            if (cc != TOK_CC_MARK && cc != TOK_CC_FORMAT)
                prev_cc = cc;
            pos += (uint32_t)len;
            continue;
        }
        if (tok_is_apostrophe(cp) && is_alpha_cc(prev_cc)) {
            int32_t ncp;
            int ncc;
            peek(sc, pos + (uint32_t)len, &ncp, &ncc);
            if (is_alpha_cc(ncc)) { /* doesn't, Iran's, O'Brien */
                flags |= LEDE_TOKF_APOSTROPHE;
                pos += (uint32_t)len;
                prev_cc = TOK_CC_PUNCT;
                continue;
            }
            if ((last_letter == 's' || last_letter == 'S') && sc->single_open == 0 &&
                !is_wordchar_cc(ncc)) { /* presidents' */
                flags |= LEDE_TOKF_APOSTROPHE;
                pos += (uint32_t)len;
            }
            break;
        }
        if ((cp == '-' || cp == 0x2010 || cp == 0x2011) &&
            (is_alpha_cc(prev_cc) || prev_cc == TOK_CC_DIGIT)) {
            int32_t ncp;
            int ncc;
            peek(sc, pos + (uint32_t)len, &ncp, &ncc);
            if ((is_alpha_cc(ncc) || ncc == TOK_CC_DIGIT) &&
                !(ncp >= 0x2E80 && cjk_kind(ncp))) { /* sanction-hit, out-of-control */
                pos += (uint32_t)len;
                prev_cc = TOK_CC_PUNCT;
                continue;
            }
            break;
        }
        if (cp == '_' && (is_alpha_cc(prev_cc) || prev_cc == TOK_CC_DIGIT)) {
            int32_t ncp;
            int ncc;
            peek(sc, pos + 1, &ncp, &ncc);
            if (is_alpha_cc(ncc) || ncc == TOK_CC_DIGIT) { /* Jack_Dorsey (WB13a/b) */
                pos++;
                prev_cc = TOK_CC_PUNCT;
                continue;
            }
            break;
        }
        if (cp == '.' && !numeric && prev_cc == TOK_CC_DIGIT && pos + 1 < sc->end &&
            tok_ascii_digit(sc->s[pos + 1])) { /* v2.0.1 (WB11/12) */
            pos++;
            prev_cc = TOK_CC_PUNCT;
            continue;
        }
        if ((cp == '.' || cp == ',' || cp == ':') && numeric && prev_cc == TOK_CC_DIGIT) {
            int32_t ncp;
            int ncc;
            peek(sc, pos + 1, &ncp, &ncc);
            if (ncc == TOK_CC_DIGIT) { /* 4.1, 22,000, 6:30 */
                pos++;
                prev_cc = TOK_CC_PUNCT;
                continue;
            }
        }
        if (cp == '%' && numeric && prev_cc == TOK_CC_DIGIT) {
            pos++;
            break;
        }
        if (cp == '.' && is_alpha_cc(prev_cc) &&
            tok_stop_is_abbrev(sc->cfg, sc->text, sc->begin, sc->end, start, pos)) {
            pos++;
            flags |= LEDE_TOKF_ABBREV;
        }
        break;
    }
    if (pos == start) /* cannot happen: callers start on a word character */
        pos += (uint32_t)(len ? len : 1);
    /* URLs, addresses and U.S.-like abbreviations are looked for only where a word stops
     * at a character that can continue one; at most word ends, nothing is rescanned. */
    if (!lead && !glued_next && sc->s[start] < 0x80 &&
        ((flags & LEDE_TOKF_ABBREV) || (pos < sc->end && may_continue_url(sc->s[pos])))) {
        if (tok_url_end(sc->s, start, sc->end, &uend) ||
            tok_multidot_end(sc->s, start, sc->end, &uend)) {
            int rc = emit(sc, start, uend, 0);
            *glued = 0;
            if (!rc && sc->s[uend - 1] == '.' && memchr(sc->text + start, '@', uend - start) == 0 &&
                memchr(sc->text + start, '/', uend - start) == 0)
                sc->vec->v[sc->vec->n - 1].flags =
                    (uint16_t)((sc->vec->v[sc->vec->n - 1].flags | LEDE_TOKF_ABBREV) &
                               ~TOK_F_INERT);
            *ppos = uend;
            return rc;
        }
    }
    if (!lead && !glued_next && !(flags & LEDE_TOKF_ABBREV) && pos < sc->end && sc->s[pos] == '.' &&
        seg_letters >= 2 && (uend = dotted_name_end(sc, pos)) != 0)
        pos = uend; /* Booking.com, Node.js */
    if (n_letters && n_numeric == n_letters) {
        /* digits and numbers of other forms alone (Unicode No, Nl: "2½", "①", "Ⅻ") */
        if (push_token(sc, start, pos, LEDE_TOK_NUMBER, flags, 0))
            return LEDE_ENOMEM;
    } else if (n_letters) {
        /* A word: kind and case are known from the scan, no need to describe it again. */
        uint16_t case_flags =
            (uint16_t)((first_upper ? LEDE_TOKF_CAPITALIZED : 0) |
                       (n_letters >= 2 && n_upper == n_letters ? LEDE_TOKF_ALLCAPS : 0));
        if (push_token(sc, start, pos, LEDE_TOK_WORD, (uint16_t)(flags | case_flags), 0))
            return LEDE_ENOMEM;
    } else if (n_digits) {
        /* a number: digits with inner . , : and a final %; nothing to describe */
        if (push_token(sc, start, pos, LEDE_TOK_NUMBER, flags, 0))
            return LEDE_ENOMEM;
    } else if (emit(sc, start, pos, flags)) {
        return LEDE_ENOMEM;
    }
    if (sc->cfg->clitics && (flags & LEDE_TOKF_APOSTROPHE) && split_clitic(sc))
        return LEDE_ENOMEM;
    *ppos = pos;
    *glued = glued_next;
    return 0;
}

/* Scans a word and, when glued captions were cut out of it, the words after each cut,
 * which start sentences (a loop, not recursion: "aaBb-aaBb-..." can be long). */
static int scan_word(scanner *sc, uint32_t *ppos, int lead)
{
    int glued = 0, rc = scan_one(sc, ppos, lead, 0, &glued);

    while (rc == 0 && glued)
        rc = scan_one(sc, ppos, 0, TOK_F_GLUED, &glued);
    return rc;
}

/* ---- punctuation ---- */

/* Dots: "...", "....", ". . ." are one token; in "compounds. . . . The" the first stop
 * ends the word's sentence and the spaced three that follow are an ellipsis. */
static int scan_dots(scanner *sc, uint32_t *ppos)
{
    const unsigned char *s = sc->s;
    uint32_t pos = *ppos, q = pos, r;
    unsigned m = 1;
    int rc;

    while (q < sc->end && s[q] == '.')
        q++;
    if (q - pos >= 2) {
        *ppos = q;
        return emit_punct(sc, pos, q, 0);
    }
    r = q;
    while (r + 1 < sc->end && s[r] == ' ' && s[r + 1] == '.') {
        r += 2;
        m++;
    }
    if (m < 3) {
        *ppos = q;
        return emit_punct(sc, pos, q, 0);
    }
    if (m == 4 && pos > sc->begin && s[pos - 1] != ' ' && s[pos - 1] != '\t' &&
        s[pos - 1] != '\n') {
        rc = emit_punct(sc, pos, pos + 1, 0);
        if (!rc)
            rc = emit_punct(sc, pos + 2, r, 0);
    } else {
        rc = emit_punct(sc, pos, r, 0);
    }
    *ppos = r;
    return rc;
}

static int opens_context(int32_t cp, int cc)
{
    return cc == TOK_CC_SPACE || cp == '(' || cp == '[' || cp == '{' || cp == 0x2014 ||
           cp == 0x2013 || cp == '-' || cp == 0x201C || cp == 0x2018 || cp == '"' || cp == '/' ||
           cp == 0xAB;
}

/* An elision opened by the apostrophe at pos (len bytes) after white space or an opening
 * mark: ’em, ’til, ’tis, ’twas, ’cause, ’bout, and ’n’ or ’n of "rock ’n’ roll", which an
 * opening quotation mark never starts. Returns the word's end, its closing apostrophe
 * included for ’n’, or 0. */
static uint32_t elision_end(const scanner *sc, uint32_t pos, size_t len)
{
    static const char *const words[] = {"em", "til", "tis", "twas", "cause", "bout", "n", NULL};
    const unsigned char *s = sc->s;
    uint32_t q = pos + (uint32_t)len, r = q;
    int32_t cp;
    int cc;

    while (r < sc->end && r - q < 6 && tok_ascii_letter(s[r]))
        r++;
    peek(sc, r, &cp, &cc);
    if (r == q || is_wordchar_cc(cc))
        return 0;
    for (const char *const *w = words; *w; w++) {
        size_t n = strlen(*w), i = 0;
        if (n != r - q)
            continue;
        while (i < n && (s[q + i] | 0x20) == (*w)[i])
            i++;
        if (i < n)
            continue;
        if (n == 1 && tok_is_apostrophe(cp)) { /* ’n’, and no letter after it */
            int32_t ncp;
            int ncc;
            size_t alen = peek(sc, r, &cp, &cc);
            peek(sc, r + (uint32_t)alen, &ncp, &ncc);
            return is_wordchar_cc(ncc) ? 0 : r + (uint32_t)alen;
        }
        return tok_is_apostrophe(cp) ? 0 : r; /* 'em' is a word quoted */
    }
    return 0;
}

/* A foot or inch mark written as ' or " after a number: 6'2", a 12" screen, a 12' boat.
 * The ' before a digit or outside a single quotation; the " outside a double quotation:
 * the last straight double quote of the paragraph before it does not open one. */
TOK_COLD static int is_prime(const scanner *sc, int32_t cp, int ncc)
{
    if (cp == '\'')
        return ncc == TOK_CC_DIGIT || (sc->single_open == 0 && !is_wordchar_cc(ncc));
    if (cp != '"')
        return 0;
    for (size_t i = sc->vec->n; i > sc->first; i--) {
        const lede_token *t = &sc->vec->v[i - 1];
        if (t->end - t->start == 1 && sc->s[t->start] == '"' &&
            (t->flags & (LEDE_TOKF_OPEN_QUOTE | LEDE_TOKF_CLOSE_QUOTE)))
            return !(t->flags & LEDE_TOKF_OPEN_QUOTE);
    }
    return 1;
}

/* A quotation mark: its own token, judged opening or closing from its neighbours. */
static int scan_quote(scanner *sc, uint32_t *ppos, int32_t cp, size_t len)
{
    uint32_t pos = *ppos;
    int32_t pcp, ncp;
    int pcc, ncc, open;
    uint16_t flag;

    peek_back(sc, pos, &pcp, &pcc);
    peek(sc, pos + (uint32_t)len, &ncp, &ncc);
    if (pcc == TOK_CC_DIGIT && is_prime(sc, cp, ncc)) {
        *ppos = pos + (uint32_t)len;
        return emit_punct(sc, pos, pos + (uint32_t)len, 0);
    }
    switch (cp) {
    case 0x201C: /* “ */
        /* written for ”, glued to what it closes: decision.“ However / „Hallo“ sagte */
        open = opens_context(pcp, pcc) || is_wordchar_cc(ncc);
        break;
    case 0x201E: /* „ */
    case 0x201F: /* ‟ */
    case 0xAB:   /* « */
        open = 1;
        break;
    case 0x201D: /* ” */
        /* written for “, after a space and glued to the word it opens: said ”Hello */
        open = pcc == TOK_CC_SPACE && is_wordchar_cc(ncc);
        break;
    case 0xBB: /* » */
        open = 0;
        break;
    case 0x2018: /* ‘ */
    case 0x201A: /* ‚ */
    case 0x2039: /* ‹ */
        open = 1;
        sc->single_open++;
        break;
    case 0x203A: /* › */
        open = 0;
        if (sc->single_open > 0)
            sc->single_open--;
        break;
    default: /* ’ ' " */
        open = opens_context(pcp, pcc) && ncc != TOK_CC_SPACE;
        if (cp != '"') {
            if (open)
                sc->single_open++;
            else if (sc->single_open > 0)
                sc->single_open--;
        }
        break;
    }
    flag = open ? LEDE_TOKF_OPEN_QUOTE : LEDE_TOKF_CLOSE_QUOTE;
    *ppos = pos + (uint32_t)len;
    return emit_punct(sc, pos, pos + (uint32_t)len, flag);
}

static int is_quote_mark(int32_t cp)
{
    return cp == '"' || cp == '\'' || cp == 0xAB || cp == 0xBB || (cp >= 0x2018 && cp <= 0x201F) ||
           cp == 0x2039 || cp == 0x203A;
}

/* An emoji and what joins it: modifiers, variation selectors, tags, ZWJ + emoji, and the
 * second regional indicator of a flag. */
static int scan_emoji(scanner *sc, uint32_t *ppos, int32_t first)
{
    uint32_t start = *ppos, pos = start;
    int32_t cp;
    int cc;
    size_t len = peek(sc, pos, &cp, &cc);
    int ri = first >= 0x1F1E6 && first <= 0x1F1FF;

    pos += (uint32_t)len;
    while ((len = peek(sc, pos, &cp, &cc)) != 0) {
        if (cp == 0xFE0F || cp == 0xFE0E || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
            (cp >= 0xE0020 && cp <= 0xE007F) || cp == 0x20E3 || cc == TOK_CC_MARK) {
            pos += (uint32_t)len;
        } else if (cp == 0x200D) {
            int32_t ncp;
            int ncc;
            size_t nlen = peek(sc, pos + (uint32_t)len, &ncp, &ncc);
            if (ncc != TOK_CC_EMOJI)
                break;
            pos += (uint32_t)(len + nlen);
        } else if (ri == 1 && cp >= 0x1F1E6 && cp <= 0x1F1FF) {
            pos += (uint32_t)len;
            ri = 2;
        } else {
            break;
        }
    }
    *ppos = pos;
    return emit(sc, start, pos, 0);
}

static int is_ascii_space(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v';
}

/* The full stop token just made at s[dot] stands alone at the start of a line after a word
 * and before white space or the paragraph's end ("for pricing\n.\n\nPricing"): converted
 * and scraped text often breaks the line before the stop that ends a sentence. The white
 * space between the word and the stop is recorded as a skipped run that joins them, so the
 * sentence's shown text reads "pricing."; tokens and sentences stay as they are. A space
 * without a line break, an ellipsis, a decimal (".5") and ! or ? are left alone. */
static int join_stop_to_its_line(const scanner *sc, size_t first, uint32_t dot, tok_skips *skips)
{
    const lede_token *word;

    if (!(dot + 1 == sc->end || is_ascii_space(sc->s[dot + 1])) || sc->vec->n < first + 2 ||
        sc->vec->v[sc->vec->n - 1].start != dot)
        return 0;
    word = &sc->vec->v[sc->vec->n - 2];
    if (word->kind != LEDE_TOK_WORD || !(word->flags & TOK_F_EOL))
        return 0;
    for (uint32_t q = word->end; q < dot; q++)
        if (!is_ascii_space(sc->s[q]))
            return 0;
    return tok_skips_add(skips, word->end, dot, 0);
}

int tok_words(const tok_config *cfg, const char *text, uint32_t start, uint32_t end, tok_vec *vec,
              tok_skips *skips)
{
    scanner sc = {cfg, text, (const unsigned char *)text, start, end, vec, vec->n, 0};
    uint32_t pos = start;
    size_t first = vec->n; /* the paragraph's first token */
    int rc = 0;

    while (pos < end && rc == 0) {
        int32_t cp;
        int cc;
        size_t len;
        unsigned char c = sc.s[pos];

        if ((unsigned)((c | 0x20) - 'a') < 26 || (unsigned)(c - '0') < 10) {
            uint32_t next = tok_plain_words(cfg, sc.s, pos, end, vec, &rc);
            if (rc)
                break;
            if (next != pos) {
                /* Where the run stopped: end, or a character the general path takes
                 * (a letter starting a word the fast path does not handle, among them). */
                pos = next;
                if (pos >= end)
                    break;
                c = sc.s[pos];
                if (c >= 0x80 && (pos = attach_to_mark(&sc, pos)) != next)
                    continue;
            }
        }
        if (c < 0x80) {
            cp = c;
            cc = tok_class(c);
            len = 1;
        } else {
            len = peek(&sc, pos, &cp, &cc);
        }
        if (c == '<' || c == '&' || c == '\\' ||
            ((cc == TOK_CC_PUNCT || cc == TOK_CC_SYMBOL) && pos + 3 < end && sc.s[pos + 1] == c &&
             sc.s[pos + 2] == c && sc.s[pos + 3] == c)) {
            /* markup, leaders, rules and escapes are skipped like white space (clean.c) */
            unsigned what;
            uint32_t e = tok_junk_end(sc.s, start, pos, end, &what);
            if (e) {
                if ((what & TOK_JUNK_ENDS) && vec->n > first)
                    vec->v[vec->n - 1].flags |= TOK_F_END;
                if (skips && (rc = tok_skips_add(skips, pos, e, what)) != 0)
                    break;
                pos = e;
                continue;
            }
        }
        if ((cc == TOK_CC_PUNCT || cc == TOK_CC_SYMBOL) && c < 0x80 && c != '.' && c != '\'' &&
            c != '"') {
            /* Fast path: ASCII punctuation and symbols other than stops and quotes are
             * tokens of their own, with nothing to judge (but for a keycap "#\uFE0F\u20E3"
             * or what WB4 attaches: attach_to_mark). */
            lede_token *t;
            if (vec->n == vec->cap && tok_vec_reserve(vec, 1)) {
                rc = LEDE_ENOMEM;
                break;
            }
            t = &vec->v[vec->n++];
            t->start = pos;
            t->end = pos + 1;
            t->kind = cc == TOK_CC_PUNCT ? LEDE_TOK_PUNCT : LEDE_TOK_SYMBOL;
            t->flags = c == '?' || c == '!' ? 0 : TOK_F_INERT;
            if (c == '[') /* sentences.c looks inside brackets only when there are some */
                vec->v[first].flags |= TOK_F_BRACKETS;
            pos++;
            if (pos < end && sc.s[pos] >= 0x80)
                pos = attach_to_mark(&sc, pos);
            continue;
        }
        switch (cc) {
        case TOK_CC_SPACE:
            if ((c == '\n' || c == '\r') && vec->n > first) /* a lone \r breaks a line too */
                vec->v[vec->n - 1].flags |= TOK_F_EOL;
            pos += (uint32_t)len;
            break;
        case TOK_CC_UPPER:
        case TOK_CC_LOWER:
        case TOK_CC_LETTER:
        case TOK_CC_MARK:
        case TOK_CC_NUMERIC:
            rc = scan_word(&sc, &pos, 0);
            break;
        case TOK_CC_DIGIT: {
            uint32_t e = pos + 1 < end && sc.s[pos + 1] >= 0x80 ? keycap_end(&sc, pos) : 0;
            if (e) { /* 1\uFE0F\u20E3 */
                rc = push_token(&sc, pos, e, LEDE_TOK_EMOJI, 0, 0);
                pos = e;
                break;
            }
            rc = scan_word(&sc, &pos, 0);
            break;
        }
        case TOK_CC_EMOJI:
            rc = scan_emoji(&sc, &pos, cp);
            break;
        case TOK_CC_FORMAT:
            /* A lone ZWSP, BOM or joiner is no token. */
            pos += (uint32_t)len;
            break;
        case TOK_CC_PUNCT:
            if (cp == '.') {
                uint32_t dot = pos;
                rc = scan_dots(&sc, &pos);
                if (rc == 0 && pos == dot + 1 && skips)
                    rc = join_stop_to_its_line(&sc, first, dot, skips);
                break;
            }
            if (tok_is_apostrophe(cp)) {
                int32_t pcp, ncp;
                int pcc, ncc;
                peek_back(&sc, pos, &pcp, &pcc);
                peek(&sc, pos + (uint32_t)len, &ncp, &ncc);
                /* Jr.'s, and the '90s */
                if ((is_alpha_cc(ncc) && (pcp == '.' || is_wordchar_cc(pcc))) ||
                    (ncc == TOK_CC_DIGIT && pcc == TOK_CC_SPACE)) {
                    rc = scan_word(&sc, &pos, 1);
                    break;
                }
                if (ncp < 0x80 && opens_context(pcp, pcc)) {
                    /* get ’em in ’til dawn, rock ’n’ roll */
                    uint32_t e = elision_end(&sc, pos, len);
                    if (e) {
                        rc = push_token(&sc, pos, e, LEDE_TOK_OTHER, LEDE_TOKF_APOSTROPHE, 1);
                        pos = e;
                        break;
                    }
                }
            }
            if (is_quote_mark(cp)) {
                rc = scan_quote(&sc, &pos, cp, len);
                break;
            }
            /* with what WB4 attaches to it ("‼\uFE0F"), as below */
            /* fall through */
        default: {
            uint32_t e = attached_end(&sc, pos + (uint32_t)len);
            rc = emit(&sc, pos, e, 0);
            pos = e;
            break;
        }
        }
    }
    return rc ? LEDE_ENOMEM : 0;
}
