"""Follow-up questions written out in full, from the turn before them, by simple rules.

A question is a follow-up only when it shows a clear dependency: it starts with a
continuation (``and …``, ``what about …``, ``how about …``), it is a fragment with
no verb of its own (``why?``, ``in 2015?``, ``how many women?``), it holds a
pronoun or demonstrative with nothing in the question it could refer to (``what
did he do next?``, ``who said that?``, ``where is it based?``), or it is a short
question about "the …" that names nothing (``what was the revolution called?``).
Anything else is standalone and never rewritten: a wrong rewrite is worse than none.

A fragment replaces the constraint of the same kind in the previous question (a
year a year, a place a place, a person a person, ``how many women`` the ``how many
people``), or is added to it when it has none. A pronoun is replaced by the
last-mentioned person or organisation of the previous question or, failing that, of
the previous answer; when no referent fits, the previous question's content is
added in brackets, which keeps the search on the same subject.

Questions about the last answer's source (``who wrote that?``, ``which outlet?``)
are recognised here and answered from the cited article's metadata elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from qa.answer_types import COUNTRIES

STANDALONE = "standalone"
ELLIPSIS = "ellipsis"
PRONOUN = "pronoun"
REFERENCE = "reference"
SOURCE = "source"

_WORD = re.compile(r"[^\W_][\w'’.\-–]*[\w%]|[^\W_]", re.UNICODE)
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d(?:\s*[-–]\s*(?:1[89]|20)?\d\d)?\b")
_CONTINUATION = re.compile(
    r"^(?:and|but|also|so|or)\b\s*(?:(?:what|how)\s+about|what\s+of)?\s*"
    r"|^(?:what|how)\s+about\b\s*|^what\s+of\b\s*|^same\s+(?:for|with)\b\s*",
    re.I,
)
_NAME = re.compile(r"\b[A-Z][\w’'\-]*(?:\s+(?:(?:of|for|de)\s+(?:the\s+)?)?[A-Z][\w’'\-]*)*")
_WH = ("how", "what", "which", "who", "whom", "whose", "when", "where", "why")
_LEAD = re.compile(
    r"^(?:(?:in|from|to|by|for|of|at|on|since|until)\s+)?"
    r"(?:how\s+(?:many|much|long|old|far|often|large|big)|what|which|whose|who|whom|when|"
    r"where|why|how)\b",
    re.I,
)
_NOUN_LEADS = ("many", "much", "which", "what", "whose")
_AUX = frozenset(
    "is are was were be been being am do does did has have had will would can could should "
    "shall may might must 's".split()
)
_STOP = frozenset(
    "a an the of in on at to for from by with about into over under as and or but if than "
    "then so not no yes please tell me us you i we our your any some there here also just "
    "else more other others again next still now then".split()
)
_PREPOSITIONS = frozenset("in on at to for from by with about into of since until during".split())
_PERSON_PRONOUNS = {"he": "", "him": "", "his": "'s", "she": "", "her": "", "hers": ""}
_THING_PRONOUNS = {"it": "", "its": "'s"}
_GROUP_PRONOUNS = {"they": "", "them": "", "their": "'s", "theirs": ""}
_DEMONSTRATIVES = ("that", "this", "these", "those")
_ORGANISATION_WORDS = frozenset(
    "agency ministry organization organisation committee council service movement party union "
    "institute institution center centre group forum platform association bank court office "
    "commission department programme program foundation fund network front army state "
    "structure body government parliament assembly bureau authority police force forces "
    "company corporation news agency journal analyst times post network ngo charity "
    "nongovernmental non-governmental society trust mission".split()
)
_PERSON_TITLES = frozenset(
    "president minister prime mr mrs ms dr professor prof general colonel-general colonel "
    "chairman chairwoman director editor head spokesman spokeswoman deputy ambassador "
    "secretary king queen sheikh imam judge senator governor mayor commander".split()
)
_PLACE_SUFFIXES = ("stan", "ia", "land")
_PLACES = COUNTRIES | frozenset(
    """england europe gaza scotland wales asia africa america caucasus balkans siberia xinjiang
    chechnya dagestan crimea donbas moscow beijing london paris washington berlin kabul
    tashkent bishkek dushanbe ashgabat astana almaty shymkent osh"""
    "".split()
)
_DEMONSTRATIVE_NOUNS = frozenset(
    "year time day month decade period event case report group organisation organization body "
    "agency programme program law country city man woman person people attack meeting "
    "decision plan war conflict revolution study survey figure number money campaign".split()
)
#: Capitalised at the start of a sentence, never part of a name.
_SENTENCE_OPENERS = frozenset(
    [
        *_WH,
        *_AUX,
        *_STOP,
        *_PERSON_PRONOUNS,
        *_THING_PRONOUNS,
        *_GROUP_PRONOUNS,
        *_DEMONSTRATIVES,
        *"although however meanwhile moreover yet since while after before according despite "
        "during thus therefore still even ultimately perhaps".split(),
    ]
)
_DIRECTIONS = frozenset(
    "central north south east west northern southern eastern western middle upper lower "
    "greater".split()
)
_SOURCE_WORDS = frozenset(
    "wrote write written writer author authors authored byline published publish publisher "
    "publication outlet outlets newspaper paper site website source sources appeared appear "
    "posted post dated date title titled headline".split()
)
_SOURCE_REFERENCES = frozenset("that this it article story piece report text source one".split())


@dataclass(frozen=True, slots=True)
class Resolution:
    """A question as typed, the question to search (``resolved``) and the rule that wrote it.

    ``kind`` is ``standalone`` (searched as typed), ``ellipsis``, ``pronoun``,
    ``reference`` (a short question about "the …" that names nothing), or ``source``
    (a question about the last answer's article, answered from its metadata).
    """

    question: str
    resolved: str
    kind: str

    @property
    def rewritten(self) -> bool:
        """Whether the searched question differs from the typed one."""
        return self.resolved != self.question


@dataclass(frozen=True, slots=True)
class PreviousTurn:
    """What a follow-up may lean on: the question searched last and its answer sentences."""

    question: str
    answer_sentences: Sequence[str] = ()


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Names the index knows the kind of: authors are people, outlets organisations."""

    people: Collection[str] = ()
    organisations: Collection[str] = ()


def resolve(
    question: str, previous: PreviousTurn | None, vocabulary: Vocabulary | None = None
) -> Resolution:
    """``question`` written out in full from ``previous``, or unchanged when it stands alone."""
    question = " ".join(question.split())
    if asks_about_source(question):
        return Resolution(question, question, SOURCE)
    if previous is None or not question:
        return Resolution(question, question, STANDALONE)
    vocabulary = vocabulary or Vocabulary()
    body = question.rstrip("?!. ")
    continued = _CONTINUATION.match(body)
    if continued and continued.end() < len(body):
        rest = body[continued.end() :].strip(" ,")
        if _is_fragment(rest):
            return Resolution(question, _fill_slot(rest, previous, vocabulary), ELLIPSIS)
        body = rest[0].upper() + rest[1:]
        resolved = _replace_pronoun(body, previous, vocabulary)
        if resolved is not None:
            return Resolution(question, resolved, PRONOUN)
        return Resolution(question, _with_context(body, previous), ELLIPSIS)
    if _is_fragment(body):
        return Resolution(question, _fill_slot(body, previous, vocabulary), ELLIPSIS)
    resolved = _replace_pronoun(body, previous, vocabulary)
    if resolved is not None:
        return Resolution(question, resolved, PRONOUN)
    if _names_nothing(body):
        return Resolution(question, _with_context(body, previous), REFERENCE)
    return Resolution(question, question, STANDALONE)


def _names_nothing(body: str) -> bool:
    """A short question about "the …" that names nothing: ``what was the revolution called?``.

    With no name, number or date of its own, "the revolution" can only be one the
    conversation has mentioned.
    """
    words = _words(body)
    if not 3 <= len(words) <= 6 or not any(w.casefold() == "the" for w in words):
        return False
    return not any(w[0].isupper() or w[0].isdigit() for w in words[1:])


def asks_about_source(question: str) -> bool:
    """Whether ``question`` asks who wrote, which outlet published, or when or under which
    title the last answer's article appeared, naming nothing else (``who wrote that?``)."""
    words = [w.casefold() for w in _WORD.findall(question)]
    if not words or not any(w in _SOURCE_WORDS for w in words):
        return False
    rest = [
        w
        for w in words
        if w not in _SOURCE_WORDS
        and w not in _SOURCE_REFERENCES
        and w not in _STOP
        and w not in _AUX
        and w not in _WH
        and w not in ("was", "did", "by", "who's", "what's", "when's", "its")
    ]
    return not rest


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _is_fragment(text: str) -> bool:
    """A short piece with no verb of its own: ``in 2015``, ``how many women``, ``why``."""
    words = _words(text)
    if not words or len(words) > 5:
        return False
    lowered = [w.casefold() for w in words]
    if any(w in _AUX or w in _DEMONSTRATIVES for w in lowered):
        return False
    lead = _LEAD.match(text)
    # Only "how many women", "which year": a question word then a noun. "who said…" and
    # "where did…" are clauses.
    if lead is not None and lead.end() < len(text.rstrip()):
        after = _words(text[lead.end() :])
        if lead.group(0).casefold().split()[-1] not in _NOUN_LEADS or len(after) > 2:
            return False
    if any(_is_pronoun(w) for w in lowered):
        return False
    # A past tense or a participle makes it a clause ("who founded Sana Sezim").
    return not any(w.endswith("ed") and w[0].islower() and len(w) > 4 for w in words[1:])


def _is_pronoun(word: str) -> bool:
    return word in _PERSON_PRONOUNS or word in _THING_PRONOUNS or word in _GROUP_PRONOUNS


def _fill_slot(fragment: str, previous: PreviousTurn, vocabulary: Vocabulary) -> str:
    """The previous question with the fragment's constraint put in place of its own."""
    base = previous.question.rstrip("?!. ")
    lead = _LEAD.match(fragment)
    if lead is not None:
        return _ask_again(fragment, lead, base)
    year = _YEAR.search(fragment)
    if year is not None and len(_words(fragment)) <= 3:
        years = list(_YEAR.finditer(base))
        if years:
            last = years[-1]
            return f"{base[: last.start()]}{year.group(0)}{base[last.end() :]}?"
        return f"{base} in {year.group(0)}?"
    names = _entity_spans(fragment, vocabulary)
    if names:
        start, end, kind = names[-1]
        name = fragment[start:end]
        same = [span for span in _entity_spans(base, vocabulary) if span[2] == kind]
        if same:
            old_start, old_end, _ = same[-1]
            possessive = base[old_end : old_end + 2] in ("'s", "’s")
            name = name if possessive or not name.endswith(("'s", "’s")) else name[:-2]
            return f"{base[:old_start]}{name}{base[old_end:]}?"
        return f"{base} {_with_preposition(fragment, kind)}?"
    noun = _lead_noun(base)
    words = [w.casefold() for w in _words(fragment)]
    if noun is not None and _plural_noun_phrase(words):
        return f"{base[: noun[0]]}{fragment}{base[noun[1] :]}?"
    return f"{base} {fragment}?"


def _plural_noun_phrase(words: Sequence[str]) -> bool:
    """``women``, ``foreign sites``: what can stand for the noun of ``how many people``."""
    if not words or len(words) > 2 or any(w in _PREPOSITIONS or w in _STOP for w in words):
        return False
    last = words[-1]
    return last.endswith("s") or last in ("people", "men", "women", "children")


def _with_preposition(fragment: str, kind: str) -> str:
    words = _words(fragment)
    if kind == "place" and words and words[0].casefold() not in _PREPOSITIONS:
        return f"in {fragment}"
    return fragment


def _ask_again(fragment: str, lead: re.Match[str], base: str) -> str:
    """``why?``/``how many women?`` asked of the previous question's subject."""
    asked = fragment[0].upper() + fragment[1:]
    old = _LEAD.match(base)
    if old is None:
        return f"{asked} {_lowercase_first(base)}?"
    noun = _lead_noun(base)
    has_noun = lead.end() < len(fragment.rstrip())
    if has_noun or noun is None:
        cut = noun[1] if noun is not None and has_noun else old.end()
        return f"{asked}{base[cut:]}?"
    # A bare question word keeps the old subject: "how many people were…" + "why" →
    # "why were people…".
    rest = base[noun[1] :].lstrip()
    rest_words = rest.split(" ", 1)
    subject = base[old.end() : noun[1]].strip()
    if rest_words and rest_words[0].casefold() in _AUX:
        tail = rest_words[1] if len(rest_words) > 1 else ""
        return f"{asked} {rest_words[0]} {subject} {tail}".rstrip() + "?"
    return f"{asked} {subject} {rest}".rstrip() + "?"


def _lead_noun(question: str) -> tuple[int, int] | None:
    """The span of the noun after ``how many``/``which``/``what`` (``people`` in ``how many
    people were…``), or None."""
    lead = _LEAD.match(question)
    if lead is None:
        return None
    if lead.group(0).casefold().split()[-1] not in _NOUN_LEADS:
        return None
    end = lead.end()
    position = end
    for match in _WORD.finditer(question, end):
        word = match.group(0).casefold()
        if (
            word in _AUX
            or word in _PREPOSITIONS
            or (word.endswith("ed") and len(word) > 4 and position > end)
        ):
            break
        position = match.end()
    if position == end:
        return None
    return end + 1, position


def _lowercase_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    if first.isupper() or (len(first) > 1 and any(c.isupper() for c in first[1:])):
        return text
    return text[:1].lower() + text[1:]


def _entity_spans(text: str, vocabulary: Vocabulary) -> list[tuple[int, int, str]]:
    """Capitalised names, years excluded, each with its kind: place, person or organisation.

    The first word of a question counts only when it is a name the rules recognise.
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
        before = text[:start].split()
        if (
            kind in ("person", "unknown")
            and before
            and before[-1].casefold() in _ORGANISATION_WORDS
        ):
            kind = "organisation"  # "the charity Red Crescent", "the NGO Sana Sezim"
        if _starts_sentence(text, start) and kind == "unknown":
            continue
        if kind == "title":
            continue
        spans.append((start, start + len(bare), kind))
    return spans


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
    if len(words) == 1 and (folded in _PLACES or folded.endswith(_PLACE_SUFFIXES[:1])):
        return "place"
    if all(w in _PLACES or w in _DIRECTIONS for w in lowered) and lowered[-1] in _PLACES:
        return "place"
    if len(words) == 1 and name.isupper() and len(name) >= 2:
        return "organisation"
    if lowered[0] in _PERSON_TITLES and len(words) > 1:
        return "person"
    if len(words) == 1 and lowered[0] in _PERSON_TITLES:
        return "title"
    if len(words) >= 2:
        return "person"
    if len(words) == 1 and folded.endswith(_PLACE_SUFFIXES[1:]):
        return "place"
    return "unknown"


def _unresolved_pronoun(body: str) -> tuple[re.Match[str], str] | None:
    """The first pronoun or demonstrative with no name before it in the question, and the
    kind of referent it needs (person, thing, group, or a demonstrative's noun)."""
    words = list(_WORD.finditer(body))
    for i, match in enumerate(words):
        word = match.group(0).casefold()
        if word in _PERSON_PRONOUNS:
            kind = "person"
        elif word in _THING_PRONOUNS:
            following = words[i + 1].group(0).casefold() if i + 1 < len(words) else ""
            before = words[i - 1].group(0).casefold() if i > 0 else ""
            ahead = [w.group(0).casefold() for w in words[i + 1 : i + 4]]
            if (
                before in ("is", "was", "would", "will") and {"that", "to", "for"} & set(ahead)
            ) or (ahead and ahead[0] in ("take", "takes", "took")):
                continue  # "is it true that…", "is it hard for … to", "did it take": no referent
            kind = "thing"
        elif word in _GROUP_PRONOUNS:
            kind = "group"
        elif word == "there" and _refers_to_place(words, i):
            named = _entity_spans(body[: match.start()], Vocabulary())
            if any(span[2] == "place" for span in named):
                return None
            return match, "place"
        elif word == "so" and i == len(words) - 1 and i > 0:
            return match, "demonstrative"  # "who says so?"
        elif word in _DEMONSTRATIVES:
            before = words[i - 1].group(0).casefold() if i > 0 else ""
            last = i == len(words) - 1
            following = words[i + 1].group(0).casefold() if not last else ""
            if (
                word == "that"
                and not last
                and before not in _AUX
                and before not in _WH
                and before not in _PREPOSITIONS
                and following not in _DEMONSTRATIVE_NOUNS
            ):
                continue  # "said that Kazakhstan…", "the group that…"
            if word != "that" or following in _DEMONSTRATIVE_NOUNS:
                # "this relationship", "that year": they point outside the question.
                return match, "demonstrative"
            kind = "demonstrative"
        else:
            continue
        if _has_antecedent(words[:i]):
            return None
        return match, kind
    return None


def _refers_to_place(words: Sequence[re.Match[str]], i: int) -> bool:
    """``there`` as a place (``what happens there``), not ``is there``/``there are``."""
    before = words[i - 1].group(0).casefold() if i > 0 else ""
    after = words[i + 1].group(0).casefold() if i + 1 < len(words) else ""
    return before not in _AUX and after not in _AUX


def _has_antecedent(before: Sequence[re.Match[str]]) -> bool:
    for j, match in enumerate(before):
        word = match.group(0)
        if j > 0 and word[0].isupper():
            return True
        if word.casefold() in ("the", "a", "an") and j + 1 < len(before):
            return True
    return False


def _replace_pronoun(body: str, previous: PreviousTurn, vocabulary: Vocabulary) -> str | None:
    """The question with its unresolved pronoun replaced, or with the previous question's
    content added; None when it has no unresolved pronoun."""
    found = _unresolved_pronoun(body)
    if found is None:
        return None
    match, kind = found
    word = match.group(0).casefold()
    referent = _referent(kind, word, body, match, previous, vocabulary)
    if referent is None:
        return _with_context(body, previous)
    name, start, end = referent
    return _capitalised(f"{body[:start]}{name}{body[end:]}?")


def _referent(
    kind: str,
    word: str,
    body: str,
    match: re.Match[str],
    previous: PreviousTurn,
    vocabulary: Vocabulary,
) -> tuple[str, int, int] | None:
    wanted = {"person": ("person",), "thing": ("organisation",), "group": ("organisation",)}
    if kind == "place":
        for source in (previous.question, *previous.answer_sentences[:1]):
            places = [s for s in _entity_spans(source, vocabulary) if s[2] == "place"]
            if places:
                start, end, _ = places[-1]
                return f"in {source[start:end]}", match.start(), match.end()
        return None
    if kind == "demonstrative":
        rest = body[match.end() :].split()
        noun = rest[0].casefold().strip("?,.") if rest else ""
        if noun in ("year", "time"):
            years = _YEAR.findall(previous.question) or [
                y for s in previous.answer_sentences for y in _YEAR.findall(s)
            ]
            if years:
                end = match.end() + body[match.end() :].index(rest[0]) + len(rest[0])
                return f"in {years[-1]}" if noun == "year" else years[-1], match.start(), end
        return None
    kinds = wanted[kind]
    suffix = {**_PERSON_PRONOUNS, **_THING_PRONOUNS, **_GROUP_PRONOUNS}[word]
    if word == "her":
        following = body[match.end() :].split()
        nxt = following[0].casefold() if following else ""
        suffix = "'s" if nxt and nxt not in _PREPOSITIONS and nxt not in _AUX else ""
    sources = [previous.question, *previous.answer_sentences[:1]]
    asked = previous.question.casefold().split(" ", 1)[0]
    asked_for_it = (kind == "person" and asked in ("who", "whom")) or (
        kind != "person" and asked in ("which", "what")
    )
    if asked_for_it:
        sources.reverse()  # what the previous question asked for is named in its answer
    in_question = previous.question.casefold()
    for source in sources:
        spans = [
            s
            for s in _entity_spans(source, vocabulary)
            if s[2] in kinds
            and (source is previous.question or source[s[0] : s[1]].casefold() not in in_question)
        ]
        if spans:
            start, end, _ = spans[-1] if source is previous.question else spans[0]
            name = source[start:end]
            if kind != "person" and source is not previous.question and not asked_for_it:
                return None  # "it" from an answer is too often the wrong thing
            return f"{_the(name)}{suffix}", match.start(), match.end()
    return None


def _the(name: str) -> str:
    words = name.split()
    if len(words) > 1 and words[-1].casefold() in _ORGANISATION_WORDS and words[0] != "The":
        return "the " + name
    return name


def _with_context(body: str, previous: PreviousTurn) -> str:
    """``body`` with the previous question's content in brackets: the same subject, searched
    with this question's words."""
    content = _content(previous.question)
    return _capitalised(f"{body} ({content})?" if content else f"{body}?")


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _content(question: str) -> str:
    """A question without its question word and its first auxiliary: its subject matter."""
    text = question.rstrip("?!. ")
    lead = _LEAD.match(text)
    if lead is not None:
        text = text[lead.end() :].lstrip()
        first = text.split(" ", 1)
        if first and first[0].casefold() in _AUX:
            text = first[1] if len(first) > 1 else ""
    return " ".join(text.replace("(", " ").replace(")", " ").split())
