/*
 * graph.c -- sentence centrality on a similarity graph: TextRank and LexRank.
 *
 * Both methods build a graph whose nodes are the eligible sentences and rank them with
 * weighted PageRank (damping 0.85, power iteration until the L1 change is below 1e-7):
 *
 *   textrank  edges weighted with Okapi BM25 as in gensim's summarizer (k1 = 1.5,
 *             b = 0.75, idf = log((N - df + 0.5) / (df + 0.5)), a negative idf replaced by
 *             0.25 x the mean idf). BM25(i -> j) is not symmetric; gensim keeps whichever
 *             direction it met first, we average both so the graph does not depend on the
 *             order of a loop.
 *   lexrank   Erkan & Radev's LexRank with threshold: an edge of weight 1 between two
 *             sentences whose idf-modified cosine exceeds 0.1.
 *
 * Only the first SUM_GRAPH_MAX eligible sentences enter the graph (see summarizer.h); an
 * eligible sentence past that gets half the smallest centrality, so it can still be
 * picked by the news method's other features but never outranks a graph sentence here.
 * The weight matrix lives in the instance's scratch buffer and is reused.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "summarizer.h"

#define DAMPING 0.85
#define MAX_ITER 200
#define TOLERANCE 1e-7
#define BM25_K1 1.5
#define BM25_B 0.75
#define BM25_EPSILON 0.25
#define LEXRANK_THRESHOLD 0.1

/* The graph's nodes: node i is sentence node[i]. */
typedef struct graph {
    uint32_t *node;
    uint32_t n;
    float *w; /* n x n, row-major */
} graph;

static int graph_init(lede_doc *doc, const sum_model *m, sum_scratch *sc, graph *g, lede_error *err)
{
    g->n = 0;
    g->node = lede_doc_alloc(doc, sizeof(uint32_t) * (m->n_sent + 1));
    if (g->node == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
    for (uint32_t i = 0; i < m->n_sent && g->n < SUM_GRAPH_MAX; i++)
        if (m->sent[i].eligible)
            g->node[g->n++] = i;
    size_t cells = (size_t)g->n * g->n;
    if (cells > sc->w_cap) {
        float *w = realloc(sc->w, sizeof(float) * cells);
        if (w == NULL)
            return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory for a %u-node graph",
                                  g->n);
        sc->w = w;
        sc->w_cap = cells;
    }
    g->w = sc->w;
    if (cells > 0)
        memset(g->w, 0, sizeof(float) * cells);
    return 0;
}

