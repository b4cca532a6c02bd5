"""A conversation: questions that lean on earlier turns are written out in full before searching.

``Assistant.conversation()`` starts one; ``Conversation.ask(question)`` resolves the
question against the previous turn (see ``qa.search.followup`` for the rules), asks the
assistant the resolved question, and returns its Answer with ``resolved_question``
set. A question about the last answer's source ("who wrote that?") is answered from
the cited article's metadata instead of a search; one about what the last answer said
("who said that?", "when was that?", "where?") is asked of the article it cited first
before the whole index. A ``why?`` that finds only sentences the last answer showed, none
giving a reason, says the articles give no reason beyond it (``no_reason_beyond``). A
``tell me more`` reads on in the passages the last answer cited (``more_than_shown``).
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qa.index.chunking import split_sentences
from qa.patterns import LazyPattern
from qa.records import Answer, Citation, Passage, Span
from qa.search.answer_types import COUNT, DATE, NUMBER, REASON, SCORE, things
from qa.search.article_questions import (
    AUTHOR,
    OUTLET,
    PUBLISHED,
    TITLE,
    article_fact,
    article_question,
)
from qa.search.attribution import names_speaker
from qa.search.followup import (
    MORE,
    REFERENCE,
    SOURCE,
    STANDALONE,
    PreviousTurn,
    Resolution,
    Vocabulary,
    asks_about_the_answer,
    asks_who_said_it,
    content_words,
    in_the_matter_shown,
    resolve,
)
from qa.search.followup_text import searched, split_carried, with_context
from qa.search.name_kinds import entity_spans
from qa.search.sentence_choice import matched_kind

if TYPE_CHECKING:
    from qa.search.assistant import Assistant
    from qa.search.retrieve import SearchFilters

_MARKER = LazyPattern(r"\s*\[\d+\]")
#: How many turns before the last one a person named there is still "he" or "she".
_EARLIER_TURNS = 3
_SEVERAL_PEOPLE = LazyPattern(r",|&|;|\band\b", re.I)
#: How many first letters of a word ``_stems`` keeps.
_STEM = 5
#: The kinds of answer told reliably from the surface: numbers, dates and scores.
_FIGURES = frozenset((NUMBER, COUNT, DATE, SCORE))
#: How many leading sentences of an answer must hold what a question asks for.
_LEADING = 2
#: "According to which organisation?", "what report says so?": a source that is no person,
#: so not whoever wrote the article.
_ASKS_FOR_A_BODY = LazyPattern(r"^(?:and\s+)?(?:according\s+to\s+)?(?:which|what)\b", re.I)
#: How many of the last answer's articles a question that names nothing is asked of alone.
_TYPED_ARTICLES = 3


@dataclass(frozen=True, slots=True)
class Turn:
    """One question of a conversation, how it was resolved, and its answer."""

    resolution: Resolution
    answer: Answer


class Conversation:
    """Questions asked one after another of one Assistant, each read in the light of the last.

    ``new()`` forgets the earlier turns. Filters and ``k`` are given per question,
    as with ``Assistant.ask``.
    """

    def __init__(self, assistant: Assistant):
        self.assistant = assistant
        self.turns: list[Turn] = []
        self._vocabulary: Vocabulary | None = None

    def new(self) -> None:
        """Start afresh: the next question is read on its own."""
        self.turns.clear()

    def resolve(self, question: str) -> Resolution:
        """How ``question`` would be read after the turns so far (nothing is searched)."""
        return resolve(question, self._previous(), self.vocabulary)

    def ask(
        self, question: str, *, k: int | None = None, filters: SearchFilters | None = None
    ) -> Answer:
        """Answer ``question`` in the light of the earlier turns; the Answer's
        ``resolved_question`` is the question as read: written out in full, or asked after
        the previous one (``followup_text.searched`` gives the text searched for it)."""
        began = time.perf_counter()
        previous = self._previous()
        resolution = self.resolve(question)
        if self._asks_more_of_the_article_asked_about(resolution):
            resolution = Resolution(resolution.question, resolution.question, SOURCE)
        resolved_ms = (time.perf_counter() - began) * 1000
        source = self._last_source() if resolution.kind == SOURCE else None
        base, shown = self._last_searched()
        if resolution.kind == SOURCE:
            answer = answer_about_source(resolution.question, source, self.assistant)
        elif resolution.kind == MORE and base is not None and base.citations:
            answer = more_than_shown(resolution.question, base, shown)
        else:
            followed = self._followed()
            first = self._answer_first_from_last_article(resolution, k, filters)
            if asks_who_said_it(resolution.question) and base is not None:
                first = self._who_said_it(resolution.question, base, first)
            answer = first or self.assistant.ask(
                searched(resolution.resolved), k=k, filters=filters, followed=followed
            )
            answer = self._answer_as_typed(resolution, answer, k, filters) or answer
            if answer.abstained and previous is not None:
                in_article = self._answer_in_the_article_shown(
                    resolution, answer, previous, k, filters
                )
                answer = in_article or answer
        if answer.abstained and resolution.kind == STANDALONE:
            # "what did Jane Roe say?", not found alone: asked again in the matter shown last.
            again = in_the_matter_shown(resolution.question, previous)
            if again is not None:
                retried = self.assistant.ask(
                    searched(again.resolved), k=k, filters=filters, followed=self._followed()
                )
                if not retried.abstained:
                    resolution, answer = again, retried
        last = self._previous(skip_unfounded=False)
        if resolution.kind != STANDALONE and last is not None:
            # What the user has read last, even from a turn not gone on from.
            limit = self.assistant.policy.sentences.max_reply
            answer = reason_first(resolution.question, answer, last, limit)
            answer = named_anew_first(resolution, answer, self._followed(), limit)
            answer = new_before_shown(resolution, answer, last.answer_sentences)
            answer = no_reason_beyond(resolution.question, answer, last.answer_sentences)
        answer = dataclasses.replace(
            answer,
            question=resolution.question or answer.question,
            resolved_question=resolution.resolved or answer.question,
            timings_ms={"resolve": resolved_ms, **answer.timings_ms},
        )
        self.turns.append(Turn(resolution, answer))
        return answer

    def _who_said_it(self, question: str, last: Answer, found: Answer | None) -> Answer | None:
        """``who said that?``: the last answer's first sentence when it names who says it;
        else ``found`` (asked of the article it cited) when one of its sentences names a
        speaker who may have said what the last answer said (``_speaks_of``); else whose
        article it is (its byline), never what other articles say, unless it asks for a body
        (``according to which organisation?``): then ``found``. ``found`` as it is when the
        last answer abstained or cites nothing."""
        said = _cited(last.text)
        cited = self._last_source()
        if not said or cited is None or last.abstained:
            return found
        if _names_a_speaker(said[0][0]):
            return _with_sentences(dataclasses.replace(last, question=question), said[:1])
        if found is not None and any(
            _names_a_speaker(s) and _speaks_of(s, said, [p.quote for p in found.passages])
            for s, _ in _cited(found.text)
        ):
            return found
        if _ASKS_FOR_A_BODY.match(question) is not None:
            return found  # "according to which organisation?": no byline names one
        return answer_about_source(question, cited, self.assistant)

    def _asks_more_of_the_article_asked_about(self, resolution: Resolution) -> bool:
        """Whether a short question that names nothing asks for a field of an article (``and
        when?``, ``who published it?``) right after a question about an article's metadata
        (``Who wrote the story about …?``): the same article's, not a search."""
        last = self.turns[-1] if self.turns else None
        if last is None or resolution.kind in (STANDALONE, SOURCE) or not last.answer.citations:
            return False
        if article_question(split_carried(last.resolution.resolved)[0]) is None:
            return False
        question = resolution.question
        words = question.split()
        if len(words) > _FIELD_WORDS or any(w[0].isupper() for w in words[1:]):
            return False
        return any(
            pattern.search(question) is not None
            for pattern in (_ASKS_DATE, _ASKS_OUTLET, _ASKS_TITLE, _ASKS_WRITER)
        )

    def _answer_first_from_last_article(
        self, resolution: Resolution, k: int | None, filters: SearchFilters | None
    ) -> Answer | None:
        """A follow-up about the last answer itself (``who said that?``, ``when was that?``,
        ``where?``) is answered from the article that answer cited first, when that article
        answers it; None otherwise (then the whole index is searched)."""
        if resolution.kind == STANDALONE or not asks_about_the_answer(resolution.question):
            return None
        return self._answer_from_last_article(searched(resolution.resolved), k, filters)

    def _answer_from_last_article(
        self,
        question: str,
        k: int | None,
        filters: SearchFilters | None,
        article_id: str | None = None,
    ) -> Answer | None:
        """``question`` answered from the article the last answer cited first (or
        ``article_id``), or None when that article does not answer it (or the filters already
        name an article)."""
        if filters is not None and filters.article_id is not None:
            return None
        if article_id is None:
            cited = self._last_source()
            if cited is None:
                return None
            article_id = cited.article_id
        from qa.search.retrieve import SearchFilters

        within = dataclasses.replace(filters or SearchFilters(), article_id=article_id)
        answer = self.assistant.ask(question, k=k, filters=within, followed=(article_id,))
        return None if answer.abstained or not answer.citations else answer

    def _last_cited_articles(self) -> list[str]:
        """The articles the last answer cites, in the order of its citations, up to
        ``_TYPED_ARTICLES``: a question that names nothing may be about any of them."""
        for turn in reversed(self.turns):
            if turn.answer.citations:
                ids = dict.fromkeys(c.article_id for c in turn.answer.citations)
                return list(ids)[:_TYPED_ARTICLES]
            if turn.resolution.kind != SOURCE:
                return []
        return []

    def _answer_as_typed(
        self,
        resolution: Resolution,
        answer: Answer,
        k: int | None,
        filters: SearchFilters | None,
    ) -> Answer | None:
        """A question that names nothing (``who will head the new council?``), whose answer
        searched with the earlier questions leads with two sentences holding none of its own
        words or nothing of the kind it asks for, asked again as typed of the articles the last
        answer cited (up to ``_TYPED_ARTICLES``, in its order): the earlier questions' words
        pulled the search back to what they asked. The first such answer whose first sentence
        holds both; else None."""
        question = resolution.question
        leading = " ".join(_sentences(answer.text)[:_LEADING])
        if resolution.kind != REFERENCE or holds_what_is_asked(question, leading):
            return None
        for cited in self._last_cited_articles():
            typed = self._answer_from_last_article(question, k, filters, cited)
            if typed is not None and holds_what_is_asked(
                question, " ".join(_sentences(typed.text)[:1])
            ):
                return typed
        return None

    def _answer_in_the_article_shown(
        self,
        resolution: Resolution,
        answer: Answer,
        previous: PreviousTurn,
        k: int | None,
        filters: SearchFilters | None,
    ) -> Answer | None:
        """A follow-up whose written-out question abstained for want of only what the rewrite
        put in (``what share of voters approved it?`` read as "… approved the Harbour Act?",
        which the article gives as "It was approved by 60% of voters"): asked as typed after
        the last question, of the article the last answer cited first, whose matter the
        rewrite named. None when that abstains too, or the rewrite put in nothing missing."""
        if resolution.kind in (STANDALONE, SOURCE, MORE):
            return None
        if not _lacks_only_what_was_read_in(Turn(resolution, answer)):
            return None
        typed = searched(with_context(resolution.question, previous))
        return self._answer_from_last_article(typed, k, filters)

    @property
    def vocabulary(self) -> Vocabulary:
        """Names whose kind the index knows: article authors (people) and outlets."""
        if self._vocabulary is None:
            articles = self.assistant.snapshot.articles()
            self._vocabulary = Vocabulary(
                people=frozenset(a.author for a in articles if a.author),
                organisations=frozenset(a.outlet for a in articles if a.outlet),
            )
        return self._vocabulary

    def _last_searched(self) -> tuple[Answer | None, list[str]]:
        """The last answer a search gave (not a ``tell me more``), and every sentence shown
        since it was: what a ``tell me more`` goes on from."""
        shown: list[str] = []
        for turn in reversed(self.turns):
            if turn.resolution.kind == SOURCE:
                continue
            shown += _sentences(turn.answer.text)
            if turn.resolution.kind != MORE:
                return turn.answer, shown
        return None, shown

    def _previous(self, *, skip_unfounded: bool = True) -> PreviousTurn | None:
        """The last turn that searched something: what a follow-up leans on, with the author
        an answer about the source named since; with ``skip_unfounded``, not a turn that
        abstained for want of what only its rewrite put in. Its ``before`` is the same for
        the turns before it."""
        found = self._previous_until(len(self.turns), skip_unfounded=skip_unfounded)
        if found is None:
            return None
        previous, at = found
        before = self._previous_until(at, skip_unfounded=skip_unfounded)
        return dataclasses.replace(previous, before=before[0] if before else None)

    def _previous_until(
        self, until: int, *, skip_unfounded: bool
    ) -> tuple[PreviousTurn, int] | None:
        """``_previous`` among the turns before ``until``, with where that turn stands."""
        person = ""
        for at in range(until - 1, -1, -1):
            turn = self.turns[at]
            if turn.resolution.kind == SOURCE:
                person = person or self._named_author(turn)
                continue
            answer = turn.answer
            if answer.text.startswith(NO_REASON_BEYOND) or turn.resolution.kind == MORE:
                continue  # "why?" added nothing, "tell me more" asked nothing new
            if skip_unfounded and _lacks_only_what_was_read_in(turn):
                continue  # its rewrite put in what the articles lack: no ground to go on from
            sentences = () if answer.abstained else tuple(_sentences(answer.text))
            earlier = tuple(
                t.resolution.resolved
                for t in reversed(self.turns[max(0, at - _EARLIER_TURNS) : at])
                if t.resolution.kind != SOURCE
            )
            passages = tuple(p.quote for p in answer.passages)
            articles = {c.article_id for c in answer.citations}
            cited = tuple(p.quote for p in answer.passages if p.article_id in articles)
            return PreviousTurn(
                turn.resolution.resolved,
                sentences,
                person,
                turn.resolution.thing,
                earlier,
                passages,
                cited,
            ), at
        return None

    def _named_author(self, turn: Turn) -> str:
        """The one person a ``who wrote that?`` answer named, or "" (none, or several)."""
        answer = turn.answer
        if answer.abstained or not answer.citations:
            return ""
        if asked_field(turn.resolution.question) != AUTHOR:
            return ""
        author = self.assistant.snapshot.article(answer.citations[0].article_id).author or ""
        return "" if _SEVERAL_PEOPLE.search(author) else author.strip()

    def _followed(self) -> frozenset[str]:
        """The articles the last searched answer cited: any later question is likely about them."""
        for turn in reversed(self.turns):
            if turn.resolution.kind != SOURCE:
                return frozenset(c.article_id for c in turn.answer.citations)
        return frozenset()

    def _last_source(self) -> Citation | None:
        """The article the last answer cites first, or None when it cited nothing."""
        for turn in reversed(self.turns):
            if turn.answer.citations:
                return turn.answer.citations[0]
            if turn.resolution.kind != SOURCE:
                return None
        return None


