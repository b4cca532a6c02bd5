"""Per-format readers: raw bytes → a text view, its article regions and their metadata.

``TextView.text`` is the text every citation offset points into
(``CorpusFile.text``):

- ``.txt``, ``.md``, ``.markdown``: the decoded file itself, byte for byte
  after decoding. A leading YAML front matter block (``---`` … ``---``)
  is read as metadata and excluded from the article; it marks the rest of
  the file as exactly one article.
- ``.html``, ``.htm``: the main text that trafilatura extracts (one line per
  paragraph; the page's headline is usually its first line). Titles,
  authors, site names and dates from the page's markup are metadata; a
  title loses the site's name appended to it ("… | Harbour Post Politics") and the
  authors lose a publisher listed among them (the outlet, the copyright holder).
- ``.jsonl``: the ``text`` field of every usable line, in file order,
  joined by one blank line. Each line is one article; its optional fields
  (``title``, ``outlet``/``source``/``site``/``publisher``,
  ``author``/``authors``, ``published``/``date``) are metadata.

Bytes become text in ``qa.ingest.decoding``; a line becomes JSON in ``qa.ingest.json_lines``.
"""

from __future__ import annotations

import html as html_lib
import math
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from qa.ingest.corpus_scan import HTML_SUFFIXES, JSONL_SUFFIXES, MARKDOWN_SUFFIXES
from qa.ingest.decoding import UnusableFileError, decode
from qa.ingest.json_lines import load_json_line
from qa.patterns import LazyPattern
from qa.records import Span
from qa.text import collapse_whitespace

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
    bad_lines: tuple[tuple[int, str], ...] = ()  # (line number, what is wrong with it)
    guess: str | None = None  # said when the encoding had to be guessed


def read_view(suffix: str, data: bytes) -> TextView:
    """The text view of a file's bytes, by the file's suffix (lower case, with the dot)."""
    decoded = decode(data)
    if not decoded.text.strip():
        raise UnusableFileError("is empty")
    if suffix in HTML_SUFFIXES:
        view = _html_view(decoded.text)
    elif suffix in JSONL_SUFFIXES:
        view = _jsonl_view(decoded.text)
    else:
        view = _text_view(decoded.text, markdown=suffix in MARKDOWN_SUFFIXES)
    return replace(view, guess=decoded.guess) if decoded.guess else view


_FRONT_MATTER = LazyPattern(r"\A(---[ \t]*\r?\n)(.*?)(\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z))", re.S)


#: Front matter or a metadata file larger than this is refused before YAML reads it.
MAX_YAML_BYTES = 1024 * 1024


def _text_view(text: str, *, markdown: bool) -> TextView:
    found = _FRONT_MATTER.match(text)
    if not found:
        return TextView(text, (Region(Span(0, len(text))),), markdown)
    try:
        loaded = load_yaml(found.group(2), first_line=2)
    except YamlError as error:
        raise UnusableFileError(f"has front matter that {error}") from None
    if not isinstance(loaded, dict):
        raise UnusableFileError("has front matter that is not a mapping of fields")
    metadata = normalise_fields(loaded, where="front matter")
    return TextView(text, (Region(Span(found.end(), len(text)), metadata, single=True),), markdown)


class YamlError(Exception):
    """YAML that ``qa`` will not read; the message completes "… that <message>"."""


def load_yaml(text: str, *, first_line: int = 1) -> Any:
    """Safe YAML with bounded cost: no aliases (so no alias bombs), no custom tags,
    dates kept as text (checked later by :func:`parse_iso_date`), a size limit.

    Raise YamlError saying what is wrong and where (line numbers from ``first_line``).
    """
    import yaml

    if len(text) > MAX_YAML_BYTES:
        raise YamlError(f"is larger than {MAX_YAML_BYTES // 1024} KiB")
    try:
        return yaml.load(text, Loader=_bounded_loader())
    except _AliasRefusedError as error:
        raise YamlError(
            f"uses a YAML alias on line {error.line + first_line}; aliases are not accepted"
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + first_line})" if mark is not None else ""
        raise YamlError(f"is not valid YAML{where}") from None
    except RecursionError:
        raise YamlError("nests too deeply") from None
    except (ValueError, OverflowError, TypeError):
        raise YamlError(
            "holds a value YAML cannot read (e.g. a number with too many digits)"
        ) from None


