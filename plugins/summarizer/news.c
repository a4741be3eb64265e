/*
 * news.c -- the default method, tuned for news stories, and its redundancy-aware pick.
 *
 * A news story states its point first and then elaborates, quotes and repeats itself, so
 * no single signal is enough. Each eligible sentence gets a weighted sum of four features,
 * each scaled to 0..1 over the document:
 *   centrality  its TextRank (BM25 graph) score: sentences that many others echo;
 *   salience    the mean, over its content words, of how often each occurs in the whole
 *               document: sentences dense in the story's recurring words (Luhn's idea;
 *               OTS sums instead, which favours long sentences);
 *   position    1 for the lede (the first eligible sentence), else 0: a story's first
 *               sentence states its point. A slow decay (1 / sqrt(1 + rank)) weighted
 *               enough to keep the lede scored 1 ROUGE-2 point lower on the BBC set;
 *   title       the share of the headline's terms it contains, when there is a headline.
 * The weights were chosen on the BBC News Summary set (bench/summary_eval.sh): salience and
 * centrality carry it there. The lede bonus and the headline weight cost about 0.5 ROUGE
 * point on that set (its references ignore position) but keep the lede in the summary on
 * stories like the sample article, where captions and quotes carry the frequent words.
 *
 * Sentences are then picked greedily by maximal marginal relevance (Carbonell & Goldstein):
 * the next pick maximises LAMBDA * score - (1 - LAMBDA) * its largest tf-idf cosine with a
 * sentence already picked, counted only above REDUNDANT (sentences sharing less are not
 * repeating each other), so a summary does not say the same thing twice. The penalty is
 * applied to the first SUM_GRAPH_MAX picks among the best MMR_POOL candidates; past that,
 * sentences are taken in score order, which keeps the pick linear in the document's length.
 * After each pick its term counts are spread over a dense per-term array, so a candidate's
 * cosine with it (summarizer.h defines it, to the order of the sum) costs one lookup per
 * candidate term instead of a merge of two term lists.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "summarizer.h"

#define W_CENTRALITY 0.30
#define W_SALIENCE 0.40
#define W_POSITION 0.15
#define W_TITLE 0.05
#define LAMBDA 0.70
/* Below this cosine two sentences are not saying the same thing: no penalty. */
#define REDUNDANT 0.50
#define MMR_POOL (4 * SUM_GRAPH_MAX)

static void scale_to_unit(const sum_model *m, double *v)
{
    double hi = 0;
    for (uint32_t i = 0; i < m->n_sent; i++)
        if (m->sent[i].eligible && v[i] > hi)
            hi = v[i];
    for (uint32_t i = 0; i < m->n_sent; i++)
        v[i] = (m->sent[i].eligible && hi > 0) ? v[i] / hi : 0;
}

