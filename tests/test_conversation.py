"""Conversations: follow-ups written out in full before searching; standalone ones left alone."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from fake_embedder import FakeEmbedder
from rich.console import Console

from qa.config import Settings
from qa.evaluation.sets import load_set
from qa.records import Answer, Constraint
from qa.search.assistant import Assistant
from qa.search.conversation import Turn, _names_a_speaker, no_reason_beyond
from qa.search.followup import (
    PRONOUN,
    STANDALONE,
    PreviousTurn,
    Resolution,
    asks_about_the_answer,
    asks_who_said_it,
    resolve,
)
from qa.search.retrieve import FusionWeights, Retriever
from qa.ui.cli import main
from qa.ui.repl import Repl

KYRGYZSTAN = "How many people were convicted of terrorism in Kyrgyzstan in 2017?"


def test_an_elliptical_follow_up_replaces_the_place_of_the_previous_question(
    assistant: Assistant,
) -> None:
    conversation = assistant.conversation()
    first = conversation.ask(KYRGYZSTAN)
    assert first.resolved_question == KYRGYZSTAN
    second = conversation.ask("and in Tajikistan?")
    assert second.question == "and in Tajikistan?"
    assert second.resolved_question == (
        "How many people were convicted of terrorism in Tajikistan in 2017?"
    )
    assert second.to_json()["resolved_question"] == second.resolved_question


def test_ellipsis_replaces_a_year_the_asked_thing_or_asks_why() -> None:
    previous = PreviousTurn(KYRGYZSTAN)
    assert resolve("what about 2010?", previous).resolved == (
        "How many people were convicted of terrorism in Kyrgyzstan in 2010?"
    )
    assert resolve("how many women?", previous).resolved == (
        "How many women were convicted of terrorism in Kyrgyzstan in 2017?"
    )
    assert resolve("why?", previous).resolved == (
        "Why were people convicted of terrorism in Kyrgyzstan in 2017?"
    )


def test_a_pronoun_follow_up_names_the_person_of_the_previous_question(
    assistant: Assistant,
) -> None:
    conversation = assistant.conversation()
    conversation.ask("What did Justice Minister Zhakyn Asanov admit about human trafficking?")
    answer = conversation.ask("when did he say it?")
    # "it" is still what the last question asked about: the question is asked after it.
    assert answer.resolved_question == (
        "When did Justice Minister Zhakyn Asanov say it? (following: What did Justice Minister "
        "Zhakyn Asanov admit about human trafficking?)"
    )
    assert any(c.path == "001_4f9f93c25c76962a.txt" for c in answer.citations)


def test_a_pronoun_after_a_who_question_names_the_person_in_the_answer() -> None:
    previous = PreviousTurn(
        "Who is the president of Sana Sezim?",
        ("“This is organized crime,” commented Khadicha Abysheva, Sana Sezim’s president.",),
    )
    assert resolve("what did she say?", previous).resolved == "What did Khadicha Abysheva say?"


def test_it_names_the_organisation_a_name_is_introduced_as() -> None:
    assert resolve(
        "who founded it?", PreviousTurn("What is the Sana Sezim NGO doing?")
    ).resolved == ("Who founded the Sana Sezim NGO?")
    assert resolve(
        "where is it based?", PreviousTurn("What does the charity Red Crescent do?")
    ).resolved == ("Where is Red Crescent based?")


def test_a_pronoun_with_no_referent_is_asked_after_the_previous_question() -> None:
    resolution = resolve("who said that?", PreviousTurn(KYRGYZSTAN))
    assert resolution.resolved == (
        "Who said that? (following: How many people were convicted of terrorism in Kyrgyzstan "
        "in 2017?)"
    )


def test_there_so_and_a_short_question_about_the_something_lean_on_the_last_turn() -> None:
    previous = PreviousTurn("How many Internet users are there in Tajikistan?")
    assert resolve("what recruits ISIS there?", previous).resolved == (
        "What recruits ISIS in Tajikistan?"
    )
    assert resolve("who says so?", previous).resolved == (
        "Who says so? (following: How many Internet users are there in Tajikistan?)"
    )
    assert resolve("what was the platform called?", previous).resolved == (
        "What was the platform called? (following: How many Internet users are there in "
        "Tajikistan?)"
    )


def test_who_wrote_that_is_answered_from_the_cited_articles_byline(
    assistant: Assistant,
) -> None:
    conversation = assistant.conversation()
    first = conversation.ask("How many women are smuggled out of Kazakhstan every year?")
    assert first.citations[0].path == "001_4f9f93c25c76962a.txt"
    answer = conversation.ask("who wrote that?")
    assert answer.text == (
        "“KAZAKHSTAN UNDER PRESSURE FOR HUMAN TRAFFICKING” was written by Marat Yermukanov. [1]"
    )
    assert [c.quote for c in answer.citations] == [
        "By Marat Yermukanov (10/8/2003 issue of the CACI Analyst)"
    ]
    assert not answer.abstained


def test_she_after_who_wrote_that_is_the_author_until_the_next_search(
    assistant: Assistant,
) -> None:
    conversation = assistant.conversation()
    conversation.ask("How many victims of trafficking did the IOM assist in Kazakhstan?")
    assert conversation.ask("Who wrote that?").text == (
        "“Kazakhstan: Grappling with Human Trafficking” was written by Joanna Lillis. [1]"
    )
    assert conversation.resolve("What did she say about Sana Sezim?").resolved == (
        "What did Joanna Lillis say about Sana Sezim?"
    )
    conversation.ask("How many of them were women?")
    assert conversation.resolve("What did she say about Sana Sezim?").resolved == (
        "What did she say about Sana Sezim? (following: How many of the victims of trafficking "
        "the IOM assist in Kazakhstan were women?)"
    )


def test_a_source_question_about_an_unsigned_article_says_it_names_no_author(
    assistant: Assistant,
) -> None:
    conversation = assistant.conversation()
    conversation.ask(KYRGYZSTAN)
    answer = conversation.ask("who wrote that?")
    assert answer.abstained
    assert answer.text == (
        "“Prospects for the Fight against Extremism and "
        "Terrorism in the Central Asian Region” doesn't state its author. [1]"
    )
    assert answer.citations[0].quote == (
        "Prospects for the Fight against Extremism and Terrorism in the Central Asian Region"
    )


@pytest.mark.parametrize(
    "question",
    [
        "How many victims did the IOM assist in Kazakhstan?",
        "Who said that Kazakhstan is a transit country for trafficking?",
        "What did the sisters do after they escaped?",
        "When did Fatima say she left for Moscow?",
        "Why did Akayev resign?",
        "Is it true that Kazakhstan is a transit country?",
        "How long did it take Fatima to escape?",
        "Are there NGOs in Shymkent?",
    ],
)
def test_a_standalone_question_is_never_rewritten(question: str) -> None:
    resolution = resolve(question, PreviousTurn(KYRGYZSTAN, ("Some answer about Tajikistan.",)))
    assert resolution.resolved == question
    assert resolution.kind == "standalone"


def test_the_chat_shows_the_resolved_question_dimmed_and_new_forgets_the_past(
    assistant: Assistant,
) -> None:
    out = io.StringIO()
    repl = Repl(assistant, Console(file=out, width=200, highlight=False), k=3)
    repl.handle(KYRGYZSTAN)
    assert "→" not in out.getvalue()
    repl.handle("and in Tajikistan?")
    lines = out.getvalue().splitlines()
    assert "→ How many people were convicted of terrorism in Tajikistan in 2017?" in lines
    out.truncate(0)
    out.seek(0)
    repl.handle(":new")
    assert out.getvalue() == "New conversation: the next question stands on its own.\n"
    repl.handle("and in Tajikistan?")
    assert repl.last is not None
    assert repl.last.resolved_question == "and in Tajikistan?"
    assert "→" not in out.getvalue()


def test_help_lists_new(assistant: Assistant) -> None:
    out = io.StringIO()
    Repl(assistant, Console(file=out, width=120, highlight=False)).handle(":help")
    assert (
        "  :new             start a new conversation (follow-ups stop leaning on earlier "
        "questions)" in out.getvalue()
    )


def test_chat_json_prints_one_json_line_per_question_and_nothing_else(
    corpus_settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    script = f"{KYRGYZSTAN}\n:k 2\nand in Tajikistan?\n:new\n:nonsense\nwho wrote that?\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(script))
    where = ["--corpus", str(corpus_settings.corpus_dir), "--index", str(corpus_settings.index_dir)]
    assert main(["chat", "--json", *where]) == 0
    captured = capsys.readouterr()
    replies = [json.loads(line) for line in captured.out.splitlines()]
    assert [r["question"] for r in replies] == [KYRGYZSTAN, "and in Tajikistan?", "who wrote that?"]
    assert [r["resolved_question"] for r in replies] == [
        KYRGYZSTAN,
        "How many people were convicted of terrorism in Tajikistan in 2017?",
        "who wrote that?",
    ]
    assert len(replies[1]["passages"]) == 2
    assert replies[2]["answer"] == "The last answer cites no article."
    assert captured.err == (
        "Retrieving 2 passages per question.\n"
        "New conversation: the next question stands on its own.\n"
        "Unknown command :nonsense; type :help\n"
    )


DIALOGUE = {
    "id": "d-1",
    "tags": ["test"],
    "turns": [
        {
            "question": KYRGYZSTAN,
            "answers": ["422"],
            "sources": ["003_53b0f7cea0590188.txt"],
        },
        {
            "question": "and in 2010?",
            "answers": ["79"],
            "sources": ["003_53b0f7cea0590188.txt"],
            "depends": True,
            "full_question": "How many people were convicted of terrorism in Kyrgyzstan in 2010?",
        },
        {"question": "who wrote that?", "answers": [], "unanswerable": True, "depends": True},
    ],
}


def test_a_dialogue_set_is_answered_turn_by_turn_and_split_by_dependence(
    corpus_settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    other = {**DIALOGUE, "id": "d-2", "tags": ["tune"]}
    path = tmp_path / "dialogues.jsonl"
    path.write_text(json.dumps(DIALOGUE) + "\n" + json.dumps(other) + "\n", encoding="utf-8")
    where = ["--corpus", str(corpus_settings.corpus_dir), "--index", str(corpus_settings.index_dir)]
    assert main(["eval", str(path), "--tag", "test", "--json", "--show-failures", *where]) == 0
    report = json.loads(capsys.readouterr().out)
    conversation, alone = report["sets"]
    assert conversation["name"].endswith("dialogues.jsonl")
    assert alone["name"].endswith("dialogues.jsonl (asked alone)")
    assert conversation["cases"] == 3
    assert conversation["by_tag"]["dependent"]["cases"] == 2
    assert conversation["by_tag"]["standalone"]["cases"] == 1
    # Both answerable turns find their answer through the conversation; the third abstains.
    assert conversation["metrics"]["hit@3"] == {"value": 1.0, "count": 2, "n": 2}
    assert conversation["metrics"]["abstention_recall"] == {"value": 1.0, "count": 1, "n": 1}
    # Asked alone: the opening question and the written-out follow-up (the metadata turn has
    # no full question).
    assert alone["cases"] == 2
    assert alone["by_tag"]["dependent"]["cases"] == 1


def test_dialogue_lines_are_checked_turn_by_turn(tmp_path: Path) -> None:
    bad = {"id": "d-9", "turns": [{"question": "Why?", "answers": [], "sources": []}]}
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps(DIALOGUE) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    loaded = load_set(path)
    assert [c.case_id for c in loaded.cases] == ["d-1#1", "d-1#2", "d-1#3"]
    assert loaded.cases[1].full_question == (
        "How many people were convicted of terrorism in Kyrgyzstan in 2010?"
    )
    assert loaded.problems == (
        f"{path}:2: turn 1: 'answers' is empty but the question is not marked unanswerable",
    )


def test_a_follow_up_favours_the_articles_the_last_answer_cited(
    fake_corpus_settings: Settings,
) -> None:
    asked: list[frozenset[str]] = []

    class Recording(Assistant):
        def ask(self, question: str, **options: Any) -> Answer:
            asked.append(frozenset(options.get("followed", ())))
            return super().ask(question, **options)

    recording = Recording.open(fake_corpus_settings, embedder=FakeEmbedder())
    conversation = recording.conversation()
    first = conversation.ask(KYRGYZSTAN)
    why = conversation.ask("why?")
    conversation.ask("Who is the president of Sana Sezim?")
    recording.close()

    assert first.citations
    # A question that stands alone favours them too: it is likely about the story on screen.
    assert asked == [
        frozenset(),
        frozenset(c.article_id for c in first.citations),
        frozenset(c.article_id for c in why.citations),
    ]


def test_a_favoured_article_adds_its_weight_to_its_passages_and_nothing_else(
    fake_assistant: Assistant,
) -> None:
    snapshot = fake_assistant.snapshot
    vector = FakeEmbedder().encode([KYRGYZSTAN])[0]
    retriever = Retriever(snapshot)
    plain = {h.chunk_id: h for h in retriever.search(vector, KYRGYZSTAN, 5).sentences}
    favoured = next(iter(plain.values())).article.article_id
    followed = retriever.search(vector, KYRGYZSTAN, 5, None, {favoured}).sentences

    weight = FusionWeights().followed_article
    shared = [hit for hit in followed if hit.chunk_id in plain]
    assert any(hit.article.article_id == favoured for hit in shared)
    assert any(hit.article.article_id != favoured for hit in shared)
    for hit in shared:
        bonus = weight if hit.article.article_id == favoured else 0.0
        assert hit.score == pytest.approx(plain[hit.chunk_id].score + bonus)


def test_the_chat_shows_a_follow_up_after_the_whole_previous_question(
    assistant: Assistant,
) -> None:
    out = io.StringIO()
    repl = Repl(assistant, Console(file=out, width=200, highlight=False), k=3)
    repl.handle("What role do travel agencies play in trafficking women from Kazakhstan?")
    repl.handle("Where are the women taken?")
    shown = (
        "Where are the women taken? (following: What role do travel agencies play in "
        "trafficking women from Kazakhstan?)"
    )
    assert f"→ {shown}" in out.getvalue().splitlines()
    assert repl.last is not None
    assert repl.last.to_json()["resolved_question"] == shown


def test_who_said_that_is_answered_from_the_article_the_last_answer_cited(
    assistant: Assistant,
) -> None:
    conversation = assistant.conversation()
    first = conversation.ask(KYRGYZSTAN)
    answer = conversation.ask("who said that?")
    assert not answer.abstained
    assert {c.article_id for c in answer.citations} == {first.citations[0].article_id}


@pytest.mark.parametrize(
    ("question", "about_the_answer"),
    [
        ("who said that?", True),
        ("Who says so?", True),
        ("when was that?", True),
        ("where did that happen?", True),
        ("where?", True),
        ("and why?", True),
        ("what did he say?", False),
        ("who is that man?", False),
        ("who said that would mean a hike?", False),
    ],
)
def test_a_question_about_what_the_last_answer_said_is_told_apart(
    question: str, about_the_answer: bool
) -> None:
    assert asks_about_the_answer(question) is about_the_answer


@pytest.mark.parametrize(
    ("question", "who_said"),
    [
        ("who said that?", True),
        ("Who says so?", True),
        ("according to whom?", True),
        ("and who told them that?", True),
        ("who did that?", False),
        ("who?", False),
        ("who paid for this?", False),
    ],
)
def test_only_a_question_about_saying_asks_who_said_the_last_answer(
    question: str, who_said: bool
) -> None:
    assert asks_who_said_it(question) is who_said


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("“The pier is the heart of the town,” Vrey told reporters.", True),
        ("According to the Harbour Board, 40 boats were lost.", True),
        ("The Interior Ministry said 40 people died.", True),
        ("He said the floods in Kelso were the worst in decades.", False),
        ("The plan was dropped on Monday, she told reporters.", False),
    ],
)
def test_who_said_that_takes_a_sentence_as_naming_its_speaker_only_when_it_does(
    sentence: str, names: bool
) -> None:
    assert _names_a_speaker(sentence) is names


def test_why_answered_only_by_a_sentence_already_shown_says_the_articles_give_no_reason(
    assistant: Assistant,
) -> None:
    conversation = assistant.conversation()
    first = conversation.ask("What punishment did the Tajik government introduce for beards?")
    shown = (
        "The Tajik government has gone absurd in this matter—they introduced tax for sporting "
        "beards and/or forcing the believers to completely shave their beards. [1]"
    )
    assert first.text == shown
    why = conversation.ask("Why do they do that?")
    assert why.abstained
    assert why.text == (
        f"The indexed articles give no reason for this beyond the last answer. Closest: {shown}"
    )
    assert [c.path for c in why.citations] == ["000_67d66000f4a56ec5.txt"]
    # The next follow-up leans on the question before the "why", which added nothing.
    assert conversation.resolve("and for hijabs?").resolved == (
        "What punishment did the Tajik government introduce for hijabs?"
    )


@pytest.mark.parametrize(
    "shown",
    [
        "“Happily,” Grishin continues, “as a result of the decline in the ruble, it fell.”",
        "On May 3 the inquiry was dropped, as Stenby prosecutors found no evidence of a crime.",
        "The ferry was delayed in a bid to let the storm pass.",
    ],
)
def test_why_keeps_a_sentence_already_shown_that_gives_a_reason(shown: str) -> None:
    answer = Answer("why?", f"{shown} [1]", False, (), (), {})
    assert no_reason_beyond("why?", answer, [shown]) is answer


def test_he_is_the_person_named_two_turns_back_when_the_last_turn_names_nobody(
    assistant: Assistant,
) -> None:
    conversation = assistant.conversation()
    conversation.ask("What did Justice Minister Zhakyn Asanov admit about human trafficking?")
    conversation.ask("how many victims of trafficking were assisted in 2017?")
    answer = conversation.ask("what did he propose?")
    assert answer.resolved_question == "What did Justice Minister Zhakyn Asanov propose?"


def _turn(typed: str, resolved: str, text: str, missing: str = "") -> Turn:
    constraints = (Constraint("name", missing),) if missing else ()
    kind = STANDALONE if typed == resolved else PRONOUN
    answer = Answer(typed, text, bool(missing), (), (), {}, missing=constraints)
    return Turn(Resolution(typed, resolved, kind), answer)


def test_a_turn_that_lacks_only_what_its_rewrite_put_in_is_not_gone_on_from(
    assistant: Assistant,
) -> None:
    conversation = assistant.conversation()
    conversation.turns += [
        _turn("Who leads the dock union?", "Who leads the dock union?", "Tom Ray leads it. [1]"),
        _turn(
            "which state is he from?",
            "Which state is Ann Lee from?",
            "The indexed articles don't say this for Ann Lee.",
            missing="Ann Lee",
        ),
    ]
    # Ann Lee came from a wrong reading, not from the user: "he" is still Tom Ray.
    assert conversation.resolve("how old is he?").resolved == "How old is Tom Ray?"


def test_a_turn_that_lacks_what_the_user_typed_is_gone_on_from(assistant: Assistant) -> None:
    conversation = assistant.conversation()
    conversation.turns += [
        _turn("Who leads the dock union?", "Who leads the dock union?", "Tom Ray leads it. [1]"),
        _turn(
            "Which state is Ann Lee from?",
            "Which state is Ann Lee from?",
            "The indexed articles don't say this for Ann Lee.",
            missing="Ann Lee",
        ),
    ]
    assert conversation.resolve("how old is she?").resolved == "How old is Ann Lee?"


def test_who_said_that_after_a_reply_quoting_no_one_says_whose_article_it_is(
    assistant: Assistant,
) -> None:
    conversation = assistant.conversation()
    conversation.ask("What does it say about Uzbek migrants?")
    conversation.ask("and Tajik ones?")
    answer = conversation.ask("who said that?")
    assert answer.text == (
        "“Human trafficking and IS followers in Central Asia” was written by Talgat "
        "Mamyrayymov. [1]"
    )


def test_a_short_question_for_another_field_stays_on_the_article_asked_about(
    assistant: Assistant,
) -> None:
    conversation = assistant.conversation()
    first = conversation.ask("Who wrote the article about Fatima Musabayeva?")
    assert first.text == (
        "“Kazakhstan: Grappling with Human Trafficking” was written by Joanna Lillis. [1]"
    )
    assert conversation.ask("and who published it?").text == (
        "“Kazakhstan: Grappling with Human Trafficking” was published by EurasiaNet "
        "(inferred, not stated). [1]"
    )
    when = conversation.ask("and when?")
    assert when.abstained
    assert when.text == (
        "“Kazakhstan: Grappling with Human Trafficking” doesn't state when it was published; "
        "2012 or later (the latest year the text mentions). [1]"
    )
