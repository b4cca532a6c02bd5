"""What a follow-up's ``it``, ``its``, ``he`` and ``there`` stand for when the last question
named it as its subject, as whose something is, or when its answer gave a place; and
follow-ups that must keep their own time: asked through a whole conversation over articles
written for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from written_articles import assistant_over

from qa.evaluation.run import CorpusText, citation_problem
from qa.records import Answer
from qa.search.assistant import Assistant
from qa.search.conversation import Conversation

SCOOTER = """\
Velta unveils long-range scooter

Velta is showing its new electric scooter, the Orbit X2, at the Milan motor show this week.
The Orbit X2 will be able to go 140 kilometres on a single charge, Velta said.
It goes on sale in the spring, priced at 4,900 euros.
Velta's concept van, the Velta ID. Space Wagon, will go 300 kilometres on a charge.
It has a 275-horsepower rear motor.
The best-selling scooter in Milan in 2019 was the Velta Orbit 2, with 9,400 sales.
"""
DRONE = """\
Small drones for beginners

The Kite Mini is a small camera drone for beginners.
With a range of up to 3km and battery life of 25 minutes, it is priced at 299 dollars.
"""
BATTERY = """\
Battery maker opens first plant

Norlite, a Swedish battery maker, opened its first factory in Skellvik on Tuesday.
The plant will employ 1,800 people by 2023.
Chief executive Maria Lindqvist said the factory would make cells for 300,000 cars a year.
Norlite was founded in 2016 by Lindqvist and Peter Aarts, a former Tesla executive.
The company chose Skellvik because of its cheap hydroelectric power.
Volvo and BMW have both signed contracts to buy its cells, starting in 2024.
"""
FLOODS = """\
Floods in the Marlow Valley

Heavy rain flooded large parts of the Marlow Valley over the weekend.
About 2,300 residents were evacuated from the town of Ashby Cross.
The county council opened a shelter at the Ashby Cross Leisure Centre, where 400 people spent \
Sunday night.
"""
FERRY = """\
Stranded passengers sail home

Nearly 200 Britons returned home on Wednesday after a week stranded in Vell.
The Britons' ferry docked at the North Quay of Lund harbour at 6am.
"""
LAB = """\
Parasite found in lab mice

When he looked at gut tissue from the mice, Kessler found a parasite called T. vellum.
"We were not looking for parasites," Kessler said.
He now works at Norvik University.
"""
FESTIVAL = """\
Record crowds at Harrowgate jazz festival

The Harrowgate Jazz Festival drew 48,000 visitors this year, up from 41,500 last year.
In 2017 the festival had 35,000 visitors.
Mayor Aisha Rahman opened the festival on Friday in Victoria Park.
The city council gave the festival a grant of 120,000 pounds this year, compared with 90,000 \
pounds last year.
"""
ROWING = """\
Kelso crew wins the Tarn regatta

The Kelso Rowing Club won the Tarn regatta on Saturday, beating Grenwick by two lengths.
Kelso's coach, Ines Moreau, said the crew had trained twice a day since January.
She said the club would race in Lyon in June.
"""
POLLS = """\
Voters back the harbour plan

