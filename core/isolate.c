/*
 * isolate.c -- crash containment: the stage chain runs in child processes.
 *
 * With `isolate = true` (or --isolate) the parent reads documents and writes output as
 * usual, but every document is processed by one of `workers` child processes forked
 * after the stages were created (each child inherits ready stage instances). A child
 * that dies on a document (segfault, abort) or exceeds the per-document time limit is
 * killed and replaced by a fresh fork; that document becomes an error record naming the
 * stage that was running (recorded in shared memory before each stage is called) and
 * the signal or the timeout, rendered by the parent's own exporter instance. Every
 * other document comes through, in input order.
 *
 * Protocol over two pipes per child (native byte order, same machine):
 *   request:  u32 id_len, id, u64 text_len, text, u32 n_meta, { u32 len, key, u32 len,
 *             json }..., u32 n_warn, { u32 len, stage, u32 offset, u32 len, message }...
 *   response: u32 failed, u32 len, stage, u32 len, message, u32 n_sinks, { u64 len, data }...,
 *             u32 n_stages, { f64 seconds }... (each stage's time on this document, 0 unless
 *             --stats turned timing on; the parent adds them to its own stage clocks)
 *
 * The parent's reader calls iso_wait_input when the input has nothing ready: ready documents
 * still go to the children and their results are written as they come, so an idle input
 * holds back no finished record; with such input (and after a stop signal) the parent also
 * flushes by time (lede__runner_flush_in). A child inherits the parent's signal handler
 * (runner.c) and only notes its first signal: at a terminal, ctrl-C reaches the whole
 * process group, and a child finishes its document while the parent stops reading and
 * closes its pipe; a second signal kills both, and so does the grace period (the child's is
 * a second longer than the parent's). A child never outlives the parent (PR_SET_PDEATHSIG
 * on Linux), however the parent ends.
 *
 * Limitation: stage finish() runs in the parent, whose instances saw no document, so a
 * stage that accumulates across documents reports nothing at end of stream when isolated.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lede_config.h"

static int write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static int read_all(int fd, void *data, size_t len)
{
    char *p = data;
    while (len) {
        ssize_t n = read(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static int put_u32(lede_buf *b, uint32_t v)
{
    return lede_buf_append(b, &v, sizeof v);
}

static int put_str(lede_buf *b, const char *s, size_t len)
{
    return put_u32(b, (uint32_t)len) || lede_buf_append(b, s, len);
}

/* Reads a u32-prefixed string into scratch (NUL-terminated); returns its offset or -1. */
static long get_str(int fd, lede_buf *scratch, uint32_t *len)
{
    size_t off = scratch->len;
    if (read_all(fd, len, sizeof *len) || lede_buf_reserve(scratch, (size_t)*len + 1) ||
        read_all(fd, scratch->data + off, *len))
        return -1;
    scratch->len += *len;
    scratch->data[scratch->len++] = '\0';
    return (long)off;
}

/* ---------------- child side ---------------- */

static int child_read_doc(int fd, lede_doc *doc, lede_buf *scratch)
{
    uint32_t id_len, n, klen, vlen, off;
    uint64_t text_len;
    long id_off;
    lede_error err;

    lede_buf_reset(scratch);
    if ((id_off = get_str(fd, scratch, &id_len)) < 0 || read_all(fd, &text_len, sizeof text_len))
        return -1;
    size_t text_off = scratch->len;
    if (lede_buf_reserve(scratch, (size_t)text_len + 1) ||
        read_all(fd, scratch->data + text_off, (size_t)text_len))
        return -1;
    scratch->len += (size_t)text_len;
    if (lede_doc_load(doc, scratch->data + id_off, scratch->data + text_off, (size_t)text_len,
                      &err))
        lede__doc_fail(doc, "reader", err.message);
    if (read_all(fd, &n, sizeof n))
        return -1;
    for (uint32_t i = 0; i < n; i++) {
        lede_buf_reset(scratch);
        long k = get_str(fd, scratch, &klen), v = k < 0 ? -1 : get_str(fd, scratch, &vlen);
        if (v < 0)
            return -1;
        lede__doc_meta_put(doc, scratch->data + k, klen, scratch->data + v, vlen);
    }
    if (read_all(fd, &n, sizeof n))
        return -1;
    for (uint32_t i = 0; i < n; i++) {
        lede_buf_reset(scratch);
        long s = get_str(fd, scratch, &klen);
        if (s < 0 || read_all(fd, &off, sizeof off))
            return -1;
        long m = get_str(fd, scratch, &vlen);
        if (m < 0)
            return -1;
        lede__doc_set_stage(doc, scratch->data + s);
        lede_doc_warn(doc, off, "%s", scratch->data + m);
    }
    lede__doc_set_stage(doc, NULL);
    return 0;
}

