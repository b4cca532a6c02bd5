"""Fragments filled into the previous question: ``and in 2010?``, ``how many women?``,
``why?``, ``and Ford?``, ``what about apples?``, ``and today?``.

A fragment replaces the constraint of the same kind in the previous question (a year a
year, a place a place, a name a name, a noun the asked noun, a time word the time, a phrase
the phrase with its preposition or head noun), or is added to it when it has none (a year,
a place). When it has nothing to take the place of, it is asked as typed after the previous
question. The earlier questions the previous question followed stay after it, untouched.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from qa.patterns import LazyPattern
from qa.search.followup_text import (
    LEAD,
    MEASURES,
    NOUN_LEADS,
    WORD,
    YEAR,
    PreviousTurn,
    capitalised,
    is_continuation,
    is_plural,
    lead_noun,
    phrase_end,
    split_carried,
    with_carried,
    with_context,
    words_of,
)
from qa.search.name_kinds import (
    AUXILIARIES,
    DEMONSTRATIVES,
    PREPOSITIONS,
    QUESTION_WORDS,
    STOPWORDS,
    Vocabulary,
    entity_spans,
    is_demonym,
    is_pronoun,
    is_role_word,
    says_where_from,
)
from qa.text import CAPITALS

#: Periods ``this`` names in the present: ``this year``.
_PERIODS = frozenset(("year", "week", "month", "season"))


def is_fragment(text: str) -> bool:
    """A short piece with no verb of its own: ``in 2015``, ``how many women``, ``why``."""
    words = words_of(text)
    if not words or len(words) > 5:
        return False
    lowered = [w.casefold() for w in words]
    # "this year" names a time, as "in 2017" does; other demonstratives point back
    pointing = [
        w
        for w, following in zip(lowered, [*lowered[1:], ""], strict=True)
        if w in DEMONSTRATIVES and not (w == "this" and following in _PERIODS)
    ]
    if pointing or any(w in AUXILIARIES for w in lowered):
        return False
    if "there" in lowered[1:]:
        return False  # "what happens there": a clause whose "there" points back
    lead = LEAD.match(text)
    # Only "how many women", "which year": a question word then a noun. "who said…" and
    # "where did…" are clauses.
    if lead is not None and lead.end() < len(text.rstrip()):
        after = words_of(text[lead.end() :])
        if _bare_preposition(after):
            return True  # "where to?", "who by?"
        if lead.group(0).casefold().split()[-1] not in NOUN_LEADS or len(after) > 2:
            return False
    if any(is_pronoun(w) for w in lowered):
        return False
    # A past tense or a participle makes it a clause ("who founded Sana Sezim").
    return not any(w.endswith("ed") and w[0].islower() and len(w) > 4 for w in words[1:])


def fill_slot(
    fragment: str, previous: PreviousTurn, vocabulary: Vocabulary, typed: str = ""
) -> str:
    """The previous question with the fragment's constraint put in place of its own; the
    earlier turns' questions it carried stay, untouched, after it. When the fragment has
    nothing to put in place of, it is asked as ``typed`` (the fragment by default) after
    the previous question."""
    if LEAD.match(fragment) is not None and fragment.casefold().startswith("for "):
        # "for which newspaper?" asks whom the one just named works for, not the old question.
        return with_context(typed or fragment, previous)
    base, carried = split_carried(previous.question)
    if carried and _asks_only_about_the_answer(base):
        # "and what about the Tories?" after "why? (following: What did Kennedy say about
        # Blair?)": the question "why?" went on from is the one to fill.
        base, _, rest = carried.partition("? ")
        base, carried = base.rstrip("?"), rest
    if is_continuation(base):
        # "and in the United Kingdom?" after "What about the Spanish-language broadcast?":
        # that is no question to put a place into.
        return with_context(typed or fragment, previous)
    if _YEAR_BESIDE.fullmatch(fragment) and YEAR.search(base) is None:
        # "and the year before?" after "how much came from gambling?", which went on from a
        # question about 2001: the year the conversation is about.
        year = next(filter(None, (YEAR.search(q) for q in previous.earlier)), None)
        base = f"{base} in {year.group(0)}" if year is not None else base
    filled = _filled(fragment, base, vocabulary)
    if filled is None:
        # No constraint of its kind to replace and no place to put it: asked as typed,
        # after the previous question ("and the Liberal Democrats?").
        return with_context(typed or fragment, previous)
    return with_carried(capitalised(filled), carried)


def _filled(fragment: str, base: str, vocabulary: Vocabulary) -> str | None:
    lead = LEAD.match(fragment)
    if lead is not None:
        return _ask_again(fragment, lead, base)
    year = YEAR.search(fragment)
    if year is not None and len(words_of(fragment)) <= 3:
        span = _YEARS_SPAN.search(base)
        if span is not None:
            # "only 2017" after "… between 2010 and 2017?", "in 2011" after "… last year?"
            return f"{base[: span.start()]}in {year.group(0)}{base[span.end() :]}?"
        years = list(YEAR.finditer(base))
        if years:
            last = years[-1]
            return f"{base[: last.start()]}{year.group(0)}{base[last.end() :]}?"
        return f"{base} in {year.group(0)}?"
    relative = _RELATIVE_YEAR.fullmatch(fragment.strip())
    span = _YEARS_SPAN.search(base)
    if relative is not None and relative["now"] is not None:
        span = span or _IN_A_YEAR.search(base)  # "the previous year": the year beside it
    if relative is not None and span is not None:
        # "and last year?" after "How much did the council give this year?"; "I meant this
        # year" after "… in 2017?"
        return f"{base[: span.start()]}{fragment.strip()}{base[span.end() :]}?"
    beside = _YEAR_BESIDE.fullmatch(fragment)
    years = list(YEAR.finditer(base))
    if beside is not None and years:
        # "and the year before?" after "… in 2000?": 1999 in its place.
        last = years[-1]
        way = (beside["way"] or beside["way2"]).casefold()
        step = -1 if way in ("before", "earlier", "previous") else 1
        return f"{base[: last.start()]}{_year_moved(last.group(0), step)}{base[last.end() :]}?"
    now = _NOW.fullmatch(fragment)
    then = _TIME_PHRASE.search(base)
    if now is not None and then is not None:
        # "and today?" after "… in the late 1990s?": the time asked about changes.
        return f"{base[: then.start()]}{fragment}{base[then.end() :]}?"
    if words_of(fragment)[-1].casefold() in _ONES:
        # "and the Danish ones?": another item of the list, never a name in another's place.
        other = _other_item(fragment, base)
        if other is not None:
            return other
    owner = _POSSESSIVE_FRAGMENT.fullmatch(fragment)
    if owner is not None:
        replaced = _owner_replaced(owner["owner"], base, vocabulary)
        if replaced is not None:
            return replaced
    by_role = _role_replaced(fragment, base)
    if by_role is not None:
        return by_role
    subject = _SUBJECT_THEN_VERB.match(base)
    if (
        subject is not None
        and _THE_PHRASE.fullmatch(fragment)
        and not {w.casefold() for w in words_of(fragment)} & _NOT_SUBJECTS
    ):
        # "and the Wessex Valley trust?" after "How many staff does the Romsey diagnostic
        # centre employ?": another subject for the same verb.
        return f"{base[: subject.start('subject')]}{fragment}{base[subject.end('subject') :]}?"
    names = entity_spans(fragment, vocabulary)
    if names:
        start, end, kind = names[-1]
        name = fragment[start:end]
        # "and the Harbour Bank's?": the possessive is the name's, no phrase after it.
        after = end + 2 if fragment[end : end + 2] in ("'s", "’s") else end
        modified = words_of(fragment[after:])[:1]
        if (
            modified
            and modified[0].islower()
            and modified[0] not in PREPOSITIONS
            and modified[0] not in STOPWORDS
        ):
            # "what about the Spanish-language broadcast?": a broadcast, which no name of the
            # last question is; "and Tony Blair as prime minister?" is a name. "and in the
            # Reuters poll?" still takes the place of the phrase of its shape.
            if words_of(fragment)[0].casefold() in PREPOSITIONS:
                return _same_phrase_replaced(fragment, base)
            return None
        same = [span for span in _spans_as_written(base, vocabulary) if span[2] == kind]
        preposition = words_of(fragment[:start])[-1:]
        if preposition and preposition[0].casefold() in _PLACING:
            # "and in Norway?" after "When will the Celvia plant in Lund open?": in Norway for
            # in Lund, whatever kind each name seems of.
            placed = [
                span
                for span in entity_spans(base, vocabulary)
                if span[2] != "person"
                and words_of(base[: span[0]])[-1:] == [preposition[0].casefold()]
            ]
            same = placed[-1:] or same
        if same:
            old_start, old_end, _ = same[-1]
            possessive = base[old_end : old_end + 2] in ("'s", "’s")
            name = name if possessive or not name.endswith(("'s", "’s")) else name[:-2]
            if fragment[:start].casefold().endswith("the ") and not base[
                :old_start
            ].casefold().endswith("the "):
                name = f"the {name}"  # "what about the Conservatives?" after "… Labour …"
            filled = f"{base[:old_start]}{name}{base[old_end:]}"
            rest = fragment[after:].strip()
            if rest:
                # "and Tony Blair as prime minister?": the name, then "as …" for "as …".
                filled = _same_phrase_replaced(rest, filled) or f"{filled} {rest}?"
                return filled
            return f"{filled}?"
        if words_of(fragment)[0].casefold() in _TOPIC_PREPOSITIONS:
            # "no, I meant about Virginia" after "What did Trump tweet about Matt Bevin?":
            # what it was about changes, whatever kind each name seems of.
            replaced = _same_phrase_replaced(fragment, base)
            if replaced is not None:
                return replaced
        if kind == "place":
            return f"{base} {_with_preposition(fragment, kind)}?"
        if words_of(fragment)[0].casefold() in PREPOSITIONS:
            # "and about the EU?" after "What did he say about 2019?": the phrase of its shape.
            return _same_phrase_replaced(fragment, base)
        others = [span for span in entity_spans(base, vocabulary) if span[2] != "place"]
        if len(others) == 1 and fragment[:start].casefold().strip() in ("", "the"):
            # "and the Salvation Army?" after "What did Richard Caborn say?": the one name
            # the question is about, whatever its kind.
            old_start, old_end, _ = others[0]
            if (kind == "person" and not fragment[:start].strip()) or fragment[:start].strip():
                # "and Ann Lee?" after "What did the Greens say?": no "the Ann Lee"; one
                # "the" for "and the Treasury?" after "What did the Kelso Council say?".
                old_start = _without_article(base, old_start)
            return f"{base[:old_start]}{_as_placed(fragment, base, old_end)}{base[old_end:]}?"
        if kind == "person" and not others and fragment[:start].strip() == "":
            # "and Ann Lee?" after "What did the government spokesman say?": the one whose
            # words were asked for, by role, now by name.
            role = _SPEAKER_ROLE.match(base)
            if role is not None:
                return f"{base[: role.start('role')]}{fragment}{base[role.end('role') :]}?"
        return None
    if _is_bare_name(fragment):
        # "and Ford?" after "When did Holden announce …": a name in place of the first one.
        others = [span for span in entity_spans(base, vocabulary) if span[2] != "place"]
        if others:
            old_start, old_end, _ = others[0]
            return f"{base[:old_start]}{_as_placed(fragment, base, old_end)}{base[old_end:]}?"
    replaced = _same_phrase_replaced(fragment, base) or _other_item(fragment, base)
    if replaced is not None:
        return replaced
    words = words_of(fragment)
    if (
        words[0].casefold() == "for"
        and len(words) > 1
        and all(w.islower() for w in words)
        and not re.search(r"\bfor\b", base, re.I)
    ):
        # "and for the women's matches?" after "What was the average crowd this season?":
        # the same question narrowed to them.
        return f"{base} {fragment}?"
    people = [span for span in entity_spans(base, vocabulary) if span[2] != "place"]
    if (
        words[0].casefold() == "the"
        and 1 < len(words) <= 4
        and (all(w.islower() for w in words) or _role_fragment(fragment) is not None)
        and len(people) == 1
        and people[0][2] == "person"
        and _SPEAKER.match(base[people[0][1] :]) is not None
        and words_of(base[: people[0][0]])[-1:] in (["did"], ["does"], ["do"], ["has"], ["have"])
    ):
        # "and the chief executive?" after "What did Tom Ray say?": the one asked about, now
        # by role.
        return f"{base[: people[0][0]]}{fragment}{base[people[0][1] :]}?"
    noun = lead_noun(base)
    words = [w.casefold() for w in words_of(fragment)]
    if noun is not None and _plural_noun_phrase(words):
        start, end = noun
        asked = base[start:end].split()[0]
        if (
            base[:start].casefold().startswith(("which", "what"))
            and not is_plural(asked)
            and asked.casefold() not in _QUANTITIES
        ):
            # "and drones?" after "Which state banned shark fins?": not a state; the plural
            # the verb acts on.
            return _plural_object_replaced(fragment, base, start + len(asked))
        of = _OF.match(base, end)
        if base[start:end].casefold() in _QUANTITIES and of is not None:
            # "what about apples?" after "What share of Australian pears …": the pears go.
            of_end = phrase_end(base, of.end())
            head = base.rfind(" ", of.end() - 1, of_end) + 1
            if of_end > of.end():
                return f"{base[:head]}{fragment}{base[of_end:]}?"
        if of is not None:
            # "and women?" after "How many victims of trafficking …?": women among them,
            # not "women of trafficking".
            return f"{base[:start]}{fragment} {base[start:]}?"
        return f"{base[:start]}{fragment}{base[end:]}?"
    return None


#: A question whose subject, after "the", stands between its auxiliary and its one last verb:
#: ``How many staff does the Romsey diagnostic centre employ``.
_SUBJECT_THEN_VERB = LazyPattern(
    r"^(?:how\s+(?:many|much)(?:\s+[a-z][\w\-]*)?|when|where|why|what)\s+"
    r"(?:does|did|do|will|would|can|could)\s+(?P<subject>the\s+(?:[\w’'\-]+\s+){0,4}?"
    r"[\w’'\-]+)\s+[a-z][\w\-]*$",
    re.I,
)
#: Words of a fragment that says when or which one, never another subject: ``the year
#: before``, ``the other one``.
_NOT_SUBJECTS = frozenset(
    "year years month week day season time period before after previous next last same first "
    "second third other others one ones rest latter former".split()
)
#: A noun phrase after "the", with no verb or preposition: ``the Wessex Valley trust``.
_THE_PHRASE = LazyPattern(r"the\s+(?:[\w’'\-]+\s+){0,3}[\w’'\-]+", re.I)
#: Prepositions that say what a question is about, never a time: ``about Virginia``.
_TOPIC_PREPOSITIONS = frozenset(("about", "against", "with"))
#: Prepositions that place what a question asks about: ``in``, ``at``.
_PLACING = frozenset(("in", "at", "near", "across", "throughout"))


def _spans_as_written(text: str, vocabulary: Vocabulary) -> list[tuple[int, int, str]]:
    """The names of ``text`` with their kinds (``entity_spans``), where two capitalised words
    after "the" (``the Liberal Alliance``), read as a person's by default, are a body's: a
    person's name takes no article."""
    return [
        (a, b, "organisation")
        if kind == "person" and text[:a].casefold().endswith("the ") and " " in text[a:b]
        else (a, b, kind)
        for a, b, kind in entity_spans(text, vocabulary)
    ]