#: A source named beside a verb of saying: "According to the Harbour Board, …", "The
#: ministry's spokesman Tom Ray said" ("He said" and "she told" name no one).
_SOURCE_SAYS = LazyPattern(
    r"\b(?i:according)\s+to\s+(?:the\s+)?[A-Z]|\b(?!(?:He|She|They|It|We|I|You)\b)[A-Z][\w'’-]*"
    r"(?:\s+[A-Z][\w'’-]*)*\s+(?:says?|said|told|tells|stated|states|claims?|claimed|warns?|"
    r"warned|adds|added|insists?|insisted)\b"
)


def _names_a_speaker(sentence: str) -> bool:
    """Whether a sentence names who says what it says: a person who speaks
    (``attribution.names_speaker``) or a source beside a verb of saying."""
    return names_speaker(sentence) or _SOURCE_SAYS.search(sentence) is not None


#: How many content words a sentence naming a speaker shares with what was said: then it
#: may be the one who said it.
_SHARED_WITH_SAID = 2


def _speaks_of(sentence: str, said: Sequence[tuple[str, int]], passages: Sequence[str]) -> bool:
    """Whether ``sentence`` (naming a speaker) may be the source of one of the ``said``
    sentences: it stands right before or after it in a passage (news names a source once for
    the sentences around), or speaks of what it says (two content words, by their first
    letters, in common). A speaker of something else further on ("Its chairman warned that a
    strike …" for "Dock workers rejected the offer") did not say it."""
    own = _stems(sentence)
    for other, _ in said:
        if len(own & _stems(other)) >= _SHARED_WITH_SAID:
            return True
        for quote in passages:
            for first, second in ((sentence, other), (other, sentence)):
                at = quote.find(first)
                if at >= 0 and quote[at + len(first) :].lstrip().startswith(second):
                    return True
    return False


