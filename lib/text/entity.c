/* entity.c — answer candidates recognised by rules (contracts and rules in
 * entity.h).
 *
 * The analyzer's tokens go into a ring of RING tokens; a token is looked
 * at once LOOK tokens after it have arrived (or the text has ended), and
 * every rule looks at most LOOK - 1 tokens ahead and BACK tokens back, so
 * memory stays fixed whatever the length of the text. Word lists are one
 * lexicon of (folded phrase, class bits), sorted once on first use.
 */
#include "text/entity.h"

#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#define RING 128u /* power of two */
#define LOOK 24u
#define BACK 4u
#define MAX_NAME_WORDS 8u
#define MAX_PHRASE 4u /* longest lexicon phrase, in words */
#define SEEN_SLOTS 1024u /* words of person names seen (hashes) */
#define SEEN_MAX 768u

/* ---- lexicon ---------------------------------------------------------- */

enum {
    L_PLACE = 1u << 0,
    L_MONTH = 1u << 1,   /* full month name */
    L_MONABBR = 1u << 2, /* month abbreviation */
    L_WEEKDAY = 1u << 3,
    L_TITLE = 1u << 4,   /* a title before a person's name */
    L_FIRST = 1u << 5,   /* a first name */
    L_ORG = 1u << 6,     /* an organisation word */
    L_UNIT = 1u << 7,    /* a unit counted by a number */
    L_CURRENCY = 1u << 8,
    L_MULT = 1u << 9,    /* million, bn ... */
    L_NUMWORD = 1u << 10,
    L_LEAD = 1u << 11,   /* function word: never starts a name */
    L_CONNECT = 1u << 12, /* may join the words of a name */
    L_ABBREV = 1u << 13, /* a '.' after it ends no sentence */
    L_NOTORG = 1u << 14, /* an acronym that is no organisation */
    L_REASON = 1u << 15, /* a cause cue phrase */
    L_SAY = 1u << 16,    /* said, says ... */
    L_NATION = 1u << 17, /* between a sum and its currency word */
    L_PERIOD = 1u << 18, /* week, month ... after last/next */
    L_RELDAY = 1u << 19, /* yesterday, today ... */
    L_RELWORD = 1u << 20, /* last, next ... */
    L_ORDINAL = 1u << 21, /* first..fourth, final */
    L_TIMEUNIT = 1u << 22, /* days, weeks ... before "ago" */
    L_INPREP = 1u << 23, /* in, at, from */
    L_MAYCUE = 1u << 24, /* words before a month "May" */
    L_NOTNOUN = 1u << 25, /* after "over": no cause follows */
    L_CAPTITLE = 1u << 26, /* a title written capitalised inside a name */
    L_HEAD = 1u << 27      /* the first word of a phrase of several words */
};

typedef struct lexlist {
    unsigned bits;
    const char *words; /* phrases separated by '|' */
} lexlist;

