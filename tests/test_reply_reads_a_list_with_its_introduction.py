"""A sentence ending in a colon introduces the list after it ("The final standings were as
follows:" before "1. Tallinn", "2. Riga" …), and a list's short lines say nothing without it:
the reply may cite the two together, so that what the list ranks or holds can answer."""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.search.assistant import Assistant
from qa.search.sentence_choice import introduces_list


@pytest.fixture(scope="module")
def ranking_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """A news story with a ranked list and a story with a list of tips, each introduced by a
    sentence ending in a colon."""
    return assistant_over(
        tmp_path_factory.mktemp("lists"),
        {
            "ports.txt": (
                "Baltic ports ranked on cleaner shipping\n\n"
                "A study by the Nordic Transport Institute ranked twelve Baltic ports on how much "
                "they cut emissions from ships at berth last year.\n\n"
                "The ports were scored on shore power, electric cranes and low-sulphur fuel. "
                "Several of them have spent heavily on new equipment since 2020.\n\n"
                "The top five ports in the final standings were as follows:\n"
                "1. Tallinn\n"
                "2. Riga\n"
                "3. Gdansk\n"
                "4. Kiel\n"
                "5. Turku\n\n"
                "The institute said smaller ports had struggled to pay for shore power.\n"
            ),
            "bakery.txt": (
                "How small bakeries can sell more online\n\n"
                "Small bakeries that sell online lose many buyers at the last step, when delivery "
                "costs appear.\n\n"
                "For example, the consultant Mira Holm at Crumb Advisers suggested in her guide "
                "to online selling that bakeries should test:\n\n"
                "Free delivery over 20 euros versus a flat delivery fee\n\n"
                "Bakeries that tried this sold more, the guide says.\n"
            ),
        },
    )


def test_a_ranked_list_answers_with_the_sentence_that_introduces_it(
    ranking_assistant: Assistant,
) -> None:
    answer = asked(ranking_assistant, "Which port came first in the final standings?")
    assert answer.text.startswith(
        "The top five ports in the final standings were as follows: 1. Tallinn 2. Riga "
        "3. Gdansk 4. Kiel 5. Turku [1]"
    )


def test_who_suggested_a_listed_test_is_answered_by_the_sentence_introducing_the_list(
    ranking_assistant: Assistant,
) -> None:
    answer = asked(
        ranking_assistant, "Who suggested testing free delivery versus a flat delivery fee?"
    )
    assert answer.text.startswith(
        "For example, the consultant Mira Holm at Crumb Advisers suggested in her guide to "
        "online selling that bakeries should test: Free delivery over 20 euros versus a flat "
        "delivery fee [1]"
    )


@pytest.mark.parametrize(
    ("sentence", "introduces"),
    [
        ("The overall rankings of the countries were as follows:", True),
        ("Neil Patel at QuickSprout suggested in 7 Simple A/B Tests to Raise Sales to test:", True),
        ("IV Revolts in Kyrgyzstan:", False),  # a heading
        ("Photo: the harbour at dawn, as seen from the ferry:", False),  # a caption
        ("The rankings were as follows.", False),  # no colon: a statement of its own
    ],
)
def test_a_list_is_introduced_by_a_sentence_ending_in_a_colon(
    sentence: str, introduces: bool
) -> None:
    assert introduces_list(sentence) is introduces
