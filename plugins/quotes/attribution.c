/*
 * attribution.c -- who said it: the cue and the speaker of each quotation.
 *
 * Reported speech in news follows a handful of patterns around the quotation:
 *   after it:  "Q," said S            "Q," S said          "Q," S, ROLE, said
 *              "Q," said the bank's chief economist S       "Q," he told Reuters
 *              "Q," according to S   "Q" ― S (a byline under a reader's quote)
 *   before it: S said: "Q"            S, ROLE, said: "Q"   S told OUTLET: "Q"
 *              S went on: "Q"         S referred to X as "Q"
 *              according to S, ... "Q"                     S's characterization of X as "Q"
 *              S mocked X, declaring Y "Q" (a participle: the clause's subject speaks)
 *              S praised the director: "Q" (a colon, no cue verb)
 * The words after the closing mark (up to the sentence end) are read first for a full
 * quotation, the words before the opening mark (back to the clause start) for a partial
 * one, which gets a speaker only when its own sentence gives one: a partial one that ends
 * in a comma inside its marks and is followed by its cue and speaker (The plan is "dead on
 * arrival," said Ann Lee) is a full one, read as such. A full quotation with
 * no cue of its own continues the turn of the quotation just before it, or else belongs
 * to the speaker of the sentence before it (Kirwan says his side ... "We have to ...");
 * each later paragraph of a multi-paragraph quotation inherits the attribution of the
 * first unless it carries its own.
 *
 * Every window is bounded (a sentence, a few dozen tokens), so attribution is linear in
 * the number of quotations. Names are resolved to full names by names.c.
 */
#include <string.h>

#include "qt.h"

/* How far the windows around a quotation reach, in tokens. */
#define PRE_WINDOW 80
#define POST_WINDOW 40
/* How far after the closing mark a cue verb may stand ("Q," Rep. Jim Jordan (R-Ohio), an
 * oversight panel member, said), and how far its subject may start when the cue is far. */
#define POST_CUE_REACH 25
#define POST_NEAR 6
/* How long an appositive between commas may be (S, head of X, said). */
#define APPOSITIVE_REACH 30
/* How many words may stand between a cue verb and the colon before a quotation (told MPs
 * and peers:). */
#define COLON_REACH 5
/* How far into a sentence a description's cue may stand (described_before()). */
#define DESCRIBED_REACH 10
/* ... and a possessed job's (possessed_job()), which an adverbial may put later: In a live
 * television broadcast announcing the measure, President Castro's chief aide said (BBC
 * business/200). */
#define POSSESSED_REACH 14
/* How far after a partial quotation the writer's words may go on to the comma before its
 * cue and speaker (cue_after_comma_outside()). */
#define REPORT_REACH 20
/* How far before a quotation without a cue a cue of someone else ends the turn before it. */
#define TURN_CUE_REACH 30

typedef struct found {
    qt_mention who;
    int has_who;
    size_t cue_b, cue_e; /* tokens */
    int has_cue;
    qt_cue_kind cue_kind;
} found;

/* Notes the cue at tokens [b, e) and its speaker (none when who is NULL); returns 1. */
static int set_cue(found *f, size_t b, size_t e, qt_cue_kind kind, const qt_mention *who)
{
    f->has_cue = 1;
    f->cue_b = b;
    f->cue_e = e;
    f->cue_kind = kind;
    f->has_who = who != NULL;
    if (who)
        f->who = *who;
    return 1;
}

/* The sentence ends (v->stops) are read eight tokens a load where the bytes' order allows:
 * the walks to a window's sentence end pass some ten tokens each, and a branch per token
 * mispredicts at the walk's end. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define STOPS_BY_WORD 1
#endif

/* Walking left from token at, not past token lim (lim <= at): the first position p with p ==
 * lim or token p - 1 ending a sentence. */
static size_t stop_back(const qt_view *v, size_t at, size_t lim)
{
    const uint8_t *s = v->stops;
    if (!s) {
        while (at > lim && !qt_tok_sentence_end(v, at - 1))
            at--;
        return at;
    }
#ifdef STOPS_BY_WORD
    for (; at >= lim + 8; at -= 8) {
        uint64_t w;
        memcpy(&w, s + at - 8, sizeof w);
        if (w) /* the last ending among the eight: the highest byte set */
            return at - 8 + (size_t)(63 - __builtin_clzll(w)) / 8 + 1;
    }
#endif
    while (at > lim && !s[at - 1])
        at--;
    return at;
}

/* Walking right from token at, not past token lim (lim <= n_tok): the first position p >= at
 * with p == lim or token p ending a sentence (at itself when at >= lim). */
static size_t stop_ahead(const qt_view *v, size_t at, size_t lim)
{
    const uint8_t *s = v->stops;
    if (!s) {
        while (at < lim && !qt_tok_sentence_end(v, at))
            at++;
        return at;
    }
#ifdef STOPS_BY_WORD
    for (; at + 8 <= lim; at += 8) {
        uint64_t w;
        memcpy(&w, s + at, sizeof w);
        if (w) /* the first ending among the eight: the lowest byte set */
            return at + (size_t)__builtin_ctzll(w) / 8;
    }
    if (at < lim && at + 8 <= v->n_tok + 1) { /* stops holds n_tok + 1 bytes */
        uint64_t w;
        memcpy(&w, s + at, sizeof w);
        w &= UINT64_MAX >> (8 * (8 - (lim - at))); /* the bytes from lim on cleared */
        return w ? at + (size_t)__builtin_ctzll(w) / 8 : lim;
    }
#endif
    while (at < lim && !s[at])
        at++;
    return at;
}

/* Walking left from token at, not past token lim (lim <= at), nor to a token starting before
 * byte lo_b: the first position p with p == lim, token p - 1 ending a sentence or starting
 * before lo_b. */
static size_t clause_back(const qt_view *v, size_t at, size_t lim, uint32_t lo_b)
{
    size_t p = stop_back(v, at, lim);
    /* The tokens before lo_b, which start ascending, stand first in [p, at): mostly none. */
    if (p < at && v->tok[p].start < lo_b) {
        p = qt_tok_seek(v, p, lo_b);
        if (p > at)
            p = at;
    }
    return p;
}

static int is_comma_like(const qt_view *v, size_t i)
{
    if (i >= v->n_tok)
        return 0;
    const char *s = v->text + v->tok[i].start;
    size_t n = v->tok[i].end - v->tok[i].start;
    return (n == 1 && (s[0] == ',' || s[0] == '-')) || (n == 2 && s[0] == '-' && s[1] == '-') ||
           (n == 3 && (memcmp(s, "\xE2\x80\x94", 3) == 0 || memcmp(s, "\xE2\x80\x93", 3) == 0));
}

/* An em dash, en dash or horizontal bar standing alone. */
static int is_dash(const qt_view *v, size_t i)
{
    if (i >= v->n_tok || v->tok[i].end - v->tok[i].start != 3)
        return 0;
    const char *s = v->text + v->tok[i].start;
    return memcmp(s, "\xE2\x80\x94", 3) == 0 || memcmp(s, "\xE2\x80\x93", 3) == 0 ||
           memcmp(s, "\xE2\x80\x95", 3) == 0;
}

static int is_pronoun(const qt_view *v, size_t i)
{
    return qt_tok_in(v, i, QT_W_PRONOUNS);
}

/* A word that can stand between a subject and its cue: has, also, later, quickly. A
 * capitalised one right after a capitalised word or a title's full stop is a name's part
 * (Theresa May said, Mrs May said, Mrs. May said), not an auxiliary. */
static int is_skip_word(const qt_view *v, size_t i)
{
    if (qt_tok_in(v, i, QT_W_SKIP)) {
        if (!qt_tok_capitalized(v, i))
            return 1;
        /* May said, Will told: no auxiliary stands before a past or a third person's
         * cue verb, so the word is the speaker's name (a sentence's first word too). */
        if ((qt_tok_is(v, i, "may") || qt_tok_is(v, i, "will")) && qt_tok_lowercase(v, i + 1) &&
            qt_tok_in(v, i + 1, QT_W_CUE_VERBS))
            return 0;
        return i == 0 || !(qt_tok_capitalized(v, i - 1) ||
                           (qt_tok_punct(v, i - 1, '.') && i > 1 && qt_tok_capitalized(v, i - 2)));
    }
    size_t n = v->tok[i].end - v->tok[i].start;
    const char *s = v->text + v->tok[i].start;
    return qt_tok_lowercase(v, i) && n > 4 && s[n - 2] == 'l' && s[n - 1] == 'y' &&
           !qt_tok_in(v, i, QT_W_LY_NOUNS);
}

/* A word: it begins with a letter, or is a compound like 23-year-old. */
static int is_word(const qt_view *v, size_t i)
{
    if (i >= v->n_tok)
        return 0;
    if (qt_tok_lowercase(v, i) || qt_tok_capitalized(v, i))
        return 1;
    const char *s = v->text + v->tok[i].start;
    size_t n = v->tok[i].end - v->tok[i].start;
    return n > 3 && s[0] >= '0' && s[0] <= '9' && memchr(s, '-', n) != NULL;
}

/* Token i is a cue other than a noun: said, adding, according to. */
static int is_verb_cue(const qt_view *v, size_t i)
{
    size_t end;
    qt_cue_kind kind = qt_cue_at(v, i, &end);
    return kind != QT_CUE_NONE && kind != QT_CUE_NOUN && kind != QT_CUE_REPORT;
}

/* A lower-case word ending in -ing (marching). */
static int is_gerund(const qt_view *v, size_t i)
{
    size_t n = v->tok[i].end - v->tok[i].start;
    const char *s = v->text + v->tok[i].start;
    return qt_tok_lowercase(v, i) && n > 4 && memcmp(s + n - 3, "ing", 3) == 0;
}

/* Token k is an age used as a noun: 30-year-old. */
static int age_word(const qt_view *v, size_t k)
{
    size_t n = v->tok[k].end - v->tok[k].start;
    const char *s = v->text + v->tok[k].start;
    return n > 9 && s[0] >= '0' && s[0] <= '9' && memcmp(s + n - 9, "-year-old", 9) == 0;
}

/* A common noun phrase ending at token k, read leftwards: Richmond police, the bank's
 * chief economist, a spokesman. */
static int phrase_ending_at_d(const qt_view *v, size_t k, size_t lo, qt_mention *out, int depth)
{
    /* "...," the 30-year-old told the Sunday Times: an age is a description's head (BBC
     * sport/046). */
    if (!qt_tok_lowercase(v, k) && !age_word(v, k))
        return 0;
    if (qt_tok_in(v, k, QT_W_FUNCTION) || is_skip_word(v, k) || is_verb_cue(v, k))
        return 0;
    size_t b = k;
    size_t reach = 5;
    size_t and_at = SIZE_MAX; /* an "and" crossed before any "of" */
    int of_seen = 0;
    while (b > lo && k - b < reach) {
        size_t p = b - 1;
        if (qt_tok_in(v, p, QT_W_PHRASE_OPENERS)) {
            b = p;
            break;
        }
        /* A Department for Education and Skills spokeswoman said: a body's name with its
         * small words inside the phrase (BBC politics/023). */
        if (reach < 8 && p > lo && qt_tok_capitalized(v, b) && qt_tok_capitalized(v, p - 1) &&
            (qt_tok_is(v, p, "for") || qt_tok_is(v, p, "of") || qt_tok_is(v, p, "and"))) {
            b = p;
            reach++;
            continue;
        }
        /* A Five spokesman said: a capitalised number word after a determiner names a body
         * (BBC entertainment/173). */
        if (p > lo && qt_tok_capitalized(v, p) && qt_tok_in(v, p, QT_W_FUNCTION) &&
            !(v->tok[p].flags & LEDE_TOKF_SENT_START) && qt_tok_in(v, p - 1, QT_W_PHRASE_OPENERS)) {
            b = p;
            continue;
        }
        /* a committee of MPs and peers has warned: what the head noun is of, with its
         * coordination, is part of the phrase (BBC politics/214). */
        if (depth == 0 && p > lo && (qt_tok_is(v, p, "of") || qt_tok_is(v, p, "and")) &&
            reach < 8 && is_word(v, b) && !qt_tok_in(v, b, QT_W_FUNCTION)) {
            if (qt_tok_is(v, p, "and")) {
                if (of_seen || and_at != SIZE_MAX)
                    break;
                and_at = p;
            } else if (qt_tok_lowercase(v, p - 1) && !qt_tok_in(v, p - 1, QT_W_FUNCTION) &&
                       !is_skip_word(v, p - 1) && !is_verb_cue(v, p - 1)) {
                of_seen = 1;
            } else {
                break;
            }
            b = p;
            reach += 2;
            continue;
        }
        if (!is_word(v, p) || (qt_tok_in(v, p, QT_W_FUNCTION) && !qt_tok_all_capitals(v, p)) ||
            is_skip_word(v, p) || is_verb_cue(v, p))
            break;
        b = p;
    }
    if (and_at != SIZE_MAX && !of_seen)
        b = and_at + 1; /* no "of" before the "and": the phrase is what follows it */
    /* Protesters marching through the streets chanted: a phrase behind a preposition is
     * no subject; the subject stands before it (past a participle). */
    size_t before = b;
    if (before > lo && qt_tok_in(v, before - 1, QT_W_PREPOSITIONS)) {
        size_t k2 = before - 1;
        while (k2 > lo && is_gerund(v, k2 - 1))
            k2--;
        if (k2 > lo) {
            if (qt_name_ending_at(v, k2 - 1, lo, out))
                return 1;
            return depth < 2 && phrase_ending_at_d(v, k2 - 1, lo, out, depth + 1);
        }
        return 0;
    }
    /* The phrase must open its clause: a determiner, or nothing but punctuation or a
     * capitalised word before it (Richmond police); inside a clause it is no subject. */
    if (!qt_tok_in(v, b, QT_W_PHRASE_OPENERS) && b > lo && qt_tok_lowercase(v, b - 1))
        return 0;
    out->tb = b;
    out->te = k + 1;
    out->kind = QT_MENTION_PHRASE;
    return 1;
}

