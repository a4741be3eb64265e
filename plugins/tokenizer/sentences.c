/*
 * sentences.c -- rule-based English sentence boundaries over one paragraph's tokens.
 *
 * A paragraph always ends a sentence (so a headline without a full stop, followed by a
 * blank line, is a sentence of its own). Inside a paragraph a sentence ends after:
 *   - a terminal mark (. ? ! ‼ ． and four or more dots), together with the closing
 *     quotes, brackets, further marks and footnote marks after it ("virtue.”", "Hello?!",
 *     "martyr.[1]", "2009. [13] [14]", "consultation.11 12"), when the next token is not
 *     a lower-case word: "Yahoo! in", "'This is great.' she said" do not end. Camel-case
 *     names (wikiHow) and item labels ("ii)", "(b)") start sentences although lower case;
 *     a dash and lower case go on ("voila! -- you"), so does a speaker with a speech verb
 *     after a quoted question ("'Earth?' I asked"). A number after a full stop starts a
 *     sentence only after a word ("item. 2. The"), not after a symbol ("N°. 1026"). A
 *     full stop glued to a capitalised word ends one only after a real word or number
 *     ("world.Today", "1,000.That", not "Jr.'s").
 *   - an abbreviation whose full stop is in the token (words.c decides what is one):
 *     titles (Mr., Gov.) and "never" words (vs., e.g.) never end a sentence; a time after
 *     a number (6 P.M.) ends one before any capital; the others (U.S., Inc., initials
 *     like W. or I.) only before a capitalised sentence starter: "in the U.S. How about
 *     you?" but "the U.S. Government".
 *   - a glued caption cut by words.c ("in Tehran today|Putin speaks").
 * Three dots or "…" end a sentence inside a paragraph only when glued to their word and
 * followed by a starter ("talks slowly... And this"); otherwise the author elides
 * ("solution … and ensure"). In "compounds. . . . The" words.c already separated the
 * full stop from the ellipsis, and the stop ends the sentence when the ellipsis is
 * followed by a capitalised word. Colons and semicolons never end sentences.
 *
 * Scraped news pages lose punctuation between a caption or dateline and the text; three
 * narrow rules put the boundary back without a full stop: a caption credit ("Belle
 * Image: Nick Moreau."), a dateline weekday before ", <Month>" ("... Magicians Wednesday,
 * October 9, 2013"), and a capitalised preposition that cannot be Title Case ("...
 * constituency In the New Territories", "Australia On Saturday", "2015 On Tuesday").
 *
 * Numbered and lettered lists run together on one line ("1.) The first item 2.) The
 * second item", "a. The first item b. ...") start a sentence at each marker after the
 * first: a marker is a number, or a single lower-case letter, followed by ".", ")" or
 * ".)" and a capitalised word, and it counts only when the text also holds the next
 * marker in sequence (or it opens the paragraph), so a stray "2)" does not split.
 *
 * Every look-ahead is bounded (a list marker's neighbour within 200 tokens, a citation
 * within 10), so a paragraph costs linear time whatever it holds. The figures these rules
 * reach on public gold sets are printed by bench/sentences_eval.sh.
 */
#include <string.h>

#include "tok.h"

enum term {
    TERM_NONE = 0,
    TERM_STOP,     /* a single full stop */
    TERM_MARK,     /* ? ! and their doubles and full-width forms */
    TERM_ELLIPSIS, /* three dots or … : not a boundary inside a paragraph */
    TERM_DOTS      /* four or more dots: the end of a sentence that trailed off */
};

typedef struct ctx {
    const tok_config *cfg;
    const char *text;
    const lede_token *t;
    size_t n;
} ctx;

static int tok_is(const ctx *c, size_t i, const char *lit)
{
    size_t len = strlen(lit);
    return c->t[i].end - c->t[i].start == len && memcmp(c->text + c->t[i].start, lit, len) == 0;
}

static enum term term_kind(const ctx *c, size_t i)
{
    const lede_token *t = &c->t[i];
    const unsigned char *s = (const unsigned char *)c->text + t->start;
    size_t len = t->end - t->start, dots = 0;

