"""Which sentences of the retrieved passages answer the question.

Every sentence inside the windows of the listed passages is a candidate (a
heading, title, byline or dateline never is: see ``is_statement``; nor is any line of
an article's header, its headline and byline, even one that reads like a sentence; a
sentence ending in a colon that opens a list is one with the list's short lines after it:
``introduces_list``). Each is
described by a few signals, and a logistic model learned on the tuning halves
of the question sets (eval/tune_answers.py) turns them into the probability
that the sentence holds the answer:

- the sentence's own cosine with the question (when the retriever scored it)
  and its fused retrieval score;
- the rank and score of the passage that shows it, and whether it is that
  passage's anchor sentence;
- how much of the question it covers: the IDF-weighted share of the question's
  BM25 terms (stemmed as BM25 stems them) in the sentence and in the sentence
  with its neighbours, and how close together they stand;
- what it adds: the share of its terms the question lacks, and whether it
  holds the kind of thing asked for (``qa.search.answer_types``) that the question
  does not already name;
- whether it is about another country or year than the one the question names
  (``qa.search.answer_types.contradicts``);
- for "How many …?", whether a number stands just before what the question counts
  ("up to 7000 women" for "How many women …?").

The reply takes the most likely sentence and the few others nearly as likely
(none about another country or year when the first keeps to the question's); a
question asking for a number, a duration, a score or a date is answered first by the
likeliest sentence holding one (for "How many …?", a count: not a sum of money, a share or
a time of day; for "How long …?", a duration, and for "How tall …?" or "How long is the
border?", a distance); a "Why …?"
question by the likeliest of the chosen sentences that gives a cause or a purpose
("because", "blamed the hold-up on", "in a bid to"). That sentence leads the reply; the
others follow it as they stand in the article (``leader_first``). When the reply has room,
the sentence right after the first joins it where it goes on with it, pointing back to it
("This makes …", "Nearly all of them …": ``goes_on``). A question in two
parts ("Who … and when …?", "When and where …?") gets the best sentences for each, part
by part.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np

from qa.index.chunking import split_sentences
from qa.patterns import LazyPattern
from qa.records import Article, Hit, Span
from qa.search.answer_types import (
    COUNT,
    DATE,
    DURATION,
    KINDS,
    NUMBER,
    REASON,
    SCORE,
    alike_held,
    anchors,
    asked_kind,
    asks_age,
    asks_amount,
    asks_count,
    asks_duration,
    asks_length,
    asks_money,
    asks_reason,
    asks_score,
    contradicts,
    gives_age,
    gives_age_of,
    gives_cause,
    gives_length,
    gives_money,
    things,
)
from qa.search.lexicon import Lexicon

if TYPE_CHECKING:
    from qa.storage.contract import Storage

#: Footnote references and the editors' inline notes of wiki-sourced text.
_FOOTNOTE = LazyPattern(
    r"\[(?:\d{1,3}|[a-z]|note \d{1,3}|citation needed|clarification needed|dubious|"
    r"when\?|who\?|by whom\?|which\?|not in citation given|failed verification)\]"
)
_COUNTING_TERMS = frozenset({"mani", "many", "number"})
_NUMERIC = LazyPattern(
    r"\d[\d.,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|hundr\w*|thousand\w*|million\w*|billion\w*|dozen\w*"
)
_STATEMENT_END = LazyPattern(r"[.!?…][\"'”’)\]]*$")
#: A sentence the article asks in its own voice ("What are her hopes for the future?"): it
#: raises a question rather than answering one. A quoted question ("“Why?” she asked.") ends
#: otherwise and stays.
_ASKS = LazyPattern(r"\?\s*$")
#: A caption, a credit or timestamp line, or a link line: news pages' furniture.
_CAPTION = LazyPattern(
    r"^\W*(?:(?:photo|picture|image|caption|credit|illustration|video|file\s+photo|"
    r"photograph)s?\b\s*(?:[:|—–-]|by\b)"
    r"|(?:additional\s+)?(?:reporting|writing|editing)\s+by\b"
    r"|(?:last\s+|first\s+)?(?:updated|published|posted|modified)\b[\s:]*(?:on\s+|at\s+)?"
    r"(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)"
    r"|(?:read\s+more|related(?:\s+articles?|\s+stories)?|see\s+also)\s*:"
    r"|share\s+this\b|follow\s+us\s+on\b)",
    re.I,
)
_BYLINE = LazyPattern(r"^\W*[Bb]y\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)+")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DAY = rf"(?:{_MONTH}\s+\d{{1,2}}(?:,\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)"
_AGENCY = r"\([\w .'’&-]{1,30}\)"
#: "ALMATY, Kazakhstan (AP) — ", "Staunton, November 3 – " before a story's first sentence:
#: a place in capitals, or in title case followed by a date or an agency, then a dash; or
#: the agency alone ("(CNN) -- ").
_DATELINE = LazyPattern(
    rf"(?:\([A-Z][\w.'’&-]{{1,20}}\)\s*"
    rf"|[A-Z][A-Z.'’\- ]{{2,}}(?:,\s+[A-Z][\w.'’\- ]*?)?(?:,?\s+{_DAY})?\s*(?:{_AGENCY}\s*)?"
    rf"|[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){{0,2}}(?:,\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+)?)?"
    rf"(?:,?\s+{_DAY}\s*(?:{_AGENCY}\s*)?|\s*{_AGENCY}\s*))"
    r"(?:[—–]|--?)\s+(?=[A-Z“\"])"
)

#: The signals of a candidate sentence, in the order of ``SentenceWeights.values``.
FEATURES = (
    "bias",
    "cos_sentence",
    "cos_known",
    "fused",
    "passage_rank",
    "passage_score",
    "anchor",
    "coverage",
    "context_coverage",
    "proximity",
    "novelty",
    "kind_match",
    "kind_missing",
    "length",
    "bigrams",
    "new_thing",
    "rarest_term",
    "named_things",
    "contradicts",
    "counted",
)


_CONTRADICTS = FEATURES.index("contradicts")
_KIND_MATCH = FEATURES.index("kind_match")
_RAREST = FEATURES.index("rarest_term")
#: The kinds of things a question names that a sentence may name too (``named_things``).
_NAMED = (*KINDS, COUNT, SCORE)


@dataclass(frozen=True, slots=True)
class SentenceWeights:
    """The logistic model's weight per signal (``FEATURES`` order) and the reply's knobs.

    Learned by eval/tune_answers.py on the tuning halves of eval/corpus.jsonl and
    the SQuAD benchmark; ``follow_ratio`` and ``follow_floor`` decide which further
    sentences join the first (probability at least that share of the first's and
    at least the floor), up to ``max_sentences`` (chosen there too: a fourth
    sentence nearly as likely holds the answer often enough to earn its length).
    """

    values: tuple[float, ...] = (
        -6.566,
        1.699,
        -0.15,
        1.646,
        1.318,
        1.331,
        0.225,
        3.615,
        1.552,
        0.087,
        -0.473,
        0.542,
        -0.542,
        0.05,
        0.283,
        0.417,
        0.469,
        -0.193,
        -0.502,
        1.312,
    )
    follow_ratio: float = 0.3
    follow_floor: float = 0.1
    max_sentences: int = 4
    max_parts: int = 4
    max_reply: int = 4


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence a listed passage shows: where it stands and what it says."""

    marker: int
    article: Article
    span: Span
    text: str
    signals: np.ndarray = field(repr=False)
    probability: float = 0.0


