"""The chat end to end (``Conversation.ask``), on articles written for these tests: how a
follow-up is answered, and how many searches its retries cost (a question that names
nothing asked again as typed of the cited article, a question that finds nothing alone
asked again after the last one, a question about the last answer asked of its article)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from written_articles import assistant_over

from qa.evaluation.run import CorpusText, citation_problem
from qa.records import Answer, Constraint
from qa.search.assistant import Assistant

ARTICLES = {
    "ferry.txt": (
        "Ferry Tern strikes pier at Stenby\n\n"
        "The Harbour Line ferry Tern struck a pier at Stenby on Monday evening. "
        "Eleven passengers were hurt, two of them seriously. "
        "Captain Ola Brenn was fined 4,000 kroner by the maritime court on Friday. "
        "The court found he had ignored two warnings about the ferry's steering because he "
        "wanted to keep to the timetable. "
        "Harbour master Ida Moss says the pier will reopen in May. "
        '"We have divers checking every pile," she said.\n'
    ),
    "budget.txt": (
        "Kelso council passes its budget\n\n"
        "Kelso's council passed a budget of 84 million kroner on Tuesday. "
        "Kelso's mayor Tom Ray said the budget would pay for two new schools. "
        "Kelso's treasurer Ann Lee said rates would rise by three per cent. "
        "The opposition leader Peter Dahl said the schools could wait.\n"
    ),
    "mill.txt": (
        "Mill to close in Portvale\n\n"
        "The Portvale paper mill will close in March, its owner Vantor said on Wednesday. "
        "About 300 workers will lose their jobs. "
        "Vantor said demand for newsprint had fallen by half in five years. "
        "The union's secretary Lena Marsh said workers would fight the closure.\n"
    ),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return assistant_over(tmp_path_factory.mktemp("retries"), ARTICLES)


@pytest.fixture
def searches(assistant: Assistant, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The questions the assistant is asked, in order, as the chat asks them."""
    asked: list[str] = []
    ask: Callable[..., Answer] = assistant.ask

    def counted(question: str, **options: Any) -> Answer:
        asked.append(question)
        return ask(question, **options)

    monkeypatch.setattr(assistant, "ask", counted)
    return asked


def _chat(assistant: Assistant, searches: list[str], *questions: str) -> Answer:
    """The answer to the last of ``questions`` asked one after another; ``searches`` then
    holds only the searches of that last turn. Every citation must resolve to its span."""
    conversation = assistant.conversation()
    answer = None
    for question in questions:
        searches.clear()
        answer = conversation.ask(question)
        assert citation_problem(answer, CorpusText(Path(assistant.settings.corpus_dir))) is None
    assert answer is not None
    return answer


def test_why_after_who_was_fined_leads_with_the_sentence_that_gives_the_reason(
    assistant: Assistant, searches: list[str]
) -> None:
    answer = _chat(
        assistant,
        searches,
        "How many passengers were hurt when the ferry struck the pier at Stenby?",
        "who was fined?",
        "why?",
    )
    assert answer.text.startswith(
        "The court found he had ignored two warnings about the ferry's steering because he "
        "wanted to keep to the timetable. [1]"
    )
    assert len(searches) == 1


def test_a_follow_up_about_another_person_leads_with_what_the_last_answer_did_not_show(
    assistant: Assistant, searches: list[str]
) -> None:
    answer = _chat(
        assistant, searches, "What did Tom Ray say about the budget?", "what did the treasurer say?"
    )
    assert answer.text == (
        "Kelso's treasurer Ann Lee said rates would rise by three per cent. [1] "
        "Kelso's mayor Tom Ray said the budget would pay for two new schools. [1] "
        "Kelso's council passed a budget of 84 million kroner on Tuesday. [1]"
    )
    assert len(searches) == 1


def test_a_new_role_of_the_same_body_is_asked_as_that_bodys(
    assistant: Assistant, searches: list[str]
) -> None:
    answer = _chat(
        assistant, searches, "What did Kelso's mayor say about the budget?", "and the treasurer?"
    )
    assert answer.resolved_question == "What did Kelso's treasurer say about the budget?"
    assert answer.text.startswith(
        "Kelso's treasurer Ann Lee said rates would rise by three per cent. [1]"
    )


def test_a_question_naming_nothing_is_asked_again_as_typed_when_its_answer_in_context_misses_it(
    assistant: Assistant, searches: list[str]
) -> None:
    answer = _chat(
        assistant,
        searches,
        "How many passengers were hurt when the ferry struck the pier at Stenby?",
        "who was fined?",
    )
    assert answer.text == (
        "Captain Ola Brenn was fined 4,000 kroner by the maritime court on Friday. [1]"
    )
    # One search with the earlier question, one more as typed, of the article cited last.
    assert searches == [
        "Who was fined (passengers were hurt when the ferry struck the pier at stenby)?",
        "who was fined?",
    ]


