"""Speed benchmark: query latency, embedding throughput per backend, and index scale.

    python eval/bench.py                          # everything, sizes 10k, 100k and 1M
    python eval/bench.py --sizes 10000,100000     # a quicker run
    python eval/bench.py --skip latency,squad     # leave sections out

Sections (every ratio is against a baseline measured in the same run):

latency   ``qa ask`` timed from a new process (cold, median and p95 of --runs) and
          questions of eval/corpus.jsonl asked of one open Assistant (warm).
encode    passages/s of sentence-transformers fp32 (baseline), ONNX Runtime fp32 and
          ONNX Runtime int8 on the same ~110-word windows of the corpus and BBC
          articles, with the mean and lowest cosine of each to the baseline.
squad     hit@5 on eval/squad with the project's retriever, once with
          fp32 and once with int8 embeddings (index and questions alike).
scale     at each size: FAISS build time, search p50/p95 (one query, one thread,
          embedding excluded), recall@10 against exact search, peak RSS of building
          and of searching, and bytes on disk; the same for the BM25 index. Each size
          runs in fresh processes so peak RSS (VmHWM) belongs to that size alone.

The encode and scale sections read the BBC articles, which only a development
checkout has (``../shared/bench/bbc``); latency and squad run from any clone.

Scale data: the real vectors are ONNX fp32 embeddings of ~110-word windows of the
BBC articles, the corpus and the SQuAD articles (6,756); every larger collection
adds synthetic vectors, each a normalised mixture of three random real ones
(weights 1 and two in [0.3, 0.9]) plus a little noise, so a query's nearest
neighbours spread out as among real passages instead of tying among copies of one
passage. The scale section prints that spread (cosines of each query's 1st and
10th neighbour) for the real vectors and at each size. Queries are the SQuAD
questions, embedded. Lexical documents are the real windows, then copies with
words dropped and swapped at random.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

PROJECT = Path(__file__).resolve().parent.parent
# The BBC articles are not shipped: they exist only beside a development checkout.
BBC = PROJECT.parent / "shared" / "bench" / "bbc" / "bbc-news.jsonl"
SQUAD = PROJECT / "eval" / "squad"
CACHE = PROJECT / "eval" / "cache" / "bench"
WINDOW_WORDS = 110
#: Weights of the second and third real vector in a synthetic one (the first weighs 1),
#: and the Gaussian noise per dimension added to the mixture.
MIX_WEIGHTS = (0.3, 0.9)
NOISE = 0.01
QUERIES = 300


# ---------------------------------------------------------------------------- data


def windows(text: str, size: int = WINDOW_WORDS, step: int = WINDOW_WORDS // 2) -> list[str]:
    """Overlapping windows of ``size`` words."""
    words = text.split()
    return [" ".join(words[i : i + size]) for i in range(0, max(1, len(words) - step), step)]


def real_passages() -> list[str]:
    """~110-word windows of the BBC articles, the bundled corpus and the SQuAD articles."""
    if not BBC.is_file():
        raise SystemExit(
            f"{BBC} not found: the encode and scale sections need the BBC articles of the "
            "development checkout (leave them out with --skip encode,scale)"
        )
    texts = []
    for line in BBC.read_text().splitlines():
        texts += windows(json.loads(line)["text"])
    for path in sorted((PROJECT / "corpus").iterdir()):
        texts += windows(path.read_text(encoding="utf-8", errors="replace"))
    for path in sorted((SQUAD / "corpus").iterdir()):
        texts += windows(path.read_text(encoding="utf-8"))
    return [t for t in texts if t]


def squad_questions() -> list[dict[str, object]]:
    """The answerable SQuAD questions."""
    rows = [json.loads(line) for line in (SQUAD / "questions.jsonl").read_text().splitlines()]
    return [r for r in rows if r.get("answers")]


def model_spec() -> object:
    from qa.index.embed import resolve_model

    return resolve_model("all-MiniLM-L6-v2")


def export_folder() -> Path:
    """The ONNX exports (fp32 and int8) of the bundled model, made once."""
    from qa.index.onnx_export import export_onnx

    folder = CACHE / "onnx"
    model = model_spec()
    export_onnx(model, folder)  # type: ignore[arg-type]
    export_onnx(model, folder, quantize=True)  # type: ignore[arg-type]
    return folder


def onnx_embedder(quantized: bool, threads: int) -> object:
    from qa.index.onnx_embed import OnnxEmbedder

    return OnnxEmbedder(export_folder(), model_spec(), threads, quantized=quantized)  # type: ignore[arg-type]


def real_vectors() -> tuple[np.ndarray, np.ndarray]:
    """ONNX fp32 embeddings of the real passages and of the SQuAD questions (cached)."""
    target = CACHE / "real-vectors.npz"
    if not target.exists():
        embedder = onnx_embedder(quantized=False, threads=os.cpu_count() or 1)
        passages = embedder.encode(real_passages())  # type: ignore[attr-defined]
        questions = [str(q["question"]) for q in squad_questions()]
        queries = embedder.encode(questions)  # type: ignore[attr-defined]
        CACHE.mkdir(parents=True, exist_ok=True)
        np.savez(target, passages=passages, queries=queries)
    stored = np.load(target)
    return stored["passages"], stored["queries"]


def scaled_vectors(size: int, seed: int = 0) -> np.ndarray:
    """``size`` unit vectors: the real ones, then synthetic mixtures of three of them.

    Each synthetic vector is ``normalise(v1 + b·v2 + c·v3 + noise)`` with v1, v2, v3
    real passage vectors drawn at random, b and c uniform in [0.3, 0.9] (so v1
    dominates) and Gaussian noise of 0.01 per dimension. A passage's descendants
    thus point in different directions, and a query's ten nearest neighbours spread
    out as they do among real passages, rather than being near-identical copies of
    one passage that no approximate index can tell apart.
    """
    base, _ = real_vectors()
    rng = np.random.default_rng(seed)
    out = np.empty((size, base.shape[1]), dtype=np.float32)
    take = min(size, len(base))
    out[:take] = base[:take]
    step = 50_000
    for begin in range(take, size, step):
        end = min(size, begin + step)
        picks = rng.integers(0, len(base), size=(end - begin, 3))
        weights = rng.uniform(*MIX_WEIGHTS, size=(end - begin, 3)).astype(np.float32)
        weights[:, 0] = 1.0
        rows = np.einsum("nk,nkd->nd", weights, base[picks])
        rows += rng.normal(scale=NOISE, size=rows.shape).astype(np.float32)
        out[begin:end] = rows / np.linalg.norm(rows, axis=1, keepdims=True)
    return out


def scaled_documents(size: int, seed: int = 0) -> list[str]:
    """``size`` texts: the real windows, then copies with ~10% of words dropped or swapped."""
    base = real_passages()
    rng = np.random.default_rng(seed)
    vocabulary = " ".join(base[:2000]).split()
    documents = base[:size]
    while len(documents) < size:
        words = base[int(rng.integers(len(base)))].split()
        kept = [w for w in words if rng.random() > 0.05]
        for i in rng.integers(0, len(kept), size=max(1, len(kept) // 20)):
            kept[int(i)] = vocabulary[int(rng.integers(len(vocabulary)))]
        documents.append(" ".join(kept))
    return documents


# ---------------------------------------------------------------------------- helpers


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0–100) of ``values``."""
    return float(np.percentile(np.asarray(values, dtype=float), q))


