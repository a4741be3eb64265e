/*
 * test_arena.c -- the per-document bump allocator: zeroed memory after reuse, exact-size
 * chunks for large requests, one chunk in the steady state, the cap, alignment.
 *
 * The arena is internal to liblede (hidden), so its source is compiled in here, which also
 * lets the tests look at its chunks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "arena.c"

/* What the arena hands out for a request of n bytes. */
#define ROUNDED(n) (((n) + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1))

static int all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return 0;
    return 1;
}

static size_t chunk_count(const lede__chunk *c)
{
    size_t n = 0;
    for (; c; c = c->next)
        n++;
    return n;
}

/* One "document": n_small zeroed allocations of small bytes, each checked and then filled
 * with garbage, a copy that is never zeroed (filled too), then one of big bytes likewise. */
static void dirty_document(lede__arena *a, size_t n_small, size_t small, size_t big)
{
    for (size_t i = 0; i < n_small; i++) {
        unsigned char *p = lede__arena_alloc(a, small);
        assert_non_null(p);
        assert_true(all_zero(p, small));
        memset(p, 0xA5, small);
        p = lede__arena_alloc_uninit(a, 24);
        assert_non_null(p);
        memset(p, 0x5A, 24);
    }
    if (big) {
        unsigned char *p = lede__arena_alloc(a, big);
        assert_non_null(p);
        assert_true(all_zero(p, big));
        memset(p, 0xC3, big);
    }
}

static void test_small_requests_are_zeroed_after_reset(void **state)
{
    static const size_t sizes[] = {1, 7, 16, 100, 333, 4000, 16000};
    lede__arena a;
    (void)state;
    lede__arena_init(&a, 0);
    for (int round = 0; round < 4; round++)
        for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
            dirty_document(&a, 50, sizes[s], 0);
            lede__arena_reset(&a);
        }
    lede__arena_free(&a);
}

static void test_large_requests_are_zeroed_after_reset(void **state)
{
    lede__arena a;
    (void)state;
    lede__arena_init(&a, 0);
    /* Large requests that get chunks of their own, then (once the arena has settled on a
     * chunk big enough) large requests from the kept, dirty chunk. */
    for (int round = 0; round < 4; round++) {
        dirty_document(&a, 200, 1000, (size_t)3 << 20);
        lede__arena_reset(&a);
        dirty_document(&a, 0, 0, (size_t)2 << 20);
        lede__arena_reset(&a);
    }
    assert_non_null(a.head);
    lede__arena_free(&a);
}

static void test_a_short_document_leaves_the_longer_ones_bytes_dirty(void **state)
{
    /* The first document writes far into the chunk, the second stops short of that: the
     * third, reaching as far as the first, must find zeros beyond the second's end too. */
    lede__arena a;
    (void)state;
    lede__arena_init(&a, 0);
    dirty_document(&a, 100, 500, 0);
    lede__arena_reset(&a);
    dirty_document(&a, 100, 500, 0); /* settles on one chunk */
    lede__arena_reset(&a);
    dirty_document(&a, 10, 500, 0);
    lede__arena_reset(&a);
    dirty_document(&a, 100, 500, 0);
    lede__arena_free(&a);
}

static void test_large_request_gets_an_exact_chunk_and_the_room_is_kept(void **state)
{
    lede__arena a;
    lede__chunk *head;
    char *p, *q;
    (void)state;
    lede__arena_init(&a, 0);
    p = lede__arena_alloc(&a, 1000);
    head = a.head;
    assert_int_equal(head->size, LEDE_CHUNK_MIN);
    /* Larger than LEDE_BIG_MIN: a chunk of exactly its (aligned) size, beside the head. */
    assert_non_null(lede__arena_alloc(&a, ((size_t)3 << 20) + 5));
    assert_ptr_equal(a.head, head);
    assert_int_equal(chunk_count(a.big), 1);
    assert_int_equal(a.big->size, ROUNDED(((size_t)3 << 20) + 5));
    /* The head's room is still used. */
    q = lede__arena_alloc(&a, 1000);
    assert_ptr_equal(q, p + ROUNDED(1000));
    /* Over a quarter of the head but fitting: from the head. */
    assert_non_null(lede__arena_alloc(&a, 20000));
    assert_ptr_equal(a.head, head);
    /* Over a quarter of the head and not fitting: its own chunk again. */
    assert_non_null(lede__arena_alloc(&a, 50000));
    assert_ptr_equal(a.head, head);
    assert_int_equal(chunk_count(a.big), 2);
    assert_int_equal(a.big->size, ROUNDED(50000));
    /* A small request that does not fit: the head doubles. */
    while (head->size - head->used >= 4096)
        assert_non_null(lede__arena_alloc(&a, 4096));
    assert_non_null(lede__arena_alloc(&a, 4096));
    assert_int_equal(a.head->size, 2 * LEDE_CHUNK_MIN);
    assert_ptr_equal(a.head->next, head);
    assert_int_equal(chunk_count(a.big), 2);
    lede__arena_free(&a);
}

static void test_a_stream_of_similar_documents_settles_on_one_chunk(void **state)
{
    lede__arena a;
    lede__chunk *kept;
    (void)state;
    lede__arena_init(&a, 0);
    dirty_document(&a, 300, 1000, 100000);
    lede__arena_reset(&a);
    dirty_document(&a, 300, 1000, 100000);
    assert_int_equal(chunk_count(a.head), 1);
    assert_null(a.big);
    kept = a.head;
    for (int i = 0; i < 3; i++) {
        lede__arena_reset(&a);
        assert_ptr_equal(a.head, kept);
        dirty_document(&a, 300, 1000, 100000);
        assert_ptr_equal(a.head, kept);
        assert_int_equal(chunk_count(a.head), 1);
        assert_null(a.big);
    }
    lede__arena_free(&a);
}

