/*
 * test_summarizer_lexicon.c -- the instance's cache of what each word stems to (lexicon.c,
 * strtab.c), and what it must never change.
 *
 * The cache lives as long as the stage instance, so a document's model must not depend on
 * what the instance read before: term ids restart at 0 for every document, the cache is
 * emptied when it grows past its cap or when the stemmer changes, and the words that look
 * alike to a hash table (a number and a word with the same bytes, long words sharing their
 * first 16 bytes, the same sentence in capitals) are told apart or matched as they should.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libstemmer.h>

#include "lede/harness.h"
#include "../plugins/summarizer/summarizer.h"
#include "test_summarizer_util.h"

extern const lede_stage_desc tokenizer_LTX_lede_stage;

static const char *const story_a =
    "Russia's President Vladimir Putin has arrived in Tehran for talks with Iran's leaders. "
    "The visit comes as Russia seeks drones and missiles for its war in Ukraine. "
    "Officials said the talks would also cover grain exports through the Black Sea.";

static const char *const story_b =
    "Drones launched from ships struck the port overnight, officials said. "
    "The port handles most of the region's grain exports. "
    "Ships were turned away as firefighters worked through the morning.";

/* A model reduced to plain numbers, to compare models built from different documents. */
typedef struct flat {
    uint32_t v[4096];
    size_t n;
} flat;

static void push(flat *f, uint32_t x)
{
    assert_true(f->n < sizeof(f->v) / sizeof(f->v[0]));
    f->v[f->n++] = x;
}

static void flatten(const sum_model *m, flat *f)
{
    f->n = 0;
    push(f, m->n_sent);
    push(f, m->n_terms);
    for (uint32_t i = 0; i < m->n_sent; i++) {
        const sum_sent *s = &m->sent[i];
        push(f, s->n_terms);
        push(f, s->n_words);
        push(f, s->n_content);
        push(f, s->eligible);
        for (uint32_t t = 0; t < s->n_terms; t++) {
            push(f, s->term[t]);
            push(f, s->tf[t]);
        }
    }
}

/* Tokenizes text in h and builds its model with scratch and stemmer, into out. */
static void model_of(lede_harness *h, const char *text, struct sb_stemmer *stemmer,
                     sum_scratch *scratch, flat *out)
{
    lede_error err;
    lede_doc *doc = NULL;
    sum_model m;
    assert_int_equal(lede_harness_run(h, "t", text, strlen(text), &doc, &err), 0);
    assert_int_equal(sum_model_build(doc, stemmer, 1, scratch, &m, &err), 0);
    flatten(&m, out);
}

static lede_harness *tokenizer(void)
{
    lede_harness *h = NULL;
    lede_error err;
    assert_int_equal(lede_harness_new(&h, &err), 0);
    assert_int_equal(lede_harness_add(h, &tokenizer_LTX_lede_stage, "", &err), 0);
    return h;
}

static void assert_same_model(const flat *a, const flat *b)
{
    assert_int_equal(a->n, b->n);
    assert_memory_equal(a->v, b->v, a->n * sizeof(a->v[0]));
}

static void test_a_document_gets_the_same_model_whatever_was_read_before(void **state)
{
    (void)state;
    static flat warm, fresh;
    struct sb_stemmer *stemmer = sb_stemmer_new("english", NULL);
    lede_harness *h = tokenizer();
    sum_scratch used = {0}, unused = {0};
    model_of(h, story_a, stemmer, &used, &warm);
    model_of(h, story_b, stemmer, &used, &warm);
    model_of(h, story_b, stemmer, &unused, &fresh);
    assert_same_model(&warm, &fresh);
    /* Term ids restart at 0: the first sentence of story b holds term 0. */
    assert_int_equal(warm.v[6], 0);
    sum_scratch_free(&used);
    sum_scratch_free(&unused);
    lede_harness_free(h);
    sb_stemmer_delete(stemmer);
}

static void test_another_stemmer_does_not_reuse_the_cached_stems(void **state)
{
    (void)state;
    static flat warm, fresh;
    struct sb_stemmer *english = sb_stemmer_new("english", NULL);
    struct sb_stemmer *french = sb_stemmer_new("french", NULL);
    const char *text = "Les pêcheurs réparent leurs filets. Le pêcheur répare son filet.";
    lede_harness *h = tokenizer();
    sum_scratch used = {0}, unused = {0};
    model_of(h, text, english, &used, &warm);
    model_of(h, text, french, &used, &warm);
    model_of(h, text, french, &unused, &fresh);
    assert_same_model(&warm, &fresh);
    sum_scratch_free(&used);
    sum_scratch_free(&unused);
    lede_harness_free(h);
    sb_stemmer_delete(english);
    sb_stemmer_delete(french);
}

/* Writes n distinct made-up words ("qab qac ..."), ended by a full stop, into a new string. */
static char *many_words(size_t n)
{
    char *text = malloc(n * 6 + 2);
    assert_non_null(text);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        size_t x = i;
        text[o++] = 'q';
        for (int d = 0; d < 4; d++, x /= 26)
            text[o++] = (char)('a' + x % 26);
        text[o++] = ' ';
    }
    text[o - 1] = '.';
    text[o] = '\0';
    return text;
}

