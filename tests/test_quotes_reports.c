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

/* BBC business/393: "the company" is no organisation named after a preposition (trading on
 * the London Stock Exchange); with no other, the description stays. */
static void test_the_company_is_none_named_after_a_preposition(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "In a statement issued on Thursday, Laura Ashley thanked Ms Mohd-Saaid for her "
            "services to the company. Its shares were down 8.51% to 10.75p in late Thursday "
            "morning trading on the London Stock Exchange.\n\n"
            "Since 2002, Ms Tan has been managing director and chief executive of Metrojaya, one "
            "of the largest retail groups in Malaysia. Laura Ashley, which is due to issue its "
            "next trading statement in the next few weeks, has in recent months been hit by "
            "reports of poor sales. In October last year, it announced the closure of one of its "
            "two Welsh factories. In September, the company had said that its half-year clothing "
            "sales had been \"below expectations\".",
            NULL);
    qtu_expect(&t, "below expectations", "company", "said", "the company");
    qtu_free(&t);
}

/* BBC business/443: "the firm" is the organisation named as a possessor (Kraft's), not the
 * medium after "on" (TV), which is no organisation. */
static void test_the_firm_is_the_possessor_not_tv(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Kraft's new advertising policy, which covers advertising on TV, radio and in print "
            "publications, is aimed at children between the ages of six and 11. It means "
            "commercials for some of its most famous snacks and cereals shown during early "
            "morning cartoon shows on TV will now be replaced by food and drink qualifying for "
            "Kraft's new \"Sensible Solution\" label. But the firm said it would continue to "
            "advertise all its products in media seen by parents and \"all family\" audiences.",
            NULL);
    qtu_expect(&t, "all family", "Kraft", "said", "the firm");
    qtu_free(&t);
}

/* BBC business/309: one word opening its sentence before an auxiliary (AztraZeneca has now
 * appointed) is the organisation "the company" stands for. */
static void test_the_company_is_one_word_opening_its_sentence(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Tarceva - made by OSI Pharmaceuticals, Genentech and Roche - has already proved to "
            "be successful in helping prolong the life of lung cancer patients. AztraZeneca has "
            "now appointed a new executive director to the board. John Patterson will be in "
            "charge of drug development. The company said Mr Patterson would make \"substantial "
            "changes to the clinical organisation and its processes\".",
            NULL);
    qtu_expect(&t, "substantial changes to the clinical organisation and its processes",
               "AztraZeneca", "said", "The company");
    qtu_free(&t);
}

/* BBC business/348: US Airways keeps its US (a function word's spelling in capitals opening
 * an organisation's name), as the airline's speaker too. */
static void test_us_airways_is_whole(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Disruptions to flight schedules could discourage customers from flying with US "
            "Airways, reducing revenues. US Airways had to cancel approximately 65 flights on "
            "Thursday, 180 on Friday, 140 on Saturday, 43 on Sunday and 15 on Monday, said "
            "industry officials. The airline said it was \"embarrassed by the situation\".",
            NULL);
    qtu_expect(&t, "embarrassed by the situation", "US Airways", "said", "The airline");
    qtu_free(&t);
}

/* BBC business/404: "the airline" is the name ending in its plural (Continental Airlines),
 * even after a preposition. */
static void test_the_airline_is_the_name_ending_in_airlines(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Shares in Continental Airlines have tumbled after the firm warned it could run out "
            "of cash.\n\n"
            "In a filing to US regulators the airline warned of \"inadequate liquidity\".",
            NULL);
    qtu_expect(&t, "inadequate liquidity", "Continental Airlines", "warned", "the airline");
    qtu_free(&t);
}

/* BBC business/460: "the agency" is the name before "news agency" (AP). */
static void test_the_agency_is_the_name_before_news_agency(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Hours before Friday's announcement, there was a funereal air at Peoplesoft's "
            "headquarters, reported AP news agency. A Peoplesoft sign had been turned into "
            "shrine to the company, with flowers, candles and company memorabilia. \"We're "
            "mourning the passing of a great company,\" the agency quoted Peoplesoft worker "
            "David Ferrell as saying.",
            NULL);
    qtu_expect(&t, "We're mourning the passing of a great company,", "AP", "quoted", "the agency");
    qtu_free(&t);
}

/* BBC tech/340: an acronym opening its sentence with its name in apposition (CENTR, the
 * Council of ...) is the organisation; the name cut before "of" (Council) is none. */
static void test_the_organisation_is_the_acronym_before_its_name(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "CENTR, the Council of European National Top Level Domain Registries, agrees. \"A "
            "rush to introduce IDN-disabled browsers into the marketplace is an overly-zealous "
            "step,\" the organisation said in a statement.",
            NULL);
    qtu_expect(&t,
               "A rush to introduce IDN-disabled browsers into the marketplace is an "
               "overly-zealous step,",
               "CENTR", "said", "the organisation");
    qtu_free(&t);
}

