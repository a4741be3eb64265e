/*
 * mentions.c -- name mentions: found, trimmed, typed and resolved to full names.
 *
 * A mention is a run of capitalised words (Vladimir Putin, NATO), which may hold
 * lower-case connectors (Osama bin Laden), initials (George W. Bush) and "of" after an
 * organisation or place word (Bank of England); it ends at a possessive (Putin's) and
 * never crosses a sentence. A run sheds the function words a sentence start capitalises
 * (The, In, But) and everything up to its last title (Russian President Vladimir Putin ->
 * the person Vladimir Putin, titled "Russian President"); a lower-case title just before
 * it counts too (Turkish president Recep Tayyip Erdogan), and so does "Minister of" with
 * the department's word (Minister of Petroleum Javad Owji).
 *
 * Typing, strongest cue first: a title makes a person; the lexicon's places and
 * organisations; the last word (Security Council, Black Sea); an all-capitals word is an
 * organisation (IRGC); two or more words are a person, unless an event word (World War II)
 * is among them or all are adjectives of nationality (Syrian Kurdish); a lone word after "in",
 * "from" or "visited" is a place, weakly. Anything else (Russian, Iranian, a sentence's first word)
 * stays unknown and the stage drops it.
 *
 * Resolution follows news style, where a person is introduced by full name and then
 * called by surname: a one-word mention takes the most recent earlier full name with that
 * surname (President Raisi -> Ebrahim Raisi), failing that the first one anywhere in the
 * article, and that beats the weak "after a preposition" place guess (met Putin). The same
 * idea as the quotes stage's names.c, rewritten here because an out-of-tree stage links
 * only liblede. Lookups use one arena hash table, so a document costs linear time.
 */
#include <string.h>

#include "ent.h"

typedef struct scan {
    lede_doc *doc;
    const char *text;
    const lede_token *tok;
    size_t n_tok;
} scan;

static size_t tok_len(const scan *s, size_t i)
{
    return s->tok[i].end - s->tok[i].start;
}

static int tok_in(const scan *s, size_t i, ent_list list)
{
    return i < s->n_tok && ent_in_list(list, s->text + s->tok[i].start, tok_len(s, i));
}

static int tok_is(const scan *s, size_t i, const char *word)
{
    return i < s->n_tok && tok_len(s, i) == strlen(word) &&
           memcmp(s->text + s->tok[i].start, word, tok_len(s, i)) == 0;
}

/* Bytes of a possessive ending ('s, ’s, or s' / s’) at the end of token i; 0 if none. */
static size_t possessive_bytes(const scan *s, size_t i)
{
    const char *t = s->text + s->tok[i].start;
    size_t n = tok_len(s, i);

    if (n > 2 && t[n - 1] == 's' && t[n - 2] == '\'')
        return 2;
    if (n > 4 && t[n - 1] == 's' && memcmp(t + n - 4, "\xe2\x80\x99", 3) == 0)
        return 4;
    if (n > 2 && t[n - 1] == '\'' && t[n - 2] == 's')
        return 1;
    if (n > 4 && memcmp(t + n - 3, "\xe2\x80\x99", 3) == 0 && t[n - 4] == 's')
        return 3;
    return 0;
}

static int is_name_word(const scan *s, size_t i)
{
    const lede_token *t;

    if (i >= s->n_tok)
        return 0;
    t = &s->tok[i];
    if (t->kind != LEDE_TOK_WORD && t->kind != LEDE_TOK_OTHER)
        return 0;
    if (!(t->flags & (LEDE_TOKF_CAPITALIZED | LEDE_TOKF_ALLCAPS)))
        return 0;
    return !tok_is(s, i, "I") && !tok_in(s, i, ENT_CALENDAR);
}

/* Does the run continue at token e (not at a sentence start)? Returns how many tokens to
 * take (1 or 2), or 0 when the run ends before e. */
static size_t continues(const scan *s, size_t e)
{
    if (e >= s->n_tok || (s->tok[e].flags & LEDE_TOKF_SENT_START))
        return 0;
    if (is_name_word(s, e))
        return 1;
    /* George W . Bush: a full stop glued to a one-letter initial. */
    if (tok_is(s, e, ".") && tok_len(s, e - 1) == 1 && s->tok[e].start == s->tok[e - 1].end &&
        is_name_word(s, e + 1))
        return 1;
    if (tok_in(s, e, ENT_CONNECTORS) && is_name_word(s, e + 1))
        return 2;
    if (tok_is(s, e, "of") && is_name_word(s, e + 1) &&
        (tok_in(s, e - 1, ENT_ORG_HEADS) || tok_in(s, e - 1, ENT_PLACE_HEADS)))
        return 2;
    return 0;
}

