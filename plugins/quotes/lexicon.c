/*
 * lexicon.c -- the words the quotes stage knows, and predicates over tokens.
 *
 * Attribution in news text rests on a small closed vocabulary: the cue verbs of
 * reported speech with their inflections (said, says, saying), a few cue phrases
 * (according to, went on, referred to), the titles and roles written before a name
 * (Foreign Minister, Gov., Dr), and the capitalised words that are not names (sentence-
 * initial function words, days and months). The lists live here so that the logic in
 * names.c and attribution.c reads as logic. Matching is ASCII case-insensitive on whole
 * tokens. All the lists are put in one hash table when the stage is created; a token is
 * looked up there the first time a pass asks about it (most never are: only those near a
 * quotation and the capitalised ones) and gets a bit per list it belongs to, so that "is
 * this token a title?" is a bit test. A small filter turns most tokens away before any
 * hashing, and the case of a token comes from its first byte unless that is not ASCII.
 * All of this is speed: the quotes stage must cost a fraction of the tokenizer's time.
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
    "suggests", "observed", "remarked", "remarks", "commented", "confirmed", "confirms", "emphasized",
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
    "notes", "quoted", "answered", "answers", "repeated", "rejoined", "advises", "blurted",
    /* verbs that characterise: S branded the campaign "two-bit Tories" (BBC politics/200);
     * not their present tense, a plural noun as often (Bigger attacks sending ...: tech/299) */
    "branded", "dubbed", "labelled", "labeled", "blamed", "attacked", "highlighted",
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
    "demanding", "pleading", "branding", "dubbing", "labelling", "labeling",
    "blaming", "attacking", "highlighting", NULL};

/* Nouns that carry a speaker in a possessive: Bush’s characterization of Iran as "...". */
static const char *const cue_nouns[] = {
    "characterization", "characterisation", "description", "words", "remarks", "comments",
    "statement", "assessment", "phrase", "label", "description", NULL};

static const char *const qt_titles[] = {
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
    "minority", "majority", "whip", "baroness", "baron",
    NULL};

static const char *const qt_function_words[] = {
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
    "four", "five", "six", "seven", "eight", "nine", "ten", "mr", "mrs", "ms", "between", NULL};

static const char *const qt_male_titles[] = {
    "mr", "mr.", "sir", "lord", "king", "prince", "father", "brother", "rev", "rev.", "baron",
    NULL};
static const char *const qt_female_titles[] = {
    "mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", "queen", "princess", "sister",
    "baroness", NULL};

/* Common first names, to keep he and she from landing on the wrong person. */
static const char *const qt_male_names[] = {
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
    "emmanuel", "francois", "narendra", "abe", "will", "antonin", "andy", "gordon", "ian",
    "martin", "simon", "rafael", "clive", "rick", "oliver", "arsene", "ken", "liam", "carlos",
    "eddie", "phil", "nigel", "rob", "graham", "adrian", "matt", "craig", "jeff", "bernard",
    "norman", "neil", "graeme", "geoff", "hugh", "malcolm", "robbie", "andre", "marc", "warren",
    "philippe", "gareth", "gerhard", "dave", "gavin", "manuel", "barry", "stuart", "gerard",
    "duncan", "marcel", "victor", "doug", "julian", "maurice", "claude", "glenn", "brendan",
    "derek", "hamish", "olivier", "trevor", "ivan", "dieter", "vince", "jacques", "tommy",
    "dominic", "joel", "mikhail", "nicolas", "thierry", "kurt", "colin", "pete", "johan", NULL};
static const char *const qt_female_names[] = {
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
    "krystal", "jacklyn", "ava", "malkia", "marine", "kate", "tessa", "serena", "nicola",
    "paula", "ellen", "cathy", "anne", "hazel", "jane", "katerina", "shelley", "daniela", "sue",
    "jo", "gillian", "sally", "louise", "fiona", "alison", "kylie", "beyonce", "britney",
    "madonna", NULL};

static const char *const qt_calendar[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "june", "july", "august", "september", "october", "november",
    "december", "jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec.", NULL};

static const char *const qt_org_heads[] = {
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
    "north", "south", "sudan", "lebanon", "libya", "azerbaijan",
    /* grounds and clubs (Real Madrid, Old Trafford, Nou Camp) */
    "madrid", "milan", "trafford", "camp", "stadium", "arena", "road", "lane", "rangers",
    "villa", "albion", "hotspur",
    /* bodies of members */
    "confederation", "federation", "alliance", "coalition", "initiative", "society", "trust",
    "charity", "movement",
    /* a sport's circuit (the WTA Tour: BBC sport/439) */
    "tour", NULL};

static const char *const qt_place_heads[] = {
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
    "award", "prize", "hall", "airport", "uk", "u.k.", "us", "u.s.", NULL};

static const char *const qt_place_firsts[] = {
    "north", "south", "east", "west", "new", "united", "saudi", "black", "white", "red",
    "middle", "great", "upper", "lower", "central", "northern", "southern", "eastern",
    "western", "islamic", "european", "royal", "democratic", "republican", "los", "san", "las",
    "el", "hong", "sri", "costa", "puerto", "st.", "fort", "lake", "mount", "world", "federal",
    "supreme", "wall", "silicon", "international", "national", "american", "british", "russian",
    "iranian", "chinese", NULL};

