"""Indexing throughput: ``qa index`` against a plain sentence-transformers pipeline, same run.

    python eval/bench_index.py                 # the shipped SQuAD articles + the bundled corpus
    python eval/bench_index.py --bbc 100       # + the first 100 BBC articles (development
                                               #   checkout only: ../shared/bench/bbc)
    python eval/bench_index.py --rounds 3      # alternate the pipelines three times
    python eval/bench_index.py --modes late    # time qa with late chunking only
    python eval/bench_index.py --stride 2      # qa's whole windows around every 2nd sentence
    python eval/bench_index.py --quality pooled,1,2,late  # retrieval quality per way instead
    python eval/bench_index.py --quality pooled --half tune  # ... on the tuning halves

``--quality`` indexes the shipped SQuAD corpus and the bundled corpus each way: windows
pooled from their sentences (``pooled``, the default: ``qa.index.pooling``), windows
embedded whole at a window stride (``1``, ``2``, …) or late chunking
(``late``, ``qa.index.late_chunking``), and reports hit@1/hit@5 on their
test halves (SQuAD's and the bundled set's questions tagged ``test``; ``--half tune`` for
the tuning halves, the ones to tune on),
the texts and tokens each way embeds, and how the top passage's two cosines
(question–window, question–sentence: the signals abstention is calibrated on) are spread:
their 10th/50th/90th percentiles. Texts and tokens are what is left to embed: distinct
sentences (and windows, when embedded whole) and their tokens, or with late chunking the
spans read and theirs.

The baseline is the way the reference frameworks index: each article's text cut into
200-word windows (no overlap), embedded by sentence-transformers in fp32 on every core
(batch 32), the vectors added to an exact FAISS index. ``qa index`` does all of its own
work (reading and cleaning the files, a passage per sentence, BM25, two FAISS indexes,
SQLite) into a new index folder each round, once per way of embedding (``--modes``), with
no embedding cache; only the one-time ONNX export is made before timing (it is kept per
index and reused by every later run). Model loading is left out of the baseline's time and
counted in qa's. All run in this process one after the other, alternating, so a busy
machine slows each; the ratio of the medians is the figure.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from qa.config import Settings  # noqa: E402
from qa.evaluation.sets import load_set  # noqa: E402
from qa.index.embed import passage_embedders, resolve_model  # noqa: E402
from qa.index.indexing import update_index  # noqa: E402
from qa.ingest.reader import ingest_corpus  # noqa: E402

BBC = PROJECT.parent / "shared" / "bench" / "bbc" / "bbc-news.jsonl"
BASELINE_WORDS = 200


def write_corpus(folder: Path, bbc: int) -> None:
    """The SQuAD articles, the bundled corpus and the first ``bbc`` BBC articles as files."""
    shutil.copytree(PROJECT / "eval" / "squad" / "corpus", folder / "squad")
    shutil.copytree(PROJECT / "corpus", folder / "bundled")
    if not bbc:
        return
    if not BBC.is_file():
        raise SystemExit(f"{BBC} not found: --bbc needs the development checkout")
    (folder / "bbc").mkdir()
    for line in BBC.read_text().splitlines()[:bbc]:
        record = json.loads(line)
        paragraphs = [" ".join(part.split()) for part in record["text"].split("  ")]
        text = "\n\n".join(p for p in paragraphs if p) + "\n"
        (folder / "bbc" / f"{record['id']}.txt").write_text(text)


def baseline(corpus: Path, model: object) -> tuple[float, int, int]:
    """Seconds, windows and articles of the sentence-transformers pipeline over ``corpus``."""
    import faiss
    import numpy as np

    began = time.perf_counter()
    ingested = ingest_corpus(corpus)
    articles = ingested.articles
    texts = {f.path: f.text for f in ingested.files}
    windows = []
    for article in articles:
        raw = texts[article.path]
        words = " ".join(raw[s.start : s.end] for s in article.paragraphs).split()
        windows += [
            " ".join(words[i : i + BASELINE_WORDS]) for i in range(0, len(words), BASELINE_WORDS)
        ]
    vectors = model.encode(  # type: ignore[attr-defined]
        windows, batch_size=32, normalize_embeddings=True, show_progress_bar=False
    )
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(np.asarray(vectors, dtype=np.float32))
    return time.perf_counter() - began, len(windows), len(articles)


def quality(variants: list[str], half: str = "test") -> None:
    """Retrieval quality and cosine spread of each window stride (see the module docstring)."""
    import numpy as np

    from qa.evaluation.run import run_set
    from qa.index.chunking import chunk_article
    from qa.index.embed import load_tokenizer
    from qa.index.late_chunking import layout, segments
    from qa.search.assistant import Assistant
    from qa.search.retrieve import Retriever

    work = Path(tempfile.mkdtemp(prefix="bench-quality-"))
    tokenizer = load_tokenizer(resolve_model("all-MiniLM-L6-v2"))

    def count_tokens(text: str) -> int:
        return len(tokenizer.encode(text, add_special_tokens=False).ids)

    sets = {
        f"SQuAD {half} half": (
            PROJECT / "eval" / "squad" / "corpus",
            PROJECT / "eval" / "squad" / "questions.jsonl",
        ),
        f"bundled {half} half": (PROJECT / "corpus", PROJECT / "eval" / "corpus.jsonl"),
    }
    columns = "stride set questions hit@1 hit@5 texts tokens cos_window cos_sentence".split()
    print("| " + " | ".join(columns) + " |")
    print("|---|---|---|---|---|---|---|---|---|")
    try:
        for variant in variants:
            late = variant == "late"
            pooled = variant == "pooled"
            stride = 1 if late or pooled else int(variant)
            for name, (corpus, questions) in sets.items():
                settings = Settings(
                    corpus_dir=corpus,
                    index_dir=work / f"{corpus.name}-{variant}",
                    window_stride=stride,
                    late_chunking=late,
                    pooled_windows=pooled,
                    embedding_cache=work / f"embeddings-{variant}",
                    k=10,
                )
                update_index(settings)
                ingested = ingest_corpus(corpus)
                texts = {f.path: f.text for f in ingested.files}
                chunks = [
                    c
                    for a in ingested.articles
                    for c in chunk_article(texts[a.path], a, count_tokens, window_stride=stride)
                ]
                if late:  # spans read whole: their number and their tokens
                    raws = {a.article_id: texts[a.path] for a in ingested.articles}
                    layouts = [
                        layout(tokenizer, raws[s.article_id], s, chunks, settings.max_tokens - 2)
                        for s in segments(chunks, raws)
                    ]
                    read = sum(len(set(plan.spans)) for plan in layouts)
                    tokens = sum(plan.tokens_read() for plan in layouts)
                elif pooled:  # sentences alone
                    unique = {c.sentence for c in chunks}
                    read, tokens = len(unique), sum(count_tokens(t) + 2 for t in unique)
                else:
                    unique = {c.text for c in chunks} | {c.sentence for c in chunks}
                    read, tokens = len(unique), sum(count_tokens(t) + 2 for t in unique)
                loaded = load_set(questions)
                cases = tuple(c for c in loaded.cases if half in c.tags)
                assistant = Assistant.open(settings)
                try:
                    run = run_set(replace(loaded, cases=cases), assistant, k=10)
                    embedder = assistant._query_embedder()
                    retriever = Retriever(assistant.snapshot)
                    tops = []
                    for case in cases:
                        vector = embedder.encode([case.question])[0]
                        hits = retriever.search(vector, case.question, 1).hits
                        if hits:
                            tops.append(
                                (hits[0].features["cos_window"], hits[0].features["cos_sentence"])
                            )
                finally:
                    assistant.close()
                answerable = [o for o in run.outcomes if not o.case.unanswerable]
                hit1 = sum(1 for o in answerable if o.answer_rank == 1) / len(answerable)
                hit5 = sum(1 for o in answerable if o.answer_rank and o.answer_rank <= 5) / len(
                    answerable
                )
                spread = np.percentile(np.array(tops), [10, 50, 90], axis=0)
                window = "/".join(f"{v:.3f}" for v in spread[:, 0])
                sentence = "/".join(f"{v:.3f}" for v in spread[:, 1])
                print(
                    f"| {variant} | {name} | {len(answerable)} | {hit1:.3f} | {hit5:.3f} | "
                    f"{read} | {tokens} | {window} | {sentence} |",
                    flush=True,
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    """Run the pipelines ``--rounds`` times, alternating, and print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bbc", type=int, default=0, help="add the first N BBC articles")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--stride", type=int, default=Settings().window_stride)
    parser.add_argument(
        "--modes",
        default="pooled,texts,late",
        help="qa's ways to time, comma-separated: 'pooled' (a text per sentence, windows "
        "pooled: the default), 'texts' (a text per window and sentence, at --stride) and "
        "'late' (late chunking)",
    )
    parser.add_argument(
        "--quality",
        help="comma-separated ways to compare the quality of: 'pooled', window strides, 'late'",
    )
    parser.add_argument(
        "--half",
        choices=("test", "tune"),
        default="test",
        help="the half of each question set --quality reports on",
    )
    options = parser.parse_args()
    if options.quality:
        quality(options.quality.split(","), options.half)
        return 0

    from sentence_transformers import SentenceTransformer

    work = Path(tempfile.mkdtemp(prefix="bench-index-"))
    try:
        corpus = work / "corpus"
        write_corpus(corpus, options.bbc)
        spec = resolve_model("all-MiniLM-L6-v2")
        modes = {
            mode: Settings(
                corpus_dir=corpus,
                window_stride=options.stride,
                late_chunking=mode == "late",
                pooled_windows=mode == "pooled",
            )
            for mode in options.modes.split(",")
        }
        passage_embedders(work / "export", spec, Settings().precision)  # the one-time export
        model = SentenceTransformer(spec.path, device="cpu")
        ours: dict[str, list[float]] = {mode: [] for mode in modes}
        theirs: list[float] = []
        for round_ in range(options.rounds):
            line = [f"round {round_ + 1}:"]
            for mode, settings in modes.items():
                index = work / f"index-{mode}-{round_}"
                shutil.copytree(work / "export" / "models", index / "models")
                began = time.perf_counter()
                report = update_index(replace(settings, index_dir=index))
                ours[mode].append(time.perf_counter() - began)
                line.append(
                    f"qa index ({mode}) {ours[mode][-1]:.1f} s ({report.embedded} vectors "
                    f"embedded, {report.chunks} passages);"
                )
            seconds, windows, articles = baseline(corpus, model)
            theirs.append(seconds)
            line.append(f"sentence-transformers {seconds:.1f} s ({windows} windows)")
            print(" ".join(line), flush=True)
        base_rate = articles / statistics.median(theirs)
        print(f"\n{articles} articles, medians of {options.rounds} rounds")
        print("| pipeline | articles/s | vs baseline |")
        print("|---|---|---|")
        base_name = f"sentence-transformers fp32, {BASELINE_WORDS}-word windows"
        print(f"| {base_name} | {base_rate:.2f} | 1.00x |")
        for mode, times in ours.items():
            how = {
                "late": "late chunking",
                "pooled": "a text per sentence, windows pooled",
            }.get(mode, "a text per window and sentence")
            how += (
                f", window stride {options.stride}"
                if mode == "texts" and options.stride > 1
                else ""
            )
            rate = articles / statistics.median(times)
            print(f"| qa index (int8, {how}) | {rate:.2f} | {rate / base_rate:.2f}x |")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
