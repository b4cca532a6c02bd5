"""A question asking two things ("Which city does the minister arrive in on Monday, and where
does she fly on to on Wednesday?") may find them in two passages, of two stories maybe: each of
its constraints need only be met by one of them, as for "according to both X and Y". A
constraint no passage meets still makes the reply say so."""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.search.assistant import Assistant


@pytest.fixture(scope="module")
def tour_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """Two stories on a minister's tour, her arrival in one and her next stop in the other,
    beside two stories on other things."""
    return assistant_over(
        tmp_path_factory.mktemp("tour"),
        {
            "tour.txt": (
                "Fisheries minister begins Nordic tour\n\n"
                "Fisheries minister Ana Kovač arrives in Oslo on Monday for two days of talks on "
                "fishing quotas in the North Sea.\n\n"
                "The talks follow a year of disputes over mackerel catches, which fell by a fifth "
                "last season as stocks moved north. Fishing crews in the region have asked for a "
                "longer season and for help with the cost of fuel.\n\n"
                "Norwegian officials said they hoped to agree a shared limit for the coming year. "
                "Environmental groups want the limit cut further.\n"
            ),
            "centre.txt": (
                "Iceland to open cold-water fisheries centre\n\n"
                "A new research centre for cold-water fisheries opens near the harbour this week, "
                "the first of its kind in the region.\n\n"
                "Fisheries minister Ana Kovač flies on to Reykjavik on Wednesday to open the "
                "centre, after her talks in Norway.\n\n"
                "The centre will study how warmer seas change where cod and herring feed and "
                "breed. About forty scientists will work there.\n"
            ),
            "ferry.txt": (
                "Ferry timetable changes anger island residents\n\n"
                "Residents of three islands say a new ferry timetable leaves them without a "
                "morning crossing to the mainland on weekdays.\n\n"
                "The ferry company said the change was needed because two of its four boats are "
                "being repaired. It expects both to return to service by the end of the year.\n\n"
                "Island councillors have asked the regional government to pay for a temporary "
                "boat.\n"
            ),
            "library.txt": (
                "City library to close two branches\n\n"
                "The city council voted to close two branch libraries next year to save money on "
                "buildings.\n\n"
                "The council said books and computers would move to the central library, which "
                "will open for longer hours. Opponents said older readers would struggle to "
                "travel into the centre.\n\n"
                "A petition to keep the branches open has gathered more than 3,000 names.\n"
            ),
        },
    )


def test_each_part_of_a_question_is_answered_from_the_passage_that_holds_it(
    tour_assistant: Assistant,
) -> None:
    answer = asked(
        tour_assistant,
        "Which city does the minister arrive in on Monday, and where does she fly on to on "
        "Wednesday?",
    )
    assert answer.text == (
        "Fisheries minister Ana Kovač arrives in Oslo on Monday for two days of talks on "
        "fishing quotas in the North Sea. [2] Fisheries minister Ana Kovač flies on to "
        "Reykjavik on Wednesday to open the centre, after her talks in Norway. [1]"
    )


def test_a_part_no_passage_meets_still_says_so(tour_assistant: Assistant) -> None:
    answer = asked(
        tour_assistant,
        "Which city does the minister arrive in on Monday, and where does she fly on to on Friday?",
    )
    assert answer.abstained
    assert answer.text == (
        "The indexed articles don't say this for Friday. Closest: Fisheries minister Ana "
        "Kovač arrives in Oslo on Monday for two days of talks on fishing quotas in the North "
        "Sea. [1]"
    )
