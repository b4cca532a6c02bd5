"""Text from articles can't drive the terminal: every renderer, the raw bytes checked."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from datetime import date

import pytest
from rich.console import RenderableType
from rich.control import strip_control_codes

from qa.records import STATED, Answer, Article, ArticleSummary, Citation
from qa.ui.render import (
    SafeConsole,
    render_answer,
    render_article_summaries,
    render_context,
    render_passages,
    safe_json,
    terminal_safe,
)

#: What a hostile article may hold, by name: escape sequences, C1 controls, rich markup.
PAYLOADS = {
    "csi_clear_screen": "\x1b[2J\x1b[H",
    "alternate_screen": "\x1b[?1049h",
    "osc0_window_title": "\x1b]0;owned\x07",
    "osc8_hyperlink": "\x1b]8;;file:///etc/passwd\x1b\\click\x1b]8;;\x1b\\",
    "c1_csi": "\x9b2J",
    "c1_osc": "\x9d0;owned\x9c",
    "bell": "\x07\x07",
    "backspace_and_cr": "safe\x08\x08\x08\x08\rfake",
    "bidi_override": "\u202etxt.exe",
    "rich_bold": "[bold]loud[/bold]",
    "rich_link": "[link=file:///etc/passwd]harmless[/link]",
    "emoji_code": ":smile: :thumbs_up:",
}
FIELDS = ("title", "outlet", "author", "quote", "path")
_STYLE = re.compile(r"\x1b\[[0-9;]*m")  # the colours rich itself writes
_ACTIVE = ("\x1b", "\x07", "\x08", "\r", "\x9b", "\x9c", "\x9d", "\u202e")


def a_citation(field: str, payload: str) -> Citation:
    values = {
        "title": "Border raid",
        "outlet": "Central Wire",
        "author": "Alina Petrova",
        "quote": "Police freed 12 women at the border.",
        "path": "news/raid.txt",
    }
    values[field] = f"{values[field]} {payload}"
    return Citation(
        marker=1,
        article_id="news/raid#1",
        title=values["title"],
        outlet=values["outlet"],
        author=values["author"],
        published=date(2020, 8, 1),
        path=values["path"],
        start=0,
        end=len(values["quote"]),
        quote=values["quote"],
        score=0.9,
    )


def an_answer(citation: Citation) -> Answer:
    return Answer(
        question="How many women were freed?",
        text=f"{citation.quote} [1]",
        abstained=False,
        citations=(citation,),
        passages=(citation,),
        timings_ms={},
    )


def a_source(citation: Citation) -> ArticleSummary:
    article = Article(
        article_id=citation.article_id,
        path=citation.path,
        title=citation.title,
        outlet=citation.outlet,
        author=citation.author,
        published=citation.published,
        paragraphs=(),
        provenance={"title": STATED, "published": STATED},
    )
    return ArticleSummary(article, 3)


RENDERERS: dict[str, Callable[[Citation], RenderableType]] = {
    "qa ask": lambda c: render_answer(an_answer(c)),
    ":sources": lambda c: render_passages(an_answer(c)),
    ":open": lambda c: render_context(c, f"Before.\n{c.quote}\nAfter.", 8, 8 + len(c.quote)),
    "qa sources": lambda c: render_article_summaries([a_source(c)]),
}


def terminal_bytes(renderable: RenderableType) -> str:
    """What a colour terminal receives when ``renderable`` is printed the way ``qa`` prints."""
    out = io.StringIO()
    SafeConsole(file=out, width=400, force_terminal=True, color_system="truecolor").print(
        renderable
    )
    return out.getvalue()


@pytest.mark.parametrize("payload_name", PAYLOADS)
@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("renderer", RENDERERS)
def test_article_text_reaches_the_terminal_only_as_visible_characters(
    renderer: str, field: str, payload_name: str
) -> None:
    payload = PAYLOADS[payload_name]
    citation = a_citation(field, payload)
    shown = terminal_bytes(RENDERERS[renderer](citation))
    visible = _STYLE.sub("", shown)
    assert not [ch for ch in _ACTIVE if ch in visible]
    assert "\x1b]" not in shown  # no OSC (window title, hyperlink) from any source
    assert "😄" not in shown and "👍" not in shown
    if renderer != "qa sources" or field not in ("quote", "path"):
        # What qa shows of the field, it shows as written.
        if payload_name.startswith(("rich", "emoji")):
            assert payload in visible
        else:
            # rich drops BEL, BS and CR itself; the rest is shown as visible stand-ins.
            assert terminal_safe(strip_control_codes(payload)) in visible


def test_control_characters_are_shown_as_visible_stand_ins() -> None:
    assert terminal_safe("a\x1b[2Jb\x07\x9b\u202ec\r\nd\te") == "a␛[2Jb␇\\x9b\\u202ec\nd\te"


def test_json_escapes_c1_controls_and_bidi_overrides_and_keeps_the_text() -> None:
    payload = {"title": "".join(PAYLOADS.values())}
    printed = safe_json(payload)
    assert not [ch for ch in _ACTIVE if ch in printed]
    assert "\\u009b" in printed and "\\u001b" in printed and "\\u202e" in printed
    assert json.loads(printed) == payload