static void test_a_huge_document_leaves_nothing_behind(void **state)
{
    /* Calloc'ed chunks this large are mapped, not touched, so the test stays cheap. */
    lede__arena a;
    (void)state;
    lede__arena_init(&a, 0);
    for (int i = 0; i < 5; i++)
        assert_non_null(lede__arena_alloc_uninit(&a, (size_t)14 << 20));
    for (int i = 0; i < 1000; i++)
        assert_non_null(lede__arena_alloc(&a, 1000));
    lede__arena_reset(&a);
    assert_null(a.head);
    assert_null(a.big);
    assert_int_equal(a.used_total, 0);
    assert_non_null(lede__arena_alloc(&a, 100));
    assert_int_equal(a.head->size, LEDE_CHUNK_MIN);
    lede__arena_free(&a);
}

/* A document that needed 12 MiB in small pieces (a 5 MB text's tokens are tens of MiB): no
 * chunk over 4 MiB outlives it, not even as the next document's first chunk (sized to what
 * the last one needed, which kept 16 MiB, all of it touched by the next large document, in
 * each of the runner's document objects). */
static void test_a_large_document_leaves_no_chunk_over_the_keep_size(void **state)
{
    lede__arena a;
    (void)state;
    lede__arena_init(&a, 0);
    dirty_document(&a, 3000, 4000, 0);
    assert_true(lede__arena_oversized(&a));
    lede__arena_reset(&a);
    assert_false(lede__arena_oversized(&a));
    for (int i = 0; i < 3; i++) {
        dirty_document(&a, 10, 1000, 0);
        assert_false(lede__arena_oversized(&a));
        for (const lede__chunk *c = a.head; c; c = c->next)
            assert_true(c->size <= ((size_t)4 << 20));
        lede__arena_reset(&a);
    }
    /* A document of 3 MiB keeps its chunk: the next one like it needs no malloc. */
    dirty_document(&a, 750, 4000, 0);
    lede__arena_reset(&a);
    dirty_document(&a, 750, 4000, 0);
    assert_int_equal(chunk_count(a.head), 1);
    const lede__chunk *kept = a.head;
    assert_false(lede__arena_oversized(&a));
    lede__arena_reset(&a);
    assert_ptr_equal(a.head, kept);
    lede__arena_free(&a);
    /* An exact-size chunk is given back by reset: the arena holds more than it keeps, though
     * the document took less than 4 MiB. */
    lede__arena_init(&a, 0);
    assert_non_null(lede__arena_alloc(&a, 100));
    assert_false(lede__arena_oversized(&a));
    assert_non_null(lede__arena_alloc_uninit(&a, (size_t)2 << 20));
    assert_non_null(a.big);
    assert_true(lede__arena_oversized(&a));
    lede__arena_reset(&a);
    assert_false(lede__arena_oversized(&a));
    lede__arena_free(&a);
}

static void test_cap_returns_null_and_takes_nothing(void **state)
{
    lede__arena a;
    (void)state;
    lede__arena_init(&a, (size_t)1 << 20);
    assert_non_null(lede__arena_alloc(&a, 1000));
    assert_int_equal(a.used_total, ROUNDED(1000));
    assert_null(lede__arena_alloc(&a, (size_t)2 << 20));
    assert_null(lede__arena_alloc_uninit(&a, (size_t)1 << 20));
    assert_null(lede__arena_alloc(&a, SIZE_MAX));
    assert_int_equal(a.used_total, ROUNDED(1000));
    assert_non_null(lede__arena_alloc(&a, ((size_t)1 << 20) - ROUNDED(1000)));
    assert_null(lede__arena_alloc(&a, 1));
    assert_int_equal(a.used_total, (size_t)1 << 20);
    lede__arena_reset(&a);
    assert_non_null(lede__arena_alloc(&a, (size_t)1 << 20));
    lede__arena_free(&a);
}

static void test_every_pointer_is_aligned(void **state)
{
    lede__arena a;
    char *prev = NULL;
    (void)state;
    lede__arena_init(&a, 0);
    for (size_t n = 0; n < 300; n++) {
        char *p = n % 2 ? lede__arena_alloc(&a, n) : lede__arena_alloc_uninit(&a, n);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
        assert_ptr_not_equal(p, prev); /* even n == 0 gets a byte of its own */
        prev = p;
    }
    assert_int_equal((uintptr_t)lede__arena_alloc(&a, (size_t)2 << 20) % _Alignof(max_align_t), 0);
    lede__arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_requests_are_zeroed_after_reset),
        cmocka_unit_test(test_large_requests_are_zeroed_after_reset),
        cmocka_unit_test(test_a_short_document_leaves_the_longer_ones_bytes_dirty),
        cmocka_unit_test(test_large_request_gets_an_exact_chunk_and_the_room_is_kept),
        cmocka_unit_test(test_a_stream_of_similar_documents_settles_on_one_chunk),
        cmocka_unit_test(test_a_huge_document_leaves_nothing_behind),
        cmocka_unit_test(test_a_large_document_leaves_no_chunk_over_the_keep_size),
        cmocka_unit_test(test_cap_returns_null_and_takes_nothing),
        cmocka_unit_test(test_every_pointer_is_aligned),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
