"""Per-format readers: raw bytes → a text view, its article regions and their metadata.

``TextView.text`` is the text every citation offset points into
(``SourceFile.text``):

- ``.txt``, ``.md``, ``.markdown``: the decoded file itself, byte for byte
  after decoding. A leading YAML front matter block (``---`` … ``---``)
  is read as metadata and excluded from the article; it marks the rest of
  the file as exactly one article.
- ``.html``, ``.htm``: the main text that trafilatura extracts (one line per
  paragraph; the page's headline is usually its first line). Titles,
  authors, site names and dates from the page's markup are metadata.
- ``.jsonl``: the ``text`` field of every usable line, in file order,
  joined by one blank line. Each line is one article; its optional fields
  (``title``, ``outlet``/``source``/``site``/``publisher``,
  ``author``/``authors``, ``published``/``date``) are metadata.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from qa.records import Span
from qa.text import collapse_whitespace


class UnusableFileError(Exception):
    """Raised by the readers for a file that must be skipped; the message says why."""


#: Metadata keys ``qa`` understands, and the names other tools give them.
FIELD_ALIASES: dict[str, str] = {
    "title": "title",
    "headline": "title",
    "outlet": "outlet",
    "source": "outlet",
    "site": "outlet",
    "sitename": "outlet",
    "site_name": "outlet",
    "publisher": "outlet",
    "publication": "outlet",
    "author": "author",
    "authors": "author",
    "byline": "author",
    "published": "published",
    "date": "published",
    "published_at": "published",
    "date_published": "published",
    "pubdate": "published",
}


@dataclass(frozen=True, slots=True)
class Region:
    """A stretch of the text view holding one or more articles, and what is known about it.

    ``metadata`` holds values already normalised to the fields ``title``,
    ``outlet``, ``author`` (str or None) and ``published`` (date or None);
    a key that is present overrides what detection finds. ``single`` says
    the region is exactly one article (never split).
    """

    span: Span
    metadata: dict[str, Any] = field(default_factory=dict)
    single: bool = False


@dataclass(frozen=True, slots=True)
class TextView:
    """The text citations point into, and the regions of it that hold articles."""

    text: str
    regions: tuple[Region, ...]
    markdown: bool = False
    bad_lines: tuple[int, ...] = ()


MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES)
JSONL_SUFFIXES = (".jsonl",)

_CYRILLIC_OR_TYPOGRAPHY = re.compile(r"[\u0400-\u04ff«»–—№“”„’‘…\u00a0]")


def decode(data: bytes) -> str:
    """Bytes → text: UTF-8 (with or without BOM), else the legacy encoding that fits."""
    if b"\x00" in data[:8192] or _control_ratio(data[:8192]) > 0.1:
        raise UnusableFileError("is binary, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Detectors often mistake short Cyrillic texts for other single-byte code pages;
    # cp1251 is chosen when every non-ASCII character it yields is Cyrillic or typography.
    try:
        candidate = data.decode("cp1251")
    except UnicodeDecodeError:
        candidate = None
    if candidate is not None:
        foreign = [ch for ch in candidate if ord(ch) > 127]
        if foreign and all(_CYRILLIC_OR_TYPOGRAPHY.match(ch) for ch in foreign):
            return candidate
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnusableFileError("is not text in any encoding qa recognises")
    return str(best)


def _control_ratio(data: bytes) -> float:
    if not data:
        return 0.0
    controls = sum(1 for byte in data if byte < 32 and byte not in (9, 10, 12, 13))
    return controls / len(data)


def read_view(suffix: str, data: bytes) -> TextView:
    """The text view of a file's bytes, by the file's suffix (lower case, with the dot)."""
    if suffix in HTML_SUFFIXES:
        return _html_view(decode(data))
    if suffix in JSONL_SUFFIXES:
        return _jsonl_view(decode(data))
    return _text_view(decode(data), markdown=suffix in MARKDOWN_SUFFIXES)


_FRONT_MATTER = re.compile(r"\A(---[ \t]*\r?\n)(.*?)(\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z))", re.S)


def _text_view(text: str, *, markdown: bool) -> TextView:
    found = _FRONT_MATTER.match(text)
    if not found:
        return TextView(text, (Region(Span(0, len(text))),), markdown)
    import yaml

    try:
        loaded = yaml.safe_load(found.group(2))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise UnusableFileError(f"has front matter that is not valid YAML{where}") from None
    if not isinstance(loaded, dict):
        raise UnusableFileError("has front matter that is not a mapping of fields")
    metadata = normalise_fields(loaded, where="front matter")
    return TextView(text, (Region(Span(found.end(), len(text)), metadata, single=True),), markdown)


def _html_view(html: str) -> TextView:
    import trafilatura

    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    found: dict[str, Any] = {}
    if isinstance(document, dict):
        found = document
    elif document is not None:
        names = ("text", "title", "sitename", "author", "date")
        found = {name: getattr(document, name, None) for name in names}
    text = found.get("text") or ""
    if not text.strip():
        raise UnusableFileError("holds no article text that could be extracted from the HTML")
    raw = {
        "title": found.get("title"),
        "outlet": found.get("sitename"),
        "author": found.get("author"),
        "published": found.get("date"),
    }
    metadata = normalise_fields(
        {key: value for key, value in raw.items() if value}, where="HTML metadata"
    )
    return TextView(text, (Region(Span(0, len(text)), metadata, single=True),))


def _jsonl_view(text: str) -> TextView:
    parts: list[str] = []
    regions: list[Region] = []
    offset = 0
    bad: list[int] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            bad.append(number)
            continue
        body = record.get("text") if isinstance(record, dict) else None
        if not isinstance(body, str) or not body.strip():
            bad.append(number)
            continue
        fields = {key: value for key, value in record.items() if key != "text"}
        try:
            metadata = normalise_fields(fields, where=f"line {number}", strict=False)
        except UnusableFileError:
            bad.append(number)
            continue
        if parts:
            parts.append("\n\n")
            offset += 2
        parts.append(body)
        regions.append(Region(Span(offset, offset + len(body)), metadata, single=True))
        offset += len(body)
    if not regions:
        if bad:
            raise UnusableFileError(
                f'holds no JSON object with a non-empty "text" field (line {bad[0]})'
            )
        raise UnusableFileError("is empty")
    return TextView("".join(parts), tuple(regions), bad_lines=tuple(bad))


def normalise_fields(fields: dict[Any, Any], *, where: str, strict: bool = True) -> dict[str, Any]:
    """Known metadata fields under their ``qa`` names, values checked.

    A value of None (YAML ``null``) is kept: it declares the field unknown.
    With ``strict``, a key ``qa`` does not know is an error naming it.
    """
    result: dict[str, Any] = {}
    for key, value in fields.items():
        name = FIELD_ALIASES.get(str(key).strip().lower())
        if name is None:
            if strict and str(key).strip().lower() not in _IGNORED_KEYS:
                known = ", ".join(sorted({"title", "outlet", "author", "published"}))
                raise UnusableFileError(f"has an unknown field {key!r} in {where} (known: {known})")
            continue
        if name in result:
            continue
        result[name] = _field_value(name, value, where)
    return result


# Common front-matter keys that say nothing ``qa`` records; accepted and ignored.
_IGNORED_KEYS = frozenset(
    "url link id tags categories category language lang description summary slug layout "
    "draft keywords image".split()
)


def _field_value(name: str, value: Any, where: str) -> Any:
    if value is None:
        return None
    if name == "published":
        return parse_iso_date(value, where)
    if name == "author" and isinstance(value, list):
        names = [str(item).strip() for item in value if str(item).strip()]
        return ", ".join(names) or None
    text = collapse_whitespace(str(value))
    return text or None


def parse_iso_date(value: Any, where: str) -> date:
    """A date from a metadata value: a YAML date, or text in ISO 8601 (time part ignored)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise UnusableFileError(
            f"has a date {text!r} in {where} that is not an ISO date (YYYY-MM-DD)"
        ) from None
