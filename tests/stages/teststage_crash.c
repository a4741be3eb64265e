/* teststage_crash.c -- fails with a status (not a crash) on documents containing BAD,
 * with an error message; used to prove that a failing stage yields one error record. */
#include <string.h>

#include "lede/stage.h"

static int crash_create(lede_stage_ctx *ctx, const lede_options *opts, void **out, lede_error *err)
{
    (void)ctx, (void)opts, (void)err;
    *out = NULL;
    return 0;
}

static int crash_process(void *p, lede_doc *doc, lede_error *err)
{
    (void)p;
    if (strstr(lede_doc_text(doc, NULL), "BAD"))
        return lede_error_set(err, LEDE_ESTAGE, "document contains BAD");
    return 0;
}

LEDE_STAGE_DEFINE(teststage_crash) = {LEDE_ABI_VERSION,
                                      sizeof(lede_stage_desc),
                                      "teststage_crash",
                                      "Test stage: fails on documents containing BAD",
                                      "1.0.0",
                                      NULL,
                                      NULL,
                                      NULL,
                                      0,
                                      crash_create,
                                      crash_process,
                                      NULL,
                                      NULL};
