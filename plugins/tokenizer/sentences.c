/*
 * sentences.c -- rule-based English sentence boundaries over one paragraph's tokens.
 *
 * A paragraph always ends a sentence (so a headline without a full stop, followed by a
 * blank line, is a sentence of its own). Inside a paragraph a sentence ends after:
 *   - a terminal mark (. ? ! ‼ ． two dots and four or more), together with the closing
 *     quotes, brackets, further marks, footnote marks and elision marks after it
 *     ("virtue.”", "Hello?!", "martyr.[1]", "2009. [13] [14]", "consultation.11 12",
 *     "do the same? [...]"), when the next token is not a lower-case word: "Yahoo! in",
 *     "'This is great.' she said" do not end, nor does a bracket the sentence goes on
 *     after ("Viva Maria! (1965), and"). Camel-case names (wikiHow) and item labels
 *     ("ii)", "(b)") start sentences although lower case; a dash and lower case go on
 *     ("voila! -- you"), so does a speaker with a speech verb after a quoted question
 *     ("'Earth?' I asked", "“Can Toph come over?” I ask"; a capitalised pronoun other
 *     than I starts a new one: '"Who is this?" She said it to ...'). A number after a
 *     full stop starts a sentence only after a word ("item. 2. The"), not after a symbol
 *     ("N°. 1026"). A full stop glued to a capitalised word ends one only after a real
 *     word or number ("world.Today", "1,000.That", not "Jr.'s").
 *   - an abbreviation whose full stop is in the token (words.c decides what is one):
 *     titles (Mr., Gov.) and "never" words (vs., e.g.) never end a sentence; a time after
 *     a number (6 P.M.) and "etc." end one before any capital; the others (U.S., Inc., initials
 *     like W. or I.) only before a capitalised sentence starter: "in the U.S. How about
 *     you?" but "the U.S. Government". A state ("Calif.", "Ill.", written with its
 *     capital) is such an abbreviation ("Selma, Ala. But on Saturday" but "Sen. Bernie
 *     Sanders (I-Vt.) said") that also ends one before a capitalised word and a comma
 *     ("Scranton, Pa. Sure, it can"). So is the full stop after a hyphenated word whose
 *     last part is one, or an initial after a party letter or a lower-case word: words.c
 *     cuts "R-S.C." into "R-S", ".", "C." ("Lindsey Graham, R-S.C., now", "then-U.S.
 *     Energy secretary"; "ex-Gov. Smith" never ends). No sentence ends inside a
 *     parenthesis of up to 24 bytes that opens just before the mark, such as a party
 *     tag: "Cory Booker (D-N.J.) and".
 *   - a glued caption cut by words.c ("in Tehran today|Putin speaks").
 * Three dots or "…" end a sentence inside a paragraph only when glued to their word and
 * followed by a starter ("talks slowly... And this"), or closing a quotation before a
 * capitalised word other than a speaker ('you never ..." He wiped his mouth' but 'in
 * exams …” Pete said'); otherwise the author elides
 * ("solution … and ensure"). In "compounds. . . . The" words.c already separated the
 * full stop from the ellipsis, and the stop ends the sentence when the ellipsis is
 * followed by a capitalised word. Colons and semicolons never end sentences. More about
 * marks in company:
 *   - a full stop after an ellipsis and its quote ends the sentence ('search for truth
 *     ...". As of');
 *   - an elision in square brackets ends one before a capitalised word ("crop yields
 *     [...] Ozone is");
 *   - "?" or "!" glued inside an opening bracket is an editor's mark ("[?]", "(!)"), and
 *     no mark ends a sentence inside square brackets that close within 40 tokens ("[16:
 *     firma? 13:28]"; parentheses may hold whole sentences and are not covered);
 *   - a capital letter and stop opening a sentence label it ("Q. What is his name?"), and
 *     so do a section number anywhere ("2.1. New Institutional Economics") and a number
 *     of up to three digits opening a paragraph ("39. “The Figures").
 *
 * Layout (layout.c). words.c flags a token before a line break inside a paragraph
 * (TOK_F_EOL) and one before dropped page furniture such as a block-level HTML tag or a dot leader
 * (TOK_F_END, which always ends the sentence). A line break ends a sentence after a list
 * item ("c) one more\n They went") and after a Title Case heading line ("Putter King
 * Scavenger Hunt Trophy\n(6 3/4\" ..."); a hard-wrapped line of prose holds lower-case
 * words a title would capitalise and runs on. A paragraph of three or more short lines (one
 * to three words) without a terminal mark is a scraped menu: each line is a sentence
 * ("features\ncontact manager\nevents, activities"), also when such lines follow a full
 * stop, the first in lower case on the stop's line ("in the city. features\ncontact
 * manager\n..."). A line that opens with a bullet and a space is a list item ("...
 * probation \n - Have one year's ..."). A lone carriage return breaks a line. The dateline
 * that opens a paragraph, a place in capitalised words with a comma or in capitals, then
 * a spaced dash ("Evansville, Indiana, United States - This past week", "WASHINGTON
 * (Reuters) - The"), is a sentence.
 *
 * Scraped news pages lose punctuation between a caption or dateline and the text; a few
 * narrow rules put the boundary back without a full stop: a caption credit ("Belle
 * Image: Nick Moreau.", and in brackets after the caption's stop: "interactions. (credit:
 * Motion Picture News)"), a figure or table number opening the caption ("Figure 1.3 This
 * 1833 map"; with its stop it stays: "Figure 1. Original and mutant application."), a
 * dateline weekday before ", <Month>" after a capitalised word ("... Magicians Wednesday,
 * October 9, 2013") or, when the full date ends the line, after a lower-case word other
 * than a preposition ("... 'self-medicating' ants Tuesday, September 1, 2015"), a full
 * date opening the sentence before a capitalised word ("Thursday, March 15, 2012 Wikinews
 * interviewed"), and a capitalised preposition that cannot be Title Case ("...
 * constituency In the New Territories", "Australia On Saturday", "2015 On Tuesday").
 *
 * Lists (layout.c). Numbered and lettered lists run together on one line ("1.) The first
 * item 2.) The second item", "a. The first item b. ...") start a sentence at each marker after the
 * first: a marker is a number, or a single lower-case letter, followed by ".", ")" or
 * ".)" and a capitalised word, and it counts only when the text also holds the next
 * marker in sequence (or it opens the paragraph), so a stray "2)" does not split. Items
 * in lower case ("a) here it is b) another") count when the list's first marker opens a
 * sentence or follows a terminal mark, so "would a) cut taxes, b) ..." is no list. A list
 * that a colon opens on its own line is run into the colon's sentence, whatever the case
 * of its items ("the following sins: a) Leaving ... the world. b) Refusing ... freedom."):
 * its markers start no sentence and a full stop before the next marker ends none; the
 * first stop of its last item ends the sentence. After a colon that ends its line the
 * list is one of lines, and splits as above.
 *
 * Credits. A paragraph that is one quotation, closed just after a terminal mark, and a
 * short line after it that opens with a dash or a capitalised word and holds no terminal
 * mark, colon or semicolon, is a pull quote and its credit: one sentence ('"So far, ...
 * 0. But it's a long game." - Matthew Ingram'), as the credit names the quotation as a
 * whole. After a paragraph's only sentence, a dash and a name of up to four capitalised
 * words (a role after a comma) stay in that sentence ("... laughs about it. — Rick
 * Santorum"); after several sentences, or without a dash ("... decision. John Cornyn,
 * U.S. Senator"), the credit is a sentence of its own.
 *
 * Quotations embedded in a sentence. By default quoted sentences end like any others
 * ('He said, "Andy Warhol was ... century. He is a post-modern diety."' is two), except in
 * a quotation the sentence holds as the object of a speech verb or of "that", with no
 * comma or colon before it ('said "All those ... hospital. There are no casualties
 * left."', 'wrote that "Prompted I think ... internet. An insurgency ..."'), or that opens
 * with an ellipsis after a word or a comma ('officials, "... plied the ... Scientology.
 * ... The next thing ..."'): there no sentence ends before the closing mark.
 *
 * Quotations (option quotations = "whole"; the default "split" treats quoted sentences
 * like any other but those embedded in a sentence). A terminal mark inside a quotation, before its
 * closing mark, ends no sentence ('"Dear, dear! How queer everything is to-day! ..."'); a quotation
 * is an opening mark and the closing mark of its family (double, single, angle) in the same
 * paragraph, within 1000 tokens, nested ones followed; an opening mark without one opens
 * none. At the closing mark the usual rules apply, except that a capitalised word after
 * a quoted question or exclamation always starts a sentence ('soup!" Alice said', as in
 * pySBD), speech cut off by a dash ends before a capital ('to--" At this moment'), and a
 * parenthesis after the closing mark continues the sentence unless another quotation
 * follows it ('house!' (Which was very likely true.)' but '"... think!" (Dinah was the
 * cat.) "I hope ..."').
 *
 * Every look-ahead is bounded (a list marker's neighbour within 200 tokens, a citation
 * within 10), so a paragraph costs linear time whatever it holds. Most tokens are plain
 * words before a lower-case word, on which no rule acts: a branch-free pass marks, 64
 * tokens at a time, those that need the rules (candidates()); a tight loop drops the
 * plain ones before a capital (drop_plain()), the commonest full stops end their
 * sentences without the rest (plain_stop()), and only the others are visited (decide()).
 * The figures these rules reach on public gold sets are printed by
 * bench/sentences_eval.sh.
 */