static void test_a_full_cache_is_emptied_before_the_next_document(void **state)
{
    (void)state;
    static flat warm, fresh;
    struct sb_stemmer *stemmer = sb_stemmer_new("english", NULL);
    lede_harness *h = tokenizer();
    sum_scratch used = {0}, unused = {0};
    char *big = many_words(150000); /* past the cap of 2^17 words */
    lede_error err;
    lede_doc *doc = NULL;
    sum_model m;
    assert_int_equal(lede_harness_run(h, "big", big, strlen(big), &doc, &err), 0);
    assert_int_equal(sum_model_build(doc, stemmer, 1, &used, &m, &err), 0);
    assert_true(used.lex.words.n > 100000); /* full: new words are no longer cached */
    model_of(h, story_b, stemmer, &used, &warm);
    assert_true(used.lex.words.n < 100); /* emptied, then filled with story b's words */
    assert_true(used.lex.stems.n < 100);
    model_of(h, story_b, stemmer, &unused, &fresh);
    assert_same_model(&warm, &fresh);
    free(big);
    sum_scratch_free(&used);
    sum_scratch_free(&unused);
    lede_harness_free(h);
    sb_stemmer_delete(stemmer);
}

/* Past a million tokens the word list is not sized for every token, rounded up to a power
 * of two, but for the words alone: 600,000 words and as many commas are 1.2 M tokens, and
 * the list gets 600,001 entries (not 2^21), with every word in it. */
static void test_a_document_past_a_million_tokens_gets_room_for_its_words_only(void **state)
{
    (void)state;
    struct sb_stemmer *stemmer = sb_stemmer_new("english", NULL);
    lede_harness *h = tokenizer();
    sum_scratch sc = {0};
    char *big = many_words(600000);
    for (char *c = big; (c = strchr(c, ' ')) != NULL;)
        *c = ','; /* "qaaaa,qbaaa,...": a word, a comma, a word */
    lede_error err;
    lede_doc *doc = NULL;
    sum_model m;
    assert_int_equal(lede_harness_run(h, "big", big, strlen(big), &doc, &err), 0);
    size_t n_tok = 0;
    lede_doc_tokens(doc, &n_tok);
    assert_true(n_tok > ((size_t)1 << 20));
    assert_int_equal(sum_model_build(doc, stemmer, 1, &sc, &m, &err), 0);
    assert_int_equal(sc.words_cap, 600001);
    assert_int_equal(sc.words.n, 600000);
    assert_int_equal(m.n_sent, 1);
    assert_int_equal(m.sent[0].n_words, 600000);
    assert_int_equal(m.sent[0].n_content, 600000);
    /* A short story next keeps the list (it is at most WORDS_KEEP_MAX). */
    static flat after;
    model_of(h, story_b, stemmer, &sc, &after);
    assert_int_equal(sc.words_cap, 600001);
    free(big);
    sum_scratch_free(&sc);
    lede_harness_free(h);
    sb_stemmer_delete(stemmer);
}

/* Past a million words the list is sized for one huge document: it is freed when that
 * document is done (sum_model_end, after each document), not kept by the instance (one per
 * worker) until its next document; a list of a million entries or fewer stays. */
static void test_a_word_list_of_a_huge_document_is_freed_when_it_is_done(void **state)
{
    (void)state;
    struct sb_stemmer *stemmer = sb_stemmer_new("english", NULL);
    lede_harness *h = tokenizer();
    sum_scratch sc = {0};
    char *big = many_words(1100000);
    lede_error err;
    lede_doc *doc = NULL;
    sum_model m;
    assert_int_equal(lede_harness_run(h, "big", big, strlen(big), &doc, &err), 0);
    assert_int_equal(sum_model_build(doc, stemmer, 1, &sc, &m, &err), 0);
    assert_int_equal(sc.words.n, 1100000);
    assert_true(sc.words_cap >= 1100000);
    sum_model_end(&sc);
    assert_int_equal(sc.words_cap, 0);
    assert_null(sc.words.stem);
    /* The next document gets a list again, and it is kept. */
    static flat after;
    model_of(h, story_b, stemmer, &sc, &after);
    assert_true(sc.words_cap > 0);
    size_t cap = sc.words_cap;
    sum_model_end(&sc);
    assert_int_equal(sc.words_cap, cap);
    assert_non_null(sc.words.stem);
    free(big);
    sum_scratch_free(&sc);
    lede_harness_free(h);
    sb_stemmer_delete(stemmer);
}

static void test_uppercase_copy_of_a_sentence_is_not_eligible(void **state)
{
    (void)state;
    struct sb_stemmer *stemmer = sb_stemmer_new("english", NULL);
    lede_harness *h = tokenizer();
    sum_scratch scratch = {0};
    const char *text = "Putin flew to Tehran on Tuesday for talks with Iran's leaders. "
                       "Grain exports were on the agenda. "
                       "PUTIN FLEW TO TEHRAN ON TUESDAY FOR TALKS WITH IRAN'S LEADERS.";
    lede_error err;
    lede_doc *doc = NULL;
    sum_model m;
    assert_int_equal(lede_harness_run(h, "t", text, strlen(text), &doc, &err), 0);
    assert_int_equal(sum_model_build(doc, stemmer, 1, &scratch, &m, &err), 0);
    assert_int_equal(m.n_sent, 3);
    assert_true(m.sent[0].eligible);
    assert_true(m.sent[1].eligible);
    assert_false(m.sent[2].eligible);
    sum_scratch_free(&scratch);
    lede_harness_free(h);
    sb_stemmer_delete(stemmer);
}

/* Words over 16 bytes are folded into a buffer of their own before the lookup (lexicon.c):
 * in capitals or not, several in a row, they must give the model the lower-case text gives,
 * and a copy of a sentence in capitals must still be found. */
