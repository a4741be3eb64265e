/*
 * summarizer.c -- the `summarizer` stage: picks the sentences that summarize a document.
 *
 * It reads the tokenizer's token and sentence layers (and paragraph, when present) and
 * writes the summary layer: the chosen sentences' indices with their scores, in document
 * order. Four methods share one sentence model (model.c):
 *   news      the default: centrality, word salience, position and headline overlap,
 *             picked with a redundancy penalty (news.c);
 *   lead      the first sentences, the baseline every news summarizer must beat;
 *   textrank  PageRank on a BM25-weighted sentence graph, as gensim did (graph.c);
 *   lexrank   PageRank on a thresholded idf-cosine graph (graph.c).
 * How many: `sentences` (default 3), or `ratio` of the eligible sentences when it is above
 * 0, and in both cases at most `words` words when that is above 0. Headlines, copies of a
 * sentence and captions are never picked (model.c), yet a document with at least one
 * sentence always gets a summary of at least one.
 *
 * The stage is deterministic: the same document gives byte-identical output, since no
 * step depends on hash order, addresses or time, and ties go to the earlier sentence.
 * An instance owns a libstemmer stemmer, which is not thread-safe, so the stage is not
 * LEDE_STAGE_SHAREABLE: the host makes one instance per worker.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "lede/stage.h"
#include "summarizer.h"

typedef struct summarizer {
    sum_method method;
    uint32_t sentences;
    double ratio;
    uint32_t words;
    int stopwords;
    struct sb_stemmer *stemmer;
    sum_scratch scratch;
} summarizer;

static const char *const method_names[] = {"news", "lead", "textrank", "lexrank", NULL};

static const lede_option_desc options[] = {
    {"method", LEDE_OPT_ENUM, "news",
     "news (centrality + salience + position + headline, no repeats), lead, textrank, lexrank",
     LEDE_NO_RANGE, method_names},
    {"sentences", LEDE_OPT_INT, "3", "number of sentences to keep (when ratio is 0)", 1, 1e6, NULL},
    {"ratio", LEDE_OPT_FLOAT, "0",
     "fraction of the eligible sentences to keep (at least one); wins over sentences when > 0", 0,
     1, NULL},
    {"words", LEDE_OPT_INT, "0",
     "at most this many words in the summary (0 = no limit); when no sentence fits, the best "
     "one alone",
     0, 1e9, NULL},
    {"language", LEDE_OPT_STRING, "english",
     "Snowball stemmer language (english, french, german, ...); English also drops stop words",
     LEDE_NO_RANGE, NULL},
    LEDE_OPTIONS_END};

static const char *const requires_layers[] = {LEDE_LAYER_TOKEN, LEDE_LAYER_SENTENCE, NULL};
static const char *const provides_layers[] = {LEDE_LAYER_SUMMARY, NULL};

/* The working memory an instance keeps between documents at most; a bigger document's
 * excess comes from its arena. */
#define SUM_MEM_KEEP_MAX ((size_t)4 << 20)
/* Its first size: a news story takes some 15 KiB. */
#define SUM_MEM_FIRST ((size_t)64 << 10)

void sum_mem_begin(sum_mem *mm, lede_doc *doc)
{
    /* The last document did not fit: make room for one like it, when memory allows (the
     * arena serves otherwise, as it did). */
    if (mm->want > mm->cap && mm->cap < SUM_MEM_KEEP_MAX) {
        size_t cap = mm->cap > 0 ? mm->cap : SUM_MEM_FIRST;
        while (cap < mm->want && cap < SUM_MEM_KEEP_MAX)
            cap *= 2;
        char *base = realloc(mm->base, cap);
        if (base != NULL) {
            mm->base = base;
            mm->cap = cap;
        }
    }
    mm->used = 0;
    mm->want = 0;
    mm->doc = doc;
}

void *sum_alloc_slow(sum_mem *mm, size_t n)
{
    return lede_doc_alloc(mm->doc, n);
}

