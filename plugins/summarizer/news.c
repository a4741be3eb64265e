/*
 * news.c -- the default method, tuned for news stories, and its redundancy-aware pick.
 *
 * A news story states its point first and then elaborates, quotes and repeats itself, so
 * no single signal is enough. Each eligible sentence gets a weighted sum of four features,
 * each scaled to 0..1 over the document:
 *   centrality  PageRank on the textrank method's BM25 graph, three power steps from the
 *               uniform vector (graph.c, sum_news_centrality): sentences that many others
 *               echo;
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
 * The pick is lazy: each round scans the candidates best score first and stops where no
 * later one can win, and a candidate's cosines with the picks (summarizer.h defines them, to
 * the order of the sum) are computed only when a scan reaches it. With a few sentences to
 * pick among dozens, most cosines are never needed; those that are come out the same bits.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "summarizer.h"

#define W_CENTRALITY 0.30
#define W_SALIENCE 0.40
#define W_POSITION 0.15
#define W_TITLE 0.05
/* The score of a sentence that starts inside a quotation is multiplied by this: see
 * starts_inside_quote. 0.8 left ROUGE on the BBC set as it was (+0.01 to +0.02) and kept
 * 55 of 62 such sentences out of its 3-sentence summaries; 0.5 cost 0.03 to 0.05 point,
 * making them ineligible 0.7 point of ROUGE-1. */
#define INSIDE_QUOTE 0.8
#define LAMBDA 0.70
/* Below this cosine two sentences are not saying the same thing: no penalty. */
#define REDUNDANT 0.50
#define MMR_POOL (4 * SUM_GRAPH_MAX)
/* Picks whose counts are spread over a dense array for the cosines (a word of memory per
 * term each), as long as those arrays hold at most MMR_SPREAD_CELLS words in all; later ones
 * are merged term list against term list. A merge's branches follow no pattern: on the
 * BBC corpus, where a story of more than 42 eligible sentences takes more than 8 picks at
 * ratio 0.2, 64 arrays took 15% less of the pick's time than 8. */
#define MMR_SPREAD 64
#define MMR_SPREAD_CELLS ((size_t)1 << 18)
/* Candidates ranked one by one as the pick asks for them (cands_upto); more are merged. */
#define RANK_CANDS_MAX 32

/* The document's quotation marks, met in order: the next '"' and the next U+201C or U+201D
 * at or after a position. The sentences are in text order, so one memchr chain over the
 * text serves them all (a search per sentence cost 1% of the pipeline's instructions). */
typedef struct quote_marks {
    const char *text, *end;
    const char *dq;    /* the next '"' at or after the last sentence asked about, or end */
    const char *curly; /* the next U+201C or U+201D, or end */
} quote_marks;

static const char *find_curly(const char *p, const char *end)
{
    for (p = memchr(p, 0xE2, (size_t)(end - p)); p != NULL;
         p = memchr(p + 1, 0xE2, (size_t)(end - p - 1)))
        if (end - p >= 3 && (unsigned char)p[1] == 0x80 &&
            ((unsigned char)p[2] == 0x9C || (unsigned char)p[2] == 0x9D))
            return p;
    return end;
}

/* Whether the sentence text[start, end) starts inside a quotation that an earlier sentence
 * opened: its first quotation mark closes one (a U+201D, or a '"' right after , . ! or ?).
 * `If the oil price does not rise..., the deficit will widen," Vincent Koen said.` reads as
 * half a quotation out of its story. Sentences must be asked in text order. */
