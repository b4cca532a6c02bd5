"""Answers people can trust: verbatim cited sentences, abstention, filters, distinct passages."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import cast

import numpy as np
import pytest
from fake_embedder import FakeEmbedder

from qa.config import Settings
from qa.index.indexing import update_index
from qa.ingest.reader import ingest_corpus
from qa.records import Answer, Span
from qa.search.answer import ABSTENTION, with_lead_in, within_limit
from qa.search.assistant import Assistant
from qa.search.retrieve import SearchFilters, _quoted_runs
from qa.search.sentence_choice import Candidate, is_statement, without_footnotes
from qa.storage.contract import Storage

pytestmark = pytest.mark.slow  # answers depend on the real model's meaning

QUESTIONS = [
    "How many women are trafficked out of Kazakhstan every year?",
    "What tax did the Tajik government introduce?",
    "How many victims of trafficking did the IOM assist in Kazakhstan?",
    "When was the Agency for Religious Affairs established?",
    "Who edits the Countries of the CIS journal?",
    "When did Kurmanbek Bakiyev flee Bishkek?",
]


def cited_sentences(answer: Answer) -> list[tuple[str, int]]:
    return [(s.strip(), int(m)) for s, m in re.findall(r"(.+?) \[(\d+)\]", answer.text)]


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_answer_sentence_stands_verbatim_in_the_passage_it_cites(
    assistant: Assistant, question: str
) -> None:
    answer = assistant.ask(question)
    assert not answer.abstained
    pairs = cited_sentences(answer)
    assert 1 <= len(pairs) <= 4
    assert re.sub(r"\s*\[\d+\]", "", answer.text) == " ".join(s for s, _ in pairs)
    quotes = {c.marker: without_footnotes(c.quote) for c in answer.citations}
    for sentence, marker in pairs:
        assert sentence in quotes[marker]
    assert sorted(quotes) == sorted({m for _, m in pairs})


def test_answer_to_a_counting_question_holds_the_number(assistant: Assistant) -> None:
    answer = assistant.ask("How many victims of trafficking did the IOM assist in Kazakhstan?")
    assert "858" in answer.text


def test_a_passage_holding_a_quoted_phrase_comes_first(assistant: Assistant) -> None:
    # The question's other words ("migrants", "Russia") fit several passages better; the
    # quoted words stand in one sentence, and that sentence answers.
    answer = assistant.ask(
        "Who said that the number of migrants in Russia 'has declined almost 50 percent'?"
    )
    assert answer.text.startswith(
        "“Happily,” Grishin continues, “as a result of the decline in the ruble exchange "
        "rate, the number of migrants [in Russia] has declined almost 50 percent;” "
    )
    assert "has declined almost 50 percent" in answer.passages[0].quote
    assert answer.passages[0].line == 21


def test_only_quoted_phrases_of_three_words_or_more_are_taken_word_for_word() -> None:
    assert _quoted_runs("Who runs the 'Islamic State' in Syria?") == []
    assert _quoted_runs("Who said “the radicals are better organized”?") == [
        ["the", "radicals", "are", "better", "organized"]
    ]


@pytest.mark.parametrize(
    "question",
    ["What is a good recipe for banana bread?", "How do I reset my router password?"],
)
def test_off_topic_questions_abstain_cite_nothing_and_still_show_closest_passages(
    assistant: Assistant, question: str
) -> None:
    answer = assistant.ask(question)
    assert answer.abstained
    assert answer.text == ABSTENTION
    assert answer.citations == ()
    assert len(answer.passages) == 5


def test_date_filter_keeps_out_undated_articles_and_says_how_many(assistant: Assistant) -> None:
    articles = [s.article for s in assistant.article_summaries()]
    undated = sum(1 for a in articles if a.published is None)
    since = date(2017, 1, 1)
    answer = assistant.ask("human trafficking in Kazakhstan", filters=SearchFilters(since=since))
    assert answer.notices == (f"{undated} undated article(s) left out by the date filter",)
    assert answer.passages
    for passage in answer.passages:
        assert passage.published is not None and passage.published >= since


def test_until_filter_applies_before_ranking(assistant: Assistant) -> None:
    until = date(2010, 1, 1)
    answer = assistant.ask(
        "ISIS recruitment of migrants in Russia", filters=SearchFilters(until=until)
    )
    assert answer.passages
    assert {p.published for p in answer.passages} <= {
        a.article.published
        for a in assistant.article_summaries()
        if a.article.published and a.article.published <= until
    }


def test_outlet_and_article_filters_restrict_the_passages(assistant: Assistant) -> None:
    article = next(s.article for s in assistant.article_summaries() if s.article.outlet)
    outlet = str(article.outlet)
    by_outlet = assistant.ask("trafficking", filters=SearchFilters(outlet=outlet.upper()))
    assert {p.outlet for p in by_outlet.passages} == {article.outlet}
    by_article = assistant.ask("trafficking", filters=SearchFilters(article_id=article.article_id))
    assert {p.article_id for p in by_article.passages} == {article.article_id}


def test_a_filter_that_matches_nothing_says_so(assistant: Assistant) -> None:
    answer = assistant.ask("trafficking", filters=SearchFilters(outlet="No Such Outlet"))
    assert answer.abstained
    assert answer.passages == ()
    assert answer.notices == ("no article matches the filters (outlet No Such Outlet)",)


def test_passages_shown_average_at_most_120_words(assistant: Assistant) -> None:
    words = [len(p.quote.split()) for q in QUESTIONS for p in assistant.ask(q).passages]
    assert sum(words) / len(words) <= 120


def test_the_same_article_scraped_twice_is_shown_once(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (
        "Floods in Osh\n\n"
        "Spring floods damaged 40 houses in the Osh region on Tuesday. "
        "Rescuers moved 120 families to schools. The river rose two metres overnight.\n"
    )
    (corpus / "first.txt").write_text(text)
    (corpus / "second.txt").write_text(text)
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    update_index(settings)
    answer = Assistant.open(settings).ask("How many families were moved?", k=5)
    sentences = [p.quote for p in answer.passages]
    assert len(sentences) == len(set(sentences))


def test_choice_picks_the_sentence_with_the_asked_for_number(assistant: Assistant) -> None:
    answer = assistant.ask("How many cases with Kazakhstan as a source country did IOM register?")
    assert "Kazakhstan was the source country in 410 cases, Uzbekistan in 362 cases. [1]" in (
        answer.text
    )


def test_the_answering_sentence_leads_and_the_others_follow_in_article_order(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("How many cases with Kazakhstan as a source country did IOM register?")
    assert answer.text == (
        "Kazakhstan was the source country in 410 cases, Uzbekistan in 362 cases. [1] "
        "Internal trafficking within Kazakhstan is another problem, with 326 cases since 2004. "
        "[1] The IOM says that, in collaboration with NGO partners like Sana Sezim, it assisted "
        "858 victims of trafficking in Kazakhstan, 559 of them women, from 2004 to August 2012. [1]"
    )


def test_line_points_at_the_first_cited_sentence(assistant: Assistant) -> None:
    answer = assistant.ask("How many cases with Kazakhstan as a source country did IOM register?")
    (cited,) = answer.citations
    raw = assistant.snapshot.file_text(cited.path)
    first = raw.index("The IOM says that, in collaboration")
    assert cited.line == raw.count("\n", 0, first) + 1
    assert cited.start < first  # the passage's window starts earlier


def test_a_quote_by_he_brings_the_sentence_naming_the_speaker(assistant: Assistant) -> None:
    answer = assistant.ask("Where do the jihadists returning to Central Asia move on to?")
    speaker = (
        "Andrey Grozin, the editor of the Countries of the CIS journal and a specialist on "
        "Central Asia, says that the return of jihadists to Central Asia has become so massive "
        "that it is no longer just the province of experts but is being openly discussed by "
        "intelligence and security officials across the region. [1]"
    )
    quote = (
        "He suggests that many of those returning to Central Asia don’t stay there long but "
        "instead move on to Russia as gastarbeiters. [1]"
    )
    assert answer.text.startswith(f"{speaker} {quote}")


def test_a_question_in_two_parts_gets_a_sentence_for_each(assistant: Assistant) -> None:
    answer = assistant.ask(
        "When was the Agency for Religious Affairs established and how many web portals "
        "were screened?"
    )
    sentences = [s for s, _ in cited_sentences(answer)]
    assert (
        "A special body, the Agency for Religious Affairs, was established for this purpose "
        "in 2011." in sentences
    )
    assert (
        "Another step was the screening of over 9,000 web portals, which led to 51 foreign "
        "sites being banned in Kazakhstan for promoting extremism and terrorism." in sentences
    )
    assert len(sentences) <= 4


def test_when_was_it_published_after_a_question_about_a_report_asks_about_the_report(
    assistant: Assistant,
) -> None:
    answer = assistant.ask(
        "Whose report found that Kazakhstan does not fully comply with minimum standards, "
        "and when was it published?"
    )
    assert not answer.abstained
    assert answer.text == (
        "The US State Department’s 2012 Trafficking in Persons report found that Kazakhstan "
        "“does not fully comply” with minimum standards to eliminate trafficking, but added "
        "that Astana “is making significant efforts to do so.” [1] It also noted that 30 "
        "trafficking offenders were convicted last year: 26 for sex-trafficking offenses and "
        "four on forced labor charges. [1]"
    )


@pytest.mark.parametrize(
    "line",
    [
        "IV Revolts in Kyrgyzstan:",
        "Kazakhstan: Effective Peacekeeping Measures",
        "Turkmenistan",
        "Wednesday, 08 October 2003",
        "By Marat Yermukanov (10/8/2003 issue of the CACI Analyst)",
    ],
)
def test_a_heading_title_or_dateline_is_no_statement(line: str) -> None:
    assert not is_statement(line)


def test_a_heading_is_never_an_answer_sentence(assistant: Assistant) -> None:
    for question in [*QUESTIONS, "What were the revolts in Kyrgyzstan?", "Turkmenistan"]:
        answer = assistant.ask(question)
        for sentence, _ in cited_sentences(answer):
            assert is_statement(sentence), (question, sentence)


def test_the_undated_count_covers_only_articles_the_other_filters_allow(
    assistant: Assistant,
) -> None:
    dated = next(
        s.article for s in assistant.article_summaries() if s.article.published and s.article.outlet
    )
    filters = SearchFilters(since=date(1990, 1, 1), outlet=dated.outlet)
    undated_of_outlet = sum(
        1
        for s in assistant.article_summaries()
        if s.article.outlet == dated.outlet and not s.article.published
    )
    answer = assistant.ask("trafficking", filters=filters)
    expected = (
        (f"{undated_of_outlet} undated article(s) left out by the date filter",)
        if undated_of_outlet
        else ()
    )
    assert answer.notices == expected


def test_a_heading_stays_on_its_own_line_in_the_quoted_passage(assistant: Assistant) -> None:
    answer = assistant.ask("When was the Financial Monitoring Service set up in Turkmenistan?")
    assert answer.text.startswith(
        "In early October 2018, a Financial Monitoring Service was set up"
    )
    assert (
        "from January to April 2018 alone.\nTurkmenistan\nIn early October 2018, a Financial "
        "Monitoring Service was set up" in answer.citations[0].quote
    )


BRIDGE = """\
Bridge Repairs Begin