/* seconds[i]: stage i's clock when the previous document was done; the time of this one
 * is what the clock gained since. */
static int child_write_result(int fd, lede__pipeline *p, lede_doc *doc, lede_buf *out,
                              double *seconds)
{
    const char *stage = NULL, *msg = NULL;
    uint32_t failed = (uint32_t)lede_doc_failed(doc, &stage, &msg);
    int n = lede__doc_sink_count(doc);

    lede_buf_reset(out);
    if (put_u32(out, failed) || put_str(out, stage ? stage : "", stage ? strlen(stage) : 0) ||
        put_str(out, msg ? msg : "", msg ? strlen(msg) : 0) || put_u32(out, (uint32_t)n))
        return -1;
    if (write_all(fd, out->data, out->len))
        return -1;
    for (int i = 0; i < n; i++) {
        lede_buf *b = lede_doc_output(doc, i);
        uint64_t len = b->len;
        if (write_all(fd, &len, sizeof len) || write_all(fd, b->data, b->len))
            return -1;
    }
    size_t n_stages = lede__pipeline_count(p);
    lede_buf_reset(out);
    if (put_u32(out, (uint32_t)n_stages))
        return -1;
    for (size_t i = 0; i < n_stages; i++) {
        double now = lede__pipeline_stage_seconds(p, i, NULL), spent = now - seconds[i];
        seconds[i] = now;
        if (lede_buf_append(out, &spent, sizeof spent))
            return -1;
    }
    return write_all(fd, out->data, out->len);
}

static void child_main(lede__pipeline *p, const lede__settings *set, int rfd, int wfd)
{
    lede_doc *doc;
    lede_buf scratch, out;
    lede_error err;

    lede_buf_init(&scratch, 0);
    lede_buf_init(&out, 0);
    double *seconds = calloc(lede__pipeline_count(p) + 1, sizeof *seconds);
    if (!seconds || lede__runner_new_doc(set, &doc, &err))
        _exit(3);
    for (;;) {
        lede_doc_reset(doc);
        if (child_read_doc(rfd, doc, &scratch))
            break; /* the parent closed the pipe: we are done */
        lede__pipeline_process(p, 0, doc, &err);
        if (child_write_result(wfd, p, doc, &out, seconds))
            break;
    }
    _exit(0);
}

/* ---------------- parent side ---------------- */

enum { SLOT_FREE, SLOT_READY, SLOT_BUSY, SLOT_DONE };

typedef struct child {
    pid_t pid;
    int to, from; /* pipes: requests to the child, results from it */
    long slot;    /* the document it is working on, or -1 */
    double deadline;
} child;

typedef struct iso {
    lede__pipeline *p;
    const lede__settings *set;
    child *kids;
    int n_kids;
    volatile int *progress; /* shared: per child, 1 + index of the running stage */
    lede_doc **docs;
    int *state;
    size_t n_slots;
    lede_buf req, scratch;
    /* The run: written in input order from next_write, read up to next_read, sent to the
     * children up to next_send. */
    lede__run_stats *stats;
    lede_error *err;
    unsigned long long next_read, next_write, next_send;
    int rc, eof, write_failed, has_renderer;
    /* Flushing by time (lede__runner_flush_in): input that may wait, records written since
     * the last flush, and when that was. */
    int stream, dirty;
    double last_flush;
} iso;

