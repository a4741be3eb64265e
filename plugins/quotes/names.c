/*
 * names.c -- name mentions, and resolving a mention to the full name of who it means.
 *
 * A name mention is a run of capitalised tokens (George W. Bush, with its initial;
 * Osama bin Laden, with a lower-case connector), cut before a possessive ending. Runs
 * shed a sentence-initial function word (In, The) and everything up to the last title
 * or role word (Russian President Vladimir Putin -> Vladimir Putin; Mr Ushakov ->
 * Ushakov). There is no named-entity model here: a mention counts as a person when it
 * has two or more words, or a title, and does not end like a place or an organisation
 * (White House, North Korea, Security Council).
 *
 * News articles give a person's full name once and the surname afterwards, so every
 * person mention of two or more words is indexed by its last word. A one-word mention
 * resolves to the most recent full name with that surname given before it (or, failing
 * that, anywhere in the article); he and she resolve to the most recent person (or one-
 * word subject: Burton explained) whose gender, known from a title (Mr, Mrs) or a common
 * first name, does not rule it out. A capitalised common word opening a sentence (Had
 * Elizabeth) is not part of a name when the document writes it in lower case elsewhere.
 *
 * Conceptually there is one index of every mention in text order, each depending only on
 * those before it. Building it costs a look at every capitalised token, while a lookup
 * needs few mentions, so lookups are answered by reading the text near what they ask
 * about (the mentions just before a pronoun, those of one sentence, those of one surname,
 * found by searching the text for it), in a way that gives exactly the index's answers.
 * The work is counted: past a budget proportional to the document (a hostile text asking
 * about thousands of surnames), the index itself is built once and answers. Lookups are
 * bounded (a hash table, a binary search, a capped walk) so that a document with
 * thousands of same-named mentions stays linear.
 */
#include <string.h>

#include "qt.h"

/* How many same-surname mentions a lookup walks at most. */
#define MAX_SURNAME_WALK 64
/* How many candidates back a pronoun looks for a person of a fitting gender. */
#define PRONOUN_REACH 16

typedef struct mention {
    size_t tb, te;      /* trimmed name tokens */
    uint32_t start;     /* byte start */
    uint32_t prev_same; /* previous full-name mention with the same surname, or LEDE_NONE */
    uint32_t resolved;  /* a one-word mention: the full-name mention it stands for */
    uint8_t n_words;
    uint8_t person;
    uint8_t subjectish; /* followed by a lower-case word: Burton explained */
    uint8_t gender;     /* GENDER_*: from a title (Mrs) or a common first name */
    uint8_t titled;     /* the run lost a title or role word (Mr Ushakov -> Ushakov) */
    uint8_t org;        /* ends like a place or an organisation (org_like) */
    size_t title;       /* the title token before a one-word name (Mrs), or SIZE_MAX */
} mention;

enum { GENDER_UNKNOWN = 0, GENDER_MALE, GENDER_FEMALE };

/* The mentions of one surname, in text order, as the index would hold them (chain_of()):
 * prev_same and resolved are indices into m. The tokens that spell the surname are found
 * at once; their mentions are read only as far as a lookup needs (chain_read()). */
typedef struct chain {
    uint32_t key, key_len; /* the surname: bytes of the text */
    uint32_t *hits;        /* the tokens that spell it (alone or with a possessive ending) */
    size_t n_hits, cap_hits;
    size_t searched; /* the text before this byte is searched for hits */
    size_t cursor;   /* the token at or after the last hit (a start for qt_tok_seek) */
    size_t n_read;   /* hits whose mentions are read */
    mention *m;      /* the mentions ending at hits[0 .. n_read) */
    size_t n, cap;
    uint32_t head; /* the latest full-name mention read, or LEDE_NONE */
} chain;

/* Surname chains kept per document. */
#define MAX_CHAINS 32

struct qt_names {
    mention *m;
    size_t n;
    uint32_t *table; /* surname hash -> latest full-name mention, LEDE_NONE when empty */
    size_t table_size;
    uint32_t *persons; /* indices of mentions he or she may stand for, in text order:
                        * persons, and one-word subjects (Burton explained) */
    size_t n_persons;
    const qt_view *v;
    int built;      /* the mentions are being collected (index_upto()) */
    int failed;     /* ... and that ran out of memory */
    uint32_t *caps; /* the capitalised tokens, where a name may start */
    size_t n_caps;
    size_t next_tok;   /* the collection has read the runs that start before this token */
    size_t next_cap;   /* ... and the capitalised tokens before this one */
    size_t scanned;    /* tokens index_surname() has read, to keep it linear */
    uint32_t whole[8]; /* byte starts of surnames whose chains are whole (index_surname) */
    uint8_t whole_len[8];
    size_t n_whole;
    /* Lookups answered near the tokens they ask about (the local reading), until a
     * hostile document spends the budget: then the index above answers. */
    int global;
    size_t work, budget;
    chain chains[MAX_CHAINS];
    size_t n_chains;
};

static inline int is_name_word(const qt_view *v, size_t i)
{
    if (i >= v->n_tok || v->quoted[i])
        return 0;
    /* The cheap tests first: the calendar one is a lexicon lookup. */
    if (!qt_tok_capitalized(v, i) || qt_tok_is(v, i, "i"))
        return 0;
    if (v->tok[i].kind != LEDE_TOK_WORD && v->tok[i].kind != LEDE_TOK_OTHER &&
        v->tok[i].kind != LEDE_TOK_SYMBOL)
        return 0;
    return !qt_tok_in(v, i, QT_W_CALENDAR);
}

/* A lower-case word inside a name: bin, de, van. The connectors are short and begin with
 * one of a few letters: most words are turned away before a lexicon lookup. */
static int is_connector(const qt_view *v, size_t i)
{
    if (i >= v->n_tok || v->tok[i].end - v->tok[i].start > 5)
        return 0;
    char c = v->text[v->tok[i].start];
    if (c >= 'A' && c <= 'Z')
        c = (char)(c - 'A' + 'a');
    return strchr("abdeilmv", c) != NULL && c != '\0' && qt_tok_in(v, i, QT_W_CONNECTORS);
}

/* A full stop standing alone after a one-letter initial: George W . Bush. */
static int is_initial_dot(const qt_view *v, size_t i)
{
    return i > 0 && qt_tok_punct(v, i, '.') && v->tok[i - 1].end == v->tok[i].start &&
           v->tok[i - 1].end - v->tok[i - 1].start == 1 && qt_tok_capitalized(v, i - 1);
}

