/*
 * qt.h -- the private interface between the files of the quotes stage.
 *
 * The stage works in three passes:
 *   marks.c        finds quotation marks in the raw text, tells them from apostrophes,
 *                  pairs them and cuts the quotations into segments (one per paragraph);
 *   names.c        finds name mentions (capitalised token runs), and namelookup.c
 *                  resolves surnames, titled names and pronouns to the full names given
 *                  earlier (with nameindex.c; names.h is what the three share);
 *   attribution.c  finds the cue ("said") and the speaker of each quotation.
 * lexicon.c holds the word lists and token predicates they share; quotes.c is the
 * descriptor and glues the passes together.
 *
 * Everything here is shared between files of one stage, so every name carries the
 * stage's prefix qt_ (unit tests link several stages into one executable). Per-document
 * memory comes from the document arena, except a large document's per-token tables
 * (qt_table_alloc), which the stage frees before it returns. The hot token predicates are
 * inline here: they run on every token the passes look at.
 */
#ifndef QT_H
#define QT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lede/doc.h"

/* ---- the byte scans' instruction set ---- */

/* The scans for mark bytes (marks.c) and for surnames (names.c) read most of a document's
 * text; where the CPU runs AVX2 they test 32 bytes an instruction instead of 16, in
 * functions compiled for it alone (target attribute), so the stage still runs on any
 * x86-64. Built with -DQT_NO_SIMD, neither set is used. */
#if defined(__GNUC__) && defined(__x86_64__) && defined(__SSE2__) && !defined(QT_NO_SIMD)
#define QT_AVX2 1
/* The CPU runs AVX2: a load of the CPU model the compiler's runtime fills at start-up. */
static inline int qt_cpu_avx2(void)
{
    return __builtin_cpu_supports("avx2");
}
#endif

/* ---- white space as news text spells it ---- */

/* The white space of ASCII: ' ', \t, \n, \v, \f, \r (a bit test, not a chain of branches). */
static inline int qt_ascii_space(unsigned char c)
{
    const uint64_t spaces = UINT64_C(1) << ' ' | UINT64_C(1) << '\t' | UINT64_C(1) << '\n' |
                            UINT64_C(1) << '\v' | UINT64_C(1) << '\f' | UINT64_C(1) << '\r';
    return (int)((spaces >> (c & 63)) & (c < 64));
}

/* The three bytes b0 b1 c spell a space or a line break of Unicode beyond ASCII: U+2000 ..
 * U+200A, U+2028 (line), U+2029 (paragraph), U+202F (narrow no-break, the thin space
 * French puts before a guillemet), U+205F, U+3000. */
static inline int qt_space3(unsigned char b0, unsigned char b1, unsigned char c)
{
    return (b0 == 0xE2 && b1 == 0x80 &&
            ((c >= 0x80 && c <= 0x8A) || c == 0xA8 || c == 0xA9 || c == 0xAF)) ||
           (b0 == 0xE2 && b1 == 0x81 && c == 0x9F) || (b0 == 0xE3 && b1 == 0x80 && c == 0x80);
}

/* The length of the white-space character that ends at byte j of text (lo < j; no byte
 * before lo is read), 0 when none: ASCII white space, the no-break space U+00A0 and NEL
 * U+0085, and qt_space3()'s. News text puts a no-break space before a quotation mark as
 * often as a space ("Funds are short.\u00a0“We need ..."): every test of what stands
 * before a mark reads white space with this. */
static inline size_t qt_space_before(const char *text, size_t lo, size_t j)
{
    const unsigned char *t = (const unsigned char *)text;
    unsigned char c = t[j - 1];
    if (c < 0x80)
        return (size_t)qt_ascii_space(c);
    if (j - lo >= 2 && t[j - 2] == 0xC2 && (c == 0xA0 || c == 0x85))
        return 2;
    return j - lo >= 3 && qt_space3(t[j - 3], t[j - 2], c) ? 3 : 0;
}

/* The same for the white-space character that starts at byte j (j < hi; no byte from hi
 * on is read). */
