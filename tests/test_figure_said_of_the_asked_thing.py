"""A figure sentence that speaks of the asked thing without its name still gives its figure: a
speaker's "we" stands for the party the quote is said for ("With more than 6 million scooters
sold, we believe …", said the maker's director), and "The six-module course …" for the course
the question names. The name standing only in a sentence beside it is no sign that the figure
is another's."""

from __future__ import annotations

import pytest

from qa.records import Constraint
from qa.search.answerability import Assessment, check_reply


def _checked(question: str, said: list[str], name: str) -> Assessment:
    """The check of a reply to a question whose passages met its ``name``."""
    met = Assessment((Constraint("name", name, (name.lower(),)),), (1,), 1, (), 0.8)
    return check_reply(question, said, met, 1, True, (), (), ())


@pytest.mark.parametrize(
    ("question", "said", "name"),
    [
        (
            "How many Vela scooters has Corvo Motors sold?",
            [
                "“With more than 2 million Vela scooters sold, we believe the new Vela will "
                "reach new heights,” he said.",
                "“Corvo Motors has a strong line of new scooters,” said Ana Ruiz, its sales "
                "director.",
            ],
            "Corvo Motors",
        ),
        (
            "How many modules does the Clyde Docks family history course have?",
            [
                "The six-module course consists of lessons, exercises and self-graded exams.",
                "Students learn to find an ancestor who worked on the Clyde Docks.",
            ],
            "Clyde Docks",
        ),
    ],
)
def test_a_figure_said_of_the_asked_thing_without_its_name_answers(
    question: str, said: list[str], name: str
) -> None:
    assert _checked(question, said, name).met


def test_a_figure_of_a_bare_thing_the_question_does_not_name_is_still_another_s() -> None:
    checked = _checked(
        "How many homes lost power in Asturias?",
        [
            "The storm cut power to about 120,000 homes in Galicia.",
            "In neighbouring Asturias, the storm closed a motorway.",
        ],
        "Asturias",
    )
    assert not checked.met
