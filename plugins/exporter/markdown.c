/*
 * markdown.c -- renders a document as a short readable report (format = markdown): a
 * title, the summary as a bullet list, and the quotations grouped by speaker.
 *
 *   # Vladimir Putin arrives in Iran to forge a fearsome new alliance
 *
 *   Document: putin\-iran.txt
 *
 *   ## Summary
 *
 *   - Vladimir Putin has arrived in Iran to ...
 *
 *   ## Quotations
 *
 *   ### Andrey Kortunov
 *
 *   > “This is an important visit for Putin personally.” … “The Kremlin doesn’t ...” — *said*
 *
 *   ### Unknown speaker
 *
 *   > “...”
 *
 *   ---
 *
 * The title is the document's first paragraph when it looks like a headline (one short
 * line that does not end like a sentence unless it is a short question or in Title Case:
 * the summarizer's rule, see looks_like_headline), else the id. The title and the summary's
 * sentences show their text without the page furniture the tokenizer skipped
 * (exp_shown_text): "<h1>Putin arrives</h1>" is titled "Putin arrives". Speakers appear in the
 * order of their first quotation; quotations of unknown speakers come last. A quotation continued
 * in a later segment (lede_quote.continues) is shown as one line, its segments joined by
 * an ellipsis. Every document ends with a `---` rule: a rule after each document rather
 * than between documents keeps the output the same whether one instance or several
 * render it, and a trailing rule is harmless where a leading one would read as YAML
 * front matter.
 *
 * Text is escaped so that it cannot open markup by accident (\ ` * _ [ ] < are
 * backslash-escaped, and so is a > # + - = ~ or "1." opening a list item or the title), line breaks
 * and tabs inside a span become spaces, because a quotation or a bullet must stay on one line
 * (U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR too: editors and viewers break the line
 * there), and other control bytes are dropped.
 */

#include "../common/headline.h"
#include "exporter.h"

/* Longest first paragraph still taken for a headline, in bytes and in words. */
/* A question of at most this many words is a headline too (the summarizer's limit). */
#define QUESTION_MAX_WORDS 12

/* Writes s[0..n) escaped for inline Markdown, on one line. */
static void put_md(exp_out *o, const char *s, size_t n)
{
    size_t i, run = 0;

    for (i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']' || c == '<') {
            exp_put(o, s + run, i - run);
            exp_putc(o, '\\');
            run = i; /* the character itself goes out with the next run */
        } else if (c == '\n' || c == '\r' || c == '\t') {
            exp_put(o, s + run, i - run);
            /* A CRLF becomes one space, not two. */
            if (!(c == '\n' && i > 0 && s[i - 1] == '\r'))
                exp_putc(o, ' ');
            run = i + 1;
        } else if ((unsigned char)c < 0x20 || c == 0x7f) {
            exp_put(o, s + run, i - run); /* other control bytes: invisible, dropped */
            run = i + 1;
        } else if (exp_is_unicode_break(s + i, n - i)) {
            exp_put(o, s + run, i - run); /* U+2028, U+2029: a line break in an editor */
            exp_putc(o, ' ');
            i += 2;
            run = i + 1;
        }
    }
    exp_put(o, s + run, n - run);
}

/* put_md for text that starts a block (a list item, the title): a leading > # + - = ~ or
 * "12." / "12)" would open a quotation, a heading, a list or a code fence (~~~) inside it,
 * so its mark is escaped. */
static void put_md_lead(exp_out *o, const char *s, size_t n)
{
    size_t d = 0;
    while (d < n && d < 9 && s[d] >= '0' && s[d] <= '9')
        d++;
    if (n > 0 &&
        (s[0] == '>' || s[0] == '#' || s[0] == '+' || s[0] == '-' || s[0] == '=' || s[0] == '~')) {
        exp_putc(o, '\\');
    } else if (d > 0 && d < n && (s[d] == '.' || s[d] == ')')) {
        put_md(o, s, d);
        exp_putc(o, '\\');
        s += d;
        n -= d;
    }
    put_md(o, s, n);
}

