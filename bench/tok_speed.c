/*
 * tok_speed.c -- run the tokenizer stage in-process, for evaluations and speed.
 *
 *   tok_speed [-o "k=v ..."] --ndjson FILE     one {"id","text"} object per line in;
 *                                              one {"id","sentences":[{start,end,text}],
 *                                              "paragraphs":[{start,end}]} per line out
 *                                              (byte offsets), like the exporter's ndjson
 *   tok_speed [-o "k=v ..."] --speed FILE [N]  tokenizes FILE N times (default 20) as one
 *                                              document and prints tokens, words and the
 *                                              best CPU time (user + system) as MB/s;
 *                                              FILE.jsonl / .ndjson: one document per record
 *   tok_speed [-o "k=v ..."] --tokens FILE     one {"id","text"} object per line in; per
 *                                              document its id, then one line per token
 *                                              (start end kind flags) and per sentence
 *                                              (S start end tok_begin tok_end): every
 *                                              published field, to compare two builds
 *
 * It drives the stage through lede/harness.h, the same code path as `lede run`, minus
 * the readers and the exporter, so it measures the tokenizer alone. The sentence
 * evaluation (bench/sentences_eval.py) can use it or the real CLI.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "lede/harness.h"

extern const lede_stage_desc tokenizer_LTX_lede_stage;

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long size;

    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)size + 1);
        if (buf && fread(buf, 1, (size_t)size, f) != (size_t)size) {
            free(buf);
            buf = NULL;
        } else if (buf) {
            buf[size] = '\0';
            *len = (size_t)size;
        }
    }
    fclose(f);
    return buf;
}

/* What to print of one tokenized record (in: the input object, for its id). */
typedef void (*record_fn)(const json_t *in, lede_doc *doc);

/* Runs the tokenizer of h on each {"id","text"} line of path ("-": stdin) and hands the
 * document to print. Returns 0, or 1 when a line was no record or a run failed. */
static int each_record(lede_harness *h, const char *path, record_fn print)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t got;
    int rc = 0;

    if (!f) {
        fprintf(stderr, "tok_speed: cannot open %s\n", path);
        return 1;
    }
    while ((got = getline(&line, &cap, f)) > 0) {
        json_t *in, *text;
        const char *id;
        lede_doc *doc;
        lede_error err;

        lineno++;
        if (got <= 1)
            continue;
        in = json_loadb(line, (size_t)got, 0, NULL);
        text = json_object_get(in, "text");
        if (!in || !json_is_string(text)) {
            fprintf(stderr, "%s:%zu: not a {\"id\",\"text\"} object\n", path, lineno);
            json_decref(in);
            rc = 1;
            continue;
        }
        id = json_string_value(json_object_get(in, "id"));
        if (lede_harness_run(h, id ? id : "", json_string_value(text), json_string_length(text),
                             &doc, &err)) {
            fprintf(stderr, "%s:%zu: %s\n", path, lineno, err.message);
            rc = 1;
        } else {
            print(in, doc);
        }
        json_decref(in);
    }
    free(line);
    if (f != stdin)
        fclose(f);
    return rc;
}

/* --ndjson: the sentences and paragraphs of each record, as sentences_eval.py reads them. */
static void print_sentences(const json_t *in, lede_doc *doc)
{
    size_t len, n;
    const char *text = lede_doc_text(doc, &len);
    json_t *out = json_object(), *sents = json_array(), *paras = json_array();
    const lede_sentence *s = lede_doc_sentences(doc, &n);
    for (size_t i = 0; i < n; i++)
        json_array_append_new(sents, json_pack("{s:i,s:i,s:s%}", "start", (json_int_t)s[i].start,
                                               "end", (json_int_t)s[i].end, "text",
                                               text + s[i].start, (size_t)(s[i].end - s[i].start)));
    const lede_paragraph *p = lede_doc_paragraphs(doc, &n);
    for (size_t i = 0; i < n; i++)
        json_array_append_new(paras, json_pack("{s:i,s:i}", "start", (json_int_t)p[i].start, "end",
                                               (json_int_t)p[i].end));
    json_object_set(out, "id", json_object_get(in, "id"));
    json_object_set_new(out, "sentences", sents);
    json_object_set_new(out, "paragraphs", paras);
    char *dump = json_dumps(out, JSON_COMPACT | JSON_ENSURE_ASCII);
    if (dump)
        puts(dump);
    free(dump);
    json_decref(out);
}

/* --tokens: every token and sentence with all its published fields, one line each. */
static void print_tokens(const json_t *in, lede_doc *doc)
{
    size_t n;
    const char *id = json_string_value(json_object_get(in, "id"));
    printf("D %s\n", id ? id : "");
    const lede_token *t = lede_doc_tokens(doc, &n);
    for (size_t i = 0; i < n; i++)
        printf("%u %u %u %u\n", (unsigned)t[i].start, (unsigned)t[i].end, (unsigned)t[i].kind,
               (unsigned)t[i].flags);
    const lede_sentence *s = lede_doc_sentences(doc, &n);
    for (size_t i = 0; i < n; i++)
        printf("S %u %u %u %u\n", (unsigned)s[i].start, (unsigned)s[i].end,
               (unsigned)s[i].tok_begin, (unsigned)s[i].tok_end);
}