#include <string.h>

#include "sent.h"

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#define SENT_SSE2 1
#endif

/* How far, in tokens, the closing bracket of a bracket is looked for. */
#define BRACKET_WINDOW 40

enum term tok_term_kind_long(const tok_sctx *c, size_t i)
{
    const lede_token *t = &c->t[i];
    const unsigned char *s = (const unsigned char *)c->text + t->start;
    size_t len = t->end - t->start, dots = 0;
    static const char *const marks[] = {"\u203C", "\u2047", "\u2048", "\u2049",
                                        "\uFF1F", "\uFF01", "\u3002", NULL};
    if (tok_is(c, i, "\uFF0E")) /* ． full-width full stop */
        return TERM_STOP;
    /* ‼ ⁇ ⁈ ⁉ ？ ！ 。, and with an emoji variation selector (U+FE0F/FE0E): "‼\uFE0F" */
    if (len > 3 && s[len - 3] == 0xEF && s[len - 2] == 0xB8 &&
        (s[len - 1] == 0x8F || s[len - 1] == 0x8E))
        len -= 3;
    for (const char *const *m = marks; *m; m++) {
        if (strlen(*m) == len && memcmp(*m, s, len) == 0)
            return TERM_MARK;
    }
    if (len == 1 && (s[0] == '?' || s[0] == '!'))
        return TERM_MARK;
    if (tok_is(c, i, "\u2026"))
        return TERM_ELLIPSIS;
    for (size_t k = 0; k < len; k++) {
        if (s[k] == '.')
            dots++;
        else if (s[k] != ' ')
            return TERM_NONE;
    }
    /* "Jr.. [12] Holt": two dots are an abbreviation's stop and the sentence's */
    return dots >= 4 ? TERM_DOTS : dots == 3 ? TERM_ELLIPSIS : dots == 2 ? TERM_STOP : TERM_NONE;
}

static inline int is_closer(const tok_sctx *c, size_t i)
{
    return (c->t[i].flags & LEDE_TOKF_CLOSE_QUOTE) || tok_is(c, i, ")") || tok_is(c, i, "]") ||
           tok_is(c, i, "}");
}

static int is_opener(const tok_sctx *c, size_t i)
{
    return (c->t[i].flags & LEDE_TOKF_OPEN_QUOTE) || tok_is(c, i, "(") || tok_is(c, i, "[") ||
           tok_is(c, i, "{");
}

/* The first character of token i is a lower-case letter. */
static int starts_lower(const tok_sctx *c, size_t i)
{
    int32_t cp;
    const lede_token *t = &c->t[i];
    tok_decode((const unsigned char *)c->text + t->start, t->end - t->start, &cp);
    return tok_class(cp) == TOK_CC_LOWER;
}

/* Token i starts lower case, as a sentence's first word would not, unless it is a
 * camel-case name (iPhone, eBay, wikiHow): those start sentences as they are. */
static int lower_continues(const tok_sctx *c, size_t i)
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

/* The lexicon flags, among wanted, of a word written with an initial capital and the
 * rest lower case ("In", not "in" or "IN"); 0 for any other token. */
static inline unsigned cap_lex(const tok_sctx *c, size_t i, unsigned wanted)
{
    const lede_token *t = &c->t[i];

    if (!tok_is_cap_word(c, i) || (t->flags & LEDE_TOKF_ALLCAPS))
        return 0;
    return tok_lexicon_get_if(c->cfg->lex, c->text + t->start, t->end - t->start, wanted);
}

/* A capitalised function word that starts sentences (The, It, How, I, I'm, It's). */
static int is_starter(const tok_sctx *c, size_t i)
{
    const lede_token *t = &c->t[i];
    const char *s = c->text + t->start;
    size_t len = t->end - t->start;

    if (!tok_is_cap_word(c, i) || ((t->flags & LEDE_TOKF_ALLCAPS) && len > 1))
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

/* ---- caption credits ---- */

/* "Belle Image: Nick Moreau.", "... in Tehran Photo: AP": a credit glued to the caption
 * before it starts a sentence of its own. Token i is the capitalised word, lex its
 * cap_lex() flags. */
static int is_credit(const tok_sctx *c, size_t i, unsigned lex)
{
    return (lex & TOK_LEX_CREDIT) && i + 1 < c->n && c->t[i + 1].start == c->t[i].end &&
           tok_is(c, i + 1, ":");
}

/* "... in social interactions. (credit: Motion Picture News/Wikimedia Commons)": the
 * credit of a picture in brackets, after its caption, is a sentence of its own like
 * "Image: Nick Moreau.". Token j is the "(". */
TOK_COLD static int is_paren_credit(const tok_sctx *c, size_t j)
{
    const lede_token *w = &c->t[j + 1 < c->n ? j + 1 : j];

    if (j + 2 >= c->n || !tok_is(c, j, "(") || w->kind != LEDE_TOK_WORD ||
        !tok_lexicon_get_if(c->cfg->lex, c->text + w->start, w->end - w->start, TOK_LEX_CREDIT))
        return 0;
    return tok_is(c, j + 2, ":") || (j + 3 < c->n && tok_is(c, j + 3, ":")); /* credit copper: */
}

/* "... for Viva Maria! (1965), and the César Award": a parenthesis after a title's mark
 * that the sentence goes on after, with a comma, a semicolon or a lower-case word, is
 * inside the sentence. Token j is the "(" (or another opener, which never qualifies). */
TOK_COLD static int paren_goes_on(const tok_sctx *c, size_t j)
{
    if (!tok_is(c, j, "("))
        return 0;
    for (size_t m = j + 1; m + 1 < c->n && m <= j + BRACKET_WINDOW; m++) {
        if (tok_is(c, m, "(") || tok_term_kind(c, m) != TERM_NONE)
            return 0;
        if (tok_is(c, m, ")"))
            return tok_is(c, m + 1, ",") || tok_is(c, m + 1, ";") ||
                   (c->t[m + 1].kind == LEDE_TOK_WORD && lower_continues(c, m + 1));
    }
    return 0;
}

/* "Figure 1.3 This 1833 map shows ...": the number of a figure or a table opening the
 * sentence, without a stop, is a label of its own before a capitalised word or a bracket.
 * With a stop it labels the caption after it ("Figure 1. Original and mutant
 * application."). Token j is the sentence's first token. */
static int is_figure_word(const tok_sctx *c, size_t j)
{
    static const char *const words[] = {"Figure",  "Fig",     "Table", "Chart", "Map",
                                        "Exhibit", "Diagram", "Plate", NULL};
    return tok_is_one_of(c, j, words);
}

TOK_COLD static int ends_figure_label(const tok_sctx *c, size_t last)
{
    const lede_token *num = &c->t[last];
    if (last != c->first + 1 || num->kind != LEDE_TOK_NUMBER || last + 1 >= c->n ||
        c->t[last + 1].start <= num->end ||
        !(tok_is_cap_word(c, last + 1) || is_opener(c, last + 1)) || !is_figure_word(c, c->first))
        return 0;
    /* Only a section-style number ("Figure 1.3 This map"): "Figure 8 Racing returned" and
     * "Map 3 Key West is" are prose. */
    return memchr(c->text + num->start, '.', num->end - num->start) != NULL;
}

/* ---- what may follow a terminal mark without ending the sentence ---- */

/* An item label like "ii)" or "(b)": token i is a lower-case roman numeral up to xii or a
 * single letter, and a ")" is glued to it. */
static int is_item_label(const tok_sctx *c, size_t i)
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
    return tok_is_one_of(c, i, romans);
}

/* If a citation mark "[12]", "[1 - 3]" or "[2, 5]" starts at token j, the index of its
 * "]"; else 0. */
static size_t citation_end(const tok_sctx *c, size_t j)
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
 * large.[7][8]", "in October 2009. [13] [14]", "a consultation.11 12"; so does the
 * elision mark of a quoted passage: "can the rest of America do the same? [...]". Returns
 * the last token of them (or k). */
static size_t absorb_footnotes(const tok_sctx *c, size_t k)
{
    for (;;) {
        size_t j = k + 1, e = citation_end(c, j);
        if (e) {
            k = e;
            continue;
        }
        if (j + 2 < c->n && tok_is(c, j, "[") && tok_term_kind(c, j + 1) == TERM_ELLIPSIS &&
            tok_is(c, j + 2, "]")) {
            k = j + 2;
            continue;
        }
        if (j + 1 < c->n && c->t[j].start > c->t[k].end && c->t[j].kind == LEDE_TOK_NUMBER &&
            c->t[j].end - c->t[j].start <= 2 && c->t[j + 1].start > c->t[j].end &&
            tok_is_cap_word(c, j + 1))
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

static int is_weekday(const tok_sctx *c, size_t i)
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
static int is_unpunctuated_start(const tok_sctx *c, size_t i, unsigned lex)
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
        if (tok_is_one_of(c, i + 1, dets))
            return 1;
        /* "Preston, Victoria, Australia On Saturday, Wikinews interviewed ..." */
        if ((tok_is(c, i, "On") || tok_is(c, i, "Since") || tok_is(c, i, "During")) &&
            is_weekday(c, i + 1))
            return 1;
    }
    return 0;
}

/* "'You come here from Earth?' I asked.": after a quoted question or exclamation, a
 * speaker and a speech verb continue the sentence. Token i is the word after the quote.
 * A capitalised pronoun other than I starts a new sentence: the speaker of an
 * attribution would be written "she said" ('"Who is this?" She said it to the Knave'). */
