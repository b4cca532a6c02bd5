"""Vector indexes chosen by size: exact search while fast, IVF beyond, compressed IVF at scale.

Vectors are L2-normalised, so inner product is cosine. Row i of an index is
chunk i of its generation. Up to ``EXACT_LIMIT`` vectors a flat (exact) index
answers a query in a few milliseconds; above it an inverted-file index (IVF-Flat:
k-means cells, each query scans the vectors of its ``IVF_NPROBE`` nearest cells)
answers in about two milliseconds at a million vectors with recall@10 against
exact search of about 0.998 (``eval/bench.py`` measures both). Above
``COMPRESSED_LIMIT`` the cells hold each vector as 8-bit scalar-quantised codes
(IVF-SQ8, a quarter of the bytes: 3.7 GiB instead of 14.7 GiB at ten million
384-d vectors), so the index stays within a laptop's memory; it has fewer, larger cells
(``COMPRESSED_CELLS``) so that building it stays affordable. Every kind answers
``reconstruct_batch`` for rescoring (the IVF indexes keep a direct map from id
to cell for it; IVF-SQ8 gives the decoded vectors, within about 0.01 per
dimension), and every kind is memory-mapped when loaded.

A large index can be built from blocks of vectors streamed from disk
(:func:`new_vector_index`, :func:`train_vector_index`, :func:`add_vector_block`,
:func:`finish_vector_index`), so the float vectors never have to be in memory at once.
Only the local storage backend (``qa.storage.snapshot``, ``qa.storage.store``) uses this module.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np

from qa.storage import id_filter
from qa.storage.flat_file import FlatVectors

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
#: Largest collection kept uncompressed (IVF-Flat, 2.9 GiB of vectors); above it IVF-SQ8.
COMPRESSED_LIMIT = 2_000_000
#: Cells of IVF-SQ8, whatever the size. Adding a vector compares it with every cell's
#: centre, so 4·sqrt(n) cells (12,600 at ten million) would cost 10M × 12,600 × 384
#: multiply-adds to build: over an hour on two busy cores. 2,048 cells cost a sixth of
#: that, and a query scans ``COMPRESSED_NPROBE`` of them (~1.6% of the vectors).
COMPRESSED_CELLS = 2_048
COMPRESSED_NPROBE = 32
#: k-means iterations when training the cells of IVF-SQ8 (FAISS's default is 25).
COMPRESSED_TRAINING_ITERATIONS = 10
#: A filter allowing at most this many vectors is scored exactly: an approximate
#: search that may use only a few allowed vectors can miss them.
FILTERED_EXACT_LIMIT = 20_000
#: Above this many allowed ids a filter is passed to FAISS as a bitmap of all ids
#: rather than a hash set of the allowed ones (built per query, slow for millions).
BITMAP_SELECTOR_MIN = 100_000


def build_vector_index(
    vectors: np.ndarray,
    *,
    exact_limit: int = EXACT_LIMIT,
    compressed_limit: int = COMPRESSED_LIMIT,
) -> Any:
    """A FAISS index over ``vectors`` (rows = ids), of the kind chosen for their number.

    Flat up to ``exact_limit``, IVF-Flat up to ``compressed_limit``, IVF-SQ8 above.
    """
    data = np.ascontiguousarray(vectors, dtype=np.float32)
    dimension = data.shape[1] if data.ndim == 2 and data.shape[1] else 1
    index = new_vector_index(
        len(data), dimension, exact_limit=exact_limit, compressed_limit=compressed_limit
    )
    if not index.is_trained:
        training = min(len(data), training_size(index))
        sample = np.random.default_rng(0).choice(len(data), training, replace=False)
        train_vector_index(index, data[np.sort(sample)])
    if len(data):
        add_vector_block(index, data)
    return finish_vector_index(index)


def new_vector_index(
    count: int,
    dimension: int,
    *,
    exact_limit: int = EXACT_LIMIT,
    compressed_limit: int = COMPRESSED_LIMIT,
) -> Any:
    """An empty index of the kind chosen for ``count`` vectors; IVF kinds still need training."""
    faiss = _faiss()

    if count <= exact_limit:
        return faiss.IndexFlatIP(dimension)
    quantizer = faiss.IndexFlatIP(dimension)
    if count <= compressed_limit:
        return faiss.IndexIVFFlat(
            quantizer, dimension, ivf_cells(count), faiss.METRIC_INNER_PRODUCT
        )
    cells = min(COMPRESSED_CELLS, ivf_cells(count))
    index = faiss.IndexIVFScalarQuantizer(
        quantizer, dimension, cells, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT
    )
    index.cp.niter = COMPRESSED_TRAINING_ITERATIONS
    return index


def training_size(index: Any) -> int:
    """How many vectors to train an IVF index on: ``IVF_TRAINING_PER_CELL`` per cell."""
    return int(index.nlist) * IVF_TRAINING_PER_CELL


def train_vector_index(index: Any, sample: np.ndarray) -> None:
    """Learn the cells (and the quantiser's ranges) of an IVF index from ``sample``."""
    index.train(np.ascontiguousarray(sample, dtype=np.float32))


def add_vector_block(index: Any, block: np.ndarray) -> None:
    """Append ``block`` to the index; its rows get the next ids."""
    index.add(np.ascontiguousarray(block, dtype=np.float32))


def finish_vector_index(index: Any) -> Any:
    """Make a filled index ready to search and to reconstruct; returns it."""
    faiss = _faiss()

    if isinstance(index, faiss.IndexIVF):
        index.make_direct_map()
        compressed = isinstance(index, faiss.IndexIVFScalarQuantizer)
        index.nprobe = COMPRESSED_NPROBE if compressed else IVF_NPROBE
    return index


def ivf_cells(count: int) -> int:
    """IVF cells for ``count`` vectors: about 4·sqrt(count), with enough vectors to train each."""
    return max(1, min(round(IVF_CELLS_PER_SQRT * math.sqrt(count)), count // IVF_TRAINING_PER_CELL))


def describe(index: Any) -> str:
    """The kind of index and its parameters, e.g. ``ivf-flat(nlist=4000,nprobe=128)``."""
    if isinstance(index, FlatVectors):
        return "flat"
    faiss = _faiss()

    if isinstance(index, faiss.IndexIVFFlat):
        return f"ivf-flat(nlist={index.nlist},nprobe={index.nprobe})"
    if isinstance(index, faiss.IndexIVFScalarQuantizer):
        return f"ivf-sq8(nlist={index.nlist},nprobe={index.nprobe})"
    if isinstance(index, faiss.IndexFlat):
        return "flat"
    return type(index).__name__


def save_vector_index(index: Any, path: Path) -> None:
    """Write ``index`` to ``path``."""
    faiss = _faiss()

    faiss.write_index(index, str(path))


def load_vector_index(path: Path) -> Any:
    """Open a saved index with its vectors memory-mapped rather than read into RAM.

    A flat index comes back as ``FlatVectors`` (numpy), any other kind as a FAISS index.
    Raises RuntimeError (from FAISS) when the file is not an index.
    """
    flat = FlatVectors.open(path)
    if flat is not None:
        return flat
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
    if isinstance(index, FlatVectors):
        return index.search(queries, k, allowed)
    faiss = _faiss()

    query = np.ascontiguousarray(np.atleast_2d(queries), dtype=np.float32)
    if allowed is None:
        scores, ids = index.search(query, k)
        return scores, ids
    if not isinstance(index, faiss.IndexFlat) and len(allowed) <= filtered_exact_limit:
        return _exact_over(index, query, k, allowed)
    bitmap = None
    if len(allowed) >= BITMAP_SELECTOR_MIN:
        bitmap = id_filter.bitmap(allowed, index.ntotal)  # kept alive until the search is done
        selector = faiss.IDSelectorBitmap(index.ntotal, faiss.swig_ptr(bitmap))
    else:
        selector = faiss.IDSelectorBatch(np.asarray(allowed, dtype=np.int64))
    if isinstance(index, faiss.IndexFlat):
        params = faiss.SearchParameters(sel=selector)
    else:
        params = faiss.SearchParametersIVF(sel=selector, nprobe=_filtered_nprobe(index, allowed))
    scores, ids = index.search(query, k, params=params)
    del bitmap
    return scores, ids


def reconstruct(index: Any, ids: np.ndarray) -> np.ndarray:
    """The stored vectors with these ids, one row each."""
    if isinstance(index, FlatVectors):
        return index.reconstruct(ids)
    rows: np.ndarray = index.reconstruct_batch(np.asarray(ids, dtype=np.int64))
    return rows


def _filtered_nprobe(index: Any, allowed: np.ndarray) -> int:
    """More cells when fewer vectors are allowed: the best allowed ones lie farther away."""
    fraction = min(1.0, len(allowed) / max(1, index.ntotal))
    return int(min(index.nlist, math.ceil(index.nprobe / math.sqrt(fraction))))


def _exact_over(
    index: Any, query: np.ndarray, k: int, allowed: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    candidates = id_filter.sorted_ids(allowed)
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
