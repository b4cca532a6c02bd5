"""What kind of thing a name in a question is: a place, a person or an organisation.

Capitalised runs of words are names; the rules below tell their kind from word lists
(countries and other places, compass directions, person titles, words that make an
organisation) and from the names the index knows (``Vocabulary``: its authors are
people, its outlets organisations). Also here are the closed-class words (question
words, auxiliaries, pronouns, demonstratives, prepositions) that are capitalised at the start of a
question without being part of a name; the follow-up rules use them too.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from qa.patterns import LazyPattern
from qa.search.lexicon import COUNTRIES, country_of
from qa.search.person_titles import PERSON_TITLES, ROLES
from qa.text import CAPITALS

QUESTION_WORDS = ("how", "what", "which", "who", "whom", "whose", "when", "where", "why")
AUXILIARIES = frozenset(
    "is are was were be been being am do does did has have had will would can could should "
    "shall may might must 's".split()
)
STOPWORDS = frozenset(
    "a an the of in on at to for from by with about into over under as and or but if than "
    "then so not no yes please tell me us you i we our your any some there here also just "
    "else more other others again next still now then".split()
)
#: Pronouns and the suffix their referent takes in their place ("his" → "<name>'s").
PERSON_PRONOUNS = {"he": "", "him": "", "his": "'s", "she": "", "her": "", "hers": ""}
THING_PRONOUNS = {"it": "", "its": "'s"}
GROUP_PRONOUNS = {"they": "", "them": "", "their": "'s", "theirs": ""}
DEMONSTRATIVES = ("that", "this", "these", "those")
PREPOSITIONS = frozenset("in on at to for from by with about into of since until during".split())
_ORGANISATION_WORDS = frozenset(
    "agency ministry organization organisation committee council service movement party union "
    "institute institution center centre group forum platform association bank court office "
    "commission department programme program foundation fund network front army state "
    "structure body government parliament assembly bureau authority police force forces "
    "company corporation news agency journal analyst times post network ngo charity "
    "nongovernmental non-governmental society trust mission affairs university college "
    "academy laboratory".split()
)

_NAME = LazyPattern(
    rf"\b[{CAPITALS}][\w’'\-]*(?:\s+(?:(?:of|for|de)\s+(?:the\s+)?)?[{CAPITALS}][\w’'\-]*)*"
)
_PLACE_SUFFIXES = ("stan", "ia", "land")
_PLACES = (
    COUNTRIES
    | frozenset(
        """england europe gaza scotland wales asia africa america caucasus balkans siberia xinjiang
    chechnya dagestan crimea donbas moscow beijing london paris washington berlin kabul
    tashkent bishkek dushanbe ashgabat astana almaty shymkent osh"""
        "".split()
    )
    | frozenset(("united kingdom", "united states", "great britain", "soviet union"))
)
#: The states and provinces news names most often (of the United States, Canada, Australia
#: and Germany): each is a place, and one rivals another ("a state Trump won by 30 points"
#: in Kentucky is no figure for Virginia).
REGIONS = frozenset(
    """alabama alaska arizona arkansas california colorado connecticut delaware florida
    hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
    michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon
    pennsylvania tennessee texas utah vermont virginia wisconsin wyoming alberta manitoba
    ontario quebec saskatchewan queensland tasmania victoria bavaria saxony""".split()
) | frozenset(
    (
        "new hampshire", "new jersey", "new mexico", "new york state", "north carolina",
        "north dakota", "rhode island", "south carolina", "south dakota", "west virginia",
        "british columbia", "nova scotia", "new brunswick", "new south wales",
        "western australia", "south australia", "northern territory",
    )
)  # fmt: skip
_PLACES = _PLACES | REGIONS
_REGION_RUN = LazyPattern(
    r"\b(?:(?:New|North|South|West|Western|Northern|Rhode|British|Nova)\s+)?[A-Z][a-z]+"
    r"(?:\s+(?:State|Island|Wales|Columbia|Scotia|Brunswick|Territory))?\b"
)


def regions_named(text: str) -> set[str]:
    """The states and provinces (``REGIONS``) a cased text names, in lower case: "Kentucky
    Democrats beat …" names "kentucky", "in New South Wales" "new south wales"."""
    found = set()
    for match in _REGION_RUN.finditer(text):
        before, after = text[: match.start()].split()[-1:], text[match.end() :].split()[:1]
        if (
            before
            and before[0][:1].isupper()
            and not before[0].endswith((".", ",", ";", ":"))
            and before[0].casefold() not in _SENTENCE_OPENERS | STOPWORDS
        ):
            continue  # "Lake Victoria", "Queen Victoria": part of another name
        if after and after[0][:1].isupper() and not after[0].rstrip(".,;:!?").endswith("s"):
            continue  # "Victoria Beckham", "Virginia Woolf" (not "Kentucky Democrats")
        words = match.group().lower()
        if words in REGIONS:
            found.add(words)
        elif (last := words.split()[-1]) in REGIONS and " " in words and words not in _PLACES:
            found.add(last)  # "Northern Kentucky"
    return found


