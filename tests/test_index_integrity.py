"""Damage is never trusted: every index file and the model export carry checksums; a
damaged file is one line naming it, and `qa index` repairs it."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.config import Settings
from qa.storage.store import current_generation
from qa.ui.cli import main

QUESTION = "How many beds does the shelter have?"


def flip_one_byte(path: Path) -> None:
    """Damage ``path`` in a new file of its own, so that a file the copy shares (a hard link
    to the model export) stays whole where else it is linked."""
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.unlink()
    path.write_bytes(bytes(data))


def where(settings: Settings) -> list[str]:
    return ["--corpus", str(settings.corpus_dir), "--index", str(settings.index_dir)]


@pytest.mark.parametrize("name", ["qa.sqlite", "sentences.faiss"])
def test_a_flipped_byte_in_an_index_file_is_named_and_qa_index_repairs_it(
    name: str, fake_corpus_copy: Settings, fake_model: None, capsys: pytest.CaptureFixture[str]
) -> None:
    generation = current_generation(fake_corpus_copy.index_dir)
    assert generation is not None
    flip_one_byte(generation / name)

    assert main(["ask", QUESTION, *where(fake_corpus_copy)]) == 1
    assert capsys.readouterr().err == (
        f"error: index file {name} is damaged (its bytes are not those written); "
        "run `qa index --rebuild` to build it again\n"
    )
    assert main(["status", "--verify", *where(fake_corpus_copy)]) == 1
    capsys.readouterr()

    assert main(["index", *where(fake_corpus_copy)]) == 0
    assert main(["ask", QUESTION, *where(fake_corpus_copy), "--json"]) == 0
    capsys.readouterr()
    assert main(["status", "--verify", *where(fake_corpus_copy)]) == 0
    assert capsys.readouterr().err.startswith("verified: ")


def test_a_damaged_tokenizer_in_the_model_export_is_named_and_exported_again(
    corpus_copy: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    (tokenizer,) = (corpus_copy.index_dir / "models").glob("*/tokenizer.json")
    flip_one_byte(tokenizer)

    assert main(["ask", QUESTION, *where(corpus_copy)]) == 1
    assert capsys.readouterr().err == (
        f"error: the model export in {tokenizer.parent} is damaged; "
        "run `qa index` to export it again\n"
    )
    assert main(["index", *where(corpus_copy)]) == 0
    capsys.readouterr()
    assert main(["ask", QUESTION, *where(corpus_copy), "--json"]) == 0
