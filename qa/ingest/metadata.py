"""What one line says about its article: a date, a byline, a person's name, an outlet.

Dates are parsed by ``dateparser`` (any language it knows, day, month and
year all required, relative dates such as "12 hours ago" refused), never by
a pattern per format. Each function looks at one line and returns None when
the line does not say the thing; choosing which line to believe is the page
layout's job (``qa.ingest.layout``). ``estimate_years`` gives the labelled lower
bound shown when no date is stated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from qa.ingest.boilerplate import words
from qa.patterns import LazyPattern
from qa.text import CAPITALS, collapse_whitespace

#: Languages tried for dates; dateparser's own detection chooses among them.
DATE_LANGUAGES = ["en", "ru", "uk", "kk", "uz", "ky", "tr", "de", "fr", "es"]
_DATE_SETTINGS: dict[str, Any] = {
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PARSERS": ["absolute-time", "custom-formats"],
}
_YEAR = LazyPattern(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_DATE_PREFIX = LazyPattern(
    r"^(?:(?:first\s+)?published|posted|updated|last\s+updated|modified|date|dated|on|"
    r"опубликовано|дата)\b[\s:,-]*",
    re.I,
)


# All-number dates written with dots ("03.05.2019") are day-first wherever they are used.
_DOTTED_DATE = LazyPattern(r"(?<!\d)\d{1,2}\.\d{1,2}\.\d{4}(?!\d)")


def _settings_for(text: str) -> dict[str, Any]:
    if _DOTTED_DATE.search(text):
        return {**_DATE_SETTINGS, "DATE_ORDER": "DMY"}
    return _DATE_SETTINGS


@lru_cache(maxsize=4096)
def _parse(text: str) -> date | None:
    import dateparser

    try:
        parsed = dateparser.parse(text, languages=DATE_LANGUAGES, settings=_settings_for(text))
    except (ValueError, OverflowError):
        return None
    return parsed.date() if parsed is not None else None


#: Where a dateline goes on to its update: "3 March 2024, updated 4 March 2024".
_UPDATE_AFTER = LazyPattern(r"\s*[,;|·•]?\s+(?:last\s+)?(?:updated|modified)\b", re.I)
_UPDATE_LINE = LazyPattern(r"^\W*(?:last\s+)?(?:updated|modified)\b", re.I)


def is_update_line(text: str) -> bool:
    """Whether a dateline gives when the article was updated ("Updated 14 April 2024",
    "Last updated: …"), not when it was published."""
    return bool(_UPDATE_LINE.match(text))


#: A time of day beside a date ("3:53 PM EDT", "at 15:53 GMT"): it says nothing of the day,
#: and the date parser reads none of the line when a time zone's letters follow it.
_TIME_OF_DAY = LazyPattern(
    r"(?:\bat\s+)?\b(?:\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\b\.?)?"
    r"|\d{1,2}(?:\.\d{2})?\s*[AaPp]\.?[Mm]\b\.?)(?:\s*\(?[A-Z]{2,4}\)?(?![\w-]))?"
)


#: A machine timestamp as pages print it ("2024-03-03T10:00:00Z"): its date is the day.
_ISO_TIMESTAMP = LazyPattern(
    r"\b(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?(?!\w)"
)


#: The place a story was filed from, opening its date line: "LONDON, ", "Lindvik, ".
_PLACE_BEFORE_DATE = LazyPattern(rf"[{CAPITALS}][\w'’.-]*(?:\s+[{CAPITALS}][\w'’.-]*){{0,2}},\s+")
_MONTH = LazyPattern(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
    r"|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b",
    re.I,
)


def parse_dateline(text: str) -> date | None:
    """The date of a line that is only a date, maybe after "Published on" and the like.

    "20 february 2017", "Wednesday, 08 October 2003", "Posted on 3 May 2020"
    give a date; a sentence that mentions a date does not.
    """
    line = text.strip()
    while True:
        shorter = _DATE_PREFIX.sub("", line, count=1)
        if shorter == line:
            break
        line = shorter
    line = _UPDATE_AFTER.split(line, maxsplit=1)[0]
    place = _PLACE_BEFORE_DATE.match(line)
    if place and _MONTH.search(line, place.end()):
        line = line[place.end() :]  # "Lindvik, March 3, 2024": the place where it was filed
    line = _ISO_TIMESTAMP.sub(r"\1", line)
    line = _TIME_OF_DAY.sub(" ", line).strip(" ,|·•-–—")
    if not line or len(words(line)) > 6 or not _YEAR.search(line):
        return None
    return _parse(line)


def find_date(text: str) -> date | None:
    """The first full date written inside a short line, e.g. "(10/8/2003 issue of …)"."""
    if not _YEAR.search(text) or len(words(text)) > 25:
        return None
    text = _TIME_OF_DAY.sub(" ", text)
    from dateparser.search import search_dates

    try:
        found = search_dates(text, languages=DATE_LANGUAGES, settings=_settings_for(text))
    except (ValueError, OverflowError):
        return None
    for fragment, value in found or []:
        if _YEAR.search(fragment) and len(words(fragment)) <= 6:
            return value.date()  # type: ignore[no-any-return]
    return None


#: A word saying that the line gives when the story appeared, wherever it stands in the line.
_PUBLISHED_WORD = LazyPattern(r"\b(?:published|posted|created)\b", re.I)


def publication_date(text: str) -> date | None:
    """The date of a short line that says when the story was published, with words before
    it: "CNNMoney (New York) First published February 1, 2016: 1:28 AM ET", "Date created :
    2015-05-12"; None for any other line, or one that says when it was updated."""
    if len(words(text)) > 15 or not _PUBLISHED_WORD.search(text) or is_update_line(text):
        return None
    return find_date(text)


