/*
 * teststage_misname.c -- a stage whose file name is not its name: the module is
 * teststage_misname.so, the descriptor calls the stage "other" (a file renamed by hand, or
 * a descriptor copied from another stage). No pipeline can name it; `lede stages` lists it
 * as broken.
 */
#include "lede/stage.h"

static int misname_create(lede_stage_ctx *ctx, const lede_options *opts, void **out,
                          lede_error *err)
{
    (void)ctx, (void)opts, (void)err;
    *out = NULL;
    return 0;
}

static int misname_process(void *inst, lede_doc *doc, lede_error *err)
{
    (void)inst, (void)doc, (void)err;
    return 0;
}

LEDE_STAGE_DEFINE(teststage_misname) = {LEDE_ABI_VERSION,
                                        sizeof(lede_stage_desc),
                                        "other",
                                        "a stage under another file name",
                                        "0.1.0",
                                        NULL,
                                        NULL,
                                        NULL,
                                        0,
                                        misname_create,
                                        misname_process,
                                        NULL,
                                        NULL};
