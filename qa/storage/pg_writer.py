"""Writing the index into PostgreSQL: one transaction per update, one writer at a time.

An update arrives as the whole new state (``GenerationData`` and its manifest,
as the local store receives it) and is applied as a difference inside one
transaction: articles whose fingerprint and file are unchanged keep their rows,
chunk ids and vectors; the others are deleted and inserted again; BM25 document
frequencies and length totals are adjusted for exactly the chunks that changed.
A killed writer leaves nothing: PostgreSQL rolls the transaction back, and
readers keep answering from the last committed update meanwhile.

A fresh database is loaded first and indexed after (postings by term and chunk, by
chunk, by weight for top-k, and by date and outlet for filtered BM25; the vectors are
copied in half precision, in (outlet, date) order, to the two search tables that kNN
reads, indexed by HNSW, or by IVFFlat above ``HNSW_MAX_ROWS``, and as one bit a dimension
to the two binary tables that pick the candidates of a wide exact scan), which is much faster
than growing the indexes row by row; later updates go through the indexes as they are. A
database of an older layout that the readers still read (``READABLE_SCHEMAS``) is
brought up to date in place by the next update (``upgrade_schema``); any other is
rebuilt.

Writers take a session-level advisory lock (released when the process or its
connection dies); readers take no lock at all.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np

from qa.errors import IndexBusyError, IndexUnusableError
from qa.records import Article
from qa.storage.contract import GenerationData, Manifest
from qa.storage.lexical import analyse
from qa.storage.pg_connect import connect, describe_url, register_vector_type
from qa.storage.pg_store import PG_SCHEMA_VERSION, READABLE_SCHEMAS, outlet_key

#: The advisory lock key of qa writers ("qa-index" as a number).
LOCK_KEY = 0x71612D696E646578
#: Stored manifest fields that must match for rows to be kept across updates.
_KEEP_IF_EQUAL = ("model", "weights_sha256", "precision", "chunking", "dimension")
_TABLES = (
    "postings", "terms", "window_binary", "sentence_binary", "window_search",
    "sentence_search", "window_vectors", "sentence_vectors", "chunks", "articles", "files",
)  # fmt: skip
_FIELDS = ("window", "sentence")
#: HNSW build parameters (pgvector defaults; see eval/bench_postgres.py for timings).
HNSW_M = 16
HNSW_EF_CONSTRUCTION = 64
#: Above this many vectors a fresh build makes IVFFlat indexes instead of HNSW.
HNSW_MAX_ROWS = 200_000
#: maintenance_work_mem while building the indexes of a fresh load.
INDEX_BUILD_MEMORY = "1GB"
#: Chunks tokenized and copied per batch, so a large update never holds every chunk's
#: BM25 terms in memory at once.
BATCH_CHUNKS = 20_000


def _schema(dimension: int) -> str:
    return f"""
    CREATE SCHEMA qa;
    CREATE TABLE qa.meta (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        schema_version integer NOT NULL, generation bigint NOT NULL, manifest jsonb NOT NULL,
        docs bigint NOT NULL, total_length bigint NOT NULL, next_chunk_id bigint NOT NULL
    );
    CREATE TABLE qa.files (path text PRIMARY KEY, sha256 text NOT NULL, text text NOT NULL);
    CREATE TABLE qa.articles (
        article_id text PRIMARY KEY, ordinal integer NOT NULL, path text NOT NULL,
        title text NOT NULL, outlet text, outlet_key text NOT NULL, author text,
        published date, paragraphs jsonb NOT NULL, provenance jsonb NOT NULL,
        published_estimate text, header jsonb NOT NULL, fingerprint text NOT NULL
    );
    CREATE TABLE qa.chunks (
        chunk_id bigint PRIMARY KEY, article_id text NOT NULL,
        start integer NOT NULL, "end" integer NOT NULL,
        sentence_start integer NOT NULL, sentence_end integer NOT NULL,
        text text NOT NULL, sentence text NOT NULL,
        published date, outlet_key text NOT NULL, length integer NOT NULL
    );
    CREATE INDEX chunks_by_article ON qa.chunks (article_id);
    CREATE INDEX chunks_by_published ON qa.chunks (published);
    CREATE INDEX chunks_by_outlet ON qa.chunks (outlet_key, published);
    {_vector_table("window", dimension)}
    {_vector_table("sentence", dimension)}
    {_search_table("window", dimension)}
    {_search_table("sentence", dimension)}
    {_binary_table("window", dimension)}
    {_binary_table("sentence", dimension)}
    CREATE TABLE qa.terms (term_id serial PRIMARY KEY, term text UNIQUE NOT NULL,
                           df integer NOT NULL);
    CREATE TABLE qa.postings (
        term_id integer NOT NULL, chunk_id bigint NOT NULL, tf integer NOT NULL,
        length integer NOT NULL, published date, outlet_key text NOT NULL
    );
    """


#: Indexes built after a fresh load (one sorted build instead of row-by-row inserts).
#: ``postings_by_impact`` lists a term's postings by term frequency, then length, i.e. in
#: falling BM25 weight within each frequency, with the filter columns at hand: a top-k
#: reads a prefix of each (term, frequency) range instead of every posting.
#: ``postings_by_date`` and ``postings_by_outlet`` hold a term's postings by the filter
#: columns, so BM25 under a filter reads only the postings the filter keeps.
_FILTER_INDEXES = (
    "CREATE INDEX postings_by_date ON qa.postings (term_id, published)"
    " INCLUDE (chunk_id, tf, length)",
    "CREATE INDEX postings_by_outlet ON qa.postings (term_id, outlet_key, published)"
    " INCLUDE (chunk_id, tf, length)",
)
_BULK_INDEXES = (
    "ALTER TABLE qa.postings ADD PRIMARY KEY (term_id, chunk_id) INCLUDE (tf, length)",
    "CREATE INDEX postings_by_chunk ON qa.postings (chunk_id)",
    "CREATE INDEX postings_by_impact ON qa.postings (term_id, tf DESC, length)"
    " INCLUDE (chunk_id, published, outlet_key)",
    *_FILTER_INDEXES,
)


def _vector_table(field: str, dimension: int) -> str:
    """One table per vector field with the exact (float32) vectors, read by chunk id to
    rescore candidates; rows of ~1.6 kB stay in the heap (no TOAST)."""
    return f"""
    CREATE TABLE qa.{field}_vectors (
        chunk_id bigint PRIMARY KEY, article_id text NOT NULL, published date,
        outlet_key text NOT NULL, vector vector({dimension}) NOT NULL
    );
    ALTER TABLE qa.{field}_vectors ALTER COLUMN vector SET STORAGE PLAIN;
    """


def _search_table(field: str, dimension: int) -> str:
    """What a kNN search reads: each chunk's vector in half precision (~0.8 kB a row, half
    the pages of the exact table) beside the filter columns, so HNSW and IVFFlat scans
    filter in place and the searched set stays in memory; a fresh load writes it in
    (outlet, date) order, so an exact scan of an outlet reads contiguous pages."""
    return f"""
    CREATE TABLE qa.{field}_search (
        chunk_id bigint PRIMARY KEY, article_id text NOT NULL, published date,
        outlet_key text NOT NULL, vector halfvec({dimension}) NOT NULL
    );
    ALTER TABLE qa.{field}_search ALTER COLUMN vector SET STORAGE PLAIN;
    CREATE INDEX {field}_search_by_article ON qa.{field}_search (article_id);
    CREATE INDEX {field}_search_by_published ON qa.{field}_search (published);
    CREATE INDEX {field}_search_by_outlet ON qa.{field}_search (outlet_key, published);
    """


def _binary_table(field: str, dimension: int) -> str:
    """Each chunk's vector as one bit a dimension (its sign: pgvector's
    ``binary_quantize``), ~50 bytes beside the filter columns: a filter keeping tens of
    thousands of rows ranks them by Hamming distance, reading them from an index alone
    (the covering indexes by outlet and by date), and rescores only the closest exactly
    (``pg_store.BINARY_CANDIDATES``), instead of reading each one's half-precision vector."""
    return f"""
    CREATE TABLE qa.{field}_binary (
        chunk_id bigint PRIMARY KEY, published date, outlet_key text NOT NULL,
        bits bit({dimension}) NOT NULL
    );
    CREATE INDEX {field}_binary_by_outlet ON qa.{field}_binary (outlet_key, published)
        INCLUDE (chunk_id, bits);
    CREATE INDEX {field}_binary_by_published ON qa.{field}_binary (published)
        INCLUDE (chunk_id, bits);
    """


