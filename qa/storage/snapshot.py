"""The local storage backend: one index generation on disk, opened read-only.

Rows live in SQLite (``qa.sqlite``), window and sentence vectors in FAISS
(``qa.storage.vectors``), BM25 terms in bm25s (``qa.storage.lexical``). This module and
``qa.storage.store`` (which writes and swaps generations) are the only users of those
engines; everything else asks through :class:`qa.storage.contract.Storage`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from qa.errors import IndexIncompatibleError
from qa.records import Article, Chunk
from qa.storage import id_filter
from qa.storage.contract import (
    REBUILD,
    FilterScope,
    GenerationData,
    HeldRows,
    Manifest,
    VectorField,
    article_from_row,
    chunk_from_row,
)
from qa.storage.lexical import LexicalIndex
from qa.storage.vectors import load_vector_index, reconstruct, search_vectors

if TYPE_CHECKING:
    from qa.search.retrieve import SearchFilters

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

#: File names of a generation's vector indexes, by the field they embed.
VECTOR_FILES: dict[VectorField, str] = {"window": "windows.faiss", "sentence": "sentences.faiss"}


def write_database(path: Path, data: GenerationData) -> None:
    """Write the files, articles and chunks of ``data`` into a new SQLite file."""
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


class IndexSnapshot(HeldRows):
    """One generation of the local index, opened read-only; consistent for its whole life.

    Implements :class:`qa.storage.contract.Storage`.
    """

    def __init__(self, folder: Path, manifest: Manifest):
        self.folder = folder
        self._manifest = manifest
        self._texts: dict[str, str] = {}
        # One entry: a question asks for the same filters several times.
        self._allowed: tuple[SearchFilters | None, np.ndarray | None] = (None, None)
        try:
            self._db = sqlite3.connect(
                f"file:{folder / 'qa.sqlite'}?mode=ro&immutable=1",
                uri=True,
                check_same_thread=False,
            )
        except sqlite3.Error as error:
            raise IndexIncompatibleError(f"the index is damaged ({error}); {REBUILD}") from None
        try:
            self._open_parts()
        except BaseException:
            self._db.close()
            raise

    def _open_parts(self) -> None:
        folder = self.folder
        try:
            self._db.row_factory = sqlite3.Row
            self._vectors = {
                field: load_vector_index(folder / name) for field, name in VECTOR_FILES.items()
            }
            self._lexical = LexicalIndex.load(folder / "bm25")
            self._articles = {
                row["article_id"]: article_from_row(row)
                for row in self._db.execute("SELECT * FROM articles ORDER BY ordinal")
            }
        except (OSError, RuntimeError, ValueError, sqlite3.DatabaseError) as error:
            raise IndexIncompatibleError(f"the index is damaged ({error}); {REBUILD}") from None
        sizes = {index.ntotal for index in self._vectors.values()} | {self._lexical.size}
        if sizes != {self.manifest.chunk_count}:
            raise IndexIncompatibleError(f"the index's parts disagree in size; {REBUILD}")

    @property
    def generation(self) -> str:
        """The generation folder's name, which changes with every rebuild."""
        return self.folder.name

    @property
    def chunk_count(self) -> int:
        """How many chunks (passages) the index holds."""
        return self._manifest.chunk_count

    def chunks(self, chunk_ids: Sequence[int]) -> dict[int, Chunk]:
        """The chunks with these ids."""
        if not len(chunk_ids):
            return {}
        marks = ",".join("?" * len(chunk_ids))
        rows = self._db.execute(
            f"SELECT * FROM chunks WHERE chunk_id IN ({marks})", [int(i) for i in chunk_ids]
        )
        return {row["chunk_id"]: chunk_from_row(row) for row in rows}

    def all_chunks(self) -> Iterator[tuple[int, Chunk]]:
        """Every chunk with its id, in id order."""
        for row in self._db.execute("SELECT * FROM chunks ORDER BY chunk_id"):
            yield row["chunk_id"], chunk_from_row(row)

    def chunk_counts(self) -> dict[str, int]:
        """Number of chunks of each article."""
        rows = self._db.execute("SELECT article_id, COUNT(*) FROM chunks GROUP BY article_id")
        return {article_id: count for article_id, count in rows}

    def file_text(self, path: str) -> str:
        """The decoded text of a corpus file as it was when indexed."""
        if path not in self._texts:
            row = self._db.execute("SELECT text FROM files WHERE path = ?", (path,)).fetchone()
            if row is None:
                raise KeyError(path)
            self._texts[path] = str(row[0])
        return self._texts[path]

    def scope(self, filters: SearchFilters) -> FilterScope:
        """How many chunks pass ``filters``, and the undated articles a date filter left out."""
        allowed = self._allowed_ids(filters)
        undated = 0
        if filters.by_date:
            undated = sum(
                1
                for a in self._articles.values()
                if a.published is None and filters.allows_source(a)
            )
        return FilterScope(self.chunk_count if allowed is None else len(allowed), undated)

    def nearest(
        self,
        field: VectorField,
        query: np.ndarray,
        n: int,
        filters: SearchFilters | None = None,
    ) -> np.ndarray:
        """Ids of the ``n`` chunks nearest ``query`` by ``field``, nearest first."""
        _, ids = search_vectors(self._vectors[field], query, n, self._allowed_ids(filters))
        found: np.ndarray = ids[0]
        return found[found >= 0]

    def vectors(self, field: VectorField, chunk_ids: np.ndarray) -> np.ndarray:
        """The stored ``field`` vectors of these chunks."""
        return reconstruct(self._vectors[field], chunk_ids)

    def lexical_top(
        self, question: str, n: int, filters: SearchFilters | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Ids and BM25 scores of the ``n`` best chunks above zero, best first."""
        return self._lexical.top(question, n, self._allowed_ids(filters))

    def lexical_scores(self, question: str, chunk_ids: np.ndarray) -> np.ndarray:
        """BM25 score of each of these chunks for ``question``."""
        return self._lexical.scores_of(question, chunk_ids)

    def lexical_terms(self, texts: Sequence[str]) -> list[list[str]]:
        """The BM25 terms of each text, as the lexical index analyses them."""
        return self._lexical.terms(texts)

    def document_frequencies(self, terms: Sequence[str]) -> list[int]:
        """How many chunk windows hold each BM25 term (0 for a term none holds)."""
        return self._lexical.document_frequencies(terms)

    def close(self) -> None:
        """Release the database connection."""
        self._db.close()

    def _allowed_ids(self, filters: SearchFilters | None) -> np.ndarray | None:
        """Ids of the chunks passing ``filters``; None when nothing is restricted."""
        if filters is None or not filters.active:
            return None
        asked, allowed = self._allowed
        if asked != filters or allowed is None:
            ids = [a.article_id for a in self._articles.values() if filters.allows(a)]
            allowed = np.zeros(0, dtype=np.int64)
            if ids:
                marks = ",".join("?" * len(ids))
                rows = self._db.execute(
                    f"SELECT chunk_id FROM chunks WHERE article_id IN ({marks})", ids
                )
                allowed = np.fromiter((r[0] for r in rows), dtype=np.int64)
            # Read-only, so the searches convert it (mask, bitmap) once per filter.
            allowed = id_filter.frozen(allowed)
            self._allowed = (filters, allowed)
        return allowed
