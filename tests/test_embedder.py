"""What every embedder does: one test class, run against the real model (through
sentence-transformers and through the index's ONNX export) and the fake embedder."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from fake_embedder import FakeEmbedder

from qa.config import DEFAULT_MODEL, Settings
from qa.errors import ModelError
from qa.index.embed import Embedder, question_embedder, resolve_model, sentence_transformer
from qa.index.indexing import update_index
from qa.index.onnx_embed import OnnxEmbedder
from qa.search.assistant import Assistant
from qa.storage.store import open_snapshot

BUNDLED_CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SHELTER = "The shelter in Dushanbe has 48 beds for women rescued from traffickers."
PARAPHRASE = "A Dushanbe shelter for trafficked women has 48 beds."
UNRELATED = "Stock markets fell sharply on Monday after the central bank raised rates."


class EmbedderContract:
    """The tests every :class:`qa.index.embed.Embedder` passes; subclasses supply ``embedder``."""

    @pytest.fixture
    def embedder(self) -> Embedder:
        raise NotImplementedError

    def test_gives_unit_float32_vectors_of_its_dimension(self, embedder: Embedder) -> None:
        vectors = embedder.encode([SHELTER, "Beds.", ""])
        assert vectors.shape == (3, embedder.dimension)
        assert vectors.dtype == np.float32
        assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)

    def test_gives_an_empty_array_for_no_texts(self, embedder: Embedder) -> None:
        assert embedder.encode([]).shape == (0, embedder.dimension)

    def test_embeds_a_text_alike_alone_or_in_a_batch(self, embedder: Embedder) -> None:
        alone = embedder.encode([SHELTER])[0]
        batched = embedder.encode([UNRELATED, SHELTER, "Beds."])[1]
        assert np.allclose(alone, batched, atol=1e-5)

    def test_reports_progress_for_every_text(self, embedder: Embedder) -> None:
        done: list[int] = []
        embedder.encode([SHELTER, PARAPHRASE, UNRELATED] * 5, done.append)
        assert sum(done) == 15

    def test_puts_a_paraphrase_nearer_than_an_unrelated_text(self, embedder: Embedder) -> None:
        shelter, paraphrase, unrelated = embedder.encode([SHELTER, PARAPHRASE, UNRELATED])
        assert shelter @ paraphrase > shelter @ unrelated + 0.2

    def test_names_the_model_it_stands_for(self, embedder: Embedder) -> None:
        assert embedder.model.name == DEFAULT_MODEL


@pytest.mark.slow
class TestSentenceTransformerEmbedder(EmbedderContract):
    @pytest.fixture
    def embedder(self) -> Embedder:
        return sentence_transformer(resolve_model(DEFAULT_MODEL))


class TestOnnxEmbedder(EmbedderContract):
    @pytest.fixture
    def embedder(self, corpus_settings: Settings) -> Embedder:
        snapshot = open_snapshot(corpus_settings.index_dir)
        embedder = question_embedder(corpus_settings.index_dir, snapshot.manifest, DEFAULT_MODEL)
        snapshot.close()
        assert isinstance(embedder, OnnxEmbedder)
        return embedder


class TestFakeEmbedder(EmbedderContract):
    @pytest.fixture
    def embedder(self) -> Embedder:
        return FakeEmbedder()


def test_an_index_built_and_asked_with_an_injected_embedder_uses_only_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_model(*args: object, **kwargs: object) -> None:
        raise AssertionError("the real model was loaded")

    monkeypatch.setattr("qa.index.indexing.passage_embedders", no_model)
    monkeypatch.setattr("qa.search.assistant.question_embedder", no_model)
    settings = Settings(corpus_dir=BUNDLED_CORPUS, index_dir=tmp_path / "index")
    report = update_index(settings, embedder_factory=FakeEmbedder)
    assistant = Assistant.open(settings, embedder=FakeEmbedder())
    sentence = "Some reports indicate that up to 7000 women are annually smuggled out of Kazakhstan"
    answer = assistant.ask(sentence)
    assistant.close()
    assert report.embedded > 0
    assert answer.citations[0].path == "001_4f9f93c25c76962a.txt"


def test_a_question_model_loaded_ahead_answers_as_one_loaded_when_asked(
    corpus_settings: Settings, assistant: Assistant
) -> None:
    question = "How many women are smuggled out of Kazakhstan each year?"
    ahead = Assistant.open(corpus_settings)
    ahead.load_model_ahead()
    answer = ahead.ask(question)
    ahead.close()
    expected = assistant.ask(question)
    assert dataclasses.replace(answer, timings_ms={}) == dataclasses.replace(
        expected, timings_ms={}
    )


def test_a_question_model_that_fails_to_load_ahead_fails_the_question_that_needs_it(
    fake_corpus_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ModelError("the model export in models/x is damaged")

    monkeypatch.setattr("qa.search.assistant.question_embedder", broken)
    assistant = Assistant.open(fake_corpus_settings)
    assistant.load_model_ahead()
    with pytest.raises(ModelError) as raised:
        assistant.ask("Who wrote about trafficking?")
    assistant.close()
    assert str(raised.value) == "the model export in models/x is damaged"
