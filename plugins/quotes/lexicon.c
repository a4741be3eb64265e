/*
 * lexicon.c -- the words the quotes stage knows, and predicates over tokens.
 *
 * Attribution in news text rests on a small closed vocabulary: the cue verbs of
 * reported speech with their inflections (said, says, saying), a few cue phrases
 * (according to, went on, referred to), the titles and roles written before a name
 * (Foreign Minister, Gov., Dr), and the capitalised words that are not names (sentence-
 * initial function words, days and months). The lists live here so that the logic in
 * names.c and attribution.c reads as logic. Matching is ASCII case-insensitive on whole
 * tokens. The long lists are put in one hash table when the stage is created, each token
 * of a document is looked up there once and gets a bit per list it belongs to, so that
 * "is this token a title?" is a bit test; short lists are scanned.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "qt.h"

/* The tables are packed by hand; clang-format would put one word on a line. */
/* clang-format off */
/* Cue verbs whose subject stands on their left: "S said", or after them: "said S". */
static const char *const cue_verbs[] = {
    "said", "says", "say", "told", "tells", "tell", "added", "adds", "wrote", "writes",
    "declared", "declares", "stated", "noted", "warned", "warns", "continued", "continues",
    "insisted", "insists", "admitted", "admits", "explained", "explains", "claimed", "claims",
    "argued", "argues", "asked", "asks", "replied", "replies", "responded", "responds",
    "announced", "announces", "acknowledged", "acknowledges", "conceded", "concedes",
    "recalled", "recalls", "reported", "reports", "tweeted", "tweets", "posted", "suggested",
    "suggests", "observed", "remarked", "commented", "confirmed", "confirms", "emphasized",
    "emphasised", "emphasizes", "stressed", "stresses", "predicted", "predicts", "promised",
    "promises", "vowed", "vows", "joked", "jokes", "quipped", "shouted", "yelled", "cried",
    "whispered", "urged", "urges", "testified", "complained", "complains", "boasted",
    "countered", "agreed", "agrees", "denied", "denies", "charged", "alleged", "alleges",
    "contended", "contends", "asserted", "asserts", "cautioned", "cautions", "described",
    "describes", "called", "proclaimed", "mused", "wondered", "pleaded", "pled", "begged",
    "demanded", "demands", "retorted", "exclaimed", "sighed", "laughed", "screamed",
    "reiterated", "reiterates", "texted", "emailed", "concluded", "concludes", "interjected",
    "yells", "yelled", "shouts", "screams", "sings", "sang", "chanted", "chants", "reads",
    "read", "quipped", "recounted", "recounts", "smiles", "smiled", "laughs", "grins",
    "notes", "quoted", "answered", "answers", "repeated", "rejoined",
    /* Spanish: the same patterns hold ("Q", dijo S). */
    "dijo", "dice", "afirmó", "afirma", "declaró", "explicó", "señaló", "añadió", "agregó",
    "aseguró", "indicó", "sostuvo", "comentó", "preguntó", "respondió", NULL};

/* Participles of cue verbs: the speaker is the subject of the clause they hang on. */
static const char *const cue_participles[] = {
    "saying", "telling", "adding", "writing", "declaring", "stating", "noting", "warning",
    "continuing", "insisting", "admitting", "explaining", "claiming", "arguing", "asking",
    "replying", "responding", "announcing", "acknowledging", "conceding", "recalling",
    "tweeting", "suggesting", "observing", "remarking", "commenting", "confirming",
    "emphasizing", "emphasising", "stressing", "predicting", "promising", "vowing", "joking",
    "urging", "complaining", "boasting", "describing", "calling", "referring", "pointing",
    "reiterating", "concluding", "quipping", "chanting", "yelling", "shouting", "singing",
    "reading", "cautioning", "asserting", "contending", "recounting", "answering", "repeating",
    "demanding", "pleading", NULL};

/* Nouns that carry a speaker in a possessive: Bush’s characterization of Iran as "...". */
static const char *const cue_nouns[] = {
    "characterization", "characterisation", "description", "words", "remarks", "comments",
    "statement", "assessment", "phrase", "label", "description", NULL};