static const lexlist LISTS[] = {
    {L_PLACE,
     "afghanistan|albania|algeria|angola|argentina|armenia|australia|austria|"
     "azerbaijan|bahrain|bangladesh|belarus|belgium|bolivia|bosnia|brazil|"
     "britain|bulgaria|burma|cambodia|cameroon|canada|chad|chile|china|"
     "colombia|congo|croatia|cuba|cyprus|czech republic|denmark|ecuador|egypt|"
     "england|eritrea|estonia|ethiopia|finland|france|georgia|germany|ghana|"
     "great britain|greece|guatemala|haiti|holland|honduras|hong kong|hungary|"
     "iceland|india|indonesia|iran|iraq|ireland|israel|italy|ivory coast|"
     "jamaica|japan|jordan|kazakhstan|kenya|korea|kosovo|kuwait|laos|latvia|"
     "lebanon|liberia|libya|lithuania|luxembourg|macedonia|madagascar|malawi|"
     "malaysia|mali|malta|mexico|moldova|monaco|mongolia|morocco|mozambique|"
     "myanmar|namibia|nepal|netherlands|new zealand|nicaragua|niger|nigeria|"
     "north korea|northern ireland|norway|oman|pakistan|palestine|panama|"
     "paraguay|peru|philippines|poland|portugal|qatar|romania|russia|rwanda|"
     "saudi arabia|scotland|senegal|serbia|sierra leone|singapore|slovakia|"
     "slovenia|somalia|south africa|south korea|spain|sri lanka|sudan|sweden|"
     "switzerland|syria|taiwan|tajikistan|tanzania|thailand|tibet|tunisia|"
     "turkey|turkmenistan|uganda|uk|ukraine|united arab emirates|"
     "united kingdom|united states|united states of america|uruguay|us|usa|"
     "uzbekistan|venezuela|vietnam|wales|yemen|yugoslavia|zambia|zimbabwe|"
     "alabama|alaska|arizona|arkansas|california|colorado|connecticut|"
     "delaware|florida|hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|"
     "louisiana|maine|maryland|massachusetts|michigan|minnesota|mississippi|"
     "missouri|montana|nebraska|nevada|new hampshire|new jersey|new mexico|"
     "new york|north carolina|north dakota|ohio|oklahoma|oregon|pennsylvania|"
     "rhode island|south carolina|south dakota|tennessee|texas|utah|vermont|"
     "virginia|washington|west virginia|wisconsin|wyoming|"
     "abu dhabi|accra|addis ababa|algiers|amman|amsterdam|ankara|athens|"
     "atlanta|auckland|baghdad|baku|bangkok|barcelona|basra|beijing|beirut|"
     "belfast|belgrade|berlin|birmingham|bogota|bombay|bonn|boston|brasilia|"
     "bristol|brussels|bucharest|budapest|buenos aires|cairo|calcutta|"
     "canberra|cape town|caracas|cardiff|chicago|colombo|copenhagen|dakar|"
     "dallas|damascus|delhi|detroit|dhaka|doha|dubai|dublin|edinburgh|"
     "frankfurt|gaza|geneva|glasgow|hamburg|hanoi|harare|havana|helsinki|"
     "ho chi minh city|houston|islamabad|istanbul|jakarta|jerusalem|"
     "johannesburg|kabul|karachi|kathmandu|khartoum|kiev|kinshasa|kuala lumpur|"
     "lagos|lahore|leeds|lima|lisbon|liverpool|london|los angeles|madrid|"
     "manchester|manila|marseille|melbourne|mexico city|miami|milan|minsk|"
     "montreal|moscow|mumbai|munich|nairobi|naples|new delhi|new orleans|"
     "newcastle|nicosia|osaka|oslo|ottawa|paris|perth|philadelphia|"
     "phnom penh|prague|pretoria|pyongyang|rabat|rangoon|reykjavik|riga|"
     "rio de janeiro|riyadh|rome|rotterdam|san francisco|santiago|sao paulo|"
     "sarajevo|seattle|seoul|shanghai|sheffield|stockholm|sydney|taipei|"
     "tallinn|tashkent|tehran|tel aviv|the hague|tokyo|toronto|tripoli|tunis|"
     "las vegas|vancouver|vienna|vilnius|warsaw|wellington|zagreb|zurich|"
     "africa|antarctica|asia|europe|north america|south america|latin america|"
     "central america|oceania|middle east|far east|east asia|south asia|"
     "southeast asia|south east asia|central asia|eastern europe|"
     "western europe|scandinavia|balkans|caribbean|gulf|the gulf|"
     "persian gulf|west bank|gaza strip|kashmir|darfur|chechnya|siberia|"
     "sahara|arctic|atlantic|pacific|mediterranean|west africa|east africa|"
     "north africa|southern africa|west midlands|midlands|yorkshire|"
     "lancashire|kent|essex|cornwall|london|ulster|bavaria|quebec|ontario|"
     "alberta|british columbia|punjab|bengal|sichuan|tasmania|queensland|"
     "new south wales|victoria|silicon valley|wall street"},
    {L_MONTH, "january|february|march|april|may|june|july|august|september|"
              "october|november|december"},
    {L_MONABBR, "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"},
    {L_WEEKDAY, "monday|tuesday|wednesday|thursday|friday|saturday|sunday"},
    {L_TITLE,
     "mr|mrs|ms|miss|dr|sir|lord|lady|dame|president|vice president|"
     "minister|prime minister|chancellor|secretary|senator|sen|rep|gov|"
     "governor|gen|general|col|colonel|capt|captain|judge|justice|king|queen|"
     "prince|princess|pope|rev|reverend|father|sheikh|chairman|chairwoman|"
     "chief executive|chief|director|manager|coach|striker|midfielder|"
     "defender|goalkeeper|spokesman|spokeswoman|analyst|economist|professor|"
     "prof|mayor|ambassador|premier|leader|boss|actor|actress|singer|"
     "officer|inspector|sergeant|sgt|lieutenant|lt|commissioner|chef|"
     "founder|author|writer|director general|managing director|"
     "president-elect|emperor|ayatollah|archbishop|bishop|cardinal|"
     "detective|superintendent|chief constable|mp|mep|candidate|champion|"
     "star|player|winger|forward|skipper|trainer|jockey|rapper|presenter|"
     "comedian|designer|producer|editor|lawyer|attorney|dj"},
    {L_CAPTITLE,
     "mr|mrs|ms|miss|dr|sir|lord|lady|dame|president|vice president|"
     "minister|prime minister|chancellor|secretary|senator|sen|rep|gov|"
     "governor|gen|general|col|colonel|capt|captain|judge|justice|king|queen|"
     "prince|princess|pope|rev|reverend|father|sheikh|chairman|mayor|"
     "ambassador|premier|professor|prof|commissioner|inspector|detective|"
     "sergeant|sgt|lieutenant|lt|archbishop|bishop|cardinal|ayatollah|"
     "emperor|president-elect|chief executive|coach|manager"},
    {L_FIRST,
     "adam|alan|alex|alexander|alice|andrew|andy|ann|anna|anne|anthony|"
     "barbara|ben|bill|bob|brian|bruce|carlos|charles|chris|christopher|"
     "daniel|david|denis|dennis|donald|ed|edward|elizabeth|emma|eric|frank|"
     "gary|george|gordon|graham|helen|henry|ian|jack|jacques|james|jane|"
     "jason|jean|jeff|jennifer|jim|joe|john|jonathan|jose|joseph|juan|julia|"
     "kate|keith|kevin|laura|lisa|mark|martin|mary|matthew|michael|mike|"
     "nick|nicholas|paul|pete|peter|philip|richard|rob|robert|roger|sarah|"
     "simon|stephen|steve|steven|susan|thomas|tim|tom|tony|vladimir|walter|"
     "william|wayne|gerhard|silvio|jacques|kofi|ariel|yasser|saddam|osama|"
     "hu|ken|charlie|harry|sam|sally|rachel|ruth|patrick|sean|liam|"
     "jose|luis|pierre|hans|wolfgang|franz|giovanni|marco|ahmed|mohammed|"
     "muhammad|ali|hassan|ivan|sergei|mikhail|boris|dmitry|yuri|igor|"
     "ronald|jimmy|bernie|hillary|barack|condoleezza|colin|dick|al"},
    {L_ORG,
     "inc|corp|corporation|co|company|ltd|plc|llc|ag|sa|nv|gmbh|bv|group|"
     "bank|party|association|council|union|fc|united|airlines|airways|"
     "air lines|motors|holdings|industries|university|college|school|"
     "commission|committee|department|ministry|agency|authority|institute|"
     "foundation|federation|league|club|organisation|organization|trust|"
     "board|office|service|services|systems|technologies|technology|"
     "electronics|communications|petroleum|chemical|chemicals|steel|"
     "securities|capital|partners|exchange|reserve|court|police|army|navy|"
     "news|times|post|journal|records|studios|pictures|entertainment|"
     "network|networks|parliament|congress|senate|assembly|government|"
     "church|society|institution|bureau|fund|forces|brothers|bros|labs|"
     "laboratories|software|microsystems|pharmaceuticals|insurance|"
     "telecom|telecommunications|railways|railroad|mining|resources|energy|"
     "oil|gas|foods|stores|international|corps|cabinet|tribunal|opec|"
     "nations"},
    {L_UNIT,
     "jobs|job|people|persons|workers|employees|staff|tonnes|tonne|tons|ton|"
     "barrels|barrel|bpd|shares|share|miles|mile|km|kilometres|kilometers|"
     "metres|meters|feet|ft|inches|inch|lbs|lb|kg|kilos|kilograms|grams|"
     "ounces|oz|litres|liters|gallons|acres|hectares|years|year|months|"
     "month|weeks|week|days|day|hours|hour|minutes|minute|seconds|points|"
     "pts|goals|votes|seats|cars|vehicles|units|copies|users|subscribers|"
     "customers|visitors|viewers|homes|houses|members|students|children|"
     "troops|soldiers|deaths|dead|casualties|cases|games|matches|runs|"
     "wickets|stores|shops|branches|plants|factories|bushels|contracts|lots|"
     "ships|aircraft|planes|flights|passengers|tourists|delegates|countries|"
     "cities|companies|firms|banks|degrees|mw|megawatts|kwh|bytes|gb|mb|"
     "pixels|ghz|mhz|times|albums|films|songs|titles|seasons|sets|laps|"
     "yards|wins|victims|refugees|patients|women|men|villages"},
    {L_CURRENCY,
     "dollars|dollar|dlrs|dlr|pounds|pound|sterling|stg|euros|euro|yen|"
     "francs|franc|marks|mark|cents|cent|cts|pence|p|rupees|yuan|rand|lire|"
     "lira|pesos|peso|crowns|kronor|krona|kroner|dinars|riyals|baht|won|"
     "guilders|roubles|rubles|shekels|ringgit|rupiah|bucks"},
    {L_MULT, "million|mln|mn|billion|bln|bn|trillion|tn|thousand"},
    {L_NUMWORD,
     "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
     "thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|"
     "thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|"
     "million|billion|trillion|dozen|dozens|hundreds|thousands|millions|"
     "billions"},
    {L_LEAD,
     "a|about|after|again|against|all|also|although|an|and|another|any|are|"
     "as|at|be|because|before|both|but|by|can|could|did|do|does|during|each|"
     "either|even|every|few|for|from|had|has|have|he|her|here|his|how|"
     "however|i|if|in|into|is|it|its|just|last|many|may|me|meanwhile|might|"
     "more|most|much|must|my|neither|next|no|nor|not|now|of|on|once|one|only|"
     "or|other|our|over|she|should|since|so|some|such|than|that|the|their|"
     "them|then|there|these|they|this|those|though|through|thus|to|too|"
     "under|until|up|we|were|what|when|where|whether|which|while|who|whom|"
     "whose|why|will|with|without|would|yet|you|your|yes|please|despite|"
     "instead|still|already|indeed|overall|earlier|later|according|with"},
    {L_CONNECT, "of|de|del|della|der|den|van|von|la|le|du|da|das|dos|al|el|"
                "bin|ibn|y|di|des|the|upon"},
    {L_ABBREV,
     "mr|mrs|ms|dr|st|jr|sr|gen|col|lt|sgt|capt|gov|sen|rep|rev|prof|inc|"
     "corp|co|ltd|no|vs|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mt|"
     "ft|messrs|bros|dept|est|approx"},
    {L_NOTORG,
     "tv|ceo|cfo|coo|ok|am|pm|gmt|bst|est|edt|pst|cet|gdp|gnp|cd|cds|dvd|"
     "dvds|pc|pcs|hiv|aids|sms|it|id|dna|pr|vat|ipo|mp|mps|mep|uk|us|usa|"
     "eu|ii|iii|iv|vi|vii|viii|ix|xi|xii|bc|ad|tb|mb|gb|kb|hd|lcd|usb|pin|"
     "faq|url|www|html|pdf|tax|net|no|rip|vip|dj|mc|nb|ps|fm|ac|dc|uv|ufo|"
     "sars|bse|mrsa|suv|atm|ppi|cpi|rpi|mph|kph|gcse|gcses|phd|mba|ok|a|i"},
    {L_REASON,
     "because|because of|due to|owing to|thanks to|as a result of|"
     "as a consequence of|in the wake of|on the back of|in response to|"
     "in protest at|in protest against|caused by|blamed on|attributed to|"
     "prompted by|triggered by|sparked by|amid|amidst|in light of|"
     "in view of|on account of|on grounds of|for fear of"},
    {L_SAY, "said|says|told|added|explained|insisted|admitted|warned|"
            "argued|claimed|stated|noted|replied|commented|"
            "denied|wrote"},
    {L_NATION,
     "us|u.s|american|canadian|australian|hong kong|new zealand|singapore|"
     "taiwan|swiss|french|belgian|japanese|german|dutch|danish|swedish|"
     "norwegian|mexican|brazilian|indian|south african|new taiwan|hk|nz"},
    {L_PERIOD,
     "week|month|year|weekend|quarter|season|summer|winter|spring|autumn|"
     "night|fall|decade|century|term|half"},
    {L_RELDAY, "yesterday|today|tomorrow|tonight"},
    {L_RELWORD, "last|next|this|past|coming|previous|following"},
    {L_ORDINAL, "first|second|third|fourth|final"},
    {L_TIMEUNIT, "days|weeks|months|years|decades|centuries|hours|minutes|"
                 "day|week|month|year|decade|century|hour"},
    {L_INPREP, "in|at|from"},
    {L_MAYCUE, "in|on|by|since|until|till|last|next|early|late|mid|of|"
               "from|through|this|before|after|during"},
    {L_NOTNOUN,
     "next|past|last|previous|coming|recent|following|years|months|weeks|"
     "days|hours|time|period|decade|century|weekend|there|here|again|and|"
     "or|to|it|them|him|her|me|us|you|a|an|the|half|one|two|three|four|"
     "five|six|seven|eight|nine|ten|twenty|hundred|thousand|million|"
     "billion|summer|winter|spring|autumn|christmas|course|all|seas|"
     "whether|whelmed|how|what|who|which|why|where|when|this|that|these|"
     "those|his|its|their|our|my|your|rest|top|phone|telephone|radio|"
     "internet|web"},
};