static inline size_t qt_space_at(const char *text, size_t j, size_t hi)
{
    const unsigned char *t = (const unsigned char *)text;
    unsigned char c = t[j];
    if (c < 0x80)
        return (size_t)qt_ascii_space(c);
    if (hi - j >= 2 && c == 0xC2 && (t[j + 1] == 0xA0 || t[j + 1] == 0x85))
        return 2;
    return hi - j >= 3 && qt_space3(c, t[j + 1], t[j + 2]) ? 3 : 0;
}

/* ---- a view of the document's layers, shared by every pass ---- */

typedef struct qt_lexicon qt_lexicon;

/* What the passes work out about a document only when they first need it: most
 * documents have few quotations, and the work around them reaches only a few tokens. */
typedef struct qt_memo {
    size_t n_common; /* words asked about so far (common_word / common_ans) */
    size_t common_word[16];
    uint8_t common_ans[16];
    size_t twin_scans;   /* token scans made for qt_tok_common() */
    uint32_t *lower_set; /* after a few: the lower-case words of the text, hashed */
    size_t lower_size;
    size_t work; /* steps of the searches that read the whole text (qt_process_doc) */
} qt_memo;

/* The large per-token tables of one document, taken from the heap (qt_table_alloc) and
 * freed when the stage returns, so that they are not resident beside the later stages'
 * data until the document is reset. */
#define QT_OWNED_MAX 16
typedef struct qt_owned {
    void *mem[QT_OWNED_MAX];
    size_t n;
} qt_owned;

typedef struct qt_view {
    lede_doc *doc;
    const char *text;
    size_t len;
    const lede_token *tok; /* the document's tokens without whitespace tokens */
    size_t n_tok;
    const lede_sentence *sent;
    size_t n_sent;
    const lede_paragraph *para; /* never empty: one paragraph over the text when absent */
    size_t n_para;
    const qt_lexicon *lex;
    uint8_t *quoted;   /* per token: 1 inside a top-level quotation (marks included) */
    int nicknames;     /* some quotation is a nickname inside a name (qt_nickname()) */
    uint8_t *stops;    /* per token: 1 for the . ! ? or ellipsis that ends a sentence of the
                        * sentence layer (so Mr. or U.S. never cut a window); NULL without
                        * sentences; filled with the view (qt_find_stops) */
    uint8_t *common;   /* per token: 2 when capitalised, but written in lower case elsewhere
                        * in the document (Had, Till): not a name at a sentence start; 1 when
                        * not; 0 when not asked yet (qt_tok_common) */
    uint32_t *lexbits; /* per token: the lexicon lists holding it and QT_BIT_*, looked up on
                        * first use (0 = not yet: a looked-up token has QT_BIT_KNOWN) */
    qt_memo *memo;
    qt_owned *owned; /* where large tables are recorded; NULL: every table in the arena */
} qt_view;

/* Tables of at least this many bytes come from the heap when the view has `owned`: a
 * document of some 80,000 tokens or more. A stream of articles never reaches it. */
#define QT_OWN_MIN ((size_t)1 << 20)

/* n zeroed bytes for a table that is read only while the stage runs on the document: from
 * the heap, recorded in v->owned, when n >= QT_OWN_MIN and v->owned has room; from the
 * arena otherwise. NULL when out of memory. */
void *qt_table_alloc(const qt_view *v, size_t n);
/* Frees the tables qt_table_alloc took from the heap. */
void qt_owned_free(qt_owned *owned);

/* The bit of lexbits beyond the lists: "looked up" (0 = not yet). */
#define QT_BIT_KNOWN (1u << 31)
/* The case of a token's first letter (qt_tok_case). */
#define QT_BIT_CAPITALIZED (1u << 0)
#define QT_BIT_LOWERCASE (1u << 1)

