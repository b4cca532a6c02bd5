"""The embedded PostgreSQL server the backend's tests run against."""

from __future__ import annotations

import os

import pytest

from qa.storage.pg_server import SERVICE_USER, main


def test_embedded_server_answers_with_pgvector_and_not_as_root(postgres_url: str) -> None:
    import psycopg

    with psycopg.connect(postgres_url) as db:
        version = db.execute("SELECT extversion FROM pg_extension WHERE extname = 'vector'")
        assert version.fetchone() == ("0.8.6",)
        server_version = db.execute("SHOW server_version").fetchone()
        assert server_version is not None and server_version[0].startswith("18.")
        pid = db.execute("SELECT pg_backend_pid()").fetchone()
        assert pid is not None
        # While connected: the backend process ends with the connection.
        owner = os.stat(f"/proc/{pid[0]}").st_uid
    assert owner != 0
    if os.geteuid() == 0:
        import pwd

        assert pwd.getpwuid(owner).pw_name == SERVICE_USER


def test_server_command_explains_its_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["restart"]) == 2
    assert capsys.readouterr().err == "usage: python -m qa.storage.pg_server start|stop FOLDER\n"
