/*
 * tok.h -- what the files of the tokenizer stage share, and nothing else.
 *
 * The stage works in three passes over a document: paragraphs.c finds paragraph spans
 * (blank lines), words.c cuts each paragraph into word tokens and judges quote marks
 * and apostrophes (fastpath.c takes the plain words before its rules), and sentences.c
 * decides which token ends a sentence. uax29.c is an alternative word segmenter
 * (Unicode UAX #29, every segment kept) used when the `words` option asks for it;
 * sentence boundaries then still come from the default tokens, mapped onto the UAX #29
 * tokens by byte offset.
 *
 * Functions shared between the files carry the prefix tok_ because the unit tests link
 * several stages into one executable. Nothing here keeps mutable global state.
 */
#ifndef TOK_H
#define TOK_H

#include <stddef.h>
#include <stdint.h>

#include "lede/doc.h"
#include "lede/error.h"
#include "skipped.h"

/* SSE2, where the compiler has it (every x86-64): the scans that take 16 bytes a step. */
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#define TOK_SSE2 1
#endif

/* ---- character classes (classify.c) ---- */

enum tok_cc {
    TOK_CC_SPACE = 0, /* white space, including NBSP and line breaks */
    TOK_CC_UPPER,     /* Lu and Lt: can start a capitalised word */
    TOK_CC_LOWER,     /* Ll */
    TOK_CC_LETTER,    /* Lm, Lo: letters without case (CJK, Arabic, ...) */
    TOK_CC_MARK,      /* Mn, Mc, Me: combining marks continue the word they follow */
    TOK_CC_DIGIT,     /* Nd */
    TOK_CC_NUMERIC,   /* Nl, No: ½, ①, Roman numerals; a token of these and digits
                         alone is a number, one with letters a word */
    TOK_CC_PUNCT,     /* P* */
    TOK_CC_SYMBOL,    /* S* that are not emoji */
    TOK_CC_EMOJI,     /* Extended_Pictographic and regional indicators */
    TOK_CC_FORMAT,    /* Cf: ZWJ, soft hyphen, ... */
    TOK_CC_OTHER      /* controls, private use, unassigned */
};

/* The slow paths of the two inline functions below (classify.c). */
size_t tok_decode_multibyte(const unsigned char *s, size_t n, int32_t *cp);
int tok_class_unicode(int32_t cp);
extern const unsigned char tok_ascii_class[128];

/* The first byte of the character that ends at s[pos] (begin < pos): back over at most three
 * UTF-8 continuation bytes, never before begin. Scanning backwards: pair it with tok_decode. */
static inline size_t tok_char_start_before(const unsigned char *s, size_t begin, size_t pos)
{
    size_t p = pos - 1;

    while (p > begin && (s[p] & 0xC0) == 0x80 && pos - p < 4)
        p--;
    return p;
}

/* Decodes the code point at s[0..n) (n >= 1) into *cp and returns its length in bytes.
 * Invalid bytes (the host replaced them, but the harness accepts anything) decode as
 * U+FFFD of length 1, so scanning always advances. Inline: it runs once per character. */
static inline size_t tok_decode(const unsigned char *s, size_t n, int32_t *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    return tok_decode_multibyte(s, n, cp);
}

/* ASCII classes of a byte, for the scanners that read bytes (fastpath.c, clean.c). */
static inline int tok_ascii_digit(unsigned char c)
{
    return (unsigned)(c - '0') < 10;
}

static inline int tok_ascii_upper(unsigned char c)
{
    return (unsigned)(c - 'A') < 26;
}

static inline int tok_ascii_lower(unsigned char c)
{
    return (unsigned)(c - 'a') < 26;
}

static inline int tok_ascii_letter(unsigned char c)
{
    return tok_ascii_upper(c) || tok_ascii_lower(c);
}

/* The class of a code point; ASCII through a table, the rest through utf8proc. */
static inline int tok_class(int32_t cp)
{
    if (cp >= 0 && cp < 0x80)
        return tok_ascii_class[cp];
    return tok_class_unicode(cp);
}

/* 1 for the apostrophe-like marks ' (U+0027) and ’ (U+2019). */
int tok_is_apostrophe(int32_t cp);
/* From the generated table (uax29.c): the UAX #29 Word_Break property of cp (enum tok_wb
 * in wordbreak_table.h), and whether cp is Extended_Pictographic. */
int tok_wb_property(int32_t cp);
int tok_wb_is_pictographic(int32_t cp);
/* 1 when rule WB4 attaches cp to the character before it: Word_Break Extend, Format or ZWJ. */
int tok_wb_attaches(int32_t cp);
/* 1 for a letter that is a word by itself, as UAX #29 (WB999) and Lucene make it: a Han
 * ideograph or a Hiragana letter (wide, and Word_Break Other). */
