"""A name a number or date question puts its figure with must stand with the figure: a reply
whose figure sentences never name it, and which names it only in a sentence after them, gives
the figure of something else ("120,000 homes" across the region, for "How many homes lost
power in Asturias?")."""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.records import Constraint
from qa.search.answerability import Assessment, check_reply
from qa.search.assistant import Assistant

_NAMES = ("Asturias", "Heidelberg", "Kestrel Foods", "Monaco")


def _checked(question: str, said: list[str], titles: tuple[str, ...] = ()) -> Assessment:
    """The check of a reply to a question whose passages met its names."""
    named = tuple(Constraint("name", n, (n.lower(),)) for n in _NAMES if n in question)
    met = Assessment(named, (1,), 1, (), 0.8)
    return check_reply(question, said, met, 1, True, (), (), titles)


@pytest.mark.parametrize(
    ("question", "said", "text"),
    [
        (
            "How many homes lost power in Asturias?",
            [
                "The storm cut power to about 120,000 homes in Galicia.",
                "In neighbouring Asturias, the storm closed a motorway.",
            ],
            "The indexed articles give no figure for Asturias. Closest: The storm cut power to "
            "about 120,000 homes in Galicia. [1]",
        ),
        # A measure is no count of the asked things.
        (
            "How many spectators watched the time trial in Monaco?",
            [
                "Police estimated that 85,000 spectators lined the climb.",
                "The race goes on with a 42-kilometre time trial in Monaco.",
            ],
            "The indexed articles give no figure for Monaco. Closest: Police estimated that "
            "85,000 spectators lined the climb. [1]",
        ),
        (
            "When did the Heidelberg telescope begin operating?",
            [
                "The Atacama telescope began operating in 2019.",
                "A team from Heidelberg confirmed the signal.",
            ],
            "The indexed articles give no date for Heidelberg. Closest: The Atacama telescope "
            "began operating in 2019. [1]",
        ),
    ],
)
def test_a_figure_whose_name_stands_only_after_it_is_no_figure_for_that_name(
    question: str, said: list[str], text: str
) -> None:
    assert _checked(question, said).reply(said[0], 1) == text


@pytest.mark.parametrize(
    ("question", "said", "titles"),
    [
        # The figure sentence names it.
        (
            "How many homes lost power in Asturias?",
            ["In Asturias, 4,000 homes lost power.", "Asturias reopened its schools."],
            (),
        ),
        # The reply's lead names it, and the figure follows on from it.
        (
            "How many homes lost power in Asturias?",
            ["The storm hit Asturias on Monday.", "About 4,000 homes lost power."],
            (),
        ),
        # The figure sentence speaks of it by a pronoun.
        (
            "When was Kestrel Foods founded?",
            ["Profits rose by 18%.", "It was founded in 1952.", "Kestrel Foods employs staff."],
            (),
        ),
        # The whole story is about it.
        (
            "How many homes lost power in Asturias?",
            ["About 4,000 homes lost power.", "Asturias reopened its schools."],
            ("Storm hits Asturias",),
        ),
    ],
)
def test_a_figure_that_may_be_the_named_ones_stands(
    question: str, said: list[str], titles: tuple[str, ...]
) -> None:
    assert _checked(question, said, titles).met


@pytest.fixture(scope="module")
def flood_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """A news article on a flood, with a figure for one town and a neighbouring town beside."""
    return assistant_over(
        tmp_path_factory.mktemp("flood"),
        {
            "flood.txt": (
                "River bursts its banks after days of rain\n\n"
                "The river Lenne burst its banks on Tuesday, flooding 340 houses in the town of "
                "Altena, the fire service said.\n\n"
                "Firefighters pumped water from cellars through the night. In nearby Werdohl, "
                "the flood closed the railway line to Hagen.\n"
            ),
        },
    )


def test_a_question_on_the_neighbouring_town_of_a_figure_is_not_answered_with_it(
    flood_assistant: Assistant,
) -> None:
    other = asked(flood_assistant, "How many houses were flooded in Werdohl?")
    assert other.text == (
        "The indexed articles give no figure for Werdohl. Closest: The river Lenne burst its "
        "banks on Tuesday, flooding 340 houses in the town of Altena, the fire service said. "
        "[1]"
    )
    assert other.to_json()["missing"] == [{"kind": "name", "text": "Werdohl"}]
    own = asked(flood_assistant, "How many houses were flooded in Altena?")
    assert not own.abstained
    assert own.text.startswith("The river Lenne burst its banks on Tuesday, flooding 340 houses")
