/*
 * test_quotes_attribution.c -- cues and speakers (plugins/quotes/attribution.c, names.c).
 *
 * One case per attribution pattern, each on a real news sentence (most from the sample
 * article, PolNeAR's political news or textacy's test cases): the cue found, the speaker
 * resolved to a full name, the mention it came from.
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

static void test_quote_comma_said_name(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "\"He's going to hurt somebody because he's carrying a revolver with the hammer "
            "cocked back,\" said Paul Martin, a Pinellas sheriff's detective who has been "
            "chasing the robber for two years.",
            NULL);
    qtu_expect(&t,
               "He's going to hurt somebody because he's carrying a revolver with the hammer "
               "cocked back,",
               "Paul Martin", "said", "Paul Martin");
    qtu_free(&t);
}

static void test_quote_comma_name_said(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t, "“We were there under legitimate pretenses,” Figueroa told USA Today.", NULL);
    qtu_expect(&t, "We were there under legitimate pretenses,", "Figueroa", "told", "Figueroa");
    qtu_free(&t);
}

static void test_quote_name_role_said(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "“If the FBI wanted any other American’s laptops, they’d just go get them,” Rep. "
            "Jim Jordan (R-Ohio), an oversight panel member, said in a phone interview.",
            NULL);
    qtu_expect(&t, "If the FBI wanted any other American’s laptops, they’d just go get them,",
               "Jim Jordan", "said", "Jim Jordan");
    qtu_free(&t);
}

static void test_said_role_name_after_quote(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "“Inflation will stay higher for longer,” said the bank’s chief economist Andrew "
            "Hunter.",
            NULL);
    qtu_expect(&t, "Inflation will stay higher for longer,", "Andrew Hunter", "said",
               "Andrew Hunter");
    qtu_free(&t);
}

static void test_name_said_comma_before_quote(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t, "Burton said, \"I love cats!\"", NULL);
    qtu_expect(&t, "I love cats!", "Burton", "said", "Burton");
    qtu_free(&t);
}

static void test_name_role_said_colon_before_quote(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Andrey Kortunov, head of the Russian International Affairs Council, said: ‘This is "
            "an important visit for Putin personally.’",
            NULL);
    qtu_expect(&t, "This is an important visit for Putin personally.", "Andrey Kortunov", "said",
               "Andrey Kortunov");
    qtu_free(&t);
}

static void test_pronoun_told_outlet_colon(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Jill Stein spoke to reporters outside the venue. She told Reuters: “We were there "
            "under legitimate pretenses.”",
            NULL);
    qtu_expect(&t, "We were there under legitimate pretenses.", "Jill Stein", "told", "She");
    qtu_free(&t);
}

static void test_pronoun_resolves_to_the_last_named_person(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "PolitiFact Executive Director Aaron Sharockman responded that the website cites so "
            "many Republican claims as inaccurate.\n\n"
            "“We’re not just validating numbers,” he told InsideSources.",
            NULL);
    qtu_expect(&t, "We’re not just validating numbers,", "Aaron Sharockman", "told", "he");
    qtu_free(&t);
}

static void test_unresolvable_pronoun_keeps_mention_without_speaker(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t, "\"Some people say otherwise,\" he conceded.", NULL);
    qtu_expect(&t, "Some people say otherwise,", NULL, "conceded", "he");
    qtu_free(&t);
}

static void test_went_on_colon(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Hillary Clinton spoke out on Tuesday about the death of Terence Crutcher. Clinton "
            "went on: “We have got to do everything possible to improve policing.”",
            NULL);
    qtu_expect(&t, "We have got to do everything possible to improve policing.", "Hillary Clinton",
               "went on", "Clinton");
    qtu_free(&t);
}

static void test_according_to_resolves_surname(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "In a briefing on Monday, Yuri Ushakov, Putin’s foreign policy advisor, spoke to "
            "reporters.\n\n"
            "Putin will meet with Iran’s Supreme Leader Ayatollah Ali Khamenei during his fifth "
            "trip to Tehran, according to Ushakov, with whom he maintains a “trusting "
            "dialogue.”",
            NULL);
    qtu_expect(&t, "trusting dialogue.", "Yuri Ushakov", "according to", "Ushakov");
    qtu_free(&t);
}

static void test_referred_to_x_as_quote(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "On Monday, Fadahossein Maleki, a prominent member of the national security "
            "committee of the Iranian parliament, referred to Russia as Iran’s “most strategic "
            "partner.”",
            NULL);
    qtu_expect(&t, "most strategic partner.", "Fadahossein Maleki", "referred to",
               "Fadahossein Maleki");
    qtu_free(&t);
}

static void test_possessive_characterization_speaks(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Yevgeny Popov mocked George W. Bush’s characterization of Iran, Iraq, and North "
            "Korea as a “axis of evil” by declaring that the two countries will form a “axis of "
            "virtue.”",
            NULL);
    qtu_expect(&t, "axis of evil", "George W. Bush", "characterization", NULL);
    qtu_expect(&t, "axis of virtue.", "Yevgeny Popov", "declaring", NULL);
    qtu_free(&t);
}

static void test_participle_takes_the_subject_of_its_clause(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "‘Iran is (the) centre of dynamic diplomacy,’ Iranian Foreign Minister Hossein "
            "Amirabdollahian wrote on Twitter, adding the meetings will ‘develop economic "
            "cooperation.’",
            NULL);
    qtu_expect(&t, "Iran is (the) centre of dynamic diplomacy,", "Hossein Amirabdollahian", "wrote",
               "Hossein Amirabdollahian");
    qtu_expect(&t, "develop economic cooperation.", "Hossein Amirabdollahian", "adding", NULL);
    qtu_free(&t);
}

static void test_titled_surname_resolves_to_full_name(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Senate Majority Leader Mitch McConnell opposed the veto on Tuesday.\n\n"
            "“Our assumption is that the veto will be overridden,” Mr. McConnell said.",
            NULL);
    qtu_expect(&t, "Our assumption is that the veto will be overridden,", "Mitch McConnell", "said",
               "McConnell");
    qtu_free(&t);
}

static void test_turn_without_cue_inherits_speaker(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t, "\"I love cats!\" insists Burton. \"I absolutely do.\"", NULL);
    qtu_expect(&t, "I love cats!", "Burton", "insists", "Burton");
    qtu_expect(&t, "I absolutely do.", "Burton", "insists", "Burton");
    qtu_free(&t);
}

static void test_organisation_speaks(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "\"Detectives are looking into it,\" Richmond police said in a news release Tuesday "
            "morning.",
            NULL);
    qtu_expect(&t, "Detectives are looking into it,", "Richmond police", "said", "Richmond police");
    qtu_free(&t);
}

static void test_partial_quote_without_cue_has_no_speaker(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t, "Burton thinks that cats are \"cuties\".", NULL);
    const lede_quote *q = qtu_find(&t, "cuties");
    assert_int_equal(q->kind, LEDE_QUOTE_PARTIAL);
    assert_null(q->speaker);
    qtu_free(&t);
}

static void test_scare_quote_is_partial(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Hillary Clinton said the epidemic of police killings should be recognized as "
            "“intolerable.”",
            NULL);
    const lede_quote *q = qtu_find(&t, "intolerable.");
    assert_int_equal(q->kind, LEDE_QUOTE_PARTIAL);
    assert_string_equal(q->speaker, "Hillary Clinton");
    qtu_free(&t);
}

static void test_full_quote_at_paragraph_start_is_full(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t, "“Promise mama you’ll keep your hands in sight,” Blige sings to Clinton.", NULL);
    const lede_quote *q = qtu_find(&t, "Promise mama you’ll keep your hands in sight,");
    assert_int_equal(q->kind, LEDE_QUOTE_FULL);
    qtu_free(&t);
}

/* A quotation over paragraphs whose speaker is named only after a later segment (news
 * style puts the cue after the first sentence, which may close a later paragraph's part):
 * the whole quotation is that speaker's. Found by a tester: the first part went to the
 * speaker of a scare quote before it, or to nobody. BBC, 0/politics/134.txt: */
static void test_a_speaker_named_after_a_later_segment_names_the_quotation(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Critics called it \"a sham\".\n\n\"Unclosed quote here.\n\n\"Proper quote,\" said "
            "Bob Jones.\n",
            NULL);
    qtu_expect(&t, "a sham", "Critics", "called", NULL);
    qtu_expect(&t, "Unclosed quote here.", "Bob Jones", "said", "Bob Jones");
    qtu_expect(&t, "Proper quote,", "Bob Jones", "said", "Bob Jones");
    qtu_free(&t);
    qtu_run(&t,
            "But Simon Hart of the Countryside Alliance has questioned how police will ensure "
            "there are no violations. \"The definitions of legal and illegal hunting are so "
            "blurred that the police are being asked to make impossible judgements. \"You can "
            "hunt a rat, but not a mouse, a rabbit but not a hare, an artificial scent, but not "
            "a real one,\" he said.\n",
            NULL);
    qtu_expect(&t,
               "The definitions of legal and illegal hunting are so blurred that the police are "
               "being asked to make impossible judgements.",
               "Simon Hart", "said", "he");
    qtu_free(&t);
    /* A first part whose turn came from a full quotation keeps it: the speaker after a
     * later part that ends its sentence may be the next sentence's subject. */
    qtu_run(&t,
            "\"It's not a very cool thing to do,\" she said. \"I used to love it. \"I started "
            "getting into other things.\" Ms Trew, who runs a dance school, admitted it would "
            "be \"very difficult\".\n",
            NULL);
    const lede_quote *first = qtu_find(&t, "I used to love it.");
    const lede_quote *turn = qtu_find(&t, "It's not a very cool thing to do,");
    assert_int_equal(first->speaker_start, turn->speaker_start);
    qtu_free(&t);
}

/* A quotation that opens a line after a headline is full whatever ends the headline's line:
 * LF, a lone CR, NEL or U+2028 (a review's case: with CR it was partial, without speaker). */
static void test_a_quotation_opening_a_line_after_any_line_break_is_full(void **state)
{
    (void)state;
    static const char *const breaks[] = {"\n", "\r", "\xc2\x85", "\xe2\x80\xa8"};
    for (size_t i = 0; i < sizeof breaks / sizeof breaks[0]; i++) {
        char text[160];
        snprintf(text, sizeof text,
                 "Ministers face rail strike threat%s\"We will not back down,\" said union "
                 "leader Bob Crow.\n",
                 breaks[i]);
        qtu t;
        qtu_run(&t, text, NULL);
        const lede_quote *q = qtu_find(&t, "We will not back down,");
        assert_int_equal(q->kind, LEDE_QUOTE_FULL);
        qtu_expect(&t, "We will not back down,", "Bob Crow", "said", NULL);
        qtu_free(&t);
    }
}

/* "Caddell continued:" as a paragraph of its own, the quotation opening the next (PolNeAR,
 * breitbart_2016-09-15_pat-caddell-democrat-voters-worr): the colon ends that sentence as a
 * stop would, so its subject speaks. The quotation went to no one. */