static int phrase_ending_at(const qt_view *v, size_t k, size_t lo, qt_mention *out)
{
    return phrase_ending_at_d(v, k, lo, out, 0);
}

/* Token k, or the token before the parenthesis that k closes: Rep. Jim Clyburn (D-S.C.).
 * SIZE_MAX when that leaves [lo, k]. */
static size_t skip_paren_left(const qt_view *v, size_t k, size_t lo)
{
    if (!qt_tok_punct(v, k, ')'))
        return k;
    for (size_t j = k; j > lo && k - j < 12;) {
        j--;
        if (qt_tok_punct(v, j, '('))
            return j > lo ? j - 1 : SIZE_MAX;
    }
    return SIZE_MAX;
}

/* Brent Bozell, PTC president and conservative activist said: the name before the comma of
 * an appositive whose closing comma is missing, looked for leftwards from token k. */
static int name_before_open_comma(const qt_view *v, size_t k, size_t lo, qt_mention *out)
{
    for (size_t j = k; j > lo && k - j < 12;) {
        j--;
        if (qt_tok_sentence_end(v, j) || v->quoted[j] || qt_tok_punct(v, j, ':'))
            break;
        if (qt_tok_punct(v, j, ','))
            return j > lo && qt_name_ending_at(v, j - 1, lo, out);
    }
    return 0;
}

/* Token p is a preposition that puts a name after it out of the subject's place: an analyst
 * at Nomura told, Nick Van den Brul of BNP Paribas described. */
static int object_preposition(const qt_view *v, size_t p)
{
    return qt_tok_is(v, p, "at") || qt_tok_is(v, p, "of") || qt_tok_is(v, p, "from") ||
           qt_tok_is(v, p, "for") || qt_tok_is(v, p, "in") || qt_tok_is(v, p, "with");
}

/* Name m right before a cue follows a preposition (token m->tb - 1 > lo): the subject
 * stands before it. The Department for Transport said, Lloyds of London told: a name
 * ending like an organisation, or one word opening its sentence, makes one name with "of"
 * or "for" and m; Nick Van den Brul of BNP Paribas: the name before; Anais Faraj, an
 * analyst at Nomura told: the name before the appositive's comma. 0 when none of these (a
 * spokeswoman for Royal Mail said: the organisation speaks). */
static int subject_before_object(const qt_view *v, const qt_mention *m, size_t lo, qt_mention *out)
{
    size_t p = m->tb - 1;
    qt_mention left;
    if (p > lo && qt_name_ending_at(v, p - 1, lo, &left) && left.te == p) {
        if ((qt_tok_in(v, left.te - 1, QT_W_ORG_HEADS) ||
             (left.te - left.tb == 1 && (v->tok[left.tb].flags & LEDE_TOKF_SENT_START))) &&
            (qt_tok_is(v, p, "of") || qt_tok_is(v, p, "for"))) {
            out->tb = left.tb;
            out->te = m->te;
            out->kind = QT_MENTION_NAME;
            return 1;
        }
        *out = left;
        return 1;
    }
    return name_before_open_comma(v, p, lo, out);
}

/* The comma (or the sentence's end, a quotation, token lo) opening the clause that the
 * comma at token k closes, at most APPOSITIVE_REACH tokens back. */
static size_t clause_open(const qt_view *v, size_t k, size_t lo)
{
    size_t j = k;
    while (j > lo && k - j < APPOSITIVE_REACH) {
        j--;
        if (qt_tok_punct(v, j, ',') || qt_tok_sentence_end(v, j) || v->quoted[j])
            break;
    }
    return j;
}

/* Name m (after token lo) is the tail of a body's name or a place, after "of" and a
 * capitalised word that opens no sentence alone: the United Federation of Teachers, the
 * Bishop of Durham, Lord Faulkner of Worcester. */
static int body_name_tail(const qt_view *v, const qt_mention *m, size_t lo)
{
    size_t p = m->tb - 1;
    return m->tb > lo + 1 && qt_tok_is(v, p, "of") && qt_tok_capitalized(v, p - 1) &&
           !qt_tok_in(v, p - 1, QT_W_FUNCTION);
}

/* S, ROLE, said where *out, the tail of a body's name (body_name_tail()), ends the clause
 * before the comma at token j, which opens the one the comma at token k closes: it names no
 * one. The Bishop of Durham, the Rt Rev Dr Tom Wright, described: the appositive names
 * the subject; Michael Mulgrew, president of the United Federation of Teachers, which
 * represents ..., said: the name before that clause; Lord Faulkner of Worcester, who
 * chaired the inquiry, said: the name before "of" (subject_before_object()). */
static int subject_past_a_body(const qt_view *v, size_t j, size_t k, size_t lo, qt_mention *out)
{
    qt_mention tail = *out;
    /* (Not: Rep. Adam B. Schiff of California, the ranking Democrat on the House
     * Intelligence Committee, urged: a name after a preposition there is its object.) */
    if (k - 1 > j && qt_name_ending_at(v, k - 1, j + 1, out)) {
        size_t p = j + 1;
        while (p < out->tb && !(qt_tok_lowercase(v, p) && qt_tok_in(v, p, QT_W_PREPOSITIONS)))
            p++;
        if (p == out->tb)
            return 1;
    }
    size_t i = j > lo ? clause_open(v, j, lo) : j;
    if (i > lo && i < j && qt_tok_punct(v, i, ',')) {
        size_t before = skip_paren_left(v, i - 1, lo);
        if (before != SIZE_MAX && qt_name_ending_at(v, before, lo, out) &&
            !body_name_tail(v, out, lo))
            return 1;
    }
    return subject_before_object(v, &tail, lo, out);
}

/* Name run m is a job in capitals (Humanitarian Aid Commissioner, Foreign Secretary): it
 * ends in a title or a job's word, and has no first name nor a title of address (not Mr
 * King). */
static int job_run(const qt_view *v, const qt_mention *m)
{
    return m->kind == QT_MENTION_NAME && qt_tok_capitalized(v, m->te - 1) &&
           qt_tok_in(v, m->te - 1, QT_W_TITLES | QT_W_ROLES) &&
           !qt_tok_in(v, m->tb,
                      QT_W_MALE_NAMES | QT_W_FEMALE_NAMES | QT_W_MALE_TITLES |
                          QT_W_FEMALE_TITLES) &&
           (m->tb == 0 ||
            !qt_tok_in(v, m->tb - 1, QT_W_MALE_TITLES | QT_W_FEMALE_TITLES | QT_W_TITLES));
}

/* The subject of the cue at token c, read leftwards (not before token lo). */
static int subject_left(const qt_view *v, size_t c, size_t lo, qt_mention *out)
{
    size_t i = c;
    while (i > lo && is_skip_word(v, i - 1)) {
        i--;
        /* Her comments have been described as "irresponsible" by X; he was told: the
         * subject of a passive cue is not its speaker (but one who was asked answers). */
        if ((qt_tok_is(v, i, "been") || qt_tok_is(v, i, "was") || qt_tok_is(v, i, "were") ||
             qt_tok_is(v, i, "is") || qt_tok_is(v, i, "are")) &&
            !qt_tok_is(v, c, "asked"))
            return 0;
    }
    /* Mr Kennedy is to tell the audience:, she is expected to say: a statement to come;
     * "is ... to" before the cue is no passive (BBC politics/247). */
    if (i > lo + 2 && qt_tok_is(v, i - 1, "to")) {
        size_t t = i - 2;
        if (t > lo &&
            (qt_tok_is(v, t, "expected") || qt_tok_is(v, t, "set") || qt_tok_is(v, t, "due") ||
             qt_tok_is(v, t, "going") || qt_tok_is(v, t, "likely")))
            t--;
        if (qt_tok_is(v, t, "is") || qt_tok_is(v, t, "are") || qt_tok_is(v, t, "was") ||
            qt_tok_is(v, t, "were")) {
            i = t;
            while (i > lo && is_skip_word(v, i - 1))
                i--;
        }
    }
    /* Band Aid founder Bob Geldof in July said: a time between the subject and its cue
     * (in July, on Monday, last week; BBC politics/127). */
    if (i > lo + 2 && (qt_tok_in(v, i - 1, QT_W_CALENDAR) || qt_tok_is(v, i - 1, "week")) &&
        (qt_tok_is(v, i - 2, "in") || qt_tok_is(v, i - 2, "on") || qt_tok_is(v, i - 2, "last")))
        i -= 2;
    /* a form that can be read by the handheld E-slates: a passive after "be" (BBC
     * tech/066). */
    if (i > lo && (qt_tok_is(v, i - 1, "be") || qt_tok_is(v, i - 1, "being")) &&
        !qt_tok_is(v, c, "asked"))
        return 0;
    if (i <= lo)
        return 0;
    size_t k = skip_paren_left(v, i - 1, lo);
    if (k == SIZE_MAX)
        return 0;
    if (is_pronoun(v, k)) {
        out->tb = k;
        out->te = k + 1;
        out->kind = QT_MENTION_PRONOUN;
        return 1;
    }
    if (qt_name_ending_at(v, k, lo, out)) {
        qt_mention subject;
        if (out->tb > lo + 1 && qt_tok_lowercase(v, out->tb - 1) &&
            object_preposition(v, out->tb - 1) && subject_before_object(v, out, lo, &subject))
            *out = subject;
        return 1;
    }
    /* Number 10 said: Downing Street by its door's number (BBC politics/095). */
    if (k > lo && qt_tok_is(v, k, "10") && qt_tok_is(v, k - 1, "number") &&
        qt_tok_capitalized(v, k - 1)) {
        out->tb = k - 1;
        out->te = k + 1;
        out->kind = QT_MENTION_PHRASE;
        return 1;
    }
    /* Cornyn's statement added: the statement's author speaks. */
    size_t cue_end;
    if (k > lo && qt_cue_at(v, k, &cue_end) == QT_CUE_NOUN && qt_tok_possessive(v, k - 1, NULL) &&
        qt_name_ending_at(v, k - 1, lo, out))
        return 1;
    if (qt_tok_punct(v, k, ',') && k > lo) {
        /* S, ROLE, said: the subject stands before the appositive. */
        size_t j = clause_open(v, k, lo);
        if (qt_tok_punct(v, j, ',') && j < k) {
            if (j > lo && is_pronoun(v, j - 1)) {
                out->tb = j - 1;
                out->te = j;
                out->kind = QT_MENTION_PRONOUN;
                return 1;
            }
            size_t before = j > lo ? skip_paren_left(v, j - 1, lo) : SIZE_MAX;
            if (before != SIZE_MAX && qt_name_ending_at(v, before, lo, out)) {
                /* Authenti-corp's CEO, Cynthia Musselman, told: a job after a possessive is
                 * named by the appositive (BBC tech/179). */
                qt_mention named;
                /* The shadow chief secretary to the Treasury, George Osborne, said: so is a
                 * job whose body a preposition names (issue #4). */
                size_t pb =
                    out->tb > lo && qt_tok_is(v, out->tb - 1, "the") ? out->tb - 1 : out->tb;
                int of_body = pb > lo + 1 && qt_tok_lowercase(v, pb - 2) &&
                              qt_tok_in(v, pb - 1, QT_W_PREPOSITIONS) &&
                              qt_tok_in(v, pb - 2, QT_W_ROLES | QT_W_TITLES);
                if (((out->tb > lo && (of_body || (out->te - out->tb == 1 &&
                                                   qt_tok_possessive(v, out->tb - 1, NULL)))) ||
                     job_run(v, out)) &&
                    k - 1 > j && qt_name_ending_at(v, k - 1, j + 1, &named) && named.tb == j + 1 &&
                    named.te - named.tb >= 2) {
                    *out = named;
                    return 1;
                }
                return !body_name_tail(v, out, lo) || subject_past_a_body(v, j, k, lo, out);
            }
            /* The bank's chief economist, John Doe, said: the name is the appositive. */
            if (k - 1 > j && qt_name_ending_at(v, k - 1, j + 1, out))
                return 1;
        } else if (j == lo && qt_name_ending_at(v, k - 1, lo, out)) {
            return 1;
        }
        return 0;
    }
    if (phrase_ending_at(v, k, lo, out)) {
        /* Armando Falcon, OFHEO director said: a job after a name and its comma is an
         * appositive whose closing comma is missing; the name speaks (BBC business/326). */
        qt_mention named;
        if (out->tb > lo + 1 && qt_tok_punct(v, out->tb - 1, ',') &&
            !qt_tok_in(v, out->tb, QT_W_PHRASE_OPENERS) &&
            qt_tok_in(v, k, QT_W_ROLES | QT_W_TITLES) &&
            qt_name_ending_at(v, out->tb - 2, lo, &named) && named.kind == QT_MENTION_NAME &&
            named.te - named.tb >= 2 && (named.tb == lo || !qt_tok_lowercase(v, named.tb - 1)))
            *out = named;
        return 1;
    }
    /* Brent Bozell, PTC president and conservative activist said: an appositive whose
     * closing comma is missing. */
    return name_before_open_comma(v, k, lo, out);
}

