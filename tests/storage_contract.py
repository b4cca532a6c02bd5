"""What every storage backend must do: one test class, run once per backend.

A backend's test module subclasses :class:`StorageContract` and supplies the
``storage`` fixture: the backend built from ``contract_data`` (the bundled
corpus, chunked and embedded by the fake embedder) and opened for reading::

    class TestLocalStorage(StorageContract):
        @pytest.fixture(scope="class")
        @classmethod
        def storage(cls, contract_data, tmp_path_factory): ...  # yield the opened backend

Expected answers are computed here by brute force from the same data.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from fake_embedder import FakeEmbedder

from qa.config import DEFAULT_MODEL, Settings
from qa.index.chunking import chunk_article
from qa.ingest.reader import ingest_corpus
from qa.records import Article
from qa.search.retrieve import Retriever, SearchFilters
from qa.storage.contract import VECTOR_FIELDS, GenerationData, Manifest, Storage, VectorField

BUNDLED_CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def build_contract_data() -> tuple[GenerationData, Manifest]:
    """The bundled corpus as a backend stores it: rows, fake vectors and a manifest."""
    corpus = ingest_corpus(BUNDLED_CORPUS)
    texts = {source.path: source for source in corpus.files}
    # One article loses its date, so date filters have an undated article to leave out.
    articles = [*corpus.articles[:-2], dataclasses.replace(corpus.articles[-2], published=None)]
    articles.append(corpus.articles[-1])
    settings = Settings()
    chunks = [
        chunk
        for article in articles
        for chunk in chunk_article(
            texts[article.path].text,
            article,
            lambda text: len(text.split()),
            window_words=settings.window_words,
            max_tokens=settings.max_tokens,
        )
    ]
    embedder = FakeEmbedder()
    data = GenerationData(
        texts={path: (source.sha256, source.text) for path, source in texts.items()},
        articles=articles,
        chunks=chunks,
        window_vectors=embedder.encode([c.text for c in chunks]),
        sentence_vectors=embedder.encode([c.sentence for c in chunks]),
    )
    manifest = Manifest(
        schema_version=0,  # the backend records its own
        model=DEFAULT_MODEL,
        weights_sha256=embedder.model.weights_sha256,
        dimension=embedder.dimension,
        chunking=settings.chunking_signature(),
        files={path: source.sha256 for path, source in texts.items()},
        skipped={},
        articles={a.article_id: f"fingerprint of {a.article_id}" for a in articles},
        article_count=len(articles),
        chunk_count=len(chunks),
        created="2026-11-21T18:00:00+00:00",
    )
    return data, manifest


class StorageContract:
    """The tests every :class:`qa.storage.contract.Storage` backend passes."""

    @pytest.fixture(scope="class")
    @classmethod
    def contract_data(cls) -> tuple[GenerationData, Manifest]:
        """The data every backend is built from."""
        return build_contract_data()

    @pytest.fixture(scope="class")
    @classmethod
    def data(cls, contract_data: tuple[GenerationData, Manifest]) -> GenerationData:
        return contract_data[0]

    @pytest.fixture(scope="class")
    @classmethod
    def storage(cls, contract_data: tuple[GenerationData, Manifest]) -> Storage:
        """The backend under test, built from ``contract_data``: each backend overrides this."""
        raise NotImplementedError

    # -- helpers: the expected answers, by brute force -------------------------------------

    @staticmethod
    def allowed_ids(data: GenerationData, filters: SearchFilters) -> np.ndarray:
        allowed = {a.article_id for a in data.articles if filters.allows(a)}
        return np.array(
            [i for i, c in enumerate(data.chunks) if c.article_id in allowed], dtype=np.int64
        )

    @staticmethod
    def field_vectors(data: GenerationData, field: VectorField) -> np.ndarray:
        return data.window_vectors if field == "window" else data.sentence_vectors

    @staticmethod
    def sample_filters(data: GenerationData) -> list[SearchFilters]:
        dated = sorted(a.published for a in data.articles if a.published is not None)
        outlet = next(a.outlet for a in data.articles if a.outlet)
        return [
            SearchFilters(outlet=outlet.upper()),
            SearchFilters(article_id=data.articles[-1].article_id),
            SearchFilters(since=dated[len(dated) // 2]),
            SearchFilters(until=dated[0], outlet=outlet),
            SearchFilters(since=date(1900, 1, 1), until=date(1900, 12, 31)),
        ]

    # -- rows -------------------------------------------------------------------------------

    def test_lists_every_article_in_corpus_order(
        self, storage: Storage, data: GenerationData
    ) -> None:
        assert storage.articles() == data.articles
        first = data.articles[0]
        assert storage.article(first.article_id) == first
        with pytest.raises(KeyError):
            storage.article("no-such-article")

    def test_returns_the_chunks_asked_for_and_leaves_out_unknown_ids(
        self, storage: Storage, data: GenerationData
    ) -> None:
        last = len(data.chunks) - 1
        assert storage.chunks([0, last, last + 1000]) == {
            0: data.chunks[0],
            last: data.chunks[last],
        }
        assert storage.chunks([]) == {}
        assert list(storage.all_chunks()) == list(enumerate(data.chunks))

    def test_counts_the_chunks_of_each_article(
        self, storage: Storage, data: GenerationData
    ) -> None:
        assert storage.chunk_counts() == Counter(c.article_id for c in data.chunks)
        assert storage.chunk_count == len(data.chunks)

    def test_keeps_the_text_of_every_indexed_file(
        self, storage: Storage, data: GenerationData
    ) -> None:
        for path, (_, text) in data.texts.items():
            assert storage.file_text(path) == text
        with pytest.raises(KeyError):
            storage.file_text("no-such-file.txt")

    def test_keeps_the_manifest_it_was_built_with(
        self, storage: Storage, contract_data: tuple[GenerationData, Manifest]
    ) -> None:
        _, manifest = contract_data
        kept = storage.manifest
        assert (kept.model, kept.weights_sha256, kept.dimension) == (
            manifest.model,
            manifest.weights_sha256,
            manifest.dimension,
        )
        assert (kept.chunking, kept.files, kept.articles) == (
            manifest.chunking,
            manifest.files,
            manifest.articles,
        )
        assert (kept.article_count, kept.chunk_count) == (
            manifest.article_count,
            manifest.chunk_count,
        )
        assert isinstance(storage.generation, str)
        assert storage.generation

    # -- vectors ----------------------------------------------------------------------------

    @pytest.mark.parametrize("field", VECTOR_FIELDS)
    def test_returns_the_vectors_it_was_given_and_their_cosines_within_its_tolerance(
        self, storage: Storage, data: GenerationData, field: VectorField
    ) -> None:
        stored = self.field_vectors(data, field)
        ids = np.array([3, 0, len(data.chunks) - 1], dtype=np.int64)
        assert np.allclose(storage.vectors(field, ids), stored[ids], atol=1e-6)
        # Fusion weights tuned on one backend hold on another only if cosines agree.
        assert 0 < storage.cosine_tolerance <= 1e-3
        every = np.arange(len(data.chunks), dtype=np.int64)
        for query in (stored[5], stored[-1]):
            cosines = storage.cosines(field, query, every[::-1])
            assert cosines.dtype == np.float32
            error = np.abs(cosines - stored[every[::-1]] @ query)
            assert error.max() <= storage.cosine_tolerance

    @pytest.mark.parametrize("field", VECTOR_FIELDS)
    def test_finds_the_nearest_vectors_nearest_first(
        self, storage: Storage, data: GenerationData, field: VectorField
    ) -> None:
        stored = self.field_vectors(data, field)
        for row in (0, len(data.chunks) // 2):
            query = stored[row]
            found = storage.nearest(field, query, 5)
            assert len(found) == 5
            cosines = stored[found] @ query
            assert np.all(np.diff(cosines) <= 1e-6)
            assert np.allclose(cosines, np.sort(stored @ query)[::-1][:5], atol=1e-5)

    @pytest.mark.parametrize("field", VECTOR_FIELDS)
    def test_finds_the_nearest_vectors_among_the_chunks_the_filters_allow(
        self, storage: Storage, data: GenerationData, field: VectorField
    ) -> None:
        stored = self.field_vectors(data, field)
        query = stored[1]
        for filters in self.sample_filters(data):
            allowed = self.allowed_ids(data, filters)
            found = storage.nearest(field, query, 10, filters)
            assert np.isin(found, allowed).all(), filters.describe()
            best = np.sort(stored[allowed] @ query)[::-1][:10]
            assert np.allclose(stored[found] @ query, best, atol=1e-5), filters.describe()

    def test_first_candidates_are_the_lexical_top_and_each_field_s_nearest(
        self, storage: Storage, data: GenerationData
    ) -> None:
        query = data.window_vectors[4]
        question = "How many women are trafficked out of Kazakhstan every year?"
        for filters in [None, *self.sample_filters(data)]:
            first = storage.first_candidates(question, query, 10, VECTOR_FIELDS, filters)
            ids, scores = storage.lexical_top(question, 10, filters)
            assert first.lexical_ids.tolist() == ids.tolist(), filters
            assert first.lexical_scores.tolist() == scores.tolist(), filters
            assert list(first.nearest) == list(VECTOR_FIELDS)
            for field in VECTOR_FIELDS:
                alone = storage.nearest(field, query, 10, filters)
                assert first.nearest[field].tolist() == alone.tolist(), (field, filters)

    def test_candidate_signals_are_the_lexical_scores_and_each_field_s_cosines(
        self, storage: Storage, data: GenerationData
    ) -> None:
        query = data.window_vectors[4]
        question = "How many women are trafficked out of Kazakhstan every year?"
        for filters in [None, *self.sample_filters(data)]:
            first = storage.first_candidates(question, query, 10, VECTOR_FIELDS, filters)
            ids = np.unique(np.concatenate([first.lexical_ids, *first.nearest.values()]))
            found = storage.candidate_signals(question, query, ids, VECTOR_FIELDS)
            alone = storage.lexical_scores(question, ids)
            assert found.lexical_scores.tolist() == alone.tolist(), filters
            assert list(found.cosines) == list(VECTOR_FIELDS)
            for field in VECTOR_FIELDS:
                cosines = storage.cosines(field, query, ids)
                assert found.cosines[field].tolist() == cosines.tolist(), (field, filters)

    # -- filters ----------------------------------------------------------------------------

    def test_counts_what_the_filters_leave_and_the_undated_articles_left_out(
        self, storage: Storage, data: GenerationData
    ) -> None:
        for filters in self.sample_filters(data):
            undated = sum(
                1
                for a in data.articles
                if filters.by_date and a.published is None and filters.allows_source(a)
            )
            scope = storage.scope(filters)
            assert (scope.chunk_count, scope.excluded_undated) == (
                len(self.allowed_ids(data, filters)),
                undated,
            ), filters.describe()

    # -- lexical ----------------------------------------------------------------------------

    def question(self, data: GenerationData) -> str:
        return data.chunks[len(data.chunks) // 3].sentence

    def test_lexical_top_puts_the_passage_quoted_first_with_falling_scores(
        self, storage: Storage, data: GenerationData
    ) -> None:
        question = self.question(data)
        ids, scores = storage.lexical_top(question, 10)
        assert len(ids) == len(scores) == 10
        assert question in storage.chunks([int(ids[0])])[int(ids[0])].text
        assert np.all(scores > 0)
        assert np.all(np.diff(scores) <= 0)

    def test_lexical_scores_agree_with_the_lexical_top(
        self, storage: Storage, data: GenerationData
    ) -> None:
        question = self.question(data)
        ids, scores = storage.lexical_top(question, 10)
        again = storage.lexical_scores(question, ids)
        assert again.dtype == np.float32
        assert np.allclose(again, scores, rtol=1e-5)
        every = storage.lexical_scores(question, np.arange(len(data.chunks), dtype=np.int64))
        assert np.isclose(every.max(), scores[0], rtol=1e-5)

    def test_lexical_top_is_the_best_of_the_chunks_the_filters_allow(
        self, storage: Storage, data: GenerationData
    ) -> None:
        question = self.question(data)
        for filters in self.sample_filters(data):
            allowed = self.allowed_ids(data, filters)
            ids, scores = storage.lexical_top(question, 5, filters)
            assert np.isin(ids, allowed).all(), filters.describe()
            expected = np.sort(storage.lexical_scores(question, allowed))[::-1][:5]
            assert np.allclose(scores, expected[expected > 0], rtol=1e-5), filters.describe()

    def test_a_question_of_unknown_words_scores_nothing(
        self, storage: Storage, data: GenerationData
    ) -> None:
        ids, scores = storage.lexical_top("zzxqv qwzzyx", 10)
        assert (len(ids), len(scores)) == (0, 0)
        some = np.arange(min(20, len(data.chunks)), dtype=np.int64)
        assert not storage.lexical_scores("zzxqv qwzzyx", some).any()

    def test_counts_the_windows_holding_each_stemmed_term(
        self, storage: Storage, data: GenerationData
    ) -> None:
        (terms,) = storage.lexical_terms(["The trafficked women were trafficking victims"])
        assert terms == ["traffick", "women", "were", "traffick", "victim"]
        expected = [
            sum(1 for chunk in data.chunks if term in storage.lexical_terms([chunk.text])[0])
            for term in ("traffick", "victim")
        ]
        assert storage.document_frequencies(["traffick", "victim", "zzxqv"]) == [*expected, 0]

    # -- through the retriever --------------------------------------------------------------

    def test_the_retriever_finds_a_quoted_sentence_first(
        self, storage: Storage, data: GenerationData
    ) -> None:
        question = self.question(data)
        vector = FakeEmbedder().encode([question])[0]
        result = Retriever(storage).search(vector, question, 3)
        assert question in result.hits[0].chunk.text
        only: Article = data.articles[-1]
        filtered = Retriever(storage).search(
            vector, question, 3, SearchFilters(article_id=only.article_id)
        )
        assert {hit.article.article_id for hit in filtered.hits} == {only.article_id}
