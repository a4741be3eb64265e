/*
 * stopwords.c -- the English words that are never keywords.
 *
 * NLTK's English list (the standard one, with the contraction fragments a tokenizer may
 * leave: "doesn", "ll") plus the function words of news prose that it lacks: reporting
 * verbs (said, says, told), hedges (may, might, would, could, perhaps), and glue (also,
 * however, according, despite). TF-IDF would push most of them down anyway; RAKE needs them
 * because it cuts candidate phrases at stopwords, and "said on" must never be a phrase.
 *
 * Compared against the lower-cased word with typographic apostrophes folded to '. The table
 * is sorted by byte value (strcmp order) for the binary search; test_keywords.c checks it.
 */
#include <stdlib.h>
#include <string.h>

#include "kw.h"

static const char *const stopwords[] = {
    "a",        "about",     "above",   "according", "across",     "after",      "again",
    "against",  "ago",       "ain",     "all",       "almost",     "along",      "already",
    "also",     "although",  "always",  "am",        "among",      "an",         "and",
    "another",  "any",       "anyone",  "anything",  "are",        "aren",       "aren't",
    "around",   "as",        "at",      "away",      "back",       "be",         "became",
    "because",  "become",    "becomes", "been",      "before",     "being",      "below",
    "between",  "both",      "but",     "by",        "can",        "could",      "couldn",
    "couldn't", "d",         "despite", "did",       "didn",       "didn't",     "do",
    "does",     "doesn",     "doesn't", "doing",     "don",        "don't",      "down",
    "during",   "each",      "either",  "else",      "even",       "ever",       "every",
    "everyone", "few",       "for",     "from",      "further",    "get",        "gets",
    "getting",  "go",        "goes",    "going",     "got",        "had",        "hadn",
    "hadn't",   "has",       "hasn",    "hasn't",    "have",       "haven",      "haven't",
    "having",   "he",        "he'd",    "he'll",     "he's",       "her",        "here",
    "hers",     "herself",   "him",     "himself",   "his",        "how",        "however",
    "i",        "i'd",       "i'll",    "i'm",       "i've",       "if",         "in",
    "instead",  "into",      "is",      "isn",       "isn't",      "it",         "it'd",
    "it'll",    "it's",      "its",     "itself",    "just",       "let",        "let's",
    "like",     "ll",        "m",       "ma",        "made",       "make",       "makes",
    "many",     "may",       "maybe",   "me",        "might",      "mightn",     "mightn't",
    "more",     "most",      "mr",      "mrs",       "ms",         "much",       "must",
    "mustn",    "mustn't",   "my",      "myself",    "near",       "nearly",     "needn",
    "needn't",  "never",     "next",    "no",        "nor",        "not",        "now",
    "o",        "of",        "off",     "often",     "on",         "once",       "one",
    "only",     "onto",      "or",      "other",     "others",     "otherwise",  "our",
    "ours",     "ourselves", "out",     "over",      "own",        "per",        "perhaps",
    "put",      "rather",    "re",      "really",    "s",          "said",       "same",
    "say",      "saying",    "says",    "see",       "seen",       "shall",      "shan",
    "shan't",   "she",       "she'd",   "she'll",    "she's",      "should",     "should've",
    "shouldn",  "shouldn't", "since",   "so",        "some",       "still",      "such",
    "t",        "take",      "taken",   "takes",     "than",       "that",       "that'll",
    "the",      "their",     "theirs",  "them",      "themselves", "then",       "there",
    "these",    "they",      "they'd",  "they'll",   "they're",    "they've",    "this",
    "those",    "though",    "through", "thus",      "to",         "told",       "too",
    "toward",   "towards",   "two",     "under",     "until",      "up",         "upon",
    "us",       "use",       "used",    "ve",        "very",       "via",        "want",
    "wanted",   "wants",     "was",     "wasn",      "wasn't",     "way",        "we",
    "we'd",     "we'll",     "we're",   "we've",     "well",       "went",       "were",
    "weren",    "weren't",   "what",    "what's",    "when",       "where",      "whether",
    "which",    "while",     "who",     "who's",     "whom",       "whose",      "why",
    "will",     "with",      "within",  "without",   "won",        "won't",      "would",
    "wouldn",   "wouldn't",  "y",       "yet",       "you",        "you'd",      "you'll",
    "you're",   "you've",    "your",    "yours",     "yourself",   "yourselves",
};

const char *const *kw_stopword_table(size_t *n)
{
    *n = sizeof stopwords / sizeof stopwords[0];
    return stopwords;
}

static int compare(const void *key, const void *elem)
{
    return strcmp((const char *)key, *(const char *const *)elem);
}

int kw_is_stopword(const char *word, size_t len)
{
    char buf[32];

    if (len >= sizeof buf)
        return 0; /* no stopword is that long */
    memcpy(buf, word, len);
    buf[len] = '\0';
    return bsearch(buf, stopwords, sizeof stopwords / sizeof stopwords[0], sizeof stopwords[0],
                   compare) != NULL;
}