const char *const qt_titles[] = {
    "miss", "exchequer", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.",
    "gov", "gov.", "sen", "sen.", "rep", "rep.", "gen", "gen.", "col", "col.", "lt", "lt.",
    "capt", "capt.", "sgt", "sgt.", "rev", "rev.", "sir", "dame", "lord", "lady", "president",
    "vice", "prime", "minister", "secretary", "senator", "governor", "representative",
    "congressman", "congresswoman", "mayor", "chancellor", "ayatollah", "sheikh", "king",
    "queen", "prince", "princess", "pope", "judge", "justice", "chief", "director", "advisor",
    "adviser", "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman", "leader",
    "ambassador", "commissioner", "attorney", "general", "deputy",
    "state", "executive",
    "head", "commander", "admiral", "marshal", "professor", "doctor", "detective", "officer",
    "sheriff", "coach", "candidate", "nominee", "ceo", "cfo", "founder", "correspondent",
    "editor", "analyst", "economist", "speaker", "sergeant", "captain", "lieutenant", "colonel",
    "major", "inspector", "superintendent", "mullah", "imam", "rabbi", "bishop", "archbishop",
    "cardinal", "father", "sister", "brother", "emir", "sultan", "premier", "councilman",
    "councilwoman", "councillor", "councilor", "treasurer", "auditor", "comptroller", "manager",
    "minority", "majority", "whip",
    NULL};

const char *const qt_function_words[] = {
    "the", "a", "an", "in", "on", "at", "but", "and", "or", "so", "if", "when", "while", "as",
    "after", "before", "since", "during", "with", "without", "for", "from", "by", "to", "this",
    "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "his", "her",
    "their", "our", "my", "your", "there", "here", "then", "now", "today", "yesterday",
    "tomorrow", "last", "next", "however", "meanwhile", "still", "also", "although", "though",
    "because", "despite", "under", "over", "of", "not", "no", "yes", "what", "who", "why",
    "how", "where", "which", "all", "some", "many", "most", "more", "other", "such", "each",
    "every", "both", "according", "asked", "unlike", "like", "among", "amid", "until", "once",
    "even", "instead", "only", "just", "already", "about", "earlier", "later", "speaking",
    "addressing", "writing", "said", "says", "you", "us", "thus", "yet", "nor", "whether",
    "than", "into", "onto", "upon", "through", "against", "following", "ahead", "within",
    "neither", "either", "another", "any", "much", "several", "few", "one", "two", "three",
    "four", "five", "six", "seven", "eight", "nine", "ten", "mr", "mrs", "ms", NULL};

const char *const qt_male_titles[] = {
    "mr", "mr.", "sir", "lord", "king", "prince", "father", "brother", "rev", "rev.", NULL};
const char *const qt_female_titles[] = {
    "mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", "queen", "princess", "sister", NULL};

/* Common first names, to keep he and she from landing on the wrong person. */
const char *const qt_male_names[] = {
    "james", "john", "robert", "michael", "william", "david", "richard", "joseph", "thomas",
    "charles", "christopher", "daniel", "matthew", "anthony", "mark", "donald", "steven",
    "paul", "andrew", "joshua", "kenneth", "kevin", "brian", "george", "timothy", "ronald",
    "edward", "jason", "jeffrey", "ryan", "jacob", "gary", "nicholas", "eric", "jonathan",
    "stephen", "larry", "justin", "scott", "brandon", "benjamin", "samuel", "gregory", "frank",
    "alexander", "patrick", "raymond", "jack", "dennis", "jerry", "tyler", "aaron", "jose",
    "adam", "henry", "nathan", "douglas", "zachary", "peter", "kyle", "walter", "ethan",
    "jeremy", "harold", "keith", "christian", "roger", "noah", "gerald", "carl", "terry",
    "sean", "austin", "arthur", "lawrence", "jesse", "dylan", "bryan", "joe", "jordan", "billy",
    "bruce", "albert", "willie", "gabriel", "logan", "alan", "juan", "wayne", "roy", "ralph",
    "randy", "eugene", "vincent", "russell", "louis", "bobby", "philip", "johnny", "barack",
    "bernie", "bill", "mitt", "mike", "ted", "marco", "tim", "jeb", "chris", "newt", "rudy",
    "vladimir", "xi", "recep", "bashar", "ali", "mohammed", "muhammad", "ahmed", "hassan",
    "hossein", "yuri", "sergei", "dmitry", "andrey", "yevgeny", "jake", "rex", "steve", "tom",
    "jim", "bob", "dan", "ben", "sam", "tony", "nick", "ed", "al", "jimmy", "harry", "boris",
    "emmanuel", "francois", "narendra", "abe", NULL};
