"""A question in parts says a sentence once, whether one part keeps its dateline ("PORT ARLEN
— …", where that part names the place) and another not; "What did he tell supporters?" asks
for words, which a story gives with "told", not for the word "tell". Written for these
tests."""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.search.assistant import Assistant

ELECTION = """Opposition wins mayoral race in Port Arlen

By Nadia Reyes | Coastal Times | 4 November 2024

PORT ARLEN — Opposition candidate Marcus Lindqvist won the mayoral election on Sunday with \
54 percent of the vote, ending twelve years of rule by the Civic Party.

Turnout was 61 percent, the highest since 1998, the electoral commission said.

Lindqvist, a 47-year-old former schoolteacher, promised to build 3,000 affordable homes and \
to reopen the town's only hospital ward for children. He will take office on 1 January.

The outgoing mayor, Erik Sand, conceded defeat late on Sunday. "The voters have spoken, and \
I wish him well," Sand told supporters at the town hall.

Analysts said housing costs decided the race. Rents in Port Arlen have risen by a third \
since 2020, according to the national statistics office.

What happens next

The new council meets for the first time on 8 January. The Civic Party kept 11 of the 25 \
council seats, so Lindqvist will need the support of the Greens to pass his budget.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return assistant_over(tmp_path_factory.mktemp("parts"), {"election.txt": ELECTION})


def test_a_sentence_answering_two_parts_is_said_once_with_its_dateline(
    assistant: Assistant,
) -> None:
    answer = asked(
        assistant, "Who won the mayoral election in Port Arlen and with what share of the vote?"
    )
    assert answer.text.startswith(
        "PORT ARLEN — Opposition candidate Marcus Lindqvist won the mayoral election on Sunday "
        "with 54 percent of the vote, ending twelve years of rule by the Civic Party. [1]"
    )
    assert answer.text.count("Opposition candidate Marcus Lindqvist") == 1


def test_what_someone_told_supporters_is_answered_from_told(assistant: Assistant) -> None:
    answer = asked(assistant, "Who is the outgoing mayor and what did he tell supporters?")
    assert not answer.abstained
    assert answer.text == (
        'The outgoing mayor, Erik Sand, conceded defeat late on Sunday. [1] "The voters have '
        'spoken, and I wish him well," Sand told supporters at the town hall. [1]'
    )