typedef struct lexent {
    char word[40];
    unsigned bits;
} lexent;

#define LEX_MAX 2600
static lexent lex[LEX_MAX];
static size_t nlex;
static pthread_once_t lex_once = PTHREAD_ONCE_INIT;

static void lex_index(void);

static int lexcmp(const void *x, const void *y)
{
    return strcmp(((const lexent *)x)->word, ((const lexent *)y)->word);
}

/* Build the sorted lexicon, merging the classes of a phrase listed in
 * several lists. Phrases longer than the entry or lists past LEX_MAX are
 * a programming error the unit tests catch (a word missing). */
static void lex_init(void)
{
    size_t n = 0;
    for (size_t l = 0; l < sizeof LISTS / sizeof LISTS[0]; l++) {
        const char *p = LISTS[l].words;
        while (*p) {
            const char *e = strchr(p, '|');
            size_t wl = e ? (size_t)(e - p) : strlen(p);
            if (wl > 0 && wl < sizeof lex[0].word && n + 1 < LEX_MAX) {
                memcpy(lex[n].word, p, wl);
                lex[n].word[wl] = '\0';
                lex[n].bits = LISTS[l].bits;
                n++;
                const char *sp = memchr(p, ' ', wl);
                if (sp) { /* its first word heads a phrase */
                    memcpy(lex[n].word, p, (size_t)(sp - p));
                    lex[n].word[sp - p] = '\0';
                    lex[n].bits = L_HEAD;
                    n++;
                }
            }
            p += wl + (e != NULL);
        }
    }
    qsort(lex, n, sizeof lex[0], lexcmp);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (m > 0 && strcmp(lex[m - 1].word, lex[i].word) == 0)
            lex[m - 1].bits |= lex[i].bits;
        else
            lex[m++] = lex[i];
    }
    nlex = m;
    lex_index();
}

/* The lexicon's hash table: index + 1 of an entry, or 0. */
#define LEX_SLOTS 8192u /* power of two, over twice LEX_MAX */
static uint16_t lex_slot[LEX_SLOTS];

static uint32_t lex_hash(const char *w, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h;
}

static void lex_index(void)
{
    for (size_t i = 0; i < nlex; i++) {
        uint32_t k = lex_hash(lex[i].word, strlen(lex[i].word)) & (LEX_SLOTS - 1);
        while (lex_slot[k])
            k = (k + 1) & (LEX_SLOTS - 1);
        lex_slot[k] = (uint16_t)(i + 1);
    }
}

/* The classes of key[0..n) (NUL-terminated), 0 when it is no entry. */
static unsigned lex_bits_n(const char *key, size_t n)
{
    if (n >= sizeof lex[0].word)
        return 0;
    for (uint32_t k = lex_hash(key, n) & (LEX_SLOTS - 1); lex_slot[k];
         k = (k + 1) & (LEX_SLOTS - 1)) {
        const lexent *e = &lex[lex_slot[k] - 1];
        if (memcmp(e->word, key, n + 1) == 0)
            return e->bits;
    }
    return 0;
}

/* ---- tokens ----------------------------------------------------------- */

enum {
    T_CAP = 1u << 0,     /* starts with an upper-case letter */
    T_ALLCAPS = 1u << 1, /* has letters, none lower-case */
    T_LOWER = 1u << 2,   /* starts with a lower-case letter */
    T_NUM = 1u << 3,     /* digits, with '.' or ',' between digits */
    T_INITIAL = 1u << 4, /* opens a sentence */
    T_SHOUT = 1u << 5,   /* in a line written in capitals */
    T_JOIN = 1u << 6,    /* gap before: white space, at most one line break */
    T_HYPHEN = 1u << 7,  /* gap before: exactly "-" */
    T_DOTTED = 1u << 8,  /* its bytes hold a '.' (U.S, 5.93) */
    T_AMP = 1u << 9,     /* gap before: '&' and white space */
    T_DOTGAP = 1u << 10, /* gap before: '.' then white space */
    T_COMMA = 1u << 11,  /* gap before: ',' and white space */
    T_PCT = 1u << 12,    /* '%' right after it (maybe after one space) */
    T_SIGN = 1u << 13    /* a currency sign ends the gap before it */
};