/* Lower-case words from token k ending in a job, then a name (before token hi): the
 * speaker of said ISM survey chairman Norbert Ore, said Final Wars producer Shogo
 * Tomiyama, whose first name is the job's modifier (a company, a film). */
static int name_after_role(const qt_view *v, size_t k, size_t hi, qt_mention *out, int depth)
{
    size_t j = k;
    /* Nortel president and chief executive Bill Owens: "and" between two jobs. */
    while (j < hi && j - k < 4 && qt_tok_lowercase(v, j) && !v->quoted[j] &&
           (!qt_tok_in(v, j, QT_W_NP_STOPS | QT_W_FUNCTION) ||
            (j > k && qt_tok_is(v, j, "and") && qt_tok_in(v, j - 1, QT_W_TITLES | QT_W_ROLES))))
        j++;
    qt_mention m;
    if (j == k || !qt_name_starting_at(v, j, hi, &m))
        return 0;
    /* ABN Amro chief Asian strategist Eddie Wong: a capitalised word inside the role. */
    if (depth < 2 && m.te < hi && qt_tok_lowercase(v, m.te) &&
        name_after_role(v, m.te, hi, out, depth + 1))
        return 1;
    /* CNN host Jake Tapper: a job here, not among the roles, as a team hosts another
     * (Sale host Bath). */
    if (!qt_tok_in(v, j - 1, QT_W_TITLES | QT_W_ROLES) && !qt_tok_is(v, j - 1, "host"))
        return 0;
    *out = m;
    return 1;
}

/* A noun phrase read rightwards from token i (before token hi): said Paul Martin, said
 * the bank's chief economist John Smith, according to Ushakov, said he. */
static int np_right(const qt_view *v, size_t i, size_t hi, qt_mention *out)
{
    size_t b = i;
    while (i < hi && qt_tok_in(v, i, QT_W_NP_OPENERS))
        i++;
    if (i >= hi)
        return 0;
    if (is_pronoun(v, i)) {
        out->tb = i;
        out->te = i + 1;
        out->kind = QT_MENTION_PRONOUN;
        return 1;
    }
    if (qt_name_starting_at(v, i, hi, out) &&
        (b == i || out->te >= hi || !qt_tok_lowercase(v, out->te))) {
        qt_mention role_name;
        if (b == i && name_after_role(v, out->te, hi, &role_name, 0))
            *out = role_name;
        /* said ABN Amro's Eddie Wong: the person named after a body's possessive (BBC
         * business/260). */
        else if (b == i && out->te < hi && qt_tok_possessive(v, out->te - 1, NULL) &&
                 qt_tok_capitalized(v, out->te) &&
                 qt_name_starting_at(v, out->te, hi, &role_name) &&
                 role_name.te - role_name.tb >= 2 && !qt_tok_possessive(v, role_name.te - 1, NULL))
            *out = role_name;
        return 1;
    }
    size_t j = i;
    while (j < hi && j - i < 8 && is_word(v, j) && !qt_tok_in(v, j, QT_W_NP_STOPS) && !v->quoted[j])
        j++;
    if (j == i) {
        /* said 9/11 widow Terry Strada: a name a few words on, before any comma. */
        for (size_t k = i + 1; k < hi && k - i < 5 && !is_comma_like(v, k) &&
                               !qt_tok_sentence_end(v, k) && !v->quoted[k];
             k++)
            if (qt_name_starting_at(v, k, hi, out))
                return 1;
        return 0;
    }
    if (qt_name_ending_at(v, j - 1, i, out))
        return 1;
    if (b == i)
        return 0; /* said Paul Martin, said the spokesman; not said that ... */
    /* said the committee chairman, MP Edward Leigh: the job's holder, named after it; also
     * past what the job is of (said the chairman of the Commons education select
     * committee, Labour MP Barry Sheerman). */
    qt_mention named;
    size_t c = j;
    if (c < hi && (qt_tok_is(v, c, "of") || qt_tok_is(v, c, "at") || qt_tok_is(v, c, "for")))
        for (c++; c < hi && c - j < 10 && is_word(v, c) && !v->quoted[c];)
            c++;
    if (c + 1 < hi && qt_tok_punct(v, c, ',') && qt_tok_lowercase(v, j - 1) &&
        qt_tok_in(v, j - 1, QT_W_ROLES | QT_W_TITLES) &&
        qt_name_starting_at(v, c + 1, hi, &named) && named.te - named.tb >= 2 &&
        (named.te >= hi || !qt_tok_lowercase(v, named.te))) {
        *out = named;
        return 1;
    }
    out->tb = b;
    out->te = j;
    out->kind = QT_MENTION_PHRASE;
    return 1;
}

/* The mention ends right before the cue, or only adverbs stand between (Statistics chief
 * Li Deshui told Reuters), or the name of what it belongs to (Mike Pence of Indiana said). */
static int next_to_cue(const qt_view *v, const qt_mention *m, size_t cue)
{
    size_t k = m->te;
    /* Gov. Mike Pence of Indiana said: past the place or body the subject is of. */
    qt_mention of;
    if (k + 1 < cue && object_preposition(v, k) && qt_name_starting_at(v, k + 1, cue, &of))
        k = of.te;
    for (; k < cue; k++)
        if (!is_skip_word(v, k))
            return 0;
    return m->kind == QT_MENTION_NAME || m->kind == QT_MENTION_PRONOUN;
}

/* The words after the closing mark: "Q," said S / "Q," S said / "Q," S, ROLE, said. */
static int read_after(const qt_view *v, size_t ce, size_t pe, found *f)
{
    size_t i = ce;
    if (i < pe && is_dash(v, i)) {
        /* "Q" ― Pamela Padilla: a byline-style attribution without a cue. */
        qt_mention who;
        if (qt_name_starting_at(v, i + 1, pe, &who)) {
            f->who = who;
            f->has_who = 1;
            return 1;
        }
    }
    while (i < pe && is_comma_like(v, i))
        i++;
    if (i >= pe)
        return 0;
    size_t end;
    qt_cue_kind kind = qt_cue_at(v, i, &end);
    /* "Q," said S; "Q," according to S. */
    if (kind == QT_CUE_VERB || kind == QT_CUE_PARTICIPLE || kind == QT_CUE_ACCORDING) {
        set_cue(f, i, end, kind, NULL);
        f->has_who = np_right(v, end, pe, &f->who);
        return 1;
    }
    for (size_t j = i + 1; j < pe && j - i <= POST_CUE_REACH; j++) {
        if (v->quoted[j])
            break;
        kind = qt_cue_at(v, j, &end);
        if (kind != QT_CUE_VERB)
            continue;
        qt_mention who;
        /* "...", the paper quoted Mr Chernin as saying: the one quoted speaks (BBC
         * business/254). */
        if (qt_tok_is(v, j, "quoted") && qt_name_starting_at(v, end, pe, &who) &&
            who.tb - end <= 2 && qt_tok_is(v, who.te, "as") &&
            qt_tok_in(v, who.te + 1, QT_W_CUE_PARTICIPLES))
            return set_cue(f, j, end, kind, &who);
        if (subject_left(v, j, i, &who) &&
            (j - i <= POST_NEAR || who.tb <= i + 3 || next_to_cue(v, &who, j)))
            return set_cue(f, j, end, kind, &who);
        /* "Q," S, ROLE, ..., said: a name right after the quotation, set off by a comma
         * (looked for only now: the cue's own subject mostly answers). */
        if (qt_name_starting_at(v, i, pe, &who) && who.tb <= i + 3 &&
            (qt_tok_punct(v, who.te, ',') || qt_tok_punct(v, who.te, '(')))
            return set_cue(f, j, end, kind, &who);
        break;
    }
    return 0;
}

/* The sentence around byte pos: its first byte. */
static uint32_t sentence_start(const qt_view *v, uint32_t pos)
{
    size_t n = qt_sent_upto(v, pos);
    return n == 0 ? 0 : v->sent[n - 1].start;
}

/* Token k is he (1) or she (2); 0 for any other word. */
static int he_or_she(const qt_view *v, size_t k)
{
    return qt_tok_is(v, k, "he") ? 1 : qt_tok_is(v, k, "she") ? 2 : 0;
}

/* He or she at token j, or after "But" or "And" there, before token k: 1 with it in *out. */
static int opening_pronoun(const qt_view *v, size_t j, size_t k, qt_mention *out)
{
    if (j < k && (qt_tok_is(v, j, "but") || qt_tok_is(v, j, "and")))
        j++;
    if (j >= k || v->quoted[j] || !he_or_she(v, j))
        return 0;
    out->tb = j;
    out->te = j + 1;
    out->kind = QT_MENTION_PRONOUN;
    return 1;
}

/* The subject of the sentence holding token k: its first person mention before k, or a
 * pronoun opening it (He then defended the remark, saying ...). */
static int clause_subject(const qt_view *v, qt_names *nm, size_t k, qt_mention *out)
{
    uint32_t from = sentence_start(v, v->tok[k].start);
    if (qt_names_first_in(nm, from, v->tok[k].start, 0, out)) {
        /* But he told the Times Educational Supplement that ... and said "...": he or she
         * opening the sentence (past a conjunction) is its subject, not a name after it (BBC
         * politics/190). */
        size_t j = out->tb;
        while (j > 0 && v->tok[j - 1].start >= from && out->tb - j < 12)
            j--;
        if (j < out->tb && v->tok[j].start == from && opening_pronoun(v, j, out->tb, out))
            return 1;
        /* Speaking on BBC One's Breakfast with Frost, he said "...", but stressed ...: a name
         * after a preposition of the clause opening the sentence is no subject; he or she
         * after that clause's comma is (BBC politics/220). */
        if (out->tb > 0 && v->tok[out->tb - 1].start >= from && qt_tok_lowercase(v, out->tb - 1) &&
            qt_tok_in(v, out->tb - 1, QT_W_PREPOSITIONS)) {
            size_t c = out->te;
            while (c < k && c - out->te < 8 && !qt_tok_punct(v, c, ',') && !v->quoted[c])
                c++;
            if (c + 1 < k && qt_tok_punct(v, c, ',') && opening_pronoun(v, c + 1, k, out))
                return 1;
        }
        /* Lib Dem chairman Matthew Taylor wrote ... saying: the name after a job is the
         * subject, the one before it the job's modifier. */
        qt_mention m;
        if (out->te < k && qt_tok_lowercase(v, out->te) && name_after_role(v, out->te, k, &m, 0))
            *out = m;
        /* The EU's Humanitarian Aid Commissioner, Louis Michel, was quoted as saying: the
         * name in apposition to a job in capitals is the subject (BBC business/353). */
        else if (out->te + 3 < k && qt_tok_punct(v, out->te, ',') && job_run(v, out) &&
                 qt_name_starting_at(v, out->te + 1, k, &m) && m.tb == out->te + 1 &&
                 m.te - m.tb >= 2 && qt_tok_punct(v, m.te, ','))
            *out = m;
        return 1;
    }
    size_t first = qt_tok_lower_bound(v, from);
    if (opening_pronoun(v, first, k, out))
        return 1;
    /* "It" opens too many sentences to stand for a speaker here. */
    if (first < k && is_pronoun(v, first) && !qt_tok_is(v, first, "it") && !v->quoted[first]) {
        out->tb = first;
        out->te = first + 1;
        out->kind = QT_MENTION_PRONOUN;
        return 1;
    }
    return 0;
}