static void test_a_cue_with_a_colon_closing_the_paragraph_before_names_the_speaker(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "In offering analysis of the ongoing presidential election, longtime Democratic "
            "pollster Pat Caddell told Breitbart News Daily host Alex Marlow on Thursday how "
            "surprised he is that health has been at the forefront.\n\nCaddell continued:\n\n"
            "\"The health issue overall is very much a partisan issue.\"\n",
            NULL);
    qtu_expect(&t, "The health issue overall is very much a partisan issue.", "Pat Caddell",
               "continued", "Caddell");
    qtu_free(&t);
}

static void test_speakers_option_off_leaves_speakers_empty(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t, "Burton said, \"I love cats!\"", "speakers=false");
    const lede_quote *q = qtu_find(&t, "I love cats!");
    assert_null(q->speaker);
    assert_int_equal(q->speaker_start, LEDE_NONE);
    /* Issue #4: nor a cue, nor the confidence of one (the option's help: quotations alone). */
    assert_int_equal(q->cue_start, LEDE_NONE);
    assert_true(q->confidence > 0.49f && q->confidence < 0.51f);
    qtu_free(&t);
    /* The kinds are those found with speakers. */
    qtu_run(&t,
            "The plan is \xe2\x80\x9c"
            "dead on arrival,\xe2\x80\x9d said Ann Lee.",
            "speakers=false");
    assert_int_equal(qtu_find(&t, "dead on arrival,")->kind, LEDE_QUOTE_FULL);
    assert_null(qtu_find(&t, "dead on arrival,")->speaker);
    qtu_free(&t);
}

static void test_partial_option_off_drops_partial_quotes(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t, "Burton thinks that cats are \"cuties\". \"I love cats,\" he said.",
            "partial=false");
    assert_int_equal(t.n, 1);
    qtu_find(&t, "I love cats,");
    qtu_free(&t);
}

static void test_byline_dash_after_quote(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "“During the debate Trump said Hispanics live in hell. He is ignorant of our "
            "culture and lives.”― Pamela Padilla\n",
            NULL);
    qtu_expect(&t,
               "During the debate Trump said Hispanics live in hell. He is ignorant of our "
               "culture and lives.",
               "Pamela Padilla", NULL, "Pamela Padilla");
    qtu_free(&t);
}

static void test_quote_comma_according_to(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Yuri Ushakov, Putin’s foreign policy advisor, briefed reporters on Monday. “Putin "
            "will meet Iran’s Supreme Leader during his fifth trip to Tehran,” according to "
            "Ushakov.",
            NULL);
    qtu_expect(&t, "Putin will meet Iran’s Supreme Leader during his fifth trip to Tehran,",
               "Yuri Ushakov", "according to", "Ushakov");
    qtu_free(&t);
}

static void test_coordinated_verb_shares_the_subject(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Rakeyia Scott follows the officers with her phone. She then urges her husband to "
            "come out of the car and repeatedly says, \"Don't you do it,\" until gunshots are "
            "heard.",
            NULL);
    qtu_expect(&t, "Don't you do it,", "Rakeyia Scott", "says", "She");
    qtu_free(&t);
}

static void test_participle_after_pronoun_subject(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Howard Dean apologized on Tuesday. He then defended the remark, saying, “I don’t "
            "think this is a ridiculous idea.”",
            NULL);
    qtu_expect(&t, "I don’t think this is a ridiculous idea.", "Howard Dean", "saying", "He");
    qtu_free(&t);
}

static void test_she_skips_a_man_named_since(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Melanie thought the whole thing was outrageous. Then Donald Trump walked onto the "
            "stage.\n\n“Here he is, babe,” she said.",
            NULL);
    qtu_expect(&t, "Here he is, babe,", "Melanie", "said", "she");
    qtu_free(&t);
}

/* Antonin is a man's first name: she passes Justice Antonin Scalia by (PolNeAR breitbart
 * 2016-10-02). */
static void test_she_skips_a_justice_named_antonin(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Melanie thought the whole thing was outrageous. She had come to believe the idea "
            "that U.S. Supreme Court Justice Antonin Scalia may have been murdered in a White "
            "House plot involving a prostitute and a pillow.\n\n“Here comes Big Daddy,” she "
            "said, clapping.",
            NULL);
    qtu_expect(&t, "Here comes Big Daddy,", "Melanie", "said", "she");
    qtu_free(&t);
}

/* The clause before a relative clause's comma ends in a body's name (the United Federation
 * of Teachers): its last word is no speaker; the subject stands before that clause (PolNeAR
 * huff-post 2016-10-07). */
static void test_body_name_ending_an_appositive_is_no_speaker(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Michael Mulgrew, president of the United Federation of Teachers, which represents "
            "New York City educators, said he hopes the day of action sends a message that "
            "“communities are standing up for their public schools.”",
            NULL);
    qtu_expect(&t, "communities are standing up for their public schools.", "Michael Mulgrew",
               "said", "Michael Mulgrew");
    qtu_free(&t);
}

/* A place's name after "of" ending the clause before the cue's comma is no speaker: the
 * appositive names him (BBC entertainment/009), unless the name there is an object (PolNeAR
 * wash-post 2016-10-09); else the name before "of". */
static void test_place_after_of_before_an_appositive_is_no_speaker(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "The Bishop of Durham, the Rt Rev Dr Tom Wright, described the novel as a \"great "
            "thriller\" but said it was full of errors.",
            NULL);
    qtu_expect(&t, "great thriller", "Tom Wright", "described", "Tom Wright");
    qtu_free(&t);
    qtu_run(&t,
            "Rep. Adam B. Schiff of California, the ranking Democrat on the House Intelligence "
            "Committee, urged the administration to work with European allies to develop a "
            "\"concerted\" response.",
            NULL);
    qtu_expect(&t, "concerted", "Adam B. Schiff", "urged", "Adam B. Schiff");
    qtu_free(&t);
}

static void test_said_role_with_number_then_name(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "“The president’s rationales to veto JASTA don’t hold weight,” said 9/11 widow "
            "Terry Strada.",
            NULL);
    qtu_expect(&t, "The president’s rationales to veto JASTA don’t hold weight,", "Terry Strada",
               "said", "Terry Strada");
    qtu_free(&t);
}

static void test_quote_after_indirect_speech_goes_to_its_speaker(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "The two sides meet on 12 March at Twickenham and Kirwan says his side will be "
            "hoping to make the most of England's current slump. \"We have to make sure the "
            "England and France games are tough for them.\"",
            NULL);
    qtu_expect(&t, "We have to make sure the England and France games are tough for them.",
               "Kirwan", "says", "Kirwan");
    qtu_free(&t);
}

static void test_colon_hands_quote_to_clause_subject(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Jamie Foxx won the best actor award. He also praised the film director: \"Thank "
            "you for Taylor Hackford for taking a chance with an African-American film.\"",
            NULL);
    qtu_expect(&t,
               "Thank you for Taylor Hackford for taking a chance with an African-American "
               "film.",
               "Jamie Foxx", NULL, "He");
    qtu_free(&t);
}

static void test_phrase_behind_preposition_is_not_the_subject(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t, "Protesters marching through the streets chanted \"What curfew?\" and kept going.",
            NULL);
    qtu_expect(&t, "What curfew?", "Protesters", "chanted", "Protesters");
    qtu_free(&t);
}

static void test_adding_that_clause_is_not_a_speaker(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "In a statement, Peabody said: \"Patriot Coal was highly successful when it became "
            "an independent, publicly traded company,\" adding that its market capitalization "
            "quadrupled in less than a year.",
            NULL);
    qtu_expect(&t,
               "Patriot Coal was highly successful when it became an independent, publicly "
               "traded company,",
               "Peabody", "said", "Peabody");
    qtu_free(&t);
}

static void test_quoted_title_has_no_speaker(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t, "Burton claims that his favorite book is \"One Hundred Years of Solitude\".", NULL);
    const lede_quote *q = qtu_find(&t, "One Hundred Years of Solitude");
    assert_int_equal(q->kind, LEDE_QUOTE_PARTIAL);
    assert_null(q->speaker);
    assert_int_equal(q->speaker_start, LEDE_NONE);
    qtu_free(&t);
}

static void test_said_the_age_description(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Molik grew in confidence and won in just 56 minutes. \"Bring it on,\" said the "
            "23-year-old.",
            NULL);
    qtu_expect(&t, "Bring it on,", "Molik", "said", "the 23-year-old");
    qtu_free(&t);
}

/* BBC sport/282 and sport/217 (issue #4): "the" with modifiers before a job stands for the
 * person last named as a subject, as "he" would; the mention stays the description. */
static void test_said_the_modifier_job_is_the_last_named_person(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Manchester United's Alex Ferguson has praised his players' gutsy performance in the "
            "1-0 win at Aston Villa.\n\n\"That was our hardest away game of the season and it was "
            "a fantastic game of football, end-to-end with lots of good passing,\" said the Old "
            "Trafford boss.",
            NULL);
    qtu_expect(&t,
               "That was our hardest away game of the season and it was a fantastic game of "
               "football, end-to-end with lots of good passing,",
               "Alex Ferguson", "said", "the Old Trafford boss");
    qtu_free(&t);
    /* sport/217 (its "Man-of-the-match" left out): Steve Finnan's, a possessive, is no
     * subject; Duff is (a name inside a quotation gives no full name). */
    qtu_run(&t,
            "Kerr applauded the decisive move which earned the victory. \"It was a brilliant "
            "goal, fantastic skill by Damien Duff.\"\n\nDuff explained what went wrong when he "
            "fluffed a chance to make it 2-0 midway through the second half. He opted to bring "
            "Steve Finnan's cross down and shoot against the bar when a close-range header "
            "looked the best option. \"I would have headed that every time but I completely lost "
            "it in the lights,\" said the Chelsea star.",
            NULL);
    qtu_expect(&t, "I would have headed that every time but I completely lost it in the lights,",
               "Duff", "said", "the Chelsea star");
    qtu_free(&t);
}

/* BBC sport/153: the person last named as an object (claimed that Aizlewood had) is passed
 * by; the chairman named as the subject before speaks. */
static void test_the_job_passes_a_name_that_is_no_subject_by(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Chester have won only two of their last 10 League games but Chairman Steve Vaughan "
            "claims he cannot afford to sack the 43-year-old Liverpool legend. Vaughan claimed "
            "that Aizlewood had \"verbally agreed\" to the offer. But the Chester chairman added: "
            "\"After they discussed the offer with their solicitor, who also acts as their agent, "
            "they decided to withdraw the verbal agreement, which was disappointing.\"",
            NULL);
    qtu_expect(&t,
               "After they discussed the offer with their solicitor, who also acts as their "
               "agent, they decided to withdraw the verbal agreement, which was disappointing.",
               "Steve Vaughan", "added", "the Chester chairman");
    qtu_free(&t);
}