/* BBC tech/390: no organisation the quotation names after a preposition (including
 * Microsoft) speaks it: the description stays. */
static void test_the_company_is_none_its_quotation_names(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Mr Richter settled the attorney general case in July 2004 but the legal fight with "
            "Microsoft is continuing. Microsoft is seeking millions in dollars in damages from "
            "OptInRealBig under anti-spam laws that impose penalties for every violation. In a "
            "statement announcing the desire to seek bankruptcy protection the company said it: "
            "\"could not continue to contend with legal maneuvers (sic) by a number of companies "
            "across the country, including Microsoft, and still run a viable business.\"",
            NULL);
    qtu_expect(&t,
               "could not continue to contend with legal maneuvers (sic) by a number of companies "
               "across the country, including Microsoft, and still run a viable business.",
               "company", "said", "the company");
    qtu_free(&t);
}

/* BBC politics/200: North East Says No is one name, no organisation's before a person's
 * (Says No), so he is Graham Robb, not the campaign. */
static void test_an_organisation_name_ending_says_no_is_no_person(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Graham Robb, spokesman for North East Says No, said the Yes campaign's decision to "
            "get personal dragged the campaign \"into the gutter\" and showed they were "
            "\"rattled\". And he hit back at Mr Mallon's claim that an assembly would improve "
            "transport links in the region. \"It can push paper around but it can not get "
            "people moving,\" he said.",
            NULL);
    qtu_expect(&t, "It can push paper around but it can not get people moving,", "Graham Robb",
               "said", "he");
    qtu_free(&t);
}

/* BBC tech/143: the last of the words a preposition coordinates (at the Centre for Vision,
 * Speech and Signal Processing) is in its object, so he is Richard Bowden. */
static void test_a_coordination_after_a_preposition_is_an_object(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "His creator, Richard Bowden, lecturer at the Centre for Vision, Speech and Signal "
            "Processing at the University of Surrey, refers to Jeremiah as \"him\", rather than "
            "it. \"Jeremiah is a virtual face that attempts to emulate humans in the way it "
            "responds to activity. He is very childlike, he likes visual stimulus,\" he told the "
            "BBC News website.",
            NULL);
    qtu_expect(&t,
               "Jeremiah is a virtual face that attempts to emulate humans in the way it responds "
               "to activity. He is very childlike, he likes visual stimulus,",
               "Richard Bowden", "told", "he");
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

/* BBC business/501, tech/309, tech/035: a name after a noun that introduces a company
 * (water firm Aguas Argentinas, video game giant Electronic Arts, human rights watchdog
 * Reporters Without Borders) is an organisation's for the rest of the text: he goes past
 * it to the person, and "the organisation" may take it. */
static void test_a_name_a_company_noun_introduces_is_no_person(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "A conflict between the Argentine State and water firm Aguas Argentinas, controlled "
            "by France's Suez, is casting doubt on the firm's future.\n\n"
            "Planning Minister Julio De Vido has offered State help but not for \"free\". "
            "Mr De Vido said that the Argentine state would not make a contribution \"in the "
            "form of a subsidy\".\n\n"
            "He has said a contribution could be made in return for a seat on the company's "
            "board. However, Aguas Argentinas told the Argentine newspaper Clarin it would not "
            "accept any change to its legal structure and, in practice, this rules out State "
            "participation on its board. The Planning Minister didn't rule out the possibility "
            "of cancelling Aguas Argentinas water concession. Yet he added that he didn't like "
            "to do \"futurology\".",
            NULL);
    qtu_expect(&t, "futurology", "Julio De Vido", "added", "he");
    qtu_free(&t);
    qtu_run(&t,
            "\"We know maybe what the PS3 will do, but we can only guess,\" said Rory Armes, "
            "studio general manager for video game giant Electronic Arts in Europe. \"It's a "
            "horrendous effort in the first year,\" he admitted.",
            NULL);
    qtu_expect(&t, "It's a horrendous effort in the first year,", "Rory Armes", "admitted", "he");
    qtu_free(&t);
    qtu_run(&t,
            "His sentence, criticised by human rights watchdog Reporters Without Borders, comes "
            "a day after an online \"day of action\" to secure his release.\n\n"
            "A spokesman for Reporters Without Borders, which tracks press freedom across the "
            "globe, described Mr Sigarchi's sentence as \"harsh\" and called on Iranian "
            "President Mohammed Khatami to work to secure his immediate release. \"The "
            "authorities are trying to make an example of him,\" the organisation said in a "
            "statement.",
            NULL);
    qtu_expect(&t, "The authorities are trying to make an example of him,",
               "Reporters Without Borders", "said", "the organisation");
    qtu_free(&t);
    /* Not the producer Quincy Jones: a job as well, no company's noun (entertainment/263). */
    qtu_run(&t,
            "Among the tributes that poured in from all sections of the music world when Charles "
            "died aged 73 in June 2004 was one from his friend, the producer Quincy Jones, who "
            "described him as a \"brother in every sense of the word\". \"There will never be "
            "another musician who did as much to break down the perceived walls of musical "
            "genres as much as Ray Charles did,\" he said.",
            NULL);
    qtu_expect(&t,
               "There will never be another musician who did as much to break down the perceived "
               "walls of musical genres as much as Ray Charles did,",
               "Quincy Jones", "said", "he");
    qtu_free(&t);
}