/* The cue at k follows "and" or "but" (past adverbs): its subject is the clause's. */
static int coordinated(const qt_view *v, size_t k, size_t lo)
{
    size_t i = k;
    while (i > lo && is_skip_word(v, i - 1))
        i--;
    return i > lo && (qt_tok_is(v, i - 1, "and") || qt_tok_is(v, i - 1, "but"));
}

/* Links called "trackers", a phenomenon called 'knocking', a work in progress called
 * "ipodder": called or dubbed right before the opening mark (token ob), after a noun (a
 * lower-case word that is no pronoun, auxiliary, adverb or function word), gives a thing's
 * name, no one's words (BBC tech/156, tech/307, tech/110); not what he called "...", which
 * Variety called "...", they have dubbed "...". */
static int names_a_thing(const qt_view *v, size_t k, size_t end, size_t ob, size_t pb)
{
    return end == ob && k > pb && (qt_tok_is(v, k, "called") || qt_tok_is(v, k, "dubbed")) &&
           qt_tok_lowercase(v, k - 1) && !v->quoted[k - 1] && !is_pronoun(v, k - 1) &&
           !is_skip_word(v, k - 1) &&
           !qt_tok_in(v, k - 1, QT_W_FUNCTION | QT_W_DETERMINERS | QT_W_CUE_VERBS);
}

/* The words before the opening mark, from the nearest cue backwards; for a partial
 * quotation, a verb whose object it words (QT_CUE_REPORT) with its subject too. */
static int read_before(const qt_view *v, qt_names *nm, size_t pb, size_t ob, int partial, found *f)
{
    for (size_t k = ob; k-- > pb;) {
        if (v->quoted[k])
            continue;
        size_t end;
        qt_cue_kind kind = qt_cue_at(v, k, &end);
        int report = kind == QT_CUE_REPORT;
        if (report)
            kind = partial ? QT_CUE_VERB : QT_CUE_NONE;
        if (kind == QT_CUE_NONE || end > ob)
            continue;
        if (kind == QT_CUE_VERB && names_a_thing(v, k, end, ob, pb))
            return 0;
        qt_mention who;
        int ok = 0;
        switch (kind) {
        case QT_CUE_ACCORDING:
            ok = np_right(v, end, ob, &who);
            break;
        case QT_CUE_NOUN:
            ok = k > pb && qt_tok_possessive(v, k - 1, NULL) &&
                 qt_name_ending_at(v, k - 1, pb, &who);
            if (!ok)
                continue;
            break;
        case QT_CUE_PARTICIPLE:
            ok = clause_subject(v, nm, k, &who);
            if (!ok)
                ok = subject_left(v, k, pb, &who);
            break;
        default:
            ok = subject_left(v, k, pb, &who);
            /* She urges her husband to come out and repeatedly says, "...": a verb
             * coordinated with an earlier one shares its subject. */
            if (!ok && coordinated(v, k, pb))
                ok = clause_subject(v, nm, k, &who);
            /* (He was accused of "...": one with no subject is read past, to a cue.) */
            if (!ok && report)
                continue;
            /* "said" with nothing on the left may be inverted: said S, "Q". */
            if (!ok && k == pb)
                ok = np_right(v, end, ob, &who) && who.kind == QT_MENTION_NAME;
            /* He added: said "...": a cue right after a colon repeats the one before it,
             * whose subject speaks (BBC politics/217). */
            if (!ok && k > pb + 2 && qt_tok_punct(v, k - 1, ':') && is_verb_cue(v, k - 2) &&
                subject_left(v, k - 2, pb, &who)) {
                ok = 1;
                k -= 2;
                kind = qt_cue_at(v, k, &end);
            }
            break;
        }
        return set_cue(f, k, end, kind, ok ? &who : NULL);
    }
    /* He also praised the film director: "Thank you ...": a colon hands the quotation to
     * the subject of its clause, even without a cue verb. */
    if (ob > pb && qt_tok_punct(v, ob - 1, ':')) {
        f->has_who = clause_subject(v, nm, ob - 1, &f->who);
        return f->has_who;
    }
    return 0;
}

/* Byte span of a mention, without a possessive ending. */
static void mention_bytes(const qt_view *v, const qt_mention *m, uint32_t *s, uint32_t *e)
{
    size_t stem;
    *s = v->tok[m->tb].start;
    *e = v->tok[m->te - 1].end;
    if (qt_tok_possessive(v, m->te - 1, &stem))
        *e = v->tok[m->te - 1].start + (uint32_t)stem;
}

static size_t paragraph_of(const qt_view *v, uint32_t pos)
{
    size_t n = qt_para_upto(v, pos);
    return n == 0 ? 0 : n - 1;
}

/* The sentence before quotation q's, when q opens its sentence and that one is in q's
 * paragraph pi: its index, else SIZE_MAX. */
static size_t sentence_before_in_para(const qt_view *v, const lede_quote *q, size_t pi)
{
    size_t n = qt_sent_upto(v, q->mark_start);
    if (n < 2 || v->sent[n - 1].start != q->mark_start ||
        paragraph_of(v, v->sent[n - 2].start) != pi)
        return SIZE_MAX;
    return n - 2;
}

/* He has worked on Finding Nemo and Indiana Jones. "...," he told: he after a quotation
 * that opens its sentence, when the sentence before in its paragraph (pi, the quotation's)
 * opens with the same pronoun, is whom that one stands for (BBC tech/313): the names in
 * between are what he did, not who speaks. That pronoun in *d, else who itself. */
static const qt_mention *same_pronoun_before(const qt_view *v, const lede_quote *q, size_t pi,
                                             size_t ce, const qt_mention *who, qt_mention *d)
{
    if (who->kind != QT_MENTION_PRONOUN || who->tb < ce || !he_or_she(v, who->tb))
        return who;
    size_t sb = sentence_before_in_para(v, q, pi);
    if (sb == SIZE_MAX)
        return who;
    size_t j = qt_tok_lower_bound(v, v->sent[sb].start);
    if (!opening_pronoun(v, j, j + 3, d) || he_or_she(v, d->tb) != he_or_she(v, who->tb))
        return who;
    return d;
}

/* The quotation p before was said by the same he or she as who, a pronoun after the
 * closing token ce of a later one, or before it but after p (The cardinal said ...
 * "...". He added: "..."): p's speaker was resolved from that pronoun's word. */
static int spoken_by_same_pronoun(const qt_view *v, const lede_quote *p, size_t ce,
                                  const qt_mention *who)
{
    if (!p->speaker || who->kind != QT_MENTION_PRONOUN ||
        (who->tb < ce && v->tok[who->tb].start < p->mark_end) || p->speaker_start == LEDE_NONE ||
        p->speaker_end <= p->speaker_start || !he_or_she(v, who->tb))
        return 0;
    uint32_t b = v->tok[who->tb].start, e = v->tok[who->tb].end;
    size_t n = e - b;
    return p->speaker_end - p->speaker_start == n && p->speaker_end <= b &&
           (v->text[p->speaker_start] | 0x20) == (v->text[b] | 0x20) &&
           memcmp(v->text + p->speaker_start + 1, v->text + b + 1, n - 1) == 0;
}

/* Nobody, he claimed, could picture ... And Tony Blair would be in the very front line of
 * that campaign, he said. "...," he promised: he after a quotation that opens its sentence,
 * when the sentence before in its paragraph (pi) ends in the same pronoun with a cue verb
 * after a comma, goes on the report of the he of the quotation p before (BBC politics/346:
 * Alan Milburn, not Tony Blair, whom he speaks of). ob is the quotation's opening token; p
 * was spoken by the same pronoun as who (spoken_by_same_pronoun, which the caller asked). */
static int reported_by_same_pronoun(const qt_view *v, const lede_quote *q, size_t pi, size_t ob,
                                    const qt_mention *who)
{
    if (ob < 5 || !qt_tok_sentence_end(v, ob - 1) || !qt_tok_punct(v, ob - 4, ',') ||
        v->quoted[ob - 2] || !qt_tok_lowercase(v, ob - 2) ||
        he_or_she(v, ob - 3) != he_or_she(v, who->tb))
        return 0;
    size_t end;
    return sentence_before_in_para(v, q, pi) != SIZE_MAX &&
           qt_cue_at(v, ob - 2, &end) == QT_CUE_VERB && end == ob - 1;
}

/* He said "...", but stressed that ... a "...": pronoun who is the very mention that speaks
 * the quotation p before, which stands for one person for both (BBC politics/220). */
static int same_pronoun_token(const qt_view *v, const lede_quote *p, const qt_mention *who)
{
    return who->kind == QT_MENTION_PRONOUN && p->speaker_start == v->tok[who->tb].start &&
           p->speaker_end == v->tok[who->tb].end;
}

/* "...," he says. ... "...," he explains: he after a quotation is whom the he of the
 * quotation p before stood for, when no one is named between them outside quotations
 * (BBC tech/313: not a film named before both). p was spoken by the same pronoun as who
 * (spoken_by_same_pronoun, which the caller asked). */
static int same_pronoun_as(const qt_view *v, qt_names *nm, const lede_quote *p,
                           const qt_mention *who)
{
    uint32_t b = v->tok[who->tb].start;
    /* A person or a one-word subject (Smith explained) is named since; not an
     * abbreviation (DVD requires). */
    uint32_t from = p->speaker_end;
    size_t k = qt_tok_lower_bound(v, from);
    while (k < who->tb && (v->quoted[k] || !qt_tok_capitalized(v, k) ||
                           qt_tok_in(v, k, QT_W_FUNCTION | QT_W_PRONOUNS | QT_W_DETERMINERS)))
        k++;
    if (k == who->tb)
        return 1; /* no capitalised word outside the quotations between but The, He */
    for (int tries = 0; tries < 4; tries++) {
        qt_mention x;
        if (!qt_names_first_in(nm, from, b, 0, &x))
            return 1;
        if (x.te - x.tb != 1 || !qt_tok_all_capitals(v, x.tb))
            return 0;
        from = v->tok[x.tb].end;
    }
    return 0;
}

/* The gender a title or a first name at token i gives a name: 'm', 'f', or 0 when it
 * gives none. */
static char name_gender(const qt_view *v, size_t i)
{
    uint32_t b = qt_tok_bits(v, i);
    if (b & (QT_W_MALE_TITLES | QT_W_MALE_NAMES))
        return 'm';
    return (b & (QT_W_FEMALE_TITLES | QT_W_FEMALE_NAMES)) ? 'f' : 0;
}

/* Token k, after a name, is its verb or an aside: a comma, an auxiliary or adverb (has,
 * was, also), a cue verb, or a past tense (refused); not the word of a job the name
 * modifies (Lib Dem home affairs spokesman, Liberal Democrat leader). */
static inline int subject_verb(const qt_view *v, size_t k)
{
    if (qt_tok_punct(v, k, ','))
        return 1;
    if (!qt_tok_lowercase(v, k))
        return 0;
    uint32_t bits = qt_tok_bits(v, k);
    if (bits & (QT_W_ROLES | QT_W_TITLES))
        return 0;
    if (bits & (QT_W_SKIP | QT_W_CUE_VERBS))
        return 1;
    const char *s = v->text + v->tok[k].start;
    size_t n = v->tok[k].end - v->tok[k].start;
    return n > 4 && s[n - 2] == 'e' && s[n - 1] == 'd';
}

/* Dr Fox refused to discuss reports that the party had repaid £500,000 to Lord Ashcroft
 * after he said .... "We repay loans ...," he said: he or she (token p) whom the walk back
 * gave a name that the sentence before (in the same paragraph) holds after its subject,
 * when that subject is a person named at its start, is the subject: the sentence's topic
 * goes on, not a name in its object or in a clause inside it (BBC politics/007,
 * politics/346). The subject's full name, or who when the sentence is no such one. The
 * pronoun's sentence holds token at (the pronoun or the quotation, whichever is first). */
