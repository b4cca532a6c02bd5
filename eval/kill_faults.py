"""Kills and a full disk, at random points of `qa index --rebuild` and `qa add`.

    python eval/kill_faults.py [--articles 200] [--kills 20] [--seed 7] [--no-disk-full]

Builds a corpus of BBC articles (eval/README.md: the development checkout's
../shared/bench/bbc/bbc-news.jsonl), indexes it once without interruption, then
SIGKILLs half the trials' `qa index --rebuild` and the other half's `qa add NEW.txt`
after a random delay. After every kill it checks that

1. the index answers a fixed set of questions exactly as before the kill (or, for a
   `qa add` killed after its swap, is the whole new index: never a mixture),
2. the next run completes, leaves no half-copied file in the corpus, and gives an
   index whose articles and chunks are those of the corpus (every fingerprint), whose
   answers equal those of the same run left uninterrupted (a --rebuild of the same
   corpus; a `qa add` of the same file run on copies). Int8 vectors depend slightly on
   which texts share a batch, so an incremental index is compared with an incremental
   run, never with a rebuild.

Then (as root, where tmpfs can be mounted) it copies the index into a tmpfs too small
for a second generation and runs `qa index --rebuild` there: the run must fail with one
`error:` line, and the previous index must still answer as before.

Prints one line per trial and a summary; exit 1 when any trial failed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BBC = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "bbc" / "bbc-news.jsonl"
QUESTIONS = 6


def qa(*args: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "qa", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def run(*args: str, env: dict[str, str]) -> tuple[int, str, float]:
    began = time.perf_counter()
    process = qa(*args, env=env)
    _, err = process.communicate()
    return process.returncode, err.decode(errors="replace"), time.perf_counter() - began


def state(index: Path, corpus: Path, questions: list[str]) -> dict[str, Any]:
    """What the index holds and answers: its articles' fingerprints, chunk count, answers."""
    from qa.config import Settings
    from qa.search.assistant import Assistant

    assistant = Assistant.open(Settings(corpus_dir=corpus, index_dir=index))
    try:
        manifest = assistant.snapshot.manifest
        answers = []
        for question in questions:
            answer = assistant.ask(question, k=5)
            answers.append([answer.text, [(c.article_id, c.start, c.end) for c in answer.passages]])
        return {
            "articles": dict(manifest.articles),
            "chunks": manifest.chunk_count,
            "answers": answers,
        }
    finally:
        assistant.close()


def corpus_fingerprints(corpus: Path) -> dict[str, str]:
    """The article fingerprints a complete index of ``corpus`` must hold (no embedding)."""
    from qa.index.indexing import article_fingerprint
    from qa.ingest.reader import ingest_corpus

    result = ingest_corpus(corpus)
    texts = {source.path: source.text for source in result.files}
    return {a.article_id: article_fingerprint(a, texts[a.path]) for a in result.articles}