def _fill_search_table(
    db: Any, field: str, where: str = "TRUE", args: Sequence[Any] = (), *, binary: bool = True
) -> None:
    """Copy the vectors of ``qa.{field}_vectors`` that ``where`` picks into the search
    table, in half precision and (outlet, date) order, and (with ``binary``) their bits
    into the binary table."""
    db.execute(
        f"INSERT INTO qa.{field}_search SELECT chunk_id, article_id, published, outlet_key,"
        f" vector::halfvec FROM qa.{field}_vectors WHERE {where}"
        " ORDER BY outlet_key, published, chunk_id",
        args,
    )
    if binary:
        _fill_binary_table(db, field, where, args)


def _fill_binary_table(db: Any, field: str, where: str = "TRUE", args: Sequence[Any] = ()) -> None:
    """Copy the sign bits of the search rows that ``where`` picks into the binary table."""
    db.execute(
        f"INSERT INTO qa.{field}_binary SELECT chunk_id, published, outlet_key,"
        f" binary_quantize(vector) FROM qa.{field}_search WHERE {where}"
        " ORDER BY outlet_key, published, chunk_id",
        args,
    )


def _add_filter_indexes(db: Any) -> None:
    """Schema 3 → 4: the postings' indexes by date and by outlet."""
    for statement in _FILTER_INDEXES:
        db.execute(statement)


