/*
 * arena.c -- the per-document bump allocator.
 *
 * Stages allocate their annotations here and never free them; the host resets the arena
 * between documents. A cap turns a runaway allocation into a NULL (and so an error record),
 * never unbounded growth.
 *
 * Three things keep its memory and its zeroing small:
 * - Chunks come from calloc, and each remembers a mark below which its bytes may be dirty;
 *   above it they are still zero. A zeroed allocation clears only the dirty part of its
 *   range, so fresh memory is never zeroed twice, and pages a stage reserves but never
 *   writes (a large calloc is mapped, not touched) never become resident. Reset zeroes the
 *   first LEDE_EAGER_MAX bytes the document used in one call, while they are in the cache,
 *   so a stream of small documents needs no memset per allocation.
 * - A request that does not fit the current chunk and is large (over a quarter of it, or
 *   over LEDE_BIG_MIN) gets an exact-size chunk of its own beside it: the current chunk's
 *   free room stays in use, and doubling does not overshoot a huge request.
 * - Reset keeps the one chunk that held the whole document, if there is one of moderate
 *   size (LEDE_KEEP_MAX); otherwise it frees everything and sizes the next document's first
 * chunk to hold what this one needed, so a stream of similar documents settles on one chunk and no
 *   malloc at all. A document that needed more than LEDE_KEEP_MAX leaves nothing
 *   behind: one huge document does not pin its memory for the rest of the run.
 *
 * It must never hand a stage memory it has not zeroed through lede__arena_alloc: the ABI
 * promises it (lede_doc_alloc), and stages rely on it (qt_names_build sets two fields of the
 * quotes stage's name index and counts on the rest being zero: a build that skipped the zeroing
 * crashed there on the BBC corpus; the example stages' hash tables take a zero slot for empty).
 * What reset zeroes is already only what the document was handed, not the chunk (a BBC story:
 * ~13 KB of 64 KiB, ~80 ns, ~0.4% of the default chain's CPU in a profile); zeroing lazily
 * instead, at each allocation, was no faster (six interleaved pairs, within 1%). Callgrind
 * overstates it more than tenfold: glibc's memset stores 2 KiB and more with `rep stosb`, which
 * Valgrind counts as one instruction per byte (13,000 Ir per reset).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lede_internal.h"

struct lede__chunk {
    lede__chunk *next;
    size_t size;  /* usable bytes after the header */
    size_t used;  /* bytes handed out since the last reset */
    size_t clean; /* free bytes below clean are zero (zeroed at the last reset) */
    size_t dirty; /* bytes [dirty, size) are zero; free ones in [clean, dirty) may not be */
    max_align_t data[];
};

#define LEDE_CHUNK_MIN ((size_t)64 * 1024)
/* Chunks larger than LEDE_KEEP_MAX (lede_internal.h) are not kept across documents, and the
 * next document's first chunk is never sized above it. A news story takes ~13 KB; a 5 MB document
 * tens of MiB. At 64 MiB each of the runner's document objects (16 per worker) kept the chunk that
 * a huge document had filled, all of it resident: 40 records of 5 MB at -j 8 peaked at 500-650 MB
 * (bench/RESULTS.md, tenth session). */
/* A request larger than this that does not fit gets a chunk of its own. */
#define LEDE_BIG_MIN ((size_t)1024 * 1024)
/* Reset zeroes at most this much of what the document used (the rest when handed out). */
#define LEDE_EAGER_MAX ((size_t)1024 * 1024)

void lede__arena_init(lede__arena *a, size_t max)
{
    a->head = NULL;
    a->big = NULL;
    a->used_total = 0;
    a->max = max;
    a->first = 0;
}

static lede__chunk *chunk_new(size_t size)
{
    lede__chunk *c;
    if (size > SIZE_MAX - sizeof *c)
        return NULL;
    c = calloc(1, sizeof *c + size);
    if (c)
        c->size = size;
    return c;
}

static void chunks_free(lede__chunk *c)
{
    lede__chunk *next;
    for (; c; c = next) {
        next = c->next;
        free(c);
    }
}

