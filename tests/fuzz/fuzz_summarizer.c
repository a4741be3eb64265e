/*
 * fuzz_summarizer.c -- libFuzzer target: tokenizer then summarizer on arbitrary bytes.
 *
 * The first byte picks the method and length options; the rest is the document text.
 * The graph methods (textrank, lexrank) divide by similarities and degrees, so empty
 * and one-word sentences, repeated sentences and sentences of stop words only are what
 * the fuzzer should reach.
 */
#include "fuzz.h"

extern const lede_stage_desc tokenizer_LTX_lede_stage;
extern const lede_stage_desc summarizer_LTX_lede_stage;

static const fz_chain chains[] = {
    {{{&tokenizer_LTX_lede_stage, NULL}, {&summarizer_LTX_lede_stage, NULL}}},
    {{{&tokenizer_LTX_lede_stage, NULL}, {&summarizer_LTX_lede_stage, "method=lead"}}},
    {{{&tokenizer_LTX_lede_stage, NULL}, {&summarizer_LTX_lede_stage, "method=textrank"}}},
    {{{&tokenizer_LTX_lede_stage, NULL}, {&summarizer_LTX_lede_stage, "method=lexrank"}}},
    {{{&tokenizer_LTX_lede_stage, NULL}, {&summarizer_LTX_lede_stage, "ratio=0.5 words=12"}}},
    {{{&tokenizer_LTX_lede_stage, "max_sentence_bytes=40"},
      {&summarizer_LTX_lede_stage, "method=textrank sentences=1"}}},
    {{{&tokenizer_LTX_lede_stage, NULL}, {&summarizer_LTX_lede_stage, "language=french"}}},
    {{{&tokenizer_LTX_lede_stage, "words=uax29"}, {&summarizer_LTX_lede_stage, NULL}}},
};
#define N_CHAINS (sizeof chains / sizeof chains[0])

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static lede_harness *harnesses[N_CHAINS];
    return fz_run_chains(chains, N_CHAINS, harnesses, data, size);
}
