"""Who speaks in a reply, and what a reply says once: a "…," he said. is read as the words
of the nearest person named before it, so no sentence is brought to name its speaker when
another person stands between them or only acts where someone else spoke ("a missing name is
better than a wrong speaker"); a person named in what others say is not speaking; and a
story indexed twice fills no more of a reply than once. Written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from written_articles import asked, assistant_over

from qa.ingest.reader import ingest_corpus
from qa.records import Span
from qa.search.assistant import Assistant
from qa.search.attribution import speaker_for, voices_someone
from qa.search.sentence_choice import same_sentence


def speaker_in(tmp_path: Path, story: str, sentence: str) -> str | None:
    """The sentence brought to name who speaks in ``sentence`` of ``story``, or None."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "story.txt").write_text(story + "\n", encoding="utf-8")
    (parsed,) = ingest_corpus(corpus).files
    raw, article = parsed.text, parsed.articles[0]
    start = raw.index(sentence)
    found = speaker_for(raw, article, Span(start, start + len(sentence)))
    return None if found is None else raw[found.start : found.end]


@pytest.mark.parametrize(
    "story",
    [
        # Someone else acts between the speaker and the quote.
        "Superintendent Tom Hale says the search is continuing. A local man, Gil Munro, was "
        'charged with arson on Monday. "We are confident we have the right man," he said.',
        # The club's new player is named last: "he" may be either man.
        "Coach Tom Hale says the team is ready for the final. The club signed striker Jim "
        'Pell last week. "He gives us real pace up front," he said.',
        # A person named in what others say is not speaking.
        'Police say Gil Munro was arrested at his home in Ashby. "We expect further '
        'arrests," he said.',
        # The sentence found ("official" in it) names nobody either: its "He" is the
        # unnamed official of the sentence before.
        "A senior union official has said the dock strike may end this week. He told the "
        "Coastal Radio network that the new pay offer was still not official. "
        '"We promise nothing," the official said.',
    ],
)
def test_a_quote_whose_speaker_is_in_doubt_brings_no_sentence(tmp_path: Path, story: str) -> None:
    quote = story[story.rindex('"', 0, story.rindex('"')) :]
    assert speaker_in(tmp_path, story, quote) is None


@pytest.mark.parametrize(
    ("story", "speaker"),
    [
        (
            'The mayor, Ray Dunn, opened the new library on Friday. "It is a proud day for '
            'the town," he told reporters.',
            "The mayor, Ray Dunn, opened the new library on Friday.",
        ),
        # A title holding "of" before the name; an organisation's words before the title.
        (
            "Warden of Fleet Commodore-Captain Ray Fenn has defended the crew. The fleet has not "
            'commented on the report. "It is unreasonable to expect that," he said.',
            "Warden of Fleet Commodore-Captain Ray Fenn has defended the crew.",
        ),
        (
            "Port Services Minister Nora Vell has praised the volunteers. "
            '"They gave up their holidays for us," she said.',
            "Port Services Minister Nora Vell has praised the volunteers.",
        ),
        # The nearest person named acts, and spoke before: her sentence, beside another's name.
        (
            "Premier Anna Lowe says the budget is balanced. Ms Lowe repeated her offer of talks "
            'with council leader Mark Tully. "My door is open," she said.',
            "Ms Lowe repeated her offer of talks with council leader Mark Tully.",
        ),
    ],
)
def test_a_quote_after_its_speaker_brings_the_sentence_naming_them(
    tmp_path: Path, story: str, speaker: str
) -> None:
    quote = story[story.rindex('"', 0, story.rindex('"')) :]
    assert speaker_in(tmp_path, story, quote) == speaker


COMMON = (
    "Councillor Ruth Okoye has opposed the bypass from the start. In March, after the "
    "council lost the vote, she called the scheme a folly because it cuts the common in two. "
    "After Tom Ray won the seat, he thanked the volunteers. Work on the bypass starts in June."
)


def test_a_he_or_she_after_a_fronted_phrase_brings_the_sentence_naming_them(
    tmp_path: Path,
) -> None:
    sentence = (
        "In March, after the council lost the vote, she called the scheme a folly because it "
        "cuts the common in two."
    )
    assert speaker_in(tmp_path, COMMON, sentence) == (
        "Councillor Ruth Okoye has opposed the bypass from the start."
    )


def test_a_fronted_phrase_naming_the_person_needs_no_sentence_before(tmp_path: Path) -> None:
    assert (
        speaker_in(tmp_path, COMMON, "After Tom Ray won the seat, he thanked the volunteers.")
        is None
    )


@pytest.mark.parametrize(
    ("sentence", "voices"),
    [
        ('"We are ready for the final," he said.', True),
        ("He says the plan will work.", True),
        ('"The bridge is closed.', True),
        # First person in a writer's own words, a source quoted within them, a named speaker.
        ("So we see that the two methods agree.", False),
        ('The report states that "the two methods agree in every case we tried".', False),
        ('Jane Doe said: "We are ready for the final."', False),
    ],
)
def test_words_of_someone_unnamed_are_a_quote_or_a_pronoun_speaking(
    sentence: str, voices: bool
) -> None:
    assert voices_someone(sentence) is voices


def test_one_sentence_told_twice_is_one_sentence() -> None:
    told = "The ferry service to Orran Island resumes on Monday after a two-week strike."
    assert same_sentence(told, told.replace("Monday", "Monday,"))
    assert same_sentence(
        "Union organiser Dana Quill says members accepted a pay rise of 6 per cent.",
        "Union organiser Dana Quill said members accepted a pay rise of 6 percent.",
    )
    # Another figure or another name: another thing told.
    assert not same_sentence("The toll rose to 12 on Friday.", "The toll rose to 15 on Friday.")
    assert not same_sentence("Six people were hurt in Orran.", "Six people were hurt in Kestle.")
    assert same_sentence(
        told, "The ferry service to Orran Island resumes Monday after a two-week strike."
    )
    assert not same_sentence(
        told, "The ferry service to Orran Island was cut on Friday by a strike."
    )
    # A statement and its negation: two stories that disagree, both to be shown.
    assert not same_sentence(
        "Police say the driver was armed.", "Police say the driver was not armed."
    )
    assert not same_sentence(
        "Ann Lee says she will stand again.", "Ann Lee says she won't stand again."
    )


FERRY = (
    "The ferry service to Orran Island resumes on Monday after a two-week strike. The "
    "operator, Bay Lines, says 14 crossings a day will run from the mainland port of Kestle. "
    'Union organiser Dana Quill says members accepted a pay rise of 6 per cent. "It is a fair '
    'result for the crews," she said.\n'
)


@pytest.fixture(scope="module")
def twice(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """An assistant over one story indexed twice (a second feed carried it, a word or two
    apart), and others."""
    root = tmp_path_factory.mktemp("reply-speakers")
    return assistant_over(
        root,
        {
            "ferry.txt": FERRY,
            "ferry-copy.txt": FERRY.replace("says", "said").replace("per cent", "percent"),
            "roads.txt": "Road works on the Kestle bypass will close two lanes until June. "
            "The council says the works cost 3 million dollars.\n",
        },
    )


@pytest.mark.slow
def test_a_story_indexed_twice_is_told_once_in_the_reply(twice: Assistant) -> None:
    answer = asked(twice, "What did Dana Quill say about the pay rise?")
    assert answer.text == (
        "Union organiser Dana Quill says members accepted a pay rise of 6 per cent. [1] "
        '"It is a fair result for the crews," she said. [1]'
    )
