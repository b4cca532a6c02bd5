"""Ingestion of scrapes from other sites, formats, encodings, bad files and curated metadata."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from qa.errors import CorpusError
from qa.ingest import reader as ingest
from qa.ingest.boilerplate import is_boilerplate, is_end_marker, is_prose
from qa.ingest.layout import find_drafts
from qa.ingest.metadata import (
    derived_title,
    estimate_years,
    find_date,
    name_with_job,
    outlet_from_byline,
    outlet_from_credit,
    outlet_from_name_line,
    outlet_from_text,
    parse_byline,
    parse_dateline,
    parse_signature,
)
from qa.ingest.reader import IngestResult, ingest_corpus
from qa.records import DERIVED, INFERRED, METADATA, STATED, UNKNOWN, Article, Span
from qa.text import collapse_whitespace

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"


def _corpus(tmp_path: Path, *names: str) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(FIXTURES / name, corpus / name)
    return corpus


def _texts(result: IngestResult, article: Article) -> list[str]:
    text = next(s.text for s in result.files if s.path == article.path)
    return [collapse_whitespace(text[p.start : p.end]) for p in article.paragraphs]


def _drafts(text: str) -> list[tuple[str | None, dict[str, object], list[str]]]:
    found = find_drafts(text, Span(0, len(text)))
    return [
        (d.title, d.stated, [collapse_whitespace(text[s.start : s.end]) for s in d.paragraphs])
        for d in found
    ]


PROSE_A = "The ministry said on Monday that forty people had been detained in the raids."
PROSE_B = "Officials added that the investigation would continue for several more weeks."


# --- scrapes from other sites -------------------------------------------------------------


def test_news_page_with_navigation_and_footer(tmp_path: Path) -> None:
    result = ingest_corpus(_corpus(tmp_path, "news_page.txt"))
    (article,) = result.articles
    assert article.article_id == "news_page#1"
    assert article.title == "Parliament approves new migrant labour rules after long debate"
    assert (article.author, article.published, article.outlet) == (
        "Aigerim Sadykova",
        date(2021, 6, 14),
        "Steppe Times",
    )
    assert article.provenance == dict.fromkeys(("title", "outlet", "author", "published"), STATED)
    paragraphs = _texts(result, article)
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("ASTANA – Lawmakers on Tuesday")
    assert not any("cookie" in p or "newsletter" in p or "Share" in p for p in paragraphs)


def test_page_of_two_articles_and_a_teaser_sidebar(tmp_path: Path) -> None:
    result = ingest_corpus(_corpus(tmp_path, "digest.txt"))
    assert [(a.article_id, a.title, a.published) for a in result.articles] == [
        ("digest#1", "Water talks resume between upstream and downstream states", date(2020, 3, 3)),
        ("digest#2", "Rail link to the port opens for freight traffic", date(2020, 3, 5)),
    ]
    second = _texts(result, result.articles[1])
    assert (
        second[-1]
        == "Operators expect the line to carry three million tonnes of cargo in its first year."
    )
    assert not any(
        "bread" in p or "Football" in p for a in result.articles for p in _texts(result, a)
    )


def test_a_signature_closing_one_story_signs_it_and_never_titles_the_next(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "briefs.txt").write_text(
        "Ferry fares rise for the third year running\n"
        "March 3, 2024\n\n"
        "Fares on the island ferries will rise by six percent in April, the operator said "
        "on Friday. It blamed the price of fuel, which has doubled since 2021.\n\n"
        "-- By Jane Doe Follow @janedoe\n\n"
        "Harbour museum reopens after a two-year refit\n"
        "April 9, 2024\n\n"
        "The harbour museum reopened on Saturday with a new gallery of ship models. "
        "More than two thousand people came on its first day, the curator said.\n",
        encoding="utf-8",
    )
    result = ingest_corpus(corpus)
    assert [(a.title, a.author, a.published) for a in result.articles] == [
        ("Ferry fares rise for the third year running", "Jane Doe", date(2024, 3, 3)),
        ("Harbour museum reopens after a two-year refit", None, date(2024, 4, 9)),
    ]


@pytest.mark.parametrize(
    ("header", "opening", "author"),
    [
        ("By JANE DOE March 11, 2015 3:46 PM\n", "", "JANE DOE"),
        ("By Jane Doe\n", "Mar. 11, 2015 -- ", "Jane Doe"),
    ],
)
def test_a_date_run_on_after_a_bylines_name_or_opening_the_text_is_the_date(
    tmp_path: Path, header: str, opening: str, author: str
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "story.txt").write_text(
        "Veteran wraps his newborn in the flag he served under\n"
        + header
        + "\n"
        + opening
        + "A veteran wrapped his newborn daughter in the flag he had carried overseas, and "
        "the photo spread fast. His wife said it was taken an hour after the birth.\n",
        encoding="utf-8",
    )
    (article,) = ingest_corpus(corpus).articles
    assert (article.title, article.author, article.published) == (
        "Veteran wraps his newborn in the flag he served under",
        author,
        date(2015, 3, 11),
    )


def test_a_headline_ending_in_an_initialisms_full_stop_titles_its_story(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "story.txt").write_text(
        "Burst Pipes and Fires: How Winter Wreaks Havoc on What Lies Under N.Y.C.\n"
        "Jane Doe\n"
        "Feb. 21, 2019\n"
        "The Harbour Times\n\n"
        "The city's aging pipes are hard to keep up, and the salt and frost of winter make "
        "it worse. Crews answered more calls this month than in any month since 2015.\n",
        encoding="utf-8",
    )
    (article,) = ingest_corpus(corpus).articles
    assert (article.title, article.outlet, article.author, article.published) == (
        "Burst Pipes and Fires: How Winter Wreaks Havoc on What Lies Under N.Y.C.",
        "Harbour Times",
        "Jane Doe",
        date(2019, 2, 21),
    )


@pytest.mark.parametrize(
    ("headline", "title", "outlet"),
    [
        (
            "Ferry fares rise for the third year | Harbour Herald",
            "Ferry fares rise for the third year",
            "Harbour Herald",
        ),
        (
            "Ferry fares rise for the third year - portvik.net",
            "Ferry fares rise for the third year",
            "portvik.net",
        ),
        ("Harbour Herald - Latest News", "Harbour Herald - Latest News", None),
        (
            "Ferry fares rise | The view from the deck",
            "Ferry fares rise | The view from the deck",
            None,
        ),
    ],
)
def test_a_publisher_named_after_a_headline_is_the_outlet_not_part_of_the_title(
    tmp_path: Path, headline: str, title: str, outlet: str | None
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "story.txt").write_text(
        f"{headline}\nby: Jane Doe\n\n"
        "Fares on the island ferries will rise by six percent in April, the operator said "
        "on Friday. It blamed the price of fuel, which has doubled since 2021.\n",
        encoding="utf-8",
    )
    (article,) = ingest_corpus(corpus).articles
    assert (article.title, article.outlet, article.author) == (title, outlet, "Jane Doe")


def test_a_list_numbered_in_order_is_kept_as_the_storys_while_a_menu_is_dropped(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "story.txt").write_text(
        "Finland tops a ranking of social mobility\nMarch 3, 2024\n\n"
        "A new report ranked ten rich countries by how much the class you are born into "
        "shapes your life.\n\nThe overall rankings of the countries were as follows:\n"
        "1. Finland\n2. Norway\n3. Australia\n\n"
        "The United States came last, the report said, because of its inequality.\n\n"
        "Home\nWorld\nBusiness\n",
        encoding="utf-8",
    )
    result = ingest_corpus(corpus)
    (article,) = result.articles
    assert _texts(result, article) == [
        "A new report ranked ten rich countries by how much the class you are born into "
        "shapes your life.",
        "The overall rankings of the countries were as follows:",
        "1. Finland",
        "2. Norway",
        "3. Australia",
        "The United States came last, the report said, because of its inequality.",
    ]


def test_markdown_front_matter_overrides_detection(tmp_path: Path) -> None:
    result = ingest_corpus(_corpus(tmp_path, "front_matter.md"))
    (article,) = result.articles
    assert (article.title, article.outlet, article.author, article.published) == (
        "Border guards seize forged passports",
        "Valley Courier",
        "Timur Akhmedov",
        date(2019, 3, 2),
    )
    assert set(article.provenance.values()) == {METADATA}
    paragraphs = _texts(result, article)
    assert paragraphs[0].startswith("Border guards at the Dostyk crossing seized forty forged")
    assert paragraphs[-1].endswith("did not know what it held.")
    assert result.files[0].text == (FIXTURES / "front_matter.md").read_text(encoding="utf-8")


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    result = ingest_corpus(_corpus(tmp_path, "page.html"))
    (article,) = result.articles
    assert (article.title, article.outlet, article.author, article.published) == (
        "Shelter opens in Osh",
        "Mountain Herald",
        "Nurlan Toktogulov",
        date(2022, 9, 5),
    )
    assert article.provenance["published"] == METADATA
    source = result.files[0]
    assert source.text.startswith("Shelter opens in Osh\nA shelter for survivors")
    paragraphs = _texts(result, article)
    assert len(paragraphs) == 3
    assert not any("Football" in p or "Subscribe" in p for p in paragraphs)


def test_jsonl_one_article_per_line_and_a_warning_for_a_bad_line(tmp_path: Path) -> None:
    result = ingest_corpus(_corpus(tmp_path, "feed.jsonl"))
    first, second = result.articles
    assert (first.article_id, first.title, first.outlet, first.author, first.published) == (
        "feed#1",
        "Flights to Dubai resume",
        "Central Wire",
        "Alina Petrova",
        date(2020, 8, 1),
    )
    assert second.article_id == "feed#2"
    assert second.title == (
        "Police in Khujand detained three people suspected of recruiting women for work…"
    )
    assert second.provenance == {
        "title": DERIVED,
        **dict.fromkeys(("outlet", "author", "published"), UNKNOWN),
    }
    assert [(s.path, s.reason) for s in result.skipped] == [
        ("feed.jsonl line 2", "is not valid JSON (column 1)")
    ]
    assert _texts(result, second) == [
        "Police in Khujand detained three people suspected of recruiting women for work abroad "
        "under false promises. The suspects face up to eight years in prison if convicted."
    ]


def test_cp1251_scrape_decodes_to_cyrillic(tmp_path: Path) -> None:
    result = ingest_corpus(_corpus(tmp_path, "cyrillic_cp1251.txt"))
    (article,) = result.articles
    assert article.title == "Торговля людьми в регионе"
    assert article.author == "Ирина Петрова"
    assert article.published == date(2017, 2, 20)
    assert _texts(result, article)[0].startswith("Правоохранительные органы сообщили")


# --- encodings and bad files ---------------------------------------------------------------

ARTICLE = f"A headline about migration\n\n{PROSE_A}\n\n{PROSE_B}\n"


@pytest.mark.parametrize(
    ("encoded", "expected_title"),
    [
        (ARTICLE.encode("utf-8"), "A headline about migration"),
        (b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), "A headline about migration"),
        (
            "Заголовок статьи о миграции\n\nМинистерство сообщило в понедельник, что в ходе "
            "рейдов были задержаны сорок человек.\n".encode("cp1251"),
            "Заголовок статьи о миграции",
        ),
    ],
    ids=["utf-8", "utf-8-bom", "cp1251"],
)
def test_encodings_decode_correctly(tmp_path: Path, encoded: bytes, expected_title: str) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(encoded)
    result = ingest_corpus(corpus)
    (article,) = result.articles
    assert article.title == expected_title
    assert not result.files[0].text.startswith("\ufeff")


def test_bad_files_are_skipped_with_one_line_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"  \n\n")
    (corpus / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (corpus / "big.txt").write_text(ARTICLE * 40, encoding="utf-8")
    (corpus / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 2048)
    result = ingest_corpus(corpus)
    assert [a.article_id for a in result.articles] == ["good#1"]
    assert {s.path: s.reason for s in result.skipped} == {
        "big.txt": "is too large (0.0 MiB; the limit is 0 MiB)",
        "binary.txt": "is binary, not text (a NUL byte on line 3)",
        "empty.txt": "is empty",
        "gone.txt": "a symbolic link (pass --follow-symlinks to index its target)",
    }


def test_missing_empty_and_unusable_corpus_are_errors(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        ingest_corpus(tmp_path / "absent")
    (tmp_path / "empty").mkdir()
    with pytest.raises(CorpusError, match="holds no article files"):
        ingest_corpus(tmp_path / "empty")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "a.txt").write_bytes(b"")
    with pytest.raises(CorpusError, match=r"no usable article in .* \(a.txt is empty\)"):
        ingest_corpus(tmp_path / "bad")


# --- curated metadata ----------------------------------------------------------------------


def test_sidecar_corrects_fields_per_file_and_per_article(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, "digest.txt", "news_page.txt")
    (corpus / "metadata.yaml").write_text(
        "digest.txt:\n  outlet: Regional Digest\n"
        '"digest#2":\n  author: Jane Doe\n  published: 2020-03-06\n'
        "news_page.txt:\n  author: null\n",
        encoding="utf-8",
    )
    result = ingest_corpus(corpus)
    first, second, page = result.articles
    assert (first.outlet, first.provenance["outlet"]) == ("Regional Digest", METADATA)
    assert (second.outlet, second.author, second.published) == (
        "Regional Digest",
        "Jane Doe",
        date(2020, 3, 6),
    )
    assert second.provenance["published"] == METADATA
    assert (page.author, page.provenance["author"]) == (None, UNKNOWN)
    assert [s.path for s in result.files] == ["digest.txt", "news_page.txt"]
    assert result.skipped == ()


def test_sidecar_problems_are_reported_and_never_stop_indexing(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, "digest.txt")
    (corpus / "metadata.yaml").write_text('"digest#9":\n  title: Nothing\n', encoding="utf-8")
    result = ingest_corpus(corpus)
    assert [(s.path, s.reason) for s in result.skipped] == [
        ("metadata.yaml", "has an entry for digest#9, which is not in the corpus")
    ]
    (corpus / "metadata.yaml").write_text(
        "digest.txt:\n  colour: red\n'digest#2':\n  published: 2020-02-30\n"
        "'digest#1':\n  author: Jane Doe\n",
        encoding="utf-8",
    )
    result = ingest_corpus(corpus)
    assert [(s.path, s.reason) for s in result.skipped] == [
        (
            "metadata.yaml line 1",
            "has an unknown field 'colour' in entry 'digest.txt' (known: author, outlet, "
            "published, title); the entry was left out",
        ),
        (
            "metadata.yaml line 3",
            "has an impossible date '2020-02-30' in entry 'digest#2'; the entry was left out",
        ),
    ]
    assert result.articles[0].author == "Jane Doe"
    (corpus / "metadata.yaml").write_text("digest.txt: [unclosed\n", encoding="utf-8")
    result = ingest_corpus(corpus)
    assert [(s.path, s.reason) for s in result.skipped] == [
        ("metadata.yaml", "is not valid YAML (line 2); none of it was applied")
    ]
    assert len(result.articles) == 2


def test_article_ids_are_stable_across_reingestion(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, "digest.txt")
    before = [a.article_id for a in ingest_corpus(corpus).articles]
    (corpus / "aaa.txt").write_text(ARTICLE, encoding="utf-8")
    after = [a.article_id for a in ingest_corpus(corpus).articles]
    assert before == ["digest#1", "digest#2"]
    assert after == ["aaa#1", "digest#1", "digest#2"]


# --- one rule at a time --------------------------------------------------------------------


def test_rule_an_end_marker_ends_the_article() -> None:
    text = f"Title of the story\n\n{PROSE_A}\n\nContinue Reading\n\n{PROSE_B}\n"
    assert _drafts(text) == [("Title of the story", {}, [PROSE_A])]


def test_rule_view_counters_and_link_lists_are_furniture() -> None:
    assert is_end_marker("Read 3129 times") and is_end_marker("1,204 views")
    text = f"A title here\n\n{PROSE_A}\n\nWorld\nSport\nCulture\nWeather\n\n{PROSE_B}\n"
    assert _drafts(text)[0][2] == [PROSE_A, PROSE_B]


def test_rule_a_repeated_paragraph_appears_once() -> None:
    cut = PROSE_A[:50]
    text = f"A title here\n\n{cut}\n{PROSE_A}\n\n{PROSE_B}\n\n{PROSE_B}\n"
    assert _drafts(text)[0][2] == [PROSE_A, PROSE_B]


def test_rule_short_lines_repeated_on_the_page_are_furniture() -> None:
    text = (
        f"A title here\n\n{PROSE_A}\n\nSponsored links\n\n{PROSE_B}\n\nSponsored links\n\n{PROSE_B}"
    )
    assert _drafts(text)[0][2] == [PROSE_A, PROSE_B]


@pytest.mark.parametrize(
    "line",
    [
        "Sign up for our newsletter",
        "Subscribe to get the latest stories in your inbox",
        "We use cookies to give you the best experience. By using this site you accept them.",
        "ADVERTISE WITH US",
        "Home | News | Politics | Sport",
        "12 hours ago",
        "A teaser of some other story that stops in the middle of a...",
        "modi xi jinping modi xi jinping",
        "© 2024 Daily Example. All rights reserved.",
        "Photo: Reuters",
        "* * *",
        "Tags: migration, labour",
    ],
)
def test_rule_furniture_lines(line: str) -> None:
    assert is_boilerplate(line)
    assert not is_prose(line)


@pytest.mark.parametrize("line", [PROSE_A, "Central Asia", "The political context"])
def test_rule_article_lines_are_not_furniture(line: str) -> None:
    assert not is_boilerplate(line)


def test_rule_blog_footer_and_end_matter_are_left_out() -> None:
    text = (
        f"A title here\n\n{PROSE_A}\n\n{PROSE_B}\n\nEditor's note:\n"
        "Jane Doe is a freelance writer based in Almaty.\n"
    )
    assert _drafts(text)[0][2] == [PROSE_A, PROSE_B]
    blog = f"A title here\n\n{PROSE_A}\n\nNo comments:\n\nPost a Comment\n"
    assert _drafts(blog)[0][2] == [PROSE_A]


def test_rule_a_signature_gives_the_author_and_the_lone_name_line_goes() -> None:
    text = (
        f"A title here\n\n{PROSE_A}\n\nJane Doe\n{PROSE_B}\n\n"
        "Jane Doe, economist (Almaty)\n\nSteppe news agency.\n"
    )
    ((_title, stated, paragraphs),) = _drafts(text)
    assert stated == {"author": "Jane Doe", "outlet": "Steppe news agency"}
    assert paragraphs == [PROSE_A, PROSE_B]


def test_rule_a_headerless_sidebar_never_becomes_an_article() -> None:
    text = (
        f"Main story title\n\nPublished on 2 May 2019\n\n{PROSE_A}\n\nRead more\n\n"
        "Latest\n\nOther story title\n\nA cut-off first sentence of another story that...\n"
    )
    drafts = _drafts(text)
    assert [(t, s) for t, s, _ in drafts] == [("Main story title", {"published": date(2019, 5, 2)})]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("20 february 2017", date(2017, 2, 20)),
        ("Wednesday, 08 October 2003", date(2003, 10, 8)),
        ("Friday, November 3, 2017", date(2017, 11, 3)),
        ("Published on 3 May 2020", date(2020, 5, 3)),
        ("20 февраля 2017 г.", date(2017, 2, 20)),
        ("2024-03-03T10:00:00Z", date(2024, 3, 3)),
        ("Lindvik, March 3, 2024", date(2024, 3, 3)),
        ("LONDON, 3 March 2024", date(2024, 3, 3)),
        ("Kazakhstan, 2017", None),
        ("Published: 2024-03-03 10:00", date(2024, 3, 3)),
        ("12 hours ago", None),
        ("May 2023", None),
        ("The talks were held on 3 May 2020 in the capital of the country.", None),
    ],
)
def test_rule_datelines(line: str, expected: date | None) -> None:
    assert parse_dateline(line) == expected


def test_rule_bylines_signatures_and_outlets() -> None:
    byline = "By Marat Yermukanov (10/8/2003 issue of the CACI Analyst)"
    assert parse_byline(byline) == "Marat Yermukanov"
    assert find_date(byline) == date(2003, 10, 8)
    assert outlet_from_byline(byline) == "CACI Analyst"
    assert parse_byline("by Jane Doe and John Roe") == "Jane Doe and John Roe"
    assert parse_byline("By the way, this is not a byline at all") is None
    assert parse_byline("Reporting by Jane Doe; Editing by John Roe") == "Jane Doe"
    assert parse_byline("Reporting by the agency found no sign of it") is None
    assert name_with_job("Jane Doe, Contributor") == "Jane Doe"
    assert name_with_job("Jane Doe — Senior Reporter") == "Jane Doe"
    assert name_with_job("Jane Doe, Portvik") is None
    assert parse_signature("Talgat Mamyrayymov, political scientist (Kazakhstan)") == (
        "Talgat Mamyrayymov"
    )
    assert outlet_from_credit("From our partner RIAC") == "RIAC"
    assert outlet_from_credit("Source: Reuters") == "Reuters"
    assert outlet_from_name_line("Fergana international information agency.") == (
        "Fergana international information agency"
    )
    assert outlet_from_name_line("Central Asia") is None
    assert outlet_from_text("she said in an interview with EurasiaNet.org on Monday.") == (
        "EurasiaNet"
    )
    assert outlet_from_text("the minister told Kazinform.kz on Monday.") is None


_QUOTING_ANOTHER_OUTLET = """Floods hit Osh