/* BBC business/353, 298, 154: an organisation's name joined by of the, and, &, for
 * to capitalised words with an organisation's word is one name, not its last part. */
static void test_an_organisation_name_runs_across_of_and(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "The International Federation of the Red Cross and Red Crescent Societies told the "
            "Reuters news agency that it was seeking $6.5m for emergency aid.\n\n"
            "\"The biggest health challenges we face is the spread of waterborne diseases, "
            "particularly malaria and diarrhoea,\" the aid agency was quoted as saying.",
            NULL);
    qtu_expect(&t,
               "The biggest health challenges we face is the spread of waterborne diseases, "
               "particularly malaria and diarrhoea,",
               "International Federation of the Red Cross and Red Crescent Societies", "told",
               NULL);
    qtu_free(&t);
    qtu_run(&t,
            "The Securities & Exchange Commission accused Fannie Mae of using techniques that "
            "\"did not comply in material respects\" with accounting standards.",
            NULL);
    qtu_expect(&t, "did not comply in material respects", "Securities & Exchange Commission",
               "accused", NULL);
    qtu_free(&t);
    qtu_run(&t,
            "In January the independent Institute for Fiscal Studies (IFS) said Mr Brown would "
            "need to raise taxes to get public finances onto the track predicted in last year's "
            "Budget. It also said the government might narrowly miss its \"golden rule\" if "
            "the current economic cycle ended in 2005/06.",
            NULL);
    qtu_expect(&t, "golden rule", "Institute for Fiscal Studies", "said", "It");
    qtu_free(&t);
}

/* BBC politics/377, entertainment/177: British women's first names (Tessa, Jane) give a
 * gender: "he" passes Tessa Jowell by (the Casino Association's spokesman is not named),
 * "she" takes the whole of Jane Kelly Misel. */
static void test_a_british_first_name_gives_a_gender(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Culture Secretary Tessa Jowell said proposed super-casinos will be different from "
            "their US counterparts. Ms Jowell said the legislation would ban psychological "
            "trickery. A spokesman for the British Casino Association, which represents the UK "
            "industry, said the government was trying to allay fears over a \"UK Las Vegas\". He "
            "said the way the licences were being awarded meant UK firms were at a massive "
            "disadvantage. \"The UK industry is one of the world's most respected,\" he said.",
            NULL);
    qtu_expect(&t, "The UK industry is one of the world's most respected,", NULL, "said", "he");
    qtu_free(&t);
    qtu_run(&t,
            "Country and Western musician Jerry Scoggins has died in Los Angeles at the age of "
            "93, his family has said.\n\nScoggins' daugher Jane Kelly Misel said that her father "
            "never tired of the song and would sing it at least once a day. \"He'd sing it at "
            "birthdays and anniversaries and variety shows. He never stopped performing it,\" she "
            "said.",
            NULL);
    qtu_expect(&t,
               "He'd sing it at birthdays and anniversaries and variety shows. He never stopped "
               "performing it,",
               "Jane Kelly Misel", "said", "she");
    qtu_free(&t);
}

/* BBC politics/146, entertainment/306: British men's first names (Norman, Craig) leave a
 * party's name out of the speaker's and give a gender: "she" passes Craig Prater by for
 * Christine Rush. */
static void test_a_british_male_first_name_opens_the_name(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "The cash raised will go towards the UK's nuclear clean-up programme. But Lib Dem "
            "Norman Baker accused ministers of turning Britain into a \"nuclear dumpsite\".",
            NULL);
    qtu_expect(&t, "nuclear dumpsite", "Norman Baker", "accused", NULL);
    qtu_free(&t);
    qtu_run(
        &t,
        "\"When the disaster happened, we naturally asked ourselves if we should cancel,\" said "
        "the festival's executive director, Craig Prater. \"We've acknowledged our position, "
        "and now it's business as usual.\"\n\nMr Prater's sentiments were echoed by "
        "Christine Rush, director of the festival's sister event, the Bangkok Film Market. "
        "\"We have been careful to be respectful of the Thai nation's recovery from this "
        "terrible disaster,\" she said.",
        NULL);
    qtu_expect(&t,
               "We have been careful to be respectful of the Thai nation's recovery from this "
               "terrible disaster,",
               "Christine Rush", "said", "she");
    qtu_free(&t);
}

