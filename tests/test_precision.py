"""Passage precision: int8 by default, fp32 on request; questions always at full precision."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.config import Settings
from qa.errors import ConfigError
from qa.index.indexing import update_index
from qa.index.onnx_embed import OnnxEmbedder
from qa.search.assistant import Assistant
from qa.storage.store import open_snapshot

pytestmark = pytest.mark.slow  # indexes built with the real model at both precisions

ARTICLE = (
    "Floods in Osh\n\n"
    "Spring floods damaged 40 houses in the Osh region on Tuesday. "
    "Rescuers moved 120 families to schools. The river rose two metres overnight.\n"
)


def small_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "floods.txt").write_text(ARTICLE)
    return corpus


def test_passages_are_embedded_in_int8_by_default_and_questions_in_fp32(tmp_path: Path) -> None:
    settings = Settings(corpus_dir=small_corpus(tmp_path), index_dir=tmp_path / "index")
    update_index(settings)
    assert open_snapshot(settings.index_dir).manifest.precision == "int8"
    assistant = Assistant.open(settings)
    answer = assistant.ask("How many families were moved?")
    assert "120 families" in answer.text
    embedder = assistant._query_embedder()
    assert isinstance(embedder, OnnxEmbedder)
    assert not embedder.quantized


def test_changing_the_precision_reembeds_every_text(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path)
    update_index(Settings(corpus_dir=corpus, index_dir=tmp_path / "index"))
    report = update_index(
        Settings(corpus_dir=corpus, index_dir=tmp_path / "index", precision="fp32")
    )
    assert report.wrote
    assert report.embedded > 0
    assert open_snapshot(tmp_path / "index").manifest.precision == "fp32"


def test_an_unknown_precision_is_refused_with_the_choices() -> None:
    with pytest.raises(ConfigError) as refused:
        Settings.from_env({"QA_PRECISION": "fp16"})
    assert str(refused.value) == "precision must be one of int8, fp32, not 'fp16'"


def test_a_new_window_size_reuses_the_vectors_of_unchanged_texts(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path)
    first = update_index(Settings(corpus_dir=corpus, index_dir=tmp_path / "index"))
    second = update_index(
        Settings(corpus_dir=corpus, index_dir=tmp_path / "index", window_words=12)
    )
    assert second.wrote
    assert 0 < second.embedded < first.embedded  # the sentences were embedded before
