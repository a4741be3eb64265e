/*
 * summarizer.h -- what the files of the summarizer stage share.
 *
 * The stage works in three steps, one file each:
 *   model.c     turns the token and sentence layers into a sentence-by-term model, each
 *               sentence flagged eligible or not (titles, duplicates, captions); its
 *               words become terms through lexicon.c (lower-cased, stop words dropped,
 *               stemmed with libstemmer, the answers cached in strtab.c's tables);
 *   graph.c     ranks sentences by centrality (TextRank with BM25 weights, LexRank, and
 *               the news method's few PageRank steps on the TextRank graph);
 *   news.c      the default method: centrality + word salience + position + title
 *               overlap, picked greedily with a redundancy penalty (MMR).
 * summarizer.c holds the descriptor, the options and the selection of the final set.
 *
 * What the stage hands back (the summary) lives in the document's arena; what it needs only
 * while it processes a document comes from the instance's scratch and is reused between
 * documents: the working memory of each document (sum_mem, which spills to the arena past
 * a cap), the graph matrices (their size capped by SUM_GRAPH_MAX, so the cost stays close
 * to linear in the document's length) and the lexicon's cache of what each word stems to
 * (capped too, see lexicon.c).
 */
#ifndef LEDE_SUMMARIZER_H
#define LEDE_SUMMARIZER_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lede/doc.h"
#include "lede/error.h"
#include "strtab.h"

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

struct sb_stemmer;

/* A stem's id in the document that last met it. */
typedef struct sum_docterm {
    uint32_t stamp; /* that document's number (sum_lexicon.doc) */
    uint32_t id;
} sum_docterm;

/* lexicon.c: word tokens to per-document term ids, through an instance-wide cache of what
 * each raw word stems to. One lexicon serves one stemmer and stop-word setting. */
typedef struct sum_lexicon {
    sum_strtab words;           /* (kind, raw token) -> stem id or none */
    sum_strtab stems;           /* stem -> stem id (its entry index) */
    struct sb_stemmer *stemmer; /* what the cached answers were computed with */
    /* The same language's ISO-8859-1 stemmer, which stems an ASCII word as `twin_of` does,
     * faster; used for ASCII words while `stemmer` is twin_of. Set by the owner (who frees
     * it), NULL when there is none. */
    struct sb_stemmer *twin;
    struct sb_stemmer *twin_of;
    int stopwords;
    char *word; /* the lower-cased word being classified */
    size_t word_cap;
    sum_docterm *num; /* per stem id: its id in the current document, if any */
    uint32_t stem_cap;
    uint32_t doc;         /* the current document's stamp */
    uint32_t n_doc_terms; /* ids handed out in the current document */
    int no_simd;          /* make every key with the scalar code (tests compare the two) */
} sum_lexicon;

/* A document's word and number tokens, sentence after sentence, as the lexicon read them,
 * and the ones among them that hold a term (not stop words, nor words without content).
 * Sentence i has word_end[i] - word_end[i - 1] words (word_end[-1] being 0), of
 * byte_end[i] - byte_end[i - 1] bytes in all (modulo 2^32), and the stem ids of those with
 * a term are stem[term_end[i - 1] .. term_end[i]). A token that two sentences share is
 * counted in each; one in no sentence is not. */
typedef struct sum_words {
    uint32_t n;
    uint32_t *stem; /* per word with a term: its stem id */
    uint32_t n_terms;
    uint32_t *word_end; /* per sentence, see above (the caller's arrays, n_sent entries) */
    uint32_t *byte_end;
    uint32_t *term_end;
} sum_words;

/* Starts a document: its term ids restart at 0, in order of first occurrence. */
void sum_lexicon_begin(sum_lexicon *lx, struct sb_stemmer *stemmer, int stopwords);
/* Lists the word and number tokens of the sentences ls[0..n_sent) (whose token ranges the
 * caller checked against tok[0..n_tok)) into words, whose stem[] has room for one entry per word or
 * number token of the sentences, plus one, and whose word_end[], byte_end[] and term_end[]
 * have n_sent: each sentence's count of words and of their bytes, which tell the sentences
 * that may repeat an earlier one, and each word with a term with its stem id (private to
 * the lexicon: sum_lexicon_number turns it into the document's term id). Returns 0,
 * LEDE_ENOMEM or LEDE_ETOOBIG. */