/* BBC entertainment/276 and politics/188: a judge, or a spokesman, is someone other than
 * the person last named. */
static void test_the_judge_and_the_spokesman_stay_unnamed(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Doherty, 25, had to be home by midnight to observe the curfew, which is one of the "
            "conditions of his bail. On Monday, the judge agreed to allow him to perform on "
            "condition that requests for changes to his bail terms were \"not too regular an "
            "occurrence\".",
            NULL);
    qtu_expect(&t, "not too regular an occurrence", "judge", "agreed", "the judge");
    qtu_free(&t);
    qtu_run(&t,
            "Scotland Yard said the policing operation had been reviewed. A spokesman said "
            "President Musharraf's safety had not been compromised, as the papers had been "
            "handed in promptly. \"We cannot discuss who was responsible for the documents, only "
            "that they contained the policing arrangements for the official visit,\" said the "
            "spokesman.",
            NULL);
    qtu_expect(&t,
               "We cannot discuss who was responsible for the documents, only that they "
               "contained the policing arrangements for the official visit,",
               "spokesman", "said", "the spokesman");
    qtu_free(&t);
}

static void test_said_one_trader(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "\"Solidere should be above $10 but because of this disaster it is falling,\" said "
            "one trader.",
            NULL);
    qtu_expect(&t, "Solidere should be above $10 but because of this disaster it is falling,",
               "one trader", "said", "one trader");
    qtu_free(&t);
}

static void test_long_role_before_name_and_cue(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "\"We need a good and feasible plan,\" National Bureau of Statistics chief Li "
            "Deshui told Reuters.",
            NULL);
    qtu_expect(&t, "We need a good and feasible plan,", "Li Deshui", "told", "Li Deshui");
    qtu_free(&t);
}

static void test_appositive_without_closing_comma(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Brent Bozell, PTC president and conservative activist said: \"MTV is blatantly "
            "selling raunchy sex to kids.\"",
            NULL);
    qtu_expect(&t, "MTV is blatantly selling raunchy sex to kids.", "Brent Bozell", "said",
               "Brent Bozell");
    qtu_free(&t);
}

static void test_it_speaks_for_the_last_named_organisation(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "The Pentagon confirmed the strike on Tuesday. \"The operation was conducted "
            "lawfully,\" it said in a statement.",
            NULL);
    qtu_expect(&t, "The operation was conducted lawfully,", "Pentagon", "said", "it");
    qtu_free(&t);
}

static void test_titled_surname_keeps_its_gender(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Elizabeth Bennet walked into the room.\n\n"
            "\"I have not the pleasure of understanding you,\" said Mr. Bennet.",
            NULL);
    qtu_expect(&t, "I have not the pleasure of understanding you,", "Mr. Bennet", "said", "Bennet");
    qtu_free(&t);
}

/* A titled surname prefers the full name whose gender is known to fit its title over a
 * later one whose first name shows no gender (BBC politics/194 and politics/184): Mr Blair
 * is Tony Blair, not Cherie Blair named since. */
static void test_titled_surname_prefers_the_name_known_to_fit(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Tony Blair has faced questions over the attorney general's advice on the Iraq "
            "war. Cherie Blair has been accused of criticising George W Bush's policies in a "
            "private address she gave during a United States lecture tour. Mr Blair said the "
            "statement was a \"fair summary\" of Lord Goldsmith's opinion.",
            NULL);
    qtu_expect(&t, "fair summary", "Tony Blair", "said", "Blair");
    qtu_free(&t);
}

static void test_titled_name_before_any_full_name_is_its_own_person(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Mrs. Bennet had five daughters. Elizabeth Bennet was the second.\n\n"
            "\"I am quite delighted with her,\" said Mrs. Bennet.",
            NULL);
    qtu_expect(&t, "I am quite delighted with her,", "Mrs. Bennet", "said", "Bennet");
    qtu_free(&t);
}

static void test_possessor_of_a_statement_speaks(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Senator John Cornyn criticized NASA's choice.\n\n"
            "Cornyn's statement added, \"There is no question Houston should have been selected "
            "as a final home for one of the orbiters.\"",
            NULL);
    qtu_expect(&t,
               "There is no question Houston should have been selected as a final home for one "
               "of the orbiters.",
               "John Cornyn", "added", "Cornyn");
    qtu_free(&t);
}

static void test_organisation_name_before_person_name_is_shed(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t, "\"Moves to reduce the backlog are welcome,\" said Refugee Council Enver Solomon.",
            NULL);
    qtu_expect(&t, "Moves to reduce the backlog are welcome,", "Enver Solomon", "said",
               "Enver Solomon");
    qtu_free(&t);
}

static void test_possessive_phrase_speaks(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t, "\"We live in Satan's kingdom,\" my father often said.", NULL);
    qtu_expect(&t, "We live in Satan's kingdom,", "my father", "said", "my father");
    qtu_free(&t);
}

static void test_as_s_put_it(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "As Steven M. Rosenthal, a tax lawyer at the Tax Policy Center, recently put it, "
            "''Did Trump lower his taxes through legal tax avoidance, or illegal tax "
            "evasion?''",
            NULL);
    qtu_expect(&t, "Did Trump lower his taxes through legal tax avoidance, or illegal tax evasion?",
               "Steven M. Rosenthal", "put it", "Steven M. Rosenthal");
    qtu_free(&t);
}

static void test_turn_goes_on_past_a_quoted_title(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "“He's absolutely right,” Flynn, a top Trump surrogate, said Thursday morning on "
            "Fox News’s “Fox and Friends.” “I mean, there's a lot of frustration within the "
            "ranks.”",
            NULL);
    qtu_expect(&t, "I mean, there's a lot of frustration within the ranks.", "Flynn", "said",
               "Flynn");
    qtu_free(&t);
}

/* BBC business/317: the words after a quotation that ends its sentence run on to a cue
 * and a colon; they introduce the next quotation, not this one (which continues Jon
 * Walton's turn). */
static void test_cue_and_colon_after_a_quote_introduce_the_next_one(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Senior business manager Jon Walton said: \"It has been phenomenal - absolutely "
            "mobbed. \"Every week footfall has been showing strong growth and at the weekends it "
            "has been going mad.\" Regent Street Association director Annie Walker said on "
            "Saturday: \"The stores were heaving today.\"",
            NULL);
    qtu_expect(&t,
               "Every week footfall has been showing strong growth and at the weekends it has "
               "been going mad.",
               "Jon Walton", "said", "Jon Walton");
    qtu_expect(&t, "The stores were heaving today.", "Annie Walker", "said", "Annie Walker");
    qtu_free(&t);
    qtu_run(&t, "John Smith said: \"We made profits today.\" Mary Jones replied: \"No.\"", NULL);
    qtu_expect(&t, "We made profits today.", "John Smith", "said", "John Smith");
    qtu_expect(&t, "No.", "Mary Jones", "replied", "Mary Jones");
    qtu_free(&t);
}

/* BBC entertainment/093: the quotation without a cue of its own goes on with Kitamura's
 * turn; "And producer Shogo Tomiyama added:" belongs to the quotation after it. */
static void test_turn_goes_on_before_a_colon_cue_of_the_next_quote(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Director Ryuhei Kitamura said it may not be Godzilla's final outing, as it has been "
            "billed. \"That's what the producers say. But the producer's a liar,\" he said. "
            "\"[Godzilla's] been working for the last 50 years. So, I think Godzilla just "
            "deserves a vacation.\" And producer Shogo Tomiyama added: \"So long as Godzilla "
            "can fascinate people, I believe he will be resurrected.\"",
            NULL);
    qtu_expect(&t,
               "[Godzilla's] been working for the last 50 years. So, I think Godzilla just "
               "deserves a vacation.",
               "Ryuhei Kitamura", "said", "he");
    qtu_expect(&t, "So long as Godzilla can fascinate people, I believe he will be resurrected.",
               "Shogo Tomiyama", "added", "Shogo Tomiyama");
    qtu_free(&t);
}

/* BBC politics/005, cut short: "Consumer" opens a sentence before a verb, but nothing
 * says it is a person; he means Ed Balls. */
static void test_he_passes_a_capitalised_common_word_by(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Ed Balls spoke. Consumer borrowing rose in January. \"I am not predicting a "
            "rise,\" he told a lunch.",
            NULL);
    qtu_expect(&t, "I am not predicting a rise,", "Ed Balls", "told", "he");
    qtu_free(&t);
}

/* BBC politics/120: "Britain's Jewish community" is no person he stands for. */
static void test_he_passes_an_adjective_before_a_noun_by(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Former Labour MP Lord Janner, who is a high profile member of Britain's Jewish "
            "community, branded Harry's action's \"stupid and evil\". He told ITV: \"The time "
            "has come for him to make a public apology.\"",
            NULL);
    qtu_expect(&t, "The time has come for him to make a public apology.", "Lord Janner", "told",
               "He");
    qtu_free(&t);
}

/* A one-word subject that speaks is one he may stand for. */
static void test_he_stands_for_a_one_word_subject_that_speaks(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t, "Burton explained the plan. \"I love cats,\" he said.", NULL);
    qtu_expect(&t, "I love cats,", "Burton", "said", "he");
    qtu_free(&t);
}

/* May and Will are auxiliaries, but capitalised after a first name or a title, or before
 * a surname, they are part of the name. */
static void test_may_and_will_inside_a_name(void **state)
{
    (void)state;
    static const char *const text[][2] = {
        {"\xE2\x80\x9CWe will not back down,\xE2\x80\x9D Theresa May said.", "Theresa May"},
        {"\xE2\x80\x9CWe will not back down,\xE2\x80\x9D Mrs May said.", "Mrs May"},
        {"\xE2\x80\x9CWe will not back down,\xE2\x80\x9D Mrs. May said.", "Mrs. May"},
        {"\xE2\x80\x9CWe will not back down,\xE2\x80\x9D Will Smith said.", "Will Smith"},
    };
    for (size_t k = 0; k < sizeof text / sizeof text[0]; k++) {
        qtu t;
        qtu_run(&t, text[k][0], NULL);
        qtu_expect(&t, "We will not back down,", text[k][1], "said", NULL);
        qtu_free(&t);
    }
}

/* BBC politics/105: the subject of a passive cue is not its speaker; "Her comments" said
 * nothing. */
static void test_subject_of_a_passive_cue_is_not_the_speaker(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Qualifications for religious leaders to enter the UK could also be made tougher, "
            "she told a Commons inquiry. Her comments have been described as \"irresponsible\" "
            "and \"outrageous\" by the Islamic Human Rights Commission.",
            NULL);
    qtu_expect(&t, "irresponsible", NULL, "described", NULL);
    qtu_free(&t);
}

/* BBC entertainment/142, sport/276, politics/075, politics/302: a capitalised job before a name is
 * no first name (Singer, Agent, MP). */