void sum_scratch_free(sum_scratch *sc)
{
    free(sc->mem.base);
    free(sc->idf_memo);
    free(sc->idf_known);
    free(sc->bm25_memo);
    free(sc->bm25_known);
    free(sc->w);
    free(sc->pair);
    free(sc->words.stem);
    sum_lexicon_free(&sc->lex);
    memset(sc, 0, sizeof(*sc));
}

static void summarizer_destroy(void *instance)
{
    summarizer *s = instance;
    if (s == NULL)
        return;
    if (s->stemmer != NULL)
        sb_stemmer_delete(s->stemmer);
    if (s->scratch.lex.twin != NULL)
        sb_stemmer_delete(s->scratch.lex.twin);
    sum_scratch_free(&s->scratch);
    free(s);
}

static int summarizer_create(lede_stage_ctx *ctx, const lede_options *opts, void **instance,
                             lede_error *err)
{
    (void)ctx;
    *instance = NULL;
    summarizer *s = calloc(1, sizeof(*s));
    if (s == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
    const char *method = lede_opt_str(opts, "method");
    s->method = SUM_NEWS;
    for (int i = 0; method_names[i] != NULL; i++)
        if (strcmp(method, method_names[i]) == 0)
            s->method = (sum_method)i;
    s->sentences = (uint32_t)lede_opt_int(opts, "sentences");
    if (s->sentences < 1)
        s->sentences = 1;
    s->ratio = lede_opt_float(opts, "ratio");
    s->words = (uint32_t)lede_opt_int(opts, "words");
    const char *lang = lede_opt_str(opts, "language");
    s->stemmer = sb_stemmer_new(lang, NULL);
    if (s->stemmer == NULL) {
        summarizer_destroy(s);
        return lede_error_set(err, LEDE_ECONFIG,
                              "option language: libstemmer has no language '%s' "
                              "(try english, french, german, spanish, russian, porter)",
                              lang);
    }
    s->stopwords = strcmp(lang, "english") == 0 || strcmp(lang, "en") == 0 ||
                   strcmp(lang, "eng") == 0 || strcmp(lang, "porter") == 0;
    /* English and Porter stem ASCII words alike in both encodings, and the ISO-8859-1
     * stemmer is faster (see lexicon.c); other languages' rules have letters past ASCII.
     * Without it (out of memory) every word takes the UTF-8 stemmer, as before. */
    if (s->stopwords) {
        s->scratch.lex.twin = sb_stemmer_new(lang, "ISO_8859_1");
        s->scratch.lex.twin_of = s->stemmer;
    }
    *instance = s;
    return 0;
}

/* How many sentences this document's summary gets. */
static uint32_t target_count(const summarizer *s, const sum_model *m)
{
    uint32_t k = s->sentences;
    if (s->ratio > 0) {
        double want = floor(s->ratio * m->n_eligible + 0.5);
        k = want < 1 ? 1 : (uint32_t)want;
    }
    return k < m->n_eligible ? k : m->n_eligible;
}

uint32_t sum_rank_eligible(const sum_model *m, const double *score, uint32_t *order, uint32_t *tmp)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < m->n_sent; i++)
        if (m->sent[i].eligible)
            order[n++] = i;
    /* Insertion into a sorted prefix would be quadratic; a stable merge sort is simple, and
     * with no call through a pointer per compare, as qsort makes, faster at any length. */
    for (uint32_t width = 1; width < n; width *= 2) {
        for (uint32_t lo = 0; lo < n; lo += 2 * width) {
            uint32_t mid = lo + width < n ? lo + width : n;
            uint32_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            uint32_t i = lo, j = mid, o = lo;
            while (i < mid && j < hi)
                tmp[o++] = score[order[j]] > score[order[i]] ? order[j++] : order[i++];
            while (i < mid)
                tmp[o++] = order[i++];
            while (j < hi)
                tmp[o++] = order[j++];
        }
        memcpy(order, tmp, sizeof(uint32_t) * n);
    }
    return n;
}

