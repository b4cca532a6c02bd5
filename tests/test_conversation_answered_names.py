"""What a follow-up's ``it``, ``its``, ``she`` or ``their`` stands for when the last question
asked for something by a noun (``Which firm …?``) and only the answer named it, asked through
a whole conversation over articles written for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from written_articles import assistant_over

from qa.evaluation.run import CorpusText, citation_problem
from qa.records import Answer
from qa.search.assistant import Assistant
from qa.search.conversation import Conversation

BRIDGE = """\
Kestrel Bridge opening delayed again

The opening of the Kestrel Bridge over the river Tarn has been delayed until next spring, the \
regional transport office said on Monday.
Chief engineer Lena Fors said the steel for the main span arrived four months late from the \
supplier.
The bridge was built by Harbour Build, a construction firm based in Grenwick.
The company won the contract in 2015 with a bid of 84 million euros.
"""
CHARITY = """\
Flood families turn to food charity

The charity Green Hands has handed out 12,000 parcels since the floods in March.
Its director, Amina Sow, said demand had tripled in a year.
"We never expected to feed a whole valley," Sow said.
"""
MIGRANTS = """\
Helplines at the border

The UN agency says that, working with NGO partners like Safe Road, it helped 900 migrants \
last year.
Safe Road gives out leaflets with helpline numbers at border posts.
The Tallinn-based NGO Safe Road was set up in 2004 by two lawyers.
"""
VACCINE = """\
Drug maker Celvia to build vaccine plant in Lund

Swedish drug maker Celvia will build a vaccine plant in Lund, creating 700 jobs, the company \
said on Thursday.
The plant will cost 2.1 billion kronor and open in 2026.
Celvia makes vaccines against influenza and measles.
"""
ELECTION = """\
Liberals win Varna city vote

The Liberal Alliance won the Varna city council election on Sunday with 41 percent of the vote.
The Social Party came second with 33 percent.
The Liberal Alliance candidate for mayor, Tomas Reyes, promised to build 5,000 affordable homes.
"""
ZOO = """\
City zoo welcomes twin pandas

Two giant panda cubs were born at the Arlo City Zoo on Friday, the zoo said.
Their mother, Mei Lin, arrived from China in 2019.
"""

LANTERNA = """\
Lanterna faces inquiry

The Daily Courier reported on Friday that Lanterna is facing an inquiry from regulators.
Lanterna's bond has fallen sharply this week.
Lanterna agreed to a rescue by its largest shareholder last month.
The company had 9,000 employees in June, and it plans to cut 1,200 jobs.
"""
LAB = """\
Parasite found in lab mice

