"""The PostgreSQL backend passes the storage contract against a real server."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import numpy as np
import pytest
from storage_contract import StorageContract

from qa.storage.contract import GenerationData, Manifest, Storage


class TestPostgresStorage(StorageContract):
    @pytest.fixture(scope="class")
    @classmethod
    def storage(
        cls, contract_data: tuple[GenerationData, Manifest], postgres_url: str
    ) -> Iterator[Storage]:
        from qa.storage.pg_store import PostgresStorage
        from qa.storage.pg_writer import write_index

        data, manifest = contract_data
        write_index(postgres_url, data, dataclasses.replace(manifest, schema_version=2))
        storage = PostgresStorage(postgres_url)
        yield storage
        storage.close()

    def test_hnsw_search_under_filters_keeps_to_the_allowed_chunks_and_finds_the_nearest(
        self, storage: Storage, data: GenerationData, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from qa.storage import pg_store

        monkeypatch.setattr(pg_store, "EXACT_LIMIT", 0)  # the contract data is small
        query = data.window_vectors[7]
        for filters in self.sample_filters(data):
            allowed = self.allowed_ids(data, filters)
            found = storage.nearest("window", query, 10, filters)
            exact = allowed[np.argsort(-(data.window_vectors[allowed] @ query))[:10]]
            assert np.isin(found, allowed).all(), filters.describe()
            assert len(set(found) & set(exact)) >= 0.9 * len(exact), filters.describe()

    def test_lexical_top_by_posting_thresholds_equals_scoring_every_allowed_chunk(
        self, storage: Storage, data: GenerationData, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from qa.search.retrieve import SearchFilters
        from qa.storage import pg_store

        # The contract data is small: make every term "common" and the first round short,
        # so the answer must come through the weight thresholds of the second round.
        monkeypatch.setattr(pg_store, "RARE_TERM", 0)
        monkeypatch.setattr(pg_store, "FIRST_ROUND", 1)
        thresholds = []
        ranges_below = pg_store.PostgresStorage._ranges_below

        def spy(
            self: pg_store.PostgresStorage, terms: list[pg_store.TermWeight], floor: float
        ) -> object:
            thresholds.append(floor)
            return ranges_below(self, terms, floor)

        monkeypatch.setattr(pg_store.PostgresStorage, "_ranges_below", spy)
        every = np.arange(len(data.chunks), dtype=np.int64)
        filters = [SearchFilters(), *self.sample_filters(data)[2:4]]
        questions = (
            "How many women are trafficked out of Kazakhstan every year?",
            "trafficking women Kazakhstan police Almaty victims",
            "Who recruits migrants for ISIS in Russia?",
        )
        for question in questions:
            for chosen in filters:
                allowed = every if not chosen.active else self.allowed_ids(data, chosen)
                scores = storage.lexical_scores(question, allowed)
                order = sorted(
                    (-s, i) for i, s in zip(allowed.tolist(), scores, strict=True) if s > 0
                )
                for n in (1, 3, 10):
                    ids, top = storage.lexical_top(question, n, chosen)
                    assert ids.tolist() == [i for _, i in order[:n]], (question, chosen, n)
                    assert np.allclose(top, [-s for s, _ in order[:n]], rtol=1e-6)
        assert thresholds  # the second round ran


def test_a_large_build_searches_through_ivfflat_under_filters(
    postgres_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storage_contract import build_contract_data

    from qa.storage import pg_store, pg_writer
    from qa.storage.pg_store import PostgresStorage

    monkeypatch.setattr(pg_writer, "HNSW_MAX_ROWS", 0)  # "large" from the first row
    monkeypatch.setattr(pg_store, "EXACT_LIMIT", 0)
    data, manifest = build_contract_data()
    pg_writer.write_index(postgres_database, data, dataclasses.replace(manifest, schema_version=2))
    storage = PostgresStorage(postgres_database)
    methods = storage._db.execute(
        "SELECT a.amname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
        " JOIN pg_am a ON a.oid = c.relam WHERE c.relname LIKE '%%vectors_nearest'"
    ).fetchall()
    assert sorted(m for (m,) in methods) == ["ivfflat", "ivfflat"]
    query = data.window_vectors[7]
    for filters in TestPostgresStorage.sample_filters(data):
        allowed = TestPostgresStorage.allowed_ids(data, filters)
        found = storage.nearest("window", query, 10, filters)
        exact = allowed[np.argsort(-(data.window_vectors[allowed] @ query))[:10]]
        assert np.isin(found, allowed).all(), filters.describe()
        assert len(set(found) & set(exact)) >= 0.9 * len(exact), filters.describe()
    storage.close()
