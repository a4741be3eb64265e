/*
 * buf.c -- growable byte buffers with a cap, and JSON string escaping.
 *
 * Every document's rendered output goes through lede_buf, so the escaper is on the hot
 * path: it copies runs of bytes that need no escaping in one memcpy and only looks up
 * the escape for the rare control byte, quote or backslash.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede/buf.h"

#define LEDE_BUF_DEFAULT_MAX ((size_t)1 << 30)

void lede_buf_init(lede_buf *b, size_t max)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max ? max : LEDE_BUF_DEFAULT_MAX;
}

void lede_buf_free(lede_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void lede_buf_reset(lede_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

int lede_buf_reserve(lede_buf *b, size_t n)
{
    size_t need, cap;
    char *p;

    if (b->max == 0)
        b->max = LEDE_BUF_DEFAULT_MAX;
    if (n > b->max || b->len > b->max - n)
        return LEDE_ETOOBIG;
    need = b->len + n + 1;
    if (need <= b->cap)
        return 0;
    cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap *= 2;
    p = realloc(b->data, cap);
    if (!p)
        return LEDE_ENOMEM;
    b->data = p;
    b->cap = cap;
    return 0;
}

int lede_buf_append(lede_buf *b, const void *data, size_t len)
{
    int rc = lede_buf_reserve(b, len);
    if (rc)
        return rc;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

int lede_buf_puts(lede_buf *b, const char *s)
{
    return lede_buf_append(b, s, strlen(s));
}

int lede_buf_printf(lede_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n, rc;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return LEDE_EINVAL;
    rc = lede_buf_reserve(b, (size_t)n);
    if (rc)
        return rc;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

/* 0 for bytes copied as they are, else the character after the backslash ('u' = \u00XX). */
static const char json_escape[256] = {
    ['\0'] = 'u', [1] = 'u',    [2] = 'u',    [3] = 'u',     [4] = 'u',    [5] = 'u',
    [6] = 'u',    [7] = 'u',    ['\b'] = 'b', ['\t'] = 't',  ['\n'] = 'n', [11] = 'u',
    ['\f'] = 'f', ['\r'] = 'r', [14] = 'u',   [15] = 'u',    [16] = 'u',   [17] = 'u',
    [18] = 'u',   [19] = 'u',   [20] = 'u',   [21] = 'u',    [22] = 'u',   [23] = 'u',
    [24] = 'u',   [25] = 'u',   [26] = 'u',   [27] = 'u',    [28] = 'u',   [29] = 'u',
    [30] = 'u',   [31] = 'u',   ['"'] = '"',  ['\\'] = '\\', [127] = 'u'};

int lede_buf_json_string(lede_buf *b, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    int rc;

    /* Worst case every byte becomes \u00XX: reserve once, then write without checks. */
    if (len > (b->max / 6))
        return LEDE_ETOOBIG;
    rc = lede_buf_reserve(b, len * 6 + 2);
    if (rc)
        return rc;
    char *o = b->data + b->len;
    *o++ = '"';
    while (p < end) {
        const unsigned char *run = p;
        while (p < end && !json_escape[*p])
            p++;
        memcpy(o, run, (size_t)(p - run));
        o += p - run;
        if (p == end)
            break;
        char e = json_escape[*p];
        *o++ = '\\';
        *o++ = e;
        if (e == 'u') {
            *o++ = '0';
            *o++ = '0';
            *o++ = hex[*p >> 4];
            *o++ = hex[*p & 15];
        }
        p++;
    }
    *o++ = '"';
    b->len = (size_t)(o - b->data);
    b->data[b->len] = '\0';
    return 0;
}
