"""A reply shows a quotation whole: a sentence that opens a quotation and ends inside it
brings the sentences of its paragraph up to the one that closes it, and for "What did
<person> say?" the quoted sentences right after the person's that go on with their words
come too.

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

The company's operations manager, Lucy Brand, said: "Nobody likes cutting sailings. But in \
January we carry twelve passengers on an average trip, and the fuel alone costs more than the \
tickets bring in."

Islanders have collected 900 signatures against the cuts. "Without the evening sailing, nobody \
can work on the mainland," said campaigner Tom Fenwick.

The summer timetable returns in April.
"""

PORT = """\
Port Braces for a Quiet Winter

By Owen Hale
Published 6 November 2024

Traders at the island's port expect a hard winter after the ferry timetable was cut.

Harbour master Aled Price, who has run the port for 20 years, said the cuts were the deepest he \
had seen. "In 1998 we lost one boat a day," he said. "This time the island loses three, and the \
shops will feel it first."
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    root: Path = tmp_path_factory.mktemp("quotations")
    return assistant_over(root, {"ferry.txt": FERRY, "port.txt": PORT})


def test_reply_closes_the_quotation_its_sentence_opens(assistant: Assistant) -> None:
    answer = asked(assistant, "Who is the operations manager?")
    assert answer.text == (
        "The company's operations manager, Lucy Brand, said: \"Nobody likes cutting sailings. "
        "[1] But in January we carry twelve passengers on an average trip, and the fuel alone "
        'costs more than the tickets bring in." [1]'
    )


def test_reply_of_a_closed_quotation_brings_nothing_more(assistant: Assistant) -> None:
    answer = asked(assistant, "How many signatures have islanders collected against the cuts?")
    assert answer.text == "Islanders have collected 900 signatures against the cuts. [1]"


def test_reply_to_what_someone_said_goes_on_with_their_quote(assistant: Assistant) -> None:
    answer = asked(assistant, "What did Price say about 1998?")
    assert answer.text == (
        "Harbour master Aled Price, who has run the port for 20 years, said the cuts were the "
        'deepest he had seen. [1] "In 1998 we lost one boat a day," he said. [1] "This time the '
        'island loses three, and the shops will feel it first." [1]'
    )


SCHOOLS = """\
Parents Fight Plan to Merge Village Schools

By Hannah Cole
Published 23 January 2024

Parents in the valley have launched a campaign against a county plan to close two village \
schools and merge them into a new school in the market town.

Councillor Robert Haines, the county's cabinet member for schools, said: "No one wants to close \
a village school. But every child needs a school big enough to have a full staff."

The campaign group has collected 1,600 signatures on a petition. Its founder, Leah Marsh, whose \
two children attend the village school, said the school was the heart of the village.

"If you close the school, you close the village," Marsh said. "Young families won't move here."

The consultation closes on 15 March.
"""


@pytest.fixture(scope="module")
def schools(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    root: Path = tmp_path_factory.mktemp("schools")
    return assistant_over(root, {"schools.txt": SCHOOLS})


def test_full_reply_leaves_out_a_last_quotation_it_cannot_close(schools: Assistant) -> None:
    answer = asked(schools, "What did Marsh say about closing the village school?")
    assert answer.text == (
        "Its founder, Leah Marsh, whose two children attend the village school, said the school "
        'was the heart of the village. [1] "If you close the school, you close the village," '
        'Marsh said. [1] "Young families won\'t move here." [1]'
    )