static int is_attribution(const tok_sctx *c, size_t i)
{
    static const char *const verbs[] = {
        "said",    "says",   "say",       "asked",    "asks",      "ask",       "replied",  "cried",
        "shouted", "called", "yelled",    "howled",   "screamed",  "whispered", "muttered", "added",
        "told",    "wrote",  "exclaimed", "answered", "continued", NULL};
    static const char *const pronouns[] = {"He", "She", "It", "We", "They", "You", NULL};
    if (i + 1 >= c->n || c->t[i].kind != LEDE_TOK_WORD)
        return 0;
    return !tok_is_one_of(c, i, pronouns) && tok_is_one_of(c, i + 1, verbs);
}

/* '... we're doing our best, afore she comes, to--" At this moment': in whole mode,
 * speech cut off by a dash ends its sentence before a capitalised word (pySBD's
 * convention; GUM keeps '... make a —” He hit his forehead' together, so the default
 * does not). Token q is the closing quote. */
TOK_COLD static int is_cut_off(const tok_sctx *c, size_t q)
{
    return (c->t[q].flags & LEDE_TOKF_CLOSE_QUOTE) && q > 0 && q + 1 < c->n &&
           c->t[q - 1].end == c->t[q].start && tok_is_dash(c, q - 1) &&
           c->t[q + 1].start > c->t[q].end && tok_is_cap_word(c, q + 1);
}

static int is_month(const tok_sctx *c, size_t i)
{
    return cap_lex(c, i, TOK_LEX_MONTH) != 0;
}

/* If a full date "Tuesday, September 1, 2015" starts at token i (a weekday), the index
 * of its year; else 0. */
static size_t date_end(const tok_sctx *c, size_t i)
{
    if (i + 5 >= c->n || !cap_lex(c, i, TOK_LEX_WEEKDAY) || !tok_is(c, i + 1, ",") ||
        !is_month(c, i + 2) || c->t[i + 3].kind != LEDE_TOK_NUMBER ||
        c->t[i + 3].end - c->t[i + 3].start > 2 || !tok_is(c, i + 4, ",") ||
        c->t[i + 5].kind != LEDE_TOK_NUMBER || c->t[i + 5].end - c->t[i + 5].start != 4)
        return 0;
    return i + 5;
}

/* A dateline glued to a headline or a place: "... Brotherhood of Magicians Wednesday,
 * October 9, 2013". Token i is a weekday, after white space and a capitalised word or a
 * closing mark, followed by a comma and a month. After a lower-case word the whole date
 * must end the line before a capital or the paragraph's end ("... about 'self-medicating'
 * ants Tuesday, September 1, 2015\nA study"), and that word must not be a preposition or
 * a determiner ("... took place on Tuesday, ...", "held last Tuesday, ..."). */
TOK_COLD static int is_dateline(const tok_sctx *c, size_t i, unsigned lex)
{
    static const char *const preps[] = {
        "on",  "since", "by",   "until", "till", "from", "before", "after", "of",   "to", "through",
        "and", "or",    "last", "next",  "this", "for",  "every",  "each",  "that", NULL};
    size_t d;

    if (!(lex & TOK_LEX_WEEKDAY) || i + 2 >= c->n || !tok_is(c, i + 1, ",") || !is_month(c, i + 2))
        return 0;
    if (tok_is_cap_word(c, i - 1) || is_closer(c, i - 1))
        return !tok_is(c, i - 1, "On") && !tok_is(c, i - 1, "Since") && !tok_is(c, i - 1, "By") &&
               !tok_is(c, i - 1, "Until");
    d = date_end(c, i);
    if (!d || c->t[i - 1].kind != LEDE_TOK_WORD ||
        (d + 1 < c->n &&
         (!(c->t[d].flags & TOK_F_EOL) || !(tok_is_cap_word(c, d + 1) || is_opener(c, d + 1)))))
        return 0; /* "will begin Monday, March 2, 2020\nin the federal court" goes on */
    return !tok_is_one_of(c, i - 1, preps);
}

/* "Thursday, March 15, 2012 Wikinews interviewed ...": a date that opens the sentence is
 * a dateline, its own sentence before a capitalised word. Token last is the year. */
TOK_COLD static int ends_opening_date(const tok_sctx *c, size_t last)
{
    return last == c->first + 5 && date_end(c, c->first) == last;
}

/* ---- brackets and lines ---- */

/* "[16:  firma? 13:28]": a mark inside square brackets that close a little further on
 * (within BRACKET_WINDOW tokens either way) ends no sentence: brackets hold notes and
 * timestamps. Parentheses may hold whole sentences ("(Don't cry, Alfred! I need all my
 * courage.)") and are left to the other rules. Tokens i..k are the mark and what is glued
 * to it. */
TOK_COLD static int inside_brackets(const tok_sctx *c, size_t i, size_t k)
{
    long depth = 0;
    size_t lo = i > c->first + BRACKET_WINDOW ? i - BRACKET_WINDOW : c->first;

    for (size_t j = i; j-- > lo;) {
        if (tok_is(c, j, "]"))
            depth--;
        else if (tok_is(c, j, "[") && ++depth > 0)
            break;
    }
    if (depth <= 0)
        return 0;
    for (size_t j = k + 1; j < c->n && j <= k + BRACKET_WINDOW; j++) {
        if (tok_is(c, j, "["))
            return 0;
        if (tok_is(c, j, "]"))
            return 1;
    }
    return 0;
}

/* ---- quotations and their closing marks ---- */

/* The family of quotation mark token i: 1 double (" “ ” „ ‟), 2 single (' ‘ ’ ‚ `),
 * 3 angle (« » ‹ ›); an opening mark is closed by one of its family. */
static int quote_family(const tok_sctx *c, size_t i)
{
    unsigned char ch = (unsigned char)c->text[c->t[i].start];

    if (ch == '"' || tok_is(c, i, "\u201C") || tok_is(c, i, "\u201D") || tok_is(c, i, "\u201E") ||
        tok_is(c, i, "\u201F"))
        return 1;
    if (ch == '\'' || ch == '`' || tok_is(c, i, "\u2018") || tok_is(c, i, "\u2019") ||
        tok_is(c, i, "\u201A"))
        return 2;
    return 3;
}

/* A quotation is searched for its closing mark at most this many tokens on, so a
 * paragraph costs linear time; an opening mark not closed by then opens no quotation. */
#define QUOTE_WINDOW 1000
#define QUOTE_DEPTH 8

/* The closing mark of the quotation opened at token j, or 0: nested quotations are
 * followed by their families, and a closing mark of an outer family closes the inner
 * ones left open ("'round" read as an opening quote does not hide the end). Adds the
 * tokens it looked at to c->q_work. */
static size_t quote_close(tok_sctx *c, size_t j)
{
    int stack[QUOTE_DEPTH];
    int depth = 1;
    size_t lim = c->n - j > QUOTE_WINDOW ? j + QUOTE_WINDOW : c->n, m;

    stack[0] = quote_family(c, j);
    for (m = j + 1; m < lim; m++) {
        if (c->t[m].flags & LEDE_TOKF_OPEN_QUOTE) {
            if (depth < QUOTE_DEPTH)
                stack[depth++] = quote_family(c, m);
        } else if (c->t[m].flags & LEDE_TOKF_CLOSE_QUOTE) {
            int f = quote_family(c, m), d = depth;
            while (d > 0 && stack[d - 1] != f)
                d--;
            if (d == 1)
                break;
            if (d > 1)
                depth = d - 1;
        }
    }
    c->q_work += m - j;
    return m < lim ? m : 0;
}

/* ---- quotations embedded in a sentence (the default) ---- */

/* '... television, said "All those who were wounded and the dead have been taken to
 * hospital. There are no casualties left at the location."', 'The poster wrote that
 * "Prompted I think by ...': a quotation written as the object of a speech verb or of
 * "that", with no comma or colon before it, is part of the sentence that introduces it,
 * and so is one that opens with an ellipsis inside a sentence ('officials, "... plied
 * the Sheriff's detective ...'): its quoted sentences do not end that sentence, which
 * goes on to the closing mark. After a comma or a colon a quotation is speech set apart
 * ('He said, "Andy Warhol was ... He is a post-modern diety."'), and so is one with an
 * ellipsis after a colon ('The Judge wrote: "...it is not surprising ... happen. But
 * an'): its sentences are the reader's as any others.
 *
 * Token w is one of those speech verbs, or "that": the words of each length side by side,
 * compared only when the first and last letters match (this runs at each opening quote
 * after a word). */
static int is_speech_word(const tok_sctx *c, size_t w)
{
    static const char *const by_len[10] = {"",
                                           "",
                                           "",
                                           "say",
                                           "saidsaysaddsasksthat",
                                           "wrotewriteaddednotednotesaskedwarns",
                                           "writessayingaddingstatedstatesclaimsarguedargueswarned",
                                           "writingrepliedrepliesclaimedinsists",
                                           "declareddeclaresexplainsinsisted",
                                           "announcedexplainedcommented"};
    const lede_token *t = &c->t[w];
    const char *s = c->text + t->start;
    size_t len = t->end - t->start;

    if (t->kind != LEDE_TOK_WORD || len < 3 || len > 9)
        return 0;
    for (const char *v = by_len[len]; *v; v += len) {
        if (v[0] == s[0] && v[len - 1] == s[len - 1] && memcmp(v, s, len) == 0)
            return 1;
    }
    return 0;
}

