/*
 * test_tokenizer_words.c -- what a word token is: apostrophes, hyphens, numbers,
 * URLs, e-mail addresses, emoji, and the kind and case flags of each token.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_tokenizer_util.h"

static int setup(void **state)
{
    *state = tku_new("");
    return 0;
}

static int teardown(void **state)
{
    tku_free(*state);
    return 0;
}

static unsigned kind_of(tku *k, const char *s)
{
    size_t n, i = tku_find(k, s, 0);
    const lede_token *t = lede_doc_tokens(k->doc, &n);
    if (i == (size_t)-1)
        fail_msg("no token '%s'", s);
    return t[i].kind;
}

static void test_apostrophes_inside_words_stay_in_the_word(void **state)
{
    tku *k = *state;
    TKU_TOKENS(k, "The Kremlin doesn’t want Iran’s drones, O'Brien said.", "The", "Kremlin",
               "doesn’t", "want", "Iran’s", "drones", ",", "O'Brien", "said", ".");
    assert_true(tku_flags(k, "doesn’t") & LEDE_TOKF_APOSTROPHE);
    assert_true(tku_flags(k, "Iran’s") & LEDE_TOKF_APOSTROPHE);
}

static void test_hyphenated_words_are_one_token(void **state)
{
    tku *k = *state;
    TKU_TOKENS(k, "the two sanction-hit nations and out-of-control inflation", "the", "two",
               "sanction-hit", "nations", "and", "out-of-control", "inflation");
}

static void test_dashes_between_words_are_their_own_tokens(void **state)
{
    tku *k = *state;
    TKU_TOKENS(k, "use the drones – with lessons", "use", "the", "drones", "–", "with", "lessons");
    assert_int_equal(kind_of(k, "–"), LEDE_TOK_PUNCT);
}

static void test_numbers_keep_decimals_thousands_and_percent(void **state)
{
    tku *k = *state;
    TKU_TOKENS(k, "aid to 4.1 million people, 22,000 tons, up 3.5% at 6:30.", "aid", "to", "4.1",
               "million", "people", ",", "22,000", "tons", ",", "up", "3.5%", "at", "6:30", ".");
    assert_int_equal(kind_of(k, "4.1"), LEDE_TOK_NUMBER);
    assert_int_equal(kind_of(k, "22,000"), LEDE_TOK_NUMBER);
    assert_int_equal(kind_of(k, "3.5%"), LEDE_TOK_NUMBER);
}

static void test_currency_sign_is_a_symbol_before_the_number(void **state)
{
    tku *k = *state;
    TKU_TOKENS(k, "She has $100.00 in her bag.", "She", "has", "$", "100.00", "in", "her", "bag",
               ".");
    assert_int_equal(kind_of(k, "$"), LEDE_TOK_SYMBOL);
}

static void test_a_sentence_final_stop_is_not_part_of_a_number(void **state)
{
    tku *k = *state;
    TKU_TOKENS(k, "Mr. Smith bought 1,000.", "Mr.", "Smith", "bought", "1,000", ".");
}

static void test_urls_and_emails_are_one_token_without_the_final_stop(void **state)
{
    tku *k = *state;
    TKU_TOKENS(
        k,
        "See https://www.example.50.com/new-site/awesome_content.html. Mail Jane.Doe@example.com.",
        "See", "https://www.example.50.com/new-site/awesome_content.html", ".", "Mail",
        "Jane.Doe@example.com", ".");
}

static void test_emoji_with_modifiers_and_flags_are_single_tokens(void **state)
{
    tku *k = *state;
    /* thumbs up + skin tone, US flag (two regional indicators), family ZWJ sequence */
    TKU_TOKENS(k, "Great 👍🏽 🇺🇸 👨‍👩‍👧 !", "Great", "👍🏽", "🇺🇸",
               "👨‍👩‍👧", "!");
    assert_int_equal(kind_of(k, "👍🏽"), LEDE_TOK_EMOJI);
    assert_int_equal(kind_of(k, "🇺🇸"), LEDE_TOK_EMOJI);
}

