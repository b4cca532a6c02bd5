"""`qa eval`: loading question sets, the metrics, the report, comparison and floors."""

from __future__ import annotations

import io
import json
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from qa.config import Settings
from qa.errors import EvalFormatError
from qa.evaluation.metrics import build_report
from qa.evaluation.records import EvalReport, SetRun
from qa.evaluation.run import CorpusText, cache_dir, judge
from qa.evaluation.sets import EvalSet, load_set
from qa.records import Answer, Citation, EvalCase
from qa.storage.store import current_generation
from qa.ui.cli import EVAL_CACHE, main
from qa.ui.render_eval import render_eval_report

LIGHTHOUSE = (
    "The Vell Island Lighthouse\n\n"
    "The lighthouse on Vell Island was painted bright orange in 1931. "
    "Its keeper, Ansel Brodd, kept the lamp burning for forty years.\n"
)
BAKERY = (
    "A Bakery in Tarnholm\n\n"
    "The Tarnholm bakery sells rye loaves baked in a wood-fired oven. "
    "It opened in 1887 and has never closed on a market day.\n"
)


def write_set(path: Path, cases: list[dict[str, Any] | str]) -> Path:
    """A JSONL set; strings are written as raw lines."""
    lines = [c if isinstance(c, str) else json.dumps(c) for c in cases]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def tiny_bench(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A working directory holding ``bench/questions.jsonl`` beside its own ``bench/corpus/``."""
    root = tmp_path_factory.mktemp("tiny")
    corpus = root / "bench" / "corpus"
    corpus.mkdir(parents=True)
    (corpus / "lighthouse.txt").write_text(LIGHTHOUSE, encoding="utf-8")
    (corpus / "bakery.txt").write_text(BAKERY, encoding="utf-8")
    write_set(
        root / "bench" / "questions.jsonl",
        [
            {
                "id": "l-1",
                "question": "What colour was the Vell Island lighthouse painted?",
                "answers": ["bright  ORANGE"],
                "sources": ["lighthouse.txt"],
                "tags": ["colour"],
            },
            {
                "id": "b-1",
                "question": "When did the Tarnholm bakery open?",
                "answers": ["1887"],
                "sources": ["bakery.txt"],
                "tags": ["date"],
            },
            {
                "id": "l-2",
                "question": "What colour is the lighthouse keeper's boat?",
                "answers": ["purple"],
                "sources": ["lighthouse.txt"],
                "tags": ["colour"],
            },
        ],
    )
    return root


@pytest.fixture
def in_tiny_bench(tiny_bench: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the tiny bench's directory, so its index is cached under ./eval/cache."""
    monkeypatch.chdir(tiny_bench)
    return tiny_bench / "bench" / "questions.jsonl"


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any], str]:
    """Run ``qa eval ... --json``; return the exit code, the report and stderr."""
    code = main(["eval", *argv, "--json"])
    captured = capsys.readouterr()
    return code, json.loads(captured.out), captured.err


# ---------------------------------------------------------------- loading


def test_malformed_lines_are_reported_with_file_and_line_and_the_rest_load(
    tmp_path: Path,
) -> None:
    good = {"id": "a", "question": "Q?", "answers": ["x"], "sources": ["f.txt"]}
    path = write_set(
        tmp_path / "set.jsonl",
        [
            good,
            "{not json",
            "",
            {"id": "b", "question": "Q?", "answers": ["x"]},
            {"id": "c", "question": "Q?", "answers": [], "sources": []},
            {"id": "a", "question": "Again?", "answers": ["y"], "sources": []},
            {"id": "d", "question": "Q?", "answers": ["x"], "sources": [], "date": "last May"},
            {"id": "e", "question": "Q?", "answers": "x", "sources": []},
            {"id": "u", "question": "Who?", "answers": [], "sources": [], "unanswerable": True},
        ],
    )
    loaded = load_set(path)
    assert [c.case_id for c in loaded.cases] == ["a", "u"]
    assert loaded.cases[1].unanswerable
    assert loaded.problems == (
        f"{path}:2: not valid JSON (Expecting property name enclosed in double quotes at column 2)",
        f"{path}:4: missing field 'sources'",
        f"{path}:5: 'answers' is empty but the question is not marked unanswerable",
        f"{path}:6: duplicate id 'a' (first on line 1)",
        f"{path}:7: 'date' 'last May' is not an ISO 8601 date like 2017-02-20",
        f"{path}:8: 'answers' must be a list of strings",
    )


