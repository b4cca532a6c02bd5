"""BERT's WordPiece tokenizer in plain Python, for a question asked in a new process.

Loading the ``tokenizers`` library and parsing ``tokenizer.json`` takes a new process
longer than everything else about a short question's tokens; this reads a plain vocabulary
list instead (``wordpiece.txt``, written once beside the export from ``tokenizer.json``)
and gives the very ids the library gives, for the tokenizers it reproduces exactly:

- a ``BertNormalizer`` that cleans the text, pads Chinese characters, strips accents and
  lower-cases; a ``BertPreTokenizer``; a ``WordPiece`` model; ``[CLS] $A [SEP]``;
- a text whose characters all lie in the scripts of ``COVERED`` (checked against the
  library one character at a time by the tests; newer ones may be classed differently
  by the two Unicode tables) and that holds none of the tokenizer's added tokens.

Anything else (another kind of tokenizer, a text outside those scripts) returns None, and
the caller falls back to the ``tokenizers`` library.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qa.files import write_text_atomically

#: The plain vocabulary derived from ``tokenizer.json``: a JSON header line, then one
#: token a line in id order.
VOCABULARY_FILE = "wordpiece.txt"
#: Code point ranges (inclusive) whose characters this module classes as the library does:
#: Latin (with Latin Extended Additional), combining accents, Greek, Cyrillic, general
#: punctuation, currency signs, letterlike symbols, arrows and mathematical operators.
#: Chinese characters are left to the library.
COVERED = (
    (0x0000, 0x024F),
    (0x0300, 0x036F),
    (0x0370, 0x03FF),
    (0x0400, 0x04FF),
    (0x1E00, 0x1EFF),
    (0x2000, 0x206F),
    (0x20A0, 0x20BF),
    (0x2100, 0x22FF),
)
_KEPT_CONTROLS = "\t\n\r"


@dataclass(frozen=True, slots=True)
class WordPiece:
    """A BERT WordPiece tokenizer: vocabulary, unknown and frame tokens, limits."""

    vocabulary: dict[str, int]
    unknown: int
    first: int
    last: int
    added: tuple[str, ...]
    max_word_chars: int
    max_tokens: int

    def ids(self, text: str) -> list[int] | None:
        """The token ids of ``text`` as the ``tokenizers`` library gives them (truncated
        to ``max_tokens`` with the frame tokens), or None for a text outside what this
        reproduces."""
        if not text.isascii() and not all(_covered(char) for char in text):
            return None
        if any(token in text for token in self.added):
            return None  # the library matches added tokens in the raw text first
        pieces: list[int] = []
        for word in _words(_normalized(text)):
            pieces.extend(self._pieces(word))
        return [self.first, *pieces[: max(0, self.max_tokens - 2)], self.last]

    def _pieces(self, word: str) -> list[int]:
        """Greedy longest-match WordPiece; a word with any unmatched part is one unknown."""
        if len(word) > self.max_word_chars:
            return [self.unknown]
        pieces: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                found = self.vocabulary.get(piece)
                if found is not None:
                    pieces.append(found)
                    break
                end -= 1
            else:
                return [self.unknown]
            start = end
        return pieces


def _covered(char: str) -> bool:
    """Whether ``char`` is an assigned character of the covered scripts (the library keeps
    unassigned ones as letters; they may be assigned in a newer Unicode)."""
    point = ord(char)
    return any(low <= point <= high for low, high in COVERED) and (
        unicodedata.category(char) != "Cn"
    )


def _normalized(text: str) -> str:
    """BertNormalizer: drop controls, whitespace to spaces, strip accents, lower-case."""
    if text.isascii():
        cleaned = "".join(
            " " if char in _KEPT_CONTROLS else char
            for char in text
            if (char >= " " and char != "\x7f") or char in _KEPT_CONTROLS
        )
        return cleaned.lower()
    kept = []
    for char in text:
        if char in _KEPT_CONTROLS or (char.isspace() and unicodedata.category(char)[0] != "C"):
            kept.append(" ")
        elif char != "\ufffd" and unicodedata.category(char)[0] != "C":
            kept.append(char)
    decomposed = unicodedata.normalize("NFD", "".join(kept))
    # Character by character, as the library lower-cases (no final-sigma rule).
    return "".join(char.lower() for char in decomposed if unicodedata.category(char) != "Mn")


def _words(text: str) -> list[str]:
    """BertPreTokenizer: split at whitespace, every punctuation character a word alone."""
    words: list[str] = []
    for chunk in text.split():
        word = ""
        for char in chunk:
            if _punctuation(char):
                if word:
                    words.append(word)
                words.append(char)
                word = ""
            else:
                word += char
        if word:
            words.append(word)
    return words


def _punctuation(char: str) -> bool:
    if char.isascii():
        return not char.isalnum() and char.isprintable() and char != " "
    return unicodedata.category(char)[0] == "P"


def load_wordpiece(folder: Path, tokenizer_sha256: str, max_tokens: int) -> WordPiece | None:
    """The WordPiece tokenizer of the export ``folder`` whose ``tokenizer.json`` has this
    (already checked) hash, from its plain vocabulary, derived once; None when that
    tokenizer is not one this module reproduces."""
    if not tokenizer_sha256:
        return None
    path = folder / VOCABULARY_FILE
    try:
        header_line, _, rest = path.read_text(encoding="utf-8").partition("\n")
        header = json.loads(header_line)
    except (OSError, ValueError):
        header = None
    if (
        not isinstance(header, dict)
        or header.get("tokenizer_sha256") != tokenizer_sha256
        or header.get("vocabulary_sha256") != _sha256(rest)
    ):
        header, rest = _derive(folder, tokenizer_sha256)
    if not header.get("plain"):
        return None
    tokens = rest.split("\n")
    return WordPiece(
        vocabulary=dict(zip(tokens, range(len(tokens)), strict=True)),
        unknown=header["unknown"],
        first=header["first"],
        last=header["last"],
        added=tuple(header["added"]),
        max_word_chars=header["max_word_chars"],
        max_tokens=max_tokens,
    )


def _derive(folder: Path, tokenizer_sha256: str) -> tuple[dict[str, Any], str]:
    """Write ``wordpiece.txt`` from ``tokenizer.json``; return its header and token lines."""
    spec = json.loads((folder / "tokenizer.json").read_text(encoding="utf-8"))
    header: dict[str, Any] = {"tokenizer_sha256": tokenizer_sha256, "plain": False}
    tokens = _plain_vocabulary(spec)
    if tokens is not None:
        model, vocabulary = spec["model"], spec["model"]["vocab"]
        header.update(
            plain=True,
            unknown=vocabulary[model["unk_token"]],
            first=vocabulary["[CLS]"],
            last=vocabulary["[SEP]"],
            added=[token["content"] for token in spec.get("added_tokens") or []],
            max_word_chars=model["max_input_chars_per_word"],
        )
    rest = "\n".join(tokens or [])
    header["vocabulary_sha256"] = _sha256(rest)
    write_text_atomically(folder / VOCABULARY_FILE, json.dumps(header) + "\n" + rest)
    return header, rest


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


#: The BertNormalizer settings reproduced here (``strip_accents`` None follows lowercase).
_NORMALIZER = {
    "type": "BertNormalizer",
    "clean_text": True,
    "handle_chinese_chars": True,
    "strip_accents": None,
    "lowercase": True,
}
_FRAME = [
    {"SpecialToken": {"id": "[CLS]", "type_id": 0}},
    {"Sequence": {"id": "A", "type_id": 0}},
    {"SpecialToken": {"id": "[SEP]", "type_id": 0}},
]


def _plain_vocabulary(spec: Any) -> list[str] | None:
    """The vocabulary in id order when ``spec`` (a parsed tokenizer.json) is the plain BERT
    WordPiece tokenizer this module reproduces, else None."""
    try:
        model = spec["model"]
        vocabulary: dict[str, int] = model["vocab"]
        plain = (
            spec["normalizer"] == _NORMALIZER
            and spec["pre_tokenizer"] == {"type": "BertPreTokenizer"}
            and model["type"] == "WordPiece"
            and model["continuing_subword_prefix"] == "##"
            and model["unk_token"] in vocabulary
            and spec["post_processor"]["type"] == "TemplateProcessing"
            and spec["post_processor"]["single"] == _FRAME
            and "[CLS]" in vocabulary
            and "[SEP]" in vocabulary
            and all(
                token["content"] in vocabulary
                and vocabulary[token["content"]] == token["id"]
                and not token["normalized"]
                for token in spec.get("added_tokens") or []
            )
        )
    except (KeyError, TypeError):
        return None
    tokens = sorted(vocabulary, key=vocabulary.__getitem__)
    if not plain or [vocabulary[token] for token in tokens] != list(range(len(tokens))):
        return None
    if any(not token or token != token.strip() or "\n" in token for token in tokens):
        return None
    return tokens
