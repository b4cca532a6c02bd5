"""A person whose surname is also a place word ("Lena Park", "Tom Lake") is named as a
person where a relative clause for a person follows the name ("Lena Park, who studies
…"), so a later "she said" across a paragraph is her quote.

A small article in general news style is indexed once with the real model and asked
through the real pipeline.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from written_articles import asked, assistant_over

from qa.search.assistant import Assistant

pytestmark = pytest.mark.slow

MIGRANTS = """\
Migrants Return to Empty Villages

By Sam Ortiz
Published 2 May 2024

Thousands of workers who left the mountain villages a decade ago are coming home.

Lena Park, who studies migration at the University of Dunmore, says the return has surprised \
researchers. "Nobody expected the flow to reverse so quickly," she told reporters.

"Most of them come back with savings and open small shops," she said.

The regional government plans to offer cheap loans to returning families.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    root: Path = tmp_path_factory.mktemp("migrants")
    return assistant_over(root, {"migrants.txt": MIGRANTS})


def test_reply_to_who_said_names_a_speaker_whose_surname_is_a_place_word(
    assistant: Assistant,
) -> None:
    answer = asked(assistant, "Who said most returning workers open small shops?")
    assert answer.text == (
        "Lena Park, who studies migration at the University of Dunmore, says the return has "
        'surprised researchers. [1] "Most of them come back with savings and open small '
        'shops," she said. [1] Thousands of workers who left the mountain villages a decade '
        "ago are coming home. [1]"
    )
