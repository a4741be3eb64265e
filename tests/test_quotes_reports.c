/*
 * test_quotes_reports.c -- how news reports speech, read for its speaker (issue #4, tenth
 * session).
 *
 * Each case is a pattern behind a speaker that readers named otherwise in the judged BBC
 * samples (tests/fixtures/quotes/bbc-judged*.tsv), on the article's own sentences (BBC News
 * Summary, named category/number): a noun taken for a cue verb, a description of a job that
 * went to whoever was named last, a reporting verb the stage did not know.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "test_quotes_util.h"

/* BBC politics/253: "the claims" is a noun, no cue without a subject; Mr Blair said is. */
static void test_a_cue_verb_after_an_article_is_a_noun(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Tony Blair has dismissed reports he told Gordon Brown he would quit before the next "
            "general election. Mr Blair said the claims were \"reheated from six months ago\" and "
            "that he was concentrating on running the country.",
            NULL);
    qtu_expect(&t, "reheated from six months ago", "Tony Blair", "said", "Blair");
    qtu_free(&t);
}

/* BBC politics/253: "the prime minister" stands for the one the first such description
 * stood for (Tony Blair), not for the last person named before it (Robert Peston, Gordon
 * Brown). */
static void test_the_same_description_keeps_its_person(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Tony Blair has dismissed reports he told Gordon Brown he would quit before the next "
            "general election.\n\n"
            "\"You don't do deals over jobs like this,\" the prime minister told BBC One's "
            "Breakfast with Frost programme. The book, by Sunday Telegraph journalist Robert "
            "Peston and serialised in the newspaper, said the pair had \"mutual animosity and "
            "contempt\" for each other.\n\n"
            "According to Mr Peston the prime minister said: \"Help me to get through the year "
            "and I will then stand down.\" There was speculation the pair were trying to outdo "
            "each other's response to the disaster. But the prime minister said he had discussed "
            "these claims with the chancellor and dismissed them as a \"load of nonsense\".",
            NULL);
    qtu_expect(&t, "You don't do deals over jobs like this,", "Tony Blair", "told",
               "the prime minister");
    qtu_expect(&t, "Help me to get through the year and I will then stand down.", "Tony Blair",
               "said", "the prime minister");
    qtu_expect(&t, "load of nonsense", "Tony Blair", "said", "the prime minister");
    qtu_free(&t);
}

/* BBC politics/253, politics/316: S accused X of "...", S has pledged to "...": the verb's
 * subject words the partial quotation. */
static void test_partial_after_accused_and_pledged(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Tory leader Michael Howard accused the prime minister and Mr Brown of \"squabbling "
            "like schoolboys\". He told Sky News' Sunday with Adam Boulton: \"This is the politics "
            "of the playground and Britain really does deserve better.\"",
            NULL);
    qtu_expect(&t, "squabbling like schoolboys", "Michael Howard", "accused", "Michael Howard");
    qtu_free(&t);
    qtu_run(&t,
            "Tony Blair has pledged to \"never, ever, ever\" attack Tory leader Michael Howard "
            "over his Jewish beliefs.",
            NULL);
    qtu_expect(&t, "never, ever, ever", "Tony Blair", "pledged", "Tony Blair");
    qtu_free(&t);
}

/* BBC politics/247, politics/095: will highlight ... "...", call for a "...", spoke of "...";
 * the two-word verbs are cues as a whole. */
static void test_partial_after_highlight_call_for_and_spoke_of(void **state)
{
    (void)state;
    qtu t;
    qtu_run(
        &t,
        "Charles Kennedy is set to address 2,000 people at a Hindu temple. Mr Kennedy will also "
        "highlight the anger among people of \"all races\" over the Iraq war and call for a "
        "\"balanced approach\" to tackling terrorism.",
        NULL);
    qtu_expect(&t, "all races", "Charles Kennedy", "highlight", "Kennedy");
    qtu_expect(&t, "balanced approach", "Charles Kennedy", "call for", "Kennedy");
    qtu_free(&t);
    qtu_run(&t,
            "Jonathan Baume, of the top civil servants' union, spoke of \"competing agendas\" "
            "between Mr Brown and Mr Blair.",
            NULL);
    qtu_expect(&t, "competing agendas", "Jonathan Baume", "spoke of", "Jonathan Baume");
    qtu_free(&t);
}

