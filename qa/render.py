"""Rich renderables for answers, sources and reports (only front ends import this).

This is also the boundary between article text and the terminal: every front end
prints through :class:`SafeConsole`, which passes each printed character through
:func:`terminal_safe`, and JSON through :func:`safe_json`. Text from articles
(titles, bylines, quotes, file names) is always put in ``Text`` objects, never into
markup strings, so ``[link=…]`` or ``:smile:`` in an article is shown as written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.markup import escape
from rich.padding import Padding
from rich.panel import Panel
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from qa.eval_records import Comparison, EvalReport, MetricGroup
from qa.records import DERIVED, INFERRED, Answer, ArticleSummary, IndexStatus, Passage

# Characters that could drive a terminal, and how they are shown instead: C0 controls
# as their control pictures (ESC as ␛, BEL as ␇), DEL as ␡, C1 controls (U+009B is a
# CSI on its own) and bidirectional overrides as escapes.
_UNSAFE_CHARACTERS: dict[int, str] = {
    **{code: chr(0x2400 + code) for code in range(32) if code not in (9, 10)},
    0x7F: "\u2421",
    **{code: f"\\x{code:02x}" for code in range(0x80, 0xA0)},
    **{code: f"\\u{code:04x}" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
}
_UNSAFE_IN_JSON = re.compile("[\u0080-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` with nothing a terminal would act on: control characters made visible."""
    return text.replace("\r\n", "\n").translate(_UNSAFE_CHARACTERS)


class SafeConsole(Console):
    """A rich Console that shows every printed character through :func:`terminal_safe`.

    Only the text rich is asked to print is changed; rich's own styling and cursor
    sequences are added afterwards. Emoji codes such as ``:smile:`` are never replaced.
    """

    def __init__(self, **options: Any):
        options.setdefault("emoji", False)
        super().__init__(**options)

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(
            segment if segment.control else Segment(terminal_safe(segment.text), segment.style)
            for segment in buffer
        )


def safe_json(payload: Any, *, indent: int | None = 2) -> str:
    """``payload`` as indented JSON whose text cannot drive a terminal: control
    characters, C1 controls and bidirectional overrides are written as ``\\uXXXX``."""
    text = json.dumps(payload, ensure_ascii=False, indent=indent)
    return _UNSAFE_IN_JSON.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


#: How much article text `:open` shows on each side of a passage.
CONTEXT_CHARACTERS = 600

_MARKER = re.compile(r"\[\d+\]")


def shown_outlet(outlet: str, provenance: dict[str, str]) -> str:
    """An outlet's name, with "(inferred)" when the text only suggests it."""
    return f"{outlet} (inferred)" if provenance.get("outlet") == INFERRED else outlet


def passage_header(passage: Passage) -> str:
    """``[n] Outlet · "Title" · Author · 2017-11-03 · path:line`` (unknowns said so)."""
    parts = [f"[{passage.marker}]"]
    if passage.outlet:
        parts.append(shown_outlet(passage.outlet, passage.provenance) + " ·")
    parts.append(f"“{passage.title}” ·")
    if passage.author:
        parts.append(passage.author + " ·")
    parts.append((passage.published.isoformat() if passage.published else "date unknown") + " ·")
    parts.append(f"{passage.path}:{passage.line}")
    return " ".join(parts)


def render_passage(passage: Passage, emphasis: Sequence[str] = ()) -> RenderableType:
    """A passage's header line and its quote, ``emphasis`` sentences in bold.

    A passage whose file changed or went away since indexing is not quoted: the
    file may no longer say it.
    """
    if passage.stale is not None:
        return Group(
            Text(passage_header(passage), style="bold cyan"),
            Padding(Text(stale_remark(passage.stale), style="yellow"), (0, 0, 0, 4)),
        )
    quote = Text(passage.quote, style="dim")
    for sentence in emphasis:
        start = passage.quote.find(sentence)
        if start >= 0:
            quote.stylize("bold not dim", start, start + len(sentence))
    return Group(
        Text(passage_header(passage), style="bold cyan"),
        Padding(quote, (0, 0, 0, 4), expand=False),
    )


def stale_remark(state: str) -> str:
    """What replaces the quote of a passage whose file is ``state`` ("changed"/"removed")."""
    return (
        f"This file was {state} after the index was built, so the passage may no longer "
        "be in it; run `qa index` and ask again."
    )


def answer_sentences(answer: Answer) -> list[str]:
    """The sentences of an answer's text, without their [n] markers."""
    return [part.strip() for part in _MARKER.split(answer.text) if part.strip()]


def render_answer(answer: Answer) -> RenderableType:
    """The answer block, then the numbered sources it cites (or the closest passages)."""
    notices = [Text(notice, style="yellow") for notice in answer.notices]
    if answer.abstained:
        body = Panel(Text(answer.text), title="Answer", border_style="yellow", expand=True)
        heading = Text("Closest passages", style="bold")
        listed: Sequence[Passage] = answer.passages
    else:
        body = Panel(Text(answer.text), title="Answer", border_style="green", expand=True)
        heading = Text("Sources", style="bold")
        listed = answer.citations
    parts: list[RenderableType] = [*notices, body]
    if listed:
        parts.append(heading)
        emphasis = () if answer.abstained else answer_sentences(answer)
        parts.extend(render_passage(c, emphasis) for c in listed)
    elif not answer.passages:
        parts.append(Text("No passage matched.", style="dim"))
    return Group(*parts)


def render_resolved(question: str) -> RenderableType:
    """The question a conversation searched for a follow-up, shown dimmed under the prompt."""
    return Text(f"→ {question}", style="dim")


