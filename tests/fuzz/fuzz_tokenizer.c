/*
 * fuzz_tokenizer.c -- libFuzzer target: the tokenizer stage on arbitrary bytes.
 *
 * The first byte picks one of the option sets below; the rest is the document text.
 */
#include "fuzz.h"

extern const lede_stage_desc tokenizer_LTX_lede_stage;

static const fz_chain chains[] = {
    {{{&tokenizer_LTX_lede_stage, NULL}}},
    {{{&tokenizer_LTX_lede_stage, "clitics=true"}}},
    {{{&tokenizer_LTX_lede_stage, "words=uax29"}}},
    {{{&tokenizer_LTX_lede_stage, "max_sentence_bytes=40"}}},
    {{{&tokenizer_LTX_lede_stage, "quotations=whole"}}},
};
#define N_CHAINS (sizeof chains / sizeof chains[0])

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static lede_harness *harnesses[N_CHAINS];
    return fz_run_chains(chains, N_CHAINS, harnesses, data, size);
}