def without_footnotes(text: str) -> str:
    """``text`` with bracketed footnote references such as ``[6]`` and editors' notes such
    as ``[citation needed]`` removed."""
    return " ".join(_FOOTNOTE.sub("", text).split())


def is_statement(sentence: str) -> bool:
    """Whether a sentence reads as a statement rather than a heading, title or dateline.

    A statement has at least four words and ends like a sentence (".", "!", "?",
    "…", maybe inside a closing quote); a line of at least eight words that is not in
    title case counts too when it is a list item ("- Fares rose …") or as long as few
    headings are (twelve words): "Ferry company admits changing the timetable of its
    route" and "Ports: Fares, of course, and timetables" are section headings. "IV
    Revolts in Kyrgyzstan:" is no statement, nor a line in capitals, a caption ("Photo:
    …"), a byline ("By Jane Doe and John Roe, Reuters."), a credit or timestamp line
    ("Reporting by …", "Updated 10:32 a.m. ET, March 5, 2018.") or a link line ("Read
    more: …").
    """
    words = [w for w in sentence.split() if any(c.isalpha() for c in w)]
    if len(words) < 4 or _CAPTION.search(sentence):
        return False
    if not any(c.islower() for c in sentence):
        return False  # an ALL-CAPS line is a heading
    if _BYLINE.search(sentence) and sum(1 for w in words if w.islower()) <= 3:
        return False
    if _STATEMENT_END.search(sentence.rstrip()):
        return True
    capitalised = sum(1 for w in words if w[0].isupper())
    if len(words) < 8 or capitalised >= 0.5 * len(words) or sentence.endswith(":"):
        return False
    return len(words) >= _HEADING_WORDS or _LIST_ITEM.match(sentence) is not None


