/*
 * test_tokenizer_abbrev.c -- abbreviations keep their full stop, and whether that stop
 * also ends the sentence depends on the class of the abbreviation and the next word.
 * Several cases are the English Golden Rules (pragmatic_segmenter, MIT), cited by number.
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

static void test_abbreviations_are_single_tokens_with_the_abbrev_flag(void **state)
{
    tku *k = *state;
    TKU_TOKENS(k, "Mr. Smith of the U.N. met Gov. Jones and George W. Bush at 5 a.m.", "Mr.",
               "Smith", "of", "the", "U.N.", "met", "Gov.", "Jones", "and", "George", "W.", "Bush",
               "at", "5", "a.m.");
    assert_true(tku_flags(k, "Mr.") & LEDE_TOKF_ABBREV);
    assert_true(tku_flags(k, "U.N.") & LEDE_TOKF_ABBREV);
    assert_true(tku_flags(k, "W.") & LEDE_TOKF_ABBREV);
    assert_true(tku_flags(k, "a.m.") & LEDE_TOKF_ABBREV);
}

static void test_un_security_council_does_not_end_the_sentence(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(
        k,
        "Since Russia last week used its veto power at the U.N. Security Council to place "
        "a restriction on aid delivery to 4.1 million people in Syria’s rebel-held "
        "northwest, humanitarian difficulties in Syria have also come into spotlight.",
        "Since Russia last week used its veto power at the U.N. Security Council to place "
        "a restriction on aid delivery to 4.1 million people in Syria’s rebel-held "
        "northwest, humanitarian difficulties in Syria have also come into spotlight.");
}

static void test_initial_in_a_name_does_not_end_the_sentence(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(k, "Yevgeny Popov mocked George W. Bush’s characterization of Iran.",
                  "Yevgeny Popov mocked George W. Bush’s characterization of Iran.");
}

static void test_abbreviation_before_a_starter_word_ends_the_sentence(void **state)
{
    tku *k = *state;
    /* GR-15, GR-09 */
    TKU_SENTENCES(k, "I live in the U.S. How about you?", "I live in the U.S.", "How about you?");
    TKU_SENTENCES(k, "They closed the deal with Pitt, Briggs & Co. It closed yesterday.",
                  "They closed the deal with Pitt, Briggs & Co.", "It closed yesterday.");
}

static void test_abbreviation_before_a_name_continues_the_sentence(void **state)
{
    tku *k = *state;
    /* GR-16, GR-07 */
    TKU_SENTENCES(k, "I work for the U.S. Government in Virginia.",
                  "I work for the U.S. Government in Virginia.");
    TKU_SENTENCES(k, "They closed the deal with Pitt, Briggs & Co. at noon.",
                  "They closed the deal with Pitt, Briggs & Co. at noon.");
}

static void test_titles_never_end_a_sentence(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(
        k, "Undersecretary for Education Mr. Toccafondi says fees will rise. Dr. Who agrees.",
        "Undersecretary for Education Mr. Toccafondi says fees will rise.", "Dr. Who agrees.");
}

static void test_number_prefixes_only_before_numbers(void **state)
{
    tku *k = *state;
    /* GR-05: "p. 55"; but "said no." ends the sentence */
    TKU_SENTENCES(k, "Please turn to p. 55.", "Please turn to p. 55.");
    TKU_SENTENCES(k, "The minister said no. Officials were surprised.", "The minister said no.",
                  "Officials were surprised.");
}

static void test_pronoun_i_after_an_initial_starts_a_sentence(void **state)
{
    tku *k = *state;
    /* GR-45 */
    TKU_SENTENCES(k, "We make a good team, you and I. Did you see Albert I. Jones yesterday?",
                  "We make a good team, you and I.", "Did you see Albert I. Jones yesterday?");
}