static void test_long_words_in_capitals_get_the_terms_of_their_lower_case_form(void **state)
{
    (void)state;
    struct sb_stemmer *stemmer = sb_stemmer_new("english", NULL);
    lede_harness *h = tokenizer();
    sum_scratch warm = {0}, cold = {0};
    static flat upper, lower, again;
    const char *caps = "Trade talks resumed in Geneva on Monday after a long pause. "
                       "The INTERNATIONALISATION of TELECOMMUNICATIONS was UNCHARACTERISTICALLY "
                       "slow, officials said. "
                       "THE INTERNATIONALISATION OF TELECOMMUNICATIONS WAS UNCHARACTERISTICALLY "
                       "SLOW, OFFICIALS SAID.";
    const char *small = "Trade talks resumed in Geneva on Monday after a long pause. "
                        "The internationalisation of telecommunications was uncharacteristically "
                        "slow, officials said. "
                        "The internationalisation of telecommunications was uncharacteristically "
                        "slow, officials said.";
    model_of(h, caps, stemmer, &warm, &upper);
    model_of(h, small, stemmer, &cold, &lower);
    assert_same_model(&upper, &lower);
    model_of(h, small, stemmer, &warm, &again); /* the capitals' entries answer this time */
    assert_same_model(&again, &lower);
    lede_error err;
    lede_doc *doc = NULL;
    sum_model m;
    assert_int_equal(lede_harness_run(h, "t", caps, strlen(caps), &doc, &err), 0);
    assert_int_equal(sum_model_build(doc, stemmer, 1, &warm, &m, &err), 0);
    assert_int_equal(m.n_sent, 3);
    /* Each content word of the sentence occurs once: as many terms as content words, the
     * three long ones in one window included (none may be read as another). */
    assert_true(m.sent[1].n_content >= 5);
    assert_int_equal(m.sent[1].n_terms, m.sent[1].n_content);
    assert_true(m.sent[1].eligible);
    assert_false(m.sent[2].eligible);
    sum_scratch_free(&warm);
    sum_scratch_free(&cold);
    lede_harness_free(h);
    sb_stemmer_delete(stemmer);
}

/* The cache is keyed on a word's bytes as they stand (lexicon.c): "Port", "PORT" and "port"
 * are three entries, which must give one term, whichever was cached first, and sentences
 * that differ in their case only are copies. */
static void test_short_words_in_any_case_share_a_term_whatever_was_cached_first(void **state)
{
    (void)state;
    struct sb_stemmer *stemmer = sb_stemmer_new("english", NULL);
    lede_harness *h = tokenizer();
    sum_scratch warm = {0}, cold = {0};
    static flat mixed, lower, again;
    const char *caps = "The PORT Handles grain EXPORTS. THE PORT HANDLES GRAIN EXPORTS. "
                       "Ships waited at the Port.";
    const char *small = "The port handles grain exports. The port handles grain exports. "
                        "Ships waited at the port.";
    model_of(h, caps, stemmer, &warm, &mixed);
    model_of(h, small, stemmer, &cold, &lower);
    assert_same_model(&mixed, &lower);
    model_of(h, small, stemmer, &warm, &again);
    assert_same_model(&again, &lower);
    lede_error err;
    lede_doc *doc = NULL;
    sum_model m;
    assert_int_equal(lede_harness_run(h, "t", caps, strlen(caps), &doc, &err), 0);
    assert_int_equal(sum_model_build(doc, stemmer, 1, &cold, &m, &err), 0);
    assert_int_equal(m.n_sent, 3);
    /* "PORT", "PORT" and "Port" are one term, the first (ids count up from 0 in order of
     * first occurrence, and each sentence lists its terms in ascending order). */
    assert_int_equal(m.sent[0].term[0], 0);
    assert_int_equal(m.sent[1].term[0], 0);
    assert_int_equal(m.sent[2].n_terms, 3); /* ship, wait, port */
    assert_int_equal(m.sent[2].term[0], 0);
    assert_false(m.sent[1].eligible); /* the copy in capitals has the same words */
    sum_scratch_free(&warm);
    sum_scratch_free(&cold);
    lede_harness_free(h);
    sb_stemmer_delete(stemmer);
}

/* Copies are found among the sentences of the same shape (as many words, of as many bytes,
 * model.c): a sentence of that shape with other words is no copy, each later copy is one,
 * whatever its case and spacing, and a copy of the headline is a headline too. */
static void test_sentences_of_one_shape_are_copies_only_when_their_words_match(void **state)
{
    (void)state;
    struct sb_stemmer *stemmer = sb_stemmer_new("english", NULL);
    lede_harness *h = tokenizer();
    sum_scratch sc = {0};
    const char *text = "Port strike ends\n\n"
                       "Cats eat fish daily. Dogs eat meat daily. CATS  eat fish Daily. "
                       "Birds sing at dawn. PORT STRIKE ENDS. Cats eat fish, daily.";
    lede_error err;
    lede_doc *doc = NULL;
    sum_model m;
    assert_int_equal(lede_harness_run(h, "t", text, strlen(text), &doc, &err), 0);
    assert_int_equal(sum_model_build(doc, stemmer, 1, &sc, &m, &err), 0);
    assert_int_equal(m.n_sent, 7);
    assert_int_equal(m.title, 0);
    assert_true(m.sent[1].eligible);  /* "Cats eat fish daily." */
    assert_true(m.sent[2].eligible);  /* the same shape, other words */
    assert_false(m.sent[3].eligible); /* a copy in other case and spacing */
    assert_false(m.sent[3].is_title);
    assert_true(m.sent[4].eligible);
    assert_false(m.sent[5].eligible); /* the headline again, with a stop */
    assert_true(m.sent[5].is_title);
    assert_false(m.sent[6].eligible); /* a third copy: punctuation does not count */
    assert_false(m.sent[6].is_title);
    sum_scratch_free(&sc);
    lede_harness_free(h);
    sb_stemmer_delete(stemmer);
}

