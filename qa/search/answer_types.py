"""What kind of thing a question asks for, and whether a sentence holds one.

"How many/much …" asks for a number ("How many …" for a count: a sum of
money or a percentage does not answer it; "What was the score …" for a score,
``asks_score``), "When …" for a date, "Who …" for a person,
"Where …" for a place, "Which organisation/agency …" for an organisation ("Why …"
for a reason, ``asks_reason``: a sentence gives one by a cue such as "because", "due to",
"blamed the hold-up on", "in a bid to", "did not want to"). A
sentence holds the asked kind when it contains such a thing that the question
itself does not already contain: "How many cases did IOM register in 2012?" is
not answered by "2012" but by another number, nor "Who opened the Lindvik Harbour
Festival?" by "the Lindvik Spring Harbour Festival" (a name most of whose words, its last
among them, the question gives).
Without a named-entity model the kinds are read from the surface: digits and number
words, years and month names, runs of capitalised words (people: two or more words with no
organisation or place word; organisations: an organisation word or an acronym;
places: a capitalised word after "in", "at", "from", "to", "near" or a
country-like ending).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from qa.patterns import LazyPattern
from qa.search.lexicon import COUNTRIES, country_of

NUMBER, DATE, PERSON, PLACE, ORGANISATION = "number", "date", "person", "place", "organisation"
KINDS = (NUMBER, DATE, PERSON, PLACE, ORGANISATION)
#: A number that counts things: not a sum of money nor a percentage. "How many …?" asks
#: for one, so "$80 billion annually" does not answer "How many women are trafficked?".
COUNT = "count"
#: A game's score or a vote's tally ("6-2 7-6", "2-2", "24–10"): what "What was the score …?" asks.
SCORE = "score"
#: A length of time or of distance ("a one-year jail sentence", "six months", "1,230 km"):
#: what "How long …?" asks.
DURATION = "duration"
#: A cause or a purpose ("because …", "blamed the hold-up on …", "in a bid to …"): what
#: "Why …?" asks.
REASON = "reason"

_ASKS = (
    (
        NUMBER,
        LazyPattern(
            r"\bhow\s+(?:many|much|long|old|far|large|big|high|often|tall|wide|deep)\b"
            r"|\bwhat\s+(?:percentage|percent|number|share|proportion|amount|fraction|"
            r"size|population|rate|sum|total|figure|cost|price|budget)\b"
            r"|\b(?:what|which)\s+was\s+the\s+(?:number|amount|total)\b"
            r"|\b(?:what|which)\s+(?:is|was|were|are|will\s+be)\s+the\s+(?:\w+\s+)?"
            r"(?:cost|costs|price|fee|fees|salary|fine|budget|worth)\b"
            r"|\bwhat\s+(?:does|do|did|will|would)\b.*\bcost\b",
            re.I,
        ),
    ),
    (
        DATE,
        LazyPattern(
            r"^\s*(?:(?:and|but|so)\s+)?when\b|\bwhen\s+(?:did|was|were|is|does|do|will|had|has)\b"
            r"|\b(?:what|which|in\s+what|in\s+which)\s+(?:year|years|date|day|month|decade|"
            r"century|period|time)\b|\bsince\s+when\b",
            re.I,
        ),
    ),
    (
        PERSON,
        LazyPattern(
            r"^\s*(?:(?:and|but|so)\s+)?(?:who|whom|whose)\b|\b(?:who|whom)\s+(?:is|was|were|did|"
            r"said|says|led|leads|heads|headed|wrote|founded|became)\b"
            r"|\b(?:what|which)\s+(?:person|man|woman|official|leader|president|minister|"
            r"expert|journalist|politician|author|scientist|king|ruler|general)\b"
            r"|\bwhat\s+(?:is|was)\s+(?:the\s+)?name\s+of\s+the\s+(?:person|man|woman|"
            r"official|leader|president|minister|expert|editor|head|founder)\b",
            re.I,
        ),
    ),
    (
        PLACE,
        LazyPattern(
            r"^\s*(?:(?:and|but|so)\s+)?where\b|\bwhere\s+(?:did|was|were|is|are|do|does)\b"
            r"|\b(?:what|which|in\s+what|in\s+which|to\s+which|from\s+which)\s+(?:\w+\s+)?(?:city|country|"
            r"countries|region|town|village|province|state|place|capital|area|district|"
            r"border|continent|island|river)\b",
            re.I,
        ),
    ),
    (
        ORGANISATION,
        LazyPattern(
            r"\b(?:what|which)\s+(?:\w+\s+)?(?:organi[sz]ation|agency|body|group|party|company|"
            r"institution|ministry|committee|government|ngo|court|service|union|bank|"
            r"network|movement|outlet|newspaper|university|department|office)s?\b",
            re.I,
        ),
    ),
)

_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    "forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|billions|"
    "dozen|dozens|half|third|quarter|percent"
)
_NUMBER = LazyPattern(rf"\d[\d,.]*%?|\b(?:{_NUMBER_WORDS})\b", re.I)
_SCALE = r"(?:\s*(?:thousand|million|billion|trillion|bn|mn|m|k|lakhs?|crores?)\b)?"
_CURRENCY = (
    r"(?:dollars?|euros?|pounds|sterling|rubles|roubles|tenge|soms?|"
    r"somoni|manat|sums?|yuan|yen|rupees|francs|naira|rand|shillings|cedis|pesos|reais|"
    r"rupiah|lira|dinars|dirhams|riyals|kroner|kronor|krona|zloty|forints?|hryvnias?|baht|"
    r"ringgit|taka|crowns)\b"
)
#: Signs and codes written before a sum: "$5", "€5m", "₹300", "Rs 25 lakh", "KSh 300".
CURRENCY_BEFORE = (
    r"(?:[$€£¥₽₹₦₩₱₴₺]|\b(?:US\$|USD|EUR|GBP|INR|PKR|NGN|ZAR|Rs\.?|Ksh|KSh|HK\$|A\$|C\$|NZ\$|"
    r"S\$|R\$)\s?)"
)
_MONEY = (
    rf"{CURRENCY_BEFORE}\d[\d,.]*{_SCALE}"
    rf"|\b\d[\d,.]*{_SCALE}\s*{_CURRENCY}"
)
#: Sums of money ("$80 billion", "€5m", "3 million tenge") and shares ("12%", "40 percent").
_NOT_COUNTED = LazyPattern(rf"{_MONEY}|\b\d[\d,.]*\s*(?:%|percent\b|per\s+cent\b)", re.I)
#: A sum of money as news writes one: "$80 billion", "€5m", "3000 euros", "£2 060", "4p",
#: "50 cents".
_GIVES_MONEY = LazyPattern(rf"{_MONEY}|\b\d[\d,.]*\s?(?:p|pence|cents?)\b", re.I)
#: "How much did it cost?", "How much was he fined?", "How much money …?", "What was the cost
#: of …?": a question asking for a sum of money, which another number (a count, a year, a
#: share) does not answer.
_ASKS_MONEY = LazyPattern(
    r"\bhow\s+much\s+(?:money|cash|funding|aid|compensation)\b"
    r"|\b(?:what|which)\s+(?:is|was|were|are|will\s+be)\s+the\s+(?:\w+\s+)?"
    r"(?:cost|costs|price|fee|fees|salary|fine|budget|worth)\b"
    r"|\bwhat\s+(?:does|do|did|will|would)\b.*\bcost\b"
    r"|\bhow\s+much\b.*\b(?:cost|costs|costing|pay|pays|paid|paying|spend|spends|spent|"
    r"spending|worth|raise|raises|raised|earn|earns|earned|fined?|charge|charges|charged|"
    r"invest|invests|invested|donate|donated|owe|owes|owed|sell|sold|bid|offer|offered|"
    r"award|awarded|borrow|borrowed|lend|lent|budget(?:ed)?|afford)\b",
    re.I,
)
_SCORE = LazyPattern(r"(?<![\d.,])\d{1,3}\s?[-–]\s?\d{1,3}(?![\d.,]*\d)")
_SCORE_QUESTION = LazyPattern(
    r"\b(?:what|which)\s+(?:\w+\s+){0,2}(?:score|scoreline|tally)\b|\bby\s+what\s+(?:score|margin)\b"
    r"|\bwhat\s+was\s+the\s+(?:final\s+)?(?:score|result)\b",
    re.I,
)
#: A time of day ("4:00pm", "10.30 am", "11:00"): no count of anything.
_CLOCK = LazyPattern(
    r"\b\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)|\b\d{1,2}:\d{2}\b", re.I
)
_UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?|"
    r"centur(?:y|ies)|(?:kilo|centi|milli)?met(?:re|er)s?|km|miles?|feet|foot|inches|yards?)"
)
#: A length of time or distance as news writes one: "six months", "a one-year sentence",
#: "two and a half years", "one extra year", "1,230 km"; not an age ("a 17-year-old"), a
#: time past ("two years ago") nor a vague one ("the next few hours", "a day").
_DURATION = LazyPattern(
    rf"\b(?:\d[\d,.]*|{_NUMBER_WORDS}|\w+teen)"
    r"(?:[- ](?:and[- ]a[- ]half|or\s+\w+|to\s+\w+))?"
    rf"(?:\s+(?:extra|more|additional|further|full|long))?[- ]{_UNIT}\b(?![- ]old\b|\s+ago\b)",
    re.I,
)
_ASKS_DURATION = LazyPattern(r"\bhow\s+long\b", re.I)
_LENGTH_UNIT = (
    r"(?:(?:kilo|centi|milli)?met(?:re|er)s?|km|kms|cm|mm|miles?|feet|foot|ft|inches|yards?)"
)
#: A distance as news writes one: "2.4 kilometres", "a 1,500-km border", "300ft", "120m tall"
#: (a bare "m" only before a dimension: "£120m" is a sum).
_LENGTH = LazyPattern(
    rf"\b(?:\d[\d,.]*|{_NUMBER_WORDS}|\w+teen)(?:\s+(?:thousand|million))?[- ]?{_LENGTH_UNIT}\b"
    r"|\b\d[\d,.]*[- ]?m\b(?=[- ](?:tall|high|long|deep|wide|in\s+(?:length|height)))",
    re.I,
)
#: "How tall/deep/wide/high/far …?", and "How long is <a thing>?": a question of size.
_ASKS_SIZE = LazyPattern(r"\bhow\s+(?:tall|deep|wide|high|far)\b", re.I)
_ASKS_LONG_THING = LazyPattern(
    r"\bhow\s+long\s+(?:is|are|was|were|will\s+be|would\s+be)\s+((?:[\w’'-]+\s*){1,6})", re.I
)
#: Where the head of "the runway at the new airport" ends: before a preposition or clause.
_AFTER_HEAD = LazyPattern(
    r"\s+(?:of|between|at|in|on|from|to|across|over|under|along|near|that|which|when|after|"
    r"before|since|for|with|by)\b.*$",
    re.I,
)
#: A word after the thing that tells a state it was in, not the thing: "closed", "open",
#: "shut", "in force", "missing", "away".
_STATE = LazyPattern(
    r"\w+(?:ed|en)|open|shut|closed|away|gone|missing|down|out|off|up|alive|held|kept|left|"
    r"stuck|there|here|ago|underway|abroad|free|empty|idle|apart",
    re.I,
)
#: What lasts rather than stretches: spells of time, events, terms and sentences. "How
#: long was the strike?" asks a time; "How long is the border?" a length.
_LASTING = frozenset(
    "sentence term ban trial strike war wait delay visit trip flight journey voyage stay "
    "season contract lockdown process mission course programme program holiday break "
    "shift meeting session hearing debate game match race speech film movie show concert "
    "reign career life lifespan tenure leave period deadline suspension ceasefire truce "
    "campaign recession drought siege occupation shutdown closure curfew quarantine "
    "treatment detention imprisonment spell stint tour marriage lease warranty pregnancy "
    "procedure outage blackout embargo moratorium freeze sanction hiatus "
    "interval gap pause commute drive ride walk time".split()
)
#: "What pay increase …?", "What fine …?": an amount asked for by what it is, as "How much …?"
#: asks for it; only by nouns that are amounts in every sense ("What bill …?" may ask for a law).
_ASKS_AMOUNT = LazyPattern(
    r"\b(?:what|which)\s+(?:\w+\s+)?(?:salary|wage|fee|fine|payout|compensation|deficit|"
    r"surplus|profit|revenue|growth|toll)\b"
    r"|\b(?:what|which)\s+(?:pay|wage|salary|price|tax|rate|fare|rent)\s+(?:increase|rise|raise|"
    r"cut|hike|offer)\b",
    re.I,
)
_COUNTED_QUESTION = LazyPattern(r"\bhow\s+many\b|\bnumber\s+of\b", re.I)
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
#: A time a "When …?" is answered by: a year, a month, a day of the week, "yesterday", a
#: season or a week, month or year said from now ("in the summer", "later this year").
_DATE = LazyPattern(
    rf"\b(?:1[5-9]\d\d|20\d\d)s?\b|\b(?:{_MONTHS})\b|\b(?:century|decade|yesterday|"
    r"today|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|\b(?:in\s+(?:the\s+)?|this\s+|next\s+|last\s+|early\s+|late\s+)"
    r"(?:spring|summer|autumn|fall|winter)\b"
    r"|\b(?:(?:later|earlier)\s+)?(?:this|next|last)\s+(?:week|weekend|month|year)\b",
    re.I,
)
_NAME_WORD = r"(?:[A-ZА-ЯЁ]\.(?=\s+[A-ZА-ЯЁ])|[A-ZА-ЯЁ][\w’'\-]*)"
#: A run of capitalised words; an initial joins it ("C. J. Anderson", "George W. Bush").
_CAPITALISED = LazyPattern(
    rf"\b{_NAME_WORD}(?:\s+(?:of|the|for|and|de|al|bin|von|van|der|la|du)?\s*{_NAME_WORD})*"
)
_ACRONYM = LazyPattern(r"\b[A-Z]{2,6}s?\b")
_ORGANISATION_WORDS = LazyPattern(
    r"\b(?:ministry|agency|organi[sz]ation|committee|council|service|union|party|bank|group|"
    r"institute|university|court|office|department|commission|foundation|association|"
    r"movement|front|army|police|parliament|government|company|corporation|fund|center|"
    r"centre|bureau|assembly|network|state|states|nations|forces|front|brotherhood|"
    r"inc|ltd|llc|news|times|post|journal|radio)\b",
    re.I,
)
_PLACE_CUE = LazyPattern(
    r"\b(?:in|at|from|to|near|into|across|outside|inside|throughout|of)\s+(?:the\s+)?"
    r"([A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)*)"
)
_PLACE_ENDING = LazyPattern(r"\b[A-Z][a-z]+(?:stan|land|ia|burg|grad|abad|sk)\b")
_SENTENCE_START = LazyPattern(r"^\W*\w+")


@dataclass(frozen=True, slots=True)
class Things:
    """The things of each kind a text mentions, lower-cased."""

    by_kind: dict[str, frozenset[str]]

    def new_to(self, question: Things, kind: str) -> bool:
        """Whether the text mentions a thing of ``kind`` the question does not."""
        asked = question.by_kind[kind] | question.by_kind[PERSON] | question.by_kind[PLACE]
        asked = asked | question.by_kind[ORGANISATION] | question.by_kind[NUMBER]
        return any(not _covered(thing, asked) for thing in self.by_kind[kind])


_YEAR = LazyPattern(r"\b(?:1[5-9]\d\d|20\d\d)\b")
_WORD = LazyPattern(r"[A-Za-z]+")


@dataclass(frozen=True, slots=True)
class Anchors:
    """The countries and years a text pins down, lower-cased: ``named`` by name
    ("Uzbekistan", "2017"), ``mentioned`` by name or by adjective ("Uzbek", "Russian")."""

    named: dict[str, frozenset[str]]
    mentioned: dict[str, frozenset[str]]


def anchors(text: str) -> Anchors:
    """The countries and years ``text`` names or mentions (see ``Anchors``; a demonym
    stands for its country by ``qa.search.lexicon.country_of``)."""
    named: set[str] = set()
    by_adjective: set[str] = set()
    for word in _WORD.findall(text):
        if not word[0].isupper():
            continue
        lowered = word.lower()
        country = country_of(word)
        if lowered in COUNTRIES:
            named.add(lowered)
        elif country is not None:
            by_adjective.add(country)
    years = frozenset(_YEAR.findall(text))
    return Anchors(
        {PLACE: frozenset(named), DATE: years},
        {PLACE: frozenset(named | by_adjective), DATE: years},
    )


def contradicts(question: Anchors, sentence: Anchors, asked: str | None = None) -> bool:
    """Whether a sentence is about another country (year) than the one the question names,
    and mentions none of the question's: "Internal trafficking within Kazakhstan …" for a
    question about Uzbekistan. The ``asked`` kind is exempt ("When …?" wants another
    year), and a country the question only mentions by adjective ("Russian activists")
    pins nothing down."""
    return any(
        kind != asked
        and question.named[kind]
        and sentence.mentioned[kind]
        and not question.mentioned[kind] & sentence.mentioned[kind]
        for kind in question.named
    )


#: Heads that count one kind of thing under several words ("homes" for "houses", "pupils"
#: for "children"): news names the people or things it counts by the word its story uses
#: (the pupils of a school, the residents of a town, the soldiers of an army), and a reader
#: asks by the everyday word. Each group holds words a count of one may answer the other
#: by, never a wider class ("people" for "pupils" stays a guess: ``answerability._ANY_COUNTED``).
SAME_COUNTED = (
    frozenset("house home dwelling property".split()),
    frozenset("troop soldier serviceman servicemen".split()),
    frozenset("boat ship vessel yacht craft".split()),
    frozenset("car vehicle".split()),
    frozenset("plane aircraft jet airliner".split()),
    frozenset("officer police policeman policemen".split()),
    frozenset("job position post".split()),
    frozenset("child children kid boy girl pupil schoolchild schoolchildren student".split()),
    frozenset("people person resident inhabitant citizen local".split()),
    frozenset("worker employee staff personnel".split()),
    frozenset("doctor physician".split()),
    frozenset("lawyer attorney".split()),
)
#: The words of the groups above, for a quick look-up.
_ALIKE_WORDS = frozenset(word for group in SAME_COUNTED for word in group)


def singular(word: str) -> str:
    """A plural's singular by its ending ("pupils": "pupil", "cities": "city", "boxes":
    "box"), else the word; irregular plurals are left as they are."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def same_thing(one: str, other: str) -> bool:
    """Whether two nouns name one kind of thing: one word in two forms, or two words of a
    group of ``SAME_COUNTED`` ("pupils" and "children")."""
    a, b = singular(one), singular(other)
    return a == b or any(a in group and b in group for group in SAME_COUNTED)


