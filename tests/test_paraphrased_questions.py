"""Questions asked in other words than the article's are answered, not abstained on: a
common word no article uses ("bad", "see") is a paraphrase's word, not a constraint the
passage fails; "How many kilometres long …?" counts kilometres; "the original budget" is
answered by what a thing cost. A thing no article counts still gets an abstention. Written
for these tests."""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.search.assistant import Assistant

FLOOD = """Floods force hundreds from their homes in northern Kelsa

By Amira Haddad

Heavy rain caused the River Tam to burst its banks on Monday, forcing about 1,200 people \
from their homes in northern Kelsa.

The regional governor, Pavel Dorn, declared a state of emergency in three districts. He said \
the army would help to build flood barriers.

It was the worst flooding in the region since 1998, when 14 people died. This time no \
deaths were reported.
"""

BRIDGE = """New bridge opens across the Orla after four years of work

By Lena Fischer

The Varn Bridge, the longest road bridge in the province, opened to traffic on Friday after \
four years of construction.

The 2.3-kilometre crossing cost 410 million euros, about 60 million more than first planned. \
It replaces a ferry service that had run since 1931.

Engineers chose a cable-stayed design because the river bed is too soft for many piers. \
Only two towers hold the deck, each 140 metres tall.
"""

SCHOOLS = """Schools in Marlo to get free breakfasts

By Tom Ashby

Every primary school in Marlo will offer free breakfasts from September, the city council \
announced on Wednesday.

The scheme will cost the city about 3 million euros a year and reach 11,000 pupils. It was \
proposed by councillor Ruth Meyer, who said that one child in five arrives at school hungry.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    root = tmp_path_factory.mktemp("paraphrased")
    return assistant_over(root, {"flood.txt": FLOOD, "bridge.txt": BRIDGE, "schools.txt": SCHOOLS})


def test_common_words_no_article_uses_do_not_sink_the_passage_that_answers(
    assistant: Assistant,
) -> None:
    answer = asked(assistant, "When did the region last see flooding this bad?")
    assert not answer.abstained
    assert answer.text.startswith(
        "It was the worst flooding in the region since 1998, when 14 people died. [1]"
    )


def test_how_many_kilometres_long_counts_kilometres_not_long(assistant: Assistant) -> None:
    answer = asked(assistant, "How many kilometres long is the bridge?")
    assert not answer.abstained
    assert (
        "The 2.3-kilometre crossing cost 410 million euros, about 60 million more than first "
        "planned. [1]" in answer.text
    )


def test_the_original_budget_is_answered_by_what_it_cost(assistant: Assistant) -> None:
    answer = asked(assistant, "What was the original budget of the bridge?")
    assert not answer.abstained
    assert answer.text.startswith(
        "The 2.3-kilometre crossing cost 410 million euros, about 60 million more than first "
        "planned. [1]"
    )


def test_a_thing_no_article_counts_still_gets_an_abstention(assistant: Assistant) -> None:
    answer = asked(assistant, "How many janitors work at the schools?")
    assert answer.abstained
    assert answer.text.startswith("The indexed articles don't say this for “janitors”. Closest: ")
