"""Who said it in broadcast copy: one paragraph per story, no title, byline or date,
speakers introduced by role then name ("The union secretary, Maria Olsen, says …"), quotes
running over several sentences that reopen without closing, "he said" after "he said",
unnamed sources, and a quotation whose opening mark is lost. Stories written for these
tests; the speakers' sentences are read one by one, then asked through the real pipeline
(indexed once with the real model), where metadata questions must say what is unknown."""

from __future__ import annotations

from pathlib import Path

import pytest
from written_articles import asked, assistant_over, ingested_story

from qa.records import Article, Span
from qa.search.answer_types import ORGANISATION, PLACE
from qa.search.article_questions import article_question
from qa.search.assistant import Assistant
from qa.search.attribution import names_speaker, needs_speaker, referent_for, speaker_for

DOCKS = (
    "Dock workers at the port of Marlow have voted to strike over a proposed pay freeze. "
    "The harbour board's chief executive, Tomas Reyes, says he is disappointed by the vote. "
    '"We have offered a fair deal. We will not be pushed into a pay rise we cannot afford. '
    '"Our customers will not be affected," he said. "We have been here before. Strikes end. '
    'Ships come back. Trade goes on. The board will still be here when it does," he said. '
    "Harbour cranes stood idle on Tuesday afternoon. The union secretary, Maria Olsen, says "
    "the board has left members no choice. The mediator, Ruth Adler, says both sides must "
    "give ground. Speaking on local radio on Monday night, Ms Olsen dismissed the idea. The "
    'union has a long record of settling disputes," she said. "We came to the table in good '
    "faith.\" Shipping firms say they blame Mr Reyes for the breakdown. The board's case was "
    'presented on Tuesday by its lawyer, Anil Kapoor. "We expect both sides back at the '
    'table this week," he said. "We are watching the bay very closely," a '
    'port official told reporters. "Nobody wants ships waiting at anchor," he said.\n'
)

CLINIC = (
    "A rural clinic in the Tarrow district has run out of flu vaccine a month into the winter "
    "season. Clinic director Hamid Nasser says orders placed in March were never filled. "
    '"We asked for 2,000 doses and received 600," he said. The regional health board blames '
    "a national shortage. Nurses at the clinic have started a waiting list for the next "
    "delivery, which is expected in three weeks. The clinic's practice manager, Priya Raman, "
    'says the shortfall is serious. "We have enough vaccine for one patient in seven. "We have '
    'asked the board for an emergency delivery," Ms Raman said.\n'
)

MAYOR = (
    "The Lord Mayor will answer questions about the flood relief fund this week. A "
    "press officer says the Lord Mayor is worried that the fund has been slow to reach "
    "families. Council staff have been told to process claims within ten days. The Lord Mayor "
    "says he followed the council's legal advice when the fund was set up. Opposition "
    "councillor Mark Bryce says the delays are unacceptable.\n"
)

REYES = "The harbour board's chief executive, Tomas Reyes, says he is disappointed by the vote."
OLSEN = "Speaking on local radio on Monday night, Ms Olsen dismissed the idea."


@pytest.fixture
def docks(tmp_path: Path) -> tuple[str, Article]:
    return ingested_story(tmp_path, DOCKS, "docks.txt")


def speaker_of(story: tuple[str, Article], sentence: str) -> str | None:
    raw, article = story
    start = raw.index(sentence)
    found = speaker_for(raw, article, Span(start, start + len(sentence)))
    return None if found is None else raw[found.start : found.end]


def test_a_quote_reopened_without_closing_runs_on_and_ends_where_it_closes(
    docks: tuple[str, Article],
) -> None:
    assert speaker_of(docks, '"Our customers will not be affected," he said.') == REYES
    assert speaker_of(docks, "Strikes end.") == REYES  # inside the next quotation
    assert speaker_of(docks, "Harbour cranes stood idle on Tuesday afternoon.") is None


def test_he_said_after_he_said_goes_back_to_the_name_of_the_first(
    docks: tuple[str, Article],
) -> None:
    assert speaker_of(docks, 'The board will still be here when it does," he said.') == REYES


def test_a_quote_whose_opening_mark_is_lost_brings_the_subject_after_an_opening_phrase(
    docks: tuple[str, Article],
) -> None:
    # "she" is Ms Olsen, named after "Speaking on local radio …,", not the mediator before.
    said = 'union has a long record of settling disputes," she said.'
    assert speaker_of(docks, said) == OLSEN
    assert speaker_of(docks, '"We came to the table in good faith."') == OLSEN


def test_a_person_spoken_of_is_no_speaker_but_one_voicing_a_position_is(
    docks: tuple[str, Article],
) -> None:
    assert speaker_of(docks, '"We expect both sides back at the table this week," he said.') == (
        "The board's case was presented on Tuesday by its lawyer, Anil Kapoor."
    )


