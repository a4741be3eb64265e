/*
 * strtab.h -- an open-addressing hash table from short byte strings to 32-bit values.
 *
 * The term lexicon (lexicon.c) keeps two of these, one from raw word tokens to stem ids and
 * one from stems to stem ids, and consults the first for every word of every document. A
 * corpus's vocabulary outgrows the CPU's nearer caches, so what a lookup costs is the
 * number of cache lines it touches and whether the CPU saw them coming. Hence: linear
 * probing straight over an array of 32-byte entries (two per cache line, at most half
 * used), each holding the key's first 16 bytes, which for all but a handful of words is
 * the whole key, its length and tag, and its value, so a hit costs one line; longer keys
 * go whole to a byte pool. Entries keep no hash: growing the table hashes keys again. A key is a
 * tag byte (the token kind, so "1990s" as a number and as a word stay apart) and its bytes.
 *
 * A key is prepared once (sum_strkey_make): its first 16 bytes as two little-endian words,
 * zero-padded, from which it is hashed and compared without a loop over bytes. When the
 * caller says 16 bytes can be read from the key's start (a word inside a longer text), the
 * words are two loads and a mask; otherwise they are assembled byte by byte. The lookup
 * path is inline here because it runs once per word; strtab.c holds the rest.
 *
 * The table never shrinks: its owner empties it (keeping the memory) or frees it, as
 * lexicon.c does once it is full. Nothing depends on the order of slots or hash values.
 */
#ifndef LEDE_SUMMARIZER_STRTAB_H
#define LEDE_SUMMARIZER_STRTAB_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* A table's first size in slots (2 MiB): a run of news stories meets tens of thousands of
 * words, and growing up to that from a small table cost 3% of the stage's time on the
 * 10 MB benchmark corpus. Pages untouched cost nothing (see strtab.c). */
#define SUM_STRTAB_FIRST 65536

/* Key bytes held in the entry itself; longer keys are compared against the pool too. */
#define SUM_STRTAB_INLINE 16

/* An entry: 32 bytes, two to a cache line. shape packs the key's length, its tag and a
 * "used" bit, so that one compare checks all three (an empty entry has shape 0). */
typedef struct sum_strent {
    uint64_t w[2];  /* the key's first 16 bytes, zero-padded little-endian words */
    uint32_t shape; /* see sum_strkey_shape */
    uint32_t val;
    uint32_t off; /* the whole key's offset in the pool, when it is longer than 16 */
} sum_strent;

typedef struct sum_strtab {
    sum_strent *ent; /* mask + 1 entries, at most half used; NULL until the first put */
    void *mem;       /* the block ent was carved from (aligned inside it) */
    uint32_t mask, n;
    unsigned shift; /* a key's first slot is hash >> shift: the hash's top bits */
    char *pool;
    size_t pool_len, pool_cap;
} sum_strtab;

typedef struct sum_strkey {
    uint64_t w[2]; /* as in sum_strent */
    const char *s;
    uint32_t len, hash;
    uint32_t shape;
} sum_strkey;

/* The shape of a key of len bytes (at most UINT16_MAX, see sum_strtab_put) and tag. */
static inline uint32_t sum_strkey_shape(size_t len, unsigned tag)
{
    return (uint32_t)(len & 0xFFFF) | (tag & 0xFF) << 16 | UINT32_C(1) << 24;
}

/* Up to 8 bytes of s as a little-endian word, zero-padded. readable: how many bytes from s
 * may be read (at least len); with 8 or more, one load does it. */
