"""Whom a follow-up means when the conversation has spoken of more than one person: the two
people the last two turns were about (``the two of them``, then ``they``), the holder the
answer names before the role asked about, and never a title that opens with "The"."""

from __future__ import annotations

from pathlib import Path

import pytest
from written_articles import assistant_over

from qa.evaluation.run import CorpusText, citation_problem
from qa.records import Answer
from qa.search.assistant import Assistant
from qa.search.conversation import Conversation

MUSEUM = (
    "Kelso harbour museum reopens after two-year refit\n\n"
    "The Kelso Harbour Museum reopened on Saturday after a two-year refit costing £9 million.\n"
    "Ingrid Halvorsen, the museum's director, said the new galleries told "
    '"the story of every boat that ever left this quay".\n'
    "The museum's head curator, Tomas Brekke, chose the 400 objects on show.\n"
    "Ms Halvorsen and Mr Brekke both studied at the University of St Andrews "
    "and joined the museum in 2016.\n"
    "The refit was paid for by the Kelso Harbour Trust and a lottery grant.\n"
)
TRAMS = (
    "Vell tram line to open a year late\n\n"
    "The Vell Transport Board's tram line to Marsh Lane will open in 2027, a year later than "
    "planned, its director of transport has confirmed.\n"
    "The board blamed flooding at the river crossing for the delay.\n"
    "Karin Osei, the board's director of transport, said the line would still carry six million "
    "passengers a year.\n"
    "Ms Osei joined the board from the Oslo metro in 2019.\n"
)
AWARDS = (
    "Rosa Lind wins best actress at the Kelso stage awards\n\n"
    "Rosa Lind has won best actress at the Kelso stage awards for her part in the revival of "
    "The Harbour Road.\n"
    "Lind is married to the composer Erik Dahl, who wrote the music for the production.\n"
)


@pytest.fixture(scope="module")
def museum(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return assistant_over(tmp_path_factory.mktemp("museum"), {"museum.txt": MUSEUM})


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    root: Path = tmp_path_factory.mktemp("people")
    return assistant_over(root, {"trams.txt": TRAMS, "awards.txt": AWARDS})


def _asked(conversation: Conversation, question: str) -> Answer:
    answer = conversation.ask(question)
    assert citation_problem(answer, CorpusText(conversation.assistant.settings.corpus_dir)) is None
    return answer


def test_the_two_of_them_are_the_people_the_last_two_answers_named(museum: Assistant) -> None:
    conversation = museum.conversation()
    _asked(conversation, "Who is the director of the Kelso Harbour Museum?")
    _asked(conversation, "Who is the museum's head curator?")
    studied = _asked(conversation, "Where did the two of them study?")
    assert studied.resolved_question == "Where did Ingrid Halvorsen and Tomas Brekke study?"
    assert studied.text.startswith(
        "Ms Halvorsen and Mr Brekke both studied at the University of St Andrews"
    )
    joined = _asked(conversation, "When did they join the museum?")
    assert joined.resolved_question == "When did Ingrid Halvorsen and Tomas Brekke join the museum?"


def test_she_is_the_holder_the_answer_names_before_the_role_asked_about(
    desk: Assistant,
) -> None:
    conversation = desk.conversation()
    _asked(conversation, "Who is the director of transport at the Vell Transport Board?")
    before = _asked(conversation, "Where did she work before?")
    assert before.resolved_question == "Where did Karin Osei work before?"
    assert before.text.startswith("Ms Osei joined the board from the Oslo metro in 2019. [1]")


def test_he_is_never_a_title_that_opens_with_the(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "Who won best actress at the Kelso stage awards?")
    _asked(conversation, "Who is her husband?")
    did = _asked(conversation, "What did he do for the production?")
    assert did.resolved_question == (
        "What did he do for the production? (following: Who is Rosa Lind's husband?)"
    )
    assert did.text.startswith(
        "Lind is married to the composer Erik Dahl, who wrote the music for the production. [1]"
    )