static int is_separate_possessive(const qt_view *v, size_t i)
{
    if (i >= v->n_tok)
        return 0;
    const char *s = v->text + v->tok[i].start;
    size_t n = v->tok[i].end - v->tok[i].start;
    return (n == 2 && s[0] == '\'' && (s[1] | 0x20) == 's') ||
           (n == 4 && memcmp(s, "\xE2\x80\x99", 3) == 0 && (s[3] | 0x20) == 's');
}

static int n_name_words(const qt_view *v, size_t tb, size_t te)
{
    int n = 0;
    for (size_t i = tb; i < te; i++)
        if (qt_tok_capitalized(v, i))
            n++;
    return n;
}

/* Token i opens a sentence (or follows punctuation), where any word is capitalised. */
static int sentence_initial(const qt_view *v, size_t i)
{
    if (i == 0 || (v->tok[i].flags & LEDE_TOKF_SENT_START))
        return 1;
    return !qt_tok_capitalized(v, i - 1) && !qt_tok_lowercase(v, i - 1) &&
           !qt_tok_punct(v, i - 1, ',');
}

/* Tokens a and a + 1 may belong to one name: no sentence start and no blank line between. */
static int joins(const qt_view *v, size_t a)
{
    if (a + 1 >= v->n_tok || (v->tok[a + 1].flags & LEDE_TOKF_SENT_START))
        return 0;
    uint32_t s = v->tok[a].end, e = v->tok[a + 1].start;
    if (e - s > 64)
        return 0; /* a long gap is layout, not the space inside a name */
    int newlines = 0;
    for (uint32_t k = s; k < e; k++)
        newlines += v->text[k] == '\n';
    return newlines < 2;
}

/* Trims a run [tb, te) of a leading function word and of roles and titles. */
static void trim_run(const qt_view *v, size_t *tb, size_t *te)
{
    while (*tb < *te && qt_tok_in(v, *tb, QT_W_FUNCTION))
        (*tb)++;
    /* Had Elizabeth, Till Elizabeth: a common word capitalised by its sentence. */
    if (*te - *tb >= 2 &&
        !qt_tok_in(v, *tb, QT_W_TITLES | QT_W_PLACE_FIRSTS | QT_W_MALE_NAMES | QT_W_FEMALE_NAMES) &&
        qt_tok_common(v, *tb))
        (*tb)++;
    /* Refugee Council Enver Solomon: an organisation's name before a person's. */
    for (size_t i = *te; i-- > *tb;) {
        if (qt_tok_in(v, i, QT_W_ORG_HEADS) && i + 2 < *te && n_name_words(v, i + 1, *te) >= 2 &&
            !qt_tok_in(v, *te - 1, QT_W_ORG_HEADS)) {
            *tb = i + 1;
            break;
        }
    }
    for (size_t i = *te; i-- > *tb;) {
        if (qt_tok_in(v, i, QT_W_TITLES)) {
            size_t after = i + 1;
            if (after < *te && qt_tok_punct(v, after, '.'))
                after++;
            if (after < *te && n_name_words(v, after, *te) > 0)
                *tb = after;
            break;
        }
    }
    while (*te > *tb && (qt_tok_punct(v, *te - 1, '.') && !is_initial_dot(v, *te - 1)))
        (*te)--;
}

int qt_name_starting_at(const qt_view *v, size_t i, size_t hi, qt_mention *out)
{
    if (!is_name_word(v, i) || i >= hi)
        return 0;
    size_t j = i;
    while (j < hi) {
        if (j > i && !joins(v, j - 1))
            break;
        if (is_name_word(v, j)) {
            j++;
            if (qt_tok_possessive(v, j - 1, NULL))
                break;
        } else if (is_initial_dot(v, j)) {
            j++;
        } else if (j + 1 < hi && is_name_word(v, j + 1) && is_connector(v, j)) {
            j++;
        } else {
            break;
        }
    }
    size_t tb = i, te = j;
    trim_run(v, &tb, &te);
    if (tb >= te)
        return 0;
    out->tb = tb;
    out->te = te;
    out->kind = QT_MENTION_NAME;
    return 1;
}

int qt_name_ending_at(const qt_view *v, size_t i, size_t lo, qt_mention *out)
{
    if (i < v->n_tok && is_separate_possessive(v, i) && i > lo)
        i--;
    if (i >= v->n_tok || !is_name_word(v, i))
        return 0;
    size_t b = i;
    while (b > lo) {
        size_t k = b - 1;
        if (!joins(v, k))
            break;
        if (is_name_word(v, k) && !qt_tok_possessive(v, k, NULL))
            b = k;
        else if (is_initial_dot(v, k))
            b = k;
        else if (k > lo && is_name_word(v, k - 1) && is_connector(v, k))
            b = k;
        else
            break;
    }
    size_t tb = b, te = i + 1;
    trim_run(v, &tb, &te);
    if (tb >= te)
        return 0;
    out->tb = tb;
    out->te = te;
    out->kind = QT_MENTION_NAME;
    return 1;
}

/* The bytes of a name mention, without a possessive ending. */
static void name_bytes(const qt_view *v, size_t tb, size_t te, uint32_t *s, uint32_t *e)
{
    size_t stem;
    *s = v->tok[tb].start;
    *e = v->tok[te - 1].end;
    if (qt_tok_possessive(v, te - 1, &stem))
        *e = v->tok[te - 1].start + (uint32_t)stem;
}

static uint32_t hash_bytes(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch - 'A' + 'a');
        h = (h ^ (unsigned char)ch) * 16777619u;
    }
    return h;
}

/* The last word of a mention (its surname). */
static void surname(const qt_view *v, const mention *m, const char **s, size_t *n)
{
    uint32_t b, e;
    name_bytes(v, m->te - 1, m->te, &b, &e);
    *s = v->text + b;
    *n = e - b;
}

static int same_word(const char *a, size_t na, const char *b, size_t nb)
{
    if (na != nb)
        return 0;
    for (size_t i = 0; i < na; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (char)(y - 'A' + 'a');
        if (x != y)
            return 0;
    }
    return 1;
}

/* The slot of the surname s in the table: its entry, or the empty slot it would take. */
static size_t slot_of(const qt_names *nm, const char *s, size_t n)
{
    size_t mask = nm->table_size - 1, at = hash_bytes(s, n) & mask;
    for (;;) {
        uint32_t e = nm->table[at];
        if (e == LEDE_NONE)
            return at;
        const char *es;
        size_t en;
        surname(nm->v, &nm->m[e], &es, &en);
        if (same_word(es, en, s, n))
            return at;
        at = (at + 1) & mask;
    }
}

