/*
 * keywords.c -- the keywords stage: a document's key terms, as a generic layer.
 *
 * An example of a stage written only against the installed lede SDK (find_package(lede)):
 * it requires the tokenizer's token and sentence layers and adds a generic layer called
 * "keywords", one span per key term at its first occurrence, with the attributes
 *   term   the term as a reader would write it ("drone", "Putin", "combat drones")
 *   stem   its Snowball stem(s), the identity terms are counted by
 *   score  TF-IDF or RAKE score (higher is more key)
 *   count  occurrences in the document
 *   rank   1 for the best term
 * The exporter writes that layer into JSON and NDJSON output without knowing it.
 *
 * Options: count (how many terms), method (tfidf against a background table of news
 * document frequencies, or rake), min_length (shorter words are never terms), layer (the
 * layer's name, so that two keywords stages can run in one pipeline).
 *
 * Thread safety: a Snowball stemmer keeps state between calls, so each instance owns one
 * and the stage is not LEDE_STAGE_SHAREABLE: the host creates one instance per worker.
 */
#include <stdlib.h>
#include <string.h>

#include "kw.h"

typedef struct keywords {
    struct sb_stemmer *stemmer;
    size_t count;
    int rake;
    int min_length;
    char layer[64];
} keywords;

static const char *const methods[] = {"tfidf", "rake", NULL};

static const lede_option_desc options[] = {
    {"count", LEDE_OPT_INT, "10", "how many key terms to keep per document", 1, 1000, NULL},
    {"method", LEDE_OPT_ENUM, "tfidf",
     "tfidf: single terms weighed against news document frequencies; rake: key phrases",
     LEDE_NO_RANGE, methods},
    {"min_length", LEDE_OPT_INT, "3", "words with fewer letters are never terms (acronyms are)", 1,
     50, NULL},
    {"layer", LEDE_OPT_STRING, "keywords",
     "name of the layer to add (two keywords stages, say tfidf and rake, need two names)",
     LEDE_NO_RANGE, NULL},
    LEDE_OPTIONS_END};

static const char *const requires_layers[] = {LEDE_LAYER_TOKEN, LEDE_LAYER_SENTENCE, NULL};
static const char *const provides_layers[] = {"keywords", NULL};

static int keywords_create(lede_stage_ctx *ctx, const lede_options *opts, void **instance,
                           lede_error *err)
{
    keywords *k;

    (void)ctx;
    *instance = NULL;
    if (!(k = calloc(1, sizeof *k)))
        return lede_error_set(err, LEDE_ENOMEM, "keywords: out of memory creating the stage");
    *instance = k; /* destroy() frees it even if the rest fails */
    k->count = (size_t)lede_opt_int(opts, "count");
    k->rake = strcmp(lede_opt_str(opts, "method"), "rake") == 0;
    k->min_length = (int)lede_opt_int(opts, "min_length");
    const char *layer = lede_opt_str(opts, "layer");
    if (!*layer || strlen(layer) >= sizeof k->layer)
        return lede_error_set(err, LEDE_ECONFIG,
                              "keywords: option layer must be 1 to %zu bytes long, not '%s'",
                              sizeof k->layer - 1, layer);
    memcpy(k->layer, layer, strlen(layer) + 1);
    if (!(k->stemmer = sb_stemmer_new("english", NULL)))
        return lede_error_set(err, LEDE_ENOMEM,
                              "keywords: cannot create the Snowball English stemmer");
    return 0;
}

static int keywords_process(void *instance, lede_doc *doc, lede_error *err)
{
    keywords *k = instance;
    kw_view v;
    kw_result *best;
    size_t n;
    lede_layer *layer;
    int rc;

    if ((rc = kw_view_build(&v, doc, k->stemmer, k->min_length, err)))
        return rc;
    rc = k->rake ? kw_rank_rake(&v, k->count, &best, &n, err)
                 : kw_rank_tfidf(&v, k->count, &best, &n, err);
    if (rc)
        return rc;
    /* Created even when empty, so that consumers always find the layer. */
    if (!(layer = lede_doc_layer(doc, k->layer, 1)))
        return lede_error_set(err, LEDE_ECONFIG,
                              "keywords: cannot create the layer '%s' (a built-in layer name, or "
                              "out of memory)",
                              k->layer);
    if (lede_layer_count(layer) > 0)
        return lede_error_set(err, LEDE_ECONFIG,
                              "keywords: layer '%s' already has spans: give this keywords stage "
                              "another layer name (option layer)",
                              k->layer);
    for (size_t i = 0; i < n; i++) {
        size_t at;
        if ((rc = lede_layer_add(layer, best[i].start, best[i].end, &at)) ||
            (rc = lede_layer_set_str(layer, at, "term", best[i].term, strlen(best[i].term))) ||
            (rc = lede_layer_set_str(layer, at, "stem", best[i].stem, strlen(best[i].stem))) ||
            (rc = lede_layer_set_num(layer, at, "score", best[i].score)) ||
            (rc = lede_layer_set_int(layer, at, "count", best[i].count)) ||
            (rc = lede_layer_set_int(layer, at, "rank", (int64_t)i + 1)))
            return lede_error_set(err, rc, "keywords: cannot add term %zu of document '%s': %s",
                                  i + 1, lede_doc_id(doc), lede_strerror(rc));
    }
    return 0;
}

static void keywords_destroy(void *instance)
{
    keywords *k = instance;

    if (!k)
        return;
    if (k->stemmer)
        sb_stemmer_delete(k->stemmer);
    free(k);
}

LEDE_STAGE_DEFINE(keywords) = {
    LEDE_ABI_VERSION,
    sizeof(lede_stage_desc),
    "keywords",
    "key terms of each document: TF-IDF against news frequencies, or RAKE phrases",
    "1.0.0",
    requires_layers,
    provides_layers,
    options,
    0, /* not shareable: each instance owns a stemmer */
    keywords_create,
    keywords_process,
    NULL,
    keywords_destroy,
};
