"""Small text helpers shared by the library: whitespace, matching, counted nouns."""

from __future__ import annotations


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
