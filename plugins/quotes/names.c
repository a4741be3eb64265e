/*
 * names.c -- name mentions: the runs of capitalised tokens that name someone, and what a
 * mention says of itself and of who it means.
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
 * Reading a mention (qt_read_run) and linking it to the earlier mentions of its surname
 * (qt_link_mention) are the two steps the index (nameindex.c) and the local lookups
 * (namelookup.c) share, so both hold the same mentions.
 */
#include <string.h>

#include "names.h"

#if defined(__SSE2__) && defined(__GNUC__) && !defined(QT_NO_SIMD)
#include <emmintrin.h>
#define QT_SSE2 1
#endif
#ifdef QT_AVX2
#include <immintrin.h>
#endif

static inline int is_name_word(const qt_view *v, size_t i)
{
    if (i >= v->n_tok || v->quoted[i])
        return 0;
    /* The cheap tests first: the calendar one is a lexicon lookup. A capitalised "i" is
     * the one byte I. */
    if (!qt_tok_capitalized(v, i) ||
        (v->tok[i].end - v->tok[i].start == 1 && v->text[v->tok[i].start] == 'I'))
        return 0;
    /* A word, a symbol or another token, by one bit test on its kind. */
    const unsigned named = 1u << LEDE_TOK_WORD | 1u << LEDE_TOK_OTHER | 1u << LEDE_TOK_SYMBOL;
    if (v->tok[i].kind >= 16 || !(named >> v->tok[i].kind & 1))
        return 0;
    return !qt_tok_in(v, i, QT_W_CALENDAR);
}

/* Run [tb, te) is a day's or a month's possessive alone (After Saturday's firebombing),
 * which names no one either. Tested per run, not per word: the stem is looked up only for
 * a one-word run that ends like a possessive. */
static int calendar_possessive(const qt_view *v, size_t tb, size_t te)
{
    if (te - tb != 1)
        return 0;
    /* The first two letters of a day or a month (Mo, Tu, We, Th, Fr, Sa, Su, Ja, Fe, Ma,
     * Ap, Ju, Au, Se, Oc, No, De) turn most names away before any lookup; June's is the
     * shortest: six bytes. */
    const char *s = v->text + v->tok[tb].start;
    size_t n = v->tok[tb].end - v->tok[tb].start;
    if (n < 6)
        return 0;
    char a = s[0], b = (char)(s[1] | 0x20);
    int may = (a == 'M' && (b == 'o' || b == 'a')) || (a == 'T' && (b == 'u' || b == 'h')) ||
              (a == 'W' && b == 'e') || (a == 'F' && (b == 'r' || b == 'e')) ||
              (a == 'S' && (b == 'a' || b == 'u' || b == 'e')) ||
              (a == 'J' && (b == 'a' || b == 'u')) || (a == 'A' && (b == 'p' || b == 'u')) ||
              (a == 'O' && b == 'c') || (a == 'N' && b == 'o') || (a == 'D' && b == 'e');
    return may && qt_tok_possessive(v, tb, NULL) && (qt_tok_stem_bits(v, tb) & QT_W_CALENDAR);
}

/* A lower-case word inside a name: bin, de, van. The connectors are short and begin with
 * one of a few letters: most words are turned away before a lexicon lookup. */
