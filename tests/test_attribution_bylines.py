"""Bylines and datelines in the styles news pages use: who wrote an article, which outlet
published it and when, as ingest reads them. An "Updated" date is no publication date, an
outlet or a job after the author's name is no second author, and a headline in title case
is still the title."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from qa.ingest.reader import ingest_corpus
from qa.records import Article

HEADLINE = "Dock Strike Leaves Ships Waiting"
BODY = (
    "Dock workers at the port of Harbourton extended their strike on Sunday, leaving 40 "
    "cargo ships waiting offshore. The union said talks would resume on Monday."
)


def ingested(tmp_path: Path, header: str) -> Article:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "story.txt").write_text(f"{HEADLINE}\n\n{header}\n\n{BODY}\n", encoding="utf-8")
    (parsed,) = ingest_corpus(corpus).files
    (article,) = parsed.articles
    return article


@pytest.mark.parametrize(
    ("header", "author", "outlet", "published"),
    [
        (
            "By Maria Lopez and Tom Reed, Reuters\nPublished: 3 March 2024",
            "Maria Lopez and Tom Reed",
            "Reuters",
            date(2024, 3, 3),
        ),
        (
            "Jane Whitfield, Associated Press\nUpdated 14 April 2024",
            "Jane Whitfield",
            "Associated Press",
            None,
        ),
        ("By JANE DOE, BBC News\n3 March 2024 10:42 GMT", "JANE DOE", "BBC News", date(2024, 3, 3)),
        (
            "By Jane Doe\nPublished 3 March 2024, updated 4 March 2024",
            "Jane Doe",
            None,
            date(2024, 3, 3),
        ),
        ("By Jane Doe, Staff Writer\nLast updated: 5 March 2024", "Jane Doe", None, None),
        (
            "Published: 3 March 2024\nUpdated: 4 March 2024\nBy Jane Doe",
            "Jane Doe",
            None,
            date(2024, 3, 3),
        ),
        ("Jane Doe, AP\nMarch 3, 2024", "Jane Doe", "AP", date(2024, 3, 3)),
        ("By Emily Post and Jennifer Senior", "Emily Post and Jennifer Senior", None, None),
        ("By Emily Post, Reuters", "Emily Post", "Reuters", None),
        ("New York, NY\nMarch 3, 2024", None, None, date(2024, 3, 3)),  # a place and its code
        ("By Jane Doe\nLos Angeles, CA", "Jane Doe", None, None),
        (
            "By Jane Doe and John Roe\nMarch 3, 2024",
            "Jane Doe and John Roe",
            None,
            date(2024, 3, 3),
        ),
    ],
)
def test_a_byline_and_dateline_give_author_outlet_and_publication_date(
    tmp_path: Path, header: str, author: str | None, outlet: str | None, published: date | None
) -> None:
    article = ingested(tmp_path, header)
    assert (article.title, article.author, article.outlet, article.published) == (
        HEADLINE,
        author,
        outlet,
        published,
    )
