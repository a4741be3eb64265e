/*
 * test_quotes_fastpaths.c -- the quotes stage's shortcuts give the answers of the long way.
 *
 * To keep up with the tokenizer, the stage skips most of each text 16 bytes at a time
 * looking for quotation marks, stops at once when a document has none, looks words up in
 * its lexicon only when a pass asks about them (through a filter, case folded, in a table
 * of 16-byte keys), and indexes the names of a document only when a lookup first needs
 * them. Each case here would fail if one of those shortcuts answered differently: a mark
 * at any offset of a 16-byte block, a cue in capitals, the lexicon's longest word, a name
 * whose capital is not ASCII, a sentence-initial common word, a surname resolved through
 * the index built late. The limits that keep hostile texts linear are checked without a
 * clock: the stage counts the steps of its document-wide searches, and a text twice as
 * long must cost at most three times as many (a quadratic path costs four).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../plugins/quotes/names.h"
#include "../plugins/quotes/qt.h"
#include "test_quotes_util.h"

static void test_quotation_is_found_at_every_offset_of_a_block(void **state)
{
    (void)state;
    /* The marks fall at every position of the 16-byte blocks the scan reads, and the
     * closing mark is the last byte of the text (read by the scan's byte-by-byte tail). */
    for (size_t k = 0; k <= 40; k++) {
        char text[160];
        char filler[48];
        memset(filler, 'x', k);
        filler[k] = '\0';
        snprintf(text, sizeof text, "%s%sMervyn King said: \"Rates will rise.\"", filler,
                 k > 0 ? ". " : "");
        qtu t;
        qtu_run(&t, text, NULL);
        assert_int_equal(t.n, 1);
        qtu_expect(&t, "Rates will rise.", "Mervyn King", "said", "Mervyn King");
        qtu_free(&t);
    }
}

/* The mark scan gathers a paragraph's candidate bytes 64 at a time (with AVX2), cuts its
 * last step at the paragraph's end by a mask, and near the text's end reads the text's
 * last 64 bytes (a text shorter than that goes 32 bytes a step). Marks at every offset of
 * a step, with the text going on after them or ending right there, and in a second
 * paragraph, are all found. */
static void test_quotation_is_found_at_every_offset_of_a_64_byte_step(void **state)
{
    (void)state;
    static const char second[] = "\n\n\"Prices will fall,\" said Ann Lee, in a second "
                                 "paragraph read in steps of sixty-four bytes too.";
    static const char *const after[] = {"", " Then the meeting ended and everyone went home.",
                                        second};
    for (size_t a = 0; a < sizeof after / sizeof after[0]; a++) {
        for (size_t k = 0; k <= 140; k++) {
            char text[400];
            char filler[160];
            memset(filler, 'x', k);
            filler[k] = '\0';
            snprintf(text, sizeof text, "%s%sMervyn King said: \"Rates will rise.\"%s", filler,
                     k > 0 ? ". " : "", after[a]);
            qtu t;
            qtu_run(&t, text, NULL);
            assert_int_equal(t.n, a == 2 ? 2 : 1);
            qtu_expect(&t, "Rates will rise.", "Mervyn King", "said", "Mervyn King");
            if (a == 2)
                qtu_expect(&t, "Prices will fall,", "Ann Lee", "said", "Ann Lee");
            qtu_free(&t);
        }
    }
}

/* A step of 64 bytes holding more than the two candidates written whatever it holds:
 * twelve marks and two apostrophes, at every offset across a step's end. */
static void test_more_than_four_marks_in_one_step_are_all_found(void **state)
{
    (void)state;
    for (size_t k = 0; k <= 70; k++) {
        char text[300];
        char filler[80];
        memset(filler, 'y', k);
        filler[k] = '\0';
        snprintf(text, sizeof text,
                 "%s%sIt's words: \"one\" \"two\" \"three\" \"four\" \"five\" \"six\", "
                 "isn't it.",
                 filler, k > 0 ? ". " : "");
        qtu t;
        qtu_run(&t, text, NULL);
        assert_int_equal(t.n, 6);
        static const char *const words[] = {"one", "two", "three", "four", "five", "six"};
        for (size_t w = 0; w < 6; w++)
            assert_ptr_equal(qtu_find(&t, words[w]), &t.q[w]);
        qtu_free(&t);
    }
}

/* The segments qt_find_segments() finds in text with the paragraphs paras[0 .. n), appended
 * to out[*n_out ..]. */
static void segments_of(const char *text, size_t len, const lede_paragraph *paras, size_t n,
                        qt_seg *out, size_t *n_out, size_t cap)
{
    lede_doc *doc;
    lede_error err;
    assert_int_equal(lede_doc_new(&doc, &err), 0);
    qt_view v;
    memset(&v, 0, sizeof v);
    v.doc = doc;
    v.text = text;
    v.len = len;
    v.para = paras;
    v.n_para = n;
    qt_seg *segs;
    size_t n_segs, work;
    assert_int_equal(qt_find_segments(&v, &segs, &n_segs, &work, &err), 0);
    for (size_t i = 0; i < n_segs; i++) {
        assert_true(*n_out < cap);
        out[(*n_out)++] = segs[i];
    }
    lede_doc_free(doc);
}

static void assert_same_segments(const qt_seg *a, size_t na, const qt_seg *b, size_t nb)
{
    assert_int_equal(na, nb);
    for (size_t i = 0; i < na; i++) {
        assert_int_equal(a[i].mark_start, b[i].mark_start);
        assert_int_equal(a[i].mark_end, b[i].mark_end);
        assert_int_equal(a[i].start, b[i].start);
        assert_int_equal(a[i].end, b[i].end);
        assert_int_equal(a[i].closed, b[i].closed);
    }
}

