"""The words that stand for a country: its name, its demonyms, and their BM25 terms; common
and rare English words; misspellings of words and names."""

from __future__ import annotations

import pytest

from qa.records import Constraint
from qa.search.answer_types import PLACE, anchors
from qa.search.answerability import describe_missing
from qa.search.assistant import Assistant
from qa.search.lexicon import COUNTRIES, Lexicon, common_word, country_of
from qa.search.term_matching import held, initials_met, name_met_loosely, plain_words
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
