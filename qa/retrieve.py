"""Question → ranked Hits: BM25 and dense search fused, filtered and de-duplicated.

Each chunk is scored on three signals: BM25 over its window (normalised by the
best BM25 score of the query), the cosine of the question with the window, and
the cosine with its anchor sentence. A weighted sum ranks the union of the
three candidate lists. Filters select the allowed chunks before any search.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from qa.errors import ConfigError
from qa.records import Article, Hit

if TYPE_CHECKING:
    from qa.store import IndexSnapshot

CANDIDATES_PER_SIGNAL = 100
RANKED_POOL = 40


@dataclass(frozen=True, slots=True)
class FusionWeights:
    """How much each signal counts in the fused score.

    Tuned by eval/tune_retrieval.py on the even-numbered half of the SQuAD
    benchmark questions (grid over weights summing to 1, best hit@1).
    """

    bm25: float = 0.20
    window: float = 0.25
    sentence: float = 0.55

    def fuse(self, signals: dict[str, np.ndarray]) -> np.ndarray:
        """The fused score of each candidate from its normalised BM25 and two cosines."""
        fused: np.ndarray = (
            self.bm25 * signals["bm25_norm"]
            + self.window * signals["cos_window"]
            + self.sentence * signals["cos_sentence"]
        )
        return fused


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """Restrictions applied before ranking; None means no restriction."""

    since: date | None = None
    until: date | None = None
    outlet: str | None = None
    article_id: str | None = None
    #: How a typed relative date was read (e.g. "last year" counted from the newest article),
    #: shown to the user with the answer.
    since_note: str | None = None
    until_note: str | None = None

    @property
    def notes(self) -> tuple[str, ...]:
        """The notes on how typed dates were read, for the answer's notices."""
        return tuple(note for note in (self.since_note, self.until_note) if note)

    @property
    def active(self) -> bool:
        """Whether any restriction is set."""
        return any(v is not None for v in (self.since, self.until, self.outlet, self.article_id))

    @property
    def by_date(self) -> bool:
        """Whether a date restriction is set (undated articles are then left out)."""
        return self.since is not None or self.until is not None

    def __post_init__(self) -> None:
        if self.since is not None and self.until is not None and self.since > self.until:
            raise ConfigError(f"since {self.since} is after until {self.until}: nothing can match")

    def allows(self, article: Article) -> bool:
        """Whether ``article`` passes every restriction."""
        return self.allows_source(article) and self.allows_date(article)

    def allows_source(self, article: Article) -> bool:
        """Whether ``article`` passes the article and outlet restrictions."""
        if self.article_id is not None and article.article_id != self.article_id:
            return False
        return self.outlet is None or (article.outlet or "").casefold() == self.outlet.casefold()

    def allows_date(self, article: Article) -> bool:
        """Whether ``article`` passes the date restrictions (an undated one never does)."""
        if not self.by_date:
            return True
        if article.published is None:
            return False
        if self.since is not None and article.published < self.since:
            return False
        return self.until is None or article.published <= self.until

    def describe(self) -> str:
        """The active filters in words, e.g. ``since 2017-01-01, outlet EurasiaNet``."""
        parts = []
        if self.since:
            parts.append(f"since {self.since.isoformat()}")
        if self.until:
            parts.append(f"until {self.until.isoformat()}")
        if self.outlet:
            parts.append(f"outlet {self.outlet}")
        if self.article_id:
            parts.append(f"article {self.article_id}")
        return ", ".join(parts) or "none"


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Ranked distinct passages (``hits``), the ranked sentences before de-duplication
    (``sentences``, for answer selection), and how many undated articles a date
    filter left out."""

    hits: list[Hit]
    sentences: list[Hit] = field(default_factory=list)
    excluded_undated: int = 0


class Retriever:
    """Hybrid search over one index snapshot."""

    def __init__(self, snapshot: IndexSnapshot, weights: FusionWeights | None = None):
        self.snapshot = snapshot
        self.weights = weights or FusionWeights()

    def search(
        self,
        question_vector: np.ndarray,
        question: str,
        k: int,
        filters: SearchFilters | None = None,
    ) -> SearchResult:
        """The ``k`` best distinct passages for the question."""
        filters = filters or SearchFilters()
        snapshot = self.snapshot
        allowed: np.ndarray | None = None
        excluded_undated = 0
        if filters.active:
            articles = snapshot.articles()
            kept = [a for a in articles if filters.allows(a)]
            if filters.by_date:
                excluded_undated = sum(
                    1 for a in articles if a.published is None and filters.allows_source(a)
                )
            allowed = snapshot.chunk_ids_of_articles(a.article_id for a in kept)
            if not len(allowed):
                return SearchResult([], [], excluded_undated)
        candidates, features = self.features(question_vector, question, allowed)
        order = np.argsort(-features["score"], kind="stable")
        ranked = [int(candidates[i]) for i in order[: max(RANKED_POOL, 6 * k)]]
        sentences = self._hits(ranked, features, candidates)
        return SearchResult(distinct_passages(sentences, k), sentences, excluded_undated)

    def features(
        self, vector: np.ndarray, question: str, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """Candidate chunk ids and, aligned with them, each signal and the fused ``score``."""
        snapshot = self.snapshot
        query = np.ascontiguousarray(vector.reshape(1, -1), dtype=np.float32)
        bm25 = snapshot.lexical.scores(question)
        if allowed is not None:
            mask = np.zeros(len(bm25), dtype=bool)
            mask[allowed] = True
            bm25 = np.where(mask, bm25, 0.0)
        pool = [_top(bm25, CANDIDATES_PER_SIGNAL)]
        for vectors in (snapshot.window_vectors, snapshot.sentence_vectors):
            pool.append(_dense_top(vectors, query, CANDIDATES_PER_SIGNAL, allowed))
        candidates = np.unique(np.concatenate(pool))
        if allowed is not None:
            candidates = candidates[np.isin(candidates, allowed)]
        best_bm25 = float(bm25.max()) if len(bm25) else 0.0
        bm25_norm = bm25[candidates] / best_bm25 if best_bm25 > 0 else np.zeros(len(candidates))
        cos_window = snapshot.window_vectors.reconstruct_batch(candidates) @ query[0]
        cos_sentence = snapshot.sentence_vectors.reconstruct_batch(candidates) @ query[0]
        signals = {
            "bm25": bm25[candidates],
            "bm25_norm": bm25_norm,
            "cos_window": cos_window,
            "cos_sentence": cos_sentence,
        }
        return candidates, {"score": self.weights.fuse(signals), **signals}

    def _hits(
        self, ranked: Sequence[int], features: dict[str, np.ndarray], candidates: np.ndarray
    ) -> list[Hit]:
        position = {int(c): i for i, c in enumerate(candidates)}
        chunks = self.snapshot.chunks(list(ranked))
        hits = []
        for chunk_id in ranked:
            i = position[chunk_id]
            chunk = chunks[chunk_id]
            hits.append(
                Hit(
                    chunk_id=chunk_id,
                    chunk=chunk,
                    article=self.snapshot.article(chunk.article_id),
                    score=float(features["score"][i]),
                    features={name: float(values[i]) for name, values in features.items()},
                )
            )
        return hits


def distinct_passages(ranked: Sequence[Hit], k: int) -> list[Hit]:
    """The first ``k`` hits that show something new.

    A hit is skipped when its anchor sentence already stands inside the window
    of a better hit: of the same article, or of another one (a page scraped
    twice, a paragraph quoted by two outlets).
    """
    kept: list[Hit] = []
    for hit in ranked:
        chunk = hit.chunk
        if any(
            (
                other.chunk.article_id == chunk.article_id
                and other.chunk.start <= chunk.sentence_start
                and chunk.sentence_end <= other.chunk.end
            )
            or chunk.sentence in other.chunk.text
            for other in kept
        ):
            continue
        kept.append(hit)
        if len(kept) == k:
            break
    return kept


def _top(scores: np.ndarray, n: int) -> np.ndarray:
    if len(scores) <= n:
        return np.flatnonzero(scores > 0)
    top = np.argpartition(-scores, n)[:n]
    return top[scores[top] > 0]


def _dense_top(
    vectors: object, query: np.ndarray, n: int, allowed: np.ndarray | None
) -> np.ndarray:
    from qa.vectors import search_vectors

    _, ids = search_vectors(vectors, query, n, allowed)
    found: np.ndarray = ids[0]
    return found[found >= 0]