static const char *const qt_connectors[] = {
    "bin", "ibn", "al", "el", "de", "del", "della", "der", "van", "von", "da", "di", "du", "la",
    "le", "dos", "das", "mc", "den", NULL};

static const char *const qt_pronouns[] = {
    "he", "she", "they", "we", "i", "it", NULL};

static const char *const qt_skip_words[] = {
    "has", "have", "had", "was", "were", "is", "are", "will", "would", "could", "should", "may",
    "might", "must", "also", "later", "then", "previously", "again", "once", "recently",
    "further", "earlier", "did", "does", "do", "not", "never", "reportedly", "just", "already",
    "often", "always", "even", "still", "been", "simply", "first", "finally", "once", "soon",
    "now", "separately", "privately", "publicly", "famously", NULL};

static const char *const qt_determiners[] = {
    "the", "a", "an", "this", "that", "these", "those", NULL};

/* Words that end a noun phrase read rightwards: said Martin, who ... */
static const char *const np_stops[] = {
    "who", "which", "that", "in", "on", "at", "during", "when", "while", "after", "before",
    "with", "to", "for", "from", "as", "and", "but", "of", "about", "last", "this",
    "yesterday", "today", "tuesday", "monday", "wednesday", "thursday", "friday", "saturday",
    "sunday", NULL};

/* Words that open a noun phrase after a cue: said the spokesman, said one trader, says its
 * report. ("that" is left out: said that ... opens a clause, not a speaker.) */
static const char *const np_openers[] = {
    "the", "a", "an", "one", "another", "some", "several", "two", "three", "its", "his", "her",
    "their", "our", NULL};

static const char *const prepositions[] = {
    "through", "in", "on", "at", "of", "from", "with", "across", "around", "into", "near",
    "outside", "inside", "behind", "along", "over", "under", "for", "to", "by", "after",
    "before", "during", "between", NULL};

/* Words that open a subject phrase read leftwards: the spokesman, my father. */
static const char *const phrase_openers[] = {
    "the", "a", "an", "this", "that", "these", "those", "my", "his", "her", "their", "our",
    "its", "your", NULL};

/* Lower-case words inside a title (Coal Isn't the Villain). */
static const char *const title_small[] = {
    "a", "an", "the", "of", "in", "on", "and", "or", "for", "to", "at", "by", "with", "from",
    "as", "vs", "nor", "but", NULL};

/* Jobs written before a name (Singer Sam Endicott, Agent Brian Hassell, Tory MP Boris
 * Johnson, Brazilian midfielder Edu): a capitalised one opening a run is no first name, a
 * lower-case one before a name says the name is a person's. Unlike the titles, none is part
 * of how a person is addressed (Mrs Bennet), so none is kept in a speaker's name. Words
 * that are common surnames (Baker, Cook, Hunter) are left out. */
static const char *const roles[] = {
    "singer", "agent", "striker", "actor", "actress", "producer", "boss", "midfielder",
    "defender", "winger", "goalkeeper", "keeper", "skipper", "guitarist", "drummer",
    "bassist", "frontman", "vocalist", "songwriter", "rapper", "comedian", "presenter",
    "broadcaster", "author", "novelist", "playwright", "screenwriter", "composer", "designer",
    "chef", "film-maker", "filmmaker", "athlete", "sprinter", "player", "batsman", "bowler",
    "flanker", "fly-half", "scrum-half", "full-back", "lawyer", "solicitor", "barrister",
    "campaigner", "activist", "researcher", "scientist", "strategist", "banker", "investor",
    "spokesperson", "mp", "msp", "mep", "trainer", "jockey", "referee", "cyclist", "golfer",
    "boxer", "swimmer", "hurdler", "chairman", "chief", "director", "executive", "manager",
    "coach", "analyst", "economist", "spokesman", "spokeswoman", "president", "secretary",
    "minister", "chancellor", "leader", "editor", "founder", "head", "captain", "officer",
    "official", "owner", "reverend", "matchwinner", "veteran", "dj", "magistrate", "goalscorer",
    "teenager", "debutant",
    "wing", "prop", "forward",
    /* a team's or a body's member, an aide, an assistant; jobs shared or deputised
     * (Conservative co-chairman Liam Fox, British team member Hayley Yelling) */
    "member", "aide", "assistant", "co-chairman", "co-chairwoman", "co-chair", "co-founder",
    "co-leader", "vice-chairman", "vice-president",
    /* the press (MSNBC anchor, columnist; "host" is read apart: Sale host Bath) */
    "anchor", "commentator", "columnist", "pundit", "reporter", "journalist",
    "moderator", "blogger", "critic", "historian", "newscaster", NULL};

/* Nouns ending in -ly, which is_skip_word() would take for adverbs (the family said, the
 * influential US daily wrote). */
static const char *const ly_nouns[] = {
    "family", "daily", "weekly", "monthly", "quarterly", "assembly", "rally", "supply",
    "reply", "monopoly", "anomaly", "bully", "tally", "homily", "folly", "butterfly", NULL};

