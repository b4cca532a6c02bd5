"""Atomic writes: a reader sees the old file or the new one, never a half-written one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from qa.files import (
    copy_atomically,
    file_stamp,
    stamp_holds,
    write_text_atomically,
    writing_atomically,
)


def test_write_text_atomically_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.json"
    write_text_atomically(target, "old\n")
    write_text_atomically(target, "new\n", durable=True)
    assert target.read_text(encoding="utf-8") == "new\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.json"]


def test_a_failed_write_keeps_the_old_file_and_removes_the_temporary(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), writing_atomically(target) as staging:
        staging.write_text("half", encoding="utf-8")
        assert staging.name.startswith(".report.json.")
        raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


@pytest.mark.parametrize("link", [False, True])
def test_copy_atomically_copies_the_content(tmp_path: Path, link: bool) -> None:
    source = tmp_path / "a.txt"
    source.write_text("article\n", encoding="utf-8")
    target = tmp_path / "corpus" / "a.txt"
    copy_atomically(source, target, link=link)
    assert target.read_text(encoding="utf-8") == "article\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.txt"]


def test_a_copy_made_where_no_link_can_be_keeps_the_time_so_a_stamp_holds_without_hashing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "bert.f32"
    source.write_bytes(b"weights" * 1000)
    os.utime(source, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    stamp = file_stamp(source)

    def no_link(source: Path, target: Path) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", no_link)  # as between two filesystems
    copy_atomically(source, tmp_path / "cache" / "bert.f32", link=True)
    copy = tmp_path / "cache" / "bert.f32"
    assert copy.stat().st_ino != source.stat().st_ino
    assert copy.stat().st_mtime_ns == source.stat().st_mtime_ns

    def no_hashing(path: Path) -> str:
        raise AssertionError(f"{path} hashed")

    monkeypatch.setattr("qa.files.file_sha256", no_hashing)
    assert stamp_holds(copy, stamp)


def test_a_stamp_holds_while_the_bytes_stay_even_when_the_time_moves(tmp_path: Path) -> None:
    path = tmp_path / "weights.bin"
    path.write_bytes(b"abcdef")
    stamp = file_stamp(path)
    assert stamp_holds(path, stamp)
    os.utime(path, ns=(1, 1))  # copied without keeping times: the hash decides
    assert stamp_holds(path, stamp)


def test_a_stamp_fails_when_a_byte_changes_at_the_same_size_and_time_moved(
    tmp_path: Path,
) -> None:
    path = tmp_path / "weights.bin"
    path.write_bytes(b"abcdef")
    stamp = file_stamp(path)
    path.write_bytes(b"abcdeg")
    os.utime(path, ns=(1, 1))
    assert not stamp_holds(path, stamp)
    path.write_bytes(b"abcdefg")
    assert not stamp_holds(path, stamp)


def test_a_stamp_of_a_missing_file_raises_for_the_caller_to_decide(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        stamp_holds(tmp_path / "gone.bin", [6, 0, "0" * 64])
