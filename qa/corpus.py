"""Adding article files to the corpus folder (what ``qa add`` does before it reindexes).

A file keeps its name; a folder is copied as a subfolder of the corpus,
keeping the relative paths of its files, as ``cp -r`` would. A file is
checked with the same reader the indexer uses before it is copied, so
nothing unusable enters the corpus, and it is copied under a hidden
temporary name and renamed, so an indexer running meanwhile never reads
half a file. An existing different file is only overwritten when asked.
"""

from __future__ import annotations

import filecmp
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from qa.files import copy_atomically
from qa.ingest import SUPPORTED_SUFFIXES, UnusableFileError, read_corpus_file


@dataclass(slots=True)
class AddResult:
    """What ``add_to_corpus`` did; paths are relative to the corpus folder."""

    added: list[str] = field(default_factory=list)  # new files
    replaced: list[str] = field(default_factory=list)  # different files overwritten
    present: list[str] = field(default_factory=list)  # the same file was already there
    problems: list[str] = field(default_factory=list)  # one line per file not added

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
    file of the same name without ``replace``) are collected one line each;
    the other files are still added.
    """
    result = AddResult()
    corpus_dir.mkdir(parents=True, exist_ok=True)
    for path in paths:
        if not path.exists():
            result.problems.append(f"{path}: no such file or folder")
        elif path.is_dir():
            for added, relative in _folder_files(path):
                _add_file(corpus_dir, added, relative, replace, result)
        elif path.is_file():
            _add_file(corpus_dir, path, Path(path.name), replace, result)
        else:
            result.problems.append(f"{path}: not a regular file")
    return result


def _folder_files(folder: Path) -> Iterator[tuple[Path, Path]]:
    """The visible files under ``folder`` with their corpus paths (``<folder name>/…``)."""
    for added in sorted(folder.rglob("*")):
        relative = added.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not added.is_file():
            continue
        yield added, Path(folder.resolve().name) / relative


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
    try:
        read_corpus_file(added, name)
    except UnusableFileError as error:
        result.problems.append(f"{added}: {error}; not added")
        return
    target = corpus_dir / relative
    existed = target.exists()
    if existed and filecmp.cmp(added, target, shallow=False):
        result.present.append(name)
        return
    if existed and not replace:
        result.problems.append(
            f"{added}: the corpus already has a different {name}; "
            "rename it, or pass --replace to overwrite it"
        )
        return
    try:
        copy_atomically(added, target)
    except OSError as error:
        result.problems.append(f"{added}: cannot be copied ({error.strerror or error})")
        return
    (result.replaced if existed else result.added).append(name)