_PUBLICATION_MARKER = LazyPattern(
    r"^(?:(?:first\s+)?published|posted|updated|filed)(?:\s+(?:on|in|at|by|under)\b.*)?\s*:?$",
    re.I,
)


def is_publication_marker(text: str) -> bool:
    """A "Published" / "Posted on" / "Published in <section>" line (its date may be missing)."""
    return len(words(text)) <= 8 and bool(_PUBLICATION_MARKER.match(text.strip()))


_BYLINE = LazyPattern(
    r"^(?:by|written by|words by|posted by|reporting by|reported by|author|authors|text|автор"
    r"|авторы)\b\s*:?\s*(.+)$",
    re.I,
)
#: What ends the name(s) of a byline: an aside, a bar, "for …", or a social handle ("Jane
#: Doe Follow @janedoe").
_NAME_STOP = LazyPattern(r"\s*(?:\(|\||;|\s[-–—]\s|\b(?:for|in|on|at|of)\b|\b(?i:follow)\b|@\w)")
_PARTICLES = frozenset("de da di del der den van von la le al el bin ibn ben du dos y".split())
_NAME_TOKEN = LazyPattern(rf"^(?:[{CAPITALS}][\w'’\-]*\.?|[{CAPITALS}]\.(?:[{CAPITALS}]\.)*)$")


def looks_like_name(text: str) -> bool:
    """Two to five capitalised words (initials and particles allowed), nothing else; a run
    opening with "The" names a thing ("The Washington Post"), and one opening with "By" is
    a byline, not a name."""
    text = text.strip()
    if len(text) > 60 or any(ch.isdigit() for ch in text):
        return False
    tokens = re.split(r"\s+", text)
    if not 2 <= len(tokens) <= 5 or tokens[0] in ("The", "By"):
        return False
    capitalised = 0
    for token in tokens:
        if token.lower() in _PARTICLES:
            continue
        if not _NAME_TOKEN.match(token):
            return False
        capitalised += 1
    return capitalised >= 2