static inline int is_connector(const qt_view *v, size_t i)
{
    if (i >= v->n_tok || v->tok[i].end - v->tok[i].start > 5)
        return 0;
    /* Their first letters, a b d e i l m v in either case, as bits: a test with no branch
     * (whether a token's first letter is one of them is anyone's guess). */
    const uint32_t firsts = 1u /* a */ | 1u << ('b' - 'a') | 1u << ('d' - 'a') | 1u << ('e' - 'a') |
                            1u << ('i' - 'a') | 1u << ('l' - 'a') | 1u << ('m' - 'a') |
                            1u << ('v' - 'a');
    unsigned c = (unsigned char)v->text[v->tok[i].start];
    unsigned k = (c | 0x20u) - 'a'; /* below 26 for A-Z and a-z alone */
    int first = (k < 26) & (int)(firsts >> (k & 31) & 1);
    return first && qt_tok_in(v, i, QT_W_CONNECTORS);
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

static inline int n_name_words(const qt_view *v, size_t tb, size_t te)
{
    int n = 0;
    for (size_t i = tb; i < te; i++)
        if (qt_tok_capitalized(v, i))
            n++;
    /* Le Bon, Van Gaal, De Villiers: a surname's particle capitalised before it is no word
     * of its own (Simon Le Bon is named so first); a first name is (Al Gore). */
    if (n == 2 && v->tok[tb].end - v->tok[tb].start <= 5 && is_connector(v, tb) &&
        !qt_tok_in(v, tb, QT_W_MALE_NAMES | QT_W_FEMALE_NAMES))
        n = 1;
    return n;
}

int qt_n_name_words(const qt_view *v, size_t tb, size_t te)
{
    return n_name_words(v, tb, te);
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
    if (e - s < 2)
        return 1; /* one byte, or none: no blank line */
    int newlines = 0;
    for (uint32_t k = s; k < e; k++)
        newlines += v->text[k] == '\n';
    return newlines < 2;
}

/* Some capitalised word of tokens [tb, te) is no title or job. */
static int has_untitled_word(const qt_view *v, size_t tb, size_t te)
{
    for (size_t i = tb; i < te; i++)
        if (qt_tok_capitalized(v, i) && !qt_tok_in(v, i, QT_W_TITLES | QT_W_ROLES))
            return 1;
    return 0;
}

/* Token i is a hyphenated word with a part in lower case (Man-of-the-match). */
static int lower_compound(const qt_view *v, size_t i)
{
    const char *s = v->text + v->tok[i].start, *end = v->text + v->tok[i].end;
    for (const char *p = memchr(s, '-', (size_t)(end - s)); p && p + 1 < end;
         p = memchr(p + 1, '-', (size_t)(end - p - 1)))
        if (p[1] >= 'a' && p[1] <= 'z')
            return 1;
    return 0;
}

/* Token i is a generational suffix: Jr, Jr., Sr, Sr., II, III, IV (Joseph R. Biden Jr.). */
static inline int is_suffix(const qt_view *v, size_t i)
{
    /* Every run is trimmed: its last token's length turns most away. */
    size_t n = v->tok[i].end - v->tok[i].start;
    if (n - 2 > 1)
        return 0;
    const char *s = v->text + v->tok[i].start;
    if ((s[0] == 'J' || s[0] == 'S') && s[1] == 'r')
        return n == 2 || s[2] == '.';
    return (s[0] == 'I' && (s[1] == 'I' || s[1] == 'V') &&
            (n == 2 || (s[1] == 'I' && s[2] == 'I')));
}

static int is_the(const qt_view *v, size_t i);

/* Token i is a nationality's adjective, capitalised: American, British. */
static int nationality(const qt_view *v, size_t i)
{
    char first = v->text[v->tok[i].start];
    return first >= 'A' && first <= 'Z' && qt_tok_in(v, i, QT_W_NATIONALITIES);
}

/* Trims a run [tb, te) of a leading function word and of roles and titles. */
static void trim_run(const qt_view *v, size_t *tb_io, size_t *te_io)
{
    /* In locals: a size_t written through a pointer may be v->n_tok as far as the compiler
     * knows, which every token test reads. */
    size_t tb = *tb_io, te = *te_io;
    /* Joseph R. Biden Jr.: the surname is the word before the suffix, which Mr. Biden names
     * (qt_name_suffix_end() gives the suffix back to the name shown); trimmed first, as no
     * title (Martin Luther King III). */
    if (te - tb >= 2 && is_suffix(v, te - 1))
        te--;
    size_t first = tb;
    for (; tb < te; tb++)
        if (!qt_tok_in(v, tb, QT_W_FUNCTION))
            break;
    /* Not US Airways: a function word in two capitals opening an organisation's name is no
     * function word (BBC business/348). */
    if (tb > first && tb < te && v->tok[tb - 1].end - v->tok[tb - 1].start == 2 &&
        qt_tok_all_capitals(v, tb - 1) && qt_tok_in(v, te - 1, QT_W_ORG_HEADS))
        tb--;
    /* Had Elizabeth, Till Elizabeth: a common word capitalised by its sentence. */
    if (te - tb >= 2 &&
        !qt_tok_in(v, tb, QT_W_TITLES | QT_W_PLACE_FIRSTS | QT_W_MALE_NAMES | QT_W_FEMALE_NAMES) &&
        qt_tok_common(v, tb))
        tb++;
    /* Man-of-the-match Duff, Coffee-loving Curry: a compound with a lower-case part that
     * opens its sentence is a description (no first name is spelt so). */
    else if (te - tb >= 2 && lower_compound(v, tb) && sentence_initial(v, tb))
        tb++;
    /* Refugee Council Enver Solomon: an organisation's name before a person's (not North
     * East Says No, whose words after its head are a cue's and a function word's: BBC
     * politics/200). */
    for (size_t i = te; i-- > tb;) {
        if (qt_tok_in(v, i, QT_W_ORG_HEADS) && i + 2 < te && qt_n_name_words(v, i + 1, te) >= 2 &&
            !qt_tok_in(v, te - 1, QT_W_ORG_HEADS | QT_W_FUNCTION) &&
            !qt_tok_in(v, i + 1, QT_W_CUE_VERBS | QT_W_FUNCTION)) {
            tb = i + 1;
            break;
        }
    }
    for (size_t i = te; i-- > tb;) {
        /* (Not a nickname's word: Brian 'Head' Welch, nickname_at().) */
        if (qt_tok_in(v, i, QT_W_TITLES | QT_W_ROLES) && !v->quoted[i]) {
            /* Labour MP Oona King: a last word that is a title is a surname; the job
             * before it is looked for, and sheds what it leads if a word that is no
             * title follows it (not Prime Minister, Mr King). */
            if (i + 1 == te && i > tb)
                continue;
            size_t after = i + 1;
            if (after < te && qt_tok_punct(v, after, '.'))
                after++;
            if (after < te && qt_n_name_words(v, after, te) > 0 && has_untitled_word(v, after, te))
                tb = after;
            break;
        }
    }
    /* Fellow American Robby Ginepri, Russian Igor Andreev: a nationality before a person's
     * name of two words is no part of it (BBC sport/426); not the British Phonographic
     * Industry (after "the") or the British Medical Association (ends like a body). */
    if (te - tb >= 3 && !(tb > 0 && is_the(v, tb - 1)) && nationality(v, tb) &&
        qt_n_name_words(v, tb + 1, te) == 2 && qt_tok_capitalized(v, tb + 1) &&
        !qt_tok_in(v, te - 1, QT_W_ORG_HEADS))
        tb++;
    /* For the Lib Dems David Laws said: a common first name after a capitalised word that is
     * no first name, title or particle, with a surname after it, opens the person's name;
     * the words before it are a party's or a body's (BBC politics/361). */
    for (size_t i = tb + 1; i + 1 < te; i++) {
        if (qt_tok_capitalized(v, i) && qt_tok_capitalized(v, i - 1) &&
            qt_tok_capitalized(v, i + 1) && qt_tok_in(v, i, QT_W_MALE_NAMES | QT_W_FEMALE_NAMES) &&
            !qt_tok_in(v, i - 1,
                       QT_W_MALE_NAMES | QT_W_FEMALE_NAMES | QT_W_CONNECTORS | QT_W_TITLES |
                           QT_W_ROLES)) {
            tb = i;
            break;
        }
    }
    while (te > tb && (qt_tok_punct(v, te - 1, '.') && !is_initial_dot(v, te - 1)))
        te--;
    *tb_io = tb;
    *te_io = te;
}

uint32_t qt_name_suffix_end(const qt_view *v, size_t te, uint32_t e)
{
    return te < v->n_tok && v->tok[te - 1].end == e && is_suffix(v, te) && joins(v, te - 1) &&
                   !v->quoted[te]
               ? v->tok[te].end
               : e;
}

/* How many words a nickname between a first name and a surname holds at most. */
#define NICKNAME_WORDS 3

/* Token i opens a nickname quoted between the words of a name: Brian 'Head' Welch, Jimmy
 * "the Whirlwind" White (BBC entertainment/134, politics/190). A name word before its mark,
 * one space apart; up to NICKNAME_WORDS words inside, the last capitalised; the closing mark,
 * then one space and a capitalised word in the same sentence; the marks found it a quotation
 * (its tokens are quoted). The name runs on over it; the nickname is no one's speech, and
 * the name shown leaves it out (qt_name_text_nick()). 1 with the token after the closing mark
 * in *end. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int
nickname_at(const qt_view *v, size_t i, size_t *end)
{
    if (i == 0 || i + 3 >= v->n_tok || !v->quoted[i] || !(v->tok[i].flags & LEDE_TOKF_OPEN_QUOTE) ||
        v->tok[i - 1].end + 1 != v->tok[i].start || v->text[v->tok[i - 1].end] != ' ' ||
        !qt_tok_capitalized(v, i - 1) || qt_tok_possessive(v, i - 1, NULL) ||
        v->tok[i].end != v->tok[i + 1].start)
        return 0;
    size_t j = i + 1;
    if (qt_tok_is(v, j, "the"))
        j++;
    while (j < v->n_tok && j - i <= NICKNAME_WORDS && qt_tok_capitalized(v, j))
        j++;
    if (j == i + 1 || j + 1 >= v->n_tok || !qt_tok_capitalized(v, j - 1) ||
        !(v->tok[j].flags & (LEDE_TOKF_OPEN_QUOTE | LEDE_TOKF_CLOSE_QUOTE)) ||
        v->tok[j].end - v->tok[j].start > 3 || v->tok[j].end + 1 != v->tok[j + 1].start ||
        v->text[v->tok[j].end] != ' ' || (v->tok[j + 1].flags & LEDE_TOKF_SENT_START) ||
        !qt_tok_capitalized(v, j + 1) || qt_tok_in(v, j + 1, QT_W_FUNCTION))
        return 0;
    *end = j + 1;
    return 1;
}

int qt_nickname(const qt_view *v, size_t i)
{
    size_t end;
    return nickname_at(v, i, &end);
}

/* Token k is a quotation mark or a word of a nickname (nickname_at()), or the surname after
 * it: a run that holds the nickname goes on over it, so no reading starts there. */
static int in_nickname_slow(const qt_view *v, size_t k)
{
    for (size_t o = k; o > 0 && k - o <= NICKNAME_WORDS + 1; o--) {
        size_t e;
        if ((v->tok[o].flags & LEDE_TOKF_OPEN_QUOTE) && nickname_at(v, o, &e) && k <= e)
            return 1;
    }
    return 0;
}

/* ... asked only in a document with a nickname (v->nicknames), after a quoted token (a
 * nickname is a quotation the marks found: its tokens are quoted), and then near a
 * quotation mark: k or the token before it is one, or
 * one of the two before those opens a quotation. */
static inline int in_nickname(const qt_view *v, size_t k)
{
    if (!v->nicknames || k == 0 || k >= v->n_tok || !v->quoted[k - 1])
        return 0;
    const unsigned mark = LEDE_TOKF_OPEN_QUOTE | LEDE_TOKF_CLOSE_QUOTE;
    unsigned f = (v->tok[k - 1].flags | v->tok[k].flags) & mark;
    if (k >= 2)
        f |= v->tok[k - 2].flags & LEDE_TOKF_OPEN_QUOTE;
    if (k >= 3)
        f |= v->tok[k - 3].flags & LEDE_TOKF_OPEN_QUOTE;
    return f && in_nickname_slow(v, k);
}

/* qt_name_starting_at() for a token i < hi known to be a name word; *end receives where
 * the run ended before it was trimmed. */
static int name_from(const qt_view *v, size_t i, size_t hi, qt_mention *out, size_t *end)
{
    size_t j = i + 1;
    if (!qt_tok_possessive(v, i, NULL)) {
        while (j < hi) {
            if (!joins(v, j - 1))
                break;
            if (is_name_word(v, j)) {
                j++;
                if (qt_tok_possessive(v, j - 1, NULL))
                    break;
            } else if (is_initial_dot(v, j)) {
                j++;
            } else if (is_connector(v, j) && j + 1 < hi && is_name_word(v, j + 1)) {
                j++;
            } else {
                /* Brian 'Head' Welch: on past a nickname (nickname_at()). */
                size_t nick;
                if (!v->nicknames || !(v->tok[j].flags & LEDE_TOKF_OPEN_QUOTE) ||
                    !nickname_at(v, j, &nick) || nick >= hi || !is_name_word(v, nick))
                    break;
                j = nick;
            }
        }
    }
    size_t tb = i, te = j;
    *end = j;
    trim_run(v, &tb, &te);
    if (tb >= te)
        return 0;
    out->tb = tb;
    out->te = te;
    out->kind = QT_MENTION_NAME;
    return 1;
}

/* The attribution's readers take no day for a speaker (After Saturday's firebombing,
 * Trump inflamed tensions by saying); the mention readers (qt_find_run) need not ask: a
 * possessive of one word is no pronoun's candidate. */
int qt_name_starting_at(const qt_view *v, size_t i, size_t hi, qt_mention *out)
{
    size_t end;
    return i < hi && is_name_word(v, i) && name_from(v, i, hi, out, &end) &&
           !calendar_possessive(v, out->tb, out->te);
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
        else if (is_connector(v, k) && k > lo && is_name_word(v, k - 1))
            b = k;
        else
            break;
    }
    size_t tb = b, te = i + 1;
    trim_run(v, &tb, &te);
    if (tb >= te || calendar_possessive(v, tb, te))
        return 0;
    out->tb = tb;
    out->te = te;
    out->kind = QT_MENTION_NAME;
    return 1;
}

/* The bytes of a name mention, without a possessive ending. */
void qt_name_bytes(const qt_view *v, size_t tb, size_t te, uint32_t *s, uint32_t *e)
{
    size_t stem;
    *s = v->tok[tb].start;
    *e = v->tok[te - 1].end;
    if (qt_tok_possessive(v, te - 1, &stem))
        *e = v->tok[te - 1].start + (uint32_t)stem;
}

uint32_t qt_hash_bytes(const char *s, size_t n)
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
void qt_surname(const qt_view *v, const qt_mrec *m, const char **s, size_t *n)
{
    uint32_t b, e;
    qt_name_bytes(v, m->te - 1, m->te, &b, &e);
    *s = v->text + b;
    *n = e - b;
}

#ifdef QT_AVX2
/* The pairs among the 32 bytes at q as 0xFF bytes (AVX2; q[32] is read too). */
__attribute__((target("avx2"))) static inline __m256i pair_bytes32(const char *q, __m256i va,
                                                                   __m256i vb, __m256i vf)
{
    __m256i x0 = _mm256_loadu_si256((const __m256i *)(const void *)q);
    __m256i x1 = _mm256_loadu_si256((const __m256i *)(const void *)(q + 1));
    return _mm256_and_si256(_mm256_cmpeq_epi8(x0, va),
                            _mm256_cmpeq_epi8(_mm256_or_si256(x1, vf), vb));
}

/* The same as bits. */
__attribute__((target("avx2"))) static inline unsigned pair_bits32(const char *q, __m256i va,
                                                                   __m256i vb, __m256i vf)
{
    return (unsigned)_mm256_movemask_epi8(pair_bytes32(q, va, vb, vf));
}

/* qt_find_pair()'s search of [*p, stop) with AVX2 (stop < the text's end: the second byte
 * is read too), 64 bytes a step with one branch (pairs are rare), then 32: the first pair,
 * or NULL with *p at the first byte not searched. A span of 32 bytes or more is searched to
 * its stop, the last step by the 32 bytes that end there (those before the step dropped):
 * no byte loop over its tail. b is folded already, fold_bit as qt_find_pair() sets it. */