int tok_is_ideograph(int32_t cp);
/* 1 for a character of Word_Break Katakana. */
int tok_wb_is_katakana(int32_t cp);

/* ---- the lexicon: abbreviations and sentence starters (lexicon.c) ---- */

enum {
    TOK_LEX_TITLE = 1 << 0,     /* Mr, Dr, Gov: a name always follows, never ends a sentence */
    TOK_LEX_ABBREV = 1 << 1,    /* Inc, Jr, etc, Sept: ends one only before a starter word */
    TOK_LEX_NUMPREFIX = 1 << 2, /* No, p, Vol: never ends a sentence before a number */
    TOK_LEX_NEVER = 1 << 3,     /* vs, cf: never ends a sentence */
    TOK_LEX_STARTER = 1 << 4,   /* The, It, How: a capitalised function word that begins
                                   sentences far more often than it continues a name */
    TOK_LEX_PREP = 1 << 5,      /* In, On, During: may open a sentence after a caption */
    TOK_LEX_WEEKDAY = 1 << 6,   /* Monday ... Sunday */
    TOK_LEX_MONTH = 1 << 7,     /* January ... December */
    TOK_LEX_CREDIT = 1 << 8,    /* Image, Photo: "Image: Nick Moreau." */
    TOK_LEX_CAPITAL = 1 << 9,   /* with TITLE or ABBREV: only when capitalised ("Sens.",
                                   "Ill." but "sens.", "fell ill.") */
    TOK_LEX_ANY_ABBREV =
        TOK_LEX_TITLE | TOK_LEX_ABBREV | TOK_LEX_NUMPREFIX | TOK_LEX_NEVER | TOK_LEX_CAPITAL,
    /* the words of the caption and dateline rules (sentences.c) */
    TOK_LEX_CAPTION = TOK_LEX_CREDIT | TOK_LEX_PREP | TOK_LEX_WEEKDAY
};

#define TOK_LEX_CLASSES 10 /* flag bits above */

typedef struct tok_lexicon {
    struct tok_lex_slot *slots; /* open addressing, power-of-two size */
    size_t mask;
    size_t count;
    /* by_first[len][letter]: the classes (TOK_LEX_* bits) that hold a word of length len
     * and that first letter ('a'..'z' as 0..25, anything else 26); by_last the same for
     * the last letter. A word belongs to a class only if both hold it, so
     * tok_lexicon_get_if skips the hash for nearly every other word with two loads. */
    uint16_t by_first[16][27];
    uint16_t by_last[16][27];
} tok_lexicon;

/* Builds the built-in lexicon. Returns 0 or LEDE_ENOMEM. */
int tok_lexicon_init(tok_lexicon *lex, lede_error *err);
/* Adds the abbreviations listed in a file: one per line, without the final full stop,
 * optionally followed by a class (title, abbrev, number, never); '#' starts a comment.
 * Returns 0, LEDE_EIO (cannot read: the message names the path) or LEDE_EPARSE
 * (bad class: path:line). */
int tok_lexicon_load(tok_lexicon *lex, const char *path, lede_error *err);
/* The TOK_LEX_* flags of s[0..len), compared case-insensitively (ASCII); 0 if unknown. */
unsigned tok_lexicon_get(const tok_lexicon *lex, const char *s, size_t len);
/* The filter's slot for letter c: 'a'..'z' in either case as 0..25, anything else 26. */
static inline unsigned tok_lexicon_slot(char c)
{
    unsigned i = ((unsigned char)c | 0x20u) - 'a';
    return i < 26 ? i : 26;
}
/* 0 when no word s[0..len) is in any class of wanted; 1 when one may be: the filter on
 * length, first and last letters, two loads. */
static inline int tok_lexicon_may_hold(const tok_lexicon *lex, const char *s, size_t len,
                                       unsigned wanted)
{
    if (!lex || len == 0 || len > 15)
        return 0;
    return (lex->by_first[len][tok_lexicon_slot(s[0])] &
            lex->by_last[len][tok_lexicon_slot(s[len - 1])] & wanted) != 0;
}
/* tok_lexicon_get restricted to the classes in wanted; cheaper when the word is in none:
 * the filter is inline, so most words never reach the hash. */
static inline unsigned tok_lexicon_get_if(const tok_lexicon *lex, const char *s, size_t len,
                                          unsigned wanted)
{
    if (!tok_lexicon_may_hold(lex, s, len, wanted))
        return 0;
    return tok_lexicon_get(lex, s, len) & wanted;
}
void tok_lexicon_free(tok_lexicon *lex);