/* Sentences that overlap or come out of order (no tokenizer of ours makes them, but a layer
 * may): the lexicon lists the words of each sentence in turn (lexicon.c), so each sentence
 * must get exactly the words its tokens hold, whichever way. */
static void test_sentences_out_of_order_or_overlapping_get_their_own_words(void **state)
{
    (void)state;
    const char *text = "alpha bravo, charlie delta echo.";
    /* Words at bytes 0, 6, 13, 21 and 27; a comma and a full stop between. */
    static const uint32_t span[][2] = {{0, 5},   {6, 11},  {11, 12}, {13, 20},
                                       {21, 26}, {27, 31}, {31, 32}};
    static const uint16_t kind[] = {LEDE_TOK_WORD, LEDE_TOK_WORD, LEDE_TOK_PUNCT, LEDE_TOK_WORD,
                                    LEDE_TOK_WORD, LEDE_TOK_WORD, LEDE_TOK_PUNCT};
    /* tokens [begin, end): ordered, overlapping the previous, before the previous, and
     * ordered again after a gap. */
    static const uint32_t sent[][2] = {{0, 2}, {1, 4}, {0, 1}, {5, 7}};
    static const uint32_t want_words[] = {2, 2, 1, 1};
    lede_error err;
    lede_doc *doc = NULL;
    assert_int_equal(lede_doc_new(&doc, &err), 0);
    assert_int_equal(lede_doc_load(doc, "t", text, strlen(text), &err), 0);
    lede_token *tok = lede_doc_alloc(doc, sizeof(*tok) * 7);
    lede_sentence *ls = lede_doc_alloc(doc, sizeof(*ls) * 4);
    assert_non_null(tok);
    assert_non_null(ls);
    for (int i = 0; i < 7; i++)
        tok[i] = (lede_token){span[i][0], span[i][1], kind[i], 0};
    for (int i = 0; i < 4; i++)
        ls[i] = (lede_sentence){span[sent[i][0]][0], span[sent[i][1] - 1][1], sent[i][0],
                                sent[i][1], 0};
    lede_doc_set_tokens(doc, tok, 7);
    lede_doc_set_sentences(doc, ls, 4);
    struct sb_stemmer *stemmer = sb_stemmer_new("english", NULL);
    sum_scratch scratch = {0};
    sum_model m;
    assert_int_equal(sum_model_build(doc, stemmer, 1, &scratch, &m, &err), 0);
    assert_int_equal(m.n_sent, 4);
    for (uint32_t i = 0; i < 4; i++) {
        assert_int_equal(m.sent[i].n_words, want_words[i]);
        assert_int_equal(m.sent[i].n_content, want_words[i]); /* no stop word among them */
    }
    /* The word list holds each sentence's words in turn, a word two sentences share once
     * for each, and "delta", in no sentence, not at all. */
    static const uint32_t want_end[] = {2, 4, 5, 6};
    assert_int_equal(scratch.words.n, 6);
    assert_int_equal(scratch.words.n_terms, 6);
    for (uint32_t i = 0; i < 4; i++) {
        assert_int_equal(scratch.words.word_end[i], want_end[i]);
        assert_int_equal(scratch.words.term_end[i], want_end[i]);
    }
    /* "alpha" (term 0) opens sentences 0 and 2; "echo" alone is the last. */
    assert_int_equal(m.sent[2].n_terms, 1);
    assert_int_equal(m.sent[2].term[0], m.sent[0].term[0]);
    assert_int_equal(m.sent[3].n_terms, 1);
    sum_scratch_free(&scratch);
    sb_stemmer_delete(stemmer);
    lede_doc_free(doc);
}

/* Punctuation between every pair of words and at the text's very end: the word pass makes
 * a key for every short token and keeps it for words only (lexicon.c, gather_run), so each
 * sentence must count its words alone, and the last word, a few bytes from the end, must
 * get its term like the same word inside the text. */
static void test_punctuation_among_words_and_at_the_end_counts_for_no_word(void **state)
{
    (void)state;
    sum_test_model f;
    sum_test_model_build(&f, "Drones, missiles; tanks: guns! (Boats) \"tanks\"... boats?!");
    assert_int_equal(f.m.n_sent, 2);
    assert_int_equal(f.m.sent[0].n_words, 4);
    assert_int_equal(f.m.sent[0].n_terms, 4);
    assert_int_equal(f.m.sent[1].n_words, 3);
    assert_int_equal(f.m.sent[1].n_content, 3);
    /* "boats" twice and "tanks" once more: two distinct terms, both met in sentence 0
     * ("tanks") or twice in sentence 1 ("boats"). */
    assert_int_equal(f.m.sent[1].n_terms, 2);
    assert_int_equal(f.m.n_terms, 5);
    sum_test_model_free(&f);
}

/* A sentence of 300 words, commas among them, and a short one after it, read by a fresh
 * lexicon: the word pass fills its window of 128 keys inside the long sentence (lexicon.c,
 * gather_run, which takes as many tokens as the window has room for without a test of its
 * end), and its first window is looked up in a table with no entries yet. Every word must
 * be counted once, in its own sentence, and get its term. */