    if (t->kind != LEDE_TOK_PUNCT)
        return TERM_NONE;
    if (len == 1)
        return s[0] == '.' ? TERM_STOP : (s[0] == '?' || s[0] == '!') ? TERM_MARK : TERM_NONE;
    if (tok_is(c, i, "\uFF0E")) /* ． full-width full stop */
        return TERM_STOP;
    /* ‼ ⁇ ⁈ ⁉ ？ ！ 。 */
    if (tok_is(c, i, "\u203C") || tok_is(c, i, "\u2047") || tok_is(c, i, "\u2048") ||
        tok_is(c, i, "\u2049") || tok_is(c, i, "\uFF1F") || tok_is(c, i, "\uFF01") ||
        tok_is(c, i, "\u3002"))
        return TERM_MARK;
    if (tok_is(c, i, "\u2026"))
        return TERM_ELLIPSIS;
    for (size_t k = 0; k < len; k++) {
        if (s[k] == '.')
            dots++;
        else if (s[k] != ' ')
            return TERM_NONE;
    }
    return dots >= 4 ? TERM_DOTS : dots == 3 ? TERM_ELLIPSIS : TERM_NONE;
}

static int is_closer(const ctx *c, size_t i)
{
    return (c->t[i].flags & LEDE_TOKF_CLOSE_QUOTE) || tok_is(c, i, ")") || tok_is(c, i, "]") ||
           tok_is(c, i, "}");
}

static int is_opener(const ctx *c, size_t i)
{
    return (c->t[i].flags & LEDE_TOKF_OPEN_QUOTE) || tok_is(c, i, "(") || tok_is(c, i, "[") ||
           tok_is(c, i, "{");
}

/* The first character of token i is a lower-case letter. */
static int starts_lower(const ctx *c, size_t i)
{
    int32_t cp;
    const lede_token *t = &c->t[i];
    tok_decode((const unsigned char *)c->text + t->start, t->end - t->start, &cp);
    return tok_class(cp) == TOK_CC_LOWER;
}

/* Token i starts lower case, as a sentence's first word would not, unless it is a
 * camel-case name (iPhone, eBay, wikiHow): those start sentences as they are. */
static int lower_continues(const ctx *c, size_t i)
{
    const lede_token *t = &c->t[i];

    if (!starts_lower(c, i))
        return 0;
    for (uint32_t k = t->start + 1; k < t->end; k++) {
        unsigned char ch = (unsigned char)c->text[k];
        if (ch >= 'A' && ch <= 'Z')
            return 0;
    }
    return 1;
}

static int is_cap_word(const ctx *c, size_t i)
{
    return c->t[i].kind == LEDE_TOK_WORD && (c->t[i].flags & LEDE_TOKF_CAPITALIZED);
}

/* The lexicon flags, among wanted, of a word written with an initial capital and the
 * rest lower case ("In", not "in" or "IN"); 0 for any other token. */
static unsigned cap_lex(const ctx *c, size_t i, unsigned wanted)
{
    const lede_token *t = &c->t[i];

    if (!is_cap_word(c, i) || (t->flags & LEDE_TOKF_ALLCAPS))
        return 0;
    return tok_lexicon_get_if(c->cfg->lex, c->text + t->start, t->end - t->start, wanted);
}

/* A capitalised function word that starts sentences (The, It, How, I, I'm, It's). */
static int is_starter(const ctx *c, size_t i)
{
    const lede_token *t = &c->t[i];
    const char *s = c->text + t->start;
    size_t len = t->end - t->start;

    if (!is_cap_word(c, i) || ((t->flags & LEDE_TOKF_ALLCAPS) && len > 1))
        return 0;
    if (t->flags & LEDE_TOKF_APOSTROPHE) {
        /* the word before its clitic: I'm -> I, It's -> It */
        for (size_t k = 1; k < len; k++) {
            if (s[k] == '\'' || (unsigned char)s[k] == 0xE2) {
                len = k;
                break;
            }
        }
    }
    return tok_lexicon_get_if(c->cfg->lex, s, len, TOK_LEX_STARTER) != 0;
}

/* ---- list markers ---- */

/* If a list marker starts at token i ("2.)", "2)", "2.", "b."), returns its ordinal
 * (numbers as is, letters a=1) and sets *after to the token after it; else 0. */
