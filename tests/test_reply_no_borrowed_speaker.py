"""A sentence that needs no speaker brought beside it is shown alone: one naming its source
by role with a clause between ("A spokesperson for the diocese, which owns …, said …"), and
one naming a group whose name holds a first-person word ("Save Our Valley Schools"), are
never read as the words of a person an earlier sentence names.

A small article in general news style is indexed once with the real model and asked
through the real pipeline.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from written_articles import asked, assistant_over

from qa.search.assistant import Assistant

pytestmark = pytest.mark.slow

SCHOOLS = """\
Parents Fight Plan to Merge Village Schools

By Hannah Cole
Published 23 January 2024

The county wants to close two village primary schools and build one new school in the market \
town.

Councillor Robert Haines, the county's cabinet member for schools, said: "No village wants to \
lose its school. But every child needs a full staff."

The campaign group, Save Our Valley Schools, has collected 1,600 signatures on a petition.

Its founder, Leah Marsh, said the school was the heart of the village.

A spokesperson for the diocese, which owns one of the buildings, said it would "listen \
carefully to all views".

The consultation closes on 15 March.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    root: Path = tmp_path_factory.mktemp("speakers")
    return assistant_over(root, {"schools.txt": SCHOOLS})


def test_reply_of_a_group_named_save_our_is_no_quote(assistant: Assistant) -> None:
    answer = asked(assistant, "How many signatures has the petition collected?")
    assert answer.text == (
        "The campaign group, Save Our Valley Schools, has collected 1,600 signatures on a "
        "petition. [1] Its founder, Leah Marsh, said the school was the heart of the village. [1]"
    )


def test_reply_to_who_said_takes_a_spokesperson_named_by_role_as_the_speaker(
    assistant: Assistant,
) -> None:
    answer = asked(assistant, "Who said it would listen carefully to all views?")
    assert answer.text == (
        "A spokesperson for the diocese, which owns one of the buildings, said it would "
        '"listen carefully to all views". [1]'
    )
