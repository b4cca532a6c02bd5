"""Tune the retriever's fusion weights on half of a question set; report on the other half.

    python eval/tune_retrieval.py eval/squad/questions.jsonl \\
        --corpus eval/squad/corpus --index eval/cache/squad-tune

Questions with an even position form the tuning half, odd ones the test half.
The script also scores the two reference retrievers of the benchmark (BM25 and
MiniLM flat search over 200-word windows) on the same questions, so every
figure it prints comes from one run. Hit@k: an accepted answer string occurs
(lower-cased, whitespace collapsed) in one of the first k passages.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from qa.config import Settings
from qa.index.embed import resolve_model, sentence_transformer
from qa.index.indexing import update_index
from qa.ingest.reader import ingest_corpus
from qa.records import Chunk, Hit
from qa.search.retrieve import RANKED_POOL, FusionWeights, distinct_passages
from qa.storage.lexical import LexicalIndex
from qa.storage.store import open_snapshot
from qa.text import normalise

CUTOFFS = (1, 3, 5, 10)


@dataclass
class Case:
    question: str
    answers: list[str]
    candidates: np.ndarray
    features: dict[str, np.ndarray]


def load(path: Path) -> list[tuple[str, list[str]]]:
    cases = []
    for line in path.read_text().splitlines():
        if line.strip():
            row = json.loads(line)
            if not row.get("unanswerable"):
                cases.append((row["question"], [normalise(a) for a in row["answers"]]))
    return cases


def first_hit(passages: list[str], answers: list[str]) -> int | None:
    for rank, text in enumerate(passages, start=1):
        if any(a in text for a in answers):
            return rank
    return None


def summarise(ranks: list[int | None], words: float | None = None) -> dict[str, float]:
    n = len(ranks)
    out = {f"hit@{k}": sum(1 for r in ranks if r is not None and r <= k) / n for k in CUTOFFS}
    out["mrr@10"] = sum(1 / r for r in ranks if r is not None and r <= 10) / n
    if words is not None:
        out["words"] = words
    return out


def reference_windows(corpus: Path, size: int = 200) -> list[str]:
    windows: list[str] = []
    for source in ingest_corpus(corpus).files:
        words = source.text.split()
        windows.extend(" ".join(words[i : i + size]) for i in range(0, len(words), size))
    return windows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("questions", type=Path)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument(
        "--weights", help="also report these weights, 'bm25,window,sentence' (e.g. 0.3,0.35,0.35)"
    )
    args = parser.parse_args()

    settings = Settings.from_env(corpus_dir=args.corpus, index_dir=args.index)
    update_index(settings)
    snapshot = open_snapshot(args.index)
    from qa.search.retrieve import Retriever

    retriever = Retriever(snapshot)
    cases_raw = load(args.questions)
    embedder = sentence_transformer(resolve_model(settings.model))
    began = time.perf_counter()
    vectors = embedder.encode([q for q, _ in cases_raw])
    cases = []
    for (question, answers), vector in zip(cases_raw, vectors, strict=True):
        candidates, features = retriever.features(vector, question)
        cases.append(Case(question, answers, candidates, features))
    print(
        f"features for {len(cases)} questions in {time.perf_counter() - began:.1f} s",
        file=sys.stderr,
    )
    chunk_cache: dict[int, Chunk] = dict(snapshot.all_chunks())

    def rank(weights: FusionWeights, case: Case, k: int) -> tuple[list[Hit], list[Hit]]:
        """The k distinct passages and the ranked sentences under ``weights``."""
        score = weights.fuse(case.features)
        ranked = []
        for i in np.argsort(-score, kind="stable")[:RANKED_POOL]:
            chunk = chunk_cache[int(case.candidates[i])]
            article = snapshot.article(chunk.article_id)
            ranked.append(Hit(int(case.candidates[i]), chunk, article, float(score[i])))
        return distinct_passages(ranked, k), ranked

    def evaluate(weights: FusionWeights, subset: list[Case]) -> dict[str, float]:
        ranks: list[int | None] = []
        words: list[int] = []
        for case in subset:
            passages = [normalise(h.chunk.text) for h in rank(weights, case, 10)[0]]
            ranks.append(first_hit(passages, case.answers))
            words.extend(len(p.split()) for p in passages[:5])
        return summarise(ranks, float(np.mean(words)))

    tune, test = cases[0::2], cases[1::2]
    grid = [
        FusionWeights(b, w, s)
        for b, w, s in itertools.product(np.arange(0, 1.01, 0.05), repeat=3)
        if abs(b + w + s - 1) < 1e-6
    ]
    scored = [(evaluate(w, tune), w) for w in grid]
    scored.sort(key=lambda pair: (pair[0]["hit@1"], pair[0]["mrr@10"]), reverse=True)
    best_metrics, best = scored[0]
    print(f"best on tune half ({len(tune)} q): {best} {fmt(best_metrics)}")
    print(f"default weights on test half:      {fmt(evaluate(retriever.weights, test))}")
    print(f"best weights on test half ({len(test)} q): {fmt(evaluate(best, test))}")
    if args.weights:
        given = FusionWeights(*(float(part) for part in args.weights.split(",")))
        print(f"{args.weights} on tune half: {fmt(evaluate(given, tune))}")
        print(f"{args.weights} on test half: {fmt(evaluate(given, test))}")

    # Reference retrievers on the same test half.
    windows = reference_windows(args.corpus)
    normalised_windows = [normalise(w) for w in windows]
    lexical = LexicalIndex.build(windows)
    window_vectors = embedder.encode(windows)
    bm25_ranks, dense_ranks = [], []
    for case, vector in zip(cases[1::2], vectors[1::2], strict=True):
        top = np.argsort(-lexical.scores(case.question))[:10]
        bm25_ranks.append(first_hit([normalised_windows[i] for i in top], case.answers))
        top = np.argsort(-(window_vectors @ vector))[:10]
        dense_ranks.append(first_hit([normalised_windows[i] for i in top], case.answers))
    print(f"reference BM25 200-word windows, test half:  {fmt(summarise(bm25_ranks, 200.0))}")
    print(f"reference MiniLM 200-word windows, test half: {fmt(summarise(dense_ranks, 200.0))}")
    return 0


def fmt(metrics: dict[str, float]) -> str:
    return " ".join(f"{k}={v:.3f}" for k, v in metrics.items())


if __name__ == "__main__":
    sys.exit(main())
