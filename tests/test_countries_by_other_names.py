"""A country asked about by one of its names is met by another ("America": "the United
States"): a figure put "across the United States' north-east" is no figure of another
place, and the name counts as covered however rare its word in the articles, so a
one-article corpus answers "How many homes in America …?". Another country still gets an
abstention. Written for these tests."""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.search.assistant import Assistant

STORM = """Storm leaves thousands without power in the US north-east

By Mark Ellis

NEW YORK - A winter storm knocked out power to more than 300,000 homes across the United \
States' north-east on Sunday, utility companies said.

Dr. Helen Park, a meteorologist at Columbia University, said the storm had brought wind \
gusts of up to 110 km/h. New York City's mayor, Eric Adams, urged residents to stay indoors.

In Boston, about 40 cm of snow fell overnight, the heaviest fall since the 1990s. Logan \
International Airport cancelled 600 flights.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return assistant_over(tmp_path_factory.mktemp("countries"), {"storm.txt": STORM})


HOMES = (
    "A winter storm knocked out power to more than 300,000 homes across the United States' "
    "north-east on Sunday, utility companies said. [1]"
)


@pytest.mark.parametrize(
    "question",
    ["How many homes in America lost power?", "How many homes in the United States lost power?"],
)
def test_a_figure_for_a_country_by_another_of_its_names_answers(
    assistant: Assistant, question: str
) -> None:
    answer = asked(assistant, question)
    assert not answer.abstained
    assert answer.text.startswith(HOMES)


def test_a_figure_for_another_country_gets_an_abstention(assistant: Assistant) -> None:
    answer = asked(assistant, "How many homes in Canada lost power?")
    assert answer.text == f"The indexed articles don't say this for Canada. Closest: {HOMES}"