#: Words that count what follows them: "12 Norwegians", "how many Britons", "Four Dutch ministers".
_COUNT_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "hundred hundreds thousand thousands million millions dozen dozens many several few some "
    "most all both".split()
)
#: Capitalised at the start of a sentence, never part of a name.
_SENTENCE_OPENERS = frozenset(
    [
        *QUESTION_WORDS,
        *AUXILIARIES,
        *STOPWORDS,
        *PERSON_PRONOUNS,
        *THING_PRONOUNS,
        *GROUP_PRONOUNS,
        *DEMONSTRATIVES,
        *"although however meanwhile moreover yet since while after before according despite "
        "during thus therefore still even ultimately perhaps".split(),
        *_COUNT_WORDS,
    ]
)
#: What follows a single name that only a person's name is followed by.
_PERSON_CUE = LazyPattern(
    r"(?:'s|’s)?\s+(?:(?:and|with)\s+(?:his|her)\b|(?:said|says|told|tells|recalled|recalls|"
    r"remembered|remembers|explained|explains|added|adds|promised|promises|admitted|admits|"
    r"continued|continues|suggested|suggests|argued|argues|noted|notes|warned|warns|insisted|"
    r"insists|escaped|fled|married|died|was\s+born)\b)",
)
#: Plural nouns of people that a name before them only qualifies (``Harbour Front fighters``,
#: ``Sea Dayak men``): such a name is no one person.
_PEOPLE_NOUNS = frozenset(
    "forces troops soldiers fighters militants rebels guerrillas militias workers officials "
    "members supporters employees staff players fans leaders commanders delegates "
    "negotiators volunteers men women people children families nationals citizens "
    "residents".split()
)
_ROLE_OF_NEXT = LazyPattern(
    r"\s+(?:(?:chief|deputy|senior|head|assistant|vice|acting|former|managing|general|"
    r"defensive|offensive)\s+)?(?P<role>[a-z][\w\-]*)\s+"
    rf"[{CAPITALS}][\w’'\-]*\s+[{CAPITALS}]"
)
#: A noun of one who does something, then a title and a name: `` winner Sir Tom Ray``.
_DOER_THEN_TITLED = LazyPattern(
    rf"\s+(?P<noun>[a-z][a-z\-]{{2,}}(?:er|or|ion|ist|ant|ent))\s+(?P<title>[{CAPITALS}][a-z]+\.?)"
    rf"\s+[{CAPITALS}]"
)
#: Words of that shape that are no such noun.
_NOT_DOERS = frozenset("after ever never later rather either neither whether other another".split())
_DIRECTIONS = frozenset(
    "central north south east west northern southern eastern western middle upper lower "
    "greater".split()
)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Names the index knows the kind of: authors are people, outlets organisations."""

    people: Collection[str] = ()
    organisations: Collection[str] = ()


def entity_spans(
    text: str, vocabulary: Vocabulary, *, person_cues: bool = False
) -> list[tuple[int, int, str]]:
    """Capitalised names, years excluded, each with its kind: place, person, organisation, or
    group (a plural name after a count: ``how many Australians``).

    The first word of a question counts only when it is a name the rules recognise. With
    ``person_cues``, a single name followed by what only follows a person's (``Fatima said``,
    ``Fatima and her sister``) is a person.
    """
    spans: list[tuple[int, int, str]] = []
    people = {p.casefold() for p in vocabulary.people}
    organisations = {o.casefold() for o in vocabulary.organisations}
    for match in _NAME.finditer(text):
        name = match.group(0)
        start, end = match.start(), match.end()
        words = name.split()
        if _starts_sentence(text, start) and words[0].casefold() in _SENTENCE_OPENERS:
            words = words[1:]
            if not words:
                continue
            start = text.index(words[0], match.start() + 1)
            name = text[start:end]
        bare = name[:-2] if name.endswith(("'s", "’s")) else name
        kind = _kind_of(bare, people, organisations)
        if kind == "person":
            # "West Australian Tom Ray": where he is from is no part of his name.
            start, bare = _without_origin(text, start, bare)
        following = text[start + len(bare) :].split()[:1]
        if kind == "person" and following and following[0].casefold() in _PEOPLE_NOUNS:
            kind = "organisation"  # "Harbour Front fighters": the name of a body, no person
        elif kind == "person" and _holds_next_ones_role(text, start + len(bare)):
            kind = "organisation"  # "Harbour League goalkeeper Ann Lee": hers, no person
        before = text[:start].split()
        if (
            kind in ("person", "unknown")
            and before
            and before[-1].casefold() in _ORGANISATION_WORDS
        ):
            kind = "organisation"  # "the charity Red Crescent", "the NGO Sana Sezim"
        if _counted(before, bare, text[end:]):
            kind = "group"  # "how many Australians", "14 Britons": people counted, no one person
        elif person_cues and kind == "unknown" and _PERSON_CUE.match(text, end):
            kind = "person"  # "Fatima said", "Fatima and her sister"
        if _starts_sentence(text, start) and kind == "unknown":
            continue
        if kind == "title":
            continue
        spans.append((start, start + len(bare), kind))
    return spans


def _holds_next_ones_role(text: str, end: int) -> bool:
    """Whether a role and the name of who holds it follow ``end`` (``goalkeeper Ann Lee``,
    or a noun of one who does something and a titled name: ``winner Sir Tom Ray``): then
    the name before only says whose role or prize it is."""
    found = _ROLE_OF_NEXT.match(text, end)
    if found is not None and (found["role"] in ROLES or found["role"] in PERSON_TITLES):
        return True  # "West Australian senator Brian Greig": where the senator is from
    titled = _DOER_THEN_TITLED.match(text, end)
    return (
        titled is not None
        and titled["noun"] not in _NOT_DOERS
        and titled["title"].casefold().rstrip(".") in PERSON_TITLES
    )


def _without_origin(text: str, start: int, name: str) -> tuple[int, str]:
    """A person's name without the compass words and demonyms opening it (``West
    Australian Tom Ray`` is Tom Ray), where it then starts; as it is when fewer than two
    words would be left."""
    words = name.split()
    drop = 0
    while len(words) - drop > 2 and (
        words[drop].casefold() in _DIRECTIONS or is_demonym(words[drop])
    ):
        drop += 1
    if not drop:
        return start, name
    at = text.index(words[drop], start)
    return at, text[at : start + len(name)]


def is_demonym(word: str) -> bool:
    """``Australian``, ``Dutch``: a word saying where from, not a place's own name."""
    folded = word.casefold()
    return folded not in _PLACES and "'" not in word and "’" not in word and bool(country_of(word))


