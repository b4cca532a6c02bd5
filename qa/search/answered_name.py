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
from qa.search.lexicon import common_word
from qa.search.name_kinds import (
    AUXILIARIES,
    STOPWORDS,
    Vocabulary,
    entity_spans,
    is_pronoun,
    with_article,
)
from qa.text import CAPITALS

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
    skipped = ""
    for word in words_of(question[noun_end:]):
        folded = word.casefold()
        if folded in AUXILIARIES or folded in _BETWEEN:
            skipped = folded if folded in AUXILIARIES else skipped
            continue
        if folded in ("a", "an") and skipped in _HAVE:
            return skipped  # "Which company had a dispute …?": "had" is the verb
        # "Who is the head keeper?": no verb, and "the" none.
        return folded if word.islower() and folded not in STOPWORDS else None
    return None


_HAVE = frozenset(("have", "has", "had"))


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
    for sentence in sentences:
        for start, end, kind in _names_in(sentence):
            name = sentence[start:end]
            # What does the deed is what was asked for, whatever kind its name seems of.
            if kind not in kinds or name.casefold() in in_question:
                continue
            following = [w.casefold() for w in words_of(sentence[end:])[:4]]
            if verb not in _HAVE:  # "had" is the verb itself, no auxiliary before it
                while following and (following[0] in AUXILIARIES or following[0] in _BETWEEN):
                    following = following[1:]
            before = [w.casefold() for w in words_of(sentence[:start])[-3:]]
            if before[-1:] == ["the"]:
                before = before[:-1]
            doing = bool(following) and _same_verb(following[0], verb)
            done_by = len(before) >= 2 and before[-1] == "by" and _same_verb(before[-2], verb)
            if doing or done_by:
                return _spelled_out(sentence, start, end) or _as_written(sentence, start, name)
    return None


def _spelled_out(sentence: str, start: int, end: int) -> str | None:
    """The name an acronym in brackets stands after (``the New York State Attorney General``
    for ``NYAG`` in "The New York State Attorney General (NYAG) is investigating"), or None
    when the name at ``start:end`` is no such acronym."""
    if not sentence[:start].endswith("(") or not sentence[end:].startswith(")"):
        return None
    before = sentence[: start - 1].rstrip()
    for a, b, _ in _names_in(before):
        if b == len(before):
            return _as_written(before, a, before[a:b])
    return None


def _same_verb(word: str, verb: str) -> bool:
    """Whether ``word`` is a form of ``verb``: ``built`` of "build", ``helped`` of "helps",
    ``has`` of "had"."""
    if verb in _HAVE:
        return word in _HAVE
    if is_plural(verb) and not verb.endswith("ss"):
        verb = verb[:-1]  # "helps": "help", "helped"
    return word.startswith(verb[: max(_STEM, len(verb) - 2)] if len(verb) > _STEM else verb)


#: Capitalised words in a row: a name, or a sentence's first word.
_CAPITALISED_RUN = LazyPattern(rf"(?<![\w’'\-])[{CAPITALS}][\w’'\-]*(?:\s+[{CAPITALS}][\w’'\-]*)*")


def _names_in(sentence: str) -> list[tuple[int, int, str]]:
    """The names of ``sentence`` with their kinds (``entity_spans``), and, of no known kind,
    the capitalised words opening a sentence or a clause that ``entity_spans`` leaves out
    (``Trump`` in "“… !” Trump tweeted"), unless they are common words ("The", "But")."""
    spans = [
        # "The Daily Courier reported": two capitalised words after "the" are no person's.
        (a, b, "organisation")
        if kind == "person" and sentence[:a].endswith(("the ", "The ")) and " " in sentence[a:b]
        else (a, b, kind)
        for a, b, kind in entity_spans(sentence, Vocabulary(), person_cues=True)
    ]
    for found in _CAPITALISED_RUN.finditer(sentence):
        first = found.group(0).split()[0].casefold()
        if common_word(first) or first in STOPWORDS or is_pronoun(first):
            continue
        if any(a < found.end() and found.start() < b for a, b, _ in spans):
            continue
        spans.append((found.start(), found.end(), "unknown"))
    return sorted(spans)


def _as_written(sentence: str, start: int, name: str) -> str:
    """``name`` with the "the" the sentence writes before it (``the Liberal Alliance``), or
    the one an organisation named by its kind takes (``the Interior Ministry``)."""
    if sentence[:start].endswith(("the ", "The ")):
        return f"the {name}"
    return with_article(name)
