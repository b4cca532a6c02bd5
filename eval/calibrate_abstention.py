"""Choose the abstention threshold on the tuning half of question sets; report on the test half.

    python eval/calibrate_abstention.py eval/corpus.jsonl \\
        eval/squad/questions.jsonl --squad-index eval/cache/squad-tune

The threshold is the highest confidence cut-off that keeps abstention on
answerable tuning questions at or below ``--max-false-abstain`` (1%). The
confidence of a question is ``Answer.confidence`` (``qa.answer.confidence``). Cases
tagged ``tune`` (the project's set) or at an even position (sets without
tags) form the tuning half.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from qa.assistant import Assistant
from qa.config import Settings
from qa.indexing import update_index


def confidences(path: Path, settings: Settings) -> list[tuple[bool, bool, list[str], float]]:
    """(is_tuning, unanswerable, tags, confidence) for every case of a set."""
    update_index(settings)
    assistant = Assistant.open(settings)
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    out = []
    for position, row in enumerate(rows):
        answer = assistant.ask(row["question"])
        tags = row.get("tags", [])
        tuning = "tune" in tags if ("tune" in tags or "test" in tags) else position % 2 == 0
        out.append((tuning, bool(row.get("unanswerable")), tags, answer.confidence))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("--squad-index", type=Path, default=Path("eval/cache/squad-tune"))
    parser.add_argument("--max-false-abstain", type=float, default=0.01)
    args = parser.parse_args()
    cases: list[tuple[str, bool, bool, list[str], float]] = []
    for path in args.sets:
        sibling = path.parent / "corpus"
        settings = (
            Settings(corpus_dir=sibling, index_dir=args.squad_index)
            if sibling.is_dir()
            else Settings()
        )
        cases.extend((path.name, *case) for case in confidences(path, settings))
    tune_answerable = np.array([c[4] for c in cases if c[1] and not c[2]])
    threshold = float(np.quantile(tune_answerable, args.max_false_abstain))
    print(f"threshold = {threshold:.3f} (answerable tuning cases: {len(tune_answerable)})")
    for name in sorted({c[0] for c in cases}):
        for half, is_tuning in (("tune", True), ("test", False)):
            group = [c for c in cases if c[0] == name and c[1] is is_tuning]
            answerable = [c[4] for c in group if not c[2]]
            off_topic = [c[4] for c in group if c[2] and "off-topic" in c[3]]
            other_u = [c[4] for c in group if c[2] and "off-topic" not in c[3]]
            parts = [f"{name} {half}:"]
            for label, values in (
                ("answerable abstain", answerable),
                ("off-topic abstain", off_topic),
                ("other unanswerable abstain", other_u),
            ):
                if values:
                    rate = sum(v < threshold for v in values) / len(values)
                    parts.append(f"{label} {rate:.3f} (n={len(values)})")
            print("  ".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
