"""The order of a follow-up's reply: a sentence that answers what was typed better than the
read sentence the reply opens with leads (one not read first); a read sentence that answers
as well keeps the lead; a ``why?`` leads with a reason about what was asked; a sentence whose
"he" stands for someone named in the sentence before follows that sentence."""

from __future__ import annotations

from qa.records import Answer, Passage
from qa.search.conversation import named_anew_first, new_before_shown, reason_first
from qa.search.followup import REFERENCE, PreviousTurn, Resolution

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


VOTE = (
    "The council approved the harbour plan in May. "
    "The plan was sent to the ministry for a vote. "
    "The plan was never put to a vote because a court stopped it in June."
)
FINE = (
    "The ferry's captain was fined on Friday. "
    "Captain Ivo Marsh said he knew the risk. "
    "He was fined on Friday because he ignored the warnings."
)


def _with_passage(quote: str, *sentences: str) -> Answer:
    passage = Passage(1, "a1", "Harbour", None, None, None, "harbour.txt", 0, 10, quote, 1.0)
    text = " ".join(f"{sentence} [1]" for sentence in sentences)
    return Answer("q", text, False, (), (passage,), {})


def test_a_why_with_words_of_its_own_leads_with_the_reason_that_holds_them() -> None:
    last = PreviousTurn(
        "When was the harbour plan approved?", ("The council approved the harbour plan in May.",)
    )
    answer = reason_first(
        "why was it never put to a vote?",
        _with_passage(VOTE, "The council approved the harbour plan in May."),
        last,
    )
    assert answer.text == (
        "The plan was never put to a vote because a court stopped it in June. [1] "
        "The council approved the harbour plan in May. [1]"
    )


def test_a_reason_taken_from_the_passages_keeps_the_reply_within_its_limit() -> None:
    last = PreviousTurn(
        "When was the harbour plan approved?", ("The council approved the harbour plan in May.",)
    )
    answer = reason_first(
        "why was it never put to a vote?",
        _with_passage(
            VOTE,
            "The council approved the harbour plan in May.",
            "The plan was sent to the ministry for a vote.",
        ),
        last,
        limit=2,
    )
    assert answer.text == (
        "The plan was never put to a vote because a court stopped it in June. [1] "
        "The council approved the harbour plan in May. [1]"
    )


def test_a_reason_whose_he_is_named_in_the_sentence_before_comes_after_it() -> None:
    last = PreviousTurn(
        "When was the captain fined?", ("The ferry's captain was fined on Friday.",)
    )
    answer = reason_first(
        "why?", _with_passage(FINE, "The ferry's captain was fined on Friday."), last, limit=4
    )
    assert answer.text == (
        "Captain Ivo Marsh said he knew the risk. [1] He was fined on Friday because he ignored "
        "the warnings. [1] The ferry's captain was fined on Friday. [1]"
    )


def test_meeting_with_someone_is_no_manner_a_bare_how_leads_with() -> None:
    quote = "The minister met with the union on Tuesday. The union strike was ended by raising pay."
    last = PreviousTurn("Did the strike end?", ("The minister met with the union on Tuesday.",))
    answer = reason_first(
        "how?", _with_passage(quote, "The minister met with the union on Tuesday."), last
    )
    assert answer.text == (
        "The union strike was ended by raising pay. [1] "
        "The minister met with the union on Tuesday. [1]"
    )


RULES = (
    "New transport rules take effect on Monday, with fees that differ by region. "
    "Kelmark: drivers without a permit pay a fee of 40 crowns at each toll gate. "
    "Ostmere: ferries may not carry more than 200 passengers, and night crossings end."
)


def test_a_place_named_anew_leads_when_the_reply_names_it_nowhere() -> None:
    kelmark = "Kelmark: drivers without a permit pay a fee of 40 crowns at each toll gate."
    opening = "New transport rules take effect on Monday, with fees that differ by region."
    resolution = Resolution(
        "and in Ostmere, what changes?",
        "And in Ostmere, what changes? (following: What is the fee for drivers without a permit?)",
        REFERENCE,
    )
    answer = named_anew_first(
        resolution, _with_passage(RULES, kelmark, opening), frozenset({"a1"}), limit=2
    )
    assert answer.text == (
        "Ostmere: ferries may not carry more than 200 passengers, and night crossings end. [1] "
        f"{kelmark} [1]"
    )
    # Not from an article the last answer did not cite.
    assert (
        named_anew_first(
            resolution, _with_passage(RULES, kelmark, opening), frozenset({"b2"}), limit=2
        ).text
        == f"{kelmark} [1] {opening} [1]"
    )
