"""Whether the retrieved passages meet the question's specific constraints.

A passage can be on topic and still not answer: "How many people were
convicted in Tajikistan in 2017?" finds Kyrgyzstan's figures for 2017. So a
question's *constraints* are read from its words and each one must be met by
the evidence an answer would rest on:

- **dates** (month names), **numbers**
  (``326``, ``2.3``), **quoted phrases** and **rare terms** (question words
  that few passages of the index hold, by the BM25 index's own document
  frequencies) must stand in the passage itself: the window of sentences
  around the answer sentence, and so must **years** (``2017``) but for the
  context rule below;
- **names** of people, places and organisations (capitalised words other than
  the first, and runs of them such as ``Islamic Movement of Uzbekistan``) must
  stand in the passage window, or in the article's title or the heading of the
  section the passage sits under (what the whole section is about); a person's full
  name is met by the surname alone in the window when the article gives the full name
  anywhere (news names people in full once: "Quill said …"). The wider
  article context (outlet, author, and the paragraphs around the passage within
  its section, up to ``context_characters`` away: a passage on "the country"
  often names it a paragraph earlier) may meet a name only when the window
  names no *rival* of the same kind: another country, place, person or
  organisation the question does not name (``CONTRAST_KINDS``, kinds told by
  ``qa.search.name_kinds``). A figure "in Kyrgyzstan" is no figure for
  Tajikistan, however near the article says "neighbouring Tajikistan". A name
  that is the outlet or author of a retrieved article ("the EurasiaNet
  article") names a source and is met by that article's presence;
- a **year** may likewise be met by the article's publication year or a year in
  its context (``years_in_context``), unless the window names another year;
- a term the index has never seen (``unseen``) is met by nothing but its own
  misspelling in the passage. British and American spellings count as one term, and a
  word one typo from a word the index holds ("purhcased") stands for that word
  (``Lexicon.correction``). An unseen word weighs more when it is rare in English
  (``qa.search.lexicon.common_word``: "cider", "janitors") than when it is a common
  word a paraphrase may bring ("skateboards").

Words are compared as the BM25 index analyses them (lower-cased,
Snowball-stemmed, accents folded), so "Kyrgyzstan's" meets "Kyrgyzstan". A
country's name and its demonyms meet each other ("Kazakh", "Russian", "Chinese":
``qa.search.lexicon.country_of``, which sentence choice and the abstention text use
too); any other name's word meets a longer name it begins ("Soviet": "Soviets") but
never the other way round, and a misspelt name meets the name
one or two typos away ("Sentanta" meets "Setanta"); a name of several words one of which
stands as written meets the window's name with a typo in the others ("Primer League":
"Premier League"), and words written apart or together meet each other ("Sky Drive":
"SkyDrive"; ``qa.search.term_matching.name_met_loosely``), as do an abbreviation and its
long form ("MVPs": "Most Valuable Players", "U.S.": "United States"; ``initials_met``; in
the article context only for a whole run of capitalised words), a country's other names
("UK", "Britain", "Great Britain": ``countries_named``), a name the article gives in full
and its head noun after "the" ("the league" for the Vell Rowing League or its "VRL", when
the article names no other league: ``short_form``), a word of a place's name and its short
form ("Mt Kelso": "Mount Kelso") and an adjective of place and the place ("Asian": "Asia").
A rare term is met by another word of its family, a plural by its singular ("women":
"woman"; ``same_family``). A date question is answered by a decade or an early year ("in
the 1050s", "in 911,": ``_periods``) as well as by the dates of ``things``.
Numbers and years are compared as digit strings with thousands separators removed
(commas, or spaces as in "£1 400"); a number the passage writes in words meets the same
number in digits ("three thousand": 3,000; "twenty-five": 25), and "last year" ("this
year", "next year") in an article dated 2003 meets 2002 (2003, 2004) without being a rival
to another year.

A passage *fails* the question when the weights of what it does not meet add
up to 1 or more (``AnswerabilityPolicy.weight``: a name, year, date, quote or
number of three digits or more weighs 1; a rare term, a small number and an
unseen word less, since paraphrases bring them) or when its window holds less
than ``min_coverage`` of the question's terms (IDF-weighted): lexical evidence
joining the dense similarity, which alone decides off-topic questions. A
passage that mentions no number for "how many" (no date for "when") beyond
those the question names weighs ``asked_weight`` against it too. A passage that
meets the constraints but comes from another article than the better-ranked
passages that fail them, and covers much less of what the question asks about
them, fails too: the constraint is met only where the question's subject is not
("… dairy cows in Syria?": Syria in an article on the Normans). An
answer may rest only on the first ``consider`` passages that do not fail.
When all fail, the question is on topic but unanswered: the assistant
abstains and names what the closest passage (the one missing the least) does
not meet (what weighs 1, and the words rare in English that no article uses), and
quotes that passage's sentence holding most of the question's words
(``closest_sentence``). A question asking for a number ("how many", "what is the population
of") whose chosen reply sentences give no figure (a number that is not a year, a decade or
the day of a date, or a number word: ``reply_lacks_asked``), or whose figures are of
something else than the quantity it names ("the population of", the age "How old is …?"
asks for: ``measured``), or whose figures are only in units of another dimension than the
one "How heavy (tall, deep, wide, far, hot, fast) …?" asks ("8.2 metres across" for "How
heavy …?": ``dimension_unmet``), is answered "The indexed articles give no (population,
weight) figure for …" too; a reply holding
only the opposite of a word of the question (``reply_opposes``: "most" for "least",
"informal" for "formal", the neighbouring relation "born" for "die" or "bought" for "sell":
``qa.search.opposites``) "doesn't say this for “least”"
(``check_reply``), a reply giving another count or rank of what the question counts and
never its own ("two ferries" for "three ferries": ``number_of_another``) "doesn't say this
for “three ferries”", as does one giving the asked superlative of a thing only at another
rank, or another superlative of it ("the second busiest port" for "the busiest port", "the
most famous work" for "the oldest work": ``superlative_of_another``), or another score than
the asked one ("2-1" for "2-2": ``score_of_another``) or only the decade of an asked year
("the 1980s" for "1980": ``decade_for_year``) or only a span of years it begins or ends
("1851–1860" for "1860": ``span_for_year``) or only for other years ("won in 2024 by 12
seconds" for "in 2023": ``year_of_another``) or days of the week (``day_of_another``), or
that does not state the "only" or "still"
the question asks with (``reply_lacks_qualifier``), and a reply to a question asking what
is not so ("Which ferry never sailed?") that says nothing is not so, no "not", "never",
"except", "failed" …, or does so only in sentences not about what the question denies
(``reply_denies_nothing``), "doesn't say this for “never”"; so does a reply that only
denies what a question takes as so ("has no veto" for "Which council has a veto …?":
``reply_denies_asked``). So is a
number or date question about a person or a counted people ("Vahid Hashemian", "How many
Germans …") whose reply gives its figures only in sentences that do not name them and do
name someone else: another person
(by capitals, a surname the text around gave with its first name before, or in text
without capitals a word rare in English) or another country
(``reply_of_another``; "he" or "she" stands for the last person named in the three
sentences before): the figure is another's, however near the article names the asked one.
A name the question puts its thing in by a preposition of place ("remain on Fernholm",
"around Kelso") is a place, and a reply whose figure sentences put their figure in
another place the same way ("84 patients remaining on Skerry Island") gives none for
it; nor does one whose figure sentences put their figure in no place while the first
sentence of each story they come from puts the story in another place; a figure put "in
this area" ("there", "in the district") is put where the sentence before puts something
("lives in Halden": ``_placed_before``). A country, an
organisation or a time after the preposition is no other place ("in Norway" holds a town
of Norway; "on TV", "at Christmas"), and a reply any of whose figure sentences names the
asked place or person stands. Of a "How many …?" reply the sentences counting the asked
thing, when some do ("about 40 ferry crews"), are the ones read for a rival, and of a
"How old …?" reply only those giving an age, each the age of whom it stands with ("the
24-year-old Berg", "Berg, 24,", "a 24-year-old cyclist"), or, standing with no one, of the
person named before it. A place is read past the region holding it and what it is ("in
Norway's northern Kelso province", "near the coastal town of Kelso"); a reply naming the
asked place only otherwise than the question does ("flown to Fernholm") while its counted
things are put in another place gives none for it. A question about an office of a body
("Who is the chairman of the Harbour Bank?") whose reply names the holder of another of its
offices, while no text around names the asked one, is answered "The indexed articles name no
chairman of the Harbour Bank" (``office_of_another``); so is one asking the holder of a
role of a body ("Who is Nordhaus Cycling's sports director?", "Who is the spokesman of
Naturgy?") whose reply names that role in no form, or gives it only to another body by name
("Velotech's sports director, Hanne Peeters": ``holder_of_another``). A number question
about one of a series ("the second Test") whose reply's figures are said only of another
of it ("the first Test") gives none for it, and a reply to any other question about one of
a series that names only others of it ("the twelfth stage" for "Who won the thirteenth
stage?") doesn't say this for it (``rank_of_another``). Capitals before a plural
noun ("Costa Verdan fishermen") name a people, not a person, and a name ending in a place's
word ("Kelso Islands") no person either. Nor does a reply give a figure (or date) for a
name other than a country that its figure sentences never name and that it names only in a
sentence after the first of them ("… cut power to 120,000 homes." then "In neighbouring
Asturias, the storm closed a motorway." for "How many homes lost power in Asturias?";
``named_beside_figure``), unless the titles or ledes of its articles name it or a figure
sentence speaks of someone by a pronoun. The subject a question gives its verb ("How large a
fine did Macmillan have to pay?", "Which team did Ajax beat?") is bound the same way: a reply
whose sentences saying that verb never name it, and give the verb to another subject, named
right before it ("Apple … must pay", "Chelsea have paid") or spoken of by a pronoun ("it" for
the last name before it in the sentence, "I" in a quote for its speaker), says nothing of the
asked one (``subject_of_another``); a sentence naming the asked one only after "to" ("the move
of Tom Ray to Ajax") gives it no figure of that verb.
What a "How many …?" question counts (``COUNTED``) must be a word some passage of the
index uses, or another word for the same people or things (``answer_types.SAME_COUNTED``: "pupils"
for "children", "soldiers" for "troops"): no article that never names a janitor counts
janitors.

A question's word is covered by a window that holds it in its other spelling
("neighbouring": "neighbors"), as another word for the same people or things ("pupils" for
"children"), or as another word of its family ("tourist": "tourism",
"terror": "terrorist"; ``same_family``, by known endings, not by shared first letters);
prepositions such as "between" and "within" (``FUNCTION_WORDS``) need no cover.
A question that asks for two things ("both", "also") may have its constraints met by the
passages together.

Every weight and threshold is calibrated by eval/calibrate_abstention.py on
the tuning halves of the question sets.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from qa.patterns import LazyPattern
from qa.records import Article, Constraint, Hit, Span
from qa.search.answer_types import (
    CURRENCY_BEFORE,
    Things,
    alike_held,
    asked_kind,
    asks_age,
    gives_age,
    same_thing,
    singular,
    things,
)
from qa.search.answer_types import DATE as ASKED_DATE
from qa.search.answer_types import NUMBER as ASKED_NUMBER
from qa.search.attribution import AskedHolder, names_holder
from qa.search.followup_text import MEASURES as TIME_UNITS
from qa.search.lexicon import (
    COUNTRIES,
    Lexicon,
    common_word,
    countries_named,
    country_named,
    country_of,
    other_spellings,
    verb_forms,
)
from qa.search.name_kinds import (
    AUXILIARIES,
    PREPOSITIONS,
    STOPWORDS,
    Vocabulary,
    entity_spans,
    regions_named,
)
from qa.search.opposites import opposed_word
from qa.search.person_titles import COURTESY_TITLES, HEADS, LEADS, OFFICES, PERSON_TITLES, ROLES
from qa.search.sentence_choice import is_statement, question_parts
from qa.search.term_matching import (
    FUNCTION_WORDS,
    QUESTION_WORDS,
    REQUEST_WORDS,
    YEAR_PATTERN,
    contains_run,
    fold,
    folded,
    held,
    initials_met,
    name_met_loosely,
    name_runs,
    plain_words,
    same_family,
    short_form,
    typo_of,
)
from qa.text import SPEECH_VERBS

if TYPE_CHECKING:
    from qa.storage.contract import Storage

_CAPITALISED_WORD = LazyPattern(r"\b[A-Z][a-z]+\b")
YEAR, DATE, NUMBER, QUOTE, NAME = "year", "date", "number", "quote", "name"
TERM, UNSEEN, COUNTED, OFFICE = "term", "unseen", "counted", "office"
#: The person a "What did <person> say?" asks about, when no article gives their words.
SPEAKER = "speaker"
#: The kinds of thing a window may name in contrast to the asked one (``Evidence.rival``).
COUNTRY, PLACE, PERSON, ORGANISATION = "country", "place", "person", "organisation"
CONTRAST_KINDS = (COUNTRY, YEAR, PLACE, PERSON, ORGANISATION)

_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_MONTH_NAMES = frozenset(m.title() for m in _MONTHS)
#: How news text shortens each month ("Feb. 11-14"): a month asked for is met by either form.
_MONTH_SHORT_FORMS = {
    "january": ("jan",),
    "february": ("feb",),
    "march": ("mar",),
    "april": ("apr",),
    "june": ("jun",),
    "july": ("jul",),
    "august": ("aug",),
    "september": ("sep", "sept"),
    "october": ("oct",),
    "november": ("nov",),
    "december": ("dec",),
}
#: Capitalised words after "in", "at" or "on" that name a time, not a place.
_NOT_PLACES = _MONTH_NAMES | frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Christmas Easter New Year Year's "
    "Day Eve".split()
)
#: Places that hold others, never a rival of a town in them.
_CONTAINING = frozenset(
    "the united states|the us|the uk|britain|great britain|europe|asia|africa|america|"
    "the middle east|the west|the world".split("|")
)
#: States, provinces and territories that hold towns: no rival of a town named with them,
#: but a rival of one another ("from Utah" is no figure for Ohio).
_REGIONS = frozenset(
    "new south wales|victoria|queensland|tasmania|western australia|south australia|"
    "northern territory|australian capital territory|the act|alabama|alaska|arizona|arkansas|"
    "california|colorado|connecticut|delaware|florida|hawaii|idaho|illinois|indiana|iowa|"
    "kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|minnesota|mississippi|"
    "missouri|montana|nebraska|nevada|new hampshire|new jersey|new mexico|north carolina|"
    "north dakota|ohio|oklahoma|oregon|pennsylvania|rhode island|south carolina|"
    "south dakota|tennessee|texas|utah|vermont|virginia|washington state|west virginia|"
    "wisconsin|wyoming|ontario|quebec|british columbia|alberta|manitoba|saskatchewan|"
    "nova scotia|new brunswick".split("|")
)
_REGION_NOUN = LazyPattern(r"\s(?:State|Province|Territory|County|Prefecture)$")
#: The asked kinds a passage's surface shows reliably, and how a reply names them.
_SURFACE_KINDS = (ASKED_NUMBER, ASKED_DATE)
_ASKED_WORDS = {ASKED_NUMBER: "figure", ASKED_DATE: "date"}
#: "What is the population of …", "what was the GDP …": a quantity asked for, as "how many".
_QUANTITY = LazyPattern(
    r"\b(?:what|which)\s+(?:is|was|are|were)\s+(?:the\s+)?(?:(\w+)\s+)?(population|number|"
    r"percentage|percent|share|proportion|rate|cost|price|budget|gdp|salary|wage|income|"
    r"revenue|amount|size|total|sum|age|value|turnover|debt|toll)s?\b",
    re.I,
)
#: Words of a quantity that say how it is measured, not what is measured ("the rate").
_MEASURES = frozenset(
    "number percentage percent share proportion rate cost price amount size total sum value "
    "average annual current estimated overall approximate exact official real original "
    "initial final latest new previous".split()
)
#: Other words for a measured thing (starts of words), as articles give its figure.
_SAID_AS = {
    "population": ("people", "inhabitant", "resident", "live", "citizen"),
    "gdp": ("gross", "econom", "output"),
    "salary": ("wage", "pay", "earn"), "wage": ("salar", "pay", "earn"),
    "income": ("earn", "wage", "salar"), "revenue": ("sales", "earn", "turnover"),
    "debt": ("owe", "borrow"), "toll": ("dead", "death", "fatalit", "killed", "died"),
    "budget": ("cost", "spen", "fund", "allocat"),
}  # fmt: skip
_DAY_OF_MONTH = LazyPattern(
    r"\b(?:" + "|".join(_MONTHS) + r")\s+\d{1,2}\b|\b\d{1,2}\s+(?:" + "|".join(_MONTHS) + r")\b",
    re.I,
)
_NUMBER_WORD = LazyPattern(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|"
    r"half|quarter|third|per\s*cent|percent|one|single|several|few)\b",
    re.I,
)
_ORDINAL = (
    r"(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"eleventh|twelfth|\w+teenth|\w+tieth|twenty-first)"
)
#: A unit of time, as ``_ASKS_TIME`` and ``_DURATION`` read it.
_TIME_UNIT = r"(?:year|month|week|day|hour|minute|decade|centur(?:y|ie))s?"
#: A question that asks about time or age ("How many years …?", "How long …?", "How old
#: …?"), and a span of time ("the last three years", "10 days", "30-year-old"): a figure
#: only for such a question.
_ASKS_TIME = LazyPattern(rf"\b(?:{_TIME_UNIT}|how\s+(?:long|old)|ages?)\b", re.I)
_HOW_MUCH = LazyPattern(r"\bhow\s+much\b", re.I)
#: A question asking for a time of day, not a date ("What time did …?").
_CLOCK_TIME = LazyPattern(
    r"\b(?:what|which)\s+time\s+(?:of\s+day\s+)?(?:did|does|do|was|is|will)\b", re.I
)
#: A time of day ("4:00pm", "10.30 am", "11:00"): no count of anything.
_CLOCK = LazyPattern(
    r"\b\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)|\b\d{1,2}:\d{2}\b", re.I
)
_DURATION = LazyPattern(
    rf"(?:\b\d[\d,.]*|{_NUMBER_WORD.pattern})[\s-]+{_TIME_UNIT}\b",
    re.I,
)
#: A rank ("second-largest", "third most populous"): the figure of a "size" question.
_SUPERLATIVE = (
    r"(?:most|least|best|worst|(?:larg|bigg|small|high|low|long|short|tall|"
    r"old|young|rich|poor|wealthi|busi|deadli|great|heavi|fast|slow|strong|weak|wid|deep|"
    r"costli|hott|cold|dri|wett)est)"
)
_RANK = LazyPattern(rf"\b{_ORDINAL}[\s-]+{_SUPERLATIVE}\b", re.I)
#: A superlative, the rank before it if any ("the second-busiest port", "the busiest
#: port") and the two words after it.
_RANKED_SUPERLATIVE = LazyPattern(
    rf"\b(?:({_ORDINAL})[\s-]+)?({_SUPERLATIVE})\s+([\w’'-]+)(?:\s+([\w’'-]+))?", re.I
)
#: A period a date question may be answered with ("the 10th century", "the nineteenth
#: century"), which the surface kinds of ``things`` count as no date of its own.
_PERIOD = LazyPattern(rf"\b{_ORDINAL}[\s-]+centur(?:y|ies)\b", re.I)
#: A decade ("the 1060s", "the 90s") dates a thing; it counts nothing.
_DECADE = LazyPattern(r"(?<![\d,.])[’']?\d{1,3}0[’']?s\b")
_BOTH = LazyPattern(r"\b(both|also)\b", re.I)
_QUOTED = LazyPattern(r"[\"“”]([^\"“”]{2,120})[\"“”]|(?<!\w)[‘']([^‘’']{2,120})[’'](?!\w)")
_NUMBER = LazyPattern(r"\d+(?:[.,]\d+)*")
#: A fraction written with a slash ("1/2", "3/4"), not a date ("3/4/2019").
_FRACTION = LazyPattern(r"(?<![\d/])\d{1,2}/\d{1,2}(?![\d/])")
_WORD = LazyPattern(r"[^\W_]+(?:[’'-][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class AnswerabilityPolicy:
    """Knobs of the constraint check, calibrated on the tuning halves of the question sets.

    A passage fails the question when the weights of the constraints it does
    not meet add up to 1 or more: a name, year, date, number or quoted phrase
    weighs 1; a rare term the passage lacks ``term_weight``; a term the index
    never saw ``unseen_weight`` (paraphrases bring words the articles never
    use, so one such word alone need not sink a passage). ``rare_terms``: a
    term whose rarity (``Lexicon.rarity``) is at least this is a constraint.
    ``consider``: how many of the ranked passages may supply the evidence.
    ``context_characters``: how far around a passage the paragraphs of its
    article may meet a name, and a year when ``years_in_context`` (as may the article's
    publication year; else a year must stand in the passage itself). ``min_coverage``: a
    passage whose window holds less than this IDF-weighted share of the
    question's terms fails too, naming the terms it lacks; so does one whose
    window holds less than ``min_topic_coverage`` of the terms that are not names
    (a passage that names the asked place but little of what is asked about it). ``asked_weight``:
    what a passage that mentions no thing of the asked kind (a number for "how
    many", a date for "when") weighs against it. ``contrast``: the kinds of
    constraint (``CONTRAST_KINDS``) the wider context may not meet while the
    passage's window names another thing of that kind (another country, year,
    place, person or organisation). ``reply_holds_asked``: a reply to a question
    asking for a number or date whose sentences mention none (``reply_lacks_asked``)
    becomes an abstention ("give no figure for …"). ``elsewhere_topic``: a passage that
    meets the constraints but is from another article than the better-ranked ones that
    fail them fails too when its topic coverage is below this share of theirs (0: never).
    ``rare_unseen_weight``: what an unseen word rare in English weighs (``unseen_weight``
    is for common ones). ``common_term_weight``: what a rare term that is a common
    English word weighs (``term_weight`` is for the others). ``correct_typos``: an unseen
    word one typo from a seen one stands for it. ``loose_names``: misspelt names of
    several words and names written apart or together may meet a window
    (``name_met_loosely``). ``counted_weight``: what the thing a "How many …?" question
    counts weighs when no passage of the index names it.
    """

    rare_terms: float = 0.6
    term_weight: float = 0.34
    unseen_weight: float = 0.0
    consider: int = 3
    context_characters: int = 4000
    years_in_context: bool = True
    min_coverage: float = 0.2
    min_topic_coverage: float = 0.0
    asked_weight: float = 1.0
    reply_holds_asked: bool = True
    contrast: tuple[str, ...] = (COUNTRY, YEAR, PLACE)
    elsewhere_topic: float = 0.8
    rare_unseen_weight: float = 0.67
    common_term_weight: float = 0.34
    correct_typos: bool = True
    loose_names: bool = True
    reply_of_another: bool = True
    counted_weight: float = 1.0

    def weight(self, constraint: Constraint) -> float:
        """How much failing this constraint counts against a passage."""
        if constraint.kind == NUMBER and len(constraint.terms[0]) < 3:
            return self.term_weight  # "the 2 pick", "10th week": small numbers are written out too
        if constraint.kind == TERM:
            return self.common_term_weight if common_word(constraint.text) else self.term_weight
        if constraint.kind == COUNTED:
            return self.counted_weight
        if constraint.kind == UNSEEN:
            word = constraint.text
            # An abbreviation ("TDs") is written many ways, a common word paraphrased, and
            # a word of three letters is as often a typo ("tot").
            rare = len(word) > 3 and not common_word(word) and not word.rstrip("s").isupper()
            return self.rare_unseen_weight if rare else self.unseen_weight
        return 1.0


@dataclass(frozen=True, slots=True)
class Assessment:
    """What the passages make of the question's constraints.

    ``meeting``: markers (1-based ranks) of the passages that do not fail the
    question (empty when it has no constraint: then any passage may do).
    ``closest``: the marker of the passage missing the least, and ``missing``
    what it misses when every passage fails (else empty); ``lacks_asked`` the
    kind of answer asked for (``number``, ``date``) when it mentions none, and ``measure``
    what that number measures when the question says ("population": ``measured``);
    ``shown``: which sentence of a checked reply the abstention shows as the closest (the
    figure said of another person, ``reply_of_another``).
    ``coverage``: IDF-weighted share of the question's terms in the best
    passage's window.
    """

    constraints: tuple[Constraint, ...]
    meeting: tuple[int, ...]
    closest: int
    missing: tuple[Constraint, ...]
    coverage: float
    lacks_asked: str | None = None
    measure: str = ""
    shown: int = 0

    @property
    def met(self) -> bool:
        """Whether the question may be answered: nothing is missing."""
        return not self.missing and self.lacks_asked is None

    def reply(self, closest: str, marker: int) -> str:
        """The abstention: what the articles don't give, then the closest sentence, e.g.
        "The indexed articles give no figure for Tajikistan and 2017. Closest: … [1]"."""
        missing = describe_missing(self.missing) if self.missing else "this"
        if self.lacks_asked is None and [c.kind for c in self.missing] == [OFFICE]:
            said = f"name no {missing}"  # "name no chairman of the Harbour Bank"
        elif self.lacks_asked is None and [c.kind for c in self.missing] == [SPEAKER]:
            said = f"quote nothing {missing} said"  # "quote nothing Ann Bell said"
        elif self.lacks_asked is not None:
            asked = " ".join(filter(None, (self.measure, _ASKED_WORDS[self.lacks_asked])))
            said = f"give no {asked} for {missing}"
        else:
            said = f"don't say this for {missing}"
        return f"The indexed articles {said}. Closest: {closest} [{marker}]"


def question_constraints(
    question: str, lexicon: Lexicon, policy: AnswerabilityPolicy
) -> tuple[Constraint, ...]:
    """The specific constraints of a question, in the order they appear in it."""
    found: list[tuple[int, Constraint]] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, kind: str, text: str, terms: tuple[str, ...]) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append((start, Constraint(kind, text, terms)))

    for match in _QUOTED.finditer(question):
        phrase = match.group(1) or match.group(2)
        add(match.start(), match.end(), QUOTE, phrase.strip(), tuple(plain_words(phrase)))
    words = list(_WORD.finditer(question))
    for match in words:
        if match.group().lower() in _MONTHS and match.group()[0].isupper():
            month = match.group().lower()
            add(
                match.start(),
                match.end(),
                DATE,
                match.group(),
                (month, *_MONTH_SHORT_FORMS.get(month, ())),
            )
    terms_of = dict(zip(words, lexicon.analyse([w.group() for w in words]), strict=True))
    for start, end in name_runs(question, words):
        text = question[start:end]
        # "Bowl-related": only the capitalised parts of a hyphenated word name something.
        parts = [p for p in re.split(r"[\s-]+", fold(text)) if p[:1].isupper() or p.isdigit()]
        parts = _without_titles(parts)
        analysed = lexicon.terms([" ".join(parts)])[0]
        terms = tuple(dict.fromkeys(fold(t) for t in analysed if not t.isdigit()))
        if terms:
            add(start, end, NAME, text, terms)
    for match in _FRACTION.finditer(question):  # "a 1/2 minute": half, neither 1 nor 2
        taken.append(match.span())
    for match in _NUMBER.finditer(question):
        digits = _digits(match.group())
        kind = YEAR if re.fullmatch(r"1[0-9]\d\d|20\d\d", digits) else NUMBER
        add(match.start(), match.end(), kind, match.group(), (digits,))
    # The word after "how" frames what is asked ("How old …?", "How far …?"): no constraint.
    framing = {b for a, b in itertools.pairwise(words) if a.group().lower() == "how"}
    if question.lower().startswith("how much"):
        # "How much money did it cost?": what a sum of money answers, no constraint.
        framing |= {w for w in words if w.group().lower() in ("money", "cost", "costs")}
    counted = _COUNTED.search(question)
    counted_at = counted.start(2) if counted else -1
    for match in words:
        if any(s <= match.start() < e for s, e in taken):
            continue
        if match.group().lower() in QUESTION_WORDS or match.group().lower() in REQUEST_WORDS:
            continue
        if match in framing:
            continue
        for term in terms_of[match]:
            if term.isdigit():
                continue
            if not lexicon.seen(term):
                # A misspelling ("purhcased") stands for the word the articles use.
                term = (lexicon.correction(match.group()) if policy.correct_typos else None) or term
            if not lexicon.seen(term):
                # What "How many …?" counts, when no article names it, no article counts.
                kind = COUNTED if match.start() == counted_at else UNSEEN
                if len(term) > 2:  # not a prefix such as the "co" of "co-organised"
                    add(match.start(), match.end(), kind, match.group(), (term,))
            elif lexicon.rarity(term) >= policy.rare_terms:
                add(match.start(), match.end(), TERM, match.group(), (term,))
    return tuple(c for _, c in sorted(found, key=lambda pair: pair[0]))


#: The last words of offices ("CEO", "Chairman", "Minister"), as a name run may end in one.
_OFFICE_WORDS = frozenset(form.split()[-1] for forms in OFFICES for form in forms)


def _without_titles(parts: list[str]) -> list[str]:
    """The words of a name run that name someone or something: without a courtesy title
    before them ("Mr Mezzour", "Dr. Park": the article may write "Ryad Mezzour") or an
    office after them ("Renault's CEO", "the Harbour Bank Chairman": Renault, whose office
    the rules on offices and speakers read), when other words remain."""
    while len(parts) > 1 and _courtesy(parts[0]):
        parts = parts[1:]
    while len(parts) > 1 and _office_word(parts[-1]):
        parts = parts[:-1]
    return parts


def _courtesy(word: str) -> bool:
    """Whether a word is a courtesy or academic title ("Mr", "Dr.")."""
    return word.rstrip(".").lower() in COURTESY_TITLES


def _office_word(word: str) -> bool:
    """Whether a word is the last word of an office ("CEO", "Chairman's")."""
    return re.sub(r"[’']s$", "", word).lower() in _OFFICE_WORDS


@dataclass(frozen=True, slots=True)
class PassageCheck:
    """One passage against the question: the constraints it does not meet, the
    question's terms its window lacks (as ``term`` constraints), its coverage, and
    whether it mentions a thing of the kind the question asks for (a number for
    "how many", a date for "when") that the question does not already name.
    ``topic``: the coverage of the question's terms that are not names (what it
    asks about them). ``named``: how a reply names each unmet constraint
    (``Evidence.unmet_part``: of "GDP of Mongolia", the "Mongolia" the passage
    lacks), in the order of ``unmet``. ``article``: the id of the passage's article."""

    unmet: tuple[Constraint, ...]
    uncovered: tuple[Constraint, ...]
    coverage: float
    holds_asked: bool = True
    named: tuple[Constraint, ...] = ()
    topic: float = 1.0
    article: str = ""


