/* teststage_undef.c -- a test stage that calls a function no library defines, so that
 * loading it fails on an undefined symbol (resolved at load time, not at first call). */
#include "lede/stage.h"

int lede_test_function_that_does_not_exist(void);

static int undef_create(lede_stage_ctx *ctx, const lede_options *opts, void **out, lede_error *err)
{
    (void)ctx, (void)opts, (void)err;
    *out = NULL;
    return 0;
}

static int undef_process(void *p, lede_doc *doc, lede_error *err)
{
    (void)p, (void)doc, (void)err;
    return lede_test_function_that_does_not_exist();
}

LEDE_STAGE_DEFINE(teststage_undef) = {LEDE_ABI_VERSION,
                                      sizeof(lede_stage_desc),
                                      "teststage_undef",
                                      "Test stage: undefined symbol",
                                      "1.0.0",
                                      NULL,
                                      NULL,
                                      NULL,
                                      0,
                                      undef_create,
                                      undef_process,
                                      NULL,
                                      NULL};