#: What a role may end with: `` of State`` in "Secretary of State".
_OF_BODY = LazyPattern(rf"\s+of\s+(?:the\s+)?[{CAPITALS}][\w\-]*(?:\s+[{CAPITALS}][\w\-]*)*")
#: Up to how many words may stand between "the" (or whose) and the role's last word.
_ROLE_MODIFIERS = 3


def _role_fragment(fragment: str) -> tuple[str, bool] | None:
    """``the finance minister``, ``the US Secretary of State``: a role, as it would stand
    after "the" (``finance minister``), and whether it says itself whose or where it is
    (a possessive, a place, a people or initials: ``US``); None when the fragment is no
    role."""
    text = fragment.strip()
    if text.casefold().startswith("the "):
        text = text[4:].strip()
    of = _OF_BODY.search(text)
    head_part = text[: of.start()] if of is not None and of.end() == len(text) else text
    words = head_part.split()
    if not words or len(words) > _ROLE_MODIFIERS + 1 or not is_role_word(words[-1]):
        return None
    closed = PREPOSITIONS | STOPWORDS | AUXILIARIES | frozenset(QUESTION_WORDS)
    if any(w in closed for w in words):
        return None
    whose = any(w.endswith(("'s", "’s")) or says_where_from(w) for w in words[:-1])
    return text, whose