def _lacks_only_what_was_read_in(turn: Turn) -> bool:
    """Whether the turn abstained for want of something the user did not type: a name or
    phrase its rewrite put in (``Which state is West Tom Ray from?`` for ``which state is he
    from?``). Gone on from, that rewrite would spoil every turn after it."""
    if not turn.answer.abstained or not turn.resolution.rewritten:
        return False
    typed = turn.resolution.question.casefold()
    resolved = turn.resolution.resolved.casefold()
    return any(
        c.text.casefold() in resolved and c.text.casefold() not in typed
        for c in turn.answer.missing
    )


def holds_what_is_asked(question: str, text: str) -> bool:
    """Whether ``text`` holds what the question asks: a figure, date or score of the kind it
    asks for that it does not name itself (``24–10`` for ``what was the final score?``);
    for any other question some of its own words and, when it asks for a name (a person for
    ``who …?``), one it does not name: capitalised words alone tell names too loosely."""
    kind = matched_kind(question)
    of_kind = kind is None or things(text).new_to(things(question), kind)
    if kind in _FIGURES:
        return of_kind
    return of_kind and bool(_stems(question) & _stems(text))


def _stems(text: str) -> set[str]:
    """The first letters of the content words of ``text`` (``admin`` for "administration"),
    which tell roughly whether a reply speaks of what a question names."""
    return {word[:_STEM] for word in content_words(text)}