def test_he_said_after_an_unnamed_sources_quote_is_that_source(
    docks: tuple[str, Article],
) -> None:
    assert speaker_of(docks, '"Nobody wants ships waiting at anchor," he said.') == (
        '"We are watching the bay very closely," a port official told reporters.'
    )


@pytest.mark.parametrize(
    "sentence",
    [
        REYES,
        "Tomas Reyes did not rule out a lockout and he says the board will not blink.",
    ],
)
def test_a_named_person_saying_he_needs_no_other_speaker(sentence: str) -> None:
    assert not needs_speaker(sentence)


def test_says_he_closing_a_quote_still_needs_its_speaker() -> None:
    assert needs_speaker('"It will not happen," says he.')


def test_a_possessive_after_said_names_no_speaker() -> None:
    assert not names_speaker("Doctors said Nasser's condition had improved overnight.")
    assert names_speaker('"It went well," said Nasser.')


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("Which news organisation published the report on the dock strike?", "outlet"),
        ("Which network ran the story about the clinic?", "outlet"),
        ("Who is the journalist behind the story on the dock strike?", "author"),
        ("Who's the reporter on the story about the clinic?", "author"),
        ("What’s the headline of the story about the clinic?", "title"),
        # A network, a station or an organisation asked about without a story: no metadata.
        ("Which station covered the match for the home side?", None),
        ("What organisation runs the harbour ferries?", None),
        ("Who is the journalist arrested at the port?", None),
    ],
)
def test_a_metadata_question_is_known_by_what_it_asks_of_aingested_story(
    question: str, field: str | None
) -> None:
    asked = article_question(question)
    assert (asked.field if asked else None) == field


def test_he_told_a_channel_names_the_listener_not_the_speaker(tmp_path: Path) -> None:
    story = ingested_story(
        tmp_path,
        "The acting health minister, Carl Voss, says the clinic will reopen. He has told "
        'Channel Four the repairs are nearly done. "The doors open on Monday," he said.\n',
        "visas.txt",
    )
    assert speaker_of(story, '"The doors open on Monday," he said.') == (
        "The acting health minister, Carl Voss, says the clinic will reopen."
    )


def test_a_position_spelt_out_by_a_spokesman_names_the_speaker_of_the_quote_after_it(
    tmp_path: Path,
) -> None:
    story = ingested_story(
        tmp_path,
        "The island council has suspended the winter ferry timetable after a second engine "
        "failure. The Islanders say they hold the operator responsible for years of neglect. "
        "The council's position was spelt out by spokesman Ivo Marsh. "
        '"Nobody will be stranded on the island this winter," he said.\n',
    )
    assert speaker_of(story, '"Nobody will be stranded on the island this winter," he said.') == (
        "The council's position was spelt out by spokesman Ivo Marsh."
    )


def test_a_people_named_with_the_is_no_speaker_for_he_said(tmp_path: Path) -> None:
    story = ingested_story(
        tmp_path,
        "Flood water has cut the coast road for a third day. The Islanders say they were "
        'warned too late. "We will rebuild the road before the spring," he said.\n',
    )
    assert speaker_of(story, '"We will rebuild the road before the spring," he said.') is None


@pytest.fixture(scope="module")
def broadcast(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """An assistant over the two stories, indexed once for this module."""
    root = tmp_path_factory.mktemp("attribution-broadcast")
    return assistant_over(root, {"docks.txt": DOCKS, "clinic.txt": CLINIC, "mayor.txt": MAYOR})


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "first"),
    [
        (
            "What did Hamid Nasser say about the vaccine orders?",
            "Clinic director Hamid Nasser says orders placed in March were never filled. [1] "
            '"We asked for 2,000 doses and received 600," he said. [1]',
        ),
        (
            "What did Tomas Reyes say about customers?",
            f'{REYES} [1] "Our customers will not be affected," he said. [1]',
        ),
        (
            "What did Anil Kapoor say?",
            "The board's case was presented on Tuesday by its lawyer, Anil Kapoor. [1] "
            '"We expect both sides back at the table this week," he said. [1]',
        ),
        # The sentence naming a quote's speaker comes before the quote, as in the story.
        (
            "What did Priya Raman say about the vaccine?",
            "The clinic's practice manager, Priya Raman, says the shortfall is serious. [1] "
            '"We have enough vaccine for one patient in seven. [1] "We have asked the board for '
            'an emergency delivery," Ms Raman said. [1]',
        ),
        # No quotation: what the person asked about says, told, leads; not what others say
        # of them ("A press officer says the Lord Mayor is worried …").
        (
            "What does the Lord Mayor say about the relief fund?",
            "The Lord Mayor says he followed the council's legal advice when the fund was set "
            "up. [1]",
        ),
        (
            "Who said nobody wants ships waiting at anchor?",
            '"We are watching the bay very closely," a port official told reporters. [1] '
            '"Nobody wants ships waiting at anchor," he said. [1]',
        ),
    ],
)
def test_what_someone_said_in_broadcast_copy_comes_after_the_sentence_naming_them(
    broadcast: Assistant, question: str, first: str
) -> None:
    assert asked(broadcast, question).text.startswith(first)