static void test_variation_selectors_and_keycaps_stay_with_their_base(void **state)
{
    tku *k = *state;
    /* issue #3: U+FE0F and U+20E3 are Extend (WB4), no tokens of their own; a keycap is
     * an emoji */
    TKU_TOKENS(k, "Tweet \u203C\uFE0F \u00AE\uFE0F #\uFE0F\u20E3 1\uFE0F\u20E3 now", "Tweet",
               "\u203C\uFE0F", "\u00AE\uFE0F", "#\uFE0F\u20E3", "1\uFE0F\u20E3", "now");
    assert_int_equal(kind_of(k, "\u203C\uFE0F"), LEDE_TOK_PUNCT);
    assert_int_equal(kind_of(k, "\u00AE\uFE0F"), LEDE_TOK_SYMBOL);
    assert_int_equal(kind_of(k, "#\uFE0F\u20E3"), LEDE_TOK_EMOJI);
    assert_int_equal(kind_of(k, "1\uFE0F\u20E3"), LEDE_TOK_EMOJI);
    /* after a word, as the fast path meets it */
    TKU_TOKENS(k, "Wow!\uFE0F Yes", "Wow", "!\uFE0F", "Yes");
    TKU_TOKENS(k, "now (#\uFE0F\u20E3) x,#\uFE0F\u20E3 b !\uFE0F", "now", "(", "#\uFE0F\u20E3", ")",
               "x", ",", "#\uFE0F\u20E3", "b", "!\uFE0F");
    /* and it ends a sentence as the mark alone does */
    TKU_SENTENCES(k, "Hi \u203C\uFE0F Then we go.", "Hi \u203C\uFE0F", "Then we go.");
    TKU_SENTENCES(k, "Hi!\uFE0F Then we go.", "Hi!\uFE0F", "Then we go.");
}

static void test_format_characters_inside_a_word_keep_it_whole(void **state)
{
    tku *k = *state;
    /* issue #3: LRM, WORD JOINER and a BOM inside a word are Format (WB4); ZWSP is not */
    TKU_TOKENS(k, "Ha\u200Earetz co\u2060operate ab\uFEFFcd x\u200By", "Ha\u200Earetz",
               "co\u2060operate", "ab\uFEFFcd", "x", "y");
    assert_int_equal(kind_of(k, "co\u2060operate"), LEDE_TOK_WORD);
}

static void test_numbers_of_other_forms_are_numbers_and_units_stay_words(void **state)
{
    tku *k = *state;
    /* issue #3: No and Nl characters alone, or with digits, are numbers */
    TKU_TOKENS(k, "Score 2\u00BD, \u2460 and \u216B.", "Score", "2\u00BD", ",", "\u2460", "and",
               "\u216B", ".");
    assert_int_equal(kind_of(k, "2\u00BD"), LEDE_TOK_NUMBER);
    assert_int_equal(kind_of(k, "\u2460"), LEDE_TOK_NUMBER);
    assert_int_equal(kind_of(k, "\u216B"), LEDE_TOK_NUMBER);
    /* a number with a unit or a multiplier is a word, its currency sign a symbol */
    TKU_TOKENS(k, "\u00A3600m or 1.13bn for 5km", "\u00A3", "600m", "or", "1.13bn", "for", "5km");
    assert_int_equal(kind_of(k, "\u00A3"), LEDE_TOK_SYMBOL);
    assert_int_equal(kind_of(k, "600m"), LEDE_TOK_WORD);
    assert_int_equal(kind_of(k, "1.13bn"), LEDE_TOK_WORD);
}

