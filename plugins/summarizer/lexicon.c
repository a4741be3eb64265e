/*
 * lexicon.c -- from a word token to the document's id for its stemmed term, fast.
 *
 * A word becomes a term by being lower-cased (utf8proc for non-ASCII letters, with the
 * typographic apostrophe folded to ' so that "Russia’s" stems like "Russia's"), dropped
 * when it is a stop word, and stemmed with libstemmer; a word with no letter or digit left
 * says nothing and is dropped too. Done for every token, that chain took more than half
 * of the stage's time (the stemmer alone about a third), yet its answer depends only on
 * the token's bytes and kind. So the instance remembers it: a table from the token's bytes
 * as they stand to a stem id (or "no term") answers every word seen before with one hash
 * and one probe, and only new words meet utf8proc and the stemmer.
 * "The" and "the" take an entry each: folding the case of every word before its lookup
 * cost more than the eighth more entries do. The table outgrows the CPU's nearer caches,
 * so a lookup costs mostly the wait for its entry: the fetches of a window of words
 * overlap. Stems are interned in a second table so that "drone", "Drones" and "drones"
 * share one stem id.
 *
 * Stem ids are global to the instance and depend on what it has read, so they must not
 * reach the model: each document numbers its terms 0, 1, 2 ... in order of first
 * occurrence (the order a per-document table would give), through a per-stem stamp of the
 * document that last numbered it. Nothing downstream can tell whether the cache was warm.
 *
 * The cache is capped at LEX_MAX_WORDS words: a full cache takes no new word, and it is
 * freed before the next document (so is the stem table, which one huge document of
 * distinct words may swell past the cap), which costs some stemmer calls and changes no
 * output. It also remembers the stemmer and stop-word setting it was filled with and
 * starts over when they change.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#endif

#include <libstemmer.h>
#include <utf8proc.h>

#include "summarizer.h"

/* Words longer than this (URLs, base64 runs) carry no summary signal and are skipped. */
#define MAX_WORD_BYTES 128
/* Distinct raw words the cache holds at most: up to 64 bytes of table each, 8 MiB in all.
 * The 4428 BBC stories of the 10 MB benchmark corpus have about 40000. */
#define LEX_MAX_WORDS (1u << 17)
/* What the word table says about a word that yields no term (a stop word, or one with
 * no letter or digit). */
#define LEX_NONE UINT32_MAX
/* Words whose cache entries are fetched together: enough misses in flight to keep memory
 * busy, few enough that the entries are still in L1 when read (128 lines are 8 KiB). Since
 * the pass was split in gather() and resolve(), 128 measured 1-2% less CPU for `tokenizer
 * ! summarizer` on the 100 MB corpus than 64, 2.5% less than 32; 256 no better. */
#define LEX_WINDOW 128
/* Guesses at a new word's stem whose stem-table entries are fetched before it is stemmed:
 * the word less its last 0, 1, ... LEX_STEM_GUESSES - 1 bytes (see prefetch_stems). */
#define LEX_STEM_GUESSES 4
/* Tokens gather_run_simd takes at a time. */
#define LEX_SIMD 8

static int grow_word(sum_lexicon *lx, size_t need)
{
    if (need <= lx->word_cap)
        return 0;
    size_t cap = lx->word_cap ? lx->word_cap : 64;
    while (cap < need)
        cap *= 2;
    char *p = realloc(lx->word, cap);
    if (p == NULL)
        return LEDE_ENOMEM;
    lx->word = p;
    lx->word_cap = cap;
    return 0;
}

/* Lower-cases s[0..len) into lx->word; returns its length, or -1 when memory ran out.
 * Typographic apostrophes (U+2019, U+2018, U+02BC) become ', so that the stemmer strips
 * "’s" as it strips "'s". Lower-casing never more than doubles a word's bytes (only ASCII
 * letters are one byte long, and they stay one byte). */
static long lower_word(sum_lexicon *lx, const char *s, size_t len)
{
    if (grow_word(lx, len * 2 + 8) != 0)
        return -1;
    char *out = lx->word;
    size_t o = 0, i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            out[o++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) { /* the host validated the text; keep the byte rather than fail */
            out[o++] = (char)c;
            i++;
            continue;
        }
        i += (size_t)n;
        if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC) {
            out[o++] = '\'';
            continue;
        }
        o += (size_t)utf8proc_encode_char(utf8proc_tolower(cp), (utf8proc_uint8_t *)out + o);
    }
    out[o] = '\0';
    return (long)o;
}

