""" "What did <person> say?" when the articles give none of that person's words: the reply
says so and names them, instead of another speaker's quote or sentences that only mention
them; a person whose words are reported in other ways is answered, with their words first.
Written for these tests."""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.search.assistant import Assistant
from qa.search.attribution import asked_person, reports_speech_of, speaks_in

COURT = """Harbour tycoon tells court the fraud case is a vendetta

By Mira Castell

PORT ELVIN — Shipping magnate Oskar Brandt used his day on the witness stand on Tuesday to \
attack the regional prosecutor who brought the fraud case against his company.

Judge Maren Sorensen, who has clashed with Brandt throughout the trial, warned him to answer \
the questions put to him.

"This is a vendetta and she should be ashamed of herself," Brandt said of the prosecutor, \
Ingrid Vaal.

"This court is not a campaign stage," Sorensen said, telling his lawyers Petra Lund and Jonas \
Weir to sit down.

Vaal is seeking 40 million crowns in damages and wants Brandt barred from running a company \
in the region.

Weir later argued that his client had never meant to mislead the bank. "He is describing why \
there was no intent to deceive anyone," Weir said.

The trial resumes on Thursday, when the court will hear from the company's former auditor.
"""

FERRY = """Ferry operator says new route will cut crossing times

By Tomas Ekdahl

PORT ELVIN — The island ferry company said on Monday that a new route between Port Elvin and \
Skarholm would cut the crossing to forty minutes.

"We will say more about timetables next month," a company spokeswoman told reporters, adding \
that the firm wanted to write to every season-ticket holder about the change.

Residents of Skarholm said they had waited years for a faster crossing, and the mayor, Anton \
Berg, said the town council would talk to the company about fares.
"""

SCHOOL = """Teachers warn about crowded classrooms

By Lena Holm

Teachers in the northern district say classes have grown to more than thirty pupils, and \
their union wrote to the education board about it last week.

"What we say to parents is simple: we need more teachers," union leader Karin Moe said.

The board said it would answer the letter before the summer.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    root = tmp_path_factory.mktemp("unquoted")
    return assistant_over(root, {"court.txt": COURT, "ferry.txt": FERRY, "school.txt": SCHOOL})


@pytest.mark.parametrize(
    ("question", "person", "closest"),
    [
        # Named only as someone told to sit down by another speaker.
        (
            "What did Petra Lund say?",
            "Petra Lund",
            '"This court is not a campaign stage," Sorensen said, telling his lawyers Petra '
            "Lund and Jonas Weir to sit down.",
        ),
        # Named only as the one another speaker speaks of.
        (
            "What did Ingrid Vaal say about Brandt?",
            "Ingrid Vaal",
            '"This is a vendetta and she should be ashamed of herself," Brandt said of the '
            "prosecutor, Ingrid Vaal.",
        ),
    ],
)
def test_what_a_person_never_said_is_abstained_naming_them(
    assistant: Assistant, question: str, person: str, closest: str
) -> None:
    answer = asked(assistant, question)
    assert answer.abstained
    assert [c.to_json() for c in answer.missing] == [{"kind": "speaker", "text": person}]
    marker = answer.citations[0].marker
    assert answer.text == (
        f"The indexed articles quote nothing {person} said. Closest: {closest} [{marker}]"
    )


@pytest.mark.parametrize(
    ("question", "first"),
    [
        # Reported with the person's role set between name and verb.
        (
            "What did Anton Berg say?",
            "Residents of Skarholm said they had waited years for a faster crossing, and the "
            "mayor, Anton Berg, said the town council would talk to the company about fares.",
        ),
        # The person's own quote leads a sentence that only names them, though it stands
        # after it in the article.
        (
            "What did Oskar Brandt say about the prosecutor?",
            '"This is a vendetta and she should be ashamed of herself," Brandt said of the '
            "prosecutor, Ingrid Vaal.",
        ),
    ],
)
def test_a_person_whose_words_the_articles_give_is_answered_with_them_first(
    assistant: Assistant, question: str, first: str
) -> None:
    answer = asked(assistant, question)
    assert not answer.abstained
    assert answer.text.startswith(f"{first} [")


def test_what_an_author_wrote_is_answered_from_their_article(assistant: Assistant) -> None:
    answer = asked(assistant, "What did Mira Castell write about the trial?")
    assert not answer.abstained
    assert {c.title for c in answer.citations} == {
        "Harbour tycoon tells court the fraud case is a vendetta"
    }


@pytest.mark.parametrize(
    ("question", "person"),
    [
        ("What did Petra Lund say?", "Petra Lund"),
        ("What did Ursula von der Leyen tell reporters?", "Ursula von der Leyen"),
        ("What did President Anton Berg warn about the fares?", "President Anton Berg"),
        ("What did the harbour master say?", None),  # a role
        ("What did Berg's lawyer say?", None),  # a role of a person
        ("What did the Ruritanian minister say?", None),
        ("What did Harbour Bank say about rates?", None),  # a body
        ("Who did Petra Lund say?", None),  # another question
    ],
)
def test_the_person_a_what_did_they_say_question_names(question: str, person: str | None) -> None:
    assert asked_person(question) == person


@pytest.mark.parametrize(
    ("sentence", "speaks"),
    [
        ("Lund said the crossing would close.", True),
        ("Lund, the harbour master, told reporters the crossing would close.", True),
        ("Lund and Weir later argued that the fares were too high.", True),
        ('"The fares are too high," said Petra Lund.', True),
        ("Lund has long argued that the fares are too high.", True),
        ("The fares are too high, according to the harbour master, Petra Lund.", True),
        ("According to Lund, the fares are too high.", True),
        ("A Lund spokesman said the fares were under review.", True),
        ("In a statement from Lund, the ferry company denied it.", True),
        ('"Sit down," Sorensen said, telling Petra Lund to sit down.', False),
        ('"Shameful," Brandt said of the prosecutor, Petra Lund.', False),
        ("Lund is seeking damages from the ferry company.", False),
        ("i think we lost the vote fairly said lund who chairs the board", True),  # lower-cased
        ("Police said Lund was arrested at the harbour.", False),
    ],
)
def test_a_sentence_tells_what_a_person_said_only_where_they_speak(
    sentence: str, speaks: bool
) -> None:
    assert speaks_in(sentence, "Lund") is speaks


@pytest.mark.parametrize(
    "sentence",
    [
        "The fares rose by a third, according to Petra Lund.",
        "According to Petra Lund, the fares rose by a third.",
    ],
)
def test_according_to_a_person_reports_their_speech(sentence: str) -> None:
    assert reports_speech_of(sentence, "Lund")