def looks_like_names(text: str) -> bool:
    """One name, or several joined by "and", "&" or commas; an outlet ("BBC News") or a
    job ("Staff Writer") after a comma is no name."""
    after_commas = text.strip().split(",")[1:]
    # A name of the media's or a job's words ("Emily Post", "Jennifer Senior") is a name
    # before any comma; after one it is an outlet or a job.
    if any(_MEDIA_WORDS.search(part) or _JOB_WORDS.search(part) for part in after_commas):
        return False
    parts = [p for p in re.split(r"\s*(?:,|&|\band\b|\bи\b)\s*", text.strip()) if p]
    return bool(parts) and all(looks_like_name(part) for part in parts)


#: Words of a byline that name a job, not a person: "Jane Doe, Staff Writer".
_JOB_WORDS = LazyPattern(
    r"\b(?:writer|correspondent|reporter|editor|staff|contributor|columnist|producer|"
    r"journalist|photographer|bureau|senior|special|chief)\b",
    re.I,
)


#: What sets apart the parts of a byline written on one line: "Jane Doe | Reuters | 3 March 2024".
_PIECE_BREAK = LazyPattern(r"\s+[|·•]\s+")
#: A part of a byline that says how long the story takes to read: "3 min read".
_READING_TIME = LazyPattern(r"\d{1,3}\s*(?:-\s*)?(?:min|mins|minutes?)(?:\s+read(?:ing)?)?", re.I)


def _byline_pieces(text: str) -> list[str] | None:
    """The parts of a byline set apart by bars or dots, the author's name(s) first, then
    only outlets, jobs, dates and reading times ("Jane Doe | Reuters | March 3, 2024", "By
    Jane Doe · 3 min read · Mar 3, 2024"); None for any other
    line (a menu, "Home | World | Business", names no author)."""
    pieces = _PIECE_BREAK.split(text.strip())
    if not 2 <= len(pieces) <= 4:
        return None
    found = _BYLINE.match(pieces[0])
    head = (found.group(1) if found else pieces[0]).strip(" .:,")
    if not looks_like_names(head):
        return None
    rest = pieces[1:]
    if not all(
        _outlet_piece(p) or _JOB_WORDS.search(p) or parse_dateline(p) or _READING_TIME.fullmatch(p)
        for p in rest
    ):
        return None
    return [head, *rest]


def _outlet_piece(text: str) -> str | None:
    """An outlet named alone in a part of a byline: a wire service or an outlet's word."""
    text = text.strip(" .")
    if len(words(text)) > 4 or _JOB_WORDS.search(text):
        return None
    return clean_outlet(text) if _MEDIA_WORDS.search(text) or _WIRE.fullmatch(text) else None


#: The dashes a signature line may open with: "-- By Jane Doe", "— By Jane Doe".
_SIGNATURE_DASH = LazyPattern(r"^(?:--?|[–—])\s*")


def parse_byline(text: str) -> str | None:
    """The author(s) of a "By Marat Yermukanov (…)" or "Jane Doe | Reuters | 3 March 2024"
    line, or None if it is no byline."""
    pieces = _byline_pieces(text)
    if pieces is not None:
        return pieces[0]
    found = _BYLINE.match(_SIGNATURE_DASH.sub("", text.strip()))
    if not found or len(words(text)) > 25:
        return None
    named = found.group(1).strip()
    run_on = _MONTH.search(named)  # "By Jane Doe March 11, 2015 3:46 PM": the date ends the name
    named = named[: run_on.start()] if run_on else named
    rest = _NAME_STOP.split(named, maxsplit=1)[0].strip(" .:,")
    # "By A and B" keeps both names; "By A, correspondent" keeps A.
    for candidate in (rest, rest.split(",")[0].strip()):
        if looks_like_names(candidate):
            return candidate
    return None


def parse_signature(text: str) -> str | None:
    """The name in a signature line: "Talgat Mamyrayymov, political scientist (Kazakhstan)"."""
    line = text.strip().rstrip(".")
    if len(words(line)) > 12:
        return None
    head = re.split(r"\s*(?:,|\(|\s[-–—]\s|\|)", line, maxsplit=1)[0].strip()
    return head if looks_like_name(head) else None