/* The opening quote j, after white space and a word, or before an ellipsis after anything
 * but a colon, opens a quotation embedded in its sentence. */
static int opens_embedded_quotation(const tok_sctx *c, size_t j)
{
    return is_speech_word(c, j - 1) || tok_term_kind(c, j + 1) == TERM_ELLIPSIS;
}

/* Notes the embedded quotation that token j, an opening quote that quote_visit() let
 * through, opens, if it does and is not inside the one noted before: its closing mark
 * is searched for once, within the budget inside_quotation() keeps. */
TOK_COLD static void note_quotation(tok_sctx *c, size_t j)
{
    size_t m;

    if (j < c->q_close || c->q_work > 4 * c->n + QUOTE_WINDOW || !opens_embedded_quotation(c, j))
        return;
    m = quote_close(c, j);
    if (m) {
        c->q_open = j;
        c->q_close = m;
    }
}

/* Tokens i..k, a terminal mark or an abbreviation and what is glued to it, are inside the
 * embedded quotation noted last, which opened in this sentence and closes after k (one
 * that opened before the sentence, which another rule ended, has nothing to hold). */
static inline int embedded_holds(const tok_sctx *c, size_t i, size_t k)
{
    return c->q_close > k && c->q_open < i && c->q_open >= c->first;
}

/* ---- quotations = "whole" ---- */

/* Tokens i..k are a terminal mark and what is glued to it: are they inside a quotation
 * whose closing mark comes after k? Finds the quotations of the paragraph in order: the
 * scan (c->q_scan) looks at each token once, and the searches for closing marks at most
 * 4n + QUOTE_WINDOW tokens in all, so opening marks that close nowhere cannot make a
 * paragraph cost quadratic time; past that budget no further quotation is found. */
TOK_COLD static int inside_quotation(tok_sctx *c, size_t i, size_t k)
{
    while (c->q_close < i && c->q_scan < i && c->q_work <= 4 * c->n + QUOTE_WINDOW) {
        size_t j = c->q_scan++, m;
        if (!(c->t[j].flags & LEDE_TOKF_OPEN_QUOTE))
            continue;
        m = quote_close(c, j);
        if (m) {
            c->q_open = j;
            c->q_close = m;
            c->q_scan = m + 1;
        }
    }
    return c->q_close > k && c->q_open < i;
}

/* '"... I should think!" (Dinah was the cat.) "I hope ..."': in whole mode a parenthesis
 * after a closing quotation continues its sentence, unless another quotation follows
 * it: a narrator's aside between two quotations stands alone. Token j is the "(". */
static int paren_between_quotes(const tok_sctx *c, size_t j)
{
    for (size_t m = j + 1; m < c->n && m <= j + BRACKET_WINDOW; m++) {
        if (tok_is(c, m, ")"))
            return m + 1 < c->n && (c->t[m + 1].flags & LEDE_TOKF_OPEN_QUOTE);
    }
    return 0;
}

/* "38. “The Figures which excite in us ...”", "2.1. New Institutional Economics": a
 * section number, or a number of up to three digits opening the paragraph, with its stop
 * glued to it labels an item, a note or a section (lists before a capitalised word are
 * tok_starts_list_item's). Token j is the number, dot its stop. */
TOK_COLD static int is_label_number(const tok_sctx *c, size_t j, size_t dot)
{
    const lede_token *t = &c->t[j];
    size_t len = t->end - t->start;

    if (t->kind != LEDE_TOK_NUMBER || t->end != c->t[dot].start || len > 7)
        return 0;
    for (size_t k = 0; k < len; k++) {
        unsigned char ch = (unsigned char)c->text[t->start + k];
        if (ch == '.' ? k == 0 || k + 1 == len : ch < '0' || ch > '9')
            return 0;
    }
    if (memchr(c->text + t->start, '.', len) != NULL)
        return 1;
    /* a bare number labels only a paragraph it opens: "there? 12. Twelve people" is an
     * answer, then a sentence */
    return len <= 3 && c->first == 0;
}

/* Does the line before token b (which follows a line break) open with the bullet b is,
 * followed by a space? Walks that one line back: each line is walked at most once. */
TOK_COLD static int same_bullet_opens_line_before(const tok_sctx *c, size_t b)
{
    if (b < 2)
        return 0;
    size_t j = b - 1;
    while (j > 0 && !(c->t[j - 1].flags & TOK_F_EOL))
        j--;
    const lede_token *x = &c->t[j], *y = &c->t[b];
    return j + 1 < b && c->t[j + 1].start > x->end && x->end - x->start == y->end - y->start &&
           memcmp(c->text + x->start, c->text + y->start, x->end - x->start) == 0;
}

/* "... at the Olivier\n - Best sound design - The Woman in White ...": a line that opens
 * with a bullet and a space is a list item, whether or not the line before ended with a
 * stop. A hyphen or an asterisk is a bullet only before a capital or a number: in
 * hard-wrapped prose a line may open with a dash that goes on ("the plan would\n- in his
 * view - fail"). Token b follows a line break. */
TOK_COLD static int is_bullet_line(const tok_sctx *c, size_t b)
{
    if (b + 1 >= c->n || c->t[b + 1].start <= c->t[b].end || !tok_is_bullet(c, b))
        return 0;
    /* In a list already (the line before opened with the same bullet and a space), any
     * item goes: "- £2bn extra for the NHS", "- iPhone tax scrapped". */
    if (same_bullet_opens_line_before(c, b))
        return 1;
    if (c->t[b + 1].kind != LEDE_TOK_WORD && c->t[b + 1].kind != LEDE_TOK_NUMBER)
        return 0;
    if (!tok_is(c, b, "-") && !tok_is(c, b, "*"))
        return 1;
    return c->t[b + 1].kind == LEDE_TOK_NUMBER || (c->t[b + 1].flags & LEDE_TOKF_CAPITALIZED);
}

/* In whole mode, the sentence goes on after the terminal mark i and what is glued to it
 * (up to k): the mark is inside a quotation, or a parenthesis follows the quotation it
 * closes and no other quotation follows that. */
TOK_COLD static int whole_goes_on(tok_sctx *c, size_t i, size_t k)
{
    return inside_quotation(c, i, k) || ((c->t[k].flags & LEDE_TOKF_CLOSE_QUOTE) && k + 1 < c->n &&
                                         tok_is(c, k + 1, "(") && !paren_between_quotes(c, k + 1));
}

/* A menu glued after the full stop at k begins with the lower-case word after it
 * (tok_menu_run_end); remembers where the menu ends: its lines are sentences. */
TOK_COLD static int menu_follows(tok_sctx *c, size_t k)
{
    if (c->t[k + 1].start == c->t[k].end || !starts_lower(c, k + 1))
        return 0;
    c->menu_end = tok_menu_run_end(c, k + 1);
    return c->menu_end != 0;
}

/* ---- a credit closing its paragraph ---- */

/* At most this many tokens after the paragraph's last terminal mark make a credit line
 * ("- Matthew Ingram", "Anonymous blogger, "Anon declares war on Church of Scientology""). */
#define CREDIT_TOKENS 16

/* "... and the mainstream media laughs about it. — Rick Santorum": the paragraph's
 * one sentence, tokens 0 .. k, which hold a lower-case word, and after a dash the name
 * of the one who said or wrote it, in one to four capitalised words, with an optional
 * role after a comma ("— John Cornyn, U.S. Senator"), to the paragraph's end: the
 * credit stays in the sentence it credits. A hyphen opening a line is a bullet ("...
 * this.\n- Free Shipping"). Several sentences before a credit are a quotation the
 * credit names as a whole, and none of them ends in it (GUM fiction: '"Try to touch the
 * past. ... It's just a dream." / — Ted Bundy'); a name without a dash is left alone
 * (GUM news splits "... misguided decision. John Cornyn, U.S. Senator (R-Texas)" and
 * joins "... she was suppressive. Valeska Paris"; a Title Case line after a sentence is
 * as often a link or a heading, "... for pricing. Pricing Additionl Info", PS-EN-026).
 * Token k is the last of a terminal mark and what is glued to it; a dash follows. */
TOK_COLD static int dash_credit(const tok_sctx *c, size_t k)
{
    size_t j = k + 1, words = 0;

    if (c->first != 0 || c->n - 1 - k > CREDIT_TOKENS ||
        ((c->t[k].flags & TOK_F_EOL) && tok_is(c, j, "-")))
        return 0;
    while (j < c->n && tok_is_dash(c, j))
        j++;
    for (; j < c->n && !tok_is(c, j, ","); j++) {
        if (!tok_is_cap_word(c, j) || ++words > 4)
            return 0;
    }
    if (words == 0)
        return 0;
    for (; j < c->n; j++) { /* the role */
        if (tok_term_kind(c, j) != TERM_NONE || tok_is(c, j, ":") || tok_is(c, j, ";") ||
            (c->t[j].flags & LEDE_TOKF_OPEN_QUOTE))
            return 0;
    }
    for (j = 0; j < k; j++) {
        if (c->t[j].kind == LEDE_TOK_WORD && lower_continues(c, j))
            return 1;
    }
    return 0;
}

/* The paragraph ends without a terminal mark, in a word or in a closing mark after one
 * ('... Scientology"', "(R-Texas)"). */
static inline int ends_in_word(const lede_token *t, size_t n)
{
    return t[n - 1].kind == LEDE_TOK_WORD ||
           (t[n - 1].kind == LEDE_TOK_PUNCT && t[n - 2].kind == LEDE_TOK_WORD);
}

