/*
 * namelookup.c -- resolving a mention to the full name of who it means, from the text
 * near it.
 *
 * A lookup needs few mentions: those just before a pronoun, those of one sentence, those
 * of one surname, while the index (nameindex.c) costs a look at every capitalised token.
 * So lookups are answered by reading the text near what they ask about, in a way that
 * gives exactly the index's answers: reading starts right after a token no run can hold,
 * where the index's reading passes in the same state whatever came before, and a
 * surname's mentions are found by searching the text for it, read only as far as the
 * lookup needs. The work is counted: past a budget proportional to the document (a
 * hostile text asking about thousands of surnames), the index is built once and answers.
 */
#include <string.h>

#include "names.h"

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

size_t qt_names_work(const qt_names *nm)
{
    return nm->work + nm->scanned + nm->indexed;
}

/* ---- the local reading ---- */

/* How far back a reading start is looked for (a longer run of name words goes to the
 * index), and how many tokens a walk back reads at a time. */
#define MAX_SYNC 48
#define BACK_CHUNK 12

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
    return qt_index_upto(nm, nm->v->n_tok);
}

/* A reading start at or before token k, or SIZE_MAX when none is near (or over budget). */
static size_t sync_before(qt_names *nm, size_t k)
{
    size_t s = qt_run_start_before(nm->v, k, MAX_SYNC);
    return s != SIZE_MAX && spend(nm, k - s + 1) ? s : SIZE_MAX;
}

/* The mention that ends at token t, read from a start before it: 1, 0 when no mention
 * ends there, -1 when there is no near start (or the budget is spent). */