@pytest.mark.slow
def test_a_story_sharing_one_word_with_the_topic_asked_is_not_the_story_asked_about(
    broadcast: Assistant,
) -> None:
    answer = asked(broadcast, "Who wrote the story about the dock robbery?")
    assert "doesn't state its author" not in answer.text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "reply"),
    [
        (
            "Who wrote the story about the dock strike?",
            "“Dock workers at the port of Marlow have voted to strike over…” doesn't state its "
            "author. [1]",
        ),
        (
            "When was the story about the dock strike published?",
            "“Dock workers at the port of Marlow have voted to strike over…” doesn't state when "
            "it was published. [1]",
        ),
        (
            "Which outlet published the story on the flu vaccine shortage?",
            "“A rural clinic in the Tarrow district has run out of flu…” doesn't state the "
            "outlet that published it. [1]",
        ),
        (
            "What is the title of the story about the flu vaccine?",
            "The article states no title; qa calls it “A rural clinic in the Tarrow district "
            "has run out of flu…”. [1]",
        ),
        # Other ways to ask, and topics told in other words than the story's.
        (
            "Who is the journalist behind the story on the dock strike?",
            "“Dock workers at the port of Marlow have voted to strike over…” doesn't state its "
            "author. [1]",
        ),
        (
            "What's the headline of the story about the flu vaccine?",
            "The article states no title; qa calls it “A rural clinic in the Tarrow district "
            "has run out of flu…”. [1]",
        ),
        (
            "Which news organisation published the report on the vaccine shortage?",
            "“A rural clinic in the Tarrow district has run out of flu…” doesn't state the "
            "outlet that published it. [1]",
        ),
    ],
)
def test_metadata_a_story_without_title_byline_or_date_does_not_state_is_said_unknown(
    broadcast: Assistant, question: str, reply: str
) -> None:
    answer = asked(broadcast, question)
    assert answer.text == reply
    (cited,) = answer.citations
    assert (cited.author, cited.outlet, cited.published) == (None, None, None)
    assert cited.provenance["title"] == "derived"


SHELTER = (
    "Fishing families on the northern coast lost their boats in last month's storm. "
    '"We lost everything in one night," a skipper said in the office of the Harlow-based '
    "charity Safe Moorings. The group houses families whose homes were damaged. Repairs to "
    "the harbour wall will take a year. The company building the wall says work starts in "
    "May.\n"
)


def test_a_sentence_naming_a_body_only_as_the_group_is_read_after_the_sentence_naming_it(
    tmp_path: Path,
) -> None:
    story = ingested_story(tmp_path, SHELTER)
    raw, article = story
    group = "The group houses families whose homes were damaged."
    start = raw.index(group)
    found = referent_for(raw, article, Span(start, start + len(group)))
    assert found is not None and raw[found.start : found.end] == (
        '"We lost everything in one night," a skipper said in the office of the Harlow-based '
        "charity Safe Moorings."
    )
    company = "The company building the wall says work starts in May."
    start = raw.index(company)  # the sentence before it names nothing
    assert referent_for(raw, article, Span(start, start + len(company))) is None


def test_a_place_in_the_sentence_naming_the_group_by_description_does_not_name_the_group(
    tmp_path: Path,
) -> None:
    raw, article = ingested_story(
        tmp_path,
        "Boats were lost along the whole coast. A skipper spoke at the office of the charity "
        "Safe Moorings. The group houses fishing families in Harlow.\n",
    )
    group = "The group houses fishing families in Harlow."
    span = Span(raw.index(group), raw.index(group) + len(group))
    naming = "A skipper spoke at the office of the charity Safe Moorings."
    found = referent_for(raw, article, span, ORGANISATION)
    assert found is not None and raw[found.start : found.end] == naming
    assert referent_for(raw, article, span, PLACE) is None  # "Where …?": Harlow answers


@pytest.mark.slow
def test_which_group_is_answered_with_the_sentence_naming_the_group_before_the_group(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    shelter = assistant_over(tmp_path_factory.mktemp("shelter"), {"shelter.txt": SHELTER})
    answer = asked(shelter, "Which group houses the fishing families?")
    assert answer.text == (
        '"We lost everything in one night," a skipper said in the office of the Harlow-based '
        "charity Safe Moorings. [1] The group houses families whose homes were damaged. [1] "
        "Fishing families on the northern coast lost their boats in last month's storm. [1]"
    )
