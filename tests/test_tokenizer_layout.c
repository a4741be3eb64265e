/*
 * test_tokenizer_layout.c -- boundaries that only the layout of the text shows: a line
 * break after a heading or a list item, the lines of a scraped menu, lists with
 * lower-case items, and the dateline
 * that opens a news story ("Evansville, Indiana, United States - This past week").
 * Hard-wrapped prose keeps its lines together. Examples are from the pragmatic_segmenter
 * English suite (PS-EN-nnn), the Golden Rules (GR-nn) and GUM news documents.
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

static void test_a_title_case_line_ends_at_its_line_break(void **state)
{
    tku *k = *state;
    /* PS-EN-061 */
    TKU_SENTENCES(k,
                  "Putter King Scavenger Hunt Trophy\n(6 3/4\" Engraved Crystal Trophy - Picture "
                  "Coming Soon)\nThe Putter King team will judge the scavenger hunt and all "
                  "decisions will be final.  The scavenger hunt is open to anyone and everyone.",
                  "Putter King Scavenger Hunt Trophy",
                  "(6 3/4\" Engraved Crystal Trophy - Picture Coming Soon)",
                  "The Putter King team will judge the scavenger hunt and all decisions will be "
                  "final.",
                  "The scavenger hunt is open to anyone and everyone.");
    /* PS-EN-063 */
    TKU_SENTENCES(k, "\td. Compliance Log – Volume 12 \n\tAttachment A",
                  "d. Compliance Log – Volume 12", "Attachment A");
}

static void test_hard_wrapped_lines_stay_one_sentence(void **state)
{
    tku *k = *state;
    /* GR-40, GR-41 */
    TKU_SENTENCES(k, "This is a sentence\ncut off in the middle because pdf.",
                  "This is a sentence\ncut off in the middle because pdf.");
    TKU_SENTENCES(k, "It was a cold \nnight in the city.", "It was a cold \nnight in the city.");
    /* a wrapped line of names is no heading: it holds a lower-case word */
    TKU_SENTENCES(k, "Russian President Vladimir Putin met Iranian\nPresident Ebrahim Raisi today.",
                  "Russian President Vladimir Putin met Iranian\nPresident Ebrahim Raisi today.");
}

static void test_lines_of_a_menu_are_sentences(void **state)
{
    tku *k = *state;
    /* GR-42, PS-EN-024 */
    TKU_SENTENCES(k, "features\ncontact manager\nevents, activities\n", "features",
                  "contact manager", "events, activities");
    TKU_SENTENCES(k, "Home\nNews\nSport\nWeather", "Home", "News", "Sport", "Weather");
    /* two short lines may be a wrapped sentence */
    TKU_SENTENCES(k, "It was a cold \nnight.", "It was a cold \nnight.");
}

static void test_a_menu_after_a_sentence_starts_at_its_first_line(void **state)
{
    tku *k = *state;
    /* PS-EN-074: the menu follows a full stop on the same line, in lower case */
    TKU_SENTENCES(k,
                  "It was a cold \nnight in the city. features\ncontact manager\nevents, "
                  "activities\n You can find it at N\u00B0. 1026.253.553.",
                  "It was a cold \nnight in the city.", "features", "contact manager",
                  "events, activities", "You can find it at N\u00B0. 1026.253.553.");
    /* two short lines after the stop are no menu */
    TKU_SENTENCES(k, "He left at noon. and then\nwent home\n",
                  "He left at noon. and then\nwent home");
}