def _role_in(base: str) -> tuple[int, int, str] | None:
    """The last role a question names after "the" or whose it is, with the name of its
    holder right after it (``the Kelso mayor Tom Ray``): where it starts and ends, and what
    says whose or where it is (``Finland's``, ``the Finnish``; "" for none). None when the
    question names no such role."""
    words = list(WORD.finditer(base))
    heads = [at for at, word in enumerate(words) if is_role_word(word.group(0))]
    if not heads:
        return None
    head = heads[-1]
    end = words[head].end()
    of = _OF_BODY.match(base, end)
    end = of.end() if of is not None else end
    holder = _HOLDER.match(base, end)
    end = holder.end() if holder is not None else end
    closed = PREPOSITIONS | STOPWORDS | AUXILIARIES | frozenset(QUESTION_WORDS)
    for at in range(head - 1, max(-1, head - _ROLE_MODIFIERS - 2), -1):
        word = words[at].group(0)
        if word.endswith(("'s", "’s")):
            # "Norway's Prime Minister", "the union's secretary": whose it is.
            owner = _OWNER_BEFORE.search(base[: words[at].end()])
            start = owner.start() if owner is not None else words[at].start()
            return start, end, base[start : words[at].end()]
        if word.casefold() == "the":
            where = [w.group(0) for w in words[at + 1 : head] if says_where_from(w.group(0))]
            return words[at].start(), end, " ".join(["the", *where]) if where else ""
        if word in closed:
            return None
    return None