/* A programme, a paper or a work, whose name follows it (the BBC World Service programme Go
 * Digital, the newspaper El Pais, the album Abbey Road): a name that no person has. */
static const char *const works[] = {
    "programme", "program", "show", "series", "newspaper", "paper", "magazine", "daily",
    "weekly", "tabloid", "channel", "station", "website", "blog", "podcast", "documentary",
    "film", "movie", "album", "book", "novel", "column", "publication", "bulletin", "song",
    "single", "musical", "opera", "game", "brand", "band", NULL};

/* Adjectives of nationality, trimmed off a name they precede (fellow American Robby
 * Ginepri; names.c). */
static const char *const nationality_adjectives[] = {
    "american", "british",  "french",    "german",    "italian",   "spanish",    "russian",
    "chinese",  "japanese", "irish",     "scottish",  "welsh",     "english",    "australian",
    "canadian", "swedish",  "danish",    "norwegian", "finnish",   "dutch",      "belgian",
    "swiss",    "austrian", "brazilian", "argentine", "mexican",   "portuguese", "greek",
    "polish",   "czech",    "croatian",  "serbian",   "ukrainian", "israeli",    "iranian",
    "iraqi",    "indian",   "pakistani", "kenyan",    "nigerian",  "korean",     NULL};

/* Nouns that name a person by nationality, read like the jobs before a name (Americans Andy
 * Roddick, Spaniard Carlos Moya); no adjective, which also begins the names of
 * organisations (American Airlines, British Phonographic Industry). */
static const char *const nationals[] = {
    "americans", "britons", "englishmen", "englishman", "englishwoman", "scots", "scotsman",
    "scotswoman", "welshmen", "welshman", "welshwoman", "irishmen", "irishman", "irishwoman",
    "frenchmen", "frenchman", "frenchwoman", "spaniards", "spaniard", "dutchmen", "dutchman",
    "dutchwoman", "germans", "italians", "russians", "australians", "aussie", "aussies",
    "canadians", "brazilians", "argentines", "argentinians", "belgians", "swedes", "swede",
    "danes", "dane", "finns", "kiwis", "kiwi", "croats", "serbs", "czechs", "austrians", "greeks",
    "turks", "kenyans", "ethiopians", "moroccans", "nigerians", "mexicans", "indians",
    "pakistanis", "israelis", "palestinians", "iraqis", "iranians", "briton", "scot", NULL};

/* Cue heads (QT_W_CUE_HEADS in the lexicon and its cue filter), one row each, read by
 * qt_cue_at(): the first words of the cue phrases read word by word (according to, went
 * on, as Rosenthal put it), which are a cue only with a word of next[] after them; and, of
 * kind QT_CUE_REPORT, the verbs whose object a partial quotation words, which seldom
 * introduce a full one: S accused X of "...", S has pledged to "...", S dismissed them as
 * "...", S will highlight the anger of "...", S spoke of "...", S talked about a "...", S
 * will call for a "..." (BBC politics/253, politics/316, politics/247, politics/095,
 * politics/264); those with next[] read with its word only (spoke of, call for). */
typedef struct cue_head {
    const char *word;
    const char *next[2]; /* NULL-padded; none: a verb of one word */
    qt_cue_kind kind;
} cue_head;
static const cue_head cue_heads[] = {
    {"according", {"to"}, QT_CUE_ACCORDING},
    {"went", {"on"}, QT_CUE_VERB}, {"goes", {"on"}, QT_CUE_VERB}, {"go", {"on"}, QT_CUE_VERB},
    {"referred", {"to", "out"}, QT_CUE_VERB}, {"refers", {"to", "out"}, QT_CUE_VERB},
    {"pointed", {"to", "out"}, QT_CUE_VERB}, {"points", {"to", "out"}, QT_CUE_VERB},
    {"put", {"it"}, QT_CUE_VERB}, {"puts", {"it"}, QT_CUE_VERB},
    {"referring", {"to", "out"}, QT_CUE_PARTICIPLE},
    {"pointing", {"to", "out"}, QT_CUE_PARTICIPLE},
    {"accused", {NULL}, QT_CUE_REPORT}, {"accuses", {NULL}, QT_CUE_REPORT},
    {"accuse", {NULL}, QT_CUE_REPORT}, {"pledged", {NULL}, QT_CUE_REPORT},
    {"dismissed", {NULL}, QT_CUE_REPORT}, {"dismisses", {NULL}, QT_CUE_REPORT},
    {"highlight", {NULL}, QT_CUE_REPORT},
    {"spoke", {"of", "about"}, QT_CUE_REPORT}, {"speaks", {"of", "about"}, QT_CUE_REPORT},
    {"talked", {"of", "about"}, QT_CUE_REPORT},
    {"call", {"for"}, QT_CUE_REPORT}, {"calls", {"for"}, QT_CUE_REPORT}};
/* clang-format on */

/* ---- the lexicon: every word of the lists in one hash table ----
 *
 * A token is looked up at most once per document, the first time a pass asks about it
 * (qt_tok_lookup), and its lists become bits; qt_tok_in then tests a bit instead of
 * scanning a list of hundreds of words. Most tokens are never asked about: only those
 * near a quotation mark and the capitalised ones. The table is built once per stage
 * instance and only read afterwards, so instances may be shared between threads. */

