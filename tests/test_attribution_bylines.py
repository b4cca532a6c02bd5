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


def _last_paragraphs(tmp_path: Path, ending: str, count: int) -> list[str]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "story.txt").write_text(
        f"{HEADLINE}\n\nBy Jane Doe\n\n{BODY}\n\n{ending}\n", encoding="utf-8"
    )
    (parsed,) = ingest_corpus(corpus).files
    (article,) = parsed.articles
    return [parsed.text[p.start : p.end] for p in article.paragraphs[-count:]]


def test_a_short_closing_sentence_stays_in_the_story_but_signatures_and_credits_do_not(
    tmp_path: Path,
) -> None:
    ending = (
        "Okafor was arrested in May.\n\n"
        "He denied the charges.\n\n"
        "“We are patient,” he added.\n\n"
        "(Reporting by Jane Doe; Editing by John Roe)\n\n"
        "Photo by Tom Reed\n\n"
        "Copyright Reuters 2024.\n\n"
        "Jane Doe"
    )
    assert _last_paragraphs(tmp_path, ending, 4) == [
        BODY,
        "Okafor was arrested in May.",
        "He denied the charges.",
        "“We are patient,” he added.",
    ]


def test_a_closing_line_in_title_case_is_no_sentence_of_the_story(tmp_path: Path) -> None:
    ending = "Read The Full Report Here.\n\nMore From Our Correspondents."
    assert _last_paragraphs(tmp_path, ending, 1) == [BODY]