#: Whose something is, ending a text: ``the union's``, ``Vantor Bank's``.
_OWNER_BEFORE = LazyPattern(rf"(?:\b[Tt]he\s+)?(?:[{CAPITALS}][\w\-]*\s+){{0,2}}[\w\-]+(?:'s|’s)$")


def _role_replaced(fragment: str, base: str) -> str | None:
    """``and the finance minister?`` after ``What did Norway's Prime Minister say?``: the
    new role in the old one's place, still Norway's (``What did Norway's finance minister
    say?``); the old role's holder goes with it. A role that says itself whose or where it
    is (``the US Secretary of State``) takes the whole place. None when the fragment is no
    role or the question names none."""
    role = _role_fragment(fragment)
    found = _role_in(base)
    if role is None or found is None:
        return None
    text, whose = role
    start, end, qualifier = found
    if whose or not qualifier:
        text = f"the {text}" if not whose or fragment.casefold().startswith("the ") else text
    else:
        text = f"{qualifier} {text}"
    return f"{base[:start]}{text}{base[end:]}?"


#: "What did the government spokesman say …": the one whose words are asked for, by role.
_SPEAKER_ROLE = LazyPattern(
    r"^(?:what|how)\s+(?:did|does|do|has|have)\s+(?P<role>the\s+[a-z][\w\-]*(?:\s+[a-z][\w\-]*){0,2}?)"
    r"\s+(?:say|said|tell|told|think|argue|claim|warn|add|announce|reply|respond|react)\b",
    re.I,
)


