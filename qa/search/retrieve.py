"""Question → ranked Hits: BM25 and dense search fused, filtered and de-duplicated.

Each chunk is scored on three signals: BM25 over its window (normalised by the
best BM25 score of the query), the cosine of the question with the window, and
the cosine with its anchor sentence. A weighted sum ranks the union of the
three candidate lists. Filters travel into the storage, which applies them
inside each search (:class:`qa.storage.contract.Storage`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from qa.errors import ConfigError
from qa.records import Article, Hit
from qa.storage.contract import VECTOR_FIELDS

if TYPE_CHECKING:
    from qa.storage.contract import Storage

CANDIDATES_PER_SIGNAL = 100
RANKED_POOL = 40
#: A quoted phrase this long is taken word for word; shorter ones ("'stans'") are names.
QUOTED_MIN_WORDS = 3
#: Passages looked up by a quoted phrase's own words, beside the question's candidates.
QUOTED_CANDIDATES = 20


@dataclass(frozen=True, slots=True)
class FusionWeights:
    """How much each signal counts in the fused score.

    Tuned by eval/tune_retrieval.py on the even-numbered half of the SQuAD
    benchmark questions (grid over weights summing to 1, best hit@1).
    """

    bm25: float = 0.20
    window: float = 0.25
    sentence: float = 0.55
    #: Added for a passage of an article the last answer of a conversation cited, when the
    #: question follows up on it (tuned on the dialogue sets' tuning halves).
    followed_article: float = 0.05

    def fuse(self, signals: dict[str, np.ndarray]) -> np.ndarray:
        """The fused score of each candidate from its normalised BM25 and two cosines,
        plus the ``quoted`` signal where the question quotes a phrase (it puts the
        passages holding it first, whatever the weights)."""
        fused: np.ndarray = (
            self.bm25 * signals["bm25_norm"]
            + self.window * signals["cos_window"]
            + self.sentence * signals["cos_sentence"]
        )
        if "quoted" in signals:
            fused = fused + signals["quoted"]
        return fused


#: The weights for windows pooled from their sentences (qa.index.pooling), tuned the same
#: way on the same half (eval/tune_retrieval.py; best hit@1, then hit@5).
POOLED_WINDOW_WEIGHTS = FusionWeights(bm25=0.30, window=0.35, sentence=0.35)


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
    """Hybrid search over one storage view (an index generation)."""

    def __init__(self, storage: Storage, weights: FusionWeights | None = None):
        self.storage = storage
        if weights is None:
            pooled = storage.manifest.chunking.get("pooled_windows")
            weights = POOLED_WINDOW_WEIGHTS if pooled else FusionWeights()
        self.weights = weights

    def search(
        self,
        question_vector: np.ndarray,
        question: str,
        k: int,
        filters: SearchFilters | None = None,
        followed: Collection[str] = (),
    ) -> SearchResult:
        """The ``k`` best distinct passages for the question; passages of the ``followed``
        articles (those a conversation's last answer cited) rank a little higher."""
        excluded_undated = 0
        if filters is not None and filters.active:
            scope = self.storage.scope(filters)
            excluded_undated = scope.excluded_undated
            if not scope.chunk_count:
                return SearchResult([], [], excluded_undated)
        candidates, features = self.features(question_vector, question, filters)
        if followed:
            self._favour(candidates, features, followed, max(2 * RANKED_POOL, 12 * k))
        order = np.argsort(-features["score"], kind="stable")
        ranked = [int(candidates[i]) for i in order[: max(RANKED_POOL, 6 * k)]]
        sentences = self._hits(ranked, features, candidates)
        return SearchResult(distinct_passages(sentences, k), sentences, excluded_undated)

    def features(
        self, vector: np.ndarray, question: str, filters: SearchFilters | None = None
    ) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """Candidate chunk ids and, aligned with them, each signal and the fused ``score``
        (with ``quoted`` added when the question quotes a phrase, see ``_quoted_signal``)."""
        storage = self.storage
        query = np.ascontiguousarray(vector.reshape(1, -1), dtype=np.float32)
        # In one call: a database backend searches BM25 and both fields at once.
        first = storage.first_candidates(
            question, query, CANDIDATES_PER_SIGNAL, VECTOR_FIELDS, filters
        )
        lexical_scores = first.lexical_scores
        pool = [first.lexical_ids, *(first.nearest[field] for field in VECTOR_FIELDS)]
        runs = _quoted_runs(question)
        for run in runs:  # the passages holding a quoted phrase's words
            pool.append(storage.lexical_top(" ".join(run), QUOTED_CANDIDATES, filters)[0])
        # Sorted, each once; np.unique would import numpy.ma, a tenth of numpy's import time.
        candidates = np.array(sorted(set(np.concatenate(pool).tolist())), dtype=np.int64)
        # In one call too: a database backend computes these at once.
        found = storage.candidate_signals(question, query, candidates, VECTOR_FIELDS)
        bm25 = found.lexical_scores
        # The best BM25 score under the filters is the first of the lexical top.
        best_bm25 = float(lexical_scores[0]) if len(lexical_scores) else 0.0
        bm25_norm = bm25 / best_bm25 if best_bm25 > 0 else np.zeros(len(candidates))
        signals = {
            "bm25": bm25,
            "bm25_norm": bm25_norm,
            "cos_window": found.cosines["window"],
            "cos_sentence": found.cosines["sentence"],
        }
        if runs:
            signals["quoted"] = self._quoted_signal(runs, candidates)
        return candidates, {"score": self.weights.fuse(signals), **signals}

    def _quoted_signal(self, runs: list[list[str]], candidates: np.ndarray) -> np.ndarray:
        """For each candidate, 1 when its own sentence holds a phrase the question quotes
        word for word, 0.5 when only its window does, else 0 (added to the fused score by
        ``FusionWeights.fuse``): someone who quotes an article's words means the place
        that has them, however the rest of the question reads."""
        from qa.search.term_matching import contains_run, fold, plain_words

        chunks = self.storage.chunks([int(c) for c in candidates])
        quoted = np.zeros(len(candidates))
        for i, chunk_id in enumerate(candidates):
            chunk = chunks[int(chunk_id)]
            sentence = plain_words(fold(chunk.sentence))
            if any(contains_run(sentence, run) for run in runs):
                quoted[i] = 1.0
                continue
            window = plain_words(fold(chunk.text))
            if any(contains_run(window, run) for run in runs):
                quoted[i] = 0.5
        return quoted

    def _favour(
        self,
        candidates: np.ndarray,
        features: dict[str, np.ndarray],
        followed: Collection[str],
        pool: int,
    ) -> None:
        """Raise the score of the best ``pool`` candidates that belong to a ``followed``
        article by ``followed_article`` (in ``features``, with the 0/1 signal ``followed``).
        Only the best are looked at: a bonus this small cannot lift the others to the top."""
        best = np.argsort(-features["score"], kind="stable")[:pool]
        chunks = self.storage.chunks([int(candidates[i]) for i in best])
        favoured = np.zeros(len(candidates))
        for i in best:
            favoured[i] = float(chunks[int(candidates[i])].article_id in followed)
        features["followed"] = favoured
        features["score"] = features["score"] + self.weights.followed_article * favoured

    def _hits(
        self, ranked: Sequence[int], features: dict[str, np.ndarray], candidates: np.ndarray
    ) -> list[Hit]:
        position = {int(c): i for i, c in enumerate(candidates)}
        chunks = self.storage.chunks(list(ranked))
        hits = []
        for chunk_id in ranked:
            i = position[chunk_id]
            chunk = chunks[chunk_id]
            hits.append(
                Hit(
                    chunk_id=chunk_id,
                    chunk=chunk,
                    article=self.storage.article(chunk.article_id),
                    score=float(features["score"][i]),
                    features={name: float(values[i]) for name, values in features.items()},
                )
            )
        return hits


def _quoted_runs(question: str) -> list[list[str]]:
    """The phrases of at least ``QUOTED_MIN_WORDS`` words the question quotes."""
    if not any(mark in question for mark in "\"“”‘’'"):
        return []
    from qa.search.answerability import quoted_runs

    return [run for run in quoted_runs(question) if len(run) >= QUOTED_MIN_WORDS]


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