/* The mark scan gathers the candidate bytes of a document 1 KiB at a time across its
 * paragraphs' ends: paragraphs of 1 to 2,500 bytes, with quotations anywhere in them and
 * blank lines between, give the segments each paragraph gives read alone; a paragraph that
 * begins inside the one before (a layer out of order) is read again from its start. */
static void test_marks_are_found_per_paragraph_across_the_scan_spans(void **state)
{
    (void)state;
    static char text[160000];
    static lede_paragraph paras[64];
    static qt_seg whole[2048], alone[2048];
    size_t len = 0, n_para = 0;
    uint32_t seed = 99;
    for (int pi = 0; pi < 40; pi++) {
        size_t start = len;
        seed = seed * 1103515245u + 12345u;
        size_t words = (seed >> 16) % 150 + 1; /* at most 20 bytes a word */
        for (size_t w = 0; w < words; w++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) % 16;
            const char *piece = r == 0   ? "\"Yes, it is,\" "
                                : r == 1 ? "\xE2\x80\x9CWe can't go\xE2\x80\x9D "
                                : r == 2 ? "Iran's "
                                : r == 3 ? "\xC2\xA3"
                                           "5 "
                                         : "word ";
            size_t n = strlen(piece);
            memcpy(text + len, piece, n);
            len += n;
        }
        paras[n_para++] = (lede_paragraph){(uint32_t)start, (uint32_t)(len - 1), 0, 0};
        memcpy(text + len, "\n\n", 2);
        len += 2;
    }
    size_t n_whole = 0, n_alone = 0;
    segments_of(text, len, paras, n_para, whole, &n_whole, 2048);
    for (size_t pi = 0; pi < n_para; pi++)
        segments_of(text, len, &paras[pi], 1, alone, &n_alone, 2048);
    assert_true(n_whole > 100);
    assert_same_segments(whole, n_whole, alone, n_alone);

    /* The second paragraph begins in the first: each is read from its own start. */
    static const char two[] = "So \"one two,\" he said and \"three four,\" she said.";
    size_t n2 = sizeof two - 1, at = (size_t)(strstr(two, "and") - two);
    lede_paragraph overlap[2] = {{0, (uint32_t)n2, 0, 0}, {(uint32_t)at, (uint32_t)n2, 0, 0}};
    n_whole = n_alone = 0;
    segments_of(two, n2, overlap, 2, whole, &n_whole, 512);
    segments_of(two, n2, &overlap[0], 1, alone, &n_alone, 512);
    segments_of(two, n2, &overlap[1], 1, alone, &n_alone, 512);
    assert_int_equal(n_alone, 3);
    assert_same_segments(whole, n_whole, alone, n_alone);
}

/* qt_same_word() answers as a compare of the bytes with A-Z folded, for every pair of
 * bytes at every place of a word (a letter and its other case, bytes that differ in bit
 * 0x20 alone but are no letters: [ and {, @ and `, bytes beyond ASCII). */
static void test_same_word_matches_a_folded_compare(void **state)
{
    (void)state;
    for (unsigned x = 0; x < 256; x++) {
        for (unsigned y = 0; y < 256; y++) {
            unsigned fx = x >= 'A' && x <= 'Z' ? x + 32 : x, fy = y >= 'A' && y <= 'Z' ? y + 32 : y;
            int want = fx == fy;
            for (size_t at = 0; at < 3; at++) {
                char a[3] = {'k', 'I', 'm'}, b[3] = {'K', 'i', 'M'};
                a[at] = (char)x;
                b[at] = (char)y;
                assert_int_equal(qt_same_word(a, 3, b, 3), want);
            }
        }
    }
    assert_int_equal(qt_same_word("Lee", 3, "Leeds", 5), 0);
}

/* qt_find_pair() (32 bytes a step with AVX2, 16 with SSE2, then byte by byte) answers as
 * a search byte by byte, from every start, for every stop, on text dense with near misses
 * (the first byte alone, the second alone, the second in either case). */
static void test_find_pair_matches_a_byte_search(void **state)
{
    (void)state;
    char text[200];
    uint32_t seed = 12345;
    static const char alphabet[] = "AaBbxb B";
    for (size_t i = 0; i < sizeof text; i++) {
        seed = seed * 1103515245u + 12345u;
        text[i] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
    }
    const char *end = text + sizeof text;
    for (size_t from = 0; from < sizeof text; from++) {
        for (size_t to = from; to <= sizeof text; to++) {
            const char *want = NULL;
            for (const char *q = text + from; q < text + to && q + 1 < end && !want; q++)
                if (q[0] == 'A' && (q[1] == 'b' || q[1] == 'B'))
                    want = q;
            assert_ptr_equal(qt_find_pair(text + from, text + to, end, 'A', 'B'), want);
        }
    }
}

static void test_text_without_quotation_marks_has_no_quotations(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t, "No quotation marks here, only Iran's and the presidents' apostrophes.", NULL);
    assert_int_equal(t.n, 0);
    assert_int_equal(qtu_warnings(&t, "quot"), 0);
    qtu_free(&t);
}

static void test_cue_verb_is_found_whatever_its_case(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t, "\"We will win the vote,\" SAID John Smith, the party leader.", NULL);
    qtu_expect(&t, "We will win the vote,", "John Smith", "SAID", "John Smith");
    qtu_free(&t);
    qtu_run(&t, "\"We will win the vote,\" Said John Smith.", NULL);
    qtu_expect(&t, "We will win the vote,", "John Smith", "Said", "John Smith");
    qtu_free(&t);
}

/* A lexicon word is read eight bytes at a time when 16 bytes of text follow its start, byte
 * by byte near the end of the text: both ways, at the lengths where the words split. */