def test_a_set_that_cannot_be_read_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.jsonl"
    with pytest.raises(EvalFormatError, match="cannot read evaluation set"):
        load_set(missing)
    assert main(["eval", str(missing)]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert f"error: cannot read evaluation set {missing}: it does not exist" in err


def test_a_set_about_another_corpus_is_refused_before_indexing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no ./index of the checkout is asked about this corpus
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "here.txt").write_text(
        "A title\n\nThe council met on Monday and agreed to repair the old bridge.\n"
    )
    questions = tmp_path / "sets" / "other.jsonl"
    questions.parent.mkdir()
    questions.write_text(
        '{"id": "a", "question": "Who won?", "answers": ["x"], "sources": ["bbc-1.txt"]}\n'
        '{"id": "b", "question": "Who lost?", "answers": ["y"], "sources": ["bbc-2.txt"]}\n'
    )
    assert main(["eval", str(questions), "--corpus", str(corpus)]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert (
        "error: sets/other.jsonl: none of the 2 files its questions cite (e.g. bbc-1.txt) is "
        f"in the corpus {corpus}; put its articles in a corpus/ folder beside the set, or "
        "name their folder with --corpus"
    ) in err
    assert not (tmp_path / "index").exists()


@pytest.mark.slow
def test_cli_reports_malformed_lines_on_stderr_and_runs_the_rest(
    in_tiny_bench: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the set sits beside a copy of the tiny corpus's folder name, so it shares that corpus
    broken = in_tiny_bench.parent / "broken.jsonl"
    shutil.copy(in_tiny_bench, broken)
    with broken.open("a", encoding="utf-8") as out:
        out.write('{"id": "x", "question": 3, "answers": ["a"], "sources": []}\n')
    try:
        code, report, err = run_json(capsys, str(broken), "-k", "3")
    finally:
        broken.unlink()
    assert code == 0
    assert f"warning: {broken}:4: 'question' must be a non-empty string" in " ".join(err.split())
    assert report["sets"][0]["cases"] == 3
    assert report["sets"][0]["skipped_lines"] == 1


# ---------------------------------------------------------------- metrics on hand-built answers


def citation(marker: int, text: str, phrase: str, path: str = "a.txt") -> Citation:
    """A citation of the passage of ``text`` that starts at ``phrase`` and runs 40 characters."""
    start = text.index(phrase)
    end = start + 40
    return Citation(
        marker=marker,
        article_id=f"{path}#1",
        title="t",
        outlet=None,
        author=None,
        published=date(2003, 10, 8),
        path=path,
        start=start,
        end=end,
        quote=" ".join(text[start:end].split()),
        score=1.0,
    )


def test_metrics_count_answers_in_passages_replies_and_citations(tmp_path: Path) -> None:
    text = "Alpha beta gamma delta. The answer is  Seven  Thousand women. Omega psi chi phi rho.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    corpus = CorpusText(tmp_path)
    first = citation(1, text, "Alpha")
    second = citation(2, text, "The answer")
    third = citation(3, text, "Omega")
    shifted = replace(third, start=third.start + 1, marker=3)
    passages = (first, second, third)

    def case(case_id: str, answers: tuple[str, ...], **extra: Any) -> EvalCase:
        return EvalCase(case_id, "q", answers, ("a.txt",), **extra)

    answered = Answer(
        "q", "The answer is Seven Thousand women. [2]", False, (second,), passages, {}
    )
    outcomes = [
        # answer in passage 2, in the reply, every citation valid, date right
        judge(case("hit2", ("seven thousand",), date="2003-10-08"), answered, 10.0, corpus),
        # answer in passage 1 only; the reply cites a marker that is not listed
        judge(
            case("hit1", ("gamma",)), Answer("q", "x [4]", False, (), passages, {}), 20.0, corpus
        ),
        # answer nowhere; the third passage's quote no longer matches its span
        judge(
            case("miss", ("zeta",)),
            Answer("q", "y", False, (), (first, second, shifted), {}),
            30.0,
            corpus,
        ),
        # an unanswerable question, rightly abstained from
        judge(
            case("u", (), unanswerable=True),
            Answer("q", "no", True, (), passages, {}),
            40.0,
            corpus,
        ),
        # an off-topic question answered anyway
        judge(
            case("off", (), unanswerable=True, tags=("off-topic",)),
            Answer("q", "z", False, (), passages, {}),
            50.0,
            corpus,
        ),
    ]
    run = SetRun(
        EvalSet(tmp_path / "s.jsonl", tuple(o.case for o in outcomes)), Settings(), tuple(outcomes)
    )
    metrics = build_report([run], k=3).sets[0].overall.metrics

    assert metrics["hit@1"].count == 1 and metrics["hit@1"].n == 3
    assert metrics["hit@3"].count == 2 and metrics["hit@3"].value == pytest.approx(2 / 3)
    assert metrics["hit@5"].value is None and metrics["hit@10"].value is None
    assert metrics["mrr@10"].value is None
    assert metrics["answer_in_reply"].count == 1 and metrics["answer_in_reply"].n == 3
    given = metrics["answer_in_reply_given_hit@3"]
    assert (given.count, given.n) == (1, 2)
    assert metrics["citation_validity"].count == 3 and metrics["citation_validity"].n == 5
    assert outcomes[1].citation_problem == "marker [4] has no citation"
    assert outcomes[2].citation_problem == (
        f"[3] quote differs from a.txt[{shifted.start}:{shifted.end}]"
    )
    assert metrics["date_correct"].count == 1 and metrics["date_correct"].n == 1
    assert metrics["abstention_precision"].value == 1.0 and metrics["abstention_precision"].n == 1
    assert metrics["abstention_recall"].value == 0.5
    on_topic, off_topic = (
        metrics["abstention_recall_on_topic"],
        metrics["abstention_recall_off_topic"],
    )
    assert (on_topic.count, on_topic.n, off_topic.count, off_topic.n) == (1, 1, 0, 1)
    assert metrics["abstention_rate_answerable"].count == 0
    assert metrics["latency_p50_ms"].value == 30.0
    assert metrics["latency_p95_ms"].value == 50.0
    assert metrics["questions_per_second"].value == pytest.approx(5 / 0.15)


def test_failures_are_missed_answers_answered_unanswerables_and_invalid_citations(
    tmp_path: Path,
) -> None:
    text = "The harbour froze in 1947. Ships waited outside for six weeks.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    corpus = CorpusText(tmp_path)
    good = citation(1, text, "The harbour")
    moved = replace(good, end=good.end + 2)
    reply = "The harbour froze in 1947. [1]"

    def outcome(case_id: str, answers: tuple[str, ...], answer: Answer) -> Any:
        case = EvalCase(case_id, f"question {case_id}?", answers, (), unanswerable=not answers)
        return judge(case, answer, 1.0, corpus)

    outcomes = (
        outcome("right", ("1947",), Answer("q", reply, False, (good,), (good,), {})),
        outcome("bad-cite", ("1947",), Answer("q", reply, False, (moved,), (moved,), {})),
        outcome("missed", ("1950",), Answer("q", reply, False, (good,), (good,), {})),
        outcome("abstained", (), Answer("q", "none", True, (), (good,), {})),
        outcome("answered", (), Answer("q", reply, False, (good,), (good,), {})),
    )
    run = SetRun(EvalSet(tmp_path / "s.jsonl", ()), Settings(), outcomes)
    failures = [f.to_json() for f in build_report([run], k=1).sets[0].failures]

    assert [(f["id"], f["kind"]) for f in failures] == [
        ("bad-cite", "invalid_citation"),
        ("missed", "missed"),
        ("answered", "answered_unanswerable"),
    ]
    assert failures[0]["citation_problem"] == (
        f"[1] quote differs from a.txt[{moved.start}:{moved.end}]"
    )
    assert failures[1] == {
        "id": "missed",
        "question": "question missed?",
        "kind": "missed",
        "expected": ["1950"],
        "reply": reply,
        "abstained": False,
        "answer_rank": None,
        "citation_problem": None,
        "first_passage": {
            "path": "a.txt",
            "title": "t",
            "published": "2003-10-08",
            "quote": good.quote,
        },
    }


def test_mrr_at_10_averages_reciprocal_ranks_when_k_is_10(tmp_path: Path) -> None:
    text = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen " * 3
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    corpus = CorpusText(tmp_path)
    passages = (citation(1, text, "one"), citation(2, text, "three"), citation(3, text, "eleven"))
    answer = Answer("q", "none", False, (), passages, {})
    outcomes = [
        judge(EvalCase(c, "q", (a,), ()), answer, 1.0, corpus)
        for c, a in (("r1", "one two"), ("r3", "thirteen fourteen"), ("none", "zebra"))
    ]
    run = SetRun(EvalSet(tmp_path / "s.jsonl", ()), Settings(), tuple(outcomes))
    metrics = build_report([run], k=10).sets[0].overall.metrics
    assert metrics["mrr@10"].value == pytest.approx((1 + 1 / 3 + 0) / 3)
    assert metrics["hit@10"].count == 2
    assert metrics["source_hit"].n == 0 and metrics["source_hit"].value is None


# ---------------------------------------------------------------- end to end


def test_report_agrees_with_a_recount_from_qa_ask(
    corpus_settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    questions = [
        ("How many women are smuggled out of Kazakhstan each year?", ["7000", "7,000"]),
        ("Which ministry co-hosted the round table in Astana?", ["Ministry of Justice"]),
        ("Who won the 2018 FIFA World Cup?", []),
    ]
    path = write_set(
        tmp_path / "set.jsonl",
        [
            {"id": f"q{i}", "question": q, "answers": a, "sources": [], "unanswerable": not a}
            for i, (q, a) in enumerate(questions)
        ],
    )
    where = ["--corpus", str(corpus_settings.corpus_dir), "--index", str(corpus_settings.index_dir)]
    code, report, _ = run_json(capsys, str(path), "-k", "3", *where)
    assert code == 0

    in_passage, in_reply, abstained = [], [], []
    for question, answers in questions:
        assert main(["ask", question, "-k", "3", "--json", *where]) == 0
        reply = json.loads(capsys.readouterr().out)
        if answers:
            quotes = [" ".join(p["quote"].lower().split()) for p in reply["passages"]]
            in_passage.append(
                next(
                    (r for r, q in enumerate(quotes, 1) if any(a.lower() in q for a in answers)),
                    None,
                )
            )
            text = " ".join(reply["answer"].lower().split())
            in_reply.append(not reply["abstained"] and any(a.lower() in text for a in answers))
        abstained.append(reply["abstained"])

    metrics = report["sets"][0]["metrics"]
    assert metrics["hit@1"]["count"] == sum(r == 1 for r in in_passage)
    assert metrics["hit@3"]["count"] == sum(r is not None for r in in_passage)
    assert metrics["hit@3"]["n"] == 2
    assert metrics["answer_in_reply"]["count"] == sum(in_reply)
    assert metrics["abstention_rate_answerable"]["count"] == sum(abstained[:2])
    assert metrics["abstention_recall"]["count"] == int(abstained[2])
    assert metrics["citation_validity"] == {"value": 1.0, "count": 3, "n": 3}


@pytest.mark.slow
def test_a_set_with_a_sibling_corpus_is_indexed_once_into_the_cache(
    in_tiny_bench: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, report, _ = run_json(capsys, str(in_tiny_bench), "-k", "3")
    assert code == 0
    corpus = in_tiny_bench.parent / "corpus"
    index = cache_dir(in_tiny_bench, corpus, EVAL_CACHE)
    assert index.parent == Path("eval/cache") and index.name.startswith("bench-")
    assert report["sets"][0]["corpus"] == str(corpus)
    assert report["sets"][0]["index"] == str(index)
    built = current_generation(index)
    assert built is not None

    code, again, _ = run_json(capsys, str(in_tiny_bench), "-k", "3")
    assert code == 0
    assert current_generation(index) == built
    # two articles, two short passages: with k=3 every passage comes back
    metrics = again["sets"][0]["metrics"]
    assert metrics["hit@3"] == {"value": round(2 / 3, 6), "count": 2, "n": 3}
    assert metrics["source_hit"]["count"] == 3
    assert metrics["hit@5"]["value"] is None and metrics["mrr@10"]["value"] is None


@pytest.mark.slow
def test_json_report_has_the_documented_keys(
    in_tiny_bench: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, report, _ = run_json(capsys, str(in_tiny_bench), "-k", "3")
    assert code == 0
    assert set(report) == {"version", "k", "cases", "sets", "overall"}
    assert (report["version"], report["k"], report["cases"]) == (1, 3, 3)
    one = report["sets"][0]
    assert set(one) == {
        "name",
        "path",
        "corpus",
        "index",
        "cases",
        "skipped_lines",
        "metrics",
        "by_tag",
    }
    assert one["name"] == "bench/questions.jsonl"
    assert list(one["by_tag"]) == ["colour", "date"]
    assert one["by_tag"]["colour"]["cases"] == 2
    assert list(one["metrics"]) == [
        "hit@1",
        "hit@3",
        "hit@5",
        "hit@10",
        "mrr@10",
        "source_hit",
        "answer_in_reply",
        "answer_in_reply_given_hit@3",
        "citation_validity",
        "date_correct",
        "abstention_precision",
        "abstention_recall",
        "abstention_recall_on_topic",
        "abstention_recall_off_topic",
        "abstention_rate_answerable",
        "latency_p50_ms",
        "latency_p95_ms",
        "questions_per_second",
    ]
    assert set(one["metrics"]["latency_p95_ms"]) == {"value", "n"}


@pytest.mark.slow
def test_show_failures_gives_question_expected_answer_and_first_passage(
    in_tiny_bench: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, report, _ = run_json(capsys, str(in_tiny_bench), "-k", "3", "--show-failures")
    assert code == 0
    failures = {f["id"]: f for f in report["sets"][0]["failures"]}
    assert failures["l-2"]["kind"] == "missed"
    assert failures["l-2"]["expected"] == ["purple"]
    assert failures["l-2"]["answer_rank"] is None
    assert failures["l-2"]["first_passage"]["path"] in {"lighthouse.txt", "bakery.txt"}

    assert main(["eval", str(in_tiny_bench), "-k", "3", "--show-failures"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "✗ bench/questions.jsonl l-2: expected “purple”" in out
    assert "Q: What colour is the lighthouse keeper's boat?" in out
    assert "answer found in no passage" in out
    assert "first: [1]" in out


@pytest.mark.slow
def test_compare_exits_1_when_a_quality_metric_falls_beyond_the_tolerance(
    in_tiny_bench: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "saved.json"
    code, _, _ = run_json(capsys, str(in_tiny_bench), "-k", "3", "--save", str(saved))
    assert code == 0
    baseline = json.loads(saved.read_text(encoding="utf-8"))

    code, report, _ = run_json(capsys, str(in_tiny_bench), "-k", "3", "--compare", str(saved))
    assert code == 0
    assert report["comparison"]["regressed"] is False

    hit3 = baseline["sets"][0]["metrics"]["hit@3"]
    slower = json.loads(json.dumps(baseline))
    slower["sets"][0]["metrics"]["latency_p95_ms"]["value"] = 0.001
    slower["sets"][0]["metrics"]["hit@3"]["value"] = hit3["value"] + 0.02
    saved.write_text(json.dumps(slower), encoding="utf-8")
    code, _, _ = run_json(capsys, str(in_tiny_bench), "-k", "3", "--compare", str(saved))
    assert code == 0, "a fall of exactly the tolerance, and slower latency, do not fail"

    worse = json.loads(json.dumps(baseline))
    worse["sets"][0]["metrics"]["hit@3"]["value"] = hit3["value"] + 0.05
    saved.write_text(json.dumps(worse), encoding="utf-8")
    assert main(["eval", str(in_tiny_bench), "-k", "3", "--compare", str(saved)]) == 1
    captured = capsys.readouterr()
    new = hit3["value"]
    assert f"regression: bench/questions.jsonl hit@3 {new + 0.05:.3f} → {new:.3f}" in " ".join(
        captured.err.split()
    )
    assert "compared with" in captured.out


@pytest.mark.slow
def test_fail_under_exits_1_below_the_floor(
    in_tiny_bench: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["eval", str(in_tiny_bench), "-k", "3"]
    assert main([*argv, "--fail-under", "hit@3=0.6", "--fail-under", "source_hit=1"]) == 0
    capsys.readouterr()
    assert main([*argv, "--fail-under", "hit@3=0.7"]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "below floor: bench/questions.jsonl: hit@3 0.667 is below the floor 0.7" in err
    assert main([*argv, "--fail-under", "hit@10=0.5"]) == 1
    assert "hit@10 is not available (k=3)" in " ".join(capsys.readouterr().err.split())
    with pytest.raises(SystemExit) as usage:
        main([*argv, "--fail-under", "hits=0.5"])
    assert usage.value.code == 2
    assert "unknown metric 'hits'" in capsys.readouterr().err


@pytest.mark.slow
def test_table_shows_each_set_then_its_tags_and_dashes_above_k(in_tiny_bench: Path) -> None:
    report = _report_in_process(in_tiny_bench)
    console = Console(file=io.StringIO(), width=240)
    console.print(render_eval_report(report))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    rows = [line.split("│") for line in text.splitlines() if line.startswith("│")]
    assert [row[1].strip() for row in rows[:3]] == [
        "bench/questions.jsonl",
        "tag colour",
        "tag date",
    ]
    hit3 = report.sets[0].overall.metrics["hit@3"].value
    assert rows[0][2].strip() == "3"
    assert rows[0][4].strip() == f"{hit3:.3f}"
    assert rows[0][6].strip() == "—"


def _report_in_process(set_path: Path) -> EvalReport:
    from qa.evaluation.run import resolve_target, run_set
    from qa.search.assistant import Assistant

    loaded = load_set(set_path)
    target = resolve_target(set_path, Settings(k=3), cache_root=EVAL_CACHE)
    assistant = Assistant.open(target.settings)
    try:
        return build_report([run_set(loaded, assistant, k=3)], 3)
    finally:
        assistant.close()


def test_a_corpus_the_current_index_already_holds_is_answered_from_that_index(
    corpus_settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("QA_INDEX", str(corpus_settings.index_dir))
    questions = write_set(
        tmp_path / "mine.jsonl",
        [{"id": "1", "question": "Who wrote about trafficking?", "answers": ["x"], "sources": []}],
    )
    corpus = corpus_settings.corpus_dir
    code, report, err = run_json(capsys, questions.name, "--corpus", str(corpus))
    assert code == 0
    assert err.splitlines() == [
        f"mine.jsonl: corpus {corpus}, index {corpus_settings.index_dir} "
        "(already up to date for this corpus)",
        "evaluating mine.jsonl…",
    ]
    assert report["sets"][0]["index"] == str(corpus_settings.index_dir)
    assert not (tmp_path / "eval" / "cache").exists()


@pytest.mark.slow
def test_a_second_cache_of_the_same_corpus_embeds_nothing(
    tiny_bench: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    shutil.copytree(tiny_bench / "bench", tmp_path / "bench")
    monkeypatch.chdir(tmp_path)
    questions = Path("bench/questions.jsonl")
    corpus = Path("bench/corpus")
    index = cache_dir(questions, corpus, EVAL_CACHE)
    shared = EVAL_CACHE / "embeddings"

    def announced() -> list[str]:
        code, _, err = run_json(capsys, str(questions), "-k", "3")
        assert code == 0
        return [line for line in err.splitlines() if line.startswith("bench/questions.jsonl:")]

    first = announced()
    assert first[0] == (
        f"bench/questions.jsonl: corpus {corpus}, index {index} "
        f"(built for this set; shared vectors in {shared})"
    )
    embedded = int(first[1].split(": ")[1].split(" text")[0])
    assert embedded > 0
    assert (
        first[1]
        == f"bench/questions.jsonl: {embedded} texts embedded, 0 taken from the shared vectors"
    )

    shutil.rmtree(index)  # a new cache for the same corpus
    assert announced()[1] == (
        f"bench/questions.jsonl: 0 texts embedded, {embedded} taken from the shared vectors"
    )
