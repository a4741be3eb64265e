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
 *
 * A streaming filter never holds back finished output: when the input is a pipe,
 * terminal or socket and no byte is ready, the reader calls back here (wait_input) before
 * it waits, and every record finished so far is written and the sinks are flushed (with
 * workers, the records they finish while the input stays idle go out as they are done).
 * While such input streams, a finished record waits at most about LEDE_FLUSH_DELAY_MS for
 * a flush (lede__runner_flush_in: at most one flush per delay, not one per record). With
 * one worker the run keeps its single thread, which checks the clock after each document
 * (a thread that read beside it cost 8% more CPU on a piped 100 MB stream): a record that
 * finishes within the delay of the last flush, just before a document that takes long,
 * waits for that document. A regular file never waits, so its reads stay one system call
 * each, and nothing more is flushed than stdio's full buffers.
 *
 * SIGINT, SIGTERM and SIGHUP end a run cleanly (lede__run_catch_signals): the first stops
 * the reading of new input, the documents already read are finished and written whole, and
 * the caller exits with 128 + the signal; the second kills at once (default disposition), and
 * so does the end of a grace period (LEDE_STOP_GRACE_S) that the first one starts.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lede_config.h"

/* ---- stopping on a signal ---- */

/* What a signal handler may touch: the signal, who sent it and when, and a pipe it wakes a
 * waiting poll() with (a flag alone would be missed by a poll that starts just after the
 * handler ran). The process that caught the signals owns the pipe: a forked worker process
 * (isolate.c) inherits the handler, so its first signal is noted and only arms its deadline
 * (it finishes its document; the parent ends it by closing its pipe) and its second kills
 * it, but it never writes to the parent's pipe.
 *
 * A clean end can wait forever (a stage that hangs, an output nobody reads, a FIFO nobody
 * opens), so the first signal also arms alarm(LEDE_STOP_GRACE_S): if the run has not ended
 * by then, on_deadline ends it with the signal's own status (default disposition, raised).
 * A worker process waits one second more, so that its parent, which the same ctrl-C
 * reached, ends first and it goes with it (PR_SET_PDEATHSIG, isolate.c). */
static volatile sig_atomic_t stop_signal, stop_sender;
static struct timespec stop_time;
static int stop_pipe[2] = {-1, -1};
static pid_t stop_owner;
static const int stop_signals[] = {SIGINT, SIGTERM, SIGHUP};

#define STR_(x) #x
#define STR(x) STR_(x)

/* Ends the process with the stop signal's default effect; async-signal-safe. */
static void die_of_stop_signal(int sig)
{
    sigset_t set;
    signal(sig, SIG_DFL);
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig); /* the default of SIGINT, SIGTERM and SIGHUP: the process ends */
}

/* SIGALRM after a stop signal: the grace period is over. */
static void on_deadline(int sig)
{
    static const char note[] = "lede: the run did not end within " STR(
        LEDE_STOP_GRACE_S) " s of the signal: stopped at once, output may end mid-record\n";
    (void)sig;
    if (!stop_signal)
        return;
    if (getpid() == stop_owner) {
        ssize_t n = write(2, note, sizeof note - 1);
        (void)n;
    }
    die_of_stop_signal(stop_signal);
}

static void on_stop_signal(int sig, siginfo_t *info, void *context)
{
    int saved = errno, sender = info && info->si_code == SI_USER ? (int)info->si_pid : 0;
    struct timespec now;
    (void)context;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (stop_signal) {
        /* timeout(1) sends its signal to lede and then to lede's process group: a repeat
         * from the same process within a second is the same request. Any other second
         * signal has its default effect, now (it is blocked until this handler returns). */
        double since = (double)(now.tv_sec - stop_time.tv_sec) +
                       (double)(now.tv_nsec - stop_time.tv_nsec) * 1e-9;
        if (!sender || sender != stop_sender || since > 1.0)
            die_of_stop_signal(sig);
        errno = saved;
        return;
    }
    stop_signal = sig;
    stop_sender = sender;
    stop_time = now;
    /* The deadline's handler is set only now: a run that no signal stops costs nothing. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_deadline;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    if (getpid() == stop_owner) {
        alarm(LEDE_STOP_GRACE_S);
        if (stop_pipe[1] >= 0) {
            ssize_t n = write(stop_pipe[1], "", 1); /* full pipe: a wake-up is pending anyway */
            (void)n;
        }
    } else {
        alarm(LEDE_STOP_GRACE_S + 1);
    }
    errno = saved;
}

