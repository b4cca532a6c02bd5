"""The chat loop. ``Repl.handle(line)`` does one line's work, so it is testable line by line."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.markup import escape

from qa.config import MAX_K, parse_k
from qa.errors import ConfigError, QAError
from qa.records import Answer
from qa.search.assistant import Assistant
from qa.search.date_phrases import parse_date_phrase, with_date_bound
from qa.search.retrieve import SearchFilters
from qa.ui.render import render_answer, render_context, render_passages, render_resolved, safe_json

HELP = """Type a question and press Enter. Commands:
  :help            this help
  :k N             retrieve N passages per question (now {k})
  :sources         the passages behind the last answer
  :open N          passage N of the last answer inside its article
  :since DATE      only articles published on or after DATE: 2017-03-05, 2017-03,
                   March 2017, 2017, or last year, 3 months ago (counted from the
                   newest indexed article); no DATE removes the bound
  :until DATE      only articles published on or before DATE (2017 means to its end)
  :outlet NAME     only articles from this outlet
  :clear           remove all filters (now: {filters})
  :new             start a new conversation (follow-ups stop leaning on earlier questions)
  :quit            leave (Ctrl-D works too)"""


class Repl:
    """An interactive session over one Assistant, holding one conversation.

    With ``json_out``, each answer is written there as one line of JSON and everything
    else (command replies, errors) goes to ``console``.
    """

    def __init__(
        self,
        assistant: Assistant,
        console: Console,
        *,
        k: int = 5,
        json_out: TextIO | None = None,
    ):
        self.assistant = assistant
        self.console = console
        self.k = k
        self.filters = SearchFilters()
        self.last: Answer | None = None
        self.conversation = assistant.conversation()
        self.json_out = json_out
        self.failed = False

    def handle(self, line: str) -> bool:
        """Act on one input line; return False when the session should end."""
        line = line.strip()
        if not line:
            return True
        if not line.isascii() and any(0xD800 <= ord(ch) <= 0xDFFF for ch in line):
            self.console.print("That line is not valid UTF-8 text; type it again.")
            return True
        if line.startswith(":"):
            return self._command(line)
        try:
            self.last = self.conversation.ask(line, k=self.k, filters=self.filters)
        except QAError as error:
            self.console.print(f"[bold red]error:[/] {escape(str(error))}")
            self.failed = True
            return True
        if self.json_out is not None:
            self.json_out.write(safe_json(self.last.to_json(), indent=None) + "\n")
            self.json_out.flush()
            return True
        if self.last.resolved_question and self.last.resolved_question != self.last.question:
            self.console.print(render_resolved(self.last.resolved_question))
        self.console.print(render_answer(self.last))
        return True

    def _command(self, line: str) -> bool:
        name, _, argument = line.partition(" ")
        argument = argument.strip()
        if name in (":quit", ":q", ":exit"):
            return False
        if name == ":help":
            self.console.print(escape(HELP.format(k=self.k, filters=self.filters.describe())))
        elif name == ":k":
            self._set_k(argument)
        elif name == ":sources":
            if self.last is None:
                self.console.print("No question asked yet.")
            else:
                self.console.print(render_passages(self.last))
        elif name == ":open":
            self._open(argument)
        elif name in (":since", ":until"):
            self._set_date(name[1:], argument)
        elif name == ":outlet":
            self.filters = replace(self.filters, outlet=argument or None)
            self.console.print(f"Filters: {escape(self.filters.describe())}")
        elif name == ":clear":
            self.filters = SearchFilters()
            self.console.print("Filters: none")
        elif name == ":new":
            self.conversation.new()
            self.console.print("New conversation: the next question stands on its own.")
        else:
            self.console.print(f"Unknown command {escape(name)}; type :help")
        return True

    def _set_k(self, argument: str) -> None:
        try:
            self.k = parse_k(argument)
        except ValueError:
            self.console.print(f"Usage: :k N, with N between 1 and {MAX_K}")
            return
        self.console.print(f"Retrieving {self.k} passages per question.")

    def _set_date(self, which: str, argument: str) -> None:
        try:
            phrase = parse_date_phrase(argument) if argument else None
        except ValueError as error:
            self.console.print(f"Not set: {escape(str(error))}")
            return
        try:
            reference = self.assistant.newest_published() if phrase and phrase.relative else None
            self.filters = with_date_bound(self.filters, which, phrase, reference)
        except ConfigError as error:
            self.console.print(f"Not set: {escape(str(error))}")
            return
        self.console.print(f"Filters: {escape(self.filters.describe())}")
        for note in self.filters.notes:
            self.console.print(f"[dim]{escape(note)}[/]")

    def _open(self, argument: str) -> None:
        if self.last is None:
            self.console.print("No question asked yet.")
            return
        passages = {c.marker: c for c in self.last.passages}
        if not argument.isdigit() or int(argument) not in passages:
            markers = ", ".join(str(m) for m in passages) or "none"
            self.console.print(f"Usage: :open N, with N one of the passage numbers ({markers})")
            return
        citation = passages[int(argument)]
        text, start, end = self.assistant.context(citation)
        self.console.print(render_context(citation, text, start, end))

    def run_script(self, lines: Iterable[str]) -> None:
        """Handle ``lines`` (questions and ``:`` commands) until they end or one is :quit."""
        for line in lines:
            if not self.handle(line):
                break

    def run(self) -> None:
        """Read lines until :quit, Ctrl-D or Ctrl-C."""
        if isinstance(sys.stdin, io.TextIOWrapper):
            # Bytes that are not UTF-8 reach ``handle`` as surrogates, which it refuses,
            # instead of ending the chat with a decoding error.
            sys.stdin.reconfigure(errors="surrogateescape")
        history = _enable_history()
        articles = self.assistant.snapshot.manifest.article_count
        self.console.print(
            f"[bold]qa chat[/] — {articles} articles indexed. "
            "Ask a question, or :help. Ctrl-D leaves."
        )
        try:
            while True:
                try:
                    line = input("? ")
                except EOFError:
                    self.console.print()
                    break
                except KeyboardInterrupt:
                    self.console.print()
                    break
                if not self.handle(line):
                    break
        finally:
            _save_history(history)


def _enable_history() -> Path | None:
    try:
        import readline
    except ImportError:  # not every platform has it; the chat works without history
        return None
    path = Path(os.environ.get("QA_HISTORY", Path.home() / ".qa_history"))
    with contextlib.suppress(OSError):  # no history yet
        readline.read_history_file(path)
    readline.set_history_length(1000)
    return path


def _save_history(path: Path | None) -> None:
    if path is None:
        return
    import readline

    with contextlib.suppress(OSError):  # an unwritable home must not break leaving the chat
        readline.write_history_file(path)