static void test_a_sentence_longer_than_the_word_window_counts_every_word_once(void **state)
{
    (void)state;
    static const char *const vocab[] = {"drones", "missiles", "tanks",    "guns",   "boats",
                                        "ships",  "ports",    "harvests", "envoys", "talks"};
    static char text[4096];
    size_t len = 0;
    for (int i = 0; i < 300; i++)
        len += (size_t)snprintf(text + len, sizeof(text) - len, "%s%s%s", i == 0 ? "" : " ",
                                vocab[i % 10], i % 7 == 6 ? "," : "");
    snprintf(text + len, sizeof(text) - len, ". Boats, guns and envoys.");
    sum_test_model f;
    sum_test_model_build(&f, text);
    assert_int_equal(f.m.n_sent, 2);
    const sum_sent *s = &f.m.sent[0];
    assert_int_equal(s->n_words, 300);
    assert_int_equal(s->n_content, 300);
    assert_int_equal(s->n_terms, 10);
    for (uint32_t t = 0; t < s->n_terms; t++) {
        assert_int_equal(s->term[t], t); /* in order of first occurrence */
        assert_int_equal(s->tf[t], 30);
    }
    s = &f.m.sent[1];
    assert_int_equal(s->n_words, 4); /* "and" is a stop word */
    assert_int_equal(s->n_content, 3);
    assert_int_equal(s->n_terms, 3);
    assert_int_equal(s->term[0], 3); /* guns */
    assert_int_equal(s->term[1], 4); /* boats */
    assert_int_equal(s->term[2], 8); /* envoys */
    assert_int_equal(f.m.n_terms, 10);
    sum_test_model_free(&f);
}

/* A sentence that meets again more of the document's earlier terms than are ranked one by
 * one (model.c, sentence_terms: over 32 are sorted first), in reverse order, and two of
 * them twice: its term list is ascending all the same, each term with its own count, and
 * its new terms follow them. */
static void test_a_sentence_repeating_forty_earlier_terms_lists_them_in_order(void **state)
{
    (void)state;
    static const char letters[] = "bcdfgklmnp";
    static char text[2048];
    size_t len = 0;
    for (int pass = 0; pass < 2; pass++) {
        /* "Boats" is term 0 and word i of the first sentence term i + 1. */
        len += (size_t)snprintf(text + len, sizeof(text) - len, pass == 0 ? "Boats" : " Ships");
        for (int k = 0; k < 40; k++) {
            int i = pass == 0 ? k : 39 - k;
            len += (size_t)snprintf(text + len, sizeof(text) - len, " tx%c%c", letters[i / 10],
                                    letters[i % 10]);
        }
        len += (size_t)snprintf(text + len, sizeof(text) - len,
                                pass == 0 ? "." : " txbd txfl harbour.");
    }
    sum_test_model f;
    sum_test_model_build(&f, text);
    assert_int_equal(f.m.n_sent, 2);
    assert_int_equal(f.m.sent[0].n_terms, 41);
    const sum_sent *s = &f.m.sent[1];
    assert_int_equal(s->n_content, 44);
    assert_int_equal(s->n_terms, 42); /* 40 earlier terms, "ship" and "harbour" */
    for (uint32_t k = 0; k < 42; k++) {
        assert_int_equal(s->term[k], k + 1);
        /* "txbd" is word 2 of the first sentence (term 3), "txfl" word 36 (term 37). */
        assert_int_equal(s->tf[k], k + 1 == 3 || k + 1 == 37 ? 2 : 1);
    }
    sum_test_model_free(&f);
}

static void put(sum_strtab *t, unsigned tag, const char *s, uint32_t val)
{
    sum_strkey k;
    sum_strkey_make(&k, tag, s, strlen(s), strlen(s));
    assert_null(sum_strtab_get(t, &k));
    assert_int_equal(sum_strtab_put(t, &k, val), 0);
}

static uint32_t get(sum_strtab *t, unsigned tag, const char *s)
{
    sum_strkey k;
    sum_strkey_make(&k, tag, s, strlen(s), strlen(s));
    uint32_t *v = sum_strtab_get(t, &k);
    return v != NULL ? *v : UINT32_MAX;
}

/* Moving a key found past its first slot to that slot (the lexicon does it for every word
 * it finds there) loses no key: a table nearly half full, long keys among the short, each
 * key promoted in one order, then in the other, and every key still found with its value. */
static void test_a_promoted_key_takes_its_first_slot_and_loses_no_other(void **state)
{
    (void)state;
    sum_strtab t = {0};
    char word[48];
    const uint32_t n = 30000;
    for (uint32_t i = 0; i < n; i++) {
        snprintf(word, sizeof(word), i % 7 ? "p%u" : "a-rather-long-key-%u", i * 7919u);
        put(&t, 0, word, i);
    }
    uint32_t moved = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t j = 0; j < n; j++) {
            uint32_t i = pass == 0 ? n - 1 - j : j;
            snprintf(word, sizeof(word), i % 7 ? "p%u" : "a-rather-long-key-%u", i * 7919u);
            sum_strkey k;
            sum_strkey_make(&k, 0, word, strlen(word), strlen(word));
            sum_strent *e = sum_strtab_find(&t, &k);
            assert_non_null(e);
            sum_strent *home = &t.ent[k.hash >> t.shift];
            moved += e != home;
            assert_ptr_equal(sum_strtab_promote(&t, &k, e), home);
            assert_ptr_equal(sum_strtab_find(&t, &k), home);
            assert_int_equal(home->val, i);
        }
        for (uint32_t i = 0; i < n; i++) {
            snprintf(word, sizeof(word), i % 7 ? "p%u" : "a-rather-long-key-%u", i * 7919u);
            assert_int_equal(get(&t, 0, word), i);
        }
    }
    assert_true(moved > 1000); /* the table had keys past their first slot to move */
    assert_int_equal(t.n, n);
    sum_strtab_free(&t);
}