By Jane Roe

Spring floods damaged 40 houses in the Osh region on Tuesday, officials said.
"We moved 120 families to schools," the mayor told Kazinform.kz on Wednesday.
Rescuers said the river rose two metres overnight and more rain is expected.
"""


def test_an_outlet_someone_spoke_to_is_not_the_articles_outlet(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "floods.txt").write_text(_QUOTING_ANOTHER_OUTLET)
    (article,) = ingest_corpus(corpus).articles
    assert (article.outlet, article.provenance["outlet"]) == (None, UNKNOWN)


def test_a_note_on_wire_material_is_not_the_articles_outlet(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "plague.txt").write_text(
        "Two cases of plague confirmed in the capital\n\n" + PROSE_A + "\n\nWith Post wires\n"
    )
    (article,) = ingest_corpus(corpus).articles
    assert (article.outlet, article.provenance["outlet"]) == (None, UNKNOWN)
    assert outlet_from_name_line("Kabar news agency") == "Kabar news agency"


def test_an_outlet_named_only_as_the_interviewer_is_inferred(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = _QUOTING_ANOTHER_OUTLET.replace(
        "the mayor told Kazinform.kz", "the mayor said in an interview with Kazinform.kz"
    )
    (corpus / "floods.txt").write_text(text)
    (article,) = ingest_corpus(corpus).articles
    assert (article.outlet, article.provenance["outlet"]) == ("Kazinform", INFERRED)


_REPUBLISHED_THEN_A_WIRE_STORY = """Lake levels fall for a third summer in the valley