/* The word lists of lexicon.c, one bit each: qt_tok_in(v, i, QT_W_TITLES). */
#define QT_W_CUE_VERBS (1u << 0)       /* said, told, wrote: the subject is on the left */
#define QT_W_CUE_PARTICIPLES (1u << 1) /* adding, noting */
#define QT_W_CUE_NOUNS (1u << 2)       /* S's characterization / description / words */
#define QT_W_TITLES (1u << 3)          /* roles and titles that precede a name */
#define QT_W_FUNCTION (1u << 4)        /* capitalised only at a sentence start */
#define QT_W_CALENDAR (1u << 5)        /* days and months: capitalised, not names */
#define QT_W_ORG_HEADS (1u << 6)       /* last words of places and organisations */
#define QT_W_PLACE_HEADS (1u << 7)     /* last words of places and events: no speakers */
#define QT_W_PLACE_FIRSTS (1u << 8)    /* first words of places (North, New) */
#define QT_W_CONNECTORS (1u << 9)      /* bin, de, van: inside a name */
#define QT_W_PRONOUNS (1u << 10)       /* subject pronouns */
#define QT_W_SKIP (1u << 11)           /* auxiliaries and adverbs: he has also said */
#define QT_W_DETERMINERS (1u << 12)
#define QT_W_MALE_TITLES (1u << 13)   /* Mr, Sir */
#define QT_W_FEMALE_TITLES (1u << 14) /* Mrs, Ms */
#define QT_W_MALE_NAMES (1u << 15)    /* common first names */
#define QT_W_FEMALE_NAMES (1u << 16)
#define QT_W_NP_STOPS (1u << 17)       /* words that end a noun phrase read rightwards */
#define QT_W_NP_OPENERS (1u << 18)     /* said the spokesman, said one trader */
#define QT_W_PREPOSITIONS (1u << 19)   /* marching through the streets */
#define QT_W_PHRASE_OPENERS (1u << 20) /* the spokesman, my father (read leftwards) */
#define QT_W_TITLE_SMALL (1u << 21)    /* of, and, the: lower case inside a title */
#define QT_W_CUE_HEADS (1u << 22)      /* first words of cue phrases: according, went */
#define QT_W_ROLES (1u << 23)    /* jobs before a name, not titles of address: singer, agent, MP */
#define QT_W_LY_NOUNS (1u << 24) /* nouns in -ly, no adverbs: family, daily */
#define QT_W_WORKS (1u << 25)    /* programme, newspaper, album: the name after it is no person's */
#define QT_W_NATIONALITIES (1u << 26) /* American, British: a nationality's adjective */

/* The word lists as one hash table, built once per stage instance (lexicon.c). */
/* Builds the lexicon (malloc: it lives as long as the instance). 0 or LEDE_ENOMEM. */
int qt_lexicon_new(qt_lexicon **out, lede_error *err);
void qt_lexicon_free(qt_lexicon *lex);
/* Looks token i up (i < n_tok), stores and returns its lexbits. */
uint32_t qt_tok_lookup(const qt_view *v, size_t i);
/* The lexbits of token i's word without a possessive ending (Party's: party's), not stored. */
uint32_t qt_tok_stem_bits(const qt_view *v, size_t i);
/* QT_BIT_CAPITALIZED or QT_BIT_LOWERCASE (or 0) for a token whose first byte is not ASCII. */
uint32_t qt_tok_case_slow(const qt_view *v, size_t i);

/* The lexbits of token i (i < n_tok), looked up on first use. */
static inline uint32_t qt_tok_bits(const qt_view *v, size_t i)
{
    uint32_t b = v->lexbits[i];
    return b ? b : qt_tok_lookup(v, i);
}

/* Token i is in one of the lists of the QT_W_* mask. */
static inline int qt_tok_in(const qt_view *v, size_t i, uint32_t lists)
{
    return i < v->n_tok && (qt_tok_bits(v, i) & lists) != 0;
}

/* The case of token i's first letter: QT_BIT_CAPITALIZED (upper or title case),
 * QT_BIT_LOWERCASE, or 0 (not a letter, or no token). */
static inline uint32_t qt_tok_case(const qt_view *v, size_t i)
{
    if (i >= v->n_tok || v->tok[i].end <= v->tok[i].start)
        return 0;
    unsigned char c = (unsigned char)v->text[v->tok[i].start];
    if (c >= 0x80)
        return qt_tok_case_slow(v, i);
    if (c >= 'A' && c <= 'Z')
        return QT_BIT_CAPITALIZED;
    return c >= 'a' && c <= 'z' ? QT_BIT_LOWERCASE : 0;
}