def partial_copies(corpus: Path) -> list[str]:
    return [p.name for p in corpus.rglob(".*") if ".qa-add-" in p.name]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-disk-full", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    records = [json.loads(line) for line in BBC.read_text().splitlines() if line.strip()]
    work = Path(tempfile.mkdtemp(prefix="qa-kill-"))
    corpus, index, incoming = work / "corpus", work / "index", work / "incoming"
    corpus.mkdir()
    incoming.mkdir()
    for record in records[: args.articles]:
        (corpus / f"{record['id']}.txt").write_text(record["text"])
    pool = records[args.articles :]
    questions = [
        " ".join(record["text"].split()[3:15]) + "?"
        for record in rng.sample(records[: args.articles], QUESTIONS)
    ]
    env = {**os.environ, "QA_CORPUS": str(corpus), "QA_INDEX": str(index)}

    code, err, seconds = run("index", env=env)
    assert code == 0, err
    code, err, rebuild_seconds = run("index", "--rebuild", env=env)
    assert code == 0, err
    reference = state(index, corpus, questions)
    print(
        f"{args.articles} articles, {reference['chunks']} chunks; first build {seconds:.0f} s "
        f"(with the model export), rebuild {rebuild_seconds:.0f} s",
        flush=True,
    )
    survived = 0
    add_seconds = 10.0
    rebuilds = (args.kills + 1) // 2
    for trial in range(args.kills):
        kind = "rebuild" if trial < rebuilds else "add"
        before = state(index, corpus, questions)
        if kind == "rebuild":
            argv = ["index", "--rebuild"]
            delay = rng.uniform(0.5, rebuild_seconds)
            expected = reference  # an uninterrupted --rebuild of this very corpus
        else:
            record = pool.pop(0)
            new = incoming / f"{record['id']}.txt"
            new.write_text(record["text"])
            argv = ["add", str(new)]
            delay = rng.uniform(0.3, add_seconds)
            expected = uninterrupted_add(work, corpus, index, new, questions)
        process = qa(*argv, env=env)
        time.sleep(delay)
        finished = process.poll() is not None
        if not finished:
            process.send_signal(signal.SIGKILL)
        process.wait()
        after = state(index, corpus, questions)
        intact = after in (before, expected)  # the old index, or the whole new one
        code, err, took = run(*argv, env=env)
        if kind == "add":
            add_seconds = max(add_seconds, took)
        done = state(index, corpus, questions)
        complete = code == 0 and done["articles"] == corpus_fingerprints(corpus)
        matches = done == expected
        leftovers = partial_copies(corpus)
        survived += intact and complete and matches and not leftovers
        print(
            f"kill {trial + 1:2d} {kind:7s} after {delay:5.1f} s"
            f"{' (had finished)' if finished else ''}: previous index "
            f"{'intact' if intact else 'CHANGED'}, next run "
            f"{'completes' if complete else 'FAILED: ' + err.strip()[-200:]}, "
            f"{'matches an uninterrupted run' if matches else 'DIFFERS'}"
            f"{', partial copies left: ' + str(leftovers) if leftovers else ''}",
            flush=True,
        )
    disk_ok = args.no_disk_full or disk_full(work, index, corpus, questions, env)
    print(f"{survived}/{args.kills} kills survived; disk full {'passed' if disk_ok else 'FAILED'}")
    shutil.rmtree(work, ignore_errors=True)
    return 0 if survived == args.kills and disk_ok else 1


def uninterrupted_add(
    work: Path, corpus: Path, index: Path, new: Path, questions: list[str]
) -> dict[str, Any]:
    """The state a `qa add NEW` run to its end gives, on copies of the corpus and index."""
    copy = work / "reference"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(corpus, copy / "corpus", symlinks=True)
    shutil.copytree(index, copy / "index", symlinks=True)
    env = {**os.environ, "QA_CORPUS": str(copy / "corpus"), "QA_INDEX": str(copy / "index")}
    code, err, _ = run("add", str(new), env=env)
    assert code == 0, err
    return state(copy / "index", copy / "corpus", questions)


def disk_full(
    work: Path, index: Path, corpus: Path, questions: list[str], env: dict[str, str]
) -> bool:
    """Index on a tmpfs with room for the current index and a fraction of a second one."""
    mount = work / "small-disk"
    mount.mkdir()
    used = sum(p.stat().st_size for p in index.rglob("*") if p.is_file() and not p.is_symlink())
    generation = sum(
        p.stat().st_size for p in (index / "current").resolve().rglob("*") if p.is_file()
    )
    size = used + generation // 2
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        print(f"disk full: not run (cannot mount a tmpfs: {mounted.stderr.strip()})")
        return True
    try:
        small = mount / "index"
        shutil.copytree(index, small, symlinks=True)
        before = state(small, corpus, questions)
        code, err, _ = run("index", "--rebuild", "--index", str(small), env=env)
        after = state(small, corpus, questions)
        lines = [line for line in err.splitlines() if line.strip() and not line.endswith("…")]
        clear = code == 1 and len(lines) == 1 and lines[0].startswith("error: ")
        intact = after == before
        leftovers = [p.name for p in small.iterdir() if p.name.startswith(".staging-")]
        print(
            f"disk full ({size // 1024} KiB tmpfs): exit {code}, "
            f"{'one clear line: ' + lines[0] if clear else 'UNCLEAR: ' + repr(lines[-3:])}; "
            f"previous index {'intact' if intact else 'CHANGED'}"
            f"{'; unfinished generation left: ' + str(leftovers) if leftovers else ''}",
            flush=True,
        )
        return clear and intact and not leftovers
    finally:
        subprocess.run(["umount", str(mount)], check=False)


if __name__ == "__main__":
    sys.exit(main())
