"""Bylines and datelines in the styles news pages use: who wrote an article, which outlet
published it and when, as ingest reads them: bylines with commas, bars or dots, a news
agency on its own line, a wire dateline opening the text. An "Updated" date is no
publication date, an outlet or a job after the author's name is no second author, and a
headline in title case is still the title. A short closing sentence stays in the story."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from qa.ingest.metadata import derived_title
from qa.ingest.reader import ingest_corpus
from qa.records import INFERRED, UNKNOWN, Article

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
        ("Jane Doe | Reuters | March 3, 2024", "Jane Doe", "Reuters", date(2024, 3, 3)),
        ("By Jane Doe | Reuters", "Jane Doe", "Reuters", None),
        ("Jane Doe · BBC News · 3 March 2024", "Jane Doe", "BBC News", date(2024, 3, 3)),
        ("By Ólafur Grímsson | Staff Writer", "Ólafur Grímsson", None, None),
        ("Jane Doe\nReuters", "Jane Doe", "Reuters", None),
        ("Home | World | Business\nMarch 3, 2024", None, None, date(2024, 3, 3)),
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


@pytest.mark.parametrize(
    ("header", "opening", "outlet", "published"),
    [
        ("By Jane Doe", "HARBOURTON (Reuters) - ", "Reuters", None),
        ("By Jane Doe", "KYIV, Ukraine (AP) — ", "AP", None),
        ("By Jane Doe", "HARBOURTON, March 3 (Reuters) - ", "Reuters", None),  # no year
        ("By Jane Doe", "WASHINGTON, March 3, 2024 (AFP) – ", "AFP", date(2024, 3, 3)),
        (
            "By Jane Doe, BBC News\n4 March 2024",
            "LONDON (Reuters) - ",
            "BBC News",
            date(2024, 3, 4),
        ),
        ("By Jane Doe", "(Reuters) — ", "Reuters", None),  # the place dropped by the page
        ("By Jane Doe", "LONDON - ", None, None),  # a dateline naming no agency
        ("By Jane Doe", "The EU (AP) said on Sunday that ", None, None),  # no place in capitals
    ],
)
def test_a_wire_dateline_opening_the_text_gives_the_agency_and_a_full_date(
    tmp_path: Path, header: str, opening: str, outlet: str | None, published: date | None
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    story = f"{HEADLINE}\n\n{header}\n\n{opening}{BODY}\n"
    (corpus / "story.txt").write_text(story, encoding="utf-8")
    (parsed,) = ingest_corpus(corpus).files
    (article,) = parsed.articles
    assert (article.author, article.outlet, article.published) == ("Jane Doe", outlet, published)
    assert parsed.text[article.paragraphs[0].start :].startswith(opening)


@pytest.mark.parametrize(
    ("first", "title"),
    [
        (
            "HARBOURTON, March 3 (Reuters) - Fishermen blocked the harbour mouth with forty "
            "boats on Monday to protest against the new quotas.",
            "Fishermen blocked the harbour mouth with forty boats on Monday to protest…",
        ),
        ("WASHINGTON (AP) — Fishermen blocked the harbour.", "Fishermen blocked the harbour"),
    ],
)
def test_a_title_made_from_the_first_sentence_starts_past_its_wire_dateline(
    first: str, title: str
) -> None:
    assert derived_title([first]) == title


def test_an_authors_note_names_the_author_unless_the_text_is_about_that_person(
    tmp_path: Path,
) -> None:
    note = "Ines Calder is a freelance reporter based in Portvik."
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "essay.txt").write_text(
        "The keepers left the island in 1989, and the lamp has turned by itself ever since.\n\n"
        f"{note}\n",
        encoding="utf-8",
    )
    (corpus / "profile.txt").write_text(
        f"Ines Calder has walked the northern coast for ten years, notebook in hand.\n\n{note}\n",
        encoding="utf-8",
    )
    authors = {a.path: (a.author, a.provenance["author"]) for a in ingest_corpus(corpus).articles}
    assert authors == {"essay.txt": ("Ines Calder", INFERRED), "profile.txt": (None, UNKNOWN)}