/* Asks for the stem-table entries of the likeliest stems of the lower-cased word lx->word
 * (len bytes): the word itself and the word less its last one, two or three bytes. Only
 * new words are stemmed, so their stems' entries are seldom in a near cache, and the lookup
 * comes right after the stemmer; fetched while the stemmer runs, the entry is there when
 * the lookup needs it. On the BBC corpus the stem is one of these four for 87% of the
 * words (42% the word itself). A wrong guess costs one fetch of a line no one reads. */
static void prefetch_stems(const sum_lexicon *lx, size_t len)
{
    for (size_t cut = 0; cut < LEX_STEM_GUESSES && cut < len; cut++) {
        sum_strkey k;
        /* lx->word has room for word_cap bytes; the key's loads mask off what is past it. */
        sum_strkey_make(&k, 0, lx->word, len - cut, lx->word_cap);
        sum_strtab_prefetch(&lx->stems, &k);
    }
}

static int is_ascii(const char *s, size_t len)
{
    unsigned char any = 0;
    for (size_t i = 0; i < len; i++)
        any |= (unsigned char)s[i];
    return any < 0x80;
}

/* The uncached path: the stem id of a token, or LEX_NONE. A stemmer takes most of its
 * time, and the UTF-8 one 20-40% more than its ISO-8859-1 twin (lx->twin), which gives an
 * ASCII word the same stem: the same Snowball program, whose English and Porter rules know
 * only ASCII letters and the apostrophe, reading bytes that are the same characters in
 * both encodings. */
static int classify(sum_lexicon *lx, int is_number, const char *s, size_t len, uint32_t *out)
{
    *out = LEX_NONE;
    long n = lower_word(lx, s, len);
    if (n < 0)
        return LEDE_ENOMEM;
    if (lx->stopwords && sum_is_stopword(lx->word, (size_t)n)) {
        return 0;
    }
    const char *stem = lx->word;
    size_t stem_len = (size_t)n;
    if (!is_number && lx->stemmer != NULL) {
        prefetch_stems(lx, (size_t)n);
        struct sb_stemmer *stemmer = lx->stemmer;
        if (lx->twin != NULL && lx->twin_of == stemmer && is_ascii(lx->word, (size_t)n))
            stemmer = lx->twin;
        const sb_symbol *st = sb_stemmer_stem(stemmer, (const sb_symbol *)lx->word, (int)n);
        if (st == NULL)
            return LEDE_ENOMEM;
        stem = (const char *)st;
        stem_len = (size_t)sb_stemmer_length(stemmer);
    }
    /* A bare apostrophe or a stem with no letter or digit left says nothing. */
    int alnum = 0;
    for (size_t c = 0; c < stem_len && !alnum; c++)
        alnum = (unsigned char)stem[c] >= 0x80 || (stem[c] >= '0' && stem[c] <= '9') ||
                (stem[c] >= 'a' && stem[c] <= 'z');
    if (!alnum)
        return 0;
    sum_strkey k;
    sum_strkey_make(&k, 0, stem, stem_len, stem_len);
    uint32_t *id = sum_strtab_get(&lx->stems, &k);
    if (id != NULL) {
        *out = *id;
        return 0;
    }
    uint32_t next = lx->stems.n;
    int rc = sum_strtab_put(&lx->stems, &k, next);
    if (rc != 0)
        return rc;
    *out = next;
    return 0;
}

/* Makes room for stem id `stem` in the per-stem numbering; new cells are zero. */
static int grow_stems(sum_lexicon *lx, uint32_t stem)
{
    if (stem < lx->stem_cap)
        return 0;
    size_t cap = lx->stem_cap ? lx->stem_cap : 1024;
    while (cap <= stem)
        cap *= 2;
    sum_docterm *num = realloc(lx->num, sizeof(*num) * cap);
    if (num == NULL)
        return LEDE_ENOMEM;
    memset(num + lx->stem_cap, 0, sizeof(*num) * (cap - lx->stem_cap));
    lx->num = num;
    lx->stem_cap = (uint32_t)cap;
    return 0;
}