def name_with_job(text: str) -> str | None:
    """The person of a line that is only a name and a job: "Jane Doe, Contributor", "Jane
    Doe — Senior Reporter" (a few words holding a job's word after the name), else None."""
    name = parse_signature(text)
    if name is None:
        return None
    job = re.sub(r"^[\s,|(–—-]+|[\s).]+$", "", text.strip()[len(name) :])
    return name if job and len(words(job)) <= 5 and _JOB_WORDS.search(job) else None


# "With Post wires", "With files from the Canadian Press", "Additional reporting by AP": a note
# on whose material went into the story, not the name of the outlet that published it.
_CONTRIBUTION = LazyPattern(r"^(?:with|and|plus|additional|including)\b", re.I)
_MEDIA_WORD_LIST = (
    r"agency|agence|news|times|post|journal|analyst|review|magazine|gazette|gazeta|radio"
    r"|tv|television|broadcasting|press|media|tribune|herald|daily|weekly|monitor|observer"
    r"|chronicle|courier|telegraph|wire|bulletin|dispatch|digest|newspaper|информационное"
    r"|агентство|газета|новости"
)
_MEDIA_WORDS = LazyPattern(rf"\b(?:{_MEDIA_WORD_LIST})\b", re.I)
#: The words newspapers and broadcasters are named by, in a line that names one: the media's
#: words and the titles of papers ("Ledger", "Globe", "Star").
_NEWSPAPER_WORDS = LazyPattern(
    rf"\b(?:{_MEDIA_WORD_LIST}|ledger|globe|mirror|guardian|inquirer|enquirer|examiner"
    r"|sentinel|register|star|mail|express|standard|record|independent|bee|citizen|mercury)\b",
    re.I,
)
_DOMAIN = LazyPattern(
    r"\b([A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)*\.(?:com|org|net|info|news|ru|kz|kg|uz|tj|tm|ua|eu"
    r"|uk|de|fr|io|co|asia|am|az|ge|by|md))\b"
)
_CREDITS = (
    LazyPattern(r"^from our (?:partner|friends at)\s+(.+)$", re.I),
    LazyPattern(r"^(?:source|via|courtesy of)\s*:?\s+(.+)$", re.I),
    LazyPattern(
        r"^(?:this (?:article|story|piece) )?(?:was )?(?:originally|first) "
        r"(?:published|appeared) (?:by|in|on|at)\s+(.+?)"
        r"(?:[.!]\s+(?:read|view|see|visit|click)\b.*)?$",  # "… by X. Read the original article."
        re.I,
    ),
    LazyPattern(r"^(?:republished|reprinted) (?:with permission )?(?:from|by)\s+(.+)$", re.I),
    LazyPattern(
        r"^(?:(?:©|\(c\)|copyright)\s*)+(?:\d{4}(?:\s*[-–]\s*\d{4})?[.,]?)?\s*(.+?)"
        r"(?:,?\s*(?:inc|ltd|llc|gmbh)\.?)?(?:[.,]?\s*all rights reserved.*)?$",
        re.I,
    ),
)
_ISSUE_OF = LazyPattern(
    r"\b(?:issue|edition|number) of (?:the )?([^()]+?)\)?\s*$|\bfor (?:the )?([A-Z][^()]+?)\)\s*$"
)
# A reporter's own interview: "… recalled in an interview with EurasiaNet.org …". Weaker than
# a credit line (the outlet may be another's), so it only ever gives an ``inferred`` outlet.
# "told X" / "spoke to X" give nothing: quoting what someone told another outlet is common.
_INTERVIEW_WITH = LazyPattern(r"\bin an interview with\s+" + _DOMAIN.pattern)


def clean_outlet(name: str) -> str | None:
    """An outlet's name as it should be shown: no "the", no closing dot, no web suffix."""
    name = collapse_whitespace(name).strip(" .,:;-–—")
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    domain = _DOMAIN.fullmatch(name)
    if domain:
        name = name.rsplit(".", 1)[0]
        name = re.sub(r"^www\.", "", name, flags=re.I)
    if not name or len(words(name)) > 8 or not any(ch.isalpha() for ch in name):
        return None
    return name