def _sentences(text: str) -> list[str]:
    return [part.strip() for part in _MARKER.split(text) if part.strip()]


#: Words that give a reason: a sentence holding one may answer ``why?`` though shown before.
_REASON = LazyPattern(
    r"\b(?:because|cause[sd]?|caused\s+by|as\s+a\s+result|result\s+of|due\s+to|owing\s+to|"
    r"thanks\s+to|since|so\s+that|in\s+order\s+to|following|after|amid|led\s+to|reasons?|"
    r"why|blamed?|for\s+fear|to\s+avoid|in\s+response)\b"
    # ", as prosecutors saw no evidence": "as" opening a clause after a comma gives its cause.
    r"|,\s+as\s+(?:(?-i:[A-Z][\w\-]*)|they|he|she|it|we|the)\b",
    re.I,
)
#: How an answer says that the articles give no reason beyond the last answer.
NO_REASON_BEYOND = "The indexed articles give no reason for this beyond the last answer."
_ASKS_WHY = LazyPattern(r"^(?:(?:and|but|so)\s+)?(?:why|how\s+come|for\s+what\s+reason)\b", re.I)
_FIRST_CITED = LazyPattern(r"^(?P<sentence>.*?)\s*\[(?P<marker>\d+)\]", re.S)


def no_reason_beyond(question: str, answer: Answer, shown: Sequence[str]) -> Answer:
    """A ``why?`` follow-up whose reply holds only sentences the last answer showed, none of
    them with a word that gives a reason (``because``, ``as a result of``, ``following``),
    gives no reason the user has not read: it says so, with the first of them as the closest
    evidence, and counts as an abstention. Any other answer is returned as it is."""
    if answer.abstained or not _ASKS_WHY.match(question):
        return answer
    said = _sentences(answer.text)
    first = _FIRST_CITED.match(answer.text)
    if not said or first is None or not set(said) <= set(shown):
        return answer
    if any(_REASON.search(sentence) or things(sentence).by_kind[REASON] for sentence in said):
        return answer
    marker = int(first.group("marker"))
    return dataclasses.replace(
        answer,
        text=f"{NO_REASON_BEYOND} Closest: {first.group('sentence')} [{marker}]",
        abstained=True,
        citations=tuple(c for c in answer.citations if c.marker == marker),
    )


