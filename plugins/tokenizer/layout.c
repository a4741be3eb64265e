/*
 * layout.c -- sentence boundaries that the layout of the text shows: list markers, the
 * line break after a heading, the lines of a scraped menu, and the dateline that opens a
 * story. The rules are described in sentences.c's file comment, which calls these.
 *
 * Lists: "1.) The first item 2.) The second item", "a) here it is b) another": a marker
 * counts when the next (or previous) one in sequence is near, so a stray "2)" does not
 * split; a list that a colon opens on its line runs into the colon's sentence
 * (tok_colon_list). Layout: words.c flags a token followed by a line break (TOK_F_EOL); a heading
 * line is Title Case, a menu is three or more lines of one to three words without a
 * terminal mark, a dateline is a place before a spaced dash. Every scan is bounded (a
 * list marker's neighbour within LIST_WINDOW tokens, a heading line within a dozen
 * words), and the menu test runs once per paragraph.
 */
#include "sent.h"

/* If a list marker starts at token i ("2.)", "2)", "2.", "b."), returns its ordinal
 * (numbers as is, letters a=1) and sets *after to the token after it; else 0. */
static long marker_at(const tok_sctx *c, size_t i, size_t *after, int *cap)
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
    if (j >= c->n || c->t[j].start == c->t[j - 1].end || c->t[j].kind != LEDE_TOK_WORD)
        return 0;
    *after = j;
    *cap = tok_is_cap_word(c, j);
    return value;
}

/* Bullets that may precede a list marker: • ‣ ⁃ ◦ ▪ * - */
int tok_is_bullet(const tok_sctx *c, size_t i)
{
    return tok_is(c, i, "\u2022") || tok_is(c, i, "\u2023") || tok_is(c, i, "\u2043") ||
           tok_is(c, i, "\u25E6") || tok_is(c, i, "\u25AA") || tok_is(c, i, "*") ||
           tok_is(c, i, "-");
}

/* How far (in tokens) to look for the neighbouring marker of a list item: bounded so
 * that a paragraph of numbers costs linear time. */
#define LIST_WINDOW 200

/* Token i is a list marker, and the marker before or after it in sequence is near. Items
 * usually start with a capital; lower-case ones ("a) here it is b) another c) one more")
 * count only in a list whose first marker opens a sentence or follows a full stop, so an
 * enumeration inside a sentence ("would a) cut taxes, b) ...") is no list. */
int tok_starts_list_item(tok_sctx *c, size_t i, size_t *after)
{
    long v;
    int cap, cap2;
    size_t lo = i > LIST_WINDOW ? i - LIST_WINDOW : 0;
    size_t hi = c->n - i > LIST_WINDOW ? i + LIST_WINDOW : c->n, a2;

    if (c->t[i].kind != LEDE_TOK_NUMBER && c->t[i].kind != LEDE_TOK_WORD)
        return 0;
    v = marker_at(c, i, after, &cap);
    if (v <= 0)
        return 0;
    if (cap) {
        for (size_t k = *after; k < hi; k++) {
            if (marker_at(c, k, &a2, &cap2) == v + 1 && cap2)
                return 1;
        }
        for (size_t k = lo; k < i && v > 1; k++) {
            if (marker_at(c, k, &a2, &cap2) == v - 1 && cap2)
                return 1;
        }
        /* A single item opening its paragraph: "1. This is a list item." */
        if (i == 0 || (i == 1 && tok_is_bullet(c, 0)))
            return 1;
    }
    if (v != c->list_next) {
        size_t k;
        if (i != c->first && !(i > 0 && (tok_term_kind(c, i - 1) == TERM_STOP ||
                                         tok_term_kind(c, i - 1) == TERM_MARK)))
            return 0;
        for (k = *after; k < hi; k++) {
            if (marker_at(c, k, &a2, &cap2) == v + 1)
                break;
        }
        if (k >= hi)
            return 0;
    }
    c->list_next = v + 1;
    return 1;
}

long tok_marker_value(const tok_sctx *c, size_t i, size_t *after)
{
    int cap;

    return marker_at(c, i, after, &cap);
}

/* "He described Montalvo as an individual, "facing the penitentiary in thanks for the
 * following sins: a) Leaving ... and the world. b) Refusing ... that freedom."" (GUM
 * news): a list that a colon opens on its own line is run into the colon's sentence,
 * whatever the case of its items, when its first marker ("a)", "1.", token i) and the
 * second follow within LIST_WINDOW tokens. */
TOK_COLD long tok_colon_list(const tok_sctx *c, size_t i, size_t *after)
{
    size_t a2, hi = c->n - i > LIST_WINDOW ? i + LIST_WINDOW : c->n;
    int cap, cap2;

    if (marker_at(c, i, after, &cap) != 1)
        return 0;
    for (size_t k = *after; k < hi; k++) {
        if (marker_at(c, k, &a2, &cap2) == 2)
            return 2;
    }
    return 0;
}

