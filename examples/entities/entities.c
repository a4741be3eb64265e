/*
 * entities.c -- the entities stage: people, organisations and places a document names.
 *
 * An example of a stage written only against the installed lede SDK. It requires the
 * tokenizer's tokens and adds a generic layer called "entities": one span per entity, at
 * its first mention, with the attributes
 *   name   canonical name: the full name a surname stands for ("Vladimir Putin")
 *   type   "person", "organisation" or "place"
 *   count  how many mentions it has (surname-only mentions included)
 *   title  the title written before its first titled mention ("Russian President"), if any
 * With mentions = true it also adds "entity_mentions": every mention, with its name as
 * written, its canonical name and type. The exporter writes both without knowing them.
 *
 * An entity's type is that of its most confident mention: "Tehran" is a place because
 * the lexicon says so even where a sentence starts with it. Mentions whose type stays
 * unknown (a capitalised adjective, a sentence's first word) are left out.
 *
 * The instance holds only its options and is read-only after create(), so the stage is
 * LEDE_STAGE_SHAREABLE: one instance may serve every worker thread.
 */
#include <stdlib.h>
#include <string.h>

#include "ent.h"

typedef struct entities {
    int64_t min_count;
    int mentions;
} entities;

static const lede_option_desc options[] = {
    {"min_count", LEDE_OPT_INT, "1", "leave out entities mentioned fewer times than this", 1,
     1000000, NULL},
    {"mentions", LEDE_OPT_BOOL, "false",
     "also add the layer entity_mentions: every mention with its canonical name", LEDE_NO_RANGE,
     NULL},
    LEDE_OPTIONS_END};

static const char *const requires_layers[] = {LEDE_LAYER_TOKEN, NULL};
static const char *const provides_layers[] = {"entities", "entity_mentions", NULL};
static const char *const type_names[] = {"unknown", "person", "organisation", "place"};

/* One entity: the mentions sharing a canonical name. */
typedef struct group {
    const char *name;
    uint32_t first;  /* its first mention */
    uint32_t best;   /* its most confident mention */
    uint32_t titled; /* its first titled mention, or UINT32_MAX */
    uint32_t count;
    uint32_t next; /* hash chain, UINT32_MAX ends it */
} group;

static uint32_t hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 16777619u;
    return h;
}

static int entities_create(lede_stage_ctx *ctx, const lede_options *opts, void **instance,
                           lede_error *err)
{
    entities *x;

    (void)ctx;
    *instance = NULL;
    if (!(x = calloc(1, sizeof *x)))
        return lede_error_set(err, LEDE_ENOMEM, "entities: out of memory creating the stage");
    x->min_count = lede_opt_int(opts, "min_count");
    x->mentions = lede_opt_bool(opts, "mentions");
    *instance = x;
    return 0;
}

/* Groups mentions by canonical name, in order of first mention; of_mention[i] receives
 * mention i's group. */
static int group_mentions(lede_doc *doc, const ent_mention *m, size_t n, group **out, size_t *n_out,
                          uint32_t **of_mention)
{
    size_t size = 16, ng = 0;
    uint32_t *head;
    group *g;

    while (size < n)
        size *= 2;
    head = lede_doc_alloc(doc, size * sizeof *head);
    g = lede_doc_alloc(doc, (n + 1) * sizeof *g);
    *of_mention = lede_doc_alloc(doc, (n + 1) * sizeof **of_mention);
    if (!head || !g || !*of_mention)
        return LEDE_ENOMEM;
    memset(head, 0xff, size * sizeof *head);
    for (size_t i = 0; i < n; i++) {
        uint32_t b = hash(m[i].canonical) & (uint32_t)(size - 1), k = head[b];
        while (k != UINT32_MAX && strcmp(g[k].name, m[i].canonical) != 0)
            k = g[k].next;
        if (k == UINT32_MAX) {
            k = (uint32_t)ng++;
            g[k] = (group){m[i].canonical, (uint32_t)i, (uint32_t)i, UINT32_MAX, 0, head[b]};
            head[b] = k;
        }
        (*of_mention)[i] = k;
        g[k].count++;
        if (m[i].strength > m[g[k].best].strength && m[i].type != ENT_UNKNOWN)
            g[k].best = (uint32_t)i;
        if (m[i].title_end > m[i].title_start && g[k].titled == UINT32_MAX)
            g[k].titled = (uint32_t)i;
    }
    *out = g;
    *n_out = ng;
    return 0;
}

