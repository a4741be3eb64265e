/*
 * test_quotes_speakers.c -- speakers a reader named otherwise (issue #4, eighth session).
 *
 * A tester judged the speakers of 241 quotations in 48 real articles by hand; each case
 * here is one of the patterns behind the errors, on the article's own sentences (BBC News
 * Summary, named category/number as in tests/fixtures/quotes/bbc-judged.tsv): the speaker a
 * reader names, where the stage named an object, a thing, the speaker of the next
 * sentence, a modifier or no one.
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

/* BBC sport/137: he after a sentence whose verb has a name for its object is the subject. */
static void test_he_is_the_subject_not_the_object_of_accused(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Vieira also clashed with opposing skipper Roy Keane.\n\n"
            "After the match, Keane accused Vieira of starting the row. \"Patrick Vieira is 6ft "
            "4in and having a go at Gary Neville,\" he said.",
            NULL);
    qtu_expect(&t, "Patrick Vieira is 6ft 4in and having a go at Gary Neville,", "Roy Keane",
               "said", "he");
    qtu_free(&t);
}

/* BBC sport/137: the object of a verb in -ing inside a relative clause. */
static void test_he_passes_the_object_of_a_gerund_by(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Neville admitted that he had not enjoyed the match, which was punctuated by fouls "
            "and the sending off of Mikael Silvestre for head-butting Freddie Ljungberg. \"I "
            "thought it was a horrible game in the first half,\" he said.",
            NULL);
    qtu_expect(&t, "I thought it was a horrible game in the first half,", "Neville", "said", "he");
    qtu_free(&t);
}

/* BBC sport/460: what is counted (three Grand Slams) is no one she stands for. */
static void test_she_passes_a_counted_name_by(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Lindsay Davenport has put any talk of retirement on hold after having a largely "
            "injury-free 2004 campaign.\n\n"
            "\"Finally I felt I put myself in a position to try and win Grand Slams again,\" "
            "said Davenport. Davenport has won three Grand Slams, the 2000 Australian Open, "
            "Wimbledon in 1999 and the 1998 US Open. She was due to take part in this week's "
            "Hopman Cup in Perth but decided she wanted to rest her knee. \"I just really "
            "wanted to make sure my right knee was going to be able to really withstand all "
            "the rigours of the whole year coming up,\" she said.",
            NULL);
    qtu_expect(&t,
               "I just really wanted to make sure my right knee was going to be able to really "
               "withstand all the rigours of the whole year coming up,",
               "Lindsay Davenport", "said", "she");
    qtu_free(&t);
}

/* BBC sport/389: "the Lions" is the team, not the surname of the run "Irish Lions". */
static void test_a_word_after_the_takes_no_full_name(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Former England captain Lawrence Dallaglio still harbours hopes of a place on the "
            "British and Irish Lions tour to New Zealand.\n\n"
            "Dallaglio toured South Africa with the Lions in 1997 but was forced home early "
            "with a knee injury.\n\n"
            "The 32-year-old also felt concentrating on club rugby could have prolonged his "
            "international shelf-life. He said: \"I'll be in good shape and fresh without "
            "another 10 Tests on the clock.\"",
            NULL);
    qtu_expect(&t, "I'll be in good shape and fresh without another 10 Tests on the clock.",
               "Lawrence Dallaglio", "said", "He");
    qtu_free(&t);
}

/* BBC politics/260: a cue before the quotation, with its addressee before the colon, beats the
 * cue of the next sentence. */
static void test_told_addressee_colon_beats_the_next_sentence(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Mr Blair told MPs and peers: \"I know from everyone here, in Cabinet and "
            "government, nothing is going to get in the way of a unified Labour Party.\" "
            "Labour's Paul Flynn said the pair had had a \"scorching\" from MPs.\n\n"
            "On Tuesday, deputy prime minister Mr Prescott told BBC News: \"They told us very "
            "clearly, it was the troops telling the leaders: get in line.\" The new book claims "
            "Mr Prescott hosted a dinner in November 2003.",
            NULL);
    qtu_expect(&t,
               "I know from everyone here, in Cabinet and government, nothing is going to get in "
               "the way of a unified Labour Party.",
               "Mr Blair", "told", "Blair");
    qtu_expect(&t, "They told us very clearly, it was the troops telling the leaders: get in line.",
               "Mr Prescott", "told", "Prescott");
    qtu_free(&t);
}

/* BBC politics/361: "he said" after a quotation that a named speaker's cue and colon
 * introduce is that speaker; the first name opens the name after the party's; the turn
 * goes on past the next sentence's report. */
static void test_named_colon_cue_beats_he_said_after(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Chief Secretary to the Treasury Ed Balls said the plans showed a difference in "
            "investment.\n\n"
            "For the Lib Dems David Laws said: \"The chancellor will no doubt tell us today how "
            "wonderfully the economy is doing,\" he said. \"But a lot of that is built on an "
            "increase in personal and consumer debt over the last few years.\" SNP leader Alex "
            "Salmond said his party would introduce a grant for first time buyers.",
            NULL);
    qtu_expect(&t,
               "The chancellor will no doubt tell us today how wonderfully the economy is "
               "doing,",
               "David Laws", "said", "David Laws");
    qtu_expect(&t,
               "But a lot of that is built on an increase in personal and consumer debt over the "
               "last few years.",
               "David Laws", "said", "David Laws");
    qtu_free(&t);
}

