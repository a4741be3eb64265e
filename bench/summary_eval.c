/*
 * summary_eval.c -- scores extractive summaries against the BBC News Summary references.
 *
 * The data set (see ../shared/data/bbc-news-summary/SOURCE.md) holds 2225 articles with
 * one extractive reference summary each; manifest.tsv marks 98 byte-identical duplicates,
 * which are skipped, leaving 2127. Every mode prints mean ROUGE-1/2/L F1 (x 100, Porter
 * stemming on) over those articles, computed by bench/rouge.c:
 *
 *   summary_eval ndjson DATA            the articles as lede NDJSON input ({"id","text"})
 *   summary_eval score DATA NAME FILE   scores lede's NDJSON output (records with "id" and
 *                                       "summary": [{"text"}]); a missing record scores 0
 *   summary_eval dir DATA NAME DIR      scores DIR/<category>/<file> summaries (OTS output)
 *   summary_eval run DATA NAME "OPTS"   runs tokenizer + summarizer in-process through the
 *                                       harness with summarizer options OPTS and scores them
 *
 * With SUMMARY_EVAL_SPLIT set, every scoring mode also prints the means over the two halves
 * of a fixed split, the unique articles at even and at odd positions of the manifest's
 * order (1064 and 1063): the method's weights were tuned on the whole set, so one half
 * stands in for held-out data when a change is judged on the other.
 *
 * bench/summary_eval.sh drives it. Nothing here is part of lede itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lede/harness.h"
#include "rouge.h"

extern const lede_stage_desc tokenizer_LTX_lede_stage;
extern const lede_stage_desc summarizer_LTX_lede_stage;

typedef struct entry {
    char id[64]; /* category/NNN */
    char category[32];
    char file[32];
} entry;

typedef struct totals {
    double r1, r2, rl, p1, rec1;
    size_t n, missing, cand_words;
} totals;

/* The whole set, then the halves of SUMMARY_EVAL_SPLIT: article i goes to half 1 + i % 2. */
#define N_TOTALS 3

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (buf == NULL)
            break;
        if (n + 1 >= cap) {
            char *p = realloc(buf, cap * 2);
            if (p == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = p;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    fclose(f);
    if (buf == NULL)
        return NULL;
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

/* The unique articles of the manifest, in its order. */
static entry *load_manifest(const char *data, size_t *n_out)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/manifest.tsv", data);
    char *text = read_file(path, NULL);
    if (text == NULL) {
        fprintf(stderr, "summary_eval: cannot read %s\n", path);
        return NULL;
    }
    size_t cap = 4096, n = 0;
    entry *e = calloc(cap, sizeof(entry));
    char *save = NULL;
    int header = 1;
    for (char *line = strtok_r(text, "\n", &save); e && line; line = strtok_r(NULL, "\n", &save)) {
        if (header) {
            header = 0;
            continue;
        }
        char *col[8] = {0};
        int c = 0;
        for (char *p = line; c < 8 && p; c++) {
            col[c] = p;
            p = strchr(p, '\t');
            if (p)
                *p++ = '\0';
        }
        if (c < 7 || strcmp(col[6], "-") != 0 || n == cap)
            continue;
        snprintf(e[n].category, sizeof(e[n].category), "%s", col[0]);
        snprintf(e[n].file, sizeof(e[n].file), "%s", col[1]);
        char *dot = strrchr(col[1], '.');
        if (dot)
            *dot = '\0';
        snprintf(e[n].id, sizeof(e[n].id), "%s/%s", col[0], col[1]);
        n++;
    }
    free(text);
    *n_out = n;
    return e;
}

static char *read_part(const char *data, const char *part, const entry *e)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s/%s/%s", data, part, e->category, e->file);
    char *text = read_file(path, NULL);
    if (text == NULL)
        fprintf(stderr, "summary_eval: cannot read %s\n", path);
    return text;
}

/* Adds the scores of article number i (in the manifest's unique order) to t[0] and to its
 * half's t[1 + i % 2]; with SUMMARY_EVAL_PER_DOC set, also prints them to stderr. */
