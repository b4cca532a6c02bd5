"""What a cold start compiles is kept between runs, and a damaged or foreign file is ignored."""

from __future__ import annotations

import marshal
import sys
from pathlib import Path

import pytest

from qa.startup_cache import StartupCache


def test_a_damaged_or_foreign_startup_cache_counts_as_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    path = tmp_path / "kept"
    for content in (b"not marshal data", marshal.dumps((("another",), {"a": 1})), b""):
        path.write_bytes(content)
        assert StartupCache(path, ("this",)).get("a") is None
    cache = StartupCache(path, ("this",))
    cache.add("a", lambda: 1)
    cache.add("b", lambda: 1 / 0)  # a value that cannot be computed is not kept
    cache.save()
    assert StartupCache(path, ("this",)).get("a") == 1
    assert StartupCache(path, ("this",)).get("b") is None
    assert StartupCache(path, ("another",)).get("a") is None


def test_nothing_is_kept_where_python_writes_no_bytecode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    cache = StartupCache(tmp_path / "kept", ("this",))
    cache.add("a", lambda: 1)
    cache.save()
    assert not (tmp_path / "kept").exists()