class _AliasRefusedError(Exception):
    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


@lru_cache(maxsize=1)
def _bounded_loader() -> type:
    import yaml

    class BoundedLoader(yaml.SafeLoader):  # type: ignore[misc]
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                raise _AliasRefusedError(self.peek_event().start_mark.line)
            return super().compose_node(parent, index)

    def as_text(loader: Any, node: Any) -> Any:
        return loader.construct_scalar(node)

    BoundedLoader.add_constructor("tag:yaml.org,2002:timestamp", as_text)
    return BoundedLoader


def _html_view(html: str) -> TextView:
    import logging

    import trafilatura

    from qa.ingest.metadata import (
        authors_without_publisher,
        holds_copyright,
        title_without_site,
    )

    # Its parser's complaints ("lxml parsing failed: Document is empty") are not for our
    # users: a page without text gets one line of ours instead.
    for name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
        logging.getLogger(name).setLevel(logging.CRITICAL)

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
    outlet = found.get("sitename")
    title = found.get("title")
    author = found.get("author") or meta_author(html) or byline_in_page(html)
    if isinstance(title, str) and (
        title.casefold() == (outlet or "").casefold() or holds_copyright(title, html)
    ):
        # A page titled only with the site's name ("Portvik Herald"): the site is the
        # outlet, and the headline opening the text titles the article.
        outlet, title = outlet or title, None
    raw = {
        "title": title_without_site(title, outlet) if isinstance(title, str) else title,
        "outlet": outlet,
        "author": authors_without_publisher(author, outlet, html)
        if isinstance(author, str)
        else author,
        "published": found.get("date"),
    }
    metadata = normalise_fields(
        {key: value for key, value in raw.items() if value}, where="HTML metadata"
    )
    return TextView(text, (Region(Span(0, len(text)), metadata, single=True),))


