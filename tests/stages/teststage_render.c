/* teststage_render.c -- a minimal renderer: one line per document, "ID<TAB>ok" or
 * "ID<TAB>error<TAB>STAGE<TAB>MESSAGE", to prove one record per document, in order. On a
 * text containing FLUSH_HERE it hands its line to the host at once (lede_doc_output_flush). */
#include <string.h>

#include "lede/stage.h"

static int render_create(lede_stage_ctx *ctx, const lede_options *opts, void **out, lede_error *err)
{
    (void)ctx, (void)opts, (void)err;
    *out = NULL;
    return 0;
}

static int render_process(void *p, lede_doc *doc, lede_error *err)
{
    const char *stage, *msg;
    lede_buf *b = lede_doc_output(doc, 0);
    (void)p;
    if (lede_doc_failed(doc, &stage, &msg)) {
        if (lede_buf_printf(b, "%s\terror\t%s\t%s\n", lede_doc_id(doc), stage, msg))
            return lede_error_set(err, LEDE_ENOMEM, "out of memory");
    } else if (lede_buf_printf(b, "%s\tok\t%zu\n", lede_doc_id(doc), lede_doc_meta_count(doc))) {
        return lede_error_set(err, LEDE_ENOMEM, "out of memory");
    }
    if (strstr(lede_doc_text(doc, NULL), "FLUSH_HERE"))
        lede_doc_output_flush(doc, 0);
    return 0;
}

LEDE_STAGE_DEFINE(teststage_render) = {LEDE_ABI_VERSION,
                                       sizeof(lede_stage_desc),
                                       "teststage_render",
                                       "Test stage: one line per document",
                                       "1.0.0",
                                       NULL,
                                       NULL,
                                       NULL,
                                       LEDE_STAGE_RENDERS_ERRORS,
                                       render_create,
                                       render_process,
                                       NULL,
                                       NULL};