def check_passages(
    question: str, passages: Sequence[Hit], snapshot: Storage, policy: AnswerabilityPolicy
) -> tuple[tuple[Constraint, ...], list[PassageCheck]]:
    """The question's constraints, and each of the first ``consider`` passages checked on them."""
    lexicon = Lexicon.of(snapshot)
    considered = passages[: policy.consider]
    # "the EurasiaNet article": a name that is the outlet or author of a retrieved
    # article points at that source; it is met by its presence, not by each passage.
    sources = [
        folded(lexicon.terms([f"{hit.article.outlet or ''} {hit.article.author or ''}"])[0])
        for hit in considered
    ]
    constraints = tuple(
        c
        for c in question_constraints(question, lexicon, policy)
        if not (c.kind == NAME and any(set(c.terms) <= source for source in sources))
    )
    terms = _question_terms(question, lexicon)
    spellings = _spelling_variants(terms, lexicon)
    name_terms = {t for c in constraints if c.kind == NAME for t in c.terms}
    weighed = _weighed_terms(terms, constraints, lexicon, policy)
    topic_terms = [(w, t) for w, t in weighed if fold(t) not in name_terms and not t.isdigit()]
    asked = surface_kind(question)
    mentioned = things(question)
    kinds = _kinds_of(question, constraints)
    named = Asked.of(question, lexicon)
    checks = []
    article_words: dict[str, list[str]] = {}  # passages of one article read it once
    for hit in considered:
        evidence = Evidence(
            hit,
            snapshot,
            lexicon,
            policy.context_characters,
            policy.years_in_context,
            policy.loose_names,
            article_words,
        )
        unmet = tuple(
            c
            for c in constraints
            if not evidence.meets(
                c, kinds.get(c) if kinds.get(c) in policy.contrast else None, named
            )
        )
        # A name the evidence meets ("Kyrgyzstan" by "Kyrgyz") leaves none of its terms uncovered.
        met_names = {t for c in constraints if c.kind == NAME and c not in unmet for t in c.terms}
        uncovered = tuple(
            Constraint(TERM, word, (term,))
            for word, term in terms
            if not evidence.holds(term, spellings) and fold(term) not in met_names
        )
        holds = asked is None or _gives(asked, hit.chunk.text, question, mentioned)
        named_parts = tuple(evidence.unmet_part(c) for c in unmet)
        # A name met otherwise than word for word ("America": "United States") is covered.
        shares = [
            (lexicon.idf(t), fold(t) in met_names or evidence.holds(t, spellings))
            for _, t in weighed
        ]
        coverage = (
            sum(w for w, held in shares if held) / sum(w for w, _ in shares) if shares else 1.0
        )
        topic = evidence.coverage(topic_terms, lexicon, spellings)
        article = hit.article.article_id
        checks.append(PassageCheck(unmet, uncovered, coverage, holds, named_parts, topic, article))
    return constraints, checks


def _weighed_terms(
    terms: Sequence[tuple[str, str]],
    constraints: Sequence[Constraint],
    lexicon: Lexicon,
    policy: AnswerabilityPolicy,
) -> list[tuple[str, str]]:
    """The question's terms as its coverage counts them, as its constraints count them: a
    misspelling ("purhcased") as the word it stands for, and without the words no article
    uses that weigh nothing as constraints (common words a paraphrase brings: "see",
    "bad") or that are titles and offices ("Mr", "CEO": ``_without_titles``), which would
    otherwise take the largest shares of all. A question left with no
    term is one told wholly in other words than the articles': its meaning alone (the
    dense score) tells whether they are on topic."""
    paraphrased = {c.terms[0] for c in constraints if c.kind == UNSEEN and policy.weight(c) == 0}
    weighed = []
    for word, term in terms:
        if term in paraphrased or (
            not lexicon.seen(term) and (_courtesy(word) or _office_word(word))
        ):  # "Mr", "CEO" no article writes: what names and offices are read by
            continue
        if not lexicon.seen(term) and policy.correct_typos:
            term = lexicon.correction(word) or term
        weighed.append((word, term))
    return list(dict.fromkeys(weighed))


def assess(
    question: str,
    passages: Sequence[Hit],
    snapshot: Storage,
    policy: AnswerabilityPolicy | None = None,
) -> Assessment:
    """Which passages meet the question's constraints, and what the closest one lacks."""
    policy = policy or AnswerabilityPolicy()
    constraints, checks = check_passages(question, passages, snapshot, policy)
    if checks and (_BOTH.search(question) or _parts_named_apart(question, constraints)):
        # "according to both X and Y", "… and is also …", a question in parts each naming
        # its own day, place or name ("Where does he land on Friday, and where does he go on
        # Sunday?"): two things asked, from two passages maybe; the passages may meet the
        # constraints together.
        together = PassageCheck(
            tuple(c for c in checks[0].unmet if all(c in check.unmet for check in checks)),
            tuple(c for c in checks[0].uncovered if all(c in check.uncovered for check in checks)),
            max(check.coverage for check in checks),
            any(check.holds_asked for check in checks),
            topic=max(check.topic for check in checks),
        )
        checks = [together] * len(checks)
    weights = []
    for check in checks:
        weight = sum(policy.weight(c) for c in check.unmet)
        weight += 1 if check.coverage < policy.min_coverage else 0
        weight += 1 if check.topic < policy.min_topic_coverage else 0
        weights.append(weight + (0 if check.holds_asked else policy.asked_weight))
    sunk = _off_topic_elsewhere(checks, weights, policy.elsewhere_topic)
    # A passage that met every constraint but speaks of something else: the names are
    # in the articles, what is asked of them is not ("give no figure for Syria").
    named_elsewhere = any(a < 1 <= b for a, b in zip(weights, sunk, strict=True))
    weights = sunk
    coverage = checks[0].coverage if checks else 0.0
    meeting = tuple(i for i, weight in enumerate(weights, start=1) if weight < 1)
    if meeting or not checks:
        return Assessment(constraints, meeting, meeting[0] if meeting else 1, (), coverage)
    closest = min(range(len(weights)), key=lambda i: (weights[i], i))
    check = checks[closest]
    # Name what sank the passage: the constraints that weigh 1 if it missed any.
    decisive = [c for c in check.unmet if policy.weight(c) >= 1]
    if decisive:  # and the rare words no article uses: none says it of them either
        rare = [c for c in check.unmet if c.kind == UNSEEN and policy.weight(c) > 0]
        decisive += [c for c in rare if c not in decisive]
        decisive.sort(key=lambda c: question.find(c.text))
    missing = decisive or list(check.unmet)
    thin = check.coverage < policy.min_coverage or check.topic < policy.min_topic_coverage
    if not decisive and thin:  # and the words it lacks
        missing.extend(c for c in check.uncovered if all(c.text != m.text for m in missing))
        missing.sort(key=lambda c: question.find(c.text))
    shown = dict(zip(check.unmet, check.named, strict=False))
    missing = [shown.get(c, c) for c in missing]
    lacks = None if check.holds_asked and not named_elsewhere else surface_kind(question)
    measure = ""
    if lacks is not None:  # "give no age figure for Jo Lind", not "give no figure for this"
        measure = " ".join(measured(question))
        if not decisive:  # what the figure was asked for, rather than the words lacking
            missing = list(_asked_for(question, constraints)) or missing
    return Assessment(constraints, (), closest + 1, tuple(missing), coverage, lacks, measure)


def _parts_named_apart(question: str, constraints: Sequence[Constraint]) -> bool:
    """Whether the question asks in parts (``question_parts``) and each part names a name,
    year, date or number of its own ("… land in on Friday, and where does he travel on to on
    Sunday?"): each part may be told by another passage. A part naming nothing of its own
    ("Who won the 2019 election and with what share of the vote?") asks of the same names
    as the others, which one passage must then meet."""
    parts = question_parts(question)
    if len(parts) < 2:
        return False
    named = [c.text for c in constraints if c.kind in (NAME, YEAR, DATE, NUMBER)]
    return all(
        any(
            text in part and not any(text in other for other in parts if other is not part)
            for text in named
        )
        for part in parts
    )


def _off_topic_elsewhere(
    checks: Sequence[PassageCheck], weights: list[float], ratio: float
) -> list[float]:
    """The weights with a passage sunk (weighing more than any failing one) when it meets
    the constraints but comes from another article than the better-ranked passages that
    fail them, and covers less than ``ratio`` of their best ``topic``: "How many dairy
    cows are there in Syria?" finds Victoria's dairy farms first, and Syria only in an
    article on the Normans, which says nothing of cows. The constraint is met only
    where the question's subject is not."""
    out = list(weights)
    failing: list[int] = []
    for i, (check, weight) in enumerate(zip(checks, weights, strict=True)):
        if weight >= 1:
            failing.append(i)
            continue
        if not failing or any(checks[j].article == check.article for j in range(i)):
            break  # the first passage, or one of an article already ranked: it stands
        if check.topic >= ratio * max(checks[j].topic for j in failing):
            break
        out[i] = 1 + max(weights)
        failing.append(i)
    return out


def surface_kind(question: str) -> str | None:
    """The kind of answer the question asks for when a passage's surface shows it
    reliably: a number ("how many", "what is the population of") or a date; else None."""
    asked = asked_kind(question)
    if asked == ASKED_DATE and _CLOCK_TIME.search(question):
        # "What time did …?" is answered by "at 9:30am" or "in 24.21 seconds": a figure, no date
        return ASKED_NUMBER
    if asked in _SURFACE_KINDS:
        return asked
    if asked is None and (_QUANTITY.search(question) or asks_age(question)):
        return ASKED_NUMBER
    return None


def reply_lacks_asked(
    question: str, sentences: Sequence[str], around: Sequence[str] = ()
) -> str | None:
    """``number`` when the question asks for one (``surface_kind``) and no sentence of
    the reply gives a figure the question does not already name: a "how many" reply
    without a figure is no answer, whatever its passage holds elsewhere. A figure is a
    number that is not a year or the day of a date ("November 3"), or a number word; for
    a question about time, a span said in words ("for a year") too.
    A figure of something else is no answer either: "What is the population of
    Kazakhstan?" needs a reply that speaks of population (``measured``), not one that
    counts NGOs; an age ("How old is …?") may stand in the passages the reply is drawn from
    (``around``: "at the age of 31" a sentence away from the one chosen), but it must stand
    there, as news gives one (``gives_age``: "aged 31", "the 31-year-old", "Jane Doe,
    31,"). A decade ("the 1060s") is no figure, nor, for "How many <things> …?", a rank of
    something else ("his 50th cap" for "How many goals …?": ``_without_ranks``). (Dates are
    not checked here: a year such as 911 reads as a plain number.)"""
    if surface_kind(question) != ASKED_NUMBER:
        return None
    # "in the last three years" counts no people, but "two thousand hours" may be how much
    # leave was taken.
    if not _ASKS_TIME.search(question) and not _HOW_MUCH.search(question):
        sentences = [_DURATION.sub(" ", s) for s in sentences]
    many = _HOW_MANY_WORDS.search(question)
    counted = many.group(1).split()[0] if many else ""
    if _plural_noun(counted):  # "his 50th cap" ranks a cap: it counts no goals
        sentences = [_without_ranks(s, singular(counted)) for s in sentences]
    known = _figures(question)
    spans = bool(_ASKS_TIME.search(question))  # "for a year" answers "How long …?"
    if not any(_figures(s) - known or (spans and _SPAN_IN_WORDS.search(s)) for s in sentences):
        return ASKED_NUMBER
    if _ASKS_PERCENTAGE.search(question) and not any(_PERCENTAGE.search(s) for s in sentences):
        return ASKED_NUMBER  # "By what percentage …?" is not answered by "the top ten reasons"
    if measured(question) == ["age"]:
        return None if any(gives_age(t) for t in [*sentences, *around]) else ASKED_NUMBER
    words = plain_words(" ".join(sentences))
    speaks_of = all(
        any(w.startswith(said) for w in words for said in _said_as(m)) for m in measured(question)
    )
    return None if speaks_of else ASKED_NUMBER


