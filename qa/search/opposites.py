"""Words and their opposites: a reply that holds only the opposite of a word the question
asks with ("least" for "most", "informal" for "formal", "medieval" for "modern") does not
answer it.

Three sources of opposites, all of English rather than of any corpus:

- pairs of words (``OPPOSITES``): superlatives, qualifiers whose opposite a writer
  of a question swaps in ("modern"/"medieval", "qualitative"/"quantitative", "short"/
  "lengthy", "convicted"/"acquitted", "online"/"offline"), and words
  of one series that exclude each other ("weekly"/"annual", "summer"/"winter"). Words
  whose pair is too often the same fact told from the other side are left out: "won" and
  "lost", "before" and "after", "first" and "last", "north of" and "south of";
- pairs of verbs, each in all its forms (``_VERB_PAIRS``): the asked relation's
  neighbour, a reply stating another relation between the question's own things than the
  one asked ("born" for "die", "bought" for "sell", "gained" for "lost", "rose" for
  "fell", "profit" for "loss"). The asked verb in any form ("losing" for "lose") says it.
  A verb of a transfer ("sold", "bought", "imported", "gained") followed by "from" or
  "to" in its sentence may tell the asked transfer from its other side ("Sky bought the
  rights from the BBC" for "Who sold the rights?"), and so does not count;
- a word and its negative by prefix ("formal"/"informal", "possible"/"impossible",
  "known"/"unknown", "deterministic"/"non-deterministic"). Of "in-", "im-", "il-", "ir-",
  "dis-" and "non-" only a word that reads as an adjective or adverb counts ("-al",
  "-ble", "-ent", "-ly" …): "improved" is no negative of "proved", nor "impact" of "pact".

An opposite held by a sentence that denies something ("is not complex") may say the asked
thing in other words, and so does not count; nor does one the question names itself
("simple or complex?").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from qa.patterns import LazyPattern

_PAIRS = """
    least most|smallest largest|lowest highest|fewest most|weakest strongest|
    shortest longest|youngest oldest|poorest richest|minimum maximum|worst best|
    modern medieval|modern ancient|earliest latest|northern southern|eastern western|
    upper lower|inner outer|internal external|increase decrease|increased decreased|
    simple complex|simplicity complexity|qualitative quantitative|public private|
    positive negative|major minor|true false|male female|fixed flexible|
    manual automatic|manual mechanical|rural urban|domestic foreign|domestic international|
    cheap expensive|wide narrow|fast slow|wet dry|permanent temporary|
    voluntary compulsory|voluntary mandatory|optional mandatory|optional compulsory|
    daily weekly|daily monthly|daily annual|daily yearly|weekly monthly|weekly annual|
    weekly yearly|monthly annual|monthly yearly|spring summer|spring autumn|spring winter|
    summer autumn|summer winter|autumn winter|short lengthy|guilty innocent|
    convicted acquitted|indoor outdoor|online offline|inbound outbound|upstream downstream|
    full-time part-time|wholesale retail|amateur professional
"""


#: Verbs (and a few nouns) of opposite relations, each side with all its forms: a reply
#: holding only the other side states a neighbouring fact, not the asked one. Forms that
#: are often other words are read only in the question, marked "~" ("close" to, "fall" the
#: season, an "open" secret); "*" marks a transfer, which the other side may tell with
#: "from" or "to".
_VERB_PAIRS = """
    *buy buys bought buying buyer buyers / sell sells sold selling seller sellers|
    *import imports imported importing importer importers /
        export exports exported exporting exporter exporters|
    *gain gains gained gaining / lose loses lost losing|
    born birth births / die dies died dying death deaths|
    rise rises rose risen rising / ~fall falls fell fallen falling|
    increases increasing / decreases decreasing|
    ~open opens opened opening / ~close closed closes closing|
    hire hires hired hiring / fire fires fired firing|
    accept accepts accepted accepting / reject rejects rejected rejecting|
    approve approves approved approving / reject rejects rejected rejecting|
    arrive arrives arrived arriving arrival arrivals /
        depart departs departed departing departure departures|
    appointed / dismissed|
    supported / opposed|
    allow allows allowed allowing / ban bans banned banning|
    raised / lowered|
    strengthen strengthens strengthened strengthening /
        weaken weakens weakened weakening|
    expand expands expanded expanding / shrink shrinks shrank shrunk shrinking|
    profit profits / loss losses|
    surplus surpluses / deficit deficits