static int starts_inside_quote(quote_marks *q, uint32_t start, uint32_t end)
{
    const char *s = q->text + start, *e = q->text + end;
    if (q->dq < s) {
        q->dq = memchr(s, '"', (size_t)(q->end - s));
        if (q->dq == NULL)
            q->dq = q->end;
    }
    if (q->curly < s)
        q->curly = find_curly(s, q->end);
    if (q->curly < q->dq)
        return q->curly < e && (unsigned char)q->curly[2] == 0x9D;
    const char *d = q->dq;
    return d < e && d > s && (d[-1] == ',' || d[-1] == '.' || d[-1] == '!' || d[-1] == '?');
}

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
    sum_mem *mm = &scratch->mem;
    double *central = sum_zalloc(mm, sizeof(double) * (n + 1));
    double *salient = sum_zalloc(mm, sizeof(double) * (n + 1));
    double *title = sum_zalloc(mm, sizeof(double) * (n + 1));
    if (central == NULL || salient == NULL || title == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
    int rc = sum_news_centrality(doc, m, scratch, central, err);
    if (rc != 0)
        return rc;
    scale_to_unit(m, central);

    const sum_sent *t = m->title != LEDE_NONE ? &m->sent[m->title] : NULL;
    unsigned char *in_title = sum_zalloc(mm, m->n_terms + 1);
    if (in_title == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
    for (uint32_t k = 0; t != NULL && k < t->n_terms; k++)
        in_title[t->term[k]] = 1;
    /* A sentence's mass sums cf * tf over its terms, integers: in doubles, every product and
     * partial sum is exact while it stays below 2^53, and then the sum is the same number
     * in any order and in integers, which add without waiting 4 cycles each for the
     * previous add. A sum is at most the document's content words squared: below 2^26 of
     * them it is exact (a bigger document takes the doubles, in term order as before). */
    uint64_t content = 0;
    for (uint32_t i = 0; i < n; i++)
        content += m->sent[i].n_content;
    const int exact = content < ((uint64_t)1 << 26);
    for (uint32_t i = 0; i < n; i++) {
        const sum_sent *s = &m->sent[i];
        if (!s->eligible)
            continue;
        uint32_t shared = 0;
        double mass = 0;
        if (exact) {
            uint64_t sum = 0;
            for (uint32_t k = 0; k < s->n_terms; k++) {
                sum += (uint64_t)m->cf[s->term[k]] * s->tf[k];
                shared += in_title[s->term[k]];
            }
            mass = (double)sum;
        } else {
            for (uint32_t k = 0; k < s->n_terms; k++) {
                mass += (double)m->cf[s->term[k]] * s->tf[k];
                shared += in_title[s->term[k]];
            }
        }
        /* The mean, not the sum: a long sentence is not more on topic for being long. */
        salient[i] = s->n_content > 0 ? mass / s->n_content : 0;
        if (t != NULL && t->n_terms > 0)
            title[i] = (double)shared / t->n_terms;
    }
    scale_to_unit(m, salient);

    size_t text_len, n_ls;
    const char *text = lede_doc_text(doc, &text_len);
    const lede_sentence *ls = lede_doc_sentences(doc, &n_ls);
    quote_marks marks = {text, text + text_len, text + text_len, find_curly(text, text + text_len)};
    marks.dq = memchr(text, '"', text_len);
    if (marks.dq == NULL)
        marks.dq = marks.end;
    uint32_t rank = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (!m->sent[i].eligible) {
            score[i] = 0;
            continue;
        }
        double position = rank++ == 0 ? 1.0 : 0.0;
        score[i] = W_CENTRALITY * central[i] + W_SALIENCE * salient[i] + W_POSITION * position +
                   W_TITLE * title[i];
        if (i < n_ls && starts_inside_quote(&marks, ls[i].start, ls[i].end))
            score[i] *= INSIDE_QUOTE;
    }
    return 0;
}

typedef struct cand {
    double score;
    uint32_t index;
} cand;

/* The eligible sentences as candidates, best score first, equal scores in document order
 * (so the pick is deterministic), ranked as the pick asks for them: c[0 .. ranked) are in
 * place. A story has a few dozen candidates and its pick reads about one more than it
 * takes, so each next one is found by a scan of the rest (without a branch on the
 * compare) when it is asked for, rather than all of them ranked up front. A longer
 * document's are merged at once (sum_rank_eligible, the same order). */
typedef struct cands {
    cand *c;
    uint32_t n, ranked;
    double s[RANK_CANDS_MAX]; /* unranked candidates' scores, -INFINITY once ranked */
    uint32_t index[RANK_CANDS_MAX];
} cands;

/* Starts x on the eligible sentences of m; order[] and tmp[] have room for n_sent each
 * when there are more than RANK_CANDS_MAX, and are unused otherwise. */
static void cands_init(cands *x, const sum_model *m, const double *score, cand *c, uint32_t *order,
                       uint32_t *tmp)
{
    x->c = c;
    x->n = 0;
    x->ranked = 0;
    if (m->n_eligible > RANK_CANDS_MAX) {
        x->n = x->ranked = sum_rank_eligible(m, score, order, tmp);
        for (uint32_t i = 0; i < x->n; i++)
            c[i] = (cand){score[order[i]], order[i]};
        return;
    }
    for (uint32_t i = 0; i < m->n_sent; i++) {
        if (!m->sent[i].eligible)
            continue;
        x->s[x->n] = score[i];
        x->index[x->n++] = i;
    }
}