int sum_lexicon_words(sum_lexicon *lx, const char *text, size_t text_len, const lede_token *tok,
                      size_t n_tok, const lede_sentence *ls, size_t n_sent, sum_words *words);
/* The current document's term id for a stem id from sum_lexicon_words: 0, 1, 2 ... in
 * order of first call. num and doc are lx->num and lx->doc, *next lx->n_doc_terms: the
 * caller keeps them in locals for a run of words (stores through num could change *lx as
 * far as the compiler knows) and writes *next back after. Inline and without a branch: it
 * runs once per content word, and whether a word's term is new to the document follows no
 * pattern (a branch on it was mispredicted every few words). The cell is written whether
 * or not it changes. */
static inline uint32_t sum_lexicon_number(sum_docterm *num, uint32_t doc, uint32_t stem,
                                          uint32_t *next)
{
    sum_docterm *cell = &num[stem];
    uint32_t is_new = cell->stamp != doc, keep = is_new - 1; /* all ones when seen */
    uint32_t id = (cell->id & keep) | (*next & ~keep);
    cell->stamp = doc;
    cell->id = id;
    *next += is_new;
    return id;
}
void sum_lexicon_free(sum_lexicon *lx);

/* A document's working memory: what the stage needs only while it processes the document
 * comes from one buffer the instance keeps and hands out again for the next document,
 * rather than from the arena allocation by allocation (a call, and zeroing at the reset,
 * for each of some fifty arrays a story). What does not fit comes from the document's
 * arena, and the buffer grows to fit the next time (up to SUM_MEM_KEEP_MAX). */
typedef struct sum_mem {
    char *base;
    size_t cap, used;
    size_t want;   /* what the current document asked for in all */
    lede_doc *doc; /* the current document, whose arena takes what does not fit */
} sum_mem;

/* summarizer.c: starts a document's working memory: everything handed out for the one
 * before is free again. */
void sum_mem_begin(sum_mem *mm, lede_doc *doc);
/* The cold half of sum_alloc and sum_zalloc (summarizer.c): n bytes of the arena, zeroed. */
void *sum_alloc_slow(sum_mem *mm, size_t n);

/* n bytes (16-byte aligned) of the document's working memory, uninitialised: for arrays
 * written before they are read. NULL when out of memory. */
static inline void *sum_alloc(sum_mem *mm, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    mm->want += n;
    if (n <= mm->cap - mm->used) {
        void *p = mm->base + mm->used;
        mm->used += n;
        return p;
    }
    return sum_alloc_slow(mm, n);
}

/* The same, zeroed. What comes from the arena is zero already, and is not written here:
 * the pages of a large array that a document leaves untouched then take no memory. */
static inline void *sum_zalloc(sum_mem *mm, size_t n)
{
    size_t r = (n + 15) & ~(size_t)15;
    mm->want += r;
    if (r <= mm->cap - mm->used) {
        void *p = mm->base + mm->used;
        mm->used += r;
        memset(p, 0, n);
        return p;
    }
    return sum_alloc_slow(mm, r);
}

/* Reusable buffers of one stage instance (never shared between threads). */
typedef struct sum_scratch {
    double *w;    /* graph weights, n x n (float values, see graph.c) */
    size_t w_cap; /* cells allocated */
    double *pair; /* a score per pair of graph nodes (LexRank's dot products), n x n */
    size_t pair_cap;
    sum_words words; /* the current document's words (model.c) */
    size_t words_cap;
    sum_lexicon lex;
    sum_mem mem; /* the current document's working memory */
    /* Logs that depend on two small counts only, kept from one document to the next (see
     * sum_idf and graph.c's bm25_memo): value and a "known" flag per pair. */
    double *idf_memo; /* MMR's idf by (sentences, df), SUM_MEMO_SENT x (SUM_IDF_MEMO + 1) */
    unsigned char *idf_known;
    double *bm25_memo; /* BM25's idf by (graph nodes n, df), n (n + 1) / 2 + df */
    unsigned char *bm25_known;
} sum_scratch;

/* summarizer.c: frees what the scratch holds (not the struct itself). */
void sum_scratch_free(sum_scratch *sc);