"""


def _verb_pairs() -> tuple[
    list[tuple[frozenset[str], frozenset[str]]], frozenset[str], frozenset[str]
]:
    """Each pair of sides, the forms of transfers, and the forms read only in a question."""
    pairs: list[tuple[frozenset[str], frozenset[str]]] = []
    transfers: set[str] = set()
    for line in _VERB_PAIRS.split("|"):
        one, other = (
            frozenset(side.replace("*", "").replace("~", "").split()) for side in line.split("/")
        )
        pairs.append((one, other))
        if line.strip().startswith("*"):
            transfers |= one | other
    asked_only = frozenset(re.findall(r"~(\w+)", _VERB_PAIRS))
    return pairs, frozenset(transfers), asked_only


_SIDES, _TRANSFERS, _ASKED_ONLY = _verb_pairs()
#: Every form of each side's verb, by form ("lost": "lose loses lost losing").
FORMS = {form: side for pair in _SIDES for side in pair for form in side}


def _pairs() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for pair in _PAIRS.split("|"):
        one, other = pair.split()
        found.setdefault(one, set()).add(other)
        found.setdefault(other, set()).add(one)
    for first, second in _SIDES:
        for form in first:
            found.setdefault(form, set()).update(second - _ASKED_ONLY)
        for form in second:
            found.setdefault(form, set()).update(first - _ASKED_ONLY)
    return {word: frozenset(others) for word, others in found.items()}


#: Each word's opposites, lower-cased.
OPPOSITES = _pairs()

#: "more than" and "less than": comparatives are opposites only before "than" (elsewhere
#: "more" and "less" tell one fact from either side as often as not).
_THAN = {"more": ("less", "fewer"), "less": ("more",), "fewer": ("more",)}

_WORD = LazyPattern(r"[^\W_]+(?:[’'-][^\W_]+)*")
#: After a transfer's verb, the other party: "bought the rights from the BBC", "sold it to
#: a hotel group", "to Chelsea", "to investors" (not "to replace", an aim).
_OTHER_PARTY = LazyPattern(
    r"\b(?:[Ff]rom\b|[Tt]o\s+(?:the|a|an|its|his|her|their|[A-Z\d£$€]|\w+s\b))"
)
#: What denies: an opposite in such a sentence may be the asked word negated ("not complex").
_DENIAL = LazyPattern(r"\b(?:not|never|no|nor|neither|cannot|hardly)\b|n[’']t\b", re.I)
#: A negative prefix, and the endings of the adjectives and adverbs it makes opposites of
#: (other than "un-", which makes them of any word: "unknown", "unable").
_NEGATIVE_PREFIXES = ("non-", "non", "dis", "in", "im", "il", "ir")
_ADJECTIVE = LazyPattern(r"(?:al|ble|ent|ant|ete|ect|ive|ar|ate|ite|ic|ful|ly)$")
#: Words whose look-alike with a prefix is no negative ("invaluable", "unless").
_FALSE_FRIENDS = frozenset("valuable flammable habitable less mediate".split())


def _negatives(word: str) -> set[str]:
    """The words a prefix makes the negative of ``word`` ("formal": "informal"), and the
    word a negative one negates ("impossible": "possible")."""
    if len(word) < 4 or word in _FALSE_FRIENDS:
        return set()
    found = {f"un{word}", f"un-{word}"}
    if _ADJECTIVE.search(word):
        found |= {prefix + word for prefix in _NEGATIVE_PREFIXES}
    for prefix in ("un-", "un", *_NEGATIVE_PREFIXES):
        base = word[len(prefix) :]
        negates = prefix.startswith("un") or bool(_ADJECTIVE.search(base))
        if word.startswith(prefix) and len(base) >= 4 and base not in _FALSE_FRIENDS and negates:
            found.add(base)
    return found


def opposed_word(question: str, sentences: Sequence[str]) -> str | None:
    """The first word of the question (as it writes it) that no sentence holds, nor a word
    of its family, while a sentence that denies nothing holds its opposite, else None:
    "formal" of "What captures the formal notion …?" against "It captures the informal
    notion …"."""
    asked = [m.group() for m in _WORD.finditer(question)]
    named = {w.lower() for w in asked}
    named |= {form for w in named for form in FORMS.get(w, ())}  # "rise or fall?" names "rose"
    said = {w.lower() for s in sentences for w in _WORD.findall(s)}
    plain = [s for s in sentences if not _DENIAL.search(s)]
    # An opposite is no name: a word in lower case, or a sentence's first word if it is one
    # of a pair ("Rural schools …"); "Crete" is no "discrete" without its "dis".
    held = {w for s in plain for w in _WORD.findall(s) if w.islower()}
    held -= {
        w
        for w in held & _TRANSFERS
        if all(_other_party(w, s) for s in plain if w in _WORD.findall(s.lower()))
    }
    openers = {words[0].lower() for s in plain if (words := _WORD.findall(s))}
    for word, following in itertools.zip_longest(asked, asked[1:], fillvalue=""):
        lower = word.lower()
        stem = lower[: max(5, len(lower) - 3)]  # "incomplete" is said by "incompletion"
        if any(w.startswith(stem) for w in said) or FORMS.get(lower, frozenset()) & said:
            continue
        head, dash, rest = lower.partition("-")  # "best-case": "worst-case"
        paired = set(OPPOSITES.get(lower, ()))
        paired |= {other + dash + rest for other in OPPOSITES.get(head, ()) if dash}
        if (paired - named) & (held | openers) or (_negatives(lower) - named) & held:
            return word
        compared = _THAN.get(lower, ()) if following.lower() == "than" else ()
        if any(re.search(rf"\b{other}\s+than\b", s, re.I) for other in compared for s in plain):
            return word
    return None


def _other_party(form: str, sentence: str) -> bool:
    """Whether a transfer's verb is followed by its other party in the sentence: "bought
    the rights from the BBC" may answer "Who sold the rights?"."""
    at = re.search(rf"\b{form}\b", sentence, re.I)
    return at is not None and bool(_OTHER_PARTY.search(sentence, at.end()))
