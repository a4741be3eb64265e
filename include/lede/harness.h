/*
 * lede/harness.h -- run stages in-process on a text: for stage unit tests and authors.
 *
 * The harness is the host's own pipeline without the loader and the readers: stages are
 * given as descriptors (linked into the test), options as "key=value" text validated
 * exactly as config options are, and each run yields the annotated document.
 *
 *   lede_harness *h;  lede_doc *doc;
 *   lede_harness_new(&h, &err);
 *   lede_harness_add_named(h, "tokenizer", "clitics=true", &err);  // an installed stage
 *   lede_harness_add(h, &mystage_LTX_lede_stage, NULL, &err);      // yours, linked in
 *   lede_harness_run(h, "t1", text, strlen(text), &doc, &err);
 */
#ifndef LEDE_HARNESS_H
#define LEDE_HARNESS_H

#include <stddef.h>

#include "lede/stage.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lede_harness lede_harness;

/* Creates an empty harness. Returns 0 or LEDE_ENOMEM. */
LEDE_API int lede_harness_new(lede_harness **out, lede_error *err);
/* Appends a stage with options "k=v k2=v2" (NULL or "" for defaults; values may be
 * "double quoted"). Validates options and required layers, then calls create().
 * Returns 0, LEDE_ECONFIG (message as the CLI would print it) or the create() status. */
LEDE_API int lede_harness_add(lede_harness *h, const lede_stage_desc *desc, const char *options,
                              lede_error *err);
/* The same for a stage found by name the way `lede` finds it ($LEDE_PLUGIN_PATH, then the
 * stage directory of this liblede's build tree or install prefix), e.g. the predecessors
 * "tokenizer" of a stage under test. Returns 0, LEDE_ENOTFOUND / LEDE_ELOAD / LEDE_EABI
 * with the loader's message, or as lede_harness_add. */
LEDE_API int lede_harness_add_named(lede_harness *h, const char *stage, const char *options,
                                    lede_error *err);
/* Runs every stage on a fresh document; *doc stays valid until the next run or free.
 * Returns 0, or the failing stage's status (the document then records the failure). */
LEDE_API int lede_harness_run(lede_harness *h, const char *id, const char *text, size_t len,
                              lede_doc **doc, lede_error *err);
/* Calls every stage's finish(). Returns 0 or the first failure. */
LEDE_API int lede_harness_finish(lede_harness *h, lede_error *err);
/* Everything written to standard output (sink 0) so far: headers, each run's output and
 * trailers, concatenated. NUL-terminated; *len may be NULL. */
LEDE_API const char *lede_harness_output(lede_harness *h, size_t *len);
/* Destroys every stage instance and frees the harness. Safe on NULL. */
LEDE_API void lede_harness_free(lede_harness *h);

#ifdef __cplusplus
}
#endif
#endif
