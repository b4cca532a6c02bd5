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
(``unknown`` for null). A malformed file stops indexing with a message
saying what to fix; an entry naming nothing in the corpus is reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qa.errors import CorpusError
from qa.formats import UnusableFileError, normalise_fields

SIDECAR_NAME = "metadata.yaml"


@dataclass(frozen=True, slots=True)
class Sidecar:
    """Curated fields per file path and per article id."""

    entries: dict[str, dict[str, Any]]

    def fields_for(self, path: str, article_id: str) -> dict[str, Any]:
        """The curated fields of one article: its file's entry, then its own on top."""
        return {**self.entries.get(path, {}), **self.entries.get(article_id, {})}

    def unmatched(self, paths: set[str], article_ids: set[str]) -> list[str]:
        """Entries that name no file and no article of the corpus."""
        return [key for key in self.entries if key not in paths and key not in article_ids]


def load_sidecar(corpus_dir: Path) -> Sidecar:
    """The corpus's curated metadata, or an empty one when there is no such file."""
    path = corpus_dir / SIDECAR_NAME
    if not path.is_file():
        return Sidecar({})
    import yaml

    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as error:
        raise CorpusError(f"cannot read {path}: {error}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise CorpusError(f"{path} is not valid YAML{where}; fix or remove it") from None
    if loaded is None:
        return Sidecar({})
    if not isinstance(loaded, dict):
        raise CorpusError(f"{path} must map file paths or article ids to fields")
    entries: dict[str, dict[str, Any]] = {}
    for key, fields in loaded.items():
        if not isinstance(fields, dict):
            raise CorpusError(f"{path}: the entry {key!r} must be a mapping of fields")
        try:
            entries[str(key)] = normalise_fields(fields, where=f"entry {key!r}")
        except UnusableFileError as error:
            raise CorpusError(f"{path} {error}") from None
    return Sidecar(entries)