static void test_job_before_a_name_is_no_first_name(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Singer Sam Endicott said he felt \"great\" about coming top of the Sound of 2005 "
            "list.",
            NULL);
    qtu_expect(&t, "great", "Sam Endicott", "said", "Sam Endicott");
    qtu_free(&t);
    qtu_run(&t,
            "Agent Brian Hassell insists that the 31-year-old Brazilian midfielder is determined "
            "to win back his place. \"But, if the manager is not going to pick him, that's a "
            "different ball game,\" he told The Sun.",
            NULL);
    qtu_expect(&t, "But, if the manager is not going to pick him, that's a different ball game,",
               "Brian Hassell", "told", "he");
    qtu_free(&t);
    qtu_run(&t,
            "Ken Livingstone should \"stick to his guns\" and not apologise for his \"Nazi\" "
            "comment to a Jewish reporter, Tory MP Boris Johnson has insisted.\n\nMr Johnson also "
            "claimed Tony Blair's intervention in the row was \"an attempt to reassure Jewish "
            "voters\".",
            NULL);
    qtu_expect(&t, "an attempt to reassure Jewish voters", "Boris Johnson", "claimed", "Johnson");
    qtu_free(&t);
    /* BBC politics/302: a surname that is a title (King) does not hide the job before the
     * first name. */
    qtu_run(&t,
            "George Galloway is to stand against pro-Iraq war Labour MP Oona King at the next "
            "general election.\n\nMs King said she was \"delighted\" at the chance to take on "
            "Mr Galloway.",
            NULL);
    qtu_expect(&t, "delighted", "Oona King", "said", "King");
    qtu_free(&t);
}

/* BBC entertainment/093, business/108, business/354: in said ROLE S the name before a
 * lower-case job (a film, a company) is the job's modifier; the speaker follows the job. */
static void test_said_modifier_job_name(void **state)
{
    (void)state;
    static const char *const text[][3] = {
        {"\"Godzilla should thank you for this historical and monumental star,\" said Final "
         "Wars producer Shogo Tomiyama.",
         "Godzilla should thank you for this historical and monumental star,", "Shogo Tomiyama"},
        {"\"February was another good month in the manufacturing sector,\" said ISM survey "
         "chairman Norbert Ore.",
         "February was another good month in the manufacturing sector,", "Norbert Ore"},
        {"\"But it's not necessarily a really big thing in the economic sense,\" said ABN Amro "
         "chief Asian strategist Eddie Wong.",
         "But it's not necessarily a really big thing in the economic sense,", "Eddie Wong"},
    };
    for (size_t k = 0; k < sizeof text / sizeof text[0]; k++) {
        qtu t;
        qtu_run(&t, text[k][0], NULL);
        qtu_expect(&t, text[k][1], text[k][2], "said", text[k][2]);
        qtu_free(&t);
    }
}

/* BBC sport/181, sport/454, entertainment/009: a name after "the" is a place's or a thing's (the
 * Nou Camp, the Volvo Women's Open), not a person he or she stands for. */
static void test_he_passes_a_place_after_the(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Marcel Desailly insists there is no chance of history repeating itself when "
            "Chelsea take on Barcelona on Wednesday.\n\nThe French star was part of the Chelsea "
            "side crushed 5-1 at the Nou Camp in the Champions League quarter-final second leg "
            "in 2000. \"Things will be totally different this time,\" he told BBC Sport.",
            NULL);
    qtu_expect(&t, "Things will be totally different this time,", "Marcel Desailly", "told", "he");
    qtu_free(&t);
    qtu_run(&t,
            "Martina Hingis has admitted that she might consider a competitive return to tennis "
            "if an appearance in Thailand later this month goes well.\n\nThe former world number "
            "one will play at the Volvo Women's Open in Pattaya, which starts on 31 January, as "
            "part of her charity work in the region. \"The tournament is a test,\" she said.",
            NULL);
    qtu_expect(&t, "The tournament is a test,", "Martina Hingis", "said", "she");
    qtu_free(&t);
    /* BBC entertainment/009: a title after "the" still stands for a person. */
    qtu_run(&t,
            "Writing his Christmas message in the Northern Echo, the Bishop said: \"Dan Brown "
            "is the best writer I've come across in the genre.\" A great deal of credible "
            "evidence proves the Biblical version of Jesus' life was true, according to the "
            "Bishop. \"The evidence for Jesus and the origins of Christianity is astonishingly "
            "good,\" he said.",
            NULL);
    qtu_expect(&t, "The evidence for Jesus and the origins of Christianity is astonishingly good,",
               "Bishop", "said", "he");
    qtu_free(&t);
}

/* BBC politics/005 (two of its sentences): the possessive ending hides the organisation's
 * word (the Labour Party's chances), so the party is no person for "he". */
static void test_possessive_organisation_is_no_person(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "But Mr Balls, a prospective Labour MP, said he was confident the chancellor would "
            "meet his fiscal rules.\n\nHe also stressed rise in interest rates ahead of an "
            "expected May election would not affect the Labour Party's chances of winning. \"I "
            "do not believe that this will be a big election issue in Britain for Labour,\" he "
            "told a "
            "Parliamentary lunch.",
            NULL);
    qtu_expect(&t, "I do not believe that this will be a big election issue in Britain for Labour,",
               "Mr Balls", "told", "he");
    qtu_free(&t);
}

/* BBC sport/211: a job before a one-word name says it is a person's (Brazilian midfielder
 * Edu), and Real Madrid is a club. */
static void test_he_stands_for_a_one_word_name_after_a_job(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Arsenal's Brazilian midfielder Edu has hit out at the club for stalling over "
            "offering him a new contract.\n\nEdu's deal expires next summer and he has been "
            "linked with Spanish trio Real Madrid, Barcelona and Valencia. He told BBC Sport: "
            "\"I'm not sure if I want to stay or not because the club have let the situation go "
            "on this far.\"",
            NULL);
    qtu_expect(&t,
               "I'm not sure if I want to stay or not because the club have let the situation go "
               "on this far.",
               "Edu", "told", "He");
    qtu_free(&t);
}

/* A sentence-initial May before a cue verb is a name (Theresa May named before): no
 * auxiliary stands before "said". BBC has no such sentence; this is politics/116's
 * introduction of Theresa May with the cue moved to the next sentence. */
static void test_may_said_opening_a_sentence(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Theresa May, Tory shadow work and pensions secretary, spoke to the committee. May "
            "said: \"We have got to find a way that's going to ensure that money gets through.\"",
            NULL);
    qtu_expect(&t, "We have got to find a way that's going to ensure that money gets through.",
               "Theresa May", "said", "May");
    qtu_free(&t);
    qtu_run(&t,
            "Theresa May, Tory shadow work and pensions secretary, spoke to the committee. \"We "
            "have got to find a way,\" May said.",
            NULL);
    qtu_expect(&t, "We have got to find a way,", "Theresa May", "said", "May");
    qtu_free(&t);
}

/* BBC sport/217: a description capitalised by its sentence (Matchwinner, Man-of-the-match)
 * is no first name; the job after the quotation names the person it describes. */
static void test_sentence_initial_description_is_no_first_name(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Robbie Keane took his Republic record to 24 with a first-half goal which proved "
            "enough for victory. Kerr applauded the decisive move which earned the victory. "
            "Matchwinner Keane was another full of praise for Duff's role in the goal. \"It was "
            "great play from Damien,\" said the Tottenham striker.\n\nMan-of-the-match Duff "
            "explained what went wrong when he fluffed a chance to make it 2-0 midway through "
            "the second half. \"I would have headed that every time but I completely lost it in "
            "the lights,\" said the Chelsea star.",
            NULL);
    qtu_expect(&t, "It was great play from Damien,", "Robbie Keane", "said",
               "the Tottenham striker");
    qtu_expect(&t, "I would have headed that every time but I completely lost it in the lights,",
               "Duff", "said", "the Chelsea star");
    qtu_free(&t);
    /* Robbie is no description: a first name at a sentence start stays. */
    qtu_run(&t,
            "Robbie Keane scored twice. \"It was great play from Damien,\" said the Tottenham "
            "striker.",
            NULL);
    qtu_expect(&t, "It was great play from Damien,", "Robbie Keane", "said",
               "the Tottenham striker");
    qtu_free(&t);
}

/* BBC entertainment/202: said the ROLE, NAME: the name after the comma holds the job. */
static void test_said_the_role_comma_name(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "The audit office should have more power to choose what it investigated, the MPs "
            "said. The call was made in a report into the BBC's Freeview digital service. \"Our "
            "aim is not to rewrite the storyline of EastEnders but simply to ensure that the BBC "
            "is as accountable to parliament as any other organisation spending public money,\" "
            "said the committee chairman, MP Edward Leigh.",
            NULL);
    qtu_expect(&t,
               "Our aim is not to rewrite the storyline of EastEnders but simply to ensure that "
               "the BBC is as accountable to parliament as any other organisation spending "
               "public money,",
               "Edward Leigh", "said", "Edward Leigh");
    qtu_free(&t);
}

/* BBC sport/507, sport/498, entertainment/122: a noun of nationality or a job opening a name
 * is no part of it (Americans Andy Roddick, Swede Joachim Johansson, DJ Norman Cook), and a
 * name that lost one after a verb is its object (to beat Swede Daniel Persson), not the
 * subject "the world indoor champion" stands for (BBC sport/075). */
static void test_nationality_before_a_name_is_no_first_name(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Top-seeded Americans Andy Roddick and Andre Agassi survived minor scares to reach "
            "the last eight of the SAP Open.\n\nRoddick broke a racket in frustration in the "
            "third game of the second set. and afterwards was unimpressed with his form. \"I'm "
            "not playing great,\" he said.",
            NULL);
    qtu_expect(&t, "I'm not playing great,", "Andy Roddick", "said", "he");
    qtu_free(&t);
    qtu_run(&t,
            "Dent will meet Swede Joachim Johansson on Sunday after the second seed survived a "
            "tense tie-break. \"It feels like home for me, because Jaslyn lives here,\" said "
            "Johansson.",
            NULL);
    qtu_expect(&t, "It feels like home for me, because Jaslyn lives here,", "Joachim Johansson",
               "said", "Johansson");
    qtu_free(&t);
    qtu_run(&t,
            "DJ Norman Cook - aka Fatboy Slim - has said that dance music is not dead. \"The "
            "tabloid thing has been difficult at times,\" Cook said.",
            NULL);
    qtu_expect(&t, "The tabloid thing has been difficult at times,", "Norman Cook", "said", "Cook");
    qtu_free(&t);
    qtu_run(&t,
            "Britain's Jason Gardener enjoyed a double 60m success in Glasgow.\n\nGardener "
            "cruised home ahead of Scot Nick Smith to win the invitational race. He "
            "then recovered from a poor start in the second race to beat Swede Daniel Persson "
            "and Italy's Luca Verdecchia. \"It's a very hard record to break, but I believe "
            "I've trained very well,\" said the world indoor champion.",
            NULL);
    qtu_expect(&t, "It's a very hard record to break, but I believe I've trained very well,",
               "Jason Gardener", "said", "the world indoor champion");
    qtu_free(&t);
}