/* BBC politics/007: a verb that reports a partial quotation is no cue of the full one
 * before it: the paragraph that goes on He said: "..." is still his, not the Lib Dems'. */
static void test_report_verbs_leave_full_quotations_alone(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Lib Dem leader Charles Kennedy is expected to attack Mr Blair's words as he begins a "
            "nationwide tour on Monday. He said: \"This is three-party politics. In the northern "
            "cities, the contest is between Labour and the Liberal Democrats.\n\n"
            "\"In southern and rural seats - especially in the South West - the principal "
            "contenders are the Liberal Democrats and the Conservatives.\" The Lib Dems accuse Mr "
            "Blair of making a \"touchy-feely\" speech to Labour delegates.",
            NULL);
    qtu_expect(&t, "touchy-feely", "Lib Dems", "accuse", "Lib Dems");
    qtu_expect(&t,
               "In southern and rural seats - especially in the South West - the principal "
               "contenders are the Liberal Democrats and the Conservatives.",
               "Charles Kennedy", "said", "He");
    qtu_free(&t);
}

/* BBC politics/346: "...," he promised after a sentence that ends ", he said." goes on the
 * report of the he of the quotation before (Alan Milburn), not Tony Blair, whom that
 * sentence reports on. */
static void test_he_goes_on_a_report_ending_in_he_said(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Mr Milburn, in the latest in his series of pre-election-campaign campaigning, "
            "explained the slogan was the reaction to polling. \"Not many people talk about the "
            "years before 1997 as the good old days,\" he declared.\n\n"
            "Nobody, he claimed, could picture Liberal Democrat leader Charles Kennedy walking up "
            "Downing Street the day after polling. They could, however, picture Michael Howard "
            "or, of course, Tony Blair doing it. And Tony Blair would be in the very front line "
            "of that campaign, he said. \"Between now and the election the prime minister will "
            "be spending more time out of London than in it but in Britain, not overseas,\" he "
            "promised. \"He will be leading the domestic debate from the front, listening, "
            "taking the flak.\"",
            NULL);
    qtu_expect(&t, "Not many people talk about the years before 1997 as the good old days,",
               "Mr Milburn", "declared", "he");
    qtu_expect(&t,
               "Between now and the election the prime minister will be spending more time out "
               "of London than in it but in Britain, not overseas,",
               "Mr Milburn", "promised", "he");
    qtu_expect(&t,
               "He will be leading the domestic debate from the front, listening, taking the "
               "flak.",
               "Mr Milburn", "promised", "he");
    qtu_free(&t);
}

/* BBC business/042: "the company" said is the organisation last named (as "it" would be). */
static void test_the_company_is_the_organisation_named_before(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "UK Coal said it was making \"significant progress\" in shaking up the business. It "
            "had introduced new wage structures, a new daily maintenance regime for machinery at "
            "its mines and methods to continue mining in adverse conditions. The company said "
            "these actions should \"significantly uplift earnings\".",
            NULL);
    qtu_expect(&t, "significantly uplift earnings", "UK Coal", "said", "The company");
    qtu_free(&t);
}

/* BBC politics/068: "the alliance" is the name ending in Alliance, not the last one of the
 * bodies it includes. */
static void test_the_alliance_is_the_name_ending_in_alliance(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "The Making Decisions Alliance, which includes the Alzheimer's Society, Age Concern, "
            "Mencap and the National Autistic Society, said misunderstandings over the bill had "
            "to be cleared up. \"It will not change the current law on euthanasia,\" the "
            "alliance said in a statement.",
            NULL);
    qtu_expect(&t, "It will not change the current law on euthanasia,", "Making Decisions Alliance",
               "said", "the alliance");
    qtu_free(&t);
}

/* BBC business/111: a nation's or a place's adjective alone (European sales) is no
 * organisation the company stands for. */
static void test_a_place_adjective_is_no_organisation(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Unilever said European sales fell 2.8% last year, dragged down by below part sales "
            "at its beverage division.\n\n"
            "Sales of ice cream and frozen food dipped by 3.4% In the US last year, revenue grew "
            "by 1.5% \"despite disappointing sales in Slimfast\", the company said.",
            NULL);
    qtu_expect(&t, "despite disappointing sales in Slimfast", "Unilever", "said", "the company");
    qtu_free(&t);
}

