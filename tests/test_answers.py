"""Answers people can trust: verbatim cited sentences, abstention, filters, distinct passages."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from qa.answer import ABSTENTION, AnswerPolicy, choose_sentences, without_footnotes
from qa.assistant import Assistant
from qa.config import Settings
from qa.indexing import update_index
from qa.records import Answer, Article, Chunk, Hit
from qa.retrieve import SearchFilters

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
    assert 1 <= len(pairs) <= 3
    assert re.sub(r"\s*\[\d+\]", "", answer.text) == " ".join(s for s, _ in pairs)
    quotes = {c.marker: without_footnotes(c.quote) for c in answer.citations}
    for sentence, marker in pairs:
        assert sentence in quotes[marker]
    assert sorted(quotes) == sorted({m for _, m in pairs})


def test_answer_to_a_counting_question_holds_the_number(assistant: Assistant) -> None:
    answer = assistant.ask("How many victims of trafficking did the IOM assist in Kazakhstan?")
    assert "858" in answer.text


@pytest.mark.parametrize(
    "question",
    ["Who won the 2018 FIFA World Cup?", "How do I reset my router password?"],
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


def fake_hit(chunk_id: int, sentence: str, score: float, start: int) -> Hit:
    chunk = Chunk("a#1", 0, 1000, start, start + len(sentence), sentence, sentence)
    article = Article("a#1", "a.txt", "A", None, None, None, ())
    return Hit(chunk_id, chunk, article, score, {})


def test_a_sentence_of_the_asked_kind_is_preferred_when_scores_are_close() -> None:
    vague = fake_hit(1, "Officials discussed the figures at length.", 0.70, 0)
    numeric = fake_hit(2, "The agency counted 858 victims.", 0.68, 100)
    chosen = choose_sentences(
        "How many victims were there?", [vague], [vague, numeric], AnswerPolicy(max_sentences=1)
    )
    assert [hit.chunk.sentence for _, hit in chosen] == ["The agency counted 858 victims."]


def test_a_heading_is_not_chosen_as_an_answer_sentence_when_a_statement_is_shown() -> None:
    heading = fake_hit(1, "Kazakhstan: Effective Peacekeeping Measures", 0.80, 0)
    statement = fake_hit(2, "The agency was established for this purpose in 2011.", 0.60, 50)
    chosen = choose_sentences(
        "When was the agency established?", [heading], [heading, statement], AnswerPolicy()
    )
    assert [hit.chunk.sentence for _, hit in chosen] == [statement.chunk.sentence]


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
