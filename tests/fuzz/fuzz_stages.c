/*
 * fuzz_stages.c -- runs a fuzz input through a chain of stages and checks the result.
 *
 * The stages run in-process through the public harness, exactly as the host runs them
 * (same option validation, same document arena), so what the fuzzer finds here is what
 * `lede run` would meet. One harness per chain is built on first use and kept: stage
 * creation (lexicons, stemmers) is far slower than processing one small input.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"

static lede_harness *build(const fz_chain *c)
{
    lede_harness *h;
    lede_error err;

    if (lede_harness_new(&h, &err))
        fz_fail(NULL, "harness: %s", err.message);
    for (size_t i = 0; i < 4 && c->steps[i].desc; i++)
        if (lede_harness_add(h, c->steps[i].desc, c->steps[i].options, &err))
            fz_fail(NULL, "cannot add stage %s (%s): %s", c->steps[i].desc->name,
                    c->steps[i].options ? c->steps[i].options : "", err.message);
    return h;
}

int fz_run_chains(const fz_chain *chains, size_t n, lede_harness **harnesses, const uint8_t *data,
                  size_t size)
{
    size_t pick;
    lede_doc *doc = NULL;
    lede_error err;
    int rc;

    if (size == 0)
        return 0;
    pick = data[0] % n;
    if (!harnesses[pick])
        harnesses[pick] = build(&chains[pick]);
    lede_error_clear(&err);
    rc = lede_harness_run(harnesses[pick], "fuzz", (const char *)data + 1, size - 1, &doc, &err);
    if (rc) {
        /* A stage may refuse a document, but must say why (the error record shows it). */
        if (!err.message[0])
            fz_fail(doc, "a stage failed with status %d and no message", rc);
        return 0;
    }
    if (!doc)
        fz_fail(NULL, "harness returned no document");
    fz_check_doc(doc);
    return 0;
}
