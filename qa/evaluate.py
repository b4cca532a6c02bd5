"""Question sets → evaluation report: retrieval, answer, citation and abstention metrics.

A set is a JSONL file in the format of ``eval/README.md`` (``id``, ``question``,
``answers``, ``sources``; optional ``unanswerable``, ``titles``, ``date``,
``tags``). Every case is answered exactly as ``qa ask --json`` answers it
(``Assistant.open(settings).ask(question, k=k)``), so every number below can be
recounted from ``qa ask -k K --json`` on the same questions.

Which corpus a set is asked against (:func:`resolve_target`):

1. a ``corpus/`` folder next to the JSONL file (``bench/squad/questions.jsonl`` →
   ``bench/squad/corpus/``); its index is built on demand and cached in
   ``eval/cache/<set folder>-<hash of the corpus path>/`` under the current
   directory, and brought up to date (incrementally) before each run;
2. else ``--corpus DIR`` without ``--index``: the same cached index, for DIR;
3. else the corpus and index of the settings (``./corpus`` and ``./index``,
   ``$QA_CORPUS``/``$QA_INDEX``, ``--corpus``/``--index``), used as they are.

Metrics (each a :class:`Metric`: ``value``, and for rates ``count`` of ``n``):

``hit@1``, ``hit@3``, ``hit@5``, ``hit@10``
    answerable cases with an accepted answer in one of the first c passages. A
    passage contains an answer when the answer string occurs in its quote after
    lower-casing and collapsing whitespace. ``null`` when c > k: never computed
    from fewer passages than the cut-off names.
``mrr@10``
    mean over answerable cases of 1/rank of the first passage containing an
    answer (0 when none does); ``null`` when k < 10.
``source_hit``
    answerable cases with ``sources`` where a passage from a listed file is among
    the k passages.
``answer_in_reply``
    answerable cases whose answer text contains an accepted answer (same
    normalisation); an abstention counts as a miss.
``citation_validity``
    cases whose answer has every ``[n]`` marker resolving to a listed citation and
    every citation's and passage's quote equal to the whitespace-collapsed text of
    its file at ``[start:end]`` (the file read as the indexer reads it).
``date_correct``
    cases with a ``date`` whose first citation from a listed source (any citation
    when the case lists none) shows that publication date.
``abstention_precision``, ``abstention_recall``
    the positive class is the unanswerable cases, the prediction
    ``answer.abstained``: precision over abstentions, recall over unanswerable cases.
``abstention_rate_answerable``
    answerable cases answered with an abstention (lower is better).
``latency_p50_ms``, ``latency_p95_ms``
    nearest-rank percentiles of the wall time around each ``ask`` call. One
    untimed warm-up question runs first, so loading the model is not counted.
``questions_per_second``
    cases divided by the summed wall time of their ``ask`` calls.

The JSON report (``qa eval --json``, ``--save``)::

    {
      "version": 1,
      "k": 5,                        # passages asked for per question
      "cases": 1515,                 # questions run, over all sets
      "sets": [
        {
          "name": "squad/questions.jsonl",   # parent folder / file name: the compare key
          "path": "...", "corpus": "...", "index": "...",
          "cases": 1515,
          "skipped_lines": 0,        # malformed lines left out
          "metrics": {"hit@1": {"value": 0.8, "count": 1212, "n": 1515}, ...,
                      "latency_p50_ms": {"value": 11.2, "n": 1515}, ...},
          "by_tag": {"numbers": {"cases": 12, "metrics": {...}}, ...},
          "failures": [...]          # only with --show-failures
        }
      ],
      "overall": {"cases": 1515, "metrics": {...}},   # all sets together
      "comparison": {...}            # only with --compare (see Comparison.to_json)
    }

A failure is ``{"id", "question", "kind", "expected", "reply", "abstained",
"answer_rank", "citation_problem", "first_passage"}``; ``kind`` is ``"missed"``
(an answerable case whose reply lacks every accepted answer),
``"answered_unanswerable"``, or ``"invalid_citation"`` (otherwise right, but
``citation_problem`` says what is wrong with its citations; it is also given
for the other kinds, else null); ``first_passage`` is ``{"path", "title",
"published", "quote"}`` or null.

Comparing with a saved report (:func:`compare_reports`): for every set present
in both (matched by ``name``) and for ``overall``, each metric's delta is new −
old. A quality metric regresses when it gets worse by more than
:data:`COMPARE_TOLERANCE` (0.02 absolute; for ``abstention_rate_answerable``
worse means higher). Latency and throughput are shown, never failing.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qa.config import Settings
from qa.errors import EvalFormatError
from qa.records import Answer, Citation, EvalCase

if TYPE_CHECKING:
    from qa.assistant import Assistant
    from qa.indexing import ProgressSink

REPORT_VERSION = 1
CUTOFFS = (1, 3, 5, 10)
MRR_CUTOFF = 10
COMPARE_TOLERANCE = 0.02
CACHE_ROOT = Path("eval/cache")

#: Every metric of a report, in display order.
METRICS = (
    *(f"hit@{c}" for c in CUTOFFS),
    f"mrr@{MRR_CUTOFF}",
    "source_hit",
    "answer_in_reply",
    "citation_validity",
    "date_correct",
    "abstention_precision",
    "abstention_recall",
    "abstention_rate_answerable",
    "latency_p50_ms",
    "latency_p95_ms",
    "questions_per_second",
)
#: Speed measures: compared for information, never a regression.
SPEED_METRICS = frozenset({"latency_p50_ms", "latency_p95_ms", "questions_per_second"})
#: Quality metrics where a higher value is worse.
LOWER_IS_BETTER = frozenset({"abstention_rate_answerable"})

_MARKER = re.compile(r"\[(\d+)\]")


def normalise(text: str) -> str:
    """Lower-cased text with every run of whitespace collapsed to one space."""
    return " ".join(text.lower().split())


def contains_answer(text: str, answers: Iterable[str]) -> bool:
    """Whether ``text`` contains one of ``answers`` after :func:`normalise`."""
    haystack = normalise(text)
    return any((needle := normalise(a)) and needle in haystack for a in answers)


# ---------------------------------------------------------------- loading


@dataclass(frozen=True, slots=True)
class EvalSet:
    """The usable cases of one JSONL file, and one ``FILE:LINE: problem`` per skipped line."""

    path: Path
    cases: tuple[EvalCase, ...]
    problems: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """``parent-folder/file-name``: how reports and comparisons name the set."""
        return (
            f"{self.path.parent.name}/{self.path.name}"
            if self.path.parent.name
            else (self.path.name)
        )


class _BadLineError(Exception):
    """A line of a set that cannot become a case; the message says why."""


def load_set(path: Path) -> EvalSet:
    """Read a JSONL set; malformed lines are listed in ``problems`` and left out.

    Raise EvalFormatError when the file cannot be read at all.
    """
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise EvalFormatError(f"cannot read evaluation set {path}: it is a directory") from None
    except OSError as error:
        raise EvalFormatError(
            f"cannot read evaluation set {path}: {error.strerror or error}"
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise EvalFormatError(
            f"cannot read evaluation set {path}: not UTF-8 text (byte {error.start})"
        ) from None
    cases: list[EvalCase] = []
    problems: list[str] = []
    first_line: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            case = _parse_case(line)
            if case.case_id in first_line:
                raise _BadLineError(
                    f"duplicate id {case.case_id!r} (first on line {first_line[case.case_id]})"
                )
        except _BadLineError as problem:
            problems.append(f"{path}:{number}: {problem}")
            continue
        first_line[case.case_id] = number
        cases.append(case)
    return EvalSet(path, tuple(cases), tuple(problems))


def _parse_case(line: str) -> EvalCase:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as error:
        raise _BadLineError(f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(item, dict):
        raise _BadLineError("not a JSON object")
    for key in ("id", "question", "answers", "sources"):
        if key not in item:
            raise _BadLineError(f"missing field {key!r}")
    case_id = item["id"]
    if not isinstance(case_id, str) or not case_id.strip():
        raise _BadLineError("'id' must be a non-empty string")
    question = item["question"]
    if not isinstance(question, str) or not question.strip():
        raise _BadLineError("'question' must be a non-empty string")
    unanswerable = item.get("unanswerable", False)
    if not isinstance(unanswerable, bool):
        raise _BadLineError("'unanswerable' must be true or false")
    answers = _strings(item, "answers")
    if not unanswerable and not any(a.strip() for a in answers):
        raise _BadLineError("'answers' is empty but the question is not marked unanswerable")
    if unanswerable and answers:
        raise _BadLineError("an unanswerable question lists answers")
    when = item.get("date")
    if when is not None:
        if not isinstance(when, str):
            raise _BadLineError("'date' must be an ISO 8601 date string")
        try:
            date.fromisoformat(when)
        except ValueError:
            raise _BadLineError(
                f"'date' {when!r} is not an ISO 8601 date like 2017-02-20"
            ) from None
    return EvalCase(
        case_id=case_id,
        question=question,
        answers=answers,
        sources=_strings(item, "sources"),
        unanswerable=unanswerable,
        titles=_strings(item, "titles"),
        date=when,
        tags=_strings(item, "tags"),
    )


def _strings(item: dict[str, Any], key: str) -> tuple[str, ...]:
    value = item.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _BadLineError(f"{key!r} must be a list of strings")
    return tuple(value)


# ---------------------------------------------------------------- where a set runs


@dataclass(frozen=True, slots=True)
class EvalTarget:
    """The settings a set is answered with; ``build`` when its index is ours to update."""

    settings: Settings
    build: bool


def sibling_corpus(set_path: Path) -> Path | None:
    """The ``corpus/`` folder next to a set file, if there is one."""
    candidate = set_path.parent / "corpus"
    return candidate if candidate.is_dir() else None


def cache_dir(set_path: Path, corpus_dir: Path, root: Path = CACHE_ROOT) -> Path:
    """Where the index of a set's own corpus is cached: ``<root>/<set folder>-<hash>``."""
    digest = hashlib.sha256(str(corpus_dir.resolve()).encode()).hexdigest()[:10]
    label = set_path.resolve().parent.name or "set"
    return root / f"{label}-{digest}"