const char *const qt_female_names[] = {
    "mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan", "jessica",
    "sarah", "karen", "nancy", "lisa", "betty", "margaret", "sandra", "ashley", "kimberly",
    "emily", "donna", "michelle", "dorothy", "carol", "amanda", "melissa", "deborah",
    "stephanie", "rebecca", "sharon", "laura", "cynthia", "kathleen", "amy", "shirley",
    "angela", "helen", "anna", "brenda", "pamela", "nicole", "emma", "samantha", "katherine",
    "christine", "debra", "rachel", "catherine", "carolyn", "janet", "ruth", "maria", "heather",
    "diane", "virginia", "julie", "joyce", "victoria", "olivia", "kelly", "christina", "lauren",
    "joan", "evelyn", "judith", "megan", "cheryl", "andrea", "hannah", "martha", "jacqueline",
    "frances", "gloria", "ann", "teresa", "kathryn", "sara", "janice", "jean", "alice",
    "madison", "doris", "abigail", "julia", "judy", "grace", "denise", "amber", "marilyn",
    "beverly", "danielle", "theresa", "sophia", "marie", "diana", "brittany", "natalie",
    "isabella", "charlotte", "rose", "alexis", "kayla", "hillary", "melania", "ivanka",
    "chelsea", "michelle", "loretta", "condoleezza", "theresa", "kellyanne", "huma", "donna",
    "debbie", "elizabeth", "claire", "gwen", "jill", "melanie", "marcia", "kamala", "nikki",
    "sonya", "carla", "esther", "karen", "ariana", "adriana", "christina", "veronica",
    "krystal", "jacklyn", "ava", "malkia", "marine", NULL};

const char *const qt_calendar[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "june", "july", "august", "september", "october", "november",
    "december", "jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec.", NULL};

