/* test_buf.c -- growable buffers: appends, the cap, and JSON string escaping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "lede/buf.h"

static void test_append_and_printf_grow_and_terminate(void **state)
{
    lede_buf b;
    (void)state;
    lede_buf_init(&b, 0);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(lede_buf_printf(&b, "%d,", i), 0);
    assert_int_equal(strncmp(b.data, "0,1,2,", 6), 0);
    assert_int_equal(b.data[b.len], '\0');
    assert_true(b.len > 3000);
    lede_buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(b.data, "");
    lede_buf_free(&b);
}

static void test_append_past_cap_fails_and_keeps_buffer(void **state)
{
    lede_buf b;
    (void)state;
    lede_buf_init(&b, 10);
    assert_int_equal(lede_buf_puts(&b, "12345"), 0);
    assert_int_equal(lede_buf_puts(&b, "123456"), LEDE_ETOOBIG);
    assert_string_equal(b.data, "12345");
    assert_int_equal(lede_buf_puts(&b, "12345"), 0);
    assert_int_equal(b.len, 10);
    lede_buf_free(&b);
}

static void test_json_string_escapes_quotes_backslashes_and_controls(void **state)
{
    lede_buf b;
    const char in[] = "say \"hi\"\\\n\t\x01 end";
    (void)state;
    lede_buf_init(&b, 0);
    assert_int_equal(lede_buf_json_string(&b, in, sizeof in - 1), 0);
    assert_string_equal(b.data, "\"say \\\"hi\\\"\\\\\\n\\t\\u0001 end\"");
    lede_buf_free(&b);
}

static void test_json_string_keeps_utf8_and_nul_bytes_escaped(void **state)
{
    lede_buf b;
    const char in[] = "\xe2\x80\x9cQ\xe2\x80\x9d\0x";
    (void)state;
    lede_buf_init(&b, 0);
    assert_int_equal(lede_buf_json_string(&b, in, sizeof in - 1), 0);
    assert_string_equal(b.data, "\"\xe2\x80\x9cQ\xe2\x80\x9d\\u0000x\"");
    lede_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_append_and_printf_grow_and_terminate),
        cmocka_unit_test(test_append_past_cap_fails_and_keeps_buffer),
        cmocka_unit_test(test_json_string_escapes_quotes_backslashes_and_controls),
        cmocka_unit_test(test_json_string_keeps_utf8_and_nul_bytes_escaped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
