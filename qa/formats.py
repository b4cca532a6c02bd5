"""Per-format readers: raw bytes → a text view, its article regions and their metadata.

``TextView.text`` is the text every citation offset points into
(``CorpusFile.text``):

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
import math
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from qa.corpus_scan import HTML_SUFFIXES, JSONL_SUFFIXES, MARKDOWN_SUFFIXES
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
    bad_lines: tuple[tuple[int, str], ...] = ()  # (line number, what is wrong with it)
    guess: str | None = None  # said when the encoding had to be guessed


#: Byte-order marks, longest first (the UTF-32-LE mark begins with the UTF-16-LE one).
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_TYPOGRAPHY = frozenset("«»–—№“”„’‘‚…•†‡‰‹›€™°§©®±¶·\u00a0\u00ad¡¿¢£¥¦¨ª¬¯²³´µ¸¹º¼½¾×÷")
_LEGACY_NAMES = {"cp1251": "Windows-1251 (Cyrillic)", "cp1252": "Windows-1252 (Western European)"}


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's text, and how its encoding was found when it had to be guessed."""

    text: str
    guess: str | None = None  # a sentence for the user when the encoding was guessed


def decode(data: bytes) -> Decoded:
    """Bytes → text: a byte-order mark, else UTF-8, else UTF-16 told by its zero bytes,
    else the legacy encoding that yields plausible words (``guess`` then says so).

    Raise UnusableFileError for binary data or text whose encoding cannot be told.
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(_checked_text(data[len(bom) :].decode(codec)))
            except UnicodeDecodeError as error:
                raise UnusableFileError(
                    f"starts with a {name} byte-order mark but is not valid {name} "
                    f"(byte {error.start + len(bom)})"
                ) from None
    wide = _utf16_without_bom(data)
    if wide is not None:
        return wide
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise UnusableFileError(f"is binary, not text (a NUL byte on line {line})")
    if _control_ratio(data[:8192]) > 0.1:
        raise UnusableFileError("is binary, not text")
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        bad = error.start
    high = len(_HIGH_BYTE.findall(data))
    in_sequences = sum(len(m) for m in _UTF8_SEQUENCE.findall(data))
    if in_sequences * 4 >= high:
        # Mostly UTF-8 with some bytes of another encoding pasted in: keep the text, say where.
        line = data.count(b"\n", 0, bad) + 1
        return Decoded(
            _checked_text(data.decode("utf-8", errors="replace")),
            f"is UTF-8 except for bytes on line {line} (byte 0x{data[bad]:02x}), "
            "shown as \ufffd; convert that line to UTF-8",
        )
    for codec, accept in (("cp1251", _plausible_cyrillic), ("cp1252", _plausible_western)):
        try:
            candidate = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if accept(candidate):
            return Decoded(_checked_text(candidate), _guessed(_LEGACY_NAMES[codec]))
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.chaos <= 0.1:
        candidate = str(best)
        if not _mixed_script_words(candidate) and not _has_controls(candidate):
            return Decoded(_checked_text(candidate), _guessed(best.encoding))
    raise UnusableFileError(
        "is not UTF-8, and its encoding could not be told with confidence; convert it to UTF-8"
    )


def _guessed(name: str) -> str:
    return f"is not UTF-8; decoded as {name} by a guess (convert it to UTF-8 to be sure)"


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 text without a byte-order mark, told by the zero high bytes of its ASCII."""
    sample = data[:8192]
    if len(data) % 2 or len(sample) < 4 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    for codec, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= 0.3 * len(zeros) and others.count(0) <= 0.02 * len(others):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            if _has_controls(text[:4096], allowed=0.02):
                return None
            return Decoded(_checked_text(text), _guessed(codec.upper()))
    return None


def _checked_text(text: str) -> str:
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise UnusableFileError(f"is binary, not text (a NUL character on line {line})")
    return text


def _has_controls(text: str, allowed: float = 0.0) -> bool:
    controls = sum(
        1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\f\r") or 0x80 <= ord(ch) < 0xA0
    )
    return controls > allowed * len(text)


def _script(ch: str) -> str:
    code = ord(ch)
    if code < 0x250:
        return "latin"
    if 0x370 <= code < 0x400:
        return "greek"
    if 0x400 <= code < 0x530:
        return "cyrillic"
    return "other"


_WORD = re.compile(r"[^\W\d_]+")


def _mixed_script_words(text: str) -> int:
    """How many words mix letters of two scripts (the mark of a wrong code page)."""
    mixed = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        if len({_script(ch) for ch in word}) > 1:
            mixed += 1
    return mixed


def _plausible_cyrillic(text: str) -> bool:
    """Cyrillic words and typography only, and enough of them to be a Cyrillic text."""
    letters = [ch for ch in text if ch.isalpha()]
    cyrillic = sum(1 for ch in letters if _script(ch) == "cyrillic")
    foreign_ok = all(_script(ch) == "cyrillic" or ch in _TYPOGRAPHY for ch in text if ord(ch) > 127)
    return (
        foreign_ok
        and cyrillic >= 0.2 * len(letters)
        and not _mixed_script_words(text)
        and not _has_controls(text)
    )


def _plausible_western(text: str) -> bool:
    """Latin letters with accents and typography only, no word mixing scripts."""
    foreign_ok = all(
        (ch.isalpha() and _script(ch) == "latin") or ch in _TYPOGRAPHY
        for ch in text
        if ord(ch) > 127
    )
    return foreign_ok and not _mixed_script_words(text) and not _has_controls(text)


def _control_ratio(data: bytes) -> float:
    if not data:
        return 0.0
    controls = sum(1 for byte in data if byte < 32 and byte not in (9, 10, 12, 13))
    return controls / len(data)


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


_FRONT_MATTER = re.compile(r"\A(---[ \t]*\r?\n)(.*?)(\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z))", re.S)


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
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise UnusableFileError(f"is not valid JSON (column {error.colno})") from None
    except RecursionError:
        raise UnusableFileError("nests JSON too deeply") from None
    except ValueError:  # Python refuses integers of more than 4300 digits
        raise UnusableFileError("holds a number with too many digits") from None
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


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


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
