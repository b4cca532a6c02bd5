"""What a follow-up's pronoun or "the town" stands for, asked through a whole conversation over
articles written for it: a body named by the answer, a role, a place, a name in a text that
lost its capitals."""

from __future__ import annotations

from pathlib import Path

import pytest
from written_articles import assistant_over

from qa.evaluation.run import CorpusText, citation_problem
from qa.records import Answer
from qa.search.assistant import Assistant
from qa.search.conversation import Conversation

FERRY = """\
Ferry strike halts crossings in the Vell archipelago

Ferry crews in the Vell archipelago walked out on Tuesday, halting all crossings.
The strike was called by the Seafarers' Union after talks on pay broke down.
Union leader Marta Quist said the crews had not had a rise in six years.
"We are not asking for the moon, we are asking for what we are owed," Quist said.
Transport Minister Olaf Brenner called the walkout irresponsible.
About 12,000 passengers use the ferries every day, according to the Vell Ferry Company.
"""
#: A text that lost its capitals, as some feeds deliver it.
STENBY = """\
stenby mayor quits over housing row

the mayor of stenby ingrid voss has resigned after a row over a housing project, the council said.
mrs voss had backed plans to build 800 homes on the old airfield.
opposition leader mr dahl said the plans had been pushed through without a vote.
he said residents had been ignored for years.
the council will choose a new mayor in march.
the town has a population of 45,000.
"""


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    root: Path = tmp_path_factory.mktemp("referents")
    return assistant_over(root, {"ferry.txt": FERRY, "stenby.txt": STENBY})


def _asked(conversation: Conversation, question: str) -> Answer:
    answer = conversation.ask(question)
    assert citation_problem(answer, CorpusText(conversation.assistant.settings.corpus_dir)) is None
    return answer


def test_it_after_a_who_question_is_the_body_the_answer_names(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "Who called the ferry strike in the Vell archipelago?")
    leader = _asked(conversation, "who leads it?")
    assert leader.resolved_question == "Who leads the Seafarers' Union?"
    assert leader.text.startswith(
        "Union leader Marta Quist said the crews had not had a rise in six years. [1]"
    )
    said = _asked(conversation, "what did she say?")
    assert said.resolved_question == "What did Marta Quist say?"
    assert said.text.startswith(
        "Union leader Marta Quist said the crews had not had a rise in six years. [1]"
    )


def test_she_after_a_question_about_a_role_is_the_holder_of_that_role(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "Why did the mayor of Stenby resign?")
    homes = _asked(conversation, "how many homes did she back?")
    assert homes.resolved_question == "How many homes did the mayor of Stenby back?"
    assert homes.text.startswith(
        "mrs voss had backed plans to build 800 homes on the old airfield. [1]"
    )


def test_the_town_is_the_place_the_conversation_named(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "Why did the mayor of Stenby resign?")
    population = _asked(conversation, "what is the population of the town?")
    assert population.resolved_question == "What is the population of Stenby?"
    assert population.text.startswith("the town has a population of 45,000. [1]")


def test_he_after_a_who_question_answered_in_lower_case_is_the_titled_name(
    desk: Assistant,
) -> None:
    conversation = desk.conversation()
    _asked(conversation, "Who said the Stenby plans had been pushed through without a vote?")
    post = conversation.resolve("what post does he hold?")
    assert post.resolved == "What post does Mr Dahl hold?"


def test_a_question_about_a_role_never_mentioned_is_asked_on_its_own(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "How many passengers use the Vell ferries every day?")
    mayor = _asked(conversation, "why did the mayor resign?")
    assert mayor.resolved_question == "why did the mayor resign?"
    assert "ferr" not in mayor.text.casefold()
    assert (
        "the mayor of stenby ingrid voss has resigned after a row over a housing project, "
        "the council said. [1]" in mayor.text
    )


SCHOOL = """\
Kelso to close its village school

The education board of Kelso voted on Thursday to close the village school at Rosnes.
About 140 pupils will move to a new school in the town centre in September.
The new school has a gym, a library and a theatre hall.
Mia Dahl, who has two children at the school, said the bus journey would take an hour.
"""


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return assistant_over(tmp_path_factory.mktemp("school"), {"school.txt": SCHOOL})


def test_who_said_that_is_never_a_speaker_of_something_else_in_the_article(
    school: Assistant,
) -> None:
    conversation = school.conversation()
    first = _asked(conversation, "When did the Kelso education board vote to close the school?")
    assert first.text.startswith(
        "The education board of Kelso voted on Thursday to close the village school at Rosnes. [1]"
    )
    said = _asked(conversation, "who said that?")
    assert said.text == "“Kelso to close its village school” doesn't state its author. [1]"


FILM = """\
Tomas Berg has a busy year ahead

Tomas Berg has had a busy year.
Next year Berg will also appear in “Moon Raiders: Chapter IV”, the secret film of the season.
In the drama he works alongside his longtime friend Lena Varga, who plays his wife.
Varga, 41, trained with him at a drama school in Oslo.
"""


@pytest.fixture(scope="module")
def film_desk(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return assistant_over(tmp_path_factory.mktemp("film"), {"film.txt": FILM})


def test_she_never_stands_for_a_title_written_in_quotation_marks(film_desk: Assistant) -> None:
    conversation = film_desk.conversation()
    _asked(conversation, "Who stars with Tomas Berg in the drama?")
    age = _asked(conversation, "how old is she?")
    assert age.resolved_question == (
        "How old is she? (following: Who stars with Tomas Berg in the drama?)"
    )
    assert age.text.startswith("Varga, 41, trained with him at a drama school in Oslo. [1]")
