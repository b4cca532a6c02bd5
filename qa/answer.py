"""Hits → Answer: verbatim sentences with [n] markers, or an honest abstention.

The answer is made only of corpus sentences, each followed by the marker of
a listed passage whose quote contains it. The one edit: an article's own
bracketed footnote references ("…to power[6].") are dropped from answer
sentences, so that every ``[n]`` in an answer is a citation marker. Sentences that hold the kind of
thing the question asks for (a number for "how many", a date for "when", a
name for "who") are preferred. When the best evidence is too weak, the
answer says the articles don't answer, cites nothing, and the passages are
shown as the closest ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qa.article_questions import article_fact, article_in_question, article_question, span_citation
from qa.records import Answer, Citation, Hit
from qa.text import collapse_whitespace

if TYPE_CHECKING:
    from qa.storage import Storage

ABSTENTION = "The indexed articles don't answer this."

_FOOTNOTE = re.compile(r"\[\d{1,3}\]")

_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million|billion|dozen)\b",
    re.I,
)
_YEAR_OR_DATE = re.compile(
    r"\b(1[6-9]\d\d|20\d\d)\b|\b(?:january|february|march|april|may|june|july|august|september|"
    r"october|november|december)\b|\b(?:century|decade)\b",
    re.I,
)
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
_QUESTION_TYPES = (
    (
        re.compile(
            r"^\s*(how (many|much|long|old|far|large|big)"
            r"|what (percentage|percent|number|share|proportion))\b",
            re.I,
        ),
        _NUMBER,
    ),
    (
        re.compile(r"^\s*(when|what (year|date|day|month|time))\b|\bin what year\b", re.I),
        _YEAR_OR_DATE,
    ),
    (re.compile(r"^\s*(who|whom|whose)\b", re.I), _NAME),
)


@dataclass(frozen=True, slots=True)
class AnswerPolicy:
    """Knobs of answer composition, calibrated on question sets.

    ``abstain_below`` comes from eval/calibrate_abstention.py, the sentence
    selection knobs from eval/tune_retrieval.py (tuning halves only).
    """

    abstain_below: float = 0.34
    max_sentences: int = 3
    follow_up_ratio: float = 0.85
    type_bonus: float = 0.04


def confidence(hits: list[Hit]) -> float:
    """How well the best passage matches the question: its dense similarity (0–1)."""
    if not hits:
        return 0.0
    return max(0.5 * h.features["cos_window"] + 0.5 * h.features["cos_sentence"] for h in hits)


def expected_kind(question: str) -> re.Pattern[str] | None:
    """The pattern an answer sentence should contain for this question, if it is typed."""
    for asks, holds in _QUESTION_TYPES:
        if asks.search(question):
            return holds
    return None


def compose_answer(
    question: str,
    passages: list[Hit],
    sentences: list[Hit],
    snapshot: Storage,
    timings_ms: dict[str, float],
    policy: AnswerPolicy | None = None,
    notices: tuple[str, ...] = (),
) -> Answer:
    """Build the answer from the ranked passages and ranked sentences of one search."""
    policy = policy or AnswerPolicy()
    listed = tuple(to_citation(i, hit, snapshot) for i, hit in enumerate(passages, start=1))
    evidence = confidence(passages)
    on_topic = bool(passages) and evidence >= policy.abstain_below
    about_article = _article_reply(question, passages, listed, snapshot, on_topic=on_topic)
    if about_article is not None:
        text, citation, listed = about_article
        return Answer(question, text, False, (citation,), listed, timings_ms, notices, evidence)
    if not on_topic:
        return Answer(question, ABSTENTION, True, (), listed, timings_ms, notices, evidence)
    chosen = choose_sentences(question, passages, sentences, policy)
    text = " ".join(f"{answer_sentence(hit)} [{marker}]" for marker, hit in chosen)
    cited = sorted({marker for marker, _ in chosen})
    citations = tuple(listed[m - 1] for m in cited)
    return Answer(question, text, False, citations, listed, timings_ms, notices, evidence)


def _article_reply(
    question: str,
    passages: list[Hit],
    listed: tuple[Citation, ...],
    snapshot: Storage,
    *,
    on_topic: bool,
) -> tuple[str, Citation, tuple[Citation, ...]] | None:
    """The reply to a question about an article's author, outlet, date or title, its
    citation and the listed passages (the cited line added after them unless a passage
    is exactly that line); None for any other question.

    The article is the one whose title the question gives, else the best passage's
    article when the question points at an article ("who wrote this article?") and
    the passages are on topic.
    """
    asked = article_question(question)
    if asked is None:
        return None
    top = passages[0].article if passages and on_topic else None
    article = article_in_question(question, asked, snapshot.articles(), top)
    if article is None:
        return None
    raw = snapshot.file_text(article.path)
    fact = article_fact(asked.field, article, raw)
    shown = next(
        (
            c
            for c in listed
            if c.article_id == article.article_id
            and (c.start, c.end) == (fact.span.start, fact.span.end)
        ),
        None,
    )
    if shown is None:
        score = max((c.score for c in listed), default=1.0)
        shown = span_citation(len(listed) + 1, article, raw, fact.span, score)
        listed = (*listed, shown)
    return f"{fact.sentence} [{shown.marker}]", shown, listed


def choose_sentences(
    question: str, passages: list[Hit], sentences: list[Hit], policy: AnswerPolicy
) -> list[tuple[int, Hit]]:
    """Up to ``max_sentences`` sentences, each with the marker of a passage showing it."""
    kind = expected_kind(question)

    def merit(hit: Hit) -> float:
        bonus = policy.type_bonus if kind is not None and kind.search(hit.chunk.sentence) else 0.0
        return hit.score + bonus

    shown = [(marker, hit) for hit in sentences if (marker := _marker_of(hit, passages))]
    # Headings, titles and datelines help find a passage but say nothing on their own.
    shown = [pair for pair in shown if is_statement(pair[1].chunk.sentence)] or shown
    shown.sort(key=lambda pair: merit(pair[1]), reverse=True)
    chosen: list[tuple[int, Hit]] = []
    for marker, hit in shown:
        if chosen and merit(hit) < policy.follow_up_ratio * merit(chosen[0][1]):
            break
        if any(answer_sentence(hit) == answer_sentence(other) for _, other in chosen):
            continue
        chosen.append((marker, hit))
        if len(chosen) == policy.max_sentences:
            break
    if not chosen:  # every ranked sentence fell outside the passages: cite the best passage
        chosen = [(1, passages[0])]
    return chosen


def is_statement(sentence: str) -> bool:
    """Whether a sentence reads as a statement rather than a heading or a dateline.

    A statement has at least four words and ends like a sentence; titles,
    headings, bylines and datelines end without punctuation.
    """
    words = [w for w in sentence.split() if any(c.isalpha() for c in w)]
    return len(words) >= 4 and sentence.rstrip("\"'”’)]").endswith((".", "!", "?", "…", ":", ";"))


def answer_sentence(hit: Hit) -> str:
    """A hit's anchor sentence as it appears in an answer: without footnote references."""
    return without_footnotes(hit.chunk.sentence)


