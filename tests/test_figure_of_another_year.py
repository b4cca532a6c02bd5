"""A number question asking a figure for a year (a day of the week) is not answered by figure
sentences that each give another year (day) and never the asked one ("won the race in 2024 by
12 seconds" for "… in 2023?", "by Wednesday evening" for "by Thursday evening")."""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.search.answerability import Assessment, check_reply
from qa.search.assistant import Assistant

MET = Assessment((), (1,), 1, (), 0.8)


def test_a_figure_given_only_for_another_year_is_no_figure_for_the_asked_one() -> None:
    said = ["Holm won the race in 2024 by only 12 seconds.", "Last year's winner lost time."]
    checked = check_reply("By how many seconds did Holm win the race in 2023?", said, MET, 1)
    assert checked.reply(said[checked.shown], 1) == (
        "The indexed articles give no figure for 2023. Closest: Holm won the race in 2024 by "
        "only 12 seconds. [1]"
    )


def test_a_figure_given_only_for_another_day_is_no_figure_for_the_asked_one() -> None:
    said = ["By Wednesday evening the company had restored power to 90,000 homes."]
    checked = check_reply("How many homes had power back by Thursday evening?", said, MET, 1)
    assert checked.reply(said[0], 1) == (
        f"The indexed articles give no figure for Thursday. Closest: {said[0]} [1]"
    )
    # The asked day named, or no day at all: the figure may be the asked day's.
    for stands in (["On Thursday, 90,000 homes had power back."], ["90,000 homes had power."]):
        assert check_reply("How many homes had power back by Thursday?", stands, MET, 1).met


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("By how many seconds did Holm win in 2024?", ["Holm won in 2024 by 12 seconds."]),
        # A year before a comma is a year ("In February 2015, …").
        ("How many games did Sky bid for in 2015?", ["In 2015, Sky bid for 120 games from 2016."]),
        # A figure sentence with no year may be of the asked one.
        ("How many people lived in Kelso in 2010?", ["Kelso had 4,000 people."]),
        # A year counted from is met by a figure of a later year.
        ("How many people have moved to Kelso since 2010?", ["In 2015, 400 people moved in."]),
    ],
)
def test_a_figure_that_may_be_of_the_asked_year_stands(question: str, said: list[str]) -> None:
    assert check_reply(question, said, MET, 1).met


@pytest.fixture(scope="module")
def marathon_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """A news article giving a runner's winning margin for one year, and another year beside."""
    return assistant_over(
        tmp_path_factory.mktemp("marathon"),
        {
            "marathon.txt": (
                "Ilves wins Tallinn marathon again\n\n"
                "Marta Ilves won the Tallinn marathon on Sunday, ahead of 4,200 other "
                "runners.\n\n"
                "Ilves also won the race in 2019 by 48 seconds. She finished second in 2021, "
                "behind a Kenyan runner.\n"
            ),
        },
    )


def test_a_winning_margin_of_another_year_is_not_given_for_the_asked_year(
    marathon_assistant: Assistant,
) -> None:
    other = asked(marathon_assistant, "By how many seconds did Ilves win the race in 2021?")
    assert other.text == (
        "The indexed articles give no figure for 2021. Closest: Ilves also won the race in "
        "2019 by 48 seconds. [1]"
    )
    assert other.to_json()["missing"] == [{"kind": "year", "text": "2021"}]
    own = asked(marathon_assistant, "By how many seconds did Ilves win the race in 2019?")
    assert not own.abstained
    assert own.text.startswith("Ilves also won the race in 2019 by 48 seconds.")


@pytest.fixture(scope="module")
def power_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """A news article giving a figure for one day of the week, and another day beside."""
    return assistant_over(
        tmp_path_factory.mktemp("power"),
        {
            "power.txt": (
                "Power back in most homes after the storm\n\n"
                "By Wednesday evening the utility Nordkraft had restored power to 90,000 "
                "homes, the company said.\n\n"
                "Crews will keep working through Thursday in the hill villages.\n"
            ),
        },
    )


def test_a_figure_of_another_day_is_not_given_for_the_asked_day(
    power_assistant: Assistant,
) -> None:
    other = asked(power_assistant, "How many homes had Nordkraft restored by Thursday evening?")
    assert other.text == (
        "The indexed articles give no figure for Thursday. Closest: By Wednesday evening the "
        "utility Nordkraft had restored power to 90,000 homes, the company said. [1]"
    )
    own = asked(power_assistant, "How many homes had Nordkraft restored by Wednesday evening?")
    assert not own.abstained
    assert own.text.startswith("By Wednesday evening the utility Nordkraft had restored power")
