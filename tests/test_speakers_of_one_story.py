"""Speakers in a story alone in its folder: "What did <person> say?" is answered though no
other article uses the word "say"; "He said …" after the sentence naming the minister gives
the minister's words; "the mine" is a pit, not a speaker's "mine", so it needs no speaker.
Written for these tests."""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.search.assistant import Assistant
from qa.search.attribution import first_person

MINE = """Miners strike over safety at copper pit

By Elena Rossi

KITWE, Zambia — About 2,000 workers at the Nkana copper mine walked out on Wednesday after \
a rockfall killed two of their colleagues, the miners' union said.

Union leader Joseph Banda said the company had ignored repeated warnings about loose rock in \
the eastern shaft. "We told them in January and again in March," he said.

The company said it was investigating the accident. Banda rejected that.

The mine produces about 90,000 tonnes of copper a year, roughly a tenth of Zambia's output.

The mines minister, Paul Kapata, will meet both sides on Friday. He said he wanted the mine \
reopened "as soon as it is safe, and not a day sooner."
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return assistant_over(tmp_path_factory.mktemp("one_story"), {"mine.txt": MINE})


def test_what_a_person_said_is_answered_where_no_article_uses_say(assistant: Assistant) -> None:
    answer = asked(assistant, "What did Joseph Banda say?")
    assert answer.text == (
        "Union leader Joseph Banda said the company had ignored repeated warnings about loose "
        'rock in the eastern shaft. [1] "We told them in January and again in March," he '
        "said. [1]"
    )


def test_what_the_minister_said_is_he_said_after_the_sentence_naming_him(
    assistant: Assistant,
) -> None:
    answer = asked(assistant, "What did the minister say?")
    assert not answer.abstained
    assert answer.text.startswith(
        "The mines minister, Paul Kapata, will meet both sides on Friday. [1] He said he "
        'wanted the mine reopened "as soon as it is safe, and not a day sooner." [2]'
    )


def test_a_sentence_about_the_mine_brings_no_speaker(assistant: Assistant) -> None:
    answer = asked(assistant, "How much copper does the mine produce a year?")
    assert answer.text == (
        "The mine produces about 90,000 tonnes of copper a year, roughly a tenth of "
        "Zambia's output. [1]"
    )


@pytest.mark.parametrize(
    ("sentence", "speaks"),
    [
        ("The mine produces about 90,000 tonnes of copper a year.", False),
        ("A coal mine near the town flooded on Monday.", False),
        ("Mine workers walked out on Monday morning.", False),
        ("He is an old friend of mine from school.", True),
        ("The decision was mine, and mine alone.", True),
        ("Mine was the last house on the street.", True),
    ],
)
def test_mine_speaks_in_the_first_person_only_as_a_pronoun(sentence: str, speaks: bool) -> None:
    assert first_person(sentence) is speaks