/* Titles a and b (token indices, SIZE_MAX for none) are the same word (Mrs and Mrs.). */
static int same_title(const qt_view *v, size_t a, size_t b)
{
    if (a == SIZE_MAX || b == SIZE_MAX)
        return 0;
    const char *x = v->text + v->tok[a].start, *y = v->text + v->tok[b].start;
    size_t nx = v->tok[a].end - v->tok[a].start, ny = v->tok[b].end - v->tok[b].start;
    if (nx > 0 && x[nx - 1] == '.')
        nx--;
    if (ny > 0 && y[ny - 1] == '.')
        ny--;
    return same_word(x, nx, y, ny);
}

/* The full-name mention a surname stands for at byte pos, or LEDE_NONE: walks the chain of
 * mentions m from its latest entry e (see the index). */
static uint32_t lookup_in(const qt_view *v, const mention *m, uint32_t e, uint32_t pos,
                          uint8_t want, size_t title)
{
    uint32_t best = LEDE_NONE;
    if (title != SIZE_MAX) {
        /* Mrs Bennet named before any Bennet's first name is a person of her own. */
        uint32_t t = e;
        for (int walk = 0; t != LEDE_NONE && walk < MAX_SURNAME_WALK; walk++) {
            if (m[t].n_words == 1 && same_title(v, m[t].title, title))
                return t;
            t = m[t].prev_same;
        }
    }
    for (int walk = 0; e != LEDE_NONE && walk < MAX_SURNAME_WALK; walk++) {
        /* Mr Bennet is not Elizabeth Bennet: a title's gender must fit. A bare surname
         * (said Bingley) resolves to a full name only, not to Miss Bingley. */
        uint8_t g = m[e].gender;
        int titled_single = m[e].n_words == 1;
        if ((want == GENDER_UNKNOWN || g == GENDER_UNKNOWN || g == want) &&
            !(titled_single && title == SIZE_MAX)) {
            best = e;
            if (m[e].start < pos)
                return e;
        }
        e = m[e].prev_same;
    }
    return best;
}

/* The same, in the document's index. */
static uint32_t lookup(const qt_names *nm, const char *s, size_t n, uint32_t pos, uint8_t want,
                       size_t title)
{
    return lookup_in(nm->v, nm->m, nm->table[slot_of(nm, s, n)], pos, want, title);
}

static int org_like(const qt_view *v, const mention *m)
{
    return qt_tok_in(v, m->te - 1, QT_W_ORG_HEADS) || qt_tok_in(v, m->tb, QT_W_PLACE_FIRSTS) ||
           (m->te - m->tb >= 2 && qt_tok_in(v, m->tb, QT_W_PLACE_HEADS)); /* London Lydia */
}

/* Token scans qt_tok_common() makes before it hashes the document's lower-case words
 * once: a document asks a few times, a hostile one (thousands of sentences opening with
 * a different capitalised pair) would make the scans quadratic. */
#define MAX_TWIN_SCANS 8

/* Puts every token written in lower case (first byte a-z: the only spelling a twin can
 * have) in a set keyed by its case-folded word. NULL when out of memory. */
static uint32_t *lower_set(const qt_view *v, size_t *size)
{
    size_t n = 0;
    for (size_t k = 0; k < v->n_tok; k++)
        n += v->tok[k].end > v->tok[k].start && v->text[v->tok[k].start] >= 'a' &&
             v->text[v->tok[k].start] <= 'z';
    *size = 16;
    while (*size < 2 * (n + 1))
        *size *= 2;
    uint32_t *set = lede_doc_alloc(v->doc, *size * sizeof *set);
    if (!set)
        return NULL;
    memset(set, 0xFF, *size * sizeof *set);
    for (size_t k = 0; k < v->n_tok; k++) {
        const lede_token *t = &v->tok[k];
        if (t->end <= t->start || v->text[t->start] < 'a' || v->text[t->start] > 'z')
            continue;
        size_t at = hash_bytes(v->text + t->start, t->end - t->start) & (*size - 1);
        for (; set[at] != LEDE_NONE; at = (at + 1) & (*size - 1)) {
            const lede_token *e = &v->tok[set[at]];
            if (same_word(v->text + e->start, e->end - e->start, v->text + t->start,
                          t->end - t->start))
                break;
        }
        set[at] = (uint32_t)k;
    }
    return set;
}

/* Does a token written in lower case spell the word of token i (capitalised, its first
 * byte ASCII)? A word whose first letter is not ASCII has no lower-case twin: the bytes
 * compared without case would be the same capital. */
static int has_lowercase_twin(const qt_view *v, size_t i)
{
    const char *w = v->text + v->tok[i].start;
    size_t n = v->tok[i].end - v->tok[i].start;
    if (n == 0 || w[0] < 'A' || w[0] > 'Z')
        return 0;
    char first = (char)(w[0] - 'A' + 'a');
    qt_memo *memo = v->memo;
    if (memo->twin_scans >= MAX_TWIN_SCANS && !memo->lower_set)
        memo->lower_set = lower_set(v, &memo->lower_size);
    if (memo->lower_set) {
        size_t mask = memo->lower_size - 1, at = hash_bytes(w, n) & mask;
        for (; memo->lower_set[at] != LEDE_NONE; at = (at + 1) & mask) {
            const lede_token *e = &v->tok[memo->lower_set[at]];
            if (e->end - e->start == n && v->text[e->start] == first &&
                same_word(v->text + e->start + 1, n - 1, w + 1, n - 1))
                return 1;
        }
        return 0;
    }
    memo->twin_scans++;
    /* The text is searched for the word's lower-case first letter (a few in a hundred
     * bytes), and a token is looked for only where the word is spelt. */
    const char *end = v->text + v->len;
    for (const char *p = v->text; (p = memchr(p, first, (size_t)(end - p))) != NULL; p++) {
        if ((size_t)(end - p) < n || !same_word(p + 1, n - 1, w + 1, n - 1))
            continue;
        size_t k = qt_tok_lower_bound(v, (uint32_t)(p - v->text));
        if (k < v->n_tok && v->tok[k].start == (uint32_t)(p - v->text) &&
            v->tok[k].end - v->tok[k].start == n)
            return 1;
    }
    return 0;
}

