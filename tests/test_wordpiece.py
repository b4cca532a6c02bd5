"""The plain-Python WordPiece tokenizer gives the tokenizers library's ids, or steps aside."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from eval_questions import eval_questions
from tokenizers import Tokenizer

from qa.files import file_sha256
from qa.index.embed import ModelSpec, question_embedder
from qa.index.onnx_embed import OnnxEmbedder, index_export_folder
from qa.index.wordpiece import COVERED, VOCABULARY_FILE, WordPiece, load_wordpiece
from qa.search.assistant import Assistant

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def export(assistant: Assistant) -> Path:
    """The model export of the session's bundled-corpus index."""
    weights = assistant.snapshot.manifest.weights_sha256
    return index_export_folder(assistant.settings.index_dir, weights)


@pytest.fixture(scope="module")
def library(export: Path) -> Tokenizer:
    tokenizer = Tokenizer.from_file(str(export / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(256)
    return tokenizer


@pytest.fixture(scope="module")
def wordpiece(export: Path) -> WordPiece:
    loaded = load_wordpiece(export, file_sha256(export / "tokenizer.json"), 256)
    assert loaded is not None
    return loaded


def assert_same_ids(texts: list[str], wordpiece: WordPiece, library: Tokenizer) -> None:
    expected = [encoding.ids for encoding in library.encode_batch(texts)]
    differing = [t for t, ids in zip(texts, expected, strict=True) if wordpiece.ids(t) != ids]
    assert differing == []


def test_every_eval_question_gets_the_librarys_ids(
    wordpiece: WordPiece, library: Tokenizer
) -> None:
    questions = eval_questions()
    assert len(questions) > 3000
    assert_same_ids(questions, wordpiece, library)


def test_every_covered_character_gets_the_librarys_ids_alone_and_in_words(
    wordpiece: WordPiece, library: Tokenizer
) -> None:
    characters = [chr(point) for low, high in COVERED for point in range(low, high + 1)]
    covered = [c for c in characters if wordpiece.ids(c) is not None]
    assert len(covered) > 2000
    texts = [
        form.format(c) for c in covered for form in ("{0}", "a{0}b", "Zü{0}rich {0}x", "{0}{0}É")
    ]
    awkward = [
        "ΟΔΟΣ Σ σς",  # no final-sigma rule
        "İstanbul and ǅemal",  # lower-casing that adds a combining dot; a title-case digraph
        "Ce\u0301sar, e\u0301\u0327te\u0301; Å Ω K",  # combining accents; canonical singletons
        "soft\u00adhyphen zero\u200bwidth no\u00a0break\u2028line\tTAB\r\n",
        "x" * 101 + " " + "y" * 100,  # one word over the length limit, one at it
        "word " * 300,  # truncated to the model's 256 tokens
        "",
        "  \t ",
        "“Quoted” — dashes – and … ellipses, ¿qué? ¡sí! €5 £3 ₸100",
    ]
    assert_same_ids(texts + awkward, wordpiece, library)


def test_a_text_outside_the_covered_scripts_or_naming_an_added_token_is_left_to_the_library(
    assistant: Assistant, wordpiece: WordPiece, export: Path
) -> None:
    outside = ["Where is 北京?", "What is [MASK]?", "an unassigned \u0378 letter"]
    assert [wordpiece.ids(text) for text in outside] == [None, None, None]
    manifest = assistant.snapshot.manifest
    asked = question_embedder(assistant.settings.index_dir, manifest, manifest.model)
    spec = ModelSpec(manifest.model, str(export), manifest.weights_sha256)
    library_embedder = OnnxEmbedder(export, spec, threads=1)
    texts = [*outside, "How many women are trafficked out of Kazakhstan annually?"]
    gap = np.abs(asked.encode(texts) - library_embedder.encode(texts)).max()
    assert float(gap) <= 1e-6  # the same tokens; the question session rounds differently


def test_a_tokenizer_other_than_plain_bert_wordpiece_is_left_to_the_library(
    export: Path, tmp_path: Path
) -> None:
    spec = json.loads((export / "tokenizer.json").read_text(encoding="utf-8"))
    spec["normalizer"]["lowercase"] = False
    (tmp_path / "tokenizer.json").write_text(json.dumps(spec), encoding="utf-8")
    sha256 = file_sha256(tmp_path / "tokenizer.json")
    assert load_wordpiece(tmp_path, sha256, 256) is None
    assert load_wordpiece(tmp_path, sha256, 256) is None  # recorded as not plain
    assert json.loads((tmp_path / VOCABULARY_FILE).read_text().splitlines()[0])["plain"] is False


def test_a_damaged_or_outdated_vocabulary_file_is_derived_again(
    export: Path, tmp_path: Path, library: Tokenizer
) -> None:
    shutil.copy(export / "tokenizer.json", tmp_path / "tokenizer.json")
    sha256 = file_sha256(tmp_path / "tokenizer.json")
    assert load_wordpiece(tmp_path, sha256, 256) is not None
    vocabulary = tmp_path / VOCABULARY_FILE
    vocabulary.write_text(vocabulary.read_text().replace("\nkazakhstan\n", "\nkazakstan\n"))
    question = "How many women are trafficked out of Kazakhstan annually?"
    again = load_wordpiece(tmp_path, sha256, 256)
    assert again is not None and again.ids(question) == library.encode(question).ids