def resolve_target(
    set_path: Path,
    base: Settings,
    *,
    corpus: Path | None = None,
    index: Path | None = None,
    cache_root: Path = CACHE_ROOT,
) -> EvalTarget:
    """Which corpus and index ``set_path`` is asked against (see the module docstring).

    ``corpus`` and ``index`` are the folders the user named explicitly, if any.
    """
    own = sibling_corpus(set_path)
    if own is not None:
        return EvalTarget(
            replace(base, corpus_dir=own, index_dir=cache_dir(set_path, own, cache_root)), True
        )
    if corpus is not None and index is None:
        return EvalTarget(
            replace(base, corpus_dir=corpus, index_dir=cache_dir(set_path, corpus, cache_root)),
            True,
        )
    return EvalTarget(base, False)


# ---------------------------------------------------------------- running


@dataclass(frozen=True, slots=True)
class Outcome:
    """One case, the answer it got, and what the metrics make of it."""

    case: EvalCase
    answer: Answer
    latency_ms: float
    answer_rank: int | None
    source_rank: int | None
    reply_hit: bool
    citation_problem: str | None
    date_ok: bool | None

    @property
    def missed(self) -> bool:
        """An answerable case whose reply holds no accepted answer, or an answered unanswerable."""
        if self.case.unanswerable:
            return not self.answer.abstained
        return not self.reply_hit

    @property
    def failed(self) -> bool:
        """Missed, or answered with an invalid citation."""
        return self.missed or self.citation_problem is not None