/* '"So far, it's the Internet: 1, Scientology: 0. But it's a long game." - Matthew
 * Ingram', '"Prompted I think ... on the internet. An insurgency against The Church of
 * Scientology." Anonymous blogger, "Anon declares war on Church of Scientology"' (GUM
 * news): a paragraph that is one quotation, closed right after a terminal mark, and a
 * line of up to CREDIT_TOKENS tokens after it that opens with a dash or is credit_shaped()
 * and holds no terminal mark, colon, semicolon or ellipsis, is a pull quote and its
 * credit: one sentence, as the credit names the quotation as a whole. The paragraph opens
 * with a quote and ends in a word (the caller's test). */
/* "Anonymous blogger, "Anon declares war on Church of Scientology"": a credit without a
 * dash, from token j, is a name or a role of at most four words, not opening with a
 * pronoun, then a comma and its source (a quotation or a capitalised word). Narration
 * after a quotation is none ('"I am done." He walked away', '"No." She said, smiling'). */
static int credit_shaped(const tok_sctx *c, size_t j)
{
    static const char *const pronouns[] = {"He", "She",  "It",   "We",    "They", "You",
                                           "I",  "This", "That", "There", NULL};
    size_t words = 0;

    if (tok_is_one_of(c, j, pronouns))
        return 0;
    for (; j < c->n && !tok_is(c, j, ","); j++) {
        if (c->t[j].kind != LEDE_TOK_WORD || ++words > 4)
            return 0;
    }
    return words > 0 && j + 1 < c->n &&
           ((c->t[j + 1].flags & LEDE_TOKF_OPEN_QUOTE) || tok_is_cap_word(c, j + 1));
}

TOK_COLD static int is_pull_quote(tok_sctx *c)
{
    size_t lo = c->n > CREDIT_TOKENS + 1 ? c->n - 1 - CREDIT_TOKENS : 1, k = 0, m;

    for (size_t j = c->n - 1; j >= lo && !k; j--) {
        enum term term = tok_term_kind(c, j);
        if (term == TERM_STOP || term == TERM_MARK)
            k = j;
        else if (term != TERM_NONE || tok_is(c, j, ":") || tok_is(c, j, ";"))
            return 0;
    }
    while (k && k + 1 < c->n && c->t[k + 1].start == c->t[k].end && is_closer(c, k + 1))
        k++;
    if (!k || k + 1 >= c->n || c->t[k + 1].start == c->t[k].end ||
        !(tok_is_dash(c, k + 1) || (tok_is_cap_word(c, k + 1) && credit_shaped(c, k + 1))))
        return 0;
    m = quote_close(c, 0);
    c->q_work = 0;
    /* the quotation closes at the mark, or in the closers glued to it: 'game." -' */
    return m >= 2 && m <= k && m + 3 > k && tok_term_kind(c, m - 1) != TERM_NONE;
}

/* ---- decisions ---- */

/* Tokens i..k are a terminal mark and what is glued to it; does a sentence end at k? */
static int ends_after_terminal(const tok_sctx *c, enum term term, size_t i, size_t k)
{
    size_t nx = k + 1;
    const lede_token *next = &c->t[nx];
    int gap = next->start > c->t[k].end;

    if (term == TERM_ELLIPSIS) {
        /* "crop yields [...] Ozone is": an elision mark ends the quoted sentence before a
         * capitalised word */
        if (gap && i > 0 && k > i && tok_is(c, i - 1, "[") && c->t[i - 1].end == c->t[i].start &&
            tok_is(c, k, "]"))
            return tok_is_cap_word(c, nx);
        /* '"... I mean, you never ..." He wiped his mouth': a quotation that trails off ends
         * before a capitalised word, unless a speaker and a speech verb follow ('exams ..."
         * Pete said') */
        if (gap && k > i && (c->t[k].flags & LEDE_TOKF_CLOSE_QUOTE) && tok_is_cap_word(c, nx))
            return !is_attribution(c, nx);
        /* "talks slowly... And this": trailing off, glued to its word, before a starter */
        return gap && i > 0 && c->t[i - 1].end == c->t[i].start && is_starter(c, nx);
    }
    if (!gap) {
        /* world.Today, 1,000.That, currency.Vladimir */
        return (term == TERM_STOP || term == TERM_MARK) && tok_is_cap_word(c, nx) &&
               !(next->flags & LEDE_TOKF_ALLCAPS) && i > 0 && c->t[i - 1].end == c->t[i].start &&
               ((c->t[i - 1].kind == LEDE_TOK_WORD && c->t[i - 1].end - c->t[i - 1].start >= 2 &&
                 !(c->t[i - 1].flags & LEDE_TOKF_ABBREV)) ||
                c->t[i - 1].kind == LEDE_TOK_NUMBER);
    }
    if (next->kind == LEDE_TOK_WORD) {
        if (term == TERM_MARK && k > i && (c->t[k].flags & LEDE_TOKF_CLOSE_QUOTE) &&
            !c->cfg->quotations_whole && is_attribution(c, nx))
            return 0;
        return !lower_continues(c, nx) || is_item_label(c, nx); /* "world. ii) Hello" */
    }
    if (tok_is_dash(c, nx)) {
        /* "and -- voila! -- you have cake": a dash and lower case go on */
        size_t d = nx;
        while (d < c->n && tok_is_dash(c, d))
            d++;
        return !(d < c->n && c->t[d].kind == LEDE_TOK_WORD && starts_lower(c, d)) &&
               !dash_credit(c, k);
    }
    if (next->kind == LEDE_TOK_NUMBER)
        return term != TERM_STOP || (i > 0 && c->t[i - 1].kind == LEDE_TOK_WORD);
    if (tok_term_kind(c, nx) == TERM_ELLIPSIS || tok_term_kind(c, nx) == TERM_DOTS)
        return nx + 1 < c->n && tok_is_cap_word(c, nx + 1);
    if (is_opener(c, nx))
        return (!(nx + 1 < c->n && c->t[nx + 1].kind == LEDE_TOK_WORD && starts_lower(c, nx + 1) &&
                  !is_item_label(c, nx + 1)) && /* "(ii) Hello" starts one */
                !paren_goes_on(c, nx)) ||
               is_paren_credit(c, nx);
    return 1;
}

/* After an abbreviation that may end a sentence (U.S., Inc., Calif., an initial) and the
 * closing marks glued to it, up to k: a sentence ends only before a starter, or an opening
 * bracket or quote and a starter ('Naples, Fla. "It would be nice'). */
static int starter_follows(const tok_sctx *c, size_t k)
{
    size_t nx = k + 1;

    if (c->t[nx].start == c->t[k].end)
        return 0;
    if (is_opener(c, nx) && nx + 1 < c->n)
        return is_starter(c, nx + 1);
    return is_starter(c, nx);
}

/* "Lindsey Graham, R-S.C., now", "(D-N.J.)", "(I-Vt.)", "then-U.S. Energy secretary",
 * "ex-Gov. Smith": words.c keeps a hyphenated word whole and its full stop apart, but
 * the stop belongs to the word's last part when that is an initial (after a party letter
 * or a lower-case word: not a name's "Jay-Z.") or an abbreviation (abbrev.c's rules for
 * a word alone) of up to NEAR_BYTES - 1 letters. Token i is a full stop after which the
 * sentence would end; returns 1 when it belongs to such a word, and sets *lex to the
 * lexicon classes of that part (0 for an initial). */
#define NEAR_BYTES 8

static int hyphen_abbrev(const tok_sctx *c, size_t i, unsigned *lex)
{
    const lede_token *w = &c->t[i - 1];
    const char *s = c->text;
    uint32_t seg = w->end, len;

    if (w->kind != LEDE_TOK_WORD || w->end != c->t[i].start)
        return 0;
    while (seg > w->start && w->end - seg < NEAR_BYTES &&
           ((s[seg - 1] >= 'a' && s[seg - 1] <= 'z') || (s[seg - 1] >= 'A' && s[seg - 1] <= 'Z')))
        seg--;
    len = w->end - seg;
    if (seg <= w->start + 1 || s[seg - 1] != '-' || len == 0 || !(s[seg] >= 'A' && s[seg] <= 'Z'))
        return 0;
    if (len == 1) {
        *lex = 0;
        return seg == w->start + 2 || (s[w->start] >= 'a' && s[w->start] <= 'z');
    }
    *lex = tok_lexicon_get_if(c->cfg->lex, s + seg, len,
                              TOK_LEX_TITLE | TOK_LEX_ABBREV | TOK_LEX_NEVER);
    return *lex != 0;
}

/* "Cory Booker (D-N.J.) and", "The survey (Yahoo! News/YouGov) found": no sentence ends
 * inside a parenthesis of up to SHORT_PAREN_BYTES that opens at most NEAR_BYTES before
 * the mark or abbreviation (token i), such as a party and state; a longer one may hold
 * whole sentences ("(Don't cry, Alfred! I need all my courage.)"). The "(" must be in the
 * sentence that would end at token last, and its ")" after last. */
#define SHORT_PAREN_BYTES 24

static int inside_short_paren(const tok_sctx *c, size_t i, size_t last)
{
    size_t o = i;

    for (size_t j = i; j-- > c->first && c->t[j].start + NEAR_BYTES >= c->t[i].start;) {
        if (tok_is(c, j, ")"))
            return 0;
        if (tok_is(c, j, "(")) {
            o = j;
            break;
        }
    }
    if (o == i)
        return 0;
    for (size_t j = last + 1; j < c->n && c->t[j].end - c->t[o].start <= SHORT_PAREN_BYTES; j++) {
        if (tok_is(c, j, "("))
            return 0;
        if (tok_is(c, j, ")"))
            return 1;
    }
    return 0;
}