static void put_md_cstr(exp_out *o, const char *s)
{
    put_md(o, s, strlen(s));
}

/* Trims ASCII whitespace off both ends of [*start, *end). */
static void trim(const char *text, uint32_t *start, uint32_t *end)
{
    while (*start < *end && (text[*start] == ' ' || text[*start] == '\t' || text[*start] == '\n' ||
                             text[*start] == '\r'))
        (*start)++;
    while (*end > *start && (text[*end - 1] == ' ' || text[*end - 1] == '\t' ||
                             text[*end - 1] == '\n' || text[*end - 1] == '\r'))
        (*end)--;
}

/* The first block of the text: the first paragraph, else the first sentence, else the
 * first line. Returns 0 when the text is empty. */
static int first_block(lede_doc *doc, const char *text, size_t len, uint32_t *start, uint32_t *end)
{
    size_t n;
    const lede_paragraph *p = lede_doc_paragraphs(doc, &n);

    if (n > 0 && p[0].start <= p[0].end && p[0].end <= len) {
        *start = p[0].start, *end = p[0].end;
    } else {
        const lede_sentence *s = lede_doc_sentences(doc, &n);
        if (n > 0 && s[0].start <= s[0].end && s[0].end <= len) {
            *start = s[0].start, *end = s[0].end;
        } else {
            const char *nl = memchr(text, '\n', len);
            *start = 0, *end = (uint32_t)(nl ? (size_t)(nl - text) : len);
        }
    }
    trim(text, start, end);
    return *end > *start;
}

/* A headline, by the summarizer's rule (plugins/summarizer/model.c, mark_eligible): one
 * short line that does not end like a clause (, ; :) and, when it ends like a sentence
 * (. ! ? or an ellipsis, before closing quotes and brackets), is a question of at most
 * QUESTION_MAX_WORDS words or in Title Case. "Pat Caddell: Democrat Voters Worried About
 * Hillary Clinton's Health Issues; It's 'in Their Heads.'" is one; "Green Party candidate
 * Jill Stein removed from N.Y. debate site by police." may be a one-sentence lede and is
 * not (the summarizer may pick it, and a title repeating the first bullet would be noise). */
static int looks_like_headline(const char *s, size_t n)
{
    size_t words = 0, end = n;
    int in_word = 0;

    if (n == 0 || n > HEADLINE_MAX_BYTES || memchr(s, '\n', n))
        return 0;
    for (size_t i = 0; i < n; i++) {
        int space = s[i] == ' ' || s[i] == '\t';
        if (!space && !in_word)
            words++;
        in_word = !space;
    }
    if (words > HEADLINE_MAX_WORDS)
        return 0;
    /* Closing quotes and brackets: " ' ) ] and U+201D, U+2019. */
    while (end > 0) {
        unsigned char c = (unsigned char)s[end - 1];
        if (c == '"' || c == '\'' || c == ')' || c == ']' || c == ' ')
            end--;
        else if (end >= 3 && memcmp(s + end - 3, "\xE2\x80", 2) == 0 && (c == 0x9D || c == 0x99))
            end -= 3;
        else
            break;
    }
    if (end == 0)
        return 0;
    char last = s[end - 1];
    if (last == ',' || last == ';' || last == ':')
        return 0;
    if (last == '?' && words <= QUESTION_MAX_WORDS)
        return 1;
    if (last == '.' || last == '!' || last == '?' ||
        (end >= 3 && memcmp(s + end - 3, "\xE2\x80\xA6", 3) == 0))
        return headline_title_case(s, n);
    return 1;
}

static void render_title(lede_doc *doc, const char *text, size_t len, exp_skips *skips, exp_out *o,
                         lede_error *err)
{
    uint32_t start, end;
    const char *id = lede_doc_id(doc), *shown;
    size_t shown_len;

    EXP_LIT(o, "# ");
    if (first_block(doc, text, len, &start, &end)) {
        exp_shown_text(skips, text, start, end, &shown, &shown_len, o, err);
        if (looks_like_headline(shown, shown_len)) {
            put_md_lead(o, shown, shown_len);
            EXP_LIT(o, "\n\nDocument: ");
        }
    }
    put_md_cstr(o, id);
    EXP_LIT(o, "\n\n");
}