static const struct {
    const char *const *list;
    uint32_t bit;
} registry[] = {
    {cue_verbs, QT_W_CUE_VERBS},
    {cue_participles, QT_W_CUE_PARTICIPLES},
    {cue_nouns, QT_W_CUE_NOUNS},
    {qt_titles, QT_W_TITLES},
    {qt_function_words, QT_W_FUNCTION},
    {qt_calendar, QT_W_CALENDAR},
    {qt_org_heads, QT_W_ORG_HEADS},
    {qt_place_heads, QT_W_PLACE_HEADS},
    {qt_place_firsts, QT_W_PLACE_FIRSTS},
    {qt_connectors, QT_W_CONNECTORS},
    {qt_pronouns, QT_W_PRONOUNS},
    {qt_skip_words, QT_W_SKIP},
    {qt_determiners, QT_W_DETERMINERS},
    {qt_male_titles, QT_W_MALE_TITLES},
    {qt_female_titles, QT_W_FEMALE_TITLES},
    {qt_male_names, QT_W_MALE_NAMES},
    {qt_female_names, QT_W_FEMALE_NAMES},
    {np_stops, QT_W_NP_STOPS},
    {np_openers, QT_W_NP_OPENERS},
    {prepositions, QT_W_PREPOSITIONS},
    {phrase_openers, QT_W_PHRASE_OPENERS},
    {title_small, QT_W_TITLE_SMALL},
    {roles, QT_W_ROLES},
    {nationals, QT_W_ROLES},
    {ly_nouns, QT_W_LY_NOUNS},
    {works, QT_W_WORKS},
    {nationality_adjectives, QT_W_NATIONALITIES},
};

#define QT_FILTER_SHIFT 14
#define QT_FILTER_BITS (1u << QT_FILTER_SHIFT)

static unsigned fold(char ch)
{
    return ch >= 'A' && ch <= 'Z' ? (unsigned)(ch - 'A' + 'a') : (unsigned char)ch;
}

/* The filter bit of the n > 0 bytes at s: equal for every spelling word_eq() finds equal.
 * Setting bit 0x20 folds A-Z without a branch; that it also merges other pairs of bytes
 * differing in that bit alone (@ and `, [ and {, some UTF-8 bytes) costs a lookup now and
 * then, never an answer. */
static unsigned filter_bit(const char *s, size_t n)
{
    /* The first, second (the first again for one byte: no branch) and last bytes and the
     * length in one word, folded at once and mixed by one multiplication, whose top bits
     * are the bit's number. */
    uint32_t x = (uint32_t)(unsigned char)s[0] | (uint32_t)(unsigned char)s[n > 1] << 8 |
                 (uint32_t)(unsigned char)s[n - 1] << 16 | (uint32_t)n << 24;
    return (unsigned)((x | 0x202020u) * UINT32_C(0x9E3779B1) >> (32 - QT_FILTER_SHIFT));
}

/* Words are at most this long: a word is its case-folded bytes in two 64-bit halves. */
#define QT_WORD_MAX 16

typedef struct lex_key {
    uint64_t lo, hi;
} lex_key;

/* A slot: the word's folded bytes, the lists holding it and its length << LEX_LEN_SHIFT (0
 * when the slot is empty). One probe reads one slot, with no pointer to follow. */
#define LEX_LEN_SHIFT 27
#define LEX_LISTS ((1u << LEX_LEN_SHIFT) - 1u)
_Static_assert(QT_WORD_MAX < (1u << (32 - LEX_LEN_SHIFT)),
               "a word's length fits the bits above the lists");
_Static_assert(QT_W_NATIONALITIES <= LEX_LISTS, "every list's bit lies below the length");
typedef struct lex_slot {
    lex_key key;
    uint32_t bits;
} lex_slot;

struct qt_lexicon {
    lex_slot *slot; /* open addressing, linear probing */
    size_t mask;
    size_t max_len;
    /* A bit per (first, second and last letter, length) of some word, case folded: most
     * tokens are turned away by this test without hashing. Small enough to stay in L1. */
    uint64_t filter[QT_FILTER_BITS / 64];
    /* The same for the words that begin a cue (said, adding, according, remarks) alone:
     * the windows around a quotation ask every token whether it is a cue, and most are
     * answered here without a lookup. */
    uint64_t cue_filter[QT_FILTER_BITS / 64];
    /* The longest word of QT_W_TITLE_SMALL: a title's longer lower-case words are no small
     * words, known without a lookup (the words inside quotations are asked about by
     * qt_title_case() alone). */
    size_t small_max;
};

#define CUE_LISTS (QT_W_CUE_HEADS | QT_W_CUE_VERBS | QT_W_CUE_PARTICIPLES | QT_W_CUE_NOUNS)

/* The key of the n <= QT_WORD_MAX bytes at s, A-Z folded (as qt_word_eq folds), and its
 * hash. Two spellings qt_word_eq() finds equal have the same key and length. */
