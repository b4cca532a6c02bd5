"""Dates people type for ``--since``/``--until`` and ``:since``/``:until``.

Accepted forms, each standing for a span of days:

* a day: ``2017-03-05``, ``5 March 2017``, ``March 5, 2017``;
* a month: ``2017-03``, ``March 2017``, ``Mar 2017``;
* a year: ``2017``;
* relative phrases: ``today``, ``yesterday``, ``this week|month|year``,
  ``last week|month|year``, ``N days|weeks|months|years ago``,
  ``past|last N days|weeks|months|years``.

A bound takes the first day of its span for ``since`` and the last for
``until``: ``--since 2017 --until 2017`` is the whole year 2017.

Relative phrases are measured from the newest publication date in the index,
not from the wall clock: a corpus of 2017 articles asked "since last year"
means 2016 onwards, whatever today's date is. The resolved bound says so.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta

from qa.errors import ConfigError
from qa.patterns import LazyPattern
from qa.search.retrieve import SearchFilters
from qa.text import collapse_whitespace, normalise

ACCEPTED_FORMS = "2017-03-05, 2017-03, 2017, March 2017, last year, 3 months ago"

_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTHS["sept"] = 9
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

_MONTH_NAME = r"(?P<month>[a-z]+)\.?"
_ABSOLUTE = (
    LazyPattern(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"),
    LazyPattern(r"(?P<year>\d{4})-(?P<month>\d{1,2})"),
    LazyPattern(r"(?P<year>\d{4})"),
    LazyPattern(rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH_NAME},?\s+(?P<year>\d{{4}})"),
    LazyPattern(rf"{_MONTH_NAME}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"),
    LazyPattern(rf"{_MONTH_NAME},?\s+(?P<year>\d{{4}})"),
)
_AGO = LazyPattern(r"(?P<count>\d+|[a-z]+)\s+(?P<unit>day|week|month|year)s?\s+ago")
_PAST = LazyPattern(
    r"(?:the\s+)?(?:past|last)\s+(?P<count>\d+|[a-z]+)\s+(?P<unit>day|week|month|year)s?"
)
_CALENDAR = LazyPattern(r"(?P<which>this|last)\s+(?P<unit>week|month|year)")


@dataclass(frozen=True, slots=True)
class DatePhrase:
    """A date as typed, parsed but not yet placed in time.

    ``first`` and ``last`` give the span of days it stands for, given the
    reference date that relative phrases are measured from.
    """

    text: str
    kind: str  # "day", "month", "year" (absolute) or "ago", "past", "this", "last"
    year: int = 0
    month: int = 0
    day: int = 0
    count: int = 0  # relative phrases: how many units
    unit: str = ""  # relative phrases: "day", "week", "month" or "year"

    @property
    def relative(self) -> bool:
        """Whether the phrase is measured from a reference date."""
        return self.kind not in ("day", "month", "year")

    def span(self, reference: date | None) -> tuple[date, date]:
        """The first and last day the phrase stands for.

        ``reference`` (the newest publication date in the index) is needed by
        relative phrases only; without one they raise ConfigError.
        """
        kind = self.kind
        if kind == "day":
            day = _day(self.year, self.month, self.day, self.text)
            return day, day
        if kind == "month":
            return _calendar_span(date(self.year, self.month, 1), "month")
        if kind == "year":
            return _calendar_span(date(self.year, 1, 1), "year")
        if reference is None:
            raise ConfigError(
                f"{self.text!r} is counted from the newest publication date in the index, "
                "and no indexed article has a date"
            )
        if kind == "ago":  # a count of units before the reference day
            day = _minus(reference, self.count, self.unit)
            return day, day
        if kind == "past":  # from that day up to the reference day
            return _minus(reference, self.count, self.unit), reference
        if kind == "this":
            return _calendar_span(reference, self.unit)
        return _calendar_span(_minus(reference, 1, self.unit), self.unit)  # "last"

    def resolve(self, reference: date | None, *, end: bool) -> ResolvedDate:
        """The bound this phrase sets: its first day (``since``) or last day (``until``)."""
        first, last = self.span(reference)
        return ResolvedDate(self, last if end else first, reference if self.relative else None)


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """A bound placed in time, with what it was measured from (relative phrases only)."""

    phrase: DatePhrase
    day: date
    reference: date | None

    def explain(self, which: str) -> str | None:
        """How a relative bound was read, e.g. ``since "last year" = 2016-01-01 (…)``."""
        if self.reference is None:
            return None
        return (
            f'{which} "{self.phrase.text}" = {self.day.isoformat()}, counted from the newest '
            f"article in the index ({self.reference.isoformat()}), not from today"
        )


def with_date_bound(
    filters: SearchFilters, which: str, phrase: DatePhrase | None, reference: date | None
) -> SearchFilters:
    """``filters`` with its ``since`` or ``until`` bound set to ``phrase`` (None removes it).

    ``reference`` is the newest publication date in the index, which relative
    phrases are counted from. Raise ConfigError when the bounds leave no day.
    """
    if which not in ("since", "until"):
        raise ValueError(f"which must be 'since' or 'until', not {which!r}")
    day = note = None
    if phrase is not None:
        bound = phrase.resolve(reference, end=which == "until")
        day, note = bound.day, bound.explain(which)
    if which == "since":
        return replace(filters, since=day, since_note=note)
    return replace(filters, until=day, until_note=note)


def parse_date_phrase(text: str) -> DatePhrase:
    """Parse a typed date; raise ValueError naming the accepted forms when it is none."""
    cleaned = normalise(text)
    shown = collapse_whitespace(text)
    phrase = _absolute(cleaned, shown) or _relative(cleaned, shown)
    if phrase is None:
        raise ValueError(f"{shown!r} is not a date; use a form like {ACCEPTED_FORMS}")
    phrase.span(date(2000, 1, 1))  # an impossible day such as 2017-02-30 fails here, not later
    return phrase


def _absolute(text: str, shown: str) -> DatePhrase | None:
    for pattern in _ABSOLUTE:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        parts = match.groupdict()
        year = int(parts["year"])
        month = parts.get("month")
        if month is None:
            return DatePhrase(shown, "year", year)
        number = int(month) if month.isdigit() else _MONTHS.get(month)
        if number is None or not 1 <= number <= 12:
            return None
        if parts.get("day") is None:
            return DatePhrase(shown, "month", year, number)
        return DatePhrase(shown, "day", year, number, int(parts["day"]))
    return None


def _relative(text: str, shown: str) -> DatePhrase | None:
    if text in ("today", "yesterday"):
        return DatePhrase(shown, "ago", count=int(text == "yesterday"), unit="day")
    for kind, pattern in (("ago", _AGO), ("past", _PAST)):
        match = pattern.fullmatch(text)
        if match:
            count = _count(match["count"])
            return (
                None if count is None else DatePhrase(shown, kind, count=count, unit=match["unit"])
            )
    match = _CALENDAR.fullmatch(text)
    if match:
        return DatePhrase(shown, match["which"], unit=match["unit"])
    return None


def _count(word: str) -> int | None:
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word)


def _day(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"{text!r} is not a day of the calendar") from None


def _minus(day: date, count: int, unit: str) -> date:
    """``day`` moved ``count`` units back; months and years keep the day where it exists."""
    if unit == "day":
        return day - timedelta(days=count)
    if unit == "week":
        return day - timedelta(weeks=count)
    months = day.year * 12 + day.month - 1 - (count if unit == "month" else 12 * count)
    year, month = divmod(months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _calendar_span(day: date, unit: str) -> tuple[date, date]:
    """The calendar week (Monday to Sunday), month or year that holds ``day``."""
    if unit == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    if unit == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return date(day.year, day.month, 1), date(day.year, day.month, last)
    return date(day.year, 1, 1), date(day.year, 12, 31)
