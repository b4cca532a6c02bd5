"""The PostgreSQL backend passes the storage contract against a real server."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator

import numpy as np
import pytest
from storage_contract import StorageContract

from qa.search.retrieve import SearchFilters
from qa.storage.contract import GenerationData, Manifest, Storage
from qa.storage.pg_store import dense_plan

#: ``dense_plan`` taking the vector index even where a scan would be cheaper.
_index_plan = functools.partial(dense_plan, may_scan=False)


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

        # The contract data is small enough to be scanned exactly: take the index.
        monkeypatch.setattr(pg_store, "dense_plan", _index_plan)
        query = data.window_vectors[7]
        for filters in self.sample_filters(data):
            allowed = self.allowed_ids(data, filters)
            found = storage.nearest("window", query, 10, filters)
            exact = allowed[np.argsort(-(data.window_vectors[allowed] @ query))[:10]]
            assert np.isin(found, allowed).all(), filters.describe()
            assert len(set(found) & set(exact)) >= 0.9 * len(exact), filters.describe()

    def test_cosines_come_from_the_half_precision_search_rows_within_their_rounding(
        self, storage: Storage, data: GenerationData
    ) -> None:
        from qa.storage.pg_store import HALF_COSINE_TOLERANCE

        assert storage.cosine_tolerance == HALF_COSINE_TOLERANCE == 2**-11 + 1e-5
        every = np.arange(len(data.chunks), dtype=np.int64)
        query = data.sentence_vectors[3]
        cosines = storage.cosines("window", query, every)
        halved = data.window_vectors.astype(np.float16).astype(np.float32)
        assert np.allclose(cosines, halved @ query, rtol=0, atol=1e-6)
        error = np.abs(cosines - data.window_vectors @ query)
        assert 1e-5 < error.max() <= HALF_COSINE_TOLERANCE  # rounded, within the bound

    def test_a_wide_exact_scan_rescores_the_rows_closest_by_their_sign_bits(
        self, storage: Storage, data: GenerationData, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from qa.storage import pg_store

        monkeypatch.setattr(pg_store, "BINARY_MIN_ROWS", 0)  # every scan counts as wide
        monkeypatch.setattr(pg_store, "BINARY_CANDIDATES", 3)
        query = data.sentence_vectors[4]
        halves = data.window_vectors.astype(np.float16).astype(np.float64)
        bits = halves > 0
        for filters in [SearchFilters(), *self.sample_filters(data)]:
            allowed = self.allowed_ids(data, filters)
            rows = allowed
            if filters.article_id is None and len(allowed) > 15:  # 3 rows per neighbour
                hamming = (bits[allowed] != (query > 0)).sum(axis=1)
                rows = allowed[np.lexsort((allowed, hamming))[:15]]
            expected = rows[np.lexsort((rows, -(halves[rows] @ query)))][:5]
            found = storage.nearest("window", query, 5, filters)
            assert found.tolist() == expected.tolist(), filters.describe()

    def test_lexical_top_by_posting_thresholds_equals_scoring_every_allowed_chunk(
        self, storage: Storage, data: GenerationData, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from qa.storage import pg_store

        # The contract data is small: make every term "common" and the first round short,
        # so the answer must come through the weight thresholds of the second round.
        monkeypatch.setattr(pg_store, "RARE_TERM", 0)
        monkeypatch.setattr(pg_store, "FIRST_ROUND", 1)
        monkeypatch.setattr(pg_store, "FILTERED_POSTINGS", 0)  # filters too go by rounds
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

    def test_a_question_of_common_terms_takes_its_top_from_each_term_s_best_postings(
        self, storage: Storage, data: GenerationData, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from qa.storage import pg_store

        monkeypatch.setattr(pg_store, "COMMON_TERM", 0)  # every term is "common"
        every = np.arange(len(data.chunks), dtype=np.int64)
        question = "trafficking women Kazakhstan police Almaty victims"
        scores = storage.lexical_scores(question, every)
        order = sorted((-s, i) for i, s in zip(every.tolist(), scores, strict=True) if s > 0)
        # Deep enough to hold every posting: the exact top.
        ids, top = storage.lexical_top(question, 10, SearchFilters())
        assert ids.tolist() == [i for _, i in order[:10]]
        # One posting per term: fewer chunks, each with its exact score, best first.
        monkeypatch.setattr(pg_store, "TERM_DEPTH", 1)
        ids, top = storage.lexical_top(question, 10, SearchFilters())
        exact = {i: -s for s, i in order}
        assert 0 < len(ids) <= len(pg_store.query_terms(question))
        assert np.allclose(top, [exact[i] for i in ids.tolist()], rtol=1e-6)
        assert list(top) == sorted(top, reverse=True)

    def test_the_candidates_of_a_narrow_filter_are_scored_from_its_lexical_top(
        self, storage: Storage, data: GenerationData, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from qa.storage import pg_store

        question = "How many women are trafficked out of Kazakhstan every year?"
        filters = self.sample_filters(data)[2]
        expected = storage.lexical_scores(question, self.allowed_ids(data, filters))
        storage.lexical_top(question, 3, filters)
        found = storage.nearest("window", data.window_vectors[7], 10, filters)
        probed: list[list[int]] = []
        exact_scores = pg_store.PostgresStorage._exact_scores

        def spy(self: pg_store.PostgresStorage, terms: object, chunk_ids: list[int]) -> object:
            probed.append(list(chunk_ids))
            return exact_scores(self, terms, chunk_ids)  # type: ignore[arg-type]

        monkeypatch.setattr(pg_store.PostgresStorage, "_exact_scores", spy)
        allowed = self.allowed_ids(data, filters).tolist()
        scores = storage.lexical_scores(question, found)
        assert probed == []  # every chunk the filter keeps was scored by the lexical top
        assert np.allclose(scores, [expected[allowed.index(i)] for i in found.tolist()])
        outside = next(i for i in range(len(data.chunks)) if i not in allowed)
        storage.lexical_scores(question, np.array([outside]))
        assert probed == [[outside]]  # a chunk not known to pass the filter is scored


def test_a_large_build_searches_through_ivfflat_under_filters(
    postgres_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storage_contract import build_contract_data

    from qa.storage import pg_store, pg_writer
    from qa.storage.pg_store import PostgresStorage

    monkeypatch.setattr(pg_writer, "HNSW_MAX_ROWS", 0)  # "large" from the first row
    monkeypatch.setattr(pg_store, "dense_plan", _index_plan)
    data, manifest = build_contract_data()
    pg_writer.write_index(postgres_database, data, dataclasses.replace(manifest, schema_version=2))
    storage = PostgresStorage(postgres_database)
    methods = storage._db.execute(
        "SELECT a.amname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
        " JOIN pg_am a ON a.oid = c.relam WHERE c.relname LIKE '%%_nearest'"
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


def test_the_binary_tables_hold_the_sign_bits_of_exactly_the_chunks_stored(
    postgres_database: str,
) -> None:
    from storage_contract import build_contract_data

    from qa.storage.pg_connect import connect
    from qa.storage.pg_writer import write_index

    data, manifest = build_contract_data()
    manifest = dataclasses.replace(manifest, schema_version=2)
    write_index(postgres_database, data, manifest)
    gone = data.articles[0].article_id
    rows = [i for i, c in enumerate(data.chunks) if c.article_id != gone]
    changed = dataclasses.replace(
        data,
        articles=data.articles[1:],
        chunks=[data.chunks[i] for i in rows],
        window_vectors=data.window_vectors[rows][::-1].copy(),  # changed vectors
        sentence_vectors=data.sentence_vectors[rows],
    )
    manifest = dataclasses.replace(
        manifest, articles={**manifest.articles, data.articles[1].article_id: "changed"}
    )
    write_index(postgres_database, changed, manifest)
    with connect(postgres_database, autocommit=True) as db:
        for field in ("window", "sentence"):
            same = db.execute(
                "SELECT count(*), count(*) FILTER (WHERE b.bits = binary_quantize(s.vector)"
                " AND b.outlet_key = s.outlet_key AND b.published IS NOT DISTINCT FROM"
                f" s.published) FROM qa.{field}_binary b FULL JOIN qa.{field}_search s"
                " USING (chunk_id)"
            ).fetchone()
            assert same == (len(rows), len(rows)), field


def test_first_candidates_and_signals_use_more_connections_that_read_the_view_s_snapshot(
    postgres_database: str,
) -> None:
    from storage_contract import build_contract_data

    from qa.storage.pg_connect import connect
    from qa.storage.pg_store import PostgresStorage
    from qa.storage.pg_writer import write_index

    data, manifest = build_contract_data()
    manifest = dataclasses.replace(manifest, schema_version=2)
    write_index(postgres_database, data, manifest)
    view = PostgresStorage(postgres_database)
    query = data.sentence_vectors[9]
    question = "How many women are trafficked out of Kazakhstan every year?"
    before = view.first_candidates(question, query, 10, ("window", "sentence")).nearest
    signals = view.candidate_signals(question, query, before["sentence"], ("window", "sentence"))
    # An update that removes the article of the nearest sentence commits meanwhile.
    gone = data.chunks[int(before["sentence"][0])].article_id
    kept = [a for a in data.articles if a.article_id != gone]
    rows = [i for i, c in enumerate(data.chunks) if c.article_id != gone]
    smaller = dataclasses.replace(
        data,
        articles=kept,
        chunks=[data.chunks[i] for i in rows],
        window_vectors=data.window_vectors[rows],
        sentence_vectors=data.sentence_vectors[rows],
    )
    write_index(postgres_database, smaller, manifest)
    again = view.first_candidates(question, query, 10, ("window", "sentence")).nearest
    assert {f: ids.tolist() for f, ids in again.items()} == {
        f: ids.tolist() for f, ids in before.items()
    }
    # The removed article's chunks still have their cosines in the view.
    cosines = view.candidate_signals(question, query, before["sentence"], ("window", "sentence"))
    assert {f: c.tolist() for f, c in cosines.cosines.items()} == {
        f: c.tolist() for f, c in signals.cosines.items()
    }
    with connect(postgres_database, autocommit=True) as db:
        count = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        assert db.execute(count).fetchone() == (4,)  # the view's three and this one
    view.close()
    assert len(view._others) == 2 and all(other.closed for other in view._others)
    fresh = PostgresStorage(postgres_database)
    after = fresh.first_candidates(question, query, 10, ("window", "sentence")).nearest
    assert after["sentence"][0] != before["sentence"][0]
    fresh.close()


def test_the_filtered_knn_settings_hold_for_the_view_s_transaction(
    postgres_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storage_contract import build_contract_data

    from qa.storage import pg_store, pg_writer
    from qa.storage.pg_store import PostgresStorage

    monkeypatch.setattr(pg_writer, "HNSW_MAX_ROWS", 0)
    monkeypatch.setattr(pg_store, "dense_plan", _index_plan)
    data, manifest = build_contract_data()
    pg_writer.write_index(postgres_database, data, dataclasses.replace(manifest, schema_version=2))
    storage = PostgresStorage(postgres_database)
    filters = TestPostgresStorage.sample_filters(data)[2]
    plan = pg_store.dense_plan(
        len(TestPostgresStorage.allowed_ids(data, filters)),
        len(data.chunks),
        10,
        storage._vector_index("window"),
        may_scan=False,
    )
    storage.nearest("window", data.window_vectors[7], 10, filters)
    shown = {
        name: int(storage._db.execute(f"SHOW {name}").fetchone()[0])  # type: ignore[index]
        for name, _ in plan.settings
    }
    assert shown == dict(plan.settings)
    assert storage._db.execute("SHOW enable_sort").fetchone() == ("on",)  # on again after
    assert storage._db.execute("SHOW ivfflat.iterative_scan").fetchone() == ("relaxed_order",)
    other = PostgresStorage(postgres_database)  # set per transaction, not for the server
    assert plan.settings[0] == ("ivfflat.probes", 1) != ("ivfflat.probes", pg_store.IVF_PROBES)
    assert other._db.execute("SHOW ivfflat.probes").fetchone() == (str(pg_store.IVF_PROBES),)
    other.close()
    storage.close()


def test_an_index_of_an_older_layout_is_read_and_upgraded_in_place_by_the_next_update(
    postgres_database: str,
) -> None:
    from storage_contract import build_contract_data

    from qa.storage import pg_writer
    from qa.storage.pg_connect import connect
    from qa.storage.pg_store import PG_SCHEMA_VERSION, PostgresStorage

    data, manifest = build_contract_data()
    manifest = dataclasses.replace(manifest, schema_version=2)
    pg_writer.write_index(postgres_database, data, manifest)
    with connect(postgres_database, autocommit=True) as db:  # as schema 3 left it
        db.execute("DROP INDEX qa.postings_by_date, qa.postings_by_outlet")
        for field in ("window", "sentence"):
            db.execute(f"DROP TABLE qa.{field}_search, qa.{field}_binary")
            db.execute(
                f"CREATE INDEX {field}_vectors_nearest ON qa.{field}_vectors"
                " USING hnsw (vector vector_cosine_ops)"
            )
        db.execute("UPDATE qa.meta SET schema_version = 3")
    question = "How many women are trafficked out of Kazakhstan every year?"
    old = PostgresStorage(postgres_database)
    filters = TestPostgresStorage.sample_filters(data)[2]
    before = old.lexical_top(question, 5, filters)
    query = data.window_vectors[7]
    nearest_before = old.nearest("window", query, 10, filters)
    old.close()
    assert pg_writer.write_index(postgres_database, data, manifest) == "pg-2"
    with connect(postgres_database, autocommit=True) as db:
        indexes = db.execute(
            "SELECT tablename, indexname FROM pg_indexes WHERE schemaname = 'qa'"
            " AND tablename IN ('postings', 'window_vectors', 'window_search', 'window_binary')"
            " ORDER BY 1, 2"
        ).fetchall()
        version = db.execute("SELECT schema_version FROM qa.meta").fetchone()
        searched = db.execute("SELECT count(*) FROM qa.sentence_search").fetchone()
        binary = db.execute("SELECT count(*) FROM qa.sentence_binary").fetchone()
    assert indexes == [
        ("postings", "postings_by_chunk"),
        ("postings", "postings_by_date"),
        ("postings", "postings_by_impact"),
        ("postings", "postings_by_outlet"),
        ("postings", "postings_pkey"),
        ("window_binary", "window_binary_by_outlet"),
        ("window_binary", "window_binary_by_published"),
        ("window_binary", "window_binary_pkey"),
        ("window_search", "window_search_by_article"),
        ("window_search", "window_search_by_outlet"),
        ("window_search", "window_search_by_published"),
        ("window_search", "window_search_nearest"),
        ("window_search", "window_search_pkey"),
        ("window_vectors", "window_vectors_pkey"),
    ]
    assert version == (PG_SCHEMA_VERSION,)
    assert searched == binary == (len(data.chunks),)
    upgraded = PostgresStorage(postgres_database)
    after = upgraded.lexical_top(question, 5, filters)
    assert upgraded.chunks([0])[0] == data.chunks[0]  # rows kept, not written again
    assert upgraded.nearest("window", query, 10, filters).tolist() == nearest_before.tolist()
    upgraded.close()
    assert before[0].tolist() == after[0].tolist()
    assert np.allclose(before[1], after[1])


def test_an_index_of_an_unknown_layout_names_the_problem_and_the_fix(
    postgres_database: str,
) -> None:
    from storage_contract import build_contract_data

    from qa.errors import IndexIncompatibleError
    from qa.storage import pg_writer
    from qa.storage.pg_connect import connect, describe_url
    from qa.storage.pg_store import PostgresStorage

    data, manifest = build_contract_data()
    pg_writer.write_index(postgres_database, data, dataclasses.replace(manifest, schema_version=2))
    with connect(postgres_database, autocommit=True) as db:
        db.execute("UPDATE qa.meta SET schema_version = 2")
    with pytest.raises(IndexIncompatibleError) as raised:
        PostgresStorage(postgres_database)
    assert str(raised.value) == (
        f"the index in {describe_url(postgres_database)} was built by another version of qa"
        " (schema 2, this qa reads 3, 4, 5 and 6); run `qa index --rebuild` to build it again"
    )
