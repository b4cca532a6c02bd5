"""A figure the reply gives to another named subject of the asked verb is no figure for the
name the question asks about, however near the article names it."""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.search.answerability import subject_of_another
from qa.search.assistant import Assistant


def test_a_figure_said_of_another_subject_of_the_verb_is_found() -> None:
    said = ["Its chief said Kelso employs about 450 engineers in the city."]
    found = subject_of_another("How many engineers does Nordvik employ?", said)
    assert found is not None
    assert (found[0].text, found[1]) == ("Nordvik", 0)


@pytest.mark.parametrize(
    "said",
    [
        "Its chief said Nordvik employs about 450 engineers in the city.",
        "It employs about 450 engineers in the city.",
        "The company employs about 450 engineers in the city.",
    ],
)
def test_a_figure_of_the_asked_name_or_of_no_named_subject_may_be_its(said: str) -> None:
    assert subject_of_another("How many engineers does Nordvik employ?", [said]) is None


@pytest.fixture(scope="module")
def software(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return assistant_over(
        tmp_path_factory.mktemp("employers"),
        {
            "kelso.txt": (
                "Kelso opens its second office in Portvik\n\n"
                "Kelso's chief executive spoke on Tuesday in a fireside chat with Nordvik "
                "founder Ann Berg at the Nordvik conference in Portvik.\n\n"
                "The two companies share many customers, and Nordvik sells Kelso's software "
                "to banks.\n\n"
                "The chief executive said Kelso employs about 450 engineers in Portvik, and "
                "that the new office will hold 200 more.\n"
            ),
        },
    )


def test_how_many_a_company_named_in_the_article_employs_is_not_told_by_anothers_figure(
    software: Assistant,
) -> None:
    other = asked(software, "How many engineers does Nordvik employ in Portvik?")
    assert other.text == (
        "The indexed articles give no figure for Nordvik. Closest: The chief executive said "
        "Kelso employs about 450 engineers in Portvik, and that the new office will hold 200 "
        "more. [1]"
    )
    own = asked(software, "How many engineers does Kelso employ in Portvik?")
    assert own.text.startswith("The chief executive said Kelso employs about 450 engineers")