def _add_search_tables(db: Any) -> None:
    """Schema 4 → 5: kNN searches move from the float32 vector tables (and their
    indexes) to half-precision search tables."""
    dimension = db.execute(
        "SELECT atttypmod FROM pg_attribute WHERE attrelid = 'qa.window_vectors'::regclass"
        " AND attname = 'vector'"
    ).fetchone()[0]
    rows = db.execute("SELECT docs FROM qa.meta").fetchone()[0]
    for field in _FIELDS:
        db.execute(
            f"DROP INDEX IF EXISTS qa.{field}_vectors_nearest, qa.{field}_vectors_by_article,"
            f" qa.{field}_vectors_by_published, qa.{field}_vectors_by_outlet"
        )
        db.execute(_search_table(field, dimension))
        _fill_search_table(db, field, binary=False)  # (the binary tables come in schema 6)
        db.execute(vector_index_sql(field, rows))


def _add_binary_tables(db: Any) -> None:
    """Schema 5 → 6: the binary tables, derived from the search tables."""
    dimension = db.execute(
        "SELECT atttypmod FROM pg_attribute WHERE attrelid = 'qa.window_search'::regclass"
        " AND attname = 'vector'"
    ).fetchone()[0]
    for field in _FIELDS:
        db.execute(_binary_table(field, dimension))
        _fill_binary_table(db, field)


#: What turns a database of an older layout into the current one in place (readers
#: read it meanwhile): schema 3 lacked the postings' filter indexes, schema 4 the
#: half-precision search tables, schema 5 the binary tables.
_UPGRADES: dict[int, Callable[[Any], None]] = {
    3: _add_filter_indexes,
    4: _add_search_tables,
    5: _add_binary_tables,
}