def outlet_from_byline(text: str) -> str | None:
    """The outlet a byline names: "(10/8/2003 issue of the CACI Analyst)", or after the
    author's name and a bar or a comma, "Jane Doe | Reuters | March 3, 2024", "By Jane
    Doe, Reuters", "Jane Doe, BBC News" (an outlet's
    word, a wire service or an acronym; never a job, "Jane Doe, Staff Writer", nor a place)."""
    found = _ISSUE_OF.search(text)
    if found:
        return clean_outlet(found.group(1) or found.group(2))
    pieces = _byline_pieces(text)
    if pieces is not None:  # "Jane Doe | Reuters | March 3, 2024"
        return next(filter(None, map(_outlet_piece, pieces[1:])), None)
    line = _BYLINE.sub(r"\1", text.strip()).strip()
    head, comma, tail = line.rpartition(",")
    tail = tail.strip(" .")
    if not comma or not looks_like_names(head.strip()) or _JOB_WORDS.search(tail):
        return None
    if len(words(tail)) <= 4 and (_MEDIA_WORDS.search(tail) or _WIRE.fullmatch(tail)):
        return clean_outlet(tail)
    return None


#: A wire service named alone after a byline's name: an acronym ("AP", "AFP") or one of the
#: agencies bylines name so ("Reuters"). Two capitals other than "AP" are a place's code
#: after a place's name ("New York, NY", "London, UK"), not an outlet.
_WIRE = LazyPattern(r"AP|[A-Z]{3,5}|Reuters|Bloomberg|Xinhua|Interfax|Kyodo|Yonhap|Anadolu")


#: News agencies named alone on a line under a byline ("Jane Doe" then "Reuters").
_AGENCY = LazyPattern(
    r"(?:Reuters|Associated Press|AP|AFP|Agence France-Presse|Bloomberg|Xinhua|Interfax|"
    r"Kyodo(?: News)?|Yonhap|Anadolu(?: Agency)?|dpa|UPI|TASS|EFE|ANSA|PTI|IANS|ANI|PA Media)"
)


def agency_line(text: str) -> str | None:
    """A line that is only a news agency's name ("Reuters", "AFP"), else None."""
    line = text.strip(" .")
    return line if _AGENCY.fullmatch(line) else None


@dataclass(frozen=True, slots=True)
class WireDateline:
    """The dateline opening a wire story ("LONDON (Reuters) -", "KYIV, Ukraine (AP) —",
    "WASHINGTON, March 3, 2024 (AFP) –", or only "(Reuters) —" where a page dropped the
    place) or any story filed with a date ("CARLISLE, April 17, 2024 -"): how many
    characters of the paragraph it takes (to its closing bracket or its date), the agency
    when it names one and the date when it gives one with its year."""

    length: int
    outlet: str | None
    published: date | None


_WIRE_DATELINE = LazyPattern(
    rf"^\W{{0,2}}(?:[{CAPITALS}][{CAPITALS}.'’\- ]*[{CAPITALS}.]"  # LONDON, ST. LOUIS, KYIV
    r"(?:,\s*([^()\n]{1,40}?))?)?"  # ", Ukraine", ", March 3", ", March 3, 2024"; or no place
    rf"\s*\(({_WIRE.pattern}|{_AGENCY.pattern})\)(?=\s*(?:-{{1,2}}|–|—|:)\s)"
)


#: A place and a date opening a story, then a dash: "CARLISLE, April 17, 2024 -",
#: "Lindvik, Norway, March 3, 2024 —".
_FILED_DATELINE = LazyPattern(
    rf"^\W{{0,2}}[{CAPITALS}][\w.'’\- ]{{0,30}}?,\s*([^()\n]{{6,40}}?)\s*(?:-{{1,2}}|–|—)\s"
)


#: A full date alone opening the text before a dash: "Feb. 23, 2015 -- Life-threatening …".
_DATE_BEFORE_DASH = LazyPattern(
    r"^\W{0,2}([A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4})"
    r"\s*(?:-{1,2}|–|—)\s"
)


