"""A question asking how heavy (tall, deep, wide, far, hot, fast) something is is not answered
by figures in units of another dimension: "8.2 metres across" is no weight."""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.records import Constraint
from qa.search.answerability import Assessment, check_reply
from qa.search.assistant import Assistant


@pytest.mark.parametrize(
    ("question", "said", "text"),
    [
        (
            "How heavy is the mirror of the Atacama telescope?",
            "Its main mirror is 8.2 metres across.",
            "The indexed articles give no weight figure for Atacama. Closest: Its main mirror "
            "is 8.2 metres across. [1]",
        ),
        (
            "How hot is the Atacama desert in summer?",
            "The Atacama desert gets 15 mm of rain a year.",
            "The indexed articles give no temperature figure for Atacama. Closest: The Atacama "
            "desert gets 15 mm of rain a year. [1]",
        ),
    ],
)
def test_a_figure_in_units_of_another_dimension_is_no_figure_of_the_asked_one(
    question: str, said: str, text: str
) -> None:
    met = Assessment((Constraint("name", "Atacama", ("atacama",)),), (1,), 1, (), 0.8)
    assert check_reply(question, [said], met, 1).reply(said, 1) == text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("How wide is the mirror?", "Its main mirror is 8.2 metres across."),
        ("How fast was the gust?", "The strongest gust, 152 km/h, was recorded at 4am."),
        # A figure with no unit may be of the asked dimension.
        ("How heavy is the bell?", "The bell weighs 2,300, the records say."),
    ],
)
def test_a_figure_in_the_asked_dimension_or_in_none_stands(question: str, said: str) -> None:
    met = Assessment((), (1,), 1, (), 0.8)
    assert check_reply(question, [said], met, 1).met


@pytest.fixture(scope="module")
def bell_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """A news article giving a bell's width and no weight."""
    return assistant_over(
        tmp_path_factory.mktemp("bell"),
        {
            "bell.txt": (
                "Abbey bell rings again\n\n"
                "The great bell of Kelso Abbey, cast in 1720, is 2.1 metres across.\n\n"
                "It was rung on Sunday for the first time in forty years.\n"
            ),
        },
    )


def test_the_weight_of_a_bell_is_not_answered_with_its_width(bell_assistant: Assistant) -> None:
    weight = asked(bell_assistant, "How heavy is the great bell of Kelso Abbey?")
    assert weight.text == (
        "The indexed articles give no weight figure for Kelso Abbey. Closest: The great bell "
        "of Kelso Abbey, cast in 1720, is 2.1 metres across. [1]"
    )
    width = asked(bell_assistant, "How wide is the great bell of Kelso Abbey?")
    assert not width.abstained
    assert width.text.startswith("The great bell of Kelso Abbey, cast in 1720, is 2.1 metres")