def alike_held(term: str, held: Iterable[str]) -> bool:
    """Whether ``held`` (a text's words or terms) holds another word for the thing ``term``
    names (``same_thing``): "pupil" for "children", "soldier" for "troops"."""
    if singular(term) not in _ALIKE_WORDS:
        return False
    return any(singular(other) in _ALIKE_WORDS and same_thing(term, other) for other in held)


def asked_kind(question: str) -> str | None:
    """The kind of answer a question asks for (see the module docstring), or None."""
    for kind, pattern in _ASKS:
        if pattern.search(question):
            return kind
    return None


#: A question asking how old someone or something is ("How old is …?", "At what age did …?").
_ASKS_AGE = LazyPattern(r"\bhow\s+old\b|\bwhat\s+age\b", re.I)
_AGE_NUMBER = (
    r"(?:1[01]\d|\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"\w+teen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-\w+)?)"
)
#: An age as news gives it: "the 23-year-old", "aged 23", "at the age of 23", "23 years
#: old", "Jane Doe, 45, of …", "Jane Doe (45)", "when he was 16", "she will be 36", "who is
#: now 34", "died … at 96", "born in 1980".
_AGE_GIVEN = LazyPattern(
    rf"(?i:\b{_AGE_NUMBER}[- ]years?[- ]old\b|\b(?:aged|ages?(?:\s+of)?)\s+{_AGE_NUMBER}\b"
    rf"|\bwhen\s+(?:he|she|they)\s+(?:was|were)\s+{_AGE_NUMBER}\b"
    rf"|\b(?:died|dies|retired|retires)\b[^.]{{0,60}}?\bat\s+{_AGE_NUMBER}\b"
    rf"|\bborn\s+(?:in|on)\s+(?:\w+\s+){{0,2}}?\d{{4}}\b)"
    rf"|\b[A-Z][\w’'-]+,\s+(?:1[01]\d|\d{{1,2}}),|\b[A-Z][\w’'-]+\s+\((?:1[01]\d|\d{{1,2}})\)"
    rf"|\b(?:[A-Z][\w’'-]+|[Hh]e|[Ss]he|who)\s+(?:was|is|turned|turns|(?:will|would)\s+be)\s+"
    rf"(?:(?:now|then|about|around|nearly|almost)\s+)?(?:1[01]\d|\d{{1,2}})\b"
    r"(?![.,-]\d|\s*(?:%|per\s*cent\b|percent\b|years?\s+(?:ago|later|earlier|before|after)\b|"
    r"(?:million|billion|thousand|points?|times|minutes|seconds|days|weeks|months|metres|meters|"
    r"miles|km|kg|feet|yards|goals|games|matches|votes|seats|people|members|of)\b))"
)


