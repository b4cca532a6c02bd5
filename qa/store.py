"""The on-disk index: FAISS vectors, BM25 terms, SQLite rows and a manifest.

Layout of the index directory::

    index/
      current -> gen-20261121T101500-3f2a    (symlink, swapped atomically)
      gen-…/manifest.json                    written last: a generation without one is unfinished
      gen-…/qa.sqlite                        files, articles, chunks
      gen-…/windows.faiss  sentences.faiss   one vector per chunk, row = chunk id (qa.vectors)
      gen-…/bm25/                            lexical index over chunk windows
      .lock                                  held by the one process writing

A generation is never modified once ``current`` points at it: writers build
a new one beside it and swap the link, so a reader (or a crash) only ever
sees a whole index. The previous generation is kept, so a reader that opened
it just before a swap can finish its question.

Crash safety, step by step (a SIGKILL may land anywhere):

* while ``.staging-…`` is written: ``current`` is untouched; the next writer
  deletes the unfinished folder (``clean_leftovers``);
* after the staging folder is renamed to ``gen-…`` but before the swap: the
  new generation is whole but not current; it is deleted after the next swap;
* the swap itself is one rename(2) of a temporary symlink ``.current-…`` over
  ``current``: readers see the old link or the new one, never neither; a
  temporary link left by a kill is removed by the next writer;
* while old generations are deleted: they are no longer current, and a reader
  that still has one open keeps its open files (unlinked files live on).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
import uuid
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from qa.errors import IndexBusyError, IndexIncompatibleError, IndexMissingError
from qa.lexical import LexicalIndex
from qa.records import Article, Chunk, Span
from qa.vectors import build_vector_index, describe, load_vector_index, save_vector_index

SCHEMA_VERSION = 2
CURRENT = "current"
_STAGING = ".staging-"  # an unfinished generation
_TEMPORARY_LINK = f".{CURRENT}-"  # the new link, before it replaces ``current``
_REBUILD = "run `qa index --rebuild` to build it again"


@dataclass(frozen=True, slots=True)
class Manifest:
    """What an index generation was built from and with; checked when it is opened."""

    schema_version: int
    model: str
    weights_sha256: str
    dimension: int
    chunking: dict[str, int]
    files: dict[str, str]  # corpus-relative path → sha256 of the raw bytes
    skipped: dict[str, str]  # corpus-relative path → reason
    articles: dict[str, str]  # article id → fingerprint of its metadata and text
    article_count: int
    chunk_count: int
    vector_index: str
    created: str
    sizes: dict[str, int] = field(default_factory=dict)  # file name → bytes, to catch truncation
    precision: str = "fp32"  # the ONNX export the passage vectors were embedded with
    #: corpus-relative path → [size, mtime_ns, sha256] of every corpus file read (qa.freshness)
    corpus_stamps: dict[str, list[Any]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The manifest as stored in manifest.json."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Manifest:
        """Parse manifest.json; raise IndexIncompatibleError when it is not one."""
        try:
            return cls(**data)
        except TypeError:
            raise IndexIncompatibleError(
                f"the index manifest is from another version of qa; {_REBUILD}"
            ) from None


_SCHEMA = """
CREATE TABLE files (path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, text TEXT NOT NULL);
CREATE TABLE articles (
    article_id TEXT PRIMARY KEY, ordinal INTEGER NOT NULL, path TEXT NOT NULL,
    title TEXT NOT NULL, outlet TEXT, author TEXT, published TEXT,
    paragraphs TEXT NOT NULL, provenance TEXT NOT NULL, published_estimate TEXT,
    header TEXT NOT NULL
);
CREATE TABLE chunks (
    chunk_id INTEGER PRIMARY KEY, article_id TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
    text TEXT NOT NULL, sentence TEXT NOT NULL
);
CREATE INDEX chunks_by_article ON chunks (article_id);
"""


def _article_row(ordinal: int, article: Article) -> tuple[Any, ...]:
    return (
        article.article_id,
        ordinal,
        article.path,
        article.title,
        article.outlet,
        article.author,
        article.published.isoformat() if article.published else None,
        json.dumps([[p.start, p.end] for p in article.paragraphs]),
        json.dumps(article.provenance),
        article.published_estimate,
        json.dumps([[h.start, h.end] for h in article.header]),
    )


def _article_from_row(row: sqlite3.Row) -> Article:
    return Article(
        article_id=row["article_id"],
        path=row["path"],
        title=row["title"],
        outlet=row["outlet"],
        author=row["author"],
        published=date.fromisoformat(row["published"]) if row["published"] else None,
        paragraphs=tuple(Span(s, e) for s, e in json.loads(row["paragraphs"])),
        provenance=json.loads(row["provenance"]),
        published_estimate=row["published_estimate"],
        header=tuple(Span(s, e) for s, e in json.loads(row["header"])),
    )


def _chunk_from_row(row: sqlite3.Row) -> Chunk:
    return Chunk(
        article_id=row["article_id"],
        start=row["start"],
        end=row["end"],
        sentence_start=row["sentence_start"],
        sentence_end=row["sentence_end"],
        text=row["text"],
        sentence=row["sentence"],
    )


class IndexSnapshot:
    """One generation of the index, opened read-only; consistent for its whole life."""

    def __init__(self, folder: Path, manifest: Manifest):
        self.folder = folder
        self.manifest = manifest
        self._texts: dict[str, str] = {}
        try:
            self._db = sqlite3.connect(
                f"file:{folder / 'qa.sqlite'}?mode=ro&immutable=1",
                uri=True,
                check_same_thread=False,
            )
        except sqlite3.Error as error:
            raise IndexIncompatibleError(f"the index is damaged ({error}); {_REBUILD}") from None
        try:
            self._open_parts()
        except BaseException:
            self._db.close()
            raise

    def _open_parts(self) -> None:
        folder, manifest = self.folder, self.manifest
        try:
            self._db.row_factory = sqlite3.Row
            self.window_vectors = load_vector_index(folder / "windows.faiss")
            self.sentence_vectors = load_vector_index(folder / "sentences.faiss")
            self.lexical = LexicalIndex.load(folder / "bm25")
            self._articles = {
                row["article_id"]: _article_from_row(row)
                for row in self._db.execute("SELECT * FROM articles ORDER BY ordinal")
            }
        except (OSError, RuntimeError, ValueError, sqlite3.DatabaseError) as error:
            raise IndexIncompatibleError(f"the index is damaged ({error}); {_REBUILD}") from None
        if not (
            self.window_vectors.ntotal
            == self.sentence_vectors.ntotal
            == self.lexical.size
            == manifest.chunk_count
        ):
            raise IndexIncompatibleError(f"the index's parts disagree in size; {_REBUILD}")

    @property
    def generation(self) -> str:
        """The generation folder's name, which changes with every rebuild."""
        return self.folder.name

    @property
    def chunk_count(self) -> int:
        """How many chunks (passages) the index holds."""
        return self.manifest.chunk_count

    def articles(self) -> list[Article]:
        """Every indexed article, in corpus order."""
        return list(self._articles.values())

    def article(self, article_id: str) -> Article:
        """The article with this id (KeyError if absent)."""
        return self._articles[article_id]

    def chunks(self, chunk_ids: Sequence[int]) -> dict[int, Chunk]:
        """The chunks with these ids."""
        if not chunk_ids:
            return {}
        marks = ",".join("?" * len(chunk_ids))
        rows = self._db.execute(
            f"SELECT * FROM chunks WHERE chunk_id IN ({marks})", [int(i) for i in chunk_ids]
        )
        return {row["chunk_id"]: _chunk_from_row(row) for row in rows}

    def all_chunks(self) -> Iterator[tuple[int, Chunk]]:
        """Every chunk with its id, in id order."""
        for row in self._db.execute("SELECT * FROM chunks ORDER BY chunk_id"):
            yield row["chunk_id"], _chunk_from_row(row)

    def chunk_counts(self) -> dict[str, int]:
        """Number of chunks of each article."""
        rows = self._db.execute("SELECT article_id, COUNT(*) FROM chunks GROUP BY article_id")
        return {article_id: count for article_id, count in rows}

    def chunk_ids_of_articles(self, article_ids: Iterable[str]) -> np.ndarray:
        """Ids of all chunks belonging to these articles."""
        ids = list(article_ids)
        if not ids:
            return np.zeros(0, dtype=np.int64)
        marks = ",".join("?" * len(ids))
        rows = self._db.execute(f"SELECT chunk_id FROM chunks WHERE article_id IN ({marks})", ids)
        return np.fromiter((r[0] for r in rows), dtype=np.int64)

    def manifest_articles(self) -> dict[str, str]:
        """Article id → content fingerprint, as recorded when this generation was built."""
        return dict(self.manifest.articles)

    def vectors_by_text(self) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
        """Stored window and sentence vectors keyed by their text, for reuse by the next build."""
        ids, windows, sentences = [], [], []
        for chunk_id, chunk in self.all_chunks():
            ids.append(chunk_id)
            windows.append(chunk.text)
            sentences.append(chunk.sentence)
        if not ids:
            return {}, {}
        keys = np.asarray(ids, dtype=np.int64)
        window_rows = self.window_vectors.reconstruct_batch(keys)
        sentence_rows = self.sentence_vectors.reconstruct_batch(keys)
        return dict(zip(windows, window_rows, strict=True)), dict(
            zip(sentences, sentence_rows, strict=True)
        )

    def file_text(self, path: str) -> str:
        """The decoded text of a corpus file as it was when indexed."""
        if path not in self._texts:
            row = self._db.execute("SELECT text FROM files WHERE path = ?", (path,)).fetchone()
            if row is None:
                raise KeyError(path)
            self._texts[path] = str(row[0])
        return self._texts[path]

    def close(self) -> None:
        """Release the database connection."""
        self._db.close()