int qt_tok_common(const qt_view *v, size_t i)
{
    if (i >= v->n_tok)
        return 0;
    if (v->common[i])
        return v->common[i] == 2;
    int common = 0;
    if (qt_tok_capitalized(v, i) && sentence_initial(v, i)) {
        /* The same word asked about at another token: the answer is the same. */
        qt_memo *memo = v->memo;
        const char *w = v->text + v->tok[i].start;
        size_t n = v->tok[i].end - v->tok[i].start, k;
        for (k = 0; k < memo->n_common; k++) {
            const lede_token *t = &v->tok[memo->common_word[k]];
            if (same_word(v->text + t->start, t->end - t->start, w, n))
                break;
        }
        if (k < memo->n_common) {
            common = memo->common_ans[k];
        } else {
            common = has_lowercase_twin(v, i);
            if (memo->n_common < sizeof memo->common_word / sizeof memo->common_word[0]) {
                memo->common_word[memo->n_common] = i;
                memo->common_ans[memo->n_common++] = (uint8_t)common;
            }
        }
    }
    v->common[i] = common ? 2 : 1;
    return common;
}

/* The title token right before name token tb (Mr, Mr ., Mrs), or SIZE_MAX. */
static size_t title_before(const qt_view *v, size_t tb)
{
    size_t k = tb;
    if (k > 0 && qt_tok_punct(v, k - 1, '.'))
        k--;
    return k > 0 && qt_tok_in(v, k - 1, QT_W_TITLES) ? k - 1 : SIZE_MAX;
}

/* Gender from a title token t (SIZE_MAX for none): Mr, Sir -> male; Mrs, Ms, Miss ->
 * female. */
static uint8_t gender_of_title(const qt_view *v, size_t t)
{
    if (t == SIZE_MAX)
        return GENDER_UNKNOWN;
    if (qt_tok_in(v, t, QT_W_FEMALE_TITLES))
        return GENDER_FEMALE;
    if (qt_tok_in(v, t, QT_W_MALE_TITLES))
        return GENDER_MALE;
    return GENDER_UNKNOWN;
}

/* Gender from the title before a name. */
static uint8_t title_gender(const qt_view *v, size_t tb)
{
    return gender_of_title(v, title_before(v, tb));
}

/* Gender from the title just before the name (Mr, Mrs: m->title is title_before(m->tb))
 * or from its first word. */
static uint8_t gender_of(const qt_view *v, const mention *m)
{
    uint8_t g = gender_of_title(v, m->title);
    if (g != GENDER_UNKNOWN)
        return g;
    if (m->n_words >= 2 || m->resolved == LEDE_NONE) {
        if (qt_tok_in(v, m->tb, QT_W_FEMALE_NAMES))
            return GENDER_FEMALE;
        if (qt_tok_in(v, m->tb, QT_W_MALE_NAMES))
            return GENDER_MALE;
    }
    return GENDER_UNKNOWN;
}

int qt_names_build(const qt_view *v, qt_names **out, lede_error *err)
{
    qt_names *nm = lede_doc_alloc(v->doc, sizeof *nm);
    if (!nm)
        return lede_error_set(err, LEDE_ENOMEM, "quotes: out of memory indexing names");
    nm->v = v;
    /* What the local reading may spend before the index takes over: a few times the
     * tokens, so that it stays linear whatever a document asks. */
    nm->budget = 16 * v->n_tok + 4096;
    *out = nm;
    return 0;
}

int qt_names_failed(const qt_names *nm)
{
    return nm->failed;
}

/* The run at capitalised token i, as the index reads it: the mention it makes, with the
 * fields that depend on the run alone, and in *next the token where reading goes on.
 * 0 when no mention starts at i (reading goes on at i + 1). */
static int read_run(const qt_view *v, size_t i, mention *m, size_t *next)
{
    qt_mention run;
    if (!is_name_word(v, i) || !qt_name_starting_at(v, i, v->n_tok, &run))
        return 0;
    size_t nx = run.te > i ? run.te : i + 1;
    /* Skip the rest of the untrimmed run so that its tail is not a mention again. */
    while (nx < v->n_tok && is_name_word(v, nx) && joins(v, nx - 1) &&
           !qt_tok_possessive(v, nx - 1, NULL))
        nx++;
    memset(m, 0, sizeof *m);
    m->tb = run.tb;
    m->te = run.te;
    m->start = v->tok[run.tb].start;
    m->prev_same = LEDE_NONE;
    m->resolved = LEDE_NONE;
    m->title = title_before(v, run.tb);
    int words = n_name_words(v, run.tb, run.te);
    m->n_words = (uint8_t)(words > 255 ? 255 : words);
    m->titled = run.tb > i;
    m->org = (uint8_t)org_like(v, m);
    m->subjectish = qt_tok_lowercase(v, run.te) && !is_connector(v, run.te) &&
                    !qt_tok_possessive(v, run.te - 1, NULL);
    *next = nx;
    return 1;
}

/* Links mention m[k] to the mentions of its surname before it, whose latest full-name
 * mention is *head: whether it is a person, which full name a surname stands for, its
 * gender; a full name (or Mrs Bennet before any first name) becomes the new *head. */
static void link_mention(const qt_view *v, mention *m, uint32_t k, uint32_t *head)
{
    mention *c = &m[k];
    if (!c->org && c->n_words >= 2) {
        c->person = 1;
        c->prev_same = *head;
        *head = k;
    } else if (c->n_words == 1) {
        uint32_t full = lookup_in(v, m, *head, c->start, gender_of_title(v, c->title), c->title);
        if (full != LEDE_NONE && m[full].start < c->start) {
            c->resolved = full;
            c->person = 1;
        } else if (c->titled && !c->org) {
            /* Mrs Bennet before any Bennet's full name: her own entry. */
            c->person = 1;
            if (c->title != SIZE_MAX) {
                c->prev_same = *head;
                *head = k;
            }
        } else if (full != LEDE_NONE) {
            c->resolved = full;
            c->person = 1;
        }
    }
    c->gender = gender_of(v, c);
    if (c->resolved != LEDE_NONE && c->gender == GENDER_UNKNOWN)
        c->gender = m[c->resolved].gender;
}

/* He or she may stand for mention c: a person, or a one-word subject (Burton explained). */
static int pronoun_candidate(const mention *c)
{
    return c->person || (c->n_words == 1 && c->subjectish && !c->org);
}

/* Sets the collection of mentions up, the first time a lookup needs them: a quotation
 * attributed to a full name (said Richard Parsons) needs none. 0, or -1 when out of
 * memory (nm->failed). */
