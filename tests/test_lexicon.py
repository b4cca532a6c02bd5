"""The words that stand for a country: its name, its demonyms, and their BM25 terms; common
and rare English words; misspellings of words and names."""

from __future__ import annotations

import pytest

from qa.records import Constraint
from qa.search.answer_types import PLACE, anchors
from qa.search.answerability import describe_missing
from qa.search.assistant import Assistant
from qa.search.lexicon import (
    COUNTRIES,
    Lexicon,
    common_word,
    countries_named,
    country_named,
    country_of,
    other_spellings,
)
from qa.search.term_matching import (
    held,
    initials_met,
    name_met_loosely,
    plain_words,
    short_form,
)
from qa.storage.lexical import analyse


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("Kazakhstan's", "kazakhstan"),
        ("Kazakh", "kazakhstan"),
        ("Kazakhs", "kazakhstan"),
        ("Kazakhstani", "kazakhstan"),
        ("Uzbek", "uzbekistan"),
        ("Afghan", "afghanistan"),
        ("Russian", "russia"),
        ("Russians", "russia"),
        ("Ukrainian", "ukraine"),
        ("Italian", "italy"),
        ("Iraqi", "iraq"),
        ("Chinese", "china"),
        ("Nigerian", "nigeria"),  # not Niger
        ("Dutch", "netherlands"),
        ("itali", "italy"),  # BM25 terms of "Italy", "Chinese" and "Philippines"
        ("chines", "china"),
        ("philippin", "philippines"),
    ],
)
def test_a_country_is_read_from_its_name_its_demonym_or_their_terms(
    word: str, country: str
) -> None:
    assert country_of(word) == country


@pytest.mark.parametrize("word", ["Roman", "Philip", "Indiana", "Chin", "Paki", "minister"])
def test_names_and_words_that_merely_begin_like_a_country_stand_for_none(word: str) -> None:
    assert country_of(word) is None


def test_a_demonym_stands_for_its_country_in_matching_sentence_choice_and_abstention_text() -> None:
    assert held("russian", {"russia", "figur"})
    assert held("uzbekistan", {"uzbek", "migrant"})
    assert held("afghan", {"afghanistan"})
    assert not held("russian", {"ukrain", "figur"})
    assert anchors("Russian activists freed them.").mentioned[PLACE] == {"russia"}
    assert anchors("Chinese workers came.").mentioned[PLACE] == {"china"}
    missing = [Constraint("name", "Russian"), Constraint("year", "2017")]
    assert describe_missing(missing) == "Russia in 2017"
    assert describe_missing([Constraint("name", "Kazakhs")]) == "Kazakhstan"
    assert describe_missing([Constraint("name", "Kazakhstan's")]) == "Kazakhstan"


def test_every_country_and_demonym_stands_for_its_country_as_the_index_analyses_it() -> None:
    demonyms = {
        "Chinese": "china", "Japanese": "japan", "Filipinos": "philippines",
        "Ukrainians": "ukraine", "Germans": "germany", "Italians": "italy",
        "Israelis": "israel", "Portuguese": "portugal", "Senegalese": "senegal",
        "Kazakhs": "kazakhstan", "Greeks": "greece", "French": "france",
    }  # fmt: skip
    words = {country.title(): country for country in COUNTRIES} | demonyms
    terms = analyse(list(words))
    assert {w: country_of(t[0]) for w, t in zip(words, terms, strict=True)} == words


@pytest.mark.parametrize("word", ["members", "prior", "footnotes", "probabilities", "Asian"])
def test_words_the_embedding_vocabulary_holds_whole_or_nearly_are_common(word: str) -> None:
    assert common_word(word)


@pytest.mark.parametrize("word", ["cider", "fealty", "colloquial", "janitors", "fuedel"])
def test_words_the_embedding_vocabulary_cuts_into_short_pieces_are_rare(word: str) -> None:
    assert not common_word(word)


def test_a_misspelt_word_is_corrected_to_the_term_of_a_word_the_index_holds(
    assistant: Assistant,
) -> None:
    lexicon = Lexicon.of(assistant.snapshot)
    assert lexicon.correction("trafficing") == analyse(["trafficking"])[0][0]
    assert lexicon.correction("Kazakhstn") == "kazakhstan"
    assert lexicon.correction("zorblaxian") is None
    assert lexicon.correction("tset") is None  # too short to tell a typo from a word