static void test_cue_is_found_near_the_end_of_the_text_and_at_word_lengths(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t, "\"We will win the vote,\" John Smith SAID", NULL);
    qtu_expect(&t, "We will win the vote,", "John Smith", "SAID", "John Smith");
    qtu_free(&t);
    /* according: 9 bytes, one in the second word; explained: 9 bytes, in capitals. */
    qtu_run(&t,
            "ACCORDING to John Smith, the party leader, \"we will win the vote\" next week, "
            "he said.",
            NULL);
    qtu_expect(&t, "we will win the vote", "John Smith", "ACCORDING to", "John Smith");
    qtu_free(&t);
    qtu_run(&t, "\"We will win the vote,\" Jane Doe EXPLAINED to the reporters on Monday.", NULL);
    qtu_expect(&t, "We will win the vote,", "Jane Doe", "EXPLAINED", "Jane Doe");
    qtu_free(&t);
}

/* The windows around a quotation end at its sentence's ends, which the attribution reads
 * eight tokens at a time: with the sentence end at every distance from the quotation, after
 * texts of every length before it (so that the eight fall at every offset), the window stops
 * there (the cue of the sentence before names no one), and without it reaches the cue. */
static void test_window_ends_at_a_sentence_end_at_every_distance(void **state)
{
    (void)state;
    for (size_t lead = 0; lead < 9; lead++) {
        for (size_t k = 0; k < 20; k++) {
            char before[128] = "", words[128] = "", text[512];
            for (size_t i = 0; i < lead; i++)
                strcat(before, "It rained. ");
            for (size_t i = 0; i < k; i++)
                strcat(words, " word");
            for (int stop = 0; stop < 2; stop++) {
                const char *who = stop ? NULL : "Ann Lee", *cue = stop ? NULL : "said";
                qtu t;
                /* Before a partial quotation: read back to the sentence end. */
                snprintf(text, sizeof text,
                         "%sAnn Lee said so%s plan is%s \"dead on arrival\" for now.", before,
                         stop ? ". The" : "; the", words);
                qtu_run(&t, text, NULL);
                qtu_expect(&t, "dead on arrival", who, cue, who);
                qtu_free(&t);
                /* After a full one: read on to the sentence end. */
                snprintf(text, sizeof text,
                         "%s\"Rates will rise,\" the minister%s%c Ann Lee said nothing.", before,
                         words, stop ? '.' : ';');
                qtu_run(&t, text, NULL);
                qtu_expect(&t, "Rates will rise,", who, cue, who);
                qtu_free(&t);
            }
            /* A quotation before in the same sentence ends the window as its end does. (A
             * full one: a partial quotation after a partial one shares its cue.) */
            snprintf(text, sizeof text,
                     "%sAnn Lee said: \"Yes, it will,\" and%s \"dead on arrival\" too.", before,
                     words);
            qtu t;
            qtu_run(&t, text, NULL);
            qtu_expect(&t, "Yes, it will,", "Ann Lee", "said", "Ann Lee");
            qtu_expect(&t, "dead on arrival", NULL, NULL, NULL);
            qtu_free(&t);
        }
    }
}

/* The window before a quotation reaches PRE_WINDOW (80) tokens back at most, read eight at a
 * time: a cue 80 tokens before the opening mark is read (its subject, further back, is not),
 * one 81 tokens before is not, wherever the window starts in the text. */
static void test_window_before_ends_at_its_length(void **state)
{
    (void)state;
    for (size_t lead = 0; lead < 9; lead++) {
        for (size_t k = 74; k <= 75; k++) {
            char text[1024] = "";
            for (size_t i = 0; i < lead; i++)
                strcat(text, "It rained. ");
            strcat(text, "Ann Lee said so; the plan is");
            for (size_t i = 0; i < k; i++)
                strcat(text, " word");
            strcat(text, " \"dead on arrival\" for now.");
            qtu t;
            qtu_run(&t, text, NULL);
            qtu_expect(&t, "dead on arrival", NULL, k == 74 ? "said" : NULL, NULL);
            qtu_free(&t);
        }
    }
}

/* The window after a quotation ends right at its sentence's end, found eight tokens at a
 * time (and with the text's end among the eight): a partial quotation followed by its cue
 * and speaker is theirs when at most four words follow the cue before that end (BBC
 * business/206), at every offset of the eight. */
static void test_window_after_ends_right_at_the_sentence_end(void **state)
{
    (void)state;
    static const char *const after[] = {"", " in London", " to the BBC", " in a long statement",
                                        " in a very long statement"};
    for (size_t lead = 0; lead < 9; lead++) {
        for (size_t a = 0; a < sizeof after / sizeof after[0]; a++) {
            for (int more = 0; more < 2; more++) {
                char text[512] = "";
                for (size_t i = 0; i < lead; i++)
                    strcat(text, "It rained. ");
                strcat(text, "Low interest rates meant that \"long-term investment returns are "
                             "well below historic levels\", Mr Gill added");
                strcat(text, after[a]);
                strcat(text, more ? ". Shares fell." : ".");
                int named = a + 1 < sizeof after / sizeof after[0];
                qtu t;
                qtu_run(&t, text, NULL);
                qtu_expect(&t, "long-term investment returns are well below historic levels",
                           named ? "Mr Gill" : NULL, named ? "added" : NULL, named ? "Gill" : NULL);
                qtu_free(&t);
            }
        }
    }
}

/* He opening the sentence after a description's cue stands for the description (BBC
 * politics/071): the sentence end right before him, found eight tokens at a time, is the
 * one it must be, not a token off (Mr Blair, named before, is not the speaker). */
static void test_pronoun_after_a_sentence_end_stands_for_its_description(void **state)
{
    (void)state;
    for (size_t lead = 0; lead < 9; lead++) {
        char text[512] = "";
        for (size_t i = 0; i < lead; i++)
            strcat(text, "It rained. ");
        strcat(text, "Mr Blair met a spokesman. A Home Office spokesman said the system had been "
                     "toughened. He added: \"It works well now.\"");
        qtu t;
        qtu_run(&t, text, NULL);
        qtu_expect(&t, "It works well now.", "Home Office spokesman", "added", "He");
        qtu_free(&t);
    }
}

