"""How a question's names and words are matched against a passage's.

People write names with or without accents ("Herve" / "Hervé"), misspell them
("Sentanta" for "Setanta") and shorten them ("Kazakh" for "Kazakhstan's"); these
helpers tolerate that. ``name_runs`` finds the names a question speaks of.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence

from qa.patterns import LazyPattern
from qa.search.lexicon import common_word, country_of

#: Words that ask rather than name: never a constraint of their own ("What did Banda say?",
#: "What did he tell supporters?" ask for someone's words, which a story may give with
#: "said", "told" or in quotation marks alone).
QUESTION_WORDS = {
    "who", "whom", "whose", "what", "which", "when", "where", "why", "how", "is", "are", "was",
    "were", "do", "does", "did", "can", "could", "should", "would", "will", "has", "have", "had",
    "in", "on", "at", "for", "by", "to", "from", "of", "the", "a", "an", "and", "or", "according",
    "besides", "apart", "other", "than", "after", "before", "during", "since", "as", "with",
    "i", "it", "its", "this", "that", "these", "those", "there", "if", "name", "give", "list",
    "many", "much", "say", "says", "said", "tell", "tells", "told",
}  # fmt: skip
#: Prepositions and conjunctions a question may bring that say nothing of its topic
#: ("between", "within", "though"): no share of what a passage must cover.
FUNCTION_WORDS = frozenset(
    "between within without through throughout though although among amongst across upon "
    "toward towards via whether unless whereas despite beside beyond against along behind "
    "below beneath above onto".split()
)
#: The words a question frames its request with ("Tell me about …", "Please explain …",
#: "What do we know about …?", "Give me details on …"): no constraint an article must meet,
#: though a small corpus may never use them.
REQUEST_WORDS = frozenset(
    "tell me us you i we please about explain describe know give show details detail exactly "
    "precisely summarise summarize summary overview information anything something briefly "
    "kindly".split()
)
_NAME_JOINERS = {"of", "the", "de", "and", "for", "al", "von", "van", "du", "la", "le", "bin"}
#: A year as news writes it (1500–2099).
YEAR_PATTERN = LazyPattern(r"\b(?:1[5-9]\d\d|20\d\d)\b")


def plain_words(text: str) -> list[str]:
    """The lower-cased words of ``text``, punctuation dropped."""
    return [w.lower() for w in re.findall(r"[^\W_]+", text)]


def contains_run(words: list[str], run: list[str]) -> bool:
    """Whether ``run`` occurs, word for word, in ``words``."""
    n = len(run)
    return n > 0 and any(words[i : i + n] == run for i in range(len(words) - n + 1))


def fold(text: str) -> str:
    """``text`` without accents, so "Herve" meets "Hervé"."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def folded(terms: Sequence[str]) -> set[str]:
    """The terms without accents, as a set."""
    return {fold(t) for t in terms}


#: Words of place names news writes short or in full: "Mt Kelso" is "Mount Kelso".
_SHORT_FORMS = {
    "mount": ("mt",), "mt": ("mount",), "saint": ("st",), "st": ("saint", "street"),
    "street": ("st",), "fort": ("ft",), "ft": ("fort",), "point": ("pt",), "port": ("pt",),
    "pt": ("point", "port"),
}  # fmt: skip


def held(term: str, terms: set[str]) -> bool:
    """Whether a name's term is among ``terms``: as it is, misspelt, as the start of a
    longer name ("Soviet" meets "Soviets"; never the other way round), or as another
    word for the same country (``country_of``: "Russian" meets "Russia", "Uzbekistan"
    meets "Uzbek", "Chinese" meets "China"), or as the place its adjective is made from
    ("Asian" meets "Asia"), or in its short form or long ("Mt" and "Mount", ``_SHORT_FORMS``)."""
    if term in terms or typo_of(term, terms):
        return True
    if any(other in terms for other in _SHORT_FORMS.get(term, ())):
        return True
    if len(term) >= 4 and any(k.startswith(term) and len(k) - len(term) <= 4 for k in terms):
        return True
    country = country_of(term)
    if country is not None and any(country_of(k) == country for k in terms):
        return True
    return any(place in terms for place in _places_of_adjective(term))


