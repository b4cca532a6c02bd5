"""The on-disk index: FAISS vectors, BM25 terms, SQLite rows and a manifest.

Layout of the index directory::

    index/
      current -> gen-20261121T101500-3f2a    (symlink, swapped atomically)
      gen-…/manifest.json                    written last: a generation without one is unfinished
      gen-…/qa.sqlite                        files, articles, chunks
      gen-…/windows.faiss  sentences.faiss   one vector per chunk, row = chunk id
                                             (qa.storage.vectors)
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
import time
import uuid
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from qa.errors import IndexBusyError, IndexIncompatibleError, IndexMissingError
from qa.files import file_sha256
from qa.storage.contract import REBUILD, GenerationData, Manifest
from qa.storage.lexical import LexicalIndex
from qa.storage.snapshot import VECTOR_FILES, IndexSnapshot, write_database
from qa.storage.vectors import build_vector_index, save_vector_index

#: Version of the generation layout; 3 dropped the manifest's ``vector_index``.
SCHEMA_VERSION = 3
CURRENT = "current"
_STAGING = ".staging-"  # an unfinished generation
_TEMPORARY_LINK = f".{CURRENT}-"  # the new link, before it replaces ``current``


def current_generation(index_dir: Path) -> Path | None:
    """The folder ``current`` points at, or None when no index was built."""
    link = index_dir / CURRENT
    if not link.is_symlink() and not link.exists():
        return None
    return (index_dir / os.readlink(link)) if link.is_symlink() else link


def corpus_record(corpus_dir: Path, index_dir: Path) -> str:
    """How a folder index's manifest records its corpus folder (``Manifest.corpus``):
    relative to the index folder, so that a moved or copied clone keeps its own corpus."""
    return os.path.relpath(corpus_dir.absolute(), index_dir.absolute())


def recorded_corpus(index_dir: Path) -> Path | None:
    """The corpus folder the index in ``index_dir`` was last built from, when its manifest
    records one and it still exists; None otherwise. Reads only the manifest's JSON."""
    generation = current_generation(index_dir)
    if generation is None:
        return None
    try:
        recorded = json.loads((generation / "manifest.json").read_text()).get("corpus")
    except (OSError, ValueError, AttributeError):
        return None  # opening the index reports a damaged manifest
    if not isinstance(recorded, str) or not recorded:
        return None
    corpus = Path(os.path.normpath(index_dir.absolute() / recorded))
    return corpus if corpus.is_dir() else None


#: Files up to this size have their content hash checked every time a generation is opened
#: (the bundled corpus's whole generation, 2 MB, takes about 2 ms); larger ones their size,
#: and their hash with ``verify`` (``qa status --verify``).
HASH_ON_OPEN_BYTES = 64 * 1024 * 1024


def read_manifest(folder: Path, *, verify: bool = False) -> Manifest:
    """Parse a generation's manifest, checking the files it lists are whole and unchanged."""
    try:
        data = json.loads((folder / "manifest.json").read_text())
    except FileNotFoundError:
        raise IndexIncompatibleError(f"the index has no manifest; {REBUILD}") from None
    except (OSError, ValueError) as error:
        raise IndexIncompatibleError(
            f"the index manifest is damaged ({error}); {REBUILD}"
        ) from None
    version = data.get("schema_version") if isinstance(data, dict) else None
    if version != SCHEMA_VERSION:
        raise IndexIncompatibleError(
            f"the index was built by another version of qa (schema {version}, "
            f"this qa reads {SCHEMA_VERSION}); {REBUILD}"
        )
    manifest = Manifest.from_json(data)
    for name, size in manifest.sizes.items():
        path = folder / name
        actual = path.stat().st_size if path.exists() else -1
        if actual != size:
            raise IndexIncompatibleError(
                f"index file {name} is damaged or truncated ({actual} bytes, expected {size}); "
                f"{REBUILD}"
            )
    for name, digest in manifest.hashes.items():
        if not verify and manifest.sizes.get(name, 0) > HASH_ON_OPEN_BYTES:
            continue
        if file_sha256(folder / name) != digest:
            raise IndexIncompatibleError(
                f"index file {name} is damaged (its bytes are not those written); {REBUILD}"
            )
    return manifest


def verify_generation(index_dir: Path) -> int:
    """Check every file of the current generation against its recorded hash; return how
    many were checked. Raise IndexUnusableError naming the first damaged one."""
    folder = current_generation(index_dir)
    if folder is None or not folder.exists():
        raise IndexMissingError(f"no index in {index_dir}/; build it with: qa index")
    return len(read_manifest(folder, verify=True).hashes)


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
        write_database(staging / "qa.sqlite", data)
        for vectors, file_name in (
            (data.window_vectors, VECTOR_FILES["window"]),
            (data.sentence_vectors, VECTOR_FILES["sentence"]),
        ):
            save_vector_index(build_vector_index(vectors), staging / file_name)
        LexicalIndex.build([c.text for c in data.chunks]).save(staging / "bm25")
        sizes = {
            path.relative_to(staging).as_posix(): path.stat().st_size
            for path in sorted(staging.rglob("*"))
            if path.is_file()
        }
        hashes = {name: file_sha256(staging / name) for name in sizes}
        final_manifest = Manifest(**{**manifest.to_json(), "sizes": sizes, "hashes": hashes})
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
