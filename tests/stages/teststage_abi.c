/* teststage_abi.c -- a test stage built for a stage ABI newer than the host's. */
#include "lede/stage.h"

static int abi_create(lede_stage_ctx *ctx, const lede_options *opts, void **out, lede_error *err)
{
    (void)ctx, (void)opts, (void)err;
    *out = NULL;
    return 0;
}

static int abi_process(void *p, lede_doc *doc, lede_error *err)
{
    (void)p, (void)doc, (void)err;
    return 0;
}

LEDE_STAGE_DEFINE(teststage_abi) = {LEDE_ABI_VERSION + 1,
                                    sizeof(lede_stage_desc),
                                    "teststage_abi",
                                    "Test stage: future ABI",
                                    "1.0.0",
                                    NULL,
                                    NULL,
                                    NULL,
                                    0,
                                    abi_create,
                                    abi_process,
                                    NULL,
                                    NULL};