/* Token i begins with an upper-case or title-case letter. */
static inline int qt_tok_capitalized(const qt_view *v, size_t i)
{
    return qt_tok_case(v, i) == QT_BIT_CAPITALIZED;
}

/* Token i begins with a lower-case letter. */
static inline int qt_tok_lowercase(const qt_view *v, size_t i)
{
    return qt_tok_case(v, i) == QT_BIT_LOWERCASE;
}

/* Token i is two or more capitals A-Z: an abbreviation (the influential US daily), no
 * function word (us) whatever its letters spell. */
static inline int qt_tok_all_capitals(const qt_view *v, size_t i)
{
    const char *s = v->text + v->tok[i].start;
    size_t n = v->tok[i].end - v->tok[i].start;
    size_t k = 0;
    while (k < n && s[k] >= 'A' && s[k] <= 'Z')
        k++;
    return n >= 2 && k == n;
}

/* Token i is the single punctuation character c. */
static inline int qt_tok_punct(const qt_view *v, size_t i, char c)
{
    return i < v->n_tok && v->tok[i].end - v->tok[i].start == 1 && v->text[v->tok[i].start] == c;
}

/* ---- marks.c ---- */

/* One quotation segment: a quotation that spans paragraphs is one segment per paragraph,
 * linked by `continues` (the index of the previous segment, or LEDE_NONE). */
typedef struct qt_seg {
    uint32_t mark_start, mark_end; /* opening mark .. after the closing mark (or text end) */
    uint32_t start, end;           /* the quoted text without marks */
    uint32_t continues;
    uint8_t closed; /* 0 when the paragraph ended before a closing mark */
} qt_seg;

/* Finds the top-level quotations of the text. Nested quotations stay inside their
 * parent; stray and unclosed marks are reported with lede_doc_warn and skipped.
 * Linear in the text length. *out comes from qt_table_alloc (it lives as long as the
 * view's tables); *work receives the steps of the pairing (marks read, again for a
 * paragraph read again; stack levels searched). Returns 0 or LEDE_ENOMEM. */
int qt_find_segments(const qt_view *v, qt_seg **out, size_t *n_out, size_t *work, lede_error *err);

/* ---- lexicon.c ---- */

typedef enum qt_cue_kind {
    QT_CUE_NONE = 0,
    QT_CUE_VERB,       /* said, told, wrote: the subject is on the left */
    QT_CUE_PARTICIPLE, /* adding, noting: the subject is the clause's subject */
    QT_CUE_ACCORDING,  /* according to S */
    QT_CUE_NOUN,       /* S's characterization / description / words */
    QT_CUE_REPORT      /* accused X of, spoke of: a verb whose object a partial quotation
                        * words, no cue of a full one */
} qt_cue_kind;

/* The n bytes at s spell the lower-case ASCII word, ignoring the case of A-Z. */
static inline int qt_word_eq(const char *s, size_t n, const char *word)
{
    size_t k = 0;
    for (; k < n && word[k]; k++) {
        char ch = s[k];
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch - 'A' + 'a');
        if (ch != word[k])
            return 0;
    }
    return k == n && word[k] == '\0';
}

/* Token i of the view compared with a lower-case ASCII word, ignoring case. */
static inline int qt_tok_is(const qt_view *v, size_t i, const char *word)
{
    if (i >= v->n_tok)
        return 0;
    return qt_word_eq(v->text + v->tok[i].start, v->tok[i].end - v->tok[i].start, word);
}
/* Fills v->stops (qt_tok_sentence_end), for a view whose tokens are set. */
void qt_find_stops(const qt_view *v);
/* Token i (i < n_tok) is . ! ? or an ellipsis. */
int qt_tok_sentence_end_slow(const qt_view *v, size_t i);

/* Token i ends a sentence: . ! ? (or an ellipsis) where the sentence layer ends one. */
static inline int qt_tok_sentence_end(const qt_view *v, size_t i)
{
    if (i >= v->n_tok)
        return 0;
    return v->stops ? v->stops[i] : qt_tok_sentence_end_slow(v, i);
}
/* qt_tok_possessive() for a token (i < n_tok) that ends in s, S, ' or the last byte of ’. */
int qt_tok_possessive_slow(const qt_view *v, size_t i, size_t *stem_len);

