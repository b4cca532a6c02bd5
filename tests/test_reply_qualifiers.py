"""A reply said of another qualifier than the question's does not answer it: the opposite
word ("informal" for "formal"), another count of the same thing ("two ferries" for "three
ferries"), or what is so for a question asking what is not."""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.records import Constraint
from qa.search.answerability import (
    Assessment,
    check_reply,
    decade_for_year,
    number_of_another,
    reply_denies_asked,
    reply_lacks_asked,
    reply_lacks_qualifier,
    reply_opposes,
    score_of_another,
    span_for_year,
    superlative_of_another,
)
from qa.search.assistant import Assistant

MET = Assessment((), (1,), 1, (), 0.8)


@pytest.mark.parametrize(
    ("question", "said", "word"),
    [
        (
            "Who ordered a formal review of ferry fares?",
            "The harbour council ordered an informal review of ferry fares.",
            "formal",
        ),
        (
            "What is impossible for the ferry company?",
            "It is possible for the ferry company to add a second crossing.",
            "impossible",
        ),
        (
            "Where will the board open a permanent training centre?",
            "The board will open a temporary training centre in Halden.",
            "permanent",
        ),
        (
            "How many teachers have urban schools lost?",
            "Rural schools have lost 40 teachers since 2020.",
            "urban",
        ),
        ("How is best-case time written?", "The worst-case time is written T(n).", "best-case"),
        (
            "Which ferry company had a short legal battle with the council?",
            "Kelso Lines ended a lengthy legal battle with the council in May.",
            "short",
        ),
        (
            "Which of the two skippers was convicted of smuggling?",
            "Both skippers were acquitted of smuggling on Friday.",
            "convicted",
        ),
        (
            "Which islanders buy their ferry tickets online?",
            "Most islanders buy their ferry tickets offline, at the harbour.",
            "online",
        ),
        (
            "What are the weekly carriage fees for the channels?",
            "The deal includes fixed annual carriage fees of £30m for the channels.",
            "weekly",
        ),
        (
            "Which fares rose by more than 12 percent?",
            "Fares on the Skerry route rose by less than 12 percent.",
            "more",
        ),
    ],
)
def test_a_reply_holding_only_the_opposite_of_a_word_of_the_question_says_so(
    question: str, said: str, word: str
) -> None:
    assert reply_opposes(question, [said]) == Constraint("term", word, (word.lower(),))
    checked = check_reply(question, [said], MET, 1)
    assert checked.reply(said, 1) == (
        f"The indexed articles don't say this for “{word}”. Closest: {said} [1]"
    )


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # The opposite denied says the asked thing in other words.
        ("What is possible for the ferry company?", "It is not impossible for it to add one."),
        # The question names both.
        ("Is the timetable simple or complex?", "The timetable is complex."),
        # A name is no opposite, and a word of the asked one's family says it.
        ("Where is the discrete unit?", "Crete is an island."),
        ("Which pass was ruled incomplete?", "The pass was ruled an incompletion."),
        ("Who ordered an informal review?", "The council ordered an informal review."),
        # "More" and "less" away from "than" tell one fact from either side.
        ("Which route has more ferries?", "The Skerry route has less traffic."),
    ],
)
def test_a_reply_that_says_the_asked_word_or_denies_its_opposite_stands(
    question: str, said: str
) -> None:
    assert reply_opposes(question, [said]) is None


def test_a_denial_elsewhere_in_the_reply_does_not_answer_what_is_not_so() -> None:
    question = "Which route is the new timetable not used on?"
    said = [
        "The new winter timetable is used on the Fernholm route.",
        "Officials gave no date for the return of the second ferry.",
    ]
    checked = check_reply(question, said, MET, 1)
    assert checked.reply(said[0], 1) == (
        "The indexed articles don't say this for “not”. Closest: The new winter timetable is "
        "used on the Fernholm route. [1]"
    )
    denied = ["The new winter timetable is not used on the Skerry route."]
    assert check_reply(question, [*said, *denied], MET, 1) == MET