When she looked at gut tissue from the mice, Kessler found a parasite called T. vellum.
The physiologist Dana Ruiz later found the same receptor in kidney cells.
Ruiz said she had not trusted the data at first.
Kessler works at Norvik University.
"""


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    root: Path = tmp_path_factory.mktemp("answered-names")
    return assistant_over(
        root,
        {
            "bridge.txt": BRIDGE,
            "charity.txt": CHARITY,
            "migrants.txt": MIGRANTS,
            "vaccine.txt": VACCINE,
            "election.txt": ELECTION,
            "zoo.txt": ZOO,
            "lanterna.txt": LANTERNA,
            "lab.txt": LAB,
        },
    )


def _asked(conversation: Conversation, question: str) -> Answer:
    answer = conversation.ask(question)
    assert citation_problem(answer, CorpusText(conversation.assistant.settings.corpus_dir)) is None
    return answer


def test_it_is_the_name_the_answer_gives_as_what_the_question_asked_for(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "Which firm built the Kestrel Bridge?")
    contract = _asked(conversation, "when did it win the contract?")
    # "the contract" is still the bridge's: the question it follows says which.
    assert contract.resolved_question == (
        "When did Harbour Build win the contract? (following: Which firm built the Kestrel Bridge?)"
    )
    assert contract.text.startswith(
        "The company won the contract in 2015 with a bid of 84 million euros. [1]"
    )


def test_it_is_the_one_the_answer_says_does_what_the_question_asked(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "Which company will build a vaccine plant in Lund?")
    made = _asked(conversation, "what does it make?")
    assert made.resolved_question == "What does Celvia make?"
    assert made.text.startswith("Celvia makes vaccines against influenza and measles. [1]")


def test_it_is_never_the_noun_the_question_asked_for(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "Which NGO helps migrants at the border?")
    leaflets = _asked(conversation, "what does it give out?")
    assert leaflets.resolved_question == "What does Safe Road give out?"
    assert leaflets.text.startswith(
        "Safe Road gives out leaflets with helpline numbers at border posts. [1]"
    )


def test_its_before_for_is_the_body_the_answer_named(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "Which party won the Varna city council election?")
    candidate = _asked(conversation, "who was its candidate for mayor?")
    assert candidate.resolved_question == "Who was the Liberal Alliance's candidate for mayor?"
    assert candidate.text.startswith(
        "The Liberal Alliance candidate for mayor, Tomas Reyes, promised to build 5,000 "
        "affordable homes. [1]"
    )


def test_she_after_a_question_for_a_bodys_officer_is_the_one_the_answer_names(
    desk: Assistant,
) -> None:
    conversation = desk.conversation()
    _asked(conversation, "Which charity hands out food parcels after the floods?")
    _asked(conversation, "who is its director?")
    said = _asked(conversation, "what did she say?")
    assert said.resolved_question == "What did Amina Sow say?"
    assert said.text.startswith("Its director, Amina Sow, said demand had tripled in a year. [1]")


def test_their_before_a_noun_is_written_as_of_a_long_phrase(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "How many cubs were born at the Arlo City Zoo?")
    mother = _asked(conversation, "who is their mother?")
    assert mother.resolved_question == "Who is the mother of the cubs born at the Arlo City Zoo?"


def test_it_after_a_question_about_a_cost_is_what_costs(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "How much will the Celvia plant in Lund cost?")
    opening = _asked(conversation, "when will it open?")
    assert opening.resolved_question == "When will the Celvia plant in Lund open?"
    assert opening.text.startswith("The plant will cost 2.1 billion kronor and open in 2026. [1]")


def test_and_another_body_takes_the_place_of_the_one_asked_about(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "What share of the vote did the Liberal Alliance win in Varna?")
    second = _asked(conversation, "and the Social Party?")
    assert second.resolved_question == "What share of the vote did the Social Party win in Varna?"
    assert second.text.startswith("The Social Party came second with 33 percent. [1]")


def test_its_after_what_a_paper_reported_is_what_it_reported_about(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "What did the Daily Courier report about Lanterna?")
    bond = _asked(conversation, "how is its bond doing?")
    assert bond.resolved_question == "How is Lanterna's bond doing?"
    assert bond.text.startswith("Lanterna's bond has fallen sharply this week. [1]")


def test_they_for_the_body_asked_about_takes_a_singular_verb(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "What did Lanterna agree to?")
    staff = _asked(conversation, "how many employees do they have?")
    assert staff.resolved_question == "How many employees does Lanterna have?"
    assert staff.text.startswith(
        "The company had 9,000 employees in June, and it plans to cut 1,200 jobs. [1]"
    )


def test_they_after_who_reported_is_who_reported_not_what(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "Who reported that Lanterna is facing an inquiry?")
    when = _asked(conversation, "when did they report it?")
    assert when.resolved_question == (
        "When did the Daily Courier report it? (following: Who reported that Lanterna is facing "
        "an inquiry?)"
    )
    assert when.text.startswith(
        "The Daily Courier reported on Friday that Lanterna is facing an inquiry from "
        "regulators. [1]"
    )


def test_he_or_she_is_the_one_the_answer_says_did_what_was_asked(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "Who found a parasite in the lab mice?")
    work = _asked(conversation, "where does she work?")
    assert work.resolved_question == "Where does Kessler work?"
    assert work.text.startswith("Kessler works at Norvik University. [1]")


def test_she_after_which_physiologist_is_the_one_the_answer_names_so(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "Which physiologist found the receptor in kidney cells?")
    said = _asked(conversation, "what did she say about the data?")
    # "the data" is still the finding's: the question it follows says which.
    assert said.resolved_question == (
        "What did Dana Ruiz say about the data? (following: Which physiologist found the "
        "receptor in kidney cells?)"
    )
    assert said.text.startswith("Ruiz said she had not trusted the data at first. [1]")


def test_their_after_who_won_is_the_winner_the_answer_names(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "Who won the Varna city council election?")
    candidate = _asked(conversation, "who was their candidate for mayor?")
    assert candidate.resolved_question == "Who was the Liberal Alliance's candidate for mayor?"
    assert candidate.text.startswith(
        "The Liberal Alliance candidate for mayor, Tomas Reyes, promised to build 5,000 "
        "affordable homes. [1]"
    )


def test_she_is_the_mother_the_last_question_asked_about(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "Where did the panda cubs' mother come from?")
    arrived = _asked(conversation, "when did she arrive?")
    assert arrived.resolved_question == "When did the panda cubs' mother arrive?"
    assert arrived.text.startswith("Their mother, Mei Lin, arrived from China in 2019. [1]")
