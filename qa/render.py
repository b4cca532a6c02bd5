"""Rich renderables for answers, sources and reports (only front ends import this)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from qa.assistant import SourceSummary
from qa.records import Answer, Citation


def citation_header(citation: Citation) -> str:
    """``[n] Outlet · "Title" · Author · 2017-11-03 · path:line`` (unknowns said so)."""
    parts = [f"[{citation.marker}]"]
    if citation.outlet:
        parts.append(citation.outlet + " ·")
    parts.append(f"“{citation.title}” ·")
    if citation.author:
        parts.append(citation.author + " ·")
    parts.append((citation.published.isoformat() if citation.published else "date unknown") + " ·")
    parts.append(f"{citation.path}:{citation.line}")
    return " ".join(parts)


def render_citation(citation: Citation, *, quote_words: int | None = None) -> RenderableType:
    """A citation's header line and its quoted passage."""
    quote = citation.quote
    if quote_words is not None:
        words = quote.split()
        if len(words) > quote_words:
            quote = " ".join(words[:quote_words]) + " …"
    return Group(
        Text(citation_header(citation), style="bold cyan"),
        Text("    " + quote, style="dim"),
    )


def render_answer(answer: Answer) -> RenderableType:
    """The answer block, then the numbered sources it cites (or the closest passages)."""
    notices = [Text(notice, style="yellow") for notice in answer.notices]
    if answer.abstained:
        body = Panel(Text(answer.text), title="Answer", border_style="yellow", expand=True)
        heading = Text("Closest passages", style="bold")
        listed: Sequence[Citation] = answer.passages
    else:
        body = Panel(Text(answer.text), title="Answer", border_style="green", expand=True)
        heading = Text("Sources", style="bold")
        listed = answer.citations
    parts: list[RenderableType] = [*notices, body]
    if listed:
        parts.append(heading)
        parts.extend(render_citation(c) for c in listed)
    elif not answer.passages:
        parts.append(Text("No passage matched.", style="dim"))
    return Group(*parts)


def render_passages(answer: Answer) -> RenderableType:
    """Every passage retrieved for the last answer, in rank order."""
    if not answer.passages:
        return Text("No passages were retrieved.")
    return Group(*(render_citation(c) for c in answer.passages))


def render_context(citation: Citation, text: str, start: int, end: int) -> RenderableType:
    """A citation's article text with the quoted passage highlighted."""
    body = Text(text[:start])
    body.append(text[start:end], style="bold reverse")
    body.append(text[end:])
    return Panel(body, title=escape(citation_header(citation)), expand=True)


def render_sources(sources: Sequence[SourceSummary]) -> RenderableType:
    """The table printed by ``qa sources``."""
    table = Table(title=f"{len(sources)} indexed articles", show_lines=False)
    for column in ("id", "title", "outlet", "author", "date", "chunks"):
        table.add_column(column, overflow="fold")
    for source in sources:
        article = source.article
        provenance = article.provenance.get("published", "unknown")
        if article.published:
            when = f"{article.published.isoformat()} ({provenance})"
        elif article.published_estimate:
            when = f"unknown (estimate: {article.published_estimate})"
        else:
            when = "unknown"
        table.add_row(
            article.article_id,
            article.title,
            article.outlet or "—",
            article.author or "—",
            when,
            str(source.chunks),
        )
    return table
