/*
 * names.h -- what the three files of name mentions share (names.c, nameindex.c,
 * namelookup.c); nothing outside them includes it.
 *
 * names.c reads one mention at a time: a run of capitalised tokens, trimmed, with what
 * the run says of itself (qt_read_run) and what the mentions of its surname before it say
 * (qt_link_mention). Conceptually the document has one index of every mention in text
 * order, each depending only on those before it: nameindex.c builds that index;
 * namelookup.c answers lookups from the few mentions near what they ask about, in a way
 * that gives exactly the index's answers, and hands over to the index when a hostile
 * document spends its budget.
 */
#ifndef QT_NAMES_H
#define QT_NAMES_H

#include "qt.h"

/* How many same-surname mentions a lookup walks at most. */
#define MAX_SURNAME_WALK 64
/* How many candidates back a pronoun looks for a person of a fitting gender. */
#define PRONOUN_REACH 16

/* A mention as the index holds it. */
typedef struct qt_mrec {
    uint32_t tb, te;    /* trimmed name tokens (a document has fewer than 2^32 bytes) */
    uint32_t start;     /* byte start */
    uint32_t prev_same; /* previous full-name mention with the same surname, or LEDE_NONE */
    uint32_t resolved;  /* a one-word mention: the full-name mention it stands for */
    uint32_t title;     /* the title token before the name (Mrs), or LEDE_NONE: mrec_title() */
    uint8_t n_words;
    uint8_t person;
    uint8_t subjectish; /* followed by a lower-case word: Burton explained */
    uint8_t gender;     /* GENDER_*: from a title (Mrs) or a common first name */
    uint8_t titled;     /* the run lost a title or role word (Mr Ushakov -> Ushakov) */
    uint8_t org;        /* ends like a place or an organisation (qt_org_like) */
    uint8_t after_the;  /* "the" stands right before it: the Nou Camp, no person */
    uint8_t headline;   /* a person run in the headline only (Apple Mac): qt_link_mention */
} qt_mrec;

/* A mention's title token as qt_title_before() gives it: SIZE_MAX for none. */
static inline size_t mrec_title(const qt_mrec *m)
{
    return m->title == LEDE_NONE ? SIZE_MAX : m->title;
}

enum { GENDER_UNKNOWN = 0, GENDER_MALE, GENDER_FEMALE };

/* The mentions of one surname, in text order, as the index would hold them
 * (namelookup.c):
 * prev_same and resolved are indices into m. The tokens that spell the surname are found
 * at once; their mentions are read only as far as a lookup needs. */
typedef struct qt_chain {
    uint32_t key, key_len; /* the surname: bytes of the text */
    uint32_t *hits;        /* the tokens that spell it (alone or with a possessive ending) */
    size_t n_hits, cap_hits;
    size_t searched; /* the text before this byte is searched for hits */
    size_t cursor;   /* the token at or after the last hit (a start for qt_tok_seek) */
    size_t n_read;   /* hits whose mentions are read */
    qt_mrec *m;      /* the mentions ending at hits[0 .. n_read) */
    size_t n, cap;
    uint32_t head; /* the latest full-name mention read, or LEDE_NONE */
} qt_chain;

/* Surname chains kept per document. */
#define MAX_CHAINS 32