static const char *subject_before(const qt_view *v, qt_names *nm, size_t p, size_t at,
                                  const char *who)
{
    /* (He or she read by its bytes: the lexicon is not asked.) */
    const char *w = v->text + v->tok[p].start;
    size_t wn = v->tok[p].end - v->tok[p].start;
    int she = wn == 3 && (w[0] | 0x20) == 's' && w[1] == 'h' && w[2] == 'e';
    if (!who || (!she && !(wn == 2 && (w[0] | 0x20) == 'h' && w[1] == 'e')))
        return who;
    /* The sentence layer's sentence before, in the same paragraph, opening with a capital
     * (its first byte turns most away before a token is looked for). */
    size_t ns = qt_sent_upto(v, v->tok[at].start);
    if (ns < 2 || v->sent[ns - 2].paragraph != v->sent[ns - 1].paragraph ||
        v->text[v->sent[ns - 2].start] < 'A' || v->text[v->sent[ns - 2].start] > 'Z')
        return who;
    size_t st = at;
    while (st > 0 && v->tok[st - 1].start >= v->sent[ns - 1].start)
        st--;
    if (st < 2 || !qt_tok_sentence_end(v, st - 1) || v->quoted[st - 1])
        return who;
    /* (The sentence's first token, as the sentence layer counts them when no white space
     * tokens were left out of the view: checked.) */
    size_t s0 = v->sent[ns - 2].tok_begin;
    if (s0 >= st || v->tok[s0].start != v->sent[ns - 2].start)
        s0 = qt_tok_lower_bound(v, v->sent[ns - 2].start);
    if (s0 + 2 < st && (qt_tok_is(v, s0, "and") || qt_tok_is(v, s0, "but")))
        s0++;
    /* (The, He, It, In: most sentences open with a word that is no name; Mr is a title.) */
    uint32_t b0 = qt_tok_bits(v, s0);
    if ((b0 & (QT_W_FUNCTION | QT_W_PRONOUNS | QT_W_DETERMINERS)) && !(b0 & QT_W_TITLES))
        return who;
    /* The subject: a name at the start, a title or a first name of a fitting gender (or
     * none), then a verb (subject_verb()) or an aside (Mr Milburn, in the latest ...,
     * explained); not a possessor (Tony Blair's speech), a member of a pair (Labour and
     * Tony Blair), an organisation or a place (but Dr Fox, after his title), nor the
     * modifier of a job (Jewish Chronicle editor Ned Temko: BBC politics/331). */
    /* (Its capitalised words are passed first: a possessive among them, or no verb or
     * comma after them (Shares rose, Lib Dem leader), turn most away before the name is
     * read.) */
    size_t j = s0;
    while (j < st && j - s0 < 5 && qt_tok_capitalized(v, j)) {
        if (qt_tok_possessive(v, j, NULL))
            return who;
        j++;
    }
    if (j + 1 >= st || !subject_verb(v, j))
        return who;
    qt_mention m;
    if (v->quoted[s0] || !qt_name_starting_at(v, s0, st, &m) ||
        (m.tb > s0 && (m.tb > s0 + 1 || !qt_tok_in(v, s0, QT_W_TITLES))) || m.te + 1 >= st ||
        !subject_verb(v, m.te) || qt_tok_possessive(v, m.te - 1, NULL))
        return who;
    char g = name_gender(v, s0);
    if (g == (she ? 'm' : 'f') ||
        (m.tb == s0 && !g && qt_tok_in(v, m.te - 1, QT_W_ORG_HEADS | QT_W_PLACE_HEADS)))
        return who;
    /* The walk's answer is named after the subject in that sentence: its surname. */
    const char *last = strrchr(who, ' ');
    last = last ? last + 1 : who;
    size_t n = strlen(last);
    /* (Most often the walk took the subject itself: Smith said ... "...," he said.) */
    size_t sn = v->tok[m.te - 1].end - v->tok[m.te - 1].start;
    if (sn == n && memcmp(v->text + v->tok[m.te - 1].start, last, n) == 0)
        return who;
    /* (Its bytes are looked for first, by its capital: most sentences do not hold them.) */
    const char *p0 = v->text + v->tok[m.te].start, *stop = v->text + v->tok[st - 1].start;
    const char *hit = NULL;
    for (const char *q = p0; n > 0 && q + n <= stop && !hit;) {
        q = memchr(q, last[0], (size_t)(stop - q));
        if (!q || q + n > stop)
            break;
        if (memcmp(q, last, n) == 0)
            hit = q;
        q++;
    }
    if (!hit)
        return who;
    size_t k = qt_tok_seek(v, m.te, (uint32_t)(hit - v->text));
    for (; k + 1 < st; k++) {
        size_t stem;
        if (v->quoted[k] || !qt_tok_capitalized(v, k))
            continue;
        if (!qt_tok_possessive(v, k, &stem))
            stem = v->tok[k].end - v->tok[k].start;
        if (stem == n && memcmp(v->text + v->tok[k].start, last, n) == 0)
            break;
    }
    if (k + 1 >= st)
        return who;
    /* Not when it is the subject's appositive (The Attorney General, Lord Goldsmith, has)
     * or a speaker of its own in that sentence (..., and Sculthorpe said he would: BBC
     * sport/397). */
    size_t a = m.te + 1;
    while (a < k && qt_tok_capitalized(v, a))
        a++;
    size_t c = k + 1;
    while (c < st && c - k < 3 && qt_tok_lowercase(v, c) && qt_tok_in(v, c, QT_W_SKIP))
        c++;
    if ((qt_tok_punct(v, m.te, ',') && a == k) ||
        (qt_tok_lowercase(v, c) && qt_tok_in(v, c, QT_W_CUE_VERBS)))
        return who;
    const char *subject = qt_names_resolve(nm, v, &m);
    /* A person's full name: two words or more. */
    return subject && strchr(subject, ' ') ? subject : who;
}

/* The home secretary said, by 2008, he wanted ... to "ensure ...". Speaking on BBC One's
 * Breakfast with Frost, he said "...": he or she (token pr) in the sentence after, in the
 * same paragraph, the one whose subject is a description (the home secretary) that speaks
 * the quotation p before it is the person that description was found to stand for (BBC
 * politics/220: Charles Clarke, not Liam Fox, named before the description). Not when
 * someone is named after p or before the pronoun but as an object (on BBC One's ..., with
 * Frost). The pronoun's sentence holds token at; who is the walk's answer. */
static const char *described_subject_before(const qt_view *v, qt_names *nm, const lede_quote *p,
                                            size_t pr, size_t at, const char *who)
{
    /* (Both kinds speak by a name of two words or more.) */
    if (!p->speaker || p->speaker_start == LEDE_NONE || !strchr(p->speaker, ' ') ||
        p->speaker[0] < 'A' || p->speaker[0] > 'Z' || (who && strcmp(who, p->speaker) == 0))
        return who;
    int g = he_or_she(v, pr);
    if (!g)
        return who;
    int she = g == 2;
    size_t ns = qt_sent_upto(v, v->tok[at].start);
    if (ns < 2 || v->sent[ns - 2].paragraph != v->sent[ns - 1].paragraph ||
        p->mark_end > v->sent[ns - 1].start || p->speaker_start < v->sent[ns - 2].start)
        return who;
    size_t k = qt_tok_lower_bound(v, v->sent[ns - 2].start);
    if (p->speaker_start != v->sent[ns - 2].start) {
        /* A spokesman for the British Phonographic Industry (BPI) said ... "...". "...,"
         * he said (BBC entertainment/103): p's speaker is the body a spokesman of the
         * pronoun's gender speaks for, named after the job. */
        if (!(qt_tok_is(v, k, "a") || qt_tok_is(v, k, "an")))
            return who;
        int job = 0;
        for (size_t j = k + 1; j < v->n_tok && j <= k + 3 && !job; j++)
            job = qt_tok_is(v, j, "spokesperson") ||
                  qt_tok_is(v, j, she ? "spokeswoman" : "spokesman");
        if (!job || v->tok[k + 2].start > p->speaker_start)
            return who;
        /* Not when the spokesman is named after a comma (A spokesman for DLF Builders, Dr
         * Vancheshwar, told: BBC business/068): he is the one he stands for. */
        size_t e = p->speaker_end == LEDE_NONE ? v->n_tok : qt_tok_lower_bound(v, p->speaker_end);
        if (e >= v->n_tok || qt_tok_punct(v, e, ','))
            return who;
    } else if (!qt_tok_is(v, k, "the") || k + 1 >= v->n_tok || !qt_tok_lowercase(v, k + 1))
        /* A description: the + lower-case words (the mention), and p's speaker a name
         * found for it, not its own words (prime minister shrugged off). */
        return who;
    /* No one named between but objects of a preposition (or possessors before one). */
    uint32_t from = p->mark_end, to = v->tok[pr].start;
    for (int tries = 0; tries < 4; tries++) {
        qt_mention x;
        if (!qt_names_first_in(nm, from, to, 0, &x))
            return p->speaker;
        if (v->tok[x.tb].start < v->sent[ns - 1].start || x.tb == 0 ||
            !(qt_tok_in(v, x.tb - 1, QT_W_PREPOSITIONS) || qt_tok_possessive(v, x.tb - 1, NULL)))
            return who;
        from = v->tok[x.te - 1].end;
    }
    return who;
}

/* How far back past_the_named() looks for the mention its walk restarts from (tokens). */
#define NAMED_REACH 400

/* Token k spells the n bytes at w, or their possessive (Brown's). */
static int spells_name(const qt_view *v, size_t k, const char *w, size_t n)
{
    size_t len = v->tok[k].end - v->tok[k].start;
    const char *t = v->text + v->tok[k].start;
    return len >= n && memcmp(t, w, n) == 0 &&
           (len == n || t[n] == '\'' || (unsigned char)t[n] == 0xE2);
}

/* Byte c may stand right before a name or after it: no letter nor digit (an
 * apostrophe after it opens a possessive: Brown's). */
static int name_edge(unsigned char c)
{
    return c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && !(c >= '0' && c <= '9');
}

/* The quotation between tokens ob and ce names person who: by the last word of the name
 * (Costacurta, Brown's), or by its first word alone, not a title (I said to Harry). The
 * bytes are searched for the words' capitals (memchr); a token is looked up only for a
 * first name found. */
static int named_within(const qt_view *v, size_t ob, size_t ce, const char *who)
{
    const char *sp = strchr(who, ' ');
    if (!sp || sp == who)
        return 0;
    size_t n = strlen(sp) + (size_t)(sp - who), nf = (size_t)(sp - who);
    size_t last = (size_t)(strrchr(sp, ' ') - who) + 1;
    if (last >= n)
        return 0;
    const char *b = v->text + v->tok[ob].end, *e = v->text + v->tok[ce].start;
    for (int first = 0; first < 2; first++) {
        const char *w = first ? who : who + last;
        size_t wn = first ? nf : n - last;
        for (const char *h = b; h < e && (h = memchr(h, w[0], (size_t)(e - h))) != NULL; h++) {
            if ((size_t)(e - h) <= wn || (wn > 1 && h[1] != w[1]) || memcmp(h, w, wn) != 0 ||
                (h > v->text && !name_edge((unsigned char)h[-1])) ||
                !name_edge((unsigned char)h[wn]))
                continue;
            if (!first)
                return 1;
            /* Harry, not Harry Redknapp (another Harry) nor a title (the President). */
            const char *a = h + wn;
            while (a < e && *a == ' ')
                a++;
            if (a < e && *a >= 'A' && *a <= 'Z')
                continue;
            size_t k = qt_tok_lower_bound(v, (uint32_t)(h - v->text));
            if (!qt_tok_in(v, k, QT_W_TITLES))
                return 1;
        }
    }
    return 0;
}

/* "I said to Harry 'I hope you don't go to Southampton', and he told me 'absolutely
 * not'," he said (BBC sport/233): no one speaks of himself by name, so he or she (pr) is
 * not a person the quotation between ob and ce names; the walk goes on from before that
 * person's last mention (Harry Redknapp, then Milan Mandaric). NULL when it finds no one
 * else, or a second person the quotation names (Fernando Morientes, then Steven Gerrard:
 * BBC sport/112). */
static const char *past_the_named(const qt_view *v, qt_names *nm, size_t ob, size_t ce,
                                  const qt_mention *pr, const char *who)
{
    size_t at = pr->tb < ob ? pr->tb : ob;
    const char *named = who;
    for (int tries = 0; who && named_within(v, ob, ce, who); tries++) {
        if (tries == 3 || strcmp(who, named) != 0)
            return NULL;
        const char *last = strrchr(who, ' ') + 1;
        size_t n = strlen(last), k = at;
        while (k-- > 0 && at - k < NAMED_REACH && (v->quoted[k] || !spells_name(v, k, last, n)))
            ;
        if (k == SIZE_MAX || at - k >= NAMED_REACH)
            return NULL;
        /* From the name's first word: the walk from its last would meet it again
         * (Norwich boss Nigel Worthington, Ruud van Nistelrooy). */
        qt_mention m;
        at = qt_name_ending_at(v, k, 0, &m) ? m.tb : k;
        who = qt_names_resolve_pronoun_from(nm, v, pr, at);
    }
    return who;
}