/* Ranks the candidates up to c[i] (i < x->n). Scores are finite: the best unranked one is
 * the first, in document order, of the highest score. */
static inline void cands_upto(cands *x, uint32_t i)
{
    while (x->ranked <= i) {
        double best = -INFINITY;
        uint32_t at = 0;
        for (uint32_t j = 0; j < x->n; j++) {
            int better = x->s[j] > best;
            best = better ? x->s[j] : best;
            at = better ? j : at;
        }
        x->c[x->ranked++] = (cand){best, x->index[at]};
        x->s[at] = -INFINITY;
    }
}

/* The dot product of sentences a and b (see summarizer.h), b's counts spread in b_tf[]. */
static double dot_spread(const sum_model *m, const double *idf, uint32_t a, const uint32_t *b_tf)
{
    const sum_sent *x = &m->sent[a];
    /* No test for a shared term: an absent one adds +0.0, which leaves the sum as it was
     * (idf is finite), and a branch the CPU cannot predict costs more than the multiply. */
    double dot = 0;
    for (uint32_t i = 0; i < x->n_terms; i++) {
        double w = idf[x->term[i]];
        dot += (double)x->tf[i] * b_tf[x->term[i]] * w * w;
    }
    return dot;
}

/* The same dot product by merging the two term lists: the shared terms in the same
 * ascending order with the same expression, and the others, which added +0.0 above, left
 * out, so the result is the same bits. For a pick older than the one spread in b_tf. */
static double dot_merge(const sum_model *m, const double *idf, uint32_t a, uint32_t b)
{
    const sum_sent *x = &m->sent[a], *y = &m->sent[b];
    double dot = 0;
    for (uint32_t i = 0, j = 0; i < x->n_terms && j < y->n_terms;) {
        uint32_t tx = x->term[i], ty = y->term[j];
        if (tx < ty) {
            i++;
        } else if (tx > ty) {
            j++;
        } else {
            double w = idf[tx];
            dot += (double)x->tf[i] * y->tf[j] * w * w;
            i++;
            j++;
        }
    }
    return dot;
}

/* Candidate i's norm (see sum_norm), computed the first time it is asked for: most
 * candidates are never reached by the lazy scan of sum_pick_mmr. norm[i] < 0: not yet.
 * So are the idf of its terms, which are all that its cosines read: those with a pick
 * take its terms shared with the pick. */
static double cand_norm(const sum_model *m, sum_idf *idf, const cand *c, double *norm, uint32_t i)
{
    if (norm[i] < 0) {
        sum_idf_need(idf, m, c[i].index);
        norm[i] = sum_norm(m, idf->idf, c[i].index);
    }
    return norm[i];
}

