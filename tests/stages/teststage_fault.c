/*
 * teststage_fault.c -- a stage that misbehaves on marked documents, to prove crash
 * containment (--isolate): SEGV_HERE segfaults, ABORT_HERE aborts, HANG_HERE never returns,
 * SLEEP_HERE takes half a second (a slow document, for streaming tests); and HOG_HERE takes 1 MiB
 * of the document's arena after another until it is refused, to show the cap a small document gets
 * and that the failure keeps its message. CROWD_HERE takes half a second too and fails the document
 * with "N at once": the most CROWD_HERE documents this process had in its stages at the same time
 * while it ran (a count shared by the workers, on purpose: it measures the runner's window).
 */
#include <stdatomic.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lede/stage.h"

static int fault_create(lede_stage_ctx *ctx, const lede_options *opts, void **out, lede_error *err)
{
    (void)ctx, (void)opts, (void)err;
    *out = NULL;
    return 0;
}

/* CROWD_HERE documents in the stages now, and the most so far. */
static atomic_int crowd, crowd_peak;

/* Half a second. */
static void nap(void)
{
    struct timespec ts = {0, 500L * 1000 * 1000};
    while (nanosleep(&ts, &ts) != 0)
        ;
}

static int fault_process(void *p, lede_doc *doc, lede_error *err)
{
    const char *text = lede_doc_text(doc, NULL);
    (void)p;
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
        int now = atomic_fetch_add(&crowd, 1) + 1, peak = atomic_load(&crowd_peak);
        while (now > peak && !atomic_compare_exchange_weak(&crowd_peak, &peak, now))
            ;
        nap();
        peak = atomic_load(&crowd_peak);
        atomic_fetch_sub(&crowd, 1);
        return lede_error_set(err, LEDE_EINVAL, "%d at once", peak);
    }
    if (strstr(text, "HANG_HERE"))
        for (;;)
            pause();
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
                                      0,
                                      fault_create,
                                      fault_process,
                                      NULL,
                                      NULL};
