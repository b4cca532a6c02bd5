"""The order of a follow-up's reply: a sentence the user has not read leads when it answers
what was typed better than the read sentence the reply opens with; a read sentence that
answers as well keeps the lead; a sentence whose "he" stands for someone named in the
sentence before follows that sentence."""

from __future__ import annotations

from qa.records import Answer, Passage
from qa.search.conversation import new_before_shown
from qa.search.followup import REFERENCE, Resolution

STORY = (
    "The Stenby bridge was opened by the mayor on Monday. "
    "It cost 84 million kroner to build. "
    "The old ferry service across the Tern will stop in June. "
    "Engineer Marta Quist designed the bridge. "
    "She said its towers were the tallest in the county."
)


def _reply(*sentences: str) -> Answer:
    passage = Passage(1, "a1", "Bridge opens", None, None, None, "bridge.txt", 0, 10, STORY, 1.0)
    text = " ".join(f"{sentence} [1]" for sentence in sentences)
    return Answer("q", text, False, (), (passage,), {})


def _follow_up(typed: str, written_out: str) -> Resolution:
    return Resolution(
        typed, f"{written_out} (following: When did the Stenby bridge open?)", REFERENCE
    )


OPENED = "The Stenby bridge was opened by the mayor on Monday."
COST = "It cost 84 million kroner to build."
FERRY = "The old ferry service across the Tern will stop in June."
DESIGNER = "Engineer Marta Quist designed the bridge."
TOWERS = "She said its towers were the tallest in the county."


def test_an_unread_sentence_that_answers_what_was_typed_leads() -> None:
    answer = new_before_shown(
        _follow_up("when will the ferry stop?", "When will the ferry stop?"),
        _reply(OPENED, FERRY),
        shown=[OPENED],
    )
    assert answer.text == f"{FERRY} [1] {OPENED} [1]"


def test_a_read_sentence_that_answers_what_was_typed_keeps_the_lead() -> None:
    answer = new_before_shown(
        _follow_up("who opened it?", "Who opened the Stenby bridge?"),
        _reply(OPENED, DESIGNER),
        shown=[OPENED],
    )
    assert answer.text == f"{OPENED} [1] {DESIGNER} [1]"


def test_a_read_sentence_that_answers_best_comes_first_though_ranked_later() -> None:
    answer = new_before_shown(
        _follow_up(
            "how much did it cost to build?", "How much did the Stenby bridge cost to build?"
        ),
        _reply(OPENED, FERRY, COST),
        shown=[OPENED, COST],
    )
    assert answer.text == f"{COST} [1] {OPENED} [1] {FERRY} [1]"


def test_a_sentence_whose_she_is_named_in_the_one_before_follows_it() -> None:
    answer = new_before_shown(
        _follow_up(
            "what did she say about the towers?", "What did Marta Quist say about the towers?"
        ),
        _reply(OPENED, DESIGNER, TOWERS),
        shown=[OPENED, DESIGNER],
    )
    assert answer.text == f"{DESIGNER} [1] {TOWERS} [1] {OPENED} [1]"