struct qt_names {
    qt_mrec *m;
    size_t n;
    uint32_t *table; /* surname hash -> latest full-name mention, LEDE_NONE when empty */
    size_t table_size;
    uint32_t *persons; /* indices of mentions he or she may stand for, in text order:
                        * persons, and one-word subjects (Burton explained) */
    size_t n_persons;
    const qt_view *v;
    int built;      /* the mentions are being collected (qt_index_upto()) */
    int failed;     /* ... and that ran out of memory */
    uint32_t *caps; /* the capitalised tokens, where a name may start */
    size_t n_caps;
    size_t next_tok;   /* the collection has read the runs that start before this token */
    size_t next_cap;   /* ... and the capitalised tokens before this one */
    size_t scanned;    /* tokens the surname searches have read */
    size_t indexed;    /* capitalised tokens the collection has read */
    uint32_t whole[8]; /* byte starts of surnames whose chains are whole (index_surname) */
    uint8_t whole_len[8];
    size_t n_whole;
    /* Lookups answered near the tokens they ask about (the local reading), until a
     * hostile document spends the budget: then the index above answers. */
    int global;
    size_t work, budget;
    /* The searches for a description's job named before (the mayor: Mayor Bill de
     * Blasio), one per wording (tokens d .. job of the first description so worded), each
     * read up to token `scanned` with the last fitting job at `hit` (LEDE_NONE for none):
     * a later description so worded reads on from there. A description with modifiers
     * before its job (the prime minister) that no named job answers stands for whom its
     * first mention so worded, at token first_at, stood (first: the walk back's answer,
     * NULL before any or when it found none). */
    struct {
        uint32_t d, job, scanned, hit, first_at;
        const char *first;
    } roles[8];
    size_t n_roles;
    size_t role_work;             /* tokens they have read */
    qt_chain *chains[MAX_CHAINS]; /* arena memory, one at a time: most documents need few */
    size_t n_chains;
    /* The last local pronoun walk of each kind (WANT_*) but the organisations' (it, they
     * look back only to the paragraph before: their slots stay empty): from byte pos it
     * found out (NULL for none, or only a fallback) with `counted` mentions counted before
     * it. A later walk of the kind from further on that reaches the mentions before pos
     * knows the rest of its walk. */
    struct {
        uint32_t pos, counted;
        int valid;
        const char *out;
        /* The first candidate in an object it met (qt_in_object()), its answer when it
         * found no other, after fallback_at mentions counted. */
        const char *fallback;
        uint32_t fallback_at;
    } walks[6];
    /* The names the local lookups gave as text (qt_mention_text()), by the tokens of the
     * full-name mention, in a slot chosen by its first token: a speaker named again and
     * again (Mr Blair said ... he added) is copied once. */
    struct {
        uint32_t tb, te;
        const char *text; /* NULL: empty */
    } texts[16];
};

/* What a pronoun walk looks for: WANT_PERSON is he or she of either gender (said the
 * Tottenham striker), WANT_ANY_PERSON the last candidate ("the 23-year-old"),
 * WANT_ORG_SUBJECT an organisation as WANT_ORG (it, they) that is named as a subject or a
 * possessor (qt_org_named(): the company said). */
enum { WANT_MALE, WANT_FEMALE, WANT_ORG, WANT_ANY_PERSON, WANT_PERSON, WANT_ORG_SUBJECT };

/* ---- names.c: reading mentions ---- */

/* The n bytes at a and b spell the same word, ignoring the case of A-Z. Inline: the
 * surname searches compare every place the first two letters match. */
static inline int qt_same_word(const char *a, size_t na, const char *b, size_t nb)
{
    if (na != nb)
        return 0;
    /* Bytes that differ are the same letter in two cases when they differ in bit 0x20 alone
     * and one of them is a-z: equal bytes, most of a match, cost one compare. */
    for (size_t i = 0; i < na; i++) {
        unsigned x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x != y && ((x ^ y) != 0x20 || (x | 0x20u) - 'a' > 'z' - 'a'))
            return 0;
    }
    return 1;
}

/* The first byte q of [p, stop) that is a and is followed by b, ignoring the case of A-Z
 * in the second byte as qt_same_word() does (the text ends at end: q + 1 < end), or NULL.
 * Finds the places a word is spelt faster than a search for its first letter. */
const char *qt_find_pair(const char *p, const char *stop, const char *end, char a, char b);
/* A hash of a word that ignores the case of A-Z. */
uint32_t qt_hash_bytes(const char *s, size_t n);
/* Puts every token written in lower case (first byte a-z: the only spelling a twin can
 * have) in a set keyed by its case-folded word (*size slots, a power of two), the last
 * such token standing for its word. What it holds does not depend on its size, which
 * starts small for a long text and doubles when half full. NULL when out of memory. */
