"""Decoding a file's bytes to text: byte-order marks, UTF-8, UTF-16 without a mark,
and legacy code pages told by plausible words; binary data is refused.

Every reader in ``qa.ingest.formats`` starts here; :class:`UnusableFileError` is the
error they all raise for a file that must be skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

from qa.patterns import LazyPattern


class UnusableFileError(Exception):
    """Raised by the readers for a file that must be skipped; the message says why."""


#: Byte-order marks, longest first (the UTF-32-LE mark begins with the UTF-16-LE one).
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)
_UTF8_SEQUENCE = LazyPattern(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_HIGH_BYTE = LazyPattern(rb"[\x80-\xff]")
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


_WORD = LazyPattern(r"[^\W\d_]+")


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