def current_generation(index_dir: Path) -> Path | None:
    """The folder ``current`` points at, or None when no index was built."""
    link = index_dir / CURRENT
    if not link.is_symlink() and not link.exists():
        return None
    return (index_dir / os.readlink(link)) if link.is_symlink() else link


def read_manifest(folder: Path) -> Manifest:
    """Parse a generation's manifest, checking the files it lists are whole."""
    try:
        data = json.loads((folder / "manifest.json").read_text())
    except FileNotFoundError:
        raise IndexIncompatibleError(f"the index has no manifest; {_REBUILD}") from None
    except (OSError, ValueError) as error:
        raise IndexIncompatibleError(
            f"the index manifest is damaged ({error}); {_REBUILD}"
        ) from None
    manifest = Manifest.from_json(data)
    if manifest.schema_version != SCHEMA_VERSION:
        raise IndexIncompatibleError(
            f"the index was built by another version of qa (schema {manifest.schema_version}, "
            f"this qa reads {SCHEMA_VERSION}); {_REBUILD}"
        )
    for name, size in manifest.sizes.items():
        path = folder / name
        actual = path.stat().st_size if path.exists() else -1
        if actual != size:
            raise IndexIncompatibleError(
                f"index file {name} is damaged or truncated ({actual} bytes, expected {size}); "
                f"{_REBUILD}"
            )
    return manifest


