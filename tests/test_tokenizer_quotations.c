/*
 * test_tokenizer_quotations.c -- sentences in and around quotations, with the default
 * quotations = "split" (each quoted sentence ends at its mark, as news text is annotated,
 * except in a quotation embedded in its sentence: 'said "All those ... hospital. There
 * are ..."') and with quotations = "whole" (a quotation of several sentences stays in one, the
 * convention of pySBD and the pragmatic_segmenter suite, PS-EN-nn). The texts are from
 * GUM news and from the suite (Alice in Wonderland).
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

static int setup_split(void **state)
{
    *state = tku_new("");
    return 0;
}

static int setup_whole(void **state)
{
    *state = tku_new("quotations=whole");
    return 0;
}

static int teardown(void **state)
{
    tku_free(*state);
    return 0;
}

/* ---- default: split ---- */

static void test_default_splits_a_quotation_of_two_sentences(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(k, "Why did she so badly want to attend? \"It's Warhol. He is a legend.\"",
                  "Why did she so badly want to attend?", "\"It's Warhol.", "He is a legend.\"");
}

static void test_default_keeps_a_quoted_question_with_its_speaker(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(k, "'You come here from Earth?' I asked. To get her to talk.",
                  "'You come here from Earth?' I asked.", "To get her to talk.");
}

static void test_present_tense_and_other_speech_verbs_attribute(void **state)
{
    tku *k = *state;
    /* GUM fiction_frankenstein, fiction_sneeze */
    TKU_SENTENCES(k, "\u201CCan Toph and Len come over?\u201D I ask. She nods.",
                  "\u201CCan Toph and Len come over?\u201D I ask.", "She nods.");
    TKU_SENTENCES(k, "\u201COwwww!\u201D I howled.", "\u201COwwww!\u201D I howled.");
}

static void test_capitalised_pronoun_after_a_quoted_question_starts_a_sentence(void **state)
{
    tku *k = *state;
    /* "She said it" is narration, not an attribution, which would write "she said" */
    TKU_SENTENCES(k,
                  "They all stopped and looked at her, and the Queen said severely, \"Who is "
                  "this?\" She said it to the Knave of Hearts, who only bowed and smiled in reply.",
                  "They all stopped and looked at her, and the Queen said severely, \"Who is "
                  "this?\"",
                  "She said it to the Knave of Hearts, who only bowed and smiled in reply.");
}

static void test_default_keeps_a_cut_off_quotation_with_what_follows(void **state)
{
    tku *k = *state;
    /* GUM fiction keeps this together; only the whole mode splits it */
    TKU_SENTENCES(k,
                  "\"You both said the same thing at the same time, you've got to make a --\" He "
                  "hit his forehead with his palm.",
                  "\"You both said the same thing at the same time, you've got to make a --\" He "
                  "hit his forehead with his palm.");
}

static void test_default_keeps_a_quotation_after_a_speech_verb_whole(void **state)
{
    tku *k = *state;
    /* GUM news_crane and news_taxes: the quotation is the object of "said", "says" */
    TKU_SENTENCES(k,
                  "Civil Defense Authority director General Suleiman al-Amr, in remarks to "
                  "al-Ikhbariya television, said \"All those who were wounded and the dead have "
                  "been taken to hospital. There are no casualties left at the location.\" The "
                  "crane collapsed.",
                  "Civil Defense Authority director General Suleiman al-Amr, in remarks to "
                  "al-Ikhbariya television, said \"All those who were wounded and the dead have "
                  "been taken to hospital. There are no casualties left at the location.\"",
                  "The crane collapsed.");
    TKU_SENTENCES(k,
                  "Undersecretary for Education Mr. Toccafondi says \"many schools will increase "
                  "their fees or they will quit. Then the State will have to find new resources "
                  "to build new structures and manage them\" ((it)).",
                  "Undersecretary for Education Mr. Toccafondi says \"many schools will increase "
                  "their fees or they will quit. Then the State will have to find new resources "
                  "to build new structures and manage them\" ((it)).");
}

static void test_default_keeps_a_quotation_after_that_whole(void **state)
{
    tku *k = *state;
    /* GUM news_hackers; PolNeAR (Washington Post, 2016-10-27), with curly quotes */
    TKU_SENTENCES(k,
                  "The poster wrote that \"Prompted I think by the Tom Cruise video, a new "
                  "obsession is taking hold on the internet. An insurgency against The Church of "
                  "Scientology.\"",
                  "The poster wrote that \"Prompted I think by the Tom Cruise video, a new "
                  "obsession is taking hold on the internet. An insurgency against The Church of "
                  "Scientology.\"");
    TKU_SENTENCES(k,
                  "But Teneo issued a statement saying that \u201Cas the memo demonstrates, Teneo "
                  "worked to encourage clients. It also clearly shows that Teneo never received "
                  "any financial benefit.\u201D The memo was leaked.",
                  "But Teneo issued a statement saying that \u201Cas the memo demonstrates, Teneo "
                  "worked to encourage clients. It also clearly shows that Teneo never received "
                  "any financial benefit.\u201D",
                  "The memo was leaked.");
}

