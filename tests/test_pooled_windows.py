"""Windows pooled from their sentences: each sentence embedded once, no window embedded."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from article_indexes import index_alone_and_with_the_rest

from qa.config import Settings
from qa.errors import IndexIncompatibleError
from qa.index.embed import load_tokenizer, resolve_model
from qa.index.indexing import update_index
from qa.index.pooling import pooled_window_vectors
from qa.records import Chunk
from qa.search.assistant import Assistant
from qa.storage import backends

TEXT = "Ships left at dawn. The storm reached the coast by noon. Roads closed."


def _sentence(number: int) -> tuple[int, int]:
    starts = [0, TEXT.index("The"), TEXT.index("Roads")]
    ends = [TEXT.index(".") + 1, TEXT.index("noon.") + 5, len(TEXT)]
    return starts[number], ends[number]


def _chunk(anchor: int, first: int, last: int) -> Chunk:
    start, end = _sentence(first)[0], _sentence(last)[1]
    sentence_start, sentence_end = _sentence(anchor)
    return Chunk("a", start, end, sentence_start, sentence_end, TEXT[start:end], "")


def test_a_window_vector_weighs_each_sentence_by_its_length_and_nearness_to_the_anchor() -> None:
    chunks = [_chunk(0, 0, 1), _chunk(1, 0, 2), _chunk(2, 1, 2)]
    sentence_vectors = np.eye(3, dtype=np.float32)  # one axis per sentence
    pooled = pooled_window_vectors(chunks, sentence_vectors, tokens=[2, 4, 2])
    # The anchor weighs three times its tokens; a neighbour one sentence away half its tokens.
    expected = np.array([[6, 2, 0], [1, 12, 1], [0, 2, 6]], dtype=np.float32)
    np.testing.assert_allclose(
        pooled, expected / np.linalg.norm(expected, axis=1, keepdims=True), rtol=1e-6
    )


def test_a_window_never_pools_a_sentence_of_another_article() -> None:
    own, other = _chunk(0, 0, 0), dataclasses.replace(_chunk(0, 0, 0), article_id="b")
    vectors = np.array([[1, 0], [0, 1]], dtype=np.float32)
    np.testing.assert_allclose(pooled_window_vectors([own, other], vectors, [3, 3]), vectors)


def test_pooled_windows_embed_each_sentence_once_and_the_old_settings_are_refused(
    corpus_copy: Settings,
) -> None:
    pooled = dataclasses.replace(corpus_copy, pooled_windows=True)
    report = update_index(pooled)
    snapshot = backends.open_storage(pooled)
    try:
        chunks = [chunk for _, chunk in snapshot.all_chunks()]
        ids = np.asarray([chunk_id for chunk_id, _ in snapshot.all_chunks()], dtype=np.int64)
        windows, sentences = snapshot.vectors("window", ids), snapshot.vectors("sentence", ids)
    finally:
        snapshot.close()
    assert report.embedded == len({chunk.sentence for chunk in chunks})
    tokenizer = load_tokenizer(resolve_model(pooled.model))
    lengths = [len(tokenizer.encode(c.sentence, add_special_tokens=False).ids) for c in chunks]
    np.testing.assert_allclose(
        windows, pooled_window_vectors(chunks, sentences, lengths), atol=1e-5
    )
    with pytest.raises(IndexIncompatibleError) as raised:
        Assistant.open(corpus_copy)
    assert str(raised.value) == (
        "the index was built with chunking pooled_windows=1, not pooled_windows=none; "
        "run `qa index --rebuild` to build it again"
    )


def test_windows_are_embedded_whole_unless_the_environment_asks_for_pooling() -> None:
    assert not Settings.from_env({}).pooled_windows
    assert Settings.from_env({"QA_POOLED_WINDOWS": "1"}).pooled_windows
    assert not Settings.from_env({"QA_POOLED_WINDOWS": "0"}).pooled_windows


def test_with_pooled_windows_an_articles_vectors_do_not_depend_on_the_others_indexed_with_it(
    corpus_settings: Settings, tmp_path: Path
) -> None:
    first = sorted(corpus_settings.corpus_dir.iterdir())[0].stem
    vectors = {}
    built = index_alone_and_with_the_rest(corpus_settings, tmp_path, pooled_windows=True)
    for name, settings in built.items():
        snapshot = backends.open_storage(settings)
        try:
            own = sorted(
                (chunk.sentence_start, chunk_id)
                for chunk_id, chunk in snapshot.all_chunks()
                if chunk.article_id.split("#")[0] == first
            )
            ids = np.asarray([chunk_id for _, chunk_id in own], dtype=np.int64)
            vectors[name] = (snapshot.vectors("sentence", ids), snapshot.vectors("window", ids))
        finally:
            snapshot.close()
    for alone, together in zip(vectors["alone"], vectors["together"], strict=True):
        np.testing.assert_array_equal(alone, together)
