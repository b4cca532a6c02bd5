"""Golden tests: what a careful reader writes down about each bundled corpus file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from qa.ingest.reader import CorpusFile, IngestResult, ingest_corpus
from qa.records import INFERRED, STATED, UNKNOWN, Article
from qa.text import collapse_whitespace

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

# Lines of the scrapes that are page furniture, author credits or sidebar teasers.
BOILERPLATE_LINES = (
    "Connect with us",
    "Central Asia",
    "Central Asia news",
    "Published",
    "on",
    "Published in Field Reports",
    "Continue Reading",
    "Comments",
    "Read 3129 times",
    "Visit also",
    "silkroad",
    "AFPC",
    "Staff Publications",
    "Newsletter",
    "Sign up for upcoming events, latest news and articles from the CACI Analyst",
    "ADVERTISE ON FERGHANA",
    "* * *",
    "Talgat Mamyrayymov",
    "Fergana international information agency.",
    "From our partner RIAC",
    "No comments:",
    "Post a Comment",
    "Editor's note:",
    "Publications",
    "Latest",
    "Trending",
    "WAN WAN",
    "South Asia12 hours ago",
)
SIDEBAR_PHRASES = (
    "Pakistan and Germany",
    "Disability policies must be based",
    "Galwan Conflict",
    "Diesel Engine",
    "biweekly publication",
    "Frederick Starr",
)


@pytest.fixture(scope="module")
def corpus() -> IngestResult:
    return ingest_corpus(CORPUS)


def _article(corpus: IngestResult, article_id: str) -> Article:
    return next(a for a in corpus.articles if a.article_id == article_id)


def _source(corpus: IngestResult, path: str) -> CorpusFile:
    return next(s for s in corpus.files if s.path == path)


def _paragraph_texts(corpus: IngestResult, article: Article) -> list[str]:
    text = _source(corpus, article.path).text
    return [collapse_whitespace(text[p.start : p.end]) for p in article.paragraphs]


def test_each_file_holds_the_articles_a_reader_sees(corpus: IngestResult) -> None:
    assert [a.article_id for a in corpus.articles] == [
        "000_67d66000f4a56ec5#1",
        "001_4f9f93c25c76962a#1",
        "002_4b9ca009cf769bed#1",
        "003_53b0f7cea0590188#1",
        "003_53b0f7cea0590188#2",
        "003_53b0f7cea0590188#3",
        "003_53b0f7cea0590188#4",
        "004_75191420fca3239e#1",
    ]
    assert corpus.skipped == ()


GOLDEN = [
    (
        "000_67d66000f4a56ec5#1",
        "Human trafficking and IS followers in Central Asia",
        "Fergana international information agency",
        "Talgat Mamyrayymov",
        date(2017, 2, 20),
    ),
    (
        "001_4f9f93c25c76962a#1",
        "KAZAKHSTAN UNDER PRESSURE FOR HUMAN TRAFFICKING",
        "CACI Analyst",
        "Marat Yermukanov",
        date(2003, 10, 8),
    ),
    (
        "002_4b9ca009cf769bed#1",
        "Kazakhstan: Grappling with Human Trafficking",
        "EurasiaNet",
        "Joanna Lillis",
        None,
    ),
    (
        "003_53b0f7cea0590188#1",
        "Prospects for the Fight against Extremism and Terrorism in the Central Asian Region",
        "RIAC",
        None,
        None,
    ),
    (
        "003_53b0f7cea0590188#2",
        "Chronicles of Revolt in Kyrgyzstan: Implications and Consequences",
        None,
        None,
        None,
    ),
    (
        "003_53b0f7cea0590188#3",
        "The State of Human rights in Kyrgyzstan, Kazakhstan and Uzbekistan: "
        "Principles vs. Practices",
        None,
        None,
        None,
    ),
    (
        "003_53b0f7cea0590188#4",
        "Kazakhstan’s government is determined to enhance engagement with civil society",
        None,
        None,
        None,
    ),
    (
        "004_75191420fca3239e#1",
        "ISIS Seen Spreading into Russia via New Wave of Gastarbeiters from Central Asia",
        None,
        "Paul Goble",
        date(2017, 11, 3),
    ),
]


# 002 names EurasiaNet only as the interviewer ("… recalled in an interview with
# EurasiaNet.org …"); no byline, credit or footer line states its outlet.
OUTLET_PROVENANCE = {"002_4b9ca009cf769bed#1": INFERRED}


@pytest.mark.parametrize(("article_id", "title", "outlet", "author", "published"), GOLDEN)
def test_metadata_is_what_the_article_states(
    corpus: IngestResult,
    article_id: str,
    title: str,
    outlet: str | None,
    author: str | None,
    published: date | None,
) -> None:
    article = _article(corpus, article_id)
    assert (article.title, article.outlet, article.author, article.published) == (
        title,
        outlet,
        author,
        published,
    )
    assert article.provenance == {
        "title": STATED,
        "outlet": OUTLET_PROVENANCE.get(article_id, STATED if outlet else UNKNOWN),
        "author": STATED if author else UNKNOWN,
        "published": STATED if published else UNKNOWN,
    }


def test_an_unstated_date_is_only_a_labelled_estimate(corpus: IngestResult) -> None:
    article = _article(corpus, "002_4b9ca009cf769bed#1")
    assert article.published is None
    assert article.published_estimate == "2012 or later (the latest year the text mentions)"
    assert _article(corpus, "001_4f9f93c25c76962a#1").published_estimate is None


@pytest.mark.parametrize("index", range(8))
def test_no_boilerplate_line_in_any_paragraph(corpus: IngestResult, index: int) -> None:
    article = corpus.articles[index]
    paragraphs = _paragraph_texts(corpus, article)
    assert paragraphs, article.article_id
    for paragraph in paragraphs:
        assert paragraph not in BOILERPLATE_LINES, (article.article_id, paragraph)
        assert paragraph != article.title
        assert not paragraph.endswith("..."), paragraph
        for phrase in SIDEBAR_PHRASES:
            assert phrase not in paragraph, (article.article_id, paragraph)


def test_spans_are_trimmed_and_inside_the_file(corpus: IngestResult) -> None:
    for source in corpus.files:
        raw = (CORPUS / source.path).read_text(encoding="utf-8")
        assert source.text == raw
        for article in source.articles:
            for span in article.paragraphs:
                piece = raw[span.start : span.end]
                assert piece and piece == piece.strip()


def test_a_paragraph_repeated_cut_short_by_the_scrape_appears_once(corpus: IngestResult) -> None:
    paragraphs = _paragraph_texts(corpus, _article(corpus, "001_4f9f93c25c76962a#1"))
    starts = [p for p in paragraphs if p.startswith("Until recently, problems related")]
    assert len(starts) == 1
    assert "With an inflation rate of only 2.3%" in starts[0]


def test_the_four_articles_of_one_page_keep_their_own_text(corpus: IngestResult) -> None:
    first, second, third, fourth = (
        _paragraph_texts(corpus, _article(corpus, f"003_53b0f7cea0590188#{n}"))
        for n in (1, 2, 3, 4)
    )
    assert first[0].startswith("Central Asian countries experience diverse")
    assert first[-1].startswith("To summarise, the scenario unfolding")
    assert second[0].startswith("According to Leon Festinger")
    assert third[0].startswith("Central Asian countries share much in common")
    assert fourth[0].startswith("This year Kazakhstan is marking its 30th")
    assert fourth[-1].startswith("Of course, we will not stop here.")


def test_blog_comment_footer_and_editors_note_are_left_out(corpus: IngestResult) -> None:
    blog = _paragraph_texts(corpus, _article(corpus, "004_75191420fca3239e#1"))
    assert blog[-1].startswith("The jihadists say that all Muslims are one")
    note = _paragraph_texts(corpus, _article(corpus, "002_4b9ca009cf769bed#1"))
    assert note[-1].startswith("Fatima’s chances of bringing her captors to justice")


def test_stated_header_lines_are_kept_apart_from_the_body(corpus: IngestResult) -> None:
    source = next(s for s in corpus.files if s.path == "001_4f9f93c25c76962a.txt")
    article = _article(corpus, "001_4f9f93c25c76962a#1")
    assert [source.text[h.start : h.end] for h in article.header] == [
        "KAZAKHSTAN UNDER PRESSURE FOR HUMAN TRAFFICKING",
        "By Marat Yermukanov (10/8/2003 issue of the CACI Analyst)",
    ]
    blog = _article(corpus, "004_75191420fca3239e#1")
    blog_text = next(s for s in corpus.files if s.path == "004_75191420fca3239e.txt").text
    assert [blog_text[h.start : h.end] for h in blog.header][-1] == "Paul Goble"
    second_of_page = _article(corpus, "003_53b0f7cea0590188#2")
    assert len(second_of_page.header) == 1
