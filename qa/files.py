"""Putting a file in place whole: readers see the old file, the new one, or none."""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any


@contextmanager
def writing_atomically(target: Path, *, durable: bool = False, tag: str = "") -> Iterator[Path]:
    """Yield a hidden temporary path beside ``target``; rename it into place when the block ends.

    The block writes the whole file at the yielded path. If it raises, the
    temporary file is deleted and ``target`` is left as it was. The hidden name
    (a leading dot) keeps the indexer and globs from reading a half-written file.
    With ``durable`` the file is flushed to disk before the rename, so a crash
    cannot leave ``target`` renamed but empty. ``tag`` goes into the temporary name, so
    that what a killed process left behind can be recognised and removed.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".{target.name}.{tag}{uuid.uuid4().hex[:8]}")
    try:
        yield staging
        if durable:
            with staging.open("rb") as handle:
                os.fsync(handle.fileno())
        os.replace(staging, target)
    finally:
        staging.unlink(missing_ok=True)


def write_text_atomically(target: Path, text: str, *, durable: bool = False) -> None:
    """Write ``text`` as UTF-8 to ``target`` whole or not at all."""
    with writing_atomically(target, durable=durable) as staging:
        staging.write_text(text, encoding="utf-8")


def copy_atomically(source: Path, target: Path, *, link: bool = False, tag: str = "") -> None:
    """Copy ``source`` to ``target`` whole or not at all (see :func:`writing_atomically`).

    With ``link`` a hard link is tried first (for files that are never changed in place);
    where none can be made (another filesystem) the copy keeps the source's modification
    time, as a link would, so a :func:`file_stamp` taken of the source holds for the copy
    without hashing it again at every check.
    """
    with writing_atomically(target, tag=tag) as staging:
        if link:
            try:
                os.link(source, staging)
                return
            except OSError:
                pass
        shutil.copyfile(source, staging)
        if link:
            status = source.stat()
            os.utime(staging, ns=(status.st_atime_ns, status.st_mtime_ns))


def file_sha256(path: Path) -> str:
    """The sha256 of a file's bytes, as hex, read a megabyte at a time."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_stamp(path: Path) -> list[Any]:
    """What a file is later checked against: ``[size, modification time in ns, sha256]``."""
    status = path.stat()
    return [status.st_size, status.st_mtime_ns, file_sha256(path)]


def stamp_holds(path: Path, stamp: Sequence[Any]) -> bool:
    """Whether ``path`` still holds the bytes ``stamp`` (from :func:`file_stamp`) was taken
    of: its size always (unless stamped as None), its hash only when its modification time
    moved. Raises OSError when the file cannot be read, ValueError on a malformed stamp."""
    size, mtime_ns, sha256 = stamp
    status = path.stat()
    if size is not None and status.st_size != size:
        return False
    return bool(status.st_mtime_ns == mtime_ns or file_sha256(path) == sha256)
