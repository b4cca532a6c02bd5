"""The corpus folder listed: which files ``qa`` reads, and which entries it passes over.

Kept apart from reading the files (qa.ingest.reader) so that the question path, which
compares the corpus with what the index was built from (qa.ingest.freshness), lists the
folder without importing the parsers.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from qa.errors import CorpusError
from qa.records import SkippedFile

MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES)
JSONL_SUFFIXES = (".jsonl",)
SUPPORTED_SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, *JSONL_SUFFIXES)

#: The corpus's metadata file (``qa.ingest.sidecar`` reads it), which is no article.
SIDECAR_NAME = "metadata.yaml"
SYMLINK_SKIPPED = "a symbolic link (pass --follow-symlinks to index its target)"


def corpus_files(corpus_dir: Path, *, follow_symlinks: bool = False) -> list[Path]:
    """The files of the corpus that ``qa`` reads, sorted, hidden ones excluded."""
    return scan_corpus(corpus_dir, follow_symlinks)[0]


def scan_corpus(corpus_dir: Path, follow_symlinks: bool) -> tuple[list[Path], list[SkippedFile]]:
    """The readable article files under ``corpus_dir``, and the entries passed over.

    Hidden names and files of other types are passed over in silence; links (unless
    followed), FIFOs, devices and unreadable folders with an article extension or
    that are folders are reported. A followed link never visits a folder twice.
    """
    if not corpus_dir.exists():
        raise CorpusError(f"corpus directory {corpus_dir} does not exist")
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus path {corpus_dir} is not a directory")
    found: list[Path] = []
    skipped: list[SkippedFile] = []
    seen = {_identity(corpus_dir)}

    def visit(folder: Path) -> None:
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            skipped.append(SkippedFile(shown_name(corpus_dir, folder), unreadable(error)))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            supported = path.suffix.lower() in SUPPORTED_SUFFIXES
            try:
                link = entry.is_symlink()
                if link and not follow_symlinks:
                    if supported or entry.is_dir():
                        skipped.append(SkippedFile(shown_name(corpus_dir, path), SYMLINK_SKIPPED))
                    continue
                info = os.stat(path) if link else entry.stat(follow_symlinks=False)
            except OSError as error:
                if supported or link:
                    skipped.append(
                        SkippedFile(shown_name(corpus_dir, path), unreadable(error, link=link))
                    )
                continue
            if stat.S_ISDIR(info.st_mode):
                if (info.st_dev, info.st_ino) in seen:
                    skipped.append(
                        SkippedFile(
                            shown_name(corpus_dir, path), "is a link to a folder already read"
                        )
                    )
                    continue
                seen.add((info.st_dev, info.st_ino))
                visit(path)
            elif not supported:
                continue
            elif stat.S_ISREG(info.st_mode):
                found.append(path)
            else:
                skipped.append(
                    SkippedFile(
                        shown_name(corpus_dir, path), f"is not a regular file ({file_kind(info)})"
                    )
                )

    visit(corpus_dir)
    return sorted(found), skipped


def _identity(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_dev, info.st_ino


def shown_name(corpus_dir: Path, path: Path) -> str:
    """A corpus-relative name fit for a message (undecodable bytes shown as escapes)."""
    relative = path.relative_to(corpus_dir).as_posix() if path != corpus_dir else "."
    return relative.encode("utf-8", "backslashreplace").decode("utf-8")


def file_kind(info: os.stat_result) -> str:
    mode = info.st_mode
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def unreadable(error: OSError, *, link: bool = False) -> str:
    if error.errno == errno.ELOOP:
        return "is a symbolic link loop" if link else "is a symbolic link (not followed)"
    if error.errno == errno.ENOENT:
        return "is a symbolic link to nothing" if link else "does not exist"
    return f"cannot be read ({error.strerror or error})"
