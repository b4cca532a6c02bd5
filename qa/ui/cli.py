"""The ``qa`` command: argparse subcommands over the library. ``main(argv)`` returns the exit code.

Exit codes: 0 success, 1 an error the message explains, 2 a usage error.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import dataclasses
import errno
import gc
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qa.config import Settings
from qa.errors import ConfigError, EvalFormatError, QAError
from qa.ui.parser import build_parser

if TYPE_CHECKING:
    from rich.console import Console

    from qa.records import IndexReport
    from qa.search.assistant import Assistant
    from qa.search.retrieve import SearchFilters

EXIT_OK, EXIT_ERROR = 0, 1
EXIT_USAGE = 2  # what argparse exits with on a usage error
#: Where ``qa eval`` keeps the indexes it builds for question sets with their own corpus.
EVAL_CACHE = Path("eval/cache")


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``qa`` with ``argv`` (default: the process arguments); return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    handler: Callable[[argparse.Namespace], int] = _HANDLERS[args.command]
    try:
        return handler(args)
    except QAError as error:
        _stderr().print(f"[bold red]error:[/] {_escape(str(error))}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        _stderr().print("interrupted")
        return 130
    except OSError as error:  # a disk full, a folder we may not write, …
        _stderr().print(f"[bold red]error:[/] {_escape(_os_problem(error))}")
        return EXIT_ERROR
    except Exception as error:
        if os.environ.get("QA_DEBUG"):
            raise
        _stderr().print(
            f"[bold red]error:[/] unexpected {type(error).__name__}: {_escape(str(error))} "
            "(run again with QA_DEBUG=1 to see where, and please report it)"
        )
        return EXIT_ERROR


def _os_problem(error: OSError) -> str:
    """An operating-system error as one line naming the file, without Python's [Errno n]."""
    where = f" ({error.filename})" if error.filename else ""
    if error.errno == errno.ENOSPC:
        return f"the disk is full{where}; free some space and run again (the index is unchanged)"
    return f"{error.strerror or error}{where}"


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


#: The width of what is printed to a pipe or a file (no terminal to ask; $COLUMNS wins).
PIPED_WIDTH = 120


