/*
 * model.c -- turns a tokenized document into the sentence-by-term model every method uses.
 *
 * Each word or number token becomes a term id through the lexicon (lexicon.c: lower-cased,
 * stop words dropped, stemmed with libstemmer, and cached across documents), which numbers
 * a document's terms in order of first occurrence, so nothing downstream depends on hash
 * order or on what the instance read before, and the same input always gives the same model.
 *
 * The model also decides which sentences may be picked at all. A summary must never
 * repeat the headline, and web copy often carries it twice (the sample article opens with
 * its title on two lines), so a headline and every copy of any earlier sentence are
 * ineligible, and so are caption-like fragments: short sentences without a final stop
 * ("The Iranian Army launches a drone ... receive a shipment"). If that rule leaves nothing,
 * every sentence becomes eligible again: a document with one sentence gets a summary.
 *
 * Everything is allocated from the document's arena except the lexicon, which lives in the
 * instance's scratch. Nothing here may keep a pointer into the document after process().
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../common/headline.h"
#include "summarizer.h"

/* A sentence without a final stop and with at most this many words is a caption. */
#define CAPTION_MAX_WORDS 40
/* A paragraph of at most this many sentences that ends with a picture credit is a caption. */
#define CAPTION_MAX_SENTS 3
/* At most this many words follow a credit's label ("Image: Twitter / Barack Obama."). */
#define CREDIT_MAX_WORDS 8
/* A one-sentence paragraph that is a question of at most this many words is a heading. */
#define QUESTION_MAX_WORDS 12
/* sum_sort_distinct hands more ids than this to qsort. */
#define RANK_SORT_MAX 32
/* How many content words ahead sentence_terms asks for a stem's numbering cell: a word
 * costs some 15 ns here, and a cell outside L2 takes longer than 8 of them to arrive
 * (32 measured 4% faster on the 10 MB corpus than 8, 1.5% faster than 16; 64 no better). */
#define NUM_AHEAD 32

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

static int ascii_lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

static int is_word(const lede_token *t)
{
    return t->kind == LEDE_TOK_WORD || t->kind == LEDE_TOK_NUMBER;
}

/* x with its ASCII capitals made small letters, 8 bytes at a time: a byte gets 0x20 when it
 * is below 0x80 (top bit clear), at least 'A' and at most 'Z' (its low 7 bits plus 0x80 -
 * 'A' carry into the top bit, plus 0x80 - 'Z' - 1 do not), which no byte's sum carries out
 * of, since each low 7 bits plus an addend stays below 0x100. */
static uint64_t ascii_lower8(uint64_t x)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), tops = ones * 0x80;
    uint64_t low = x & ~tops;
    uint64_t ge_a = low + ones * (0x80 - 'A'), gt_z = low + ones * (0x80 - 'Z' - 1);
    return x | ((ge_a & ~gt_z & ~x & tops) >> 2);
}

/* Hash of a sentence's words, ASCII case folded, ignoring punctuation and spacing: equal
 * for sentences same_words() calls equal. Any hash would do: collisions are resolved by
 * comparing words, and which earlier copy of a sentence is found does not depend on it.
 * A word's bytes go in 8 at a time: one multiply a byte made a chain of them as long as
 * the sentence. */
