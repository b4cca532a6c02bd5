"""The chat loop, driven line by line through Repl.handle."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

import numpy as np
import pytest
from rich.console import Console

from qa.errors import ModelError
from qa.search.assistant import Assistant
from qa.ui.repl import Repl


def session(assistant: Assistant) -> tuple[Repl, io.StringIO]:
    out = io.StringIO()
    return Repl(assistant, Console(file=out, width=120, highlight=False), k=5), out


def test_help_lists_every_command(fake_assistant: Assistant) -> None:
    repl, out = session(fake_assistant)
    assert repl.handle(":help")
    text = out.getvalue()
    for command in (
        ":k N",
        ":sources",
        ":open N",
        ":since",
        ":until",
        ":outlet",
        ":clear",
        ":quit",
    ):
        assert command in text


def test_k_changes_the_number_of_passages(fake_assistant: Assistant) -> None:
    repl, out = session(fake_assistant)
    repl.handle(":k 3")
    assert out.getvalue() == "Retrieving 3 passages per question.\n"
    repl.handle("Who founded the NGO Sana Sezim?")
    assert repl.last is not None
    assert len(repl.last.passages) == 3


def test_k_rejects_a_bad_value_and_keeps_the_old_one(fake_assistant: Assistant) -> None:
    repl, out = session(fake_assistant)
    repl.handle(":k many")
    assert out.getvalue() == "Usage: :k N, with N between 1 and 100\n"
    assert repl.k == 5


def test_sources_and_open_before_any_question(fake_assistant: Assistant) -> None:
    repl, out = session(fake_assistant)
    repl.handle(":sources")
    repl.handle(":open 1")
    assert out.getvalue() == "No question asked yet.\nNo question asked yet.\n"


def test_open_shows_the_passage_inside_its_article(fake_assistant: Assistant) -> None:
    repl, out = session(fake_assistant)
    repl.handle("How many victims did the IOM assist in Kazakhstan?")
    assert repl.last is not None and repl.last.citations
    marker = repl.last.citations[0].marker
    out.truncate(0)
    out.seek(0)
    repl.handle(f":open {marker}")
    text = " ".join(out.getvalue().split())
    assert "858 victims of trafficking" in text
    assert repl.last.citations[0].title.split()[0] in text


def test_open_names_the_valid_numbers_when_given_a_wrong_one(fake_assistant: Assistant) -> None:
    repl, out = session(fake_assistant)
    repl.handle(":k 2")
    repl.handle("Who is Talgat Mamyrayymov?")
    out.truncate(0)
    out.seek(0)
    repl.handle(":open 9")
    assert out.getvalue() == "Usage: :open N, with N one of the passage numbers (1, 2)\n"


def test_date_filters_are_set_shown_and_cleared(fake_assistant: Assistant) -> None:
    repl, out = session(fake_assistant)
    repl.handle(":since 2017-01-01")
    repl.handle(":until 2017-12-31")
    repl.handle(":since 2017-02-30")
    repl.handle(":clear")
    assert out.getvalue().splitlines() == [
        "Filters: since 2017-01-01",
        "Filters: since 2017-01-01, until 2017-12-31",
        "Not set: '2017-02-30' is not a day of the calendar",
        "Filters: none",
    ]


def test_date_filters_accept_years_months_and_relative_phrases(fake_assistant: Assistant) -> None:
    repl, out = session(fake_assistant)
    repl.handle(":since March 2003")
    repl.handle(":until 2017")
    repl.handle(":since last year")
    repl.handle(":until")
    repl.handle(":since soon")
    assert out.getvalue().splitlines() == [
        "Filters: since 2003-03-01",
        "Filters: since 2003-03-01, until 2017-12-31",
        "Filters: since 2016-01-01, until 2017-12-31",
        'since "last year" = 2016-01-01, counted from the newest article in the index '
        "(2017-11-03), not from today",
        "Filters: since 2016-01-01",
        'since "last year" = 2016-01-01, counted from the newest article in the index '
        "(2017-11-03), not from today",
        "Not set: 'soon' is not a date; use a form like 2017-03-05, "
        "2017-03, 2017, March 2017, last year, 3 months ago",
    ]
    assert repl.last is None
    repl.handle("How do IS recruiters reach migrants from Central Asia?")
    assert repl.last is not None
    assert repl.last.notices[0].startswith('since "last year" = 2016-01-01')
    assert all(p.published and p.published >= date(2016, 1, 1) for p in repl.last.passages)


def test_unknown_command_points_to_help(fake_assistant: Assistant) -> None:
    repl, out = session(fake_assistant)
    assert repl.handle(":frobnicate")
    assert out.getvalue() == "Unknown command :frobnicate; type :help\n"


def test_quit_ends_the_session(fake_assistant: Assistant) -> None:
    repl, _ = session(fake_assistant)
    assert repl.handle(":quit") is False


class BrokenEmbedder:
    """An embedder seam that fails, to show one failing question does not end the chat."""

    model = None
    dimension = 384

    def encode(self, texts: Sequence[str], progress: object = None) -> np.ndarray:
        raise ModelError("the embedding model stopped working")


def test_an_error_in_one_question_is_reported_and_the_loop_goes_on(
    assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = Assistant(assistant.settings, assistant.snapshot, embedder=BrokenEmbedder())  # type: ignore[arg-type]
    repl, out = session(broken)
    assert repl.handle("Who is Fatima?") is True
    assert out.getvalue() == "error: the embedding model stopped working\n"
    assert repl.handle(":k 2") is True
