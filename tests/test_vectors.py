"""Vector indexes chosen by size: exact, IVF, compressed IVF; all memory-mapped."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from qa.storage import id_filter
from qa.storage import vectors as vector_module
from qa.storage.vectors import (
    COMPRESSED_CELLS,
    COMPRESSED_NPROBE,
    IVF_NPROBE,
    add_vector_block,
    build_vector_index,
    describe,
    finish_vector_index,
    ivf_cells,
    load_vector_index,
    new_vector_index,
    reconstruct,
    save_vector_index,
    search_vectors,
    train_vector_index,
    training_size,
)

DIMENSION = 64


def _unit(rows: np.ndarray) -> np.ndarray:
    unit: np.ndarray = (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)
    return unit


def _clustered(count: int, seed: int) -> np.ndarray:
    """Vectors around a few hundred topics, as text embeddings are, not uniform noise."""
    rng = np.random.default_rng(seed)
    topics = rng.normal(size=(300, DIMENSION))
    labels = rng.integers(0, len(topics), size=count)
    return _unit(topics[labels] + 0.6 * rng.normal(size=(count, DIMENSION)))


def _exact_top(vectors: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    return np.argsort(-(queries @ vectors.T), axis=1, kind="stable")[:, :k]


@pytest.fixture(scope="module")
def large() -> tuple[np.ndarray, object]:
    """20,000 vectors indexed as if they were past the exact-search limit."""
    vectors = _clustered(20_000, seed=1)
    return vectors, build_vector_index(vectors, exact_limit=10_000)


def test_a_small_collection_gets_an_exact_index() -> None:
    vectors = _clustered(500, seed=2)
    index = build_vector_index(vectors, exact_limit=1_000)
    assert describe(index) == "flat"
    _, ids = search_vectors(index, vectors[:20], 5)
    assert ids[:, 0].tolist() == list(range(20))


def test_a_large_collection_gets_ivf_with_recall_at_10_of_at_least_098(
    large: tuple[np.ndarray, object],
) -> None:
    vectors, index = large
    assert describe(index) == f"ivf-flat(nlist={ivf_cells(20_000)},nprobe={IVF_NPROBE})"
    queries = _clustered(300, seed=3)
    _, ids = search_vectors(index, queries, 10)
    exact = _exact_top(vectors, queries, 10)
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(ids, exact, strict=True)])
    assert recall >= 0.98


def test_ivf_cells_grow_with_the_square_root_of_the_collection() -> None:
    assert [ivf_cells(n) for n in (100, 20_000, 100_000, 1_000_000)] == [2, 500, 1265, 4000]


@pytest.mark.parametrize("exact_limit", [100_000, 1_000], ids=["flat", "ivf"])
def test_a_saved_index_loads_memory_mapped_and_answers_the_same(
    tmp_path: Path, exact_limit: int
) -> None:
    vectors = _clustered(3_000, seed=4)
    index = build_vector_index(vectors, exact_limit=exact_limit)
    save_vector_index(index, tmp_path / "vectors.faiss")
    loaded = load_vector_index(tmp_path / "vectors.faiss")
    assert describe(loaded) == describe(index)
    assert loaded.ntotal == 3_000
    queries = _clustered(50, seed=5)
    assert np.array_equal(search_vectors(loaded, queries, 10)[1], index.search(queries, 10)[1])
    ids = np.array([0, 17, 2_999, 17], dtype=np.int64)
    assert np.array_equal(reconstruct(loaded, ids), vectors[ids])


def test_a_damaged_index_file_cannot_be_loaded(tmp_path: Path) -> None:
    (tmp_path / "vectors.faiss").write_bytes(b"not an index")
    with pytest.raises(RuntimeError):
        load_vector_index(tmp_path / "vectors.faiss")


@pytest.mark.parametrize(
    ("allowed_count", "exact_limit"),
    [(40, 1_000), (2_000, 1_000), (15_000, 1_000), (15_000, 20_000)],
    ids=["few-scored-exactly", "tenth-through-ivf", "most-through-ivf", "most-scored-exactly"],
)
def test_a_filtered_search_returns_the_best_allowed_vectors(
    large: tuple[np.ndarray, object], allowed_count: int, exact_limit: int
) -> None:
    vectors, index = large
    allowed = np.random.default_rng(6).choice(len(vectors), allowed_count, replace=False)
    queries = _clustered(30, seed=7)
    scores, ids = search_vectors(
        index, queries, 10, allowed=allowed, filtered_exact_limit=exact_limit
    )
    assert np.isin(ids, allowed).all()
    exact = allowed[_exact_top(vectors[allowed], queries, 10)]
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(ids, exact, strict=True)])
    assert recall >= 0.98
    assert np.allclose(scores[:, 0], (queries * vectors[ids[:, 0]]).sum(axis=1), atol=1e-5)


def test_a_filter_allowing_fewer_than_k_vectors_pads_with_minus_one() -> None:
    vectors = _clustered(2_000, seed=8)
    allowed = np.array([5, 9, 11], dtype=np.int64)
    for exact_limit in (100_000, 1_000):
        index = build_vector_index(vectors, exact_limit=exact_limit)
        _, ids = search_vectors(index, vectors[:1], 5, allowed=allowed)
        assert sorted(ids[0, :3].tolist()) == [5, 9, 11]
        assert ids[0, 3:].tolist() == [-1, -1]


def test_an_empty_collection_finds_nothing(tmp_path: Path) -> None:
    index = build_vector_index(np.zeros((0, DIMENSION), dtype=np.float32))
    save_vector_index(index, tmp_path / "empty.faiss")
    loaded = load_vector_index(tmp_path / "empty.faiss")
    assert describe(loaded) == "flat"
    assert loaded.ntotal == 0
    _, ids = search_vectors(loaded, np.ones((1, DIMENSION), dtype=np.float32), 3)
    assert ids.tolist() == [[-1, -1, -1]]


def _recall_at_10(vectors: np.ndarray, index: object, queries: np.ndarray) -> float:
    _, ids = search_vectors(index, queries, 10)
    exact = _exact_top(vectors, queries, 10)
    return float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(ids, exact, strict=True)]))


def test_a_very_large_collection_gets_compressed_ivf_with_recall_at_10_of_at_least_095(
    tmp_path: Path,
) -> None:
    vectors = _clustered(20_000, seed=9)
    index = build_vector_index(vectors, exact_limit=1_000, compressed_limit=10_000)
    cells = min(COMPRESSED_CELLS, ivf_cells(20_000))
    assert describe(index) == f"ivf-sq8(nlist={cells},nprobe={COMPRESSED_NPROBE})"
    assert _recall_at_10(vectors, index, _clustered(300, seed=10)) >= 0.95
    save_vector_index(index, tmp_path / "vectors.faiss")
    # Codes a quarter of the float vectors' bytes, plus 8-byte ids and the cells' centres.
    assert (tmp_path / "vectors.faiss").stat().st_size < vectors.nbytes * 0.4
    decoded = load_vector_index(tmp_path / "vectors.faiss").reconstruct_batch(np.arange(100))
    assert np.abs(decoded - vectors[:100]).max() < 0.01


def test_an_index_built_from_streamed_blocks_answers_as_one_built_at_once() -> None:
    vectors = _clustered(12_000, seed=11)
    whole = build_vector_index(vectors, exact_limit=1_000, compressed_limit=5_000)
    streamed = new_vector_index(len(vectors), DIMENSION, exact_limit=1_000, compressed_limit=5_000)
    sample = np.random.default_rng(0).choice(len(vectors), training_size(streamed), replace=False)
    train_vector_index(streamed, vectors[np.sort(sample)])
    for begin in range(0, len(vectors), 5_000):
        add_vector_block(streamed, vectors[begin : begin + 5_000])
    finish_vector_index(streamed)
    queries = _clustered(30, seed=12)
    assert describe(streamed) == describe(whole)
    assert np.array_equal(search_vectors(streamed, queries, 10)[1], whole.search(queries, 10)[1])


def test_a_filter_of_many_ids_passed_as_a_bitmap_finds_what_a_set_of_ids_finds(
    large: tuple[np.ndarray, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    vectors, index = large
    allowed = np.random.default_rng(13).choice(len(vectors), 8_000, replace=False)
    queries = _clustered(20, seed=14)
    as_set = search_vectors(index, queries, 10, allowed=allowed, filtered_exact_limit=1_000)
    monkeypatch.setattr(vector_module, "BITMAP_SELECTOR_MIN", 1)
    as_bitmap = search_vectors(index, queries, 10, allowed=allowed, filtered_exact_limit=1_000)
    assert np.array_equal(as_bitmap[1], as_set[1])
    assert np.isin(as_bitmap[1], allowed).all()
    remembered = id_filter.frozen(allowed)  # its bitmap made once, then reused
    for _ in range(2):
        again = search_vectors(index, queries, 10, allowed=remembered, filtered_exact_limit=1_000)
        assert np.array_equal(again[1], as_set[1])