static void test_default_keeps_a_quotation_opening_with_an_ellipsis_whole(void **state)
{
    tku *k = *state;
    /* GUM news_defector: the quotation goes on with the sentence's verb */
    TKU_SENTENCES(k,
                  "Rathbun asserted that Scientology officials, \"... plied the Sheriff's "
                  "detective with a grand conspiracy theory. ... The next thing Daniel knows he's "
                  "in a cell where he sat for the next 30 hours.\" Montalvo was released.",
                  "Rathbun asserted that Scientology officials, \"... plied the Sheriff's "
                  "detective with a grand conspiracy theory. ... The next thing Daniel knows he's "
                  "in a cell where he sat for the next 30 hours.\"",
                  "Montalvo was released.");
    /* after a number, a bracket or a dash as after a comma (a final review's cases) */
    TKU_SENTENCES(k,
                  "The figure was confirmed in 2004 \"... the water is safe. Residents may drink "
                  "it\" according to the report.",
                  "The figure was confirmed in 2004 \"... the water is safe. Residents may drink "
                  "it\" according to the report.");
    TKU_SENTENCES(k, "He was blunt -- \"... we lost. We go home\" he said.",
                  "He was blunt -- \"... we lost. We go home\" he said.");
}

static void test_default_quotation_ended_by_another_rule_holds_nothing_after(void **state)
{
    tku *k = *state;
    /* The caption line ends the sentence that opened the quotation: the full stops after
     * it are the reader's again (a final review's case, from a scraped page's layout). */
    TKU_SENTENCES(k,
                  "He said \"we won the match\nPhoto: Reuters\nThe team played well. It was "
                  "great.\" and left.",
                  "He said \"we won the match\nPhoto: Reuters", "The team played well.",
                  "It was great.\" and left.");
}

static void test_default_splits_a_quotation_set_apart_by_a_comma_or_colon(void **state)
{
    tku *k = *state;
    /* GUM news_warhol splits speech after "said,"; so does a colon, even before an
     * ellipsis (BBC tech: the quotation stands apart, its sentences end) */
    TKU_SENTENCES(k,
                  "He said, \"Andy Warhol was the center of the Zeitgeist for the 20th century and "
                  "everything since. He is a post-modern diety.\"",
                  "He said, \"Andy Warhol was the center of the Zeitgeist for the 20th century and "
                  "everything since.",
                  "He is a post-modern diety.\"");
    TKU_SENTENCES(k,
                  "The Judge wrote: \"...it is not surprising that hundreds of thousands of 'hits' "
                  "on a website about Apple have and will happen. But an interested public is not "
                  "the same as the public interest\".",
                  "The Judge wrote: \"...it is not surprising that hundreds of thousands of 'hits' "
                  "on a website about Apple have and will happen.",
                  "But an interested public is not the same as the public interest\".");
    /* no speech verb before it: "writing in a blog post" (GUM news_hackers splits) */
    TKU_SENTENCES(k,
                  "One poster admitted to being a part of the effort, writing in a blog post \"I "
                  "have myself loaded up Gigaloader. Theres [sic] something in the hilarious "
                  "anarchy of the net.\"",
                  "One poster admitted to being a part of the effort, writing in a blog post \"I "
                  "have myself loaded up Gigaloader.",
                  "Theres [sic] something in the hilarious anarchy of the net.\"");
}

static void test_default_quotation_trailing_off_ends_before_a_capital(void **state)
{
    tku *k = *state;
    /* GUM fiction_pag; fiction_sneeze keeps the speaker with the quotation */
    TKU_SENTENCES(k, "\"Oh shit, you \u2014 I mean, you never ...\" He wiped his mouth.",
                  "\"Oh shit, you \u2014 I mean, you never ...\"", "He wiped his mouth.");
    TKU_SENTENCES(k,
                  "\u201CPerhaps you can use it in exams \u2026\u201D Pete said, scratching his "
                  "head.",
                  "\u201CPerhaps you can use it in exams \u2026\u201D Pete said, scratching his "
                  "head.");
}

/* ---- quotations = "whole" ---- */

