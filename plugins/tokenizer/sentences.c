/*
 * sentences.c -- rule-based English sentence boundaries over one paragraph's tokens.
 *
 * A paragraph always ends a sentence (so a headline without a full stop, followed by a
 * blank line, is a sentence of its own). Inside a paragraph a sentence ends after:
 *   - a terminal mark (. ? ! ‼ and four or more dots), together with the closing quotes,
 *     brackets and further marks glued to it ("virtue.”", "Hello?!"), when the next token
 *     is not a lower-case word: "Yahoo! in", "'This is great.' she said" do not end.
 *     A number after a full stop starts a sentence only after a word ("item. 2. The"),
 *     not after a symbol ("N°. 1026"). A full stop glued to a capitalised word ends one
 *     only after a real word or number ("world.Today", "1,000.That", not "Jr.'s").
 *   - an abbreviation whose full stop is in the token (words.c decides what is one):
 *     titles (Mr., Gov.) and "never" words (vs., e.g.) never end a sentence; the others
 *     (U.S., Inc., initials like W. or I.) end one only when the next word is a
 *     capitalised sentence starter: "in the U.S. How about you?" but "the U.S. Government".
 *   - a glued caption cut by words.c ("in Tehran today|Putin speaks").
 * Three dots or "…" never end a sentence inside a paragraph (the author trails off or
 * elides: "solution … and ensure"); in "compounds. . . . The" words.c already separated
 * the full stop from the ellipsis, and the stop ends the sentence when the ellipsis is
 * followed by a capitalised word. Colons and semicolons never end sentences.
 *
 * Numbered and lettered lists run together on one line ("1.) The first item 2.) The
 * second item", "a. The first item b. ...") start a sentence at each marker after the
 * first: a marker is a number, or a single lower-case letter, followed by ".", ")" or
 * ".)" and a capitalised word, and it counts only when the text also holds the next
 * marker in sequence, so a stray "2)" inside a sentence does not split it.
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

static int is_cap_word(const ctx *c, size_t i)
{
    return c->t[i].kind == LEDE_TOK_WORD && (c->t[i].flags & LEDE_TOKF_CAPITALIZED);
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
    return (tok_lexicon_get(c->cfg->lex, s, len) & TOK_LEX_STARTER) != 0;
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
    } else if (t->kind == LEDE_TOK_WORD && len == 2 && s[0] >= 'a' && s[0] <= 'z' &&
               s[1] == '.' && (t->flags & LEDE_TOKF_ABBREV)) {
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
 * before it starts a sentence of its own. Token i is the capitalised word. */
static int is_credit(const ctx *c, size_t i)
{
    static const char *const words[] = {"Image", "Photo", "Photograph", "Picture", "Credit",
                                        "Video", NULL};
    if (i + 1 >= c->n || c->t[i + 1].start != c->t[i].end || !tok_is(c, i + 1, ":"))
        return 0;
    for (const char *const *w = words; *w; w++) {
        if (tok_is(c, i, *w))
            return 1;
    }
    return 0;
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
    if (next->kind == LEDE_TOK_WORD)
        return !starts_lower(c, nx);
    if (next->kind == LEDE_TOK_NUMBER)
        return term != TERM_STOP || (i > 0 && c->t[i - 1].kind == LEDE_TOK_WORD);
    if (term_kind(c, nx) == TERM_ELLIPSIS || term_kind(c, nx) == TERM_DOTS)
        return nx + 1 < c->n && is_cap_word(c, nx + 1);
    if (is_opener(c, nx))
        return !(nx + 1 < c->n && c->t[nx + 1].kind == LEDE_TOK_WORD && starts_lower(c, nx + 1));
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
        /* Most tokens are words of three letters or more with a space after them that
         * no rule below can act on; let them pass cheaply. */
        if (tokens[i].kind == LEDE_TOK_WORD && tokens[i].end - tokens[i].start > 2 &&
            !(tokens[i].flags & LEDE_TOKF_ABBREV) && tokens[i + 1].start > tokens[i].end &&
            tokens[i + 1].kind == LEDE_TOK_WORD && !(tokens[i + 1].flags & TOK_F_GLUED) &&
            !(tokens[i + 1].flags & LEDE_TOKF_CAPITALIZED) && !cfg->max_sentence_bytes)
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
            if (tokens[last + 1].flags & TOK_F_GLUED)
                split = 1;
            else if (tokens[last + 1].start > tokens[last].end && term == TERM_NONE &&
                     (tokens[last].kind == LEDE_TOK_WORD || is_closer(&c, last)) &&
                     is_credit(&c, last + 1))
                split = 1;
            else if (cfg->max_sentence_bytes &&
                     tokens[last + 1].end - tokens[first].start > cfg->max_sentence_bytes)
                split = 1; /* the next token would carry the sentence past the cap */
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