def asks_age(question: str) -> bool:
    """Whether a question asks how old someone is ("How old is …?", "At what age …?")."""
    return bool(_ASKS_AGE.search(question))


def gives_age(text: str) -> bool:
    """Whether a text gives someone's age as news writes one (``_AGE_GIVEN``)."""
    return bool(_AGE_GIVEN.search(text))


def gives_age_of(text: str, surname: str) -> bool:
    """Whether a text gives the age of the person ``surname`` on their name: "Lee, 70,",
    "Lee, who is about 70,", "Lee (70)", "the 70-year-old Ann Lee", "Lee was 70", "Lee,
    then 70,"; not an age standing elsewhere in the sentence ("Lee's 29-year-old son")."""
    name = re.escape(surname)
    age = _AGE_NUMBER
    return (
        re.search(
            rf"\b{name},\s+(?:(?:who\s+(?:is|was|turned|turns)|then|now|aged)\s+)?"
            rf"(?:(?:about|around|nearly|almost)\s+)?{age}\b(?!-|[.,]\d)"
            rf"|\b{name}\s+\({age}\)"
            rf"|\b{age}[- ]years?[- ]old\s+(?:[a-z]+\s+){{0,2}}(?:[A-Z][\w’'-]+\s+){{0,2}}{name}\b"
            rf"|\b{name}\s+(?:was|is|turned|turns)\s+{age}\b(?![.,-]\d|\s*(?:%|years?\s+ago))",
            text,
            re.I,  # some corpora are lower-cased
        )
        is not None
    )


