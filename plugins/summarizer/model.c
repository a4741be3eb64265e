/*
 * model.c -- turns a tokenized document into the sentence-by-term model every method uses.
 *
 * Each word or number token is lower-cased (utf8proc for non-ASCII letters, with the
 * typographic apostrophe folded to ' so that "Russia’s" stems like "Russia's"), dropped
 * when it is a stop word, and stemmed with libstemmer. Stems become term ids through a
 * per-document hash table that hands out ids in order of first occurrence, so nothing
 * downstream depends on hash order and the same input always gives the same model.
 *
 * The model also decides which sentences may be picked at all. A summary must never
 * repeat the headline, and web copy often carries it twice (the sample article opens with
 * its title on two lines), so a headline and every copy of any earlier sentence are
 * ineligible, and so are caption-like fragments: short sentences without a final stop
 * ("The Iranian Army launches a drone ... receive a shipment"). If that rule leaves nothing,
 * every sentence becomes eligible again: a document with one sentence gets a summary.
 *
 * Everything is allocated from the document's arena except the one-word buffer in the
 * instance's scratch. Nothing here may keep a pointer into the document after process().
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>
#include <utf8proc.h>

#include "summarizer.h"

/* Words longer than this (URLs, base64 runs) carry no summary signal and are skipped. */
#define MAX_WORD_BYTES 128
/* A sentence without a final stop and with at most this many words is a caption. */
#define CAPTION_MAX_WORDS 40

typedef struct vocab {
    uint32_t *slot; /* term id + 1, 0 = empty */
    uint32_t mask;
    const char **str;
    uint32_t *len;
    uint32_t *hash;
    uint32_t n, cap;
} vocab;

static uint32_t fnv1a(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

/* Returns the id of s[0..len), adding it when new; UINT32_MAX when out of memory. */
static uint32_t vocab_id(lede_doc *doc, vocab *v, const char *s, size_t len)
{
    uint32_t h = fnv1a(s, len);
    for (uint32_t i = h & v->mask;; i = (i + 1) & v->mask) {
        uint32_t id = v->slot[i];
        if (id == 0) {
            if (v->n == v->cap)
                return UINT32_MAX; /* cannot happen: cap = token count */
            char *copy = lede_doc_strndup(doc, s, len);
            if (copy == NULL)
                return UINT32_MAX;
            v->str[v->n] = copy;
            v->len[v->n] = (uint32_t)len;
            v->hash[v->n] = h;
            v->slot[i] = ++v->n;
            return v->n - 1;
        }
        id--;
        if (v->hash[id] == h && v->len[id] == len && memcmp(v->str[id], s, len) == 0)
            return id;
    }
}

static int grow_word(sum_scratch *sc, size_t need)
{
    if (need <= sc->word_cap)
        return 0;
    size_t cap = sc->word_cap ? sc->word_cap : 64;
    while (cap < need)
        cap *= 2;
    char *p = realloc(sc->word, cap);
    if (p == NULL)
        return LEDE_ENOMEM;
    sc->word = p;
    sc->word_cap = cap;
    return 0;
}

/* Lower-cases s[0..len) into the scratch word; returns its length, -1 when the word is too
 * long to matter, -2 when memory ran out. Typographic apostrophes (U+2019, U+2018, U+02BC)
 * become ', so that the stemmer strips "’s" as it strips "'s". Lower-casing never more than
 * doubles a word's bytes (only ASCII letters are one byte long, and they stay one byte). */
static long lower_word(sum_scratch *sc, const char *s, size_t len)
{
    if (len > MAX_WORD_BYTES)
        return -1;
    if (grow_word(sc, len * 2 + 8) != 0)
        return -2;
    char *out = sc->word;
    size_t o = 0, i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            out[o++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) { /* the host validated the text; keep the byte rather than fail */
            out[o++] = (char)c;
            i++;
            continue;
        }
        i += (size_t)n;
        if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC) {
            out[o++] = '\'';
            continue;
        }
        o += (size_t)utf8proc_encode_char(utf8proc_tolower(cp), (utf8proc_uint8_t *)out + o);
    }
    out[o] = '\0';
    return (long)o;
}

static int is_stop_char(const char *s, size_t len)
{
    if (len == 0)
        return 0;
    char c = s[len - 1];
    if (c == '.' || c == '!' || c == '?')
        return 1;
    /* U+2026 HORIZONTAL ELLIPSIS */
    return len >= 3 && memcmp(s + len - 3, "\xE2\x80\xA6", 3) == 0;
}

