"""Questions asking for the words of a role, not of a named person ("What did Vell's premier
say?", "What did the head of the harbour police unit say?"): the reply leads with words that
a holder of that role says, named by the role or by the name the article gives its holder;
when no sentence gives such words, it says the articles quote no such person. A story written
for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from written_articles import asked, assistant_over, ingested_story

from qa.records import Span
from qa.search.assistant import Assistant
from qa.search.attribution import (
    asked_speaker_name,
    asked_speaking_role,
    voices_role,
)

FERRY = (
    "VELL FERRY LINK TO CLOSE FOR REPAIRS\n\n"
    "The ferry link between Vell and the mainland will close for six weeks of repairs from "
    "next month. The ferry operator says the hull of its only vessel needs new plating. "
    "Islanders who work on the mainland will be offered seats on a chartered bus and boat "
    "service. Islanders have complained about the timing. Vell's premier, Odile Marchetti, "
    "has criticised the timing of the closure. "
    '"Closing the link in the busiest month of the year shows no regard for islanders," '
    "Marchetti said. The harbour police unit will direct traffic at the temporary landing "
    "stage. The unit has twelve officers and two patrol boats. Its head, Ilse Brandt, joined "
    "the force in 2009.\n"
)

SECURITY = "The port's head of security said the landing stage is safe.\n"


@pytest.mark.parametrize(
    ("question", "phrase", "near", "far"),
    [
        ("What did Vell's premier say about the ferry?", "premier of Vell", (), ("Vell",)),
        (
            "What did the head of the harbour police unit in Vell say?",
            "head of the harbour police unit in Vell",
            ("harbour", "police", "unit"),
            ("Vell",),
        ),
        ("What did the Ostrian transport minister tell reporters?", "Ostrian transport minister",
         ("transport",), ("Ostrian",)),
        ("What did the spokeswoman say?", "spokeswoman", (), ()),
        ("What did its director say about the police?", "director", (), ()),
    ],
)  # fmt: skip
def test_a_question_asking_for_the_words_of_a_role_is_read_with_the_roles_words(
    question: str, phrase: str, near: tuple[str, ...], far: tuple[str, ...]
) -> None:
    role = asked_speaking_role(question)
    assert role is not None
    assert (role.phrase, role.near, role.far) == (phrase, near, far)
    assert asked_speaker_name(question) is None  # "Vell's" or "Ostrian" is nobody's surname


@pytest.mark.parametrize(
    "question",
    [
        "What did Premier Odile Marchetti say?",
        "What did Marchetti say about the ferry?",
        "What did the islanders say?",
        "How many officers does the unit have?",
    ],
)
def test_a_question_naming_the_person_or_no_role_asks_for_no_roles_words(question: str) -> None:
    assert asked_speaking_role(question) is None


def _span(raw: str, sentence: str) -> Span:
    start = raw.index(sentence)
    return Span(start, start + len(sentence))


def test_words_are_a_roles_when_said_by_its_holder_the_article_names_with_it(
    tmp_path: Path,
) -> None:
    raw, article = ingested_story(tmp_path, FERRY)
    quote = (
        '"Closing the link in the busiest month of the year shows no regard for islanders," '
        "Marchetti said."
    )
    premier = asked_speaking_role("What did Vell's premier say?")
    operator = asked_speaking_role("What did the ferry operator's director say?")
    assert premier is not None and operator is not None
    assert voices_role(raw, article, _span(raw, quote), premier)
    assert not voices_role(raw, article, _span(raw, quote), operator)
    # Naming the role is not saying anything: "has criticised" is no verb of speech here.
    named = "Vell's premier, Odile Marchetti, has criticised the timing of the closure."
    assert not voices_role(raw, article, _span(raw, named), premier)


def test_a_role_speaking_in_the_sentence_needs_the_questions_other_words_for_it(
    tmp_path: Path,
) -> None:
    raw, article = ingested_story(tmp_path, FERRY + SECURITY)
    security = "The port's head of security said the landing stage is safe."
    unit = asked_speaking_role("What did the head of the harbour police unit say?")
    port = asked_speaking_role("What did the head of security say?")
    assert unit is not None and port is not None
    assert voices_role(raw, article, _span(raw, security), port)
    assert not voices_role(raw, article, _span(raw, security), unit)


@pytest.fixture(scope="module")
def island(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return assistant_over(tmp_path_factory.mktemp("island"), {"ferry.txt": FERRY})


def test_what_a_role_said_is_led_by_the_words_of_its_holder(island: Assistant) -> None:
    answer = asked(island, "What did Vell's premier say about the ferry closure?")
    assert answer.text == (
        '"Closing the link in the busiest month of the year shows no regard for islanders," '
        "Marchetti said. [1] The ferry link between Vell and the mainland will close for six "
        "weeks of repairs from next month. [1] Vell's premier, Odile Marchetti, has criticised "
        "the timing of the closure. [1]"
    )


def test_what_a_role_said_when_no_holder_of_it_speaks_is_said_to_be_unquoted(
    island: Assistant,
) -> None:
    answer = asked(island, "What did the head of the harbour police unit say?")
    assert answer.abstained
    assert answer.text == (
        "The indexed articles quote no head of the harbour police unit. Closest: The harbour "
        "police unit will direct traffic at the temporary landing stage. [1]"
    )
    assert [c.to_json() for c in answer.missing] == [
        {"kind": "speaker", "text": "head of the harbour police unit"}
    ]


AIRFIELD = (
    "Marines dig in near the southern airfield\n\n"
    "More than 1,000 marines are now camped near the southern airfield, where they patrol "
    "the perimeter day and night.\n\n"
    "The chairman of the Joint Harbour Staff, General Tom Vell, says they are prepared for "
    "anything.\n\n"
    '"They are well equipped and absolutely ready to engage if that is required," he said.\n'
)


@pytest.fixture(scope="module")
def airfield(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    root = tmp_path_factory.mktemp("airfield")
    return assistant_over(root, {"ferry.txt": FERRY, "airfield.txt": AIRFIELD})


def test_what_a_role_said_brings_the_quote_after_its_holders_sentence(airfield: Assistant) -> None:
    answer = asked(
        airfield, "What did the chairman of the Joint Harbour Staff say about the marines?"
    )
    assert answer.text.startswith(
        "The chairman of the Joint Harbour Staff, General Tom Vell, says they are prepared for "
        'anything. [1] "They are well equipped and absolutely ready to engage if that is '
        'required," he said. [1]'
    )
