/*
 * rouge.h -- ROUGE-1, ROUGE-2 and ROUGE-L (precision, recall, F1) of one candidate text
 * against one reference, computed as Google's rouge-score package does
 * (https://github.com/google-research/google-research/tree/master/rouge):
 *   tokens   lower-cased; every run of characters outside [a-z0-9] is a separator
 *            (so non-ASCII letters separate words too); with stemming, tokens longer
 *            than 3 bytes are Porter-stemmed (Snowball's "porter" here, NLTK's there:
 *            the two differ on a handful of rare suffixes);
 *   ROUGE-N  clipped n-gram overlap: sum over n-grams of min(count in candidate, count in
 *            reference); P = overlap / candidate n-grams, R = overlap / reference n-grams;
 *   ROUGE-L  longest common subsequence of the two token sequences (rougeL, not
 *            rougeLsum); P = LCS / candidate tokens, R = LCS / reference tokens;
 *   F1       2PR / (P + R), and 0 when P + R = 0.
 */
#ifndef LEDE_BENCH_ROUGE_H
#define LEDE_BENCH_ROUGE_H

#include <stddef.h>

typedef struct rouge_prf {
    double p, r, f;
} rouge_prf;

typedef struct rouge_scores {
    rouge_prf r1, r2, rl;
} rouge_scores;

typedef struct rouge rouge;

/* A scorer; stem != 0 stems tokens with Porter. Returns NULL when out of memory. */
rouge *rouge_new(int stem);
void rouge_free(rouge *r);
/* Tokenizes text as described above into the scorer's token buffer (for tests): returns the
 * number of tokens, or -1 when out of memory; rouge_token() gives the i-th. */
long rouge_tokenize(rouge *r, const char *text, size_t len);
const char *rouge_token(const rouge *r, size_t i);
/* Scores candidate against reference (both NUL-terminated). Returns 0, -1 when out of
 * memory. */
int rouge_score(rouge *r, const char *reference, const char *candidate, rouge_scores *out);

#endif
