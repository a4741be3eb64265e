/*
 * graph.c -- sentence centrality on a similarity graph: TextRank and LexRank.
 *
 * Both methods build a graph whose nodes are the eligible sentences and rank them with
 * weighted PageRank (damping 0.85, power iteration until the L1 change is below 1e-7; a
 * TextRank graph of at most SOLVE_MAX nodes, which is most, is solved exactly instead, see
 * pagerank_solve):
 *
 *   textrank  edges weighted with Okapi BM25 as in gensim's summarizer (k1 = 1.5,
 *             b = 0.75, idf = log((N - df + 0.5) / (df + 0.5)), a negative idf replaced by
 *             0.25 x the mean idf). BM25(i -> j) is not symmetric; gensim keeps whichever
 *             direction it met first, we average both so the graph does not depend on the
 *             order of a loop.
 *   lexrank   Erkan & Radev's LexRank with threshold: an edge of weight 1 between two
 *             sentences whose idf-modified cosine exceeds 0.1.
 *
 * The news method's centrality is PageRank on the textrank graph too, but three power steps
 * of it rather than its fixed point, computed from the graph's terms without its matrix
 * (sum_news_centrality, at the end of the file).
 *
 * Only the first SUM_GRAPH_MAX eligible sentences enter the graph (see summarizer.h); an
 * eligible sentence past that gets half the smallest centrality, so it can still be
 * picked by the news method's other features but never outranks a graph sentence here.
 * The weight matrix lives in the instance's scratch buffer and is reused.
 *
 * Pairs are scored through an inverted index (term -> the graph's sentences that hold it)
 * rather than by merging every pair's term lists: most pairs share no term, and visiting
 * only the postings of a sentence's terms skips them. Each pair's sum still takes the
 * shared terms in ascending term order with the same expressions as a merge would, so
 * every weight is the same bits (floating-point sums depend on their order).
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
/* Rows of the weight matrix are padded to a multiple of PR_LANES (an AVX2 vector of doubles)
 * with zero weights, so that PageRank's vector loops need no scalar tail; a padding column
 * only ever adds 0 to a rank no one reads. PageRank gathers PR_HELD columns at a time, held
 * in registers across all the rows (8 AVX2 registers). */
#define PR_LANES 4
#define PR_HELD 32

/* PageRank's inner loop is where the graph methods spend their time, and it vectorizes;
 * on x86-64 GCC also compiles an AVX2 copy, picked at load time when the CPU has it. The
 * results are the same bits: each element sees the same operations in the same order
 * (ISO C mode forbids fusing the multiply and the add, and AVX2 alone implies no FMA).
 * Not under ThreadSanitizer: GCC instruments the clones' ifunc resolver, which the dynamic
 * linker runs while relocating an executable that links this file (the unit tests,
 * lede-static), before the TSan runtime is initialised -- a SIGSEGV before main(). */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__) &&       \
    !defined(__SANITIZE_THREAD__)
#define VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define VECTOR_CLONES
#endif

/* The graph's nodes: node i is sentence node[i]. */
typedef struct graph {
    uint32_t *node;
    uint32_t n;
    uint32_t ld; /* row length: n rounded up to PR_LANES, the columns past n zero */
    double *w;   /* n x ld, row-major; float values (see graph_init) */
} graph;

/* The graph's nodes: the first SUM_GRAPH_MAX eligible sentences, into g->node and g->n.
 * Returns 0 or LEDE_ENOMEM. */
static int graph_nodes(sum_mem *mem, const sum_model *m, graph *g, lede_error *err)
{
    g->n = 0;
    g->node = sum_alloc(mem, sizeof(uint32_t) * (m->n_sent + 1));
    if (g->node == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
    for (uint32_t i = 0; i < m->n_sent && g->n < SUM_GRAPH_MAX; i++)
        if (m->sent[i].eligible)
            g->node[g->n++] = i;
    return 0;
}

static int graph_init(const sum_model *m, sum_scratch *sc, graph *g, lede_error *err)
{
    int rc = graph_nodes(&sc->mem, m, g, err);
    if (rc != 0)
        return rc;
    g->ld = (g->n + PR_LANES - 1) / PR_LANES * PR_LANES;
    size_t cells = (size_t)g->n * g->ld;
    if (cells > sc->w_cap) {
        double *w = realloc(sc->w, sizeof(double) * cells);
        if (w == NULL)
            return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory for a %u-node graph",
                                  g->n);
        sc->w = w;
        sc->w_cap = cells;
    }
    /* The weights were floats when the method was tuned; they are still rounded to float
     * so that the ranks stay the same, but held as doubles so that PageRank's inner loop,
     * which reads each one some twenty times, has nothing to convert. */
    g->w = sc->w;
    if (cells > 0)
        memset(g->w, 0, sizeof(double) * cells);
    return 0;
}

/* One iteration's gather for the len (a constant <= PR_HELD, after inlining) columns from
 * col: next[i] = base + the sum over j of share[j] * w[j][i], j ascending, with next[col ..
 * col + len) held in registers across all the rows instead of loaded and stored for each.
 * Each element sees the same multiply and add in the same order as the plain loop would
 * give it, so the result is the same bits. */