/* It and they stand for an organisation of one word that speaks (BBC tech/112: Sony has
 * said; business/092: Turkcell said, not Parliament in the paragraph before), not for a
 * country (business/459: Deloitte said the UK economy), and look back no further than the
 * paragraph before (tech/186: Google told the BBC News website, three paragraphs up). */
static void test_it_stands_for_an_organisation_that_speaks(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Fans of the Gran Turismo series in Europe are going to have to wait until next year "
            "for the latest version. Sony has said that the PAL version of GT4 will not be ready "
            "for Christmas. \"The product is localised into 13 different languages across the "
            "PAL territories, therefore the process takes considerably longer than it does in "
            "Japan,\" it said.",
            NULL);
    qtu_expect(&t,
               "The product is localised into 13 different languages across the PAL territories, "
               "therefore the process takes considerably longer than it does in Japan,",
               "Sony", "said", "it");
    qtu_free(&t);
    qtu_run(&t,
            "They say that Turkcell is a security risk because of alleged business ties with "
            "Israel. Parliament as a whole - dominated by religious conservatives - will vote on "
            "the ruling on Tuesday.\n\nTurkcell said the ruling would \"make more difficult... "
            "Turkcell's financial consolidation of Irancell\" because its stake would be reduced "
            "to less than 50%. \"If management control and financial consolidation of Irancell "
            "cannot be achieved... the realisation of the project will become risky,\" it warned "
            "in a statement.",
            NULL);
    qtu_expect(&t,
               "If management control and financial consolidation of Irancell cannot be "
               "achieved... the realisation of the project will become risky,",
               "Turkcell", "warned", "it");
    qtu_free(&t);
    qtu_run(&t,
            "In its quarterly economic review, Deloitte said the UK economy had enjoyed a "
            "\"golden period\" during the past decade.\n\nBut it warned that this growth had "
            "been achieved at the expense of creating major \"imbalances\" in the economy.",
            NULL);
    qtu_expect(&t, "imbalances", "Deloitte", "warned", "it");
    qtu_free(&t);
}

static void test_it_looks_back_one_paragraph(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "The Paris-based pressure group said the English-language news site had been "
            "unavailable for the past 10 days. Google told the BBC News website it was aware of "
            "the problems and was investigating the causes.\n\nChina is believed to extend "
            "greater censorship over the net than any other country in the world.\n\nA net "
            "police force monitors websites and e-mails. And all 110,000 net cafes in the "
            "country have to use software to control access to websites considered harmful or "
            "subversive.\n\n\"China is censoring Google News to force internet users to use the "
            "Chinese version of the site,\" said the group in a statement. \"By agreeing to "
            "launch a news service that excludes publications disliked by the government, Google "
            "has let itself be used by Beijing,\" it said.",
            NULL);
    qtu_expect(&t,
               "By agreeing to launch a news service that excludes publications disliked by the "
               "government, Google has let itself be used by Beijing,",
               NULL, "said", "it");
    qtu_free(&t);
}

/* BBC politics/025: the seat of an MP (Labour MP for Hornsey and Wood Green) is no person
 * she may stand for. */
static void test_she_passes_the_seat_of_an_mp_by(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Barbara Roche said an organisation should monitor and publish figures and be "
            "independent of government.\n\nMs Roche, Labour MP for Hornsey and Wood Green, "
            "believes legal migration is something we should welcome. She went on: \"What I "
            "would like to see is there being a body which actually looked at the figures.\"",
            NULL);
    qtu_expect(&t,
               "What I would like to see is there being a body which actually looked at the "
               "figures.",
               "Barbara Roche", "went on", "She");
    qtu_free(&t);
}

/* A name right before the cue after "at", "of", "from", "for" is no subject (BBC
 * business/171: Anais Faraj, an analyst at Nomura told; business/119: Howard Archer,
 * economist at Global Insight said); an organisation's head word before "of" or "for"
 * makes one name (business/166: the Department for Transport said); a spokeswoman for an
 * organisation leaves it the speaker (politics/061). */
static void test_name_after_a_preposition_is_no_subject(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "\"There is a whiff of a sweetener in there,\" Anais Faraj, an analyst at Nomura "
            "told the BBC's World Business Report.",
            NULL);
    qtu_expect(&t, "There is a whiff of a sweetener in there,", "Anais Faraj", "told",
               "Anais Faraj");
    qtu_free(&t);
    qtu_run(&t,
            "Howard Archer, economist at Global Insight said the MPC \"may well consider that the "
            "balance of risks\" had changed.",
            NULL);
    qtu_expect(&t, "may well consider that the balance of risks", "Howard Archer", "said",
               "Howard Archer");
    qtu_free(&t);
    qtu_run(&t,
            "\"We've always said we are going to introduce a hybrid Bill for Crossrail in the "
            "Spring and this remains the case,\" the Department for Transport said on Sunday.",
            NULL);
    qtu_expect(&t,
               "We've always said we are going to introduce a hybrid Bill for Crossrail in the "
               "Spring and this remains the case,",
               "Department for Transport", "said", "Department for Transport");
    qtu_free(&t);
    /* PolNeAR west-journal_2016-10-17: the subject further than a few words after the
     * quotation still takes the cue past what it is of. */
    qtu_run(&t,
            "“I think what’s happening is this is a highly contested election, and it’s going to "
            "be fought all the way to the finish,” Trump running mate Gov. Mike Pence of Indiana "
            "told Fox News Sunday.",
            NULL);
    qtu_expect(&t,
               "I think what’s happening is this is a highly contested election, and it’s going "
               "to be fought all the way to the finish,",
               "Mike Pence", "told", "Mike Pence");
    qtu_free(&t);
    qtu_run(&t,
            "A spokeswoman for Royal Mail said: \"We are investigating a problem with the "
            "delivery route in the Mowden area of Darlington.\"",
            NULL);
    qtu_expect(&t,
               "We are investigating a problem with the delivery route in the Mowden area of "
               "Darlington.",
               "Royal Mail", "said", "Royal Mail");
    qtu_free(&t);
}

/* He goes on with the subject, not with a possessive inside the verb's object (BBC
 * politics/100: Stephen Jakobi said there were similarities between Mr Mubanga's account
 * ...), nor with the tail of a body's name (politics/119: Trevor Phillips, chair of the
 * Commission for Racial Equality, praised Lord Scarman's "ability to listen"). */
static void test_he_passes_an_object_possessive_by(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Martin Mubanga, 32, was released in January.\n\nBut Fair Trials Abroad director "
            "Stephen Jakobi said there were similarities between Mr Mubanga's account and those "
            "of other Guantanamo detainees. He said: \"The pattern is the same.\"",
            NULL);
    qtu_expect(&t, "The pattern is the same.", "Stephen Jakobi", "said", "He");
    qtu_free(&t);
    qtu_run(&t,
            "Distinguished lawyer Lord Scarman has died aged 93.\n\nTrevor Phillips, chair of "
            "the Commission for Racial Equality, praised Lord Scarman's \"ability to listen\". "
            "He said: \"When Lord Scarman toured the streets of Brixton his presence was "
            "electrifying.\"",
            NULL);
    qtu_expect(&t, "When Lord Scarman toured the streets of Brixton his presence was electrifying.",
               "Trevor Phillips", "said", "He");
    qtu_free(&t);
}

/* A quotation that ends its sentence, then a sentence whose cue goes on into a clause of its
 * own: that sentence reports something else (BBC business/102: The company says it no longer
 * tolerates such practices; the quotation is Carol Lam's, introduced before it). */
static void test_new_statement_after_a_quotation_is_not_its_attribution(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Prosecuting attorney Carol Lam said: \"All US companies should take note that "
            "attempting to bribe foreign officials is criminal conduct and will be appropriately "
            "prosecuted.\" The company says it no longer tolerates such practices.",
            NULL);
    qtu_expect(&t,
               "All US companies should take note that attempting to bribe foreign officials is "
               "criminal conduct and will be appropriately prosecuted.",
               "Carol Lam", "said", "Carol Lam");
    qtu_free(&t);
    /* BBC business/425: a number opens the clause (said 12 senior executives ...); the
     * turn goes on from said ORG president and chief executive NAME. */
    qtu_run(&t,
            "\"With the completion of our restatements we have a solid foundation on which to "
            "move forward with our business,\" said Nortel president and chief executive Bill "
            "Owens. \"The restatement has been a monumental task, both complex and demanding.\" "
            "The company also said 12 senior executives - none of whom were involved directly in "
            "the accounting of the revised figures - have voluntarily agreed to repay bonuses.",
            NULL);
    qtu_expect(&t,
               "With the completion of our restatements we have a solid foundation on which to "
               "move forward with our business,",
               "Bill Owens", "said", "Bill Owens");
    qtu_expect(&t, "The restatement has been a monumental task, both complex and demanding.",
               "Bill Owens", "said", "Bill Owens");
    qtu_free(&t);
}

/* No cue of its own, and someone else named as the subject of a cue in between: the
 * quotation is that speaker's, not the previous quotation's (BBC tech/297). */
static void test_turn_ends_at_a_cue_of_someone_else(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Mr Jobs said it would appeal to people thinking of changing operating systems. "
            "\"People who are thinking of switching will have no more excuses,\" he said. "
            "\"It's the newest and most affordable Mac ever.\" The new computer has been the "
            "subject of speculation for several weeks. Ian Harris, deputy editor of UK magazine "
            "Mac Format, said the machine would appeal to PC-owning consumers who had purchased "
            "an iPod.\n\n\"They want a further taste of Mac because they like what they have "
            "seen with iPod.\" Harris added: \"Everybody thought that Apple was happy to remain "
            "a niche maker of luxury computers.\"",
            NULL);
    qtu_expect(&t,
               "They want a further taste of Mac because they like what they have seen with "
               "iPod.",
               "Ian Harris", "said", "Ian Harris");
    qtu_free(&t);
}

/* A cue verb and a colon right before a quotation that ends its sentence attribute it,
 * whatever the next sentence's cue (BBC politics/067): "... legislation." Jim Parton ...
 * said the new proposals ... is John Ison's. */
static void test_colon_cue_before_a_quotation_wins(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "The government's proposals have met with disapproval from fathers' rights groups. "
            "John Ison, from the controversial group Fathers 4 Justice, said: \"It is very "
            "disappointing. What we have got is a cynical case of recycling existing "
            "legislation.\" Jim Parton, from Families Need Fathers, said the new proposals "
            "\"lacked compulsion\".",
            NULL);
    qtu_expect(&t,
               "It is very disappointing. What we have got is a cynical case of recycling "
               "existing legislation.",
               "John Ison", "said", "John Ison");
    qtu_free(&t);
}

/* The subject of a clause is the name after a job, not the job's modifier before it (BBC
 * politics/189): Earlier Tory leader Michael Howard sent ..., saying: */
