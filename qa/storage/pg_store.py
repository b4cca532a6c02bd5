"""The PostgreSQL + pgvector storage backend: one consistent view of the index in a database.

Selected by a ``postgresql://`` URL (``qa --store URL`` or ``QA_STORE``). The tables
(schema ``qa``, written by ``qa.storage.pg_writer``) hold the same records as the local
index: files, articles with provenance, chunks with their spans, both vectors of
each chunk, BM25 postings and the manifest.

A view is one REPEATABLE READ, read-only transaction held open for the view's
life, so it sees one whole update and never half of the next: a writer commits
each update in a single transaction. Dense search uses pgvector indexes (cosine;
HNSW, or IVFFlat for large tables, see ``pg_writer``) with the filters in the same
query and iterative scans (``relaxed_order``, set per transaction, so it reaches
Citus workers too), so a narrow filter still yields ``n`` neighbours. It reads search
tables that hold each vector in half precision beside the filter columns (half the
pages of the float32 vectors), and so do the cosines of the candidates: a question
never reads the float32 tables, which hold the vectors an update reuses.
The filter's share of the table picks the plan (``dense_plan``): an exact scan of the
allowed rows when that costs less than the index would, else the index, reading more
IVFFlat lists the narrower the filter so its recall holds. An exact scan of tens of
thousands of rows ranks them first by the Hamming distance of their binary-quantised
vectors (one bit a dimension, read from a covering index) and rescores only the closest
``BINARY_CANDIDATES`` per neighbour from their half-precision rows. A hybrid search's BM25 top and
kNN searches run at once, on connections that share the view's snapshot
(``first_candidates``).

Lexical search computes BM25 from a postings table and per-term document
frequencies, with the formula and tokenizer of ``qa.storage.lexical`` (bm25s, Lucene
variant), so its scores equal the local backend's. A top-k does not sum every
posting of every term: the postings are also indexed by (term, tf, length), which
within one term frequency is falling BM25 weight whatever the average length, with
the filter columns beside them. A first round scores each term's best postings,
which bounds the k-th best score from below; that bound says which postings of each
term could still belong to a better chunk (ranges of that index), and only chunks
found there whose best possible score reaches the bound are scored (``_top_k``).
A question holding a term in more than ``COMMON_TERM`` chunks is not proved exact
that way (it meant scoring tens of thousands of chunks): its top comes from each
term's best postings (``_best_postings_top_k``, approximate). Under a date or outlet
filter that keeps few postings, they are all read instead, through the postings'
indexes by date and by outlet, and summed by numpy (``_filtered_scores``): every kept
chunk's score comes back, so the candidates' scores are known without another query.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from qa.errors import IndexIncompatibleError, IndexMissingError
from qa.records import Chunk
from qa.storage.contract import (
    FLOAT32_COSINE_TOLERANCE,
    REBUILD,
    CandidateSignals,
    FilterScope,
    FirstCandidates,
    HeldRows,
    Manifest,
    VectorField,
    article_from_row,
    chunk_from_row,
)
from qa.storage.lexical import analyse
from qa.storage.pg_connect import connect, describe_url, register_vector_type

if TYPE_CHECKING:
    import psycopg

    from qa.search.retrieve import SearchFilters

#: The layout of the tables written. Readers also read the older layouts in
#: ``READABLE_SCHEMAS`` (the next ``qa index`` upgrades them in place); a database of
#: any other layout is rebuilt.
PG_SCHEMA_VERSION = 6
READABLE_SCHEMAS = (3, 4, 5, 6)
#: The first layout whose kNN searches read the half-precision search tables.
SEARCH_TABLES_SCHEMA = 5
#: The first layout with the binary tables (``pg_writer``: each vector's sign bits).
BINARY_TABLES_SCHEMA = 6
#: How far a cosine computed from a half-precision search row may lie from the exact
#: cosine of the float32 vector: rounding to half precision (11 significant bits) moves
#: each component by at most 2**-11 of itself, so the inner product of two unit vectors
#: by at most 2**-11 (Cauchy-Schwarz), plus float32 arithmetic.
HALF_COSINE_TOLERANCE = 2**-11 + FLOAT32_COSINE_TOLERANCE
#: Filters leaving at most this many chunks are always searched exactly (a scan of their
#: vectors); above it the cheaper of that scan and the index is chosen (``dense_plan``).
EXACT_LIMIT = 5_000
#: HNSW candidate list per query: more than the 100 neighbours the retriever asks for.
EF_SEARCH = 200
#: IVFFlat lists scanned per query without a filter (large indexes are IVFFlat, see
#: ``pg_writer``); a filter keeping a share s of the rows scans ``IVF_PROBES / s**0.25``
#: of them, since its nearest allowed rows lie farther out. At 1M passages (1,000 lists)
#: 20 probes found 0.98 of the true 10 unfiltered, 0.82 under a 1% filter, where 60
#: found 0.99.
IVF_PROBES = 20
#: What reading one index tuple costs, against fetching and checking one row of a vector
#: table (an IVFFlat list is read in order; rows are fetched one by one).
INDEX_TUPLE_COST = 0.25
#: What scoring one row of an exact scan costs, on the same scale: the kept rows' pages
#: are read in their order on disk (a bitmap scan), and a fresh load writes the search
#: tables in (outlet, date) order, so an outlet's or a date window's rows lie together.
#: At a million rows under a 5% outlet filter the exact scan finds the true neighbours
#: (34 / 42 ms p50 / p95 on a quiet machine), IVFFlat with 43 probes 0.941 of them (25 /
#: 31 ms), and with the probes that reach 0.95 a whole hybrid query is slower.
SCAN_ROW_COST = 0.2
#: An exact scan of at least this many rows ranks them by the Hamming distance of their
#: binary-quantised vectors first and rescores only the closest exactly: at a million
#: rows under a 5% outlet filter (50,000 rows) that took a fifth of the time of scoring
#: every half-precision vector.
BINARY_MIN_ROWS = 20_000
#: Rows rescored exactly per neighbour asked, the closest by Hamming distance. At a
#: million rows under a 5% outlet filter, 100 queries, 100 neighbours asked: 3 per
#: neighbour found 0.96 of the true 10, 5 found 0.97-0.98, 8 found 0.98-0.99; 5 took
#: a quarter less time than 8 (the recall target is 0.95).
BINARY_CANDIDATES = 5
#: An iterative scan stops after this many times the rows it expects to need.
SCAN_MARGIN = 4
#: Neighbours per HNSW node at build time (``pg_writer.HNSW_M``): an HNSW search reads
#: about this many tuples per candidate.
HNSW_NEIGHBOURS = 16
#: BM25 parameters of bm25s (``qa.storage.lexical``): k1, b; Lucene idf.
BM25_K1 = 1.5
BM25_B = 0.75
#: Postings of each term read first (best weight first) to bound the n-th best score.
FIRST_ROUND = 200
#: A term in at most this many chunks has all its postings read in the first round.
RARE_TERM = 2_000
#: A filter keeping at most this many postings of the question's terms sums them all
#: (read through the postings' date and outlet indexes) instead of the top-k rounds:
#: the server sends each term's kept postings as arrays and numpy sums them
#: (``_filtered_scores``), so every kept chunk's score is known.
FILTERED_POSTINGS = 200_000
#: A question holding a term in more than this many chunks has its BM25 top-k taken from
#: each term's best ``TERM_DEPTH`` postings (``_best_postings_top_k``), ``RESCORED × k``
#: of them scored exactly: proving the exact top-k of common terms meant scoring
#: tens of thousands of chunks (0.7 s p95 at a million passages).
COMMON_TERM = 20_000
TERM_DEPTH = 5_000
RESCORED = 3
#: Term frequencies below this get one posting range each above a weight threshold.
_SPLIT_FREQUENCIES = 8
_LONGEST = 2**31 - 1
VECTOR_TABLES: dict[VectorField, str] = {
    "window": "qa.window_vectors",
    "sentence": "qa.sentence_vectors",
}
_CHUNK_COLUMNS = 'chunk_id, article_id, start, "end", sentence_start, sentence_end, text, sentence'


def filter_sql(filters: SearchFilters | None, alias: str = "c") -> tuple[str, list[Any]]:
    """A WHERE clause (``TRUE`` when nothing is restricted) over chunk or article rows,
    which both carry ``article_id``, ``published`` and ``outlet_key``."""
    if filters is None or not filters.active:
        return "TRUE", []
    clauses, params = _source_sql(filters, alias)
    if filters.since is not None:
        clauses.append(f"{alias}.published >= %s")
        params.append(filters.since)
    if filters.until is not None:
        clauses.append(f"{alias}.published <= %s")
        params.append(filters.until)
    if filters.by_date:
        clauses.append(f"{alias}.published IS NOT NULL")
    return " AND ".join(clauses) or "TRUE", params


def _source_sql(filters: SearchFilters, alias: str) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if filters.article_id is not None:
        clauses.append(f"{alias}.article_id = %s")
        params.append(filters.article_id)
    if filters.outlet is not None:
        clauses.append(f"{alias}.outlet_key = %s")
        params.append(filters.outlet.casefold())
    return clauses, params


def outlet_key(outlet: str | None) -> str:
    """How an outlet is compared by filters: case-folded, none as empty."""
    return (outlet or "").casefold()


def id_array(ids: Iterable[int]) -> str:
    """Chunk ids as a PostgreSQL array literal, for ``= ANY(%s::bigint[])``: dumping a
    list, psycopg checks each element's type (0.3 of 0.5 ms a query for 300 ids)."""
    return "{" + ",".join(map(str, ids)) + "}"


