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
 * With workers > 1, each worker thread owns a chain of stage instances, reads its next
 * document itself and, when it finishes the document due, writes it and the finished ones
 * after it strictly in sequence; at most 16 x workers documents (and 32 MiB of text) are in
 * flight, so output order is input order and memory is bounded by that window.
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
#include <stdatomic.h>
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
 * reached, ends first and it goes with it (PR_SET_PDEATHSIG, isolate.c).
 *
 * The handler runs on the main thread: the workers block the stop signals (run_parallel
 * starts them with the signals blocked), so two signals that come together (timeout(1)
 * sends its one to lede and then to its process group) are handled one after the other,
 * never on two threads at once, where the second could read the sender and time half
 * written. Every worker reads the flag before it reads a document: lock-free atomics
 * (which C11 lets a handler touch), not a volatile sig_atomic_t, which is safe only within
 * one thread. */
static atomic_int stop_signal, stop_sender;
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "a signal handler may touch lock-free atomics only");
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

/* Appends s for a log line: as the text of a JSON string, without its quotes, but with its
 * quotation marks and backslashes as they are (a message that quotes a record reads as it
 * was, not as {\"id\": ...}). What could break or forge the line stays escaped: control
 * characters (\n, \u001b) and invalid UTF-8 (U+FFFD). */
static int put_log_text(lede_buf *b, const char *s)
{
    size_t at = b->len;
    int rc = lede_buf_json_text(b, s, strlen(s));
    if (rc)
        return rc;
    size_t out = at;
    for (size_t i = at + 1; i + 1 < b->len; i++) {
        if (b->data[i] == '\\' && (b->data[i + 1] == '"' || b->data[i + 1] == '\\'))
            i++;
        else if (b->data[i] == '\\')
            b->data[out++] = b->data[i++]; /* an escape of two characters or more: kept */
        b->data[out++] = b->data[i];
    }
    b->len = out;
    b->data[b->len] = '\0';
    return 0;
}

/* Writes one line about a document on stderr: "PREFIXdocument ID: [STAGE: ]MESSAGE". An id is
 * the user's data (a file name, an NDJSON field) and a message may repeat it: the id is
 * written as a JSON string, as in the record, and the rest through put_log_text, so that a
 * newline, a terminal escape or invalid UTF-8 in them cannot break or forge a log line. */
