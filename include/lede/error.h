/*
 * lede/error.h -- status codes and the error struct every fallible call fills.
 *
 * Errors are values: a function returns 0 or a negative LEDE_E* code and, when it
 * was handed a lede_error, writes a message a user can act on (what failed, where:
 * file:line, stage, document id, byte offset). The message buffer is fixed-size so
 * that reporting an out-of-memory condition never needs memory.
 */
#ifndef LEDE_ERROR_H
#define LEDE_ERROR_H

#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define LEDE_API __attribute__((visibility("default")))
#define LEDE_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define LEDE_API
#define LEDE_PRINTF(f, a)
#endif

/* One table for every status: name, value, default text. */
#define LEDE_ERRNO_MAP(X)                                                                          \
    X(OK, 0, "success")                                                                            \
    X(NOMEM, -1, "out of memory")                                                                  \
    X(INVAL, -2, "invalid argument")                                                               \
    X(IO, -3, "input/output error")                                                                \
    X(CONFIG, -4, "configuration error")                                                           \
    X(LOAD, -5, "stage could not be loaded")                                                       \
    X(ABI, -6, "stage ABI mismatch")                                                               \
    X(STAGE, -7, "stage failed")                                                                   \
    X(TOOBIG, -8, "input exceeds a size limit")                                                    \
    X(PARSE, -9, "malformed input")                                                                \
    X(NOTFOUND, -10, "not found")

enum {
#define LEDE_ERRNO_ENUM(name, value, text) LEDE_E##name = (value),
    LEDE_ERRNO_MAP(LEDE_ERRNO_ENUM)
#undef LEDE_ERRNO_ENUM
};

#define LEDE_ERROR_MAX 1024

/* The message a failing call leaves behind; code is the returned status. */
typedef struct lede_error {
    int code;
    char message[LEDE_ERROR_MAX];
} lede_error;

/* Static text for a status code; never NULL, "unknown error" for codes not in the table. */
LEDE_API const char *lede_strerror(int code);

/* Fills err (when not NULL) with code and a printf-formatted message; returns code. */
LEDE_API int lede_error_set(lede_error *err, int code, const char *fmt, ...) LEDE_PRINTF(3, 4);

/* Resets err to LEDE_EOK with an empty message. Safe on NULL. */
LEDE_API void lede_error_clear(lede_error *err);

/* Prepends "prefix: " to err's message, keeping its code (used to add file:line or stage). */
LEDE_API void lede_error_prefix(lede_error *err, const char *fmt, ...) LEDE_PRINTF(2, 3);

#ifdef __cplusplus
}
#endif
#endif
