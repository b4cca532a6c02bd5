"""Warming a server with what questions read (``qa.storage.pg_prewarm``)."""

from __future__ import annotations

import dataclasses

import pytest

from qa.storage.pg_prewarm import POSTINGS_RELATIONS, SEARCH_RELATIONS, main, prewarm


def test_prewarm_reads_the_search_relations_into_buffers_and_the_postings_into_the_cache(
    postgres_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from storage_contract import build_contract_data

    from qa.storage.pg_connect import connect
    from qa.storage.pg_writer import write_index

    data, manifest = build_contract_data()
    write_index(postgres_database, data, dataclasses.replace(manifest, schema_version=2))
    warmed = prewarm(postgres_database)
    assert [(w.relation, w.mode) for w in warmed] == [
        *((name, "buffer") for name in SEARCH_RELATIONS),
        *((name, "read") for name in POSTINGS_RELATIONS),
    ]
    assert all(w.pages > 0 and w.bytes == 8192 * w.pages for w in warmed)
    with connect(postgres_database, autocommit=True) as db:
        # Never the float32 tables: no question reads them.
        names = {w.relation for w in warmed}
        assert not {"qa.window_vectors", "qa.sentence_vectors", "qa.files"} & names
        db.execute("DROP INDEX qa.postings_by_date")  # a layout without it
    assert "qa.postings_by_date" not in {w.relation for w in prewarm(postgres_database)}
    assert main([postgres_database]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "qa.window_search: 0 MiB (buffer)"
    assert lines[-1].endswith(" s") and lines[-1].startswith("0.0 GiB in ")


def test_prewarm_command_explains_its_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert capsys.readouterr().err == "usage: python -m qa.storage.pg_prewarm URL\n"