class CorpusText:
    """The text view citations point into, read once per file from a corpus folder."""

    def __init__(self, corpus_dir: Path):
        self._corpus_dir = corpus_dir
        self._texts: dict[str, str | None] = {}

    def text(self, relative: str) -> str | None:
        """The decoded text of a corpus file, None when it cannot be read."""
        if relative not in self._texts:
            from qa.ingest import UnusableFileError, read_source

            try:
                self._texts[relative] = read_source(self._corpus_dir / relative, relative).text
            except UnusableFileError:
                self._texts[relative] = None
        return self._texts[relative]


def citation_problem(answer: Answer, corpus: CorpusText) -> str | None:
    """Why the answer's citations are not valid, or None when they are."""
    listed = {c.marker for c in answer.citations}
    for marker in _MARKER.findall(answer.text):
        if int(marker) not in listed:
            return f"marker [{marker}] has no citation"
    for citation in (*answer.citations, *answer.passages):
        text = corpus.text(citation.path)
        if text is None:
            return f"[{citation.marker}] cites {citation.path}, which cannot be read"
        if " ".join(text[citation.start : citation.end].split()) != citation.quote:
            return (
                f"[{citation.marker}] quote differs from {citation.path}"
                f"[{citation.start}:{citation.end}]"
            )
    return None