/* BBC politics/068: Labour MPs are a party's members, no person a later he stands for. */
static void test_party_members_are_no_person(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Constitutional Affairs Minister David Lammy said laws affecting 750,000 people with "
            "dementia needed updating. Mr Lammy told BBC News Labour MPs would not get a free "
            "vote as the law was being strengthened, not changed. \"We are against euthanasia, "
            "we are against assisted suicide but we are in a situation now where people can "
            "make living wills and that has the force of the common law,\" he said.",
            NULL);
    qtu_expect(&t,
               "We are against euthanasia, we are against assisted suicide but we are in a "
               "situation now where people can make living wills and that has the force of the "
               "common law,",
               "David Lammy", "said", "he");
    qtu_free(&t);
}

/* BBC sport/137: a later paragraph of a quotation keeps its speaker when the sentence after
 * it reports what someone said next. */
static void test_continuation_keeps_its_speaker_past_a_report(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "\"I had a talk with Roy Keane and that's it. Gary Neville is a big lad, he can "
            "handle himself,\" said Vieira. \"They just played better than us and deserved to "
            "win.\" Neville admitted there had been incidents before the game, but insisted it "
            "had not distracted his focus.",
            NULL);
    qtu_expect(&t, "They just played better than us and deserved to win.", "Vieira", "said",
               "Vieira");
    qtu_free(&t);
    qtu_run(&t,
            "Committee chairman Barry Sheerman said: \"UK e-University was a terrible waste of "
            "public money.\n\n"
            "\"The senior executives failed to interest any private investors.\" The report "
            "warns that the government should not be scared off investment in innovative "
            "schemes.",
            NULL);
    qtu_expect(&t, "The senior executives failed to interest any private investors.",
               "Barry Sheerman", "said", "Barry Sheerman");
    qtu_free(&t);
}

/* BBC politics/193: a quotation after one of the same paragraph goes on its turn, not to the
 * subject of the next sentence's report. */
static void test_turn_goes_on_past_the_next_sentence_report(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "\"The government is employing the politics of confusion - I think, deliberately,\" "
            "argued Mr Davis. \"By confusing the country it hopes no one will notice the "
            "disappearance of the asylum and immigration veto.\" On Monday Tony Blair insisted "
            "closer co-operation did not mean losing control of British borders.",
            NULL);
    qtu_expect(&t,
               "By confusing the country it hopes no one will notice the disappearance of the "
               "asylum and immigration veto.",
               "Mr Davis", "argued", "Davis");
    qtu_free(&t);
}

/* BBC sport/011: "the European cross-country champion" after a team member said: the member,
 * a person by the job before her name, not a name in her clause's object. */
static void test_description_after_a_team_member_is_the_member(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Radcliffe must make a decision by Tuesday - the deadline for team nominations. "
            "British team member Hayley Yelling said the team would understand if Radcliffe "
            "opted out of the event. \"It would be fantastic to have Paula in the team,\" said "
            "the European cross-country champion.",
            NULL);
    qtu_expect(&t, "It would be fantastic to have Paula in the team,", "Hayley Yelling", "said",
               "the European cross-country champion");
    qtu_free(&t);
}

/* BBC politics/260: a party before a hyphenated job is the job's modifier, not the speaker. */
static void test_party_before_co_chairman_is_no_speaker(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Conservative co-chairman Liam Fox derided the photo call, saying: \"The show of "
            "unity was the worst acting I have seen since Prisoner Cell Block H.\"",
            NULL);
    qtu_expect(&t,
               "The show of unity was the worst acting I have seen since Prisoner Cell Block H.",
               "Liam Fox", "saying", "Liam Fox");
    qtu_free(&t);
}

/* BBC sport/046: "the 30-year-old" is a description whose head is an age. */
static void test_the_30_year_old_told_is_the_person_last_named(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Paula Radcliffe has called for all athletes found guilty on drugs charges to be "
            "treated as criminals.\n\n"
            "The marathon world record holder believes more needs to be done to rid athletics "
            "of the \"suspicions and innuendoes\" which greet any fast time. \"Doping in sport "
            "is a criminal offence and should be treated as such,\" the 30-year-old told the "
            "Sunday Times.",
            NULL);
    qtu_expect(&t, "Doping in sport is a criminal offence and should be treated as such,",
               "Paula Radcliffe", "told", "the 30-year-old");
    qtu_free(&t);
}

/* BBC politics/071, politics/023: he or she after a sentence whose cue has an indefinite
 * description of a job for its subject is that description, not a name before it. */
static void test_he_after_a_spokesman_said_is_the_spokesman(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Mr Leigh said the Home Office should now consider removing those who had not set "
            "up a valid business. A Home Office spokesman said the system had been toughened "
            "and tightened since the investigation. He added \"that the traditional system will "
            "be replaced by a single pre-entry check at post\".",
            NULL);
    qtu_expect(&t,
               "that the traditional system will be replaced by a single pre-entry check at post",
               "Home Office spokesman", "added", "He");
    qtu_free(&t);
    qtu_run(&t,
            "A Department for Education and Skills spokeswoman said the venture had been "
            "\"ambitious and ground-breaking\". She added: \"UK e-Universities was not the only "
            "organisation to have lost out on private sector investment.\"",
            NULL);
    qtu_expect(&t, "ambitious and ground-breaking",
               "Department for Education and Skills spokeswoman", "said",
               "A Department for Education and Skills spokeswoman");
    qtu_expect(&t,
               "UK e-Universities was not the only organisation to have lost out on private "
               "sector investment.",
               "Department for Education and Skills spokeswoman", "added", "She");
    qtu_free(&t);
}

/* BBC business/206, business/329, business/254: a partial quotation, a comma after its
 * closing mark, then a named speaker's cue that ends the sentence. */