static int add_entities(const entities *x, lede_doc *doc, const ent_mention *m, const group *g,
                        size_t ng, lede_error *err)
{
    lede_layer *layer = lede_doc_layer(doc, "entities", 1);
    const char *text = lede_doc_text(doc, NULL);
    int rc = 0;

    if (!layer)
        return lede_error_set(err, LEDE_ENOMEM, "entities: cannot create the layer");
    for (size_t k = 0; k < ng && rc == 0; k++) {
        const ent_mention *first = &m[g[k].first];
        const char *type = type_names[m[g[k].best].type];
        size_t at;
        if (m[g[k].best].type == ENT_UNKNOWN || g[k].count < x->min_count)
            continue;
        if ((rc = lede_layer_add(layer, first->start, first->end, &at)) ||
            (rc = lede_layer_set_str(layer, at, "name", g[k].name, strlen(g[k].name))) ||
            (rc = lede_layer_set_str(layer, at, "type", type, strlen(type))) ||
            (rc = lede_layer_set_int(layer, at, "count", g[k].count)))
            break;
        if (g[k].titled != UINT32_MAX) {
            const ent_mention *t = &m[g[k].titled];
            rc = lede_layer_set_str(layer, at, "title", text + t->title_start,
                                    t->title_end - t->title_start);
        }
    }
    if (rc)
        return lede_error_set(err, rc, "entities: cannot add to the layer of '%s': %s",
                              lede_doc_id(doc), lede_strerror(rc));
    return 0;
}

static int add_mentions(lede_doc *doc, const ent_mention *m, size_t n, const group *g,
                        const uint32_t *of_mention, lede_error *err)
{
    lede_layer *layer = lede_doc_layer(doc, "entity_mentions", 1);
    int rc = 0;

    if (!layer)
        return lede_error_set(err, LEDE_ENOMEM, "entities: cannot create the layer");
    for (size_t i = 0; i < n && rc == 0; i++) {
        /* A mention carries its entity's type, which may come from another mention. */
        const ent_mention *best = &m[g[of_mention[i]].best];
        const char *type = type_names[best->type];
        size_t at;
        if (best->type == ENT_UNKNOWN)
            continue;
        if ((rc = lede_layer_add(layer, m[i].start, m[i].end, &at)) ||
            (rc = lede_layer_set_str(layer, at, "name", m[i].canonical, strlen(m[i].canonical))) ||
            (rc = lede_layer_set_str(layer, at, "type", type, strlen(type))))
            break;
    }
    if (rc)
        return lede_error_set(err, rc, "entities: cannot add to the mention layer of '%s': %s",
                              lede_doc_id(doc), lede_strerror(rc));
    return 0;
}

static int entities_process(void *instance, lede_doc *doc, lede_error *err)
{
    const entities *x = instance;
    ent_mention *m;
    group *g;
    uint32_t *of_mention;
    size_t n, ng;
    int rc;

    if ((rc = ent_find_mentions(doc, &m, &n, err)))
        return rc;
    if (group_mentions(doc, m, n, &g, &ng, &of_mention))
        return lede_error_set(err, LEDE_ENOMEM, "entities: out of memory (document arena)");
    if ((rc = add_entities(x, doc, m, g, ng, err)))
        return rc;
    return x->mentions ? add_mentions(doc, m, n, g, of_mention, err) : 0;
}

static void entities_destroy(void *instance)
{
    free(instance);
}

LEDE_STAGE_DEFINE(entities) = {
    LEDE_ABI_VERSION,
    sizeof(lede_stage_desc),
    "entities",
    "people, organisations and places named, with counts and canonical full names",
    "1.0.0",
    requires_layers,
    provides_layers,
    options,
    LEDE_STAGE_SHAREABLE,
    entities_create,
    entities_process,
    NULL,
    entities_destroy,
};