@pytest.mark.parametrize(
    ("name", "window"),
    [
        ("Primer League", "the rights for the Premier League"),
        ("Lev's Stadium", "the game was awarded to Levi's Stadium"),
        ("Sand Carlos Bay", "the port of San Carlos Bay"),
        ("Sky Drive", "the use of the term SkyDrive"),
        ("Superbowl", "the opening of Super Bowl 50"),
    ],
)
def test_a_misspelt_or_differently_joined_name_meets_the_window_that_writes_it_right(
    name: str, window: str
) -> None:
    terms = analyse([name])[0]
    known = set(analyse([window])[0])
    assert not all(held(t, known) for t in terms)
    assert name_met_loosely(name, terms, known, plain_words(window))


@pytest.mark.parametrize(
    ("name", "window"),
    [
        ("North Korea", "the border of South Korea"),
        ("Tony Blair", "the tory leader said Blair"),
        ("Primer", "the Premier League"),  # no word of the name met exactly
    ],
)
def test_another_name_is_not_taken_for_a_misspelling(name: str, window: str) -> None:
    terms = analyse([name])[0]
    known = set(analyse([window])[0])
    assert not name_met_loosely(name, terms, known, plain_words(window))


@pytest.mark.parametrize(
    ("name", "window"),
    [
        ("MVPs", "the 39 previous Super Bowl Most Valuable Players"),
        ("Super Bowl MVPs", "the 39 previous Super Bowl Most Valuable Players"),
        ("National Football League", "the NFL owners voted"),
    ],
)
def test_an_abbreviation_and_its_long_form_meet_each_other(name: str, window: str) -> None:
    assert initials_met(name, window)
    assert not initials_met(name, "the NBA and the National Basketball Association")


@pytest.mark.parametrize(
    ("adjective", "place"), [("Asian", "Asia"), ("Victorian", "Victoria"), ("European", "Europe")]
)
def test_an_adjective_of_place_meets_the_place(adjective: str, place: str) -> None:
    assert held(analyse([adjective])[0][0], set(analyse([place])[0]))


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("US", "america"),
        ("U.S.", "america"),
        ("USA", "america"),
        ("United States", "america"),
        ("American", "america"),
        ("UK", "britain"),
        ("U.K.", "britain"),
        ("Great Britain", "britain"),
        ("United Kingdom", "britain"),
        ("British", "britain"),
        ("Dravian", None),
        ("us", None),
        ("IT", None),
    ],
)
def test_a_country_is_named_by_its_initials_its_long_name_or_its_demonym(
    name: str, country: str | None
) -> None:
    assert country_named(name) == country


def test_the_countries_a_text_names_include_those_named_by_initials() -> None:
    text = "Troops from the U.S. and the UK joined Kenyan units; let us hope, said the USSR envoy."
    assert countries_named(text) == {"america", "britain", "kenya"}


@pytest.mark.parametrize(
    ("name", "window"),
    [
        ("United States", "The shipment reached the U.S. in May."),
        ("Ostby Rowing Union", "Rules of the O.R.U. bar such boats."),
    ],
)
def test_an_abbreviation_written_with_full_stops_meets_its_long_form(
    name: str, window: str
) -> None:
    assert initials_met(name, window)


@pytest.mark.parametrize(
    ("name", "text", "head"),
    [
        ("Harbour Trades Union", "The Harbour Trades Union met. Later the union voted.", "union"),
        ("HTU", "The Harbour Trades Union (HTU) met. Later the union voted.", "union"),
        ("Bank of Vell", "The Bank of Vell raised rates. The bank said so.", "bank"),
        # Two unions: "the union" could be either.
        ("Harbour Trades Union", "The Harbour Trades Union met the Dock Pilots Union.", None),
        ("Bank of Vell", "The Bank of Vell and the Bank of Ostby said.", None),
        # A name the text never gives in full.
        ("Harbour Trades Union", "Later the union voted.", None),
    ],
)
def test_a_name_given_in_full_may_be_spoken_of_by_its_head_noun(
    name: str, text: str, head: str | None
) -> None:
    assert short_form(name, text) == head


@pytest.mark.parametrize(
    ("word", "forms"),
    [("win", ["won"]), ("wins", ["win", "won"]), ("paid", ["pay"]), ("organise", ["organize"])],
)
def test_an_unseen_word_is_tried_in_its_other_spelling_or_verb_form(
    word: str, forms: list[str]
) -> None:
    assert other_spellings(word) == forms