#: A span of time said without a number: "for a year", "half an hour", "a few weeks".
_SPAN_IN_WORDS = LazyPattern(
    rf"\b(?:an?|half\s+an?|a\s+few|several)\s+(?:(?:full|whole|single|further)\s+)?{_TIME_UNIT}\b",
    re.I,
)
#: A question asking for a percentage, which only a share answers ("12%", "a third").
_ASKS_PERCENTAGE = LazyPattern(
    r"\b(?:what|which|by\s+what|how\s+many)\s+(?:percentage|percent|per\s+cent)\b", re.I
)
_PERCENTAGE = LazyPattern(
    r"%|\bper\s*cent|\bpercent|\b(?:half|halves|thirds?|quarters?|fifths?|tenths?)\b"
    r"|\bone\s+in\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\b",
    re.I,
)
_DIGIT_RANK = LazyPattern(r"\b\d+(?:st|nd|rd|th)\b(?:[\s-]+([\w-]+))?(?:\s+([\w-]+))?", re.I)


def _without_ranks(sentence: str, counted: str) -> str:
    """The sentence without its ranks in digits ("his 50th cap") but those of the counted
    thing ("his 50th goal" tells 50 goals)."""

    def keep(match: re.Match[str]) -> str:
        after = [w.lower() for w in match.groups() if w]
        return match.group() if any(w.startswith(counted[:4]) for w in after) else " "

    return _DIGIT_RANK.sub(keep, sentence)


def reply_of_another(
    question: str,
    sentences: Sequence[str],
    constraints: Sequence[Constraint],
    around: Sequence[str] = (),
) -> Constraint | None:
    """The asked person or country whose figure the reply gives only for another
    (``figure_of_another``), else None."""
    found = figure_of_another(question, sentences, constraints, around)
    return None if found is None else found[0]


def figure_of_another(
    question: str,
    sentences: Sequence[str],
    constraints: Sequence[Constraint],
    around: Sequence[str] = (),
    ledes: Sequence[str] = (),
) -> tuple[Constraint, int] | None:
    """The person or country a number or date question asks about ("How much did Iran pay
    Vahid Hashemian?", "How many Germans died?") when the reply gives its figures for
    someone else: no sentence of the reply holding a figure (or date) names it, and one
    of them names a rival of its kind (another person, another country) that the question
    does not name. A figure "arash miresmaeili" was paid is no figure for Hashemian,
    however near the article names him. A figure sentence that speaks of a person only as
    "he" or "she" speaks of the last person the text before it names (``around``: the
    passages the reply is drawn from, with their neighbourhood): "every time she breaks
    the record she gets $30,000" after a sentence on Isinbayeva is no figure for Kelly
    Holmes, and one after a sentence naming the asked person is hers. With the asked
    one, the index in ``sentences`` of the first figure said of another (what an
    abstention shows as the closest). A figure (a number, not a date) that a sentence
    puts in no place is the story's: when the first sentence of every article the reply
    is drawn from (``ledes``) puts the story in another place than the asked one
    ("Crews across the Kelso Valley …"), "90 barns were lost" is no figure for Dunmore,
    unless a sentence just before it names the asked place ("those villages"). A title
    the asked person shares with others names none of them: "In 1997, President Bill
    Clinton imposed …" gives no date of President Trump's, and names a rival."""
    asked = surface_kind(question)
    if asked is None:
        return None
    kinds = _kinds_of(question, constraints)
    surnames = _surnames([*around, *ledes])
    for c in constraints:  # "How many Germans": a people counted ("Russian activists" is not)
        if c.kind == NAME and " " not in c.text and c.text.endswith("s") and country_of(c.text):
            kinds[c] = COUNTRY
        elif c.kind == NAME and c not in kinds and _one_word(c.text) in surnames:
            kinds[c] = PERSON  # "When did Herbert …?" of the Jo Herbert the text names in full
    # A name a place preposition puts the asked thing in is a place ("at Mill Cross", "in
    # Harbour Cup history"), whatever its capitals say; "Super Bowl 50" and "Song of the
    # Sea" are no persons either.
    slots = _place_slots(question, constraints, kinds)
    subjects = [
        c
        for c in constraints
        if kinds.get(c) == COUNTRY
        or (
            kinds.get(c) == PERSON
            and c not in slots
            and not _NUMBER.search(c.text)
            and not _titled(c, question)
            and not _QUALIFIES.match(question, question.find(c.text) + len(c.text))
        )
    ]
    for c in slots:
        subjects.append(c)
        kinds[c] = PLACE
    for c in constraints:  # "win Virginia": a place, in no slot, that another state rivals
        if kinds.get(c) == PLACE and c not in slots:
            subjects.append(c)
            kinds[c] = _REGION
    ages = measured(question) == ["age"]
    role = _AGE_OF_ROLE.search(question) if ages else None
    if role is not None and role.group(1) in _ANYONE:
        other_gender = _age_of_other_gender(role.group(1), sentences, around)
        if other_gender is not None:  # "How old was the woman …?": "a 45-year-old man"
            word = role.group(1)
            return Constraint(NAME, f"the {word}", (word,)), other_gender
        role = None  # "How old is the man arrested …?": "Tom Ray, 41, was arrested" may be his
    if ages:  # whose age: the one right after "How old is", by name or by what they are
        found = _ASKS_AGE_OF.search(question)
        at = found.end() if found else -1
        subjects = [
            c
            for c in constraints
            if c.kind == NAME
            and question.find(c.text) >= at >= 0
            and re.fullmatch(r"(?:[\w.]+\s+)?", question[at : question.find(c.text)])
        ]
        kinds.update(dict.fromkeys(subjects, PERSON))
        if role is not None:  # "How old was the driver …?"
            subjects = [Constraint(NAME, f"the {role.group(1)}", (role.group(1).lower(),))]
            kinds[subjects[0]] = PERSON
    if not subjects:
        return None
    if ages:  # a figure that is no age is no one's age
        giving = [s for s in sentences if gives_age(s)]
    elif asked == ASKED_NUMBER:
        known = _figures(question)
        # "Peru, the second-largest producer" ranks Peru: it gives no amount of Peru's.
        ranks_only = _HOW_MANY_WORDS.search(question) or _HOW_MUCH.search(question)
        giving = [s for s in sentences if _figures(s, ranks=not ranks_only) - known]
    else:
        mentioned = things(question)
        giving = [s for s in sentences if _gives(asked, s, question, mentioned)]
    if not giving:
        return None
    # Whose figure it is: any figure sentence naming the asked one may give it; which
    # figure is meant: of "How many boats …?", the sentences counting boats when some do.
    counting_only = [s for s in giving if _counts(question, s)]
    counting = counting_only or giving
    question_words = set(plain_words(fold(question)))
    for subject in subjects:
        words = [w for w in plain_words(fold(subject.text)) if len(w) > 1 and w != "the"]
        kind = kinds[subject]
        if kind == PERSON:  # "President Bill Clinton" does not name President Trump
            words = [w for w in words if w not in PERSON_TITLES] or words
        if ages and kind == PERSON:
            # Whose age each sentence gives: the one it stands with ("the 24-year-old Berg
            # beat Lund" gives no age of Lund's), else the person the sentence speaks of.
            whose = [
                _age_of(s, words, role is not None, around, question_words, surnames)
                for s in giving
            ]
            if True not in whose and False in whose and not _age_around(words, role, around):
                return subject, sentences.index(giving[whose.index(False)])
            continue
        if kind == PLACE and any(_in_place(slots[subject], s, words) for s in giving):
            continue  # "remain on Fernholm"
        naming = [s for s in giving if _names_any(words, s)]
        if naming and not (
            kind == PLACE
            and not any(_mentions_counted(question, s) for s in naming)
            and any(_other_in_slot(slots[subject], s, question_words, words) for s in counting_only)
        ):  # "30 nurses flown to Fernholm" stands, unless the patients are put elsewhere
            continue
        # Of each figure sentence: whether it speaks of the asked one (True), of another
        # (False), or names nobody (None: "Britain lost 3-2" says nothing either way).
        spoken_of: list[bool | None] = []
        for sentence in counting:
            if kind == PLACE:
                if _other_in_slot(slots[subject], sentence, question_words, words):
                    spoken_of.append(False)
                elif _PLACE_ANAPHOR.search(sentence):  # "in this area": the place before
                    spoken_of.append(
                        _placed_before(sentence, around, slots[subject], words, question_words)
                    )
                else:
                    spoken_of.append(None)
            elif _names_rival(kind, sentence, question_words, surnames):
                spoken_of.append(False)
            elif kind == PERSON and _PERSON_PRONOUN.search(sentence):
                spoken_of.append(_named_before(sentence, around, words, question_words, surnames))
            else:
                spoken_of.append(None)
        if True not in spoken_of and False in spoken_of:
            return subject, sentences.index(counting[spoken_of.index(False)])
        if (
            kind == PLACE
            and asked == ASKED_NUMBER
            and set(spoken_of) == {None}
            and _told_elsewhere(words, ledes)
            and not any(_said_before(s, around, words) for s in counting)
        ):
            return subject, sentences.index(counting[0])
    return None


def named_beside_figure(
    question: str,
    sentences: Sequence[str],
    constraints: Sequence[Constraint],
    about: Sequence[str] = (),
) -> tuple[Constraint, int] | None:
    """A name a number or date question puts its figure with ("How many homes lost power
    in Asturias?") that the reply names only in a sentence beside its figures, never in a
    sentence giving one ("… cut power to 120,000 homes" and "In neighbouring Asturias, the
    storm closed a motorway"): the figure is of something else than the named one, and the
    name stood only beside it. With the name, the index of the first figure sentence.
    Not read: a name that what the reply's articles are about (``about``: their titles and
    ledes) holds, since a sentence need not repeat what its whole story is about; a
    country (``figure_of_another`` weighs those); an age, said of "the 30-year-old"; a
    question asking two things; and a reply whose figure sentences speak of someone or
    something by a pronoun ("It was founded in 1952"), which may stand for the name."""
    asked = surface_kind(question)
    if asked is None or measured(question) == ["age"] or _TWO_ASKS.search(question):
        return None
    if asked == ASKED_NUMBER:
        figured, giving = _figure_sentences(question, sentences)
    else:
        mentioned = things(question)
        giving = figured = [s for s in sentences if _gives(asked, s, question, mentioned)]
    if not giving or any(_speaks_of_before(s, question) for s in giving):
        return None
    kinds = _kinds_of(question, constraints)
    story = " ".join(about)
    for c in constraints:
        if c.kind != NAME or kinds.get(c) == COUNTRY or country_of(c.text) is not None:
            continue
        words = [w for w in plain_words(fold(c.text)) if len(w) > 1 and w != "the"]
        words = [w for w in words if not common_word(w)] or words
        if not words or _names_any(words, story) or any(_names_any(words, s) for s in figured):
            continue
        first = sentences.index(giving[0])
        if any(_names_any(words, s) for s in sentences[:first]):
            continue  # what the reply's lead names, the figure after it may speak of
        if any(_names_any(words, s) for s in sentences if s not in figured):
            return c, first
    return None


def _figure_sentences(question: str, sentences: Sequence[str]) -> tuple[list[str], list[str]]:
    """The sentences of a reply to a number question that give a figure the question does
    not name, and of those the ones giving the asked figure: of "How many homes …?", those
    naming homes, when some do. A code ("the A-8 motorway") gives no figure, nor a measure
    or a time ("a 42-kilometre stage", "for six hours") a count of things."""
    known = _figures(question)
    ranks_only = _HOW_MANY_WORDS.search(question) or _HOW_MUCH.search(question)
    plain = [_CODE.sub(" ", s) for s in sentences]
    if _counted_head(question) is not None:
        plain = [_MEASURE.sub(" ", s) for s in plain]
    elif not _ASKS_TIME.search(question) and not _HOW_MUCH.search(question):
        plain = [_DURATION.sub(" ", s) for s in plain]
    figured = [
        s
        for s, p in zip(sentences, plain, strict=True)
        if _figures(p, ranks=not ranks_only) - known
    ]
    return figured, [s for s in figured if names_counted(question, s)] or figured


def _speaks_of_before(sentence: str, question: str = "") -> bool:
    """Whether the sentence speaks of someone or something named before it: it opens on a
    pronoun or a bare noun ("It was founded …", "The company said …"), or on "the" and a
    noun the question names ("The eight-module course …" for "How many modules does the
    Revolutionary War course have?"), or holds a pronoun ("… when she was 20", a speaker's
    "we" or "our") that no name earlier in the sentence stands before."""
    if _ANAPHOR.match(sentence) or _names_asked_thing(sentence, question):
        return True
    if _SPEAKERS_OWN.search(sentence):
        return True
    found = _PRONOUN.search(sentence)
    return found is not None and not _NAMED_WORD.search(sentence, 1, found.start())


def _names_asked_thing(sentence: str, question: str) -> bool:
    """Whether the sentence opens on "The" and, within a few words none of them a name, a
    noun the question names in lower case, not the one it counts ("The eight-module course
    …" for "How many modules does the Revolutionary War course have?"): it speaks of the
    asked thing, which the text named before ("The Atacama telescope …" names another)."""
    opening = _DEFINITE_OPENING.match(sentence)
    if opening is None or not question:
        return False
    counted = _counted_head(question)
    asked = {
        w.lower()
        for w in re.findall(r"\b[a-z][a-z'’-]+\b", question)
        if w not in _NO_THING and (counted is None or w != counted[1])
    }
    for word in opening.group(1).split():
        if word.lower() in asked:
            return True
        if not word.islower():
            return False  # a name: another thing of the kind ("The Atacama telescope")
    return False


#: "The" and the few words after it, up to the first verb-like break.
_DEFINITE_OPENING = LazyPattern(r"The\s+((?:[\w'’-]+\s+){0,2}[\w'’-]+)\b")
#: A pronoun, which may stand for a name the text gave before.
_PRONOUN = LazyPattern(r"\b(?:it|its|he|she|his|her|him|they|their|them)\b", re.I)
#: A speaker's own party, named around the quote, not in it ("With 6 million cars sold, we
#: believe …", said a carmaker's manager), whatever names stand before it.
_SPEAKERS_OWN = LazyPattern(r"\b(?:we|our)\b", re.I)
#: A capitalised word inside a sentence: a name.
_NAMED_WORD = LazyPattern(r"\b[A-Z][\w'’-]+")
#: A figure of a measure or a time ("a 42-kilometre stage", "for six hours"), which counts
#: no things.
_MEASURE = LazyPattern(
    rf"(?:\b\d[\d,.]*|{_NUMBER_WORD.pattern})[\s-]+(?:{_TIME_UNIT}|(?:kilo|centi|milli)?"
    r"met(?:re|er)s?|km|miles?|feet|foot|inches|yards?|tonnes?|tons?|kilo(?:gram)?s?|kg|"
    r"litres?|liters?|hectares?|acres?|degrees?|knots?)\b",
    re.I,
)
#: A code of letters and digits, no figure ("the A-8 motorway", "an F-16", "M25").
_CODE = LazyPattern(r"\b[A-Za-z]+-\d[\w-]*|\b[A-Z]+\d[\w-]*")
#: A question asking two things ("How many …, and how many …?").
_TWO_ASKS = LazyPattern(r"\band\s+(?:how|when|what|which|who|where)\b", re.I)
#: A sentence opening on a pronoun or a bare noun of what was named before ("It was
#: founded …", "The company said …"), which may stand for the asked name.
_ANAPHOR = LazyPattern(
    r"(?:It|He|She|They|Its|His|Her|Their|This|These|Those)\b"
    r"|The\s+(?:company|group|firm|bank|club|team|side|party|city|town|country|state|"
    r"government|ministry|agency|council|court|league|band|film|show|storm|planet|museum|"
    r"university|school|hospital|festival|race|event|project|plan|report|study|survey)\b"
)


def _age_around(words: Sequence[str], role: re.Match[str] | None, around: Sequence[str]) -> bool:
    """Whether the text around the reply gives the asked one's age where the reply gives
    another's ("a 41-year-old cyclist" a few sentences on, for "How old was the
    cyclist …?"; "Jo Lind, 41," for "How old is Jo Lind?"): the articles hold it, so
    the reply may not say they don't."""
    for text in around:
        for sentence in _SENTENCE_END.split(text):
            if not gives_age(sentence):
                continue
            if role is not None and any(
                h.group(1).lower() == role.group(1).lower()
                for h in _AGE_THEN_HOLDER.finditer(sentence)
            ):
                return True
            if (
                role is None
                and words
                and any(
                    h.group(1).split()[-1].lower() == words[-1] or h.group(1).lower() == words[-1]
                    for h in (
                        *_HOLDER_APPOSED.finditer(sentence),
                        *_HOLDER_THEN_AGE.finditer(sentence),
                    )
                )
            ):
                return True
    return False


#: Words of one gender and the other's: "a 45-year-old man" is no age of "the woman".
_OTHER_GENDER = {
    "man": "woman", "woman": "man", "men": "women", "women": "men", "boy": "girl",
    "girl": "boy",
}  # fmt: skip


def _age_of_other_gender(asked: str, sentences: Sequence[str], around: Sequence[str]) -> int | None:
    """The index of the first sentence giving an age when every age of the reply stands
    with a word of the other gender than the asked one ("How old was the woman …?" answered
    by "a 45-year-old man died") and no age stands with the asked word or a name, in the
    reply or around it; else None."""
    other = _OTHER_GENDER.get(asked)
    if other is None:
        return None
    first = None
    for i, sentence in enumerate(sentences):
        if not gives_age(sentence):
            continue
        holders = [m.group(1) for m in _AGE_THEN_HOLDER.finditer(sentence)]
        holders += [m.group(1) for m in _HOLDER_APPOSED.finditer(sentence)]
        holders += [m.group(1) for m in _HOLDER_THEN_AGE.finditer(sentence)]
        if not holders or any(h != other for h in holders):
            return None
        first = i if first is None else first
    if first is None or any(re.search(rf"{_AGE}\s+{asked}\b", text, re.I) for text in around):
        return None
    return first


#: "How old was the driver …?": the person asked about by what they are, not by name.
_AGE_OF_ROLE = LazyPattern(r"\b[Hh]ow\s+old\s+(?:is|was|are|were)\s+the\s+([a-z]+)\b")
_ASKS_AGE_OF = LazyPattern(r"\b[Hh]ow\s+old\s+(?:is|was|are|were)\s+")
_AGE = r"(?:\d{1,3}|[a-z]+)[- ]years?[- ]old\b"
#: An age in apposition: "The driver, a 41-year-old …", "Jo Lind, the 41-year-old …".
_HOLDER_APPOSED = LazyPattern(
    rf"\b((?:[A-Z][\w’'-]*\s+){{0,3}}[A-Z][\w’'-]*|[a-z]+),\s+(?:a|an|the)\s+(?:[a-z-]+\s+)?{_AGE}"
)
#: An age and the one it stands with: "the 24-year-old Berg", "a 41-year-old cyclist" …
_AGE_THEN_HOLDER = LazyPattern(rf"\b{_AGE}\s+((?:[A-Z][\w’'-]*\s+){{0,3}}[A-Z][\w’'-]*|[a-z]+)")
#: Words after "the 24-year-old" that say who only in general ("a 41-year-old man"): the
#: asked one may be meant.
_ANYONE = frozenset(
    "man woman person men women people resident local youth teenager boy girl child".split()
)
#: … "Berg, 24,", "Berg, aged 24", "Berg (24)".
_HOLDER_THEN_AGE = LazyPattern(
    r"\b([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})(?:,\s+(?:aged\s+)?\d{1,3}(?=[,)]|\s+\()"
    r"|\s+\(\d{1,3}\))"
)
#: Words after "the 24-year-old" that name no one: it is the subject of what follows.
_NO_HOLDER = frozenset(
    "to who and was is has had will would could can may might said says told made won beat "
    "lost took became remains faces".split()
)