static void test_clause_subject_is_the_name_after_a_job(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Earlier Tory leader Michael Howard sent Mr Bush his \"warmest congratulations\", "
            "saying: \"We look to the president to be a unifying force for those all over the "
            "world who share our determination to defend freedom.\"",
            NULL);
    qtu_expect(&t,
               "We look to the president to be a unifying force for those all over the world "
               "who share our determination to defend freedom.",
               "Michael Howard", "saying", "Michael Howard");
    qtu_free(&t);
}

/* said the JOB of X, NAME: the job's holder is named after what the job is of (BBC
 * politics/020), not the person named before. */
static void test_said_the_job_of_a_body_comma_name(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Sir Mike Tomlinson himself was briefed only this week. But the government was said "
            "to be still rewriting its response on Friday. \"It will be a tragedy if the "
            "government comes through with a half-hearted response,\" said the chairman of the "
            "Commons education select committee, Labour MP Barry Sheerman.",
            NULL);
    qtu_expect(&t,
               "It will be a tragedy if the government comes through with a half-hearted "
               "response,",
               "Barry Sheerman", "said", "Barry Sheerman");
    qtu_free(&t);
}

/* He goes on with the subject, not a name after a preposition in the sentence's object
 * (BBC sport/198: "particularly on Jose Antonio Reyes"); such a name is taken only when no
 * other candidate is in reach (the second text). */
static void test_he_passes_a_name_after_a_preposition_by(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "But Edu was highly critical of the ferocity of some of United's challenges during "
            "the game, particularly on Jose Antonio Reyes. \"I think we were a lot fairer in "
            "the tackles than United,\" he said.",
            NULL);
    qtu_expect(&t, "I think we were a lot fairer in the tackles than United,", "Edu", "said", "he");
    qtu_free(&t);
    qtu_run(&t,
            "The club held talks with Gordon Strachan on Saturday. \"It is not the right job "
            "for me,\" he said.",
            NULL);
    qtu_expect(&t, "It is not the right job for me,", "Gordon Strachan", "said", "he");
    qtu_free(&t);
}

/* A run in the headline a document opens with names no one for later mentions (BBC
 * tech/300: "Apple Mac" is no full name for the he after Ian Fogg); in PolNeAR's title-case
 * headline ending in a full stop, RT is no surname of "Abruptly Drops Russian Network RT". A
 * headline's speaker still is its own run's (the last text). */
static void test_headline_run_names_no_one_later(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Apple Mac mini gets warm welcome\n\n"
            "The Mac mini has been welcomed by Apple fans, industry experts and PC users.\n\n"
            "Ian Fogg, broadband and personal technology analyst at Jupiter Research, agreed "
            "that the Mac mini could be very popular. \"Apple has been hoping that sales of the "
            "iPod will have a halo effect on the sales of the Mac,\" he said.",
            NULL);
    qtu_expect(&t,
               "Apple has been hoping that sales of the iPod will have a halo effect on the sales "
               "of the Mac,",
               "Ian Fogg", "said", "he");
    qtu_free(&t);
    qtu_run(&t,
            "British Bank Abruptly Drops Russian Network RT's Accounts.\n\n"
            "In a statement on its website, RT called the bank's decision \"incomprehensible "
            "and without warning.\"",
            NULL);
    qtu_expect(&t, "incomprehensible and without warning.", "RT", "called", "RT");
    qtu_free(&t);
    qtu_run(&t,
            "A lesson from Loretta Lynch: 'Be the voice that people hear.'\n\n"
            "As a summer associate at a North Carolina law firm, she was asked to a dinner.",
            NULL);
    qtu_expect(&t, "Be the voice that people hear.", "Loretta Lynch", NULL, "Loretta Lynch");
    qtu_free(&t);
}

/* A run right before a lower-case job and a name is the job's modifier, no person (BBC
 * sport/037): "the Olympic 100m" is no Olympic of "Former Olympic", and he is Michael
 * Johnson. */
static void test_modifier_of_a_job_is_no_person(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Former Olympic champion Michael Johnson has accused Britain's top sprinters of "
            "lacking pride and ambition.\n\n"
            "Johnson was involved in a verbal spat with Britain's Darren Campbell earlier this "
            "year. The American had cast doubt on Campbell's claims he had torn a hamstring in "
            "the wake of his failure to reach the Olympic 100m and 200m finals.\n\n"
            "And the American remains highly critical of aspects of British sprinting. \"The "
            "only time you see British sprinters getting upset or riled is when there is a "
            "debate as to which one is better than the other,\" he claimed.",
            NULL);
    qtu_expect(&t,
               "The only time you see British sprinters getting upset or riled is when there is "
               "a debate as to which one is better than the other,",
               "Michael Johnson", "claimed", "he");
    qtu_free(&t);
}

/* A first name that is also a law's or a place's word (Bill, a Finance Bill) opens a
 * person's name of two words (BBC business/307): Mr Gammell is Bill Gammell. The Finance
 * Bill keeps its reading: no person. */
static void test_first_name_that_ends_laws_opens_a_name(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Chief executive Bill Gammell said the government had broken its agreement.\n\n"
            "\"Cairn refutes the government's position,\" Mr Gammell said.",
            NULL);
    qtu_expect(&t, "Cairn refutes the government's position,", "Bill Gammell", "said", "Gammell");
    qtu_free(&t);
    qtu_run(&t, "The Finance Bill was passed on Friday.\n\n\"It is a disgrace,\" Bill said.", NULL);
    qtu_expect(&t, "It is a disgrace,", "Bill", "said", "Bill");
    qtu_free(&t);
}

/* A surname with a particle (BBC entertainment/208): Le Bon, named after Simon Le Bon, is
 * he, not a name of its own; Al Gore's Al is a first name. */
static void test_surname_with_a_particle_resolves(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Simon Le Bon said earlier this year that the group were not trying to update "
            "their sound too much. Le Bon also said the five members were getting on very "
            "well. \"We're like any people who get very close.\"\n\n"
            "\"Nobody else does it for me,\" Le Bon said.",
            NULL);
    qtu_expect(&t, "We're like any people who get very close.", "Simon Le Bon", "said", "Le Bon");
    qtu_expect(&t, "Nobody else does it for me,", "Simon Le Bon", "said", "Le Bon");
    qtu_free(&t);
    qtu_run(&t, "Bill Gore left early.\n\n\"We won,\" Al Gore said.", NULL);
    qtu_expect(&t, "We won,", "Al Gore", "said", "Al Gore");
    qtu_free(&t);
}

/* A day's possessive is no name (PolNeAR wash-post_2016-10-19_so-guess-who-s): the
 * participle's subject is Trump, never Saturday. */
static void test_a_day_is_never_a_speaker(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Donald Trump spoke in Ohio.\n\n"
            "After Saturday's firebombing of a county GOP office in North Carolina, Trump "
            "inflamed tensions by saying, \"Animals representing Hillary Clinton and Dems in "
            "North Carolina just firebombed our office.\"",
            NULL);
    qtu_expect(&t,
               "Animals representing Hillary Clinton and Dems in North Carolina just "
               "firebombed our office.",
               "Donald Trump", "saying", "Trump");
    qtu_free(&t);
}

/* A description with a job stands for the person the text gave that job (PolNeAR
 * politico_2016-09-17_de-blasio-says, BBC politics/218): the mayor is Mayor Bill de
 * Blasio, not the Chelsea named since; the prime minister is no Deputy Prime Minister. */
static void test_description_takes_the_person_given_its_job(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Twenty-nine people were injured tonight in a densely packed Chelsea neighborhood "
            "by an explosion that Mayor Bill de Blasio described as \"an intentional act.\"\n\n"
            "At a press conference in Chelsea, the mayor also said that it was too early to "
            "tell.\n\n"
            "\"We do not see a link to terrorism,\" the mayor said.",
            NULL);
    qtu_expect(&t, "We do not see a link to terrorism,", "Bill de Blasio", "said", "the mayor");
    qtu_free(&t);
    qtu_run(&t,
            "It claims Tony Blair felt by November 2003 he had lost voters' trust. And that at "
            "a dinner hosted by Deputy Prime Minister John Prescott he told Mr Brown of his "
            "intention to stand down. According to Mr Peston the prime minister said: \"Help "
            "me to get through the year and I will then stand down.\"",
            NULL);
    const lede_quote *q =
        qtu_find(&t, "Help me to get through the year and I will then stand down.");
    assert_true(q->speaker == NULL || strcmp(q->speaker, "John Prescott") != 0);
    qtu_free(&t);
}

/* She stands for no organisation (PolNeAR west-journal_2016-10-19_wikileaks-shows): an
 * Initiative, a Trust, a Society is a body's name. */
static void test_she_passes_a_body_by(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "\u201cJust want to make sure someone has coordinated with you on hrc speech set "
            "up,\u201d aide Huma Abedin wrote to some Clinton Global Initiative employees "
            "coordinating an event.\n\n"
            "\u201cShe won\u2019t be able to give it in the round like (Bill Clinton) does "
            "walking around with microphone,\u201d she said.",
            NULL);
    qtu_expect(&t,
               "She won\u2019t be able to give it in the round like (Bill Clinton) does walking "
               "around with microphone,",
               "Huma Abedin", "said", "she");
    qtu_free(&t);
}

/* He after a sentence a description opens stands for what the description does (BBC
 * sport/200: "The United boss said ..." is Alex Ferguson, not Ruud van Nistelrooy named in
 * it); a spokesman stands as himself (tech/275: not the Consumer Electronics Show). */
static void test_he_after_a_description_subject(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Sir Alex Ferguson has called on the Football Association to punish Arsenal's "
            "Thierry Henry for an incident involving Gabriel Heinze.\n\n"
            "Ferguson believes Henry deliberately caught Heinze on the head with his knee during "
            "United's controversial win. The United boss said it was worse than Ruud van "
            "Nistelrooy's foul on Ashley Cole for which he got a three-game ban. \"We shall "
            "present it to the FA and see what they do. The tackle on Heinze was terrible,\" he "
            "said.",
            NULL);
    qtu_expect(
        &t,
        "We shall present it to the FA and see what they do. The tackle on Heinze was terrible,",
        "Alex Ferguson", "said", "he");
    qtu_free(&t);
    qtu_run(&t,
            "Ultra-wideband was on show at the Consumer Electronics Show in Las Vegas. By "
            "contrast a preliminary Ofcom report found that it would be quite straight-forward "
            "to deploy UWB without causing problems for those that already use it. The Ofcom "
            "spokesman said it was considering imposing a \"mask\" or set of technical "
            "restrictions on UWB-using devices. \"We would want these devices to have very "
            "strict controls on power levels so they can not transmit a long way or over a wide "
            "area,\" he said.",
            NULL);
    qtu_expect(&t,
               "We would want these devices to have very strict controls on power levels so they "
               "can not transmit a long way or over a wide area,",
               "Ofcom spokesman", "said", "he");
    qtu_free(&t);
}

/* A description's job given in lower case before a name counts as well (BBC politics/046):
 * The Tory leader is Tory leader Michael Howard, not Mr Blunkett named since. */
