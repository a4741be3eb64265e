/*
 * runner.c -- the streaming loop: read a document, run the stages, write its output.
 *
 * One document is in memory at a time (the document object, its arena and its output
 * buffers are reused), so memory does not grow with the number of documents, and
 * output order is input order. Every document read yields exactly one output record:
 * its result, or an error record rendered by the exporter (or, when the pipeline has
 * no renderer, written by the runner itself as one NDJSON line). Failures are also
 * reported on stderr, naming the document and the stage.
 *
 * With workers > 1, each worker thread owns a chain of stage instances; the main thread
 * reads documents into a window of 16 x workers slots (and at most 32 MiB of text) and
 * writes finished ones strictly in sequence, so output order is input order and memory
 * is bounded by the window.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lede_config.h"

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

/* Reports what the reader said about a document on stderr (it also stays in the record). */
void lede__runner_report_reader_warnings(lede_doc *doc)
{
    for (size_t i = 0; i < lede_doc_warning_count(doc); i++) {
        const char *wstage, *wmsg;
        lede_doc_warning_at(doc, i, &wstage, NULL, &wmsg);
        if (wstage && strcmp(wstage, "reader") == 0)
            fprintf(stderr, "lede: warning: document '%s': %s\n", lede_doc_id(doc), wmsg);
    }
}

void lede__run_stats_begin(lede__run_stats *stats)
{
    memset(stats, 0, sizeof *stats);
    stats->tty = isatty(2);
    stats->start = stats->last_progress = lede__now();
}

void lede__run_stats_end(lede__run_stats *stats)
{
    if (stats->progress_shown)
        fputc('\n', stderr);
    stats->progress_shown = 0;
}

/* Rewrites the progress line at most twice a second, once the run has lasted a second. */
static void progress(lede__run_stats *stats)
{
    double now;
    if (!stats->tty)
        return;
    now = lede__now();
    if (now - stats->start < 1.0 || now - stats->last_progress < 0.5)
        return;
    stats->last_progress = now;
    stats->progress_shown = 1;
    double secs = now - stats->start;
    fprintf(stderr, "\rlede: %llu documents (%llu failed), %.1f MB, %.0f documents/s, %.1f MB/s ",
            stats->docs, stats->failed, (double)stats->text_bytes / 1e6, (double)stats->docs / secs,
            (double)stats->text_bytes / 1e6 / secs);
}

/* Accounts for a processed document and writes its output. Returns 0 or the write error. */
int lede__runner_finish_doc(lede__pipeline *p, lede_doc *doc, int has_renderer,
                            lede__run_stats *stats, lede_error *err)
{
    const char *stage, *message;
    size_t len;
    int rc;

    lede_doc_text(doc, &len);
    stats->text_bytes += len;
    progress(stats);
    if (lede_doc_failed(doc, &stage, &message)) {
        stats->failed++;
        if (stats->progress_shown)
            fputc('\n', stderr), stats->progress_shown = 0;
        fprintf(stderr, "lede: document '%s': %s: %s\n", lede_doc_id(doc), stage ? stage : "?",
                message ? message : "failed");
        if (!has_renderer && (rc = write_error_record(doc, err)))
            return rc;
    }
    if ((rc = lede__pipeline_write(p, doc, err))) {
        if (errno == EPIPE)
            stats->broken_pipe = 1;
        return rc;
    }
    return 0;
}

int lede__runner_new_doc(const lede__settings *set, lede_doc **doc, lede_error *err)
{
    int rc = lede_doc_new(doc, err);
    /* The arena holds annotations: allow a generous multiple of the text, bounded. */
    if (!rc)
        lede__doc_set_limits(*doc, set->max_doc_bytes,
                             (size_t)256 * 1024 * 1024 + 64 * set->max_doc_bytes);
    return rc;
}

/* One document at a time, all in this thread. */
static int run_serial(lede__pipeline *p, lede__reader *r, const lede__settings *set,
                      lede__run_stats *stats, lede_error *err)
{
    lede_doc *doc;
    int rc, has_renderer = lede__pipeline_has_renderer(p);

    if ((rc = lede__runner_new_doc(set, &doc, err)))
        return rc;
    /* The document is always the next one due: a huge record may go out in pieces. */
    lede__pipeline_stream(p, doc);
    for (;;) {
        lede_error derr;
        lede_doc_reset(doc);
        if ((rc = lede__reader_next(r, doc, err)) <= 0)
            break;
        lede__doc_set_seq(doc, (size_t)stats->docs++);
        lede__runner_report_reader_warnings(doc);
        if ((rc = lede__pipeline_prepare_doc(p, doc, err)))
            break;
        lede__pipeline_process(p, 0, doc, &derr);
        if ((rc = lede__runner_finish_doc(p, doc, has_renderer, stats, err)))
            break;
    }
    lede_doc_free(doc);
    return rc < 0 ? rc : 0;
}

