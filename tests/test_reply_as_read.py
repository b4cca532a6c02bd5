"""Replies as a reader judges them: a quotation shown whole (its opening mark with its
closing one), a sentence whose subject is "they" read with the one naming them, "How long
is <a thing>?" answered by a length, a count of "children" by one of "pupils", and a short
question whose words a passage says together kept on topic. Written for these tests."""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.search.answer_types import asks_length
from qa.search.assistant import Assistant

WEAVERS = """Women weavers win orders from abroad

By Lena Moss

A cooperative of twelve women in the mountain town has brought back the hand-woven \
carpets their grandmothers made, and now sells them in Europe.

"When we started, nobody believed that carpets could feed a family. We sold our first \
carpet after a year. It is not a job for one person, it is work for a group," commented \
Nodira Karimova, who chairs the cooperative. The group now employs 40 weavers.

The cooperative plans to open a shop in the capital next spring.
"""
FUNGUS = """Students' discovery may help farmers

By Omar Haddad

Two students at the agricultural university, Aida Nurlan and Timur Bek, spent a summer \
testing soil in the steppe. The work was unpaid and the weather was harsh. They discovered \
a fungus that protects wheat roots from drought.

The university has applied for a patent.
"""
BORDER = """Border crossing reopens after three years

By Dana Kim

The border between the two countries reopened on Monday after being closed for three years.

The frontier runs for 1,700 kilometres through mountains and desert. Trucks waited for up \
to six hours at the main crossing on the first day.

Traders said the closure had cost them dearly.
"""
SCHOOLS = """Region opens new schools as numbers grow

By Ali Rahimov

The regional government opened 25 new schools this year to cope with a growing population.

The new buildings will take in about 11,000 pupils from September, officials said. Some \
800 teachers have been hired to staff them.
"""
HARBOUR = """Stranded sailors find a bed ashore

By Tom Ellis

"They locked the doors at night. We had no phones and no pay for months. It was a prison," \
said Anna Roe, a cook, speaking at the office of the harbour charity Safe Moorings. The group \
shelters seafarers left unpaid by their employers.

The port authority says it will inspect the ship next week.
"""
ROADS = """Government promises new roads before winter

By Erik Lund

The transport ministry said on Tuesday that 400 kilometres of mountain roads would be \
rebuilt before the first snow, at a cost of 120 million dollars paid by a loan from the \
Asian Development Bank. Work on the road to the northern valleys, closed since a landslide \
in April, will start next week, and the ministry has hired 3,000 workers from the region. \
At a rally in the capital on Wednesday, Dilnoza Karimova, the opposition leader, asked why \
the contracts had gone to a firm owned by a minister's brother, and the ministry declined \
to comment.

Drivers have waited for years for the repairs.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    articles = {
        "weavers.txt": WEAVERS,
        "fungus.txt": FUNGUS,
        "border.txt": BORDER,
        "schools.txt": SCHOOLS,
        "roads.txt": ROADS,
        "harbour.txt": HARBOUR,
    }
    return assistant_over(tmp_path_factory.mktemp("reader"), articles)


def test_a_quotation_closed_in_the_reply_is_opened_there_too(assistant: Assistant) -> None:
    answer = asked(assistant, "Who said running the cooperative is work for a group?")
    assert answer.text == (
        '"When we started, nobody believed that carpets could feed a family. [1] It is not a '
        'job for one person, it is work for a group," commented Nodira Karimova, who chairs '
        "the cooperative. [1]"
    )


def test_a_quotation_is_shown_in_its_order_up_to_its_close(assistant: Assistant) -> None:
    answer = asked(assistant, "What did Nodira Karimova say about the carpet business?")
    assert answer.text.startswith(
        '"When we started, nobody believed that carpets could feed a family. [1] We sold our '
        "first carpet after a year. [1] It is not a job for one person, it is work for a "
        'group," commented Nodira Karimova, who chairs the cooperative. [1]'
    )


def test_a_sentence_brought_beside_the_answer_has_its_quotation_opened(
    assistant: Assistant,
) -> None:
    answer = asked(assistant, "Which group gives seafarers a bed?")
    assert answer.text == (
        '"They locked the doors at night. [1] It was a prison," said Anna Roe, a cook, speaking '
        "at the office of the harbour charity Safe Moorings. [1] The group shelters seafarers "
        "left unpaid by their employers. [1]"
    )


def test_who_did_it_is_answered_with_the_people_they_stands_for(assistant: Assistant) -> None:
    answer = asked(assistant, "Who discovered the fungus that protects wheat?")
    assert answer.text == (
        "Two students at the agricultural university, Aida Nurlan and Timur Bek, spent a "
        "summer testing soil in the steppe. [1] They discovered a fungus that protects wheat "
        "roots from drought. [1]"
    )


def test_how_long_a_thing_is_is_answered_by_its_length(assistant: Assistant) -> None:
    answer = asked(assistant, "How long is the border?")
    assert answer.text.startswith(
        "The frontier runs for 1,700 kilometres through mountains and desert. [1]"
    )


def test_how_long_a_thing_stayed_so_is_answered_by_a_time(assistant: Assistant) -> None:
    answer = asked(assistant, "How long was the border closed?")
    assert answer.text == (
        "The border between the two countries reopened on Monday after being closed for "
        "three years. [1]"
    )


def test_a_count_of_children_is_answered_by_a_count_of_pupils(assistant: Assistant) -> None:
    answer = asked(assistant, "How many children will the new schools take?")
    assert not answer.abstained
    assert answer.text.startswith(
        "The new buildings will take in about 11,000 pupils from September, officials said. [1]"
    )


def test_a_count_of_what_no_article_names_still_abstains(assistant: Assistant) -> None:
    answer = asked(assistant, "How many janitors work at the new schools?")
    assert answer.abstained
    assert answer.text.startswith("The indexed articles don't say this for “janitors”.")


def test_a_short_question_a_sentence_says_together_is_on_topic(assistant: Assistant) -> None:
    answer = asked(assistant, "What is the name of the opposition leader?")
    assert answer.text == (
        "At a rally in the capital on Wednesday, Dilnoza Karimova, the opposition leader, "
        "asked why the contracts had gone to a firm owned by a minister's brother, and the "
        "ministry declined to comment. [1]"
    )


@pytest.mark.parametrize(
    "question", ["What is the name of the bank?", "What is the capital of France?"]
)
def test_a_short_question_no_sentence_says_stays_off_topic(
    assistant: Assistant, question: str
) -> None:
    assert asked(assistant, question).text == "The indexed articles don't answer this."


@pytest.mark.parametrize(
    ("question", "length"),
    [
        ("How long is the runway at the new airport?", True),
        ("How tall is the tower?", True),
        ("How deep is the lake?", True),
        ("How long was the strike?", False),
        ("How long is the sentence?", False),
        ("How long did the bridge take to build?", False),
        ("How long was the border closed?", False),
        ("How long is it?", False),
    ],
)
def test_how_long_a_thing_asks_a_length_and_an_event_a_time(question: str, length: bool) -> None:
    assert asks_length(question) is length