def _stdout() -> Console:
    from qa.ui.render import SafeConsole

    console = SafeConsole(highlight=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = PIPED_WIDTH
    return console


def _stderr() -> Console:
    from qa.ui.render import SafeConsole

    return SafeConsole(stderr=True, highlight=False, soft_wrap=True)


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings.from_env(
        corpus_dir=getattr(args, "corpus", None),
        index_dir=getattr(args, "index", None),
        store=getattr(args, "store", None),
        model=getattr(args, "model", None),
        k=getattr(args, "k", None),
        precision=getattr(args, "precision", None),
        follow_symlinks=getattr(args, "follow_symlinks", None) or None,
    )
    if getattr(args, "corpus", None) is None and "QA_CORPUS" not in os.environ:
        # An index remembers its corpus: `qa ask --index elsewhere` checks freshness against
        # the folder it was built from, and `qa index --index elsewhere` updates from it
        # instead of replacing its articles with ./corpus's.
        from qa.storage.store import recorded_corpus

        recorded = recorded_corpus(settings.index_dir) if settings.store is None else None
        if recorded is not None:
            settings = dataclasses.replace(settings, corpus_dir=recorded)
    return settings


def _filters(args: argparse.Namespace, assistant: Assistant) -> SearchFilters:
    from qa.search.retrieve import SearchFilters

    filters = SearchFilters(outlet=args.outlet, article_id=args.article)
    if args.since is None and args.until is None:
        return filters
    from qa.search.date_phrases import with_date_bound

    reference = assistant.newest_published()
    filters = with_date_bound(filters, "since", args.since, reference)
    return with_date_bound(filters, "until", args.until, reference)


def _json_text(payload: Any) -> str:
    from qa.ui.render import safe_json

    return safe_json(payload) + "\n"


def _print_json(payload: Any) -> None:
    sys.stdout.write(_json_text(payload))


class RichProgress:
    """Progress of long steps on stderr, fed by the indexer and the evaluator.

    On a terminal: a spinner for a step of unknown length, a bar for a counted one.
    Elsewhere (a log, a pipe) nothing can be redrawn, so each counted step is one
    line and the short uncounted ones are not shown.
    """

    def __init__(self, console: Console):
        self._console = console
        self._progress: Any = None
        self._task: Any = None

    def status(self, description: str) -> None:
        """Show ``description`` with a spinner until the next step."""
        self._show(description, None)

    def start(self, description: str, total: int) -> None:
        """Show a new bar for ``total`` units."""
        self._show(description, total)

    def _show(self, description: str, total: int | None) -> None:
        self.finish()
        if not self._console.is_terminal:
            if total is not None:
                self._console.print(f"{_escape(description)}…")
            return
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        columns: list[Any] = [SpinnerColumn(), TextColumn("{task.description}")]
        if total is None:
            columns.append(TimeElapsedColumn())
        else:
            columns.extend((BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()))
        self._progress = Progress(*columns, console=self._console, transient=True)
        self._progress.start()
        self._task = self._progress.add_task(_escape(description), total=total)

    def advance(self, amount: int) -> None:
        """Move the bar on."""
        if self._progress is not None:
            self._progress.advance(self._task, amount)

    def finish(self) -> None:
        """Remove the bar or spinner."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def _cmd_index(args: argparse.Namespace) -> int:
    from qa.index.indexing import update_index

    settings = _settings(args)
    err = _stderr()
    report = update_index(
        settings,
        rebuild=args.rebuild,
        wait=not args.no_wait,
        progress=RichProgress(err),
        on_wait=lambda line: err.print(_escape(line)),
    )
    _print_index_report(report, err, as_json=args.json)
    return EXIT_OK


def _print_index_report(report: IndexReport, err: Console, *, as_json: bool) -> None:
    for skipped in report.skipped:
        err.print(f"[yellow]warning:[/] skipped {_escape(skipped.path)}: {_escape(skipped.reason)}")
    for warning in report.warnings:
        err.print(f"[yellow]warning:[/] {_escape(warning.path)} {_escape(warning.message)}")
    if as_json:
        _print_json(report.to_json())
    else:
        _stdout().print(report.summary(), soft_wrap=True)


def _cmd_add(args: argparse.Namespace) -> int:
    from qa.index.indexing import update_index
    from qa.ingest.adding import add_to_corpus

    settings = _settings(args)
    err = _stderr()
    result = add_to_corpus(settings.corpus_dir, args.paths, replace=args.replace)
    for problem in result.problems:
        err.print(f"[bold red]error:[/] {_escape(problem)}", soft_wrap=True)
    for left_out in result.left_out:
        err.print(f"[yellow]warning:[/] {_escape(left_out)}", soft_wrap=True)
    if not result.copied and not result.present:
        return EXIT_ERROR
    err.print(_escape(result.describe(settings.corpus_dir)), soft_wrap=True)
    report = update_index(
        settings,
        wait=not args.no_wait,
        progress=RichProgress(err),
        on_wait=lambda line: err.print(_escape(line)),
    )
    _print_index_report(report, err, as_json=False)
    return EXIT_ERROR if result.problems else EXIT_OK


def _one_blas_thread() -> None:
    """Keep numpy's BLAS (OpenBLAS) to one thread in a process that answers questions; set
    before numpy is imported. A question's products are a few tokens wide, and starting
    OpenBLAS's threads cost a cold ``qa ask`` as much CPU as importing numpy itself (more on
    a busy machine, where the threads wait for a core). A user's own setting is kept."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _cmd_ask(args: argparse.Namespace) -> int:
    _one_blas_thread()
    from qa.search.assistant import Assistant

    settings = _settings(args)
    assistant = Assistant.open(settings)
    assistant.load_model_ahead()  # on another thread, while this one imports the rest
    try:
        if not args.json:
            from qa.ui.render import render_answer
        answer = assistant.ask(args.question, k=settings.k, filters=_filters(args, assistant))
    finally:
        assistant.close()
    if args.json:
        _print_json(answer.to_json())
    else:
        _stdout().print(render_answer(answer))
    return EXIT_OK


def _cmd_chat(args: argparse.Namespace) -> int:
    _one_blas_thread()
    from qa.search.assistant import Assistant
    from qa.ui.repl import Repl

    settings = _settings(args)
    assistant = Assistant.open(settings)
    assistant.load_model_ahead()  # while the prompt waits for the first question
    try:
        if args.json:
            repl = Repl(assistant, _stderr(), k=settings.k, json_out=sys.stdout)
            repl.run_script(sys.stdin)
            return EXIT_ERROR if repl.failed else EXIT_OK
        Repl(assistant, _stdout(), k=settings.k).run()
    finally:
        assistant.close()
    return EXIT_OK