/* ---- several workers: a window of documents in flight, written in input order ---- */

enum { SLOT_FREE, SLOT_READY, SLOT_BUSY, SLOT_DONE };

typedef struct pool {
    pthread_mutex_t mu;
    pthread_cond_t ready, done;
    lede_doc **docs;
    int *state;
    size_t n_slots;
    unsigned long long next_read, next_proc, next_write;
    int stop;
    /* Wake-ups cost a system call and a context switch each: signal only a thread that
     * waits, and wake the main thread for a batch of finished documents, not for each. */
    int idle_workers, main_waiting;
    size_t n_done;  /* finished documents not yet written */
    size_t wake_at; /* the main thread waits for this many, next_write among them */
    lede__pipeline *p;
} pool;

typedef struct worker {
    pool *pool;
    int id;
    pthread_t thread;
} worker;

static void *worker_main(void *arg)
{
    worker *w = arg;
    pool *pl = w->pool;

    pthread_mutex_lock(&pl->mu);
    for (;;) {
        while (!pl->stop && pl->next_proc >= pl->next_read) {
            pl->idle_workers++;
            pthread_cond_wait(&pl->ready, &pl->mu);
            pl->idle_workers--;
        }
        if (pl->next_proc >= pl->next_read)
            break;
        size_t slot = (size_t)(pl->next_proc++ % pl->n_slots);
        pl->state[slot] = SLOT_BUSY;
        pthread_mutex_unlock(&pl->mu);

        lede_error derr;
        lede__pipeline_process(pl->p, w->id, pl->docs[slot], &derr);

        pthread_mutex_lock(&pl->mu);
        pl->state[slot] = SLOT_DONE;
        pl->n_done++;
        if (pl->main_waiting && pl->n_done >= pl->wake_at &&
            pl->state[pl->next_write % pl->n_slots] == SLOT_DONE)
            pthread_cond_signal(&pl->done);
    }
    pthread_mutex_unlock(&pl->mu);
    return NULL;
}

/* The writer of pieces of a worker's document (lede_doc_output_streams): only while it is
 * the next one to write. The main thread writes a document once it is done, so while this
 * one is processed it writes nothing, and every earlier document is out. */
static int pool_piece(void *ctx, lede_doc *doc, int sink, int write)
{
    pool *pl = ctx;
    pthread_mutex_lock(&pl->mu);
    int due = pl->docs[pl->next_write % pl->n_slots] == doc;
    pthread_mutex_unlock(&pl->mu);
    if (due && write)
        lede__pipeline_write_piece(pl->p, doc, sink);
    return due;
}

/* Documents in flight: up to this many per worker, and this much text in all (one larger
 * document is always allowed), so that memory stays bounded whatever the input. */
#define WINDOW_PER_WORKER 16
#define WINDOW_MAX_BYTES ((size_t)32 * 1024 * 1024)

