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
from rich.padding import Padding
from rich.panel import Panel
from rich.segment import Segment
from rich.text import Text

from qa.patterns import LazyPattern
from qa.records import DERIVED, INFERRED, Answer, ArticleSummary, IndexStatus, Passage
from qa.text import counted

# Characters that could drive a terminal, and how they are shown instead: C0 controls
# as their control pictures (ESC as ␛, BEL as ␇), DEL as ␡, C1 controls (U+009B is a
# CSI on its own) and bidirectional overrides as escapes.
_UNSAFE_CHARACTERS: dict[int, str] = {
    **{code: chr(0x2400 + code) for code in range(32) if code not in (9, 10)},
    0x7F: "\u2421",
    **{code: f"\\x{code:02x}" for code in range(0x80, 0xA0)},
    **{code: f"\\u{code:04x}" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
}
_UNSAFE_IN_JSON = LazyPattern("[\u0080-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


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

_MARKER = LazyPattern(r"\[\d+\]")


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
        # The quote keeps line breaks that the answer's sentence turned into spaces.
        pattern = r"\s+".join(re.escape(word) for word in sentence.split())
        found = re.search(pattern, passage.quote) if pattern else None
        if found:
            quote.stylize("bold not dim", found.start(), found.end())
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
            from rich.table import Table  # only here: an answer, printed cold, has no table

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


def render_status(status: IndexStatus, now: datetime) -> RenderableType:
    """The ``qa status`` report: the index, then what ``qa index`` would change."""
    lines: list[Text] = []
    drift = status.files
    total = len(drift.added) + len(drift.changed) + drift.unchanged
    corpus = f"Corpus: {status.corpus_dir} · {counted(total, 'file')}"
    if status.built is None:
        lines.append(Text(f"No index in {status.index_dir} yet.", style="bold"))
        lines.append(Text(corpus))
        lines.append(
            Text(f"`qa index` would build it: {counted(status.articles['new'], 'article')}.")
        )
        return Group(*lines)
    built = datetime.fromisoformat(status.built)
    lines.append(
        Text(
            f"Index: {status.index_dir} · built {built:%Y-%m-%d %H:%M} UTC "
            f"({_age(now - built)}) · {status.model} · {status.precision} · "
            f"{counted(status.indexed_articles, 'article')}, "
            f"{counted(status.indexed_chunks, 'chunk')}",
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


def _age(elapsed: timedelta) -> str:
    seconds = int(elapsed.total_seconds())
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size:
            return f"{counted(seconds // size, unit)} ago"
    return "just now"
