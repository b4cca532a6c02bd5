"""Rich renderables for ``qa eval``: the metric tables, the failures and a comparison."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from qa.evaluation.records import Comparison, EvalReport, MetricGroup
from qa.ui.render import FitToWidth, passage_header, table_min_width

_EVAL_TABLES = (
    (
        "retrieval",
        "ans",
        (
            ("hit@1", "hit@1"),
            ("hit@3", "hit@3"),
            ("hit@5", "hit@5"),
            ("hit@10", "hit@10"),
            ("mrr@10", "MRR@10"),
            ("source_hit", "src@k"),
        ),
    ),
    (
        "answers",
        "cases",
        (
            ("answer_in_reply", "in\nreply"),
            ("citation_validity", "cites\nvalid"),
            ("date_correct", "date\nright"),
            ("abstention_precision", "abst\nP"),
            ("abstention_recall", "abst\nR"),
            ("abstention_rate_answerable", "abst\nans"),
        ),
    ),
    (
        "abstention by kind, reply given retrieval",
        "cases",
        (
            ("abstention_recall_on_topic", "abst R\non topic"),
            ("abstention_recall_off_topic", "abst R\noff topic"),
            ("answer_in_reply_given_hit@3", "in reply\n| hit@3"),
        ),
    ),
)


def _eval_rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def render_eval_report(report: EvalReport) -> RenderableType:
    """The ``qa eval`` tables: one row per set, then a row per tag; then speed per set.

    Where the tables would not fit the width without breaking a set's name (a path is
    one long word), sets are labelled ``set 1``, ``set 2``, … and named below them.
    """
    return FitToWidth(lambda width: _eval_tables(report, width))


def _eval_tables(report: EvalReport, width: int) -> RenderableType:
    def labelled(names: Sequence[str]) -> list[tuple[str, MetricGroup]]:
        rows: list[tuple[str, MetricGroup]] = []
        for name, one in zip(names, report.sets, strict=True):
            rows.append((escape(name), one.overall))
            rows.extend(
                (f"  [dim]tag[/] {escape(tag)}", group) for tag, group in one.by_tag.items()
            )
        if len(report.sets) > 1:
            rows.append(("[bold]all sets[/]", report.overall))
        return rows

    numbered = [f"set {n}" for n in range(1, len(report.sets) + 1)]
    # Narrower and narrower layouts: set names in a boxed table, then without the outer
    # edges, then sets numbered and named below the table.
    layouts = [
        (labelled([one.name for one in report.sets]), False),
        (labelled([one.name for one in report.sets]), True),
        (labelled(numbered), True),
    ]
    rows, compact = next(
        (
            (rows, compact)
            for rows, compact in layouts
            if all(_eval_cells_width(_eval_cells(rows, t), compact) <= width for t in _EVAL_TABLES)
        ),
        layouts[-1],
    )
    legend: list[RenderableType] = []
    if rows is layouts[-1][0]:
        legend = [Text(f"{n}: {one.name}") for n, one in zip(numbered, report.sets, strict=True)]
    parts: list[RenderableType] = []
    for eval_table in _EVAL_TABLES:
        title, count_heading, columns = eval_table
        table = Table(
            title=f"{title} (k={report.k})",
            title_justify="left",
            show_edge=not compact,
            pad_edge=not compact,
        )
        table.add_column("set / tag")
        table.add_column(count_heading, justify="right", no_wrap=True)
        for _, heading in columns:
            table.add_column(heading, justify="right", no_wrap=True)
        for (label, _), cells in zip(rows, _eval_cells(rows, eval_table)[1:], strict=True):
            table.add_row(label, *cells[1:])
        parts.append(table)
        if count_heading == "ans":
            parts.extend(legend)
            parts.append(
                Text(
                    "over answerable questions (ans); src@k: over those listing sources; "
                    "— = a cut-off above k, or no such question",
                    style="dim",
                )
            )
    parts.append(
        Text(
            "cites valid: over all questions; date right: over questions with a date; "
            "abst P: over abstentions; abst R: over unanswerable questions (on topic: those "
            "not tagged off-topic); in reply | hit@3: over answerable questions with an "
            "answer in the first 3 passages; "
            "abst ans: answerable questions abstained from (lower is better)",
            style="dim",
        )
    )
    for one in report.sets:
        speed = one.overall.metrics
        parts.append(
            Text(
                f"{one.name}: {one.overall.cases} questions, "
                f"p50 {_eval_ms(speed['latency_p50_ms'].value)}, "
                f"p95 {_eval_ms(speed['latency_p95_ms'].value)}, "
                f"{_eval_qps(speed['questions_per_second'].value)}"
                + (f", {one.skipped_lines} malformed line(s) left out" if one.skipped_lines else "")
            )
        )
    return Group(*parts)


_EvalTable = tuple[str, str, tuple[tuple[str, str], ...]]


def _eval_cells(rows: Sequence[tuple[str, MetricGroup]], table: _EvalTable) -> list[list[str]]:
    """The plain text of each row's cells: its label, its count, its rates."""
    _, count_heading, columns = table
    cells = []
    for label, group in rows:
        metrics = group.metrics
        count = metrics["hit@1"].n if count_heading == "ans" else group.cases
        # A report saved before a metric existed (``--compare``) shows it as "—".
        rates = [
            _eval_rate(metrics[metric].value if metric in metrics else None)
            for metric, _ in columns
        ]
        cells.append([Text.from_markup(label).plain, str(count), *rates])
    cells.insert(0, ["set / tag", count_heading, *(heading for _, heading in columns)])
    return cells