static int index_start(qt_names *nm)
{
    nm->built = 1;
    const qt_view *v = nm->v;
    /* Only a capitalised token can start a name: list them in one tight pass, and walk
     * the list instead of every token. */
    uint32_t *caps = lede_doc_alloc(v->doc, (v->n_tok + 1) * sizeof *caps);
    if (!caps) {
        nm->failed = 1;
        return -1;
    }
    size_t cap = 0;
    for (size_t i = 0; i < v->n_tok; i++) {
        caps[cap] = (uint32_t)i;
        cap += qt_tok_capitalized(v, i);
    }
    nm->caps = caps;
    nm->n_caps = cap;
    nm->m = lede_doc_alloc(v->doc, (cap + 1) * sizeof *nm->m);
    nm->persons = lede_doc_alloc(v->doc, (cap + 1) * sizeof *nm->persons);
    nm->table_size = 16;
    while (nm->table_size < 2 * (cap + 1))
        nm->table_size *= 2;
    nm->table = lede_doc_alloc(v->doc, nm->table_size * sizeof *nm->table);
    if (!nm->m || !nm->persons || !nm->table) {
        nm->failed = 1;
        return -1;
    }
    memset(nm->table, 0xFF, nm->table_size * sizeof *nm->table);
    return 0;
}

/* Collects the mentions of the runs that start before token limit, going on from where
 * the last call stopped. The mentions come in text order and each depends only on those
 * before it, so the index read so far is exactly the whole document's index cut at
 * limit: a lookup that only looks back (a pronoun, the subject of a clause) needs no
 * more. 0, or -1 when out of memory. */
static int index_upto(qt_names *nm, size_t limit)
{
    if (!nm->built && index_start(nm) < 0)
        return -1;
    if (nm->failed)
        return -1;
    const qt_view *v = nm->v;
    const uint32_t *caps = nm->caps;
    size_t cap = nm->n_caps, c = nm->next_cap, i = nm->next_tok;
    for (; i < v->n_tok;) {
        /* Tokens that are not capitalised are no name word: on to the next that is. */
        while (c < cap && caps[c] < i)
            c++;
        if (c == cap) {
            i = v->n_tok;
            break;
        }
        i = caps[c];
        if (i >= limit)
            break;
        mention *m = &nm->m[nm->n];
        size_t next;
        if (!read_run(v, i, m, &next)) {
            i++;
            continue;
        }
        uint32_t none = LEDE_NONE, *head = &none;
        if (m->n_words >= 1) {
            const char *s;
            size_t n;
            surname(v, m, &s, &n);
            head = &nm->table[slot_of(nm, s, n)];
        }
        link_mention(v, nm->m, (uint32_t)nm->n, head);
        if (pronoun_candidate(m))
            nm->persons[nm->n_persons++] = (uint32_t)nm->n;
        nm->n++;
        i = next;
    }
    nm->next_tok = i;
    nm->next_cap = c;
    return 0;
}

/* The index up to byte pos: every mention that starts before pos is in. */
static int index_before(qt_names *nm, uint32_t pos)
{
    return index_upto(nm, qt_tok_lower_bound(nm->v, pos));
}

/* The index with every mention whose surname may be the n bytes at s: the collection
 * goes on past the last token left to read that spells s, alone or with a possessive
 * ending ('s, ', ’s, ’). The surname's chain is then whole, as a lookup needs it. */
static int index_surname(qt_names *nm, const char *s, size_t n)
{
    if (!nm->built && index_start(nm) < 0)
        return -1;
    if (nm->failed)
        return -1;
    const qt_view *v = nm->v;
    /* The same speaker asked about again (Mr Smith said ... Mr Smith added): its chain is
     * already whole, and stays so. */
    for (size_t k = 0; k < nm->n_whole; k++)
        if (same_word(v->text + nm->whole[k], nm->whole_len[k], s, n))
            return 0;
    if (nm->n_whole < sizeof nm->whole / sizeof nm->whole[0] && n <= UINT8_MAX) {
        nm->whole[nm->n_whole] = (uint32_t)(s - v->text);
        nm->whole_len[nm->n_whole++] = (uint8_t)n;
    }
    /* Thousands of surnames asked about in a hostile text would make the scans quadratic:
     * past a budget of twice the text, the index is simply read to its end. */
    if (nm->scanned + (v->n_tok - nm->next_tok) > 2 * v->n_tok)
        return index_upto(nm, v->n_tok);
    for (size_t k = v->n_tok; k-- > nm->next_tok;) {
        nm->scanned++;
        size_t len = v->tok[k].end - v->tok[k].start;
        if (len >= n && len <= n + 4 && same_word(v->text + v->tok[k].start, n, s, n))
            return index_upto(nm, k + 1);
    }
    return 0;
}

/* Index of the last mention starting before pos in the sorted index list, or SIZE_MAX. */
static size_t last_before(const qt_names *nm, const uint32_t *idx, size_t n, uint32_t pos)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t at = idx ? nm->m[idx[mid]].start : nm->m[mid].start;
        if (at < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo == 0 ? SIZE_MAX : lo - 1;
}

/* ---- the local reading: the index's answers from the tokens near a lookup ----
 *
 * Building the index costs a look at every capitalised token of the document, while a
 * lookup needs few mentions: those just before a pronoun, those of one sentence, those
 * of one surname. Reading starts at a token right after one that no run can hold (not a
 * name word, an initial's full stop or a connector): the index reading passes there in
 * the same state whatever came before, so what is read from there on is the index's.
 * A surname's mentions are found by searching the text for it. The work is counted, and
 * past a budget proportional to the document the index is built and answers instead:
 * the answers are the same either way. */

/* How far back a reading start is looked for (a longer run of name words goes to the
 * index), and how many tokens a walk back reads at a time. */
#define MAX_SYNC 48
#define BACK_CHUNK 24

/* Charges work to the local reading; 0 when it is over budget (the index answers). */
static int spend(qt_names *nm, size_t work)
{
    nm->work += work;
    return !nm->global && nm->work <= nm->budget;
}

/* Switches to the index for good, read to the end. 0, or -1 when out of memory. */
static int go_global(qt_names *nm)
{
    nm->global = 1;
    return index_upto(nm, nm->v->n_tok);
}

/* Token k-1 is no part of any run: reading from k gives the index's mentions. */
static int run_break_before(const qt_view *v, size_t k)
{
    return k == 0 ||
           (!is_name_word(v, k - 1) && !is_initial_dot(v, k - 1) && !is_connector(v, k - 1));
}

