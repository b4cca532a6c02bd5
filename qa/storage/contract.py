"""The storage contract: what retrieval, answers and indexing may ask of an index.

Every storage backend implements :class:`Storage`; nothing outside a backend
touches its engines (FAISS and bm25s for the local one), and no raw index object
crosses this seam. Everything a backend stores is one :class:`GenerationData`
plus its :class:`Manifest`; everything it answers is below.

Filters travel into the backend (:class:`~qa.search.retrieve.SearchFilters`), so a
database can put them in its query instead of shipping allowed ids back and
forth; lexical scores are asked for a top ``n`` and then for a small candidate
set, never as a score for every chunk of the corpus.

``tests/storage_contract.py`` holds the tests every backend must pass.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Literal, Protocol

import numpy as np

from qa.errors import IndexIncompatibleError
from qa.records import Article, Chunk, Span

if TYPE_CHECKING:
    from qa.search.retrieve import SearchFilters

#: What a stored vector embeds: a chunk's whole window or its anchor sentence.
VectorField = Literal["window", "sentence"]
VECTOR_FIELDS: tuple[VectorField, ...] = ("window", "sentence")

#: How far ``Storage.cosines`` of a backend that keeps the float32 vectors it was given
#: may lie from their exact cosine: float32 arithmetic alone.
FLOAT32_COSINE_TOLERANCE = 1e-5
#: The end of every message about an index that cannot be used as it is.
REBUILD = "run `qa index --rebuild` to build it again"


@dataclass(frozen=True, slots=True)
class Manifest:
    """What an index generation was built from and with; checked when it is opened."""

    schema_version: int
    model: str
    weights_sha256: str
    dimension: int
    chunking: dict[str, int]
    files: dict[str, str]  # corpus-relative path → sha256 of the raw bytes
    skipped: dict[str, str]  # corpus-relative path → reason
    articles: dict[str, str]  # article id → fingerprint of its metadata and text
    article_count: int
    chunk_count: int
    created: str
    sizes: dict[str, int] = field(default_factory=dict)  # file name → bytes, to catch truncation
    #: file name → sha256 of its bytes: checked on open (small files) and by ``qa status --verify``
    hashes: dict[str, str] = field(default_factory=dict)
    precision: str = "fp32"  # the ONNX export the passage vectors were embedded with
    #: corpus-relative path → [size, mtime_ns, sha256] of every corpus file read
    #: (qa.ingest.freshness)
    corpus_stamps: dict[str, list[Any]] = field(default_factory=dict)
    #: the corpus folder a folder index was built from, relative to the index folder (so a
    #: moved or copied clone keeps pointing at its own corpus); "" for a database index
    corpus: str = ""

    def to_json(self) -> dict[str, Any]:
        """The manifest as stored in manifest.json."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Manifest:
        """Parse manifest.json; raise IndexIncompatibleError when it is not one."""
        try:
            return cls(**data)
        except TypeError:
            raise IndexIncompatibleError(
                f"the index manifest is from another version of qa; {REBUILD}"
            ) from None


@dataclass
class GenerationData:
    """Everything a new generation holds, ready to be written by a backend.

    Chunk ``i`` has row ``i`` of both vector arrays; its chunk id is ``i``.
    """

    texts: dict[str, tuple[str, str]]  # path → (sha256, decoded text)
    articles: list[Article]
    chunks: list[Chunk]
    window_vectors: np.ndarray
    sentence_vectors: np.ndarray


@dataclass(frozen=True, slots=True)
class FilterScope:
    """What a set of filters leaves: how many chunks, and how many articles a date
    filter left out only because they have no date."""

    chunk_count: int
    excluded_undated: int


@dataclass(frozen=True, slots=True)
class FirstCandidates:
    """What a hybrid search asks first (``Storage.first_candidates``): the BM25 top
    (ids and scores, best first) and the nearest chunks by each vector field."""

    lexical_ids: np.ndarray
    lexical_scores: np.ndarray
    nearest: dict[VectorField, np.ndarray]


@dataclass(frozen=True, slots=True)
class CandidateSignals:
    """What a hybrid search asks of its candidates (``Storage.candidate_signals``): the
    BM25 score of each and its cosine by each vector field, aligned with the ids asked."""

    lexical_scores: np.ndarray
    cosines: dict[VectorField, np.ndarray]