static void test_a_line_opening_with_a_bullet_is_a_list_item(void **state)
{
    tku *k = *state;
    /* BBC News: items without a stop, one a line, in one paragraph */
    TKU_SENTENCES(k,
                  "- Spend three years on probation \n - Have one year's anger management "
                  "counselling \n - Do 100 hours community service",
                  "- Spend three years on probation",
                  "- Have one year's anger management counselling",
                  "- Do 100 hours community service");
    TKU_SENTENCES(k,
                  "KEY MATCH STATS \n - BRENTFORD are the lowest ranked club left in the FA Cup.",
                  "KEY MATCH STATS", "- BRENTFORD are the lowest ranked club left in the FA Cup.");
    /* a dash inside a line is no bullet */
    TKU_SENTENCES(k, "Best sound design - The Woman in White at the Palace",
                  "Best sound design - The Woman in White at the Palace");
    /* hard-wrapped prose: a line opening with a dash before lower case goes on */
    TKU_SENTENCES(k, "The minister said the plan would\n- in his view - fail badly. Others agreed.",
                  "The minister said the plan would\n- in his view - fail badly.",
                  "Others agreed.");
    TKU_SENTENCES(k, "Prices rose sharply last year,\n- by about 4 percent - and wages lagged.",
                  "Prices rose sharply last year,\n- by about 4 percent - and wages lagged.");
    /* Once the line before opened with the same bullet, any item goes, whatever opens it
     * (a tester's budget list; BBC business, lower-case items after a colon). */
    TKU_SENTENCES(k,
                  "Key measures:\n- Income tax threshold raised\n- 3 new hospitals to be built\n"
                  "- \u00a32bn extra for the NHS\n- iPhone tax scrapped",
                  "Key measures:", "- Income tax threshold raised", "- 3 new hospitals to be built",
                  "- \u00a32bn extra for the NHS", "- iPhone tax scrapped");
    TKU_SENTENCES(k,
                  "They give three key reasons for not making the move:\n\n- call centre "
                  "operations are part of their business \"core function\", \n - they are "
                  "worried about the risk of going abroad, \n - they fear that they will damage "
                  "their brand.",
                  "They give three key reasons for not making the move:",
                  "- call centre operations are part of their business \"core function\",",
                  "- they are worried about the risk of going abroad,",
                  "- they fear that they will damage their brand.");
}

static void test_a_lone_carriage_return_breaks_a_line(void **state)
{
    tku *k = *state;
    /* PS-EN-074: a list item ends with its line, here an old Mac line break */
    TKU_SENTENCES(k, "b. The second item c. The third list item \rIt was a cold night.",
                  "b. The second item", "c. The third list item", "It was a cold night.");
}

static void test_lower_case_list_items_split_at_each_marker(void **state)
{
    tku *k = *state;
    /* PS-EN-076 */
    TKU_SENTENCES(k,
                  "a) here it is b) another c) one more\n They went to the store. w) hello x) "
                  "hello y) hello",
                  "a) here it is", "b) another", "c) one more", "They went to the store.",
                  "w) hello", "x) hello", "y) hello");
    /* PS-EN-075 */
    TKU_SENTENCES(k,
                  "His name is Mark E. Smith. a. here it is b. another c. one more\n They went "
                  "to the store. It was John A. Smith.",
                  "His name is Mark E. Smith.", "a. here it is", "b. another", "c. one more",
                  "They went to the store.", "It was John A. Smith.");
}

static void test_an_enumeration_inside_a_sentence_is_no_list(void **state)
{
    tku *k = *state;
    TKU_SENTENCES(k, "The plan would a) cut taxes, b) raise spending and c) reduce the deficit.",
                  "The plan would a) cut taxes, b) raise spending and c) reduce the deficit.");
}

static void test_a_dateline_before_a_dash_is_its_own_sentence(void **state)
{
    tku *k = *state;
    /* GUM_news_warhol */
    TKU_SENTENCES(k,
                  "Evansville, Indiana, United States - This past week marked the opening night "
                  "of an Andy Warhol exhibit.",
                  "Evansville, Indiana, United States -",
                  "This past week marked the opening night of an Andy Warhol exhibit.");
    TKU_SENTENCES(k, "WASHINGTON (Reuters) - The Senate voted on Tuesday.",
                  "WASHINGTON (Reuters) -", "The Senate voted on Tuesday.");
    /* a headline with a dash is no dateline: no comma, no capitals */
    TKU_SENTENCES(k, "Apple - Microsoft Deal Collapses", "Apple - Microsoft Deal Collapses");
    /* only at the start of a paragraph */
    TKU_SENTENCES(k, "He spoke. Paris, France - The city is calm.", "He spoke.",
                  "Paris, France - The city is calm.");
}