def _eval_cells_width(cells: Sequence[Sequence[str]], compact: bool) -> int:
    # Without the outer edges a table loses two border characters and two of padding.
    return table_min_width(zip(*cells, strict=True)) - (4 if compact else 0)


def _eval_ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f} ms"


def _eval_qps(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} questions/s"


def render_eval_failures(report: EvalReport) -> RenderableType:
    """For each missed case: the question, the expected answers and what came back first."""
    parts: list[RenderableType] = []
    for one in report.sets:
        for failure in one.failures:
            case = failure.case
            if failure.kind == "answered_unanswerable":
                head = f"✗ {one.name} {case.case_id}: unanswerable, but answered"
            elif case.unanswerable:
                head = f"✗ {one.name} {case.case_id}: unanswerable"
            else:
                expected = " | ".join(case.answers)
                head = f"✗ {one.name} {case.case_id}: expected “{expected}”"
            lines = Text(head, style="bold red")
            body = [lines, Text("  Q: " + case.question)]
            resolved = failure.answer.resolved_question
            if resolved and resolved != case.question:
                body.append(Text("  → " + resolved, style="dim"))
            reply = "(abstained)" if failure.answer.abstained else failure.answer.text
            body.append(Text("  A: " + reply, style="yellow"))
            first = failure.first_passage
            if failure.citation_problem is not None:
                body.append(Text("  invalid citation: " + failure.citation_problem, style="red"))
            if not case.unanswerable:
                rank = failure.answer_rank
                where = f"in passage {rank}" if rank else "in no passage"
                body.append(Text(f"  answer found {where}", style="dim"))
            if first is not None:
                body.append(Text("  first: " + passage_header(first), style="cyan"))
                body.append(Text("    " + first.quote, style="dim"))
            parts.append(Group(*body))
    if not parts:
        return Text("No failures.")
    return Group(*parts)


def render_eval_comparison(comparison: Comparison) -> RenderableType:
    """Per-metric deltas against a saved report; regressions in red."""
    table = Table(
        title=f"compared with {escape(comparison.baseline)} "
        f"(a quality metric fails when worse by more than {comparison.tolerance})",
        title_justify="left",
    )
    for column in ("set", "metric", "saved", "now", "change"):
        table.add_column(column, justify="left" if column in ("set", "metric") else "right")
    for delta in comparison.deltas:
        change = delta.change
        if change is None:
            shown = "—"
        elif delta.regressed:
            shown = f"[bold red]{change:+.3f} ✗[/]"
        else:
            shown = f"{change:+.3f}"
        table.add_row(
            escape(delta.group),
            delta.metric,
            "—" if delta.old is None else f"{delta.old:.3f}",
            "—" if delta.new is None else f"{delta.new:.3f}",
            shown,
        )
    notes = [Text(note, style="yellow") for note in comparison.notes]
    return Group(table, *notes)