static inline __attribute__((always_inline)) void gather_held(const graph *g, const double *out,
                                                              const double *share, double base,
                                                              double *next, uint32_t col,
                                                              const uint32_t len)
{
    double acc[PR_HELD];
    for (uint32_t i = 0; i < len; i++)
        acc[i] = base;
    for (uint32_t j = 0; j < g->n; j++) {
        if (out[j] == 0)
            continue;
        const double *row = g->w + (size_t)j * g->ld + col;
        for (uint32_t i = 0; i < len; i++)
            acc[i] += share[j] * row[i];
    }
    memcpy(next + col, acc, sizeof(double) * len);
}

/* Whether the L1 change sum over i ascending of |next[i] - rank[i]| is below TOLERANCE.
 * That sum, one add after another, is a chain of dependent adds as long as the graph; the
 * same terms in four lanes are summed four times as fast, and differ from it by less than
 * a relative 2n ulp (n <= SUM_GRAPH_MAX): only when that sum is that close to the
 * tolerance is the sequential one needed to decide as before. */
static inline __attribute__((always_inline)) int converged(const double *next, const double *rank,
                                                           uint32_t n)
{
    double lane[PR_LANES] = {0};
    uint32_t i = 0;
    for (; i + PR_LANES <= n; i += PR_LANES)
        for (int l = 0; l < PR_LANES; l++)
            lane[l] += fabs(next[i + l] - rank[i + l]);
    double fast = (lane[0] + lane[1]) + (lane[2] + lane[3]);
    for (; i < n; i++)
        fast += fabs(next[i] - rank[i]);
    if (fast * (1 + 1e-12) < TOLERANCE)
        return 1;
    if (fast * (1 - 1e-12) >= TOLERANCE)
        return 0;
    double delta = 0;
    for (i = 0; i < n; i++)
        delta += fabs(next[i] - rank[i]);
    return delta < TOLERANCE;
}

/* PageRank's fixed point straight from its linear system, for graphs of at most SOLVE_MAX
 * nodes. Rank is the x with x[i] = (1 - d) / n + d * sum over j of M[i][j] x[j], where
 * M[i][j] = w[j][i] / out[j] and a node without edges spreads evenly (M[i][j] = 1 / n):
 * that is (I - d M) x = (1 - d) / n. When every node has edges, x = D y with D the diagonal
 * of out[] turns it into (D - d W) y = (1 - d) / n, W being the symmetric weights: a
 * symmetric system, diagonally dominant (out[i] sums row i of W, d < 1), which Gaussian
 * elimination without pivoting solves stably updating only the upper triangle, about
 * n^3 / 6 multiply-adds. That is fewer than the 20 to 100 power iterations of n^2 each that
 * PageRank takes to converge to 1e-7 at these sizes, and exact where the iteration stops
 * short of it. A graph with a node without edges (rare) is solved whole: I - d M is
 * diagonally dominant by columns, so it needs no pivoting either. */
#define SOLVE_MAX 64

VECTOR_CLONES static void pagerank_solve(graph *g, const double *out, int any_dangling,
                                         double *rank)
{
    uint32_t n = g->n, ld = g->ld;
    /* The system is built over the weights, which nothing reads after PageRank (the
     * scratch matrix is zeroed for the next graph). Its rows are padded like the weights'
     * (zeros past n), so that each update of a row is whole vectors from the multiple of
     * PR_LANES at or below its first cell needed: the cells it then also changes, left of
     * that, are never read again. */
    double *a = g->w;
    for (uint32_t i = 0; i < n; i++) {
        double *row = a + (size_t)i * ld;
        if (!any_dangling) {
            for (uint32_t j = 0; j < n; j++)
                row[j] = -DAMPING * row[j];
            row[i] = out[i];
        } else {
            for (uint32_t j = 0; j < n; j++)
                row[j] = out[j] == 0 ? -DAMPING / n : -DAMPING * row[j] / out[j];
            row[i] += 1.0;
        }
        rank[i] = (1.0 - DAMPING) / n;
    }
    for (uint32_t k = 0; k < n; k++) {
        const double *pivot = a + (size_t)k * ld;
        double inv = 1.0 / pivot[k];
        for (uint32_t i = k + 1; i < n; i++) {
            double *row = a + (size_t)i * ld;
            /* Symmetric: row i's cell in column k is row k's cell in column i, and only
             * columns from i on are read again. */
            double f = (any_dangling ? row[k] : pivot[i]) * inv;
            if (f == 0)
                continue;
            for (uint32_t j = (any_dangling ? k : i) / PR_LANES * PR_LANES; j < ld; j++)
                row[j] -= f * pivot[j];
            rank[i] -= f * rank[k];
        }
    }
    for (uint32_t i = n; i-- > 0;) {
        const double *row = a + (size_t)i * ld;
        double x = rank[i];
        for (uint32_t j = i + 1; j < n; j++)
            x -= row[j] * rank[j];
        rank[i] = x / row[i];
    }
    /* Nodes alike in the graph (same weights to the same others) get the same bits from
     * the iteration, and ties then go to the earlier sentence; the elimination's rounding
     * differs from row to row and would split them at random. Rounded to float (the
     * precision of the weights, and finer than the iteration's 1e-7), they tie again. */
    for (uint32_t i = 0; i < n; i++)
        rank[i] = (double)(float)(any_dangling ? rank[i] : rank[i] * out[i]);
}

/* Weighted PageRank of g into rank[g->n]; a node without edges spreads its rank evenly.
 * solve: small graphs are solved rather than iterated (see pagerank_solve), which
 * overwrites the weights.
 * The update runs down whole rows (next[i] += share * w[j][i] for every i), which the
 * compiler turns into vector instructions; a sparse walk over the nonzero weights does
 * less arithmetic but, one weight at a time, takes longer at the sizes graphs have here. */