/* text[start, end) with every run of white space collapsed to one space (arena). */
static const char *collapse(lede_doc *doc, const char *text, uint32_t start, uint32_t end)
{
    char *out = lede_doc_alloc(doc, end - start + 1);
    size_t o = 0;
    int space = 0;

    if (!out)
        return NULL;
    for (uint32_t i = start; i < end; i++) {
        char c = text[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = 1;
            continue;
        }
        if (space && o)
            out[o++] = ' ';
        space = 0;
        out[o++] = c;
    }
    out[o] = '\0';
    return out;
}

/* An adjective of nationality or the like: Syrian, Kurdish, Chinese, Islamic. */
static int demonym_like(const scan *s, size_t i)
{
    static const char *const endings[] = {"ian", "ish", "ese", "ic", NULL};
    const char *t = s->text + s->tok[i].start;
    size_t n = tok_len(s, i);

    for (size_t k = 0; endings[k]; k++) {
        size_t m = strlen(endings[k]);
        if (n > m + 2 && memcmp(t + n - m, endings[k], m) == 0)
            return 1;
    }
    return 0;
}

/* Types the mention m (name tokens [b, e), title already found or not). */
static void classify(const scan *s, ent_mention *m, size_t b, size_t e, int titled)
{
    size_t words = 0, demonyms = 0, events = 0;

    for (size_t i = b; i < e; i++) {
        words += is_name_word(s, i);
        demonyms += is_name_word(s, i) && demonym_like(s, i);
        events += tok_in(s, i, ENT_EVENTS);
    }
    if (titled)
        m->type = ENT_PERSON, m->strength = 3;
    else if (ent_in_list(ENT_PLACES, m->name, strlen(m->name)))
        m->type = ENT_PLACE, m->strength = 3;
    else if (ent_in_list(ENT_ORGS, m->name, strlen(m->name)))
        m->type = ENT_ORG, m->strength = 3;
    else if (words >= 2 && tok_in(s, e - 1, ENT_ORG_HEADS))
        m->type = ENT_ORG, m->strength = 2;
    else if (words >= 2 && tok_in(s, e - 1, ENT_PLACE_HEADS))
        m->type = ENT_PLACE, m->strength = 2;
    else if (words == 1 && (s->tok[b].flags & LEDE_TOKF_ALLCAPS))
        m->type = ENT_ORG, m->strength = 2;
    else if (words >= 2 && !events && demonyms < words)
        m->type = ENT_PERSON, m->strength = 1;
    else if (words == 1 && b > 0 && tok_in(s, b - 1, ENT_PLACE_PREPS))
        m->type = ENT_PLACE, m->strength = 0;
    else
        m->type = ENT_UNKNOWN, m->strength = 0;
}

/* Trims the run [b, e) and, if a name is left, appends it to out. Returns 0 or ENOMEM. */
static int add_run(const scan *s, size_t b, size_t e, ent_mention *out, size_t *n)
{
    size_t t = SIZE_MAX;
    int titled = 0;
    ent_mention *m = &out[*n];

    /* US is a place, not the pronoun "us" capitalised by a sentence start. */
    while (b < e && tok_in(s, b, ENT_FUNCTION_WORDS) && !(s->tok[b].flags & LEDE_TOKF_ALLCAPS))
        b++;
    for (size_t i = b; i < e; i++)
        if (tok_in(s, i, ENT_TITLES))
            t = i;
    memset(m, 0, sizeof *m);
    if (t != SIZE_MAX) {
        if (t + 1 >= e)
            return 0; /* a title alone: the Supreme Leader */
        m->title_start = s->tok[b].start;
        m->title_end = s->tok[t].end;
        b = t + 1;
        titled = 1;
    } else if (b > 1 && b < e && tok_is(s, b - 1, "of") && tok_in(s, b - 2, ENT_TITLES) &&
               b + 1 < e) {
        /* Minister of Petroleum Javad Owji: the department belongs to the title. */
        m->title_start = s->tok[b - 2].start;
        m->title_end = s->tok[b].end;
        b++;
        titled = 1;
    } else if (b > 0 && b < e && tok_in(s, b - 1, ENT_TITLES) &&
               !(s->tok[b - 1].flags & LEDE_TOKF_CAPITALIZED)) {
        m->title_start = s->tok[b - 1].start;
        m->title_end = s->tok[b - 1].end;
        titled = 1;
    }
    while (b < e && !is_name_word(s, b)) /* a connector or full stop left in front */
        b++;
    if (b >= e)
        return 0;
    m->tok_begin = (uint32_t)b;
    m->tok_end = (uint32_t)e;
    m->start = s->tok[b].start;
    m->end = s->tok[e - 1].end - (uint32_t)possessive_bytes(s, e - 1);
    if (m->end <= m->start)
        return 0;
    if (!(m->name = collapse(s->doc, s->text, m->start, m->end)))
        return LEDE_ENOMEM;
    m->canonical = m->name;
    classify(s, m, b, e, titled);
    (*n)++;
    return 0;
}