static void test_longest_lexicon_word_is_a_cue(void **state)
{
    (void)state;
    /* characterization: 16 bytes, the longest key the lexicon holds. */
    qtu t;
    qtu_run(&t,
            "Jane Doe criticised the plan. Bush's characterization of Iran as \"an axis of "
            "evil\" drew protests.",
            NULL);
    qtu_expect(&t, "an axis of evil", "Bush", "characterization", "Bush");
    qtu_free(&t);
}

/* The lists of the word w (its bytes at text + at, the text len bytes long) by
 * qt_tok_lookup(), on a view of that one token. */
static uint32_t lookup_word(const qt_lexicon *lex, const char *text, size_t len, size_t at,
                            size_t n)
{
    lede_token tok = {(uint32_t)at, (uint32_t)(at + n), LEDE_TOK_WORD, 0};
    uint32_t bits[2] = {0, 0};
    qt_view v;
    memset(&v, 0, sizeof v);
    v.text = text;
    v.len = len;
    v.tok = &tok;
    v.n_tok = 1;
    v.lexbits = bits;
    v.lex = lex;
    uint32_t b = qt_tok_lookup(&v, 0);
    assert_int_equal(bits[0], b);
    return b & ~QT_BIT_KNOWN;
}

/* qt_cue_at() on the second word of the words of text (split at spaces, at most 4), *end
 * relative to it. */
static qt_cue_kind cue_of(const qt_lexicon *lex, const char *text, size_t *end)
{
    lede_token tok[4];
    uint32_t bits[5] = {0};
    size_t n = 0, len = strlen(text);
    for (size_t b = 0; b < len && n < 4;) {
        size_t e = b;
        while (e < len && text[e] != ' ')
            e++;
        tok[n++] = (lede_token){(uint32_t)b, (uint32_t)e, LEDE_TOK_WORD, 0};
        b = e + 1;
    }
    qt_view v;
    memset(&v, 0, sizeof v);
    v.text = text;
    v.len = len;
    v.tok = tok;
    v.n_tok = n;
    v.lexbits = bits;
    v.lex = lex;
    size_t e = 0;
    qt_cue_kind kind = qt_cue_at(&v, 1, &e);
    *end = e - 1;
    return kind;
}

/* The cue heads are read from one table of words and the words after them: each two-word
 * cue with each of its second words, and not without one; the verbs of report in lower case
 * only, and not after an article. */
static void test_cue_heads_take_the_words_their_table_gives(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        qt_cue_kind kind;
        size_t len; /* words of the cue (not read for none) */
    } cases[] = {{"it according to her", QT_CUE_ACCORDING, 2},
                 {"it according as", QT_CUE_NONE, 1},
                 {"she went on", QT_CUE_VERB, 2},
                 {"she goes on", QT_CUE_VERB, 2},
                 {"I go on", QT_CUE_VERB, 2},
                 {"she went off", QT_CUE_NONE, 1},
                 {"she referred to", QT_CUE_VERB, 2},
                 {"she refers out", QT_CUE_VERB, 2},
                 {"she pointed out", QT_CUE_VERB, 2},
                 {"she points to", QT_CUE_VERB, 2},
                 {"she pointed at", QT_CUE_NONE, 1},
                 {"Rosenthal put it", QT_CUE_VERB, 2},
                 {"he puts it", QT_CUE_VERB, 2},
                 {"he put them", QT_CUE_NONE, 1},
                 {"while referring to", QT_CUE_PARTICIPLE, 2},
                 {"while pointing out", QT_CUE_PARTICIPLE, 2},
                 {"while referring back", QT_CUE_NONE, 1},
                 {"he accused them", QT_CUE_REPORT, 1},
                 {"he accuses them", QT_CUE_REPORT, 1},
                 {"to accuse them", QT_CUE_REPORT, 1},
                 {"has pledged to", QT_CUE_REPORT, 1},
                 {"he dismissed it", QT_CUE_REPORT, 1},
                 {"he dismisses it", QT_CUE_REPORT, 1},
                 {"to highlight it", QT_CUE_REPORT, 1},
                 {"he Accused them", QT_CUE_NONE, 1},
                 {"the accused man", QT_CUE_NONE, 1},
                 {"he spoke of", QT_CUE_REPORT, 2},
                 {"he speaks about", QT_CUE_REPORT, 2},
                 {"he talked about", QT_CUE_REPORT, 2},
                 {"he talked of", QT_CUE_REPORT, 2},
                 {"he spoke to", QT_CUE_NONE, 1},
                 {"to call for", QT_CUE_REPORT, 2},
                 {"he calls for", QT_CUE_REPORT, 2},
                 {"he calls on", QT_CUE_NONE, 1},
                 {"the calls for", QT_CUE_NONE, 2},
                 {"he said it", QT_CUE_VERB, 1}};
    qt_lexicon *lex = NULL;
    lede_error err;
    assert_int_equal(qt_lexicon_new(&lex, &err), 0);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        size_t len;
        qt_cue_kind kind = cue_of(lex, cases[k].text, &len);
        if (kind != cases[k].kind || (kind != QT_CUE_NONE && len != cases[k].len))
            fail_msg("%s: kind %d over %zu words, expected %d over %zu", cases[k].text, (int)kind,
                     len, (int)cases[k].kind, cases[k].len);
    }
    qt_lexicon_free(lex);
}

/* A word is keyed from 16 bytes read at once, those past its length cleared by a mask per
 * length, when 16 bytes of text follow its start, else byte by byte: the two keys agree at
 * every length a lexicon word has, in any case, and a word one byte longer or shorter than
 * a listed one is not taken for it. */