void sum_lexicon_begin(sum_lexicon *lx, struct sb_stemmer *stemmer, int stopwords)
{
    if (lx->words.n >= LEX_MAX_WORDS || lx->stems.n >= LEX_MAX_WORDS) {
        /* Full, or swollen by one huge document: give the memory back and start over. */
        sum_strtab_free(&lx->words);
        sum_strtab_free(&lx->stems);
        free(lx->num);
        lx->num = NULL;
        lx->stem_cap = 0;
    } else if (lx->stemmer != stemmer || lx->stopwords != stopwords) {
        sum_strtab_clear(&lx->words);
        sum_strtab_clear(&lx->stems);
        /* Stale stamps are older than the next one, so the numbering may stay. */
    }
    lx->stemmer = stemmer;
    lx->stopwords = stopwords;
    if (++lx->doc == 0) { /* after 2^32 documents: forget every stamp */
        if (lx->num != NULL)
            memset(lx->num, 0, sizeof(*lx->num) * lx->stem_cap);
        lx->doc = 1;
    }
    lx->n_doc_terms = 0;
}

/* The uncached path of one word token (at most MAX_WORD_BYTES): its stem id or LEX_NONE
 * into *stem, remembered when the cache has room.
 *
 * A word in capitals ("The", "PORT") is most often the capitalised form of a word the
 * cache knows: when the word is all ASCII, its lower-case form (which is what classify()
 * would stem: lower-casing ASCII twice changes nothing) is looked up first, and when it is
 * new too it is classified and cached as well, so that each spelling of a word costs the
 * stemmer one call, as a cache keyed on folded words would. */
static int learn(sum_lexicon *lx, const sum_strkey *k, uint32_t *stem)
{
    unsigned tag = k->shape >> 16 & 0xFF;
    char lower[MAX_WORD_BYTES];
    int ascii = 1, upper = 0;
    for (size_t c = 0; c < k->len; c++) {
        unsigned char b = (unsigned char)k->s[c];
        ascii &= b < 0x80;
        upper |= b >= 'A' && b <= 'Z';
        lower[c] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
    }
    int rc = 0;
    if (ascii && upper) {
        sum_strkey lk;
        sum_strkey_make(&lk, tag, lower, k->len, k->len);
        const sum_strent *e = sum_strtab_find(&lx->words, &lk);
        if (e != NULL) {
            *stem = e->val;
        } else {
            rc = classify(lx, tag == 1, lower, k->len, stem);
            if (rc == 0 && *stem != LEX_NONE)
                rc = grow_stems(lx, *stem);
            if (rc == 0 && lx->words.n < LEX_MAX_WORDS)
                rc = sum_strtab_put(&lx->words, &lk, *stem);
        }
    } else {
        rc = classify(lx, tag == 1, k->s, k->len, stem);
        if (rc == 0 && *stem != LEX_NONE)
            rc = grow_stems(lx, *stem);
    }
    /* A full cache takes no more words until the next document empties it. */
    if (rc == 0 && lx->words.n < LEX_MAX_WORDS)
        rc = sum_strtab_put(&lx->words, k, *stem);
    return rc;
}

/* Whether a word or number token may hold a term: no longer than MAX_WORD_BYTES (a
 * longer one is a URL or a hash), and inside the text. */
static int is_word(const lede_token *t, size_t text_len)
{
    /* An end before the start makes the unsigned length wrap past MAX_WORD_BYTES. */
    return (uint32_t)(t->end - t->start) <= MAX_WORD_BYTES && t->end <= text_len;
}

/* gather() and resolve() stay functions of their own: inlined in their caller, they shared
 * their registers with each other's variables, and spilled them for every word. */
#if defined(__GNUC__)
#define LEX_NOINLINE __attribute__((noinline))
#else
#define LEX_NOINLINE
#endif

/* A word's key in a window: what the lookup of its first slot compares, and the token it
 * came from, whose bytes the rarer paths read (a longer key, a new word). Half the size of
 * a sum_strkey, and written with three stores. */
typedef struct lex_key {
    uint64_t w[2];  /* as in sum_strkey */
    uint32_t shape; /* as in sum_strkey: the length in the low 16 bits */
    uint32_t hash;
    const lede_token *tok;
} lex_key;

/* A window of words whose cache entries are fetched together, and the sentences that end
 * among them. */
typedef struct lex_window {
    lex_key key[LEX_WINDOW + LEX_SIMD]; /* LEX_SIMD spare: see gather_run_simd */
    /* Per sentence ended in the window: keys before its end, and the document's words
     * without a key (see is_word) and their bytes up to its end. */
    uint32_t closed[LEX_WINDOW];
    uint32_t skip_words[LEX_WINDOW], skip_bytes[LEX_WINDOW];
    uint32_t n, n_closed;
} lex_window;

/* Where the reading of a document's sentences stands. */
typedef struct lex_cursor {
    const lede_sentence *ls;
    size_t n_sent;
    size_t s;            /* the sentence being read */
    uint32_t from, end;  /* its next token, and its end */
    uint32_t skip_words; /* words without a key so far */
    uint32_t skip_bytes; /* and their bytes, modulo 2^32 */
} lex_cursor;

