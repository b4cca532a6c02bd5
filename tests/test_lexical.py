"""BM25: a question is scored by numpy over the saved matrix exactly as bm25s scores it."""

from __future__ import annotations

from pathlib import Path

import numpy as np

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