static void test_elisions_are_words_and_primes_no_quotes(void **state)
{
    tku *k = *state;
    /* issue #3: the apostrophe of an elision opens no quotation */
    TKU_TOKENS(k, "get \u2019em in \u2019til dawn, rock \u2019n\u2019 roll", "get", "\u2019em",
               "in", "\u2019til", "dawn", ",", "rock", "\u2019n\u2019", "roll");
    assert_int_equal(tku_flags(k, "\u2019em"), LEDE_TOKF_APOSTROPHE);
    assert_int_equal(kind_of(k, "\u2019til"), LEDE_TOK_WORD);
    assert_int_equal(tku_flags(k, "\u2019n\u2019"), LEDE_TOKF_APOSTROPHE);
    TKU_TOKENS(k, "'Twas shoot-'em-ups", "'Twas", "shoot", "-", "'em", "-", "ups");
    assert_true(tku_flags(k, "'Twas") & LEDE_TOKF_APOSTROPHE);
    /* but a word quoted is quoted */
    TKU_TOKENS(k, "He said 'em' twice.", "He", "said", "'", "em", "'", "twice", ".");
    assert_true(tku_flags(k, "'") & LEDE_TOKF_OPEN_QUOTE);
    /* feet and inches after a number are no quotation marks */
    TKU_TOKENS(k, "He is 6'2\" with a 12\" screen", "He", "is", "6", "'", "2", "\"", "with", "a",
               "12", "\"", "screen");
    for (size_t i = 0; i < tku_n_tokens(k); i++) {
        size_t n;
        const lede_token *t = lede_doc_tokens(k->doc, &n);
        assert_false(t[i].flags & (LEDE_TOKF_OPEN_QUOTE | LEDE_TOKF_CLOSE_QUOTE));
    }
    /* a number at the end of a quotation is closed by its mark */
    TKU_TOKENS(k, "\"It was 12\" she said", "\"", "It", "was", "12", "\"", "she", "said");
    assert_true(tku_flags(k, "\"") & LEDE_TOKF_OPEN_QUOTE);
    {
        size_t n;
        const lede_token *t = lede_doc_tokens(k->doc, &n);
        assert_true(t[4].flags & LEDE_TOKF_CLOSE_QUOTE);
    }
}

static void test_ideographs_are_words_of_their_own_and_katakana_runs_one(void **state)
{
    tku *k = *state;
    /* issue #3: Han and Hiragana one token a character (UAX #29 WB999, as Lucene), a run
     * of Katakana one, each apart from Latin letters */
    TKU_TOKENS(k,
               "\u5317\u4EACtoday \u30BF\u30EF\u30FC\u3078\u884C\u304D\u3002 \u30BF\u30EF\u30FCabc "
               "ABC-\u5317",
               "\u5317", "\u4EAC", "today", "\u30BF\u30EF\u30FC", "\u3078", "\u884C", "\u304D",
               "\u3002", "\u30BF\u30EF\u30FC", "abc", "ABC", "-", "\u5317");
    assert_int_equal(kind_of(k, "\u5317"), LEDE_TOK_WORD);
    /* Hangul and Thai stay whole */
    TKU_TOKENS(k, "\uD55C\uAD6D\uC5B4 \u0E20\u0E32\u0E29\u0E32", "\uD55C\uAD6D\uC5B4",
               "\u0E20\u0E32\u0E29\u0E32");
}

static void test_dotted_names_underscores_and_versions_are_one_token(void **state)
{
    tku *k = *state;
    /* issue #3: as UAX #29 (WB6/7, WB11/12, WB13a/b) and Lucene */
    TKU_TOKENS(k, "Booking.com and Node.js, Jack_Dorsey on v2.0.1 at news.bbc.co.uk/sport",
               "Booking.com", "and", "Node.js", ",", "Jack_Dorsey", "on", "v2.0.1", "at",
               "news.bbc.co.uk", "/", "sport");
    assert_int_equal(kind_of(k, "Booking.com"), LEDE_TOK_WORD);
    /* but a capital after the stop may start a sentence glued on, and abbreviations keep
     * their stops */
    TKU_SENTENCES(k, "It was the end.The next day came. It uses Node.js. Then Amazon.co.uk.",
                  "It was the end.", "The next day came.", "It uses Node.js.",
                  "Then Amazon.co.uk.");
    TKU_TOKENS(k, "in the U.S.The e.g. i.e. the", "in", "the", "U", ".", "S", ".", "The", "e.g.",
               "i.e.", "the");
    /* an address keeps its underscore */
    TKU_TOKENS(k, "mail jane_doe@example.com now", "mail", "jane_doe@example.com", "now");
}

static void test_case_flags_mark_capitalised_and_all_caps_words(void **state)
{
    tku *k = *state;
    tku_run(k, "NATO member Turkey has found itself in violent confrontations");
    assert_true(tku_flags(k, "NATO") & LEDE_TOKF_ALLCAPS);
    assert_true(tku_flags(k, "NATO") & LEDE_TOKF_CAPITALIZED);
    assert_true(tku_flags(k, "Turkey") & LEDE_TOKF_CAPITALIZED);
    assert_false(tku_flags(k, "Turkey") & LEDE_TOKF_ALLCAPS);
    assert_false(tku_flags(k, "member") & (LEDE_TOKF_CAPITALIZED | LEDE_TOKF_ALLCAPS));
}

