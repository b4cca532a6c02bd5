"""Replies that give the kind of answer asked for, in a small corpus of short articles
written for these tests: an age that only a lower-ranked passage gives answers "How old
…?" rather than an abstention; a question's framing word ("How old") is no word the
articles must use; "she will be 36" gives an age; a name in a question stops at a comma."""

from __future__ import annotations

import re

import pytest
from written_articles import asked, assistant_over

from qa.search.answer_types import DATE, gives_age, things
from qa.search.assistant import Assistant
from qa.search.term_matching import name_runs

RACE = """\
Quist Leads Harbour Into Her 50th Race

Mara Quist will lead the Harbour cycling team in her 50th race on Sunday, the team said.

Quist said reaching 50 races with Harbour had never been her goal.

"I just wanted to ride," she said.
"""
CAPTAIN = """\
Harbour Names Team For Coast Race

Harbour named Mara Quist as captain for Sunday's coast race, her 50th race for the team.

She is now 34 and rides for the team until 2027.
"""
ROUTE = """\
Coast Race Route Revealed

The coast race starts in Lindvik and ends on the harbour road, organisers said.

Mara Quist, riding her 50th race, called the route the hardest of the season.
"""
CONTRACT = """\
Quist Signs New Contract

Mara Quist has signed a new two-year contract with Harbour.

The contract keeps her at the team until 2027.
"""
SPRINT = """\
Mara Quist Wins Lindvik Sprint

Mara Quist won the Lindvik sprint on Saturday, her third win of the season.

"Mara Quist was simply the strongest," said race director Jon Berg.

The 2026 Lindvik sprint will again finish on the harbour road.

The sprint's new trophy goes on display in the summer.
"""
FANS = """\
Fans Cheer Mara Quist Home

Hundreds of fans cheered Mara Quist as she rode into Harbour on Monday.

Mara Quist thanked the fans and the team for their support.
"""


@pytest.fixture(scope="module")
def cycling(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """An assistant over six short articles on one rider, only one of which gives her age
    (and none says "old"), indexed once for this module."""
    root = tmp_path_factory.mktemp("asked-kind")
    stories = [RACE, CAPTAIN, ROUTE, CONTRACT, SPRINT, FANS]
    return assistant_over(root, {f"story{i}.txt": text for i, text in enumerate(stories)})


def test_an_age_only_a_lower_passage_gives_answers_how_old(cycling: Assistant) -> None:
    answer = asked(cycling, "How old is Mara Quist?")
    assert not answer.abstained
    assert answer.text.startswith("She is now 34 and rides for the team until 2027. [")
    # The passages ranked first give no age: the answer comes from one below them.
    (marker,) = {int(m) for m in re.findall(r"\[(\d+)\]", answer.text)}
    assert marker > 3
    assert "Harbour named Mara Quist as captain" in answer.text  # whom "she" stands for


def test_when_is_answered_by_the_season_not_by_a_year_naming_something(
    cycling: Assistant,
) -> None:
    answer = asked(cycling, "When does the sprint's new trophy go on display?")
    assert answer.text.startswith("The sprint's new trophy goes on display in the summer. [")


@pytest.mark.parametrize(
    ("text", "times"),
    [
        ("The trophy goes on display in the summer.", {"in the summer"}),
        ("The bridge opens later this year.", {"later this year"}),
        ("Shares fell last week and rose on Monday.", {"last week", "monday"}),
        ("Prices fall when the harvest is good.", set()),
    ],
)
def test_a_season_or_a_time_said_from_now_is_a_time(text: str, times: set[str]) -> None:
    assert things(text).by_kind[DATE] == times


def test_an_age_a_lower_passage_gives_of_someone_else_is_no_answer(cycling: Assistant) -> None:
    answer = asked(cycling, "How old is Jon Berg?")
    assert answer.abstained
    assert answer.text.startswith("The indexed articles give no age figure for Jon Berg.")


@pytest.mark.parametrize(
    ("text", "gives"),
    [
        ("The contract runs until 2027, when she will be 36.", True),
        ("Quist, who is now 34, signed again.", True),
        ("She is 12 minutes ahead of the field.", False),
        ("The team is now 4 games clear.", False),
    ],
)
def test_an_age_said_with_is_or_will_be(text: str, gives: bool) -> None:
    assert gives_age(text) is gives


def test_a_name_in_a_question_stops_at_a_comma() -> None:
    question = "How old is Quist, the Harbour captain?"
    words = list(re.finditer(r"\w+", question))
    assert [question[start:end] for start, end in name_runs(question, words)] == [
        "Quist",
        "Harbour",
    ]


CHAT = """\
Shops turn to live chat

Small shops are adding live chat to their websites.
Shops that answer buyers in real time see more sales, the top ten sellers in the survey said.
Lund Outfitters added live chat in May.
"""


@pytest.fixture(scope="module")
def shops(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return assistant_over(tmp_path_factory.mktemp("shops"), {"chat.txt": CHAT})


def test_a_percentage_asked_for_is_not_answered_by_a_count(shops: Assistant) -> None:
    answer = asked(shops, "By what percentage does live chat raise sales at small shops?")
    assert answer.text == (
        "The indexed articles give no figure for this. Closest: Shops that answer buyers in "
        "real time see more sales, the top ten sellers in the survey said. [1]"
    )
