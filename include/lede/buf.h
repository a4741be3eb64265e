/*
 * lede/buf.h -- a growable byte buffer with a size cap, and JSON string escaping.
 *
 * Exporters render each document into such a buffer and the host writes it out in
 * input order. The cap (curl's dynbuf "toobig") makes a hostile document meet a limit
 * instead of exhausting memory: an append past the cap fails with LEDE_ETOOBIG.
 */
#ifndef LEDE_BUF_H
#define LEDE_BUF_H

#include <stddef.h>

#include "lede/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lede_buf {
    char *data; /* NUL-terminated after every successful append */
    size_t len;
    size_t cap;
    size_t max; /* 0 means the default cap (1 GiB) */
} lede_buf;

/* Initialises an empty buffer with the given cap (0 = default). Allocates nothing. */
LEDE_API void lede_buf_init(lede_buf *b, size_t max);
/* Frees the storage; the buffer is empty and reusable afterwards. */
LEDE_API void lede_buf_free(lede_buf *b);
/* Empties the buffer but keeps its storage for reuse. */
LEDE_API void lede_buf_reset(lede_buf *b);
/* Makes room for n more bytes. Returns 0, LEDE_ENOMEM or LEDE_ETOOBIG. */
LEDE_API int lede_buf_reserve(lede_buf *b, size_t n);
/* Appends len bytes. Returns 0, LEDE_ENOMEM or LEDE_ETOOBIG (buffer unchanged on error). */
LEDE_API int lede_buf_append(lede_buf *b, const void *data, size_t len);
/* Appends a NUL-terminated string. Same returns as lede_buf_append. */
LEDE_API int lede_buf_puts(lede_buf *b, const char *s);
/* Appends printf-formatted text. Same returns as lede_buf_append. */
LEDE_API int lede_buf_printf(lede_buf *b, const char *fmt, ...) LEDE_PRINTF(2, 3);
/* Appends s[0..len) as a quoted JSON string (escapes ", \, control bytes, U+2028 and U+2029;
 * keeps other UTF-8 as it is). */
LEDE_API int lede_buf_json_string(lede_buf *b, const char *s, size_t len);
/* The same for text that may not be valid UTF-8 (a stage's strings): each invalid sequence
 * is written as U+FFFD, so that the output stays UTF-8. */
LEDE_API int lede_buf_json_text(lede_buf *b, const char *s, size_t len);

#ifdef __cplusplus
}
#endif
#endif