def without_footnotes(text: str) -> str:
    """``text`` with bracketed footnote references such as ``[6]`` removed."""
    return collapse_whitespace(_FOOTNOTE.sub("", text))


def _marker_of(sentence: Hit, passages: list[Hit]) -> int:
    """The marker of the first passage whose window contains the sentence, else 0."""
    for marker, passage in enumerate(passages, start=1):
        chunk = passage.chunk
        if (
            chunk.article_id == sentence.chunk.article_id
            and chunk.start <= sentence.chunk.sentence_start
            and sentence.chunk.sentence_end <= chunk.end
        ):
            return marker
    return 0


def to_citation(marker: int, hit: Hit, snapshot: Storage) -> Citation:
    """The citation of a passage: its article's metadata and its exact span."""
    article = hit.article
    raw = snapshot.file_text(article.path)
    chunk = hit.chunk
    return Citation(
        marker=marker,
        article_id=article.article_id,
        title=article.title,
        outlet=article.outlet,
        author=article.author,
        published=article.published,
        path=article.path,
        start=chunk.start,
        end=chunk.end,
        quote=collapse_whitespace(raw[chunk.start : chunk.end]),
        score=hit.score,
        line=raw.count("\n", 0, chunk.start) + 1,
        provenance=dict(article.provenance),
    )