/* What resolve() has counted so far: words with a key, their bytes (modulo 2^32), and
 * words with a term. */
typedef struct lex_totals {
    uint32_t words, bytes, terms;
} lex_totals;

/* The key of a word token that sum_strkey_make_short cannot make (longer than 16 bytes, or
 * near the text's end) into x; 0 for one that gets no key (see is_word), counted in cur.
 * Out of gather()'s loop, whose registers the general key's code would take. */
LEX_NOINLINE static int long_key(lex_key *x, const lede_token *k, const char *text, size_t text_len,
                                 lex_cursor *cur)
{
    uint32_t len = k->end - k->start;
    if (!is_word(k, text_len)) {
        cur->skip_words++;
        cur->skip_bytes += len;
        return 0;
    }
    sum_strkey full;
    sum_strkey_make(&full, k->kind, text + k->start, len, text_len - k->start);
    x->w[0] = full.w[0];
    x->w[1] = full.w[1];
    x->shape = full.shape;
    x->hash = full.hash;
    return 1;
}

/* The word table's entries and shift as gather() and resolve() read them: a key's first
 * slot is ent[(uint64_t)hash >> shift]. Before the first word is learnt the table has no
 * entries, and every hash then reads one empty dummy entry ((uint64_t)hash >> 32 is 0),
 * which matches no key: the loops need no test for it. */
static void lex_table_view(const sum_strtab *table, const sum_strent **ent, unsigned *shift)
{
    static _Alignas(64) const sum_strent no_entry[2];
    *ent = table->ent != NULL ? table->ent : no_entry;
    *shift = table->ent != NULL ? table->shift : 32;
}

/* The key of token k, if it is a word, into *x: returns x + 1 when it is, else x (a word
 * without a key, see is_word, is counted in cur). ent is never NULL (an empty table's
 * lookups are asked of a dummy entry). */
static inline lex_key *gather_one(const lede_token *k, lex_key *x, const char *text,
                                  size_t text_len, const sum_strent *ent, unsigned shift,
                                  lex_cursor *cur)
{
    /* LEDE_TOK_WORD or LEDE_TOK_NUMBER. Punctuation comes among the words in no order a
     * branch could predict, so a short token is not tested before its key is made: see
     * below. */
    const uint32_t word = k->kind <= LEDE_TOK_NUMBER;
#if SUM_STRKEY_SHORT
    /* The key is the token's bytes as they stand, case and all: folding them for every word
     * costs more than the entries "The" and "the" take apart. Most words: short, and 16
     * bytes from the text's end or more (which also keeps the word inside the text, and a
     * length of 16 at most, its end after its start). The same key and hash as
     * sum_strkey_make, made in registers. */
    uint32_t start = k->start, len = k->end - start;
    if (len <= SUM_STRTAB_INLINE && (size_t)start + 16 <= text_len) {
        uint64_t w[2];
        uint32_t shape;
        uint32_t hash = sum_strkey_short_parts(w, &shape, k->kind, text + start, len);
        x->w[0] = w[0];
        x->w[1] = w[1];
        x->shape = shape;
        x->hash = hash;
        x->tok = k;
#if defined(__GNUC__)
        __builtin_prefetch(&ent[(uint64_t)hash >> shift]);
#endif
        /* Every short token gets a key, and only a word keeps it. */
        return x + word;
    }
#endif
    if (!word || !long_key(x, k, text, text_len, cur))
        return x;
    x->tok = k;
#if defined(__GNUC__)
    __builtin_prefetch(&ent[(uint64_t)x->hash >> shift]);
#endif
    return x + 1;
}

/* The keys of the word tokens in [p, p_end), from *xp on, until the window (up to x_end)
 * is full; returns where it stopped. A function of its own, so that its loop has the
 * registers to itself: in gather(), the loop over sentences kept its variables in them,
 * and the words' loop took the text, the table and its shift from the stack each time. */
LEX_NOINLINE static const lede_token *gather_run(const lede_token *p, const lede_token *p_end,
                                                 lex_key **xp, const lex_key *x_end,
                                                 const char *text, size_t text_len,
                                                 const sum_strent *ent, unsigned shift,
                                                 lex_cursor *cur)
{
    lex_key *x = *xp;
    while (p != p_end && x != x_end) {
        /* A token takes one place at most: the next `room` tokens need no test of the
         * window's end, only of theirs. */
        size_t room = (size_t)(x_end - x), left = (size_t)(p_end - p);
        const lede_token *stop = p + (left < room ? left : room);
        while (p != stop)
            x = gather_one(p++, x, text, text_len, ent, shift, cur);
    }
    *xp = x;
    return p;
}