int sum_pick_mmr(sum_scratch *scratch, const sum_model *m, const double *score, uint32_t k,
                 uint32_t max_words, uint32_t *picked, lede_error *err)
{
    sum_mem *mm = &scratch->mem;
    /* picked[] is free until the pick begins. */
    cand *c = sum_alloc(mm, sizeof(cand) * (m->n_eligible + 1));
    uint32_t *order =
        m->n_eligible > RANK_CANDS_MAX ? sum_alloc(mm, sizeof(uint32_t) * m->n_sent) : NULL;
    if (c == NULL || (m->n_eligible > RANK_CANDS_MAX && order == NULL))
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
    cands cs;
    cands_init(&cs, m, score, c, order, picked);
    uint32_t n = cs.n;
    uint32_t pool = n < MMR_POOL ? n : MMR_POOL;
    sum_idf idfs;
    double *idf = NULL; /* idfs.idf, from the first time a cosine is needed */
    double *norm = sum_alloc(mm, sizeof(double) * (pool + 1)); /* set before it is read */
    double *max_sim = sum_zalloc(mm, sizeof(double) * (pool + 1));
    uint32_t *seen = sum_zalloc(mm, sizeof(uint32_t) * (pool + 1));
    uint32_t *upd = sum_alloc(mm, sizeof(uint32_t) * (pool + 1));
    unsigned char *taken = sum_zalloc(mm, n + 1);
    /* The first n_spread picks with weight, each spread over an array of its own. */
    uint32_t *spread[MMR_SPREAD];
    uint32_t n_spread = 0;
    uint32_t *picked_tf = sum_zalloc(mm, sizeof(uint32_t) * (m->n_terms + 1));
    if (norm == NULL || max_sim == NULL || seen == NULL || upd == NULL || taken == NULL ||
        picked_tf == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");

    uint32_t got = 0, words = 0, n_upd = 0;
    /* Phase 1: maximal marginal relevance among the pool's best candidates.
     *
     * Lazily: a candidate's value is at most LAMBDA * its score, and candidates come best
     * score first, so the scan stops at the first one whose bound cannot beat the best value
     * found (ties go to the earlier candidate, as before). A candidate's largest cosine with
     * the picks (upd[], the picks with weight) is brought up to date only when the scan
     * reaches it: seen[i] picks are already in max_sim[i]. The maximum does not depend on
     * when it is taken, so every value compared is the one the eager update gave. Each of
     * the first picks (n_spread of them, see MMR_SPREAD) is spread over an array of its own
     * (spread[]) for a dense dot product, branch-free, whichever pick a candidate still owes;
     * later picks, which only long summaries of long documents have, are merged. */
    while (got < k && got < SUM_GRAPH_MAX) {
        uint32_t best = UINT32_MAX;
        double best_val = -INFINITY;
        /* cppcheck-suppress knownConditionTrueFalse ; false positive: pool > 0 here */
        for (uint32_t i = 0; i < pool; i++) {
            cands_upto(&cs, i);
            if (taken[i])
                continue;
            if (LAMBDA * c[i].score <= best_val)
                break;
            uint32_t a = c[i].index;
            if (max_words > 0 && words + m->sent[a].n_words > max_words)
                continue;
            if (seen[i] < n_upd) {
                if (cand_norm(m, &idfs, c, norm, i) != 0) {
                    for (uint32_t u = seen[i]; u < n_upd; u++) {
                        double dot = u < n_spread ? dot_spread(m, idf, a, spread[u])
                                                  : dot_merge(m, idf, a, c[upd[u]].index);
                        double sim = dot / (norm[i] * norm[upd[u]]);
                        if (sim > max_sim[i])
                            max_sim[i] = sim;
                    }
                }
                seen[i] = n_upd;
            }
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
        /* Nothing to update after the last pick. */
        if (got == k || got == SUM_GRAPH_MAX)
            continue;
        if (idf == NULL) {
            if (sum_idf_init(scratch, m, &idfs) != 0)
                return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
            idf = idfs.idf;
            /* Norms are computed when a cosine first needs them (cand_norm): -1 until. */
            for (uint32_t i = 0; i < pool; i++)
                norm[i] = -1;
        }
        /* A sentence without weight has cosine 0 with anything: no update. */
        if (cand_norm(m, &idfs, c, norm, best) == 0)
            continue;
        /* Spread only while every earlier pick is (u < n_spread reads the arrays). */
        if (n_spread == n_upd && n_upd < MMR_SPREAD &&
            (size_t)(n_upd + 1) * (m->n_terms + 1) <= MMR_SPREAD_CELLS) {
            /* The first array needs no allocation: it is picked_tf. */
            spread[n_upd] =
                n_upd == 0 ? picked_tf : sum_zalloc(mm, sizeof(uint32_t) * (m->n_terms + 1));
            if (spread[n_upd] == NULL)
                return lede_error_set(err, LEDE_ENOMEM, "summarizer: out of memory");
            const sum_sent *ps = &m->sent[s];
            for (uint32_t t = 0; t < ps->n_terms; t++)
                spread[n_upd][ps->term[t]] = ps->tf[t];
            n_spread++;
        }
        upd[n_upd++] = best;
    }
    /* Phase 2, for long documents or a tight word budget: score order, one pass. */
    for (uint32_t i = 0; i < n && got < k; i++) {
        cands_upto(&cs, i);
        if (taken[i])
            continue;
        if (max_words > 0 && words + m->sent[c[i].index].n_words > max_words)
            continue;
        taken[i] = 1;
        picked[got++] = c[i].index;
        words += m->sent[c[i].index].n_words;
    }
    /* No sentence fits the word budget: the best one alone beats an empty summary. */
    if (got == 0 && n > 0) {
        cands_upto(&cs, 0);
        picked[got++] = c[0].index;
    }
    return (int)got;
}