/* BBC politics/220: the he after a sentence whose subject is a description that spoke the
 * quotation before (the home secretary: Charles Clarke) is that description's person, not
 * Liam Fox, named before it; BBC One's and Frost are the objects of on and with. */
static void test_he_after_a_description_is_its_person(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Anyone planning to move to the UK will have to pass a test to prove they can "
            "contribute to the country, Home Secretary Charles Clarke has said.\n\n"
            "He is proposing a points system similar to Australia's but would avoid the quota "
            "system planned by the Tories. Mr Clarke, who will unveil his plans on Monday, said "
            "economic migration helped the UK but \"needed proper policing\". The Lib Dems say "
            "they will look at his plans, but Tory Liam Fox said his party offered a \"clear "
            "choice\" on the issue.\n\n"
            "The home secretary said, by 2008, he wanted everyone given a visa and entering the "
            "UK to have their fingerprints taken, to \"ensure we can know everybody who is in the "
            "country\". Speaking on BBC One's Breakfast with Frost, he said \"economic migrants "
            "are of great value to this country\", but stressed that proper policing was needed.",
            NULL);
    qtu_expect(&t, "ensure we can know everybody who is in the country", "Charles Clarke", "said",
               "The home secretary");
    qtu_expect(&t, "economic migrants are of great value to this country", "Charles Clarke", "said",
               "he");
    qtu_free(&t);
}

/* BBC politics/060: a he before a quotation goes on with the he of the quotation before
 * (The cardinal said ... He added: "..."), when no one is named between them: Cardinal
 * Cormac Murphy-O'Connor, not his Christmas Midnight Mass. */
static void test_he_before_a_quotation_goes_on_with_the_he_before(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Billions of pounds spent on conflict in Iraq and in the Middle East should have been "
            "used to reduce poverty, Cardinal Cormac Murphy-O'Connor has said.\n\n"
            "The head of the Catholic Church in England and Wales made the comments on BBC Radio "
            "4 and will re-iterate his stance in his Christmas Midnight Mass. The cardinal used a "
            "Christmas message to denounce the war in Iraq as a \"terrible\" waste of money.\n\n"
            "The cardinal said 2005 should be the year for campaigning to \"make history "
            "poverty\". He added: \"If the governments of the rich countries were as ready to "
            "devote to peace the resources they are willing to commit to war, that would be to "
            "see with new eyes.\" The cardinal will touch on this theme again on Friday night "
            "when he will tell the congregation of 2,000 at Westminster Cathedral that peace is "
            "\"worth, always, striving for\".",
            NULL);
    qtu_expect(&t,
               "If the governments of the rich countries were as ready to devote to peace the "
               "resources they are willing to commit to war, that would be to see with new eyes.",
               "Cormac Murphy-O'Connor", "added", "He");
    qtu_expect(&t, "worth, always, striving for", "Cormac Murphy-O'Connor", "tell", "he");
    qtu_free(&t);
}

/* BBC politics/220: "but stressed" shares the subject of its sentence, the he after the
 * clause "Speaking on BBC One's Breakfast with Frost," (not BBC One, the object of on); that
 * he is one person for both of its quotations, and the He after them goes on with him. */
static void test_a_name_after_an_opening_preposition_is_no_subject(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Anyone planning to move to the UK will have to pass a test to prove they can "
            "contribute to the country, Home Secretary Charles Clarke has said.\n\n"
            "The Lib Dems say they will look at his plans, but Tory Liam Fox said his party "
            "offered a \"clear choice\" on the issue.\n\n"
            "The home secretary said, by 2008, he wanted everyone given a visa and entering the "
            "UK to have their fingerprints taken, to \"ensure we can know everybody who is in the "
            "country\". Speaking on BBC One's Breakfast with Frost, he said \"economic migrants "
            "are of great value to this country\", but stressed that proper policing was needed "
            "to ensure that they do not become a \"burden on society\". He said: \"We will "
            "establish a system ... which looks at the skills, talents and abilities of people "
            "seeking to come and work in this country.\"",
            NULL);
    qtu_expect(&t, "burden on society", "Charles Clarke", "stressed", "he");
    qtu_expect(&t,
               "We will establish a system ... which looks at the skills, talents and abilities "
               "of people seeking to come and work in this country.",
               "Charles Clarke", "said", "He");
    qtu_free(&t);
}

/* BBC politics/141: "but admitted" with no subject of its own goes on with the speaker of the
 * quotation before in its sentence (the Tory leader: Michael Howard). */
static void test_a_coordinated_cue_goes_on_with_the_quotation_before(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Michael Howard has denied his shadow cabinet was split over its decision to back "
            "controversial Labour plans to introduce ID cards.\n\n"
            "The Tory leader said his front bench team had reached a \"collective view\" after "
            "holding a \"good discussion\", but admitted it was \"not an easy issue\". He had "
            "decided to support the plans as the police said they would help fight terror, crime "
            "and illegal immigration.",
            NULL);
    qtu_expect(&t, "good discussion", "Michael Howard", "said", "The Tory leader");
    qtu_expect(&t, "not an easy issue", "Michael Howard", "admitted", "The Tory leader");
    qtu_free(&t);
}