#: Words a line without a full stop needs to read as a statement unless it is a list item.
_HEADING_WORDS = 12
_LIST_ITEM = LazyPattern(r"^\s*(?:[-•*–—]|\d+[.)])\s")


def without_dateline(raw: str, sentence: Span) -> Span:
    """The sentence without a dateline run into it ("ALMATY, Kazakhstan (AP) — The …"
    starts at "The"): still a verbatim span of the file."""
    found = _DATELINE.match(raw, sentence.start, sentence.end)
    return Span(found.end(), sentence.end) if found else sentence


def window_sentences(raw: str, article: Article, window: Span) -> list[Span]:
    """The sentence spans of ``article`` that lie inside ``window`` of its file, in order."""
    found: list[Span] = []
    for block in sorted((*article.header, *article.paragraphs), key=lambda s: s.start):
        if block.end <= window.start or block.start >= window.end:
            continue
        found.extend(
            s
            for s in split_sentences(raw, block)
            if window.start <= s.start and s.end <= window.end
        )
    return found


def _past_dateline(
    raw: str, sentence: Span, question_terms: Sequence[str], snapshot: Storage
) -> Span:
    """The sentence without a run-in dateline, unless the dateline holds one of the
    question's terms ("Where was the November 3 report datelined?")."""
    trimmed = without_dateline(raw, sentence)
    if trimmed == sentence:
        return sentence
    dateline = snapshot.lexical_terms([raw[sentence.start : trimmed.start]])[0]
    return sentence if set(dateline) & set(question_terms) else trimmed


