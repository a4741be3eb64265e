/*
 * harness.c -- the stage-author harness: the host's pipeline, in-process, on a string.
 *
 * It reuses pipeline.c and options.c unchanged, so a stage tested here meets exactly
 * the validation and the call sequence it meets under `lede run`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lede/harness.h"
#include "lede_internal.h"

struct lede_harness {
    lede__loader *ld; /* created on the first lede_harness_add_named */
    lede__pipeline *p;
    lede_doc *doc;
    lede_buf out;
    size_t seq;
};

int lede_harness_new(lede_harness **out, lede_error *err)
{
    lede_harness *h = calloc(1, sizeof *h);
    int rc;

    if (!h)
        return lede_error_set(err, LEDE_ENOMEM, "out of memory");
    lede_buf_init(&h->out, 0);
    if ((rc = lede__pipeline_new(&h->p, ".", err)) || (rc = lede_doc_new(&h->doc, err))) {
        lede_harness_free(h);
        return rc;
    }
    lede__pipeline_capture_stdout(h->p, &h->out);
    /* The run's caps: no limit on the text, each document's arena at 256 MiB + 64 x it. */
    lede__doc_set_limits(h->doc, 0, SIZE_MAX);
    *out = h;
    return 0;
}

int lede_harness_add(lede_harness *h, const lede_stage_desc *desc, const char *options,
                     lede_error *err)
{
    lede_options *opts;
    int rc;
    char where[300];

    if ((rc = lede__desc_check(desc, "(harness)", err)))
        return rc;
    snprintf(where, sizeof where, "harness stage %zu", lede__pipeline_count(h->p) + 1);
    if ((rc = lede__pipeline_add(h->p, desc, NULL, where, &opts, err)))
        return rc;
    if ((rc = lede__options_parse_list(opts, desc->name, where, options, err)) ||
        (rc = lede__pipeline_check(h->p, err)) || (rc = lede__pipeline_start(h->p, err))) {
        /* A stage that failed its checks leaves the harness as it was. */
        lede__pipeline_pop(h->p);
        return rc;
    }
    return 0;
}

int lede_harness_add_named(lede_harness *h, const char *stage, const char *options, lede_error *err)
{
    const lede__module *m;
    int rc;

    if (!h->ld && (rc = lede__loader_new(&h->ld, err)))
        return rc;
    if ((rc = lede__loader_load(h->ld, stage, &m, err)))
        return rc;
    return lede_harness_add(h, m->desc, options, err);
}

int lede_harness_run(lede_harness *h, const char *id, const char *text, size_t len, lede_doc **doc,
                     lede_error *err)
{
    int rc;

    lede_doc_reset(h->doc);
    lede__doc_set_seq(h->doc, h->seq++);
    *doc = h->doc;
    if ((rc = lede_doc_load(h->doc, id, text, len, err))) {
        lede__doc_fail(h->doc, "reader", err ? err->message : lede_strerror(rc));
        return rc;
    }
    rc = lede__pipeline_process(h->p, 0, h->doc, err);
    int wrc = lede__pipeline_write(h->p, h->doc, rc ? NULL : err);
    return rc ? rc : wrc;
}

int lede_harness_finish(lede_harness *h, lede_error *err)
{
    return lede__pipeline_finish(h->p, err);
}

const char *lede_harness_output(lede_harness *h, size_t *len)
{
    if (len)
        *len = h->out.len;
    return h->out.data ? h->out.data : "";
}

void lede_harness_free(lede_harness *h)
{
    if (!h)
        return;
    lede__pipeline_free(h->p); /* destroys the instances before their code is unloaded */
    lede__loader_free(h->ld);
    lede_doc_free(h->doc);
    lede_buf_free(&h->out);
    free(h);
}
