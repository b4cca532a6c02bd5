"""Replies that reach the answer the passages hold: a question naming someone the articles
name is on topic however little else of it their wording shares; "Why …?" brings the
sentence giving the cause beside the one its words meet; "How much did it cost?" leads with
a sum of money, not another number; a person who calls something by words in quotation
marks is quoted. Written for these tests."""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.search.answer_types import asks_money, gives_money
from qa.search.assistant import Assistant
from qa.search.attribution import quotes_person, speaks_in

HARBOUR = """Port of Kessvik to close its old ferry terminal

By Maren Holt

KESSVIK, March 14 – The Port of Kessvik will close its old ferry terminal at the end of \
June, the port authority announced on Thursday.

The terminal, built in 1962, handled about 410,000 passengers last year. Its replacement, a \
glass building on the north quay, cost 38 million euros.

"We simply could not keep patching a building that is older than most of our staff," said \
Ingrid Solheim, the port's director. She added that the new terminal would cut waiting \
times by half.

Not everyone is pleased. The Kessvik Taxi Association says drivers will lose their rank \
beside the old building. Its chairman, Tore Vik, called the decision "a slap in the face \
for the people who kept this town moving."
"""

CLINICS = """Rural clinics struggle as doctors leave for the cities

By Samuel Okoro

LAGOS (Reuters) - More than 300 rural clinics in Nigeria's Kwara State have no permanent \
doctor, according to a report published on Monday by the Nigerian Medical Association.

The report blames low pay and poor housing. A junior doctor in a rural clinic earns about \
180,000 naira a month, less than half of what private hospitals in Lagos offer.

The state health commissioner, Femi Adeyemi, said the government would build 40 staff \
houses next year.
"""

MARATHON = """Valley marathon draws record field despite the heat

The 12th Valley Marathon drew a record 8,400 runners on Sunday, organisers said, even as \
temperatures climbed to 31C by mid-morning.

Kenyan runner Grace Chebet won the women's race in 2 hours 31 minutes. The men's race was \
won by Tomas Reyes of Spain, who finished in 2:12:40 after overtaking the leader in the \
final kilometre.

"I was suffering from the 30th kilometre, but the crowd carried me," Reyes said after the \
race.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    root = tmp_path_factory.mktemp("reaches")
    return assistant_over(
        root, {"harbour.txt": HARBOUR, "clinics.txt": CLINICS, "marathon.txt": MARATHON}
    )


def test_what_a_person_the_articles_name_said_is_answered_not_abstained(
    assistant: Assistant,
) -> None:
    answer = asked(assistant, "What did Ingrid Solheim say?")
    assert not answer.abstained
    assert answer.text.startswith(
        '"We simply could not keep patching a building that is older than most of our '
        "staff,\" said Ingrid Solheim, the port's director. [1]"
    )


def test_where_a_person_the_articles_name_is_from_is_answered(assistant: Assistant) -> None:
    answer = asked(assistant, "Where is Tomas Reyes from?")
    assert not answer.abstained
    assert (
        "The men's race was won by Tomas Reyes of Spain, who finished in 2:12:40 after "
        "overtaking the leader in the final kilometre. [1]" in answer.text
    )


def test_a_person_the_articles_never_name_still_abstains(assistant: Assistant) -> None:
    answer = asked(assistant, "What did Angela Merkel say?")
    assert answer.abstained


def test_why_brings_the_cause_told_beside_the_sentence_the_question_meets(
    assistant: Assistant,
) -> None:
    answer = asked(assistant, "Why do doctors leave rural clinics?")
    assert "The report blames low pay and poor housing. [1]" in answer.text


def test_a_person_calling_something_in_quotation_marks_is_quoted(assistant: Assistant) -> None:
    answer = asked(assistant, "What did Tore Vik say?")
    assert not answer.abstained
    assert answer.text == (
        'Its chairman, Tore Vik, called the decision "a slap in the face for the people who '
        'kept this town moving." [1]'
    )


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("Its chairman, Tore Vik, called the decision “a slap in the face for us all.”", True),
        ("Vik branded the plan “a gift to the big developers” on Monday.", True),
        ("Vik called the police after the break-in at the depot.", False),
        ("Vik called for calm after the vote and left the hall.", False),
    ],
)
def test_calling_a_thing_by_quoted_words_gives_the_callers_words(text: str, quoted: bool) -> None:
    assert quotes_person(text, "Vik") is quoted
    assert speaks_in(text, "Vik") is quoted


@pytest.mark.parametrize(
    "question", ["How much did the new terminal cost?", "What was the cost of the new terminal?"]
)
def test_how_much_it_cost_leads_with_the_sum_not_another_number(
    assistant: Assistant, question: str
) -> None:
    answer = asked(assistant, question)
    assert answer.text.startswith(
        "Its replacement, a glass building on the north quay, cost 38 million euros. [1]"
    )


@pytest.mark.parametrize(
    ("question", "money"),
    [
        ("How much did the new terminal cost?", True),
        ("How much was Aragones fined for his remarks?", True),
        ("How much money did the appeal raise?", True),
        ("What was the cost of the new terminal?", True),
        ("What is the starting salary of a junior doctor?", True),
        ("How much of the farmland grows hay?", False),
        ("How much rain fell on Sunday?", False),
    ],
)
def test_a_question_asking_for_a_sum_of_money(question: str, money: bool) -> None:
    assert asks_money(question) is money


@pytest.mark.parametrize(
    ("text", "money"),
    [
        ("It cost 38 million euros.", True),
        ("CBS charged $5 million for a commercial.", True),
        ("He put 4p on a bottle of wine.", True),
        ("A junior doctor earns about 180,000 naira a month.", True),
        ("It handled about 410,000 passengers last year.", False),
        ("Turnout rose to 64%.", False),
    ],
)
def test_a_sentence_giving_a_sum_of_money(text: str, money: bool) -> None:
    assert gives_money(text) is money