static uint64_t sentence_hash(const char *text, size_t text_len, const lede_token *tok,
                              const lede_sentence *s)
{
    uint64_t h = UINT64_C(1469598103934665603);
    for (uint32_t t = s->tok_begin; t < s->tok_end; t++) {
        if (!is_word(&tok[t]))
            continue;
        uint32_t len = tok[t].end - tok[t].start;
        h = (h ^ len) * UINT64_C(0x9E3779B97F4A7C15);
        if (tok[t].end > text_len || tok[t].start > tok[t].end)
            continue; /* a token past the text: its length alone */
        for (uint32_t c = 0; c < len; c += 8) {
            uint32_t start = tok[t].start + c;
            uint64_t x = sum_load_le(text + start, len - c, text_len - start);
            h = (h ^ ascii_lower8(x)) * UINT64_C(0x94D049BB133111EB);
        }
    }
    return h ^ (h >> 29) ^ (h >> 47);
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

/* The table of mark_duplicates that files sentences by hash, in chains: prev[i] is the
 * previous sentence with i's hash, so a sentence meets its earlier namesakes nearest first. */
typedef struct dup_index {
    size_t cap;     /* slots, a power of two */
    uint32_t *slot; /* sentence + 1, 0 = empty */
    uint64_t *hash; /* per sentence, once filed */
    uint32_t *prev;
} dup_index;

/* Files sentence i under its hash; returns the previous sentence filed with that hash, or
 * LEDE_NONE. */
static uint32_t dup_file(dup_index *x, const char *text, size_t text_len, const lede_token *tok,
                         const lede_sentence *ls, uint32_t i)
{
    uint64_t h = sentence_hash(text, text_len, tok, &ls[i]);
    x->hash[i] = h;
    size_t at = (size_t)h & (x->cap - 1);
    while (x->slot[at] != 0 && x->hash[x->slot[at] - 1] != h)
        at = (at + 1) & (x->cap - 1);
    x->prev[i] = x->slot[at] != 0 ? x->slot[at] - 1 : LEDE_NONE;
    x->slot[at] = i + 1;
    return x->prev[i];
}

/* Marks every later copy of a sentence (same words, whatever the spacing) ineligible; a
 * copy of the headline is a headline too. A copy has as many words as the sentence it
 * copies, of as many bytes, which the word list counted: sentences are first filed by that
 * shape, and only one whose shape an earlier sentence has is hashed, word by word, and
 * filed by hash (dup_index) along with the first sentence of its shape, so that stories,
 * whose sentences hardly ever share a shape unless one repeats another, hash next to
 * nothing. Hash collisions are resolved by comparing words. Among the earlier sentences of
 * a shape, the nearest copy is found, as when every sentence was hashed. */
static int mark_duplicates(sum_mem *mm, const char *text, size_t text_len, const lede_token *tok,
                           const lede_sentence *ls, const sum_words *words, sum_model *m)
{
    uint32_t n = m->n_sent;
    size_t cap = 16;
    while (cap < 2 * (size_t)n)
        cap *= 2;
    uint64_t *shape = sum_alloc(mm, sizeof(uint64_t) * cap);  /* read where first[] is set */
    uint32_t *first = sum_zalloc(mm, sizeof(uint32_t) * cap); /* sentence + 1, 0 = empty */
    if (shape == NULL || first == NULL)
        return LEDE_ENOMEM;
    dup_index x = {cap, NULL, NULL, NULL};
    for (uint32_t i = 0; i < n; i++) {
        sum_sent *dup = &m->sent[i];
        if (dup->n_words == 0)
            continue; /* copies nothing: a copy has words */
        uint32_t bytes = words->byte_end[i] - (i > 0 ? words->byte_end[i - 1] : 0);
        uint64_t key = (uint64_t)dup->n_words << 32 | bytes;
        size_t at = (size_t)((key * UINT64_C(0x9E3779B97F4A7C15)) >> 32) & (cap - 1);
        while (first[at] != 0 && shape[at] != key)
            at = (at + 1) & (cap - 1);
        if (first[at] == 0) {
            shape[at] = key;
            first[at] = i + 1;
            continue;
        }
        if (x.slot == NULL) {
            /* hash[] and prev[] are read only for sentences filed. */
            x.slot = sum_zalloc(mm, sizeof(uint32_t) * cap);
            x.hash = sum_alloc(mm, sizeof(uint64_t) * n);
            x.prev = sum_alloc(mm, sizeof(uint32_t) * n);
            if (x.slot == NULL || x.hash == NULL || x.prev == NULL)
                return LEDE_ENOMEM;
        }
        /* The first of the shape is filed when the second comes (first[] then says so). */
        if (first[at] != UINT32_MAX) {
            dup_file(&x, text, text_len, tok, ls, first[at] - 1);
            first[at] = UINT32_MAX;
        }
        for (uint32_t j = dup_file(&x, text, text_len, tok, ls, i); j != LEDE_NONE; j = x.prev[j]) {
            if (!same_words(text, tok, &ls[j], &ls[i]))
                continue;
            dup->eligible = 0;
            dup->is_title = m->sent[j].is_title;
            break;
        }
    }
    return 0;
}

void sum_sort_distinct(const uint32_t *ids, uint32_t n, uint32_t *out)
{
    /* Each id goes straight to its rank, the count of smaller ids: n^2 compares but no
     * branch, where insertion sort's exits are coin flips to the branch predictor. */
    if (n > RANK_SORT_MAX) {
        memcpy(out, ids, sizeof(*ids) * n);
        qsort(out, n, sizeof(*out), cmp_u32);
        return;
    }
    for (uint32_t i = 0; i < n; i++) {
        uint32_t x = ids[i], rank = 0;
        for (uint32_t j = 0; j < n; j++)
            rank += ids[j] < x;
        out[rank] = x;
    }
}

/* Room for every sentence's term vector, handed out in turn rather than allocated two by
 * two: a sentence has at most one distinct term per word with a term, and each sentence
 * has its own words in the word list (sentences that overlap list the words they share
 * once each), so the document's count of those is enough for all of them. */
typedef struct vectors {
    uint32_t *term, *tf;
    uint32_t used;
    uint32_t *df, *cf; /* the model's, counted as the vectors are filled */
} vectors;

/* Fills one sentence's term vector from its words with a term, words->*[lo..hi). ids[]
 * has room for them; count[] is zero for every term id on entry and left so on return.
 *
 * Term ids count up in order of first occurrence, so the terms this sentence is the first
 * to use are exactly the ids from `first_new` (the count of ids handed out before it) up,
 * in order: only the ids of earlier terms need sorting, and the new ones follow them. */
static void sentence_terms(const sum_words *words, uint32_t lo, uint32_t hi, sum_lexicon *lx,
                           uint32_t *ids, uint32_t *count, vectors *vec, sum_sent *s)
{
    uint32_t n = hi - lo, n_old = 0, first_new = lx->n_doc_terms;
    /* In locals: the stores below could change *lx as far as the compiler knows. */
    sum_docterm *num = lx->num;
    const uint32_t doc = lx->doc, *stem = words->stem;
    uint32_t next = first_new;
#if defined(__GNUC__)
    const uint32_t n_terms = words->n_terms;
#endif
    for (uint32_t w = lo; w < hi; w++) {
#if defined(__GNUC__)
        /* The stems' cells are spread over the instance's whole vocabulary: ask for the
         * cell of a word some way ahead, whose fetch then overlaps this one's. */
        if (w + NUM_AHEAD < n_terms)
            __builtin_prefetch(&num[stem[w + NUM_AHEAD]]);
#endif
        uint32_t id = sum_lexicon_number(num, doc, stem[w], &next);
        /* A term of an earlier sentence that this one meets first is kept, without a
         * branch for the same reason as in sum_lexicon_number: every id is written, and
         * only a kept one counted (ids[] has room for every word of the sentence).
         * id < first_new asks "a term seen in an earlier sentence?", not a bounds check. */
        uint32_t c = count[id];
        count[id] = c + 1;
        ids[n_old] = id;
        n_old += (uint32_t)(c == 0) & (uint32_t)(id < first_new);
    }
    lx->n_doc_terms = next;
    s->n_content = n;
    if (n == 0)
        return;
    uint32_t n_new = next - first_new, distinct = n_old + n_new;
    uint32_t *term = vec->term + vec->used, *tf = vec->tf + vec->used;
    uint32_t *df = vec->df, *cf = vec->cf;
    s->term = term;
    s->tf = tf;
    s->n_terms = distinct;
    vec->used += distinct;
    /* Only the ids of terms seen before need sorting: the new ones follow in order. Each
     * goes straight to its rank (sum_sort_distinct's way) with its count, in one loop; a
     * long list is sorted first. */
    if (n_old > RANK_SORT_MAX) {
        sum_sort_distinct(ids, n_old, term);
        memcpy(ids, term, sizeof(*ids) * n_old);
    }
    for (uint32_t k = 0; k < n_old; k++) {
        uint32_t t = ids[k], rank = k;
        if (n_old <= RANK_SORT_MAX) {
            rank = 0;
            for (uint32_t j = 0; j < n_old; j++)
                rank += ids[j] < t;
        }
        uint32_t c = count[t];
        term[rank] = t;
        tf[rank] = c;
        count[t] = 0;
        df[t]++;
        cf[t] += c;
    }
    /* The terms new to the document: no sentence had them, their df and cf were 0. */
    for (uint32_t j = 0; j < n_new; j++) {
        uint32_t t = first_new + j, c = count[t];
        term[n_old + j] = t;
        tf[n_old + j] = c;
        count[t] = 0;
        df[t] = 1;
        cf[t] = c;
    }
}

/* Above this many entries, the scratch word list is freed when its document is done
 * (sum_model_end): one huge document must not pin its memory for the whole run, in each of
 * the instances (one per worker). */
#define WORDS_KEEP_MAX ((size_t)1 << 20)

/* Resizes one array of the word list to cap entries; 0 or LEDE_ENOMEM. */
static int resize(uint32_t **array, size_t cap)
{
    uint32_t *p = realloc(*array, sizeof(uint32_t) * cap);
    if (p == NULL)
        return LEDE_ENOMEM;
    *array = p;
    return 0;
}

void sum_model_end(sum_scratch *sc)
{
    if (sc->words_cap > WORDS_KEEP_MAX) {
        free(sc->words.stem);
        sc->words.stem = NULL;
        sc->words_cap = 0;
    }
}

/* Makes the scratch word list hold the word and number tokens of the sentences ls[0..n_sent),
 * which hold sent_tok tokens in all, plus one. The list lives in the instance and is reused:
 * it is written whole for each document, so unlike arena memory it needs no zeroing, and a
 * document's words are its largest per-token arrays. Up to WORDS_KEEP_MAX it has room for
 * every token, rounded up to a power of two; a longer document's words are counted and get
 * exactly the room they need (about half its tokens are words: when the list had four
 * arrays of 4 bytes a token, they were half of what the stage took on a 20 MB document). */
static int grow_words(sum_scratch *sc, const lede_token *tok, const lede_sentence *ls,
                      size_t n_sent, size_t sent_tok)
{
    /* A list past WORDS_KEEP_MAX was freed when its document was done (sum_model_end), so a
     * list that holds a document's words is never one a huge document left. */
    size_t need = sent_tok + 1, cap = sc->words_cap;
    if (need <= cap)
        return 0;
    if (need > WORDS_KEEP_MAX) {
        need = 1;
        for (size_t i = 0; i < n_sent; i++)
            for (uint32_t t = ls[i].tok_begin; t < ls[i].tok_end; t++)
                need += tok[t].kind == LEDE_TOK_WORD || tok[t].kind == LEDE_TOK_NUMBER;
        if (need <= cap)
            return 0;
        cap = need;
    } else {
        for (cap = 1024; cap < need;)
            cap *= 2;
    }
    sc->words_cap = 0; /* until the stem array has the new size */
    if (resize(&sc->words.stem, cap) != 0)
        return LEDE_ENOMEM;
    sc->words_cap = cap;
    return 0;
}

/* Headline limits, the Markdown exporter's too (markdown.c, looks_like_headline): a
 * headline or a heading is one line of at most this many bytes and words. */

/* The last character of s[0..n) before closing quotes, brackets and spaces, or 0. */
static char last_char(const char *s, size_t n)
{
    while (n > 0) {
        unsigned char c = (unsigned char)s[n - 1];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '"' || c == '\'' || c == ')' ||
            c == ']')
            n--;
        else if (n >= 3 && memcmp(s + n - 3, "\xE2\x80", 2) == 0 &&
                 (c == 0x9D || c == 0x99)) /* ” ’ */
            n -= 3;
        else
            return (char)c;
    }
    return 0;
}