static int run_parallel(lede__pipeline *p, lede__reader *r, const lede__settings *set,
                        lede__run_stats *stats, lede_error *err)
{
    int n_workers = lede__pipeline_workers(p), has_renderer = lede__pipeline_has_renderer(p);
    pool pl;
    worker *ws = NULL;
    size_t bytes_in_flight = 0, len;
    int rc = 0, eof = 0, write_failed = 0, started = 0;

    memset(&pl, 0, sizeof pl);
    pl.p = p;
    pl.n_slots = (size_t)n_workers * WINDOW_PER_WORKER;
    pl.docs = calloc(pl.n_slots, sizeof *pl.docs);
    pl.state = calloc(pl.n_slots, sizeof *pl.state);
    ws = calloc((size_t)n_workers, sizeof *ws);
    if (!pl.docs || !pl.state || !ws) {
        rc = lede_error_set(err, LEDE_ENOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < pl.n_slots; i++) {
        if ((rc = lede__runner_new_doc(set, &pl.docs[i], err)) ||
            (rc = lede__pipeline_prepare_doc(p, pl.docs[i], err)))
            goto out;
        lede__doc_set_flush(pl.docs[i], pool_piece, &pl);
    }
    pthread_mutex_init(&pl.mu, NULL);
    pthread_cond_init(&pl.ready, NULL);
    pthread_cond_init(&pl.done, NULL);
    for (int i = 0; i < n_workers; i++) {
        ws[i].pool = &pl;
        ws[i].id = i;
        if (pthread_create(&ws[i].thread, NULL, worker_main, &ws[i]) != 0) {
            rc = lede_error_set(err, LEDE_ENOMEM, "cannot start worker thread %d", i);
            break;
        }
        started++;
    }

    pthread_mutex_lock(&pl.mu);
    while (!rc) {
        /* Write what is finished, in input order. */
        size_t ws_slot = (size_t)(pl.next_write % pl.n_slots);
        if (pl.next_write < pl.next_read && pl.state[ws_slot] == SLOT_DONE) {
            pthread_mutex_unlock(&pl.mu);
            lede_doc_text(pl.docs[ws_slot], &len);
            bytes_in_flight -= len;
            if (!write_failed &&
                lede__runner_finish_doc(p, pl.docs[ws_slot], has_renderer, stats, err)) {
                write_failed = 1;
                eof = 1; /* stop reading; let the workers drain */
            }
            pthread_mutex_lock(&pl.mu);
            pl.state[ws_slot] = SLOT_FREE;
            pl.n_done--;
            pl.next_write++;
            continue;
        }
        /* Read into a free slot while the window has room. */
        if (!eof && pl.next_read - pl.next_write < pl.n_slots &&
            (pl.next_read == pl.next_write || bytes_in_flight < WINDOW_MAX_BYTES)) {
            size_t slot = (size_t)(pl.next_read % pl.n_slots);
            lede_doc *doc = pl.docs[slot];
            pthread_mutex_unlock(&pl.mu);
            lede_doc_reset(doc);
            int got = lede__reader_next(r, doc, err);
            pthread_mutex_lock(&pl.mu);
            if (got < 0) {
                rc = got;
                eof = 1;
            } else if (got == 0) {
                eof = 1;
            } else {
                lede__doc_set_seq(doc, (size_t)stats->docs++);
                lede__runner_report_reader_warnings(doc);
                lede_doc_text(doc, &len);
                bytes_in_flight += len;
                pl.state[slot] = SLOT_READY;
                pl.next_read++;
                if (pl.idle_workers)
                    pthread_cond_signal(&pl.ready);
            }
            continue;
        }
        if (eof && pl.next_write == pl.next_read)
            break;
        /* Nothing to do until documents finish: sleep until half of those in flight have
         * (the next one to write among them), then write them all and refill the window. */
        size_t in_flight = (size_t)(pl.next_read - pl.next_write);
        pl.wake_at = in_flight / 2 > 1 ? in_flight / 2 : 1;
        pl.main_waiting = 1;
        while (!(pl.n_done >= pl.wake_at && pl.state[pl.next_write % pl.n_slots] == SLOT_DONE))
            pthread_cond_wait(&pl.done, &pl.mu);
        /* main_waiting is read by the workers, under the lock, while cond_wait sleeps. */
        // cppcheck-suppress redundantAssignment
        pl.main_waiting = 0;
    }
    pl.stop = 1;
    pthread_cond_broadcast(&pl.ready);
    pthread_mutex_unlock(&pl.mu);
    for (int i = 0; i < started; i++)
        pthread_join(ws[i].thread, NULL);
    pthread_mutex_destroy(&pl.mu);
    pthread_cond_destroy(&pl.ready);
    pthread_cond_destroy(&pl.done);
    if (write_failed && !rc)
        rc = err->code ? err->code : LEDE_EIO;
out:
    for (size_t i = 0; pl.docs && i < pl.n_slots; i++)
        lede_doc_free(pl.docs[i]);
    free(pl.docs);
    free(pl.state);
    free(ws);
    return rc < 0 ? rc : 0;
}

int lede__run(lede__pipeline *p, lede__reader *r, const lede__settings *set, lede__run_stats *stats,
              lede_error *err)
{
    double t0 = lede__now();
    int rc;

    lede__run_stats_begin(stats);
    if (lede__pipeline_workers(p) > 1)
        rc = run_parallel(p, r, set, stats, err);
    else
        rc = run_serial(p, r, set, stats, err);
    stats->bytes = lede__reader_bytes(r);
    stats->seconds = lede__now() - t0;
    lede__run_stats_end(stats);
    return rc;
}