def _as_placed(fragment: str, base: str, old_end: int) -> str:
    """A name fragment as it goes in another name's place: ``and Vantor's?`` after ``What
    did Tom Ray say?`` puts Vantor, not "Vantor's", where Tom Ray stood."""
    if base[old_end : old_end + 2] in ("'s", "’s"):
        return fragment
    return fragment.removesuffix("'s").removesuffix("’s")


#: A verb of saying right after a name: ``… Tom Ray say?``.
_SPEAKER = LazyPattern(
    r"\s+(?:say|said|says|tell|told|think|argue|claim|warn|add|announce|reply|respond|react)\b",
    re.I,
)


def _without_article(base: str, start: int) -> int:
    """Where the name at ``start`` begins with "the " before it taken in (``the Opposition``)."""
    return start - 4 if base[:start].casefold().endswith("the ") else start


#: "how many were wounded", "how much was stolen": a count asked again of another verb.
_COUNT_OF_A_VERB = LazyPattern(
    r"^how\s+(?P<lead>many|much)\s+(?P<aux>were|was|are|is|have\s+been|has\s+been)\s+"
    r"(?P<verb>[a-z]+(?:ed|en|wn|st|lt|nt))$",
    re.I,
)


def parallel_count(question: str, previous: PreviousTurn) -> str | None:
    """``and how many were rescued?`` after ``How many sailors were lost in the storm?``:
    the previous question with the new verb in the old one's place (``How many sailors
    were rescued in the storm?``); None when the two do not ask a count the same way."""
    asked = _COUNT_OF_A_VERB.match(" ".join(question.split()).rstrip("?!. "))
    base, carried = split_carried(previous.question)
    if asked is None or carried:
        return None
    old = re.match(
        rf"^how\s+{asked['lead']}\s+(?P<noun>.+?)\s+{asked['aux']}\s+(?P<verb>[a-z]+)\b",
        base,
        re.I,
    )
    if old is None or old["verb"].casefold() == asked["verb"].casefold():
        return None
    return f"{base[: old.start('verb')]}{asked['verb']}{base[old.end('verb') :]}?"


def _asks_only_about_the_answer(question: str) -> bool:
    """A question word alone, or with ``that``/``so`` (``Why``, ``Who said that``): it names
    nothing a fragment could take the place of."""
    words = [w.casefold() for w in words_of(question)]
    return (
        bool(words)
        and len(words) <= 3
        and words[0] in QUESTION_WORDS
        and all(
            w in QUESTION_WORDS
            or w in AUXILIARIES
            or w in DEMONSTRATIVES
            or w in ("so", "said", "says", "exactly", "then")
            for w in words
        )
    )


