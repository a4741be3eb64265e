/* teststage_needs.c -- a test stage that requires the sentence layer and does nothing. */
#include "lede/stage.h"

static int needs_create(lede_stage_ctx *ctx, const lede_options *opts, void **out, lede_error *err)
{
    (void)ctx, (void)opts, (void)err;
    *out = NULL;
    return 0;
}

static int needs_process(void *p, lede_doc *doc, lede_error *err)
{
    (void)p, (void)doc, (void)err;
    return 0;
}

static const char *const requires[] = {"sentence", NULL};

LEDE_STAGE_DEFINE(teststage_needs) = {LEDE_ABI_VERSION,
                                      sizeof(lede_stage_desc),
                                      "teststage_needs",
                                      "Test stage: needs sentences",
                                      "1.0.0",
                                      requires,
                                      NULL,
                                      NULL,
                                      0,
                                      needs_create,
                                      needs_process,
                                      NULL,
                                      NULL};