static void render_summary(lede_doc *doc, const char *text, size_t len, exp_skips *skips,
                           exp_out *o, lede_error *err)
{
    size_t n, n_sents;
    const lede_summary_item *it = lede_doc_summary(doc, &n);
    const lede_sentence *s = lede_doc_sentences(doc, &n_sents);

    EXP_LIT(o, "## Summary\n\n");
    if (n == 0) {
        EXP_LIT(o, "Nothing to summarise: the document has no sentences.\n\n");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t k = it[i].sentence, start, end;
        const char *shown;
        size_t shown_len;
        if (k >= n_sents) {
            if (o->rc == 0) {
                o->rc = LEDE_EINVAL;
                lede_error_set(err, LEDE_EINVAL,
                               "document '%s': summary item %zu names sentence %u but the "
                               "document has %zu sentences",
                               lede_doc_id(doc), i, (unsigned)k, n_sents);
            }
            return;
        }
        if (!exp_span_ok(o, err, doc, "sentence", k, s[k].start, s[k].end, len))
            return;
        start = s[k].start, end = s[k].end;
        trim(text, &start, &end);
        exp_shown_text(skips, text, start, end, &shown, &shown_len, o, err);
        EXP_LIT(o, "- ");
        put_md_lead(o, shown, shown_len);
        exp_putc(o, '\n');
    }
    exp_putc(o, '\n');
}

/* One quotation line: the head segment, its continuations, and the first cue found. */
static void render_quote_line(const lede_quote *q, const uint32_t *next, size_t head,
                              const char *text, exp_skips *skips, exp_out *o, lede_error *err)
{
    size_t cue = LEDE_NONE;

    EXP_LIT(o, "> ");
    for (size_t i = head; i != LEDE_NONE; i = next[i]) {
        if (i != head)
            EXP_LIT(o, " … ");
        const char *shown;
        size_t shown_len;
        exp_shown_text(skips, text, q[i].start, q[i].end, &shown, &shown_len, o, err);
        EXP_LIT(o, "“");
        put_md(o, shown, shown_len);
        EXP_LIT(o, "”");
        if (cue == LEDE_NONE && q[i].cue_start != LEDE_NONE)
            cue = i;
    }
    if (cue != LEDE_NONE && q[cue].cue_end > q[cue].cue_start) {
        EXP_LIT(o, " — *");
        put_md(o, text + q[cue].cue_start, q[cue].cue_end - q[cue].cue_start);
        exp_putc(o, '*');
    }
    EXP_LIT(o, "\n\n");
}

static int has_speaker(const lede_quote *q)
{
    return q->speaker && q->speaker[0];
}

/* A partial quotation of one segment that nobody is said to have said: a scare quote or a
 * quoted term ("described as “unprecedented”"), listed apart from what people said. */
static int quoted_term(const lede_quote *q, const uint32_t *next, size_t i)
{
    return !has_speaker(&q[i]) && q[i].kind == LEDE_QUOTE_PARTIAL && next[i] == LEDE_NONE;
}

