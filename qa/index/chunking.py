"""Article → Chunks: sentences, each shown inside a window of its neighbours.

Every sentence of an article becomes the anchor of one chunk; the chunk's
window grows around it (one sentence after, one before, …) until it would
pass ``window_words`` words or the model's token budget. Windows never cross
text that ingestion dropped, so ``raw[start:end]`` is always exactly the
quoted passage. Pure functions: no I/O, no model.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from qa.patterns import LazyPattern
from qa.records import Article, Chunk, Span
from qa.text import SPEECH_VERBS, collapse_whitespace

TokenCounter = Callable[[str], int]

#: Raised whenever the rules below change where chunks begin and end, so that indexes
#: built with older rules are rebuilt rather than mixed with new chunks.
CHUNKING_VERSION = 7

# Words that end with a period without ending a sentence.
_ABBREVIATIONS = frozenset(
    (
        "mr mrs ms dr prof st sr jr vs etc inc ltd co corp gen col lt sgt capt gov sen rep "
        "no nos fig figs vol pp p ed eds jan feb mar apr jun jul aug sep sept oct nov dec "
        "e.g i.e u.s u.k u.n a.m p.m approx est dept univ ave blvd mt ft"
    ).split()
)
_BOUNDARY = LazyPattern(r"[.!?…]+[\"'”’)\]]*(?:\[\d+\])?\s+(?=[\"'“‘(\[]?[A-Z0-9А-ЯЁ•])")
# Text written all in lower case (some feeds and archives) has no capital to start a sentence.
_LOWER_CASE_BOUNDARY = LazyPattern(r"[.!?…]+[\"'”’)\]]*(?:\[\d+\])?\s+(?=[\"'“‘(\[]?[a-z0-9а-яё])")
_WORD_BEFORE = LazyPattern(r"(\S+)$")
_RUN_OF_INITIALS = LazyPattern(r"[a-z](?:\.[a-z]){1,2}")
_CLOSED = LazyPattern(r"[\"'”’)\]]")
_MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
#: A quotation closed by "?", "!" or "…" is no sentence end when its speaker follows:
#: "“Is that right?” Justice Doe asked." reads as one sentence, as it does with a comma.
_QUESTION_OR_EXCLAMATION_QUOTED = LazyPattern(r"[?!…]+[\"”’']\s*$")
#: The speaker and the verb, then only what says where, when or to whom ("… asked in one of
#: his queries.", "… asked Trump."), never a clause of its own ("Smith said later that …",
#: "Police said the suspect fled …"), which opens a new sentence.
_SPEAKER_FOLLOWS = LazyPattern(
    r"(?:(?:The|A|An)\s+(?:[\w'’-]+\s+){0,2}|(?:[A-Z][\w.'’-]*\s+){1,5})"
    r"(?:also\s+|then\s+)?" + SPEECH_VERBS + r"(?:\s*[.,;:]"
    r"|\s+(?:in|on|at|during|after|before|as|from|with|while|when|to|of|for|outside)\b"
    r"|\s+(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]*[.,;:])"
)


def split_sentences(raw: str, span: Span) -> list[Span]:
    """Sentence spans inside ``span`` of ``raw``, trimmed of surrounding whitespace."""
    text = raw[span.start : span.end]
    boundary = _BOUNDARY if any(c.isupper() for c in text) else _LOWER_CASE_BOUNDARY
    pieces: list[Span] = []
    begin = 0
    for match in boundary.finditer(text):
        stop = match.start() + len(match.group().rstrip())
        if _is_abbreviation(text[begin:stop]) or _speaker_follows_quote(text, stop, match.end()):
            continue
        pieces.append(Span(span.start + begin, span.start + stop))
        begin = match.end()
    pieces.append(Span(span.start + begin, span.end))
    return [trimmed for piece in pieces if (trimmed := _trim(raw, piece)) is not None]


def _speaker_follows_quote(text: str, stop: int, next_start: int) -> bool:
    """Whether a quotation ending at ``stop`` with "?", "!" or "…" is followed by its
    speaker ("“Why not?” Justice Doe asked."), which keeps both in one sentence."""
    return bool(
        _QUESTION_OR_EXCLAMATION_QUOTED.search(text, max(0, stop - 8), stop)
        and _SPEAKER_FOLLOWS.match(text, next_start)
    )


def _is_abbreviation(sentence: str) -> bool:
    found = _WORD_BEFORE.search(sentence)
    if not found:
        return False
    word = found.group(1).rstrip(".!?…\"'”’)]").lower()
    opened = word.lstrip("(\"'“‘[")
    if opened in _MONTHS and not _CLOSED.search(found.group(1)):
        return True  # a date opening a bracket or quotation: "published today (Oct. 28)"
    if word in _ABBREVIATIONS:
        return True
    # An initial such as the "S." of "S. Frederick Starr".
    if len(word) == 1 and word.isalpha() and sentence.rstrip().endswith("."):
        return True
    # Initials run together ("J.C. Chandor"), unless after a comma, where they are a place's
    # ("… in Washington, D.C. The …").
    before = sentence[: found.start()].rstrip()
    return _RUN_OF_INITIALS.fullmatch(word) is not None and not before.endswith(",")


def _trim(raw: str, span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and raw[start].isspace():
        start += 1
    while end > start and raw[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


#: A run of characters without a space longer than this is cut (a tokenizer reads it
#: as one unknown token however long it is, so it would make a window of any size).
MAX_WORD_CHARACTERS = 100


def _split_long(raw: str, span: Span, budget: int, count_tokens: TokenCounter) -> list[Span]:
    """Cut a sentence that alone exceeds the token budget at word boundaries.

    Words are counted one by one (a word's tokens do not depend on its neighbours for
    the WordPiece and similar tokenizers), so a sentence of any length takes linear time.
    """
    text = raw[span.start : span.end]
    if len(text) <= 4 * budget and count_tokens(text) <= budget:
        return [span]
    words = [
        Span(span.start + m.start() + cut, span.start + min(m.end(), m.start() + cut + step))
        for m in re.finditer(r"\S+", text)
        for step in (MAX_WORD_CHARACTERS,)
        for cut in range(0, m.end() - m.start(), step)
    ]
    pieces: list[Span] = []
    first, tokens = 0, 0
    for index, word in enumerate(words):
        cost = count_tokens(raw[word.start : word.end])
        if index > first and tokens + cost > budget:
            pieces.append(Span(words[first].start, words[index - 1].end))
            first, tokens = index, 0
        tokens += cost
    pieces.append(Span(words[first].start, words[-1].end))
    return pieces


@dataclass(frozen=True, slots=True)
class _Sentence:
    span: Span
    words: int
    tokens: int


def _blocks(raw: str, paragraphs: Sequence[Span]) -> Iterator[list[Span]]:
    """Runs of paragraphs with nothing but whitespace between them in the raw file."""
    block: list[Span] = []
    for paragraph in paragraphs:
        if block and raw[block[-1].end : paragraph.start].strip():
            yield block
            block = []
        block.append(paragraph)
    if block:
        yield block


def chunk_article(
    raw: str,
    article: Article,
    count_tokens: TokenCounter,
    *,
    window_words: int = 110,
    max_tokens: int = 256,
    window_stride: int = 1,
) -> list[Chunk]:
    """One chunk per sentence of ``article`` (header lines, then body): the sentence
    and its window of neighbours.

    ``max_tokens`` is the model's input limit; two tokens are kept for the
    special tokens the model adds, so no window is ever truncated.

    With ``window_stride`` s > 1 windows are grown around every s-th sentence only
    (and the last), and each sentence is shown in the window that holds it closest to
    the window's middle, so chunks share windows and each window is embedded once: s
    times fewer window tokens to embed. A sentence no such window holds gets its own.
    """
    budget = max_tokens - 2
    chunks: list[Chunk] = []
    for block in _blocks(raw, [*article.header, *article.paragraphs]):
        sentences: list[_Sentence] = []
        for paragraph in block:
            for sentence in split_sentences(raw, paragraph):
                for piece in _split_long(raw, sentence, budget, count_tokens):
                    text = raw[piece.start : piece.end]
                    sentences.append(_Sentence(piece, len(text.split()), count_tokens(text)))
        strided = [
            _grow_window(sentences, anchor, window_words, budget)
            for anchor in sorted({*range(0, len(sentences), window_stride), len(sentences) - 1})
        ]
        for anchor in range(len(sentences)):
            holding = [w for w in strided if w[0] <= anchor <= w[1]]
            if holding:
                # Best centred: the anchor nearest the window's middle; then the smaller window.
                first, last = min(
                    holding, key=lambda w: (abs(w[0] + w[1] - 2 * anchor), w[1] - w[0])
                )
            else:
                first, last = _grow_window(sentences, anchor, window_words, budget)
            start, end = sentences[first].span.start, sentences[last].span.end
            anchor_span = sentences[anchor].span
            chunks.append(
                Chunk(
                    article_id=article.article_id,
                    start=start,
                    end=end,
                    sentence_start=anchor_span.start,
                    sentence_end=anchor_span.end,
                    text=collapse_whitespace(raw[start:end]),
                    sentence=collapse_whitespace(raw[anchor_span.start : anchor_span.end]),
                )
            )
    return chunks


def _grow_window(
    sentences: Sequence[_Sentence], anchor: int, window_words: int, budget: int
) -> tuple[int, int]:
    first = last = anchor
    words, tokens = sentences[anchor].words, sentences[anchor].tokens
    grew = True
    while grew:
        grew = False
        for candidate in (last + 1, first - 1):  # after first: the sentence that follows
            if not 0 <= candidate < len(sentences) or first <= candidate <= last:
                continue
            extra = sentences[candidate]
            if words + extra.words > window_words or tokens + extra.tokens > budget:
                continue
            words, tokens = words + extra.words, tokens + extra.tokens
            first, last = min(first, candidate), max(last, candidate)
            grew = True
    return first, last