const char *const qt_org_heads[] = {
    "open", "slam", "championship", "championships", "tournament", "trophy", "series",
    "final", "masters", "prix", "marathon", "governance", "studies", "research", "affairs",
    "policy", "management", "development", "education", "health", "technology", "sciences",
    "science", "economics", "relations", "rights", "communications", "services", "systems",
    "solutions", "holdings", "partners", "capital", "securities", "markets", "ventures",
    "labs", "industries", "motors", "energy", "oil", "airways", "records", "pictures",
    "studios", "entertainment", "music", "films", "publishing", "exchange", "index", "fc",
    "united", "city", "rovers", "athletic", "wanderers", "commons", "lords", "cabinet",
    "secretariat", "authority", "council", "bureau", "unit", "division", "institution",
    "house", "council", "sea", "republic", "states", "union", "nations", "kingdom", "party",
    "department", "ministry", "office", "court", "army", "forces", "force", "committee",
    "agency", "bank", "street", "city", "county", "university", "college", "school", "post",
    "times", "news", "journal", "center", "centre", "institute", "foundation", "association",
    "organization", "organisation", "commission", "senate", "congress", "parliament",
    "assembly", "company", "corporation", "corp", "corp.", "inc", "inc.", "group", "ltd",
    "airport", "airlines", "service", "guard", "navy", "police", "government", "administration",
    "campaign", "church", "hospital", "square", "river", "ocean", "gulf", "island", "islands",
    "mountains", "korea", "arabia", "africa", "america", "europe", "asia", "coast", "valley",
    "park", "bridge", "tower", "hall", "fund", "reserve", "board", "network", "media",
    "television", "tv", "radio", "magazine", "club", "league", "cup", "games", "olympics",
    "war", "ii", "day", "week", "program", "programme", "project", "act", "bill", "law",
    "treaty", "accord", "agreement", "summit", "conference", "forum", "festival", "award",
    "prize", "post", "tribune", "herald", "gazette", "telegraph", "guardian", "reuters",
    "press", "cnn", "fox", "abc", "nbc", "cbs", "msnbc", "bbc", "npr", "twitter", "facebook",
    "instagram", "youtube", "google", "microsoft", "apple", "amazon", "pentagon", "kremlin",
    "capitol", "democrats", "republicans", "gop", "fbi", "cia", "nato", "eu", "un", "u.n.",
    "u.s.", "us", "uk", "u.k.", "iran", "russia", "ukraine", "china", "israel", "syria",
    "turkey", "iraq", "france", "germany", "britain", "england", "india", "japan", "mexico",
    "canada", "moscow", "tehran", "washington", "london", "paris", "beijing", "kiev", "kyiv",
    "york", "angeles", "francisco", "jersey", "carolina", "dakota", "virginia", "east", "west",
    "north", "south", "sudan", "lebanon", "libya", "azerbaijan", NULL};

const char *const qt_place_heads[] = {
    "sea", "river", "ocean", "gulf", "island", "islands", "mountains", "korea", "arabia",
    "africa", "america", "europe", "asia", "coast", "valley", "park", "bridge", "tower",
    "square", "street", "city", "county", "iran", "russia", "ukraine", "china", "israel",
    "syria", "turkey", "iraq", "france", "germany", "britain", "england", "india", "japan",
    "mexico", "canada", "moscow", "tehran", "washington", "london", "paris", "beijing", "kiev",
    "kyiv", "york", "angeles", "francisco", "jersey", "carolina", "dakota", "virginia", "east",
    "west", "north", "south", "sudan", "lebanon", "libya", "azerbaijan", "states", "kingdom",
    "open", "slam", "championship", "championships", "tournament", "trophy", "series", "final",
    "masters", "prix", "marathon", "cup", "games", "olympics", "war", "ii", "day", "week",
    "act", "bill", "law", "treaty", "accord", "agreement", "summit", "conference", "festival",
    "award", "prize", "hall", "airport", NULL};

const char *const qt_place_firsts[] = {
    "north", "south", "east", "west", "new", "united", "saudi", "black", "white", "red",
    "middle", "great", "upper", "lower", "central", "northern", "southern", "eastern",
    "western", "islamic", "european", "royal", "democratic", "republican", "los", "san", "las",
    "el", "hong", "sri", "costa", "puerto", "st.", "fort", "lake", "mount", "world", "federal",
    "supreme", "wall", "silicon", "international", "national", "american", "british", "russian",
    "iranian", "chinese", NULL};

const char *const qt_connectors[] = {
    "bin", "ibn", "al", "el", "de", "del", "della", "der", "van", "von", "da", "di", "du", "la",
    "le", "dos", "das", "mc", NULL};

const char *const qt_pronouns[] = {
    "he", "she", "they", "we", "i", "it", NULL};

const char *const qt_skip_words[] = {
    "has", "have", "had", "was", "were", "is", "are", "will", "would", "could", "should", "may",
    "might", "must", "also", "later", "then", "previously", "again", "once", "recently",
    "further", "earlier", "did", "does", "do", "not", "never", "reportedly", "just", "already",
    "often", "always", "even", "still", "been", "simply", "first", "finally", "once", "soon",
    "now", "separately", "privately", "publicly", "famously", NULL};

const char *const qt_determiners[] = {
    "the", "a", "an", "this", "that", "these", "those", NULL};
/* clang-format on */