def read_wire_dateline(text: str) -> WireDateline | None:
    """The wire dateline a paragraph opens with (a place in capitals, maybe a region or a
    date, the agency in brackets, then a dash), or a place and a full date before a dash,
    or a full date alone before a dash, or None."""
    found = _WIRE_DATELINE.match(text)
    if found is None:
        for filed in (_FILED_DATELINE.match(text), _DATE_BEFORE_DASH.match(text)):
            published = parse_dateline(filed.group(1)) if filed else None
            if filed is not None and published is not None:
                return WireDateline(filed.end(1), None, published)
        return None
    middle = found.group(1)
    published = parse_dateline(middle) if middle else None
    return WireDateline(found.end(), clean_outlet(found.group(2)) or found.group(2), published)


def outlet_from_credit(text: str) -> str | None:
    """The outlet of a credit line: "From our partner RIAC", "Source: …", "© 2020 …"."""
    line = text.strip()
    if len(words(line)) > 15:
        return None
    for pattern in _CREDITS:
        found = pattern.match(line)
        if found:
            return clean_outlet(found.group(1))
    return None


def outlet_from_name_line(text: str) -> str | None:
    """A short line that is only an outlet's name: "Fergana international information agency."."""
    line = text.strip()
    count = len(words(line))
    if not 1 <= count <= 6 or looks_like_name(line.rstrip(".")) or _CONTRIBUTION.match(line):
        return None
    if line.rstrip(".").count(".") == 0 and not _MEDIA_WORDS.search(line):
        return None
    if _DOMAIN.fullmatch(line.rstrip(".")) or _MEDIA_WORDS.search(line):
        return clean_outlet(line)
    return None


#: Words of a section label naming a kind of news, never a publisher: "World News",
#: "Breaking News", "Local News", "Top Stories".
_SECTION_WORDS = frozenset(
    "news stories breaking latest top world local national international business politics "
    "sport sports opinion tech technology science health entertainment culture regional "
    "more related live us uk".split()
)
#: A header line's words that are a name's: capitalised, digits, call letters in brackets
#: ("FOX 13 News Utah (KSTU)"), or the small words inside names ("Times of India").
_OUTLET_TOKEN = LazyPattern(rf"^(?:[{CAPITALS}0-9(][\w'’&.)-]*|of|the|and|&|de|du|la|el)$")


#: Where a publisher's line names the site carrying its story: "ABC News via Yahoo".
_VIA = LazyPattern(r"\s+via\s+\S.{0,40}$")


def outlet_line(text: str) -> str | None:
    """A header line that only names the page's publisher: a web address ("Sott.net",
    "cleveland.com") or a name in capitals holding a word newspapers are named by
    ("Riverside Ledger", "The Washington Post", "FOX 13 News Utah (KSTU)", "ABC News via
    Yahoo": ABC News); never a
    section label ("World News"), a headline ("Good news for farmers") or a person. A
    byline naming only a publisher ("By The Associated Press") names it too."""
    line = re.sub(r"^by\s+", "", text.strip().rstrip("."), flags=re.I)
    line = _VIA.sub("", line)  # "ABC News via Yahoo": ABC's story, carried by Yahoo
    tokens = line.split()
    if not 1 <= len(tokens) <= 6 or _CONTRIBUTION.match(line) or _JOB_WORDS.search(line):
        return None
    if _DOMAIN.fullmatch(line):
        return line  # the site's name as it writes it: "Sott.net" is no "Sott"
    named = all(_OUTLET_TOKEN.match(token) for token in tokens)
    section = {w.casefold() for w in words(line)} <= _SECTION_WORDS
    if not named or section or not _NEWSPAPER_WORDS.search(line):
        return None
    return clean_outlet(line)


def outlet_from_text(text: str) -> str | None:
    """The outlet a reporter names as their own in a sentence: "… in an interview with
    EurasiaNet.org …" (a web address only). A guess: callers mark it ``inferred``."""
    found = _INTERVIEW_WITH.search(text)
    return clean_outlet(found.group(1)) if found else None


