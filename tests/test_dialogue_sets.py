"""The shipped dialogue sets hold together: every answer in its article, every turn well formed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("dialogues", "counts"),
    [
        ("eval/dialogues.jsonl", "47 dialogues, 233 turns (133 dependent, 7 unanswerable)"),
        ("eval/squad/dialogues.jsonl", "39 dialogues, 210 turns (136 dependent, 2 unanswerable)"),
    ],
)
def test_every_answer_of_a_shipped_dialogue_set_is_in_its_source(
    dialogues: str, counts: str
) -> None:
    checked = subprocess.run(
        [sys.executable, "eval/check_dialogues.py", dialogues],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.stderr == ""
    assert checked.returncode == 0
    assert checked.stdout.splitlines()[0] == counts