static void test_time_abbreviation_before_a_capital_ends_the_sentence(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(k, "He left at 6 P.M. Travelers who didn't get the warning at 5 P.M. left later.",
                  "He left at 6 P.M.",
                  "Travelers who didn't get the warning at 5 P.M. left later.");
}

static void test_etc_before_a_capital_ends_the_sentence(void **state)
{
    tku *k = *state;
    /* GUM interview_daly; BBC entertainment; lower case goes on (GUM letter_zora) */
    TKU_SENTENCES(k,
                  "We played a lot of manuscript email tag, given travel, field work, etc. "
                  "Manuscript review and processing took about four months.",
                  "We played a lot of manuscript email tag, given travel, field work, etc.",
                  "Manuscript review and processing took about four months.");
    TKU_SENTENCES(k,
                  "Everybody knows the words to Bohemian Rhapsody, Nothing Compares 2 U, etc. Much "
                  "better songs and more timeless.",
                  "Everybody knows the words to Bohemian Rhapsody, Nothing Compares 2 U, etc.",
                  "Much better songs and more timeless.");
    TKU_SENTENCES(k, "Throw out stale bread, etc. and watch the birds.",
                  "Throw out stale bread, etc. and watch the birds.");
}

/* Writes an abbreviations file at path and a tokenizer built with it. */
static tku *tku_with_abbreviations(const char *path, const char *content)
{
    FILE *f = fopen(path, "w");
    char opts[512];

    assert_non_null(f);
    fputs(content, f);
    fclose(f);
    snprintf(opts, sizeof opts, "abbreviations=\"%s\"", path);
    return tku_new(opts);
}

static void test_abbreviations_file_adds_a_title(void **state)
{
    const char *path = LEDE_BINARY_DIR "/tokenizer-abbrevs.txt";
    tku *k;

    (void)state;
    k = tku_with_abbreviations(path,
                               "# extra abbreviations\nPte. title\nCmdt title  # commandant\n");
    TKU_SENTENCES(k, "The visit of Pte. Lopez went well. He left.",
                  "The visit of Pte. Lopez went well.", "He left.");
    tku_free(k);
    /* Without the file, Pte is a word like any other. */
    k = tku_new("");
    TKU_SENTENCES(k, "The visit of Pte. Lopez went well.", "The visit of Pte.", "Lopez went well.");
    tku_free(k);
    remove(path);
}

static void test_abbreviations_file_words_are_found_in_any_case(void **state)
{
    /* The lexicon's filter on first and last letters must not hide a word written with
     * other capitals than in the file, nor one of a length and letters no built-in word
     * has. */
    const char *path = LEDE_BINARY_DIR "/tokenizer-abbrevs-case.txt";
    tku *k;

    (void)state;
    k = tku_with_abbreviations(path, "Qzx title\nzzQ title\nKwXyZjQvB title\n");
    TKU_SENTENCES(k, "We met Qzx. Lopez, ZZQ. Smith and kwxyzjqvb. Jones there. He left.",
                  "We met Qzx. Lopez, ZZQ. Smith and kwxyzjqvb. Jones there.", "He left.");
    tku_free(k);
    remove(path);
}

/* US political news (PolNeAR: Huffington Post, Politico, USA Today, Washington Post,
 * 2016): titles in the plural and a delegate's "Del." come before names. */