int sum_news_scores(lede_doc *doc, const sum_model *m, sum_scratch *scratch, double *score,
                    lede_error *err)
{
    uint32_t n = m->n_sent;
    double *central = lede_doc_alloc(doc, sizeof(double) * (n + 1));
    double *salient = lede_doc_alloc(doc, sizeof(double) * (n + 1));
    double *title = lede_doc_alloc(doc, sizeof(double) * (n + 1));
    if (central == NULL || salient == NULL || title == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
    int rc = sum_textrank(doc, m, scratch, central, err);
    if (rc != 0)
        return rc;
    scale_to_unit(m, central);

    const sum_sent *t = m->title != LEDE_NONE ? &m->sent[m->title] : NULL;
    unsigned char *in_title = lede_doc_alloc(doc, m->n_terms + 1);
    if (in_title == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
    for (uint32_t k = 0; t != NULL && k < t->n_terms; k++)
        in_title[t->term[k]] = 1;
    for (uint32_t i = 0; i < n; i++) {
        const sum_sent *s = &m->sent[i];
        if (!s->eligible)
            continue;
        uint32_t shared = 0;
        double mass = 0;
        for (uint32_t k = 0; k < s->n_terms; k++) {
            mass += (double)m->cf[s->term[k]] * s->tf[k];
            shared += in_title[s->term[k]];
        }
        /* The mean, not the sum: a long sentence is not more on topic for being long. */
        salient[i] = s->n_content > 0 ? mass / s->n_content : 0;
        if (t != NULL && t->n_terms > 0)
            title[i] = (double)shared / t->n_terms;
    }
    scale_to_unit(m, salient);

    uint32_t rank = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (!m->sent[i].eligible) {
            score[i] = 0;
            continue;
        }
        double position = rank++ == 0 ? 1.0 : 0.0;
        score[i] = W_CENTRALITY * central[i] + W_SALIENCE * salient[i] + W_POSITION * position +
                   W_TITLE * title[i];
    }
    return 0;
}

typedef struct cand {
    double score;
    uint32_t index;
} cand;

/* Best score first; equal scores in document order, so the pick is deterministic. */
static int cmp_cand(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return (x->index > y->index) - (x->index < y->index);
}

/* The cosine of sentences a and b (see summarizer.h), b's counts spread in b_tf[]. */
static double cosine_with_picked(const sum_model *m, const double *idf, const double *norm,
                                 uint32_t a, uint32_t b, const uint32_t *b_tf)
{
    const sum_sent *x = &m->sent[a];
    if (norm[a] == 0 || norm[b] == 0)
        return 0;
    /* No test for a shared term: an absent one adds +0.0, which leaves the sum as it was
     * (idf is finite), and a branch the CPU cannot predict costs more than the multiply. */
    double dot = 0;
    for (uint32_t i = 0; i < x->n_terms; i++) {
        double w = idf[x->term[i]];
        dot += (double)x->tf[i] * b_tf[x->term[i]] * w * w;
    }
    return dot / (norm[a] * norm[b]);
}

/* Orders the candidates best first. A document has a few dozen, where insertion beats
 * qsort's indirect calls; a long one falls back to qsort. */
static void sort_cands(cand *c, uint32_t n)
{
    if (n > 32) {
        qsort(c, n, sizeof(cand), cmp_cand);
        return;
    }
    for (uint32_t i = 1; i < n; i++) {
        cand x = c[i];
        uint32_t j = i;
        for (; j > 0 && cmp_cand(&c[j - 1], &x) > 0; j--)
            c[j] = c[j - 1];
        c[j] = x;
    }
}

int sum_pick_mmr(lede_doc *doc, const sum_model *m, const double *score, uint32_t k,
                 uint32_t max_words, uint32_t *picked, lede_error *err)
{
    uint32_t n = 0;
    cand *c = lede_doc_alloc(doc, sizeof(cand) * (m->n_eligible + 1));
    double *idf = sum_idf(doc, m);
    double *norm = lede_doc_alloc(doc, sizeof(double) * (m->n_sent + 1));
    if (c == NULL || idf == NULL || norm == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
    for (uint32_t i = 0; i < m->n_sent; i++)
        if (m->sent[i].eligible)
            c[n++] = (cand){score[i], i};
    sort_cands(c, n);
    uint32_t pool = n < MMR_POOL ? n : MMR_POOL;
    double *max_sim = lede_doc_alloc(doc, sizeof(double) * (pool + 1));
    unsigned char *taken = lede_doc_alloc(doc, n + 1);
    uint32_t *picked_tf = lede_doc_alloc(doc, sizeof(uint32_t) * (m->n_terms + 1));
    if (max_sim == NULL || taken == NULL || picked_tf == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
    for (uint32_t i = 0; i < pool; i++)
        norm[c[i].index] = sum_norm(m, idf, c[i].index);

    uint32_t got = 0, words = 0;
    /* Phase 1: maximal marginal relevance among the pool's best candidates. */
    while (got < k && got < SUM_GRAPH_MAX) {
        uint32_t best = UINT32_MAX;
        double best_val = -INFINITY;
        for (uint32_t i = 0; i < pool; i++) {
            if (taken[i])
                continue;
            if (max_words > 0 && words + m->sent[c[i].index].n_words > max_words)
                continue;
            double sim = max_sim[i] > REDUNDANT ? max_sim[i] : 0;
            double v = LAMBDA * c[i].score - (1.0 - LAMBDA) * sim;
            if (v > best_val) {
                best_val = v;
                best = i;
            }
        }
        if (best == UINT32_MAX)
            break;
        taken[best] = 1;
        uint32_t s = c[best].index;
        picked[got++] = s;
        words += m->sent[s].n_words;
        const sum_sent *ps = &m->sent[s];
        /* Nothing to update after the last pick, nor for a sentence without weight (its
         * cosine with anything is 0). */
        if (got == k || got == SUM_GRAPH_MAX || norm[s] == 0)
            continue;
        for (uint32_t t = 0; t < ps->n_terms; t++)
            picked_tf[ps->term[t]] = ps->tf[t];
        for (uint32_t i = 0; i < pool; i++) {
            if (taken[i])
                continue;
            double sim = cosine_with_picked(m, idf, norm, c[i].index, s, picked_tf);
            if (sim > max_sim[i])
                max_sim[i] = sim;
        }
        for (uint32_t t = 0; t < ps->n_terms; t++)
            picked_tf[ps->term[t]] = 0;
    }
    /* Phase 2, for long documents or a tight word budget: score order, one pass. */
    for (uint32_t i = 0; i < n && got < k; i++) {
        if (taken[i])
            continue;
        if (max_words > 0 && words + m->sent[c[i].index].n_words > max_words)
            continue;
        taken[i] = 1;
        picked[got++] = c[i].index;
        words += m->sent[c[i].index].n_words;
    }
    /* No sentence fits the word budget: the best one alone beats an empty summary. */
    if (got == 0 && n > 0)
        picked[got++] = c[0].index;
    return (int)got;
}
