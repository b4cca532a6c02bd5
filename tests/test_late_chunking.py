"""Late chunking: window and sentence vectors pooled from one pass over a long span."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import numpy as np
import pytest
from article_indexes import index_alone_and_with_the_rest

from qa.config import Settings
from qa.errors import IndexIncompatibleError
from qa.index.embed import resolve_model
from qa.index.indexing import update_index
from qa.index.late_chunking import (
    Segment,
    TokenEncoder,
    embed_segment,
    layout,
    place,
    segments,
    tile_spans,
    token_encoder,
)
from qa.index.onnx_embed import OnnxEmbedder, index_export_folder
from qa.records import Chunk
from qa.search.assistant import Assistant
from qa.storage import backends

TEXT = "Ships left the harbour at dawn. The storm reached the coast by noon."


def _chunk(start: int, end: int, sentence_start: int, sentence_end: int) -> Chunk:
    return Chunk(
        article_id="a",
        start=start,
        end=end,
        sentence_start=sentence_start,
        sentence_end=sentence_end,
        text=TEXT[start:end],
        sentence=TEXT[sentence_start:sentence_end],
    )


def _linked_export(settings: Settings, index_dir: Path) -> Path:
    """The session index's model export, hard-linked into a new index folder (no export)."""
    model = resolve_model(settings.model)
    source = index_export_folder(settings.index_dir, model.weights_sha256)
    target = index_export_folder(index_dir, model.weights_sha256)
    target.mkdir(parents=True)
    for path in source.iterdir():
        if path.is_file():
            os.link(path, target / path.name)
    return target


@pytest.fixture
def encoder(corpus_settings: Settings, tmp_path: Path) -> TokenEncoder:
    _linked_export(corpus_settings, tmp_path / "index")
    return token_encoder(tmp_path / "index", resolve_model(corpus_settings.model), "int8")


def test_a_text_is_cut_into_as_few_spans_as_it_takes_of_equal_length() -> None:
    windows = [(0, 40), (30, 90), (60, 130), (100, 150)]
    sentences = [(0, 10), (40, 60), (95, 105), (140, 150)]
    assert tile_spans(windows, sentences, 150, 100) == [(0, 75), (0, 75), (75, 150), (75, 150)]


def test_a_window_held_equally_by_two_spans_is_pooled_from_the_one_centred_on_its_sentence() -> (
    None
):
    assert tile_spans([(50, 100)], [(76, 80)], 150, 100) == [(75, 150)]
    assert tile_spans([(50, 100)], [(70, 74)], 150, 100) == [(0, 75)]


def test_chunks_of_one_article_separated_by_dropped_text_are_read_apart() -> None:
    raw = "One. Two. DROPPED BOILERPLATE Three."
    chunks = [
        Chunk("a", 0, 9, 0, 4, "One. Two.", "One."),
        Chunk("a", 0, 9, 5, 9, "One. Two.", "Two."),
        Chunk("a", 30, 36, 30, 36, "Three.", "Three."),
    ]
    assert segments(chunks, {"a": raw}) == [Segment("a", 0, 9, (0, 1)), Segment("a", 30, 36, (2,))]


def test_the_token_outputs_are_those_the_model_pools(
    corpus_settings: Settings, tmp_path: Path, encoder: TokenEncoder
) -> None:
    model = resolve_model(corpus_settings.model)
    folder = index_export_folder(tmp_path / "index", model.weights_sha256)
    embedder = OnnxEmbedder(folder, model, threads=1, quantized=True)
    tokenizer = encoder.tokenizer
    ids = tokenizer.encode(TEXT, add_special_tokens=False).ids
    special = [tokenizer.token_to_id("[CLS]"), *ids, tokenizer.token_to_id("[SEP]")]
    # The model's own vector of a text is the mean of every token's output, the special
    # ones included: the output of those tokens read as they are is the same mean.
    row = np.asarray([special])
    (outputs,) = encoder._session.run(
        [encoder._output], {"input_ids": row, "attention_mask": np.ones_like(row)}
    )
    mean = outputs[0].mean(axis=0)
    np.testing.assert_allclose(embedder.encode([TEXT])[0], mean / np.linalg.norm(mean), atol=1e-6)
    np.testing.assert_array_equal(encoder.token_outputs(ids), outputs[0, 1:-1])