static void test_lexicon_key_is_the_same_read_at_once_or_byte_by_byte(void **state)
{
    (void)state;
    static const char *const words[] = {
        "i",           "he",           "mrs",           "said",           "added",
        "adding",      "adviser",      "admitted",      "according",      "ambassador",
        "spokeswoman", "acknowledged", "congresswoman", "representative", "characterization"};
    qt_lexicon *lex = NULL;
    lede_error err;
    assert_int_equal(qt_lexicon_new(&lex, &err), 0);
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        size_t n = strlen(words[k]);
        char upper[32];
        for (size_t j = 0; j <= n; j++)
            upper[j] = (char)(words[k][j] >= 'a' ? words[k][j] - 'a' + 'A' : words[k][j]);
        for (int caps = 0; caps < 2; caps++) {
            const char *w = caps ? upper : words[k];
            char text[64];
            /* The word first, with text after it to read 16 bytes at once; then at the end. */
            snprintf(text, sizeof text, "%s and more words after it, %s", w, w);
            size_t len = strlen(text);
            uint32_t at_once = lookup_word(lex, text, len, 0, n);
            uint32_t by_byte = lookup_word(lex, text, len, len - n, n);
            assert_int_not_equal(at_once, 0);
            assert_int_equal(at_once, by_byte);
            /* Cut one byte short, or taken with the space after it: not the word. */
            if (n > 1)
                assert_int_not_equal(lookup_word(lex, text, len, 0, n - 1), at_once);
            assert_int_equal(lookup_word(lex, text, len, 0, n + 1), 0);
        }
    }
    qt_lexicon_free(lex);
}

static void test_name_with_a_capital_beyond_ascii_is_a_speaker(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t, "\"The truth is on the march,\" said Émile Zola. \"Nothing will stop it.\"", NULL);
    assert_int_equal(t.n, 2);
    qtu_expect(&t, "The truth is on the march,", "Émile Zola", "said", "Émile Zola");
    qtu_expect(&t, "Nothing will stop it.", "Émile Zola", "said", NULL);
    qtu_free(&t);
}

static void test_sentence_initial_common_word_is_not_part_of_a_name(void **state)
{
    (void)state;
    /* "Had" is written in lower case later in the text: it is no first name. */
    qtu t;
    qtu_run(&t,
            "Had Elizabeth known, she would have stayed. \"I had no idea,\" said Elizabeth "
            "Bennet.",
            NULL);
    qtu_expect(&t, "I had no idea,", "Elizabeth Bennet", "said", "Elizabeth Bennet");
    qtu_free(&t);
}

static void test_titled_surname_and_pronoun_resolve_to_the_full_name(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "John Smith, the chief executive, spoke on Monday. \"Profits are up,\" Mr Smith "
            "said. \"We are pleased,\" he added.",
            NULL);
    qtu_expect(&t, "Profits are up,", "John Smith", "said", "Smith");
    qtu_expect(&t, "We are pleased,", "John Smith", "added", "he");
    qtu_free(&t);
}

/* He reads back past the mentions that are no person (Paris) to the last man named: the
 * walk back reads the text before the pronoun a few dozen tokens at a time. */
static void test_pronoun_reaches_back_past_many_sentences(void **state)
{
    (void)state;
    char text[2048];
    size_t n = (size_t)snprintf(text, sizeof text, "Andrey Kortunov flew in on Monday. ");
    for (int i = 0; i < 20; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "The talks in Paris went on. ");
    snprintf(text + n, sizeof text - n, "\"We will talk,\" he said.");
    qtu t;
    qtu_run(&t, text, NULL);
    qtu_expect(&t, "We will talk,", "Andrey Kortunov", "said", "he");
    qtu_free(&t);
}

/* A surname said before the full name is given resolves to the full name given later:
 * the surname's mentions are searched in the whole text. */
static void test_surname_before_its_full_name_resolves_to_it(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t, "\"No,\" said Kortunov. Later that day, Andrey Kortunov left for Moscow.", NULL);
    qtu_expect(&t, "No,", "Andrey Kortunov", "said", "Kortunov");
    qtu_free(&t);
}

/* A titled surname (Mr Blair) is resolved from its surname's mentions read up to it, not
 * to the end of the text, when what comes later cannot change the answer: a fitting full
 * name before it (Tony Blair, also for the later one after Cherie Blair, whose first name
 * shows no gender: Tony's fits Mr better; as the index answers),
 * or a titled one-word name of its own that later ones link to (Mr Kortunov before Andrey
 * Kortunov). A title without a gender (Dr) before a name with one reads the whole chain, as
 * the long way does. Each answer is the index's. */
static void test_titled_surname_is_resolved_from_the_mentions_up_to_it(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Tony Blair spoke on Monday. \"We will win the vote,\" Mr Blair said. Cherie Blair "
            "agreed with him. \"It was close,\" Mr Blair said later.",
            NULL);
    qtu_expect(&t, "We will win the vote,", "Tony Blair", "said", "Blair");
    qtu_expect(&t, "It was close,", "Tony Blair", "said", "Blair");
    qtu_free(&t);
    qtu_run(&t,
            "\"We will talk,\" Mr Kortunov said. Later that day, Andrey Kortunov left for "
            "Moscow. \"Goodbye,\" Mr Kortunov said.",
            NULL);
    qtu_expect(&t, "We will talk,", "Mr Kortunov", "said", "Kortunov");
    qtu_expect(&t, "Goodbye,", "Mr Kortunov", "said", "Kortunov");
    qtu_free(&t);
    qtu_run(&t,
            "Gordon Brown spoke first. \"The figures are good,\" Dr Brown said. Sarah Brown "
            "nodded. \"We are pleased,\" Dr Brown said.",
            NULL);
    qtu_expect(&t, "The figures are good,", "Gordon Brown", "said", "Brown");
    qtu_expect(&t, "We are pleased,", "Sarah Brown", "said", "Brown");
    qtu_free(&t);
}