static void test_a_number_and_a_word_with_the_same_bytes_stay_apart(void **state)
{
    (void)state;
    sum_strtab t = {0};
    put(&t, 0, "1990s", 1);
    assert_int_equal(get(&t, 1, "1990s"), UINT32_MAX);
    put(&t, 1, "1990s", 2);
    assert_int_equal(get(&t, 0, "1990s"), 1);
    assert_int_equal(get(&t, 1, "1990s"), 2);
    sum_strtab_free(&t);
}

static void test_long_words_sharing_their_first_16_bytes_are_told_apart(void **state)
{
    (void)state;
    sum_strtab t = {0};
    put(&t, 0, "internationalisation", 1);
    put(&t, 0, "internationalised", 2);
    put(&t, 0, "internationalist", 3); /* exactly 16 bytes */
    assert_int_equal(get(&t, 0, "internationalisation"), 1);
    assert_int_equal(get(&t, 0, "internationalised"), 2);
    assert_int_equal(get(&t, 0, "internationalist"), 3);
    assert_int_equal(get(&t, 0, "internationalisations"), UINT32_MAX);
    assert_int_equal(get(&t, 0, "internationalis"), UINT32_MAX);
    sum_strtab_free(&t);
}

/* A word inside a text is loaded 16 bytes at a time and masked; a word at the text's end,
 * byte by byte (strtab.h). Both must make the same key, or a word would miss its entry
 * depending on where it stands: every length from 1 to 24, so every mask is tried. */
static void test_a_word_makes_the_same_key_inside_a_text_and_at_its_end(void **state)
{
    (void)state;
    const char *text = "uncharacteristically slow telecommunications talks";
    for (size_t len = 1; len <= 24; len++) {
        sum_strkey inside, alone;
        sum_strkey_make(&inside, 0, text, len, strlen(text));
        sum_strkey_make(&alone, 0, text, len, len);
        assert_int_equal(inside.w[0], alone.w[0]);
        assert_int_equal(inside.w[1], alone.w[1]);
        assert_int_equal(inside.hash, alone.hash);
    }
}

/* The lexicon builds the keys of short words inside a text with sum_strkey_make_short:
 * every length from 0 to 16 and both tags must give the key and hash sum_strkey_make
 * gives, whatever bytes follow the word, or a word would miss the entry another path made
 * (learn() and the table's growth use sum_strkey_make). */
static void test_a_short_key_is_the_key_the_general_path_makes(void **state)
{
    (void)state;
#if SUM_STRKEY_SHORT
    const char *text = "Telecommunications\xE2\x80\x99 talks, 1990s.\xFF\xFF\xFF\xFF\xFF\xFF"
                       "\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF";
    size_t text_len = strlen(text);
    for (size_t at = 0; at + 16 <= text_len; at++) {
        for (uint32_t len = 0; len <= SUM_STRTAB_INLINE; len++) {
            for (unsigned tag = 0; tag < 2; tag++) {
                sum_strkey fast, slow;
                sum_strkey_make_short(&fast, tag, text + at, len);
                sum_strkey_make(&slow, tag, text + at, len, len);
                assert_int_equal(fast.w[0], slow.w[0]);
                assert_int_equal(fast.w[1], slow.w[1]);
                assert_int_equal(fast.shape, slow.shape);
                assert_int_equal(fast.len, slow.len);
                assert_int_equal(fast.hash, slow.hash);
                assert_ptr_equal(fast.s, slow.s);
            }
        }
    }
#endif
}

static void test_every_key_is_found_after_the_table_grows(void **state)
{
    (void)state;
    sum_strtab t = {0};
    char word[32];
    for (uint32_t i = 0; i < 20000; i++) {
        snprintf(word, sizeof(word), "w%u", i * 7919u);
        put(&t, i % 2, word, i);
    }
    for (uint32_t i = 0; i < 20000; i++) {
        snprintf(word, sizeof(word), "w%u", i * 7919u);
        assert_int_equal(get(&t, i % 2, word), i);
        assert_int_equal(get(&t, 1 - i % 2, word), UINT32_MAX);
    }
    sum_strtab_clear(&t);
    assert_int_equal(get(&t, 0, "w0"), UINT32_MAX);
    sum_strtab_free(&t);
}

/* The lexicon stems ASCII words with the ISO-8859-1 twin of the English (or Porter)
 * stemmer, which must give every ASCII word the UTF-8 stemmer's stem: possessives,
 * apostrophes, y and its vowels, the exceptional forms and short words included. */