static uint64_t make_key(const char *s, size_t n, lex_key *k)
{
    /* Assembled in registers: bytes stored one by one and read back as words would stall
     * the load on the stores. */
    uint64_t lo = 0, hi = 0;
    size_t i = 0;
    for (; i < n && i < 8; i++)
        lo |= (uint64_t)fold(s[i]) << (8 * i);
    for (; i < n; i++)
        hi |= (uint64_t)fold(s[i]) << (8 * (i - 8));
    k->lo = lo;
    k->hi = hi;
    uint64_t h = k->lo * 0x9E3779B97F4A7C15u ^ k->hi * 0xC2B2AE3D27D4EB4Fu ^ (uint64_t)n;
    return h ^ (h >> 29);
}

/* make_key() for a word with 16 bytes readable at s: the bytes read as two words at
 * once, those past n cleared, A-Z folded eight at a time (a byte below 0x80 whose low
 * seven bits are 'A'..'Z' gains 0x20). The same key and hash as make_key(). */
static uint64_t make_key16(const char *s, size_t n, lex_key *k)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* The bytes past n cleared by a mask per length: which length comes next is anyone's
     * guess, so no branch on it. */
    /* clang-format off */
    static const uint64_t keep[QT_WORD_MAX + 1][2] = {
        {0, 0}, {0xFF, 0}, {0xFFFF, 0}, {0xFFFFFF, 0}, {0xFFFFFFFF, 0}, {0xFFFFFFFFFF, 0},
        {0xFFFFFFFFFFFF, 0}, {0xFFFFFFFFFFFFFF, 0}, {UINT64_MAX, 0}, {UINT64_MAX, 0xFF},
        {UINT64_MAX, 0xFFFF}, {UINT64_MAX, 0xFFFFFF}, {UINT64_MAX, 0xFFFFFFFF},
        {UINT64_MAX, 0xFFFFFFFFFF}, {UINT64_MAX, 0xFFFFFFFFFFFF}, {UINT64_MAX, 0xFFFFFFFFFFFFFF},
        {UINT64_MAX, UINT64_MAX}};
    /* clang-format on */
    uint64_t w[2];
    memcpy(w, s, sizeof w);
    w[0] &= keep[n][0];
    w[1] &= keep[n][1];
    const uint64_t high = UINT64_C(0x8080808080808080), low7 = ~high;
    for (int h = 0; h < 2; h++) {
        uint64_t t = w[h] & low7;
        uint64_t upper =
            (t + UINT64_C(0x3F3F3F3F3F3F3F3F)) & ~(t + UINT64_C(0x2525252525252525)) & ~w[h] & high;
        w[h] |= upper >> 2;
    }
    k->lo = w[0];
    k->hi = w[1];
    uint64_t hash = k->lo * 0x9E3779B97F4A7C15u ^ k->hi * 0xC2B2AE3D27D4EB4Fu ^ (uint64_t)n;
    return hash ^ (hash >> 29);
#else
    return make_key(s, n, k);
#endif
}

/* The slot of a key: its entry, or the empty slot it would take. */
static size_t find_slot(const qt_lexicon *lex, uint64_t h, const lex_key *k, size_t n)
{
    size_t at = (size_t)h & lex->mask;
    for (; lex->slot[at].bits; at = (at + 1) & lex->mask) {
        const lex_slot *e = &lex->slot[at];
        if (e->key.lo == k->lo && e->key.hi == k->hi && e->bits >> LEX_LEN_SHIFT == n)
            break;
    }
    return at;
}

/* Enters word w in list bit. 0, or LEDE_EINVAL for a word the table cannot hold. */
static int add_word(qt_lexicon *lex, const char *w, uint32_t bit, lede_error *err)
{
    size_t n = strlen(w);
    if (n == 0 || n > QT_WORD_MAX)
        return lede_error_set(err, LEDE_EINVAL,
                              "quotes: lexicon word '%s' is empty or longer than %d", w,
                              QT_WORD_MAX);
    lex_key k;
    uint64_t h = make_key(w, n, &k);
    size_t at = find_slot(lex, h, &k, n);
    lex->slot[at].key = k;
    lex->slot[at].bits |= bit | (uint32_t)n << LEX_LEN_SHIFT;
    if (n > lex->max_len)
        lex->max_len = n;
    if (bit == QT_W_TITLE_SMALL && n > lex->small_max)
        lex->small_max = n;
    unsigned fb = filter_bit(w, n);
    lex->filter[fb / 64] |= (uint64_t)1 << (fb % 64);
    if (bit & CUE_LISTS)
        lex->cue_filter[fb / 64] |= (uint64_t)1 << (fb % 64);
    return 0;
}

#define N_CUE_HEADS (sizeof cue_heads / sizeof cue_heads[0])

int qt_lexicon_new(qt_lexicon **out, lede_error *err)
{
    size_t words = N_CUE_HEADS;
    for (size_t r = 0; r < sizeof registry / sizeof registry[0]; r++)
        for (size_t i = 0; registry[r].list[i]; i++)
            words++;
    qt_lexicon *lex = calloc(1, sizeof *lex);
    size_t size = 16;
    while (size < words) /* words counts repeats: 1130 distinct words, a load near 1/2 */
        size *= 2;
    if (lex) {
        lex->slot = calloc(size, sizeof *lex->slot);
        lex->mask = size - 1;
    }
    if (!lex || !lex->slot) {
        qt_lexicon_free(lex);
        return lede_error_set(err, LEDE_ENOMEM, "quotes: out of memory for the lexicon");
    }
    int rc = 0;
    for (size_t r = 0; r < sizeof registry / sizeof registry[0] && !rc; r++)
        for (size_t i = 0; registry[r].list[i] && !rc; i++)
            rc = add_word(lex, registry[r].list[i], registry[r].bit, err);
    for (size_t i = 0; i < N_CUE_HEADS && !rc; i++)
        rc = add_word(lex, cue_heads[i].word, QT_W_CUE_HEADS, err);
    if (rc) {
        qt_lexicon_free(lex);
        return rc;
    }
    *out = lex;
    return 0;
}