#if defined(__GNUC__) && defined(__x86_64__) && SUM_STRKEY_SHORT
/* gather_run with AVX-512 (F, DQ, BW, VL): eight tokens at a time, the same keys. Each
 * token's 16 bytes come by a gather, are masked to its length, hashed with two 64-bit
 * multiplies per lane, and the words among the eight are packed (compress) and written
 * as lex_key records, eight at once (the window has LEX_SIMD spare records past its end
 * for the ones beyond the count). A run of eight with a word the short key does not serve
 * (longer than 16 bytes, or less than 16 bytes from the text's end) takes the scalar code
 * (gather_one), so that the words keep their order. The scalar loop takes some 45
 * instructions a token; this, some 10 (`tokenizer ! summarizer` on bbc-100mb: about 2%
 * less CPU). Valgrind's CPU has no AVX-512, so callgrind counts the scalar loop. */
#define LEX_SIMD_ON 1
#define LEX_SIMD_TARGET __attribute__((target("avx512f,avx512dq,avx512bw,avx512vl")))

_Static_assert(sizeof(lede_token) == 12 && offsetof(lede_token, end) == 4 &&
                   offsetof(lede_token, kind) == 8,
               "gather_run_simd reads tokens as three 32-bit words");
_Static_assert(sizeof(lex_key) == 32 && offsetof(lex_key, shape) == 16 &&
                   offsetof(lex_key, hash) == 20 && offsetof(lex_key, tok) == 24,
               "gather_run_simd writes lex_key records as four 64-bit words");

/* Whether this CPU runs gather_run_simd: asked once a document (each test reads a bit of
 * what libgcc found at start-up). */
static int lex_simd_ok(void)
{
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
           __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl");
}

