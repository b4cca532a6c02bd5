"""A question that names its source article (by its quoted title, or by its author) is
answered from that article alone, and the answer says so."""

from __future__ import annotations

import pytest

from qa.records import UNKNOWN, Article
from qa.search.article_questions import ArticleNames
from qa.search.assistant import Assistant

_SOURCE_NOTE = (
    "searched only “Human trafficking and IS followers in Central Asia”, "
    "the article the question names"
)


def _written(article_id: str, title: str, author: str, provenance: str = "stated") -> Article:
    stated = {"author": provenance}
    return Article(article_id, f"{article_id}.txt", title, None, author, None, (), stated)


_ARTICLES = [
    _written("a", "Harbour town votes to rebuild its pier", "Mara Quill"),
    _written("b", "Ferry strike ends after nine days", "Tom O'Brien"),
    _written("c", "Council budget passes on second vote", "Ann Lee Park"),
    _written("d", "Council budget row deepens", "Ann Lee Park"),
    _written("e", "Lighthouse keeper retires at ninety", "Sam Vey", UNKNOWN),
    _written("f", "Border crossings reopen after floods", "Ann Jordan"),
    _written("g", "Treasury defends the spending cuts", "Tom Howard"),
]


@pytest.mark.parametrize(
    ("question", "article_id"),
    [
        ("In “Harbour town votes to rebuild its pier”, what will the pier cost?", "a"),
        ("What does Mara Quill's report say about the pier?", "a"),
        ("What does the article by O'Brien say the ferry workers won?", "b"),
        ("How long did the strike last, according to Tom O'Brien?", "b"),
        ("What does Jordan write about the floods?", "f"),
    ],
)
def test_a_question_naming_one_article_names_it(question: str, article_id: str) -> None:
    named = ArticleNames.of(_ARTICLES).named_in(question)
    assert named is not None and named.article_id == article_id


@pytest.mark.parametrize(
    "question",
    [
        "What does Ann Lee Park's column say about the council budget?",  # two articles of hers
        "Do Mara Quill's and Tom O'Brien's reports agree on the ferry?",  # two authors
        "What does Sam Vey's story say about the lighthouse?",  # an author nobody states
        "What will the new pier cost?",
        "Who said “the pier is the heart of the town”?",  # a quote, no title
        "Who is Mara Quill?",  # the person, as any article tells of her
        "What did Mara Quill say about the pier?",  # she may be quoted in another article
        "How many crossings were reported in Jordan last year?",  # a place, no Ann Jordan
        "What did the budget cut, according to Howard?",  # a surname: more often one quoted
    ],
)
def test_a_question_naming_no_single_article_names_none(question: str) -> None:
    assert ArticleNames.of(_ARTICLES).named_in(question) is None


def test_a_question_naming_its_author_is_answered_from_that_article_alone(
    assistant: Assistant,
) -> None:
    answer = assistant.ask(
        "What did the Tajik government start taxing, according to Talgat Mamyrayymov?"
    )
    assert {p.path for p in answer.passages} == {"000_67d66000f4a56ec5.txt"}
    assert _SOURCE_NOTE in answer.notices
    assert answer.text == (
        "The Tajik government has gone absurd in this matter—they introduced tax for sporting "
        "beards and/or forcing the believers to completely shave their beards. [1]"
    )


def test_a_question_naming_two_authors_searches_every_article(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Where are Central Asian recruits radicalised, according to Talgat Mamyrayymov and "
        "Paul Goble?"
    )
    assert not any(note.startswith("searched only") for note in answer.notices)