void qt_lexicon_free(qt_lexicon *lex)
{
    if (!lex)
        return;
    free(lex->slot);
    free(lex);
}

uint32_t qt_tok_case_slow(const qt_view *v, size_t i)
{
    utf8proc_int32_t cp = -1;
    utf8proc_iterate((const utf8proc_uint8_t *)v->text + v->tok[i].start,
                     (utf8proc_ssize_t)(v->tok[i].end - v->tok[i].start), &cp);
    if (cp < 0)
        return 0;
    utf8proc_category_t cat = utf8proc_category(cp);
    if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT)
        return QT_BIT_CAPITALIZED;
    return cat == UTF8PROC_CATEGORY_LL ? QT_BIT_LOWERCASE : 0;
}

/* Stores and returns the lexbits of token i, whose n bytes (1 <= n <= max_len) passed the
 * filter: its table entry's lists. */
static uint32_t lookup_passed(const qt_view *v, size_t i, size_t n)
{
    const qt_lexicon *lex = v->lex;
    const char *s = v->text + v->tok[i].start;
    lex_key k;
    uint64_t h = v->tok[i].start + 16 <= v->len ? make_key16(s, n, &k) : make_key(s, n, &k);
    uint32_t b = QT_BIT_KNOWN | (lex->slot[find_slot(lex, h, &k, n)].bits & LEX_LISTS);
    v->lexbits[i] = b;
    return b;
}

uint32_t qt_tok_lookup(const qt_view *v, size_t i)
{
    const qt_lexicon *lex = v->lex;
    if (v->tok[i].end > v->tok[i].start) {
        const char *s = v->text + v->tok[i].start;
        size_t n = v->tok[i].end - v->tok[i].start;
        unsigned bit = n <= lex->max_len ? filter_bit(s, n) : 0;
        if (n <= lex->max_len && (lex->filter[bit / 64] >> (bit % 64) & 1))
            return lookup_passed(v, i, n);
    }
    v->lexbits[i] = QT_BIT_KNOWN;
    return QT_BIT_KNOWN;
}

uint32_t qt_tok_stem_bits(const qt_view *v, size_t i)
{
    size_t n;
    if (!qt_tok_possessive(v, i, &n))
        return qt_tok_bits(v, i) & ~QT_BIT_KNOWN;
    const qt_lexicon *lex = v->lex;
    const char *s = v->text + v->tok[i].start;
    if (n == 0 || n > lex->max_len)
        return 0;
    unsigned bit = filter_bit(s, n);
    if (!(lex->filter[bit / 64] >> (bit % 64) & 1))
        return 0;
    lex_key k;
    uint64_t h = make_key(s, n, &k);
    return lex->slot[find_slot(lex, h, &k, n)].bits & LEX_LISTS;
}

/* Marks the . ! ? (or …) that ends each sentence of the sentence layer: it is among the
 * sentence's last tokens, before closing marks. The last of them whose first byte may
 * begin one is the candidate, and it is marked when all of it is one (a closing ” is
 * not, nor is ?!" or .5): qt_tok_sentence_end() is then a load. */
static void find_stops(const qt_view *v)
{
    /* The view's fields in locals: the stores into stops may alias them, and would have
     * them read again for every sentence. */
    const lede_sentence *sent = v->sent;
    const lede_token *tok = v->tok;
    const char *text = v->text;
    uint8_t *stops = v->stops;
    size_t n_sent = v->n_sent, n_tok = v->n_tok, cursor = 0;
    for (size_t s = 0; s < n_sent; s++) {
        /* The sentence's token range says where its end is, when the view's tokens are
         * the layer's (no whitespace tokens dropped): checked, else searched forward
         * from the previous sentence's end. */
        uint32_t start = sent[s].start, end = sent[s].end;
        size_t t = sent[s].tok_end;
        if (!(t <= n_tok && (t == n_tok || tok[t].start >= end) &&
              (t == 0 || tok[t - 1].start < end)))
            t = qt_tok_seek(v, cursor, end);
        cursor = t;
        for (size_t back = 0; back < 4 && t > 0 && tok[t - 1].start >= start; back++, t--) {
            unsigned char c = (unsigned char)text[tok[t - 1].start];
            if (c == '.' || c == '!' || c == '?' || c == 0xE2) {
                /* Mostly a lone . ! or ?, which is one without a call. */
                stops[t - 1] = (uint8_t)((tok[t - 1].end - tok[t - 1].start == 1 && c != 0xE2) ||
                                         qt_tok_sentence_end_slow(v, t - 1));
                break;
            }
        }
    }
}

