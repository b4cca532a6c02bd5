"""The records of an evaluation: judged cases, metrics, the report and its JSON.

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
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from qa.config import Settings
from qa.evaluation.sets import EvalSet
from qa.records import Answer, EvalCase, Passage

#: The version of the JSON report; a saved report of another version cannot be compared.
REPORT_VERSION = 1


@dataclass(frozen=True, slots=True)
class Outcome:
    """One case, the answer it got, and what the metrics make of it."""

    case: EvalCase
    answer: Answer
    latency_ms: float
    answer_rank: int | None
    expected_file_rank: int | None
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


@dataclass(frozen=True, slots=True)
class SetRun:
    """The outcomes of one set asked against one corpus and index."""

    eval_set: EvalSet
    settings: Settings
    outcomes: tuple[Outcome, ...]


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
    def first_passage(self) -> Passage | None:
        """The passage that came back first."""
        return self.answer.passages[0] if self.answer.passages else None

    def to_json(self) -> dict[str, Any]:
        """The failure object documented in the module docstring."""
        first = self.first_passage
        return {
            "id": self.case.case_id,
            "question": self.case.question,
            **(
                {"resolved_question": self.answer.resolved_question}
                if self.answer.resolved_question not in (None, self.case.question)
                else {}
            ),
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
