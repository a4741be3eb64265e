/*
 * words.c -- the document as the scorers see it: normalised, stemmed words.
 *
 * Both scorers want the same thing from a token: is it a content word, and which term is
 * it? A word is lower-cased with utf8proc (so "Drones" and "drones" meet), its
 * typographic apostrophe folded to ' and a possessive ending dropped (Iran's -> iran),
 * then stemmed with Snowball's English stemmer (drones, drone -> drone). Stopwords and
 * words shorter than min_len letters are kept in the view, marked KW_STOP, because RAKE
 * splits phrases at them. An all-capitals word of two or more letters in mid-sentence is
 * an acronym (US, NATO, UN): it is never a stopword and is not stemmed.
 *
 * Terms are interned in an open-addressing table sized from the token count, and each
 * distinct written form is stemmed once (a second table maps forms to terms), so a
 * document costs one pass and arena allocations per distinct word, never a malloc per
 * token. The stemmer returns a pointer into its own buffer; new stems are copied.
 */
#include <string.h>

#include <utf8proc.h>

#include "kw.h"

/* Longer words (URLs, hashes) are never terms; it bounds the folding buffer. */
#define MAX_WORD_BYTES 64
/* A written form that is a stopword or too short: known, and not a term. */
#define KW_NONE (UINT32_MAX - 1)

/* Lower-cases text[0..len) into out (room for 4 * len bytes), folding ’ to '. Returns
 * the byte length written; *letters receives the number of letters. */
static size_t fold_count(const char *text, size_t len, char *out, size_t *letters)
{
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)text;
    size_t i = 0, o = 0;

    *letters = 0;
    while (i < len) {
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &c);
        if (n <= 0) { /* cannot happen on validated text; step over the byte */
            i++;
            continue;
        }
        i += (size_t)n;
        if (c == 0x2019 || c == 0x2018)
            c = '\'';
        const utf8proc_property_t *p = utf8proc_get_property(c);
        if (p->category >= UTF8PROC_CATEGORY_LU && p->category <= UTF8PROC_CATEGORY_LO)
            (*letters)++;
        o += (size_t)utf8proc_encode_char(utf8proc_tolower(c), (utf8proc_uint8_t *)out + o);
    }
    out[o] = '\0';
    return o;
}

/* Bytes of a possessive ending at the end of s[0..len): 's, ’s, or a lone ' or ’ after an
 * s (presidents'). 0 when there is none. */
size_t kw_fold(const char *text, size_t len, char *out)
{
    size_t letters;
    return fold_count(text, len, out, &letters);
}

static size_t possessive_bytes(const char *s, size_t len)
{
    static const char rsq[] = "\xe2\x80\x99"; /* ’ */

    if (len > 2 && s[len - 1] == 's' && s[len - 2] == '\'')
        return 2;
    if (len > 4 && s[len - 1] == 's' && memcmp(s + len - 4, rsq, 3) == 0)
        return 4;
    if (len > 2 && s[len - 1] == '\'' && s[len - 2] == 's')
        return 1;
    if (len > 4 && memcmp(s + len - 3, rsq, 3) == 0 && s[len - 4] == 's')
        return 3;
    return 0;
}

static uint32_t hash(const char *s)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 16777619u;
    return h;
}

typedef struct interner {
    uint32_t *slots; /* term index + 1; 0 = empty */
    size_t mask;
} interner;

/* Returns the term index of stem, adding it (with first occurrence w) when new. */
static uint32_t intern(kw_view *v, interner *in, const char *stem, size_t len, uint32_t w)
{
    char tmp[256];
    size_t n = len < sizeof tmp - 1 ? len : sizeof tmp - 1;

    memcpy(tmp, stem, n);
    tmp[n] = '\0';
    for (size_t i = hash(tmp) & in->mask;; i = (i + 1) & in->mask) {
        uint32_t slot = in->slots[i];
        if (slot == 0) {
            char *copy = lede_doc_strndup(v->doc, tmp, n);
            if (!copy)
                return KW_STOP;
            kw_term *t = &v->terms[v->n_terms];
            t->stem = copy;
            t->first = w;
            t->first_name = KW_STOP;
            in->slots[i] = (uint32_t)++v->n_terms;
            return (uint32_t)(v->n_terms - 1);
        }
        if (strcmp(v->terms[slot - 1].stem, tmp) == 0)
            return slot - 1;
    }
}

/* Written forms already seen in this document ("drones", "said"), each with its term or
 * KW_NONE: most words recur, and this spares the stemmer and the stopword search. */
typedef struct form_cache {
    uint32_t *slots; /* form index + 1; 0 = empty */
    size_t mask;
    const char **form;
    uint32_t *term;
    size_t n;
} form_cache;

static uint32_t *form_slot(const form_cache *fc, const char *low)
{
    for (size_t i = hash(low) & fc->mask;; i = (i + 1) & fc->mask)
        if (fc->slots[i] == 0 || strcmp(fc->form[fc->slots[i] - 1], low) == 0)
            return &fc->slots[i];
}

static int add_form(lede_doc *doc, form_cache *fc, uint32_t *slot, const char *low, size_t len,
                    uint32_t term)
{
    const char *copy = lede_doc_strndup(doc, low, len);
    if (!copy)
        return LEDE_ENOMEM;
    fc->form[fc->n] = copy;
    fc->term[fc->n] = term;
    *slot = (uint32_t)++fc->n;
    return 0;
}

