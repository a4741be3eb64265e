/*
 * summarizer.h -- what the files of the summarizer stage share.
 *
 * The stage works in three steps, one file each:
 *   model.c     turns the token and sentence layers into a sentence-by-term model:
 *               lower-cased, stop words dropped, stemmed with libstemmer, and each
 *               sentence flagged eligible or not (titles, duplicates, captions);
 *   graph.c     ranks sentences by centrality (TextRank with BM25 weights, LexRank);
 *   news.c      the default method: centrality + word salience + position + title
 *               overlap, picked greedily with a redundancy penalty (MMR).
 * summarizer.c holds the descriptor, the options and the selection of the final set.
 *
 * Everything a document needs lives in its arena, except the graph matrix, which is a
 * scratch buffer owned by the instance and reused between documents (its size is capped
 * by SUM_GRAPH_MAX, so the cost stays close to linear in the document's length).
 */
#ifndef LEDE_SUMMARIZER_H
#define LEDE_SUMMARIZER_H

#include <stddef.h>
#include <stdint.h>

#include "lede/doc.h"
#include "lede/error.h"

/* Only the first SUM_GRAPH_MAX eligible sentences enter a similarity graph; later ones
 * get the smallest centrality. News stories put their substance first, and this keeps
 * the quadratic graph to at most SUM_GRAPH_MAX^2 cells whatever the document's size. */
#define SUM_GRAPH_MAX 256

typedef enum sum_method { SUM_NEWS = 0, SUM_LEAD, SUM_TEXTRANK, SUM_LEXRANK } sum_method;

/* One sentence as a bag of stemmed content terms. */
typedef struct sum_sent {
    uint32_t *term;           /* term ids, sorted ascending, unique */
    uint32_t *tf;             /* occurrences of term[i] in this sentence */
    uint32_t n_terms;         /* distinct terms */
    uint32_t n_content;       /* content terms counted with repetition */
    uint32_t n_words;         /* word and number tokens, stop words included */
    uint32_t paragraph;       /* paragraph index, or LEDE_NONE without a paragraph layer */
    unsigned final_punct : 1; /* ends with . ! ? or an ellipsis (before closing quotes) */
    unsigned eligible : 1;    /* may be picked for the summary */
    unsigned is_title : 1;    /* the headline or a copy of it */
} sum_sent;

typedef struct sum_model {
    sum_sent *sent;
    uint32_t n_sent;
    uint32_t n_eligible;
    uint32_t n_terms; /* vocabulary size */
    uint32_t *df;     /* number of sentences that contain each term */
    uint32_t *cf;     /* occurrences of each term in the whole document */
    uint32_t title;   /* index of the headline sentence, or LEDE_NONE */
} sum_model;

/* Reusable buffers of one stage instance (never shared between threads). */
typedef struct sum_scratch {
    float *w;     /* graph weights, n x n */
    size_t w_cap; /* cells allocated */
    char *word;   /* lower-cased word being looked up */
    size_t word_cap;
} sum_scratch;

struct sb_stemmer;

/* stopwords.c */
int sum_is_stopword(const char *word, size_t len);
size_t sum_stopword_count(void);
const char *sum_stopword_at(size_t i);

/* model.c: builds the model of doc. stopwords: drop English stop words. Returns 0,
 * LEDE_ENOMEM or LEDE_EINVAL (layers inconsistent with the text), with err filled. */
int sum_model_build(lede_doc *doc, struct sb_stemmer *stemmer, int stopwords, sum_scratch *scratch,
                    sum_model *model, lede_error *err);
/* Smoothed idf per term, 1 + log(n_sent / df). Array from the arena, NULL when out of
 * memory. */
double *sum_idf(lede_doc *doc, const sum_model *m);
/* Euclidean norm of sentence a's tf-idf vector. */
double sum_norm(const sum_model *m, const double *idf, uint32_t a);
/* Cosine of two sentences' tf-idf vectors, given every sentence's norm. */
double sum_cosine(const sum_model *m, const double *idf, const double *norm, uint32_t a,
                  uint32_t b);

/* graph.c: centrality of every sentence, into score[n_sent] (0 for ineligible ones).
 * Returns 0 or LEDE_ENOMEM. */
int sum_textrank(lede_doc *doc, const sum_model *m, sum_scratch *scratch, double *score,
                 lede_error *err);
int sum_lexrank(lede_doc *doc, const sum_model *m, sum_scratch *scratch, double *score,
                lede_error *err);

/* news.c: the default method's scores, and its redundancy-aware pick of k sentences
 * (max_words 0 = no word budget). picked[] receives indices in the order chosen;
 * returns how many were chosen, or a negative LEDE_E* code. */
int sum_news_scores(lede_doc *doc, const sum_model *m, sum_scratch *scratch, double *score,
                    lede_error *err);
int sum_pick_mmr(lede_doc *doc, const sum_model *m, const double *score, uint32_t k,
                 uint32_t max_words, uint32_t *picked, lede_error *err);

#endif
