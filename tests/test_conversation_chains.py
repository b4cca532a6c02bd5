"""Follow-ups as people type them over news: ``its`` for a company whose name reads like a
person's, ``he`` for one an answer describes by role and names next (also after a bare
"how much?"), and ellipses that narrow the last question ("and for the women's games?") or
give a year for "this season"; asked through a whole conversation over articles written
for it, or after one turn written out (``PreviousTurn``): a name right after "the" is a
body's or a thing's, never "he", and a thing asked about by "where is the …?" is the next
"it"."""

from __future__ import annotations

from pathlib import Path

import pytest
from written_articles import assistant_over

from qa.evaluation.run import CorpusText, citation_problem
from qa.records import Answer
from qa.search.assistant import Assistant
from qa.search.conversation import Conversation
from qa.search.followup import PreviousTurn, resolve

MILLS = """\
Harlow Mills to cut bread prices

BRADFORD, March 3, 2024 - Harlow Mills, which employs 1,400 people at bakeries in Keighley \
and Otley, will cut the price of its sliced loaves by 5 per cent from Monday.
The company's chief executive, Ruth Okafor, said lower wheat prices had made the cut possible.
Okafor said Harlow Mills would also open a third bakery in Ilkley in 2025.
"""
SPILL = """\
Dairy manager fined for river spill

YORK, May 9, 2024 - A former site manager at the Orrin Dairy was fined 40,000 pounds on \
Thursday for a milk spill that killed thousands of fish in the River Foss.
Ken Slade, 52, admitted breaching his environmental permit at York Magistrates' Court.
Slade's lawyer, Ann Cole, said her client would pay the fine in full.
She said he was sorry for the harm done.
Slade now runs a farm shop in Malton, the court heard.
"""
CROWDS = """\
Harriers draw bigger crowds

LEEDS, October 1, 2023 - Crowds at the Kirkstall Harriers' ground averaged 4,200 this \
season, against 3,100 in 2022 and 2,500 in 2021.
Crowds for the women's games averaged 900 this season, up from 450 in 2022.
"""


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    root: Path = tmp_path_factory.mktemp("chains")
    return assistant_over(root, {"mills.txt": MILLS, "spill.txt": SPILL, "crowds.txt": CROWDS})


def _asked(conversation: Conversation, question: str) -> Answer:
    answer = conversation.ask(question)
    assert citation_problem(answer, CorpusText(conversation.assistant.settings.corpus_dir)) is None
    return answer


def test_its_is_a_company_the_articles_follow_with_which(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "How many people does Harlow Mills employ?")
    where = _asked(conversation, "Where are its bakeries?")
    assert where.resolved_question == "Where are Harlow Mills's bakeries?"
    assert where.text.startswith(
        "Harlow Mills, which employs 1,400 people at bakeries in Keighley and Otley, will cut "
        "the price of its sliced loaves by 5 per cent from Monday. [1]"
    )
    chief = _asked(conversation, "Who is its chief executive?")
    assert chief.resolved_question == "Who is Harlow Mills's chief executive?"
    assert chief.text.startswith(
        "The company's chief executive, Ruth Okafor, said lower wheat prices had made the cut "
        "possible. [1]"
    )


def test_he_is_the_one_named_after_an_answer_that_gave_only_his_role(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "Who was fined for the Orrin Dairy spill?")
    shop = _asked(conversation, "Where does he run a farm shop?")
    assert shop.resolved_question == "Where does Ken Slade run a farm shop?"
    assert shop.text.startswith("Slade now runs a farm shop in Malton, the court heard. [1]")


def test_he_after_a_bare_how_much_is_still_the_one_asked_for_before(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "Who was fined for the Orrin Dairy spill?")
    much = _asked(conversation, "How much?")
    assert (
        much.resolved_question == "How much? (following: Who was fined for the Orrin Dairy spill?)"
    )
    shop = _asked(conversation, "Where does he run a farm shop?")
    assert shop.resolved_question == "Where does Ken Slade run a farm shop?"
    assert shop.text.startswith("Slade now runs a farm shop in Malton, the court heard. [1]")


def test_a_year_takes_the_place_of_this_season(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "What was the average crowd at the Harriers' ground this season?")
    then = _asked(conversation, "And in 2021?")
    assert then.resolved_question == "What was the average crowd at the Harriers' ground in 2021?"
    assert then.text == (
        "Crowds at the Kirkstall Harriers' ground averaged 4,200 this season, against 3,100 in "
        "2022 and 2,500 in 2021. [1]"
    )


def test_and_for_narrows_the_last_question(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "What was the average crowd this season?")
    women = _asked(conversation, "And for the women's games?")
    assert (
        women.resolved_question == "What was the average crowd this season for the women's games?"
    )
    assert women.text.startswith(
        "Crowds for the women's games averaged 900 this season, up from 450 in 2022. [1]"
    )


