/*
 * teststage_fault.c -- a stage that misbehaves on marked documents, to prove crash
 * containment (--isolate): SEGV_HERE segfaults, ABORT_HERE aborts, HANG_HERE never returns,
 * SLEEP_HERE takes half a second (a slow document, for streaming tests); and HOG_HERE takes 1 MiB
 * of the document's arena after another until it is refused, to show the cap a small document gets
 * and that the failure keeps its message. CROWD_HERE takes half a second too and fails the document
 * with "N at once": the most CROWD_HERE documents the stage had at the same time while it ran.
 * test_runner reads that count to see how many documents the runner lets into the stages across
 * all of its workers, so the count must span the workers: the stage is LEDE_STAGE_SHAREABLE (one
 * instance serves every worker, which process() allows: it touches the instance only through
 * atomics) and the count lives in that instance, not in a global. MASK_HERE fails the document
 * with "stop signals blocked" or "stop signals open": whether SIGTERM is blocked in the thread
 * that runs the stage (runner.c blocks the stop signals in its worker threads).
 *
 * When the environment names a file in TESTSTAGE_FAULT_MARKS, the stage appends an 'H' to it
 * as a HANG_HERE document starts to hang, so that a test can wait for that state instead of
 * guessing how long it takes to come (test_stream.c). The file is opened for each mark
 * (O_APPEND): isolated worker processes and threads add to it as one.
 */
#include <stdatomic.h>
#include <fcntl.h>
#include <stdio.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lede/stage.h"

typedef struct fault {
    atomic_int crowd;      /* CROWD_HERE documents in the stage now */
    atomic_int crowd_peak; /* and the most so far */
} fault;

static int fault_create(lede_stage_ctx *ctx, const lede_options *opts, void **out, lede_error *err)
{
    (void)ctx, (void)opts;
    fault *f = malloc(sizeof *f);
    *out = f;
    if (f == NULL)
        return lede_error_set(err, LEDE_ENOMEM, "teststage_fault: out of memory");
    atomic_init(&f->crowd, 0);
    atomic_init(&f->crowd_peak, 0);
    return 0;
}

static void fault_destroy(void *p)
{
    free(p);
}

/* Appends an 'H' to the file TESTSTAGE_FAULT_MARKS names, if any: a document hangs now. */
static void mark_hang(void)
{
    const char *path = getenv("TESTSTAGE_FAULT_MARKS");
    if (path == NULL || *path == '\0')
        return;
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    ssize_t n = write(fd, "H", 1);
    (void)n;
    close(fd);
}

/* Half a second. */
static void nap(void)
{
    struct timespec ts = {0, 500L * 1000 * 1000};
    while (nanosleep(&ts, &ts) != 0)
        ;
}

static int fault_process(void *p, lede_doc *doc, lede_error *err)
{
    fault *f = p;
    const char *text = lede_doc_text(doc, NULL);
    if (strstr(text, "SEGV_HERE"))
        raise(SIGSEGV);
    if (strstr(text, "ABORT_HERE"))
        abort();
    if (strstr(text, "HOG_HERE")) {
        size_t mib = 0;
        while (lede_doc_alloc(doc, (size_t)1 << 20))
            mib++;
        return lede_error_set(err, LEDE_ENOMEM, "the arena refused more after %zu MiB", mib);
    }
    if (strstr(text, "SLEEP_HERE"))
        nap();
    if (strstr(text, "CROWD_HERE")) {
        int now = atomic_fetch_add(&f->crowd, 1) + 1, peak = atomic_load(&f->crowd_peak);
        while (now > peak && !atomic_compare_exchange_weak(&f->crowd_peak, &peak, now))
            ;
        nap();
        peak = atomic_load(&f->crowd_peak);
        atomic_fetch_sub(&f->crowd, 1);
        return lede_error_set(err, LEDE_EINVAL, "%d at once", peak);
    }
    if (strstr(text, "MASK_HERE")) {
        sigset_t cur;
        pthread_sigmask(SIG_BLOCK, NULL, &cur);
        return lede_error_set(err, LEDE_EINVAL, "stop signals %s",
                              sigismember(&cur, SIGTERM) == 1 ? "blocked" : "open");
    }
    if (strstr(text, "HANG_HERE")) {
        mark_hang();
        for (;;)
            pause();
    }
    return 0;
}

LEDE_STAGE_DEFINE(teststage_fault) = {LEDE_ABI_VERSION,
                                      sizeof(lede_stage_desc),
                                      "teststage_fault",
                                      "Test stage: crashes, aborts or hangs on marked documents",
                                      "1.0.0",
                                      NULL,
                                      NULL,
                                      NULL,
                                      LEDE_STAGE_SHAREABLE,
                                      fault_create,
                                      fault_process,
                                      NULL,
                                      fault_destroy};