/* He after a quotation ("...," he said) walks back past the quotation at once: its
 * tokens hold no name (Boris Johnson quoted is nobody's mention), and the names right
 * before it are still read. A surname spelt inside a quotation ends no mention either. */
static void test_pronoun_walk_steps_over_the_quotation_it_follows(void **state)
{
    (void)state;
    qtu t;
    qtu_run(&t,
            "Andrey Kortunov arrived on Monday. \"We will talk with Boris Johnson and Theresa "
            "May about Paris,\" he said. Kortunov said Mr Johnson agreed. \"It went well,\" he "
            "said.",
            NULL);
    qtu_expect(&t, "We will talk with Boris Johnson and Theresa May about Paris,",
               "Andrey Kortunov", "said", "he");
    qtu_expect(&t, "It went well,", "Mr Johnson", "said", "he");
    qtu_free(&t);
    qtu_run(&t, "Ann Lee spoke to Tom Kerr. \"Ask Tom Kerr,\" she said.", NULL);
    qtu_expect(&t, "Ask Tom Kerr,", "Ann Lee", "said", "she");
    qtu_free(&t);
}

/* Twenty people named in full, then each quoted by surname twice, in two orders: the
 * names given as text are remembered per full-name mention (in slots that twenty mentions
 * share), and each quotation still gets its own speaker. */
static void test_speakers_named_again_and_again_keep_their_names(void **state)
{
    (void)state;
    static const char *const firsts[] = {"Ann", "Tom", "Jane", "Mark"};
    char text[4096];
    size_t n = 0;
    for (int i = 0; i < 20; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "%s Morad%c%c arrived. ", firsts[i % 4],
                              'a' + i % 5, 'a' + i);
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < 20; k++) {
            int i = pass ? 19 - k : k;
            n += (size_t)snprintf(text + n, sizeof text - n, "\"Point %d %d,\" Morad%c%c said. ",
                                  pass, i, 'a' + i % 5, 'a' + i);
        }
    qtu t;
    qtu_run(&t, text, NULL);
    assert_int_equal(t.n, 40);
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < 20; i++) {
            char quote[32], full[32], surname[16];
            snprintf(quote, sizeof quote, "Point %d %d,", pass, i);
            snprintf(surname, sizeof surname, "Morad%c%c", 'a' + i % 5, 'a' + i);
            snprintf(full, sizeof full, "%s %s", firsts[i % 4], surname);
            qtu_expect(&t, quote, full, "said", surname);
        }
    qtu_free(&t);
}

/* The walk steps back over the quotation eight tokens at a time, then one by one: a
 * quotation of any length between the pronoun and the person it stands for. */
static void test_pronoun_walk_steps_over_quotations_of_every_length(void **state)
{
    (void)state;
    for (size_t words = 1; words <= 26; words++) {
        char quote[256] = "Ask";
        for (size_t w = 1; w < words; w++)
            strcat(quote, w % 3 ? " him" : " Tom Kerr");
        char text[400];
        snprintf(text, sizeof text, "Ann Lee spoke to Tom Kerr. \"%s,\" she said.", quote);
        strcat(quote, ",");
        qtu t;
        qtu_run(&t, text, NULL);
        qtu_expect(&t, quote, "Ann Lee", "said", "she");
        qtu_free(&t);
    }
}

/* A run of sixty capitalised words ending in the surname has no reading start near it:
 * the lookup goes to the index, which gives the same answer. */
static void test_surname_inside_a_long_run_of_capitals_resolves(void **state)
{
    (void)state;
    char text[2048];
    size_t n = (size_t)snprintf(text, sizeof text,
                                "John Smith spoke on Monday. \"We agree,\" said Smith. Then ");
    for (int i = 0; i < 60; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "K%c%c ", 'a' + i % 26, 'a' + i / 26);
    snprintf(text + n, sizeof text - n, "Smith left.");
    qtu t;
    qtu_run(&t, text, NULL);
    qtu_expect(&t, "We agree,", "John Smith", "said", "Smith");
    qtu_free(&t);
}

/* A distinct capitalised word for i: K followed by its digits in base 26 (Kaaab). */
static size_t put_name(char *out, size_t i)
{
    size_t n = 0;
    out[n++] = 'K';
    for (int d = 0; d < 4; d++, i /= 26)
        out[n++] = (char)('a' + i % 26);
    return n;
}

/* count repetitions of before, a distinct name (put_name) and after, NUL-terminated. */
static char *repeat_with_names(size_t count, const char *before, const char *after)
{
    size_t nb = strlen(before), na = strlen(after);
    char *text = malloc(count * (nb + 5 + na) + 1);
    assert_non_null(text);
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        memcpy(text + n, before, nb);
        n += nb;
        n += put_name(text + n, i);
        memcpy(text + n, after, na);
        n += na;
    }
    text[n] = '\0';
    return text;
}

/* The text of the two pronoun-walk tests below: opening, then 10 + more women each speaking,
 * a "We will win," he said after the tenth, and a last "We will lose," he said. */
static void walk_text(char *text, size_t size, const char *opening, int more)
{
    size_t n = (size_t)snprintf(text, size, "%s", opening);
    char name[8];
    for (int i = 0; i < 10 + more; i++) {
        name[put_name(name, (size_t)i)] = '\0';
        n += (size_t)snprintf(text + n, size - n, "%sMary %s spoke. ",
                              i == 10 ? "\"We will win,\" he said. " : "", name);
    }
    snprintf(text + n, size - n, "\"We will lose,\" he said.");
}

/* A walk back that reaches the mentions before the last walk of its kind started ends as
 * that walk did, counting the candidates both passed: he passes ten women to John Walker,
 * and a second he after five (or six) more women still finds him (or is out of reach). */
