"""The curated metadata file: corrections to what ingestion finds, kept beside the scrapes.

``metadata.yaml`` in the corpus directory (never ingested as an article)
maps a corpus-relative file path, or an article id, to fields to set::

    # corpus/metadata.yaml
    003_53b0f7cea0590188.txt:          # every article of this file
      outlet: Modern Diplomacy
    "003_53b0f7cea0590188#2":          # one article (ids as listed by `qa sources`)
      author: Jane Doe
      published: 2021-04-08             # ISO date
    004_75191420fca3239e.txt:
      outlet: null                      # null: declare the field unknown

Fields: ``title``, ``outlet``, ``author``, ``published`` (aliases such as
``date``, ``source``, ``authors`` are accepted). A value set here wins over
front matter, HTML or JSON metadata and over what the text states; an
article's entry wins over its file's. Its provenance is ``metadata``
(``unknown`` for null). A problem never stops indexing: a malformed file
is reported (with its line) and not applied, a malformed entry is reported
and left out, and so is an entry naming nothing in the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qa.ingest.corpus_scan import SIDECAR_NAME
from qa.ingest.decoding import UnusableFileError
from qa.ingest.formats import YamlError, load_yaml, normalise_fields
from qa.records import SkippedFile


@dataclass(frozen=True, slots=True)
class Sidecar:
    """Curated fields per file path and per article id, and what could not be applied."""

    entries: dict[str, dict[str, Any]]
    problems: tuple[SkippedFile, ...] = field(default=())

    def fields_for(self, path: str, article_id: str) -> dict[str, Any]:
        """The curated fields of one article: its file's entry, then its own on top."""
        return {**self.entries.get(path, {}), **self.entries.get(article_id, {})}

    def unmatched(self, paths: set[str], article_ids: set[str]) -> list[str]:
        """Entries that name no file and no article of the corpus."""
        return [key for key in self.entries if key not in paths and key not in article_ids]


def load_sidecar(corpus_dir: Path) -> Sidecar:
    """The corpus's curated metadata, or an empty one when there is no such file.

    What cannot be used is listed in ``problems`` (one line each) and left out.
    """
    path = corpus_dir / SIDECAR_NAME
    if path.is_symlink() or not path.is_file():
        return Sidecar({})
    try:
        data = path.read_bytes()
        text = data.decode("utf-8-sig")
    except OSError as error:
        return _unusable(f"cannot be read ({error.strerror or error})")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return _unusable(f"is not UTF-8 text (line {line})")
    try:
        loaded = load_yaml(text)
    except YamlError as error:
        return _unusable(str(error))
    if loaded is None:
        return Sidecar({})
    if not isinstance(loaded, dict):
        return _unusable("must map file paths or article ids to fields")
    lines = _key_lines(text)
    entries: dict[str, dict[str, Any]] = {}
    problems: list[SkippedFile] = []
    for key, fields in loaded.items():
        where = f"{SIDECAR_NAME} line {lines[str(key)]}" if str(key) in lines else SIDECAR_NAME
        if not isinstance(fields, dict):
            problems.append(
                SkippedFile(where, f"the entry {str(key)!r} is not a mapping of fields; left out")
            )
            continue
        try:
            entries[str(key)] = normalise_fields(fields, where=f"entry {str(key)!r}")
        except UnusableFileError as error:
            problems.append(SkippedFile(where, f"{error}; the entry was left out"))
    return Sidecar(entries, tuple(problems))


def _unusable(problem: str) -> Sidecar:
    return Sidecar({}, (SkippedFile(SIDECAR_NAME, f"{problem}; none of it was applied"),))


def _key_lines(text: str) -> dict[str, int]:
    """The line of each top-level key (for messages); empty when it cannot be told."""
    import yaml

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {
        str(key.value): key.start_mark.line + 1
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
    }
