/*
 * lede/stage.h -- the plugin ABI: what a stage exports and what the host calls.
 *
 * A stage is a shared object exporting one const lede_stage_desc under the libltdl
 * name <module>_LTX_lede_stage (LEDE_STAGE_DEFINE writes it), so the same object can be
 * opened with lt_dlopenext or linked into a static binary through lt_dlpreload.
 *
 * Life cycle, per stage instance (one per worker thread unless LEDE_STAGE_SHAREABLE):
 *   create(ctx, options) -> instance     before any input is read
 *   process(instance, doc)               once per document, in input order per worker
 *   finish(instance, ctx)                once at end of stream (may write trailers)
 *   destroy(instance)                    always, even after a failed create or process
 * A stage keeps all of its state in its instance: no mutable globals.
 *
 * process() returns 0, or a negative LEDE_E* code with err filled: the document then
 * becomes an error record naming the stage and the run goes on with the next document.
 */
#ifndef LEDE_STAGE_H
#define LEDE_STAGE_H

#include <stdint.h>

#include "lede/buf.h"
#include "lede/config.h"
#include "lede/doc.h"
#include "lede/error.h"
#include "lede/version.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Host services offered to create() and finish(). */
typedef struct lede_stage_ctx lede_stage_ctx;

enum {
    /* The stage is called for failed documents too (exporters render error records). */
    LEDE_STAGE_RENDERS_ERRORS = 1 << 0,
    /* One instance may serve every worker thread (process() is thread-safe). */
    LEDE_STAGE_SHAREABLE = 1 << 1
};

typedef struct lede_stage_desc {
    uint32_t abi_version;    /* LEDE_ABI_VERSION at compile time */
    uint32_t struct_size;    /* sizeof(lede_stage_desc) at compile time */
    const char *name;        /* the stage's name in configs: "tokenizer" */
    const char *description; /* one line */
    const char *version;     /* the stage's own version: "1.0.0" */
#if defined(__cplusplus) && __cplusplus > 201703L
    const char *const *requires_; /* `requires` is a C++20 keyword: the same field */
#else
    const char *const *requires; /* NULL-terminated layer names, or NULL */
#endif
    const char *const *provides;     /* NULL-terminated layer names, or NULL; one a later
                                        stage requires must be set on every document */
    const lede_option_desc *options; /* ended by LEDE_OPTIONS_END, or NULL */
    uint32_t flags;                  /* LEDE_STAGE_* */
    int (*create)(lede_stage_ctx *ctx, const lede_options *opts, void **instance, lede_error *err);
    int (*process)(void *instance, lede_doc *doc, lede_error *err);
    int (*finish)(void *instance, lede_stage_ctx *ctx, lede_error *err); /* may be NULL */
    void (*destroy)(void *instance);                                     /* may be NULL */
} lede_stage_desc;

/* Defines and exports the descriptor of module `mod` (the .so's base name). Use as
 *   LEDE_STAGE_DEFINE(tokenizer) = { LEDE_ABI_VERSION, sizeof(lede_stage_desc), ... };  */
#define LEDE_STAGE_SYMBOL "lede_stage"
#define LEDE_STAGE_DEFINE(mod)                                                                     \
    LEDE_API extern const lede_stage_desc mod##_LTX_lede_stage;                                    \
    const lede_stage_desc mod##_LTX_lede_stage

/* The instance's name in the pipeline (its `name`, or the stage name). */
LEDE_API const char *lede_ctx_name(const lede_stage_ctx *ctx);
/* Names an output file, or standard output for "-", as a sink the host writes in input
 * order; *sink receives its number for lede_doc_output. The file is checked now and opened
 * (truncated) when the run first writes to it. The instances of one stage (one per worker)
 * share the sink; another stage naming the same file (or standard output: open "-" before
 * writing sink 0) is refused, since their records would interleave. Returns 0, LEDE_EIO
 * with err naming the path, or LEDE_EINVAL when another stage writes it. */
LEDE_API int lede_ctx_open_output(lede_stage_ctx *ctx, const char *path, int *sink,
                                  lede_error *err);
/* Writes bytes to a sink outside any document: a header from create(), a trailer from
 * finish(); headers precede every document's output. A document's own output goes to
 * lede_doc_output instead: from process(), this returns LEDE_EINVAL. With several workers
 * each has its instance and each instance sees only its documents, but only the first
 * instance's header and trailer are written (so a trailer must not count documents).
 * Returns 0, LEDE_EINVAL or LEDE_EIO. */
LEDE_API int lede_ctx_write(lede_stage_ctx *ctx, int sink, const char *data, size_t len,
                            lede_error *err);
/* The directory of the config file ("." for inline pipelines), to resolve relative paths. */
LEDE_API const char *lede_ctx_config_dir(const lede_stage_ctx *ctx);
/* 1 when a stage before this one in the pipeline lists layer in its provides, else 0: for
 * a need that depends on an option (create() checks it), which requires cannot express. */
LEDE_API int lede_ctx_provided(const lede_stage_ctx *ctx, const char *layer);

#ifdef __cplusplus
}
#endif
#endif
