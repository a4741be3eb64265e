/*
 * clean.c -- page furniture that is not text: markup, dot leaders, rules, escapes.
 *
 * Scraped and converted news carries debris that no sentence should contain: HTML tags
 * ("<p>", "</h2>", "<img src=...>"), the same escaped ("&lt;b&gt;"), the dot leaders and
 * page numbers of a table of contents ("About Me........5"), rules drawn with a run of
 * one character ("//////", "-----", "=====") and line breaks left as literal escapes
 * ("\r\n" as four characters, "\ r \ n" with spaces). tok_words() asks here before it
 * makes a token of a '<', '&', '\\', '.' or a run of four equal marks; what is recognised
 * is skipped like white space, so it belongs to no token (spans point into the original
 * text). A block-level tag, a leader and a rule also end the sentence before them
 * (tok_words() flags the previous token TOK_F_END): a heading in <h2> is not the start of
 * the paragraph after it. An inline tag or an escape can still fall inside a sentence's
 * span ("It is</em>!"), so every run of pieces skipped is also recorded in the generic layer
 * "skipped" (tok_skips_add), with whether it separates words, packed in groups (skipped.h:
 * a page of nothing but tags costs about two bytes a tag): the exporter shows a sentence's
 * text without those pieces, and never has to know what a tag looks like.
 *
 * Every recognizer is bounded (a tag's attributes up to MARKUP_MAX bytes, on one line),
 * so a stray '<' costs a short look-ahead, never a rescan of the paragraph.
 */
#include <string.h>

#include "tok.h"

#define MARKUP_MAX 512

/* Tags that break the flow of text: what is before them cannot run on into what is after. */
static int is_block_tag(const unsigned char *name, size_t len)
{
    static const char *const blocks[] = {
        "p",       "div",  "br",    "hr",    "h1",     "h2",         "h3",         "h4",
        "h5",      "h6",   "li",    "ul",    "ol",     "dl",         "dt",         "dd",
        "tr",      "td",   "th",    "table", "title",  "section",    "article",    "header",
        "footer",  "nav",  "aside", "main",  "figure", "figcaption", "blockquote", "pre",
        "caption", "body", "html",  "head",  NULL};
    char low[16];

    if (len >= sizeof low)
        return 0;
    for (size_t i = 0; i < len; i++)
        low[i] = (char)(name[i] | 0x20);
    for (const char *const *b = blocks; *b; b++) {
        if (strlen(*b) == len && memcmp(*b, low, len) == 0)
            return 1;
    }
    return 0;
}

/* A tag at s[pos..): "<name ...>", "</name>", "<name/>", or the same escaped with &lt;
 * and &gt;. The name is a letter then letters, digits, '-' or ':'; attributes stay on the
 * line and hold no '<'. Returns the end of the tag or 0. */
static uint32_t markup_end(const unsigned char *s, uint32_t pos, uint32_t end, int *block)
{
    int escaped = s[pos] == '&';
    uint32_t q = pos + (escaped ? 4 : 1), name;

    if (escaped && (end - pos < 8 || memcmp(s + pos, "&lt;", 4) != 0))
        return 0;
    if (q < end && s[q] == '/')
        q++;
    name = q;
    if (q >= end || !tok_ascii_letter(s[q]))
        return 0;
    while (q < end && q - name < 32 &&
           (tok_ascii_letter(s[q]) || tok_ascii_digit(s[q]) || s[q] == '-' || s[q] == ':'))
        q++;
    *block = is_block_tag(s + name, q - name);
    if (q < end && s[q] != ' ' && s[q] != '>' && s[q] != '/' && s[q] != '&')
        return 0;
    for (; q < end && q - pos < MARKUP_MAX; q++) {
        if (s[q] == '\n' || s[q] == '<')
            return 0;
        if (!escaped && s[q] == '>')
            return q + 1;
        if (escaped && s[q] == '&' && end - q >= 4 && memcmp(s + q, "&gt;", 4) == 0)
            return q + 4;
    }
    return 0;
}

/* The rest of a table-of-contents line after its dots: spaces, a page number or range
 * ("9", "16-17"), spaces, then the end of the line. Returns where the line ends or 0. */
static uint32_t page_number_end(const unsigned char *s, uint32_t q, uint32_t end)
{
    uint32_t digits;

    while (q < end && (s[q] == ' ' || s[q] == '\t'))
        q++;
    digits = q;
    while (q < end && tok_ascii_digit(s[q]) && q - digits < 5)
        q++;
    if (q == digits)
        return 0;
    if (q + 1 < end && s[q] == '-' && tok_ascii_digit(s[q + 1])) {
        q++;
        while (q < end && tok_ascii_digit(s[q]) && q - digits < 11)
            q++;
    }
    while (q < end && (s[q] == ' ' || s[q] == '\t' || s[q] == '\r'))
        q++;
    return q == end || s[q] == '\n' ? q : 0;
}