/* Whether the 8 bytes at p hold a '(' or a '-': the cheap test before the two rules
 * above, run at every sentence end (all 8 at once, no branch per byte). */
static inline int near_paren_or_hyphen(const char *p)
{
#ifdef SENT_SSE2
    __m128i x = _mm_loadl_epi64((const __m128i *)(const void *)p);
    return _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('(')),
                                          _mm_cmpeq_epi8(x, _mm_set1_epi8('-')))) != 0;
#else
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t x, a, h;

    memcpy(&x, p, sizeof x);
    a = x ^ (ones * '(');
    h = x ^ (ones * '-');
    return ((((a - ones) & ~a) | ((h - ones) & ~h)) & highs) != 0;
#endif
}

/* A sentence would end at token last, after the mark or abbreviation i (and k, the last
 * token glued to it): does it, under the two rules above? */
TOK_COLD static int end_stands(const tok_sctx *c, enum term term, size_t i, size_t k, size_t last)
{
    unsigned lex;

    if (term == TERM_STOP && i > c->first && hyphen_abbrev(c, i, &lex) &&
        ((lex & (TOK_LEX_TITLE | TOK_LEX_NEVER)) || !starter_follows(c, k)))
        return 0;
    return !inside_short_paren(c, i, last);
}

/* Token i is an abbreviation (its stop inside), k the last token glued to it. */
static int ends_after_abbrev(const tok_sctx *c, size_t i, size_t k)
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
    /* "Q. What is his name? A. His name is ...": a letter opening a sentence labels it */
    if (i == c->first && len == 2 && c->text[t->start] >= 'A' && c->text[t->start] <= 'Z')
        return 0;
    /* "He left at 6 P.M. Travelers ...": a time ends before any capitalised word. */
    if (len == 4 && i > 0 && c->t[i - 1].kind == LEDE_TOK_NUMBER &&
        ((c->text[t->start] | 0x20) == 'a' || (c->text[t->start] | 0x20) == 'p') &&
        (c->text[t->start + 2] | 0x20) == 'm')
        return tok_is_cap_word(c, nx);
    /* "... field work, etc. Manuscript review took about four months.": "etc." closes a
     * list, and no name follows it in its sentence */
    if (len == 4 && memcmp(c->text + t->start, "etc.", 4) == 0)
        return tok_is_cap_word(c, nx);
    /* "... in Scranton, Pa. Sure, it can be": a state is written after its city or in a
     * party tag, not before a name in the sentence, so a capitalised word and a comma
     * after it open the next one */
    if ((lex & TOK_LEX_CAPITAL) && nx + 1 < c->n && tok_is_cap_word(c, nx) &&
        tok_is(c, nx + 1, ","))
        return 1;
    return starter_follows(c, k);
}

/* No rule acts on a token t before the token next when t is inert (tok_inert_flag), ends
 * no line and precedes no dropped furniture -- (t->flags & SENT_HOLD) == TOK_F_INERT --
 * and next is neither capitalised nor cut off a glued word -- (next->flags & SENT_BUSY)
 * == 0. candidates() applies the test, and also lets through each opening quote
 * (SENT_VISIT), for quote_visit(). */
#define SENT_HOLD (TOK_F_INERT | TOK_F_EOL | TOK_F_END)
#define SENT_VISIT (SENT_HOLD | LEDE_TOKF_OPEN_QUOTE)
#define SENT_BUSY (TOK_F_GLUED | LEDE_TOKF_CAPITALIZED)
_Static_assert((SENT_VISIT & SENT_BUSY) == 0, "tests8() ORs the two masks");

/* "sins: a) Leaving ... world. b) Refusing ...": token i, after white space or a glued
 * mark, is the first marker of a list a colon opens on its line, or the next marker of
 * such a list (c->inline_next). The list and its items go on in the colon's sentence;
 * remembers the marker awaited next and sets *after to the token after this one. */
TOK_COLD static int inline_list_goes_on(tok_sctx *c, size_t i, size_t *after)
{
    if (c->inline_next) {
        long v = tok_marker_value(c, i, after);
        if (v != c->inline_next)
            return 0;
        c->inline_next = v + 1;
        return 1;
    }
    if (c->t[i - 1].flags & TOK_F_EOL)
        return 0;
    c->inline_next = tok_colon_list(c, i, after);
    return c->inline_next != 0;
}

/* Emits the sentence that ends at token last; the next one starts after it. Returns 0 or
 * what emit returned. */
static inline int end_sentence(tok_sctx *c, size_t last, tok_emit_fn emit, void *arg)
{
    int rc = emit(arg, c->first, last);

    if (rc)
        return rc;
    c->first = c->floor = last + 1;
    c->in_item = 0;
    c->inline_next = 0;
    return 0;
}

/* The rules at token i, which candidates() could not pass over: emits the sentences that
 * end there and sets *next to the first token still to look at (n: the paragraph is
 * done). Returns 0 or what emit returned. */
static inline int decide(tok_sctx *c, size_t i, size_t *next, tok_emit_fn emit, void *arg)
{
    const tok_config *cfg = c->cfg;
    const char *text = c->text;
    const lede_token *tokens = c->t;
    size_t n = c->n, last = i, k, nx;
    int split = 0;
    enum term term = TERM_NONE;

    /* Most tokens here are inert tokens before a capitalised word. Such a token is no
     * terminal mark (inert punctuation is one ASCII character other than . ? !), no
     * abbreviation and no list marker (a lower-case letter alone is not inert; a
     * two-byte token such as "b." is still asked), so only the tests after these apply. */
    if ((tokens[i].flags & SENT_HOLD) != TOK_F_INERT ||
        (tokens[i].end - tokens[i].start == 2 && tok_maybe_marker(c, i))) {
        /* Only punctuation is a terminal mark, only a word or a number a list marker. */
        if (tokens[i].kind != LEDE_TOK_PUNCT && tok_maybe_marker(c, i) && i > c->first &&
            (c->inline_next || tok_is(c, i - 1, ":")) && inline_list_goes_on(c, i, &k)) {
            *next = k; /* an item of a list run into its sentence */
            return 0;
        }
        if (tokens[i].kind != LEDE_TOK_PUNCT && tok_maybe_marker(c, i) &&
            (i == c->first || tokens[i].start > tokens[i - 1].end || tok_is_bullet(c, i - 1)) &&
            tok_starts_list_item(c, i, &k)) {
            /* A list item starts here, with its bullet if it has one. */
            size_t b = i > c->first && tok_is_bullet(c, i - 1) ? i - 1 : i;
            if (b > c->first) {
                int rc = emit(arg, c->first, b - 1);
                if (rc)
                    return rc;
                c->first = b;
            }
            c->in_item = 1;
            c->floor = k;
            *next = k;
            return 0;
        }
        if (tokens[i].kind == LEDE_TOK_PUNCT)
            term = tok_term_kind(c, i);
        /* "[?]", "(!)": an editor's mark, no end */
        if (term == TERM_MARK && i > 0 && tokens[i - 1].end == tokens[i].start &&
            (tok_is(c, i - 1, "[") || tok_is(c, i - 1, "(")))
            term = TERM_NONE;
        if (term != TERM_NONE) {
            k = i;
            while (k + 1 < n && tokens[k + 1].start == tokens[k].end &&
                   (is_closer(c, k + 1) || (tok_term_kind(c, k + 1) != TERM_NONE &&
                                            tok_term_kind(c, k + 1) != TERM_ELLIPSIS)))
                k++;
            /* 'search for truth ...". As of': a stop after the ellipsis and its quote */
            for (size_t j = i + 1; j <= k && (term == TERM_ELLIPSIS || term == TERM_DOTS); j++) {
                if (tok_term_kind(c, j) == TERM_STOP)
                    term = TERM_STOP;
            }
            if (term == TERM_STOP && k + 1 < n && tokens[k + 1].start > tokens[k].end &&
                tokens[k + 1].kind == LEDE_TOK_WORD &&
                (unsigned char)(text[tokens[k + 1].start] - 'A') < 26) {
                /* The common case, a full stop (and its closing marks) before white space
                 * and a word with an ASCII capital: no footnote mark follows, and
                 * ends_after_terminal() would end the sentence. */
                last = k;
                split = 1;
            } else {
                if (term == TERM_STOP || term == TERM_MARK)
                    k = absorb_footnotes(c, k);
                last = k;
                if (k + 1 < n)
                    split = ends_after_terminal(c, term, i, k);
                if (!split && term == TERM_STOP && k + 1 < n && tokens[k + 1].kind == LEDE_TOK_WORD)
                    split = menu_follows(c, k);
            }
            if (split && term == TERM_STOP &&
                ((i == c->first + 1 && is_label_number(c, c->first, i)) ||
                 (i == c->first + 2 && is_figure_word(c, c->first) &&
                  is_label_number(c, c->first + 1, i))))
                split = 0;
            if (split && c->brackets && (term == TERM_STOP || term == TERM_MARK) &&
                inside_brackets(c, i, k))
                split = 0;
            if (split && (cfg->quotations_whole ? whole_goes_on(c, i, k) : embedded_holds(c, i, k)))
                split = 0;
            /* "... and the world. b) Refusing ...": an item of a list run into its
             * sentence ends at its stop, the sentence goes on */
            if (split && c->inline_next && term == TERM_STOP && k + 1 < n &&
                tok_marker_value(c, k + 1, &nx) == c->inline_next)
                split = 0;
        } else if (tokens[i].flags & LEDE_TOKF_ABBREV) {
            k = i;
            while (k + 1 < n && tokens[k + 1].start == tokens[k].end && is_closer(c, k + 1))
                k++;
            last = k;
            if (k + 1 < n)
                split = ends_after_abbrev(c, i, k);
            if (split &&
                (cfg->quotations_whole ? inside_quotation(c, i, k) : embedded_holds(c, i, k)))
                split = 0;
        }
        if (split && (tokens[i].start < NEAR_BYTES ||
                      near_paren_or_hyphen(text + tokens[i].start - NEAR_BYTES)))
            split = end_stands(c, term, i, k, last);
    }
    if (last + 1 < n && !split) {
        const lede_token *nt = &tokens[last + 1];
        if ((nt->flags & TOK_F_GLUED) || (tokens[last].flags & TOK_F_END)) {
            split = 1;
        } else if (cfg->quotations_whole && term == TERM_NONE && is_cut_off(c, last)) {
            split = 1;
        } else if ((tokens[last].flags & TOK_F_EOL) && is_bullet_line(c, last + 1)) {
            split = 1;
        } else if ((tokens[last].flags & TOK_F_EOL) && term == TERM_NONE &&
                   (tok_is_cap_word(c, last + 1) || is_opener(c, last + 1))) {
            /* a list item or a heading ends with its line */
            split = (c->in_item && tok_is_cap_word(c, last + 1)) || last < c->menu_end ||
                    tok_line_is_heading(c, last) || tok_is_menu(c);
        } else if ((tokens[last].flags & TOK_F_EOL) && term == TERM_NONE &&
                   (last < c->menu_end || tok_is_menu(c))) {
            split = 1;
        } else if (term == TERM_NONE && tokens[last].kind == LEDE_TOK_NUMBER &&
                   ends_figure_label(c, last)) {
            split = 1;
        } else if (term == TERM_NONE && c->first == 0 && last <= 12 &&
                   (text[tokens[last].start] == '-' ||
                    (unsigned char)text[tokens[last].start] == 0xE2) &&
                   tok_is_dateline_dash(c, last)) {
            split = 1;
        } else if (term == TERM_NONE && !(tokens[last].flags & LEDE_TOKF_ABBREV) &&
                   (nt->flags & LEDE_TOKF_CAPITALIZED) && nt->start > tokens[last].end) {
            /* captions and datelines that lost their punctuation */
            unsigned lex = cap_lex(c, last + 1, TOK_LEX_CAPTION);
            if (lex & (TOK_LEX_CREDIT | TOK_LEX_PREP | TOK_LEX_WEEKDAY))
                split = ((tokens[last].kind == LEDE_TOK_WORD || is_closer(c, last)) &&
                         is_credit(c, last + 1, lex)) ||
                        is_unpunctuated_start(c, last + 1, lex) || is_dateline(c, last + 1, lex);
            if (!split && tokens[last].kind == LEDE_TOK_NUMBER)
                split = ends_opening_date(c, last);
        }
        /* the next token would carry the sentence past the cap */
        if (!split && cfg->max_sentence_bytes &&
            nt->end - tokens[c->first].start > cfg->max_sentence_bytes)
            split = 1;
    }
    if (last + 1 >= n) {
        *next = n;
        return 0;
    }
    *next = last + 1;
    return split ? end_sentence(c, last, emit, arg) : 0;
}