def judge(case: EvalCase, answer: Answer, latency_ms: float, corpus: CorpusText) -> Outcome:
    """Score one answer against its case."""
    answer_rank = next(
        (i for i, p in enumerate(answer.passages, 1) if contains_answer(p.quote, case.answers)),
        None,
    )
    source_rank = next(
        (i for i, p in enumerate(answer.passages, 1) if p.path in case.sources), None
    )
    reply_hit = (
        not case.unanswerable
        and not answer.abstained
        and contains_answer(answer.text, case.answers)
    )
    date_ok: bool | None = None
    if case.date is not None:
        shown = _first_cited(answer.citations, case.sources)
        date_ok = (
            shown is not None
            and shown.published is not None
            and shown.published == date.fromisoformat(case.date)
        )
    return Outcome(
        case,
        answer,
        latency_ms,
        answer_rank,
        source_rank,
        reply_hit,
        citation_problem(answer, corpus),
        date_ok,
    )


def _first_cited(citations: Sequence[Citation], sources: Sequence[str]) -> Citation | None:
    if not sources:
        return citations[0] if citations else None
    return next((c for c in citations if c.path in sources), None)


@dataclass(frozen=True, slots=True)
class SetRun:
    """The outcomes of one set asked against one corpus and index."""

    eval_set: EvalSet
    settings: Settings
    outcomes: tuple[Outcome, ...]


def run_set(
    eval_set: EvalSet,
    assistant: Assistant,
    *,
    k: int,
    progress: ProgressSink | None = None,
) -> SetRun:
    """Ask every case of ``eval_set`` with ``k`` passages and judge the answers."""
    corpus = CorpusText(assistant.settings.corpus_dir)
    if eval_set.cases:
        assistant.ask(eval_set.cases[0].question, k=k)  # warm-up: load the model untimed
    if progress is not None:
        progress.start(f"evaluating {eval_set.name}", len(eval_set.cases))
    outcomes = []
    try:
        for case in eval_set.cases:
            began = time.perf_counter()
            answer = assistant.ask(case.question, k=k)
            latency_ms = (time.perf_counter() - began) * 1000
            outcomes.append(judge(case, answer, latency_ms, corpus))
            if progress is not None:
                progress.advance(1)
    finally:
        if progress is not None:
            progress.finish()
    return SetRun(eval_set, assistant.settings, tuple(outcomes))


def evaluate_sets(
    sets: Sequence[EvalSet],
    settings: Settings,
    *,
    corpus: Path | None = None,
    index: Path | None = None,
    progress: Callable[[], ProgressSink] | None = None,
    announce: Callable[[str], None] | None = None,
) -> EvalReport:
    """Ask every set against its corpus (indexed on demand, see ``resolve_target``) with
    ``settings.k`` passages and report the metrics. ``announce`` hears which corpus and
    index a set uses when they are built for it; ``progress`` makes a progress sink."""
    from qa.assistant import Assistant

    runs = []
    for eval_set in sets:
        target = resolve_target(eval_set.path, settings, corpus=corpus, index=index)
        if target.build:
            if announce is not None:
                announce(
                    f"{eval_set.name}: corpus {target.settings.corpus_dir}, "
                    f"index {target.settings.index_dir}"
                )
            prepare_index(target, progress() if progress else None)
        assistant = Assistant.open(target.settings)
        try:
            sink = progress() if progress else None
            runs.append(run_set(eval_set, assistant, k=settings.k, progress=sink))
        finally:
            assistant.close()
    return build_report(runs, settings.k)


def prepare_index(target: EvalTarget, progress: ProgressSink | None = None) -> bool:
    """Build or update a cached index when the target owns one; True when it wrote."""
    if not target.build:
        return False
    from qa.indexing import update_index

    return update_index(target.settings, progress=progress).wrote


# ---------------------------------------------------------------- metrics