__attribute__((target("avx2"))) static const char *find_pair_avx2(const char **p, const char *stop,
                                                                  char a, char b, char fold_bit)
{
    const __m256i va = _mm256_set1_epi8(a), vb = _mm256_set1_epi8(b),
                  vf = _mm256_set1_epi8(fold_bit);
    const char *q = *p;
    if (stop - q < 32)
        return NULL;
    for (; stop - q >= 64; q += 64) {
        __m256i h0 = pair_bytes32(q, va, vb, vf), h1 = pair_bytes32(q + 32, va, vb, vf);
        __m256i any = _mm256_or_si256(h0, h1);
        if (!_mm256_testz_si256(any, any)) {
            uint64_t m = (uint32_t)_mm256_movemask_epi8(h0) |
                         (uint64_t)(uint32_t)_mm256_movemask_epi8(h1) << 32;
            return q + __builtin_ctzll(m);
        }
    }
    if (stop - q >= 32) {
        unsigned m = pair_bits32(q, va, vb, vf);
        if (m)
            return q + __builtin_ctz(m);
        q += 32;
    }
    if (q < stop) {
        /* The last 32 bytes of the span, which began at least 32 bytes before stop. */
        unsigned m = pair_bits32(stop - 32, va, vb, vf) >> (32 - (stop - q));
        if (m)
            return q + __builtin_ctz(m);
    }
    *p = stop;
    return NULL;
}
#endif

const char *qt_find_pair(const char *p, const char *stop, const char *end, char a, char b)
{
    if (end - p < 2)
        return NULL;
    if (stop > end - 1)
        stop = end - 1; /* the second byte must be in the text */
    if (b >= 'A' && b <= 'Z')
        b = (char)(b - 'A' + 'a');
    /* A lower-case letter also matches its capital: they differ in the bit 0x20 alone. */
    char fold_bit = b >= 'a' && b <= 'z' ? 0x20 : 0;
#ifdef QT_AVX2
    if (qt_cpu_avx2()) {
        const char *hit = find_pair_avx2(&p, stop, a, b, fold_bit);
        if (hit)
            return hit;
    }
#endif
#ifdef QT_SSE2
    const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), vf = _mm_set1_epi8(fold_bit);
    /* Pairs are rare: 32 bytes are tested with one branch. */
    for (; p + 32 <= stop; p += 32) {
        __m128i x0 = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i x1 = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
        __m128i y0 = _mm_loadu_si128((const __m128i *)(const void *)(p + 16));
        __m128i y1 = _mm_loadu_si128((const __m128i *)(const void *)(p + 17));
        __m128i hx =
            _mm_and_si128(_mm_cmpeq_epi8(x0, va), _mm_cmpeq_epi8(_mm_or_si128(x1, vf), vb));
        __m128i hy =
            _mm_and_si128(_mm_cmpeq_epi8(y0, va), _mm_cmpeq_epi8(_mm_or_si128(y1, vf), vb));
        if (_mm_movemask_epi8(_mm_or_si128(hx, hy))) {
            unsigned m = (unsigned)_mm_movemask_epi8(hx) | (unsigned)_mm_movemask_epi8(hy) << 16;
            return p + __builtin_ctz(m);
        }
    }
    for (; p + 16 <= stop; p += 16) {
        __m128i x0 = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i x1 = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
        __m128i hit =
            _mm_and_si128(_mm_cmpeq_epi8(x0, va), _mm_cmpeq_epi8(_mm_or_si128(x1, vf), vb));
        unsigned m = (unsigned)_mm_movemask_epi8(hit);
        if (m)
            return p + __builtin_ctz(m);
    }
#endif
    for (; p < stop; p++)
        if (p[0] == a && (char)(p[1] | fold_bit) == b)
            return p;
    return NULL;
}

int qt_same_title(const qt_view *v, size_t a, size_t b)
{
    if (a == SIZE_MAX || b == SIZE_MAX)
        return 0;
    const char *x = v->text + v->tok[a].start, *y = v->text + v->tok[b].start;
    size_t nx = v->tok[a].end - v->tok[a].start, ny = v->tok[b].end - v->tok[b].start;
    if (nx > 0 && x[nx - 1] == '.')
        nx--;
    if (ny > 0 && y[ny - 1] == '.')
        ny--;
    return qt_same_word(x, nx, y, ny);
}

/* The full-name mention a surname stands for at byte pos, or LEDE_NONE: walks the chain of
 * mentions m from its latest entry e (see the index). */
uint32_t qt_lookup_in(const qt_view *v, const qt_mrec *m, uint32_t e, uint32_t pos, uint8_t want,
                      size_t title)
{
    uint32_t best = LEDE_NONE;
    if (title != SIZE_MAX) {
        /* Mrs Bennet named before any Bennet's first name is a person of her own. */
        uint32_t t = e;
        for (int walk = 0; t != LEDE_NONE && walk < MAX_SURNAME_WALK; walk++) {
            if (m[t].n_words == 1 && qt_same_title(v, mrec_title(&m[t]), title))
                return t;
            /* Mr Kennedy ... Lib Dem leader Charles Kennedy ... Mr Kennedy: a man's full name
             * introduced by his job since the titled one is who Mr means now (BBC
             * politics/007). (Not for a woman's title: Mrs. Bennet is not the Elizabeth Bennet
             * named after her; nor a name without a job, as novels name relatives.) */
            if (want == GENDER_MALE && m[t].n_words > 1 && m[t].start < pos &&
                m[t].gender == GENDER_MALE && m[t].tb > 0 && qt_tok_lowercase(v, m[t].tb - 1) &&
                qt_tok_in(v, m[t].tb - 1, QT_W_ROLES | QT_W_TITLES))
                break;
            t = m[t].prev_same;
        }
    }
    uint32_t loose = LEDE_NONE;
    for (int walk = 0; e != LEDE_NONE && walk < MAX_SURNAME_WALK; walk++) {
        /* Mr Bennet is not Elizabeth Bennet: a title's gender must fit. A bare surname
         * (said Bingley) resolves to a full name only, not to Miss Bingley. A name whose
         * gender is known to fit comes before a later one whose gender is unknown: Mr
         * Blair after Tony Blair and Cherie Blair is Tony. */
        uint8_t g = m[e].gender;
        int titled_single = m[e].n_words == 1;
        if ((want == GENDER_UNKNOWN || g == GENDER_UNKNOWN || g == want) &&
            !(titled_single && title == SIZE_MAX)) {
            best = e;
            if (m[e].start < pos) {
                if (g == want || want == GENDER_UNKNOWN)
                    return e;
                if (loose == LEDE_NONE)
                    loose = e;
            }
        }
        e = m[e].prev_same;
    }
    return loose != LEDE_NONE ? loose : best;
}

/* qt_org_like() for a mention whose last token is (possessive) or is not a possessive. */
static int org_like(const qt_view *v, const qt_mrec *m, int possessive)
{
    if (qt_tok_in(v, m->tb, QT_W_PLACE_FIRSTS))
        return 1;
    if (qt_tok_in(v, m->te - 1, QT_W_ORG_HEADS)) {
        /* Chris Fox, co-chairman Liam Fox: two words ending in an organisation's (not a
         * place's) word are a person's name after a common first name or a lower-case job
         * (BBC politics/165, 007). */
        if (m->te - m->tb != 2 || qt_tok_in(v, m->te - 1, QT_W_PLACE_HEADS))
            return 1;
        if (qt_tok_in(v, m->tb, QT_W_MALE_NAMES | QT_W_FEMALE_NAMES))
            return 0;
        return !(m->tb > 0 && qt_tok_lowercase(v, m->tb - 1) &&
                 qt_tok_in(v, m->tb - 1, QT_W_ROLES));
    }
    /* London Lydia: a place before a name. Not a first name that is a place's or a law's
     * word too, opening a name of two (Bill Smith, Virginia Wade; Finance Bill ends with
     * it). */
    if (m->te - m->tb >= 2 && qt_tok_in(v, m->tb, QT_W_PLACE_HEADS))
        return m->te - m->tb > 2 || !qt_tok_in(v, m->tb, QT_W_MALE_NAMES | QT_W_FEMALE_NAMES);
    /* The Labour Party's chances: the possessive ending hides the organisation's word.
     * Not a place's, nor after a title: Kanye West's, Dr Fox's are people's. */
    if (!possessive)
        return 0;
    uint32_t last = qt_tok_stem_bits(v, m->te - 1);
    return (last & QT_W_ORG_HEADS) && !(last & QT_W_PLACE_HEADS) &&
           qt_title_before(v, m->tb) == SIZE_MAX;
}

int qt_org_like(const qt_view *v, const qt_mrec *m)
{
    return org_like(v, m, qt_tok_possessive(v, m->te - 1, NULL));
}

/* Token scans qt_tok_common() makes before it hashes the document's lower-case words
 * once: a document asks a few times, a hostile one (thousands of sentences opening with
 * a different capitalised pair) would make the scans quadratic. */
#define MAX_TWIN_SCANS 8

/* Slots lower_set() starts with at most: a long text spells far fewer distinct words than
 * it has tokens (some 100,000 in 20 MB of news, against 3 million lower-case tokens), so
 * its set starts here and doubles when half full instead of taking two slots a token. */
#define LOWER_SET_START ((size_t)1 << 17)

/* Puts h's token k in the first empty slot from its hash (k's word is not in set). */
static void lower_put(uint32_t *set, size_t mask, uint32_t h, uint32_t k)
{
    size_t at = h & mask;
    while (set[at] != LEDE_NONE)
        at = (at + 1) & mask;
    set[at] = k;
}