#: A question asking why ("Why did …?", "For what reason …?", "What was the cause of …?").
_ASKS_REASON = LazyPattern(
    r"^\s*(?:(?:and|but|so)\s+)?why\b|\bwhy\s+(?:did|do|does|was|were|is|are|has|have|had|"
    r"would|should|could|will|can|won't|didn't|doesn't|isn't|wasn't)\b|\bfor\s+what\s+reasons?\b"
    r"|\bwhat\s+(?:is|was|are|were)\s+the\s+(?:main\s+)?(?:reasons?|causes?|motives?)\b|\bhow\s+come\b",
    re.I,
)
#: A purpose said outright: "to enable members to …", "so that families can …", "designed to",
#: "with the aim of", "as part of a drive to".
_PURPOSE = (
    r"to\s+enable|so\s+that\s+(?:\w+\s+){1,3}?(?:can|could|would|will)\b|"
    r"(?:intended|designed|meant)\s+to|with\s+the\s+(?:aim|goal|intention)\s+of|"
    r"for\s+the\s+purpose\s+of|in\s+a\s+(?:move|push|drive)\s+to|"
    r"as\s+part\s+of\s+(?:a|an|its|their|the)\s+(?:\w+\s+)?(?:bid|effort|drive|campaign|push|plan)\s+to"
)
#: How news gives a cause or a purpose: "because", "due to", "blamed the hold-up on", "in a bid
#: to", "did not want to", "for fear of", "in protest", "to enable", "to allow".
_GIVES_REASON = LazyPattern(
    rf"\b(?:{_PURPOSE}|to\s+allow|"
    r"because|due\s+to|owing\s+to|thanks\s+to|as\s+a\s+(?:result|consequence)\s+of|"
    r"in\s+order\s+to|so\s+as\s+to|so\s+that|for\s+fear|fear(?:s|ed|ing)?\s+(?:of|that)|"
    r"(?:blame[sd]?|blaming)\b[^.;]{0,60}?\bon|blamed\s+for|reasons?\b|caused\s+by|cause\s+of|"
    r"result(?:ed|s|ing)?\s+from|aim(?:s|ed)?\s+(?:at|to)|in\s+an?\s+(?:bid|effort|attempt)\s+to|"
    r"in\s+response\s+to|in\s+protest|(?:did|does|do)\s+not\s+want\s+to|(?:didn|doesn|don)[’']t\s+want\s+to|"
    r"to\s+(?:avoid|prevent|protect|ensure|stop)|concerns?\s+(?:about|over|with|that)|"
    r"out\s+of\s+(?:respect|concern|fear))\b",
    re.I,
)