static void test_description_takes_a_job_in_lower_case(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "On Wednesday during Prime Minister's Questions, Tory leader Michael Howard went on "
            "the offensive over comments Mr Blunkett is alleged to have made in a new biography. "
            "Mr Howard said Mr Blunkett had complained he had inherited a \"giant mess\" when he "
            "took over at the Home Office from Jack Straw, now foreign secretary. The Tory "
            "leader went on: \"He doesn't stop there: he thinks the culture secretary's weak.\"",
            NULL);
    qtu_expect(&t, "He doesn't stop there: he thinks the culture secretary's weak.",
               "Michael Howard", "went on", "The Tory leader");
    qtu_free(&t);
}

/* Issue #4, seventh session: huff-post 2016-10-07 (PolNeAR) puts a no-break space between a
 * sentence's full stop and the quotation after it; it was read as a partial quotation inside
 * the sentence, with no speaker. A thin, a narrow no-break space and a tab do the same. */
static void test_no_break_space_before_a_quotation_keeps_its_speaker(void **state)
{
    (void)state;
    static const char *const spaces[] = {"\xc2\xa0", "\xe2\x80\x89", "\xe2\x80\xaf", "\t", " "};
    for (size_t i = 0; i < sizeof spaces / sizeof spaces[0]; i++) {
        char text[512];
        snprintf(text, sizeof text,
                 "Palmer is so frustrated that New York state is shortchanging funds for public "
                 "education.%s\xe2\x80\x9cWe need the money in order for the school to go "
                 "forward,\xe2\x80\x9d said Joseph, who has four children.",
                 spaces[i]);
        qtu t;
        qtu_run(&t, text, NULL);
        const char *s = "We need the money in order for the school to go forward,";
        assert_int_equal(qtu_find(&t, s)->kind, LEDE_QUOTE_FULL);
        qtu_expect(&t, s, "Joseph", "said", "Joseph");
        qtu_free(&t);
    }
}

/* A quotation interrupted by its attribution goes on after a no-break space as after a
 * space (quotes.c interrupted()). */
static void test_no_break_space_after_an_interrupting_attribution(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "\xe2\x80\x9cI am not afraid,\xe2\x80\x9d said Lydia,\xc2\xa0\xe2\x80\x9c"
            "for though I am the youngest, I\xe2\x80\x99m the tallest.\xe2\x80\x9d",
            NULL);
    assert_int_equal(t.n, 2);
    assert_int_equal(t.q[1].continues, 0);
    assert_int_equal(t.q[1].kind, LEDE_QUOTE_FULL);
    qtu_free(&t);
}

/* Issue #4: a quotation that ends in a comma inside its marks, followed by its cue and
 * speaker, is the speaker's direct quotation, full and attributed, even when the writer's
 * sentence leads into it (PolNeAR breitbart 2016-09-30, Jeh Johnson; nyt 2016-09-16, David
 * Kamin; politico's Steve Mosko). */
static void test_comma_quotation_followed_by_its_cue_is_full(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Johnson said local election officials should reach out to the federal government "
            "to learn how to protect computer systems. With thousands of vote counting "
            "systems, \xe2\x80\x9cthere is no one single point of failure,\xe2\x80\x9d he said. "
            "But to prevent problems, he said, local officials should ask for help.",
            NULL);
    const char *s = "there is no one single point of failure,";
    assert_int_equal(qtu_find(&t, s)->kind, LEDE_QUOTE_FULL);
    qtu_expect(&t, s, "Johnson", "said", "he");
    qtu_free(&t);

    qtu_run(&t,
            "David Kamin, an outside adviser to the campaign on tax and budget issues, said "
            "that the campaign was taking a close look.\n\nAs for complexity, ''broadening the "
            "base and closing loopholes for the wealthy inevitably involve a certain amount of "
            "administration,'' said Mr. Kamin, who emphasized that her proposals would "
            "simplify returns.",
            NULL);
    s = "broadening the base and closing loopholes for the wealthy inevitably involve a "
        "certain amount of administration,";
    assert_int_equal(qtu_find(&t, s)->kind, LEDE_QUOTE_FULL);
    qtu_expect(&t, s, "David Kamin", "said", "Kamin");
    qtu_free(&t);

    /* The options keep it as the full quotation it is; the scare quote after it is left. */
    const char *text = "Oz is \xe2\x80\x9csmart as hell,\xe2\x80\x9d Steve Mosko wrote in an "
                       "email to the NFL Network\xe2\x80\x99s Rich Eisen, and \xe2\x80\x9c"
                       "full of s---.\xe2\x80\x9d";
    qtu_run(&t, text, "partial=false");
    assert_int_equal(t.n, 1);
    assert_int_equal(t.q[0].kind, LEDE_QUOTE_FULL);
    qtu_expect(&t, "smart as hell,", "Steve Mosko", "wrote", "Steve Mosko");
    qtu_free(&t);
    /* No cue after the comma: still a partial quotation, left out by the options. */
    qtu_run(&t,
            "Clinton, the Democratic presidential nominee \xe2\x80\x9cis dogged, resilient,"
            "\xe2\x80\x9d critics concede.",
            "partial=false");
    assert_int_equal(t.n, 0);
    qtu_free(&t);
}

/* Issue #4: a job after an outlet's name (CNN host Jake Tapper, PolNeAR's MSNBC host Chris
 * Matthews) makes the outlet the job's modifier, no speaker. */
static void test_host_after_an_outlet_names_the_speaker(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "\xe2\x80\x9cI thought that Mike Pence did all the things right that Donald Trump "
            "did wrong,\xe2\x80\x9d said MSNBC host Chris Matthews. \xe2\x80\x9cIt is ok,"
            "\xe2\x80\x9d said CNN host Jake Tapper.",
            NULL);
    qtu_expect(&t,
               "I thought that Mike Pence did all the things right that Donald Trump did wrong,",
               "Chris Matthews", "said", "Chris Matthews");
    qtu_expect(&t, "It is ok,", "Jake Tapper", "said", "Jake Tapper");
    qtu_free(&t);
}

/* Issue #4: breitbart 2016-10-12 (PolNeAR) credited the Washington Post's words to Hillary
 * Clinton: "daily" and "family" end in -ly but are no adverbs, and US is no "us". */
static void test_the_influential_us_daily_wrote(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Washington (AFP) \xe2\x80\x93 The Washington Post on Thursday became the latest US "
            "newspaper to emphatically endorse Hillary Clinton for the White House, saying it "
            "was swayed as much by her competence as by the alarming specter of a Donald Trump "
            "presidency.\n\n\xe2\x80\x9cHillary Clinton has the potential to be an excellent "
            "president of the United States, and we endorse her without hesitation,\xe2\x80\x9d "
            "the influential US daily wrote.\n\n\xe2\x80\x9cWe are devastated,\xe2\x80\x9d the "
            "family said.",
            NULL);
    qtu_expect(&t,
               "Hillary Clinton has the potential to be an excellent president of the United "
               "States, and we endorse her without hesitation,",
               "influential US daily", "wrote", "the influential US daily");
    qtu_expect(&t, "We are devastated,", "family", "said", "the family");
    qtu_free(&t);
}

/* Issue #4: BBC tech/004 credited three of Nicholas Negroponte's quotations to the
 * programme he spoke to: a name after a programme, a paper or a work is no person's. */
static void test_he_passes_the_name_of_a_programme_by(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Nicholas Negroponte, chairman and founder of MIT's Media Labs, says he is developing "
            "a laptop PC that will go on sale for less than $100.\n\nHe told the BBC World "
            "Service programme Go Digital he hoped it would become an education tool in "
            "developing countries. He said one laptop per child could be \" very important to "
            "the development of not just that child but now the whole family, village and "
            "neighbourhood\".",
            NULL);
    qtu_expect(&t,
               "very important to the development of not just that child but now the whole "
               "family, village and neighbourhood",
               "Nicholas Negroponte", "said", "He");
    qtu_free(&t);
}

/* Issue #4: nyt 2016-09-30 (PolNeAR) named Joseph R. Biden Jr. and then quoted Mr. Biden, who
 * was no one: the suffix had taken the surname's place. */
static void test_surname_before_a_suffix_resolves(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Speaking to students at Drexel University in Philadelphia this week, Vice "
            "President Joseph R. Biden Jr. responded to Mr. Trump's debate interjection that "
            "not paying taxes made him ''smart.''\n\n''Tell that to the janitor in here who's "
            "paying taxes,'' Mr. Biden said.",
            NULL);
    qtu_expect(&t, "Tell that to the janitor in here who's paying taxes,", "Joseph R. Biden Jr.",
               "said", "Biden");
    qtu_free(&t);
    qtu_run(&t, "\"We will win,\" said Martin Luther King III.", NULL);
    qtu_expect(&t, "We will win,", "Martin Luther King III", "said", "Martin Luther King");
    qtu_free(&t);
}

/* The pronoun after a quotation found full by its cue stands for someone named before its
 * sentence, not for whom the writer's words before the marks name (BBC politics/110: Mr
 * Blair's government was a "...," he added: Michael Howard), unless those words hold a cue
 * of their own (BBC entertainment/371: Arnold ... described her victory as "...," she said). */
static void test_pronoun_after_a_lead_in_is_no_one_it_names(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Tony Blair has had the chance to tackle the problems facing Britain and has failed, "
            "Michael Howard has said.\n\n\"Britain is heading in the wrong direction\", the "
            "Conservative leader said in his New Year message. Mr Blair's government was a "
            "\"bossy, interfering government that takes decisions that should be made by "
            "individuals,\" he added.",
            NULL);
    const char *s = "bossy, interfering government that takes decisions that should be made by "
                    "individuals,";
    assert_int_equal(qtu_find(&t, s)->kind, LEDE_QUOTE_FULL);
    qtu_expect(&t, s, "Michael Howard", "added", "he");
    qtu_free(&t);
    qtu_run(&t,
            "British director Andrea Arnold has won an Oscar for her short film Wasp. It stars "
            "actress Nathalie Press, who appeared in the Bafta-winning drama My Summer Of Love, "
            "as a single mother. Arnold, from Dartford in Kent, described her victory as "
            "\"truly overwhelming. I'm really not used to this kind of thing,\" she said, after "
            "receiving her Oscar from actor Jeremy Irons.",
            NULL);
    qtu_expect(&t, "truly overwhelming. I'm really not used to this kind of thing,",
               "Andrea Arnold", "said", "she");
    qtu_free(&t);
}

/* "host" names a job after an outlet (CNN host Jake Tapper) but not after a team, where it
 * is a verb (BBC sport/358: Sale host Bath ... he told BBC Sport). */
