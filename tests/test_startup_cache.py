"""What a cold start compiles is kept between runs and gives the same result as compiling it."""

from __future__ import annotations

import dataclasses
import marshal
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import qa.startup_cache
from qa.startup_cache import StartupCache


def define_record() -> type[Any]:
    """A record type as the package writes them (defined anew at each call)."""

    @dataclass(frozen=True, slots=True)
    class Record:
        """A record."""

        title: str
        score: float = 0.5
        tags: list[str] = field(default_factory=list)

    return Record


def generated_code(record: type[Any]) -> list[Any]:
    names = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__")
    return [getattr(record, name).__code__ for name in names]


def test_record_types_defined_from_kept_code_are_those_dataclasses_compiles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.delitem(vars(dataclasses), "exec")  # dataclasses' own compiling
    plain = define_record()
    monkeypatch.setitem(vars(dataclasses), "exec", qa.startup_cache._exec_kept_code)
    first_run = StartupCache(tmp_path / "code", ("test",))
    monkeypatch.setattr(qa.startup_cache, "DATACLASS_CODE", first_run)
    compiled = define_record()
    assert len(first_run.new) == 6
    first_run.save()

    next_run = StartupCache(tmp_path / "code", ("test",))
    monkeypatch.setattr(qa.startup_cache, "DATACLASS_CODE", next_run)
    kept = define_record()
    assert next_run.new == {}  # every method came from the file
    assert generated_code(kept) == generated_code(plain) == generated_code(compiled)
    record = kept("Floods", tags=["weather"])
    assert (
        repr(record) == "define_record.<locals>.Record(title='Floods', score=0.5, tags=['weather'])"
    )
    assert record == kept("Floods", 0.5, ["weather"]) != kept("Floods", 0.6, ["weather"])
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.title = "Drought"


def test_importing_the_package_makes_dataclasses_use_kept_code() -> None:
    assert vars(dataclasses)["exec"] is qa.startup_cache._exec_kept_code


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