def test_late_chunked_vectors_are_the_pooled_token_outputs_of_their_window_and_sentence(
    encoder: TokenEncoder,
) -> None:
    first_end = TEXT.index(".") + 1
    chunks = [_chunk(0, len(TEXT), 0, first_end), _chunk(0, len(TEXT), first_end + 1, len(TEXT))]
    segment = segments(chunks, {"a": TEXT})[0]
    windows, sentences = embed_segment(encoder, TEXT, segment, chunks, budget=254)
    plan = layout(encoder.tokenizer, TEXT, segment, chunks, 254)
    outputs = encoder.token_outputs(plan.ids)
    for position, (first, last) in enumerate(plan.sentences):
        mean = outputs[first:last].mean(axis=0)
        np.testing.assert_allclose(sentences[position], mean / np.linalg.norm(mean), atol=1e-6)
    whole = outputs.mean(axis=0)
    np.testing.assert_allclose(windows[0], whole / np.linalg.norm(whole), atol=1e-6)
    assert plan.sentences == [(0, 7), (7, len(plan.ids))]


def test_an_articles_vectors_do_not_depend_on_the_other_articles_indexed_with_it(
    corpus_settings: Settings, tmp_path: Path
) -> None:
    first = sorted(corpus_settings.corpus_dir.iterdir())[0].stem
    vectors = {}
    built = index_alone_and_with_the_rest(corpus_settings, tmp_path, late_chunking=True)
    for name, settings in built.items():
        snapshot = backends.open_storage(settings)
        try:
            chunks = {
                place(chunk): chunk_id
                for chunk_id, chunk in snapshot.all_chunks()
                if chunk.article_id.split("#")[0] == first
            }
            ids = np.asarray([chunks[p] for p in sorted(chunks)], dtype=np.int64)
            vectors[name] = (sorted(chunks), snapshot.vectors("window", ids))
        finally:
            snapshot.close()
    assert vectors["alone"][0] == vectors["together"][0]
    np.testing.assert_array_equal(vectors["alone"][1], vectors["together"][1])


def test_switching_to_late_chunking_embeds_every_passage_again_and_the_old_settings_are_refused(
    corpus_copy: Settings,
) -> None:
    late = dataclasses.replace(corpus_copy, late_chunking=True)
    report = update_index(late)
    assert report.embedded == 2 * report.chunks  # a window and a sentence vector each
    again = update_index(late)
    assert (again.embedded, again.wrote) == (0, False)
    with pytest.raises(IndexIncompatibleError) as raised:
        Assistant.open(corpus_copy)
    assert str(raised.value) == (
        "the index was built with chunking late_chunking=1, not late_chunking=none; "
        "run `qa index --rebuild` to build it again"
    )


def test_an_added_article_alone_is_late_chunked_and_the_others_keep_their_vectors(
    corpus_copy: Settings,
) -> None:
    late = dataclasses.replace(corpus_copy, late_chunking=True)
    update_index(late)
    (late.corpus_dir / "harbour.txt").write_text(
        "Harbour reopens after the storm\n\nShips left the harbour at dawn on Monday. "
        "The storm had closed it for four days. Fishermen said the catch was lost.\n"
    )
    report = update_index(late)
    assert (report.added, report.updated) == (1, 0)
    snapshot = backends.open_storage(late)
    try:
        counts = snapshot.chunk_counts()
    finally:
        snapshot.close()
    added = [article for article in counts if article.startswith("harbour#")]
    assert report.embedded == 2 * sum(counts[article] for article in added) > 0


def test_late_chunking_is_off_unless_the_environment_turns_it_on() -> None:
    assert not Settings.from_env({}).late_chunking
    assert Settings.from_env({"QA_LATE_CHUNKING": "1"}).late_chunking
    assert not Settings.from_env({"QA_LATE_CHUNKING": "0"}).late_chunking
