"""Sentences and windows: every chunk fits the model and quotes its file exactly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from qa.index.chunking import chunk_article, split_sentences
from qa.index.embed import load_tokenizer, model_max_tokens, resolve_model
from qa.ingest.reader import ingest_corpus
from qa.records import Article, Span
from qa.text import collapse_whitespace

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def count_tokens() -> Callable[[str], int]:
    tokenizer = load_tokenizer(resolve_model("all-MiniLM-L6-v2"))
    return lambda text: len(tokenizer.encode(text, add_special_tokens=False).ids)


def sentences_of(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, Span(0, len(text)))]


def test_sentences_split_after_terminal_punctuation_and_closing_quotes() -> None:
    text = "He said “It is over.” Then he left! Did she stay? Yes."
    assert sentences_of(text) == ["He said “It is over.”", "Then he left!", "Did she stay?", "Yes."]


def test_a_quoted_question_or_exclamation_stays_one_sentence_with_its_speaker() -> None:
    text = (
        "“Is that right?” Justice Doe asked. “No!” The lawyer replied at once. "
        "“Why not?” she asked. Was it over? Smith said nothing. He shouted “Stop!” Police came. "
        "“Why now?” Justice Jane Q. Doe Jr. asked in court. “Really?” Doe asked Smith. "
        "Fans shouted “Goal!” Smith said later that he had not seen it. "
        "He asked: “Why now?” Police said the suspect fled. "
        "“Vote for Ann Lee!” Mayor Tom Ray tweeted before the election. "
        "“Is it fair?” The minister declared on Monday."
    )
    assert sentences_of(text) == [
        "“Is that right?” Justice Doe asked.",
        "“No!” The lawyer replied at once.",
        "“Why not?” she asked.",
        "Was it over?",
        "Smith said nothing.",
        "He shouted “Stop!”",
        "Police came.",
        "“Why now?” Justice Jane Q. Doe Jr. asked in court.",
        "“Really?” Doe asked Smith.",
        "Fans shouted “Goal!”",
        "Smith said later that he had not seen it.",
        "He asked: “Why now?”",
        "Police said the suspect fled.",
        "“Vote for Ann Lee!” Mayor Tom Ray tweeted before the election.",
        "“Is it fair?” The minister declared on Monday.",
    ]


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    text = "Dr. Smith met S. Frederick Starr in the U.S. on Jan. 5. They spoke for an hour."
    assert sentences_of(text) == [
        "Dr. Smith met S. Frederick Starr in the U.S. on Jan. 5.",
        "They spoke for an hour.",
    ]


def test_a_date_opening_a_bracket_does_not_end_a_sentence() -> None:
    text = (
        "The study, published today (Oct. 28) in a journal, found links. "
        'The answer is (in this case "no"). It ends.'
    )
    assert sentences_of(text) == [
        "The study, published today (Oct. 28) in a journal, found links.",
        'The answer is (in this case "no").',
        "It ends.",
    ]


def test_initials_run_together_do_not_end_a_sentence_unless_they_close_a_place() -> None:
    text = "It stars J.C. Doe and Ann Lee. She moved to Washington, D.C. The move was quick."
    assert sentences_of(text) == [
        "It stars J.C. Doe and Ann Lee.",
        "She moved to Washington, D.C.",
        "The move was quick.",
    ]


def test_text_written_all_in_lower_case_is_still_split_into_sentences() -> None:
    text = "leicester say they will not be rushed. the club met on monday. talks go on."
    assert sentences_of(text) == [
        "leicester say they will not be rushed.",
        "the club met on monday.",
        "talks go on.",
    ]


def test_decimal_numbers_do_not_end_a_sentence() -> None:
    assert sentences_of("Inflation was 2.3% last year. It rose.") == [
        "Inflation was 2.3% last year.",
        "It rose.",
    ]


def test_every_chunk_of_the_corpus_fits_the_model_window_and_quotes_its_span(
    count_tokens: Callable[[str], int],
) -> None:
    budget = model_max_tokens(resolve_model("all-MiniLM-L6-v2"))
    corpus = ingest_corpus(PROJECT / "corpus")
    for source in corpus.files:
        for article in source.articles:
            chunks = chunk_article(source.text, article, count_tokens, window_words=110)
            assert chunks, article.article_id
            for chunk in chunks:
                assert count_tokens(chunk.text) + 2 <= budget
                assert chunk.text == collapse_whitespace(source.text[chunk.start : chunk.end])
                assert chunk.sentence in chunk.text
                assert chunk.start <= chunk.sentence_start < chunk.sentence_end <= chunk.end


def test_windows_grow_around_their_sentence_up_to_the_word_budget(
    count_tokens: Callable[[str], int],
) -> None:
    text = " ".join(f"Sentence number {i} has exactly six words." for i in range(20))
    article = Article("a#1", "a.txt", "A", None, None, None, (Span(0, len(text)),))
    chunks = chunk_article(text, article, count_tokens, window_words=30)
    assert len(chunks) == 20
    middle = chunks[10]
    assert len(middle.text.split()) == 28  # the anchor and three neighbours; a fifth: 35
    assert middle.text.index("number 10") > 0


def test_a_sentence_longer_than_the_model_window_is_cut_not_truncated(
    count_tokens: Callable[[str], int],
) -> None:
    text = "word " * 600 + "end."
    article = Article("a#1", "a.txt", "A", None, None, None, (Span(0, len(text)),))
    chunks = chunk_article(text, article, count_tokens, max_tokens=256)
    assert len(chunks) >= 3
    assert all(count_tokens(c.sentence) <= 254 for c in chunks)
    assert " ".join(c.sentence for c in chunks) == collapse_whitespace(text)


def test_windows_never_cross_text_that_ingestion_left_out(
    count_tokens: Callable[[str], int],
) -> None:
    text = "First kept sentence.\nADVERTISE HERE\nSecond kept sentence."
    kept = (Span(0, 20), Span(36, len(text)))
    article = Article("a#1", "a.txt", "A", None, None, None, kept)
    chunks = chunk_article(text, article, count_tokens)
    assert [c.text for c in chunks] == ["First kept sentence.", "Second kept sentence."]


def test_windows_at_a_stride_are_shared_and_each_holds_its_sentence(
    count_tokens: Callable[[str], int],
) -> None:
    text = " ".join(f"Sentence number {i} has exactly six words." for i in range(20))
    article = Article("a#1", "a.txt", "A", None, None, None, (Span(0, len(text)),))
    every = chunk_article(text, article, count_tokens, window_words=30)
    strided = chunk_article(text, article, count_tokens, window_words=30, window_stride=3)
    assert [c.sentence for c in strided] == [c.sentence for c in every]
    assert len({c.text for c in every}) == 17
    assert len({c.text for c in strided}) == 7  # around sentences 0, 3, 6, …, 18 and 19
    for chunk in strided:
        assert chunk.sentence in chunk.text
        assert chunk.text == collapse_whitespace(text[chunk.start : chunk.end])
    # sentence 4 is shown in the window grown around sentence 3, not the one around 6
    assert strided[4].text.startswith("Sentence number 2 ")