_CITED = LazyPattern(r"\s*(?P<sentence>.+?)\s*\[(?P<marker>\d+)\]", re.S)
#: Words that tell how something was done: ``by cutting``, ``using``.
_MANNER = LazyPattern(r"\b(?:by\s+\w+ing|using)\b", re.I)
_ASKS_HOW = LazyPattern(r"^(?:(?:and|but|so)\s+)?how(?:\s+so|\s+exactly)?\W*$", re.I)
#: How many words a sentence must share with the last turn to be about what it told.
_SAME_EVENT = 1


def _cited(text: str) -> list[tuple[str, int]]:
    """The sentences of an answer's text, each with the marker it cites."""
    return [(m["sentence"], int(m["marker"])) for m in _CITED.finditer(text)]


def _with_sentences(answer: Answer, chosen: Sequence[tuple[str, int]]) -> Answer:
    """``answer`` saying ``chosen`` (verbatim sentences of its passages, with their markers),
    citing the passages they come from."""
    markers = {marker for _, marker in chosen}
    cited = {c.marker: c for c in answer.citations}
    return dataclasses.replace(
        answer,
        text=" ".join(f"{sentence} [{marker}]" for sentence, marker in chosen),
        citations=tuple(
            cited.get(p.marker) or Citation.of(p) for p in answer.passages if p.marker in markers
        ),
    )