static void test_the_ascii_twin_stems_every_word_as_the_utf8_stemmer(void **state)
{
    (void)state;
    static const char *const words[] = {
        "russia's",     "iran's'",
        "'tis",         "o'neill",
        "generously",   "dying",
        "skies",        "news",
        "sky",          "happy",
        "hopping",      "agreed",
        "feed",         "cried",
        "yes",          "y",
        "ly",           "eyes",
        "saying",       "consolidation",
        "communism",    "arsenal",
        "gener",        "1990s",
        "b52s",         "a",
        "proceeding",   "exceeded",
        "succeeding",   "inning",
        "outing",       "canning",
        "herring",      "earring",
        "atlas",        "cosmos",
        "bias",         "andes",
        "howe",         "idly",
        "gently",       "ugly",
        "early",        "only",
        "singly",       "sportingly",
        "unemployment", "internationalisation",
        "xyz",          "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "Ukraine",      "PUTIN",
        "''",           "'",
        "s'",           "can't",
        "won't",        "yyyy",
        "youyouyou",    "beyond",
        "sayings"};
    static const char *const langs[] = {"english", "porter"};
    for (size_t l = 0; l < sizeof(langs) / sizeof(langs[0]); l++) {
        struct sb_stemmer *utf8 = sb_stemmer_new(langs[l], NULL);
        struct sb_stemmer *latin1 = sb_stemmer_new(langs[l], "ISO_8859_1");
        assert_non_null(utf8);
        assert_non_null(latin1);
        for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
            int len = (int)strlen(words[i]);
            char a[256];
            const sb_symbol *sa = sb_stemmer_stem(utf8, (const sb_symbol *)words[i], len);
            int la = sb_stemmer_length(utf8);
            assert_true(sa != NULL && la < (int)sizeof(a));
            memcpy(a, sa, (size_t)la);
            const sb_symbol *sb = sb_stemmer_stem(latin1, (const sb_symbol *)words[i], len);
            assert_non_null(sb);
            assert_int_equal(sb_stemmer_length(latin1), la);
            assert_memory_equal(sb, a, (size_t)la);
        }
        sb_stemmer_delete(utf8);
        sb_stemmer_delete(latin1);
    }
}

/* The same models with the twin as without it, for ASCII and non-ASCII words; and a twin
 * stands in only for the stemmer it is the twin of: the French stemmer's words in a
 * lexicon whose twin is English get the French stems. */
static void test_the_ascii_twin_changes_no_model(void **state)
{
    (void)state;
    static flat with, without, english;
    struct sb_stemmer *stemmer = sb_stemmer_new("english", NULL);
    struct sb_stemmer *french = sb_stemmer_new("french", NULL);
    const char *mixed = "Café owners in Zürich said the cafés were crowded. Owners of the "
                        "café said Zürich's crowds were growing, and the owner agreed.";
    const char *texts[] = {story_a, story_b, mixed};
    lede_harness *h = tokenizer();
    sum_scratch twin = {0}, plain = {0};
    twin.lex.twin = sb_stemmer_new("english", "ISO_8859_1");
    twin.lex.twin_of = stemmer;
    assert_non_null(twin.lex.twin);
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        model_of(h, texts[i], stemmer, &twin, &with);
        model_of(h, texts[i], stemmer, &plain, &without);
        assert_same_model(&with, &without);
    }
    /* English and French stem these ASCII words apart ("nations" and "national" share an
     * English stem, not a French one). */
    const char *text = "Les nations unies votent. Le vote national des nations est fini.";
    model_of(h, text, stemmer, &plain, &english);
    model_of(h, text, french, &twin, &with);
    model_of(h, text, french, &plain, &without);
    assert_same_model(&with, &without);
    assert_true(with.n != english.n || memcmp(with.v, english.v, with.n * sizeof(with.v[0])) != 0);
    sb_stemmer_delete(twin.lex.twin);
    sum_scratch_free(&twin);
    sum_scratch_free(&plain);
    lede_harness_free(h);
    sb_stemmer_delete(stemmer);
    sb_stemmer_delete(french);
}

/* A key's first slot comes from its hash's top bits (strtab.h), which every byte of the key
 * moves: words alike but for their last bytes ("ministry", "minister"; or a hostile text of
 * 8-byte words varying in bytes 7 and 8) must not pile up on a few slots, or linear probing
 * would turn quadratic. */
static void test_keys_differing_in_their_last_bytes_spread_over_the_table(void **state)
{
    (void)state;
    sum_strtab t = {0};
    char word[9] = "abcdefgh";
    for (uint32_t i = 0; i < 4096; i++) {
        word[6] = (char)('a' + i % 64);
        word[7] = (char)('a' + i / 64);
        put(&t, 0, word, i);
    }
    /* 4096 keys in 16384 slots: count the slots that are some key's first. */
    static unsigned char first[1u << 16];
    assert_true(t.mask < sizeof(first));
    memset(first, 0, sizeof(first));
    uint32_t distinct = 0;
    for (uint32_t i = 0; i < 4096; i++) {
        word[6] = (char)('a' + i % 64);
        word[7] = (char)('a' + i / 64);
        sum_strkey k;
        sum_strkey_make(&k, 0, word, 8, 8);
        uint32_t slot = k.hash >> t.shift;
        distinct += first[slot] == 0;
        first[slot] = 1;
        assert_int_equal(get(&t, 0, word), i);
    }
    assert_true(distinct > 3000); /* random slots would give about 3560 */
    sum_strtab_free(&t);
}

/* Writes a made-up text of about n tokens into buf (cap bytes): words of 1 to 20 letters in
 * either case, some with letters past ASCII, numbers of 1 to 12 digits, punctuation, and
 * sentences of 1 to 30 tokens, the last word a few bytes from the text's end. */
