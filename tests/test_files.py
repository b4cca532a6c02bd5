"""Atomic writes: a reader sees the old file or the new one, never a half-written one."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.files import copy_atomically, write_text_atomically, writing_atomically


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