def vector_index_sql(field: str, rows: int) -> str:
    """The nearest-neighbour index of one search table holding ``rows`` vectors.

    HNSW up to ``HNSW_MAX_ROWS``; above, IVFFlat with ``rows / 1000`` lists (the square
    root above a million, as pgvector advises): on two shared cores one HNSW build took
    256 s at 100k vectors against 12 s for IVFFlat, and grows faster than linearly."""
    name = f"{field}_search_nearest ON qa.{field}_search"
    if rows <= HNSW_MAX_ROWS:
        return (
            f"CREATE INDEX {name} USING hnsw (vector halfvec_cosine_ops)"
            f" WITH (m = {HNSW_M}, ef_construction = {HNSW_EF_CONSTRUCTION})"
        )
    lists = max(1, rows // 1000 if rows <= 1_000_000 else math.isqrt(rows))
    return f"CREATE INDEX {name} USING ivfflat (vector halfvec_cosine_ops) WITH (lists = {lists})"


def build_bulk_indexes(db: Any, rows: int) -> None:
    """Index the postings, fill both search tables and index them after a fresh load of
    ``rows`` chunks."""
    db.execute(f"SET LOCAL maintenance_work_mem = '{INDEX_BUILD_MEMORY}'")
    for statement in _BULK_INDEXES:
        db.execute(statement)
    for field in _FIELDS:
        _fill_search_table(db, field)
        db.execute(vector_index_sql(field, rows))


def upgrade_schema(db: Any, version: int) -> None:
    """Bring tables of layout ``version`` to the current one, inside the caller's
    transaction (``PG_SCHEMA_VERSION`` is recorded by the update that follows)."""
    db.execute(f"SET LOCAL maintenance_work_mem = '{INDEX_BUILD_MEMORY}'")
    for step in range(version, PG_SCHEMA_VERSION):
        _UPGRADES[step](db)


@contextmanager
def write_lock(
    url: str, *, wait: bool, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the database's qa write lock (a session advisory lock) while the block runs."""
    db = connect(url, autocommit=True)
    try:
        row = db.execute("SELECT pg_try_advisory_lock(%s)", (LOCK_KEY,)).fetchone()
        if not (row and row[0]):
            where = describe_url(url)
            if not wait:
                raise IndexBusyError(
                    f"another qa process is updating the index in {where}; "
                    "try again when it has finished"
                )
            if on_wait is not None:
                on_wait(f"waiting for another qa process to finish updating {where} …")
            db.execute("SELECT pg_advisory_lock(%s)", (LOCK_KEY,))
        yield
    finally:
        db.close()  # closing the session releases its advisory lock


def write_index(url: str, data: GenerationData, manifest: Manifest) -> str:
    """Make the database hold exactly ``data``, in one transaction; return the generation."""
    import psycopg

    with connect(url) as db:
        try:
            with db.transaction():
                return _write(db, url, data, manifest)
        except psycopg.errors.LockNotAvailable:
            raise IndexBusyError(
                f"readers still hold the old index in {describe_url(url)}; "
                "close open `qa chat` sessions and run the update again"
            ) from None


def _write(db: Any, url: str, data: GenerationData, manifest: Manifest) -> str:
    import psycopg

    try:
        with db.transaction():  # a savepoint: a failure here leaves the outer one usable
            db.execute("CREATE EXTENSION IF NOT EXISTS vector")
    except (psycopg.errors.FeatureNotSupported, psycopg.errors.UndefinedFile):
        raise IndexUnusableError(
            f"the PostgreSQL server at {describe_url(url)} has no pgvector extension; "
            "install pgvector there (https://github.com/pgvector/pgvector), then run qa index"
        ) from None
    except psycopg.errors.InsufficientPrivilege:
        raise IndexUnusableError(
            f"the PostgreSQL user may not create the pgvector extension in {describe_url(url)}; "
            "ask an administrator to run CREATE EXTENSION vector there"
        ) from None
    register_vector_type(db)
    db.execute("SET LOCAL lock_timeout = '10s'")
    db.execute("SET LOCAL maintenance_work_mem = '512MB'")
    found = _stored_meta(db)
    fresh = found is None or (
        found["schema_version"] not in READABLE_SCHEMAS
        or found["manifest"].get("dimension") != manifest.dimension
    )
    if found is not None and not fresh and found["schema_version"] != PG_SCHEMA_VERSION:
        upgrade_schema(db, found["schema_version"])
    stored = {"generation": 0, "docs": 0, "total_length": 0, "next_chunk_id": 0}
    if fresh:
        # Only a new layout or dimension replaces the tables (readers then block the swap).
        db.execute("DROP SCHEMA IF EXISTS qa CASCADE")
        db.execute(_schema(manifest.dimension))
    elif found is not None:
        stored = found
        if any(found["manifest"].get(k) != manifest.to_json()[k] for k in _KEEP_IF_EQUAL):
            for table in _TABLES:
                db.execute(f"DELETE FROM qa.{table}")
            stored.update(docs=0, total_length=0)
    keep = _unchanged_articles(db, data, manifest)
    removed_docs, removed_length = _delete_articles_except(db, keep)
    _write_files(db, data)
    # Article rows are small: all are written again, so metadata rules that changed
    # without changing an article's text (provenance, estimates) reach the database.
    db.execute("DELETE FROM qa.articles")
    _copy_articles(db, data.articles, manifest)
    added_docs, added_length, next_id = _insert_chunks(
        db, data, keep, stored["next_chunk_id"], search=not fresh
    )
    if fresh:
        build_bulk_indexes(db, added_docs)
    db.execute("DELETE FROM qa.terms WHERE df = 0")
    generation = int(stored["generation"]) + 1
    kept_manifest = {k: v for k, v in manifest.to_json().items() if k not in ("files", "articles")}
    kept_manifest["schema_version"] = PG_SCHEMA_VERSION
    db.execute(
        "INSERT INTO qa.meta VALUES (true, %s, %s, %s, %s, %s, %s) ON CONFLICT (singleton) DO "
        "UPDATE SET schema_version = EXCLUDED.schema_version, generation = EXCLUDED.generation,"
        " manifest = EXCLUDED.manifest, docs = EXCLUDED.docs,"
        " total_length = EXCLUDED.total_length, next_chunk_id = EXCLUDED.next_chunk_id",
        (
            PG_SCHEMA_VERSION,
            generation,
            json.dumps(kept_manifest),
            int(stored["docs"]) - removed_docs + added_docs,
            int(stored["total_length"]) - removed_length + added_length,
            next_id,
        ),
    )
    return f"pg-{generation}"


def _stored_meta(db: Any) -> dict[str, Any] | None:
    import psycopg

    try:
        with db.transaction():
            row = db.execute(
                "SELECT schema_version, generation, manifest, docs, total_length, next_chunk_id"
                " FROM qa.meta"
            ).fetchone()
    except (psycopg.errors.UndefinedTable, psycopg.errors.InvalidSchemaName):
        return None
    if row is None:
        return None
    names = ("schema_version", "generation", "manifest", "docs", "total_length", "next_chunk_id")
    return dict(zip(names, row, strict=True))


def _unchanged_articles(db: Any, data: GenerationData, manifest: Manifest) -> set[str]:
    """Articles whose stored rows are still right: same fingerprint, same file bytes."""
    stored = {
        article_id: (fingerprint, path, sha)
        for article_id, fingerprint, path, sha in db.execute(
            "SELECT a.article_id, a.fingerprint, a.path, f.sha256"
            " FROM qa.articles a JOIN qa.files f USING (path)"
        )
    }
    return {
        a.article_id
        for a in data.articles
        if stored.get(a.article_id)
        == (manifest.articles.get(a.article_id), a.path, data.texts[a.path][0])
    }


def _delete_articles_except(db: Any, keep: set[str]) -> tuple[int, int]:
    """Delete the chunks and postings of every article not in ``keep``; return how many
    chunks and how many BM25 terms (lengths) went."""
    gone = [r[0] for r in db.execute("SELECT article_id FROM qa.articles")]
    gone = [a for a in gone if a not in keep]
    if not gone:
        return 0, 0
    db.execute(
        "CREATE TEMPORARY TABLE gone ON COMMIT DROP AS"
        " SELECT chunk_id, length FROM qa.chunks WHERE article_id = ANY(%s)",
        (gone,),
    )
    docs, length = db.execute("SELECT count(*), coalesce(sum(length), 0) FROM gone").fetchone()
    db.execute(
        "UPDATE qa.terms t SET df = t.df - g.n FROM (SELECT p.term_id, count(*) AS n"
        " FROM qa.postings p JOIN gone USING (chunk_id) GROUP BY p.term_id) g"
        " WHERE t.term_id = g.term_id"
    )
    for table in (
        "postings",
        *(f"{f}_binary" for f in _FIELDS),
        *(f"{f}_search" for f in _FIELDS),
        *(f"{f}_vectors" for f in _FIELDS),
        "chunks",
    ):
        db.execute(f"DELETE FROM qa.{table} t USING gone g WHERE t.chunk_id = g.chunk_id")
    db.execute("DROP TABLE gone")
    return int(docs), int(length)


def _write_files(db: Any, data: GenerationData) -> None:
    paths = list(data.texts)
    db.execute("DELETE FROM qa.files WHERE NOT (path = ANY(%s))", (paths,))
    stored = dict(db.execute("SELECT path, sha256 FROM qa.files").fetchall())
    changed = [(p, sha, text) for p, (sha, text) in data.texts.items() if stored.get(p) != sha]
    with db.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO qa.files VALUES (%s, %s, %s) ON CONFLICT (path)"
            " DO UPDATE SET sha256 = EXCLUDED.sha256, text = EXCLUDED.text",
            changed,
        )


def _copy_articles(db: Any, articles: Sequence[Article], manifest: Manifest) -> None:
    columns = (
        "article_id, ordinal, path, title, outlet, outlet_key, author, published, paragraphs,"
        " provenance, published_estimate, header, fingerprint"
    )
    with db.cursor().copy(f"COPY qa.articles ({columns}) FROM STDIN") as copy:
        for ordinal, article in enumerate(articles):
            copy.write_row(
                (
                    article.article_id,
                    ordinal,
                    article.path,
                    article.title,
                    article.outlet,
                    outlet_key(article.outlet),
                    article.author,
                    article.published,
                    json.dumps([[p.start, p.end] for p in article.paragraphs]),
                    json.dumps(article.provenance),
                    article.published_estimate,
                    json.dumps([[h.start, h.end] for h in article.header]),
                    manifest.articles.get(article.article_id, ""),
                )
            )


def _insert_chunks(
    db: Any, data: GenerationData, keep: set[str], next_id: int, *, search: bool
) -> tuple[int, int, int]:
    """Insert the chunks of changed and new articles with their vectors and postings,
    ``BATCH_CHUNKS`` at a time (and their search rows with ``search``; a fresh load
    writes those after, in order); return how many, their total BM25 length, and the
    next free chunk id."""
    articles = {a.article_id: a for a in data.articles}
    rows = [i for i, c in enumerate(data.chunks) if c.article_id not in keep]
    total_length = 0
    for begin in range(0, len(rows), BATCH_CHUNKS):
        part = rows[begin : begin + BATCH_CHUNKS]
        ids = range(next_id + begin, next_id + begin + len(part))
        terms = analyse([data.chunks[i].text for i in part])
        owners = [articles[data.chunks[i].article_id] for i in part]
        _copy_chunks(db, data, ids, part, owners, terms)
        _copy_vectors(db, data, ids, part, owners)
        if search and part:
            for field in _FIELDS:
                _fill_search_table(db, field, "chunk_id BETWEEN %s AND %s", (ids[0], ids[-1]))
        _insert_postings(db, ids, terms, owners)
        total_length += sum(len(words) for words in terms)
    return len(rows), total_length, next_id + len(rows)


def _copy_chunks(
    db: Any,
    data: GenerationData,
    ids: Sequence[int],
    rows: Sequence[int],
    owners: Sequence[Article],
    terms: Sequence[Sequence[str]],
) -> None:
    columns = (
        'chunk_id, article_id, start, "end", sentence_start, sentence_end, text, sentence,'
        " published, outlet_key, length"
    )
    types = ["int8", "text", "int4", "int4", "int4", "int4", "text", "text", "date", "text",
             "int4"]  # fmt: skip
    with db.cursor().copy(f"COPY qa.chunks ({columns}) FROM STDIN (FORMAT BINARY)") as copy:
        copy.set_types(types)
        for chunk_id, row, article, words in zip(ids, rows, owners, terms, strict=True):
            chunk = data.chunks[row]
            copy.write_row(
                (
                    chunk_id,
                    chunk.article_id,
                    chunk.start,
                    chunk.end,
                    chunk.sentence_start,
                    chunk.sentence_end,
                    chunk.text,
                    chunk.sentence,
                    article.published,
                    outlet_key(article.outlet),
                    len(words),
                )
            )


def _copy_vectors(
    db: Any,
    data: GenerationData,
    ids: Sequence[int],
    rows: Sequence[int],
    owners: Sequence[Article],
) -> None:
    for field, vectors in (("window", data.window_vectors), ("sentence", data.sentence_vectors)):
        copy_sql = (
            f"COPY qa.{field}_vectors (chunk_id, article_id, published, outlet_key, vector)"
            " FROM STDIN (FORMAT BINARY)"
        )
        with db.cursor().copy(copy_sql) as copy:
            copy.set_types(["int8", "text", "date", "text", "vector"])
            for chunk_id, row, article in zip(ids, rows, owners, strict=True):
                copy.write_row(
                    (
                        chunk_id,
                        article.article_id,
                        article.published,
                        outlet_key(article.outlet),
                        np.asarray(vectors[row], dtype=np.float32),
                    )
                )


def _insert_postings(
    db: Any, ids: Sequence[int], terms: Sequence[Sequence[str]], owners: Sequence[Article]
) -> None:
    counts = [Counter(words) for words in terms]
    df = Counter(term for count in counts for term in count)
    if not df:
        return
    vocabulary = list(df)
    db.execute(
        "INSERT INTO qa.terms (term, df) SELECT term, 0 FROM unnest(%s::text[]) AS term"
        " ON CONFLICT (term) DO NOTHING",
        (vocabulary,),
    )
    db.execute(
        "UPDATE qa.terms t SET df = t.df + d.n FROM unnest(%s::text[], %s::int[]) AS d(term, n)"
        " WHERE t.term = d.term",
        (vocabulary, [df[t] for t in vocabulary]),
    )
    term_ids = dict(
        db.execute(
            "SELECT term, term_id FROM qa.terms WHERE term = ANY(%s)", (vocabulary,)
        ).fetchall()
    )
    columns = "term_id, chunk_id, tf, length, published, outlet_key"
    with db.cursor().copy(f"COPY qa.postings ({columns}) FROM STDIN (FORMAT BINARY)") as copy:
        copy.set_types(["int4", "int8", "int4", "int4", "date", "text"])
        for chunk_id, count, words, article in zip(ids, counts, terms, owners, strict=True):
            length, published, outlet = len(words), article.published, outlet_key(article.outlet)
            for term, tf in count.items():
                copy.write_row((term_ids[term], chunk_id, tf, length, published, outlet))
