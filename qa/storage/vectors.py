"""Vector indexes chosen by size: exact search while it is fast, IVF beyond.

Vectors are L2-normalised, so inner product is cosine. Row i of an index is
chunk i of its generation. Up to ``EXACT_LIMIT`` vectors a flat (exact) index
answers a query in a few milliseconds; above it an inverted-file index (IVF-Flat:
k-means cells, each query scans the vectors of its ``IVF_NPROBE`` nearest cells)
answers in about two milliseconds at a million vectors with recall@10 against
exact search of about 0.998 (``eval/bench.py`` measures both). Both keep every
vector uncompressed, so ``reconstruct_batch`` works for rescoring (the IVF index
keeps a direct map from id to cell for it), and both are memory-mapped when loaded.
Only the local storage backend (``qa.storage.snapshot``, ``qa.storage.store``) uses this module.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np

#: Largest collection searched exactly. A one-thread flat search of 384-d vectors
#: took 9–11 ms at 100,000 vectors here (twice per question: windows and sentences),
#: about 5 ms at 50,000.
EXACT_LIMIT = 50_000
#: IVF cells per vector count: about 4·sqrt(n), 4,000 at a million vectors (cells of
#: ~250 vectors), trained on ``IVF_TRAINING_PER_CELL`` random vectors per cell.
IVF_CELLS_PER_SQRT = 4
IVF_TRAINING_PER_CELL = 40
#: Cells scanned per query. On 1M synthetic passage embeddings (eval/bench.py data) with
#: 4,096 cells (40 s to build on 2 cores): 32 gave recall@10 0.988, 64 gave 0.995 (1.0 ms
#: p95), 128 gave 0.998 (2.1 ms p95). HNSW (M=32, efConstruction=80) took 239 s to build
#: and reached 0.986 at efSearch 1024 (2.2 ms p95), the same in RAM or memory-mapped; an
#: HNSW coarse quantizer for IVF built no faster and reached 0.993.
IVF_NPROBE = 128
#: A filter allowing at most this many vectors is scored exactly: an approximate
#: search that may use only a few allowed vectors can miss them.
FILTERED_EXACT_LIMIT = 20_000


def build_vector_index(vectors: np.ndarray, *, exact_limit: int = EXACT_LIMIT) -> Any:
    """A FAISS index over ``vectors`` (rows = ids): flat up to ``exact_limit``, else IVF-Flat."""
    faiss = _faiss()

    data = np.ascontiguousarray(vectors, dtype=np.float32)
    dimension = data.shape[1] if data.ndim == 2 and data.shape[1] else 1
    if len(data) <= exact_limit:
        index = faiss.IndexFlatIP(dimension)
        if len(data):
            index.add(data)
        return index
    cells = ivf_cells(len(data))
    index = faiss.IndexIVFFlat(
        faiss.IndexFlatIP(dimension), dimension, cells, faiss.METRIC_INNER_PRODUCT
    )
    training = min(len(data), cells * IVF_TRAINING_PER_CELL)
    sample = np.random.default_rng(0).choice(len(data), training, replace=False)
    index.train(data[np.sort(sample)])
    index.add(data)
    index.make_direct_map()
    index.nprobe = IVF_NPROBE
    return index


def ivf_cells(count: int) -> int:
    """IVF cells for ``count`` vectors: about 4·sqrt(count), with enough vectors to train each."""
    return max(1, min(round(IVF_CELLS_PER_SQRT * math.sqrt(count)), count // IVF_TRAINING_PER_CELL))


def describe(index: Any) -> str:
    """The kind of index and its parameters, e.g. ``ivf-flat(nlist=4000,nprobe=128)``."""
    faiss = _faiss()

    if isinstance(index, faiss.IndexIVFFlat):
        return f"ivf-flat(nlist={index.nlist},nprobe={index.nprobe})"
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
    index: Any,
    queries: np.ndarray,
    k: int,
    allowed: np.ndarray | None = None,
    *,
    filtered_exact_limit: int = FILTERED_EXACT_LIMIT,
) -> tuple[np.ndarray, np.ndarray]:
    """Scores and ids of the ``k`` nearest vectors per query; ids are -1 past the last hit.

    ``allowed`` (ids) restricts the search: up to ``filtered_exact_limit`` allowed
    ids are scored exactly; more go through the index with an ID selector.
    """
    faiss = _faiss()

    query = np.ascontiguousarray(np.atleast_2d(queries), dtype=np.float32)
    if allowed is None:
        scores, ids = index.search(query, k)
        return scores, ids
    allowed = np.asarray(allowed, dtype=np.int64)
    selector = faiss.IDSelectorBatch(allowed)
    if isinstance(index, faiss.IndexFlat):
        params = faiss.SearchParameters(sel=selector)
    elif len(allowed) <= filtered_exact_limit:
        return _exact_over(index, query, k, allowed)
    else:
        params = faiss.SearchParametersIVF(sel=selector, nprobe=_filtered_nprobe(index, allowed))
    scores, ids = index.search(query, k, params=params)
    return scores, ids


def reconstruct(index: Any, ids: np.ndarray) -> np.ndarray:
    """The stored vectors with these ids, one row each."""
    rows: np.ndarray = index.reconstruct_batch(np.asarray(ids, dtype=np.int64))
    return rows


def _filtered_nprobe(index: Any, allowed: np.ndarray) -> int:
    """More cells when fewer vectors are allowed: the best allowed ones lie farther away."""
    fraction = min(1.0, len(allowed) / max(1, index.ntotal))
    return int(min(index.nlist, math.ceil(index.nprobe / math.sqrt(fraction))))


def _exact_over(
    index: Any, query: np.ndarray, k: int, allowed: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    candidates = np.unique(allowed)
    similarity = query @ reconstruct(index, candidates).T
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
