/*
 * fuzz.h -- what the libFuzzer harnesses of tests/fuzz/ share.
 *
 * Each harness defines LLVMFuzzerTestOneInput (and may define LLVMFuzzerInitialize);
 * built with clang -fsanitize=fuzzer it is a libFuzzer target, built with replay.c it is
 * a plain program that runs the same code on the files named on its command line, which
 * is how ctest replays the seed corpora and every regression input without clang.
 *
 * fz_check_doc() holds the invariants every stage's output must keep whatever the input:
 * spans inside the text, in order, indexes inside their layers, the text valid UTF-8.
 * A broken invariant aborts, so libFuzzer reports it like any crash.
 */
#ifndef LEDE_FUZZ_H
#define LEDE_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "lede/doc.h"
#include "lede/harness.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts with a message naming the document and the broken invariant. */
void fz_fail(const lede_doc *doc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Checks the token, sentence, paragraph, quote and summary layers present in doc. */
void fz_check_doc(const lede_doc *doc);

/* A stage chain run in-process through the harness: up to four stages with options. */
typedef struct fz_step {
    const lede_stage_desc *desc;
    const char *options;
} fz_step;
typedef struct fz_chain {
    fz_step steps[4]; /* ends at the first NULL desc */
} fz_chain;

/* Runs the input through one of n chains: the first byte picks the chain (so the fuzzer
 * explores options too), the rest is the text. harnesses (n entries, zeroed) caches one
 * harness per chain across inputs. Checks fz_check_doc on success; aborts when a chain
 * cannot be built or a failure carries no message. */
int fz_run_chains(const fz_chain *chains, size_t n, lede_harness **harnesses, const uint8_t *data,
                  size_t size);

#endif
