"""Which sentences may answer, and which the choice prefers: headings, captions, bylines and
datelines never answer; a sentence about another country or year than the question's
loses to one about the question's."""

from __future__ import annotations

import numpy as np
import pytest

from qa.records import Article, Span
from qa.search.answer_types import (
    COUNT,
    DURATION,
    NUMBER,
    PERSON,
    REASON,
    SCORE,
    anchors,
    contradicts,
    gives_age_of,
    things,
)
from qa.search.assistant import Assistant
from qa.search.sentence_choice import (
    FEATURES,
    Candidate,
    SentenceWeights,
    is_statement,
    matched_kind,
    question_parts,
    select,
    without_dateline,
    without_footnotes,
)


@pytest.mark.parametrize(
    "line",
    [
        "MINISTER RESIGNS OVER CANAL DELAYS.",
        "Photo: Police guard the ministry building in Almaty on Monday.",
        "Picture by Jane Doe for the agency.",
        "By Jane Doe and John Roe, Associated Press.",
        "By Jane Doe, Reuters staff writer.",
        "(Reporting by Jane Doe; Editing by John Roe.)",
        "Updated 10:32 a.m. ET, Mon March 5, 2018.",
        "Read more: Why the canal in the valley is three years late.",
    ],
)
def test_capitals_captions_and_bylines_are_no_statements(line: str) -> None:
    assert not is_statement(line)


@pytest.mark.parametrize(
    "line",
    [
        "By 2020, the canal had been built by the state.",
        "By March the canal had been built by the state.",
        "The IOM says that it assisted 858 victims of trafficking.",
        "Updated rules will be published in May by the ministry.",
        "Related programmes were posted on the ministry's website.",
    ],
)
def test_sentences_starting_like_a_byline_are_still_statements(line: str) -> None:
    assert is_statement(line)


@pytest.mark.parametrize(
    "line",
    [
        "Ferry company admits changing the timetable of its island route",
        "Ports: Fares, of course, and the timetables of the island ferries",
        "Harbour master's warning prompts an angry response from the council",
    ],
)
def test_a_section_heading_without_a_full_stop_is_no_statement(line: str) -> None:
    assert not is_statement(line)


@pytest.mark.parametrize(
    "line",
    [
        "- The island ferry was used more than the harbour bus this year",
        "2) Fares on the island route rose by a third over the winter",
        "The council said the ferry would run twice a day from the start of May",
    ],
)
def test_a_list_item_or_a_long_line_without_a_full_stop_is_a_statement(line: str) -> None:
    assert is_statement(line)


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        (
            "ALMATY, Kazakhstan (AP) — The new canal opened on Monday.",
            "The new canal opened on Monday.",
        ),
        ("BISHKEK (Reuters) - Police detained five people.", "Police detained five people."),
        ("WASHINGTON -- The bill passed the Senate.", "The bill passed the Senate."),
        ("(CNN) -- The storm moved east overnight.", "The storm moved east overnight."),
        ("(AP) — Ferry fares rose by a fifth.", "Ferry fares rose by a fifth."),
        (
            "(See the map below) — Three roads were closed.",
            "(See the map below) — Three roads were closed.",
        ),
        (
            "US officials — who declined to be named — said so.",
            "US officials — who declined to be named — said so.",
        ),
    ],
)
def test_a_dateline_run_into_a_sentence_is_left_out_of_its_span(sentence: str, kept: str) -> None:
    span = without_dateline(sentence, Span(0, len(sentence)))
    assert sentence[span.start : span.end] == kept


def test_a_run_in_dateline_is_left_out_of_the_answer(assistant: Assistant) -> None:
    answer = assistant.ask("How many Kyrgyz citizens joined ISIS?")
    assert "Staunton, November 3" not in answer.text


def test_a_dateline_the_question_asks_about_stays_in_the_answer(assistant: Assistant) -> None:
    answer = assistant.ask("In which town was the November 3 report on gastarbeiters datelined?")
    assert "Staunton, November 3 – Now that ISIS" in answer.text


def test_a_sentence_naming_another_country_contradicts_the_question() -> None:
    asked = anchors("How many cases had Uzbekistan as a source country?")
    assert contradicts(asked, anchors("Internal trafficking within Kazakhstan is another problem."))
    assert not contradicts(
        asked, anchors("Kazakhstan was the source country in 410 cases, Uzbekistan in 362 cases.")
    )
    assert not contradicts(asked, anchors("The IOM registered most cases in the south."))