def candidates(
    question: str,
    passages: Sequence[Hit],
    sentences: Sequence[Hit],
    snapshot: Storage,
    lexicon: Lexicon | None = None,
    only: Collection[int] | None = None,
) -> list[Candidate]:
    """Every statement the listed passages show, with its signals (see the module docstring);
    a question the article asks in its own voice is none, nor a line of the article's header
    (its headline, its byline), however much it reads like a sentence.

    A sentence shown by several passages counts once, under the best one. ``only``
    restricts the candidates to the passages with those markers.
    """
    lexicon = lexicon or Lexicon.of(snapshot)
    scored = {(h.chunk.article_id, h.chunk.sentence_start): h for h in sentences}
    top_score = max((p.score for p in passages), default=1.0) or 1.0
    seen: set[tuple[str, int]] = set()
    rows: list[tuple[int, Hit, Span, str, str]] = []  # marker, passage, span, text, context
    question_terms = list(dict.fromkeys(snapshot.lexical_terms([question])[0]))
    for marker, passage in enumerate(passages, start=1):
        if only is not None and marker not in only:
            continue
        article = passage.article
        raw = snapshot.file_text(article.path)
        window = Span(passage.chunk.start, passage.chunk.end)
        spans = [
            _past_dateline(raw, s, question_terms, snapshot)
            for s in window_sentences(raw, article, window)
        ]
        texts = [without_footnotes(raw[s.start : s.end]) for s in spans]
        spans, texts, listing = _with_lists(raw, spans, texts)
        for i, span in enumerate(spans):
            key = (article.article_id, span.start)
            if key in seen or not (i in listing or is_statement(texts[i])):
                continue
            if _ASKS.search(texts[i]):
                continue
            if any(h.start <= span.start < h.end for h in article.header):
                continue  # the headline or byline: it names the story, it is no answer
            seen.add(key)
            context = " ".join(texts[max(0, i - 1) : i + 2])
            rows.append((marker, passage, span, texts[i], context))
    if not rows:
        return []
    weights = dict(zip(question_terms, lexicon.idfs(question_terms), strict=True))
    total = sum(weights.values()) or 1.0
    analysed = snapshot.lexical_terms([text for _, _, _, text, _ in rows] + [c for *_, c in rows])
    kind = matched_kind(question)
    asked = things(question)
    question_bigrams = set(itertools.pairwise(question_terms))
    rarest = max(weights, key=lambda t: weights[t]) if weights else None
    named = {thing for k in _NAMED for thing in asked.by_kind[k]}
    pinned = anchors(question)
    noun = _counted_term(question_terms) if kind == COUNT else None
    built = []
    for i, (marker, passage, span, text, _) in enumerate(rows):
        terms, context_terms = analysed[i], set(analysed[len(rows) + i])
        own = scored.get((passage.article.article_id, span.start))
        held = things(text)
        new_thing = any(held.new_to(asked, k) for k in KINDS)
        signals = np.array(
            [
                1.0,
                own.features.get("cos_sentence", 0.0)
                if own
                else passage.features.get("cos_window", 0.0) - 0.1,
                1.0 if own else 0.0,
                own.score / top_score if own else 0.0,
                1.0 / marker,
                passage.score / top_score,
                1.0 if passage.chunk.sentence_start == span.start else 0.0,
                sum(w for t, w in weights.items() if t in set(terms)) / total,
                sum(w for t, w in weights.items() if t in context_terms) / total,
                _proximity(terms, weights),
                sum(1 for t in terms if t not in weights) / max(len(terms), 1),
                1.0 if kind is not None and held.new_to(asked, kind) else 0.0,
                1.0 if kind is not None and not held.new_to(asked, kind) else 0.0,
                min(len(text.split()), 60) / 60,
                _shared_bigrams(question_bigrams, terms),
                1.0 if new_thing else 0.0,
                1.0 if rarest is not None and rarest in context_terms else 0.0,
                _named_share(named, text),
                1.0 if contradicts(pinned, anchors(text), kind) else 0.0,
                1.0 if noun is not None and _counts(terms, noun) else 0.0,
            ]
        )
        built.append(Candidate(marker, passage.article, span, text, signals))
    return built


def introduces_list(sentence: str) -> bool:
    """Whether a sentence ends in a colon that opens a list ("The overall rankings were as
    follows:", "Ann Lee suggested in 7 Simple Tests to Raise Sales to test:"): it reads as a
    statement but for its end, with at least four words in lower case, which a heading
    ("IV Revolts in Kyrgyzstan:") lacks."""
    if not sentence.rstrip().endswith(":") or _CAPTION.search(sentence):
        return False
    words = [w for w in sentence.split() if any(c.isalpha() for c in w)]
    return len(words) >= _LIST_INTRO_WORDS and sum(1 for w in words if w.islower()) >= 4


def _with_lists(
    raw: str, spans: list[Span], texts: list[str]
) -> tuple[list[Span], list[str], set[int]]:
    """The sentences with each one that introduces a list (``introduces_list``) joined to
    the short lines of the list after it ("1.", "Finland", "2.", "Norway" …; "Buy now vs free
    trial"), up to the next statement: news names what a list ranks or holds only in the
    line before it, and a list's items say nothing without it. With the indexes of the
    joined ones."""
    joined_spans: list[Span] = []
    joined_texts: list[str] = []
    listing: set[int] = set()
    i = 0
    while i < len(spans):
        end = i + 1
        if introduces_list(texts[i]):
            while (
                end < len(spans)
                and end - i <= _LIST_PIECES
                and len(texts[end].split()) <= _LIST_ITEM_WORDS
                and not is_statement(texts[end])
                and spans[end].end - spans[i].start <= _LIST_CHARS
            ):
                end += 1
        if end > i + 1:
            listing.add(len(joined_spans))
            joined_spans.append(Span(spans[i].start, spans[end - 1].end))
            joined_texts.append(" ".join(raw[spans[i].start : spans[end - 1].end].split()))
        else:
            joined_spans.append(spans[i])
            joined_texts.append(texts[i])
        i = end
    return joined_spans, joined_texts, listing


#: How many lines, of how many words at most, a list joined to its introduction may hold,
#: and how long the whole may run (characters).
_LIST_PIECES = 24
_LIST_INTRO_WORDS = 6
_LIST_ITEM_WORDS = 12
_LIST_CHARS = 500