#: The cues that say outright why something happened (of ``_GIVES_REASON``; not "to avoid",
#: "to allow", "reasons", "concerns about", which ordinary sentences use for other things).
_GIVES_CAUSE = LazyPattern(
    rf"\b(?:{_PURPOSE}|"
    r"because|due\s+to|owing\s+to|as\s+a\s+(?:result|consequence)\s+of|caused\s+by|"
    r"result(?:ed|s|ing)?\s+from|blame[sd]?|blaming|"
    r"in\s+an?\s+(?:bid|effort|attempt)\s+to|in\s+protest|in\s+response\s+to|in\s+order\s+to|"
    r"(?:did|does|do)\s+not\s+want\s+to|(?:didn|doesn|don)[’']t\s+want\s+to|for\s+fear|"
    r"out\s+of\s+(?:respect|concern|fear))\b",
    re.I,
)


def gives_cause(text: str) -> bool:
    """Whether a text says outright why something happened ("because", "due to", "blamed
    the hold-up on", "in a bid to", "did not want to")."""
    return bool(_GIVES_CAUSE.search(text))


def asks_reason(question: str) -> bool:
    """Whether a question asks why ("Why did …?", "For what reason …?")."""
    return bool(_ASKS_REASON.search(question))


def asks_duration(question: str) -> bool:
    """Whether a question asks how long something lasts or measures ("How long …?")."""
    return bool(_ASKS_DURATION.search(question))


