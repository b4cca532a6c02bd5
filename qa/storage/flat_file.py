"""A FAISS flat inner-product index file, read and searched by numpy without importing FAISS.

A flat index (``faiss.IndexFlatIP``, what ``qa.storage.vectors`` builds for up to
``EXACT_LIMIT`` vectors) is searched by scoring every vector: numpy does that over the
file's memory-mapped rows as fast as FAISS, and a new process (every ``qa ask``) saves
importing FAISS, a large part of its start. Larger indexes (IVF) still go through FAISS.

The file, as FAISS writes it (little-endian): the four bytes ``IxFI``, the dimension
(int32), the number of vectors (int64), two unused int64, the trained flag (one
byte), the metric (int32, 0 for inner product), the number of floats (uint64), then
the vectors as float32 rows.

Scores are the same inner products as FAISS's up to float rounding (summation order:
about 1e-7), and the chosen vectors the same: the ``k`` highest scores, the smaller
ids first among equal ones, with -1 (score -FLT_MAX) past the last vector.
"""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np

FOURCC = b"IxFI"
#: The header up to the vectors: fourcc, dimension, count, two unused, trained, metric, floats.
_HEADER = struct.Struct("<4siqqq?iQ")
_METRIC_INNER_PRODUCT = 0
#: What FAISS reports past the last vector.
_NO_SCORE = np.float32(-np.finfo(np.float32).max)


class FlatVectors:
    """The vectors of a flat inner-product index file, memory-mapped, searched exactly."""

    def __init__(self, matrix: np.ndarray):
        self._matrix = matrix

    @classmethod
    def open(cls, path: Path) -> FlatVectors | None:
        """The vectors of the index file ``path``; None when it is not a whole flat
        inner-product index (another kind, or a damaged file: FAISS then reads it)."""
        with path.open("rb") as handle:
            header = handle.read(_HEADER.size)
        if len(header) != _HEADER.size:
            return None
        fourcc, dimension, count, _, _, _, metric, floats = _HEADER.unpack(header)
        if fourcc != FOURCC or metric != _METRIC_INNER_PRODUCT or dimension < 1 or count < 0:
            return None
        if floats != count * dimension or path.stat().st_size != _HEADER.size + 4 * floats:
            return None
        if not count:
            return cls(np.zeros((0, dimension), dtype=np.float32))
        matrix = np.memmap(
            path, dtype="<f4", mode="r", offset=_HEADER.size, shape=(count, dimension)
        )
        return cls(matrix)

    @property
    def ntotal(self) -> int:
        """How many vectors the index holds (FAISS's name for it)."""
        return int(self._matrix.shape[0])

    def search(
        self, queries: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Scores and ids of the ``k`` best vectors per query row, best first, among
        ``allowed`` ids when given; -1 past the last one."""
        query = np.ascontiguousarray(np.atleast_2d(queries), dtype=np.float32)
        if allowed is None:
            ids = np.arange(self.ntotal, dtype=np.int64)
            rows = self._matrix
        else:
            ids = _sorted_distinct(np.asarray(allowed, dtype=np.int64))
            rows = self._matrix[ids]
        scores = np.full((len(query), k), _NO_SCORE, dtype=np.float32)
        found = np.full((len(query), k), -1, dtype=np.int64)
        for line, similarity in enumerate(np.asarray(rows @ query.T, dtype=np.float32).T):
            best = _best(similarity, k)
            scores[line, : len(best)] = similarity[best]
            found[line, : len(best)] = ids[best]
        return scores, found

    def reconstruct(self, ids: np.ndarray) -> np.ndarray:
        """The stored vectors with these ids, one row each."""
        rows: np.ndarray = np.array(self._matrix[np.asarray(ids, dtype=np.int64)], dtype=np.float32)
        return rows


def _best(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the ``k`` highest ``scores``, highest first; among equal scores the
    earlier position first, and kept first where they straddle the ``k``-th place."""
    if k < len(scores):
        kth = np.partition(scores, len(scores) - k)[len(scores) - k]
        above = np.flatnonzero(scores > kth)
        tied = np.flatnonzero(scores == kth)[: k - len(above)]
        chosen = np.sort(np.concatenate([above, tied]))
    else:
        chosen = np.arange(len(scores))
    order: np.ndarray = chosen[np.argsort(-scores[chosen], kind="stable")]
    return order


def _sorted_distinct(ids: np.ndarray) -> np.ndarray:
    """``ids`` sorted, each once."""
    ordered = np.sort(ids)
    keep = np.ones(len(ordered), dtype=bool)
    keep[1:] = ordered[1:] != ordered[:-1]
    return ordered[keep]
