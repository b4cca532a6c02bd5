"""Plain, frozen records that flow between the stages of the pipeline.

Every offset is a character offset into the decoded text of the raw corpus
file (``Article.path``), so a citation can always be checked against the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, Self

from qa.text import counted, quote_text

#: Where a metadata value came from.
STATED = "stated"  # written in the article text itself
METADATA = "metadata"  # front matter, HTML meta tags, JSON fields or the curated sidecar
INFERRED = "inferred"  # guessed from weaker evidence in the text, shown as such
UNKNOWN = "unknown"
DERIVED = "derived"  # made by qa from the article's words (a title from its first sentence)


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` in a raw file's text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Article:
    """One article found in a corpus file, with its metadata and its kept text.

    ``paragraphs`` are the spans of the raw file that make up the article's
    text once boilerplate is removed; nothing else of the file is indexed.
    ``provenance`` maps each metadata field name to STATED, METADATA, DERIVED, INFERRED or
    UNKNOWN.
    ``header`` are the spans of the header lines the text states (title and
    byline): indexed too, so "who wrote…" is answered from the
    article's own words. ``published_estimate`` is a labelled guess (e.g. "2021 or later (the latest
    year the text mentions)"), never used as ``published``.
    """

    article_id: str
    path: str
    title: str
    outlet: str | None
    author: str | None
    published: date | None
    paragraphs: tuple[Span, ...]
    provenance: dict[str, str] = field(default_factory=dict)
    published_estimate: str | None = None
    header: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Chunk:
    """A retrievable passage: a window of sentences centred on an anchor sentence.

    ``start``/``end`` delimit the whole window in the raw file,
    ``sentence_start``/``sentence_end`` its anchor sentence. ``text`` and
    ``sentence`` are the whitespace-collapsed texts of those spans.
    """

    article_id: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    text: str
    sentence: str


@dataclass(frozen=True, slots=True)
class Hit:
    """A chunk returned by the retriever, with the article it belongs to."""

    chunk_id: int
    chunk: Chunk
    article: Article
    score: float
    features: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Passage:
    """A passage shown to the user: an exact span of an article's file with the article's
    metadata; ``marker`` is its n, as in ``[n]``, in the answer's numbered list."""

    marker: int
    article_id: str
    title: str
    outlet: str | None
    author: str | None
    published: date | None
    path: str
    start: int
    end: int
    quote: str
    score: float
    line: int = 1
    #: "changed" or "removed" when the file is no longer as it was indexed (the quote is
    #: then the indexed text, which the file may no longer hold); None when it is.
    stale: str | None = None
    provenance: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of_span(
        cls,
        marker: int,
        article: Article,
        raw_text: str,
        span: Span,
        score: float,
        *,
        line_at: int | None = None,
    ) -> Self:
        """The passage ``span`` of ``article``'s file, whose decoded text is ``raw_text``;
        ``line`` is the line of ``line_at`` (default: the span's start)."""
        return cls(
            marker=marker,
            article_id=article.article_id,
            title=article.title,
            outlet=article.outlet,
            author=article.author,
            published=article.published,
            path=article.path,
            start=span.start,
            end=span.end,
            quote=quote_text(raw_text[span.start : span.end]),
            score=score,
            line=raw_text.count("\n", 0, span.start if line_at is None else line_at) + 1,
            provenance=dict(article.provenance),
        )

    def to_json(self) -> dict[str, Any]:
        """The passage as the JSON object documented for ``qa ask --json``."""
        return {
            "marker": self.marker,
            "article_id": self.article_id,
            "title": self.title,
            "outlet": self.outlet,
            "author": self.author,
            "published": self.published.isoformat() if self.published else None,
            "path": self.path,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "score": round(self.score, 6),
            "line": self.line,
            "stale": self.stale,
            "provenance": dict(self.provenance),
        }


@dataclass(frozen=True, slots=True)
class Citation(Passage):
    """A passage the answer's text cites with its ``[marker]`` (it is listed among the
    answer's passages too, under the same marker)."""

    @classmethod
    def of(cls, passage: Passage) -> Citation:
        """The citation of a listed passage."""
        return cls(**{f.name: getattr(passage, f.name) for f in fields(passage)})


