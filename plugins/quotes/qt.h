/*
 * qt.h -- the private interface between the files of the quotes stage.
 *
 * The stage works in three passes, one file each:
 *   marks.c        finds quotation marks in the raw text, tells them from apostrophes,
 *                  pairs them and cuts the quotations into segments (one per paragraph);
 *   names.c        finds name mentions (capitalised token runs) and resolves surnames,
 *                  titled names and pronouns to the full names given earlier;
 *   attribution.c  finds the cue ("said") and the speaker of each quotation.
 * lexicon.c holds the word lists and token predicates they share; quotes.c is the
 * descriptor and glues the passes together.
 *
 * Everything here is shared between files of one stage, so every name carries the
 * stage's prefix qt_ (unit tests link several stages into one executable). Nothing here
 * allocates with malloc: per-document memory comes from the document arena.
 */
#ifndef QT_H
#define QT_H

#include <stddef.h>
#include <stdint.h>

#include "lede/doc.h"

/* ---- a view of the document's layers, shared by every pass ---- */

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
    uint8_t *quoted;   /* per token: 1 inside a top-level quotation (marks included) */
    uint8_t *stops;    /* per token: 1 for the . ! ? that ends a sentence of the sentence
                        * layer (so Mr. or U.S. never cut a window); NULL without sentences */
    uint8_t *common;   /* per token: capitalised, but written in lower case elsewhere in the
                        * document (Had, Till): not a name at a sentence start; may be NULL */
    uint32_t *lexbits; /* per token: the lexicon lists holding it and QT_BIT_* (may be NULL:
                        * the predicates then read the text) */
} qt_view;

/* Bits of lexbits beyond the lists: the case of the token's first letter. */
#define QT_BIT_CAPITALIZED (1u << 30)
#define QT_BIT_LOWERCASE (1u << 29)

/* The word lists as one hash table, built once per stage instance (lexicon.c). */
typedef struct qt_lexicon qt_lexicon;
/* Builds the lexicon (malloc: it lives as long as the instance). 0 or LEDE_ENOMEM. */
int qt_lexicon_new(qt_lexicon **out, lede_error *err);
void qt_lexicon_free(qt_lexicon *lex);
/* Fills v->lexbits for every token of the view (arena memory). 0 or LEDE_ENOMEM. */
int qt_lexicon_tag(const qt_lexicon *lex, qt_view *v, lede_error *err);

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
 * Linear in the text length. *out is arena memory. Returns 0 or LEDE_ENOMEM. */
int qt_find_segments(const qt_view *v, qt_seg **out, size_t *n_out, lede_error *err);

/* ---- lexicon.c ---- */

typedef enum qt_cue_kind {
    QT_CUE_NONE = 0,
    QT_CUE_VERB,       /* said, told, wrote: the subject is on the left */
    QT_CUE_PARTICIPLE, /* adding, noting: the subject is the clause's subject */
    QT_CUE_ACCORDING,  /* according to S */
    QT_CUE_NOUN        /* S's characterization / description / words */
} qt_cue_kind;

/* Token i of the view compared with a lower-case ASCII word, ignoring case. */
int qt_tok_is(const qt_view *v, size_t i, const char *word);
/* Token i is one of the NULL-terminated list of lower-case words. */
int qt_tok_in(const qt_view *v, size_t i, const char *const *list);
/* Token i is the single punctuation character c. */
int qt_tok_punct(const qt_view *v, size_t i, char c);
/* Token i ends a sentence: . ! ? (or an ellipsis) where the sentence layer ends one. */
int qt_tok_sentence_end(const qt_view *v, size_t i);
/* Token i begins with an upper-case or title-case letter. */
int qt_tok_capitalized(const qt_view *v, size_t i);
/* Token i begins with a lower-case letter. */
int qt_tok_lowercase(const qt_view *v, size_t i);
/* Token i is a possessive marker on its own ('s, ’s, ') or ends with one (Bush’s);
 * *stem_len receives the byte length without the marker when not NULL. */
int qt_tok_possessive(const qt_view *v, size_t i, size_t *stem_len);
/* The cue starting at token i, if any, and in *end the token after it (went on: 2). */
qt_cue_kind qt_cue_at(const qt_view *v, size_t i, size_t *end);
/* The words of [start, end) are in title case (Morning Joe, Coal Isn't the Villain): a
 * title or a name quoted, which nobody says. */
int qt_title_case(const qt_view *v, uint32_t start, uint32_t end);
/* Index of the first token whose start is >= pos (n_tok when none). */
size_t qt_tok_lower_bound(const qt_view *v, uint32_t pos);

extern const char *const qt_titles[];         /* roles and titles that precede a name */
extern const char *const qt_function_words[]; /* capitalised only at a sentence start */
extern const char *const qt_calendar[];       /* days and months: capitalised, not names */
extern const char *const qt_org_heads[];      /* last words of places and organisations */
extern const char *const qt_place_firsts[];   /* first words of places (North, New) */
extern const char *const qt_place_heads[];    /* last words of places and events: no speakers */
extern const char *const qt_connectors[];     /* bin, de, van: inside a name */
extern const char *const qt_pronouns[];       /* subject pronouns */
extern const char *const qt_skip_words[];     /* auxiliaries and adverbs: he has also said */
extern const char *const qt_determiners[];
extern const char *const qt_male_titles[];   /* Mr, Sir */
extern const char *const qt_female_titles[]; /* Mrs, Ms */
extern const char *const qt_male_names[];    /* common first names */
extern const char *const qt_female_names[];

/* ---- names.c ---- */

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

/* Fills v->common (arena memory). Returns 0 or LEDE_ENOMEM. */
int qt_names_mark_common(qt_view *v, lede_error *err);

/* Collects every name mention outside quotations and indexes full names by surname.
 * Returns 0 or LEDE_ENOMEM; *out is arena memory. */
int qt_names_build(const qt_view *v, qt_names **out, lede_error *err);
/* The name run that ends at token i (walking left, not before token lo), trimmed of
 * roles and titles (National Security Advisor Jake Sullivan -> Jake Sullivan) and of a
 * sentence-initial function word. 0 when token i is not part of a name. */
int qt_name_ending_at(const qt_view *v, size_t i, size_t lo, qt_mention *out);
/* The name run that starts at token i (walking right, before token hi), trimmed the
 * same way. 0 when token i does not start a name. */
int qt_name_starting_at(const qt_view *v, size_t i, size_t hi, qt_mention *out);
/* The speaker a mention stands for, as an arena string: a full name for a name or a
 * surname given in full earlier, a person's full name for he/she, the phrase itself for
 * a noun phrase. NULL when it cannot be resolved (or out of memory). */
const char *qt_names_resolve(qt_names *nm, const qt_view *v, const qt_mention *m);
/* The first person mention in bytes [from, to), outside quotations; failing a person,
 * the first one-word name standing as a subject (Burton explained). With persons_only,
 * only a person standing as a subject (Jones disagreed, not Clinton's health). */
int qt_names_first_in(const qt_names *nm, uint32_t from, uint32_t to, int persons_only,
                      qt_mention *out);

/* ---- attribution.c ---- */

/* Fills speaker, speaker_start/end, cue_start/end and confidence of every quote, which
 * must be in text order with continues already set. Returns 0 or LEDE_ENOMEM. */
int qt_attribute(const qt_view *v, qt_names *nm, lede_quote *quotes, size_t n, int speakers,
                 lede_error *err);

#endif