/* Words a title leaves in lower case ("How To Calculate the Score"). */
static int is_title_small_word(const tok_sctx *c, size_t i)
{
    static const char *const small[] = {"a",  "an",   "the", "and", "or", "but", "nor",
                                        "of", "in",   "on",  "at",  "to", "for", "with",
                                        "by", "from", "as",  "vs",  NULL};
    return tok_is_one_of(c, i, small);
}

/* The line ending at token last (a line break follows it) is a heading: up to a dozen
 * words in Title Case, at least two of them capitalised, and no terminal mark
 * ("Putter King Scavenger Hunt Trophy", "d. Compliance Log – Volume 12"). A hard-wrapped
 * line of prose has lower-case words that a title would capitalise. */
TOK_COLD int tok_line_is_heading(const tok_sctx *c, size_t last)
{
    unsigned words = 0, caps = 0;

    for (size_t j = last;; j--) {
        const lede_token *t = &c->t[j];
        if (t->kind == LEDE_TOK_WORD && !(t->flags & LEDE_TOKF_ABBREV)) {
            words++;
            if (t->flags & LEDE_TOKF_CAPITALIZED)
                caps++;
            else if (!is_title_small_word(c, j))
                return 0;
        } else if (tok_term_kind(c, j) != TERM_NONE) {
            return 0;
        }
        if (words > 12)
            return 0;
        if (j == 0 || j == c->floor || (c->t[j - 1].flags & TOK_F_EOL))
            break;
    }
    return caps >= 2;
}

/* "features\ncontact manager\nevents, activities": a paragraph of three lines or more,
 * each of one to three words, and no terminal mark anywhere is a menu or a list of
 * labels scraped from a page: every line is a sentence. Hard-wrapped prose has longer
 * lines and its full stops. Decided once per paragraph, when a line break is first met. */
TOK_COLD int tok_is_menu(tok_sctx *c)
{
    unsigned lines = 1, words = 0;

    if (c->menu >= 0)
        return c->menu;
    c->menu = 0;
    for (size_t j = 0; j < c->n; j++) {
        if (tok_term_kind(c, j) != TERM_NONE)
            return 0;
        if (c->t[j].kind == LEDE_TOK_WORD && ++words > 3)
            return 0;
        if ((c->t[j].flags & TOK_F_EOL) && j + 1 < c->n) {
            if (words == 0)
                return 0;
            lines++;
            words = 0;
        }
    }
    c->menu = lines >= 3 && words > 0;
    return c->menu;
}

/* "... in the city. features\ncontact manager\nevents, activities\n You can": the same
 * menu glued after a sentence of the paragraph. Token i is the lower-case word after a
 * terminal mark; at most MENU_RUN tokens are looked at. */
#define MENU_RUN 64

TOK_COLD size_t tok_menu_run_end(const tok_sctx *c, size_t i)
{
    unsigned lines = 0, words = 0;
    size_t end = 0, j;

    for (j = i; j < c->n && j < i + MENU_RUN; j++) {
        if (tok_term_kind(c, j) != TERM_NONE)
            break;
        if (c->t[j].kind == LEDE_TOK_WORD && ++words > 3)
            break;
        if (c->t[j].flags & TOK_F_EOL) {
            if (words == 0)
                break;
            lines++;
            words = 0;
            end = j + 1;
        }
    }
    if (j == c->n && words > 0) {
        lines++;
        end = j;
    }
    return lines >= 3 ? end : 0;
}

/* "Evansville, Indiana, United States - This past week ...": token i is a spaced dash
 * after the place that opens the paragraph's first sentence, in capitalised words, commas
 * and brackets with at least one comma or an all-capital word ("WASHINGTON (AP) -"), and a
 * capitalised word follows. The place and its dash are a sentence of their own. */
TOK_COLD int tok_is_dateline_dash(const tok_sctx *c, size_t i)
{
    int comma = 0, allcaps = 0;

    if (i > 12 || i == 0 || c->first != 0 || !tok_is_dash(c, i) ||
        c->t[i].start == c->t[i - 1].end || i + 1 >= c->n || c->t[i + 1].start == c->t[i].end ||
        !tok_is_cap_word(c, i + 1))
        return 0;
    for (size_t j = 0; j < i; j++) {
        if (tok_is(c, j, ","))
            comma = 1;
        else if (tok_is(c, j, "(") || tok_is(c, j, ")")) /* "WASHINGTON (Reuters) -" */
            continue;
        else if (tok_is_cap_word(c, j))
            allcaps |= (c->t[j].flags & LEDE_TOKF_ALLCAPS) != 0;
        else
            return 0;
    }
    return comma || allcaps;
}