static void test_whole_keeps_a_quotation_of_several_sentences(void **state)
{
    tku *k = *state;
    /* PS-EN-095, with a quotation nested in the quotation */
    TKU_SENTENCES(k,
                  "\"Dear, dear! How queer everything is to-day! And yesterday things went on just "
                  "as usual. But if I'm not the same, the next question is, 'Who in the world am "
                  "I?' Ah, _that's_ the great puzzle!\" As she said this, she looked down.",
                  "\"Dear, dear! How queer everything is to-day! And yesterday things went on just "
                  "as usual. But if I'm not the same, the next question is, 'Who in the world am "
                  "I?' Ah, _that's_ the great puzzle!\"",
                  "As she said this, she looked down.");
}

static void test_whole_keeps_a_news_quotation(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(k, "Why did she so badly want to attend? \"It's Warhol. He is a legend.\"",
                  "Why did she so badly want to attend?", "\"It's Warhol. He is a legend.\"");
}

static void test_whole_abbreviation_inside_a_quotation_ends_nothing(void **state)
{
    tku *k = *state;
    /* GR-style "in the U.S. How about you?" inside a quotation */
    TKU_SENTENCES(k, "She said, \"I live in the U.S. How about you?\" He nodded.",
                  "She said, \"I live in the U.S. How about you?\"", "He nodded.");
}

static void test_whole_keeps_a_parenthesis_after_the_quotation(void **state)
{
    tku *k = *state;
    /* PS-EN-004 */
    TKU_SENTENCES(k,
                  "'Well!' thought Alice to herself, 'after such a fall as this, I shall think "
                  "nothing of tumbling down stairs! How brave they'll all think me at home!' "
                  "(Which was very likely true.)",
                  "'Well!' thought Alice to herself, 'after such a fall as this, I shall think "
                  "nothing of tumbling down stairs! How brave they'll all think me at home!' "
                  "(Which was very likely true.)");
}

static void test_whole_aside_between_two_quotations_stands_alone(void **state)
{
    tku *k = *state;
    /* PS-EN-097 */
    TKU_SENTENCES(k,
                  "\"Dinah'll miss me very much to-night, I should think!\" (Dinah was the cat.) "
                  "\"I hope they'll remember her saucer of milk at tea-time. Dinah, my dear, I "
                  "wish you were down here with me!\"",
                  "\"Dinah'll miss me very much to-night, I should think!\"",
                  "(Dinah was the cat.)",
                  "\"I hope they'll remember her saucer of milk at tea-time. Dinah, my dear, I "
                  "wish you were down here with me!\"");
}

static void test_whole_cut_off_speech_ends_before_a_capital(void **state)
{
    tku *k = *state;
    /* PS-EN-096 */
    TKU_SENTENCES(k,
                  "Two began, \"we should all have our heads cut off, you know. So you see, Miss, "
                  "we're doing our best, afore she comes, to--\" At this moment, Five called out, "
                  "\"The Queen! The Queen!\" and the three gardeners threw themselves flat.",
                  "Two began, \"we should all have our heads cut off, you know. So you see, Miss, "
                  "we're doing our best, afore she comes, to--\"",
                  "At this moment, Five called out, \"The Queen! The Queen!\" and the three "
                  "gardeners threw themselves flat.");
}

static void test_whole_capital_after_a_closed_quotation_starts_a_sentence(void **state)
{
    tku *k = *state;
    /* PS-EN-094: no attribution rule in this mode, as in pySBD */
    TKU_SENTENCES(k,
                  "\"There's certainly too much pepper in that soup!\" Alice said to herself, as "
                  "well as she could for sneezing.",
                  "\"There's certainly too much pepper in that soup!\"",
                  "Alice said to herself, as well as she could for sneezing.");
}

static void test_whole_unclosed_quotation_splits_as_usual(void **state)
{
    tku *k = *state;
    /* a quotation that goes on in the next paragraph has no closing mark in this one */
    TKU_SENTENCES(k,
                  "\"Prompted I think by the Tom Cruise video, a new obsession is taking hold on "
                  "the internet. An insurgency against The Church of Scientology.",
                  "\"Prompted I think by the Tom Cruise video, a new obsession is taking hold on "
                  "the internet.",
                  "An insurgency against The Church of Scientology.");
}

static void test_whole_curly_quotes_and_ellipsis(void **state)
{
    tku *k = *state;
    /* PS-EN-120 */
    TKU_SENTENCES(k,
                  "For example, \u2018dragonswort\u2026 is said that it should be grown in "
                  "dragon\u2019s blood. It grows at the tops of mountains\u2019 (translated by "
                  "Anne Van Arsdall, p. 154). The Herbal also includes lore about other plants.",
                  "For example, \u2018dragonswort\u2026 is said that it should be grown in "
                  "dragon\u2019s blood. It grows at the tops of mountains\u2019 (translated by "
                  "Anne Van Arsdall, p. 154).",
                  "The Herbal also includes lore about other plants.");
}