def asks_length(question: str) -> bool:
    """Whether a question asks a size in distance: "How tall/deep/wide/high/far …?", or "How
    long is/was <a thing>?" where the thing stretches rather than lasts ("How long is the
    border?", not "How long was the strike?" nor "How long did it take?")."""
    if _ASKS_SIZE.search(question):
        return True
    thing = _ASKS_LONG_THING.search(question)
    if thing is None:
        return False
    words = _AFTER_HEAD.sub("", thing.group(1)).split()
    if not words or words[-1].lower() in ("it", "this", "that", "they", "he", "she"):
        return False
    head = words[-1].lower()
    if _STATE.fullmatch(head):  # "How long was the border closed?": how long a state lasted
        return False
    singular = head[:-1] if head.endswith("s") and not head.endswith("ss") else head
    return head not in _LASTING and singular not in _LASTING


def gives_length(text: str) -> bool:
    """Whether a text gives a distance ("2.4 kilometres", "a 1,500-km border", "120m tall")."""
    return bool(_LENGTH.search(text))


def asks_amount(question: str) -> bool:
    """Whether a question asks for an amount by what it is ("What pay increase …?", "What
    fine …?"), as "How much …?" does."""
    return bool(_ASKS_AMOUNT.search(question))


def asks_money(question: str) -> bool:
    """Whether a question asks for a sum of money ("How much did the terminal cost?", "How
    much was Aragones fined?", "How much money …?")."""
    return bool(_ASKS_MONEY.search(question))


