"""``tell me more``: what the last answer's passages hold beyond what it showed, read on."""

from __future__ import annotations

from pathlib import Path

import pytest
from written_articles import assistant_over

from qa.evaluation.run import CorpusText, citation_problem
from qa.search.assistant import Assistant
from qa.search.conversation import NOTHING_MORE

BRIDGE = [
    "Mayor Lena Ortiz opened the new Harbour Bridge in Portvale on Monday.",
    "The bridge cost 84 million euros and took three years to build.",
    "Ortiz said the bridge would cut the drive to the airport by twenty minutes.",
    "Engineers from Delft designed its single steel arch.",
    "Cyclists get a separate lane on the east side.",
    "The old ferry will keep running until the end of the summer.",
]


@pytest.fixture(scope="module")
def bridge(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    root: Path = tmp_path_factory.mktemp("more")
    article = "Portvale opens its new bridge\n\n" + " ".join(BRIDGE) + "\n"
    return assistant_over(root, {"bridge.txt": article})


def test_tell_me_more_reads_on_in_the_passages_the_last_answer_cited(bridge: Assistant) -> None:
    conversation = bridge.conversation()
    first = conversation.ask("How much did the Harbour Bridge cost?")
    shown = [s for s in BRIDGE if s in first.text]
    assert shown and len(shown) < len(BRIDGE)
    more = conversation.ask("tell me more")
    last_shown = max(BRIDGE.index(s) for s in shown)
    unseen = [s for s in BRIDGE if s not in shown]
    reading_on = [s for s in unseen if BRIDGE.index(s) > last_shown]
    expected = (reading_on + [s for s in unseen if s not in reading_on])[:3]
    assert more.text == " ".join(f"{sentence} [1]" for sentence in expected)
    assert more.resolved_question == (
        "Tell me more? (following: How much did the Harbour Bridge cost?)"
    )
    assert not more.abstained
    assert citation_problem(more, CorpusText(bridge.settings.corpus_dir)) is None


def test_tell_me_more_when_everything_was_shown_says_so(bridge: Assistant) -> None:
    conversation = bridge.conversation()
    conversation.ask("How much did the Harbour Bridge cost?")
    for _ in range(len(BRIDGE)):
        answer = conversation.ask("go on")
    assert (
        answer.text
        == NOTHING_MORE
        == ("The passages of the last answer say nothing more than it showed.")
    )
    assert answer.abstained
    follow = conversation.ask("who designed it?")
    # Still what the last searched question asked about, whatever "go on" found.
    assert follow.resolved_question == "Who designed the Harbour Bridge?"


def test_what_else_did_she_say_reads_on_only_to_what_she_said(bridge: Assistant) -> None:
    conversation = bridge.conversation()
    said = conversation.ask("What did Lena Ortiz say about the bridge?")
    assert said.text.startswith(
        "Ortiz said the bridge would cut the drive to the airport by twenty minutes. [1]"
    )
    more = conversation.ask("what else did she say?")
    # The passage holds more sentences, none of them hers: no other sentence stands in.
    assert more.text == "The passages of the last answer quote nothing more than it showed."
    assert more.abstained