static void test_partial_then_comma_and_cue_is_the_named_speaker(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "John Gill, managing director of the insurer's life and pensions division, said the "
            "recovery had been slow. In addition, low interest rates meant that \"long-term "
            "investment returns are well below historic levels\", Mr Gill added.",
            NULL);
    qtu_expect(&t, "long-term investment returns are well below historic levels", "John Gill",
               "added", "Gill");
    qtu_free(&t);
    qtu_run(&t,
            "In Scotland, where prices have remained on an upward path, increases were more "
            "\"moderate\", RICS added.",
            NULL);
    qtu_expect(&t, "moderate", "RICS", "added", "RICS");
    qtu_free(&t);
    qtu_run(&t,
            "According to the Financial Times, chief operating officer Peter Chernin said that "
            "News Corp is looking at video games companies. Video games are \"big business\", "
            "the paper quoted Mr Chernin as saying.",
            NULL);
    qtu_expect(&t, "big business", "Peter Chernin", "quoted", "Chernin");
    qtu_free(&t);
}

/* BBC politics/127: a time between the subject and its cue. */
static void test_subject_in_july_said(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "But Band Aid founder Bob Geldof in July said he was sick of hearing \"guff\" about "
            "scars on the world.",
            NULL);
    qtu_expect(&t, "guff", "Bob Geldof", "said", "Bob Geldof");
    qtu_free(&t);
}

/* BBC politics/190: "he" opening the sentence is the subject of a coordinated cue, not the
 * newspaper he told. */
static void test_coordinated_cue_takes_the_pronoun_opening_its_sentence(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Conservative leader Michael Howard has admitted he used to play truant.\n\n"
            "But he told the Times Educational Supplement that truancy was \"very bad\" and said "
            "\"firm action\" was needed.",
            NULL);
    qtu_expect(&t, "firm action", "Michael Howard", "said", "he");
    qtu_free(&t);
}

/* BBC sport/426: a nationality before a full name is no part of it, so the surname said
 * later resolves. */
static void test_surname_after_fellow_american_full_name_resolves(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Fifteen-year-old Donald Young's first appearance in an ATP tennis tournament "
            "proved brief.\n\n"
            "Young shot to the top of the junior world rankings. But the wildcard entry was "
            "dispatched by fellow American Robby Ginepri in straight sets, 6-2 6-2, in "
            "California. Despite that he was happy with his Tour debut. \"It was fun,\" he "
            "said. \"He's very talented,\" said Ginepri.",
            NULL);
    qtu_expect(&t, "He's very talented,", "Robby Ginepri", "said", "Ginepri");
    /* The agent of a passive (dispatched by ...) is not whom he goes on with. */
    qtu_expect(&t, "It was fun,", "Donald Young", "said", "he");
    qtu_free(&t);
}

/* BBC politics/117: she passes by the job named in a relative clause after "be", and a
 * baroness's title is no part of her name. */
static void test_she_passes_what_someone_was_to_be_by(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Betty Boothroyd has said the House of Lords needs its own Speaker.\n\n"
            "Baroness Boothroyd, who was the first woman to be Commons Speaker, said she "
            "believed Tony Blair initiated reforms without a clear outcome in mind. \"Now we "
            "have to take care of it ourselves and make the best of it,\" she told the BBC's "
            "Breakfast with Frost.",
            NULL);
    qtu_expect(&t, "Now we have to take care of it ourselves and make the best of it,",
               "Betty Boothroyd", "told", "she");
    qtu_free(&t);
}

/* BBC sport/313, sport/421: the object of a verb whose possessor has two words, or whose
 * nationality the run was trimmed of, and the possessor of a passive's agent (aided by
 * White's presence), are not passed by for a name in an object. */
static void test_he_passes_objects_behind_possessors_and_nationalities(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "England prop Julian White has backed his side.\n\n"
            "He destroyed South Africa's Os du Randt in the scrum at Twickenham last autumn. "
            "Leicester have also been aided by White's presence this season. \"I am pleased "
            "with my form,\" he said.",
            NULL);
    qtu_expect(&t, "I am pleased with my form,", "Julian White", "said", "he");
    qtu_free(&t);
    qtu_run(&t,
            "Tim Henman reached the last 16.\n\n"
            "Henman, who now faces Russian Igor Andreev in the last 16, admitted afterwards it "
            "was difficult. \"You just take it point by point,\" he said.",
            NULL);
    qtu_expect(&t, "You just take it point by point,", "Tim Henman", "said", "he");
    qtu_free(&t);
}

/* BBC tech/309: a quotation after one that ended its sentence, past a sentence whose cue
 * names someone else, is that one's (the turn before it has ended). */
static void test_new_speaker_after_an_ended_quotation_ends_the_turn(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Gerhard Florin, head of EA in Europe, said gamers should expect titles that blur the "
            "line. \"A gamer could buy a starter disc for 10 euros.\n\n"
            "\"It's much smarter if you can get levels as you go.\" Mr Armes warned that "
            "developers still had to learn how to tell stories effectively in the medium. \"In "
            "some ways we are trying to forget about the hardware.\"",
            NULL);
    qtu_expect(&t, "It's much smarter if you can get levels as you go.", "Gerhard Florin", "said",
               "Gerhard Florin");
    qtu_expect(&t, "In some ways we are trying to forget about the hardware.", "Mr Armes", "warned",
               "Armes");
    qtu_free(&t);
}

/* BBC entertainment/127: a nationality opening a body's name after "the" stays in it. */
static void test_the_british_phonographic_industry_keeps_its_name(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "A spokesman for the British Phonographic Industry (BPI) said the first combined UK "
            "download and sales chart was due to be compiled \"within the first half of this "
            "year\".",
            NULL);
    qtu_expect(&t, "within the first half of this year", "British Phonographic Industry", "said",
               "British Phonographic Industry");
    qtu_free(&t);
}

