"""Questions in the words people ask with: a request's framing ("Tell me about …", "Please
explain …", "What do we know about …?") is no constraint an article must meet, and a
question naming a person whom a passage names word for word is on topic, however little
else its similarity can weigh. Written for these tests."""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.search.answer import ABSTENTION
from qa.search.assistant import Assistant

STORY = (
    "Harbour Logistics to cut 900 jobs after failed listing\n\n"
    "Harbour Logistics will cut 900 jobs by March, the freight company said on Tuesday, two "
    "weeks after it shelved plans for a stock market listing.\n\n"
    "The cuts will fall mostly on warehouse staff in the north, said the company's recently "
    'named chief executive, Orla Fennimore, in a letter to employees. "We have to become a '
    "smaller and faster company,\" added Fennimore, who ran the firm's rail division until "
    "June.\n\n"
    "The company employed 7,400 people at the end of last year. Its shares in private trading "
    "have lost half their value since the summer.\n"
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return assistant_over(tmp_path_factory.mktemp("requests"), {"harbour.txt": STORY})


@pytest.mark.parametrize(
    "question",
    [
        "Who is Orla Fennimore?",
        "Tell me about Orla Fennimore.",
        "What do we know about Orla Fennimore?",
        "Who exactly is Orla Fennimore?",
    ],
)
def test_a_question_about_a_person_the_articles_name_is_answered(
    assistant: Assistant, question: str
) -> None:
    answer = asked(assistant, question)
    assert not answer.abstained
    assert "Fennimore" in answer.text.split(" [1]")[0]


@pytest.mark.parametrize(
    "question", ["Please explain the job cuts.", "Give me details on the job cuts."]
)
def test_the_words_of_a_request_are_no_constraint(assistant: Assistant, question: str) -> None:
    answer = asked(assistant, question)
    assert not answer.abstained
    assert answer.missing == ()


def test_a_person_no_article_names_is_still_off_topic(assistant: Assistant) -> None:
    answer = asked(assistant, "Who is Tom Brady?")
    assert answer.abstained
    assert answer.text == ABSTENTION
