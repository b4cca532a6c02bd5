"""The index survives kills, concurrent writers and damage; nothing half-written is served."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from qa.config import Settings
from qa.errors import IndexIncompatibleError
from qa.index.embed import resolve_model
from qa.index.embed_cache import EmbeddingCache
from qa.index.indexing import update_index
from qa.search.assistant import Assistant
from qa.storage.contract import Storage
from qa.storage.store import open_snapshot, read_manifest, write_lock
from qa.ui.cli import main

PROJECT = Path(__file__).resolve().parent.parent
QUESTIONS = (
    "How many women are smuggled out of Kazakhstan each year?",
    "Who recruits people for extremist groups?",
    "What happens to victims of trafficking when they return home?",
)
REBUILD = "run `qa index --rebuild` to build it again"


def _qa(settings: Settings, *args: str) -> list[str]:
    where = ["--corpus", str(settings.corpus_dir), "--index", str(settings.index_dir)]
    return [sys.executable, "-m", "qa", *args, *where]


def _env() -> dict[str, str]:
    return {**os.environ, "COLUMNS": "400"}  # keep rich from wrapping long paths


def _answers(settings: Settings) -> list[dict[str, Any]]:
    assistant = Assistant.open(settings)
    answers = []
    for question in QUESTIONS:
        answer = assistant.ask(question).to_json()
        del answer["timings_ms"]
        # The corpus was changed on purpose; what must not change is what the index answers.
        answer["notices"] = [n for n in answer["notices"] if not n.startswith("The index is out")]
        answers.append(answer)
    assistant.close()
    return answers


def _article_count(settings: Settings) -> int:
    snapshot = open_snapshot(settings.index_dir)
    count = len(snapshot.articles())
    snapshot.close()
    return count


def _texts(snapshot: Storage) -> tuple[set[str], set[str]]:
    chunks = [chunk for _, chunk in snapshot.all_chunks()]
    return {c.text for c in chunks}, {c.sentence for c in chunks}


def _wait_for(condition: Any, process: subprocess.Popen[bytes], what: str) -> None:
    """Poll ``condition`` until it holds; fail if the process ends first or 120 s pass."""
    deadline = time.monotonic() + 120
    while not condition():
        if process.poll() is not None:
            pytest.fail(f"qa exited ({process.returncode}) before {what}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.02)


def test_sigkill_while_embedding_keeps_the_old_index_and_the_next_run_finishes(
    corpus_copy: Settings, tmp_path: Path
) -> None:
    before_answers = _answers(corpus_copy)
    generations = sorted(p.name for p in corpus_copy.index_dir.glob("gen-*"))
    unchanged = _article_count(corpus_copy)
    raw = (corpus_copy.corpus_dir / "000_67d66000f4a56ec5.txt").read_text()
    (corpus_copy.corpus_dir / "upper.txt").write_text(raw.upper())  # all of its text is new
    cache = EmbeddingCache.for_model(
        corpus_copy.index_dir, resolve_model(corpus_copy.model), corpus_copy.precision
    )
    with (tmp_path / "stderr").open("wb") as stderr:
        process = subprocess.Popen(
            _qa(corpus_copy, "index"), cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=stderr
        )
        _wait_for(lambda: any(cache.folder.glob("batch-*.npz")), process, "a batch was saved")
        process.send_signal(signal.SIGKILL)
        process.wait()

    assert process.returncode == -signal.SIGKILL
    assert sorted(p.name for p in corpus_copy.index_dir.glob("gen-*")) == generations
    assert _answers(corpus_copy) == before_answers
    saved = len(cache)
    assert saved > 0

    old = open_snapshot(corpus_copy.index_dir)
    report = update_index(corpus_copy)
    new = open_snapshot(corpus_copy.index_dir)

    assert report.summary().startswith(f"added 1, updated 0, removed 0, unchanged {unchanged} (")
    (old_windows, old_sentences), (new_windows, new_sentences) = _texts(old), _texts(new)
    new_texts = len((new_windows - old_windows) | (new_sentences - old_sentences))
    assert (report.resumed, report.embedded) == (saved, new_texts - saved)
    assert "upper.txt" in {a.path for a in new.articles()}
    assert not list(corpus_copy.index_dir.glob(".staging-*"))
    assert not list(corpus_copy.index_dir.glob(".embeddings-*"))
    old.close()
    new.close()


def test_two_index_runs_at_once_apply_the_change_exactly_once(
    corpus_copy: Settings, tmp_path: Path
) -> None:
    unchanged = _article_count(corpus_copy)
    raw = (corpus_copy.corpus_dir / "004_75191420fca3239e.txt").read_text()
    (corpus_copy.corpus_dir / "upper.txt").write_text(raw.upper())

    runs = [
        subprocess.Popen(_qa(corpus_copy, "index"), cwd=PROJECT, env=_env(), stdout=subprocess.PIPE)
        for _ in range(2)
    ]
    outputs = sorted(run.communicate()[0].decode() for run in runs)

    assert [run.returncode for run in runs] == [0, 0]
    assert outputs[0].startswith(f"added 0, updated 0, removed 0, unchanged {unchanged + 1} (")
    assert outputs[1].startswith(f"added 1, updated 0, removed 0, unchanged {unchanged} (")
    assert _article_count(corpus_copy) == unchanged + 1


def test_a_second_writer_stops_with_no_wait_or_waits_for_the_lock(
    corpus_copy: Settings, tmp_path: Path
) -> None:
    index = corpus_copy.index_dir
    unchanged = _article_count(corpus_copy)
    with write_lock(index, wait=False):  # the lock every qa index run takes
        refused = subprocess.run(
            _qa(corpus_copy, "index", "--no-wait"), cwd=PROJECT, env=_env(), capture_output=True
        )
        with (tmp_path / "stderr").open("wb") as stderr:
            waiting = subprocess.Popen(
                _qa(corpus_copy, "index"),
                cwd=PROJECT,
                env=_env(),
                stdout=subprocess.PIPE,
                stderr=stderr,
            )
            _wait_for(
                lambda: b"waiting for" in (tmp_path / "stderr").read_bytes(),
                waiting,
                "the waiting message",
            )
    out = waiting.communicate()[0].decode()

    assert refused.returncode == 1
    assert refused.stderr.decode() == (
        f"error: another qa process is updating the index in {index}/; "
        "try again when it has finished\n"
    )
    assert (tmp_path / "stderr").read_text().splitlines()[0] == (
        f"waiting for another qa process to finish updating {index}/ …"
    )
    assert waiting.returncode == 0
    assert out.startswith(f"added 0, updated 0, removed 0, unchanged {unchanged} (")


def test_leftovers_of_a_writer_killed_while_writing_are_never_served_and_get_cleaned(
    corpus_copy: Settings,
) -> None:
    index = corpus_copy.index_dir
    current = open_snapshot(index).folder
    before = _answers(corpus_copy)
    # Killed while writing its files: a staging folder without a manifest.
    staging = index / ".staging-gen-20990101T000000-aaaaaa"
    shutil.copytree(current, staging)
    (staging / "manifest.json").unlink()
    # Killed after renaming it, before the swap: a whole generation that is not current.
    orphan = index / "gen-20990101T000000-bbbbbb"
    shutil.copytree(current, orphan)
    # Killed between creating the new link and renaming it over ``current``.
    (index / ".current-cccccc").symlink_to(orphan.name)

    assert open_snapshot(index).folder == current
    assert _answers(corpus_copy) == before

    (corpus_copy.corpus_dir / "004_75191420fca3239e.txt").unlink()
    update_index(corpus_copy)

    new = open_snapshot(index).folder
    assert sorted(p.name for p in index.glob("gen-*")) == sorted([current.name, new.name])
    assert not list(index.glob(".staging-*")) + list(index.glob(".current-*"))


def test_an_index_built_with_other_chunking_names_the_rebuild_command(
    corpus_settings: Settings,
) -> None:
    other = replace(corpus_settings, window_words=80)

    with pytest.raises(IndexIncompatibleError) as error:
        Assistant.open(other)

    assert str(error.value) == (
        f"the index was built with chunking window_words=110, not window_words=80; {REBUILD}"
    )


def test_an_index_built_with_another_model_names_the_rebuild_command(
    corpus_settings: Settings, tmp_path: Path
) -> None:
    other = replace(corpus_settings, model=str(tmp_path / "other-model"))

    with pytest.raises(IndexIncompatibleError) as error:
        Assistant.open(other)

    assert str(error.value) == (
        "the index was built with model 'sentence-transformers/all-MiniLM-L6-v2', "
        f"not '{tmp_path / 'other-model'}'; {REBUILD}"
    )


def test_a_truncated_index_file_is_refused_by_ask(
    corpus_copy: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = open_snapshot(corpus_copy.index_dir).folder
    expected = read_manifest(folder).sizes["qa.sqlite"]
    with (folder / "qa.sqlite").open("r+b") as handle:
        handle.truncate(expected // 2)

    code = main(["ask", QUESTIONS[0], "--index", str(corpus_copy.index_dir)])

    assert code == 1
    assert " ".join(capsys.readouterr().err.split()) == (
        f"error: index file qa.sqlite is damaged or truncated ({expected // 2} bytes, "
        f"expected {expected}); {REBUILD}"
    )


def test_a_damaged_index_file_is_refused(corpus_copy: Settings) -> None:
    folder = open_snapshot(corpus_copy.index_dir).folder
    with (folder / "qa.sqlite").open("r+b") as handle:
        handle.write(b"\x00" * 100)  # same size, header gone

    with pytest.raises(IndexIncompatibleError) as error:
        Assistant.open(corpus_copy)

    assert str(error.value) == (
        f"index file qa.sqlite is damaged (its bytes are not those written); {REBUILD}"
    )


def test_a_generation_without_manifest_is_refused(corpus_copy: Settings) -> None:
    (open_snapshot(corpus_copy.index_dir).folder / "manifest.json").unlink()

    with pytest.raises(IndexIncompatibleError) as error:
        Assistant.open(corpus_copy)

    assert str(error.value) == f"the index has no manifest; {REBUILD}"


def test_the_embedding_cache_ignores_a_damaged_batch(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path / "cache")
    cache.save(["one", "two"], np.eye(2, 4, dtype=np.float32))
    (cache.folder / "batch-damaged.npz").write_bytes(b"PK\x03\x04 not a whole zip")

    saved = cache.load()

    assert sorted(v.tolist() for v in saved.values()) == [[0, 1, 0, 0], [1, 0, 0, 0]]