@pytest.mark.parametrize(
    ("question", "said", "asked", "shown"),
    [
        (
            "Which route lost three ferries after the storm?",
            ["The storm closed the harbour.", "Two ferries left the Skerry route after it."],
            "three ferries",
            1,
        ),
        (
            "What treaty was signed in the 9th century?",
            ["The treaty of Epte was signed in the 10th century."],
            "9th century",
            0,
        ),
        (
            "Which storm caused $20 million in damage?",
            ["The 1994 storm caused $20 billion in damage."],
            "20 million",
            0,
        ),
        (
            "Which book listed 25 diverse problems?",
            ["Karp's paper listed 21 diverse problems."],
            "25 diverse",
            0,
        ),
    ],
)
def test_a_count_or_rank_given_only_for_another_of_the_same_thing_is_not_given(
    question: str, said: list[str], asked: str, shown: int
) -> None:
    found = number_of_another(question, said)
    assert found is not None
    constraint, index = found
    assert (constraint.text, index) == (asked, shown)
    checked = check_reply(question, said, MET, 1)
    assert checked.reply(said[shown], 1) == (
        f"The indexed articles don't say this for “{asked}”. Closest: {said[shown]} [1]"
    )


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Which route lost two ferries?", "Two ferries left the Skerry route."),
        ("Which route lost 2 ferries?", "Two ferries left the Skerry route."),
        ("Which storm cost $20 million?", "The storm cost $20 million, and $1 billion later."),
        # "the fourth" gives the rank, whatever word follows it.
        (
            "Where was the ball lost in the fourth quarter?",
            "Early in the fourth, after the third quarter.",
        ),
        ("Who won the first race?", "Berg won the second race."),  # "first" is no count
        ("How many ferries sailed in 2015?", "Two ferries sailed in 2014."),  # a year is no count
    ],
)
def test_a_reply_giving_the_asked_count_or_none_of_another_stands(question: str, said: str) -> None:
    assert number_of_another(question, [said]) is None


@pytest.fixture(scope="module")
def ferry_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """A news article on ferries, and one on schools that uses the word "formal" (a word no
    article uses would be missing from the passages, before any reply is read)."""
    return assistant_over(
        tmp_path_factory.mktemp("ferries"),
        {
            "ferries.txt": (
                "Harbour council orders informal review of ferry fares\n\n"
                "By Ann Berg\n\n"
                "The Kelso harbour council on Tuesday ordered an informal review of ferry fares "
                "after complaints from island residents.\n\n"
                "Two ferries were withdrawn from the Skerry route after the January storm, "
                "leaving islanders with one crossing a day.\n\n"
                "The new winter timetable is used on the Fernholm route, the council's transport "
                "officer said.\n"
            ),
            "schools.txt": (
                "Parents lodge formal complaint over school closures\n\n"
                "Parents in Dalby lodged a formal complaint with the education board on Monday "
                "over the closure of two village schools.\n"
            ),
        },
    )


def test_questions_swapping_a_qualifier_of_an_article_are_not_answered_from_it(
    ferry_assistant: Assistant,
) -> None:
    formal = asked(ferry_assistant, "Who ordered a formal review of ferry fares?")
    assert formal.text == (
        "The indexed articles don't say this for “formal”. Closest: The Kelso harbour council "
        "on Tuesday ordered an informal review of ferry fares after complaints from island "
        "residents. [1]"
    )
    assert formal.to_json()["missing"] == [{"kind": "term", "text": "formal"}]
    three = asked(ferry_assistant, "Which route lost three ferries after the January storm?")
    assert three.text == (
        "The indexed articles don't say this for “three ferries”. Closest: Two ferries were "
        "withdrawn from the Skerry route after the January storm, leaving islanders with one "
        "crossing a day. [1]"
    )
    informal = asked(ferry_assistant, "Who ordered an informal review of ferry fares?")
    assert not informal.abstained
    assert informal.text.startswith("The Kelso harbour council on Tuesday ordered")
    two = asked(ferry_assistant, "Which route lost two ferries after the January storm?")
    assert not two.abstained
    assert two.text.startswith("Two ferries were withdrawn from the Skerry route")


