"""BM25 over chunk windows: built by bm25s (the only module that imports it), read by numpy.

Terms are lower-cased, English stop words dropped and Snowball-stemmed, so
"trafficked" finds "trafficking". The index is saved in its own folder of
the index generation. bm25s stores every document's score for every term
(a sparse matrix, one column per term); a query adds up the columns of its
terms. Reading that needs only numpy over the memory-mapped arrays, so a
question never imports bm25s and, through it, scipy (about 0.2 s of a cold start).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

# bm25s's own splitting (scikit-learn's default): words of two or more characters.
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_STOPWORDS_FILE = "stopwords.json"


def _bm25s() -> Any:
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
        return cls(size, matrix=matrix, vocabulary=vocabulary, stopwords=stopwords)

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
