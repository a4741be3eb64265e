/*
 * runner.c -- the streaming loop: read a document, run the stages, write its output.
 *
 * One document is in memory at a time (the document object, its arena and its output
 * buffers are reused), so memory does not grow with the number of documents, and
 * output order is input order. Every document read yields exactly one output record:
 * its result, or an error record rendered by the exporter (or, when the pipeline has
 * no renderer, written by the runner itself as one NDJSON line). Failures are also
 * reported on stderr, naming the document and the stage.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lede_config.h"

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The error record for a failed document when no stage renders one. */
static int write_error_record(lede_doc *doc, lede_error *err)
{
    const char *stage = NULL, *message = NULL;
    lede_buf *b = lede_doc_output(doc, 0);
    const char *id = lede_doc_id(doc);

    lede_doc_failed(doc, &stage, &message);
    lede_buf_reset(b);
    if (lede_buf_puts(b, "{\"id\":") || lede_buf_json_string(b, id, strlen(id)) ||
        lede_buf_puts(b, ",\"error\":{\"stage\":") ||
        lede_buf_json_string(b, stage ? stage : "", stage ? strlen(stage) : 0) ||
        lede_buf_puts(b, ",\"message\":") ||
        lede_buf_json_string(b, message ? message : "", message ? strlen(message) : 0) ||
        lede_buf_puts(b, "}}\n"))
        return lede_error_set(err, LEDE_ENOMEM, "out of memory rendering an error record");
    return 0;
}

int lede__run(lede__pipeline *p, lede__reader *r, const lede__settings *set,
              lede__run_stats *stats, lede_error *err)
{
    lede_doc *doc;
    int rc = 0, has_renderer = lede__pipeline_has_renderer(p);
    double t0 = now_seconds();

    memset(stats, 0, sizeof *stats);
    if ((rc = lede_doc_new(&doc, err)))
        return rc;
    /* The arena holds annotations: allow a generous multiple of the text, bounded. */
    lede__doc_set_limits(doc, set->max_doc_bytes, (size_t)256 * 1024 * 1024 + 64 * set->max_doc_bytes);
    for (;;) {
        lede_error derr;
        const char *stage, *message;

        lede_doc_reset(doc);
        lede_error_clear(&derr);
        rc = lede__reader_next(r, doc, err);
        if (rc <= 0)
            break;
        rc = 0;
        lede__doc_set_seq(doc, (size_t)stats->docs);
        stats->docs++;
        /* Reader warnings (invalid UTF-8) go to stderr as well as into the record. */
        for (size_t i = 0; i < lede_doc_warning_count(doc); i++) {
            const char *wstage, *wmsg;
            lede_doc_warning_at(doc, i, &wstage, NULL, &wmsg);
            if (wstage && strcmp(wstage, "reader") == 0)
                fprintf(stderr, "lede: warning: document '%s': %s\n", lede_doc_id(doc), wmsg);
        }
        if (lede_doc_failed(doc, NULL, NULL)) {
            /* The reader failed: only renderers see the document. */
            if ((rc = lede__pipeline_prepare_doc(p, doc, err)))
                break;
            lede__pipeline_process(p, doc, &derr);
        } else {
            lede__pipeline_process(p, doc, &derr);
        }
        if (lede_doc_failed(doc, &stage, &message)) {
            stats->failed++;
            fprintf(stderr, "lede: document '%s': %s: %s\n", lede_doc_id(doc),
                    stage ? stage : "?", message ? message : "failed");
            if (!has_renderer && (rc = write_error_record(doc, err)))
                break;
        }
        if ((rc = lede__pipeline_write(p, doc, err))) {
            if (errno == EPIPE)
                stats->broken_pipe = 1;
            break;
        }
    }
    stats->bytes = lede__reader_bytes(r);
    stats->seconds = now_seconds() - t0;
    lede_doc_free(doc);
    if (rc < 0)
        return rc;
    return 0;
}