typedef struct etok {
    uint32_t start, end, pos;
    uint32_t sign;  /* T_SIGN: where the sign starts */
    uint32_t pct;   /* T_PCT: the end of the '%' */
    unsigned flags;
    unsigned lexb;  /* lex_bits of the folded form */
    uint8_t flen;
    char f[PASSIM_MAX_TERM_BYTES + 1];
} etok;

typedef struct scan {
    passim_entities *out;
    const char *text;
    size_t len;
    etok ring[RING];
    size_t ntok;   /* tokens received */
    size_t next;   /* next token to look at */
    uint32_t prev_end; /* end of the previous token (analyzer's range) */
    size_t line_start, line_end; /* the current line */
    int line_shout;
    size_t added;  /* entities appended by this call */
    int full;      /* PASSIM_MAX_ENTITIES reached */
    int nomem;
    uint64_t seen[SEEN_SLOTS];
    uint8_t seen_person[SEEN_SLOTS];
    size_t nseen;
} scan;

static etok *T(scan *s, size_t i)
{
    return i < s->ntok ? &s->ring[i & (RING - 1)] : NULL;
}

static uint64_t hash_word(const char *w)
{
    uint64_t h = 1469598103934665603ull;
    for (; *w; w++)
        h = (h ^ (unsigned char)*w) * 1099511628211ull;
    return h | 1; /* 0 marks an empty slot */
}

static int cap_word(const struct etok *t);

/* Remember w as a word of a name (person: of a person's name). */
static void seen_add(scan *s, const char *w, int person)
{
    uint64_t h = hash_word(w);
    for (size_t k = h & (SEEN_SLOTS - 1);; k = (k + 1) & (SEEN_SLOTS - 1)) {
        if (s->seen[k] == h) {
            s->seen_person[k] |= (uint8_t)person;
            return;
        }
        if (s->seen[k] == 0) {
            if (s->nseen >= SEEN_MAX)
                return;
            s->seen[k] = h;
            s->seen_person[k] = (uint8_t)person;
            s->nseen++;
            return;
        }
    }
}

/* 0: w is no word of a name seen so far; 1: of a name; 2: of a person's. */
static int seen_has(const scan *s, const char *w)
{
    uint64_t h = hash_word(w);
    for (size_t k = h & (SEEN_SLOTS - 1);; k = (k + 1) & (SEEN_SLOTS - 1)) {
        if (s->seen[k] == h)
            return 1 + s->seen_person[k];
        if (s->seen[k] == 0)
            return 0;
    }
}

/* Remember the words of the name at tokens i..i+n-1. */
static void seen_name(scan *s, size_t i, size_t n, int person)
{
    for (size_t k = 0; k < n; k++)
        if (cap_word(T(s, i + k)))
            seen_add(s, T(s, i + k)->f, person);
}

/* Decode the code point at t[i] (i < end): its byte length, at least 1;
 * *cp is -1 for an invalid byte. */
static size_t cp_at(int32_t *cp, const char *t, size_t i, size_t end)
{
    utf8proc_int32_t c;
    size_t avail = end - i < 4 ? end - i : 4;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)t + i,
                                          (utf8proc_ssize_t)avail, &c);
    if (n <= 0) {
        *cp = -1;
        return 1;
    }
    *cp = c;
    return (size_t)n;
}