/* BBC sport/475: "the 34-year-old" passes by a name after its nationality and "to". */
static void test_age_description_passes_a_rival_after_to(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Andre Agassi has pulled out of the Kooyong Classic with a hip injury.\n\n"
            "Agassi was serving at 5-6 down in the first set to fellow American Andy Roddick when "
            "he decided to bring a premature end to the match. \"My hip was cramping and I just "
            "could not continue,\" said the 34-year-old.",
            NULL);
    qtu_expect(&t, "My hip was cramping and I just could not continue,", "Andre Agassi", "said",
               "the 34-year-old");
    qtu_free(&t);
}

/* BBC tech/066: a cue verb after "be" is passive: "can be" is no speaker. */
static void test_passive_after_be_names_no_speaker(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "\"The data is transmitted alongside audio signals,\" Matthew Herren told the BBC. "
            "The base station turns it into a form that can be read by the handheld E-slates. "
            "\"It downloads from the satellite and every day processes the stream.\"",
            NULL);
    qtu_expect(&t, "It downloads from the satellite and every day processes the stream.",
               "Matthew Herren", "told", "Matthew Herren");
    qtu_free(&t);
}

/* Second sample (issue #4, a second tester's 40 articles). BBC politics/247: "is to tell"
 * announces a statement to come; its subject speaks. */
static void test_is_to_tell_names_its_subject(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Saturday's speech comes days after the Lib Dems launched their ethnic minority "
            "mini-manifesto. Mr Kennedy is to tell the audience: \"Many people in Britain, of all "
            "races, cultures and religions, were angry about the way we were taken to war in "
            "Iraq.\"",
            NULL);
    qtu_expect(&t,
               "Many people in Britain, of all races, cultures and religions, were angry about "
               "the way we were taken to war in Iraq.",
               "Mr Kennedy", "tell", "Kennedy");
    qtu_free(&t);
}

/* Second sample, BBC tech/179: a job after a possessive is named by the appositive. */
static void test_possessive_job_then_appositive_name(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "\"If you're issued a seafarer's ID in your country, you want to be sure that when "
            "the ship lands in a port you can validate yourself,\" Authenti-corp's CEO, Cynthia "
            "Musselman, told the BBC's Go Digital programme.",
            NULL);
    qtu_expect(&t,
               "If you're issued a seafarer's ID in your country, you want to be sure that when "
               "the ship lands in a port you can validate yourself,",
               "Cynthia Musselman", "told", "Cynthia Musselman");
    qtu_free(&t);
}

/* Second sample, BBC business/326: the name before an appositive job whose closing comma
 * is missing. */
static void test_name_comma_job_said(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "\"We are encouraged that the board's announcement signals a new culture and a new "
            "direction for Fannie Mae,\" Armando Falcon, OFHEO director said.",
            NULL);
    qtu_expect(&t,
               "We are encouraged that the board's announcement signals a new culture and a new "
               "direction for Fannie Mae,",
               "Armando Falcon", "said", "Armando Falcon");
    qtu_free(&t);
}

/* Second sample, BBC entertainment/173: a capitalised number word after "A" is the body
 * the spokesman speaks for (the channel Five), part of the description. */
static void test_a_five_spokesman_keeps_the_channel(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "A Five spokesman said: \"In light of the efforts we have made to make the nature of "
            "the promotion clear, we are surprised by the complaints.\"",
            NULL);
    qtu_expect(&t,
               "In light of the efforts we have made to make the nature of the promotion clear, "
               "we are surprised by the complaints.",
               "Five spokesman", "said", "A Five spokesman");
    qtu_free(&t);
}

/* Second sample, BBC sport/436: a name modifying a noun after "the" (the younger Williams
 * sister) is no one she stands for; a name inside the quotation is none either. */
static void test_she_passes_a_name_modifying_sister_by(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Daniela Hantuchova moved into the quarter-finals of the Dubai Open, after beating "
            "Elene Likhotseva of Russia 7-5 6-4, and now faces Serena Williams. But Hantuchova "
            "is in upbeat mood "
            "ahead of her clash with the younger Williams sister, who was handed a first-round "
            "bye. \"I feel I have an advantage (over Serena) because I have already played a "
            "match on the court,\" she said.",
            NULL);
    qtu_expect(&t,
               "I feel I have an advantage (over Serena) because I have already played a match "
               "on the court,",
               "Daniela Hantuchova", "said", "she");
    qtu_free(&t);
}

/* Second sample, BBC politics/042: he after "Tony Blair's official spokesman declined" is
 * the spokesman, not the possessor. */
static void test_he_after_a_possessed_job_is_the_job(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "On Monday, Tony Blair's official spokesman declined to say whether the prime "
            "minister backed the plans. He said: \"What's important is that there's a process "
            "going on.\"",
            NULL);
    qtu_expect(&t, "What's important is that there's a process going on.",
               "Tony Blair's official spokesman", "said", "He");
    qtu_free(&t);
}

/* Second sample, BBC politics/042: "In a statement" before the verb's cue does not keep the
 * sentence before from giving its speaker to a quotation with no cue. */
static void test_statement_adverbial_then_body_said(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "In a statement on Sunday, the Cabinet Office said it was reviewing the Civil "
            "Service Pension Scheme, and hoped to announce proposals soon. \"Unions will of "
            "course be consulted about any proposed changes.\"",
            NULL);
    qtu_expect(&t, "Unions will of course be consulted about any proposed changes.",
               "Cabinet Office", "said", "Cabinet Office");
    qtu_free(&t);
}

/* Second sample, BBC politics/214: a body described by what it is of speaks, from the end
 * of the sentence a partial quotation stands in (the writer's words go on to its comma). */