#: A ``<meta>`` tag naming the author under a site's own name for it ("article_author",
#: "cXenseParse:author"), which trafilatura's list of the common names leaves out.
_META_TAG = LazyPattern(r"<meta\b[^>]*>", re.I)
_META_AUTHOR_NAME = LazyPattern(
    r"""\b(?:name|property)\s*=\s*["'][\w.:-]*[_.:-]author(?:s|_?name)?["']""", re.I
)
_META_CONTENT = LazyPattern(r"""\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)


def meta_author(html: str) -> str | None:
    """The author a page's ``<meta name="…_author" content="…">`` names, the people of it
    joined by "; " as trafilatura joins them ("Ari Wasserman, Northeast Ohio Media Group" →
    "Ari Wasserman; Northeast Ohio Media Group"); a web address or a single word (a user
    name) is no author."""
    for tag in _META_TAG.findall(html):
        content = _META_CONTENT.search(tag)
        if not _META_AUTHOR_NAME.search(tag) or content is None:
            continue
        value = html_lib.unescape(content.group(1) or content.group(2) or "").strip()
        if " " in value and "/" not in value and "@" not in value:
            return "; ".join(part.strip() for part in value.split(",") if part.strip())
    return None


#: An element whose whole text is a byline: "<p class="meta">By Jane Doe</p>".
_BYLINE_ELEMENT = LazyPattern(r">\s*((?:by|written by)\s[^<>]{3,80}?)\s*<", re.I)


def byline_in_page(page: str) -> str | None:
    """The author of the first element of a page whose whole text is a byline ("<p
    class="meta">By Jane Doe</p>"), or None."""
    from qa.ingest.metadata import parse_byline

    for found in _BYLINE_ELEMENT.finditer(page):
        if author := parse_byline(html_lib.unescape(found.group(1))):
            return author
    return None


def _jsonl_view(text: str) -> TextView:
    parts: list[str] = []
    regions: list[Region] = []
    offset = 0
    bad: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            body, metadata = _jsonl_record(line)
        except UnusableFileError as problem:
            bad.append((number, str(problem)))
            continue
        if parts:
            parts.append("\n\n")
            offset += 2
        parts.append(body)
        regions.append(Region(Span(offset, offset + len(body)), metadata, single=True))
        offset += len(body)
    if not regions:
        if bad:
            first, why = bad[0]
            raise UnusableFileError(f"holds no usable line (line {first} {why})")
        raise UnusableFileError("is empty")
    return TextView("".join(parts), tuple(regions), bad_lines=tuple(bad))


def _jsonl_record(line: str) -> tuple[str, dict[str, Any]]:
    """The text and metadata of one JSON Lines record; UnusableFileError says what is wrong."""
    record = load_json_line(
        line,
        UnusableFileError,
        invalid="is not valid JSON (column {column})",
        too_deep="nests JSON too deeply",
        too_many_digits="holds a number with too many digits",
    )
    if not isinstance(record, dict):
        raise UnusableFileError(f"is {_a(_json_kind(record))}, not a JSON object with a text field")
    body = record.get("text")
    if body is None:
        raise UnusableFileError('has no "text" field')
    if not isinstance(body, str):
        raise UnusableFileError(f'has a "text" field that is {_a(_json_kind(body))}, not text')
    if not body.strip():
        raise UnusableFileError('has an empty "text" field')
    if _has_surrogate(body):
        raise UnusableFileError('has a "text" field with an unpaired surrogate escape (\\ud800…)')
    if "\x00" in body:
        raise UnusableFileError('has a "text" field with a NUL character')
    fields = {key: value for key, value in record.items() if key != "text"}
    return body, normalise_fields(fields, where="", strict=False)


def _in(where: str) -> str:
    return f" in {where}" if where else ""


def _a(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def _json_kind(value: Any) -> str:
    kinds: dict[type, str] = {dict: "object", list: "array", tuple: "array", set: "set"}
    kinds.update({str: "string", bool: "boolean", type(None): "null"})
    return kinds.get(type(value), "number")


def _has_surrogate(text: str) -> bool:
    return any(0xD800 <= ord(ch) <= 0xDFFF for ch in text) if not text.isascii() else False


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
        items = [_scalar_text(name, item, where) for item in value]
        return ", ".join(item for item in items if item) or None
    return _scalar_text(name, value, where)


def _scalar_text(name: str, value: Any, where: str) -> str | None:
    """A text field's value as one line; lists, mappings and non-numbers are refused."""
    if isinstance(value, float) and not math.isfinite(value):
        raise UnusableFileError(f"has a {name} that is not text ({value}){_in(where)}")
    if isinstance(value, dict | list | tuple | set | bytes) or value is True or value is False:
        kind = _a(_json_kind(value)) if not isinstance(value, bytes) else "a binary value"
        raise UnusableFileError(f"has a {name} that is {kind}, not text{_in(where)}")
    text = collapse_whitespace(str(value))
    if _has_surrogate(text):
        raise UnusableFileError(f"has a {name} with an unpaired surrogate escape{_in(where)}")
    return text or None


_ISO_DATE = LazyPattern(r"\d{4}-\d{2}-\d{2}")


def parse_iso_date(value: Any, where: str) -> date:
    """A date from a metadata value: a YAML date, or text in ISO 8601 (time part ignored)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, dict | list | bool):
        raise UnusableFileError(f"has a date that is {_a(_json_kind(value))}, not text{_in(where)}")
    text = " ".join(str(value).split())
    shown = repr(text if len(text) <= 40 else text[:40] + "…")
    if not _ISO_DATE.match(text):
        raise UnusableFileError(
            f"has a date {shown}{_in(where)} that is not an ISO date (YYYY-MM-DD)"
        )
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise UnusableFileError(f"has an impossible date {shown}{_in(where)}") from None