static void test_non_latin_words_and_combining_marks_stay_whole(void **state)
{
    tku *k = *state;
    /* "café" with a combining acute accent, Greek, Cyrillic */
    TKU_TOKENS(k, "cafe\xcc\x81 Αθήνα Москва", "cafe\xcc\x81", "Αθήνα", "Москва");
    assert_true(tku_flags(k, "Москва") & LEDE_TOKF_CAPITALIZED);
}

static void test_non_breaking_space_separates_words(void **state)
{
    tku *k = *state;
    TKU_TOKENS(k, "Putin speaks with\xc2\xa0Iranian Minister", "Putin", "speaks", "with", "Iranian",
               "Minister");
}

static void test_clitics_option_splits_negations_and_possessives(void **state)
{
    tku *c = tku_new("clitics=true");
    (void)state;
    TKU_TOKENS(c, "The Kremlin doesn’t see Iran’s or the presidents’ talks; they're here.", "The",
               "Kremlin", "does", "n’t", "see", "Iran", "’s", "or", "the", "presidents", "’",
               "talks", ";", "they", "'re", "here", ".");
    assert_true(tku_flags(c, "n’t") & LEDE_TOKF_APOSTROPHE);
    assert_true(tku_flags(c, "’s") & LEDE_TOKF_APOSTROPHE);
    assert_false(tku_flags(c, "Iran") & LEDE_TOKF_APOSTROPHE);
    tku_free(c);
}

static void test_every_token_span_reads_back_its_text(void **state)
{
    tku *k = *state;
    const char *text = "‘Iran is (the) centre of dynamic diplomacy,’ Iranian Foreign Minister "
                       "Hossein Amirabdollahian wrote on Twitter … and ensure food security.’";
    size_t n;
    const lede_token *t;

    tku_run(k, text);
    t = lede_doc_tokens(k->doc, &n);
    assert_true(n > 20);
    for (size_t i = 0; i < n; i++) {
        assert_memory_equal(text + t[i].start, tku_token(k, i), t[i].end - t[i].start);
        assert_int_equal(strlen(tku_token(k, i)), t[i].end - t[i].start);
    }
}

static void test_word_ends_are_found_at_every_length_and_at_the_text_end(void **state)
{
    /* Words of 1 to 40 letters (the fast path reads 16 bytes, then 8, then one at a time
     * near the end of the text), lower-case or capitalised, before each character that
     * ends a word, with and without text after it: always one word token of exactly
     * those letters, with its case flag (but for an initial before its stop). */
    static const char *const ends[] = {" ", ",", ";", ")", "!", "?", ".", "\n", "\t", ":", "\""};
    tku *k = *state;
    char word[48], text[128];
    (void)state;
    for (size_t len = 1; len <= 40; len++) {
        for (int cap = 0; cap < 2; cap++) {
            for (size_t i = 0; i < len; i++)
                word[i] = (char)('a' + (i * 7) % 26);
            word[len] = '\0';
            if (cap)
                word[0] = (char)(word[0] - 'a' + 'A');
            for (size_t e = 0; e < sizeof ends / sizeof *ends; e++) {
                if (len == 1 && cap && ends[e][0] == '.')
                    continue; /* an initial: "A." keeps its stop */
                for (int tail = 0; tail < 2; tail++) {
                    snprintf(text, sizeof text, "go %s%s%s", word, ends[e],
                             tail ? " next words" : "");
                    tku_run(k, text);
                    assert_true(tku_n_tokens(k) >= 2);
                    assert_string_equal(tku_token(k, 1), word);
                    assert_int_equal(!!(tku_flags(k, word) & LEDE_TOKF_CAPITALIZED), cap);
                }
            }
            /* and at the very end of the text */
            snprintf(text, sizeof text, "go %s", word);
            tku_run(k, text);
            assert_int_equal(tku_n_tokens(k), 2);
            assert_string_equal(tku_token(k, 1), word);
        }
    }
}

