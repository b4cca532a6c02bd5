"""Question sets: reading and validating the JSONL files ``qa eval`` asks.

A set is a JSONL file in the format of ``eval/README.md`` (``id``, ``question``,
``answers``, ``sources``; optional ``unanswerable``, ``titles``, ``date``,
``tags``). A line with ``turns`` instead is a dialogue (``id``, optional ``tags``,
``turns``: a list of such questions without ``id``, each optionally with
``depends`` and ``full_question``); its turns become cases ``ID#1``, ``ID#2``, …
that carry the dialogue's tags and ``dependent`` or ``standalone``, and are asked
in order through one conversation. A malformed line is left out with one
``FILE:LINE: problem`` for the user; a file that cannot be read at all raises
EvalFormatError.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from qa.errors import EvalFormatError
from qa.ingest.json_lines import load_json_line
from qa.records import EvalCase


@dataclass(frozen=True, slots=True)
class EvalSet:
    """The usable cases of one JSONL file, and one ``FILE:LINE: problem`` per skipped line."""

    path: Path
    cases: tuple[EvalCase, ...]
    problems: tuple[str, ...] = ()
    variant: str = ""

    @property
    def name(self) -> str:
        """``parent-folder/file-name``: how reports and comparisons name the set (with its
        variant, e.g. ``eval/dialogues.jsonl (written out)``)."""
        name = (
            f"{self.path.parent.name}/{self.path.name}"
            if self.path.parent.name
            else (self.path.name)
        )
        return f"{name} ({self.variant})" if self.variant else name

    def with_tag(self, tag: str) -> EvalSet:
        """Only the cases tagged ``tag``; a dialogue is kept whole when one of its turns is."""
        kept_dialogues = {c.dialogue for c in self.cases if c.dialogue and tag in c.tags}
        cases = tuple(
            c for c in self.cases if (c.dialogue in kept_dialogues if c.dialogue else tag in c.tags)
        )
        return replace(self, cases=cases)

    def asked_alone(self) -> EvalSet:
        """Every dialogue turn as a question on its own: the dependent ones written out in
        full (``full_question``), the standalone ones as they are; to compare with the
        conversation. Empty when the set holds no dialogue."""
        cases = tuple(
            replace(c, question=c.full_question or c.question, dialogue=None)
            for c in self.cases
            if c.dialogue is not None and (c.full_question or not c.depends)
        )
        return replace(self, cases=cases, variant="asked alone")

    @property
    def has_dialogues(self) -> bool:
        """Whether any case is a turn of a dialogue."""
        return any(c.dialogue for c in self.cases)


class _BadLineError(Exception):
    """A line of a set that cannot become a case; the message says why."""


def load_set(path: Path) -> EvalSet:
    """Read a JSONL set; malformed lines are listed in ``problems`` and left out.

    Raise EvalFormatError when the file cannot be read at all.
    """
    from qa.ingest.reader import UnusableFileError, read_regular_file

    if path.is_dir():
        raise EvalFormatError(f"cannot read evaluation set {path}: it is a directory")
    try:
        data = read_regular_file(path)  # never blocks on a FIFO
    except UnusableFileError as error:
        raise EvalFormatError(f"cannot read evaluation set {path}: it {error}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise EvalFormatError(
            f"cannot read evaluation set {path}: not UTF-8 text (byte {error.start})"
        ) from None
    cases: list[EvalCase] = []
    problems: list[str] = []
    first_line: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            parsed = _parse_line(line)
            for case in parsed:
                if case.case_id in first_line:
                    raise _BadLineError(
                        f"duplicate id {case.case_id!r} (first on line {first_line[case.case_id]})"
                    )
        except _BadLineError as problem:
            problems.append(f"{path}:{number}: {problem}")
            continue
        for case in parsed:
            first_line[case.case_id] = number
        cases.extend(parsed)
    return EvalSet(path, tuple(cases), tuple(problems))


def _parse_line(line: str) -> list[EvalCase]:
    item = load_json_line(
        line,
        _BadLineError,
        invalid="not valid JSON ({reason} at column {column})",
        too_deep="nested too deeply",
        too_many_digits="a number with too many digits",
    )
    if not isinstance(item, dict):
        raise _BadLineError("not a JSON object")
    if "turns" in item:
        return _parse_dialogue(item)
    return [_parse_case(item)]


def _parse_dialogue(item: dict[str, Any]) -> list[EvalCase]:
    dialogue = _identifier(item)
    turns = item["turns"]
    if not isinstance(turns, list) or not turns or not all(isinstance(t, dict) for t in turns):
        raise _BadLineError("'turns' must be a non-empty list of objects")
    tags = _strings(item, "tags")
    cases = []
    for number, turn in enumerate(turns, start=1):
        try:
            depends = turn.get("depends", False)
            if not isinstance(depends, bool):
                raise _BadLineError("'depends' must be true or false")
            full = turn.get("full_question")
            if full is not None and (not isinstance(full, str) or not full.strip()):
                raise _BadLineError("'full_question' must be a non-empty string")
            case = _parse_case({"sources": [], **turn, "id": f"{dialogue}#{number}"})
        except _BadLineError as problem:
            raise _BadLineError(f"turn {number}: {problem}") from None
        split = "dependent" if depends else "standalone"
        cases.append(
            replace(
                case,
                tags=(*tags, *case.tags, split),
                dialogue=dialogue,
                depends=depends,
                full_question=full,
            )
        )
    return cases


def _identifier(item: dict[str, Any]) -> str:
    if "id" not in item:
        raise _BadLineError("missing field 'id'")
    case_id = item["id"]
    if not isinstance(case_id, str) or not case_id.strip():
        raise _BadLineError("'id' must be a non-empty string")
    return case_id


def _parse_case(item: dict[str, Any]) -> EvalCase:
    for key in ("id", "question", "answers", "sources"):
        if key not in item:
            raise _BadLineError(f"missing field {key!r}")
    case_id = _identifier(item)
    question = item["question"]
    if not isinstance(question, str) or not question.strip():
        raise _BadLineError("'question' must be a non-empty string")
    unanswerable = item.get("unanswerable", False)
    if not isinstance(unanswerable, bool):
        raise _BadLineError("'unanswerable' must be true or false")
    answers = _strings(item, "answers")
    if not unanswerable and not any(a.strip() for a in answers):
        raise _BadLineError("'answers' is empty but the question is not marked unanswerable")
    if unanswerable and answers:
        raise _BadLineError("an unanswerable question lists answers")
    when = item.get("date")
    if when is not None:
        if not isinstance(when, str):
            raise _BadLineError("'date' must be an ISO 8601 date string")
        try:
            date.fromisoformat(when)
        except ValueError:
            raise _BadLineError(
                f"'date' {when!r} is not an ISO 8601 date like 2017-02-20"
            ) from None
    for text in (case_id, question, *answers):
        if not text.isascii() and any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
            raise _BadLineError("an unpaired surrogate escape (\\ud800…) is not text")
    return EvalCase(
        case_id=case_id,
        question=question,
        answers=answers,
        expected_files=_strings(item, "sources"),
        unanswerable=unanswerable,
        titles=_strings(item, "titles"),
        date=when,
        tags=_strings(item, "tags"),
    )


def _strings(item: dict[str, Any], key: str) -> tuple[str, ...]:
    value = item.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _BadLineError(f"{key!r} must be a list of strings")
    return tuple(value)