def reason_first(
    question: str, answer: Answer, last: PreviousTurn, limit: int | None = None
) -> Answer:
    """A ``why?`` (or a bare ``how?``) after an answer, replied to with a first sentence that
    gives no reason (or no manner): led instead by the first of its sentences that does and
    that speaks of what was asked (a word in common with the words typed, the last question
    or the last answer's first sentence), else by the first such sentence of its passages,
    in the order they were ranked (two words in common), after the sentence naming its "he"
    or "she" when that one stands right before it. A sentence taken from the passages takes
    the place of the reply's last ones when the reply would hold more than ``limit``
    sentences. Any other answer is returned as it is."""
    cue = _REASON if _ASKS_WHY.match(question) else _MANNER if _ASKS_HOW.match(question) else None
    said = _cited(answer.text)
    if cue is None or answer.abstained or not said:
        return answer

    def fits(sentence: str) -> bool:
        return cue.search(sentence) is not None or (
            cue is _REASON and bool(things(sentence).by_kind[REASON])
        )

    if fits(said[0][0]):
        return answer
    asked = [question, split_carried(last.question)[0], *last.answer_sentences[:1]]
    event = _stems(" ".join(asked))
    # The reply's own sentences first; one it left out must share more with the last turn.
    candidates = [([(sentence, marker)], _SAME_EVENT) for sentence, marker in said]
    for passage in sorted(answer.passages, key=lambda p: p.marker):
        spans = split_sentences(passage.quote, Span(0, len(passage.quote)))
        texts = [" ".join(passage.quote[sp.start : sp.end].split()) for sp in spans]
        for at, text in enumerate(texts):
            named_before = at > 0 and _speaks_of_someone_unnamed(text)
            lead = [(texts[at - 1], passage.marker)] if named_before else []
            candidates.append(([*lead, (text, passage.marker)], _SAME_EVENT + 1))
    for lead, shared in candidates:
        sentence = lead[-1][0]
        if fits(sentence) and len(_stems(sentence) & event) >= shared:
            led = {_plain(text) for text, _ in lead}
            rest = [pair for pair in said if _plain(pair[0]) not in led]
            if limit is not None:
                rest = rest[: max(0, limit - len(lead))]
            return _with_sentences(answer, [*lead, *rest])
    return answer


def named_anew_first(
    resolution: Resolution, answer: Answer, followed: frozenset[str], limit: int | None = None
) -> Answer:
    """A question asked after the last one (``… (following: …)``) that names something the
    questions it follows do not (``and in Ostmark, what changes?``), answered by a reply
    whose sentences never name it: the earlier questions' words pulled it back to the last
    topic. It leads instead with the first sentence of its passages from the articles the
    last answer cited (``followed``) that names it, within ``limit`` sentences. Any other
    answer is returned as it is."""
    base, carried = split_carried(resolution.resolved)
    said = _cited(answer.text)
    if not carried or answer.abstained or not said or resolution.kind in (SOURCE, MORE):
        return answer
    names = [
        base[a:b]
        for a, b, _ in entity_spans(base, Vocabulary())
        if base[a:b].casefold() not in carried.casefold()
    ]
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b") if names else None
    if pattern is None or any(pattern.search(sentence) for sentence, _ in said):
        return answer
    for passage in answer.passages:
        if passage.article_id not in followed:
            continue
        for span in split_sentences(passage.quote, Span(0, len(passage.quote))):
            sentence = " ".join(passage.quote[span.start : span.end].split())
            if pattern.search(sentence) and _ENDS_SENTENCE.search(sentence):
                rest = said[: max(0, limit - 1)] if limit is not None else said
                return _with_sentences(answer, [(sentence, passage.marker), *rest])
    return answer


def new_before_shown(resolution: Resolution, answer: Answer, shown: Sequence[str]) -> Answer:
    """A follow-up answered by a reply that opens with a sentence the last answer showed,
    while another of its sentences answers what was typed better (of the kind asked, with
    more of the typed words: ``when did that stadium open?`` → "The stadium opened in …"):
    that sentence leads (one not read first among equals), after the sentence before it in
    its passage when its "he" or "she" is named there; the others follow in their order. A
    lead that answers as well stays: a follow-up is often answered by what the last reply
    showed. A question about the last answer itself (``who said that?``), a ``why?``, and
    any other reply are returned as they are."""
    said = _cited(answer.text)
    seen = {_plain(sentence) for sentence in shown}
    if (
        answer.abstained
        or not said
        or _ASKS_WHY.match(resolution.question)
        or asks_about_the_answer(resolution.question)
        or _plain(said[0][0]) not in seen
    ):
        return answer
    asked = split_carried(resolution.resolved)[0]
    fit = {pair: _fit(resolution.question, asked, pair[0]) for pair in said}
    # The best fit after the lead, one not read first among equals.
    best = max(said[1:], key=lambda pair: (fit[pair], _plain(pair[0]) not in seen), default=None)
    if best is None or fit[best] <= fit[said[0]]:
        return answer
    lead = [best]
    before = _sentence_before(best, said, answer.passages)
    if before is not None and _speaks_of_someone_unnamed(best[0]):
        lead = [before, best]  # "he" after the sentence that names him
    return _with_sentences(answer, [*lead, *(pair for pair in said if pair not in lead)])


