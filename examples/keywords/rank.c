/*
 * rank.c -- the two ways of picking a document's key terms: TF-IDF and RAKE.
 *
 * TF-IDF scores a stem by how often the document uses it (tf, the raw count) times how
 * rare it is in news in general: idf = ln((N + 1) / (df + 1)), with df and N from the
 * background table. A stem the table never saw (a name, a new coinage) gets the highest
 * idf, which is what a reader wants from "key terms" of a news story: who and what it is
 * about, not "government" or "people".
 *
 * RAKE (Rose et al., "Automatic keyword extraction from individual documents", 2010)
 * needs no background: candidate phrases are runs of content words inside one sentence,
 * cut at stopwords and punctuation, runs longer than MAX_PHRASE words dropped; a word scores
 * degree / frequency (words that live in long phrases score high), a phrase the sum of
 * its words. Equal phrases (same stems) are merged and counted.
 *
 * Both report each result at its first occurrence in the text; ties keep text order, so
 * the output is deterministic.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "background.h"
#include "kw.h"

#define MAX_PHRASE 4

static int compare_bg(const void *key, const void *elem)
{
    return strcmp((const char *)key, ((const kw_background_entry *)elem)->stem);
}

uint32_t kw_background_df(const char *stem)
{
    const kw_background_entry *e =
        bsearch(stem, kw_background, kw_background_size, sizeof *kw_background, compare_bg);
    return e ? e->df : 0;
}

static int by_score(const void *a, const void *b)
{
    const kw_result *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->start < y->start ? -1 : x->start > y->start;
}

static int oom(lede_error *err)
{
    return lede_error_set(err, LEDE_ENOMEM, "keywords: out of memory (document arena)");
}

/* Sorts all[0..n) best first and keeps the first max. */
static void keep_best(kw_result *all, size_t n, size_t max, kw_result **out, size_t *n_out)
{
    qsort(all, n, sizeof *all, by_score);
    *out = all;
    *n_out = n < max ? n : max;
}

int kw_rank_tfidf(const kw_view *v, size_t max, kw_result **out, size_t *n, lede_error *err)
{
    kw_result *all = lede_doc_alloc(v->doc, (v->n_terms + 1) * sizeof *all);
    double n_docs = (double)kw_background_docs;

    if (!all)
        return oom(err);
    for (size_t t = 0; t < v->n_terms; t++) {
        const kw_term *tm = &v->terms[t];
        const kw_word *w = &v->words[tm->first];
        double idf = log((n_docs + 1.0) / ((double)kw_background_df(tm->stem) + 1.0));
        all[t].start = w->start;
        all[t].end = w->end;
        all[t].stem = tm->stem;
        all[t].count = tm->count;
        all[t].score = (double)tm->count * idf;
        all[t].id = (uint32_t)t;
    }
    keep_best(all, v->n_terms, max, out, n);
    /* Display forms cost an allocation each: only for the terms kept. */
    for (size_t i = 0; i < *n; i++)
        if (!(all[i].term = kw_term_display(v, all[i].id)))
            return oom(err);
    return 0;
}

/* A candidate phrase: words[first .. first + len) of the view. */
typedef struct phrase {
    uint32_t first, len, count;
    uint32_t next; /* chain in the hash table, or KW_STOP */
} phrase;

static uint32_t phrase_hash(const kw_view *v, uint32_t first, uint32_t len)
{
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < len; i++)
        h = (h ^ v->words[first + i].term) * 16777619u;
    return h;
}

static int same_phrase(const kw_view *v, const phrase *p, uint32_t first, uint32_t len)
{
    if (p->len != len)
        return 0;
    for (uint32_t i = 0; i < len; i++)
        if (v->words[p->first + i].term != v->words[first + i].term)
            return 0;
    return 1;
}

/* The phrase as written at its first occurrence, words joined by single spaces (a
 * possessive ending dropped), each lower-cased unless its term is only ever capitalised;
 * or, with stems set, its stems joined by spaces. */
static const char *join(const kw_view *v, const phrase *p, int stems)
{
    size_t total = 0;
    char *s;

    for (uint32_t i = 0; i < p->len; i++) {
        const kw_word *w = &v->words[p->first + i];
        total += (stems ? strlen(v->terms[w->term].stem) : 4 * (size_t)(w->end - w->start)) + 1;
    }
    if (!(s = lede_doc_alloc(v->doc, total + 1)))
        return NULL;
    for (uint32_t i = 0; i < p->len; i++) {
        const kw_word *w = &v->words[p->first + i];
        const kw_term *t = &v->terms[w->term];
        if (i)
            strcat(s, " ");
        if (stems)
            strcat(s, t->stem);
        else if (t->n_lower == 0)
            strncat(s, v->text + w->start, w->end - w->start);
        else
            kw_fold(v->text + w->start, w->end - w->start, s + strlen(s));
    }
    return s;
}

int kw_rank_rake(const kw_view *v, size_t max, kw_result **out, size_t *n, lede_error *err)
{
    size_t buckets = 16, n_phr = 0;
    double *freq = lede_doc_alloc(v->doc, (v->n_terms + 1) * sizeof *freq);
    double *deg = lede_doc_alloc(v->doc, (v->n_terms + 1) * sizeof *deg);
    phrase *phr = lede_doc_alloc(v->doc, (v->n_words + 1) * sizeof *phr);
    uint32_t *head;
    kw_result *all;

    while (buckets < v->n_words)
        buckets *= 2;
    head = lede_doc_alloc(v->doc, buckets * sizeof *head);
    if (!freq || !deg || !phr || !head)
        return oom(err);
    memset(head, 0xff, buckets * sizeof *head); /* KW_STOP everywhere */

    for (size_t i = 0; i < v->n_words;) {
        if (v->words[i].term == KW_STOP) {
            i++;
            continue;
        }
        uint32_t first = (uint32_t)i, len = 0;
        while (i < v->n_words && v->words[i].term != KW_STOP &&
               v->words[i].sentence == v->words[first].sentence) {
            i++;
            len++;
        }
        if (len > MAX_PHRASE)
            continue; /* a list of names, not a key phrase (rake-nltk's max) */
        for (uint32_t k = 0; k < len; k++) {
            freq[v->words[first + k].term] += 1.0;
            deg[v->words[first + k].term] += (double)len;
        }
        uint32_t b = phrase_hash(v, first, len) & (uint32_t)(buckets - 1), p = head[b];
        while (p != KW_STOP && !same_phrase(v, &phr[p], first, len))
            p = phr[p].next;
        if (p != KW_STOP) {
            phr[p].count++;
            continue;
        }
        phr[n_phr] = (phrase){first, len, 1, head[b]};
        head[b] = (uint32_t)n_phr++;
    }

    if (!(all = lede_doc_alloc(v->doc, (n_phr + 1) * sizeof *all)))
        return oom(err);
    for (size_t k = 0; k < n_phr; k++) {
        const phrase *p = &phr[k];
        double score = 0.0;
        for (uint32_t i = 0; i < p->len; i++) {
            uint32_t t = v->words[p->first + i].term;
            score += deg[t] / freq[t];
        }
        all[k].start = v->words[p->first].start;
        all[k].end = v->words[p->first + p->len - 1].end;
        all[k].score = score;
        all[k].count = p->count;
        all[k].id = (uint32_t)k;
    }
    keep_best(all, n_phr, max, out, n);
    for (size_t i = 0; i < *n; i++) {
        all[i].term = join(v, &phr[all[i].id], 0);
        all[i].stem = join(v, &phr[all[i].id], 1);
        if (!all[i].term || !all[i].stem)
            return oom(err);
    }
    return 0;
}