static void report_doc(const lede_doc *doc, const char *prefix, const char *stage,
                       const char *message)
{
    const char *id = lede_doc_id(doc);
    lede_buf b;

    lede_buf_init(&b, 0);
    if (lede_buf_puts(&b, prefix) || lede_buf_puts(&b, "document ") ||
        lede_buf_json_text(&b, id, strlen(id)) || lede_buf_puts(&b, ": ") ||
        (stage && (put_log_text(&b, stage) || lede_buf_puts(&b, ": "))) ||
        put_log_text(&b, message) || lede_buf_puts(&b, "\n"))
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

/* ---- several workers: each reads its next document, processes it, writes what is due ---- */

/* Each worker reads the next document itself (one reader at a time), processes it on the
 * core that just read it, and the worker that finishes the document due writes it and every
 * finished one after it, in input order. There is no reading or writing thread to wake: on
 * 2 cores a third busy thread preempted a worker each time it woke (8,500 context switches
 * on 100 MB), and each text was read on one core and processed on another. A finished
 * document that waits for an earlier one stays parked in `done` while its worker takes
 * another. Document objects go back to the free list of the worker that used them, the last
 * used on top, so that a worker's next document reuses an arena still in its cache (a ring
 * of 32 documents touched each arena once in 32; objects past the first few are made only
 * when the window fills). On bbc-100mb, idle, this took the extra CPU of -j 2 over -j 1
 * from 17.5% to 10% and its context switches from 8,564 to 1,245 (bench/RESULTS.md).
 *
 * The main thread only waits: for the end, and with input that may wait, for the time to
 * flush records written since the last flush (LEDE_FLUSH_DELAY_MS), which it then flushes
 * itself, so that a finished record does not wait for a slow later document while every
 * worker is busy. */

/* Documents in flight: up to this many per worker, and this much text in all (one larger
 * document is always allowed), so that memory stays bounded whatever the input. */
#define WINDOW_PER_WORKER 16
#define WINDOW_MAX_BYTES ((size_t)32 * 1024 * 1024)

/* A document object and the worker whose free list it goes back to. */
typedef struct pool_doc {
    lede_doc *doc;
    int owner;
} pool_doc;

typedef struct pool {
    pthread_mutex_t mu;  /* guards everything up to the reader's part */
    pthread_cond_t room; /* a document was written (the window has room), or reading ended */
    pthread_cond_t tick; /* the main thread: output to flush by time, or the end of the run */
    size_t n_slots;      /* documents in flight at most */
    pool_doc *slots;     /* the document objects, made as workers need them */
    size_t n_made;
    pool_doc **free; /* n_slots per worker: a stack of its free documents */
    size_t *n_free;
    pool_doc **done; /* finished, not written: at their sequence number % n_slots */
    size_t in_use;   /* documents out of the free lists (being read, processed or done) */
    size_t bytes_in_flight;
    unsigned long long next_write;
    int eof;           /* no more reading: end of input, a stop signal or a failure */
    int writing;       /* a thread is in pool_write: what becomes due is left to it */
    int input_waiting; /* the reader waits for input: what is written is flushed at once */
    int room_waiters, main_idle, running;
    int wake_room;     /* pool_write freed documents: wake room_waiters once mu is released */
    int stream, dirty; /* flushing by time (lede__runner_flush_in) */
    double last_flush;
    int write_rc; /* the first failure to write: output lost, no more reading */
    lede_error write_err;
    int rc; /* a failure to read or to make a document */
    lede_error rc_err;
    lede__pipeline *p;
    lede__run_stats *stats;
    const lede__settings *set;
    int has_renderer;
    /* The reader waiting for input polls wake[0] too: reading ends (pool_end_reading). */
    int wake[2];
    /* The reader, one thread at a time. */
    pthread_mutex_t read_mu;
    pthread_cond_t read_done; /* a read ahead ended (lede__reader_ahead_end) */
    lede__reader *r;
    unsigned long long next_read;
    int read_end;
    /* Pieces of a document (pool_piece) and a flush of the sinks may overlap: this orders
     * them. */
    pthread_mutex_t out_mu;
} pool;

typedef struct worker {
    pool *pool;
    int id;
    pthread_t thread;
} worker;

/* Records written since the last flush; with input that may wait, the main thread is told
 * (once, not per record) so that it flushes them in time. mu held. */
static void pool_dirty(pool *pl)
{
    if (!pl->dirty && pl->stream && pl->main_idle)
        pthread_cond_signal(&pl->tick);
    pl->dirty = 1;
}

/* Reading ends (input, a stop signal or a failure): every worker waiting for room goes on to
 * end, and a reader waiting for input stops waiting (a write failure must not wait for more
 * input: forever with `tail -f | lede | head`). mu held. */
static void pool_end_reading(pool *pl)
{
    pl->eof = 1;
    pthread_cond_broadcast(&pl->room);
    if (pl->input_waiting) {
        ssize_t n = write(pl->wake[1], "", 1); /* full pipe: a wake-up is pending anyway */
        (void)n;
    }
}

/* Releases mu, then wakes the workers that wait for the room pool_write made: woken while mu
 * is held, a waiter that runs at once on the same core only blocks on mu again (two more
 * context switches). */
static void pool_unlock(pool *pl)
{
    int wake = pl->wake_room;
    pl->wake_room = 0;
    pthread_mutex_unlock(&pl->mu);
    if (wake)
        pthread_cond_broadcast(&pl->room);
}

/* The same, for a thread that goes on to wait on a condition variable (mu held). */
static void pool_wake_now(pool *pl)
{
    if (pl->wake_room)
        pthread_cond_broadcast(&pl->room);
    pl->wake_room = 0;
}

/* Waits on room (a document written, or reading ended); mu held. */
static void pool_wait_room(pool *pl)
{
    pool_wake_now(pl);
    pl->room_waiters++;
    pthread_cond_wait(&pl->room, &pl->mu);
    pl->room_waiters--;
}

/* Gives a document back to its worker's free list; mu held. */
static void pool_put(pool *pl, pool_doc *d)
{
    pl->free[(size_t)d->owner * pl->n_slots + pl->n_free[d->owner]++] = d;
    pl->in_use--;
}

/* A document object for worker w, the one it used last when it can (its arena is in this
 * core's cache), else a new one (doc NULL: the caller makes it), else another worker's.
 * mu held, in_use < n_slots: then one of the three exists. */
/* The last document of worker o's free list, taken off it (the list is not empty); mu held. */
static pool_doc *pool_pop(pool *pl, int o)
{
    return pl->free[(size_t)o * pl->n_slots + --pl->n_free[o]];
}

static pool_doc *pool_take(pool *pl, int w, int n_workers)
{
    pool_doc *d = NULL;
    if (pl->n_free[w])
        d = pool_pop(pl, w);
    else if (pl->n_made < pl->n_slots)
        d = &pl->slots[pl->n_made++];
    else
        for (int o = 0; o < n_workers && !d; o++)
            if (pl->n_free[o])
                d = pool_pop(pl, o);
    d->owner = w;
    pl->in_use++;
    return d;
}

/* Notes the first failure to read or to make a document and ends reading; mu held. */
static void pool_fail(pool *pl, int rc, const lede_error *e)
{
    if (!pl->rc) {
        pl->rc = rc;
        pl->rc_err = *e;
    }
    pool_end_reading(pl);
}

/* Flushes the sinks; called and returns with mu held (released while flushing: a slow
 * reader of the output must not stall the workers). A failure is a write failure of the
 * run. */
static void pool_flush(pool *pl)
{
    lede_error e;
    pl->dirty = 0; /* a piece written during the flush marks it again */
    pool_unlock(pl);
    pthread_mutex_lock(&pl->out_mu);
    int rc = lede__pipeline_flush(pl->p, &e);
    pthread_mutex_unlock(&pl->out_mu);
    double now = lede__now();
    pthread_mutex_lock(&pl->mu);
    pl->last_flush = now;
    if (rc) {
        flush_failed(pl->stats, rc, &e, &pl->write_rc, &pl->write_err);
        pool_end_reading(pl);
    }
}

/* Writes the finished documents that are due, in input order, then flushes the sinks when
 * that is due. Called with mu held and no other writer; returns with mu held, to be released
 * with pool_unlock. Each turn takes every finished document due at once and writes them with
 * mu released, so that the other threads go on, and a worker waiting for room is woken once
 * for them all. */
static void pool_write(pool *pl)
{
    pl->writing = 1;
    for (;;) {
        unsigned long long first = pl->next_write, end = first;
        while (end - first < pl->n_slots && pl->done[end % pl->n_slots])
            end++;
        if (end > first) {
            int rc = pl->write_rc;
            size_t bytes = 0, len;
            pool_unlock(pl);
            for (unsigned long long s = first; s < end; s++) {
                lede_doc *doc = pl->done[s % pl->n_slots]->doc;
                lede_doc_text(doc, &len);
                bytes += len;
                /* Said here, in input order, as a run with one worker says them. */
                lede__runner_report_reader_warnings(doc, pl->stats);
                if (!rc) {
                    pl->stats->docs = s + 1; /* what the progress line counts */
                    rc = lede__runner_finish_doc(pl->p, doc, pl->has_renderer, pl->stats,
                                                 &pl->write_err);
                }
                /* A large document's memory goes now, not when its object is next taken:
                 * an object may wait long in a free list (16 per worker), and each one kept
                 * the whole of the last large document it held. */
                lede__doc_release(doc);
            }
            pthread_mutex_lock(&pl->mu);
            if (rc && !pl->write_rc) {
                pl->write_rc = rc; /* let the workers drain; nothing more is written */
                pool_end_reading(pl);
            } else if (!rc) {
                pool_dirty(pl);
            }
            pl->bytes_in_flight -= bytes;
            for (unsigned long long s = first; s < end; s++) {
                pool_doc *d = pl->done[s % pl->n_slots];
                pl->done[s % pl->n_slots] = NULL;
                pool_put(pl, d);
            }
            pl->next_write = end;
            pl->wake_room |= pl->room_waiters > 0;
            continue;
        }
        if (!pl->write_rc && pl->dirty &&
            (pl->input_waiting || lede__runner_flush_in(1, pl->stream, pl->last_flush) == 0)) {
            pool_flush(pl);
            continue; /* a document finished during the flush is written now */
        }
        break;
    }
    pl->writing = 0;
    if (pl->dirty && pl->main_idle && (pl->stream || lede__run_stop_signal()))
        pthread_cond_signal(&pl->tick); /* not flushed yet: the main thread's turn */
}

/* The writer of pieces of a document (lede_doc_output_streams): only while it is the next one
 * due, when every earlier one is written. */
static int pool_piece(void *ctx, lede_doc *doc, int sink, int write)
{
    pool *pl = ctx;
    pthread_mutex_lock(&pl->mu);
    int due = lede__doc_seq(doc) == pl->next_write;
    pthread_mutex_unlock(&pl->mu);
    if (due && write) {
        pthread_mutex_lock(&pl->out_mu);
        lede__pipeline_write_piece(pl->p, doc, sink);
        pthread_mutex_unlock(&pl->out_mu);
        pthread_mutex_lock(&pl->mu);
        pool_dirty(pl);
        if (pl->input_waiting && !pl->writing)
            pool_write(pl); /* the input is idle: the piece goes out now */
        pool_unlock(pl);
    }
    return due;
}

/* Reads the next document into doc for worker w: 1 with its sequence number set and
 * *counted the bytes counted for it in bytes_in_flight, 0 at the end of input (or after a
 * stop signal), or a failure (e filled). One reader at a time takes the next line; its
 * parsing into doc (a microsecond a record, and most of the time the lock was held) is done
 * outside the lock, beside the other workers' takes. */
static int pool_read(pool *pl, int w, lede_doc *doc, size_t *counted, lede_error *e)
{
    int got = 0;
    lede__reader_line ln = {0};
    pthread_mutex_lock(&pl->read_mu);
    /* The text of every document read is counted now: wait for it to be under the bound
     * (workers that took a document while the count was low would each add one more), and
     * again after each wait for the reader (a read ahead, or a take that found the bytes
     * still being read), when other workers may have taken and counted documents: checked
     * only before those waits, each of the workers queued behind a read of a huge line went
     * on to take one (ten 20 MB records at -j 8: 7 in the stages at once, 1.2 GB). */
    for (;;) {
        pthread_mutex_lock(&pl->mu);
        while (!pl->eof && pl->bytes_in_flight >= WINDOW_MAX_BYTES)
            pool_wait_room(pl);
        int room = !pl->eof;
        pthread_mutex_unlock(&pl->mu);
        /* After a stop signal, the documents read are finished and written, no more read.
         * (Reading may have ended meanwhile: another worker's take failed.) */
        if (!room || pl->read_end || lede__run_stop_signal())
            break;
        /* Few bytes left to take: this worker reads the next block first, without the
         * lock, while the others take what is left (a take that finds nothing left waits
         * for the read: LEDE__READER_BUSY). */
        lede__reader_ahead ra;
        if (lede__reader_ahead_begin(pl->r, &ra)) {
            pthread_mutex_unlock(&pl->read_mu);
            lede__reader_ahead_read(&ra);
            pthread_mutex_lock(&pl->read_mu);
            lede__reader_ahead_end(pl->r, &ra);
            pthread_cond_broadcast(&pl->read_done);
            continue;
        }
        if ((got = lede__reader_take(pl->r, w, &ln, doc, e)) != LEDE__READER_BUSY)
            break;
        got = 0;
        pthread_cond_wait(&pl->read_done, &pl->read_mu);
    }
    if (got > 0) {
        /* A line not yet parsed counts as the most text it can give: three times its bytes
         * (an invalid byte becomes U+FFFD, three bytes), but no more than a document may
         * have (a longer one becomes an error record, its line its only memory), so that
         * the bound holds before the parse; worker_main puts the text's length in its place. */
        size_t len = ln.len, cap = pl->set->max_doc_bytes;
        if (!ln.line)
            lede_doc_text(doc, &len);
        else if (len < cap)
            len = len <= cap / 3 ? 3 * len : cap;
        pthread_mutex_lock(&pl->mu); /* counted before the next reader looks */
        pl->bytes_in_flight += len;
        pthread_mutex_unlock(&pl->mu);
        *counted = len;
        lede__doc_set_seq(doc, (size_t)pl->next_read++);
    } else {
        pl->read_end = 1;
    }
    pthread_mutex_unlock(&pl->read_mu);
    if (got > 0 && ln.line)
        lede__reader_decode(pl->r, w, &ln, doc);
    return got;
}

/* A new document object for the pool; 0 or a failure (e filled, *doc NULL). */
static int pool_new_doc(pool *pl, lede_doc **doc, lede_error *e)
{
    lede_doc *d;
    int rc = lede__runner_new_doc(pl->set, &d, e);
    if (rc)
        return rc;
    if ((rc = lede__pipeline_prepare_doc(pl->p, d, e))) {
        lede_doc_free(d);
        return rc;
    }
    lede__doc_set_flush(d, pool_piece, pl);
    *doc = d;
    return 0;
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    pool *pl = w->pool;
    int n_workers = lede__pipeline_workers(pl->p);

    pthread_mutex_lock(&pl->mu);
    for (;;) {
        /* (With no document in use no text is counted: bytes_in_flight is the text of the
         * documents read and not yet written.) */
        while (!pl->eof && !(pl->in_use < pl->n_slots && pl->bytes_in_flight < WINDOW_MAX_BYTES))
            pool_wait_room(pl);
        if (pl->eof)
            break;
        pool_doc *d = pool_take(pl, w->id, n_workers);
        pool_unlock(pl);

        lede_error e;
        size_t counted = 0, len;
        int got = d->doc ? 0 : pool_new_doc(pl, &d->doc, &e);
        if (!got) {
            lede_doc_reset(d->doc);
            got = pool_read(pl, w->id, d->doc, &counted, &e);
        }
        pthread_mutex_lock(&pl->mu);
        if (got <= 0) {
            if (got < 0)
                pool_fail(pl, got, &e);
            else
                pool_end_reading(pl);
            pool_put(pl, d);
            continue;
        }
        lede_doc_text(d->doc, &len); /* what pool_write takes off when it is written */
        pl->bytes_in_flight = pl->bytes_in_flight - counted + len;
        if (len < counted && pl->room_waiters)
            pl->wake_room = 1; /* counted high before the parse: room for a waiting reader */
        pool_unlock(pl);

        lede__pipeline_process(pl->p, w->id, d->doc, &e);

        pthread_mutex_lock(&pl->mu);
        unsigned long long seq = lede__doc_seq(d->doc);
        pl->done[seq % pl->n_slots] = d;
        if (seq == pl->next_write && !pl->writing)
            pool_write(pl);
    }
    if (--pl->running == 0)
        pthread_cond_signal(&pl->tick);
    pool_unlock(pl);
    return NULL;
}

/* The reader waits for input: write every document finished so far and flush, then wait for
 * the input; the documents the workers finish meanwhile are written and flushed as they are
 * done (input_waiting). Called by a worker in pool_read. */
static int pool_wait_input(void *ctx, int fd)
{
    pool *pl = ctx;
    struct pollfd pfd[3];
    int got = 0;

    pthread_mutex_lock(&pl->mu);
    pl->input_waiting = 1;
    for (;;) {
        if (!pl->writing)
            pool_write(pl);
        if (pl->eof) /* a write or another worker failed (pool_end_reading) */
            break;
        pool_unlock(pl);
        pfd[0].fd = pl->wake[0];
        pfd[0].events = POLLIN;
        pfd[0].revents = 0;
        got = lede__run_wait(fd, pfd, 1, -1);
        if (pfd[0].revents)
            drain(pl->wake[0]);
        pthread_mutex_lock(&pl->mu);
        if (got)
            break;
    }
    pl->input_waiting = 0;
    int stop = pl->eof || got < 0;
    pool_unlock(pl);
    return stop;
}

/* The main thread's longest sleep, in milliseconds: a stop signal cannot wake a condition
 * variable, so it wakes this often to flush at once what was written after one. */
#define MAIN_TICK_MS 100

/* Sleeps on pl->tick for at most ms milliseconds; mu held. */
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
    pthread_cond_timedwait(&pl->tick, &pl->mu, &until);
}