/* BBC sport/337, sport/474: the prop is a player's position, the tournament debutant a
 * word for a player: both refer back to the player named before, as the Tottenham striker
 * does. */
static void test_a_position_refers_back_to_the_player(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Adam Jones says the Wales forwards are determined to set the perfect attacking "
            "platform for the backs by dominating the powerful France pack in Paris. The prop "
            "said: \"If we get stuffed in the front five our backs have had it.\"",
            NULL);
    qtu_expect(&t, "If we get stuffed in the front five our backs have had it.", "Adam Jones",
               "said", "The prop");
    qtu_free(&t);
    qtu_run(&t,
            "Maria Sharapova beat Svetlana Kuznetsova in the WTA Championships.\n\n"
            "Sharapova, who lost 6-2 6-2 to Kuznetsova in Beijing in September, said: \"This "
            "time, it was important to start off well and put some pressure on her.\" The "
            "tournament debutant added: \"I love it here. The atmosphere is great.\"",
            NULL);
    qtu_expect(&t, "I love it here. The atmosphere is great.", "Maria Sharapova", "added",
               "The tournament debutant");
    qtu_free(&t);
}

/* BBC tech/156, tech/307: called right before a quotation, after a noun, names a thing (links
 * called "trackers", a phenomenon called 'knocking'): no cue and no speaker; what he called
 * "..." is still his. */
static void test_called_after_a_noun_names_a_thing(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "The legal campaign worked because of the way that BitTorrent is organised. That "
            "file-sharing system relies on links called \"trackers\" that point users to others "
            "happy to share the file they are looking for.\n\n"
            "The car engine is a case in point: lead additives helped stop petrol vapour "
            "exploding too early in the cylinder, a phenomenon called 'knocking', so they were "
            "simply used.\n\n"
            "Tony Blair challenged the Tories on which country would house their processing "
            "centres - what he called a \"fantasy island\".",
            NULL);
    qtu_expect(&t, "trackers", NULL, NULL, NULL);
    qtu_expect(&t, "knocking", NULL, NULL, NULL);
    qtu_expect(&t, "fantasy island", "Tony Blair", "called", "he");
    qtu_free(&t);
}

/* BBC business/153: after a quotation that ends its sentence, "House prices have risen 0.9%
 * this year, Nationwide said" is a new statement of Nationwide's; the quotation goes on with
 * the he of the sentence before it (Alex Bannister). */
static void test_a_clause_before_a_named_cue_is_a_new_statement(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "\"We are not seeing the market collapsing in the way some had feared,\" said "
            "Nationwide's chief economist Alex Bannister.\n\n"
            "Homeowners now expect house prices to rise by 1% over the next six months, Mr "
            "Bannister said. He said if the growth continued at this level then the Bank of "
            "England may increase interest rates from their current 4.75%.\n\n"
            "\"I think the key is what the Bank expects to happen to the housing market.\" "
            "House prices have risen 0.9% this year, Nationwide said, and if this pace of "
            "increase persists, prices would rise by just under 6% in the year to December.",
            NULL);
    qtu_expect(&t, "I think the key is what the Bank expects to happen to the housing market.",
               "Alex Bannister", "said", "He");
    qtu_free(&t);
}

/* BBC politics/095: Number 10 (Downing Street) said ... a "soap opera": it speaks. */
static void test_number_10_speaks(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Number 10 said ministers were interested in governing and not a \"soap opera\" "
            "about Mr Blair and Mr Brown.",
            NULL);
    qtu_expect(&t, "soap opera", "Number 10", "said", "Number 10");
    qtu_free(&t);
}

/* BBC sport/428 (eleventh session, second round): a name after "against" is in an object;
 * he goes on with the subject before it (Federer), not with Ivo Minar. */
static void test_a_name_after_against_is_an_object(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Top seed Roger Federer had to save two match points before squeezing past Juan "
            "Carlos Ferrero at the Dubai Open.\n\n"
            "Federer was not unduly worried despite being taken to three sets for the third "
            "consecutive match. The world number one was forced to go the distance against Ivan "
            "Ljubicic in the Rotterdam final and against Ivo Minar in the first round in Dubai. "
            "\"I definitely had a slow start again and to come back every time is quite an "
            "effort,\" he said.",
            NULL);
    qtu_expect(&t,
               "I definitely had a slow start again and to come back every time is quite an "
               "effort,",
               "Roger Federer", "said", "he");
    qtu_free(&t);
}

/* BBC entertainment/009: "the Bishop" (a title after "the") is the holder the text named in
 * apposition to "The Bishop of Durham", not a name of its own; so is the he after it. */