static void test_us_titles_in_the_plural_do_not_end_the_sentence(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(
        k,
        "Sens. Jeff Merkley (D-Ore.), Sherrod Brown (D-Ohio) and Robert Menendez (D-N.J.) "
        "all suggested that those claims could be grounds for a securities fraud case.",
        "Sens. Jeff Merkley (D-Ore.), Sherrod Brown (D-Ohio) and Robert Menendez (D-N.J.) "
        "all suggested that those claims could be grounds for a securities fraud case.");
    TKU_SENTENCES(k,
                  "Clinton has taken aim at GOP Sens. Kelly Ayotte and Richard Burr. The ranking "
                  "members, Reps. Elijah Cummings of Maryland and John Conyers of Michigan said "
                  "Comey's message was confusing.",
                  "Clinton has taken aim at GOP Sens. Kelly Ayotte and Richard Burr.",
                  "The ranking members, Reps. Elijah Cummings of Maryland and John Conyers of "
                  "Michigan said Comey's message was confusing.");
    TKU_SENTENCES(k,
                  "\"It's destroying the reputation of this committee,\" said Del. Stacey Plaskett "
                  "of the Virgin Islands. Scott's niece, state Del. Marcia \"Cia\" Price "
                  "(D-Newport News), shouted to the crowd.",
                  "\"It's destroying the reputation of this committee,\" said Del. Stacey Plaskett "
                  "of the Virgin Islands.",
                  "Scott's niece, state Del. Marcia \"Cia\" Price (D-Newport News), shouted to the "
                  "crowd.");
    /* written in lower case they are words: "sales reps." ends a sentence */
    TKU_SENTENCES(k, "He met the sales reps. Trump watched.", "He met the sales reps.",
                  "Trump watched.");
}

/* A state abbreviation ends a sentence only before a starter, like U.S. (PolNeAR). */
static void test_us_state_abbreviations_end_a_sentence_before_a_starter(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(k,
                  "It marked the 50th anniversary of the protest march in Selma, Ala. But on "
                  "Saturday, his tone was less anguished.",
                  "It marked the 50th anniversary of the protest march in Selma, Ala.",
                  "But on Saturday, his tone was less anguished.");
    TKU_SENTENCES(
        k,
        "\"They help me, too,\" Mr. Trump said in Naples, Fla. \"It would be nice if they "
        "help us, too.\"",
        "\"They help me, too,\" Mr. Trump said in Naples, Fla.",
        "\"It would be nice if they help us, too.\"");
    TKU_SENTENCES(k,
                  "Practice kindness, says a professor of psychology at Marywood University in "
                  "Scranton, Pa. Sure, it can be challenging at times.",
                  "Practice kindness, says a professor of psychology at Marywood University in "
                  "Scranton, Pa.",
                  "Sure, it can be challenging at times.");
    TKU_SENTENCES(k, "He flew to Peoria, Ill. He fell ill. Doctors came.",
                  "He flew to Peoria, Ill.", "He fell ill.", "Doctors came.");
    assert_true(tku_flags(k, "Ill.") & LEDE_TOKF_ABBREV);
    /* A state's spelling away from a city's comma or a party tag is a name or a word
     * (BBC business/081 and a Christmas story): its stop ends the sentence, apart. */
    TKU_SENTENCES(k,
                  "\"February was another good month,\" said ISM survey chairman Norbert Ore. "
                  "The index rose.",
                  "\"February was another good month,\" said ISM survey chairman Norbert Ore.",
                  "The index rose.");
    assert_false(tku_flags(k, "Ore") & LEDE_TOKF_ABBREV);
    TKU_SENTENCES(k, "He will speak in his Christmas Midnight Mass. The cardinal used it.",
                  "He will speak in his Christmas Midnight Mass.", "The cardinal used it.");
    assert_false(tku_flags(k, "Mass") & LEDE_TOKF_ABBREV);
    /* "W.Va." is one abbreviation, and the dateline before its dash a sentence */
    TKU_SENTENCES(k,
                  "FAIRVIEW, W.Va. - The coal was piled about as high as it could go. A yellow "
                  "bulldozer pushed the mound.",
                  "FAIRVIEW, W.Va. -", "The coal was piled about as high as it could go.",
                  "A yellow bulldozer pushed the mound.");
    assert_true(tku_flags(k, "W.Va.") & LEDE_TOKF_ABBREV);
}

/* words.c cuts "R-S.C." into "R-S", ".", "C.": the stop belongs to the initial or the
 * abbreviation after the hyphen (PolNeAR). */