static int run_parallel(lede__pipeline *p, lede__reader *r, const lede__settings *set,
                        lede__run_stats *stats, lede_error *err)
{
    int n_workers = lede__pipeline_workers(p);
    pool pl;
    worker *ws = NULL;
    int rc = 0, started = 0;

    memset(&pl, 0, sizeof pl);
    pl.p = p;
    pl.r = r;
    pl.set = set;
    pl.stats = stats;
    pl.has_renderer = lede__pipeline_has_renderer(p);
    pl.stream = set->input_may_wait;
    pl.last_flush = lede__now();
    pl.n_slots = (size_t)n_workers * WINDOW_PER_WORKER;
    pl.slots = calloc(pl.n_slots, sizeof *pl.slots);
    pl.free = calloc(pl.n_slots * (size_t)n_workers, sizeof *pl.free);
    pl.n_free = calloc((size_t)n_workers, sizeof *pl.n_free);
    pl.done = calloc(pl.n_slots, sizeof *pl.done);
    ws = calloc((size_t)n_workers, sizeof *ws);
    pl.wake[0] = pl.wake[1] = -1;
    if (!pl.slots || !pl.free || !pl.n_free || !pl.done || !ws ||
        lede__reader_decoders(r, n_workers)) {
        rc = lede_error_set(err, LEDE_ENOMEM, "out of memory");
        goto out;
    }
    if (pipe(pl.wake)) {
        pl.wake[0] = pl.wake[1] = -1;
        rc = lede_error_set(err, LEDE_EIO, "cannot make a pipe: %s", strerror(errno));
        goto out;
    }
    for (int i = 0; i < 2; i++) {
        fcntl(pl.wake[i], F_SETFL, fcntl(pl.wake[i], F_GETFL) | O_NONBLOCK);
        fcntl(pl.wake[i], F_SETFD, FD_CLOEXEC);
    }
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC); /* pool_sleep's deadline */
    pthread_mutex_init(&pl.mu, NULL);
    pthread_mutex_init(&pl.read_mu, NULL);
    pthread_cond_init(&pl.read_done, NULL);
    pthread_mutex_init(&pl.out_mu, NULL);
    pthread_cond_init(&pl.room, NULL);
    pthread_cond_init(&pl.tick, &attr);
    pthread_condattr_destroy(&attr);
    lede__reader_on_wait(r, pool_wait_input, &pl);

    /* The workers start with the stop signals blocked (a thread inherits its creator's
     * mask), so the handler only ever runs on this thread (see stop_signal). */
    sigset_t stops, mask;
    sigemptyset(&stops);
    for (size_t i = 0; i < sizeof stop_signals / sizeof *stop_signals; i++)
        sigaddset(&stops, stop_signals[i]);
    pthread_sigmask(SIG_BLOCK, &stops, &mask);
    pthread_mutex_lock(&pl.mu);
    for (int i = 0; i < n_workers; i++) {
        ws[i].pool = &pl;
        ws[i].id = i;
        if (pthread_create(&ws[i].thread, NULL, worker_main, &ws[i]) != 0) {
            rc = lede_error_set(err, LEDE_ENOMEM, "cannot start worker thread %d", i);
            pool_end_reading(&pl); /* the started ones finish what they read */
            break;
        }
        started++;
        pl.running++;
    }
    pthread_sigmask(SIG_SETMASK, &mask, NULL);
    /* Wait for the end; with input that may wait, flush by time what the workers wrote. */
    while (pl.running) {
        int ms = pl.dirty && !pl.write_rc ? lede__runner_flush_in(1, pl.stream, pl.last_flush) : -1;
        if (ms == 0 && !pl.writing) {
            pool_write(&pl);
            pool_wake_now(&pl);
            continue;
        }
        /* No deadline of its own, or a writer that flushes what is due and signals tick when
         * it leaves dirty output behind (a deadline of 0 would spin while it writes). */
        pl.main_idle = ms < 0 || pl.writing;
        pool_sleep(&pl, ms >= 0 && ms < MAIN_TICK_MS && !pl.writing ? ms : MAIN_TICK_MS);
        /* main_idle is read by the workers, under the lock, while the main thread sleeps. */
        // cppcheck-suppress redundantAssignment
        pl.main_idle = 0;
    }
    pthread_mutex_unlock(&pl.mu);
    for (int i = 0; i < started; i++)
        pthread_join(ws[i].thread, NULL);
    stats->docs = pl.next_read;
    if (!rc && pl.rc) {
        rc = pl.rc;
        *err = pl.rc_err;
    } else if (!rc && pl.write_rc) {
        rc = pl.write_rc;
        *err = pl.write_err;
    }
    lede__reader_on_wait(r, NULL, NULL);
    pthread_mutex_destroy(&pl.mu);
    pthread_mutex_destroy(&pl.read_mu);
    pthread_cond_destroy(&pl.read_done);
    pthread_mutex_destroy(&pl.out_mu);
    pthread_cond_destroy(&pl.room);
    pthread_cond_destroy(&pl.tick);
out:
    for (int i = 0; i < 2; i++)
        if (pl.wake[i] >= 0)
            close(pl.wake[i]);
    for (size_t i = 0; pl.slots && i < pl.n_made; i++)
        if (pl.slots[i].doc)
            lede_doc_free(pl.slots[i].doc);
    free(pl.slots);
    free(pl.free);
    free(pl.n_free);
    free(pl.done);
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