void qt_find_stops(const qt_view *v)
{
    find_stops(v);
}

int qt_tok_sentence_end_slow(const qt_view *v, size_t i)
{
    const char *s = v->text + v->tok[i].start;
    size_t n = v->tok[i].end - v->tok[i].start;
    if (n == 3 && memcmp(s, "\xE2\x80\xA6", 3) == 0)
        return 1;
    for (size_t k = 0; k < n; k++)
        if (s[k] != '.' && s[k] != '!' && s[k] != '?')
            return 0;
    return n > 0;
}

int qt_tok_possessive_slow(const qt_view *v, size_t i, size_t *stem_len)
{
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

/* qt_cue_at() for a token i that may be a cue: its lexbits (0 when not looked up yet)
 * hold a cue list, or the cue filter let it pass; *end is i + 1. Kept out of line: the
 * test for no cue, which nearly every token meets, then needs no registers saved. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static qt_cue_kind
cue_at_listed(const qt_view *v, size_t i, uint32_t bits, size_t *end);

qt_cue_kind qt_cue_at(const qt_view *v, size_t i, size_t *end)
{
    if (i >= v->n_tok)
        return QT_CUE_NONE;
    *end = i + 1;
    /* Nearly every token is no cue: the cue filter says so without a lookup (a token not
     * looked up yet stays so), or its looked-up bits do. */
    uint32_t bits = v->lexbits[i];
    if (!bits) {
        size_t n = v->tok[i].end > v->tok[i].start ? v->tok[i].end - v->tok[i].start : 0;
        if (n == 0 || n > v->lex->max_len)
            return QT_CUE_NONE;
        unsigned bit = filter_bit(v->text + v->tok[i].start, n);
        if (!(v->lex->cue_filter[bit / 64] >> (bit % 64) & 1))
            return QT_CUE_NONE;
        return cue_at_listed(v, i, 0, end);
    }
    if (!(bits & CUE_LISTS))
        return QT_CUE_NONE;
    return cue_at_listed(v, i, bits, end);
}

/* Token i, a cue's word, follows an article, a demonstrative or a possessive, which makes
 * it a noun (the claims, his reports, these calls); not "her" (heard her say) nor "that" (a
 * report that claims). */
static int noun_after_opener(const qt_view *v, size_t i)
{
    return i > 0 && qt_tok_in(v, i - 1, QT_W_PHRASE_OPENERS) && !qt_tok_is(v, i - 1, "her") &&
           !qt_tok_is(v, i - 1, "that");
}

/* qt_cue_at() for a cue verb's form at token i > 0 (its case tcase), by the word before it:
 * QT_CUE_VERB, or QT_CUE_NONE where that word makes the form no verb. Most cues follow a
 * name, a pronoun or a quotation mark, which its first byte tells. */
static qt_cue_kind verb_after(const qt_view *v, size_t i, uint32_t tcase)
{
    const lede_token *p = &v->tok[i - 1];
    unsigned char c = (unsigned char)v->text[p->start];
    const char *e = v->text + v->tok[i].end;
    /* Mr Blair said the claims were "...": after an article, a demonstrative or a
     * possessive the form is a noun (the claims, his reports, The calls), no cue; not after
     * "her" (heard her say) nor "that" (a report that claims). (Said and told, the most
     * frequent, never are: the word before is not looked up.) */
    int opener = ((c >= 'a' && c <= 'z') || (p->flags & LEDE_TOKF_SENT_START)) &&
                 (e[-1] != 'd' || e[-2] == 'e') && noun_after_opener(v, i);
    if (opener)
        return QT_CUE_NONE;
    /* After a common noun's possessive: the campaign's alleged allegiances, an adjective
     * (BBC politics/200); the group's claims, a noun (not after a name's: McDonald's
     * announced, Sainsbury's said). */
    if (c >= 'a' && c <= 'z')
        return qt_tok_possessive(v, i - 1, NULL) ? QT_CUE_NONE : QT_CUE_VERB;
    /* Graham Robb, spokesman for North East Says No, said: a form in title case inside a
     * sentence, between capitalised words, is a name's word, no cue (BBC politics/200; not
     * one in capitals, John Smith SAID, nor a headline's before its quotation, Hillary
     * Clinton Said "Many Of You ..."). */
    const char *w = v->text + v->tok[i].start;
    if (tcase == QT_BIT_CAPITALIZED && e - w > 1 && w[1] >= 'a' && w[1] <= 'z' &&
        !(v->tok[i].flags & LEDE_TOKF_SENT_START) && !(p->flags & LEDE_TOKF_OPEN_QUOTE) &&
        qt_tok_capitalized(v, i - 1) && qt_tok_capitalized(v, i + 1))
        return QT_CUE_NONE;
    return QT_CUE_VERB;
}

/* qt_cue_at() for token i of the cue heads: its row of cue_heads decides, whatever other
 * cue lists hold the word (referring and pointing are participles only with to or out);
 * *end past a word of next[] (according to, spoke of). */
