"""A title the asked person shares with others ("President", "Mayor", "Coach") names none of
them: a date or figure a sentence gives "President Ann Dahl" is no date or figure of
President Lind's, however the sentence writes the title."""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.records import Constraint
from qa.search.answerability import Assessment, check_reply
from qa.search.assistant import Assistant

#: Passages that met "On what date did President Lind lift the embargo?".
MET = Assessment((Constraint("name", "President Lind", ("presid", "lind")),), (1,), 1, (), 0.8)


def test_a_date_given_another_holder_of_the_title_is_no_date_of_the_asked_one() -> None:
    said = ["In 1997, President Ann Dahl imposed a trade embargo against Norland."]
    checked = check_reply("On what date did President Lind lift the embargo?", said, MET, 1)
    assert checked.reply(said[checked.shown], 1) == (
        f"The indexed articles give no date for President Lind. Closest: {said[0]} [1]"
    )


@pytest.mark.parametrize(
    "said",
    [
        "In 2017, President Lind lifted the trade embargo against Norland.",
        "In 2017, Lind lifted the trade embargo against Norland.",
        "In 2017, the president lifted the trade embargo against Norland.",
    ],
)
def test_a_date_of_the_asked_holder_or_of_no_named_one_stands(said: str) -> None:
    assert check_reply("On what date did President Lind lift the embargo?", [said], MET, 1).met


@pytest.fixture(scope="module")
def council(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """A town story naming two mayors: the one who opened the bridge and the one now."""
    return assistant_over(
        tmp_path_factory.mktemp("council"),
        {
            "bridge.txt": (
                "Kelso bridge to close for repairs\n\n"
                "Mayor Ola Berg said the Harbour Bridge will close for repairs, and that the "
                "ferry will carry cars across the river while it is shut.\n\n"
                "In 2009, Mayor Tom Ray opened the Harbour Bridge, which carries 12,000 cars a "
                "day across the river.\n"
            ),
        },
    )


def test_when_a_mayor_opened_a_bridge_is_not_told_by_another_mayors_date(
    council: Assistant,
) -> None:
    other = asked(council, "In what year did Mayor Berg open the Harbour Bridge?")
    assert other.text == (
        "The indexed articles give no date for Mayor Berg. Closest: In 2009, Mayor Tom Ray "
        "opened the Harbour Bridge, which carries 12,000 cars a day across the river. [1]"
    )
    own = asked(council, "In what year did Mayor Ray open the Harbour Bridge?")
    assert not own.abstained
    assert "In 2009, Mayor Tom Ray opened the Harbour Bridge" in own.text