static void test_the_title_after_the_is_its_holder(void **state)
{
    (void)state;
    qtu t;
    qtu_run(
        &t,
        "The Bishop of Durham, the Rt Rev Dr Tom Wright, described the novel as a \"great "
        "thriller\" but \"lousy history\". The book has sold more than seven million copies "
        "worldwide.\n\n"
        "Writing his Christmas message in the Northern Echo, the Bishop said: \"Conspiracy "
        "theories are always fun - fun to invent, fun to read, fun to fantasise about.\" A great "
        "deal of credible evidence proves the Biblical version of Jesus' life was true, "
        "according to the Bishop. \"The evidence for Jesus and the origins of Christianity is "
        "astonishingly good,\" he said.",
        NULL);
    qtu_expect(&t, "great thriller", "Tom Wright", "described", "Tom Wright");
    qtu_expect(&t,
               "Conspiracy theories are always fun - fun to invent, fun to read, fun to "
               "fantasise about.",
               "Tom Wright", "said", "Bishop");
    qtu_expect(&t, "The evidence for Jesus and the origins of Christianity is astonishingly good,",
               "Tom Wright", "said", "he");
    qtu_free(&t);
}

/* BBC politics/219: a run opening with a word in -ing (Praising Celtic) is no person's name;
 * she goes on with Ms Jamieson. */
static void test_a_run_opening_in_ing_is_no_person(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Cathy Jamieson said exclusion orders are one of a series of measures being "
            "considered.\n\n"
            "\"That's the kind of thing that will hit those kind of people where it hurts the most "
            "in not allowing them to attend the games,\" she said. Praising Celtic and Rangers for "
            "their efforts, she said: \"I don't think there is any doubt that we have seen some "
            "positive moves from the clubs.\"",
            NULL);
    qtu_expect(&t,
               "I don't think there is any doubt that we have seen some positive moves from the "
               "clubs.",
               "Cathy Jamieson", "said", "she");
    qtu_free(&t);
}

/* BBC entertainment/036, entertainment/385: "the two-time Academy Award winner", "The
 * Oscar winner" refer back to the person named before, as "the Chelsea star" does. */
static void test_the_winner_refers_back(void **state)
{
    (void)state;
    qtu t;
    qtu_run(
        &t,
        "Hollywood star Tom Hanks was in London's Leicester Square for the UK premiere of Polar "
        "Express. Hanks said that the new film has an \"elegant message\". \"Christmas is a "
        "special time of the year and you get out of it what you put into it,\" added the "
        "two-time Academy Award winner.",
        NULL);
    qtu_expect(&t,
               "Christmas is a special time of the year and you get out of it what you put into "
               "it,",
               "Tom Hanks", "added", "the two-time Academy Award winner");
    qtu_free(&t);
    qtu_run(&t,
            "Lord of the Rings director Peter Jackson has said that it will be up to four years "
            "before he starts work on a film version of The Hobbit.\n\n"
            "The Oscar winner said on a visit to Sydney there was a \"desire\" to make it, but not "
            "before lengthy negotiations.",
            NULL);
    qtu_expect(&t, "desire", "Peter Jackson", "said", "The Oscar winner");
    qtu_free(&t);
}

/* BBC business/287: "Between" opening a sentence is a preposition, no speaker's name;
 * BBC politics/100: "between" before a possessive keeps it in an object (he is Stephen
 * Jakobi, not Mr Mubanga). */
static void test_between_is_a_preposition(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Between tasks, this remarkably active senior citizen reveals what his next goal is: "
            "\"Well, what's most important for me is to be Japan's number one.\"",
            NULL);
    qtu_expect(&t, "Well, what's most important for me is to be Japan's number one.", NULL, NULL,
               NULL);
    qtu_free(&t);
    qtu_run(
        &t,
        "But Fair Trials Abroad director Stephen Jakobi said there were similarities between Mr "
        "Mubanga's account and those of other Guantanamo detainees. He said: \"The pattern is "
        "the same.\"",
        NULL);
    qtu_expect(&t, "The pattern is the same.", "Stephen Jakobi", "said", "He");
    qtu_free(&t);
}

/* BBC business/287: "he remarks" is a cue (a verb after its subject), as "remarked" was. */
static void test_remarks_after_a_subject_is_a_cue(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "On the outskirts of Kyoto, 83-year-old Yuji Shimizu contemplates this phenomenon "
            "during a round of golf with his younger friends, who are in their seventies.\n\n"
            "\"I think this is because the food industry and the environment have improved,\" he "
            "remarks. \"On average, we can live longer.\"",
            NULL);
    qtu_expect(&t, "I think this is because the food industry and the environment have improved,",
               "Yuji Shimizu", "remarks", "he");
    qtu_expect(&t, "On average, we can live longer.", "Yuji Shimizu", "remarks", "he");
    qtu_free(&t);
}

/* BBC entertainment/103, entertainment/373: he in the sentence after "A spokesman for X
 * said ..." is that spokesman, who speaks for X (not Hot Digital Sales, named paragraphs
 * before); BBC business/068: not when the spokesman is named after a comma. */
