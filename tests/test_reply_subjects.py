"""A figure the reply gives to another subject of the asked verb, named or spoken of by a
pronoun, is no figure for the name the question asks about, however near the article names
it."""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.search.answerability import subject_of_another
from qa.search.assistant import Assistant


def test_a_figure_said_of_another_subject_of_the_verb_is_found() -> None:
    said = ["Its chief said Kelso employs about 450 engineers in the city."]
    found = subject_of_another("How many engineers does Nordvik employ?", said)
    assert found is not None
    assert (found[0].text, found[1]) == ("Nordvik", 0)


@pytest.mark.parametrize(
    "said",
    [
        "Its chief said Nordvik employs about 450 engineers in the city.",
        "It employs about 450 engineers in the city.",
        "The company employs about 450 engineers in the city.",
    ],
)
def test_a_figure_of_the_asked_name_or_of_no_named_subject_may_be_its(said: str) -> None:
    assert subject_of_another("How many engineers does Nordvik employ?", [said]) is None


@pytest.mark.parametrize(
    ("question", "said"),
    [
        (
            "How large a fine did Harbor Books have to pay?",
            "Kelso Press fought on and lost a ruling that said it, too, had fixed prices and "
            "must pay a $45 million fine.",
        ),
        (
            "How many appeals did Ola Lund lose?",
            '"I lost two appeals and both were wrong," Berg said.',
        ),
        (
            "How much did Ajax pay for Tom Ray?",
            "This morning Feyenoord have paid the £7 million fee for Tom Ray.",
        ),
        ("Which team did Ajax beat on Sunday?", "PSV beat Twente 3-1 on Sunday."),
    ],
)
def test_the_verb_given_to_another_subject_or_its_pronoun_is_found(
    question: str, said: str
) -> None:
    found = subject_of_another(question, [said])
    assert found is not None
    assert found[1] == 0


def test_a_name_only_a_transfer_goes_to_is_no_payer() -> None:
    said = [
        "Feyenoord have this morning paid the £7 million fee for Tom Ray.",
        "This freed the £3 million move of Jan Smit to Ajax.",
    ]
    found = subject_of_another("How much did Ajax pay for Tom Ray?", said)
    assert found is not None
    assert (found[0].text, found[1]) == ("Ajax", 0)


@pytest.mark.parametrize(
    ("question", "said", "around"),
    [
        ("How many appeals did Ola Lund lose?", "She lost two appeals.", "Ola Lund sued. "),
        ("How much was Tom Ray paid?", "Ray was paid £7 million by Ajax.", ""),
        ("How much did Ajax pay for Tom Ray?", "Tom Ray was paid £7 million.", ""),
        (
            "Whom does Ann Berg play in Night Train?",
            "Set in Kelso in 1981, the 35-year-old Cuban actor plays Abel Morales.",
            "",
        ),
        (
            "How many tonnes of wheat does Kelso produce?",
            "Last year Kelsan farmers produced 3 million tonnes of wheat.",
            "",
        ),
        ("What did Ann Berg say about the ruling?", "Lund said the ruling was wrong.", ""),
        ("How many yards did Kelso gain?", "Only seven teams gained less than 200 yards.", ""),
        ("How many goals did Tom Ray score?", "Ajax's striker scored 30 goals.", ""),
        (
            "Whom did Nordvik Security guard in Kelso?",
            "By 2016 he had secured one contract, to guard the mayor of Kelso.",
            "Ann Berg founded Nordvik Security in 2010. ",
        ),
    ],
)
def test_a_verb_of_the_asked_one_of_a_people_or_of_no_named_subject_is_not_anothers(
    question: str, said: str, around: str
) -> None:
    assert subject_of_another(question, [said], [around + said]) is None


@pytest.fixture(scope="module")
def software(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return assistant_over(
        tmp_path_factory.mktemp("employers"),
        {
            "kelso.txt": (
                "Kelso opens its second office in Portvik\n\n"
                "Kelso's chief executive spoke on Tuesday in a fireside chat with Nordvik "
                "founder Ann Berg at the Nordvik conference in Portvik.\n\n"
                "The two companies share many customers, and Nordvik sells Kelso's software "
                "to banks.\n\n"
                "The chief executive said Kelso employs about 450 engineers in Portvik, and "
                "that the new office will hold 200 more.\n"
            ),
        },
    )


def test_how_many_a_company_named_in_the_article_employs_is_not_told_by_anothers_figure(
    software: Assistant,
) -> None:
    other = asked(software, "How many engineers does Nordvik employ in Portvik?")
    assert other.text == (
        "The indexed articles give no figure for Nordvik. Closest: The chief executive said "
        "Kelso employs about 450 engineers in Portvik, and that the new office will hold 200 "
        "more. [1]"
    )
    own = asked(software, "How many engineers does Kelso employ in Portvik?")
    assert own.text.startswith("The chief executive said Kelso employs about 450 engineers")


@pytest.fixture(scope="module")
def publishers(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return assistant_over(
        tmp_path_factory.mktemp("publishers"),
        {
            "books.txt": (
                "Harbor Books makes peace with Nordvik over e-book prices\n\n"
                "Harbor Books and the online retailer Nordvik agreed on Thursday on how e-books "
                "will be priced, ending a dispute that had lasted since spring.\n\n"
                "The deal follows a long price-fixing case brought against five publishers and "
                "the device maker Kelso. Eventually, all five publishers settled out of court. "
                "Kelso fought on and is appealing a ruling that said it, too, had fixed prices "
                "and must pay a $45 million fine.\n"
            ),
        },
    )


def test_a_fine_another_company_must_pay_is_no_fine_of_the_asked_publisher(
    publishers: Assistant,
) -> None:
    other = asked(
        publishers, "How large a fine did Harbor Books have to pay in the price-fixing case?"
    )
    assert other.text == (
        "The indexed articles give no figure for Harbor Books. Closest: Kelso fought on and is "
        "appealing a ruling that said it, too, had fixed prices and must pay a $45 million "
        "fine. [1]"
    )
    own = asked(publishers, "How large a fine did Kelso have to pay in the price-fixing case?")
    assert not own.abstained
    assert "$45 million fine" in own.text


@pytest.fixture(scope="module")
def transfers(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return assistant_over(
        tmp_path_factory.mktemp("transfers"),
        {
            "keeper.txt": (
                "Feyenoord sign Tom Ray for a record fee\n\n"
                "This morning Feyenoord have paid the £7 million fee to secure the record "
                "signing of Kelso keeper Tom Ray.\n\n"
                "This has freed the £3 million move of Jan Smit to Ajax, who had waited all "
                "summer for a new keeper.\n"
            ),
        },
    )


def test_a_fee_another_club_paid_is_no_fee_of_the_club_a_transfer_went_to(
    transfers: Assistant,
) -> None:
    other = asked(transfers, "How much did Ajax pay for Tom Ray?")
    assert other.text == (
        "The indexed articles give no figure for Ajax. Closest: This morning Feyenoord have "
        "paid the £7 million fee to secure the record signing of Kelso keeper Tom Ray. [1]"
    )
    own = asked(transfers, "How much did Feyenoord pay for Tom Ray?")
    assert not own.abstained
    assert "£7 million fee" in own.text