static void test_plain_numbers_and_single_capitals_end_where_the_general_rules_say(void **state)
{
    tku *k = *state;
    /* numbers before every character that ends them; a comma that a digit follows (ASCII
     * or not) stays inside */
    TKU_TOKENS(k, "in 2005, 22,000 people; (7) 3! 4? 5\n6\t8 1,\xd9\xa2 9,", "in", "2005", ",",
               "22,000", "people", ";", "(", "7", ")", "3", "!", "4", "?", "5", "6", "8",
               "1,\xd9\xa2", "9", ",");
    assert_int_equal(kind_of(k, "2005"), LEDE_TOK_NUMBER);
    assert_int_equal(kind_of(k, "9"), LEDE_TOK_NUMBER);
    assert_int_equal(kind_of(k, "1,\xd9\xa2"), LEDE_TOK_NUMBER);
    /* a capital alone is a capitalised word, except before a stop: an initial */
    TKU_TOKENS(k, "I said A, B and C) then J. Smith", "I", "said", "A", ",", "B", "and", "C", ")",
               "then", "J.", "Smith");
    assert_int_equal(kind_of(k, "I"), LEDE_TOK_WORD);
    assert_true(tku_flags(k, "I") & LEDE_TOKF_CAPITALIZED);
    assert_true(tku_flags(k, "B") & LEDE_TOKF_CAPITALIZED);
    assert_false(tku_flags(k, "B") & LEDE_TOKF_ALLCAPS);
    assert_true(tku_flags(k, "J.") & LEDE_TOKF_ABBREV);
}

static void test_punctuation_right_after_a_word_is_its_own_token(void **state)
{
    tku *k = *state;
    TKU_TOKENS(k, "one, two; three) four! five? six", "one", ",", "two", ";", "three", ")", "four",
               "!", "five", "?", "six");
    assert_int_equal(kind_of(k, ")"), LEDE_TOK_PUNCT);
    /* ? and ! still end sentences; a run of four commas is still four tokens */
    TKU_SENTENCES(k, "Really? Yes! fine, ok.", "Really?", "Yes! fine, ok.");
    TKU_TOKENS(k, "word,,,, next, end,", "word", ",", ",", ",", ",", "next", ",", "end", ",");
    /* a full stop after a word, but an ellipsis of spaced stops stays whole */
    TKU_SENTENCES(k, "It rained. Then it stopped.\nNext line.", "It rained.", "Then it stopped.",
                  "Next line.");
    TKU_TOKENS(k, "compounds. . . . The end", "compounds", ".", ". . .", "The", "end");
    TKU_TOKENS(k, "a word. . . and more", "a", "word", ". . .", "and", "more");
}

/* The case and apostrophe flags of the first token s (the sentence flags left out). */
static unsigned word_flags(tku *k, const char *s)
{
    return tku_flags(k, s) & (LEDE_TOKF_CAPITALIZED | LEDE_TOKF_ALLCAPS | LEDE_TOKF_APOSTROPHE);
}

