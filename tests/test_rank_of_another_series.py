"""A question about one of a series ("the thirteenth stage") is not answered by a reply about
another of it ("the twelfth stage"), whatever it asks."""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.search.assistant import Assistant


@pytest.fixture(scope="module")
def stage_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """A news article on the winner of one stage of a race."""
    return assistant_over(
        tmp_path_factory.mktemp("stage"),
        {
            "stage.txt": (
                "Lee takes the twelfth stage\n\n"
                "Ann Lee won the twelfth stage of the Tour of Kelso on Sunday, finishing 20 "
                "seconds clear of the pack.\n\n"
                "The race ends in Dunmore next week.\n"
            ),
        },
    )


def test_the_winner_of_another_stage_is_not_the_winner_of_the_asked_one(
    stage_assistant: Assistant,
) -> None:
    other = asked(stage_assistant, "Who won the thirteenth stage of the Tour of Kelso?")
    assert other.text == (
        "The indexed articles don't say this for the thirteenth stage. Closest: Ann Lee won "
        "the twelfth stage of the Tour of Kelso on Sunday, finishing 20 seconds clear of the "
        "pack. [1]"
    )
    own = asked(stage_assistant, "Who won the twelfth stage of the Tour of Kelso?")
    assert not own.abstained
    assert own.text.startswith("Ann Lee won the twelfth stage of the Tour of Kelso on Sunday")
