/*
 * nameindex.c -- the index of every name mention of a document, in text order.
 *
 * Every person mention of two or more words is indexed by its last word (a hash table
 * of surname chains), a one-word mention resolves to the latest full name of its surname
 * before it, and the mentions he or she may stand for are listed in order. The index is
 * read only as far as a lookup needs it, and each mention depends only on those before
 * it, so a prefix of the index is the whole document's index cut there. Most documents
 * never build it: namelookup.c answers from the mentions near a lookup, and hands over
 * to the index only when a hostile document spends its budget. Lookups are bounded (a
 * hash table, a binary search, a capped walk) so that thousands of same-named mentions
 * stay linear.
 */
#include <string.h>

#include "names.h"

/* The slot of the surname s in the table: its entry, or the empty slot it would take. */
static size_t slot_of(const qt_names *nm, const char *s, size_t n)
{
    size_t mask = nm->table_size - 1, at = qt_hash_bytes(s, n) & mask;
    for (;;) {
        uint32_t e = nm->table[at];
        if (e == LEDE_NONE)
            return at;
        const char *es;
        size_t en;
        qt_surname(nm->v, &nm->m[e], &es, &en);
        if (qt_same_word(es, en, s, n))
            return at;
        at = (at + 1) & mask;
    }
}

/* The same, in the document's index. */
static uint32_t lookup(const qt_names *nm, const char *s, size_t n, uint32_t pos, uint8_t want,
                       size_t title)
{
    return qt_lookup_in(nm->v, nm->m, nm->table[slot_of(nm, s, n)], pos, want, title);
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
    uint32_t *caps = qt_table_alloc(v, (v->n_tok + 1) * sizeof *caps);
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
    nm->m = qt_table_alloc(v, (cap + 1) * sizeof *nm->m);
    nm->persons = qt_table_alloc(v, (cap + 1) * sizeof *nm->persons);
    nm->table_size = 16;
    while (nm->table_size < 2 * (cap + 1))
        nm->table_size *= 2;
    nm->table = qt_table_alloc(v, nm->table_size * sizeof *nm->table);
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
int qt_index_upto(qt_names *nm, size_t limit)
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
        nm->indexed++;
        qt_mrec *m = &nm->m[nm->n];
        size_t next;
        if (!qt_read_run(v, i, m, &next)) {
            i++;
            continue;
        }
        uint32_t none = LEDE_NONE, *head = &none;
        if (m->n_words >= 1) {
            const char *s;
            size_t n;
            qt_surname(v, m, &s, &n);
            head = &nm->table[slot_of(nm, s, n)];
        }
        qt_link_mention(v, nm->m, (uint32_t)nm->n, head);
        if (qt_pronoun_candidate(m))
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
    return qt_index_upto(nm, qt_tok_lower_bound(nm->v, pos));
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
        if (qt_same_word(v->text + nm->whole[k], nm->whole_len[k], s, n))
            return 0;
    if (nm->n_whole < sizeof nm->whole / sizeof nm->whole[0] && n <= UINT8_MAX) {
        nm->whole[nm->n_whole] = (uint32_t)(s - v->text);
        nm->whole_len[nm->n_whole++] = (uint8_t)n;
    }
    /* Thousands of surnames asked about in a hostile text would make the scans quadratic:
     * past a budget of twice the text, the index is simply read to its end. */
    if (nm->scanned + (v->n_tok - nm->next_tok) > 2 * v->n_tok)
        return qt_index_upto(nm, v->n_tok);
    for (size_t k = v->n_tok; k-- > nm->next_tok;) {
        nm->scanned++;
        size_t len = v->tok[k].end - v->tok[k].start;
        if (len >= n && len <= n + 4 && qt_same_word(v->text + v->tok[k].start, n, s, n))
            return qt_index_upto(nm, k + 1);
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

/* The walk back a pronoun makes from byte pos (or "the 23-year-old": WANT_ANY_PERSON),
 * in the index. */
const char *qt_index_walk_back(qt_names *nm, uint32_t pos, int what)
{
    const qt_view *v = nm->v;
    if (index_before(nm, pos) < 0)
        return NULL;
    if (what == WANT_ORG || what == WANT_ORG_SUBJECT) {
        /* They and it speak for the organisation last named (the White House said ...,
         * Wimpey said ...); the company for the one last named as a subject. */
        size_t k = last_before(nm, NULL, nm->n, pos);
        uint32_t reach = qt_org_reach(v, pos);
        for (int walk = 0; k != SIZE_MAX && walk < PRONOUN_REACH; walk++, k--) {
            const qt_mrec *c = &nm->m[k];
            if (c->start < reach)
                break;
            if (what == WANT_ORG ? qt_org_speaker(v, c) : qt_org_named(v, c))
                return qt_mention_text(v, nm->m, c);
            if (k == 0)
                break;
        }
        return NULL;
    }
    size_t p = last_before(nm, nm->persons, nm->n_persons, pos);
    uint8_t want = what == WANT_MALE ? GENDER_MALE : GENDER_FEMALE;
    /* The most recent person (or one-word subject that speaks or is a first name) whose
     * gender does not rule it out (any, for WANT_ANY_PERSON); failing one, the most recent
     * in an object. */
    const qt_mrec *fb = NULL;
    for (int walk = 0; p != SIZE_MAX && walk < PRONOUN_REACH; walk++, p--) {
        const qt_mrec *c = &nm->m[nm->persons[p]];
        if (what == WANT_ANY_PERSON ||
            (what == WANT_PERSON
                 ? qt_subject_person(v, c)
                 : (c->gender == GENDER_UNKNOWN || c->gender == want) && qt_person_evident(v, c))) {
            if (!qt_in_object(v, c))
                return qt_names_mention_text(nm, nm->m, c);
            if (!fb)
                fb = c;
        }
        if (p == 0)
            break;
    }
    return fb ? qt_names_mention_text(nm, nm->m, fb) : NULL;
}

/* A one-word name resolved in the index: the surname's chain is made whole first. */
const char *qt_index_resolve_surname(qt_names *nm, const char *s, size_t n, uint32_t pos,
                                     size_t title, uint8_t want, int *failed)
{
    if (index_surname(nm, s, n) < 0) {
        *failed = 1;
        return NULL;
    }
    uint32_t full = lookup(nm, s, n, pos, want, title);
    return full != LEDE_NONE ? qt_mention_text(nm->v, nm->m, &nm->m[full]) : NULL;
}

/* The first person mention of [from, to) in the index, as qt_names_first_in() says. */
int qt_index_first_in(qt_names *nm, uint32_t from, uint32_t to, int persons_only, qt_mention *out)
{
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
        if (!persons_only && any == SIZE_MAX && nm->m[k].subjectish && !nm->m[k].after_the &&
            !qt_org_like(nm->v, &nm->m[k]))
            any = k;
    }
    if (any == SIZE_MAX)
        return 0;
    out->tb = nm->m[any].tb;
    out->te = nm->m[any].te;
    out->kind = QT_MENTION_NAME;
    return 1;
}
