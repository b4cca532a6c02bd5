"""A figure a reply gives for one state or province is no figure for another the question
names, however near the article mentions it. Written for these tests."""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.search.assistant import Assistant
from qa.search.name_kinds import regions_named

STORY = (
    "Governors' races go against the president\n\n"
    "Voters went to the polls in three states this month. In Ohio, they chose a new "
    "legislature; in Nevada and Oregon, a governor.\n\n"
    "Nevada Democrats beat the sitting governor in a state the president won by 12 points "
    "in 2016. Oregon Democrats kept the governor's mansion in a state he lost by 9 points.\n"
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return assistant_over(tmp_path_factory.mktemp("regions"), {"races.txt": STORY})


def test_a_margin_given_for_another_state_is_not_given_for_the_asked_one(
    assistant: Assistant,
) -> None:
    answer = asked(assistant, "By how many points did the president win Ohio in 2016?")
    assert answer.abstained
    assert answer.text == (
        "The indexed articles give no figure for Ohio. Closest: Nevada Democrats beat the "
        "sitting governor in a state the president won by 12 points in 2016. [1]"
    )


def test_a_margin_given_for_the_asked_state_is_answered(assistant: Assistant) -> None:
    answer = asked(assistant, "By how many points did the president win Nevada in 2016?")
    assert not answer.abstained
    assert answer.text.startswith("Nevada Democrats beat the sitting governor")


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("Kentucky Democrats beat the governor in 2019.", {"kentucky"}),
        ("In New South Wales and West Virginia, floods.", {"new south wales", "west virginia"}),
        ("Victoria Beckham sailed on Lake Victoria.", set()),
        ("Virginia Woolf wrote it in Texas.", {"texas"}),
    ],
)
def test_the_states_and_provinces_a_text_names(text: str, regions: set[str]) -> None:
    assert regions_named(text) == regions
