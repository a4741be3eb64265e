/*
 * test_summarizer_centrality.c -- the news method's centrality (graph.c, sum_news_centrality).
 *
 * It is three steps of PageRank, from the uniform vector, on the textrank method's BM25
 * graph, computed without the graph's matrix. These tests compute the same three steps
 * the plain way, over the n x n matrix written out from the definition, and compare: on
 * the sample article, on a story with a sentence that links to none (a node without
 * edges, whose rank is spread over all), and on a tiny one whose every term is in every
 * sentence (negative idf, every term then counting as nothing: no edges at all).
 */
#include <setjmp.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_summarizer_util.h"

#define STEPS 3
#define D 0.85

/* The centrality of every sentence, the plain way, into rank[n_sent]: graph nodes get
 * their rank, later eligible sentences half the smallest, the others 0. */
static void reference(const sum_model *m, double *rank)
{
    uint32_t node[SUM_GRAPH_MAX], n = 0;
    for (uint32_t i = 0; i < m->n_sent && n < SUM_GRAPH_MAX; i++)
        if (m->sent[i].eligible)
            node[n++] = i;
    assert_true(n > 0);
    double *idf = calloc(m->n_terms + 1, sizeof(double));
    uint32_t *df = calloc(m->n_terms + 1, sizeof(uint32_t));
    double *w = calloc((size_t)n * n, sizeof(double));
    double out[SUM_GRAPH_MAX] = {0}, dnorm[SUM_GRAPH_MAX], x[SUM_GRAPH_MAX], y[SUM_GRAPH_MAX];
    assert_true(idf != NULL && df != NULL && w != NULL);
    double len = 0;
    for (uint32_t i = 0; i < n; i++) {
        const sum_sent *s = &m->sent[node[i]];
        len += s->n_content;
        for (uint32_t k = 0; k < s->n_terms; k++)
            df[s->term[k]]++;
    }
    double avg = len > 0 ? len / n : 1, sum = 0;
    uint32_t held = 0;
    for (uint32_t t = 0; t < m->n_terms; t++) {
        if (df[t] == 0)
            continue;
        idf[t] = log(n - df[t] + 0.5) - log(df[t] + 0.5);
        sum += idf[t];
        held++;
    }
    double eps = held > 0 ? 0.25 * sum / held : 0;
    for (uint32_t i = 0; i < n; i++)
        dnorm[i] = 1.5 * (0.25 + 0.75 * m->sent[node[i]].n_content / avg);
    /* BM25 of q read as a query against d, each shared term's idf (eps when negative, 0
     * when that is negative too) times its count in q times its saturated count in d. */
    for (uint32_t q = 0; q < n; q++)
        for (uint32_t d = 0; d < n; d++) {
            const sum_sent *a = &m->sent[node[q]], *b = &m->sent[node[d]];
            if (q == d)
                continue;
            for (uint32_t i = 0; i < a->n_terms; i++)
                for (uint32_t j = 0; j < b->n_terms; j++) {
                    if (a->term[i] != b->term[j])
                        continue;
                    double it = idf[a->term[i]] < 0 ? eps : idf[a->term[i]];
                    double f = b->tf[j];
                    w[(size_t)q * n + d] += (it > 0 ? it : 0) * a->tf[i] * f * 2.5 / (f + dnorm[d]);
                }
        }
    for (uint32_t i = 0; i < n; i++)
        for (uint32_t j = 0; j < n; j++)
            out[i] += (w[(size_t)i * n + j] + w[(size_t)j * n + i]) / 2;
    for (uint32_t i = 0; i < n; i++)
        x[i] = 1.0 / n;
    for (int step = 0; step < STEPS; step++) {
        double dangling = 0;
        for (uint32_t j = 0; j < n; j++)
            dangling += out[j] > 0 ? 0 : x[j];
        for (uint32_t i = 0; i < n; i++) {
            y[i] = (1 - D) / n + D * dangling / n;
            for (uint32_t j = 0; j < n; j++)
                if (out[j] > 0)
                    y[i] += D * (w[(size_t)i * n + j] + w[(size_t)j * n + i]) / 2 * x[j] / out[j];
        }
        memcpy(x, y, sizeof(double) * n);
    }
    double lo = INFINITY;
    for (uint32_t i = 0; i < m->n_sent; i++)
        rank[i] = 0;
    for (uint32_t i = 0; i < n; i++) {
        rank[node[i]] = x[i];
        lo = x[i] < lo ? x[i] : lo;
    }
    for (uint32_t i = node[n - 1] + 1; i < m->n_sent; i++)
        if (m->sent[i].eligible)
            rank[i] = lo / 2;
    free(idf);
    free(df);
    free(w);
}