/* CPU time of the process: on a loaded machine, wall time measures the neighbours. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* --speed on an NDJSON file: each record is its own document, as in a real run. */
static int run_speed_ndjson(lede_harness *h, const char *path, int rounds)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0, n_docs = 0, bytes = 0, tokens = 0;
    ssize_t got;
    json_t **docs = NULL;
    double best = 1e30;

    if (!f) {
        fprintf(stderr, "tok_speed: cannot open %s\n", path);
        return 1;
    }
    while ((got = getline(&line, &cap, f)) > 0) {
        json_t *in = json_loadb(line, (size_t)got, 0, NULL), **nd;
        if (!in || !json_is_string(json_object_get(in, "text"))) {
            json_decref(in);
            continue;
        }
        nd = realloc(docs, (n_docs + 1) * sizeof *docs);
        if (!nd) {
            json_decref(in);
            break;
        }
        docs = nd;
        docs[n_docs++] = in;
        bytes += json_string_length(json_object_get(in, "text"));
    }
    free(line);
    fclose(f);
    for (int r = 0; r < rounds; r++) {
        double t0 = now(), dt;
        tokens = 0;
        for (size_t i = 0; i < n_docs; i++) {
            json_t *t = json_object_get(docs[i], "text");
            lede_doc *doc;
            lede_error err;
            size_t n;
            if (lede_harness_run(h, "d", json_string_value(t), json_string_length(t), &doc, &err)) {
                fprintf(stderr, "tok_speed: %s\n", err.message);
                return 1;
            }
            lede_doc_tokens(doc, &n);
            tokens += n;
        }
        dt = now() - t0;
        if (dt < best)
            best = dt;
    }
    printf("documents %zu bytes %zu tokens %zu best %.4f s CPU  %.1f MB/s\n", n_docs, bytes, tokens,
           best, (double)bytes / best / 1e6);
    for (size_t i = 0; i < n_docs; i++)
        json_decref(docs[i]);
    free(docs);
    return 0;
}

static int run_speed(lede_harness *h, const char *path, int rounds)
{
    size_t plen = strlen(path);

    if ((plen > 6 && strcmp(path + plen - 6, ".jsonl") == 0) ||
        (plen > 7 && strcmp(path + plen - 7, ".ndjson") == 0))
        return run_speed_ndjson(h, path, rounds);
    {
        size_t len, n = 0, words = 0;
        char *text = read_file(path, &len);
        lede_doc *doc;
        lede_error err;
        double best = 1e30;

        if (!text) {
            fprintf(stderr, "tok_speed: cannot read %s\n", path);
            return 1;
        }
        for (int r = 0; r < rounds; r++) {
            double t0 = now(), dt;
            const lede_token *t;
            if (lede_harness_run(h, "speed", text, len, &doc, &err)) {
                fprintf(stderr, "tok_speed: %s\n", err.message);
                free(text);
                return 1;
            }
            dt = now() - t0;
            if (dt < best)
                best = dt;
            t = lede_doc_tokens(doc, &n);
            words = 0;
            for (size_t i = 0; i < n; i++)
                words += t[i].kind == LEDE_TOK_WORD || t[i].kind == LEDE_TOK_NUMBER;
        }
        lede_doc_sentences(doc, &len);
        printf("bytes %zu tokens %zu words %zu sentences %zu best %.4f s CPU  %.1f MB/s\n",
               (size_t)strlen(text), n, words, len, best, (double)strlen(text) / best / 1e6);
        free(text);
        return 0;
    }
}

int main(int argc, char **argv)
{
    const char *opts = "";
    lede_harness *h;
    lede_error err;
    int i = 1, rc;

    if (i + 1 < argc && strcmp(argv[i], "-o") == 0) {
        opts = argv[i + 1];
        i += 2;
    }
    if (i + 1 >= argc) {
        fprintf(stderr, "usage: tok_speed [-o \"k=v ...\"] --ndjson FILE | --tokens FILE | "
                        "--speed FILE [N]\n");
        return 2;
    }
    if (lede_harness_new(&h, &err) || lede_harness_add(h, &tokenizer_LTX_lede_stage, opts, &err)) {
        fprintf(stderr, "tok_speed: %s\n", err.message);
        return 1;
    }
    if (strcmp(argv[i], "--ndjson") == 0)
        rc = each_record(h, argv[i + 1], print_sentences);
    else if (strcmp(argv[i], "--tokens") == 0)
        rc = each_record(h, argv[i + 1], print_tokens);
    else if (strcmp(argv[i], "--speed") == 0)
        rc = run_speed(h, argv[i + 1], i + 2 < argc ? atoi(argv[i + 2]) : 20);
    else {
        fprintf(stderr, "tok_speed: unknown mode %s\n", argv[i]);
        rc = 2;
    }
    lede_harness_free(h);
    return rc;
}