static void test_committee_of_mps_and_peers_has_warned(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Deaths in custody have reached \"shocking\" levels, a committee of MPs and peers has "
            "warned.\n\n"
            "Many of those who ended up taking their own lives had \"presented themselves\" to "
            "the authorities with these problems before they even offended, the report said.",
            NULL);
    qtu_expect(&t, "shocking", "committee of MPs and peers", "warned",
               "a committee of MPs and peers");
    qtu_expect(&t, "presented themselves", "report", "said", "the report");
    qtu_free(&t);
    /* BBC politics/098: the comma further on. */
    qtu_run(&t,
            "\"Dubious\" assumptions about improving health expectancy could drive the cost of "
            "the policy up by another \u00a3130m by 2022, the report warned.",
            NULL);
    qtu_expect(&t, "Dubious", "report", "warned", "the report");
    qtu_free(&t);
}

/* BBC tech/108 (bbc-10mb changes): a possessed job set off after a name is the name's
 * appositive; he goes on with the name. */
static void test_he_after_name_comma_possessed_job_is_the_name(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "John Connors, Microsoft's chief financial officer said a test version of its "
            "desktop search software should be available for download by the end of the year.\n\n"
            "\"We're going to have a heck of a great race in search between Google, Microsoft "
            "and Yahoo,\" he said.",
            NULL);
    qtu_expect(&t,
               "We're going to have a heck of a great race in search between Google, Microsoft "
               "and Yahoo,",
               "John Connors", "said", "he");
    qtu_free(&t);
}

/* BBC entertainment/289 (bbc-10mb changes): a comma inside a body's name is no appositive's
 * (not the name before it as the speaker). */
static void test_comma_inside_a_department_name_is_no_appositive(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "A Department for Media, Culture and Sport spokeswoman said: \"We're aware that "
            "people are experiencing problems.\"",
            NULL);
    /* (The full name with its comma is not read yet: the words after the comma are.) */
    const lede_quote *q = qtu_find(&t, "We're aware that people are experiencing problems.");
    assert_non_null(q->speaker);
    assert_string_not_equal(q->speaker, "Media");
    qtu_free(&t);
}

/* Second sample, BBC politics/007: Mr Kennedy named before Charles Kennedy is him after it
 * (he goes on with the later Mr Kennedy, who is Charles Kennedy). */
static void test_mr_after_a_full_name_is_the_full_name(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Mr Blair said that whether the public chose Michael Howard or Mr Kennedy, it would "
            "result in \"a Tory government not a Labour government\".\n\n"
            "Meanwhile Lib Dem leader Charles Kennedy is expected to attack Mr Blair's words as "
            "he begins a nationwide tour on Monday. Mr Kennedy is accelerating Lib Dem election "
            "preparations this week as he visits Manchester, Liverpool, Leicester, Somerset, "
            "Basingstoke, Shrewsbury, Dorset and Torbay. He said: \"This is three-party "
            "politics.\"",
            NULL);
    qtu_expect(&t, "This is three-party politics.", "Charles Kennedy", "said", "He");
    qtu_free(&t);
}

/* Second sample, BBC politics/186: he passes a possessor after "about" (asked about Mr
 * Livingstone's remark), inside the subject's participle clause, by. */
static void test_he_passes_a_possessor_after_about(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "\"Let's just apologise and move on - that's the sensible thing.\" Tory leader "
            "Michael Howard, asked about Mr Livingstone's remark by reporters, said it was "
            "important for politicians to be mindful about the language they use. \"It's "
            "particularly important that as we get close to the election that politicians talk "
            "with civility and courtesy about issues that we all face,\" he said.",
            NULL);
    qtu_expect(&t,
               "It's particularly important that as we get close to the election that "
               "politicians talk with civility and courtesy about issues that we all face,",
               "Michael Howard", "said", "he");
    qtu_free(&t);
}

/* Second sample, BBC tech/205: a partial quotation, the writer's words on to a comma, then
 * the cue and the name with its appositive. */
static void test_partial_then_comma_said_name_and_job(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "It represents a \"big leap forward\" for broadband, said Chris Stening, UK Online "
            "general manager.",
            NULL);
    qtu_expect(&t, "big leap forward", "Chris Stening", "said", "Chris Stening");
    qtu_free(&t);
}

/* BBC politics/165 (fourth sample), 007 (second): Fox is an organisation's word (Fox
 * News), but after a common first name or a job it ends a person's name, and Mr Fox, Dr
 * Fox stand for it. */
static void test_fox_after_a_first_name_or_job_is_a_person(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Association of Chief Police Officers president Chris Fox said the current 24-hour "
            "closure power did not have enough impact on bad landlords.\n\n"
            "After the meeting, Mr Fox said being able to close premises for only 24 hours did "
            "not necessarily make an impact. \"We have the problem from 11pm to 2am in any "
            "event,\" he said.",
            NULL);
    qtu_expect(&t, "We have the problem from 11pm to 2am in any event,", "Chris Fox", "said", "he");
    qtu_free(&t);
    qtu_run(&t,
            "Tory co-chairman Liam Fox was speaking after Mr Blair told Labour members the "
            "Tories offered a \"hard right agenda\". Dr Fox told BBC Radio: \"If you are "
            "willing to lie about the reasons for going to war, I guess you are going to lie "
            "about anything at all.\"",
            NULL);
    qtu_expect(&t,
               "If you are willing to lie about the reasons for going to war, I guess you "
               "are going to lie about anything at all.",
               "Liam Fox", "told", NULL);
    qtu_free(&t);
}

/* BBC tech/313 (fourth sample): he after a quotation, when the sentence before opens with
 * he, is whom that he stands for (not a film it lists); a later "...," he says, with no
 * person named since, is the same he. */