@pytest.mark.parametrize(
    ("question", "said", "asked"),
    [
        (
            "What is the busiest container port in the country?",
            "Kelso is the country's second busiest container port.",
            "busiest container port",
        ),
        (
            "What is the second-largest bank in Norway?",
            "The Harbour Bank is the largest bank in Norway.",
            "second-largest bank",
        ),
        (
            "What is the oldest work of Norman art?",
            "By far the most famous work of Norman art is the Bayeux Tapestry.",
            "oldest work",
        ),
    ],
)
def test_a_superlative_given_only_at_another_rank_or_as_another_superlative_is_not_given(
    question: str, said: str, asked: str
) -> None:
    checked = check_reply(question, [said], MET, 1)
    assert checked.reply(said, 1) == (
        f"The indexed articles don't say this for “{asked}”. Closest: {said} [1]"
    )


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("What is the second busiest port?", "Kelso is the second-busiest port."),
        ("What is the busiest port?", "Kelso is the busiest port; Skerry the second busiest port."),
        ("What is the oldest work of art?", "The oldest and most famous work of art is a cup."),
        # Of another thing, a rank says nothing of the asked one.
        ("What is the busiest container port?", "Skerry is the second busiest ferry port."),
    ],
)
def test_a_superlative_at_the_asked_rank_or_of_another_thing_stands(
    question: str, said: str
) -> None:
    assert superlative_of_another(question, [said]) is None


def test_a_score_the_reply_does_not_give_while_it_gives_another_is_not_given() -> None:
    question = "Who scored Chelsea's goals in their 2-2 draw with Arsenal?"
    said = ["Henry scored the goal that put Arsenal 2-1 ahead.", "Poll gave the signal."]
    checked = check_reply(question, said, MET, 1)
    assert checked.reply(said[0], 1) == (
        "The indexed articles don't say this for 2-2. Closest: Henry scored the goal that put "
        "Arsenal 2-1 ahead. [1]"
    )
    assert score_of_another("Which team won 24-10?", ["Denver won 24–10."]) is None
    assert score_of_another("Who cut the margin to 3-2?", ["Fish cut it to 3-2."]) is None
    assert score_of_another("Who lost 3-1 at home?", ["Kelso lost 1-3 at home."]) is None
    assert score_of_another("Who lost 3-1 at home?", ["Kelso lost at home."]) is None


def test_a_year_the_reply_gives_only_as_its_decade_is_not_given() -> None:
    question = "What was developed in 1980?"
    said = ["Most of the county was developed in the 1980s and 1990s."]
    assert check_reply(question, said, MET, 1).reply(said[0], 1) == (
        "The indexed articles don't say this for 1980. Closest: Most of the county was "
        "developed in the 1980s and 1990s. [1]"
    )
    assert decade_for_year(question, ["It was developed in 1980, early in the 1980s."]) is None
    assert decade_for_year("What was developed in the 1980s?", said) is None


def test_a_year_the_reply_gives_only_as_the_end_of_a_span_is_not_given() -> None:
    question = "How many tonnes of fish did Kelso land in 2004?"
    said = ["Kelso boats landed 90,000 tonnes of fish in 1995–2004, a record."]
    assert check_reply(question, said, MET, 1).reply(said[0], 1) == (
        "The indexed articles give no figure for 2004. Closest: Kelso boats landed 90,000 "
        "tonnes of fish in 1995–2004, a record. [1]"
    )
    # The year said alone as well, or a span asked about, stands.
    both = ["Kelso landed 9,000 tonnes in 2004 and 90,000 in 1995–2004."]
    assert span_for_year(question, both) is None
    assert span_for_year("How much fish was landed in 2003-04?", ["In 2003–04, 9,000 t."]) is None