static int add_score(rouge *r, totals *all, size_t i, const char *id, const char *reference,
                     const char *candidate, int missing)
{
    rouge_scores s;
    if (rouge_score(r, reference, candidate, &s) != 0)
        return -1;
    if (getenv("SUMMARY_EVAL_PER_DOC"))
        fprintf(stderr, "%s\t%.4f\t%.4f\t%.4f\n", id, s.r1.f, s.r2.f, s.rl.f);
    long words = rouge_tokenize(r, candidate, strlen(candidate));
    totals *in[2] = {&all[0], &all[1 + i % 2]};
    for (int h = 0; h < 2; h++) {
        totals *t = in[h];
        t->r1 += s.r1.f;
        t->r2 += s.r2.f;
        t->rl += s.rl.f;
        t->p1 += s.r1.p;
        t->rec1 += s.r1.r;
        t->n++;
        t->missing += missing != 0;
        t->cand_words += words > 0 ? (size_t)words : 0;
    }
    return 0;
}

static void print_one(const char *name, const totals *t)
{
    double n = t->n ? (double)t->n : 1;
    printf("%-22s %5zu  R1 %6.2f  R2 %6.2f  RL %6.2f   (R1 P %5.2f R %5.2f, %5.1f words)%s\n", name,
           t->n, 100 * t->r1 / n, 100 * t->r2 / n, 100 * t->rl / n, 100 * t->p1 / n,
           100 * t->rec1 / n, (double)t->cand_words / n, t->missing ? "  MISSING RECORDS" : "");
    if (t->missing)
        fprintf(stderr, "summary_eval: %s: %zu articles had no summary\n", name, t->missing);
}

/* The whole set's means, and with SUMMARY_EVAL_SPLIT set each half's. */
static void print_totals(const char *name, const totals *t)
{
    print_one(name, &t[0]);
    if (!getenv("SUMMARY_EVAL_SPLIT"))
        return;
    static const char *const half[2] = {"even", "odd"};
    for (int h = 0; h < 2; h++) {
        char label[64];
        snprintf(label, sizeof(label), "  %s half", half[h]);
        print_one(label, &t[1 + h]);
    }
}

static int mode_ndjson(const char *data, const entry *e, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *text = read_part(data, "News Articles", &e[i]);
        if (text == NULL)
            return 1;
        json_t *o = json_pack("{s:s, s:s}", "id", e[i].id, "text", text);
        char *line = o ? json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
        if (line == NULL)
            return 1;
        printf("%s\n", line);
        free(line);
        json_decref(o);
        free(text);
    }
    return 0;
}

/* Joins a record's summary texts with spaces into a malloc'd string. */
static char *summary_text(json_t *rec)
{
    json_t *items = json_object_get(rec, "summary");
    size_t total = 1, i;
    json_t *it;
    json_array_foreach(items, i, it) total += json_string_length(json_object_get(it, "text")) + 1;
    char *out = malloc(total), *p = out;
    if (out == NULL)
        return NULL;
    json_array_foreach(items, i, it)
    {
        json_t *t = json_object_get(it, "text");
        size_t len = json_string_length(t);
        memcpy(p, json_string_value(t) ? json_string_value(t) : "", len);
        p += len;
        *p++ = ' ';
    }
    *p = '\0';
    return out;
}

static int mode_score(const char *data, const entry *e, size_t n, const char *name,
                      const char *file, rouge *r)
{
    char *all = read_file(file, NULL);
    if (all == NULL) {
        fprintf(stderr, "summary_eval: cannot read %s\n", file);
        return 1;
    }
    /* id -> candidate, matched by a linear pass: lede keeps input order. */
    char **cand = calloc(n, sizeof(char *));
    if (cand == NULL)
        return 1;
    size_t next = 0;
    char *save = NULL;
    for (char *line = strtok_r(all, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        json_t *rec = json_loads(line, 0, NULL);
        const char *id = json_string_value(json_object_get(rec, "id"));
        if (id != NULL) {
            size_t k = next;
            while (k < n && strcmp(e[k].id, id) != 0)
                k++;
            if (k == n)
                for (k = 0; k < n && strcmp(e[k].id, id) != 0; k++)
                    ;
            /* An error record has no summary: the article counts as missing (0). */
            if (k < n && cand[k] == NULL && json_is_array(json_object_get(rec, "summary"))) {
                cand[k] = summary_text(rec);
                next = k + 1;
            }
        }
        json_decref(rec);
    }
    free(all);
    totals t[N_TOTALS] = {0};
    for (size_t i = 0; i < n; i++) {
        char *ref = read_part(data, "Summaries", &e[i]);
        if (ref == NULL)
            return 1;
        if (add_score(r, t, i, e[i].id, ref, cand[i] ? cand[i] : "", cand[i] == NULL) != 0)
            return 1;
        free(ref);
        free(cand[i]);
    }
    free(cand);
    print_totals(name, t);
    return 0;
}

static int mode_dir(const char *data, const entry *e, size_t n, const char *name, const char *dir,
                    rouge *r)
{
    totals t[N_TOTALS] = {0};
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s/%s", dir, e[i].category, e[i].file);
        char *cand = read_file(path, NULL);
        char *ref = read_part(data, "Summaries", &e[i]);
        if (ref == NULL)
            return 1;
        if (add_score(r, t, i, e[i].id, ref, cand ? cand : "", cand == NULL) != 0)
            return 1;
        free(ref);
        free(cand);
    }
    print_totals(name, t);
    return 0;
}