def _places_of_adjective(term: str) -> list[str]:
    """The place names an adjective of place may be made from ("asian": "asia",
    "victorian": "victoria", "brazilian": "brazil", "european": the term "europ"), four
    letters or more."""
    cuts = [len(ending) for ending in ("n", "ian", "ean") if term.endswith(ending)]
    return [term[:-cut] for cut in cuts if len(term) - cut >= 4]


def initials_met(name: str, text: str, whole: bool = False) -> bool:
    """Whether an abbreviation and its long form stand for each other between a name of
    the question and a window's text: "MVPs" and "Most Valuable Players", or "National
    Football League" and "NFL" (the initials of the capitalised words of a run, "of",
    "the" and "and" left out; a plural "s" aside), also inside a name ("Super Bowl MVPs":
    "Super Bowl Most Valuable Players"). ``whole``: an abbreviation stands only for a whole
    run of capitalised words or its end, not for any part of one (for long texts)."""
    if _is_abbreviation(name):
        return name.removesuffix("s") in _run_initials(text, whole)
    words = name.split()
    shorts = [w.removesuffix("s") for w in words if _is_abbreviation(w)]
    if shorts and len(shorts) < len(words):
        # "Super Bowl MVPs": the abbreviation by its initials, the other words as written.
        said = set(plain_words(text))
        others = [w for w in words if not _is_abbreviation(w)]
        found = _run_initials(text, whole)
        return all(a in found for a in shorts) and all(set(plain_words(w)) <= said for w in others)
    initials = "".join(w[0] for w in name.split() if w[0].isupper())
    if not 2 <= len(initials) <= 6:
        return False
    return initials in _abbreviations(text)


def _abbreviations(text: str) -> set[str]:
    """The abbreviations a text writes, as capitals alone: "NFL", "MVPs" (as "MVP"), and
    with full stops, "U.S." (as "US")."""
    plain = {w.removesuffix("s") for w in re.findall(r"\b[A-Z]{2,6}s?\b", text)}
    return plain | {w.replace(".", "") for w in re.findall(r"\b(?:[A-Z]\.){2,6}", text)}


def _is_abbreviation(word: str) -> bool:
    short = word.removesuffix("s")
    return 2 <= len(short) <= 6 and short.isupper() and short.isalpha()


def _run_initials(text: str, whole: bool = False) -> set[str]:
    """The initials of the runs of two to six capitalised words in ``text``, and of their
    parts ("Super Bowl Most Valuable Players": "SBMVP", "MVP", "BMV", …); ``whole``: of
    the runs and their ends only ("The Harbour Trades Union": "THTU", "HTU", "TU")."""
    found = set()
    for run in re.finditer(r"\b[A-Z][a-z]+(?:\s+(?:(?:of|the|and|for)\s+)*[A-Z][a-z]+)+", text):
        letters = "".join(w[0] for w in run.group().split() if w[0].isupper())
        ends = [len(letters)] if whole else range(2, len(letters) + 1)
        found |= {letters[i:j] for j in ends for i in range(max(0, j - 6), j - 1)}
    return found


#: A run of capitalised words, "of", "the", "and" and "for" joining them ("Bank of Kelso").
_CAPITALISED_RUN = LazyPattern(r"\b[A-Z][a-z]+(?:[ \t]+(?:(?:of|the|and|for)[ \t]+)*[A-Z][a-z]+)+")


