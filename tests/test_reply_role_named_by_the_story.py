"""A role asked with words the story's headline or lede gives ("the ferry company's chief
executive" where the story is about an island ferry and the quote names "the company's chief
executive") is the role the quote names: its holder's words answer, with no abstention.

A small article in general news style is indexed once with the real model and asked
through the real pipeline.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from written_articles import asked, assistant_over

from qa.search.assistant import Assistant

pytestmark = pytest.mark.slow

FERRY = """\
Island Ferry Timetable Cut for Winter

By Owen Hale
Published 4 November 2024

The island's ferry company will run two crossings a day instead of five from December, it said \
on Monday.

Islanders have collected 900 signatures against the cuts.

"We are sorry for the disruption," the company's chief executive, Ruth Daly, said in a \
statement. "Every islander who needs to reach hospital will get a seat on the next sailing, free \
of charge."

The summer timetable returns in April.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    root: Path = tmp_path_factory.mktemp("ferry")
    return assistant_over(root, {"ferry.txt": FERRY})


def test_reply_gives_the_words_of_a_role_whose_owner_the_headline_names(
    assistant: Assistant,
) -> None:
    answer = asked(assistant, "What did the ferry company's chief executive say?")
    assert answer.text == (
        '"We are sorry for the disruption," the company\'s chief executive, Ruth Daly, said in '
        'a statement. [1] "Every islander who needs to reach hospital will get a seat on the '
        "next sailing, free of charge.\" [1] The island's ferry company will run two crossings "
        "a day instead of five from December, it said on Monday. [1]"
    )


def test_reply_to_a_role_the_story_does_not_hold_still_abstains(assistant: Assistant) -> None:
    answer = asked(assistant, "What did the airline's chief executive say?")
    assert answer.text.startswith("The indexed articles quote no airline's chief executive.")