The council closed the old bridge on Monday.

Tom Price, the mayor, visited the site. “It will take a year,” he said.

Engineers found cracks in three of the bridge's pillars.

Repairs will cost 2 million pounds.
"""


class _OneFile:
    """A storage stand-in that serves one file's text (all that ``within_limit`` and
    ``with_lead_in`` read)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def file_text(self, path: str) -> str:
        return self.text


def _sentences_of(tmp_path: Path, text: str) -> tuple[Callable[[str, float], Candidate], Storage]:
    """One article ingested from ``text``: a chosen sentence of it by its text and likelihood,
    and a storage stand-in serving its text."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "article.txt").write_text(text, encoding="utf-8")
    (parsed,) = ingest_corpus(corpus).files
    article = parsed.articles[0]

    def chosen(sentence: str, probability: float) -> Candidate:
        start = parsed.text.index(sentence)
        span = Span(start, start + len(sentence))
        return Candidate(1, article, span, sentence, np.zeros(1), probability)

    return chosen, cast("Storage", _OneFile(parsed.text))


def test_a_speakers_sentence_brought_along_leaves_out_the_least_likely_sentence(
    tmp_path: Path,
) -> None:
    chosen, snapshot = _sentences_of(tmp_path, BRIDGE)
    leader = chosen("Repairs will cost 2 million pounds.", 0.9)
    replies = [
        leader,
        chosen("The council closed the old bridge on Monday.", 0.3),
        chosen("“It will take a year,” he said.", 0.5),  # brings "Tom Price, the mayor, …"
        chosen("Engineers found cracks in three of the bridge's pillars.", 0.6),
    ]
    assert [c.text for c in within_limit(replies, snapshot, 4, leader)] == [
        "Repairs will cost 2 million pounds.",
        "“It will take a year,” he said.",
        "Engineers found cracks in three of the bridge's pillars.",
    ]
    assert [c.text for c in within_limit(replies, snapshot, 5, leader)] == [c.text for c in replies]


REPORT = """\
Trafficking Report