static int mode_run(const char *data, const entry *e, size_t n, const char *name, const char *opts,
                    rouge *r)
{
    lede_error err;
    lede_harness *h = NULL;
    if (lede_harness_new(&h, &err) != 0 ||
        lede_harness_add(h, &tokenizer_LTX_lede_stage, "", &err) != 0 ||
        lede_harness_add(h, &summarizer_LTX_lede_stage, opts, &err) != 0) {
        fprintf(stderr, "summary_eval: %s\n", err.message);
        lede_harness_free(h);
        return 1;
    }
    totals t[N_TOTALS] = {0};
    char *cand = NULL;
    size_t cand_cap = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len;
        char *text = read_part(data, "News Articles", &e[i]);
        char *ref = read_part(data, "Summaries", &e[i]);
        if (text == NULL || ref == NULL)
            return 1;
        len = strlen(text);
        lede_doc *doc;
        int failed = lede_harness_run(h, e[i].id, text, len, &doc, &err) != 0;
        if (failed)
            fprintf(stderr, "summary_eval: %s: %s\n", e[i].id, err.message);
        if (cand_cap < len + 2) {
            free(cand);
            cand_cap = len + 2;
            cand = malloc(cand_cap);
            if (cand == NULL)
                return 1;
        }
        size_t n_sum = 0, n_sent = 0, o = 0;
        /* A failed document scores as an empty summary (add_score counts it as failed). */
        const lede_summary_item *sum = failed ? NULL : lede_doc_summary(doc, &n_sum);
        const lede_sentence *sent = lede_doc_sentences(doc, &n_sent);
        const char *dtext = lede_doc_text(doc, NULL);
        for (size_t k = 0; k < n_sum && o + 1 < cand_cap; k++) {
            const lede_sentence *s = &sent[sum[k].sentence];
            size_t l = s->end - s->start;
            if (o + l + 1 >= cand_cap)
                break;
            memcpy(cand + o, dtext + s->start, l);
            o += l;
            cand[o++] = ' ';
        }
        cand[o] = '\0';
        if (add_score(r, t, i, e[i].id, ref, cand, failed) != 0)
            return 1;
        free(text);
        free(ref);
    }
    free(cand);
    lede_harness_free(h);
    print_totals(name, t);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3 || (strcmp(argv[1], "ndjson") != 0 && argc < 5)) {
        fprintf(stderr, "usage: summary_eval ndjson DATA\n"
                        "       summary_eval score DATA NAME LEDE-OUTPUT.ndjson\n"
                        "       summary_eval dir DATA NAME DIR\n"
                        "       summary_eval run DATA NAME \"summarizer options\"\n");
        return 2;
    }
    size_t n;
    entry *e = load_manifest(argv[2], &n);
    if (e == NULL)
        return 1;
    if (getenv("SUMMARY_EVAL_LIMIT") && (size_t)atol(getenv("SUMMARY_EVAL_LIMIT")) < n)
        n = (size_t)atol(getenv("SUMMARY_EVAL_LIMIT"));
    int rc = 2;
    rouge *r = rouge_new(1);
    if (r == NULL)
        return 1;
    if (strcmp(argv[1], "ndjson") == 0)
        rc = mode_ndjson(argv[2], e, n);
    else if (strcmp(argv[1], "score") == 0)
        rc = mode_score(argv[2], e, n, argv[3], argv[4], r);
    else if (strcmp(argv[1], "dir") == 0)
        rc = mode_dir(argv[2], e, n, argv[3], argv[4], r);
    else if (strcmp(argv[1], "run") == 0)
        rc = mode_run(argv[2], e, n, argv[3], argv[4], r);
    else
        fprintf(stderr, "summary_eval: unknown mode %s\n", argv[1]);
    rouge_free(r);
    free(e);
    return rc;
}