static long marker_at(const ctx *c, size_t i, size_t *after)
{
    const lede_token *t = &c->t[i];
    const char *s = c->text + t->start;
    size_t len = t->end - t->start, j = i + 1;
    long value = 0;

    if (t->kind == LEDE_TOK_NUMBER && len <= 3) {
        for (size_t k = 0; k < len; k++) {
            if (s[k] < '0' || s[k] > '9')
                return 0;
            value = value * 10 + (s[k] - '0');
        }
    } else if (t->kind == LEDE_TOK_WORD && len == 1 && s[0] >= 'a' && s[0] <= 'z') {
        value = s[0] - 'a' + 1;
    } else if (t->kind == LEDE_TOK_WORD && len == 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] == '.' &&
               (t->flags & LEDE_TOKF_ABBREV)) {
        value = s[0] - 'a' + 1; /* "a." taken as an abbreviation */
        j = i + 1;
        goto marked;
    } else {
        return 0;
    }
    if (j < c->n && c->t[j].start == t->end && tok_is(c, j, "."))
        j++;
    if (j < c->n && c->t[j].start == c->t[j - 1].end && tok_is(c, j, ")"))
        j++;
    if (j == i + 1)
        return 0;
marked:
    if (j >= c->n || c->t[j].start == c->t[j - 1].end || !is_cap_word(c, j))
        return 0;
    *after = j;
    return value;
}

/* Bullets that may precede a list marker: • ‣ ⁃ ◦ ▪ * - */
static int is_bullet(const ctx *c, size_t i)
{
    return tok_is(c, i, "\u2022") || tok_is(c, i, "\u2023") || tok_is(c, i, "\u2043") ||
           tok_is(c, i, "\u25E6") || tok_is(c, i, "\u25AA") || tok_is(c, i, "*") ||
           tok_is(c, i, "-");
}

/* How far (in tokens) to look for the neighbouring marker of a list item: bounded so
 * that a paragraph of numbers costs linear time. */
#define LIST_WINDOW 200

/* Token i is a list marker, and the marker before or after it in sequence is near. */
static int starts_list_item(const ctx *c, size_t i, size_t *after)
{
    long v;
    size_t lo = i > LIST_WINDOW ? i - LIST_WINDOW : 0;
    size_t hi = c->n - i > LIST_WINDOW ? i + LIST_WINDOW : c->n;

    if (c->t[i].kind != LEDE_TOK_NUMBER && c->t[i].kind != LEDE_TOK_WORD)
        return 0;
    v = marker_at(c, i, after);
    if (v <= 0)
        return 0;
    for (size_t k = *after; k < hi; k++) {
        size_t a2;
        if (marker_at(c, k, &a2) == v + 1)
            return 1;
    }
    for (size_t k = lo; k < i && v > 1; k++) {
        size_t a2;
        if (marker_at(c, k, &a2) == v - 1)
            return 1;
    }
    /* A single item opening its paragraph: "1. This is a list item." */
    return i == 0 || (i == 1 && is_bullet(c, 0));
}

/* ---- caption credits ---- */

/* "Belle Image: Nick Moreau.", "... in Tehran Photo: AP": a credit glued to the caption
 * before it starts a sentence of its own. Token i is the capitalised word, lex its
 * cap_lex() flags. */
static int is_credit(const ctx *c, size_t i, unsigned lex)
{
    return (lex & TOK_LEX_CREDIT) && i + 1 < c->n && c->t[i + 1].start == c->t[i].end &&
           tok_is(c, i + 1, ":");
}

/* ---- what may follow a terminal mark without ending the sentence ---- */

static int is_dash(const ctx *c, size_t i)
{
    return tok_is(c, i, "-") || tok_is(c, i, "\u2013") || tok_is(c, i, "\u2014");
}

/* An item label like "ii)" or "(b)": token i is a lower-case roman numeral up to xii or a
 * single letter, and a ")" is glued to it. */
static int is_item_label(const ctx *c, size_t i)
{
    static const char *const romans[] = {"i",    "ii", "iii", "iv", "v",   "vi", "vii",
                                         "viii", "ix", "x",   "xi", "xii", NULL};
    const lede_token *t = &c->t[i];
    size_t len = t->end - t->start;

    if (t->kind != LEDE_TOK_WORD || i + 1 >= c->n || c->t[i + 1].start != t->end ||
        !tok_is(c, i + 1, ")"))
        return 0;
    if (len == 1 && c->text[t->start] >= 'a' && c->text[t->start] <= 'z')
        return 1;
    for (const char *const *r = romans; *r; r++) {
        if (tok_is(c, i, *r))
            return 1;
    }
    return 0;
}

/* If a citation mark "[12]", "[1 - 3]" or "[2, 5]" starts at token j, the index of its
 * "]"; else 0. */