static int mention_ending_at(qt_names *nm, size_t t, qt_mrec *out)
{
    const qt_view *v = nm->v;
    /* A surname spelt inside a quotation ends no run (see prev_mention()). */
    if (v->quoted[t])
        return 0;
    size_t i = sync_before(nm, t);
    if (i == SIZE_MAX)
        return -1;
    while (i <= t) {
        size_t next;
        if (!qt_tok_capitalized(v, i) || !qt_find_run(v, i, out, &next)) {
            i++;
            continue;
        }
        if (out->te == t + 1) {
            qt_fill_run(v, out);
            return 1;
        }
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
static int chain_search(qt_names *nm, qt_chain *c, size_t limit)
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
         p < stop && (p = n > 1 ? qt_find_pair(p, stop, end, first, s[1])
                                : memchr(p, first, (size_t)(stop - p))) != NULL;
         p++) {
        /* qt_find_pair() matched the first two bytes as qt_same_word() would. */
        size_t same = n > 1 ? 2 : 1;
        if ((size_t)(end - p) < n || !qt_same_word(p + same, n - same, s + same, n - same))
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

/* Hits and mentions a new chain has room for after it: most surnames are spelt a few times
 * in a document (grow() moves them when there are more). */
#define CHAIN_HITS 8
#define CHAIN_MENTIONS 4

/* The chain of the surname of n bytes at s, searched in the text up to byte limit (none
 * of its mentions read yet when new). NULL when the index must answer (or out of memory:
 * nm->failed). */
static qt_chain *chain_of(qt_names *nm, const char *s, size_t n, size_t limit)
{
    const qt_view *v = nm->v;
    qt_chain *c = NULL;
    for (size_t k = 0; k < nm->n_chains && !c; k++)
        if (nm->chains[k]->key_len == n &&
            qt_same_word(v->text + nm->chains[k]->key, nm->chains[k]->key_len, s, n))
            c = nm->chains[k];
    if (!c) {
        if (n == 0 || nm->n_chains == MAX_CHAINS)
            return NULL;
        c = lede_doc_alloc(v->doc, sizeof *c + CHAIN_MENTIONS * sizeof *c->m +
                                       CHAIN_HITS * sizeof *c->hits);
        if (!c) {
            nm->failed = 1;
            return NULL;
        }
        nm->chains[nm->n_chains++] = c;
        c->key = (uint32_t)(s - v->text);
        c->key_len = (uint32_t)n;
        c->head = LEDE_NONE;
        c->m = (qt_mrec *)(void *)(c + 1);
        c->cap = CHAIN_MENTIONS;
        c->hits = (uint32_t *)(void *)(c->m + CHAIN_MENTIONS);
        c->cap_hits = CHAIN_HITS;
    }
    return chain_search(nm, c, limit) < 0 ? NULL : c;
}

/* Appends mention m, the one that ends at the chain's next hit, linking it to those
 * before. 1, or -1 when out of memory (nm->failed). */
static int chain_add(qt_names *nm, qt_chain *c, const qt_mrec *m)
{
    const qt_view *v = nm->v;
    if (grow(v->doc, (void **)&c->m, c->n, &c->cap, sizeof *c->m) < 0) {
        nm->failed = 1;
        return -1;
    }
    c->m[c->n] = *m;
    qt_link_mention(v, c->m, (uint32_t)c->n, &c->head);
    c->n++;
    c->n_read++;
    return 1;
}

/* Reads the mentions of the chain's next hit, linking it to those before: 1 when a mention
 * ends there, 0 when none does, -1 when the index must answer. */
static int chain_read(qt_names *nm, qt_chain *c)
{
    qt_mrec m;
    int r = mention_ending_at(nm, c->hits[c->n_read], &m);
    if (r <= 0)
        return r < 0 ? -1 : (c->n_read++, 0);
    return chain_add(nm, c, &m);
}

/* Reads the whole chain. 0, or -1 when the index must answer. */
static int chain_read_all(qt_names *nm, qt_chain *c)
{
    while (c->n_read < c->n_hits)
        if (chain_read(nm, c) < 0)
            return -1;
    return 0;
}

/* Completes a mention read locally with what the mentions of its surname say (person,
 * resolved, gender), as the index would hold it. Returns the array its resolved field
 * indexes (NULL when it resolves to nothing), and -1 in *ok when the index must answer. */
static const qt_mrec *complete(qt_names *nm, qt_mrec *m, int *ok)
{
    const qt_view *v = nm->v;
    *ok = 1;
    if (m->n_words != 1) {
        uint32_t none = LEDE_NONE;
        qt_link_mention(v, m, 0, &none);
        return NULL;
    }
    const char *s;
    size_t n;
    qt_surname(v, m, &s, &n);
    /* The mentions up to it are all a mention's own links need. Its own last token is
     * the last of those hits, and the mention that ends there is m itself (reading from
     * any run break gives the same mentions): it is not read again. */
    qt_chain *c = chain_of(nm, s, n, v->tok[m->te - 1].start + 1);
    while (c && c->n_read < c->n_hits && c->hits[c->n_read] < m->te) {
        int r = c->hits[c->n_read] + 1 == m->te ? chain_add(nm, c, m) : chain_read(nm, c);
        if (r < 0)
            c = NULL;
    }
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

/* Token k is a person's title or job in capitals after "the" (the Bishop, the President),
 * not a word that names a body or only qualifies a job (the Executive, the General
 * Assembly's General, the Chief). */
static int title_as_job(const qt_view *v, size_t k)
{
    static const char *const not_jobs[] = {
        "executive", "state",  "general", "minority", "majority", "vice",
        "prime",     "deputy", "chief",   "head",     "justice",  "representative",
        "whip",      "father", "sister",  "brother",  NULL};
    /* (The lists' bits first: they turn nearly every name away.) */
    uint32_t bits = qt_tok_bits(v, k);
    if (!(bits & (QT_W_TITLES | QT_W_ROLES)) || (bits & QT_W_ORG_HEADS) || k == 0 ||
        !qt_tok_is(v, k - 1, "the") || !qt_tok_capitalized(v, k) || qt_tok_all_capitals(v, k))
        return 0;
    for (size_t i = 0; not_jobs[i]; i++)
        if (qt_tok_is(v, k, not_jobs[i]))
            return 0;
    return 1;
}

static const char *role_named_before(qt_names *nm, const qt_view *v, const qt_mention *m,
                                     size_t *slot);

/* (names.h) The holder the text named with that job before: the Bishop of Durham, the Rt
 * Rev Dr Tom Wright ... the Bishop said (BBC entertainment/009). */
const char *qt_names_title_holder(qt_names *nm, const qt_view *v, size_t k)
{
    if (!title_as_job(v, k))
        return NULL;
    qt_mention d = {.tb = k - 1, .te = k + 1, .kind = QT_MENTION_PHRASE};
    size_t r;
    return role_named_before(nm, v, &d, &r);
}

/* (names.h) qt_mention_text() remembered in nm->texts: the same mention gives the same text,
 * which no one writes to (a job named alone gives its holder, qt_names_title_holder, first).
 * NULL when out of memory. */
const char *qt_names_mention_text(qt_names *nm, const qt_mrec *arr, const qt_mrec *m)
{
    const qt_mrec *full = m->resolved != LEDE_NONE && arr ? &arr[m->resolved] : m;
    if (full->te == full->tb + 1) {
        const char *who = qt_names_title_holder(nm, nm->v, full->tb);
        if (who)
            return who;
    }
    size_t slot = full->tb % (sizeof nm->texts / sizeof nm->texts[0]);
    if (nm->texts[slot].text && nm->texts[slot].tb == full->tb && nm->texts[slot].te == full->te)
        return nm->texts[slot].text;
    const char *text = qt_mention_text(nm->v, NULL, full);
    if (text) {
        nm->texts[slot].tb = full->tb;
        nm->texts[slot].te = full->te;
        nm->texts[slot].text = text;
    }
    return text;
}

/* A walk over the mentions before a token, nearest first (prev_mention()). */
typedef struct back_walk {
    size_t end; /* the runs starting before this token are still to read */
    size_t n;   /* mentions buffered in buf, handed out from the last */
    qt_mrec buf[BACK_CHUNK + MAX_SYNC + 1];
} back_walk;

/* The next mention of the walk back, NULL at the start of the document; *ok is -1 when
 * the index must answer. The runs of a chunk are found at once, and a mention's fields
 * filled in when the walk comes to it (qt_fill_run): most walks stop after a few. */
static qt_mrec *prev_mention(qt_names *nm, back_walk *w, int *ok)
{
    const qt_view *v = nm->v;
    *ok = 1;
    while (w->n == 0) {
        /* No run holds a token inside a quotation (it is no name word, and a run's full
         * stop or connector stands before a name word): the quotation a pronoun follows
         * ("...," he said) is stepped over at once, not read a chunk at a time. */
        size_t end = w->end;
        /* Eight tokens at a time while all eight are quoted (each flag is 0 or 1). */
        const uint64_t all_quoted = UINT64_C(0x0101010101010101);
        for (uint64_t eight; end >= 8; end -= 8) {
            memcpy(&eight, v->quoted + end - 8, sizeof eight);
            if (eight != all_quoted)
                break;
        }
        while (end > 0 && v->quoted[end - 1])
            end--;
        if (end < w->end && !spend(nm, w->end - end)) {
            *ok = -1;
            return NULL;
        }
        w->end = end;
        if (w->end == 0)
            return NULL;
        size_t from = sync_before(nm, w->end > BACK_CHUNK ? w->end - BACK_CHUNK : 0);
        if (from == SIZE_MAX || !spend(nm, w->end - from)) {
            *ok = -1;
            return NULL;
        }
        for (size_t i = from; i < w->end;) {
            size_t next;
            if (!qt_tok_capitalized(v, i) || !qt_find_run(v, i, &w->buf[w->n], &next)) {
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

/* Mention c (one word, no title before it, neither a subject nor a titled name: Labour's,
 * the Nou Camp) is no person: one untitled is a person only as the surname of a full name
 * before it, and no mention of two words ends at a token before it that spells its word.
 * Known from the surname's search without reading its mentions; 0 when not known. */
static int no_person(qt_names *nm, const qt_mrec *c)
{
    const qt_view *v = nm->v;
    if (c->n_words != 1 || c->title != LEDE_NONE ||
        ((c->subjectish || c->titled) && !c->org && !c->after_the))
        return 0;
    const char *s;
    size_t n;
    qt_surname(v, c, &s, &n);
    qt_chain *ch = chain_of(nm, s, n, v->tok[c->te - 1].start + 1);
    if (!ch)
        return 0; /* complete() says why */
    for (size_t k = 0; k < ch->n_hits && ch->hits[k] + 1 < c->te; k++)
        if (!qt_alone_at(v, ch->hits[k]))
            return 0;
    return 1;
}

/* Does mention c answer the walk? Completes c when the answer needs it; *ok -1 when the
 * index must answer. */
static int answers(qt_names *nm, qt_mrec *c, int what, const qt_mrec **arr, int *ok)
{
    const qt_view *v = nm->v;
    *ok = 1;
    *arr = NULL;
    if (what == WANT_ORG || what == WANT_ORG_SUBJECT) {
        /* A person's name of two words or more may be a company's (qt_org_speaker()). */
        if ((!c->org && c->n_words < 2 &&
             !(c->n_words == 1 && (c->subjectish || what == WANT_ORG_SUBJECT))) ||
            qt_tok_in(v, c->te - 1, QT_W_PLACE_HEADS))
            return 0;
        *arr = complete(nm, c, ok);
        return *ok > 0 && (what == WANT_ORG ? qt_org_speaker(v, c) : qt_org_named(v, c));
    }
    if (no_person(nm, c))
        return 0; /* no candidate */
    *arr = complete(nm, c, ok);
    if (*ok < 0 || !qt_pronoun_candidate(c))
        return 0;
    /* The 31-year-old insisted, after blamed ... his former coach Christos Tzekos: the last
     * candidate not in an object, else the first in one (BBC sport/047). */
    if (what == WANT_ANY_PERSON)
        return qt_in_object(v, c) ? 3 : 1;
    uint8_t want = what == WANT_MALE ? GENDER_MALE : GENDER_FEMALE;
    /* The prime minister after "Tony Blair ... told Gordon Brown": a subject first, else
     * the first in an object (BBC politics/253). */
    if (what == WANT_PERSON)
        return !qt_subject_person(v, c) ? 2 : qt_in_object(v, c) ? 3 : 1;
    if (!((c->gender == GENDER_UNKNOWN || c->gender == want) && qt_person_evident(v, c)))
        return 2;
    return qt_in_object(v, c) ? 3 : 1;
}

/* A walk's fallback: the first candidate in an object it met (qt_in_object()). */
typedef struct fallback {
    const char *name;
    int at; /* mentions counted before it */
} fallback;

/* Remembers walk what's answer from byte pos (out after counted mentions, or none and the
 * fallback fb) and returns 0, with *res the walk's result. An organisation's walk is not
 * remembered: no later walk reads it (walk_back_local()). */
static int walk_done(qt_names *nm, int what, uint32_t pos, const char *out, int counted,
                     const fallback *fb, const char **res)
{
    *res = out ? out : fb->name;
    if (what == WANT_ORG || what == WANT_ORG_SUBJECT)
        return 0;
    nm->walks[what].pos = pos;
    nm->walks[what].counted = (uint32_t)counted;
    nm->walks[what].out = out;
    nm->walks[what].fallback = fb->name;
    nm->walks[what].fallback_at = (uint32_t)fb->at;
    nm->walks[what].valid = 1;
    return 0;
}

/* The walk a pronoun (or "the 23-year-old") at token at makes back from its start (byte
 * pos), read locally: the name it stands for in *out (NULL for none). 0, or -1 when the
 * index must answer. He said ... he added: a walk that reaches the mentions before the
 * last walk's start of its kind goes on as that walk did (the same mentions, the same
 * answers), so it stops there: the last walk's answer is its answer if the mentions it
 * counted leave room for it. */
static int walk_back_local(qt_names *nm, size_t at, int what, const char **out)
{
    const qt_view *v = nm->v;
    uint32_t pos = v->tok[at].start;
    back_walk w;
    /* The first token at pos (qt_tok_lower_bound()), found from token at without a search. */
    w.end = at;
    while (w.end > 0 && v->tok[w.end - 1].start >= pos)
        w.end--;
    w.n = 0;
    *out = NULL;
    int ok, walk = 0;
    /* It and they look back no further than the paragraph before (the index does too);
     * the walks of he and she go on as the last one did. */
    int org = what == WANT_ORG || what == WANT_ORG_SUBJECT;
    uint32_t reach = org ? qt_org_reach(v, pos) : 0;
    int known = !org && nm->walks[what].valid && nm->walks[what].pos <= pos;
    uint32_t known_pos = nm->walks[what].pos;
    fallback fb = {NULL, 0};
    qt_mrec *c;
    while ((c = prev_mention(nm, &w, &ok)) != NULL) {
        if (c->start >= pos)
            continue;
        if (c->start < reach)
            return walk_done(nm, what, pos, NULL, walk, &fb, out);
        if (known && c->start < known_pos) {
            /* Its own fallback is nearer than the last walk's; an answer beats both. */
            const char *last = nm->walks[what].out;
            uint32_t counted = nm->walks[what].counted + (uint32_t)walk;
            uint32_t fb_at = nm->walks[what].fallback_at + (uint32_t)walk;
            if (!fb.name && nm->walks[what].fallback && fb_at < PRONOUN_REACH) {
                fb.name = nm->walks[what].fallback;
                fb.at = (int)fb_at;
            }
            return walk_done(nm, what, pos, last && counted < PRONOUN_REACH ? last : NULL,
                             (int)counted, &fb, out);
        }
        qt_fill_run(v, c);
        const qt_mrec *arr;
        int a = answers(nm, c, what, &arr, &ok);
        if (ok < 0)
            return -1;
        if (a == 1) {
            const char *name = qt_names_mention_text(nm, arr, c);
            return name ? walk_done(nm, what, pos, name, walk, &fb, out) : 0;
        }
        if (a == 3 && !fb.name) {
            fb.name = qt_names_mention_text(nm, arr, c);
            fb.at = walk;
            if (!fb.name)
                return 0;
        }
        /* The index walks 16 mentions back for it, 16 candidates for he and she (a
         * candidate that does not fit counts, as one without evidence or in an object
         * does), and the last candidate for "the 23-year-old". */
        if (org || a >= 2)
            if (++walk >= PRONOUN_REACH)
                return walk_done(nm, what, pos, NULL, walk, &fb, out);
    }
    return ok < 0 ? -1 : walk_done(nm, what, pos, NULL, walk, &fb, out);
}

/* The name the walk back from token at (its start) finds, or NULL. */
static const char *walk_back(qt_names *nm, size_t at, int what)
{
    const char *out;
    if (!nm->global && walk_back_local(nm, at, what, &out) == 0)
        return out;
    if (nm->failed || (!nm->global && go_global(nm) < 0))
        return NULL;
    return qt_index_walk_back(nm, nm->v->tok[at].start, what);
}

/* Pronoun m stands for the name a walk back from token at finds. */
static const char *resolve_pronoun_from(qt_names *nm, const qt_view *v, const qt_mention *m,
                                        size_t at)
{
    if (qt_tok_is(v, m->tb, "he"))
        return walk_back(nm, at, WANT_MALE);
    if (qt_tok_is(v, m->tb, "she"))
        return walk_back(nm, at, WANT_FEMALE);
    if (qt_tok_is(v, m->tb, "they") || qt_tok_is(v, m->tb, "it"))
        return walk_back(nm, at, WANT_ORG);
    return NULL;
}

static const char *resolve_pronoun(qt_names *nm, const qt_view *v, const qt_mention *m)
{
    return resolve_pronoun_from(nm, v, m, m->tb);
}

const char *qt_names_resolve_pronoun_from(qt_names *nm, const qt_view *v, const qt_mention *m,
                                          size_t at)
{
    if (m->kind != QT_MENTION_PRONOUN || m->tb >= m->te || m->te > v->n_tok || at > m->tb)
        return qt_names_resolve(nm, v, m);
    return resolve_pronoun_from(nm, v, m, at);
}

/* Does the answer qt_lookup_in() gave from a short chain's mentions read up to the first
 * at or past byte pos (entry full of m) stand, whatever the mentions after them? The lookup
 * walks every entry of a chain this short, so:
 * - untitled (said Blair), the latest fitting entry before pos answers: mentions after pos
 *   only change the answer when there is none;
 * - titled (Mr Blair), the entry of a one-word name with the same title answers first,
 *   wherever it stands; there is at most one, for a later one links to it. Failing it, the
 *   latest fitting entry before pos answers, unless a titled one-word entry comes later;
 *   and none can: a later Mr Blair links to that entry as it fits him too (his title is
 *   this word, with or without its full stop, which the word lists give the same gender
 *   or none), so he makes no entry of his own.
 * Else the whole chain must be read. */
static int settled(const qt_view *v, const qt_mrec *m, uint32_t full, uint32_t pos, uint8_t want,
                   size_t title)
{
    if (full == LEDE_NONE)
        return 0;
    if (title == SIZE_MAX)
        return m[full].start < pos;
    if (m[full].n_words == 1 && qt_same_title(v, mrec_title(&m[full]), title))
        return 1;
    return m[full].start < pos &&
           (m[full].gender == GENDER_UNKNOWN || (want != GENDER_UNKNOWN && m[full].gender == want));
}

/* The full name a one-word name (n bytes at s, at byte pos, with its title token or
 * SIZE_MAX) stands for, as text; NULL when none (*failed set when out of memory). */
static const char *resolve_surname(qt_names *nm, const char *s, size_t n, uint32_t pos,
                                   size_t title, uint8_t want, int *failed)
{
    const qt_view *v = nm->v;
    *failed = 0;
    if (!nm->global) {
        qt_chain *c = chain_of(nm, s, n, v->len);
        uint32_t full = LEDE_NONE;
        if (c && c->n_hits <= MAX_SURNAME_WALK) {
            /* The mentions up to the first at or past pos, and the whole chain only when
             * their answer does not stand (settled()). */
            while (c && c->n_read < c->n_hits && (c->n == 0 || c->m[c->n - 1].start < pos))
                if (chain_read(nm, c) < 0)
                    c = NULL;
            if (c) {
                full = qt_lookup_in(v, c->m, c->head, pos, want, title);
                if (!settled(v, c->m, full, pos, want, title))
                    full = LEDE_NONE;
            }
        }
        if (c && full == LEDE_NONE && chain_read_all(nm, c) < 0)
            c = NULL;
        if (c) {
            if (full == LEDE_NONE)
                full = qt_lookup_in(v, c->m, c->head, pos, want, title);
            return full != LEDE_NONE ? qt_names_mention_text(nm, c->m, &c->m[full]) : NULL;
        }
        if (nm->failed || go_global(nm) < 0) {
            *failed = 1;
            return NULL;
        }
    }
    return qt_index_resolve_surname(nm, s, n, pos, title, want, failed);
}

/* Token k is a job an organisation or someone else speaks through, which rarely stands
 * for a person named before: the spokesman, the official, the lawyer. */
static int speaks_for_others(const qt_view *v, size_t k)
{
    static const char *const others[] = {"spokesman", "spokeswoman", "spokesperson", "official",
                                         "judge",     "agent",       "lawyer"};
    for (size_t j = 0; j < sizeof others / sizeof others[0]; j++)
        if (qt_tok_is(v, k, others[j]))
            return 1;
    return 0;
}

/* A definite description that news writing uses for the person it last named, as it
 * would "he": "the 23-year-old" (1: the last candidate), or "the" with modifiers before a
 * job (2: the last person, of either gender; said the
 * Tottenham striker, said the Chelsea star, the Man Utd boss said). Jobs an organisation
 * speaks through (the spokesman, the official, the source) rarely stand for a person
 * named before, nor does a job of someone else's (the rapper's spokesman). */
static int refers_back(const qt_view *v, const qt_mention *m)
{
    size_t last = m->te - 1;
    size_t last_len = v->tok[last].end - v->tok[last].start;
    if (!qt_tok_is(v, m->tb, "the") || last == m->tb)
        return 0;
    if (last_len > 9 && memcmp(v->text + v->tok[last].end - 9, "-year-old", 9) == 0)
        return 1;
    if (!qt_tok_lowercase(v, last) ||
        !(qt_tok_in(v, last, QT_W_ROLES | QT_W_TITLES) || qt_tok_is(v, last, "star") ||
          qt_tok_is(v, last, "champion") || qt_tok_is(v, last, "winner")))
        return 0;
    if (speaks_for_others(v, last))
        return 0;
    for (size_t k = m->tb + 1; k < last; k++)
        if (qt_tok_possessive(v, k, NULL))
            return 0;
    return 2;
}

/* Tokens a document's searches for a description's job read at most (then the last
 * person answers, as before): a few times the text, whatever it asks. */
#define ROLE_WORK(n_tok) (4 * (n_tok) + 4096)

/* Token k spells job word w[0..n) (the head of a description), or its abbreviation as a
 * title: Gov. for governor, Sen. for senator. */
static int spells_job(const qt_view *v, size_t k, const char *w, size_t n)
{
    static const char *const abbrev[][2] = {{"gov", "governor"},       {"sen", "senator"},
                                            {"rep", "representative"}, {"gen", "general"},
                                            {"pres", "president"},     {"supt", "superintendent"}};
    const char *s = v->text + v->tok[k].start;
    size_t len = v->tok[k].end - v->tok[k].start;
    if (len > 0 && s[len - 1] == '.')
        len--;
    if (len == 0 || (s[0] | 0x20) != (w[0] | 0x20))
        return 0;
    if (qt_same_word(s, len, w, n))
        return 1;
    for (size_t i = 0; i < sizeof abbrev / sizeof abbrev[0]; i++)
        if (qt_same_word(s, len, abbrev[i][0], strlen(abbrev[i][0])) &&
            qt_same_word(w, n, abbrev[i][1], strlen(abbrev[i][1])))
            return 1;
    return 0;
}

/* Tokens j .. k-1 spell the description's modifiers, tokens d .. job-1 (the prime
 * minister: Prime before Minister), and no word that makes the job another's stands before
 * them (Deputy Prime Minister John Prescott, Vice President Joe Biden). */
static int job_modifiers_fit(const qt_view *v, size_t k, size_t d, size_t job)
{
    size_t j = k;
    for (size_t i = job; i-- > d;) {
        if (j == 0)
            return 0;
        j--;
        const char *s = v->text + v->tok[i].start;
        if (!qt_same_word(v->text + v->tok[j].start, v->tok[j].end - v->tok[j].start, s,
                          v->tok[i].end - v->tok[i].start))
            return 0;
    }
    static const char *const other[] = {"vice",   "deputy",    "former",
                                        "shadow", "assistant", "acting"};
    for (size_t i = 0; j > 0 && i < sizeof other / sizeof other[0]; i++)
        if (qt_tok_is(v, j - 1, other[i]))
            return 0;
    return 1;
}

/* The name token k (a job that fits the description of tokens d .. job) gives that job:
 * the name after it (Mayor Bill de Blasio) or before the phrase it ends (de Blasio, the
 * mayor,). 1 with the name in *who. */
static int job_names(const qt_view *v, size_t k, size_t d, size_t job, qt_mention *who)
{
    size_t a = k + 1;
    if (a < v->n_tok && qt_tok_punct(v, a, '.'))
        a++;
    if (qt_name_starting_at(v, a, v->n_tok, who) && who->tb == a)
        return 1; /* (Tory spokesman Michael Ancram: a job in lower case too) */
    if (a < v->n_tok && qt_tok_is(v, a, "of") && qt_tok_capitalized(v, k)) {
        /* The Bishop of Durham, the Rt Rev Dr Tom Wright, (BBC entertainment/009): the
         * name in apposition to the job of a place or a body, past its titles. */
        size_t e = a + 1;
        while (e < v->n_tok && e - a <= 5 && qt_tok_capitalized(v, e))
            e++;
        if (e == a + 1 || e >= v->n_tok || !qt_tok_punct(v, e, ','))
            return 0;
        e++;
        if (e < v->n_tok && qt_tok_is(v, e, "the"))
            e++;
        while (e < v->n_tok && qt_tok_capitalized(v, e) &&
               (qt_tok_in(v, e, QT_W_TITLES) || qt_tok_is(v, e, "rt") || qt_tok_is(v, e, "rt.")))
            e++;
        return qt_name_starting_at(v, e, v->n_tok, who) && who->tb == e;
    }
    /* de Blasio, the mayor, said: a phrase after a comma that ends at one (not With
     * Condoleezza Rice, the prime minister said: a clause's subject). */
    size_t b = k - (job - d);
    return b >= 3 && k + 1 < v->n_tok &&
           (qt_tok_punct(v, k + 1, ',') || qt_tok_punct(v, k + 1, '.')) &&
           qt_tok_is(v, b - 1, "the") && qt_tok_punct(v, b - 2, ',') &&
           qt_name_ending_at(v, b - 3, 0, who);
}

/* Tokens d .. job and e .. ejob spell the same words. */
static int same_words(const qt_view *v, size_t d, size_t job, size_t e, size_t ejob)
{
    if (job - d != ejob - e)
        return 0;
    for (size_t i = 0; i <= job - d; i++)
        if (!qt_same_word(v->text + v->tok[d + i].start, v->tok[d + i].end - v->tok[d + i].start,
                          v->text + v->tok[e + i].start, v->tok[e + i].end - v->tok[e + i].start))
            return 0;
    return 1;
}

/* The person a description with a job (the mayor said, the president added) stands for
 * when the text gave someone that job before: as the title of a name (Mayor Bill de
 * Blasio, President Obama, with the description's modifiers: the prime minister is no
 * Foreign Minister) or in apposition (de Blasio, the mayor,). The nearest one; NULL when
 * none. Descriptions worded alike read the text once between them (nm->roles). */
static const char *role_named_before(qt_names *nm, const qt_view *v, const qt_mention *m,
                                     size_t *slot)
{
    size_t job = m->te - 1, d = m->tb + 1;
    size_t r = 0;
    while (r < nm->n_roles && !same_words(v, d, job, nm->roles[r].d, nm->roles[r].job))
        r++;
    *slot = SIZE_MAX;
    if (r == nm->n_roles) {
        if (r == sizeof nm->roles / sizeof nm->roles[0])
            return NULL;
        nm->roles[r].d = (uint32_t)d;
        nm->roles[r].job = (uint32_t)job;
        nm->roles[r].scanned = 0;
        nm->roles[r].hit = LEDE_NONE;
        nm->roles[r].first_at = LEDE_NONE;
        nm->roles[r].first = NULL;
        nm->n_roles++;
    }
    *slot = r;
    size_t from = nm->roles[r].scanned, hit = nm->roles[r].hit;
    if (m->tb < from) {
        /* Asked out of text order: read back from it. */
        from = 0;
        hit = LEDE_NONE;
    }
    if (nm->role_work + (m->tb - from) > ROLE_WORK(v->n_tok))
        return NULL;
    nm->role_work += m->tb - from;
    const char *w = v->text + v->tok[job].start;
    size_t n = v->tok[job].end - v->tok[job].start;
    qt_mention who;
    if (n >= 3 && from < m->tb) {
        /* The job's first three letters (an abbreviation's too: Gov., Sen.) opening a word,
         * found by a search of the bytes for its first two, in either case. */
        const char *text = v->text, *end = text + v->len;
        const char *stop = text + v->tok[m->tb].start;
        char lower = (char)(w[0] | 0x20), upper = (char)(lower & ~0x20),
             third = (char)(w[2] | 0x20);
        for (int pass = 0; pass < 2; pass++) {
            size_t cursor = from;
            for (const char *p = text + v->tok[from].start;
                 (p = qt_find_pair(p, stop, end, pass ? upper : lower, w[1])) != NULL; p++) {
                if (p + 2 >= end || (char)(p[2] | 0x20) != third ||
                    (p > text && ((p[-1] | 0x20) >= 'a' && (p[-1] | 0x20) <= 'z')))
                    continue;
                size_t k = qt_tok_seek(v, cursor, (uint32_t)(p - text));
                cursor = k;
                if (k >= m->tb || v->tok[k].start != (uint32_t)(p - text) ||
                    (hit != LEDE_NONE && k <= hit))
                    continue;
                if (spells_job(v, k, w, n) && !v->quoted[k] && job_modifiers_fit(v, k, d, job) &&
                    job_names(v, k, d, job, &who))
                    hit = k;
            }
        }
    }
    if (m->tb >= nm->roles[r].scanned) {
        nm->roles[r].scanned = (uint32_t)m->tb;
        nm->roles[r].hit = (uint32_t)hit;
    }
    if (hit == LEDE_NONE || !job_names(v, hit, d, job, &who))
        return NULL;
    return qt_names_resolve(nm, v, &who);
}

/* Whom description m, a job with "the" (refers_back() 2: the mayor, the prime minister),
 * stands for: the one the text gave that job before (role_named_before()), else the last
 * person named; NULL when none. The prime minister ... the prime minister said: one with
 * modifiers before its job that no job named before answers stands for one person through
 * the story, whom its first mention so worded stood for, not whoever was named last (BBC
 * politics/253: Gordon Brown and Robert Peston are named between the two). */
static const char *job_holder(qt_names *nm, const qt_view *v, const qt_mention *m)
{
    size_t r;
    const char *who = role_named_before(nm, v, m, &r);
    if (who)
        return who;
    if (r != SIZE_MAX && m->te - m->tb < 3)
        r = SIZE_MAX;
    if (r != SIZE_MAX && nm->roles[r].first && nm->roles[r].first_at <= m->tb)
        return nm->roles[r].first;
    who = walk_back(nm, m->tb, WANT_PERSON);
    if (r != SIZE_MAX && who && (!nm->roles[r].first || m->tb < nm->roles[r].first_at)) {
        nm->roles[r].first = who;
        nm->roles[r].first_at = (uint32_t)m->tb;
    }
    return who;
}

/* How many tokens either way adversary() reads of a sentence that never ends. */
#define ADVERSARY_REACH 128

/* The sentence of description m quotes name who's first word after a preposition: the
 * company said it "could not continue to contend with legal maneuvers by a number of
 * companies across the country, including Microsoft": no one speaks of itself so (BBC
 * tech/390). */
static int adversary(const qt_view *v, const qt_mention *m, const char *who)
{
    size_t n = strcspn(who, " ");
    size_t b = m->tb, e = m->te;
    while (b > 0 && m->tb - b < ADVERSARY_REACH && !(v->tok[b].flags & LEDE_TOKF_SENT_START))
        b--;
    while (e < v->n_tok && e - m->te < ADVERSARY_REACH && !(v->tok[e].flags & LEDE_TOKF_SENT_START))
        e++;
    for (size_t k = b + 1; k < e; k++)
        if (v->quoted[k] && v->tok[k].end - v->tok[k].start == n &&
            memcmp(v->text + v->tok[k].start, who, n) == 0 && qt_after_preposition(v, k))
            return 1;
    return 0;
}

/* The organisation a description of two words, "the" and an organisation's noun (the
 * company said, the alliance said), stands for: the name ending in that noun or its plural
 * in its paragraph or the one before (The Making Decisions Alliance, which includes the
 * Alzheimer's Society ..., said ... "...," the alliance said: BBC politics/068; Shares in
 * Continental Airlines ... the airline warned: business/404), else the organisation last
 * named there as a subject or a possessor (UK Coal said ... The company said: BBC
 * business/042), not one after a preposition (trading on the London Stock Exchange, the
 * legal fight with Microsoft: business/393, tech/390); NULL when none, and the description
 * stays. */
static const char *org_named_before(qt_names *nm, const qt_view *v, const qt_mention *m)
{
    if (m->te - m->tb != 2 || !qt_tok_is(v, m->tb, "the") || !qt_org_noun(v, m->tb + 1))
        return NULL;
    uint32_t reach = qt_org_reach(v, v->tok[m->tb].start);
    const char *w = v->text + v->tok[m->tb + 1].start;
    size_t n = v->tok[m->tb + 1].end - v->tok[m->tb + 1].start;
    for (size_t k = m->tb; k-- > 0 && v->tok[k].start >= reach;) {
        qt_mention named;
        /* (Its length and first letter first, which turn nearly every token away.) */
        size_t len = v->tok[k].end - v->tok[k].start;
        const char *t = v->text + v->tok[k].start;
        if ((len != n && (len != n + 1 || t[n] != 's')) || (t[0] | 0x20) != w[0] || v->quoted[k] ||
            !qt_same_word(t, n, w, n))
            continue;
        if (t[0] != w[0]) {
            if (qt_name_ending_at(v, k, 0, &named) && named.te - named.tb >= 2)
                return qt_names_resolve(nm, v, &named);
            continue;
        }
        /* Reported AP news agency ... the agency quoted: the name before one lower-case
         * word and the noun (BBC business/460); not a place's or a nation's word (The South
         * Yorkshire company: a description). */
        if (len == n && k > 1 && qt_tok_lowercase(v, k - 1) &&
            !qt_tok_in(v, k - 1, QT_W_FUNCTION) && qt_tok_capitalized(v, k - 2) &&
            !v->quoted[k - 2] && !qt_tok_possessive(v, k - 2, NULL) &&
            qt_name_ending_at(v, k - 2, 0, &named) &&
            !qt_tok_in(v, named.tb,
                       QT_W_FUNCTION | QT_W_ORG_HEADS | QT_W_PLACE_FIRSTS | QT_W_PLACE_HEADS |
                           QT_W_NATIONALITIES | QT_W_CALENDAR) &&
            !qt_tok_in(v, k - 2, QT_W_PLACE_HEADS | QT_W_NATIONALITIES | QT_W_CALENDAR))
            return qt_names_resolve(nm, v, &named);
    }
    const char *who = walk_back(nm, m->tb, WANT_ORG_SUBJECT);
    return who && adversary(v, m, who) ? NULL : who;
}

const char *qt_names_resolve(qt_names *nm, const qt_view *v, const qt_mention *m)
{
    if (m->tb >= m->te || m->te > v->n_tok)
        return NULL;
    if (m->kind == QT_MENTION_PRONOUN)
        return resolve_pronoun(nm, v, m);
    if (m->kind == QT_MENTION_PHRASE) {
        /* "the 23-year-old" and "the Tottenham striker" stand for the person last named. */
        int back = refers_back(v, m);
        const char *who = back == 2   ? job_holder(nm, v, m)
                          : back == 1 ? walk_back(nm, m->tb, WANT_ANY_PERSON)
                                      : NULL;
        if (!who && !back)
            who = org_named_before(nm, v, m);
        if (who)
            return who;
        size_t tb = m->tb;
        while (tb + 1 < m->te && qt_tok_in(v, tb, QT_W_DETERMINERS))
            tb++;
        return qt_dup_name(v->doc, v->text + v->tok[tb].start,
                           v->tok[m->te - 1].end - v->tok[tb].start);
    }
    uint32_t s, e;
    qt_name_bytes(v, m->tb, m->te, &s, &e);
    if (qt_n_name_words(v, m->tb, m->te) == 1) {
        const char *holder = m->te == m->tb + 1 ? qt_names_title_holder(nm, v, m->tb) : NULL;
        if (holder)
            return holder;
        size_t title = qt_title_before(v, m->tb);
        int failed;
        /* The surname is the last word (Le Bon's Bon). */
        uint32_t ls, le;
        qt_name_bytes(v, m->te - 1, m->te, &ls, &le);
        const char *full = resolve_surname(nm, v->text + ls, le - ls, s, title,
                                           qt_title_gender(v, m->tb), &failed);
        if (full || failed)
            return full;
        if (title != SIZE_MAX && qt_tok_capitalized(v, title))
            s = v->tok[title].start; /* Mrs Bennet, when no first name was ever given */
    } else
        s = qt_org_name_start(v, m->tb, m->te, s);
    e = qt_name_suffix_end(v, m->te, e);
    return qt_name_text(v, m->tb, m->te, s, e);
}

int qt_description_before(const qt_view *v, size_t ob, size_t ce, size_t p, qt_mention *d)
{
    if (p > ce && !qt_tok_punct(v, ce, ','))
        return 0;
    size_t k = ob;
    while (k > 0 && (qt_tok_punct(v, k - 1, ',') || qt_tok_is(v, k - 1, "and") ||
                     qt_tok_is(v, k - 1, "but")))
        k--;
    if (k < 2 || !qt_tok_sentence_end(v, k - 1) || v->quoted[k - 1])
        return 0;
    /* The sentence that ends at token k - 1; its first bytes (The, A, An) turn most away
     * before its first token is looked for. */
    size_t ns = qt_sent_upto(v, v->tok[k - 1].start);
    if (ns == 0)
        return 0;
    uint32_t sb = v->sent[ns - 1].start;
    if (sb + 4 > v->len)
        return 0;
    const char *t = v->text + sb;
    int definite = t[0] == 'T' && (t[1] | 0x20) == 'h' && (t[2] | 0x20) == 'e' && t[3] == ' ';
    if (!definite && !(t[0] == 'A' && (t[1] == ' ' || ((t[1] | 0x20) == 'n' && t[2] == ' '))))
        return 0;
    int she = qt_tok_is(v, p, "she");
    if (!she && !qt_tok_is(v, p, "he"))
        return 0;
    size_t b = qt_tok_lower_bound(v, sb);
    if (b + 2 >= k || v->quoted[b])
        return 0;
    for (size_t j = b + 1; j < k - 1 && j - b <= 5; j++) {
        if (qt_tok_lowercase(v, j) && qt_tok_in(v, j, QT_W_ROLES | QT_W_TITLES)) {
            /* The prime minister, the chief inspector: the last job word. */
            while (j + 2 < k && qt_tok_lowercase(v, j + 1) &&
                   qt_tok_in(v, j + 1, QT_W_ROLES | QT_W_TITLES))
                j++;
            /* The chairman of ..., the barrister who ...: the subject is someone else. */
            if (!qt_tok_lowercase(v, j + 1) || qt_tok_in(v, j + 1, QT_W_PREPOSITIONS) ||
                qt_tok_is(v, j + 1, "who") || qt_tok_is(v, j + 1, "whose") ||
                qt_tok_is(v, j + 1, "which") || qt_tok_is(v, j + 1, "that"))
                return 0;
            d->tb = b;
            d->te = j + 1;
            d->kind = QT_MENTION_PHRASE;
            /* Only a job someone else speaks through stands as itself (a spokeswoman, for
             * she); the others as a definite description refers back (refers_back()). */
            if (speaks_for_others(v, j))
                return she ? !qt_tok_is(v, j, "spokesman") : !qt_tok_is(v, j, "spokeswoman");
            return definite && refers_back(v, d);
        }
        if (!qt_tok_lowercase(v, j) && !qt_tok_capitalized(v, j))
            return 0;
        if (qt_tok_in(v, j, QT_W_FUNCTION) || qt_tok_possessive(v, j, NULL))
            return 0;
    }
    return 0;
}

const char *qt_names_resolve_description(qt_names *nm, const qt_view *v, const qt_mention *d)
{
    int back = refers_back(v, d);
    if (back == 2)
        return job_holder(nm, v, d);
    /* The Tory spokesman is Tory spokesman Michael Ancram when the text named him so. */
    size_t r;
    const char *who = role_named_before(nm, v, d, &r);
    if (who)
        return who;
    return back ? walk_back(nm, d->tb, WANT_PERSON) : qt_names_resolve(nm, v, d);
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
    qt_mrec any;
    memset(&any, 0, sizeof any);
    while (i < stop && seen < MAX_SURNAME_WALK) {
        qt_mrec m;
        size_t next;
        if (!spend(nm, 1))
            return -1;
        if (!qt_tok_capitalized(v, i) || !qt_read_run(v, i, &m, &next)) {
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
        if (!persons_only && !have_any && m.subjectish && !m.org && !m.after_the) {
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
    return qt_index_first_in(nm, from, to, persons_only, out);
}
