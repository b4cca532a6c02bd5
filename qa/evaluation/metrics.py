"""Metrics over judged cases, the report built from them, floors and comparison.

Metrics (each a :class:`~qa.evaluation.records.Metric`: ``value``, and for rates
``count`` of ``n``):

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
``answer_in_reply_given_hit@3``
    the same, over the answerable cases with an accepted answer in one of the first
    three passages: how often the reply keeps what retrieval found.
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
``abstention_recall_on_topic``, ``abstention_recall_off_topic``
    abstention recall split by kind: over the unanswerable cases tagged
    ``off-topic``, and over the other unanswerable cases (tagged
    ``on-topic-unanswerable``, or untagged such as SQuAD 2.0's, which are written
    against the articles themselves).
``abstention_rate_answerable``
    answerable cases answered with an abstention (lower is better).
``latency_p50_ms``, ``latency_p95_ms``
    nearest-rank percentiles of the wall time around each ``ask`` call. One
    untimed warm-up question runs first, so loading the model is not counted.
``questions_per_second``
    cases divided by the summed wall time of their ``ask`` calls.

Comparing with a saved report (:func:`compare_reports`): for every set present
in both (matched by ``name``) and for ``overall``, each metric's delta is new −
old. A quality metric regresses when it gets worse by more than
:data:`COMPARE_TOLERANCE` (0.02 absolute; for ``abstention_rate_answerable``
worse means higher). Latency and throughput are shown, never failing.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from qa.errors import EvalFormatError
from qa.evaluation.records import (
    REPORT_VERSION,
    Comparison,
    Delta,
    EvalReport,
    Failure,
    Metric,
    MetricGroup,
    Outcome,
    SetReport,
    SetRun,
)

CUTOFFS = (1, 3, 5, 10)
#: The tag of unanswerable cases that are about something else than the corpus.
OFF_TOPIC = "off-topic"
MRR_CUTOFF = 10
COMPARE_TOLERANCE = 0.02

#: Every metric of a report, in display order.
METRICS = (
    *(f"hit@{c}" for c in CUTOFFS),
    f"mrr@{MRR_CUTOFF}",
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
)
#: Speed measures: compared for information, never a regression.
SPEED_METRICS = frozenset({"latency_p50_ms", "latency_p95_ms", "questions_per_second"})
#: Quality metrics where a higher value is worse.
LOWER_IS_BETTER = frozenset({"abstention_rate_answerable"})


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
    metrics["source_hit"] = _rate(
        [o.expected_file_rank is not None for o in answerable if o.case.expected_files]
    )
    metrics["answer_in_reply"] = _rate([o.reply_hit for o in answerable])
    metrics["answer_in_reply_given_hit@3"] = _rate(
        [o.reply_hit for o in answerable if o.answer_rank is not None and o.answer_rank <= 3]
    )
    metrics["citation_validity"] = _rate([o.citation_problem is None for o in outcomes])
    metrics["date_correct"] = _rate([bool(o.date_ok) for o in outcomes if o.date_ok is not None])
    abstained = [o for o in outcomes if o.answer.abstained]
    unanswerable = [o for o in outcomes if o.case.unanswerable]
    metrics["abstention_precision"] = _rate([o.case.unanswerable for o in abstained])
    metrics["abstention_recall"] = _rate([o.answer.abstained for o in unanswerable])
    off_topic = [OFF_TOPIC in o.case.tags for o in unanswerable]
    metrics["abstention_recall_on_topic"] = _rate(
        [o.answer.abstained for o, off in zip(unanswerable, off_topic, strict=True) if not off]
    )
    metrics["abstention_recall_off_topic"] = _rate(
        [o.answer.abstained for o, off in zip(unanswerable, off_topic, strict=True) if off]
    )
    metrics["abstention_rate_answerable"] = _rate([o.answer.abstained for o in answerable])
    latencies = [o.latency_ms for o in outcomes]
    metrics["latency_p50_ms"] = Metric(_percentile(latencies, 0.50), len(latencies))
    metrics["latency_p95_ms"] = Metric(_percentile(latencies, 0.95), len(latencies))
    seconds = sum(latencies) / 1000
    metrics["questions_per_second"] = Metric(
        len(latencies) / seconds if seconds > 0 else None, len(latencies)
    )
    return metrics


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