#: A pronoun standing for someone: named before it, or in the sentence before.
_PERSON_PRONOUN = LazyPattern(r"\b(?:he|she|him|his|her|they|them|their)\b", re.I)
_CAPITALISED_WORD = LazyPattern(r"(?<!^)\b[A-Z]")


def _speaks_of_someone_unnamed(sentence: str) -> bool:
    """Whether a pronoun for someone comes in ``sentence`` before any name (``He was …``,
    ``The court found he …``): who it is stands in the sentence before."""
    pronoun = _PERSON_PRONOUN.search(sentence)
    return pronoun is not None and not _CAPITALISED_WORD.search(sentence, 0, pronoun.start())


#: Words a typed follow-up shares with any sentence about its matter, which tell nothing.
_NOT_TELLING = frozenset(("that", "this", "these", "those", "many", "much"))


def _fit(typed: str, asked: str, sentence: str) -> int:
    """How well ``sentence`` answers a follow-up: 0 when it holds nothing of the kind the
    question (as written out, ``asked``) asks for that the question does not name, else how
    many of the words typed it has in some form (when the question's own words are all that
    was typed: 1 when it shares any)."""
    kind = matched_kind(asked)
    if kind is not None and not things(sentence).new_to(things(asked), kind):
        return 0
    typed_stems = {_stem_of(word) for word in content_words(typed) - _NOT_TELLING}
    if not typed_stems:
        return int(bool(_stems(asked) & _stems(sentence)))
    words = content_words(sentence)
    return sum(any(word.startswith(stem) for word in words) for stem in typed_stems)


def _stem_of(word: str) -> str:
    """The part of a word its other forms share (``open`` of "opened", ``record``)."""
    return word[: max(4, len(word) - 2)]


def _sentence_before(
    pair: tuple[str, int], said: Sequence[tuple[str, int]], passages: Sequence[Passage]
) -> tuple[str, int] | None:
    """The sentence of ``said`` that stands right before ``pair``'s sentence in its passage."""
    sentence, marker = pair
    for passage in passages:
        if passage.marker != marker:
            continue
        spans = split_sentences(passage.quote, Span(0, len(passage.quote)))
        texts = [_plain(passage.quote[sp.start : sp.end]) for sp in spans]
        if _plain(sentence) in texts and texts.index(_plain(sentence)) > 0:
            previous = texts[texts.index(_plain(sentence)) - 1]
            return next((p for p in said if p[1] == marker and _plain(p[0]) == previous), None)
    return None


#: How an answer says the last answer's passages hold nothing it did not show.
NOTHING_MORE = "The passages of the last answer say nothing more than it showed."
NOTHING_MORE_SAID = "The passages of the last answer quote nothing more than it showed."
#: ``what else did she say?``, ``anything else he added?``: more of what one person said.
_ASKS_WHAT_ELSE_SAID = LazyPattern(
    r"^(?:(?:and|so|ok(?:ay)?),?\s+)?(?:(?:what|anything)\s+else\s+did|what\s+did)\s+"
    r"(?P<pronoun>he|she|they)\s+(?:say|add)(?:\s+next)?\b",
    re.I,
)
#: A verb that reports speech in a sentence read on (``… ," Okafor said.``).
_REPORTED_SPEECH = LazyPattern(
    r"\b(?:said|says|added|adds|told|tells|warned|warns|recalled|recalls|explained|explains|"
    r"noted|notes|argued|argues|insisted|insists|asked|asks|stressed|stresses|promised)\b",
    re.I,
)
#: How many sentences a ``tell me more`` shows.
_MORE_SENTENCES = 3
_ENDS_SENTENCE = LazyPattern(r"[.!?…][\"”’')\]]*$")


def _plain(sentence: str) -> str:
    return " ".join(sentence.casefold().split())


