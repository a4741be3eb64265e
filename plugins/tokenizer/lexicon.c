/*
 * lexicon.c -- the small word lists sentence splitting depends on.
 *
 * A full stop after "Mr" never ends a sentence, one after "Inc" sometimes does, and one
 * after "No" does not when a number follows. And whether "U.S. How" holds a boundary
 * depends on the word after the stop: "How" is a capitalised function word that starts
 * sentences ("starter"), "Government" is not. This file keeps both lists in one small
 * hash table keyed by the lower-cased word (ASCII only: every entry is ASCII), built once
 * per stage instance from the built-in lists below and, optionally, a user file
 * (the `abbreviations` option). Lookups are case-insensitive; callers check case.
 *
 * Keep the lists short and news-oriented. A word belongs in "starter" only when, written
 * with a capital after a full stop, it far more often begins a sentence than continues
 * a name ("The", "It", "But"); "May" or "Will" do not belong there.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tok.h"

#define KEY_MAX 15

struct tok_lex_slot {
    char key[KEY_MAX + 1]; /* lower case, NUL-terminated; "" = empty slot */
    unsigned flags;
};

/* Titles before names: never the end of a sentence. */
static const char *const titles[] = {
    "mr",   "mrs", "ms",    "messrs", "dr",  "prof", "gov",  "sen", "rep",   "gen",  "col",
    "lt",   "sgt", "capt",  "cmdr",   "adm", "maj",  "cpl",  "pvt", "rev",   "hon",  "pres",
    "supt", "st",  "mt",    "ft",     "fr",  "msgr", "atty", "gov", "lieut", "brig", "insp",
    "det",  "amb", "treas", "rt",     "mme", "mlle", "sr",   "sra", "srta",  NULL};

/* Abbreviations that may end a sentence (before a starter word). */
static const char *const abbrevs[] = {
    "jr",   "inc",   "ltd",  "co",   "corp", "bros", "llc",  "plc", "etc",  "esq",  "jan",
    "feb",  "apr",   "jun",  "jul",  "aug",  "sep",  "sept", "oct", "nov",  "dec",  "tues",
    "thur", "thurs", "dept", "univ", "assn", "ave",  "blvd", "hwy", "govt", "intl", "natl",
    "yrs",  "hrs",   "mins", "secs", "lbs",  "mfg",  "al",   "mt",  NULL};

/* Written with a capital only (TOK_LEX_CAPITAL), where the lower-case word is an ordinary
 * one ("fell ill.", "sales reps."). Titles in the plural: "Sens. Jon Tester and David
 * Vitter", "GOP Sens. Kelly Ayotte", "Reps. Elijah Cummings", "Assemb.", "Ald.". */
static const char *const capital_titles[] = {"sens", "reps", "dels",   "govs", "gens", "adms",
                                             "cols", "drs",  "assemb", "ald",  NULL};

/* US states (capital only), AP style ("Calif.", "Ill.", "Wash.") and the older forms
 * ("Kans.", "Tex.", "Wisc.", the "Dak." of "N. Dak."). They end a sentence like the
 * other abbreviations, only before a starter: "in Trenton, N.J. The next day", "Selma,
 * Ala. But on Saturday", but "the Calif. Senate", "Sen. Bernie Sanders (I-Vt.) said".
 * "Del." is Delaware and a delegate's title ("state Del. Marcia Price"): before a name
 * neither ends a sentence. Two-letter states with stops (N.J., S.C.) are one token
 * already (abbrev.c), "W.Va." two abbreviations; Maine's "Me." is left out. */
static const char *const states[] = {
    "ala",  "ariz", "ark",  "calif", "colo", "conn", "del",  "fla",  "ga",   "ill",
    "ind",  "kan",  "kans", "ky",    "la",   "md",   "mass", "mich", "minn", "miss",
    "mo",   "mont", "neb",  "nebr",  "nev",  "okla", "ore",  "oreg", "pa",   "penn",
    "tenn", "tex",  "vt",   "va",    "wash", "wis",  "wisc", "wyo",  "dak",  NULL};

/* Before a number: "No. 5", "p. 55", "Vol. 2", "c. 1230" (circa). Most are ordinary
 * words too ("no", "art"), so they are abbreviations only when a number follows. */
static const char *const numprefixes[] = {
    "no", "nos", "p",   "pp",  "vol", "vols", "fig", "figs", "art", "ch", "op",  "nr", "sect",
    "pg", "rm",  "apt", "ste", "ex",  "tab",  "rs",  "sec",  "c",   "ca", "div", NULL};