LEX_SIMD_TARGET LEX_NOINLINE static const lede_token *
gather_run_simd(const lede_token *p, const lede_token *p_end, const lede_token *tok_end,
                lex_key **xp, const lex_key *x_end, const char *text, size_t text_len,
                const sum_strent *ent, unsigned shift, lex_cursor *cur)
{
    lex_key *x = *xp;
    /* Dword j of a token run: start of token j / 3 when j % 3 == 0, end at 1, kind at 2. */
    const __m512i i_start = _mm512_setr_epi32(0, 3, 6, 9, 12, 15, 18, 21, 0, 0, 0, 0, 0, 0, 0, 0);
    const __m512i one = _mm512_set1_epi32(1), two = _mm512_set1_epi32(2);
    const __m512i i_end = _mm512_add_epi32(i_start, one), i_kind = _mm512_add_epi32(i_start, two);
    /* A short key needs 16 bytes readable from its start: start <= lim (the caller sees
     * that 16 <= text_len <= INT32_MAX, so that lim and the gathers' signed offsets hold). */
    const __m256i lim = _mm256_set1_epi32((int)(uint32_t)(text_len - 16));
    const __m256i sixteen = _mm256_set1_epi32(16), ffff = _mm256_set1_epi32(0xFFFF);
    const __m256i kind_max = _mm256_set1_epi32(LEDE_TOK_NUMBER);
    const __m256i shape_bit = _mm256_set1_epi32(1 << 24), tag_mask = _mm256_set1_epi32(0xFF);
    const __m512i ones = _mm512_set1_epi64(-1), sixty_four = _mm512_set1_epi64(64);
    const __m512i eight = _mm512_set1_epi64(8), zero = _mm512_setzero_si512();
    const __m512i c1 = _mm512_set1_epi64((long long)UINT64_C(0x9E3779B97F4A7C15));
    const __m512i c2 = _mm512_set1_epi64((long long)UINT64_C(0xD6E8FEB86659FD93));
    const __m512i tok_step = _mm512_setr_epi64(0, 12, 24, 36, 48, 60, 72, 84);
    const __m512i slot_shift = _mm512_set1_epi64(shift);
    const __m512i ent_base = _mm512_set1_epi64((long long)(uintptr_t)ent);
    while (p != p_end && x != x_end) {
        size_t room = (size_t)(x_end - x), left = (size_t)(p_end - p);
        const lede_token *stop = p + (left < room ? left : room);
        while (p != stop) {
            const unsigned lanes = stop - p < 8 ? (unsigned)(stop - p) : 8;
            const __mmask8 live = (__mmask8)((1u << lanes) - 1);
            /* Eight tokens are read whole while the token layer has them (a masked load
             * that crosses a page costs a microcode assist); only the last few of the
             * layer are read masked. */
            __m512i lo, hi;
            if (tok_end - p >= 8) {
                lo = _mm512_loadu_si512(p);
                hi = _mm512_castsi256_si512(_mm256_loadu_si256(
                    (const __m256i *)(const void *)((const uint32_t *)(const void *)p + 16)));
            } else {
                const unsigned dwords = 3 * lanes;
                const __mmask16 m_lo = (__mmask16)(dwords >= 16 ? 0xFFFF : (1u << dwords) - 1);
                const __mmask16 m_hi = (__mmask16)(dwords > 16 ? (1u << (dwords - 16)) - 1 : 0);
                lo = _mm512_maskz_loadu_epi32(m_lo, p);
                hi = _mm512_maskz_loadu_epi32(m_hi, (const uint32_t *)(const void *)p + 16);
            }
            const __m256i start =
                _mm512_castsi512_si256(_mm512_permutex2var_epi32(lo, i_start, hi));
            const __m256i end = _mm512_castsi512_si256(_mm512_permutex2var_epi32(lo, i_end, hi));
            const __m256i kind = _mm256_and_si256(
                _mm512_castsi512_si256(_mm512_permutex2var_epi32(lo, i_kind, hi)), ffff);
            const __m256i len = _mm256_sub_epi32(end, start);
            const __mmask8 word = _mm256_mask_cmple_epu32_mask(live, kind, kind_max);
            const __mmask8 fits = _mm256_mask_cmple_epu32_mask(
                _mm256_mask_cmple_epu32_mask(live, len, sixteen), start, lim);
            if ((word & ~fits) != 0) {
                /* A word without a short key among them: these tokens one by one. */
                for (unsigned j = 0; j < lanes; j++)
                    x = gather_one(p + j, x, text, text_len, ent, shift, cur);
                p += lanes;
                continue;
            }
            /* The key's two words, masked to its bytes (sum_strkey_words16): a shift of 64
             * or more clears a word. */
            __m512i w0 = _mm512_mask_i32gather_epi64(zero, fits, start, text, 1);
            __m512i w1 = _mm512_mask_i32gather_epi64(zero, fits, start, text + 8, 1);
            const __m512i len64 = _mm512_cvtepu32_epi64(len);
            const __m512i b0 = _mm512_min_epu64(len64, eight);
            const __m512i b1 =
                _mm512_min_epu64(_mm512_max_epi64(_mm512_sub_epi64(len64, eight), zero), eight);
            w0 = _mm512_and_si512(
                w0,
                _mm512_srlv_epi64(ones, _mm512_sub_epi64(sixty_four, _mm512_slli_epi64(b0, 3))));
            w1 = _mm512_and_si512(
                w1,
                _mm512_srlv_epi64(ones, _mm512_sub_epi64(sixty_four, _mm512_slli_epi64(b1, 3))));
            /* sum_strkey_shape and sum_strkey_mix, lane by lane. */
            const __m512i shape = _mm512_cvtepu32_epi64(
                _mm256_or_si256(_mm256_or_si256(len, shape_bit),
                                _mm256_slli_epi32(_mm256_and_si256(kind, tag_mask), 16)));
            const __m512i mix = _mm512_xor_si512(
                _mm512_mullo_epi64(_mm512_add_epi64(w0, shape), c1), _mm512_mullo_epi64(w1, c2));
            const __m512i hash = _mm512_srli_epi64(mix, 32);
            const __m512i sh = _mm512_or_si512(shape, _mm512_slli_epi64(hash, 32));
            const __m512i tk =
                _mm512_add_epi64(_mm512_set1_epi64((long long)(uintptr_t)p), tok_step);
            /* Ask for every token's first slot, as the scalar loop does (a punctuation mark's
             * is one hot line). */
            uint64_t at[8];
            _mm512_storeu_si512(
                at, _mm512_add_epi64(ent_base,
                                     _mm512_slli_epi64(_mm512_srlv_epi64(hash, slot_shift), 5)));
            for (unsigned j = 0; j < 8; j++)
                __builtin_prefetch((const void *)(uintptr_t)at[j]);
            /* The words' records, packed: (w0, w1, shape | hash << 32, token) each. */
            const __m512i a = _mm512_maskz_compress_epi64(word, w0);
            const __m512i b = _mm512_maskz_compress_epi64(word, w1);
            const __m512i c = _mm512_maskz_compress_epi64(word, sh);
            const __m512i d = _mm512_maskz_compress_epi64(word, tk);
            const __m512i t0 = _mm512_unpacklo_epi64(a, b), t1 = _mm512_unpackhi_epi64(a, b);
            const __m512i t2 = _mm512_unpacklo_epi64(c, d), t3 = _mm512_unpackhi_epi64(c, d);
            const __m512i p01 = _mm512_shuffle_i64x2(t0, t2, _MM_SHUFFLE(1, 0, 1, 0));
            const __m512i q01 = _mm512_shuffle_i64x2(t1, t3, _MM_SHUFFLE(1, 0, 1, 0));
            const __m512i p23 = _mm512_shuffle_i64x2(t0, t2, _MM_SHUFFLE(3, 2, 3, 2));
            const __m512i q23 = _mm512_shuffle_i64x2(t1, t3, _MM_SHUFFLE(3, 2, 3, 2));
            char *out = (char *)x;
            _mm512_storeu_si512(out, _mm512_shuffle_i64x2(p01, q01, _MM_SHUFFLE(2, 0, 2, 0)));
            _mm512_storeu_si512(out + 64, _mm512_shuffle_i64x2(p01, q01, _MM_SHUFFLE(3, 1, 3, 1)));
            _mm512_storeu_si512(out + 128, _mm512_shuffle_i64x2(p23, q23, _MM_SHUFFLE(2, 0, 2, 0)));
            _mm512_storeu_si512(out + 192, _mm512_shuffle_i64x2(p23, q23, _MM_SHUFFLE(3, 1, 3, 1)));
            x += __builtin_popcount(word);
            p += lanes;
        }
    }
    *xp = x;
    return p;
}
#else
#define LEX_SIMD_ON 0
#endif