def test_a_reply_that_does_not_state_the_asked_only_or_still_says_so() -> None:
    question = "Which ferry is only used on the Skerry route?"
    said = ["The Ostby ferry is used on the Skerry route."]
    assert check_reply(question, said, MET, 1).reply(said[0], 1) == (
        "The indexed articles don't say this for “only”. Closest: The Ostby ferry is used on "
        "the Skerry route. [1]"
    )
    still = reply_lacks_qualifier("Which company still runs the ferry?", ["Lind ran the ferry."])
    assert still == Constraint("term", "still", ("still",))


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Which ferry is only used on the Skerry route?", "Only the Ostby sails there."),
        ("Which ferry is only used on the Skerry route?", "The Ostby is its sole ferry."),
        ("Who scored Ireland's only try?", "O'Driscoll scored the single try of the game."),
        ("Which company still runs the ferry?", "Lind continues to run the ferry."),
        ("Which ferry not only sails but also flies?", "The Ostby sails."),  # no qualifier
        # "only a deckhand": merely one, no exclusivity asked
        ("Who said the captain was only a deckhand once?", "Lind said he began as a deckhand."),
    ],
)
def test_a_reply_stating_the_asked_only_or_still_stands(question: str, said: str) -> None:
    assert reply_lacks_qualifier(question, [said]) is None


def test_a_reply_denying_what_the_question_takes_as_so_does_not_answer_it() -> None:
    question = "Which council has a veto over the ferry timetable?"
    said = ["The Kelso council has no veto over the ferry timetable, its chair said."]
    assert check_reply(question, said, MET, 1).reply(said[0], 1) == (
        "The indexed articles don't say this for “veto”. Closest: The Kelso council has no "
        "veto over the ferry timetable, its chair said. [1]"
    )
    zone = ["Mill Street became a no-parking zone in May."]
    assert reply_denies_asked("Which street became a parking zone?", zone) == Constraint(
        "term", "parking", ("parking",)
    )
    intended = ["The ferries are not intended as a winter service."]
    found = reply_denies_asked("What are intended as a winter service?", intended)
    assert found == Constraint("term", "intended", ("intended",))


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # Said as well as denied, or denied in the question too.
        (
            "Which council has a veto over the timetable?",
            "Dalby has no veto. The Kelso council has a veto over the timetable.",
        ),
        ("Who said the council has no veto?", "Berg said the council has no veto."),
        # A yes-or-no, "why" or "how" question may be answered by a denial.
        ("Does the council have a veto?", "The council has no veto."),
        ("Why did the ferry sail late?", "The ferry could not sail on time in the gale."),
        # "not counting illegal ones" denies nothing of illegal agencies.
        (
            "Where do illegal agencies send young women?",
            "There are 70 agencies, not counting illegal ones, sending women to the Gulf.",
        ),
        # A compound ending in the word says it: "2-point" says "point".
        (
            "Who scored the first points for Kelso?",
            "Kelso had no points at the break. Vik then kicked a 2-point conversion for Kelso.",
        ),
        # "No" ending a sentence denies nothing in the next one.
        ("What is an example of a ferry route?", "It is not yes or no. Examples are Skerry."),
        # "not … until" says when it was so.
        (
            "When was the wreck discovered?",
            "Divers didn't discover the wreck until 1991, off Skerry.",
        ),
    ],
)
def test_a_reply_saying_what_is_asked_or_asked_a_denial_stands(question: str, said: str) -> None:
    assert reply_denies_asked(question, [said]) is None


def test_a_rank_is_no_count_of_another_thing() -> None:
    question = "How many goals has Giggs scored for Wales?"
    said = ["Giggs will captain Wales as he wins his 50th cap on Wednesday."]
    assert reply_lacks_asked(question, said) == "number"
    assert reply_lacks_asked(question, ["Giggs scored his 12th goal for Wales."]) is None
    assert reply_lacks_asked(question, ["Giggs has scored 12 goals in 50 games."]) is None