static void test_he_keeps_the_he_of_the_sentence_and_quotation_before(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "For Rick Dean, director of business development for digital content company THX, a "
            "high-definition future is an exciting prospect. He has worked on the Star Wars DVD "
            "trilogy, Finding Nemo, The Incredibles and Indiana Jones. \"There was a time not so "
            "long ago when the film world and the video world were two completely separate "
            "worlds,\" he told the BBC News website.\n\n"
            "\"The film that we see in theatres is coming from the same digital file that we "
            "take the home video master,\" he says. But currently, putting a master feature film "
            "onto DVD requires severe compression. \"As much as you compress the picture data "
            "rate wise, you also take qualities away from the picture,\" he explains.",
            NULL);
    qtu_expect(&t,
               "There was a time not so long ago when the film world and the video world were two "
               "completely separate worlds,",
               "Rick Dean", "told", "he");
    qtu_expect(&t,
               "The film that we see in theatres is coming from the same digital file that we take "
               "the home video master,",
               "Rick Dean", "says", "he");
    qtu_expect(&t,
               "As much as you compress the picture data rate wise, you also take qualities away "
               "from the picture,",
               "Rick Dean", "explains", "he");
    qtu_free(&t);
}

/* BBC politics/200 (fourth sample): a name in a dash aside (the official North East Says
 * No campaign) is no one he stands for when the clause's subject fits. */
static void test_he_passes_a_name_in_a_dash_aside_by(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "The pair met on the platform at Sunderland station as Mr Mallon toured the region. "
            "But Mr Herron - who gained fame as one of Sunderland's \"metric martyrs\" and is "
            "running his own No campaign alongside the official North East Says No campaign - "
            "said he was not convinced by Mr Mallon's arguments. \"The reality is that it is not "
            "going to deliver,\" he said.",
            NULL);
    qtu_expect(&t, "The reality is that it is not going to deliver,", "Mr Herron", "said", "he");
    qtu_free(&t);
}

/* BBC business/260 (fourth sample): said a body's possessive and a person's name: the
 * person speaks. */
static void test_said_a_body_possessive_name_is_the_person(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "\"Obviously with a lot of loss of life, a lot of time is needed to clean up the mess, "
            "bury the people and find the missing,\" said ABN Amro's Eddie Wong.",
            NULL);
    qtu_expect(&t,
               "Obviously with a lot of loss of life, a lot of time is needed to clean up the "
               "mess, bury the people and find the missing,",
               "Eddie Wong", "said", "Eddie Wong");
    qtu_free(&t);
}

/* BBC politics/200 (fourth sample), 007 (second): a partial quotation after a verb that
 * characterises (branding, attacked ... as) is its subject's words. */
static void test_partial_after_branding_or_attacked_as_is_the_subjects(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "On Wednesday, Mr Mallon provoked fury by branding the official No Campaign "
            "\"two-bit Tories\" in a confrontation outside its Durham headquarters.",
            NULL);
    qtu_expect(&t, "two-bit Tories", "Mr Mallon", "branding", NULL);
    qtu_free(&t);
    qtu_run(&t,
            "The Tory co-chairman Liam Fox attacked Labour's six new pledges as \"vacuous\" and "
            "said Mr Blair was very worried.",
            NULL);
    qtu_expect(&t, "vacuous", "Liam Fox", "attacked", NULL);
    qtu_free(&t);
}

/* BBC politics/141 (fourth sample): a name opening the article's first sentence after a
 * headline that ends in a lower-case word is a subject all the same; a description after
 * it (the Tory leader) is that full name, not the headline's surname. */
static void test_full_name_after_a_headline_is_a_subject(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Howard denies split over ID cards\n\n"
            "Michael Howard has denied his shadow cabinet was split over its decision to back "
            "controversial Labour plans to introduce ID cards.\n\n"
            "The Tory leader said his front bench team had reached a \"collective view\" after "
            "holding a discussion.",
            NULL);
    qtu_expect(&t, "collective view", "Michael Howard", "said", NULL);
    qtu_free(&t);
}

/* Issue #4 (common across samples; the sentences of the brief): he after "X accused ROLE Y
 * of ..." or "X told ROLE Y ..." is the subject X: the name after the job is the verb's
 * object. */
static void test_he_passes_an_object_after_its_job_by(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Mr Brown accused shadow chancellor Oliver Letwin of planning cuts. \"They would "
            "cut public services,\" he said.\n\n"
            "Later Mr Blair told shadow chancellor Michael Howard he was wrong. \"It is a great "
            "day,\" he said.",
            NULL);
    qtu_expect(&t, "They would cut public services,", "Mr Brown", "said", "he");
    qtu_expect(&t, "It is a great day,", "Mr Blair", "said", "he");
    qtu_free(&t);
}

/* Issue #4 (common across samples): a job whose body a preposition names, then a name
 * between commas: the name speaks, not the body. */
static void test_job_to_a_body_then_appositive_name(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "The shadow chief secretary to the Treasury, George Osborne, said the plans were "
            "\"a disgrace\".",
            NULL);
    qtu_expect(&t, "a disgrace", "George Osborne", "said", NULL);
    qtu_free(&t);
}

/* BBC tech/299 (read in the third round's random draw): "attacks" is a plural noun as often
 * as a verb, so a word before it (Bigger attacks) is no speaker he could stand for. */
static void test_plural_noun_attacks_makes_no_speaker(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Malcolm Seagrave, security expert at Energis, said the most common types of attacks "
            "hit sites with 10 megabytes of data over short periods of time. Bigger attacks "
            "sending down 200 megabytes of traffic or more were rarely seen, he said. \"It does "
            "feel like they are turning the dial because you see this traffic gradually "
            "growing,\" he said.",
            NULL);
    qtu_expect(&t,
               "It does feel like they are turning the dial because you see this traffic "
               "gradually growing,",
               "Malcolm Seagrave", "said", "he");
    qtu_free(&t);
}

