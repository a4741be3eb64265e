/*
 * fuzz_quotes.c -- libFuzzer target: tokenizer then quotes on arbitrary bytes.
 *
 * The first byte picks one of the option sets below; the rest is the document text.
 * Quotation marks, cues and names are what this stage reads, so the seed corpus is
 * news prose full of them.
 */
#include "fuzz.h"

extern const lede_stage_desc tokenizer_LTX_lede_stage;
extern const lede_stage_desc quotes_LTX_lede_stage;

static const fz_chain chains[] = {
    {{{&tokenizer_LTX_lede_stage, NULL}, {&quotes_LTX_lede_stage, NULL}}},
    {{{&tokenizer_LTX_lede_stage, "clitics=true"}, {&quotes_LTX_lede_stage, NULL}}},
    {{{&tokenizer_LTX_lede_stage, NULL}, {&quotes_LTX_lede_stage, "speakers=false partial=false"}}},
    {{{&tokenizer_LTX_lede_stage, "max_sentence_bytes=40"},
      {&quotes_LTX_lede_stage, "min_partial_words=3"}}},
};
#define N_CHAINS (sizeof chains / sizeof chains[0])

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static lede_harness *harnesses[N_CHAINS];
    return fz_run_chains(chains, N_CHAINS, harnesses, data, size);
}