/* Never end a sentence. */
static const char *const nevers[] = {"vs", "v", "cf", "viz", "e.g", "i.e", "ibid", "approx", NULL};

/* Capitalised function words that start sentences. */
static const char *const starters[] = {
    "a", "an", "the", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i",
    "you", "his", "her", "their", "our", "my", "your", "there", "here", "in", "on", "at", "for",
    "but", "and", "or", "so", "yet", "if", "when", "while", "after", "before", "as", "since",
    "although", "though", "because", "what", "who", "why", "how", "where", "which", "is", "are",
    "was", "were", "do", "does", "did", "can", "could", "would", "should", "has", "have", "had",
    "not", "no", "yes", "some", "many", "most", "all", "each", "every", "both", "other", "such",
    "then", "now", "also", "however", "meanwhile", "today", "yesterday", "according", "during",
    "under", "with", "without", "by", "from", "to", "of", "one", "two", "three", "several", "later",
    "earlier", "last", "next", "still", "even", "only", "despite", "about", "over", "image",
    "photo", "picture", "source", "sources", "officials", "police", "him", "them", "let", "please",
    "thus", "therefore", "instead", "indeed", "nor", "whether", "whose", "whom", "once", "unlike",
    "like", "among", "until", "though", "although",
    /* quantities that open news sentences: "Millions attended", "More than 100 died" */
    "millions", "thousands", "hundreds", "dozens", "more", "few", NULL};

/* Words of the scraped-text rules in sentences.c (captions, datelines, credits). */
static const char *const preps[] = {"in",    "on",        "at",        "during",  "after",
                                    "since", "according", "meanwhile", "however", NULL};
static const char *const weekdays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                       "friday", "saturday", "sunday",    NULL};
static const char *const months[] = {"january",  "february", "march",  "april",     "may",
                                     "june",     "july",     "august", "september", "october",
                                     "november", "december", NULL};
static const char *const credits[] = {"image",  "photo", "photograph", "picture",
                                      "credit", "video", NULL};

static size_t hash_key(const char *s, size_t len)
{
    /* FNV-1a over the lower-cased bytes. */
    size_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        h = (h ^ c) * 16777619u;
    }
    return h;
}

static int key_eq(const struct tok_lex_slot *slot, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        if ((unsigned char)slot->key[i] != c)
            return 0;
    }
    return slot->key[len] == '\0';
}

static int grow(tok_lexicon *lex)
{
    size_t ncap = lex->slots ? (lex->mask + 1) * 2 : 256;
    struct tok_lex_slot *ns = calloc(ncap, sizeof *ns);

    if (!ns)
        return LEDE_ENOMEM;
    if (lex->slots) {
        for (size_t i = 0; i <= lex->mask; i++) {
            struct tok_lex_slot *old = &lex->slots[i];
            size_t h;
            if (!old->key[0])
                continue;
            h = hash_key(old->key, strlen(old->key)) & (ncap - 1);
            while (ns[h].key[0])
                h = (h + 1) & (ncap - 1);
            ns[h] = *old;
        }
        free(lex->slots);
    }
    lex->slots = ns;
    lex->mask = ncap - 1;
    return 0;
}

/* Records that a word of these classes has this length, first and last letter. */
static void mark_first(tok_lexicon *lex, const char *s, size_t len, unsigned flags)
{
    lex->by_first[len][tok_lexicon_slot(s[0])] |= (uint16_t)flags;
    lex->by_last[len][tok_lexicon_slot(s[len - 1])] |= (uint16_t)flags;
}

/* Adds flags to word s[0..len); words longer than KEY_MAX are ignored (no abbreviation
 * or starter is that long). Returns 0 or LEDE_ENOMEM. */
