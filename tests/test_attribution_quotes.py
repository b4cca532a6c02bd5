"""What did <person> say …? is answered with that person's words: when sentence choice
picked none of the sentences quoting them, the likeliest one of the passages that does
(quotation marks, their name beside a verb of speech) leads the reply."""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.search.assistant import Assistant
from qa.search.attribution import quotes_person

PIER = """\
Council Splits Over the Cost of the New Pier

The town council of Lindvik met on Monday to discuss the budget for the new pier, which has \
risen to eleven million crowns.

Councillor Hanna Okafor, who chairs the harbour committee, asked the treasurer to explain \
the rise in the pier budget.

The treasurer said that steel prices had doubled since the pier budget was first set in 2022.

Okafor voted against the revised pier budget, along with three other councillors.

“Nobody in this town voted for a golden harbour,” Okafor said after the vote.

The pier budget now takes a fifth of the town's spending, and the council will vote on the \
pier budget again in June.

A group of fishermen said the pier budget should have included a new slipway.
"""

FERRY = """\
Ferry Timetable Changes From May

Residents say they were told little about the new ferry timetable, which starts on the first of May.

The first ferry will leave Lindvik at six in the morning instead of seven, and the last one \
will sail at ten at night.

Passengers who asked about season tickets were told the prices would stay the same until the autumn.
"""


@pytest.fixture(scope="module")
def council(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    root = tmp_path_factory.mktemp("quotes")
    return assistant_over(root, {"pier.txt": PIER, "ferry.txt": FERRY})


@pytest.mark.slow
def test_what_did_a_person_say_leads_with_their_quoted_words(council: Assistant) -> None:
    answer = asked(council, "What did Okafor say about the pier budget?")
    assert answer.text.startswith(
        "“Nobody in this town voted for a golden harbour,” Okafor said after the vote. [1] "
    )


@pytest.mark.parametrize(
    ("sentence", "quotes"),
    [
        ("“Nobody voted for a golden harbour,” Okafor said after the vote.", True),
        ("“Nobody voted for a golden harbour,” said Councillor Hanna Okafor.", True),
        ("Okafor voted against the revised pier budget.", False),
        ("“Nobody voted for a golden harbour,” the treasurer told Okafor.", False),
        ("Okafor said the pier was too dear.", False),
        ("“Then why build it,” Okafor countered, “at twice the price?”", True),
        ("“And who pays for the ferry?” Okafor interjected.", True),
        ("“That is simply not so,” retorted Councillor Hanna Okafor.", True),
    ],
)
def test_a_sentence_quotes_a_person_named_beside_a_verb_of_speech_outside_the_quote(
    sentence: str, quotes: bool
) -> None:
    assert quotes_person(sentence, "Okafor") is quotes