static void close_child(child *c)
{
    if (c->to >= 0)
        close(c->to);
    if (c->from >= 0)
        close(c->from);
    c->to = c->from = -1;
}

static int start_child(iso *s, int k, lede_error *err)
{
    int to[2], from[2];
    child *c = &s->kids[k];

    if (pipe(to))
        return lede_error_set(err, LEDE_EIO, "cannot create a pipe: %s", strerror(errno));
    if (pipe(from)) {
        close(to[0]);
        close(to[1]);
        return lede_error_set(err, LEDE_EIO, "cannot create a pipe: %s", strerror(errno));
    }
    fflush(NULL); /* nothing buffered may be written twice */
    pid_t parent = getpid(), pid = fork();
    if (pid < 0) {
        close(to[0]), close(to[1]), close(from[0]), close(from[1]);
        return lede_error_set(err, LEDE_EIO, "cannot start a worker process: %s", strerror(errno));
    }
    if (pid == 0) {
#ifdef __linux__
        /* A child never outlives the parent (killed, or ended by the grace period after a
         * signal, runner.c): it would go on with a document nobody reads. */
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
            _exit(3);
#else
        (void)parent;
#endif
        for (int i = 0; i < s->n_kids; i++)
            if (i != k)
                close_child(&s->kids[i]);
        close(to[1]);
        close(from[0]);
        s->progress[k] = 0;
        lede__pipeline_set_progress(s->p, &s->progress[k]);
        child_main(s->p, s->set, to[0], from[1]);
    }
    close(to[0]);
    close(from[1]);
    c->pid = pid;
    c->to = to[1];
    c->from = from[0];
    c->slot = -1;
    s->progress[k] = 0;
    return 0;
}

static int send_doc(iso *s, child *c, lede_doc *doc)
{
    size_t len, n_meta = lede_doc_meta_count(doc), n_warn = lede_doc_warning_count(doc);
    const char *text = lede_doc_text(doc, &len), *id = lede_doc_id(doc);
    uint64_t text_len = len;
    lede_buf *b = &s->req;

    lede_buf_reset(b);
    if (put_str(b, id, strlen(id)) || lede_buf_append(b, &text_len, sizeof text_len))
        return -1;
    /* The text goes straight from the document, without a copy into the request. */
    if (write_all(c->to, b->data, b->len) || write_all(c->to, text, len))
        return -1;
    lede_buf_reset(b);
    if (put_u32(b, (uint32_t)n_meta))
        return -1;
    for (size_t i = 0; i < n_meta; i++) {
        const char *key, *json;
        size_t jl;
        lede_doc_meta_at(doc, i, &key, &json, &jl);
        if (put_str(b, key, strlen(key)) || put_str(b, json, jl))
            return -1;
    }
    if (put_u32(b, (uint32_t)n_warn))
        return -1;
    for (size_t i = 0; i < n_warn; i++) {
        const char *stage, *msg;
        uint32_t off;
        lede_doc_warning_at(doc, i, &stage, &off, &msg);
        if (put_str(b, stage, strlen(stage)) || put_u32(b, off) || put_str(b, msg, strlen(msg)))
            return -1;
    }
    return write_all(c->to, b->data, b->len);
}

