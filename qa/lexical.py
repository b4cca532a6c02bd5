"""BM25 over chunk windows, through bm25s (the only module that imports it).

Terms are lower-cased, English stop words dropped and Snowball-stemmed, so
"trafficked" finds "trafficking". The index is saved in its own folder of
the index generation and memory-mapped when loaded.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np


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


class LexicalIndex:
    """A BM25 index whose document i is chunk i of the index generation."""

    def __init__(self, retriever: Any, size: int):
        self._retriever = retriever
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
        return cls(retriever, len(texts))

    def save(self, folder: Path) -> None:
        """Write the index into ``folder`` (created if needed)."""
        folder.mkdir(parents=True, exist_ok=True)
        if self.size:
            self._retriever.save(str(folder))
        (folder / "size").write_text(str(self.size))

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        """Open a saved index, memory-mapping its arrays."""
        bm25s = _bm25s()
        size = int((folder / "size").read_text())
        if not size:
            return cls(bm25s.BM25(), 0)
        return cls(bm25s.BM25.load(str(folder), mmap=True), size)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every document for ``query`` (zeros when no term is known)."""
        if not self.size:
            return np.zeros(0, dtype=np.float32)
        terms = analyse([query])[0]
        ids = self._retriever.get_tokens_ids(terms)
        if not ids:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores_from_ids(ids), dtype=np.float32)
