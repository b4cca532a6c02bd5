"""Connections to PostgreSQL for the ``qa`` store: errors for people, pgvector's type.

A bad URL or an unreachable server becomes one ConfigError line naming the server
(never the password) and the fix; numpy arrays travel as pgvector ``vector`` values
in binary.
"""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING, Any

import numpy as np

from qa.errors import ConfigError

if TYPE_CHECKING:
    import psycopg


def describe_url(url: str) -> str:
    """Where a URL points, without its password: ``host:port/database``."""
    from psycopg.conninfo import conninfo_to_dict

    try:
        parts = conninfo_to_dict(url)
    except Exception:
        return "the --store URL"
    host = str(parts.get("host") or "localhost")
    return f"{host}:{parts.get('port') or 5432}/{parts.get('dbname') or parts.get('user') or ''}"


def connect(url: str, *, autocommit: bool = False) -> psycopg.Connection[Any]:
    """Open a connection; a bad URL or an unreachable server is a ConfigError for people."""
    try:
        import psycopg
    except ImportError:
        raise ConfigError(
            "a postgresql:// store needs the postgres extra: pip install 'qa[postgres]'"
        ) from None
    from psycopg.conninfo import conninfo_to_dict

    try:
        port = str(conninfo_to_dict(url).get("port") or "5432")
        if not all(part.isdigit() for part in port.split(",")):
            raise psycopg.ProgrammingError(f"the port {port!r} is not a number")
        connection = psycopg.connect(url, autocommit=autocommit, connect_timeout=10)
    except psycopg.ProgrammingError as error:
        raise ConfigError(
            f"the --store URL is not a valid PostgreSQL URL ({_first_line(error)}); "
            "write it as postgresql://USER:PASSWORD@HOST:PORT/DATABASE"
        ) from None
    except psycopg.OperationalError as error:
        where = describe_url(url)
        raise ConfigError(
            f"cannot reach the PostgreSQL server at {where} ({_first_line(error)}); "
            "start the server or fix the --store URL / QA_STORE"
        ) from None
    return connection


def _first_line(error: BaseException) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[-1] if lines else type(error).__name__


def register_vector_type(connection: psycopg.Connection[Any]) -> bool:
    """Send numpy arrays as pgvector ``vector`` values in binary and read them back as
    float32 arrays; False when the database has no pgvector extension."""
    from psycopg.adapt import Dumper, Loader
    from psycopg.pq import Format
    from psycopg.types import TypeInfo

    info = TypeInfo.fetch(connection, "vector")
    if info is None:
        return False
    info.register(connection)
    oid = info.oid

    class VectorDumper(Dumper):
        format = Format.BINARY

        def dump(self, obj: Any) -> bytes:
            array = np.asarray(obj, dtype=">f4").ravel()
            return struct.pack(">HH", len(array), 0) + array.tobytes()

    VectorDumper.oid = oid

    class VectorLoader(Loader):
        format = Format.BINARY

        def load(self, data: Any) -> np.ndarray:
            return np.frombuffer(bytes(data)[4:], dtype=">f4").astype(np.float32)

    connection.adapters.register_dumper(np.ndarray, VectorDumper)
    connection.adapters.register_dumper("vector", VectorDumper)
    connection.adapters.register_loader(oid, VectorLoader)
    return True