@dataclass(frozen=True, slots=True)
class Constraint:
    """A specific thing a question asks about, which the evidence of an answer must meet.

    ``kind`` is one of ``name``, ``year``, ``date``, ``number``, ``quote``, ``term``,
    ``unseen`` (a word no article uses), ``counted`` (what "How many …?" counts, when no
    article uses that word), ``office`` (the office a question asks the holder of, when
    the reply names another office's holder; see qa/search/answerability.py) or
    ``speaker`` (the person a "What did <person> say?" asks about, when no article gives
    their words); ``text`` the words as the question writes them, ``terms`` the forms
    they are matched by.
    """

    kind: str
    text: str
    terms: tuple[str, ...] = ()

    def to_json(self) -> dict[str, str]:
        """``{"kind": ..., "text": ...}``, as listed in ``missing`` by ``qa ask --json``."""
        return {"kind": self.kind, "text": self.text}


@dataclass(frozen=True, slots=True)
class Answer:
    """The reply to one question.

    ``citations`` are the passages the answer text cites with ``[n]``;
    ``passages`` every retrieved passage in rank order (markers 1..k, shared
    with ``citations``). ``notices`` are short remarks for the user, such as
    how many undated articles a date filter left out. ``confidence`` is the
    evidence score that abstention compares with its threshold.
    ``resolved_question`` is the question as a conversation read it, a follow-up
    written out in full (None outside a conversation). ``missing``
    lists the question's constraints that no passage met, when that is why the
    answer abstained.
    """

    question: str
    text: str
    abstained: bool
    citations: tuple[Citation, ...]
    passages: tuple[Passage, ...]
    timings_ms: dict[str, float]
    notices: tuple[str, ...] = ()
    confidence: float = 0.0
    resolved_question: str | None = None
    missing: tuple[Constraint, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The answer as the JSON object documented for ``qa ask --json``
        (with ``resolved_question`` when asked in a conversation)."""
        resolved = (
            {} if self.resolved_question is None else {"resolved_question": self.resolved_question}
        )
        return {
            "question": self.question,
            **resolved,
            "answer": self.text,
            "abstained": self.abstained,
            "confidence": round(self.confidence, 4),
            "citations": [c.to_json() for c in self.citations],
            "passages": [c.to_json() for c in self.passages],
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
            "notices": list(self.notices),
            "missing": [c.to_json() for c in self.missing],
        }


@dataclass(frozen=True, slots=True)
class SkippedFile:
    """A corpus file that could not be ingested, and why (one line for the user)."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class FileWarning:
    """A corpus file that was ingested with a caveat the user should know (one line)."""

    path: str
    message: str


@dataclass(frozen=True, slots=True)
class IndexReport:
    """What an indexing run did: the one-line summary of ``qa index`` and its ``--json``."""

    files: int
    articles: int
    chunks: int
    added: int
    updated: int
    removed: int
    unchanged: int
    embedded: int
    skipped: tuple[SkippedFile, ...]
    seconds: float
    wrote: bool
    resumed: int = 0  # vectors taken from an interrupted run instead of embedded again
    warnings: tuple[FileWarning, ...] = ()  # files indexed with a caveat (a guessed encoding)
    cached: int = 0  # vectors taken from the shared embedding cache instead of embedded

    def summary(self) -> str:
        """The one-line summary printed at the end of ``qa index``."""
        resumed = f" ({self.resumed} more saved by an interrupted run)" if self.resumed else ""
        if self.cached:
            resumed = f" ({self.cached} more from the embedding cache)"
        skipped = f", skipped {counted(len(self.skipped), 'file')}" if self.skipped else ""
        return (
            f"added {self.added}, updated {self.updated}, removed {self.removed}, "
            f"unchanged {self.unchanged} ({self.seconds:.1f} s) — {counted(self.files, 'file')}, "
            f"{counted(self.articles, 'article')}, {counted(self.chunks, 'chunk')}, "
            f"{counted(self.embedded, 'text')} embedded{resumed}{skipped}"
        )

    def to_json(self) -> dict[str, Any]:
        """The summary as the JSON object documented for ``qa index --json``."""
        return {
            "files": self.files,
            "articles": self.articles,
            "chunks": self.chunks,
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "embedded": self.embedded,
            "cached": self.cached,
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
            "warnings": [{"path": w.path, "message": w.message} for w in self.warnings],
            "seconds": round(self.seconds, 3),
        }


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One indexed article as listed by ``qa sources``."""

    article: Article
    chunks: int

    def to_json(self) -> dict[str, Any]:
        """The row as the JSON object documented for ``qa sources --json``."""
        article = self.article
        return {
            "article_id": article.article_id,
            "title": article.title,
            "outlet": article.outlet,
            "author": article.author,
            "published": article.published.isoformat() if article.published else None,
            "published_estimate": article.published_estimate,
            "provenance": article.provenance,
            "path": article.path,
            "chunks": self.chunks,
        }


@dataclass(frozen=True, slots=True)
class EvalCase:
    """One question of an evaluation set (see eval/README.md for the format).

    A turn of a dialogue names its ``dialogue``; ``depends`` says it leans on earlier
    turns, and ``full_question`` is the same question written out in full.
    """

    case_id: str
    question: str
    answers: tuple[str, ...]
    expected_files: tuple[str, ...]  # the JSONL field ``sources``: corpus files holding the answer
    unanswerable: bool = False
    titles: tuple[str, ...] = ()
    date: str | None = None
    tags: tuple[str, ...] = ()
    dialogue: str | None = None
    depends: bool = False
    full_question: str | None = None


@dataclass(frozen=True, slots=True)
class CorpusDrift:
    """Corpus files added, changed or removed since the index was built (relative paths)."""

    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int

    @property
    def stale(self) -> bool:
        """Whether any file differs from what the index was built from."""
        return bool(self.added or self.changed or self.removed)

    def state_of(self, path: str) -> str | None:
        """ "changed" or "removed" for a file that is no longer as indexed, else None."""
        if path in self.changed:
            return "changed"
        return "removed" if path in self.removed else None

    def notice(self) -> str:
        """One line for the user, e.g. ``2 corpus files changed since the index was built …``."""
        total = len(self.added) + len(self.changed) + len(self.removed)
        parts = [
            f"{len(names)} {word}"
            for names, word in (
                (self.added, "new"),
                (self.changed, "changed"),
                (self.removed, "removed"),
            )
            if names
        ]
        files = "file" if total == 1 else "files"
        return (
            f"The index is out of date: {total} corpus {files} changed since it was built "
            f"({', '.join(parts)}); run `qa index` to update it."
        )


@dataclass(frozen=True, slots=True)
class IndexStatus:
    """What ``qa index`` would do to the index, as ``qa status`` shows it.

    ``files`` compares the corpus with the files the index was built from;
    ``articles`` counts articles "new", "changed", "removed" and "unchanged";
    ``rebuild`` says why every text would be embedded again (None: vectors are reused).
    """

    index_dir: str
    corpus_dir: str
    built: str | None  # ISO 8601 time the index was built; None when there is none
    model: str | None
    precision: str | None
    indexed_articles: int
    indexed_chunks: int
    files: CorpusDrift
    articles: dict[str, int]
    rebuild: str | None
    skipped: tuple[str, ...] = ()

    @property
    def up_to_date(self) -> bool:
        """Whether ``qa index`` would find nothing to do."""
        changes = self.articles["new"] + self.articles["changed"] + self.articles["removed"]
        return self.rebuild is None and not self.files.stale and not changes

    def to_json(self) -> dict[str, Any]:
        """The status as printed by ``qa status --json``."""
        return {
            "up_to_date": self.up_to_date,
            "index": {
                "path": self.index_dir,
                "built": self.built,
                "model": self.model,
                "precision": self.precision,
                "articles": self.indexed_articles,
                "chunks": self.indexed_chunks,
            },
            "corpus": self.corpus_dir,
            "files": {
                "new": list(self.files.added),
                "changed": list(self.files.changed),
                "removed": list(self.files.removed),
                "unchanged": self.files.unchanged,
            },
            "articles": dict(self.articles),
            "rebuild": self.rebuild,
            "skipped": list(self.skipped),
        }