def _cmd_status(args: argparse.Namespace) -> int:
    from qa.index.status import index_status

    settings = _settings(args)
    if args.verify:
        from qa.index.onnx_embed import verify_exports
        from qa.storage.store import verify_generation

        files, graphs = verify_generation(settings.index_dir), verify_exports(settings.index_dir)
        _stderr().print(
            f"verified: {files} index files and {graphs} model graphs match their checksums"
        )
    status = index_status(settings)
    if args.json:
        _print_json(status.to_json())
    else:
        from datetime import UTC, datetime

        from qa.ui.render import render_status

        _stdout().print(render_status(status, datetime.now(UTC)))
    return EXIT_OK


def _cmd_sources(args: argparse.Namespace) -> int:
    from qa.search.assistant import Assistant

    assistant = Assistant.open(_settings(args))
    try:
        summaries = assistant.article_summaries()
    finally:
        assistant.close()
    if args.json:
        _print_json([s.to_json() for s in summaries])
    else:
        from qa.ui.render import render_article_summaries

        _stdout().print(render_article_summaries(summaries))
    return EXIT_OK


def _cmd_eval(args: argparse.Namespace) -> int:
    from qa.evaluation.metrics import compare_reports, floor_failures, load_report
    from qa.evaluation.run import evaluate_sets
    from qa.evaluation.sets import load_set
    from qa.files import write_text_atomically

    settings = _settings(args)
    err = _stderr()
    sets = []
    for path in args.files:
        loaded = load_set(path)
        for problem in loaded.problems:
            err.print(f"[yellow]warning:[/] {_escape(problem)}")
        if args.tag is not None:
            loaded = loaded.with_tag(args.tag)
        if not loaded.cases:
            tagged = f" tagged {args.tag!r}" if args.tag is not None else ""
            raise EvalFormatError(f"{path} holds no usable question{tagged}")
        sets.append(loaded)
    saved = load_report(args.compare) if args.compare else None
    report = evaluate_sets(
        sets,
        settings,
        cache_root=EVAL_CACHE,
        corpus=args.corpus,
        index=args.index,
        progress=lambda: RichProgress(err),
        announce=lambda line: err.print(_escape(line)),
    )
    if saved is not None:
        comparison = compare_reports(report, saved, baseline=str(args.compare))
        report = dataclasses.replace(report, comparison=comparison)
    payload = report.to_json(failures=args.show_failures)
    if args.save:
        try:
            write_text_atomically(args.save, _json_text(payload))
        except OSError as error:
            raise ConfigError(f"cannot write {args.save}: {error.strerror or error}") from None
    if args.json:
        _print_json(payload)
    else:
        from qa.ui.render_eval import (
            render_eval_comparison,
            render_eval_failures,
            render_eval_report,
        )

        out = _stdout()
        out.print(render_eval_report(report))
        if args.show_failures:
            out.print(render_eval_failures(report))
        if report.comparison is not None:
            out.print(render_eval_comparison(report.comparison))
    status = EXIT_OK
    if report.comparison is not None and report.comparison.regressions:
        for delta in report.comparison.regressions:
            err.print(
                f"[bold red]regression:[/] {_escape(delta.group)} {delta.metric} "
                f"{delta.old:.3f} → {delta.new:.3f}"
            )
        status = EXIT_ERROR
    for problem in floor_failures(report, args.fail_under):
        err.print(f"[bold red]below floor:[/] {_escape(problem)}")
        status = EXIT_ERROR
    return status


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "index": _cmd_index,
    "add": _cmd_add,
    "ask": _cmd_ask,
    "chat": _cmd_chat,
    "status": _cmd_status,
    "sources": _cmd_sources,
    "eval": _cmd_eval,
}


#: Commands that answer once and are done: their process runs without the cyclic garbage
#: collector and ends without tearing the interpreter down (see ``run``).
_ONE_SHOT = {"ask"}


def run() -> None:
    """Console-script entry point.

    ``qa ask`` is over once its answer is printed, so two kinds of work that serve a longer
    life are skipped (together about a tenth of a cold ``qa ask``): collecting cyclic garbage
    as it goes (the little it makes is freed at exit anyway), and tearing the interpreter
    down object by object at exit (numpy, rich, the index). The output is flushed and the
    exit handlers run first; with another thread still running, or output that cannot be
    flushed (a closed pipe), the process ends as any Python program does.
    """
    one_shot = len(sys.argv) > 1 and sys.argv[1] in _ONE_SHOT
    if one_shot:
        gc.disable()
    code = main()
    if one_shot:
        _end_at_once(code)
    sys.exit(code)


def _end_at_once(code: int) -> None:
    """Flush the output, run the exit handlers and end the process, unless another thread
    still runs or the output cannot be flushed (then return, for the usual ending)."""
    import threading

    if threading.active_count() > 1:
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    atexit._run_exitfuncs()
    with contextlib.suppress(OSError, ValueError):  # what an exit handler printed
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)