static size_t varied_text(char *buf, size_t cap, int n)
{
    static const char *const punct[] = {",", ";", ":", "(", ")", "-", "\"", "'"};
    uint32_t r = 12345;
    size_t len = 0;
    int in_sentence = 0, sentence_len = 1;
    for (int i = 0; i < n && len + 64 < cap; i++) {
        r = r * 1103515245u + 12345u;
        uint32_t kind = (r >> 16) % 10, size = 1 + (r >> 8) % 20;
        if (len > 0 && buf[len - 1] != ' ')
            buf[len++] = ' ';
        if (kind < 6) {
            for (uint32_t c = 0; c < size; c++) {
                r = r * 1103515245u + 12345u;
                char letter = (char)('a' + (r >> 16) % 26);
                buf[len++] = c == 0 && (r & 0x100) ? (char)(letter - 32) : letter;
            }
            if (kind == 5 && len + 2 < cap) /* e acute */
                len += (size_t)snprintf(buf + len, cap - len, "\xC3\xA9");
        } else if (kind < 8) {
            for (uint32_t c = 0; c < 1 + size % 12; c++)
                buf[len++] = (char)('0' + (r >> (c % 16)) % 10);
        } else {
            len += (size_t)snprintf(buf + len, cap - len, "%s", punct[(r >> 12) % 8]);
        }
        if (++in_sentence >= sentence_len) {
            buf[len++] = '.';
            in_sentence = 0;
            sentence_len = 1 + (int)((r >> 4) % 30);
        }
    }
    len += (size_t)snprintf(buf + len, cap - len, " Ends here");
    return len;
}

/* The word pass makes its keys eight tokens at a time where the CPU has AVX-512 (lexicon.c,
 * gather_run_simd) and one by one elsewhere (gather_run): both must make the very keys and
 * hashes sum_strkey_make makes. A wrong key would not change the model at once (a word
 * missed is learnt again from its bytes) but would take an entry of its own: so the word
 * table must hold every word's true key, and as many entries either way. */
static void test_the_word_keys_are_the_same_eight_at_a_time_and_one_by_one(void **state)
{
    (void)state;
    static char text[65536];
    static flat a, b;
    size_t len = varied_text(text, sizeof(text), 1500);
    struct sb_stemmer *stemmer = sb_stemmer_new("english", NULL);
    lede_harness *h = tokenizer();
    sum_scratch simd = {0}, scalar = {0};
    scalar.lex.no_simd = 1;
    lede_error err;
    lede_doc *doc = NULL;
    sum_model m;
    assert_int_equal(lede_harness_run(h, "t", text, len, &doc, &err), 0);
    assert_int_equal(sum_model_build(doc, stemmer, 1, &simd, &m, &err), 0);
    flatten(&m, &a);
    assert_int_equal(sum_model_build(doc, stemmer, 1, &scalar, &m, &err), 0);
    flatten(&m, &b);
    assert_same_model(&a, &b);
    assert_true(m.n_sent >= 40);
    assert_int_equal(simd.lex.words.n, scalar.lex.words.n);
    size_t n_tok, n_sent, found = 0;
    const lede_token *tok = lede_doc_tokens(doc, &n_tok);
    const lede_sentence *ls = lede_doc_sentences(doc, &n_sent);
    const char *dt = lede_doc_text(doc, &len);
    for (size_t i = 0; i < n_sent; i++) {
        for (uint32_t t = ls[i].tok_begin; t < ls[i].tok_end; t++) {
            if (tok[t].kind > LEDE_TOK_NUMBER)
                continue;
            sum_strkey k;
            sum_strkey_make(&k, tok[t].kind, dt + tok[t].start, tok[t].end - tok[t].start,
                            len - tok[t].start);
            assert_non_null(sum_strtab_find(&simd.lex.words, &k));
            found++;
        }
    }
    assert_true(found > 800);
    sum_scratch_free(&simd);
    sum_scratch_free(&scalar);
    lede_harness_free(h);
    sb_stemmer_delete(stemmer);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_document_gets_the_same_model_whatever_was_read_before),
        cmocka_unit_test(test_another_stemmer_does_not_reuse_the_cached_stems),
        cmocka_unit_test(test_a_full_cache_is_emptied_before_the_next_document),
        cmocka_unit_test(test_a_document_past_a_million_tokens_gets_room_for_its_words_only),
        cmocka_unit_test(test_a_word_list_of_a_huge_document_is_freed_when_it_is_done),
        cmocka_unit_test(test_uppercase_copy_of_a_sentence_is_not_eligible),
        cmocka_unit_test(test_long_words_in_capitals_get_the_terms_of_their_lower_case_form),
        cmocka_unit_test(test_short_words_in_any_case_share_a_term_whatever_was_cached_first),
        cmocka_unit_test(test_sentences_of_one_shape_are_copies_only_when_their_words_match),
        cmocka_unit_test(test_sentences_out_of_order_or_overlapping_get_their_own_words),
        cmocka_unit_test(test_punctuation_among_words_and_at_the_end_counts_for_no_word),
        cmocka_unit_test(test_a_sentence_longer_than_the_word_window_counts_every_word_once),
        cmocka_unit_test(test_a_sentence_repeating_forty_earlier_terms_lists_them_in_order),
        cmocka_unit_test(test_a_promoted_key_takes_its_first_slot_and_loses_no_other),
        cmocka_unit_test(test_a_number_and_a_word_with_the_same_bytes_stay_apart),
        cmocka_unit_test(test_long_words_sharing_their_first_16_bytes_are_told_apart),
        cmocka_unit_test(test_a_word_makes_the_same_key_inside_a_text_and_at_its_end),
        cmocka_unit_test(test_a_short_key_is_the_key_the_general_path_makes),
        cmocka_unit_test(test_every_key_is_found_after_the_table_grows),
        cmocka_unit_test(test_the_ascii_twin_stems_every_word_as_the_utf8_stemmer),
        cmocka_unit_test(test_the_ascii_twin_changes_no_model),
        cmocka_unit_test(test_keys_differing_in_their_last_bytes_spread_over_the_table),
        cmocka_unit_test(test_the_word_keys_are_the_same_eight_at_a_time_and_one_by_one),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
