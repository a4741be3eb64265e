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
 * Since a piece skipped is a piece no reader of the exporter's text sees, each recognizer
 * takes only what cannot be prose: a tag needs an HTML-like name and attributes, and
 * without attributes an element's name (markup_end: "<https://x.com>", "<john@x.com>",
 * "a<b and c>d", "Press <Enter>" and "vector<int>" are text), an escaped one a known element
 * ("x&lt;y and z&gt;w" is mathematics); a short run of marks inside a line of text, or a run
 * of '*', '-' or '_' glued to a word, is a dash, a name left out or a word censored, not a rule
 * ("the ----shire", "f****", "f********", "**** off") unless it stands apart from the line's
 * words ("Text.<br>-----<br>More"); one escape alone needs a space, a capital, a backslash or
 * a line break after it, or it is code or a path ("C:\new", 'printf("hi\n");'), and none
 * inside a string literal is furniture ('Use "\n\t" to indent').
 *
 * Every recognizer is bounded (a tag's attributes up to MARKUP_MAX bytes, on one line),
 * so a stray '<' costs a short look-ahead, never a rescan of the paragraph.
 */
#include <string.h>

#include "tok.h"

#define MARKUP_MAX 512
/* The shortest rule that may stand inside a line of text: shorter runs there are dashes,
 * names left out or words censored ("f****"). */
#define RULE_INLINE_MIN 8

/* Is name[0..len) one of the words, compared without case? */
static int in_list(const char *const *words, const unsigned char *name, size_t len)
{
    char low[16];

    if (len >= sizeof low)
        return 0;
    for (size_t i = 0; i < len; i++)
        low[i] = (char)(name[i] | 0x20);
    for (const char *const *w = words; *w; w++) {
        if (strlen(*w) == len && memcmp(*w, low, len) == 0)
            return 1;
    }
    return 0;
}

/* Tags that break the flow of text: what is before them cannot run on into what is after. */
static const char *const block_tags[] = {
    "p",       "div",  "br",    "hr",    "h1",     "h2",         "h3",         "h4",
    "h5",      "h6",   "li",    "ul",    "ol",     "dl",         "dt",         "dd",
    "tr",      "td",   "th",    "table", "title",  "section",    "article",    "header",
    "footer",  "nav",  "aside", "main",  "figure", "figcaption", "blockquote", "pre",
    "caption", "body", "html",  "head",  NULL};

/* The other elements a tag may name without attributes, and an escaped tag at all: "x<y>z",
 * "vector<int>" and "x&lt;y and z&gt;w" are more often mathematics or code than markup, and
 * "<Enter>" a key. Elements whose names are also common placeholders ("<data>", "<output>",
 * "<map>", "<object>", "<var>", "<template>") are left out: such a tag needs attributes. */
static const char *const inline_tags[] = {
    "a",        "abbr",     "b",       "big",      "cite",   "code",     "del",      "em",
    "font",     "i",        "iframe",  "img",      "ins",    "input",    "kbd",      "link",
    "mark",     "meta",     "q",       "s",        "small",  "span",     "strike",   "strong",
    "style",    "script",   "sub",     "sup",      "tbody",  "tfoot",    "thead",    "time",
    "u",        "center",   "form",    "label",    "option", "select",   "button",   "source",
    "video",    "audio",    "picture", "noscript", "svg",    "tt",       "wbr",      "nobr",
    "dfn",      "samp",     "address", "fieldset", "legend", "textarea", "col",      "colgroup",
    "acronym",  "bdi",      "bdo",     "ruby",     "rt",     "rp",       "canvas",   "hgroup",
    "optgroup", "datalist", "embed",   "marquee",  "blink",  "frameset", "noframes", NULL};

/* The attributes HTML writes without a value ("<td nowrap>", "<video controls>"), besides
 * the "data-..." ones of scripts; any other word after a tag's name needs "=value", or
 * "a<b and c>d" would be a tag. */
static const char *const boolean_attributes[] = {
    "allowfullscreen", "async",      "autofocus", "autoplay", "checked",     "compact",
    "controls",        "default",    "defer",     "disabled", "hidden",      "inert",
    "ismap",           "itemscope",  "loop",      "multiple", "muted",       "nomodule",
    "noshade",         "novalidate", "nowrap",    "open",     "playsinline", "readonly",
    "required",        "reversed",   "selected",  NULL};

static int is_blank(unsigned char c)
{
    return c == ' ' || c == '\t';
}

/* A character of a tag's or an attribute's name after its first letter: "o:p", "h2",
 * "data-id", "tweet_id", "xmlns:v". */
static int is_name_char(unsigned char c)
{
    return tok_ascii_letter(c) || tok_ascii_digit(c) || c == '-' || c == '_' || c == ':';
}

/* Does s[q..end) start with the escaped close "&gt;"? */
static int at_escaped_gt(const unsigned char *s, uint32_t q, uint32_t end)
{
    return end - q >= 4 && memcmp(s + q, "&gt;", 4) == 0;
}

/* An attribute's value at s[q..) after its '=': quoted ("..." or '...', or &quot;...&quot;
 * in an escaped tag), on the line, or unquoted, up to white space or the tag's end.
 * Returns where it ends or 0. */
static uint32_t value_end(const unsigned char *s, uint32_t q, uint32_t lim, int escaped)
{
    uint32_t v = q;

    if (q < lim && (s[q] == '"' || s[q] == '\'')) {
        for (q++; q < lim && s[q] != s[v]; q++)
            if (s[q] == '\n' || s[q] == '\r')
                return 0;
        return q < lim ? q + 1 : 0;
    }
    if (escaped && lim - q >= 6 && memcmp(s + q, "&quot;", 6) == 0) {
        for (q += 6; q < lim && !(lim - q >= 6 && memcmp(s + q, "&quot;", 6) == 0); q++)
            if (s[q] == '\n' || s[q] == '\r')
                return 0;
        return q < lim ? q + 6 : 0;
    }
    /* unquoted: no white space, quote, '<', '>' or '`'; an '=' is taken, as browsers do
     * (href=/a?b=c) */
    while (q < lim && s[q] > ' ' && s[q] != '"' && s[q] != '\'' && s[q] != '<' && s[q] != '>' &&
           s[q] != '`' && !(escaped && at_escaped_gt(s, q, lim)))
        q++;
    return q > v ? q : 0;
}

/* Is name[0..len) in one case, digits and marks aside ("em", "EM", "h2", "o:p"; not "Enter")?
 * Pages write an element's name in one case; a name in Title or camel case is a word or a
 * type ("<Enter>", "List<Object>"). */
static int one_case(const unsigned char *name, size_t len)
{
    int lower = 0, upper = 0;

    for (size_t i = 0; i < len; i++) {
        lower |= tok_ascii_lower(name[i]);
        upper |= tok_ascii_upper(name[i]);
    }
    return !(lower && upper);
}

/* Does a tag named name[0..len) without attributes name an element? A known HTML element
 * (element) in one case ("<b>", "</P>"); an XML name with a prefix, as MS Word writes them
 * ("<o:p>", "</st1:place>"); or, closing or self-closing ("</tweet>", "<x/>"), any name in
 * lower case. An opening tag of another name is text: a key, a placeholder or a type
 * parameter ("Press <Enter> to go", "<name>", "std::vector<int> v", "x<y>z"). */
static int names_element(const unsigned char *name, size_t len, int element, int closing)
{
    if (memchr(name, ':', len))
        return 1;
    if (element)
        return one_case(name, len);
    return closing && one_case(name, len) && tok_ascii_lower(name[0]);
}

/* A tag at s[pos..): "<name attr=value ...>", "</name>", "<name/>", or the same escaped with
 * &lt; and &gt;. The name is an ASCII letter then letters, digits, '-', '_' or ':' (not
 * last, not doubled), ended by white space, '/' or the close: "<https://x.com>",
 * "<john@x.com>" and "<std::string>" are no tags. An escaped tag needs a known element's
 * name, a tag without attributes a name that names_element() takes. Attributes are names of
 * the same characters, each with a value (value_end) unless it is one of HTML's boolean
 * ones; the tag stays on its line (a '\n' or '\r' ends the look-ahead). Returns the end or
 * 0. */
static uint32_t markup_end(const unsigned char *s, uint32_t pos, uint32_t end, int *block)
{
    int escaped = s[pos] == '&', closing = 0, element;
    uint32_t q = pos + (escaped ? 4 : 1), name, name_end, lim, attrs = 0;

    if (escaped && (end - pos < 8 || memcmp(s + pos, "&lt;", 4) != 0))
        return 0;
    lim = end - pos > MARKUP_MAX ? pos + MARKUP_MAX : end;
    if (q < lim && s[q] == '/') {
        q++;
        closing = 1;
    }
    name = q;
    if (q >= lim || !tok_ascii_letter(s[q]))
        return 0;
    while (q < lim && q - name < 32 && is_name_char(s[q])) {
        if (s[q] == ':' && s[q - 1] == ':')
            return 0;
        q++;
    }
    if (s[q - 1] == ':')
        return 0;
    name_end = q;
    *block = in_list(block_tags, s + name, q - name);
    element = *block || in_list(inline_tags, s + name, q - name);
    if (escaped && !element)
        return 0;
    for (int quoted = 0;;) {
        uint32_t attr, blanks = q;

        while (q < lim && is_blank(s[q]))
            q++;
        if (q >= lim)
            return 0;
        if (s[q] == '/') { /* "<br/>", "<br />" */
            q++;
            closing = 1;
            if (!(!escaped && q < lim && s[q] == '>') && !(escaped && at_escaped_gt(s, q, lim)))
                return 0;
        }
        if (!escaped && s[q] == '>') {
            q++;
            break;
        }
        if (escaped && at_escaped_gt(s, q, lim)) {
            q += 4;
            break;
        }
        /* an attribute, after white space or a quoted value ('<a x="1"y="2">') */
        if ((q == blanks && !quoted) || !tok_ascii_letter(s[q]))
            return 0;
        for (attr = q; q < lim && is_name_char(s[q]); q++)
            ;
        quoted = 0;
        if (q < lim && s[q] == '=') {
            quoted = q + 1 < lim &&
                     (s[q + 1] == '"' || s[q + 1] == '\'' || (escaped && s[q + 1] == '&'));
            if (!(q = value_end(s, q + 1, lim, escaped)))
                return 0;
        } else if (!in_list(boolean_attributes, s + attr, q - attr) &&
                   !(q - attr > 5 && memcmp(s + attr, "data-", 5) == 0)) {
            return 0;
        }
        attrs++;
    }
    return attrs || names_element(s + name, name_end - name, element, closing) ? q : 0;
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

static int is_line_end(unsigned char c)
{
    return c == '\n' || c == '\r';
}

/* Is s[pos] the first character of its line but blanks, begin (a paragraph's start) being a
 * line's start? Looks back at most MARKUP_MAX bytes. */
static int opens_its_line(const unsigned char *s, uint32_t begin, uint32_t pos)
{
    uint32_t b = pos;

    while (b > begin && pos - b < MARKUP_MAX && is_blank(s[b - 1]))
        b--;
    return b == begin || is_line_end(s[b - 1]);
}

/* Does the run s[pos..q) close its line, a line that opens with a run of four or more of
 * the same mark ("-----Original Message-----")? Looks back at most MARKUP_MAX bytes. */
static int closes_framed_line(const unsigned char *s, uint32_t begin, uint32_t pos, uint32_t q,
                              uint32_t end)
{
    uint32_t b = pos, n = 0;

    while (q < end && is_blank(s[q]))
        q++;
    if (q < end && !is_line_end(s[q]))
        return 0;
    while (b > begin && pos - b < MARKUP_MAX && !is_line_end(s[b - 1]))
        b--;
    while (b < pos && is_blank(s[b]))
        b++;
    while (b < pos && s[b] == s[pos]) {
        b++;
        n++;
    }
    return n >= 4;
}

/* Is c one of the bytes of set (a string of characters other than NUL)? */
static int in_set(unsigned char c, const char *set)
{
    return c != 0 && strchr(set, c) != NULL;
}

/* Do the escapes s[pos..q) stand inside a string literal of code rather than where line
 * breaks were? They do right after a quote that opens one (at the paragraph's start, after
 * white space or one of "([{=") or right before a quote that closes one (at the end, before
 * white space or one of ")]};,.:"): 'Use "\n\t" to indent', 'split("\r\n")',
 * 'printf("Done\r\n");'. Text whose line breaks were escaped has a quote there only beside a
 * word or a mark ('He said "Yes."\r\n"Next') or escaped too ('\"Yes.\"\r\n'). */
static int in_string_literal(const unsigned char *s, uint32_t begin, uint32_t pos, uint32_t q,
                             uint32_t end)
{
    if (pos > begin && (s[pos - 1] == '"' || s[pos - 1] == '\'') &&
        (pos - 1 == begin || in_set(s[pos - 2], " \t\r\n([{=")))
        return 1;
    return q < end && (s[q] == '"' || s[q] == '\'') &&
           (q + 1 == end || in_set(s[q + 1], " \t\r\n)]};,.:"));
}

/* Literal escapes at s[pos] (a '\\'): "\n", "\r", "\t", also "\ n" with a space after the
 * backslash, as a converter left it ("World. \ r \ nHello"). Two or more in a row ("\r\n")
 * are one piece whatever follows ("\r\n<p>"); one alone must be followed by the end, a space,
 * a backslash, a line break or a capital, or it is code or a path ("C:\new", "\n2.txt",
 * 'printf("hi\n");', "Write \n, then"). Neither is furniture inside a string literal
 * (in_string_literal: 'Use "\n\t" to indent'). Returns the end or 0; *brk says whether an
 * "\n" or "\r" is among them (a line break rather than a tab). begin is the paragraph's
 * start. */
static uint32_t escapes_end(const unsigned char *s, uint32_t begin, uint32_t pos, uint32_t end,
                            int *brk)
{
    unsigned n = 0;
    uint32_t q, e;

    *brk = 0;
    for (q = pos; q + 1 < end && s[q] == '\\'; q = e + 1, n++) {
        e = q + 1 + (s[q + 1] == ' ');
        if (e >= end || (s[e] != 'n' && s[e] != 'r' && s[e] != 't'))
            break;
        *brk |= s[e] != 't';
    }
    if ((n >= 2 || (n == 1 && (q == end || s[q] == ' ' || s[q] == '\\' || is_line_end(s[q]) ||
                               tok_ascii_upper(s[q])))) &&
        !in_string_literal(s, begin, pos, q, end))
        return q;
    return 0;
}

/* Steps over what the tokenizer reads as white space or skips as furniture at s[q..)
 * (q < end), within one line: sets *q past a blank, a white space character (Unicode's
 * too: a no-break space), an inline tag or a tab escape, and returns 1; returns 2 for what
 * breaks the line (a line end, a block tag such as <br>, an escaped line break), 0 for
 * text. */
static int step_space(const unsigned char *s, uint32_t begin, uint32_t *q, uint32_t end)
{
    unsigned char c = s[*q];
    uint32_t e;
    int32_t cp;
    int brk = 0;

    if (is_line_end(c))
        return 2;
    if (c == '<' || c == '&') {
        if (!(e = markup_end(s, *q, end, &brk)))
            return 0;
    } else if (c == '\\') {
        if (!(e = escapes_end(s, begin, *q, end, &brk)))
            return 0;
    } else {
        e = *q + (uint32_t)tok_decode(s + *q, end - *q, &cp);
        if (tok_class(cp) != TOK_CC_SPACE)
            return 0;
    }
    *q = e;
    return brk ? 2 : 1;
}

/* Is only white space or furniture (step_space) between s[q] and the end of its line or of
 * the paragraph? Looks ahead at most MARKUP_MAX bytes. */
static int line_empty_after(const unsigned char *s, uint32_t begin, uint32_t q, uint32_t end)
{
    uint32_t from = q;
    int k = 1;

    while (q < end && q - from < MARKUP_MAX && (k = step_space(s, begin, &q, end)) == 1)
        ;
    return q == end || k == 2;
}

/* Is only white space or furniture (step_space) between the start of s[pos]'s line (begin,
 * the paragraph's start, being one) and s[pos]? Walks back piece by piece: the start of a
 * piece ending at b is the first byte of the character before b, or for a tag, an escaped
 * tag or an escape (b after '>', ';' or an escape's letter) the nearest '<', '&' or '\\'
 * on the line that step_space takes to b. Looks back at most MARKUP_MAX bytes. */
static int line_empty_before(const unsigned char *s, uint32_t begin, uint32_t pos, uint32_t end)
{
    uint32_t b = pos;

    while (b > begin && pos - b < MARKUP_MAX) {
        uint32_t a = b - 1, q;
        unsigned char c = s[a];
        int k = 0;

        if (is_line_end(c))
            return 1;
        if (c == '>' || c == ';' || c == 'n' || c == 'r' || c == 't') {
            for (; pos - a < MARKUP_MAX && !is_line_end(s[a]); a--) {
                q = a;
                if ((s[a] == '<' || s[a] == '&' || s[a] == '\\') &&
                    (k = step_space(s, begin, &q, end)) != 0 && q == b)
                    break;
                k = 0;
                if (a == begin)
                    break;
            }
        } else {
            a = (uint32_t)tok_char_start_before(s, begin, b);
            q = a;
            if ((k = step_space(s, begin, &q, end)) != 0 && q != b)
                k = 0;
        }
        if (k != 1)
            return k == 2;
        b = a;
    }
    return b == begin;
}

static int is_word_class(int cc)
{
    return cc >= TOK_CC_UPPER && cc <= TOK_CC_NUMERIC;
}

/* Is the last character before s[pos] on its line, white space aside, a letter, a digit or
 * a combining mark? Then a run of marks at s[pos] is glued to a word ("f****") or stands
 * for one left out ("They were in ----\n street", Pride and Prejudice). Looks back at most
 * MARKUP_MAX bytes. */
static int word_before(const unsigned char *s, uint32_t begin, uint32_t pos)
{
    uint32_t b = pos;

    while (b > begin && pos - b < MARKUP_MAX) {
        uint32_t p = (uint32_t)tok_char_start_before(s, begin, b);
        int32_t cp;
        int cc;

        tok_decode(s + p, b - p, &cp);
        cc = tok_class(cp);
        if (cc != TOK_CC_SPACE || is_line_end(s[p]))
            return is_word_class(cc);
        b = p;
    }
    return 0;
}

/* Is the character at s[pos] (pos < end) a letter, a digit or a combining mark? */
static int word_char_at(const unsigned char *s, uint32_t pos, uint32_t end)
{
    int32_t cp;

    if (pos >= end)
        return 0;
    tok_decode(s + pos, end - pos, &cp);
    return is_word_class(tok_class(cp));
}

/* Does the line of a run of marks ending at s[q] end with another run of four or more of the
 * same mark c, white space aside ("==== Results ====")? Looks ahead at most MARKUP_MAX bytes. */
static int line_framed_after(const unsigned char *s, uint32_t q, uint32_t end, unsigned char c)
{
    uint32_t e = q, n = 0;

    while (e < end && e - q < MARKUP_MAX && !is_line_end(s[e]))
        e++;
    if (e < end && !is_line_end(s[e]))
        return 0;
    while (e > q && is_blank(s[e - 1]))
        e--;
    for (; e > q && s[e - 1] == c; e--)
        n++;
    return n >= 4;
}

/* Is the run of four or more marks s[pos..q) a rule? It is when it closes a line that it
 * frames with the same mark ("-----Original Message-----"). '*', '-' and '_' stand for letters
 * or a word: a run of one glued to a word before it is a word censored, a dash or a blank to
 * fill in, however long ("What the f**** is this", "f********", "the Boulanger----",
 * "n------"). Otherwise a long run is a rule ("Results=========Labour won."). A short one
 * opening its line is one when drawn with another mark ("//////Header", "#### Notes") or
 * when it frames the line ("==== Results ====", "---- Original Message ----"), not before the
 * words of a line ("**** off, he said."). Anywhere else a short run is a rule only apart from
 * the words of its line: nothing but white space (a no-break space too) or furniture after it,
 * and before it no word or only that ("Text.<br>-----<br>More", "Then they left. -----\nA new
 * line"); "the ----shire", "Lord ---- and" and "They were in ----\n street" are names left
 * out (Pride and Prejudice). */
static int is_rule(const unsigned char *s, uint32_t begin, uint32_t pos, uint32_t q, uint32_t end)
{
    unsigned char c = s[pos];
    int for_word = c == '*' || c == '-' || c == '_';

    if (closes_framed_line(s, begin, pos, q, end))
        return 1;
    if (for_word && pos > begin &&
        word_char_at(s, (uint32_t)tok_char_start_before(s, begin, pos), pos) &&
        !line_empty_before(s, begin, pos, end)) /* an escape's letter: "\\r\\n-----" */
        return 0;
    if (q - pos >= RULE_INLINE_MIN)
        return 1;
    if (opens_its_line(s, begin, pos) && (!for_word || line_framed_after(s, q, end, c)))
        return 1;
    return line_empty_after(s, begin, q, end) &&
           (!word_before(s, begin, pos) || line_empty_before(s, begin, pos, end));
}

uint32_t tok_junk_end(const unsigned char *s, uint32_t begin, uint32_t pos, uint32_t end,
                      unsigned *what)
{
    unsigned char c = s[pos];
    uint32_t q;
    int brk;

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
        s[pos + 3] == c && (pos == begin || s[pos - 1] != c)) {
        for (q = pos; q < end && s[q] == c; q++)
            ;
        if (!is_rule(s, begin, pos, q, end))
            return 0;
        *what = TOK_JUNK_ENDS | TOK_JUNK_SEPARATES;
        return q;
    }
    if (c == '\\' && (q = escapes_end(s, begin, pos, end, &brk)) != 0) {
        *what = TOK_JUNK_SEPARATES; /* a line break, but no sentence end of its own */
        return q;
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
