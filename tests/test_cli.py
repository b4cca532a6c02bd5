"""The `qa` command line: exit codes, messages for people, and the answer it prints."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from qa.config import Settings
from qa.text import quote_text
from qa.ui import cli
from qa.ui.cli import main

ANSWER_KEYS = {"question", "answer", "abstained", "citations", "passages", "timings_ms"}
CITATION_KEYS = {
    "marker", "article_id", "title", "outlet", "author", "published",
    "path", "start", "end", "quote", "score",
}  # fmt: skip


def where(settings: Settings) -> list[str]:
    return ["--corpus", str(settings.corpus_dir), "--index", str(settings.index_dir)]


def test_qa_without_arguments_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: qa")
    for command in ("index", "ask", "chat", "sources"):
        assert f"    {command} " in out


def test_ask_without_an_index_says_which_command_builds_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["ask", "Who is Fatima?", "--index", str(tmp_path / "index")])
    assert code == 1
    assert capsys.readouterr().err == (
        f"error: no index in {tmp_path / 'index'}/; build it with: qa index\n"
    )


def test_index_of_a_missing_corpus_directory_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["index", "--corpus", str(tmp_path / "nowhere"), "--index", str(tmp_path / "i")])
    assert code == 1
    assert (
        capsys.readouterr().err
        == f"error: corpus directory {tmp_path / 'nowhere'} does not exist\n"
    )


def test_index_of_an_empty_corpus_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "corpus").mkdir()
    code = main(["index", "--corpus", str(tmp_path / "corpus"), "--index", str(tmp_path / "i")])
    assert code == 1
    assert capsys.readouterr().err == (
        f"error: corpus directory {tmp_path / 'corpus'} holds no article files "
        "(.txt, .md, .markdown, .html, .htm, .jsonl)\n"
    )


@pytest.mark.slow
def test_unreadable_file_is_skipped_with_one_warning_and_the_rest_indexed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(
        "Snow in Almaty\n\nHeavy snow closed the mountain roads above Almaty on Monday.\n"
    )
    (corpus / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    index = ["--corpus", str(corpus), "--index", str(tmp_path / "index")]
    code = main(["index", *index, "--follow-symlinks"])
    captured = capsys.readouterr()
    assert code == 0
    warnings = [line for line in captured.err.splitlines() if line.startswith("warning:")]
    assert warnings == ["warning: skipped gone.txt: is a symbolic link to nothing"]
    assert "skipped 1 file" in captured.out
    assert "1 file, 1 article, " in captured.out


def test_index_announces_each_long_step_before_it_begins(
    corpus_settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # corpus_settings made this process's export, so a new index links it in a moment;
    # the announcement is what a first run shows for the ~30 s the export takes.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "snow.txt").write_text(
        "Snow in Almaty\n\nHeavy snow closed the mountain roads above Almaty on Monday.\n"
    )
    code = main(["index", "--corpus", str(corpus), "--index", str(tmp_path / "index")])
    assert code == 0
    assert capsys.readouterr().err.splitlines() == [
        "Preparing the model, once per index: ONNX export and int8 quantisation (about 30 s)…",
        "Splitting 1 article into passages…",
        "Embedding 3 texts…",
    ]


def test_ask_rejects_k_out_of_range_as_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["ask", "anything", "-k", "0"])
    assert stopped.value.code == 2
    last_line = capsys.readouterr().err.splitlines()[-1]
    assert last_line == "qa ask: error: argument -k: must be between 1 and 100, not 0"


def test_qa_k_from_the_environment_is_checked_like_the_flag(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("QA_K", "many")
    assert main(["sources", "--index", "nowhere"]) == 1
    assert capsys.readouterr().err == "error: QA_K must be a whole number, not 'many'\n"


def test_tests_see_no_qa_setting_of_the_shell_and_unexpected_errors_raise() -> None:
    assert sorted(name for name in os.environ if name.startswith("QA_")) == [
        "QA_DEBUG",
        "QA_HISTORY",
    ]


def test_an_unexpected_exception_is_one_line_and_exit_1_outside_tests(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(args: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.setitem(cli._HANDLERS, "sources", broken)
    with pytest.raises(RuntimeError, match="boom"):
        main(["sources"])
    monkeypatch.delenv("QA_DEBUG")
    assert main(["sources"]) == 1
    assert capsys.readouterr().err == (
        "error: unexpected RuntimeError: boom (run again with QA_DEBUG=1 to see where, "
        "and please report it)\n"
    )


def test_ask_json_has_the_documented_shape_and_every_quote_matches_its_span(
    corpus_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    question = "How many women are smuggled out of Kazakhstan each year?"
    assert main(["ask", question, "--json", *where(corpus_settings)]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload.keys() >= ANSWER_KEYS
    assert payload["question"] == question
    assert payload["abstained"] is False
    assert "7000" in payload["answer"]
    assert "total" in payload["timings_ms"]
    assert len(payload["passages"]) == 5
    markers = {c["marker"] for c in payload["passages"]}
    for citation in payload["citations"]:
        assert citation in payload["passages"]
        assert f"[{citation['marker']}]" in payload["answer"]
    for passage in payload["passages"]:
        assert passage.keys() >= CITATION_KEYS
        assert passage["marker"] in markers
        raw = (corpus_settings.corpus_dir / passage["path"]).read_text(encoding="utf-8")
        assert quote_text(raw[passage["start"] : passage["end"]]) == passage["quote"]
    first = payload["citations"][0]
    assert first["path"] == "001_4f9f93c25c76962a.txt"
    assert first["published"] == "2003-10-08"


def test_ask_prints_the_answer_and_numbered_sources(
    corpus_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "Where is the NGO Sana Sezim based?", *where(corpus_settings)]) == 0
    out = capsys.readouterr().out
    assert "Answer" in out
    assert "Sources" in out
    assert "[1]" in out
    assert "002_4b9ca009cf769bed.txt:" in out


def test_off_topic_question_abstains_and_lists_closest_passages(
    corpus_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "What is a good recipe for banana bread?", *where(corpus_settings)]) == 0
    out = capsys.readouterr().out
    assert "The indexed articles don't answer this." in out
    assert "Closest passages" in out


def test_ask_run_as_a_command_prints_its_whole_answer_and_runs_the_exit_handlers(
    corpus_settings: Settings, tmp_path: Path
) -> None:
    # qa ask ends without tearing the interpreter down: output and exit handlers come first
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(tmp_path / "bytecode")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    question = "Where is the NGO Sana Sezim based?"
    finished = subprocess.run(
        [sys.executable, "-m", "qa", "ask", question, "--json", *where(corpus_settings)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert finished.returncode == 0, finished.stderr
    assert json.loads(finished.stdout)["citations"][0]["path"] == "002_4b9ca009cf769bed.txt"
    kept = {path.suffix for path in (tmp_path / "bytecode").rglob("*.*")}
    assert ".regex" in kept  # written by exit handlers (qa.startup_cache)
    missing = subprocess.run(
        [sys.executable, "-m", "qa", "ask", question, "--index", str(tmp_path / "none")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert (missing.returncode, missing.stdout) == (1, "")
    assert missing.stderr == f"error: no index in {tmp_path / 'none'}/; build it with: qa index\n"


def test_chat_reads_questions_from_stdin_and_leaves_on_end_of_input(
    corpus_settings: Settings,
) -> None:
    env = {**os.environ, "COLUMNS": "120", "QA_HISTORY": str(corpus_settings.index_dir / "h")}
    finished = subprocess.run(
        [sys.executable, "-m", "qa", "chat", *where(corpus_settings)],
        input=":help\nWho is Fatima Musabayeva?\n:sources\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert finished.returncode == 0, finished.stderr
    assert ":open N" in finished.stdout
    assert "Sources" in finished.stdout
    assert "Traceback" not in finished.stderr


def test_an_empty_question_is_refused_in_one_line(
    fake_corpus_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "   ", *where(fake_corpus_settings)]) == 1
    assert capsys.readouterr().err == "error: the question is empty\n"


def test_a_date_range_that_ends_before_it_starts_is_refused(
    fake_corpus_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = ["ask", "trafficking", "--since", "2020-01-01", "--until", "2019-01-01"]
    assert main([*arguments, *where(fake_corpus_settings)]) == 1
    assert capsys.readouterr().err == (
        "error: since 2020-01-01 is after until 2019-01-01: nothing can match\n"
    )


def test_ask_reads_a_relative_date_from_the_newest_article_and_says_so(
    corpus_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = ["ask", "IS recruitment of migrants", "--since", "last year", "--json"]
    assert main([*arguments, *where(corpus_settings)]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["notices"][0] == (
        'since "last year" = 2016-01-01, counted from the newest article in the index '
        "(2017-11-03), not from today"
    )
    assert {p["published"][:4] for p in answer["passages"]} <= {"2016", "2017"}


def test_a_date_that_is_no_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["ask", "trafficking", "--since", "the other day"])
    assert exited.value.code == 2
    assert capsys.readouterr().err.endswith(
        "qa ask: error: argument --since: 'the other day' is not a date; use a form like "
        "2017-03-05, 2017-03, 2017, March 2017, last year, 3 months ago\n"
    )


def test_piped_tables_are_at_most_120_columns_and_keep_words_whole(
    fake_corpus_settings: Settings,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    assert main(["sources", *where(fake_corpus_settings)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].strip() == "8 indexed articles"
    assert max(len(line) for line in lines) <= 120
    assert "│ Fergana " in lines[4] and "│ international " in lines[5]