static void test_a_list_a_colon_opens_stays_in_its_sentence(void **state)
{
    tku *k = *state;
    /* GUM_news_defector: the items of a list run into the sentence after its colon are
     * that sentence's, their stops too */
    TKU_SENTENCES(k,
                  "He described Montalvo as an individual, \"facing the penitentiary in thanks "
                  "for the following sins: a) Leaving a lifehood of slavery to get a taste of "
                  "freedom and the world. b) Refusing - despite every provocation and incentive "
                  "and threat - to frame three guys who went out of their ways (and dipped into "
                  "their pockets) to help the kid achieve that freedom.\" Rathbun said so.",
                  "He described Montalvo as an individual, \"facing the penitentiary in thanks "
                  "for the following sins: a) Leaving a lifehood of slavery to get a taste of "
                  "freedom and the world. b) Refusing - despite every provocation and incentive "
                  "and threat - to frame three guys who went out of their ways (and dipped into "
                  "their pockets) to help the kid achieve that freedom.\"",
                  "Rathbun said so.");
    /* BBC politics/290: an item of several sentences ends the list at its first one */
    TKU_SENTENCES(k,
                  "An interesting view but missing two crucial facts of this new threat: 1) If "
                  "these terrorists acquire weapons of mass destruction they WILL use them. "
                  "These people will use devastating force against us without fear of ANY "
                  "consequence. 2) The terrorists are prepared to use suicide bombers.",
                  "An interesting view but missing two crucial facts of this new threat: 1) If "
                  "these terrorists acquire weapons of mass destruction they WILL use them.",
                  "These people will use devastating force against us without fear of ANY "
                  "consequence.",
                  "2) The terrorists are prepared to use suicide bombers.");
    /* a colon at the end of its line opens a list of lines (PS-EN-029) */
    TKU_SENTENCES(k,
                  "You have the best chance of a healthy baby if you follow a few simple "
                  "guidelines:\n1. Organise your pregnancy care early. 2. Stop smoking.",
                  "You have the best chance of a healthy baby if you follow a few simple "
                  "guidelines:",
                  "1. Organise your pregnancy care early.", "2. Stop smoking.");
}

static void test_a_dash_credit_stays_with_its_one_sentence(void **state)
{
    tku *k = *state;
    /* GUM_interview_cocktail (Wikinews) */
    TKU_SENTENCES(k,
                  "[The santorum neologism is] offensive beyond, you know, anything that any "
                  "public figure or anybody in America should tolerate, and the mainstream media "
                  "laughs about it. \u2014 Rick Santorum\n\nIn a 2003 interview he said so.",
                  "[The santorum neologism is] offensive beyond, you know, anything that any "
                  "public figure or anybody in America should tolerate, and the mainstream media "
                  "laughs about it. \u2014 Rick Santorum",
                  "In a 2003 interview he said so.");
    /* GUM_news_nasa: a credit after several sentences, or without a dash, stands alone */
    TKU_SENTENCES(k,
                  "This was a very difficult decision, but one that was made with the American "
                  "public in mind. In the end, these choices provide the best opportunity to "
                  "share in the history of NASA's remarkable Space Shuttle Program. \u2014 "
                  "Charles Bolden, NASA Administrator",
                  "This was a very difficult decision, but one that was made with the American "
                  "public in mind.",
                  "In the end, these choices provide the best opportunity to share in the "
                  "history of NASA's remarkable Space Shuttle Program.",
                  "\u2014 Charles Bolden, NASA Administrator");
    TKU_SENTENCES(k,
                  "Today's announcement is an affront to the thousands of dedicated men and "
                  "women at Johnson Space Center. John Cornyn, U.S. Senator (R-Texas)",
                  "Today's announcement is an affront to the thousands of dedicated men and "
                  "women at Johnson Space Center.",
                  "John Cornyn, U.S. Senator (R-Texas)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_title_case_line_ends_at_its_line_break),
        cmocka_unit_test(test_hard_wrapped_lines_stay_one_sentence),
        cmocka_unit_test(test_lines_of_a_menu_are_sentences),
        cmocka_unit_test(test_a_menu_after_a_sentence_starts_at_its_first_line),
        cmocka_unit_test(test_a_line_opening_with_a_bullet_is_a_list_item),
        cmocka_unit_test(test_a_lone_carriage_return_breaks_a_line),
        cmocka_unit_test(test_lower_case_list_items_split_at_each_marker),
        cmocka_unit_test(test_an_enumeration_inside_a_sentence_is_no_list),
        cmocka_unit_test(test_a_dateline_before_a_dash_is_its_own_sentence),
        cmocka_unit_test(test_a_list_a_colon_opens_stays_in_its_sentence),
        cmocka_unit_test(test_a_dash_credit_stays_with_its_one_sentence),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