/* Reads a child's result into doc's outputs. -1 when the child died first. */
static int recv_result(iso *s, child *c, lede_doc *doc)
{
    uint32_t failed, slen, mlen, n;
    long so, mo;
    lede_buf *sc = &s->scratch;

    lede_buf_reset(sc);
    if (read_all(c->from, &failed, sizeof failed) || (so = get_str(c->from, sc, &slen)) < 0 ||
        (mo = get_str(c->from, sc, &mlen)) < 0 || read_all(c->from, &n, sizeof n))
        return -1;
    if (failed)
        lede__doc_fail(doc, sc->data + so, sc->data + mo);
    for (uint32_t i = 0; i < n; i++) {
        uint64_t len;
        lede_buf *b = lede_doc_output(doc, (int)i);
        if (read_all(c->from, &len, sizeof len) || !b)
            return -1;
        lede_buf_reset(b);
        if (lede_buf_reserve(b, (size_t)len) || read_all(c->from, b->data, (size_t)len))
            return -1;
        b->len = (size_t)len;
        b->data[b->len] = '\0';
    }
    uint32_t n_stages;
    if (read_all(c->from, &n_stages, sizeof n_stages))
        return -1;
    for (uint32_t i = 0; i < n_stages; i++) {
        double spent;
        if (read_all(c->from, &spent, sizeof spent))
            return -1;
        lede__pipeline_add_stage_seconds(s->p, i, spent);
    }
    return 0;
}

/* The child working on a document died or ran out of time: make the document an error
 * record naming the stage, render it here, and replace the child. */