/* ---- the lexicon: every word of the big lists in one hash table ----
 *
 * A token is looked up once per document (qt_lexicon_tag) and its lists become bits;
 * qt_tok_in then tests a bit instead of scanning a list of hundreds of words. The table
 * is built once per stage instance and only read afterwards, so instances may be shared
 * between threads. Lists not registered here (the short ones in attribution.c) are
 * scanned as before. */

static const struct {
    const char *const *list;
    uint32_t bit;
} registry[] = {
    {cue_verbs, 1u << 0},       {cue_participles, 1u << 1},   {cue_nouns, 1u << 2},
    {qt_titles, 1u << 3},       {qt_function_words, 1u << 4}, {qt_calendar, 1u << 5},
    {qt_org_heads, 1u << 6},    {qt_place_heads, 1u << 7},    {qt_place_firsts, 1u << 8},
    {qt_connectors, 1u << 9},   {qt_pronouns, 1u << 10},      {qt_skip_words, 1u << 11},
    {qt_determiners, 1u << 12}, {qt_male_titles, 1u << 13},   {qt_female_titles, 1u << 14},
    {qt_male_names, 1u << 15},  {qt_female_names, 1u << 16},
};

struct qt_lexicon {
    const char **word; /* slot -> word, NULL when empty */
    uint32_t *bits;    /* slot -> lists holding the word */
    size_t mask;
    size_t max_len;
};

static uint32_t list_bit(const char *const *list)
{
    for (size_t r = 0; r < sizeof registry / sizeof registry[0]; r++)
        if (registry[r].list == list)
            return registry[r].bit;
    return 0;
}

/* FNV-1a over the bytes with ASCII letters lower-cased. */
static uint32_t hash_lower(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 'A' && ch <= 'Z')
            ch = (unsigned char)(ch - 'A' + 'a');
        h = (h ^ ch) * 16777619u;
    }
    return h;
}

static int word_eq(const char *s, size_t n, const char *word);
static int slow_capitalized(const qt_view *v, size_t i);
static int slow_lowercase(const qt_view *v, size_t i);

int qt_lexicon_new(qt_lexicon **out, lede_error *err)
{
    size_t words = 0;
    for (size_t r = 0; r < sizeof registry / sizeof registry[0]; r++)
        for (size_t i = 0; registry[r].list[i]; i++)
            words++;
    qt_lexicon *lex = calloc(1, sizeof *lex);
    size_t size = 16;
    while (size < 4 * words)
        size *= 2;
    if (lex) {
        lex->word = calloc(size, sizeof *lex->word);
        lex->bits = calloc(size, sizeof *lex->bits);
        lex->mask = size - 1;
    }
    if (!lex || !lex->word || !lex->bits) {
        qt_lexicon_free(lex);
        return lede_error_set(err, LEDE_ENOMEM, "quotes: out of memory for the lexicon");
    }
    for (size_t r = 0; r < sizeof registry / sizeof registry[0]; r++) {
        for (size_t i = 0; registry[r].list[i]; i++) {
            const char *w = registry[r].list[i];
            size_t n = strlen(w), at = hash_lower(w, n) & lex->mask;
            while (lex->word[at] && strcmp(lex->word[at], w) != 0)
                at = (at + 1) & lex->mask;
            lex->word[at] = w;
            lex->bits[at] |= registry[r].bit;
            if (n > lex->max_len)
                lex->max_len = n;
        }
    }
    *out = lex;
    return 0;
}

void qt_lexicon_free(qt_lexicon *lex)
{
    if (!lex)
        return;
    free(lex->word);
    free(lex->bits);
    free(lex);
}