uint32_t *qt_lower_set(const qt_view *v, size_t *size)
{
    size_t n = 0, used = 0;
    for (size_t k = 0; k < v->n_tok; k++)
        n += v->tok[k].end > v->tok[k].start && v->text[v->tok[k].start] >= 'a' &&
             v->text[v->tok[k].start] <= 'z';
    *size = 16;
    while (*size < 2 * (n + 1) && *size < LOWER_SET_START)
        *size *= 2;
    uint32_t *set = qt_table_alloc(v, *size * sizeof *set);
    if (!set)
        return NULL;
    memset(set, 0xFF, *size * sizeof *set);
    for (size_t k = 0; k < v->n_tok; k++) {
        const lede_token *t = &v->tok[k];
        if (t->end <= t->start || v->text[t->start] < 'a' || v->text[t->start] > 'z')
            continue;
        uint32_t h = qt_hash_bytes(v->text + t->start, t->end - t->start);
        size_t at = h & (*size - 1);
        for (; set[at] != LEDE_NONE; at = (at + 1) & (*size - 1)) {
            const lede_token *e = &v->tok[set[at]];
            if (qt_same_word(v->text + e->start, e->end - e->start, v->text + t->start,
                             t->end - t->start))
                break;
        }
        if (set[at] == LEDE_NONE && 2 * (used + 1) > *size) {
            /* A new word in a half-full set: twice the slots, every word put again. */
            size_t grown = 2 * *size;
            uint32_t *g = qt_table_alloc(v, grown * sizeof *g);
            if (!g)
                return NULL;
            memset(g, 0xFF, grown * sizeof *g);
            for (size_t i = 0; i < *size; i++)
                if (set[i] != LEDE_NONE) {
                    const lede_token *e = &v->tok[set[i]];
                    lower_put(g, grown - 1, qt_hash_bytes(v->text + e->start, e->end - e->start),
                              set[i]);
                }
            set = g;
            *size = grown;
            lower_put(set, grown - 1, h, (uint32_t)k);
            used++;
            continue;
        }
        used += set[at] == LEDE_NONE;
        set[at] = (uint32_t)k;
    }
    return set;
}

