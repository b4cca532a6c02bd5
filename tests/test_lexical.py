"""BM25: numpy over the saved matrix scores as bm25s does; MaxScore finds the same top."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from qa.storage import id_filter, lexical
from qa.storage.lexical import LexicalIndex, _bm25s, analyse

TEXTS = [
    "Women trafficked from Kazakhstan often end up in the United Arab Emirates.",
    "The shelter in Almaty helps survivors of trafficking find work.",
    "Heavy snow closed the mountain roads above Almaty on Monday.",
    "Police detained three people suspected of recruiting women abroad.",
]


def test_a_saved_index_scores_questions_as_bm25s_does(tmp_path: Path) -> None:
    LexicalIndex.build(TEXTS).save(tmp_path / "bm25")
    ours = LexicalIndex.load(tmp_path / "bm25")
    theirs = _bm25s().BM25.load(str(tmp_path / "bm25"))
    for question in (
        "Where do trafficked women end up?",
        "women women women",  # a repeated term counts each time, as in bm25s
        "Was the road to Almaty closed by snow?",
        "zebra quantum",  # no known term
    ):
        terms = theirs.get_tokens_ids(analyse([question])[0])  # bm25s's own analysis
        expected = theirs.get_scores_from_ids(terms) if terms else np.zeros(len(TEXTS))
        assert np.allclose(ours.scores(question), expected), question
    assert ours.scores("Where do trafficked women end up?").argmax() == 0


def _windows_of_the_bundled_corpus() -> list[str]:
    corpus = Path(__file__).resolve().parent.parent / "corpus"
    texts = []
    for path in sorted(corpus.iterdir()):
        words = path.read_text(encoding="utf-8").split()
        texts += [" ".join(words[i : i + 60]) for i in range(0, len(words), 30)]
    return texts


QUESTIONS = (
    "How many women are smuggled out of Kazakhstan each year?",
    "What did the government say about the police?",  # common terms only
    "said said people year",  # repeated and frequent terms
    "zebra quantum",  # no known term
)


def _ranked(scores: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    order = np.lexsort((np.arange(len(scores)), -scores))
    order = order[scores[order] > 0][:n]
    return order, scores[order]


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory: pytest.TempPathFactory) -> LexicalIndex:
    folder = tmp_path_factory.mktemp("bm25")
    LexicalIndex.build(_windows_of_the_bundled_corpus()).save(folder)
    return LexicalIndex.load(folder)


@pytest.mark.parametrize("paths", ["small-index", "large-index"])  # MaxScore in the large
@pytest.mark.parametrize("kept", [None, 0.3, 0.01])
def test_the_top_documents_by_maxscore_are_those_of_scoring_every_document(
    corpus_index: LexicalIndex, monkeypatch: pytest.MonkeyPatch, paths: str, kept: float | None
) -> None:
    if paths == "large-index":  # the branches a million-document index takes
        monkeypatch.setattr(lexical, "_DIRECT_LOOKUPS", 0)
        monkeypatch.setattr(lexical, "_SORTED_UNION_LIMIT", 0)
        monkeypatch.setattr(lexical, "_EXHAUSTIVE_POSTINGS", 0)
    size = corpus_index.size
    rng = np.random.default_rng(3)
    allowed = None if kept is None else rng.choice(size, max(1, int(size * kept)), replace=False)
    for question in QUESTIONS:
        everything = corpus_index.scores(question)
        if allowed is not None:
            everything = np.where(np.isin(np.arange(size), allowed), everything, 0.0)
        for n in (1, 10, 100):
            ids, scores = corpus_index.top(question, n, allowed)
            expected_ids, expected_scores = _ranked(everything, n)
            assert ids.tolist() == expected_ids.tolist(), (question, n)
            assert np.allclose(scores, expected_scores, rtol=1e-5)


def test_scores_of_chosen_documents_are_their_scores_among_all(corpus_index: LexicalIndex) -> None:
    chosen = np.array([7, 0, corpus_index.size - 1, 7, 3], dtype=np.int64)
    for question in QUESTIONS:
        assert np.allclose(
            corpus_index.scores_of(question, chosen), corpus_index.scores(question)[chosen]
        )


def test_an_index_saved_without_column_bounds_finds_the_same_top(tmp_path: Path) -> None:
    LexicalIndex.build(_windows_of_the_bundled_corpus()).save(tmp_path)
    with_bounds = LexicalIndex.load(tmp_path)
    (tmp_path / lexical.COLUMN_MAX_FILE).unlink()  # as an index saved by an older qa
    without = LexicalIndex.load(tmp_path)
    for question in QUESTIONS:
        assert np.array_equal(without.top(question, 10)[0], with_bounds.top(question, 10)[0])


def test_a_read_only_filter_finds_what_a_writeable_one_finds(
    corpus_index: LexicalIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lexical, "_DIRECT_LOOKUPS", 0)  # the filter as a mask, made once
    allowed = np.random.default_rng(5).choice(corpus_index.size, 40, replace=False)
    remembered = id_filter.frozen(allowed)
    for question in QUESTIONS:
        expected = corpus_index.top(question, 10, allowed)
        for _ in range(2):
            found = corpus_index.top(question, 10, remembered)
            assert found[0].tolist() == expected[0].tolist(), question