int qt_lexicon_tag(const qt_lexicon *lex, qt_view *v, lede_error *err)
{
    uint32_t *bits = lede_doc_alloc(v->doc, (v->n_tok + 1) * sizeof *bits);
    if (!bits)
        return lede_error_set(err, LEDE_ENOMEM, "quotes: out of memory for %zu tokens", v->n_tok);
    v->lexbits = NULL; /* the slow predicates below, while tagging */
    for (size_t i = 0; i < v->n_tok; i++) {
        const char *s = v->text + v->tok[i].start;
        size_t n = v->tok[i].end - v->tok[i].start;
        uint32_t b = 0;
        if (slow_capitalized(v, i))
            b |= QT_BIT_CAPITALIZED;
        else if (slow_lowercase(v, i))
            b |= QT_BIT_LOWERCASE;
        if (n > 0 && n <= lex->max_len) {
            size_t at = hash_lower(s, n) & lex->mask;
            for (; lex->word[at]; at = (at + 1) & lex->mask) {
                if (word_eq(s, n, lex->word[at])) {
                    b |= lex->bits[at];
                    break;
                }
            }
        }
        bits[i] = b;
    }
    v->lexbits = bits;
    return 0;
}

static int word_eq(const char *s, size_t n, const char *word)
{
    size_t k = 0;
    for (; k < n && word[k]; k++) {
        char ch = s[k];
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch - 'A' + 'a');
        if (ch != word[k])
            return 0;
    }
    return k == n && word[k] == '\0';
}

static int word_in(const char *s, size_t n, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (list[i][0] == (s[0] | 0x20) && word_eq(s, n, list[i]))
            return 1;
    return 0;
}

int qt_tok_is(const qt_view *v, size_t i, const char *word)
{
    if (i >= v->n_tok)
        return 0;
    return word_eq(v->text + v->tok[i].start, v->tok[i].end - v->tok[i].start, word);
}

int qt_tok_in(const qt_view *v, size_t i, const char *const *list)
{
    if (i >= v->n_tok || v->tok[i].end == v->tok[i].start)
        return 0;
    if (v->lexbits) {
        uint32_t bit = list_bit(list);
        if (bit)
            return (v->lexbits[i] & bit) != 0;
    }
    return word_in(v->text + v->tok[i].start, v->tok[i].end - v->tok[i].start, list);
}

int qt_tok_punct(const qt_view *v, size_t i, char c)
{
    return i < v->n_tok && v->tok[i].end - v->tok[i].start == 1 && v->text[v->tok[i].start] == c;
}

int qt_tok_sentence_end(const qt_view *v, size_t i)
{
    if (i >= v->n_tok || (v->stops && !v->stops[i]))
        return 0;
    const char *s = v->text + v->tok[i].start;
    size_t n = v->tok[i].end - v->tok[i].start;
    if (n == 3 && memcmp(s, "\xE2\x80\xA6", 3) == 0)
        return 1;
    for (size_t k = 0; k < n; k++)
        if (s[k] != '.' && s[k] != '!' && s[k] != '?')
            return 0;
    return n > 0;
}

static int32_t first_cp(const qt_view *v, size_t i)
{
    utf8proc_int32_t cp = -1;
    if (i >= v->n_tok || v->tok[i].end <= v->tok[i].start)
        return -1;
    utf8proc_iterate((const utf8proc_uint8_t *)v->text + v->tok[i].start,
                     (utf8proc_ssize_t)(v->tok[i].end - v->tok[i].start), &cp);
    return cp;
}