def more_than_shown(question: str, last: Answer, shown: Sequence[str]) -> Answer:
    """``tell me more``: the sentences of the passages the last answer cited that no answer
    has shown since it, verbatim and cited, those after the last shown one first (reading
    on), up to three; when there are none, says so (an abstention)."""
    seen = {_plain(sentence) for sentence in shown}
    # The passages in the order the last answer first cites them: its leading one first.
    order = [int(found) for found in re.findall(r"\[(\d+)\]", last.text)]
    cited = sorted(
        (p for p in last.passages if p.marker in order), key=lambda p: order.index(p.marker)
    )
    after: list[tuple[str, int]] = []
    before: list[tuple[str, int]] = []
    for passage in cited:
        spans = split_sentences(passage.quote, Span(0, len(passage.quote)))
        reading_on = False
        for span in spans:
            sentence = " ".join(passage.quote[span.start : span.end].split())
            if _plain(sentence) in seen or any(_plain(sentence) in s for s in seen):
                reading_on = True
                continue
            if _ENDS_SENTENCE.search(sentence) is None:
                continue  # a heading or a cut-off end of the passage
            (after if reading_on else before).append((sentence, passage.marker))
    unseen = after + before
    nothing = NOTHING_MORE
    asked_of = _ASKS_WHAT_ELSE_SAID.match(question)
    if asked_of is not None:
        # "what else did she say?": only what someone is said to have said, by that pronoun
        # or a name the last answer and its question gave; never other sentences read on.
        speakers = _surnames(f"{last.resolved_question or last.question} {last.text}")
        pronoun = asked_of["pronoun"].casefold()
        unseen = [(s, m) for s, m in unseen if _said_by(s, pronoun, speakers)]
        nothing = NOTHING_MORE_SAID
    chosen = unseen[:_MORE_SENTENCES]
    if not chosen:
        return dataclasses.replace(
            last, question=question, text=nothing, abstained=True, citations=(), missing=()
        )
    markers = {marker for _, marker in chosen}
    return dataclasses.replace(
        last,
        question=question,
        text=" ".join(f"{sentence} [{marker}]" for sentence, marker in chosen),
        abstained=False,
        citations=tuple(c for c in last.citations if c.marker in markers),
        missing=(),
    )


def _surnames(text: str) -> set[str]:
    """The last words of the people ``text`` names (``lindqvist`` for Maria Lindqvist), in
    lower case: whose words a ``what else did she say?`` may read on to."""
    return {
        text[a:b].split()[-1].casefold()
        for a, b, kind in entity_spans(text, Vocabulary(), person_cues=True)
        if kind == "person"
    }


def _said_by(sentence: str, pronoun: str, speakers: set[str]) -> bool:
    """Whether ``sentence`` reports what the one asked about said: a verb of speech, and
    that one's ``pronoun`` or one of the ``speakers``' surnames beside it."""
    if _REPORTED_SPEECH.search(sentence) is None:
        return False
    words = {re.sub(r"['’]s$", "", w.casefold()) for w in re.findall(r"[\w’'\-]+", sentence)}
    return pronoun in words or bool(words & speakers)


_ASKS_DATE = LazyPattern(r"\b(when|date|dated|year|day)\b", re.I)
_ASKS_WRITER = LazyPattern(r"\b(?:who\s+wrote|author|byline|written\s+by)\b", re.I)
#: Up to how many words a question may have that asks for another field of an article.
_FIELD_WORDS = 6
_ASKS_TITLE = LazyPattern(r"\b(title|titled|headline)\b", re.I)
_ASKS_OUTLET = LazyPattern(
    r"\b(outlets?|publisher|newspaper|paper|site|website|where|source|publication|"
    r"who\s+(?:published|posted|ran|carried))\b",
    re.I,
)


def asked_field(question: str) -> str:
    """Which metadata field a question about the last answer's source asks for: as
    ``qa.search.article_questions`` reads it, else by its words (``which outlet?``, ``when?``)."""
    asked = article_question(question)
    if asked is not None:
        return asked.field
    if _ASKS_TITLE.search(question):
        return TITLE
    if _ASKS_OUTLET.search(question):
        return OUTLET
    if _ASKS_DATE.search(question):
        return PUBLISHED
    return AUTHOR


def answer_about_source(question: str, citation: Citation | None, assistant: Assistant) -> Answer:
    """Who wrote, which outlet published, when, or under which title: from the metadata of
    the article ``citation`` comes from, citing the line that states it
    (``qa.search.article_questions``). When the article does not state it, the reply says so
    and counts as an abstention: there is no fact to give."""
    if citation is None:
        return Answer(question, "The last answer cites no article.", True, (), (), {})
    snapshot = assistant.snapshot
    article = snapshot.article(citation.article_id)
    raw = snapshot.file_text(article.path)
    field = asked_field(question)
    fact = article_fact(field, article, raw)
    passage = Passage.of_span(1, article, raw, fact.span, 1.0)
    cited = (Citation.of(passage),)
    return Answer(
        question, f"{fact.sentence} [1]", not fact.known, cited, (passage,), {}, confidence=1.0
    )
