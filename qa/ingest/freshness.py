"""Is the index current with its corpus? Cheap checks from what the manifest recorded.

When an index is built, every corpus file it read (and ``metadata.yaml``) is
stamped in the manifest with its size, modification time and sha256. Before
answering, the corpus folder is listed and each file's size and modification
time compared with its stamp; only a file whose stamp differs is read again,
to tell a real edit from a ``touch``. So a question costs one directory walk
and one ``stat`` per file, and a file changed since indexing is never quoted
as if it were current.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from qa.errors import CorpusError
from qa.files import file_stamp, stamp_holds
from qa.ingest.corpus_scan import SIDECAR_NAME, corpus_files
from qa.records import CorpusDrift

#: size in bytes, modification time in nanoseconds, sha256 of the bytes
Stamp = tuple[int, int, str]
_UNREADABLE: Stamp = (-1, -1, "")


def stamp_corpus(corpus_dir: Path) -> dict[str, list[Any]]:
    """The stamp of every corpus file, as recorded in the manifest (path → [size, mtime, sha])."""
    stamps: dict[str, list[Any]] = {}
    for relative, path in _listing(corpus_dir).items():
        try:
            stamps[relative] = file_stamp(path)
        except OSError:  # unreadable (ingest reports it): unchanged while it stays unreadable
            stamps[relative] = list(_UNREADABLE)
    return stamps


def corpus_drift(corpus_dir: Path, recorded: Mapping[str, Sequence[Any]]) -> CorpusDrift | None:
    """Which corpus files were added, changed or removed since they were stamped.

    None when there is nothing to compare: the index records no stamps (built
    by an earlier version) or the corpus folder is not there.
    """
    if not recorded:
        return None
    try:
        listing = _listing(corpus_dir)
    except CorpusError:
        return None
    added, changed = [], []
    unchanged = 0
    for relative, path in listing.items():
        stamp = recorded.get(relative)
        if stamp is None:
            added.append(relative)
        elif _same(path, stamp):
            unchanged += 1
        else:
            changed.append(relative)
    removed = sorted(set(recorded) - set(listing))
    return CorpusDrift(tuple(added), tuple(changed), tuple(removed), unchanged)


def _listing(corpus_dir: Path) -> dict[str, Path]:
    """Every file ``qa index`` would read, by corpus-relative path."""
    paths = corpus_files(corpus_dir)
    sidecar = corpus_dir / SIDECAR_NAME
    if sidecar.is_file():
        paths.append(sidecar)
    return {path.relative_to(corpus_dir).as_posix(): path for path in paths}


def _same(path: Path, stamp: Sequence[Any]) -> bool:
    """Whether the file still holds the stamped bytes (hashing only when size or time moved)."""
    try:  # size and time may be None: compare the contents
        return stamp_holds(path, stamp)
    except OSError:
        return tuple(stamp) == _UNREADABLE
