/* teststage_missingdep.c -- a test stage linked against a library that is not on the
 * loader's path, so that loading fails on a missing dependency. */
#include "lede/stage.h"

int ledetestdep_value(void);

static int dep_create(lede_stage_ctx *ctx, const lede_options *opts, void **out, lede_error *err)
{
    (void)ctx, (void)opts, (void)err;
    *out = NULL;
    return 0;
}

static int dep_process(void *p, lede_doc *doc, lede_error *err)
{
    (void)p, (void)doc, (void)err;
    return ledetestdep_value();
}

LEDE_STAGE_DEFINE(teststage_missingdep) = {LEDE_ABI_VERSION,
                                           sizeof(lede_stage_desc),
                                           "teststage_missingdep",
                                           "Test stage: missing dependency",
                                           "1.0.0",
                                           NULL,
                                           NULL,
                                           NULL,
                                           0,
                                           dep_create,
                                           dep_process,
                                           NULL,
                                           NULL};
