/*
 * arena.c -- the per-document bump allocator.
 *
 * Stages allocate their annotations here and never free them; the host resets the arena
 * between documents. Reset keeps the largest chunk of moderate size so that a stream of similar
 * documents reaches a steady state with no malloc at all, and frees the rest so that one huge
 * document does not pin its memory for the rest of the run. A cap turns a runaway
 * allocation into a NULL (and so an error record), never unbounded growth.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lede_internal.h"

struct lede__chunk {
    lede__chunk *next;
    size_t size; /* usable bytes after the header */
    size_t used;
    max_align_t data[];
};

#define LEDE_CHUNK_MIN ((size_t)64 * 1024)
/* Chunks larger than this are not kept across documents. */
#define LEDE_CHUNK_KEEP_MAX ((size_t)64 * 1024 * 1024)

void lede__arena_init(lede__arena *a, size_t max)
{
    a->head = NULL;
    a->used_total = 0;
    a->max = max;
}

void *lede__arena_alloc_uninit(lede__arena *a, size_t n)
{
    const size_t align = sizeof(max_align_t);
    lede__chunk *c = a->head;
    void *p;

    if (n == 0)
        n = 1;
    if (n > SIZE_MAX / 2)
        return NULL;
    n = (n + align - 1) & ~(align - 1);
    if (a->max && (n > a->max || a->used_total > a->max - n))
        return NULL;
    if (!c || c->size - c->used < n) {
        size_t size = c ? c->size * 2 : LEDE_CHUNK_MIN;
        if (size < n)
            size = n;
        c = malloc(sizeof *c + size);
        if (!c)
            return NULL;
        c->size = size;
        c->used = 0;
        c->next = a->head;
        a->head = c;
    }
    p = (char *)c->data + c->used;
    c->used += n;
    a->used_total += n;
    return p;
}

void *lede__arena_alloc(lede__arena *a, size_t n)
{
    void *p = lede__arena_alloc_uninit(a, n);
    if (p)
        memset(p, 0, n ? n : 1);
    return p;
}

void lede__arena_reset(lede__arena *a)
{
    lede__chunk *c, *next, *keep = NULL;

    for (c = a->head; c; c = c->next)
        if (c->size <= LEDE_CHUNK_KEEP_MAX && (!keep || c->size > keep->size))
            keep = c;
    for (c = a->head; c; c = next) {
        next = c->next;
        if (c != keep)
            free(c);
    }
    if (keep) {
        keep->used = 0;
        keep->next = NULL;
    }
    a->head = keep;
    a->used_total = 0;
}

void lede__arena_free(lede__arena *a)
{
    lede__chunk *c, *next;
    for (c = a->head; c; c = next) {
        next = c->next;
        free(c);
    }
    a->head = NULL;
    a->used_total = 0;
}
