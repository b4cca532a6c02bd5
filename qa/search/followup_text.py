"""Reading a question for the follow-up rules: its words, its lead (``how many people``), and
the earlier questions a resolved question follows (``… ? (following: …?)``), with the text
searched for it.

``qa.search.followup`` decides what a question leans on; ``qa.search.ellipsis`` fills a
fragment into the previous question; both read questions with the helpers here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import takewhile

from qa.patterns import LazyPattern
from qa.search.name_kinds import AUXILIARIES, PREPOSITIONS
from qa.text import CAPITALS

#: A word, with inner apostrophes, dots and dashes (``Sana Sezim’s``, ``U.S``, ``15–20``).
WORD = LazyPattern(r"[^\W_][\w'’.\-–]*[\w%]|[^\W_]", re.UNICODE)
#: A year or a span of years (``2017``, ``2003–04``).
YEAR = LazyPattern(r"\b(?:1[89]|20)\d\d(?:\s*[-–]\s*(?:1[89]|20)?\d\d)?\b")
#: What a question opens with: a question word, after a preposition (``on whose …``).
LEAD = LazyPattern(
    r"^(?:(?:in|from|to|by|for|of|at|on|since|until|according\s+to)\s+)?"
    r"(?:how\s+(?:many|much|long|old|far|often|large|big)|what|which|whose|who|whom|when|"
    r"where|why|how)\b",
    re.I,
)
#: The question words a noun can follow: ``how many people``, ``which year``.
NOUN_LEADS = ("many", "much", "which", "what", "whose")


@dataclass(frozen=True, slots=True)
class PreviousTurn:
    """What a follow-up may lean on: the question searched last, its answer sentences, and
    the one person an answer about the source named since (the author of ``who wrote
    that?``), whom ``he``/``she`` then means, the thing its ``it`` was read as, which
    the next ``it`` means too, the questions asked before it (the latest first), where
    a person named earlier in the conversation is found, and the text of the passages the
    answer was chosen from, which tells whether a name is spoken of as "he" or "she"; of
    those, the ones from the articles it cites (``cited``) are what the user was shown
    of, which tells what the conversation has mentioned. ``before`` is the same for the
    turn before it (without its own ``before``): whom ``the two of them`` may mean."""

    question: str
    answer_sentences: Sequence[str] = ()
    person: str = ""
    thing: str = ""
    earlier: Sequence[str] = ()
    passages: Sequence[str] = ()
    cited: Sequence[str] = ()
    before: PreviousTurn | None = None


def words_of(text: str) -> list[str]:
    """The words of ``text`` (see ``WORD``)."""
    return WORD.findall(text)


def lead_noun(question: str) -> tuple[int, int] | None:
    """The span of the noun after ``how many``/``which``/``what`` (``people`` in ``how many
    people were…``), or None."""
    lead = LEAD.match(question)
    if lead is None:
        return None
    if lead.group(0).casefold().split()[-1] not in NOUN_LEADS:
        return None
    end = lead.end()
    position = phrase_end(question, end)
    if position == end:
        return None
    return end + 1, position


def phrase_end(question: str, start: int) -> int:
    """Where the noun phrase from ``start`` ends: before an auxiliary, a preposition or a
    past participle."""
    position = start
    for match in WORD.finditer(question, start):
        word = match.group(0).casefold()
        if (
            word in AUXILIARIES
            or word in PREPOSITIONS
            or (word.endswith("ed") and len(word) > 4 and position > start)
        ):
            break
        position = match.end()
    return position


_OF = LazyPattern(r"\s+of\s+")
#: A subject with "the" after the question word and its auxiliary (``what did the …``).
_SUBJECT = LazyPattern(
    LEAD.pattern + r"(?:\s+[a-z]+){0,2}?\s+(?:do|does|did|is|are|was|were|has|have|had|will|"
    r"would|can|could)\s+the\s+|" + LEAD.pattern + r"\s+(?:[a-z]+\s+)?the\s+",
    re.I,
)
_IRREGULAR_PLURALS = frozenset("people men women children police".split())
#: Plural nouns that measure (how often, how long, how much) rather than name things.
MEASURES = frozenset("years times days weeks months hours minutes seconds percent".split())


def is_plural(word: str) -> bool:
    """Whether a lower-case noun is plural: ``victims``, ``people`` (not ``press``, ``status``)."""
    word = word.casefold()
    if word in _IRREGULAR_PLURALS:
        return True
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


#: Words that open a noun phrase, after a verb in ``Which union represents the nurses``.
_DETERMINERS = frozenset("the a an its his her their this these those".split())


def plural_phrase(question: str, *, subject_first: bool = False) -> str | None:
    """The plural noun phrase a question is about, which ``they`` and ``them`` then mean.

    The noun it asks about when plural, with what it is of and the rest of the question
    (``How many victims of trafficking did the IOM assist?`` gives ``the victims of
    trafficking the IOM assist``); else a lower-case plural subject after "the" (``What did the
    protesters demand?`` gives ``the protesters``); else a counted plural (``… assisted 858
    victims of trafficking?`` gives ``the victims of trafficking``); None when it has none. With
    ``subject_first`` (for ``they``, a subject itself), the subject comes first: after ``Which
    castles did the Normans build?``, ``where did they settle?`` asks about the Normans.
    """
    base, _ = split_carried(question)
    if subject_first:
        subject = _plural_subject(base)
        if subject is not None:
            return subject
    noun = lead_noun(base)
    if noun is not None:
        start, end = noun
        words = base[start:end].split()
        inner = [n for n, w in enumerate(words) if n >= 2 and w.casefold() in _DETERMINERS]
        # "Which union represents the nurses?": the word before "the" is a verb, so the noun
        # asked about is "union", no plural.
        if inner:
            end = start + len(" ".join(words[: inner[0] - 1]))
        head = base[start:end].split()[-1]
        if head[0].islower() and is_plural(head) and head.casefold() not in MEASURES:
            while (of := _OF.match(base, end)) is not None and phrase_end(
                base, of.end()
            ) > of.end():
                end = phrase_end(base, of.end())
            return " ".join(["the", base[start:end], *_relative_clause(base[end:])])
    return _plural_subject(base) or _owned_plural(base) or _counted_plural(base)


#: A plural someone's or something's: ``Ford's plants``, ``the council's new rules``.
_OWNED = LazyPattern(
    rf"(?:\bthe\s+)?(?<![\w’'\-])(?:[{CAPITALS}][\w\-]*\s+){{0,2}}[{CAPITALS}][\w\-]*['’]s"
    r"\s+(?:[\w\-]+\s+)?(?P<noun>[a-z][\w\-]*)\b"
)


def _owned_plural(base: str) -> str | None:
    """The plural a name owns in the question (``Ford's plants`` in ``Where are Ford's
    plants?``), or None."""
    found = _OWNED.search(base)
    if found is None or not is_plural(found["noun"]) or found["noun"] in MEASURES:
        return None
    return found.group(0)


_COUNTED = LazyPattern(r"\b(?:\d[\d,.]*|many|several|both)\s+(?=[a-z])", re.I)


def _counted_plural(base: str) -> str | None:
    """A counted plural the question names (``858 victims of trafficking`` in ``Which
    organization assisted 858 victims of trafficking?``), with what it is of; or None."""
    for count in _COUNTED.finditer(base):
        end = phrase_end(base, count.end())
        words = base[count.end() : end].split()
        if not words or not is_plural(words[-1]) or words[-1].casefold() in MEASURES:
            continue
        while (of := _OF.match(base, end)) is not None and phrase_end(base, of.end()) > of.end():
            end = phrase_end(base, of.end())
        return f"the {base[count.end() : end]}"
    return None


#: An auxiliary whose noun before it does what follows (``have signed``, ``will ban``), not
#: one before another subject (``did the IOM assist``) nor a passive (``were opened``).
_DOES_IT_ITSELF = LazyPattern(
    r"^(?i:have|has|had|will|would|can|could|should|may|might|must|do|does|did)\s+"
    r"(?![Tt]he\b|[Aa]n?\b|[A-Z]|(?i:he|she|it|they|we|you|i|his|her|its|their|this|that)\b)"
    r"[a-z]"
)


def _relative_clause(rest: str) -> list[str]:
    """What a question says of the noun it asks about, as words after that noun: its first
    auxiliary dropped where a participle or a subject follows it (``… were opened in
    Kazakhstan`` gives ``opened in Kazakhstan``, ``did the IOM assist`` ``the IOM assist``),
    ``are there`` dropped, and nothing after a comma."""
    words = rest.split(",", 1)[0].split()
    for i, word in enumerate(words):
        if word.casefold() not in AUXILIARIES:
            if i == 0 and word.islower() and word not in PREPOSITIONS:
                return ["that", *words]  # "Which automakers signed contracts?": they did
            continue
        following = words[i + 1].casefold() if i + 1 < len(words) else ""
        if following == "there":
            return words[:i] + words[i + 2 :]
        if i == 0 and _DOES_IT_ITSELF.match(f"{word} {words[i + 1] if i + 1 < len(words) else ''}"):
            # "Which automakers have signed …?": the noun does it, so "that" keeps it a
            # clause ("the automakers that have signed …", not "… signed …", read passive).
            return ["that", *words]
        if i == 0 or following.endswith(("ed", "en", "wn")):
            return words[:i] + words[i + 1 :]
        break
    return words


_MEASURED = LazyPattern(
    r"^how\s+(?:much|big|large|long|high|old|far|heavy|tall|deep|wide|fast|costly|expensive)"
    r"\s+(?:is|are|was|were|will\s+be)\s+the\s+",
    re.I,
)


#: What a question asks the cost of: ``How much will the Celvia plant in Lund cost?``.
_COSTED = LazyPattern(
    r"^how\s+much\s+(?:will|would|does|did|do|could|might|should)\s+(?P<thing>the\s+.+?)\s+cost$",
    re.I,
)


def measured_thing(question: str) -> str | None:
    """The one thing a "how much/big/long …" question measures (``the severance payment`` in
    ``How big was the severance payment for …?``, ``the Celvia plant in Lund`` in ``How much
    will the Celvia plant in Lund cost?``), which a next ``it`` means; else None."""
    base, _ = split_carried(question)
    costed = _COSTED.match(base)
    if costed is not None:
        head = words_of(costed["thing"][: phrase_end(costed["thing"], 4)])
        return costed["thing"] if head and not is_plural(head[-1]) else None
    the = _MEASURED.match(base)
    if the is None:
        return None
    words = list(
        takewhile(
            lambda w: w.islower() and w not in ("the", "a", "an"),
            words_of(base[the.end() : phrase_end(base, the.end())]),
        )
    )  # "the pay deal the nurses rejected": up to the next phrase
    if not words or is_plural(words[-1]) or words[-1] in MEASURES:
        return None
    return " ".join(["the", *words])


def _plural_subject(base: str) -> str | None:
    """A plural subject after "the" (``the protesters``, ``the Normans``), or None."""
    the = _SUBJECT.match(base)
    if the is None:
        return None
    words = words_of(base[the.end() : phrase_end(base, the.end())])
    start = 0
    for i, word in enumerate(words):
        if word.casefold() in ("the", "a", "an"):
            start = i + 1  # "the pay freeze the Vantor unions …": another phrase begins
            continue
        if not word[0].islower():
            following = words[i + 1] if i + 1 < len(words) else ""
            if (
                i == start
                and is_plural(word)
                and not (following.islower() and is_plural(following))
            ):
                # "When did the Normans invade Ireland?"; not "the Vantor unions"
                return f"the {word}"
            continue  # a name before the noun: "the Mini boxes", "the BBC journalists"
        if is_plural(word) and word.casefold() not in MEASURES:
            return " ".join(["the", *words[start : i + 1]])
    return None


def capitalised(text: str) -> str:
    """``text`` with its first letter upper-case."""
    return text[:1].upper() + text[1:]


#: How a resolved question shows the earlier questions it leans on:
#: ``Who reported those figures? (following: How many people were convicted …?)``. Not in
#: quotation marks: a quoted phrase is a constraint the evidence must hold word for word.
FOLLOWING = " (following: "
_QUESTIONS = LazyPattern(r"(?<=\?)\s+")


def split_carried(question: str) -> tuple[str, str]:
    """A resolved question without the earlier questions it carries (and without its
    question mark), and those questions as written after ``following``."""
    at = question.find(FOLLOWING)
    if at < 0 or not question.endswith(")"):
        return question.rstrip("?!. "), ""
    return question[:at].rstrip("?!. "), question[at + len(FOLLOWING) : -1]


def with_carried(question: str, carried: str) -> str:
    """``question`` (ending in its question mark) followed by the earlier questions
    ``carried`` (as ``split_carried`` gives them), or unchanged when there are none."""
    return f"{question}{FOLLOWING}{carried})" if carried else question


def names_something(body: str) -> bool:
    """Whether a question names a name, a number or a year after its first word."""
    return any(w[0].isupper() or w[0].isdigit() for w in words_of(body)[1:])


def with_context(body: str, previous: PreviousTurn) -> str:
    """``body`` asked after the previous question, quoted in full so that it reads as it
    was asked: the same subject, searched with this question's words. When the previous
    question named nothing itself, the question it followed is quoted too."""
    base, carried = split_carried(previous.question)
    asked = capitalised(f"{body.rstrip('?!. ')}?")
    quoted = [f"{capitalised(base)}?"] if len(words_of(base)) > 2 else []
    own = _CONTINUATION.sub("", base)
    if carried and (
        is_continuation(base)
        or not names_something(f"x {_subject_matter(own)}")
        or _earlier_names_what_it_leans_on(base, carried)
    ):
        # The previous question was a continuation ("what about the Spanish-language
        # broadcast?") or named nothing: the earlier question it followed (the first of
        # those that names something and goes on from none) keeps the subject.
        earlier = _QUESTIONS.split(carried)
        quoted.append(
            next(
                (
                    q
                    for at, q in enumerate(earlier)
                    if names_something(q)
                    and not is_continuation(q)
                    # "Who called the game for CBS?": the one before it says which game
                    and not _earlier_names_what_it_leans_on(q, " ".join(earlier[at + 1 :]))
                ),
                earlier[-1],
            )
        )
    return with_carried(asked, " ".join(quoted))


#: "the" and a lower-case noun: ``the game``.
_THE_NOUN = LazyPattern(r"\bthe\s+[a-z]")


def _earlier_names_what_it_leans_on(base: str, carried: str) -> bool:
    """Whether ``base`` speaks of something by "the …" alone (``Who called the game for
    CBS?``) and the earlier question it followed names what it does not (``Which network
    broadcast Super Bowl 50?``): then that one says which game."""
    if _THE_NOUN.search(base) is None or not carried:
        return False
    named = {w for w in words_of(base) if w[0].isupper() or w[0].isdigit()}
    earlier = _QUESTIONS.split(carried)[-1]
    return any((w[0].isupper() or w[0].isdigit()) and w not in named for w in words_of(earlier)[1:])


_CONTINUATION = LazyPattern(r"^(?:(?:and|but|so|or|also)\s+|(?:what|how)\s+about\s+)", re.I)
_SEARCHED_CONTEXT_WORDS = 16


def is_continuation(question: str) -> bool:
    """Whether a question goes on from an earlier one: ``And the Liberal Democrats?``,
    ``What about the Spanish-language broadcast?``."""
    return _CONTINUATION.match(question) is not None


def searched(question: str) -> str:
    """What a resolved question searches: its own words, with the earlier questions it
    follows reduced to their subject matter in brackets (at most sixteen words), so that
    their question words do not ask for an answer of their kind:
    ``Who says so (share of human trafficking victims are Kazakh citizens)?``."""
    base, carried = split_carried(question)
    if not carried:
        return question
    content = " ".join(_subject_matter(part.rstrip("?")) for part in _QUESTIONS.split(carried))
    # In lower case: the names of earlier questions help find the passages, but are not
    # names the answer must meet (the embedding model reads no case).
    return f"{base} ({' '.join(content.casefold().split()[:_SEARCHED_CONTEXT_WORDS])})?"


#: A negation: ``not``, ``never`` and the auxiliaries ending in ``n't`` (``doesn't``).
_NEGATION = LazyPattern(r"^(?:not|never|\w+n[’']t)$", re.I)


def _subject_matter(text: str) -> str:
    lead = LEAD.match(text)
    if lead is not None:
        text = text[lead.end() :].lstrip()
        first = text.split(" ", 1)
        if first and first[0].casefold() in AUXILIARIES:
            text = first[1] if len(first) > 1 else ""
    # What an earlier question denied ("why doesn't the rule apply …?") is its subject, not
    # a "not" that the question asked after it asks for.
    words = text.replace("(", " ").replace(")", " ").split()
    return " ".join(w for w in words if _NEGATION.match(w) is None)