static void test_default_keeps_a_pull_quote_with_its_credit(void **state)
{
    tku *k = *state;
    /* GUM_news_hackers: a paragraph that is one quotation and a credit after it is a pull
     * quote, one sentence with its credit (the credit names the quotation as a whole) */
    TKU_SENTENCES(k,
                  "\"So far, it's the Internet: 1, Scientology: 0. But it's a long game.\" - "
                  "Matthew Ingram\n\nWriting in a blog post, Matthew Ingram of The Globe and "
                  "Mail said so.",
                  "\"So far, it's the Internet: 1, Scientology: 0. But it's a long game.\" - "
                  "Matthew Ingram",
                  "Writing in a blog post, Matthew Ingram of The Globe and Mail said so.");
    TKU_SENTENCES(k,
                  "\"Prompted I think by the Tom Cruise video, a new obsession is taking hold on "
                  "the internet. An insurgency against The Church of Scientology.\" Anonymous "
                  "blogger, \"Anon declares war on Church of Scientology\"",
                  "\"Prompted I think by the Tom Cruise video, a new obsession is taking hold on "
                  "the internet. An insurgency against The Church of Scientology.\" Anonymous "
                  "blogger, \"Anon declares war on Church of Scientology\"");
}

static void test_default_quoted_paragraph_without_a_credit_splits(void **state)
{
    tku *k = *state;
    /* GUM_news_hackers: the same layout ending in the quotation's own stop, and a
     * quotation closed before the paragraph's last sentence, split as usual */
    TKU_SENTENCES(k, "\"So far, it's the Internet: 1, Scientology: 0. But it's a long game.\"",
                  "\"So far, it's the Internet: 1, Scientology: 0.", "But it's a long game.\"");
    TKU_SENTENCES(k, "\"It's Warhol,\" she said. \"He is a legend.\" Matthew Ingram",
                  "\"It's Warhol,\" she said.", "\"He is a legend.\"", "Matthew Ingram");
    /* Narration after a quotation is no credit (review of the rule): a pronoun, or no
     * comma and source after the name-like words */
    TKU_SENTENCES(k, "\"I am done.\" He walked away", "\"I am done.\"", "He walked away");
    TKU_SENTENCES(k, "\"I am done.\" Ann Lee walked away", "\"I am done.\"", "Ann Lee walked away");
    TKU_SENTENCES(k, "\"No.\" She said, smiling", "\"No.\"", "She said, smiling");
}

int main(void)
{
    const struct CMUnitTest split[] = {
        cmocka_unit_test(test_default_splits_a_quotation_of_two_sentences),
        cmocka_unit_test(test_default_keeps_a_quoted_question_with_its_speaker),
        cmocka_unit_test(test_present_tense_and_other_speech_verbs_attribute),
        cmocka_unit_test(test_capitalised_pronoun_after_a_quoted_question_starts_a_sentence),
        cmocka_unit_test(test_default_keeps_a_cut_off_quotation_with_what_follows),
        cmocka_unit_test(test_default_keeps_a_quotation_after_a_speech_verb_whole),
        cmocka_unit_test(test_default_keeps_a_quotation_after_that_whole),
        cmocka_unit_test(test_default_keeps_a_quotation_opening_with_an_ellipsis_whole),
        cmocka_unit_test(test_default_quotation_ended_by_another_rule_holds_nothing_after),
        cmocka_unit_test(test_default_splits_a_quotation_set_apart_by_a_comma_or_colon),
        cmocka_unit_test(test_default_quotation_trailing_off_ends_before_a_capital),
        cmocka_unit_test(test_default_keeps_a_pull_quote_with_its_credit),
        cmocka_unit_test(test_default_quoted_paragraph_without_a_credit_splits),
    };
    const struct CMUnitTest whole[] = {
        cmocka_unit_test(test_whole_keeps_a_quotation_of_several_sentences),
        cmocka_unit_test(test_whole_keeps_a_news_quotation),
        cmocka_unit_test(test_whole_abbreviation_inside_a_quotation_ends_nothing),
        cmocka_unit_test(test_whole_keeps_a_parenthesis_after_the_quotation),
        cmocka_unit_test(test_whole_aside_between_two_quotations_stands_alone),
        cmocka_unit_test(test_whole_cut_off_speech_ends_before_a_capital),
        cmocka_unit_test(test_whole_capital_after_a_closed_quotation_starts_a_sentence),
        cmocka_unit_test(test_whole_unclosed_quotation_splits_as_usual),
        cmocka_unit_test(test_whole_curly_quotes_and_ellipsis),
    };
    return cmocka_run_group_tests_name("quotations split", split, setup_split, teardown) |
           cmocka_run_group_tests_name("quotations whole", whole, setup_whole, teardown);
}