def test_a_year_other_than_the_asked_one_contradicts_it() -> None:
    asked = anchors("How many people were convicted in 2017?")
    assert contradicts(asked, anchors("In 2010, 79 people were convicted."))
    assert not contradicts(asked, anchors("The number rose from 79 in 2010 to 422 in 2017."))
    assert not contradicts(asked, anchors("In 2010, 79 people were convicted."), "date")


def test_a_country_named_by_its_adjective_pins_nothing_but_matches() -> None:
    activists = anchors("How many people did Russian activists release in Moscow?")
    assert not contradicts(activists, anchors("They freed 12 workers from Uzbekistan."))
    frontier = anchors("How much of the Afghan frontier near Tajikistan is fought over?")
    assert not contradicts(frontier, anchors("Fighting engulfs half of Afghanistan's north."))


def test_a_second_part_opening_with_a_preposition_is_its_own_question() -> None:
    assert question_parts("Who founded the agency and in which year?") == [
        "Who founded the agency?",
        "in which year founded the agency?",
    ]


def test_two_joined_question_words_make_two_questions() -> None:
    assert question_parts("When and where was the Agency for Religious Affairs established?") == [
        "When was the Agency for Religious Affairs established?",
        "where was the Agency for Religious Affairs established?",
    ]
    assert question_parts("How many and which countries signed the accord?") == [
        "How many countries signed the accord?",
        "which countries signed the accord?",
    ]


def test_sentences_about_another_country_do_not_join_the_answer(assistant: Assistant) -> None:
    answer = assistant.ask("How many cases had Uzbekistan as a source country?")
    assert answer.text == (
        "Kazakhstan was the source country in 410 cases, Uzbekistan in 362 cases. [1]"
    )


def test_footnotes_and_editors_notes_are_dropped_but_bracketed_insertions_kept() -> None:
    assert without_footnotes(
        "Disney paid for The Jungle Book.[citation needed] The number [in Russia] fell[6]."
    ) == ("Disney paid for The Jungle Book. The number [in Russia] fell.")


def test_a_sentence_ending_in_an_editors_note_is_still_a_statement() -> None:
    assert is_statement(without_footnotes("Lionsgate paid for Gods of Egypt.[citation needed]"))


def _rated(text: str, probability: float, marker: int, holds_kind: bool) -> Candidate:
    signals = np.zeros(len(FEATURES))
    signals[FEATURES.index("kind_match")] = float(holds_kind)
    article = Article("a", "a.txt", "A", None, None, None, ())
    span = Span(marker * 100, marker * 100 + len(text))
    return Candidate(marker, article, span, text, signals, probability)


def test_a_how_many_question_is_answered_first_by_a_sentence_with_a_number() -> None:
    wordy = _rated("Trafficking is a growing problem in the region.", 0.9, 1, False)
    counted = _rated("The agency assisted 858 victims.", 0.5, 2, True)
    chosen = select([wordy, counted], SentenceWeights(), NUMBER)
    assert [c.text for c in chosen] == [counted.text, wordy.text]
    chosen = select([wordy, counted], SentenceWeights(), COUNT)
    assert [c.text for c in chosen] == [counted.text, wordy.text]
    assert [c.text for c in select([wordy, counted], SentenceWeights(), None)] == [
        wordy.text,
        counted.text,
    ]


def test_money_and_percentages_are_numbers_but_not_counts() -> None:
    found = things("Gangs earn $80 billion and 3 million tenge; 7000 women, 40 percent minors.")
    assert found.by_kind[COUNT] == {"7000"}
    assert {"80", "billion", "3", "million", "7000", "40", "percent"} <= found.by_kind[NUMBER]