/* Token i is a possessive marker on its own ('s, ’s, ') or ends with one (Bush’s);
 * *stem_len receives the byte length without the marker when not NULL. */
static inline int qt_tok_possessive(const qt_view *v, size_t i, size_t *stem_len)
{
    if (i >= v->n_tok || v->tok[i].end <= v->tok[i].start)
        return 0;
    /* Every possessive ends in one of these bytes: most words are turned away here. */
    char last = v->text[v->tok[i].end - 1];
    if (last != 's' && last != 'S' && last != '\'' && last != (char)0x99)
        return 0;
    return qt_tok_possessive_slow(v, i, stem_len);
}

/* The cue starting at token i, if any, and in *end the token after it (went on: 2). */
qt_cue_kind qt_cue_at(const qt_view *v, size_t i, size_t *end);
/* The words of [start, end) (its first token at or after token from) are in title case (Morning
 * Joe, Coal Isn't the Villain): a title or a name quoted, which nobody says. */
int qt_title_case(const qt_view *v, size_t from, uint32_t start, uint32_t end);
/* Index of the first token whose start is >= pos (n_tok when none). */
size_t qt_tok_lower_bound(const qt_view *v, uint32_t pos);
/* The same, for a pos known to lie at or after token from's start (else any pos): a
 * search forward from there, which costs the log of the distance. */
size_t qt_tok_seek(const qt_view *v, size_t from, uint32_t pos);
/* How many of n spans, each size bytes apart from spans and opening with its uint32_t start
 * (lede_sentence, lede_paragraph), start at or before byte pos. */
_Static_assert(offsetof(lede_sentence, start) == 0 && offsetof(lede_paragraph, start) == 0,
               "qt_starts_upto reads a span's start at its first byte");