/* BBC entertainment/134, politics/190: a nickname quoted between a first name and a
 * surname is part of the name, which is shown without it; the nickname is no one's speech. */
static void test_quoted_nickname_stays_inside_the_name(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Brian 'Head' Welch told a radio station in California that his bandmates "
            "respected his decision to leave. Welch added that he would appear at a church in "
            "Bakersfield to explain how he \"got to this place in life\".",
            NULL);
    qtu_expect(&t, "got to this place in life", "Brian Welch", "added", "Welch");
    qtu_expect(&t, "Head", NULL, NULL, NULL);
    qtu_free(&t);
    qtu_run(&t,
            "Another player who has failed to win snooker's world championship - Jimmy \"the "
            "Whirlwind \" White - has previously admitted missing lessons, instead spending his "
            "days in smoky halls. \"Tony Meo [another player] and me used to spend all of our "
            "spare time there,\" Mr White said.",
            NULL);
    qtu_expect(&t, "Tony Meo [another player] and me used to spend all of our spare time there,",
               "Jimmy White", "said", "White");
    qtu_free(&t);
}

/* BBC politics/264: a possessive opening the story's first sentence (Tony Blair's big
 * speech) is whom it is about, a candidate for he; the name after "with" is an object. */
static void test_he_takes_a_possessive_opening_its_sentence(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Blair looks to election campaign\n\n"
            "Tony Blair's big speech will be looked back on as the performance that kicked off "
            "the election campaign.\n\n"
            "The prime minister used his speech to a selected audience in the south east to set "
            "out his broad brush election manifesto. There was an attempt to draw the line under "
            "the gossip surrounding his rift with Chancellor Gordon Brown.\n\n"
            "To that end he set out a broad programme. In a key section, he declared: \"In our "
            "third term we can achieve an unprecedented widening of opportunity and "
            "prosperity.\"",
            NULL);
    qtu_expect(&t,
               "In our third term we can achieve an unprecedented widening of opportunity and "
               "prosperity.",
               "Tony Blair", "declared", "he");
    qtu_free(&t);
}

/* BBC business/200: he after a sentence whose subject is a job its holder's employer names
 * in the possessive, past an adverbial and with his title (President Castro's chief aide). */
static void test_he_after_a_titled_possessed_job_past_an_adverbial(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Fidel Castro's decision to ban all cash transactions in US dollars in Cuba has once "
            "more turned the spotlight on Cuba's ailing economy.\n\n"
            "In a live television broadcast announcing the measure, President Castro's chief "
            "aide said it was necessary because of the United States' increasing \"economic "
            "aggression\". \"The ten percent obligation applies exclusively to the dollar,\" he "
            "said.",
            NULL);
    qtu_expect(&t, "The ten percent obligation applies exclusively to the dollar,",
               "President Castro's chief aide", "said", "he");
    qtu_free(&t);
}

/* BBC politics/007, politics/346: he after a sentence whose subject is a person named at
 * its start is that subject, not a name in its object or in a clause inside it. */
static void test_he_is_the_subject_of_the_sentence_before(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Tory co-chairman Liam Fox was speaking after Mr Blair told Labour members the "
            "Tories offered a \"hard right agenda\".\n\n"
            "Dr Fox refused to discuss weekend newspaper reports that the party had repaid "
            "\xC2\xA3"
            "500,000 to former Tory Treasurer Lord Ashcroft after he said the party "
            "could not win the election. \"We repay loans when they are due but do not comment "
            "to individual financial matters,\" he said.",
            NULL);
    qtu_expect(&t,
               "We repay loans when they are due but do not comment to individual financial "
               "matters,",
               "Liam Fox", "said", "he");
    qtu_free(&t);
    qtu_run(&t,
            "Labour has unveiled its slogan, as election supremo Alan Milburn declared.\n\n"
            "Mr Milburn, in the latest in his series of pre-election-campaign campaigning, "
            "explained the slogan was the reaction to polling which suggests the public believe "
            "Labour and Tony Blair are the future while Michael Howard and the Tories would take "
            "the country backwards. \"Not many people talk about the years before 1997 as the "
            "good old days,\" he declared.",
            NULL);
    qtu_expect(&t, "Not many people talk about the years before 1997 as the good old days,",
               "Alan Milburn", "declared", "he");
    qtu_free(&t);
}

/* BBC politics/119, sport/397: but not when the name after the subject is its appositive,
 * or the subject of a cue verb of its own in that sentence. */
static void test_he_keeps_an_appositive_or_a_speaker_of_the_sentence_before(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "The Lord Chief Justice, Lord Woolf, who is the most senior judge in England and "
            "Wales, said it was Lord Scarman's \"pioneering work\" which paved the way. \"He was "
            "a lawyer and a judge who had a remarkable insight into human nature,\" he said.",
            NULL);
    qtu_expect(&t, "He was a lawyer and a judge who had a remarkable insight into human nature,",
               "Lord Woolf", "said", "he");
    qtu_free(&t);
    qtu_run(&t,
            "Paul Sculthorpe has called for a cut in the fixtures.\n\n"
            "St Helens have been strongly linked with a move for brilliant young forward Sonny "
            "Bill Williams, and Sculthorpe said he would love the 19-year-old to come to Knowsley "
            "Road. \"He's a great player - a big strong lad who can certainly hit hard in "
            "defence,\" he said.",
            NULL);
    qtu_expect(&t, "He's a great player - a big strong lad who can certainly hit hard in defence,",
               "Paul Sculthorpe", "said", "he");
    qtu_free(&t);
}

/* BBC business/366, politics/247: a partial quotation with no cue of its own after another
 * in the same sentence whose cue stands before it is part of the same report. */