int lede__run_catch_signals(void)
{
    if (stop_pipe[0] < 0) {
        if (pipe(stop_pipe))
            return LEDE_EIO;
        for (int i = 0; i < 2; i++) {
            fcntl(stop_pipe[i], F_SETFL, fcntl(stop_pipe[i], F_GETFL) | O_NONBLOCK);
            fcntl(stop_pipe[i], F_SETFD, FD_CLOEXEC);
        }
    }
    stop_owner = getpid();
    /* The grace period's SIGALRM must get through: a parent may have started lede with it
     * blocked (a review's case: then one signal never ended a hung run). Unblocked here,
     * before any thread starts, so that every thread inherits the mask. */
    sigset_t alrm;
    sigemptyset(&alrm);
    sigaddset(&alrm, SIGALRM);
    sigprocmask(SIG_UNBLOCK, &alrm, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_stop_signal;
    /* One handler at a time; SA_RESTART: a write to a slow output is not cut short
     * mid-record. The waits that must end on a signal are poll()s, which the pipe wakes and
     * which never restart; the blocking calls that could wait forever (a hung stage, a full
     * output pipe, the open of a FIFO) end with the grace period. */
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof stop_signals / sizeof *stop_signals; i++)
        sigaddset(&sa.sa_mask, stop_signals[i]);
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    for (size_t i = 0; i < sizeof stop_signals / sizeof *stop_signals; i++) {
        struct sigaction old;
        /* A signal ignored when lede started (nohup, a background job) stays ignored. */
        if (sigaction(stop_signals[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(stop_signals[i], &sa, NULL);
    }
    return 0;
}

int lede__run_stop_signal(void)
{
    return stop_signal;
}

/* Adds the wake-up pipe of the stop signals to pfd[n] (when there is one): the new n. */
static int poll_stop(struct pollfd *pfd, int n)
{
    if (stop_pipe[0] < 0)
        return n;
    pfd[n].fd = stop_pipe[0];
    pfd[n].events = POLLIN;
    pfd[n].revents = 0;
    return n + 1;
}

/* Empties a non-blocking wake-up pipe. */
static void drain(int fd)
{
    char sink[64];
    while (fd >= 0 && read(fd, sink, sizeof sink) > 0)
        ;
}

int lede__run_wait(int in_fd, struct pollfd *pfd, int n, int timeout_ms)
{
    /* Once stopped, a wait for input ends at once; a wait for pfd alone (in_fd < 0) still
     * waits, without the drained wake-up pipe. */
    int stopped = stop_signal != 0;
    if (stopped && in_fd >= 0)
        return -1;
    pfd[n].fd = in_fd; /* a negative fd: poll() passes over it */
    pfd[n].events = POLLIN;
    pfd[n].revents = 0;
    int all = stopped ? n + 1 : poll_stop(pfd, n + 1);
    int got = poll(pfd, (nfds_t)all, timeout_ms);
    if (got < 0 && errno != EINTR)
        return in_fd >= 0 ? 1 : -1; /* with input: read, and let a read error say what is
                                       wrong */
    if (got < 0)
        for (int i = 0; i < all; i++)
            pfd[i].revents = 0;
    if (all > n + 1 && pfd[n + 1].revents)
        drain(stop_pipe[0]);
    if (in_fd < 0)
        return 0;
    if (stop_signal)
        return -1;
    return pfd[n].revents != 0;
}

int lede__runner_flush_in(int dirty, int stream, double last_flush)
{
    if (!dirty)
        return -1;
    if (stop_signal)
        return 0; /* the grace period may end the run: nothing finished waits */
    if (!stream)
        return -1;
    double left = last_flush + LEDE_FLUSH_DELAY_MS / 1000.0 - lede__now();
    return left <= 0 ? 0 : (int)(left * 1000.0) + 1;
}

/* The error record for a failed document when no stage renders one. */
static int write_error_record(lede_doc *doc, lede_error *err)
{
    const char *stage = NULL, *message = NULL;
    lede_buf *b = lede_doc_output(doc, 0);
    const char *id = lede_doc_id(doc);

    lede_doc_failed(doc, &stage, &message);
    lede_buf_reset(b);
    if (lede_buf_puts(b, "{\"id\":") || lede_buf_json_text(b, id, strlen(id)) ||
        lede_buf_puts(b, ",\"error\":{\"stage\":") ||
        lede_buf_json_string(b, stage ? stage : "", stage ? strlen(stage) : 0) ||
        lede_buf_puts(b, ",\"message\":") ||
        lede_buf_json_string(b, message ? message : "", message ? strlen(message) : 0) ||
        lede_buf_puts(b, "}}\n"))
        return lede_error_set(err, LEDE_ENOMEM, "out of memory rendering an error record");
    return 0;
}

/* Appends s as the text of a JSON string, without its quotes. */
static int put_json_inner(lede_buf *b, const char *s)
{
    size_t at = b->len;
    int rc = lede_buf_json_text(b, s, strlen(s));
    if (rc)
        return rc;
    memmove(b->data + at, b->data + at + 1, b->len - at - 2);
    b->len -= 2;
    b->data[b->len] = '\0';
    return 0;
}

/* Writes one line about a document on stderr: "PREFIXdocument ID: [STAGE: ]MESSAGE". An id is
 * the user's data (a file name, an NDJSON field) and a message may repeat it: the id is
 * written as a JSON string, as in the record, and the rest escaped the same way, so that a
 * newline, a terminal escape or invalid UTF-8 in them cannot break or forge a log line. */
static void report_doc(const lede_doc *doc, const char *prefix, const char *stage,
                       const char *message)
{
    const char *id = lede_doc_id(doc);
    lede_buf b;

    lede_buf_init(&b, 0);
    if (lede_buf_puts(&b, prefix) || lede_buf_puts(&b, "document ") ||
        lede_buf_json_text(&b, id, strlen(id)) || lede_buf_puts(&b, ": ") ||
        (stage && (put_json_inner(&b, stage) || lede_buf_puts(&b, ": "))) ||
        put_json_inner(&b, message) || lede_buf_puts(&b, "\n"))
        fprintf(stderr, "%sdocument (its id and message not shown: out of memory)\n", prefix);
    else
        fwrite(b.data, 1, b.len, stderr);
    lede_buf_free(&b);
}

/* Reports what the reader said about a document on stderr (it also stays in the record). */
void lede__runner_report_reader_warnings(lede_doc *doc, const lede__run_stats *stats)
{
    if (stats->quiet)
        return;
    for (size_t i = 0; i < lede_doc_warning_count(doc); i++) {
        const char *wstage, *wmsg;
        lede_doc_warning_at(doc, i, &wstage, NULL, &wmsg);
        if (wstage && strcmp(wstage, "reader") == 0)
            report_doc(doc, "lede: warning: ", NULL, wmsg);
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
        if (!stats->quiet)
            report_doc(doc, "lede: ", stage ? stage : "?", message ? message : "failed");
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

/* A failed flush of output that waited for idle input: a write failure of the run. */
static int flush_failed(lede__run_stats *stats, int rc, const lede_error *e, int *out_rc,
                        lede_error *out_err)
{
    if (errno == EPIPE)
        stats->broken_pipe = 1;
    if (!*out_rc) {
        *out_rc = rc;
        *out_err = *e;
    }
    return 1;
}

/* The reader of a serial run waits for input: everything finished is written already
 * (in stdio's buffers), so flush it, then wait. */
typedef struct serial_wait {
    lede__pipeline *p;
    lede__run_stats *stats;
    int rc;
    lede_error err;
} serial_wait;

/* Flushes the sinks of a serial run; 1 when that failed (noted in sw), else 0. */
static int serial_flush(serial_wait *sw)
{
    lede_error e;
    int rc = lede__pipeline_flush(sw->p, &e);
    return rc ? flush_failed(sw->stats, rc, &e, &sw->rc, &sw->err) : 0;
}

static int serial_wait_input(void *ctx, int fd)
{
    serial_wait *sw = ctx;
    struct pollfd pfd[2];
    if (serial_flush(sw))
        return 1;
    for (;;) {
        int got = lede__run_wait(fd, pfd, 0, -1);
        if (got)
            return got < 0;
    }
}

/* One document at a time, all in this thread. */
static int run_serial(lede__pipeline *p, lede__reader *r, const lede__settings *set,
                      lede__run_stats *stats, lede_error *err)
{
    lede_doc *doc;
    int rc, has_renderer = lede__pipeline_has_renderer(p);
    serial_wait sw = {.p = p, .stats = stats};
    /* Streamed input: flush by time after each document (the first at once, so that a
     * slow second one never holds back the first). */
    int stream = set->input_may_wait;
    double last_flush = 0;

    if ((rc = lede__runner_new_doc(set, &doc, err)))
        return rc;
    lede__reader_on_wait(r, serial_wait_input, &sw);
    /* The document is always the next one due: a huge record may go out in pieces. */
    lede__pipeline_stream(p, doc);
    for (;;) {
        lede_error derr;
        lede_doc_reset(doc);
        if (lede__run_stop_signal()) {
            rc = 0;
            break;
        }
        if ((rc = lede__reader_next(r, doc, err)) <= 0)
            break;
        lede__doc_set_seq(doc, (size_t)stats->docs++);
        lede__runner_report_reader_warnings(doc, stats);
        if ((rc = lede__pipeline_prepare_doc(p, doc, err)))
            break;
        lede__pipeline_process(p, 0, doc, &derr);
        if ((rc = lede__runner_finish_doc(p, doc, has_renderer, stats, err)))
            break;
        if (stream && lede__runner_flush_in(1, stream, last_flush) == 0) {
            if (serial_flush(&sw))
                break; /* output lost: no use reading on */
            last_flush = lede__now();
        }
    }
    lede__reader_on_wait(r, NULL, NULL);
    if (!rc && sw.rc) {
        rc = sw.rc;
        *err = sw.err;
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
    /* The main thread's writing (its own, not under mu). */
    lede__run_stats *stats;
    lede_error *err;
    int has_renderer, write_failed, eof;
    size_t bytes_in_flight;
    /* The main thread waits for input (pool_wait_input): a worker that finishes the next
     * document due writes a byte to wake[1], so that it goes out while the input is idle. */
    int input_waiting;
    int wake[2];
    /* Pieces of a worker's document (pool_piece) and the main thread's flush of the sinks
     * may overlap: this orders them. */
    pthread_mutex_t out_mu;
    /* Flushing by time (lede__runner_flush_in): input that may wait, records written since
     * the last flush, and when that was. The main thread's own. */
    int stream, dirty;
    double last_flush;
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
        int next_done = pl->state[pl->next_write % pl->n_slots] == SLOT_DONE;
        if (pl->main_waiting && pl->n_done >= pl->wake_at && next_done)
            pthread_cond_signal(&pl->done);
        if (pl->input_waiting && next_done) {
            ssize_t n = write(pl->wake[1], "", 1); /* full: a wake-up is pending anyway */
            (void)n;
            pl->input_waiting = 0;
        }
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
    if (due && write) {
        pthread_mutex_lock(&pl->out_mu);
        lede__pipeline_write_piece(pl->p, doc, sink);
        pthread_mutex_unlock(&pl->out_mu);
    }
    return due;
}

/* Writes the finished documents that are due, in input order; called and returns with mu
 * held (released while writing). The number written. */
static size_t pool_write_due(pool *pl)
{
    size_t n = 0, len;
    for (;;) {
        size_t slot = (size_t)(pl->next_write % pl->n_slots);
        if (pl->next_write >= pl->next_read || pl->state[slot] != SLOT_DONE)
            return n;
        pthread_mutex_unlock(&pl->mu);
        lede_doc_text(pl->docs[slot], &len);
        pl->bytes_in_flight -= len;
        if (!pl->write_failed) {
            pl->dirty = 1;
            if (lede__runner_finish_doc(pl->p, pl->docs[slot], pl->has_renderer, pl->stats,
                                        pl->err))
                pl->write_failed = pl->eof = 1; /* stop reading; let the workers drain */
        }
        pthread_mutex_lock(&pl->mu);
        pl->state[slot] = SLOT_FREE;
        pl->n_done--;
        pl->next_write++;
        n++;
    }
}

/* Flushes the sinks; called and returns with mu held (released while flushing: a slow
 * reader of the output must not stall the workers). A failure is a write failure of the
 * run. */
static void pool_flush(pool *pl)
{
    lede_error e;
    pthread_mutex_unlock(&pl->mu);
    pthread_mutex_lock(&pl->out_mu);
    int rc = lede__pipeline_flush(pl->p, &e);
    pthread_mutex_unlock(&pl->out_mu);
    if (rc) {
        int ignored = 0;
        flush_failed(pl->stats, rc, &e, &ignored, pl->err);
        pl->write_failed = pl->eof = 1;
    }
    pl->dirty = 0;
    pl->last_flush = lede__now();
    pthread_mutex_lock(&pl->mu);
}

/* The main thread's reader waits for input: write every document finished so far and flush,
 * then wait for the input, writing each document the workers finish meanwhile. */
static int pool_wait_input(void *ctx, int fd)
{
    pool *pl = ctx;
    struct pollfd pfd[3];
    int got = 0;

    pl->dirty = 1; /* pieces written by a worker may sit in stdio's buffer too */
    pthread_mutex_lock(&pl->mu);
    for (;;) {
        pool_write_due(pl);
        if (pl->write_failed)
            break;
        if (pl->dirty) {
            pool_flush(pl);
            continue; /* a document finished during the flush is written before waiting */
        }
        int n = 0;
        pl->input_waiting = pl->next_write < pl->next_read;
        if (pl->input_waiting) {
            pfd[0].fd = pl->wake[0];
            pfd[0].events = POLLIN;
            n = 1;
        }
        pthread_mutex_unlock(&pl->mu);
        got = lede__run_wait(fd, pfd, n, -1);
        if (n && pfd[0].revents)
            drain(pl->wake[0]);
        pthread_mutex_lock(&pl->mu);
        pl->input_waiting = 0;
        if (got)
            break;
    }
    pthread_mutex_unlock(&pl->mu);
    return pl->write_failed || got < 0;
}

/* The main thread's longest sleep while documents are in flight, in milliseconds: it then
 * writes what is due and flushes by time (LEDE_FLUSH_DELAY_MS with input that may wait), or
 * notices a stop signal (which cannot wake a condition variable) and flushes at once. */
#define MAIN_TICK_MS 100

/* Sleeps on pl->done until the wake-up condition or ms milliseconds; mu held. */
static void pool_sleep(pool *pl, int ms)
{
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += ms / 1000;
    until.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    while (!(pl->n_done >= pl->wake_at && pl->state[pl->next_write % pl->n_slots] == SLOT_DONE))
        if (pthread_cond_timedwait(&pl->done, &pl->mu, &until) == ETIMEDOUT)
            return;
}

/* Documents in flight: up to this many per worker, and this much text in all (one larger
 * document is always allowed), so that memory stays bounded whatever the input. */
#define WINDOW_PER_WORKER 16
#define WINDOW_MAX_BYTES ((size_t)32 * 1024 * 1024)

static int run_parallel(lede__pipeline *p, lede__reader *r, const lede__settings *set,
                        lede__run_stats *stats, lede_error *err)
{
    int n_workers = lede__pipeline_workers(p);
    pool pl;
    worker *ws = NULL;
    size_t len;
    int rc = 0, started = 0, locks = 0;

    memset(&pl, 0, sizeof pl);
    pl.p = p;
    pl.stats = stats;
    pl.err = err;
    pl.has_renderer = lede__pipeline_has_renderer(p);
    pl.stream = set->input_may_wait;
    pl.last_flush = lede__now();
    pl.wake[0] = pl.wake[1] = -1;
    pl.n_slots = (size_t)n_workers * WINDOW_PER_WORKER;
    pl.docs = calloc(pl.n_slots, sizeof *pl.docs);
    pl.state = calloc(pl.n_slots, sizeof *pl.state);
    ws = calloc((size_t)n_workers, sizeof *ws);
    if (!pl.docs || !pl.state || !ws) {
        rc = lede_error_set(err, LEDE_ENOMEM, "out of memory");
        goto out;
    }
    if (pipe(pl.wake)) {
        pl.wake[0] = pl.wake[1] = -1;
        rc = lede_error_set(err, LEDE_EIO, "cannot create a pipe: %s", strerror(errno));
        goto out;
    }
    for (int i = 0; i < 2; i++) {
        fcntl(pl.wake[i], F_SETFL, fcntl(pl.wake[i], F_GETFL) | O_NONBLOCK);
        fcntl(pl.wake[i], F_SETFD, FD_CLOEXEC);
    }
    for (size_t i = 0; i < pl.n_slots; i++) {
        if ((rc = lede__runner_new_doc(set, &pl.docs[i], err)) ||
            (rc = lede__pipeline_prepare_doc(p, pl.docs[i], err)))
            goto out;
        lede__doc_set_flush(pl.docs[i], pool_piece, &pl);
    }
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC); /* pool_sleep's deadline */
    pthread_mutex_init(&pl.mu, NULL);
    pthread_mutex_init(&pl.out_mu, NULL);
    pthread_cond_init(&pl.ready, NULL);
    pthread_cond_init(&pl.done, &attr);
    pthread_condattr_destroy(&attr);
    locks = 1;
    lede__reader_on_wait(r, pool_wait_input, &pl);
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
        /* Write what is finished, in input order, and flush it when that is due. */
        if (pool_write_due(&pl))
            continue;
        if (lede__runner_flush_in(pl.dirty, pl.stream, pl.last_flush) == 0) {
            pool_flush(&pl);
            continue;
        }
        /* After a stop signal, the documents read are finished and written, no more read. */
        if (!pl.eof && lede__run_stop_signal())
            pl.eof = 1;
        /* Read into a free slot while the window has room. */
        if (!pl.eof && pl.next_read - pl.next_write < pl.n_slots &&
            (pl.next_read == pl.next_write || pl.bytes_in_flight < WINDOW_MAX_BYTES)) {
            size_t slot = (size_t)(pl.next_read % pl.n_slots);
            lede_doc *doc = pl.docs[slot];
            pthread_mutex_unlock(&pl.mu);
            lede_doc_reset(doc);
            int got = lede__reader_next(r, doc, err);
            pthread_mutex_lock(&pl.mu);
            if (got < 0) {
                rc = got;
                pl.eof = 1;
            } else if (got == 0) {
                pl.eof = 1;
            } else {
                lede__doc_set_seq(doc, (size_t)stats->docs++);
                lede__runner_report_reader_warnings(doc, stats);
                lede_doc_text(doc, &len);
                pl.bytes_in_flight += len;
                pl.state[slot] = SLOT_READY;
                pl.next_read++;
                if (pl.idle_workers)
                    pthread_cond_signal(&pl.ready);
            }
            continue;
        }
        if (pl.eof && pl.next_write == pl.next_read)
            break;
        /* Nothing to do until documents finish: sleep until half of those in flight have
         * (the next one to write among them), then write them all and refill the window. */
        size_t in_flight = (size_t)(pl.next_read - pl.next_write);
        pl.wake_at = in_flight / 2 > 1 ? in_flight / 2 : 1;
        int ms = lede__runner_flush_in(pl.dirty, pl.stream, pl.last_flush);
        int tick = pl.stream ? LEDE_FLUSH_DELAY_MS : MAIN_TICK_MS;
        pl.main_waiting = 1;
        pool_sleep(&pl, ms >= 0 && ms < tick ? ms : tick);
        /* main_waiting is read by the workers, under the lock, while cond_wait sleeps. */
        // cppcheck-suppress redundantAssignment
        pl.main_waiting = 0;
    }
    pl.stop = 1;
    pthread_cond_broadcast(&pl.ready);
    pthread_mutex_unlock(&pl.mu);
    for (int i = 0; i < started; i++)
        pthread_join(ws[i].thread, NULL);
    if (pl.write_failed && !rc)
        rc = err->code ? err->code : LEDE_EIO;
out:
    lede__reader_on_wait(r, NULL, NULL);
    if (locks) {
        pthread_mutex_destroy(&pl.mu);
        pthread_mutex_destroy(&pl.out_mu);
        pthread_cond_destroy(&pl.ready);
        pthread_cond_destroy(&pl.done);
    }
    for (int i = 0; i < 2; i++)
        if (pl.wake[i] >= 0)
            close(pl.wake[i]);
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
    stats->quiet = set->quiet;
    /* One worker: one thread, streamed input or not (see the top of the file). */
    if (lede__pipeline_workers(p) > 1)
        rc = run_parallel(p, r, set, stats, err);
    else
        rc = run_serial(p, r, set, stats, err);
    stats->bytes = lede__reader_bytes(r);
    stats->seconds = lede__now() - t0;
    lede__run_stats_end(stats);
    return rc;
}
