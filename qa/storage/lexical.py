"""BM25 over chunk windows: built by bm25s (the only module that imports it), read by numpy.

Terms are lower-cased, English stop words dropped and Snowball-stemmed, so
"trafficked" finds "trafficking". The index is saved in its own folder of
the index generation. bm25s stores every document's score for every term
(a sparse matrix, one column per term, each column's documents in id order); a
query adds up the columns of its terms. Reading that needs only numpy over the
memory-mapped arrays, so a question never imports bm25s and, through it, scipy
(about 0.2 s of a cold start).

At millions of documents adding up whole columns is too slow (a common term's column
holds millions of entries), so :meth:`LexicalIndex.top` finds the best documents by
MaxScore: terms are taken in order of their highest score in any document (kept in
``column_max.npy``); the documents holding the best-bounded terms are scored in full
(the other terms' scores found by binary search in their columns) until the n-th
best score exceeds what any other document could still reach. The result is the
same as scoring every document.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from qa.patterns import LazyPattern
from qa.storage import id_filter

# bm25s's own splitting (scikit-learn's default): words of two or more characters.
_TOKEN = LazyPattern(r"(?u)\b\w\w+\b")
_STOPWORDS_FILE = "stopwords.json"
#: The highest score of each column, the bound MaxScore needs (written beside bm25s's files).
COLUMN_MAX_FILE = "column_max.npy"
#: A filter allowing at most this many documents per query term is scored directly.
_DIRECT_LOOKUPS = 200_000
#: Candidate postings up to which the union is found by sorting rather than a dense array.
_SORTED_UNION_LIMIT = 200_000
#: A query whose terms' columns hold at most this many postings in all is scored over
#: all of them: cheaper than MaxScore's rounds when there is little to skip.
_EXHAUSTIVE_POSTINGS = 300_000


def _bm25s() -> Any:
    import logging  # here: a question never builds an index, nor imports logging

    import bm25s

    # bm25s sets its logger to DEBUG when imported; its progress chatter is not for users.
    logging.getLogger("bm25s").setLevel(logging.ERROR)
    return bm25s


@cache
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


def analyse(texts: Sequence[str]) -> list[list[str]]:
    """The BM25 terms of each text, as the index sees them."""
    bm25s = _bm25s()
    tokens = bm25s.tokenize(
        list(texts), stopwords="en", stemmer=_stemmer(), return_ids=False, show_progress=False
    )
    return [list(t) for t in tokens]


def query_terms(query: str, stopwords: frozenset[str]) -> list[str]:
    """The BM25 terms of a question, as :func:`analyse` finds them, without bm25s."""
    words = [w for w in _TOKEN.findall(query.lower()) if w not in stopwords]
    return list(_stemmer().stemWords(words)) if words else []


@cache
def _bm25s_stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN)


class LexicalIndex:
    """A BM25 index whose document i is chunk i of the index generation."""

    def __init__(
        self,
        size: int,
        *,
        retriever: Any = None,
        matrix: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
        vocabulary: dict[str, int] | None = None,
        stopwords: frozenset[str] = frozenset(),
    ):
        self._retriever = retriever  # set when built here, to be saved
        self._matrix = matrix  # data, indices, indptr of the saved score matrix
        self._column_max: np.ndarray | None = None  # read or computed when first needed
        self._vocabulary = vocabulary or {}
        self._stopwords = stopwords
        self.size = size

    @classmethod
    def build(cls, texts: Sequence[str]) -> LexicalIndex:
        """Index ``texts`` (may be empty)."""
        bm25s = _bm25s()
        retriever = bm25s.BM25()
        if texts:
            tokenized = bm25s.tokenize(
                list(texts), stopwords="en", stemmer=_stemmer(), show_progress=False
            )
            retriever.index(tokenized, show_progress=False)
        return cls(len(texts), retriever=retriever)

    def save(self, folder: Path) -> None:
        """Write the index into ``folder`` (created if needed)."""
        folder.mkdir(parents=True, exist_ok=True)
        if self.size:
            self._retriever.save(str(folder))
            words = sorted(_bm25s_stopwords())
            (folder / _STOPWORDS_FILE).write_text(json.dumps(words))
            scores = self._retriever.scores
            np.save(folder / COLUMN_MAX_FILE, column_max(scores["data"], scores["indptr"]))
        (folder / "size").write_text(str(self.size))

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        """Open a saved index, memory-mapping its arrays."""
        size = int((folder / "size").read_text())
        if not size:
            return cls(0)
        params = json.loads((folder / "params.index.json").read_text())
        if params.get("method") not in ("lucene", "robertson", "atire"):
            # Variants that add a score for absent terms are not read here.
            bm25s = _bm25s()
            return cls(size, retriever=bm25s.BM25.load(str(folder), mmap=True))
        matrix = tuple(
            np.load(folder / f"{name}.csc.index.npy", mmap_mode="r")
            for name in ("data", "indices", "indptr")
        )
        vocabulary = json.loads((folder / "vocab.index.json").read_text())
        stopwords_file = folder / _STOPWORDS_FILE
        stopwords = (
            frozenset(json.loads(stopwords_file.read_text()))
            if stopwords_file.is_file()
            else _bm25s_stopwords()  # an index saved before the list was kept beside it
        )
        index = cls(size, matrix=matrix, vocabulary=vocabulary, stopwords=stopwords)
        bounds = folder / COLUMN_MAX_FILE
        if bounds.is_file():
            index._column_max = np.load(bounds, mmap_mode="r")
        return index

    def document_frequencies(self, terms: Sequence[str]) -> list[int]:
        """How many documents hold each analysed term (0 for a term the index never saw)."""
        if not self.size:
            return [0] * len(terms)
        if self._matrix is None:
            vocabulary, starts = self._retriever.vocab_dict, self._retriever.scores["indptr"]
        else:
            vocabulary, starts = self._vocabulary, self._matrix[2]
        ids = [vocabulary.get(term) for term in terms]
        return [0 if i is None else int(starts[i + 1] - starts[i]) for i in ids]

    def terms(self, texts: Sequence[str]) -> list[list[str]]:
        """The BM25 terms of each text, as this index analyses them."""
        if self._matrix is None:
            return analyse(texts)
        return [query_terms(text, self._stopwords) for text in texts]

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every document for ``query`` (zeros when no term is known)."""
        if not self.size:
            return np.zeros(0, dtype=np.float32)
        if self._matrix is None:
            ids = self._retriever.get_tokens_ids(analyse([query])[0])
            if not ids:
                return np.zeros(self.size, dtype=np.float32)
            return np.asarray(self._retriever.get_scores_from_ids(ids), dtype=np.float32)
        data, indices, indptr = self._matrix
        scores = np.zeros(self.size, dtype=np.float32)
        for term in query_terms(query, self._stopwords):
            column = self._vocabulary.get(term)
            if column is None:
                continue
            begin, end = int(indptr[column]), int(indptr[column + 1])
            # A column holds each document once; a repeated query term counts again.
            scores[indices[begin:end]] += data[begin:end]
        return scores

    def top(
        self, query: str, n: int, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Ids and scores of the ``n`` best documents scoring above zero, best first.

        ``allowed`` (ids) restricts the documents. Equal to ranking :meth:`scores`, but
        reads only the columns and entries that can change the answer.
        """
        if self._matrix is None:
            return _best(np.arange(self.size), self.scores(query), n, allowed)
        weights = self._query_columns(query)
        if not weights or n <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        mask = None
        if allowed is not None:
            if len(allowed) * len(weights) <= _DIRECT_LOOKUPS:
                allowed = id_filter.sorted_ids(allowed)
                return _best(allowed, self._lookup(weights, allowed), n)
            mask = id_filter.mask(allowed, self.size)
        postings = sum(len(self._column(c)[0]) for c in weights)
        if postings <= _EXHAUSTIVE_POSTINGS:
            return _best(*self._union(list(weights), weights, mask), n)
        bounds = self._bounds()
        order = sorted(weights, key=lambda c: -weights[c] * float(bounds[c]))
        for essential in range(1, len(order) + 1):
            rest = order[essential:]
            rest_bound = sum(weights[c] * float(bounds[c]) for c in rest)
            ids, partial = self._union(order[:essential], weights, mask)
            if not rest:
                return _best(ids, partial, n)
            found = self._threshold_top(ids, partial, rest, weights, rest_bound, n)
            if found is not None:
                return found
        raise AssertionError("unreachable: the last round has no other terms")

    def scores_of(self, query: str, ids: np.ndarray) -> np.ndarray:
        """BM25 score of each of the documents ``ids`` for ``query``."""
        ids = np.asarray(ids, dtype=np.int64)
        if self._matrix is None:
            result: np.ndarray = self.scores(query)[ids]
            return result
        weights = self._query_columns(query)
        if not weights or not len(ids):
            return np.zeros(len(ids), dtype=np.float32)
        order = np.argsort(ids, kind="stable")
        found = np.empty(len(ids), dtype=np.float32)
        found[order] = self._lookup(weights, ids[order])
        return found

    def _query_columns(self, query: str) -> dict[int, int]:
        """Columns of the query's known terms, with how often each is asked."""
        weights: dict[int, int] = {}
        for term in query_terms(query, self._stopwords):
            column = self._vocabulary.get(term)
            if column is not None:
                weights[column] = weights.get(column, 0) + 1
        return weights

    def _bounds(self) -> np.ndarray:
        if self._column_max is None:
            assert self._matrix is not None
            self._column_max = column_max(self._matrix[0], self._matrix[2])
        return self._column_max

    def _column(self, column: int) -> tuple[np.ndarray, np.ndarray]:
        assert self._matrix is not None
        data, indices, indptr = self._matrix
        begin, end = int(indptr[column]), int(indptr[column + 1])
        return indices[begin:end], data[begin:end]

    def _lookup(self, weights: dict[int, int], sorted_ids: np.ndarray) -> np.ndarray:
        """Summed scores of the documents ``sorted_ids`` (ascending) over these columns."""
        total = np.zeros(len(sorted_ids), dtype=np.float32)
        for column, weight in weights.items():
            documents, scores = self._column(column)
            if not len(documents):
                continue
            at = np.minimum(np.searchsorted(documents, sorted_ids), len(documents) - 1)
            held = documents[at] == sorted_ids
            total += np.where(held, scores[at], 0.0).astype(np.float32) * weight
        return total

    def _union(
        self, columns: Sequence[int], weights: dict[int, int], mask: np.ndarray | None
    ) -> tuple[np.ndarray, np.ndarray]:
        """The allowed documents holding any of ``columns``, with their summed scores."""
        parts = []
        for column in columns:
            documents, scores = self._column(column)
            scores = scores.astype(np.float32) * weights[column]
            if mask is not None:
                keep = mask[documents]
                documents, scores = documents[keep], scores[keep]
            parts.append((documents, scores))
        total = sum(len(documents) for documents, _ in parts)
        # Sorting costs ~log(total) per posting; a dense array costs one pass over all ids.
        if total <= _SORTED_UNION_LIMIT and total * 16 < self.size:
            ids, inverse = np.unique(np.concatenate([d for d, _ in parts]), return_inverse=True)
            summed = np.bincount(inverse, weights=np.concatenate([s for _, s in parts]))
            return ids.astype(np.int64), summed.astype(np.float32)
        dense = np.zeros(self.size, dtype=np.float32)
        for documents, scores in parts:
            dense[documents] += scores  # a column holds each document once
        ids = np.flatnonzero(dense)
        return ids, dense[ids]

    def _threshold_top(
        self,
        ids: np.ndarray,
        partial: np.ndarray,
        rest: Sequence[int],
        weights: dict[int, int],
        rest_bound: float,
        n: int,
    ) -> tuple[np.ndarray, np.ndarray] | None:
        """The top ``n`` when the candidates ``ids`` settle it, else None (more terms needed).

        A document outside ``ids`` scores at most ``rest_bound``; a candidate not scored
        in full at most its partial score plus ``rest_bound``. The candidates with the
        best partial scores are scored in full, more of them each round, until the
        n-th best full score beats both bounds.
        """
        if len(ids) < n:
            return None
        rest_weights = {c: weights[c] for c in rest}
        examined = n
        while True:
            if examined < len(ids):
                by_partial = np.argpartition(-partial, examined)
                chosen = np.sort(by_partial[:examined])
                unexamined = float(partial[by_partial[examined]])
            else:
                chosen, unexamined = np.arange(len(ids)), 0.0
            full = partial[chosen] + self._lookup(rest_weights, ids[chosen])
            nth = -float(np.partition(-full, n - 1)[n - 1])
            if nth <= rest_bound:
                return None
            if nth > unexamined + rest_bound:
                return _best(ids[chosen], full, n)
            examined *= 4


def column_max(data: np.ndarray, indptr: np.ndarray) -> np.ndarray:
    """The highest score in each column of a CSC score matrix (0 for an empty column)."""
    starts = np.asarray(indptr[:-1], dtype=np.int64)
    filled = np.asarray(indptr[1:], dtype=np.int64) > starts
    result = np.zeros(len(starts), dtype=np.float32)
    if filled.any():
        result[filled] = np.maximum.reduceat(np.asarray(data), starts[filled])
    return result


def _best(
    ids: np.ndarray, scores: np.ndarray, n: int, allowed: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The ``n`` best of ``ids`` by ``scores`` above zero, best first, ties by id."""
    keep = scores > 0
    if allowed is not None:
        keep &= np.isin(ids, allowed)
    ids, scores = ids[keep], scores[keep]
    if len(scores) > n:  # keep the n best and whatever ties the n-th, then sort only those
        nth = np.partition(scores, len(scores) - n)[len(scores) - n]
        ids, scores = ids[scores >= nth], scores[scores >= nth]
    order = np.lexsort((ids, -scores))[:n]
    return ids[order].astype(np.int64), scores[order].astype(np.float32)
