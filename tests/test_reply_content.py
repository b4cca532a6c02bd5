"""What a reply holds, through the real pipeline over small articles written for these tests
and indexed once with the real model: a headline is never an answer sentence, however much
it reads like one."""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.search.assistant import Assistant

pytestmark = pytest.mark.slow

FERRY = """\
Ferry service to the islands halted after a storm damages the old pier at Lindvik

By Anna Berg | March 3, 2024

The ferry company Nordlys stopped all sailings on Monday after waves tore two pontoons \
from the pier.

Repairs will take three weeks, harbour master Erik Dahl said.
"""


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """An assistant over the articles, indexed once for this module."""
    return assistant_over(tmp_path_factory.mktemp("reply-content"), {"ferry.txt": FERRY})


def test_a_headline_without_a_full_stop_is_no_answer_sentence(newsroom: Assistant) -> None:
    answer = asked(newsroom, "Why was the ferry service to the islands halted?")
    assert answer.text == (
        "The ferry company Nordlys stopped all sailings on Monday after waves tore two "
        "pontoons from the pier. [1]"
    )
