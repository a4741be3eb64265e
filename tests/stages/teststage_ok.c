/*
 * teststage_ok.c -- a well-formed test stage with one option of each type.
 *
 * It adds a generic layer "mark" with one span per occurrence of "lede" in the text,
 * fails on any document containing FAIL_HERE (to prove error records), forgets the layer it
 * provides on one containing FORGET_HERE (the host fails the document), writes to standard
 * output through lede_ctx_write on one containing WRITE_HERE (which process() may not),
 * and records the
 * options it was created with so tests can see validation and overrides at work.
 */
#include <stdlib.h>
#include <string.h>

#include "lede/stage.h"

typedef struct inst {
    long long n;
    double ratio;
    int flag;
    char mode[16];
    lede_stage_ctx *ctx;
} inst;

static int ok_create(lede_stage_ctx *ctx, const lede_options *opts, void **out, lede_error *err)
{
    inst *one = calloc(1, sizeof *one);
    if (!one)
        return lede_error_set(err, LEDE_ENOMEM, "out of memory");
    one->n = lede_opt_int(opts, "n");
    one->ratio = lede_opt_float(opts, "ratio");
    one->flag = lede_opt_bool(opts, "flag");
    strncpy(one->mode, lede_opt_str(opts, "mode"), sizeof one->mode - 1);
    one->ctx = ctx;
    *out = one;
    return 0;
}

static void ok_destroy(void *p)
{
    free(p);
}

static int ok_process(void *p, lede_doc *doc, lede_error *err)
{
    inst *in = p;
    size_t len;
    const char *text = lede_doc_text(doc, &len);
    lede_layer *l;
    size_t idx;

    if (strstr(text, "FAIL_HERE"))
        return lede_error_set(err, LEDE_ESTAGE, "found FAIL_HERE at byte %zu",
                              (size_t)(strstr(text, "FAIL_HERE") - text));
    if (strstr(text, "WRITE_HERE")) {
        int rc = lede_ctx_write(in->ctx, 0, "WRITE_HERE\n", 11, err);
        if (rc)
            return rc;
    }
    if (strstr(text, "FORGET_HERE"))
        return 0; /* returns without the "mark" layer it provides */
    if (!(l = lede_doc_layer(doc, "mark", 1)))
        return lede_error_set(err, LEDE_ENOMEM, "out of memory");
    for (const char *s = text; (s = strstr(s, "lede")); s += 4) {
        if (lede_layer_add(l, (uint32_t)(s - text), (uint32_t)(s - text + 4), &idx) ||
            lede_layer_set_int(l, idx, "n", in->n) ||
            lede_layer_set_str(l, idx, "mode", in->mode, strlen(in->mode)))
            return lede_error_set(err, LEDE_ENOMEM, "out of memory");
    }
    return 0;
}

static const char *const provides[] = {"mark", NULL};
static const char *const modes[] = {"alpha", "beta", NULL};
static const lede_option_desc options[] = {
    {"n", LEDE_OPT_INT, "3", "a count", 1, 10, NULL},
    {"ratio", LEDE_OPT_FLOAT, "0.5", "a fraction", 0, 1, NULL},
    {"flag", LEDE_OPT_BOOL, "false", "a switch", LEDE_NO_RANGE, NULL},
    {"mode", LEDE_OPT_ENUM, "alpha", "a choice", LEDE_NO_RANGE, modes},
    {"label", LEDE_OPT_STRING, "", "free text", LEDE_NO_RANGE, NULL},
    LEDE_OPTIONS_END};

LEDE_STAGE_DEFINE(teststage_ok) = {LEDE_ABI_VERSION,
                                   sizeof(lede_stage_desc),
                                   "teststage_ok",
                                   "Test stage: marks every 'lede' in the text",
                                   "1.0.0",
                                   NULL,
                                   provides,
                                   options,
                                   0,
                                   ok_create,
                                   ok_process,
                                   NULL,
                                   ok_destroy};
