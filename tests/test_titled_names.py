"""A person asked about by a courtesy title and surname ("Mr Mezzour", "Dr Park") is the
one the article names in full without the title; a body asked about with its office in
capitals ("Renault's CEO") is met by the body, and the office is read as the office rules
read it ("chief executive"). Written for these tests."""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.search.assistant import Assistant

PLANT = """French carmaker to build plant in Morocco

By Hana Said

PARIS, 3 March 2024 (AFP) - Renault, France's second-largest carmaker, said on Tuesday it \
would spend 1.1 billion euros on a new factory near Tangier, creating about 2,500 jobs.

Morocco's industry minister, Ryad Mezzour, said the deal showed that the kingdom had become \
"a serious player" in the car industry. Renault's chief executive, Luca de Meo, called \
Morocco "a natural partner".
"""

STORM = """Storm leaves thousands without power in the US north-east

By Mark Ellis

NEW YORK - A winter storm knocked out power to more than 300,000 homes across the United \
States' north-east on Sunday, utility companies said.

Dr. Helen Park, a meteorologist at Columbia University, said the storm had brought wind \
gusts of up to 110 km/h.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return assistant_over(
        tmp_path_factory.mktemp("titled"), {"plant.txt": PLANT, "storm.txt": STORM}
    )


MEZZOUR = (
    "Morocco's industry minister, Ryad Mezzour, said the deal showed that the kingdom had "
    'become "a serious player" in the car industry. [1]'
)


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("What did Mr Mezzour say?", MEZZOUR),
        (
            "What did Dr Park say?",
            "Dr. Helen Park, a meteorologist at Columbia University, said the storm had "
            "brought wind gusts of up to 110 km/h. [1]",
        ),
        (
            "What did Mr de Meo say about Morocco?",
            'Renault\'s chief executive, Luca de Meo, called Morocco "a natural partner". [1]',
        ),
    ],
)
def test_a_title_and_surname_ask_about_the_person_the_article_names_in_full(
    assistant: Assistant, question: str, opening: str
) -> None:
    answer = asked(assistant, question)
    assert not answer.abstained
    assert answer.text.startswith(opening)


def test_an_office_in_capitals_is_no_part_of_the_name_of_the_body(assistant: Assistant) -> None:
    answer = asked(assistant, "What did Renault's CEO say?")
    assert not answer.abstained
    assert answer.text.startswith(
        'Renault\'s chief executive, Luca de Meo, called Morocco "a natural partner". [1]'
    )


def test_a_titled_name_no_article_writes_still_gets_an_abstention(assistant: Assistant) -> None:
    answer = asked(assistant, "What did Mr Okafor say about the factory?")
    assert answer.abstained