/* A reading start at or before token k, or SIZE_MAX when none is near (or over budget). */
static size_t sync_before(qt_names *nm, size_t k)
{
    size_t s = k;
    while (!run_break_before(nm->v, s)) {
        if (k - s >= MAX_SYNC)
            return SIZE_MAX;
        s--;
    }
    return spend(nm, k - s + 1) ? s : SIZE_MAX;
}

/* The mention that ends at token t, read from a start before it: 1, 0 when no mention
 * ends there, -1 when there is no near start (or the budget is spent). */
static int mention_ending_at(qt_names *nm, size_t t, mention *out)
{
    const qt_view *v = nm->v;
    size_t i = sync_before(nm, t);
    if (i == SIZE_MAX)
        return -1;
    while (i <= t) {
        size_t next;
        if (!qt_tok_capitalized(v, i) || !read_run(v, i, out, &next)) {
            i++;
            continue;
        }
        if (out->te == t + 1)
            return 1;
        if (out->tb > t)
            return 0;
        i = next;
    }
    return 0;
}

/* Makes room for one more element of size elem in the arena array *arr of *n (capacity
 * *cap). 0, or -1 when out of memory. */
static int grow(lede_doc *doc, void **arr, size_t n, size_t *cap, size_t elem)
{
    if (n < *cap)
        return 0;
    size_t ncap = *cap ? 2 * *cap : 8;
    void *grown = lede_doc_alloc(doc, ncap * elem);
    if (!grown)
        return -1;
    if (n)
        memcpy(grown, *arr, n * elem);
    *arr = grown;
    *cap = ncap;
    return 0;
}

/* Searches the chain's surname in the text up to byte limit: a mention's last word is a
 * name word (its first letter a capital: the capital of s[0] when that is a-z) or an
 * initial's full stop, so the search is for that byte. 0, or -1 when the index must
 * answer (or out of memory: nm->failed). */
static int chain_search(qt_names *nm, chain *c, size_t limit)
{
    const qt_view *v = nm->v;
    const char *s = v->text + c->key;
    size_t n = c->key_len;
    if (limit > v->len)
        limit = v->len;
    if (c->searched >= limit)
        return 0;
    if (!spend(nm, (limit - c->searched) / 64 + 1))
        return -1;
    char first = s[0] >= 'a' && s[0] <= 'z' ? (char)(s[0] - 'a' + 'A') : s[0];
    const char *end = v->text + v->len, *stop = v->text + limit;
    for (const char *p = v->text + c->searched;
         p < stop && (p = memchr(p, first, (size_t)(stop - p))) != NULL; p++) {
        if ((size_t)(end - p) < n || !same_word(p, n, s, n))
            continue;
        uint32_t at = (uint32_t)(p - v->text);
        size_t t = c->cursor = qt_tok_seek(v, c->cursor, at), stem;
        if (t >= v->n_tok || v->tok[t].start != at)
            continue;
        if (!qt_tok_possessive(v, t, &stem))
            stem = v->tok[t].end - at;
        if (stem != n)
            continue;
        if (grow(v->doc, (void **)&c->hits, c->n_hits, &c->cap_hits, sizeof *c->hits) < 0) {
            nm->failed = 1;
            return -1;
        }
        c->hits[c->n_hits++] = (uint32_t)t;
    }
    c->searched = limit;
    return 0;
}

/* The chain of the surname of n bytes at s, searched in the text up to byte limit (none
 * of its mentions read yet when new). NULL when the index must answer (or out of memory:
 * nm->failed). */
static chain *chain_of(qt_names *nm, const char *s, size_t n, size_t limit)
{
    const qt_view *v = nm->v;
    chain *c = NULL;
    for (size_t k = 0; k < nm->n_chains && !c; k++)
        if (same_word(v->text + nm->chains[k].key, nm->chains[k].key_len, s, n))
            c = &nm->chains[k];
    if (!c) {
        if (n == 0 || nm->n_chains == MAX_CHAINS)
            return NULL;
        c = &nm->chains[nm->n_chains++];
        memset(c, 0, sizeof *c);
        c->key = (uint32_t)(s - v->text);
        c->key_len = (uint32_t)n;
        c->head = LEDE_NONE;
    }
    return chain_search(nm, c, limit) < 0 ? NULL : c;
}

/* Reads the mentions of the chain's next hit, linking it to those before: 1 when a mention
 * ends there, 0 when none does, -1 when the index must answer. */
static int chain_read(qt_names *nm, chain *c)
{
    const qt_view *v = nm->v;
    mention m;
    int r = mention_ending_at(nm, c->hits[c->n_read], &m);
    if (r <= 0)
        return r < 0 ? -1 : (c->n_read++, 0);
    if (grow(v->doc, (void **)&c->m, c->n, &c->cap, sizeof *c->m) < 0) {
        nm->failed = 1;
        return -1;
    }
    c->m[c->n] = m;
    link_mention(v, c->m, (uint32_t)c->n, &c->head);
    c->n++;
    c->n_read++;
    return 1;
}

/* Reads the whole chain. 0, or -1 when the index must answer. */
static int chain_read_all(qt_names *nm, chain *c)
{
    while (c->n_read < c->n_hits)
        if (chain_read(nm, c) < 0)
            return -1;
    return 0;
}

/* Completes a mention read locally with what the mentions of its surname say (person,
 * resolved, gender), as the index would hold it. Returns the array its resolved field
 * indexes (NULL when it resolves to nothing), and -1 in *ok when the index must answer. */
static const mention *complete(qt_names *nm, mention *m, int *ok)
{
    const qt_view *v = nm->v;
    *ok = 1;
    if (m->n_words != 1) {
        uint32_t none = LEDE_NONE;
        link_mention(v, m, 0, &none);
        return NULL;
    }
    const char *s;
    size_t n;
    surname(v, m, &s, &n);
    /* The mentions up to it are all a mention's own links need. */
    chain *c = chain_of(nm, s, n, v->tok[m->te - 1].start + 1);
    while (c && c->n_read < c->n_hits && c->hits[c->n_read] < m->te)
        if (chain_read(nm, c) < 0)
            c = NULL;
    if (c) {
        for (size_t k = c->n; k-- > 0;) {
            if (c->m[k].tb == m->tb) {
                *m = c->m[k];
                return c->m;
            }
        }
    }
    *ok = -1;
    return NULL;
}