static inline uint64_t sum_load_le(const char *s, size_t len, size_t readable)
{
    uint64_t x = 0;
    if (len > 8)
        len = 8;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (readable >= 8) {
        memcpy(&x, s, 8);
        return len == 8 ? x : x & ((UINT64_C(1) << (8 * len)) - 1);
    }
#else
    (void)readable;
#endif
    for (size_t i = 0; i < len; i++)
        x |= (uint64_t)(unsigned char)s[i] << (8 * i);
    return x;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* A key's two words from s, which has 16 bytes readable, for a key of len bytes (at most
 * SUM_STRTAB_INLINE: a longer key's first 16): two loads, each masked to the key's bytes in
 * it. keep[8 + n] keeps a word's low n bytes (all 8 from n = 8 on), so keep[8 + len] is the
 * first word's mask and keep[len] the second's. */
static inline void sum_strkey_words16(uint64_t w[2], const char *s, size_t len)
{
    /* clang-format off */
    static const uint64_t keep[8 + SUM_STRTAB_INLINE + 1] = {
        0, 0, 0, 0, 0, 0, 0, 0,
        0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF, 0xFFFFFFFFFF, 0xFFFFFFFFFFFF, 0xFFFFFFFFFFFFFF,
        UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX,
        UINT64_MAX, UINT64_MAX};
    /* clang-format on */
    uint64_t w0, w1;
    memcpy(&w0, s, 8);
    memcpy(&w1, s + 8, 8);
    w[0] = w0 & keep[8 + len];
    w[1] = w1 & keep[len];
}
#endif

/* Loads the key (tag, s[0..len)) without hashing it: see the top of the file for readable. */
static inline void sum_strkey_load(sum_strkey *k, unsigned tag, const char *s, size_t len,
                                   size_t readable)
{
    k->s = s;
    k->len = (uint32_t)len;
    k->shape = sum_strkey_shape(len, tag);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (readable >= 16) {
        /* The common case, without a branch on the length. */
        sum_strkey_words16(k->w, s, len < SUM_STRTAB_INLINE ? len : SUM_STRTAB_INLINE);
        return;
    }
#endif
    k->w[0] = sum_load_le(s, len, readable);
    k->w[1] = len > 8 ? sum_load_le(s + 8, len - 8, readable - 8) : 0;
}

/* The hash of a key's first 16 bytes and shape, before its longer bytes (sum_strkey_seal). */
static inline uint64_t sum_strkey_mix(uint64_t w0, uint64_t w1, uint32_t shape)
{
    return ((w0 + shape) * UINT64_C(0x9E3779B97F4A7C15)) ^ (w1 * UINT64_C(0xD6E8FEB86659FD93));
}

/* Completes a loaded key with its hash: the high half of one product per word of the key
 * (a product's high bits depend on every bit of its factors, its low bits on the low bits
 * only), which for the common short key is one multiply. Tables take a key's slot from the
 * hash's top bits, so that every byte of the key counts. Bytes past the first 16 are read
 * from k->s. */
static inline void sum_strkey_seal(sum_strkey *k)
{
    uint64_t h = sum_strkey_mix(k->w[0], k->w[1], k->shape);
    for (size_t i = SUM_STRTAB_INLINE; i < k->len; i += 8) { /* the rare long word */
        h ^= h >> 29;
        h = (h ^ sum_load_le(k->s + i, k->len - i, k->len - i)) * UINT64_C(0x94D049BB133111EB);
    }
    k->hash = (uint32_t)(h >> 32);
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* Whether sum_strkey_make_short may serve (it reads two little-endian words at once). */
#define SUM_STRKEY_SHORT 1
/* What sum_strkey_make_short makes, into w[] and *shape, returning the hash: for a caller
 * that keeps them in registers or stores them elsewhere. */
static inline uint32_t sum_strkey_short_parts(uint64_t w[2], uint32_t *shape, unsigned tag,
                                              const char *s, uint32_t len)
{
    sum_strkey_words16(w, s, len);
    *shape = sum_strkey_shape(len, tag);
    return (uint32_t)(sum_strkey_mix(w[0], w[1], *shape) >> 32);
}

/* sum_strkey_make for the common key, of at most SUM_STRTAB_INLINE bytes with 16 bytes
 * readable from s: the same key and hash, in a few instructions and no branch. */
static inline void sum_strkey_make_short(sum_strkey *k, unsigned tag, const char *s, uint32_t len)
{
    k->s = s;
    k->len = len;
    k->hash = sum_strkey_short_parts(k->w, &k->shape, tag, s, len);
}
#else
#define SUM_STRKEY_SHORT 0
#endif

/* Prepares the key (tag, s[0..len)) for lookups; see the top of the file for readable. */
static inline void sum_strkey_make(sum_strkey *k, unsigned tag, const char *s, size_t len,
                                   size_t readable)
{
    sum_strkey_load(k, tag, s, len, readable);
    sum_strkey_seal(k);
}

/* Asks the CPU to fetch the entry a lookup of the key reads first, so that the lookups of
 * a run of words wait for memory together rather than one after another. */
static inline void sum_strtab_prefetch(const sum_strtab *t, const sum_strkey *k)
{
#if defined(__GNUC__)
    if (t->ent != NULL)
        __builtin_prefetch(&t->ent[k->hash >> t->shift]);
#else
    (void)t;
    (void)k;
#endif
}

/* The key's entry, or NULL when the table does not hold it. */
static inline sum_strent *sum_strtab_find(const sum_strtab *t, const sum_strkey *k)
{
    if (t->ent == NULL)
        return NULL;
    for (uint32_t i = k->hash >> t->shift;; i = (i + 1) & t->mask) {
        sum_strent *e = &t->ent[i];
        if (e->w[0] == k->w[0] && e->w[1] == k->w[1] && e->shape == k->shape &&
            (k->len <= SUM_STRTAB_INLINE || memcmp(t->pool + e->off, k->s, k->len) == 0))
            return e;
        if (e->shape == 0)
            return NULL;
    }
}

/* Moves the entry e, which sum_strtab_find returned for the key, to the key's first slot,
 * and the entry there to e's; returns the key's entry at its new place. Every key stays
 * found: the entry moved away goes further along its own probe run (every slot between
 * the key's first slot and e is in use, or the key's probe would have stopped there), and
 * no slot empties. A key looked up often then takes one probe, not several. */
static inline sum_strent *sum_strtab_promote(sum_strtab *t, const sum_strkey *k, sum_strent *e)
{
    sum_strent *home = &t->ent[k->hash >> t->shift];
    if (home != e) {
        sum_strent x = *home;
        *home = *e;
        *e = x;
    }
    return home;
}

/* The value stored for the key, or NULL when the table does not hold it. */
static inline uint32_t *sum_strtab_get(const sum_strtab *t, const sum_strkey *k)
{
    sum_strent *e = sum_strtab_find(t, k);
    return e != NULL ? &e->val : NULL;
}

/* Adds a key that sum_strtab_find did not find, with its value. Returns 0, LEDE_ENOMEM, or
 * LEDE_ETOOBIG for a key over 64 KiB or a table of 2^28 entries. */
int sum_strtab_put(sum_strtab *t, const sum_strkey *k, uint32_t val);
/* Empties the table, keeping its memory. */
void sum_strtab_clear(sum_strtab *t);
void sum_strtab_free(sum_strtab *t);

#endif
