/*
 * kw.h -- what the files of the keywords stage share: the per-document word view and the
 * two scorers.
 *
 * keywords.c owns the descriptor and the life cycle; words.c turns the tokenizer's tokens
 * into normalised, stemmed words (stopwords marked); rank.c ranks terms (TF-IDF) or phrases
 * (RAKE) from those words; background.c is the document-frequency table TF-IDF weighs them against.
 * Everything a document needs is allocated from its arena, so nothing here frees.
 */
#ifndef KW_H
#define KW_H

#include <stddef.h>
#include <stdint.h>

#include <libstemmer.h>
#include <lede/stage.h>

/* One word token of the document, normalised. */
typedef struct kw_word {
    uint32_t start, end; /* byte span in the text, possessive ending excluded */
    uint32_t sentence;   /* index of its sentence */
    uint32_t term;       /* index into kw_view.terms, or KW_STOP for a stopword / non-word */
    uint8_t capitalised; /* written with a capital and not the first word of its sentence */
} kw_word;

#define KW_STOP UINT32_MAX

/* A distinct stem, with how it was written. */
typedef struct kw_term {
    const char *stem;
    uint32_t count;      /* occurrences in the document */
    uint32_t n_lower;    /* occurrences written in lower case */
    uint32_t first;      /* index of its first kw_word */
    uint32_t first_name; /* first capitalised mid-sentence occurrence, or KW_STOP */
} kw_term;

typedef struct kw_view {
    lede_doc *doc;
    const char *text;
    kw_word *words; /* every word-like token, in text order */
    size_t n_words;
    kw_term *terms;
    size_t n_terms;
} kw_view;

/* A ranked keyword: a span of the text with its score. */
typedef struct kw_result {
    uint32_t start, end;
    const char *term; /* display form (arena) */
    const char *stem; /* stem, or stems joined by spaces (arena) */
    double score;
    uint32_t count;
    uint32_t id; /* the term or phrase it was made from */
} kw_result;

/* Builds the view of doc: every word token normalised (lower case, possessive removed),
 * stopwords and words shorter than min_len marked KW_STOP, the others stemmed and
 * interned. Returns 0, LEDE_ENOMEM or LEDE_EINVAL (no token layer) with err filled. */
int kw_view_build(kw_view *v, lede_doc *doc, struct sb_stemmer *stemmer, int min_len,
                  lede_error *err);
/* The display form of term t: lower case, unless it is only ever written capitalised. */
const char *kw_term_display(const kw_view *v, uint32_t t);
/* Lower-cases text[0..len) into out (room for 4 * len + 1 bytes), folding ’ to ', and
 * NUL-terminates it. Returns the length written. */
size_t kw_fold(const char *text, size_t len, char *out);
/* 1 when the lower-cased word is an English stopword. */
int kw_is_stopword(const char *word, size_t len);
/* The sorted stopword table and its length (for the test that checks the order). */
const char *const *kw_stopword_table(size_t *n);

/* A stem's document frequency in the background table (0 when absent). */
uint32_t kw_background_df(const char *stem);

/* Rank terms by TF-IDF against the background table, or phrases by RAKE. Each fills
 * out[0..*n) (arena) best first, at most max entries. Return 0 or LEDE_ENOMEM. */
int kw_rank_tfidf(const kw_view *v, size_t max, kw_result **out, size_t *n, lede_error *err);
int kw_rank_rake(const kw_view *v, size_t max, kw_result **out, size_t *n, lede_error *err);

#endif