/* The speaker of quotation from, and the bytes of its mention, are to's too. */
static void copy_speaker(lede_quote *to, const lede_quote *from)
{
    to->speaker = from->speaker;
    to->speaker_start = from->speaker_start;
    to->speaker_end = from->speaker_end;
}

static void copy_attribution(lede_quote *to, const lede_quote *from, float factor)
{
    copy_speaker(to, from);
    to->cue_start = from->cue_start;
    to->cue_end = from->cue_end;
    to->confidence = from->confidence * factor;
}

static int attributed(const lede_quote *q)
{
    return q->speaker != NULL || q->speaker_start != LEDE_NONE;
}

/* Mention m's last word is the last word of the name of quotation p's speaker: it names him
 * or her again (McClaren was relieved, after Steve McClaren's quotation). */
static int names_the_speaker(const qt_view *v, const qt_mention *m, const lede_quote *p)
{
    uint32_t b, e;
    mention_bytes(v, m, &b, &e);
    const char *last = p->speaker ? strrchr(p->speaker, ' ') : NULL;
    last = last ? last + 1 : p->speaker;
    size_t word = e - v->tok[m->te - 1].start;
    return last && strlen(last) == word && memcmp(last, v->text + e - word, word) == 0;
}

/* Some token from token k on, before byte to, may be part of a name: one that is neither
 * a lower-case word nor ASCII punctuation. When none is ("...," he said. "..."), no
 * one is named there, and the index is not asked (qt_names_first_in()). */
static int may_name_between(const qt_view *v, size_t k, uint32_t to)
{
    for (; k < v->n_tok && v->tok[k].start < to; k++) {
        unsigned char c = (unsigned char)v->text[v->tok[k].start];
        if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            (c >= 0x80 && !qt_tok_lowercase(v, k)))
            return 1;
    }
    return 0;
}

/* No cue of its own: a full quotation continues the previous speaker's turn when it
 * follows in the same paragraph or opens the next one, and no other person is named as a
 * subject in between. toks are qt_attribute()'s (the quotation's opening token ob, its
 * paragraph pi). Returns 1 when it took the previous attribution. */
static int inherit_turn(const qt_view *v, qt_names *nm, lede_quote *quotes, const uint32_t *toks,
                        size_t qi, size_t pi, size_t ob)
{
    lede_quote *q = &quotes[qi];
    size_t pq = qi - 1;
    /* Step back over quoted titles and terms nobody said (on Fox News's "Fox and
     * Friends."), at most a couple of them. */
    for (int skip = 0;
         skip < 2 && pq > 0 && !attributed(&quotes[pq]) && quotes[pq].kind == LEDE_QUOTE_PARTIAL;
         skip++)
        pq--;
    const lede_quote *p = &quotes[pq];
    size_t ppi = toks[3 * pq + 2]; /* p's paragraph */
    int adjacent = ppi == pi || (ppi + 1 == pi && q->mark_start <= v->para[pi].start + 3);
    if (!adjacent || !attributed(p))
        return 0;
    uint32_t from = p->mark_end;
    if (p->speaker_end != LEDE_NONE && p->speaker_end > from)
        from = p->speaker_end;
    if (p->cue_end != LEDE_NONE && p->cue_end > from)
        from = p->cue_end;
    /* Names in the rest of the attribution sentence ("..., said Kenneth Baer, a former
     * Obama administration official.") are not a new speaker. */
    size_t first = qt_tok_lower_bound(v, from); /* the first token at or after from */
    /* But after a quotation that ended its sentence with no attribution after it, the
     * sentence after it is a new one, where a cue of someone else's ends the turn (BBC
     * tech/309: "... as you go." Mr Armes warned that ... "In some ways ..."). */
    char p_last = v->text[p->end - 1];
    size_t cue_from =
        (p_last == '.' || p_last == '!' || p_last == '?') && from == p->mark_end ? first : SIZE_MAX;
    /* The sentence end before the quotation (its opening token ob is the first at or after
     * its mark). */
    size_t stop = stop_ahead(v, first, ob);
    if (stop < ob) {
        from = v->tok[stop].end;
        first = stop + 1;
    }
    if (cue_from == SIZE_MAX)
        cue_from = first;
    qt_mention other;
    if (may_name_between(v, first, q->mark_start) &&
        qt_names_first_in(nm, from, q->mark_start, 1, &other))
        return 0;
    /* But her spokesman insisted she had simply delayed ...: a cue in between whose subject
     * is someone else (not he or she) hands the quotation to the sentence before it. The cue
     * is looked for in the last TURN_CUE_REACH tokens before the quotation (its opening
     * token ob). */
    for (size_t k = ob > cue_from + TURN_CUE_REACH ? ob - TURN_CUE_REACH : cue_from;
         k < v->n_tok && v->tok[k].start < q->mark_start; k++) {
        size_t end;
        if (!qt_tok_lowercase(v, k) || v->quoted[k] || qt_cue_at(v, k, &end) != QT_CUE_VERB ||
            !subject_left(v, k, cue_from, &other) || other.kind == QT_MENTION_PRONOUN)
            continue;
        /* Someone else (Mr Florin said, the spokesman said go on with theirs). */
        if (!names_the_speaker(v, &other, p))
            return 0;
    }
    copy_attribution(q, p, 0.8f);
    return 1;
}

/* Kirwan says his side will be hoping to make the most of it. "We have to make sure ...":
 * a quotation that opens a sentence with no cue goes to the speaker of the sentence before
 * it (in its paragraph, or ending the paragraph before when the quotation opens one). */
static void speaker_of_previous_sentence(const qt_view *v, qt_names *nm, lede_quote *q, size_t pi,
                                         size_t ob)
{
    size_t e = ob;
    size_t lim = ob > 2 * PRE_WINDOW ? ob - 2 * PRE_WINDOW : 0;
    while (e > lim && !qt_tok_sentence_end(v, e - 1) && ob - e < 3)
        e--;
    /* "Caddell continued:" closing the paragraph before the one the quotation opens: the
     * colon ends that sentence as a stop would (PolNeAR, BBC: the quotation went to no one). */
    if (ob > lim && pi > 0 && v->tok[ob - 1].end - v->tok[ob - 1].start == 1 &&
        v->text[v->tok[ob - 1].start] == ':' && v->tok[ob - 1].end <= v->para[pi - 1].end &&
        q->mark_start <= v->para[pi].start + 3)
        e = ob;
    else if (e <= lim || !qt_tok_sentence_end(v, e - 1))
        return;
    size_t epi = paragraph_of(v, v->tok[e - 1].start);
    if (epi != pi && !(epi + 1 == pi && q->mark_start <= v->para[pi].start + 3))
        return;
    size_t s = clause_back(v, e - 1, lim, v->para[epi].start);
    /* "... as you go." Mr Armes warned that ...: a quotation whose closing words the sentence
     * layer put in the sentence's start is not the sentence's own (BBC tech/309). */
    size_t k = s;
    while (k < e && v->quoted[k])
        k++;
    if (k > s && k >= 2 && k < e &&
        (qt_tok_punct(v, k - 2, '.') || qt_tok_punct(v, k - 2, '!') || qt_tok_punct(v, k - 2, '?')))
        s = k;
    for (size_t j = s; j + 1 < e; j++) {
        if (v->quoted[j])
            return; /* the sentence quotes someone: its own attribution stands */
        size_t end;
        qt_cue_kind kind = qt_cue_at(v, j, &end);
        qt_mention who;
        int ok = 0;
        /* In a statement on Sunday, the Cabinet Office said: a noun cue in an adverbial
         * before the verb's is no cue of its own (BBC politics/042). */
        if (kind == QT_CUE_NONE || kind == QT_CUE_NOUN || kind == QT_CUE_REPORT)
            continue;
        if (kind == QT_CUE_VERB)
            ok = subject_left(v, j, s, &who);
        else if (kind == QT_CUE_PARTICIPLE)
            ok = clause_subject(v, nm, j, &who);
        else if (kind == QT_CUE_ACCORDING)
            ok = np_right(v, end, e, &who);
        if (!ok)
            return;
        q->cue_start = v->tok[j].start;
        q->cue_end = v->tok[end - 1].end;
        mention_bytes(v, &who, &q->speaker_start, &q->speaker_end);
        q->speaker = qt_names_resolve(nm, v, &who);
        q->confidence = 0.6f;
        return;
    }
}

/* On Monday, Tony Blair's official spokesman declined to say ... He said: "...": he (she
 * when she is set) at token p stands for a job that its holder's employer, named in the possessive,
 * opens a clause with in the first words of the sentence before (tokens up to st - 1, from byte
 * sb), when no person is named as a subject after it: the possessor is not the job's holder (BBC
 * politics/042). 1 with the description in *d. */
static int possessed_job(const qt_view *v, qt_names *nm, size_t p, int she, size_t st, uint32_t sb,
                         qt_mention *d)
{
    /* A possessive's apostrophe in its first bytes turns most sentences away before a
     * token is read. */
    const char *b0 = v->text + sb;
    size_t n = v->tok[st - 1].start - sb < 160 ? v->tok[st - 1].start - sb : 160;
    if (!memchr(b0, '\'', n) && !memchr(b0, 0x99, n))
        return 0;
    size_t pt = qt_tok_seek(v, st > PRE_WINDOW ? st - PRE_WINDOW : 0, sb);
    for (size_t j = pt + 1; j + 1 < st && j - pt <= POSSESSED_REACH; j++) {
        if (v->quoted[j])
            return 0;
        if (!qt_tok_lowercase(v, j) || !qt_tok_lowercase(v, j + 1) || !qt_tok_in(v, j, QT_W_ROLES))
            continue;
        /* official spokesman: the last of the jobs is the head. */
        while (j + 2 < st && qt_tok_lowercase(v, j + 2) && qt_tok_in(v, j + 1, QT_W_ROLES))
            j++;
        /* Past up to two modifiers (official, chief) to the possessive. */
        size_t k = j;
        while (k > pt + 1 && j - k < 2 && qt_tok_lowercase(v, k - 1) &&
               !qt_tok_in(v, k - 1, QT_W_FUNCTION))
            k--;
        /* (Not John Connors, Microsoft's chief financial officer said: an appositive to a
         * name, BBC tech/108.) */
        qt_mention owner, named;
        if (!qt_tok_possessive(v, k - 1, NULL) || !qt_name_ending_at(v, k - 1, pt, &owner))
            return 0;
        /* (President Castro's chief aide: the owner's title with him.) */
        while (owner.tb > pt + 1 && qt_tok_capitalized(v, owner.tb - 1) &&
               qt_tok_in(v, owner.tb - 1, QT_W_TITLES))
            owner.tb--;
        if ((owner.tb > pt && !qt_tok_punct(v, owner.tb - 1, ',')) ||
            (owner.tb > pt + 1 && qt_name_ending_at(v, owner.tb - 2, pt, &named)) ||
            qt_tok_is(v, j, she ? "spokesman" : "spokeswoman"))
            return 0;
        d->tb = owner.tb;
        d->te = j + 1;
        d->kind = QT_MENTION_PHRASE;
        qt_mention other;
        return !qt_names_first_in(nm, v->tok[j].end, v->tok[p].start, 1, &other);
    }
    return 0;
}

/* A Home Office spokesman said the system had been toughened. He added "...": he or she
 * at token p stands for the indefinite description of a person's job that is the subject of
 * a cue verb opening the sentence before the one holding token at (the pronoun's or the
 * quotation's, whichever comes first), when no person is named as a subject after the cue.
 * 1 with the description in *d (BBC politics/071, politics/023). */
static int described_before(const qt_view *v, qt_names *nm, size_t p, size_t at, qt_mention *d)
{
    int g = he_or_she(v, p);
    if (!g)
        return 0;
    int she = g == 2;
    /* The sentence before: tokens [pt, st - 1]. The one holding token at mostly opens
     * there (a quotation, He added): its start is walked to, the other's searched. */
    size_t st = stop_back(v, at, at > PRE_WINDOW ? at - PRE_WINDOW : 0);
    if (st < 2 || !qt_tok_sentence_end(v, st - 1) || v->quoted[st - 1])
        return 0;
    /* An indefinite description opens it (A Home Office spokesman said): its first bytes
     * turn most sentences away before a token is read. */
    uint32_t sb = sentence_start(v, v->tok[st - 2].start);
    const char *t = v->text + sb;
    if (sb + 3 > v->len || t[0] != 'A' || (t[1] != ' ' && !(t[1] == 'n' && t[2] == ' ')))
        return possessed_job(v, nm, p, she, st, sb, d);
    size_t pt = qt_tok_seek(v, st > PRE_WINDOW ? st - PRE_WINDOW : 0, sb);
    /* Its job's word stands right before a cue in its first words. */
    for (size_t j = pt + 1; j + 1 < st && j - pt <= DESCRIBED_REACH; j++) {
        size_t end;
        if (v->quoted[j])
            break; /* the words before the cue quote someone: theirs is their speaker */
        if (!qt_tok_lowercase(v, j) || qt_cue_at(v, j, &end) != QT_CUE_VERB ||
            !qt_tok_lowercase(v, j - 1) || !qt_tok_in(v, j - 1, QT_W_ROLES | QT_W_TITLES))
            continue;
        if (!subject_left(v, j, pt, d) || d->kind != QT_MENTION_PHRASE || d->te != j ||
            qt_tok_is(v, d->te - 1, she ? "spokesman" : "spokeswoman"))
            return 0;
        qt_mention other;
        return !qt_names_first_in(nm, v->tok[j].end, v->tok[p].start, 1, &other);
    }
    return 0;
}

