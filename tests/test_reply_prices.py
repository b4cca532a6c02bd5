"""A question asking what something costs is answered by a sum of money: the other figures
of the thing priced (its size, its launch year) are no price."""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.search.answer_types import asks_money, gives_money
from qa.search.answerability import Assessment, check_reply
from qa.search.assistant import Assistant


@pytest.mark.parametrize(
    "question",
    [
        "What will the new laptop cost?",
        "What does a session at the oxygen bar cost?",
        "How much will the new laptop cost?",
        "What is the price of the new laptop?",
    ],
)
def test_questions_asking_what_something_costs_ask_for_money(question: str) -> None:
    assert asks_money(question)


@pytest.mark.parametrize("said", ["Rs 299", "71,350 euro", "HK$176", "₹300", "1 dollar"])
def test_sums_of_money_in_more_currencies(said: str) -> None:
    assert gives_money(f"It costs {said} a month.")


def test_a_price_question_is_not_answered_by_the_other_figures_of_the_thing() -> None:
    met = Assessment((), (1,), 1, (), 0.8)
    question = "What will the new 13-inch laptop cost?"
    said = ["The maker plans a new 13-inch laptop with a new keyboard in the first half of 2020."]
    assert check_reply(question, said, met, 1).reply(said[0], 1) == (
        "The indexed articles give no figure for the sum asked. Closest: The maker plans a new "
        "13-inch laptop with a new keyboard in the first half of 2020. [1]"
    )
    priced = ["The new 13-inch laptop will cost Rs 99,000 when it goes on sale in 2020."]
    assert check_reply(question, priced, met, 1) == met


@pytest.fixture(scope="module")
def laptop_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return assistant_over(
        tmp_path_factory.mktemp("laptops"),
        {
            "laptop.txt": (
                "Kelso Computers to release a 13-inch laptop with a new keyboard next year\n\n"
                "Kelso Computers plans to release a new 13-inch Aero laptop with a scissor "
                "keyboard in the first half of 2020, according to industry sources.\n\n"
                "The display will remain 13.3 inches, and two suppliers will make the keyboards "
                "for the smaller notebook.\n"
            ),
            "phone.txt": (
                "Kelso Computers cuts the price of its Nimbus phone\n\n"
                "The Nimbus phone now costs $499, down from $649, Kelso Computers said on "
                "Monday.\n"
            ),
        },
    )


def test_a_laptop_whose_price_no_article_gives_is_said_to_have_none(
    laptop_assistant: Assistant,
) -> None:
    answer = asked(laptop_assistant, "What will the 13-inch Aero laptop cost?")
    assert answer.abstained
    assert answer.text.startswith("The indexed articles give no figure for")
    priced = asked(laptop_assistant, "What does the Nimbus phone cost?")
    assert not priced.abstained
    assert priced.text.startswith("The Nimbus phone now costs $499, down from $649")
