"""Corpus files → Articles: reading, splitting, metadata with provenance, bad-file handling.

Each supported file is read into a text view (``qa.formats``: for ``.txt``
and ``.md`` the decoded file itself, for HTML the extracted main text, for
JSON Lines the ``text`` fields joined by blank lines); ``SourceFile.text``
is that view and every ``Span`` points into it. The page layout
(``qa.layout``) splits each view into articles, keeps their text without
boilerplate and reads what the text states. Metadata then comes, weakest
first, from: the text (provenance ``stated``), front matter / HTML / JSON
fields (``metadata``), the curated ``metadata.yaml`` (``metadata``, see
``qa.sidecar``). A date nobody states stays unknown; ``published_estimate``
then gives a labelled range of the years the text mentions.

Article ids are ``<file stem>#<n>``, n counting the file's articles from 1,
so they survive reindexing. A file that cannot be used is skipped with one
line saying why; the rest of the corpus is still ingested.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qa.errors import CorpusError
from qa.formats import (
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    TEXT_SUFFIXES,
    UnusableFileError,
    read_view,
)
from qa.layout import find_drafts
from qa.metadata import derived_title, estimate_years
from qa.records import DERIVED, METADATA, STATED, UNKNOWN, Article, SkippedFile
from qa.sidecar import SIDECAR_NAME, Sidecar, load_sidecar

__all__ = [
    "MAX_FILE_BYTES",
    "SUPPORTED_SUFFIXES",
    "IngestResult",
    "SourceFile",
    "UnusableFileError",
    "corpus_files",
    "ingest_corpus",
    "read_source",
]

SUPPORTED_SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, *JSONL_SUFFIXES)
MAX_FILE_BYTES = 20 * 1024 * 1024
_FIELDS = ("title", "outlet", "author", "published")


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file's text view (see the module docstring) and the articles found in it."""

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
        # A dangling link is listed so that it is reported, not silently ignored.
        usable = path.is_file() or (path.is_symlink() and not path.exists())
        if usable and path.suffix.lower() in SUPPORTED_SUFFIXES:
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
    sidecar = load_sidecar(corpus_dir)
    owners: dict[str, str] = {}  # article id prefix → the file that has it
    for path in paths:
        relative = path.relative_to(corpus_dir).as_posix()
        if not _is_valid_text(relative):
            skipped.append(SkippedFile(relative.encode("utf-8", "replace").decode(), _BAD_NAME))
            continue
        stem = _id_prefix(relative)
        if stem in owners:
            skipped.append(SkippedFile(relative, _clashing_name(owners[stem])))
            continue
        try:
            source, bad_lines = _read(path, relative, sidecar)
            owners[stem] = relative
            files.append(source)
            skipped.extend(
                SkippedFile(f"{relative} line {n}", "is not a JSON object with a text field")
                for n in bad_lines
            )
        except UnusableFileError as error:
            skipped.append(SkippedFile(relative, str(error)))
    if not files:
        reasons = "; ".join(f"{s.path} {s.reason}" for s in skipped[:3])
        more = f"; and {len(skipped) - 3} more" if len(skipped) > 3 else ""
        raise CorpusError(f"no usable article in {corpus_dir} ({reasons}{more})")
    known_paths = {p.relative_to(corpus_dir).as_posix() for p in paths}
    known_ids = {a.article_id for source in files for a in source.articles}
    for key in sidecar.unmatched(known_paths, known_ids):
        skipped.append(
            SkippedFile(SIDECAR_NAME, f"has an entry for {key}, which is not in the corpus")
        )
    return IngestResult(tuple(files), tuple(skipped))


_BAD_NAME = "has a name that is not valid UTF-8; rename it"


def _clashing_name(owner: str) -> str:
    return f"has the same name as {owner} but another extension; rename one of them"


def _is_valid_text(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes of a file name arrive as surrogates
        return False
    return True


def _id_prefix(relative: str) -> str:
    """The part of an article id that names its file: the path without its extension."""
    return Path(relative).with_suffix("").as_posix()


def read_source(path: Path, relative: str, sidecar: Sidecar | None = None) -> SourceFile:
    """Read one file and find its articles; raise UnusableFileError to skip it."""
    return _read(path, relative, sidecar)[0]


def _read(path: Path, relative: str, sidecar: Sidecar | None) -> tuple[SourceFile, tuple[int, ...]]:
    """The file's SourceFile and the numbers of its lines that had to be left out (JSONL)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnusableFileError(f"cannot be read ({error.strerror or error})") from None
    if len(data) > MAX_FILE_BYTES:
        raise UnusableFileError(
            f"is too large ({len(data) / (1024 * 1024):.1f} MiB; the limit is "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MiB)"
        )
    if not data.strip():
        raise UnusableFileError("is empty")
    view = read_view(path.suffix.lower(), data)
    if not view.text.strip():
        raise UnusableFileError("is empty")
    stem = _id_prefix(relative)
    articles: list[Article] = []
    for region in view.regions:
        for draft in find_drafts(
            view.text, region.span, single=region.single, markdown=view.markdown
        ):
            article_id = f"{stem}#{len(articles) + 1}"
            curated = (sidecar or Sidecar({})).fields_for(relative, article_id)
            values: dict[str, Any] = {name: None for name in _FIELDS}
            provenance = {name: UNKNOWN for name in _FIELDS}
            if draft.title:
                values["title"], provenance["title"] = draft.title, STATED
            for name, value in draft.stated.items():
                values[name], provenance[name] = value, STATED
            for name, value in {**region.metadata, **curated}.items():
                values[name] = value
                provenance[name] = METADATA if value is not None else UNKNOWN
            kept = " ".join(view.text[s.start : s.end] for s in draft.paragraphs)
            title = values["title"]
            if not title:
                texts = [view.text[s.start : s.end] for s in draft.paragraphs]
                title, provenance["title"] = derived_title(texts), DERIVED
            articles.append(
                Article(
                    article_id=article_id,
                    path=relative,
                    title=title,
                    outlet=values["outlet"],
                    author=values["author"],
                    published=values["published"],
                    paragraphs=tuple(draft.paragraphs),
                    header=tuple(draft.header),
                    provenance=provenance,
                    published_estimate=None if values["published"] else estimate_years(kept),
                )
            )
    if not articles:
        raise UnusableFileError("holds no article text")
    digest = hashlib.sha256(data).hexdigest()
    return SourceFile(relative, view.text, digest, tuple(articles)), view.bad_lines
