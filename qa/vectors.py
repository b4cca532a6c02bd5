"""Vector indexes chosen by size: exact search while it is fast, HNSW beyond.

Vectors are L2-normalised, so inner product is cosine. Row i of an index is
chunk i of its generation. Up to ``EXACT_LIMIT`` vectors a flat (exact) index
answers a query in a few milliseconds; above it an HNSW graph over the same
flat storage answers in about a millisecond with recall@10 against exact
search of about 0.99 (``eval/bench.py`` measures both). Both keep every
vector, so ``reconstruct_batch`` works for rescoring, and both are
memory-mapped when loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

#: Largest collection searched exactly. A one-thread flat search of 384-d vectors
#: took 9–11 ms at 100,000 vectors here (twice per question: windows and sentences),
#: about 5 ms at 50,000; HNSW stays near 1 ms and builds in ~15 s per 50,000 on 2 cores.
EXACT_LIMIT = 50_000
#: HNSW neighbours per node and beam widths, from a sweep over 100,000 perturbed
#: passage embeddings (eval/bench.py data): efSearch 256 gave recall@10 0.95,
#: 512 gave 0.98, 1024 gave 0.99 at 0.7 ms median; M=48/efConstruction=160
#: needs a smaller beam but takes 2.4 times longer to build.
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 1024
#: A filter allowing at most this many vectors is searched exactly: a graph
#: walk that may step only on a few allowed nodes can miss them.
FILTERED_EXACT_LIMIT = 20_000


def build_vector_index(vectors: np.ndarray, *, exact_limit: int = EXACT_LIMIT) -> Any:
    """A FAISS index over ``vectors`` (rows = ids): flat up to ``exact_limit``, else HNSW."""
    faiss = _faiss()

    data = np.ascontiguousarray(vectors, dtype=np.float32)
    dimension = data.shape[1] if data.ndim == 2 and data.shape[1] else 1
    if len(data) <= exact_limit:
        index = faiss.IndexFlatIP(dimension)
    else:
        index = faiss.IndexHNSWFlat(dimension, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.hnsw.efSearch = HNSW_EF_SEARCH
    if len(data):
        index.add(data)
    return index


def describe(index: Any) -> str:
    """The kind of index and its parameters, as recorded in the manifest."""
    faiss = _faiss()

    if isinstance(index, faiss.IndexHNSW):
        hnsw = index.hnsw
        return (
            f"hnsw(M={hnsw.nb_neighbors(1)},efConstruction={hnsw.efConstruction},"
            f"efSearch={hnsw.efSearch})"
        )
    if isinstance(index, faiss.IndexFlat):
        return "flat"
    return type(index).__name__


def save_vector_index(index: Any, path: Path) -> None:
    """Write ``index`` to ``path``."""
    faiss = _faiss()

    faiss.write_index(index, str(path))


def load_vector_index(path: Path) -> Any:
    """Open a saved index with its vectors memory-mapped rather than read into RAM.

    Raises RuntimeError (from FAISS) when the file is not an index.
    """
    faiss = _faiss()

    return faiss.read_index(str(path), faiss.IO_FLAG_MMAP_IFC | faiss.IO_FLAG_READ_ONLY)


def search_vectors(
    index: Any, queries: np.ndarray, k: int, allowed: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Scores and ids of the ``k`` nearest vectors per query; ids are -1 past the last hit.

    ``allowed`` (ids) restricts the search: a small allowed set is scored
    exactly; a larger one goes through the index with an ID selector.
    """
    faiss = _faiss()

    query = np.ascontiguousarray(np.atleast_2d(queries), dtype=np.float32)
    if allowed is None:
        scores, ids = index.search(query, k)
        return scores, ids
    allowed = np.asarray(allowed, dtype=np.int64)
    if len(allowed) <= FILTERED_EXACT_LIMIT or not isinstance(index, faiss.IndexHNSW):
        return _exact_over(index, query, k, allowed)
    selector = faiss.IDSelectorBatch(allowed)
    params = faiss.SearchParametersHNSW(sel=selector, efSearch=max(HNSW_EF_SEARCH, k))
    scores, ids = index.search(query, k, params=params)
    return scores, ids


def _exact_over(
    index: Any, query: np.ndarray, k: int, allowed: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    faiss = _faiss()

    if not isinstance(index, faiss.IndexHNSW):
        params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(allowed))
        scores, ids = index.search(query, k, params=params)
        return scores, ids
    candidates = np.unique(allowed)
    similarity = query @ index.reconstruct_batch(candidates).T
    take = min(k, len(candidates))
    top = np.argsort(-similarity, axis=1, kind="stable")[:, :take]
    scores = np.full((len(query), k), -np.inf, dtype=np.float32)
    ids = np.full((len(query), k), -1, dtype=np.int64)
    scores[:, :take] = np.take_along_axis(similarity, top, axis=1)
    ids[:, :take] = candidates[top]
    return scores, ids


def _faiss() -> Any:
    """The faiss module, typed loosely: its SWIG wrappers are only partly annotated."""
    import faiss

    return faiss