Engineers measured the reservoir at its lowest level in twenty years, the water board said.

Farmers downstream have been told to expect shorter irrigation rounds until the autumn rains.

This article was originally published by Valley Courier. Read the original article.

Ferry service to the islands resumes after repairs

PORT ELLEN (Reuters) - The island ferry returned to service on Monday after six weeks of repairs.

Operators said the boat would run twice a day through the end of the season.
"""


def test_a_title_over_a_wire_dateline_opens_another_article(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "page.txt").write_text(_REPUBLISHED_THEN_A_WIRE_STORY)
    result = ingest_corpus(corpus)
    assert [(a.title, a.outlet, a.published) for a in result.articles] == [
        ("Lake levels fall for a third summer in the valley", "Valley Courier", None),
        ("Ferry service to the islands resumes after repairs", "Reuters", None),
    ]
    first, second = (_texts(result, a) for a in result.articles)
    assert first[-1] == (
        "Farmers downstream have been told to expect shorter irrigation rounds until the "
        "autumn rains."
    )
    assert second[0].startswith("PORT ELLEN (Reuters) - The island ferry returned")


def test_a_headline_over_prose_past_a_related_stories_block_opens_another_article(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "page.txt").write_text(
        "Council approves the new bus depot\nBy Ana Ruiz\nMarch 3, 2024\n\n"
        f"{PROSE_A}\n\nRelated stories\nPort authority names a new chief executive for the "
        "harbour\nFerry fares to rise\n\nFloods close the valley road for a week\n\n"
        f"{PROSE_B}\n"
    )
    result = ingest_corpus(corpus)
    assert [(a.title, a.author) for a in result.articles] == [
        ("Council approves the new bus depot", "Ana Ruiz"),
        ("Floods close the valley road for a week", None),
    ]
    assert [_texts(result, a) for a in result.articles] == [[PROSE_A], [PROSE_B]]


def test_the_headline_is_the_first_line_and_the_longer_standfirst_under_it_is_text(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "depot.txt").write_text(
        "Opinion\nCouncil approves the new bus depot\n"
        "Residents say the plan ignores the traffic it will bring to the old town streets\n"
        f"Ana Ruiz, Contributor\nMarch 3, 2024\n\n{PROSE_A}\n"
    )
    result = ingest_corpus(corpus)
    (article,) = result.articles
    assert (article.title, article.author) == ("Council approves the new bus depot", "Ana Ruiz")
    assert _texts(result, article) == [
        "Residents say the plan ignores the traffic it will bring to the old town streets",
        PROSE_A,
    ]


def test_markdown_marks_around_a_byline_and_a_date_are_read_through(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "depot.md").write_text(
        "Council approves the new bus depot\n==================================\n\n"
        "**By [Ana Ruiz](https://example.com/staff/ana-ruiz)**\n\n_March 3, 2024_\n\n"
        f"{PROSE_A}\n\n![The new depot](depot.jpg)\n"
    )
    result = ingest_corpus(corpus)
    (article,) = result.articles
    assert (article.title, article.author, article.published) == (
        "Council approves the new bus depot",
        "Ana Ruiz",
        date(2024, 3, 3),
    )
    assert _texts(result, article) == [PROSE_A]


def test_a_place_and_date_opening_the_story_give_its_date(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "depot.txt").write_text(
        f"Council approves the new bus depot\n\nPORTVIK, April 17, 2024 - {PROSE_A}\n\n{PROSE_B}\n"
    )
    (corpus / "notitle.txt").write_text(f"Portvik, Norway, April 18, 2024 — {PROSE_B}\n")
    articles = ingest_corpus(corpus).articles
    assert [(a.title, a.published, a.provenance["published"]) for a in articles] == [
        ("Council approves the new bus depot", date(2024, 4, 17), STATED),
        (
            "Officials added that the investigation would continue for several more weeks",
            date(2024, 4, 18),
            STATED,
        ),
    ]


def test_a_signature_under_the_headline_is_no_standfirst(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "depot.txt").write_text(
        f"Council approves the new bus depot\n\nAna Ruiz, Associated Press\n\n{PROSE_A}\n"
    )
    result = ingest_corpus(corpus)
    (article,) = result.articles
    assert (article.author, article.outlet) == ("Ana Ruiz", "Associated Press")
    assert _texts(result, article) == [PROSE_A]


def test_a_wire_storys_reporting_credit_at_the_end_gives_the_author(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "depot.txt").write_text(
        "Council approves the new bus depot\n2024-03-03T10:00:00Z\n\n"
        f"{PROSE_A}\n\n{PROSE_B}\n\nReporting by Ana Ruiz; Editing by Tom Reed\n"
    )
    result = ingest_corpus(corpus)
    (article,) = result.articles
    assert (article.author, article.published) == ("Ana Ruiz", date(2024, 3, 3))
    assert _texts(result, article) == [PROSE_A, PROSE_B]


def test_a_byline_with_the_reading_time_gives_author_and_date(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "depot.txt").write_text(
        f"Council approves the new bus depot\nBy Ana Ruiz · 3 min read · Mar 3, 2024\n\n{PROSE_A}\n"
    )
    (article,) = ingest_corpus(corpus).articles
    assert (article.author, article.published) == ("Ana Ruiz", date(2024, 3, 3))


def test_a_title_line_loses_its_label_and_cites_the_title_alone(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "depot.txt").write_text(
        "Section: Local\nTitle:  Council approves the new bus depot\nAuthor: Ana Ruiz\n\n"
        f"{PROSE_A}\n"
    )
    result = ingest_corpus(corpus)
    (article,) = result.articles
    text = result.files[0].text
    assert article.title == "Council approves the new bus depot"
    assert [text[s.start : s.end] for s in article.header] == [
        "Council approves the new bus depot",
        "Author: Ana Ruiz",
    ]


def test_a_section_heading_inside_a_story_opens_no_article() -> None:
    text = "Council approves the new bus depot\n\n" + PROSE_A + "\n\nCosts and Timing\n\n" + PROSE_B
    assert _drafts(text) == [
        ("Council approves the new bus depot", {}, [PROSE_A, "Costs and Timing", PROSE_B])
    ]


def test_a_sentence_opening_like_a_credit_stays_in_the_story() -> None:
    closing = "Via a spokesperson, the company said it would appeal the ruling next month."
    text = "Court fines the port operator\n\n" + PROSE_A + "\n\n" + closing
    ((_, _, paragraphs),) = _drafts(text)
    assert paragraphs == [PROSE_A, closing]


def test_a_credit_line_names_the_outlet_without_the_call_to_read_on() -> None:
    assert (
        outlet_from_credit("This article was originally published by Futurism. Read the original.")
        == "Futurism"
    )
    assert outlet_from_credit("First appeared on U.S. News. Read more") == "U.S. News"


@pytest.mark.parametrize(
    "line",
    [
        "November 2, 2023 3:53 PM EDT",
        "November 2, 2023 at 3:53 pm",
        "Published 3.53pm GMT, 2 November 2023",
        "02.11.2023 15:53",
    ],
)
def test_a_date_line_with_the_time_of_day_gives_the_date(tmp_path: Path, line: str) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "vote.txt").write_text(f"Council backs the harbour plan\n\n{line}\n\n{PROSE_A}\n")
    (article,) = ingest_corpus(corpus).articles
    assert (article.published, article.provenance["published"]) == (date(2023, 11, 2), STATED)


def test_publication_estimate_is_the_latest_past_year_the_text_mentions() -> None:
    assert estimate_years("in 2012 and earlier in 2004", today=date(2024, 1, 1)) == (
        "2012 or later (the latest year the text mentions)"
    )
    assert estimate_years("a plan for 2030", today=date(2024, 1, 1)) is None
    # A year that lay ahead when the text was written bounds nothing.
    ahead = "In 2019 the firm's 2023 bond fell; it aims to grow by 2022 and until 2021."
    assert estimate_years(ahead, today=date(2024, 1, 1)) == (
        "2019 or later (the latest year the text mentions)"
    )


def test_rule_an_all_number_date_with_dots_is_read_day_first() -> None:
    assert parse_dateline("03.05.2019") == date(2019, 5, 3)
    assert find_date("By A. Writer (10/8/2003 issue of the CACI Analyst)") == date(2003, 10, 8)


def test_rule_a_copyright_line_names_the_outlet_without_its_legal_form() -> None:
    assert outlet_from_credit("Copyright (c) 2024. RFE/RL, Inc. All Rights Reserved.") == "RFE/RL"
    assert outlet_from_credit("© 2019-2021 Eurasianet.org") == "Eurasianet"


def test_two_files_whose_names_differ_only_by_extension_keep_the_first(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = "A title\n\nThis is the whole story of the day, told in one plain sentence.\n"
    (corpus / "story.md").write_text(text)
    (corpus / "story.txt").write_text(text)
    result = ingest_corpus(corpus)
    assert [s.path for s in result.files] == ["story.md"]
    assert [(s.path, s.reason) for s in result.skipped] == [
        ("story.txt", "has the same name as story.md but another extension; rename one of them")
    ]


def test_a_file_name_that_is_not_utf8_is_skipped_with_a_warning(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = "A title\n\nThis is the whole story of the day, told in one plain sentence.\n"
    (corpus / "good.txt").write_text(text)
    (corpus / os.fsdecode(b"caf\xe9.txt")).write_text(text)
    result = ingest_corpus(corpus)
    assert [s.path for s in result.files] == ["good.txt"]
    assert [s.reason for s in result.skipped] == ["has a name that is not valid UTF-8; rename it"]


def test_a_page_of_thousands_of_paragraphs_keeps_every_distinct_one() -> None:
    paragraphs = [
        f"Paragraph {i} says something new about the matter at hand." for i in range(8000)
    ]
    text = "A title\n\n" + "\n\n".join(paragraphs) + "\n"
    drafts = find_drafts(text, Span(0, len(text)), single=True)
    assert sum(len(d.paragraphs) for d in drafts) == 8000


def test_an_article_without_a_title_is_named_after_its_first_sentence(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "snow.txt").write_text(
        "Heavy snow closed the mountain roads above Almaty on Monday, and schools in three "
        "districts stayed shut until the ploughs came through. Officials said the roads "
        "would reopen by Wednesday.\n\nThe city has had its coldest week since 2012.\n"
    )
    (corpus / "airport.txt").write_text(
        "Officials said on Monday that the new airport terminal in Osh will open next "
        "spring after two years of delays.\n\nThe terminal doubles the airport's capacity.\n"
    )
    titles = {a.path: (a.title, a.provenance["title"]) for a in ingest_corpus(corpus).articles}
    assert titles == {
        # cut at the end of a clause where one ends within the first 12 words
        "snow.txt": ("Heavy snow closed the mountain roads above Almaty on Monday…", DERIVED),
        "airport.txt": (
            "Officials said on Monday that the new airport terminal in Osh will…",
            DERIVED,
        ),
    }


def test_a_derived_title_is_a_short_first_line_or_the_first_sentence() -> None:
    assert derived_title(["Election results\nThe count ended at dawn."]) == "Election results"
    assert derived_title(["The count ended at dawn. Turnout was 61%."]) == "The count ended at dawn"


def test_a_bug_while_reading_one_file_skips_it_for_users_and_raises_under_qa_debug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A Title\n\nA sentence of the article body here.\n")

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("a bug")

    monkeypatch.setattr(ingest, "_read", broken)
    with pytest.raises(ValueError, match="a bug"):
        ingest_corpus(corpus)
    monkeypatch.delenv("QA_DEBUG")
    with pytest.raises(CorpusError) as raised:
        ingest_corpus(corpus)
    assert str(raised.value) == (
        f"no usable article in {corpus} (a.txt could not be read (ValueError); "
        "please report this file)"
    )


@pytest.mark.parametrize(
    "dateline",
    ["November 19, 2019", "Published: 9 October 2018", "Wed, Nov 20 2019", "2019-11-18"],
)
def test_a_date_line_right_under_a_long_headline_is_the_date_not_part_of_the_title(
    tmp_path: Path, dateline: str
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "launch.txt").write_text(
        "Streaming launch: executive says demand and a coding glitch caused the problems\n"
        f"{dateline}\n\n{PROSE_A}\n\n{PROSE_B}\n"
    )
    (article,) = ingest_corpus(corpus).articles
    assert article.title == (
        "Streaming launch: executive says demand and a coding glitch caused the problems"
    )
    assert article.published is not None
    assert article.provenance["published"] == STATED


def test_a_headline_ending_as_a_sentence_over_a_date_line_is_the_title(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "smog.txt").write_text(
        "The city's smog is a public health emergency. Here's why it's so bad.\n"
        f"Nov 8, 2019\n\n{PROSE_A}\n\n{PROSE_B}\n"
    )
    (article,) = ingest_corpus(corpus).articles
    assert article.title == "The city's smog is a public health emergency. Here's why it's so bad."
    assert article.published == date(2019, 11, 8)
    assert _texts(ingest_corpus(corpus), article) == [PROSE_A, PROSE_B]


def test_an_opening_sentence_without_a_date_line_under_it_stays_in_the_story(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "raids.txt").write_text(f"{PROSE_A}\n\n{PROSE_B}\n")
    (article,) = ingest_corpus(corpus).articles
    assert _texts(ingest_corpus(corpus), article) == [PROSE_A, PROSE_B]


def test_a_long_opening_paragraph_that_lost_its_full_stop_stays_in_the_story(
    tmp_path: Path,
) -> None:
    lost = (
        "The harbour board this morning paid the £71.6 million fee to the regional council to "
        "secure the record purchase of the old Kelso shipyard and its two dry docks from the "
        "navy"
    )
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "yard.txt").write_text(
        f"Breaking News: harbour board buys the Kelso shipyard\n\n{lost}\n\n{PROSE_A}\n"
    )
    result = ingest_corpus(corpus)
    (article,) = result.articles
    assert article.title == "Breaking News: harbour board buys the Kelso shipyard"
    assert _texts(result, article) == [lost, PROSE_A]


def test_a_question_opening_the_page_over_running_text_is_the_headline(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bar.txt").write_text(
        "Fact Check: Is a new oxygen bar in Portvik offering fresh air for 300 kroner?\n\n"
        f"{PROSE_A}\n\n{PROSE_B}\n"
    )
    result = ingest_corpus(corpus)
    (article,) = result.articles
    assert article.title == (
        "Fact Check: Is a new oxygen bar in Portvik offering fresh air for 300 kroner?"
    )
    assert article.provenance["title"] == STATED
    assert _texts(result, article) == [PROSE_A, PROSE_B]


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("Riverside Ledger", "Riverside Ledger"),
        ("The Harbour Post", "Harbour Post"),
        ("FOX 13 News Utah (KSTU)", "FOX 13 News Utah (KSTU)"),
        ("Portvik.net", "Portvik.net"),
        ("By The Associated Press", "Associated Press"),
    ],
)
def test_a_publishers_name_under_the_headline_is_the_outlet_not_the_title_or_author(
    tmp_path: Path, line: str, outlet: str
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "pier.txt").write_text(
        f"Pier plan approved\n{line}\nPosted: 5:43 PM, Nov 02, 2023\n\n{PROSE_A}\n\n{PROSE_B}\n"
    )
    result = ingest_corpus(corpus)
    (article,) = result.articles
    assert (article.title, article.outlet, article.author) == ("Pier plan approved", outlet, None)
    assert article.provenance["outlet"] == STATED
    assert article.published == date(2023, 11, 2)
    assert _texts(result, article) == [PROSE_A, PROSE_B]


@pytest.mark.parametrize("line", ["World News", "Good news for farmers", "Ana Ruiz"])
def test_a_section_label_a_headline_or_a_name_under_the_headline_is_no_outlet(
    tmp_path: Path, line: str
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "pier.txt").write_text(f"Pier plan for the harbour approved\n{line}\n\n{PROSE_A}\n")
    (article,) = ingest_corpus(corpus).articles
    assert article.outlet is None


def test_a_photo_caption_opening_the_page_is_neither_title_nor_text(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "raids.txt").write_text(
        "Police officers outside the ministry on Monday. Photo: Ana Ruiz\n\n"
        f"{PROSE_A}\n\n{PROSE_B}\n"
    )
    result = ingest_corpus(corpus)
    (article,) = result.articles
    assert article.title == "The ministry said on Monday that forty people had been detained in…"
    assert article.provenance["title"] == DERIVED
    assert _texts(result, article) == [PROSE_A, PROSE_B]


@pytest.mark.parametrize(
    "caption",
    [
        "Firefighters at the scene on Monday. (AP Photo/Jae C. Hong)",
        "Protesters in the square on Sunday. Getty Images",
        "Rosa Patel at the pantry. Photograph by Ana Ruiz/Reuters",
    ],
)
def test_rule_photo_captions_with_their_credit_are_furniture(caption: str) -> None:
    assert is_boilerplate(caption)


@pytest.mark.parametrize(
    "sentence",
    [
        "He showed us a photo by his grandfather that hung in the hall for years.",
        "The company said it would rebuild its image by 2020 after the scandal broke.",
    ],
)
def test_rule_a_sentence_about_a_photo_is_no_caption(sentence: str) -> None:
    assert not is_boilerplate(sentence)


def test_a_section_label_in_capitals_titles_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "raids.txt").write_text(f"GRANTS/DONATIONS\n\n{PROSE_A}\n\n{PROSE_B}\n")
    result = ingest_corpus(corpus)
    (article,) = result.articles
    assert article.title == "The ministry said on Monday that forty people had been detained in…"
    assert article.provenance["title"] == DERIVED


# Paragraphs written each on one line, longer than any width a scrape wraps text at.
LONG_A = (
    "The harbour authority said on Tuesday that the strike had ended after three weeks of talks "
    "between the dock workers' union and the port's operators."
)
LONG_B = (
    "Ships that had waited at anchor outside the port began to move into the berths on Tuesday "
    "evening, and the first cargo was unloaded before midnight."
)


def test_the_publishers_name_under_a_headline_is_no_part_of_it_on_a_page_of_long_lines(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "strike.txt").write_text(
        f"Harbour strike ends after three weeks of talks\nHarbour Gazette\n\n{LONG_A}\n\n{LONG_B}\n"
    )
    result = ingest_corpus(corpus)
    (article,) = result.articles
    assert (article.title, article.outlet) == (
        "Harbour strike ends after three weeks of talks",
        "Harbour Gazette",
    )
    assert _texts(result, article) == [LONG_A, LONG_B]


def test_list_items_on_lines_of_their_own_stay_apart_on_a_page_of_long_lines(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    items = [
        "The union must have a seat on the port's safety board",
        "Overtime on the night shifts will be paid at double rates",
        "No worker who joined the strike will lose any pension rights",
    ]
    (corpus / "strike.txt").write_text(
        "Harbour strike ends after three weeks of talks\n\n"
        f"{LONG_A}\n\nUnder the agreement:\n\n" + "\n".join(items) + f"\n\n{LONG_B}\n"
    )
    result = ingest_corpus(corpus)
    (article,) = result.articles
    assert _texts(result, article) == [LONG_A, "Under the agreement:", *items, LONG_B]


@pytest.mark.parametrize(
    "line",
    [
        "Harbour Gazette (Portvik) First published March 3, 2024: 1:28 AM ET",
        "Date created : 2024-03-03",
    ],
)
def test_a_closing_line_saying_when_the_story_was_published_gives_its_date(
    tmp_path: Path, line: str
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "strike.txt").write_text(
        f"Harbour strike ends after three weeks of talks\n\n{LONG_A}\n\n{LONG_B}\n\n{line}\n"
    )
    result = ingest_corpus(corpus)
    (article,) = result.articles
    assert article.published == date(2024, 3, 3)
    assert article.provenance["published"] == STATED
    assert _texts(result, article) == [LONG_A, LONG_B]


def test_a_closing_line_saying_when_the_story_was_updated_gives_no_date(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "strike.txt").write_text(
        "Harbour strike ends after three weeks of talks\n\n"
        f"{LONG_A}\n\n{LONG_B}\n\nUpdated, first published March 3, 2024\n"
    )
    (article,) = ingest_corpus(corpus).articles
    assert article.published is None