/* Whether s[0..n) is a short question on one line, a crosshead when it is a paragraph of
 * its own ("What happens next?") and a headline when it opens the text. */
static int short_question(const char *s, size_t n)
{
    if (last_char(s, n) != '?' || memchr(s, '\n', n) != NULL)
        return 0;
    size_t words = 0;
    for (size_t i = 0; i < n; i++)
        words += s[i] != ' ' && (i == 0 || s[i - 1] == ' ');
    return words <= QUESTION_MAX_WORDS;
}

/* Whether the sentence is a picture credit or a copyright line: "Image: UK Government.",
 * "Photo: ...", "Copyright 2024 Thomson Reuters.", "(c) ...", "(C) ...". A credit glued
 * to its caption ("... Ahmed Mohamed Image: Twitter / Barack Obama.") is a sentence of its
 * own: the tokenizer splits there. Only the first bytes are read, so this costs next to
 * nothing per sentence. */
static int is_credit(const char *s, size_t n)
{
    static const char *const label[] = {"Image",   "Images",   "Photo",  "Photos",  "Photograph",
                                        "Picture", "Pictures", "Credit", "Credits", "Caption"};
    if (n < 3 || (s[0] != 'I' && s[0] != 'P' && s[0] != 'C' && s[0] != '(' && s[0] != '\xC2'))
        return 0;
    if (memcmp(s, "\xC2\xA9", 2) == 0 || memcmp(s, "(c)", 3) == 0 || memcmp(s, "(C)", 3) == 0)
        return 1;
    if (n > 10 && memcmp(s, "Copyright ", 10) == 0)
        return isdigit((unsigned char)s[10]) || (unsigned char)s[10] == 0xC2 || s[10] == '(';
    /* The first word, if a colon follows it: at most as long as the longest label. */
    size_t l = 1;
    while (l < n && l <= 10 && s[l] >= 'a' && s[l] <= 'z')
        l++;
    if (l >= n || s[l] != ':')
        return 0;
    for (size_t k = 0; k < sizeof(label) / sizeof(label[0]); k++) {
        if (strlen(label[k]) == l && memcmp(s, label[k], l) == 0) {
            size_t after = 0;
            for (size_t j = l + 1; j < n; j++)
                after += s[j] != ' ' && s[j - 1] == ' ';
            return after <= CREDIT_MAX_WORDS;
        }
    }
    return 0;
}