static inline size_t qt_starts_upto(const void *spans, size_t n, size_t size, uint32_t pos)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t start;
        memcpy(&start, (const char *)spans + mid * size, sizeof start);
        if (start <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
/* How many sentences (paragraphs) start at or before byte pos: the one holding pos is the
 * last of them, when there is one. */
static inline size_t qt_sent_upto(const qt_view *v, uint32_t pos)
{
    return qt_starts_upto(v->sent, v->n_sent, sizeof *v->sent, pos);
}
static inline size_t qt_para_upto(const qt_view *v, uint32_t pos)
{
    return qt_starts_upto(v->para, v->n_para, sizeof *v->para, pos);
}

/* ---- names.c, namelookup.c ---- */

typedef enum qt_mention_kind {
    QT_MENTION_NAME = 1, /* a capitalised run: Andrey Kortunov, Ushakov, White House */
    QT_MENTION_PRONOUN,  /* he, she, they */
    QT_MENTION_PHRASE    /* a common noun phrase: Richmond police, the bank's economist */
} qt_mention_kind;

/* A mention: tokens [tb, te) of the view. */
typedef struct qt_mention {
    size_t tb, te;
    qt_mention_kind kind;
} qt_mention;

typedef struct qt_names qt_names;

/* Token i is capitalised at a sentence start, and the document writes the same word in
 * lower case elsewhere (Had, Till): a common word, not a name. Worked out on first use. */
int qt_tok_common(const qt_view *v, size_t i);

/* The index of every name mention outside quotations, full names by surname. The
 * mentions are collected when a lookup first needs them (v->quoted must be final by
 * then). Returns 0 or LEDE_ENOMEM; *out is arena memory. */
int qt_names_build(const qt_view *v, qt_names **out, lede_error *err);
/* The name run that ends at token i (walking left, not before token lo), trimmed of
 * roles and titles (National Security Advisor Jake Sullivan -> Jake Sullivan) and of a
 * sentence-initial function word. 0 when token i is not part of a name. */
int qt_name_ending_at(const qt_view *v, size_t i, size_t lo, qt_mention *out);
/* The name run that starts at token i (walking right, before token hi), trimmed the
 * same way. 0 when token i does not start a name. */
int qt_name_starting_at(const qt_view *v, size_t i, size_t hi, qt_mention *out);
/* The quotation whose opening mark is token i (its tokens quoted) is a nickname inside a
 * name: Brian 'Head' Welch; one of at most QT_NICKNAME_MAX_TOKENS tokens with its marks
 * (Jimmy "the Whirlwind" White: the, and up to three capitalised words). */
int qt_nickname(const qt_view *v, size_t i);
#define QT_NICKNAME_MAX_TOKENS 6
/* The speaker a mention stands for, as an arena string: a full name for a name or a
 * surname given in full earlier, a person's full name for he/she, the phrase itself for
 * a noun phrase. NULL when it cannot be resolved (or out of memory). */
const char *qt_names_resolve(qt_names *nm, const qt_view *v, const qt_mention *m);
/* Pronoun mention m resolved by a walk back from token at (<= its own token) instead of
 * from itself: the names between are not who it stands for. qt_names_resolve() for any
 * other mention. */
const char *qt_names_resolve_pronoun_from(qt_names *nm, const qt_view *v, const qt_mention *m,
                                          size_t at);
/* Pronoun token p, right after the quotation of tokens [ob, ce) ("...," he said), is he
 * or she, and the sentence before the quotation opens with a description (The United
 * boss said ..., But an executive spokeswoman insisted ...): 1 with the description in
 * *d, which the pronoun stands for (qt_names_resolve_description()). */
int qt_description_before(const qt_view *v, size_t ob, size_t ce, size_t p, qt_mention *d);
/* Who description d stands for: a spokeswoman herself, the United boss the person given
 * the job or last named; NULL when no one (the pronoun's own walk answers). */
const char *qt_names_resolve_description(qt_names *nm, const qt_view *v, const qt_mention *d);
/* The first person mention in bytes [from, to), outside quotations; failing a person,
 * the first one-word name standing as a subject (Burton explained). With persons_only,
 * only a person standing as a subject (Jones disagreed, not Clinton's health). */
int qt_names_first_in(qt_names *nm, uint32_t from, uint32_t to, int persons_only, qt_mention *out);
/* A lookup above ran out of memory indexing the names (the answers were left empty). */
int qt_names_failed(const qt_names *nm);
/* The steps the lookups took over the document's names: the local reading's (tokens read,
 * bytes searched / 64), and the index's (tokens read and scanned). */
size_t qt_names_work(const qt_names *nm);

/* ---- attribution.c ---- */

/* Fills speaker, speaker_start/end, cue_start/end and confidence of every quote, which
 * must be in text order with continues already set; toks[3 * i] and toks[3 * i + 1] are
 * the first tokens at or after quote i's mark_start and mark_end, toks[3 * i + 2] the
 * paragraph holding its mark_start (the last one starting at or before it, else 0). Sets
 * the kind of a partial quotation its cue shows to be full (and of its later segments).
 * Without speakers, leaves cue and speaker empty (the kinds are the same). Returns 0 or
 * LEDE_ENOMEM. */
int qt_attribute(const qt_view *v, qt_names *nm, lede_quote *quotes, const uint32_t *toks, size_t n,
                 int speakers, lede_error *err);

/* ---- quotes.c ---- */

/* The stage's options. */
typedef struct qt_settings {
    int speakers;
    int partial;
    int64_t min_partial_words;
} qt_settings;

/* Finds the quotations of doc (token, sentence and paragraph layers set) with their cues and
 * speakers, and sets its quote layer: the stage's process(). When work is not NULL, it
 * receives the steps of the work whose length depends on the whole document, not on one
 * quotation (the pairing's steps, qt_names_work(), and the bytes and tokens of the
 * searches for lower-case twins): a deterministic measure the tests compare between a text
 * and one twice as long, where a quadratic path would show as four times the work.
 * Returns 0, LEDE_ENOMEM or LEDE_ETOOBIG. */
int qt_process_doc(const qt_settings *set, const qt_lexicon *lex, lede_doc *doc, size_t *work,
                   lede_error *err);

#endif
