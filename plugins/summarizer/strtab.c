/*
 * strtab.c -- the cold half of the string table (strtab.h): adding keys, growing, clearing.
 *
 * Lookups are inline in strtab.h; what is here runs once per new word. Entries live in one
 * 64-byte-aligned array so that no entry straddles two cache lines, and the table doubles
 * before it is half full, which keeps linear probing's runs short.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "summarizer.h"

/* A huge page's size (x86-64, arm64 with 4 KiB base pages). */
#define HUGE_BYTES ((size_t)2 << 20)

/* Doubles the entry array (or makes the first one, of SUM_STRTAB_FIRST slots) and
 * re-inserts every entry. */
static int grow(sum_strtab *t)
{
    size_t n_slots = t->ent == NULL ? SUM_STRTAB_FIRST : ((size_t)t->mask + 1) * 2;
    if (n_slots > ((size_t)1 << 28))
        return LEDE_ETOOBIG;
    /* 64-byte aligned, so that no entry straddles two cache lines. A table of megabytes is
     * aligned for huge pages and asks for them (where the kernel gives them on request):
     * filling it then takes one page fault per 2 MiB instead of one per 4 KiB. calloc, not
     * malloc and memset: a large block comes zeroed from the kernel, page by page as it is
     * first touched, and zeroing it again cost more than the re-insertions. */
    size_t bytes = n_slots * sizeof(sum_strent);
    size_t align = bytes >= HUGE_BYTES ? HUGE_BYTES : 64;
    void *mem = calloc(1, bytes + align);
    if (mem == NULL)
        return LEDE_ENOMEM;
    sum_strent *ent = (sum_strent *)(((uintptr_t)mem + align - 1) & ~(uintptr_t)(align - 1));
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (align == HUGE_BYTES)
        (void)madvise(ent, bytes, MADV_HUGEPAGE); /* only advice: no huge pages is fine */
#endif
    uint32_t mask = (uint32_t)(n_slots - 1);
    unsigned shift = 32;
    for (size_t m = n_slots; m > 1; m >>= 1)
        shift--;
    for (size_t j = 0; t->ent != NULL && j <= t->mask; j++) {
        const sum_strent *e = &t->ent[j];
        if (e->shape == 0)
            continue;
        /* Entries keep no hash: the key is rebuilt and hashed again. */
        sum_strkey k = {.w = {e->w[0], e->w[1]}, .len = e->shape & 0xFFFF, .shape = e->shape};
        k.s = k.len > SUM_STRTAB_INLINE ? t->pool + e->off : NULL;
        sum_strkey_seal(&k);
        uint32_t i = k.hash >> shift;
        while (ent[i].shape != 0)
            i = (i + 1) & mask;
        ent[i] = *e;
    }
    free(t->mem);
    t->mem = mem;
    t->ent = ent;
    t->mask = mask;
    t->shift = shift;
    return 0;
}

/* Copies a long key into the pool; its offset, or UINT32_MAX when out of memory. */
static uint32_t pool_add(sum_strtab *t, const char *s, uint32_t len)
{
    if (t->pool_len > UINT32_MAX - (size_t)len - 1)
        return UINT32_MAX;
    if (t->pool_len + len > t->pool_cap) {
        size_t cap = t->pool_cap ? t->pool_cap : 4096;
        while (cap < t->pool_len + len)
            cap *= 2;
        char *p = realloc(t->pool, cap);
        if (p == NULL)
            return UINT32_MAX;
        t->pool = p;
        t->pool_cap = cap;
    }
    uint32_t off = (uint32_t)t->pool_len;
    memcpy(t->pool + off, s, len);
    t->pool_len += len;
    return off;
}

int sum_strtab_put(sum_strtab *t, const sum_strkey *k, uint32_t val)
{
    if (k->len > UINT16_MAX)
        return LEDE_ETOOBIG;
    if (t->ent == NULL || (size_t)(t->n + 1) * 2 > (size_t)t->mask + 1) {
        int rc = grow(t);
        if (rc != 0)
            return rc;
    }
    sum_strent e = {.w = {k->w[0], k->w[1]}, .shape = k->shape, .val = val};
    if (k->len > SUM_STRTAB_INLINE) {
        e.off = pool_add(t, k->s, k->len);
        if (e.off == UINT32_MAX)
            return LEDE_ENOMEM;
    }
    uint32_t i = k->hash >> t->shift;
    while (t->ent[i].shape != 0)
        i = (i + 1) & t->mask;
    t->ent[i] = e;
    t->n++;
    return 0;
}

void sum_strtab_clear(sum_strtab *t)
{
    if (t->ent != NULL)
        memset(t->ent, 0, sizeof(sum_strent) * ((size_t)t->mask + 1));
    t->n = 0;
    t->pool_len = 0;
}

void sum_strtab_free(sum_strtab *t)
{
    free(t->mem);
    free(t->pool);
    memset(t, 0, sizeof(*t));
}