/* The clause window before the quotation opening at token ob: back to the sentence end
 * before it, not before byte lo_b (its paragraph's start, or the quotation before). */
static size_t pre_window_start(const qt_view *v, size_t ob, uint32_t lo_b)
{
    return clause_back(v, ob, ob > PRE_WINDOW ? ob - PRE_WINDOW : 0, lo_b);
}

/* The clause window after the quotation closing before token ce: on to the sentence end
 * after it, before byte hi_b (its paragraph's end, or the quotation after). */
static size_t post_window_end(const qt_view *v, size_t ce, uint32_t hi_b)
{
    size_t pe = stop_ahead(v, ce, v->n_tok - ce > POST_WINDOW ? ce + POST_WINDOW : v->n_tok);
    /* The tokens from hi_b on, which start ascending, stand last in [ce, pe): mostly none. */
    if (pe > ce && v->tok[pe - 1].start >= hi_b)
        pe = qt_tok_seek(v, ce, hi_b);
    return pe;
}

/* The words [ce, pe) of a post window run on to the next quotation (or paragraph) and
 * end in a colon right before it (Jon Walton said: "... mobbed." Annie Walker said: "..."):
 * a cue with a colon introduces the quotation that follows it, not the one before. */
static int introduces_next(const qt_view *v, size_t ce, size_t pe, uint32_t hi_b)
{
    return pe > ce && pe < v->n_tok && v->tok[pe].start >= hi_b && qt_tok_punct(v, pe - 1, ':');
}

/* "... lower than the prior year." The company said it expected profits to be about
 * 138m: a quotation that ends its sentence, then a new sentence whose cue verb goes on into a
 * clause of its own (that, a pronoun, or a determiner or a number and five words or more
 * before the sentence ends) reports something else; it does not attribute the quotation (Mr Smith
 * said. / he told the BBC. / he said in a statement. still do). */
static int new_statement(const qt_view *v, size_t ce, size_t pe, const found *f)
{
    if (!f->has_cue || f->cue_kind != QT_CUE_VERB || f->cue_b <= ce || ce >= v->n_tok ||
        !(v->tok[ce].flags & LEDE_TOKF_SENT_START))
        return 0;
    /* "...." House prices have risen 0.9% this year, Nationwide said: a clause of the
     * writer's before a comma and the cue's subject, a name, is what that subject said, not
     * the quotation (BBC business/153); not a job before a name (The bank's chief
     * economist, John Smith, said). (..., he said goes on with the quotation's speaker.) */
    if (f->has_who && f->who.kind == QT_MENTION_NAME && f->who.tb > ce + 3 &&
        qt_tok_punct(v, f->who.tb - 1, ',')) {
        for (size_t j = ce + 1; j + 1 < f->who.tb; j++) {
            if (v->quoted[j] || qt_tok_punct(v, j, ','))
                break;
            if (subject_verb(v, j)) /* (a comma is not one here) */
                return 1;
        }
    }
    size_t k = f->cue_e;
    if (k >= pe)
        return 0;
    /* The company also said 12 senior executives ... had agreed: a number opens a clause. */
    char c = v->text[v->tok[k].start];
    if (c >= '0' && c <= '9')
        return pe - k >= 6;
    if (!qt_tok_lowercase(v, k))
        return 0;
    if (qt_tok_is(v, k, "that") || is_pronoun(v, k))
        return 1;
    return qt_tok_in(v, k, QT_W_DETERMINERS) && pe - k >= 6;
}

/* "They just played better than us and deserved to win." Neville admitted there had been
 * incidents: a quotation that ends its sentence, then a new sentence whose cue verb goes on
 * into a clause (that, there, a pronoun, a determiner or a possessive, or five words or more,
 * not a preposition: not Mr Smith said in a statement.) reports what its subject said next.
 * Where the quotation goes on a turn (it continues a quotation, or follows one of the same
 * paragraph), the turn's speaker said it (BBC sport/137, politics/193, politics/023). */
static int reports_next(const qt_view *v, size_t ce, size_t pe, const found *f)
{
    if (!f->has_cue || f->cue_kind != QT_CUE_VERB || f->cue_b <= ce || ce >= v->n_tok ||
        !(v->tok[ce].flags & LEDE_TOKF_SENT_START))
        return 0;
    size_t k = f->cue_e;
    if (k >= pe || !qt_tok_lowercase(v, k) || qt_tok_in(v, k, QT_W_PREPOSITIONS))
        return 0;
    return qt_tok_is(v, k, "that") || qt_tok_is(v, k, "there") || qt_tok_is(v, k, "his") ||
           qt_tok_is(v, k, "her") || qt_tok_is(v, k, "their") || qt_tok_is(v, k, "its") ||
           is_pronoun(v, k) || qt_tok_in(v, k, QT_W_DETERMINERS) || pe - k >= 5;
}

/* The plan is “dead on arrival,” said Ann Lee / Ann Lee said / he said: a partial
 * quotation (words inside the writer's sentence) whose last word inside the marks is a
 * comma, and whose words after the closing token ce (before byte hi_b) are a cue verb or
 * "according to" with its speaker, is the speaker's direct quotation, punctuated as news
 * punctuates one introduced by its attribution: a full quotation, attributed by *f. Its
 * tokens are [ob, ce). */
static int cue_after_comma(const qt_view *v, const lede_quote *q, size_t ob, size_t ce,
                           uint32_t hi_b, found *f)
{
    if (q->kind != LEDE_QUOTE_PARTIAL || q->continues != LEDE_NONE || v->text[q->end - 1] != ',')
        return 0;
    /* On CBS's "Face the Nation," House Speaker Paul D. Ryan said: a title before its comma. */
    if (qt_title_case(v, ob, q->start, q->end - 1))
        return 0;
    found g;
    memset(&g, 0, sizeof g);
    if (!read_after(v, ce, post_window_end(v, ce, hi_b), &g) || !g.has_cue || !g.has_who ||
        (g.cue_kind != QT_CUE_VERB && g.cue_kind != QT_CUE_ACCORDING))
        return 0;
    *f = g;
    return 1;
}

/* Low interest rates meant that "long-term investment returns are well below historic
 * levels", Mr Gill added: a partial quotation whose closing mark a comma follows, then a cue
 * verb and its speaker named (no pronoun) that end the sentence (at most a few words after the cue:
 * he told the paper), was said by that speaker when the words before it name none (BBC
 * business/206, business/329). *f is the attribution read after token ce (before byte
 * hi_b). */
static int cue_after_comma_outside(const qt_view *v, size_t ce, uint32_t hi_b, found *f)
{
    size_t pe = post_window_end(v, ce, hi_b);
    /* Deaths in custody have reached "shocking" levels, a committee of MPs and peers has
     * warned: the writer's words may go on to the comma; the speaker then stands right
     * after it (BBC politics/214). */
    size_t c = ce;
    while (c < pe && !qt_tok_punct(v, c, ',') && c - ce < REPORT_REACH && !v->quoted[c])
        c++;
    if (c >= pe || !qt_tok_punct(v, c, ','))
        return 0;
    for (size_t k = ce; k < c; k++)
        if (is_verb_cue(v, k))
            return 0;
    if (c > ce) {
        if (!read_after(v, c, pe, f) || !f->has_who ||
            (f->who.tb != c + 1 && !(f->has_cue && f->cue_b == c + 1)))
            return 0;
        ce = c;
    }
    /* (Not he or she: the writer's sentence names someone else before it as often as the
     * speaker: He hoped Jay-Z would "move the company ...", he added.) */
    if (pe >= v->n_tok || !qt_tok_sentence_end(v, pe) || !read_after(v, ce, pe, f) || !f->has_cue ||
        !f->has_who || f->cue_kind != QT_CUE_VERB || f->who.kind == QT_MENTION_PRONOUN)
        return 0;
    /* It represents a "big leap forward" for broadband, said Chris Stening, UK Online general
     * manager: the cue first, then the name and its appositive (BBC tech/205). */
    return pe - f->cue_e <= 4 || qt_tok_is(v, f->cue_b, "quoted") ||
           (f->cue_b == ce + 1 && f->who.kind == QT_MENTION_NAME && f->who.tb == f->cue_e &&
            (f->who.te >= pe || qt_tok_punct(v, f->who.te, ',')));
}

/* read_before() over a quotation's window before its opening token, read once per
 * quotation: colon_cue() and the reading of the words before it (when nothing after it
 * names the speaker) both ask. */
typedef struct before_memo {
    int done, rc;
    found f;
} before_memo;

/* read_before(v, nm, pre_window_start(v, ob, lo_b), ob, ...) into a zeroed *out, from m
 * after the first call (m->done cleared for each quotation). */
static int read_before_once(const qt_view *v, qt_names *nm, size_t ob, uint32_t lo_b,
                            before_memo *m, found *out)
{
    if (!m->done) {
        memset(&m->f, 0, sizeof m->f);
        m->rc = read_before(v, nm, pre_window_start(v, ob, lo_b), ob, 0, &m->f);
        m->done = 1;
    }
    *out = m->f;
    return m->rc;
}

/* Mr Blair said: "... move forward." He described his relationship ...: a cue verb and a
 * colon right before a quotation that ends its sentence introduce it, whatever cue the
 * words after it hold; *f is the attribution read before the opening token ob (1), or
 * is left alone (0) when the words before it are no such cue with its speaker. */
static int colon_cue(const qt_view *v, qt_names *nm, size_t ob, uint32_t lo_b, before_memo *m,
                     found *f)
{
    if (ob < 2 || !qt_tok_punct(v, ob - 1, ':'))
        return 0;
    found g;
    if (!read_before_once(v, nm, ob, lo_b, m, &g) || !g.has_cue || !g.has_who ||
        g.cue_kind == QT_CUE_NOUN || g.cue_e > ob - 1)
        return 0;
    /* Mr Blair told MPs and peers: "I know ..." Labour's Paul Flynn said: the one the cue
     * verb addresses may stand between it and the colon (BBC politics/260). */
    if (g.cue_e < ob - 1 && (g.cue_kind != QT_CUE_VERB || ob - 1 - g.cue_e > COLON_REACH))
        return 0;
    for (size_t k = g.cue_e; k < ob - 1; k++)
        if (is_comma_like(v, k) || qt_tok_in(v, k, QT_W_CUE_VERBS | QT_W_CUE_PARTICIPLES))
            return 0;
    *f = g;
    return 1;
}

/* He said WMC would pursue "value-creating options" provided by a portfolio of "world class
 * assets": a partial quotation with no cue between it and the partial quotation before,
 * whose cue stands before that one in the same sentence, is part of the same report (BBC
 * business/366, politics/247). toks as qt_attribute() has them; ob is this one's opening
 * token. */
static int same_report(const qt_view *v, const lede_quote *quotes, size_t qi, const uint32_t *toks,
                       size_t ob)
{
    const lede_quote *q = &quotes[qi], *p = qi > 0 ? &quotes[qi - 1] : NULL;
    if (!p || q->kind != LEDE_QUOTE_PARTIAL || p->kind != LEDE_QUOTE_PARTIAL ||
        q->continues != LEDE_NONE || p->continues != LEDE_NONE || !attributed(p) ||
        p->cue_start == LEDE_NONE || p->cue_end > p->mark_start)
        return 0;
    /* No sentence ends between the cue and the quotation before, in it, nor between that and
     * this one; and no comma stands between them, but one before a conjunction or a verb that
     * goes on with the clause: who says he is "standing by" his remarks, had accused ... of
     * being like a "concentration camp guard" (BBC politics/186); not students wrote "Trump
     * 2016" on the sidewalk, part of a national "chalking" movement. */
    char last = v->text[p->end - 1];
    if (last == '.' || last == '!' || last == '?')
        return 0;
    for (size_t k = toks[3 * qi - 2]; k < ob; k++)
        if (qt_tok_sentence_end(v, k) ||
            (qt_tok_punct(v, k, ',') && !qt_tok_is(v, k + 1, "but") &&
             !qt_tok_is(v, k + 1, "and") && !(k + 1 < ob && subject_verb(v, k + 1))))
            return 0;
    for (size_t k = toks[3 * qi - 3]; k > 0 && v->tok[k - 1].start >= p->cue_start; k--)
        if (qt_tok_sentence_end(v, k - 1))
            return 0;
    /* (And the sentence layer agrees: aged 16 to 18. These are defined as "adults".) */
    return qt_sent_upto(v, p->cue_start) == qt_sent_upto(v, q->mark_start);
}