def _plural_object_replaced(fragment: str, base: str, after: int) -> str | None:
    """``base`` with ``fragment`` in place of its last lower-case plural after ``after`` and
    the one modifier before it (``shark fins`` in ``Which state banned shark fins``; no word
    ending in -ed or -s, which is likely a verb); None when it has none."""
    words = list(WORD.finditer(base, after))
    plurals = [i for i, w in enumerate(words) if w.group(0).islower() and is_plural(w.group(0))]
    if not plurals:
        return None
    last = plurals[-1]
    first = last
    modifier = words[last - 1].group(0) if last > 0 else ""
    if (
        modifier.islower()
        and not modifier.endswith(("ed", "s"))
        and modifier not in STOPWORDS | AUXILIARIES | PREPOSITIONS | {"most", "least", "more"}
    ):
        first = last - 1
    return f"{base[: words[first].start()]}{fragment}{base[words[last].end() :]}?"


def _same_phrase_replaced(fragment: str, base: str) -> str | None:
    """``base`` with the fragment in place of its phrase of the same shape: a phrase with
    the same preposition (``and on 20 cigarettes?`` for ``on a bottle of wine``), or a noun
    phrase with the same head (``and the inheritance tax threshold?`` for ``the stamp duty
    threshold``); None when it has neither."""
    words = words_of(fragment)
    if len(words) < 2:
        return None
    first = words[0].casefold()
    if first in PREPOSITIONS or first == "as":
        phrases = list(re.finditer(rf"\b{re.escape(words[0])}\s+", base, re.I))
        if not phrases:
            return None
        start = phrases[-1].start()
        end = _phrase_with_of(base, phrases[-1].end())
        if end <= phrases[-1].end():
            return None
        return f"{base[:start]}{fragment}{base[end:]}?"
    if first in ("the", "a", "an") and words[-1][0].islower():
        head = re.search(
            rf"\b(?:the|a|an)\s+(?:[\w'’\-]+\s+){{0,3}}?{re.escape(words[-1])}\b", base, re.I
        )
        if head is not None:
            # "the Kelso mayor Tom Ray": the one holding the role goes with it.
            holder = _HOLDER.match(base, head.end())
            end = holder.end() if holder is not None else head.end()
            return f"{base[: head.start()]}{fragment}{base[end:]}?"
    return None


#: A fragment that names only whose it is: ``the bank's``, ``Vantor Bank's``.
_POSSESSIVE_FRAGMENT = LazyPattern(
    r"(?P<owner>(?:the\s+)?(?:[\w\-]+\s+){0,2}[\w\-]+)(?:'s|’s)", re.I
)
#: The last possessor a question names: ``the union's``, ``Vantor Bank's``, with the name of
#: a person it may stand before (``the union's Tom Ray``).
_OWNER_IN = LazyPattern(
    rf"(?:\b[Tt]he\s+(?:[a-z][\w\-]*\s+){{0,2}}[\w\-]+|(?<![\w’'\-])(?:[{CAPITALS}][\w\-]*\s+)"
    rf"{{0,2}}[{CAPITALS}][\w\-]*)(?:'s|’s)(?P<person>\s+[{CAPITALS}][\w’'\-]*"
    rf"(?:\s+[{CAPITALS}][\w’'\-]*)+)?"
)


def _owner_replaced(owner: str, base: str, vocabulary: Vocabulary) -> str | None:
    """``and the bank's?`` after ``Who is the union's secretary?``: the bank in the union's
    place (``Who is the bank's secretary?``); after ``What did the union's Tom Ray say?`` the
    union's person goes too (``What did the bank say?``). None when the question names no
    one's anything."""
    found = list(_OWNER_IN.finditer(base))
    if not found:
        return None
    last = found[-1]
    before = base[: last.start()]
    if before.casefold().endswith("the ") and owner.casefold().startswith("the "):
        owner = owner[4:]  # "the City Bank's" for "the Harbour Bank's": one "the"
    if last["person"]:
        return f"{before}{owner}{base[last.end() :]}?"
    return f"{before}{owner}'s{base[last.end() :]}?"


#: What stands for the noun of an earlier phrase: ``the online ones``.
_ONES = frozenset(("one", "ones"))


def _other_item(fragment: str, base: str) -> str | None:
    """``and the online ones?`` or ``and online job ads?`` after ``How many print job ads
    …?``: another item of what the question counted or asked for, in place of its noun
    phrase (``How many online job ads …?``); None when the fragment is no such phrase."""
    words = words_of(fragment)
    if words and words[0].casefold() in ("the", "a", "an"):
        words = words[1:]
    closed = PREPOSITIONS | STOPWORDS | AUXILIARIES | frozenset(QUESTION_WORDS)
    if not 1 < len(words) <= 4 or any(w.casefold() in closed for w in words):
        return None
    noun = lead_noun(base)
    if noun is None:
        return None
    start, end = noun
    phrase = base[start:end].split()
    if phrase[0].casefold() in _QUANTITIES:
        return None
    if words[-1].casefold() in _ONES:
        # The names before the noun stay (``Vantor workers``), the first modifier goes.
        names = list(itertools.takewhile(lambda w: w[0].isupper() and not is_demonym(w), phrase))
        rest = phrase[len(names) :]
        kept = rest[1:] if len(rest) > 1 else rest
        return f"{base[:start]}{' '.join([*names, *words[:-1], *kept])}{base[end:]}?"
    if words[-1].casefold() == phrase[-1].casefold():
        return f"{base[:start]}{' '.join(words)}{base[end:]}?"
    return None