/* A walk over the mentions before a token, nearest first (prev_mention()). */
typedef struct back_walk {
    size_t end; /* the runs starting before this token are still to read */
    size_t n;   /* mentions buffered in buf, handed out from the last */
    mention buf[BACK_CHUNK + MAX_SYNC + 1];
} back_walk;

/* The next mention of the walk back, NULL at the start of the document; *ok is -1 when
 * the index must answer. */
static mention *prev_mention(qt_names *nm, back_walk *w, int *ok)
{
    const qt_view *v = nm->v;
    *ok = 1;
    while (w->n == 0) {
        if (w->end == 0)
            return NULL;
        size_t from = sync_before(nm, w->end > BACK_CHUNK ? w->end - BACK_CHUNK : 0);
        if (from == SIZE_MAX || !spend(nm, w->end - from)) {
            *ok = -1;
            return NULL;
        }
        for (size_t i = from; i < w->end;) {
            size_t next;
            if (!qt_tok_capitalized(v, i) || !read_run(v, i, &w->buf[w->n], &next)) {
                i++;
                continue;
            }
            w->n++;
            i = next;
        }
        w->end = from;
    }
    return &w->buf[--w->n];
}

/* Copies a name into the arena with each run of white space made one space (a name can
 * straddle a line break: Mr.\nHurst). */
static const char *dup_name(lede_doc *doc, const char *s, size_t n)
{
    char *out = lede_doc_alloc(doc, n + 1);
    if (!out)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int space = s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r';
        if (!space)
            out[k++] = s[i];
        else if (k > 0 && out[k - 1] != ' ')
            out[k++] = ' ';
    }
    while (k > 0 && out[k - 1] == ' ')
        k--;
    out[k] = '\0';
    return out;
}

/* The full name mention m stands for (its resolved mention in arr, or itself), as text. */
static const char *mention_text(const qt_view *v, const mention *arr, const mention *m)
{
    const mention *full = m->resolved != LEDE_NONE && arr ? &arr[m->resolved] : m;
    uint32_t s, e;
    name_bytes(v, full->tb, full->te, &s, &e);
    size_t title = title_before(v, full->tb);
    if (full->n_words == 1 && title != SIZE_MAX)
        s = v->tok[title].start;
    return dup_name(v->doc, v->text + s, e - s);
}

/* What a pronoun walk looks for. */
enum { WANT_MALE, WANT_FEMALE, WANT_ORG, WANT_ANY_PERSON };

/* Does mention c answer the walk? Completes c when the answer needs it; *ok -1 when the
 * index must answer. */
static int answers(qt_names *nm, mention *c, int what, const mention **arr, int *ok)
{
    const qt_view *v = nm->v;
    *ok = 1;
    *arr = NULL;
    if (what == WANT_ORG) {
        if (!c->org || qt_tok_in(v, c->te - 1, QT_W_PLACE_HEADS))
            return 0;
        *arr = complete(nm, c, ok);
        return *ok > 0 && !c->person;
    }
    *arr = complete(nm, c, ok);
    if (*ok < 0 || !pronoun_candidate(c))
        return 0;
    if (what == WANT_ANY_PERSON)
        return 1;
    uint8_t want = what == WANT_MALE ? GENDER_MALE : GENDER_FEMALE;
    return c->gender == GENDER_UNKNOWN || c->gender == want ? 1 : 2;
}

/* The walk a pronoun (or "the 23-year-old") makes back from byte pos, read locally: the
 * name it stands for in *out (NULL for none). 0, or -1 when the index must answer. */
static int walk_back_local(qt_names *nm, uint32_t pos, int what, const char **out)
{
    const qt_view *v = nm->v;
    back_walk w;
    w.end = qt_tok_lower_bound(v, pos);
    w.n = 0;
    *out = NULL;
    int ok, walk = 0;
    mention *c;
    while ((c = prev_mention(nm, &w, &ok)) != NULL) {
        if (c->start >= pos)
            continue;
        const mention *arr;
        int a = answers(nm, c, what, &arr, &ok);
        if (ok < 0)
            return -1;
        if (a == 1) {
            *out = mention_text(v, arr, c);
            return 0;
        }
        /* The index walks 16 mentions back for it, 16 candidates for he and she, and
         * the last candidate for "the 23-year-old". */
        if (what == WANT_ORG || a == 2)
            if (++walk >= PRONOUN_REACH)
                return 0;
    }
    return ok < 0 ? -1 : 0;
}

/* The same walk in the index. */
static const char *walk_back_global(qt_names *nm, uint32_t pos, int what)
{
    const qt_view *v = nm->v;
    if (index_before(nm, pos) < 0)
        return NULL;
    if (what == WANT_ORG) {
        /* They and it speak for the organisation last named (the White House said ...). */
        size_t k = last_before(nm, NULL, nm->n, pos);
        for (int walk = 0; k != SIZE_MAX && walk < PRONOUN_REACH; walk++, k--) {
            const mention *c = &nm->m[k];
            if (!c->person && org_like(v, c) && !qt_tok_in(v, c->te - 1, QT_W_PLACE_HEADS))
                return mention_text(v, nm->m, c);
            if (k == 0)
                break;
        }
        return NULL;
    }
    size_t p = last_before(nm, nm->persons, nm->n_persons, pos);
    if (what == WANT_ANY_PERSON)
        return p != SIZE_MAX ? mention_text(v, nm->m, &nm->m[nm->persons[p]]) : NULL;
    uint8_t want = what == WANT_MALE ? GENDER_MALE : GENDER_FEMALE;
    /* The most recent person (or one-word subject) whose gender does not rule it out. */
    for (int walk = 0; p != SIZE_MAX && walk < PRONOUN_REACH; walk++, p--) {
        const mention *c = &nm->m[nm->persons[p]];
        if (c->gender == GENDER_UNKNOWN || c->gender == want)
            return mention_text(v, nm->m, c);
        if (p == 0)
            break;
    }
    return NULL;
}

/* The name the walk back from pos finds, or NULL. */
static const char *walk_back(qt_names *nm, uint32_t pos, int what)
{
    const char *out;
    if (!nm->global && walk_back_local(nm, pos, what, &out) == 0)
        return out;
    if (nm->failed || (!nm->global && go_global(nm) < 0))
        return NULL;
    return walk_back_global(nm, pos, what);
}