static void test_words_and_numbers_of_the_wider_fast_grammar_keep_the_general_rules(void **state)
{
    /* Capitals before lower case, inner apostrophes and hyphens, numbers with a % or a
     * unit, and the marks after them: one token each, with the flags scan_word gives. */
    tku *k = *state;
    TKU_TOKENS(k, "AOL's MPs rose 76%. UK-US talks, high-speed O'Brien.", "AOL's", "MPs", "rose",
               "76%", ".", "UK-US", "talks", ",", "high-speed", "O'Brien", ".");
    assert_int_equal(word_flags(k, "AOL's"), LEDE_TOKF_CAPITALIZED | LEDE_TOKF_APOSTROPHE);
    assert_int_equal(word_flags(k, "MPs"), LEDE_TOKF_CAPITALIZED);
    assert_int_equal(word_flags(k, "UK-US"), LEDE_TOKF_CAPITALIZED | LEDE_TOKF_ALLCAPS);
    assert_int_equal(word_flags(k, "high-speed"), 0);
    assert_int_equal(kind_of(k, "76%"), LEDE_TOK_NUMBER);
    /* a comma, stop or colon that an ASCII or Arabic-Indic digit follows stays inside */
    TKU_TOKENS(k, "In 2001. Then 1990s, 1.13bn: 22,000\" 6:30 2004' 1.\xd9\xa2", "In", "2001", ".",
               "Then", "1990s", ",", "1.13bn", ":", "22,000", "\"", "6:30", "2004", "'",
               "1.\xd9\xa2");
    assert_int_equal(kind_of(k, "1990s"), LEDE_TOK_WORD);
    assert_int_equal(kind_of(k, "2004"), LEDE_TOK_NUMBER);
    assert_int_equal(kind_of(k, "1.\xd9\xa2"), LEDE_TOK_NUMBER);
    /* what only the general rules know: URLs, addresses, abbreviations, a trailing
     * apostrophe, a digit after a hyphen, a stop glued to a letter */
    TKU_TOKENS(k,
               "see http://bbc.co.uk or word.com, jane.doe@example.com. U.S. e.g. No. 5 at 9 "
               "a.m. Dunkin' covid-19 US: x-ray's 5bn-a tv.\xe2\x80\x9d",
               "see", "http://bbc.co.uk", "or", "word.com", ",", "jane.doe@example.com", ".",
               "U.S.", "e.g.", "No.", "5", "at", "9", "a.m.", "Dunkin", "'", "covid-19", "US", ":",
               "x-ray's", "5bn-a", "tv", ".", "\xe2\x80\x9d");
    assert_int_equal(word_flags(k, "US"), LEDE_TOKF_CAPITALIZED | LEDE_TOKF_ALLCAPS);
    assert_int_equal(word_flags(k, "x-ray's"), LEDE_TOKF_APOSTROPHE);
    assert_true(tku_flags(k, "No.") & LEDE_TOKF_ABBREV);
}

static void test_clitics_are_split_off_words_of_the_wider_fast_grammar(void **state)
{
    tku *c = tku_new("clitics=true");
    (void)state;
    TKU_TOKENS(c, "it's AOL's don't", "it", "'s", "AOL", "'s", "do", "n't");
    assert_int_equal(word_flags(c, "AOL"), LEDE_TOKF_CAPITALIZED | LEDE_TOKF_ALLCAPS);
    tku_free(c);
}

/* The quote flags of token i. */
static unsigned quote_flags(tku *k, size_t i)
{
    size_t n;
    const lede_token *t = lede_doc_tokens(k->doc, &n);
    assert_true(i < n);
    return t[i].flags & (LEDE_TOKF_OPEN_QUOTE | LEDE_TOKF_CLOSE_QUOTE);
}

static void test_quotes_and_marks_between_words_are_judged_inside_a_long_paragraph(void **state)
{
    /* The fast word loop takes a straight double quote, a space and a lone mark or
     * symbol between words itself: each quote still opens after white space or an
     * opening bracket, dash or slash and before a word, and closes otherwise. */
    tku *k = *state;
    size_t i;
    TKU_TOKENS(k,
               "The minister said \"we will not\" and then (\"maybe\") - but \"no\", "
               "20 \"x\"/\"y\" $5 # @ \"end\"",
               "The", "minister", "said", "\"", "we", "will", "not", "\"", "and", "then", "(", "\"",
               "maybe", "\"", ")", "-", "but", "\"", "no", "\"", ",", "20", "\"", "x", "\"", "/",
               "\"", "y", "\"", "$", "5", "#", "@", "\"", "end", "\"");
    i = tku_find(k, "\"", 0);
    assert_int_equal(quote_flags(k, i), LEDE_TOKF_OPEN_QUOTE); /* said "we */
    i = tku_find(k, "\"", i + 1);
    assert_int_equal(quote_flags(k, i), LEDE_TOKF_CLOSE_QUOTE); /* not" and */
    i = tku_find(k, "\"", i + 1);
    assert_int_equal(quote_flags(k, i), LEDE_TOKF_OPEN_QUOTE); /* ("maybe */
    i = tku_find(k, "\"", i + 1);
    assert_int_equal(quote_flags(k, i), LEDE_TOKF_CLOSE_QUOTE); /* maybe") */
    i = tku_find(k, "\"", i + 1);
    i = tku_find(k, "\"", i + 1);
    assert_int_equal(quote_flags(k, i), LEDE_TOKF_CLOSE_QUOTE); /* no", */
    i = tku_find(k, "\"", i + 1);
    assert_int_equal(quote_flags(k, i), LEDE_TOKF_OPEN_QUOTE); /* 20 "x */
    i = tku_find(k, "\"", i + 1);
    assert_int_equal(quote_flags(k, i), LEDE_TOKF_CLOSE_QUOTE); /* x"/ */
    i = tku_find(k, "\"", i + 1);
    assert_int_equal(quote_flags(k, i), LEDE_TOKF_OPEN_QUOTE); /* /"y */
    assert_int_equal(kind_of(k, "$"), LEDE_TOK_SYMBOL);
    assert_int_equal(kind_of(k, "-"), LEDE_TOK_PUNCT);
    /* at the paragraph's end a quote closes; after a dash or a non-ASCII character, and
     * before a repeated mark, tok_words judges as before */
    TKU_TOKENS(k, "he said \"the end\"", "he", "said", "\"", "the", "end", "\"");
    assert_int_equal(quote_flags(k, 5), LEDE_TOKF_CLOSE_QUOTE);
    TKU_TOKENS(k, "over\xe2\x80\x94\"it is\" and ## done", "over", "\xe2\x80\x94", "\"", "it", "is",
               "\"", "and", "#", "#", "done");
    assert_int_equal(quote_flags(k, 2), LEDE_TOKF_OPEN_QUOTE);
}

