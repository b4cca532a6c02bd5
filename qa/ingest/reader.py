"""Corpus files → Articles: reading, splitting, metadata with provenance, bad-file handling.

Each supported file is read into a text view (``qa.ingest.formats``: for ``.txt``
and ``.md`` the decoded file itself, for HTML the extracted main text, for
JSON Lines the ``text`` fields joined by blank lines); ``CorpusFile.text``
is that view and every ``Span`` points into it. The page layout
(``qa.ingest.layout``) splits each view into articles, keeps their text without
boilerplate and reads what the text states. Metadata then comes, weakest
first, from: the text (provenance ``stated``), front matter / HTML / JSON
fields (``metadata``), the curated ``metadata.yaml`` (``metadata``, see
``qa.ingest.sidecar``). A date nobody states stays unknown; ``published_estimate``
then gives a labelled range of the years the text mentions.

Article ids are ``<file stem>#<n>``, n counting the file's articles from 1,
so they survive reindexing. A file that cannot be used is skipped with one
line saying why; the rest of the corpus is still ingested. Whatever a file
holds, reading it never stops the run and takes bounded time and memory.

The corpus folder is a boundary: symbolic links in it are not followed
unless asked (``follow_symlinks``), and only regular files are opened (a
FIFO or a device would block or never end).
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qa.errors import CorpusError
from qa.ingest.corpus_scan import (
    SIDECAR_NAME,
    SUPPORTED_SUFFIXES,
    corpus_files,
    file_kind,
    scan_corpus,
    shown_name,
    unreadable,
)
from qa.ingest.decoding import UnusableFileError
from qa.ingest.formats import TextView, read_view
from qa.ingest.layout import find_drafts
from qa.ingest.metadata import derived_title, estimate_years
from qa.ingest.sidecar import Sidecar, load_sidecar
from qa.records import (
    DERIVED,
    INFERRED,
    METADATA,
    STATED,
    UNKNOWN,
    Article,
    FileWarning,
    SkippedFile,
)

__all__ = [
    "MAX_FILE_BYTES",
    "SUPPORTED_SUFFIXES",
    "CorpusFile",
    "IngestResult",
    "UnusableFileError",
    "corpus_files",
    "ingest_corpus",
    "read_corpus_file",
    "read_regular_file",
]

MAX_FILE_BYTES = 20 * 1024 * 1024
_FIELDS = ("title", "outlet", "author", "published")


@dataclass(frozen=True, slots=True)
class CorpusFile:
    """A file's text view (see the module docstring) and the articles found in it."""

    path: str
    text: str
    sha256: str
    articles: tuple[Article, ...]


@dataclass(frozen=True, slots=True)
class IngestResult:
    """Every usable file of a corpus, and the files skipped with their reasons."""

    files: tuple[CorpusFile, ...]
    skipped: tuple[SkippedFile, ...]
    warnings: tuple[FileWarning, ...] = ()

    @property
    def articles(self) -> list[Article]:
        """All articles of all files, in file order."""
        return [article for corpus_file in self.files for article in corpus_file.articles]


def ingest_corpus(corpus_dir: Path, *, follow_symlinks: bool = False) -> IngestResult:
    """Read every supported file of ``corpus_dir``; raise CorpusError when none is usable."""
    files: list[CorpusFile] = []
    warnings: list[FileWarning] = []
    paths, skipped = scan_corpus(corpus_dir, follow_symlinks)
    if not paths and not skipped:
        raise CorpusError(
            f"corpus directory {corpus_dir} holds no article files "
            f"({', '.join(SUPPORTED_SUFFIXES)})"
        )
    sidecar = load_sidecar(corpus_dir)
    skipped.extend(sidecar.problems)
    owners: dict[str, str] = {}  # article id prefix → the file that has it
    for path in paths:
        relative = path.relative_to(corpus_dir).as_posix()
        if not _is_valid_text(relative):
            skipped.append(SkippedFile(shown_name(corpus_dir, path), _BAD_NAME))
            continue
        stem = _id_prefix(relative)
        if stem in owners:
            skipped.append(SkippedFile(relative, _clashing_name(owners[stem])))
            continue
        try:
            corpus_file, view = _read(path, relative, sidecar, follow_symlinks=follow_symlinks)
        except UnusableFileError as error:
            skipped.append(SkippedFile(relative, str(error)))
            continue
        except Exception as error:  # one poison file must not stop the corpus
            if os.environ.get("QA_DEBUG") and not isinstance(error, RecursionError | MemoryError):
                raise  # a bug, not a poison file: show where (tests set QA_DEBUG)
            skipped.append(SkippedFile(relative, _unexpected(error)))
            continue
        owners[stem] = relative
        files.append(corpus_file)
        skipped.extend(SkippedFile(f"{relative} line {n}", why) for n, why in view.bad_lines)
        if view.guess:
            warnings.append(FileWarning(relative, view.guess))
    if not files:
        reasons = "; ".join(f"{s.path} {s.reason}" for s in skipped[:3])
        more = f"; and {len(skipped) - 3} more" if len(skipped) > 3 else ""
        raise CorpusError(f"no usable article in {corpus_dir} ({reasons}{more})")
    known_paths = {p.relative_to(corpus_dir).as_posix() for p in paths}
    known_ids = {a.article_id for corpus_file in files for a in corpus_file.articles}
    for key in sidecar.unmatched(known_paths, known_ids):
        skipped.append(
            SkippedFile(SIDECAR_NAME, f"has an entry for {key}, which is not in the corpus")
        )
    return IngestResult(tuple(files), tuple(skipped), tuple(warnings))


def _unexpected(error: Exception) -> str:
    if isinstance(error, RecursionError):
        return "nests too deeply to be read"
    if isinstance(error, MemoryError):
        return "needs more memory than there is to be read"
    return f"could not be read ({type(error).__name__}); please report this file"


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


def read_corpus_file(
    path: Path, relative: str, sidecar: Sidecar | None = None, *, follow_symlinks: bool = True
) -> CorpusFile:
    """Read one file and find its articles; raise UnusableFileError to skip it."""
    return _read(path, relative, sidecar, follow_symlinks=follow_symlinks)[0]


def read_regular_file(path: Path, *, follow_symlinks: bool = True) -> bytes:
    """The bytes of a regular file of at most MAX_FILE_BYTES; anything else is refused
    (UnusableFileError) without blocking: a FIFO is never waited on."""
    flags = os.O_RDONLY | os.O_NONBLOCK | (0 if follow_symlinks else os.O_NOFOLLOW)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise UnusableFileError(unreadable(error)) from None
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise UnusableFileError(f"is not a regular file ({file_kind(info)})")
        if info.st_size > MAX_FILE_BYTES:
            raise UnusableFileError(
                f"is too large ({info.st_size / (1024 * 1024):.1f} MiB; the limit is "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MiB)"
            )
        try:
            return handle.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            raise UnusableFileError(unreadable(error)) from None


def _read(
    path: Path, relative: str, sidecar: Sidecar | None, *, follow_symlinks: bool
) -> tuple[CorpusFile, TextView]:
    """The file's CorpusFile and its text view (which lists the JSONL lines left out)."""
    data = read_regular_file(path, follow_symlinks=follow_symlinks)
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
            for name, value in draft.inferred.items():
                values[name], provenance[name] = value, INFERRED
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
    return CorpusFile(relative, view.text, digest, tuple(articles)), view