/* decide() at token i would end the sentence at token last (returned; 0: not this case)
 * and no rule after that could keep it: a lone full stop before white space and a word
 * with an ASCII capital (its own fast path),
 * not where a label number or figure word may stand before it (the sentence's second and
 * third tokens), in a paragraph without a '[', with quotations split and no embedded
 * quotation noted past it, and no '(' or '-' in the eight bytes before it (end_stands()).
 * Most sentences of news text end so. */
static inline size_t plain_stop(const tok_sctx *c, size_t i)
{
    const lede_token *t = &c->t[i], *nt = &c->t[i + 1];
    size_t last = i;

    if (t->kind != LEDE_TOK_PUNCT || t->end - t->start != 1 || c->text[t->start] != '.')
        return 0;
    return nt->start > c->t[last].end && nt->kind == LEDE_TOK_WORD &&
                   (unsigned char)(c->text[nt->start] - 'A') < 26 && i > c->first + 2 &&
                   !c->brackets && !c->cfg->quotations_whole && c->q_close <= last &&
                   t->start >= NEAR_BYTES && !near_paren_or_hyphen(c->text + t->start - NEAR_BYTES)
               ? last
               : 0;
}

/* 1 if a token with flags cur before one with flags nx needs the rules, else 0. */
static inline uint64_t needs_rules(unsigned cur, unsigned nx)
{
    return (((cur & SENT_HOLD) ^ TOK_F_INERT) | (nx & SENT_BUSY)) != 0;
}

/* 1 if the sentence pass visits a token with flags cur before one with flags nx: it needs
 * the rules or opens a quotation. */
static inline uint64_t live(unsigned cur, unsigned nx)
{
    return (((cur & SENT_VISIT) ^ TOK_F_INERT) | (nx & SENT_BUSY)) != 0;
}

/* 1 if a token with flags cur before one with flags nx is one plain_capital() may pass
 * over: inert and no opening quote, before a capitalised word not cut off a glued one.
 * Such a token is also live(). */
static inline uint64_t cap_next(unsigned cur, unsigned nx)
{
    return ((cur & SENT_VISIT) == TOK_F_INERT) & ((nx & SENT_BUSY) == LEDE_TOKF_CAPITALIZED);
}

#ifdef SENT_SSE2
/* The flags of t[0..8) in the 16-bit lanes of one register (a token is 12 bytes, so no
 * plain load lines them up). */
static inline __m128i flags8(const lede_token *t)
{
    __m128i f = _mm_setzero_si128();

    f = _mm_insert_epi16(f, t[0].flags, 0);
    f = _mm_insert_epi16(f, t[1].flags, 1);
    f = _mm_insert_epi16(f, t[2].flags, 2);
    f = _mm_insert_epi16(f, t[3].flags, 3);
    f = _mm_insert_epi16(f, t[4].flags, 4);
    f = _mm_insert_epi16(f, t[5].flags, 5);
    f = _mm_insert_epi16(f, t[6].flags, 6);
    f = _mm_insert_epi16(f, t[7].flags, 7);
    return f;
}

/* For eight tokens with flags f whose next tokens have flags nx, lane by lane: *idle, not
 * live(); *cap, cap_next(). SENT_VISIT and SENT_BUSY share no bit, so one word holds both
 * tests' bits. */
static inline void tests8(__m128i f, __m128i nx, __m128i *idle, __m128i *cap)
{
    const __m128i x = _mm_or_si128(_mm_and_si128(f, _mm_set1_epi16((short)SENT_VISIT)),
                                   _mm_and_si128(nx, _mm_set1_epi16((short)(int16_t)SENT_BUSY)));

    *idle = _mm_cmpeq_epi16(x, _mm_set1_epi16((short)TOK_F_INERT));
    *cap = _mm_cmpeq_epi16(x, _mm_set1_epi16((short)(TOK_F_INERT | LEDE_TOKF_CAPITALIZED)));
}

/* Not live() of t[0..8) (t[8] read as the last one's next) in the low eight bits,
 * cap_next() in the next eight: the two tests packed to bytes for one movemask. */
static inline unsigned idle8(const lede_token *t)
{
    __m128i f = flags8(t), idle, cap;

    tests8(f, _mm_insert_epi16(_mm_srli_si128(f, 2), t[8].flags, 7), &idle, &cap);
    return (unsigned)_mm_movemask_epi8(_mm_packs_epi16(idle, cap));
}

/* The same for t[0..16) (t[16] read as the last one's next): sixteen bits of each. */
static inline uint32_t idle16(const lede_token *t)
{
    __m128i f0 = flags8(t), f1 = flags8(t + 8), idle0, cap0, idle1, cap1;

    tests8(f0, _mm_or_si128(_mm_srli_si128(f0, 2), _mm_slli_si128(f1, 14)), &idle0, &cap0);
    tests8(f1, _mm_insert_epi16(_mm_srli_si128(f1, 2), t[16].flags, 7), &idle1, &cap1);
    return (uint32_t)_mm_movemask_epi8(_mm_packs_epi16(idle0, idle1)) |
           (uint32_t)_mm_movemask_epi8(_mm_packs_epi16(cap0, cap1)) << 16;
}
#endif

/* Bit j of the result: token base + j (j < lim) is live(), so the pass must look at it;
 * bit j of *cap: it is also cap_next(). Branch-free, so a run of plain words costs a few
 * instructions each and no mispredicted branch; the caller then visits only the set bits.
 * Sixteen tokens a step where SSE2 is at hand (idle16), the last sixteen or eight of the
 * block again for the rest (the bits are the same); else, and in blocks shorter than
 * eight, each token's flags are read once: they hold its own test and its predecessor's
 * test of the next token, so the loop carries them over to the next step; two steps a
 * round, each into its own accumulator, keep the dependency chains short. */
