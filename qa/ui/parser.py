"""The command line of ``qa``: its subcommands, their options, and the checks of option values.

A bad value is a usage error (exit 2) with argparse's own message.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from qa.config import PRECISIONS, parse_k

if TYPE_CHECKING:
    from qa.search.date_phrases import DatePhrase

_K_HELP = "number of passages to retrieve (default 5, or $QA_K)"


def _date_phrase(value: str) -> DatePhrase:
    from qa.search.date_phrases import parse_date_phrase

    try:
        return parse_date_phrase(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _k(value: str) -> int:
    try:
        return parse_k(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _floor(value: str) -> tuple[str, float]:
    from qa.evaluation.metrics import parse_floor

    try:
        return parse_floor(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``qa`` and all its subcommands."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--corpus", type=Path, help="corpus folder (default: ./corpus, or $QA_CORPUS)"
    )
    common.add_argument("--index", type=Path, help="index folder (default: ./index, or $QA_INDEX)")
    common.add_argument(
        "--store",
        metavar="URL",
        help="keep the index in this PostgreSQL database, postgresql://… (default: $QA_STORE, "
        "else the index folder)",
    )
    common.add_argument(
        "--model",
        help="sentence-transformers model name or folder (default: the bundled all-MiniLM-L6-v2)",
    )
    filters = argparse.ArgumentParser(add_help=False)
    filters.add_argument(
        "--since",
        type=_date_phrase,
        metavar="DATE",
        help="only articles published on or after DATE: 2017-03-05, 2017-03, March 2017, 2017, "
        "or relative (last year, 3 months ago) counted from the newest indexed article",
    )
    filters.add_argument(
        "--until",
        type=_date_phrase,
        metavar="DATE",
        help="only articles published on or before DATE (same forms; 2017 means to its end)",
    )
    filters.add_argument("--outlet", metavar="NAME", help="only articles from this outlet")
    filters.add_argument("--article", metavar="ID", help="only this article (see qa sources)")

    parser = argparse.ArgumentParser(
        prog="qa",
        description="Ask questions of a folder of news articles; every claim is cited.",
        epilog='Start with `qa index`, then `qa ask "…"` or `qa chat`.',
    )
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=argparse.ArgumentParser
    )

    writing = argparse.ArgumentParser(add_help=False)
    writing.add_argument(
        "--no-wait", action="store_true", help="fail at once if another qa is updating the index"
    )
    writing.add_argument(
        "--precision",
        choices=PRECISIONS,
        help="embed passages with the model quantized to int8 (the default, or $QA_PRECISION; "
        "2.5 times as fast as fp32) or as is (fp32); see README",
    )
    writing.add_argument(
        "--follow-symlinks",
        action="store_true",
        help="index the targets of symbolic links inside the corpus (by default they are skipped)",
    )

    index = commands.add_parser(
        "index", parents=[common, writing], help="build or update the index from the corpus"
    )
    index.add_argument(
        "--rebuild", action="store_true", help="re-embed everything, ignoring the current index"
    )
    index.add_argument("--json", action="store_true", help="print the summary as JSON")

    add = commands.add_parser(
        "add",
        parents=[common, writing],
        help="copy article files or folders into the corpus and update the index",
        description="Copy article files into the corpus (a folder becomes a subfolder of it), "
        "then index what is new or changed.",
    )
    add.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="article file or folder")
    add.add_argument(
        "--replace", action="store_true", help="overwrite corpus files of the same name"
    )

    ask = commands.add_parser("ask", parents=[common, filters], help="answer one question and exit")
    ask.add_argument("question", help="the question, in quotes")
    ask.add_argument("-k", type=_k, help=_K_HELP)
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")

    chat = commands.add_parser(
        "chat", parents=[common], help="ask questions in an interactive session"
    )
    chat.add_argument("-k", type=_k, help=_K_HELP)
    chat.add_argument(
        "--json",
        action="store_true",
        help="read questions and : commands from standard input, one per line, and print one "
        "line of JSON per answer",
    )

    status = commands.add_parser(
        "status",
        parents=[common],
        help="show what `qa index` would do, without doing it",
        description="Compare the index with the corpus: new, changed and removed files and "
        "articles, and the index's model, precision and age. Nothing is embedded or written.",
    )
    status.add_argument("--json", action="store_true", help="print the status as JSON")
    status.add_argument(
        "--verify",
        action="store_true",
        help="also check every index file and the model export against their checksums "
        "(reads them all; exit 1 naming the first damaged file)",
    )

    sources = commands.add_parser("sources", parents=[common], help="list the indexed articles")
    sources.add_argument("--json", action="store_true", help="print the list as JSON")

    evaluate = commands.add_parser(
        "eval",
        parents=[common],
        help="measure retrieval, answers, citations and abstention on question sets",
        description="Ask every question of JSONL question sets and report the metrics. "
        "A set with a corpus/ folder beside it is asked against that corpus, "
        "indexed on demand into eval/cache/.",
    )
    evaluate.add_argument("files", nargs="+", type=Path, metavar="FILE", help="JSONL question set")
    evaluate.add_argument("-k", type=_k, help=_K_HELP)
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluate.add_argument("--save", type=Path, metavar="PATH", help="write the JSON report here")
    evaluate.add_argument(
        "--compare",
        type=Path,
        metavar="PATH",
        help="show deltas against a saved report; exit 1 if a quality metric fell by more "
        "than 0.02",
    )
    evaluate.add_argument(
        "--show-failures", action="store_true", help="list each missed question and what came back"
    )
    evaluate.add_argument(
        "--tag",
        metavar="TAG",
        help="only the questions tagged TAG (e.g. test); a dialogue is kept whole when one of "
        "its turns is",
    )
    evaluate.add_argument(
        "--fail-under",
        type=_floor,
        action="append",
        default=[],
        metavar="METRIC=VALUE",
        help="exit 1 when this metric of the first set is below VALUE (e.g. hit@3=0.8)",
    )
    return parser
