"""Warming a server's caches with what questions read, before they come.

A question reads a few pages of many relations: the half-precision search tables and
their indexes (kNN and the candidates' cosines), the covering indexes of the binary
tables (the first pass of a wide exact kNN), the chunk rows of the results, the
terms, and its terms' part of the postings' indexes. On a cold server each of those
pages is a read from disk, and a question's tail latency is those reads. A server for a
large index should hold this working set in memory; ``prewarm`` reads it once with
PostgreSQL's ``pg_prewarm`` extension (shipped with PostgreSQL, and with the
embedded server): the relations read most per question into ``shared_buffers``, the
chunk rows and the postings' indexes into the operating system's page cache. The
float32 vector tables, the files' texts and the indexes that only updates use are left
out.

From a shell (an administrator may have to run ``CREATE EXTENSION pg_prewarm`` once)::

    python -m qa.storage.pg_prewarm postgresql://…
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

from qa.errors import ConfigError
from qa.storage.pg_connect import connect, describe_url

#: Read by every question, page after page: kNN scans, cosines, rows, term lookups.
#: Into ``shared_buffers`` (a page there costs no system call).
SEARCH_RELATIONS = (
    *(
        f"qa.{field}_search{suffix}"
        for field in ("window", "sentence")
        for suffix in ("", "_pkey", "_nearest", "_by_outlet", "_by_published")
    ),
    *(
        f"qa.{field}_binary_{suffix}"
        for field in ("window", "sentence")
        for suffix in ("by_outlet", "by_published")
    ),
    "qa.chunks_pkey",
    "qa.chunks_by_published",
    "qa.chunks_by_outlet",
    "qa.terms",
    "qa.terms_term_key",
    "qa.articles",
)
#: A question reads its results' rows of the chunks, and its terms' ranges of the
#: postings' indexes. Into the page cache.
POSTINGS_RELATIONS = (
    "qa.chunks",
    "qa.postings_pkey",
    "qa.postings_by_impact",
    "qa.postings_by_date",
    "qa.postings_by_outlet",
)


@dataclass(frozen=True, slots=True)
class Warmed:
    """One relation read: its name, where to (``buffer`` or ``read``: the page cache),
    its pages and bytes."""

    relation: str
    mode: str
    pages: int
    bytes: int


def prewarm(
    url: str,
    buffered: Sequence[str] = SEARCH_RELATIONS,
    cached: Sequence[str] = POSTINGS_RELATIONS,
) -> list[Warmed]:
    """Read ``buffered`` into shared buffers and ``cached`` into the page cache (those
    that exist: older layouts lack some); what was read, in order."""
    import psycopg

    with connect(url, autocommit=True) as db:
        try:
            db.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
        except psycopg.Error as error:
            raise ConfigError(
                f"cannot warm {describe_url(url)}: the pg_prewarm extension is missing"
                f" ({str(error).splitlines()[0]}); ask an administrator to run"
                " CREATE EXTENSION pg_prewarm there"
            ) from None
        warmed = []
        for mode, relations in (("buffer", buffered), ("read", cached)):
            for relation in relations:
                row = db.execute(
                    "SELECT pg_prewarm(c, %s), pg_relation_size(c)"
                    " FROM to_regclass(%s) AS c WHERE c IS NOT NULL",
                    (mode, relation),
                ).fetchone()
                if row is not None:
                    warmed.append(Warmed(relation, mode, int(row[0]), int(row[1])))
    return warmed


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m qa.storage.pg_prewarm URL``: warm the server, say what was read."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m qa.storage.pg_prewarm URL", file=sys.stderr)
        return 2
    began = time.perf_counter()
    try:
        warmed = prewarm(args[0])
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for item in warmed:
        print(f"{item.relation}: {item.bytes / 2**20:,.0f} MiB ({item.mode})")
    total = sum(item.bytes for item in warmed) / 2**30
    print(f"{total:.1f} GiB in {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
