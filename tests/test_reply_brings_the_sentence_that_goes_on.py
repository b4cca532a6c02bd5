"""A reply's first sentence brings the sentence right after it when that one goes on with
it, pointing back to it in its first words ("Nearly all of them …", "This will …"): news
often brings a thing up in one sentence and tells what is asked of it in the next. It joins
only where the reply has room: it never takes the place of a sentence chosen on its own.

Small articles in general news style are indexed once with the real model and asked
through the real pipeline.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from written_articles import asked, assistant_over

from qa.search.assistant import Assistant
from qa.search.sentence_choice import goes_on

pytestmark = pytest.mark.slow

QUAKES = """\
Valley Records Thousands of Tremors

By Nora Finch
Published 12 March 2024

The Kessel Valley sits on three active faults, and the regional survey keeps forty stations \
along them.

Each year, the Kessel Valley records about 4,000 earthquakes. Nearly all of them are too weak \
to be felt without instruments. Only a few dozen rattle windows in the valley towns.

The survey opened a new station at Larch Point in January. Its director, Paul Imre, said the \
network now covers the whole valley floor.

Builders in the valley must follow a stricter code since 2019.
"""

LIBRARY = """\
Library to Close on Mondays

By Ruth Aldane
Published 8 May 2025

The central library in Dunmore will close on Mondays from June, the city council said on \
Tuesday.

This will save about 60,000 pounds a year in staff and heating costs, according to the \
council's finance office. Readers' groups have started a petition against the change.

The library lent 310,000 books last year, most of them to pupils of the town's schools.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    root: Path = tmp_path_factory.mktemp("sequels")
    return assistant_over(root, {"quakes.txt": QUAKES, "library.txt": LIBRARY})


def test_reply_brings_the_next_sentence_that_tells_of_them(assistant: Assistant) -> None:
    answer = asked(assistant, "How strong are the earthquakes the Kessel Valley records?")
    assert answer.text == (
        "Each year, the Kessel Valley records about 4,000 earthquakes. [1] Nearly all of them "
        "are too weak to be felt without instruments. [1] The Kessel Valley sits on three "
        "active faults, and the regional survey keeps forty stations along them. [1]"
    )


def test_reply_brings_the_next_sentence_opening_with_this(assistant: Assistant) -> None:
    answer = asked(
        assistant,
        "What difference will the Monday closure of the Dunmore library make to the "
        "council's budget?",
    )
    assert answer.text == (
        "The central library in Dunmore will close on Mondays from June, the city council "
        "said on Tuesday. [1] This will save about 60,000 pounds a year in staff and heating "
        "costs, according to the council's finance office. [1]"
    )


def test_a_sentence_opening_with_a_time_goes_on_with_nothing() -> None:
    assert goes_on("For instance, the survey keeps forty stations.")
    assert goes_on("“He wanted to work with her,” she said.")
    assert not goes_on("This year the survey opened a new station.")
    assert not goes_on("The survey opened a new station.")
