"""Dates people type for --since/--until and :since/:until."""

from __future__ import annotations

from datetime import date

import pytest

from qa.errors import ConfigError
from qa.search.date_phrases import parse_date_phrase, with_date_bound
from qa.search.retrieve import SearchFilters

NEWEST = date(2017, 11, 3)  # the newest publication date in an index


@pytest.mark.parametrize(
    ("typed", "first", "last"),
    [
        ("2017-03-05", date(2017, 3, 5), date(2017, 3, 5)),
        ("5 March 2017", date(2017, 3, 5), date(2017, 3, 5)),
        ("March 5, 2017", date(2017, 3, 5), date(2017, 3, 5)),
        ("2017-03", date(2017, 3, 1), date(2017, 3, 31)),
        ("March 2017", date(2017, 3, 1), date(2017, 3, 31)),
        ("feb 2016", date(2016, 2, 1), date(2016, 2, 29)),
        ("2017", date(2017, 1, 1), date(2017, 12, 31)),
        ("last year", date(2016, 1, 1), date(2016, 12, 31)),
        ("this year", date(2017, 1, 1), date(2017, 12, 31)),
        ("last month", date(2017, 10, 1), date(2017, 10, 31)),
        ("3 months ago", date(2017, 8, 3), date(2017, 8, 3)),
        ("two years ago", date(2015, 11, 3), date(2015, 11, 3)),
        ("past 2 weeks", date(2017, 10, 20), NEWEST),
        ("yesterday", date(2017, 11, 2), date(2017, 11, 2)),
    ],
)
def test_each_accepted_form_stands_for_its_span_of_days(
    typed: str, first: date, last: date
) -> None:
    assert parse_date_phrase(typed).span(NEWEST) == (first, last)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "soon",
            "'soon' is not a date; use a form like "
            "2017-03-05, 2017-03, 2017, March 2017, last year, 3 months ago",
        ),
        ("2017-02-30", "'2017-02-30' is not a day of the calendar"),
        (
            "2017-13",
            "'2017-13' is not a date; use a form like "
            "2017-03-05, 2017-03, 2017, March 2017, last year, 3 months ago",
        ),
    ],
)
def test_a_form_that_is_no_date_is_refused_naming_the_accepted_ones(
    typed: str, message: str
) -> None:
    with pytest.raises(ValueError) as refused:
        parse_date_phrase(typed)
    assert str(refused.value) == message


def test_a_year_bound_covers_the_whole_year_on_both_sides() -> None:
    year = parse_date_phrase("2017")
    filters = with_date_bound(SearchFilters(), "since", year, None)
    filters = with_date_bound(filters, "until", year, None)
    assert (filters.since, filters.until) == (date(2017, 1, 1), date(2017, 12, 31))
    assert filters.notes == ()


def test_a_relative_bound_says_it_is_counted_from_the_newest_article() -> None:
    filters = with_date_bound(SearchFilters(), "since", parse_date_phrase("last year"), NEWEST)
    assert filters.since == date(2016, 1, 1)
    assert filters.notes == (
        'since "last year" = 2016-01-01, counted from the newest article in the index '
        "(2017-11-03), not from today",
    )


def test_a_relative_bound_over_an_index_without_dates_is_refused() -> None:
    with pytest.raises(ConfigError) as refused:
        with_date_bound(SearchFilters(), "until", parse_date_phrase("3 months ago"), None)
    assert str(refused.value) == (
        "'3 months ago' is counted from the newest publication date in the index, "
        "and no indexed article has a date"
    )


def test_removing_a_bound_removes_its_note() -> None:
    filters = with_date_bound(SearchFilters(), "since", parse_date_phrase("last year"), NEWEST)
    assert with_date_bound(filters, "since", None, NEWEST) == SearchFilters()