#: The name of who holds a role, right after it: `` Tom Ray`` in "the mayor Tom Ray".
_HOLDER = LazyPattern(rf"\s+[{CAPITALS}][\w’'\-]*(?:\s+[{CAPITALS}][\w’'\-]*)+")


def _phrase_with_of(base: str, start: int) -> int:
    """Where the noun phrase from ``start`` ends, ``of …`` included (``a bottle of wine``)."""
    end = phrase_end(base, start)
    while (of := _OF.match(base, end)) is not None and phrase_end(base, of.end()) > of.end():
        end = phrase_end(base, of.end())
    return end


_OF = LazyPattern(r"\s+of\s+")


#: A time a year can stand in place of: a span of years or a year named relatively.
_YEARS_SPAN = LazyPattern(
    r"\b(?:(?:between|from)\s+(?:1[89]|20)\d\d\s+(?:and|to|until)\s+(?:1[89]|20)\d\d"
    r"|(?:(?:in|during)\s+)?(?:last|this|next|the\s+previous|the\s+same)\s+(?:year|season))\b",
    re.I,
)
#: The last year a question names, with its "in": ``in 2017``.
_IN_A_YEAR = LazyPattern(r"\b(?:in\s+)?(?:1[89]|20)\d\d\b(?!.*\b(?:1[89]|20)\d\d\b)")
#: A year named relatively: ``last year``, ``in the same year``.
_RELATIVE_YEAR = LazyPattern(
    r"(?:(?:in|during)\s+)?(?:(?P<now>last|this|next)|the\s+previous|the\s+same)\s+year", re.I
)
#: The year before or after the one asked about: ``the year before``, ``a year later``,
#: ``the previous year``.
_YEAR_BESIDE = LazyPattern(
    r"(?:in\s+)?(?:the|a)\s+(?:year\s+(?P<way>before|after|earlier|later)|"
    r"(?P<way2>previous|next|following)\s+year)",
    re.I,
)


def _year_moved(years: str, step: int) -> str:
    """A year, or each end of a span of years (``2000-01``), moved by ``step`` years."""

    def moved(found: re.Match[str]) -> str:
        digits = found.group(0)
        if len(digits) == 2:
            return f"{(int(digits) + step) % 100:02d}"
        return str(int(digits) + step)

    return re.sub(r"\d+", moved, years)


_NOW = LazyPattern(r"(?:today|now|currently|nowadays|these\s+days|at\s+present)", re.I)


_TIME_PHRASE = LazyPattern(
    r"\b(?:in|during|since|by)\s+(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?"
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+)?(?:1[89]|20)\d\d(?:s|\s*[-–]\s*\d{2,4})?\b",
    re.I,
)


_QUANTITIES = frozenset(
    "share percentage proportion part number amount fraction majority half third quarter".split()
)


def _is_bare_name(fragment: str) -> bool:
    """A fragment that is only a name: ``Ford``, ``DeMarcus Ware``."""
    words = words_of(fragment)
    return (
        0 < len(words) <= 3
        and all(w[0].isupper() for w in words)
        and words[0].casefold() not in STOPWORDS
        and words[0].casefold() not in QUESTION_WORDS
    )


def _plural_noun_phrase(words: Sequence[str]) -> bool:
    """``women``, ``foreign sites``: what can stand for the noun of ``how many people``."""
    if not words or len(words) > 2 or any(w in PREPOSITIONS or w in STOPWORDS for w in words):
        return False
    last = words[-1]
    return last.endswith("s") or last in ("people", "men", "women", "children")


def _with_preposition(fragment: str, kind: str) -> str:
    words = words_of(fragment)
    if kind == "place" and words and words[0].casefold() not in PREPOSITIONS:
        return f"in {fragment}"
    return fragment