def _age_of(
    sentence: str,
    words: Sequence[str],
    by_role: bool,
    around: Sequence[str],
    asked: set[str],
    surnames: frozenset[str],
) -> bool | None:
    """Whether the sentence gives the age of the asked person (``words``: their name, or
    what they are, ``by_role``: "driver"): True when an age stands with them ("the
    24-year-old Berg", "Berg, 24,", "the 41-year-old driver", "The driver, a 41-year-old
    from Kelso"), False when every age stands with another ("a 41-year-old cyclist" for the
    driver; "a 41-year-old man" may be anyone). An age standing with no one
    ("The champion 19-year-old won") is of the asked person when the sentence names them,
    else of the last one named before it (``around``), as "he" would be; an age given
    otherwise ("died aged 72") is of the one the sentence names. None when unknown."""
    holders = []
    for found in _HOLDER_APPOSED.finditer(sentence):  # "The driver, a 41-year-old from Kelso"
        holder = found.group(1)
        if holder[0].isupper() or holder in words:
            holders.append(holder)
            sentence = sentence.replace(found.group(), " ")
    holders += [m.group(1) for m in _AGE_THEN_HOLDER.finditer(sentence)]
    holders += [m.group(1) for m in _HOLDER_THEN_AGE.finditer(sentence)]
    verdicts: list[bool | None] = []
    for holder in holders:
        if holder[0].isupper():  # a name, unless an abbreviation ("the 63-year-old UN chief")
            named = not all(w.isupper() for w in holder.split())
            verdicts.append(_names_any(words, holder) if named else None)
        elif holder in words:
            verdicts.append(True)
        elif (
            holder in _NO_HOLDER
            or holder in _ANYONE
            or holder in FUNCTION_WORDS
            or holder in PREPOSITIONS
            or holder.endswith(("ed", "ing", "ly"))
        ):
            verdicts.append(None)
        else:  # "a 41-year-old cyclist": a person by what they are
            verdicts.append(False if by_role else None)
    if True in verdicts:
        return True
    if verdicts and None not in verdicts:
        return False
    if _names_any(words, sentence):
        return True
    if by_role:
        return None
    if not verdicts and _names_rival(PERSON, sentence, asked, surnames):
        return False
    return _named_before(sentence, around, words, asked, surnames)


def _titled(name: Constraint, question: str) -> bool:
    """Whether a one-word name is part of a title joined by "of the" or "for the" ("Song"
    and "Sea" of "Song of the Sea"), which no person's name is; a name of several
    words stays a person's ("Jane Doe of the Greens")."""
    if " " in name.text:
        return False
    text = re.escape(name.text)
    joined = r"\s+(?:of|for)\s+the\s+"
    return bool(re.search(rf"\b{text}{joined}[A-Z]|[A-Z][\w’'-]*{joined}{text}\b", question))


#: Prepositions that put a thing in a place; "in", "at", "around" and "near" say one
#: thing, "on" ("on Fernholm") and "from" ("crews from Alby") each their own.
_LOCATIVES = {
    "in": "in", "at": "in", "around": "in", "near": "in", "across": "in", "throughout": "in",
    "on": "on", "from": "from",
}  # fmt: skip
_SLOT_NAME = r"((?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)"
#: What may stand between a place preposition and the place: the region holding it, where
#: in it and what it is ("in Norway's northern Kelso province", "in the south-eastern Kelso
#: Valley", "near the coastal town of Kelso").
_DESCRIBED = (
    r"(?:the\s+)?(?:[A-Z][\w-]*['’]s\s+)?"
    r"(?:(?:far\s+)?(?:north|south|east|west|central|outer|inner|remote|rural)[\w-]*\s+)?"
    r"(?:(?:[\w-]+\s+){0,3}?(?:city|town|village|suburb|province|state|region|district|"
    r"capital|island|port)\s+of\s+)?"
)
#: The word a measure's unit stands before ("How many kilometres long …?", "How many years
#: ago …?"): what it measures, not what is counted, which is the unit.
_MEASURED_BY = (
    r"(?:long|tall|high|wide|deep|thick|old|heavy|away|ago|apart|later|earlier|before|after)"
)
#: "How many <things>": the words between "how many" and the verb.
_COUNTED = LazyPattern(
    r"\bhow\s+many\s+((?:[a-z][\w-]*\s+){0,2}?([a-z][\w-]*?))s?\s+"
    rf"(?:{_MEASURED_BY}\s+)?"
    r"(?:are|were|is|was|did|do|does|have|has|had|will|would|can|could|remain|live|died|work)\b",
    re.I,
)


def _place_slots(
    question: str, constraints: Sequence[Constraint], kinds: dict[Constraint, str]
) -> dict[Constraint, str]:
    """The names a number or date question puts its thing in, with the preposition that
    does it ("remain on Fernholm", "sailing around Kelso"): a place, whatever
    ``name_kinds`` makes of it ("Mill Cross" reads as a person's name), unless it tells an
    organisation (or a country, which has its own rule)."""
    slots = {}
    for c in constraints:
        if c.kind != NAME or kinds.get(c) in (COUNTRY, ORGANISATION) or _NUMBER.search(c.text):
            continue  # "in Super Bowl 50" is an event
        found = re.search(rf"\b(\w+)\s+(?:the\s+)?{re.escape(c.text)}\b", question)
        if found and found.group(1).lower() in _LOCATIVES:
            slots[c] = _LOCATIVES[found.group(1).lower()]
    return slots


def _in_place(slot: str, sentence: str, words: Sequence[str]) -> bool:
    """Whether the sentence puts something in the asked place (``words``) the way the
    question does ("84 patients remaining on Fernholm" for "… on Fernholm")."""
    return any(_names_any(words, name) for put, name in _placed(sentence) if put == slot)


def _placed(sentence: str) -> list[tuple[str, str]]:
    """The names a sentence puts something in by a place preposition, each with the way
    it does (``_LOCATIVES``): ("in", "Kelso") of "… near the coastal town of Kelso"."""
    pattern = rf"\b({'|'.join(_LOCATIVES)})\s+{_DESCRIBED}{_SLOT_NAME}"
    return [(_LOCATIVES[f.group(1).lower()], f.group(2)) for f in re.finditer(pattern, sentence)]


def _other_in_slot(slot: str, sentence: str, asked: set[str], place: Sequence[str] = ()) -> bool:
    """Whether the sentence puts something in another place the same way ("84 patients
    remaining on Skerry Island" for "… on Fernholm"), a place the question does not name.
    A country is no rival (a town lies in one: "in Kelso in Norway", "across the United
    States' north-east"), nor is an
    organisation ("on TV", "in Parliament") or a time ("in March", "at Christmas"), nor a
    state or province when the sentence also names the asked ``place`` ("in Dunmore, in
    Nevada"): alone, a state's figure is not the town's."""
    for put, name in _placed(sentence):
        bare = name.removeprefix("the ")
        if put != slot or set(bare.split()) <= _NOT_PLACES:
            continue  # "at Christmas", "on New Year's Day" (but "on Easter Island")
        if _countries(name) or countries_named(name) or name.lower() in _CONTAINING:
            continue  # a country, in one word or several ("the United States"), holds places
        if _kind_of_name(name) == ORGANISATION:
            continue
        if (
            _is_region(bare)
            and not any(set(plain_words(region)) <= asked for region in _REGIONS)
            and _names_any(place, sentence)
        ):  # "in Dunmore, in Nevada" holds the asked town; "in Nevada" alone gives the state's
            continue
        if not set(plain_words(fold(name))) & asked:
            return True
    return False


def _is_region(name: str) -> bool:
    """Whether a name is a state, province or territory (``_REGIONS``)."""
    return name.lower() in _REGIONS or bool(_REGION_NOUN.search(name))


def _said_before(sentence: str, around: Sequence[str], words: Sequence[str]) -> bool:
    """Whether one of the two sentences before ``sentence`` in the text ``around`` it names
    the asked place: "Hundreds of people in those villages left" after a sentence naming
    Dunmore speaks of Dunmore."""
    for text in around:
        at = text.find(sentence)
        if at >= 0:
            return any(
                _names_any(words, before) for before in _SENTENCE_END.split(text[:at].strip())[-2:]
            )
    return False


def _told_elsewhere(words: Sequence[str], ledes: Sequence[str]) -> bool:
    """Whether the first sentence of each article (``ledes``) puts its story in a place
    (after a preposition of place) and none names the asked place (``words``)."""
    firsts = [_SENTENCE_END.split(lede.strip(), maxsplit=1)[0] for lede in ledes]
    return bool(firsts) and all(
        not _names_any(words, first)
        and any(_other_in_slot(slot, first, set(words)) for slot in set(_LOCATIVES.values()))
        for first in firsts
    )


def _asked_for(question: str, constraints: Sequence[Constraint]) -> tuple[Constraint, ...]:
    """What a figure was asked for, as an abstention names it: the person "How old is the
    Kelsan defector?" asks about ("the Kelsan defector", not the country of "Kelsan"), else
    the question's names, years and dates, else what "How many …?" counts."""
    found = _ASKS_AGE_OF.search(question)
    if found is not None and question[found.end() :].startswith("the "):
        who = re.split(
            r"\s+(?:who|that|when|after|before|in|at|on)\s+|[?,]", question[found.end() :]
        )
        return (Constraint(NAME, who[0], tuple(plain_words(fold(who[0])))),)
    return named_in(constraints) or _counted_thing(question)


def _counted_thing(question: str) -> tuple[Constraint, ...]:
    """What a "How many …?" question counts, as it names it ("ferry crews", "detainees" of
    "How many of the detainees …", "people" of "How many more people …"): what a reply without
    a figure gives none for when the question names no one. A measure ("How many times …?",
    "How many years …?") names no thing: the reply then gives no figure "for this"."""
    found = _COUNTED.search(question)
    if found is None:
        return ()
    thing = question[found.start(1) : found.end()].rsplit(maxsplit=1)[0]
    thing = _COUNTED_LEAD.sub("", thing)
    if not thing or thing.lower() in TIME_UNITS:
        return ()
    return (Constraint(TERM, thing, tuple(plain_words(fold(thing)))),)


#: Words before the counted noun that are not part of its name ("of the", "more", "other").
_COUNTED_LEAD = LazyPattern(r"^(?:(?:of|the|more|other|else|extra|additional)\s+)+", re.I)


#: A cardinal number in words ("several" or "half" counts nothing exactly).
_CARDINAL = (
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|dozens?)\b"
)


def _counts(question: str, sentence: str) -> bool:
    """Whether the sentence gives a count of what a "How many …?" question counts: a
    number with the counted word within three words after it ("about 40 ferry crews", "a
    28-yard punt")."""
    found = _COUNTED.search(question)
    if found is None:
        return False
    head = found.group(2).lower()
    stem = head[:-1] if head.endswith("e") else head
    return bool(
        re.search(
            rf"(?:\d[\d,.]*|{_CARDINAL})(?:[\s-]+[\w’'-]+){{0,2}}?[\s-]+{re.escape(stem)}",
            sentence,
            re.I,
        )
    )


def _mentions_counted(question: str, sentence: str) -> bool:
    """Whether the sentence names what a "How many …?" question counts, with a count or
    none ("arresting several people")."""
    found = _COUNTED.search(question)
    if found is None:
        return False
    head = found.group(2).lower()
    stem = head[:-1] if head.endswith("e") else head
    return bool(re.search(rf"\b{re.escape(stem)}", sentence, re.I))


#: A pronoun standing for a person named before.
_PERSON_PRONOUN = LazyPattern(r"\b(?:he|she|his|her|him)\b", re.I)
_SENTENCE_END = LazyPattern(r"(?<=[.!?])\s+")


def _named_before(
    sentence: str,
    around: Sequence[str],
    words: Sequence[str],
    asked: set[str],
    surnames: frozenset[str] = frozenset(),
) -> bool | None:
    """Whether the last of the three sentences before ``sentence`` (in the text ``around``
    it) that names a person names the asked one (True) or another (False); None when
    none does or the sentence is not found."""
    for text in around:
        at = text.find(sentence)
        if at < 0:
            continue
        for before in reversed(_SENTENCE_END.split(text[:at].strip())[-3:]):
            if _names_any(words, before):
                return True
            # The speaker of a sentence before ("…, says Jo Mertens.") is whom "she" may be.
            if _names_rival(PERSON, before, asked, surnames, sources=True):
                return False
        return None
    return None


#: A place spoken of by what it is, named in a sentence before: "in this area", "there".
_PLACE_ANAPHOR = LazyPattern(
    r"\b(?:this|that|the)\s+(?:area|district|region|city|town|village|suburb|county|"
    r"province|neighbou?rhood|island|valley|place)\b|\bthere\b(?!\s+(?:is|are|was|were|will|"
    r"have|has|had|would|may|might|could|should|must|seems?|appears?)\b)",
    re.I,
)


def _placed_before(
    sentence: str, around: Sequence[str], slot: str, words: Sequence[str], asked: set[str]
) -> bool | None:
    """Of a sentence speaking of a place by what it is ("in this area", "there"): whether
    the last of the two sentences before it (in the text ``around`` it) that puts something
    in a place puts it in the asked one (True) or another (False); None when none does."""
    for text in around:
        at = text.find(sentence)
        if at < 0:
            continue
        for before in reversed(_SENTENCE_END.split(text[:at].strip())[-2:]):
            if _in_place(slot, before, words):
                return True
            if _other_in_slot(slot, before, asked, words):
                return False
        return None
    return None


def _names_any(words: Sequence[str], sentence: str) -> bool:
    """Whether the sentence names any word of a name (a surname alone, a demonym)."""
    said = set(plain_words(fold(sentence)))
    return any(held(w, said) or held(w.removesuffix("s"), said) for w in words)


#: A run of capitalised words naming someone ("Lisa Gomez", "Justice Jane Q. Doe").
_NAME_RUN = r"(?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w'’-]*"
#: Who a sentence gives as the source of what it says: "…, Lisa Gomez said.", "Gomez, the
#: manager, told reporters", "said general manager Lisa Gomez", "according to Gomez"; in
#: text without capitals, "… said wells".
_TELLS = (
    rf"(?:{SPEECH_VERBS}|announced|announces|confirmed|confirms|stated|states|reported|"
    r"estimated|estimates|predicted|predicts|calculated|reckoned)"
)
#: What a speaker says of themself is theirs: "Doe said he was paid $30,000" gives Doe's
#: figure, where "Doe said the deal is worth $48 million" only tells it.
_OF_THEMSELF = r"(?![^.,;:]{0,30}?\b(?:he|she|they|his|her|their|him|them)\b)"
_SOURCE = LazyPattern(
    rf"{_NAME_RUN}(?:,[^,“”\"]{{1,80}},)?\s+(?:also\s+|then\s+|later\s+)?{_TELLS}\b{_OF_THEMSELF}"
    rf"|\b(?:{_TELLS}|according\s+to)\s+(?:[a-z][\w'’-]*\s+){{0,4}}{_NAME_RUN}"
)
_LOWER_CASE_SOURCE = LazyPattern(
    rf"\b[a-z][\w'’-]*\s+(?:also\s+)?{_TELLS}\b{_OF_THEMSELF}"
    rf"|\b(?:{_TELLS}|according\s+to)\s+[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*)?"
)


def _without_sources(sentence: str) -> str:
    """The sentence without the people it gives as its source: "The deal is worth $48
    million, Gomez said." gives Gomez's word for a figure, not a figure of Gomez's."""
    source = _SOURCE if any(c.isupper() for c in sentence[1:]) else _LOWER_CASE_SOURCE
    return source.sub(lambda m: " " * len(m.group()), sentence)


#: The kind of a place a question names outside a place slot ("win Virginia"), whose rivals
#: are the states and provinces ``regions_named`` finds.
_REGION = "region"


def _names_rival(
    kind: str,
    sentence: str,
    asked: set[str],
    surnames: frozenset[str] = frozenset(),
    *,
    sources: bool = False,
) -> bool:
    """Whether the sentence names a person (country) the question does not, other than as
    the source of what it says (``_without_sources``; with ``sources``, as its source too):
    by capitals (``entity_spans``; or a
    surname alone, "Idowu", of a person ``surnames`` holds: the text around named
    "Phillips Idowu" before), or in text without capitals, a country's word or, for a
    person, a word rare in English ("miresmaeili"). A person's title is no word of theirs
    the question may share: "President Bill Clinton" is a rival of "President Trump"."""
    if kind == PERSON and not sources:
        sentence = _without_sources(sentence)
    said = plain_words(fold(sentence))
    if kind == COUNTRY:
        return any(
            country_of(w) is not None and not any(country_of(a) == country_of(w) for a in asked)
            for w in said
            if w not in asked
        )
    if kind == _REGION:  # another state or province ("Kentucky" for "Virginia")
        return any(not set(region.split()) <= asked for region in regions_named(sentence))
    if any(c.isupper() for c in sentence):  # cased text: "But in her view, …" names nobody
        capitalised = {w.lower() for w in _CAPITALISED_WORD.findall(fold(sentence))}
        return bool((capitalised & surnames) - asked) or any(
            found == PERSON
            and not (set(plain_words(fold(sentence[start:end]))) - PERSON_TITLES) & asked
            and not _PLACE_NOUN.search(sentence[start:end])
            for start, end, found in entity_spans(sentence, Vocabulary())
        )
    return any(len(w) > 3 and w.isalpha() and w not in asked and not common_word(w) for w in said)


#: The last word of a place's name, which no person's name ends with ("Kelso Islands").
_PLACE_NOUN = LazyPattern(
    r"\b(?:Islands?|Isles?|Bay|River|Valley|Range|Mountains?|Lake|Strait|Sea|Ocean|Park|"
    r"Street|Road|Airport|Hospital|Centre|Center|House|Place|Square|Bridge|Coast|Peninsula|"
    r"Desert|Forest|Gulf|Harbou?r|Beach|Creek|Falls|Heights|Hills?|Plains?|Reef|Shire|"
    r"District|Province|County|State|Territory|Region|Highway|Station)$"
)
#: A capitalised word qualifying a plural noun ("Kelso men", "Costa Verdan fishermen"): a
#: people or a place, no person.
_QUALIFIES = LazyPattern(r"\s+(?:[a-z]*men|[a-z]+s)\b")


def _one_word(name: str) -> str | None:
    """A one-word name in lower case, without a possessive ("Herbert's": "herbert")."""
    words = plain_words(fold(re.sub(r"[’']s$", "", name)))
    return words[0] if len(words) == 1 else None


def _surnames(texts: Sequence[str]) -> frozenset[str]:
    """The last words of the people's names (``entity_spans``) in cased texts, lower-cased:
    how later sentences name them ("Idowu" for "Phillips Idowu")."""
    found = set()
    for text in texts:
        for start, end, kind in entity_spans(text, Vocabulary()):
            words = plain_words(fold(text[start:end]))
            if kind == PERSON and len(words) >= 2 and not _NUMBER.search(text[start:end]):
                found.add(words[-1])
    return frozenset(found)


def measured(question: str) -> list[str]:
    """What a "what is the … of" question measures, lower-cased: "population" of "What is
    the population of Kazakhstan?", "unemployment" of "What was the unemployment rate
    …?", "budget" of "What was the original budget …?"; not how it is measured ("rate",
    "total", "average") nor a participle ("the starting cost"). Empty for other questions."""
    if asks_age(question):
        return ["age"]
    found = _QUANTITY.search(question)
    if found is None:
        return []
    words = [w.lower() for w in found.groups() if w]
    if words[-1] not in _MEASURES:  # "the original budget": a word before it qualifies it
        words = words[-1:]
    return [w for w in words if w not in _MEASURES and not w.endswith(("ing", "ed"))]


def _said_as(measure: str) -> tuple[str, ...]:
    """The starts of words a reply may speak of a measured thing with ("population": the
    people who live there, its inhabitants)."""
    stem = measure[:-1] if len(measure) > 4 and measure[-1] in "sy" else measure
    return (stem, *_SAID_AS.get(measure, ()))


def reply_opposes(question: str, sentences: Sequence[str]) -> Constraint | None:
    """The word of the question ("least", "formal", "modern") whose opposite the reply
    holds while it holds the word nowhere ("the most important …" for "the least important
    …", "the informal notion" for "the formal notion": ``qa.search.opposites``): a term
    constraint the reply does not meet, else None."""
    word = opposed_word(question, sentences)
    return None if word is None else Constraint(TERM, word, (word.lower(),))


#: "What was not …?", "Who has never …?", "Why won't …?": a question asking what is not so.
_ASKS_WHAT_IS_NOT = LazyPattern(r"\b(not|never)\b|n[’']t\b", re.I)
#: "… or not", "whether …": a negation that asks nothing of its own; "Why didn't …?" asks a
#: reason, which rarely denies anything itself ("… was forced to withdraw with an injury").
_NEGATION_ASKS_NOTHING = LazyPattern(
    r"\bor\s+(?:may\s+)?not\b|\bwhether\b|^\W*(?:why|how\s+come)\b", re.I
)
#: What says that something is not so, or is an exception: "not", "never", "no", "can't"
#: (also as "can t" where a text lost its apostrophes), "without", "except", "failed",
#: "refused", "denied", "instead", "only", "yet to" ….
_DENIES = LazyPattern(
    r"\b(?:not|never|no|nor|neither|none|nothing|nobody|cannot|without|except|exception|"
    r"excluding|apart|instead|rather|only|yet|absent|fail(?:s|ed|ing|ure)?|unable|"
    r"lack(?:s|ed|ing)?|refus\w*|den(?:y|ies|ied)|reject\w*|disagree\w*|suspend\w*)\b"
    r"|n[’']t\b|\b(?:can|don|won|isn|wasn|didn|doesn|aren|weren|couldn|wouldn|shouldn|"
    r"hasn|haven|hadn)\s+t\b",
    re.I,
)