/* ---- a growable token array in the document arena (or on the heap) ---- */

typedef struct tok_vec {
    lede_token *v;
    size_t n, cap;
    lede_doc *doc; /* arena to grow in; NULL = heap (realloc), owned by the vector */
} tok_vec;

/* Makes room for one more token. Returns 0 or LEDE_ENOMEM. */
int tok_vec_reserve(tok_vec *vec, size_t extra);

/* Private token flag while tokenizing: the word was cut off a glued word ("today|Putin")
 * and starts a sentence. Cleared before the tokens are published. */
#define TOK_F_GLUED (1u << 15)
/* Private token flag: a line break follows the token inside its paragraph. */
#define TOK_F_EOL (1u << 14)
/* Private token flag: page furniture was dropped after the token (a block-level HTML tag,
 * a dot leader and its page number, a rule of slashes): its sentence ends there. */
#define TOK_F_END (1u << 13)
/* Private token flag on a paragraph's first token: the paragraph holds a '['. */
#define TOK_F_BRACKETS (1u << 12)
/* Private token flag: no sentence rule acts on this token unless the next one is
 * capitalised (see tok_inert_flag); sentences.c passes over such runs in bulk. */
#define TOK_F_INERT (1u << 11)
#define TOK_F_PRIVATE (TOK_F_GLUED | TOK_F_EOL | TOK_F_END | TOK_F_BRACKETS | TOK_F_INERT)

/* TOK_F_INERT for token t, its kind and flags set: a word other than an abbreviation or
 * a lower-case letter alone (a list marker or item label), or one ASCII punctuation or
 * symbol character other than . ? ! (words.c sets it; the fast paths know it already,
 * and there a lower-case letter alone or a number of digits before a space is inert
 * too: no marker's "." or ")" is glued to it, and a number's rules, as a list marker or
 * a figure label "1.3", need one or a stop inside). A token left without the flag only
 * costs sentences.c a look at it. */
static inline uint16_t tok_inert_flag(const char *text, const lede_token *t)
{
    unsigned ch = (unsigned char)text[t->start], len = t->end - t->start;

    if (t->flags & LEDE_TOKF_ABBREV)
        return 0;
    if (t->kind == LEDE_TOK_WORD)
        return len > 1 || ch < 'a' || ch > 'z' ? TOK_F_INERT : 0;
    if (t->kind == LEDE_TOK_PUNCT || t->kind == LEDE_TOK_SYMBOL)
        return len == 1 && ch != '.' && ch != '?' && ch != '!' ? TOK_F_INERT : 0;
    return 0;
}

/* Rare rules out of the hot loops: keeping them out of line keeps the loops small. */
#if defined(__GNUC__)
#define TOK_COLD __attribute__((cold, noinline))
#else
#define TOK_COLD
#endif

/* ---- options, shared by the passes ---- */

typedef struct tok_config {
    const tok_lexicon *lex;
    int clitics;                 /* split do|n't and Iran|'s */
    uint32_t max_sentence_bytes; /* 0 = no limit */
    int quotations_whole;        /* a quotation's inner marks end no sentence */
} tok_config;

/* ---- passes ---- */

/* A paragraph span found by tok_paragraphs: [start, end), trimmed of white space. */
typedef struct tok_span {
    uint32_t start, end;
} tok_span;

/* Finds paragraphs (runs of non-blank lines) in text[0..len); writes up to cap spans to
 * out and returns how many there are (call with cap 0 to count). */
size_t tok_paragraphs(const char *text, size_t len, tok_span *out, size_t cap);

/* abbrev.c: if a URL or an e-mail address starts at s[start] (before end), sets *out to
 * its end, trailing punctuation excluded, and returns 1. */
int tok_url_end(const unsigned char *s, uint32_t start, uint32_t end, uint32_t *out);
/* U.S., U.S.A., a.m., e.g., Ph.D. at s[start]: sets *out to its end and returns 1. */
int tok_multidot_end(const unsigned char *s, uint32_t start, uint32_t end, uint32_t *out);
/* Does the full stop at dot belong to the word text[start..dot) of the paragraph
 * [begin, end)? (Mr., Inc., an initial, No. before a number.) */
int tok_stop_is_abbrev(const tok_config *cfg, const char *text, uint32_t begin, uint32_t end,
                       uint32_t start, uint32_t dot);