static size_t citation_end(const ctx *c, size_t j)
{
    if (j + 2 >= c->n || !tok_is(c, j, "[") || c->t[j + 1].kind != LEDE_TOK_NUMBER)
        return 0;
    for (size_t k = j + 2; k < c->n && k < j + 10; k++) {
        if (tok_is(c, k, "]"))
            return k;
        if (c->t[k].kind != LEDE_TOK_NUMBER && !tok_is(c, k, "-") && !tok_is(c, k, "\u2013") &&
            !tok_is(c, k, ","))
            return 0;
    }
    return 0;
}

/* Footnote marks after a terminal mark belong to its sentence: "martyr.[1]", "at
 * large.[7][8]", "in October 2009. [13] [14]", "a consultation.11 12". Returns the last
 * token of them (or k). */
static size_t absorb_footnotes(const ctx *c, size_t k)
{
    for (;;) {
        size_t j = k + 1, e = citation_end(c, j);
        if (e) {
            k = e;
            continue;
        }
        if (j + 1 < c->n && c->t[j].start > c->t[k].end && c->t[j].kind == LEDE_TOK_NUMBER &&
            c->t[j].end - c->t[j].start <= 2 && c->t[j + 1].start > c->t[j].end &&
            is_cap_word(c, j + 1))
            return j; /* "Angela Duckworth. 1 In a 2007 study" */
        if (j < c->n && c->t[j].start == c->t[k].end && c->t[j].kind == LEDE_TOK_NUMBER &&
            c->t[j].end - c->t[j].start <= 3 && j + 1 < c->n && c->t[j + 1].start > c->t[j].end) {
            k = j; /* .11 */
            while (k + 2 < c->n && c->t[k + 1].kind == LEDE_TOK_NUMBER &&
                   c->t[k + 1].end - c->t[k + 1].start <= 3 && c->t[k + 2].kind == LEDE_TOK_WORD &&
                   (c->t[k + 2].flags & LEDE_TOKF_CAPITALIZED))
                k++; /* .11 12 Take */
            return k;
        }
        return k;
    }
}

static int is_weekday(const ctx *c, size_t i)
{
    return cap_lex(c, i, TOK_LEX_WEEKDAY) != 0;
}

/* "... in any geographical constituency In the New Territories ...": a caption without
 * a full stop runs into a sentence that opens with a capitalised preposition. It starts a
 * sentence (token i is the preposition, after white space) when
 *   - the word before is lower case: inside a title the word before the preposition
 *     would be capitalised too ("Made In Italy");
 *   - or the word after is a lower-case determiner: a title would write "In The"
 *     ("Elizabeth Quat In the New Territories");
 *   - or a year comes before it: "Thursday, May 7, 2015 On Tuesday, ...". */
static int is_unpunctuated_start(const ctx *c, size_t i, unsigned lex)
{
    static const char *const dets[] = {"the", "a",   "an",    "this", "that",
                                       "his", "her", "their", "its",  NULL};
    const lede_token *prev = &c->t[i - 1];

    if (c->t[i].start == prev->end || i + 1 >= c->n || prev->end - prev->start < 2 ||
        !(lex & TOK_LEX_PREP))
        return 0;
    if (prev->kind == LEDE_TOK_WORD && starts_lower(c, i - 1))
        return 1;
    if (prev->kind == LEDE_TOK_NUMBER && prev->end - prev->start == 4)
        return 1;
    if (prev->kind == LEDE_TOK_WORD || is_closer(c, i - 1)) {
        for (const char *const *d = dets; *d; d++) {
            if (tok_is(c, i + 1, *d))
                return 1;
        }
        /* "Preston, Victoria, Australia On Saturday, Wikinews interviewed ..." */
        if ((tok_is(c, i, "On") || tok_is(c, i, "Since") || tok_is(c, i, "During")) &&
            is_weekday(c, i + 1))
            return 1;
    }
    return 0;
}

/* "'You come here from Earth?' I asked.": after a quoted question or exclamation, a
 * speaker and a speech verb continue the sentence. Token i is the word after the quote. */
static int is_attribution(const ctx *c, size_t i)
{
    static const char *const verbs[] = {"said",  "says",      "asked",     "asks",      "replied",
                                        "cried", "shouted",   "whispered", "added",     "told",
                                        "wrote", "exclaimed", "answered",  "continued", NULL};
    if (i + 1 >= c->n || c->t[i].kind != LEDE_TOK_WORD)
        return 0;
    for (const char *const *v = verbs; *v; v++) {
        if (tok_is(c, i + 1, *v))
            return 1;
    }
    return 0;
}