static const char *resolve_pronoun(qt_names *nm, const qt_view *v, const qt_mention *m)
{
    uint32_t pos = v->tok[m->tb].start;
    if (qt_tok_is(v, m->tb, "he"))
        return walk_back(nm, pos, WANT_MALE);
    if (qt_tok_is(v, m->tb, "she"))
        return walk_back(nm, pos, WANT_FEMALE);
    if (qt_tok_is(v, m->tb, "they") || qt_tok_is(v, m->tb, "it"))
        return walk_back(nm, pos, WANT_ORG);
    return NULL;
}

/* The full name a one-word name (n bytes at s, at byte pos, with its title token or
 * SIZE_MAX) stands for, as text; NULL when none (*failed set when out of memory). */
static const char *resolve_surname(qt_names *nm, const char *s, size_t n, uint32_t pos,
                                   size_t title, uint8_t want, int *failed)
{
    const qt_view *v = nm->v;
    *failed = 0;
    if (!nm->global) {
        chain *c = chain_of(nm, s, n, v->len);
        uint32_t full = LEDE_NONE;
        if (c && title == SIZE_MAX && c->n_hits <= MAX_SURNAME_WALK) {
            /* The lookup walks every mention of a chain this short: the latest fitting
             * one before pos answers, and those read up to the first mention at or past
             * pos hold it. Failing one, the whole chain is read. */
            while (c && c->n_read < c->n_hits && (c->n == 0 || c->m[c->n - 1].start < pos))
                if (chain_read(nm, c) < 0)
                    c = NULL;
            if (c) {
                full = lookup_in(v, c->m, c->head, pos, want, title);
                if (full != LEDE_NONE && c->m[full].start >= pos)
                    full = LEDE_NONE;
            }
        }
        if (c && full == LEDE_NONE && chain_read_all(nm, c) < 0)
            c = NULL;
        if (c) {
            if (full == LEDE_NONE)
                full = lookup_in(v, c->m, c->head, pos, want, title);
            return full != LEDE_NONE ? mention_text(v, c->m, &c->m[full]) : NULL;
        }
        if (nm->failed || go_global(nm) < 0) {
            *failed = 1;
            return NULL;
        }
    }
    if (index_surname(nm, s, n) < 0) {
        *failed = 1;
        return NULL;
    }
    uint32_t full = lookup(nm, s, n, pos, want, title);
    return full != LEDE_NONE ? mention_text(v, nm->m, &nm->m[full]) : NULL;
}

const char *qt_names_resolve(qt_names *nm, const qt_view *v, const qt_mention *m)
{
    if (m->tb >= m->te || m->te > v->n_tok)
        return NULL;
    if (m->kind == QT_MENTION_PRONOUN)
        return resolve_pronoun(nm, v, m);
    if (m->kind == QT_MENTION_PHRASE) {
        /* "the 23-year-old" stands for the person last named. */
        size_t last_len = v->tok[m->te - 1].end - v->tok[m->te - 1].start;
        if (qt_tok_is(v, m->tb, "the") && last_len > 9 &&
            memcmp(v->text + v->tok[m->te - 1].end - 9, "-year-old", 9) == 0) {
            const char *who = walk_back(nm, v->tok[m->tb].start, WANT_ANY_PERSON);
            if (who)
                return who;
        }
        size_t tb = m->tb;
        while (tb + 1 < m->te && qt_tok_in(v, tb, QT_W_DETERMINERS))
            tb++;
        return dup_name(v->doc, v->text + v->tok[tb].start,
                        v->tok[m->te - 1].end - v->tok[tb].start);
    }
    uint32_t s, e;
    name_bytes(v, m->tb, m->te, &s, &e);
    if (n_name_words(v, m->tb, m->te) == 1) {
        size_t title = title_before(v, m->tb);
        int failed;
        const char *full =
            resolve_surname(nm, v->text + s, e - s, s, title, title_gender(v, m->tb), &failed);
        if (full || failed)
            return full;
        if (title != SIZE_MAX)
            s = v->tok[title].start; /* Mrs Bennet, when no first name was ever given */
    }
    return dup_name(v->doc, v->text + s, e - s);
}

/* qt_names_first_in() read locally: 1 found, 0 not, -1 when the index must answer. */
static int first_in_local(qt_names *nm, uint32_t from, uint32_t to, int persons_only,
                          qt_mention *out)
{
    const qt_view *v = nm->v;
    size_t stop = qt_tok_lower_bound(v, to), i = sync_before(nm, qt_tok_lower_bound(v, from));
    if (i == SIZE_MAX)
        return -1;
    int seen = 0, have_any = 0;
    mention any;
    memset(&any, 0, sizeof any);
    while (i < stop && seen < MAX_SURNAME_WALK) {
        mention m;
        size_t next;
        if (!spend(nm, 1))
            return -1;
        if (!qt_tok_capitalized(v, i) || !read_run(v, i, &m, &next)) {
            i++;
            continue;
        }
        i = next;
        if (m.start < from)
            continue;
        if (m.start >= to)
            break;
        seen++;
        /* Only a person standing as a subject answers persons_only. */
        if (!persons_only || m.subjectish) {
            int ok;
            complete(nm, &m, &ok);
            if (ok < 0)
                return -1;
            if (m.person) {
                any = m;
                have_any = 1;
                break;
            }
        }
        if (!persons_only && !have_any && m.subjectish && !m.org) {
            any = m;
            have_any = 1;
        }
    }
    if (!have_any)
        return 0;
    out->tb = any.tb;
    out->te = any.te;
    out->kind = QT_MENTION_NAME;
    return 1;
}

int qt_names_first_in(qt_names *nm, uint32_t from, uint32_t to, int persons_only, qt_mention *out)
{
    if (!nm->global) {
        int r = first_in_local(nm, from, to, persons_only, out);
        if (r >= 0)
            return r;
        if (nm->failed || go_global(nm) < 0)
            return 0;
    }
    if (index_before(nm, to) < 0)
        return 0;
    size_t k = last_before(nm, NULL, nm->n, from);
    k = k == SIZE_MAX ? 0 : k + 1;
    size_t any = SIZE_MAX, limit = k + MAX_SURNAME_WALK;
    for (; k < nm->n && k < limit && nm->m[k].start < to; k++) {
        if (nm->m[k].person && (!persons_only || nm->m[k].subjectish)) {
            any = k;
            break;
        }
        if (!persons_only && any == SIZE_MAX && nm->m[k].subjectish && !org_like(nm->v, &nm->m[k]))
            any = k;
    }
    if (any == SIZE_MAX)
        return 0;
    out->tb = nm->m[any].tb;
    out->te = nm->m[any].te;
    out->kind = QT_MENTION_NAME;
    return 1;
}
