"""Corpus files → Articles: decoding, bad-file handling, article metadata.

A file that cannot be used is skipped with one line saying why; the rest of
the corpus is still ingested.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from qa.errors import CorpusError
from qa.records import STATED, UNKNOWN, Article, SkippedFile, Span

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl")
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A decoded corpus file and the articles found in it."""

    path: str
    text: str
    sha256: str
    articles: tuple[Article, ...]


@dataclass(frozen=True, slots=True)
class IngestResult:
    """Every usable file of a corpus, and the files skipped with their reasons."""

    files: tuple[SourceFile, ...]
    skipped: tuple[SkippedFile, ...]

    @property
    def articles(self) -> list[Article]:
        """All articles of all files, in file order."""
        return [article for source in self.files for article in source.articles]


class UnusableFileError(Exception):
    """Raised by the readers for a file that must be skipped; the message says why."""


def corpus_files(corpus_dir: Path) -> list[Path]:
    """The files of the corpus that ``qa`` reads, sorted, hidden ones excluded."""
    if not corpus_dir.exists():
        raise CorpusError(f"corpus directory {corpus_dir} does not exist")
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus path {corpus_dir} is not a directory")
    found = []
    for path in sorted(corpus_dir.rglob("*")):
        relative = path.relative_to(corpus_dir)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES:
            found.append(path)
    return found


def ingest_corpus(corpus_dir: Path) -> IngestResult:
    """Read every supported file of ``corpus_dir``; raise CorpusError when none is usable."""
    files: list[SourceFile] = []
    skipped: list[SkippedFile] = []
    paths = corpus_files(corpus_dir)
    if not paths:
        raise CorpusError(
            f"corpus directory {corpus_dir} holds no article files "
            f"({', '.join(SUPPORTED_SUFFIXES)})"
        )
    for path in paths:
        relative = path.relative_to(corpus_dir).as_posix()
        try:
            files.append(read_source(path, relative))
        except UnusableFileError as error:
            skipped.append(SkippedFile(relative, str(error)))
    if not files:
        reasons = "; ".join(f"{s.path} {s.reason}" for s in skipped)
        raise CorpusError(f"no usable article in {corpus_dir} ({reasons})")
    return IngestResult(tuple(files), tuple(skipped))


def read_source(path: Path, relative: str) -> SourceFile:
    """Decode one file and find its articles; raise UnusableFileError to skip it."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnusableFileError(f"cannot be read ({error.strerror or error})") from None
    if len(data) > MAX_FILE_BYTES:
        raise UnusableFileError(
            f"is too large ({len(data) // (1024 * 1024)} MiB; the limit is "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MiB)"
        )
    text = decode(data)
    if not text.strip():
        raise UnusableFileError("is empty")
    articles = tuple(find_articles(text, relative))
    if not articles:
        raise UnusableFileError("holds no article text")
    return SourceFile(relative, text, hashlib.sha256(data).hexdigest(), articles)


def decode(data: bytes) -> str:
    """Bytes → text: UTF-8 (with or without BOM), else the detected legacy encoding."""
    if b"\x00" in data[:8192]:
        raise UnusableFileError("is binary, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnusableFileError("is not text in any encoding qa recognises")
    return str(best)


_LINE = re.compile(r"[^\n]+")


def _paragraphs(text: str) -> Iterator[Span]:
    for match in _LINE.finditer(text):
        line = match.group()
        if line.strip():
            start = match.start() + (len(line) - len(line.lstrip()))
            end = match.start() + len(line.rstrip())
            yield Span(start, end)


def find_articles(text: str, relative: str) -> list[Article]:
    """The articles in a decoded file: for now, the whole file is one article."""
    paragraphs = list(_paragraphs(text))
    if not paragraphs:
        return []
    first = paragraphs[0]
    title = text[first.start : first.end]
    stem = Path(relative).with_suffix("").as_posix()
    return [
        Article(
            article_id=f"{stem}#1",
            path=relative,
            title=title,
            outlet=None,
            author=None,
            published=None,
            paragraphs=tuple(paragraphs),
            provenance={
                "title": STATED,
                "outlet": UNKNOWN,
                "author": UNKNOWN,
                "published": UNKNOWN,
            },
        )
    ]