def test_a_question_that_finds_nothing_alone_is_asked_once_more_after_the_last_one(
    assistant: Assistant, searches: list[str]
) -> None:
    answer = _chat(
        assistant, searches, "Why was Captain Ola Brenn fined?", "what was the first warning about?"
    )
    assert answer.resolved_question == (
        "What was the first warning about? (following: Why was Captain Ola Brenn fined?)"
    )
    # The sentence not read answers it, but its "he" is the captain the read one names.
    assert answer.text == (
        "Captain Ola Brenn was fined 4,000 kroner by the maritime court on Friday. [1] "
        "The court found he had ignored two warnings about the ferry's steering because he "
        "wanted to keep to the timetable. [1]"
    )
    assert searches == [
        "what was the first warning about?",
        "What was the first warning about (captain ola brenn fined)?",
    ]


def test_who_said_that_is_asked_once_of_the_article_the_last_answer_cited(
    assistant: Assistant, searches: list[str]
) -> None:
    answer = _chat(
        assistant, searches, "What will happen to the Portvale paper mill?", "who said that?"
    )
    assert answer.text.startswith(
        "The Portvale paper mill will close in March, its owner Vantor said on Wednesday. [1]"
    )
    assert {Path(c.path).name for c in answer.citations} == {"mill.txt"}
    assert len(searches) == 1


def test_who_said_that_names_the_speaker_the_articles_sentences_give(
    assistant: Assistant, searches: list[str]
) -> None:
    answer = _chat(
        assistant,
        searches,
        "How many workers will lose their jobs at the Portvale mill?",
        "who said that?",
    )
    assert "its owner Vantor said on Wednesday. [1]" in answer.text
    assert {Path(c.path).name for c in answer.citations} == {"mill.txt"}
    assert len(searches) == 1


def test_who_said_that_after_a_sentence_naming_its_speaker_is_that_sentence(
    assistant: Assistant, searches: list[str]
) -> None:
    answer = _chat(
        assistant, searches, "Do the workers plan to fight the mill's closure?", "who said that?"
    )
    assert answer.text == (
        "The union's secretary Lena Marsh said workers would fight the closure. [1]"
    )


def test_a_question_that_stands_alone_still_favours_the_articles_on_screen(
    assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    favoured: list[frozenset[str]] = []
    ask: Callable[..., Answer] = assistant.ask

    def noted(question: str, **options: Any) -> Answer:
        favoured.append(frozenset(options.get("followed") or ()))
        return ask(question, **options)

    monkeypatch.setattr(assistant, "ask", noted)
    conversation = assistant.conversation()
    first = conversation.ask("How many workers will lose their jobs at the Portvale mill?")
    answer = conversation.ask("What did Lena Marsh say?")
    assert conversation.turns[-1].resolution.resolved == "What did Lena Marsh say?"
    assert favoured[-1] == {c.article_id for c in first.citations}
    assert answer.text.startswith(
        "The union's secretary Lena Marsh said workers would fight the closure. [1]"
    )


def test_a_follow_up_missing_only_the_name_its_rewrite_put_in_is_asked_of_the_article_shown(
    assistant: Assistant, searches: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The written-out question abstains for want of the name "it" was read as, as when the
    # article says "it" where the rewrite says the name.
    rewritten = "How many jobs will the Portvale paper cut?"
    ask: Callable[..., Answer] = assistant.ask

    def abstaining(question: str, **options: Any) -> Answer:
        if question != rewritten:
            return ask(question, **options)
        missing = (Constraint("name", "Portvale paper"),)
        text = "The indexed articles give no figure for Portvale paper."
        return Answer(question, text, True, (), (), {}, missing=missing)

    monkeypatch.setattr(assistant, "ask", abstaining)
    answer = _chat(
        assistant,
        searches,
        "Which company owns the Portvale paper mill?",
        "how many jobs will it cut?",
    )
    assert answer.resolved_question == rewritten
    assert answer.text == (
        "About 300 workers will lose their jobs. [1] The Portvale paper mill will close in "
        "March, its owner Vantor said on Wednesday. [1]"
    )
    assert {Path(c.path).name for c in answer.citations} == {"mill.txt"}
    # Asked as typed after the last question, of the article that question's answer cited.
    assert searches[-1] == "How many jobs will it cut (company owns the portvale paper mill)?"