def reply_denies_nothing(question: str, sentences: Sequence[str]) -> Constraint | None:
    """The "not" or "never" of a question asking what is not so ("Which channel never had
    an HD version?") when no sentence of the reply says that anything is not so or is an
    exception (``_DENIES``), or when they speak of what it denies (the "used" of "What is
    not used for …?", ``_denied_word``) with no denial near it, whatever else they deny: a
    reply that only says what is ("… had an HD version") does not answer it. A term
    constraint the reply does not meet, else None."""
    asked = _ASKS_WHAT_IS_NOT.search(question)
    if asked is None or _NEGATION_ASKS_NOTHING.search(question):
        return None
    if any(_DENIES.search(sentence) for sentence in sentences):
        # A denial answers only where it is said of what the question denies: "What is not
        # used for …?" is not answered by "… is used for …" beside "No one knows …".
        denied = _denied_word(question[asked.end() :])
        if not denied or not _said_undenied(denied, sentences):
            return None
    word = asked.group() if asked.group(1) else "not"  # "won't": "not"
    return Constraint(TERM, word, (word.lower(),))


#: A word that denies what follows it: "no veto", "not intended", "never won", "can't".
_DENYING = LazyPattern(r"(?:not|no|never|cannot|nor|neither|none|without)|\w*n[’']t", re.I)
#: Questions that may be answered by a denial: yes-or-no questions ("Does Sky carry …?":
#: "it does not"), and "why" and "how" (a reason or a manner may be what did not happen).
_DENIAL_ANSWERS = LazyPattern(
    r"^\W*(?:why|how|is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)\b",
    re.I,
)
_SENTENCE_BREAK = LazyPattern(r"(?<=[.!?])\s+")


def reply_denies_asked(question: str, sentences: Sequence[str]) -> Constraint | None:
    """A word of a question asking what is so ("What company has veto over the channels?")
    that the reply says only denied ("BSkyB has no veto over the channels", "… are not
    intended as …"): every time a sentence of the reply holds the word (or another form of
    it, or ends a compound with it: "a 2-point conversion"), "not", "no", "never" … stands
    just before it. A reply denying what the question takes as so does not answer it; "not
    … until 1991" denies nothing (it says when). A term constraint the reply does not meet,
    else None. Yes-or-no, "why" and "how" questions may be answered by a denial."""
    if _DENIAL_ANSWERS.search(question) or any(
        _DENYING.fullmatch(word) for word in _WORD.findall(question)
    ):  # "Who said it can no longer be justified?" asks what is denied
        return None
    asked = {
        _verb_stem(word): word
        for word in _WORD.findall(question)[1:]
        if word.islower() and len(word) >= 4 and word not in _NO_THING
    }
    denied: dict[str, bool] = {}
    for sentence in sentences:
        for part in _SENTENCE_BREAK.split(sentence):
            words = _WORD.findall(part)
            for i, word in enumerate(words):
                # "a 2-point conversion" says "point": a compound says its last word.
                *joined, last = word.split("-")
                stem = _verb_stem(word) if _verb_stem(word) in asked else _verb_stem(last)
                if stem in asked:
                    # "has no veto", "not intended", "not more difficult", "a no-fly zone";
                    # "not counting illegal ones", "not only …" deny nothing of the word.
                    before = [w.lower() for w in [*words[max(0, i - 2) : i], *joined]]
                    no = any(_DENYING.fullmatch(w) for w in before) and not any(
                        w in ("counting", "including", "only", "just", "merely") for w in before
                    )
                    # "didn't discover the genes until 1991": they were discovered in 1991.
                    no = no and not any(w.lower() in ("until", "till") for w in words[i + 1 :])
                    denied[stem] = denied.get(stem, True) and no
    word = next((asked[stem] for stem, no in denied.items() if no), None)
    return None if word is None else Constraint(TERM, word, (word.lower(),))


#: Words between a "not" and what it denies: "is not strictly contained", "not always used".
_BEFORE_DENIED = frozenset(
    "be been being have has had always often generally commonly usually typically strictly "
    "necessarily really even yet very so too as a an the".split()
)


def _denied_word(after: str) -> str:
    """The word a question's "not" denies, lower-cased ("contained" of "… not strictly
    contained in …"), from the words after it; "" when it is too short to tell."""
    for word in _WORD.findall(after)[:4]:
        lower = word.lower()
        if lower in _BEFORE_DENIED or lower.endswith("ly"):
            continue
        return lower if len(lower) >= 4 else ""
    return ""


def _said_undenied(word: str, sentences: Sequence[str]) -> bool:
    """Whether the sentences say ``word`` (or another form of it: "used", "uses") and no
    denial stands within six words before it or two after it ("is not used", "used
    nowhere else")."""
    stem, said = _verb_stem(word), False
    for sentence in sentences:
        words = _WORD.findall(sentence)
        for i, other in enumerate(words):
            if _verb_stem(other) == stem:
                said = True
                if _DENIES.search(" ".join(words[max(0, i - 6) : i + 3])):
                    return False
    return said


def _verb_stem(word: str) -> str:
    """A word without its ending: "used", "uses" and "using": "us"; "defined": "defin"
    (not "definitions")."""
    lower = word.lower()
    for ending in ("ing", "ed", "es", "s", "e"):
        if lower.endswith(ending) and len(lower) - len(ending) >= 3:
            return lower[: -len(ending)]
    return lower


def check_reply(
    question: str,
    sentences: Sequence[str],
    assessment: Assessment,
    marker: int,
    another: bool = True,
    around: Sequence[str] = (),
    ledes: Sequence[str] = (),
    titles: Sequence[str] = (),
) -> Assessment:
    """The assessment of passages that met the question, checked against the reply chosen
    from them (``marker``: its first sentence's passage): a reply that gives no figure of
    what a number question asks for (``reply_lacks_asked``), or only figures of another
    dimension (``dimension_unmet``), "gives no figure for" the question's names, years and
    dates; one that holds the opposite of the question's
    superlative or another word of it (``reply_opposes``), or that gives another count, rank,
    score or superlative of what it asks about (``number_of_another``, ``score_of_another``,
    ``superlative_of_another``), only the decade of its year (``decade_for_year``) or a
    span of years it begins or ends (``span_for_year``), only figures of other years or days
    (``year_of_another``, ``day_of_another``), or not
    the "only" it asks with (``reply_lacks_qualifier``), or that only denies what it asks
    (``reply_denies_asked``) "doesn't say this for" it. A reply naming no holder of the
    asked role of a body, or only another body's (``holder_of_another``), "names no" such
    holder. A figure given where the asked name stands only beside it
    (``named_beside_figure``; ``titles``: the reply's articles' titles) "gives no figure
    for" the asked one, and so does a reply giving the asked verb only to another subject,
    named or spoken of by a pronoun (``subject_of_another``), or "doesn't say this for" it
    when no figure is asked."""
    lacks = reply_lacks_asked(question, sentences, around)
    if lacks is not None:
        named = _asked_for(question, assessment.constraints)
        measure = " ".join(measured(question))
        return Assessment(assessment.constraints, (), marker, named, 0.0, lacks, measure)
    dimension = dimension_unmet(question, sentences)
    if dimension is not None:
        named = _asked_for(question, assessment.constraints)
        return Assessment(assessment.constraints, (), marker, named, 0.0, ASKED_NUMBER, dimension)

    def of_another(found: tuple[Constraint, int], kind: str | None) -> Assessment:
        """The reply gives its figure (or holder) for another than the one asked."""
        other, shown = found
        measure = " ".join(measured(question)) if kind else ""
        return Assessment(assessment.constraints, (), marker, (other,), 0.0, kind, measure, shown)

    if another:
        found = figure_of_another(question, sentences, assessment.constraints, around, ledes)
        if found is not None:
            return of_another(found, surface_kind(question) or ASKED_NUMBER)
        about = [*titles, *ledes]
        beside = named_beside_figure(question, sentences, assessment.constraints, about)
        if beside is not None:
            return of_another(beside, surface_kind(question))
    rank = rank_of_another(question, sentences)
    if rank is not None:
        return of_another(rank, surface_kind(question))
    people = people_of_another(question, sentences)
    if people is not None:
        return of_another(people, ASKED_NUMBER)
    counted = counted_of_another(question, sentences, around)
    if counted is not None:
        return of_another(counted, ASKED_NUMBER)
    qualified = qualified_of_another(question, sentences, around)
    if qualified is not None:
        return of_another(qualified, surface_kind(question))
    office = office_of_another(question, sentences, around)
    if office is not None:
        return of_another(office, surface_kind(question))
    unheld = role_unheld(question, sentences, around)
    if unheld is not None:
        return of_another(unheld, None)
    holder = holder_of_another(question, sentences)
    if holder is not None:
        return of_another(holder, None)
    subject = subject_of_another(question, sentences, around) if another else None
    if subject is not None:
        return of_another(subject, surface_kind(question))
    opposed = (
        reply_opposes(question, sentences)
        or reply_denies_nothing(question, sentences)
        or reply_denies_asked(question, sentences)
        or reply_lacks_qualifier(question, sentences)
    )
    if opposed is not None:
        return Assessment(assessment.constraints, (), marker, (opposed,), 0.0)
    for of_other in (
        number_of_another,
        score_of_another,
        superlative_of_another,
        decade_for_year,
        span_for_year,
        year_of_another,
        day_of_another,
    ):
        found = of_other(question, sentences)
        if found is not None:
            return of_another(found, surface_kind(question))
    return assessment


#: "What did the Kelsan police chief say?": the one asked about by role, and the role word.
_ASKS_WORDS_OF_ROLE = LazyPattern(
    r"\b(?i:what|how)\s+(?:did|does|do|has|have|had|will|would)\s+(?:the\s+|an?\s+)?"
    r"((?:[A-Z][a-z]+(?:[’']s)?\s+)?(?:[a-z]+\s+){0,2}?("
    + "|".join(sorted(ROLES, key=len, reverse=True))
    + r"))\s+(?:say|tell|warn|claim|announce|describe|add|call|think|argue|reply|respond|"
    r"explain|insist|admit|deny|predict|suggest|urge|promise)\b"
)
#: Roles news names one holder by under several words ("the police chief", "the police
#: commissioner").
_HEADS = LEADS | {"commissioner", "commander", "superintendent"}


def role_unheld(
    question: str, sentences: Sequence[str], around: Sequence[str] = ()
) -> tuple[Constraint, int] | None:
    """The one "What did the <role> say?" asks about when neither the reply nor the text
    around it names that role in any of its forms ("What did the Kelsan police chief
    say?" answered with general sentences of a story that has no chief, no head, no
    commissioner): the role phrase (an ``OFFICE`` constraint) and 0; else None."""
    found = _ASKS_WORDS_OF_ROLE.search(question)
    if found is None:
        return None
    role = found.group(2)
    forms = {role} | next((set(f) for f in OFFICES if role in f), set())
    if role in _HEADS:
        forms |= _HEADS
    text = " ".join([*sentences, *around])
    # "adviser" or "advisor", "protester" or "protestor": either ending of a doer stands.
    spelt = [
        re.escape(f[:-2]) + "(?:er|or)" if f.endswith(("er", "or")) else re.escape(f) for f in forms
    ]
    if any(re.search(rf"\b{form}", text, re.I) for form in spelt):
        return None
    phrase = found.group(1)
    whose = re.match(r"([A-Z][a-z]+)[’']s\s+(.+)$", phrase)
    if whose is not None:  # "no adviser of Vell", not "no Vell's adviser"
        phrase = f"{whose.group(2)} of {whose.group(1)}"
    return Constraint(OFFICE, phrase, tuple(plain_words(fold(phrase)))), 0


_OFFICE = LazyPattern(
    r"\b(?:(?:deputy|vice|assistant|acting|chief|general|managing|executive)[\s-]+)*"
    r"(?:"
    + "|".join(sorted({o.split()[-1] for forms in OFFICES for o in forms}, key=len, reverse=True))
    + r")\b",
    re.I,
)
#: "Who is the chairman of the Harbour Bank?", "Who was Harbour Bank's spokesman?"
_ASKS_OFFICE = LazyPattern(
    r"^\W*who\s+(?:is|was|are|were|has\s+been|became)\s+(?:the\s+)?(?P<what>[^?]+)", re.I
)
#: "… for the Harbour Bank chief executive": the office with the body it is of.
_OFFICE_OF = LazyPattern(r"\b(?:the\s+)((?:[A-Z][\w&'’.-]*\s+)*)$")


def office_of_another(
    question: str, sentences: Sequence[str], around: Sequence[str] = ()
) -> tuple[Constraint, int] | None:
    """The office a question asks about ("Who is the chairman of the Harbour Bank?", "How
    much was the Harbour Bank chief executive paid?") when neither the reply nor the text
    around it (``around``) names that office, and the reply names the holder of another
    office of the same body instead ("the Harbour Bank's chief executive, Jo Lind", or for
    a number, a figure sentence naming "Mr Lind" when the text around him calls him
    "chairman Jo Lind"): the office, as the reply names it, and the index of that
    sentence. None otherwise, and for a question naming a person."""
    found = _OFFICE.search(question)
    if found is None or any(k == PERSON for _, _, k in entity_spans(question, Vocabulary())):
        return None
    office = found.group().lower()
    body = tuple(re.findall(r"(?<=\s)[A-Z][\w&-]+", question))
    if not body:
        return None
    # The office in any of its forms ("chair", "chairwoman"; "CEO", "chief executive").
    forms = next((f for f in OFFICES if office in f), (office,))
    said = " ".join([*sentences, *around])
    if any(re.search(rf"\b{re.escape(f)}\b".replace(r"\ ", r"[\s-]+"), said, re.I) for f in forms):
        return None
    asked_words = {w for f in forms for w in re.split(r"[\s-]+", f)}
    others = [
        o
        for group in OFFICES
        if group is not forms
        for o in group
        if not set(re.split(r"[\s-]+", o)) & asked_words
    ]
    holders = [AskedHolder(o.split()[-1], o.split()[0] if " " in o else None, body) for o in others]
    who = _ASKS_OFFICE.search(question)
    if surface_kind(question) is None:
        if who is None:
            return None
        shown = next(
            (i for i, s in enumerate(sentences) if any(names_holder(s, h) for h in holders)), None
        )
        text = who.group("what").strip()
    else:  # whose figure: a person the text around names as another office's holder
        texts = [*around, *sentences]
        bare = [AskedHolder(h.noun, h.narrowing, ()) for h in holders]
        named = {name.split()[-1] for t in texts for h in bare for name in _holders_named(t, h)}
        giving = [i for i, s in enumerate(sentences) if _figures(s) - _figures(question)]
        shown = next(
            (i for i in giving if named & set(re.findall(r"[A-Z][\w’'-]+", sentences[i]))), None
        )
        before = _OFFICE_OF.search(question[: found.start()])
        text = f"the {before.group(1) if before else ''}{found.group()}"
    if shown is None:
        return None
    return Constraint(OFFICE, text, tuple(plain_words(fold(text)))), shown


def holder_of_another(question: str, sentences: Sequence[str]) -> tuple[Constraint, int] | None:
    """The role a "Who is …?" question asks the holder of ("Who is Nordhaus Cycling's sports
    director?", "Who is the spokesman of Naturgy?", "Who is the transport minister?") when
    no sentence of the reply names that role in any of its forms, or every sentence that
    does gives it to another body by name ("Velotech's sports director, Hanne Peeters"):
    the reply names someone else's holder, or no holder at all. The role with the body
    ("sports director of Nordhaus Cycling") and the index of the sentence shown; None when
    the question asks no role."""
    found = _ASKS_HOLDER.search(question)
    if found is None:
        return None
    body = (found.group("owner") or found.group("of") or "").strip()
    role = " ".join(found.group("role").split())
    head = role.split()[-1].lower()
    if not body and len(role.split()) == 1:
        return None  # "Who is the chairman?" may be of the story's body, whoever it is
    # The office in all its forms ("chief executive": "CEO"), by its whole name or its head.
    groups = [
        *(f for f in OFFICES if role.lower() in f),
        *(f for f in OFFICES if head in f),
        *(f for f in OFFICES if any(o.split()[-1] == head for o in f)),
    ]
    forms = {head, *(groups[0] if groups else ())}
    if head in HEADS and role == head:  # "the head of Sana Sezim" may be its president
        forms |= HEADS
    spelt = "|".join(
        re.escape(f[:-2]) + "(?:er|or)" if f.endswith(("er", "or")) else re.escape(f)
        for f in sorted(forms, key=len, reverse=True)
    )
    said = [list(re.finditer(rf"\b(?:{spelt})s?\b", s, re.I)) for s in sentences]
    phrase = f"{role} of {body}" if body else role
    missing = Constraint(OFFICE, phrase, tuple(plain_words(fold(phrase))))
    if not any(said):
        return missing, 0
    if not body:
        return None
    words = {w for w in plain_words(fold(body)) if not common_word(w)} or set(
        plain_words(fold(body))
    )
    owners = [_owner(s, m) for s, found_in in zip(sentences, said, strict=True) for m in found_in]
    if any(o is None or set(plain_words(fold(o))) & words for o in owners):
        return None
    return missing, next(i for i, found_in in enumerate(said) if found_in)


def _owner(sentence: str, role: re.Match[str]) -> str | None:
    """The body a role in a sentence is given to by name: "Velotech's sports director",
    "the director of Velotech", "Velotech director"; None when the sentence gives it to
    no one by name ("its director", "finance director Joost Kramer")."""
    before = _OWNER_BEFORE.search(sentence[: role.start()])
    after = _OWNER_AFTER.match(sentence, role.end())
    for found in (before, after):
        # A capital that only opens the sentence ("Finance director Joost Kramer") names none.
        if found is not None and not all(common_word(w) for w in plain_words(found.group(1))):
            return found.group(1)
    return None


_CAPITALS = r"[A-Z][\w&.-]*(?:\s+(?:of\s+|for\s+|and\s+|&\s+)?[A-Z][\w&.-]*)*"
#: "Who is Nordhaus Cycling's sports director?", "Who is the spokesman of Naturgy?", "Who
#: is the transport minister?": the body, and the role (with up to two words before it).
_ASKS_HOLDER = LazyPattern(
    rf"^\W*[Ww]ho\s+(?:is|was|are|were)\s+(?:the\s+)?(?:(?P<owner>{_CAPITALS})[’']s?\s+)?"
    r"(?P<role>(?:[a-z-]+\s+){0,2}?(?:"
    + "|".join(
        sorted(ROLES | {o.split()[-1] for forms in OFFICES for o in forms}, key=len, reverse=True)
    )
    + rf"))(?:\s+(?:of|at|for)\s+(?:the\s+)?(?P<of>{_CAPITALS}))?\s*\?\s*$"
)
#: A body named before a role: "Velotech's (sports) director", "Velotech (sports) director".
_OWNER_BEFORE = LazyPattern(rf"({_CAPITALS})(?:[’']s?)?\s+(?:[a-z-]+\s+){{0,2}}$")
#: A body named after a role: "director of (the) Velotech".
_OWNER_AFTER = LazyPattern(rf"s?\s+(?:of|at|for)\s+(?:the\s+)?({_CAPITALS})")


_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth final"
).split()
#: "the second Test", "the 3rd round", "the final day": which of a series is asked about.
_IN_SERIES = (
    r"\b(" + "|".join(_ORDINALS) + r"|\d+(?:st|nd|rd|th))[\s-]+((?:[\w-]+\s+)??)([A-Za-z]+)\b"
)
_RANKED = LazyPattern(r"\bthe\s+" + _IN_SERIES, re.I)


def rank_of_another(question: str, sentences: Sequence[str]) -> tuple[Constraint, int] | None:
    """Which of a series a number or date question asks about ("By how many runs did Kelso
    win the second Test?") when no figure sentence of the reply names it and one names
    another of the series ("… won the first Test by 131 runs"): the asked one ("the second
    Test") and the index of that sentence; else None. A sentence naming no rank may speak
    of the asked one. Of another question ("Who won the thirteenth stage?") every sentence
    is read, and the asked rank word anywhere in the reply ("early in the fourth") or a
    "first" or "final" ("the first bridge to …") keeps it."""
    found = _RANKED.search(question)
    if found is None:
        return None
    rank, noun = found.group(1).lower(), found.group(3).lower()
    known = _figures(question)
    if surface_kind(question) is None:  # "Who won the thirteenth stage?": any sentence
        # "the first Super Bowl to …" is no rank of a series, and "early in the fourth" may
        # be the fourth quarter.
        said = " ".join(sentences)
        if (
            rank in ("first", "final")
            or rank not in _ORDINALS  # "the 9th century" is a period: ``number_of_another``
            or re.search(rf"\b{re.escape(rank)}\b", said, re.I)
        ):
            return None
        giving = list(range(len(sentences)))
    else:
        giving = [i for i, s in enumerate(sentences) if _figures(s) - known]
    other = None
    for i in giving:
        for seen in re.finditer(_IN_SERIES, sentences[i], re.I):
            if seen.group(3).lower() != noun:
                continue
            if seen.group(1).lower() == rank:
                return None
            other = i if other is None else other
    if other is None:
        return None
    text = f"the {found.group(1)} {found.group(2)}{found.group(3)}"
    return Constraint(NAME, text, tuple(plain_words(fold(text)))), other


