"""Small text helpers shared by the library: counted nouns for messages."""

from __future__ import annotations


def counted(number: int, noun: str) -> str:
    """``1 file``, ``3 files``: a count with its noun in the right number (regular plurals)."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