static void test_party_and_state_tags_do_not_end_the_sentence(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(k, "Currently, there are two: Cory Booker (D-N.J.) and Tim Scott (R-S.C.) spoke.",
                  "Currently, there are two: Cory Booker (D-N.J.) and Tim Scott (R-S.C.) spoke.");
    TKU_SENTENCES(k,
                  "Few early supporters of the bill, such as senator Bob Corker, R-Tenn., and "
                  "Lindsey Graham, R-S.C., now say it should be changed.",
                  "Few early supporters of the bill, such as senator Bob Corker, R-Tenn., and "
                  "Lindsey Graham, R-S.C., now say it should be changed.");
    TKU_SENTENCES(k,
                  "Sen. Bernie Sanders (I-Vt.) Tuesday said the Clinton administration tapped "
                  "Rogers to accompany then-U.S. Energy secretary Hazel O'Leary, who accused "
                  "then-Gov. Bill Clinton.",
                  "Sen. Bernie Sanders (I-Vt.) Tuesday said the Clinton administration tapped "
                  "Rogers to accompany then-U.S. Energy secretary Hazel O'Leary, who accused "
                  "then-Gov. Bill Clinton.");
    /* ... and ends one before a starter */
    TKU_SENTENCES(k,
                  "The laptop was used by her estranged husband, former representative Anthony "
                  "Weiner, D-N.Y. The questionable emails first surfaced in a separate "
                  "investigation.",
                  "The laptop was used by her estranged husband, former representative Anthony "
                  "Weiner, D-N.Y.",
                  "The questionable emails first surfaced in a separate investigation.");
    /* a name's initial after a hyphen is no abbreviation (BBC News) */
    TKU_SENTENCES(k,
                  "Other nominees include OutKast, Hoobastank and Jay-Z. Soul singer Stevie Wonder "
                  "will receive Billboard's Century Award.",
                  "Other nominees include OutKast, Hoobastank and Jay-Z.",
                  "Soul singer Stevie Wonder will receive Billboard's Century Award.");
}

/* No sentence ends inside a parenthesis of a few characters; a longer one may hold
 * sentences. */
static void test_no_sentence_ends_inside_a_short_parenthesis(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(k, "The survey (Yahoo! News/YouGov) found that most voters disagreed.",
                  "The survey (Yahoo! News/YouGov) found that most voters disagreed.");
    TKU_SENTENCES(k, "It was close. (Turnout was low. Officials were surprised.) It was late.",
                  "It was close.", "(Turnout was low.", "Officials were surprised.)",
                  "It was late.");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_abbreviations_are_single_tokens_with_the_abbrev_flag),
        cmocka_unit_test(test_un_security_council_does_not_end_the_sentence),
        cmocka_unit_test(test_initial_in_a_name_does_not_end_the_sentence),
        cmocka_unit_test(test_abbreviation_before_a_starter_word_ends_the_sentence),
        cmocka_unit_test(test_abbreviation_before_a_name_continues_the_sentence),
        cmocka_unit_test(test_titles_never_end_a_sentence),
        cmocka_unit_test(test_number_prefixes_only_before_numbers),
        cmocka_unit_test(test_pronoun_i_after_an_initial_starts_a_sentence),
        cmocka_unit_test(test_time_abbreviation_before_a_capital_ends_the_sentence),
        cmocka_unit_test(test_etc_before_a_capital_ends_the_sentence),
        cmocka_unit_test(test_abbreviations_file_adds_a_title),
        cmocka_unit_test(test_abbreviations_file_words_are_found_in_any_case),
        cmocka_unit_test(test_us_titles_in_the_plural_do_not_end_the_sentence),
        cmocka_unit_test(test_us_state_abbreviations_end_a_sentence_before_a_starter),
        cmocka_unit_test(test_party_and_state_tags_do_not_end_the_sentence),
        cmocka_unit_test(test_no_sentence_ends_inside_a_short_parenthesis),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
