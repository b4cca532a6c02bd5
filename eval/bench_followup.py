"""How much follow-up resolution adds to a turn: resolution time per turn against the search.

Plays every dialogue of a dialogue set (default eval/dialogues.jsonl) through a
Conversation over the usual index (./index, or $QA_INDEX; run ``qa index`` first),
timing the resolution of each turn and, as the baseline measured in the same run,
the whole ``ask`` of the same turn. The target: resolution p95 ≤ 20 ms.

    python eval/bench_followup.py [DIALOGUES.jsonl] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from qa.config import Settings
from qa.search.assistant import Assistant


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))]


def main() -> None:
    """Run the benchmark and print one line per measure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dialogues", nargs="?", type=Path, default=Path("eval/dialogues.jsonl"))
    parser.add_argument("--repeat", type=int, default=20, help="resolutions timed per turn")
    args = parser.parse_args()
    dialogues = [
        json.loads(line)
        for line in args.dialogues.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assistant = Assistant.open(Settings.from_env())
    assistant.ask("warm-up question about trafficking")
    resolve_ms: list[float] = []
    ask_ms: list[float] = []
    rewritten = 0
    for dialogue in dialogues:
        conversation = assistant.conversation()
        for turn in dialogue["turns"]:
            question = turn["question"]
            for _ in range(args.repeat):
                began = time.perf_counter()
                resolution = conversation.resolve(question)
                resolve_ms.append((time.perf_counter() - began) * 1000)
            rewritten += resolution.rewritten
            began = time.perf_counter()
            conversation.ask(question)
            ask_ms.append((time.perf_counter() - began) * 1000)
    assistant.close()
    turns = len(ask_ms)
    p95 = percentile(resolve_ms, 0.95)
    print(f"{len(dialogues)} dialogues, {turns} turns, {rewritten} rewritten")
    print(
        f"resolution: p50 {statistics.median(resolve_ms):.3f} ms, p95 {p95:.3f} ms, "
        f"max {max(resolve_ms):.3f} ms ({len(resolve_ms)} timings)"
    )
    print(
        f"whole turn (baseline): p50 {statistics.median(ask_ms):.1f} ms, "
        f"p95 {percentile(ask_ms, 0.95):.1f} ms"
    )
    print(f"resolution p95 / turn p50: {p95 / statistics.median(ask_ms):.4f}")
    print(f"target resolution p95 <= 20 ms: {'met' if p95 <= 20 else 'NOT met'}")


if __name__ == "__main__":
    main()
