/*
 * ent.h -- what the files of the entities stage share.
 *
 * entities.c owns the descriptor, the life cycle and the output layers; mentions.c finds
 * name mentions in the token stream, sheds titles and function words, types them and
 * resolves surnames to full names; lexicon.c holds the word lists those decisions use.
 */
#ifndef ENT_H
#define ENT_H

#include <stddef.h>
#include <stdint.h>

#include <lede/stage.h>

typedef enum ent_type { ENT_UNKNOWN = 0, ENT_PERSON, ENT_ORG, ENT_PLACE } ent_type;

/* One name mention: the name's byte span (title and possessive excluded). */
typedef struct ent_mention {
    uint32_t start, end;
    uint32_t title_start, title_end; /* "Russian President" before the name; equal if none */
    uint32_t tok_begin, tok_end;     /* the name's tokens */
    uint8_t type;                    /* ent_type */
    uint8_t strength;                /* how sure the type is: 0 (guess) .. 3 (list, title) */
    const char *name;                /* the name as written, words joined by one space */
    const char *canonical;           /* the full name it stands for (== name unless resolved) */
} ent_mention;

/* Finds every name mention of the document, typed and resolved, in text order, into
 * *out (arena). Returns 0, LEDE_ENOMEM or LEDE_EINVAL (no token layer) with err filled. */
int ent_find_mentions(lede_doc *doc, ent_mention **out, size_t *n, lede_error *err);

/* ---- lexicon.c: case-insensitive membership of a word (or several words joined by
 * one space) in a list; a trailing full stop is ignored (Mr. = Mr). ---- */
typedef enum ent_list {
    ENT_TITLES,         /* written before a person's name: President, Mr, Ayatollah */
    ENT_FUNCTION_WORDS, /* capitalised only because they start a sentence: The, In, But */
    ENT_CALENDAR,       /* never names: Monday, July */
    ENT_CONNECTORS,     /* lower-case words inside names: bin, al, de, van */
    ENT_ORG_HEADS,      /* last words of organisation names: Council, Ministry, Bank */
    ENT_PLACE_HEADS,    /* last words of place names: Republic, Sea, Province */
    ENT_ORGS,           /* organisations by name: Kremlin, NATO, Reuters */
    ENT_PLACES,         /* countries, capitals, regions: Iran, New York, Middle East */
    ENT_PLACE_PREPS,    /* a lone name after these is a place: in, from, to */
    ENT_EVENTS,         /* words that make a run an event, not a person: War, Summit */
    ENT_LIST_COUNT
} ent_list;

int ent_in_list(ent_list list, const char *s, size_t len);
/* For the test that checks every list is sorted: the list and its length. */
const char *const *ent_list_table(ent_list list, size_t *n);

#endif