static int lex_add(tok_lexicon *lex, const char *s, size_t len, unsigned flags)
{
    size_t h;

    if (len == 0 || len > KEY_MAX)
        return 0;
    if (!lex->slots || (lex->count + 1) * 2 > lex->mask + 1) {
        if (grow(lex))
            return LEDE_ENOMEM;
    }
    h = hash_key(s, len) & lex->mask;
    while (lex->slots[h].key[0]) {
        if (key_eq(&lex->slots[h], s, len)) {
            lex->slots[h].flags |= flags;
            mark_first(lex, s, len, flags);
            return 0;
        }
        h = (h + 1) & lex->mask;
    }
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        lex->slots[h].key[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    lex->slots[h].key[len] = '\0';
    lex->slots[h].flags = flags;
    lex->count++;
    mark_first(lex, s, len, flags);
    return 0;
}

static int add_list(tok_lexicon *lex, const char *const *words, unsigned flags)
{
    for (; *words; words++) {
        if (lex_add(lex, *words, strlen(*words), flags))
            return LEDE_ENOMEM;
    }
    return 0;
}

int tok_lexicon_init(tok_lexicon *lex, lede_error *err)
{
    memset(lex, 0, sizeof *lex);
    if (add_list(lex, titles, TOK_LEX_TITLE) || add_list(lex, abbrevs, TOK_LEX_ABBREV) ||
        add_list(lex, capital_titles, TOK_LEX_TITLE | TOK_LEX_CAPITAL) ||
        add_list(lex, states, TOK_LEX_ABBREV | TOK_LEX_CAPITAL) ||
        add_list(lex, numprefixes, TOK_LEX_NUMPREFIX) || add_list(lex, nevers, TOK_LEX_NEVER) ||
        add_list(lex, starters, TOK_LEX_STARTER) || add_list(lex, preps, TOK_LEX_PREP) ||
        add_list(lex, weekdays, TOK_LEX_WEEKDAY) || add_list(lex, months, TOK_LEX_MONTH) ||
        add_list(lex, credits, TOK_LEX_CREDIT)) {
        tok_lexicon_free(lex);
        return lede_error_set(err, LEDE_ENOMEM, "tokenizer: out of memory building the lexicon");
    }
    return 0;
}

unsigned tok_lexicon_get(const tok_lexicon *lex, const char *s, size_t len)
{
    size_t h;

    if (!lex || !lex->slots || len == 0 || len > KEY_MAX)
        return 0;
    h = hash_key(s, len) & lex->mask;
    while (lex->slots[h].key[0]) {
        if (key_eq(&lex->slots[h], s, len))
            return lex->slots[h].flags;
        h = (h + 1) & lex->mask;
    }
    return 0;
}

void tok_lexicon_free(tok_lexicon *lex)
{
    free(lex->slots);
    memset(lex, 0, sizeof *lex);
}

static int parse_class(const char *s, size_t len, unsigned *flags)
{
    static const struct {
        const char *name;
        unsigned flags;
    } classes[] = {{"title", TOK_LEX_TITLE},
                   {"abbrev", TOK_LEX_ABBREV},
                   {"number", TOK_LEX_NUMPREFIX},
                   {"never", TOK_LEX_NEVER}};
    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++) {
        if (strlen(classes[i].name) == len && memcmp(classes[i].name, s, len) == 0) {
            *flags = classes[i].flags;
            return 0;
        }
    }
    return -1;
}

int tok_lexicon_load(tok_lexicon *lex, const char *path, lede_error *err)
{
    FILE *f = fopen(path, "r");
    char line[256];
    unsigned lineno = 0;
    int rc = 0;

    if (!f)
        return lede_error_set(err, LEDE_EIO, "tokenizer: cannot read abbreviations file '%s': %s",
                              path, strerror(errno));
    while (fgets(line, sizeof line, f)) {
        char *p = line, *word, *cls;
        size_t wlen, clen;
        unsigned flags = TOK_LEX_ABBREV;

        lineno++;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '#' || *p == '\n' || *p == '\r' || *p == '\0')
            continue;
        word = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r' && *p != '#')
            p++;
        wlen = (size_t)(p - word);
        /* "Gov." and "Gov" both mean the abbreviation Gov. */
        if (wlen > 1 && word[wlen - 1] == '.')
            wlen--;
        while (*p == ' ' || *p == '\t')
            p++;
        cls = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r' && *p != '#')
            p++;
        clen = (size_t)(p - cls);
        if (clen && parse_class(cls, clen, &flags)) {
            rc = lede_error_set(err, LEDE_EPARSE,
                                "%s:%u: unknown abbreviation class '%.*s' (expected title, "
                                "abbrev, number or never)",
                                path, lineno, (int)clen, cls);
            break;
        }
        if (lex_add(lex, word, wlen, flags)) {
            rc = lede_error_set(err, LEDE_ENOMEM, "tokenizer: out of memory reading '%s'", path);
            break;
        }
    }
    if (!rc && ferror(f))
        rc = lede_error_set(err, LEDE_EIO, "tokenizer: error reading '%s'", path);
    fclose(f);
    return rc;
}