/* Weighted PageRank of g into rank[g->n]; a node without edges spreads its rank evenly. */
static int pagerank(lede_doc *doc, const graph *g, double *rank, lede_error *err)
{
    uint32_t n = g->n;
    if (n == 0)
        return 0;
    double *out = lede_doc_alloc(doc, sizeof(double) * n);
    double *next = lede_doc_alloc(doc, sizeof(double) * n);
    if (out == NULL || next == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
    for (uint32_t i = 0; i < n; i++) {
        for (uint32_t j = 0; j < n; j++)
            out[i] += g->w[(size_t)i * n + j];
        rank[i] = 1.0 / n;
    }
    for (int iter = 0; iter < MAX_ITER; iter++) {
        double dangling = 0;
        for (uint32_t j = 0; j < n; j++)
            if (out[j] == 0)
                dangling += rank[j];
        double base = (1.0 - DAMPING) / n + DAMPING * dangling / n;
        for (uint32_t i = 0; i < n; i++)
            next[i] = base;
        /* The matrix is symmetric, so row j holds the weights into every node from j. */
        for (uint32_t j = 0; j < n; j++) {
            if (out[j] == 0)
                continue;
            double share = DAMPING * rank[j] / out[j];
            const float *row = g->w + (size_t)j * n;
            for (uint32_t i = 0; i < n; i++)
                next[i] += share * row[i];
        }
        double delta = 0;
        for (uint32_t i = 0; i < n; i++) {
            delta += fabs(next[i] - rank[i]);
            rank[i] = next[i];
        }
        if (delta < TOLERANCE)
            break;
    }
    return 0;
}

/* Spreads the graph's ranks back onto sentences (see the top of the file). */
static void scatter(const sum_model *m, const graph *g, const double *rank, double *score)
{
    double lo = INFINITY;
    for (uint32_t i = 0; i < m->n_sent; i++)
        score[i] = 0;
    for (uint32_t i = 0; i < g->n; i++) {
        score[g->node[i]] = rank[i];
        if (rank[i] < lo)
            lo = rank[i];
    }
    if (g->n == 0)
        lo = 1.0;
    uint32_t last = g->n > 0 ? g->node[g->n - 1] : 0;
    for (uint32_t i = g->n > 0 ? last + 1 : 0; i < m->n_sent; i++)
        if (m->sent[i].eligible)
            score[i] = lo / 2;
}

/* BM25 score of sentence q read as a query against sentence d. */
static double bm25(const sum_model *m, const double *idf, double avg_len, uint32_t q, uint32_t d)
{
    const sum_sent *x = &m->sent[q], *y = &m->sent[d];
    double norm = BM25_K1 * (1.0 - BM25_B + BM25_B * y->n_content / avg_len);
    double score = 0;
    uint32_t i = 0, j = 0;
    while (i < x->n_terms && j < y->n_terms) {
        if (x->term[i] < y->term[j])
            i++;
        else if (x->term[i] > y->term[j])
            j++;
        else {
            double f = y->tf[j];
            /* gensim iterates the query's tokens, so a repeated query word counts again. */
            score += x->tf[i] * idf[x->term[i]] * f * (BM25_K1 + 1.0) / (f + norm);
            i++;
            j++;
        }
    }
    return score;
}

int sum_textrank(lede_doc *doc, const sum_model *m, sum_scratch *scratch, double *score,
                 lede_error *err)
{
    graph g;
    int rc = graph_init(doc, m, scratch, &g, err);
    if (rc != 0)
        return rc;
    double *idf = lede_doc_alloc(doc, sizeof(double) * (m->n_terms + 1));
    double *rank = lede_doc_alloc(doc, sizeof(double) * (g.n + 1));
    if (idf == NULL || rank == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
    /* The BM25 "corpus" is the graph's sentences. */
    uint32_t *df = lede_doc_alloc(doc, sizeof(uint32_t) * (m->n_terms + 1));
    if (df == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
    double total_len = 0;
    for (uint32_t i = 0; i < g.n; i++) {
        const sum_sent *s = &m->sent[g.node[i]];
        total_len += s->n_content;
        for (uint32_t t = 0; t < s->n_terms; t++)
            df[s->term[t]]++;
    }
    double avg_len = g.n > 0 && total_len > 0 ? total_len / g.n : 1.0;
    double idf_sum = 0;
    uint32_t idf_n = 0;
    for (uint32_t t = 0; t < m->n_terms; t++) {
        if (df[t] == 0)
            continue;
        idf[t] = log(g.n - df[t] + 0.5) - log(df[t] + 0.5);
        idf_sum += idf[t];
        idf_n++;
    }
    double eps = idf_n > 0 ? BM25_EPSILON * idf_sum / idf_n : 0;
    for (uint32_t t = 0; t < m->n_terms; t++)
        if (df[t] > 0 && idf[t] < 0)
            idf[t] = eps;
    for (uint32_t i = 0; i < g.n; i++) {
        for (uint32_t j = i + 1; j < g.n; j++) {
            double w = (bm25(m, idf, avg_len, g.node[i], g.node[j]) +
                        bm25(m, idf, avg_len, g.node[j], g.node[i])) /
                       2.0;
            if (w < 0)
                w = 0;
            g.w[(size_t)i * g.n + j] = g.w[(size_t)j * g.n + i] = (float)w;
        }
    }
    rc = pagerank(doc, &g, rank, err);
    if (rc != 0)
        return rc;
    scatter(m, &g, rank, score);
    return 0;
}

int sum_lexrank(lede_doc *doc, const sum_model *m, sum_scratch *scratch, double *score,
                lede_error *err)
{
    graph g;
    int rc = graph_init(doc, m, scratch, &g, err);
    if (rc != 0)
        return rc;
    double *idf = lede_doc_alloc(doc, sizeof(double) * (m->n_terms + 1));
    double *norm = lede_doc_alloc(doc, sizeof(double) * (m->n_sent + 1));
    double *rank = lede_doc_alloc(doc, sizeof(double) * (g.n + 1));
    if (idf == NULL || norm == NULL || rank == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
    /* LexRank's idf is the plain log(N / df), with sentences as documents. */
    for (uint32_t t = 0; t < m->n_terms; t++)
        idf[t] = log((double)m->n_sent / m->df[t]);
    for (uint32_t i = 0; i < g.n; i++)
        norm[g.node[i]] = sum_norm(m, idf, g.node[i]);
    for (uint32_t i = 0; i < g.n; i++) {
        for (uint32_t j = i + 1; j < g.n; j++) {
            double c = sum_cosine(m, idf, norm, g.node[i], g.node[j]);
            if (c > LEXRANK_THRESHOLD)
                g.w[(size_t)i * g.n + j] = g.w[(size_t)j * g.n + i] = 1.0f;
        }
    }
    rc = pagerank(doc, &g, rank, err);
    if (rc != 0)
        return rc;
    scatter(m, &g, rank, score);
    return 0;
}