/* What tok_junk_end says of the furniture it found. */
enum {
    TOK_JUNK_ENDS = 1 << 0,     /* it ends the sentence before it (a block-level tag, a
                                   leader, a rule) */
    TOK_JUNK_SEPARATES = 1 << 1 /* it stands between words (the above and a literal line-break
                                   escape): shown text puts a space in its place; an inline
                                   tag (</em>, <b>) joins what is on its two sides */
};

/* If page furniture starts at s[pos] (begin <= pos < end, begin the paragraph's start): an
 * HTML tag, escaped or not, a dot leader with its page number, a rule of four or more equal
 * marks not glued to a word before it, a literal "\n" escape. Returns where it ends and sets
 * *what to its TOK_JUNK_* flags; 0 if none. */
uint32_t tok_junk_end(const unsigned char *s, uint32_t begin, uint32_t pos, uint32_t end,
                      unsigned *what);

/* Where tok_words records the text it skips (furniture, and the line break before a lone
 * full stop), for the exporter to leave out of a sentence's shown text: runs of adjacent
 * pieces, packed in groups into the generic layer SKIPPED_LAYER (skipped.h has the format).
 * The layer is created when the first group is written, so a document without furniture
 * has none and pays nothing. A run is held back until a piece that does not touch it comes,
 * a group until it is full or tok_skips_flush. */
typedef struct tok_skips {
    lede_doc *doc;
    lede_layer *layer;          /* NULL until the first group is written */
    uint32_t start, end;        /* the run held back; start == end: none */
    unsigned what;              /* its TOK_JUNK_* flags */
    uint32_t group_start, prev; /* the group's start, and the end of its last run */
    unsigned n_runs;            /* runs in the group; 0: none */
    size_t n_bytes;             /* their encoding's length in bytes */
    unsigned char bytes[SKIPPED_GROUP_BYTES];
} tok_skips;

/* Starts recording for doc. Field by field: the encoding buffer is written before it is
 * read, and zeroing it would cost every document. */
static inline void tok_skips_init(tok_skips *skips, lede_doc *doc)
{
    skips->doc = doc;
    skips->layer = NULL;
    skips->start = skips->end = 0;
    skips->what = 0;
    skips->group_start = skips->prev = 0;
    skips->n_runs = 0;
    skips->n_bytes = 0;
}

/* Records the skipped text[start..end) with its TOK_JUNK_* flags what (clean.c), after every
 * piece recorded before: it extends the run held back when it starts where that ends.
 * Returns 0 or LEDE_ENOMEM. */
int tok_skips_add(tok_skips *skips, uint32_t start, uint32_t end, unsigned what);
/* Writes what is held back, if anything, to the layer. Returns 0 or LEDE_ENOMEM. */
int tok_skips_flush(tok_skips *skips);

/* Appends to vec the word tokens of text[start..end) (one paragraph), and to skips (when
 * not NULL) the furniture skipped between them. Returns 0 or LEDE_ENOMEM. */
int tok_words(const tok_config *cfg, const char *text, uint32_t start, uint32_t end, tok_vec *vec,
              tok_skips *skips);

/* fastpath.c: appends to vec the plain tokens of s[pos..end) (a paragraph's rest), one
 * after another, with the , ; ) ! ? or full stop after each and the space after that,
 * exactly as tok_words' rules would make them; returns where it stopped: end, or the
 * first character or token it leaves to tok_words (pos itself when the first is one).
 * Sets *rc to LEDE_ENOMEM when the array cannot grow. */
uint32_t tok_plain_words(const tok_config *cfg, const unsigned char *s, uint32_t pos, uint32_t end,
                         tok_vec *vec, int *rc);
/* The end of the run of ASCII lower-case letters starting at q (q <= end). */
uint32_t tok_lower_run_end(const unsigned char *s, uint32_t q, uint32_t end);

/* Decides the sentences of one paragraph whose tokens are tokens[0..n) (n >= 1): calls
 * emit(arg, first, last) for each sentence, as token indexes (inclusive), in order.
 * Returns 0 or the first non-zero value emit returned. */
typedef int (*tok_emit_fn)(void *arg, size_t first, size_t last);
int tok_sentences(const tok_config *cfg, const char *text, const lede_token *tokens, size_t n,
                  tok_emit_fn emit, void *arg);

/* Appends to vec the UAX #29 word segments of text[start..end), white space included
 * (kind LEDE_TOK_SPACE). Returns 0 or LEDE_ENOMEM. */
int tok_uax29(const char *text, uint32_t start, uint32_t end, tok_vec *vec);

/* Kind and case flags of the token text[start..end) (WORD, NUMBER, ...). */
void tok_describe(const char *text, lede_token *t);

#endif
