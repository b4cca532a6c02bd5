"""`qa status` and the stale-index notice: the index compared with the corpus it was built from."""

from __future__ import annotations

import io
import json
import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from fake_embedder import FakeEmbedder
from rich.console import Console

from qa.config import Settings
from qa.index.status import index_status
from qa.search.assistant import Assistant
from qa.ui.cli import main
from qa.ui.render import render_status

EDITED = "001_4f9f93c25c76962a.txt"
DELETED = "000_67d66000f4a56ec5.txt"
QUESTION = "How many women are smuggled out of Kazakhstan each year?"


def where(settings: Settings) -> list[str]:
    return ["--corpus", str(settings.corpus_dir), "--index", str(settings.index_dir)]


def change_the_corpus(settings: Settings) -> None:
    """Add one article, edit one file, delete another."""
    corpus = settings.corpus_dir
    (corpus / "new.md").write_text(
        "# Migrant workers in Russia\n\nThousands of migrant workers from Tajikistan "
        "arrived in Moscow in the spring of 2018 to work on building sites.\n",
        encoding="utf-8",
    )
    edited = corpus / EDITED
    edited.write_text(edited.read_text(encoding="utf-8").replace("7000", "9000"), "utf-8")
    (corpus / DELETED).unlink()


def shown(status_text: object) -> str:
    out = io.StringIO()
    Console(file=out, width=200, highlight=False).print(status_text)
    return out.getvalue()


def test_status_of_a_current_index_says_there_is_nothing_to_do(fake_corpus_copy: Settings) -> None:
    status = index_status(fake_corpus_copy)
    assert built_at(status.built) is not None
    text = shown(render_status(status, built_at(status.built) + timedelta(hours=2, minutes=5)))
    assert text.splitlines()[1:] == [
        f"Corpus: {fake_corpus_copy.corpus_dir} · 5 files",
        "Up to date: `qa index` has nothing to do.",
    ]
    assert text.splitlines()[0].endswith(
        "(2 hours ago) · sentence-transformers/all-MiniLM-L6-v2 · int8 · 8 articles, "
        f"{status.indexed_chunks} chunks"
    )


def built_at(value: str | None) -> datetime:
    assert value is not None
    return datetime.fromisoformat(value)


def test_status_lists_new_changed_and_removed_files_without_indexing(
    fake_corpus_copy: Settings,
) -> None:
    before = sorted(p.name for p in fake_corpus_copy.index_dir.iterdir())
    change_the_corpus(fake_corpus_copy)
    status = index_status(fake_corpus_copy)
    text = shown(render_status(status, built_at(status.built)))
    assert text.splitlines()[1:] == [
        f"Corpus: {fake_corpus_copy.corpus_dir} · 5 files",
        "`qa index` would:",
        "  add     new.md",
        f"  update  {EDITED}",
        f"  remove  {DELETED}",
        "Articles: 1 new, 1 changed, 1 removed, 6 unchanged",
    ]
    assert sorted(p.name for p in fake_corpus_copy.index_dir.iterdir()) == before


def test_status_json_names_the_files_and_counts_the_articles(
    fake_corpus_copy: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    change_the_corpus(fake_corpus_copy)
    assert main(["status", "--json", *where(fake_corpus_copy)]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["up_to_date"] is False
    assert status["files"] == {
        "new": ["new.md"],
        "changed": [EDITED],
        "removed": [DELETED],
        "unchanged": 3,
    }
    assert status["articles"] == {"new": 1, "changed": 1, "removed": 1, "unchanged": 6}
    assert status["rebuild"] is None
    assert status["index"]["precision"] == "int8"


def test_status_without_an_index_says_index_would_build_it(
    fake_corpus_settings: Settings, tmp_path: Path
) -> None:
    settings = Settings(corpus_dir=fake_corpus_settings.corpus_dir, index_dir=tmp_path / "none")
    status = index_status(settings)
    assert shown(render_status(status, datetime.now())).splitlines() == [
        f"No index in {settings.index_dir} yet.",
        f"Corpus: {settings.corpus_dir} · 5 files",
        "`qa index` would build it: 8 articles.",
    ]


def test_a_touched_but_unchanged_file_is_not_stale(fake_corpus_copy: Settings) -> None:
    edited = fake_corpus_copy.corpus_dir / EDITED
    os.utime(edited, (1_000_000_000, 1_000_000_000))
    assert index_status(fake_corpus_copy).up_to_date


def test_ask_says_the_index_is_stale_and_does_not_quote_a_changed_file(
    corpus_copy: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    change_the_corpus(corpus_copy)
    assert main(["ask", QUESTION, *where(corpus_copy)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert out.startswith(
        "The index is out of date: 3 corpus files changed since it was built "
        "(1 new, 1 changed, 1 removed); run `qa index` to update it."
    )
    assert (
        f"{EDITED}:16 This file was changed after the index was built, so the passage may "
        "no longer be in it; run `qa index` and ask again."
    ) in out


def test_ask_json_marks_each_stale_citation(fake_corpus_copy: Settings) -> None:
    change_the_corpus(fake_corpus_copy)
    assistant = Assistant.open(fake_corpus_copy, embedder=FakeEmbedder())
    try:
        answer = assistant.ask(QUESTION)
    finally:
        assistant.close()
    states = {c.path: c.to_json()["stale"] for c in answer.passages}
    assert states[EDITED] == "changed"
    assert all(state is None for path, state in states.items() if path != EDITED)
    assert answer.notices == (
        "The index is out of date: 3 corpus files changed since it was built "
        "(1 new, 1 changed, 1 removed); run `qa index` to update it.",
    )


def test_a_current_index_gives_no_notice(fake_assistant: Assistant) -> None:
    answer = fake_assistant.ask(QUESTION)
    assert answer.notices == ()
    assert all(c.stale is None for c in answer.passages)


OTHER_ARTICLE = (
    "# Harvest festival\n\nThe town held its harvest festival on the first Sunday of "
    "October, and farmers from the valley sold apples and cider in the square.\n"
)


def test_an_index_given_without_a_corpus_is_compared_with_the_corpus_it_was_built_from(
    fake_corpus_copy: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "corpus").mkdir(parents=True)
    (elsewhere / "corpus" / "other.md").write_text(OTHER_ARTICLE, "utf-8")
    monkeypatch.chdir(elsewhere)  # its ./corpus is not the one the index was built from

    assert main(["status", "--index", str(fake_corpus_copy.index_dir)]) == 0

    out = capsys.readouterr().out.splitlines()
    assert out[-2:] == [
        f"Corpus: {fake_corpus_copy.corpus_dir} · 5 files",
        "Up to date: `qa index` has nothing to do.",
    ]


def test_a_corpus_given_on_the_command_line_wins_over_the_one_the_index_recorded(
    fake_corpus_copy: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "other.md").write_text(OTHER_ARTICLE, "utf-8")

    assert main(["status", "--corpus", str(other), "--index", str(fake_corpus_copy.index_dir)]) == 0

    assert f"Corpus: {other} · 1 file" in capsys.readouterr().out