uint32_t *qt_lower_set(const qt_view *v, size_t *size);
/* Does a token of the set spell w[0..n) (a capital A-Z first) with a lower-case first
 * letter? */
int qt_lower_has(const qt_view *v, const uint32_t *set, size_t size, const char *w, size_t n);
/* The bytes of name tokens [tb, te), without a possessive ending. */
void qt_name_bytes(const qt_view *v, size_t tb, size_t te, uint32_t *s, uint32_t *e);
/* The last word of a mention (its surname). */
void qt_surname(const qt_view *v, const qt_mrec *m, const char **s, size_t *n);
/* The capitalised words of tokens [tb, te). */
int qt_n_name_words(const qt_view *v, size_t tb, size_t te);
/* The title token right before name token tb (Mr, Mr ., Mrs), or SIZE_MAX. */
size_t qt_title_before(const qt_view *v, size_t tb);
/* Titles a and b (token indices, SIZE_MAX for none) are the same word (Mrs and Mrs.). */
int qt_same_title(const qt_view *v, size_t a, size_t b);
/* Gender from the title before a name. */
uint8_t qt_title_gender(const qt_view *v, size_t tb);
/* Ends like a place or an organisation (White House, North Korea). */
int qt_org_like(const qt_view *v, const qt_mrec *m);
/* The full-name mention a surname stands for at byte pos, or LEDE_NONE: walks the chain
 * of mentions m from its latest entry e. */
uint32_t qt_lookup_in(const qt_view *v, const qt_mrec *m, uint32_t e, uint32_t pos, uint8_t want,
                      size_t title);
/* The mention of the run at capitalised token i, with the fields that depend on the run
 * alone, and in *next the token where reading goes on. 0 when none starts at i. */
int qt_read_run(const qt_view *v, size_t i, qt_mrec *m, size_t *next);
/* qt_read_run() in two steps, for readers that use few of the runs they read: where the
 * run is (m's tb, te and titled; start), then the rest of what it says of itself. */
int qt_find_run(const qt_view *v, size_t i, qt_mrec *m, size_t *next);
void qt_fill_run(const qt_view *v, qt_mrec *m);
/* Links mention m[k] to the mentions of its surname before it, whose latest entry is
 * *head (person, resolved, gender); a full name becomes the new *head. */
void qt_link_mention(const qt_view *v, qt_mrec *m, uint32_t k, uint32_t *head);
/* He, she or "the 23-year-old" may stand for mention c. */
int qt_pronoun_candidate(const qt_mrec *c);
/* Candidate c shows it is a person (for he and she). */
int qt_person_evident(const qt_view *v, const qt_mrec *c);
/* Candidate c stands after a preposition, in an object or an adverbial (particularly on
 * Jose Antonio Reyes): he and she take it only when no other candidate in reach fits. */
int qt_in_object(const qt_view *v, const qt_mrec *c);
/* ... by more than its capitalised words (Golden Kinnaree, Stars In Their Eyes are
 * none): a first name or title gives its gender, a full name before stands for it, it is
 * a name of two words opening its clause before a verb, a job stands before it or a cue
 * verb after it. */
int qt_person_shown(const qt_view *v, const qt_mrec *c);
/* It or they may stand for completed mention c: no person, and an organisation's name (not
 * a place's), or one word that speaks (Wimpey said, Valve also said: no person named so). */
int qt_org_speaker(const qt_view *v, const qt_mrec *c);
/* ... named at or after this byte: the start of the paragraph before the one holding byte
 * pos (an organisation named further back is seldom the one that speaks). */
uint32_t qt_org_reach(const qt_view *v, uint32_t pos);
/* ... and is named as a subject (for "the Tottenham striker"). */
int qt_subject_person(const qt_view *v, const qt_mrec *c);
/* "The company" may stand for completed mention c: an organisation named as a subject or
 * a possessor, not after a preposition (trading on the London Stock Exchange); one word
 * that is no person's, place's or day's name is one there (Kraft's new policy). */