def short_form(name: str, text: str) -> str | None:
    """The noun by which a text may speak of a name after giving it in full: "league" for
    the National Football League (or "NFL", when the text spells it out), "bank" for the
    Bank of Kelso, as in "the league confirmed …". The name's head noun (its last word, or
    the word before "of"), when it is a common word and no country, the text names the
    name in full, and names nothing else by that noun ("Central Bank" beside "Harbour
    Bank": "the bank" could be either); else None."""
    if _is_abbreviation(name):
        letters = name.removesuffix("s")
        runs = [r.group() for r in _CAPITALISED_RUN.finditer(text)]
        full = {_without_the(r) for r in runs if _initials(_without_the(r)) == letters}
    else:
        full = {" ".join(name.split())} if len(name.split()) >= 2 else set()
        full = {f for f in full if re.search(rf"\b{re.escape(f)}\b", " ".join(text.split()))}
    heads = {_head(f) for f in full}
    if len(heads) != 1:
        return None
    head = heads.pop()
    if len(head) < 4 or not head.isalpha() or not common_word(head) or country_of(head):
        return None
    named = {_without_the(r.group()) for r in _CAPITALISED_RUN.finditer(text)}
    if any(_head(other) == head and other not in full for other in named):
        return None
    return head.lower()


def _without_the(run: str) -> str:
    return re.sub(r"^The\s+", "", " ".join(run.split()))


def _initials(run: str) -> str:
    return "".join(w[0] for w in run.split() if w[0].isupper())


def _head(run: str) -> str:
    """A name's head noun: the word before "of" ("Bank of Kelso"), else its last word."""
    words = run.split()
    return (words[words.index("of") - 1] if "of" in words[1:] else words[-1]).capitalize()


def name_met_loosely(
    name: str, terms: Sequence[str], known: set[str], words: Sequence[str]
) -> bool:
    """Whether a name of several words that ``held`` misses is still the window's, misspelt
    the way people misspell names: one of its words stands there as written and each
    other is one typo from a word there (from five letters on; a shorter word may lack a
    last letter: "Lev's Stadium": "Levi's"), or two from six letters on with the first two
    letters kept ("Primer League": "Premier", while "North" is never "South"; a word of
    four letters may have one too many: "Sand Bernardino": "San"); or its
    words are the window's written together or apart ("Sky Drive": "SkyDrive",
    "Superbowl": "Super Bowl"). ``terms``: the name's analysed words; ``known``: the
    window's terms; ``words``: its plain words in order."""
    parts = plain_words(fold(name))
    joined = "".join(parts)
    pairs = {a + b for a, b in itertools.pairwise(words)}
    if (len(parts) > 1 and joined in words) or any(p in pairs for p in parts if len(p) >= 6):
        return True
    if len(terms) < 2 or not any(t in known for t in terms):
        return False
    return all(t in known or _near_name(t, known) for t in terms)


def _near_name(term: str, known: set[str]) -> bool:
    """Whether a name's word beside one met exactly is a typo of a window's term (see
    ``name_met_loosely``)."""
    if len(term) < 5:  # "Lev": "Levi", "Sand": "San", never "Tony": "Tory"
        return len(term) >= 3 and any(
            (len(k) == len(term) + 1 and k.startswith(term))
            or (len(k) == len(term) - 1 >= 3 and term.startswith(k))
            for k in known
        )
    limit = 2 if len(term) >= 6 else 1
    return any(
        abs(len(k) - len(term)) <= limit
        and _typo_distance(term, k, limit) <= (1 if k[:2] != term[:2] else limit)
        for k in known
    )


def typo_of(term: str, terms: set[str]) -> bool:
    """Whether ``term`` is one typo (two from 8 letters on) away from one of ``terms``:
    people misspell names ("Sentanta" for "Setanta"), and no index holds a misspelling."""
    if len(term) < 5:
        return False
    limit = 1 if len(term) < 8 else 2
    return any(
        abs(len(known) - len(term)) <= limit and _typo_distance(term, known, limit) <= limit
        for known in terms
    )