static inline uint64_t candidates(const tok_sctx *c, size_t base, size_t lim, uint64_t *cap)
{
    const lede_token *t = c->t + base;
    uint64_t m0 = 0, m1 = 0, w0 = 0, w1 = 0;
    unsigned f;
    size_t j = 0;

    if (c->cfg->max_sentence_bytes) { /* every token may cross the cap */
        *cap = 0;
        return lim == 64 ? ~(uint64_t)0 : (((uint64_t)1 << lim) - 1);
    }
#ifdef SENT_SSE2
    if (lim >= 16) {
        uint32_t b;
        for (; j + 16 <= lim; j += 16) {
            b = idle16(t + j);
            m0 |= (uint64_t)(b & 0xFFFFu) << j;
            w0 |= (uint64_t)(b >> 16) << j;
        }
        if (lim - j > 8) {
            j = lim - 16;
            b = idle16(t + j);
            m0 |= (uint64_t)(b & 0xFFFFu) << j;
            w0 |= (uint64_t)(b >> 16) << j;
        } else if (j < lim) {
            j = lim - 8;
            b = idle8(t + j);
            m0 |= (uint64_t)(b & 0xFFu) << j;
            w0 |= (uint64_t)(b >> 8) << j;
        }
        *cap = w0;
        return ~m0 & (lim == 64 ? ~(uint64_t)0 : (((uint64_t)1 << lim) - 1));
    }
    if (lim >= 8) {
        unsigned b = idle8(t);
        m0 = b & 0xFFu;
        w0 = b >> 8;
        if (lim > 8) {
            b = idle8(t + lim - 8);
            m0 |= (uint64_t)(b & 0xFFu) << (lim - 8);
            w0 |= (uint64_t)(b >> 8) << (lim - 8);
        }
        *cap = w0;
        return ~m0 & (((uint64_t)1 << lim) - 1);
    }
#endif
    f = t[0].flags;
    for (; j + 2 <= lim; j += 2) {
        unsigned f1 = t[j + 1].flags, f2 = t[j + 2].flags;
        m0 |= live(f, f1) << j;
        w0 |= cap_next(f, f1) << j;
        m1 |= live(f1, f2) << (j + 1);
        w1 |= cap_next(f1, f2) << (j + 1);
        f = f2;
    }
    if (j < lim) {
        unsigned f1 = t[j + 1].flags;
        m0 |= live(f, f1) << j;
        w0 |= cap_next(f, f1) << j;
    }
    *cap = w0 | w1;
    return m0 | m1;
}

static inline unsigned lowest_bit(uint64_t m)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctzll(m);
#else
    unsigned j = 0;
    while (!(m & 1)) {
        m >>= 1;
        j++;
    }
    return j;
#endif
}

/* By default the pass visits every opening quote i, in order (candidates() lets them
 * through), and notes here the embedded quotation it may open; most open a paragraph or
 * follow a colon or a comma and are turned away by the first test. Returns whether the
 * rules have nothing to do at i, which the pass visits only for this. */
TOK_COLD static int quote_visit(tok_sctx *c, size_t i)
{
    const lede_token *t = c->t;

    /* After a word (a speech verb, "that"), or after anything but a colon when an ellipsis
     * follows (a number, a bracket, a dash, a comma: 'in 2004 "... the water is safe'); the
     * ellipsis is three bytes, so a one-byte next token needs no look. Never at the
     * sentence's first token: that quotation opens the sentence. */
    if (i > c->first && i + 1 < c->n && !c->cfg->quotations_whole && t[i].start > t[i - 1].end &&
        (t[i - 1].kind == LEDE_TOK_WORD ||
         (t[i + 1].end - t[i + 1].start > 1 && c->text[t[i - 1].start] != ':')))
        note_quotation(c, i);
    return !needs_rules(t[i].flags, t[i + 1].flags);
}

/* Whether the lexicon may hold the capitalised word s[0..len) as a caption or dateline
 * word: tok_lexicon_may_hold(lex, s, len, TOK_LEX_CAPTION) in two steps, as the first
 * letter turns away five in six of the capitalised words of news text. The word's first
 * byte is no lower-case ASCII letter (its first letter is a capital), so its filter slot
 * is the byte less 'A', 26 for anything past 'Z' or before 'A' (tok_lexicon_slot()'s). */
static inline int may_be_caption_word(const tok_lexicon *lex, const char *s, size_t len)
{
    unsigned first = (unsigned char)s[0] - (unsigned)'A';

    if (len == 0 || len > 15 || !(lex->by_first[len][first < 26 ? first : 26] & TOK_LEX_CAPTION))
        return 0;
    return (lex->by_last[len][tok_lexicon_slot(s[len - 1])] & TOK_LEX_CAPTION) != 0;
}

/* The lexicon plain_after() asks: the configuration's, or one that holds no word. */
static inline const tok_lexicon *caption_lexicon(const tok_sctx *c)
{
    static const tok_lexicon none; /* all filter rows zero: turns every word away */

    return c->cfg->lex ? c->cfg->lex : &none;
}

/* decide() would do nothing at token i, which is cap_next(): an inert token (no line
 * break or dropped furniture after it) before a capitalised word, not cut off a glued
 * one, that is
 *   - a word, and the lexicon filter (lex: caption_lexicon()) turns the capitalised
 *     word away from the caption and dateline words. Of decide()'s rules only the caption
 *     one is left there (no list marker "b." to ask, no number; no dash of a dateline, as
 *     a word holds a letter and a dash none), and cap_lex() would find no class for it;
 *   - or a lone mark or symbol that closes nothing and is no dash (a comma, an opening
 *     quote or bracket): the caption rules want a word or a closing mark before a credit,
 *     and a word of two bytes or more before a preposition or a weekday. */
static inline int plain_after(const tok_sctx *c, const tok_lexicon *lex, size_t i)
{
    const lede_token *t = &c->t[i], *nt = &c->t[i + 1];

    if (t->kind != LEDE_TOK_WORD) {
        unsigned char ch = (unsigned char)c->text[t->start];
        return (t->kind == LEDE_TOK_PUNCT || t->kind == LEDE_TOK_SYMBOL) &&
               t->end - t->start == 1 && !(t->flags & LEDE_TOKF_CLOSE_QUOTE) && ch != '-' &&
               ch != ')' && ch != ']' && ch != '}';
    }
    /* without a branch per test (two-letter words before a capital are common, and their
     * branch was mispredicted); text[start + 1] is in the text, as nt starts after t */
    return !((t->end - t->start == 2) & (c->text[t->start + 1] == '.')) &&
           !may_be_caption_word(lex, c->text + nt->start, nt->end - nt->start);
}

/* plain_after() for an opening quote i, after quote_visit(). */
static inline int plain_capital(const tok_sctx *c, size_t i)
{
    return (c->t[i].flags & SENT_HOLD) == TOK_F_INERT &&
           (c->t[i + 1].flags & SENT_BUSY) == LEDE_TOKF_CAPITALIZED &&
           plain_after(c, caption_lexicon(c), i);
}

/* m (bits j: tokens base + j) without the tokens of cap (its cap_next() ones) that
 * plain_after() passes over: a tight loop of its own, so that the pass visits only the
 * tokens decide() acts on. */
static inline uint64_t drop_plain(const tok_sctx *c, size_t base, uint64_t m, uint64_t cap)
{
    const tok_lexicon *lex = caption_lexicon(c);

    while (cap) {
        unsigned j = lowest_bit(cap);
        cap &= cap - 1;
        m ^= (uint64_t)plain_after(c, lex, base + j) << j;
    }
    return m;
}

int tok_sentences(const tok_config *cfg, const char *text, const lede_token *tokens, size_t n,
                  tok_emit_fn emit, void *arg)
{
    tok_sctx c = {cfg, text, tokens, n, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0, 0};
    size_t next = 0, last;
    int rc, skip_plain;

    /* a pull quote and its credit: one sentence (unless past the cap) */
    if ((tokens[0].flags & LEDE_TOKF_OPEN_QUOTE) && n > 3 && ends_in_word(tokens, n) &&
        (!cfg->max_sentence_bytes ||
         tokens[n - 1].end - tokens[0].start <= cfg->max_sentence_bytes) &&
        is_pull_quote(&c))
        return emit(arg, 0, n - 1);
    c.brackets = (tokens[0].flags & TOK_F_BRACKETS) != 0;
    /* with a cap on sentence length every token needs a look */
    skip_plain = !cfg->max_sentence_bytes;
    /* Tokens in blocks of 64: one bit per token that needs the rules, then the rules at
     * each set bit the previous decision has not already stepped over. */
    for (size_t base = 0; base + 1 < n && next < n; base += 64) {
        size_t lim = n - 1 - base < 64 ? n - 1 - base : 64;
        uint64_t cap, m = candidates(&c, base, lim, &cap);
        m = drop_plain(&c, base, m, cap);
        while (m) {
            size_t i = base + lowest_bit(m);
            m &= m - 1;
            if (i < next)
                continue;
            /* drop_plain() left opening quotes to quote_visit() */
            if ((tokens[i].flags & LEDE_TOKF_OPEN_QUOTE) &&
                (quote_visit(&c, i) || (skip_plain && plain_capital(&c, i))))
                continue;
            if ((last = plain_stop(&c, i)) != 0) {
                rc = end_sentence(&c, last, emit, arg);
                if (rc)
                    return rc;
                next = last + 1;
                if (next >= n)
                    break;
                continue;
            }
            rc = decide(&c, i, &next, emit, arg);
            if (rc)
                return rc;
            if (next >= n)
                break;
        }
    }
    return emit(arg, c.first, n - 1);
}
