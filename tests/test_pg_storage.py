"""The PostgreSQL backend passes the storage contract against a real server."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from storage_contract import StorageContract

from qa.storage import GenerationData, Manifest, Storage


class TestPostgresStorage(StorageContract):
    @pytest.fixture(scope="class")
    def storage(
        self, contract_data: tuple[GenerationData, Manifest], postgres_url: str
    ) -> Iterator[Storage]:
        from qa.pg_store import PostgresStorage
        from qa.pg_writer import write_index

        data, manifest = contract_data
        write_index(postgres_url, data, dataclasses.replace(manifest, schema_version=1))
        storage = PostgresStorage(postgres_url)
        yield storage
        storage.close()