/* Fills win with the keys of the next LEX_WINDOW words of the sentences (fewer at the end,
 * or when LEX_WINDOW sentences end first) and asks for their entries of table. Words with
 * no key (see is_word) are counted and get no place in the window. Apart from the
 * resolution of the window (resolve), so that each loop keeps its own few variables in
 * registers: this one does nothing per word but make its key, and leaves the counting of
 * words and bytes to resolve(). */
static void gather(const sum_strtab *table, const char *text, size_t text_len,
                   const lede_token *tok, const lede_token *tok_end, int simd, lex_cursor *cur,
                   lex_window *win)
{
    lex_key *x = win->key;
    const lede_token *p = tok + cur->from, *p_end = tok + cur->end;
    const sum_strent *ent;
    unsigned shift;
    lex_table_view(table, &ent, &shift);
    uint32_t n_closed = 0;
    for (;;) {
#if LEX_SIMD_ON
        if (simd)
            p = gather_run_simd(p, p_end, tok_end, &x, win->key + LEX_WINDOW, text, text_len, ent,
                                shift, cur);
        else
#endif
            p = gather_run(p, p_end, &x, win->key + LEX_WINDOW, text, text_len, ent, shift, cur);
        if (p != p_end)
            break; /* the window is full */
        win->closed[n_closed] = (uint32_t)(x - win->key);
        win->skip_words[n_closed] = cur->skip_words;
        win->skip_bytes[n_closed] = cur->skip_bytes;
        n_closed++;
        if (++cur->s == cur->n_sent || n_closed == LEX_WINDOW)
            break;
        p = tok + cur->ls[cur->s].tok_begin;
        p_end = tok + cur->ls[cur->s].tok_end;
    }
    cur->from = (uint32_t)(p - tok);
    cur->end = (uint32_t)(p_end - tok);
    win->n = (uint32_t)(x - win->key);
    win->n_closed = n_closed;
}

/* Whether the table entry e holds the key of k (its first 16 bytes, length and kind). */
static inline int lex_key_at(const sum_strent *e, const lex_key *k)
{
    return e->w[0] == k->w[0] && e->w[1] == k->w[1] && e->shape == k->shape;
}

/* The cold half of resolve(): the entry of a word not found at its first slot, learning
 * the word when it is new. Returns 0 or the error of learn(). */
LEX_NOINLINE static int resolve_slow(sum_lexicon *lx, const char *text, const lex_key *x,
                                     uint32_t *id)
{
    const lede_token *k = x->tok;
    sum_strkey key = {{x->w[0], x->w[1]}, text + k->start, k->end - k->start, x->hash, x->shape};
    sum_strent *e = sum_strtab_find(&lx->words, &key);
    if (e == NULL)
        return learn(lx, &key, id);
    /* Found further along: move it to its first slot, where resolve() tests it. */
    *id = sum_strtab_promote(&lx->words, &key, e)->val;
    return 0;
}