def test_a_how_many_question_is_answered_by_a_count_not_by_a_sum_of_money(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("How many women are trafficked out of Kazakhstan every year?")
    assert answer.text.startswith(
        "Some reports indicate that up to 7000 women are annually smuggled out of Kazakhstan "
        "by criminal groups. [1]"
    )
    assert "$80 billion" not in answer.text


def test_a_score_question_asks_for_a_score_and_a_sentence_holding_one_answers_first() -> None:
    assert matched_kind("What was the score when Moya beat Roddick?") == SCORE
    assert matched_kind("By what score did the hosts lose?") == SCORE
    assert things("Moya won 6-2 7-6 (7-1) for a 3-1 lead in 2004-2005.").by_kind[SCORE] == {
        "6-2",
        "7-6",
        "7-1",
        "3-1",
    }
    echo = _rated("Moya beat Roddick in the fourth rubber in Seville.", 0.9, 1, False)
    scored = _rated("Moya won 6-2 7-6 (7-1) to give the hosts a 3-1 lead.", 0.4, 2, True)
    chosen = select([echo, scored], SentenceWeights(), SCORE)
    assert [c.text for c in chosen] == [scored.text, echo.text]


def test_a_time_of_day_is_no_count() -> None:
    found = things("At about 4:00pm, or 16.30 pm, 500 residents left; at 11:00 the roads shut.")
    assert found.by_kind[COUNT] == {"500"}


@pytest.mark.parametrize(
    ("sentence", "lengths"),
    [
        ("He was given a one-year jail sentence.", {"one-year"}),
        (
            "The force will stay for six months, then two and a half years.",
            {"six months", "two and a half years"},
        ),
        ("United are offering one extra year.", {"one extra year"}),
        ("The river runs 1,230 km to the sea.", {"1,230 km"}),
        ("The 17-year-old died two years ago.", set()),
        ("The next few hours are crucial; a day later it rained.", set()),
    ],
)
def test_a_length_of_time_or_distance_is_a_duration(sentence: str, lengths: set[str]) -> None:
    assert things(sentence).by_kind[DURATION] == lengths


def test_how_long_asks_for_a_duration_and_what_pay_rise_for_a_number() -> None:
    assert matched_kind("How long was the man jailed for?") == DURATION
    assert matched_kind("What pay increase is the bank offering?") == NUMBER
    assert matched_kind("What fine did the club get?") == NUMBER
    assert matched_kind("What bill is the parliament debating?") is None
    trees = _rated("The man, 31, of Lindvik cut down 23 trees.", 0.9, 1, False)
    jailed = _rated("He was given a one-year jail sentence.", 0.3, 2, True)
    assert [c.text for c in select([trees, jailed], SentenceWeights(), DURATION)] == [
        jailed.text,
        trees.text,
    ]


def test_a_longer_form_of_a_name_the_question_gives_is_no_new_name() -> None:
    asked = things("Who opened the 2001 Lindvik Harbour Festival?")
    longer = things("The mayor opened the 2001 Lindvik Spring Harbour Festival on Friday.")
    named = things("The mayor Tom Price opened it on Friday.")
    assert not longer.new_to(asked, PERSON)
    assert named.new_to(asked, PERSON)
    # A first name in common is no same name.
    assert things("Anna Lund spoke first.").new_to(things("What did Anna Berg say?"), PERSON)


@pytest.mark.parametrize(
    "question",
    [
        "Why did the port postpone the order?",
        "And why was the match called off?",
        "For what reason was the road closed?",
        "What was the cause of the fire?",
    ],
)
def test_a_why_question_asks_for_a_reason(question: str) -> None:
    assert matched_kind(question) == REASON


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("The council blamed the hold-up on a strike at the yard.", "blamed the hold-up on"),
        ("The match was called off because of rain.", "because"),
        ("The road was closed due to flooding.", "due to"),
        ("The union said it did not want to delay the talks.", "did not want to"),
        ("The council met in a bid to end the strike.", "in a bid to"),
        ("The levy was raised to enable members to rebuild the pier.", "to enable"),
        ("The market moved so that traders can reach the quay.", "so that traders can"),
        ("The gate is designed to keep the tide out.", "designed to"),
        ("The rule was changed to allow night fishing.", "to allow"),
    ],
)
def test_a_sentence_giving_a_cause_or_purpose_holds_a_reason(sentence: str, cue: str) -> None:
    assert things(sentence).by_kind[REASON] == {cue}


@pytest.mark.parametrize(
    "sentence",
    [
        "The fund has raised $2 million so far and will open in May.",
        "The storm left so many people homeless that families could not find beds.",
        "The enabling legislation passed on Tuesday.",
    ],
)
def test_so_far_so_many_and_enabling_give_no_reason(sentence: str) -> None:
    assert not things(sentence).by_kind[REASON]


def test_a_why_question_is_answered_first_by_the_chosen_sentence_giving_a_reason() -> None:
    rarest = FEATURES.index("rarest_term")
    echo = _rated("The council postponed the order in January.", 0.9, 1, False)
    cause = _rated("The council blamed the hold-up on a strike at the yard.", 0.5, 2, True)
    loose = _rated("Drivers were asked to avoid the yard.", 0.5, 3, True)
    unlikely = _rated("The rain stopped because the wind turned.", 0.1, 4, True)
    for candidate in (cause, loose, unlikely):
        candidate.signals[rarest] = 1.0
    assert [c.text for c in select([echo, cause], SentenceWeights(), REASON)] == [
        cause.text,
        echo.text,
    ]
    purpose = _rated("The levy was raised to enable members to rebuild the pier.", 0.5, 2, True)
    purpose.signals[rarest] = 1.0
    assert select([echo, purpose], SentenceWeights(), REASON)[0].text == purpose.text
    # A purpose said in passing ("to avoid") does not lead, nor a sentence too unlikely to join.
    assert select([echo, loose], SentenceWeights(), REASON)[0].text == echo.text
    assert [c.text for c in select([echo, unlikely], SentenceWeights(), REASON)] == [echo.text]
    # Nor a cause away from what the question asks about (its rarest term).
    cause.signals[rarest] = 0.0
    assert select([echo, cause], SentenceWeights(), REASON)[0].text == echo.text


