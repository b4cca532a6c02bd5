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
from collections.abc import Sequence
from dataclasses import dataclass

from qa.search.name_kinds import (
    AUXILIARIES,
    DEMONSTRATIVES,
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    PREPOSITIONS,
    QUESTION_WORDS,
    STOPWORDS,
    THING_PRONOUNS,
    entity_spans,
    is_pronoun,
    with_article,
)
from qa.search.name_kinds import Vocabulary as Vocabulary  # part of this module's API

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
_LEAD = re.compile(
    r"^(?:(?:in|from|to|by|for|of|at|on|since|until)\s+)?"
    r"(?:how\s+(?:many|much|long|old|far|often|large|big)|what|which|whose|who|whom|when|"
    r"where|why|how)\b",
    re.I,
)
_NOUN_LEADS = ("many", "much", "which", "what", "whose")
_DEMONSTRATIVE_NOUNS = frozenset(
    "year time day month decade period event case report group organisation organization body "
    "agency programme program law country city man woman person people attack meeting "
    "decision plan war conflict revolution study survey figure number money campaign".split()
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
        and w not in STOPWORDS
        and w not in AUXILIARIES
        and w not in QUESTION_WORDS
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
    if any(w in AUXILIARIES or w in DEMONSTRATIVES for w in lowered):
        return False
    lead = _LEAD.match(text)
    # Only "how many women", "which year": a question word then a noun. "who said…" and
    # "where did…" are clauses.
    if lead is not None and lead.end() < len(text.rstrip()):
        after = _words(text[lead.end() :])
        if lead.group(0).casefold().split()[-1] not in _NOUN_LEADS or len(after) > 2:
            return False
    if any(is_pronoun(w) for w in lowered):
        return False
    # A past tense or a participle makes it a clause ("who founded Sana Sezim").
    return not any(w.endswith("ed") and w[0].islower() and len(w) > 4 for w in words[1:])


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
    names = entity_spans(fragment, vocabulary)
    if names:
        start, end, kind = names[-1]
        name = fragment[start:end]
        same = [span for span in entity_spans(base, vocabulary) if span[2] == kind]
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
    if not words or len(words) > 2 or any(w in PREPOSITIONS or w in STOPWORDS for w in words):
        return False
    last = words[-1]
    return last.endswith("s") or last in ("people", "men", "women", "children")


def _with_preposition(fragment: str, kind: str) -> str:
    words = _words(fragment)
    if kind == "place" and words and words[0].casefold() not in PREPOSITIONS:
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
    if rest_words and rest_words[0].casefold() in AUXILIARIES:
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
            word in AUXILIARIES
            or word in PREPOSITIONS
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


def _unresolved_pronoun(body: str) -> tuple[re.Match[str], str] | None:
    """The first pronoun or demonstrative with no name before it in the question, and the
    kind of referent it needs (person, thing, group, or a demonstrative's noun)."""
    words = list(_WORD.finditer(body))
    for i, match in enumerate(words):
        word = match.group(0).casefold()
        if word in PERSON_PRONOUNS:
            kind = "person"
        elif word in THING_PRONOUNS:
            following = words[i + 1].group(0).casefold() if i + 1 < len(words) else ""
            before = words[i - 1].group(0).casefold() if i > 0 else ""
            ahead = [w.group(0).casefold() for w in words[i + 1 : i + 4]]
            if (
                before in ("is", "was", "would", "will") and {"that", "to", "for"} & set(ahead)
            ) or (ahead and ahead[0] in ("take", "takes", "took")):
                continue  # "is it true that…", "is it hard for … to", "did it take": no referent
            kind = "thing"
        elif word in GROUP_PRONOUNS:
            kind = "group"
        elif word == "there" and _refers_to_place(words, i):
            named = entity_spans(body[: match.start()], Vocabulary())
            if any(span[2] == "place" for span in named):
                return None
            return match, "place"
        elif word == "so" and i == len(words) - 1 and i > 0:
            return match, "demonstrative"  # "who says so?"
        elif word in DEMONSTRATIVES:
            before = words[i - 1].group(0).casefold() if i > 0 else ""
            last = i == len(words) - 1
            following = words[i + 1].group(0).casefold() if not last else ""
            if (
                word == "that"
                and not last
                and before not in AUXILIARIES
                and before not in QUESTION_WORDS
                and before not in PREPOSITIONS
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
    return before not in AUXILIARIES and after not in AUXILIARIES


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
            places = [s for s in entity_spans(source, vocabulary) if s[2] == "place"]
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
    suffix = {**PERSON_PRONOUNS, **THING_PRONOUNS, **GROUP_PRONOUNS}[word]
    if word == "her":
        following = body[match.end() :].split()
        nxt = following[0].casefold() if following else ""
        suffix = "'s" if nxt and nxt not in PREPOSITIONS and nxt not in AUXILIARIES else ""
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
            for s in entity_spans(source, vocabulary)
            if s[2] in kinds
            and (source is previous.question or source[s[0] : s[1]].casefold() not in in_question)
        ]
        if spans:
            start, end, _ = spans[-1] if source is previous.question else spans[0]
            name = source[start:end]
            if kind != "person" and source is not previous.question and not asked_for_it:
                return None  # "it" from an answer is too often the wrong thing
            return f"{with_article(name)}{suffix}", match.start(), match.end()
    return None


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
        if first and first[0].casefold() in AUXILIARIES:
            text = first[1] if len(first) > 1 else ""
    return " ".join(text.replace("(", " ").replace(")", " ").split())