/* Whether the sentence ends with a full stop, ignoring closing quotes and brackets. */
static int ends_with_stop(const char *text, const lede_token *tok, const lede_sentence *s)
{
    for (uint32_t t = s->tok_end; t > s->tok_begin; t--) {
        const lede_token *k = &tok[t - 1];
        const char *p = text + k->start;
        size_t len = k->end - k->start;
        if (k->kind == LEDE_TOK_SPACE)
            continue;
        if (k->kind == LEDE_TOK_PUNCT && !is_stop_char(p, len) &&
            ((k->flags & LEDE_TOKF_CLOSE_QUOTE) || (len == 1 && strchr(")]'\"", *p)) ||
             (len == 3 &&
              (memcmp(p, "\xE2\x80\x9D", 3) == 0 || memcmp(p, "\xE2\x80\x99", 3) == 0))))
            continue;
        return is_stop_char(p, len);
    }
    return 0;
}

/* Whether nothing but spaces and a line break separate the sentence from what follows
 * (or the text ends): a headline stands on its own line. */
static int ends_line(const char *text, size_t len, uint32_t end)
{
    for (size_t i = end; i < len; i++) {
        if (text[i] == '\n')
            return 1;
        if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r')
            return 0;
    }
    return 1;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

typedef struct sent_key {
    uint64_t hash;
    uint32_t index;
} sent_key;

static int cmp_sent_key(const void *a, const void *b)
{
    const sent_key *x = a, *y = b;
    if (x->hash != y->hash)
        return (x->hash > y->hash) - (x->hash < y->hash);
    return (x->index > y->index) - (x->index < y->index);
}

/* Hash of a sentence's word tokens, case-folded, ignoring punctuation and spacing. */
static uint64_t sentence_hash(const char *text, const lede_token *tok, const lede_sentence *s)
{
    uint64_t h = 1469598103934665603ull;
    for (uint32_t t = s->tok_begin; t < s->tok_end; t++) {
        if (tok[t].kind != LEDE_TOK_WORD && tok[t].kind != LEDE_TOK_NUMBER)
            continue;
        for (uint32_t i = tok[t].start; i < tok[t].end; i++) {
            unsigned char c = (unsigned char)text[i];
            if (c >= 'A' && c <= 'Z')
                c += 32;
            h = (h ^ c) * 1099511628211ull;
        }
        h = (h ^ ' ') * 1099511628211ull;
    }
    return h;
}

static int ascii_lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

static int is_word(const lede_token *t)
{
    return t->kind == LEDE_TOK_WORD || t->kind == LEDE_TOK_NUMBER;
}

/* Whether two sentences have the same word tokens, ASCII case folded (what the hash saw). */
static int same_words(const char *text, const lede_token *tok, const lede_sentence *a,
                      const lede_sentence *b)
{
    uint32_t i = a->tok_begin, j = b->tok_begin;
    for (;;) {
        while (i < a->tok_end && !is_word(&tok[i]))
            i++;
        while (j < b->tok_end && !is_word(&tok[j]))
            j++;
        if (i == a->tok_end || j == b->tok_end)
            return i == a->tok_end && j == b->tok_end;
        uint32_t len = tok[i].end - tok[i].start;
        if (len != tok[j].end - tok[j].start)
            return 0;
        for (uint32_t c = 0; c < len; c++)
            if (ascii_lower((unsigned char)text[tok[i].start + c]) !=
                ascii_lower((unsigned char)text[tok[j].start + c]))
                return 0;
        i++;
        j++;
    }
}

/* Marks every later copy of a sentence (same words, whatever the spacing) ineligible; a
 * copy of the headline is a headline too. Hash collisions are resolved by comparing. */
static int mark_duplicates(lede_doc *doc, const char *text, const lede_token *tok,
                           const lede_sentence *ls, sum_model *m)
{
    sent_key *k = lede_doc_alloc(doc, sizeof(*k) * m->n_sent);
    if (k == NULL)
        return LEDE_ENOMEM;
    for (uint32_t i = 0; i < m->n_sent; i++) {
        k[i].hash = sentence_hash(text, tok, &ls[i]);
        k[i].index = i;
    }
    qsort(k, m->n_sent, sizeof(*k), cmp_sent_key);
    for (uint32_t i = 1; i < m->n_sent; i++) {
        sum_sent *dup = &m->sent[k[i].index];
        if (k[i].hash != k[i - 1].hash || dup->n_words == 0)
            continue;
        for (uint32_t j = i; j > 0 && k[j - 1].hash == k[i].hash; j--) {
            if (!same_words(text, tok, &ls[k[j - 1].index], &ls[k[i].index]))
                continue;
            dup->eligible = 0;
            dup->is_title = m->sent[k[j - 1].index].is_title;
            break;
        }
    }
    return 0;
}

/* Fills one sentence's term vector from its tokens; ids[] is room for its token count. */
static int sentence_terms(lede_doc *doc, const char *text, const lede_token *tok,
                          const lede_sentence *ls, struct sb_stemmer *stemmer, int stopwords,
                          sum_scratch *sc, vocab *v, uint32_t *ids, sum_sent *s, lede_error *err)
{
    uint32_t n = 0;
    for (uint32_t t = ls->tok_begin; t < ls->tok_end; t++) {
        const lede_token *k = &tok[t];
        if (!is_word(k))
            continue;
        s->n_words++;
        long len = lower_word(sc, text + k->start, k->end - k->start);
        if (len == -2)
            return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
        if (len < 0)
            continue; /* an over-long word: a URL, a hash */
        if (stopwords && sum_is_stopword(sc->word, (size_t)len))
            continue;
        const char *stem = sc->word;
        size_t stem_len = (size_t)len;
        if (k->kind == LEDE_TOK_WORD && stemmer != NULL) {
            const sb_symbol *st = sb_stemmer_stem(stemmer, (const sb_symbol *)sc->word, (int)len);
            if (st == NULL)
                return lede_error_set(err, LEDE_ENOMEM, "summarizer: stemmer out of memory");
            stem = (const char *)st;
            stem_len = (size_t)sb_stemmer_length(stemmer);
        }
        /* A bare apostrophe or a stem with no letter or digit left says nothing. */
        int alnum = 0;
        for (size_t c = 0; c < stem_len && !alnum; c++)
            alnum = (unsigned char)stem[c] >= 0x80 || (stem[c] >= '0' && stem[c] <= '9') ||
                    (stem[c] >= 'a' && stem[c] <= 'z');
        if (!alnum)
            continue;
        uint32_t id = vocab_id(doc, v, stem, stem_len);
        if (id == UINT32_MAX)
            return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
        ids[n++] = id;
    }
    s->n_content = n;
    if (n == 0)
        return 0;
    qsort(ids, n, sizeof(*ids), cmp_u32);
    uint32_t distinct = 1;
    for (uint32_t i = 1; i < n; i++)
        distinct += ids[i] != ids[i - 1];
    s->term = lede_doc_alloc(doc, sizeof(uint32_t) * distinct);
    s->tf = lede_doc_alloc(doc, sizeof(uint32_t) * distinct);
    if (s->term == NULL || s->tf == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
    for (uint32_t i = 0; i < n; i++) {
        if (i == 0 || ids[i] != ids[i - 1])
            s->term[s->n_terms++] = ids[i];
        s->tf[s->n_terms - 1]++;
    }
    return 0;
}

/* Decides which sentences may be picked: see the top of the file. */
static void mark_eligible(const char *text, size_t len, const lede_sentence *ls,
                          const lede_paragraph *para, size_t n_para, sum_model *m)
{
    m->title = LEDE_NONE;
    for (uint32_t i = 0; i < m->n_sent; i++) {
        sum_sent *s = &m->sent[i];
        s->eligible = s->n_terms > 0;
        if (s->final_punct)
            continue;
        /* The first sentence standing on its own line without a final stop is the headline. */
        if (m->title == LEDE_NONE && i == 0 && ends_line(text, len, ls[i].end)) {
            s->is_title = 1;
            m->title = i;
        }
        /* A paragraph that is one sentence without a stop is a heading or a caption however
         * long it runs; inside a paragraph, only a short one is (a long one is more likely
         * a sentence whose stop the source lost). */
        int alone = s->paragraph < n_para &&
                    para[s->paragraph].sent_end - para[s->paragraph].sent_begin == 1;
        if (s->is_title || alone || s->n_words <= CAPTION_MAX_WORDS)
            s->eligible = 0;
    }
}

int sum_model_build(lede_doc *doc, struct sb_stemmer *stemmer, int stopwords, sum_scratch *scratch,
                    sum_model *model, lede_error *err)
{
    size_t text_len, n_tok, n_sent;
    const char *text = lede_doc_text(doc, &text_len);
    const lede_token *tok = lede_doc_tokens(doc, &n_tok);
    const lede_sentence *ls = lede_doc_sentences(doc, &n_sent);
    memset(model, 0, sizeof(*model));
    model->title = LEDE_NONE;
    if (n_sent == 0)
        return 0;
    if (n_sent > UINT32_MAX / 2 || n_tok > UINT32_MAX / 4)
        return lede_error_set(err, LEDE_ETOOBIG, "summarizer: %zu sentences is too many", n_sent);
    for (size_t i = 0; i < n_sent; i++) {
        if (ls[i].tok_begin > ls[i].tok_end || ls[i].tok_end > n_tok || ls[i].end > text_len)
            return lede_error_set(err, LEDE_EINVAL,
                                  "summarizer: sentence %zu (bytes %u-%u) points past the "
                                  "token layer (%zu tokens) or the text",
                                  i, ls[i].start, ls[i].end, n_tok);
    }
    model->n_sent = (uint32_t)n_sent;
    model->sent = lede_doc_alloc(doc, sizeof(sum_sent) * n_sent);
    uint32_t cap = 64;
    while (cap < 2 * n_tok + 2)
        cap *= 2;
    vocab v = {.mask = cap - 1, .cap = (uint32_t)n_tok + 1};
    v.slot = lede_doc_alloc(doc, sizeof(uint32_t) * cap);
    v.str = lede_doc_alloc(doc, sizeof(char *) * v.cap);
    v.len = lede_doc_alloc(doc, sizeof(uint32_t) * v.cap);
    v.hash = lede_doc_alloc(doc, sizeof(uint32_t) * v.cap);
    uint32_t *ids = lede_doc_alloc(doc, sizeof(uint32_t) * (n_tok + 1));
    if (model->sent == NULL || v.slot == NULL || v.str == NULL || v.len == NULL || v.hash == NULL ||
        ids == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory for %zu sentences",
                              n_sent);

    size_t n_para = 0;
    const lede_paragraph *para = lede_doc_paragraphs(doc, &n_para);
    for (uint32_t i = 0; i < model->n_sent; i++) {
        sum_sent *s = &model->sent[i];
        s->paragraph = n_para > 0 ? ls[i].paragraph : LEDE_NONE;
        s->final_punct = (unsigned)ends_with_stop(text, tok, &ls[i]);
        int rc =
            sentence_terms(doc, text, tok, &ls[i], stemmer, stopwords, scratch, &v, ids, s, err);
        if (rc != 0)
            return rc;
    }
    model->n_terms = v.n;
    model->df = lede_doc_alloc(doc, sizeof(uint32_t) * (v.n + 1));
    model->cf = lede_doc_alloc(doc, sizeof(uint32_t) * (v.n + 1));
    if (model->df == NULL || model->cf == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
    for (uint32_t i = 0; i < model->n_sent; i++) {
        const sum_sent *s = &model->sent[i];
        for (uint32_t t = 0; t < s->n_terms; t++) {
            model->df[s->term[t]]++;
            model->cf[s->term[t]] += s->tf[t];
        }
    }

    mark_eligible(text, text_len, ls, para, n_para, model);
    int rc = mark_duplicates(doc, text, tok, ls, model);
    if (rc != 0)
        return lede_error_set(err, rc, "summarizer: out of memory");

    /* Never an empty summary: relax the rules step by step until something is eligible. */
    for (int pass = 0; pass < 3; pass++) {
        model->n_eligible = 0;
        for (uint32_t i = 0; i < model->n_sent; i++)
            model->n_eligible += model->sent[i].eligible;
        if (model->n_eligible > 0)
            break;
        for (uint32_t i = 0; i < model->n_sent; i++) {
            sum_sent *s = &model->sent[i];
            if (pass == 0)
                s->eligible = s->n_terms > 0 && !s->is_title;
            else if (pass == 1)
                s->eligible = s->n_words > 0;
            else
                s->eligible = 1;
        }
    }
    return 0;
}

double *sum_idf(lede_doc *doc, const sum_model *m)
{
    double *idf = lede_doc_alloc(doc, sizeof(double) * (m->n_terms + 1));
    if (idf == NULL)
        return NULL;
    for (uint32_t t = 0; t < m->n_terms; t++)
        idf[t] = log((double)m->n_sent / (double)m->df[t]) + 1.0;
    return idf;
}

double sum_norm(const sum_model *m, const double *idf, uint32_t a)
{
    const sum_sent *s = &m->sent[a];
    double n = 0;
    for (uint32_t i = 0; i < s->n_terms; i++) {
        double w = s->tf[i] * idf[s->term[i]];
        n += w * w;
    }
    return sqrt(n);
}

double sum_cosine(const sum_model *m, const double *idf, const double *norm, uint32_t a, uint32_t b)
{
    const sum_sent *x = &m->sent[a], *y = &m->sent[b];
    if (norm[a] == 0 || norm[b] == 0)
        return 0;
    double dot = 0;
    uint32_t i = 0, j = 0;
    while (i < x->n_terms && j < y->n_terms) {
        if (x->term[i] < y->term[j])
            i++;
        else if (x->term[i] > y->term[j])
            j++;
        else {
            double w = idf[x->term[i]];
            dot += (double)x->tf[i] * y->tf[j] * w * w;
            i++;
            j++;
        }
    }
    return dot / (norm[a] * norm[b]);
}