static void test_he_after_a_spokesman_for_a_body(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Digital sales in the US are already used to compile Billboard's Hot Digital Sales "
            "chart.\n\n"
            "A spokesman for the British Phonographic Industry (BPI) said the first combined UK "
            "download and sales chart was due to be compiled \"within the first half of this "
            "year\". \"Work is going on across the music business right now to make sure the new "
            "chart works to plan,\" he said.",
            NULL);
    qtu_expect(&t,
               "Work is going on across the music business right now to make sure the new chart "
               "works to plan,",
               "British Phonographic Industry", "said", "he");
    qtu_free(&t);
    qtu_run(&t,
            "Cinematographer John Mathieson, who was nominated for Gladiator in 2001, was also up "
            "for The Phantom of the Opera but lost to The Aviator. A spokesman for the UK Film "
            "Council said: \"It is disappointing not to have more British winners.\" He added: "
            "\"It was extraordinary to have 24 British nominees.\"",
            NULL);
    qtu_expect(&t, "It was extraordinary to have 24 British nominees.", "UK Film Council", "added",
               "He");
    qtu_free(&t);
    qtu_run(&t,
            "A spokesman for DLF Builders, Dr Vancheshwar, told the BBC this will mean \"better "
            "offerings\" for consumers as well as builders. He said the firm will benefit from "
            "world class \"strategic partnerships, design expertise and technology.\"",
            NULL);
    qtu_expect(&t, "strategic partnerships, design expertise and technology.", "Dr Vancheshwar",
               "said", "He");
    qtu_free(&t);
}

/* BBC sport/233, politics/407: no one speaks of himself by name, so he is not the person
 * his quotation names (Harry, Paul Boateng): the walk goes on from before that person's
 * last mention, a possessive too (Mr Boateng's). */
static void test_he_is_not_the_person_his_quotation_names(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Southampton are set to unveil Harry Redknapp as their new manager. Portsmouth "
            "chairman Milan Mandaric said he was \"disappointed\" by the news.\n\n"
            "According to Mandaric, Redknapp vowed he would not join their South coast rivals when "
            "he left Portsmouth. \"I said to Harry 'I hope you don't go to Southampton', and he "
            "told me 'absolutely not',\" he said.",
            NULL);
    qtu_expect(&t,
               "I said to Harry 'I hope you don't go to Southampton', and he told me "
               "'absolutely not',",
               "Milan Mandaric", "said", "he");
    qtu_free(&t);
    qtu_run(&t,
            "Mr Boateng said: \"I am honoured to be asked to take on this role.\" Shadow foreign "
            "secretary Michael Ancram said that, if in government, he would refuse to approve "
            "either Mr Boateng's appointment or that of ex-Cabinet minister Helen Liddell. \"Mr "
            "Blair's appointment of Paul Boateng is the latest example of a worrying trend,\" he "
            "said.",
            NULL);
    qtu_expect(&t,
               "Mr Blair's appointment of Paul Boateng is the latest example of a worrying "
               "trend,",
               "Michael Ancram", "said", "he");
    qtu_free(&t);
}

/* BBC sport/411, sport/152: he is not David Barnes nor Ruud van Nistelrooy, whom his
 * quotation names, and the walk goes on from before that name's first word (Bath prop
 * David Barnes: from Barnes it would meet the same mention again) to Vickery, to
 * Ferguson's. */
static void test_he_is_the_next_person_past_the_named(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "England prop Phil Vickery has broken his arm. After the game, Vickery spoke with "
            "Bath prop David Barnes, who also broke his arm recently. \"I had a chat with David "
            "Barnes and it looks like a similar injury to him,\" he said.",
            NULL);
    qtu_expect(&t, "I had a chat with David Barnes and it looks like a similar injury to him,",
               "Phil Vickery", "said", "he");
    qtu_free(&t);
    qtu_run(&t,
            "Manchester United boss Alex Ferguson is wary of Milan. Ferguson's own goalscoring "
            "talisman Ruud van Nistelrooy is fit again, but the Scot admitted he was unsure "
            "whether to start the Dutchman, who has not played for three months.\n\n\"Ruud is "
            "the best striker in Europe. What I have to judge is whether he will struggle with "
            "the early pace after being out for so long,\" he said.",
            NULL);
    qtu_expect(&t,
               "Ruud is the best striker in Europe. What I have to judge is whether he will "
               "struggle with the early pace after being out for so long,",
               "Alex Ferguson", "said", "he");
    qtu_free(&t);
}