/* sum_news_centrality on text (want_sent sentences) matches the reference to 1e-12. */
static void check(const char *text, uint32_t want_sent)
{
    sum_test_model f;
    sum_test_model_build(&f, text);
    assert_int_equal(f.m.n_sent, want_sent);
    double *got = calloc(f.m.n_sent + 1, sizeof(double));
    double *want = calloc(f.m.n_sent + 1, sizeof(double));
    assert_true(got != NULL && want != NULL);
    lede_error err;
    assert_int_equal(sum_news_centrality(f.doc, &f.m, &f.scratch, got, &err), 0);
    reference(&f.m, want);
    double total = 0;
    for (uint32_t i = 0; i < f.m.n_sent; i++) {
        total += want[i];
        if (fabs(got[i] - want[i]) > 1e-12)
            fail_msg("sentence %u: centrality %.17g, the plain computation %.17g", i, got[i],
                     want[i]);
    }
    /* PageRank keeps the rank's sum (sentences past the graph's room get more). */
    if (f.m.n_eligible <= SUM_GRAPH_MAX)
        assert_true(fabs(total - 1) < 1e-9);
    free(got);
    free(want);
    sum_test_model_free(&f);
}

static void test_news_centrality_is_three_pagerank_steps_on_the_sample_article(void **state)
{
    (void)state;
    check(sum_test_sample(), 43);
}

static void test_news_centrality_spreads_a_sentence_without_links_over_all(void **state)
{
    (void)state;
    check("Drones from Iran reached Russia in August, officials said. "
          "Russia tested the drones from Iran over Crimea. "
          "Officials in Kyiv said the drones failed in Crimea. "
          "The weather stayed mild all week.",
          4);
}

static void test_news_centrality_of_sentences_sharing_every_term_is_uniform(void **state)
{
    (void)state;
    sum_test_model f;
    sum_test_model_build(&f, "Drones flew south. Drones flew south again. South drones flew.");
    double got[4];
    lede_error err;
    assert_int_equal(sum_news_centrality(f.doc, &f.m, &f.scratch, got, &err), 0);
    for (uint32_t i = 0; i < f.m.n_sent; i++)
        if (f.m.sent[i].eligible)
            assert_true(fabs(got[i] - 1.0 / f.m.n_eligible) < 1e-15);
    sum_test_model_free(&f);
    check("Drones flew south. Drones flew south again. South drones flew.", 3);
}

/* More eligible sentences than the graph has room for, after a headline: the graph's df
 * is counted over its first SUM_GRAPH_MAX sentences, not taken from the model's. */
static void test_news_centrality_of_a_story_longer_than_the_graph(void **state)
{
    (void)state;
    const char *places[] = {"Kyiv", "Odesa", "Kharkiv", "Dnipro", "Lviv", "Mykolaiv", "Sumy"};
    const char *things[] = {"drones", "missiles", "shells", "rockets", "jets"};
    const char *verbs[] = {"struck", "hit",     "missed",  "shook",  "burned",
                           "closed", "flooded", "damaged", "emptied"};
    const uint32_t n = SUM_GRAPH_MAX + 40; /* distinct sentences: 7 x 5 x 9 = 315 at most */
    size_t cap = 64 + (size_t)n * 64, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    len += (size_t)snprintf(text, cap, "Strikes across Ukraine\n\n");
    for (uint32_t i = 0; i < n; i++)
        len += (size_t)snprintf(text + len, cap - len, "Officials in %s said %s %s the port. ",
                                places[i % 7], things[(i / 7) % 5], verbs[(i / 35) % 9]);
    assert_true(len < cap);
    check(text, n + 1);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_news_centrality_is_three_pagerank_steps_on_the_sample_article),
        cmocka_unit_test(test_news_centrality_spreads_a_sentence_without_links_over_all),
        cmocka_unit_test(test_news_centrality_of_sentences_sharing_every_term_is_uniform),
        cmocka_unit_test(test_news_centrality_of_a_story_longer_than_the_graph),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
