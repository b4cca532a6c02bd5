"""A "Who is …?" question asking the holder of a role of a body ("Who is Nordhaus Cycling's
sports director?") is not answered by a reply that names no such role, or that gives the
role only to another body by name ("Velotech's sports director, Hanne Peeters")."""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.search.answerability import Assessment, check_reply
from qa.search.assistant import Assistant

MET = Assessment((), (1,), 1, (), 0.8)


@pytest.mark.parametrize(
    ("question", "said", "text"),
    [
        (
            "Who is Nordhaus Cycling's sports director?",
            [
                "Erik Lindqvist of Nordhaus Cycling finished third.",
                "Velotech's sports director, Hanne Peeters, said the team had planned it.",
            ],
            "The indexed articles name no sports director of Nordhaus Cycling. Closest: "
            "Velotech's sports director, Hanne Peeters, said the team had planned it. [1]",
        ),
        (
            "Who is the spokesman of Naturgy?",
            ["The power company Naturgy said it had restored supply to 90,000 homes."],
            "The indexed articles name no spokesman of Naturgy. Closest: The power company "
            "Naturgy said it had restored supply to 90,000 homes. [1]",
        ),
        (
            "Who is the transport minister?",
            ["The opposition leader, Ann Lee, said the trains were late."],
            "The indexed articles name no transport minister. Closest: The opposition leader, "
            "Ann Lee, said the trains were late. [1]",
        ),
    ],
)
def test_a_reply_naming_no_holder_of_the_asked_role_of_the_body_says_so(
    question: str, said: list[str], text: str
) -> None:
    checked = check_reply(question, said, MET, 1)
    assert checked.reply(said[checked.shown], 1) == text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # The role given to the asked body, or to no body by name.
        (
            "Who is Velotech's sports director?",
            ["Velotech's sports director, Hanne Peeters, said the team had planned it."],
        ),
        ("Who is Kestrel's finance director?", ["Finance director Joost Kramer said so."]),
        ("Who is the spokesman of AEMET?", ["Its spokesman, Rubén del Campo, said so."]),
        # "The head of" a body may be its president.
        ("Who is the head of Sana Sezim?", ["Sana Sezim president Ann Lee said so."]),
        # A role with no body, in one word, may be the story's own body's.
        ("Who is the chairman?", ["Tom Ray was named the bank's new chief executive."]),
    ],
)
def test_a_reply_giving_the_asked_role_to_the_asked_body_or_to_no_other_stands(
    question: str, said: list[str]
) -> None:
    assert check_reply(question, said, MET, 1).met


@pytest.fixture(scope="module")
def team_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """A news article naming one team's coach and another team's rider."""
    return assistant_over(
        tmp_path_factory.mktemp("teams"),
        {
            "race.txt": (
                "Lund wins the spring classic\n\n"
                "Ola Lund of Team Fjell won the spring classic in Bergen on Sunday.\n\n"
                "Team Skog's head coach, Mia Berg, said her riders had been unlucky with "
                "punctures.\n"
            ),
        },
    )


def test_the_coach_of_a_team_the_articles_give_no_coach_of_is_not_another_teams_coach(
    team_assistant: Assistant,
) -> None:
    other = asked(team_assistant, "Who is Team Fjell's head coach?")
    assert other.text == (
        "The indexed articles name no head coach of Team Fjell. Closest: Team Skog's head "
        "coach, Mia Berg, said her riders had been unlucky with punctures. [1]"
    )
    assert other.to_json()["missing"] == [{"kind": "office", "text": "head coach of Team Fjell"}]
    own = asked(team_assistant, "Who is Team Skog's head coach?")
    assert not own.abstained
    assert "Mia Berg" in own.text
