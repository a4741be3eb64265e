/*
 * stopwords.c -- the English function words the summarizer ignores.
 *
 * Sentence similarity and word salience should be driven by content words; "the", "which"
 * and "is" appear in nearly every sentence and would make every sentence look alike.
 * The list is NLTK's English list (179 words, including the contraction fragments its own
 * tokenizer produces: "doesn", "t", "ll"), a standard that makes results comparable. We
 * tried adding reporting verbs ("said", "says") and a longer list: on the BBC News Summary
 * set both cost about 2 ROUGE points, since who said what is often the news itself. It is
 * compared against the lower-cased word before stemming, typographic apostrophes folded.
 *
 * The table must stay sorted by byte value (strcmp order): lookups are a binary search,
 * and tests/test_summarizer_terms.c checks the order so that an edit cannot break it, and
 * that no entry is longer than SUM_STOPWORD_MAX. The lexicon caches every answer, so
 * this runs once per distinct word of a run, not once per word.
 */
#include "summarizer.h"

static const char *const stopwords[] = {
    "a",          "about",    "above",     "after",      "again",   "against", "ain",
    "all",        "am",       "an",        "and",        "any",     "are",     "aren",
    "aren't",     "as",       "at",        "be",         "because", "been",    "before",
    "being",      "below",    "between",   "both",       "but",     "by",      "can",
    "couldn",     "couldn't", "d",         "did",        "didn",    "didn't",  "do",
    "does",       "doesn",    "doesn't",   "doing",      "don",     "don't",   "down",
    "during",     "each",     "few",       "for",        "from",    "further", "had",
    "hadn",       "hadn't",   "has",       "hasn",       "hasn't",  "have",    "haven",
    "haven't",    "having",   "he",        "her",        "here",    "hers",    "herself",
    "him",        "himself",  "his",       "how",        "i",       "if",      "in",
    "into",       "is",       "isn",       "isn't",      "it",      "it's",    "its",
    "itself",     "just",     "ll",        "m",          "ma",      "me",      "mightn",
    "mightn't",   "more",     "most",      "mustn",      "mustn't", "my",      "myself",
    "needn",      "needn't",  "no",        "nor",        "not",     "now",     "o",
    "of",         "off",      "on",        "once",       "only",    "or",      "other",
    "our",        "ours",     "ourselves", "out",        "over",    "own",     "re",
    "s",          "same",     "shan",      "shan't",     "she",     "she's",   "should",
    "should've",  "shouldn",  "shouldn't", "so",         "some",    "such",    "t",
    "than",       "that",     "that'll",   "the",        "their",   "theirs",  "them",
    "themselves", "then",     "there",     "these",      "they",    "this",    "those",
    "through",    "to",       "too",       "under",      "until",   "up",      "ve",
    "very",       "was",      "wasn",      "wasn't",     "we",      "were",    "weren",
    "weren't",    "what",     "when",      "where",      "which",   "while",   "who",
    "whom",       "why",      "will",      "with",       "won",     "won't",   "wouldn",
    "wouldn't",   "y",        "you",       "you'd",      "you'll",  "you're",  "you've",
    "your",       "yours",    "yourself",  "yourselves",
};

#define N_STOPWORDS (sizeof(stopwords) / sizeof(stopwords[0]))

/* Orders word[0..len) against the NUL-terminated entry as strcmp would order the two
 * strings, without measuring the entry first. */
static int compare(const char *word, size_t len, const char *entry)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char a = (unsigned char)word[i], b = (unsigned char)entry[i];
        if (b == 0 || a != b)
            return b == 0 ? 1 : a - b;
    }
    return entry[len] == 0 ? 0 : -1;
}

int sum_is_stopword(const char *word, size_t len)
{
    if (len == 0 || len > SUM_STOPWORD_MAX) /* longer words need no search */
        return 0;
    size_t lo = 0, hi = N_STOPWORDS;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = compare(word, len, stopwords[mid]);
        if (c == 0)
            return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

size_t sum_stopword_count(void)
{
    return N_STOPWORDS;
}

const char *sum_stopword_at(size_t i)
{
    return i < N_STOPWORDS ? stopwords[i] : NULL;
}