static qt_cue_kind head_at(const qt_view *v, size_t i, size_t *end)
{
    const char *w = v->text + v->tok[i].start;
    size_t n = v->tok[i].end - v->tok[i].start;
    char c0 = (char)(w[0] | 0x20); /* (a lexicon word: n >= 1) */
    const cue_head *h = cue_heads;
    while (h < cue_heads + N_CUE_HEADS && !(h->word[0] == c0 && qt_word_eq(w, n, h->word)))
        h++;
    if (h == cue_heads + N_CUE_HEADS)
        return QT_CUE_NONE;
    /* A verb of report is one only in lower case. */
    if (h->kind == QT_CUE_REPORT && !qt_tok_lowercase(v, i))
        return QT_CUE_NONE;
    if (h->next[0]) {
        if (!qt_tok_is(v, i + 1, h->next[0]) && !(h->next[1] && qt_tok_is(v, i + 1, h->next[1])))
            return QT_CUE_NONE;
        *end = i + 2;
    }
    if (h->kind != QT_CUE_REPORT)
        return h->kind;
    /* The calls for, the accused: a noun after an article or a possessive (as for cues). */
    return noun_after_opener(v, i) ? QT_CUE_NONE : QT_CUE_REPORT;
}

static qt_cue_kind cue_at_listed(const qt_view *v, size_t i, uint32_t bits, size_t *end)
{
    /* Passed the cue filter, and so the lexicon's (every cue word is in both): looked up
     * now, without the second filter. */
    if (!bits)
        bits = lookup_passed(v, i, v->tok[i].end - v->tok[i].start);
    if (!(bits & CUE_LISTS))
        return QT_CUE_NONE;
    if (bits & QT_W_CUE_HEADS)
        return head_at(v, i, end);
    uint32_t tcase = qt_tok_case(v, i);
    if (!tcase)
        return QT_CUE_NONE;
    if (bits & QT_W_CUE_VERBS)
        return i > 0 ? verb_after(v, i, tcase) : QT_CUE_VERB;
    if (bits & QT_W_CUE_PARTICIPLES)
        return QT_CUE_PARTICIPLE;
    if (bits & QT_W_CUE_NOUNS)
        return QT_CUE_NOUN;
    return QT_CUE_NONE;
}

/* The first of tok[0..n) (n >= 1, ascending starts) at or past pos, else n. Branch-free:
 * the loop runs log2(n) times whatever the comparisons, whose outcomes are unpredictable,
 * say. */
static inline size_t first_at(const lede_token *tok, size_t n, uint32_t pos)
{
    const lede_token *base = tok;
    while (n > 1) {
        size_t half = n / 2;
        base = base[half].start < pos ? base + half : base;
        n -= half;
    }
    return (size_t)(base - tok) + (base->start < pos);
}

size_t qt_tok_lower_bound(const qt_view *v, uint32_t pos)
{
    return v->n_tok == 0 ? 0 : first_at(v->tok, v->n_tok, pos);
}

size_t qt_tok_seek(const qt_view *v, size_t from, uint32_t pos)
{
    if (from > 0 && (from > v->n_tok || v->tok[from - 1].start >= pos))
        return qt_tok_lower_bound(v, pos);
    if (from == v->n_tok || v->tok[from].start >= pos)
        return from;
    /* A token and its space take five or six bytes: a guess from the byte distance
     * lands near the answer, and the search gallops out from there, then bisects. */
    size_t lo = from, hi = v->n_tok, step = 1; /* tok[lo].start < pos, answer in (lo, hi] */
    size_t guess = from + (pos - v->tok[from].start) / 6;
    if (guess > lo && guess < hi && v->tok[guess].start >= pos) {
        hi = guess;
        while (hi - lo > step && v->tok[hi - step].start >= pos) {
            hi -= step;
            step *= 2;
        }
        if (hi - lo > step)
            lo = hi - step;
    } else {
        if (guess > lo && guess < hi)
            lo = guess;
        for (;;) { /* tok[lo].start < pos */
            hi = lo + step;
            if (hi >= v->n_tok) {
                hi = v->n_tok;
                break;
            }
            if (v->tok[hi].start >= pos)
                break;
            lo = hi;
            step *= 2;
        }
    }
    /* The first of tokens (lo, hi) at or past pos, else hi. */
    if (hi - lo == 1)
        return hi;
    return lo + 1 + first_at(v->tok + lo + 1, hi - lo - 1, pos);
}

int qt_title_case(const qt_view *v, size_t from, uint32_t start, uint32_t end)
{
    size_t words = 0;
    /* The quotation's first word mostly follows its opening mark, the token from: a step,
     * not a seek. */
    size_t i = from;
    if (i < v->n_tok && v->tok[i].start < start && ++i < v->n_tok && v->tok[i].start < start)
        i = qt_tok_seek(v, i, start);
    for (; i < v->n_tok && v->tok[i].end <= end; i++) {
        if (qt_tok_capitalized(v, i)) {
            words++;
        } else if (qt_tok_lowercase(v, i)) {
            if (v->tok[i].end - v->tok[i].start > v->lex->small_max ||
                !qt_tok_in(v, i, QT_W_TITLE_SMALL))
                return 0;
        } else if (qt_tok_punct(v, i, ',') || qt_tok_punct(v, i, ';')) {
            return 0; /* a clause break: a sentence, not a title */
        }
    }
    return words >= 2;
}