def open_snapshot(index_dir: Path) -> IndexSnapshot:
    """Open the current generation; raise IndexMissingError when there is none.

    A writer may swap generations twice while this opens one, and the older one is
    then deleted under it: when opening fails and ``current`` has moved meanwhile,
    the new current generation is opened instead.
    """
    folder = current_generation(index_dir)
    retries = 2
    while True:
        if folder is None or not folder.exists():
            raise IndexMissingError(f"no index in {index_dir}/; build it with: qa index")
        try:
            return IndexSnapshot(folder, read_manifest(folder))
        except IndexIncompatibleError:
            moved = current_generation(index_dir)
            if moved == folder or not retries:
                raise
            folder, retries = moved, retries - 1


def check_compatible(manifest: Manifest, *, model: str, chunking: dict[str, int]) -> None:
    """Raise IndexIncompatibleError when the index was built with another model or chunking."""
    if manifest.model != model:
        raise IndexIncompatibleError(
            f"the index was built with model {manifest.model!r}, not {model!r}; {_REBUILD}"
        )
    if manifest.chunking != chunking:
        differ = sorted(
            k
            for k in {*manifest.chunking, *chunking}
            if manifest.chunking.get(k) != chunking.get(k)
        )
        built = ", ".join(f"{k}={manifest.chunking.get(k, 'none')}" for k in differ)
        wanted = ", ".join(f"{k}={chunking.get(k, 'none')}" for k in differ)
        raise IndexIncompatibleError(
            f"the index was built with chunking {built}, not {wanted}; {_REBUILD}"
        )


@dataclass
class GenerationData:
    """Everything a new generation holds, ready to be written."""

    texts: dict[str, tuple[str, str]]  # path → (sha256, decoded text)
    articles: list[Article]
    chunks: list[Chunk]
    window_vectors: np.ndarray
    sentence_vectors: np.ndarray