/* Looks up the window's words, learning the new ones: the stem id of each with a term
 * appended to words->stem[] from tot->terms on; for each sentence ended in the window, from
 * sentence s0 on, its ends in words->word_end, byte_end and term_end.
 *
 * Nine words in ten are where their hash points (the table is at most half full), and
 * resolve_slow() moves a word it finds further along there, so that a common word pays
 * for the longer probe once: that slot is tested here, and the others go to
 * resolve_slow(), out of the loop's way. On the 10 MB corpus this cut the calls of
 * resolve_slow() for words already cached to a third. When that slot is the first of its
 * cache line, the second is tested too, at the cost of no line more: two common words
 * whose hashes point to one slot otherwise took it from each other, each in turn through
 * resolve_slow() (on 30 MB of the BBC corpus 100 K of its 136 K calls, of which this
 * leaves 69 K; the second slot of another line cost more than those calls). */
LEX_NOINLINE static int resolve(sum_lexicon *lx, const char *text, const lex_window *win, size_t s0,
                                lex_totals *tot, sum_words *words)
{
    uint32_t i = 0, t = tot->terms, bytes = tot->bytes;
    uint32_t *stem = words->stem;
    /* Copies, as in gather(); learning a word may grow the table, which moves them. */
    const sum_strent *ent;
    unsigned shift;
    lex_table_view(&lx->words, &ent, &shift);
    for (uint32_t c = 0; c <= win->n_closed; c++) {
        uint32_t stop = c < win->n_closed ? win->closed[c] : win->n;
        for (; i < stop; i++) {
            const lex_key *k = &win->key[i];
            uint32_t len = k->shape & 0xFFFF, id;
            bytes += len;
            const sum_strent *e = ent + ((uint64_t)k->hash >> shift);
            if (lex_key_at(e, k) && len <= SUM_STRTAB_INLINE) {
                id = e->val;
            } else if (((uintptr_t)e & 32) == 0 && lex_key_at(e + 1, k) && /* 64-byte lines */
                       len <= SUM_STRTAB_INLINE) {
                id = e[1].val;
            } else {
                int rc = resolve_slow(lx, text, k, &id);
                if (rc != 0)
                    return rc;
                lex_table_view(&lx->words, &ent, &shift);
            }
            /* Stop words are nearly half the words, in no order a branch could predict:
             * every word is written, and only one with a term is counted. */
            stem[t] = id;
            t += (uint32_t)(id != LEX_NONE);
        }
        if (c < win->n_closed) {
            words->word_end[s0 + c] = tot->words + win->closed[c] + win->skip_words[c];
            words->byte_end[s0 + c] = bytes + win->skip_bytes[c];
            words->term_end[s0 + c] = t;
        }
    }
    tot->words += win->n;
    tot->bytes = bytes;
    tot->terms = t;
    return 0;
}

int sum_lexicon_words(sum_lexicon *lx, const char *text, size_t text_len, const lede_token *tok,
                      size_t n_tok, const lede_sentence *ls, size_t n_sent, sum_words *words)
{
    const lede_token *tok_end = tok + n_tok;
    lex_window win;
    lex_cursor cur = {ls, n_sent, 0, 0, 0, 0, 0};
    lex_totals tot = {0, 0, 0};
    if (n_sent > 0) {
        cur.from = ls[0].tok_begin;
        cur.end = ls[0].tok_end;
    }
    /* The vector code's gathers index the text with signed 32-bit offsets, and its test of
     * 16 readable bytes needs 16 of them. */
    int simd = 0;
#if LEX_SIMD_ON
    simd = !lx->no_simd && text_len >= 16 && text_len <= INT32_MAX && lex_simd_ok();
#endif
    while (cur.s < n_sent) {
        /* Gather the next LEX_WINDOW words and ask for their entries, then read them: the
         * cache misses overlap instead of following one another. */
        size_t s0 = cur.s;
        gather(&lx->words, text, text_len, tok, tok_end, simd, &cur, &win);
        int rc = resolve(lx, text, &win, s0, &tot, words);
        if (rc != 0)
            return rc;
    }
    words->n = tot.words + cur.skip_words;
    words->n_terms = tot.terms;
    return 0;
}

void sum_lexicon_free(sum_lexicon *lx)
{
    sum_strtab_free(&lx->words);
    sum_strtab_free(&lx->stems);
    free(lx->word);
    free(lx->num);
    memset(lx, 0, sizeof(*lx));
}