static int is_upper(int32_t cp)
{
    if (cp < 0)
        return 0;
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    int c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static int is_lower(int32_t cp)
{
    if (cp < 0)
        return 0;
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

/* Whether the line [s, e) is written in capitals: no lower-case letter and
 * at least two words of two capitals or more. */
static int line_shouts(const char *t, size_t s, size_t e)
{
    size_t words = 0, run = 0;
    for (size_t i = s; i < e;) {
        int32_t cp;
        size_t n = cp_at(&cp, t, i, e);
        if (is_lower(cp))
            return 0;
        if (is_upper(cp))
            run++;
        else {
            if (run >= 2)
                words++;
            run = 0;
        }
        i += n;
    }
    if (run >= 2)
        words++;
    return words >= 2;
}

/* Update the line cache for a token starting at `at`. Every byte is
 * scanned once over the whole text: lines are found in order. */
static void line_for(scan *s, size_t at)
{
    if (at >= s->line_start && at < s->line_end)
        return;
    size_t b = at;
    while (b > s->line_end && s->text[b - 1] != '\n')
        b--;
    const char *nl = memchr(s->text + at, '\n', s->len - at);
    s->line_start = b;
    s->line_end = nl ? (size_t)(nl - s->text) : s->len;
    s->line_shout = line_shouts(s->text, s->line_start, s->line_end);
}

static int is_space_byte(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Classify the gap text[gs..ge) before token `t` (prev: the token before
 * it, or NULL). */
static void classify_gap(scan *s, etok *t, const etok *prev, size_t gs, size_t ge)
{
    const char *x = s->text;
    size_t nl = 0, other = 0, amp = 0, dots = 0, commas = 0, hyph = 0;
    int initial = prev == NULL, blank = 0, lastnl = 0, sign = 0;
    size_t signat = 0;

    for (size_t i = gs; i < ge;) {
        unsigned char c = (unsigned char)x[i];
        if (c == '\n') {
            nl++;
            if (lastnl)
                blank = 1;
            lastnl = 1;
            i++;
            continue;
        }
        if (is_space_byte(c)) {
            i++;
            continue;
        }
        lastnl = 0;
        sign = 0;
        if (c == '$') {
            sign = 1;
            signat = i;
            i++;
            continue;
        }
        if (c == 0xC2 && i + 1 < ge && (unsigned char)x[i + 1] == 0xA3) { /* £ */
            sign = 1, signat = i, i += 2;
            continue;
        }
        if (c == 0xC2 && i + 1 < ge && (unsigned char)x[i + 1] == 0xA5) { /* ¥ */
            sign = 1, signat = i, i += 2;
            continue;
        }
        if (c == 0xE2 && i + 2 < ge && (unsigned char)x[i + 1] == 0x82 &&
            (unsigned char)x[i + 2] == 0xAC) { /* € */
            sign = 1, signat = i, i += 3;
            continue;
        }
        if (c == 0xC2 && i + 1 < ge && (unsigned char)x[i + 1] == 0xA0) { /* nbsp */
            i += 2;
            continue;
        }
        if (c == '.')
            dots++;
        else if (c == ',')
            commas++;
        else if (c == '&')
            amp++;
        else if (c == '-')
            hyph++;
        else
            other++;
        if (c == '!' || c == '?')
            initial = 1;
        i++;
    }
    if (blank)
        initial = 1;
    if (dots && prev) {
        /* A '.' after an abbreviation, a single letter or an acronym
         * ends no sentence. */
        int abbrev = (prev->lexb & L_ABBREV) || (prev->flags & T_DOTTED && !(prev->flags & T_NUM)) ||
                     (prev->end - prev->start == 1 && !(prev->flags & T_NUM));
        if (!abbrev || dots > 1)
            initial = 1;
    }
    if (prev && (prev->flags & T_SHOUT) && nl)
        initial = 1; /* after a title line */
    if (initial)
        t->flags |= T_INITIAL;
    if (sign) {
        t->flags |= T_SIGN;
        t->sign = (uint32_t)signat;
    }
    if (prev && nl <= 1 && !blank && other == 0) {
        if (!dots && !commas && !amp && !hyph && !sign)
            t->flags |= T_JOIN;
        else if (hyph == 1 && ge - gs == 1)
            t->flags |= T_HYPHEN;
        else if (amp == 1 && !dots && !commas && !hyph && !sign)
            t->flags |= T_AMP;
        else if (dots == 1 && !commas && !amp && !hyph && !sign &&
                 x[gs] == '.')
            t->flags |= T_DOTGAP;
        else if (commas == 1 && !dots && !amp && !hyph && !sign)
            t->flags |= T_COMMA;
    }
}

/* Fill in a token's case and shape flags from its bytes. */
static void classify_word(scan *s, etok *t)
{
    const char *x = s->text;
    int32_t cp;
    size_t n = cp_at(&cp, x, t->start, t->end);
    int letters = 0, lower = 0, digits_only = 1;
    (void)n;
    /* A possessive 's is part of the token's range but not of a name. */
    size_t e = t->end;
    if (e - t->start > 2 && x[e - 1] == 's' && x[e - 2] == '\'')
        t->end -= 2;
    else if (e - t->start > 4 && x[e - 1] == 's' && (unsigned char)x[e - 2] == 0x99 &&
             (unsigned char)x[e - 3] == 0x80 && (unsigned char)x[e - 4] == 0xE2)
        t->end -= 4;

    if (is_upper(cp))
        t->flags |= T_CAP;
    else if (is_lower(cp))
        t->flags |= T_LOWER;
    for (size_t i = t->start; i < t->end;) {
        size_t m = cp_at(&cp, x, i, t->end);
        if (cp == '.')
            t->flags |= T_DOTTED;
        if (is_lower(cp))
            lower = 1;
        if (is_upper(cp) || is_lower(cp))
            letters = 1;
        i += m;
    }
    if (letters && !lower)
        t->flags |= T_ALLCAPS;
    for (size_t i = 0; i < t->flen; i++)
        if (!((t->f[i] >= '0' && t->f[i] <= '9') ||
              (t->f[i] == '.' && i > 0 && i + 1 < t->flen)))
            digits_only = 0;
    if (digits_only && t->flen > 0 && t->f[0] >= '0' && t->f[0] <= '9')
        t->flags |= T_NUM;
    /* '%' after a number, maybe after one space. */
    size_t p = t->end;
    if (p < s->len && x[p] == ' ')
        p++;
    if ((t->flags & T_NUM) && p < s->len && x[p] == '%') {
        t->flags |= T_PCT;
        t->pct = (uint32_t)(p + 1);
    }
}

/* ---- emitting --------------------------------------------------------- */

static void emit_span(scan *s, size_t i, size_t n, unsigned kinds,
                      uint32_t start, uint32_t end)
{
    passim_entities *o = s->out;
    if (s->full || s->nomem)
        return;
    if (s->added >= PASSIM_MAX_ENTITIES) {
        s->full = 1;
        return;
    }
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 64;
        passim_entity *v = realloc(o->v, cap * sizeof *v);
        if (!v) {
            s->nomem = 1;
            return;
        }
        o->v = v;
        o->cap = cap;
    }
    passim_entity *e = &o->v[o->n++];
    e->start = start;
    e->end = end > start ? end : T(s, i + n - 1)->end;
    e->pos = T(s, i)->pos;
    e->nwords = (uint32_t)n;
    e->kinds = kinds;
    s->added++;
}

static void emit(scan *s, size_t i, size_t n, unsigned kinds)
{
    emit_span(s, i, n, kinds, T(s, i)->start, T(s, i + n - 1)->end);
}

/* ---- helpers over tokens ---------------------------------------------- */

/* Whether token i exists and joins the one before it by white space. */
static int joined(scan *s, size_t i)
{
    etok *t = T(s, i);
    return t && (t->flags & T_JOIN);
}

/* The lexicon bits of the phrase of tokens i..i+n-1 (all joined by white
 * space), or 0. */
static unsigned phrase_bits(scan *s, size_t i, size_t n)
{
    char key[sizeof lex[0].word];
    size_t k = 0;
    if (n == 1)
        return T(s, i) ? T(s, i)->lexb : 0;
    if (!T(s, i) || !(T(s, i)->lexb & L_HEAD))
        return 0;
    for (size_t j = 0; j < n; j++) {
        etok *t = T(s, i + j);
        if (!t || (j > 0 && !(t->flags & T_JOIN)))
            return 0;
        if (k + 1 + t->flen >= sizeof lex[0].word)
            return 0; /* longer than any phrase */
        if (j > 0)
            key[k++] = ' ';
        memcpy(key + k, t->f, t->flen);
        k += t->flen;
    }
    key[k] = '\0';
    return lex_bits_n(key, k);
}

/* Longest phrase of at most `max` words starting at token i with all of
 * `bits`; 0 if none. */
static size_t longest_phrase(scan *s, size_t i, size_t max, unsigned bits)
{
    for (size_t n = max; n >= 1; n--)
        if ((phrase_bits(s, i, n) & bits) == bits)
            return n;
    return 0;
}

/* The value of a token made of at most 4 digits, or -1. */
static long small_int(const etok *t)
{
    if (!t || !(t->flags & T_NUM) || t->flen > 4)
        return -1;
    long v = 0;
    for (size_t i = 0; i < t->flen; i++) {
        if (t->f[i] < '0' || t->f[i] > '9')
            return -1;
        v = v * 10 + (t->f[i] - '0');
    }
    return v;
}

/* A day of the month: 1..31, or an ordinal 1st..31st. */
static int is_day(const etok *t)
{
    if (!t)
        return 0;
    long v = small_int(t);
    if (v >= 1 && v <= 31 && t->flen <= 2)
        return 1;
    if (t->flen >= 3 && t->flen <= 4 && t->f[0] >= '0' && t->f[0] <= '9') {
        const char *suf = t->f + t->flen - 2;
        if (strcmp(suf, "st") && strcmp(suf, "nd") && strcmp(suf, "rd") && strcmp(suf, "th"))
            return 0;
        long d = 0;
        for (const char *p = t->f; p < suf; p++) {
            if (*p < '0' || *p > '9')
                return 0;
            d = d * 10 + (*p - '0');
        }
        return d >= 1 && d <= 31;
    }
    return 0;
}

static int is_year(const etok *t)
{
    long v = small_int(t);
    return v >= 1900 && v <= 2099 && t->flen == 4 && t->end - t->start == 4;
}

static int is_month(const etok *t)
{
    return t && (t->flags & T_CAP) && (t->lexb & (L_MONTH | L_MONABBR));
}

/* A number with a multiplier inside the token: 600m, 1.2bn, 5k, 3mln. */
static int num_with_mult(const etok *t)
{
    if (!t || t->flen < 2 || t->f[0] < '0' || t->f[0] > '9')
        return 0;
    size_t i = 0;
    while (i < t->flen && ((t->f[i] >= '0' && t->f[i] <= '9') || t->f[i] == '.'))
        i++;
    if (t->f[i - 1] == '.')
        return 0;
    const char *suf = t->f + i;
    static const char *const SUF[] = {"m", "bn", "mn", "b", "k", "tn", "mln", "bln", "trn"};
    for (size_t k = 0; k < sizeof SUF / sizeof SUF[0]; k++)
        if (strcmp(suf, SUF[k]) == 0)
            return 1;
    return 0;
}

/* A decade: 1990s, 80s. */
static int is_decade(const etok *t)
{
    if (!t || (t->flen != 5 && t->flen != 3) || t->f[t->flen - 1] != 's')
        return 0;
    for (size_t i = 0; i + 1 < t->flen; i++)
        if (t->f[i] < '0' || t->f[i] > '9')
            return 0;
    return t->f[t->flen - 2] == '0';
}

/* ---- rules ------------------------------------------------------------ */

/* A word of time or quantity: a number, number word, month, weekday,
 * yesterday..., week/year..., a decade. */
static int timeish(const etok *t)
{
    return t && ((t->flags & T_NUM) || num_with_mult(t) || is_decade(t) ||
                 (t->lexb & (L_NUMWORD | L_MONTH | L_WEEKDAY | L_RELDAY | L_PERIOD |
                             L_TIMEUNIT | L_RELWORD)));
}

static int is_det(const etok *t)
{
    static const char *const DET[] = {"the", "a", "an", "his", "her", "its", "their", "our", "this", "that"};
    for (size_t k = 0; k < sizeof DET / sizeof DET[0]; k++)
        if (t && strcmp(t->f, DET[k]) == 0)
            return 1;
    return 0;
}

/* Dates starting with a number: ISO, day-month(-year), decades. */
static size_t rule_num_date(scan *s, size_t i)
{
    etok *t = T(s, i), *a = T(s, i + 1), *b = T(s, i + 2);
    if (is_decade(t)) {
        emit(s, i, 1, PASSIM_KIND_DATE);
        return 1;
    }
    if (is_year(t) && a && b && (a->flags & T_HYPHEN) && (b->flags & T_HYPHEN)) {
        long m = small_int(a), d = small_int(b);
        if (m >= 1 && m <= 12 && d >= 1 && d <= 31 && a->flen <= 2 && b->flen <= 2) {
            emit(s, i, 3, PASSIM_KIND_DATE);
            return 3;
        }
    }
    if (is_day(t) && a && ((a->flags & (T_JOIN | T_HYPHEN)) || (a->flags & T_DOTGAP)) &&
        (a->lexb & (L_MONTH | L_MONABBR)) && ((a->flags & T_CAP) || (a->flags & T_HYPHEN))) {
        size_t n = 2;
        if (b && (b->flags & (T_JOIN | T_HYPHEN | T_COMMA)) && is_year(b))
            n = 3;
        emit(s, i, n, PASSIM_KIND_DATE);
        return n;
    }
    return 0;
}

/* Money, numbers, percentages, years. */
static size_t rule_number(scan *s, size_t i)
{
    etok *t = T(s, i);
    size_t n = 0;
    int digits = 0, mult = 0;
    unsigned kinds = PASSIM_KIND_NUMBER;

    if (t->flags & T_NUM) {
        n = 1;
        digits = 1;
    } else if (num_with_mult(t)) {
        n = 1;
        digits = 1;
        mult = 1;
    } else if (t->lexb & L_NUMWORD) {
        etok *nx = T(s, i + 1);
        if (strcmp(t->f, "one") == 0 && nx && (nx->flags & T_JOIN) &&
            (strcmp(nx->f, "of") == 0 || strcmp(nx->f, "another") == 0))
            return 0;
        n = 1;
        while (n < 6 && joined(s, i + n) && (T(s, i + n)->lexb & L_NUMWORD))
            n++;
        while (n < 6 && T(s, i + n) && (T(s, i + n)->flags & T_HYPHEN) &&
               (T(s, i + n)->lexb & L_NUMWORD))
            n++;
    } else
        return 0;

    uint32_t start = t->start;
    if (t->flags & T_SIGN) {
        start = t->sign;
        kinds = PASSIM_KIND_MONEY;
    }
    /* A multiplier word after the number. */
    if (!mult && joined(s, i + n) && (T(s, i + n)->lexb & L_MULT) &&
        !(T(s, i + n)->flags & T_CAP && !(T(s, i + n)->flags & T_ALLCAPS))) {
        n++;
        mult = 1;
    }
    /* A currency word after it, maybe after a nationality. */
    {
        size_t k = n;
        etok *u = T(s, i + k);
        if (u && (u->flags & (T_JOIN | T_DOTGAP)) && !(u->lexb & L_CURRENCY)) {
            size_t nat = longest_phrase(s, i + k, 2, L_NATION);
            if (nat && T(s, i + k + nat) && (T(s, i + k + nat)->flags & (T_JOIN | T_DOTGAP)) &&
                (T(s, i + k + nat)->lexb & L_CURRENCY))
                k += nat;
        }
        u = T(s, i + k);
        if (u && (u->flags & (T_JOIN | T_DOTGAP)) && (u->lexb & L_CURRENCY) &&
            !(u->flags & T_SIGN) && (k > n || (u->flags & T_JOIN)) &&
            !(strcmp(u->f, "p") == 0 && u->start - T(s, i + k - 1)->end != 0)) {
            n = k + 1;
            emit_span(s, i, n, PASSIM_KIND_MONEY, start, T(s, i + n - 1)->end);
            return n;
        }
    }
    if (kinds == PASSIM_KIND_MONEY) {
        emit_span(s, i, n, kinds, start, T(s, i + n - 1)->end);
        return n;
    }
    /* Percentages. */
    etok *last = T(s, i + n - 1);
    if (digits && (last->flags & T_PCT)) {
        emit_span(s, i, n, PASSIM_KIND_NUMBER, start, last->pct);
        return n;
    }
    etok *u = T(s, i + n);
    if (u && (u->flags & T_JOIN) && (strcmp(u->f, "pct") == 0 || strcmp(u->f, "percent") == 0)) {
        emit(s, i, n + 1, PASSIM_KIND_NUMBER);
        return n + 1;
    }
    if (u && (u->flags & T_JOIN) && strcmp(u->f, "per") == 0 && joined(s, i + n + 1) &&
        strcmp(T(s, i + n + 1)->f, "cent") == 0) {
        emit(s, i, n + 2, PASSIM_KIND_NUMBER);
        return n + 2;
    }
    /* N years ago. */
    if (u && (u->flags & T_JOIN) && (u->lexb & L_TIMEUNIT) && joined(s, i + n + 1) &&
        strcmp(T(s, i + n + 1)->f, "ago") == 0) {
        emit(s, i, n + 2, PASSIM_KIND_DATE);
        return n + 2;
    }
    /* A unit after it. */
    if (u && (u->flags & T_JOIN) && (u->lexb & L_UNIT) && !(u->flags & T_CAP)) {
        emit(s, i, n + 1, PASSIM_KIND_NUMBER);
        return n + 1;
    }
    if (n == 1 && is_year(t)) {
        emit(s, i, 1, PASSIM_KIND_DATE);
        return 1;
    }
    emit(s, i, n, PASSIM_KIND_NUMBER);
    return n;
}

/* Dates starting with a word. */
static size_t rule_word_date(scan *s, size_t i)
{
    etok *t = T(s, i), *a = T(s, i + 1), *b = T(s, i + 2), *p = i > 0 ? T(s, i - 1) : NULL;
    {
        if (is_month(t)) {
            int abbr = !(t->lexb & L_MONTH);
            int may = strcmp(t->f, "may") == 0;
            size_t n = 1;
            if (a && (a->flags & (T_JOIN | T_DOTGAP | T_HYPHEN)) && is_day(a)) {
                n = 2;
                if (b && (b->flags & (T_JOIN | T_COMMA | T_HYPHEN)) && is_year(b))
                    n = 3;
            } else if (a && (a->flags & (T_JOIN | T_DOTGAP | T_COMMA | T_HYPHEN)) && is_year(a))
                n = 2;
            int cue = p && (p->flags & T_JOIN || p->flags & T_HYPHEN) && (p->lexb & L_MAYCUE) &&
                      !(p->flags & T_CAP);
            if (n > 1 || (!abbr && !may) || (may && cue)) {
                if (n > 1 || !(t->flags & T_SHOUT)) {
                    emit(s, i, n, PASSIM_KIND_DATE);
                    return n;
                }
            }
        }
    }
    if ((t->lexb & L_WEEKDAY) && (t->flags & T_CAP)) {
        emit(s, i, 1, PASSIM_KIND_DATE);
        return 1;
    }
    if (t->lexb & L_RELDAY) {
        emit(s, i, 1, PASSIM_KIND_DATE);
        return 1;
    }
    if ((t->lexb & L_RELWORD) && a && (a->flags & T_JOIN) &&
        ((a->lexb & (L_PERIOD | L_WEEKDAY)) || is_month(a))) {
        if (strcmp(t->f, "following") == 0 && !(a->lexb & L_PERIOD))
            return 0;
        emit(s, i, 2, PASSIM_KIND_DATE);
        return 2;
    }
    if ((t->lexb & L_ORDINAL) && a && (a->flags & T_JOIN) &&
        (strcmp(a->f, "quarter") == 0 || strcmp(a->f, "half") == 0)) {
        emit(s, i, 2, PASSIM_KIND_DATE);
        return 2;
    }
    if (t->flen == 2 && t->f[0] == 'q' && t->f[1] >= '1' && t->f[1] <= '4') {
        emit(s, i, 1, PASSIM_KIND_DATE);
        return 1;
    }
    return 0;
}

/* Cause cues. */
static size_t rule_reason(scan *s, size_t i)
{
    etok *t = T(s, i), *a = T(s, i + 1), *p = i > 0 ? T(s, i - 1) : NULL;
    size_t n = longest_phrase(s, i, MAX_PHRASE, L_REASON);
    if (n == 2 && strcmp(t->f, "due") == 0 && joined(s, i + 2)) {
        /* "due to be taken", "due to start": a plan, not a cause */
        static const char *const VERB[] = {"be", "start", "begin", "open", "close", "end",
                                           "meet", "take", "make", "go", "return", "resume",
                                           "visit", "appear", "face", "report", "hold",
                                           "leave", "arrive", "sign", "play", "give",
                                           "launch", "publish", "announce", "retire"};
        for (size_t k = 0; k < sizeof VERB / sizeof VERB[0]; k++)
            if (strcmp(T(s, i + 2)->f, VERB[k]) == 0)
                return 0;
    }
    if (n) {
        emit(s, i, n, PASSIM_KIND_REASON);
        return n;
    }
    if (!a || !(a->flags & (T_JOIN)))
        return 0;
    if (strcmp(t->f, "after") == 0 || strcmp(t->f, "following") == 0) {
        if (strcmp(t->f, "following") == 0 && p && strcmp(p->f, "the") == 0)
            return 0;
        if (timeish(a))
            return 0; /* after 10 years, after March, after Monday */
        etok *b = T(s, i + 2);
        if (is_det(a) && b && (b->flags & T_JOIN) && (timeish(b) || (b->lexb & L_ORDINAL)))
            return 0; /* after the first half, after a year */
        emit(s, i, 1, PASSIM_KIND_REASON);
        return 1;
    }
    if (strcmp(t->f, "over") == 0) {
        size_t wi = i + 1;
        if (is_det(a))
            wi = i + 2;
        etok *w = T(s, wi);
        if (!w || !(w->flags & T_JOIN) || !(w->flags & T_LOWER) ||
            (w->lexb & (L_NOTNOUN | L_UNIT | L_TIMEUNIT | L_ORDINAL)) || timeish(w))
            return 0;
        etok *nx = T(s, wi + 1);
        if (nx && (nx->flags & T_JOIN) && timeish(nx))
            return 0; /* over a period of ten years */
        emit(s, i, 1, PASSIM_KIND_REASON);
        return 1;
    }
    return 0;
}

/* Whether token j may continue a name whose last token is j - 1. */
static int continues_name(scan *s, size_t j)
{
    etok *t = T(s, j), *p = T(s, j - 1);
    if (!t || !p)
        return 0;
    if (t->flags & T_JOIN)
        return 1;
    if ((t->flags & (T_HYPHEN | T_AMP)))
        return 1;
    if ((t->flags & T_DOTGAP) && (p->lexb & L_TITLE) && (p->lexb & L_ABBREV))
        return 1;
    if ((t->flags & T_DOTGAP) && (p->flags & T_CAP) && p->end - p->start == 1)
        return 1; /* a middle initial: George W. Bush */
    return 0;
}

static int cap_word(const etok *t)
{
    return t && (t->flags & T_CAP) && !(t->flags & T_NUM) && !(t->flags & T_SHOUT);
}

/* Capitalised names. */
static size_t rule_name(scan *s, size_t i)
{
    etok *t = T(s, i);
    if (!cap_word(t))
        return 0;
    /* "US$5": the money rule takes the number. */
    etok *nx = T(s, i + 1);
    if (nx && (nx->flags & T_SIGN) && nx->sign >= t->end)
        return 0;
    /* The longest gazetteer place first (it may start with "The"). */
    size_t gaz = 0;
    for (size_t n = MAX_PHRASE; n >= 1 && !gaz; n--) {
        if (!(phrase_bits(s, i, n) & L_PLACE))
            continue;
        int ok = 1;
        for (size_t k = 0; k < n; k++)
            if (!cap_word(T(s, i + k)) && !(T(s, i + k)->lexb & L_CONNECT))
                ok = 0;
        if (ok && !cap_word(T(s, i + n - 1)))
            ok = 0;
        if (ok)
            gaz = n;
    }
    if (!gaz && (t->lexb & L_LEAD) && !(t->lexb & (L_FIRST | L_TITLE)) &&
        !((t->flags & T_ALLCAPS) && t->flen >= 2))
        return 0;
    if (t->flen == 1 && strcmp(t->f, "i") == 0)
        return 0;

    /* The run of capitalised words (connectors inside). */
    size_t n = 1;
    while (n < MAX_NAME_WORDS && continues_name(s, i + n)) {
        etok *u = T(s, i + n);
        if (cap_word(u) && !(u->lexb & (L_WEEKDAY)) &&
            !(is_month(u) && (strcmp(u->f, "may") != 0 || is_day(T(s, i + n + 1)) ||
                              is_year(T(s, i + n + 1))))) {
            n++;
            continue;
        }
        /* connectors: of, de, al- ... then a capitalised word */
        size_t c = 0;
        while (c < 2 && n + c < MAX_NAME_WORDS && T(s, i + n + c) &&
               (T(s, i + n + c)->lexb & L_CONNECT) && !cap_word(T(s, i + n + c)) &&
               (c == 0 || continues_name(s, i + n + c)))
            c++;
        if (c && n + c < MAX_NAME_WORDS && continues_name(s, i + n + c) &&
            cap_word(T(s, i + n + c))) {
            n += c + 1;
            continue;
        }
        break;
    }
    /* "Shares of Manchester United": a common word opening a sentence,
     * then a connector, is not part of the name. */
    if (n > 1 && (t->flags & T_INITIAL) && !gaz && !(t->lexb & (L_ORG | L_TITLE | L_FIRST)) &&
        !cap_word(T(s, i + 1)) && strcmp(T(s, i + 1)->f, "of") == 0 && !seen_has(s, t->f))
        return 1;
    if (gaz == n) {
        emit(s, i, n, PASSIM_KIND_PLACE);
        return n;
    }
    if (gaz > n)
        n = gaz;

    etok *p = i > 0 ? T(s, i - 1) : NULL;
    etok *after = T(s, i + n);
    int after_joined = after && (after->flags & T_JOIN);
    /* A title (capitalised, inside the run) before a name. */
    size_t k0 = 0, ts = 0;
    for (size_t k = 0; k < n; k++) {
        size_t tl = longest_phrase(s, i + k, 2, L_CAPTITLE);
        if (tl && k + tl < n && cap_word(T(s, i + k + tl)) &&
            !(T(s, i + k + tl)->lexb & L_CONNECT)) {
            k0 = k + tl;
            ts = k;
        }
    }
    /* Organisation words in the name (not in what comes before a title:
     * "Communications Minister Yeo"), a strong personal title aside. */
    static const char *const STRONG[] = {"mr", "mrs", "ms", "miss", "dr", "sir", "lady", "dame"};
    int strong_title = 0;
    for (size_t k = 0; k < sizeof STRONG / sizeof STRONG[0]; k++)
        if (strcmp(t->f, STRONG[k]) == 0)
            strong_title = 1;
    int org = 0;
    for (size_t k = k0; k < n; k++) {
        etok *u = T(s, i + k);
        if ((u->lexb & L_ORG) && cap_word(u) && !(u->flags & T_ALLCAPS && u->flen <= 2 && n == 1))
            org = 1;
    }
    if (org && !strong_title) {
        emit(s, i, n, PASSIM_KIND_ORG);
        return n;
    }
    if (k0 > 0 && k0 < n) {
        /* "Vietnam's President Tran Duc Luong": the place before it. */
        if (ts > 0 && ts <= MAX_PHRASE && (phrase_bits(s, i, ts) & L_PLACE))
            emit(s, i, ts, PASSIM_KIND_PLACE);
        emit(s, i + k0, n - k0, PASSIM_KIND_PERSON);
        seen_name(s, i + k0, n - k0, 1);
        return n;
    }
    if (n == 1 && (t->lexb & L_TITLE) && !(t->flags & T_ALLCAPS))
        return 1; /* a title alone: "the President said" */
    /* A lower-case title before it: chief executive Jeff Bewkes. */
    int person = 0;
    if (p && (t->flags & (T_JOIN | T_DOTGAP)) && (p->lexb & L_TITLE) && !(p->flags & T_CAP))
        person = 1;
    if (n >= 2 && (t->lexb & L_FIRST))
        person = 1;
    if (n == 1 && seen_has(s, t->f) == 2)
        person = 1;
    if (person) {
        emit(s, i, n, PASSIM_KIND_PERSON);
        seen_name(s, i, n, 1);
        return n;
    }
    /* An acronym. */
    if (n == 1 && (t->flags & T_ALLCAPS) && !(t->lexb & L_NOTORG)) {
        size_t letters = 0;
        for (size_t k = 0; k < t->flen; k++)
            if (t->f[k] >= 'a' && t->f[k] <= 'z')
                letters++;
        if (letters == t->flen && letters >= 2 && letters <= 5) {
            emit(s, i, 1, PASSIM_KIND_ORG);
            return 1;
        }
    }
    if (n == 1 && (t->flags & T_INITIAL) && !seen_has(s, t->f))
        return 1; /* a capitalised common word opening a sentence */
    if ((after_joined && (after->lexb & L_SAY) && !(after->flags & T_CAP)) ||
        (p && (t->flags & T_JOIN) && (p->lexb & L_SAY) && !(p->flags & T_CAP) && n >= 2)) {
        emit(s, i, n, PASSIM_KIND_PERSON | PASSIM_KIND_NAME);
        if (n >= 2)
            seen_name(s, i, n, 1);
        return n;
    }
    if (p && (t->flags & T_JOIN) && (p->lexb & L_INPREP) && !(p->flags & T_CAP)) {
        emit(s, i, n, PASSIM_KIND_PLACE | PASSIM_KIND_NAME);
        return n;
    }
    if (n == 1 && (t->flags & T_ALLCAPS) && (t->lexb & L_NOTORG))
        return 1;
    emit(s, i, n, PASSIM_KIND_NAME);
    if (n >= 2)
        seen_name(s, i, n, 0);
    return n;
}

/* Look at token s->next and move past what it starts. */
static void step(scan *s)
{
    size_t i = s->next, n = 0;
    etok *t = T(s, i);
    if ((t->flags & T_NUM) || num_with_mult(t) || is_decade(t) || is_day(t))
        n = rule_num_date(s, i);
    if (!n)
        n = rule_word_date(s, i);
    if (!n)
        n = rule_reason(s, i);
    if (!n)
        n = rule_number(s, i);
    if (!n)
        n = rule_name(s, i);
    s->next = i + (n ? n : 1);
}

static int on_token(void *ctx, const passim_token *tok)
{
    scan *s = ctx;
    etok *prev = s->ntok ? T(s, s->ntok - 1) : NULL;
    etok *t = &s->ring[s->ntok & (RING - 1)];
    memset(t, 0, offsetof(etok, f));
    t->start = (uint32_t)tok->start;
    t->end = (uint32_t)tok->end;
    t->pos = tok->pos;
    t->flen = (uint8_t)tok->folded_len;
    memcpy(t->f, tok->folded, tok->folded_len);
    t->f[tok->folded_len] = '\0';
    t->lexb = lex_bits_n(t->f, t->flen);
    line_for(s, tok->start);
    if (s->line_shout)
        t->flags |= T_SHOUT;
    classify_gap(s, t, prev, s->prev_end, tok->start);
    classify_word(s, t);
    s->prev_end = (uint32_t)tok->end;
    s->ntok++;
    while (s->next + LOOK < s->ntok && !s->full && !s->nomem)
        step(s);
    return s->full || s->nomem;
}

passim_status passim_entities_find(passim_entities *out, passim_analyzer *a,
                                   const char *text, size_t len, uint32_t first_pos)
{
    passim_error_clear();
    if (!out || !a || (!text && len > 0))
        return passim_error_set(PASSIM_EINVAL, "entities: NULL argument");
    if (len > UINT32_MAX)
        return passim_error_set(PASSIM_ETOOBIG, "entities: text of %zu bytes (limit %u)",
                                len, (unsigned)UINT32_MAX);
    pthread_once(&lex_once, lex_init);
    scan *s = calloc(1, sizeof *s);
    if (!s)
        return passim_error_nomem("entity scanner");
    size_t before = out->n;
    s->out = out;
    s->text = text;
    s->len = len;
    passim_analyze(NULL, a, text, len, first_pos, on_token, s);
    while (s->next < s->ntok && !s->full && !s->nomem)
        step(s);
    int nomem = s->nomem;
    free(s);
    if (nomem) {
        out->n = before;
        return passim_error_nomem("entities");
    }
    return PASSIM_OK;
}

void passim_entities_free(passim_entities *e)
{
    if (!e)
        return;
    free(e->v);
    e->v = NULL;
    e->n = e->cap = 0;
}

static const char *const KIND_NAMES[] = {"person", "place", "org", "date",
                                         "number", "money", "name", "reason"};

unsigned passim_kind_parse(const char *name)
{
    if (!name)
        return 0;
    for (unsigned k = 0; k < sizeof KIND_NAMES / sizeof KIND_NAMES[0]; k++)
        if (strcmp(name, KIND_NAMES[k]) == 0)
            return 1u << k;
    return 0;
}

const char *passim_kind_name(unsigned kind_bit)
{
    for (unsigned k = 0; k < sizeof KIND_NAMES / sizeof KIND_NAMES[0]; k++)
        if (kind_bit == 1u << k)
            return KIND_NAMES[k];
    return NULL;
}