static void render_quotes(lede_doc *doc, const char *text, size_t len, exp_skips *skips, exp_out *o,
                          lede_error *err)
{
    size_t n;
    const lede_quote *q = lede_doc_quotes(doc, &n);
    uint32_t *next;
    unsigned char *done;
    int unknown = 0, terms = 0;

    EXP_LIT(o, "## Quotations\n\n");
    if (n == 0) {
        EXP_LIT(o, "No quotations found.\n\n");
        return;
    }
    /* next[i]: the segment continuing segment i. A segment continues only an earlier one,
     * so chains always end and every segment is shown exactly once. done[i]: segment i is
     * not a head, or its line is written. */
    next = lede_doc_alloc(doc, n * (sizeof *next + 1));
    if (!next) {
        if (o->rc == 0)
            o->rc = lede_error_set(err, LEDE_ENOMEM,
                                   "document '%s': out of memory rendering %zu quotations",
                                   lede_doc_id(doc), n);
        return;
    }
    done = (unsigned char *)(next + n);
    for (size_t i = 0; i < n; i++) {
        if (!exp_span_ok(o, err, doc, "quote", i, q[i].start, q[i].end, len))
            return;
        if (q[i].cue_start != LEDE_NONE &&
            !exp_span_ok(o, err, doc, "cue of quote", i, q[i].cue_start, q[i].cue_end, len))
            return;
        next[i] = LEDE_NONE;
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t c = q[i].continues;
        if (c < i && next[c] == LEDE_NONE) {
            next[c] = (uint32_t)i;
            done[i] = 1; /* shown on the line of the segment it continues */
        }
    }
    /* One group per speaker, in the order of their first quotation: O(speakers x quotes). */
    for (size_t i = 0; i < n; i++) {
        if (done[i])
            continue;
        if (!has_speaker(&q[i])) {
            if (quoted_term(q, next, i))
                terms = 1;
            else
                unknown = 1;
            continue;
        }
        EXP_LIT(o, "### ");
        put_md_cstr(o, q[i].speaker);
        EXP_LIT(o, "\n\n");
        for (size_t k = i; k < n; k++)
            if (!done[k] && has_speaker(&q[k]) && strcmp(q[k].speaker, q[i].speaker) == 0) {
                render_quote_line(q, next, k, text, skips, o, err);
                done[k] = 1;
            }
    }
    if (unknown) {
        EXP_LIT(o, "### Unknown speaker\n\n");
        for (size_t k = 0; k < n; k++)
            if (!done[k] && !quoted_term(q, next, k))
                render_quote_line(q, next, k, text, skips, o, err);
    }
    /* Quoted terms on one line: most of a story's unattributed quotations are these, and a
     * bullet each buried the full quotations whose speaker is unknown. */
    if (terms) {
        const char *sep = "";
        EXP_LIT(o, "### Quoted terms\n\n");
        for (size_t k = 0; k < n; k++) {
            if (done[k] || !quoted_term(q, next, k))
                continue;
            const char *shown;
            size_t shown_len;
            exp_shown_text(skips, text, q[k].start, q[k].end, &shown, &shown_len, o, err);
            exp_put(o, sep, strlen(sep));
            EXP_LIT(o, "“");
            put_md(o, shown, shown_len);
            EXP_LIT(o, "”");
            sep = " · ";
        }
        EXP_LIT(o, "\n\n");
    }
}

void exp_render_markdown(const exp_instance *x, lede_doc *doc, exp_out *o, lede_error *err)
{
    size_t len;
    const char *text = lede_doc_text(doc, &len);
    exp_skips skips;

    (void)x;
    if (!text)
        text = "", len = 0;
    exp_skips_init(&skips, doc);
    render_title(doc, text, len, &skips, o, err);
    if (lede_doc_has_layer(doc, LEDE_LAYER_SUMMARY))
        render_summary(doc, text, len, &skips, o, err);
    if (lede_doc_has_layer(doc, LEDE_LAYER_QUOTE))
        render_quotes(doc, text, len, &skips, o, err);
    EXP_LIT(o, "---\n\n");
}

void exp_render_markdown_error(const exp_instance *x, const lede_doc *doc, const char *stage,
                               const char *message, exp_out *o)
{
    (void)x;
    EXP_LIT(o, "# ");
    put_md_cstr(o, lede_doc_id(doc));
    EXP_LIT(o, "\n\n**Error**");
    if (stage && *stage) {
        EXP_LIT(o, " in stage ");
        put_md_cstr(o, stage);
    }
    EXP_LIT(o, ": ");
    put_md_cstr(o, message ? message : "");
    EXP_LIT(o, "\n\n---\n\n");
}
