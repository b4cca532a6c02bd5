"""Questions about the author, outlet or date of the article on a topic ("Who wrote about
X?", "Which outlet reported X?") and "Who is <name>?" of a person known only as an
article's author, answered from the articles' metadata through the real pipeline over
small articles indexed once with the real model, checking the exact reply and its
citation."""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.search.article_questions import ArticleQuestion
from qa.search.article_questions import article_question as parse
from qa.search.assistant import Assistant

pytestmark = pytest.mark.slow

PIER = """\
Harbour Town Votes to Rebuild Its Old Pier

Anna Berg | Reuters | March 3, 2024

Residents of the harbour town of Lindvik voted on Sunday to rebuild the old wooden pier that \
storms destroyed last winter.

Mayor Tomas Ek said the work would start in May and cost four million crowns.

Ingrid Sol, a marine engineer from Bergen, drew the plans for the new pier.
"""

ORCHARD = """\
Frost Threatens Apple Harvest in the Valley

Ingrid Sol | Reuters | April 9, 2024

A late frost damaged apple blossoms across the valley this week, and growers fear the harvest \
will be half of last year's.

Farmers lit fires between the rows of trees to keep the air warm through the night.
"""


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """An assistant over the two articles, indexed once for this module."""
    root = tmp_path_factory.mktemp("article-topics")
    return assistant_over(root, {"pier.txt": PIER, "orchard.txt": ORCHARD})


@pytest.mark.parametrize(
    ("question", "reply"),
    [
        (
            "Who wrote about the pier in Lindvik?",
            "“Harbour Town Votes to Rebuild Its Old Pier” was written by Anna Berg. [1]",
        ),
        (
            "Who reported on the Lindvik pier vote?",
            "“Harbour Town Votes to Rebuild Its Old Pier” was written by Anna Berg. [1]",
        ),
        (
            "Who wrote the article on the frost in the valley?",
            "“Frost Threatens Apple Harvest in the Valley” was written by Ingrid Sol. [1]",
        ),
        (
            "Which outlet reported the damaged apple blossoms?",
            "“Frost Threatens Apple Harvest in the Valley” was published by Reuters. [1]",
        ),
        (
            "When was the article about the Lindvik pier published?",
            "“Harbour Town Votes to Rebuild Its Old Pier” was published on March 3, 2024. [1]",
        ),
    ],
)
def test_a_question_about_the_article_on_a_topic_is_answered_from_its_metadata(
    newsroom: Assistant, question: str, reply: str
) -> None:
    answer = asked(newsroom, question)
    assert not answer.abstained
    assert answer.text == reply
    (cited,) = answer.citations
    assert cited.marker == 1
    assert cited.quote in (
        "Anna Berg | Reuters | March 3, 2024",
        "Ingrid Sol | Reuters | April 9, 2024",
    )


def test_a_topic_no_passage_mentions_gets_no_article_metadata(newsroom: Assistant) -> None:
    answer = asked(newsroom, "Who wrote about penguins in Antarctica?")
    assert "was written by" not in answer.text


def test_an_article_topic_the_articles_found_half_lack_is_said_to_be_missing(
    newsroom: Assistant,
) -> None:
    answer = asked(newsroom, "Who wrote the story about the pier fire?")
    assert answer.abstained
    assert answer.text == (
        "None of the articles found is about “the pier fire” (nothing on “fire”)."
        " Closest: “Harbour Town Votes to Rebuild Its Old Pier” [1]"
    )
    assert [(m.kind, m.text) for m in answer.missing] == [("term", "fire")]
    (cited,) = answer.citations
    assert (cited.quote, cited.path) == ("Harbour Town Votes to Rebuild Its Old Pier", "pier.txt")


def test_an_article_topic_told_in_other_words_takes_the_article_holding_most_of_it(
    newsroom: Assistant,
) -> None:
    answer = asked(newsroom, "Who wrote the story about the pier that residents chose to rebuild?")
    assert not answer.abstained
    assert answer.text == (
        "“Harbour Town Votes to Rebuild Its Old Pier” was written by Anna Berg. [1]"
    )


def test_who_is_an_author_the_articles_say_nothing_else_about_names_their_article(
    newsroom: Assistant,
) -> None:
    answer = asked(newsroom, "Who is Anna Berg?")
    assert not answer.abstained
    assert answer.text == (
        "Anna Berg wrote “Harbour Town Votes to Rebuild Its Old Pier”, published by Reuters "
        "on March 3, 2024. [1]"
    )
    (cited,) = answer.citations
    assert (cited.marker, cited.quote, cited.path) == (
        1,
        "Anna Berg | Reuters | March 3, 2024",
        "pier.txt",
    )


def test_who_is_an_author_the_articles_describe_gets_the_description(
    newsroom: Assistant,
) -> None:
    answer = asked(newsroom, "Who is Ingrid Sol?")
    assert not answer.abstained
    assert answer.text.startswith(
        "Ingrid Sol, a marine engineer from Bergen, drew the plans for the new pier. ["
    )


def test_the_topic_of_a_question_about_an_article_is_what_follows_about_or_reported() -> None:
    assert parse("Who wrote about the pier in Lindvik?") == ArticleQuestion(
        "author", True, (), "the pier in Lindvik"
    )
    assert parse("Which newspaper reported the frost?") == ArticleQuestion(
        "outlet", True, (), "the frost"
    )
    assert parse("When was the article on the frost published?") == ArticleQuestion(
        "published", True, (), "the frost"
    )
    novel = parse("Who wrote the novel Pride and Prejudice?")
    assert novel is not None and not novel.names_article and novel.topic is None