def test_a_reply_takes_up_to_four_sentences_at_least_0_3_as_likely_as_the_first() -> None:
    rated = [
        _rated(f"Sentence number {n} of the passage.", p, 1, False)
        for n, p in enumerate((0.9, 0.6, 0.5, 0.3, 0.26, 0.1), start=1)
    ]
    chosen = select(rated, SentenceWeights(), None)
    assert [c.text for c in chosen] == [
        "Sentence number 1 of the passage.",
        "Sentence number 2 of the passage.",
        "Sentence number 3 of the passage.",
        "Sentence number 4 of the passage.",
    ]
    assert [c.text for c in select(rated[:1] + rated[4:], SentenceWeights(), None)] == [
        "Sentence number 1 of the passage."
    ]


@pytest.mark.parametrize(
    ("sentence", "person"),
    [
        ("A pair of carries by C. J. Anderson moved the ball 20 yards.", "c. j. anderson"),
        ("The visit of George W. Bush was cut short.", "george w. bush"),
    ],
)
def test_a_name_with_initials_is_one_person(sentence: str, person: str) -> None:
    assert things(sentence).by_kind[PERSON] == {person}


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        (
            "Who founded the agency, when was it founded, and where is it based?",
            ["Who founded the agency?", "when was it founded?", "where is it based?"],
        ),
        (
            "When, where and by whom was the agency founded?",
            [
                "When was the agency founded?",
                "where was the agency founded?",
                "by whom was the agency founded?",
            ],
        ),
        (
            "What did the man, who was arrested in May, say and when?",
            [
                "What did the man, who was arrested in May, say?",
                "when did the man, who was arrested in May, say?",
            ],
        ),
    ],
)
def test_a_question_in_three_parts_asks_three_questions(question: str, parts: list[str]) -> None:
    assert question_parts(question) == parts


def test_the_likeliest_sentence_leads_then_its_passage_after_it_before_it_and_other_passages() -> (
    None
):
    def at(text: str, probability: float, marker: int, start: int) -> Candidate:
        article = Article("a", "a.txt", "A", None, None, None, ())
        signals = np.zeros(len(FEATURES))
        return Candidate(marker, article, Span(start, start + 10), text, signals, probability)

    rated = [
        at("The third sentence holds the answer.", 0.9, 1, 300),
        at("A sentence of another passage.", 0.8, 2, 50),
        at("The first sentence of the passage.", 0.7, 1, 100),
        at("The fourth sentence follows the answer.", 0.6, 1, 400),
    ]
    assert [c.text for c in select(rated, SentenceWeights(), None)] == [
        "The third sentence holds the answer.",
        "The fourth sentence follows the answer.",
        "The first sentence of the passage.",
        "A sentence of another passage.",
    ]


def test_how_old_is_answered_first_by_the_age_on_the_asked_persons_name() -> None:
    son = _rated("Her 29-year-old son, Tom, joined the harbour office last spring.", 0.9, 1, False)
    lee = _rated("Ann Lee, who is about 70, has run the port for three decades.", 0.5, 2, False)
    chosen = select([son, lee], SentenceWeights(), None, age=True, whose="Lee")
    assert [c.text for c in chosen] == [lee.text, son.text]
    # No name asked: the likeliest sentence giving any age leads.
    chosen = select([son, lee], SentenceWeights(), None, age=True)
    assert [c.text for c in chosen] == [son.text, lee.text]


@pytest.mark.parametrize(
    ("text", "gives"),
    [
        ("Ann Lee, who is about 70, has run the port since 1990.", True),
        ("lee, 70, has run the port since 1990.", True),
        ("The 70-year-old Ann Lee runs the port.", True),
        ("Lee was 70 when she retired.", True),
        ("Lee's 29-year-old son runs the port.", False),
        ("Lee, 1,000 miles from home, runs the port.", False),
    ],
)
def test_an_age_is_the_persons_only_when_it_stands_on_their_name(text: str, gives: bool) -> None:
    assert gives_age_of(text, "Lee") is gives