/* Decides which sentences may be picked: see the top of the file. Beside the headline and
 * captions without a stop, a crosshead (a short question as a paragraph of its own), a
 * picture credit with the short caption paragraph it ends, and a copyright line are never
 * summary material. The headline rule is the Markdown exporter's title rule too
 * (markdown.c, looks_like_headline): what is shown as the title is never a bullet. */
static void mark_eligible(const char *text, size_t len, const lede_sentence *ls,
                          const lede_paragraph *para, size_t n_para, sum_model *m)
{
    uint32_t caption_end = 0; /* a caption's paragraph ends before this sentence */
    m->title = LEDE_NONE;
    for (uint32_t i = 0; i < m->n_sent; i++) {
        sum_sent *s = &m->sent[i];
        const char *st = text + ls[i].start;
        size_t st_len = ls[i].end - ls[i].start;
        s->eligible = s->n_terms > 0;
        /* A paragraph that is one sentence is a heading or a caption when it has no stop,
         * however long it runs, or when it is a short question; inside a paragraph, only
         * a short one without a stop is (a long one is more likely a sentence whose stop
         * the source lost). */
        int alone = s->paragraph < n_para &&
                    para[s->paragraph].sent_end - para[s->paragraph].sent_begin == 1;
        int question = (alone || n_para == 0) && short_question(st, st_len);
        /* The first sentence standing on its own line is the headline when it has no final
         * stop, is a short question, or is a paragraph of its own in Title Case. Title Case
         * marks a headline nowhere else: BBC match reports list teams in one-sentence
         * paragraphs that the set's reference summaries keep. */
        if (m->title == LEDE_NONE && i == 0 && ends_line(text, len, ls[i].end) &&
            (!s->final_punct || question ||
             ((alone || n_para == 0) && headline_title_case(st, st_len)))) {
            s->is_title = 1;
            m->title = i;
        }
        if (s->is_title || (alone && question) ||
            (!s->final_punct && (alone || s->n_words <= CAPTION_MAX_WORDS)))
            s->eligible = 0;
        /* A credit makes its whole paragraph a caption when that is short: "The Border
         * Force vessel HMC Searcher on The Solent. Image: Brian Burnell.", "(c) 2016 Thomson
         * Reuters. All rights reserved." */
        if (i < caption_end || is_credit(st, st_len)) {
            s->eligible = 0;
            if (i >= caption_end && s->paragraph < n_para &&
                para[s->paragraph].sent_end - para[s->paragraph].sent_begin <= CAPTION_MAX_SENTS) {
                for (uint32_t k = para[s->paragraph].sent_begin; k < i; k++)
                    m->sent[k].eligible = 0;
                caption_end = para[s->paragraph].sent_end;
            }
        }
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
    sum_mem *mm = &scratch->mem;
    sum_mem_begin(mm, doc);
    if (n_sent == 0)
        return 0;
    if (n_sent > UINT32_MAX / 2 || n_tok > UINT32_MAX / 4)
        return lede_error_set(err, LEDE_ETOOBIG, "summarizer: %zu sentences is too many", n_sent);
    /* Tokens of the sentences, counted with repetition where sentences overlap (no
     * tokenizer of ours makes such a layer): each sentence's words are listed apart. */
    size_t sent_tok = 0;
    for (size_t i = 0; i < n_sent; i++) {
        if (ls[i].tok_begin > ls[i].tok_end || ls[i].tok_end > n_tok || ls[i].end > text_len)
            return lede_error_set(err, LEDE_EINVAL,
                                  "summarizer: sentence %zu (bytes %u-%u) points past the "
                                  "token layer (%zu tokens) or the text",
                                  i, ls[i].start, ls[i].end, n_tok);
        sent_tok += ls[i].tok_end - ls[i].tok_begin;
    }
    if (sent_tok > UINT32_MAX / 4)
        return lede_error_set(err, LEDE_ETOOBIG,
                              "summarizer: the sentences overlap, %zu tokens in all is too many",
                              sent_tok);
    model->n_sent = (uint32_t)n_sent;
    model->sent = sum_zalloc(mm, sizeof(sum_sent) * n_sent);
    sum_words *words = &scratch->words;
    /* Written for every sentence by the lexicon. */
    words->word_end = sum_alloc(mm, sizeof(uint32_t) * n_sent);
    words->byte_end = sum_alloc(mm, sizeof(uint32_t) * n_sent);
    words->term_end = sum_alloc(mm, sizeof(uint32_t) * n_sent);
    if (model->sent == NULL || words->word_end == NULL || words->byte_end == NULL ||
        words->term_end == NULL || grow_words(scratch, tok, ls, n_sent, sent_tok) != 0)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory for %zu sentences",
                              n_sent);
    sum_lexicon_begin(&scratch->lex, stemmer, stopwords);
    int rc = sum_lexicon_words(&scratch->lex, text, text_len, tok, n_tok, ls, n_sent, words);
    if (rc != 0)
        return lede_error_set(err, rc, "summarizer: out of memory in the term cache");

    /* A document has at most one term per word with a term (n_terms of them, about half
     * its words): ids[] and count[] fit any sentence. */
    uint32_t *ids = sum_alloc(mm, sizeof(uint32_t) * (words->n_terms + 1));
    uint32_t *count = sum_zalloc(mm, sizeof(uint32_t) * (words->n_terms + 1));
    /* df[] and cf[] too are sized by that count, the vocabulary's bound, so that they are
     * counted as each sentence's vector is filled rather than in a pass of their own. */
    vectors vec = {sum_alloc(mm, sizeof(uint32_t) * (words->n_terms + 1)),
                   sum_alloc(mm, sizeof(uint32_t) * (words->n_terms + 1)), 0,
                   sum_zalloc(mm, sizeof(uint32_t) * (words->n_terms + 1)),
                   sum_zalloc(mm, sizeof(uint32_t) * (words->n_terms + 1))};
    if (ids == NULL || count == NULL || vec.term == NULL || vec.tf == NULL || vec.df == NULL ||
        vec.cf == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");

#if defined(__GNUC__)
    /* sentence_terms asks for the cell of the word NUM_AHEAD on: these are the cells of
     * the words before it, which would otherwise be waited for one after another. */
    for (uint32_t w = 0; w < NUM_AHEAD && w < words->n_terms; w++)
        __builtin_prefetch(&scratch->lex.num[words->stem[w]]);
#endif
    size_t n_para = 0;
    const lede_paragraph *para = lede_doc_paragraphs(doc, &n_para);
    for (uint32_t i = 0; i < model->n_sent; i++) {
        sum_sent *s = &model->sent[i];
        s->paragraph = n_para > 0 ? ls[i].paragraph : LEDE_NONE;
        s->final_punct = (unsigned)ends_with_stop(text, tok, &ls[i]);
        s->n_words = words->word_end[i] - (i > 0 ? words->word_end[i - 1] : 0);
        sentence_terms(words, i > 0 ? words->term_end[i - 1] : 0, words->term_end[i], &scratch->lex,
                       ids, count, &vec, s);
    }
    model->n_terms = scratch->lex.n_doc_terms;
    model->df = vec.df;
    model->cf = vec.cf;

    mark_eligible(text, text_len, ls, para, n_para, model);
    rc = mark_duplicates(mm, text, text_len, tok, ls, words, model);
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

int sum_idf_init(sum_scratch *sc, const sum_model *m, sum_idf *x)
{
    x->idf = sum_zalloc(&sc->mem, sizeof(double) * (m->n_terms + 1));
    if (x->idf == NULL)
        return LEDE_ENOMEM;
    const size_t row = SUM_IDF_MEMO + 1;
    if (m->n_sent < SUM_MEMO_SENT && sc->idf_memo == NULL) {
        /* Out of memory here only costs the logs: the document's own memo serves. */
        sc->idf_memo = malloc(sizeof(double) * row * SUM_MEMO_SENT);
        sc->idf_known = calloc(row * SUM_MEMO_SENT, 1);
        if (sc->idf_memo == NULL || sc->idf_known == NULL) {
            free(sc->idf_memo);
            free(sc->idf_known);
            sc->idf_memo = NULL;
            sc->idf_known = NULL;
        }
    }
    if (m->n_sent < SUM_MEMO_SENT && sc->idf_memo != NULL) {
        x->memo = sc->idf_memo + row * m->n_sent;
        x->known = sc->idf_known + row * m->n_sent;
    } else {
        x->memo = x->memo_own;
        x->known = x->known_own;
        memset(x->known_own, 0, sizeof(x->known_own));
    }
    return 0;
}

void sum_idf_need(sum_idf *x, const sum_model *m, uint32_t a)
{
    /* Most terms occur in one, two or three sentences, and a log costs more than the rest
     * of the loop: a df up to SUM_IDF_MEMO has its idf computed once. */
    const sum_sent *s = &m->sent[a];
    for (uint32_t k = 0; k < s->n_terms; k++) {
        uint32_t t = s->term[k], df = m->df[t];
        if (df > SUM_IDF_MEMO) {
            if (x->idf[t] == 0)
                x->idf[t] = log((double)m->n_sent / (double)df) + 1.0;
            continue;
        }
        /* Written again when known: whether an earlier candidate held the term follows no
         * pattern a branch could predict, and the memo's value is the same. */
        if (!x->known[df]) {
            x->memo[df] = log((double)m->n_sent / (double)df) + 1.0;
            x->known[df] = 1;
        }
        x->idf[t] = x->memo[df];
    }
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
