/*
 * test_exporter_fixture.h -- the documents the exporter tests render, and the tiny
 * test-only stage that annotates them.
 *
 * The exporter must be tested on layers whose every field is known, independently of
 * what the real tokenizer, quotes and summarizer stages decide. So a fixture stage sets
 * the layers by hand, choosing what to set from the document's id: "article",
 * "escapes", "separators", "empty-quotes", "bare", "fails", "bad-span", "reserved-names". Spans are
 * found with strstr in the fixture text, never typed as numbers, so the fixtures stay
 * right when a text is edited.
 */
#ifndef TEST_EXPORTER_FIXTURE_H
#define TEST_EXPORTER_FIXTURE_H

#include "lede/harness.h"

/* The stage that sets the layers of the fixture document named by the document's id. */
extern const lede_stage_desc exp_fx_stage;
/* The exporter under test. */
extern const lede_stage_desc exporter_LTX_lede_stage;

/* The text of fixture document id (NULL for an unknown id). */
const char *exp_fx_text(const char *id);
/* A harness running the fixture stage, then the exporter with the given options.
 * Fails the running test on error. */
lede_harness *exp_fx_harness(const char *exporter_options);
/* Runs fixture document id through h, asserts the pipeline returned want_rc, and returns
 * what the harness output holds since before the run (owned by the harness). */
const char *exp_fx_run(lede_harness *h, const char *id, int want_rc);

/* Asserts that actual equals tests/fixtures/exporter/<name> byte for byte. On a mismatch
 * it writes actual to <build>/tests/<name>.actual and names both files for a diff. */
void exp_fx_check_golden(const char *actual, const char *name);

#endif