#: Words that name no thing a count, rank or superlative is said of ("two of the …", "the
#: busiest in …").
_NO_THING = STOPWORDS | AUXILIARIES | FUNCTION_WORDS | QUESTION_WORDS
#: An amount with its scale ("20 million", "1.5 billion").
_SCALED = LazyPattern(r"\b(\d+(?:\.\d+)?)\s+(thousand|million|billion|trillion)\b", re.I)
#: A count or rank standing before what it counts ("25 diverse problems", "three integers",
#: "the 9th century"): not a year, nor "one", "first" or "last" (a paraphrase's "the first
#: to …"), and the next word.
_COUNT_OR_RANK = (
    r"\b(?!(?:1[0-9]|20)\d\d\b)(\d+(?:st|nd|rd|th)?|two|three|four|five|six|seven|eight|nine|"
    r"ten|eleven|twelve|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|"
    r"twelfth)"
)
_NUMBERED = LazyPattern(_COUNT_OR_RANK + r"[\s-]+([A-Za-z][\w’'-]*)", re.I)
_NUMBER_WORDS = LazyPattern(_COUNT_OR_RANK + r"\b", re.I)
_NUMBER_VALUES = {
    word: str(n)
    for n, words in enumerate(
        (
            "", "", "two second", "three third", "four fourth", "five fifth", "six sixth",
            "seven seventh", "eight eighth", "nine ninth", "ten tenth", "eleven eleventh",
            "twelve twelfth",
        )
    )
    for word in words.split()
}  # fmt: skip


def _numbered(text: str) -> list[tuple[str, bool, str, str]]:
    """Each count or rank of a text before a word: its value as digits, whether it is a
    rank, the word after it (lower-cased) and the number as written."""
    found = []
    for match in _NUMBERED.finditer(text):
        number, word = match.group(1).lower(), match.group(2).lower()
        if word in _NO_THING or len(word) < 3:  # "two of the …" counts no word
            continue
        value = _NUMBER_VALUES.get(number) or re.sub(r"\D", "", number)
        rank = not number.isdigit() and number not in _UNITS and number not in _TENS
        found.append((value, rank, word, match.group(1)))
    return found


def number_of_another(question: str, sentences: Sequence[str]) -> tuple[Constraint, int] | None:
    """A count or rank the question puts before a word ("What is the set called where three
    integers are multiplied?", "… in the 9th century?") when no sentence of the reply gives
    it and one gives another before the same word ("the multiplication of two integers",
    "the 10th century"), or an amount the reply gives only at another scale ("$20 billion"
    for "$20 million"): the asked number with its word, and the index of that sentence;
    else None. Said of another count, the reply is not said of the asked one."""
    for amount in _SCALED.finditer(question):  # "$20 million" is no "$20 billion"
        number, scale = amount.group(1), amount.group(2).lower()
        scales = [
            {(m.group(1), m.group(2).lower()) for m in _SCALED.finditer(s)} for s in sentences
        ]
        if any((number, scale) in pairs for pairs in scales):
            continue
        for i, held_scales in enumerate(scales):
            if any(n == number for n, _ in held_scales):
                return Constraint(TERM, amount.group(), tuple(plain_words(amount.group()))), i
    said = [_numbered(sentence) for sentence in sentences]
    given = {
        _NUMBER_VALUES.get(word.lower()) or re.sub(r"\D", "", word)
        for sentence in sentences
        for word in _NUMBER_WORDS.findall(sentence)
    }  # "early in the fourth": a rank given, whatever the word after it
    given |= {_digits(n) for sentence in sentences for n in _NUMBER.findall(sentence)}
    given |= {n for sentence in sentences for n in _spelt_numbers(sentence)}
    for value, rank, word, written in _numbered(question):
        if value in given:
            continue
        stem = word[: max(4, len(word) - 3)]
        for i, found in enumerate(said):
            if any(r == rank and w.startswith(stem) for _, r, w, _ in found):
                text = f"{written} {word}"
                return Constraint(TERM, text, tuple(plain_words(fold(text)))), i
    return None


#: A score or record ("a 2-2 draw", "won 24–10", "a 15-1 record"); not a range of years.
_SCORE = LazyPattern(r"(?<![\d.,:/-])(\d{1,3})\s?[-–]\s?(\d{1,3})(?![\d:/-]|[.,]\d|\s?(?:%|per))")


def score_of_another(question: str, sentences: Sequence[str]) -> tuple[Constraint, int] | None:
    """A score the question names ("Who scored in their 2-2 draw with Arsenal?") when no
    sentence of the reply gives it, either way round, and one gives another ("… put Arsenal
    2-1 ahead"): the asked score and the index of that sentence; else None."""
    for match in _SCORE.finditer(question):
        asked = {match.groups(), match.groups()[::-1]}
        other = None
        for i, sentence in enumerate(sentences):
            scores = {m.groups() for m in _SCORE.finditer(sentence)}
            if scores & asked:
                return None
            if scores and other is None:
                other = i
        if other is not None:
            return Constraint(NUMBER, match.group(), (match.group(),)), other
    return None


#: Qualifiers a reply must state to answer a question asking with them, and how a reply
#: states each: "the only …" by a word of exclusivity, "still …" by one of continuance.
_STATED_QUALIFIERS = {
    "only": LazyPattern(
        r"\b(?:only|sole(?:ly)?|single|alone|unique(?:ly)?|exclusive(?:ly)?|just|no\s+other|"
        r"none\s+other|except|unlike|unmatched|unrivalled|unrivaled)\b",
        re.I,
    ),
    "still": LazyPattern(
        r"\b(?:still|remain\w*|continu\w*|current(?:ly)?|now|today|yet|ongoing)\b", re.I
    ),
}
#: "not only …", "if only …", "only a player" (merely one): no qualifier of the thing asked.
_NOT_QUALIFYING = LazyPattern(r"\b(?:not|if)\s+only\b|\bonly\s+an?\b", re.I)


def reply_lacks_qualifier(question: str, sentences: Sequence[str]) -> Constraint | None:
    """The "only" of "Which channel is only sold by Sky?" or the "still" of "Which company
    still offers …?" when no sentence of the reply states it ("… the sole seller", "…
    continues to offer"): a reply saying a channel is sold by Sky says nothing of it being
    the only one. A term constraint the reply does not meet, else None."""
    for word, stated in _STATED_QUALIFIERS.items():
        asked = re.search(rf"\b{word}\b", question, re.I)
        if asked is None or (word == "only" and _NOT_QUALIFYING.search(question)):
            continue
        if not any(stated.search(sentence) for sentence in sentences):
            return Constraint(TERM, asked.group(), (word,))
    return None


#: A year ending in 0 that is not a decade ("in 1980", not "the 1980s").
_ROUND_YEAR = LazyPattern(r"(?<![\d’'])(1[0-9]\d0|20\d0)(?![\d’']|s\b)")


def decade_for_year(question: str, sentences: Sequence[str]) -> tuple[Constraint, int] | None:
    """A year of the question that the reply gives only as its decade ("What was developed
    in 1980?": "… were developed in the 1980s"): the year, and the index of the sentence
    naming the decade; else None. A decade is ten years, not the one asked."""
    return _year_only_as(question, sentences, _ROUND_YEAR, lambda year: rf"\b{year}[’']?s\b")


#: A year of the question, not written in a span there ("in 2003-04").
_LONE_YEAR = LazyPattern(r"(?<![\d’'–-])(1[5-9]\d\d|20\d\d)(?![\d’']|\s?[–-]\s?\d)")


def span_for_year(question: str, sentences: Sequence[str]) -> tuple[Constraint, int] | None:
    """A year of the question that the reply gives only as the first or last year of a
    span ("How much gold was produced in 1860?": "… produced in the decade 1851–1860 20
    million ounces"): the year, and the index of the sentence giving the span; else None.
    A span's figure is of all its years, not of the one asked."""
    return _year_only_as(
        question,
        sentences,
        _LONE_YEAR,
        lambda year: rf"\b\d{{2,4}}\s?[–-]\s?{year}\b|\b{year}\s?[–-]\s?\d{{2,4}}\b",
    )


def year_of_another(question: str, sentences: Sequence[str]) -> tuple[Constraint, int] | None:
    """The year a number question asks a figure for ("By how many seconds did Holm win
    the race in 2023?") when no figure sentence of the reply holds it and each holds
    another year ("Holm won the race in 2024 by only 12 seconds"): the year, and the index
    of the first figure sentence; else None. Not read: a question naming two years or a
    year it counts from or to ("since 2010", "by 2030")."""
    if _YEAR_BOUND.search(question):
        return None
    found = _figure_for_another(question, sentences, _LONE_YEAR, _ANY_YEAR)
    return (Constraint(YEAR, found[0], (found[0],)), found[1]) if found else None


def day_of_another(question: str, sentences: Sequence[str]) -> tuple[Constraint, int] | None:
    """The day of the week a number question asks a figure for ("How many homes had power
    back by Thursday evening?") when no figure sentence of the reply names it and each
    names another day ("by Wednesday evening it had restored supply to 90,000 homes"): the
    day, and the index of the first figure sentence; else None."""
    found = _figure_for_another(question, sentences, _WEEKDAY, _WEEKDAY)
    return (Constraint(DATE, found[0], (found[0].lower(),)), found[1]) if found else None


def _figure_for_another(
    question: str, sentences: Sequence[str], asked_by: LazyPattern[str], named_by: LazyPattern[str]
) -> tuple[str, int] | None:
    """The one value a number question names (``asked_by``: a year, a day) when every figure
    sentence of the reply names another (``named_by``) and none names it: the value, and
    the index of the first figure sentence; else None."""
    if surface_kind(question) != ASKED_NUMBER:
        return None
    asked = set(asked_by.findall(question))
    if len(asked) != 1:
        return None
    _, giving = _figure_sentences(question, sentences)
    if not giving or any(asked & set(named_by.findall(s)) for s in giving):
        return None
    if all(set(named_by.findall(s)) - asked for s in giving):
        return asked.pop(), sentences.index(giving[0])
    return None


