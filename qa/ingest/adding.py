"""Adding article files to the corpus folder (what ``qa add`` does before it reindexes).

A file keeps its name; a folder is copied as a subfolder of the corpus,
keeping the relative paths of its files, as ``cp -r`` would. A file is
checked with the same reader the indexer uses before it is copied, so
nothing unusable enters the corpus, and it is copied under a hidden
temporary name and renamed, so an indexer running meanwhile never reads
half a file; what a killed ``qa add`` left half copied is removed by the
next ``qa add`` or ``qa index``. An existing different file, or one that
would give the same article ids (``002.txt`` for ``002.md``), is only
replaced when asked.

The corpus is a boundary: only regular files are copied (links, FIFOs and
devices inside an added folder are left out, and said so), and nothing is
written through a symbolic link inside the corpus.
"""

from __future__ import annotations

import filecmp
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from qa.files import copy_atomically
from qa.ingest.corpus_scan import SUPPORTED_SUFFIXES
from qa.ingest.reader import UnusableFileError, read_corpus_file
from qa.patterns import LazyPattern


@dataclass(slots=True)
class AddResult:
    """What ``add_to_corpus`` did; paths are relative to the corpus folder."""

    added: list[str] = field(default_factory=list)  # new files
    replaced: list[str] = field(default_factory=list)  # different files overwritten
    present: list[str] = field(default_factory=list)  # the same file was already there
    problems: list[str] = field(default_factory=list)  # one line per file not added
    left_out: list[str] = field(default_factory=list)  # links and special files in a folder

    @property
    def copied(self) -> int:
        """How many files were written into the corpus."""
        return len(self.added) + len(self.replaced)

    def describe(self, corpus_dir: Path) -> str:
        """One line saying what was copied, e.g. ``copied 2 files into corpus/ (1 replaced)``."""
        notes = []
        if self.replaced:
            notes.append(f"{len(self.replaced)} replaced")
        if self.present:
            notes.append(f"{len(self.present)} already there")
        files = "file" if self.copied == 1 else "files"
        extra = f" ({', '.join(notes)})" if notes else ""
        return f"copied {self.copied} {files} into {corpus_dir}/{extra}"


def add_to_corpus(corpus_dir: Path, paths: Sequence[Path], *, replace: bool = False) -> AddResult:
    """Copy article files, or folders of them, into ``corpus_dir``.

    Problems (a missing path, an unsupported or unusable file, a different
    file of the same name or article id without ``replace``) are collected
    one line each; the other files are still added.
    """
    result = AddResult()
    corpus_dir.mkdir(parents=True, exist_ok=True)
    remove_partial_copies(corpus_dir)
    for path in paths:
        if not path.exists():
            result.problems.append(f"{path}: no such file or folder")
        elif path.is_dir():
            for added, relative in _folder_files(path, result):
                _add_file(corpus_dir, added, relative, replace, result)
        elif path.is_file():
            _add_file(corpus_dir, path, Path(path.name), replace, result)
        else:
            result.problems.append(f"{path}: not a regular file")
    return result


_PARTIAL_TAG = "qa-add-"
_PARTIAL = LazyPattern(rf"^\..+\.{_PARTIAL_TAG}(\d+)-[0-9a-f]{{8}}$")


def remove_partial_copies(corpus_dir: Path) -> list[Path]:
    """Delete what a killed ``qa add`` left half copied in ``corpus_dir`` (hidden files
    named after a process that no longer runs); return what was deleted."""
    removed: list[Path] = []
    if not corpus_dir.is_dir():
        return removed
    for folder, folders, names in os.walk(corpus_dir):
        folders[:] = [name for name in folders if not Path(folder, name).is_symlink()]
        for name in names:
            found = _PARTIAL.match(name)
            if found and not _running(int(found.group(1))):
                path = Path(folder, name)
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _folder_files(folder: Path, result: AddResult) -> list[tuple[Path, Path]]:
    """The visible regular files under ``folder`` with their corpus paths
    (``<folder name>/…``), sorted; links and special files go to ``result.left_out``."""
    base = Path(folder.resolve().name)
    found: list[tuple[Path, Path]] = []
    for parent, folders, names in os.walk(folder):
        for name in list(folders):
            path = Path(parent, name)
            if name.startswith("."):
                folders.remove(name)
            elif path.is_symlink():
                folders.remove(name)
                result.left_out.append(f"{path}: a symbolic link; left out")
        for name in names:
            path = Path(parent, name)
            if name.startswith("."):
                continue
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                result.left_out.append(f"{path}: a symbolic link; left out")
            elif not stat.S_ISREG(mode):
                result.left_out.append(f"{path}: not a regular file; left out")
            else:
                found.append((path, base / path.relative_to(folder)))
    result.left_out.sort()
    return sorted(found)


def _written_through_link(corpus_dir: Path, relative: Path) -> Path | None:
    """The first folder on the way to ``corpus_dir / relative`` that is a symbolic link."""
    current = corpus_dir
    for part in relative.parts[:-1]:
        current = current / part
        if current.is_symlink():
            return current
    return None


def _same_article_ids(target: Path) -> list[Path]:
    """Corpus files that would give ``target``'s article ids: same name, other extension."""
    if not target.parent.is_dir():
        return []
    stem = target.with_suffix("").name
    return sorted(
        path
        for path in target.parent.iterdir()
        if path.name != target.name
        and path.suffix.lower() in SUPPORTED_SUFFIXES
        and path.with_suffix("").name == stem
    )


def _add_file(
    corpus_dir: Path, added: Path, relative: Path, replace: bool, result: AddResult
) -> None:
    name = relative.as_posix()
    if added.suffix.lower() not in SUPPORTED_SUFFIXES:
        kind = added.suffix or "without an extension"
        result.problems.append(
            f"{added}: unsupported file type {kind} (qa reads {', '.join(SUPPORTED_SUFFIXES)})"
        )
        return
    if added.resolve().is_relative_to(corpus_dir.resolve()):
        result.present.append(added.resolve().relative_to(corpus_dir.resolve()).as_posix())
        return
    link = _written_through_link(corpus_dir, relative)
    if link is not None:
        result.problems.append(
            f"{added}: {link} is a symbolic link; not added (qa writes only inside the corpus)"
        )
        return
    try:
        read_corpus_file(added, name)
    except UnusableFileError as error:
        result.problems.append(f"{added}: {error}; not added")
        return
    target = corpus_dir / relative
    existed = target.exists() or target.is_symlink()
    if existed and not target.is_symlink() and filecmp.cmp(added, target, shallow=False):
        result.present.append(name)
        return
    if existed and not replace:
        result.problems.append(
            f"{added}: the corpus already has a different {name}; "
            "rename it, or pass --replace to overwrite it"
        )
        return
    twins = _same_article_ids(target)
    if twins and not replace:
        other = twins[0].relative_to(corpus_dir).as_posix()
        result.problems.append(
            f"{added}: the corpus already has {other}, whose articles have the same ids; "
            "rename it, or pass --replace to replace it"
        )
        return
    try:
        copy_atomically(added, target, tag=f"{_PARTIAL_TAG}{os.getpid()}-")
        for twin in twins:
            twin.unlink()
    except OSError as error:
        result.problems.append(f"{added}: cannot be copied ({error.strerror or error})")
        return
    (result.replaced if existed or twins else result.added).append(name)
