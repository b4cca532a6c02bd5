"""A web page's metadata as its reader means it: the title without the site's name the page
appends to it, the authors without the publisher the page lists among them."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.ingest.metadata import authors_without_publisher, title_without_site
from qa.ingest.reader import ingest_corpus

PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<title>Pier Plan Approved After Long Night | Harbour Times Politics</title>
<meta property="og:site_name" content="Harbour Times">
<meta property="og:title" content="Pier Plan Approved After Long Night | Harbour Times Politics">
<meta name="author" content="Northwind Media">
<meta property="article:author" content="Ines Calder">
<meta name="copyright" content="Copyright (c) Northwind Media 2024">
<meta property="article:published_time" content="2024-05-14T09:00:00+01:00">
</head>
<body>
<article>
<h1>Pier Plan Approved After Long Night</h1>
<p>The town council approved the plan for a new concrete pier on Tuesday after a debate \
that ran until two in the morning, with nine votes for and four against.</p>
<p>The pier will cost eleven million pounds and should open to ferries in the spring of \
2026, the council's treasurer said after the vote.</p>
<p>Fishermen who use the old wooden pier said they had not been asked where their boats \
would moor while the work goes on.</p>
</article>
<footer><p>© 2024 Northwind Media</p></footer>
</body>
</html>
"""


def test_a_page_title_loses_the_sites_name_and_the_authors_lose_the_publisher(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "pier.html").write_text(PAGE, encoding="utf-8")
    (article,) = ingest_corpus(corpus).articles
    assert (article.title, article.outlet, article.author) == (
        "Pier Plan Approved After Long Night",
        "Harbour Times",
        "Ines Calder",
    )


@pytest.mark.parametrize(
    ("title", "outlet", "kept"),
    [
        ("Storm Moves East | Harbour Post Politics", "Harbour Post", "Storm Moves East"),
        ("Court files expose a plot -- example.net", "example.net", "Court files expose a plot"),
        ("Drill draws threats | North News Agency", "North News Agency", "Drill draws threats"),
        ("Rates held - example.org", None, "Rates held"),
        ("Smith — the man behind Apple", "Apple Daily", "Smith — the man behind Apple"),
        # "The" says nothing of which outlet it is.
        ("Election night - The key races", "The Harbour Post", "Election night - The key races"),
        (
            "Ana Ruiz wins a 4th title - and a record",
            "Harbour Esports",
            "Ana Ruiz wins a 4th title - and a record",
        ),
    ],
)
def test_only_a_sites_name_or_address_after_a_bar_or_dash_leaves_a_title(
    title: str, outlet: str | None, kept: str
) -> None:
    assert title_without_site(title, outlet) == kept


@pytest.mark.parametrize(
    ("author", "outlet", "page", "kept"),
    [
        ("Ana Ruiz; Tom Watkins; CNN", "CNN", "", "Ana Ruiz; Tom Watkins"),
        ("Harbour Media; Ines Calder", "Coast Weekly", "© Harbour Media 2023", "Ines Calder"),
        ("Coast Wire", "Harbour 13 News", "", "Coast Wire"),
        ("Harbour Times", "Harbour Times", "", None),
        # Names of short words are still people; a reporter holding her own copyright stays.
        ("Ana Ruiz; Yu Li", "CNN", "", "Ana Ruiz; Yu Li"),
        ("Ines Calder", "Harbour Post", "<figcaption>© Ines Calder</figcaption>", "Ines Calder"),
        # A media company or an agency beside a person is the employer; alone, it stays.
        ("Ana Ruiz; Northshore Media Group", "example.com", "", "Ana Ruiz"),
        ("Ana Ruiz; Reuters", "Harbour Post", "", "Ana Ruiz"),
        ("Associated Press", "Harbour Post", "", "Associated Press"),
    ],
)
def test_an_author_field_keeps_people_and_drops_the_outlet_or_copyright_holder(
    author: str, outlet: str, page: str, kept: str | None
) -> None:
    assert authors_without_publisher(author, outlet, page) == kept


def test_an_author_named_in_a_sites_own_meta_tag_is_read(tmp_path: Path) -> None:
    page = (
        PAGE.replace('<meta name="author" content="Northwind Media">\n', "")
        .replace('<meta property="article:author" content="Ines Calder">', "")
        .replace(
            '<meta name="copyright"',
            '<meta name="article_author" content="Ines Calder, Northshore Media Group">\n'
            '<meta name="copyright"',
        )
    )
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "pier.html").write_text(page, encoding="utf-8")
    (article,) = ingest_corpus(corpus).articles
    assert (article.author, article.provenance["author"]) == ("Ines Calder", "metadata")


def test_an_authors_page_address_in_a_meta_tag_is_no_author(tmp_path: Path) -> None:
    page = PAGE.replace('<meta name="author" content="Northwind Media">\n', "").replace(
        '<meta property="article:author" content="Ines Calder">',
        '<meta name="article_author" content="https://harbourtimes.example/author/ines-calder/">',
    )
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "pier.html").write_text(page, encoding="utf-8")
    (article,) = ingest_corpus(corpus).articles
    assert article.author is None


SITE_TITLED_PAGE = """\
<html><head><title>Harbour Times</title></head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a></nav>
<div class="content">
<h2>Pier Plan Approved After Long Night</h2>
<p class="meta">By Ines Calder</p>
<p>The town council approved the plan for a new concrete pier on Tuesday after a debate \
that ran until two in the morning, with nine votes for and four against.</p>
<p>The pier will cost eleven million pounds and should open to ferries in the spring of \
2026, the council's treasurer said after the vote.</p>
</div>
<footer>© 2024 Harbour Times. All rights reserved.</footer>
</body></html>
"""


def test_a_page_titled_with_the_sites_name_is_titled_by_its_headline_and_published_by_the_site(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "pier.html").write_text(SITE_TITLED_PAGE, encoding="utf-8")
    (article,) = ingest_corpus(corpus).articles
    assert (article.title, article.outlet, article.author) == (
        "Pier Plan Approved After Long Night",
        "Harbour Times",
        "Ines Calder",
    )
    assert article.provenance["title"] == "stated"