int qt_org_named(const qt_view *v, const qt_mrec *c);
/* Token k is an organisation's common noun in lower case (the company, the alliance). */
int qt_org_noun(const qt_view *v, size_t k);
/* Token k follows a preposition in lower case (on, with, from; against, including). */
int qt_after_preposition(const qt_view *v, size_t k);
/* No mention of two or more words ends at token h: the token before it can be no run's. */
int qt_alone_at(const qt_view *v, size_t h);
/* The last token s <= k, at most reach tokens before k, such that token s-1 is no part of
 * any run (s == 0 is one): reading from s gives the index's mentions. SIZE_MAX when there
 * is none so near. */
size_t qt_run_start_before(const qt_view *v, size_t k, size_t reach);
/* The end e of a name's bytes, past the generational suffix at token te that its run was
 * trimmed of (Joseph R. Biden Jr.), when there is one. */
uint32_t qt_name_suffix_end(const qt_view *v, size_t te, uint32_t e);
/* A name copied into the arena with each run of white space made one space. */
const char *qt_dup_name(lede_doc *doc, const char *s, size_t n);
/* How many tokens a name with a nickname has at least: Brian ' Head ' Welch. */
#define QT_NICKNAME_TOKENS 5
/* qt_name_text() for a run that may hold a nickname. */
const char *qt_name_text_nick(const qt_view *v, size_t tb, size_t te, uint32_t s, uint32_t e);
/* The name of the run of tokens [tb, te), whose bytes are [s, e), copied by qt_dup_name()
 * without a nickname quoted inside the run (Brian 'Head' Welch is Brian Welch). NULL when
 * out of memory. Only a document with a nickname (v->nicknames) and a run long enough to
 * hold one are read for it. */
static inline const char *qt_name_text(const qt_view *v, size_t tb, size_t te, uint32_t s,
                                       uint32_t e)
{
    if (!v->nicknames || te - tb < QT_NICKNAME_TOKENS)
        return qt_dup_name(v->doc, v->text + s, e - s);
    return qt_name_text_nick(v, tb, te, s, e);
}
/* Where the name of an organisation starts whose mention [tb, te) starts at byte s: before
 * the capitalised words joined to it by of, of the, for, and or & when the first of them
 * hold an organisation's word (The International Federation of the Red Cross and Red
 * Crescent Societies); else s. */
uint32_t qt_org_name_start(const qt_view *v, size_t tb, size_t te, uint32_t s);
/* The full name mention m stands for (its resolved mention in arr, or itself), as text. */
const char *qt_mention_text(const qt_view *v, const qt_mrec *arr, const qt_mrec *m);

/* The person a one-word mention at token k that is a title after "the" (the Bishop said)
 * stands for, when the text named one with that job before; else NULL (namelookup.c). */
const char *qt_names_title_holder(qt_names *nm, const qt_view *v, size_t k);
/* The text of the full name mention m stands for (its resolved mention in arr, or itself;
 * a job named alone, the holder named with it before), remembered per document. NULL when
 * out of memory. */
const char *qt_names_mention_text(qt_names *nm, const qt_mrec *arr, const qt_mrec *m);

/* ---- nameindex.c: the index of every mention ---- */

/* Reads the index up to token limit. 0, or -1 when out of memory (nm->failed). */
int qt_index_upto(qt_names *nm, size_t limit);
/* The name a walk back from byte pos finds (WANT_*), or NULL. */
const char *qt_index_walk_back(qt_names *nm, uint32_t pos, int what);
/* The full name a one-word name stands for, or NULL (*failed when out of memory). */
const char *qt_index_resolve_surname(qt_names *nm, const char *s, size_t n, uint32_t pos,
                                     size_t title, uint8_t want, int *failed);
/* qt_names_first_in() answered by the index. */
int qt_index_first_in(qt_names *nm, uint32_t from, uint32_t to, int persons_only, qt_mention *out);

#endif