static int child_lost(iso *s, int k, int timed_out, lede_error *err)
{
    child *c = &s->kids[k];
    lede_doc *doc = s->docs[c->slot];
    int status = 0, stage_idx = s->progress[k];
    char msg[256];

    if (timed_out)
        kill(c->pid, SIGKILL);
    close_child(c);
    while (waitpid(c->pid, &status, 0) < 0 && errno == EINTR)
        ;
    const char *stage =
        stage_idx > 0 ? lede__pipeline_stage_name(s->p, (size_t)stage_idx - 1) : NULL;
    if (timed_out)
        snprintf(msg, sizeof msg,
                 "took longer than the per-document time limit of %g s; the worker process "
                 "was killed and restarted",
                 s->set->doc_timeout);
    else if (WIFSIGNALED(status))
        snprintf(msg, sizeof msg, "crashed with signal %d (%s); the worker process was restarted",
                 WTERMSIG(status), strsignal(WTERMSIG(status)));
    else
        snprintf(msg, sizeof msg, "the worker process exited (status %d) while processing it",
                 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    for (int i = 0; i < lede__doc_sink_count(doc); i++)
        lede_buf_reset(lede_doc_output(doc, i));
    lede__doc_fail(doc, stage ? stage : "(worker)", msg);
    lede__pipeline_process(s->p, 0, doc, err); /* renderers only: the document failed */
    s->state[c->slot] = SLOT_DONE;
    c->slot = -1;
    return start_child(s, k, err);
}

/* Writes the finished documents that are due, in input order. The number written. */
static size_t write_due(iso *s)
{
    size_t n = 0;
    for (;;) {
        size_t w = (size_t)(s->next_write % s->n_slots);
        if (s->next_write >= s->next_read || s->state[w] != SLOT_DONE)
            return n;
        if (!s->write_failed) {
            s->dirty = 1;
            if (lede__runner_finish_doc(s->p, s->docs[w], s->has_renderer, s->stats, s->err))
                s->write_failed = s->eof = 1;
        }
        s->state[w] = SLOT_FREE;
        s->next_write++;
        n++;
    }
}

/* Hands ready documents to idle children, in order. 0, or the failure to replace a child. */
static int send_ready(iso *s)
{
    for (int k = 0; k < s->n_kids; k++) {
        child *c = &s->kids[k];
        if (c->slot >= 0)
            continue;
        while (s->next_send < s->next_read && s->state[s->next_send % s->n_slots] != SLOT_READY)
            s->next_send++;
        if (s->next_send >= s->next_read)
            return 0;
        size_t slot = (size_t)(s->next_send % s->n_slots);
        c->slot = (long)slot;
        c->deadline = s->set->doc_timeout > 0 ? lede__now() + s->set->doc_timeout : 0;
        s->state[slot] = SLOT_BUSY;
        s->next_send++;
        int rc = send_doc(s, c, s->docs[slot]) ? child_lost(s, k, 0, s->err) : 0;
        if (rc)
            return rc;
    }
    return 0;
}

/* Flushes the sinks; a failure is a write failure of the run. */
static void iso_flush(iso *s)
{
    lede_error e;
    if (lede__pipeline_flush(s->p, &e)) {
        if (errno == EPIPE)
            s->stats->broken_pipe = 1;
        *s->err = e;
        s->write_failed = s->eof = 1;
    }
    s->dirty = 0;
    s->last_flush = lede__now();
}

/* Waits for a result, a death or a deadline of the busy children, a flush that is due or a
 * stop signal, and takes what came; with in_fd >= 0, also for in_fd to be readable
 * (lede__run_wait). 1 when in_fd is readable, -1 to stop, 0 otherwise; a failure is left in
 * s->rc. */
static int wait_children(iso *s, int in_fd)
{
    struct pollfd pfd[LEDE_MAX_WORKERS + 2];
    int idx[LEDE_MAX_WORKERS], n = 0;
    int timeout_ms = lede__runner_flush_in(s->dirty, s->stream, s->last_flush);
    double now = lede__now();
    for (int k = 0; k < s->n_kids; k++) {
        if (s->kids[k].slot < 0)
            continue;
        if (s->kids[k].deadline > 0) {
            int ms = (int)((s->kids[k].deadline - now) * 1000.0) + 1;
            if (ms < 0)
                ms = 0;
            if (timeout_ms < 0 || ms < timeout_ms)
                timeout_ms = ms;
        }
        pfd[n].fd = s->kids[k].from;
        pfd[n].events = POLLIN;
        pfd[n].revents = 0;
        idx[n++] = k;
    }
    int got = lede__run_wait(in_fd, pfd, n, timeout_ms);
    if (in_fd < 0 && got < 0)
        return s->rc = lede_error_set(s->err, LEDE_EIO, "poll: %s", strerror(errno)), 0;
    now = lede__now();
    for (int i = 0; i < n && !s->rc; i++) {
        child *c = &s->kids[idx[i]];
        if (pfd[i].revents & (POLLIN | POLLHUP | POLLERR)) {
            if (recv_result(s, c, s->docs[c->slot]) == 0) {
                s->state[c->slot] = SLOT_DONE;
                c->slot = -1;
            } else {
                s->rc = child_lost(s, idx[i], 0, s->err);
            }
        } else if (c->deadline > 0 && now >= c->deadline) {
            s->rc = child_lost(s, idx[i], 1, s->err);
        }
    }
    return got;
}

/* The reader waits for input: what the children finished is written and flushed, ready
 * documents are handed out, and their results go out as they come until the input is
 * readable. */
static int iso_wait_input(void *ctx, int fd)
{
    iso *s = ctx;
    s->dirty = 1; /* written before the wait: may sit in stdio's buffer */
    for (;;) {
        write_due(s);
        if (s->write_failed || s->rc || (s->rc = send_ready(s)))
            return 1;
        if (s->dirty) {
            iso_flush(s);
            if (s->write_failed)
                return 1;
        }
        int got = wait_children(s, fd);
        if (s->rc)
            return 1;
        if (got)
            return got < 0;
    }
}

int lede__run_isolated(lede__pipeline *p, lede__reader *r, const lede__settings *set,
                       lede__run_stats *stats, lede_error *err)
{
    iso s;
    double t0 = lede__now();

    lede__run_stats_begin(stats);
    stats->quiet = set->quiet;
    memset(&s, 0, sizeof s);
    s.p = p;
    s.set = set;
    s.stats = stats;
    s.err = err;
    s.has_renderer = lede__pipeline_has_renderer(p);
    s.stream = set->input_may_wait;
    s.last_flush = lede__now();
    s.n_kids = set->workers > 0 ? set->workers : 1;
    s.n_slots = (size_t)s.n_kids * 4;
    lede_buf_init(&s.req, 0);
    lede_buf_init(&s.scratch, 0);
    s.kids = calloc((size_t)s.n_kids, sizeof *s.kids);
    s.docs = calloc(s.n_slots, sizeof *s.docs);
    s.state = calloc(s.n_slots, sizeof *s.state);
    s.progress = mmap(NULL, (size_t)s.n_kids * sizeof(int), PROT_READ | PROT_WRITE,
                      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (!s.kids || !s.docs || !s.state || s.progress == MAP_FAILED) {
        if (s.progress == MAP_FAILED)
            s.progress = NULL;
        s.rc = lede_error_set(err, LEDE_ENOMEM, "out of memory");
        goto out;
    }
    for (int k = 0; k < s.n_kids; k++)
        s.kids[k].to = s.kids[k].from = -1;
    for (size_t i = 0; i < s.n_slots; i++)
        if ((s.rc = lede__runner_new_doc(set, &s.docs[i], err)) ||
            (s.rc = lede__pipeline_prepare_doc(p, s.docs[i], err)))
            goto out;
    for (int k = 0; k < s.n_kids; k++)
        if ((s.rc = start_child(&s, k, err)))
            goto out;
    lede__reader_on_wait(r, iso_wait_input, &s);

    while (!s.rc) {
        /* 1. Write finished documents in input order, and flush them when that is due. */
        if (write_due(&s))
            continue;
        if (lede__runner_flush_in(s.dirty, s.stream, s.last_flush) == 0) {
            iso_flush(&s);
            continue;
        }
        /* After a stop signal, the documents read are finished and written, no more read. */
        if (!s.eof && lede__run_stop_signal())
            s.eof = 1;
        /* 2. Read while the window has room. */
        if (!s.eof && s.next_read - s.next_write < s.n_slots) {
            size_t slot = (size_t)(s.next_read % s.n_slots);
            lede_doc *doc = s.docs[slot];
            lede_doc_reset(doc);
            int got = lede__reader_next(r, doc, err);
            if (got <= 0) {
                s.eof = 1;
                if (got < 0)
                    s.rc = got;
                continue;
            }
            lede__doc_set_seq(doc, (size_t)stats->docs++);
            lede__runner_report_reader_warnings(doc, stats);
            if (lede_doc_failed(doc, NULL, NULL)) {
                lede__pipeline_process(p, 0, doc, err); /* renderers, in the parent */
                s.state[slot] = SLOT_DONE;
            } else {
                s.state[slot] = SLOT_READY;
            }
            s.next_read++;
            continue;
        }
        /* 3. Hand ready documents to idle children, in order. */
        if ((s.rc = send_ready(&s)))
            break;
        /* 4. Done? */
        int busy = 0;
        for (int k = 0; k < s.n_kids; k++)
            busy += s.kids[k].slot >= 0;
        if (!busy) {
            if (s.eof && s.next_write == s.next_read)
                break;
            continue;
        }
        /* 5. Wait for a result, a death or a deadline. */
        wait_children(&s, -1);
    }
out:
    lede__reader_on_wait(r, NULL, NULL);
    for (int k = 0; s.kids && k < s.n_kids; k++) {
        if (s.kids[k].pid > 0) {
            close_child(&s.kids[k]); /* EOF on its request pipe: it exits */
            int status;
            while (waitpid(s.kids[k].pid, &status, 0) < 0 && errno == EINTR)
                ;
        }
    }
    for (size_t i = 0; s.docs && i < s.n_slots; i++)
        lede_doc_free(s.docs[i]);
    free(s.docs);
    free(s.state);
    free(s.kids);
    if (s.progress)
        munmap((void *)s.progress, (size_t)s.n_kids * sizeof(int));
    lede_buf_free(&s.req);
    lede_buf_free(&s.scratch);
    stats->bytes = lede__reader_bytes(r);
    stats->seconds = lede__now() - t0;
    lede__run_stats_end(stats);
    if (s.write_failed && !s.rc)
        s.rc = err->code ? err->code : LEDE_EIO;
    return s.rc < 0 ? s.rc : 0;
}