/* BBC business/353, politics/246: the name in apposition to a job in capitals speaks, not
 * the job (with a cue verb, or a participle whose clause's subject speaks). */
static void test_the_name_after_a_capitalised_job_speaks(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "The EU's Humanitarian Aid Commissioner, Louis Michel, was quoted as saying that it "
            "was key to bring aid \"in those vital hours and days immediately after the "
            "disaster\".",
            NULL);
    qtu_expect(&t, "in those vital hours and days immediately after the disaster", "Louis Michel",
               "saying", "Louis Michel");
    qtu_free(&t);
    qtu_run(&t,
            "The Higher Education Minister, Kim Howells, said: \"We are working in schools to "
            "raise the attainment and aspiration of young people in disadvantaged areas.\"",
            NULL);
    qtu_expect(&t,
               "We are working in schools to raise the attainment and aspiration of young people "
               "in disadvantaged areas.",
               "Kim Howells", "said", "Kim Howells");
    qtu_free(&t);
}

/* BBC sport/510: "Teenager" before a name is a description, no part of it. */
static void test_teenager_is_no_part_of_the_name(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Teenager Sania Mirza completed a superb week at the Hyderabad Open by becoming the "
            "first Indian in history to win a WTA singles title. Mirza, ranked 134 in the world, "
            "sunk to her knees in celebration after serving out the match against Bondarenko. "
            "\"It is a big moment in my career,\" she said.",
            NULL);
    qtu_expect(&t, "It is a big moment in my career,", "Sania Mirza", "said", "she");
    qtu_free(&t);
}

/* BBC politics/200: neither "alleged" after a common noun's possessive nor "Says" inside a
 * name (North East Says No) is a cue; the quotation with none goes on the turn of He. */
static void test_no_cue_in_an_adjective_or_a_name(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Yes campaign chairman John Tomaney said he hoped for a late flurry of votes to boost "
            "turnout. He added: \"The government exerts a lot of political power in the North "
            "East.\" He also defended the decision to attack the official No campaign's alleged "
            "political allegiances. \"We felt we had to show what people were behind the No "
            "campaign - London Tory spin doctors.\" Graham Robb, spokesman for North East Says "
            "No, said the Yes campaign's decision to get personal dragged the campaign \"into the "
            "gutter\".",
            NULL);
    qtu_expect(&t,
               "We felt we had to show what people were behind the No campaign - London Tory spin "
               "doctors.",
               "John Tomaney", "added", "He");
    qtu_expect(&t, "into the gutter", "Graham Robb", "said", "Graham Robb");
    qtu_free(&t);
    /* (PolNeAR test, politico 2016-10-12: a headline's Said before its quotation is one.) */
    qtu_run(&t,
            "MS. CLINTON: You are the smartest people. PARTICIPANT: I talked to you "
            "afterwards.\u201d [ Speech to Goldman Sachs, 2013 IBD Ceo Annual Conference, "
            "6/4/13.]\n\n"
            "At A Goldman Summit, Hillary Clinton Said \u201cMany Of You In This Room Are "
            "Masters Of The Trend Lines. You See Over The Horizon, You Think About Products That "
            "Nobody Has Invented.\u201d",
            NULL);
    qtu_expect(&t,
               "Many Of You In This Room Are Masters Of The Trend Lines. You See Over The "
               "Horizon, You Think About Products That Nobody Has Invented.",
               "Hillary Clinton", "Said", "Hillary Clinton");
    qtu_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_cue_verb_after_an_article_is_a_noun),
        cmocka_unit_test(test_the_same_description_keeps_its_person),
        cmocka_unit_test(test_partial_after_accused_and_pledged),
        cmocka_unit_test(test_partial_after_highlight_call_for_and_spoke_of),
        cmocka_unit_test(test_report_verbs_leave_full_quotations_alone),
        cmocka_unit_test(test_he_goes_on_a_report_ending_in_he_said),
        cmocka_unit_test(test_the_company_is_the_organisation_named_before),
        cmocka_unit_test(test_the_alliance_is_the_name_ending_in_alliance),
        cmocka_unit_test(test_a_place_adjective_is_no_organisation),
        cmocka_unit_test(test_the_name_after_a_capitalised_job_speaks),
        cmocka_unit_test(test_teenager_is_no_part_of_the_name),
        cmocka_unit_test(test_no_cue_in_an_adjective_or_a_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