/* The Tory leader said his front bench team had reached a "collective view" after holding a
 * "good discussion", but admitted it was "not an easy issue": a partial quotation whose cue
 * (token k) follows "and" or "but" and has no subject of its own is spoken by the speaker of
 * the quotation before, in the same sentence, whose cue stands before that one (BBC
 * politics/141). toks as qt_attribute() has them. */
static int coordinated_report(const qt_view *v, const lede_quote *quotes, size_t qi,
                              const uint32_t *toks, size_t k)
{
    const lede_quote *q = &quotes[qi], *p = qi > 0 ? &quotes[qi - 1] : NULL;
    if (!p || q->kind != LEDE_QUOTE_PARTIAL || !attributed(p) || p->cue_start == LEDE_NONE ||
        p->cue_end > p->mark_start || k < toks[3 * qi - 2] || !coordinated(v, k, toks[3 * qi - 2]))
        return 0;
    for (size_t j = toks[3 * qi - 2]; j < k; j++)
        if (qt_tok_sentence_end(v, j))
            return 0;
    return qt_sent_upto(v, p->cue_start) == qt_sent_upto(v, v->tok[k].start);
}

/* Whether the first segment of a quotation, quotes[head], which has no cue of its own, has
 * no speaker either, or only one taken over from a partial quotation just before it (the
 * speaker of a scare quote, "Critics called it "a sham"", begins no turn to continue). */
static int borrowed_or_none(const lede_quote *quotes, size_t head)
{
    const lede_quote *h = &quotes[head];
    if (!attributed(h))
        return 1;
    for (size_t k = head; k-- > 0 && head - k <= 3;)
        if (quotes[k].speaker_start == h->speaker_start && quotes[k].cue_start == h->cue_start)
            return quotes[k].kind == LEDE_QUOTE_PARTIAL;
    return 0;
}

/* "Unclosed quote here. <paragraph> "Proper quote," said Bob Jones.": the speaker named
 * right after a later segment that ends in a comma (so the cue is its own) names the whole
 * quotation when its first segment had none of its own (see borrowed_or_none): the
 * segments from head up to qi take that attribution, as later ones do a first segment's. */
static void name_the_quotation(lede_quote *quotes, size_t head, size_t qi)
{
    for (size_t k = head; k < qi; k++)
        copy_attribution(&quotes[k], &quotes[qi], 0.95f);
}

int qt_attribute(const qt_view *v, qt_names *nm, lede_quote *quotes, const uint32_t *toks, size_t n,
                 int speakers, lede_error *err)
{
    size_t pi = 0;
    /* The first segment of the quotation being read (its later segments follow it
     * directly: while a quotation is open no other opens at the top level), and whether its
     * attribution was only inferred (a turn, the sentence before) or is missing. */
    size_t head = LEDE_NONE;
    int head_weak = 0;
    before_memo bm = {.done = 0}; /* for quotation qi, cleared for each */
    for (size_t qi = 0; qi < n; qi++) {
        lede_quote *q = &quotes[qi];
        q->speaker = NULL;
        q->speaker_start = q->speaker_end = LEDE_NONE;
        q->cue_start = q->cue_end = LEDE_NONE;
        q->confidence = q->kind == LEDE_QUOTE_FULL ? 0.5f : 0.4f;
        size_t prev_pi = pi; /* quotation qi - 1's paragraph */
        pi = toks[3 * qi + 2];
        uint32_t lo_b = v->para[pi].start, hi_b = v->para[pi].end;
        if (qi > 0 && quotes[qi - 1].mark_end > lo_b)
            lo_b = quotes[qi - 1].mark_end;
        if (qi + 1 < n && quotes[qi + 1].mark_start < hi_b)
            hi_b = quotes[qi + 1].mark_start;
        size_t ob = toks[3 * qi], ce = toks[3 * qi + 1];
        found f;
        memset(&f, 0, sizeof f);
        int lead_in = 0; /* a partial quotation full by its cue (cue_after_comma()) */
        char last = v->text[q->end - 1];
        int sentence = last == '.' || last == '!' || last == '?';
        if (q->continues == LEDE_NONE && (q->kind == LEDE_QUOTE_PARTIAL || !sentence) &&
            qt_title_case(v, ob, q->start, q->end)) {
            q->kind = LEDE_QUOTE_PARTIAL; /* a title: on MSNBC's "Morning Joe" */
            continue;
        }
        /* The later segments of a quotation found full by its cue (cue_after_comma()). */
        if (q->continues != LEDE_NONE && q->kind == LEDE_QUOTE_PARTIAL &&
            quotes[q->continues].kind == LEDE_QUOTE_FULL)
            q->kind = LEDE_QUOTE_FULL;
        if (!speakers) {
            /* Quotations alone: no cue and no speaker (the option's help), but the same
             * kinds as with them. */
            if (cue_after_comma(v, q, ob, ce, hi_b, &f)) {
                q->kind = LEDE_QUOTE_FULL;
                q->confidence = 0.5f;
            }
            continue;
        }
        /* The clause windows are found only when read: a title has none, and a full
         * quotation whose words after it name the speaker needs none before it. */
        if (q->continues == LEDE_NONE) {
            head = qi;
            head_weak = 1;
        }
        bm.done = 0;
        if (q->continues != LEDE_NONE && q->continues < qi) {
            /* A later paragraph of a quotation: its own "she said" if it has one, else
             * the attribution of the paragraph before. */
            size_t pe = post_window_end(v, ce, hi_b);
            if (sentence && introduces_next(v, ce, pe, hi_b))
                pe = ce; /* it ended its sentence: nothing after it is its own */
            if (!read_after(v, ce, pe, &f) || !f.has_who ||
                (sentence && reports_next(v, ce, pe, &f))) {
                copy_attribution(q, &quotes[q->continues], 0.95f);
                continue;
            }
        } else if (q->kind == LEDE_QUOTE_FULL && sentence && colon_cue(v, nm, ob, lo_b, &bm, &f)) {
            /* Mr Blair said: "...". He described ...: the colon cue is the attribution. */
        } else if (q->kind == LEDE_QUOTE_FULL) {
            size_t pe = post_window_end(v, ce, hi_b);
            if (sentence && introduces_next(v, ce, pe, hi_b))
                pe = ce; /* it ended its sentence: nothing after it is its own */
            int after = read_after(v, ce, pe, &f);
            /* For the Lib Dems David Laws said: "...," he said: he is the one named before
             * the colon (BBC politics/361). */
            found g;
            if (!sentence && after && f.has_who && f.who.kind == QT_MENTION_PRONOUN &&
                colon_cue(v, nm, ob, lo_b, &bm, &g) && g.who.kind == QT_MENTION_NAME)
                f = g;
            if (after && sentence && qi > 0 && reports_next(v, ce, pe, &f) &&
                inherit_turn(v, nm, quotes, toks, qi, pi, ob))
                continue; /* the turn goes on (reports_next()) */
            if (after && sentence && new_statement(v, ce, pe, &f)) {
                memset(&f, 0, sizeof f);
                after = 0;
            }
            if (!after || !f.has_who) {
                if (read_before_once(v, nm, ob, lo_b, &bm, &g) && (g.has_who || !f.has_cue))
                    f = g;
            }
        } else if (cue_after_comma(v, q, ob, ce, hi_b, &f)) {
            q->kind = LEDE_QUOTE_FULL;
            lead_in = 1;
        } else if (!read_before(v, nm, pre_window_start(v, ob, lo_b), ob, 1, &f) || !f.has_who) {
            found g;
            memset(&g, 0, sizeof g);
            if (cue_after_comma_outside(v, ce, hi_b, &g))
                f = g;
            else if (!f.has_cue && same_report(v, quotes, qi, toks, ob)) {
                copy_attribution(q, &quotes[qi - 1], 0.9f);
                continue;
            } else if (f.has_cue && !f.has_who &&
                       coordinated_report(v, quotes, qi, toks, f.cue_b)) {
                copy_speaker(q, &quotes[qi - 1]); /* its own cue is set below */
            }
        }
        if (f.has_cue) {
            q->cue_start = v->tok[f.cue_b].start;
            q->cue_end = v->tok[f.cue_e - 1].end;
            q->confidence = 0.6f;
        }
        if (f.has_who) {
            mention_bytes(v, &f.who, &q->speaker_start, &q->speaker_end);
            q->speaker = NULL;
            qt_mention d;
            if (f.who.kind == QT_MENTION_PRONOUN && f.who.tb >= ce && f.who.tb - ce <= 1 &&
                qt_description_before(v, ob, ce, f.who.tb, &d))
                q->speaker = qt_names_resolve_description(nm, v, &d);
            if (!q->speaker && f.who.kind == QT_MENTION_PRONOUN &&
                described_before(v, nm, f.who.tb, f.who.tb < ob ? f.who.tb : ob, &d))
                q->speaker = qt_names_resolve(nm, v, &d);
            /* Mr Sullivan "made accounting decisions," he told the court: he is not
             * someone the writer's words before the quotation name (else they would be
             * his own), but someone named before its sentence; unless those words hold a
             * cue of their own (Arnold described her victory as "...," she said). */
            found g;
            memset(&g, 0, sizeof g);
            if (!q->speaker && lead_in && f.who.kind == QT_MENTION_PRONOUN &&
                !read_before(v, nm, pre_window_start(v, ob, lo_b), ob, 0, &g))
                q->speaker = qt_names_resolve_pronoun_from(
                    nm, v, &f.who, qt_tok_lower_bound(v, sentence_start(v, q->mark_start)));
            else if (!q->speaker) {
                q->speaker = qt_names_resolve(nm, v, same_pronoun_before(v, q, pi, ce, &f.who, &d));
                /* (The he of the quotation before is looked for only when it is someone
                 * else's: the lookup of the names between costs.) */
                const char *before = qi > 0 ? quotes[qi - 1].speaker : NULL;
                if (before && (!q->speaker || strcmp(before, q->speaker) != 0) &&
                    (same_pronoun_token(v, &quotes[qi - 1], &f.who) ||
                     (spoken_by_same_pronoun(v, &quotes[qi - 1], ce, &f.who) &&
                      (same_pronoun_as(v, nm, &quotes[qi - 1], &f.who) ||
                       reported_by_same_pronoun(v, q, pi, ob, &f.who)))))
                    q->speaker = before;
                else if (f.who.kind == QT_MENTION_PRONOUN) {
                    size_t at = f.who.tb < ob ? f.who.tb : ob;
                    q->speaker = subject_before(v, nm, f.who.tb, at, q->speaker);
                    if (qi > 0)
                        q->speaker = described_subject_before(v, nm, &quotes[qi - 1], f.who.tb, at,
                                                              q->speaker);
                }
            }
            if (q->speaker && f.who.kind == QT_MENTION_PRONOUN && strchr(q->speaker, ' '))
                q->speaker = past_the_named(v, nm, ob, ce, &f.who, q->speaker);
            if (!f.has_cue)
                q->confidence = 0.6f;
            else if (f.who.kind == QT_MENTION_NAME)
                q->confidence = 0.9f;
            else if (f.who.kind == QT_MENTION_PRONOUN)
                q->confidence = q->speaker ? 0.8f : 0.5f;
            else
                q->confidence = 0.75f;
        } else if (f.has_cue && f.cue_kind == QT_CUE_PARTICIPLE && qi > 0 && prev_pi == pi &&
                   attributed(&quotes[qi - 1])) {
            /* ..., adding: the speaker of the quotation just before goes on. */
            copy_speaker(q, &quotes[qi - 1]);
            q->confidence = quotes[qi - 1].confidence * 0.9f;
        }
        if (f.has_cue || f.has_who) {
            if (q->continues != LEDE_NONE && head != LEDE_NONE && head < qi && head_weak &&
                f.has_who && !sentence && borrowed_or_none(quotes, head))
                name_the_quotation(quotes, head, qi);
            head_weak = 0;
        }
        if (f.has_cue || f.has_who || q->kind != LEDE_QUOTE_FULL)
            continue;
        if (qi == 0 || !inherit_turn(v, nm, quotes, toks, qi, pi, ob))
            speaker_of_previous_sentence(v, nm, q, pi, ob);
    }
    (void)err;
    return 0;
}
