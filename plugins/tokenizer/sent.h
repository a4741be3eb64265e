/*
 * sent.h -- what sentences.c and layout.c share: the terminal marks, the state of one
 * paragraph's sentence pass, and the small token tests both use (inline: they sit in the
 * hottest loop of the stage).
 */
#ifndef TOK_SENT_H
#define TOK_SENT_H

#include <string.h>

#include "tok.h"

enum term {
    TERM_NONE = 0,
    TERM_STOP,     /* a single full stop */
    TERM_MARK,     /* ? ! and their doubles and full-width forms */
    TERM_ELLIPSIS, /* three dots or … : not a boundary inside a paragraph */
    TERM_DOTS      /* four or more dots: the end of a sentence that trailed off */
};

typedef struct tok_sctx {
    const tok_config *cfg;
    const char *text;
    const lede_token *t;
    size_t n;
    size_t first;    /* the current sentence's first token */
    size_t floor;    /* where its text starts: first, or the word after its list marker */
    int brackets;    /* the paragraph holds a '[' */
    long list_next;  /* the next marker of a list with lower-case items, or 0 */
    int in_item;     /* the current sentence is a list item */
    int menu;        /* tok_is_menu() of the paragraph: -1 until asked */
    size_t menu_end; /* a menu glued after a sentence runs to token menu_end - 1 (0: none) */
    /* the quotation last found, [q_open, q_close] (q_close 0: none yet) -- with quotations
     * = "whole" any, by default one embedded in its sentence --, the first token not yet
     * searched for an opening quote (whole only), and how many tokens the searches for
     * closing marks have looked at */
    size_t q_open, q_close, q_scan, q_work;
    long inline_next; /* the next marker of a list run into its sentence after a colon, or 0 */
} tok_sctx;

/* Token i is the literal lit. Always inlined: with a constant literal the length folds
 * and the comparison is a byte or three, where a call would cost more than the test. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline int
tok_is(const tok_sctx *c, size_t i, const char *lit)
{
    size_t len = strlen(lit);
    return c->t[i].end - c->t[i].start == len && memcmp(c->text + c->t[i].start, lit, len) == 0;
}

/* Token i is one of the literals of list (NULL-terminated). */
static inline int tok_is_one_of(const tok_sctx *c, size_t i, const char *const *list)
{
    for (; *list; list++) {
        if (tok_is(c, i, *list))
            return 1;
    }
    return 0;
}

/* The terminal mark of a token longer than one byte (…, ‼, ．, ". . ."), if any. */
enum term tok_term_kind_long(const tok_sctx *c, size_t i);

/* The terminal mark token i is, if any; the common one-byte case inline. */
static inline enum term tok_term_kind(const tok_sctx *c, size_t i)
{
    const lede_token *t = &c->t[i];
    char ch;

    if (t->kind != LEDE_TOK_PUNCT)
        return TERM_NONE;
    if (t->end - t->start > 1)
        return tok_term_kind_long(c, i);
    ch = c->text[t->start];
    return ch == '.' ? TERM_STOP : (ch == '?' || ch == '!') ? TERM_MARK : TERM_NONE;
}

static inline int tok_is_cap_word(const tok_sctx *c, size_t i)
{
    return c->t[i].kind == LEDE_TOK_WORD && (c->t[i].flags & LEDE_TOKF_CAPITALIZED);
}

static inline int tok_is_dash(const tok_sctx *c, size_t i)
{
    return tok_is(c, i, "-") || tok_is(c, i, "\u2013") || tok_is(c, i, "\u2014");
}

/* Token i may be a list marker: a number, a lower-case letter alone or with its stop
 * ("b."), before a glued "." or ")" where it needs one. A cheap test before
 * tok_starts_list_item(). */
static inline int tok_maybe_marker(const tok_sctx *c, size_t i)
{
    const lede_token *t = &c->t[i];
    unsigned len = t->end - t->start;
    unsigned char ch = (unsigned char)c->text[t->start];

    if (t->kind == LEDE_TOK_WORD)
        return ch >= 'a' && ch <= 'z' && (len == 1 || (len == 2 && c->text[t->start + 1] == '.'));
    return t->kind == LEDE_TOK_NUMBER && len <= 3 && i + 1 < c->n && c->t[i + 1].start == t->end;
}

/* layout.c */
/* A bullet that may precede a list marker: • ‣ ⁃ ◦ ▪ * - */
int tok_is_bullet(const tok_sctx *c, size_t i);
/* Token i starts a list item (rules in sentences.c's file comment); sets *after to the
 * token after its marker and updates c->list_next. */
int tok_starts_list_item(tok_sctx *c, size_t i, size_t *after);
/* The ordinal of the list marker at token i ("b)" 2, "3." 3), or 0; sets *after to the
 * token after the marker. */
long tok_marker_value(const tok_sctx *c, size_t i, size_t *after);
/* Token i follows a colon on its line and opens a list run into the colon's sentence
 * ("sins: a) Leaving ... b) Refusing"): returns 2, the next marker's ordinal, and sets
 * *after to the token after the marker; else 0. */
long tok_colon_list(const tok_sctx *c, size_t i, size_t *after);
/* The line that ends at token last is a Title Case heading. */
int tok_line_is_heading(const tok_sctx *c, size_t last);
/* The paragraph is a scraped menu: three or more short lines, no terminal mark. */
int tok_is_menu(tok_sctx *c);
/* A menu glued after a sentence starts at token i: three or more lines of one to three
 * words without a terminal mark. Returns its last token plus one, or 0. */
size_t tok_menu_run_end(const tok_sctx *c, size_t i);
/* Token i is the dash after the dateline that opens the paragraph. */
int tok_is_dateline_dash(const tok_sctx *c, size_t i);

#endif
