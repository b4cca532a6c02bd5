"""Small text helpers shared by the library: whitespace, matching, counted nouns."""

from __future__ import annotations

from collections.abc import Callable

#: Verbs that report speech, as a regular-expression group: "said", "asked", "told", ….
SPEECH_VERBS = (
    r"(?:said|says|asked|asks|told|tells|added|adds|replied|replies|responded|responds|"
    r"answered|answers|countered|counters|rejoined|continued|continues|explained|explains|"
    r"insisted|insists|argued|argues|noted|notes|recalled|recalls|warned|warns|wrote|writes|"
    r"wondered|wonders|demanded|demands|shouted|exclaimed|cried|pressed|quipped|joked|"
    r"tweeted|tweets|posted|declared|declares|stated|announced|admitted|admits|acknowledged|"
    r"conceded|concedes|remarked|observed|stressed|stresses|suggested|suggests|claimed|"
    r"predicted|cautioned|urged|retorted|interjected)"
)


def collapse_whitespace(text: str) -> str:
    """Text with every run of whitespace turned into one space, trimmed."""
    return " ".join(text.split())


def quote_text(text: str) -> str:
    """Text as a passage quotes it: whitespace collapsed within each line, one line break
    between lines, blank lines dropped (so a heading stays on a line of its own)."""
    return "\n".join(
        line for raw_line in text.splitlines() if (line := collapse_whitespace(raw_line))
    )


def normalise(text: str) -> str:
    """Lower-cased text with every run of whitespace collapsed: how answers are matched."""
    return collapse_whitespace(text.lower())


def counted(number: int, noun: str) -> str:
    """``1 file``, ``3 files``: a count with its noun in the right number (regular plurals)."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _letter_class(is_case: Callable[[str], bool]) -> str:
    """The inside of a regular-expression character class holding the letters of one case
    in the Latin, Greek and Cyrillic blocks and in Latin Extended Additional (Vietnamese),
    as ranges: what ``re`` cannot say with ``\\p{Lu}``."""
    ranges: list[str] = []
    for low, high in ((0x41, 0x530), (0x1E00, 0x1F00)):
        start = None
        for code in range(low, high + 1):
            if code < high and is_case(chr(code)):
                start = code if start is None else start
            elif start is not None:
                last = chr(code - 1)
                ranges.append(chr(start) if start == code - 1 else f"{chr(start)}-{last}")
                start = None
    return "".join(ranges)


#: Capital letters for a character class: ``rf"[{CAPITALS}]"`` matches "A", "Ó", "Ł", "İ", "Д".
CAPITALS = _letter_class(str.isupper)
#: Small letters for a character class: ``rf"[{SMALL_LETTERS}]"`` matches "a", "ë", "ğ", "ı", "д".
SMALL_LETTERS = _letter_class(str.islower)