class Storage(Protocol):
    """One consistent, read-only view of an index (a generation), whatever holds it.

    Chunk ids are the row numbers of :class:`GenerationData`. Query vectors are
    L2-normalised float32, so a cosine is an inner product. ``filters`` that are
    None or inactive restrict nothing; active ones follow
    :class:`~qa.search.retrieve.SearchFilters` exactly (outlet case-insensitive, an
    undated article never passes a date filter).
    """

    @property
    def generation(self) -> str:
        """A name for this generation that changes with every rebuild."""
        ...

    @property
    def manifest(self) -> Manifest:
        """What this generation was built from."""
        ...

    @property
    def chunk_count(self) -> int:
        """How many chunks (passages) the index holds."""
        ...

    @property
    def cosine_tolerance(self) -> float:
        """How far ``cosines`` may lie from the cosine of the float32 vectors the index
        was given: the rounding of how this backend keeps them for search
        (``FLOAT32_COSINE_TOLERANCE`` when it keeps them as they are)."""
        ...

    def articles(self) -> list[Article]:
        """Every indexed article, in corpus order."""
        ...

    def article(self, article_id: str) -> Article:
        """The article with this id (KeyError if absent)."""
        ...

    def chunks(self, chunk_ids: Sequence[int]) -> dict[int, Chunk]:
        """The chunks with these ids (unknown ids are left out)."""
        ...

    def all_chunks(self) -> Iterator[tuple[int, Chunk]]:
        """Every chunk with its id, in id order."""
        ...

    def chunk_counts(self) -> dict[str, int]:
        """Number of chunks of each article that has any."""
        ...

    def file_text(self, path: str) -> str:
        """The decoded text of a corpus file as it was indexed (KeyError if absent)."""
        ...

    def scope(self, filters: SearchFilters) -> FilterScope:
        """How many chunks pass ``filters``, and the undated articles a date filter left out."""
        ...

    def nearest(
        self,
        field: VectorField,
        query: np.ndarray,
        n: int,
        filters: SearchFilters | None = None,
    ) -> np.ndarray:
        """Ids of the (up to) ``n`` chunks whose ``field`` vector is nearest ``query``,
        nearest first, among those passing ``filters``.

        A backend may search approximately over large collections.
        """
        ...

    def first_candidates(
        self,
        question: str,
        query: np.ndarray,
        n: int,
        fields: Sequence[VectorField],
        filters: SearchFilters | None = None,
    ) -> FirstCandidates:
        """``lexical_top(question, n, filters)`` and ``nearest(field, query, n, filters)``
        by each of ``fields``: what a hybrid search asks first. A backend may answer
        them at once (a database on several connections)."""
        ...

    def cosines(self, field: VectorField, query: np.ndarray, chunk_ids: np.ndarray) -> np.ndarray:
        """Cosine of ``query`` with the ``field`` vector of each chunk (float32), within
        ``cosine_tolerance`` of the exact cosine of the vector given."""
        ...

    def candidate_signals(
        self,
        question: str,
        query: np.ndarray,
        chunk_ids: np.ndarray,
        fields: Sequence[VectorField],
    ) -> CandidateSignals:
        """``lexical_scores(question, chunk_ids)`` and ``cosines(field, query, chunk_ids)``
        by each of ``fields``: what a hybrid search asks of its candidates. A backend may
        answer them at once (a database on several connections)."""
        ...

    def vectors(self, field: VectorField, chunk_ids: np.ndarray) -> np.ndarray:
        """The stored ``field`` vectors of these chunks, one row each (float32)."""
        ...

    def lexical_top(
        self, question: str, n: int, filters: SearchFilters | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Ids and BM25 scores of the (up to) ``n`` best chunks for ``question``, best first,
        among those passing ``filters``; only chunks scoring above zero."""
        ...

    def lexical_scores(self, question: str, chunk_ids: np.ndarray) -> np.ndarray:
        """BM25 score of each of these chunks for ``question``, on the scale of
        ``lexical_top`` (zero for a chunk sharing no term with it; float32)."""
        ...

    def lexical_terms(self, texts: Sequence[str]) -> list[list[str]]:
        """The BM25 terms of each text (stemmed, stop words dropped), as the lexical
        index analyses them."""
        ...

    def document_frequencies(self, terms: Sequence[str]) -> list[int]:
        """How many chunk windows hold each BM25 term (0 for a term none holds)."""
        ...

    def close(self) -> None:
        """Release what the view holds open."""
        ...


def vectors_by_text(storage: Storage) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Stored window and sentence vectors keyed by their text, for reuse by the next build."""
    ids, windows, sentences = [], [], []
    for chunk_id, chunk in storage.all_chunks():
        ids.append(chunk_id)
        windows.append(chunk.text)
        sentences.append(chunk.sentence)
    if not ids:
        return {}, {}
    keys = np.asarray(ids, dtype=np.int64)
    window_rows = storage.vectors("window", keys)
    sentence_rows = storage.vectors("sentence", keys)
    return dict(zip(windows, window_rows, strict=True)), dict(
        zip(sentences, sentence_rows, strict=True)
    )


class HeldRows:
    """What every backend shares: the manifest and the article rows it holds in memory,
    and exact cosines computed from its stored vectors (``vectors``)."""

    _manifest: Manifest
    _articles: dict[str, Article]

    @property
    def cosine_tolerance(self) -> float:
        """Cosines are computed from the stored float32 vectors (``vectors``)."""
        return FLOAT32_COSINE_TOLERANCE

    @property
    def manifest(self) -> Manifest:
        """What the index was built from."""
        return self._manifest

    def articles(self) -> list[Article]:
        """Every indexed article, in corpus order."""
        return list(self._articles.values())

    def article(self, article_id: str) -> Article:
        """The article with this id (KeyError if absent)."""
        return self._articles[article_id]

    def vectors(self, field: VectorField, chunk_ids: np.ndarray) -> np.ndarray:
        """The stored ``field`` vectors of these chunks, one row each (float32)."""
        raise NotImplementedError

    def nearest(
        self,
        field: VectorField,
        query: np.ndarray,
        n: int,
        filters: SearchFilters | None = None,
    ) -> np.ndarray:
        """Ids of the (up to) ``n`` chunks nearest ``query`` by ``field``, nearest first."""
        raise NotImplementedError

    def lexical_top(
        self, question: str, n: int, filters: SearchFilters | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Ids and BM25 scores of the (up to) ``n`` best chunks for ``question``."""
        raise NotImplementedError

    def first_candidates(
        self,
        question: str,
        query: np.ndarray,
        n: int,
        fields: Sequence[VectorField],
        filters: SearchFilters | None = None,
    ) -> FirstCandidates:
        """The BM25 top and each field's nearest, one after the other."""
        ids, scores = self.lexical_top(question, n, filters)
        nearest = {name: self.nearest(name, query, n, filters) for name in fields}
        return FirstCandidates(ids, scores, nearest)

    def cosines(self, field: VectorField, query: np.ndarray, chunk_ids: np.ndarray) -> np.ndarray:
        """Exact cosine of ``query`` with the ``field`` vector of each chunk (float32)."""
        flat = np.ascontiguousarray(np.ravel(query), dtype=np.float32)
        cosines: np.ndarray = self.vectors(field, chunk_ids) @ flat
        return cosines.astype(np.float32, copy=False)

    def lexical_scores(self, question: str, chunk_ids: np.ndarray) -> np.ndarray:
        """BM25 score of each of these chunks for ``question`` (float32)."""
        raise NotImplementedError

    def candidate_signals(
        self,
        question: str,
        query: np.ndarray,
        chunk_ids: np.ndarray,
        fields: Sequence[VectorField],
    ) -> CandidateSignals:
        """The candidates' BM25 scores and each field's cosines, one after the other."""
        cosines = {field: self.cosines(field, query, chunk_ids) for field in fields}
        return CandidateSignals(self.lexical_scores(question, chunk_ids), cosines)


class StoredRow(Protocol):
    """A stored row whose fields are read by name (``sqlite3.Row``, a psycopg dict row)."""

    def __getitem__(self, key: str, /) -> Any: ...


def article_from_row(row: StoredRow) -> Article:
    """The article of a stored ``articles`` row, in either backend: the date as ISO text
    or a date, spans and provenance as JSON text or already decoded."""
    published = row["published"]
    if isinstance(published, str):  # SQLite keeps ISO text
        published = date.fromisoformat(published) if published else None
    return Article(
        article_id=row["article_id"],
        path=row["path"],
        title=row["title"],
        outlet=row["outlet"],
        author=row["author"],
        published=published,
        paragraphs=tuple(Span(s, e) for s, e in _decoded(row["paragraphs"])),
        provenance=_decoded(row["provenance"]),
        published_estimate=row["published_estimate"],
        header=tuple(Span(s, e) for s, e in _decoded(row["header"])),
    )


def chunk_from_row(row: StoredRow) -> Chunk:
    """The chunk of a stored ``chunks`` row, in either backend."""
    return Chunk(
        article_id=row["article_id"],
        start=row["start"],
        end=row["end"],
        sentence_start=row["sentence_start"],
        sentence_end=row["sentence_end"],
        text=row["text"],
        sentence=row["sentence"],
    )


def _decoded(value: Any) -> Any:
    """A JSON column's value: SQLite hands back text, PostgreSQL's jsonb the object."""
    return json.loads(value) if isinstance(value, str) else value