static void test_partial_after_a_partial_of_the_same_report(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "On Tuesday, WMC chairman Tommie Bergman said in a statement the directors believed it "
            "was in shareholders' best interest to reject the offer. He said WMC would pursue "
            "\"value-creating options\" provided by a portfolio of \"world class assets\".",
            NULL);
    qtu_expect(&t, "value-creating options", "Tommie Bergman", "said", "He");
    qtu_expect(&t, "world class assets", "Tommie Bergman", "said", "He");
    qtu_free(&t);
    /* Not past a comma before an appositive (PolNeAR test, Washington Post 2016-10-25). */
    qtu_run(&t,
            "A small group of students wrote \"Trump 2016\" on the sidewalk of a busy "
            "thoroughfare, part of a national \"chalking\" movement designed to show solidarity "
            "among young people with the campaign.",
            NULL);
    qtu_expect(&t, "chalking", NULL, NULL, NULL);
    qtu_free(&t);
}

/* BBC politics/217: a cue right after a colon that ends a cue of its own (He added: said)
 * repeats it; the subject of the first speaks. */
static void test_cue_after_a_cue_and_colon(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Schools Minister Stephen Twigg said engaging young people's interest was "
            "\"essential\" to the future of democracy.\n\n"
            "He added: said \"Young people who are engaged and motivated by the political process "
            "are essential to the future health of our democracy.\"",
            NULL);
    qtu_expect(&t,
               "Young people who are engaged and motivated by the political process are essential "
               "to the future health of our democracy.",
               "Stephen Twigg", "added", "He");
    qtu_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_he_is_the_subject_not_the_object_of_accused),
        cmocka_unit_test(test_he_passes_the_object_of_a_gerund_by),
        cmocka_unit_test(test_she_passes_a_counted_name_by),
        cmocka_unit_test(test_a_word_after_the_takes_no_full_name),
        cmocka_unit_test(test_told_addressee_colon_beats_the_next_sentence),
        cmocka_unit_test(test_named_colon_cue_beats_he_said_after),
        cmocka_unit_test(test_continuation_keeps_its_speaker_past_a_report),
        cmocka_unit_test(test_turn_goes_on_past_the_next_sentence_report),
        cmocka_unit_test(test_description_after_a_team_member_is_the_member),
        cmocka_unit_test(test_party_before_co_chairman_is_no_speaker),
        cmocka_unit_test(test_the_30_year_old_told_is_the_person_last_named),
        cmocka_unit_test(test_he_after_a_spokesman_said_is_the_spokesman),
        cmocka_unit_test(test_partial_then_comma_and_cue_is_the_named_speaker),
        cmocka_unit_test(test_subject_in_july_said),
        cmocka_unit_test(test_coordinated_cue_takes_the_pronoun_opening_its_sentence),
        cmocka_unit_test(test_surname_after_fellow_american_full_name_resolves),
        cmocka_unit_test(test_she_passes_what_someone_was_to_be_by),
        cmocka_unit_test(test_he_passes_objects_behind_possessors_and_nationalities),
        cmocka_unit_test(test_new_speaker_after_an_ended_quotation_ends_the_turn),
        cmocka_unit_test(test_the_british_phonographic_industry_keeps_its_name),
        cmocka_unit_test(test_age_description_passes_a_rival_after_to),
        cmocka_unit_test(test_passive_after_be_names_no_speaker),
        cmocka_unit_test(test_is_to_tell_names_its_subject),
        cmocka_unit_test(test_possessive_job_then_appositive_name),
        cmocka_unit_test(test_name_comma_job_said),
        cmocka_unit_test(test_a_five_spokesman_keeps_the_channel),
        cmocka_unit_test(test_she_passes_a_name_modifying_sister_by),
        cmocka_unit_test(test_he_after_a_possessed_job_is_the_job),
        cmocka_unit_test(test_statement_adverbial_then_body_said),
        cmocka_unit_test(test_committee_of_mps_and_peers_has_warned),
        cmocka_unit_test(test_he_after_name_comma_possessed_job_is_the_name),
        cmocka_unit_test(test_comma_inside_a_department_name_is_no_appositive),
        cmocka_unit_test(test_mr_after_a_full_name_is_the_full_name),
        cmocka_unit_test(test_he_passes_a_possessor_after_about),
        cmocka_unit_test(test_partial_then_comma_said_name_and_job),
        cmocka_unit_test(test_fox_after_a_first_name_or_job_is_a_person),
        cmocka_unit_test(test_he_keeps_the_he_of_the_sentence_and_quotation_before),
        cmocka_unit_test(test_he_passes_a_name_in_a_dash_aside_by),
        cmocka_unit_test(test_said_a_body_possessive_name_is_the_person),
        cmocka_unit_test(test_partial_after_branding_or_attacked_as_is_the_subjects),
        cmocka_unit_test(test_full_name_after_a_headline_is_a_subject),
        cmocka_unit_test(test_he_passes_an_object_after_its_job_by),
        cmocka_unit_test(test_job_to_a_body_then_appositive_name),
        cmocka_unit_test(test_plural_noun_attacks_makes_no_speaker),
        cmocka_unit_test(test_party_members_are_no_person),
        cmocka_unit_test(test_quoted_nickname_stays_inside_the_name),
        cmocka_unit_test(test_he_takes_a_possessive_opening_its_sentence),
        cmocka_unit_test(test_he_after_a_titled_possessed_job_past_an_adverbial),
        cmocka_unit_test(test_he_is_the_subject_of_the_sentence_before),
        cmocka_unit_test(test_he_keeps_an_appositive_or_a_speaker_of_the_sentence_before),
        cmocka_unit_test(test_partial_after_a_partial_of_the_same_report),
        cmocka_unit_test(test_cue_after_a_cue_and_colon),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