static void test_joined_words_end_right_at_every_length_and_at_the_paragraph_end(void **state)
{
    /* wide_token reads a word's joiners and capitals from masks of 32 bytes: words of
     * every length up to past the mask, with a hyphen or an apostrophe in the middle or
     * none, inside and at the end of paragraphs shorter and longer than 32 bytes, keep
     * one token each with their flags */
    tku *k = *state;
    char text[256], word[80];
    for (size_t len = 3; len < 60; len++) {
        for (int joiner = 0; joiner < 3; joiner++) {
            for (int at_end = 0; at_end < 2; at_end++) {
                size_t n, w = 0, i;
                const lede_token *t;
                for (size_t j = 0; j < len; j++)
                    word[w++] = (char)(j == 0                   ? 'A'
                                       : j == len / 2 && joiner ? (joiner == 1 ? '-' : '\'')
                                                                : 'a' + (char)(j % 26));
                word[w] = '\0';
                snprintf(text, sizeof text, at_end ? "%s said %s" : "%s said %s, then more words",
                         len % 2 ? "x" : "some words to fill the first block", word);
                tku_run(k, text);
                t = lede_doc_tokens(k->doc, &n);
                i = tku_find(k, word, 0);
                assert_true(i != (size_t)-1);
                assert_int_equal(t[i].kind, LEDE_TOK_WORD);
                assert_int_equal(word_flags(k, word),
                                 LEDE_TOKF_CAPITALIZED | (joiner == 2 ? LEDE_TOKF_APOSTROPHE : 0));
            }
        }
    }
    /* all capitals across joiners; a capital after a lower-case letter is left to the
     * general rules (McDonald stays whole, a glued caption is cut) */
    TKU_TOKENS(k, "the long first words of a paragraph: BBC-ITV'S McDonald todayPutin", "the",
               "long", "first", "words", "of", "a", "paragraph", ":", "BBC-ITV'S", "McDonald",
               "today", "Putin");
    assert_int_equal(word_flags(k, "BBC-ITV'S"),
                     LEDE_TOKF_CAPITALIZED | LEDE_TOKF_ALLCAPS | LEDE_TOKF_APOSTROPHE);
}

