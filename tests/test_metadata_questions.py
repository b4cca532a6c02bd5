"""Questions on an article's author or outlet that name the article by words of its title
alone ("Who wrote the takeaways from …?") or by a topic told in other words than the
article's ("Which outlet reported that gales shut …?" over "Gales closed …"), answered from
its metadata through the real pipeline over small articles indexed once."""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.search.assistant import Assistant

pytestmark = pytest.mark.slow

BUDGET = """\
Takeaways From the Harbour Council's Budget Night

Mara Olsen | Coast Courier | May 2, 2024

The harbour council passed its budget for next year at two in the morning, after eleven \
hours of debate and three adjournments.

Spending on the ferry service rises by a tenth, while the library loses its Sunday hours.

The council's leader said the town could not pay for everything it wanted this year.
"""

STORM = """\
Storm Closes the Coastal Road

PORTVIK (Reuters) - Gales closed the coastal road between Portvik and Sandnes on Friday, \
cutting off four villages for most of the day.

Road crews cleared fallen trees and rocks from the carriageway by the evening, and the road \
opened again to cars shortly before midnight.
"""


ESSAY = """\
Why the Lighthouse Keepers Left

The last keeper of the Skarvik light locked its door in 1989, and the lamp has turned by \
itself ever since.

The island still has a school, a shop and a ferry twice a day, but the keepers' cottages \
are empty.

Ines Calder is a freelance reporter based in Portvik and the author of two books on the \
northern coast.
"""


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    root = tmp_path_factory.mktemp("metadata-questions")
    return assistant_over(root, {"budget.txt": BUDGET, "storm.txt": STORM, "essay.txt": ESSAY})


@pytest.mark.parametrize(
    ("question", "reply", "cited"),
    [
        (
            "Who wrote the takeaways from the council's budget night?",
            "“Takeaways From the Harbour Council's Budget Night” was written by Mara Olsen. [1]",
            "Mara Olsen | Coast Courier | May 2, 2024",
        ),
        (
            "Which outlet reported that gales shut the coastal road?",
            "“Storm Closes the Coastal Road” was published by Reuters. [1]",
            "PORTVIK (Reuters)",
        ),
    ],
)
def test_an_article_named_by_its_titles_words_or_a_retold_topic_answers_from_metadata(
    desk: Assistant, question: str, reply: str, cited: str
) -> None:
    answer = asked(desk, question)
    assert answer.text == reply
    assert [c.quote for c in answer.citations] == [cited]


@pytest.mark.parametrize(
    "question",
    ["Who wrote the budget?", "Who wrote the harbour council's budget?"],
)
def test_words_of_a_title_without_a_kind_of_piece_do_not_make_a_question_about_the_article(
    desk: Assistant, question: str
) -> None:
    assert "was written by" not in asked(desk, question).text


def test_an_authors_note_closing_the_text_gives_an_inferred_author_citing_the_note(
    desk: Assistant,
) -> None:
    answer = asked(desk, "Who wrote the article about the Skarvik lighthouse keepers?")
    assert answer.text == (
        "“Why the Lighthouse Keepers Left” was written by Ines Calder (inferred, not stated). [1]"
    )
    assert [c.quote for c in answer.citations] == [
        "Ines Calder is a freelance reporter based in Portvik and the author of two books on "
        "the northern coast."
    ]


FERRY = """\
Ferry operator to add a night crossing next spring

The Skerry ferry company will add a night crossing between Portvik and Sandnes next \
spring, according to harbour sources cited by the weekly Coast Gazette.

The company has run two day crossings since the bridge closed in 2019.
"""


def test_which_outlet_reported_a_claim_an_article_of_no_stated_outlet_attributes_is_read_from_it(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    other = (
        "Harbour fees rise for fishing boats\n\nThe harbour board reported on Monday that fees "
        "for fishing boats will rise by a tenth, a decision first reported in its own "
        "publication.\n"
    )
    ferry = assistant_over(
        tmp_path_factory.mktemp("claim-source"), {"ferry.txt": FERRY, "fees.txt": other}
    )
    answer = asked(ferry, "Which publication reported that the ferry company will add a crossing?")
    assert not answer.abstained
    assert answer.text.startswith(
        "The Skerry ferry company will add a night crossing between Portvik and Sandnes next "
        "spring, according to harbour sources cited by the weekly Coast Gazette."
    )
    asked_of_article = asked(ferry, "Which outlet published the article about the ferry company?")
    assert asked_of_article.text == (
        "“Ferry operator to add a night crossing next spring” doesn't state the outlet that "
        "published it. [1]"
    )


@pytest.mark.parametrize(
    "question",
    [
        "What headline did the paper give its story on the gales?",
        "What was the report on the closed coastal road headlined?",
    ],
)
def test_a_headline_asked_for_in_other_words_is_the_articles_title(
    desk: Assistant, question: str
) -> None:
    reply = asked(desk, question).text
    assert reply == "The article's title is “Storm Closes the Coastal Road”. [1]"