static int is_month(const ctx *c, size_t i)
{
    return cap_lex(c, i, TOK_LEX_MONTH) != 0;
}

/* A dateline glued to a headline or a place: "... Brotherhood of Magicians Wednesday,
 * October 9, 2013". Token i is a weekday, after white space and a capitalised word or a
 * closing mark, followed by a comma and a month. */
static int is_dateline(const ctx *c, size_t i, unsigned lex)
{
    return (lex & TOK_LEX_WEEKDAY) && i + 2 < c->n && tok_is(c, i + 1, ",") && is_month(c, i + 2) &&
           (is_cap_word(c, i - 1) || is_closer(c, i - 1)) && !tok_is(c, i - 1, "On") &&
           !tok_is(c, i - 1, "Since") && !tok_is(c, i - 1, "By") && !tok_is(c, i - 1, "Until");
}

/* ---- decisions ---- */

/* Tokens i..k are a terminal mark and what is glued to it; does a sentence end at k? */
static int ends_after_terminal(const ctx *c, enum term term, size_t i, size_t k)
{
    size_t nx = k + 1;
    const lede_token *next = &c->t[nx];
    int gap = next->start > c->t[k].end;

    if (term == TERM_ELLIPSIS)
        /* "talks slowly... And this": trailing off, glued to its word, before a starter */
        return gap && i > 0 && c->t[i - 1].end == c->t[i].start && is_starter(c, nx);
    if (!gap) {
        /* world.Today, 1,000.That, currency.Vladimir */
        return (term == TERM_STOP || term == TERM_MARK) && is_cap_word(c, nx) &&
               !(next->flags & LEDE_TOKF_ALLCAPS) && i > 0 && c->t[i - 1].end == c->t[i].start &&
               ((c->t[i - 1].kind == LEDE_TOK_WORD && c->t[i - 1].end - c->t[i - 1].start >= 2 &&
                 !(c->t[i - 1].flags & LEDE_TOKF_ABBREV)) ||
                c->t[i - 1].kind == LEDE_TOK_NUMBER);
    }
    if (next->kind == LEDE_TOK_WORD) {
        if (term == TERM_MARK && k > i && (c->t[k].flags & LEDE_TOKF_CLOSE_QUOTE) &&
            is_attribution(c, nx))
            return 0;
        return !lower_continues(c, nx) || is_item_label(c, nx); /* "world. ii) Hello" */
    }
    if (is_dash(c, nx)) {
        /* "and -- voila! -- you have cake": a dash and lower case go on */
        size_t d = nx;
        while (d < c->n && is_dash(c, d))
            d++;
        return !(d < c->n && c->t[d].kind == LEDE_TOK_WORD && starts_lower(c, d));
    }
    if (next->kind == LEDE_TOK_NUMBER)
        return term != TERM_STOP || (i > 0 && c->t[i - 1].kind == LEDE_TOK_WORD);
    if (term_kind(c, nx) == TERM_ELLIPSIS || term_kind(c, nx) == TERM_DOTS)
        return nx + 1 < c->n && is_cap_word(c, nx + 1);
    if (is_opener(c, nx))
        return !(nx + 1 < c->n && c->t[nx + 1].kind == LEDE_TOK_WORD && starts_lower(c, nx + 1) &&
                 !is_item_label(c, nx + 1)); /* "(ii) Hello" starts one */
    return 1;
}

/* Token i is an abbreviation (its stop inside), k the last token glued to it. */
static int ends_after_abbrev(const ctx *c, size_t i, size_t k)
{
    const lede_token *t = &c->t[i];
    size_t nx = k + 1, len = t->end - t->start;
    unsigned lex = 0;

    if (c->t[nx].start == c->t[k].end)
        return 0;
    if (len >= 2 && c->text[t->end - 1] == '.') /* Mr, Inc, e.g (listed with inner stops) */
        lex = tok_lexicon_get(c->cfg->lex, c->text + t->start, len - 1);
    if (lex & (TOK_LEX_TITLE | TOK_LEX_NEVER))
        return 0;
    /* "He left at 6 P.M. Travelers ...": a time ends before any capitalised word. */
    if (len == 4 && i > 0 && c->t[i - 1].kind == LEDE_TOK_NUMBER &&
        ((c->text[t->start] | 0x20) == 'a' || (c->text[t->start] | 0x20) == 'p') &&
        (c->text[t->start + 2] | 0x20) == 'm')
        return is_cap_word(c, nx);
    if (is_opener(c, nx) && nx + 1 < c->n)
        return is_starter(c, nx + 1);
    return is_starter(c, nx);
}