static int slow_capitalized(const qt_view *v, size_t i)
{
    int32_t cp = first_cp(v, i);
    if (cp < 0)
        return 0;
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

static int slow_lowercase(const qt_view *v, size_t i)
{
    int32_t cp = first_cp(v, i);
    return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

int qt_tok_capitalized(const qt_view *v, size_t i)
{
    if (i >= v->n_tok)
        return 0;
    return v->lexbits ? (v->lexbits[i] & QT_BIT_CAPITALIZED) != 0 : slow_capitalized(v, i);
}

int qt_tok_lowercase(const qt_view *v, size_t i)
{
    if (i >= v->n_tok)
        return 0;
    return v->lexbits ? (v->lexbits[i] & QT_BIT_LOWERCASE) != 0 : slow_lowercase(v, i);
}

int qt_tok_possessive(const qt_view *v, size_t i, size_t *stem_len)
{
    if (i >= v->n_tok)
        return 0;
    const char *s = v->text + v->tok[i].start;
    size_t n = v->tok[i].end - v->tok[i].start, stem = n;
    if (n >= 2 && (s[n - 1] == 's' || s[n - 1] == 'S') && s[n - 2] == '\'')
        stem = n - 2;
    else if (n >= 3 && s[n - 1] == '\'' && (s[n - 2] == 's' || s[n - 2] == 'S'))
        stem = n - 1; /* Atticus' */
    else if (n >= 5 && memcmp(s + n - 3, "\xE2\x80\x99", 3) == 0 && (s[n - 4] == 's'))
        stem = n - 3; /* Jones’ */
    else if (n >= 4 && (s[n - 1] == 's' || s[n - 1] == 'S') &&
             memcmp(s + n - 4, "\xE2\x80\x99", 3) == 0)
        stem = n - 4;
    else
        return 0;
    if (stem_len)
        *stem_len = stem;
    return 1;
}

qt_cue_kind qt_cue_at(const qt_view *v, size_t i, size_t *end)
{
    if (i >= v->n_tok)
        return QT_CUE_NONE;
    *end = i + 1;
    if (qt_tok_is(v, i, "according") && qt_tok_is(v, i + 1, "to")) {
        *end = i + 2;
        return QT_CUE_ACCORDING;
    }
    if ((qt_tok_is(v, i, "went") || qt_tok_is(v, i, "goes") || qt_tok_is(v, i, "go")) &&
        qt_tok_is(v, i + 1, "on")) {
        *end = i + 2;
        return QT_CUE_VERB;
    }
    if ((qt_tok_is(v, i, "referred") || qt_tok_is(v, i, "refers") || qt_tok_is(v, i, "pointed") ||
         qt_tok_is(v, i, "points")) &&
        (qt_tok_is(v, i + 1, "to") || qt_tok_is(v, i + 1, "out"))) {
        *end = i + 2;
        return QT_CUE_VERB;
    }
    if ((qt_tok_is(v, i, "put") || qt_tok_is(v, i, "puts")) && qt_tok_is(v, i + 1, "it")) {
        *end = i + 2; /* as Rosenthal put it, "..." */
        return QT_CUE_VERB;
    }
    if ((qt_tok_is(v, i, "referring") || qt_tok_is(v, i, "pointing")) &&
        (qt_tok_is(v, i + 1, "to") || qt_tok_is(v, i + 1, "out"))) {
        *end = i + 2;
        return QT_CUE_PARTICIPLE;
    }
    if (!qt_tok_lowercase(v, i) && !qt_tok_capitalized(v, i))
        return QT_CUE_NONE;
    if (qt_tok_in(v, i, cue_verbs))
        return QT_CUE_VERB;
    if (qt_tok_in(v, i, cue_participles))
        return QT_CUE_PARTICIPLE;
    if (qt_tok_in(v, i, cue_nouns))
        return QT_CUE_NOUN;
    return QT_CUE_NONE;
}

size_t qt_tok_lower_bound(const qt_view *v, uint32_t pos)
{
    size_t lo = 0, hi = v->n_tok;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v->tok[mid].start < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int qt_title_case(const qt_view *v, uint32_t start, uint32_t end)
{
    static const char *const small[] = {"a",  "an",  "the", "of",  "in", "on",   "and",
                                        "or", "for", "to",  "at",  "by", "with", "from",
                                        "as", "vs",  "nor", "but", NULL};
    size_t words = 0;
    for (size_t i = qt_tok_lower_bound(v, start); i < v->n_tok && v->tok[i].end <= end; i++) {
        if (qt_tok_capitalized(v, i)) {
            words++;
        } else if (qt_tok_lowercase(v, i)) {
            if (!qt_tok_in(v, i, small))
                return 0;
        } else if (qt_tok_punct(v, i, ',') || qt_tok_punct(v, i, ';')) {
            return 0; /* a clause break: a sentence, not a title */
        }
    }
    return words >= 2;
}
