"""What a conversation takes as the answer to a question that names nothing: it must hold a
figure of the kind asked for, or the question's own words and a name of the kind asked for;
else the question is asked again as typed of the article the last answer cited."""

from __future__ import annotations

import pytest

from qa.search.conversation import holds_what_is_asked


@pytest.mark.parametrize(
    ("question", "text", "holds"),
    [
        (
            "who will head the interim board?",
            "Three passengers were hurt when the ferry struck a pier, the police said.",
            False,
        ),
        (
            "who will head the interim board?",
            "The council set up an interim board, to be headed by the engineer Marta Quist.",
            True,
        ),
        ("where was the treaty signed?", "The treaty was signed on Monday.", False),
        ("where was the treaty signed?", "The treaty was signed in Stenby on Monday.", True),
        ("what was the bridge called?", "It cost 84 million euros.", False),
        ("what was the final score?", "Stenby beat Portvale 24–10 on Sunday.", True),
        ("what was the final score?", "Stenby scored late in the final minutes.", False),
    ],
)
def test_an_answer_holds_what_is_asked_when_it_has_its_words_and_the_kind_asked_for(
    question: str, text: str, holds: bool
) -> None:
    assert holds_what_is_asked(question, text) is holds
