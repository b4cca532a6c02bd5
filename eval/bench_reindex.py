"""Benchmark: adding one article to a large index against rebuilding it, in the same run.

The corpus is the bundled one plus the BBC news articles of the shared
benchmark (development checkout only: ``../shared/bench/bbc``, not shipped), each
written as a .txt file (its paragraphs, which the data set separates by two spaces,
on lines of their own). One BBC article is held out.
Both steps run through the command line, as a user would run them, and are
timed wall-clock including process start-up and model loading:

1. ``qa index --rebuild`` over the corpus;
2. ``qa add held-out.txt``, which copies the article and updates the index.

The target is that step 2 takes at most 5% of step 1.

    .venv/bin/python eval/bench_reindex.py [--limit N] [--bbc PATH] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_BBC = PROJECT.parent / "shared" / "bench" / "bbc" / "bbc-news.jsonl"
TARGET = 0.05


def article_text(raw: str) -> str:
    """The data set's text with its two-space paragraph breaks as line breaks."""
    paragraphs = [" ".join(part.split()) for part in raw.split("  ")]
    return "\n\n".join(p for p in paragraphs if p) + "\n"


def write_corpus(bbc: Path, limit: int | None, corpus: Path, inbox: Path) -> tuple[int, Path]:
    """Bundled corpus + ``limit`` BBC articles into ``corpus``; one more held out in ``inbox``."""
    shutil.copytree(PROJECT / "corpus", corpus)
    records = [json.loads(line) for line in bbc.read_text().splitlines() if line.strip()]
    held_out, records = records[-1], records[:-1]
    if limit is not None:
        records = records[:limit]
    (corpus / "bbc").mkdir()
    for record in records:
        (corpus / "bbc" / f"{record['id']}.txt").write_text(article_text(record["text"]))
    inbox.mkdir()
    new = inbox / f"{held_out['id']}.txt"
    new.write_text(article_text(held_out["text"]))
    return len(records), new


def run_qa(args: list[str], corpus: Path, index: Path) -> tuple[float, str]:
    """Run ``qa`` with these arguments; return wall-clock seconds and its last stdout line."""
    command = [sys.executable, "-m", "qa", *args, "--corpus", str(corpus), "--index", str(index)]
    began = time.perf_counter()
    done = subprocess.run(
        command,
        cwd=PROJECT,
        env={**os.environ, "COLUMNS": "400"},
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - began
    if done.returncode != 0:
        sys.exit(f"qa {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return seconds, done.stdout.strip().splitlines()[-1]


def main() -> None:
    """Parse the options, run both steps and print the times and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bbc", type=Path, default=DEFAULT_BBC, help="the BBC news JSONL file")
    parser.add_argument("--limit", type=int, help="use only the first N BBC articles")
    parser.add_argument("--workdir", type=Path, help="build here instead of a temporary folder")
    options = parser.parse_args()

    work = options.workdir or Path(tempfile.mkdtemp(prefix="bench-reindex-"))
    corpus, index, inbox = work / "corpus", work / "index", work / "inbox"
    for path in (corpus, index, inbox):
        shutil.rmtree(path, ignore_errors=True)
    count, new = write_corpus(options.bbc, options.limit, corpus, inbox)
    print(f"corpus: bundled articles + {count} BBC articles, in {corpus}", flush=True)

    rebuild, rebuild_line = run_qa(["index", "--rebuild"], corpus, index)
    print(f"full rebuild     {rebuild:8.1f} s   {rebuild_line}", flush=True)
    add, add_line = run_qa(["add", str(new)], corpus, index)
    print(f"add one article  {add:8.1f} s   {add_line}", flush=True)
    ratio = add / rebuild
    verdict = "meets" if ratio <= TARGET else "misses"
    print(f"ratio            {ratio:8.1%}     ({verdict} the {TARGET:.0%} target)")
    if options.workdir is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
