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