@dataclass(frozen=True, slots=True)
class Metric:
    """A value with its sample size; for rates, ``count`` of ``n`` cases. None = not computable."""

    value: float | None
    n: int
    count: int | None = None

    def to_json(self) -> dict[str, Any]:
        """``{"value", "n"}``, plus ``"count"`` for rates."""
        value = None if self.value is None else round(self.value, 6)
        out: dict[str, Any] = {"value": value}
        if self.count is not None:
            out["count"] = self.count
        out["n"] = self.n
        return out

    @classmethod
    def from_json(cls, item: Any) -> Metric:
        """A metric read back from a saved report."""
        if not isinstance(item, dict) or "n" not in item:
            raise ValueError("a metric must be an object with 'value' and 'n'")
        value = item.get("value")
        return cls(None if value is None else float(value), int(item["n"]), item.get("count"))


def _rate(flags: Sequence[bool]) -> Metric:
    hits = sum(flags)
    return Metric(hits / len(flags) if flags else None, len(flags), hits)


def _percentile(values: Sequence[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def compute_metrics(outcomes: Sequence[Outcome], k: int) -> dict[str, Metric]:
    """Every metric of :data:`METRICS` over ``outcomes`` asked with ``k`` passages."""
    answerable = [o for o in outcomes if not o.case.unanswerable]
    metrics: dict[str, Metric] = {}
    for cutoff in CUTOFFS:
        if cutoff > k:
            metrics[f"hit@{cutoff}"] = Metric(None, len(answerable))
        else:
            metrics[f"hit@{cutoff}"] = _rate(
                [o.answer_rank is not None and o.answer_rank <= cutoff for o in answerable]
            )
    if k < MRR_CUTOFF:
        metrics[f"mrr@{MRR_CUTOFF}"] = Metric(None, len(answerable))
    else:
        reciprocal = [
            1 / o.answer_rank if o.answer_rank is not None and o.answer_rank <= MRR_CUTOFF else 0.0
            for o in answerable
        ]
        metrics[f"mrr@{MRR_CUTOFF}"] = Metric(
            sum(reciprocal) / len(reciprocal) if reciprocal else None, len(reciprocal)
        )
    metrics["source_hit"] = _rate([o.source_rank is not None for o in answerable if o.case.sources])
    metrics["answer_in_reply"] = _rate([o.reply_hit for o in answerable])
    metrics["citation_validity"] = _rate([o.citation_problem is None for o in outcomes])
    metrics["date_correct"] = _rate([bool(o.date_ok) for o in outcomes if o.date_ok is not None])
    abstained = [o for o in outcomes if o.answer.abstained]
    unanswerable = [o for o in outcomes if o.case.unanswerable]
    metrics["abstention_precision"] = _rate([o.case.unanswerable for o in abstained])
    metrics["abstention_recall"] = _rate([o.answer.abstained for o in unanswerable])
    metrics["abstention_rate_answerable"] = _rate([o.answer.abstained for o in answerable])
    latencies = [o.latency_ms for o in outcomes]
    metrics["latency_p50_ms"] = Metric(_percentile(latencies, 0.50), len(latencies))
    metrics["latency_p95_ms"] = Metric(_percentile(latencies, 0.95), len(latencies))
    seconds = sum(latencies) / 1000
    metrics["questions_per_second"] = Metric(
        len(latencies) / seconds if seconds > 0 else None, len(latencies)
    )
    return metrics


# ---------------------------------------------------------------- report


@dataclass(frozen=True, slots=True)
class Failure:
    """A missed case, for ``--show-failures``."""

    case: EvalCase
    answer: Answer
    answer_rank: int | None
    missed: bool
    citation_problem: str | None

    @property
    def kind(self) -> str:
        """``missed``, ``answered_unanswerable`` or ``invalid_citation``."""
        if not self.missed:
            return "invalid_citation"
        return "answered_unanswerable" if self.case.unanswerable else "missed"

    @property
    def first_passage(self) -> Citation | None:
        """The passage that came back first."""
        return self.answer.passages[0] if self.answer.passages else None

    def to_json(self) -> dict[str, Any]:
        """The failure object documented in the module docstring."""
        first = self.first_passage
        return {
            "id": self.case.case_id,
            "question": self.case.question,
            "kind": self.kind,
            "expected": list(self.case.answers),
            "reply": self.answer.text,
            "abstained": self.answer.abstained,
            "answer_rank": self.answer_rank,
            "citation_problem": self.citation_problem,
            "first_passage": None
            if first is None
            else {
                "path": first.path,
                "title": first.title,
                "published": first.published.isoformat() if first.published else None,
                "quote": first.quote,
            },
        }


@dataclass(frozen=True, slots=True)
class MetricGroup:
    """Metrics over a group of cases (a set, a tag, or everything)."""

    cases: int
    metrics: dict[str, Metric]

    def to_json(self) -> dict[str, Any]:
        """``{"cases", "metrics"}``."""
        return {"cases": self.cases, "metrics": {k: m.to_json() for k, m in self.metrics.items()}}


@dataclass(frozen=True, slots=True)
class SetReport:
    """The report of one set: overall metrics, metrics per tag, failures."""

    name: str
    path: str
    corpus: str
    index: str
    skipped_lines: int
    overall: MetricGroup
    by_tag: dict[str, MetricGroup]
    failures: tuple[Failure, ...]

    def to_json(self, *, failures: bool = False) -> dict[str, Any]:
        """The set object documented in the module docstring."""
        out: dict[str, Any] = {
            "name": self.name,
            "path": self.path,
            "corpus": self.corpus,
            "index": self.index,
            "cases": self.overall.cases,
            "skipped_lines": self.skipped_lines,
            "metrics": self.overall.to_json()["metrics"],
            "by_tag": {tag: group.to_json() for tag, group in self.by_tag.items()},
        }
        if failures:
            out["failures"] = [f.to_json() for f in self.failures]
        return out


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Everything ``qa eval`` measured, per set and over all sets."""

    k: int
    sets: tuple[SetReport, ...]
    overall: MetricGroup
    comparison: Comparison | None = None

    def to_json(self, *, failures: bool = False) -> dict[str, Any]:
        """The report object documented in the module docstring."""
        out: dict[str, Any] = {
            "version": REPORT_VERSION,
            "k": self.k,
            "cases": self.overall.cases,
            "sets": [s.to_json(failures=failures) for s in self.sets],
            "overall": self.overall.to_json(),
        }
        if self.comparison is not None:
            out["comparison"] = self.comparison.to_json()
        return out


def _group(outcomes: Sequence[Outcome], k: int) -> MetricGroup:
    return MetricGroup(len(outcomes), compute_metrics(outcomes, k))


def set_report(run: SetRun, k: int) -> SetReport:
    """Metrics of one set, overall and per tag (tags in order of first appearance)."""
    tags: dict[str, list[Outcome]] = {}
    for outcome in run.outcomes:
        for tag in outcome.case.tags:
            tags.setdefault(tag, []).append(outcome)
    return SetReport(
        name=run.eval_set.name,
        path=str(run.eval_set.path),
        corpus=str(run.settings.corpus_dir),
        index=str(run.settings.index_dir),
        skipped_lines=len(run.eval_set.problems),
        overall=_group(run.outcomes, k),
        by_tag={tag: _group(outcomes, k) for tag, outcomes in tags.items()},
        failures=tuple(
            Failure(o.case, o.answer, o.answer_rank, o.missed, o.citation_problem)
            for o in run.outcomes
            if o.failed
        ),
    )


def build_report(runs: Sequence[SetRun], k: int) -> EvalReport:
    """The report over every set that ran."""
    everything = [o for run in runs for o in run.outcomes]
    return EvalReport(k, tuple(set_report(run, k) for run in runs), _group(everything, k))


# ---------------------------------------------------------------- thresholds and comparison


def parse_floor(spec: str) -> tuple[str, float]:
    """``hit@3=0.8`` → ``("hit@3", 0.8)``; raise ValueError with a message for people."""
    metric, equals, value = spec.partition("=")
    metric = metric.strip()
    if not equals:
        raise ValueError(f"{spec!r} is not METRIC=VALUE, e.g. hit@3=0.8")
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}; one of: {', '.join(METRICS)}")
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{value.strip()!r} is not a number") from None
    return metric, number


def floor_failures(report: EvalReport, floors: Sequence[tuple[str, float]]) -> list[str]:
    """One line per floor the first set falls below (a null metric falls below every floor)."""
    if not report.sets:
        return []
    first = report.sets[0]
    problems = []
    for metric, floor in floors:
        value = first.overall.metrics[metric].value
        if value is None:
            problems.append(
                f"{first.name}: {metric} is not available (k={report.k}); floor {floor}"
            )
        elif value < floor:
            problems.append(f"{first.name}: {metric} {value:.3f} is below the floor {floor}")
    return problems


@dataclass(frozen=True, slots=True)
class Delta:
    """One metric of one group in two reports."""

    group: str
    metric: str
    old: float | None
    new: float | None
    regressed: bool

    @property
    def change(self) -> float | None:
        """new − old, None when either is missing."""
        if self.old is None or self.new is None:
            return None
        return self.new - self.old


@dataclass(frozen=True, slots=True)
class Comparison:
    """Per-metric deltas between a saved report and this run."""

    baseline: str
    tolerance: float
    deltas: tuple[Delta, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def regressions(self) -> list[Delta]:
        """The quality metrics that got worse by more than the tolerance."""
        return [d for d in self.deltas if d.regressed]

    def to_json(self) -> dict[str, Any]:
        """``{"baseline", "tolerance", "notes", "regressed", "deltas": [...]}``."""
        return {
            "baseline": self.baseline,
            "tolerance": self.tolerance,
            "notes": list(self.notes),
            "regressed": bool(self.regressions),
            "deltas": [
                {
                    "group": d.group,
                    "metric": d.metric,
                    "old": d.old,
                    "new": d.new,
                    "change": None if d.change is None else round(d.change, 6),
                    "regressed": d.regressed,
                }
                for d in self.deltas
            ],
        }


def load_report(path: Path) -> dict[str, Any]:
    """A report saved with ``--save``; raise EvalFormatError when it cannot be used."""
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise EvalFormatError(f"cannot read report {path}: {error.strerror or error}") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise EvalFormatError(f"cannot read report {path}: not a JSON report") from None
    if not isinstance(report, dict) or not isinstance(report.get("sets"), list):
        raise EvalFormatError(f"cannot read report {path}: not a qa eval report")
    if report.get("version") != REPORT_VERSION:
        raise EvalFormatError(
            f"cannot compare with {path}: report version {report.get('version')!r}, "
            f"this qa writes version {REPORT_VERSION}"
        )
    return report


def _saved_groups(saved: dict[str, Any]) -> dict[str, dict[str, Metric]]:
    groups: dict[str, dict[str, Metric]] = {}
    try:
        for item in saved["sets"]:
            groups[item["name"]] = {k: Metric.from_json(v) for k, v in item["metrics"].items()}
        if "overall" in saved:
            groups["overall"] = {
                k: Metric.from_json(v) for k, v in saved["overall"]["metrics"].items()
            }
    except (KeyError, TypeError, ValueError):
        raise EvalFormatError("the saved report is damaged: a set lacks its metrics") from None
    return groups


def compare_reports(
    report: EvalReport,
    saved: dict[str, Any],
    *,
    baseline: str = "saved report",
    tolerance: float = COMPARE_TOLERANCE,
) -> Comparison:
    """Deltas of every metric of every set present in both reports, and of ``overall``."""
    old_groups = _saved_groups(saved)
    current = {s.name: s.overall.metrics for s in report.sets}
    current["overall"] = report.overall.metrics
    notes = []
    if saved.get("k") != report.k:
        notes.append(f"the saved report used k={saved.get('k')}, this run k={report.k}")
    deltas = []
    for group, metrics in current.items():
        old_metrics = old_groups.get(group)
        if old_metrics is None:
            notes.append(f"{group} is not in the saved report")
            continue
        for name in METRICS:
            value = metrics[name].value
            new = None if value is None else round(value, 6)  # as a saved report holds it
            old_metric = old_metrics.get(name)
            old = None if old_metric is None else old_metric.value
            deltas.append(Delta(group, name, old, new, _regressed(name, old, new, tolerance)))
    for group in old_groups:
        if group not in current:
            notes.append(f"{group} was in the saved report but did not run")
    return Comparison(baseline, tolerance, tuple(deltas), tuple(notes))


def _regressed(metric: str, old: float | None, new: float | None, tolerance: float) -> bool:
    if metric in SPEED_METRICS or old is None or new is None:
        return False
    worse = new - old if metric in LOWER_IS_BETTER else old - new
    # a hair of slack so that a change of exactly the tolerance does not fail on rounding
    return worse > tolerance + 1e-9