static void test_a_name_after_and_before_its_verb_is_a_subject(void **state)
{
    (void)state;
    qtu t;
    /* BBC sport/176: "and Keegan sympathised" opens a clause; Keegan is its subject. */
    qtu_run(&t,
            "Manchester City boss Kevin Keegan has praised striker Robbie Fowler for his "
            "landmark return to form.\n\nFowler's double strike helped City come back from two "
            "goals down to clinch a dramatic win at Carrow Road and Keegan sympathised with "
            "Norwich boss Nigel Worthington afterwards. \"I feel a bit for Nigel Worthington,\" "
            "he said.",
            NULL);
    qtu_expect(&t, "I feel a bit for Nigel Worthington,", "Kevin Keegan", "said", "he");
    qtu_free(&t);
    /* BBC entertainment/315: "The star of Rain Man and Tootsie said": the clause has no verb
     * before "of", so Tootsie stays in its subject's object. */
    qtu_run(&t,
            "Hollywood legend Dustin Hoffman has hit out at the quality of current films and "
            "theatre productions.\n\nThe star of Rain Man and Tootsie said the film culture was "
            "\"in the craphouse\" at a press conference on Tuesday. The 67-year-old also said "
            "he stopped working a few years ago because he lost his \"spark\" for acting.",
            NULL);
    qtu_expect(&t, "spark", "Dustin Hoffman", "said", "The 67-year-old");
    qtu_free(&t);
}

static void test_a_run_ending_in_tour_is_no_person(void **state)
{
    (void)state;
    qtu t;
    /* BBC sport/439: she is Mirza, not the WTA Tour. */
    qtu_run(&t,
            "Former Wimbledon champion Conchita Martinez and India's Sania Mirza, the oldest and "
            "youngest players in the draw, also reached the second round. Martinez, 32, beat "
            "Shinobu Asagoe 6-4 6-4 and 18-year-old Mirza beat Jelena Kostanic 6-7 (7-2) 6-4 "
            "6-1. Mirza, the first Indian woman to win a WTA Tour title this month on home "
            "ground at Hyderabad, will now face US Open champion Svetlana Kuznetsova.\n\nBut "
            "she is remaining confident. \"She (Kuznetsova) is a great player,\" she said.",
            NULL);
    qtu_expect(&t, "She (Kuznetsova) is a great player,", "Sania Mirza", "said", "she");
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
        cmocka_unit_test(test_the_company_is_none_named_after_a_preposition),
        cmocka_unit_test(test_the_firm_is_the_possessor_not_tv),
        cmocka_unit_test(test_the_company_is_one_word_opening_its_sentence),
        cmocka_unit_test(test_us_airways_is_whole),
        cmocka_unit_test(test_the_airline_is_the_name_ending_in_airlines),
        cmocka_unit_test(test_the_agency_is_the_name_before_news_agency),
        cmocka_unit_test(test_the_organisation_is_the_acronym_before_its_name),
        cmocka_unit_test(test_the_company_is_none_its_quotation_names),
        cmocka_unit_test(test_an_organisation_name_ending_says_no_is_no_person),
        cmocka_unit_test(test_a_coordination_after_a_preposition_is_an_object),
        cmocka_unit_test(test_the_name_after_a_capitalised_job_speaks),
        cmocka_unit_test(test_teenager_is_no_part_of_the_name),
        cmocka_unit_test(test_no_cue_in_an_adjective_or_a_name),
        cmocka_unit_test(test_a_name_a_company_noun_introduces_is_no_person),
        cmocka_unit_test(test_an_organisation_name_runs_across_of_and),
        cmocka_unit_test(test_a_british_first_name_gives_a_gender),
        cmocka_unit_test(test_a_british_male_first_name_opens_the_name),
        cmocka_unit_test(test_he_after_a_description_is_its_person),
        cmocka_unit_test(test_he_before_a_quotation_goes_on_with_the_he_before),
        cmocka_unit_test(test_a_name_after_an_opening_preposition_is_no_subject),
        cmocka_unit_test(test_a_coordinated_cue_goes_on_with_the_quotation_before),
        cmocka_unit_test(test_a_position_refers_back_to_the_player),
        cmocka_unit_test(test_called_after_a_noun_names_a_thing),
        cmocka_unit_test(test_a_clause_before_a_named_cue_is_a_new_statement),
        cmocka_unit_test(test_number_10_speaks),
        cmocka_unit_test(test_a_name_after_against_is_an_object),
        cmocka_unit_test(test_the_title_after_the_is_its_holder),
        cmocka_unit_test(test_a_run_opening_in_ing_is_no_person),
        cmocka_unit_test(test_the_winner_refers_back),
        cmocka_unit_test(test_between_is_a_preposition),
        cmocka_unit_test(test_remarks_after_a_subject_is_a_cue),
        cmocka_unit_test(test_he_after_a_spokesman_for_a_body),
        cmocka_unit_test(test_he_is_not_the_person_his_quotation_names),
        cmocka_unit_test(test_he_is_the_next_person_past_the_named),
        cmocka_unit_test(test_a_name_after_and_before_its_verb_is_a_subject),
        cmocka_unit_test(test_a_run_ending_in_tour_is_no_person),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
