/* teststage_usesmark.c -- a test stage that requires the "mark" layer of teststage_ok and
 * does nothing: it makes teststage_ok's "mark" a promise the host holds it to. */
#include "lede/stage.h"

static int usesmark_create(lede_stage_ctx *ctx, const lede_options *opts, void **out,
                           lede_error *err)
{
    (void)ctx, (void)opts, (void)err;
    *out = NULL;
    return 0;
}

static int usesmark_process(void *inst, lede_doc *doc, lede_error *err)
{
    (void)inst, (void)doc, (void)err;
    return 0;
}

static const char *const requires[] = {"mark", NULL};

LEDE_STAGE_DEFINE(teststage_usesmark) = {LEDE_ABI_VERSION,
                                         sizeof(lede_stage_desc),
                                         "teststage_usesmark",
                                         "requires mark",
                                         "0.1.0",
                                         requires,
                                         NULL,
                                         NULL,
                                         0,
                                         usesmark_create,
                                         usesmark_process,
                                         NULL,
                                         NULL};
