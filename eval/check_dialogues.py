"""Check a dialogue set: every answer occurs in its source file, every turn is well formed.

    python eval/check_dialogues.py [eval/dialogues.jsonl] [--corpus DIR]

The corpus is the ``corpus/`` folder beside the set when there is one (as for
``qa eval``), else ``./corpus``.

Checks: the file loads as a set with no malformed line; dialogue ids are unique;
every dialogue has exactly one of ``tune``/``test`` and the halves alternate (or,
in a set written for tuning alone, every dialogue is ``tune``);
every answerable turn's answers each occur (lower-cased, whitespace collapsed) in
each of its source files, which exist; unanswerable turns list no answers or
sources; a turn has ``full_question`` exactly when it ``depends``; the first turn
of a dialogue never depends. Prints the counts per turn kind and half; exits 1 on
any problem.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from qa.evaluation.sets import load_set
from qa.ingest.reader import read_corpus_file
from qa.text import normalise


def main() -> int:
    """Run the checks and print what they found."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dialogues", nargs="?", type=Path, default=Path("eval/dialogues.jsonl"))
    parser.add_argument("--corpus", type=Path, default=None)
    args = parser.parse_args()
    if args.corpus is None:
        beside = args.dialogues.parent / "corpus"
        args.corpus = beside if beside.is_dir() else Path("corpus")
    loaded = load_set(args.dialogues)
    problems = list(loaded.problems)
    texts: dict[str, str] = {}
    halves: list[str] = []
    kinds: Counter[tuple[str, str]] = Counter()
    dialogues: list[str] = []
    for case in loaded.cases:
        if case.dialogue is None:
            problems.append(f"{case.case_id}: not a dialogue turn")
            continue
        first = case.case_id.endswith("#1")
        if first:
            if case.dialogue in dialogues:
                problems.append(f"{case.dialogue}: duplicate dialogue id")
            dialogues.append(case.dialogue)
            split = [t for t in case.tags if t in ("tune", "test")]
            if len(split) != 1:
                problems.append(f"{case.dialogue}: needs exactly one of tune/test")
            halves.append(split[0] if split else "?")
            if case.depends:
                problems.append(f"{case.case_id}: a first turn cannot depend on earlier ones")
        if case.depends != (case.full_question is not None):
            problems.append(f"{case.case_id}: full_question must be given exactly when it depends")
        if case.unanswerable and (case.answers or case.expected_files):
            problems.append(f"{case.case_id}: unanswerable but lists answers or sources")
        for expected in case.expected_files:
            if expected not in texts:
                path = args.corpus / expected
                if not path.is_file():
                    problems.append(f"{case.case_id}: source {expected} does not exist")
                    continue
                texts[expected] = normalise(read_corpus_file(path, expected).text)
            for answer in case.answers:
                if normalise(answer) not in texts[expected]:
                    problems.append(f"{case.case_id}: answer {answer!r} is not in {expected}")
        # A turn's tags: the dialogue's (topic, half), its own kind, then dependent/standalone.
        kinds[(case.tags[-2], halves[-1])] += 1
    tuning_only = set(halves) == {"tune"}  # a set written for tuning alone, never reported
    for i, got in enumerate(halves):
        expected = "tune" if i % 2 == 0 or tuning_only else "test"
        if got != expected:
            problems.append(f"dialogue {i + 1}: expected {expected}, got {got}")
    turns = len(loaded.cases)
    unanswerable = sum(c.unanswerable for c in loaded.cases)
    dependent = sum(c.depends for c in loaded.cases)
    print(
        f"{len(dialogues)} dialogues, {turns} turns ({dependent} dependent, "
        f"{unanswerable} unanswerable)"
    )
    for (kind, half), count in sorted(kinds.items()):
        print(f"  {kind:12} {half:5} {count}")
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