/* stopwords.c; SUM_STOPWORD_MAX is the longest stop word's length in bytes. */
#define SUM_STOPWORD_MAX 10
int sum_is_stopword(const char *word, size_t len);
size_t sum_stopword_count(void);
const char *sum_stopword_at(size_t i);

/* model.c: builds the model of doc. stopwords: drop English stop words. Returns 0,
 * LEDE_ENOMEM or LEDE_EINVAL (layers inconsistent with the text), with err filled. */
int sum_model_build(lede_doc *doc, struct sb_stemmer *stemmer, int stopwords, sum_scratch *scratch,
                    sum_model *model, lede_error *err);
/* model.c: after a document (its model is no longer read): a word list sized for a huge
 * document (over a million entries) is freed rather than kept for the next one. */
void sum_model_end(sum_scratch *sc);
/* Writes ids[0..n), distinct, into out[0..n) in ascending order. Meant for the few ids of a
 * sentence's older terms or of a summary's picks (a long list falls back to qsort). */
void sum_sort_distinct(const uint32_t *ids, uint32_t n, uint32_t *out);
/* Document frequencies up to this get their idf computed once per document (sum_idf), and
 * once per instance in documents of fewer than SUM_MEMO_SENT sentences: the idf depends
 * only on the two counts, and a log costs more than the rest of a term's work. */
#define SUM_IDF_MEMO 64
#define SUM_MEMO_SENT 128
/* Smoothed idf per term, 1 + log(n_sent / df) (at least 1), computed only for the terms of
 * the sentences asked for: idf[t] is 0 until one that holds term t is. */
typedef struct sum_idf {
    double *idf;  /* per term, from the working memory */
    double *memo; /* per df up to SUM_IDF_MEMO: the instance's row for n_sent, or memo_own */
    unsigned char *known;
    double memo_own[SUM_IDF_MEMO + 1];
    unsigned char known_own[SUM_IDF_MEMO + 1];
} sum_idf;
/* Starts with no term's idf known (x must stay where it is). Returns 0 or LEDE_ENOMEM. */
int sum_idf_init(sum_scratch *sc, const sum_model *m, sum_idf *x);
/* Makes the idf of every term of sentence a known. */
void sum_idf_need(sum_idf *x, const sum_model *m, uint32_t a);
/* Euclidean norm of sentence a's tf-idf vector. The cosine of two sentences a and b is
 * dot / (norm[a] * norm[b]), 0 when a norm is 0, where dot adds (double)tf_a * tf_b * idf
 * * idf over their shared terms in ascending term order: graph.c (LexRank) and news.c
 * (MMR) each compute it their own fast way, and must keep exactly that expression and
 * order, or the summaries change. */
double sum_norm(const sum_model *m, const double *idf, uint32_t a);

/* graph.c: centrality of every sentence, into score[n_sent] (0 for ineligible ones).
 * Returns 0 or LEDE_ENOMEM. */
int sum_textrank(lede_doc *doc, const sum_model *m, sum_scratch *scratch, double *score,
                 lede_error *err);
/* The news method's centrality: a few steps of PageRank on sum_textrank's graph, in time
 * linear in the graph sentences' terms (see graph.c). */
int sum_news_centrality(lede_doc *doc, const sum_model *m, sum_scratch *scratch, double *score,
                        lede_error *err);
int sum_lexrank(lede_doc *doc, const sum_model *m, sum_scratch *scratch, double *score,
                lede_error *err);

/* summarizer.c: the eligible sentences' indices into order[], best score first, ties in
 * document order; tmp has as much room (n_sent). Returns how many. */
uint32_t sum_rank_eligible(const sum_model *m, const double *score, uint32_t *order, uint32_t *tmp);

/* news.c: the default method's scores, and its redundancy-aware pick of k sentences
 * (max_words 0 = no word budget). picked[] (room for n_sent) receives indices in the
 * order chosen; returns how many were chosen, or a negative LEDE_E* code. */
int sum_news_scores(lede_doc *doc, const sum_model *m, sum_scratch *scratch, double *score,
                    lede_error *err);
int sum_pick_mmr(sum_scratch *scratch, const sum_model *m, const double *score, uint32_t k,
                 uint32_t max_words, uint32_t *picked, lede_error *err);

#endif