#: A year that may lie ahead of the writing: a deadline ("by 2022", "until 2047") or what
#: falls due then ("its 2025 bond", "the 2030 target").
_DEADLINE_BEFORE = LazyPattern(
    r"\b(?:by|until|till|through|before|towards?)\s+(?:the\s+end\s+of\s+)?$", re.I
)
_DUE_AFTER = LazyPattern(
    r"(?:\s+|-)(?:bonds?|notes?|targets?|goals?|deadline|plan|vision|strategy|agenda|maturity)\b",
    re.I,
)


def _ahead(text: str, start: int, end: int) -> bool:
    """Whether the year at ``start:end`` is a deadline or a due date (``_DEADLINE_BEFORE``,
    ``_DUE_AFTER``)."""
    return bool(
        _DEADLINE_BEFORE.search(text, max(0, start - 30), start) or _DUE_AFTER.match(text, end)
    )


def estimate_years(text: str, today: date | None = None) -> str | None:
    """A labelled lower bound on the publication year: the latest past year the text
    mentions ("2012 or later (the latest year the text mentions)"), or None.

    A report mentions the years before it was written, so the earliest year it names
    says nothing about when it appeared; the latest one is the best bound the text gives.
    """
    this_year = (today or date.today()).year
    years = [
        int(found.group(1))
        for found in _YEAR.finditer(text)
        if 1900 <= int(found.group(1)) <= this_year and not _ahead(text, *found.span())
    ]
    if not years:
        return None
    return f"{max(years)} or later (the latest year the text mentions)"


#: The longest title made from an article's own words, in words (a longer one ends in "…").
DERIVED_TITLE_WORDS = 12
_SENTENCE_END = ".!?…"
_CLAUSE_END = LazyPattern(r"[,;:—–]$")


def derived_title(paragraphs: list[str]) -> str:
    """A short title for an article that states none, from its first paragraph (past a wire
    dateline opening it): its first line when that reads as a heading (short, no closing
    stop), else its first sentence, cut after at most ``DERIVED_TITLE_WORDS`` words (at a
    clause's end where there is one)."""
    from qa.index.chunking import split_sentences
    from qa.records import Span

    text = next((p.strip() for p in paragraphs if p.strip()), "")
    wire = read_wire_dateline(text)
    if wire is not None:  # "OSLO, May 2 (Reuters) -- Norway's …" is titled from "Norway's"
        text = text[wire.length :].lstrip(" -–—:")
    if not text:
        return ""
    first_line = text.splitlines()[0].strip()
    if len(first_line.split()) <= DERIVED_TITLE_WORDS and first_line[-1] not in _SENTENCE_END:
        return first_line
    spans = split_sentences(text, Span(0, len(text)))
    sentence = collapse_whitespace(text[spans[0].start : spans[0].end]) if spans else text
    tokens = sentence.split()
    if len(tokens) <= DERIVED_TITLE_WORDS:
        return sentence.rstrip(".")
    shown = tokens[:DERIVED_TITLE_WORDS]
    # Cut after the last clause that ends past the first few words.
    for end in range(len(shown), 4, -1):
        if _CLAUSE_END.search(shown[end - 1]):
            shown = shown[:end]
            shown[-1] = shown[-1][:-1]
            break
    return " ".join(shown) + "…"


#: The separator before a site's name at the end of a page title: "… | Harbour Post Politics",
#: "… -- example.net", "… - The Herald".
_TITLE_SITE = LazyPattern(r"\s+(?:\||-{1,2}|–|—|::|·)\s+([^|–—·]{2,60})$")
_WEB_ADDRESS = LazyPattern(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}", re.I)


