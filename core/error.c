/*
 * error.c -- status texts and the lede_error helpers.
 *
 * Messages are formatted into the error's fixed buffer, so reporting never allocates
 * and an out-of-memory condition can always be described.
 */
#include <stdio.h>
#include <string.h>

#include "lede/error.h"

const char *lede_strerror(int code)
{
    switch (code) {
#define LEDE_ERRNO_TEXT(name, value, text)                                                         \
    case value:                                                                                    \
        return text;
        LEDE_ERRNO_MAP(LEDE_ERRNO_TEXT)
#undef LEDE_ERRNO_TEXT
    }
    return "unknown error";
}

int lede_error_set(lede_error *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        err->code = code;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return code;
}

void lede_error_clear(lede_error *err)
{
    if (err) {
        err->code = LEDE_EOK;
        err->message[0] = '\0';
    }
}

void lede_error_prefix(lede_error *err, const char *fmt, ...)
{
    char prefix[512], old[LEDE_ERROR_MAX];
    va_list ap;

    if (!err)
        return;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    memcpy(old, err->message, sizeof old);
    snprintf(err->message, sizeof err->message, "%s: %s", prefix, old);
}