static void test_lower_case_joined_words_end_where_the_wider_grammar_ends_them(void **state)
{
    /* The word loop joins lower-case words across an inner hyphen or apostrophe itself
     * ("high-speed", "government's", "year-on-year"): each ends as wide_token and
     * scan_word end it, before a space, comma, mark or full stop; a capital, a digit, a
     * colon, a second apostrophe or a stop before a letter is left to them. */
    tku *k = *state;
    TKU_TOKENS(k,
               "the year-on-year rise, government's plans; a high-speed. Then rock'n'roll! "
               "pre-2005 mid-March x-ray: ex-wife's analysts' high-speed.com in-house",
               "the", "year-on-year", "rise", ",", "government's", "plans", ";", "a", "high-speed",
               ".", "Then", "rock'n'roll", "!", "pre-2005", "mid-March", "x-ray", ":", "ex-wife's",
               "analysts'", "high-speed.com", "in-house");
    assert_int_equal(word_flags(k, "government's"), LEDE_TOKF_APOSTROPHE);
    assert_int_equal(word_flags(k, "year-on-year"), 0);
    assert_int_equal(word_flags(k, "Then"), LEDE_TOKF_CAPITALIZED);
    assert_int_equal(word_flags(k, "rock'n'roll"), LEDE_TOKF_APOSTROPHE);
    assert_int_equal(word_flags(k, "ex-wife's"), LEDE_TOKF_APOSTROPHE);
    assert_int_equal(kind_of(k, "in-house"), LEDE_TOK_WORD);
    TKU_TOKENS(k, "Labour's high-tax plans", "Labour's", "high-tax", "plans");
    assert_int_equal(word_flags(k, "Labour's"), LEDE_TOKF_CAPITALIZED | LEDE_TOKF_APOSTROPHE);
    TKU_SENTENCES(k, "It was a cross-party deal. Then it ended.", "It was a cross-party deal.",
                  "Then it ended.");
}

static void test_clitics_split_lower_case_joined_words(void **state)
{
    tku *c = tku_new("clitics=true");
    (void)state;
    TKU_TOKENS(c, "the government's high-speed plans, year-on-year's end", "the", "government",
               "'s", "high-speed", "plans", ",", "year-on-year", "'s", "end");
    tku_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_apostrophes_inside_words_stay_in_the_word),
        cmocka_unit_test(test_hyphenated_words_are_one_token),
        cmocka_unit_test(test_dashes_between_words_are_their_own_tokens),
        cmocka_unit_test(test_numbers_keep_decimals_thousands_and_percent),
        cmocka_unit_test(test_currency_sign_is_a_symbol_before_the_number),
        cmocka_unit_test(test_a_sentence_final_stop_is_not_part_of_a_number),
        cmocka_unit_test(test_urls_and_emails_are_one_token_without_the_final_stop),
        cmocka_unit_test(test_emoji_with_modifiers_and_flags_are_single_tokens),
        cmocka_unit_test(test_variation_selectors_and_keycaps_stay_with_their_base),
        cmocka_unit_test(test_format_characters_inside_a_word_keep_it_whole),
        cmocka_unit_test(test_numbers_of_other_forms_are_numbers_and_units_stay_words),
        cmocka_unit_test(test_elisions_are_words_and_primes_no_quotes),
        cmocka_unit_test(test_ideographs_are_words_of_their_own_and_katakana_runs_one),
        cmocka_unit_test(test_dotted_names_underscores_and_versions_are_one_token),
        cmocka_unit_test(test_case_flags_mark_capitalised_and_all_caps_words),
        cmocka_unit_test(test_non_latin_words_and_combining_marks_stay_whole),
        cmocka_unit_test(test_non_breaking_space_separates_words),
        cmocka_unit_test(test_clitics_option_splits_negations_and_possessives),
        cmocka_unit_test(test_every_token_span_reads_back_its_text),
        cmocka_unit_test(test_word_ends_are_found_at_every_length_and_at_the_text_end),
        cmocka_unit_test(test_plain_numbers_and_single_capitals_end_where_the_general_rules_say),
        cmocka_unit_test(test_punctuation_right_after_a_word_is_its_own_token),
        cmocka_unit_test(test_words_and_numbers_of_the_wider_fast_grammar_keep_the_general_rules),
        cmocka_unit_test(test_clitics_are_split_off_words_of_the_wider_fast_grammar),
        cmocka_unit_test(test_quotes_and_marks_between_words_are_judged_inside_a_long_paragraph),
        cmocka_unit_test(test_joined_words_end_right_at_every_length_and_at_the_paragraph_end),
        cmocka_unit_test(test_lower_case_joined_words_end_where_the_wider_grammar_ends_them),
        cmocka_unit_test(test_clitics_split_lower_case_joined_words),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
