"""Follow-up questions written out in full, from the turn before them, by simple rules.

A question is a follow-up only when it shows a clear dependency: it starts with a
continuation (``and …``, ``what about …``, ``how about …``), it is a fragment with
no verb of its own (``why?``, ``in 2015?``, ``how many women?``, ``and Ford?``), it
holds a pronoun or demonstrative with nothing in the question it could refer to
(``what did he do next?``, ``who said that?``, ``where is it based?``, ``the same
year``; a pronoun its own question names a fitting referent for is no such pronoun),
it points back without one (``who else …?``, ``which one …?``, ``the ninth one``, ``what
happened next?``, ``… before that?``, ``how many disagreed?``, ``… then?``), or it is a
question that names nothing (``which countries took part?``, ``what was the revolution
called?``). Anything else is standalone and never rewritten: a wrong rewrite is worse than
none.

A fragment is filled into the previous question (``qa.search.ellipsis``). A pronoun is
replaced by the last-mentioned person or organisation of the previous question; the person a
``who`` question asked for (or the organisation of ``which movement …?``) is taken from the
answer sentence that answers it; ``it`` after ``which report …?`` or ``what was the last
attempt …?`` is the name the answer gives for that noun (beside it, or as the one doing what
was asked: ``Which firm built the bridge?``, "… built by Harbour Build",
``qa.search.answered_name``), never the noun itself, and stays that name for the next turn's
``it``; so is ``she`` after ``which physiologist …?`` or ``who found …?``; ``the two of
them`` is the two people the last two turns were about (``Where did Helen Okafor and Daniel
Reyes work before?``), and ``they`` after a question naming two people is both; ``the region`` or
``this town`` is the place the last questions named; a question about someone by a role the
conversation never mentioned (``why did the mayor resign?`` after talk of ferries) stands
alone. A correction (``no, I meant in Tajikistan``, ``only 2017``) is filled in like a
fragment. When no referent fits, the question is asked after the previous one, written out
in full (``Who said that? (following: How many people were …?)``,
``qa.search.followup_text``), which keeps the search on the same subject and reads as what
it is.

Questions about the last answer's source (``who wrote that?``, ``which outlet?``)
are recognised here and answered from the cited article's metadata elsewhere; ``for
which newspaper?`` (whom someone works for) and ``when was it published?`` after a
question about a paper or a book are not such questions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from qa.patterns import LazyPattern
from qa.search.answered_name import (
    asked_verb,
    doer_of,
    name_after,
    name_beside,
    name_ending_in,
)
from qa.search.ellipsis import fill_slot, is_fragment, parallel_count
from qa.search.followup_text import (
    WORD,
    YEAR,
    capitalised,
    is_plural,
    lead_noun,
    measured_thing,
    names_something,
    phrase_end,
    plural_phrase,
    split_carried,
    with_context,
    words_of,
)
from qa.search.followup_text import PreviousTurn as PreviousTurn  # part of this module's API
from qa.search.lexicon import common_word, country_of
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
    is_demonym,
    is_organisation_word,
    is_pronoun,
    person_cue_after,
    with_article,
)
from qa.search.name_kinds import Vocabulary as Vocabulary  # part of this module's API
from qa.search.person_titles import FEMALE_TITLES, MALE_TITLES, OFFICES, PERSON_TITLES, ROLES
from qa.text import CAPITALS

STANDALONE = "standalone"
ELLIPSIS = "ellipsis"
PRONOUN = "pronoun"
REFERENCE = "reference"
SOURCE = "source"
MORE = "more"

#: A request to go on with the last answer: ``tell me more``, ``go on``, ``what else did
#: he say?``, ``what did she say next?``.
_MORE = LazyPattern(
    r"^(?:(?:and|so|ok(?:ay)?|please),?\s+)?(?:tell\s+me\s+more|say\s+more|more(?:\s+details)?|"
    r"go\s+on|continue|anything\s+else|(?:what|anything)\s+else\s+did\s+(?:he|she|they)\s+"
    r"(?:say|add)|what\s+did\s+(?:he|she|they)\s+(?:say|add)\s+next)"
    r"(?:\s+(?:about\s+(?:it|this|that|them|him|her)|please))?[?!.\s]*$",
    re.I,
)

_CONTINUATION = LazyPattern(
    r"^(?:and|but|also|so|or)\b\s*(?:(?:what|how)\s+about|what\s+of)?\s*"
    r"|^(?:what|how)\s+about\b\s*|^what\s+of\b\s*|^same\s+(?:for|with)\b\s*"
    # A correction or a narrowing of the last question: "no, I meant in Tajikistan",
    # "sorry, 2017", "only the minors", "just in 2017".
    r"|^(?:(?:no|nope|sorry)\b(?:[,.!;:]|(?=\s+I\s+mean))\s*)?(?:I\s+(?:meant|mean)\b,?\s*)?"
    r"(?:(?:only|just)\b\s*)?(?<=\s)",
    re.I,
)
#: The opening of a correction: ``no, I meant``, ``sorry``.
_CORRECTS = LazyPattern(r"^(?:no|nope|sorry|I\s+mean)", re.I)
#: What a correction says it replaces: ``, not 2017``, ``instead of Kazakhstan``.
_INSTEAD = LazyPattern(r",?\s+(?:not|instead\s+of|rather\s+than)\s+[^,]+$", re.I)
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
_SOURCE_REFERENCES = frozenset(
    "that this it article story piece report text source one him her".split()
)


@dataclass(frozen=True, slots=True)
class Resolution:
    """A question as typed, the question to search (``resolved``) and the rule that wrote it.

    ``kind`` is ``standalone`` (searched as typed), ``ellipsis``, ``pronoun``,
    ``reference`` (a short question about "the …" that names nothing), ``source``
    (a question about the last answer's article, answered from its metadata), or ``more``
    (``tell me more``: what the last answer's passages hold beyond what it showed).
    """

    question: str
    resolved: str
    kind: str
    #: What ``it``/``its`` was read as (``the Pico Act of 1859``), which the next turn's ``it``
    #: then means too; "" when the question had no such pronoun or it was not resolved.
    thing: str = ""

    @property
    def rewritten(self) -> bool:
        """Whether the searched question differs from the typed one."""
        return self.resolved != self.question


def resolve(
    question: str, previous: PreviousTurn | None, vocabulary: Vocabulary | None = None
) -> Resolution:
    """``question`` written out in full from ``previous``, or unchanged when it stands alone."""
    question = " ".join(question.split())
    if asks_about_source(question) and not _asks_about_a_work_or_employer(question, previous):
        return Resolution(question, question, SOURCE)
    if previous is None or not question:
        return Resolution(question, question, STANDALONE)
    vocabulary = vocabulary or Vocabulary()
    body = question.rstrip("?!. ")
    if _MORE.match(question) is not None:
        return Resolution(question, with_context(body, previous), MORE)
    pair = _PAIR.search(body)
    people = _two_people(previous, vocabulary) if pair is not None else None
    if pair is not None and people is not None:
        # "Where did the two of them train?": the two people the last two turns were about.
        group = "pair" if pair["pair"] is not None else "both"
        asked = f"{body[: pair.start(group)]}{people}{body[pair.end(group) :]}"
        asked = _LEADING_AND.sub("", asked)
        return Resolution(question, capitalised(f"{asked}?"), PRONOUN)
    compared = _COMPARED.match(body)
    if compared is not None:
        # "Is that more than last year?": the last question asked again for that time,
        # whose answer shows the figure to compare with.
        when = compared["when"]
        if not YEAR.search(when) and YEAR.search(split_carried(previous.question)[0]):
            when = "the year before"  # after "… in 2022?", "last year" is 2021
        filled = fill_slot(when, previous, vocabulary, body)
        if not filled.startswith(body):
            return Resolution(question, filled, ELLIPSIS)
    continued = _CONTINUATION.match(body)
    if continued and continued.end() < len(body):
        rest = body[continued.end() :].strip(" ,")
        if _CORRECTS.match(continued.group(0)) is not None:
            # "I meant this year, not 2017": what it is instead of says only what goes.
            rest = _INSTEAD.sub("", rest).strip(" ,") or rest
        if is_fragment(rest):
            return Resolution(question, fill_slot(rest, previous, vocabulary, body), ELLIPSIS)
        body = rest[0].upper() + rest[1:]
        replaced = _replace_pronoun(body, previous, vocabulary)
        if replaced is not None:
            return Resolution(question, *replaced)
        parallel = parallel_count(rest, previous)
        if parallel is not None:
            return Resolution(question, capitalised(parallel), ELLIPSIS)
        if names_something(body) and not _leans_on_context(body) and _is_a_question(body):
            # "and who owns the VideoGuard system that BSkyB uses?": complete without the past.
            return Resolution(question, f"{body}?", ELLIPSIS)
        # Shown as typed: "And migrants from Uzbekistan …? (following: …)".
        return Resolution(question, with_context(question, previous), ELLIPSIS)
    if is_fragment(body):
        return Resolution(question, fill_slot(body, previous, vocabulary), ELLIPSIS)
    parallel = parallel_count(body, previous)
    if parallel is not None:
        return Resolution(question, capitalised(parallel), ELLIPSIS)
    placed = _place_for_the_region(body, previous, vocabulary)
    if placed is not None:
        # "what is the population of the region?", "this town": the place named before.
        replaced = _replace_pronoun(placed, previous, vocabulary)
        if replaced is not None:
            return Resolution(question, *replaced)
        return Resolution(question, capitalised(f"{placed}?"), PRONOUN)
    replaced = _replace_pronoun(body, previous, vocabulary)
    if replaced is not None:
        return Resolution(question, *replaced)
    then = _THEN.search(body)
    if then is not None:
        year = _year_of(previous)
        if year is not None:
            return Resolution(question, capitalised(f"{body[: then.start()]} in {year}?"), PRONOUN)
        return Resolution(question, with_context(body, previous), PRONOUN)
    if _leans_on_context(body) or _named_before(body, previous):
        return Resolution(question, with_context(body, previous), REFERENCE)
    if _names_nothing(body) and not _new_matter(body, previous):
        return Resolution(question, with_context(body, previous), REFERENCE)
    return Resolution(question, question, STANDALONE)


#: Two people spoken of together: ``the two of them``, ``both of them``, ``the pair``; and
#: ``both`` or ``the two`` after an auxiliary, before a verb (``did both train``, not ``did
#: both sides agree``, ``did both men …`` or ``did both the men …``).
_PAIR = LazyPattern(
    r"\b(?P<pair>the\s+two\s+of\s+them|both\s+of\s+them|the\s+pair)\b"
    r"|\b(?:did|do|does|are|were|have|had|will|would|could|can|is|was)\s+"
    r"(?P<both>both|the\s+two)\b(?!\s+(?:of|the|a|an|his|her|their|its|these|those|men|women|"
    r"people|children)\b)(?=\s+[a-z]+\b(?<!s\b))",
    re.I,
)
#: A continuation that opens a question: ``and``, ``so``, ``but``.
_LEADING_AND = LazyPattern(r"^(?:and|so|but)\s+", re.I)


def _two_people(previous: PreviousTurn, vocabulary: Vocabulary) -> str | None:
    """``Helen Okafor and Daniel Reyes``: the two people the last turns were about, the
    earlier first. A turn is about the one its question asked for, as its answer names
    them (``Who is the airport's chief operating officer?``), and about the people its
    question names (``How old is Jessica Chastain?``); the last turn's come before those
    of the turn before it. None when the two turns name fewer than two people."""
    people: list[str] = []
    for turn in (previous, previous.before):
        if turn is None:
            continue
        for name in _people_of(turn, vocabulary):
            surname = name.split()[-1].casefold()
            if all(surname != p.split()[-1].casefold() for p in people):
                people.append(name)
    if len(people) < 2:
        return None
    return f"{people[1]} and {people[0]}"


def _people_of(turn: PreviousTurn, vocabulary: Vocabulary) -> list[str]:
    """The people ``turn`` is about: the one its ``who …?`` asked for, as its answer names
    them, then those its question names (not the body a role is of), the last first."""
    base = split_carried(turn.question)[0]
    words = [w.casefold() for w in words_of(base)]
    people: list[str] = []
    asks_for_one = bool(words) and words[0] in ("who", "whom")
    if asks_for_one and turn.answer_sentences and not asks_about_the_answer(base):
        holder = _holder_of_the_role(base, turn)
        if holder is not None:
            people.append(holder)
        in_question = _names_asked_of(turn.question)
        for sentence in [] if holder else _answering_sentence(turn):
            spans = [
                (a, b, kind)
                for a, b, kind in entity_spans(sentence, vocabulary, person_cues=True)
                if kind == "person"
                and sentence[a:b].casefold() not in in_question
                and not _after_a_place_preposition(sentence, a)
                and not _after_the(sentence, a)
                and not _inside_a_quoted_title(sentence, a, b)
            ]
            if spans:
                start, end, _ = _named_as_asked(sentence, spans, turn.question)
                people.append(sentence[start:end])
    named = [
        base[a:b]
        for a, b, kind in entity_spans(base, vocabulary)
        if kind == "person" and not _after_a_place_preposition(base, a) and not _placed_by(base, a)
    ]
    people += [re.sub(r"['’]s$", "", name) for name in reversed(named)]
    return people


def _pair_named(question: str, vocabulary: Vocabulary) -> str | None:
    """Two people a question names together (``Helen Okafor and Daniel Reyes``), whom
    ``they`` then means; None when it names no such pair."""
    spans = [
        (a, b)
        for a, b, kind in entity_spans(question, vocabulary)
        if kind == "person" and not _after_a_place_preposition(question, a)
    ]
    for (a, b), (c, d) in pairwise(spans):
        if question[b:c] == " and ":
            return question[a:d]
    return None


def _new_matter(body: str, previous: PreviousTurn) -> bool:
    """Whether a question that names nothing asks about someone by role (``why did the mayor
    resign?``) and speaks only of what the conversation has not: none of its words (by
    stem) is in the last questions, the last answer or the passages of the articles it cites
    (all about ferries). Then "the mayor" is no one mentioned: the subject has changed.
    (``what was the score?`` after a question about a match asks about that match, though
    no passage said "score".)"""
    own = content_words(body)
    if not any(w in ROLES for w in own) or not previous.cited:
        return False  # without the passages read, what was mentioned is not known
    said = " ".join(
        [previous.question, *previous.earlier, *previous.answer_sentences, *previous.cited]
    )
    stems = {_stem(w) for w in content_words(said)}
    return not any(_stem(w) in stems or any(s.startswith(_stem(w)) for s in stems) for w in own)


#: A place named by its kind alone: ``the region``, ``this area``, ``that country``.
_THE_PLACE = LazyPattern(
    r"\b(?:the|this|that)\s+(?P<noun>region|area|country|city|town|province|state|island|"
    r"territory|village)\b(?!\s+(?:of|where|which|that|(?-i:[A-Z])))",
    re.I,
)


def _place_for_the_region(body: str, previous: PreviousTurn, vocabulary: Vocabulary) -> str | None:
    """``body`` with ``the region`` (``this area``, ``the country`` …) replaced by the place
    the last questions named (``What is the population of Southern California?`` after
    ``How many counties does Southern California comprise?``); for ``country``, only a
    country. None when the question names a place itself, when the last question spoke of
    such a region itself (``which area burned?``: the area is that one, not the town), or
    when no earlier question named a place."""
    found = _THE_PLACE.search(body)
    if found is None or any(k == "place" for _, _, k in entity_spans(body, vocabulary)):
        return None
    following = words_of(body[found.end() :])[:1]
    if following and not body[found.end() :].startswith(("'s", "’s")):
        after = following[0].casefold()
        if after not in AUXILIARIES and after not in PREPOSITIONS and after not in ("and", "or"):
            return None  # "the village schools", "the region voted": no place named alone
    noun = found["noun"].casefold()
    base, carried = split_carried(previous.question)
    if re.search(rf"\b{noun}", base, re.I) is not None:
        return None
    for asked in (base, *re.split(r"(?<=\?)\s+", carried), *previous.earlier):
        asked = split_carried(asked)[0]
        places = [
            asked[a:b]
            for a, b, kind in entity_spans(asked, vocabulary)
            if (noun != "country" or country_of(asked[a:b]) is not None)
            # "in Portvale", "the mayor of Stenby": a name of no known kind, placed.
            and (kind == "place" or (kind == "unknown" and _placed_by(asked, a)))
        ]
        if places:
            return f"{body[: found.start()]}{places[-1]}{body[found.end() :]}"
    return None


#: A name after a preposition of place in an answer, through "the town of" and the like:
#: ``evacuated from the town of Ashby Cross``.
_PLACE_GIVEN = LazyPattern(
    r"\b(?P<preposition>in|at|from|to|near|into)\s+(?:(?P<the>the)\s+)?"
    r"(?:(?:town|city|village|region|province|county|district|port|state)\s+of\s+)?$"
)
#: A lower-case word after a name that makes the name only say whose or which (``the Delhi
#: airport``): then the name is no place given.
_QUALIFIED = LazyPattern(r"\s+(?!(?:in|on|at|of|for|to|from|by|and|with|where|when)\b)[a-z]")


def _place_answered(previous: PreviousTurn, vocabulary: Vocabulary) -> str | None:
    """After ``Where …?``, the first name the sentence answering it gives after a preposition
    of place (``from the town of Ashby Cross``) that the question does not name, with the
    preposition it then takes (``in Ashby Cross``, ``at the Ashby Cross Leisure Centre``): what
    a next ``there`` means. None after any other question, or when no such name stands
    there."""
    base = split_carried(previous.question)[0]
    if not base.casefold().startswith("where "):
        return None
    in_question = base.casefold()
    for sentence in _answering_sentence(previous):
        for start, end, kind in entity_spans(sentence, vocabulary):
            name = sentence[start:end]
            if kind == "group" or name.casefold() in in_question:
                continue
            given = _PLACE_GIVEN.search(sentence[:start])
            if given is None or _QUALIFIED.match(sentence, end) is not None:
                continue
            if given["preposition"] == "at" or (given["preposition"] == "near"):
                the = "the " if given["the"] and not given.group(0).endswith("of ") else ""
                return f"{given['preposition']} {the}{name}"
            return f"in {name}"
    return None


def _placed_by(text: str, start: int) -> bool:
    """Whether the name at ``start`` follows "in", "at" or "near", or "of" after a role, a
    body or a word for a place (``the mayor of Stenby``, ``the council of Stenby``, ``the
    port of Vell``): a place."""
    before = [w.casefold() for w in words_of(text[:start])]
    if before[-1:] and before[-1] in ("in", "at", "near"):
        return True
    return (
        len(before) >= 2
        and before[-1] == "of"
        and (
            before[-2] in ROLES
            or is_organisation_word(before[-2])
            or _THE_PLACE.search(f"the {before[-2]}") is not None
        )
    )


#: "the Tribunal", "the Senate": one capitalised word after "the".
_THE_NAME = LazyPattern(rf"\bthe\s+(?P<name>[{CAPITALS}][a-z]+)\b(?!\s+[{CAPITALS}])")


def _named_before(body: str, previous: PreviousTurn) -> bool:
    """A short question whose only name is "the" and one word the last questions or answer
    used (``where is the Senate?`` after a question about "the Senate vote"): that one, not
    any other."""
    words = words_of(body)
    names = [w for w in words[1:] if w[0].isupper() or w[0].isdigit()]
    found = _THE_NAME.search(body)
    if found is None or names != [found["name"]] or len(words) > _SHORT_QUESTION + 2:
        return False
    if entity_spans(body, Vocabulary()) and any(
        kind == "place" for _, _, kind in entity_spans(body, Vocabulary())
    ):
        return False
    before = " ".join([previous.question, *previous.answer_sentences, *previous.earlier])
    return re.search(rf"\b{found['name']}\b", before) is not None


def in_the_matter_shown(question: str, previous: PreviousTurn | None) -> Resolution | None:
    """A question that stands alone but only asks about a person the last answer's passages
    name (``what did Jane Roe say?`` after an answer quoting "…, Jane Roe says"), asked in the
    matter the conversation is on: a second reading for when, asked alone, the articles did
    not answer it. So is a question that names nothing (``what was the main reason?``): alone
    it can only be about what was asked before. None for any other question."""
    body = " ".join(question.split()).rstrip("?!. ")
    if previous is None:
        return None
    words = words_of(body)
    if 1 < len(words) <= _LONG_QUESTION and not any(
        w[0].isupper() or w[0].isdigit() for w in words[1:]
    ):
        return Resolution(question, with_context(body, previous), REFERENCE)
    if not previous.passages:
        return None
    names = [
        body[a:b]
        for a, b, kind in entity_spans(body, Vocabulary())
        if kind in ("person", "unknown")
    ]
    shown = " ".join(previous.passages)
    if not names or not all(name in shown for name in names):
        return None
    named = {w.casefold() for name in names for w in words_of(name)}
    if len([w for w in content_words(body) if w not in named]) > _FEW_WORDS:
        return None
    return Resolution(question, with_context(body, previous), REFERENCE)


#: How many words besides the name a question about one the last passages named may have
#: (``say`` in ``what did Jane Roe say?``).
_FEW_WORDS = 1
#: Up to how many words a question that names nothing leans on the conversation: any, and
#: any with "the …" in it.
_SHORT_QUESTION = 4
_LONG_QUESTION = 8


_WORKS = LazyPattern(
    r"\b(?:paper|papers|book|books|report|reports|study|studies|novel|essay|thesis|survey|"
    r"letter|memoir|song|album|film|video|videotape|tape|recording|speech|statement)\b",
    re.I,
)
_CONTEXT_WORDS = LazyPattern(
    r"^(?:who|what|where|which|how)\s+else\b"  # "who else performed?"
    r"|\b(?:which|that|this|the\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth|tenth|last|other|latter|former|previous|next|latest|earlier|later))\s+ones?\b"
    r"|\bthe\s+(?:first|second|third|fourth|fifth|last|latter|former)$"
    r"|^(?:what|who)\s+(?:happened|came|followed)\s+(?:next|then|after|afterwards)$"
    r"|\bnext$"
    r"|\b(?:before|after)\s+that$"
    r"|^how\s+many\s+(?:are|were|of\s+(?:them|those|these))\b"
    r"|^which\s+(?:two|three|four|five)\b"
    # "how long did it take?", "how much will it cost?": what took or cost is said before.
    r"|\bit\s+(?:take|takes|took|cost|costs)$",
    re.I,
)


#: "then" closing a question: at the time the conversation is about
#: (``who was father of the house then?``); not "what happened then".
#: A figure compared with another time: ``is that more than last year``, ``was it higher
#: than in 2019``.
_COMPARED = LazyPattern(
    r"^(?:is|was|are|were)\s+(?:that|this|it|they|these|those)\s+(?:(?:much|any|a\s+lot)\s+)?"
    r"(?:more|less|fewer|higher|lower|bigger|smaller|larger|up|down)\s+(?:than|from|on)\s+"
    r"(?P<when>(?:in\s+)?(?:1[89]|20)\d\d|(?:in\s+)?(?:last|the\s+previous)\s+(?:year|season)"
    r"|the\s+year\s+before|a\s+year\s+(?:ago|earlier))$",
    re.I,
)
_THEN = LazyPattern(r"(?<!happened)(?<!and)(?<!but)\s+then$", re.I)


def _year_of(previous: PreviousTurn) -> str | None:
    """The year the last question names, else the one the sentence answering it names."""
    base = split_carried(previous.question)[0]
    years = YEAR.findall(base)
    if not years and base.casefold().startswith("when ") and previous.answer_sentences:
        # "When did the nurses strike?" answered "The strikes, on October 10 and November 7,
        # …": the sentence saying when holds no year, so "then" gets none (never the year of
        # another sentence that shares only "nurses").
        asked = {_stem(w) for w in content_words(base)}

        def shared(sentence: str) -> int:
            said = {_stem(w) for w in content_words(sentence)}
            return sum(any(s.startswith(a) or a.startswith(s) for s in said) for a in asked)

        found: list[str] = YEAR.findall(max(previous.answer_sentences, key=shared))
        return found[-1] if found else None
    if not years:
        years = [y for s in _answering_sentence(previous) for y in YEAR.findall(s)]
    return years[-1] if years else None


def _is_a_question(body: str) -> bool:
    """Whether ``body`` is worded as a question (``in 1992, how much did …``, ``is it …``),
    not a phrase (``migrants from Uzbekistan working at construction sites``)."""
    words = [w.casefold() for w in words_of(body)]
    return bool(words) and (words[0] in AUXILIARIES or any(w in QUESTION_WORDS for w in words))


def _leans_on_context(body: str) -> bool:
    """Words that point back at the conversation without a pronoun: ``who else …``,
    ``which one …``, ``the second one``, ``what happened next``, ``… before that``,
    ``how many are …``, ``which two …``."""
    return _CONTEXT_WORDS.search(body.rstrip("?!. ")) is not None


def _asks_about_a_work_or_employer(question: str, previous: PreviousTurn | None) -> bool:
    """``for which newspaper?`` asks whom someone works for, and ``when was it published?``
    after a question about a paper or a book asks about that work: not the article's source."""
    if question.casefold().startswith("for "):
        return True
    if previous is None:
        return False
    if _WORKS.search(previous.question) is not None:
        return True
    # "who published the report?" when the last answer or its passages speak of a report:
    # that report, not the article.
    named = _WORKS.search(question)
    before = " ".join([*previous.answer_sentences, *previous.passages])
    return named is not None and re.search(rf"\b{named.group(0)}\b", before, re.I) is not None


#: "how many" or "how much" with no noun, or a noun and a verb but no name: ``how many
#: disagreed?``, ``how much was paid?``, ``how many people were injured?``.
_NO_COUNTED_NOUN = LazyPattern(
    r"^how\s+(?:many|much)\s+(?:(?:[a-z]+\s+){0,2}(?:is|are|was|were|have|has|had|(?:will|would|"
    r"could|can|should|might|may|must)\s+(?:have\s+been|be))\s+(?:been\s+)?)?\w+ed\b",
    re.I,
)
#: What a definition asks: ``what is hijrah?``, not about anything said before.
#: Not ``who is investigating?`` nor ``who was arrested?``: a verb asks who did it (``what is
#: rafting?`` is still a definition).
_DEFINITION = LazyPattern(
    r"^(?:what|who(?![\w\s]+(?:ing|ed)$))\s+(?:is|are|was|were)\s+(?:an?\s+)?[\w\-]+$", re.I
)
#: "the" before what is not one mentioned before: ``the most …``, ``the biggest …``.
_NOT_MENTIONED = LazyPattern(r"(?:most|least|\w\westh?|only|same|first|main|whole)$", re.I)


def _names_nothing(body: str) -> bool:
    """A question that names nothing and is about something the conversation has mentioned:
    "the …" (``what was the revolution called?``, ``how many spectators did the stadium
    hold?``), a short one (``which countries took part?``), or a count with no noun (``how
    many disagreed?``).

    With no name, number or date of its own, "the revolution" can only be one the
    conversation has mentioned.
    """
    words = words_of(body)
    if any(w[0].isupper() or w[0].isdigit() for w in words[1:]) or len(words) < 2:
        return False
    if _NO_COUNTED_NOUN.match(body) is not None:
        return True
    if len(words) <= _SHORT_QUESTION:
        return _DEFINITION.match(body) is None
    if any(is_pronoun(w.casefold()) for w in words):
        return False  # "what did the sisters do after they escaped?": its own story
    return len(words) <= _LONG_QUESTION and any(
        w.casefold() == "the" and _NOT_MENTIONED.match(after) is None
        for w, after in pairwise(words)
    )


#: A question about what the last answer said: ``who said that?``, ``when was this?``,
#: ``who says so?``, or a question word alone (``where?``, ``why?``).
_ABOUT_THE_ANSWER = LazyPattern(
    r"^(?:and\s+)?(?:(?:who|whom|when|where|why|how)(?:\s+\w+){0,3}\s+(?:that|this|so)"
    r"(?:\s+(?:happen|happened|occur|occurred|take\s+place|took\s+place))?"
    r"|(?:when|where|why|how|who)\s*(?:exactly|then)?"
    r"|(?:which|what)\s+(?:[a-z]+\s+){1,2}(?:said|says|claims?|claimed|stated|reported|reports)"
    r"\s+(?:that|this|so)"
    r"|according\s+to\s+(?:whom|who|(?:which|what)(?:\s+[a-z]+){1,2})|says\s+who|who\s+says)"
    r"[?!. ]*$",
    re.I,
)
#: A question about who said what the last answer said: ``who said that?``, ``according to
#: whom?``.
_WHO_SAID = LazyPattern(
    r"^(?:and\s+)?(?:who\s+(?:said|says|say|told|tells|claims?|claimed|stated|argues?|"
    r"argued|thinks|believes)\b|according\s+to|says\s+who"
    r"|(?:which|what)\s+(?:[a-z]+\s+){1,2}(?:said|says|claims?|claimed|stated|reported|reports)\b)",
    re.I,
)


def asks_about_the_answer(question: str) -> bool:
    """Whether ``question`` asks about what the last answer said (its speaker, time, place or
    reason) rather than about anything it names: ``who said that?``, ``when was this?``,
    ``where?``."""
    return _ABOUT_THE_ANSWER.match(" ".join(question.split())) is not None


def asks_who_said_it(question: str) -> bool:
    """Whether ``question`` asks who said what the last answer said (``who said that?``,
    ``who says so?``, ``according to whom?``)."""
    return asks_about_the_answer(question) and _WHO_SAID.match(question.strip()) is not None


def asks_about_source(question: str) -> bool:
    """Whether ``question`` asks who wrote, which outlet published, or when or under which
    title the last answer's article appeared, naming nothing else (``who wrote that?``)."""
    words = [w.casefold() for w in WORD.findall(question)]
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


def _unresolved_pronoun(body: str) -> tuple[re.Match[str], str] | None:
    """The first pronoun or demonstrative with no name before it in the question, and the
    kind of referent it needs (person, thing, group, or a demonstrative's noun)."""
    words = list(WORD.finditer(body))
    for i, match in enumerate(words):
        word = match.group(0).casefold()
        if word in PERSON_PRONOUNS:
            kind = "person"
        elif word in THING_PRONOUNS:
            following = words[i + 1].group(0).casefold() if i + 1 < len(words) else ""
            before = words[i - 1].group(0).casefold() if i > 0 else ""
            ahead = [w.group(0).casefold() for w in words[i + 1 : i + 4]]
            if word == "it" and (
                (before in ("is", "was", "would", "will") and {"that", "to", "for"} & set(ahead))
                or (ahead and ahead[0] in ("take", "takes", "took", "cost", "costs"))
            ):
                # "is it true that…", "is it hard for … to", "did it cost": no referent (but
                # "who was its candidate for mayor?" has one)
                continue
            kind = "thing"
        elif word in GROUP_PRONOUNS:
            kind = "group"
        elif word == "there" and _refers_to_place(words, i):
            named = entity_spans(body[: match.start()], Vocabulary())
            if any(span[2] == "place" for span in named):
                return None
            return match, "place"
        elif (
            word == "same"
            and 0 < i < len(words) - 1
            and words[i - 1].group(0).casefold() == "the"
            and words[i + 1].group(0).casefold() in ("year", "time")
        ):
            return words[i - 1], "demonstrative"  # "the same year"
        elif word == "so" and i == len(words) - 1 and i > 0:
            return match, "demonstrative"  # "who says so?"
        elif word in DEMONSTRATIVES:
            before = words[i - 1].group(0).casefold() if i > 0 else ""
            last = i == len(words) - 1
            following = words[i + 1].group(0).casefold() if not last else ""
            if word == "this" and following in _PRESENT_PERIODS:
                continue  # "this year": the present the articles speak of, no earlier turn's
            if word == "that" and before in _SPEECH_VERBS and following in AUXILIARIES:
                return match, "demonstrative"  # "who said that would mean a hike?"
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
        if _has_antecedent(body, words, i, kind):
            return None
        return match, kind
    return None


_ADVERBS = frozenset("always still also never often usually really now".split())
#: ``this year``, ``this week``: periods a question places in the present, never in a year
#: an earlier turn named.
_PRESENT_PERIODS = frozenset("year week month season weekend".split())


def _refers_to_place(words: Sequence[re.Match[str]], i: int) -> bool:
    """``there`` as a place (``what happens there``), not ``is there``/``there are``."""
    before = words[i - 1].group(0).casefold() if i > 0 else ""
    following = [w.group(0).casefold() for w in words[i + 1 : i + 3]]
    if following and following[0] in _ADVERBS:
        following = following[1:]  # "there always is"
    after = following[0] if following else ""
    return before not in AUXILIARIES and after not in AUXILIARIES


#: The kinds of name each kind of pronoun can stand for ("he" is no place). Two capitalised
#: words count as a person by default, so "it" may stand for one.
_AGREEING_NAMES = {
    "person": ("person", "unknown"),
    "thing": ("organisation", "place", "person", "unknown"),  # "UK Athletics … its"
    "group": ("group", "organisation", "place", "person", "unknown"),
}
_SPEECH_VERBS = frozenset(
    "said says say believes believe believed thinks think thought claimed claims claim "
    "insisted insists warned warns added adds argued argues admitted admits".split()
)


#: A verb of saying after a name or a noun: that one speaks (``Arsene Wenger say``).
_SPEAKS = LazyPattern(
    r"\s+(?:"
    + "|".join(
        sorted(
            _SPEECH_VERBS
            | {"tell", "tells", "told", "warn", "argue", "admit", "report", "reports", "reported"}
        )
    )
    + r")\b",
    re.I,
)


def _has_antecedent(body: str, words: Sequence[re.Match[str]], i: int, kind: str) -> bool:
    """Whether the pronoun ``words[i]`` can stand for something the question itself names:
    a name or a "the …" phrase of a kind it agrees with ("he" is no place, "them" no one
    thing: ``which son of the president was among them?``), the person a subject ``who``
    asks for (``who made their debut…?``, ``who said he would…?``), or, for a possessive, a
    name after it (``how many of his matches did Henman win?``)."""
    wanted = _AGREEING_NAMES.get(kind)
    if _is_main_subject(body, words, i):
        return False  # "which castles did they build?": what is asked is not who does it
    if wanted is None:  # a demonstrative or a place: anything named before it will do
        return any(
            (j > 0 and w.group(0)[0].isupper())
            or (w.group(0).casefold() in ("the", "a", "an") and j + 1 < i)
            for j, w in enumerate(words[:i])
        )
    names = entity_spans(body, Vocabulary())
    if kind == "thing":
        # "what did Arsene Wenger say about it?": one who speaks is no "it".
        names = [n for n in names if not _SPEAKS.match(body, n[1])]
    subject = _clause_subject(body, words, i)
    if subject is not None:
        # "what did Microsoft rename it?", "what did the Tories call it?": an object is not its
        # own clause's subject.
        opening = {words[subject].start()}
        if words[subject].group(0).casefold() in ("the", "a", "an") and subject + 1 < i:
            opening.add(words[subject + 1].start())
        names = [n for n in names if n[0] not in opening]
    # An object pronoun is never a name of its own clause (``who told the commission about
    # it?``: not the commission): only what stands before the clause began can be its referent.
    limit = _clause_start(body, words, i) if _is_object(words, i) else words[i].start()
    if any(end <= limit and name_kind in wanted for _, end, name_kind in names):
        return True
    if _is_possessive(words, i) and any(
        start > words[i].end() and name_kind in wanted for start, _, name_kind in names
    ):
        return True
    if kind in ("person", "group") and _bound_by_who(body, words, i):
        return True
    for j in range(i):
        if words[j].group(0).casefold() not in ("the", "a", "an") or j + 1 >= i:
            continue
        if words[j + 1].end() > limit:
            break
        if j == subject:
            continue  # "what did the company rename it?"
        head = _phrase_head(words, j + 1, i)
        if head is None or head[0].isupper():
            continue  # a name: told by its kind above
        if kind == "thing" and _SPEAKS.match(body, words[j + 1].end()):
            continue  # "what did the coach say about it?"
        if kind == "group" and is_plural(head):
            return True
        if kind != "group" and not is_plural(head):
            return True
    if kind == "group" and any(
        w.group(0)[0].islower()
        and is_plural(w.group(0))
        and words[j + 1].group(0).casefold() in AUXILIARIES
        for j, w in enumerate(words[: i - 1])
    ):
        return True  # a plural subject: "new cameras were introduced …, what do they …?"
    if kind == "group" and _is_possessive(words, i):
        # The plural asked about: "how many asylum seekers have their claims accepted?"
        noun = lead_noun(body)
        head = words_of(body[: noun[1]])[-1] if noun is not None else ""
        return (
            bool(head)
            and noun is not None
            and noun[1] <= words[i].start()
            and (head[0].islower() and is_plural(head))
        )
    return False


_OBJECT_PRONOUNS = frozenset(("it", "him", "her", "them"))
#: Words that open another clause, whose object the first clause's subject may be.
_OTHER_CLAUSE = LazyPattern(
    r"\b(?:and|or|but|who|whom|which|that|when|where|while|after|before|if|because|as|since|"
    r"until|once)\b",
    re.I,
)


def _is_object(words: Sequence[re.Match[str]], i: int) -> bool:
    """``it`` in ``who told the commission about it?``: an object pronoun after a preposition,
    closing the question or its clause (not ``said it would …``, nor a possessive)."""
    pronoun = words[i].group(0).casefold()
    if pronoun not in _OBJECT_PRONOUNS or _is_possessive(words, i) or i == 0:
        return False
    following = words[i + 1].group(0).casefold() if i + 1 < len(words) else ""
    return words[i - 1].group(0).casefold() in PREPOSITIONS and following not in AUXILIARIES


def _clause_start(body: str, words: Sequence[re.Match[str]], i: int) -> int:
    """Where the clause holding ``words[i]`` begins: after the last comma or clause word
    (``and``, ``when``, ``who`` …) before it; 0 when it is the question's only clause."""
    before = body[: words[i].start()]
    ends = [m.start() for m in _OTHER_CLAUSE.finditer(before)]
    ends += [at for at, char in enumerate(before) if char == ","]
    return max(ends, default=0)


def _clause_subject(body: str, words: Sequence[re.Match[str]], i: int) -> int | None:
    """The index of the subject right after the question's first auxiliary (``Microsoft`` in
    ``what did Microsoft rename it?``) when ``words[i]`` is an object pronoun of that same
    clause, which that subject then cannot be; else None."""
    pronoun = words[i].group(0).casefold()
    if pronoun not in _OBJECT_PRONOUNS or _is_possessive(words, i):
        return None
    if words[i - 1].group(0).casefold() in AUXILIARIES:
        return None  # "is it …", "did they …": a subject itself
    aux = next((j for j, w in enumerate(words[:3]) if w.group(0).casefold() in AUXILIARIES), None)
    if aux is None or aux + 1 >= i:
        return None
    between = body[words[aux + 1].start() : words[i].start()]
    if "," in between or _OTHER_CLAUSE.search(between):
        return None  # a second clause: "what did X say, and who wrote it?"
    after = words[aux + 1].group(0)
    if after.islower() and after not in ("the", "a", "an") and not is_pronoun(after):
        return None  # "who is seeking advice about him?": a verb, no subject, after "is"
    return aux + 1


def _is_main_subject(body: str, words: Sequence[re.Match[str]], i: int) -> bool:
    """``he`` in ``what did he say?`` and ``they`` in ``which castles did they build?``: the
    subject right after the question's first auxiliary, which the question's own words before
    it (what it asks for) cannot stand for."""
    if i < 2 or words[i].group(0).casefold() not in ("he", "she", "it", "they"):
        return False
    if words[i - 1].group(0).casefold() not in AUXILIARIES:
        return False
    if any(w.group(0).casefold() == "and" for w in words[:i]) or "," in body[: words[i].start()]:
        return False  # "who won …, and which pair did they beat?": a second clause
    return not any(w.group(0).casefold() in AUXILIARIES for w in words[: i - 1])


def _phrase_head(words: Sequence[re.Match[str]], start: int, stop: int) -> str | None:
    """The noun of the phrase that opens at ``words[start]`` (before ``stop``), as far as number
    tells: the first plural of its first two words (``the Mini boxes``), else its first word
    (``the wall go …``); None when it opens with a closed-class word."""
    phrase: list[str] = []
    for w in words[start : min(stop, start + 2)]:
        word = w.group(0).casefold()
        if word in AUXILIARIES or word in PREPOSITIONS or word in STOPWORDS:
            break
        phrase.append(w.group(0))
    plural = [w for w in phrase if w[0].islower() and is_plural(w)]
    return plural[0] if plural else (phrase[0] if phrase else None)


def _bound_by_who(body: str, words: Sequence[re.Match[str]], i: int) -> bool:
    """A possessive after a subject ``who`` or ``which …`` (``who made their debut?``, ``which
    skipper gave up … to concentrate on his club?``), or a subject after its verb of saying
    (``who said he would resign?``, ``what share of voters said they …?``): the one asked for."""
    if len(words) < 3 or i < 2:
        return False
    if words[0].group(0).casefold() == "who":
        verb = 1
    else:
        noun = lead_noun(body)
        verb = next((n for n, w in enumerate(words) if noun and w.start() >= noun[1]), len(words))
        if noun is None or verb >= i:
            return False
    if words[verb].group(0).casefold() in AUXILIARIES:
        return False
    if _is_possessive(words, i) and words[i].group(0).casefold() != "its":
        return True
    pronoun = words[i].group(0).casefold()
    return pronoun in ("he", "she", "they") and words[i - 1].group(0).casefold() in _SPEECH_VERBS


_NOT_NOUNS = (
    PREPOSITIONS | AUXILIARIES | frozenset("back home out up down off away again too".split())
)


def _is_possessive(words: Sequence[re.Match[str]], i: int) -> bool:
    """``his``, ``its``, ``their``, and ``her`` before a noun (``her sister``, not ``beat her``)."""
    pronoun = words[i].group(0).casefold()
    if pronoun != "her":
        return pronoun in ("his", "its", "their")
    following = words[i + 1].group(0).casefold() if i + 1 < len(words) else ""
    return bool(following) and following not in _NOT_NOUNS


#: A question for someone's name: ``what is her name?``, ``what was his full name?``.
#: A question for a thing's name: ``what is it called?``, ``what's its name?``.
_ASKS_ITS_NAME = LazyPattern(
    r"^what(?:'s|’s|\s+(?:is|was|will\s+be))\s+(?:it\s+(?:called|named)|its\s+(?:full\s+)?name)$",
    re.I,
)
_ASKS_NAME = LazyPattern(
    r"^what(?:'s|’s|\s+(?P<verb>is|was))\s+(?:his|her)\s+(?:full\s+)?name$", re.I
)


def _replace_pronoun(
    body: str, previous: PreviousTurn, vocabulary: Vocabulary
) -> tuple[str, str, str] | None:
    """The question with its unresolved pronoun replaced, or with the previous question's
    content added, with its kind (``pronoun``) and the thing ``it`` was read as; None when
    it has no unresolved pronoun."""
    found = _unresolved_pronoun(body)
    if found is None:
        return None
    match, kind = found
    word = match.group(0).casefold()
    referent = _referent(kind, word, body, match, previous, vocabulary)
    if referent is None:
        return with_context(body, previous), PRONOUN, ""
    name, start, end = referent
    if kind == "thing" and _ASKS_ITS_NAME.match(body) and names_something(f"x {name}"):
        # "what is it called?" after "Which company is rolling out an electric SUV?": not
        # "What is Ford called?", which the answer named already; the thing it spoke of.
        return with_context(body, previous), PRONOUN, ""
    thing = name.removesuffix("'s") if kind == "thing" else ""
    asks_name = _ASKS_NAME.match(body)
    person = name.removesuffix("'s")
    if (
        asks_name is not None
        and kind == "person"
        and [(0, len(person), "person")] == entity_spans(person, vocabulary)
    ):
        # "what is her name?" read as Ann Lee: who she is, not "What is Ann Lee's name?".
        verb = (asks_name["verb"] or "is").casefold()
        return f"Who {verb} {person}?", PRONOUN, thing
    replaced = f"{body[:start]}{name}{body[end:]}"
    if word == "they" and not name.startswith("the ") and " and " not in name:
        replaced = _in_the_singular(replaced, start, start + len(name))
    if _unresolved_pronoun(replaced) is not None:
        # "what did he say about it?": "he" named, "it" is still what the last question was
        # about, so it is asked after it.
        return with_context(replaced, previous), PRONOUN, thing
    if _still_leans_on(body, match, name, previous):
        return with_context(replaced, previous), PRONOUN, thing
    return capitalised(f"{replaced}?"), PRONOUN, thing


#: The auxiliaries "they" takes and the ones a name of one body takes instead.
_SINGULAR = {"do": "does", "are": "is", "were": "was", "have": "has"}


def _in_the_singular(question: str, start: int, end: int) -> str:
    """``question`` with the auxiliary next to the name at ``start:end``, which took the place
    of "they", agreeing with one body: ``How many employees does WeWork have?``, ``Where is
    Celvia based?``."""
    before = list(WORD.finditer(question[:start]))
    if before and before[-1].group(0) in _SINGULAR:
        found = before[-1]
        singular = _SINGULAR[found.group(0)]
        return f"{question[: found.start()]}{singular}{question[found.end() :]}"
    after = WORD.match(question, end + 1)
    if after is not None and after.group(0) in _SINGULAR:
        singular = _SINGULAR[after.group(0)]
        return f"{question[: after.start()]}{singular}{question[after.end() :]}"
    return question


#: "the" before a lower-case noun: ``the game``, ``the contract``.
_THE_NOUN = LazyPattern(r"\bthe\s+(?P<noun>[a-z][\w\-]*)")


def _still_leans_on(body: str, match: re.Match[str], name: str, previous: PreviousTurn) -> bool:
    """Whether a question whose pronoun became the name the last answer gave for what a
    ``which …?`` question asked (``who called the game for CBS?`` after ``Which network
    broadcast Super Bowl 50?``) still speaks of what that question named by "the …" alone
    and names nothing else: then it is asked after that question, which says which game."""
    base = split_carried(previous.question)[0]
    asked = _ASKED_THING.match(base)
    if (
        asked is None
        or not _names_one(asked["noun"])
        or name.removesuffix("'s").casefold() in base.casefold()
    ):
        return False
    rest = f"{body[: match.start()]} {body[match.end() :]}"
    if names_something(rest):
        return False
    return any(
        found["noun"].casefold() not in STOPWORDS and _NOT_MENTIONED.match(found["noun"]) is None
        for found in _THE_NOUN.finditer(rest)
    )


def _referent(
    kind: str,
    word: str,
    body: str,
    match: re.Match[str],
    previous: PreviousTurn,
    vocabulary: Vocabulary,
) -> tuple[str, int, int] | None:
    found = _referent_after(kind, word, body, match, previous, vocabulary)
    base, carried = split_carried(previous.question)
    if found is None and kind == "person" and carried and is_fragment(base):
        # "Who was jailed …?", "For how long?", then "what did he buy?": a bare follow-up
        # asked after the question before it asks for no one new; he is that question's.
        before = _QUESTION_BREAK.split(carried)[0]
        found = _referent_after(
            kind, word, body, match, replace(previous, question=before), vocabulary
        )
    return found


def _referent_after(
    kind: str,
    word: str,
    body: str,
    match: re.Match[str],
    previous: PreviousTurn,
    vocabulary: Vocabulary,
) -> tuple[str, int, int] | None:
    """What a pronoun of ``kind`` stands for after ``previous``, as ``_replace_pronoun``
    puts it in: the name (with its suffix) and the span it replaces; None when not found."""
    wanted = {"person": ("person",), "thing": ("organisation",), "group": ("organisation",)}
    if kind == "place":
        answered = _place_answered(previous, vocabulary)
        if answered is not None and answered.split(" ", 1)[1].casefold() not in body.casefold():
            # "Where were residents evacuated from?" then "where was a shelter opened there?":
            # the place the answer gave, not the question's wider one.
            return answered, match.start(), match.end()
        for source in (previous.question, *previous.answer_sentences[:1]):
            places = [s for s in entity_spans(source, vocabulary) if s[2] == "place"]
            if places:
                start, end, _ = places[-1]
                return f"in {source[start:end]}", match.start(), match.end()
        return None
    if kind == "demonstrative":
        rest = body[match.end() :].split()
        if rest and rest[0].casefold() == "same":
            rest = rest[1:]  # "the same year" as "that year"
        noun = rest[0].casefold().strip("?,.") if rest else ""
        if noun in ("year", "time"):
            years = YEAR.findall(previous.question) or [
                y for s in previous.answer_sentences for y in YEAR.findall(s)
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
        suffix = "'s" if nxt and nxt not in _NOT_NOUNS else ""  # "her back home" is no noun
    named_here = body.casefold()
    if kind == "person" and word in ("she", "her", "hers"):
        # "when did Lord Callaghan's wife die?" then "what was her name?": the wife.
        relation = _FEMALE_RELATION.search(split_carried(previous.question)[0])
        if relation is not None and relation.group(0).casefold() not in named_here:
            return f"{relation.group(0)}{suffix}", match.start(), match.end()
    if kind == "person" and word in ("he", "she"):
        # "When did she paint the barn?": the one a passage says painted the barn.
        doer = _doer_in_the_passages(body, word, previous)
        if doer is not None and doer.casefold() not in named_here:
            return doer, match.start(), match.end()
    if kind == "person" and word in ("his", "her") and suffix:
        # "Who is Ann Lee's new coach?" then "who was her coach before?": the same one's coach.
        owner = _owner_of_the_same(body[match.end() :], previous.question)
        if owner is not None and owner.casefold() not in named_here:
            return f"{owner}{suffix}", match.start(), match.end()
    if kind == "person" and previous.person and previous.person.casefold() not in named_here:
        return f"{previous.person}{suffix}", match.start(), match.end()
    if kind == "group":
        pair = _pair_named(split_carried(previous.question)[0], vocabulary)
        if pair is not None and pair.casefold() not in named_here:
            # "Where did Helen Okafor and Daniel Reyes work?" then "when did they start?"
            return f"{pair}{suffix}", match.start(), match.end()
        doer = _body_doing_what_was_asked(previous) if word in ("they", "their") else None
        if doer is not None and suffix:
            doer = f"{doer}{suffix}"  # "Who won the election?" then "their candidate"
        if doer is not None and doer.casefold() not in named_here:
            # "Who reported that WeWork will cut 4,000 jobs?" then "when did they report it?":
            # the body the answer says did it, not the jobs.
            return doer, match.start(), match.end()
        # Number agreement: "they" is the people or things the last question was about
        # ("victims of trafficking") before any organisation it named ("the IOM").
        group = plural_phrase(previous.question, subject_first=word == "they")
        base_asked, carried_asked = split_carried(previous.question)
        if group is None and carried_asked and asks_about_the_answer(base_asked):
            # "who said that? (following: Where did the deportees land?)": still the deportees
            group = plural_phrase(
                _QUESTION_BREAK.split(carried_asked)[0], subject_first=word == "they"
            )
        if group is not None and group.casefold() not in named_here:
            owned = _owned_by(body, match.end(), group) if suffix else None
            if owned is not None:
                return owned[0], match.start(), owned[1]
            if suffix and group.endswith("s"):
                suffix = "'"  # "the protesters' names"
            return f"{group}{suffix}", match.start(), match.end()
        asked_body = _ASKED_THING.match(split_carried(previous.question)[0])
        if group is None and asked_body and is_organisation_word(asked_body["noun"].casefold()):
            # "Which company will build the plant?" then "when will they open it?": the
            # company the answer names.
            given = previous.thing or _name_given_for_the_asked(previous)
            if given is not None and given.casefold() not in named_here:
                return f"{given}{suffix}", match.start(), match.end()
    if kind == "thing":
        # "Which report found …?" then "who published it?": the report the answer names;
        # and the next "it" is still that report.
        given = (
            previous.thing
            or _name_given_for_the_asked(previous)
            or _work_asked_about(previous)
            or measured_thing(previous.question)
            or _body_doing_what_was_asked(previous)
        )
        if given is not None and given.casefold() not in named_here:
            return f"{given}{suffix}", match.start(), match.end()
    words = list(WORD.finditer(body))
    at = next(n for n, w in enumerate(words) if w.start() == match.start())
    if _clause_subject(body, words, at) is not None:
        # "what did Microsoft rename it?": its own subject is no referent, and a name from
        # the last answer is as likely wrong; it is asked after the last question.
        return None
    # After "who …?" the person asked for is named in the answer, after "which movement …?"
    # the organisation. Otherwise "it" and "they" are not taken from an answer: its first
    # names are too often other things.
    asked_here = previous.question
    base, carried = split_carried(asked_here)
    if kind == "person" and carried and _asks_for_the_subject(carried):
        # "How old is he?" after "What was the score? (following: Who beat Carlos Moya?)":
        # the one the earlier question names is not the one it asked for.
        asked_here = f"{base}?"
    elif kind == "person" and carried and _names_a_person(base, vocabulary):
        # The one the last question names before any its carried earlier questions name.
        asked_here = f"{base}?"
    if kind == "person" and not _names_a_person(base, vocabulary, besides_whose_role=True):
        # "What does the harbour minister say?" then "who is he?": the one the answer
        # names with that role ("Harbour Minister Tom Ray").
        holder = _holder_of_the_role(base, previous)
        if holder is not None and holder.casefold() not in named_here:
            return f"{holder}{suffix}", match.start(), match.end()
    sources = [asked_here]
    answers = _answering_sentence(previous)
    asked = previous.question.casefold().split(" ", 1)[0]
    named = _person_asked_about(previous, vocabulary) if kind == "person" else None
    if named is not None and named.casefold() not in named_here:
        # "Who is Judge Ann Lee?" then "what did he say?": the one asked about.
        return f"{named}{suffix}", match.start(), match.end()
    answered = _person_answering(previous, word) if kind == "person" else None
    if answered is not None and answered.casefold() not in named_here:
        # "Which physiologist found …?" answered "…, says Jane Roe, a physiologist …":
        # Jane Roe; "Who found …?" answered "… Howitt found …": Howitt.
        return f"{answered}{suffix}", match.start(), match.end()
    if kind == "person" and asked not in ("who", "whom") and lead_noun(base) is None:
        # "Why did the mayor of Stenby resign?" then "what did she back?": the mayor, the one
        # the question is about, named by the role alone (no name of it in the answer).
        held = _role_asked_about(base, vocabulary)
        if held is not None:
            # The holder the answer names ("Mayor Ingrid Voss"), else the role itself.
            held = _holder_of_the_role(f"Who is {held}", previous) or held
        if held is not None and held.casefold() not in named_here:
            return f"{held}{suffix}", match.start(), match.end()
        # "What did Trump call the case?" then "is he …?": the one asked about comes before
        # anyone the answer names (not so after "which defensive tackle …?": that one).
        single = _single_name_asked_about(previous, word, vocabulary)
        if single is not None and single.casefold() not in named_here:
            return f"{single}{suffix}", match.start(), match.end()
    lead = lead_noun(base) if kind == "person" and asked in ("what", "which") else None
    if lead is not None and base[lead[0] : lead[1]].split()[-1].casefold() not in ROLES:
        # "What parasite did the mice in Howitt's study carry?" then "where is he now?": no
        # person was asked for, so he is the one the question names, when the texts call
        # that one "he".
        single = _single_name_asked_about(previous, word, vocabulary)
        if (
            single is not None
            and single.casefold() not in named_here
            and _spoken_of_so(single, word, previous)
        ):
            return f"{single}{suffix}", match.start(), match.end()
    if kind == "person" and _asks_for_the_subject(previous.question):
        # "Who beat Andy Roddick?" then "how old is he?": he is the one the answer names,
        # never a name of the question.
        sources = answers
    elif kind == "person":
        sources = [*answers, *sources] if asked in ("who", "whom") else [*sources, *answers]
    elif _asks_for_an_organisation(previous.question):
        sources = [*answers, *sources]
    elif (
        kind == "thing"
        and _asks_for_the_subject(previous.question)
        and not asks_about_the_answer(base)
    ):
        # "Who called the strike?" then "who leads it?": "it" is no person, so the one asked
        # for was a body, which the answer names.
        sources = [*_answering_with_a_body(previous, vocabulary), *sources]
    in_question = _names_asked_of(previous.question)
    for source in sources:
        found = entity_spans(source, vocabulary, person_cues=True)
        if kind == "thing":
            # "Kazakhstan's Penal Code": a name with a possessive inside is no person; nor is
            # "Velmont Foods" where the passages write it as a body's ("…, which employs").
            found = [
                (a, b, "organisation")
                if _POSSESSIVE_INSIDE.search(source[a:b])
                or (k == "person" and _named_as_a_body(source[a:b], previous))
                else (a, b, k)
                for a, b, k in found
            ]
        spans = [
            s
            for s in found
            if s[2] in kinds
            and not (kind == "person" and _after_a_place_preposition(source, s[0]))
            and not (kind == "person" and _after_a_time_preposition(source, s[0]))
            and not (kind == "person" and _after_the(source, s[0]))
            and not (kind == "person" and _inside_a_quoted_title(source, s[0], s[1]))
            and not (kind == "person" and _titled_otherwise(source[s[0] : s[1]], word))
            and not (kind == "person" and _spoken_of_otherwise(source[s[0] : s[1]], word, previous))
            and not (kind == "person" and _named_as_a_body(source[s[0] : s[1]], previous))
            and not (
                word == "it"
                and _where_it_happens(source, s[0])
                # "how many groups are in the Harbour Council?": a body one is in, no setting
                and not any(
                    is_organisation_word(w.casefold()) for w in words_of(source[s[0] : s[1]])
                )
            )
            and source[s[0] : s[1]].casefold() not in named_here  # never a name it names itself
            # "Which NGO helps …?": the NGO asked for is no name of one
            and not (source is asked_here and _is_the_asked_noun(source, s[0], s[1]))
            # "What did Bloomberg News report about WeWork?": who spoke is no "its"
            and not (kind == "thing" and source is asked_here and _SPEAKS.match(source, s[1]))
            and (
                source is asked_here
                or (
                    source[s[0] : s[1]].casefold() not in in_question
                    and len(source[s[0] : s[1]]) > 2  # "TV", "UK" in an answer
                )
            )
        ]
        if spans:
            if source is asked_here:
                start, end, _ = _subject_first(source, spans)
            else:
                start, end, _ = _named_as_asked(source, spans, previous.question)
                if (
                    kind == "person"
                    and not _asks_for_the_subject(previous.question)
                    and not _spoken_of_so(source[start:end], word, previous)
                ):
                    # "she" after "and the women's race?", answered with Tom Ray first and Ann
                    # Lee (… she trains …) next; not after "Who won …?": the one it names.
                    spoken = _spoken_of_so_in_answer(word, previous, named_here, in_question)
                    if spoken is not None:
                        return f"{spoken}{suffix}", match.start(), match.end()
            if kind == "thing" and source is asked_here:
                name = _possessed(source, start, end)
                if name is not None:
                    return f"{name}{suffix}", match.start(), match.end()
            name = source[start:end]
            if source[:start].endswith(("the ", "The ")) and not name.startswith("The "):
                name = f"the {name}"  # as it was written: "the Islamic Movement of Uzbekistan"
            else:
                name = with_article(name)
            return f"{name}{suffix}", match.start(), match.end()
    if kind == "thing":
        # "What did the harbour authority say?" then "who is its chairman?": the body the
        # last question asked about, though no name.
        body_asked = _body_asked_about(split_carried(previous.question)[0])
        if body_asked is not None and body_asked.casefold() not in named_here:
            return f"{body_asked}{suffix}", match.start(), match.end()
        other = _the_one_no_person(split_carried(previous.question)[0], vocabulary)
        if other is not None and other.casefold() not in named_here and _it_is_subject(body, at):
            # "When did Ann Lee join Nordvind?" then "what does it make?": not Ann Lee.
            return f"{other}{suffix}", match.start(), match.end()
    if kind in ("thing", "group") and (
        word != "it" or _it_is_subject(body, at) or _done_to_it(body, at)
    ):
        subject = _subject_no_one_speaks_of(previous, vocabulary)
        if subject is not None and subject.casefold() not in named_here:
            # "What did WeWork confirm?" then "how many employees do they have?": WeWork.
            return f"{subject}{suffix}", match.start(), match.end()
    if kind != "person":
        return None
    titled = _titled_in_lower_case(answers, word, in_question)
    if titled is not None and titled.casefold() not in named_here:
        # "Who said …?" answered "mr straw has said …" (a text that lost its capitals):
        # the title still tells a name.
        return f"{titled}{suffix}", match.start(), match.end()
    speaker = _person_for_the_body_asked_about(word, previous, vocabulary, named_here)
    if speaker is not None:
        # "What did Sea Watch say?" then "how old is she?": the woman the reply names for it.
        return f"{speaker}{suffix}", match.start(), match.end()
    role = _ASKED_ROLE.match(split_carried(previous.question)[0])
    if role is not None and not any(is_pronoun(w.casefold()) for w in words_of(role["role"])):
        # "Who is the judge?" then "what did he tell the lawyer?": with no name found in the
        # answer, he is still the judge the conversation asked about.
        return f"{role['role']}{suffix}", match.start(), match.end()
    if _asks_for_the_subject(previous.question):
        named = _named_after_the_role(answers, previous, word)
        if named is not None and named.casefold() not in named_here:
            # "Who was fined …?" answered "A former site manager … was fined …" and then "Ken
            # Slade, 52, admitted …": the one the answer describes, named next.
            return f"{named}{suffix}", match.start(), match.end()
        return None  # "Who said Brown had failed?": he is the one asked for, not found
    name = _single_name_asked_about(previous, word, vocabulary) or _person_named_earlier(
        previous, word, vocabulary
    )
    if name is not None and name.casefold() not in named_here:
        return f"{name}{suffix}", match.start(), match.end()
    return None


#: The subject a question asks about, right after its auxiliary: ``What did the harbour
#: authority say?``.
_SUBJECT_ASKED = LazyPattern(
    r"^(?i:what|how|why|when|where)\s+(?i:did|does|do|has|have|had|is|was|will|would)\s+"
    r"(?P<the>[Tt]he)\s+(?P<words>(?:[a-z][\w\-]*\s+){0,2}[a-z][\w\-]*)\s+[a-z]"
)


#: The subject a question asks about, named after "the": ``What did the Pensions Regulator
#: say?``.
_SUBJECT_NAMED = LazyPattern(
    r"^(?i:what|how|why|when|where)\s+(?i:did|does|do|has|have|had|is|was|will|would)\s+"
    rf"[Tt]he\s+(?P<name>(?:[{CAPITALS}][\w’'\-]*\s+){{0,3}}[{CAPITALS}][\w\-]*)\s+[a-z]"
)
#: A question asking where or when a thing is, named by what it is: ``Where is the new
#: surgical hub``.
_WHERE_THE_THING_IS = LazyPattern(
    r"^(?i:where|when)\s+(?i:is|was|will\s+be)\s+(?P<thing>the\s+[a-z][\w\-]*"
    r"(?:\s+[a-z][\w\-]*){0,3})$"
)


def _body_asked_about(question: str) -> str | None:
    """The body, named by what it is, that a question asks about as its subject (``the
    harbour authority`` in ``What did the harbour authority say?``), which ``it`` then is;
    None when its subject is no such body."""
    named = _SUBJECT_NAMED.match(question)
    if named is not None and not names_something(question[named.end("name") :]):
        # "What did the Pensions Regulator say?": a name after "the" is a body's (not so in
        # "What did the Daily Courier report about Lanterna?": it is Lanterna).
        return f"the {named['name']}"
    where = _WHERE_THE_THING_IS.match(question)
    if where is not None and not is_plural(where["thing"].split()[-1]):
        return where["thing"]  # "Where is the new surgical hub?" then "when did it open?"
    found = _SUBJECT_ASKED.match(question)
    if found is None:
        return None
    words = found["words"].split()
    heads = [n for n, w in enumerate(words) if is_organisation_word(w)]
    if not heads:
        return None
    return " ".join(["the", *words[: heads[-1] + 1]])


def _the_one_no_person(question: str, vocabulary: Vocabulary) -> str | None:
    """The one name of no known kind a question gives besides the people it names
    (``Nordvind`` in ``When did Ann Lee join Nordvind?``): what ``it`` can then only be.
    None unless it names a person and exactly one such name, not a place it is set in."""
    spans = entity_spans(question, vocabulary, person_cues=True)
    others = [
        question[a:b]
        for a, b, kind in spans
        if kind == "unknown"
        and not _after_a_place_preposition(question, a)
        and not _is_the_asked_noun(question, a, b)  # "Which Toyota model …?": a model
    ]
    if len(others) != 1 or not any(kind == "person" for _, _, kind in spans):
        return None
    return others[0]


def _it_is_subject(body: str, at: int) -> bool:
    """Whether the pronoun, the ``at``-th word of ``body``, is ``its`` or the subject ``it``
    right after an auxiliary (``what does it make?``), not an object (``when did she say
    it?``: what was said)."""
    words = [w.casefold() for w in words_of(body)]
    return words[at] == "its" or (at > 0 and words[at - 1] in AUXILIARIES)


#: Verbs whose ``it`` is what was said or told, not a thing named before.
_TELLING_VERBS = _SPEECH_VERBS | frozenset(
    "say tell tells told report reports reported write wrote writes announce announced "
    "announces confirm confirmed confirms deny denied denies reveal revealed reveals".split()
)


def _done_to_it(body: str, at: int) -> bool:
    """Whether ``it``, the ``at``-th word of ``body``, is what a ``Who <verb> it?`` asks who
    did something to (``who founded it?``, ``who owns it?``): a thing, as the subject ``it``
    is; not what was said (``who said it?``, ``who reported it?``)."""
    words = [w.casefold() for w in words_of(body)]
    return (
        at == 2 == len(words) - 1
        and words[0] == "who"
        and words[1] not in AUXILIARIES
        and words[1] not in _TELLING_VERBS
    )


#: A title and the name after it in a text without capitals: ``mr straw``, ``lord callaghan``.
_LOWER_TITLED = LazyPattern(
    r"\b(?P<title>"
    + "|".join(sorted(MALE_TITLES | FEMALE_TITLES))
    + r")\.?\s+(?P<name>[a-z][a-z’'\-]+)\b"
)


def _titled_in_lower_case(sentences: Sequence[str], pronoun: str, in_question: str) -> str | None:
    """The first titled name (``Mr Straw``) in ``sentences`` written without capitals, whose
    title agrees with ``pronoun`` ("mr" is no "she") and which the question does not name;
    None when there is none."""
    titles = MALE_TITLES if pronoun in _HE else FEMALE_TITLES
    for sentence in sentences:
        if any(char.isupper() for char in sentence):
            continue  # a cased text's names are told by their capitals
        for found in _LOWER_TITLED.finditer(sentence):
            name = found["name"]
            if (
                found["title"] in titles
                and name not in STOPWORDS
                and name not in AUXILIARIES
                and not is_pronoun(name)
                and name not in in_question
            ):
                return f"{found['title'].capitalize()} {name.capitalize()}"
    return None


def _names_asked_of(question: str) -> str:
    """The text (casefolded) whose names a pronoun after ``question`` does not stand for: the
    whole question, with the earlier ones it carries (``Who beat him? (following: Who is
    Tom Ray?)``: not Tom Ray), except after ``who said that?``, which names no one: then
    whoever the answer names, though an earlier question named him too."""
    base = split_carried(question)[0]
    return (base if asks_about_the_answer(base) else question).casefold()


#: Auxiliaries after which a question names its subject: "What did Tom Ray say …".
_SUBJECT_AFTER = frozenset("did does do has have had is was will would".split())


def _subject_first(question: str, spans: Sequence[tuple[int, int, str]]) -> tuple[int, int, str]:
    """Of the names a question gives, the one it asks about as its subject (right after
    its auxiliary: Tom Ray in ``What did Tom Ray say about Ann Lee?``), which a ``he`` then
    means before any other; else its last one."""
    for span in spans:
        before = words_of(question[: span[0]])
        if before[-1:] and before[-1].casefold() in _SUBJECT_AFTER:
            return span
    return spans[-1]


#: How many words of its own (besides the pronoun) a question needs before a passage
#: holding them all tells who did it.
_DEED_WORDS = 2


def _doer_in_the_passages(body: str, pronoun: str, previous: PreviousTurn) -> str | None:
    """The one person named in a sentence of the last answer or its passages that holds
    every word the question has of its own (``paint``, ``barn`` in ``When did she paint the
    barn?``: "Ann Lee painted the old barn red"), whom the conversation's
    questions or the last answer name, and whom those texts do not speak of with the other
    pronoun; None when no sentence or more than one person fits."""
    own = [w for w in content_words(body) if not is_pronoun(w)]
    if len(own) < _DEED_WORDS:
        return None
    found: set[str] = set()
    for text in [*previous.answer_sentences, *previous.passages]:
        for sentence in _SENTENCE_END.split(text):
            words = [w.casefold() for w in words_of(sentence)]
            if not all(any(w.startswith(_stem(o)) for w in words) for o in own):
                continue
            found |= {
                sentence[a:b]
                for a, b, kind in entity_spans(sentence, Vocabulary(), person_cues=True)
                if kind == "person" and not _after_a_place_preposition(sentence, a)
            }
    # Only one the conversation has named, and no name made of what the question asks about
    # ("Harbour Cup Trophy" for "who does he share the trophy with?").
    named = " ".join([previous.question, *previous.earlier, *previous.answer_sentences])
    people = {
        name
        for name in found
        if name.split()[-1] in named
        and not {w.casefold() for w in words_of(name)} & set(own)
        and not _spoken_of_otherwise(name, pronoun, previous)
    }
    return people.pop() if len(people) == 1 else None


def _stem(word: str) -> str:
    """The part of a word its other forms share (``paint`` of "painted", ``harbo``)."""
    return word[: max(4, len(word) - 2)]


def _owner_of_the_same(after: str, question: str) -> str | None:
    """The name whose ``X``, for ``his X``, the last question asked about too (``Ann Lee's
    new coach`` for ``her coach``); None when it asked about no one's ``X``."""
    following = words_of(after)
    if not following or not following[0].islower():
        return None
    noun = re.escape(following[0])
    owned = re.search(
        rf"\b(?P<owner>{_NAME_RUN})(?:'s|’s)\s+(?:[a-z][\w\-]*\s+){{0,2}}{noun}\b",
        split_carried(question)[0],
    )
    return owned["owner"] if owned is not None else None


def _person_named_earlier(
    previous: PreviousTurn, pronoun: str, vocabulary: Vocabulary
) -> str | None:
    """The person the user named in a question before the last one (the latest such), when
    the last one names nobody: ``Where did Gordon Brown go?``, ``how many people live
    there?``, then ``what did he say?`` still asks about Gordon Brown. None when none was,
    or the last question names one who may be a person (``What did Gates say?``): then he is
    more likely that one than anyone before; or it has a he or she of its own left unnamed
    (``How old is he?``): then this one is that same person, still unnamed."""
    last = split_carried(previous.question)[0]
    if any(w.casefold() in PERSON_PRONOUNS for w in words_of(last)):
        return None
    if any(
        kind in ("person", "unknown")
        and not _after_a_place_preposition(last, a)
        and not _spoken_of_otherwise(last[a:b], pronoun, previous)
        for a, b, kind in entity_spans(last, vocabulary)
    ):
        return None
    for question in previous.earlier:
        base = split_carried(question)[0]
        people = [
            base[a:b]
            for a, b, kind in entity_spans(base, vocabulary)
            if kind == "person"
            and not _after_a_place_preposition(base, a)
            and not _titled_otherwise(base[a:b], pronoun)
        ]
        if people:
            return people[-1]
    return None


#: A question for the person holding a role, named by the role alone: ``Who is the judge?``.
_ASKED_ROLE = LazyPattern(
    r"^(?i:who\s+(?:is|was|are|were))\s+(?P<role>the\s+[a-z][\w\-]*(?:\s+[a-z][\w\-]*){0,3})$"
)
_POSSESSIVE_INSIDE = LazyPattern(rf"(?:'s|’s)\s+[{CAPITALS}]")
#: A woman named by her relation to someone: ``Lord Callaghan's wife``.
_FEMALE_RELATION = LazyPattern(
    rf"(?:\b(?:[{CAPITALS}][\w\-]*\s+)*[{CAPITALS}][\w\-]*(?:'s|’s)"
    # "the panda cubs' mother": whose, in lower case
    r"|\bthe\s+(?:[a-z][\w\-]*\s+){0,3}[a-z][\w\-]*(?:'s|’s|(?<=s)'|(?<=s)’))\s+"
    r"(?:wife|widow|mother|daughter|sister|girlfriend|fiancée|fiancee|grandmother|aunt|niece)\b"
)


def _single_name_asked_about(
    previous: PreviousTurn, pronoun: str, vocabulary: Vocabulary
) -> str | None:
    """The one name of a single word the last question asked about (``What did Trump call the
    case?``), which ``he``/``she`` may then mean when nothing else fits: people are asked
    about by surname. None when it names no such word, or more than one, or one after "in",
    "from" or "the", or the answer speaks of it with the other pronoun."""
    base = split_carried(previous.question)[0]
    spans = [s for s in entity_spans(base, vocabulary) if s[2] in ("person", "unknown")]
    if len(spans) != 1 or spans[0][2] != "unknown":
        return None
    # "in Howitt's study": whose study, not where
    owner = base[spans[0][1] : spans[0][1] + 2] in ("'s", "’s")
    if not owner and (
        _after_a_place_preposition(base, spans[0][0])
        or _placed_by(base, spans[0][0])  # "the mayor of Stenby": where, not who
    ):
        return None
    name = base[spans[0][0] : spans[0][1]]
    if _spoken_of_otherwise(name, pronoun, previous) or _named_as_a_body(name, previous):
        return None
    return name


_HE = frozenset(("he", "him", "his", "himself"))
_SHE = frozenset(("she", "her", "hers", "herself"))


_SENTENCE_END = LazyPattern(r"(?<=[.!?])\s+")
#: A title with the surname it stands before (``Ms Voss``, ``Mr. Tom Ray``).
_TITLE_BEFORE = LazyPattern(
    r"\b(?P<title>"
    + "|".join(sorted(t.capitalize() for t in MALE_TITLES | FEMALE_TITLES))
    + rf")\.?\s+(?:[{CAPITALS}][\w\-]*\s+){{0,2}}?(?P<name>[{CAPITALS}][\w\-]*)(?![\w’'\-])"
)


def _spoken_of_otherwise(name: str, pronoun: str, previous: PreviousTurn) -> bool:
    """Whether the sentences of the last answer and its passages that name ``name`` (by its
    last word) hold more pronouns of the other kind than of ``pronoun``'s (``Dusek … he``
    for ``she``): then ``pronoun`` is not that name."""
    this, other = _pronoun_counts(name, pronoun, previous)
    return other > this


def _spoken_of_so(name: str, pronoun: str, previous: PreviousTurn) -> bool:
    """Whether the last answer and its passages speak of ``name`` with ``pronoun``'s kind
    (``Julia Ham … she trains``) more than with the other."""
    this, other = _pronoun_counts(name, pronoun, previous)
    return this > other


def _pronoun_counts(name: str, pronoun: str, previous: PreviousTurn) -> tuple[int, int]:
    """How strongly the last answer and its passages speak of ``name`` with ``pronoun``'s kind
    and with the other: the titles before it (``Ms Voss``) when it has any; else the pronouns
    in the sentences naming it (by its last word) and no other person, the one opening the
    next sentence twice. (In "Pell's lawyer, Simone Achebe, said her client …" the "her" is
    as likely the other one's.)"""
    wanted, other = (_SHE, _HE) if pronoun in _SHE else (_HE, _SHE)
    surname = name.split()[-1].casefold()
    counts = [0, 0]
    titles = (FEMALE_TITLES, MALE_TITLES) if pronoun in _SHE else (MALE_TITLES, FEMALE_TITLES)
    texts = [*previous.answer_sentences, *previous.passages]
    for text in texts:
        for title in _TITLE_BEFORE.finditer(text):
            if title["name"].casefold() == surname:
                word = title["title"].casefold().rstrip(".")
                counts[0] += word in titles[0]
                counts[1] += word in titles[1]
    if any(counts):
        # "Ms Voss", "Mr Ray": the title says it outright, whatever pronouns stand near.
        return counts[0], counts[1]
    for text in texts:
        split = _SENTENCE_END.split(text)
        sentences = [
            [re.sub(r"['’]s$", "", w.casefold()) for w in words_of(sentence)] for sentence in split
        ]
        for sentence, words, following in zip(split, sentences, [*sentences[1:], []], strict=True):
            if surname not in words:
                continue
            # The pronoun opening the next sentence is most likely this one ("… Dusek began
            # … . He held …"), one inside may be another's. With another person named, one
            # inside is as likely theirs ("Pell's lawyer, Ann Cole, said her client …"), and
            # the next sentence's opening is the last one named's.
            others = _other_people_named(sentence, surname)
            inside = words if not others[0] else []
            opening = following[:1] if not others[1] else []
            counts[0] += sum(w in wanted for w in inside) + 2 * sum(w in wanted for w in opening)
            counts[1] += sum(w in other for w in inside) + 2 * sum(w in other for w in opening)
    return counts[0], counts[1]


def _other_people_named(sentence: str, surname: str) -> tuple[bool, bool]:
    """Whether ``sentence`` names a person besides the one of ``surname`` (casefolded), and
    whether it names one after the last mention of that one."""
    mentions = [m.start() for m in re.finditer(rf"\b{re.escape(surname)}\b", sentence, re.I)]
    last = mentions[-1] if mentions else -1
    others = [
        a
        for a, b, kind in entity_spans(sentence, Vocabulary(), person_cues=True)
        if kind == "person"
        and sentence[a:b].split()[-1].casefold().removesuffix("'s").removesuffix("’s") != surname
    ]
    return bool(others), any(a > last for a in others)


def _spoken_of_so_in_answer(
    pronoun: str, previous: PreviousTurn, named_here: str, in_question: str
) -> str | None:
    """The first person the last answer names whom it speaks of with ``pronoun``'s kind, and
    whom neither this question nor the last one names; None when there is none."""
    for sentence in previous.answer_sentences:
        for start, end, kind in entity_spans(sentence, Vocabulary(), person_cues=True):
            name = sentence[start:end]
            if (
                kind == "person"
                and name.casefold() not in named_here
                and name.casefold() not in in_question
                and not _after_a_place_preposition(sentence, start)
                and _spoken_of_so(name, pronoun, previous)
            ):
                return name
    return None


def _titled_otherwise(name: str, pronoun: str) -> bool:
    """A name whose title says it is not what the pronoun is: ``Lord Callaghan`` for ``her``."""
    title = name.split()[0].casefold().rstrip(".") if name.split() else ""
    if pronoun in ("she", "her", "hers"):
        return title in MALE_TITLES
    return title in FEMALE_TITLES


#: Offices only a body has: "Harbour Trust's chairman" says the Harbour Trust is no person.
_BODY_OFFICES = frozenset(
    form
    for forms in OFFICES
    if forms[0] in ("chairman", "chief executive", "president", "secretary-general", "director")
    for form in forms
)


#: A sentence that opens by describing someone by role alone: ``A former site manager``.
_ROLE_OPENING = LazyPattern(
    r"(?:A|An)\s+(?:[a-z][\w\-]*\s+){0,3}[a-z][\w\-]*\s+(?:at|of|for|from|in|who|,|was|is|has|had)\b"
)


def _named_after_the_role(
    answers: Sequence[str], previous: PreviousTurn, pronoun: str
) -> str | None:
    """The person whose name opens the answer sentence after the one answering a ``who``
    question, when that one gave only a role (``A former site manager at the Orrin Dairy
    was fined …``, then ``Ken Slade, 52, admitted …``); None otherwise, or when the texts
    speak of that name with the other pronoun."""
    sentences = list(previous.answer_sentences)
    if not answers or answers[0] not in sentences or _ROLE_OPENING.match(answers[0]) is None:
        return None
    at = sentences.index(answers[0]) + 1
    if at >= len(sentences):
        return None
    spans = entity_spans(sentences[at], Vocabulary(), person_cues=True)
    if not spans or spans[0][0] != 0 or spans[0][2] != "person":
        return None
    name = sentences[at][: spans[0][1]]
    return None if _spoken_of_otherwise(name, pronoun, previous) else name


def _named_as_a_body(name: str, previous: PreviousTurn) -> bool:
    """Whether the last answer or its passages write ``name`` as an organisation's: after a
    word that makes it one (``the charity Sea Watch``, see ``entity_spans``), with an
    office only a body has (``Sea Watch's president``) or followed by ", which" (``Velmont
    Foods, which employs …``: a person is followed by ", who"). Two capitalised words read
    as a person's name, but "he" or "she" never stands for a body."""
    folded = name.casefold().removesuffix("'s").removesuffix("’s")
    office = re.compile(
        rf"\b{re.escape(folded)}(?:'s|’s)\s+(?:[a-z\-]+\s+)?(?:"
        + "|".join(re.escape(form) for form in sorted(_BODY_OFFICES, key=len, reverse=True))
        + r")\b",
        re.I,
    )
    which = re.compile(rf"\b{re.escape(folded)},\s+which\b", re.I)
    for text in [*previous.answer_sentences, *previous.passages]:
        if folded not in text.casefold():
            continue
        if (
            office.search(text)
            or which.search(text)
            or any(
                kind == "organisation" and text[a:b].casefold() == folded
                for a, b, kind in entity_spans(text, Vocabulary())
            )
        ):
            return True
    return False


def _person_for_the_body_asked_about(
    pronoun: str, previous: PreviousTurn, vocabulary: Vocabulary, named_here: str
) -> str | None:
    """When the last question asked about a name the reply shows to be an organisation's
    (``What did Blue Anchor say?``), the first person the reply names, in the order it is
    read, whom it does not speak of with the other pronoun; else None."""
    base = split_carried(previous.question)[0]
    if _asks_for_the_subject(base):
        return None  # "Who leads the Kelso Council?": the one it asks for, never a guess
    if not any(_named_as_a_body(base[a:b], previous) for a, b, _ in entity_spans(base, vocabulary)):
        return None
    in_question = previous.question.casefold()
    for sentence in previous.answer_sentences:
        for a, b, kind in entity_spans(sentence, vocabulary, person_cues=True):
            name = sentence[a:b]
            if (
                kind == "person"
                and name.casefold() not in in_question
                and name.casefold() not in named_here
                and not _named_as_a_body(name, previous)
                and not _after_a_place_preposition(sentence, a)
                and not _titled_otherwise(name, pronoun)
                and not _spoken_of_otherwise(name, pronoun, previous)
            ):
                return name
    return None


def _after_a_place_preposition(text: str, start: int) -> bool:
    """A name after "from", "at" or "in" (``from Manchester United``) is where, not who,
    however many capitalised words it has; so is one after "the" or "a" (``the Australian
    Open``, ``a Super Bowl``): a person's name takes no article, nor opens with one (``The
    Salt Road``)."""
    if words_of(text[start:])[:1] == ["The"]:
        return True
    before = words_of(text[:start])
    return bool(before) and before[-1].casefold() in ("from", "at", "in", "the", "a", "an")


#: A short stretch in quotation marks that opens with a capital: the title of a film, book or
#: show (“Moon Raiders: Chapter IV”), never someone's words, which run longer.
_QUOTED_TITLE = LazyPattern(r"[“\"](?P<title>[A-Z][^“”\"\n]{0,60}?)[”\"]")


def _inside_a_quoted_title(text: str, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` of ``text`` is part of a title written in quotation
    marks (``“Moon Raiders: Chapter IV”``): a work, which "he" or "she" never stands for."""
    return any(
        found.start("title") <= start
        and end <= found.end("title")
        and len(found["title"].split()) <= 8
        for found in _QUOTED_TITLE.finditer(text)
    )


#: "the" and the capitalised words between it and a name: ``the Northern `` before ``Rugby
#: League``.
_THE_BEFORE = LazyPattern(rf"\b[Tt]he\s+(?:[{CAPITALS}][\w’'\-]*\s+)*$")


def _after_the(text: str, start: int) -> bool:
    """A name right after "the" (``the Pensions Regulator``, ``the Northern Rugby League
    season``) is a body's or a thing's: a person's takes a role between (``the businessman
    Gareth Llewellyn``), or a title (``the Rev Ann Lee``). So is a name that opens with
    "The" itself (``The Salt Road``, ``The Long Acre``): a title of a work or a body's."""
    name = words_of(text[start:])[:2]
    if name and name[0] in ("The", "the"):
        return not any(w.casefold().rstrip(".") in PERSON_TITLES for w in name[1:])
    found = _THE_BEFORE.search(text[:start])
    if found is None:
        return False
    between = words_of(found.group(0))[1:]
    return not any(w.casefold().rstrip(".") in PERSON_TITLES for w in [*between, *name[:1]])


def _after_a_time_preposition(text: str, start: int) -> bool:
    """A name after "before", "during", "until" or "since" (``before Election Day``) is when,
    not who."""
    before = words_of(text[:start])
    return bool(before) and before[-1].casefold() in ("before", "during", "until", "since")


_SETTING_PREPOSITIONS = frozenset("in at from across throughout within inside".split())


def _where_it_happens(text: str, start: int) -> bool:
    """A name after "in", "at" or "from" (``… be allowed in the UK?``) is where the question's
    matter happens, not that matter: ``who announced it?`` then asks who announced what was
    asked about, never "the UK". (``its`` may still be that place: ``what is its population?``.)"""
    before = [w.casefold() for w in words_of(text[:start])]
    if before and before[-1] in ("the", "a", "an"):
        before = before[:-1]
    return bool(before) and before[-1] in _SETTING_PREPOSITIONS


def _possessed(question: str, start: int, end: int) -> str | None:
    """``the UK's rebate`` for the name ``UK`` in ``What did Chirac call the UK's rebate?``:
    what ``it`` then means is the thing the name has, not the name; None when the name
    has nothing."""
    if question[end : end + 2] not in ("'s", "’s"):
        return None
    thing_end = phrase_end(question, end + 2)
    if thing_end <= end + 2:
        return None
    the = "the " if question[:start].casefold().endswith("the ") else ""
    return f"{the}{question[start:thing_end].strip()}"


_WHO_IS = LazyPattern(r"^(?i:who)\s+(?:is|was)\s+")


def _person_asked_about(previous: PreviousTurn, vocabulary: Vocabulary) -> str | None:
    """The person ``Who is Judge Ann Lee?`` asks about, which is all it names; else None."""
    base = split_carried(previous.question)[0]
    opening = _WHO_IS.match(base)
    if opening is None:
        return None
    spans = entity_spans(base, vocabulary)
    if len(spans) != 1 or spans[0][2] != "person":
        return None
    start, end, _ = spans[0]
    if base[opening.end() : start].strip() or base[end:].strip():
        return None  # "Who is Green Hands's director?" asks about the director
    return base[start:end]


def _asks_for_the_subject(question: str) -> bool:
    """``Who beat …?``, ``Who is …?``: the person asked for does what the question says, so
    the question's own names are other people (not so in ``Who did Rollo …?``)."""
    words = [w.casefold() for w in words_of(question)[:2]]
    return len(words) == 2 and words[0] == "who" and words[1] not in ("do", "does", "did")


def _named_as_asked(
    sentence: str, spans: Sequence[tuple[int, int, str]], question: str
) -> tuple[int, int, str]:
    """The name an answer gives for what ``which defensive tackle …?`` asked: the one right
    after that noun (``Pro Bowl defensive tackle Kawann Short``), after ``who provided …?``
    the one before that verb (``Marlee Matlin provided``), else one that speaks (``Grishin
    continues``), else the first."""
    words = words_of(split_carried(question)[0])
    if _asks_for_the_subject(question) and words[1].casefold() not in AUXILIARIES:
        verb = words[1].casefold()
        for span in spans:
            after = words_of(sentence[span[1] :])[:1]
            if after and after[0].casefold() == verb:
                return span
    noun = lead_noun(question)
    if noun is not None:
        asked = {w for w in words_of(question[noun[0] : noun[1]]) if w.islower()}
        for span in spans:
            before = words_of(sentence[: span[0]])
            if before and before[-1] in asked:
                return span
    speaking = [s for s in spans if person_cue_after(sentence, s[1])]
    return speaking[0] if speaking else spans[0]


def _answering_sentence(previous: PreviousTurn) -> list[str]:
    """The answer sentence that shares most words with the previous question's own words
    (with those of the questions it carries only when none does; the first of equals): the
    one that answers it, where the name it asked for stands. After ``who …?`` it is one
    naming someone the question does not name, when any does; after ``who said that?``
    the first such."""
    base = split_carried(previous.question)[0]
    candidates = previous.answer_sentences
    if base.casefold().startswith(("who ", "whom ")):
        in_question = _names_asked_of(previous.question)
        naming = [sentence for sentence in candidates if _may_name_one(sentence, in_question)]
        if naming and asks_about_the_answer(base):
            return naming[:1]  # "who says so?": the first to name anyone
        candidates = naming or candidates
    own = content_words(base)
    asked = content_words(previous.question)
    words = [w.casefold() for w in words_of(base)]
    # "Who signed the deal?": the sentence with "signed" before one that only has "deal".
    verb = words[1] if _asks_for_the_subject(base) and words[1] not in AUXILIARIES else ""
    best = max(
        candidates,
        # Its own words first: "Who was their quarterback? (following: Which team won …?)".
        # "Who called the strike in Vell?": the sentence saying who called it ("The strike was
        # called by the Seafarers' Union") before one with more of its setting ("Crews in Vell
        # walked out").
        key=lambda sentence: (
            verb in content_words(sentence),
            len(own & content_words(sentence)) or len(asked & content_words(sentence)) / 100,
        ),
        default=None,
    )
    return [] if best is None else [best]


def _answering_with_a_body(previous: PreviousTurn, vocabulary: Vocabulary) -> list[str]:
    """Of the answer sentences naming an organisation, the one that answers ``Who called
    the strike?`` best: with its verb ("The strike was called by the Seafarers' Union"), then
    with most of its words; none when no sentence names one."""
    base = split_carried(previous.question)[0]
    verb = words_of(base)[1].casefold()
    own = content_words(base)
    naming = [
        sentence
        for sentence in previous.answer_sentences
        if any(k == "organisation" for _, _, k in entity_spans(sentence, vocabulary))
    ]
    best = max(
        naming,
        key=lambda sentence: (
            verb in content_words(sentence),
            len(own & content_words(sentence)),
        ),
        default=None,
    )
    return [] if best is None else [best]


#: The thing a question asks for: the noun after ``which``/``what`` (``which report …``), or
#: after ``what is the …`` (``what was the last attempt at …``).
_ASKED_THING = LazyPattern(
    r"^(?:which|what)\s+(?:(?:is|was|are|were)\s+the\s+(?:(?:first|last|latest|next|main|"
    r"new|only|\w+est)\s+)?)?(?P<noun>[a-z][\w\-]*)\b",
    re.I,
)
#: A name an answer gives for the noun a question asked about: right after it, as an
#: apposition (``the last attempt, the Pico Act of 1859,``, ``the NGO Sana Sezim``), or
#: ending with it (``the US State Department’s 2012 Trafficking in Persons report``).
#: A name starts at a word's start and runs at most eight words: unbounded, a long sentence
#: of capitalised words took time growing with the square of its length to search.
_NAME_WORD = rf"(?:[{CAPITALS}][\w’'\-]*|\d{{4}})"
_NAME_RUN = (
    rf"(?<![\w’'\-]){_NAME_WORD}(?:\s+(?:(?:of|for|in|on|and|de)\s+(?:the\s+)?)?{_NAME_WORD})"
    r"{0,7}(?:\s+of\s+\d{4})?"
)


def _name_given_for_the_asked(previous: PreviousTurn) -> str | None:
    """The name the last answer gives for the thing its question asked for (``Which report
    found …?``, ``What was the last attempt at …?``): the name standing beside the asked noun
    in an answer sentence, first in the sentence that answers best; None when none does."""
    asked = _ASKED_THING.match(split_carried(previous.question)[0])
    if (
        asked is None
        or (noun_word := asked.group("noun").casefold()) in QUESTION_WORDS
        or noun_word in AUXILIARIES
    ):
        return None
    noun = re.escape(asked.group("noun"))  # as written: "Movement" in a name is no noun
    after = re.compile(rf"\b{noun}\b,?\s+(?P<name>(?:the\s+)?{_NAME_RUN})")
    before = re.compile(rf"(?:\b[Tt]he\s+)?(?P<name>{_NAME_RUN})\s+{noun}\b")
    answering = _answering_sentence(previous)
    in_question = previous.question.casefold()
    for sentence in [*answering, *previous.answer_sentences]:
        for pattern, whole in ((after, False), (before, True)):
            for found in pattern.finditer(sentence):
                name = found.group("name")
                if name.casefold() in in_question or len(name) <= 2 or name in ("The", "This"):
                    continue  # "The zoo had …" gives no name
                if whole:
                    return f"the {sentence[found.start('name') : found.end()]}"
                return with_article(name)
    named = _name_said_to_be_the_asked(previous, [*answering, *previous.answer_sentences])
    if named is not None:
        return named
    if not _names_one(asked["noun"]):
        return None
    verb = asked_verb(split_carried(previous.question)[0], asked.end("noun"))
    if split_carried(previous.question)[1]:
        # "which court found that? (following: Which service …?)": a question about the
        # last answer, whose "it" is still what was talked about before it.
        return None
    return (
        (
            doer_of(verb, [*answering, *previous.answer_sentences], in_question)
            if verb is not None
            else None
        )
        or name_ending_in(asked.group("noun"), previous.answer_sentences, in_question)
        or name_beside(asked.group("noun"), previous.answer_sentences, in_question)
        or name_after(asked.group("noun"), previous.cited, previous.answer_sentences, in_question)
    )


#: ``What was the best-selling electric car in Europe in 2019?``: the phrase it asks what
#: is, up to its first preposition.
_WHAT_IS_THE = LazyPattern(
    r"^(?:which|what)\s+(?:is|was)\s+the\s+(?P<phrase>(?:[\w\-]+\s+){0,3}?[a-z][\w\-]*)"
    r"(?=\s+(?:in|of|for|on|at|to|from|by|with|that|since)\b|\s*[?.!]?$)",
    re.I,
)


def _name_said_to_be_the_asked(previous: PreviousTurn, sentences: Sequence[str]) -> str | None:
    """After ``What was the best-selling electric car …?``, the name a sentence holding that
    phrase says it was (``… in 2019 was the Tesla Model 3``, a model's number with it); None
    when none does."""
    asked = _WHAT_IS_THE.match(split_carried(previous.question)[0])
    if asked is None:
        return None
    phrase = re.escape(asked["phrase"])
    said = re.compile(
        rf"(?i:\b{phrase}\b[^.;]*?\s(?:is|was)\s+(?P<the>the\s+)?)"
        rf"(?P<name>{_NAME_RUN}(?:\s+\d{{1,3}}(?![\d,.]\d))?)"
    )
    in_question = previous.question.casefold()
    for sentence in sentences:
        found = said.search(sentence)
        if found is not None and found["name"].casefold() not in in_question:
            name = found["name"]
            return f"the {name}" if found["the"] else name
    return None


def _names_one(noun: str) -> bool:
    """Whether ``noun``, after ``which``/``what``, asks for one thing an answer names: not
    a plural (``which countries …``), nor a word that is no noun (``what did …``, ``what the
    …``), nor a name (``what is the Sana Sezim NGO doing?``)."""
    folded = noun.casefold()
    return not (
        is_plural(folded)
        or folded in _THE_OPENERS
        or folded in QUESTION_WORDS
        or folded in AUXILIARIES
        or noun.istitle()
    )


#: Words after "what" that open no noun asked for: ``what the …``, ``what a …``.
_THE_OPENERS = frozenset(("the", "a", "an", "if", "about", "of", "kind", "sort", "type"))


#: A paper, a book or a report written about in a question, with what stands before it:
#: ``Ines Moll's new paper``, ``the seminal paper``.
_WORK_PHRASE = LazyPattern(
    rf"(?:\b(?P<article>the|a|an|this|that)\s+|(?P<owner>(?:{_NAME_WORD}\s+){{0,3}}{_NAME_WORD}"
    # "the Ray family videotape": names may stand among the words before the work.
    r"(?:'s|’s))\s+)(?P<words>(?:[\w\-]+\s+){0,3}?)" + _WORKS.pattern
)


#: A work's word as the verb after a subject: ``What did the Daily Courier report``.
_DID_REPORT = LazyPattern(
    rf"^(?i:what|how|why|when|where)\s+(?i:did|does|do)\s+(?:the\s+)?"
    rf"(?:[{CAPITALS}][\w’'\-]*\s+){{1,4}}(?i:report|film|record|tape|video|study|survey)$"
)


def _work_asked_about(previous: PreviousTurn) -> str | None:
    """The paper, book or report the last question asked about (``What does Ines Moll's
    new paper say?``), which ``it`` then means (``where was it published?`` asks about the
    paper, not the article); None when it asked about none."""
    base = split_carried(previous.question)[0]
    found = _WORK_PHRASE.search(base)
    if found is None or _DID_REPORT.match(base[: found.end()]) is not None:
        return None  # "What did the Daily Courier report …": a paper reporting, no report
    end = found.end()
    after = re.match(r"\s+(?:on|about|of)\s+", base[end:])
    if after is not None and phrase_end(base, end + after.end()) > end + after.end():
        end = phrase_end(base, end + after.end())  # "the paper on computational complexity"
    owner = found["owner"] or "the"
    return f"{owner} {base[found.start('words') : end]}"


def content_words(text: str) -> set[str]:
    """The words of ``text`` that say what it is about (no pronouns, stopwords, auxiliaries or
    question words), casefolded and without a possessive ``'s``."""
    return {
        re.sub(r"['’]s$", "", w.casefold())
        for w in words_of(text)
        if not is_pronoun(w.casefold())
        if w.casefold() not in STOPWORDS
        and w.casefold() not in AUXILIARIES
        and w.casefold() not in QUESTION_WORDS
    }


def _may_name_one(sentence: str, in_question: str) -> bool:
    """Whether ``sentence`` names someone ``in_question`` does not: a name of a person or of
    no known kind, or a first word that is no common word (``Lee was …``)."""
    if any(
        kind in ("person", "unknown")
        and sentence[a:b].casefold() not in in_question
        and not is_demonym(sentence[a:b])  # "A British man …" names no one
        and not (" " not in sentence[a:b] and common_word(sentence[a:b].casefold()))
        for a, b, kind in entity_spans(sentence, Vocabulary(), person_cues=True)
    ):
        return True
    first = words_of(sentence)[:1]
    # "Lee was …": a name opening the sentence, which entity_spans leaves out; "After …",
    # "Police say …" are common words.
    return bool(first) and (
        first[0][0].isupper()
        and not common_word(first[0].casefold())
        and first[0].casefold() not in in_question
    )


def _names_a_person(
    question: str, vocabulary: Vocabulary, *, besides_whose_role: bool = False
) -> bool:
    """Whether ``question`` names someone who may be a person (not after "in", "the" …);
    ``besides_whose_role``: nor the body or place a role is of (``the chief executive of
    Norlite``)."""
    return any(
        kind in ("person", "unknown")
        and not _after_a_place_preposition(question, a)
        and not (besides_whose_role and _placed_by(question, a))
        for a, _, kind in entity_spans(question, vocabulary)
    )


#: A role the question names a person by: ``the harbour minister`` in ``What does the
#: harbour minister say?`` or ``Who is the harbour minister?``.
_ROLE_ASKED = LazyPattern(
    r"^(?:who\s+(?:is|was|are|were)\s+|(?:what|how)\s+(?:did|does|do|has|have)\s+|"
    r"(?:and|what\s+about)\s+)the\s+(?:[a-z][\w\-]*['’]s\s+)?"  # "the airport's"
    r"(?P<role>[a-z][\w\-]*(?:\s+[a-z][\w\-]*){0,2}?)(?:\s+of\s+[^?!.]+?)?(?:\s+(?:say|said|tell|"
    r"told|think|argue|claim|warn|add|announce|reply|respond|react)\b|$)",
    re.I,
)
#: The body a role is of, between it and its holder's name: `` of the Harbour Society of Kelso``.
_CAPITALISED = rf"(?-i:[{CAPITALS}][\w’'\-]*)"
_OF_BODY = rf"(?:\s+of\s+(?:the\s+)?{_CAPITALISED}(?:\s+(?:of\s+)?{_CAPITALISED})*)?"
#: A role asked about by whose it is: ``Who is the Kelso Rowing Club's coach?``.
_OWNED_ROLE_ASKED = LazyPattern(
    rf"^(?i:who\s+(?:is|was))\s+(?:the\s+)?(?:{_CAPITALISED}\s+){{0,4}}{_CAPITALISED}(?:'s|’s)\s+"
    r"(?P<role>[a-z][\w\-]*(?:\s+[a-z][\w\-]*){0,2})$"
)


#: A role, with the place or body it is of: ``the mayor of Stenby``, ``the Stenby mayor``.
_ROLE_PHRASE = LazyPattern(
    r"\bthe\s+(?P<role>(?:[\w\-]+\s+){0,2}?(?P<head>[a-z][\w\-]*))"
    rf"(?:\s+of\s+(?:the\s+)?{_CAPITALISED}(?:\s+{_CAPITALISED})*)?"
)


def _role_asked_about(question: str, vocabulary: Vocabulary) -> str | None:
    """The one role a question that names no person asks about (``the mayor of Stenby`` in
    ``Why did the mayor of Stenby resign?``), which ``he``/``she`` then stands for; None
    when it names a person, or no role, or more than one."""
    if any(
        kind in ("person", "unknown")
        and not _after_a_place_preposition(question, a)
        and not _placed_by(question, a)
        # "the Stenby mayor": whose mayor, no one's name
        and not (words_of(question[b:])[:1] and words_of(question[b:])[0].casefold() in ROLES)
        for a, b, kind in entity_spans(question, vocabulary)
    ):
        return None
    roles = [
        found.group(0)
        for found in _ROLE_PHRASE.finditer(question)
        if found["head"].casefold() in ROLES
        and not any(w.casefold() in _NOT_NOUNS for w in words_of(found["role"]))
    ]
    return roles[0] if len(roles) == 1 else None


def _holder_of_the_role(question: str, previous: PreviousTurn) -> str | None:
    """The person the last answer names with the role ``question`` asks about (``Harbour
    Minister Tom Ray`` or ``the harbour minister, Tom Ray,`` for ``the harbour minister``;
    ``President of the Rowing Society of Kelso, Ann Lee,`` for ``and the president of the
    Rowing Society?``); None when it names none, or when the role is a pronoun's."""
    asked = question.rstrip("?!. ")
    role = _ROLE_ASKED.match(asked) or _OWNED_ROLE_ASKED.match(asked)
    if role is None or any(is_pronoun(w.casefold()) for w in words_of(role["role"])):
        return None
    # The whole role, or its head noun (``Minister Tom Ray`` for "the harbour minister").
    words = r"(?:" + r"\s+".join(re.escape(w) for w in role["role"].split())
    words += rf"|{re.escape(role['role'].split()[-1])})"
    name = rf"(?P<name>(?-i:[{CAPITALS}][\w’'\-]+(?:\s+[{CAPITALS}][\w’'\-]+)+))"
    holder = re.compile(rf"\b{words}{_OF_BODY},?\s+{name}", re.I)
    # The name before the role, as news most often writes it: ``Priya Nandakumar, the
    # authority's director of transport``, ``Carla Menzies, Unite's regional officer``.
    holder_first = re.compile(
        rf"{name},\s+(?:the\s+)?(?:[\w’'\-]+(?:'s|’s)\s+)?(?:[a-z][\w\-]*\s+){{0,2}}?{words}\b",
        re.I,
    )
    for sentence in previous.answer_sentences:
        for found in [*holder.finditer(sentence), *holder_first.finditer(sentence)]:
            name = found["name"]
            spans = entity_spans(name, Vocabulary(), person_cues=True)
            if spans and spans[0][2] == "person" and spans[0][1] - spans[0][0] == len(name):
                return name
    return None


def _owned_by(body: str, start: int, owner: str) -> tuple[str, int] | None:
    """What ``their`` stands before at ``start`` (``mother``), written as of ``owner`` when
    that is a phrase no "'s" can follow (``the mother of the cubs born at the zoo``, not
    ``the cubs born at the zoo's mother``), with where it ends in ``body``; None for a short
    owner (``the cubs's``), or when no one noun follows, closing the question or before a
    preposition or an auxiliary."""
    if len(owner.split()) <= 2:
        return None
    words = list(WORD.finditer(body, start))
    if not words or not words[0].group(0).islower():
        return None
    following = words[1].group(0).casefold() if len(words) > 1 else ""
    if following and following not in AUXILIARIES and following not in PREPOSITIONS:
        return None  # "their parents weigh": where the noun ends is not known
    return f"the {words[0].group(0)} of {owner}", words[0].end()


#: Where one question ends and the next begins in the questions a question carries.
_QUESTION_BREAK = LazyPattern(r"(?<=\?)\s+")


def _subject_no_one_speaks_of(previous: PreviousTurn, vocabulary: Vocabulary) -> str | None:
    """The name the last question asks about as its subject, right after its auxiliary
    (``WeWork`` in ``What did WeWork confirm?``), when the answer and its passages never
    speak of it as "he" or "she" nor give it a title: a body or a thing, which ``it`` and
    ``they`` then mean. None when the subject is no name, or may be a person's."""
    base = split_carried(previous.question)[0]
    spans = entity_spans(base, vocabulary)
    for at, (start, end, kind) in enumerate(spans):
        before = [w.casefold() for w in words_of(base[:start])]
        the = bool(before) and before[-1] == "the"
        if the and kind == "person":
            kind = "unknown"  # "the River Tamsin", "the Mavic Mini": no one's name takes "the"
        words = _subject_words(before[:-1] if the else before)
        if words is None or len(words) > 3:
            continue
        if _SPEAKS.match(base, end):
            # "What did Bloomberg News report about WeWork?": what it spoke of, not who spoke
            spoken = [
                s for s in spans[at + 1 :] if words_of(base[: s[0]])[-1:] in (["about"], ["on"])
            ]
            if not spoken:
                return None
            start, end, kind = spoken[0]
        name = base[start:end]
        if kind not in ("organisation", "unknown") or not previous.passages:
            return None
        if _NAME_GOES_ON.match(base, end) is not None:
            return None  # "the Volkswagen ID. Space Vizzion": only part of the name was read
        titled = name.split()[0].casefold().rstrip(".") in MALE_TITLES | FEMALE_TITLES
        owned = _owned_subject(base, start, end, words[-1], the)
        if owned is not None:
            # "When did the Indians' aircraft land?": what they own is the subject, no person
            return None if titled else owned
        if titled or not _spoken_of_as_a_thing(name, previous):
            return None
        return f"the {name}" if the and base[start:end] == name else name
    return None


#: Auxiliaries a question's subject follows: ``how far can the RAV4 Prime go?``.
_SUBJECT_AUXILIARIES = _SUBJECT_AFTER | frozenset("are were can could should may might".split())
#: ``What is the range of …?``: the noun a question asks about that belongs to its name.
_OF_NAME = LazyPattern(r"^(?:is|was|are|were)\s+the\s+[a-z][\w\-]*\s+of$")


def _subject_words(before: list[str]) -> list[str] | None:
    """The words of a question before its subject name (``before``, "the" left off), up to
    its auxiliary, when the name is that subject (``How far can [the RAV4 Prime]``) or what
    the subject asked about belongs to (``What is the range of [the Mavic Mini]``); else
    None."""
    if before and before[-1] in _SUBJECT_AUXILIARIES:
        return before
    if len(before) >= 5 and _OF_NAME.match(" ".join(before[-4:])) is not None:
        return before[:-3]
    return None


#: A full stop inside a name, a capitalised word after it: ``ID. Space Vizzion``.
_NAME_GOES_ON = LazyPattern(rf"\.\s+[{CAPITALS}]")
#: Auxiliaries after which the question's own verb follows its subject (``did X land``).
_VERB_FOLLOWS = frozenset("did does do will would can could should may might".split())


def _owned_subject(question: str, start: int, end: int, auxiliary: str, the: bool) -> str | None:
    """What the name at ``start:end`` owns when the question's subject is that
    (``the Indians' aircraft`` in ``Where did the Indians' aircraft land?``): the words after
    its possessive, without the verb an ``auxiliary`` such as "did" leaves after them; None
    when the name owns nothing there."""
    if question[end : end + 2] in ("'s", "’s"):
        after = end + 2
    elif question[end - 1 : end] in ("'", "’"):
        after = end
    else:
        return None
    stop = phrase_end(question, after)
    owned = question[after:stop].split()
    if auxiliary in _VERB_FOLLOWS and len(owned) > 1:
        owned = owned[:-1]  # "aircraft land": the verb is no part of what it owns
    if not owned:
        return None
    return f"{'the ' if the else ''}{question[start:after]} {' '.join(owned)}"


def _spoken_of_as_a_thing(name: str, previous: PreviousTurn) -> bool:
    """Whether the sentences of the last answer and its passages that name ``name`` (by its
    last word) hold more of "it" and "its" after it than of "he", "she" and their forms: a
    body or a thing, no person."""
    last = name.split()[-1].casefold()
    thing = person = 0
    for text in [*previous.answer_sentences, *previous.passages]:
        for sentence in _SENTENCE_END.split(text):
            words = [re.sub(r"['’]s$", "", w.casefold()) for w in words_of(sentence)]
            if last in words:
                after = words[words.index(last) + 1 :]  # "He said WeWork …": another's "he"
                thing += sum(w in ("it", "its") for w in after)
                person += sum(w in _HE or w in _SHE for w in after)
    return thing > person or (thing == person == 0)


def _person_answering(previous: PreviousTurn, pronoun: str) -> str | None:
    """The person the last answer gives for what its question asked: the name it gives for
    the noun of ``Which physiologist …?`` (``Jane Roe, a physiologist``), or the one doing the
    verb of ``Who found …?`` (``Howitt found``) in the sentence answering it; None when that
    is no person, or one the answer's texts speak of with the other pronoun."""
    base = split_carried(previous.question)[0]
    if _asks_for_the_subject(base) and not asks_about_the_answer(base):
        verb = asked_verb(base, len(words_of(base)[0]))
        name = (
            doer_of(
                verb,
                [*_answering_sentence(previous), *previous.answer_sentences],
                previous.question.casefold(),
                kinds=frozenset(("person", "unknown")),
            )
            if verb is not None
            else None
        )
    elif _ASKED_THING.match(base) is not None and not _asks_for_an_organisation(base):
        name = _name_given_for_the_asked(previous)
    else:
        return None
    if name is None or name.startswith("the "):
        return None
    # A name of one word was a person's or of no known kind where the answer gave it.
    whole = [(0, len(name), "person")]
    if " " in name and entity_spans(name, Vocabulary(), person_cues=True) != whole:
        return None
    if (
        _spoken_of_otherwise(name, pronoun, previous)
        or _titled_otherwise(name, pronoun)
        or _named_as_a_body(name, previous)
    ):
        return None
    return name


def _body_doing_what_was_asked(previous: PreviousTurn) -> str | None:
    """After ``Who will build the plant?``, the name the answer gives as doing it when it is
    no person's (``Celvia will build …``): what a next ``it`` means. None after any other
    question, or when the one doing it may be a person (``it`` is then more likely what the
    question spoke of)."""
    base = split_carried(previous.question)[0]
    if not _asks_for_the_subject(base) or asks_about_the_answer(base):
        return None  # "who reported that?": "it" is still what was reported, not who
    verb = asked_verb(base, len(words_of(base)[0]))
    if verb is None:
        return None
    return doer_of(
        verb,
        [*_answering_sentence(previous), *previous.answer_sentences],
        previous.question.casefold(),
        kinds=frozenset(("organisation", "place", "unknown")),
    )


def _is_the_asked_noun(question: str, start: int, end: int) -> bool:
    """Whether the name at ``start`` is the noun a ``which``/``what`` question asks for
    (``NGO`` in ``Which NGO helps …?``): what the answer names, not a name itself."""
    base = split_carried(question)[0]
    modified = _MODIFIED_NOUN.match(base)
    if modified is not None and start < modified.end("names"):
        return True  # "Which Toyota model …?": a model, of which Toyota only says whose
    asked = _ASKED_THING.match(base)
    # "What is the Sana Sezim NGO doing?": a name asked about, longer than the noun.
    return asked is not None and (asked.start("noun"), asked.end("noun")) == (start, end)


#: A noun asked for after names that say whose it is: ``Which Toyota model …?``.
_MODIFIED_NOUN = LazyPattern(
    rf"^(?i:which|what)\s+(?P<names>(?:[{CAPITALS}][\w’'\-]*\s+){{1,3}})[a-z][\w\-]*\b"
)


def _asks_for_an_organisation(question: str) -> bool:
    """``Which movement …?``, ``What company …?``: the answer names an organisation."""
    noun = lead_noun(question)
    return noun is not None and is_organisation_word(question[noun[0] : noun[1]].casefold())