#: A day of the week, as news names one.
_WEEKDAY = LazyPattern(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
#: A year a question counts from or to, which a figure of later or earlier years may answer.
_YEAR_BOUND = LazyPattern(
    r"\b(?:since|from|between|until|till|before|after|by|through)\s+(?:the\s+end\s+of\s+)?"
    r"(?:1[5-9]\d\d|20\d\d)\b",
    re.I,
)
#: A year, written alone or in a span.
_ANY_YEAR = LazyPattern(r"(?<!\d)(?<!\d[,.])(1[5-9]\d\d|20\d\d)(?!\d|[,.]\d)")


def dimension_unmet(question: str, sentences: Sequence[str]) -> str | None:
    """The dimension a "How heavy (tall, deep, wide, far, hot, fast) …?" question asks for
    ("weight") when the reply gives figures only in units of other dimensions ("Its main
    mirror is 8.2 metres across" for "How heavy is the mirror?"): a length is no weight.
    None when a figure sentence gives the asked dimension's unit, or no unit at all."""
    found = _ASKS_DIMENSION.search(question)
    if found is None:
        return None
    asked = next(d for d, (words, _) in _DIMENSIONS.items() if found.group(1).lower() in words)
    given = {d for s in sentences for d, (_, unit) in _DIMENSIONS.items() if unit.search(s)}
    return asked if given and asked not in given else None


#: Each dimension: the adjectives "How …?" asks it by, and its units after a figure.
_DIMENSIONS = {
    "weight": (
        ("heavy",),
        LazyPattern(
            r"\d\s*(?:-\s*)?(?:kg|kilo(?:gram(?:me)?)?s?|tonnes?|tons?|pounds?|lbs?|grams?|"
            r"ounces?|oz)\b",
            re.I,
        ),
    ),
    "length": (
        ("tall", "deep", "wide", "far"),
        LazyPattern(
            r"\d\s*(?:-\s*)?(?:(?:kilo|centi|milli)?met(?:re|er)s?|km|cm|mm|m|miles?|feet|foot|"
            r"ft|inch(?:es)?|yards?|light[\s-]years?)\b",
            re.I,
        ),
    ),
    "temperature": (
        ("hot", "cold", "warm"),
        LazyPattern(r"\d\s*(?:°|degrees?\b)", re.I),
    ),
    "speed": (
        ("fast",),
        LazyPattern(
            r"\d\s*(?:km/h|kph|mph|knots?\b|(?:kilomet(?:re|er)s|miles)\s+an?\s+hour)", re.I
        ),
    ),
}
_ASKS_DIMENSION = LazyPattern(
    r"\bhow\s+(" + "|".join(w for words, _ in _DIMENSIONS.values() for w in words) + r")\b", re.I
)


def _year_only_as(
    question: str, sentences: Sequence[str], years: LazyPattern[str], form: Callable[[str], str]
) -> tuple[Constraint, int] | None:
    """A year of the question (found by ``years``) that no sentence gives as such while one
    gives it in another ``form`` (a pattern made for the year): the year, and the index of
    the first sentence giving that form; else None."""
    for match in years.finditer(question):
        year = match.group(1)
        if any(year in years.findall(sentence) for sentence in sentences):
            return None
        written = re.compile(form(year))
        giving = [i for i, s in enumerate(sentences) if written.search(s)]
        if giving:
            return Constraint(YEAR, year, (year,)), giving[0]
    return None


def superlative_of_another(
    question: str, sentences: Sequence[str]
) -> tuple[Constraint, int] | None:
    """A superlative of the question at one rank ("the busiest container port", "the
    second-busiest commercial port", "the oldest work") when the reply gives the same
    superlative of the same thing only at another rank ("the second busiest container
    port", "the busiest commercial port"), or only another superlative of it ("the most
    famous work") and never the asked one: the asked phrase and the index of the sentence;
    else None. The second busiest is not the busiest, nor the most famous the oldest."""
    said = " ".join(sentences).lower()
    for match in _RANKED_SUPERLATIVE.finditer(question):
        rank, superlative = _rank_of(match.group(1)), _superlative(match)
        what = _superlative_of(match)
        if not what:
            continue
        other = None
        for i, sentence in enumerate(sentences):
            for seen in _RANKED_SUPERLATIVE.finditer(sentence):
                if _superlative_of(seen)[: len(what)] != what:
                    continue
                if _superlative(seen) == superlative and _rank_of(seen.group(1)) == rank:
                    return None
                if _superlative(seen) == superlative or superlative not in said:
                    other = i if other is None else other
        if other is not None:
            words = match.group().rstrip("?.,;:!").split(" ")
            while words[-1].lower() in _NO_THING:  # "busiest port in": "busiest port"
                words.pop()
            text = " ".join(words)
            return Constraint(TERM, text, tuple(plain_words(fold(text)))), other
    return None


def _superlative(match: re.Match[str]) -> str:
    """The superlative of a ``_RANKED_SUPERLATIVE`` match, lower-cased: "busiest", "most
    famous"."""
    word = match.group(2).lower()
    return f"{word} {match.group(3).lower()}" if word in ("most", "least") else word


def _rank_of(ordinal: str | None) -> str:
    """A rank as digits: "second", "2nd": "2"; none: "1" ("the busiest" is the first)."""
    if ordinal is None:
        return "1"
    lower = ordinal.lower()
    return "1" if lower == "first" else _NUMBER_VALUES.get(lower) or re.sub(r"\D", "", lower)


def _superlative_of(match: re.Match[str]) -> tuple[str, ...]:
    """The stems of the words a superlative is said of ("container port" of "busiest
    container port"; "popular" and what follows of "most popular"), up to a function word."""
    words = [w for w in match.groups()[2:] if w]
    if match.group(2).lower() in ("most", "least"):
        words = words[1:]  # "most popular": the adjective is part of the superlative
    kept = []
    for word in words:
        if word.lower() in _NO_THING:
            break
        kept.append(singular(word.lower())[:5])
    return tuple(kept)


#: "How many Kelsan fishermen …?": a people qualifying what is counted, and its noun
#: ("How many Germans were …?" counts a people itself: ``figure_of_another``'s case).
_PEOPLE_COUNTED = LazyPattern(
    r"\b(?i:how\s+many)\s+([A-Z][a-z]+)\s+(?!(?:are|were|is|was|did|do|does|have|has|had|"
    r"will|would|can|could|died|live|lived|work|worked)\b)([a-z][\w-]*?)(?:es|s)?\b"
)


def people_of_another(question: str, sentences: Sequence[str]) -> tuple[Constraint, int] | None:
    """The people a "How many <people> <things> …?" question counts ("How many Kelsan
    fishermen were rescued?") when the reply's figures count those things of another people
    ("12 Dravian fishermen were rescued") and never of the asked one: the asked phrase and
    the index of the first sentence counting another's; else None. A count naming no
    people ("12 fishermen were rescued") may be of the asked one."""
    found = _PEOPLE_COUNTED.search(question)
    if found is None or (asked := country_of(found.group(1))) is None:
        return None
    noun = found.group(2)
    counted = rf"(?:\d[\d,.]*|{_CARDINAL})\s+(?:[a-z]+\s+)?([A-Z][a-z]+)\s+{re.escape(noun)}"
    known = _figures(question)
    other = None
    for i, sentence in enumerate(sentences):
        if not _figures(sentence) - known:
            continue
        for seen in re.finditer(counted, sentence, re.I):
            people = _country_word(seen.group(1))
            if people == asked:
                return None
            if people is not None and other is None:
                other = i
    if other is None:
        return None
    text = question[found.start(1) : found.end()]
    return Constraint(NAME, text, tuple(plain_words(fold(text)))), other


#: A question whose verb has a name for its subject ("How many Dreamers does Salesforce
#: employ?", "How large a fine did Macmillan have to pay?", "Which team did Ajax beat?"):
#: the name, then the verb, perhaps after "have to" or "agree to".
_SUBJECT_ASKED = LazyPattern(
    r"^\s*(?:[Aa]nd\s+)?(?:[A-Za-z]+\s+)?(?:[Hh]ow|[Ww]hat|[Ww]hich|[Ww]hen|[Ww]here|[Ww]ho|[Ww]hom|[Ww]hy)\b"
    r"[^?]*?\b"
    r"(?:does|did|do|will|would|has|have|had|can|could)\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*){0,3})\s+"
    r"(?:(?:have|has|had|need|needed|agree|agreed|want|wanted|plan|planned|expect|expected)"
    r"\s+to\s+)?(?P<verb>[a-z]{3,})\b"
)
#: What says a verb's subject is acted on, not acting ("was paid", "has been sold").
_PASSIVE_BEFORE = LazyPattern(r"\b(?:is|are|was|were|be|been|being|get|got)\s+(?:\w+ly\s+)?$")
#: Who a verb's subject may be, nearest before it: a capitalised name, or a pronoun.
_HOLDER = LazyPattern(
    r"\b(?:[A-Z][\w’'&.-]*(?:\s+(?:of\s+|de\s+|&\s+)?[A-Z][\w’'&.-]*)*"
    r"|(?:he|she|it|they|I|we)(?![\w’'-]))"
)
#: The pronouns a verb's subject may be, lower-cased.
_PRONOUNS = frozenset("he she it they i we".split())
_NOT_HOLDERS = frozenset(
    "the a an this that these those but and or so yet in on at for of to by with as after "
    "before since while when if though although its his her their our my your mr mrs ms dr "
    "monday tuesday wednesday thursday friday saturday sunday".split()
) | frozenset(m.lower() for m in _MONTH_NAMES)


def subject_of_another(
    question: str, sentences: Sequence[str], around: Sequence[str] = ()
) -> tuple[Constraint, int] | None:
    """The name a question makes the subject of its verb ("How many Dreamers does
    Salesforce employ?", "How large a fine did Macmillan have to pay?") when no sentence of
    the reply saying that verb (giving a figure too, for a figure question) names it, and one
    of them gives the verb to another: the subject nearest before the verb is another name
    ("Apple employs about 450 Dreamers", "Chelsea have this morning paid the fee"), or a
    pronoun standing for one: "it" or "they" for the last name before it in the sentence
    ("Apple … said it … must pay a $450 million fine"), "I" or "we" in a quote for its
    speaker ("'I lost two,' Holtz said."; ``around``: the text the sentences are drawn
    from). The asked name and the index of that sentence; else None.

    A sentence naming the asked name, in full or by one of its words, may give its figure,
    unless it has not the verb and names it only after "to", "from", "against", "with" or
    "for" ("the £38 million move of Tom Ray to Ajax": no figure Ajax paid). One whose verb
    is passive ("was paid"), whose subject is no name ("The company employs 450", "the actor
    plays", a capitalised first word the text never writes capitalised inside a sentence:
    "Only seven teams gained …"), only whose the subject is ("Ajax's striker scored"), a
    place or a people ("in Denver", "Norman mercenaries"), or "he" or "she" (a body's
    founder or chief may be) tells nothing either way, nor does a verb of speech
    (``SPEECH_VERBS``)."""
    found = _SUBJECT_ASKED.search(question)
    if found is None:
        return None
    name, verb = found.group("name"), found.group("verb")
    if verb in AUXILIARIES or verb in STOPWORDS or country_of(name) is not None:
        return None  # "did Danish police arrest": a people, which other rules weigh
    stem = verb[:-1] if verb.endswith("e") and len(verb) > 4 else verb
    forms = [f for f in (*verb_forms(verb), *verb_forms(stem)) if f != stem]
    if re.fullmatch(SPEECH_VERBS, verb) or any(re.fullmatch(SPEECH_VERBS, f) for f in forms):
        return None  # whose words a reply gives, the rules on speakers read
    words = [w for w in plain_words(fold(name)) if len(w) > 1]
    spelt = [rf"{re.escape(stem)}\w{{0,3}}", *(re.escape(f) for f in forms)]
    said_verb = re.compile(rf"\b(?:{'|'.join(spelt)})\b")
    figure_asked = surface_kind(question) == ASKED_NUMBER
    known = _figures(question)
    other = None
    for i, sentence in enumerate(sentences):
        figures = _figures(sentence) - known
        if figure_asked and not figures:
            continue
        said = said_verb.search(sentence)
        # "two companies …, and Nordvik sells …" tells nothing Nordvik employs; "the move of
        # Tom Ray to Ajax" names Ajax as no payer.
        named = _names_any(words, sentence) and (
            said or not _RECEIVER.search(sentence[: max(sentence.find(name), 0)])
        )
        if named and (said or any(f[0].isdigit() for f in figures)):
            return None
        if said is None or other is not None or _PASSIVE_BEFORE.search(sentence, 0, said.start()):
            continue
        holder = _holder_before(sentence, said.start(), around, words, question)
        if holder is not None and not holder:
            other = i
    if other is None:
        return None
    return Constraint(NAME, name, tuple(plain_words(fold(name)))), other


def _holder_before(
    sentence: str, at: int, around: Sequence[str], asked: Sequence[str], question: str
) -> set[str] | None:
    """Whether the subject nearest before ``at`` in the sentence is the asked name: the
    empty set when it is another name (or a pronoun standing for one: ``_antecedent``), a
    set of its words when it is a name the question holds; None when no name is found."""
    found = [
        m
        for m in _HOLDER.finditer(sentence, 0, at)
        if m.group().casefold() not in _NOT_HOLDERS
        and not (m.start() == 0 and m.group().split()[0].casefold() in _NOT_HOLDERS)
        and (m.start() > 0 or " " in m.group() or _named_inside(m.group(), [sentence, *around]))
    ]
    if not found:
        return None
    last = found[-1]
    word = last.group()
    if re.search(r"[’']s?$", word):
        return None  # "Kelso's chief earns …": whose the holder is, not the holder
    if _NEW_SUBJECT.search(sentence, last.end(), at):
        return None  # "Set in Kelso, the actor plays …": a subject the name is not
    between = sentence[last.end() : at].split()
    noun = between[0] if len(between) == 1 else ""
    if noun.isalpha() and noun.islower() and noun not in AUXILIARIES and noun[-2:] != "ly":
        return None  # "the Cuban actor plays", "Kelso farmers produced": a noun's word
    question_words = set(plain_words(fold(question)))
    word = word.casefold() if word.casefold() in _PRONOUNS else word
    if word in ("i", "we"):  # "'I lost two,' Holtz said.": the speaker
        source = _SOURCE.search(sentence, at)
        if source is None:
            return None
        spoken = [w for w in plain_words(fold(source.group())) if w not in ("said", "says", "told")]
        return {w for w in spoken if w in question_words}
    if word in ("he", "she"):
        return None  # a body's founder or chief may be "he": no rival of the body asked
    if word in ("it", "they"):
        name = _antecedent(sentence[: last.start()])
        if name is None:
            return None
        word = name
    before = sentence[: sentence.find(word)].split()[-1:] if word in sentence else []
    if before and before[0].casefold() in PREPOSITIONS:
        return None  # "to Denver", "in Kelso": a place or a thing, no subject
    words = [w for w in plain_words(fold(word)) if w not in _NOT_HOLDERS]
    if not words or all(country_of(w) is not None for w in re.split(r"-", " ".join(words))):
        return None  # "Norman mercenaries", "Cuban-Guatemalan": a people, no one name
    if last.start() == 0 and len(words) == 1 and word.endswith("s") and common_word(word):
        return None  # "Shares rose …", "Officials said …": a plural noun opening a sentence
    if _names_any(asked, word) or any(held(w, question_words) for w in words):
        return set(words)
    return set()


def _named_inside(word: str, texts: Sequence[str]) -> bool:
    """Whether a capitalised word opening a sentence is a name: it is in capitals or no
    common English word, or the texts write it capitalised inside a sentence too ("… paid
    Chelsea"), not only first ("Only seven …")."""
    if word.casefold() in _PRONOUNS or word.isupper() or not common_word(word):
        return True  # "PSV", "Feyenoord": no English word
    inside = re.compile(rf"(?<![.!?\"“]\s)(?<!^)\b{re.escape(word)}\b")
    return any(inside.search(text.replace("\n", " ")) for text in texts)


def _antecedent(text: str) -> str | None:
    """The last name in ``text`` (what "it" or "they" after it stands for), else None."""
    names = [
        m.group()
        for m in _HOLDER.finditer(text)
        if m.group()[:1].isupper()
        and m.group().casefold() not in _NOT_HOLDERS
        and m.group().casefold() not in _PRONOUNS
        and not (m.start() == 0 and m.group().split()[0].casefold() in _NOT_HOLDERS)
    ]
    return names[-1] if names else None


#: A preposition right before a name, which puts it in another role than a verb's subject
#: ("the move of Tom Ray to Ajax").
_RECEIVER = LazyPattern(r"\b(?:to|from|against|with|for)\s+(?:the\s+)?$")
#: A clause that gives the verb after it a subject of its own ("…, the actor plays …").
_NEW_SUBJECT = LazyPattern(r"[,;:]\s+(?:the|a|an|its|his|her|their|this|these)\s")


#: Words a count may use for whatever a question counts ("300 people" for "users"), and
#: the broad heads a count of something narrower may answer ("How many victims …?"): either
#: way no count shows that another thing was counted.
_ANY_COUNTED = frozenset(
    "people persons individuals men women children adults others ones those residents "
    "inhabitants citizens locals members cases incidents times things items units workers "
    "staff employees personnel casualties victims deaths fatalities dead injured vehicles "
    "animals buildings properties places sites groups countries nations".split()
)
_IRREGULAR_PLURALS = frozenset("people men women children police staff personnel aircraft".split())
#: What may stand between a count and the thing it counts ("two dozen of the …").
_COUNT_FILLER = frozenset(
    "million millions billion billions thousand thousands hundred hundreds dozen dozens and "
    "of the a an more than about some over nearly almost around up to least at".split()
)
_FIGURE = LazyPattern(
    rf"(?<![\w.,])(?:\d[\d,.]*\d|\d)(?![\w.,]?\d)|{_CARDINAL.replace('one|', '')}", re.I
)
_CURRENCY = (
    r"(?:dollars?|pounds?|euros?|pesos?|yen|yuan|renminbi|rupees?|cents?|francs?|rand|roubles?|"
    r"rubles?|kroner|krone|kronor|tenge|som|somoni|manat|lira|lire|dinars?|dirhams?|riyals?|"
    r"rials?|shekels?|won|baht|ringgit|rupiah|naira|shillings?|zloty|forint|reais|real|leva?|"
    r"lei|hryvnias?|USD|EUR|GBP|p)\b"
)
#: A sum: a currency sign before a figure, a currency after it (with a scale and a word
#: between: "40 million Swiss francs"), or a scale in words before one ("half-a-million
#: pounds", "two million dollars").
_MONEY_FIGURE = LazyPattern(
    rf"(?:{CURRENCY_BEFORE}|\$US)\s?\d|\d[\d,.]*\s*(?:(?:million|billion|bn|m|crore|lakh)\s+)?"
    rf"(?:[A-Z][a-z]+\s+)?{_CURRENCY}|\b(?:hundred|thousand|million|billion)s?[-\s]+"
    rf"(?:[A-Z][a-z]+\s+)?{_CURRENCY}",
    re.I,
)
_PERCENT_AFTER = LazyPattern(r"\s*(?:%|per\s*cent\b|percent\b)", re.I)
_MEASURE_UNIT = LazyPattern(
    rf"(?:{_TIME_UNIT}|(?:kilo|centi|milli)?met(?:re|er)s?|km|miles?|feet|foot|inches|yards?|"
    r"tonnes?|tons?|kilo(?:gram)?s?|kg|litres?|liters?|hectares?|acres?|degrees?|knots?|"
    r"nautical|points?|runs?|goals?|votes?|seats?)$",
    re.I,
)
_NOT_A_COUNT_STOP = LazyPattern(r"[^\w\s'’-]")
#: "How many <things> …?": up to three words after "how many", lower case.
_HOW_MANY_WORDS = LazyPattern(r"\b[Hh]ow\s+many\s+((?:[a-z][\w-]*\s*){1,3})")
_AUXILIARIES = frozenset(
    "are were is was did do does have has had will would can could may might should must "
    "remain remained live lived died die work worked".split()
)
#: "How much bail/money/funding …?", "How much did it cost?": a sum of money asked for.
_ASKS_MONEY = LazyPattern(
    r"\bhow\s+much\s+(?:(?:[a-z]+\s+)?(money|cash|bail|fines?|funding|compensation|pay|"
    r"salary|wages?|budget|prize\s+money|ransom|tax|fees?|bonus|payout|rent|debt|loans?|aid|"
    r"grants?|donations?|reward|damages|profits?|revenue|spending|investment|subsid(?:y|ies)|"
    r"pension)\b|(?:did|does|do|will|would)\s+[^?]*?\b(?:cost|pay|earn|spend|charge)\b)"
    r"|\bwhat\s+(?:did|does|do|will|would)\s+[^?]*?\bcost\b",
    re.I,
)


def names_counted(question: str, text: str) -> bool:
    """Whether ``text`` names the things a "How many <things> …?" question counts, in any
    form of the word ("goal" for "How many goals …?", "staff" for "How many staff …?");
    True for a question counting no named things. A figure in a sentence that never names
    them counts something else."""
    many = _HOW_MANY_WORDS.search(question)
    counted = many.group(1).split()[0].lower() if many else ""
    if not counted or counted in _NOT_COUNTED_WORDS:
        return True
    thing = singular(counted) if _plural_noun(counted) else counted  # "staff", "police"
    return any(w.startswith(thing) or same_family(thing, w) for w in plain_words(text))


#: Words after "How many" that name no counted thing ("How many of them …?", "How many
#: more …?", "How many times …?" is answered by "twice").
_NOT_COUNTED_WORDS = frozenset("of more times other different such".split())


def _plural_noun(word: str) -> bool:
    """Whether a lower-case word reads as a plural noun ("militants", "people")."""
    return word in _IRREGULAR_PLURALS or (
        len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ous"))
    )


def _counted_head(question: str) -> tuple[str, str] | None:
    """What a "How many <things> …?" question counts: its words and its head noun, lower
    case ("police officers", "officers"); None when the words name a people or a name
    ("How many Kelsans …"), no plural noun, or a measure ("How many kilometres …")."""
    found = _HOW_MANY_WORDS.search(question)
    if found is None:
        return None
    words: list[str] = []
    for word in found.group(1).split():
        if word in _AUXILIARIES or word in PREPOSITIONS or not word.isalpha():
            break
        words.append(word)
    plural = [i for i, w in enumerate(words) if _plural_noun(w)]
    if not plural:
        return None
    head = words[plural[0]]
    while plural[0] + 1 < len(words) and _plural_noun(words[plural[0] + 1]):
        plural[0] += 1
        head = words[plural[0]]
    if _MEASURE_UNIT.match(head) or head in _ANY_COUNTED:
        return None
    return " ".join(words[: words.index(head) + 1]), head


def _what_is_counted(sentence: str, at: int) -> str | None:
    """What the figure ending at ``at`` counts: ``money``, ``percent``, a unit or the plural
    noun a few words after it ("eight suspected militants": militants); None when no
    plural noun comes before a preposition, a verb or a mark ("20 have died")."""
    if _PERCENT_AFTER.match(sentence, at):
        return "percent"
    words = 0
    for word in re.split(r"\s+", sentence[at:].lstrip(" -"))[:6]:
        bare = word.strip("“”\"'’,.;:()").lower()
        if not bare or _CARDINAL_WORD.fullmatch(bare) or bare in _COUNT_FILLER:
            if word.endswith((",", ";", ":", ".")):
                return None
            continue
        if _MEASURE_UNIT.match(bare):
            return bare
        if _plural_noun(bare):
            return bare
        if bare in PREPOSITIONS or _NOT_A_COUNT_STOP.search(word[:-1]) or words >= 2:
            return None
        if word.endswith((",", ";", ":", ".")):
            return None
        words += 1
    return None


_CARDINAL_WORD = LazyPattern(_CARDINAL.replace(r"\b", ""), re.I)


def counted_of_another(
    question: str, sentences: Sequence[str], around: Sequence[str] = ()
) -> tuple[Constraint, int] | None:
    """What a "How many <things> …?" or "How much <money> …?" question asks for when the
    reply's figures count something of another kind: money, a share, a length or time, or
    another plural noun that is no other word for the asked one ("How many doctors were
    suspended?" answered by "Six midwives were suspended"), while no sentence of the reply
    names the asked thing and no text around it counts it. A count of "people" (or of any
    broad word: ``_ANY_COUNTED``) may count anything, and a figure whose counted thing
    cannot be read ("20 have died") may be the asked one: then None. With the asked thing,
    the index of the first sentence counting another."""
    known = _figures(question)
    asks_time = bool(_ASKS_TIME.search(question)) or bool(_HOW_MUCH.search(question))
    money = _ASKS_MONEY.search(question)
    if money is not None:
        if _ASKS_TIME.search(question) or any(
            _MONEY_FIGURE.search(s) for s in [*sentences, *around]
        ):
            return None  # the articles give a sum near the reply: which one is sentence choice
        giving = [i for i, s in enumerate(sentences) if _figures(_DURATION.sub(" ", s)) - known]
        if not giving:
            return None
        if money.group(1) is None:  # "How much did the bridge cost?"
            return Constraint(NAME, "the sum asked", ("sum",)), giving[0]
        return Constraint(COUNTED, money.group(1), tuple(plain_words(money.group(1)))), giving[0]
    counted = _counted_head(question)
    if counted is None:
        return None
    phrase, head = counted
    stem = singular(head)
    words_of = [plain_words(s.lower()) for s in [*sentences, *around]]
    if any(same_thing(w, head) for words in words_of[: len(sentences)] for w in words):
        return None  # the reply names the asked thing
    if any(_counts(question, text) for text in around):
        return None
    other = None
    for i, sentence in enumerate(sentences):
        text = sentence if asks_time else _DURATION.sub(" ", sentence)
        text = _DECADE.sub(" ", _DAY_OF_MONTH.sub(" ", _CLOCK.sub(" ", text)))
        text = re.sub(r"\b\d+(?:st|nd|rd|th)\b", " ", text)
        for figure in _FIGURE.finditer(text):
            number = figure.group()
            if YEAR_PATTERN.fullmatch(number) or _digits(number) in known:
                continue
            if number.lower() in _COUNT_FILLER:
                continue  # "hundreds" of "two hundred" is read with the count before it
            if _MONEY_FIGURE.match(text, max(0, figure.start() - 4)) or text[
                max(0, figure.start() - 1) : figure.start()
            ] in ("$", "£", "€"):
                thing: str | None = "money"
            else:
                thing = _what_is_counted(text, figure.end())
            if thing is None or thing in _ANY_COUNTED or same_thing(thing, stem):
                return None
            if thing not in ("money", "percent") and not _MEASURE_UNIT.match(thing):
                return None  # "5,000 soldiers" may be the asked peacekeepers in other words
            other = i if other is None else other
    if other is None:
        return None
    return Constraint(COUNTED, phrase, tuple(plain_words(phrase))), other


#: A people or country and what of theirs a question asks about ("the Kelsan foreign
#: minister", "Dravia's coast guard", "Kelsan women").
_QUALIFIED = LazyPattern(
    r"\b([A-Z][a-z]+(?:[’']s)?|US|UK)\s+((?:[A-Z][a-z]+\s+)?[A-Z][a-z]+|[a-z]+(?:\s+[a-z]+)?)\b"
)


def qualified_of_another(
    question: str, sentences: Sequence[str], around: Sequence[str] = ()
) -> tuple[Constraint, int] | None:
    """The people's or country's thing a question asks about ("What did the Kelsan Foreign
    Minister say?", "How many boats did Kelsan police seize?") when the reply names that
    thing only as another country's ("Dravian Foreign Minister Jo Lind said …",
    "Dravia's police seized …") and no text around it names the asked one's: the asked
    phrase and the index of the first sentence naming another's; else None."""
    for found in _QUALIFIED.finditer(question):
        asked = _country_word(found.group(1))
        thing = found.group(2).split()
        if thing[0].lower() in _AUXILIARIES or thing[0].lower() in PREPOSITIONS:
            continue
        if asked is None or any(country_of(w) for w in thing) or thing[0].lower() in _STOP:
            continue
        if thing[-1].islower() and len(thing) == 2 and not _plural_noun(thing[-1]):
            thing = thing[:1]  # "Kelsan police say": the thing is "police"
        noun = r"\s+".join(re.escape(w) for w in thing)
        # The word right before the thing, else the one before that ("Dravia's Foreign
        # Ministry"); or the country after it ("the police of Dravia").
        said = re.compile(
            rf"(?<![\w.])((?:[A-Z][a-z]+(?:[’']s)?|U\.S\.|[A-Z]{{2,3}})\s+)?([A-Za-z]+(?:[’']s)?|"
            rf"U\.S\.)\s+(?i:{noun})(?:e?s)?\b|\b(?i:{noun})(?:e?s)?\s+(?:of|from|in)\s+"
            rf"(?:the\s+)?([A-Z][a-z]+)"
        )
        other = None
        for i, text in enumerate([*sentences, *around]):
            for seen in said.finditer(text):
                for word in (seen.group(2), seen.group(1), seen.group(3)):
                    word = (word or "").strip()
                    people = _country_word(word)
                    if people is not None:
                        break
                if people == asked:
                    return None
                if people is not None and other is None and i < len(sentences):
                    other = i
        if other is not None:
            text = " ".join([found.group(1), *thing])
            return Constraint(NAME, text, tuple(plain_words(fold(text)))), other
    return None


_STOP = frozenset("and or but the a an who what which".split())
#: The country a word names or stands for, short forms included ("US troops", "UK ministers").
_country_word = country_named


def _holders_named(text: str, office: AskedHolder) -> list[str]:
    """The names a text gives the holder of an office, beside the office's word
    ("chairman Jo Lind", "Jo Lind, the bank's chairman")."""
    role = rf"(?:{office.narrowing}\s+)?{office.noun}" if office.narrowing else office.noun
    name = r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2}"
    return [
        m.group("a") or m.group("b")
        for m in re.finditer(
            rf"(?i:\b{role})\b,?\s+(?P<a>{name})|(?P<b>{name}),\s+(?:the\s+)?"
            rf"(?:[\w-]+['’]s\s+)?(?i:{role})\b",
            text,
        )
    ]


def closest_sentence(question: str, sentences: Sequence[str], lexicon: Lexicon) -> int:
    """Which of a failing passage's sentences (likeliest answer first) an abstention shows
    as the closest: the one holding the largest IDF-weighted share of the question's terms
    (its names, years and what it asks about), the likelier on a tie. The likeliest answer
    sentence of a "how many" question is any figure; the closest evidence is the sentence
    about what was asked ("How many mosques were closed in Turkmenistan in 2016?": the
    sentence on 2016 arrests, not a budget total the passage also gives)."""
    terms = _question_terms(question, lexicon)
    if not terms:
        return 0
    weights = {term: lexicon.idf(term) for _, term in terms}
    total = sum(weights.values()) or 1.0

    def share(text: str) -> float:
        held = folded(lexicon.terms([fold(text)])[0])
        return sum(w for term, w in weights.items() if term in held) / total

    shares = [share(text) for text in sentences]
    return max(range(len(sentences)), key=lambda i: (round(shares[i], 6), -i), default=0)


#: "one" that counts nothing: "one of the most crucial factors", "the one who", "no one",
#: "one another".
_ONE_NOT_COUNTING = LazyPattern(
    r"\b(?:one\s+of\s+(?:the|its|their|his|her|our)\s+(?:most|least|\w+est)\b"
    r"|(?:the|this|that|which|any|every|each|no|some)\s+one(?![\w-])"
    r"(?!\s+(?:of|hundred|thousand|million|billion)\b)|one\s+another\b)",
    re.I,
)


def _figures(text: str, ranks: bool = True) -> set[str]:
    """The figures a text gives (see ``reply_lacks_asked``), lower-cased; without the ranks
    ("second-largest") when ``ranks`` is False."""
    text = _DECADE.sub(" ", _DAY_OF_MONTH.sub(" ", _ONE_NOT_COUNTING.sub(" ", text)))
    found = {_digits(n) for n in _NUMBER.findall(text) if not YEAR_PATTERN.fullmatch(n)}
    ranked = {" ".join(m.lower().split()) for m in _RANK.findall(text)} if ranks else set()
    return found | ranked | {w.lower() for w in _NUMBER_WORD.findall(text)}