VECTOR_CLONES static int pagerank(lede_doc *doc, graph *g, int solve, double *rank, lede_error *err)
{
    uint32_t n = g->n, ld = g->ld;
    if (n == 0)
        return 0;
    double *out = lede_doc_alloc(doc, sizeof(double) * n);
    if (out == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
    /* out[i] sums row i left to right; the matrix being symmetric, that is column i top
     * down, which runs down whole rows at a time and vectorizes. */
    for (uint32_t j = 0; j < n; j++)
        for (uint32_t i = 0; i < n; i++)
            out[i] += g->w[(size_t)j * ld + i];
    /* What does not change between iterations is computed once: the teleport term, and
     * whether any node has no edges (most graphs have none, and no rank to gather). */
    int any_dangling = 0;
    for (uint32_t j = 0; j < n; j++)
        any_dangling |= out[j] == 0;
    if (solve && n <= SOLVE_MAX) {
        pagerank_solve(g, out, any_dangling, rank);
        return 0;
    }
    double *next = lede_doc_alloc(doc, sizeof(double) * ld);
    double *cur = lede_doc_alloc(doc, sizeof(double) * ld);
    double *share = lede_doc_alloc(doc, sizeof(double) * n);
    double *divisor = lede_doc_alloc(doc, sizeof(double) * n);
    if (next == NULL || cur == NULL || share == NULL || divisor == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
    for (uint32_t i = 0; i < n; i++) {
        cur[i] = 1.0 / n;
        /* out[i], or 1 for a node without edges, whose share is never used: no test in the
         * loop that divides. */
        divisor[i] = out[i] == 0 ? 1 : out[i];
    }
    double teleport = (1.0 - DAMPING) / n;
    for (int iter = 0; iter < MAX_ITER; iter++) {
        double dangling = 0;
        if (any_dangling)
            for (uint32_t j = 0; j < n; j++)
                if (out[j] == 0)
                    dangling += cur[j];
        double base = teleport + DAMPING * dangling / n;
        /* All the shares first, in one loop the compiler vectorizes, divisions included. */
        for (uint32_t j = 0; j < n; j++)
            share[j] = DAMPING * cur[j] / divisor[j];
        /* The matrix is symmetric, so row j holds the weights into every node from j. */
        for (uint32_t col = 0; col < ld; col += PR_HELD) {
            switch ((ld - col < PR_HELD ? ld - col : PR_HELD) / PR_LANES) {
            case 1:
                gather_held(g, out, share, base, next, col, 4);
                break;
            case 2:
                gather_held(g, out, share, base, next, col, 8);
                break;
            case 3:
                gather_held(g, out, share, base, next, col, 12);
                break;
            case 4:
                gather_held(g, out, share, base, next, col, 16);
                break;
            case 5:
                gather_held(g, out, share, base, next, col, 20);
                break;
            case 6:
                gather_held(g, out, share, base, next, col, 24);
                break;
            case 7:
                gather_held(g, out, share, base, next, col, 28);
                break;
            default:
                gather_held(g, out, share, base, next, col, 32);
                break;
            }
        }
        int done = converged(next, cur, n);
        double *t = cur;
        cur = next;
        next = t;
        if (done)
            break;
    }
    memcpy(rank, cur, sizeof(double) * n);
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

/* The graph's inverted index: the postings of term t are node[start[t] .. start[t + 1])
 * with the term's count in that sentence, in ascending node order. */
typedef struct postings {
    uint32_t *start;
    uint32_t *node;
    double *tf;
    uint32_t *shared; /* the terms held by two graph sentences or more, ascending */
    uint32_t n_shared;
} postings;

/* Builds the index of g; df[t] receives how many graph sentences hold term t. */
static int index_graph(lede_doc *doc, const sum_model *m, const graph *g, postings *p, uint32_t *df,
                       lede_error *err)
{
    size_t total = 0;
    for (uint32_t i = 0; i < g->n; i++) {
        const sum_sent *s = &m->sent[g->node[i]];
        total += s->n_terms;
        for (uint32_t k = 0; k < s->n_terms; k++)
            df[s->term[k]]++;
    }
    p->start = lede_doc_alloc(doc, sizeof(uint32_t) * ((size_t)m->n_terms + 1));
    uint32_t *fill = lede_doc_alloc(doc, sizeof(uint32_t) * ((size_t)m->n_terms + 1));
    p->node = lede_doc_alloc(doc, sizeof(uint32_t) * (total + 1));
    p->tf = lede_doc_alloc(doc, sizeof(double) * (total + 1));
    p->shared = lede_doc_alloc(doc, sizeof(uint32_t) * ((size_t)m->n_terms + 1));
    if (p->start == NULL || fill == NULL || p->node == NULL || p->tf == NULL || p->shared == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
    uint32_t at = 0;
    p->n_shared = 0;
    for (uint32_t t = 0; t < m->n_terms; t++) {
        p->start[t] = fill[t] = at;
        at += df[t];
        /* Most terms are in one sentence, in no order a branch could predict: every term
         * is written, and only one that links sentences is counted. */
        p->shared[p->n_shared] = t;
        p->n_shared += (uint32_t)(df[t] >= 2);
    }
    p->start[m->n_terms] = at;
    for (uint32_t i = 0; i < g->n; i++) {
        const sum_sent *s = &m->sent[g->node[i]];
        for (uint32_t k = 0; k < s->n_terms; k++) {
            uint32_t slot = fill[s->term[k]]++;
            p->node[slot] = i;
            p->tf[slot] = s->tf[k];
        }
    }
    return 0;
}

/* BM25 of every ordered pair of nodes, into the graph's weight matrix (zeroed on entry):
 * g->w[q * ld + d] scores sentence q read as a query against sentence d, a negative idf
 * counting as eps. The diagonal stays 0; sum_textrank then makes the matrix symmetric in
 * place, which spares a second n x n buffer and its zeroing for every document. A repeated query
 * word counts again, as in gensim, which iterates the query's tokens.
 *
 * It runs term by term, in ascending term order, over the pairs of sentences that share
 * the term, so each pair's sum takes its terms in that order, as a merge of the two term
 * lists would. A term's share for a sentence d depends on the query only through the
 * term's count in it, almost always 1: that share is computed once per posting (one[]),
 * with the very expression the general case evaluates. */
/* The graph sentences' mean length in content words (1 when there is none): BM25's
 * "average document length". */
static double bm25_avg_len(const sum_model *m, const graph *g)
{
    double total_len = 0;
    for (uint32_t i = 0; i < g->n; i++)
        total_len += m->sent[g->node[i]].n_content;
    return g->n > 0 && total_len > 0 ? total_len / g->n : 1.0;
}

/* BM25's length norm of a sentence of len content words, k1 (1 - b + b len / avg_len). */
static inline double bm25_norm(double len, double avg_len)
{
    return BM25_K1 * (1.0 - BM25_B + BM25_B * len / avg_len);
}

/* BM25's document factor of a term counted f times in a sentence of length norm dnorm,
 * f (k1 + 1) / (f + dnorm) (the news centrality's h; textrank's pair loop multiplies the
 * query factor in first, a different rounding, and keeps its own expression). */
static inline double bm25_h(double f, double dnorm)
{
    return f * (BM25_K1 + 1.0) / (f + dnorm);
}

/* BM25's length norm of graph node d. */
static inline double bm25_dnorm(const sum_model *m, const graph *g, uint32_t d, double avg_len)
{
    return bm25_norm(m->sent[g->node[d]].n_content, avg_len);
}

static void bm25_pairs(const sum_model *m, const graph *g, const postings *p, const double *idf,
                       double eps, double avg_len, double *dnorm, double *one)
{
    uint32_t n = g->n;
    for (uint32_t d = 0; d < n; d++)
        dnorm[d] = bm25_dnorm(m, g, d, avg_len);
    /* Only terms of two sentences or more link sentences, in ascending order as before. */
    for (uint32_t k = 0; k < p->n_shared; k++) {
        uint32_t t = p->shared[k];
        uint32_t begin = p->start[t], end = p->start[t + 1];
        double it = idf[t] < 0 ? eps : idf[t];
        double a = 1u * it; /* a query count times idf, for a count of 1 */
        for (uint32_t i = begin; i < end; i++) {
            double f = p->tf[i];
            one[i] = a * f * (BM25_K1 + 1.0) / (f + dnorm[p->node[i]]);
        }
        for (uint32_t iq = begin; iq < end; iq++) {
            double *row = g->w + (size_t)p->node[iq] * g->ld;
            if (p->tf[iq] == 1) {
                for (uint32_t i = begin; i < end; i++)
                    if (i != iq)
                        row[p->node[i]] += one[i];
                continue;
            }
            double aq = p->tf[iq] * it;
            for (uint32_t i = begin; i < end; i++) {
                double f = p->tf[i];
                if (i != iq)
                    row[p->node[i]] += aq * f * (BM25_K1 + 1.0) / (f + dnorm[p->node[i]]);
            }
        }
    }
}

/* The scratch buffer for a score per ordered pair of the n nodes, zeroed. */
static double *pair_buffer(sum_scratch *sc, uint32_t n)
{
    size_t cells = (size_t)n * n;
    if (cells > sc->pair_cap) {
        double *bm = realloc(sc->pair, sizeof(double) * cells);
        if (bm == NULL)
            return NULL;
        sc->pair = bm;
        sc->pair_cap = cells;
    }
    if (cells > 0)
        memset(sc->pair, 0, sizeof(double) * cells);
    return sc->pair;
}

/* BM25's idf for a graph of n sentences, by document frequency: idf depends on df alone,
 * and most terms share a handful of df values, each of whose logs is taken once. */
typedef struct bm25_memo {
    uint32_t n;
    double *idf;          /* per df, once known */
    unsigned char *known; /* per df */
} bm25_memo;

/* A graph of fewer nodes than this takes its logs from the instance's memo (sum_scratch):
 * they depend on n and df only, and a story's few dozen sentences meet the same pairs
 * again and again. */
#define BM25_MEMO_NODES 128

static int bm25_memo_init(sum_scratch *sc, uint32_t n, bm25_memo *mm, lede_error *err)
{
    mm->n = n;
    /* Row n holds df 0 .. n: rows of 1, 2, 3 ... entries, row n from n (n + 1) / 2 on. */
    const size_t rows = (size_t)BM25_MEMO_NODES * (BM25_MEMO_NODES + 1) / 2;
    if (n < BM25_MEMO_NODES && sc->bm25_memo == NULL) {
        /* Out of memory here only costs the logs: the document's own memo serves. */
        sc->bm25_memo = malloc(sizeof(double) * rows);
        sc->bm25_known = calloc(rows, 1);
        if (sc->bm25_memo == NULL || sc->bm25_known == NULL) {
            free(sc->bm25_memo);
            free(sc->bm25_known);
            sc->bm25_memo = NULL;
            sc->bm25_known = NULL;
        }
    }
    if (n < BM25_MEMO_NODES && sc->bm25_memo != NULL) {
        mm->idf = sc->bm25_memo + (size_t)n * (n + 1) / 2;
        mm->known = sc->bm25_known + (size_t)n * (n + 1) / 2;
        return 0;
    }
    mm->idf = sum_alloc(&sc->mem, sizeof(double) * (n + 1)); /* read where known[] is set */
    mm->known = sum_zalloc(&sc->mem, n + 1);
    if (mm->idf == NULL || mm->known == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
    return 0;
}

/* The idf of a term held by df (1 .. n) of the graph's sentences. */
static inline double bm25_idf_of(bm25_memo *mm, uint32_t df)
{
    if (!mm->known[df]) {
        mm->idf[df] = log(mm->n - df + 0.5) - log(df + 0.5);
        mm->known[df] = 1;
    }
    return mm->idf[df];
}

/* What a negative idf counts as: BM25_EPSILON times the mean idf of the terms the graph's
 * sentences hold (df[t] of them hold term t), summed in term order. With idf not NULL,
 * also each term's idf into idf[] (0 for a term no graph sentence holds). */
static double bm25_eps(bm25_memo *mm, const sum_model *m, const uint32_t *df, double *idf)
{
    double idf_sum = 0;
    uint32_t idf_n = 0;
    for (uint32_t t = 0; t < m->n_terms; t++) {
        if (df[t] == 0)
            continue;
        double it = bm25_idf_of(mm, df[t]);
        if (idf != NULL)
            idf[t] = it;
        idf_sum += it;
        idf_n++;
    }
    return idf_n > 0 ? BM25_EPSILON * idf_sum / idf_n : 0;
}

/* BM25's idf of every term of the graph's n sentences, df[t] of which hold term t, into
 * idf[] (0 for a term no graph sentence holds), and into *eps what a negative idf counts
 * as. Returns 0 or LEDE_ENOMEM. */
static int bm25_idf(sum_scratch *sc, const sum_model *m, uint32_t n, const uint32_t *df,
                    double *idf, double *eps, lede_error *err)
{
    bm25_memo mm;
    int rc = bm25_memo_init(sc, n, &mm, err);
    if (rc != 0)
        return rc;
    *eps = bm25_eps(&mm, m, df, idf);
    return 0;
}

int sum_textrank(lede_doc *doc, const sum_model *m, sum_scratch *scratch, double *score,
                 lede_error *err)
{
    graph g;
    int rc = graph_init(m, scratch, &g, err);
    if (rc != 0)
        return rc;
    double *idf = lede_doc_alloc(doc, sizeof(double) * (m->n_terms + 1));
    double *rank = lede_doc_alloc(doc, sizeof(double) * (g.n + 1));
    double *dnorm = lede_doc_alloc(doc, sizeof(double) * (g.n + 1));
    /* The BM25 "corpus" is the graph's sentences. */
    uint32_t *df = lede_doc_alloc(doc, sizeof(uint32_t) * (m->n_terms + 1));
    if (idf == NULL || rank == NULL || dnorm == NULL || df == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
    postings p;
    rc = index_graph(doc, m, &g, &p, df, err);
    if (rc != 0)
        return rc;
    double avg_len = bm25_avg_len(m, &g);
    double eps = 0;
    rc = bm25_idf(scratch, m, g.n, df, idf, &eps, err);
    if (rc != 0)
        return rc;
    double *one = lede_doc_alloc(doc, sizeof(double) * ((size_t)p.start[m->n_terms] + 1));
    if (one == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
    bm25_pairs(m, &g, &p, idf, eps, avg_len, dnorm, one);
    for (uint32_t i = 0; i < g.n; i++) {
        for (uint32_t j = i + 1; j < g.n; j++) {
            double w = (g.w[(size_t)i * g.ld + j] + g.w[(size_t)j * g.ld + i]) / 2.0;
            if (w < 0)
                w = 0;
            g.w[(size_t)i * g.ld + j] = g.w[(size_t)j * g.ld + i] = (double)(float)w;
        }
    }
    rc = pagerank(doc, &g, 1, rank, err);
    if (rc != 0)
        return rc;
    scatter(m, &g, rank, score);
    return 0;
}

/* The news method's centrality: PageRank on the textrank graph, a few steps of it.
 *
 * The graph's weights are sums over the terms two sentences share: BM25(q -> d) adds
 * a_q(t) h_d(t) for each, where a_q(t) = tf_q(t) idf(t) and h_d(t) = f (k1 + 1) / (f +
 * dnorm_d) with f = tf_d(t). So the symmetric weights w[i][j] = (BM25(i -> j) + BM25(j ->
 * i)) / 2 times a vector v, summed over j != i, come to
 *     sum over i's terms t of idf(t) / 2 (tf_i(t) (H_t - h_i(t) v_i) + h_i(t) (T_t - tf_i(t) v_i)),
 * where H_t and T_t sum h_j(t) v_j and tf_j(t) v_j over the graph sentences that hold t:
 * two passes over the postings of the terms that link sentences (held by two graph
 * sentences or more) rather than the n x n matrix, its zeroing, BM25 pair by pair and an
 * elimination in n^3 / 6 steps. A term's idf is sum_textrank's; a negative one counts as
 * eps, and where that is negative too the term adds nothing (sum_textrank clips a negative
 * weight to 0; with no share below 0 no weight is, so the clip moves to the terms).
 *
 * PageRank is then NEWS_PR_STEPS power iterations from the uniform vector, not its fixed
 * point: x <- (1 - d) / n + d (dangling rank) / n + d W (x / degree). The centrality of the
 * news method needs the ranking of the sentences, which the first steps settle: on the BBC
 * News Summary set (bench/summary_eval.sh, ratio 0.4), three steps scored ROUGE-1/2/L 81.87
 * / 75.71 / 50.92 against the fixed point's 81.78 / 75.60 / 50.87 (each half of the set's
 * even/odd split moved the same way), two steps 81.72 / 75.51 / 50.78, the weighted degree
 * alone 81.44 / 75.19 / 50.81, the fixed point through this same product 81.78 / 75.60 /
 * 50.87 again. */
#define NEWS_PR_STEPS 3

/* The postings of the terms that link sentences, term by term in ascending term order, each
 * term's in ascending node order. A product then takes a term's H_t and T_t in registers,
 * in the order the nodes come, and adds each posting's share to its node's sum at once:
 * node i still gets its shares in ascending term order, the order of its own term list, so
 * every sum is the same bits as a walk node by node, whose sums per node were each a chain
 * of dependent adds as long as the node's postings (and whose H_t and T_t went through
 * memory). */
typedef struct lowrank {
    uint32_t n;       /* nodes */
    uint32_t n_terms; /* linking terms */
    uint32_t *begin;  /* linking term u's postings are [begin[u], begin[u + 1]) */
    uint32_t *node;   /* per posting: its node */
    double *hf;       /* per posting: h_i(t) and tf_i(t), side by side */
    double *ab;       /* per posting: idf(t) / 2 tf_i(t) and idf(t) / 2 h_i(t) */
    double *self;     /* per node: the sum over its postings of idf(t) tf_i(t) h_i(t) */
    double *sum;      /* per node: the product's sum, before its self term */
} lowrank;

#if defined(__GNUC__)
/* Two doubles, operated on lane by lane: each lane sees the very multiply or add the
 * scalar code gave it (no contraction in ISO C mode), so the results are the same bits,
 * in half the instructions. Loaded and stored with memcpy. */
typedef double lr_pair __attribute__((vector_size(16)));
#endif

/* out = W v, W being the graph's symmetric weights (zero diagonal): for each linking term,
 * H_t = the sum of h v_i and T_t that of f v_i over its postings in node order, then each
 * posting's a H_t + b T_t added to its node's sum; y_i = that sum less self_i v_i. */
static void lowrank_apply(const lowrank *lr, const double *v, double *out)
{
    /* In locals: stores to sum[] could change *lr as far as the compiler knows. */
    double *sum = lr->sum;
    const uint32_t *begin = lr->begin, *node = lr->node;
    const double *hf = lr->hf, *ab = lr->ab;
    const uint32_t n = lr->n, n_terms = lr->n_terms;
    for (uint32_t i = 0; i < n; i++)
        sum[i] = 0;
    for (uint32_t u = 0; u < n_terms; u++) {
        const uint32_t lo = begin[u], hi = begin[u + 1];
#if defined(__GNUC__)
        lr_pair acc = {0, 0};
        for (uint32_t p = lo; p < hi; p++) {
            lr_pair x;
            const lr_pair vi = {v[node[p]], v[node[p]]};
            memcpy(&x, hf + 2 * (size_t)p, sizeof(x));
            acc += x * vi;
        }
        for (uint32_t p = lo; p < hi; p++) {
            lr_pair x;
            memcpy(&x, ab + 2 * (size_t)p, sizeof(x));
            lr_pair prod = x * acc;
            sum[node[p]] += prod[0] + prod[1];
        }
#else
        double h = 0, t = 0;
        for (uint32_t p = lo; p < hi; p++) {
            h += hf[2 * (size_t)p] * v[node[p]];
            t += hf[2 * (size_t)p + 1] * v[node[p]];
        }
        for (uint32_t p = lo; p < hi; p++)
            sum[node[p]] += ab[2 * (size_t)p] * h + ab[2 * (size_t)p + 1] * t;
#endif
    }
    for (uint32_t i = 0; i < n; i++)
        out[i] = sum[i] - lr->self[i] * v[i];
}

/* Each node's BM25 length norm dnorm[i] (bm25_norm) from its length len[i], and
 * h for the counts 1, 2 and 3, bm25_h(c, dnorm[i]), into h[c * (n + 1) + i]: nearly
 * every posting's h, by the general expression. Loops the compiler vectorizes: each lane
 * makes the scalar code's divisions, with the same bits. */
VECTOR_CLONES static void bm25_h_rows(const double *len, double avg_len, uint32_t n, double *dnorm,
                                      double *h)
{
    for (uint32_t i = 0; i < n; i++)
        dnorm[i] = bm25_norm(len[i], avg_len);
    for (uint32_t c = 1; c <= 3; c++) {
        const double f = c;
        double *row = h + (size_t)c * (n + 1);
        for (uint32_t i = 0; i < n; i++)
            row[i] = bm25_h(f, dnorm[i]);
    }
}

/* Lists the postings of the terms that link the graph's sentences (see above), and puts each
 * node's weighted degree into deg[n]. */
static int lowrank_build(const sum_model *m, const graph *g, sum_scratch *sc, lowrank *lr,
                         double *deg, lede_error *err)
{
    uint32_t n = g->n, n_terms = m->n_terms;
    sum_mem *mem = &sc->mem;
    uint32_t *df = sum_alloc(mem, sizeof(uint32_t) * (n_terms + 1));
    uint32_t *pos = sum_alloc(mem, sizeof(uint32_t) * (n_terms + 1));
    uint32_t *linking = sum_alloc(mem, sizeof(uint32_t) * (n_terms + 1));
    double *it_of = sum_alloc(mem, sizeof(double) * (n_terms + 1));
    double *one = sum_alloc(mem, sizeof(double) * (n + 1));
    lr->self = sum_alloc(mem, sizeof(double) * (n + 1));
    lr->sum = sum_alloc(mem, sizeof(double) * (n + 1));
    if (df == NULL || pos == NULL || linking == NULL || it_of == NULL || one == NULL ||
        lr->self == NULL || lr->sum == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
    /* The graph's df of each term. When every eligible sentence is in the graph (a story
     * has a few dozen, the graph room for SUM_GRAPH_MAX), it is the model's df less the
     * ineligible sentences that hold the term, a handful: cheaper than counting the graph
     * sentences' terms again. */
    size_t total = 0;
    if (n == m->n_eligible) {
        memcpy(df, m->df, sizeof(uint32_t) * n_terms);
        for (uint32_t i = 0; i < m->n_sent; i++) {
            const sum_sent *s = &m->sent[i];
            if (s->eligible) {
                total += s->n_terms;
                continue;
            }
            for (uint32_t k = 0; k < s->n_terms; k++)
                df[s->term[k]]--;
        }
    } else {
        memset(df, 0, sizeof(uint32_t) * n_terms);
        for (uint32_t i = 0; i < n; i++) {
            const sum_sent *s = &m->sent[g->node[i]];
            total += s->n_terms;
            for (uint32_t k = 0; k < s->n_terms; k++)
                df[s->term[k]]++;
        }
    }
    /* The terms held by two graph sentences or more, ascending. Most terms are in one
     * sentence, in no order a branch could predict: every term is written, and only one
     * that links is counted. */
    uint32_t n_link = 0;
    for (uint32_t t = 0; t < n_terms; t++) {
        linking[n_link] = t;
        n_link += (uint32_t)(df[t] >= 2);
    }
    /* Only the terms that link sentences need their idf, and eps only when one of them has
     * a negative idf: a sum over every term, which most stories never need. */
    bm25_memo mm;
    int rc = bm25_memo_init(sc, n, &mm, err);
    if (rc != 0)
        return rc;
    lr->begin = sum_alloc(mem, sizeof(uint32_t) * (n_link + 1));
    lr->node = sum_alloc(mem, sizeof(uint32_t) * (n + total + 1));
    double *hf = sum_alloc(mem, sizeof(double) * 2 * (n + total + 1));
    double *ab = sum_alloc(mem, sizeof(double) * 2 * (n + total + 1));
    if (lr->begin == NULL || lr->node == NULL || hf == NULL || ab == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
    /* Where each term's next posting goes, and the term's idf: a term that does not link is
     * in one graph sentence at most (or, with no weight, in a few), has an idf of 0 here, and
     * writes its postings to the first n places, before the linking terms', where nothing
     * reads them, so that the walk over the sentences needs no test. */
    memset(pos, 0, sizeof(uint32_t) * n_terms);
    memset(it_of, 0, sizeof(double) * n_terms); /* all bits zero: +0.0 */
    double eps = 0;
    int have_eps = 0;
    uint32_t at = n, u = 0;
    for (uint32_t k = 0; k < n_link; k++) {
        uint32_t t = linking[k];
        double it = bm25_idf_of(&mm, df[t]);
        if (it < 0) {
            if (!have_eps) {
                eps = bm25_eps(&mm, m, df, NULL);
                have_eps = 1;
            }
            it = eps;
        }
        if (!(it > 0))
            continue;
        it_of[t] = it;
        pos[t] = at;
        lr->begin[u++] = at;
        at += df[t];
    }
    lr->begin[u] = at;
    lr->n_terms = u;
    /* Each posting's h, f, a and b are written as the walk over the graph sentences places
     * it, and its node's self term summed in a register: node i's postings come in its term
     * list's order, ascending, as the term by term product gives them. A posting of a term
     * that does not link adds idf 0 * f * h = +0.0, which changes no sum. */
    double *len = sum_alloc(mem, sizeof(double) * (n + 1));
    double *dnorm = sum_alloc(mem, sizeof(double) * (n + 1));
    double *hc = sum_alloc(mem, sizeof(double) * 4 * ((size_t)n + 1));
    if (len == NULL || dnorm == NULL || hc == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
    for (uint32_t i = 0; i < n; i++)
        len[i] = m->sent[g->node[i]].n_content;
    bm25_h_rows(len, bm25_avg_len(m, g), n, dnorm, hc);
    uint32_t *node = lr->node;
    double *self = lr->self;
    for (uint32_t i = 0; i < n; i++) {
        const sum_sent *s = &m->sent[g->node[i]];
        const uint32_t *term = s->term, *stf = s->tf, k_end = s->n_terms;
        const double *hk = hc + i;
        double own = 0;
        for (uint32_t k = 0; k < k_end; k++) {
            const uint32_t t = term[k], c = stf[k], p = pos[t]++;
            const double it = it_of[t], f = c;
            const double h = c <= 3 ? hk[(size_t)c * (n + 1)] : bm25_h(f, dnorm[i]);
            node[p] = i;
            hf[2 * (size_t)p] = h;
            hf[2 * (size_t)p + 1] = f;
            ab[2 * (size_t)p] = it / 2 * f;
            ab[2 * (size_t)p + 1] = it / 2 * h;
            own += it * f * h;
        }
        self[i] = own;
        one[i] = 1.0;
    }
    lr->hf = hf;
    lr->ab = ab;
    lr->n = n;
    /* The degrees are W times a vector of ones: the product's H_t and T_t then sum h and f
     * times 1, which changes no bit. */
    lowrank_apply(lr, one, deg);
    return 0;
}

int sum_news_centrality(lede_doc *doc, const sum_model *m, sum_scratch *scratch, double *score,
                        lede_error *err)
{
    (void)doc; /* everything comes from the working memory */
    graph g = {0};
    int rc = graph_nodes(&scratch->mem, m, &g, err);
    if (rc != 0)
        return rc;
    uint32_t n = g.n;
    /* Each written before it is read. */
    double *deg = sum_alloc(&scratch->mem, sizeof(double) * (n + 1));
    double *v = sum_alloc(&scratch->mem, sizeof(double) * (n + 1));
    double *y = sum_alloc(&scratch->mem, sizeof(double) * (n + 1));
    double *rank = sum_alloc(&scratch->mem, sizeof(double) * (n + 1));
    if (deg == NULL || v == NULL || y == NULL || rank == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
    lowrank lr = {0};
    rc = lowrank_build(m, &g, scratch, &lr, deg, err);
    if (rc != 0)
        return rc;
    for (uint32_t i = 0; i < n; i++)
        rank[i] = 1.0 / n;
    for (int step = 0; step < NEWS_PR_STEPS; step++) {
        double dangling = 0;
        for (uint32_t i = 0; i < n; i++) {
            /* A node without edges has degree 0 exactly: no posting, no self term. */
            v[i] = deg[i] > 0 ? rank[i] / deg[i] : 0;
            dangling += deg[i] > 0 ? 0 : rank[i];
        }
        lowrank_apply(&lr, v, y);
        double base = (1.0 - DAMPING) / n + DAMPING * dangling / n;
        for (uint32_t i = 0; i < n; i++)
            rank[i] = base + DAMPING * y[i];
    }
    scatter(m, &g, rank, score);
    return 0;
}

int sum_lexrank(lede_doc *doc, const sum_model *m, sum_scratch *scratch, double *score,
                lede_error *err)
{
    graph g;
    int rc = graph_init(m, scratch, &g, err);
    if (rc != 0)
        return rc;
    double *idf = lede_doc_alloc(doc, sizeof(double) * (m->n_terms + 1));
    double *norm = lede_doc_alloc(doc, sizeof(double) * (m->n_sent + 1));
    double *rank = lede_doc_alloc(doc, sizeof(double) * (g.n + 1));
    double *dot = pair_buffer(scratch, g.n);
    uint32_t *df = lede_doc_alloc(doc, sizeof(uint32_t) * (m->n_terms + 1));
    if (idf == NULL || norm == NULL || rank == NULL || dot == NULL || df == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
    postings p;
    rc = index_graph(doc, m, &g, &p, df, err);
    if (rc != 0)
        return rc;
    /* LexRank's idf is the plain log(N / df), with sentences as documents. */
    for (uint32_t t = 0; t < m->n_terms; t++)
        idf[t] = log((double)m->n_sent / m->df[t]);
    for (uint32_t i = 0; i < g.n; i++)
        norm[g.node[i]] = sum_norm(m, idf, g.node[i]);
    /* The idf-modified cosine (defined in summarizer.h) of every pair i < j: dot products
     * term by term in ascending order, over the pairs that share the term, then norms. */
    for (uint32_t k = 0; k < p.n_shared; k++) {
        uint32_t t = p.shared[k];
        double w = idf[t];
        for (uint32_t a = p.start[t]; a < p.start[t + 1]; a++)
            for (uint32_t b = a + 1; b < p.start[t + 1]; b++)
                dot[(size_t)p.node[a] * g.n + p.node[b]] += p.tf[a] * p.tf[b] * w * w;
    }
    for (uint32_t i = 0; i < g.n; i++) {
        double na = norm[g.node[i]];
        for (uint32_t j = i + 1; j < g.n; j++) {
            double nb = norm[g.node[j]];
            double c = na == 0 || nb == 0 ? 0 : dot[(size_t)i * g.n + j] / (na * nb);
            if (c > LEXRANK_THRESHOLD)
                g.w[(size_t)i * g.ld + j] = g.w[(size_t)j * g.ld + i] = 1.0;
        }
    }
    /* Iterated, not solved: its 0/1 weights make many near-ties, which the iteration's own
     * rounding decides; solved, the summaries shift a little (-0.01 ROUGE-1 on the BBC
     * set). Lexrank is not the default method: it keeps its exact output. */
    rc = pagerank(doc, &g, 0, rank, err);
    if (rc != 0)
        return rc;
    scatter(m, &g, rank, score);
    return 0;
}