static void test_second_pronoun_walk_counts_what_the_first_passed(void **state)
{
    (void)state;
    for (int more = 5; more <= 6; more++) {
        char text[4096];
        walk_text(text, sizeof text, "John Walker arrived on Monday. ", more);
        qtu t;
        qtu_run(&t, text, NULL);
        qtu_expect(&t, "We will win,", "John Walker", "said", "he");
        qtu_expect(&t, "We will lose,", more == 5 ? "John Walker" : NULL, "said", "he");
        qtu_free(&t);
    }
}

/* The walk's memo keeps the name in an object a walk fell back on (with John Walker) and
 * where it was counted: a second he after five (or six) more women still falls back on him
 * (or finds him out of reach); a subject further back beats him, for both walks. */
static void test_second_pronoun_walk_keeps_the_first_ones_fallback(void **state)
{
    (void)state;
    for (int more = 5; more <= 6; more++) {
        char text[4096];
        walk_text(text, sizeof text, "The club held talks with John Walker. ", more);
        qtu t;
        qtu_run(&t, text, NULL);
        qtu_expect(&t, "We will win,", "John Walker", "said", "he");
        qtu_expect(&t, "We will lose,", more == 5 ? "John Walker" : NULL, "said", "he");
        qtu_free(&t);
    }
    qtu t;
    qtu_run(&t,
            "Tom Smith arrived on Monday. The club held talks with John Walker. \"We will "
            "win,\" he said. Mary Jones spoke. \"We will lose,\" he said.",
            NULL);
    qtu_expect(&t, "We will win,", "Tom Smith", "said", "he");
    qtu_expect(&t, "We will lose,", "Tom Smith", "said", "he");
    qtu_free(&t);
}

/* He passes by a one-word mention that is no subject (Bush's) unless a full name ending
 * in its word comes before it: that is known from where its word is spelt, with no
 * mention read, only when no capital, initial or connector stands before any of them. */
static void test_pronoun_walk_knows_a_surname_from_its_full_name(void **state)
{
    (void)state;
    static const char *const full[] = {"George Bush", "George W. Bush", "Ludwig van Bush"};
    for (size_t k = 0; k < sizeof full / sizeof full[0]; k++) {
        char text[512];
        snprintf(text, sizeof text,
                 "%s was born in Connecticut. John Smith met him. Bush's speech was long. "
                 "\"It was great,\" he said.",
                 full[k]);
        qtu t;
        qtu_run(&t, text, NULL);
        qtu_expect(&t, "It was great,", full[k], "said", "he");
        qtu_free(&t);
    }
    /* No full name before it: he passes Bush's by, to John Smith. */
    qtu t;
    qtu_run(&t,
            "John Smith met him in Connecticut. Bush's speech was long. \"It was great,\" he "
            "said. George Bush left.",
            NULL);
    qtu_expect(&t, "It was great,", "John Smith", "said", "he");
    qtu_free(&t);
}

/* A tokenizer that keeps white space gives the stage the same token layer with whitespace
 * tokens in it: the stage drops them first (sixteen tokens compared at a time with AVX2,
 * four with SSE2), so the quotations are those of the layer without them, whichever token a
 * whitespace token falls before (every lane of either comparison, and the tail). */
static void test_whitespace_tokens_are_dropped_wherever_they_are(void **state)
{
    (void)state;
    const char *text = "John Smith, the chief executive, spoke on Monday. \"Profits are up,\" "
                       "Mr Smith said. \"We are pleased,\" he added. Jane Doe said: \"No.\" "
                       "The shares rose by a third in early trading on the news from the "
                       "company, and analysts at two banks raised their forecasts for the year.";
    qtu base;
    qtu_run_counted(&base, text);
    assert_int_equal(base.n, 3);
    size_t n_tok;
    const lede_token *tok = lede_doc_tokens(base.doc, &n_tok);
    size_t tried = 0;
    unsigned lanes = 0; /* the lanes of the 16-token steps a whitespace token was put in */
    for (size_t at = 1; at < n_tok; at++) {
        if (tok[at - 1].end >= tok[at].start)
            continue; /* no white space between these two */
        lede_error err;
        qtu t;
        memset(&t, 0, sizeof t);
        if (lede_harness_new(&t.h, &err) ||
            lede_harness_add(t.h, &tokenizer_LTX_lede_stage, NULL, &err) ||
            lede_harness_run(t.h, "t", text, strlen(text), &t.doc, &err))
            fail_msg("run failed: %s", err.message);
        size_t n;
        const lede_token *orig = lede_doc_tokens(t.doc, &n);
        assert_int_equal(n, n_tok);
        lede_token *with = lede_doc_alloc(t.doc, (n + 1) * sizeof *with);
        assert_non_null(with);
        memcpy(with, orig, at * sizeof *with);
        with[at].start = orig[at - 1].end;
        with[at].end = orig[at].start;
        with[at].kind = LEDE_TOK_SPACE;
        with[at].flags = 0;
        memcpy(with + at + 1, orig + at, (n - at) * sizeof *with);
        lede_doc_set_tokens(t.doc, with, n + 1);
        qt_lexicon *lex = NULL;
        const qt_settings set = {1, 1, 1};
        if (qt_lexicon_new(&lex, &err) || qt_process_doc(&set, lex, t.doc, NULL, &err))
            fail_msg("quotes failed: %s", err.message);
        qt_lexicon_free(lex);
        t.q = lede_doc_quotes(t.doc, &t.n);
        assert_int_equal(t.n, base.n);
        for (size_t i = 0; i < t.n; i++) {
            assert_int_equal(t.q[i].start, base.q[i].start);
            assert_int_equal(t.q[i].end, base.q[i].end);
            assert_int_equal(t.q[i].speaker_start, base.q[i].speaker_start);
            assert_int_equal(t.q[i].cue_start, base.q[i].cue_start);
            assert_string_equal(t.q[i].speaker, base.q[i].speaker);
        }
        qtu_free(&t);
        tried++;
        if (at < (n_tok + 1) / 16 * 16)
            lanes |= 1u << (at % 16);
    }
    assert_true(tried >= 8);         /* every position modulo 4, and in the last tokens */
    assert_int_equal(lanes, 0xFFFF); /* every lane of a 16-token step */
    qtu_free(&base);
}

