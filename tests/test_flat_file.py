"""A flat FAISS index file read and searched by numpy: the same vectors FAISS would find."""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np
import pytest

from qa.storage.flat_file import FlatVectors
from qa.storage.vectors import build_vector_index, save_vector_index

DIMENSION = 32


def _unit(count: int, seed: int) -> np.ndarray:
    rows = np.random.default_rng(seed).normal(size=(count, DIMENSION))
    unit: np.ndarray = (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)
    return unit


def _saved(vectors: np.ndarray, path: Path) -> tuple[faiss.Index, FlatVectors]:
    index = faiss.IndexFlatIP(DIMENSION)
    index.add(vectors)
    faiss.write_index(index, str(path))
    flat = FlatVectors.open(path)
    assert flat is not None
    return index, flat


def test_a_flat_index_file_finds_what_faiss_finds_with_the_same_scores(tmp_path: Path) -> None:
    vectors = _unit(2_000, seed=1)
    index, flat = _saved(vectors, tmp_path / "flat.faiss")
    queries = _unit(40, seed=2)
    scores, ids = flat.search(queries, 25)
    expected_scores, expected_ids = index.search(queries, 25)
    assert flat.ntotal == 2_000
    assert np.array_equal(ids, expected_ids)
    assert np.allclose(scores, expected_scores, atol=1e-6)
    assert np.array_equal(flat.reconstruct(np.array([7, 3, 7])), vectors[[7, 3, 7]])


def test_a_filtered_search_finds_what_faiss_finds_among_the_allowed(tmp_path: Path) -> None:
    vectors = _unit(2_000, seed=3)
    index, flat = _saved(vectors, tmp_path / "flat.faiss")
    allowed = np.random.default_rng(4).choice(2_000, 300, replace=False)
    queries = _unit(20, seed=5)
    _, ids = flat.search(queries, 10, allowed)
    selector = faiss.IDSelectorBatch(allowed)
    params = faiss.SearchParameters()
    params.sel = selector
    assert np.array_equal(ids, index.search(queries, 10, params=params)[1])


def test_equal_scores_across_the_kth_place_keep_the_smaller_ids_as_faiss_does(
    tmp_path: Path,
) -> None:
    vectors = _unit(50, seed=6)
    vectors[10:40] = vectors[0]  # thirty copies of one vector tie for the best score
    index, flat = _saved(vectors, tmp_path / "flat.faiss")
    _, ids = flat.search(vectors[:1], 8)
    assert ids[0].tolist() == [0, *range(10, 17)]
    assert set(ids[0]) == set(index.search(vectors[:1], 8)[1][0])


def test_past_the_last_vector_ids_are_minus_one_with_faiss_s_lowest_score(
    tmp_path: Path,
) -> None:
    vectors = _unit(3, seed=7)
    index, flat = _saved(vectors, tmp_path / "flat.faiss")
    scores, ids = flat.search(vectors[:1], 5)
    expected_scores, expected_ids = index.search(vectors[:1], 5)
    assert ids[0, 3:].tolist() == expected_ids[0, 3:].tolist() == [-1, -1]
    assert scores[0, 3:].tolist() == expected_scores[0, 3:].tolist()


def test_an_empty_flat_index_file_finds_nothing(tmp_path: Path) -> None:
    _, flat = _saved(np.zeros((0, DIMENSION), dtype=np.float32), tmp_path / "empty.faiss")
    assert flat.ntotal == 0
    assert flat.search(np.ones((1, DIMENSION), dtype=np.float32), 2)[1].tolist() == [[-1, -1]]


@pytest.mark.parametrize("damage", ["truncated", "not an index"])
def test_a_damaged_flat_index_file_is_left_to_faiss(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "flat.faiss"
    _saved(_unit(10, seed=8), path)
    data = path.read_bytes()
    path.write_bytes(data[:-4] if damage == "truncated" else b"not an index")
    assert FlatVectors.open(path) is None


def test_an_inverted_file_index_is_left_to_faiss(tmp_path: Path) -> None:
    path = tmp_path / "ivf.faiss"
    save_vector_index(build_vector_index(_unit(400, seed=9), exact_limit=100), path)
    assert FlatVectors.open(path) is None