def is_role_word(word: str) -> bool:
    """``minister``, ``Mayor``, ``spokesman``: the last word of a role a person holds."""
    return word.casefold() in ROLES


def says_where_from(word: str) -> bool:
    """``Finland``, ``Finnish``, ``US``: a word that places what it qualifies (a country or
    place, a demonym, or initials such as a country's)."""
    if word.isupper() and 2 <= len(word) <= 4:
        return True
    return word.casefold() in _PLACES or bool(country_of(word))


def _counted(before: list[str], name: str, after: str) -> bool:
    """Whether a plural name comes after a count (``how many Norwegians``, ``12 Britons``):
    then it names a group of people, never one person; not when it only qualifies the
    plural after it (``all Vantor flights``, ``some Reuters journalists``)."""
    if not before or not name.endswith("s") or name.endswith(("'s", "’s", "ss")):
        return False
    following = after.split()[0].rstrip(".,;:?!") if after.split() else ""
    if following.islower() and following not in AUXILIARIES and following.endswith("s"):
        return False
    word = before[-1].casefold().replace(",", "")
    return word.isdigit() or word in _COUNT_WORDS


def _starts_sentence(text: str, start: int) -> bool:
    return start == 0 or text[:start].rstrip().endswith((".", "!", "?", ":", "“", '"'))


def _kind_of(name: str, people: set[str], organisations: set[str]) -> str:
    words = name.split()
    lowered = [w.casefold() for w in words]
    folded = name.casefold()
    if folded in people:
        return "person"
    if folded in organisations or any(w in _ORGANISATION_WORDS for w in lowered):
        return "organisation"
    if folded in _PLACES or (len(words) == 1 and folded.endswith(_PLACE_SUFFIXES[:1])):
        return "place"
    if all(w in _PLACES or w in _DIRECTIONS for w in lowered) and lowered[-1] in _PLACES:
        return "place"
    if len(words) == 2 and lowered[0] in _DIRECTIONS and lowered[1] not in PERSON_TITLES:
        return "place"  # "Southern California", "East Sussex": no one's name opens so
    if len(words) == 1 and name.isupper() and len(name) >= 2:
        return "organisation"
    if all(w in PERSON_TITLES for w in lowered):
        return "title"  # "Prime Minister": a role, no one's name
    if lowered[0] in PERSON_TITLES and len(words) > 1:
        return "person"
    if len(words) == 1 and lowered[0] in PERSON_TITLES:
        return "title"
    if len(words) >= 2:
        return "person"
    if len(words) == 1 and folded.endswith(_PLACE_SUFFIXES[1:]):
        return "place"
    return "unknown"


def person_cue_after(text: str, end: int) -> bool:
    """Whether what follows a name at ``end`` is what only follows a person's (``said``,
    ``continues``, ``and her sister``)."""
    return _PERSON_CUE.match(text, end) is not None


def with_article(name: str) -> str:
    """``name``, with "the" before an organisation named by its kind (``the Interior Ministry``)."""
    words = name.split()
    if len(words) > 1 and words[-1].casefold() in _ORGANISATION_WORDS and words[0] != "The":
        return "the " + name
    return name


def is_organisation_word(word: str) -> bool:
    """Whether ``word`` (casefolded) makes a name an organisation: ``movement``, ``company``."""
    return word in _ORGANISATION_WORDS


def is_pronoun(word: str) -> bool:
    """Whether ``word`` (casefolded) is a personal or possessive pronoun."""
    return word in PERSON_PRONOUNS or word in THING_PRONOUNS or word in GROUP_PRONOUNS
