"""Questions about an article itself (author, outlet, date, title) are answered from its
metadata, citing the line the value was read from."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from written_articles import ingested_story

from qa.ingest.reader import ingest_corpus
from qa.records import Article, Citation
from qa.search.article_questions import (
    AUTHOR,
    OUTLET,
    PUBLISHED,
    TITLE,
    answer_about_article,
    article_fact,
    asked_fields,
    described_article,
)
from qa.search.article_questions import article_question as parse
from qa.search.assistant import Assistant
from qa.search.sentence_choice import question_parts


def _article(assistant: Assistant, title: str) -> Article:
    return next(s.article for s in assistant.article_summaries() if s.article.title == title)


def test_who_wrote_a_titled_article_is_answered_from_its_byline(assistant: Assistant) -> None:
    answer = assistant.ask('Who wrote "Kazakhstan: Grappling with Human Trafficking"?')
    assert not answer.abstained
    assert answer.text == (
        "“Kazakhstan: Grappling with Human Trafficking” was written by Joanna Lillis. [1]"
    )
    (cited,) = answer.citations
    assert (cited.marker, cited.quote, cited.path, cited.line) == (
        1,
        "by Joanna Lillis",
        "002_4b9ca009cf769bed.txt",
        3,
    )
    assert Citation.of(answer.passages[0]) == cited
    # The retrieved passages follow the line the answer rests on, numbered after it.
    assert [p.marker for p in answer.passages] == list(range(1, len(answer.passages) + 1))


def test_publication_date_is_answered_from_the_dateline(assistant: Assistant) -> None:
    answer = assistant.ask('When was "Kazakhstan under pressure for human trafficking" published?')
    assert answer.text == (
        "“KAZAKHSTAN UNDER PRESSURE FOR HUMAN TRAFFICKING” was published on 08 October 2003. [1]"
    )
    assert answer.citations[0].quote == "Wednesday, 08 October 2003"


def test_a_question_asking_two_fields_gets_both_each_cited_on_its_own_line(
    assistant: Assistant,
) -> None:
    answer = assistant.ask(
        "Which outlet published “KAZAKHSTAN UNDER PRESSURE FOR HUMAN TRAFFICKING”, and when?"
    )
    assert not answer.abstained
    assert answer.text == (
        "“KAZAKHSTAN UNDER PRESSURE FOR HUMAN TRAFFICKING” was published by CACI Analyst. [1] "
        "It was published on 08 October 2003. [2]"
    )
    assert [(c.marker, c.quote) for c in answer.citations] == [
        (1, "By Marat Yermukanov (10/8/2003 issue of the CACI Analyst)"),
        (2, "Wednesday, 08 October 2003"),
    ]
    assert [Citation.of(p) for p in answer.passages[:2]] == list(answer.citations)
    assert [p.marker for p in answer.passages] == list(range(1, len(answer.passages) + 1))


def test_two_fields_are_cited_in_the_order_the_reply_gives_them(assistant: Assistant) -> None:
    answer = assistant.ask("Who wrote the CACI Analyst article and when was it published?")
    assert answer.text == (
        "“KAZAKHSTAN UNDER PRESSURE FOR HUMAN TRAFFICKING” was written by Marat Yermukanov. [1] "
        "It was published on 08 October 2003. [2]"
    )
    assert [c.marker for c in answer.citations] == [1, 2]
    assert [Citation.of(p) for p in answer.passages[:2]] == list(answer.citations)
    assert [p.marker for p in answer.passages] == list(range(1, len(answer.passages) + 1))


def test_a_known_author_and_an_unstated_date_are_both_said(assistant: Assistant) -> None:
    answer = assistant.ask("Who wrote “Kazakhstan: Grappling with Human Trafficking” and when?")
    assert not answer.abstained  # the author is a fact given
    assert answer.text == (
        "“Kazakhstan: Grappling with Human Trafficking” was written by Joanna Lillis. [1] "
        "It doesn't state when it was published; 2012 or later (the latest year the text "
        "mentions). [2]"
    )


@pytest.mark.parametrize(
    ("question", "fields"),
    [
        ("Who wrote the harbour article and when was it published?", (AUTHOR, PUBLISHED)),
        ("When was “Harbour Lights” published, and by whom?", (PUBLISHED, AUTHOR)),
        ("Which outlet ran the harbour story and when?", (OUTLET, PUBLISHED)),
        ("Who wrote it?", (AUTHOR,)),
        ("Who founded the harbour trust and when?", ()),
        ("Whose review of the harbour plan ran, and when was it published?", ()),
    ],
)
def test_every_field_a_question_asks_is_read_in_order(
    question: str, fields: tuple[str, ...]
) -> None:
    assert asked_fields(question, question_parts) == fields


def test_an_author_nobody_states_is_said_to_be_unknown(assistant: Assistant) -> None:
    title = "Chronicles of Revolt in Kyrgyzstan: Implications and Consequences"
    answer = assistant.ask(f"Who wrote “{title}”?")
    assert answer.abstained  # no fact to give: the articles don't answer who wrote it
    # The title line came back as the first passage: the answer cites it there.
    assert answer.text == f"“{title}” doesn't state its author. [1]"
    assert answer.citations[0].quote == title
    assert Citation.of(answer.passages[0]) == answer.citations[0]


def test_an_unstated_date_is_said_to_be_unknown_with_its_labelled_estimate(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("When was “Kazakhstan: Grappling with Human Trafficking” published?")
    assert answer.abstained
    assert answer.text == (
        "“Kazakhstan: Grappling with Human Trafficking” doesn't state when it was published; "
        "2012 or later (the latest year the text mentions). [1]"
    )


def test_a_follow_up_about_a_given_article_cites_its_signature(assistant: Assistant) -> None:
    article = _article(assistant, "Human trafficking and IS followers in Central Asia")
    raw = assistant.snapshot.file_text(article.path)
    answer = answer_about_article("Who wrote that?", article, raw)
    assert answer is not None
    assert answer.text == (
        "“Human trafficking and IS followers in Central Asia” was written by "
        "Talgat Mamyrayymov. [1]"
    )
    assert answer.citations[0].quote == "Talgat Mamyrayymov, political scientist (Kazakhstan)"
    outlet = answer_about_article("Which outlet published it?", article, raw)
    assert outlet is not None
    assert outlet.citations[0].quote == "Fergana international information agency."
    assert answer_about_article("How many women are trafficked?", article, raw) is None


def test_who_wrote_something_that_is_no_indexed_article_is_not_a_metadata_question(
    assistant: Assistant,
) -> None:
    asked = parse("Who wrote the novel Pride and Prejudice?")
    assert asked is not None and not asked.names_article
    letter = parse("Who wrote a letter of complaint about the harbour article?")
    assert letter is not None and not letter.names_article
    for byline in (
        "Who wrote the article that will change the law?",
        "Who wrote the story about music?",
        "Who wrote the article on letters?",
    ):
        asked = parse(byline)
        assert asked is not None and asked.names_article
    assert assistant.ask("Who wrote the novel Pride and Prejudice?").abstained


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("Who wrote that?", AUTHOR),
        ("Who is the author of this article?", AUTHOR),
        ("When was it published?", PUBLISHED),
        ("What is the publication date of the article?", PUBLISHED),
        ("What's the date of the River Tamsin flood story?", PUBLISHED),
        ("When was that report dated?", PUBLISHED),
        ("Which outlet published this story?", OUTLET),
        ("Where was that piece published?", OUTLET),
        ("What is the title of the article?", TITLE),
        ("What is this article called?", TITLE),
    ],
)
def test_questions_about_an_article_name_the_field_they_ask_for(question: str, field: str) -> None:
    asked = parse(question)
    assert asked is not None
    assert (asked.field, asked.names_article) == (field, True)


@pytest.mark.parametrize(
    "question",
    [
        "Who are the authors of the story about the ferry strike?",
        "Who were the reporters behind the story on the clinic?",
        "Which journalists wrote the report on the dock strike?",
        "Which reporters covered the harbour inquiry?",
        "Who reported the story about the clinic?",
        "What is the byline of the harbour article?",
    ],
)
def test_asking_for_the_writers_in_other_words_asks_for_the_author(question: str) -> None:
    asked = parse(question)
    assert asked is not None and asked.field == AUTHOR


def test_several_authors_are_listed_as_a_sentence_lists_them(assistant: Assistant) -> None:
    article = _article(assistant, "Kazakhstan: Grappling with Human Trafficking")
    several = replace(article, author="Joanna Lillis; Ann Bell; Tom Reed")
    raw = assistant.snapshot.file_text(article.path)
    assert article_fact(AUTHOR, several, raw).sentence.startswith(
        "“Kazakhstan: Grappling with Human Trafficking” was written by Joanna Lillis, Ann Bell "
        "and Tom Reed"
    )


@pytest.mark.parametrize(
    "question",
    [
        "When was the Agency for Religious Affairs established?",
        "What is the date of the election in Kyrgyzstan?",
        "Who edits the Countries of the CIS journal?",
        "How many victims of trafficking did the IOM assist in Kazakhstan?",
        "What is it called?",
    ],
)
def test_questions_about_what_articles_say_are_no_metadata_questions(question: str) -> None:
    assert parse(question) is None


def test_an_article_named_by_its_author_answers_which_outlet_published_it(
    assistant: Assistant,
) -> None:
    answer = assistant.ask(
        "In which publication did Marat Yermukanov's report on human trafficking appear?"
    )
    assert answer.text == (
        "“KAZAKHSTAN UNDER PRESSURE FOR HUMAN TRAFFICKING” was published by CACI Analyst. [1]"
    )
    assert answer.citations[0].quote == "By Marat Yermukanov (10/8/2003 issue of the CACI Analyst)"


def test_what_a_writer_wrote_about_is_answered_with_the_title_of_their_article(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("What did Marat Yermukanov write about?")
    assert answer.text == (
        "The article's title is “KAZAKHSTAN UNDER PRESSURE FOR HUMAN TRAFFICKING”. [1]"
    )
    assert answer.citations[0].quote == "KAZAKHSTAN UNDER PRESSURE FOR HUMAN TRAFFICKING"


def test_what_someone_who_wrote_no_article_wrote_about_is_asked_of_the_text(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("What did the justice minister write about?")
    assert not answer.text.startswith("The article's title is")


def test_an_inferred_outlet_is_said_to_be_inferred(assistant: Assistant) -> None:
    answer = assistant.ask("Which outlet published “Kazakhstan: Grappling with Human Trafficking”?")
    assert answer.text.startswith(
        "“Kazakhstan: Grappling with Human Trafficking” was published by EurasiaNet "
        "(inferred, not stated). ["
    )
    assert "in an interview with EurasiaNet.org" in answer.citations[0].quote
    assert answer.citations[0].provenance["outlet"] == "inferred"


@pytest.mark.parametrize(
    ("question", "reply"),
    [
        (
            "When was the Fergana article on IS followers published?",
            "“Human trafficking and IS followers in Central Asia” was published on "
            "20 february 2017. [1]",
        ),
        (
            "Who wrote the CACI Analyst article?",
            "“KAZAKHSTAN UNDER PRESSURE FOR HUMAN TRAFFICKING” was written by "
            "Marat Yermukanov. [1]",
        ),
    ],
)
def test_an_article_described_by_its_outlet_and_title_words_is_the_one_asked_about(
    assistant: Assistant, question: str, reply: str
) -> None:
    assert assistant.ask(question).text == reply


def test_a_description_matching_no_title_is_left_to_retrieval(assistant: Assistant) -> None:
    articles = [s.article for s in assistant.article_summaries()]
    analyse = assistant.snapshot.lexical_terms
    for question in (
        "Who wrote the article about travel agencies?",
        # Fergana and trafficking stand in one title and outlet, but not Uzbekistan.
        "Who wrote the Fergana article on trafficking in Uzbekistan?",
    ):
        assert described_article(question, articles, articles, analyse) is None
    # Among articles matching equally, the better-retrieved one is meant.
    titled = [(a, a.title.casefold()) for a in articles]
    matching = [a for a, t in titled if "kazakhstan" in t and "trafficking" in t]
    assert len(matching) == 2
    question = "Who wrote the article on Kazakhstan and trafficking?"
    for ranked in (matching, matching[::-1]):
        assert described_article(question, articles, ranked, analyse) == ranked[0]


def test_a_title_line_with_doubled_spaces_is_cited_as_stated(tmp_path: Path) -> None:
    # Scraped text often keeps the gaps of removed punctuation: "rebate  unjustified".
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "rebate.txt").write_text(
        "uk rebate  unjustified - chirac\n\n"
        "french president jacques chirac has called the uk rebate unjustified.  "
        "he said the money should go to the new member states.\n"
    )
    (corpus_file,) = ingest_corpus(corpus).files
    (article,) = corpus_file.articles
    fact = article_fact(TITLE, article, corpus_file.text)
    assert fact.sentence == "The article's title is “uk rebate unjustified - chirac”."
    assert corpus_file.text[fact.span.start : fact.span.end] == "uk rebate  unjustified - chirac"


@pytest.mark.parametrize(
    ("dateline", "said"),
    [
        ("Feb. 23, 2015", "Feb. 23, 2015"),
        ("Published: 23rd February 2015, 10:04", "23rd February 2015"),
        ("2015-02-23T10:04:00Z", "2015-02-23"),
        ("23/02/2015", "23 February 2015"),
    ],
)
def test_a_publication_date_is_said_as_the_cited_line_writes_it(
    tmp_path: Path, dateline: str, said: str
) -> None:
    raw, article = ingested_story(
        tmp_path,
        f"Peanuts early may spare babies an allergy\n{dateline}\n\n"
        "Babies who eat peanut foods early are far less likely to develop an allergy, a "
        "study found. The children were followed until they were five years old.\n",
    )
    answer = answer_about_article("When was the story on peanuts published?", article, raw)
    assert answer is not None
    assert answer.text == (
        f"“Peanuts early may spare babies an allergy” was published on {said}. [1]"
    )
    assert answer.citations[0].quote == dateline


@pytest.mark.parametrize(
    ("header", "outlet", "cited"),
    [
        (
            "Ferry fares rise for the third year\nHarbour News via Yahoo\n",
            "Harbour News",
            "Harbour News via Yahoo",
        ),
        (
            "Ferry fares rise for the third year | Harbour Herald\n",
            "Harbour Herald",
            "Ferry fares rise for the third year | Harbour Herald",
        ),
    ],
)
def test_the_publisher_a_header_line_names_is_the_outlet_and_that_line_is_cited(
    tmp_path: Path, header: str, outlet: str, cited: str
) -> None:
    raw, article = ingested_story(
        tmp_path,
        f"{header}\nFares on the island ferries will rise by six percent in April, the "
        "operator said on Friday. It blamed the price of fuel, which has doubled.\n",
    )
    answer = answer_about_article("Which outlet published it?", article, raw)
    assert answer is not None
    assert answer.text == (f"“Ferry fares rise for the third year” was published by {outlet}. [1]")
    assert answer.citations[0].quote == cited