int qt_lower_has(const qt_view *v, const uint32_t *set, size_t size, const char *w, size_t n)
{
    if (n == 0 || w[0] < 'A' || w[0] > 'Z')
        return 0;
    char first = (char)(w[0] - 'A' + 'a');
    size_t mask = size - 1, at = qt_hash_bytes(w, n) & mask;
    for (; set[at] != LEDE_NONE; at = (at + 1) & mask) {
        const lede_token *e = &v->tok[set[at]];
        if (e->end - e->start == n && v->text[e->start] == first &&
            qt_same_word(v->text + e->start + 1, n - 1, w + 1, n - 1))
            return 1;
    }
    return 0;
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
    if (memo->twin_scans >= MAX_TWIN_SCANS && !memo->lower_set) {
        memo->lower_set = qt_lower_set(v, &memo->lower_size);
        memo->work += v->n_tok;
    }
    if (memo->lower_set)
        return qt_lower_has(v, memo->lower_set, memo->lower_size, w, n);
    memo->twin_scans++;
    memo->work += v->len;
    /* The text is searched for the word's lower-case first letter (a few in a hundred
     * bytes), and a token is looked for only where the word is spelt. */
    const char *end = v->text + v->len;
    for (const char *p = v->text; (p = n > 1 ? qt_find_pair(p, end, end, first, w[1])
                                             : memchr(p, first, (size_t)(end - p))) != NULL;
         p++) {
        /* qt_find_pair() matched the second byte as qt_same_word() would. */
        size_t same = n > 1 ? 2 : 1;
        if ((size_t)(end - p) < n || !qt_same_word(p + same, n - same, w + same, n - same))
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
            if (qt_same_word(v->text + t->start, t->end - t->start, w, n))
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
static inline size_t title_before(const qt_view *v, size_t tb)
{
    size_t k = tb;
    if (k > 0 && qt_tok_punct(v, k - 1, '.'))
        k--;
    return k > 0 && qt_tok_in(v, k - 1, QT_W_TITLES) ? k - 1 : SIZE_MAX;
}

size_t qt_title_before(const qt_view *v, size_t tb)
{
    return title_before(v, tb);
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
uint8_t qt_title_gender(const qt_view *v, size_t tb)
{
    return gender_of_title(v, qt_title_before(v, tb));
}

/* Gender from the title just before the name (Mr, Mrs: m->title is title_before(m->tb))
 * or from its first word. */
static uint8_t gender_of(const qt_view *v, const qt_mrec *m)
{
    uint8_t g = gender_of_title(v, mrec_title(m));
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

/* Token i is "the" in any case, tested without a branch: runs are read again and again,
 * and a branch on the word before each would be mispredicted often. */
static int is_the(const qt_view *v, size_t i)
{
    const lede_token *t = &v->tok[i];
    if (t->start + 3 > v->len)
        return 0;
    const unsigned char *s = (const unsigned char *)v->text + t->start;
    unsigned w = (unsigned)s[0] << 16 | (unsigned)s[1] << 8 | s[2];
    return (t->end - t->start == 3) & ((w | 0x202020u) == 0x746865u);
}

/* Run token tb names the seat or the brief of a job, or ends the name of a body, no person:
 * Labour MP for Hornsey and Wood Green, minister for Europe (not a spokesman for Tony
 * Blair), the Commission for Racial Equality. */
static int names_a_seat(const qt_view *v, size_t tb)
{
    static const char *const jobs[] = {"mp",        "msp",    "mep",      "minister",
                                       "secretary", "member", "candidate"};
    if (tb < 2)
        return 0;
    /* Every run is read: most are turned away by the word before (and, for, of) here. */
    const lede_token *w = &v->tok[tb - 1];
    char c = (char)(v->text[w->start] | 0x20);
    if ((w->end - w->start != 3 || (c != 'a' && c != 'f')) && (w->end - w->start != 2 || c != 'o'))
        return 0;
    size_t k = tb;
    if (k >= 3 && qt_tok_is(v, k - 1, "and") && qt_tok_capitalized(v, k - 2))
        k -= 2; /* the second of two places */
    if (k < 2)
        return 0;
    int of = qt_tok_is(v, k - 1, "of"), for_ = !of && qt_tok_is(v, k - 1, "for");
    /* Commission for Racial Equality, Bank of England: the tail of a body's name. */
    if ((of || for_) && qt_tok_capitalized(v, k - 2) && !qt_tok_in(v, k - 2, QT_W_FUNCTION))
        return 1; /* (not: But for Allen Weiner) */
    if (!for_)
        return 0;
    for (size_t j = 0; j < sizeof jobs / sizeof jobs[0]; j++)
        if (qt_tok_is(v, k - 2, jobs[j]))
            return 1;
    return 0;
}

/* Byte pos lies in the headline a document opens with: a first paragraph of several, of
 * 120 bytes at most, that ends no sentence (Apple Mac mini gets warm welcome, End Bush
 * 'denial' Blair tells EU) or has no lower-case word of four letters or more (British
 * Bank Abruptly Drops Russian Network RT's Accounts.). Its capitalised
 * words are headline style: a run there names no person for later mentions to take. */
static int in_headline(const qt_view *v, uint32_t pos)
{
    if (v->n_para < 2 || pos >= v->para[0].end)
        return 0;
    uint32_t s = v->para[0].start, e = v->para[0].end;
    size_t sp;
    while (e > s && (sp = qt_space_before(v->text, s, e)) > 0)
        e -= (uint32_t)sp;
    if (e == s || e - s > 120)
        return 0;
    char c = v->text[e - 1];
    if (c != '.' && c != '!' && c != '?')
        return 1;
    /* British Bank Abruptly Drops Russian Network RT's Accounts.: title case. */
    for (size_t k = qt_tok_lower_bound(v, s); k < v->n_tok && v->tok[k].start < e; k++)
        if (qt_tok_lowercase(v, k) && v->tok[k].end - v->tok[k].start >= 4)
            return 0;
    return 1;
}

/* The bytes [s, e) of the headline are spelt again after it (Kanye West in a story about
 * him; not End Bush, Apple Mac). */
static int repeated_in_body(const qt_view *v, uint32_t s, uint32_t e)
{
    size_t n = e - s;
    const char *p = v->text + v->para[0].end, *end = v->text + v->len;
    while ((size_t)(end - p) >= n) {
        const char *hit = memchr(p, v->text[s], (size_t)(end - p) - n + 1);
        if (!hit)
            return 0;
        if (memcmp(hit, v->text + s, n) == 0)
            return 1;
        p = hit + 1;
    }
    return 0;
}

/* Mention c is a headline's run the body does not spell again. */
static int headline_only(const qt_view *v, const qt_mrec *c)
{
    if (!in_headline(v, c->start))
        return 0;
    uint32_t s, e;
    qt_name_bytes(v, c->tb, c->te, &s, &e);
    return !repeated_in_body(v, s, e);
}

/* The run at capitalised token i, as the index reads it: the mention it makes, with the
 * fields that depend on the run alone, and in *next the token where reading goes on.
 * 0 when no mention starts at i (reading goes on at i + 1). */
int qt_read_run(const qt_view *v, size_t i, qt_mrec *m, size_t *next)
{
    if (!qt_find_run(v, i, m, next))
        return 0;
    qt_fill_run(v, m);
    return 1;
}

int qt_find_run(const qt_view *v, size_t i, qt_mrec *m, size_t *next)
{
    qt_mention run;
    size_t end;
    if (!is_name_word(v, i) || !name_from(v, i, v->n_tok, &run, &end))
        return 0;
    size_t nx = run.te > i ? run.te : i + 1;
    /* Skip the rest of the untrimmed run so that its tail is not a mention again. A run
     * not trimmed at its end stopped where this would: the token after it is no name word
     * that joins it, or a possessive ends it. */
    if (nx < end)
        while (nx < v->n_tok && is_name_word(v, nx) && joins(v, nx - 1) &&
               !qt_tok_possessive(v, nx - 1, NULL))
            nx++;
    m->tb = (uint32_t)run.tb;
    m->te = (uint32_t)run.te;
    m->start = v->tok[run.tb].start;
    m->titled = run.tb > i;
    *next = nx;
    return 1;
}

void qt_fill_run(const qt_view *v, qt_mrec *m)
{
    uint32_t tb = m->tb, te = m->te;
    uint8_t titled = m->titled;
    memset(m, 0, sizeof *m);
    m->tb = tb;
    m->te = te;
    m->start = v->tok[tb].start;
    m->prev_same = LEDE_NONE;
    m->resolved = LEDE_NONE;
    size_t title = title_before(v, tb);
    m->title = title == SIZE_MAX ? LEDE_NONE : (uint32_t)title;
    int n_words = n_name_words(v, tb, te);
    m->n_words = (uint8_t)(n_words > 255 ? 255 : n_words);
    m->titled = titled;
    int possessive = qt_tok_possessive(v, te - 1, NULL);
    m->org = (uint8_t)org_like(v, m, possessive);
    /* At the Nou Camp, the Volvo Women's Open: a name after "the" is a place's or a
     * thing's (a person's title would stand between: the Rev Al Sharpton), unless it is a
     * title itself (according to the Bishop, the Prime Minister). */
    m->after_the = (uint8_t)(tb > 0 && is_the(v, tb - 1) && !qt_tok_in(v, tb, QT_W_TITLES));
    m->subjectish = qt_tok_lowercase(v, te) && !is_connector(v, te) && !possessive;
}

/* The BBC World Service programme Go Digital, the newspaper El Pais: a run right after a
 * lower-case programme, paper or work (QT_W_WORKS) in its sentence is its name, no person's
 * (not a titled one: film director Mira Nair). */
static int names_a_work(const qt_view *v, const qt_mrec *c)
{
    size_t b = c->tb;
    return c->title == LEDE_NONE && b > 0 && qt_tok_lowercase(v, b - 1) && joins(v, b - 1) &&
           qt_tok_in(v, b - 1, QT_W_WORKS);
}

/* The run opens with a word in -ing (Praising Celtic and Rangers, Flying Without Wings,
 * Finding Neverland, the Evening Standard): a participle or a gerund opening a clause or a
 * title, no first name (BBC politics/219, entertainment/103); not a short one (Bing, Ming)
 * nor a known first name. */
static int opens_with_ing(const qt_view *v, const qt_mrec *c)
{
    const char *s = v->text + v->tok[c->tb].start;
    size_t n = v->tok[c->tb].end - v->tok[c->tb].start;
    return c->title == LEDE_NONE && n >= 6 && memcmp(s + n - 3, "ing", 3) == 0 &&
           !qt_tok_in(v, c->tb, QT_W_MALE_NAMES | QT_W_FEMALE_NAMES);
}

/* Token k is a lower-case job right before a capitalised name: the run before k is the
 * job's modifier (Former Olympic champion Michael Johnson, Lib Dem chairman Matthew
 * Taylor), no person. */
static int modifies_a_job(const qt_view *v, size_t k)
{
    /* Not Philippe Sella believes coach Bernard Laporte: the job comes first. */
    return k + 1 < v->n_tok && qt_tok_lowercase(v, k) && qt_tok_capitalized(v, k + 1) &&
           (qt_tok_in(v, k, QT_W_ROLES | QT_W_TITLES) || qt_tok_is(v, k, "champion"));
}

/* Token k is MPs, MSPs or MEPs: Labour MPs, Tory MEPs are a party's members, no person
 * (BBC politics/068: Mr Lammy told BBC News Labour MPs would not get a free vote). */
static int members(const qt_view *v, size_t k)
{
    size_t n = v->tok[k].end - v->tok[k].start;
    const char *s = v->text + v->tok[k].start;
    return (n == 3 || n == 4) && s[n - 1] == 's' &&
           (qt_tok_is(v, k, "mps") || qt_tok_is(v, k, "msps") || qt_tok_is(v, k, "meps"));
}

/* Links mention m[k] to the mentions of its surname before it, whose latest full-name
 * mention is *head: whether it is a person, which full name a surname stands for, its
 * gender; a full name (or Mrs Bennet before any first name) becomes the new *head. */
void qt_link_mention(const qt_view *v, qt_mrec *m, uint32_t k, uint32_t *head)
{
    qt_mrec *c = &m[k];
    /* Labour MP, Home Secretary: a job with a word before it names nobody (John Major,
     * Paul King, Andrew Tyrie MP do: their jobs are surnames or follow a full name), nor
     * a job's modifier (modifies_a_job()); nor does a seat or a body's name (MP for
     * Hornsey and Wood Green, names_a_seat()). */
    int job = (c->n_words == 2 && qt_tok_in(v, c->te - 1, QT_W_ROLES) &&
               !qt_tok_in(v, c->tb, QT_W_MALE_NAMES | QT_W_FEMALE_NAMES)) ||
              (c->n_words == 2 && members(v, c->te - 1)) ||
              (c->n_words >= 2 && modifies_a_job(v, c->te));
    if (!c->org && !c->after_the && c->n_words >= 2 && !job &&
        !(c->n_words == 2 && names_a_seat(v, c->tb)) && !names_a_work(v, c) &&
        !opens_with_ing(v, c)) {
        /* A headline's run (End Bush 'denial' Blair tells EU) may name the speaker of a
         * quotation in the headline, but no later mention takes its name. */
        c->person = 1;
        c->headline = (uint8_t)headline_only(v, c);
        if (!c->headline) {
            c->prev_same = *head;
            *head = k;
        }
    } else if (c->n_words == 1 && !c->after_the) {
        /* Not Dallaglio toured South Africa with the Lions: a word after "the" is a team's
         * or a thing's, whatever full name before ends in it (British and Irish Lions; BBC
         * sport/389). */
        size_t title = mrec_title(c);
        uint32_t full = qt_lookup_in(v, m, *head, c->start, gender_of_title(v, title), title);
        if (full != LEDE_NONE && m[full].start < c->start) {
            c->resolved = full;
            c->person = 1;
        } else if (c->titled && !c->org && !c->after_the && !calendar_possessive(v, c->tb, c->te)) {
            /* Mrs Bennet before any Bennet's full name: her own entry (not After
             * Saturday's, which lost only a function word). */
            c->person = 1;
            if (title != SIZE_MAX) {
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

/* He or she (or "the 23-year-old") may stand for mention c: a person, or a one-word
 * subject (Burton explained). */
int qt_pronoun_candidate(const qt_mrec *c)
{
    return !c->headline &&
           (c->person || (c->n_words == 1 && c->subjectish && !c->org && !c->after_the));
}

/* Token k is a noun a name can modify as a group or a kin: the Williams sisters, the
 * Blair government. */
static int modifies_a_relation(const qt_view *v, size_t k)
{
    static const char *const nouns[] = {"sister",  "sisters", "brother",    "brothers",
                                        "family",  "camp",    "government", "administration",
                                        "cabinet", "era",     NULL};
    for (size_t i = 0; nouns[i]; i++)
        if (qt_tok_is(v, k, nouns[i]))
            return 1;
    return 0;
}

static int named_as_firm(const qt_view *v, const qt_mrec *c);

/* Candidate c shows it is a person: it is one, or it is a known first name, or a cue
 * verb follows it, past adverbs (Burton explained, Burton has said). Any capitalised word
 * before a verb is a subject (Consumer borrowing rose, Pensions spokeswoman confirmed,
 * Britain's Jewish community): he and she pass it by. The cue is looked for only here,
 * for the few candidates a pronoun's walk meets. */
int qt_person_evident(const qt_view *v, const qt_mrec *c)
{
    /* Trevor Phillips praised Lord Scarman's "ability to listen". He said: a possessive
     * after a verb is inside its object, no subject he goes on with. */
    if (qt_tok_possessive(v, c->te - 1, NULL)) {
        size_t b = c->title != LEDE_NONE ? c->title : c->tb;
        /* Tony Blair's big speech will be ... The prime minister used his speech ... he
         * declared: a possessive opening its sentence is the possessor of its subject, whom
         * the story is about; the word before it ends the sentence (or headline) before
         * (BBC politics/264). */
        if (v->tok[b].flags & LEDE_TOKF_SENT_START)
            b = 0;
        if (b > 0 && qt_tok_lowercase(v, b - 1) &&
            !qt_tok_in(v, b - 1, QT_W_ROLES | QT_W_TITLES | QT_W_CUE_VERBS | QT_W_FUNCTION))
            return 0;
        /* Michael Howard, asked about Mr Livingstone's remark by reporters, said ... "...,"
         * he said: a possessive after a preposition is inside its object (BBC
         * politics/186). */
        if (b > 0 && qt_tok_lowercase(v, b - 1) &&
            (qt_tok_in(v, b - 1, QT_W_PREPOSITIONS) || qt_tok_is(v, b - 1, "about")))
            return 0;
        /* Tony Blair's official spokesman declined ... He said: the possessor of a job is
         * not its holder (BBC politics/042). */
        for (size_t k = c->te; k < v->n_tok && k - c->te < 3 && qt_tok_lowercase(v, k); k++)
            if (qt_tok_in(v, k, QT_W_ROLES))
                return 0;
    }
    /* the younger Williams sister ... "...," she said: a name modifying a noun after "the"
     * names no one (BBC sport/436). */
    size_t b = c->title != LEDE_NONE ? c->title : c->tb;
    if (b > 0 && qt_tok_lowercase(v, b - 1) && !is_the(v, b - 1))
        b--;
    if (b > 0 && is_the(v, b - 1) && c->te < v->n_tok && qt_tok_lowercase(v, c->te) &&
        modifies_a_relation(v, c->te))
        return 0;
    return (c->person || qt_person_shown(v, c)) && !named_as_firm(v, c);
}

/* The lower-case word at token k stands before a name as its verb or its count: Keane
 * accused Vieira of starting the row, the sending off of Mikael Silvestre for head-butting
 * Freddie Ljungberg, the problems that caused Santini to quit, Davenport has won three Grand
 * Slams (BBC sport/137, sport/207, sport/460). The name is the verb's object (a verb in -ed
 * or -ing that is no cue, job or function word: not said Kerr, according to, striker Edu)
 * or what is counted, no subject a later he or she goes on with. */
static int object_of_verb(const qt_view *v, size_t k)
{
    /* (Token k is a lower-case word and no preposition: qt_in_object() asks.) Baroness
     * Boothroyd, who was the first woman to be Commons Speaker, said: a name after
     * "be" or "become" is what someone is, no one a pronoun stands for (BBC politics/117). */
    const char *s = v->text + v->tok[k].start;
    size_t n = v->tok[k].end - v->tok[k].start;
    if (s[0] == 'b' && (qt_tok_is(v, k, "be") || qt_tok_is(v, k, "become") ||
                        qt_tok_is(v, k, "became") || qt_tok_is(v, k, "becomes")))
        return 1;
    uint32_t bits = qt_tok_bits(v, k);
    /* told Mr Brown, blamed the chancellor: cue verbs that take their object, never their
     * subject, after them. */
    static const char *const transitive[] = {"told",    "blamed",      "attacked",
                                             "branded", "dubbed",      "labelled",
                                             "labeled", "highlighted", NULL};
    for (size_t i = 0; (bits & QT_W_CUE_VERBS) && n >= 4 && transitive[i]; i++)
        if (qt_tok_is(v, k, transitive[i]))
            return 1;
    /* accused Vieira, dismissed them: so do the verbs whose object a quotation words. */
    size_t end;
    if ((bits & QT_W_CUE_HEADS) && qt_cue_at(v, k, &end) == QT_CUE_REPORT)
        return 1;
    if (bits & (QT_W_CUE_VERBS | QT_W_CUE_PARTICIPLES | QT_W_FUNCTION | QT_W_ROLES | QT_W_TITLES |
                QT_W_CUE_HEADS | QT_W_SKIP)) {
        /* (The numbers are function words.) */
        static const char *const counts[] = {"two",   "three", "four", "five", "six",
                                             "seven", "eight", "nine", "ten",  NULL};
        for (size_t i = 0; (bits & QT_W_FUNCTION) && n >= 3 && n <= 5 && counts[i]; i++)
            if (qt_tok_is(v, k, counts[i]))
                return 1;
        return 0;
    }
    if (n > 4 && memcmp(s + n - 3, "ing", 3) == 0)
        return 1;
    /* accused, caused, blamed; not need, speed (-eed), nor red or bed (short). */
    return n > 4 && s[n - 2] == 'e' && s[n - 1] == 'd' && s[n - 3] != 'e';
}

/* What token i is to an aside: '(' or ')', 'd' for a dash between words (a spaced
 * hyphen, two hyphens, an en or em dash), '.' for a sentence's end, else 0. Sentence ends
 * and these marks are all three bytes or fewer. */
static char aside_mark(const qt_view *v, size_t i)
{
    uint32_t b = v->tok[i].start, n = v->tok[i].end - b;
    if (n > 3)
        return 0;
    if (qt_tok_sentence_end(v, i))
        return '.';
    const char *s = v->text + b;
    if (n == 1)
        return s[0] == '(' || s[0] == ')' ? s[0] : s[0] == '-' && b > 0 && s[-1] == ' ' ? 'd' : 0;
    return (n == 2 && s[0] == '-' && s[1] == '-') ||
                   (n == 3 &&
                    (memcmp(s, "\xE2\x80\x94", 3) == 0 || memcmp(s, "\xE2\x80\x93", 3) == 0))
               ? 'd'
               : 0;
}

/* How far an aside is looked for on either side of a name (tokens). */
#define ASIDE_REACH 30

/* Tokens [tb, te) stand in brackets or between two dashes of their sentence. */
static int in_aside(const qt_view *v, size_t tb, size_t te)
{
    for (size_t k = tb; k-- > 0 && tb - k <= ASIDE_REACH;) {
        char m = aside_mark(v, k);
        if (m == '.' || m == ')')
            return 0;
        if (m == '(')
            return 1;
        if (m == 'd') {
            for (size_t j = te; j < v->n_tok && j - te <= ASIDE_REACH; j++) {
                char e = aside_mark(v, j);
                if (e == 'd' || e == '.')
                    return e == 'd';
            }
            return 0;
        }
    }
    return 0;
}

/* How many tokens coordinated_in_object() reads left at most. */
#define COORDINATION_REACH 16

/* Token k, after a name, is its verb: a past tense in -ed or a cue or report verb. */
static int verb_after_name(const qt_view *v, size_t k)
{
    if (k >= v->n_tok || !qt_tok_lowercase(v, k))
        return 0;
    if (qt_tok_in(v, k, QT_W_CUE_VERBS))
        return 1;
    size_t end;
    if ((qt_tok_bits(v, k) & QT_W_CUE_HEADS) && qt_cue_at(v, k, &end) == QT_CUE_REPORT)
        return 1;
    if (qt_tok_in(v, k, QT_W_FUNCTION | QT_W_PREPOSITIONS | QT_W_ROLES | QT_W_TITLES | QT_W_SKIP))
        return 0;
    const char *s = v->text + v->tok[k].start;
    size_t n = v->tok[k].end - v->tok[k].start;
    return n > 4 && s[n - 2] == 'e' && s[n - 1] == 'd' && s[n - 3] != 'e';
}

/* The name at tokens [b, te) closes a coordination of capitalised words that a preposition
 * opens, past an organisation's own "for" or "of": lecturer at the Centre for Vision, Speech
 * and Signal Processing (BBC tech/143). Only "and" or "or" before b asks. */
static int coordinated_in_object(const qt_view *v, size_t b, size_t te)
{
    if (b < 3 || !(qt_tok_is(v, b - 1, "and") || qt_tok_is(v, b - 1, "or")) ||
        !qt_tok_capitalized(v, b - 2))
        return 0;
    /* helped City come back ... at Carrow Road and Keegan sympathised with Norwich boss
     * Nigel Worthington afterwards. "...," he said: a name after "and" that its verb follows
     * opens a clause of its own; it is its subject (BBC sport/176). Not after "with" or
     * "without": with Owen and Gerrard injured. */
    int verb = verb_after_name(v, te);
    for (size_t k = b - 1; k > 0 && b - k < COORDINATION_REACH; k--) {
        size_t w = k - 1;
        if (qt_tok_capitalized(v, w) || qt_tok_punct(v, w, ',') || qt_tok_is(v, w, "and") ||
            is_the(v, w))
            continue;
        if (!qt_tok_lowercase(v, w) || !qt_tok_in(v, w, QT_W_PREPOSITIONS))
            return 0;
        /* Centre for Vision: the preposition inside an organisation's name reads on. */
        if (w > 0 && qt_tok_capitalized(v, w - 1) && qt_tok_in(v, w - 1, QT_W_ORG_HEADS) &&
            (qt_tok_is(v, w, "for") || qt_tok_is(v, w, "of")))
            continue;
        if (!verb || qt_tok_is(v, w, "with") || qt_tok_is(v, w, "without"))
            return 1;
        /* The star of Rain Man and Tootsie said: the clause before the preposition must
         * have its own verb, or the preposition is in its subject (BBC
         * entertainment/315). */
        for (size_t j = w; j-- > 0;) {
            if (verb_after_name(v, j))
                return 0;
            if (v->tok[j].flags & LEDE_TOKF_SENT_START)
                break;
        }
        return 1;
    }
    return 0;
}

/* qt_in_object() but for an aside. */
static int in_object(const qt_view *v, const qt_mrec *c)
{
    /* Edu was highly critical ... particularly on Jose Antonio Reyes. "...," he said: a name
     * after a preposition (past a possessive before it: with Britain's Darren Campbell) is
     * inside an object or an adverbial: he goes on with it only when no other candidate in
     * reach fits. By and to name the agent
     * or the addressee (according to Mr Smith), for the topic (For Jupiter analyst Olivier
     * Beauvillain, ...), before and after a clause's subject (before Radcliffe sprinted
     * clear): they may be. */
    size_t b = c->title != LEDE_NONE ? c->title : c->tb;
    if (b == 0)
        return 0;
    if (coordinated_in_object(v, b, c->te))
        return 1;
    /* by fellow American Robby Ginepri: past the nationality the run was trimmed of, and
     * "fellow" before it. */
    int national = c->titled && b >= 2 && nationality(v, b - 1);
    if (national) {
        b--;
        if (b >= 2 && qt_tok_is(v, b - 1, "fellow"))
            b--;
    } else if (c->tb >= 2 && qt_tok_lowercase(v, c->tb - 1) &&
               qt_tok_in(v, c->tb - 1, QT_W_ROLES | QT_W_TITLES)) {
        /* accused shadow chancellor Oliver Letwin of, told shadow chancellor Oliver Letwin:
         * past the job before the name (and a word qualifying it) to the verb. */
        size_t k = c->tb - 1;
        for (int jobs = 0; k > 0 && jobs < 3 && qt_tok_lowercase(v, k) &&
                           qt_tok_in(v, k, QT_W_ROLES | QT_W_TITLES);
             jobs++)
            k--;
        if (k > 0 && qt_tok_lowercase(v, k) && !object_of_verb(v, k) &&
            !qt_tok_in(v, k,
                       QT_W_FUNCTION | QT_W_PREPOSITIONS | QT_W_CUE_VERBS | QT_W_CUE_PARTICIPLES |
                           QT_W_SKIP | QT_W_DETERMINERS))
            k--;
        if (qt_tok_lowercase(v, k) && !qt_tok_in(v, k, QT_W_PREPOSITIONS) && object_of_verb(v, k))
            return 1;
    }
    if (!qt_tok_lowercase(v, b - 1)) {
        if (b < 2 || !qt_tok_capitalized(v, b - 1) || !qt_tok_possessive(v, b - 1, NULL))
            return 0;
        /* He destroyed South Africa's Os du Randt: the possessor's name may be of more than
         * one word. */
        b--;
        for (int w = 0; w < 2 && b >= 2 && qt_tok_capitalized(v, b - 1); w++)
            b--;
        if (b < 2 || !qt_tok_lowercase(v, b - 1))
            return 0;
    }
    /* Henman, who now faces Russian Igor Andreev (BBC sport/421): a lower-case word before
     * the nationality that is no preposition, function word or job is the name's verb. */
    /* forced to go the distance against Ivan Ljubicic ... and against Ivo Minar (BBC
     * sport/428): "against" is a preposition here too, though no list's. */
    if (!qt_tok_in(v, b - 1, QT_W_PREPOSITIONS) && !qt_tok_is(v, b - 1, "against"))
        return object_of_verb(v, b - 1) ||
               (national && !qt_tok_in(v, b - 1,
                                       QT_W_FUNCTION | QT_W_ROLES | QT_W_TITLES | QT_W_SKIP |
                                           QT_W_CUE_VERBS | QT_W_CUE_PARTICIPLES));
    /* serving at 5-6 down in the first set to fellow American Andy Roddick: a name after
     * its nationality and a preposition is in an object, whatever the preposition (BBC
     * sport/475). */
    if (national)
        return 1;
    /* But the wildcard entry was dispatched by fellow American Robby Ginepri. Despite that
     * he was happy: the agent of a passive is not whom the story follows (BBC sport/426);
     * the possessor of the agent (aided by White's presence) may be. */
    if (qt_tok_is(v, b - 1, "by"))
        return b >= 2 && qt_tok_lowercase(v, b - 2) && !qt_tok_possessive(v, c->te - 1, NULL) &&
               object_of_verb(v, b - 2);
    return !qt_tok_is(v, b - 1, "to") && !qt_tok_is(v, b - 1, "for") &&
           !qt_tok_is(v, b - 1, "before") && !qt_tok_is(v, b - 1, "after") &&
           !qt_tok_is(v, b - 1, "during");
}

int qt_in_object(const qt_view *v, const qt_mrec *c)
{
    /* But Mr Herron - who ... alongside the official North East Says No campaign - said
     * ...: a name in brackets or a dash aside is no more the clause's subject (BBC
     * politics/200). */
    return in_object(v, c) || in_aside(v, c->title != LEDE_NONE ? c->title : c->tb, c->te);
}

/* A cue verb stands at token k, past adverbs (has said, also said). */
static int cue_after(const qt_view *v, size_t k)
{
    size_t b = k;
    while (k < v->n_tok && k - b < 3 && qt_tok_lowercase(v, k) && qt_tok_in(v, k, QT_W_SKIP))
        k++;
    return qt_tok_lowercase(v, k) && qt_tok_in(v, k, QT_W_CUE_VERBS);
}

int qt_person_shown(const qt_view *v, const qt_mrec *c)
{
    if (c->gender != GENDER_UNKNOWN || c->resolved != LEDE_NONE)
        return 1;
    /* Matchwinner Keane was, Manchester United's Alex Ferguson has praised: a name of two
     * words that opens its clause before a verb. */
    if (c->person && c->n_words == 2 && c->subjectish &&
        (c->tb == 0 || !qt_tok_lowercase(v, c->tb - 1)))
        return 1;
    /* Brazilian midfielder Edu has hit out: a job before the name is a person's. */
    if (c->tb > 0 && qt_tok_lowercase(v, c->tb - 1) && qt_tok_in(v, c->tb - 1, QT_W_ROLES))
        return 1;
    return cue_after(v, c->te);
}

uint32_t qt_org_reach(const qt_view *v, uint32_t pos)
{
    size_t n = qt_para_upto(v, pos);
    return n >= 2 ? v->para[n - 2].start : 0;
}

/* Token k is one of the n lower-case words (of 4 to 12 letters), by its first letter and
 * length first: the nouns are asked of the word before every mention of a name. */
static int word_in(const qt_view *v, size_t k, const char *const *words, size_t n)
{
    if (k >= v->n_tok)
        return 0;
    size_t len = v->tok[k].end - v->tok[k].start;
    char first = v->text[v->tok[k].start];
    if (len < 4 || len > 12 || first < 'a' || first > 'z')
        return 0;
    for (size_t i = 0; i < n; i++)
        if (words[i][0] == first && qt_tok_is(v, k, words[i]))
            return qt_tok_lowercase(v, k);
    return 0;
}

int qt_org_noun(const qt_view *v, size_t k)
{
    static const char *const nouns[] = {
        "company",   "firm",     "group",      "organisation", "organization", "alliance",
        "charity",   "union",    "agency",     "association",  "federation",   "society",
        "council",   "airline",  "retailer",   "carmaker",     "insurer",      "lender",
        "regulator", "watchdog", "broadcaster"};
    return word_in(v, k, nouns, sizeof nouns / sizeof nouns[0]);
}

/* Byte b continues a word: a letter, a digit or a byte of a UTF-8 sequence. */
static inline int word_byte(char b)
{
    unsigned u = (unsigned char)b;
    return u >= 0x80 || (u | 0x20u) - 'a' <= 'z' - 'a' || u - '0' <= 9u;
}

/* How many bytes before a mention named_as_firm() searches for its name. */
#define FIRM_REACH 16384

/* Token k is a lower-case noun that introduces a company by its name: an organisation's
 * noun (water firm Aguas Argentinas, the carmaker ...) or a maker's (games giant Electronic
 * Arts). */
static int firm_noun(const qt_view *v, size_t k)
{
    /* Not producer, developer, publisher, maker: jobs of people as well (Final Wars
     * producer Shogo Tomiyama, the producer Quincy Jones). */
    static const char *const nouns[] = {"giant",  "manufacturer", "conglomerate",
                                        "brewer", "supermarket",  "chain"};
    return qt_org_noun(v, k) || word_in(v, k, nouns, sizeof nouns / sizeof nouns[0]);
}

/* Untitled mention c's name is spelt, at c or up to FIRM_REACH bytes before it, right
 * after a noun that introduces a company (water firm Aguas Argentinas ... Yet he added:
 * BBC business/501): an organisation's name for the rest of the text, which he and she do
 * not take and "the firm" may. */
static int named_as_firm(const qt_view *v, const qt_mrec *c)
{
    /* A title or a first name that gives the gender is a person's (Rory Armes). */
    if (c->title != LEDE_NONE || c->titled || c->gender != GENDER_UNKNOWN)
        return 0;
    uint32_t s, e;
    qt_name_bytes(v, c->tb, c->te, &s, &e);
    size_t n = e - s;
    if (n < 2)
        return 0;
    const char *text = v->text, *name = text + s;
    const char *p = text + (s > FIRM_REACH ? s - FIRM_REACH : 0), *stop = name + 1;
    size_t k = SIZE_MAX;
    for (const char *q; (q = qt_find_pair(p, stop, text + v->len, name[0], name[1])) != NULL;
         p = q + 1) {
        if (memcmp(q, name, n) != 0 || (q + n < text + v->len && word_byte(q[n])))
            continue;
        uint32_t at = (uint32_t)(q - text);
        k = k == SIZE_MAX ? qt_tok_lower_bound(v, at) : qt_tok_seek(v, k, at);
        if (k < v->n_tok && k > 0 && v->tok[k].start == at && firm_noun(v, k - 1))
            return 1;
    }
    return 0;
}

int qt_org_speaker(const qt_view *v, const qt_mrec *c)
{
    if (qt_tok_in(v, c->te - 1, QT_W_PLACE_HEADS))
        return 0;
    if (c->person)
        return named_as_firm(v, c);
    /* Unilever said European sales fell, Iranian President ...: a place's or a nation's
     * adjective alone is no organisation (BBC business/111, tech/035). */
    if (c->n_words == 1 && qt_tok_in(v, c->tb, QT_W_PLACE_FIRSTS | QT_W_NATIONALITIES))
        return 0;
    /* Commercials shown on TV: the medium alone is no organisation (BBC business/443). */
    if (c->n_words == 1 && qt_tok_is(v, c->tb, "tv"))
        return 0;
    return c->org || (c->n_words == 1 && c->subjectish && cue_after(v, c->te));
}

int qt_after_preposition(const qt_view *v, size_t k)
{
    return k > 0 && qt_tok_lowercase(v, k - 1) &&
           (qt_tok_in(v, k - 1, QT_W_PREPOSITIONS) || qt_tok_is(v, k - 1, "against") ||
            qt_tok_is(v, k - 1, "including"));
}

/* Organisation c is named as a subject, not after a preposition. */
static int org_subject(const qt_view *v, const qt_mrec *c)
{
    size_t b = c->tb;
    if (b > 0 && is_the(v, b - 1))
        b--;
    /* Trading on the London Stock Exchange, the legal fight with Microsoft, damages from
     * OptInRealBig (BBC business/393, tech/390). */
    return !qt_after_preposition(v, b);
}

/* One word that is no person's, place's or day's name, nor a common word opening its
 * sentence. */
static int org_word(const qt_view *v, const qt_mrec *c)
{
    return c->n_words == 1 && !c->person && !c->after_the && c->gender == GENDER_UNKNOWN &&
           c->title == LEDE_NONE &&
           !qt_tok_in(v, c->tb,
                      QT_W_PLACE_FIRSTS | QT_W_PLACE_HEADS | QT_W_NATIONALITIES | QT_W_CALENDAR) &&
           !qt_tok_common(v, c->tb);
}

int qt_org_named(const qt_view *v, const qt_mrec *c)
{
    int possessive = qt_tok_possessive(v, c->te - 1, NULL);
    if (!possessive && !org_subject(v, c))
        return 0;
    /* CENTR, the Council of European National Top Level Domain Registries: a name cut
     * before "of" and the words of its name (BBC tech/049). */
    if (c->te + 1 < v->n_tok && qt_tok_is(v, c->te, "of") && qt_tok_capitalized(v, c->te + 1))
        return 0;
    if (qt_org_speaker(v, c))
        return 1;
    /* Kraft's new advertising policy, AztraZeneca has now appointed, CENTR, the Council of
     * ...: one word as a possessor, or opening its sentence before an auxiliary or a name
     * in apposition (BBC business/443, 309, tech/340); not Xbox consoles, Sales of ice
     * cream, a fake Paypal.com has. */
    size_t e = c->te;
    return (possessive ||
            (sentence_initial(v, c->tb) && e + 2 < v->n_tok &&
             ((qt_tok_lowercase(v, e) && qt_tok_in(v, e, QT_W_SKIP)) ||
              (qt_tok_punct(v, e, ',') && is_the(v, e + 1) && qt_tok_capitalized(v, e + 2))))) &&
           org_word(v, c);
}

int qt_subject_person(const qt_view *v, const qt_mrec *c)
{
    /* He opted to bring Steve Finnan's cross down, Vaughan claimed that Aizlewood had: a
     * possessive or a word before the name (but a job or a cue: said Kerr) makes it no
     * subject. */
    if (qt_tok_possessive(v, c->te - 1, NULL))
        return 0;
    /* to beat Swede Daniel Persson: the word before the capitalised jobs the run lost
     * (not before its titles: Archbishop Desmond Tutu opening a paragraph). */
    size_t b = c->tb;
    while (c->titled && b > 0 && c->tb - b < 3 && qt_tok_capitalized(v, b - 1) &&
           qt_tok_in(v, b - 1, QT_W_ROLES) && !qt_tok_in(v, b - 1, QT_W_TITLES) && joins(v, b - 1))
        b--;
    /* Not the last word of a headline (Howard denies split, then Michael Howard has
     * denied: BBC politics/141): the word before a sentence's first is no part of it. */
    if (b > 0 && qt_tok_lowercase(v, b - 1) && !(v->tok[b].flags & LEDE_TOKF_SENT_START) &&
        !qt_tok_in(v, b - 1, QT_W_ROLES | QT_W_TITLES | QT_W_CUE_VERBS))
        return 0;
    return qt_person_shown(v, c);
}

int qt_alone_at(const qt_view *v, size_t h)
{
    /* A run's token before its last is a name word (capitalised), an initial's full stop
     * or a connector (Ludwig van Beethoven). */
    return h == 0 || (!qt_tok_capitalized(v, h - 1) && !qt_tok_punct(v, h - 1, '.') &&
                      !is_connector(v, h - 1) && !in_nickname(v, h));
}

/* Token k-1 is no part of any run: reading from k gives the index's mentions. A run
 * holds a connector only before a name word (qt_name_starting_at), so the connector's
 * lexicon lookup is needed only then. */
static inline int run_break_before(const qt_view *v, size_t k)
{
    return k == 0 || (!is_name_word(v, k - 1) && !is_initial_dot(v, k - 1) &&
                      !(is_connector(v, k - 1) && is_name_word(v, k)) && !in_nickname(v, k));
}

size_t qt_run_start_before(const qt_view *v, size_t k, size_t reach)
{
    size_t s = k;
    while (!run_break_before(v, s)) {
        if (k - s >= reach)
            return SIZE_MAX;
        s--;
    }
    return s;
}

/* Copies a name into the arena with each run of white space made one space (a name can
 * straddle a line break: Mr.\nHurst). */
/* The name out[0 .. n) with each no-break or other Unicode space (Mr.\u00a0Biden) made a
 * plain one, a run of them one, none at either end; in place. Returns the new length. */
static size_t fold_unicode_spaces(char *out, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        size_t sp = (unsigned char)out[i] >= 0xC2 ? qt_space_at(out, i, n) : out[i] == ' ';
        if (!sp)
            out[k++] = out[i];
        else if (k > 0 && out[k - 1] != ' ')
            out[k++] = ' ';
        i += sp > 0 ? sp - 1 : 0;
    }
    while (k > 0 && out[k - 1] == ' ')
        k--;
    out[k] = '\0';
    return k;
}

const char *qt_dup_name(lede_doc *doc, const char *s, size_t n)
{
    char *out = lede_doc_alloc(doc, n + 1);
    if (!out)
        return NULL;
    size_t k = 0;
    unsigned any = 0; /* the bytes ORed: a non-ASCII one among them shows at 0x80 */
    for (size_t i = 0; i < n; i++) {
        any |= (unsigned char)s[i];
        int space = s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r';
        if (!space)
            out[k++] = s[i];
        else if (k > 0 && out[k - 1] != ' ')
            out[k++] = ' ';
    }
    while (k > 0 && out[k - 1] == ' ')
        k--;
    out[k] = '\0';
    if (any & 0x80)
        fold_unicode_spaces(out, k);
    return out;
}

const char *qt_name_text_nick(const qt_view *v, size_t tb, size_t te, uint32_t s, uint32_t e)
{
    /* Brian 'Head' Welch: the run went on over the nickname (name_from()), whose opening
     * mark nickname_at() knows by its token, and the surname after it. */
    for (size_t i = tb + 1; i + 1 < te; i++) {
        size_t end;
        if (!(v->tok[i].flags & LEDE_TOKF_OPEN_QUOTE) || !nickname_at(v, i, &end) || end >= te)
            continue;
        uint32_t cut = v->tok[i - 1].end, on = v->tok[end].start;
        if (cut <= s || on >= e)
            break;
        /* The words before the nickname, a space, the words after it. */
        char *joined = lede_doc_alloc(v->doc, (cut - s) + 1 + (e - on));
        if (!joined)
            return NULL;
        memcpy(joined, v->text + s, cut - s);
        joined[cut - s] = ' ';
        memcpy(joined + (cut - s) + 1, v->text + on, e - on);
        return qt_dup_name(v->doc, joined, (cut - s) + 1 + (e - on));
    }
    return qt_dup_name(v->doc, v->text + s, e - s);
}

/* Token k is a lower-case word that joins the parts of an organisation's name: of, for,
 * and, &. */
static int org_joiner(const qt_view *v, size_t k)
{
    if (k >= v->n_tok)
        return 0;
    const char *w = v->text + v->tok[k].start;
    switch (v->tok[k].end - v->tok[k].start) {
    case 1:
        return w[0] == '&';
    case 2:
        return w[0] == 'o' && w[1] == 'f';
    case 3:
        return (w[0] == 'f' && w[1] == 'o' && w[2] == 'r') ||
               (w[0] == 'a' && w[1] == 'n' && w[2] == 'd');
    default:
        return 0;
    }
}

/* How many joined parts org_name_start() reads back at most. */
#define ORG_PARTS 4

/* The byte where the name of an organisation starts whose mention [tb, te) starts at byte
 * s: its mention is the last part of a
 * name joined by of, of the, for, and or & to capitalised words before it, the first of
 * which hold an organisation's word (The International Federation of the Red Cross and
 * Red Crescent Societies: BBC business/353; the Institute for Fiscal Studies), else s.
 * People's names are not joined so (Tony Blair and Gordon Brown: no organisation's
 * mention), nor places' (the Red Sea and Indian Ocean), nor two organisations (Citizens
 * Bank and Canal Bank). */
uint32_t qt_org_name_start(const qt_view *v, size_t tb, size_t te, uint32_t s)
{
    size_t last = te - 1, n = v->tok[last].end - v->tok[last].start;
    const char *w = v->text + v->tok[last].start;
    /* A mention ending in an organisation's word or a plural in -ies (Societies,
     * Industries); not a place's, nor a person's (Football Association and Mark Palios). */
    if (!(qt_tok_in(v, last, QT_W_ORG_HEADS) || (n > 4 && memcmp(w + n - 3, "ies", 3) == 0)) ||
        qt_tok_in(v, last, QT_W_PLACE_HEADS) ||
        qt_tok_in(v, tb, QT_W_MALE_NAMES | QT_W_FEMALE_NAMES) || title_before(v, tb) != SIZE_MAX)
        return s;
    size_t b = tb;
    for (int part = 0; part < ORG_PARTS && b >= 2 && joins(v, b - 1); part++) {
        size_t k = b - 1;
        if (is_the(v, k) && qt_tok_lowercase(v, k) && k > 0 && qt_tok_is(v, k - 1, "of") &&
            joins(v, k - 1))
            k--;
        if (!org_joiner(v, k) || k == 0 || !joins(v, k - 1) || !qt_tok_capitalized(v, k - 1))
            return s;
        /* Citizens Bank and Canal Bank: two organisations. */
        if (qt_tok_is(v, k, "and") && qt_tok_in(v, k - 1, QT_W_ORG_HEADS))
            return s;
        /* The capitalised words before the joining word (not The opening the name). */
        size_t r = k - 1, head = 0;
        for (;;) {
            if (qt_tok_in(v, r, QT_W_ORG_HEADS) && !qt_tok_in(v, r, QT_W_PLACE_HEADS))
                head = 1;
            if (r == 0 || !joins(v, r - 1) || !qt_tok_capitalized(v, r - 1) || is_the(v, r - 1) ||
                qt_tok_possessive(v, r - 1, NULL))
                break;
            r--;
        }
        if (head)
            return v->tok[r].start;
        b = r;
    }
    return s;
}

/* The full name mention m stands for (its resolved mention in arr, or itself), as text. */
const char *qt_mention_text(const qt_view *v, const qt_mrec *arr, const qt_mrec *m)
{
    const qt_mrec *full = m->resolved != LEDE_NONE && arr ? &arr[m->resolved] : m;
    uint32_t s, e;
    qt_name_bytes(v, full->tb, full->te, &s, &e);
    /* Mrs Bennet, President Kumaratunga; not the lower-case job of England sevens coach
     * Mike (Friday, a day, is no name word). */
    size_t title = qt_title_before(v, full->tb);
    if (full->n_words == 1 && title != SIZE_MAX && qt_tok_capitalized(v, title))
        s = v->tok[title].start;
    else if (full->n_words >= 2)
        s = qt_org_name_start(v, full->tb, full->te, s);
    e = qt_name_suffix_end(v, full->te, e);
    return qt_name_text(v, full->tb, full->te, s, e);
}