def query_terms(question: str) -> Counter[str]:
    """The question's BM25 terms with how often each occurs (bm25s counts repeats)."""
    return Counter(analyse([question])[0])


def best_scores(ids: np.ndarray, scores: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Ids and scores (float32) of the ``n`` best chunks scoring above zero, best first,
    ties by id. In numpy: a filter's every score can be tens of thousands of them."""
    above = scores > 0
    ids, values = ids[above], scores[above]
    if len(ids) > n > 0:
        nth = np.partition(values, len(values) - n)[len(values) - n]
        kept = values >= nth  # the n best and whatever ties the n-th
        ids, values = ids[kept], values[kept]
    order = np.lexsort((ids, -values))[: max(n, 0)]
    return ids[order], values[order].astype(np.float32)


def score_arrays(scores: dict[int, float]) -> tuple[np.ndarray, np.ndarray]:
    """Chunk ids in ascending order and their scores (float64), from a dict of scores."""
    ids = np.fromiter(scores.keys(), dtype=np.int64, count=len(scores))
    values = np.fromiter(scores.values(), dtype=np.float64, count=len(scores))
    order = np.argsort(ids)
    return ids[order], values[order]


def sent_array(data: bytes | None, element: str) -> np.ndarray:
    """The elements of a one-dimensional array without nulls as PostgreSQL's
    ``array_send`` writes it (a 20-byte header, then each element's length and
    big-endian value), for ``element`` ``">i4"`` or ``">i8"``; empty for NULL."""
    kind = np.dtype(element)
    if data is None or len(data) <= 20:
        return np.zeros(0, dtype=kind.newbyteorder("="))
    items = np.frombuffer(data, dtype=np.dtype([("length", ">i4"), ("value", kind)]), offset=20)
    if (items["length"] != kind.itemsize).any():
        raise ValueError("an array of the postings holds a null")
    return items["value"].astype(kind.newbyteorder("="))


@dataclass(frozen=True, slots=True)
class VectorIndex:
    """A vector table's nearest-neighbour index: ``hnsw`` or ``ivfflat`` (with its lists)."""

    method: str
    lists: int = 0


@dataclass(frozen=True, slots=True)
class DensePlan:
    """How one filtered kNN runs: ``exact`` (every allowed vector scored; with
    ``candidates``, only that many, the closest by Hamming distance of their sign bits),
    or through the index with these per-transaction settings (pgvector's ``SET LOCAL``
    names)."""

    exact: bool
    settings: tuple[tuple[str, int], ...] = ()
    candidates: int = 0


def dense_plan(
    kept: int,
    rows: int,
    n: int,
    index: VectorIndex | None,
    *,
    may_scan: bool = True,
    binary: bool = False,
) -> DensePlan:
    """The cheaper way to find the ``n`` nearest of ``kept`` allowed rows out of ``rows``.

    An exact scan reads and scores every kept row, in their order on disk
    (``SCAN_ROW_COST`` each). The index reads its candidate tuples, and fetches rows in
    distance order until ``n`` pass the filter: about ``n / share`` of them. So the exact
    scan wins up to a share of the table (about 6% at 1M rows with 1,000 lists), not up
    to a fixed count. An IVFFlat scan reads more lists as the filter narrows
    (``IVF_PROBES``), which keeps its recall; both index kinds scan on
    (``iterative_scan``) up to ``SCAN_MARGIN`` times what they should need.
    ``may_scan=False`` takes the index whenever there is one (to measure it). With
    ``binary`` (the sign bits of the allowed rows can be read), a scan of at least
    ``BINARY_MIN_ROWS`` rows rescores only the ``BINARY_CANDIDATES × n`` closest of them
    by Hamming distance."""
    exact = _exact_plan(kept, n, binary=binary)
    if index is None or kept <= 0 or (may_scan and kept <= max(EXACT_LIMIT, n)):
        return exact
    share = min(1.0, kept / rows)
    fetched = n / share
    if index.method == "ivfflat":
        lists = max(1, index.lists)
        per_list = rows / lists
        probes = min(lists, math.ceil(IVF_PROBES * share**-0.25))
        needed = math.ceil(fetched / per_list)
        max_probes = min(lists, SCAN_MARGIN * max(probes, needed))
        cost = probes * per_list * INDEX_TUPLE_COST + fetched
        settings = (("ivfflat.probes", probes), ("ivfflat.max_probes", max_probes))
    else:
        ef_search = max(EF_SEARCH, n)
        cost = ef_search * HNSW_NEIGHBOURS * INDEX_TUPLE_COST + fetched
        scan = max(20_000, math.ceil(SCAN_MARGIN * fetched))
        settings = (("hnsw.ef_search", ef_search), ("hnsw.max_scan_tuples", scan))
    if may_scan and kept * SCAN_ROW_COST <= cost:
        return exact
    return DensePlan(exact=False, settings=settings)


def _exact_plan(kept: int, n: int, *, binary: bool) -> DensePlan:
    """An exact scan of ``kept`` rows, ranked by their sign bits first when they are
    many and ``binary`` says the bits can be read."""
    candidates = BINARY_CANDIDATES * n
    if binary and kept >= BINARY_MIN_ROWS and candidates < kept:
        return DensePlan(exact=True, candidates=candidates)
    return DensePlan(exact=True)


@dataclass(frozen=True, slots=True)
class ScoredQuestion:
    """What the last ``lexical_top`` scored: exact BM25 of some chunks of ``question``
    (``ids`` ascending, ``scores`` float64 beside them), and the filter under which
    every chunk left out scores zero (None: not known)."""

    question: str
    ids: np.ndarray
    scores: np.ndarray
    complete: SearchFilters | None

    def known(self, chunk_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Which of ``chunk_ids`` were scored (a mask), and their scores (0 elsewhere)."""
        if not len(self.ids):
            return np.zeros(len(chunk_ids), dtype=bool), np.zeros(len(chunk_ids))
        at = np.minimum(np.searchsorted(self.ids, chunk_ids), len(self.ids) - 1)
        found = self.ids[at] == chunk_ids
        return found, np.where(found, self.scores[at], 0.0)


@dataclass(frozen=True, slots=True)
class TermWeight:
    """A question term as stored: its id, document frequency and BM25 weight
    (repeats in the question × Lucene idf)."""

    term_id: int
    df: int
    weight: float


class PostgresStorage(HeldRows):
    """One consistent, read-only view of the index held in a PostgreSQL database."""

    def __init__(self, url: str):
        import psycopg

        self.url = url
        self._db = connect(url)
        try:
            self._db.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            self._db.read_only = True
            self._load()
        except BaseException:
            self._db.close()
            raise

    def _load(self) -> None:
        import psycopg

        db = self._db
        try:
            meta = db.execute(
                "SELECT schema_version, generation, manifest, docs, total_length FROM qa.meta"
            ).fetchone()
        except (psycopg.errors.UndefinedTable, psycopg.errors.InvalidSchemaName):
            meta = None
        if meta is None or not register_vector_type(db):
            raise IndexMissingError(
                f"no index in the PostgreSQL database {describe_url(self.url)}; "
                "build it with: qa index --store URL"
            )
        version, generation, manifest_json, docs, total_length = meta
        if version not in READABLE_SCHEMAS:
            raise IndexIncompatibleError(
                f"the index in {describe_url(self.url)} was built by another version of qa "
                f"(schema {version}, this qa reads {', '.join(map(str, READABLE_SCHEMAS[:-1]))}"
                f" and {READABLE_SCHEMAS[-1]});"
                f" {REBUILD}"
            )
        _search_settings(db)
        self._generation = f"pg-{generation}"
        self._docs = int(docs)
        self._avgdl = float(total_length) / docs if docs else 1.0
        from psycopg.rows import dict_row

        with db.cursor(row_factory=dict_row) as cursor:
            rows = cursor.execute("SELECT * FROM qa.articles ORDER BY ordinal").fetchall()
        self._articles = {row["article_id"]: article_from_row(row) for row in rows}
        files = dict(db.execute("SELECT path, sha256 FROM qa.files").fetchall())
        data = dict(manifest_json)
        data.update(files=files, articles={row["article_id"]: row["fingerprint"] for row in rows})
        self._manifest = Manifest.from_json(data)
        self._texts: dict[str, str] = {}
        # The view sees one snapshot: what a filter keeps is counted once.
        self._scopes: dict[SearchFilters, int] = {}
        self._undated: dict[SearchFilters, int] = {}
        self._weights: tuple[str, list[TermWeight]] | None = None
        self._scored: ScoredQuestion | None = None
        # Chunks known to pass a filter: those its last kNN searches returned.
        self._passing: tuple[SearchFilters, set[int]] | None = None
        self._indexes: dict[VectorField, VectorIndex | None] = {}
        # More connections on this view's snapshot, for kNN searches that run while this
        # one computes the BM25 top (``first_candidates``); opened when first needed.
        self._snapshot: str | None = None
        self._others: list[psycopg.Connection[Any]] = []
        self._worker: ThreadPoolExecutor | None = None
        self._threads = 0
        # kNN reads qa.{field}_search (half precision), or in older layouts the vectors.
        self._searched = "search" if version >= SEARCH_TABLES_SCHEMA else "vectors"
        self._cast = "halfvec" if version >= SEARCH_TABLES_SCHEMA else "vector"
        self._binary = version >= BINARY_TABLES_SCHEMA

    @property
    def generation(self) -> str:
        """``pg-N``: N counts the updates committed to this database."""
        return self._generation

    @property
    def chunk_count(self) -> int:
        """How many chunks (passages) the index holds."""
        return self._docs

    def chunks(self, chunk_ids: Sequence[int]) -> dict[int, Chunk]:
        """The chunks with these ids (unknown ids are left out)."""
        if not len(chunk_ids):
            return {}
        from psycopg.rows import dict_row

        with self._db.cursor(row_factory=dict_row) as cursor:
            rows = cursor.execute(
                f"SELECT {_CHUNK_COLUMNS} FROM qa.chunks WHERE chunk_id = ANY(%s::bigint[])",
                (id_array(int(i) for i in chunk_ids),),
            ).fetchall()
        return {row["chunk_id"]: chunk_from_row(row) for row in rows}

    def all_chunks(self) -> Iterator[tuple[int, Chunk]]:
        """Every chunk with its id, in id order."""
        from psycopg.rows import dict_row

        with self._db.cursor(name="all_chunks", row_factory=dict_row) as cursor:
            cursor.execute(f"SELECT {_CHUNK_COLUMNS} FROM qa.chunks ORDER BY chunk_id")
            for row in cursor:
                yield row["chunk_id"], chunk_from_row(row)

    def chunk_counts(self) -> dict[str, int]:
        """Number of chunks of each article that has any."""
        rows = self._db.execute("SELECT article_id, count(*) FROM qa.chunks GROUP BY article_id")
        return {article_id: int(count) for article_id, count in rows}

    def file_text(self, path: str) -> str:
        """The decoded text of a corpus file as it was indexed (KeyError if absent)."""
        if path not in self._texts:
            row = self._db.execute("SELECT text FROM qa.files WHERE path = %s", (path,)).fetchone()
            if row is None:
                raise KeyError(path)
            self._texts[path] = str(row[0])
        return self._texts[path]

    def scope(self, filters: SearchFilters) -> FilterScope:
        """How many chunks pass ``filters``, and the undated articles a date filter left out."""
        if filters not in self._undated:
            undated = 0
            if filters.by_date:
                clauses, params = _source_sql(filters, "a")
                where = " AND ".join(["a.published IS NULL", *clauses])
                row = self._db.execute(f"SELECT count(*) FROM qa.articles a WHERE {where}", params)
                undated = int(row.fetchone()[0])  # type: ignore[index]
            self._undated[filters] = undated
        return FilterScope(self._scope_count(filters), self._undated[filters])

    def _scope_count(self, filters: SearchFilters | None) -> int:
        if filters is None or not filters.active:
            return self._docs
        if filters not in self._scopes:
            where, params = filter_sql(filters)
            row = self._db.execute(f"SELECT count(*) FROM qa.chunks c WHERE {where}", params)
            self._scopes[filters] = int(row.fetchone()[0])  # type: ignore[index]
        return self._scopes[filters]

    def nearest(
        self,
        field: VectorField,
        query: np.ndarray,
        n: int,
        filters: SearchFilters | None = None,
    ) -> np.ndarray:
        """Ids of the (up to) ``n`` chunks nearest ``query`` by ``field``, nearest first:
        exactly when the filters leave few enough chunks, else through the HNSW or IVFFlat
        index with the filters in the query (``dense_plan``)."""
        vector = np.ascontiguousarray(np.ravel(query), dtype=np.float32)
        found = self._search(self._db, field, self._plan(field, n, filters), vector, n, filters)
        self._note_passing(filters, found)
        return np.array(found, dtype=np.int64)

    def first_candidates(
        self,
        question: str,
        query: np.ndarray,
        n: int,
        fields: Sequence[VectorField],
        filters: SearchFilters | None = None,
    ) -> FirstCandidates:
        """``lexical_top`` on this view's connection while each field's kNN runs on a
        connection of its own that reads the same snapshot: the server answers all three
        at once (on as many cores as it has), and the question waits for the slowest
        instead of the sum."""
        vector = np.ascontiguousarray(np.ravel(query), dtype=np.float32)
        plans = [self._plan(field, n, filters) for field in fields]
        connections, worker = self._helpers(len(fields))
        later = [
            worker.submit(self._search, db, field, plan, vector, n, filters)
            for db, field, plan in zip(connections, fields, plans, strict=True)
        ]
        try:
            ids, scores = self.lexical_top(question, n, filters)
        finally:
            found = [future.result() for future in later]  # (even when the top failed)
        for each in found:
            self._note_passing(filters, each)
        nearest = {f: np.array(each, dtype=np.int64) for f, each in zip(fields, found, strict=True)}
        return FirstCandidates(ids, scores, nearest)

    def _plan(self, field: VectorField, n: int, filters: SearchFilters | None) -> DensePlan:
        """How the kNN of ``field`` under ``filters`` runs (``dense_plan``); the binary
        tables hold no article, so an article's rows are never ranked by their bits."""
        binary = self._binary and (filters is None or filters.article_id is None)
        kept = self._scope_count(filters)
        return dense_plan(kept, self._docs, n, self._vector_index(field), binary=binary)

    def _helpers(self, count: int) -> tuple[list[psycopg.Connection[Any]], ThreadPoolExecutor]:
        """``count`` more connections, each in a transaction on this view's snapshot with
        its search settings, and threads to wait on them."""
        import psycopg
        from psycopg import sql

        if len(self._others) < count and self._snapshot is None:
            row = self._db.execute("SELECT pg_export_snapshot()").fetchone()
            self._snapshot = str(row[0])  # type: ignore[index]
        while len(self._others) < count:
            other = connect(self.url)
            try:
                other.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
                other.read_only = True
                other.execute(
                    sql.SQL("SET TRANSACTION SNAPSHOT {}").format(sql.Literal(self._snapshot))
                )
                register_vector_type(other)
                _search_settings(other)
            except BaseException:
                other.close()
                raise
            self._others.append(other)
        threads = max(1, count)
        if self._worker is None or self._threads < threads:
            if self._worker is not None:
                self._worker.shutdown()
            self._worker = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="qa-pg")
            self._threads = threads
        return self._others[:count], self._worker

    def _search(
        self,
        db: psycopg.Connection[Any],
        field: VectorField,
        plan: DensePlan,
        vector: np.ndarray,
        n: int,
        filters: SearchFilters | None,
    ) -> list[int]:
        """The ids ``plan`` finds on connection ``db``, nearest first."""
        table = f"qa.{field}_{self._searched}"
        where, params = filter_sql(filters)
        if plan.candidates:
            # The rows closest by Hamming distance of their sign bits (read from a covering
            # index by outlet or date), then their exact order from the search rows.
            # Their search rows are read as one array of ids (a sorted descent of the
            # primary key) rather than one lookup each.
            sql = (
                f"SELECT s.chunk_id FROM {table} s WHERE s.chunk_id = ANY(ARRAY("
                f"SELECT c.chunk_id FROM qa.{field}_binary c WHERE {where}"
                " ORDER BY c.bits <~> binary_quantize(%s::halfvec), c.chunk_id LIMIT %s))"
                f" ORDER BY (s.vector <#> %s::{self._cast}) + 0, s.chunk_id LIMIT %s"
            )
            args = [*params, vector, plan.candidates, vector, n]
        elif plan.exact:
            # "+ 0" keeps the planner off the vector index: every allowed vector is scored,
            # by inner product (of unit vectors: their cosine; cheaper than "<=>").
            sql = (
                f"SELECT c.chunk_id FROM {table} c WHERE {where}"
                f" ORDER BY (c.vector <#> %s::{self._cast}) + 0, c.chunk_id LIMIT %s"
            )
            args = [*params, vector, n]
        else:
            # With sorting off the planner cannot swap the index for an exact scan of a
            # wide filter (it did, at 30% of a million rows: 0.5 s); on again after.
            _set(db, [*plan.settings, ("enable_sort", "off")])
            # relaxed_order may return neighbours slightly out of order: sort them again.
            sql = (
                "WITH found AS MATERIALIZED (SELECT c.chunk_id,"
                f" c.vector <=> %s::{self._cast} AS distance"
                f" FROM {table} c WHERE {where} ORDER BY distance LIMIT %s)"
                " SELECT chunk_id FROM found ORDER BY distance + 0, chunk_id"
            )
            args = [vector, *params, n]
        rows = db.execute(sql, args).fetchall()
        if not plan.exact:  # (a failed query ends the transaction, settings with it)
            _set(db, [("enable_sort", "on")])
        return [r[0] for r in rows]

    def _note_passing(self, filters: SearchFilters | None, found: Sequence[int]) -> None:
        """Remember that these chunks pass ``filters`` (see ``lexical_scores``)."""
        if filters is not None and filters.active:
            if self._passing is None or self._passing[0] != filters:
                self._passing = (filters, set())
            self._passing[1].update(found)

    def _vector_index(self, field: VectorField) -> VectorIndex | None:
        """The nearest-neighbour index of ``field``'s table (None when it has none)."""
        if field not in self._indexes:
            row = self._db.execute(
                "SELECT a.amname, c.reloptions FROM pg_class c JOIN pg_am a ON a.oid = c.relam"
                " JOIN pg_namespace s ON s.oid = c.relnamespace"
                " WHERE s.nspname = 'qa' AND c.relname = %s",
                (f"{field}_{self._searched}_nearest",),
            ).fetchone()
            found = None
            if row is not None:
                options = dict(o.split("=", 1) for o in row[1] or [])
                found = VectorIndex(str(row[0]), int(options.get("lists", 0)))
            self._indexes[field] = found
        return self._indexes[field]

    def vectors(self, field: VectorField, chunk_ids: np.ndarray) -> np.ndarray:
        """The stored ``field`` vectors of these chunks, one row each (float32)."""
        ids = [int(i) for i in np.asarray(chunk_ids).ravel()]
        if not ids:
            return np.zeros((0, self._manifest.dimension), dtype=np.float32)
        with self._db.cursor(binary=True) as cursor:
            cursor.execute(
                f"SELECT chunk_id, vector FROM {VECTOR_TABLES[field]}"
                " WHERE chunk_id = ANY(%s::bigint[])",
                (id_array(ids),),
            )
            found = dict(cursor.fetchall())
        return np.vstack([found[i] for i in ids]).astype(np.float32, copy=False)

    @property
    def cosine_tolerance(self) -> float:
        """``HALF_COSINE_TOLERANCE`` where the cosines come from the half-precision
        search rows; older layouts compute them from the float32 vectors."""
        if self._searched == "search":
            return HALF_COSINE_TOLERANCE
        return FLOAT32_COSINE_TOLERANCE

    def cosines(self, field: VectorField, query: np.ndarray, chunk_ids: np.ndarray) -> np.ndarray:
        """Cosine of ``query`` (float32) with the ``field`` vector of each chunk as its
        search row keeps it (half precision: within ``cosine_tolerance`` of the exact
        cosine), computed by the server: a float per chunk travels instead of its vector.
        The rows that kNN reads anyway: the float32 tables stay off a question's path."""
        ids = [int(i) for i in np.asarray(chunk_ids).ravel()]
        return self._cosines(self._db, field, np.ravel(query), ids)

    def candidate_signals(
        self,
        question: str,
        query: np.ndarray,
        chunk_ids: np.ndarray,
        fields: Sequence[VectorField],
    ) -> CandidateSignals:
        """``lexical_scores`` on this view's connection while each field's cosines are
        computed on a connection of its own (those of ``first_candidates``, on the same
        snapshot): the server computes them at once."""
        ids = [int(i) for i in np.asarray(chunk_ids).ravel()]
        connections, worker = self._helpers(len(fields))
        later = [
            worker.submit(self._cosines, db, field, np.ravel(query), ids)
            for db, field in zip(connections, fields, strict=True)
        ]
        try:
            scores = self.lexical_scores(question, chunk_ids)
        finally:
            found = [future.result() for future in later]  # (even when the scores failed)
        return CandidateSignals(scores, dict(zip(fields, found, strict=True)))

    def _cosines(
        self, db: psycopg.Connection[Any], field: VectorField, query: np.ndarray, ids: list[int]
    ) -> np.ndarray:
        """``cosines`` of these chunks, computed on connection ``db``."""
        if not ids:
            return np.zeros(0, dtype=np.float32)
        vector = np.ascontiguousarray(query, dtype=np.float32)
        rows = db.execute(
            f"SELECT chunk_id, -(vector::vector <#> %s) FROM qa.{field}_{self._searched}"
            " WHERE chunk_id = ANY(%s::bigint[])",
            (vector, id_array(ids)),
        ).fetchall()
        found = dict(rows)
        return np.array([found[i] for i in ids], dtype=np.float32)

    def lexical_top(
        self, question: str, n: int, filters: SearchFilters | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Ids and BM25 scores of the (up to) ``n`` best chunks above zero, best first
        (ties by id), exactly as scoring every chunk would give them, but for a question
        holding a term of more than ``COMMON_TERM`` chunks (see ``_best_postings_top_k``).

        An article's chunks are scored one by one; a filter that keeps few postings of
        the terms sums those (the postings are indexed by date and outlet); otherwise the
        best postings of each term give a lower bound on the n-th best score, which says
        how much of each term's postings (in falling weight) can hold a better chunk
        (see ``_top_k``)."""
        terms = self._term_weights(question)
        if not terms or not self._docs or n <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        where, params = filter_sql(filters)
        complete = None
        if filters is not None and filters.article_id is not None:
            # Postings do not carry the article: score each of its chunks.
            rows = self._db.execute(f"SELECT c.chunk_id FROM qa.chunks c WHERE {where}", params)
            scores = self._exact_scores(terms, [r[0] for r in rows])
            complete = filters
        elif where != "TRUE" and self._filtered_postings(filters, terms) <= FILTERED_POSTINGS:
            # The postings' date and outlet indexes hold just what the filter keeps: every
            # kept chunk's score comes back, so the candidates' are known too.
            ids, values = self._filtered_scores(terms, *filter_sql(filters, "p"))
            self._scored = ScoredQuestion(question, ids, values, filters)
            return best_scores(ids, values, n)
        elif max(t.df for t in terms) > COMMON_TERM:
            scores = self._best_postings_top_k(terms, n, filters)
        else:
            scores = self._top_k(terms, n, filters)
        ids, values = score_arrays(scores)
        self._scored = ScoredQuestion(question, ids, values, complete)
        return best_scores(ids, values, n)

    def lexical_scores(self, question: str, chunk_ids: np.ndarray) -> np.ndarray:
        """BM25 score of each of these chunks, zero for one sharing no term (float32).
        Those the last ``lexical_top`` of this question scored are not scored again, nor
        those it proved to score zero: when it scored every chunk a filter keeps, a chunk
        that the filter's kNN searches returned and it did not score holds no term."""
        ids = np.asarray(chunk_ids, dtype=np.int64).ravel()
        known = np.zeros(len(ids), dtype=bool)
        scores = np.zeros(len(ids))
        scored = self._scored
        if scored is not None and scored.question == question:
            known, scores = scored.known(ids)
            if self._passing is not None and self._passing[0] == scored.complete:
                known |= np.fromiter((i in self._passing[1] for i in ids.tolist()), bool, len(ids))
        missing = ids[~known].tolist()
        if missing:
            found = self._exact_scores(self._term_weights(question), missing)
            scores[~known] = [found.get(i, 0.0) for i in missing]
        return scores.astype(np.float32)

    def _term_weights(self, question: str) -> list[TermWeight]:
        """The question's terms found in the index, with their document frequency and
        weight (repeats × Lucene idf), rarest first. The last question's are kept: a
        search asks for its top and then for the scores of its candidates."""
        if self._weights is not None and self._weights[0] == question:
            return self._weights[1]
        terms = query_terms(question)
        if not terms:
            return []
        rows = self._db.execute(
            "SELECT term, term_id, df FROM qa.terms WHERE term = ANY(%s) AND df > 0",
            (list(terms),),
        ).fetchall()
        docs = self._docs
        weights = [
            TermWeight(term_id, df, terms[term] * math.log(1 + (docs - df + 0.5) / (df + 0.5)))
            for term, term_id, df in rows
        ]
        weights.sort(key=lambda t: (t.df, t.term_id))
        self._weights = (question, weights)
        return weights

    def _filtered_postings(self, filters: SearchFilters | None, terms: list[TermWeight]) -> float:
        """About how many postings of these terms ``filters`` keep (the filter's share of
        the chunks times the terms' document frequencies)."""
        share = self._scope_count(filters) / max(1, self._docs)
        return share * sum(t.df for t in terms)

    def _exact_scores(self, terms: list[TermWeight], chunk_ids: Sequence[int]) -> dict[int, float]:
        """BM25 of these chunks from their postings (chunks sharing no term are left out)."""
        if not terms or not chunk_ids:
            return {}
        weight = {t.term_id: t.weight for t in terms}
        rows = self._db.execute(
            "SELECT chunk_id, term_id, tf, length FROM qa.postings"
            " WHERE term_id = ANY(%s) AND chunk_id = ANY(%s::bigint[])",
            (list(weight), id_array(chunk_ids)),
        ).fetchall()
        scores: dict[int, float] = {}
        for chunk_id, term_id, tf, length in rows:
            part = weight[term_id] * self._saturation(tf, length)
            scores[chunk_id] = scores.get(chunk_id, 0.0) + part
        return scores

    def _bm25_constants(self) -> list[float]:
        """k1, b, b, avgdl: the parameters of the SQL saturation expression, in order."""
        return [BM25_K1, BM25_B, BM25_B, self._avgdl]

    def _saturation(self, tf: float, length: float) -> float:
        """BM25's term-frequency part: tf / (tf + k1·(1 − b + b·length / avgdl)), below 1."""
        return tf / (tf + BM25_K1 * (1 - BM25_B + BM25_B * length / self._avgdl))

    def _top_k(
        self, terms: list[TermWeight], n: int, filters: SearchFilters | None
    ) -> dict[int, float]:
        """Exact scores of a set of chunks that holds the ``n`` best under ``filters``.

        1. Each term's best postings (by frequency, then shortness; every posting of a
           rare term) are scored exactly: the n-th best score so far, ``floor``, is a
           lower bound on the true n-th best.
        2. Terms are given thresholds on their weight, the most common first, whose
           weighted sum stays below ``floor``: a chunk that meets no threshold cannot
           beat it. The postings over a threshold are read by ranges of
           ``postings_by_impact`` with the filter inside, summed per chunk, and chunks
           whose bound (what is known plus what the thresholds allow) reaches ``floor``
           are scored exactly."""
        where, params = filter_sql(filters, "p")
        limits = [max(FIRST_ROUND, n) if t.df > RARE_TERM else t.df for t in terms]
        rows = self._db.execute(
            "SELECT f.term_id, f.chunk_id FROM unnest(%s::int[], %s::int[]) AS t(term_id, k)"
            " CROSS JOIN LATERAL (SELECT p.term_id, p.chunk_id FROM qa.postings p"
            f" WHERE p.term_id = t.term_id AND {where} ORDER BY p.tf DESC, p.length LIMIT t.k) f",
            [[t.term_id for t in terms], limits, *params],
        ).fetchall()
        scores = self._exact_scores(terms, sorted({r[1] for r in rows}))
        read = Counter(r[0] for r in rows)
        whole = (read[t.term_id] < k or k >= t.df for t, k in zip(terms, limits, strict=True))
        if all(whole):
            return scores  # every posting under the filter was read
        ranked = sorted(scores.values(), reverse=True)
        floor = ranked[n - 1] if len(ranked) >= n else 0.0
        if floor <= 0:
            return self._summed_top(terms, n, where, params)
        ranges, bounds = self._ranges_below(terms, floor)
        columns = [list(column) for column in zip(*ranges, strict=True)]  # never empty
        survivors = self._db.execute(
            "WITH r AS (SELECT * FROM unnest(%s::int[], %s::int[], %s::int[], %s::int[],"
            " %s::float8[], %s::float8[]) AS r(term_id, tf_low, tf_high, longest, weight, bound)),"
            " f AS (SELECT p.chunk_id, r.weight * p.tf / (p.tf + %s::float8 * (1 - %s::float8"
            " + %s::float8 * p.length / %s::float8)) AS part, r.bound FROM r CROSS JOIN LATERAL"
            " (SELECT p.chunk_id, p.tf, p.length FROM qa.postings p WHERE p.term_id = r.term_id"
            " AND p.tf BETWEEN r.tf_low AND r.tf_high AND p.length <= r.longest"
            f" AND {where}) p)"
            " SELECT chunk_id FROM f GROUP BY chunk_id"
            " HAVING sum(part) + %s::float8 - sum(bound) >= %s::float8",
            [*columns, *self._bm25_constants(), *params, sum(bounds.values()), floor * (1 - 1e-9)],
        ).fetchall()
        fresh = [r[0] for r in survivors if r[0] not in scores]
        scores.update(self._exact_scores(terms, fresh))
        return scores

    def _best_postings_top_k(
        self, terms: list[TermWeight], n: int, filters: SearchFilters | None
    ) -> dict[int, float]:
        """Exact scores of the chunks that the best ``TERM_DEPTH`` postings of each term
        (by frequency, then shortness) rank highest by what they hold of the question:
        the ``n`` best of them are the BM25 top-``n`` but for a chunk that owes its score
        to postings below that depth in every term it holds (see ``COMMON_TERM``)."""
        where, params = filter_sql(filters, "p")
        rows = self._db.execute(
            "SELECT p.chunk_id FROM unnest(%s::int[], %s::float8[]) AS t(term_id, weight)"
            " CROSS JOIN LATERAL (SELECT p.chunk_id, t.weight * p.tf / (p.tf + %s::float8"
            " * (1 - %s::float8 + %s::float8 * p.length / %s::float8)) AS part"
            f" FROM qa.postings p WHERE p.term_id = t.term_id AND {where}"
            " ORDER BY p.tf DESC, p.length LIMIT %s) p"
            " GROUP BY p.chunk_id ORDER BY sum(p.part) DESC, p.chunk_id LIMIT %s",
            [
                [t.term_id for t in terms],
                [t.weight for t in terms],
                *self._bm25_constants(),
                *params,
                TERM_DEPTH,
                RESCORED * n,
            ],
        ).fetchall()
        return self._exact_scores(terms, [r[0] for r in rows])

    def _ranges_below(
        self, terms: list[TermWeight], floor: float
    ) -> tuple[list[tuple[int, int, int, int, float, float]], dict[int, float]]:
        """Posting ranges to read so that a chunk outside them scores below ``floor``.

        The most common terms are skipped while their weights (each term adds less than
        its weight) fit under ``floor``; the next gets a weight threshold with what is
        left, read as one range of lengths per term frequency; the rarest are read
        whole. Returns the ranges (term, tf from, tf to, longest length, weight, bound)
        and each term's bound: the most a chunk not found in its ranges gets from it."""
        budget = floor * (1 - 1e-9)
        ranges: list[tuple[int, int, int, int, float, float]] = []
        bounds: dict[int, float] = {}
        shared = BM25_K1 * (1 - BM25_B)
        per_length = BM25_K1 * BM25_B / self._avgdl
        for term in reversed(terms):  # most common first
            if term.weight <= budget:
                bounds[term.term_id] = term.weight
                budget -= term.weight
                continue
            threshold = budget / term.weight
            bounds[term.term_id] = budget
            budget = 0.0
            key, weight, bound = term.term_id, term.weight, bounds[term.term_id]
            if threshold <= 0:
                ranges.append((key, 1, _LONGEST, _LONGEST, weight, bound))
                continue
            # tf / (tf + shared + per_length · length) >= threshold
            for tf in range(1, _SPLIT_FREQUENCIES):
                longest = (tf * (1 - threshold) / threshold - shared) / per_length
                if longest >= 0:
                    ranges.append((key, tf, tf, int(min(longest, _LONGEST)), weight, bound))
            ranges.append((key, _SPLIT_FREQUENCIES, _LONGEST, _LONGEST, weight, bound))
        return ranges, bounds

    def _summed_top(
        self, terms: list[TermWeight], n: int, where: str, params: list[Any]
    ) -> dict[int, float]:
        """The n best chunks by summing every posting of the terms under the filter."""
        # float8 throughout: numeric arithmetic made the sum ten times slower.
        rows = self._db.execute(
            "SELECT p.chunk_id, sum(w.weight * p.tf / (p.tf + %s::float8 * (1 - %s::float8"
            " + %s::float8 * p.length / %s::float8))) AS score"
            " FROM unnest(%s::int[], %s::float8[]) AS w(term_id, weight)"
            f" JOIN qa.postings p ON p.term_id = w.term_id WHERE {where} GROUP BY p.chunk_id"
            " ORDER BY score DESC, p.chunk_id LIMIT %s",
            [
                *self._bm25_constants(),
                [t.term_id for t in terms],
                [t.weight for t in terms],
                *params,
                n,
            ],
        ).fetchall()
        return {int(chunk_id): float(score) for chunk_id, score in rows}

    def _filtered_scores(
        self, terms: list[TermWeight], where: str, params: list[Any]
    ) -> tuple[np.ndarray, np.ndarray]:
        """Every chunk holding a term under the filter, ascending, and its BM25 score.

        The server sends each term's kept postings as three arrays in one row
        (``array_send``: read by numpy as they are), and numpy sums them: grouping tens of
        thousands of postings by chunk and building a row a chunk cost the server more."""
        with self._db.cursor(binary=True) as cursor:
            rows = cursor.execute(
                "SELECT t.i, f.* FROM unnest(%s::int[]) WITH ORDINALITY AS t(term_id, i)"
                " CROSS JOIN LATERAL (SELECT array_send(array_agg(p.chunk_id)),"
                " array_send(array_agg(p.tf)), array_send(array_agg(p.length))"
                f" FROM qa.postings p WHERE p.term_id = t.term_id AND {where}) f",
                [[t.term_id for t in terms], *params],
            ).fetchall()
        chunk_ids, parts = [np.zeros(0, dtype=np.int64)], [np.zeros(0)]
        for ordinal, ids, tfs, lengths in rows:
            tf = sent_array(tfs, ">i4").astype(np.float64)
            length = sent_array(lengths, ">i4").astype(np.float64)
            chunk_ids.append(sent_array(ids, ">i8"))
            normalised = BM25_K1 * (1 - BM25_B + BM25_B * length / self._avgdl)
            parts.append(terms[ordinal - 1].weight * tf / (tf + normalised))
        ids, where_in = np.unique(np.concatenate(chunk_ids), return_inverse=True)
        return ids, np.bincount(where_in, weights=np.concatenate(parts), minlength=len(ids))

    def lexical_terms(self, texts: Sequence[str]) -> list[list[str]]:
        """The BM25 terms of each text, as the postings were made (``qa.storage.lexical``)."""
        return analyse(texts)

    def document_frequencies(self, terms: Sequence[str]) -> list[int]:
        """How many chunk windows hold each BM25 term (0 for a term none holds)."""
        if not terms:
            return []
        rows = self._db.execute(
            "SELECT term, df FROM qa.terms WHERE term = ANY(%s)", (list(terms),)
        ).fetchall()
        found = dict(rows)
        return [int(found.get(term, 0)) for term in terms]

    def close(self) -> None:
        """End the read transaction and close the connection(s)."""
        if self._worker is not None:
            self._worker.shutdown()
        for other in self._others:
            other.close()
        self._db.close()


def _search_settings(db: psycopg.Connection[Any]) -> None:
    """What a view's searches run with, for the rest of its transaction on ``db``."""
    # Each question runs short queries: compiling them (JIT) costs more than it saves.
    db.execute("SET LOCAL jit = off")
    # A hybrid search already runs its three first searches at once (``first_candidates``):
    # parallel workers of each would only compete with the others for the cores.
    db.execute("SET LOCAL max_parallel_workers_per_gather = 0")
    db.execute("SET LOCAL hnsw.iterative_scan = relaxed_order")
    db.execute("SET LOCAL ivfflat.iterative_scan = relaxed_order")
    db.execute(f"SET LOCAL ivfflat.probes = {IVF_PROBES}")
    db.execute(f"SET LOCAL hnsw.ef_search = {EF_SEARCH}")


def _set(db: psycopg.Connection[Any], settings: Sequence[tuple[str, object]]) -> None:
    """Set server parameters for the rest of the transaction on ``db``."""
    calls = ", ".join("set_config(%s, %s, true)" for _ in settings)
    db.execute(f"SELECT {calls}", [str(v) for pair in settings for v in pair])


def current_generation(url: str) -> str | None:
    """The generation a view opened now would see, or None when no index is built."""
    import psycopg

    with connect(url, autocommit=True) as db:
        try:
            row = db.execute("SELECT generation FROM qa.meta").fetchone()
        except (psycopg.errors.UndefinedTable, psycopg.errors.InvalidSchemaName):
            return None
    return None if row is None else f"pg-{row[0]}"