def render_passages(answer: Answer) -> RenderableType:
    """Every passage retrieved for the last answer, in rank order."""
    if not answer.passages:
        return Text("No passages were retrieved.")
    return Group(*(render_passage(c) for c in answer.passages))


def render_context(
    passage: Passage, text: str, start: int, end: int, *, around: int = CONTEXT_CHARACTERS
) -> RenderableType:
    """The quoted passage highlighted inside its article, with about ``around``
    characters of whole paragraphs before and after it (the rest elided)."""
    before = text.rfind("\n", 0, max(start - around, 0)) + 1 if start > around else 0
    after = text.find("\n", end + around) if end + around < len(text) else -1
    after = len(text) if after < 0 else after
    body = Text("…\n" if before else "", style="dim")
    body.append(text[before:start])
    body.append(text[start:end], style="bold reverse")
    body.append(text[end:after])
    if after < len(text):
        body.append("\n…", style="dim")
    return Panel(body, title=Text(passage_header(passage)), expand=True)


class FitToWidth:
    """A renderable built for the width it is printed at, so a table can fall back to a
    layout that breaks no word when the terminal (or the fixed width of a pipe) is narrow."""

    def __init__(self, build: Callable[[int], RenderableType]):
        self._build = build

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self._build(options.max_width)


def table_min_width(columns: Iterable[Iterable[str]]) -> int:
    """The narrowest a boxed table of these columns (header and cells, plain text) can be
    without breaking a word: each column's longest word, its padding and its border."""
    widths = [
        max((cell_len(w) for cell in column for w in cell.split()), default=1) for column in columns
    ]
    return sum(width + 3 for width in widths) + 1


_SOURCE_COLUMNS = ("id", "title", "outlet", "author", "date", "chunks")


def _summary_cells(source: ArticleSummary) -> tuple[str, ...]:
    article = source.article
    provenance = article.provenance.get("published", "unknown")
    if article.published:
        when = f"{article.published.isoformat()} ({provenance})"
    elif article.published_estimate:
        when = f"unknown; {article.published_estimate}"
    else:
        when = "unknown"
    derived = article.provenance.get("title") == DERIVED
    return (
        article.article_id,
        f"{article.title} (derived)" if derived else article.title,
        shown_outlet(article.outlet, article.provenance) if article.outlet else "—",
        article.author or "—",
        when,
        str(source.chunks),
    )


def render_article_summaries(sources: Sequence[ArticleSummary]) -> RenderableType:
    """The list printed by ``qa sources``: a table, or where no table fits the width
    without breaking words, one block of lines per article."""
    rows = [_summary_cells(source) for source in sources]
    title = f"{len(sources)} indexed article" + ("" if len(sources) == 1 else "s")

    def build(width: int) -> RenderableType:
        if table_min_width(zip(_SOURCE_COLUMNS, *rows, strict=False)) <= width:
            table = Table(title=title, show_lines=False)
            for column in _SOURCE_COLUMNS:
                table.add_column(column, no_wrap=column in ("id", "chunks"))
            for row in rows:
                table.add_row(*(Text(cell) for cell in row))
            return table
        blocks: list[RenderableType] = [Text(title, style="bold")]
        for article_id, name, outlet, author, when, chunks in rows:
            blocks.append(Text(f"{article_id} · {chunks} chunks", style="bold cyan"))
            blocks.append(Padding(Text(name), (0, 0, 0, 2), expand=False))
            blocks.append(Padding(Text(f"{outlet} · {author} · {when}", style="dim"), (0, 0, 0, 2)))
        return Group(*blocks)

    return FitToWidth(build)


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
            "abst P: over abstentions; abst R: over unanswerable questions; "
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
        rates = [_eval_rate(metrics[metric].value) for metric, _ in columns]
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


def render_status(status: IndexStatus, now: datetime) -> RenderableType:
    """The ``qa status`` report: the index, then what ``qa index`` would change."""
    lines: list[Text] = []
    drift = status.files
    total = len(drift.added) + len(drift.changed) + drift.unchanged
    corpus = f"Corpus: {status.corpus_dir} · {_plural(total, 'file')}"
    if status.built is None:
        lines.append(Text(f"No index in {status.index_dir} yet.", style="bold"))
        lines.append(Text(corpus))
        lines.append(
            Text(f"`qa index` would build it: {_plural(status.articles['new'], 'article')}.")
        )
        return Group(*lines)
    built = datetime.fromisoformat(status.built)
    lines.append(
        Text(
            f"Index: {status.index_dir} · built {built:%Y-%m-%d %H:%M} UTC "
            f"({_age(now - built)}) · {status.model} · {status.precision} · "
            f"{_plural(status.indexed_articles, 'article')}, "
            f"{_plural(status.indexed_chunks, 'chunk')}",
            style="bold",
        )
    )
    lines.append(Text(corpus))
    if status.up_to_date:
        lines.append(Text("Up to date: `qa index` has nothing to do.", style="green"))
    else:
        lines.append(Text("`qa index` would:", style="yellow"))
        for label, names in (
            ("add", drift.added),
            ("update", drift.changed),
            ("remove", drift.removed),
        ):
            lines.extend(Text(f"  {label:<7} {name}") for name in names)
        articles = status.articles
        lines.append(
            Text(
                f"Articles: {articles['new']} new, {articles['changed']} changed, "
                f"{articles['removed']} removed, {articles['unchanged']} unchanged"
            )
        )
        if status.rebuild is not None:
            lines.append(Text(f"Every text would be embedded again: {status.rebuild}."))
    lines.extend(Text(f"skipped {line}", style="dim") for line in status.skipped)
    return Group(*lines)


def _plural(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _age(elapsed: timedelta) -> str:
    seconds = int(elapsed.total_seconds())
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size:
            return f"{_plural(seconds // size, unit)} ago"
    return "just now"
