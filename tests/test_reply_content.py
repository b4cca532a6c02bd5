"""What a reply holds, through the real pipeline over small articles written for these tests
and indexed once with the real model: a headline is never an answer sentence, however much
it reads like one; the answering sentence leads even when it speaks of someone by "he",
if the question names him, or opens with "But"."""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.search.assistant import Assistant

pytestmark = pytest.mark.slow

FERRY = """\
Ferry service to the islands halted after a storm damages the old pier at Lindvik

By Anna Berg | March 3, 2024

The ferry company Nordlys stopped all sailings on Monday after waves tore two pontoons \
from the pier.

Repairs will take three weeks, harbour master Erik Dahl said.
"""

RETIREMENT = """\
Lindvik harbour master retires

Lindvik, March 3, 2024

Erik Dahl, the harbour master of Lindvik, retired on Friday after forty years at the port.

He joined the harbour office in 1984 as a clerk and took charge of it in 1999.
"""

TRIAL = """\
Baker charged over hidden sales

Tromso, March 5, 2024

Jonas Vik faces up to 20 years in prison if convicted of hiding bread sales from the tax \
service.

The baker, who opened his first shop in the town two decades ago, denies all eleven counts.

Vik, 45, was charged on Tuesday after a two-year inquiry.
"""

SUCCESSION = """\
Port board names a new harbour master

Lindvik, March 4, 2024

The port board of Lindvik had planned to name the next harbour master in April. But the \
board chose the deputy Maja Lund for the post at its meeting on Friday evening.
"""

CRANES = """\
Crane purchase put back at Lindvik

Lindvik, March 6, 2024

The port of Lindvik will not buy two new harbour cranes this spring. Its board put the \
crane purchase back by a year because the tender rules were disputed. A new tender opens in \
May.
"""

FELLING = """\
Fuel thief sentenced in Tromso

Tromso, March 7, 2024

Ole Strand, who took fuel from fishing boats in Lindvik, will spend his sentence in the \
prison at Tromso. The court gave him eight months on Friday.
"""


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """An assistant over the articles, indexed once for this module."""
    return assistant_over(
        tmp_path_factory.mktemp("reply-content"),
        {"ferry.txt": FERRY, "retirement.txt": RETIREMENT, "succession.txt": SUCCESSION},
    )


def test_a_headline_without_a_full_stop_is_no_answer_sentence(newsroom: Assistant) -> None:
    answer = asked(newsroom, "Why was the ferry service to the islands halted?")
    assert answer.text == (
        "The ferry company Nordlys stopped all sailings on Monday after waves tore two "
        "pontoons from the pier. [1]"
    )


def test_a_sentence_about_he_leads_when_the_question_names_him(newsroom: Assistant) -> None:
    answer = asked(newsroom, "When did Erik Dahl join the harbour office?")
    assert answer.text == (
        "He joined the harbour office in 1984 as a clerk and took charge of it in 1999. [1] "
        "Erik Dahl, the harbour master of Lindvik, retired on Friday after forty years at the "
        "port. [1]"
    )


def test_the_sentence_naming_him_comes_first_when_the_question_does_not(
    newsroom: Assistant,
) -> None:
    answer = asked(newsroom, "Who joined the harbour office in 1984?")
    assert answer.text == (
        "Erik Dahl, the harbour master of Lindvik, retired on Friday after forty years at the "
        "port. [1] He joined the harbour office in 1984 as a clerk and took charge of it in "
        "1999. [1]"
    )


def test_a_sentence_that_only_carries_the_thought_on_leads(newsroom: Assistant) -> None:
    answer = asked(newsroom, "Whom did the board choose as harbour master on Friday evening?")
    assert answer.text == (
        "But the board chose the deputy Maja Lund for the post at its meeting on Friday "
        "evening. [1] The port board of Lindvik had planned to name the next harbour master in "
        "April. [1]"
    )


@pytest.fixture(scope="module")
def port_desk(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """An assistant over the crane order report alone."""
    return assistant_over(tmp_path_factory.mktemp("reply-why"), {"cranes.txt": CRANES})


def test_a_why_question_is_answered_first_by_the_sentence_giving_a_cause(
    port_desk: Assistant,
) -> None:
    answer = asked(port_desk, "Why did the port of Lindvik put back its crane purchase?")
    assert answer.text == (
        "Its board put the crane purchase back by a year because the tender rules were "
        "disputed. [2] The port of Lindvik will not buy two new harbour cranes this spring. [2]"
    )


@pytest.fixture(scope="module")
def park_desk(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """An assistant over the fuel theft report alone."""
    return assistant_over(tmp_path_factory.mktemp("reply-how-long"), {"felling.txt": FELLING})


def test_a_how_long_question_is_answered_first_by_the_sentence_giving_a_duration(
    park_desk: Assistant,
) -> None:
    answer = asked(park_desk, "How long will Ole Strand spend in prison?")
    assert answer.text == (
        "The court gave him eight months on Friday. [1] Ole Strand, who took fuel from fishing "
        "boats in Lindvik, will spend his sentence in the prison at Tromso. [1]"
    )


@pytest.fixture(scope="module")
def court_desk(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """An assistant over the court report alone."""
    return assistant_over(tmp_path_factory.mktemp("reply-age"), {"trial.txt": TRIAL})


def test_a_question_on_someones_age_leads_with_the_sentence_giving_it(
    court_desk: Assistant,
) -> None:
    answer = asked(court_desk, "How old is Jonas Vik?")
    assert answer.text.startswith("Vik, 45, was charged on Tuesday after a two-year inquiry. [1]")