def peak_rss_mib() -> float:
    """This process's peak resident memory so far, in MiB.

    Read from VmHWM where /proc exists: Linux carries ru_maxrss across exec, so a
    worker started by a parent that had loaded torch would report the parent's peak.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def folder_bytes(path: Path) -> int:
    """Bytes of a file, or of every file under a folder."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def run_worker(*arguments: str) -> dict[str, Any]:
    """Run this script as a worker in a fresh process; return the JSON it prints last."""
    completed = subprocess.run(
        [sys.executable, str(Path(__file__)), "--worker", *arguments],
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"worker {arguments} failed:\n{completed.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


# ---------------------------------------------------------------------------- latency


def bench_latency(runs: int, index: Path, corpus: Path) -> str:
    """Cold ``qa ask`` from a new process, and warm questions to one Assistant."""
    from qa.config import Settings
    from qa.search.assistant import Assistant

    question = "How many women are smuggled out of Kazakhstan each year?"
    env = {**os.environ, "QA_INDEX": str(index), "QA_CORPUS": str(corpus)}
    qa_command = [str(Path(sys.executable).parent / "qa"), "ask", question]
    subprocess.run(qa_command, env=env, capture_output=True, check=True)  # warm the page cache
    cold = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(qa_command, env=env, capture_output=True, check=True)
        cold.append((time.perf_counter() - began) * 1000)
    questions = [
        json.loads(line)["question"]
        for line in (PROJECT / "eval" / "corpus.jsonl").read_text().splitlines()
        if line.strip()
    ]
    assistant = Assistant.open(Settings(corpus_dir=corpus, index_dir=index))
    assistant.ask(questions[0])
    warm = []
    for text in questions:
        began = time.perf_counter()
        assistant.ask(text)
        warm.append((time.perf_counter() - began) * 1000)
    assistant.close()
    rows = [
        [f"cold `qa ask` (new process, {runs} runs)", f"{statistics.median(cold):.0f}",
         f"{percentile(cold, 95):.0f}"],
        [f"warm `Assistant.ask` ({len(warm)} questions)", f"{statistics.median(warm):.1f}",
         f"{percentile(warm, 95):.1f}"],
    ]  # fmt: skip
    return table(["query", "p50 ms", "p95 ms"], rows)


# ---------------------------------------------------------------------------- encode


def bench_encode(count: int) -> str:
    """Passages/s of each backend on the same passages, and cosine to the baseline."""
    from qa.index.embed import SentenceTransformerEmbedder

    passages = real_passages()
    rng = np.random.default_rng(1)
    sample = [passages[int(i)] for i in rng.choice(len(passages), count, replace=False)]
    threads = os.cpu_count() or 1
    backends: list[tuple[str, Callable[[], object]]] = [
        ("sentence-transformers fp32 (baseline)",
         lambda: SentenceTransformerEmbedder(model_spec(), threads=threads)),  # type: ignore[arg-type]
        ("ONNX Runtime fp32", lambda: onnx_embedder(quantized=False, threads=threads)),
        ("ONNX Runtime int8", lambda: onnx_embedder(quantized=True, threads=threads)),
    ]  # fmt: skip
    results = []
    for name, make in backends:
        embedder = make()
        embedder.encode(sample[:32])  # type: ignore[attr-defined]
        began = time.perf_counter()
        vectors = embedder.encode(sample)  # type: ignore[attr-defined]
        results.append((name, count / (time.perf_counter() - began), vectors))
    baseline_rate, baseline = results[0][1], results[0][2]
    rows = []
    for name, rate, vectors in results:
        cosines = (vectors * baseline).sum(axis=1)
        rows.append([name, f"{rate:.1f}", f"{rate / baseline_rate:.2f}x",
                     f"{cosines.mean():.4f}", f"{cosines.min():.4f}"])  # fmt: skip
    return table(["backend", "passages/s", "vs baseline", "mean cos", "min cos"], rows)


# ---------------------------------------------------------------------------- squad


def bench_squad(limit: int | None) -> str:
    """hit@5 of the project's retriever on SQuAD with fp32 and with int8 embeddings."""
    from qa.config import Settings
    from qa.index.indexing import update_index
    from qa.search.retrieve import Retriever
    from qa.storage.store import open_snapshot

    questions = squad_questions()[:limit]
    threads = os.cpu_count() or 1
    rows = []
    for quantized in (False, True):
        name = "int8" if quantized else "fp32"
        embedder = onnx_embedder(quantized=quantized, threads=threads)
        settings = Settings(corpus_dir=SQUAD / "corpus", index_dir=CACHE / f"squad-{name}")
        began = time.perf_counter()
        update_index(settings, embedder_factory=lambda _model, e=embedder: e)  # type: ignore[misc]
        built = time.perf_counter() - began
        snapshot = open_snapshot(settings.index_dir)
        retriever = Retriever(snapshot)
        texts = [str(q["question"]) for q in questions]
        vectors = embedder.encode(texts)  # type: ignore[attr-defined]
        hits = 0
        for question, text, vector in zip(questions, texts, vectors, strict=True):
            found = retriever.search(vector, text, 5).hits
            answers = [" ".join(str(a).lower().split()) for a in question["answers"]]  # type: ignore[attr-defined]
            passages = [" ".join(h.chunk.text.lower().split()) for h in found]
            hits += any(a in p for a in answers for p in passages)
        snapshot.close()
        rows.append([name, len(questions), f"{hits / len(questions):.3f}",
                     f"{snapshot.chunk_count}", f"{built:.0f}"])  # fmt: skip
    return table(["embeddings", "questions", "hit@5", "chunks", "index s"], rows)


# ---------------------------------------------------------------------------- scale


def neighbour_spread(similarity: np.ndarray) -> dict[str, float]:
    """Medians over queries of the 1st and 10th best cosine and of their difference."""
    best = -np.partition(-similarity, 9, axis=1)[:, :10]
    top = -np.sort(-best, axis=1)
    return {
        "cos1": float(np.median(top[:, 0])),
        "cos10": float(np.median(top[:, 9])),
        "gap": float(np.median(top[:, 0] - top[:, 9])),
    }


def top10(queries: np.ndarray, vectors: np.ndarray) -> tuple[np.ndarray, dict[str, float]]:
    """Exact top-10 ids of each query, and the neighbour spread, in blocks of vectors."""
    ids, scores = [], []
    for begin in range(0, len(vectors), 100_000):
        similarity = queries @ vectors[begin : begin + 100_000].T
        best = np.argpartition(-similarity, min(9, similarity.shape[1] - 1), axis=1)[:, :10]
        ids.append(best + begin)
        scores.append(np.take_along_axis(similarity, best, axis=1))
    all_ids, all_scores = np.hstack(ids), np.hstack(scores)
    order = np.argsort(-all_scores, axis=1, kind="stable")[:, :10]
    return np.take_along_axis(all_ids, order, axis=1), neighbour_spread(all_scores)


def worker_vectors_build(size: int, folder: Path) -> dict[str, Any]:
    """Build and save the vector index of ``size`` vectors; exact top-10 for the queries."""
    from qa.storage.vectors import build_vector_index, describe, save_vector_index

    vectors = scaled_vectors(size)
    _, queries = real_vectors()
    queries = queries[:QUERIES]
    began = time.perf_counter()
    index = build_vector_index(vectors)
    built = time.perf_counter() - began
    kind = describe(index)
    save_vector_index(index, folder / "vectors.faiss")
    rss = peak_rss_mib()  # before the exact search below, which is not part of building
    del index
    truth, spread = top10(queries, vectors)
    np.save(folder / "truth.npy", truth)
    return {"build_s": built, "rss_mib": rss, "bytes": folder_bytes(folder / "vectors.faiss"),
            "kind": kind, **spread}  # fmt: skip


def worker_vectors_search(folder: Path) -> dict[str, float]:
    """Load the saved index memory-mapped; single-query search latency and recall@10."""
    import faiss

    from qa.storage.vectors import load_vector_index, search_vectors

    faiss.omp_set_num_threads(1)
    began = time.perf_counter()
    index = load_vector_index(folder / "vectors.faiss")
    loaded = time.perf_counter() - began
    _, queries = real_vectors()
    queries = queries[:QUERIES]
    truth = np.load(folder / "truth.npy")
    timings, recalls = [], []
    for query, expected in zip(queries, truth, strict=True):
        began = time.perf_counter()
        _, ids = search_vectors(index, query, 10)
        timings.append((time.perf_counter() - began) * 1000)
        recalls.append(len(set(ids[0].tolist()) & set(expected.tolist())) / 10)
    return {"load_ms": loaded * 1000, "p50_ms": percentile(timings, 50),
            "p95_ms": percentile(timings, 95), "recall": float(np.mean(recalls)),
            "rss_mib": peak_rss_mib()}  # fmt: skip


def worker_lexical_build(size: int, folder: Path) -> dict[str, float]:
    """Build and save the BM25 index of ``size`` perturbed windows."""
    from qa.storage.lexical import LexicalIndex

    documents = scaled_documents(size)
    began = time.perf_counter()
    index = LexicalIndex.build(documents)
    index.save(folder / "bm25")
    built = time.perf_counter() - began
    return {"build_s": built, "rss_mib": peak_rss_mib(), "bytes": folder_bytes(folder / "bm25")}


def worker_lexical_search(folder: Path) -> dict[str, float]:
    """Load the BM25 index memory-mapped; per-query scoring and top-100 latency."""
    from qa.storage.lexical import LexicalIndex

    began = time.perf_counter()
    index = LexicalIndex.load(folder / "bm25")
    loaded = time.perf_counter() - began
    timings = []
    for question in squad_questions()[:QUERIES]:
        began = time.perf_counter()
        scores = index.scores(str(question["question"]))
        np.argpartition(-scores, 100)[:100]
        timings.append((time.perf_counter() - began) * 1000)
    return {"load_ms": loaded * 1000, "p50_ms": percentile(timings, 50),
            "p95_ms": percentile(timings, 95), "rss_mib": peak_rss_mib()}  # fmt: skip


def bench_scale(sizes: Sequence[int]) -> str:
    """Vector and BM25 indexes at each size, each phase in a fresh process."""
    real, queries = real_vectors()
    rows = []
    spreads = [
        ["real vectors only", f"{len(real):,}", *spread_cells(top10(queries[:QUERIES], real)[1])]
    ]
    for size in sizes:
        with tempfile.TemporaryDirectory(dir=CACHE) as scratch:
            build = run_worker("vectors-build", str(size), scratch)
            search = run_worker("vectors-search", "0", scratch)
            spreads.append(["real + synthetic", f"{size:,}", *spread_cells(build)])
            rows.append([f"{size:,}", f"vectors, {build['kind']}", f"{build['build_s']:.1f}",
                         f"{search['p50_ms']:.2f}", f"{search['p95_ms']:.2f}",
                         f"{search['recall']:.3f}", f"{build['rss_mib']:.0f}",
                         f"{search['rss_mib']:.0f}", f"{build['bytes'] / 2**20:.0f}"])  # fmt: skip
        with tempfile.TemporaryDirectory(dir=CACHE) as scratch:
            build = run_worker("lexical-build", str(size), scratch)
            search = run_worker("lexical-search", "0", scratch)
            rows.append([f"{size:,}", "BM25 (bm25s, mmap)", f"{build['build_s']:.1f}",
                         f"{search['p50_ms']:.2f}", f"{search['p95_ms']:.2f}", "–",
                         f"{build['rss_mib']:.0f}", f"{search['rss_mib']:.0f}",
                         f"{build['bytes'] / 2**20:.0f}"])  # fmt: skip
        print(f"  scale {size:,} done", file=sys.stderr, flush=True)
    note = (
        f"{len(real):,} real passage vectors; each larger size adds synthetic vectors, each a "
        "normalised mix of three random real ones (weights 1, U(0.3, 0.9), U(0.3, 0.9)) plus "
        "noise of 0.01 per dimension. BM25 documents beyond the real windows are copies with "
        "words dropped and swapped. Search: one query at a time, one thread, top 10, "
        f"{QUERIES} SQuAD questions, embedding excluded, index loaded memory-mapped; "
        "BM25 time includes scoring all documents and taking the top 100."
    )
    headers = ["passages", "index", "build s", "search p50 ms", "search p95 ms", "recall@10",
               "build peak RSS MiB", "search peak RSS MiB", "disk MiB"]  # fmt: skip
    spread_headers = ["vectors", "count", "cos@1 (median)", "cos@10 (median)",
                      "cos@1 − cos@10 (median)"]  # fmt: skip
    return (
        table(headers, rows)
        + "\n\n"
        + note
        + f"\n\nNearest-neighbour spread of the {QUERIES} queries (exact search):\n\n"
        + table(spread_headers, spreads)
    )


def spread_cells(spread: dict[str, Any]) -> list[str]:
    """The neighbour-spread figures as table cells."""
    return [f"{spread['cos1']:.3f}", f"{spread['cos10']:.3f}", f"{spread['gap']:.3f}"]


# ---------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    """Run the chosen sections and print their tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes", default="10000,100000,1000000", help="scale sizes, comma-separated"
    )
    parser.add_argument(
        "--skip", default="", help="sections to leave out: latency,encode,squad,scale"
    )
    parser.add_argument("--runs", type=int, default=5, help="cold qa ask runs")
    parser.add_argument("--encode-passages", type=int, default=400, help="passages per backend")
    parser.add_argument("--squad-questions", type=int, default=None, help="first N questions only")
    parser.add_argument("--index", type=Path, default=PROJECT / "index")
    parser.add_argument("--corpus", type=Path, default=PROJECT / "corpus")
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        kind, size, folder = args.worker
        workers: dict[str, Callable[[], dict[str, Any]]] = {
            "vectors-build": lambda: worker_vectors_build(int(size), Path(folder)),
            "vectors-search": lambda: worker_vectors_search(Path(folder)),
            "lexical-build": lambda: worker_lexical_build(int(size), Path(folder)),
            "lexical-search": lambda: worker_lexical_search(Path(folder)),
        }
        print(json.dumps(workers[kind]()))
        return 0
    skip = set(filter(None, args.skip.split(",")))
    CACHE.mkdir(parents=True, exist_ok=True)
    print(f"# qa speed benchmark ({os.cpu_count()} CPU cores)\n")
    if "latency" not in skip:
        print("## Query latency (bundled corpus)\n")
        print(
            bench_latency(args.runs, args.index.resolve(), args.corpus.resolve()) + "\n", flush=True
        )
    if "encode" not in skip:
        print(f"## Embedding throughput ({args.encode_passages} passages of ~110 words)\n")
        print(bench_encode(args.encode_passages) + "\n", flush=True)
    if "squad" not in skip:
        print("## Retrieval quality, fp32 vs int8 (project retriever, bench/squad)\n")
        print(bench_squad(args.squad_questions) + "\n", flush=True)
    if "scale" not in skip:
        sizes = [int(s) for s in args.sizes.split(",") if s]
        print("## Scale\n")
        print(bench_scale(sizes) + "\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