#: A run of capitalised words: a name, or a sentence's first word.
_CAPITALISED_RUN = LazyPattern(r"\b[A-Z][\w’'-]*[a-z][\w’'-]*(?:\s+[A-Z][\w’'-]*[a-z][\w’'-]*)*")


def _asked_surname(question: str) -> str | None:
    """The last word of the first name a question names past its first word ("How old was
    Ann Lee when she won the Kelso Cup?" → "Lee"); None when it names none."""
    runs = [m for m in _CAPITALISED_RUN.finditer(question) if m.start() > 0]
    return re.sub(r"[’']s$", "", runs[0].group().split()[-1]) if runs else None


def _counted_term(question_terms: Sequence[str]) -> str | None:
    """The term a "How many …?" question counts ("How many women …" → "women"), as the
    lexical index analyses it: the first term after "many" (or after "number")."""
    for i, term in enumerate(question_terms[:-1]):
        if term in _COUNTING_TERMS:
            return question_terms[i + 1]
    return None


def _counts(terms: Sequence[str], noun: str) -> bool:
    """Whether a number stands just before ``noun``, or another word for what it names
    (``same_thing``: "11,000 pupils" for "children"), in the terms ("up to 7000 women",
    "559 of them women"): the sentence counts what the question counts."""
    return any(
        (term == noun or alike_held(noun, (term,)))
        and any(_NUMERIC.fullmatch(t) for t in terms[max(0, i - 3) : i])
        for i, term in enumerate(terms)
    )


def matched_kind(question: str) -> str | None:
    """The kind a sentence must hold to answer ``question`` (``asked_kind``): a number
    that counts (``COUNT``) for "How many …?", a score (``SCORE``) for "What was the
    score …?", a cause or a purpose (``REASON``) for "Why …?", a duration (``DURATION``) for
    "How long …?", a number for "What pay increase …?" (``asks_amount``)."""
    if asks_score(question):
        return SCORE
    if asks_duration(question):
        return DURATION
    kind = asked_kind(question)
    if kind is None and asks_reason(question):
        return REASON
    if kind is None and asks_amount(question):
        return NUMBER
    return COUNT if kind == NUMBER and asks_count(question) else kind


def _named_share(named: set[str], text: str) -> float:
    """The share of the things the question names (names, numbers, dates) the text names."""
    if not named:
        return 0.0
    lowered = text.lower()
    return sum(1 for thing in named if thing in lowered) / len(named)


def _shared_bigrams(question_bigrams: set[tuple[str, str]], terms: Sequence[str]) -> float:
    """The share of the question's adjacent term pairs that stand adjacent in the sentence."""
    if not question_bigrams:
        return 0.0
    return len(question_bigrams & set(itertools.pairwise(terms))) / len(question_bigrams)


def _proximity(terms: Sequence[str], weights: dict[str, float]) -> float:
    """How tightly the question terms a sentence holds stand together (1: side by side)."""
    positions = [i for i, t in enumerate(terms) if t in weights]
    matched = len({terms[i] for i in positions})
    if matched < 2:
        return 0.0
    return matched / (positions[-1] - positions[0] + 1)


def rate(found: Sequence[Candidate], weights: SentenceWeights) -> list[Candidate]:
    """The candidates with their probability of holding the answer, most likely first."""
    if not found:
        return []
    values = np.asarray(weights.values)
    logits = np.stack([c.signals for c in found]) @ values
    probabilities = 1 / (1 + np.exp(-logits))
    rated = [
        Candidate(c.marker, c.article, c.span, c.text, c.signals, float(p))
        for c, p in zip(found, probabilities, strict=True)
    ]
    rated.sort(key=lambda c: c.probability, reverse=True)
    return rated


_PART_BREAK = LazyPattern(
    r"(?:,\s*|\s+)(?:and|as\s+well\s+as)\s+(?=(?:(?:in|on|at|from|to|by|for|with|since)\s+)?"
    r"(?:who|whom|whose|what|when|where|which|why|how)\b)",
    re.I,
)
_WH = LazyPattern(r"^\s*(?:who|whom|whose|what|when|where|which|why|how(?:\s+\w+)?)\b\s*", re.I)