def _typo_distance(a: str, b: str, limit: int) -> int:
    """Edit distance counting a swap of neighbours as one edit; ``limit + 1`` once it exceeds."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def name_runs(question: str, words: list[re.Match[str]]) -> list[tuple[int, int]]:
    """Spans of runs of capitalised words (joined by "of", "the", ...), not the first word."""
    runs: list[tuple[int, int]] = []
    start = end = -1
    pending_joiner = False
    for i, match in enumerate(words):
        word = match.group()
        # Two-letter abbreviations ("US", "TV") are written too many ways to check.
        capital = (
            word[0].isupper() and word.lower() not in QUESTION_WORDS and not _is_short_caps(word)
        )
        gap = question[words[i - 1].end() : match.start()] if i else ""
        sentence_start = i == 0 or gap.strip() in {".", "?", "!", ":"}
        if start >= 0 and _BREAKS_NAME.search(gap):  # "Quist, the Harbour captain": two
            runs.append((start, end))
            start, pending_joiner = -1, False
        if capital and not (sentence_start and start < 0 and _is_common_opening(word)):
            if start < 0:
                start = match.start()
            end = match.end()
            pending_joiner = False
        elif start >= 0 and not pending_joiner and word.isdigit() and not _is_year(word):
            end = match.end()  # "Super Bowl 50", "Windows 10"; "Broncos 2015" is a year
        elif start >= 0 and word.lower() in _NAME_JOINERS and not pending_joiner:
            pending_joiner = True
        else:
            if start >= 0:
                runs.append((start, end))
            start, pending_joiner = -1, False
    if start >= 0:
        runs.append((start, end))
    return runs


#: Punctuation no name runs across ("Quist, the Harbour captain" names Quist and Harbour).
_BREAKS_NAME = LazyPattern(r"[,;:()\[\]?!\"“”]")


def _is_year(word: str) -> bool:
    return YEAR_PATTERN.fullmatch(word) is not None


def _is_short_caps(word: str) -> bool:
    return len(word.rstrip("s")) <= 2 and word.rstrip("s").isupper()


def _is_common_opening(word: str) -> bool:
    return word.lower() in QUESTION_WORDS or word[1:].islower()


#: Endings that make another word of a word's family from its stem ("terror": "terrorist").
_DERIVED = ("ist", "ism", "ian", "ic", "al", "i", "n")
#: Endings that make two words of one family from one base ("tourist": "tourism").
_SWAPPED = {("ist", "ism"), ("ism", "ist"), ("ian", "ia"), ("ia", "ian")}


#: Plurals the stemmer keeps apart from their singular, as analysed terms.
_IRREGULAR_PLURALS = {
    "children": "child", "feet": "foot", "teeth": "tooth", "mice": "mous", "gees": "goos",
    "criteria": "criterion", "phenomena": "phenomenon", "wive": "wife", "knive": "knife",
}  # fmt: skip
#: Plural endings of analysed terms and their singular's: "women" / "woman", "spokesmen" /
#: "spokesman", "thiev" / "thief", "wolv" / "wolf".
_PLURAL_ENDINGS = (("men", "man"), ("iev", "ief"), ("lv", "lf"))


def same_family(term: str, other: str) -> bool:
    """Whether two analysed terms are words of one family the stemmer keeps apart: one is
    the other and a derivational ending ("terror": "terrorist", "econom": "economi"), or
    both are one base of four letters or more with two endings that go together
    ("tourist": "tourism"), or a plural the stemmer does not make one with its singular
    ("women": "woman", "children": "child"). Stems that merely share their first letters
    are not ("internet" and "internat", "concert" and "concern")."""
    if term == other or _singular(term) == _singular(other):
        return True
    short, long = sorted((term, other), key=len)
    if len(short) >= 5 and long.startswith(short) and long[len(short) :] in _DERIVED:
        return True
    return any(
        term.endswith(a)
        and other.endswith(b)
        and term[: -len(a)] == other[: -len(b)]
        and len(term) - len(a) >= 4
        for a, b in _SWAPPED
    )


def _singular(term: str) -> str:
    """The analysed term of a plural's singular ("women": "woman"), else the term."""
    if term in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[term]
    for plural, single in _PLURAL_ENDINGS:
        if term.endswith(plural):
            return term[: -len(plural)] + single
    return term