A new Herald poll shows 58 percent of voters back the harbour plan.
A Courier poll has lower numbers: 47 percent of voters back the harbour plan.
"""


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    root: Path = tmp_path_factory.mktemp("subjects")
    return assistant_over(
        root,
        {
            "scooter.txt": SCOOTER,
            "drone.txt": DRONE,
            "battery.txt": BATTERY,
            "floods.txt": FLOODS,
            "ferry.txt": FERRY,
            "lab.txt": LAB,
            "festival.txt": FESTIVAL,
            "polls.txt": POLLS,
            "rowing.txt": ROWING,
        },
    )


def _asked(conversation: Conversation, question: str) -> Answer:
    answer = conversation.ask(question)
    assert citation_problem(answer, CorpusText(conversation.assistant.settings.corpus_dir)) is None
    return answer


def test_it_is_the_thing_the_last_question_asked_about_after_the(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "How far can the Orbit X2 go on a single charge?")
    sale = _asked(conversation, "when does it go on sale?")
    assert sale.resolved_question == "When does the Orbit X2 go on sale?"
    assert sale.text.startswith("It goes on sale in the spring, priced at 4,900 euros. [1]")


def test_its_is_the_thing_whose_feature_the_last_question_asked_for(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "What is the range of the Kite Mini?")
    battery = _asked(conversation, "how long does its battery last?")
    assert battery.resolved_question == "How long does the Kite Mini's battery last?"
    assert "battery life of 25 minutes" in battery.text


def test_who_did_something_to_it_asks_about_the_body_the_last_question_named(
    desk: Assistant,
) -> None:
    conversation = desk.conversation()
    _asked(conversation, "When was Norlite founded?")
    founders = _asked(conversation, "who founded it?")
    assert founders.resolved_question == "Who founded Norlite?"
    assert founders.text.startswith(
        "Norlite was founded in 2016 by Lindqvist and Peter Aarts, a former Tesla executive. [1]"
    )
    why = _asked(conversation, "why did it choose Skellvik?")
    assert why.resolved_question == "Why did Norlite choose Skellvik?"


def test_it_after_a_subject_someone_owns_is_what_they_own(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "Where did the Britons' ferry dock?")
    when = _asked(conversation, "when did it dock?")
    assert when.resolved_question == "When did the Britons' ferry dock?"
    assert "The Britons' ferry docked at the North Quay of Lund harbour at 6am. [1]" in when.text


def test_there_after_a_where_question_is_the_place_the_answer_gave(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "Where were residents evacuated from in the Marlow Valley?")
    shelter = _asked(conversation, "where was a shelter opened there?")
    assert shelter.resolved_question == "Where was a shelter opened in Ashby Cross?"
    night = _asked(conversation, "how many people spent the night there?")
    assert night.resolved_question == (
        "How many people spent the night at the Ashby Cross Leisure Centre?"
    )
    assert night.text.startswith(
        "The county council opened a shelter at the Ashby Cross Leisure Centre, where 400 "
        "people spent Sunday night. [1]"
    )


def test_he_is_the_one_whose_work_the_last_question_asked_about(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "What parasite did the mice in Kessler's study carry?")
    where = _asked(conversation, "where does he work now?")
    assert where.resolved_question == "Where does Kessler work now?"
    assert "Norvik University" in where.text


def test_she_after_who_holds_a_bodys_role_is_the_one_named_with_the_role(
    desk: Assistant,
) -> None:
    conversation = desk.conversation()
    _asked(conversation, "Who is the chief executive of Norlite?")
    said = _asked(conversation, "what did she say about the factory?")
    assert said.resolved_question == "What did Maria Lindqvist say about the factory?"
    assert said.text.startswith(
        "Chief executive Maria Lindqvist said the factory would make cells for 300,000 cars a "
        "year. [1]"
    )


def test_this_year_is_the_present_not_a_year_an_earlier_answer_named(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "How many visitors did the Harrowgate Jazz Festival have in 2017?")
    grant = _asked(conversation, "How much did the council give the festival this year?")
    assert grant.resolved_question == "How much did the council give the festival this year?"
    last = _asked(conversation, "And last year?")
    assert last.resolved_question == "How much did the council give the festival last year?"
    assert "90,000 pounds last year" in last.text


def test_and_in_another_poll_takes_the_place_of_the_poll_asked_about(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "What share of voters back the harbour plan in the Herald poll?")
    courier = _asked(conversation, "And in the Courier poll?")
    assert courier.resolved_question == (
        "What share of voters back the harbour plan in the Courier poll?"
    )
    assert "47 percent" in courier.text


def test_how_many_after_which_company_is_asked_after_it_never_garbled(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "Which company will employ people in Skellvik?")
    count = _asked(conversation, "How many?")
    assert count.resolved_question == (
        "How many? (following: Which company will employ people in Skellvik?)"
    )
    assert "1,800 people" in count.text


def test_it_after_what_was_the_best_selling_one_is_the_one_the_answer_says_it_was(
    desk: Assistant,
) -> None:
    conversation = desk.conversation()
    _asked(conversation, "What was the best-selling scooter in Milan in 2019?")
    sold = _asked(conversation, "how many did it sell?")
    assert sold.resolved_question == "How many did the Velta Orbit 2 sell?"
    assert "9,400 sales" in sold.text


def test_she_after_who_holds_a_role_someone_has_is_the_one_named_with_it(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "Who is the Kelso Rowing Club's coach?")
    said = _asked(conversation, "what did she say about the crew?")
    assert said.resolved_question == "What did Ines Moreau say about the crew?"
    assert said.text.startswith(
        "Kelso's coach, Ines Moreau, said the crew had trained twice a day since January. [1]"
    )


def test_a_correction_naming_what_it_replaces_asks_the_last_question_again(
    desk: Assistant,
) -> None:
    conversation = desk.conversation()
    _asked(conversation, "How many visitors did the Harrowgate Jazz Festival have in 2017?")
    now = _asked(conversation, "I meant this year, not 2017.")
    assert now.resolved_question == (
        "How many visitors did the Harrowgate Jazz Festival have this year?"
    )
    assert "48,000 visitors this year" in now.text


def test_a_correction_of_what_was_asked_about_takes_its_place(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "What did Ines Moreau say about the crew?")
    club = _asked(conversation, "No, I mean about the club.")
    assert club.resolved_question == "What did Ines Moreau say about the club?"


def test_its_is_never_part_of_a_name_with_a_full_stop_inside(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "How far can the Velta ID. Space Wagon go on a charge?")
    motor = _asked(conversation, "how powerful is its rear motor?")
    assert motor.resolved_question == (
        "How powerful is its rear motor? (following: How far can the Velta ID. Space Wagon go "
        "on a charge?)"
    )
    assert "It has a 275-horsepower rear motor. [1]" in motor.text


def test_they_after_which_ones_did_something_are_those_that_did_it(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "Which carmakers have signed contracts to buy Norlite's cells?")
    start = _asked(conversation, "when do they start buying?")
    # "the carmakers signed contracts …" would read as contracts signed by someone else.
    assert start.resolved_question == (
        "When do the carmakers that have signed contracts to buy Norlite's cells start buying?"
    )
    assert "starting in 2024" in start.text
