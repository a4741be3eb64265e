/*
 * rouge.c -- our ROUGE-1/2/L, following Google's rouge-score (see rouge.h for the rules).
 *
 * Tokens are interned by sorting: all tokens of both texts are sorted with strcmp and each
 * distinct string gets its rank as an id, so n-grams become integers and counting clipped
 * overlaps is a merge of two sorted arrays. Exact (no hash collisions) and deterministic.
 * ROUGE-L is the textbook LCS dynamic programme on two rows: O(n m) time, O(m) memory.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "rouge.h"

struct rouge {
    struct sb_stemmer *stemmer;
    char *chars; /* tokens, each NUL-terminated */
    size_t chars_len, chars_cap;
    size_t *off; /* offset of each token in chars */
    size_t n_tok, off_cap;
};

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 256;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * elem);
    if (q == NULL)
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

rouge *rouge_new(int stem)
{
    rouge *r = calloc(1, sizeof(*r));
    if (r == NULL)
        return NULL;
    if (stem) {
        r->stemmer = sb_stemmer_new("porter", NULL);
        if (r->stemmer == NULL) {
            free(r);
            return NULL;
        }
    }
    return r;
}

void rouge_free(rouge *r)
{
    if (r == NULL)
        return;
    if (r->stemmer)
        sb_stemmer_delete(r->stemmer);
    free(r->chars);
    free(r->off);
    free(r);
}

static int is_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static int push(rouge *r, const char *s, size_t len)
{
    if (r->stemmer != NULL && len > 3) {
        const sb_symbol *st = sb_stemmer_stem(r->stemmer, (const sb_symbol *)s, (int)len);
        if (st == NULL)
            return -1;
        s = (const char *)st;
        len = (size_t)sb_stemmer_length(r->stemmer);
    }
    if (len == 0)
        return 0;
    if (grow((void **)&r->chars, &r->chars_cap, r->chars_len + len + 1, 1) != 0 ||
        grow((void **)&r->off, &r->off_cap, r->n_tok + 1, sizeof(size_t)) != 0)
        return -1;
    r->off[r->n_tok++] = r->chars_len;
    memcpy(r->chars + r->chars_len, s, len);
    r->chars[r->chars_len + len] = '\0';
    r->chars_len += len + 1;
    return 0;
}

/* Appends the tokens of text to the buffer (does not clear it). */
static long tokenize_append(rouge *r, const char *text, size_t len)
{
    char word[256];
    size_t w = 0, before = r->n_tok;
    for (size_t i = 0; i <= len; i++) {
        unsigned char c = i < len ? (unsigned char)text[i] : 0;
        if (c >= 'A' && c <= 'Z')
            c += 32;
        if (i < len && is_alnum(c)) {
            /* A word longer than the buffer is cut; rouge-score has no such word in news. */
            if (w < sizeof(word))
                word[w++] = (char)c;
            continue;
        }
        if (w > 0 && push(r, word, w) != 0)
            return -1;
        w = 0;
    }
    return (long)(r->n_tok - before);
}

long rouge_tokenize(rouge *r, const char *text, size_t len)
{
    r->n_tok = 0;
    r->chars_len = 0;
    return tokenize_append(r, text, len);
}

const char *rouge_token(const rouge *r, size_t i)
{
    return i < r->n_tok ? r->chars + r->off[i] : NULL;
}

typedef struct {
    const char *s;
    size_t pos;
} tok_ref;

static int cmp_tok(const void *a, const void *b)
{
    return strcmp(((const tok_ref *)a)->s, ((const tok_ref *)b)->s);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static rouge_prf prf(double overlap, double n_cand, double n_ref)
{
    rouge_prf s = {0, 0, 0};
    s.p = n_cand > 0 ? overlap / n_cand : 0;
    s.r = n_ref > 0 ? overlap / n_ref : 0;
    s.f = s.p + s.r > 0 ? 2 * s.p * s.r / (s.p + s.r) : 0;
    return s;
}

/* Clipped overlap of the n-grams of a[0..na) and b[0..nb); keys is room for na + nb. */
static rouge_prf rouge_n(const uint32_t *ref, size_t nr, const uint32_t *cand, size_t nc, int n,
                         uint64_t *keys)
{
    size_t gr = nr >= (size_t)n ? nr - n + 1 : 0, gc = nc >= (size_t)n ? nc - n + 1 : 0;
    uint64_t *kr = keys, *kc = keys + gr;
    for (size_t i = 0; i < gr; i++)
        kr[i] = n == 1 ? ref[i] : ((uint64_t)ref[i] << 32 | ref[i + 1]);
    for (size_t i = 0; i < gc; i++)
        kc[i] = n == 1 ? cand[i] : ((uint64_t)cand[i] << 32 | cand[i + 1]);
    qsort(kr, gr, sizeof(uint64_t), cmp_u64);
    qsort(kc, gc, sizeof(uint64_t), cmp_u64);
    size_t i = 0, j = 0, overlap = 0;
    while (i < gr && j < gc) {
        if (kr[i] < kc[j])
            i++;
        else if (kr[i] > kc[j])
            j++;
        else {
            overlap++; /* equal runs pair off one to one: that is min(count, count) */
            i++;
            j++;
        }
    }
    return prf((double)overlap, (double)gc, (double)gr);
}

static size_t lcs(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, uint32_t *row)
{
    uint32_t *prev = row, *cur = row + nb + 1;
    memset(prev, 0, sizeof(uint32_t) * (nb + 1));
    cur[0] = 0;
    for (size_t i = 1; i <= na; i++) {
        for (size_t j = 1; j <= nb; j++) {
            if (a[i - 1] == b[j - 1])
                cur[j] = prev[j - 1] + 1;
            else
                cur[j] = prev[j] > cur[j - 1] ? prev[j] : cur[j - 1];
        }
        uint32_t *t = prev;
        prev = cur;
        cur = t;
        cur[0] = 0;
    }
    return prev[nb];
}

int rouge_score(rouge *r, const char *reference, const char *candidate, rouge_scores *out)
{
    memset(out, 0, sizeof(*out));
    r->n_tok = 0;
    r->chars_len = 0;
    long nr = tokenize_append(r, reference, strlen(reference));
    if (nr < 0)
        return -1;
    long nc = tokenize_append(r, candidate, strlen(candidate));
    if (nc < 0)
        return -1;
    size_t n = (size_t)(nr + nc);
    tok_ref *t = malloc(sizeof(tok_ref) * (n + 1));
    uint32_t *id = malloc(sizeof(uint32_t) * (n + 1));
    uint64_t *keys = malloc(sizeof(uint64_t) * (n + 1));
    uint32_t *row = malloc(sizeof(uint32_t) * 2 * ((size_t)nc + 1));
    int rc = -1;
    if (t == NULL || id == NULL || keys == NULL || row == NULL)
        goto done;
    for (size_t i = 0; i < n; i++)
        t[i] = (tok_ref){r->chars + r->off[i], i};
    qsort(t, n, sizeof(tok_ref), cmp_tok);
    uint32_t next = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && strcmp(t[i].s, t[i - 1].s) != 0)
            next++;
        id[t[i].pos] = next;
    }
    out->r1 = rouge_n(id, (size_t)nr, id + nr, (size_t)nc, 1, keys);
    out->r2 = rouge_n(id, (size_t)nr, id + nr, (size_t)nc, 2, keys);
    out->rl = prf((double)lcs(id, (size_t)nr, id + nr, (size_t)nc, row), (double)nc, (double)nr);
    rc = 0;
done:
    free(t);
    free(id);
    free(keys);
    free(row);
    return rc;
}
