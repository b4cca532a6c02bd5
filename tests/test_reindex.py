"""Incremental reindexing: only the difference is applied, and answers follow the corpus."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from fake_embedder import FakeEmbedder

from qa.config import Settings
from qa.index.embed import resolve_model, sentence_transformer
from qa.index.indexing import update_index
from qa.ingest.adding import add_to_corpus
from qa.records import IndexReport
from qa.search.assistant import Assistant
from qa.search.retrieve import Retriever
from qa.storage.contract import Storage
from qa.storage.lexical import analyse
from qa.storage.store import open_snapshot
from qa.ui.cli import main

SHELTER = """Dushanbe opens a shelter for survivors of trafficking

The city of Dushanbe opened a shelter for survivors of human trafficking on Monday.
The Dushanbe shelter has 48 beds and is run by a local charity with help from the labour ministry.
Most of its first residents are women who came back from labour migration in Russia.
The charity said it would also give legal advice to men recruited for construction work abroad.
"""
SHELTER_FILE = "dushanbe_shelter.txt"
BEDS = "How many beds does the Dushanbe shelter have?"


def _texts(snapshot: Storage) -> tuple[set[str], set[str]]:
    chunks = [chunk for _, chunk in snapshot.all_chunks()]
    return {c.text for c in chunks}, {c.sentence for c in chunks}


def _index_and_expect_embedded(settings: Settings) -> IndexReport:
    """Run an update and check it embedded exactly the window and sentence texts that are new."""
    before = open_snapshot(settings.index_dir)
    old_windows, old_sentences = _texts(before)
    before.close()
    report = update_index(settings)
    after = open_snapshot(settings.index_dir)
    new_windows, new_sentences = _texts(after)
    after.close()
    assert report.embedded == len((new_windows - old_windows) | (new_sentences - old_sentences))
    return report


def _article_count(settings: Settings) -> int:
    snapshot = open_snapshot(settings.index_dir)
    count = len(snapshot.articles())
    snapshot.close()
    return count


def _cited_paths(assistant: Assistant, question: str) -> set[str]:
    return {c.path for c in assistant.ask(question).citations}


def test_adding_an_article_embeds_only_its_text_and_makes_it_citable(
    corpus_copy: Settings,
) -> None:
    unchanged = _article_count(corpus_copy)
    (corpus_copy.corpus_dir / SHELTER_FILE).write_text(SHELTER)

    report = _index_and_expect_embedded(corpus_copy)

    assert report.summary().startswith(f"added 1, updated 0, removed 0, unchanged {unchanged} (")
    assert report.embedded > 0
    assistant = Assistant.open(corpus_copy)
    answer = assistant.ask(BEDS)
    assistant.close()
    assert SHELTER_FILE in {c.path for c in answer.citations}
    assert "48 beds" in answer.text


def test_changing_an_article_reembeds_only_changed_text_and_changes_the_answer(
    corpus_copy: Settings,
) -> None:
    unchanged = _article_count(corpus_copy)
    (corpus_copy.corpus_dir / SHELTER_FILE).write_text(SHELTER)
    update_index(corpus_copy)
    (corpus_copy.corpus_dir / SHELTER_FILE).write_text(SHELTER.replace("48 beds", "64 beds"))

    report = _index_and_expect_embedded(corpus_copy)

    assert report.summary().startswith(f"added 0, updated 1, removed 0, unchanged {unchanged} (")
    assert report.embedded > 0
    assistant = Assistant.open(corpus_copy)
    answer = assistant.ask(BEDS)
    assistant.close()
    assert "64 beds" in answer.text
    assert "48 beds" not in answer.text


def test_deleting_an_article_removes_it_from_dense_and_lexical_search_at_once(
    corpus_copy: Settings,
) -> None:
    unchanged = _article_count(corpus_copy)
    (corpus_copy.corpus_dir / SHELTER_FILE).write_text(SHELTER)
    update_index(corpus_copy)
    shelter_ids = {
        a.article_id
        for a in open_snapshot(corpus_copy.index_dir).articles()
        if a.path == SHELTER_FILE
    }
    (corpus_copy.corpus_dir / SHELTER_FILE).unlink()

    report = update_index(corpus_copy)

    assert report.summary().startswith(f"added 0, updated 0, removed 1, unchanged {unchanged} (")
    assert report.embedded == 0
    snapshot = open_snapshot(corpus_copy.index_dir)
    assert SHELTER_FILE not in {a.path for a in snapshot.articles()}
    # Lexical: no indexed window still holds the article's distinctive terms together.
    terms = set(analyse(["Dushanbe shelter 48 beds"])[0])
    assert all(not terms <= set(analyse([c.text])[0]) for _, c in snapshot.all_chunks())
    # Dense: the nearest windows to the article's own sentence come from other articles.
    embedder = sentence_transformer(resolve_model(corpus_copy.model))
    query = embedder.encode([BEDS]).astype(np.float32)
    nearest = snapshot.nearest("window", query, 10)
    assert all(c.article_id not in shelter_ids for c in snapshot.chunks(nearest.tolist()).values())
    snapshot.close()
    assistant = Assistant.open(corpus_copy)
    assert SHELTER_FILE not in _cited_paths(assistant, BEDS)
    assistant.close()


def test_an_unchanged_corpus_writes_no_new_generation(fake_corpus_copy: Settings) -> None:
    before = open_snapshot(fake_corpus_copy.index_dir).generation
    unchanged = _article_count(fake_corpus_copy)

    report = update_index(fake_corpus_copy, embedder_factory=FakeEmbedder)

    assert report.summary().startswith(f"added 0, updated 0, removed 0, unchanged {unchanged} (")
    assert (report.embedded, report.wrote) == (0, False)
    assert open_snapshot(fake_corpus_copy.index_dir).generation == before


def test_a_renamed_file_is_removed_and_added_without_embedding_anything(
    fake_corpus_copy: Settings,
) -> None:
    total = _article_count(fake_corpus_copy)
    snapshot = open_snapshot(fake_corpus_copy.index_dir)
    moved = sum(1 for a in snapshot.articles() if a.path == "004_75191420fca3239e.txt")
    snapshot.close()
    old = fake_corpus_copy.corpus_dir / "004_75191420fca3239e.txt"
    old.rename(fake_corpus_copy.corpus_dir / "renamed.txt")

    report = update_index(fake_corpus_copy, embedder_factory=FakeEmbedder)

    assert report.summary().startswith(
        f"added {moved}, updated 0, removed {moved}, unchanged {total - moved} ("
    )
    assert report.embedded == 0


def test_qa_add_copies_the_file_and_prints_the_index_summary(
    corpus_copy: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "inbox" / SHELTER_FILE
    source.parent.mkdir()
    source.write_text(SHELTER)
    where = ["--corpus", str(corpus_copy.corpus_dir), "--index", str(corpus_copy.index_dir)]
    unchanged = _article_count(corpus_copy)

    code = main(["add", str(source), *where])

    out, err = capsys.readouterr()
    assert code == 0
    assert (corpus_copy.corpus_dir / SHELTER_FILE).read_text() == SHELTER
    assert f"copied 1 file into {corpus_copy.corpus_dir}/" in err.splitlines()
    assert out.startswith(f"added 1, updated 0, removed 0, unchanged {unchanged} (")
    assert out.count("\n") == 1


def test_qa_add_refuses_a_different_file_of_the_same_name_unless_replace(
    corpus_copy: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unchanged = _article_count(corpus_copy)
    (corpus_copy.corpus_dir / SHELTER_FILE).write_text(SHELTER)
    update_index(corpus_copy)
    source = tmp_path / SHELTER_FILE
    source.write_text(SHELTER.replace("48 beds", "64 beds"))
    where = ["--corpus", str(corpus_copy.corpus_dir), "--index", str(corpus_copy.index_dir)]

    refused = main(["add", str(source), *where])
    _, err = capsys.readouterr()
    assert refused == 1
    assert " ".join(err.split()) == (
        f"error: {source}: the corpus already has a different {SHELTER_FILE}; "
        "rename it, or pass --replace to overwrite it"
    )
    assert (corpus_copy.corpus_dir / SHELTER_FILE).read_text() == SHELTER

    replaced = main(["add", "--replace", str(source), *where])
    out, err = capsys.readouterr()
    assert replaced == 0
    assert "(1 replaced)" in err
    assert out.startswith(f"added 0, updated 1, removed 0, unchanged {unchanged} (")


def test_qa_add_names_each_unusable_path_and_exits_1_when_nothing_was_added(
    fake_corpus_copy: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    paths = [tmp_path / name for name in ("scan.pdf", "empty.txt", "binary.txt", "missing.txt")]
    before = sorted(p.name for p in fake_corpus_copy.corpus_dir.iterdir())

    code = main(["add", *map(str, paths), "--corpus", str(fake_corpus_copy.corpus_dir)])

    _, err = capsys.readouterr()
    assert code == 1
    assert err.splitlines() == [
        f"error: {paths[0]}: unsupported file type .pdf "
        "(qa reads .txt, .md, .markdown, .html, .htm, .jsonl)",
        f"error: {paths[1]}: is empty; not added",
        f"error: {paths[2]}: is binary, not text (a NUL byte on line 1); not added",
        f"error: {paths[3]}: no such file or folder",
    ]
    assert sorted(p.name for p in fake_corpus_copy.corpus_dir.iterdir()) == before


def test_add_to_corpus_copies_a_folder_as_a_subfolder_keeping_relative_paths(
    tmp_path: Path,
) -> None:
    inbox = tmp_path / "week42"
    (inbox / "asia").mkdir(parents=True)
    (inbox / "asia" / "a.txt").write_text(SHELTER)
    (inbox / "b.md").write_text(SHELTER.replace("Dushanbe", "Khujand"))
    (inbox / ".hidden.txt").write_text(SHELTER)
    corpus = tmp_path / "corpus"

    result = add_to_corpus(corpus, [inbox])
    again = add_to_corpus(corpus, [inbox])

    assert (result.added, result.problems) == (["week42/asia/a.txt", "week42/b.md"], [])
    assert (corpus / "week42" / "asia" / "a.txt").read_text() == SHELTER
    assert (again.added, again.present, again.problems) == ([], result.added, [])
    assert sorted(p.name for p in corpus.rglob("*")) == ["a.txt", "asia", "b.md", "week42"]


def test_an_open_assistant_picks_up_a_new_generation_for_the_next_question(
    corpus_copy: Settings,
) -> None:
    assistant = Assistant.open(corpus_copy)
    first = assistant.snapshot.generation
    assert SHELTER_FILE not in _cited_paths(assistant, BEDS)

    (corpus_copy.corpus_dir / SHELTER_FILE).write_text(SHELTER)
    update_index(corpus_copy)

    assert SHELTER_FILE in _cited_paths(assistant, BEDS)
    assert assistant.snapshot.generation != first
    assistant.close()


@pytest.mark.slow
def test_an_open_assistant_keeps_its_index_when_a_rebuild_uses_other_settings(
    tmp_path: Path,
) -> None:
    settings = Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index")
    settings.corpus_dir.mkdir()
    (settings.corpus_dir / SHELTER_FILE).write_text(SHELTER)
    update_index(settings)
    assistant = Assistant.open(settings)
    first = assistant.snapshot.generation
    (settings.corpus_dir / "khujand.txt").write_text(SHELTER.replace("Dushanbe", "Khujand"))

    update_index(replace(settings, window_words=60), rebuild=True)

    assert assistant.snapshot.generation == first
    assert _cited_paths(assistant, "How many beds does the Khujand shelter have?") == {SHELTER_FILE}
    assistant.close()


def test_a_reader_keeps_searching_a_generation_deleted_under_it(corpus_copy: Settings) -> None:
    snapshot = open_snapshot(corpus_copy.index_dir)
    embedder = sentence_transformer(resolve_model(corpus_copy.model))
    vector = embedder.encode([BEDS])[0]
    before = Retriever(snapshot).search(vector, BEDS, 5, None).hits
    for text in (SHELTER, SHELTER.replace("48 beds", "64 beds")):
        (corpus_copy.corpus_dir / SHELTER_FILE).write_text(text)
        update_index(corpus_copy)
    assert not snapshot.folder.exists()  # two updates later its folder is deleted

    after = Retriever(snapshot).search(vector, BEDS, 5, None).hits

    assert after == before
    assert all(snapshot.file_text(hit.article.path) for hit in after)
    snapshot.close()
