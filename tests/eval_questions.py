"""Every question of the eval sets: what tests of the question path check the real model on."""

from __future__ import annotations

import json
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def eval_questions() -> list[str]:
    """The questions of eval/*.jsonl and eval/squad/*.jsonl, dialogue turns included."""
    questions = []
    for path in sorted([*PROJECT.glob("eval/*.jsonl"), *PROJECT.glob("eval/squad/*.jsonl")]):
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line) if line.strip() else {}
            questions += [item["question"]] if "question" in item else []
            questions += [turn["question"] for turn in item.get("turns", [])]
    return questions