def gives_money(text: str) -> bool:
    """Whether a text gives a sum of money ("38 million euros", "$5 million", "4p")."""
    return bool(_GIVES_MONEY.search(text))


def asks_count(question: str) -> bool:
    """Whether a question asks how many of something there are ("How many …?", "the number
    of …"): a sum of money or a percentage does not answer it (see ``COUNT``)."""
    return bool(_COUNTED_QUESTION.search(question))


def asks_score(question: str) -> bool:
    """Whether a question asks for a score ("What was the score when …?", "By what score
    …?"): a sentence answers it with a score (see ``SCORE``), not any number."""
    return bool(_SCORE_QUESTION.search(question))


def things(text: str) -> Things:
    """Numbers, dates, people, places and organisations a text mentions (from its surface);
    also, under ``COUNT``, the numbers that are neither money nor a percentage, and under
    ``SCORE`` the scores ("6-2", "24–10")."""
    dates = {m.group().lower() for m in _DATE.finditer(text)}
    numbers: set[str] = set()
    counts: set[str] = set()
    not_counted = [m.span() for m in _NOT_COUNTED.finditer(text)]
    not_counted += [m.span() for m in _CLOCK.finditer(text)]
    for m in _NUMBER.finditer(text):
        number = m.group().lower().rstrip(".,")
        if number in dates:
            continue
        numbers.add(number)
        if not any(start <= m.start() < end for start, end in not_counted):
            counts.add(number)
    first_word = _SENTENCE_START.match(text)
    people: set[str] = set()
    organisations: set[str] = set()
    places = {m.group(1).lower() for m in _PLACE_CUE.finditer(text)}
    places |= {m.group().lower() for m in _PLACE_ENDING.finditer(text)}
    for found in _CAPITALISED.finditer(text):
        run = found.group()
        if _DATE.fullmatch(run):
            continue
        if first_word and found.start() == first_word.start() and " " not in run:
            continue  # a capital that only starts the sentence
        lowered = run.lower()
        if _ORGANISATION_WORDS.search(run) or _ACRONYM.fullmatch(run):
            organisations.add(lowered)
        elif len(run.split()) >= 2 and lowered not in places:
            people.add(lowered)
        else:
            places.add(lowered)
    organisations |= {m.group().lower() for m in _ACRONYM.finditer(text)}
    return Things(
        {
            DURATION: frozenset(
                " ".join(m.group().lower().split()) for m in _DURATION.finditer(text)
            ),
            REASON: frozenset(
                " ".join(m.group().lower().split()) for m in _GIVES_REASON.finditer(text)
            ),
            NUMBER: frozenset(numbers),
            COUNT: frozenset(counts),
            SCORE: frozenset(" ".join(m.group().split()) for m in _SCORE.finditer(text)),
            DATE: frozenset(dates),
            PERSON: frozenset(people),
            PLACE: frozenset(places),
            ORGANISATION: frozenset(organisations),
        }
    )


def _covered(thing: str, asked: frozenset[str]) -> bool:
    """Whether the question names ``thing``: as it is, as a word of a longer name ("Berg" of
    "Anna Berg"), or, for a name of several words, by more than half of them, its last word
    (a surname, the head noun) among them ("the Lindvik Spring Harbour Festival" for "the
    Lindvik Harbour Festival"; "Anna Lund" is not "Anna Berg")."""
    if any(thing == other or thing in other.split() for other in asked):
        return True
    words = thing.split()
    if len(words) < 2:
        return False
    named = {word for other in asked for word in other.split()}
    shared = sum(word in named for word in words)
    return words[-1] in named and 2 * shared > len(words)