def _ask_again(fragment: str, lead: re.Match[str], base: str) -> str | None:
    """``why?``/``how many women?`` asked of the previous question's subject; None when the
    previous question's subject is what it asked for (``Which body developed …?``), so that
    a question word put in front of the rest would not read as a question."""
    if _bare_preposition(words_of(fragment[lead.end() :])):
        return None  # "where to?": asked after the previous question
    asked = fragment[0].upper() + fragment[1:]
    old = LEAD.match(base)
    if old is None:
        return f"{asked} {_lowercase_first(base)}?"
    noun = lead_noun(base)
    has_noun = lead.end() < len(fragment.rstrip())
    if has_noun or noun is None:
        cut = noun[1] if noun is not None and has_noun else old.end()
        if noun is None and not _opens_with_auxiliary(base[cut:]):
            return None  # "when?" or "in which year?" after "Who reported those figures?"
        if (
            noun is None
            and _asks_for_an_object(old, base[cut:])
            and (not has_noun or fragment.split()[0].casefold() in _LEADING_PREPOSITIONS)
        ):
            # "where?" after "Who did they beat in the final?", "according to which
            # organisation?" after "What did the decree create?": the verb would lose its object.
            return None
        if noun is None and not has_noun and _asks_what_something_is(old, base[cut:]):
            return None  # "why?" after "What is the capital of France?"
        rest = base[cut:]
        if old.group(0).casefold() == "where" and not asked.casefold().startswith("where"):
            # "why?" after "Where was the ferry sailing from?": "from" asked where, not why.
            rest = _STRANDED.sub("", rest)
        elif old.group(0).casefold() in ("what", "who", "whom") and not has_noun:
            # "when?" after "What will the workers vote on?": "on" went with "what".
            rest = _STRANDED_OBJECT.sub("", rest)
        return f"{asked}{rest}?"
    # A bare question word keeps the old subject: "how many people were…" + "why" →
    # "why were people…".
    rest = base[noun[1] :].lstrip()
    rest_words = rest.split(" ", 1)
    subject = base[old.end() : noun[1]].strip()
    if rest_words and rest_words[0].casefold() in AUXILIARIES:
        tail = rest_words[1] if len(rest_words) > 1 else ""
        first = tail.split(" ", 1)[0]
        if (
            old.group(0).casefold().split()[0] in ("which", "what")
            and first.islower()
            and not is_pronoun(first)
            and first not in ("the", "a", "an")
        ):
            # "how many?" after "Which company will employ people in Skellvik?": the company
            # was what it asked for, no subject to keep ("How many will company employ …").
            return None
        if first and (
            is_pronoun(first.casefold()) or first in ("the", "a", "an") or first[0].isupper()
        ):
            if subject.casefold() in MEASURES:
                # "why?" after "How many times was the launch delayed?": no "the times".
                return f"{asked} {rest_words[0]} {tail}?"
            # "when?" after "What title did she win?": the noun asked for is the object.
            return f"{asked} {rest_words[0]} {tail} the {subject}?"
        return f"{asked} {rest_words[0]} {subject} {tail}".rstrip() + "?"
    return None  # "when?" after "Which body developed …?"


#: A preposition ending a question, left by the question word it went with ("… from?").
_STRANDED = LazyPattern(r"\s+(?:from|to|in|at)$", re.I)
#: One left by "what" or "who" ("What will they vote on?", "Who did she work for?").
_STRANDED_OBJECT = LazyPattern(r"\s+(?:on|about|for|with|to|from|in|at|of|by|against)$", re.I)


def _asks_for_an_object(lead: re.Match[str], rest: str) -> bool:
    """``Who did they beat …``, ``What did he give …``: the question word stands for the
    object, so another question word in its place leaves the verb without one."""
    words = rest.split()
    return (
        lead.group(0).casefold() in ("who", "whom", "what", "which")
        and bool(words)
        and words[0].casefold() in ("do", "does", "did")
    )


_LEADING_PREPOSITIONS = PREPOSITIONS | {"according"}


def _asks_what_something_is(lead: re.Match[str], rest: str) -> bool:
    """``What is the capital …?``, ``Who was the president?``: the question word is what the
    verb "to be" says; "why" or "when" in its place asks nothing."""
    words = rest.split()
    return (
        lead.group(0).casefold() in ("who", "what", "which")
        and bool(words)
        and words[0].casefold() in ("is", "are", "was", "were")
    )


def _bare_preposition(words: Sequence[str]) -> bool:
    return len(words) == 1 and words[0].casefold() in PREPOSITIONS


def _opens_with_auxiliary(text: str) -> bool:
    words = text.split()
    return bool(words) and words[0].casefold() in AUXILIARIES


def _lowercase_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    if first.isupper() or (len(first) > 1 and any(c.isupper() for c in first[1:])):
        return text
    return text[:1].lower() + text[1:]