_WH_WORD = (
    r"(?:(?:by|from|to|with|for)\s+whom|who|whom|what|when|where|which|why|"
    r"how(?:\s+(?:many|much|long|far|old))?)"
)
#: "When and where was it founded?", "When, where and by whom …?": question words sharing
#: the rest of the question.
_JOINED_WH = LazyPattern(
    rf"^\s*((?:{_WH_WORD}\s*,\s*)*{_WH_WORD})\s*(?:,\s*|\s+)and\s+({_WH_WORD})\s+(\S.*)$", re.I
)
_WH_LIST = LazyPattern(r"\s*,\s*")
#: "Who founded it, when was it founded, and where …?": a comma before a question word and
#: its verb opens a part too, in a question whose last part opens with "and".
_LISTED_PART = LazyPattern(
    r",\s+(?=(?:who|what|when|where|how(?:\s+\w+)?)\s+(?:is|was|are|were|did|does|do|has|had|"
    r"will|can)\b)",
    re.I,
)


def question_parts(question: str) -> list[str]:
    """The questions a question asks: "Who founded it and when?" asks two, and so does
    "When and where was it founded?".

    A short later part ("and when?") borrows the first part's words; joined question words
    ("When, where and by whom …?") share the rest of the question.
    """
    joined = _JOINED_WH.match(question)
    if joined:
        listed, last, rest = joined.groups()
        rest = rest.strip(" ?")
        words = [*_WH_LIST.split(listed), last]
        return [f"{words[0]} {rest}?"] + [f"{word.lower()} {rest}?" for word in words[1:]]
    pieces = [p.strip(" ,?") for p in _PART_BREAK.split(question) if p.strip(" ,?")]
    if len(pieces) < 2:
        return [question]
    listed = _LISTED_PART.split(pieces[0])
    if all("," not in piece for piece in listed[1:]):  # not a clause ", who was …, said"
        pieces = [*listed, *pieces[1:]]
    parts = [pieces[0] + "?"]
    for piece in pieces[1:]:
        if len(piece.split()) <= 3:
            piece = f"{piece} {_WH.sub('', pieces[0])}"
        parts.append(piece + "?")
    return parts


