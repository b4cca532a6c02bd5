"""The name an answer gives for what a ``which``/``what`` question asked for, which a next
``it`` (or ``they``, for a body) then stands for.

After ``Which firm built the bridge?`` answered "The bridge was built by Harbour Build, a
construction firm …", ``when did it win the contract?`` asks about Harbour Build, never about
"firm". The answer gives the name in one of four ways, tried in this order:

- as the one doing what the question asked, in the sentence answering it: before the
  question's verb (``Celvia will build …`` for ``Which company will build …?``) or after it
  with "by" (``was built by Harbour Build``);
- as a name ending in the asked noun (``the Arlo City Zoo`` for ``which zoo …?``);
- beside the asked noun in an answer sentence, as an apposition (``Harbour Build, a
  construction firm``) or an example (``NGO partners like Sana Sezim``);
- beside the asked noun in the passages of the articles the answer cites (``the NGO Sana
  Sezim``), when the answer names it too.

``qa.search.followup`` tries first the name standing right before or after the noun in the
answer (``the NGO Sana Sezim``); these readings come after it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa.patterns import LazyPattern
from qa.search.followup_text import is_plural, words_of
from qa.search.name_kinds import AUXILIARIES, Vocabulary, entity_spans, with_article

#: The kinds of name that can be what a question asked for by a noun (no place, no group).
_NAMED_KINDS = frozenset(("person", "organisation", "unknown"))
#: Words that stand between a name and the verb it does: ``Celvia will soon build``.
_BETWEEN = frozenset(("also", "now", "soon", "then", "still", "already", "not"))
_SENTENCE_END = LazyPattern(r"(?<=[.!?])\s+")
#: How many letters of a verb its other forms share at least (``buil`` of "build", "built").
_STEM = 4


def asked_verb(question: str, noun_end: int) -> str | None:
    """The verb a ``which``/``what`` question asks about, after its noun and any
    auxiliaries (``build`` in ``Which company will build a plant?``), or None when what
    follows the noun is no lower-case word."""
    for word in words_of(question[noun_end:]):
        folded = word.casefold()
        if folded in AUXILIARIES or folded in _BETWEEN:
            continue
        return folded if word.islower() else None
    return None


def name_ending_in(noun: str, sentences: Sequence[str], in_question: str) -> str | None:
    """The first name in ``sentences`` whose last word is ``noun`` written as a name's
    (``the Arlo City Zoo`` for ``which zoo …?``); None when there is none the question does
    not name itself."""
    for sentence in sentences:
        for start, end, _ in entity_spans(sentence, Vocabulary(), person_cues=True):
            name = sentence[start:end]
            words = name.split()
            if (
                len(words) > 1
                and words[-1].casefold() == noun.casefold()
                and words[-1] != noun  # "Zoo" in a name, not the noun as asked
                and name.casefold() not in in_question
            ):
                return _as_written(sentence, start, name)
    return None


def name_beside(noun: str, sentences: Sequence[str], in_question: str) -> str | None:
    """The first name in ``sentences`` given as an apposition of ``noun`` (``Harbour Build,
    a construction firm``) or as an example of it (``NGO partners like Sana Sezim``); None
    when there is none the question does not name itself."""
    escaped = re.escape(noun)
    example = re.compile(
        rf"\b{escaped}\s+(?:[a-z][\w\-]*\s+){{0,2}}(?:like|such\s+as|including)\s+(?:the\s+)?$"
    )
    apposition = re.compile(rf"^,\s+(?:an?|the)\s+(?:[\w\-]+\s+){{0,3}}?{escaped}\b")
    for sentence in sentences:
        for start, end, kind in entity_spans(sentence, Vocabulary(), person_cues=True):
            name = sentence[start:end]
            if kind not in _NAMED_KINDS or name.casefold() in in_question:
                continue
            if example.search(sentence[:start]) or apposition.match(sentence[end:]):
                return _as_written(sentence, start, name)
    return None


def name_after(
    noun: str, texts: Sequence[str], named: Sequence[str], in_question: str
) -> str | None:
    """The first name standing right after ``noun`` (``the NGO Sana Sezim``) or given beside
    it (see ``name_beside``) in ``texts`` (passages, split into sentences here) that
    ``named`` (the answer sentences) also holds; None when there is none."""
    shown = " ".join(named)
    escaped = re.escape(noun)
    right_after = re.compile(rf"\b{escaped},?\s+(?:the\s+)?$")
    sentences = [s for text in texts for s in _SENTENCE_END.split(text)]
    for sentence in sentences:
        for start, end, kind in entity_spans(sentence, Vocabulary(), person_cues=True):
            name = sentence[start:end]
            if kind not in _NAMED_KINDS or name not in shown or name.casefold() in in_question:
                continue
            if right_after.search(sentence[:start]):
                return _as_written(sentence, start, name)
    beside = name_beside(noun, sentences, in_question)
    return beside if beside is not None and beside.removeprefix("the ") in shown else None


def doer_of(
    verb: str,
    sentences: Sequence[str],
    in_question: str,
    *,
    kinds: frozenset[str] = frozenset(("person", "organisation", "place", "unknown")),
) -> str | None:
    """The name of one of ``kinds`` doing ``verb`` in ``sentences`` (the one answering the
    question first): right before it, after any auxiliaries (``Celvia will build``, ``The
    Liberal Alliance won``), or after it with "by" (``was built by Harbour Build``); None
    when none does."""
    if is_plural(verb) and not verb.endswith("ss"):
        verb = verb[:-1]  # "helps": "help", "helped"
    stem = verb[: max(_STEM, len(verb) - 2)] if len(verb) > _STEM else verb
    for sentence in sentences:
        for start, end, kind in entity_spans(sentence, Vocabulary(), person_cues=True):
            name = sentence[start:end]
            # What does the deed is what was asked for, whatever kind its name seems of.
            if kind not in kinds:
                continue
            if name.casefold() in in_question:
                continue
            following = [w.casefold() for w in words_of(sentence[end:])[:4]]
            while following and (following[0] in AUXILIARIES or following[0] in _BETWEEN):
                following = following[1:]
            before = [w.casefold() for w in words_of(sentence[:start])[-3:]]
            if before[-1:] == ["the"]:
                before = before[:-1]
            doing = bool(following) and following[0].startswith(stem)
            done_by = len(before) >= 2 and before[-1] == "by" and before[-2].startswith(stem)
            if doing or done_by:
                return _as_written(sentence, start, name)
    return None


def _as_written(sentence: str, start: int, name: str) -> str:
    """``name`` with the "the" the sentence writes before it (``the Liberal Alliance``), or
    the one an organisation named by its kind takes (``the Interior Ministry``)."""
    if sentence[:start].endswith(("the ", "The ")):
        return f"the {name}"
    return with_article(name)