/* The work on a text of count repetitions and on one of 2 * count: twice as much when the
 * stage is linear, four times when a path is quadratic. The second run's quotations stay in
 * t (checked by the caller), the first's are checked to be count. */
static void expect_linear(qtu *t, size_t count, const char *before, const char *after)
{
    char *text = repeat_with_names(count, before, after);
    size_t work_n = qtu_run_counted(t, text);
    assert_int_equal(t->n, count);
    qtu_free(t);
    free(text);
    text = repeat_with_names(2 * count, before, after);
    size_t work_2n = qtu_run_counted(t, text);
    assert_int_equal(t->n, 2 * count);
    free(text);
    /* The document-wide work is there (the local reading spends its budget, the index
     * takes over), and it grows like the text, with room for the constant terms. */
    assert_true(work_n >= count);
    assert_true(work_2n <= 3 * work_n);
}

/* The name index is read only as far as lookups need it, and a surname sends it on past
 * the surname's last use: 10,000 different surnames must not make that quadratic. */
static void test_ten_thousand_surnames_asked_about_stay_linear(void **state)
{
    (void)state;
    const size_t count = 10000;
    qtu t;
    expect_linear(&t, count, "\"We will see,\" said Mr ", ". ");
    char name[16] = "Mr ";
    name[3 + put_name(name + 3, 2 * count - 1)] = '\0';
    assert_string_equal(t.q[2 * count - 1].speaker, name);
    qtu_free(&t);
}

/* Each pronoun reads back to a different one-word subject that speaks (one that only
 * arrives is no person he stands for): the lookups near each quotation spend their budget,
 * the index takes over, and the answers stay the nearest subject. */
static void test_ten_thousand_pronouns_stay_linear(void **state)
{
    (void)state;
    const size_t count = 10000;
    qtu t;
    expect_linear(&t, count, "", " explained it. \"We will see,\" he said. ");
    char name[16];
    name[put_name(name, 2 * count - 1)] = '\0';
    assert_string_equal(t.q[0].speaker, "Kaaaa");
    assert_string_equal(t.q[2 * count - 1].speaker, name);
    qtu_free(&t);
}

/* A capitalised pair opening a sentence asks whether its first word is a common word
 * written in lower case elsewhere: 10,000 different ones must not make that quadratic. */
static void test_ten_thousand_sentence_initial_words_stay_linear(void **state)
{
    (void)state;
    qtu t;
    expect_linear(&t, 10000, "", " Jones said: \"Yes.\" ");
    qtu_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quotation_is_found_at_every_offset_of_a_block),
        cmocka_unit_test(test_quotation_is_found_at_every_offset_of_a_64_byte_step),
        cmocka_unit_test(test_more_than_four_marks_in_one_step_are_all_found),
        cmocka_unit_test(test_marks_are_found_per_paragraph_across_the_scan_spans),
        cmocka_unit_test(test_same_word_matches_a_folded_compare),
        cmocka_unit_test(test_find_pair_matches_a_byte_search),
        cmocka_unit_test(test_text_without_quotation_marks_has_no_quotations),
        cmocka_unit_test(test_cue_verb_is_found_whatever_its_case),
        cmocka_unit_test(test_cue_is_found_near_the_end_of_the_text_and_at_word_lengths),
        cmocka_unit_test(test_window_ends_at_a_sentence_end_at_every_distance),
        cmocka_unit_test(test_window_before_ends_at_its_length),
        cmocka_unit_test(test_window_after_ends_right_at_the_sentence_end),
        cmocka_unit_test(test_pronoun_after_a_sentence_end_stands_for_its_description),
        cmocka_unit_test(test_longest_lexicon_word_is_a_cue),
        cmocka_unit_test(test_cue_heads_take_the_words_their_table_gives),
        cmocka_unit_test(test_lexicon_key_is_the_same_read_at_once_or_byte_by_byte),
        cmocka_unit_test(test_name_with_a_capital_beyond_ascii_is_a_speaker),
        cmocka_unit_test(test_sentence_initial_common_word_is_not_part_of_a_name),
        cmocka_unit_test(test_titled_surname_and_pronoun_resolve_to_the_full_name),
        cmocka_unit_test(test_pronoun_reaches_back_past_many_sentences),
        cmocka_unit_test(test_second_pronoun_walk_counts_what_the_first_passed),
        cmocka_unit_test(test_second_pronoun_walk_keeps_the_first_ones_fallback),
        cmocka_unit_test(test_pronoun_walk_knows_a_surname_from_its_full_name),
        cmocka_unit_test(test_surname_before_its_full_name_resolves_to_it),
        cmocka_unit_test(test_titled_surname_is_resolved_from_the_mentions_up_to_it),
        cmocka_unit_test(test_pronoun_walk_steps_over_the_quotation_it_follows),
        cmocka_unit_test(test_pronoun_walk_steps_over_quotations_of_every_length),
        cmocka_unit_test(test_speakers_named_again_and_again_keep_their_names),
        cmocka_unit_test(test_surname_inside_a_long_run_of_capitals_resolves),
        cmocka_unit_test(test_whitespace_tokens_are_dropped_wherever_they_are),
        cmocka_unit_test(test_ten_thousand_surnames_asked_about_stay_linear),
        cmocka_unit_test(test_ten_thousand_pronouns_stay_linear),
        cmocka_unit_test(test_ten_thousand_sentence_initial_words_stay_linear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