def title_without_site(title: str, outlet: str | None) -> str:
    """A page title without the site's name the page adds after it ("Storm moves east |
    Harbour Post Politics" → "Storm moves east" when the outlet is Harbour Post; "… --
    example.net"): the last part after a bar or a dash, when it is a web address or up to
    four words opening with a word of the outlet's name. Anything else stays as it is
    ("Smith — the man behind Apple" keeps its end beside the outlet Apple Daily)."""
    found = _TITLE_SITE.search(title)
    if found is None or found.start() == 0:
        return title
    site = found.group(1).strip()
    first = re.match(r"\w+", site)
    names = first is not None and first.group().casefold() in _name_words(outlet or "")
    if (names and len(site.split()) <= 4) or _WEB_ADDRESS.fullmatch(site):
        return title[: found.start()].rstrip()
    return title


def title_and_site(title: str) -> tuple[str, str | None]:
    """A headline without the publisher's name a scrape kept after it, and that name: "Storm
    moves east | Harbour Herald" → ("Storm moves east", "Harbour Herald"), when the last
    part after a bar or a dash names a publisher (``outlet_line``) and the part before it
    reads as a headline (four words or more: "Yahoo News - Latest News" is no headline and
    its publisher); else (title, None)."""
    found = _TITLE_SITE.search(title)
    headline = found is not None and len(words(title[: found.start()])) >= 4
    site = outlet_line(found.group(1)) if found and headline else None
    return (title[: found.start()].rstrip(), site) if found and site else (title, None)


def authors_without_publisher(author: str, outlet: str | None, page: str) -> str | None:
    """The people of a page's author field ("Jane Doe; John Roe", as trafilatura joins
    them) without the publisher it may also hold: a part that is the outlet's name ("Dana
    Ford; Tom Watkins; CNN" when the outlet is CNN), a news agency or a media company
    ("Northeast Ohio Media Group"), or the holder of the page's copyright ("Harbour Media"
    beside "Copyright (c) Harbour Media 2023"). None when nobody is left."""
    outlet_words = _name_words(outlet or "")
    people = [
        part
        for part in (p.strip() for p in author.split(";"))
        if part and not (outlet_words and set() < _name_words(part) <= outlet_words)
    ]
    # An agency or a media company named beside people is their employer, not an author.
    people = [part for part in people if not _publisher_name(part)] or people

    # A freelancer may hold the copyright of her own story: the last name left stays.
    kept = [part for part in people if not holds_copyright(part, page)] or people
    return "; ".join(kept) or None


def holds_copyright(name: str, page: str) -> bool:
    """Whether the page names ``name`` as the holder of its copyright ("© 2024 Harbour
    Media", "Copyright (c) Harbour Media")."""
    held = rf"(?:©|&copy;|&#169;|\bcopyright\b)[^<>\"\n]{{0,24}}?{re.escape(name)}"
    return re.search(held, page, re.I) is not None


def _publisher_name(text: str) -> bool:
    """A news agency ("Reuters") or a name of three words or more holding a media word
    ("Northeast Ohio Media Group"); a person named so ("Emily Post") is not one."""
    text = text.strip()
    return agency_line(text) is not None or (
        len(words(text)) >= 3 and _MEDIA_WORDS.search(text) is not None
    )


#: Words that say nothing of which outlet a name is ("The Washington Post").
_NAME_FILLERS = frozenset(("the", "and", "for"))


def _name_words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"\w{3,}", text)} - _NAME_FILLERS


#: An author's note closing an article: "Ines Calder is an award-winning journalist and
#: the author of …", "Jane Doe is a freelance reporter based in Almaty."
_BIO = LazyPattern(
    r"^\W*(?P<name>[^\s,]+(?:\s+[^\s,]+){1,3}?)\s+is\s+(?:an?|the)\s+(?:[\w-]+\s+){0,5}?"
    r"(?:journalist|reporter|correspondent|writer|editor|columnist|author|contributor|"
    r"novelist|blogger|broadcaster|commentator)s?\b"
)


def author_from_bio(text: str) -> str | None:
    """The person an author's note names ("Ines Calder is an award-winning journalist
    and the author of …"), or None when the text is no such note (its first words must be
    a person's name, and it must be short: at most 80 words)."""
    found = _BIO.match(text)
    if found is None or len(words(text)) > 80:
        return None
    name = found.group("name")
    return name if looks_like_name(name) else None