The report found that the country does not fully comply with minimum standards.
It also noted that 30 offenders were convicted last year.

Officials said the figures would improve.
"""


def test_a_leader_that_refers_back_follows_the_chosen_sentence_it_refers_to(
    tmp_path: Path,
) -> None:
    chosen, snapshot = _sentences_of(tmp_path, REPORT)
    convicted = chosen("It also noted that 30 offenders were convicted last year.", 0.9)
    found = chosen(
        "The report found that the country does not fully comply with minimum standards.", 0.4
    )
    officials = chosen("Officials said the figures would improve.", 0.5)
    assert [c.text for c in with_lead_in([convicted, found, officials], snapshot)] == [
        "The report found that the country does not fully comply with minimum standards.",
        "It also noted that 30 offenders were convicted last year.",
        "Officials said the figures would improve.",
    ]
    # a leader that stands on its own still leads
    assert [c.text for c in with_lead_in([officials, found, convicted], snapshot)] == [
        "Officials said the figures would improve.",
        "The report found that the country does not fully comply with minimum standards.",
        "It also noted that 30 offenders were convicted last year.",
    ]


def test_a_question_the_article_asks_in_its_own_voice_is_no_answer_sentence(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "shelter.txt").write_text(
        "Shelter Opens in Almaty\n\n"
        "A new shelter for trafficking victims opened in Almaty on Monday. "
        "What will the shelter offer the women who stay there? "
        "The shelter offers beds for 40 women and free legal advice.\n",
        encoding="utf-8",
    )
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    update_index(settings, embedder_factory=FakeEmbedder)
    assistant = Assistant.open(settings, embedder=FakeEmbedder())
    answer = assistant.ask("What will the shelter offer the women who stay there?")
    assistant.close()
    assert "The shelter offers beds for 40 women and free legal advice. [1]" in answer.text
    assert "What will the shelter offer" not in answer.text