def write_generation(index_dir: Path, data: GenerationData, manifest: Manifest) -> Path:
    """Write a complete generation beside the current one and make it current atomically.

    The caller holds the write lock. The generation that was current before
    is kept for readers still answering from it; older ones are deleted.
    """
    index_dir.mkdir(parents=True, exist_ok=True)
    previous = current_generation(index_dir)
    name = f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:6]}"
    staging = index_dir / f"{_STAGING}{name}"
    staging.mkdir()
    try:
        _write_database(staging / "qa.sqlite", data)
        windows = build_vector_index(data.window_vectors)
        save_vector_index(windows, staging / "windows.faiss")
        save_vector_index(build_vector_index(data.sentence_vectors), staging / "sentences.faiss")
        LexicalIndex.build([c.text for c in data.chunks]).save(staging / "bm25")
        sizes = {
            path.relative_to(staging).as_posix(): path.stat().st_size
            for path in sorted(staging.rglob("*"))
            if path.is_file()
        }
        final_manifest = Manifest(
            **{**manifest.to_json(), "sizes": sizes, "vector_index": describe(windows)}
        )
        _write_json_durably(staging / "manifest.json", final_manifest.to_json())
        _fsync_tree(staging)
        os.rename(staging, index_dir / name)
        _point_current_at(index_dir, name)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    keep = {name} if previous is None else {name, previous.name}
    remove_stale_generations(index_dir, keep=keep)
    return index_dir / name


def _write_database(path: Path, data: GenerationData) -> None:
    db = sqlite3.connect(path)
    try:
        db.executescript(_SCHEMA)
        db.executemany(
            "INSERT INTO files VALUES (?, ?, ?)",
            [(p, sha, text) for p, (sha, text) in data.texts.items()],
        )
        db.executemany(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_article_row(i, a) for i, a in enumerate(data.articles)],
        )
        db.executemany(
            "INSERT INTO chunks VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    i,
                    c.article_id,
                    c.start,
                    c.end,
                    c.sentence_start,
                    c.sentence_end,
                    c.text,
                    c.sentence,
                )
                for i, c in enumerate(data.chunks)
            ],
        )
        db.commit()
    finally:
        db.close()


def _write_json_durably(path: Path, payload: dict[str, Any]) -> None:
    with path.open("w") as handle:
        json.dump(payload, handle, indent=2, sort_keys=True)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _point_current_at(index_dir: Path, name: str) -> None:
    temporary = index_dir / f"{_TEMPORARY_LINK}{uuid.uuid4().hex[:6]}"
    os.symlink(name, temporary)
    os.replace(temporary, index_dir / CURRENT)  # rename(2) is atomic: readers see old or new
    _fsync_dir(index_dir)


def clean_leftovers(index_dir: Path) -> None:
    """Delete what a killed writer left behind: staging folders and temporary links.

    Only a holder of the write lock may call this: another writer's staging
    folder would otherwise be deleted under it.
    """
    if not index_dir.is_dir():
        return
    for path in index_dir.iterdir():
        if path.name.startswith(_STAGING) and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        elif path.name.startswith(_TEMPORARY_LINK) and path.is_symlink():
            path.unlink(missing_ok=True)


def remove_stale_generations(index_dir: Path, keep: Collection[str]) -> None:
    """Delete leftovers and every generation not named in ``keep`` (nor current)."""
    clean_leftovers(index_dir)
    current = current_generation(index_dir)
    for old in index_dir.glob("gen-*"):
        if old.name in keep or (current is not None and old.name == current.name):
            continue
        shutil.rmtree(old, ignore_errors=True)


@contextmanager
def write_lock(
    index_dir: Path, *, wait: bool, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the index's write lock.

    When another process holds it: without ``wait``, raise IndexBusyError;
    with ``wait``, tell ``on_wait`` (one line for the user) and block until it is free.
    """
    from filelock import FileLock, Timeout

    index_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(index_dir / ".lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if not wait:
            raise IndexBusyError(
                f"another qa process is updating the index in {index_dir}/; "
                "try again when it has finished"
            ) from None
        if on_wait is not None:
            on_wait(f"waiting for another qa process to finish updating {index_dir}/ …")
        lock.acquire(timeout=-1)
    try:
        yield
    finally:
        lock.release()