def test_is_that_more_than_last_year_asks_the_last_question_for_last_year(desk: Assistant) -> None:
    conversation = desk.conversation()
    _asked(conversation, "What was the average crowd at the Harriers' ground this season?")
    more = _asked(conversation, "Is that more than last year?")
    assert more.resolved_question == "What was the average crowd at the Harriers' ground last year?"
    assert (
        "Crowds at the Kirkstall Harriers' ground averaged 4,200 this season, against 3,100 in "
        "2022 and 2,500 in 2021. [1]"
    ) in more.text


def test_is_that_more_than_last_year_after_a_year_asks_for_the_year_before(
    desk: Assistant,
) -> None:
    conversation = desk.conversation()
    _asked(conversation, "What was the average crowd at the Harriers' ground in 2022?")
    more = _asked(conversation, "Is that more than last year?")
    assert more.resolved_question == "What was the average crowd at the Harriers' ground in 2021?"
    assert more.text.startswith(
        "Crowds at the Kirkstall Harriers' ground averaged 4,200 this season, against 3,100 in "
        "2022 and 2,500 in 2021. [1]"
    )


def test_he_is_never_a_name_right_after_the() -> None:
    previous = PreviousTurn(
        "Who owns the Kirkstall Harriers?",
        ("The Harriers finished the Northern Rugby League season in fourth place.",),
    )
    assert resolve("when did he buy the club?", previous).resolved == (
        "When did he buy the club? (following: Who owns the Kirkstall Harriers?)"
    )


def test_its_is_the_body_named_after_the_that_the_last_question_asked_about() -> None:
    previous = PreviousTurn(
        "What did the Pensions Regulator say?",
        ("The members did nothing wrong, the Pensions Regulator said on Monday.",),
    )
    assert resolve("who is its executive director?", previous).resolved == (
        "Who is the Pensions Regulator's executive director?"
    )


def test_it_is_the_thing_a_where_question_asked_about() -> None:
    previous = PreviousTurn(
        "Where is the new surgical hub?",
        ("The trust opened a new surgical hub at Andover in April 2023.",),
    )
    assert resolve("how many theatres does it have?", previous).resolved == (
        "How many theatres does the new surgical hub have?"
    )


def test_they_after_which_union_represents_is_no_garbled_phrase() -> None:
    previous = PreviousTurn(
        "Which union represents the nurses at Wessex Valley?",
        ("Nurses at Wessex Valley have voted to accept a pay deal.",),
    )
    assert resolve("what did they say about the vote?", previous).resolved == (
        "What did they say about the vote? (following: Which union represents the nurses at "
        "Wessex Valley?)"
    )


def test_they_after_which_companies_bought_are_the_companies_that_bought() -> None:
    previous = PreviousTurn(
        "Which companies bought the old mill?",
        ("Two building firms bought the old mill in 2019.",),
    )
    assert resolve("what did they pay for it?", previous).resolved == (
        "What did the companies that bought the old mill pay for it? (following: Which "
        "companies bought the old mill?)"
    )


def test_and_the_other_subject_takes_the_place_of_the_subject_asked_about() -> None:
    previous = PreviousTurn(
        "How many staff does the Romsey diagnostic centre employ?",
        ("The centre employs 45 staff.",),
    )
    assert resolve("And the Wessex Valley trust?", previous).resolved == (
        "How many staff does the Wessex Valley trust employ?"
    )
    previous = PreviousTurn("When will the Gdansk plant open?", ("It opens in 2024.",))
    assert resolve("and the Porto plant?", previous).resolved == "When will the Porto plant open?"


def test_and_the_year_before_is_no_subject() -> None:
    previous = PreviousTurn("How much does the council spend on parks?", ("It spends a lot.",))
    assert resolve("and the year before?", previous).resolved == (
        "And the year before? (following: How much does the council spend on parks?)"
    )


def test_then_after_when_takes_no_year_the_sentence_saying_when_lacks() -> None:
    previous = PreviousTurn(
        "When did the nurses strike?",
        (
            "The strikes, on October 10 and November 7, led to the cancellation of 1,150 "
            "operations.",
            "She said the trust had recruited 150 nurses in 2023 and planned to recruit 100 more "
            "in 2024.",
        ),
    )
    assert resolve("how many operations were cancelled then?", previous).resolved == (
        "How many operations were cancelled then? (following: When did the nurses strike?)"
    )


def test_she_after_who_leads_a_body_is_no_other_person_the_reply_names() -> None:
    answer = (
        "HARROWGATE, November 14, 2023 - Harrowgate Borough Council has approved plans for a new "
        "stand at Brookfield Park.",
        "The council will lend the club 4 million pounds, and the rest will come from the club's "
        "owner, the businessman Gareth Llewellyn.",
    )
    previous = PreviousTurn("Who leads Harrowgate Borough Council?", answer, passages=answer)
    assert resolve("what did she say about the vote?", previous).resolved == (
        "What did she say about the vote? (following: Who leads Harrowgate Borough Council?)"
    )