def choose(
    question: str,
    passages: Sequence[Hit],
    sentences: Sequence[Hit],
    snapshot: Storage,
    weights: SentenceWeights,
    only: Collection[int] | None = None,
) -> list[Candidate]:
    """The reply's sentences: the most likely one and those nearly as likely; for a
    question in parts, up to two for each part (at most ``max_reply`` in all), part by part.
    Each part's sentences are ordered by ``leader_first``. ``only`` restricts the choice to
    the passages with those markers."""
    lexicon = Lexicon.of(snapshot)
    parts = question_parts(question)[: weights.max_parts]
    # Two parts get up to two sentences each; more parts one each.
    per_part = (
        replace(weights, max_sentences=weights.max_reply // len(parts))
        if len(parts) > 1
        else weights
    )
    chosen: list[Candidate] = []
    for part in parts:
        found = candidates(part, passages, sentences, snapshot, lexicon, only)
        rated = distinct(rate(found, weights))
        age = asks_age(part)
        whose = _asked_surname(part) if age else None
        chosen_here = select(
            rated,
            per_part,
            matched_kind(part),
            age=age,
            whose=whose,
            money=asks_money(part),
            length=asks_length(part),
        )
        for candidate in chosen_here:
            if len(chosen) < weights.max_reply and not any(
                _overlap(candidate, c) or same_sentence(candidate.text, c.text) for c in chosen
            ):
                chosen.append(candidate)
    return chosen


def _overlap(one: Candidate, other: Candidate) -> bool:
    """Whether two candidates are one sentence of one article, told in full or past its
    dateline (one part of a question may keep "PORT ARLEN — …" where it names the place,
    another not)."""
    return (
        one.article.article_id == other.article.article_id
        and one.span.start < other.span.end
        and other.span.start < one.span.end
    )


#: How alike (``difflib``'s ratio of their words' letters) two sentences must be to be one
#: sentence told twice.
_SAME_SENTENCE_RATIO = 0.9


def same_sentence(one: str, other: str) -> bool:
    """Whether two sentences are one sentence told twice, as two copies of a story in two
    articles tell it: a word or two apart at most ("says" / "said", "per cent" / "percent").
    Their words in lower case, without marks, are at least ``_SAME_SENTENCE_RATIO`` alike,
    and they give the same figures and the same names: "The toll rose to 12." and "The toll
    rose to 15." tell two things, and so do "The bridge will open." and "The bridge will not
    open." (a negation one has and the other lacks)."""
    first, second = " ".join(_words(one)), " ".join(_words(other))
    if first == second:
        return True
    if _facts(one) != _facts(other) or _negations(one) != _negations(other):
        return False
    matcher = difflib.SequenceMatcher(None, first, second, autojunk=False)
    return (
        matcher.real_quick_ratio() >= _SAME_SENTENCE_RATIO
        and matcher.quick_ratio() >= _SAME_SENTENCE_RATIO
        and matcher.ratio() >= _SAME_SENTENCE_RATIO
    )


def _facts(sentence: str) -> set[str]:
    """The figures and the capitalised words (after the first) of a sentence."""
    words = re.findall(r"\w+", sentence)[1:]
    return {w for w in words if w[0].isupper() or any(c.isdigit() for c in w)}


def _negations(sentence: str) -> list[str]:
    """The negating words of a sentence, in order ("t" is the end of "can't", "didn't")."""
    return [w for w in _words(sentence) if w in _NEGATING]


#: Words that turn a statement into its opposite.
_NEGATING = frozenset("not no never without nor none nobody nothing neither t".split())


def _words(sentence: str) -> list[str]:
    """A sentence's words in lower case, without marks."""
    return re.findall(r"\w+", sentence.casefold())


def distinct(rated: Sequence[Candidate]) -> list[Candidate]:
    """The rated candidates without the repeats of a sentence told twice (``same_sentence``),
    each kept where it is likeliest, so that a story indexed twice fills no more of the reply
    than once."""
    kept: list[Candidate] = []
    for candidate in rated:
        if not any(same_sentence(candidate.text, k.text) for k in kept):
            kept.append(candidate)
    return kept


def select(
    rated: Sequence[Candidate],
    weights: SentenceWeights,
    asked: str | None = None,
    *,
    age: bool = False,
    whose: str | None = None,
    money: bool = False,
    length: bool = False,
) -> list[Candidate]:
    """From rated candidates (likeliest first): the first and those nearly as likely.

    When the question asks for a number, a count, a duration, a score or a date (``asked``),
    the first is the likeliest sentence holding one the question does not name, if any does
    (for a sum of money, ``money``: "How much did it cost?", the likeliest giving a sum, if
    any does; for a size in distance, ``length``: "How tall is the tower?", "How long is the
    border?", the likeliest giving a distance, if any does); when it
    asks how old someone is (``age``), the likeliest giving an age on the name of the person
    asked (``whose``: "Doe, who is about 45,"), else any age ("the 45-year-old"); when it
    asks why (``REASON``), the likeliest of the chosen sentences that says outright why
    (``gives_cause``) and holds or stands by the question's rarest term, else, when none
    does, the first keeps the lead and the sentence beside it in its article that says why
    joins it. When the
    first keeps to the question's countries and years, no sentence about other ones joins it
    (see ``qa.search.answer_types.contradicts``). The first leads the reply (``leader_first``).
    """
    if not rated:
        return []
    bar = max(weights.follow_ratio * rated[0].probability, weights.follow_floor)
    if asked in (NUMBER, COUNT, DATE, SCORE, DURATION) or age:
        giving_age = None
        if age:  # the age on the asked person's name, else any age
            giving_age = next((c for c in rated if whose and gives_age_of(c.text, whose)), None)
            giving_age = giving_age or next((c for c in rated if gives_age(c.text)), None)
        holding = giving_age or next(
            (
                c
                for c in rated
                if c.signals[_KIND_MATCH]
                and (not money or gives_money(c.text))
                and (not length or gives_length(c.text))
            ),
            None,
        )
        holding = holding or next((c for c in rated if c.signals[_KIND_MATCH]), None)
        if holding is not None:
            rated = [holding, *(c for c in rated if c is not holding)]
    first = rated[0]
    chosen = [first]
    for other in rated[1:]:
        if len(chosen) == weights.max_sentences:
            break
        if other.probability < bar:
            break
        if other.signals[_CONTRADICTS] and not first.signals[_CONTRADICTS]:
            continue
        if all(other.text != c.text for c in chosen):
            chosen.append(other)
    if asked == REASON and not gives_cause(first.text):
        # "Why …?": of the sentences chosen anyway, the likeliest that says outright why, of
        # what the question asks about (its rarest term at hand), leads.
        giving = next((c for c in chosen if gives_cause(c.text) and c.signals[_RAREST]), None)
        if giving is not None:
            chosen = [giving, *(c for c in chosen if c is not giving)]
        elif beside := [c for c in _neighbours(first, rated) if gives_cause(c.text)]:
            # None does: news often gives the cause in the sentence beside the one that
            # meets the question ("Clinics have no doctor." "The report blames low pay …").
            cause = max(beside, key=lambda c: c.probability)
            rest = [c for c in chosen[1:] if c is not cause]
            chosen = [first, cause, *rest][: max(weights.max_sentences, 2)]
    return leader_first(_with_sequel(chosen, rated, weights.max_sentences))


#: The first words of a sentence that goes on with the one before it, pointing back to it:
#: "This makes …", "For instance …", "Nearly all of them are …", "“He wanted …”"; not
#: "This year …", which points to a time.
_POINTS_BACK = LazyPattern(
    r"^\W*(?:(?:(?:nearly|almost|not)\s+)?(?:all|most|many|some|none|few|each|both|one|two|"
    r"several|neither|half)\s+of\s+)?"
    r"(?:(?:this|these|that|those|such)(?!\s+(?:year|week|month|season|time|morning|"
    r"afternoon|evening|night|weekend|summer|spring|autumn|fall|winter|decade|century)\b)"
    r"|it|its|they|them|their|he|she|his|her)\b"
    r"|^\W*for\s+(?:instance|example)\b",
    re.I,
)


def goes_on(sentence: str) -> bool:
    """Whether a sentence goes on with the one before it, pointing back to it in its first
    words ("This makes the bounds independent …", "For instance, …", "Nearly all of them
    are …"): shown after that one, it says more of what that one speaks of."""
    return _POINTS_BACK.search(sentence) is not None


def _with_sequel(
    chosen: Sequence[Candidate], rated: Sequence[Candidate], most: int
) -> list[Candidate]:
    """The chosen sentences with the sentence right after the first, when that one goes on
    with it (``goes_on``): what the first sentence brings up, news often tells only in
    the next ("Each year the area has about 10,000 earthquakes." "Nearly all of them are so
    small that they are not felt."), when the reply has room for it: it never takes the
    place of a sentence chosen for being likely to answer."""
    first = chosen[0]
    sequel = next(
        (
            c
            for c in _neighbours(first, rated)
            if c.span.start > first.span.start
            and goes_on(c.text)
            and not (c.signals[_CONTRADICTS] and not first.signals[_CONTRADICTS])
        ),
        None,
    )
    if sequel is None or any(c is sequel for c in chosen) or len(chosen) >= most:
        return list(chosen)
    return [*chosen, sequel]


#: How many characters (a space, a line break or two) may part two sentences that stand
#: side by side in an article.
_SIDE_BY_SIDE = 4


def _neighbours(sentence: Candidate, rated: Sequence[Candidate]) -> list[Candidate]:
    """The candidates standing right before and right after ``sentence`` in its article,
    nothing but a space or a line break between."""
    return [
        c
        for c in rated
        if c.article.article_id == sentence.article.article_id
        and (
            0 <= sentence.span.start - c.span.end <= _SIDE_BY_SIDE
            or 0 <= c.span.start - sentence.span.end <= _SIDE_BY_SIDE
        )
    ]


def leader_first(chosen: Sequence[Candidate]) -> list[Candidate]:
    """The first chosen sentence (the one most likely to answer) leads, so that a reader
    finds the answer at once; then the other sentences of its passage that follow it in
    the article, then those of its passage that stand before it, each as they stand in the
    article; then the other passages' sentences, passage by passage in the order they
    were chosen, as they stand in the article."""
    if not chosen:
        return []
    leader = chosen[0]
    rank: dict[int, int] = {}
    for candidate in chosen:
        rank.setdefault(candidate.marker, len(rank))
    rest = sorted(
        chosen[1:],
        key=lambda c: (rank[c.marker], c.span.start < leader.span.start, c.span.start),
    )
    return [leader, *rest]