static void test_a_team_that_hosts_names_no_person(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Sale Sharks director of rugby Philippe Saint-Andre has re-opened rugby's "
            "club-versus-country debate.\n\nSale host Bath in the Powergen Cup on Friday, but "
            "the Frenchman has endured a \"difficult week\" with six players away on England's "
            "Six Nations training camp. \"If five players or more are picked for your country "
            "they should move the date of the game,\" he told BBC Sport.",
            NULL);
    qtu_expect(&t,
               "If five players or more are picked for your country they should move the date "
               "of the game,",
               "Philippe Saint-Andre", "told", "he");
    qtu_free(&t);
}

/* "advises" is a cue (PolNeAR usa-today 2016-11-07), and a partial quotation ending in a
 * comma before it is full: "know your triggers," she advises. */
static void test_advises_psychologist(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "This can make people feel empowered, adds psychologist Mary Alvord. People want "
            "their feelings to be heard and acknowledged, says Palmiter. \"Talk to other people "
            "who you think are positive and support you,\" advises psychologist Alvord.",
            NULL);
    qtu_expect(&t, "Talk to other people who you think are positive and support you,",
               "Mary Alvord", "advises", "Alvord");
    qtu_free(&t);
}

/* A no-break space inside a name (PolNeAR huff-post 2016-11-02: nominee\u00a0Donald\u00a0Trump)
 * is shown as a space in the speaker. */
static void test_no_break_space_inside_a_name_is_a_space(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Voter fraud allegations have been a regular feature this election. Republican "
            "presidential nominee\xc2\xa0"
            "Donald\xc2\xa0Trump has repeatedly insisted that\xc2\xa0the election is rigged "
            "against him. \xe2\x80\x9cIt is rigged,\xe2\x80\x9d he said.",
            NULL);
    qtu_expect(&t, "It is rigged,", "Donald Trump", "said", "he");
    qtu_free(&t);
}

/* A title quoted before its comma is no quotation its cue makes full (PolNeAR wash-post
 * 2016-09-26, nyt 2016-09-25). */
static void test_title_before_a_comma_and_a_cue_stays_a_title(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "In an interview on CBS's \"Face the Nation,\" House Speaker Paul D. Ryan (R-Wis.) "
            "said the recent spate of police shootings was troubling.\n\nMs. LaBelle got a huge "
            "roar from the crowd when, at the end of her emotional rendition of the civil rights "
            "anthem ''A Change Is Gonna Come,'' she added the words, ''Hillary Clinton.''",
            NULL);
    assert_int_equal(qtu_find(&t, "Face the Nation,")->kind, LEDE_QUOTE_PARTIAL);
    qtu_expect(&t, "Face the Nation,", NULL, NULL, NULL);
    assert_int_equal(qtu_find(&t, "A Change Is Gonna Come,")->kind, LEDE_QUOTE_PARTIAL);
    qtu_free(&t);
}

/* "blurted" is a cue (PolNeAR nyt 2016-10-30), with a suffixed name before its appositive. */
static void test_blurted_out_after_a_suffixed_name(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Vice President Joseph R. Biden Jr., in an interview with CNN, blurted out, \"Oh, "
            "God,\" at the mention of Mr. Weiner's name. He added, \"I'm not a big fan.\"",
            NULL);
    qtu_expect(&t, "Oh, God,", "Joseph R. Biden Jr.", "blurted", "Joseph R. Biden");
    qtu_expect(&t, "I'm not a big fan.", "Joseph R. Biden Jr.", "added", "He");
    qtu_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quote_comma_said_name),
        cmocka_unit_test(test_quote_comma_name_said),
        cmocka_unit_test(test_quote_name_role_said),
        cmocka_unit_test(test_said_role_name_after_quote),
        cmocka_unit_test(test_name_said_comma_before_quote),
        cmocka_unit_test(test_name_role_said_colon_before_quote),
        cmocka_unit_test(test_pronoun_told_outlet_colon),
        cmocka_unit_test(test_pronoun_resolves_to_the_last_named_person),
        cmocka_unit_test(test_unresolvable_pronoun_keeps_mention_without_speaker),
        cmocka_unit_test(test_went_on_colon),
        cmocka_unit_test(test_according_to_resolves_surname),
        cmocka_unit_test(test_referred_to_x_as_quote),
        cmocka_unit_test(test_possessive_characterization_speaks),
        cmocka_unit_test(test_participle_takes_the_subject_of_its_clause),
        cmocka_unit_test(test_titled_surname_resolves_to_full_name),
        cmocka_unit_test(test_turn_without_cue_inherits_speaker),
        cmocka_unit_test(test_organisation_speaks),
        cmocka_unit_test(test_partial_quote_without_cue_has_no_speaker),
        cmocka_unit_test(test_scare_quote_is_partial),
        cmocka_unit_test(test_full_quote_at_paragraph_start_is_full),
        cmocka_unit_test(test_a_cue_with_a_colon_closing_the_paragraph_before_names_the_speaker),
        cmocka_unit_test(test_a_quotation_opening_a_line_after_any_line_break_is_full),
        cmocka_unit_test(test_a_speaker_named_after_a_later_segment_names_the_quotation),
        cmocka_unit_test(test_speakers_option_off_leaves_speakers_empty),
        cmocka_unit_test(test_partial_option_off_drops_partial_quotes),
        cmocka_unit_test(test_byline_dash_after_quote),
        cmocka_unit_test(test_quote_comma_according_to),
        cmocka_unit_test(test_coordinated_verb_shares_the_subject),
        cmocka_unit_test(test_participle_after_pronoun_subject),
        cmocka_unit_test(test_she_skips_a_man_named_since),
        cmocka_unit_test(test_said_role_with_number_then_name),
        cmocka_unit_test(test_quote_after_indirect_speech_goes_to_its_speaker),
        cmocka_unit_test(test_colon_hands_quote_to_clause_subject),
        cmocka_unit_test(test_phrase_behind_preposition_is_not_the_subject),
        cmocka_unit_test(test_adding_that_clause_is_not_a_speaker),
        cmocka_unit_test(test_quoted_title_has_no_speaker),
        cmocka_unit_test(test_said_the_age_description),
        cmocka_unit_test(test_said_the_modifier_job_is_the_last_named_person),
        cmocka_unit_test(test_the_job_passes_a_name_that_is_no_subject_by),
        cmocka_unit_test(test_the_judge_and_the_spokesman_stay_unnamed),
        cmocka_unit_test(test_said_one_trader),
        cmocka_unit_test(test_long_role_before_name_and_cue),
        cmocka_unit_test(test_appositive_without_closing_comma),
        cmocka_unit_test(test_it_speaks_for_the_last_named_organisation),
        cmocka_unit_test(test_titled_surname_keeps_its_gender),
        cmocka_unit_test(test_titled_surname_prefers_the_name_known_to_fit),
        cmocka_unit_test(test_titled_name_before_any_full_name_is_its_own_person),
        cmocka_unit_test(test_possessor_of_a_statement_speaks),
        cmocka_unit_test(test_organisation_name_before_person_name_is_shed),
        cmocka_unit_test(test_possessive_phrase_speaks),
        cmocka_unit_test(test_as_s_put_it),
        cmocka_unit_test(test_turn_goes_on_past_a_quoted_title),
        cmocka_unit_test(test_cue_and_colon_after_a_quote_introduce_the_next_one),
        cmocka_unit_test(test_turn_goes_on_before_a_colon_cue_of_the_next_quote),
        cmocka_unit_test(test_he_passes_a_capitalised_common_word_by),
        cmocka_unit_test(test_he_passes_an_adjective_before_a_noun_by),
        cmocka_unit_test(test_he_stands_for_a_one_word_subject_that_speaks),
        cmocka_unit_test(test_may_and_will_inside_a_name),
        cmocka_unit_test(test_subject_of_a_passive_cue_is_not_the_speaker),
        cmocka_unit_test(test_job_before_a_name_is_no_first_name),
        cmocka_unit_test(test_said_modifier_job_name),
        cmocka_unit_test(test_he_passes_a_place_after_the),
        cmocka_unit_test(test_possessive_organisation_is_no_person),
        cmocka_unit_test(test_he_stands_for_a_one_word_name_after_a_job),
        cmocka_unit_test(test_may_said_opening_a_sentence),
        cmocka_unit_test(test_sentence_initial_description_is_no_first_name),
        cmocka_unit_test(test_said_the_role_comma_name),
        cmocka_unit_test(test_nationality_before_a_name_is_no_first_name),
        cmocka_unit_test(test_it_stands_for_an_organisation_that_speaks),
        cmocka_unit_test(test_it_looks_back_one_paragraph),
        cmocka_unit_test(test_she_passes_the_seat_of_an_mp_by),
        cmocka_unit_test(test_name_after_a_preposition_is_no_subject),
        cmocka_unit_test(test_he_passes_an_object_possessive_by),
        cmocka_unit_test(test_new_statement_after_a_quotation_is_not_its_attribution),
        cmocka_unit_test(test_turn_ends_at_a_cue_of_someone_else),
        cmocka_unit_test(test_colon_cue_before_a_quotation_wins),
        cmocka_unit_test(test_clause_subject_is_the_name_after_a_job),
        cmocka_unit_test(test_said_the_job_of_a_body_comma_name),
        cmocka_unit_test(test_he_passes_a_name_after_a_preposition_by),
        cmocka_unit_test(test_headline_run_names_no_one_later),
        cmocka_unit_test(test_modifier_of_a_job_is_no_person),
        cmocka_unit_test(test_first_name_that_ends_laws_opens_a_name),
        cmocka_unit_test(test_surname_with_a_particle_resolves),
        cmocka_unit_test(test_a_day_is_never_a_speaker),
        cmocka_unit_test(test_description_takes_the_person_given_its_job),
        cmocka_unit_test(test_she_passes_a_body_by),
        cmocka_unit_test(test_he_after_a_description_subject),
        cmocka_unit_test(test_description_takes_a_job_in_lower_case),
        cmocka_unit_test(test_she_skips_a_justice_named_antonin),
        cmocka_unit_test(test_body_name_ending_an_appositive_is_no_speaker),
        cmocka_unit_test(test_place_after_of_before_an_appositive_is_no_speaker),
        cmocka_unit_test(test_no_break_space_before_a_quotation_keeps_its_speaker),
        cmocka_unit_test(test_no_break_space_after_an_interrupting_attribution),
        cmocka_unit_test(test_comma_quotation_followed_by_its_cue_is_full),
        cmocka_unit_test(test_host_after_an_outlet_names_the_speaker),
        cmocka_unit_test(test_the_influential_us_daily_wrote),
        cmocka_unit_test(test_he_passes_the_name_of_a_programme_by),
        cmocka_unit_test(test_surname_before_a_suffix_resolves),
        cmocka_unit_test(test_pronoun_after_a_lead_in_is_no_one_it_names),
        cmocka_unit_test(test_a_team_that_hosts_names_no_person),
        cmocka_unit_test(test_advises_psychologist),
        cmocka_unit_test(test_no_break_space_inside_a_name_is_a_space),
        cmocka_unit_test(test_title_before_a_comma_and_a_cue_stays_a_title),
        cmocka_unit_test(test_blurted_out_after_a_suffixed_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
