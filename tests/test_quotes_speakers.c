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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_he_is_the_subject_not_the_object_of_accused),
        cmocka_unit_test(test_he_passes_the_object_of_a_gerund_by),
        cmocka_unit_test(test_she_passes_a_counted_name_by),
        cmocka_unit_test(test_a_word_after_the_takes_no_full_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