static int oom(lede_error *err)
{
    return lede_error_set(err, LEDE_ENOMEM, "keywords: out of memory (document arena)");
}

int kw_view_build(kw_view *v, lede_doc *doc, struct sb_stemmer *stemmer, int min_len,
                  lede_error *err)
{
    size_t n_tok, n_sent, size = 16, s = 0;
    const lede_token *tok = lede_doc_tokens(doc, &n_tok);
    const lede_sentence *sent = lede_doc_sentences(doc, &n_sent);
    size_t text_len;
    interner stems;
    form_cache forms;
    char low[4 * MAX_WORD_BYTES + 1];

    memset(v, 0, sizeof *v);
    v->doc = doc;
    v->text = lede_doc_text(doc, &text_len);
    if (!tok && text_len > 0)
        return lede_error_set(err, LEDE_EINVAL,
                              "keywords: document '%s' has no token layer (put the tokenizer "
                              "before keywords)",
                              lede_doc_id(doc));
    while (size < 2 * n_tok)
        size *= 2;
    stems.mask = forms.mask = size - 1;
    stems.slots = lede_doc_alloc(doc, size * sizeof *stems.slots);
    forms.slots = lede_doc_alloc(doc, size * sizeof *forms.slots);
    forms.form = lede_doc_alloc(doc, (n_tok + 1) * sizeof *forms.form);
    forms.term = lede_doc_alloc(doc, (n_tok + 1) * sizeof *forms.term);
    forms.n = 0;
    v->words = lede_doc_alloc(doc, (n_tok + 1) * sizeof *v->words);
    v->terms = lede_doc_alloc(doc, (n_tok + 1) * sizeof *v->terms);
    if (!stems.slots || !forms.slots || !forms.form || !forms.term || !v->words || !v->terms)
        return oom(err);

    for (size_t i = 0; i < n_tok; i++) {
        const lede_token *t = &tok[i];
        if (t->kind == LEDE_TOK_SPACE)
            continue;
        while (sent && s + 1 < n_sent && i >= sent[s].tok_end)
            s++;
        kw_word *w = &v->words[v->n_words];
        w->start = t->start;
        w->end = t->end;
        w->sentence = (uint32_t)s;
        w->term = KW_STOP;
        int first_in_sentence = sent ? i == sent[s].tok_begin : (t->flags & LEDE_TOKF_SENT_START);
        w->capitalised = (t->flags & LEDE_TOKF_CAPITALIZED) && !first_in_sentence;
        v->n_words++;
        if (t->kind != LEDE_TOK_WORD && t->kind != LEDE_TOK_OTHER)
            continue;

        size_t len = t->end - t->start, letters;
        len -= possessive_bytes(v->text + t->start, len);
        w->end = t->start + (uint32_t)len;
        if (len > MAX_WORD_BYTES)
            continue; /* a URL or a run of letters, not a term */
        size_t kept = fold_count(v->text + t->start, len, low, &letters);
        int acronym = (t->flags & LEDE_TOKF_ALLCAPS) && !first_in_sentence && letters >= 2;
        if (letters == 0 || kept == 0)
            continue;

        uint32_t term;
        if (acronym) { /* US is not "us": never a stopword, never stemmed, never cached */
            term = intern(v, &stems, low, kept, (uint32_t)(v->n_words - 1));
        } else {
            uint32_t *slot = form_slot(&forms, low);
            if (*slot) {
                term = forms.term[*slot - 1];
            } else {
                term = KW_NONE;
                if ((int)letters >= min_len && !kw_is_stopword(low, kept)) {
                    const sb_symbol *st =
                        sb_stemmer_stem(stemmer, (const sb_symbol *)low, (int)kept);
                    if (!st)
                        return oom(err);
                    term = intern(v, &stems, (const char *)st, (size_t)sb_stemmer_length(stemmer),
                                  (uint32_t)(v->n_words - 1));
                }
                if (term == KW_STOP || add_form(doc, &forms, slot, low, kept, term))
                    return oom(err);
            }
            if (term == KW_NONE)
                continue;
        }
        if (term == KW_STOP)
            return oom(err);
        kw_term *tm = &v->terms[term];
        w->term = term;
        tm->count++;
        if (!(t->flags & LEDE_TOKF_CAPITALIZED))
            tm->n_lower++;
        if (w->capitalised && tm->first_name == KW_STOP)
            tm->first_name = (uint32_t)(v->n_words - 1);
    }
    return 0;
}

const char *kw_term_display(const kw_view *v, uint32_t t)
{
    const kw_term *tm = &v->terms[t];
    const kw_word *w =
        &v->words[tm->n_lower == 0 && tm->first_name != KW_STOP ? tm->first_name : tm->first];
    size_t len = w->end - w->start, letters;
    char *out;

    if (tm->n_lower == 0 && tm->first_name != KW_STOP)
        return lede_doc_strndup(v->doc, v->text + w->start, len); /* a name: as written */
    out = lede_doc_alloc(v->doc, 4 * len + 1);
    if (!out)
        return NULL;
    fold_count(v->text + w->start, len, out, &letters);
    return out;
}
