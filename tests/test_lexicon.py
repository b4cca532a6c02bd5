"""The words that stand for a country: its name, its demonyms, and their BM25 terms."""

from __future__ import annotations

import pytest

from qa.records import Constraint
from qa.search.answer_types import PLACE, anchors
from qa.search.answerability import describe_missing
from qa.search.lexicon import COUNTRIES, country_of
from qa.search.term_matching import held
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