static int is_rule_char(unsigned char c)
{
    return c == '/' || c == '-' || c == '=' || c == '_' || c == '*' || c == '#' || c == '~' ||
           c == '+' || c == '\\';
}

uint32_t tok_junk_end(const unsigned char *s, uint32_t pos, uint32_t end, unsigned *what)
{
    unsigned char c = s[pos];
    uint32_t q;

    *what = 0;
    if (c == '<' || c == '&') {
        int block = 0;
        q = markup_end(s, pos, end, &block);
        if (q && block)
            *what = TOK_JUNK_ENDS | TOK_JUNK_SEPARATES;
        return q;
    }
    if (c == '.') {
        /* a dot leader: four dots or more, then the page number ends the line */
        for (q = pos; q < end && s[q] == '.'; q++)
            ;
        if (q - pos < 4 || !(q = page_number_end(s, q, end)))
            return 0;
        *what = TOK_JUNK_ENDS | TOK_JUNK_SEPARATES;
        return q;
    }
    if (is_rule_char(c) && end - pos >= 4 && s[pos + 1] == c && s[pos + 2] == c &&
        s[pos + 3] == c) {
        for (q = pos; q < end && s[q] == c; q++)
            ;
        *what = TOK_JUNK_ENDS | TOK_JUNK_SEPARATES;
        return q;
    }
    if (c == '\\' && pos + 1 < end) {
        /* a line break escaped twice over: "World. \r\n Hello", not "C:\new"; also with a
         * space after the backslash, as a converter left it: "World. \ r \ nHello" */
        q = pos + 1 + (s[pos + 1] == ' ');
        if (q < end && (s[q] == 'n' || s[q] == 'r' || s[q] == 't')) {
            q++;
            if (q == end || s[q] == ' ' || s[q] == '\\' || s[q] == '\n' ||
                (s[q] >= 'A' && s[q] <= 'Z')) {
                *what = TOK_JUNK_SEPARATES; /* a line break, but no sentence end of its own */
                return q;
            }
        }
    }
    return 0;
}

/* Writes the group, if it holds runs, as one span of the layer (skipped.h). */
static int write_group(tok_skips *skips)
{
    size_t i;

    if (skips->n_runs == 0)
        return 0;
    if (!skips->layer && !(skips->layer = lede_doc_layer(skips->doc, SKIPPED_LAYER, 1)))
        return LEDE_ENOMEM;
    if (lede_layer_add(skips->layer, skips->group_start, skips->prev, &i) ||
        lede_layer_set_str(skips->layer, i, SKIPPED_ATTR_RUNS, (const char *)skips->bytes,
                           skips->n_bytes))
        return LEDE_ENOMEM;
    skips->n_runs = 0;
    skips->n_bytes = 0;
    return 0;
}

/* Moves the run held back, if any, into the group, writing the group first when full. */
static int close_run(tok_skips *skips)
{
    int rc;

    if (skips->start == skips->end)
        return 0;
    if (skips->n_runs == SKIPPED_GROUP_MAX && (rc = write_group(skips)) != 0)
        return rc;
    if (skips->n_runs == 0)
        skips->group_start = skips->prev = skips->start;
    skips->n_bytes += skipped_put(skips->bytes + skips->n_bytes, skips->start - skips->prev);
    skips->n_bytes +=
        skipped_put(skips->bytes + skips->n_bytes,
                    (skips->end - skips->start) << 1 | ((skips->what & TOK_JUNK_SEPARATES) != 0));
    skips->n_runs++;
    skips->prev = skips->end;
    skips->start = skips->end;
    return 0;
}

int tok_skips_flush(tok_skips *skips)
{
    int rc = close_run(skips);
    return rc ? rc : write_group(skips);
}

int tok_skips_add(tok_skips *skips, uint32_t start, uint32_t end, unsigned what)
{
    int rc;

    /* A piece longer than a run can be (a rule of two gigabytes) is recorded in parts. */
    for (; end - start > SKIPPED_RUN_MAX; start += SKIPPED_RUN_MAX)
        if ((rc = tok_skips_add(skips, start, start + SKIPPED_RUN_MAX, what)) != 0)
            return rc;
    /* Adjacent pieces are one run: "</em></p>" shows as one space, as the two would (up to
     * a length the encoding holds). */
    if (skips->start < skips->end && start == skips->end && end - skips->start <= SKIPPED_RUN_MAX) {
        skips->end = end;
        skips->what |= what;
        return 0;
    }
    if ((rc = close_run(skips)) != 0)
        return rc;
    skips->start = start;
    skips->end = end;
    skips->what = what;
    return 0;
}