/* ---- surname index: last word of a full person name -> a mention index ---- */

typedef struct index_ {
    uint32_t *slot; /* mention index + 1, 0 = empty */
    size_t mask;
} index_;

static const char *surname(const char *name)
{
    const char *sp = strrchr(name, ' ');
    return sp ? sp + 1 : name;
}

static uint32_t hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 16777619u;
    return h;
}

/* The slot for key: either empty or holding a mention whose surname is key. */
static uint32_t *lookup(const index_ *ix, const ent_mention *m, const char *key)
{
    for (size_t i = hash(key) & ix->mask;; i = (i + 1) & ix->mask) {
        uint32_t *slot = &ix->slot[i];
        if (*slot == 0 || strcmp(surname(m[*slot - 1].name), key) == 0)
            return slot;
    }
}

static int is_full_person(const ent_mention *m)
{
    return m->type == ENT_PERSON && strchr(m->name, ' ') != NULL;
}

static int resolve(lede_doc *doc, ent_mention *m, size_t n)
{
    size_t size = 16;
    index_ first, latest;

    while (size < 2 * n + 2)
        size *= 2;
    first.mask = latest.mask = size - 1;
    first.slot = lede_doc_alloc(doc, size * sizeof *first.slot);
    latest.slot = lede_doc_alloc(doc, size * sizeof *latest.slot);
    if (!first.slot || !latest.slot)
        return LEDE_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        uint32_t *slot;
        if (is_full_person(&m[i]) && *(slot = lookup(&first, m, surname(m[i].name))) == 0)
            *slot = (uint32_t)i + 1;
    }
    for (size_t i = 0; i < n; i++) {
        const char *key = surname(m[i].name);
        if (is_full_person(&m[i])) {
            *lookup(&latest, m, key) = (uint32_t)i + 1;
            continue;
        }
        /* Only one-word mentions resolve, and never a listed or cued place or organisation. */
        if (strchr(m[i].name, ' ') || (m[i].type != ENT_PERSON && m[i].strength >= 2))
            continue;
        uint32_t hit = *lookup(&latest, m, key);
        if (!hit)
            hit = *lookup(&first, m, key);
        if (!hit)
            continue;
        m[i].type = ENT_PERSON;
        if (m[i].strength < 2)
            m[i].strength = 2;
        m[i].canonical = m[hit - 1].canonical;
    }
    return 0;
}

int ent_find_mentions(lede_doc *doc, ent_mention **out, size_t *n, lede_error *err)
{
    scan s;
    size_t len;
    ent_mention *m;

    *out = NULL;
    *n = 0;
    s.doc = doc;
    s.text = lede_doc_text(doc, &len);
    s.tok = lede_doc_tokens(doc, &s.n_tok);
    if (!s.tok && len > 0)
        return lede_error_set(err, LEDE_EINVAL,
                              "entities: document '%s' has no token layer (put the tokenizer "
                              "before entities)",
                              lede_doc_id(doc));
    if (!(m = lede_doc_alloc(doc, (s.n_tok + 1) * sizeof *m)))
        goto oom;
    for (size_t i = 0; i < s.n_tok;) {
        size_t e = i + 1, step;
        if (!is_name_word(&s, i)) {
            i++;
            continue;
        }
        while (!possessive_bytes(&s, e - 1) && (step = continues(&s, e)))
            e += step;
        if (add_run(&s, i, e, m, n))
            goto oom;
        i = e;
    }
    if (resolve(doc, m, *n))
        goto oom;
    *out = m;
    return 0;
oom:
    return lede_error_set(err, LEDE_ENOMEM, "entities: out of memory (document arena) in '%s'",
                          lede_doc_id(doc));
}
