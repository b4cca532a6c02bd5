"""One rule decides whether an index fits the settings: to answer, and to reuse its vectors."""

from __future__ import annotations

import dataclasses

import pytest

from qa.config import DEFAULT_MODEL, Settings
from qa.errors import IndexIncompatibleError
from qa.index.compatibility import ANSWERING, REUSING, check_compatible, mismatch, vectors_reusable
from qa.index.embed import ModelSpec
from qa.storage.contract import Manifest

WEIGHTS = "ab" * 32
SETTINGS = Settings(precision="int8")
BUILT = Manifest(
    schema_version=3,
    model=DEFAULT_MODEL,
    weights_sha256=WEIGHTS,
    dimension=384,
    chunking=SETTINGS.chunking_signature(),
    files={},
    skipped={},
    articles={},
    article_count=0,
    chunk_count=0,
    created="2026-11-21T18:00:00+00:00",
    precision="int8",
)
MODEL = ModelSpec(DEFAULT_MODEL, "", WEIGHTS)


def test_an_index_built_with_the_settings_answers_and_lends_its_vectors() -> None:
    check_compatible(BUILT, SETTINGS)
    assert vectors_reusable(BUILT, SETTINGS, MODEL)


def test_another_chunking_cannot_answer_but_its_vectors_are_reused() -> None:
    settings = dataclasses.replace(SETTINGS, window_words=80)
    with pytest.raises(IndexIncompatibleError) as raised:
        check_compatible(BUILT, settings)
    assert str(raised.value) == (
        "the index was built with chunking window_words=110, not window_words=80; "
        "run `qa index --rebuild` to build it again"
    )
    assert vectors_reusable(BUILT, settings, MODEL)


def test_another_precision_answers_but_its_vectors_are_embedded_again() -> None:
    settings = dataclasses.replace(SETTINGS, precision="fp32")
    check_compatible(BUILT, settings)
    assert mismatch(BUILT, settings, REUSING) == "the index was embedded in int8, not fp32"
    assert not vectors_reusable(BUILT, settings, MODEL)


def test_other_weights_of_the_same_model_are_embedded_again() -> None:
    other = ModelSpec(DEFAULT_MODEL, "", "cd" * 32)
    assert mismatch(BUILT, SETTINGS, REUSING, weights_sha256=other.weights_sha256) == (
        f"the index was built from other weights of {DEFAULT_MODEL!r} "
        "(sha256 abababababab…, not cdcdcdcdcdcd…)"
    )
    assert not vectors_reusable(BUILT, SETTINGS, other)


def test_another_model_neither_answers_nor_lends_its_vectors() -> None:
    settings = dataclasses.replace(SETTINGS, model="/models/other")
    expected = f"the index was built with model {DEFAULT_MODEL!r}, not '/models/other'"
    assert mismatch(BUILT, settings, ANSWERING) == expected
    assert mismatch(BUILT, settings, REUSING) == expected


def test_late_chunking_embeds_again_and_cannot_answer_from_an_index_embedded_text_by_text() -> None:
    settings = dataclasses.replace(SETTINGS, late_chunking=True)
    assert mismatch(BUILT, settings, REUSING) == (
        "the index's passages were embedded one text at a time, not late-chunked"
    )
    assert not vectors_reusable(BUILT, settings, MODEL)
    assert mismatch(BUILT, settings, ANSWERING) == (
        "the index was built with chunking late_chunking=none, not late_chunking=1"
    )


def test_pooled_windows_embed_again_and_cannot_answer_from_an_index_embedded_text_by_text() -> None:
    settings = dataclasses.replace(SETTINGS, pooled_windows=True)
    assert mismatch(BUILT, settings, REUSING) == (
        "the index's passages were embedded one text at a time, "
        "not embedded as sentences, windows pooled from them"
    )
    assert not vectors_reusable(BUILT, settings, MODEL)
    assert mismatch(BUILT, settings, ANSWERING) == (
        "the index was built with chunking pooled_windows=none, not pooled_windows=1"
    )


def test_late_chunked_vectors_are_embedded_again_when_the_chunking_changes() -> None:
    late = dataclasses.replace(SETTINGS, late_chunking=True)
    built = dataclasses.replace(BUILT, chunking=late.chunking_signature())
    assert vectors_reusable(built, late, MODEL)
    wider = dataclasses.replace(late, window_words=80)
    assert mismatch(built, wider, REUSING) == (
        "late-chunked vectors depend on the chunking, which changed"
    )