int tok_sentences(const tok_config *cfg, const char *text, const lede_token *tokens, size_t n,
                  tok_emit_fn emit, void *arg)
{
    ctx c = {cfg, text, tokens, n};
    size_t first = 0;
    int rc;

    for (size_t i = 0; i < n; i++) {
        size_t last = i, k;
        int split = 0;
        enum term term = TERM_NONE;

        if (i + 1 == n)
            break;
        /* Most tokens are words no rule below can act on: not an abbreviation, not a
         * one-letter item label, and followed by a token that is neither capitalised
         * nor cut off a glued word. Let them pass cheaply. */
        if (tokens[i].kind == LEDE_TOK_WORD && !(tokens[i].flags & LEDE_TOKF_ABBREV) &&
            (tokens[i].end - tokens[i].start > 1 || !starts_lower(&c, i)) &&
            !(tokens[i + 1].flags & (TOK_F_GLUED | LEDE_TOKF_CAPITALIZED)) &&
            !cfg->max_sentence_bytes)
            continue;
        if ((tokens[i].kind == LEDE_TOK_NUMBER ||
             (tokens[i].kind == LEDE_TOK_WORD && tokens[i].end - tokens[i].start <= 2)) &&
            (i == first || tokens[i].start > tokens[i - 1].end || is_bullet(&c, i - 1)) &&
            starts_list_item(&c, i, &k)) {
            /* A list item starts here, with its bullet if it has one. */
            size_t b = i > first && is_bullet(&c, i - 1) ? i - 1 : i;
            if (b > first) {
                rc = emit(arg, first, b - 1);
                if (rc)
                    return rc;
                first = b;
            }
            i = k - 1;
            continue;
        }
        term = term_kind(&c, i);
        if (term != TERM_NONE) {
            k = i;
            while (k + 1 < n && tokens[k + 1].start == tokens[k].end &&
                   (is_closer(&c, k + 1) || term_kind(&c, k + 1) == TERM_STOP ||
                    term_kind(&c, k + 1) == TERM_MARK || term_kind(&c, k + 1) == TERM_DOTS))
                k++;
            if (term == TERM_STOP || term == TERM_MARK)
                k = absorb_footnotes(&c, k);
            last = k;
            if (k + 1 < n)
                split = ends_after_terminal(&c, term, i, k);
        } else if (tokens[i].flags & LEDE_TOKF_ABBREV) {
            k = i;
            while (k + 1 < n && tokens[k + 1].start == tokens[k].end && is_closer(&c, k + 1))
                k++;
            last = k;
            if (k + 1 < n)
                split = ends_after_abbrev(&c, i, k);
        }
        if (last + 1 < n && !split) {
            const lede_token *nt = &tokens[last + 1];
            if (nt->flags & TOK_F_GLUED) {
                split = 1;
            } else if (term == TERM_NONE && !(tokens[last].flags & LEDE_TOKF_ABBREV) &&
                       (nt->flags & LEDE_TOKF_CAPITALIZED) && nt->start > tokens[last].end) {
                /* captions and datelines that lost their punctuation */
                unsigned lex =
                    cap_lex(&c, last + 1, TOK_LEX_CREDIT | TOK_LEX_PREP | TOK_LEX_WEEKDAY);
                if (lex & (TOK_LEX_CREDIT | TOK_LEX_PREP | TOK_LEX_WEEKDAY))
                    split = ((tokens[last].kind == LEDE_TOK_WORD || is_closer(&c, last)) &&
                             is_credit(&c, last + 1, lex)) ||
                            is_unpunctuated_start(&c, last + 1, lex) ||
                            is_dateline(&c, last + 1, lex);
            }
            /* the next token would carry the sentence past the cap */
            if (!split && cfg->max_sentence_bytes &&
                nt->end - tokens[first].start > cfg->max_sentence_bytes)
                split = 1;
        }
        if (last + 1 >= n)
            break;
        if (split) {
            rc = emit(arg, first, last);
            if (rc)
                return rc;
            first = last + 1;
        }
        i = last;
    }
    return emit(arg, first, n - 1);
}