/* Takes n bytes (a multiple of the alignment) from c. With zero set, the first zero of them
 * are cleared where they may hold an earlier document's bytes: [clean, dirty). */
static void *take(lede__chunk *c, size_t n, size_t zero)
{
    char *p = (char *)c->data + c->used;
    size_t from = c->clean > c->used ? c->clean : c->used, to = c->used + zero;

    if (to > c->dirty)
        to = c->dirty;
    if (from < to)
        memset((char *)c->data + from, 0, to - from);
    c->used += n;
    if (c->dirty < c->used)
        c->dirty = c->used;
    return p;
}

/* The smallest power of two (from LEDE_CHUNK_MIN) at or above n, at most LEDE_KEEP_MAX. */
static size_t chunk_size_for(size_t n)
{
    size_t size = LEDE_CHUNK_MIN;
    while (size < n && size < LEDE_KEEP_MAX)
        size *= 2;
    return size;
}

static void *arena_take(lede__arena *a, size_t n, int zeroed)
{
    const size_t align = sizeof(max_align_t);
    lede__chunk *c = a->head;
    size_t zero;

    if (n == 0)
        n = 1;
    zero = zeroed ? n : 0;
    if (n > SIZE_MAX / 2)
        return NULL;
    n = (n + align - 1) & ~(align - 1);
    if (a->max && (n > a->max || a->used_total > a->max - n))
        return NULL;
    if (!c || c->size - c->used < n) {
        size_t size = c ? c->size * 2 : (a->first > LEDE_CHUNK_MIN ? a->first : LEDE_CHUNK_MIN);
        if (c ? n > c->size / 4 || n > LEDE_BIG_MIN : n > size) {
            /* Its own chunk, beside the current one: no room is abandoned. */
            c = chunk_new(n);
            if (!c)
                return NULL;
            c->next = a->big;
            a->big = c;
        } else {
            c = chunk_new(size);
            if (!c)
                return NULL;
            c->next = a->head;
            a->head = c;
        }
    }
    a->used_total += n;
    return take(c, n, zero);
}

void *lede__arena_alloc_uninit(lede__arena *a, size_t n)
{
    return arena_take(a, n, 0);
}

void *lede__arena_alloc(lede__arena *a, size_t n)
{
    return arena_take(a, n, 1);
}

void lede__arena_reset(lede__arena *a)
{
    lede__chunk **link, **keep = NULL;

    /* The chunk that held everything this document asked for (then the only one). */
    for (link = &a->head; *link; link = &(*link)->next)
        if ((*link)->size <= LEDE_KEEP_MAX && (*link)->size >= a->used_total)
            keep = link;
    if (keep) {
        lede__chunk *c = *keep;
        *keep = c->next;
        chunks_free(a->head);
        /* What the document used is still in the cache: zeroing it now, in one call, is
         * cheaper than a memset for each allocation of the next document. */
        size_t zero = c->used < LEDE_EAGER_MAX ? c->used : LEDE_EAGER_MAX;
        memset(c->data, 0, zero);
        c->clean = zero < c->used ? zero : c->clean > c->used ? c->clean : c->used;
        c->used = 0;
        c->next = NULL;
        a->head = c;
        a->first = 0;
    } else {
        chunks_free(a->head);
        a->head = NULL;
        a->first = a->used_total <= LEDE_KEEP_MAX ? chunk_size_for(a->used_total) : 0;
    }
    chunks_free(a->big);
    a->big = NULL;
    a->used_total = 0;
}

int lede__arena_oversized(const lede__arena *a)
{
    /* Reset frees the exact-size chunks and every chunk past the one it keeps, which holds
     * at most LEDE_KEEP_MAX. */
    return a->big != NULL || a->used_total > LEDE_KEEP_MAX;
}

void lede__arena_free(lede__arena *a)
{
    chunks_free(a->head);
    chunks_free(a->big);
    a->head = NULL;
    a->big = NULL;
    a->used_total = 0;
    a->first = 0;
}