def _gives(asked: str, text: str, question: str, mentioned: Things) -> bool:
    """Whether a text gives a thing of the asked kind (a number, a date) that the question
    does not name (``mentioned``: its ``things``); a date may be a century, a decade or an
    early year ("in the 1050s", "in 911,": ``_periods``)."""
    if things(text).new_to(mentioned, asked):
        return True
    return asked == ASKED_DATE and bool(_periods(text) - _periods(question))


def _periods(text: str) -> set[str]:
    """The centuries, decades and early years a text names as times ("10th century", "the
    1050s", "in 911,"), lower-cased, spaces and hyphens as one: dates before the years news
    writes (``YEAR_PATTERN``) that answer "When …?"."""
    found = {re.sub(r"[\s-]+", " ", m.lower()) for m in _PERIOD.findall(text)}
    found |= {m.group().lstrip("’'") for m in _DECADE.finditer(text)}
    return found | set(_EARLY_YEAR.findall(text))


#: A year before 1500 said as a time: "in 911,", "until 1066.", "by 1204 AD".
_EARLY_YEAR = LazyPattern(
    r"\b(?:in|until|till|by|since|from|around|about|c\.)\s+(\d{3,4})"
    r"(?=\s*(?:[,.;:)–-]|AD\b|BC\b|CE\b|BCE\b|and\b|as\b|when\b|$))"
)


def quotes_in(question: str, text: str) -> bool:
    """Whether every phrase the question quotes stands in ``text``, word for word (case
    and punctuation aside): an article a question quotes a title of must hold it."""
    words = plain_words(fold(text))
    return all(contains_run(words, run) for run in quoted_runs(question))


def quoted_runs(question: str) -> list[list[str]]:
    """The phrases the question quotes, each as its lower-cased, accent-free words
    (what ``contains_run`` compares)."""
    return [
        plain_words(fold(found.group(1) or found.group(2))) for found in _QUOTED.finditer(question)
    ]


def named_in(constraints: Sequence[Constraint]) -> tuple[Constraint, ...]:
    """The names, years and dates among a question's constraints: what a figure was
    asked for."""
    return tuple(c for c in constraints if c.kind in (NAME, YEAR, DATE))


def _spelling_variants(
    terms: Sequence[tuple[str, str]], lexicon: Lexicon
) -> dict[str, frozenset[str]]:
    """The terms of each question word's British or American spelling ("neighbouring":
    "neighbor"), by its term."""
    out = {}
    for word, term in terms:
        variants = other_spellings(word)
        found = {fold(t) for found in lexicon.terms(variants) for t in found} if variants else set()
        if found - {fold(term)}:
            out[term] = frozenset(found - {fold(term)})
    return out


def _question_terms(question: str, lexicon: Lexicon) -> list[tuple[str, str]]:
    """(word, BM25 term) for each content word of the question, question words,
    ``FUNCTION_WORDS``, ``REQUEST_WORDS`` and the word framing a "How …?" ("old", "far")
    left out: "How old is Quist?" asks for an age, which no article need call "old"."""
    found = [w.group() for w in _WORD.finditer(question)]
    words = [
        word
        for before, word in zip(["", *found], found, strict=False)
        if word.lower() not in QUESTION_WORDS | FUNCTION_WORDS | REQUEST_WORDS
        and before.lower() != "how"
    ]
    pairs = [(w, t) for w, ts in zip(words, lexicon.analyse(words), strict=True) for t in ts]
    return list({term: (word, term) for word, term in pairs}.values())


#: What a question asks an article about: "What does Jane Doe's report say about prisons?"
_ABOUT = LazyPattern(r"\b(?:about|regarding|concerning)\s+(.+)", re.I)


def absent_from_article(
    question: str, article: Article, snapshot: Storage
) -> tuple[Constraint, ...]:
    """The words of what a question asks one article about (the article it names: "What
    does Jane Doe's report say about prisons?") that the article never uses, in any form
    (another spelling, another word of the family, a country by its demonym): a topic the
    article does not speak of, however common its word is in the index (so no ``term``
    constraint the passages of that one article could fail). Only the words after
    "about", "regarding" or "concerning" are read; none for a question without them."""
    about = _ABOUT.search(question)
    if about is None:
        return ()
    lexicon = Lexicon.of(snapshot)
    raw = snapshot.file_text(article.path)
    spans = (*article.header, *article.paragraphs)
    said = [article.title, article.author or "", article.outlet or ""]
    text = fold("\n".join([*said, *(raw[s.start : s.end] for s in spans)]))
    used = folded(lexicon.terms([text])[0])
    terms = _question_terms(about.group(1), lexicon)
    spellings = _spelling_variants(terms, lexicon)
    return tuple(
        Constraint(TERM, word, (term,))
        for word, term in terms
        if not held(fold(term), used)
        and not spellings.get(term, frozenset()) & used
        and not any(same_family(fold(term), known) for known in used)
    )


def describe_missing(missing: Sequence[Constraint]) -> str:
    """How the reply names what is missing: the names, quotes and words, then "in" the
    years and dates: ``Tajikistan``, ``Tajikistan in 2017``, ``Almaty and “round
    table” in June 2016``; a word of the question (not a name) in quotes."""
    shown = [
        f"“{c.text}”"
        if c.kind in (QUOTE, TERM, COUNTED) or (c.kind == UNSEEN and c.text.islower())
        else _country_of(c.text)
        for c in missing
        if c.kind not in (YEAR, DATE)
    ]
    when: list[str] = []
    for c in missing:
        if c.kind == YEAR and when and when[-1] in _MONTH_NAMES:
            when[-1] += f" {c.text}"  # "June 2016"
        elif c.kind in (YEAR, DATE):
            when.append(c.text)
    if not when:
        return _listed(shown)
    return f"{_listed(shown)} in {_listed(when)}" if shown else _listed(when)


def _country_of(name: str) -> str:
    """The country a demonym stands for ("Kyrgyz": Kyrgyzstan, "Russian": Russia), else
    the name without a possessive ending ("Rafael Nadal's": Rafael Nadal)."""
    country = None if " " in name else country_of(name)
    if country is not None and country != name.lower():
        return country.title()
    return _POSSESSIVE.sub("", name)


_POSSESSIVE = LazyPattern(r"(?<=\w)[’']s$|(?<=s)[’']$")


def _listed(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


class Evidence:
    """The words of one passage, and of its article context (for names)."""

    def __init__(
        self,
        hit: Hit,
        snapshot: Storage,
        lexicon: Lexicon,
        context_characters: int,
        years_in_context: bool = False,
        loose_names: bool = False,
        article_words: dict[str, list[str]] | None = None,
    ):
        self._hit = hit
        self._article_words = {} if article_words is None else article_words
        self._snapshot = snapshot
        self._around = context_characters
        self._years_in_context = years_in_context
        self._loose_names = loose_names
        window = fold(hit.chunk.text)
        self._lexicon = lexicon
        self.terms = folded(lexicon.terms([window])[0])
        self.words = plain_words(window)
        self.digits = {_digits(n) for n in _NUMBER.findall(window)} | _spelt_numbers(window)
        self.digits |= {re.sub(r"\D", "", n) for n in _SPACED_NUMBER.findall(window)}
        self.years = _years(window)
        # Met by "last year" in an article of the next year, but no rival to another year
        # asked: the question may name the year of the article itself ("the 2003 report").
        self.relative_years = _relative_years(window, hit.article.published)
        self._context: set[str] | None = None
        self._context_text = ""
        self._heading: set[str] | None = None
        self._entities: list[tuple[str, list[str]]] | None = None

    def coverage(
        self,
        terms: Sequence[tuple[str, str]],
        lexicon: Lexicon,
        spellings: dict[str, frozenset[str]] | None = None,
    ) -> float:
        """IDF-weighted share of the question's terms that the passage's window holds
        (``holds``)."""
        if not terms:
            return 1.0
        weights = [(lexicon.idf(term), self.holds(term, spellings)) for _, term in terms]
        return sum(w for w, held in weights if held) / sum(w for w, _ in weights)

    def holds(self, term: str, spellings: dict[str, frozenset[str]] | None = None) -> bool:
        """Whether the window holds a question's term, in its other spelling
        (``spellings``: "neighbouring" and "neighbors") or as a word of its family
        ("tourist" and "tourism": ``same_family``)."""
        key = fold(term)
        if key in self.terms or (spellings and spellings.get(term, frozenset()) & self.terms):
            return True
        return any(same_family(key, held) for held in self.terms) or alike_held(key, self.terms)

    def context_terms(self) -> set[str]:
        """Terms of the article's title, outlet and author, and of the passage's
        paragraphs and their neighbours in its section (``_section``)."""
        if self._context is None:
            article = self._hit.article
            raw = self._snapshot.file_text(article.path)
            near = [raw[p.start : p.end] for p in self._section(raw)]
            about = [article.title, article.outlet or "", article.author or "", *near]
            self._context_text = "\n".join(about)
            self._context = folded(self._lexicon.terms([fold(self._context_text)])[0])
        return self._context

    def _section(self, raw: str) -> list[Span]:
        """The paragraphs the passage overlaps, with those within ``context_characters``
        of it that are in the same section: from its heading, up to the next heading
        ("Tajikistan: Situation Under Control" starts another country's section)."""
        chunk, paragraphs = self._hit.chunk, self._hit.article.paragraphs
        inside = [
            i for i, p in enumerate(paragraphs) if p.start < chunk.end and chunk.start < p.end
        ]
        if not inside:
            return []
        first, last = inside[0], inside[-1]

        def heading(i: int) -> bool:
            return not is_statement(raw[paragraphs[i].start : paragraphs[i].end])

        while (
            first > 0
            and not heading(first)
            and paragraphs[first - 1].end > chunk.start - self._around
        ):
            first -= 1
        while (
            last + 1 < len(paragraphs)
            and not heading(last + 1)
            and paragraphs[last + 1].start < chunk.end + self._around
        ):
            last += 1
        return list(paragraphs[first : last + 1])

    def heading_terms(self) -> set[str]:
        """Terms of the article's title and of the heading of the section the passage sits
        under (the nearest heading before it): what the whole section is about."""
        if self._heading is None:
            raw = self._snapshot.file_text(self._hit.article.path)
            chunk, paragraphs = self._hit.chunk, self._hit.article.paragraphs
            before = [raw[p.start : p.end] for p in paragraphs if p.start < chunk.start]
            heading = next((p for p in reversed(before) if not is_statement(p)), "")
            text = fold(f"{self._hit.article.title}\n{heading}")
            self._heading = folded(self._lexicon.terms([text])[0])
        return self._heading

    def rival(self, kind: str, asked: Asked) -> bool:
        """Whether the passage's window names a thing of this kind the question does not
        ask about: another country, year, place, person or organisation."""
        if kind == YEAR:
            return bool(self.years - asked.years)
        if kind == COUNTRY:
            countries = sorted(_countries(self._hit.chunk.text))
            return any(
                not any(_asked(t, asked.terms) for t in terms)
                for terms in self._lexicon.terms(countries)
            )
        if self._entities is None:
            text = self._hit.chunk.text
            self._entities = [
                (found, self._lexicon.terms([fold(text[start:end])])[0])
                for start, end, found in entity_spans(text, Vocabulary())
            ]
        kinds = (PLACE, COUNTRY) if kind == PLACE else (kind,)
        return any(
            found in kinds and terms and not any(_asked(t, asked.terms) for t in terms)
            for found, terms in self._entities
        )

    def _context_year(self, year: str) -> bool:
        if not self._years_in_context:
            return False
        published = self._hit.article.published
        return (published is not None and year == str(published.year)) or (
            year in self.context_terms()
        )

    def meets(
        self, constraint: Constraint, contrast: str | None = None, asked: Asked | None = None
    ) -> bool:
        """Whether this passage meets the constraint (see the module's rule). ``contrast``:
        the constraint's kind when the wider context may not meet it while the window
        names a rival of that kind (``rival``) the question does not name (``asked``)."""
        kind, terms = constraint.kind, constraint.terms
        if kind == YEAR:
            if terms[0] in self.digits or terms[0] in self.relative_years:
                return True
            return not self._blocked(contrast, asked) and self._context_year(terms[0])
        if kind == NUMBER:
            return terms[0] in self.digits
        if kind == DATE:
            return any(term in self.words for term in terms)
        if kind == QUOTE:
            return contains_run(self.words, list(terms)) or contains_run(
                plain_words(self._hit.article.title), list(terms)
            )
        if kind in (UNSEEN, COUNTED):
            return typo_of(terms[0], self.terms) or alike_held(terms[0], self.terms)
        if kind == TERM:  # or another word of its family ("tourist": "tourism", "women")
            return self.holds(terms[0])
        if all(held(t, self.terms) for t in terms) or all(
            held(t, self.heading_terms()) for t in terms
        ):
            return True
        if self._loose_names and (
            name_met_loosely(constraint.text, terms, self.terms, self.words)
            or initials_met(constraint.text, self._hit.chunk.text)
        ):
            return True
        # "the U.S." for "United States", "UK" for "Britain": one country, named otherwise.
        country = country_named(constraint.text)
        if country is not None and country in countries_named(self._hit.chunk.text):
            return True
        if self._surname_of(constraint) or self._short_form_of(constraint):
            return True
        if self._blocked(contrast, asked):
            return False
        # The article around may name it in full where the window gives its initials, or
        # the other way round ("the HMTU" of the Harbour Metal Trades Union).
        context = self.context_terms()
        return (
            all(held(t, context) for t in terms)
            or (country is not None and country in countries_named(self._context_text))
            or (self._loose_names and initials_met(constraint.text, self._context_text, whole=True))
        )

    def _surname_of(self, constraint: Constraint) -> bool:
        """Whether the window names a person the question names in full by the surname alone,
        as news does after the first mention ("Quill said …" of "Marta Quill"), and
        the article gives the full name."""
        words = constraint.text.split()
        if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
            return False
        if not held(constraint.terms[-1], self.terms):
            return False
        return contains_run(self._words_of_article(), plain_words(fold(constraint.text)))

    def _short_form_of(self, constraint: Constraint) -> bool:
        """Whether the window speaks of a name by its head noun after "the", as news does
        once it has named it in full ("the league confirmed …" of the National Football
        League, or of the "NFL" the article spells out; ``short_form``)."""
        words = constraint.text.split()
        if not all(w[:1].isupper() for w in words if w not in ("of", "the", "and", "for")):
            return False
        article = self._hit.article
        raw = self._snapshot.file_text(article.path)
        text = "\n".join(raw[p.start : p.end] for p in (*article.header, *article.paragraphs))
        head = short_form(constraint.text, text)
        return head is not None and contains_run(self.words, ["the", head])

    def _words_of_article(self) -> list[str]:
        """The plain words of the passage's whole article (header and body), read once per
        article for all the passages that share the ``article_words`` cache."""
        article = self._hit.article
        if article.article_id not in self._article_words:
            raw = self._snapshot.file_text(article.path)
            spans = [*article.header, *article.paragraphs]
            text = fold("\n".join(raw[p.start : p.end] for p in spans))
            self._article_words[article.article_id] = plain_words(text)
        return self._article_words[article.article_id]

    def unmet_part(self, constraint: Constraint) -> Constraint:
        """The part of a name the passage's window lacks, as the reply names it: of "GDP of
        Mongolia", "Mongolia" when the window has GDP, or lacks both (the place asked
        about is named, not the phrase). A name is cut only where "of", "for" or "the"
        joins its parts; a part ("Peyton Manning") and an organisation ("Islamic
        Movement of Uzbekistan") are named whole."""
        if constraint.kind != NAME:
            return constraint
        parts = [p for p in re.split(r"\s+(?:of|for|the|of the|for the)\s+", constraint.text) if p]
        if len(parts) < 2:
            return constraint
        terms = [folded(t) for t in self._lexicon.terms([fold(p) for p in parts])]
        lacking = [
            (part, found)
            for part, found in zip(parts, terms, strict=True)
            if found and not all(held(t, self.terms) for t in found)
        ]
        if lacking and len(lacking) == len(parts):
            # "GDP of Mongolia" lacking whole: name the place it is asked for, unless the
            # whole run names an organisation ("Islamic Movement of Uzbekistan").
            place = _kind_of_name(parts[-1]) in (PLACE, COUNTRY)
            if not place or _kind_of_name(constraint.text) == ORGANISATION:
                return constraint
            lacking = lacking[-1:]
        if not lacking:
            return constraint
        text = re.sub(r"[’']s$", "", " and ".join(part for part, _ in lacking))
        return Constraint(NAME, text, tuple(t for _, found in lacking for t in sorted(found)))

    def _blocked(self, contrast: str | None, asked: Asked | None) -> bool:
        return contrast is not None and self.rival(contrast, asked or Asked())


@dataclass(frozen=True, slots=True)
class Asked:
    """What the question names, against which a window's things are rivals: its terms
    (analysed as the index does) and its years."""

    terms: frozenset[str] = frozenset()
    years: frozenset[str] = frozenset()

    @classmethod
    def of(cls, question: str, lexicon: Lexicon) -> Asked:
        """The terms and years of a question."""
        terms = folded(lexicon.terms([fold(question)])[0])
        return cls(frozenset(terms), frozenset(_years(question)))


def _asked(term: str, asked: frozenset[str]) -> bool:
    """Whether a window's name term is one the question names (or a demonym of one)."""
    return held(term, set(asked)) or any(held(a, {term}) for a in asked)


def _kinds_of(question: str, constraints: Sequence[Constraint]) -> dict[Constraint, str]:
    """The kind of thing each year and name constraint is: ``year``, ``country``, or the
    ``place``, ``person`` or ``organisation`` that ``name_kinds`` tells (else none)."""
    spans = entity_spans(question, Vocabulary())
    kinds: dict[Constraint, str] = {}
    for constraint in constraints:
        if constraint.kind == YEAR:
            kinds[constraint] = YEAR
        elif constraint.kind == NAME:
            if _countries(constraint.text) and len(constraint.terms) == 1:
                kinds[constraint] = COUNTRY
                continue
            at = question.find(constraint.text)
            end = at + len(constraint.text)
            kind = next((k for s, e, k in spans if s < end and at < e), None)
            if kind in (PLACE, PERSON, ORGANISATION):
                kinds[constraint] = kind
    return kinds


def _kind_of_name(name: str) -> str | None:
    """The kind ``name_kinds`` tells of a name standing alone (None when it finds none)."""
    spans = entity_spans(name, Vocabulary())
    return spans[0][2] if len(spans) == 1 and spans[0][1] - spans[0][0] >= len(name) - 2 else None


_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
_SPELT_VALUES = {word: n for n, word in enumerate(_UNITS)} | {
    word: 10 * n for n, word in enumerate(_TENS, start=2)
}
#: A number written in words, or in digits and a scale ("twenty-five", "three thousand",
#: "1.5 million").
_SPELT = LazyPattern(
    r"\b(?:("
    + "|".join(_TENS)
    + r")[\s-]("
    + "|".join(_UNITS[1:10])
    + r")|("
    + "|".join(_UNITS + _TENS)
    + r"|\d+(?:\.\d+)?))(?:\s+(hundred|thousand|million|billion))?\b",
    re.I,
)
#: Thousands set apart by spaces ("£1 400", "820 000"), as some outlets write them.
_SPACED_NUMBER = LazyPattern(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]\d)")
#: A year told from the date of the article: "last year", "the previous year".
_RELATIVE_YEAR = LazyPattern(
    r"\b(?:(last|previous|past)|(this|current)|(next|coming|following))\s+year\b", re.I
)


def _spelt_numbers(text: str) -> set[str]:
    """The numbers a text writes in words, as digits: "two" 2, "twenty-five" 25, "three
    thousand" 3000, "1.5 million" 1500000 (a number a question gives in digits)."""
    found = set()
    for match in _SPELT.finditer(text):
        tens, unit, single, scale = match.groups()
        if single is not None and single[0].isdigit():
            if scale is None:
                continue  # plain digits are read as they stand
            value = float(single)
        elif tens is not None:
            value = _SPELT_VALUES[tens.lower()] + _SPELT_VALUES[unit.lower()]
        else:
            value = _SPELT_VALUES[single.lower()]
        value *= _SCALES[scale.lower()] if scale else 1
        if value == int(value):
            found.add(str(int(value)))
    return found


def _relative_years(text: str, published: date | None) -> set[str]:
    """The years a text names relative to its article's publication date: "last year" in
    an article of 2004 is 2003, "this year" 2004, "next year" 2005 (none when undated)."""
    if published is None:
        return set()
    offsets = {-1 if m.group(1) else 0 if m.group(2) else 1 for m in _RELATIVE_YEAR.finditer(text)}
    return {str(published.year + offset) for offset in offsets}


def _years(text: str) -> set[str]:
    return set(YEAR_PATTERN.findall(text))


def _countries(text: str) -> set[str]:
    """The countries a text names (capitalised), lower-cased."""
    return {w.lower() for w in _CAPITALISED_WORD.findall(text) if w.lower() in COUNTRIES}


def _digits(number: str) -> str:
    return number.replace(",", "").rstrip(".")
