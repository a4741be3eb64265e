/*
 * lede/config.h -- stage options: how a stage declares them and reads their values.
 *
 * A stage lists its options in its descriptor. The host validates every option of the
 * config file and of -o overrides against that list before any input is read (unknown
 * name, wrong type, out of range, not one of the choices), fills in defaults, and hands
 * the stage a lede_options from which the getters below never fail for a declared name.
 */
#ifndef LEDE_CONFIG_H
#define LEDE_CONFIG_H

#include <stdint.h>

#include "lede/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum lede_option_type {
    LEDE_OPT_BOOL = 0,
    LEDE_OPT_INT, /* named *_bytes: also a size, 4K or 64MiB (K, M, G: binary) */
    LEDE_OPT_FLOAT,
    LEDE_OPT_STRING,
    LEDE_OPT_ENUM /* a string that must be one of choices */
} lede_option_type;

typedef struct lede_option_desc {
    const char *name;
    lede_option_type type;
    const char *default_value;  /* as text: "true", "3", "0.4", "json"; NULL = none: the
                                   config must set it */
    const char *help;           /* one line */
    double min, max;            /* INT / FLOAT range; ignored when min > max */
    const char *const *choices; /* ENUM: NULL-terminated list */
} lede_option_desc;

/* Helpers for descriptor tables. */
#define LEDE_NO_RANGE 1.0, 0.0
#define LEDE_OPTIONS_END                                                                           \
    {                                                                                              \
        NULL, LEDE_OPT_BOOL, NULL, NULL, LEDE_NO_RANGE, NULL                                       \
    }

typedef struct lede_options lede_options;

/* Values of declared options (the default when the config did not set one). A name the
 * stage did not declare yields false / 0 / 0.0 / "". A string stays valid until the
 * instance's destroy() returns. */
LEDE_API int lede_opt_bool(const lede_options *opts, const char *name);
LEDE_API int64_t lede_opt_int(const lede_options *opts, const char *name);
LEDE_API double lede_opt_float(const lede_options *opts, const char *name);
LEDE_API const char *lede_opt_str(const lede_options *opts, const char *name);
/* 1 when the config or an override set the option explicitly. */
LEDE_API int lede_opt_is_set(const lede_options *opts, const char *name);

#ifdef __cplusplus
}
#endif
#endif