/* The k best-scoring eligible sentences that fit the word budget (ties: earlier first). */
static uint32_t pick_top(const sum_model *m, const double *score, uint32_t k, uint32_t max_words,
                         uint32_t *order, uint32_t *picked)
{
    uint32_t n = sum_rank_eligible(m, score, order, picked);
    uint32_t got = 0, words = 0;
    for (uint32_t i = 0; i < n && got < k; i++) {
        uint32_t w = m->sent[order[i]].n_words;
        if (max_words > 0 && words + w > max_words)
            continue;
        picked[got++] = order[i];
        words += w;
    }
    /* No sentence fits the budget: the best one alone beats an empty summary. */
    if (got == 0 && n > 0)
        picked[got++] = order[0];
    return got;
}

static int summarize(summarizer *s, lede_doc *doc, lede_error *err)
{
    sum_model m;
    int rc = sum_model_build(doc, s->stemmer, s->stopwords, &s->scratch, &m, err);
    if (rc != 0)
        return rc;
    /* The summary outlives process(): the arena's. The rest is working memory. */
    lede_summary_item *items = lede_doc_alloc(doc, sizeof(*items) * (m.n_eligible + 1));
    sum_mem *mm = &s->scratch.mem;
    double *score = sum_zalloc(mm, sizeof(double) * (m.n_sent + 1));
    uint32_t *picked = sum_alloc(mm, sizeof(uint32_t) * (m.n_sent + 1));
    uint32_t *order = sum_alloc(mm, sizeof(uint32_t) * (m.n_sent + 1));
    if (items == NULL || score == NULL || picked == NULL || order == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory (%u sentences)",
                              m.n_sent);
    if (m.n_eligible == 0) {
        lede_doc_set_summary(doc, items, 0);
        return 0;
    }
    uint32_t k = target_count(s, &m), got = 0;
    switch (s->method) {
    case SUM_LEAD: {
        uint32_t rank = 0;
        for (uint32_t i = 0; i < m.n_sent; i++)
            score[i] = m.sent[i].eligible ? 1.0 / (1.0 + rank++) : 0;
        break;
    }
    case SUM_TEXTRANK:
        rc = sum_textrank(doc, &m, &s->scratch, score, err);
        break;
    case SUM_LEXRANK:
        rc = sum_lexrank(doc, &m, &s->scratch, score, err);
        break;
    case SUM_NEWS:
        rc = sum_news_scores(doc, &m, &s->scratch, score, err);
        break;
    }
    if (rc != 0)
        return rc;
    if (s->method == SUM_NEWS) {
        rc = sum_pick_mmr(&s->scratch, &m, score, k, s->words, picked, err);
        if (rc < 0)
            return rc;
        got = (uint32_t)rc;
    } else {
        got = pick_top(&m, score, k, s->words, order, picked);
    }
    /* In document order. A summary has a few sentences, which qsort's calls through a
     * pointer took ~240 instructions a document to order. */
    sum_sort_distinct(picked, got, order);
    for (uint32_t i = 0; i < got; i++)
        items[i] = (lede_summary_item){order[i], (float)score[order[i]]};
    lede_doc_set_summary(doc, items, got);
    return 0;
}

static int summarizer_process(void *instance, lede_doc *doc, lede_error *err)
{
    summarizer *s = instance;
    int rc = summarize(s, doc, err);
    sum_model_end(&s->scratch);
    return rc;
}

LEDE_STAGE_DEFINE(summarizer) = {
    LEDE_ABI_VERSION,
    sizeof(lede_stage_desc),
    "summarizer",
    "extractive summary: picks the sentences that best cover a news story",
    "1.0.0",
    requires_layers,
    provides_layers,
    options,
    0,
    summarizer_create,
    summarizer_process,
    NULL,
    summarizer_destroy,
};
